// build_grid: raw tables to rectangular grids.
//
// Declared spans (docx) are placed as written. Lost spans (text copy-outs)
// are inferred in three steps:
//   1. rows of only bare cells are dropped: they continue everything above
//      and add nothing;
//   2. rows shorter than the grid are given horizontal spans by aligning their
//      cells with the table's columns (dynamic programming over the column
//      edges, below); consecutive rows with equal cell counts share edges; the
//      bare cells of a complete row below place a two-row header;
//   3. top-down, a bare cell that lines up exactly with a cell above extends it.
// Every guess becomes an info diagnostic.
#include <jixiao/grid.hpp>
#include <jixiao/value.hpp>

#include "detail/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <unordered_map>

namespace jixiao {
inline namespace v0 {

namespace {

// ---------------------------------------------------------------------------
// What kind of text a cell holds. Column profiles count these.
enum class kind : std::uint8_t { blank, label, value, name, text, count_ };
constexpr std::size_t n_kinds = static_cast<std::size_t>(kind::count_);

std::size_t code_points(std::string_view s) {
    std::size_t n = 0;
    for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return n;
}

bool ends_with(std::string_view s, std::string_view x) { return s.size() >= x.size() && s.substr(s.size() - x.size()) == x; }
bool starts_with(std::string_view s, std::string_view x) { return s.size() >= x.size() && s.substr(0, x.size()) == x; }

// Short qualitative words that fill value columns (良好, 长期 …). A value
// column's profile is what matters, so the list only needs the common ones.
bool is_grade_word(std::string_view s) {
    static constexpr std::array<std::string_view, 24> words = {
        "好", "良好", "较好", "一般", "较差", "差", "优", "良", "中", "优秀", "高", "较高", "低",
        "长期", "持续", "是", "否", "完成", "已完成", "达成", "达标", "合格", "满意", "无"};
    return std::find(words.begin(), words.end(), s) != words.end();
}

// A comparator typed at the end of a cell ("残疾人满意度 … =") means the cell
// swallowed the value column next to it.
bool ends_with_comparator(std::string_view t) {
    for (std::string_view op : {"=", "＝", "≥", "≤", ">", "<", "＞", "＜", ">=", "<="})
        if (ends_with(t, op) && t.size() > op.size()) return true;
    return false;
}

kind classify(std::string_view raw) {
    const std::string_view t = detail::trim(raw);
    if (t.empty()) return kind::blank;
    const std::size_t n = code_points(t);
    if (starts_with(t, "目标") && n <= 4) return kind::label;  // 目标1 … 目标12
    if (ends_with(t, "指标")) return kind::label;
    diagnostics scratch;
    const value v = parse_value(t, location{}, scratch);
    if (v.number || (v.op != comparator::none && n <= 12) || is_grade_word(t)) return kind::value;
    if (n > 30) return kind::text;
    bool digit = false;
    for (char c : t) digit |= (c >= '0' && c <= '9');
    if (n <= 8 && !digit) return kind::label;
    return kind::name;
}

// ---------------------------------------------------------------------------
// Placement of one row's cells: [start, end) columns for each cell.
struct span {
    std::uint32_t start = 0, end = 0;
};

// Scoring weights, in the units of the log-probabilities of the profiles.
constexpr double smoothing = 0.5;       // Laplace smoothing of column profiles
constexpr double bare_aligned = 3.0;    // a bare cell lines up with a cell above it
constexpr double op_explained = 2.0;    // a trailing comparator whose cell spans a value column
constexpr double bare_below_fits = 3.0; // a bare cell in the complete row below lines up with a one-column cell
// Work limits of the alignment, so a hostile table cannot make it slow: the
// DP costs about cells × columns² per group of rows. Past `max_dp_cols`
// columns, or once `max_dp_work` steps are spent on a table, rows are placed
// left to right (the last cell spanning the rest) with a warning.
constexpr std::uint32_t max_dp_cols = 256;
constexpr std::uint64_t max_dp_work = 50'000'000;

class aligner {
public:
    aligner(const std::vector<const raw_row*>& rows, std::uint32_t width) : rows_(rows), width_(width) {
        // Profiles from the rows that fill the grid: there every cell is one column.
        std::vector<std::array<double, n_kinds>> counts(width, std::array<double, n_kinds>{});
        kinds_.resize(rows.size());
        // Texts repeat down a table (units, comparators, 是, 100%): each is classified once.
        std::unordered_map<std::string_view, kind> seen;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            kinds_[r].reserve(rows[r]->cells.size());
            for (const raw_cell& c : rows[r]->cells) {
                const auto [it, fresh] = seen.try_emplace(c.text, kind::blank);
                if (fresh) it->second = classify(c.text);
                kinds_[r].push_back(it->second);
            }
            if (rows[r]->cells.size() != width) continue;
            for (std::uint32_t k = 0; k < width; ++k)
                if (!rows[r]->cells[k].bare) counts[k][static_cast<std::size_t>(kinds_[r][k])] += 1;
        }
        logp_.resize(width);
        for (std::uint32_t k = 0; k < width; ++k) {
            double total = 0;
            for (double x : counts[k]) total += x;
            for (std::size_t j = 0; j < n_kinds; ++j)
                logp_[k][j] = std::log((counts[k][j] + smoothing) / (total + smoothing * n_kinds));
        }
        dominant_.resize(width);
        for (std::uint32_t k = 0; k < width; ++k)
            dominant_[k] = static_cast<kind>(std::max_element(counts[k].begin(), counts[k].end()) - counts[k].begin());
    }

    kind kind_of(std::size_t r, std::size_t i) const { return kinds_[r][i]; }

    // Best shared placement for rows [r0, r1) (all with n cells).
    //
    // Each cell of the group has a home column, the one whose profile fits
    // its text best (summed over the group's rows); a cell spans from its home
    // to the next cell's home, so a span costs nothing by itself. Among equal
    // scores the cell starts at its home (cells extend to the right). A bare
    // cell in the group's first row must match the [start,end) of a cell in
    // the row above (`regions_above`, per column) to continue it.
    //
    // A complete row right below the group (one cell per column) says more:
    // its bare cells continue cells of the group's last row, and a bare cell
    // can only continue a cell of exactly its one column. So a cell over a
    // column where the row below is bare should be that column alone (a
    // two-row header: `指标值` over `年度指标值 | 实际完成值`, the other labels
    // continued by bare cells).
    //
    // Column edges of neighbouring inferred rows are deliberately not used:
    // they are guesses too, and chaining them spreads one arbitrary choice
    // down the table.
    std::vector<span> place(std::size_t r0, std::size_t r1, const std::vector<span>& regions_above) const {
        const std::size_t n = rows_[r0]->cells.size();
        const std::uint32_t w = width_;
        const std::uint64_t cost = std::uint64_t{n} * w * w + std::uint64_t{r1 - r0} * n * w;
        if (w > max_dp_cols || n == 0 || work_ + cost > max_dp_work) {
            over_budget_ = n > 0;
            return left_to_right(n);
        }
        work_ += cost;
        // home[i][c]: how well cell i of every row fits column c. Bare cells
        // fit every column alike (their place comes from the row above).
        std::vector<double> home(n * w, 0.0);
        std::vector<double> trailing_op(n, 0.0);
        // Bare columns of a complete row right below the group.
        std::vector<bool> bare_below;
        if (r1 < rows_.size() && rows_[r1]->cells.size() == w) {
            bare_below.resize(w);
            bool any = false;
            for (std::uint32_t k = 0; k < w; ++k) any |= bare_below[k] = rows_[r1]->cells[k].bare;
            if (!any) bare_below.clear();
        }
        for (std::size_t r = r0; r < r1; ++r)
            for (std::size_t i = 0; i < n; ++i) {
                const raw_cell& c = rows_[r]->cells[i];
                if (c.bare) continue;
                const auto j = static_cast<std::size_t>(kinds_[r][i]);
                for (std::uint32_t k = 0; k < w; ++k) home[i * w + k] += logp_[k][j];
                if (kinds_[r][i] != kind::value && ends_with_comparator(detail::trim(c.text))) trailing_op[i] += op_explained;
            }
        auto structure = [&](std::size_t i, std::uint32_t a, std::uint32_t b) {
            double s = 0;
            if (rows_[r0]->cells[i].bare) {
                // Only the group's first row can continue a cell above the group.
                const bool aligned = !regions_above.empty() && regions_above[a].start == a && regions_above[a].end == b;
                s += aligned ? bare_aligned : -bare_aligned;
            }
            // Bare cells below continue this cell only when it is one column wide.
            if (!bare_below.empty())
                for (std::uint32_t k = a; k < b; ++k)
                    if (bare_below[k]) s += b - a == 1 ? bare_below_fits : -bare_below_fits;
            // A comparator typed at the end of the cell ("残疾人满意度 … =") is
            // explained when the cell swallowed a value column after its home.
            if (trailing_op[i] > 0)
                for (std::uint32_t k = a + 1; k < b; ++k)
                    if (dominant_[k] == kind::value) {
                        s += trailing_op[i];
                        break;
                    }
            return s;
        };
        // dp[i][p]: best score with cells [0, i) covering columns [0, p).
        constexpr double none = -std::numeric_limits<double>::infinity();
        std::vector<double> dp((n + 1) * (w + 1), none);
        std::vector<std::uint32_t> from((n + 1) * (w + 1), 0);
        auto at = [&](std::size_t i, std::uint32_t p) -> std::size_t { return i * (w + 1) + p; };
        dp[at(0, 0)] = 0;
        for (std::size_t i = 0; i < n; ++i) {
            const auto left = static_cast<std::uint32_t>(n - i - 1);  // cells still to place after this one
            for (std::uint32_t p = static_cast<std::uint32_t>(i); p + left < w; ++p) {
                const double base = dp[at(i, p)];
                if (base == none) continue;
                const std::uint32_t qmax = w - left;
                double best_home = none;
                for (std::uint32_t q = p + 1; q <= qmax; ++q) {
                    best_home = std::max(best_home, home[i * w + q - 1]);
                    if (i + 1 == n && q != w) continue;  // the last cell ends at the grid's edge
                    const double s = base + best_home + structure(i, p, q);
                    // '>=': among equal scores the later start wins, so a cell
                    // begins at its home and the cell before it extends right.
                    if (s >= dp[at(i + 1, q)]) {
                        dp[at(i + 1, q)] = s;
                        from[at(i + 1, q)] = p;
                    }
                }
            }
        }
        std::vector<span> out(n);
        std::uint32_t q = w;
        for (std::size_t i = n; i-- > 0;) {
            const std::uint32_t p = from[at(i + 1, q)];
            out[i] = span{p, q};
            q = p;
        }
        return out;
    }

    std::vector<span> left_to_right(std::size_t n) const {
        std::vector<span> out(n);
        for (std::size_t i = 0; i < n; ++i)
            out[i] = span{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i + 1)};
        if (n > 0) out.back().end = width_;
        return out;
    }

private:
    const std::vector<const raw_row*>& rows_;
    std::uint32_t width_;
    std::vector<std::vector<kind>> kinds_;
    std::vector<std::array<double, n_kinds>> logp_;
    std::vector<kind> dominant_;  // the most frequent kind per column
    mutable std::uint64_t work_ = 0;
    mutable bool over_budget_ = false;

public:
    /// True once a group was placed left to right because of the work limits.
    bool over_budget() const { return over_budget_; }
};

std::string excerpt(std::string_view text) {
    std::string_view t = detail::trim(text);
    std::string out;
    std::size_t i = 0, n = 0;
    while (i < t.size() && n < 12) {
        const char32_t cp = detail::next_code_point(t, i);
        detail::append_utf8(out, cp == '\n' ? U' ' : cp);
        ++n;
    }
    if (i < t.size()) out += "…";
    return out;
}

location cell_location(const raw_cell& c, int table, std::uint32_t row, std::uint32_t col) {
    location a = c.at;
    a.table = table;
    a.row = static_cast<int>(row);
    a.col = static_cast<int>(col);
    return a;
}

std::string describe(const std::vector<span>& spans) {
    std::string s;
    for (const span& x : spans) {
        if (!s.empty()) s += ", ";
        s += x.end - x.start == 1 ? fmt::format("{}", x.start) : fmt::format("{}–{}", x.start, x.end - 1);
    }
    return s;
}

// Grid under construction: cells plus a slot table, filled row by row.
struct builder {
    std::uint32_t width = 0;
    std::vector<grid_cell> cells;
    std::vector<std::uint32_t> slots;  // row-major, width per row
    std::vector<std::vector<int>> continued_lines;  // per cell: lines of the bare cells that extended it

