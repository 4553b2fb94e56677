#!/usr/bin/env python3
"""Writes the .doc fixtures: corpus/doc/, the hostile compound files of corpus/hostile/,
and the two OLE files of corpus/docx/bad/ (a password-protected OOXML file and a .doc
renamed .docx).

Two sources:

- LibreOffice (Debian `libreoffice-writer-nogui`, a developer tool, not needed to build
  or test) converts the corpus forms and the .docx quirk fixtures whose tables it
  carries over faithfully: `soffice --headless --convert-to "doc:MS Word 97"`.
  Skipped (with --no-soffice, or when soffice is missing) the committed files stay.
- A minimal Word 97 writer below builds the row-property cases LibreOffice never
  writes (TC80 merge flags, sprmTInsert/TDelete/TDxaCol/TMerge/TSplit/TVertMerge,
  sprmPHugePapx, deleted rows and paragraph marks, 8-bit pieces, piece Prms, symbols)
  and the damaged files: each is an OLE2 compound file (version 3, 512-byte sectors,
  small streams in the mini stream) holding a WordDocument stream (FIB, text,
  CHPX/PAPX formatted disk pages), a 1Table stream (Clx, PlcBteChpx, PlcBtePapx,
  SttbfFfn) and, when needed, a Data stream. [MS-CFB] and [MS-DOC] section numbers
  are cited where a layout is built. Deterministic: re-running changes nothing
  unless this script (or LibreOffice's output) changes.

    python3 scripts/make_doc_fixtures.py [--no-soffice]     # from the repository root
"""
import os
import shutil
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "..", "corpus")

# --- [MS-CFB] compound file writer -------------------------------------------------

FREE, END, FATSECT = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
NOSTREAM = 0xFFFFFFFF


