// The grid type: slot table built from cell rectangles.
#include <jixiao/grid.hpp>

#include <algorithm>
#include <limits>

namespace jixiao {
inline namespace v0 {

namespace {
constexpr std::uint32_t no_cell = std::numeric_limits<std::uint32_t>::max();
}

grid::grid(std::uint32_t rows, std::uint32_t cols, std::vector<grid_cell> cells)
    : rows_(rows), cols_(cols), cells_(std::move(cells)) {
    // Anchor order (row, col) is part of the contract; builders usually emit it already.
    const auto anchor_order = [](const grid_cell& a, const grid_cell& b) { return a.row != b.row ? a.row < b.row : a.col < b.col; };
    if (!std::is_sorted(cells_.begin(), cells_.end(), anchor_order)) std::stable_sort(cells_.begin(), cells_.end(), anchor_order);
    slots_.assign(std::size_t{rows_} * cols_, no_cell);
    for (std::size_t i = 0; i < cells_.size(); ++i) {
        grid_cell& c = cells_[i];
        // Clip rectangles to the grid so a careless caller cannot write out of bounds.
        if (c.row >= rows_ || c.col >= cols_) continue;
        c.rowspan = std::max<std::uint32_t>(1, std::min(c.rowspan, rows_ - c.row));
        c.colspan = std::max<std::uint32_t>(1, std::min(c.colspan, cols_ - c.col));
        for (std::uint32_t r = c.row; r < c.row + c.rowspan; ++r)
            for (std::uint32_t k = c.col; k < c.col + c.colspan; ++k) {
                std::uint32_t& s = slots_[std::size_t{r} * cols_ + k];
                if (s == no_cell) s = static_cast<std::uint32_t>(i);
            }
    }
    // No holes: a slot no cell covers gets an empty cell of its own, so that
    // at() is defined everywhere (the invariant in grid.hpp).
    bool holes = false;
    for (std::uint32_t s : slots_) holes |= (s == no_cell);
    if (!holes) return;
    for (std::uint32_t r = 0; r < rows_; ++r)
        for (std::uint32_t k = 0; k < cols_; ++k) {
            std::uint32_t& s = slots_[std::size_t{r} * cols_ + k];
            if (s != no_cell) continue;
            grid_cell e;
            e.row = r;
            e.col = k;
            cells_.push_back(std::move(e));
            s = static_cast<std::uint32_t>(cells_.size() - 1);
        }
    // Restore anchor order; remap the slots through the permutation.
    std::vector<std::uint32_t> order(cells_.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        return cells_[a].row != cells_[b].row ? cells_[a].row < cells_[b].row : cells_[a].col < cells_[b].col;
    });
    std::vector<std::uint32_t> where(order.size());
    std::vector<grid_cell> sorted;
    sorted.reserve(cells_.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) {
        where[order[i]] = i;
        sorted.push_back(std::move(cells_[order[i]]));
    }
    cells_ = std::move(sorted);
    for (std::uint32_t& s : slots_) s = where[s];
}

}  // namespace v0
}  // namespace jixiao
