// The report writer: a visual QA page (docs/report.md). One self-contained
// HTML file: the grids drawn as HTML tables with their merges, each cell
// coloured by the form field it fed, the diagnostics linked to their cells
// and the verdicts beside the indicators.
//
// The page needs no network and no framework: the CSS and a few lines of
// script are inline, and everything works without the script too (a link to
// a cell is a fragment link; `:target` highlights the cell). Every text from
// the input goes through `escaped`, and cell ids are made of numbers only, so
// nothing a document holds can become markup.
#include <jixiao/version.hpp>
#include <jixiao/write.hpp>

#include "detail/utf8.hpp"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao {
inline namespace v0 {
namespace {

// ============================================================================
// Output
// ============================================================================

// Appends to a string; with a sink, hands the text over in pieces of about
// 64 KiB so that a large report does not sit in memory whole.
class html_out {
public:
    html_out(std::string& out, std::ostream* sink) : out_(out), sink_(sink) {}
    html_out(const html_out&) = delete;
    html_out& operator=(const html_out&) = delete;

    html_out& raw(std::string_view s) {
        out_.append(s);
        return *this;
    }
    html_out& num(std::uint64_t n) {
        out_.append(std::to_string(n));
        return *this;
    }
    html_out& num(int n) {
        out_.append(std::to_string(n));
        return *this;
    }
    /// Text or an attribute value: & < > " ' escaped; invalid UTF-8 and the
    /// control characters HTML does not allow in text become U+FFFD.
    html_out& text(std::string_view s);

    void maybe_flush() {
        if (sink_ != nullptr && out_.size() >= (1u << 16)) flush();
    }
    void flush() {
        if (sink_ == nullptr) return;
        sink_->write(out_.data(), static_cast<std::streamsize>(out_.size()));
        out_.clear();
    }

private:
    void escaped_valid(std::string_view s);
    std::string& out_;
    std::ostream* sink_;
};

void html_out::escaped_valid(std::string_view s) {
    for (const char c : s) {
        switch (c) {
            case '&': out_.append("&amp;"); break;
            case '<': out_.append("&lt;"); break;
            case '>': out_.append("&gt;"); break;
            case '"': out_.append("&quot;"); break;
            case '\'': out_.append("&#39;"); break;
            default: {
                const auto u = static_cast<unsigned char>(c);
                // TAB, LF and CR are text; other C0 controls and DEL are parse errors in HTML.
                if ((u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7F) out_.append("\xEF\xBF\xBD");
                else out_.push_back(c);
            }
        }
    }
}

html_out& html_out::text(std::string_view s) {
    while (!s.empty()) {
        const std::optional<std::size_t> bad = detail::find_invalid_utf8(s);
        if (!bad) {
            escaped_valid(s);
            break;
        }
        escaped_valid(s.substr(0, *bad));
        out_.append("\xEF\xBF\xBD");
        s.remove_prefix(*bad + 1);
    }
    return *this;
}

// ============================================================================
// What each cell fed
// ============================================================================

// The form field a cell fed. The order is the legend's.
enum class role : std::uint8_t {
    none = 0,
    field,    // header fields: label and value
    funds,    // a row of the funds block
    overall,  // the overall goal: label, planned, achieved
    goal,     // a numbered goal
    level1,   // 一级指标
    level2,   // 二级指标
    name,     // 三级指标
    target,
    actual,
    weight,
    score,
    total,    // 总分 / 自评等级
};

struct role_info {
    const char* css;    // class name, also used by the tests
    const char* label;  // the legend
    const char* color;  // background
};

// Light colours, so that the text stays readable and the merges' borders show.
constexpr std::array<role_info, 13> roles = {{
    {"", "", ""},
    {"f-field", "header field 表头", "#dbeafe"},
    {"f-funds", "funds row 资金", "#fef3c7"},
    {"f-overall", "overall goal 总体目标", "#e9d5ff"},
    {"f-goal", "goal 目标", "#f5d0fe"},
    {"f-level1", "level 1 一级指标", "#86efac"},
    {"f-level2", "level 2 二级指标", "#d9f99d"},
    {"f-name", "indicator 三级指标", "#fef08a"},
    {"f-target", "target 指标值", "#a5f3fc"},
    {"f-actual", "actual 实际完成值", "#fbcfe8"},
    {"f-weight", "weight 分值", "#e7e5e4"},
    {"f-score", "score 得分", "#fed7aa"},
    {"f-total", "total 总分", "#c7d2fe"},
}};

const role_info& info(role r) { return roles[static_cast<std::size_t>(r)]; }

// Rows of a merged label cell searched for the texts on its rows (the overall
// goal's label spans its header row and its text row).
constexpr std::uint32_t max_label_rows = 8;

struct mark {
    verdict v = verdict::unknown;
    std::string why;  // the tooltip
};

// What the page says about one grid cell beyond its text.
struct cell_note {
    role r = role::none;
    std::vector<mark> marks;
    std::vector<std::size_t> diags;  // indices into the document's diagnostic list
    int worst = -1;                  // the most severe of those, as an int; -1 none
};

struct table_notes {
    std::vector<cell_note> cells;  // parallel to grid::cells()
};

// A diagnostic of the document, with the form it came from (-1: the document's own).
struct listed_diag {
    const diagnostic* d;
    int form;
};

// The grid cell a location points at, as an index into the table's cells, or
// empty when the location is not inside a cell of `doc`. A location with a row
// and no column points at the row's first cell.
std::optional<std::uint32_t> cell_of(const document& doc, const location& at) {
    if (at.table < 0 || static_cast<std::size_t>(at.table) >= doc.tables.size() || at.row < 0) return std::nullopt;
    const grid& g = doc.tables[static_cast<std::size_t>(at.table)];
    const auto r = static_cast<std::uint32_t>(at.row);
    const auto c = static_cast<std::uint32_t>(std::max(at.col, 0));
    if (r >= g.rows() || c >= g.cols()) return std::nullopt;
    return g.index_at(r, c);
}

class annotator {
public:
    explicit annotator(const document& doc) : doc_(doc) {
        notes_.resize(doc.tables.size());
        for (std::size_t t = 0; t < doc.tables.size(); ++t) notes_[t].cells.resize(doc.tables[t].cells().size());
    }

    std::vector<table_notes> take() { return std::move(notes_); }

    // A cell's role, unless an earlier (more specific) item claimed it.
    void claim(const location& at, role r) {
        if (cell_note* n = note(at); n != nullptr && n->r == role::none) n->r = r;
    }

    // The first cell between columns `after` and `before` (both excluded; -1
    // for no bound), on the rows the cell at `row_of` spans, whose text
    // trimmed is `text`: where the labels and texts that keep no location of
    // their own are. At most `max_label_rows` rows are looked at, so that a
    // label merged over a whole hostile table costs no more than a few rows.
    std::optional<location> cell_in_row(const location& row_of, std::string_view text, int after, int before = -1) const {
        const std::optional<std::uint32_t> self = cell_of(doc_, row_of);
        if (!self) return std::nullopt;
        const std::string_view want = detail::trim(text);
        if (want.empty()) return std::nullopt;
        const grid& g = doc_.tables[static_cast<std::size_t>(row_of.table)];
        const grid_cell& from = g.cells()[*self];
        const std::uint32_t first_col = static_cast<std::uint32_t>(std::max(after + 1, 0));
        const std::uint32_t end_col = before < 0 ? g.cols() : std::min(g.cols(), static_cast<std::uint32_t>(before));
        const std::uint32_t end_row = from.row + std::min(from.rowspan, max_label_rows);
        for (std::uint32_t r = from.row; r < end_row; ++r)
            for (std::uint32_t c = first_col; c < end_col; ++c) {
                const grid_cell& x = g.at(r, c);
                if (detail::trim(x.text) != want) continue;
                location at = row_of;
                at.row = static_cast<int>(x.row);
                at.col = static_cast<int>(x.col);
                return at;
            }
        return std::nullopt;
    }

    // Claims the cell a value was read from (value::at) and returns it.
    std::optional<location> claim_value(const std::optional<value>& v, role r) {
        if (!v || !cell_of(doc_, v->at)) return std::nullopt;
        claim(v->at, r);
        return v->at;
    }

    void verdict_mark(const location& at, mark m) {
        if (cell_note* n = note(at)) n->marks.push_back(std::move(m));
    }

    void diag(const location& at, std::size_t index, severity s) {
        if (cell_note* n = note(at)) {
            n->diags.push_back(index);
            n->worst = std::max(n->worst, static_cast<int>(s));
        }
    }

private:
    cell_note* note(const location& at) {
        const std::optional<std::uint32_t> i = cell_of(doc_, at);
        if (!i) return nullptr;
        return &notes_[static_cast<std::size_t>(at.table)].cells[*i];
    }

    const document& doc_;
    std::vector<table_notes> notes_;
};

const char* verdict_mark_char(verdict v) {
    switch (v) {
        case verdict::met: return "\xE2\x9C\x93";      // ✓
        case verdict::not_met: return "\xE2\x9C\x97";  // ✗
        case verdict::unknown: break;
    }
    return "?";
}

// Why a verdict is unknown, for people (value.hpp has the full rules).
const char* reason_text(verdict_reason r) {
    switch (r) {
        case verdict_reason::none: return "";
        case verdict_reason::target_missing: return "the target cell is empty";
        case verdict_reason::actual_missing: return "the actual cell is empty";
        case verdict_reason::target_incomplete: return "the target is only a comparator";
        case verdict_reason::not_applicable: return "a side is marked not applicable (\xE2\x80\x94, /, 无)";
        case verdict_reason::kinds_differ: return "one side is a number, the other a text, a date or a grade";
        case verdict_reason::units_differ: return "the two sides have different units";
        case verdict_reason::scales_differ: return "the two sides are words of different scales";
        case verdict_reason::text_differs: return "two different texts: nothing says which is better";
        case verdict_reason::undecided: return "the actual neither surely meets nor surely misses the target";
        case verdict_reason::no_year: return "a date without a year, and the form gives none";
        case verdict_reason::polarity_unknown: return "no comparator, and lower may be better for this indicator";
    }
    return "";
}

std::string verdict_tooltip(const indicator& i) {
    std::string s;
    switch (i.judged) {
        case verdict::met: s = "met"; break;
        case verdict::not_met: s = "not met"; break;
        case verdict::unknown: s = "unknown"; break;
    }
    if (i.judged == verdict::unknown && i.why != verdict_reason::none) {
        s += " (";
        s += to_string(i.why);
        s += "): ";
        s += reason_text(i.why);
    } else {
        s += ": actual ";
        s += i.actual ? i.actual->raw : std::string("\xE2\x80\x94");
        s += " against target ";
        s += i.target ? i.target->raw : std::string("\xE2\x80\x94");
    }
    return s;
}

// Colours and marks for the cells of the forms of `doc`. The most specific
// items claim their cells first: names, values, labels, goals, the overall
// goal, funds, totals and header fields.
std::vector<table_notes> annotate(const document& doc, const std::vector<listed_diag>& diags) {
    annotator a(doc);
    for (const form& f : doc.forms) {
        // Names first: a name cell that also holds the target's comparator
        // ("残疾人满意度 … =") is the name's.
        for (const indicator& i : f.indicators) a.claim(i.at, role::name);
        for (const indicator& i : f.indicators) {
            a.claim_value(i.target, role::target);
            a.claim_value(i.adjusted_target, role::target);
            const std::optional<location> actual = a.claim_value(i.actual, role::actual);
            a.claim_value(i.weight, role::weight);
            a.claim_value(i.score, role::score);
            a.claim_value(i.score_ratio, role::score);
            // Level labels have no location of their own: the cells left of the
            // name, on its row, that hold them (merged cells cover the row).
            if (i.level2_raw)
                if (const auto at = a.cell_in_row(i.at, *i.level2_raw, -1, i.at.col)) a.claim(*at, role::level2);
            if (i.level1_raw)
                if (const auto at = a.cell_in_row(i.at, *i.level1_raw, -1, i.at.col)) a.claim(*at, role::level1);
            // The verdict beside the actual, or beside the name when there is no actual cell.
            a.verdict_mark(actual ? *actual : i.at, mark{i.judged, verdict_tooltip(i)});
        }
        for (const goal& g : f.goals) a.claim(g.at, role::goal);
        if (f.overall) {
            a.claim(f.overall->at, role::overall);
            for (const auto* s : {&f.overall->planned, &f.overall->achieved, &f.overall->adjusted})
                if (*s)
                    if (const auto at = a.cell_in_row(f.overall->at, **s, f.overall->at.col)) a.claim(*at, role::overall);
        }
        if (f.funds) {
            a.claim(f.funds->at, role::funds);
            for (const funds_row& row : f.funds->rows) {
                a.claim(row.at, role::funds);
                for (const auto* v : {&row.budget_initial, &row.budget, &row.executed, &row.rate, &row.weight, &row.score})
                    a.claim_value(*v, role::funds);
            }
        }
        a.claim_value(f.total.score, role::total);
        a.claim_value(f.total.weight, role::total);
        a.claim(f.total.at, role::total);
        for (const field& x : f.fields) {
            a.claim(x.at, role::field);
            // The label: the cell before the value on its row, when it says the label.
            if (const auto at = a.cell_in_row(x.at, x.label, -1, x.at.col)) a.claim(*at, role::field);
        }
    }
    for (std::size_t k = 0; k < diags.size(); ++k) a.diag(diags[k].d->at, k, diags[k].d->level);
    return a.take();
}

// ============================================================================
// The page
// ============================================================================

constexpr std::string_view style = R"css(
:root { --line: #9ca3af; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif; color: #111827; background: #fff; }
main { padding: 0 16px 32px; }
header.bar { position: sticky; top: 0; z-index: 10; background: #f9fafb; border-bottom: 1px solid #d1d5db; padding: 6px 16px; }
header.bar h1 { font-size: 16px; margin: 0 12px 0 0; display: inline; }
.legend { display: inline; font-size: 12px; }
.legend > span { display: inline-block; margin: 2px 6px 2px 0; padding: 0 6px; border: 1px solid var(--line); white-space: nowrap; }
.legend .note { border: none; color: #4b5563; }
nav.index table, table.forms { border-collapse: collapse; margin: 8px 0; }
nav.index td, nav.index th, table.forms td, table.forms th { border: 1px solid #d1d5db; padding: 2px 8px; text-align: left; }
section.doc { margin-top: 24px; border-top: 3px solid #374151; }
section.doc h2 { font-size: 17px; margin: 8px 0 4px; word-break: break-all; }
section.failed h2 { color: #b91c1c; }
.meta { color: #4b5563; margin: 0 0 8px; }
.status-ok { color: #15803d; } .status-errors { color: #b45309; } .status-failed { color: #b91c1c; font-weight: bold; }
.wrap { overflow-x: auto; margin: 8px 0 16px; }
table.grid { border-collapse: collapse; font-size: 13px; }
table.grid caption { text-align: left; font-weight: 600; padding: 4px 0; }
table.grid th { background: #f3f4f6; color: #6b7280; font-weight: normal; font-size: 11px; border: 1px solid #e5e7eb; padding: 0 3px; }
table.grid td { border: 1px solid var(--line); padding: 2px 5px; vertical-align: top; white-space: pre-wrap; overflow-wrap: anywhere; max-width: 26em; min-width: 1.5em; position: relative; }
table.grid td.inferred, .legend .inferred { outline: 1px dashed #4b5563; outline-offset: -3px; }
td.d0::after, td.d1::after, td.d2::after { content: ""; position: absolute; top: 0; right: 0; border-style: solid; border-width: 0 9px 9px 0; border-color: transparent #3b82f6 transparent transparent; }
td.d1::after { border-right-color: #f59e0b; }
td.d2::after { border-right-color: #dc2626; }
td[data-diags] { cursor: pointer; }
td:target, td.hl, li.hl { outline: 3px solid #e11d48; outline-offset: -2px; }
td.hl, li.hl { animation: flash 0.6s 2; }
@keyframes flash { 50% { outline-color: transparent; } }
.v { font-weight: bold; margin-left: 4px; cursor: help; }
.v-met { color: #15803d; } .v-not_met { color: #b91c1c; } .v-unknown { color: #6b7280; }
a.nested { font-size: 11px; margin-left: 4px; }
ol.diags { padding-left: 2.5em; font-size: 13px; }
ol.diags li { margin: 1px 0; }
.sev { display: inline-block; min-width: 4.5em; font-weight: 600; }
.sev-info .sev { color: #2563eb; } .sev-warning .sev { color: #b45309; } .sev-error .sev { color: #b91c1c; }
ol.diags code { color: #374151; }
.zh { color: #4b5563; }
.where { display: inline-block; min-width: 5em; font-family: ui-monospace, monospace; font-size: 12px; }
.error-box { background: #fef2f2; border: 1px solid #fca5a5; padding: 8px; }
footer { color: #6b7280; font-size: 12px; padding: 8px 16px; }
@media print {
  header.bar { position: static; border: none; background: none; }
  .wrap { overflow: visible; }
  table.grid { font-size: 9pt; }
  table.grid td { max-width: 18em; }
  table.grid thead { display: table-header-group; }
  table.grid tr { break-inside: avoid; }
  section.doc { break-before: page; border-top: none; }
  td:target, td.hl, li.hl { outline: none; animation: none; }
  a { color: inherit; text-decoration: none; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
)css";

// Clicking a diagnostic highlights its cell and scrolls to it; clicking a
// marked cell goes to its first diagnostic. Without the script the links
// still work, as fragment links (:target).
constexpr std::string_view script = R"js(
(function () {
  function show(el) {
    document.querySelectorAll('.hl').forEach(function (x) { x.classList.remove('hl'); });
    el.classList.add('hl');
    el.scrollIntoView({block: 'center', inline: 'center'});
  }
  document.addEventListener('click', function (e) {
    var a = e.target.closest('a.cell-link');
    if (a) {
      var cell = document.getElementById(a.getAttribute('href').slice(1));
      if (cell) { e.preventDefault(); show(cell); history.replaceState(null, '', a.getAttribute('href')); }
      return;
    }
    var td = e.target.closest('td[data-diags]');
    if (td && !e.target.closest('a')) {
      var li = document.getElementById(td.getAttribute('data-diags').split(' ')[0]);
      if (li) show(li);
    }
  });
})();
)js";

// Ids: "d<doc>" a document's section, "d<doc>-t<table>" a grid,
// "d<doc>-t<table>-c<cell>" a cell, "d<doc>-g<k>" a diagnostic.
std::string cell_id(std::size_t doc, std::size_t table, std::size_t cell) {
    return "d" + std::to_string(doc) + "-t" + std::to_string(table) + "-c" + std::to_string(cell);
}
std::string diag_id(std::size_t doc, std::size_t k) {
    std::string id = "d";  // appended, not "d" + …: GCC 12 at -O3 warns falsely (-Wrestrict) on that
    id += std::to_string(doc);
    id += "-g";
    id += std::to_string(k);
    return id;
}

// Every diagnostic of a document: its own, then each form's.
std::vector<listed_diag> list_diagnostics(const document& doc) {
    std::vector<listed_diag> out;
    for (const diagnostic& d : doc.diags) out.push_back({&d, -1});
    for (std::size_t f = 0; f < doc.forms.size(); ++f)
        for (const diagnostic& d : doc.forms[f].diags) out.push_back({&d, static_cast<int>(f)});
    return out;
}

struct counts {
    std::size_t by_level[3] = {0, 0, 0};
};

counts count(const std::vector<listed_diag>& diags) {
    counts c;
    for (const listed_diag& x : diags) {
        const int l = std::clamp(static_cast<int>(x.d->level), 0, 2);
        ++c.by_level[l];
    }
    return c;
}

void legend(html_out& o) {
    o.raw("<div class=\"legend\">");
    for (std::size_t r = 1; r < roles.size(); ++r)
        o.raw("<span class=\"").raw(roles[r].css).raw("\">").text(roles[r].label).raw("</span>");
    o.raw("<span class=\"inferred\">span inferred</span>");
    o.raw("<span class=\"note\"><span class=\"v v-met\">\xE2\x9C\x93</span> met "
          "<span class=\"v v-not_met\">\xE2\x9C\x97</span> not met <span class=\"v v-unknown\">?</span> unknown "
          "(hover for why) \xC2\xB7 \xE2\x97\xA5 cell with diagnostics (click: go to them)</span>");
    o.raw("</div>");
}

void index_of(html_out& o, const std::vector<report_input>& inputs) {
    o.raw("<nav class=\"index\"><table><thead><tr><th>#</th><th>file</th><th>format</th><th>status</th><th>forms</th>"
          "<th>tables</th><th>errors</th><th>warnings</th><th>info</th></tr></thead><tbody>\n");
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const report_input& in = inputs[i];
        o.raw("<tr><td>").num(static_cast<std::uint64_t>(i + 1)).raw("</td><td><a href=\"#d").num(static_cast<std::uint64_t>(i))
            .raw("\">").text(in.path).raw("</a></td>");
        if (in.doc == nullptr) {
            o.raw("<td></td><td class=\"status-failed\">not read: ").text(to_string(in.failure.code))
                .raw("</td><td></td><td></td><td></td><td></td><td></td></tr>\n");
            continue;
        }
        const counts c = count(list_diagnostics(*in.doc));
        const bool errors = in.doc->has_errors();
        o.raw("<td>").text(in.doc->source.format).raw("</td><td class=\"").raw(errors ? "status-errors" : "status-ok").raw("\">")
            .raw(errors ? "read with errors" : "read").raw("</td><td>").num(static_cast<std::uint64_t>(in.doc->forms.size()))
            .raw("</td><td>").num(static_cast<std::uint64_t>(in.doc->tables.size())).raw("</td><td>")
            .num(static_cast<std::uint64_t>(c.by_level[2])).raw("</td><td>").num(static_cast<std::uint64_t>(c.by_level[1]))
            .raw("</td><td>").num(static_cast<std::uint64_t>(c.by_level[0])).raw("</td></tr>\n");
    }
    o.raw("</tbody></table></nav>\n");
}

void opt_cell(html_out& o, const std::optional<std::string>& s) {
    o.raw("<td>");
    if (s) o.text(*s);
    o.raw("</td>");
}

void forms_summary(html_out& o, std::size_t d, const document& doc) {
    if (doc.forms.empty()) {
        o.raw("<p class=\"meta\">No form recognized in the tables.</p>\n");
        return;
    }
    o.raw("<table class=\"forms\"><thead><tr><th>form</th><th>table</th><th>kind</th><th>family</th><th>title</th><th>year</th>"
          "<th>unit</th><th>project</th><th>indicators</th><th>\xE2\x9C\x93</th><th>\xE2\x9C\x97</th><th>?</th>"
          "<th>total</th><th>grade</th></tr></thead><tbody>\n");
    for (std::size_t k = 0; k < doc.forms.size(); ++k) {
        const form& f = doc.forms[k];
        std::size_t by[3] = {0, 0, 0};
        for (const indicator& i : f.indicators) ++by[static_cast<int>(i.judged) % 3];
        o.raw("<tr><td>").num(static_cast<std::uint64_t>(k + 1)).raw("</td><td>");
        if (f.table >= 0 && static_cast<std::size_t>(f.table) < doc.tables.size())
            o.raw("<a href=\"#d").num(static_cast<std::uint64_t>(d)).raw("-t").num(f.table).raw("\">").num(f.table + 1).raw("</a>");
        o.raw("</td><td>").raw(to_string(f.kind)).raw("</td><td>").text(f.family).raw("</td>");
        opt_cell(o, f.title);
        o.raw("<td>");
        if (f.year) o.num(*f.year);
        o.raw("</td>");
        opt_cell(o, f.header.unit);
        opt_cell(o, f.header.project);
        o.raw("<td>").num(static_cast<std::uint64_t>(f.indicators.size())).raw("</td><td>")
            .num(static_cast<std::uint64_t>(by[static_cast<int>(verdict::met)])).raw("</td><td>")
            .num(static_cast<std::uint64_t>(by[static_cast<int>(verdict::not_met)])).raw("</td><td>")
            .num(static_cast<std::uint64_t>(by[static_cast<int>(verdict::unknown)])).raw("</td><td>");
        if (f.total.score) o.text(f.total.score->raw);
        o.raw("</td>");
        opt_cell(o, f.total.grade);
        o.raw("</tr>\n");
    }
    o.raw("</tbody></table>\n");
}

void draw_table(html_out& o, std::size_t d, const document& doc, std::size_t t, const table_notes& notes,
                const std::vector<listed_diag>& diags) {
    const grid& g = doc.tables[t];
    const std::vector<grid_cell>& cells = g.cells();
    o.raw("<div class=\"wrap\"><table class=\"grid\" id=\"d").num(static_cast<std::uint64_t>(d)).raw("-t")
        .num(static_cast<std::uint64_t>(t)).raw("\" data-rows=\"").num(static_cast<std::uint64_t>(g.rows()))
        .raw("\" data-cols=\"").num(static_cast<std::uint64_t>(g.cols())).raw("\" data-cells=\"")
        .num(static_cast<std::uint64_t>(cells.size())).raw("\"><caption>Table ").num(static_cast<std::uint64_t>(t + 1))
        .raw(" \xC2\xB7 ").num(static_cast<std::uint64_t>(g.rows())).raw(" rows \xC3\x97 ").num(static_cast<std::uint64_t>(g.cols()))
        .raw(" columns \xC2\xB7 ").num(static_cast<std::uint64_t>(cells.size())).raw(" cells");
    for (std::size_t f = 0; f < doc.forms.size(); ++f)
        if (doc.forms[f].table == static_cast<int>(t)) o.raw(" \xC2\xB7 form ").num(static_cast<std::uint64_t>(f + 1));
    o.raw("</caption>\n<thead><tr><th></th>");
    for (std::uint32_t c = 0; c < g.cols(); ++c) o.raw("<th>").num(static_cast<std::uint64_t>(c + 1)).raw("</th>");
    o.raw("</tr></thead>\n<tbody>\n");
    std::size_t k = 0;  // cells are ordered by anchor (row, col)
    for (std::uint32_t r = 0; r < g.rows(); ++r) {
        o.raw("<tr><th>").num(static_cast<std::uint64_t>(r + 1)).raw("</th>");
        for (; k < cells.size() && cells[k].row <= r; ++k) {
            const grid_cell& x = cells[k];
            // A cell that does not hold its own anchor slot (one a caller's grid
            // put over another) would shift the row: left out.
            if (x.row != r || x.col >= g.cols() || g.index_at(r, x.col) != k) continue;
            const cell_note& n = notes.cells[k];
            o.raw("<td id=\"").raw(cell_id(d, t, k)).raw("\" class=\"cell");
            if (n.r != role::none) o.raw(" ").raw(info(n.r).css);
            if (x.inferred) o.raw(" inferred");
            if (n.worst >= 0) o.raw(" d").num(n.worst);
            o.raw("\"");
            if (x.rowspan > 1) o.raw(" rowspan=\"").num(static_cast<std::uint64_t>(x.rowspan)).raw("\"");
            if (x.colspan > 1) o.raw(" colspan=\"").num(static_cast<std::uint64_t>(x.colspan)).raw("\"");
            // The tooltip: the field, where the cell is, and its diagnostics.
            o.raw(" title=\"");
            if (n.r != role::none) o.text(info(n.r).label).raw(" \xC2\xB7 ");
            o.raw("R").num(static_cast<std::uint64_t>(x.row + 1)).raw("C").num(static_cast<std::uint64_t>(x.col + 1));
            for (const std::size_t i : n.diags)
                o.raw("\n").raw(to_string(diags[i].d->level)).raw(" ").text(diags[i].d->code).raw(": ").text(diags[i].d->message);
            o.raw("\"");
            if (!n.diags.empty()) {
                o.raw(" data-diags=\"");
                for (std::size_t j = 0; j < n.diags.size(); ++j) o.raw(j ? " " : "").raw(diag_id(d, n.diags[j]));
                o.raw("\"");
            }
            o.raw(">").text(x.text);
            for (const mark& m : n.marks)
                o.raw("<span class=\"v v-").raw(to_string(m.v)).raw("\" title=\"").text(m.why).raw("\">").raw(verdict_mark_char(m.v)).raw("</span>");
            for (const std::uint32_t nt : x.nested)
                if (nt < doc.tables.size())
                    o.raw("<a class=\"nested\" href=\"#d").num(static_cast<std::uint64_t>(d)).raw("-t").num(static_cast<std::uint64_t>(nt))
                        .raw("\">\xE2\x86\xB3 table ").num(static_cast<std::uint64_t>(nt + 1)).raw("</a>");
            o.raw("</td>");
        }
        o.raw("</tr>\n");
        o.maybe_flush();
    }
    o.raw("</tbody></table></div>\n");
}

// table:row:col counted from 1, as `jixiao check` writes them; or the line.
void where(html_out& o, const location& at) {
    if (at.table >= 0) {
        o.num(at.table + 1);
        if (at.row >= 0) o.raw(":").num(at.row + 1);
        if (at.row >= 0 && at.col >= 0) o.raw(":").num(at.col + 1);
    } else if (at.line > 0) {
        o.raw("line ").num(at.line);
    } else if (at.offset != location::npos) {
        o.raw("byte ").num(at.offset);
    } else {
        o.raw("\xE2\x80\x94");
    }
}

void diagnostics_list(html_out& o, std::size_t d, const document& doc, const std::vector<listed_diag>& diags) {
    o.raw("<h3>Diagnostics (").num(static_cast<std::uint64_t>(diags.size())).raw(")</h3>\n");
    if (diags.empty()) return;
    o.raw("<ol class=\"diags\">\n");
    for (std::size_t k = 0; k < diags.size(); ++k) {
        const diagnostic& x = *diags[k].d;
        o.raw("<li id=\"").raw(diag_id(d, k)).raw("\" class=\"sev-").raw(to_string(x.level)).raw("\">");
        if (const std::optional<std::uint32_t> c = cell_of(doc, x.at)) {
            o.raw("<a class=\"where cell-link\" href=\"#").raw(cell_id(d, static_cast<std::size_t>(x.at.table), *c)).raw("\">");
            where(o, x.at);
            o.raw("</a>");
        } else {
            o.raw("<span class=\"where\">");
            where(o, x.at);
            o.raw("</span>");
        }
        o.raw(" <span class=\"sev\">").raw(to_string(x.level)).raw("</span> <code>").text(x.code).raw("</code> ");
        if (diags[k].form >= 0) o.raw("[form ").num(diags[k].form + 1).raw("] ");
        o.text(x.message);
        if (!x.message_zh.empty()) o.raw(" <span class=\"zh\" lang=\"zh\">").text(x.message_zh).raw("</span>");
        o.raw("</li>\n");
        o.maybe_flush();
    }
    o.raw("</ol>\n");
}

void document_section(html_out& o, std::size_t d, const report_input& in) {
    o.raw("<section class=\"doc");
    if (in.doc == nullptr) o.raw(" failed");
    o.raw("\" id=\"d").num(static_cast<std::uint64_t>(d)).raw("\">\n<h2>").num(static_cast<std::uint64_t>(d + 1)).raw(". ")
        .text(in.path).raw("</h2>\n");
    if (in.doc == nullptr) {
        o.raw("<p class=\"error-box\"><span class=\"status-failed\">could not be read</span> (<code>").raw(to_string(in.failure.code))
            .raw("</code>): ").text(in.failure.message).raw("</p>\n</section>\n");
        return;
    }
    const document& doc = *in.doc;
    const std::vector<listed_diag> diags = list_diagnostics(doc);
    const std::vector<table_notes> notes = annotate(doc, diags);
    const bool errors = doc.has_errors();
    o.raw("<p class=\"meta\">format <b>").text(doc.source.format).raw("</b>");
    if (!doc.source.encoding.empty()) o.raw(" \xC2\xB7 encoding ").text(doc.source.encoding);
    if (!doc.source.part.empty()) o.raw(" \xC2\xB7 part ").text(doc.source.part);
    o.raw(" \xC2\xB7 status <span class=\"").raw(errors ? "status-errors" : "status-ok").raw("\">")
        .raw(errors ? "read with errors" : "read").raw("</span> \xC2\xB7 ").num(static_cast<std::uint64_t>(doc.tables.size()))
        .raw(doc.tables.size() == 1 ? " table" : " tables").raw("</p>\n");
    forms_summary(o, d, doc);
    for (std::size_t t = 0; t < doc.tables.size(); ++t) draw_table(o, d, doc, t, notes[t], diags);
    diagnostics_list(o, d, doc, diags);
    o.raw("</section>\n");
    o.maybe_flush();
}

void report(html_out& o, const std::vector<report_input>& inputs, const report_options& opts) {
    o.raw("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
          "<meta name=\"generator\" content=\"jixiao ").raw(version()).raw("\">\n<title>").text(opts.title).raw("</title>\n<style>")
        .raw(style);
    for (std::size_t r = 1; r < roles.size(); ++r) o.raw(".").raw(roles[r].css).raw(" { background: ").raw(roles[r].color).raw("; }\n");
    o.raw("</style>\n</head>\n<body>\n<header class=\"bar\"><h1>").text(opts.title).raw("</h1>");
    legend(o);
    o.raw("</header>\n<main>\n");
    index_of(o, inputs);
    for (std::size_t d = 0; d < inputs.size(); ++d) document_section(o, d, inputs[d]);
    o.raw("</main>\n<footer>jixiao ").raw(version()).raw("</footer>\n<script>").raw(script).raw("</script>\n</body>\n</html>\n");
}

}  // namespace

std::string to_report(const std::vector<report_input>& inputs, const report_options& opts) {
    std::string out;
    html_out o(out, nullptr);
    report(o, inputs, opts);
    return out;
}

void write_report(std::ostream& out, const std::vector<report_input>& inputs, const report_options& opts) {
    std::string buffer;
    html_out o(buffer, &out);
    report(o, inputs, opts);
    o.flush();
}

}  // namespace v0
}  // namespace jixiao