def cfb(streams, tweak=None):
    """An OLE2 compound file holding `streams` (name -> bytes) in the root storage.
    `tweak(layout)` may damage the result: layout has 'fat', 'dir', 'header' (bytearrays),
    'starts' (name -> first sector) and is assembled after it returns."""
    ssz = 512
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    big = [n for n in names if len(streams[n]) >= 4096]
    small = [n for n in names if len(streams[n]) < 4096]
    # mini stream: 64-byte mini sectors
    mini = bytearray()
    minifat = []
    mini_start = {}
    for n in small:
        data = streams[n]
        count = (len(data) + 63) // 64
        if count == 0:
            mini_start[n] = END
            continue
        mini_start[n] = len(minifat)
        for k in range(count):
            minifat.append(len(minifat) + 1 if k + 1 < count else END)
        mini += data + b"\0" * (count * 64 - len(data))
    entries = 1 + len(names)
    dir_sectors = (entries * 128 + ssz - 1) // ssz
    minifat_sectors = (len(minifat) * 4 + ssz - 1) // ssz
    ministream_sectors = (len(mini) + ssz - 1) // ssz
    big_sectors = {n: (len(streams[n]) + ssz - 1) // ssz for n in big}
    payload = dir_sectors + minifat_sectors + ministream_sectors + sum(big_sectors.values())
    fat_sectors, difat_sectors = 1, 0
    while True:  # the FAT covers itself, the DIFAT (§2.5: past 109 FAT sectors) and the payload
        difat_sectors = max(0, (fat_sectors - 109 + 126) // 127)
        if payload + fat_sectors + difat_sectors <= fat_sectors * (ssz // 4):
            break
        fat_sectors += 1
    total = fat_sectors + difat_sectors + payload
    fat = [FREE] * (fat_sectors * (ssz // 4))
    sector_data = [b""] * total
    pos = 0
    for k in range(fat_sectors):
        fat[pos] = FATSECT
        pos += 1
    for k in range(difat_sectors):
        ids = list(range(109 + 127 * k, min(fat_sectors, 109 + 127 * (k + 1))))
        ids += [FREE] * (127 - len(ids)) + [pos + 1 if k + 1 < difat_sectors else END]
        sector_data[pos] = b"".join(struct.pack("<I", x) for x in ids)
        fat[pos] = 0xFFFFFFFC  # DIFSECT
        pos += 1

    def chain(count, blobs):
        nonlocal pos
        if count == 0:
            return END
        start = pos
        for k in range(count):
            fat[pos] = pos + 1 if k + 1 < count else END
            sector_data[pos] = blobs[k * ssz:(k + 1) * ssz]
            pos += 1
        return start

    starts = {}
    dir_start_pos = pos
    dir_start = chain(dir_sectors, b"\0" * (dir_sectors * ssz))  # filled below
    minifat_bytes = b"".join(struct.pack("<I", x) for x in minifat)
    minifat_start = chain(minifat_sectors, minifat_bytes + b"\xff" * (minifat_sectors * ssz - len(minifat_bytes)))
    ministream_start = chain(ministream_sectors, bytes(mini))
    for n in big:
        starts[n] = chain(big_sectors[n], streams[n])
    for n in small:
        starts[n] = mini_start[n]

    def entry(name, typ, start, size, left=NOSTREAM, right=NOSTREAM, child=NOSTREAM):
        raw = name.encode("utf-16-le") + b"\0\0"
        e = raw + b"\0" * (64 - len(raw))
        e += struct.pack("<HBBIII", len(raw), typ, 1, left, right, child)
        e += b"\0" * 16 + b"\0" * 4 + b"\0" * 16
        e += struct.pack("<IQ", start, size)
        assert len(e) == 128
        return bytearray(e)

    # the root's children as a right-leaning chain in sorted order (a valid, if unbalanced, tree)
    dir_entries = [entry("Root Entry", 5, ministream_start if mini else END, len(mini), child=1 if names else NOSTREAM)]
    for i, n in enumerate(names):
        right = i + 2 if i + 1 < len(names) else NOSTREAM
        dir_entries.append(entry(n, 2, starts[n], len(streams[n]), right=right))
    dirblob = bytearray(b"".join(dir_entries))
    while len(dirblob) < dir_sectors * ssz:  # unused entries
        dirblob += b"\0" * 64 + struct.pack("<HBBIII", 0, 0, 0, NOSTREAM, NOSTREAM, NOSTREAM) + b"\0" * 48
    header = bytearray(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 16)
    header += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\0" * 6
    header += struct.pack("<IIIIIIIII", 0, fat_sectors, dir_start, 0, 4096,
                          minifat_start if minifat else END, minifat_sectors, fat_sectors if difat_sectors else END, difat_sectors)
    difat = list(range(min(fat_sectors, 109))) + [FREE] * (109 - min(fat_sectors, 109))
    header += b"".join(struct.pack("<I", x) for x in difat)
    assert len(header) == 512
    layout = {"fat": fat, "dir": dirblob, "header": header, "starts": starts, "sectors": sector_data,
              "dir_start": dir_start_pos, "names": names}
    if tweak:
        tweak(layout)
    fat = layout["fat"]
    for k in range(dir_sectors):
        sector_data[dir_start_pos + k] = bytes(layout["dir"][k * ssz:(k + 1) * ssz])
    fatblob = b"".join(struct.pack("<I", x) for x in fat)
    for k in range(fat_sectors):
        sector_data[k] = fatblob[k * ssz:(k + 1) * ssz]
    out = bytes(layout["header"]) + b"".join(s + b"\0" * (ssz - len(s)) for s in sector_data)
    return layout.get("post", lambda b: b)(out)


# --- [MS-DOC] minimal Word 97 writer ----------------------------------------------

def prl(sprm, operand=b""):
    return struct.pack("<H", sprm) + operand


def b1(v):
    return struct.pack("<B", v)


def flag(sprm, on=True):
    return prl(sprm, b1(1 if on else 0))


IN_TABLE, TTP, ITAP, INNER_CELL, INNER_TTP, HUGE = 0x2416, 0x2417, 0x6649, 0x244B, 0x244C, 0x6646
DEL, INS, SPEC, SYMBOL, FONT = 0x0800, 0x0801, 0x0855, 0x6A09, 0x4A4F


def tdeftable(edges, flags=None):
    """sprmTDefTable (§2.9.321): cb, NumberOfColumns, rgdxaCenter, rgTc80 (TCGRF first)."""
    n = len(edges) - 1
    flags = flags or [0] * n
    body = b1(n) + b"".join(struct.pack("<h", e) for e in edges)
    body += b"".join(struct.pack("<HH", f, 0) + b"\0" * 16 for f in flags)
    return prl(0xD608, struct.pack("<H", len(body) + 1) + body)


def fields_for(level, kind):
    """Paragraph sprms for a table paragraph: kind 'text', 'cell' or 'row'."""
    out = flag(IN_TABLE)
    if level > 1:
        out += prl(ITAP, struct.pack("<i", level))
        if kind in ("cell", "row"):
            out += flag(INNER_CELL)
        if kind == "row":
            out += flag(INNER_TTP)
    elif kind == "row":
        out += flag(TTP)
    return out


class Doc:
    """Paragraphs as (text, chp-runs, papx-sprms). Text is a list of (string, chp sprms)."""

    def __init__(self):
        self.paras = []
        self.fonts = ["Times New Roman", "Symbol", "SimSun"]
        self.compressed = []  # ranges of CP stored as 8-bit
        self.piece_prms = {}  # cp ranges -> grpprl (Prm1)

    def para(self, runs, papx=b"", mark="\r", mark_chp=b""):
        if isinstance(runs, str):
            runs = [(runs, b"")]
        self.paras.append((list(runs), papx, mark, mark_chp))

    def body(self, text):
        self.para(text)

    def table(self, rows, level=1):
        """rows: [(cells, row_sprms, row_mark_chp)]; a cell is a string, a list of runs,
        or a list of paragraphs (each a string/runs) or a nested table ('table', rows)."""
        for cells, row_sprms, row_chp in rows:
            for cell in cells:
                paras = cell if isinstance(cell, list) and cell and isinstance(cell[0], (list, tuple)) and cell[0] and cell[0][0] == "para" else [("para", cell)]
                for i, (_, content) in enumerate(paras):
                    if isinstance(content, tuple) and content[0] == "table":
                        self.table(content[1], level + 1)
                        continue
                    last = i + 1 == len(paras)
                    runs = content if isinstance(content, list) else [(content, b"")]
                    if last:
                        self.para(runs, fields_for(level, "cell"), "\x07" if level == 1 else "\r")
                    else:
                        self.para(runs, fields_for(level, "text"), "\r")
            self.para([], fields_for(level, "row") + row_sprms, "\x07" if level == 1 else "\r", row_chp)

    def build(self, encrypted=False, nfib=0xC1, huge_threshold=400):
        # characters with their CHPX and the paragraph each closes
        chars = []  # (char, chp)
        para_ends = []  # (cp of mark, papx)
        for runs, papx, mark, mark_chp in self.paras:
            for text, chp in runs:
                for ch in text:
                    chars.append((ch, chp))
            chars.append((mark, mark_chp))
            para_ends.append((len(chars), papx))
        ccp = len(chars)
        units = []  # code units (UTF-16) per CP: one unless a surrogate pair was given as one CP
        for ch, _ in chars:
            units.append(ch.encode("utf-16-le"))
        # a CP is one UTF-16 code unit: split astral characters
        flat = []
        for (ch, chp), u in zip(chars, units):
            for k in range(0, len(u), 2):
                flat.append((u[k:k + 2], chp))
        # recompute paragraph ends on the flat sequence
        ends, cp, i = [], 0, 0
        flat_len = []
        for (ch, chp), u in zip(chars, units):
            flat_len.append(len(u) // 2)
        acc, cpmap = 0, []
        for n in flat_len:
            acc += n
            cpmap.append(acc)
        para_ends = [(cpmap[e - 1], papx) for e, papx in para_ends]
        ccp = len(flat)

        fib_size = 1024
        word = bytearray(fib_size)
        # text: pieces, compressed where asked
        pieces = []  # (cp_begin, cp_end, fc_bytes, compressed)
        cp = 0
        bounds = sorted(set([0, ccp] + [x for r in self.compressed for x in r] + [x for r in self.piece_prms for x in r]))
        bounds = [b for b in bounds if 0 <= b <= ccp]
        fc_of = []  # byte offset per cp
        for a, b in zip(bounds, bounds[1:]):
            comp = any(x <= a and b <= y for x, y in self.compressed)
            start = len(word)
            for k in range(a, b):
                u = flat[k][0]
                if comp:
                    c = u.decode("utf-16-le")
                    word += c.encode("cp1252")
                else:
                    word += u
            pieces.append((a, b, start, comp))
            for k in range(a, b):
                fc_of.append(start + (k - a) * (1 if comp else 2))
        text_end = len(word)
        data = bytearray(b"\0" * 8)

        def align():
            while len(word) % 512:
                word.append(0)

        # CHPX FKPs: runs of equal chp
        chp_runs = []
        for k in range(ccp):
            fc = fc_of[k]
            w = 1 if any(p[0] <= k < p[1] and p[3] for p in pieces) else 2
            chp = flat[k][1]
            if chp_runs and chp_runs[-1][1] == fc and chp_runs[-1][2] == chp:
                chp_runs[-1][1] = fc + w
            else:
                chp_runs.append([fc, fc + w, chp])
        plc_chpx = self._fkps(word, chp_runs, paragraphs=False, align=align)
        # PAPX FKPs: one run per paragraph
        pap_runs = []
        start_cp = 0
        for end_cp, papx in para_ends:
            grpprl = b"\0\0" + papx  # istd 0
            if len(grpprl) > huge_threshold:  # PapxInData, through sprmPHugePapx
                at = len(data)
                data += struct.pack("<H", len(papx)) + papx
                grpprl = b"\0\0" + prl(HUGE, struct.pack("<I", at))
            first_fc = fc_of[start_cp]
            last_fc = fc_of[end_cp - 1] + (1 if any(p[0] <= end_cp - 1 < p[1] and p[3] for p in pieces) else 2)
            # pieces may not be contiguous in fc; a paragraph crossing pieces gets a run per piece
            for a, b, fcs, comp in pieces:
                lo, hi = max(a, start_cp), min(b, end_cp)
                if lo < hi:
                    w = 1 if comp else 2
                    pap_runs.append([fcs + (lo - a) * w, fcs + (hi - a) * w, grpprl])
            start_cp = end_cp
        pap_runs.sort(key=lambda r: r[0])
        plc_papx = self._fkps(word, pap_runs, paragraphs=True, align=align)

        table = bytearray()

        def put(blob):
            at = len(table)
            table.extend(blob)
            return at, len(blob)

        # Clx: Prcs, then the PlcPcd
        prcs = []
        clx = bytearray()
        prm_of = {}
        for rng, grpprl in self.piece_prms.items():
            prm_of[rng] = 1 | (len(prcs) << 1)
            prcs.append(grpprl)
            clx += b1(1) + struct.pack("<h", len(grpprl)) + grpprl
        plc = b"".join(struct.pack("<I", p[0]) for p in pieces) + struct.pack("<I", pieces[-1][1])
        for a, b, fcs, comp in pieces:
            prm = next((v for (x, y), v in prm_of.items() if x <= a and b <= y), 0)
            fc = (fcs * 2) | 0x40000000 if comp else fcs
            plc += struct.pack("<HIH", 0, fc, prm)
        clx += b1(2) + struct.pack("<I", len(plc)) + plc
        clx_at = put(clx)
        chpx_at = put(plc_chpx)
        papx_at = put(plc_papx)
        ffn = bytearray(struct.pack("<HH", len(self.fonts), 0))
        for name in self.fonts:
            rec = b"\0" * 39 + name.encode("utf-16-le") + b"\0\0"
            ffn += b1(len(rec)) + rec
        ffn_at = put(ffn)

        # FIB (§2.5.1)
        fib = bytearray(fib_size)
        flags = 0x0200 | (0x0100 if encrypted else 0)  # fWhichTblStm=1
        struct.pack_into("<HHHHHH", fib, 0, 0xA5EC, nfib, 0, 0x0804, 0, flags)
        struct.pack_into("<H", fib, 0x20, 14)  # csw
        struct.pack_into("<H", fib, 0x3E, 22)  # cslw
        rglw = 0x40
        struct.pack_into("<I", fib, rglw, len(word))  # cbMac
        struct.pack_into("<I", fib, rglw + 12, ccp)  # ccpText
        struct.pack_into("<H", fib, 0x98, 0x5D)  # cbRgFcLcb
        pairs = {12: chpx_at, 13: papx_at, 15: ffn_at, 33: clx_at}
        for i, (fc, lcb) in pairs.items():
            struct.pack_into("<II", fib, 0x9A + 8 * i, fc, lcb)
        word[:fib_size] = fib
        word += b"\0" * max(0, 4608 - len(word))  # big enough for regular sectors, as Word's are
        streams = {"WordDocument": bytes(word), "1Table": bytes(table)}
        if len(data) > 8:
            streams["Data"] = bytes(data)
        return streams

    @staticmethod
    def _fkps(word, runs, paragraphs, align):
        """Packs runs into 512-byte FKPs (ChpxFkp, PapxFkp) appended to `word`: rgfc from
        the start, grpprls from the end down; returns the PlcBte that indexes them."""
        entry = 13 if paragraphs else 1

        def blob_of(g):
            if not g:
                return b""
            if paragraphs:  # PapxInFkp: cb = (size+1)/2 for odd sizes, else 0 then size/2
                return (b1((len(g) + 1) // 2) + g) if len(g) % 2 else (b"\0" + b1(len(g) // 2) + g)
            return b1(len(g)) + g

        fcs, pns = [], []
        i = 0
        while i < len(runs):
            n, used = 0, 0
            while i + n < len(runs) and n < 100:
                b = blob_of(runs[i + n][2])
                need = used + len(b) + len(b) % 2
                if 4 * (n + 2) + entry * (n + 1) + need + 2 > 511:
                    break
                used, n = need, n + 1
            assert n > 0, "a property run too large for a page"
            group = runs[i:i + n]
            i += n
            align()
            page = bytearray(512)
            for k, r in enumerate(group):
                struct.pack_into("<I", page, 4 * k, r[0])
            struct.pack_into("<I", page, 4 * n, group[-1][1])
            top = 511
            for k, r in enumerate(group):
                b = blob_of(r[2])
                if not b:
                    continue
                top -= len(b)
                top -= top % 2
                page[top:top + len(b)] = b
                page[4 * (n + 1) + entry * k] = top // 2
            page[511] = n
            pns.append(len(word) // 512)
            fcs.append(group[0][0])
            word += page
        if not runs:
            return b""
        fcs.append(runs[-1][1])
        return b"".join(struct.pack("<I", x) for x in fcs) + b"".join(struct.pack("<I", p) for p in pns)


# --- the fixtures ------------------------------------------------------------------

def TC(h=0, v=0):
    """TCGRF: horzMerge in bits 0–1, vertMerge in bits 5–6."""
    return h | (v << 5)


def row(cells, sprms=b"", chp=b""):
    return (cells, sprms, chp)


def edges_per_row():
    d = Doc()
    d.body("行与行的单元格边界不同")
    d.table([
        row(["A1", "B1", "C1"], tdeftable([0, 2000, 4000, 6000])),
        row(["A2 wide", "C2"], tdeftable([0, 4000, 6000])),
        row(["B3 starts late", "C3"], tdeftable([2000, 4000, 6000])),
        row(["A4 ends early"], tdeftable([0, 2000])),
        row(["A5", "B5 off-grid", "C5"], tdeftable([0, 1000, 5000, 6000])),
    ])
    d.body("表后")
    return d


def merge_flags():
    d = Doc()
    d.body("TC80 merge flags")
    e = [0, 1500, 3000, 4500, 6000]
    d.table([
        row(["H-first", "H-merged", "C1", "D1"], tdeftable(e, [TC(h=1), TC(h=2), 0, 0])),
        row(["V-restart", "B2", "C2-first", "D2-merged"], tdeftable(e, [TC(v=3), 0, TC(h=1), TC(h=3)])),
        row(["V-cont-text", "B3", "C3", "D3"], tdeftable(e, [TC(v=1), 0, 0, 0])),
        row(["", "B4", "C4", "D4"], tdeftable(e, [TC(v=1), TC(v=3), 0, 0])),
        row(["A5", "", "C5", "D5"], tdeftable(e, [0, TC(v=1), 0, 0])),
    ])
    return d


def row_sprms():
    d = Doc()
    d.body("rows shaped by later table sprms")
    e = [0, 1000, 2000, 3000, 4000]
    d.table([
        # the spec's §3.6 example's way: no TDefTable, the cells inserted
        row(["ins-1", "ins-2", "ins-3", "ins-4"], prl(0x7621, struct.pack("<BBh", 0, 4, 1000))),
        # TDefTable, then cells 1–2 deleted: cell 0 takes their room
        row(["del-0", "del-3"], tdeftable(e) + prl(0x5622, struct.pack("<BB", 1, 3))),
        # cell 1 made 2000 wide: the rest moves right
        row(["dxa-0", "dxa-1 wide", "dxa-2", "dxa-3"], tdeftable(e) + prl(0x7623, struct.pack("<BBh", 1, 2, 2000))),
        # cells 0–1 merged, cells 2–3 merged then split again
        row(["merge-0", "merge-1", "split-2", "split-3"],
            tdeftable(e) + prl(0x5624, struct.pack("<BB", 0, 2)) + prl(0x5624, struct.pack("<BB", 2, 4)) + prl(0x5625, struct.pack("<BB", 2, 4))),
        # a vertical merge set by sprmTVertMerge, continued below
        row(["vm-restart", "b", "c", "d"], tdeftable(e) + prl(0xD62B, struct.pack("<BBB", 2, 0, 3))),
        row(["", "b2", "c2", "d2"], tdeftable(e) + prl(0xD62B, struct.pack("<BBB", 2, 0, 1)) + flag(0x3404)),
        # a cell inserted in the middle of a defined row
        row(["mid-0", "mid-new", "mid-1"], tdeftable([0, 2000, 4000]) + prl(0x7621, struct.pack("<BBh", 1, 1, 500))),
    ])
    return d


def nested():
    d = Doc()
    d.body("嵌套表格")
    inner = [row(["内1", "内2"], tdeftable([0, 1000, 2000])), row(["内3", "内4"], tdeftable([0, 1000, 2000]))]
    d.table([
        row(["外A", [("para", "外B 上"), ("para", ("table", inner)), ("para", "外B 下")]], tdeftable([0, 2000, 5000])),
        row(["外C", "外D"], tdeftable([0, 2000, 5000])),
    ])
    d.body("after")
    return d


def revisions():
    d = Doc()
    d.body([("kept ", b""), ("DELETED ", flag(DEL)), ("inserted", flag(INS))])
    d.para("first half of a paragraph whose mark was deleted", mark_chp=flag(DEL))
    d.body("second half")
    e = [0, 2000, 4000]
    d.table([
        row([[("A1 ", b""), ("gone", flag(DEL))], "B1"], tdeftable(e)),
        row([[("DELETED-ROW-A", flag(DEL))], [("DELETED-ROW-B", flag(DEL))]], tdeftable(e), flag(DEL)),
        row(["A3", "B3"], tdeftable(e)),
    ])
    return d


def fields():
    d = Doc()
    spec = flag(SPEC)
    f_begin, f_sep, f_end = ("\x13", spec), ("\x14", spec), ("\x15", spec)
    d.body([f_begin, (' HYPERLINK "http://example.org" ', b""), f_sep, ("LINK", b""), f_end])
    d.body([("page ", b""), f_begin, (" PAGE ", b""), f_sep, ("7", b""), f_end])
    d.body([("nested: ", b""), f_begin, (" IF ", b""), f_begin, (" = 1 ", b""), f_sep, ("1", b""), f_end, (' = 1 "yes" ', b""), f_sep,
            ("yes", b""), f_end])
    d.body([("no result:", b""), f_begin, (" FORMCHECKBOX ", b""), f_end, ("!", b"")])
    d.body([("picture", b""), ("\x01", spec), ("!", b"")])
    e = [0, 2000, 4000]
    d.table([
        row([[("a\x0bb", b""), ("\tc", b""), ("d\x1ee\x1ff", b"")], [("\x28", spec + prl(SYMBOL, struct.pack("<HH", 1, 0xF0B3))), ("80%", b"")]], tdeftable(e)),
        row([[("\uf0a3", prl(FONT, struct.pack("<H", 1))), ("5", b"")], "𠀀 astral"], tdeftable(e)),
    ])
    d.para("before a section break", mark="\x0c")
    d.body("after it")
    return d


def pieces():
    d = Doc()
    d.body("8-bit piece: \u201cquoted\u201d \u20ac5 caf\u00e9")
    d.body("UTF-16 piece: 中文")
    d.body("a piece marked deleted by its Prm")
    d.body("last")
    # CPs: paragraph 0 is 8-bit; paragraph 2's text is a piece with a Prm1 deleting it
    p0 = len("8-bit piece: \u201cquoted\u201d \u20ac5 caf\u00e9") + 1
    p1 = p0 + len("UTF-16 piece: 中文") + 1
    p2 = p1 + len("a piece marked deleted by its Prm")
    d.compressed = [(0, p0)]
    d.piece_prms = {(p1, p2): flag(DEL)}
    return d


def huge_papx():
    d = Doc()
    d.body("a 40-column row: its layout lives in the Data stream (sprmPHugePapx)")
    n = 40
    e = [k * 200 for k in range(n + 1)]
    d.table([row([f"c{k}" for k in range(n)], tdeftable(e)), row([f"d{k}" for k in range(n)], tdeftable(e))])
    return d


def form_doc():
    """A small 绩效自评表 built by the writer: the same form as corpus/docx/quirks/vmerge-block.docx? No — its own."""
    d = Doc()
    d.body("2020年度项目支出绩效自评表")
    e6 = [0, 1200, 2400, 3600, 4800, 6000, 7200]
    d.table([
        row(["项目名称", "示范项目"], tdeftable([0, 1200, 7200])),
        row(["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "偏差原因"], tdeftable(e6)),
        row(["产出指标", "数量指标", "培训人数", "≥100人", "120人", ""], tdeftable(e6, [TC(v=3), 0, 0, 0, 0, 0])),
        row(["", "质量指标", "合格率", "≥90%", "95%", ""], tdeftable(e6, [TC(v=1), 0, 0, 0, 0, 0])),
        row(["效益指标", "满意度指标", "满意度", "≥85%", "80%", "宣传不足"], tdeftable(e6)),
    ])
    return d


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def hostile():
    """Damaged compound files: each must be compound_file_corrupt, quickly."""
    base = fields().build()
    out = os.path.join(CORPUS, "hostile")

    def fat_loop(l):  # the WordDocument chain points back at its own first sector
        s = l["starts"]["WordDocument"]
        k = s
        while l["fat"][k] != END:
            k = l["fat"][k]
        l["fat"][k] = s
    write(os.path.join(out, "cfb-fat-loop.doc"), cfb(base, fat_loop))

    def past_end(l):  # a sector of the chain is far past the end of the file
        s = l["starts"]["WordDocument"]
        l["fat"][s] = 100000 if len(l["fat"]) > 100000 else len(l["fat"]) - 1
        l["fat"][len(l["fat"]) - 1] = END
    write(os.path.join(out, "cfb-sector-past-end.doc"), cfb(base, past_end))

    def too_long(l):  # WordDocument claims 16 MiB in a small file
        i = 1 + l["names"].index("WordDocument")
        struct.pack_into("<Q", l["dir"], i * 128 + 0x78, 16 << 20)
    write(os.path.join(out, "cfb-stream-longer-than-file.doc"), cfb(base, too_long))

    def dir_loop(l):  # a directory entry's sibling link points back at the root's child
        last = len(l["names"])
        struct.pack_into("<I", l["dir"], last * 128 + 0x48, 1)
    write(os.path.join(out, "cfb-directory-loop.doc"), cfb(base, dir_loop))

    def difat_loop(l):  # 490 FAT sectors declared in three DIFAT sectors; the first points to itself
        h = l["header"]
        here = len(l["sectors"])
        struct.pack_into("<I", h, 0x2C, 109 + 3 * 127)
        struct.pack_into("<II", h, 0x44, here, 3)
        difat = b"".join(struct.pack("<I", FREE) for _ in range(127)) + struct.pack("<I", here)
        l["post"] = lambda b: b + difat + b"\0" * (512 * 600)
    write(os.path.join(out, "cfb-difat-loop.doc"), cfb(base, difat_loop))

    full = cfb(base)
    write(os.path.join(out, "cfb-truncated.doc"), full[:len(full) // 2])


def bad_docs():
    out = os.path.join(CORPUS, "doc", "bad")
    write(os.path.join(out, "encrypted.doc"), cfb(form_doc().build(encrypted=True)))
    write(os.path.join(out, "word95.doc"), cfb(form_doc().build(nfib=0x68)))
    write(os.path.join(out, "workbook.doc"), cfb({"Workbook": b"\x09\x08" + b"\0" * 5000}))
    write(os.path.join(out, "other-ole.doc"), cfb({"Contents": b"hello" * 10, "\x01CompObj": b"\0" * 80}))
    streams = form_doc().build()
    write(os.path.join(out, "no-table-stream.doc"), cfb({"WordDocument": streams["WordDocument"]}))
    word = bytearray(streams["WordDocument"])
    struct.pack_into("<I", word, 0x9A + 8 * 33, 1 << 20)  # fcClx far past the table stream
    write(os.path.join(out, "clx-past-end.doc"), cfb({"WordDocument": bytes(word), "1Table": streams["1Table"]}))
    write(os.path.join(out, "not-a-fib.doc"), cfb({"WordDocument": b"\x00" * 5000, "1Table": b"\0" * 100}))
    # the .docx bad fixtures that are OLE files (they were byte-level fakes before the .doc reader)
    docx_bad = os.path.join(CORPUS, "docx", "bad")
    write(os.path.join(docx_bad, "encrypted.docx"),
          cfb({"EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00" + b"\0" * 200, "EncryptedPackage": b"\0" * 5000}))
    write(os.path.join(docx_bad, "word97.docx"), cfb(form_doc().build()))


FUZZ = os.path.join(HERE, "..", "fuzz", "corpus", "doc")


def fuzz_seed(name, streams):
    """A seed of fuzz/fuzz_doc.cpp's stream mode: the Word streams without their container."""
    word, table, data = streams["WordDocument"], streams["1Table"], streams.get("Data", b"")
    write(os.path.join(FUZZ, f"streams-{name}.bin"), struct.pack("<II", len(word), len(table)) + word + table + data)


def quirks():
    out = os.path.join(CORPUS, "doc", "quirks")
    for name, make in [("edges-per-row", edges_per_row), ("merge-flags", merge_flags), ("row-sprms", row_sprms),
                       ("nested-itap", nested), ("revisions", revisions), ("fields-and-characters-made", fields),
                       ("pieces", pieces), ("huge-papx", huge_papx), ("small-form", form_doc)]:
        streams = make().build()
        write(os.path.join(out, name + ".doc"), cfb(streams))
        fuzz_seed(name, streams)


# Forms and .docx quirk fixtures LibreOffice converts faithfully (tests/unit/test_doc.cpp
# checks each against its .docx). Not converted, because LibreOffice changes what they
# hold: content-controls (text form fields with an extra paragraph), fields-and-characters
# (a PAGE result recomputed), split-form (a vMerge continuation without a restart is
# dropped), tracked-changes (row deletions and deleted paragraph marks are not exported),
# wide-and-short-rows (a short row's last cell stretched to the table's width),
# no-package-rels (LibreOffice cannot open it).
QUIRKS = ["alternate-content", "grid-before-after", "hmerge", "main-part-elsewhere", "nested", "ns0-prefix", "strict",
          "vmerge-block", "vmerge-orphans"]


def soffice_pairs():
    """Every corpus form (corpus/docx/AREA/*.docx but the bad packages, peers' fixtures and
    quirks), and the faithful quirks: (source, destination) relative to corpus/."""
    out = []
    for area in sorted(os.listdir(os.path.join(CORPUS, "docx"))):
        if area in ("bad", "peers", "quirks") or not os.path.isdir(os.path.join(CORPUS, "docx", area)):
            continue
        for f in sorted(os.listdir(os.path.join(CORPUS, "docx", area))):
            if f.endswith(".docx"):
                out.append((f"docx/{area}/{f}", f"doc/{area}/{f[:-1]}"))
    return out + [(f"docx/quirks/{n}.docx", f"doc/quirks/{n}.doc") for n in QUIRKS]


def soffice():
    exe = shutil.which("soffice")
    if not exe:
        print("soffice not found: the LibreOffice conversions are kept as committed", file=sys.stderr)
        return
    with tempfile.TemporaryDirectory() as tmp:
        for src, dst in soffice_pairs():
            subprocess.run([exe, "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to", "doc:MS Word 97",
                            "--outdir", tmp, os.path.join(CORPUS, src)], check=True, capture_output=True)
            made = os.path.join(tmp, os.path.splitext(os.path.basename(src))[0] + ".doc")
            os.makedirs(os.path.dirname(os.path.join(CORPUS, dst)), exist_ok=True)
            shutil.copyfile(made, os.path.join(CORPUS, dst))


def main():
    quirks()
    bad_docs()
    hostile()
    if "--no-soffice" not in sys.argv:
        soffice()


if __name__ == "__main__":
    main()
