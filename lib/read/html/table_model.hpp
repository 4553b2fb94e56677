// jixiao::detail — the HTML table model: cells with rowspan and colspan laid
// out on slots, as browsers do, and handed to the grid stage as a raw table
// with declared spans.
#ifndef JIXIAO_READ_HTML_TABLE_MODEL_HPP
#define JIXIAO_READ_HTML_TABLE_MODEL_HPP

#include <jixiao/document.hpp>
#include <jixiao/table.hpp>

#include <cstdint>
#include <vector>

namespace jixiao::detail {

/// A td or th as the page wrote it.
struct html_cell {
    /// Text, nested tables and location; `cell.colspan` is the colspan
    /// attribute as parsed (≥ 1).
    raw_cell cell;
    /// The rowspan attribute: 0 means "to the end of the row group".
    std::uint32_t rowspan = 1;
    /// Word's `mso-cell-special:placeholder` cells, its rendering of
    /// w:gridBefore / w:gridAfter: they take slots but are not cells.
    bool placeholder = false;
};

struct html_row {
    std::vector<html_cell> cells;
    location at;
};

/// thead, a tbody or tfoot: rowspans stop at its end (HTML §4.9.12.1).
struct html_row_group {
    std::vector<html_row> rows;
};

/// Lays the groups out as the HTML table model does — each cell at the first
/// slot of its row that no cell above covers, taking colspan × rowspan slots —
/// and returns the table as rows of cells with declared spans (a rowspan is a
/// vertical merge: the anchor, then continuation cells below), ready for
/// build_grid. Errors in the markup are resolved as browsers lay them out,
/// each with a diagnostic in `out` located at the cell:
///  - a colspan running into a slot a cell above already covers stops there
///    ("html.span_overlap", warning);
///  - a rowspan past the end of its row group stops at the group's last row,
///    and a colspan past the table's last column (the last one in which a
///    cell starts) stops at it ("html.span_clipped", info).
/// `table_index` goes into the locations. Fails only on limits (max_rows,
/// max_cols, max_cells, max_grid_slots; errc::limit_exceeded).
result<raw_table> lay_out_table(std::vector<html_row_group>& groups, int table_index, const limits& lim, diagnostics& out);

}  // namespace jixiao::detail

#endif
