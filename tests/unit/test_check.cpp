// check_form on forms built by hand: for every code, a case that fires and the
// consistent form it was changed from, which must give nothing. Then the
// corpus forms, which must give the findings that are truly there.
#include <doctest/doctest.h>
#include <jixiao/check.hpp>
#include <jixiao/document.hpp>

#include <algorithm>
#include <string>
#include <vector>

using namespace jixiao;

namespace {

location row_at(int row) {
    location at;
    at.table = 0;
    at.row = row;
    at.col = 0;
    return at;
}

value cell(std::string_view raw, const value_context& ctx = {}) {
    diagnostics scratch;
    return parse_value(raw, {}, scratch, ctx);
}

std::optional<value> opt(std::string_view raw, const value_context& ctx = {}) {
    if (raw.empty()) return std::nullopt;
    return cell(raw, ctx);
}

std::optional<value> amount(std::string_view raw) {
    value_context ctx;
    ctx.bare_unit = "万元";
    ctx.hint = "资金";
    return opt(raw, ctx);
}

funds_row frow(std::string label, std::string key, std::string_view initial, std::string_view budget, std::string_view executed, int row) {
    funds_row r;
    r.label = std::move(label);
    r.key = std::move(key);
    r.budget_initial = amount(initial);
    r.budget = amount(budget);
    r.executed = amount(executed);
    r.at = row_at(row);
    return r;
}

// An indicator as the form stage reads it: the actual in the context of its target, the verdict judged.
indicator ind(std::string level1, std::string code1, std::string level2, std::string name, std::string_view target,
              std::string_view actual, std::string_view weight, std::string_view score, int row) {
    indicator i;
    i.level1 = std::move(level1);
    i.level1_code = std::move(code1);
    i.level2 = std::move(level2);
    i.name = std::move(name);
    value_context t;
    t.role = value_role::target;
    t.hint = *i.level2;
    i.target = opt(target, t);
    value_context a;
    a.role = value_role::actual;
    a.hint = *i.level2;
    a.target = i.target ? &*i.target : nullptr;
    i.actual = opt(actual, a);
    i.weight = opt(weight);
    i.score = opt(score);
    const judgement j = assess(i.target ? &*i.target : nullptr, i.actual ? &*i.actual : nullptr);
    i.judged = j.result;
    i.why = j.reason;
    i.at = row_at(row);
    return i;
}

// A consistent central 项目支出绩效自评表 (财预〔2020〕10号 附1): every check must stay silent on it.
form central_form() {
    form f;
    f.kind = form_kind::project;
    f.family = "central";
    f.title = "项目支出绩效自评表（2020年度）";
    f.year = 2020;
    f.table = 0;
    f.fields.push_back({"项目名称", "某某专项", row_at(2), {}});
    f.fields.push_back({"填报日期", "2021年3月1日", row_at(3), {}});
    funds_block b;
    b.unit = "万元";
    b.at = row_at(4);
    funds_row total = frow("年度资金总额", "total", "100", "100", "95", 5);
    total.weight = opt("10");
    total.rate = opt("95%");
    total.score = opt("9.5");
    b.rows.push_back(total);
    b.rows.push_back(frow("其中：当年财政拨款", "fiscal", "80", "80", "76", 6));
    b.rows.push_back(frow("上年结转资金", "carryover", "20", "20", "19", 7));
    b.rows.push_back(frow("其他资金", "other", "—", "—", "—", 8));
    f.funds = b;
    f.indicators.push_back(ind("产出指标", "output", "数量指标", "培训人数", "≥100人", "120人", "20", "20", 12));
    f.indicators.push_back(ind("产出指标", "output", "质量指标", "合格率", "≥95%", "96%", "15", "15", 13));
    f.indicators.push_back(ind("产出指标", "output", "时效指标", "按期完成率", "100%", "100%", "15", "15", 14));
    f.indicators.push_back(ind("效益指标", "benefit", "社会效益指标", "群众生活改善", "良好", "良好", "30", "27", 15));
    f.indicators.back().note = "部分乡镇进度偏慢，下年度加强督导";
    f.indicators.push_back(ind("满意度指标", "satisfaction", "服务对象满意度指标", "群众满意度", "≥90%", "95%", "10", "10", 16));
    for (indicator& i : f.indicators) {
        if (i.level1 == "产出指标") i.level1_weight = decimal(50, 0);
        if (i.level1 == "效益指标") i.level1_weight = decimal(30, 0);
        if (i.level1 == "满意度指标") i.level1_weight = decimal(10, 0);
    }
    f.total.weight = opt("100");
    f.total.score = opt("96.5");
    f.total.grade = "优";
    f.total.at = row_at(17);
    return f;
}

// The central form with other execution figures: the total's and the fiscal row's
// executed amounts (万元; 上年结转 stays 19), the written rate and execution score.
form executing(std::string_view total, std::string_view fiscal, std::string_view rate, std::string_view score) {
    form f = central_form();
    f.funds->rows[0].executed = amount(total);
    f.funds->rows[1].executed = amount(fiscal);
    f.funds->rows[0].rate = opt(rate);
    f.funds->rows[0].score = opt(score);
    return f;
}

std::vector<diagnostic> with(const diagnostics& ds, std::string_view code) {
    std::vector<diagnostic> out;
    for (const diagnostic& d : ds)
        if (d.code == code) out.push_back(d);
    return out;
}

// The one finding of `code`; fails when there is none or several.
diagnostic one(const diagnostics& ds, std::string_view code) {
    const std::vector<diagnostic> found = with(ds, code);
    REQUIRE_MESSAGE(found.size() == 1, code, ": ", found.size(), " findings");
    CHECK(!found[0].message.empty());
    CHECK(!found[0].message_zh.empty());
    return found[0];
}

std::string codes(const diagnostics& ds) {
    std::string s;
    for (const diagnostic& d : ds) s += d.code + " (" + to_string(d.level) + "): " + d.message + "\n";
    return s;
}

// Nothing found; the findings listed when there are some.
void silent(const form& f) {
    const diagnostics ds = check_form(f);
    CHECK_MESSAGE(ds.empty(), codes(ds));
}

indicator& named(form& f, std::string_view name) {
    for (indicator& i : f.indicators)
        if (i.name == name) return i;
    FAIL("no indicator ", name);
    return f.indicators.front();
}

// Puts `with` in the place of the indicator named `name`, keeping its level-1 points; `note` its deviation note.
indicator& replace(form& f, std::string_view name, indicator with, const char* note = nullptr) {
    indicator& i = named(f, name);
    with.level1_weight = i.level1_weight;
    if (note) with.note = note;
    i = std::move(with);
    return i;
}

}  // namespace

