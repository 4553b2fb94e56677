// The synonym table: every wording of a label jixiao knows, with what it means.
//
// Sources: ../shared/reference/domain.md §4.4 (column headers), §3 (family
// layouts) and the seed form. Add a wording here, not a special case in form.cpp.
// Keys are written as label_key() leaves them: ASCII parentheses and colon, no blanks.
#include "form/synonyms.hpp"

#include "detail/utf8.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>

namespace jixiao::detail {

namespace {

struct entry {
    std::string_view key;
    term meaning;
};

// clang-format off
constexpr entry table[] = {
    // header fields
    {"单位名称", term::unit}, {"部门(单位)名称", term::unit}, {"部门名称", term::unit},
    {"预算单位名称", term::unit}, {"区级预算单位名称", term::unit}, {"县级预算单位名称", term::unit},
    {"市级预算单位名称", term::unit}, {"填报单位", term::unit}, {"填报单位(盖章)", term::unit}, {"部门(单位)", term::unit}, {"部门预算编码", term::other_field},
    {"项目名称", term::project}, {"专项资金名称", term::project}, {"资金名称", term::project}, {"项目(资金)名称", term::project},
    {"主管部门", term::supervisor}, {"县级主管部门", term::supervisor}, {"主管部门及代码", term::supervisor},
    {"市级主管部门", term::supervisor}, {"主管单位", term::supervisor},
    {"实施单位", term::implementer}, {"项目实施单位", term::implementer}, {"实施单位(盖章)", term::implementer},
    {"单位负责人及电话", term::head_phone}, {"负责人及电话", term::head_phone}, {"项目负责人及电话", term::head_phone},
    {"联系人及电话", term::head_phone}, {"联系人及联系电话", term::head_phone},
    {"单位负责人", term::head}, {"项目负责人", term::head}, {"负责人", term::head}, {"联系人", term::head},
    {"部门联系人", term::head},
    {"联系电话", term::phone}, {"电话", term::phone},
    {"填报人", term::other_field}, {"填表人", term::other_field}, {"填报日期", term::other_field},
    {"填表日期", term::other_field}, {"审核人", term::other_field}, {"财务负责人", term::other_field},
    {"财政处室", term::other_field}, {"项目类别", term::other_field}, {"项目属性", term::other_field},
    {"项目类型", term::other_field}, {"主管部门编码", term::other_field}, {"项目起止时间", term::other_field},
    {"评价结论", term::other_field}, {"存在问题", term::other_field}, {"改进措施", term::other_field},
    {"财政审核评分", term::other_field}, {"金额单位", term::other_field},
    // sections
    {"资金情况", term::funds}, {"资金结构", term::funds}, {"财政资金安排和使用情况", term::funds}, {"项目资金", term::funds}, {"年度预算申请", term::funds}, {"预算执行情况", term::funds},
    {"部门预算执行情况", term::funds}, {"项目资金情况", term::funds}, {"资金使用情况", term::funds},
    {"总体目标", term::overall}, {"年度总体目标", term::overall}, {"绩效目标", term::overall},
    {"当年绩效目标", term::overall}, {"项目基本情况", term::overall},
    {"年度目标", term::planned}, {"预期目标", term::planned}, {"年初设定目标", term::planned},
    {"年初绩效目标", term::planned}, {"项目年度目标", term::planned},
    {"全年(调整)绩效目标", term::adjusted_planned}, {"调整后绩效目标", term::adjusted_planned},
    {"年度总体目标完成情况", term::achieved}, {"实际完成情况", term::achieved}, {"全年实际完成情况", term::achieved},
    {"目标实际完成情况", term::achieved}, {"年度目标完成情况", term::achieved}, {"全年目标实际完成情况", term::achieved},
    {"绩效指标", term::indicators}, {"年度绩效指标", term::indicators}, {"年度绩效目标", term::indicators},
    {"总分", term::total}, {"自评总分", term::total}, {"自评得分", term::total}, {"总得分", term::total},
    {"自评等级", term::grade}, {"评价等级", term::grade}, {"自评结论", term::grade}, {"等级", term::grade},
    {"合计", term::sum},
    // indicator columns
    {"一级指标", term::level1},
    {"二级指标", term::level2},
    {"三级指标", term::name}, {"指标名称", term::name}, {"指标内容", term::name}, {"三级指标名称", term::name},
    {"指标值", term::target}, {"年度指标值", term::target}, {"年初目标值", term::target}, {"年初指标值", term::target},
    {"绩效目标值", term::target}, {"绩效指标值", term::target}, {"当年预期实现值", term::target},
    {"本年度计划水平", term::target}, {"目标值", term::target}, {"年度目标值", term::target}, {"绩效标准", term::target},
    {"调整指标值", term::adjusted_target}, {"全年(调整)指标值", term::adjusted_target},
    {"全年实际完成值", term::actual}, {"实际完成值", term::actual}, {"全年完成值", term::actual}, {"完成值", term::actual},
    {"全年实际值", term::actual}, {"实现情况", term::actual}, {"实际值", term::actual}, {"年度实际完成值", term::actual},
    {"指标性质", term::comparator}, {"计算符号", term::comparator}, {"运算符号", term::comparator}, {"性质", term::comparator},
    {"计量单位", term::unit_column}, {"度量单位", term::unit_column},
    {"指标方向性", term::direction}, {"指标方向", term::direction},
    {"得分系数", term::score_ratio},
    {"是否核心指标", term::core},
    {"指标解释", term::basis}, {"评分标准", term::basis}, {"得分计算方法", term::basis}, {"评价要点", term::basis},
    {"指标说明", term::basis}, {"三级指标测算依据", term::basis},
    {"备注", term::remark}, {"说明", term::remark},
    {"分值", term::weight}, {"权重", term::weight}, {"指标权重", term::weight}, {"指标分值", term::weight},
    {"参考分值", term::weight}, {"执行率权重", term::weight},
    {"得分", term::score}, {"指标得分", term::score}, {"执行率得分", term::score},
    {"产生差异的原因及改进措施", term::note}, {"偏差原因分析及改进措施", term::note}, {"未完成原因和改进措施", term::note},
    {"未完成原因分析", term::note}, {"未完成原因分析及改进措施", term::note}, {"未完成原因及改进措施", term::note},
    {"偏差或不能完成目标原因分析", term::note}, {"产生差异的原因", term::note}, {"原因", term::note},
    {"差异原因", term::note}, {"偏差原因", term::note}, {"偏差原因分析", term::note},
    // funds columns
    {"年初预算数", term::budget_initial}, {"年初预算资金总额", term::budget_initial}, {"年初预算", term::budget_initial},
    {"年初部门预算安排金额", term::budget_initial}, {"小计", term::budget},
    {"全年预算数", term::budget}, {"调整后预算数", term::budget}, {"全年(调整)预算数", term::budget},
    {"调整预算数", term::budget}, {"预算数", term::budget},
    {"全年执行数", term::executed}, {"实际投入资金额", term::executed}, {"预算执行数", term::executed},
    {"执行数", term::executed}, {"年度拨付金额", term::executed},
    {"执行率", term::rate}, {"预算执行率", term::rate}, {"支出实现率", term::rate},
    {"资金来源", term::funds_source}, {"资金性质", term::funds_source},
};
// clang-format on

// The table as a hash map, built once (thread-safe static initialization); the
// first wording listed wins, as the table's order says.
// Keys longer than the longest wording are not hashed at all (most cells).
constexpr std::size_t longest_key = [] {
    std::size_t n = 0;
    for (const entry& e : table) n = std::max(n, e.key.size());
    return n;
}();

term find(std::string_view key) {
    static const std::unordered_map<std::string_view, term> index = [] {
        std::unordered_map<std::string_view, term> m;
        for (const entry& e : table) m.emplace(e.key, e.meaning);
        return m;
    }();
    if (key.size() > longest_key) return term::none;
    const auto it = index.find(key);
    return it == index.end() ? term::none : it->second;
}

}  // namespace

std::string without_parentheses(std::string_view key) {
    std::string out;
    int depth = 0;
    for (char c : key) {
        if (c == '(') ++depth;
        else if (c == ')') depth = std::max(0, depth - 1);
        else if (depth == 0) out += c;
    }
    return out;
}

term lookup(std::string_view text) {
    if (text.size() > 200) return term::none;  // labels are short; long cells are content
    return lookup_key(label_key(text));
}

term lookup_key(std::string_view key) {
    if (key.empty() || key.size() > 200) return term::none;
    if (term t = find(key); t != term::none) return t;
    const bool parentheses = std::any_of(key.begin(), key.end(), [](char c) { return c == '(' || c == ')'; });
    if (parentheses) {
        const std::string bare = without_parentheses(key);
        if (bare.size() != key.size() && !bare.empty())
            if (term t = find(bare); t != term::none) return t;
    }
    // "小计④=①+②+③", "年度拨付金额⑤": a column numbered with circled digits
    // (folded to ASCII digits by label_key) and its formula.
    {
        std::string_view k = key.substr(0, key.find('='));
        while (!k.empty() && k.back() >= '0' && k.back() <= '9') k.remove_suffix(1);
        if (k.size() != key.size() && !k.empty())
            if (term t = parentheses ? find(without_parentheses(k)) : find(k); t != term::none) return t;
    }
    // "项目负责人:张三": a header field with its value in the same cell.
    if (auto colon = key.find(':'); colon != std::string_view::npos && colon > 0 && colon + 1 < key.size())
        if (term t = parentheses ? find(without_parentheses(key.substr(0, colon))) : find(key.substr(0, colon)); is_header_field(t))
            return t;
    return term::none;
}

bool is_header_field(term t) noexcept { return t >= term::unit && t <= term::other_field; }
bool is_indicator_column(term t) noexcept { return t >= term::level1 && t <= term::note; }
bool is_funds_column(term t) noexcept {
    return t == term::budget_initial || t == term::budget || t == term::executed || t == term::rate ||
           t == term::weight || t == term::score || t == term::note || t == term::basis;
}

}  // namespace jixiao::detail
