// The label helpers of the form stage (lib/form/labels.hpp, families.hpp).
#include <doctest/doctest.h>

#include "form/families.hpp"
#include "form/labels.hpp"
#include "detail/utf8.hpp"

#include <algorithm>

using namespace jixiao;
using namespace jixiao::detail;

TEST_CASE("labels: vertical and wrapped labels are joined — blanks between words stay one space") {
    CHECK(join_lines("产\n出\n指\n标") == "产出指标");
    CHECK(join_lines("可持续影\n响指标") == "可持续影响指标");
    CHECK(join_lines("满意 度指 标") == "满意度指标");
    CHECK(join_lines("  年度\r\n总体\r\n目标 ") == "年度总体目标");
    CHECK(join_lines("COVID 19  防控") == "COVID 19 防控");
    CHECK(join_lines("产出指标\n(50分)") == "产出指标(50分)");
}

TEST_CASE("labels: points leave the level label — other parentheses stay") {
    label_parts p = level_label("产出指标（50分）");
    CHECK(p.text == "产出指标");
    REQUIRE(p.points);
    CHECK(p.points->to_string() == "50");
    p = level_label("效益指标(22.5分)");
    CHECK(p.text == "效益指标");
    CHECK(p.points->to_string() == "22.5");
    p = level_label("满\n意\n度\n指\n标\n（10分）");
    CHECK(p.text == "满意度指标");
    CHECK(p.points->to_string() == "10");
    p = level_label("产出指标30分");
    CHECK(p.text == "产出指标");
    CHECK(p.points->to_string() == "30");
    p = level_label("社会效益（经济）");
    CHECK(p.text == "社会效益（经济）");
    CHECK_FALSE(p.points);
    p = level_label("预算执行情况（万元）（20分）");
    CHECK(p.text == "预算执行情况（万元）");
    CHECK(p.points->to_string() == "20");
}

TEST_CASE("labels: declared points inside a longer parenthesis") {
    CHECK(declared_points("得分（20分*执行率）")->to_string() == "20");
    CHECK(declared_points("分值(10分)")->to_string() == "10");
    CHECK(declared_points("绩效指标（90分）")->to_string() == "90");
    CHECK_FALSE(declared_points("执行率(B/A)"));
    CHECK_FALSE(declared_points("年初目标值（A）"));
}

TEST_CASE("labels: indicator names lose the template prefix and the core star") {
    label_parts p = indicator_name("指标1：全县参合人数");
    CHECK(p.text == "全县参合人数");
    CHECK_FALSE(p.core);
    CHECK_FALSE(p.placeholder);
    p = indicator_name("★验收合格率");
    CHECK(p.text == "验收合格率");
    CHECK(p.core);
    p = indicator_name("指标 12: 培训人次★");
    CHECK(p.text == "培训人次");
    CHECK(p.core);
    CHECK(indicator_name("指标2：").placeholder);
    CHECK(indicator_name("……").placeholder);
    CHECK(indicator_name("指标3:……").placeholder);
    CHECK(indicator_name("**").placeholder);
    CHECK_FALSE(indicator_name("指标体系完善度").placeholder);
    CHECK(indicator_name("指标体系完善度").text == "指标体系完善度");
}

TEST_CASE("labels: a budget code glued before a name is split off") {
    auto [c1, n1] = split_code("51092324T000010263357-公共法律服务");
    CHECK(c1 == "51092324T000010263357");
    CHECK(n1 == "公共法律服务");
    auto [c2, n2] = split_code("820001－马踏镇人民政府");
    CHECK(c2 == "820001");
    CHECK(n2 == "马踏镇人民政府");
    auto [c3, n3] = split_code("衡阳市南岳区残疾人联合会");
    CHECK_FALSE(c3);
    CHECK(n3 == "衡阳市南岳区残疾人联合会");
    auto [c4, n4] = split_code("COVID-防控");  // no digit: not a code
    CHECK_FALSE(c4);
    auto [c5, n5] = split_code("2020-2021");  // no name after it
    CHECK_FALSE(c5);
}

TEST_CASE("labels: ticked check boxes — box before or after the option") {
    bool boxes = false;
    CHECK(checked_options("☑持续性项目 □新增性项目", &boxes) == std::vector<std::string>{"持续性项目"});
    CHECK(boxes);
    CHECK(checked_options("1、部门预算项目□ 2、财政专项☑ 3、市对下转移支付项目□") == std::vector<std::string>{"财政专项"});
    CHECK(checked_options("□常年性 ■延续性 √一次性") == std::vector<std::string>{"延续性", "一次性"});
    CHECK(checked_options("没有方框", &boxes).empty());
    CHECK_FALSE(boxes);
    CHECK(checked_options("□A □B", &boxes).empty());
    CHECK(boxes);
}

