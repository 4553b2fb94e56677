#!/usr/bin/env bash
# Peak memory and time of `jixiao dump` on every hostile input: the committed ones
# (corpus/hostile, corpus/docx/bad, corpus/doc/bad) and large ones generated here
# (100k-row tables, a 1 MB cell, 1000-deep nesting, as .docx and .doc). A measurement, not a test: it prints a table.
#   bash bench/hostile.sh [path/to/jixiao]
# Needs GNU time (Debian package `time`) and python3 to generate the large inputs.
set -euo pipefail
cd "$(dirname "$0")/.."
jixiao=${1:-build/jixiao}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
python3 - "$tmp" <<'PY'
import sys, zipfile
out = sys.argv[1]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" '
      'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
def docx(name, body):
    with zipfile.ZipFile(f"{out}/{name}", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT); z.writestr("_rels/.rels", RELS)
        z.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>')
RESTART, CONT = '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
rows = "".join(f'<w:tr><w:tc><w:tcPr>{RESTART if i % 10 == 0 else CONT}</w:tcPr><w:p><w:r><w:t>g{i//10}</w:t></w:r></w:p></w:tc>'
               f'<w:tc><w:p><w:r><w:t>{i}</w:t></w:r></w:p></w:tc></w:tr>' for i in range(100000))
docx("rows-100k.docx", f"<w:tbl>{rows}</w:tbl>")
open(f"{out}/rows-100k.txt", "w").write("".join(f"\tr{i}\n\t{'x' if i % 5 == 0 else ''}\n\n" for i in range(100000)))
docx("cell-1mb.docx", "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>" + "A" * (1 << 20) + "</w:t></w:r></w:p></w:tc></w:tr></w:tbl>")
docx("nested-1000.docx", "<w:tbl><w:tr><w:tc>" * 1000 + "<w:p/>" + "</w:tc></w:tr></w:tbl>" * 1000)
with zipfile.ZipFile(f"{out}/entries-20000.docx", "w") as z:
    for i in range(20000): z.writestr(f"e/{i}", "")
# The same as .doc, through the fixture writer of scripts/make_doc_fixtures.py.
import struct
sys.path.insert(0, "scripts")
import make_doc_fixtures as m
d = m.Doc()
d.table([m.row([f"g{i // 10}", str(i)], m.tdeftable([0, 2000, 4000], [m.TC(v=3 if i % 10 == 0 else 1), 0])) for i in range(100000)])
open(f"{out}/rows-100k.doc", "wb").write(m.cfb(d.build()))
d = m.Doc()
d.table([m.row(["A" * (1 << 20)], m.tdeftable([0, 2000]))])
open(f"{out}/cell-1mb.doc", "wb").write(m.cfb(d.build()))
d = m.Doc()
d.para("deep", m.flag(m.IN_TABLE) + m.prl(m.ITAP, struct.pack("<i", 1000)))
open(f"{out}/nested-1000.doc", "wb").write(m.cfb(d.build()))
PY
printf '%-34s %6s %9s %s\n' input seconds "peak KB" result
for f in corpus/hostile/* corpus/docx/bad/* corpus/doc/bad/* "$tmp"/*; do
  case $f in *.expected.json) continue;; esac
  /usr/bin/time -o "$tmp/time" -f '%e %M' "$jixiao" dump --no-tables "$f" >/dev/null 2>"$tmp/err" || true
  res=$(tail -1 "$tmp/time")
  msg=$(head -1 "$tmp/err" | sed 's/^jixiao: [^:]*: //' | cut -c1-60)
  printf '%-34s %6s %9s %s\n' "$(basename "$f")" ${res:-? ?} "${msg:-ok}"
done
