// jixiao::detail — what each template family's rules are, for the checks.
// The rules themselves are data, in rules.cpp; docs/checks.md lists them with
// their sources.
#ifndef JIXIAO_CHECK_RULES_HPP
#define JIXIAO_CHECK_RULES_HPP

#include <cstdint>
#include <span>
#include <string_view>

namespace jixiao::detail {

/// How an indicator's score follows from its weight W, target T and actual A.
enum class scoring : std::uint8_t {
    none,          ///< the template has no scores
    central,       ///< 财预〔2020〕10号: positive A≥T → W else W·A/T; negative A≤T → W, T<A<2T → W·(1−(A−T)/T), A≥2T → 0;
                   ///< equal T=0 → W when A≤0 else 0, T>0 as positive; qualitative in bands
    proportional,  ///< Beijing 2016 and local templates: W·A/T (positive) or W·T/A (negative), never above W
};

/// Which budget figure the execution rate divides the executed amount by.
enum class rate_base : std::uint8_t {
    budget,          ///< 全年预算数 / 调整后预算数 / 预算数, and 年初预算数 when the form has no other
    budget_initial,  ///< 年初预算数, and the full-year budget when the form has no 年初 column
};

/// A grade and the lowest total score that earns it. Bands run best first.
struct grade_band {
    std::string_view grade;  ///< canonical: 优, 良, 中, 差
    double floor;
};

/// The share of the points a level-1 group gets by default (output 50 …).
struct level1_share {
    std::string_view code;  ///< indicator::level1_code
    double weight;
};

/// How a qualitative indicator's score may lie, as fractions of its weight.
struct qualitative_band {
    double low;   ///< inclusive
    double high;  ///< inclusive
};

struct family_rules {
    std::string_view family;  ///< form::family
    /// False for the defaults a family without rules of its own gets: findings
    /// of rules that differ between families are one severity lower.
    bool known;
    bool scored;             ///< the template has 分值 / 得分 at all
    bool actuals;            ///< a self-evaluation: indicators have actuals (false for target forms)
    rate_base base;
    double funds_weight;     ///< the execution score's weight when the form writes none; 0 when the template has none
    scoring rule;
    bool row_notes;          ///< every indicator row has a 偏差原因 column
    double funds_note_below; ///< an execution rate below this needs a 原因 in the funds row (0: no such rule)
    std::span<const grade_band> bands;
    std::span<const level1_share> shares;  ///< default level-1 weights; empty when the family has none
    std::string_view source;  ///< where the rules come from (domain.md section, template)
};

/// The rules of `family`; the central defaults (known = false) for a family
/// without rules of its own, "unknown" included.
const family_rules& rules_for(std::string_view family) noexcept;

/// Whether an indicator's name says it measures something bad or capped (结余率,
/// 调整率, 控制率, 事故 …): with no comparator written, its direction is not
/// taken as positive (domain.md §5.3: "do not guess").
bool names_a_ceiling(std::string_view name);

/// Bands of a qualitative score by achievement (达成 / 部分达成 / 未达成), 10号.
qualitative_band achievement_band(int rank) noexcept;

/// The canonical grade (优 良 中 差) a written 自评等级 names, or "" when it
/// names none of them ("优秀" → 优, "良好" → 良, "较差" → 差).
std::string_view canonical_grade(std::string_view written);

}  // namespace jixiao::detail

#endif