TEST_CASE("check: a consistent central form gives no finding") {
    const diagnostics ds = check_form(central_form());
    CHECK_MESSAGE(ds.empty(), codes(ds));
}

TEST_CASE("check: every finding has a code, both messages and the form's table") {
    form f = central_form();
    f.funds->rows[1].executed = amount("80");
    named(f, "培训人数").score = opt("21");
    f.total.grade = "良";
    const diagnostics ds = check_form(f);
    REQUIRE(ds.size() >= 3);
    for (const diagnostic& d : ds) {
        CHECK(d.code.rfind("check.", 0) == 0);
        CHECK(!d.message.empty());
        CHECK(!d.message_zh.empty());
        CHECK(d.at.table == 0);
        CHECK(d.at.row >= 0);
    }
}

// ---- funds -------------------------------------------------------------------------

TEST_CASE("check.funds_sum: parts against the total, per column") {
    form f = central_form();
    f.funds->rows[1].executed = amount("80");  // 80 + 19 ≠ 95
    const diagnostic d = one(check_form(f), "check.funds_sum");
    CHECK(d.level == severity::error);
    CHECK(d.at.row == 5);
    CHECK(d.message.find("99 万元") != std::string::npos);
    CHECK(d.message.find("95 万元") != std::string::npos);
    CHECK(d.message_zh.find("全年执行数") != std::string::npos);
}

TEST_CASE("check.funds_sum: the seed's 273 + 2 against 274") {
    form f;
    f.family = "hunan-department";
    f.kind = form_kind::department;
    f.table = 0;
    funds_block b;
    b.unit = "万元";
    b.rows.push_back(frow("合计", "total", "55", "", "274", 4));
    b.rows.push_back(frow("其中：财政拨款", "fiscal", "55", "", "273", 5));
    b.rows.push_back(frow("其他资金", "other", "", "", "2", 6));
    f.funds = b;
    const diagnostic d = one(check_form(f), "check.funds_sum");
    CHECK(d.level == severity::error);
    CHECK(d.message.find("275 万元") != std::string::npos);
    CHECK(d.message.find("274 万元") != std::string::npos);
    // 55 = 55 + (empty): the initial budget adds up and gives nothing
    CHECK(d.message.find("executed") != std::string::npos);

    f.funds->rows[0].executed = amount("275");
    CHECK(with(check_form(f), "check.funds_sum").empty());
}

TEST_CASE("check.funds_sum: one 其中 row only bounds the total; rows without keys are told by position") {
    form f = central_form();
    f.funds->rows.resize(2);  // 年度资金总额 and 其中：当年财政拨款 only: other sources may be unlisted
    CHECK(with(check_form(f), "check.funds_sum").empty());
    f.funds->rows[1].executed = amount("96");  // a part above the whole cannot be
    CHECK(one(check_form(f), "check.funds_sum").level == severity::error);

    form g = central_form();
    for (funds_row& r : g.funds->rows) r.key.clear();
    CHECK(with(check_form(g), "check.funds_sum").empty());
    g.funds->rows[1].executed = amount("80");  // 80 + 19 > 95
    const diagnostic d = one(check_form(g), "check.funds_sum");
    CHECK(d.level == severity::warning);
    CHECK(d.message.find("position") != std::string::npos);
}

