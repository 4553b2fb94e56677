// extract_forms: grids to the form model.
//
// Sections are recognized by their labels (synonyms.cpp), never by row
// numbers; columns by the header cells above them. A row is read as:
//   - an indicator header when it names ≥3 indicator columns (一级/二级/三级指标, 指标值, 完成值);
//   - a funds header when its first cell is a funds label (资金情况 …) or it names ≥2 funds columns;
//   - an overall-goal header when it holds 总体目标 / 年度目标 / 完成情况 labels;
//   - a total / grade row (总分, 自评等级);
//   - header fields when it holds header labels (单位名称 …), read as label/value pairs;
//   - otherwise a data row of the section last opened.
#include <jixiao/form.hpp>

#include "detail/utf8.hpp"
#include "form/families.hpp"
#include "form/labels.hpp"
#include "form/synonyms.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <memory>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace jixiao {
inline namespace v0 {

const char* to_string(form_kind k) noexcept {
    switch (k) {
    case form_kind::unknown: return "unknown";
    case form_kind::department: return "department";
    case form_kind::project: return "project";
    case form_kind::target: return "target";
    case form_kind::transfer: return "transfer";
    }
    return "unknown";
}

const char* to_string(polarity p) noexcept {
    switch (p) {
    case polarity::unknown: return "unknown";
    case polarity::positive: return "positive";
    case polarity::negative: return "negative";
    case polarity::equal: return "equal";
    case polarity::qualitative: return "qualitative";
    }
    return "unknown";
}

namespace {

using detail::term;
constexpr std::size_t n_terms = static_cast<std::size_t>(term::funds_source) + 1;

bool contains(std::string_view s, std::string_view x) { return s.find(x) != std::string_view::npos; }
bool starts_with(std::string_view s, std::string_view x) { return s.size() >= x.size() && s.substr(0, x.size()) == x; }
bool ends_with(std::string_view s, std::string_view x) { return s.size() >= x.size() && s.substr(s.size() - x.size()) == x; }

std::optional<std::string> trimmed(std::string_view s) {
    const std::string_view t = detail::trim(s);
    if (t.empty()) return std::nullopt;
    return std::string(t);
}

// "目标1", "目标 12：…", "目标一" → label "目标1" and the text after it.
struct goal_label {
    std::string label;
    std::optional<std::string> text;
};
std::optional<goal_label> parse_goal_label(std::string_view raw) {
    std::string_view t = detail::trim(raw);
    if (!starts_with(t, "目标")) return std::nullopt;
    std::size_t i = std::string_view("目标").size();
    std::string label = "目标";
    std::size_t j = i;
    while (j < t.size() && t[j] == ' ') ++j;
    std::size_t k = j;
    bool any = false;
    while (k < t.size()) {
        std::size_t next = k;
        const char32_t cp = detail::next_code_point(t, next);
        const bool digit = (cp >= '0' && cp <= '9') || (cp >= U'０' && cp <= U'９') ||
                           std::u32string_view(U"一二三四五六七八九十〇零").find(cp) != std::u32string_view::npos;
        if (!digit) break;
        any = true;
        k = next;
    }
    if (!any) return std::nullopt;
    label.append(t.substr(j, k - j));
    std::string_view rest = t.substr(k);
    for (std::string_view sep : {":", "：", "、", ".", "．"})
        if (starts_with(rest, sep)) {
            rest.remove_prefix(sep.size());
            break;
        }
    goal_label g{std::move(label), trimmed(rest)};
    return g;
}

// "杨东亮13973439088" → head "杨东亮", phone "13973439088". A phone is the
// first run of ≥7 digits, '-' and spaces allowed inside.
void split_head_phone(std::string_view text, form_header& h) {
    const std::string_view t = detail::trim(text);
    std::size_t best_b = std::string_view::npos, best_e = 0;
    for (std::size_t i = 0; i < t.size();) {
        if (t[i] < '0' || t[i] > '9') {
            ++i;
            continue;
        }
        std::size_t e = i, digits = 0, last_digit = i;
        while (e < t.size() && ((t[e] >= '0' && t[e] <= '9') || t[e] == '-' || t[e] == ' ')) {
            if (t[e] >= '0' && t[e] <= '9') {
                ++digits;
                last_digit = e;
            }
            ++e;
        }
        if (digits >= 7) {
            best_b = i;
            best_e = last_digit + 1;
            break;
        }
        i = e;
    }
    if (best_b == std::string_view::npos) {
        h.head = trimmed(t);
        return;
    }
    h.phone = std::string(t.substr(best_b, best_e - best_b));
    std::string rest(t.substr(0, best_b));
    rest.append(t.substr(best_e));
    // Separators people put between a name and a number.
    std::string_view r = detail::trim(rest);
    for (bool changed = true; changed && !r.empty();) {
        changed = false;
        for (std::string_view sep : {"/", "、", ",", "，", ":", "：", "(", ")", "（", "）", ";", "；"}) {
            if (starts_with(r, sep)) r = detail::trim(r.substr(sep.size())), changed = true;
            if (r.size() >= sep.size() && r.substr(r.size() - sep.size()) == sep)
                r = detail::trim(r.substr(0, r.size() - sep.size())), changed = true;
        }
    }
    h.head = trimmed(r);
}

// The header's slot for a field of kind `t` (unit, project … with a budget code split off).
void set_header(form_header& h, term t, std::optional<std::string> v) {
    std::optional<std::string> code;
    if (v && (t == term::unit || t == term::project || t == term::supervisor || t == term::implementer)) {
        auto [c, name] = detail::split_code(*v);
        code = std::move(c);
        if (code) v = std::move(name);
    }
    switch (t) {
    case term::unit: h.unit = v, h.unit_code = code; break;
    case term::project: h.project = v, h.project_code = code; break;
    case term::supervisor: h.supervisor = v, h.supervisor_code = code; break;
    case term::implementer: h.implementer = v, h.implementer_code = code; break;
    case term::head: h.head = v; break;
    case term::phone: h.phone = v; break;
    case term::head_phone:
        if (v) split_head_phone(*v, h);
        break;
    default: break;
    }
}

// "项目负责人：张三" → {"项目负责人", "张三"}; nothing when the text after the colon is blank.
std::optional<std::pair<std::string, std::string>> split_label_value(std::string_view text) {
    for (std::string_view colon : {"：", ":"}) {
        const std::size_t k = text.find(colon);
        if (k == std::string_view::npos || k == 0) continue;
        const std::string_view v = detail::trim(text.substr(k + colon.size()));
        if (v.empty()) return std::nullopt;
        return std::make_pair(std::string(detail::trim(text.substr(0, k))), std::string(v));
    }
    return std::nullopt;
}

// A comparator typed at the end of a cell's text: its length in bytes, or 0.
std::size_t trailing_comparator(std::string_view t) {
    for (std::string_view op : {">=", "<=", "≥", "≤", "＝", "＞", "＜", "=", ">", "<"})
        if (t.size() > op.size() && t.substr(t.size() - op.size()) == op) return op.size();
    return 0;
}

const char* column_name(term t) {
    switch (t) {
    case term::level1: return "一级指标";
    case term::level2: return "二级指标";
    case term::name: return "三级指标";
    case term::target: return "指标值";
    case term::actual: return "完成值";
    case term::weight: return "分值";
    case term::score: return "得分";
    case term::note: return "原因";
    default: return "?";
    }
}

struct row_cell {
    std::uint32_t idx;
    std::uint32_t col;
    bool anchored;  // the cell starts in this row
};

using column_map = std::array<int, n_terms>;  // term → first column, or -1

// A comparator written in its own cell (指标性质 / 计算符号), or 定量 / 定性 there.
bool is_comparator_text(std::string_view key) {
    for (std::string_view op : {">=", "<=", "≥", "≤", "=", ">", "<", "≧", "≦", "不低于", "不高于", "不少于", "不多于", "不超过",
                                "大于", "小于", "等于", "大于等于", "小于等于", "以上", "以下", "以内", "≠"})
        if (key == op) return true;
    return false;
}

polarity polarity_of(const std::optional<value>& target) {
    if (!target) return polarity::unknown;
    switch (target->op) {
    case comparator::ge:
    case comparator::gt: return polarity::positive;
    case comparator::le:
    case comparator::lt: return polarity::negative;
    case comparator::eq: return polarity::equal;
    default: break;
    }
    if (target->kind == value_kind::qualitative) return polarity::qualitative;
    return polarity::unknown;
}

class form_reader {
public:
    explicit form_reader(form& f) : f_(f) {
        ind_cols_.fill(-1);
        funds_cols_.fill(-1);
    }

    // Reads rows [begin, end) of one table into the form; returns whether
    // anything form-like was found so far. Called again for a table that
    // continues the form (a form split over pages), the reader carries on in
    // the section it was in.
    bool run(const grid& g, std::uint32_t begin = 0, std::uint32_t end = ~0u) {
        g_ = &g;
        keys_.clear();
        terms_.clear();
        levels_.clear();
        level_texts_.clear();
        keys_.reserve(g.cells().size());
        terms_.reserve(g.cells().size());
        // Each cell's label key once: lookups below use it, never the text.
        for (const grid_cell& c : g.cells()) {
            keys_.push_back(c.text.size() <= 200 ? detail::label_key(c.text) : std::string());
            terms_.push_back(detail::lookup_key(keys_.back()));
        }
        end = std::min(end, g.rows());
        // At most one indicator per row: sized once, a long table's indicators are not
        // copied through doubling (whose old and new blocks both lived at the peak: 60 of
        // 91 MB on a 10,000-row table). A mostly unused tail goes when the form is finished.
        if (begin < end) f_.indicators.reserve(f_.indicators.size() + (end - begin));
        for (std::uint32_t r = begin; r < end; ++r)
            if (r != skip_row_) read_row(r);
        skip_row_ = ~0u;
        cols_ = g.cols();
        for (std::uint32_t i = 0; i < g.cells().size(); ++i) {
            const grid_cell& c = g.cells()[i];
            // Labels are short: long cells are content, and no family marker.
            if (c.row >= begin && c.row < end && !keys_[i].empty() && keys_[i].size() <= 60) all_keys_.insert(keys_[i]);
        }
        // Header fields alone make a form when they name two of unit, project,
        // supervisor and implementer: a 项目名称 column or a contact block
        // (联系人, 电话) heads tables of every sort.
        return found_ || header_terms_.size() >= 2;
    }

    // The label keys of every cell read, with parenthesized parts removed too:
    // what the family markers are matched against.
    std::vector<std::string> label_keys() const {
        std::vector<std::string> out;
        for (const std::string& k : all_keys_) {
            out.push_back(k);
            std::string bare = detail::without_parentheses(k);
            if (bare != k && !bare.empty()) out.push_back(std::move(bare));
        }
        std::sort(out.begin(), out.end());
        out.erase(std::unique(out.begin(), out.end()), out.end());
        return out;
    }

    // Whether table `g` reads as the continuation of this form: the form was
    // in its indicator block when its last table ended, the new table is as
    // wide, and it does not open with header fields of its own.
    bool continued_by(const grid& g) const {
        if (mode_ != mode::indicators || g.cols() != cols_ || g.rows() == 0) return false;
        for (std::uint32_t c = 0; c < g.cols(); ++c)
            if (detail::is_header_field(detail::lookup(g.at(0, c).text))) return false;
        return true;
    }

private:
    enum class mode { none, funds, overall, indicators };

    const grid_cell& cell(std::uint32_t idx) const { return g_->cells()[idx]; }
    term term_of(std::uint32_t idx) const { return terms_[idx]; }
    const std::string& key_of(std::uint32_t idx) const { return keys_[idx]; }
    int col_of(term t) const { return ind_cols_[static_cast<std::size_t>(t)]; }

    std::vector<row_cell> cells_of(std::uint32_t r) const {
        std::vector<row_cell> out;
        std::uint32_t last = ~0u;
        for (std::uint32_t c = 0; c < g_->cols(); ++c) {
            const std::uint32_t idx = g_->index_at(r, c);
            if (idx == last) continue;
            last = idx;
            out.push_back({idx, c, cell(idx).row == r});
        }
        return out;
    }

    std::optional<value> value_of(std::uint32_t idx, const value_context& ctx = {}) {
        const grid_cell& c = cell(idx);
        if (is_blank(c.text)) return std::nullopt;
        return parse_value(c.text, c.at, f_.diags, ctx);
    }
    std::optional<std::string> text_of(std::uint32_t idx) const { return trimmed(cell(idx).text); }

    void diag(severity s, std::string code, std::string msg, const location& at) {
        f_.diags.push_back({s, std::move(code), std::move(msg), at});
    }

    // --- row dispatch --------------------------------------------------------
    void read_row(std::uint32_t r) {
        const std::vector<row_cell> cells = cells_of(r);
        std::vector<row_cell> anchored;
        for (const row_cell& x : cells)
            if (x.anchored) anchored.push_back(x);
        if (anchored.empty()) return;

        std::set<term> kinds;
        for (const row_cell& x : anchored) kinds.insert(term_of(x.idx));
        const int n_ind = static_cast<int>(kinds.count(term::level1) + kinds.count(term::level2) + kinds.count(term::name) +
                                           kinds.count(term::target) + kinds.count(term::actual) +
                                           kinds.count(term::adjusted_target));
        const int n_funds = static_cast<int>(kinds.count(term::budget_initial) + kinds.count(term::budget) +
                                             kinds.count(term::executed) + kinds.count(term::rate));
        const term first = term_of(anchored.front().idx);
        const bool first_at_left = anchored.front().col == 0;

        if (n_ind >= 3 && n_funds < 2) return indicator_header(r, cells);
        // Inside the indicator block only a label in the first column opens another section.
        if (mode_ == mode::indicators && !(first_at_left && opens_section(first))) {
            if (first_at_left && anchored.size() == 1 && cell(anchored.front().idx).colspan == g_->cols()) {
                mode_ = mode::none;  // a full-width note row ends the block
                return;
            }
            return indicator_row(r);
        }
        if (mode_ == mode::funds && (first == term::sum || (first == term::none && n_funds < 2)) && !kinds.count(term::total))
            return read_funds_row(r, cells);
        if (first == term::funds || n_funds >= 2) return funds_header(anchored);
        if (kinds.count(term::overall) || kinds.count(term::planned) || kinds.count(term::achieved) ||
            kinds.count(term::adjusted_planned))
            return overall_header(anchored);
        bool fields = false;
        for (term t : kinds) fields |= detail::is_header_field(t);
        if (fields) return field_row(anchored);
        if (kinds.count(term::total) || kinds.count(term::grade) || first == term::sum) return total_row(anchored);
        switch (mode_) {
        case mode::funds: return read_funds_row(r, cells);
        case mode::overall: return overall_row(r);
        case mode::indicators: return indicator_row(r);
        case mode::none: break;
        }
    }

    // A label in the first column that ends the indicator block.
    static bool opens_section(term t) {
        return t != term::none && !detail::is_indicator_column(t) && t != term::indicators;
    }

    // --- header fields -------------------------------------------------------
    void field_row(const std::vector<row_cell>& anchored) {
        mode_ = mode::none;
        for (std::size_t i = 0; i < anchored.size();) {
            const row_cell& lab = anchored[i];
            const term t = term_of(lab.idx);
            if (t == term::total || t == term::grade) {
                // 自评总分（分） | 97.6 among the header fields (Chongqing).
                if (i + 1 < anchored.size()) {
                    if (t == term::total) f_.total.score = value_of(anchored[i + 1].idx);
                    else f_.total.grade = text_of(anchored[i + 1].idx);
                    f_.total.at = cell(lab.idx).at;
                }
                i += 2;
                continue;
            }
            field fl;
            fl.label = text_of(lab.idx).value_or("");
            fl.at = cell(lab.idx).at;
            // "项目负责人：张三": the value typed after the label in its cell.
            const std::optional<std::pair<std::string, std::string>> inline_value = split_label_value(fl.label);
            const bool has_value = !inline_value && i + 1 < anchored.size() && !detail::is_header_field(term_of(anchored[i + 1].idx)) &&
                                   term_of(anchored[i + 1].idx) != term::total && term_of(anchored[i + 1].idx) != term::grade;
            if (inline_value) {
                fl.label = inline_value->first;
                fl.value = inline_value->second;
            } else if (has_value) {
                fl.value = text_of(anchored[i + 1].idx);
                fl.at = cell(anchored[i + 1].idx).at;
            }
            // Check boxes in the value ("☑持续性项目 □新增性项目").
            if (fl.value) fl.checked = detail::checked_options(*fl.value);
            if (!fl.label.empty() || fl.value) f_.fields.push_back(fl);
            set_header(f_.header, t, fl.value);
            if (t == term::unit || t == term::project || t == term::supervisor || t == term::implementer) header_terms_.insert(t);
            i += has_value ? 2 : 1;
        }
    }

    // --- funds ---------------------------------------------------------------
    void funds_header(const std::vector<row_cell>& anchored) {
        found_ = true;
        mode_ = mode::funds;
        funds_cols_.fill(-1);
        funds_label_ = ~0u;
        in_twin_ = false;
        if (!f_.funds) f_.funds.emplace();
        funds_block& fb = *f_.funds;
        fb.at = cell(anchored.front().idx).at;
        for (const row_cell& x : anchored) {
            const term t = term_of(x.idx);
            if (t == term::funds && funds_label_ == ~0u) funds_label_ = x.idx;
            if (detail::is_funds_column(t) && funds_cols_[static_cast<std::size_t>(t)] < 0)
                funds_cols_[static_cast<std::size_t>(t)] = static_cast<int>(x.col);
            // The amount unit is declared in a label: 资金情况（万元）, 年初预算数（元）.
            const std::string& key = key_of(x.idx);
            if (fb.unit.empty()) {
                if (contains(key, "(万元)") || contains(key, "万元")) fb.unit = "万元";
                else if (contains(key, "(元)") || contains(key, "单位:元")) fb.unit = "元";
            }
            // The block's weight: 预算执行情况（20分）, 得分（20分*执行率）, 分值（10分）.
            if ((t == term::funds || t == term::score || t == term::weight) && !fb.declared_weight)
                fb.declared_weight = detail::declared_points(cell(x.idx).text);
        }
    }

    // Amounts go out in 元: a bare number takes the block's declared unit.
    std::optional<value> amount(std::uint32_t idx) {
        value_context ctx;
        ctx.bare_unit = f_.funds->unit;
        ctx.hint = "资金";
        return value_of(idx, ctx);
    }

    // A department form's twin breakdown ("按收入性质分：| 2456.18 | 按支出性质分：|
    // 2299.98"): label and amount pairs side by side, left for income, right
    // for expenditure. True when the row was one.
    bool twin_funds_row(const std::vector<row_cell>& cells) {
        std::vector<std::uint32_t> anchored;
        for (const row_cell& x : cells)
            if (x.anchored && x.idx != funds_label_) anchored.push_back(x.idx);
        // Labels: cells ending in a colon, or known funds rows, after the first cell.
        auto labelish = [&](std::uint32_t idx) {
            const std::string& k = key_of(idx);
            return !k.empty() && (k.back() == ':' || ends_with(detail::trim(cell(idx).text), "：") || !detail::funds_row_key(k).empty() ||
                                  contains(k, "性质分"));
        };
        std::size_t second = 0;
        for (std::size_t i = 1; i < anchored.size(); ++i)
            if (labelish(anchored[i]) && !is_blank(cell(anchored[i]).text)) {
                second = i;
                break;
            }
        if (second == 0) {
            if (!in_twin_) return false;
        } else if (!in_twin_) {
            in_twin_ = true;
            diag(severity::info, "form.twin_funds_amount",
                 "the funds block breaks the total down twice (income | expenditure) with one amount per line: "
                 "each amount is read as the budget (全年预算数)",
                 cell(anchored[0]).at);
        }
        auto side = [&](std::size_t b, std::size_t e, const char* group) {
            if (b >= e || is_blank(cell(anchored[b]).text)) return;
            funds_row row;
            row.label = text_of(anchored[b]).value_or("");
            row.at = cell(anchored[b]).at;
            row.group = group;
            for (std::size_t i = b + 1; i < e; ++i)
                if (!is_blank(cell(anchored[i]).text)) {
                    row.budget = amount(anchored[i]);
                    break;
                }
            std::string_view label = row.label;
            if (contains(label, "性质分")) return twin_heading(row);
            row.key = std::string(detail::funds_row_key(row.label));
            f_.funds->rows.push_back(std::move(row));
        };
        side(0, second == 0 ? anchored.size() : second, "income");
        if (second > 0) side(second, anchored.size(), "expenditure");
        return true;
    }

    // "按收入性质分：2456.18": the heading of a breakdown, with the breakdown's total.
    void twin_heading(funds_row& row) {
        if (!row.budget) return;
        row.key = "subtotal";
        f_.funds->rows.push_back(std::move(row));
    }

    void read_funds_row(std::uint32_t r, const std::vector<row_cell>& cells) {
        if (twin_funds_row(cells)) return;
        funds_row row;
        bool any_value = false;
        std::set<std::uint32_t> mapped;
        for (std::size_t t = 0; t < n_terms; ++t) {
            if (funds_cols_[t] < 0 || static_cast<term>(t) == term::basis) continue;
            const std::uint32_t idx = g_->index_at(r, static_cast<std::uint32_t>(funds_cols_[t]));
            if (cell(idx).row != r) continue;  // merged from above: belongs to an earlier row
            mapped.insert(idx);
            switch (static_cast<term>(t)) {
            case term::budget_initial: row.budget_initial = amount(idx); break;
            case term::budget: row.budget = amount(idx); break;
            case term::executed: row.executed = amount(idx); break;
            case term::rate: row.rate = value_of(idx); break;
            case term::weight: row.weight = value_of(idx); break;
            case term::score: row.score = value_of(idx); break;
            case term::note: row.note = text_of(idx); break;
            default: break;
            }
            any_value = true;
        }
        if (!any_value) {
            mode_ = mode::none;
            return;
        }
        for (const row_cell& x : cells) {
            if (!x.anchored || x.idx == funds_label_ || mapped.count(x.idx)) continue;
            row.label = text_of(x.idx).value_or("");
            row.at = cell(x.idx).at;
            break;
        }
        if (row.label.empty() && !row.budget_initial && !row.budget && !row.executed) return;  // an empty line of the block
        row.key = std::string(detail::funds_row_key(row.label));
        if (row.key.empty() && !row.label.empty())
            diag(severity::info, "form.funds_row_unknown", fmt::format("funds row '{}' is not a known kind of funds", row.label), row.at);
        f_.funds->rows.push_back(std::move(row));
    }

    // --- overall goal --------------------------------------------------------
    void overall_header(const std::vector<row_cell>& anchored) {
        found_ = true;
        mode_ = mode::overall;
        planned_col_ = achieved_col_ = adjusted_col_ = -1;
        if (!f_.overall) {
            f_.overall.emplace();
            f_.overall->at = cell(anchored.front().idx).at;
        }
        std::vector<std::uint32_t> free;  // cells that are not labels: goal text in the same row
        for (const row_cell& x : anchored) {
            const term t = term_of(x.idx);
            if (t == term::planned) planned_col_ = static_cast<int>(x.col);
            else if (t == term::achieved) achieved_col_ = static_cast<int>(x.col);
            else if (t == term::adjusted_planned) adjusted_col_ = static_cast<int>(x.col);
            else if (t != term::overall) free.push_back(x.idx);
        }
        if (planned_col_ < 0 && achieved_col_ < 0 && adjusted_col_ < 0 && !free.empty()) {
            // "年度总体目标 | text [| text]": the goal is in this row.
            f_.overall->planned = text_of(free[0]);
            if (free.size() > 1) f_.overall->achieved = text_of(free[1]);
            mode_ = mode::none;
        }
    }

    void overall_row(std::uint32_t r) {
        auto take = [&](int col) -> std::optional<std::string> {
            if (col < 0) return std::nullopt;
            const std::uint32_t idx = g_->index_at(r, static_cast<std::uint32_t>(col));
            return cell(idx).row == r ? text_of(idx) : std::nullopt;
        };
        f_.overall->planned = take(planned_col_);
        f_.overall->achieved = take(achieved_col_);
        f_.overall->adjusted = take(adjusted_col_);
        mode_ = mode::none;
    }

    // --- totals --------------------------------------------------------------
    void total_row(const std::vector<row_cell>& anchored) {
        found_ = true;
        mode_ = mode::none;
        for (std::size_t i = 0; i < anchored.size(); ++i) {
            const term t = term_of(anchored[i].idx);
            if (t == term::total || t == term::sum) {
                f_.total.at = cell(anchored[i].idx).at;
                // The score is the last number after the label; a number before it is the total weight (100).
                std::vector<value> numbers;
                for (std::size_t j = i + 1; j < anchored.size() && !detail::is_header_field(term_of(anchored[j].idx)); ++j) {
                    if (term_of(anchored[j].idx) == term::grade) break;
                    std::optional<value> v = value_of(anchored[j].idx);
                    if (v && v->number) numbers.push_back(std::move(*v));
                }
                if (!numbers.empty()) f_.total.score = numbers.back();
                if (numbers.size() >= 2) f_.total.weight = numbers[numbers.size() - 2];
            } else if (t == term::grade && i + 1 < anchored.size()) {
                f_.total.grade = text_of(anchored[i + 1].idx);
                if (f_.total.at.row < 0) f_.total.at = cell(anchored[i].idx).at;
            }
        }
    }

    // --- indicators ----------------------------------------------------------
    // The header's terms per column: a header of two rows (一级/二级/三级指标
    // under a spanning 绩效指标, or 指标性质 | 指标值 | 度量单位 under a spanning
    // 指标值) takes the lower row's term where it has one.
    void indicator_header(std::uint32_t r, const std::vector<row_cell>& cells) {
        found_ = true;
        mode_ = mode::indicators;
        ind_cols_.fill(-1);
        goal_col_ = -1;
        current_goal_.reset();
        std::vector<term> col_term(g_->cols(), term::none);
        list_unit_col_ = list_project_col_ = -1;
        for (const row_cell& x : cells) {
            if (detail::is_indicator_column(term_of(x.idx))) col_term[x.col] = term_of(x.idx);
            // 单位名称 / 项目名称 columns beside the indicator columns: a list of projects.
            if (term_of(x.idx) == term::unit) list_unit_col_ = static_cast<int>(x.col);
            if (term_of(x.idx) == term::project) list_project_col_ = static_cast<int>(x.col);
        }
        if (r + 1 < g_->rows()) {
            int n = 0, other = 0;
            for (const row_cell& x : cells_of(r + 1)) {
                if (!x.anchored) continue;
                const term t = term_of(x.idx);
                if (detail::is_indicator_column(t)) ++n;
                else if (!is_blank(cell(x.idx).text)) ++other;
            }
            if (n >= 2 && other == 0) {
                for (const row_cell& x : cells_of(r + 1))
                    if (x.anchored && detail::is_indicator_column(term_of(x.idx))) col_term[x.col] = term_of(x.idx);
                skip_row_ = r + 1;
                location at = cell(g_->index_at(r + 1, 0)).at;
                at.row = static_cast<int>(r + 1);
                diag(severity::info, "form.header_two_rows", "the indicator header continues in the next row", at);
            }
        }
        for (std::uint32_t c = 0; c < col_term.size(); ++c) {
            const term t = col_term[c];
            if (t != term::none && ind_cols_[static_cast<std::size_t>(t)] < 0) ind_cols_[static_cast<std::size_t>(t)] = static_cast<int>(c);
        }
        // The column left of the first indicator column holds the goal (目标1) or the block label (绩效指标).
        int first_ind = -1;
        for (std::uint32_t c = 0; c < col_term.size() && first_ind < 0; ++c)
            if (col_term[c] != term::none) first_ind = static_cast<int>(c);
        if (first_ind > 0) goal_col_ = 0;
        if (goal_col_ >= 0) {
            const std::uint32_t gidx = g_->index_at(r, 0);
            note_goal(gidx);
            // 绩效指标（90分）, 年度绩效目标（80分）: the block's points.
            if (!f_.indicators_weight && term_of(gidx) == term::indicators) f_.indicators_weight = detail::declared_points(cell(gidx).text);
        }
    }

    // Records the goal a cell names (once per cell); returns its label.
    std::optional<std::string> note_goal(std::uint32_t idx) {
        std::optional<goal_label> gl = parse_goal_label(cell(idx).text);
        if (!gl) return std::nullopt;
        // Once per label: a merged goal cell is met on every row it spans, and
        // a form split over tables repeats it.
        if (goal_labels_.insert(gl->label).second) f_.goals.push_back({gl->label, gl->text, cell(idx).at});
        return gl->label;
    }

    // A level label cell read once: a merged 一级 / 二级 cell serves every row it spans.
    struct level_reading {
        std::optional<std::string> raw;
        detail::label_parts parts;
        std::string code1, code2;
    };
    // A level label read once per text (the same label repeats on every row
    // of a copy that lost its merges), and found again by cell.
    const level_reading& level_of(std::uint32_t idx) {
        auto [at_cell, new_cell] = levels_.try_emplace(idx, nullptr);
        if (new_cell) {
            auto [it, fresh] = level_texts_.try_emplace(cell(idx).text);
            if (fresh) {
                level_reading& l = it->second;
                l.raw = text_of(idx);
                if (l.raw) l.parts = detail::level_label(*l.raw);
                l.code1 = std::string(detail::level1_code(l.parts.text));
                l.code2 = std::string(detail::level2_code(l.parts.text));
            }
            at_cell->second = &it->second;
        }
        return *at_cell->second;
    }

    void set_level(indicator& ind, std::uint32_t idx, bool second) {
        const level_reading& l = level_of(idx);
        if (!l.raw || l.parts.text.empty()) return;
        if (second) {
            ind.level2_raw = l.raw;
            ind.level2 = l.parts.text;
            ind.level2_weight = l.parts.points;
            ind.level2_code = l.code2;
        } else {
            ind.level1_raw = l.raw;
            ind.level1 = l.parts.text;
            ind.level1_weight = l.parts.points;
            ind.level1_code = l.code1;
        }
    }

    // A row inside the indicator block that holds nothing but a goal label
    // ("目标1：确保…" across the columns): the goal of the rows below it.
    bool goal_row(std::uint32_t r) {
        std::optional<std::uint32_t> only;
        for (const row_cell& x : cells_of(r)) {
            if (!x.anchored || is_blank(cell(x.idx).text)) continue;
            if (only) return false;
            only = x.idx;
        }
        if (!only || static_cast<int>(cell(*only).col) == goal_col_) return false;
        std::optional<std::string> label = note_goal(*only);
        if (!label) return false;
        current_goal_ = label;
        return true;
    }

    // The indicator fields in column order, computed again only when the columns change.
    const std::vector<std::pair<int, term>>& column_order() {
        if (order_of_ != ind_cols_) {
            order_of_ = ind_cols_;
            order_.clear();
            for (std::size_t t = 0; t < n_terms; ++t)
                if (ind_cols_[t] >= 0) order_.emplace_back(ind_cols_[t], static_cast<term>(t));
            std::sort(order_.begin(), order_.end());
        }
        return order_;
    }

    void indicator_row(std::uint32_t r) {
        if (goal_row(r)) return;
        indicator ind;
        if (goal_col_ >= 0) {
            const std::uint32_t gidx = g_->index_at(r, static_cast<std::uint32_t>(goal_col_));
            ind.goal = note_goal(gidx);
            // An empty goal cell continues the goal above (a merge lost in a
            // copy, or cut by a page break between tables).
            if (!ind.goal && is_blank(cell(gidx).text) && !f_.indicators.empty() && f_.indicators.back().goal) {
                ind.goal = f_.indicators.back().goal;
                location a = cell(gidx).at;
                a.row = static_cast<int>(r);
                diag(severity::info, "form.goal_inherited", fmt::format("empty goal cell: '{}' from the row above", *ind.goal), a);
            }
        }
        if (!ind.goal) ind.goal = current_goal_;
        if (list_project_col_ >= 0)
            if (std::optional<std::string> p = text_of(g_->index_at(r, static_cast<std::uint32_t>(list_project_col_))))
                ind.project = detail::split_code(*p).second;

        // Fields in column order; a cell already read by a field to its left
        // (a cell spanning two columns) is not read again.
        std::vector<std::pair<std::uint32_t, term>>& taken = taken_;  // cell → the field that read it
        taken.clear();
        bool anything_new = false;
        std::optional<std::uint32_t> target_idx, actual_idx, adjusted_idx;  // read below, with the row's labels as context
        std::optional<std::uint32_t> name_idx;
        for (const auto& [col, t] : column_order()) {
            const std::uint32_t idx = g_->index_at(r, static_cast<std::uint32_t>(col));
            auto prior = std::find_if(taken.begin(), taken.end(), [&](const auto& p) { return p.first == idx; });
            if (prior != taken.end()) {
                swallowed(r, idx, prior->second, t, ind);
                continue;
            }
            taken.emplace_back(idx, t);
            const bool fresh = cell(idx).row == r;
            if (t != term::level1 && t != term::level2 && fresh) anything_new = true;
            // A header label met in a data row ("一级指标" merged down into the
            // rows below a repeated header) is not data.
            if ((t == term::level1 || t == term::level2) && detail::is_indicator_column(term_of(idx))) continue;
            switch (t) {
            case term::level1: set_level(ind, idx, false); break;
            case term::level2: set_level(ind, idx, true); break;
            case term::name:
                ind.name_raw = text_of(idx);
                ind.at = cell(idx).at;
                name_idx = idx;
                break;
            case term::target: target_idx = idx; break;
            case term::adjusted_target: adjusted_idx = idx; break;
            case term::actual: actual_idx = idx; break;
            case term::weight: ind.weight = value_of(idx); break;
            case term::score: ind.score = value_of(idx); break;
            case term::score_ratio: ind.score_ratio = value_of(idx); break;
            case term::note: ind.note = text_of(idx); break;
            case term::remark: ind.remark = text_of(idx); break;
            case term::unit_column: ind.unit_raw = text_of(idx); break;
            case term::comparator:
                if (std::optional<std::string> c = text_of(idx)) {
                    const std::string& k = key_of(idx);
                    if (k == "定性" || k == "定性指标" || k == "定量" || k == "定量指标") ind.nature = k.substr(0, 6);
                    else ind.comparator_raw = c;
                }
                break;
            case term::direction:
                if (std::optional<std::string> d = text_of(idx)) {
                    const std::string& k = key_of(idx);
                    if (starts_with(k, "正向")) ind.direction = polarity::positive;
                    else if (starts_with(k, "反向")) ind.direction = polarity::negative;
                }
                break;
            case term::core:
                if (const std::string& k = key_of(idx); k == "是" || k == "√" || k == "★") ind.core = true;
                break;
            default: break;
            }
        }
        if (!name_idx) ind.at = cell(g_->index_at(r, 0)).at;
        ind.at.row = static_cast<int>(r);
        if (!anything_new) return;  // every cell continues from the row above: nothing new here
        if (ind.name_raw) {
            detail::label_parts p = detail::indicator_name(*ind.name_raw);
            if (!p.text.empty()) ind.name = p.text;
            ind.core = ind.core || p.core;
        }
        // A value cell merged down from the row above says nothing about this row.
        const auto blank_here = [&](std::optional<std::uint32_t> idx) {
            return !idx || is_blank(cell(*idx).text) || cell(*idx).row != r;
        };
        const bool target_blank = !ind.target && blank_here(target_idx);
        const bool actual_blank = blank_here(actual_idx);
        if (!ind.name && target_blank && actual_blank) {
            diag(severity::info, "form.placeholder_row",
                 ind.name_raw ? fmt::format("'{}' is an unfilled template row: left out", *ind.name_raw)
                              : std::string("an indicator row with no name, target or actual: left out"),
                 ind.at);
            return;
        }
        inherit_levels(ind);
        if (list_unit_col_ >= 0 && !f_.header.unit)
            if (std::optional<std::string> u = text_of(g_->index_at(r, static_cast<std::uint32_t>(list_unit_col_)))) {
                auto [code, name] = detail::split_code(*u);
                f_.header.unit = name;
                f_.header.unit_code = code;
            }
        // Values with what the row says: its labels (成本指标 → money) and, for
        // the actual, its target (0.8 against 80%). The year comes later (date_values).
        value_context ctx;
        const std::string hint = ind.level1.value_or("") + " " + ind.level2.value_or("") + " " + ind.name.value_or("") + " " +
                                 ind.unit_raw.value_or("");
        ctx.hint = hint;
        if (target_idx && !ind.target) {
            ctx.role = value_role::target;
            ind.target = split_target(*target_idx, ind, ctx);
        }
        if (adjusted_idx) {
            ctx.role = value_role::target;
            ind.adjusted_target = with_unit(*adjusted_idx, ind, ctx);
        }
        if (actual_idx) {
            ctx.role = value_role::actual;
            ctx.target = ind.target ? &*ind.target : nullptr;
            ind.actual = with_unit(*actual_idx, ind, ctx);
        }
        const judgement j = assess(ind.target ? &*ind.target : nullptr, ind.actual ? &*ind.actual : nullptr);
        ind.judged = j.result;
        ind.why = j.reason;
        unpolarized(ind);
        if (ind.direction == polarity::unknown) ind.direction = ind.nature == std::optional<std::string>("定性") ? polarity::qualitative : polarity_of(ind.target);
        f_.indicators.push_back(std::move(ind));
    }

    // "财政供养人员控制率 | 100% | 92%": no comparator says which way is better,
    // and the name says lower may be. The verdict is not guessed.
    static void unpolarized(indicator& ind) {
        if (ind.judged == verdict::unknown || !ind.target || ind.target->op != comparator::none) return;
        if (ind.target->kind != value_kind::quantity && ind.target->kind != value_kind::range) return;
        if (ind.direction != polarity::unknown || !ind.name || !detail::lower_may_be_better(*ind.name)) return;
        if (ind.actual && ind.actual->scale == qualitative_scale::achievement) return;  // the filler's own verdict
        ind.judged = verdict::unknown;
        ind.why = verdict_reason::polarity_unknown;
    }

    // The target, with a comparator and a unit from their own columns joined
    // to it (指标性质 "≥" | 指标值 "95" | 度量单位 "%" → "≥95%").
    std::optional<value> split_target(std::uint32_t idx, const indicator& ind, const value_context& ctx) {
        const grid_cell& c = cell(idx);
        if (is_blank(c.text)) return std::nullopt;
        const std::string_view text = detail::trim(c.text);
        std::string joined;
        if (ind.comparator_raw && is_comparator_text(detail::label_key(*ind.comparator_raw))) joined += *ind.comparator_raw;
        joined += text;
        if (ind.unit_raw && !is_blank(*ind.unit_raw) && !ends_with(text, *ind.unit_raw) && *ind.unit_raw != "/" &&
            *ind.unit_raw != "—" && *ind.unit_raw != "-")
            joined += *ind.unit_raw;
        if (joined.size() == text.size() && ind.name_raw && !ind.comparator_raw && !ind.unit_raw) {
            // "公猪舍（≥**平方米）" | 22.8: the name's template gives the bare number its comparator and unit.
            const std::optional<detail::name_template> t = detail::template_in_name(*ind.name_raw);
            diagnostics scratch;
            const value bare = t ? parse_value(c.text, c.at, scratch, ctx) : value{};
            if (t && bare.kind == value_kind::quantity && bare.op == comparator::none && bare.unit.empty()) {
                std::string from_name = t->comparator + std::string(text) + t->unit;
                diag(severity::info, "form.target_from_name",
                     fmt::format("the name's template '{}…{}' completes the target '{}' as '{}'", t->comparator, t->unit, text, from_name), c.at);
                return parse_value(from_name, c.at, f_.diags, ctx);
            }
        }
        if (joined.size() == text.size()) return parse_value(c.text, c.at, f_.diags, ctx);
        diag(severity::info, "form.target_joined",
             fmt::format("target read from its comparator, value and unit cells as '{}'", joined), c.at);
        return parse_value(joined, c.at, f_.diags, ctx);
    }

    // An actual (or adjusted target) in a form with a unit column: a bare
    // number takes the row's unit ("28" under 度量单位 "万亩" → "28万亩").
    std::optional<value> with_unit(std::uint32_t idx, const indicator& ind, const value_context& ctx) {
        const grid_cell& c = cell(idx);
        if (is_blank(c.text)) return std::nullopt;
        diagnostics bare_notes;
        value v = parse_value(c.text, c.at, bare_notes, ctx);
        const bool unit_usable = ind.unit_raw && !is_blank(*ind.unit_raw) && *ind.unit_raw != "/" && *ind.unit_raw != "—" &&
                                 *ind.unit_raw != "-";
        if (unit_usable && v.unit.empty() && v.kind == value_kind::quantity) {
            const std::string joined = std::string(detail::trim(c.text)) + *ind.unit_raw;
            diagnostics notes;
            value u = parse_value(joined, c.at, notes, ctx);
            if (!u.unit.empty()) {
                f_.diags.insert(f_.diags.end(), notes.begin(), notes.end());
                diag(severity::info, "form.unit_from_column",
                     fmt::format("'{}' read with the row's unit as '{}'", detail::trim(c.text), joined), c.at);
                return u;
            }
        }
        f_.diags.insert(f_.diags.end(), bare_notes.begin(), bare_notes.end());
        return v;
    }

    // A field whose column is covered by the cell a field to its left read.
    void swallowed(std::uint32_t r, std::uint32_t idx, term by, term t, indicator& ind) {
        const grid_cell& c = cell(idx);
        location at = c.at;
        at.row = static_cast<int>(r);
        if (by == term::name && t == term::target && ind.name_raw) {
            const std::size_t op = trailing_comparator(*ind.name_raw);
            if (op > 0) {
                // "残疾人满意度 … =": the target's comparator typed into the name cell.
                std::string comparator = ind.name_raw->substr(ind.name_raw->size() - op);
                ind.name_raw = trimmed(std::string_view(*ind.name_raw).substr(0, ind.name_raw->size() - op));
                diagnostics scratch;
                ind.target = parse_value(comparator, at, scratch);
                diag(severity::warning, "form.comparator_in_name",
                     fmt::format("the 三级指标 cell spans the 指标值 column and ends in '{}': read '{}' as the target "
                                 "and the next cell as the actual",
                                 comparator, comparator),
                     at);
                return;
            }
        }
        diag(severity::info, "form.cell_spans_columns",
             fmt::format("the {} cell also covers the {} column: {} left empty", column_name(by), column_name(t),
                         column_name(t)),
             at);
    }

    // Text copies lose merges: a blank 一级/二级 label takes the one above (same goal).
    void inherit_levels(indicator& ind) {
        if (f_.indicators.empty()) return;
        const indicator& prev = f_.indicators.back();
        if (prev.goal != ind.goal) return;
        if (!ind.level1 && prev.level1 && col_of(term::level1) >= 0) {
            ind.level1 = prev.level1;
            ind.level1_raw = prev.level1_raw;
            ind.level1_code = prev.level1_code;
            ind.level1_weight = prev.level1_weight;
            diag(severity::info, "form.level_inherited", fmt::format("empty 一级指标: '{}' from the row above", *prev.level1), ind.at);
        }
        if (!ind.level2 && prev.level2 && ind.level1 == prev.level1 && col_of(term::level2) >= 0) {
            ind.level2 = prev.level2;
            ind.level2_raw = prev.level2_raw;
            ind.level2_code = prev.level2_code;
            ind.level2_weight = prev.level2_weight;
            diag(severity::info, "form.level_inherited", fmt::format("empty 二级指标: '{}' from the row above", *prev.level2), ind.at);
        }
    }

    const grid* g_ = nullptr;
    std::uint32_t cols_ = 0;  // width of the last table read
    form& f_;
    std::vector<std::string> keys_;
    std::vector<term> terms_;
    std::unordered_map<std::uint32_t, const level_reading*> levels_;  // level label cells read, by cell index
    std::unordered_map<std::string_view, level_reading> level_texts_;  // … and by their text (the grid's)
    std::unordered_set<std::string> all_keys_;  // distinct label keys of the cells read
    std::set<term> header_terms_;  // kinds of header field read
    std::set<std::string> goal_labels_;  // the labels in f_.goals
    mode mode_ = mode::none;
    bool found_ = false;
    std::uint32_t skip_row_ = ~0u;
    column_map ind_cols_{};
    column_map funds_cols_{};
    column_map order_of_ = [] {  // the columns order_ was computed for (none yet)
        column_map m;
        m.fill(-2);
        return m;
    }();
    std::vector<std::pair<int, term>> order_;
    std::vector<std::pair<std::uint32_t, term>> taken_;  // indicator_row's scratch
    std::uint32_t funds_label_ = ~0u;
    bool in_twin_ = false;  // inside a twin breakdown of the funds block
    int goal_col_ = -1;
    int list_unit_col_ = -1, list_project_col_ = -1;  // a list of several projects' indicators
    std::optional<std::string> current_goal_;  // set by a goal row inside the indicator block
    int planned_col_ = -1, achieved_col_ = -1, adjusted_col_ = -1;
};

// --- title, year, kind ----------------------------------------------------------

std::optional<int> find_year(std::string_view s) {
    for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
        const bool d4 = std::all_of(s.begin() + static_cast<std::ptrdiff_t>(i), s.begin() + static_cast<std::ptrdiff_t>(i + 4),
                                    [](char c) { return c >= '0' && c <= '9'; });
        if (!d4) continue;
        if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') continue;
        if (i + 4 < s.size() && s[i + 4] >= '0' && s[i + 4] <= '9') continue;
        const int y = std::stoi(std::string(s.substr(i, 4)));
        if (y >= 1990 && y <= 2100 && starts_with(s.substr(i + 4), "年")) return y;
    }
    return std::nullopt;
}

form_kind kind_of(std::string_view title) {
    const std::string key = detail::label_key(title);
    if (contains(key, "转移支付")) return form_kind::transfer;
    if (contains(key, "部门整体")) return form_kind::department;
    if (contains(key, "绩效目标表") || contains(key, "绩效目标申报表") || contains(key, "目标申报")) return form_kind::target;
    if (contains(key, "项目") || contains(key, "专项资金")) return form_kind::project;
    return form_kind::unknown;
}

// Dates written without a year ("12月底前", "年底前") are read again in the
// form's year, once the title has told it, and their verdict with them.
void date_values(form& f) {
    if (!f.year) return;
    const auto undated = [](const std::optional<value>& v) {
        return v && v->kind == value_kind::date && v->date && v->date->first.year == 0;
    };
    for (indicator& ind : f.indicators) {
        if (!undated(ind.target) && !undated(ind.actual)) continue;
        value_context ctx;
        ctx.year = *f.year;
        if (undated(ind.target)) {
            ctx.role = value_role::target;
            ind.target = parse_value(ind.target->raw, ind.target->at, f.diags, ctx);
        }
        if (undated(ind.actual)) {
            ctx.role = value_role::actual;
            ctx.target = ind.target ? &*ind.target : nullptr;
            ind.actual = parse_value(ind.actual->raw, ind.actual->at, f.diags, ctx);
        }
        const judgement j = assess(ind.target ? &*ind.target : nullptr, ind.actual ? &*ind.actual : nullptr);
        ind.judged = j.result;
        ind.why = j.reason;
    }
}

bool looks_like_title(std::string_view s) {
    const std::string key = detail::label_key(s);
    return contains(key, "表") && (contains(key, "绩效") || contains(key, "自评"));
}

}  // namespace

