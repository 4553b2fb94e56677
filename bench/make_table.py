#!/usr/bin/env python3
"""A .docx holding one 部门整体支出绩效自评表 whose indicator table has ROWS rows.

    python3 bench/make_table.py OUT.docx ROWS [--seed N]

The table is laid out as Word writes the real forms (corpus/docx/hunan): header fields
and a funds block with horizontal spans (w:gridSpan), then a 绩效指标 block of nine
columns where the goal label (目标1, 目标2 …) spans its rows, each 一级指标 spans its
group, each 二级指标 its indicators (w:vMerge restart / continue), and each goal ends
with a full-width 完成情况 row (w:gridSpan 8). Every cell carries the markup of the
corpus's Hunan form (w:tcW, a paragraph, a run) plus centring and a font size (w:jc,
w:sz), about 150 bytes of XML per cell. Cell texts are the kinds real forms hold: targets and actuals
with comparators, percents, 万, units, dates, qualitative words, blanks.

Deterministic for a given ROWS and seed. Standard library only (zipfile, deflate).
"""
import argparse
import random
import zipfile
from xml.sax.saxutils import escape

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
COLS = 9
WIDTH = 1020

LEVEL1 = [
    ("产出指标", ["数量指标", "质量指标", "时效指标", "成本指标"]),
    ("效益指标", ["经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"]),
    ("满意度指标", ["服务对象满意度指标"]),
]
NAMES = ["扶持残疾人集体或个体从业", "就业扶持残疾人合格率", "残疾人就业扶持补贴", "关注民生，促进残疾人就业",
         "提升残疾人就业能力", "残疾人满意度", "残疾儿童康复救助人数", "帮助残疾人康复及时率",
         "根据残疾人需求进行康复或临时康复救济", "无障碍改造户数", "辅助器具适配件数", "培训覆盖率",
         "项目验收合格率", "资金拨付及时率", "宣传活动次数", "服务对象投诉率"]
# (target, actual) pairs in the proportions of the seed form.
VALUES = [("≥2人", "4人"), ("≥80%", "0.8"), ("≤2万", "5.6万"), ("≥100%", "1"), ("长期", "长期"),
          ("≥260人", "260"), ("≥90%", "0.9"), ("≥15万", "37.114万"), ("1次/年", "每年一次"),
          ("≥400平方", "412平方"), ("≤30日", "23日"), ("良好", "良好"), ("=100%", "100%"),
          ("2020年12月底前", "2020年11月"), ("≥95%", "98.5%"), ("≥1500", "1721"), ("好", "较好"),
          ("≥3项", "3项"), ("≤5%", "2%"), ("一千二百三十四", "1234")]
NOTES = ["", "", "", "", "扶持基地1个，创业扶持3人，金额2.6万", "全区性项目未纳入预算", "因疫情延期，已于次年完成"]


def cell(text, span=1, vmerge=None, center=True):
    pr = f'<w:tcW w:w="{WIDTH * span}" w:type="dxa"/>'
    if span > 1:
        pr += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        pr += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        pr += "<w:vMerge/>"
    ppr = '<w:pPr><w:jc w:val="center"/></w:pPr>' if center else ""
    if text:
        run = f'<w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t>{escape(text)}</w:t></w:r>'
    else:
        run = ""
    return f"<w:tc><w:tcPr>{pr}</w:tcPr><w:p>{ppr}{run}</w:p></w:tc>"


def row(cells):
    return '<w:tr><w:trPr><w:jc w:val="center"/></w:trPr>' + "".join(cells) + "</w:tr>"