TEST_CASE("check.funds_sum: a department's income and expenditure breakdowns each add up to the total") {
    form f;
    f.family = "hunan-department";
    f.kind = form_kind::department;
    funds_block b;
    b.unit = "万元";
    b.rows.push_back(frow("年度资金总额", "total", "500", "520", "510", 5));
    struct part {
        const char *label, *key, *group, *initial, *budget, *executed;
    };
    for (const part& p : {part{"一般公共预算", "fiscal", "income", "480", "500", "490"}, part{"其他资金", "other", "income", "20", "20", "20"},
                          part{"基本支出", "basic", "expenditure", "400", "410", "405"},
                          part{"项目支出", "project", "expenditure", "100", "110", "105"}}) {
        funds_row r = frow(p.label, p.key, p.initial, p.budget, p.executed, 6);
        r.group = p.group;
        b.rows.push_back(r);
    }
    f.funds = b;
    silent(f);
    // a breakdown's heading row (按收入性质分：) carries the group's total: it is no part
    funds_row heading = frow("按收入性质分：", "subtotal", "500", "520", "510", 6);
    heading.group = "income";
    f.funds->rows.insert(f.funds->rows.begin() + 1, heading);
    silent(f);
    f.funds->rows[5].budget = amount("100");  // 410 + 100 ≠ 520 in the expenditure breakdown only
    const diagnostic d = one(check_form(f), "check.funds_sum");
    CHECK(d.message.find("510 万元") != std::string::npos);
}

TEST_CASE("check.funds_rate: written rate against executed / budget") {
    form f = central_form();
    f.funds->rows[0].rate = opt("90%");
    f.funds->rows[0].score = opt("9");  // 10 × 90 % as written; recomputed it is 9.5
    const diagnostics ds = check_form(f);
    const diagnostic d = one(ds, "check.funds_rate");
    CHECK(d.level == severity::error);
    CHECK(d.message.find("95%") != std::string::npos);

    form g = central_form();
    g.funds->rows[0].rate = opt("95.3%");  // within 0.5 percentage points
    CHECK(with(check_form(g), "check.funds_rate").empty());
    g.funds->rows[0].rate = opt("95");  // a bare number above 1.5 is a percent
    CHECK(with(check_form(g), "check.funds_rate").empty());
}

TEST_CASE("check.funds_rate: a percent cut to an integer, or on the other budget figure, is information") {
    form f = executing("99.6", "80.6", "99%", "9.96");  // 99.6 % cut
    const diagnostic d = one(check_form(f), "check.funds_rate");
    CHECK(d.level == severity::info);
    CHECK(d.message.find("truncated") != std::string::npos);

    form g = central_form();
    g.funds->rows[0].budget_initial = amount("95");
    g.funds->rows[1].budget_initial = amount("75");
    g.funds->rows[0].rate = opt("100%");
    g.funds->rows[0].score = opt("9.5");
    const diagnostic e = one(check_form(g), "check.funds_rate");
    CHECK(e.level == severity::info);
    CHECK(e.message.find("initial budget") != std::string::npos);
}

TEST_CASE("check.funds_rate: on a family without rules of its own one severity lower; Beijing divides by 年初预算数") {
    form f = central_form();
    f.family = "unknown";
    f.funds->rows[0].rate = opt("80%");
    CHECK(one(check_form(f), "check.funds_rate").level == severity::warning);

    form b = central_form();
    b.family = "beijing";
    b.funds->rows[0].budget = std::nullopt;  // 年初预算数(A) / 全年执行数(B) only
    for (std::size_t k = 1; k < b.funds->rows.size(); ++k) b.funds->rows[k].budget = std::nullopt;
    const diagnostics ds = check_form(b);
    CHECK_MESSAGE(with(ds, "check.funds_rate").empty(), codes(ds));
    CHECK(with(ds, "check.funds_score").empty());
}

TEST_CASE("check.funds_score: weight × min(rate, 1) against the written score") {
    form f = central_form();
    f.funds->rows[0].score = opt("8");
    f.total.score = opt("95");
    const diagnostic d = one(check_form(f), "check.funds_score");
    CHECK(d.level == severity::error);
    CHECK(d.message.find("9.5") != std::string::npos);

    // over-execution is capped at the weight
    form g = executing("110", "91", "110%", "10");
    g.total.score = opt("97");
    const diagnostics ds = check_form(g);
    CHECK_MESSAGE(ds.empty(), codes(ds));
}

TEST_CASE("check.funds_score: a score cut or rounded to an integer is information (domain.md §6.2, cap 28)") {
    form f = executing("99.1", "80.1", "99.1%", "9");  // 9.91 truncated
    f.total.score = opt("96");           // 87 + 9 = 96
    const diagnostic d = one(check_form(f), "check.funds_score");
    CHECK(d.level == severity::info);
    CHECK(d.message.find("truncated") != std::string::npos);
    f.funds->rows[0].score = opt("10");  // 9.91 rounded
    f.total.score = opt("97");
    CHECK(one(check_form(f), "check.funds_score").message.find("rounded") != std::string::npos);
    f.funds->rows[0].score = opt("9.9");  // to one decimal: ordinary rounding, silent
    f.total.score = opt("96.9");
    const diagnostics ds = check_form(f);
    CHECK_MESSAGE(ds.empty(), codes(ds));
}

TEST_CASE("check.funds_score: the weight from the block's label, else the family's default (Hubei 20)") {
    form f = central_form();
    f.family = "hubei";
    f.funds->rows[0].weight = std::nullopt;
    f.funds->rows[0].score = opt("19");  // 20 × 95 %
    f.funds->declared_weight = decimal(20, 0);
    f.total.score = opt("106");  // not a sum check here
    CHECK(with(check_form(f), "check.funds_score").empty());
    f.funds->declared_weight = std::nullopt;  // the default, 20
    CHECK(with(check_form(f), "check.funds_score").empty());
    f.funds->rows[0].score = opt("9.5");
    const diagnostic d = one(check_form(f), "check.funds_score");
    CHECK(d.level == severity::warning);  // against a default weight: a likely mistake, not a certain one
}

