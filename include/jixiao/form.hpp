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
    /// For a check-box field ("项目属性 ☑持续性项目 □新增性项目"): the options
    /// ticked (☑ ■ √ ✓ ✔ ☒ before them, or after them when the text ends with a box:
    /// "1、部门预算项目 □ 2、县直专项 ☑"), as written without the box; empty otherwise.
    std::vector<std::string> checked{};
};

/// The header fields every form family has in some wording.
///
/// Unit and project names often carry a budget code glued before them
/// ("51092324T000010263357-公共法律服务", "820001-马踏镇人民政府"): the name
/// fields hold the name alone and the `*_code` fields the code; `fields` keeps
/// the cell as written.
struct form_header {
    std::optional<std::string> unit;         ///< 单位名称 / 部门（单位）名称 …
    std::optional<std::string> project;      ///< 项目名称 / 专项资金名称 …
    std::optional<std::string> supervisor;   ///< 主管部门
    std::optional<std::string> implementer;  ///< 实施单位
    std::optional<std::string> head;         ///< the person of 单位负责人及电话 / 项目负责人 …
    std::optional<std::string> phone;        ///< the number of 单位负责人及电话 / 联系电话 …
    std::optional<std::string> unit_code;         ///< the code before the unit name, if any
    std::optional<std::string> project_code;      ///< the code before the project name, if any
    std::optional<std::string> supervisor_code;   ///< the code before the supervisor's name, if any
    std::optional<std::string> implementer_code;  ///< the code before the implementer's name, if any
};

/// One row of the funds block. Amounts are in 元 (the block's declared unit
/// multiplied out; value_context::bare_unit); `rate` is a fraction.
struct funds_row {
    std::string label;  ///< row label as written (合计, 其中：财政拨款 …)
    /// What the row is, from its label (lib/form/synonyms.cpp): "total" (年度资金总额, 合计 …),
    /// "fiscal" (其中：当年财政拨款 …), "carryover" (上年结转资金), "other" (其他资金),
    /// "special_account" (财政专户管理资金), "unit_funds" (单位资金), "basic" / "project"
    /// (按支出性质分 基本支出 / 项目支出), "central" / "city" / "county" (split by level),
    /// or "" when the label is not known.
    std::string key;
    /// The breakdown the row belongs to: "" for the block's own rows, "income"
    /// (按收入性质分) or "expenditure" (按支出性质分) in a department form's twin columns.
    std::string group;
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
    /// The weight the block's label or score header declares: 预算执行情况（20分）,
    /// 得分（20分*执行率）, 分值（10分）. Empty when no label says.
    std::optional<decimal> declared_weight;
    std::vector<funds_row> rows;
    location at;       ///< the block's label cell
};

/// 年度总体目标: what was planned and what was achieved.
struct overall_goal {
    std::optional<std::string> planned;
    std::optional<std::string> achieved;
    location at;
    std::optional<std::string> adjusted{};  ///< 全年（调整）绩效目标 (Chongqing), when the form has it
};

/// A numbered goal (目标1 …) that groups indicators.
struct goal {
    std::string label;                ///< "目标1"
    std::optional<std::string> text;  ///< text after the label in the same cell ("目标1：…"), if any
    location at;
};

/// How a form states an indicator's direction, when it does (a 指标方向性
/// column, or implied by the comparator: ≥ positive, ≤ negative, = equal).
enum class polarity : std::uint8_t { unknown = 0, positive, negative, equal, qualitative };

/// "unknown", "positive", "negative", "equal" or "qualitative".
const char* to_string(polarity p) noexcept;