def indicator_rows(n, rnd):
    """Yields n rows of the 绩效指标 block: goals → 一级 → 二级 → indicators."""
    made = 0
    goal = 0
    while made < n:
        goal += 1
        first_of_goal = True
        for level1, level2s in LEVEL1:
            first_of_level1 = True
            for level2 in level2s:
                for k in range(rnd.randint(1, 4)):
                    if made >= n:
                        return
                    target, actual = rnd.choice(VALUES)
                    weight = rnd.choice([5, 5, 10, 10, 10, 15, 20])
                    score = weight if rnd.random() < 0.8 else round(weight * rnd.uniform(0.5, 0.95), 1)
                    yield row([
                        cell(f"目标{goal}" if first_of_goal else "", vmerge="restart" if first_of_goal else "continue"),
                        cell(level1 if first_of_level1 else "", vmerge="restart" if first_of_level1 else "continue"),
                        cell(level2 if k == 0 else "", vmerge="restart" if k == 0 else "continue"),
                        cell(f"{rnd.choice(NAMES)}{made + 1}", center=False),
                        cell(target), cell(actual), cell(str(weight)), cell(str(score)),
                        cell(rnd.choice(NOTES), center=False),
                    ])
                    made += 1
                    first_of_goal = first_of_level1 = False
        if made < n:  # the goal's summary: a full-width row
            yield row([cell("", vmerge="continue"),
                       cell(f"目标{goal}完成情况：各项指标基本完成，个别指标因客观原因未达预期。", span=COLS - 1, center=False)])
            made += 1


def document_rows(rows, rnd):
    head = [
        row([cell("单位名称"), cell("衡阳市南岳区残疾人联合会", span=3), cell("单位负责人及电话", span=2),
             cell("杨东亮13973439088", span=3)]),
        row([cell("主管部门"), cell("衡阳市南岳区人民政府", span=3), cell("实施单位", span=2), cell("区残联", span=3)]),
        row([cell("资金情况（万元）", vmerge="restart"), cell("", span=2), cell("年初预算数"), cell("全年预算数"),
             cell("全年执行数"), cell("分值"), cell("执行率"), cell("得分")]),
        row([cell("", vmerge="continue"), cell("年度资金总额", span=2), cell("55"), cell("274"), cell("274"),
             cell("10"), cell("100%"), cell("10")]),
        row([cell("年度总体目标", vmerge="restart"), cell("年初设定目标", span=4), cell("年度总体目标完成情况", span=4)]),
        row([cell("", vmerge="continue"), cell("积极开展残疾人就业和创业扶持。", span=4, center=False),
             cell("全年完成60名残疾人居家托养服务。", span=4, center=False)]),
        row([cell("绩效指标"), cell("一级指标"), cell("二级指标"), cell("三级指标"), cell("指标值"),
             cell("全年实际完成值"), cell("分值"), cell("得分"), cell("偏差原因分析及改进措施")]),
    ]
    tail = [row([cell("总分", span=6), cell("100"), cell("92.5"), cell("自评等级：优")])]
    body = max(rows - len(head) - len(tail), 1)
    yield from head
    yield from indicator_rows(body, rnd)
    yield from tail


CONTENT_TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                 '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                 '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
                 '<Default Extension="xml" ContentType="application/xml"/>'
                 '<Override PartName="/word/document.xml" '
                 'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
RELS = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>')


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("rows", type=int)
    ap.add_argument("--seed", type=int, default=9)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    title = ('<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val="32"/></w:rPr>'
             "<w:t>2020年度部门整体支出绩效自评表</w:t></w:r></w:p>")
    grid = "<w:tblGrid>" + f'<w:gridCol w:w="{WIDTH}"/>' * COLS + "</w:tblGrid>"
    with zipfile.ZipFile(a.out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", RELS)
        with z.open("word/document.xml", "w") as f:  # no ZIP64: pandoc's zip reader refuses it
            f.write((f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:r="{R}">'
                     f"<w:body>{title}<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/><w:jc w:val=\"center\"/>"
                     f'<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders>'
                     f"</w:tblPr>{grid}").encode())
            batch = []
            for r in document_rows(a.rows, rnd):
                batch.append(r)
                if len(batch) == 1000:
                    f.write("".join(batch).encode())
                    batch = []
            f.write("".join(batch).encode())
            f.write(b'</w:tbl><w:p/><w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>')


if __name__ == "__main__":
    main()