namespace {

// A row that titles a form: one non-blank cell, spanning the table or
// alone in its row, that names a 绩效…表.
bool title_row(const grid& g, std::uint32_t r) {
    std::uint32_t nonblank = ~0u;
    for (std::uint32_t c = 0; c < g.cols(); ++c) {
        const grid_cell& x = g.at(r, c);
        if (is_blank(x.text)) continue;
        if (nonblank != ~0u && g.index_at(r, c) != nonblank) return false;
        nonblank = g.index_at(r, c);
    }
    return nonblank != ~0u && g.cells()[nonblank].row == r && looks_like_title(g.cells()[nonblank].text);
}

// Whether `label` is a header field's label (单位名称, 填报日期 …).
bool is_header_label(std::string_view label) { return detail::is_header_field(detail::lookup_key(detail::label_key(label))); }

// The words of `text` between runs of blanks (is_blank_cp), none empty.
std::vector<std::string_view> blank_separated(std::string_view text) {
    std::vector<std::string_view> words;
    std::size_t b = std::string_view::npos;  // start of the word being read
    for (std::size_t i = 0; i < text.size();) {
        const std::size_t at = i;
        const bool blank = detail::is_blank_cp(detail::next_code_point(text, i));
        if (blank && b != std::string_view::npos) words.push_back(text.substr(b, at - b)), b = std::string_view::npos;
        else if (!blank && b == std::string_view::npos) b = at;
    }
    if (b != std::string_view::npos) words.push_back(text.substr(b));
    return words;
}

// In "单位名称：某某局填报日期：2023年4月15日", where a second header label runs into the
// first value: the byte where that label starts (the longest of 2–10 characters
// before the second colon that is a header field's label), or npos.
std::size_t label_inside(std::string_view part) {
    const std::size_t first = std::min(part.find("："), part.find(':'));
    if (first == std::string_view::npos) return std::string_view::npos;
    std::size_t from = first + (part.substr(first, 3) == "：" ? 3 : 1);
    const std::size_t second = std::min(part.find("：", from), part.find(':', from));
    if (second == std::string_view::npos) return std::string_view::npos;
    // code point starts between the first value's start and the second colon
    std::vector<std::size_t> starts;
    for (std::size_t i = from; i < second;) {
        starts.push_back(i);
        detail::next_code_point(part, i);
    }
    std::size_t best = std::string_view::npos;
    for (std::size_t n = 2; n <= 10 && n < starts.size(); ++n) {  // leave the first value at least one character
        const std::size_t at = starts[starts.size() - n];
        if (is_header_label(part.substr(at, second - at))) best = at;
    }
    return best;
}

// Header fields typed as paragraphs above the table ("填报单位：某某局　　金额单位：万元"):
// each "label：value" part whose label is a header field's (a part runs to the next
// blank-separated word that starts with such a label). They come first in `fields`;
// a header slot the table filled keeps the table's value.
void header_paragraphs(form& f, const std::vector<const paragraph*>& above) {
    // Below the title; above a later table, only below a title (the lines after the
    // previous table are its footer: 填表人, 填报日期 …).
    std::size_t first = 0;
    bool titled = false;
    for (std::size_t i = 0; i < above.size(); ++i)
        if (f.title && trimmed(above[i]->text) == *f.title) first = i + 1, titled = true;
    if (!titled && f.table > 0) return;
    std::vector<field> found;
    form_header from_paragraphs;
    for (std::size_t i = first; i < above.size(); ++i) {
        const paragraph* p = above[i];
        // Words between blanks; a word that starts "label：" with a header field's label
        // starts a new part, any other word continues the part before it.
        std::vector<std::string> parts;
        for (const std::string_view word : blank_separated(p->text)) {
            const std::size_t colon = std::min(word.find("："), word.find(':'));
            const bool starts_field = colon != std::string_view::npos && colon > 0 && is_header_label(word.substr(0, colon));
            if (starts_field || parts.empty()) parts.emplace_back(word);
            else parts.back().append(" ").append(word);
        }
        // "联合社填报日期：2023年…": a line wrapped (or typed) with no blank before the next label.
        for (std::size_t k = 0; k < parts.size(); ++k)
            if (const std::size_t cut = label_inside(parts[k]); cut != std::string::npos) {
                parts.insert(parts.begin() + static_cast<std::ptrdiff_t>(k) + 1, parts[k].substr(cut));
                parts[k].erase(cut);
            }
        for (const std::string& part : parts) {
            const std::optional<std::pair<std::string, std::string>> lv = split_label_value(part);
            if (!lv) continue;
            const term t = detail::lookup_key(detail::label_key(lv->first));
            if (!detail::is_header_field(t)) continue;
            field fl;
            fl.label = lv->first;
            fl.value = lv->second;
            fl.checked = detail::checked_options(*fl.value);
            fl.at = p->at;
            fl.at.table = f.table;
            found.push_back(std::move(fl));
            set_header(from_paragraphs, t, lv->second);
        }
    }
    if (found.empty()) return;
    f.fields.insert(f.fields.begin(), found.begin(), found.end());
    form_header& h = f.header;
    const auto keep = [](std::optional<std::string>& slot, const std::optional<std::string>& other) {
        if (!slot && other) slot = other;
    };
    keep(h.unit, from_paragraphs.unit), keep(h.unit_code, from_paragraphs.unit_code);
    keep(h.project, from_paragraphs.project), keep(h.project_code, from_paragraphs.project_code);
    keep(h.supervisor, from_paragraphs.supervisor), keep(h.supervisor_code, from_paragraphs.supervisor_code);
    keep(h.implementer, from_paragraphs.implementer), keep(h.implementer_code, from_paragraphs.implementer_code);
    keep(h.head, from_paragraphs.head), keep(h.phone, from_paragraphs.phone);
    f.diags.push_back({severity::info, "form.header_from_paragraphs",
                       fmt::format("{} header field{} read from the text above the table", found.size(), found.size() == 1 ? "" : "s"),
                       found.front().at});
}

// Title, year, kind and family from the paragraphs above the form's first
// table (or its title row), else from its header fields and labels.
void name_form(form& f, const std::vector<const paragraph*>& above, const grid& g, std::uint32_t first_row,
               const std::vector<std::string>& keys) {
    for (const paragraph* p : above)
        if (!f.title && looks_like_title(p->text)) f.title = trimmed(p->text);
    for (std::uint32_t r = first_row; r < g.rows() && r < first_row + 3 && !f.title; ++r)
        if (title_row(g, r))
            for (std::uint32_t c = 0; c < g.cols(); ++c)
                if (!is_blank(g.at(r, c).text)) {
                    f.title = trimmed(detail::join_lines(g.at(r, c).text));  // a title typed over lines, as one
                    break;
                }
    if (f.title) {
        f.year = find_year(*f.title);
        f.kind = kind_of(*f.title);
    }
    header_paragraphs(f, above);
    for (const paragraph* p : above)
        if (!f.year) f.year = find_year(p->text);
    // "（2020年度）" in its own row under a title row.
    for (std::uint32_t r = first_row; r < g.rows() && r < first_row + 3 && !f.year; ++r)
        if (g.at(r, 0).colspan == g.cols() && g.at(r, 0).text.size() < 40) f.year = find_year(detail::label_key(g.at(r, 0).text));

    location at;
    at.table = f.table;
    const detail::family_match fam = detail::match_family(keys, f.title ? detail::label_key(*f.title) : std::string());
    f.family = std::string(fam.id);
    if (fam.id == "unknown")
        f.diags.push_back({severity::info, "form.family_unknown", "the layout matches no known template family", at});
    else if (fam.score - fam.runner_up < 2)
        f.diags.push_back({severity::info, "form.family_close",
                           fmt::format("read as family '{}' by a narrow margin ({} against {})", fam.id, fam.score, fam.runner_up), at});
    if (f.kind != form_kind::unknown) return;
    if (fam.kind != form_kind::unknown) {
        f.kind = fam.kind;
        f.diags.push_back({severity::info, "form.kind_from_family",
                           fmt::format("no title names the form's kind: read as {} from its layout (family '{}')", to_string(f.kind), fam.id), at});
        return;
    }
    if (f.header.project) f.kind = form_kind::project;
    else if (f.header.unit && !f.indicators.empty()) f.kind = form_kind::department;
    if (f.kind == form_kind::unknown)
        f.diags.push_back({severity::warning, "form.kind_unknown", "the form's kind is not named in its title and cannot be told from its header", at});
    else
        f.diags.push_back({severity::info, "form.kind_from_header",
                           fmt::format("no title names the form's kind: read as {} from its header fields", to_string(f.kind)), at});
}

}  // namespace