    std::uint32_t rows() const { return width == 0 ? 0 : static_cast<std::uint32_t>(slots.size() / width); }
    std::uint32_t slot(std::uint32_t r, std::uint32_t c) const { return slots[std::size_t{r} * width + c]; }

    void add_row(const std::vector<span>& spans, const raw_row& row, int table, diagnostics& out) {
        const std::uint32_t r = rows();
        slots.resize(slots.size() + width);
        for (std::size_t i = 0; i < spans.size(); ++i) {
            const raw_cell& c = row.cells[i];
            const span s = spans[i];
            if (c.bare && r > 0) {
                const std::uint32_t above = slot(r - 1, s.start);
                grid_cell& x = cells[above];
                if (x.col == s.start && x.colspan == s.end - s.start && x.row + x.rowspan == r) {
                    ++x.rowspan;
                    x.inferred = true;
                    continued_lines[above].push_back(c.at.line);
                    for (std::uint32_t k = s.start; k < s.end; ++k) slots[std::size_t{r} * width + k] = above;
                    continue;
                }
                out.push_back({severity::info, "grid.bare_as_empty",
                               fmt::format("a cell with no text that does not line up with a cell above it: read as an "
                                           "empty cell"),
                               cell_location(c, table, r, s.start)});
            }
            grid_cell g;
            g.text = c.text;
            g.row = r;
            g.col = s.start;
            g.colspan = s.end - s.start;
            g.inferred = g.colspan > 1;
            g.nested = c.nested;
            g.at = cell_location(c, table, r, s.start);
            cells.push_back(std::move(g));
            continued_lines.emplace_back();
            for (std::uint32_t k = s.start; k < s.end; ++k)
                slots[std::size_t{r} * width + k] = static_cast<std::uint32_t>(cells.size() - 1);
        }
    }

