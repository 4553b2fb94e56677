// jixiao — the rectangular grid: every table reconstructed with its spans.
//
// `build_grid` is total: any raw_table gives a grid, never an error. Where the
// source lost its spans (text copy-outs) they are inferred, and every
// inference is reported as a diagnostic.
//
// Invariants of a grid `g`:
//  - g.rows() * g.cols() slots; every slot holds the index of exactly one cell
//    in g.cells() (no holes: a row shorter than the grid gets spans or empty cells);
//  - every cell is a rectangle [row, row+rowspan) x [col, col+colspan) and the
//    slots inside it, and only those, point at it;
//  - cells are ordered by (row, col) of their top-left slot (their anchor).
#ifndef JIXIAO_GRID_HPP
#define JIXIAO_GRID_HPP

#include <jixiao/diagnostic.hpp>
#include <jixiao/table.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace jixiao {
inline namespace v0 {

/// A cell of the grid, at its anchor (top-left) slot.
struct grid_cell {
    std::string text;            ///< as authored (see raw_cell::text)
    std::uint32_t row = 0;       ///< anchor row
    std::uint32_t col = 0;       ///< anchor column
    std::uint32_t rowspan = 1;
    std::uint32_t colspan = 1;
    bool inferred = false;       ///< rowspan or colspan guessed rather than declared by the source
    location at;                 ///< where the cell's text came from in the source
    std::vector<std::uint32_t> nested;  ///< tables nested in this cell (indices into the document's tables)
};

class grid {
public:
    grid() = default;
    grid(std::uint32_t rows, std::uint32_t cols, std::vector<grid_cell> cells);

    std::uint32_t rows() const noexcept { return rows_; }
    std::uint32_t cols() const noexcept { return cols_; }
    const std::vector<grid_cell>& cells() const noexcept { return cells_; }

    /// The cell covering slot (r, c). Precondition: r < rows(), c < cols().
    const grid_cell& at(std::uint32_t r, std::uint32_t c) const noexcept { return cells_[slots_[std::size_t{r} * cols_ + c]]; }
    /// Index into cells() of the cell covering slot (r, c).
    std::uint32_t index_at(std::uint32_t r, std::uint32_t c) const noexcept { return slots_[std::size_t{r} * cols_ + c]; }
    /// True when (r, c) is the cell's anchor slot, i.e. the cell starts here.
    bool is_anchor(std::uint32_t r, std::uint32_t c) const noexcept {
        const grid_cell& x = at(r, c);
        return x.row == r && x.col == c;
    }

private:
    std::uint32_t rows_ = 0;
    std::uint32_t cols_ = 0;
    std::vector<grid_cell> cells_;
    std::vector<std::uint32_t> slots_;
};

/// Builds the grid of `table`. `table_index` goes into the locations of the
/// diagnostics appended to `out`. Total: never fails.
///
/// For tables whose spans are not declared (`spans_declared == false`):
///  - the grid is as wide as the widest row;
///  - a bare cell continues the cell above it when the two line up (the cell
///    above grows by a row); a bare cell with nothing to continue is an empty cell;
///  - a row of only bare cells adds nothing and is dropped;
///  - a row with fewer cells than the grid has horizontal merges: its cells are
///    placed by aligning them with the columns of the table (what kind of text
///    each column holds in the rows that are complete) and with the column
///    cells above that its bare cells continue. Consecutive rows with the same number of
///    cells are placed together, as they share their edges.
grid build_grid(const raw_table& table, int table_index, diagnostics& out);
/// The same, moving the cells' texts out of `table` instead of copying them
/// (what read_bytes does with the tables it has just read).
grid build_grid(raw_table&& table, int table_index, diagnostics& out);

}  // namespace v0
}  // namespace jixiao

#endif
