#include <doctest/doctest.h>
#include <jixiao/document.hpp>

#include <algorithm>
#include <string>

using namespace jixiao;

namespace {

// Builds tab-indented text from rows; "|" separates cells, "~" is a bare cell.
std::string rows_text(std::initializer_list<std::string_view> rows) {
    std::string out;
    for (std::string_view r : rows) {
        std::size_t b = 0;
        while (true) {
            const std::size_t e = r.find('|', b);
            std::string_view cell = r.substr(b, e == std::string_view::npos ? std::string_view::npos : e - b);
            out += '\t';
            if (cell != "~") out.append(cell);
            out += '\n';
            if (e == std::string_view::npos) break;
            b = e + 1;
        }
        out += '\n';
    }
    return out;
}

document read_doc(const std::string& text) {
    auto r = read_bytes(text, "test.txt");
    REQUIRE(r.ok());
    return std::move(r).value();
}

const form& only_form(const document& d) {
    REQUIRE(d.forms.size() == 1);
    return d.forms[0];
}

bool has(const diagnostics& ds, std::string_view code) {
    return std::any_of(ds.begin(), ds.end(), [&](const diagnostic& d) { return d.code == code; });
}

}  // namespace

TEST_CASE("form: title gives kind and year — header fields are label/value pairs") {
    const document d = read_doc(rows_text({
        "2021年项目支出绩效自评表",
        "项目名称|某某专项经费|项目负责人及电话|张三/0734-1234567",
        "主管部门|某局|实施单位|某中心",
        "绩效指标|一级指标|二级指标|三级指标|指标值|实际完成值",
        "~|产出指标|数量指标|培训人次|≥100人次|120人次",
    }));
    const form& f = only_form(d);
    CHECK(f.kind == form_kind::project);
    CHECK(f.year == 2021);
    CHECK(f.header.project == "某某专项经费");
    CHECK(f.header.head == "张三");
    CHECK(f.header.phone == "0734-1234567");
    CHECK(f.header.supervisor == "某局");
    CHECK(f.header.implementer == "某中心");
    CHECK(f.fields.size() == 4);
}

TEST_CASE("form: label：value lines above the table are header fields — the table's own values win") {
    const document d = read_doc(rows_text({
        "2021年项目支出绩效自评表",
        "填报单位：某某局　　金额单位：万元",
        "项目负责人：张三填报日期：2022年3月1日",
        "说明：本表由项目单位填写",
        "项目名称|某某专项经费|主管部门|某厅",
        "绩效指标|一级指标|二级指标|三级指标|指标值|实际完成值",
        "~|产出指标|数量指标|培训人次|≥100人次|120人次",
    }));
    const form& f = only_form(d);
    REQUIRE(f.fields.size() == 6);
    CHECK(f.fields[0].label == "填报单位");
    CHECK(f.fields[0].value == "某某局");
    CHECK(f.fields[1].label == "金额单位");
    CHECK(f.fields[1].value == "万元");
    CHECK(f.fields[2].label == "项目负责人");
    CHECK(f.fields[2].value == "张三");  // a label run into the value before it is split off
    CHECK(f.fields[3].label == "填报日期");
    CHECK(f.fields[4].label == "项目名称");
    CHECK(f.header.unit == "某某局");
    CHECK(f.header.head == "张三");
    CHECK(f.header.project == "某某专项经费");
    CHECK(f.fields[0].at.line > 0);
    CHECK(has(f.diags, "form.header_from_paragraphs"));
}

TEST_CASE("form: indicators take columns from the header — whatever their wording and order") {
    // 分值 before the target; 年初目标值 / 实际完成值（B） wording; a note column.
    const document d = read_doc(rows_text({
        "部门整体支出绩效自评表",
        "一级指标|二级指标|指标名称|分值|年初目标值（A）|实际完成值（B）|得分|偏差原因分析及改进措施",
        "产出指标|数量指标|新建道路|20|≥5公里|4公里|16|雨季停工",
        "~|质量指标|验收合格率|20|100%|1|20|\xC2\xA0",
    }));
    const form& f = only_form(d);
    REQUIRE(f.indicators.size() == 2);
    const indicator& a = f.indicators[0];
    CHECK(a.level1 == "产出指标");
    CHECK(a.name == "新建道路");
    REQUIRE(a.target);
    CHECK(a.target->raw == "≥5公里");
    CHECK(a.target->op == comparator::ge);
    REQUIRE(a.weight);
    CHECK(a.weight->raw == "20");
    CHECK(a.score->raw == "16");
    CHECK(a.note == "雨季停工");
    CHECK(a.judged == verdict::not_met);
    const indicator& b = f.indicators[1];
    CHECK(b.level1 == "产出指标");  // through the merge
    CHECK(b.level2 == "质量指标");
    CHECK_FALSE(b.note);             // U+00A0 is an empty note
    CHECK(b.judged == verdict::met);
    CHECK_FALSE(a.goal);
}