TEST_CASE("check.amount_scale: 元 figures under a 万元 label") {
    form f = central_form();
    f.funds->rows[0].budget = amount("2751417.82");
    const diagnostic d = one(check_form(f), "check.amount_scale");
    CHECK(d.level == severity::warning);
    CHECK(d.message.find("2751417.82 万元") != std::string::npos);
    f.funds->rows[0].budget = amount("2751417.82元");  // the cell says its unit itself
    CHECK(with(check_form(f), "check.amount_scale").empty());
}

// ---- indicators --------------------------------------------------------------------

TEST_CASE("check.score_over_weight: a score above its weight or below 0") {
    form f = central_form();
    named(f, "培训人数").score = opt("21");
    f.total.score = opt("97.5");
    const diagnostic d = one(check_form(f), "check.score_over_weight");
    CHECK(d.level == severity::error);
    CHECK(d.at.row == 12);
    named(f, "培训人数").score = opt("-1");
    CHECK(one(check_form(f), "check.score_over_weight").message.find("below 0") != std::string::npos);
    form g = central_form();
    g.funds->rows[0].score = opt("11");
    CHECK(one(check_form(g), "check.score_over_weight").level == severity::error);
}

TEST_CASE("check.score_recomputed: positive indicators, W × A / T below the target") {
    form f = central_form();
    indicator& i = replace(f, "培训人数", ind("产出指标", "output", "数量指标", "培训人数", "≥100人", "80人", "20", "16", 12), "疫情影响");
    f.total.score = opt("92.5");
    silent(f);

    i.score = opt("19");  // 3 above the rule's 16
    f.total.score = opt("95.5");
    const diagnostic d = one(check_form(f), "check.score_recomputed");
    CHECK(d.level == severity::warning);
    CHECK(d.message.find("3 above") != std::string::npos);
    CHECK(d.message.find("20 × 80 / 100 = 16") != std::string::npos);

    i.score = opt("12");  // below the rule: a deduction by judgement, information
    f.total.score = opt("88.5");
    CHECK(one(check_form(f), "check.score_recomputed").level == severity::info);
}

TEST_CASE("check.score_recomputed: negative indicators, 10号 and proportional rules") {
    form f = central_form();
    indicator& i = replace(f, "按期完成率", ind("产出指标", "output", "成本指标", "成本控制", "≤10万元", "15万元", "15", "7.5", 14), "超支");
    f.total.score = opt("89");
    f.total.grade = "良";
    silent(f);  // 10号: 15 × (1 − (15 − 10) / 10) = 7.5
    i.score = opt("10");  // Beijing's 15 × 10 / 15 = 10 is not the central rule
    f.total.score = opt("91.5");
    f.total.grade = "优";
    CHECK(one(check_form(f), "check.score_recomputed").level == severity::warning);
    f.family = "beijing";
    const diagnostics bj = check_form(f);
    CHECK_MESSAGE(with(bj, "check.score_recomputed").empty(), codes(bj));
    // twice the ceiling or more: 0
    f.family = "central";
    replace(f, *i.name, ind("产出指标", "output", "成本指标", "成本控制", "≤10万元", "20万元", "15", "0", 14), "超支");
    f.total.score = opt("81.5");
    f.total.grade = "良";
    silent(f);
}

TEST_CASE("check.score_recomputed: qualitative scores lie in their bands") {
    form f = central_form();
    indicator& i = named(f, "群众生活改善");
    i.score = opt("20");  // met: 24–30 of 30
    f.total.score = opt("89.5");
    const diagnostic d = one(check_form(f), "check.score_recomputed");
    CHECK(d.level == severity::warning);
    CHECK(d.message.find("24–30") != std::string::npos);

    replace(f, *i.name, ind("效益指标", "benefit", "社会效益指标", "群众生活改善", "达成年度指标", "部分达成年度指标并具有一定效果", "30", "20", 15), "部分完成");
    f.total.grade = "良";
    silent(f);  // 部分达成: 18–24
}

TEST_CASE("check.score_recomputed: Chongqing's score = weight × 得分系数") {
    form f = central_form();
    f.family = "chongqing";
    indicator& i = named(f, "培训人数");
    i.score_ratio = opt("100%");
    CHECK(with(check_form(f), "check.score_recomputed").empty());
    i.score_ratio = opt("90");  // 90 % of 20 = 18, written 20
    const diagnostic d = one(check_form(f), "check.score_recomputed");
    CHECK(d.level == severity::warning);
    CHECK(d.message.find("得分系数") != std::string::npos);
}

TEST_CASE("check: a bare target on a rate of something capped (结余率 2%) is no floor") {
    // Chongqing's 53号 rates: 结转结余率 target 2%, actual 0%, full score — right, not "not met".
    form f = central_form();
    f.family = "chongqing";
    replace(f, "合格率", ind("产出指标", "output", "质量指标", "结转结余率", "2%", "0%", "15", "15", 13));
    replace(f, "按期完成率", ind("产出指标", "output", "时效指标", "公用经费控制率", "100%", "97%", "15", "15", 14));
    silent(f);
    // the same values under a name that is no ceiling: a floor not met, and full marks
    replace(f, "结转结余率", ind("产出指标", "output", "质量指标", "政府采购执行率", "2%", "0%", "15", "15", 13));
    CHECK(one(check_form(f), "check.verdict_score").level == severity::warning);
}

