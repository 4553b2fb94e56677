// jixiao::detail — the words forms use for their sections, columns and header
// fields, mapped to what they mean. The table itself is data, in synonyms.cpp.
#ifndef JIXIAO_FORM_SYNONYMS_HPP
#define JIXIAO_FORM_SYNONYMS_HPP

#include <cstdint>
#include <string_view>

namespace jixiao::detail {

enum class term : std::uint8_t {
    none = 0,
    // header fields
    unit,          ///< 单位名称
    project,       ///< 项目名称
    supervisor,    ///< 主管部门
    implementer,   ///< 实施单位
    head_phone,    ///< 单位负责人及电话 (a name and a number in one cell)
    head,          ///< 负责人
    phone,         ///< 联系电话
    other_field,   ///< 填报人, 填报日期 …: a header field kept in `fields` only
    // sections
    funds,         ///< 资金情况（万元） / 项目资金（万元）: the funds block label
    overall,       ///< 总体目标 / 年度总体目标: the overall-goal block label
    planned,       ///< 年度目标 / 预期目标 …: the overall goal as planned
    achieved,      ///< 年度总体目标完成情况 / 实际完成情况 …
    indicators,    ///< 绩效指标 / 年度绩效指标: the indicator block label
    total,         ///< 总分 / 自评得分
    grade,         ///< 自评等级
    // indicator columns
    level1, level2, name, target, actual,
    // columns shared by indicators and funds
    weight, score, note,
    // funds columns
    budget_initial, budget, executed, rate,
};

/// The term a cell's text stands for, or term::none. Matching is on
/// detail::label_key (full-width folded, blanks removed); a parenthesized
/// suffix such as （A）, (B/A) or （万元） is ignored when the whole text does not match.
term lookup(std::string_view text);

/// Whether the term names a header field / an indicator column / a funds column.
bool is_header_field(term t) noexcept;
bool is_indicator_column(term t) noexcept;
bool is_funds_column(term t) noexcept;

}  // namespace jixiao::detail

#endif