TEST_CASE("form: numbered goals group indicators — the header's first cell can be the first goal") {
    const document d = read_doc(rows_text({
        "目标1|一级指标|二级指标|三级指标|指标值|全年实际完成值",
        "~|产出指标|数量指标|甲|≥1|2",
        "目标2：提高服务质量|产出指标|质量指标|乙|≥90%|0.95",
    }));
    const form& f = only_form(d);
    REQUIRE(f.goals.size() == 2);
    CHECK(f.goals[0].label == "目标1");
    CHECK_FALSE(f.goals[0].text);
    CHECK(f.goals[1].label == "目标2");
    CHECK(f.goals[1].text == "提高服务质量");
    REQUIRE(f.indicators.size() == 2);
    CHECK(f.indicators[0].goal == "目标1");
    CHECK(f.indicators[1].goal == "目标2");
}

TEST_CASE("form: placeholder rows are left out with an info diagnostic") {
    const document d = read_doc(rows_text({
        "一级指标|二级指标|三级指标|指标值|全年实际完成值|产生差异的原因及改进措施",
        "产出指标|数量指标|甲|≥1|2|\xC2\xA0",
        "~|可持续影响|\xC2\xA0|\xC2\xA0|\xC2\xA0|\xC2\xA0",
    }));
    const form& f = only_form(d);
    CHECK(f.indicators.size() == 1);
    CHECK(has(f.diags, "form.placeholder_row"));
}

TEST_CASE("form: a trailing '=' in a name that spans the target column is the target") {
    const document d = read_doc(rows_text({
        "目标1|一级指标|二级指标|三级指标|指标值|全年实际完成值|产生差异的原因及改进措施",
        "~|产出指标|数量指标|甲|≥2人|4人|\xC2\xA0",
        "~|效益指标|社会效益指标|乙|≥80%|0.8|\xC2\xA0",
        "~|~|满意度指标|残疾人满意度 \xC2\xA0 \xC2\xA0=|1|\xC2\xA0",
    }));
    const form& f = only_form(d);
    REQUIRE(f.indicators.size() == 3);
    const indicator& x = f.indicators[2];
    CHECK(x.name == "残疾人满意度");
    REQUIRE(x.target);
    CHECK(x.target->raw == "=");
    CHECK(x.target->op == comparator::eq);
    CHECK_FALSE(x.target->number);
    REQUIRE(x.actual);
    CHECK(x.actual->raw == "1");
    CHECK(x.level1 == "效益指标");
    CHECK(has(f.diags, "form.comparator_in_name"));
}

TEST_CASE("form: funds block amounts are in 元 from the declared 万元") {
    const document d = read_doc(rows_text({
        "项目资金（万元）|\xC2\xA0|年初预算数|全年预算数（A）|全年执行数（B）|分值|执行率|得分",
        "~|年度资金总额|100|120.5|96.4|10|80%|8",
        "~|其中：当年财政拨款|100|100|90|—|90%|—",
        "~|其他资金|\xC2\xA0|20.5万元|6.4|\xC2\xA0|\xC2\xA0|\xC2\xA0",
    }));
    const form& f = only_form(d);
    REQUIRE(f.funds);
    CHECK(f.funds->unit == "万元");
    REQUIRE(f.funds->rows.size() == 3);
    const funds_row& t = f.funds->rows[0];
    CHECK(t.label == "年度资金总额");
    REQUIRE(t.budget);
    CHECK(t.budget->raw == "120.5");
    CHECK(t.budget->number->to_string() == "1205000");
    CHECK(t.budget->unit == "元");
    CHECK(t.executed->number->to_string() == "964000");
    CHECK(t.rate->number->to_string() == "0.8");
    CHECK(t.weight->number->to_string() == "10");
    CHECK(t.score->number->to_string() == "8");
    const funds_row& o = f.funds->rows[2];
    CHECK_FALSE(o.budget_initial);
    CHECK(o.budget->number->to_string() == "205000");  // its own 万元, not multiplied twice
    CHECK_FALSE(f.funds->rows[1].weight->number);     // "—": raw kept, no number
    CHECK(f.funds->rows[1].weight->raw == "—");
}