TEST_CASE("labels: canonical codes of indicator groups and funds rows") {
    CHECK(level1_code("产出指标") == "output");
    CHECK(level1_code("产出") == "output");
    CHECK(level1_code("服务对象满意度指标") == "satisfaction");
    CHECK(level1_code("项目决策") == "decision");
    CHECK(level1_code("什么指标").empty());
    CHECK(level2_code("数量指标") == "quantity");
    CHECK(level2_code("产出数量") == "quantity");
    CHECK(level2_code("可持续性") == "sustainability");
    CHECK(level2_code("生态效益指标") == "ecological_benefit");
    CHECK(level2_code("社会公众或服务对象满意度指标") == "service_satisfaction");
    CHECK(funds_row_key("年度资金总额") == "total");
    CHECK(funds_row_key("合 计") == "total");
    CHECK(funds_row_key("其中：当年财政拨款") == "fiscal");
    CHECK(funds_row_key("其中:本年一般公共预算拨款") == "fiscal");
    CHECK(funds_row_key("上年结转资金") == "carryover");
    CHECK(funds_row_key("②市级财政资金") == "city");
    CHECK(funds_row_key("纳入专户管理的非税收入拨款") == "special_account");
    CHECK(funds_row_key("一般公共预算：480万元") == "fiscal");
    CHECK(funds_row_key("捐款").empty());
}

namespace {
std::vector<std::string> keys(std::initializer_list<std::string_view> labels) {
    std::vector<std::string> out;
    for (std::string_view l : labels) out.push_back(label_key(l));
    std::sort(out.begin(), out.end());
    return out;
}
}  // namespace

TEST_CASE("families: told by their labels — unknown when nothing fits") {
    CHECK(match_family(keys({"项目资金", "年初预算数", "全年预算数", "全年执行数", "年度资金总额", "年度指标值", "实际完成值",
                             "偏差原因分析及改进措施"}),
                       "")
              .id == "central");
    CHECK(match_family(keys({"指标名称", "计量单位", "指标性质", "年初指标值", "调整指标值", "全年完成值", "得分系数", "指标权重",
                             "是否核心指标"}),
                       "")
              .id == "chongqing");
    CHECK(match_family(keys({"指标性质", "指标值", "度量单位", "调整后预算数", "预算执行数", "权重"}), "").id == "sichuan");
    const family_match none = match_family(keys({"姓名", "年龄"}), "");
    CHECK(none.id == "unknown");
    CHECK(none.kind == form_kind::unknown);
    // Required markers: no 年度指标值, no central.
    CHECK(match_family(keys({"项目资金", "年初预算数", "全年预算数"}), "").id != "central");
}

TEST_CASE("labels: an unfilled comparator-and-unit template in a name") {
    auto t = template_in_name("公猪舍（≥**平方米）");
    REQUIRE(t);
    CHECK(t->comparator == "≥");
    CHECK(t->unit == "平方米");
    t = template_in_name("粉碎拌合机（11kw）(≥台)");
    REQUIRE(t);
    CHECK(t->unit == "台");
    t = template_in_name("项目总投资（≤**万元）");
    REQUIRE(t);
    CHECK(t->comparator == "≤");
    CHECK_FALSE(template_in_name("粉碎拌合机（11kw）"));
    CHECK_FALSE(template_in_name("培训人次（≥100人次）"));  // filled in: a target, not a template
    CHECK_FALSE(template_in_name("公猪舍"));
}

// Readers hand the form stage valid UTF-8, but the label helpers stay total on
// anything: their fast paths (labels read as UTF-8 bytes) must not pass
// invalid bytes through, nor read past the text.
TEST_CASE("labels: invalid UTF-8 inside a label comes out as U+FFFD, whichever path reads it") {
    const auto valid = [](std::string_view s) { return !find_invalid_utf8(s).has_value(); };
    const std::string bad[] = {
        "产出\xe4\xb8指标",         // a truncated sequence inside
        "\x80产出指标（50分）",     // a lone continuation byte first
        "效益指标\xff(22.5分)",     // a byte UTF-8 never uses
        "满\xed\xa0\x80意度指标",   // an encoded surrogate
        "指标1：★验收\xc0\xaf合格率",  // an overlong '/'
        "产\n出\xe4\n指标",         // truncated before a line break
        "\xe4",                     // nothing else
        "公猪舍（≥**平方米\xe5）",  // in a template
    };
    for (const std::string& s : bad) {
        INFO(s);
        CHECK(valid(join_lines(s)));
        CHECK(valid(level_label(s).text));
        CHECK(valid(indicator_name(s).text));
        if (auto t = template_in_name(s)) {
            CHECK(valid(t->comparator));
            CHECK(valid(t->unit));
        }
        CHECK(join_lines(s).find("\xEF\xBF\xBD") != std::string::npos);
    }
}
