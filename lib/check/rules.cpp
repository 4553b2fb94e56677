// The rules of each template family, as data: edit a row here, not a
// condition in check.cpp. Sources are ../shared/reference/domain.md (§ numbers
// below) and the captures it cites; docs/checks.md lists the same table.
#include "check/rules.hpp"

#include "detail/utf8.hpp"

#include <array>
#include <string>

namespace jixiao::detail {

namespace {

// 10号 and MoF 预算司 (domain.md §6.4): 优 90–100, 良 80–89, 中 60–79, 差 0–59.
constexpr std::array<grade_band, 4> default_bands{{{"优", 90}, {"良", 80}, {"中", 60}, {"差", 0}}};

// 10号 central default (domain.md §6.1): 预算执行率 10, 产出 50, 效益 30, 满意度 10.
constexpr std::array<level1_share, 3> central_shares{{{"output", 50}, {"benefit", 30}, {"satisfaction", 10}}};

using enum scoring;
using enum rate_base;

// clang-format off
//  family               known  scored actuals base            funds  rule          row_notes  funds_note_below  bands          shares          source
const std::array<family_rules, 12> table{{
    {"central",           true,  true,  true,  budget,         10,    central,      true,      0,    default_bands, central_shares, "财预〔2020〕10号 附1 (domain.md §2, §6; cap 28)"},
    {"sichuan",           true,  true,  true,  budget,         10,    central,      true,      0.9,  default_bands, {},             "Sichuan 2023 部门预算项目支出绩效自评表: 预算执行情况(10分), 执行率 = 预算执行数/调整后预算数, 原因 below 90% (domain.md §3.1, §6.2; cap 04)"},
    {"hubei",             true,  true,  true,  budget,         20,    central,      false,     0,    default_bands, {},             "Hubei style: 预算执行情况（20分）, 得分（20分*执行率）, no per-row note column (domain.md §3.2; cap 07, cap 11)"},
    {"wuhan",             true,  false, true,  budget,         0,     none,         true,      0,    default_bands, {},             "Wuhan 蔡甸 2021 项目绩效自评表: Hubei wording, no 分值/得分 (cap 25; corpus/text/wuhan)"},
    {"hunan-special",     true,  false, true,  budget,         0,     none,         true,      0,    default_bands, {},             "Hunan 2020 县级专项资金绩效目标自评表: no 分值/得分 columns (domain.md §3.3, S4)"},
    {"hunan-department",  true,  true,  true,  budget,         10,    central,      true,      0,    default_bands, central_shares, "Hunan 部门整体支出绩效自评表: central skeleton, 分值 10 on 年度资金总额 (domain.md §3.3; cap 23)"},
    {"chongqing",         true,  true,  true,  budget,         10,    central,      false,     0,    default_bands, {},             "Chongqing 部门整体绩效自评表: 执行率权重 10, 指标得分 = 指标权重 × 得分系数 (domain.md §3.4; cap 05)"},
    {"fujian-department", true,  true,  true,  budget,         0,     central,      false,     0,    default_bands, {},             "Fujian 2018 部门整体支出绩效自评表: no funds score, 指标分值/得分 (domain.md §1; cap 14)"},
    {"beijing",           true,  true,  true,  budget_initial, 10,    proportional, true,      0,    default_bands, {},             "Beijing 2016: 执行率(B/A) on 年初预算数(A), 分值(10分), B/A or A/B × 分值 (domain.md §6.3; cap 18)"},
    {"yinchuan",          true,  true,  true,  budget,         0,     central,      true,      0,    default_bands, {},             "Yinchuan 2021 项目支出绩效自评表: evaluation-style blocks with 参考分值, 预算执行率 scored among the indicators (cap 03; corpus/text/ningxia)"},
    {"target",            true,  false, false, budget,         0,     none,         false,     0,    default_bands, {},             "绩效目标表 / 申报表: targets only (domain.md §3.5)"},
    // Any other family, "unknown" included: the central rules, one severity lower where they are family-specific.
    {"unknown",           false, true,  true,  budget,         10,    central,      true,      0,    default_bands, central_shares, "central defaults (domain.md §6)"},
}};

// Written grades: the words people use for each band, longest first within a band.
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> grade_words{{
    {"优秀", "优"}, {"优", "优"}, {"良好", "良"}, {"良", "良"}, {"中等", "中"}, {"中", "中"}, {"较差", "差"}, {"差", "差"},
}};
// Words in an indicator's name that make a bare target ("2%", "100%") a ceiling rather than a
// floor: the bad-event rates of domain.md §5.3 ([V:S4], [cap 25]) and the 53号 control rates
// (财政供养人员控制率, 公用经费控制率, "三公"经费控制率 = actual / allowed, §3.4, §4.3).
constexpr std::array<std::string_view, 10> ceiling_words{
    "结余率", "调整率", "变动率", "控制率", "变质", "事故", "投诉", "发生数", "发生率", "受害",
};
// clang-format on

}  // namespace

const family_rules& rules_for(std::string_view family) noexcept {
    for (const family_rules& r : table)
        if (r.family == family) return r;
    return table.back();
}

bool names_a_ceiling(std::string_view name) {
    for (std::string_view w : ceiling_words)
        if (name.find(w) != std::string_view::npos) return true;
    return false;
}

qualitative_band achievement_band(int rank) noexcept {
    // 10号: 达成 100–80 %（含）, 部分达成 80–60 %（含）, 未达成 60–0 % of the weight (domain.md §6.3).
    switch (rank) {
    case 1: return {0.8, 1.0};
    case 2: return {0.6, 0.8};
    default: return {0.0, 0.6};
    }
}

std::string_view canonical_grade(std::string_view written) {
    const std::string key = label_key(written);
    for (const auto& [word, grade] : grade_words)
        if (key.size() >= word.size() && std::string_view(key).substr(0, word.size()) == word) return grade;
    return {};
}

}  // namespace jixiao::detail
