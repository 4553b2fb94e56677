// jixiao — reading a document: bytes → reader → grid → forms.
//
// The one call most users need is `read_file` (or `read_bytes` for data in
// memory). It returns a `document` holding the reconstructed tables, the forms
// read from them and every diagnostic, or an `error` when the input cannot be
// read at all (not valid in any encoding tried, too large, unreadable file).
//
// Thread safety: the functions keep no global state; distinct calls may run
// on distinct threads at once. Results are plain values owned by the caller.
#ifndef JIXIAO_DOCUMENT_HPP
#define JIXIAO_DOCUMENT_HPP

#include <jixiao/diagnostic.hpp>
#include <jixiao/error.hpp>
#include <jixiao/form.hpp>
#include <jixiao/grid.hpp>
#include <jixiao/table.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao {
inline namespace v0 {

/// Limits on what an input may make the library do, all in one place. The
/// defaults are meant for real forms with a wide margin; each breach is
/// `errc::limit_exceeded` with a message naming the limit.
struct limits {
    std::uint64_t max_input_bytes = 256u << 20;  ///< size of the input file or buffer
    std::uint32_t max_rows = 1'000'000;          ///< rows in one table
    std::uint32_t max_cols = 4'096;              ///< cells in one row (and columns in a grid, spans included)
    std::uint64_t max_cells = 10'000'000;        ///< cells in one table
    /// Rows × columns of one table's grid. A grid has a slot per row and
    /// column, so a few cells with wide spans can ask for more memory than
    /// many plain cells; this bounds it (50M slots: 200 MB).
    std::uint64_t max_grid_slots = 50'000'000;
    std::uint64_t max_cell_bytes = 16u << 20;    ///< text of one cell, in bytes

    // Packages (.docx). Sizes are counted on the bytes actually inflated,
    // never on what the zip directory claims.
    std::uint32_t max_zip_entries = 10'000;          ///< entries in the zip directory
    std::uint64_t max_part_bytes = 512ull << 20;     ///< uncompressed size of one part
    std::uint64_t max_total_bytes = 1ull << 30;      ///< uncompressed bytes read from a package in all
    std::uint32_t max_inflate_ratio = 200;           ///< uncompressed / compressed size of a part …
    std::uint64_t inflate_ratio_threshold = 16u << 20;  ///< … checked once a part has inflated this much
    std::uint32_t max_xml_depth = 1'000;             ///< element nesting in a part
    std::uint32_t max_table_nesting = 64;            ///< tables nested in table cells

    // HTML. The parser builds a node for every tag before the reader sees
    // any, so the tags are counted first (a '<' followed by a letter, '/' or
    // '!'): about 200 bytes of memory each at most.
    std::uint64_t max_html_tags = 1'000'000;  ///< tags in an HTML page
    /// Attributes in one HTML tag: the parser checks each new attribute
    /// against those before it (for duplicates), so 200,000 attributes in a
    /// tag would take minutes.
    std::uint32_t max_html_attributes = 1'000;
};

struct read_options {
    limits lim;
    bool forms = true;  ///< read forms from the tables; false stops after the grids
    /// Check each form (check.hpp `check_form`) and append the findings to its
    /// diagnostics. Needs `forms`.
    bool check = true;
    /// Encoding of text inputs: empty (or "auto") finds it — byte order mark,
    /// strict UTF-8, GB18030, then ICU's detector for UTF-16/32 without a
    /// byte order mark — else a name such as "gbk", "utf-16le", "big5"
    /// (decode_text in encoding.hpp has the rules and the names). A name
    /// ICU does not know makes every text input fail with
    /// errc::invalid_argument. Ignored for .docx, .xlsx and .doc, which declare
    /// their own; for HTML it overrides the byte order mark and the meta tag.
    std::string encoding;
    /// Treat the input as the output of table-recognition OCR: cells holding
    /// numbers are checked for OCR confusions (≥ read as 2 or >, O for 0, l
    /// for 1 …) and each suspect gets a "value.ocr_suspect" diagnostic; the
    /// text is never changed. HTML written by PaddleOCR's PP-Structure
    /// (`<html><body><table>` with nothing before the table) is recognized
    /// and checked without this flag.
    bool ocr = false;
};

/// Where the document came from.
struct source_info {
    std::string path;      ///< as given by the caller ("-" for standard input)
    std::string format;    ///< "text", "docx", "doc", "html" or "xlsx"
    /// Text and HTML: the encoding the bytes were decoded from ("utf-8",
    /// "utf-16le", "utf-16be", "gb18030", … — see decoded_text::encoding).
    /// Docx, doc and xlsx: "utf-8".
    std::string encoding;
    /// docx and xlsx: the main part (word/document.xml, xl/workbook.xml or
    /// wherever the package puts it), found through the package relationships;
    /// doc: "WordDocument".
    std::string part;
};

struct document {
    source_info source;
    std::vector<paragraph> paragraphs;  ///< text outside tables, in order
    std::vector<grid> tables;           ///< every table, reconstructed
    std::vector<form> forms;
    diagnostics diags;                  ///< reader and grid diagnostics (form ones live in each form)

    /// True when any diagnostic of reading, document- or form-level, is an
    /// error: part of the input could not be read. Findings of the checks
    /// (`check.*`, check.hpp) do not count — a form that does not add up was read.
    bool has_errors() const noexcept;
};

/// Reads the tab-indented text format (docs/text-format.md) into raw tables.
/// The bytes are decoded first with `decode_text(bytes, opts.encoding)`
/// (encoding.hpp); `raw_document::encoding` tells what they were read as, and
/// an encoding guessed rather than known (GB18030, or ICU's detector) adds a
/// "text.encoding_guessed" info diagnostic to `out`. Locations are byte
/// offsets into `bytes` whatever the encoding.
/// Fails with errc::encoding (located at the byte offset and line) on bytes
/// invalid in every candidate encoding (or in the one named),
/// errc::invalid_argument on an unknown encoding name, errc::limit_exceeded on
/// inputs past `opts.lim`.
result<raw_document> read_text(std::string_view bytes, const read_options& opts, diagnostics& out);

/// Reads a Word package (.docx, Transitional or Strict OOXML) into raw tables
/// and paragraphs, with declared spans. `part` receives the main part's name.
/// Fails with errc::zip_corrupt, missing_part, xml_malformed, encrypted,
/// unsupported (a spreadsheet or presentation package) or limit_exceeded.
result<raw_document> read_docx(std::string_view bytes, const read_options& opts, diagnostics& out, std::string& part);

/// Reads an HTML page (docs/html.md) into raw tables and paragraphs, with the
/// spans its tables declare (rowspan, colspan), through an HTML5 parser: a
/// page saved by Word ("Save as Web Page", mso markup, GBK), by LibreOffice, a
/// government web page, or the table HTML of OCR (PaddleOCR PP-Structure).
/// The charset comes from `opts.encoding` when named, else a byte order mark,
/// else a `<meta charset>` or `http-equiv="Content-Type"` tag in the first
/// 4 KiB, else decode_text's detection; `raw_document::encoding` tells which.
/// Span errors are resolved as browsers lay them out, with a diagnostic.
/// Fails with errc::encoding (bytes invalid in every candidate encoding),
/// errc::invalid_argument (an unknown `opts.encoding`) or
/// errc::limit_exceeded. Locations are byte offsets into `bytes`.
result<raw_document> read_html(std::string_view bytes, const read_options& opts, diagnostics& out);

/// Reads an Excel workbook (.xlsx, docs/xlsx.md): one table per worksheet, in
/// workbook order, each preceded by a paragraph holding the sheet's name;
/// merged ranges as spans; numbers shown as their number format shows them
/// (a percent format makes 0.95 read "95%"). `part` receives the workbook
/// part's name. Fails with errc::zip_corrupt, missing_part, xml_malformed,
/// encrypted, unsupported (not a spreadsheet package) or limit_exceeded.
result<raw_document> read_xlsx(std::string_view bytes, const read_options& opts, diagnostics& out, std::string& part);

/// Reads a Word 97-2003 binary document (.doc, an OLE2 compound file) into raw
/// tables and paragraphs, with the spans its row layouts declare (cell edges
/// across rows, merge flags); docs/doc.md has what is read. `part` receives
/// "WordDocument". Fails with errc::compound_file_corrupt (a damaged
/// container), doc_corrupt (damaged Word structures), encrypted (a
/// password-protected .doc, or any OLE file holding EncryptionInfo),
/// unsupported (Word 6.0/95 and older, or an OLE file with no WordDocument
/// stream: .xls, .ppt …) or limit_exceeded.
result<raw_document> read_doc(std::string_view bytes, const read_options& opts, diagnostics& out, std::string& part);

/// Reads a whole document from memory. The format is told by the content,
/// never by the name: a zip package is read as .docx or .xlsx (by its main
/// part's content type), an OLE2 compound file (D0 CF 11 E0 …) as .doc,
/// bytes that start like HTML (`<!DOCTYPE html`,
/// `<html`, `<table` … after a byte order mark, whitespace and comments) as
/// HTML, anything else as text.
/// `name` is recorded as the source path.
result<document> read_bytes(std::string_view bytes, std::string name, const read_options& opts = {});

/// The bytes of the file at `path` ("-" reads standard input), refusing
/// files larger than `lim.max_input_bytes` (errc::limit_exceeded) before
/// reading them. errc::io, naming the path, when it cannot be read or is a
/// directory.
result<std::string> load_file(const std::string& path, const limits& lim = {});

/// Reads a whole document from a file ("-" reads standard input): load_file, then read_bytes.
result<document> read_file(const std::string& path, const read_options& opts = {});

/// A reusable reader: options set once, and buffers kept between reads so
/// that converting many files does not allocate afresh for each one.
///
/// Thread safety: a reader is not thread-safe; use one per thread (readers
/// are cheap). Documents it returns are independent values: they do not refer
/// to the reader and may outlive it, move between threads, and be read by
/// many threads at once.
class reader {
public:
    explicit reader(read_options opts = {}) : opts_(std::move(opts)) {}

    const read_options& options() const noexcept { return opts_; }
    void set_options(read_options opts) { opts_ = std::move(opts); }

    /// As jixiao::read_file, reusing the reader's file buffer.
    result<document> read_file(const std::string& path);
    /// As jixiao::read_bytes. `bytes` is only read during the call.
    result<document> read_bytes(std::string_view bytes, std::string name) const;

private:
    read_options opts_;
    std::string buffer_;  // file contents, capacity kept between reads
};

}  // namespace v0
}  // namespace jixiao

#endif
