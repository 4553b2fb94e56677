#!/usr/bin/env python3
"""`jixiao report` rendered by a real browser (headless Chromium).

    test_report_browser.py JIXIAO CORPUS WORKDIR

Builds a report of several corpus forms (the seed .docx, whose checks fire; a
text form; an HTML form read as OCR output; an .xlsx), a generated form whose
cells hold markup (`<script>`, `&`), and a file that does not exist; then:
  - renders it with `chromium --headless --screenshot` and checks the PNG: its
    size, and that it is not blank (distinct colours, non-white pixels),
    decoding it with zlib and struct only;
  - prints it to PDF (`--print-to-pdf`): several pages;
  - reads the DOM Chromium built (`--dump-dom`, after the page's script ran)
    and checks, against `jixiao dump`'s JSON of the same inputs: one
    `td.cell` per grid cell with its rowspan/colspan, every diagnostic listed,
    every diagnostic link resolving to a cell of the right table, a verdict
    mark per indicator, the field colours present, the markup in cells kept
    as text (one script element in the page), the unreadable file shown as an
    error section.
Exit status 77 (ctest: skipped) when chromium is not installed.
"""
import html.parser
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib

SKIP = 77
CHROMIUM_TIMEOUT = 30  # seconds; a run takes 2-8 s on a loaded 2-vCPU machine
WIDTH, HEIGHT = 1280, 2000


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def check(cond, msg):
    if not cond:
        fail(msg)


def chromium_binary():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    return None


def chromium(binary, work, *args):
    profile = os.path.join(work, "profile")
    cmd = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-extensions", "--no-first-run", "--user-data-dir=" + profile, *args]
    try:
        return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=CHROMIUM_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        fail("chromium took more than %d s: %s" % (CHROMIUM_TIMEOUT, " ".join(cmd)))