TEST_CASE("form: overall goal in a header row and the row below") {
    const document d = read_doc(rows_text({
        "单位名称|某单位",
        "年度总体目标|预期目标|实际完成情况",
        "~|计划甲|完成甲",
    }));
    const form& f = only_form(d);
    REQUIRE(f.overall);
    CHECK(f.overall->planned == "计划甲");
    CHECK(f.overall->achieved == "完成甲");
    CHECK(f.header.unit == "某单位");
}

TEST_CASE("form: total score and grade") {
    const document d = read_doc(rows_text({
        "一级指标|二级指标|三级指标|指标值|实际完成值|分值|得分",
        "产出指标|数量指标|甲|≥1|2|90|90",
        "总分|100|92.5",
        "自评等级|优",
    }));
    const form& f = only_form(d);
    REQUIRE(f.total.score);
    CHECK(f.total.score->number->to_string() == "92.5");
    CHECK(f.total.grade == "优");
}

TEST_CASE("form: labels match across full-width forms and spaces typed into them") {
    const document d = read_doc(rows_text({
        "一 级 指 标|二级指标|三级\n指标|指标值|实际完成值",
        "产出指标|数量指标|甲|≥1|2",
    }));
    const form& f = only_form(d);
    REQUIRE(f.indicators.size() == 1);
    CHECK(f.indicators[0].name == "甲");
}

TEST_CASE("form: a table with no form section is not a form") {
    const document d = read_doc(rows_text({"甲|乙", "1|2"}));
    CHECK(d.forms.empty());
    CHECK(has(d.diags, "form.not_a_form"));
    CHECK(d.tables.size() == 1);
}

TEST_CASE("form: without a title — the kind comes from the header — with a diagnostic") {
    const document d = read_doc(rows_text({
        "项目名称|某项目",
        "一级指标|二级指标|三级指标|指标值|实际完成值",
        "产出指标|数量指标|甲|≥1|2",
    }));
    const form& f = only_form(d);
    CHECK(f.kind == form_kind::project);
    CHECK(has(f.diags, "form.kind_from_header"));
    CHECK_FALSE(f.title);
}

TEST_CASE("form: header fields after the indicator block end it and are kept as fields") {
    const document d = read_doc(rows_text({
        "一级指标|二级指标|三级指标|指标值|实际完成值",
        "产出指标|数量指标|甲|≥1|2",
        "填报人|李四|联系电话|0734-7654321",
    }));
    const form& f = only_form(d);
    CHECK(f.indicators.size() == 1);
    REQUIRE(f.fields.size() == 2);
    CHECK(f.fields[0].label == "填报人");
    CHECK(f.fields[0].value == "李四");
    CHECK(f.header.phone == "0734-7654321");
    CHECK_FALSE(f.header.head);  // 填报人 is who filled the form in, not the unit's head
}

TEST_CASE("form: values read with the row's context — money rows, percent targets, the form's year") {
    const document d = read_doc(rows_text({
        "2021年项目支出绩效自评表",
        "项目名称|某某专项经费|项目负责人及电话|张三/0734-1234567",
        "绩效指标|一级指标|二级指标|三级指标|指标值|实际完成值",
        "~|产出指标|成本指标|补贴标准|≤2万|1.5",
        "~|产出指标|质量指标|合格率|≥80%|0.8",
        "~|产出指标|时效指标|完成时间|12月底前|2021年11月",
        "~|产出指标|数量指标|服务次数|每年一次|1次/年",
        "~|效益指标|可持续影响指标|持续时间|长期|长期",
        "~|效益指标|社会效益指标|群众评价|良好|优秀",
        "~|满意度指标|服务对象满意度指标|满意度|≥90%|\u3000",
    }));
    const form& f = only_form(d);
    REQUIRE(f.indicators.size() == 7);
    const indicator& cost = f.indicators[0];
    CHECK(cost.target->dim == dimension::money);
    CHECK(cost.actual->base_number->to_string() == "15000");  // 1.5 read in the target's 万
    CHECK(cost.judged == verdict::met);
    const indicator& rate = f.indicators[1];
    CHECK(rate.actual->dim == dimension::ratio);
    CHECK(rate.judged == verdict::met);
    CHECK(has(f.diags, "value.ratio_as_percent"));
    const indicator& when = f.indicators[2];
    REQUIRE(when.target->date.has_value());
    CHECK(when.target->date->last == calendar_date{2021, 12, 31});
    CHECK(when.judged == verdict::met);
    CHECK(has(f.diags, "value.year_assumed"));
    CHECK(f.indicators[3].judged == verdict::met);
    CHECK(f.indicators[4].judged == verdict::met);
    CHECK(f.indicators[5].judged == verdict::met);
    CHECK(f.indicators[6].judged == verdict::unknown);
    CHECK(f.indicators[6].why == verdict_reason::actual_missing);
}

