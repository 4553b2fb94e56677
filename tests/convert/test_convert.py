"""`jixiao convert` on a generated archive: every output format read back, error rows present,
nothing missing; order, shards and merge, resume and --force, input lists.

    python3 test_convert.py JIXIAO CORPUS WORKDIR [COPIES]
"""
import json
import os
import re
import sqlite3
import sys

sys.path.insert(0, os.path.dirname(__file__))
from archive import TAKEN, make_archive, read_csv, run, sha256, sqlite_content, xlsx_sheets  # noqa: E402

jixiao, corpus, work = sys.argv[1:4]
copies = int(sys.argv[4]) if len(sys.argv) > 4 else 300
os.makedirs(work, exist_ok=True)
os.chdir(work)
expected = make_archive(corpus, "archive", copies)
failed_paths = {p for p, k in expected.items() if k == "corrupt"}
print(f"archive: {len(expected)} files, {len(failed_paths)} corrupt")


def convert(*args, rc=1):
    r = run([jixiao, "convert", *args])
    assert r.returncode == rc, f"convert {args}: exit {r.returncode}, expected {rc}\n{r.stderr[-2000:]}"
    return r


def clean(path):
    if os.path.isdir(path):
        import shutil

        shutil.rmtree(path)
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix) and not os.path.isdir(path + suffix):
            os.remove(path + suffix)


# --- SQLite ------------------------------------------------------------------------------
clean("out.sqlite")
r = convert("archive", "-o", "out.sqlite", "-j", "2")
# Not a terminal: standard error holds the failed files' messages and nothing else.
err_lines = [l for l in r.stderr.splitlines() if l]
assert len(err_lines) == len(failed_paths), r.stderr
assert all(l.startswith("jixiao: archive/odd/") for l in err_lines), r.stderr
con = sqlite3.connect("out.sqlite")
docs = {row[0]: row for row in con.execute("SELECT path, status, error_code, sha256, encoding, forms, indicators, size FROM documents")}
assert set(docs) == set(expected), set(expected) ^ set(docs)
for path, kind in expected.items():
    path_, status, code, digest, encoding, forms, indicators, size = docs[path]
    assert size == os.path.getsize(path)
    if kind == "corrupt":
        assert status == "failed" and code, docs[path]
    else:
        assert status in ("ok", "warnings"), docs[path]
        assert digest == sha256(path), path
    if kind == "form":
        assert forms >= 1 and indicators >= 1, docs[path]
    if kind == "empty":
        assert forms == 0 and status in ("ok", "warnings"), docs[path]
assert docs["archive/odd/nested/deeper/central-gbk.txt"][4] == "gb18030"
assert docs["archive/odd/nested/deeper/seed-utf16be.txt"][4] == "utf-16be"
assert docs["archive/odd/nested/deeper/seed-utf16le.txt"][4] == "utf-16le"
assert docs["archive/odd/nested/deeper/seed-utf16be.txt"][6] == 78
assert docs["archive/odd/nested/deeper/central-gbk.txt"][5] == 1
assert docs["archive/odd/nested/deeper/odd-utf16.txt"][2] == "encoding"
# every documents row's counts match its rows
for path, forms, indicators in con.execute("SELECT path, forms, indicators FROM documents"):
    (nf,) = con.execute("SELECT count(*) FROM forms f JOIN documents d ON d.id = f.document_id WHERE d.path = ?", (path,)).fetchone()
    (ni,) = con.execute("SELECT count(*) FROM indicators i JOIN documents d ON d.id = i.document_id WHERE d.path = ?", (path,)).fetchone()
    assert (nf, ni) == (forms, indicators), path
(n_ind,) = con.execute("SELECT count(*) FROM indicators").fetchone()
(n_view,) = con.execute("SELECT count(*) FROM indicator_sheet").fetchone()
(n_forms,) = con.execute("SELECT count(*) FROM forms").fetchone()
(n_form_view,) = con.execute("SELECT count(*) FROM form_sheet").fetchone()
assert n_ind == n_view and n_forms == n_form_view
indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
assert {"documents_sha256", "indicators_document", "indicators_levels", "diagnostics_code"} <= indexes
# numbers are numbers: the seed's ≥80% target is 0.8
(v,) = con.execute("SELECT target_value FROM indicators WHERE target_raw LIKE '≥%\\%' ESCAPE '\\' LIMIT 1").fetchone()
assert isinstance(v, (int, float)), v
assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
con.close()
print(f"sqlite: {len(docs)} documents, {n_forms} forms, {n_ind} indicators")

