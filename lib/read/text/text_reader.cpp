// Reader for the tab-indented text that copy-outs of Word tables give
// (docs/text-format.md):
//
//   <TAB>cell text          one cell per line, after a TAB
//   continued text          a line without TAB continues the cell above ('\n'-joined)
//   <TAB>                   a bare TAB line: a cell with no text (merge continuation or empty)
//   <blank line>            ends a row
//   <two blank lines>       ends a table
//
// One-cell rows before a table's first multi-cell row are paragraphs (the
// title), not rows. Nothing is trimmed: U+00A0 cells stay as they are.
// The bytes are decoded first (decode_text, encoding.hpp); locations keep
// pointing at the input's own bytes.
#include <jixiao/document.hpp>
#include <jixiao/encoding.hpp>

#include "detail/limits.hpp"
#include "detail/utf8.hpp"

#include <fmt/format.h>

namespace jixiao {
inline namespace v0 {

namespace {

struct line_ref {
    std::string_view text;  // without the line end
    int number;             // 1-based
    std::uint64_t offset;   // byte offset of the line in the input
};

bool is_blank_line(std::string_view s) {
    for (char c : s)
        if (c != ' ') return false;
    return true;
}

struct block {
    std::vector<line_ref> lines;
};

class text_builder {
public:
    text_builder(const read_options& opts, raw_document& doc) : opts_(opts), doc_(doc) {}

    // Adds one block (lines between blank lines). Returns an error message on a limit breach.
    std::optional<error> add_block(const block& b, bool table_break_before) {
        if (table_break_before) close_table();
        // Leading lines without a TAB, before any cell, are a paragraph of their own.
        std::size_t i = 0;
        std::string para;
        location para_at;
        while (i < b.lines.size() && (b.lines[i].text.empty() || b.lines[i].text[0] != '\t')) {
            if (para.empty()) para_at = at_line(b.lines[i]);
            else para += '\n';
            para += b.lines[i].text;
            ++i;
        }
        if (!para.empty()) {
            close_table();
            add_paragraph(std::move(para), para_at);
        }
        if (i == b.lines.size()) return std::nullopt;

        raw_row row;
        row.at = at_line(b.lines[i]);
        for (; i < b.lines.size(); ++i) {
            const line_ref& l = b.lines[i];
            if (!l.text.empty() && l.text[0] == '\t') {
                raw_cell c;
                c.text.assign(l.text.substr(1));
                c.bare = c.text.empty();
                c.at = at_line(l);
                row.cells.push_back(std::move(c));
                if (row.cells.size() > opts_.lim.max_cols)
                    return limit(l, "max_cols", fmt::format("a row has more than {} cells", opts_.lim.max_cols));
            } else {  // continuation of the previous cell's text
                raw_cell& c = row.cells.back();
                c.text += '\n';
                c.text.append(l.text);
                c.bare = false;
            }
            if (row.cells.back().text.size() > opts_.lim.max_cell_bytes)
                return limit(l, "max_cell_bytes", fmt::format("a cell holds more than {} bytes of text", opts_.lim.max_cell_bytes));
        }
        // A one-cell row before the table's first wider row is a paragraph (a title).
        if (row.cells.size() == 1 && !seen_wide_row_) {
            pending_.push_back(std::move(row));
            return std::nullopt;
        }
        if (row.cells.size() > 1 && !seen_wide_row_) {
            seen_wide_row_ = true;
            for (raw_row& p : pending_) {
                if (!p.cells[0].bare) add_paragraph(std::move(p.cells[0].text), p.cells[0].at);
            }
            pending_.clear();
            table_.at = row.at;
        }
        cells_ += row.cells.size();
        widest_ = std::max<std::uint64_t>(widest_, row.cells.size());
        if (widest_ * (table_.rows.size() + 1) > opts_.lim.max_grid_slots)
            return limit(b.lines.front(), "max_grid_slots",
                         fmt::format("a table of {} rows and {} columns needs more than {} grid slots", table_.rows.size() + 1,
                                     widest_, opts_.lim.max_grid_slots));
        if (table_.rows.size() + 1 > opts_.lim.max_rows)
            return limit(b.lines.front(), "max_rows", fmt::format("a table has more than {} rows", opts_.lim.max_rows));
        if (cells_ > opts_.lim.max_cells)
            return limit(b.lines.front(), "max_cells", fmt::format("a table has more than {} cells", opts_.lim.max_cells));
        table_.rows.push_back(std::move(row));
        return std::nullopt;
    }

    void close_table() {
        // One-cell rows that never met a wider row: paragraphs, not a table.
        for (raw_row& p : pending_)
            if (!p.cells[0].bare) add_paragraph(std::move(p.cells[0].text), p.cells[0].at);
        pending_.clear();
        if (!table_.rows.empty()) {
            table_.spans_declared = false;
            table_.at.table = static_cast<int>(doc_.tables.size());
            doc_.tables.push_back(std::move(table_));
        }
        table_ = raw_table{};
        seen_wide_row_ = false;
        cells_ = 0;
        widest_ = 0;
    }

private:
    static location at_line(const line_ref& l) {
        location a;
        a.line = l.number;
        a.offset = l.offset;
        return a;
    }
    void add_paragraph(std::string text, location at) {
        paragraph p;
        p.text = std::move(text);
        p.at = at;
        p.before_table = doc_.tables.size() + (table_.rows.empty() ? 0 : 1);
        doc_.paragraphs.push_back(std::move(p));
    }
    static error limit(const line_ref& l, const char* name, std::string msg) {
        return detail::limit_breach(name, fmt::format("line {}: {}", l.number, msg), at_line(l));
    }

    const read_options& opts_;
    raw_document& doc_;
    raw_table table_;
    std::vector<raw_row> pending_;
    bool seen_wide_row_ = false;
    std::uint64_t cells_ = 0;
    std::uint64_t widest_ = 0;
};

}  // namespace

result<raw_document> read_text(std::string_view input, const read_options& opts, diagnostics& out) {
    auto decoded = decode_text(input, opts.encoding);
    if (!decoded) return decoded.err();
    const decoded_text& dt = decoded.value();
    if (dt.found == encoding_source::gb18030 || dt.found == encoding_source::detected) {
        diagnostic d;
        d.code = "text.encoding_guessed";
        d.message = dt.found == encoding_source::gb18030
                        ? "not UTF-8 and no byte order mark: read as GB18030 (GBK), in which every byte is valid"
                        : fmt::format("no byte order mark: read as {} (ICU's detector, confidence {})", dt.encoding, dt.confidence);
        d.at.offset = 0;
        out.push_back(std::move(d));
    }
    const std::string_view bytes = dt.utf8;
    // Where line n starts in the input: line_starts when the text was decoded,
    // else the byte order mark's length plus the position.
    auto source_offset = [&](int line, std::size_t pos) -> std::uint64_t {
        if (dt.line_starts.empty()) return dt.bom + pos;
        const auto i = static_cast<std::size_t>(line - 1);
        return i < dt.line_starts.size() ? dt.line_starts[i] : dt.line_starts.back();
    };

    raw_document doc;
    doc.encoding = dt.encoding;
    text_builder builder(opts, doc);
    block cur;
    int blank_run = 0;
    bool break_before = false;
    auto flush = [&]() -> std::optional<error> {
        if (cur.lines.empty()) return std::nullopt;
        auto err = builder.add_block(cur, break_before);
        cur.lines.clear();
        break_before = false;
        return err;
    };

    // Lines end in LF or CRLF; a file with CRs only (classic Mac OS) ends them in CR.
    const char eol = (bytes.find('\n') == std::string_view::npos && bytes.find('\r') != std::string_view::npos) ? '\r' : '\n';
    int number = 0;
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        std::size_t end = bytes.find(eol, pos);
        const std::size_t next = end == std::string_view::npos ? bytes.size() : end + 1;
        if (end == std::string_view::npos) end = bytes.size();
        std::string_view text = bytes.substr(pos, end - pos);
        if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
        ++number;
        if (is_blank_line(text)) {
            if (auto err = flush()) return std::move(*err);
            if (++blank_run >= 2) break_before = true;
        } else {
            if (cur.lines.empty() && blank_run >= 2) break_before = true;
            blank_run = 0;
            cur.lines.push_back(line_ref{text, number, source_offset(number, pos)});
        }
        pos = next;
    }
    if (auto err = flush()) return std::move(*err);
    builder.close_table();
    return doc;
}

}  // namespace v0
}  // namespace jixiao
