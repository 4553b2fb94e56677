"""Shared helpers of the `jixiao convert` tests: a generated archive and readers of every output."""
import csv
import hashlib
import os
import random
import shutil
import sqlite3
import subprocess
import zipfile

TAKEN = (".txt", ".docx", ".doc", ".htm", ".html", ".xlsx")  # what a directory walk takes by default


def corpus_forms(corpus):
    """The corpus's real forms: every text input, the .docx forms and their .doc copies (not the bad packages or peers' fixtures)."""
    forms = []
    for root, _, files in os.walk(os.path.join(corpus, "text")):
        forms += [os.path.join(root, f) for f in files if f.endswith(".txt")]
    for area in ("hunan", "central"):
        d = os.path.join(corpus, "docx", area)
        forms += [os.path.join(d, f) for f in os.listdir(d) if f.endswith(".docx")]
        d = os.path.join(corpus, "doc", area)
        forms += [os.path.join(d, f) for f in os.listdir(d) if f.endswith(".doc")]
    return sorted(forms)


def make_archive(corpus, root, copies, seed=6):
    """Writes `copies` copies of the corpus forms in nested folders, plus the awkward files an archive
    holds. Returns {path: kind} of every file a convert run must report, kind one of
    'form', 'corrupt', 'empty', 'gbk', 'utf16'."""
    rng = random.Random(seed)
    if os.path.exists(root):
        shutil.rmtree(root)
    expected = {}
    forms = corpus_forms(corpus)
    for i in range(copies):
        src = forms[i % len(forms)]
        d = os.path.join(root, f"region-{i % 5}", f"county-{i % 7:02d}", f"{2019 + i % 3}")
        os.makedirs(d, exist_ok=True)
        dst = os.path.join(d, f"form-{i:05d}{os.path.splitext(src)[1]}")
        shutil.copyfile(src, dst)
        expected[dst] = "form"

    odd = os.path.join(root, "odd", "nested", "deeper")
    os.makedirs(odd, exist_ok=True)
    seed_txt = open(os.path.join(corpus, "text", "hunan", "nanyue-canlian-2020.txt"), encoding="utf-8").read()
    central_txt = open(os.path.join(corpus, "text", "central", "jishan-yibao-2020.txt"), encoding="utf-8").read()
    seed_docx = open(os.path.join(corpus, "docx", "hunan", "nanyue-canlian-2020.docx"), "rb").read()

    def put(name, data, kind):
        path = os.path.join(odd, name)
        with open(path, "wb") as f:
            f.write(data)
        expected[path] = kind

    # GBK proper (GBK cannot encode U+00A0: real GBK copy-outs have spaces there).
    put("central-gbk.txt", central_txt.replace("\u00a0", " ").encode("gbk"), "gbk")
    put("seed-utf16be.txt", b"\xfe\xff" + seed_txt.encode("utf-16-be"), "utf16")
    put("seed-utf16le.txt", b"\xff\xfe" + seed_txt.encode("utf-16-le"), "utf16")
    put("empty.txt", b"", "empty")
    put("truncated.docx", seed_docx[: len(seed_docx) // 2], "corrupt")
    put("random.txt", bytes(rng.randrange(256) for _ in range(3000)), "corrupt")
    put("old-word.doc", open(os.path.join(corpus, "doc", "bad", "word95.doc"), "rb").read(), "corrupt")
    put("loop.doc", open(os.path.join(corpus, "hostile", "cfb-fat-loop.doc"), "rb").read(), "corrupt")
    put("pdf-named.docx", b"%PDF-1.4\n%...\n", "corrupt")
    put("odd-utf16.txt", b"\xff\xfe" + seed_txt.encode("utf-16-le")[:-1], "corrupt")  # an odd byte at the end
    # Files a directory walk must not take.
    for name in (".hidden.txt", "~$form-00001.docx", "scan.pdf", "notes.md"):
        with open(os.path.join(odd, name), "wb") as f:
            f.write(b"not an input")
    return expected


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


def sqlite_content(db):
    """Every row of every table without its ids, keyed by document path: what two equal outputs share."""
    con = sqlite3.connect(db)
    out = {}
    doc_cols = [r[1] for r in con.execute("PRAGMA table_info(documents)") if r[1] != "id"]
    out["documents"] = sorted(con.execute(f"SELECT {', '.join(doc_cols)} FROM documents").fetchall(), key=repr)
    for table in ("forms", "fields", "goals", "funds", "indicators", "diagnostics"):
        cols = [r[1] for r in con.execute(f"PRAGMA table_info({table})") if r[1] not in ("id", "document_id", "form_id")]
        rows = con.execute(
            f"SELECT d.path, {', '.join('t.' + c for c in cols)} FROM {table} t JOIN documents d ON d.id = t.document_id"
        ).fetchall()
        out[table] = sorted(rows, key=repr)
    con.close()
    return out


def read_csv(path):
    raw = open(path, "rb").read()
    assert raw.startswith(b"\xef\xbb\xbf"), f"{path}: no UTF-8 byte order mark"
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def sha256(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def xlsx_sheets(path):
    """{sheet name: sheet XML} of a workbook, by unzipping it."""
    import re

    z = zipfile.ZipFile(path)
    assert z.testzip() is None
    wb = z.read("xl/workbook.xml").decode()
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"', rels))
    targets.update({k: v for v, k in re.findall(r'Target="([^"]+)"[^>]*Id="(rId\d+)"', rels)})
    sheets = {}
    for name, rid in re.findall(r'<sheet name="([^"]+)" sheetId="\d+" r:id="(rId\d+)"', wb):
        sheets[name] = z.read("xl/" + targets[rid]).decode()
    return sheets
