#!/usr/bin/env python3
"""Writes the hand-made .docx fixtures of corpus/docx/quirks/ and corpus/docx/bad/.

One small package per OOXML table quirk the reader must get right, each built from
literal XML so that the file holds exactly the markup under test (no library
rewrites it). Standard library only; the output is deterministic (fixed zip
timestamps), so re-running it changes nothing unless this script changes.

    python3 scripts/make_docx_fixtures.py        # from the repository root
"""
import os
import struct
import zipfile
import zlib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus", "docx")
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
R_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
R_OFFICE_STRICT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
DATE = (2020, 1, 1, 0, 0, 0)

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/{part}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="{rel}" Target="{target}"/>
</Relationships>"""


def write_zip(path, entries):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)


def package(name, body, *, ns=W, prefix="w", rel=R_OFFICE, part="word/document.xml", rels=True, extra_ns=""):
    doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<{prefix}:document xmlns:{prefix}="{ns}"{extra_ns}><{prefix}:body>{body}</{prefix}:body></{prefix}:document>')
    if prefix != "w":
        doc = doc.replace("<w:", f"<{prefix}:").replace("</w:", f"</{prefix}:").replace(" w:", f" {prefix}:")
    entries = [("[Content_Types].xml", CONTENT_TYPES.format(part=part))]
    if rels:
        entries.append(("_rels/.rels", RELS.format(rel=rel, target=part)))
    entries.append((part, doc))
    write_zip(os.path.join(ROOT, "quirks", name), entries)


def p(text):
    return f"<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>"


def tc(text, pr=""):
    return f"<w:tc>{'<w:tcPr>' + pr + '</w:tcPr>' if pr else ''}{p(text) if text is not None else '<w:p/>'}</w:tc>"


def tbl(rows, cols):
    grid = "".join('<w:gridCol w:w="1000"/>' for _ in range(cols))
    return f"<w:tbl><w:tblPr/><w:tblGrid>{grid}</w:tblGrid>{''.join(rows)}</w:tbl>"


def tr(cells, pr=""):
    return f"<w:tr>{'<w:trPr>' + pr + '</w:trPr>' if pr else ''}{''.join(cells)}</w:tr>"


def quirks():
    # gridBefore / gridAfter: rows keep their columns (peers shift them left).
    package("grid-before-after.docx", p("gridBefore on row 2, gridAfter on row 3") + tbl([
        tr([tc("A1"), tc("B1"), tc("C1")]),
        tr([tc("B2"), tc("C2")], '<w:gridBefore w:val="1"/>'),
        tr([tc("A3"), tc("B3")], '<w:gridAfter w:val="1"/>'),
    ], 3))
    # legacy hMerge: restart + continue make one cell two columns wide.
    package("hmerge.docx", p("legacy hMerge") + tbl([
        tr([tc("HM-AB", '<w:hMerge w:val="restart"/>'), tc(None, "<w:hMerge/>"), tc("C1")]),
        tr([tc("A2"), tc("B2"), tc("C2")]),
    ], 3))
    # a 2x2 block: gridSpan=2 with vMerge restart, then a bare vMerge continue spanning 2.
    package("vmerge-block.docx", p("gridSpan + vMerge block") + tbl([
        tr([tc("BLOCK", '<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>'), tc("C1")]),
        tr([tc(None, '<w:gridSpan w:val="2"/><w:vMerge/>'), tc("C2")]),
        tr([tc("A3"), tc("B3"), tc("C3")]),
    ], 3))
    # continuations that cannot continue: nothing above; columns differ from the cell above.
    package("vmerge-orphans.docx", p("vMerge continue without a start") + tbl([
        tr([tc("ORPHAN", '<w:vMerge/>'), tc("B1")]),
        tr([tc("A2", '<w:gridSpan w:val="2"/><w:vMerge w:val="restart"/>')]),
        tr([tc("MISALIGNED", '<w:vMerge/>'), tc("B3")]),
    ], 2))
    # rows wider than tblGrid (the grid grows) and rows shorter (padded with empty cells).
    package("wide-and-short-rows.docx", p("tblGrid says 2 columns") + tbl([
        tr([tc("A1"), tc("B1"), tc("C1-extra")]),
        tr([tc("A2")]),
    ], 2))
    # a nested table: a table of its own, its text not in the cell's.
    inner = tbl([tr([tc("inner-1")]), tr([tc("inner-2")])], 1)
    package("nested.docx", p("nested table") + tbl([
        tr([tc("A1"), f"<w:tc>{p('before-inner')}{inner}{p('after-inner')}</w:tc>"]),
        tr([tc("A2"), tc("B2")]),
    ], 2))
    # tracked changes, accepted view.
    package("tracked-changes.docx", p("tracked changes") + tbl([
        tr([f'<w:tc><w:p><w:r><w:t>keep-</w:t></w:r><w:ins w:id="1" w:author="a"><w:r><w:t>INS</w:t></w:r></w:ins>'
            f'<w:del w:id="2" w:author="a"><w:r><w:delText>DEL</w:delText></w:r></w:del></w:p></w:tc>',
            f'<w:tc><w:p><w:moveFrom w:id="3" w:author="a"><w:r><w:t>GONE</w:t></w:r></w:moveFrom>'
            f'<w:moveTo w:id="4" w:author="a"><w:r><w:t>MOVED</w:t></w:r></w:moveTo></w:p></w:tc>']),
        tr([tc("DELETED-ROW-A"), tc("DELETED-ROW-B")], '<w:del w:id="5" w:author="a"/>'),
        tr([f'<w:tc><w:p><w:pPr><w:rPr><w:del w:id="6" w:author="a"/></w:rPr></w:pPr><w:r><w:t>joined-</w:t></w:r></w:p>'
            f'{p("paragraph")}</w:tc>', tc("B3")]),
    ], 2))
    # content controls at every level, customXml and smartTag wrappers.
    sdt_run = '<w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>SDT-RUN</w:t></w:r></w:sdtContent></w:sdt>'
    package("content-controls.docx", p("content controls") +
            '<w:sdt><w:sdtPr/><w:sdtContent>' + tbl([
                tr([tc("A1"), '<w:sdt><w:sdtPr/><w:sdtContent>' + tc("CELL-IN-SDT") + '</w:sdtContent></w:sdt>']),
                '<w:sdt><w:sdtPr/><w:sdtContent>' + tr([tc("ROW-IN-SDT-A"), tc("ROW-IN-SDT-B")]) + '</w:sdtContent></w:sdt>',
                tr(['<w:customXml w:element="c">' + tc("CELL-IN-CUSTOMXML") + '</w:customXml>',
                    f'<w:tc><w:p><w:r><w:t>pre-</w:t></w:r>{sdt_run}'
                    '<w:smartTag w:element="place"><w:r><w:t>-SMART</w:t></w:r></w:smartTag></w:p></w:tc>']),
            ], 2) + '</w:sdtContent></w:sdt>')
    # fields and special characters.
    package("fields-and-characters.docx", p("fields and characters") + tbl([
        tr(['<w:tc><w:p><w:fldSimple w:instr=" =SUM(ABOVE) "><w:r><w:t>300</w:t></w:r></w:fldSimple></w:p></w:tc>',
            '<w:tc><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:tc>']),
        tr(['<w:tc><w:p><w:hyperlink r:id="rId9"><w:r><w:t>LINK</w:t></w:r></w:hyperlink></w:p></w:tc>',
            '<w:tc><w:p><w:r><w:t>a</w:t><w:br/><w:t>b</w:t><w:cr/><w:t>c</w:t><w:tab/><w:t>d</w:t>'
            '<w:noBreakHyphen/><w:t>e</w:t><w:softHyphen/><w:t>f</w:t></w:r>'
            '<w:proofErr w:type="spellStart"/><w:r><w:t>g</w:t></w:r><w:bookmarkStart w:id="0" w:name="x"/><w:r><w:t>h</w:t></w:r>'
            '<w:proofErr w:type="spellEnd"/></w:p></w:tc>']),
        tr(['<w:tc><w:p><w:r><w:sym w:font="Symbol" w:char="F0B3"/><w:t>80%</w:t></w:r></w:p></w:tc>',
            '<w:tc><w:p><w:r><w:t xml:space="preserve">  spaced  </w:t></w:r></w:p></w:tc>']),
    ], 2), extra_ns=' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
    # markup compatibility: one branch only.
    package("alternate-content.docx", p("mc:AlternateContent") + tbl([
        tr([f'<w:tc><w:p><w:r><w:t>x-</w:t></w:r><mc:AlternateContent><mc:Choice Requires="w14"><w:r><w:t>CHOICE</w:t></w:r></mc:Choice>'
            f'<mc:Fallback><w:r><w:t>FALLBACK</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p></w:tc>', tc("B1")]),
    ], 2), extra_ns=f' xmlns:mc="{MC}"')
    # Strict OOXML namespaces and relationship type; a non-"w" prefix.
    body = p("Strict OOXML") + tbl([tr([tc("S1"), tc("S2")])], 2)
    package("strict.docx", body, ns=W_STRICT, rel=R_OFFICE_STRICT)
    package("ns0-prefix.docx", p("ns0 prefix") + tbl([tr([tc("N1"), tc("N2")])], 2), prefix="ns0")
    # the main part found where the package says, not at word/document.xml; and without _rels/.rels.
    package("main-part-elsewhere.docx", p("main part at content/main.xml") + tbl([tr([tc("M1"), tc("M2")])], 2),
            part="content/main.xml")
    package("no-package-rels.docx", p("no _rels/.rels") + tbl([tr([tc("R1"), tc("R2")])], 2), rels=False)
    # a form split over two tables, its header row repeated on the second page.
    head = tr([tc("目标1"), tc("一级指标"), tc("二级指标"), tc("三级指标"), tc("指标值"), tc("全年实际完成值")],
              "<w:tblHeader/>")
    package("split-form.docx", p("2021年部门整体支出绩效自评表") + tbl([
        tr([tc("单位名称"), tc("某单位", '<w:gridSpan w:val="5"/>')]),
        head,
        tr([tc(None, "<w:vMerge/>"), tc("产出指标", '<w:vMerge w:val="restart"/>'), tc("数量指标"), tc("甲"), tc("≥1"), tc("2")]),
        tr([tc(None, "<w:vMerge/>"), tc(None, "<w:vMerge/>"), tc("质量指标"), tc("乙"), tc("≥90%"), tc("95%")]),
    ], 6) + '<w:p><w:r><w:br w:type="page"/></w:r></w:p>' + tbl([
        head,
        tr([tc(None, "<w:vMerge/>"), tc(None, "<w:vMerge/>"), tc("时效指标"), tc("丙"), tc("≤30日"), tc("23日")]),
        tr([tc(None), tc("效益指标"), tc("社会效益指标"), tc("丁"), tc("良好"), tc("良好")]),
    ], 6))


def zip_bytes(entries):
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8") if isinstance(data, str) else data)
    return buf.getvalue()


def bad():
    out = os.path.join(ROOT, "bad")
    good = zip_bytes([("[Content_Types].xml", CONTENT_TYPES.format(part="word/document.xml")),
                      ("_rels/.rels", RELS.format(rel=R_OFFICE, target="word/document.xml")),
                      ("word/document.xml", f'<w:document xmlns:w="{W}"><w:body>{p("x")}</w:body></w:document>')])

    def put(name, data):
        with open(os.path.join(out, name), "wb") as f:
            f.write(data)

    put("truncated.docx", good[: len(good) // 2])
    put("not-a-zip.docx", b"PK\x03\x04" + b"\x00" * 60)
    # a bad CRC: flip the stored CRC-32 of the last entry in its local header and in the central directory
    data = bytearray(good)
    name = b"word/document.xml"
    li = data.find(name) - 30
    ci = data.rfind(name) - 46
    for off in (li + 14, ci + 16):
        data[off] ^= 0xFF
    put("bad-crc.docx", bytes(data))
    put("missing-main-part.docx", zip_bytes([("[Content_Types].xml", CONTENT_TYPES.format(part="word/document.xml")),
                                            ("_rels/.rels", RELS.format(rel=R_OFFICE, target="word/document.xml"))]))
    put("no-main-document.docx", zip_bytes([("hello.txt", "not an office package")]))
    put("malformed-xml.docx", zip_bytes([("[Content_Types].xml", CONTENT_TYPES.format(part="word/document.xml")),
                                        ("_rels/.rels", RELS.format(rel=R_OFFICE, target="word/document.xml")),
                                        ("word/document.xml", f'<w:document xmlns:w="{W}"><w:body><w:p></w:body></w:document>')]))
    put("spreadsheet.docx", zip_bytes([
        ("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>'),
        ("_rels/.rels", RELS.format(rel=R_OFFICE, target="xl/workbook.xml")),
        ("xl/workbook.xml", '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>')]))
    # OLE compound files: a header, then directory names in UTF-16LE (what the sniffer reads)
    ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\x00" * 504
    put("encrypted.docx", ole + "EncryptionInfo".encode("utf-16-le") + b"\x00" * 64 + "EncryptedPackage".encode("utf-16-le"))
    put("word97.docx", ole + "WordDocument".encode("utf-16-le") + b"\x00" * 64)
    put("pdf-renamed.docx", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    # a zip bomb: 100 MiB of one repeated XML text run in ~100 KB
    body = f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>'.encode() + b"A" * (100 << 20) + b"</w:t></w:r></w:p></w:body></w:document>"
    put("zip-bomb.docx", zip_bytes([("[Content_Types].xml", CONTENT_TYPES.format(part="word/document.xml")),
                                   ("_rels/.rels", RELS.format(rel=R_OFFICE, target="word/document.xml")),
                                   ("word/document.xml", body)]))
    # entities: a billion-laughs DTD must not expand
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
              '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
              f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>')
    put("billion-laughs.docx", zip_bytes([("[Content_Types].xml", CONTENT_TYPES.format(part="word/document.xml")),
                                         ("_rels/.rels", RELS.format(rel=R_OFFICE, target="word/document.xml")),
                                         ("word/document.xml", laughs)]))


if __name__ == "__main__":
    os.makedirs(os.path.join(ROOT, "quirks"), exist_ok=True)
    os.makedirs(os.path.join(ROOT, "bad"), exist_ok=True)
    quirks()
    bad()