# --- PNG decoding (zlib + struct; 8-bit RGB/RGBA as Chromium writes) ------------------
def decode_png(data):
    check(data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG")
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    width, height, depth, colour, _, _, interlace = header
    check(depth == 8 and colour in (2, 6) and interlace == 0, "unexpected PNG format %r" % (header,))
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows, prev, i = [], bytearray(stride), 0
    for _ in range(height):
        f = raw[i]
        line = bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            a = line[x - bpp] if x >= bpp else 0
            b = prev[x]
            c = prev[x - bpp] if x >= bpp else 0
            if f == 1:
                line[x] = (line[x] + a) & 255
            elif f == 2:
                line[x] = (line[x] + b) & 255
            elif f == 3:
                line[x] = (line[x] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, bpp, rows


# --- the DOM ------------------------------------------------------------------------
class Dom(html.parser.HTMLParser):
    """Elements with their attributes, and the text inside each td.cell."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []  # (tag, attrs dict)
        self.by_id = {}
        self.cell_text = {}
        self._cell = None
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.elements.append((tag, a))
        if "id" in a:
            check(a["id"] not in self.by_id, "duplicate id " + a["id"])
            self.by_id[a["id"]] = (tag, a)
        if tag == "td" and "cell" in a.get("class", "").split():
            self._cell, self._depth = a["id"], 0
            self.cell_text[self._cell] = ""
        elif self._cell is not None and tag not in ("br",):
            self._depth += 1

    def handle_endtag(self, tag):
        if self._cell is None:
            return
        if tag == "td" and self._depth == 0:
            self._cell = None
        elif self._depth > 0:
            self._depth -= 1

    def handle_data(self, data):
        if self._cell is not None and self._depth == 0:
            self.cell_text[self._cell] += data


def classes(attrs):
    return attrs.get("class", "").split()


def main():
    jixiao, corpus, work = sys.argv[1:4]
    binary = chromium_binary()
    if binary is None:
        print("SKIP: chromium is not installed (scripts/setup.sh installs Debian's chromium)")
        return SKIP
    os.makedirs(work, exist_ok=True)

    hostile = os.path.join(work, "markup-in-cells.txt")
    with open(hostile, "w", encoding="utf-8") as f:
        f.write("\t项目名称\n\t<script>document.title='pwned'</script> & \"quoted\"\n\n"
                "\t一级指标\n\t二级指标\n\t三级指标\n\t指标值\n\t实际完成值\n\n"
                "\t产出指标\n\t数量指标\n\t<b>bold</b> &amp; more\n\t≥80%\n\t0.9\n\n\n")
    readable = [
        os.path.join(corpus, "docx/hunan/nanyue-canlian-2020.docx"),
        os.path.join(corpus, "text/central/jishan-yibao-2020.txt"),
        os.path.join(corpus, "html/ocr/ppstructure-project-form.html"),
        os.path.join(corpus, "xlsx/libreoffice/jishan-yibao-2020.xlsx"),
        hostile,
    ]
    missing = os.path.join(work, "no-such-file.docx")
    inputs = readable[:3] + [missing] + readable[3:]
    for p in readable:
        check(os.path.exists(p), "corpus input missing: " + p)

    # Exit status: 2 with an unreadable input (the page is written all the same),
    # 0 when all read, 2 for a usage error.
    page = os.path.join(work, "report.html")
    r = subprocess.run([jixiao, "report", *inputs, "-o", page], stderr=subprocess.PIPE, timeout=120)
    check(r.returncode == 2, "exit status %d with an unreadable input, expected 2" % r.returncode)
    check(b"no-such-file.docx" in r.stderr, "the unreadable input is not named on stderr")
    check(os.path.getsize(page) > 10000, "the page is too small")
    ok = subprocess.run([jixiao, "report", readable[0], "-o", os.path.join(work, "one.html")], timeout=120)
    check(ok.returncode == 0, "exit status %d for a form read without errors, expected 0" % ok.returncode)
    usage = subprocess.run([jixiao, "report", readable[0]], stderr=subprocess.DEVNULL, timeout=60)
    check(usage.returncode == 2, "exit status %d without -o, expected 2" % usage.returncode)

    with open(page, encoding="utf-8") as f:
        source = f.read()
    check("http://" not in source and "https://" not in source, "the page refers to the network")
    check(source.count("<script") == 1, "the page's source holds more than its own script element")
    check("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt; &amp; &quot;quoted&quot;" in source,
          "the cell with markup is not escaped as expected")

    # What the page must show, from the JSON of the same inputs.
    docs = []
    for p in inputs:
        if p == missing:
            docs.append(None)
            continue
        d = subprocess.run([jixiao, "dump", p], stdout=subprocess.PIPE, timeout=120)
        check(d.returncode in (0, 1), "dump %s: exit %d" % (p, d.returncode))
        docs.append(json.loads(d.stdout))

    # --- the screenshot -----------------------------------------------------------------
    png = os.path.join(work, "report.png")
    if os.path.exists(png):
        os.remove(png)
    s = chromium(binary, work, "--screenshot=" + png, "--window-size=%d,%d" % (WIDTH, HEIGHT), "file://" + os.path.abspath(page))
    check(os.path.exists(png), "no screenshot; chromium said: " + s.stderr.decode(errors="replace")[-2000:])
    with open(png, "rb") as f:
        width, height, bpp, rows = decode_png(f.read())
    check((width, height) == (WIDTH, HEIGHT), "screenshot is %dx%d, expected %dx%d" % (width, height, WIDTH, HEIGHT))
    colours, non_white = set(), 0
    for row in rows:
        for x in range(0, len(row), bpp):
            px = row[x:x + 3]
            colours.add(px)
            if px != b"\xff\xff\xff":
                non_white += 1
    share = non_white / (width * height)
    print("screenshot: %dx%d, %d distinct colours, %.1f%% non-white pixels" % (width, height, len(colours), 100 * share))
    check(len(colours) >= 50, "the screenshot has only %d colours: blank?" % len(colours))
    check(share >= 0.05, "the screenshot is %.1f%% non-white: blank?" % (100 * share))

    # --- printed: a PDF of several pages --------------------------------------------------
    pdf = os.path.join(work, "report.pdf")
    if os.path.exists(pdf):
        os.remove(pdf)
    chromium(binary, work, "--no-pdf-header-footer", "--print-to-pdf=" + pdf, "file://" + os.path.abspath(page))
    check(os.path.exists(pdf), "no PDF printed")
    with open(pdf, "rb") as f:
        printed = f.read()
    pages = [int(n) for n in re.findall(rb"/Count (\d+)", printed)]
    check(printed.startswith(b"%PDF") and pages and max(pages) >= 5, "the printed page count is %r" % pages)
    print("printed: %d pages" % max(pages))

    # --- the DOM after the page's script ran ------------------------------------------
    dumped = chromium(binary, work, "--dump-dom", "file://" + os.path.abspath(page))
    check(dumped.returncode == 0 and dumped.stdout, "chromium --dump-dom failed: " + dumped.stderr.decode(errors="replace")[-2000:])
    dom_text = dumped.stdout.decode("utf-8")
    check("<title>jixiao report</title>" in dom_text, "the page's title changed: a cell's script ran?")
    dom = Dom()
    dom.feed(dom_text)
    check(sum(1 for tag, _ in dom.elements if tag == "script") == 1, "the DOM holds more than one script element")
    check(not any(tag == "b" and "bold" in a.get("id", "") for tag, a in dom.elements), "markup from a cell became an element")
    texts = list(dom.cell_text.values())
    check(any("<script>document.title='pwned'</script> & \"quoted\"" in t for t in texts),
          "the cell holding <script> does not show it as text")
    check(any("<b>bold</b> &amp; more" in t for t in texts), "the cell holding <b> does not show it as text")

    links = [a for tag, a in dom.elements if tag == "a" and "cell-link" in classes(a)]
    total_cells = 0
    for i, doc in enumerate(docs):
        section = dom.by_id.get("d%d" % i)
        check(section is not None and section[0] == "section", "no section for input %d" % i)
        if doc is None:
            check("failed" in classes(section[1]), "the unreadable input's section is not an error section")
            continue
        for t, table in enumerate(doc["tables"]):
            grid = dom.by_id.get("d%d-t%d" % (i, t))
            check(grid is not None and grid[0] == "table", "input %d: no table %d" % (i, t))
            prefix = "d%d-t%d-c" % (i, t)
            cells = {k: a for k, (tag, a) in dom.by_id.items() if k.startswith(prefix) and tag == "td"}
            check(len(cells) == len(table["cells"]),
                  "input %d table %d: %d cells drawn, the grid has %d" % (i, t, len(cells), len(table["cells"])))
            for k, c in enumerate(table["cells"]):
                a = cells[prefix + str(k)]
                check(int(a.get("rowspan", "1")) == c["rowspan"] and int(a.get("colspan", "1")) == c["colspan"],
                      "input %d table %d cell %d: spans %s/%s, the grid says %d/%d"
                      % (i, t, k, a.get("rowspan"), a.get("colspan"), c["rowspan"], c["colspan"]))
            total_cells += len(cells)
        diags = doc["diagnostics"] + [d for f in doc["forms"] for d in f["diagnostics"]]
        listed = [a for k, (tag, a) in dom.by_id.items() if tag == "li" and k.startswith("d%d-g" % i)]
        check(len(listed) == len(diags), "input %d: %d diagnostics listed, the document has %d" % (i, len(listed), len(diags)))
        located = sum(1 for d in diags if d["at"]["table"] is not None and d["at"]["row"] is not None)
        mine = [a for a in links if a["href"].startswith("#d%d-" % i)]
        check(len(mine) == located, "input %d: %d diagnostic links, %d diagnostics located in a grid" % (i, len(mine), located))
        indicators = sum(len(f["indicators"]) for f in doc["forms"])
        print("input %d (%s): %d tables, %d diagnostics, %d links, %d indicators"
              % (i, doc["source"]["format"], len(doc["tables"]), len(diags), len(mine), indicators))
    for a in links:
        target = a["href"][1:]
        check(target in dom.by_id, "diagnostic link to #%s: no such element" % target)
        tag, attrs = dom.by_id[target]
        check(tag == "td" and "cell" in classes(attrs), "diagnostic link to #%s: not a grid cell" % target)
        # the cell is marked, and its mark leads back to the diagnostic
        check({"d0", "d1", "d2"} & set(classes(attrs)), "#%s has a diagnostic but no mark" % target)
        back = attrs.get("data-diags", "").split()
        check(back and all(dom.by_id.get(x, ("",))[0] == "li" for x in back), "#%s: data-diags does not name list items" % target)

    # Verdict marks: one per indicator of every form, in the page.
    indicators = sum(len(f["indicators"]) for d in docs if d for f in d["forms"])
    marks = [a for tag, a in dom.elements if tag == "span" and "v" in classes(a) and a.get("title")]
    check(len(marks) == indicators, "%d verdict marks, %d indicators" % (len(marks), indicators))
    verdicts = {"met": "v-met", "not_met": "v-not_met", "unknown": "v-unknown"}
    for v, cls in verdicts.items():
        want = sum(1 for d in docs if d for f in d["forms"] for x in f["indicators"] if x["verdict"] == v)
        got = sum(1 for a in marks if cls in classes(a))
        check(want == got, "%d marks %s, %d indicators %s" % (got, cls, want, v))

    # Field colours: the seed form has every kind of field but goals.
    seed = {a.get("id"): classes(a) for tag, a in dom.elements if tag == "td" and a.get("id", "").startswith("d0-t")}
    for cls in ("f-field", "f-funds", "f-overall", "f-level1", "f-level2", "f-name", "f-target", "f-actual"):
        check(any(cls in c for c in seed.values()), "no cell of the seed form is coloured " + cls)
    print("dom: %d grid cells, %d diagnostic links, %d verdict marks; all links resolve to cells"
          % (total_cells, len(links), len(marks)))
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