    // The cell regions of the last row, for aligning the next group's bare cells.
    std::vector<span> last_row_regions() const {
        std::vector<span> regions;
        if (rows() == 0) return regions;
        const std::uint32_t r = rows() - 1;
        regions.resize(width);
        for (std::uint32_t k = 0; k < width; ++k) {
            const grid_cell& x = cells[slot(r, k)];
            regions[k] = span{x.col, x.col + x.colspan};
        }
        return regions;
    }
};

grid infer(const raw_table& t, int table, diagnostics& out) {
    // 1. Drop rows of only bare cells.
    std::vector<const raw_row*> rows;
    rows.reserve(t.rows.size());
    for (const raw_row& row : t.rows) {
        bool all_bare = true;
        for (const raw_cell& c : row.cells) all_bare &= c.bare;
        if (all_bare) {
            location a = row.at;
            a.table = table;
            out.push_back({severity::info, "grid.row_dropped",
                           fmt::format("a row of {} cells with no text: read as merge continuations only, it adds "
                                       "nothing and is dropped",
                                       row.cells.size()),
                           a});
            continue;
        }
        rows.push_back(&row);
    }
    std::uint32_t width = 0;
    for (const raw_row* r : rows) width = std::max(width, static_cast<std::uint32_t>(r->cells.size()));
    if (rows.empty() || width == 0) return grid{};

    // 2. Horizontal placement, group by group.
    aligner al(rows, width);
    builder b;
    b.width = width;
    for (std::size_t r0 = 0; r0 < rows.size();) {
        const std::size_t n = rows[r0]->cells.size();
        std::size_t r1 = r0 + 1;
        while (r1 < rows.size() && rows[r1]->cells.size() == n) ++r1;
        if (n == width) {  // full rows: one column per cell
            const std::vector<span> spans = al.left_to_right(n);
            for (std::size_t r = r0; r < r1; ++r) b.add_row(spans, *rows[r], table, out);
        } else {
            const bool was_over = al.over_budget();
            const std::vector<span> spans = al.place(r0, r1, b.last_row_regions());
            if (al.over_budget() && !was_over) {
                location a = rows[r0]->at;
                a.table = table;
                out.push_back({severity::warning, "grid.alignment_limit",
                               fmt::format("the table is too wide or irregular to align within the work limit: rows "
                                           "from here on are placed left to right, their last cell spanning the rest"),
                               a});
            }
            for (std::size_t r = r0; r < r1; ++r) {
                location a = rows[r]->at;
                a.table = table;
                a.row = static_cast<int>(b.rows());
                out.push_back({severity::info, "grid.span_inferred",
                               fmt::format("{} cells in a row of {} columns: placed in columns {}", n, width,
                                           describe(spans)),
                               a});
                b.add_row(spans, *rows[r], table, out);
            }
        }
        r0 = r1;
    }

    // 3. Report the vertical merges read from bare cells, one diagnostic per merged cell.
    for (std::size_t i = 0; i < b.cells.size(); ++i) {
        const std::vector<int>& lines = b.continued_lines[i];
        if (lines.empty()) continue;
        const grid_cell& c = b.cells[i];
        out.push_back({severity::info, "grid.merge_inferred",
                       fmt::format("'{}' spans rows {}–{}: {} bare cell{} below it read as merge continuation{}",
                                   excerpt(c.text), c.row, c.row + c.rowspan - 1, lines.size(),
                                   lines.size() == 1 ? "" : "s", lines.size() == 1 ? "" : "s"),
                       c.at});
    }
    const std::uint32_t nrows = b.rows();
    return grid(nrows, width, std::move(b.cells));
}

// Declared spans (docx), as Word lays them out (ECMA-376 §17.4): a row starts
// at column gridBefore; each cell takes gridSpan columns; a legacy hMerge
// continue widens the cell to its left; a vMerge continue extends the cell
// above when that cell covers exactly the same columns, and is a cell of its
// own otherwise (Word does the same); the grid is as wide as tblGrid or the
// widest row, whichever is wider; slots no cell covers are empty cells.
// A cell's text and nested tables, moved out of a table the caller gave up
// (build_grid(raw_table&&)), copied out of one it keeps.
template <class T>
T take(T& x) {
    return std::move(x);
}
template <class T>
T take(const T& x) {
    return x;
}

// `Table` is raw_table (texts moved out) or const raw_table (texts copied).
template <class Table>
grid place_declared(Table& t, int table, diagnostics& out) {
    std::uint64_t width64 = t.declared_cols;
    std::size_t raw_cells = 0;
    for (const raw_row& row : t.rows) {
        std::uint64_t w = std::uint64_t{row.grid_before} + row.grid_after;
        for (const raw_cell& c : row.cells) w += std::max<std::uint32_t>(1, c.colspan);
        width64 = std::max(width64, w);
        raw_cells += row.cells.size();
    }
    // Readers cap spans and cell counts; this keeps a hand-built raw_table from
    // asking for an absurd grid.
    constexpr std::uint64_t max_width = 1u << 16;
    if (width64 > max_width) {
        location a = t.at;
        a.table = table;
        out.push_back({severity::error, "grid.too_wide",
                       fmt::format("the table declares {} columns, more than {}: cut to {}", width64, max_width, max_width), a});
        width64 = max_width;
    }
    const auto width = static_cast<std::uint32_t>(width64);
    if (t.rows.empty() || width == 0) return grid{};
    constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
    builder b;
    b.width = width;
    // Sized once: growing by doubling held up to twice the grid (and both copies while it moved).
    b.slots.reserve(t.rows.size() * width);
    b.cells.reserve(raw_cells);
    for (const raw_row& row : t.rows) {
        const std::uint32_t r = b.rows();
        b.slots.resize(b.slots.size() + width, none);
        std::uint32_t col = std::min(row.grid_before, width);
        std::uint32_t last = none;  // the cell placed last in this row, for hMerge
        for (auto& c : row.cells) {
            if (col >= width) break;
            const std::uint32_t span_w = std::min(std::max<std::uint32_t>(1, c.colspan), width - col);
            auto claim = [&](std::uint32_t idx) {
                for (std::uint32_t k = col; k < col + span_w; ++k) b.slots[std::size_t{r} * width + k] = idx;
                col += span_w;
            };
            if (c.horizontal == hmerge::continue_ && last != none && b.cells[last].row == r) {
                grid_cell& x = b.cells[last];
                x.colspan += span_w;
                if (!c.text.empty()) {  // Word hides it; we keep it rather than lose it
                    if (!x.text.empty()) x.text += '\n';
                    x.text += c.text;
                }
                x.nested.insert(x.nested.end(), c.nested.begin(), c.nested.end());
                claim(last);
                continue;
            }
            if (c.vertical == vmerge::continue_) {
                const std::uint32_t above = r > 0 ? b.slot(r - 1, col) : none;
                if (above != none && b.cells[above].col == col && b.cells[above].colspan == span_w &&
                    b.cells[above].row + b.cells[above].rowspan == r) {
                    grid_cell& x = b.cells[above];
                    ++x.rowspan;
                    if (!detail::trim(c.text).empty()) {
                        if (!x.text.empty()) x.text += '\n';
                        x.text += c.text;
                    }
                    x.nested.insert(x.nested.end(), c.nested.begin(), c.nested.end());
                    claim(above);
                    last = above;
                    continue;
                }
                if (above == none)
                    out.push_back({severity::warning, "grid.vmerge_without_start",
                                   "a vertical-merge continuation with no cell above: starts a new cell",
                                   cell_location(c, table, r, col)});
                else
                    out.push_back({severity::warning, "grid.vmerge_misaligned",
                                   "a vertical-merge continuation whose columns differ from the cell above: starts a new cell",
                                   cell_location(c, table, r, col)});
            }
            grid_cell g;
            g.text = take(c.text);
            g.row = r;
            g.col = col;
            g.colspan = span_w;
            g.nested = take(c.nested);
            g.at = cell_location(c, table, r, col);
            b.cells.push_back(std::move(g));
            last = static_cast<std::uint32_t>(b.cells.size() - 1);
            claim(last);
        }
    }
    const std::uint32_t nrows = b.rows();
    return grid(nrows, width, std::move(b.cells));  // the constructor fills uncovered slots with empty cells
}

}  // namespace

grid build_grid(const raw_table& table, int table_index, diagnostics& out) {
    return table.spans_declared ? place_declared(table, table_index, out) : infer(table, table_index, out);
}

grid build_grid(raw_table&& table, int table_index, diagnostics& out) {
    return table.spans_declared ? place_declared(table, table_index, out) : infer(table, table_index, out);
}

}  // namespace v0
}  // namespace jixiao
