// jixiao::detail — the words forms use for their sections, columns and header
// fields, mapped to what they mean. The table itself is data, in synonyms.cpp.
#ifndef JIXIAO_FORM_SYNONYMS_HPP
#define JIXIAO_FORM_SYNONYMS_HPP

#include <cstdint>
#include <string>
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
    other_field,   ///< 填报人, 填报日期, 项目属性, 评价结论 …: a header field kept in `fields` only
    // sections
    funds,         ///< 资金情况（万元） / 项目资金（万元）: the funds block label
    overall,       ///< 总体目标 / 年度总体目标: the overall-goal block label
    planned,       ///< 年度目标 / 预期目标 …: the overall goal as planned
    adjusted_planned,  ///< 全年（调整）绩效目标
    achieved,      ///< 年度总体目标完成情况 / 实际完成情况 …
    indicators,    ///< 绩效指标 / 年度绩效指标: the indicator block label
    total,         ///< 总分 / 自评得分
    grade,         ///< 自评等级
    sum,           ///< 合计: the funds total inside the funds block, else the form's total
    // indicator columns
    level1, level2, name, target, adjusted_target, actual,
    comparator,    ///< 指标性质 / 计算符号: a comparator per row (Sichuan), or 定量/定性 (Chongqing)
    unit_column,   ///< 计量单位 / 度量单位
    direction,     ///< 指标方向性 (正向指标 / 反向指标)
    score_ratio,   ///< 得分系数（%）
    core,          ///< 是否核心指标
    basis,         ///< 指标解释 / 评分标准 / 得分计算方法: known, not read
    remark,        ///< 备注 / 说明
    // columns shared by indicators and funds
    weight, score, note,
    // funds columns
    budget_initial, budget, executed, rate,
    funds_source,  ///< 资金来源 / 资金性质: the heading of the funds rows' label column
};

/// The term a label key (detail::label_key) stands for, or term::none. A
/// parenthesized suffix such as (A), (B/A), (万元) or (20分*执行率) is ignored
/// when the whole key does not match.
term lookup_key(std::string_view key);

/// lookup_key(label_key(text)); term::none for long text (content, not labels).
term lookup(std::string_view text);

/// `key` with its parenthesized parts removed: "年初预算数(A)" → "年初预算数".
std::string without_parentheses(std::string_view key);

/// Whether the term names a header field / an indicator column / a funds column.
bool is_header_field(term t) noexcept;
bool is_indicator_column(term t) noexcept;
bool is_funds_column(term t) noexcept;

}  // namespace jixiao::detail

#endif
