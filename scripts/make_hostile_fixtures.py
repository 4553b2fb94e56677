#!/usr/bin/env python3
"""Writes the small committed hostile inputs of corpus/hostile/ (standard library only).

Large and pathological inputs (100k rows, 1 MB cells, 1000-deep nesting, 20,000 zip
entries, billion-wide spans) are generated in memory by tests/unit/test_hostile.cpp
instead; damaged packages live in corpus/docx/bad/ (scripts/make_docx_fixtures.py).

    python3 scripts/make_hostile_fixtures.py
"""
import os
import zipfile

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus", "hostile")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def put(name, data):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(data)


def main():
    os.makedirs(OUT, exist_ok=True)
    put("empty.txt", b"")
    put("invalid-utf8.txt", "\t单位名称\n\t某单位\n\n\t资金\n\t".encode() + b"\xc3\x28" + b"\n")
    put("overlong-utf8.txt", b"\tA\n\t\xc0\xaf\n")
    put("surrogate-utf8.txt", b"\tA\n\t\xed\xa0\x80\n")
    put("nul-bytes.txt", b"\t\xe5\x8d\x95\xe4\xbd\x8d\x00\xe5\x90\x8d\xe7\xa7\xb0\n\tA\x00B\n")
    put("lone-cr.txt", b"\tA\r\tB\r\r\tC\r\tD\r")
    put("only-tabs.txt", b"\t\n\t\n\n\t\n\t\n")
    # 1 GiB of one repeated text run in about 1 MB: the main part of a .docx.
    body = (f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>').encode()
    tail = b"</w:t></w:r></w:p></w:body></w:document>"
    ct = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
          '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
    path = os.path.join(OUT, "zip-bomb-1g.docx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in (("[Content_Types].xml", ct), ("_rels/.rels", rels)):
            z.writestr(zipfile.ZipInfo(name, (2020, 1, 1, 0, 0, 0)), data)
        info = zipfile.ZipInfo("word/document.xml", (2020, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with z.open(info, "w", force_zip64=True) as f:
            f.write(body)
            chunk = b"A" * (1 << 20)
            for _ in range(1024):
                f.write(chunk)
            f.write(tail)


if __name__ == "__main__":
    main()