TEST_CASE("check.score_recomputed: no comparator is read as positive, one severity lower") {
    form f = central_form();
    indicator& i = replace(f, "按期完成率", ind("产出指标", "output", "时效指标", "完成数", "100", "80", "15", "15", 14));
    const diagnostics ds = check_form(f);
    // 80 against 100 is not met: the full score is flagged by verdict_score, not twice
    CHECK(one(ds, "check.verdict_score").level == severity::warning);
    CHECK(with(ds, "check.score_recomputed").empty());
    i.score = opt("14");
    i.note = "略低";
    f.total.score = opt("95.5");
    const diagnostic d = one(check_form(f), "check.score_recomputed");
    CHECK(d.level == severity::info);  // warning (above the rule's 12), lowered: the direction was assumed
    CHECK(d.message.find("positive") != std::string::npos);
}

TEST_CASE("check.verdict_score: full score on a not-met indicator, zero on a met one") {
    form f = central_form();
    replace(f, "合格率", ind("产出指标", "output", "质量指标", "合格率", "≥95%", "90%", "15", "15", 13));
    const diagnostic d = one(check_form(f), "check.verdict_score");
    CHECK(d.level == severity::warning);
    CHECK(d.message.find("does not meet") != std::string::npos);

    form g = central_form();
    named(g, "合格率").score = opt("0");
    named(g, "合格率").note = "未评分";
    g.total.score = opt("81.5");
    CHECK(one(check_form(g), "check.verdict_score").message.find("meets") != std::string::npos);
}

TEST_CASE("check.deviation_note_missing: a score below the weight needs a note") {
    form f = central_form();
    named(f, "群众生活改善").note = std::nullopt;
    const diagnostic d = one(check_form(f), "check.deviation_note_missing");
    CHECK(d.level == severity::warning);
    CHECK(d.at.row == 15);
    // Hubei forms have no per-row note column: no notes anywhere, no finding
    f.family = "hubei";
    f.funds->rows[0].weight = opt("20");
    f.funds->rows[0].score = opt("19");
    f.total.score = opt("106");
    CHECK(with(check_form(f), "check.deviation_note_missing").empty());
}

TEST_CASE("check.deviation_note_missing: Sichuan asks for a 原因 when execution is below 90 %") {
    form f = executing("85", "66", "85%", "8.5");
    f.family = "sichuan";
    f.total.score = opt("95.5");
    const diagnostic d = one(check_form(f), "check.deviation_note_missing");
    CHECK(d.at.row == 5);
    f.funds->rows[0].note = "项目延期";
    CHECK(with(check_form(f), "check.deviation_note_missing").empty());
}

TEST_CASE("check.over_achievement: an actual at 130 % of the target or more") {
    form f = central_form();
    indicator& i = replace(f, "培训人数", ind("产出指标", "output", "数量指标", "培训人数", "≥100人", "140人", "20", "20", 12));
    CHECK(one(check_form(f), "check.over_achievement").level == severity::warning);
    i.note = "需求超出预期";
    CHECK(one(check_form(f), "check.over_achievement").level == severity::info);
    // no note, but a form with no note column (Chongqing; no row has a note): information
    for (indicator& x : f.indicators) x.note = std::nullopt;
    f.family = "chongqing";
    CHECK(one(check_form(f), "check.over_achievement").level == severity::info);
    f.family = "central";
    // a ceiling overshot is not over-achievement
    replace(f, *i.name, ind("产出指标", "output", "成本指标", "成本", "≤100万元", "140万元", "20", "0", 12), "超支");
    CHECK(with(check_form(f), "check.over_achievement").empty());
}

TEST_CASE("check.actual_missing: a target with no actual in a self-evaluation") {
    form f = central_form();
    named(f, "合格率").actual = std::nullopt;
    const diagnostic d = one(check_form(f), "check.actual_missing");
    CHECK(d.level == severity::warning);
    CHECK(d.at.row == 13);
    f.kind = form_kind::target;  // a 绩效目标表 has no actuals
    CHECK(with(check_form(f), "check.actual_missing").empty());
    form g = central_form();
    g.family = "target";
    named(g, "合格率").actual = std::nullopt;
    CHECK(check_form(g).empty());
}

TEST_CASE("check.empty_group: a 二级 group without indicators") {
    form f = central_form();
    indicator group;
    group.level1 = "效益指标";
    group.level2 = "经济效益指标";
    group.at = row_at(15);
    f.indicators.insert(f.indicators.begin() + 3, group);
    const diagnostics ds = check_form(f);
    CHECK(one(ds, "check.empty_group").level == severity::info);
    CHECK_MESSAGE(ds.size() == 1, codes(ds));  // the empty row changes no sum
}

// ---- weights and totals ------------------------------------------------------------

TEST_CASE("check.weights_sum: indicator weights and the execution weight against 100") {
    form f = central_form();
    named(f, "培训人数").weight = opt("25");
    named(f, "培训人数").level1_weight = std::nullopt;
    for (indicator& i : f.indicators) i.level1_weight = std::nullopt;
    const diagnostic d = one(check_form(f), "check.weights_sum");
    CHECK(d.level == severity::error);
    CHECK(d.message.find("105") != std::string::npos);
    f.total.weight = std::nullopt;  // 100 assumed
    CHECK(one(check_form(f), "check.weights_sum").level == severity::warning);
}

