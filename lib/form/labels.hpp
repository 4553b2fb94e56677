// jixiao::detail — what the form stage reads out of label text: clean labels
// (wrapped and vertical labels joined, points and markers taken out), codes
// glued before names, ticked check boxes, and the canonical codes of indicator
// groups and funds rows. The word lists are data, in labels.cpp.
#ifndef JIXIAO_FORM_LABELS_HPP
#define JIXIAO_FORM_LABELS_HPP

#include <jixiao/value.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao::detail {

/// Cell text as a one-line label: line breaks and blanks between two CJK
/// characters removed ("产\n出\n指\n标" → "产出指标", "可持续影\n响指标" →
/// "可持续影响指标"), other runs of blanks made one space, trimmed.
std::string join_lines(std::string_view text);

/// A label read: the clean text and what was taken out of it.
struct label_parts {
    std::string text;               ///< clean label ("" when nothing is left)
    std::optional<decimal> points;  ///< "产出指标（50分）" → 50
    bool core = false;              ///< ★ / ☆ marked it as a core indicator
    bool placeholder = false;       ///< a template placeholder: "指标2：", "……", "**"
};

/// 一级 / 二级 labels and block labels: "产出指标（50分）", "预算执行情况（万元）（20分）".
label_parts level_label(std::string_view raw);

/// 三级 indicator names: "指标1：★验收合格率" → "验收合格率", core.
label_parts indicator_name(std::string_view raw);

/// A comparator and unit typed into an indicator name as an unfilled template:
/// "公猪舍（≥**平方米）" → {"≥", "平方米"}; "排污沟(≥米)" → {"≥", "米"}.
struct name_template {
    std::string comparator;
    std::string unit;  ///< may be empty ("（≥**）")
};
std::optional<name_template> template_in_name(std::string_view name);

/// "51092324T000010263357-公共法律服务" → {"51092324T000010263357", "公共法律服务"}.
/// A code is ≥3 ASCII letters/digits (at least one digit) before '-', '－', '—' or
/// a blank, followed by a non-ASCII name. No code: {nullopt, text}.
std::pair<std::optional<std::string>, std::string> split_code(std::string_view text);

/// Options ticked in a check-box cell ("☑持续性项目 □新增性项目" → {"持续性项目"}),
/// numbering ("1、") dropped. Empty when the text has no boxes; `has_boxes` tells.
std::vector<std::string> checked_options(std::string_view text, bool* has_boxes = nullptr);

/// Canonical code of a 一级 / 二级 label ("产出指标" → "output"; "产出数量" →
/// "quantity"), "" when unknown. Takes the clean label.
std::string_view level1_code(std::string_view clean);
std::string_view level2_code(std::string_view clean);

/// Whether an indicator's name says a lower actual may be the better one
/// (控制率, 调整率, 结余率, 变动率, 发生率, 事故, 投诉, 受害, 成灾 …; domain.md §5.3).
bool lower_may_be_better(std::string_view name);

/// Key of a funds row from its label ("其中：当年财政拨款" → "fiscal"), "" when unknown.
std::string_view funds_row_key(std::string_view label);

/// Points declared in a label: "（20分）", "(10分)", "得分（20分*执行率）" → 20.
std::optional<decimal> declared_points(std::string_view text);

}  // namespace jixiao::detail

#endif
