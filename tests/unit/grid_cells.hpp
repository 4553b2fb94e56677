// Grid cells by hand, for the writers' tests.
#ifndef JIXIAO_TEST_GRID_CELLS_HPP
#define JIXIAO_TEST_GRID_CELLS_HPP

#include <jixiao/grid.hpp>

#include <cstdint>
#include <string>
#include <utility>

namespace jixiao_test {

/// A cell of table 0 anchored at (row, col), its location pointing there.
inline jixiao::grid_cell cell(std::string text, std::uint32_t row, std::uint32_t col, std::uint32_t rowspan = 1,
                              std::uint32_t colspan = 1) {
    jixiao::grid_cell c;
    c.text = std::move(text);
    c.row = row;
    c.col = col;
    c.rowspan = rowspan;
    c.colspan = colspan;
    c.at.table = 0;
    c.at.row = static_cast<int>(row);
    c.at.col = static_cast<int>(col);
    return c;
}

}  // namespace jixiao_test

#endif