TEST_CASE("check.weights_sum: indicator weights against the block's declared points (绩效指标（90分）)") {
    form f = central_form();
    f.indicators_weight = decimal(90, 0);
    CHECK(check_form(f).empty());
    f.indicators_weight = decimal(80, 0);
    const diagnostic d = one(check_form(f), "check.weights_sum");
    CHECK(d.level == severity::warning);
    CHECK(d.message.find("declares 80") != std::string::npos);
}

TEST_CASE("check.weights_sum: a form whose indicators carry all 100 points, execution unweighted") {
    form f = central_form();
    f.funds->rows[0].weight = std::nullopt;
    f.funds->rows[0].score = std::nullopt;
    named(f, "培训人数").weight = opt("30");
    named(f, "培训人数").score = opt("30");
    for (indicator& i : f.indicators) i.level1_weight = std::nullopt;
    f.total.score = opt("97");
    const diagnostics ds = check_form(f);
    CHECK_MESSAGE(ds.empty(), codes(ds));
}

TEST_CASE("check.level1_weight: Σ weights of a 一级 group against its declared points") {
    form f = central_form();
    for (indicator& i : f.indicators)
        if (i.level1 == "产出指标") i.level1_weight = decimal(60, 0);
    const diagnostic d = one(check_form(f), "check.level1_weight");
    CHECK(d.level == severity::warning);
    CHECK(d.message.find("50") != std::string::npos);
    CHECK(d.message.find("60") != std::string::npos);
}

TEST_CASE("check.level1_default: the split against 10号's 50/30/10, for information") {
    form f = central_form();
    named(f, "培训人数").weight = opt("30");
    named(f, "培训人数").score = opt("30");
    named(f, "群众生活改善").weight = opt("20");
    named(f, "群众生活改善").score = opt("17");
    for (indicator& i : f.indicators) i.level1_weight = std::nullopt;
    const diagnostic d = one(check_form(f), "check.level1_default");
    CHECK(d.level == severity::info);
    CHECK(d.message.find("output 60 (default 50)") != std::string::npos);
    // no satisfaction indicator: its 10 points go to 效益 (10号)
    form g = central_form();
    g.indicators.pop_back();
    named(g, "群众生活改善").weight = opt("40");
    named(g, "群众生活改善").score = opt("37");
    for (indicator& i : g.indicators) i.level1_weight = std::nullopt;
    const diagnostics ds = check_form(g);
    CHECK_MESSAGE(ds.empty(), codes(ds));
}

TEST_CASE("check.total_sum: 总分 against the execution score and the indicator scores") {
    form f = central_form();
    f.total.score = opt("90");
    const diagnostic d = one(check_form(f), "check.total_sum");
    CHECK(d.level == severity::error);
    CHECK(d.at.row == 17);
    CHECK(d.message.find("96.5") != std::string::npos);
    f.total.score = opt("96.8");  // within half a point
    CHECK(with(check_form(f), "check.total_sum").empty());
}

TEST_CASE("check.total_sum: a total that adds up only with the unrounded execution score (稷山 2020)") {
    form f = executing("99.1", "80.1", "99%", "9");  // 9.91 shown as 9
    f.total.score = opt("97");           // 87 + 9.91, not 87 + 9
    const diagnostics ds = check_form(f);
    const diagnostic d = one(ds, "check.total_sum");
    CHECK(d.level == severity::info);
    CHECK(d.message.find("9.91") != std::string::npos);
}

TEST_CASE("check.grade_band: the grade against the total's band") {
    form f = central_form();
    f.total.grade = "良好";
    const diagnostic d = one(check_form(f), "check.grade_band");
    CHECK(d.level == severity::error);
    CHECK(d.message.find("优") != std::string::npos);
    f.total.grade = "优秀";
    CHECK(check_form(f).empty());
    f.total.grade = "合格";  // not a word of the 优良中差 scale: nothing to compare
    CHECK(check_form(f).empty());
}

TEST_CASE("check.grade_band: band boundaries are inclusive (90 is 优, 89.9 is 良)") {
    form f = central_form();
    named(f, "群众生活改善").score = opt("24");
    f.total.score = opt("93.5");
    f.total.grade = "优";
    CHECK(with(check_form(f), "check.grade_band").empty());
    form g = central_form();
    g.funds->rows.resize(0);
    g.funds.reset();
    for (const char* s : {"90", "89.9"}) {
        g.total.score = opt(s);
        g.total.grade = std::string(s) == "90" ? "优" : "良";
        CHECK(with(check_form(g), "check.grade_band").empty());
    }
}

// ---- header and families -----------------------------------------------------------

TEST_CASE("check.year_mismatch: the fill date and year fields against the form's year") {
    form f = central_form();
    f.fields[1].value = "2019年3月1日";
    const diagnostic d = one(check_form(f), "check.year_mismatch");
    CHECK(d.level == severity::warning);
    CHECK(d.at.row == 3);
    f.fields[1].value = "2020-12-31";
    CHECK(check_form(f).empty());
    f.fields.push_back({"评价年度", "2021年度", row_at(3), {}});
    CHECK(one(check_form(f), "check.year_mismatch").message.find("2021") != std::string::npos);
    // a project name that mentions another year is not a year field
    f.fields.back() = {"项目名称", "2019年结转项目", row_at(2), {}};
    CHECK(check_form(f).empty());
}