# --- JSON Lines (the same JSON as dump, one line a document) --------------------------------
clean("out.jsonl")
convert("archive", "-o", "out.jsonl", "-j", "2", "--no-tables")
lines = [json.loads(l) for l in open("out.jsonl", encoding="utf-8")]
by_path = {j["source"]["path"]: j for j in lines}
assert len(lines) == len(expected) and set(by_path) == set(expected)
for p in failed_paths:
    assert "error" in by_path[p] and by_path[p]["error"]["code"], by_path[p]
assert sum(len(f["indicators"]) for j in lines for f in j.get("forms", [])) == n_ind
one = next(p for p, k in expected.items() if k == "form" and p.endswith(".txt"))
dump = run([jixiao, "dump", "--compact", "--no-tables", one])
assert json.loads(dump.stdout) == by_path[one], "convert's JSON differs from dump's"
print(f"jsonl: {len(lines)} lines")

# Deterministic order: --ordered gives the same bytes with 1 and 2 jobs.
clean("a.jsonl")
clean("b.jsonl")
convert("archive", "-o", "a.jsonl", "-j", "1", "--ordered", "--no-tables")
convert("archive", "-o", "b.jsonl", "-j", "2", "--ordered", "--no-tables")
assert open("a.jsonl", "rb").read() == open("b.jsonl", "rb").read()
print("ordered: identical with 1 and 2 jobs")

# --- CSV ------------------------------------------------------------------------------------
clean("csv")
convert("archive", "-o", "csv/", "-j", "2")
tables = {t: read_csv(f"csv/{t}.csv") for t in ("documents", "forms", "fields", "goals", "funds", "indicators", "diagnostics")}
assert {r["path"] for r in tables["documents"]} == set(expected)
assert len(tables["documents"]) == len(expected)
assert len(tables["indicators"]) == n_ind and len(tables["forms"]) == n_forms
for row in tables["documents"]:
    if row["path"] in failed_paths:
        assert row["status"] == "failed" and row["error_code"] and row["error_message"], row
# cells with line breaks, commas and quotes survive the quoting: the same values as in SQLite
con = sqlite3.connect("out.sqlite")
tricky = con.execute("SELECT count(*) FROM diagnostics WHERE message LIKE '%,%' OR message LIKE '%\"%'").fetchone()[0]
assert tricky > 0
assert sorted(r["message"] for r in tables["diagnostics"]) == sorted(r[0] for r in con.execute("SELECT message FROM diagnostics"))
notes = sorted(r[0] or "" for r in con.execute("SELECT name FROM indicators"))
assert sorted(r["name"] for r in tables["indicators"]) == notes
con.close()
assert {"target_raw", "target_value", "actual_raw", "actual_value", "verdict"} <= set(tables["indicators"][0])
print(f"csv: {sum(len(t) for t in tables.values())} rows in {len(tables)} files")

# --- XLSX -----------------------------------------------------------------------------------
clean("out.xlsx")
convert("archive", "-o", "out.xlsx", "-j", "2")
sheets = xlsx_sheets("out.xlsx")
assert {"documents", "forms", "indicators", "diagnostics"} <= set(sheets), sheets.keys()
for name, xml in sheets.items():
    assert '<pane ySplit="1"' in xml and 'state="frozen"' in xml, f"{name}: header not frozen"
    assert re.search(r'<col min="1" max="1" width="[0-9.]+"', xml), f"{name}: columns not sized"
    assert "<autoFilter" in xml, name
rows_of = lambda name: len(re.findall(r"<row ", sheets[name])) - 1  # noqa: E731
assert rows_of("documents") == len(expected)
assert rows_of("indicators") == n_ind and rows_of("forms") == n_forms
assert "archive/odd/nested/deeper/truncated.docx" in sheets["documents"]
# numbers are numbers (not shared strings): the seed's ≥80% target is the number 0.8
assert re.search(r'<c r="[A-Z]+\d+"(?: s="\d+")?><v>0\.8</v></c>', sheets["indicators"]), "no numeric 0.8 cell"
print(f"xlsx: {len(sheets)} sheets")

