#!/usr/bin/env python3
"""Writes a form as Word's "Save as Web Page" would: GBK (charset=gb2312 in the
meta tag), mso conditional comments, <o:p>, MsoNormalTable, mso- styles,
rowspan/colspan from the form's grid, empty paragraphs as <o:p>&nbsp;</o:p>,
Word's line wrapping inside long Chinese text, and a hidden-text span.

    python3 scripts/make_word_htm.py JIXIAO FORM.docx OUT.htm

The grid comes from `jixiao dump` of the .docx (its paragraphs and tables),
so the page holds exactly the form the .docx holds. A developer tool: CI does
not run it; its output is committed under corpus/html/word/.
"""
import html
import json
import subprocess
import sys

jixiao, src, out = sys.argv[1:4]
doc = json.loads(subprocess.run([jixiao, "dump", src], check=True, capture_output=True, text=True).stdout)


def esc(text):
    return html.escape(text, quote=False).replace("\xa0", "&nbsp;")


def wrap(line, width=38):
    # Word wraps its HTML source near 80 columns: between two Chinese
    # characters too (a browser joins those again), never inside a word.
    out, run = [], 0
    for i, ch in enumerate(line):
        if run >= width and i > 0 and ord(line[i - 1]) >= 0x2E80 and ord(ch) >= 0x2E80:
            out.append("\r\n")
            run = 0
        out.append(ch)
        run += 1
    return esc("".join(out))


def paragraph(text, cls="MsoNormal", align=None):
    style = " align=center style='text-align:center'" if align else ""
    if text == "":
        return f"<p class={cls}{style}><span lang=EN-US><o:p>&nbsp;</o:p></span></p>"
    lines = text.split("\n")
    body = "<br>\r\n".join(f"<span style='font-family:宋体;mso-ascii-font-family:\"Times New Roman\"'>{wrap(l)}</span>" for l in lines)
    return f"<p class={cls}{style}>{body}<span lang=EN-US><o:p></o:p></span></p>"


head = """<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:w="urn:schemas-microsoft-com:office:word"
xmlns:m="http://schemas.microsoft.com/office/2004/12/omml"
xmlns="http://www.w3.org/TR/REC-html40">

<head>
<meta http-equiv=Content-Type content="text/html; charset=gb2312">
<meta name=ProgId content=Word.Document>
<meta name=Generator content="Microsoft Word 15">
<meta name=Originator content="Microsoft Word 15">
<title>绩效自评表</title>
<!--[if gte mso 9]><xml>
 <o:DocumentProperties>
  <o:Author>jixiao</o:Author>
  <o:Pages>1</o:Pages>
 </o:DocumentProperties>
</xml><![endif]-->
<!--[if gte mso 9]><xml>
 <w:WordDocument>
  <w:View>Print</w:View>
  <w:DrawingGridVerticalSpacing>7.8 磅</w:DrawingGridVerticalSpacing>
 </w:WordDocument>
</xml><![endif]-->
<style>
<!--
 /* Font Definitions */
 @font-face
	{font-family:宋体;
	panose-1:2 1 6 0 3 1 1 1 1 1;
	mso-font-charset:134;}
p.MsoNormal, li.MsoNormal, div.MsoNormal
	{mso-style-unhide:no;
	margin:0cm;
	text-align:justify;
	text-justify:inter-ideograph;
	font-size:10.5pt;
	font-family:"Times New Roman",serif;}
@page WordSection1
	{size:595.3pt 841.9pt;
	margin:72.0pt 90.0pt 72.0pt 90.0pt;}
div.WordSection1
	{page:WordSection1;}
-->
</style>
<!--[if gte mso 10]>
<style>
 /* Style Definitions */
 table.MsoNormalTable
	{mso-style-name:普通表格;
	mso-tstyle-rowband-size:0;}
</style>
<![endif]-->
</head>

<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>

<div class=WordSection1 style='layout-grid:15.6pt'>

"""
parts = [head]
tables = doc["tables"]
by_table = {}
for p in doc["paragraphs"]:
    by_table.setdefault(p["before_table"], []).append(p["text"])
for i, t in enumerate(tables):
    for text in by_table.get(i, []):
        parts.append(paragraph(text, align=True) + "\r\n\r\n")
    parts.append("<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0\r\n"
                 " style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;\r\n"
                 " mso-yfti-tbllook:1184;mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>\r\n")
    rows = {}
    for c in t["cells"]:
        rows.setdefault(c["row"], []).append(c)
    for r in range(t["rows"]):
        parts.append(f" <tr style='mso-yfti-irow:{r};height:14.2pt'>\r\n")
        for c in sorted(rows.get(r, []), key=lambda c: c["col"]):
            span = ""
            if c["colspan"] > 1:
                span += f" colspan={c['colspan']}"
            if c["rowspan"] > 1:
                span += f" rowspan={c['rowspan']}"
            parts.append(f"  <td width=60{span} valign=top style='border:solid windowtext 1.0pt;\r\n"
                         "  mso-border-alt:solid windowtext .5pt;padding:0cm 5.4pt 0cm 5.4pt;height:14.2pt'>\r\n")
            paras = c["text"].split("\n") if c["text"] else [""]
            parts.append("  " + "\r\n  ".join(paragraph(p) for p in paras) + "\r\n  </td>\r\n")
        parts.append(" </tr>\r\n")
    parts.append("</table>\r\n\r\n")
for text in by_table.get(len(tables), []):
    parts.append(paragraph(text) + "\r\n\r\n")
# Word's hidden text (w:vanish) and a field code, which a browser does not show either.
parts.append("<p class=MsoNormal><span style='display:none;mso-hide:all'>隐藏文字<o:p></o:p></span></p>\r\n")
parts.append("<p class=MsoNormal><!--[if supportFields]><span lang=EN-US>PAGE</span><![endif]--><o:p></o:p></p>\r\n")
parts.append("\r\n</div>\r\n\r\n</body>\r\n\r\n</html>\r\n")
with open(out, "wb") as f:
    f.write("".join(parts).encode("gbk", errors="xmlcharrefreplace"))