TEST_CASE("check: a Hunan 专项资金 form has no scores, so no score checks") {
    form f = central_form();
    f.family = "hunan-special";
    named(f, "培训人数").score = opt("25");  // above its weight, but this template scores nothing
    f.total.grade = "差";
    const diagnostics ds = check_form(f);
    CHECK(with(ds, "check.score_over_weight").empty());
    CHECK(with(ds, "check.grade_band").empty());
}

TEST_CASE("check: forms with nothing in them give nothing") {
    form f;
    CHECK(check_form(f).empty());
    f.indicators.emplace_back();
    f.funds.emplace();
    f.funds->rows.emplace_back();
    f.total.score = opt("abc");
    f.total.grade = "优";
    CHECK(check_form(f).empty());
}

// ---- through the reader: the cell of the value ----------------------------------------

TEST_CASE("check: read_* run the checks, findings point at the value's cell") {
    // Tab-indented text (docs/text-format.md): one cell a line, rows apart by a blank line;
    // a bare tab continues the cell above, U+00A0 is an empty cell.
    const std::string text =
        "\t项目支出绩效自评表（2020年度）\n\n"
        "\t项目名称\n\t某某专项\n\n"
        "\t项目资金（万元）\n\t\u00a0\n\t年初预算数\n\t全年预算数\n\t全年执行数\n\t分值\n\t执行率\n\t得分\n\n"
        "\t\n\t年度资金总额\n\t100\n\t100\n\t95\n\t10\n\t95%\n\t9.5\n\n"
        "\t\n\t其中：当年财政拨款\n\t80\n\t80\n\t76\n\t—\n\t\u00a0\n\t—\n\n"
        "\t\n\t上年结转资金\n\t20\n\t20\n\t19\n\t—\n\t\u00a0\n\t—\n\n"
        "\t绩效指标\n\t一级指标\n\t二级指标\n\t三级指标\n\t年度指标值\n\t实际完成值\n\t分值\n\t得分\n\t偏差原因分析及改进措施\n\n"
        "\t\n\t产出指标\n\t数量指标\n\t培训人数\n\t≥100人\n\t120人\n\t50\n\t50\n\t\u00a0\n\n"
        "\t\n\t效益指标\n\t社会效益指标\n\t群众满意度\n\t≥90%\n\t95%\n\t40\n\t45\n\t\u00a0\n\n"
        "\t总分\n\t100\n\t104.5\n\t\u00a0\n";
    auto r = read_bytes(text, "t.txt");
    REQUIRE(r.ok());
    REQUIRE(r.value().forms.size() == 1);
    const form& f = r.value().forms[0];
    const auto it = std::find_if(f.diags.begin(), f.diags.end(), [](const diagnostic& d) { return d.code == "check.score_over_weight"; });
    REQUIRE(it != f.diags.end());
    const grid& g = r.value().tables.at(static_cast<std::size_t>(it->at.table));
    CHECK(g.at(static_cast<std::uint32_t>(it->at.row), static_cast<std::uint32_t>(it->at.col)).text == "45");
    CHECK(it->at.line > 0);

    read_options no;
    no.check = false;
    auto quiet = read_bytes(text, "t.txt", no);
    REQUIRE(quiet.ok());
    for (const diagnostic& d : quiet.value().forms.at(0).diags) CHECK(d.code.rfind("check.", 0) != 0);
}

TEST_CASE("check: a finding about a value points at its own cell (joined targets, repeated texts)") {
    // The target is written in three cells (指标性质 | 指标值 | 度量单位) and read as "≥95%";
    // weight and score are both "10", so a search by text would find the weight.
    const std::string text =
        "\t项目支出绩效自评表（2020年度）\n\n"
        "\t项目名称\n\t某某专项\n\n"
        "\t一级指标\n\t二级指标\n\t三级指标\n\t指标性质\n\t指标值\n\t度量单位\n\t实际完成值\n\t分值\n\t得分\n\n"
        "\t产出指标\n\t数量指标\n\t培训人数\n\t≥\n\t100\n\t人\n\t80\n\t10\n\t10\n\n"
        "\t\n\t质量指标\n\t合格率\n\t≥\n\t95\n\t%\n\t\u00a0\n\t10\n\t10\n\n";
    auto r = read_bytes(text, "t.txt");
    REQUIRE(r.ok());
    REQUIRE(r.value().forms.size() == 1);
    const form& f = r.value().forms[0];
    REQUIRE(f.indicators.size() == 2);
    REQUIRE(f.indicators[1].target);
    CHECK(f.indicators[1].target->raw == "≥95%");
    const auto text_at = [&](const location& at) {
        const grid& g = r.value().tables.at(static_cast<std::size_t>(at.table));
        return g.at(static_cast<std::uint32_t>(at.row), static_cast<std::uint32_t>(at.col)).text;
    };
    const auto find = [&](std::string_view code) {
        const auto it = std::find_if(f.diags.begin(), f.diags.end(), [&](const diagnostic& d) { return d.code == code; });
        REQUIRE(it != f.diags.end());
        return *it;
    };
    const diagnostic missing = find("check.actual_missing");
    CHECK(missing.at.row == f.indicators[1].at.row);
    CHECK(text_at(missing.at) == "95");
    const diagnostic full = find("check.verdict_score");
    CHECK(full.at.row == f.indicators[0].at.row);
    CHECK(full.at.col == f.indicators[0].score->at.col);
    CHECK(full.at.col == f.indicators[0].weight->at.col + 1);
}