// --- template families and label quirks (issue 5) --------------------------------

TEST_CASE("form: a target split over 指标性质 | 指标值 | 度量单位 is read as one — 定性 is the nature") {
    const document d = read_doc(rows_text({
        "部门预算项目支出绩效自评表",
        "项目名称|51092324T000010263357-公共法律服务",
        "绩效指标（90分）|一级指标|二级指标|三级指标|指标性质|指标值|度量单位|完成值|权重|得分|未完成原因分析",
        "~|产出指标|数量指标|法律援助案件数|≥|95|件|100|30|30|无",
        "~|~|经济成本指标|成本控制数|≤|30|万元|完成|30|30|无",
        "~|效益指标|社会效益指标|群众满意度|定性|优良中低差|\u00a0|优|30|30|无",
    }));
    const form& f = only_form(d);
    CHECK(f.family == "sichuan");
    CHECK(f.header.project == "公共法律服务");
    CHECK(f.header.project_code == "51092324T000010263357");
    REQUIRE(f.indicators_weight);
    CHECK(f.indicators_weight->to_string() == "90");
    REQUIRE(f.indicators.size() == 3);
    const indicator& a = f.indicators[0];
    REQUIRE(a.target);
    CHECK(a.target->raw == "≥95件");
    CHECK(a.comparator_raw == "≥");
    CHECK(a.unit_raw == "件");
    CHECK(a.direction == polarity::positive);
    CHECK(a.judged == verdict::met);
    const indicator& b = f.indicators[1];
    CHECK(b.level1 == "产出指标");
    CHECK(b.level2_code == "economic_cost");
    CHECK(b.target->raw == "≤30万元");
    CHECK(b.direction == polarity::negative);
    const indicator& c = f.indicators[2];
    CHECK(c.nature == "定性");
    CHECK_FALSE(c.comparator_raw);
    CHECK(c.target->raw == "优良中低差");
    CHECK(c.direction == polarity::qualitative);
    CHECK(has(f.diags, "form.target_joined"));
}

TEST_CASE("form: a flat indicator list with no 一级/二级 columns (Chongqing)") {
    const document d = read_doc(rows_text({
        "部门整体绩效自评表",
        "主管部门|某局|财政处室|行政政法处|自评总分（分）|97.6",
        "绩效指标|指标名称|计量单位|指标性质|年初指标值|调整指标值|全年完成值|得分系数（%）|指标权重（分）|指标得分（分）|是否核心指标",
        "~|宣传活动次数|次|定量指标|≥10|≥12|12|100|10|10|是",
        "~|群众满意度|%|定量指标|≥90|≥90|85|94|10|9.4|否",
    }));
    const form& f = only_form(d);
    CHECK(f.family == "chongqing");
    CHECK(f.kind == form_kind::department);
    REQUIRE(f.total.score);
    CHECK(f.total.score->raw == "97.6");
    REQUIRE(f.indicators.size() == 2);
    const indicator& a = f.indicators[0];
    CHECK_FALSE(a.level1);
    CHECK(a.name == "宣传活动次数");
    CHECK(a.nature == "定量");
    CHECK(a.core);
    CHECK(a.target->raw == "≥10次");
    REQUIRE(a.adjusted_target);
    CHECK(a.adjusted_target->raw == "≥12次");
    REQUIRE(a.score_ratio);
    CHECK(a.score_ratio->raw == "100");
    CHECK_FALSE(f.indicators[1].core);
    CHECK(f.indicators[1].judged == verdict::not_met);
}

TEST_CASE("form: a header over two rows — sub-headers under a spanning 指标值") {
    const document d = read_doc(rows_text({
        "项目支出绩效自评表",
        "项目名称|某项目",
        "绩效指标|一级指标|二级指标|三级指标|年度指标值|~|实际完成值|分值|得分",
        "~|~|~|~|指标性质|指标值|~|~|~",
        "~|产出指标（50分）|数量指标|指标1：★培训人次|≥|100人次|120人次|20|20",
        "~|~|~|指标2：|\u00a0|\u00a0|\u00a0|\u00a0|\u00a0",
    }));
    const form& f = only_form(d);
    CHECK(has(f.diags, "form.header_two_rows"));
    REQUIRE(f.indicators.size() == 1);
    const indicator& a = f.indicators[0];
    CHECK(a.level1 == "产出指标");
    CHECK(a.level1_raw == "产出指标（50分）");
    CHECK(a.level1_weight->to_string() == "50");
    CHECK(a.level1_code == "output");
    CHECK(a.name == "培训人次");
    CHECK(a.name_raw == "指标1：★培训人次");
    CHECK(a.core);
    CHECK(a.target->raw == "≥100人次");
    CHECK(a.actual->raw == "120人次");
    CHECK(a.weight->raw == "20");
    CHECK(has(f.diags, "form.placeholder_row"));
}

