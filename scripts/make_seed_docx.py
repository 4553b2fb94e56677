#!/usr/bin/python3
"""Writes corpus/docx/hunan/nanyue-canlian-2020.docx: the seed form as a Word
document with true merges (w:gridSpan / w:vMerge written by python-docx).

The seed text (corpus/text/hunan/nanyue-canlian-2020.txt) lost its merges; the
reconstructed grid in its reviewed golden file says where each cell starts and
how far it spans. This script lays that grid out as a Word table, so that the
.docx must read back into the same form. Needs Debian's python3-docx (not needed
by the build or the tests, which use the committed .docx).

    /usr/bin/python3 scripts/make_seed_docx.py
"""
import json
import os

import docx

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
golden = json.load(open(os.path.join(ROOT, "corpus/text/hunan/nanyue-canlian-2020.txt.expected.json"), encoding="utf-8"))
table = golden["tables"][0]

d = docx.Document()
# core properties carry a creation time; pin them so the output is reproducible
d.core_properties.created = d.core_properties.modified = __import__("datetime").datetime(2021, 3, 1)
d.core_properties.author = "jixiao"
d.add_paragraph(table["title"])
t = d.add_table(rows=table["rows"], cols=table["cols"])
for c in table["cells"]:
    anchor = t.cell(c["row"], c["col"])
    if c["rowspan"] > 1 or c["colspan"] > 1:
        anchor = anchor.merge(t.cell(c["row"] + c["rowspan"] - 1, c["col"] + c["colspan"] - 1))
    # one paragraph per line of the cell text
    lines = c["text"].split("\n")
    anchor.paragraphs[0].text = lines[0]
    for line in lines[1:]:
        anchor.add_paragraph(line)
out = os.path.join(ROOT, "corpus/docx/hunan/nanyue-canlian-2020.docx")
d.save(out)

# python-docx stamps the zip entries with the current time: rewrite them with a fixed one
import zipfile
items = []
with zipfile.ZipFile(out) as z:
    for info in z.infolist():
        items.append((info.filename, z.read(info.filename)))
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for name, data in items:
        info = zipfile.ZipInfo(name, (2021, 3, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, data)
print("wrote", out)
