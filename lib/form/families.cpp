// The template families jixiao knows, each told by the labels that mark it.
//
// A family's score is the sum of the weights of its markers found among the
// form's labels; a marker is a label key (detail::label_key: full-width folded,
// blanks removed) matched exactly, or with its parenthesized parts removed.
// `requires` markers must all be present. Sources: ../shared/reference/domain.md
// §1–§3 and the captures it cites. Add a family here; docs/families.md lists them.
#include "form/families.hpp"

#include <algorithm>
#include <array>

namespace jixiao::detail {

namespace {

struct marker {
    std::string_view key;
    int weight;
};

struct family {
    std::string_view id;
    form_kind kind;
    std::array<std::string_view, 2> requires_;  // all must be present ("" = none)
    std::array<std::string_view, 2> title;      // any present in the title: +3
    std::array<marker, 12> markers;
};

// clang-format off
constexpr family families[] = {
    // 财预〔2020〕10号 附1 项目支出绩效自评表 and its local copies (domain.md §2).
    {"central", form_kind::project, {"年度指标值", ""}, {"项目支出绩效自评表", ""},
     {{{"项目资金", 2}, {"年初预算数", 1}, {"全年预算数", 1}, {"全年执行数", 1}, {"年度资金总额", 1},
       {"当年财政拨款", 1}, {"上年结转资金", 1}, {"偏差原因分析及改进措施", 2}, {"实际完成值", 1}, {"预期目标", 1}}}},
    // Sichuan 部门预算项目支出绩效自评表 (2023) (§3.1).
    {"sichuan", form_kind::project, {"度量单位", ""}, {"部门预算项目支出绩效自评表", ""},
     {{{"指标性质", 2}, {"调整后预算数", 2}, {"预算执行数", 1}, {"预算执行率", 1}, {"权重", 1}, {"评价结论", 1},
       {"项目基本情况", 2}, {"未完成原因分析", 1}, {"财政专户管理资金", 1}, {"单位资金", 1}, {"完成值", 1}}}},
    // Hubei-style 项目（绩效目标）自评表, and the Yunnan 20/80 copy (§3.2).
    {"hubei", form_kind::project, {"年初目标值", ""}, {"", ""},
     {{{"项目类别", 2}, {"项目属性", 2}, {"项目类型", 1}, {"得分(20分*执行率)", 3}, {"年度绩效目标", 1},
       {"预算数", 1}, {"执行数", 1}, {"年度财政资金总额", 1}, {"实际完成值", 1}}}},
    // Wuhan district 项目绩效自评表: Hubei wording with no scores (cap 25).
    {"wuhan", form_kind::project, {"年初目标值", "未完成原因及改进措施"}, {"", ""},
     {{{"资金来源", 2}, {"一般预算内拨款", 2}, {"产出数量", 1}, {"产出质量", 1}, {"预算数", 1}, {"执行数", 1}}}},
    // Hunan county 专项资金绩效目标自评表 (2020), no 分值/得分 (§3.3).
    {"hunan-special", form_kind::project, {"全年完成值", ""}, {"专项资金绩效目标自评表", ""},
     {{{"专项资金名称", 3}, {"年初设定目标", 2}, {"全年实际完成情况", 1}, {"未完成原因和改进措施", 2},
       {"中央、省、市补助县级资金", 2}, {"县级主管部门", 1}}}},
    // Hunan 部门整体支出绩效自评表: the seed's 2020 layout and the 2021 district one (§3.3).
    {"hunan-department", form_kind::department, {"", ""}, {"部门整体支出绩效自评表", ""},
     {{{"资金情况", 2}, {"年初预算资金总额", 3}, {"实际投入资金额", 3}, {"产生差异的原因及改进措施", 2},
       {"年度预算申请", 3}, {"区级预算单位名称", 2}, {"按收入性质分", 2}, {"按支出性质分", 2}, {"单位负责人及电话", 1},
       {"年度总体目标完成情况", 1}}}},
    // Chongqing 部门整体绩效自评表 (§3.4).
    {"chongqing", form_kind::department, {"指标名称", ""}, {"部门整体绩效自评表", ""},
     {{{"执行率权重", 3}, {"执行率得分", 2}, {"得分系数", 3}, {"是否核心指标", 3}, {"调整指标值", 2},
       {"计量单位", 1}, {"指标权重", 1}, {"指标得分", 1}, {"财政处室", 2}, {"年初指标值", 1}, {"全年完成值", 1}}}},
    // Fujian 部门整体支出绩效自评表 from .xls (cap 14).
    {"fujian-department", form_kind::department, {"", ""}, {"", ""},
     {{{"支出实现率", 3}, {"资金结余率", 3}, {"指标解释", 2}, {"绩效目标值", 2}, {"指标分值", 1},
       {"中央及省级财政资金", 2}, {"市级财政资金", 1}, {"年度拨付金额", 2}}}},
    // Beijing 2016 项目支出绩效自评表 with 得分计算方法 columns (cap 18).
    {"beijing", form_kind::project, {"得分计算方法", ""}, {"", ""},
     {{{"得分计算方法", 6}, {"主管部门及代码", 2}, {"一般公共预算拨款", 1}, {"年初预算数", 1}, {"全年预算数", 1}, {"全年执行数", 1}}}},
    // Yinchuan municipal 项目支出绩效自评表: evaluation-style blocks (项目决策 / 项目管理 /
    // 项目产出 / 项目效益) with a 参考分值 column before the target (cap 03).
    {"yinchuan", form_kind::project, {"参考分值", ""}, {"银川市本级", ""},
     {{{"参考分值", 3}, {"项目决策", 3}, {"项目管理", 2}, {"项目产出", 1}, {"项目效益", 1}, {"全年实际值", 1},
       {"财政审核评分", 2}, {"自评得分", 1}}}},
    // 绩效目标表 / 绩效目标申报表 (416号 style, §3.5): targets, no actuals.
    {"target", form_kind::target, {"", ""}, {"绩效目标申报表", "绩效目标表"},
     {{{"长期目标", 2}, {"指标内容", 2}, {"指标方向性", 2}, {"长期绩效指标", 2}, {"年度绩效指标", 1},
       {"项目起止时间", 1}, {"单位职能概述", 1}, {"立项情况", 1}}}},
};
// clang-format on

}  // namespace

family_match match_family(const std::vector<std::string>& keys, std::string_view title_key) {
    auto has = [&](std::string_view k) { return std::binary_search(keys.begin(), keys.end(), k); };
    std::vector<std::pair<int, const family*>> scored;
    for (const family& f : families) {
        bool ok = true;
        for (std::string_view r : f.requires_)
            if (!r.empty() && !has(r)) ok = false;
        if (!ok) continue;
        int score = 0;
        for (const marker& m : f.markers)
            if (!m.key.empty() && has(m.key)) score += m.weight;
        for (std::string_view t : f.title)
            if (!t.empty() && title_key.find(t) != std::string_view::npos) {
                score += 3;
                break;
            }
        scored.emplace_back(score, &f);
    }
    std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    family_match m;
    if (scored.empty() || scored[0].first < 3) return m;
    m.id = scored[0].second->id;
    m.kind = scored[0].second->kind;
    m.score = scored[0].first;
    m.runner_up = scored.size() > 1 ? scored[1].first : 0;
    return m;
}

}  // namespace jixiao::detail
