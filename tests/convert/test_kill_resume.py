"""Kill -9 in the middle of an SQLite conversion, resume, and compare with an uninterrupted run.

    python3 test_kill_resume.py JIXIAO CORPUS WORKDIR [COPIES]

Checks after the kill: the database is sound (integrity_check), holds some documents and no half
document (every document's forms and indicators are all there). After resuming: the database
equals, row for row without ids, one made by a single uninterrupted run.
"""
import os
import signal
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from archive import make_archive, run, sqlite_content  # noqa: E402

jixiao, corpus, work = sys.argv[1:4]
copies = int(sys.argv[4]) if len(sys.argv) > 4 else 1200
os.makedirs(work, exist_ok=True)
os.chdir(work)
expected = make_archive(corpus, "archive", copies, seed=9)
for f in ("killed.sqlite", "killed.sqlite-wal", "killed.sqlite-shm", "whole.sqlite", "whole.sqlite-wal", "whole.sqlite-shm"):
    if os.path.exists(f):
        os.remove(f)


def committed(db):
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        n = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        con.close()
        return n
    except sqlite3.Error:
        return 0


proc = subprocess.Popen([jixiao, "convert", "archive", "-o", "killed.sqlite", "-j", "2"],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
deadline = time.time() + 120
while committed("killed.sqlite") < 40 and proc.poll() is None and time.time() < deadline:
    time.sleep(0.01)
assert proc.poll() is None, "the conversion ended before it could be killed: raise COPIES"
proc.send_signal(signal.SIGKILL)
proc.wait()
at_kill = committed("killed.sqlite")
assert 0 < at_kill < len(expected), at_kill
print(f"killed with {at_kill} of {len(expected)} documents committed")

con = sqlite3.connect("killed.sqlite")
assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
for path, forms, indicators in con.execute("SELECT path, forms, indicators FROM documents"):
    nf = con.execute("SELECT count(*) FROM forms f JOIN documents d ON d.id = f.document_id WHERE d.path = ?", (path,)).fetchone()[0]
    ni = con.execute("SELECT count(*) FROM indicators i JOIN documents d ON d.id = i.document_id WHERE d.path = ?", (path,)).fetchone()[0]
    assert (nf, ni) == (forms, indicators), f"half a document: {path}"
con.close()

r = run([jixiao, "convert", "archive", "-o", "killed.sqlite", "-j", "2", "--progress"])
assert r.returncode == 1, r.stderr[-2000:]  # the archive holds corrupt files
assert "already in killed.sqlite" in r.stderr, r.stderr[-500:]
con = sqlite3.connect("killed.sqlite")
indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
con.close()
assert "indicators_levels" in indexes, "the query indexes are built when the resumed run finishes"
r = run([jixiao, "convert", "archive", "-o", "whole.sqlite", "-j", "2"])
assert r.returncode == 1, r.stderr[-2000:]
a, b = sqlite_content("killed.sqlite"), sqlite_content("whole.sqlite")
assert len(a["documents"]) == len(expected)
for table in a:
    assert a[table] == b[table], f"{table} differs after resuming"
print("resumed: equal to an uninterrupted run")