/// One performance indicator (三级指标) with what the form says about it.
///
/// Labels are given clean and as written: `level1` is "产出指标" where the
/// cell says "产\n出\n指\n标（50分）" (line breaks inside a word joined, the
/// points moved to `level1_weight`), `name` is "验收合格率" where the cell says
/// "指标1：★验收合格率" (the 指标n： prefix dropped, the ★ moved to `core`);
/// `*_raw` keep the cell text. `level1_code` / `level2_code` name the canonical
/// group ("output", "quantity" …; docs/json.md), empty when the label is not known.
///
/// When the form splits a target over columns (指标性质 "≥" | 指标值 "95" |
/// 度量单位 "%"), `target` is read from the three together ("≥95%", its `raw`)
/// and `comparator_raw` / `unit_raw` keep the cells as written.
struct indicator {
    std::optional<std::string> goal;    ///< label of the goal it belongs to, when the form numbers goals
    std::optional<std::string> level1;  ///< 一级指标 (产出指标 …), inherited through merges
    std::optional<std::string> level2;  ///< 二级指标 (数量指标 …), inherited through merges
    std::optional<std::string> name;    ///< 三级指标
    std::optional<value> target;        ///< 指标值 / 年度指标值 …
    std::optional<value> adjusted_target;  ///< 调整指标值 (Chongqing), when the form has that column
    std::optional<value> actual;        ///< 全年实际完成值 / 实际完成值 …
    std::optional<value> weight;        ///< 分值 / 权重
    std::optional<value> score;         ///< 得分
    std::optional<value> score_ratio;   ///< 得分系数（%） (Chongqing: score = weight × ratio)
    std::optional<std::string> note;    ///< 产生差异的原因及改进措施 / 偏差原因分析及改进措施 …
    std::optional<std::string> remark;  ///< 备注 / 说明, when the form has it beside the note

    std::optional<std::string> level1_raw, level2_raw, name_raw;  ///< the label cells as written
    std::string level1_code;            ///< "output", "benefit", "satisfaction", "cost", "process" … or ""
    std::string level2_code;            ///< "quantity", "quality", "timeliness", "cost", "social_benefit" … or ""
    std::optional<decimal> level1_weight;  ///< points written in the 一级 label: 产出指标（50分） → 50
    std::optional<decimal> level2_weight;  ///< points written in the 二级 label, if any
    bool core = false;                  ///< marked as a core indicator (★, or 是否核心指标 = 是)
    std::optional<std::string> comparator_raw;  ///< a separate 指标性质 / 计算符号 cell holding the comparator
    std::optional<std::string> unit_raw;        ///< a separate 计量单位 / 度量单位 cell
    std::optional<std::string> nature;  ///< 定量 / 定性 from a 指标性质 column that says so (Chongqing)
    jixiao::polarity direction = jixiao::polarity::unknown;  ///< 指标方向性, or the comparator's direction
    /// The project the row belongs to, in a list of several projects' targets
    /// with a 项目名称 column (a 绩效目标申报表 covering a whole unit).
    std::optional<std::string> project;
    verdict judged = verdict::unknown;  ///< actual against target (value.hpp `assess`)
    verdict_reason why = verdict_reason::none;  ///< when `judged` is unknown: why
    location at;                        ///< the name cell
};

struct form_total {
    std::optional<value> weight;       ///< the 分值 of the 总分 row (normally 100), when written
    std::optional<value> score;        ///< 总分 / 自评得分
    std::optional<std::string> grade;  ///< 自评等级 as written
    location at;                       ///< the 总分 (or 自评等级) label cell
};

/// One form: normally one table and the paragraphs above it.
struct form {
    form_kind kind = form_kind::unknown;
    /// The template family the layout matches (lib/form/families.cpp, docs/families.md):
    /// "central" (财预〔2020〕10号 附1), "sichuan", "hubei", "hunan-special", "hunan-department",
    /// "chongqing", "fujian-department", "beijing", "target", … or "unknown". Checks take
    /// their rules (execution-rate base, scoring rule, grade bands) from the family.
    std::string family = "unknown";
    std::optional<std::string> title;
    std::optional<int> year;
    form_header header;
    std::vector<field> fields;          ///< every header label/value pair, in reading order
    std::optional<funds_block> funds;
    std::optional<overall_goal> overall;
    std::vector<goal> goals;
    std::vector<indicator> indicators;
    std::optional<decimal> indicators_weight;  ///< points the indicator block's label declares: 绩效指标（90分） → 90
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
