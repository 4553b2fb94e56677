// jixiao — the form model: what a performance form says, field by field.
//
// `extract_forms` reads grids into forms by recognizing sections by their
// labels (never by row numbers) and columns by their headers, through a
// synonym table kept as data (lib/form/synonyms.cpp). Every string keeps the
// cell's text with surrounding whitespace trimmed; every value keeps its raw
// text (value.hpp). Each item says where it came from (`at`).
#ifndef JIXIAO_FORM_HPP
#define JIXIAO_FORM_HPP

#include <jixiao/diagnostic.hpp>
#include <jixiao/grid.hpp>
#include <jixiao/table.hpp>
#include <jixiao/value.hpp>

#include <optional>
#include <string>
#include <vector>

namespace jixiao {
inline namespace v0 {

enum class form_kind : std::uint8_t {
    unknown = 0,
    department,  ///< 部门整体支出绩效自评表
    project,     ///< 项目支出绩效自评表
    target,      ///< 绩效目标表 / 绩效目标申报表 (targets only)
    transfer,    ///< 转移支付 self-evaluation
};

/// "unknown", "department", "project", "target" or "transfer".
const char* to_string(form_kind k) noexcept;

/// A label/value pair from the form's header rows ("单位名称" → "衡阳市…").
struct field {
    std::string label;                 ///< trimmed label text
    std::optional<std::string> value;  ///< trimmed value text; empty when the cell is blank
    location at;                       ///< the value cell (the label cell when there is none)
};

/// The header fields every form family has in some wording.
struct form_header {
    std::optional<std::string> unit;         ///< 单位名称 / 部门（单位）名称 …
    std::optional<std::string> project;      ///< 项目名称 / 专项资金名称 …
    std::optional<std::string> supervisor;   ///< 主管部门
    std::optional<std::string> implementer;  ///< 实施单位
    std::optional<std::string> head;         ///< the person of 单位负责人及电话 / 项目负责人 …
    std::optional<std::string> phone;        ///< the number of 单位负责人及电话 / 联系电话 …
};

/// One row of the funds block. Amounts are in 元 (the block's declared unit
/// multiplied out; value_context::bare_unit); `rate` is a fraction.
struct funds_row {
    std::string label;  ///< row label as written (合计, 其中：财政拨款 …)
    std::optional<value> budget_initial;  ///< 年初预算数 / 年初预算资金总额
    std::optional<value> budget;          ///< 全年预算数 / 调整后预算数 / 预算数
    std::optional<value> executed;        ///< 全年执行数 / 实际投入资金额 / 执行数
    std::optional<value> rate;            ///< 执行率
    std::optional<value> weight;          ///< 分值 / 权重
    std::optional<value> score;           ///< 得分
    std::optional<std::string> note;      ///< 产生差异的原因 / 原因
    location at;                          ///< the label cell
};

struct funds_block {
    std::string unit;  ///< the unit the form declares for amounts ("万元", "元"); empty when it does not say
    std::vector<funds_row> rows;
    location at;       ///< the block's label cell
};

/// 年度总体目标: what was planned and what was achieved.
struct overall_goal {
    std::optional<std::string> planned;
    std::optional<std::string> achieved;
    location at;
};

/// A numbered goal (目标1 …) that groups indicators.
struct goal {
    std::string label;                ///< "目标1"
    std::optional<std::string> text;  ///< text after the label in the same cell ("目标1：…"), if any
    location at;
};

/// One performance indicator (三级指标) with what the form says about it.
struct indicator {
    std::optional<std::string> goal;    ///< label of the goal it belongs to, when the form numbers goals
    std::optional<std::string> level1;  ///< 一级指标 (产出指标 …), inherited through merges
    std::optional<std::string> level2;  ///< 二级指标 (数量指标 …), inherited through merges
    std::optional<std::string> name;    ///< 三级指标
    std::optional<value> target;        ///< 指标值 / 年度指标值 …
    std::optional<value> actual;        ///< 全年实际完成值 / 实际完成值 …
    std::optional<value> weight;        ///< 分值 / 权重
    std::optional<value> score;         ///< 得分
    std::optional<std::string> note;    ///< 产生差异的原因及改进措施 / 偏差原因分析及改进措施 …
    verdict judged = verdict::unknown;  ///< actual against target (value.hpp `assess`)
    verdict_reason why = verdict_reason::none;  ///< when `judged` is unknown: why
    location at;                        ///< the name cell
};

struct form_total {
    std::optional<value> score;        ///< 总分 / 自评得分
    std::optional<std::string> grade;  ///< 自评等级 as written
};

/// One form: normally one table and the paragraphs above it.
struct form {
    form_kind kind = form_kind::unknown;
    std::optional<std::string> title;
    std::optional<int> year;
    form_header header;
    std::vector<field> fields;          ///< every header label/value pair, in reading order
    std::optional<funds_block> funds;
    std::optional<overall_goal> overall;
    std::vector<goal> goals;
    std::vector<indicator> indicators;
    form_total total;
    diagnostics diags;                  ///< what the form stage noticed about this form
    int table = -1;                     ///< index of the table the form was read from
};

/// Reads forms from the grids of a document. `paragraphs` supply titles (the
/// paragraphs just above a table). A table with no recognizable form section
/// gives no form; a "form.not_a_form" info diagnostic goes to `out`.
std::vector<form> extract_forms(const std::vector<paragraph>& paragraphs, const std::vector<grid>& tables,
                                diagnostics& out);

}  // namespace v0
}  // namespace jixiao

#endif