// ---- the corpus --------------------------------------------------------------------

namespace {

diagnostics corpus_checks(const char* rel) {
    auto r = read_file(std::string(JIXIAO_CORPUS_DIR) + "/" + rel);
    REQUIRE(r.ok());
    diagnostics out;
    for (const form& f : r.value().forms)
        for (const diagnostic& d : f.diags)
            if (d.code.rfind("check.", 0) == 0) out.push_back(d);
    return out;
}

}  // namespace

TEST_CASE("check: the seed form (衡阳南岳 2020) — 273 + 2 ≠ 274 and two missing actuals, nothing else wrong") {
    for (const char* rel : {"text/hunan/nanyue-canlian-2020.txt", "docx/hunan/nanyue-canlian-2020.docx"}) {
        CAPTURE(rel);
        const diagnostics ds = corpus_checks(rel);
        const diagnostic sum = one(ds, "check.funds_sum");
        CHECK(sum.level == severity::error);
        CHECK(sum.message.find("275 万元") != std::string::npos);
        CHECK(sum.message.find("274 万元") != std::string::npos);
        CHECK(with(ds, "check.actual_missing").size() == 2);
        for (const diagnostic& d : ds) {
            const bool expected = d.code == "check.funds_sum" || d.code == "check.actual_missing" ||
                                  (d.code == "check.over_achievement" && d.level == severity::info);
            CHECK_MESSAGE(expected, d.code, ": ", d.message);
        }
    }
}

TEST_CASE("check: the central 稷山 form — its total adds up only with the unrounded execution score") {
    for (const char* rel : {"text/central/jishan-yibao-2020.txt", "docx/central/jishan-yibao-2020.docx"}) {
        CAPTURE(rel);
        const diagnostics ds = corpus_checks(rel);
        for (const diagnostic& d : ds) CHECK_MESSAGE(d.level != severity::error, d.code, ": ", d.message);
        const diagnostic total = one(ds, "check.total_sum");
        CHECK(total.level == severity::info);
        CHECK(total.message.find("9.91") != std::string::npos);
        CHECK(one(ds, "check.funds_score").message.find("truncated") != std::string::npos);
        // 效益 27 of 30 and 满意度 9 of 10 with no note on why
        CHECK(with(ds, "check.deviation_note_missing").size() == 2);
        CHECK(with(ds, "check.funds_rate").empty());
        CHECK(with(ds, "check.weights_sum").empty());
    }
}

TEST_CASE("check: the corpus forms give errors only where the forms are wrong") {
    // Each fixture's README says what is inconsistent in it; every other form must give no error.
    struct expected {
        const char* form;
        std::vector<std::string> errors;  // codes of the error findings, in order
    };
    const expected all[] = {
        {"sichuan/daying-sfj-2023", {"check.funds_sum", "check.funds_sum", "check.funds_sum"}},  // 28 + 0 + 1 ≠ 30 …
        {"sichuan/daying-sfj-2023-one-table", {"check.funds_sum", "check.funds_sum", "check.funds_sum"}},
        {"fujian-department/ningde-dangshi-2018", {"check.score_over_weight"}},  // 公务接待费控制数 6 of 5
        {"ningxia/yinchuan-6zhong-2021", {"check.total_sum"}},                    // 98 written, 94 summed
        {"hunan/nanyue-canlian-2020", {"check.funds_sum"}},                       // 273 + 2 ≠ 274
        {"central/jishan-yibao-2020", {}},
        {"beijing/xueyuanlu-qingsao-2016", {}},
        {"chongqing/kexuecheng-rongmeiti-2021", {}},
        {"chongqing/liangping-linye-2023", {}},
        {"hubei/changning-gxs-2022", {}},
        {"hubei/xiangyang-zxyy-2021", {}},
        {"hunan-department/lingling-jikong-2021", {}},
        {"target/jingyan-mata-2023", {}},
        {"wuhan/caidian-senlin-fanghuo-2021", {}},
    };
    for (const expected& e : all)
        for (const char* format : {"text", "docx"}) {
            const std::string rel = std::string(format) + "/" + e.form + (std::string(format) == "text" ? ".txt" : ".docx");
            CAPTURE(rel);
            std::vector<std::string> errors;
            for (const diagnostic& d : corpus_checks(rel.c_str()))
                if (d.level == severity::error) errors.push_back(d.code);
            CHECK(errors == e.errors);
        }
    // Chongqing's two published full scores on targets not met, and not its capped rates (结转结余率 2% → 0%)
    const diagnostics cq = corpus_checks("text/chongqing/kexuecheng-rongmeiti-2021.txt");
    const std::vector<diagnostic> full = with(cq, "check.verdict_score");
    REQUIRE(full.size() == 2);
    CHECK(full[0].message.find("政府采购执行率") != std::string::npos);
    CHECK(full[1].message.find("党性教育培训次数") != std::string::npos);
    CHECK(one(corpus_checks("text/fujian-department/ningde-dangshi-2018.txt"), "check.amount_scale").level == severity::warning);
}
