// jixiao — tables as a reader found them, before spans are resolved.
//
// A reader turns bytes into a `raw_document`: paragraphs and tables in
// document order, with every cell exactly as authored. Nothing is merged,
// trimmed or guessed here; that is the grid stage's job (grid.hpp).
#ifndef JIXIAO_TABLE_HPP
#define JIXIAO_TABLE_HPP

#include <jixiao/diagnostic.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace jixiao {
inline namespace v0 {

/// How a cell takes part in a horizontal merge in legacy Word files (w:hMerge).
enum class hmerge : std::uint8_t {
    none = 0,
    restart = 1,    ///< first cell of a horizontal merge
    continue_ = 2,  ///< merged into the cell to its left
};

/// How a cell takes part in a vertical merge, as the source declared it.
enum class vmerge : std::uint8_t {
    none = 0,       ///< not part of a vertical merge (or the source cannot say)
    restart = 1,    ///< first cell of a vertical merge (docx w:vMerge="restart")
    continue_ = 2,  ///< continues the merge from the cell above (docx bare w:vMerge)
};

/// One cell as authored.
struct raw_cell {
    /// The cell's text, exactly as in the source (paragraphs joined with '\n').
    /// Never trimmed: U+00A0 and U+3000 are kept.
    std::string text;
    /// True when the source gave the cell no text at all: in tab-indented text,
    /// a line holding only the TAB. Such a cell is either a vertical-merge
    /// continuation or a truly empty cell; the grid stage decides. A cell of
    /// spaces or U+00A0 is *not* bare: it is an empty cell that exists.
    bool bare = false;
    /// Columns this cell spans as declared by the source (docx w:gridSpan);
    /// 1 when the source does not say (text).
    std::uint32_t colspan = 1;
    vmerge vertical = vmerge::none;      ///< w:vMerge
    hmerge horizontal = hmerge::none;    ///< legacy w:hMerge
    /// Tables nested in this cell: indices into raw_document::tables. Their
    /// text is not part of `text`.
    std::vector<std::uint32_t> nested;
    /// Where the cell starts (for text: `line` is the line of its TAB line).
    location at;
};

/// One table row.
struct raw_row {
    std::vector<raw_cell> cells;
    /// Grid columns left empty before the first cell and after the last
    /// (docx w:gridBefore / w:gridAfter): the cells keep their columns.
    std::uint32_t grid_before = 0;
    std::uint32_t grid_after = 0;
    /// A header row Word repeats on every page (w:tblHeader).
    bool repeated_header = false;
    location at;
};

/// One table as authored. For sources that declare spans (docx), `spans_declared`
/// is true; for sources where they are lost (text), the grid stage infers them.
struct raw_table {
    std::vector<raw_row> rows;
    bool spans_declared = false;
    /// Columns the source declares (docx w:tblGrid); 0 when it does not. Rows
    /// wider than this widen the grid, as Word does.
    std::uint32_t declared_cols = 0;
    /// Index of the table whose cell holds this one, or -1 for a top-level table.
    int parent = -1;
    location at;
};

/// A paragraph outside any table (a title above a table, a note below it).
struct paragraph {
    std::string text;
    /// Index of the first table that follows this paragraph in the document
    /// (equal to the number of tables when none follows).
    std::size_t before_table = 0;
    location at;
};

/// What a reader produces: tables and paragraphs in document order. Nested
/// tables come right after the table that holds them (pre-order).
struct raw_document {
    std::vector<paragraph> paragraphs;
    std::vector<raw_table> tables;
    /// The encoding the reader decoded the input from ("utf-8", "gb18030",
    /// "utf-16le" …); empty when the reader does not say.
    std::string encoding;
};

}  // namespace v0
}  // namespace jixiao

#endif