# --- resume, --force ------------------------------------------------------------------------
before = sqlite_content("out.sqlite")
r = convert("archive", "-o", "out.sqlite", "-j", "2", "--progress")
assert f"({len(expected)} of them already in out.sqlite)" in r.stderr, r.stderr[-500:]
assert sqlite_content("out.sqlite") == before
convert("archive", "-o", "out.sqlite", "-j", "2", "--force")
assert sqlite_content("out.sqlite") == before
# A changed file is converted again; the others are skipped.
changed = next(p for p, k in expected.items() if k == "form" and p.endswith(".txt"))
with open(changed, "ab") as f:
    f.write(b"\n\n\tnote added later\n")
r = convert("archive", "-o", "out.sqlite", "--progress")
assert f"({len(expected) - 1} of them already in out.sqlite)" in r.stderr, r.stderr[-500:]
con = sqlite3.connect("out.sqlite")
assert con.execute("SELECT sha256 FROM documents WHERE path = ?", (changed,)).fetchone()[0] == sha256(changed)
assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == len(expected)
con.close()
print("resume: skipped what was done, converted what changed")

# --- shards and merge -----------------------------------------------------------------------
clean("full.sqlite")
convert("archive", "-o", "full.sqlite", "-j", "2")
shard_docs = 0
for k in (1, 2, 3):
    clean(f"shard{k}.sqlite")
    r = run([jixiao, "convert", "archive", "-o", f"shard{k}.sqlite", "--shard", f"{k}/3"])
    assert r.returncode in (0, 1), r.stderr
    shard_docs += sqlite3.connect(f"shard{k}.sqlite").execute("SELECT count(*) FROM documents").fetchone()[0]
assert shard_docs == len(expected), "shards overlap or miss inputs"
clean("merged.sqlite")
r = run([jixiao, "merge", "-o", "merged.sqlite", "shard1.sqlite", "shard2.sqlite", "shard3.sqlite"])
assert r.returncode == 0, r.stderr
assert sqlite_content("merged.sqlite") == sqlite_content("full.sqlite")
print("shards: 3 shards merged equal one run")

# --- input forms: stdin, @list, glob, explicit missing file ----------------------------------
txts = sorted(p for p in expected if p.endswith(".txt"))
with open("list.txt", "w") as f:
    f.write("\n".join(txts) + "\n")
for args, stdin in ((["@list.txt"], None), (["-"], "\n".join(txts) + "\n"), (["archive/**/*.txt"], None)):
    clean("sub.jsonl")
    r = run([jixiao, "convert", *args, "-o", "sub.jsonl", "--no-tables"], input=stdin)
    assert r.returncode in (0, 1), r.stderr
    got = {json.loads(l)["source"]["path"] for l in open("sub.jsonl", encoding="utf-8")}
    assert got == set(txts), (args, set(txts) ^ got)
r = run([jixiao, "convert", "archive/nothing-*.txt", "-o", "sub.jsonl"])
assert r.returncode == 2 and "no file matches" in r.stderr
r = run([jixiao, "convert", "missing.txt", "-o", "sub.jsonl"])
assert r.returncode == 1 and "missing.txt" in r.stderr
r = run([jixiao, "convert", "archive", "-o", "out.unknown"])
assert r.returncode == 2 and "--to" in r.stderr
r = run([jixiao, "convert", "archive", "-o", "x.sqlite", "--shard", "4/3"])
assert r.returncode == 2
print("inputs: lists, standard input, globs, usage errors")

# --- progress on a terminal ---------------------------------------------------------------
import pty  # noqa: E402
import subprocess  # noqa: E402


def on_terminal(*args):
    master, slave = pty.openpty()
    p = subprocess.Popen([jixiao, "convert", *args], stdout=subprocess.DEVNULL, stderr=slave)
    os.close(slave)
    out = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        out += chunk
    os.close(master)
    return p.wait(), out.decode("utf-8", "replace")


rc, screen = on_terminal("archive", "-o", "tty.jsonl", "--no-tables", "-j", "2")
assert rc == 1
assert f"{len(expected)}/{len(expected)} files" in screen and "files/s" in screen and "ETA" in screen, screen[-800:]
assert f"failed {len(failed_paths)}" in screen and "with warnings" in screen, screen[-800:]
rc, quiet = on_terminal("archive", "-o", "tty.jsonl", "--no-tables", "--no-progress")
assert "files/s" not in quiet and quiet.count("jixiao: ") == len(failed_paths), quiet[-800:]
print("progress: shown on a terminal, not with --no-progress")
print("convert tests passed")
