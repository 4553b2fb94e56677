#!/usr/bin/python3
"""Writes a text fixture's form as a Word document with true merges.

The text fixtures (corpus/text/…) lost their merges; the reconstructed grid in
their reviewed golden files says where each cell starts and how far it spans.
This script lays that grid out as a Word table (w:gridSpan / w:vMerge written by
python-docx), with the paragraphs above it, so that the .docx must read back into
the same form. Needs Debian's python3-docx; the build and the tests use the
committed .docx files and do not need it.

    /usr/bin/python3 scripts/text_fixture_to_docx.py corpus/text/hunan/nanyue-canlian-2020.txt corpus/docx/hunan/nanyue-canlian-2020.docx
"""
import datetime
import json
import sys
import zipfile

import docx


def main(text_fixture, out):
    golden = json.load(open(text_fixture + ".expected.json", encoding="utf-8"))
    d = docx.Document()
    d.core_properties.created = d.core_properties.modified = datetime.datetime(2021, 3, 1)
    d.core_properties.author = "jixiao"
    for index, table in enumerate(golden["tables"]):
        for p in golden["paragraphs"]:
            if p["before_table"] == index:
                d.add_paragraph(p["text"])
        t = d.add_table(rows=table["rows"], cols=table["cols"])
        for c in table["cells"]:
            anchor = t.cell(c["row"], c["col"])
            if c["rowspan"] > 1 or c["colspan"] > 1:
                anchor = anchor.merge(t.cell(c["row"] + c["rowspan"] - 1, c["col"] + c["colspan"] - 1))
            lines = c["text"].split("\n")  # one paragraph per line of the cell text
            anchor.paragraphs[0].text = lines[0]
            for line in lines[1:]:
                anchor.add_paragraph(line)
    d.save(out)
    # python-docx stamps zip entries with the current time: pin it, so the output is reproducible
    with zipfile.ZipFile(out) as z:
        items = [(i.filename, z.read(i.filename)) for i in z.infolist()]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in items:
            info = zipfile.ZipInfo(name, (2021, 3, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    print("wrote", out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