std::vector<form> extract_forms(const std::vector<paragraph>& paragraphs, const std::vector<grid>& tables, diagnostics& out) {
    // Tables held in a cell of another table are read on their own, never joined.
    std::vector<bool> nested(tables.size(), false);
    for (const grid& g : tables)
        for (const grid_cell& c : g.cells())
            for (std::uint32_t n : c.nested)
                if (n < nested.size()) nested[n] = true;

    std::vector<form> forms;
    std::unique_ptr<form> f;
    std::unique_ptr<form_reader> reader;
    std::size_t first_table = 0;
    std::uint32_t first_row = 0;
    int last_top = -1;
    auto finish = [&]() {
        if (!f) return;
        std::vector<const paragraph*> above;
        if (first_row == 0)
            for (const paragraph& p : paragraphs)
                if (p.before_table == first_table) above.push_back(&p);
        name_form(*f, above, tables[first_table], first_row, reader->label_keys());
        date_values(*f);  // dates without a year take the form's, now that the title is read
        // the tail reserved for rows that held no indicator, when it is most of the vector
        if (f->indicators.capacity() > 2 * f->indicators.size() + 16) f->indicators.shrink_to_fit();
        forms.push_back(std::move(*f));
        f.reset();
        reader.reset();
    };
    for (std::size_t t = 0; t < tables.size(); ++t) {
        const grid& g = tables[t];
        // A table continues the open form when nothing titled lies between them
        // and the form's reader says the table reads as its continuation.
        if (f && !nested[t] && last_top >= 0 && reader->continued_by(g) && !title_row(g, 0)) {
            bool titled = false;
            for (const paragraph& p : paragraphs)
                if (p.before_table == t && looks_like_title(p.text)) titled = true;
            if (!titled) {
                location at;
                at.table = static_cast<int>(t);
                f->diags.push_back({severity::info, "form.table_joined",
                                    fmt::format("table {} continues the form of table {} (a form split over pages)", t, first_table), at});
                reader->run(g);
                last_top = static_cast<int>(t);
                continue;
            }
        }
        // Several forms in one table: a title row after the first rows starts the next.
        std::vector<std::uint32_t> starts{0};
        for (std::uint32_t r = 2; r < g.rows(); ++r)
            if (title_row(g, r) && r > starts.back() + 2) starts.push_back(r);
        starts.push_back(g.rows());
        for (std::size_t s = 0; s + 1 < starts.size(); ++s) {
            auto candidate = std::make_unique<form>();
            candidate->table = static_cast<int>(t);
            auto candidate_reader = std::make_unique<form_reader>(*candidate);
            if (!candidate_reader->run(g, starts[s], starts[s + 1])) {
                location at;
                at.table = static_cast<int>(t);
                if (s > 0) at.row = static_cast<int>(starts[s]);
                out.push_back({severity::info, "form.not_a_form", "no form section (header fields, funds, goals, indicators) found in this table", at});
                continue;
            }
            finish();
            if (s > 0) {
                location at;
                at.table = static_cast<int>(t);
                at.row = static_cast<int>(starts[s]);
                candidate->diags.push_back({severity::info, "form.form_in_table",
                                            fmt::format("a title row at row {} starts another form in the same table", starts[s]), at});
            }
            f = std::move(candidate);
            reader = std::move(candidate_reader);
            first_table = t;
            first_row = starts[s];
        }
        if (!nested[t]) last_top = static_cast<int>(t);
    }
    finish();
    return forms;
}

}  // namespace v0
}  // namespace jixiao
