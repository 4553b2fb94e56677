// The text writer: grids drawn as boxes, forms listed field by field.
//
// Output is for people reading a terminal, so alignment is by display width
// (CJK counts two columns) and every cell is kept to one line; it is not a
// format to parse back.
#include <jixiao/write.hpp>

#include "detail/utf8.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao {
inline namespace v0 {
namespace {

// Wider cells would push the whole table off any terminal; one over-long note
// should not make the rest of the grid unreadable.
constexpr std::size_t max_cell_width = 40;

constexpr std::string_view ellipsis = "…";
constexpr std::string_view absent = "—";

// `s` on one line: each line trimmed, non-empty lines joined with a space, and
// control characters (tabs above all) turned into spaces, since a character the
// terminal does not advance by its display width would break the box alignment.
std::string one_line(std::string_view s) {
    std::string out;
    std::size_t start = 0;
    while (start <= s.size()) {
        std::size_t end = s.find('\n', start);
        if (end == std::string_view::npos) end = s.size();
        const std::string_view line = detail::trim(s.substr(start, end - start));
        if (!line.empty()) {
            if (!out.empty()) out += ' ';
            out.append(line);
        }
        start = end + 1;
    }
    for (char& ch : out) {
        const auto u = static_cast<unsigned char>(ch);
        if (u < 0x20 || u == 0x7F) ch = ' ';
    }
    return out;
}

// At most `max_cell_width` display columns, cut at a code point boundary with
// an ellipsis marking the cut.
std::string cap_width(std::string s) {
    if (detail::display_width(s) <= max_cell_width) return s;
    const std::size_t budget = max_cell_width - detail::display_width(ellipsis);
    std::size_t width = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t next = i;
        detail::next_code_point(s, next);
        const std::size_t w = detail::display_width(std::string_view(s).substr(i, next - i));
        if (width + w > budget) break;
        width += w;
        i = next;
    }
    s.resize(i);
    s.append(ellipsis);
    return s;
}

std::string cell_text(std::string_view raw) { return cap_width(one_line(raw)); }

void append_padded(std::string& out, std::string_view text, std::size_t width) {
    out.append(text);
    const std::size_t w = detail::display_width(text);
    if (w < width) out.append(width - w, ' ');
}

// Box-drawing junction for the arms that meet at a line crossing. A single arm
// cannot occur in a grid of rectangles (a line cannot end in the middle of a
// cell), but is drawn as the straight line it belongs to all the same.
std::string_view junction(bool up, bool down, bool left, bool right) {
    const unsigned key = (up ? 8u : 0u) | (down ? 4u : 0u) | (left ? 2u : 0u) | (right ? 1u : 0u);
    switch (key) {
    case 0b0000: return " ";
    case 0b1000:
    case 0b0100:
    case 0b1100: return "│";
    case 0b0010:
    case 0b0001:
    case 0b0011: return "─";
    case 0b0101: return "┌";
    case 0b0110: return "┐";
    case 0b1001: return "└";
    case 0b1010: return "┘";
    case 0b1101: return "├";
    case 0b1110: return "┤";
    case 0b0111: return "┬";
    case 0b1011: return "┴";
    default: return "┼";
    }
}

// Everything about a grid that the drawing needs, computed once from the slot
// table so that the lines drawn always agree with the slots.
class grid_drawer {
public:
    explicit grid_drawer(const grid& g) : g_(g), rows_(g.rows()), cols_(g.cols()) {
        const std::size_t n = g.cells().size();
        texts_.reserve(n);
        for (const grid_cell& c : g.cells()) texts_.push_back(cell_text(c.text));
        size_columns();
    }

    std::string draw() const {
        std::string out;
        for (std::uint32_t r = 0; r <= rows_; ++r) {
            draw_rule(out, r);
            if (r < rows_) draw_row(out, r);
        }
        return out;
    }

private:
    // Columns come from the slots (first and last column each cell covers), not
    // from the cells' declared spans, so the widths match the runs drawn below.
    void size_columns() {
        const std::size_t n = g_.cells().size();
        std::vector<std::uint32_t> first(n, cols_);
        std::vector<std::uint32_t> last(n, 0);
        for (std::uint32_t r = 0; r < rows_; ++r) {
            for (std::uint32_t c = 0; c < cols_; ++c) {
                const std::uint32_t i = g_.index_at(r, c);
                first[i] = std::min(first[i], c);
                last[i] = std::max(last[i], c);
            }
        }
        widths_.assign(cols_, 0);
        std::vector<std::size_t> spanning;
        for (std::size_t i = 0; i < n; ++i) {
            if (first[i] > last[i]) continue;  // covers no slot: nothing to draw
            if (first[i] == last[i]) widths_[first[i]] = std::max(widths_[first[i]], detail::display_width(texts_[i]));
            else spanning.push_back(i);
        }
        // Narrow spans first: a wide span then sees the growth narrow ones caused
        // and grows less. Growing only ever widens, so every earlier cell still fits.
        std::stable_sort(spanning.begin(), spanning.end(),
                         [&](std::size_t a, std::size_t b) { return last[a] - first[a] < last[b] - first[b]; });
        for (const std::size_t i : spanning) {
            const std::size_t have = span_width(first[i], last[i] + 1);
            const std::size_t need = detail::display_width(texts_[i]);
            if (need > have) widths_[last[i]] += need - have;
        }
    }

    // Text width available to a cell over columns [from, to): the columns plus,
    // for each inner separator dropped, its bar and the two padding spaces.
    std::size_t span_width(std::uint32_t from, std::uint32_t to) const {
        std::size_t w = 0;
        for (std::uint32_t c = from; c < to; ++c) w += widths_[c];
        return w + 3 * (to - from - 1);
    }

    // A vertical line at column boundary c (0..cols) in row r.
    bool vertical(std::uint32_t r, std::uint32_t c) const {
        return c == 0 || c == cols_ || g_.index_at(r, c - 1) != g_.index_at(r, c);
    }

    // A horizontal segment above row r (0..rows) in column c.
    bool horizontal(std::uint32_t r, std::uint32_t c) const {
        return r == 0 || r == rows_ || g_.index_at(r - 1, c) != g_.index_at(r, c);
    }

    void draw_rule(std::string& out, std::uint32_t r) const {
        for (std::uint32_t c = 0; c <= cols_; ++c) {
            const bool up = r > 0 && vertical(r - 1, c);
            const bool down = r < rows_ && vertical(r, c);
            const bool left = c > 0 && horizontal(r, c - 1);
            const bool right = c < cols_ && horizontal(r, c);
            out.append(junction(up, down, left, right));
            if (c == cols_) break;
            const std::size_t w = widths_[c] + 2;
            if (right) {
                for (std::size_t k = 0; k < w; ++k) out.append("─");
            } else {
                out.append(w, ' ');  // a merged cell continues through this line
            }
        }
        out += '\n';
    }

    void draw_row(std::string& out, std::uint32_t r) const {
        out.append("│");
        std::uint32_t c = 0;
        while (c < cols_) {
            const std::uint32_t i = g_.index_at(r, c);
            std::uint32_t end = c + 1;
            while (end < cols_ && g_.index_at(r, end) == i) ++end;
            // A row-spanning cell shows its text in its first row only.
            const bool first_row = r == 0 || g_.index_at(r - 1, c) != i;
            out += ' ';
            append_padded(out, first_row ? std::string_view(texts_[i]) : std::string_view(), span_width(c, end));
            out += ' ';
            out.append("│");
            c = end;
        }
        out += '\n';
    }

    const grid& g_;
    std::uint32_t rows_;
    std::uint32_t cols_;
    std::vector<std::string> texts_;
    std::vector<std::size_t> widths_;
};

// --- the form listing ---------------------------------------------------------

std::string opt_text(const std::optional<std::string>& s) { return s ? one_line(*s) : std::string(absent); }

std::string opt_value(const std::optional<value>& v) { return v ? one_line(v->raw) : std::string(absent); }

void append_diagnostic(std::string& out, std::string_view indent, const diagnostic& d) {
    out.append(indent);
    out.append(to_string(d.level));
    out += ' ';
    out.append(d.code);
    out.append(" line ");
    out.append(d.at.line > 0 ? std::to_string(d.at.line) : std::string(absent));
    out.append(": ");
    out.append(one_line(d.message));
    out += '\n';
}

void append_diagnostics(std::string& out, std::string_view indent, const diagnostics& ds) {
    if (ds.empty()) {
        out.append(indent);
        out.append("(none)\n");
        return;
    }
    for (const diagnostic& d : ds) append_diagnostic(out, indent, d);
}

void append_funds(std::string& out, const funds_block& funds) {
    out.append("  funds");
    if (!funds.unit.empty()) {
        out.append(" (");
        out.append(funds.unit);
        out += ')';
    }
    out.append(":\n");
    for (const funds_row& row : funds.rows) {
        out.append("    ");
        out.append(one_line(row.label));
        out.append(": budget_initial ");
        out.append(opt_value(row.budget_initial));
        out.append(" | budget ");
        out.append(opt_value(row.budget));
        out.append(" | executed ");
        out.append(opt_value(row.executed));
        out.append(" | rate ");
        out.append(opt_value(row.rate));
        out.append(" | weight ");
        out.append(opt_value(row.weight));
        out.append(" | score ");
        out.append(opt_value(row.score));
        out.append(" | note ");
        out.append(opt_text(row.note));
        out += '\n';
    }
}

const goal* find_goal(const form& f, const std::string& label) {
    for (const goal& g : f.goals) {
        if (g.label == label) return &g;
    }
    return nullptr;
}

// Indicators one per line, with a heading each time the goal or the level
// pair changes, so a run of indicators under one heading reads as a group.
void append_indicators(std::string& out, const form& f) {
    out.append("  indicators:\n");
    if (f.indicators.empty()) {
        out.append("    (none)\n");
        return;
    }
    const bool by_goal = std::any_of(f.indicators.begin(), f.indicators.end(),
                                     [](const indicator& x) { return x.goal.has_value(); });
    const std::string_view level_indent = by_goal ? "      " : "    ";
    const std::string item_indent = std::string(level_indent) + "  ";
    const indicator* prev = nullptr;
    for (const indicator& x : f.indicators) {
        const bool new_goal = by_goal && (prev == nullptr || prev->goal != x.goal);
        if (new_goal) {
            out.append("    goal ");
            out.append(opt_text(x.goal));
            const goal* g = x.goal ? find_goal(f, *x.goal) : nullptr;
            if (g != nullptr && g->text) {
                out.append(": ");
                out.append(one_line(*g->text));
            }
            out += '\n';
        }
        if (new_goal || prev == nullptr || prev->level1 != x.level1 || prev->level2 != x.level2) {
            out.append(level_indent);
            out.append(opt_text(x.level1));
            out.append(" / ");
            out.append(opt_text(x.level2));
            out += '\n';
        }
        out.append(item_indent);
        out.append(opt_text(x.name));
        out.append(" | ");
        out.append(opt_value(x.target));
        out.append(" | ");
        out.append(opt_value(x.actual));
        out.append(" | ");
        out.append(to_string(x.judged));
        if (x.why != verdict_reason::none) {
            out.append(" (");
            out.append(to_string(x.why));
            out.append(")");
        }
        out += '\n';
        prev = &x;
    }
}

void append_form(std::string& out, std::size_t index, const form& f) {
    out.append("form ");
    out.append(std::to_string(index));
    out.append(": ");
    out.append(to_string(f.kind));
    out += '\n';
    out.append("  title: ");
    out.append(opt_text(f.title));
    out.append("\n  year: ");
    out.append(f.year ? std::to_string(*f.year) : std::string(absent));
    out.append("\n  table: ");
    out.append(f.table >= 0 ? std::to_string(f.table) : std::string(absent));
    out.append("\n  fields:\n");
    if (f.fields.empty()) out.append("    (none)\n");
    for (const field& fd : f.fields) {
        out.append("    ");
        out.append(one_line(fd.label));
        out.append(": ");
        out.append(opt_text(fd.value));
        out += '\n';
    }
    if (f.funds) {
        append_funds(out, *f.funds);
    } else {
        out.append("  funds: ");
        out.append(absent);
        out += '\n';
    }
    out.append("  overall goal:\n    planned: ");
    out.append(f.overall ? opt_text(f.overall->planned) : std::string(absent));
    out.append("\n    achieved: ");
    out.append(f.overall ? opt_text(f.overall->achieved) : std::string(absent));
    out += '\n';
    append_indicators(out, f);
    out.append("  total: score ");
    out.append(opt_value(f.total.score));
    out.append(" | grade ");
    out.append(opt_text(f.total.grade));
    out.append("\n  diagnostics:\n");
    append_diagnostics(out, "    ", f.diags);
}

}  // namespace

std::string draw_grid(const grid& g) {
    if (g.rows() == 0 || g.cols() == 0) return "(empty table)\n";
    return grid_drawer(g).draw();
}

std::string to_text(const document& doc) {
    std::string out;
    for (std::size_t i = 0; i < doc.tables.size(); ++i) {
        const grid& g = doc.tables[i];
        out.append("table ");
        out.append(std::to_string(i));
        out.append(": ");
        out.append(std::to_string(g.rows()));
        out.append("×");
        out.append(std::to_string(g.cols()));
        out += '\n';
        out.append(draw_grid(g));
        out += '\n';
    }
    for (std::size_t i = 0; i < doc.forms.size(); ++i) {
        append_form(out, i, doc.forms[i]);
        out += '\n';
    }
    out.append("diagnostics:\n");
    append_diagnostics(out, "  ", doc.diags);
    return out;
}

}  // namespace v0
}  // namespace jixiao