TEST_CASE("form: check boxes in header fields, funds weight from the score header, 合计 as the total") {
    const document d = read_doc(rows_text({
        "2021年度项目自评表",
        "项目名称|某项目|主管部门|820-某局",
        "项目属性|☑持续性项目 □新增性项目|项目类型|□常年性 ☑延续性 □一次性",
        "预算执行情况（万元）（20分）|预算数（A）|执行数（B）|执行率（B/A）|得分（20分*执行率）",
        "年度财政资金总额|50|10|20%|4",
        "年度绩效目标（80分）|一级指标|二级指标|三级指标|年初目标值（A）|实际完成值（B）|得分",
        "~|产出指标|数量指标|公猪舍|22.8|22.8|10",
        "合计|~|~|~|~|~|84",
    }));
    const form& f = only_form(d);
    CHECK(f.family == "hubei");
    CHECK(f.kind == form_kind::project);
    CHECK(f.header.supervisor == "某局");
    CHECK(f.header.supervisor_code == "820");
    const auto field_of = [&](std::string_view label) -> const field& {
        auto it = std::find_if(f.fields.begin(), f.fields.end(), [&](const field& x) { return x.label == label; });
        REQUIRE(it != f.fields.end());
        return *it;
    };
    CHECK(field_of("项目属性").checked == std::vector<std::string>{"持续性项目"});
    CHECK(field_of("项目类型").checked == std::vector<std::string>{"延续性"});
    REQUIRE(f.funds);
    REQUIRE(f.funds->declared_weight);
    CHECK(f.funds->declared_weight->to_string() == "20");
    REQUIRE(f.funds->rows.size() == 1);
    CHECK(f.funds->rows[0].key == "total");
    CHECK(f.funds->rows[0].score->raw == "4");
    REQUIRE(f.indicators.size() == 1);
    REQUIRE(f.total.score);
    CHECK(f.total.score->raw == "84");
}

TEST_CASE("form: two forms in one table — a title row starts the second") {
    const document d = read_doc(rows_text({
        "项目支出绩效自评表（2023年度）",
        "项目名称|甲项目",
        "绩效指标|一级指标|二级指标|三级指标|指标值|完成值",
        "~|产出指标|数量指标|甲指标|≥1次|1次",
        "项目负责人：张三|财务负责人：李四",
        "项目支出绩效自评表（2023年度）",
        "项目名称|乙项目",
        "绩效指标|一级指标|二级指标|三级指标|指标值|完成值",
        "~|产出指标|数量指标|乙指标|≥2次|2次",
    }));
    REQUIRE(d.forms.size() == 2);
    CHECK(d.forms[0].header.project == "甲项目");
    CHECK(d.forms[1].header.project == "乙项目");
    CHECK(d.forms[1].title == "项目支出绩效自评表（2023年度）");
    CHECK(d.forms[1].year == 2023);
    REQUIRE(d.forms[0].indicators.size() == 1);
    REQUIRE(d.forms[1].indicators.size() == 1);
    CHECK(d.forms[1].indicators[0].name == "乙指标");
    CHECK(has(d.forms[1].diags, "form.form_in_table"));
}

TEST_CASE("form: a 转移支付 self-evaluation is kind transfer — a layout no family fits still gives its form") {
    const document d = read_doc(rows_text({
        "2021年度中央对地方转移支付区域绩效自评表",
        "转移支付（项目）名称|某补助资金|主管部门|某厅",
        "绩效指标|一级指标|二级指标|三级指标|指标值|实际完成值",
        "~|产出指标|数量指标|补助人数|≥100人|120人",
    }));
    const form& f = only_form(d);
    CHECK(f.kind == form_kind::transfer);
    CHECK(f.year == 2021);
    CHECK(f.header.supervisor == "某厅");
    REQUIRE(f.indicators.size() == 1);
    CHECK(f.indicators[0].judged == verdict::met);
}
