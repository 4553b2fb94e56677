// The HTML table model (HTML Living Standard §4.9.12, "forming a table"):
// slots are filled row by row; a cell takes the first free slot of its row,
// then colspan × rowspan slots. Overlaps, which the standard calls a table
// model error and leaves to rendering, are cut the way they show: the cell
// that was there first keeps the slot.
#include "read/html/table_model.hpp"

#include "detail/limits.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace jixiao::detail {

namespace {

constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();

struct placed {
    std::uint32_t y, x, rowspan, colspan;
    html_cell* src;
};

class slots {
public:
    std::uint32_t at(std::uint32_t y, std::uint32_t x) const {
        const auto& r = rows_[y];
        return x < r.size() ? r[x] : none;
    }
    void claim(std::uint32_t y, std::uint32_t x, std::uint32_t id) {
        auto& r = rows_[y];
        if (r.size() <= x) r.resize(std::size_t{x} + 1, none);
        r[x] = id;
    }
    void add_rows(std::size_t n) { rows_.resize(rows_.size() + n); }
    std::size_t rows() const { return rows_.size(); }

private:
    std::vector<std::vector<std::uint32_t>> rows_;
};

location cell_at(const html_cell& c, int table, std::uint32_t y, std::uint32_t x) {
    location a = c.cell.at;
    a.table = table;
    a.row = static_cast<int>(y);
    a.col = static_cast<int>(x);
    return a;
}

}  // namespace

result<raw_table> lay_out_table(std::vector<html_row_group>& groups, int table_index, const limits& lim, diagnostics& out) {
    std::vector<placed> cells;
    std::vector<location> row_at;
    slots occ;
    std::uint64_t claimed = 0;
    for (html_row_group& g : groups) {
        const auto first = static_cast<std::uint32_t>(occ.rows());
        const std::size_t n = g.rows.size();
        if (occ.rows() + n > lim.max_rows)
            return limit_breach("max_rows", fmt::format("a table has more than {} rows", lim.max_rows), g.rows.front().at);
        occ.add_rows(n);
        for (std::size_t r = 0; r < n; ++r) {
            html_row& row = g.rows[r];
            const auto y = static_cast<std::uint32_t>(first + r);
            row_at.push_back(row.at);
            std::uint32_t x = 0;
            for (html_cell& c : row.cells) {
                while (occ.at(y, x) != none) ++x;
                std::uint32_t colspan = std::max<std::uint32_t>(1, c.cell.colspan);
                for (std::uint32_t k = 1; k < colspan; ++k)
                    if (occ.at(y, x + k) != none) {
                        out.push_back({severity::warning, "html.span_overlap",
                                       fmt::format("colspan {} runs into a cell spanning from a row above: cut to {}", colspan, k),
                                       cell_at(c, table_index, y, x)});
                        colspan = k;
                        break;
                    }
                const auto left = static_cast<std::uint32_t>(n - r);
                std::uint32_t rowspan = c.rowspan == 0 ? left : c.rowspan;
                if (rowspan > left) {
                    out.push_back({severity::info, "html.span_clipped",
                                   fmt::format("rowspan {} runs past the end of its row group: cut to {}", rowspan, left),
                                   cell_at(c, table_index, y, x)});
                    rowspan = left;
                }
                if (std::uint64_t{x} + colspan > lim.max_cols)
                    return limit_breach("max_cols", fmt::format("a row reaches past column {}", lim.max_cols), c.cell.at);
                claimed += std::uint64_t{rowspan} * colspan;
                if (claimed > lim.max_grid_slots)
                    return limit_breach("max_grid_slots", fmt::format("a table's cells cover more than {} grid slots", lim.max_grid_slots),
                                        c.cell.at);
                if (cells.size() >= lim.max_cells)
                    return limit_breach("max_cells", fmt::format("a table has more than {} cells", lim.max_cells), c.cell.at);
                const auto id = static_cast<std::uint32_t>(cells.size());
                cells.push_back({y, x, rowspan, colspan, &c});
                for (std::uint32_t dy = 0; dy < rowspan; ++dy)
                    for (std::uint32_t dx = 0; dx < colspan; ++dx) occ.claim(y + dy, x + dx, id);
                x += colspan;
            }
        }
    }

    // The table ends at the last column a cell starts in; spans past it are
    // cut (browsers give such columns no width).
    std::uint32_t width = 0;
    for (const placed& p : cells) width = std::max(width, p.x + 1);
    for (placed& p : cells)
        if (p.x + p.colspan > width) {
            if (!p.src->placeholder)
                out.push_back({severity::info, "html.span_clipped",
                               fmt::format("colspan {} runs past the table's last column: cut to {}", p.colspan, width - p.x),
                               cell_at(*p.src, table_index, p.y, p.x)});
            p.colspan = width - p.x;
        }

    raw_table t;
    t.spans_declared = true;
    t.declared_cols = width;
    t.rows.reserve(occ.rows());
    for (std::uint32_t y = 0; y < occ.rows(); ++y) {
        raw_row rr;
        rr.at = row_at[y];
        rr.at.table = table_index;
        std::uint32_t gap = 0;
        for (std::uint32_t x = 0; x < width;) {
            const std::uint32_t id = occ.at(y, x);
            if (id == none || cells[id].src->placeholder) {
                ++gap;
                ++x;
                continue;
            }
            if (rr.cells.empty()) rr.grid_before = gap;
            else
                for (; gap > 0; --gap) {  // slots no cell covers, between cells: empty cells
                    raw_cell e;
                    e.at = rr.at;
                    rr.cells.push_back(std::move(e));
                }
            gap = 0;
            placed& p = cells[id];
            if (p.y == y) {
                raw_cell c = std::move(p.src->cell);
                c.colspan = p.colspan;
                c.vertical = p.rowspan > 1 ? vmerge::restart : vmerge::none;
                c.at.table = table_index;
                rr.cells.push_back(std::move(c));
            } else {
                raw_cell c;
                c.colspan = p.colspan;
                c.vertical = vmerge::continue_;
                c.at = rr.at;
                rr.cells.push_back(std::move(c));
            }
            x += p.colspan;
        }
        t.rows.push_back(std::move(rr));
    }
    return t;
}

}  // namespace jixiao::detail
