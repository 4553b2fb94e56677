// Excel workbooks (.xlsx, SpreadsheetML: ECMA-376 Part 1 §18) to raw tables:
// one table per visible worksheet, in workbook order.
//
//  - parts are found through relationships, never by name: the workbook's
//    worksheets (r:id of each <sheet>), shared strings and styles;
//  - a cell's text is what Excel shows: shared strings (rich-text runs
//    joined, phonetic runs left out), inline strings, formula results (the
//    cached <v>), TRUE/FALSE, error codes, numbers in their number format
//    (numfmt.cpp);
//  - <mergeCells> are spans: the top-left cell holds the text; the others,
//    which Excel does not show, are dropped;
//  - empty rows and columns around the used range are trimmed; leading rows
//    that hold a single text (a title, "单位：万元") before the first row
//    with two are paragraphs, as in the text reader; the sheet's name is a
//    paragraph before them;
//  - hidden rows, columns and sheets are noted (xlsx.hidden_rows,
//    xlsx.hidden_columns; hidden sheets are left out: xlsx.hidden_sheet).
// Locations: `line` is the sheet row (1-based, as Excel numbers it), `offset`
// the byte offset of the cell in its sheet part.
#include <jixiao/document.hpp>

#include "detail/limits.hpp"
#include "detail/utf8.hpp"
#include "read/opc/readers.hpp"
#include "read/opc/xml.hpp"
#include "read/xlsx/numfmt.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <optional>

namespace jixiao {

namespace detail {

namespace {

constexpr std::string_view ns_main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr std::string_view ns_main_strict = "http://purl.oclc.org/ooxml/spreadsheetml/main";

constexpr std::uint32_t excel_rows = 1'048'576;
constexpr std::uint32_t excel_cols = 16'384;

bool is_sml(pugi::xml_node n, std::string_view local) { return is(n, ns_main, local) || is(n, ns_main_strict, local); }

// Children by local name: the sheet parts use one namespace throughout, so
// the root's is checked once and local names suffice below it.
pugi::xml_node child(pugi::xml_node n, std::string_view local) {
    for (pugi::xml_node c : n.children())
        if (c.type() == pugi::node_element && local_name(c.name()) == local) return c;
    return {};
}

bool ends_with(std::string_view s, std::string_view x) { return s.size() >= x.size() && s.substr(s.size() - x.size()) == x; }

std::optional<std::uint32_t> to_u32(std::string_view s) {
    std::uint32_t v = 0;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

// "AB12" → column 27 (0-based), row 11 (0-based); "AB" or "12" alone fill one part.
struct cell_ref {
    std::optional<std::uint32_t> col, row;
};
cell_ref parse_ref(std::string_view r) {
    cell_ref out;
    std::size_t i = 0;
    std::uint64_t col = 0;
    while (i < r.size() && r[i] == '$') ++i;
    const std::size_t letters = i;
    for (; i < r.size() && ((r[i] >= 'A' && r[i] <= 'Z') || (r[i] >= 'a' && r[i] <= 'z')); ++i) {
        col = col * 26 + static_cast<std::uint64_t>((r[i] | 0x20) - 'a' + 1);
        if (col > excel_cols) return {};
    }
    if (i > letters) out.col = static_cast<std::uint32_t>(col - 1);
    while (i < r.size() && r[i] == '$') ++i;
    if (i < r.size()) {
        const auto row = to_u32(r.substr(i));
        if (!row || *row == 0 || *row > excel_rows) return {};
        out.row = *row - 1;
    }
    return out;
}

std::string column_name(std::uint32_t c) {
    std::string s;
    for (std::uint64_t n = std::uint64_t{c} + 1; n > 0; n = (n - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (n - 1) % 26));
    return s;
}

// The text of a shared or inline string: <t>, or the <t> of each <r> run;
// phonetic runs (<rPh>) are guides, not text.
std::string string_item(pugi::xml_node si) {
    std::string out;
    for (pugi::xml_node c : si.children()) {
        const std::string_view l = local_name(c.name());
        if (l == "t") out += c.text().get();
        else if (l == "r")
            if (pugi::xml_node t = child(c, "t")) out += t.text().get();
    }
    return out;
}

struct raw_sheet_cell {
    std::uint32_t row, col;
    std::string text;
    location at;
};

struct merge {
    std::uint32_t r0, c0, r1, c1;  // inclusive
};

class workbook_reader {
public:
    workbook_reader(package& pkg, const std::string& part, const read_options& opts, diagnostics& out)
        : pkg_(pkg), part_(part), lim_(opts.lim), out_(out) {}

    result<raw_document> read() {
        auto wb_bytes = pkg_.read(part_);
        if (!wb_bytes) return wb_bytes.err();
        auto wb = parse_xml(std::move(wb_bytes.value()), part_);
        if (!wb) return wb.err();
        const pugi::xml_node root = wb.value()->doc.document_element();
        if (!is_sml(root, "workbook"))
            return error{errc::missing_part, fmt::format("{} is not a SpreadsheetML workbook", part_), {}, {}};
        if (pugi::xml_node pr = child(root, "workbookPr")) {
            const std::string_view v = pr.attribute("date1904").value();
            date1904_ = v == "1" || v == "true";
        }
        auto rels = pkg_.relationships(part_);
        if (!rels) return rels.err();
        std::map<std::string, std::string> targets;
        for (const auto& r : rels.value()) {
            if (r.external) continue;
            targets[r.id] = r.target;
            if (ends_with(r.type, "/sharedStrings")) strings_part_ = r.target;
            if (ends_with(r.type, "/styles")) styles_part_ = r.target;
        }
        if (auto e = load_shared_strings()) return std::move(*e);
        if (auto e = load_styles()) return std::move(*e);

        raw_document doc;
        for (pugi::xml_node s : child(root, "sheets").children()) {
            if (local_name(s.name()) != "sheet") continue;
            const std::string name = s.attribute("name").value();
            const std::string_view state = s.attribute("state").value();
            if (state == "hidden" || state == "veryHidden") {
                out_.push_back({severity::info, "xlsx.hidden_sheet", fmt::format("sheet '{}' is hidden in Excel: left out", name), {}});
                continue;
            }
            const auto t = targets.find(attr(s, "id").value());
            if (t == targets.end())
                return error{errc::missing_part, fmt::format("{}: sheet '{}' names no part (r:id {})", part_, name, attr(s, "id").value()), {}, {}};
            if (auto e = sheet(t->second, name, doc)) return std::move(*e);
        }
        return doc;
    }

private:
    std::optional<error> load_shared_strings() {
        if (strings_part_.empty() || !pkg_.has(strings_part_)) return std::nullopt;
        auto bytes = pkg_.read(strings_part_);
        if (!bytes) return bytes.err();
        auto x = parse_xml(std::move(bytes.value()), strings_part_);
        if (!x) return x.err();
        for (pugi::xml_node si : x.value()->doc.document_element().children())
            if (local_name(si.name()) == "si") strings_.push_back(string_item(si));
        return std::nullopt;
    }

    std::optional<error> load_styles() {
        if (styles_part_.empty() || !pkg_.has(styles_part_)) return std::nullopt;
        auto bytes = pkg_.read(styles_part_);
        if (!bytes) return bytes.err();
        auto x = parse_xml(std::move(bytes.value()), styles_part_);
        if (!x) return x.err();
        const pugi::xml_node root = x.value()->doc.document_element();
        std::map<std::uint32_t, std::string> custom;
        for (pugi::xml_node f : child(root, "numFmts").children())
            if (local_name(f.name()) == "numFmt")
                if (auto id = to_u32(f.attribute("numFmtId").value())) custom[*id] = f.attribute("formatCode").value();
        for (pugi::xml_node xf : child(root, "cellXfs").children()) {
            if (local_name(xf.name()) != "xf") continue;
            const std::uint32_t id = to_u32(xf.attribute("numFmtId").value()).value_or(0);
            const auto c = custom.find(id);
            formats_.push_back(c != custom.end() ? c->second : std::string(builtin_number_format(id)));
        }
        return std::nullopt;
    }

    location at(pugi::xml_node n, std::uint32_t row) const {
        location a;
        a.line = static_cast<int>(row + 1);
        if (n.offset_debug() >= 0) a.offset = static_cast<std::uint64_t>(n.offset_debug());
        return a;
    }

    std::string cell_text(pugi::xml_node c, const std::string& ref, const location& a) {
        const std::string_view type = c.attribute("t").value();
        const pugi::xml_node v = child(c, "v");
        if (type == "inlineStr") {
            if (pugi::xml_node is = child(c, "is")) return string_item(is);
            return {};
        }
        if (!v) return {};
        const std::string_view value = v.text().get();
        if (type == "s") {
            const auto i = to_u32(value);
            if (i && *i < strings_.size()) return strings_[*i];
            out_.push_back({severity::warning, "xlsx.bad_shared_string",
                            fmt::format("cell {} points at shared string {}, which does not exist: read as empty", ref, value), a});
            return {};
        }
        if (type == "b") return value == "1" ? "TRUE" : "FALSE";
        if (type == "str" || type == "e" || type == "d") return std::string(value);
        // A number (t="n" or no type).
        double d = 0;
        const auto [p, ec] = std::from_chars(value.data(), value.data() + value.size(), d);
        if (ec != std::errc() || p != value.data() + value.size()) return std::string(value);
        const std::uint32_t style = to_u32(c.attribute("s").value()).value_or(0);
        return format_number(d, style < formats_.size() ? formats_[style] : std::string_view{}, date1904_);
    }

    std::optional<error> sheet(const std::string& sheet_part, const std::string& name, raw_document& doc) {
        auto bytes = pkg_.read(sheet_part);
        if (!bytes) return bytes.err();
        auto x = parse_xml(std::move(bytes.value()), sheet_part);
        if (!x) return x.err();
        const pugi::xml_node root = x.value()->doc.document_element();
        if (!is_sml(root, "worksheet")) {
            out_.push_back({severity::info, "xlsx.not_a_worksheet", fmt::format("sheet '{}' ({}) is not a worksheet: left out", name, sheet_part), {}});
            return std::nullopt;
        }
        // Cells with text, in the order written.
        std::vector<raw_sheet_cell> cells;
        std::vector<std::uint32_t> hidden_rows;
        std::uint32_t next_row = 0;
        for (pugi::xml_node row : child(root, "sheetData").children()) {
            if (local_name(row.name()) != "row") continue;
            std::uint32_t r = next_row;
            if (auto n = to_u32(row.attribute("r").value()); n && *n >= 1 && *n <= excel_rows) r = *n - 1;
            next_row = r + 1;
            const std::string_view hid = row.attribute("hidden").value();
            if (hid == "1" || hid == "true") hidden_rows.push_back(r);
            std::uint32_t next_col = 0;
            for (pugi::xml_node c : row.children()) {
                if (local_name(c.name()) != "c") continue;
                std::uint32_t col = next_col;
                if (const char* ref = c.attribute("r").value(); *ref != '\0') {
                    const cell_ref cr = parse_ref(ref);
                    if (!cr.col) {
                        out_.push_back({severity::warning, "xlsx.bad_reference", fmt::format("a cell with reference '{}' in sheet '{}': left out", ref, name), at(c, r)});
                        continue;
                    }
                    col = *cr.col;
                }
                next_col = col + 1;
                const std::string ref = column_name(col) + std::to_string(r + 1);
                const location a = at(c, r);
                std::string text = cell_text(c, ref, a);
                if (text.empty()) continue;
                if (text.size() > lim_.max_cell_bytes)
                    return limit_breach("max_cell_bytes", fmt::format("{}: cell {} holds more than {} bytes", sheet_part, ref, lim_.max_cell_bytes), a);
                if (cells.size() >= lim_.max_cells)
                    return limit_breach("max_cells", fmt::format("{}: sheet '{}' has more than {} cells", sheet_part, name, lim_.max_cells), a);
                cells.push_back({r, col, std::move(text), a});
            }
        }
        std::vector<merge> merges;
        for (pugi::xml_node m : child(root, "mergeCells").children()) {
            if (local_name(m.name()) != "mergeCell") continue;
            const std::string_view ref = m.attribute("ref").value();
            const std::size_t colon = ref.find(':');
            const cell_ref a = parse_ref(ref.substr(0, colon));
            const cell_ref b = colon == std::string_view::npos ? a : parse_ref(ref.substr(colon + 1));
            if (!a.col || !a.row || !b.col || !b.row) {
                out_.push_back({severity::warning, "xlsx.bad_reference", fmt::format("a merged range '{}' in sheet '{}': left out", ref, name), {}});
                continue;
            }
            merges.push_back({std::min(*a.row, *b.row), std::min(*a.col, *b.col), std::max(*a.row, *b.row), std::max(*a.col, *b.col)});
        }
        std::vector<std::pair<std::uint32_t, std::uint32_t>> hidden_cols;
        for (pugi::xml_node c : child(root, "cols").children()) {
            const std::string_view hid = c.attribute("hidden").value();
            if (local_name(c.name()) == "col" && (hid == "1" || hid == "true"))
                hidden_cols.emplace_back(to_u32(c.attribute("min").value()).value_or(1), to_u32(c.attribute("max").value()).value_or(1));
        }
        note_hidden(name, cells, hidden_rows, hidden_cols);
        return build(name, std::move(cells), merges, doc);
    }

    // Hidden rows and columns that hold text: read like the others, noted.
    void note_hidden(const std::string& name, const std::vector<raw_sheet_cell>& cells, std::vector<std::uint32_t>& rows,
                     const std::vector<std::pair<std::uint32_t, std::uint32_t>>& cols) {
        std::sort(rows.begin(), rows.end());
        std::vector<std::uint32_t> rows_with_text;
        for (const raw_sheet_cell& c : cells)
            if (std::binary_search(rows.begin(), rows.end(), c.row)) rows_with_text.push_back(c.row + 1);
        rows_with_text.erase(std::unique(rows_with_text.begin(), rows_with_text.end()), rows_with_text.end());
        if (!rows_with_text.empty()) {
            location a;
            a.line = static_cast<int>(rows_with_text.front());
            out_.push_back({severity::info, "xlsx.hidden_rows",
                            fmt::format("sheet '{}': {} row(s) hidden in Excel hold text (first: row {}): read all the same", name,
                                        rows_with_text.size(), rows_with_text.front()), a});
        }
        std::uint32_t hidden_with_text = 0, first = 0;
        for (const auto& [lo, hi] : cols)
            for (const raw_sheet_cell& c : cells)
                if (c.col + 1 >= lo && c.col + 1 <= hi) {
                    if (hidden_with_text++ == 0) first = c.col;
                    break;
                }
        if (hidden_with_text > 0)
            out_.push_back({severity::info, "xlsx.hidden_columns",
                            fmt::format("sheet '{}': hidden column ranges hold text (first: column {}): read all the same", name, column_name(first)), {}});
    }

    std::optional<error> build(const std::string& name, std::vector<raw_sheet_cell> cells, std::vector<merge>& merges, raw_document& doc) {
        // The used range: rows and columns holding text.
        if (cells.empty()) {
            out_.push_back({severity::info, "xlsx.empty_sheet", fmt::format("sheet '{}' holds no text: no table", name), {}});
            return std::nullopt;
        }
        std::uint32_t r0 = excel_rows, r1 = 0, c0 = excel_cols, c1 = 0;
        for (const raw_sheet_cell& c : cells) {
            r0 = std::min(r0, c.row), r1 = std::max(r1, c.row);
            c0 = std::min(c0, c.col), c1 = std::max(c1, c.col);
        }
        // Leading rows of one text: the title and notes above the table.
        std::sort(cells.begin(), cells.end(), [](const auto& a, const auto& b) { return a.row != b.row ? a.row < b.row : a.col < b.col; });
        paragraph sheet_name;
        sheet_name.text = name;
        sheet_name.before_table = doc.tables.size();
        doc.paragraphs.push_back(std::move(sheet_name));
        std::size_t k = 0;
        while (k < cells.size()) {
            std::size_t e = k;
            while (e < cells.size() && cells[e].row == cells[k].row) ++e;
            if (e - k > 1 || detail::trim(cells[k].text).empty()) break;
            if (e == cells.size()) break;  // a sheet of one column is a table
            paragraph p;
            p.text = cells[k].text;
            p.at = cells[k].at;
            p.before_table = doc.tables.size();
            doc.paragraphs.push_back(std::move(p));
            r0 = cells[e].row;
            k = e;
        }
        cells.erase(cells.begin(), cells.begin() + static_cast<std::ptrdiff_t>(k));
        c0 = excel_cols, c1 = 0;
        for (const raw_sheet_cell& c : cells) c0 = std::min(c0, c.col), c1 = std::max(c1, c.col);

        const std::uint64_t height = std::uint64_t{r1} - r0 + 1, width = std::uint64_t{c1} - c0 + 1;
        location corner = cells.front().at;
        if (height > lim_.max_rows)
            return limit_breach("max_rows", fmt::format("sheet '{}' uses {} rows, more than {}", name, height, lim_.max_rows), corner);
        if (width > lim_.max_cols)
            return limit_breach("max_cols", fmt::format("sheet '{}' uses {} columns ({} to {}), more than {}", name, width, column_name(c0),
                                                        column_name(c1), lim_.max_cols), corner);
        if (height * width > lim_.max_grid_slots)
            return limit_breach("max_grid_slots",
                                fmt::format("sheet '{}' uses {} rows × {} columns, more than {} grid slots", name, height, width, lim_.max_grid_slots),
                                corner);
        const auto W = static_cast<std::uint32_t>(width), H = static_cast<std::uint32_t>(height);
        // Slots: the cell at each (index + 1; 0 empty), and the merged range (−1 none).
        std::vector<std::uint32_t> slot(std::size_t{H} * W, 0);
        auto idx = [&](std::uint32_t r, std::uint32_t c) { return std::size_t{r - r0} * W + (c - c0); };
        for (std::size_t i = 0; i < cells.size(); ++i) slot[idx(cells[i].row, cells[i].col)] = static_cast<std::uint32_t>(i + 1);
        std::vector<merge> kept;
        std::vector<std::int32_t> merge_at(std::size_t{H} * W, -1);
        for (const merge& m0 : merges) {
            if (m0.r1 < r0 || m0.r0 > r1 || m0.c1 < c0 || m0.c0 > c1) continue;
            merge m{std::max(m0.r0, r0), std::max(m0.c0, c0), std::min(m0.r1, r1), std::min(m0.c1, c1)};
            if (m.r0 != m0.r0 || m.c0 != m0.c0) continue;  // its anchor lies outside the used range: nothing to show
            bool overlap = false;
            for (std::uint32_t r = m.r0; r <= m.r1 && !overlap; ++r)
                for (std::uint32_t c = m.c0; c <= m.c1 && !overlap; ++c) overlap = merge_at[idx(r, c)] >= 0;
            if (overlap) {
                out_.push_back({severity::warning, "xlsx.merge_overlap",
                                fmt::format("sheet '{}': merged range {}{}:{}{} overlaps another: left out", name, column_name(m.c0), m.r0 + 1,
                                            column_name(m.c1), m.r1 + 1), {}});
                continue;
            }
            for (std::uint32_t r = m.r0; r <= m.r1; ++r)
                for (std::uint32_t c = m.c0; c <= m.c1; ++c) merge_at[idx(r, c)] = static_cast<std::int32_t>(kept.size());
            kept.push_back(m);
        }

        raw_table t;
        t.spans_declared = true;
        t.declared_cols = W;
        const int index = static_cast<int>(doc.tables.size());
        t.at = corner;
        t.at.table = index;
        for (std::uint32_t r = r0; r <= r1; ++r) {
            raw_row row;
            row.at.line = static_cast<int>(r + 1);
            row.at.table = index;
            for (std::uint32_t c = c0; c <= c1;) {
                const std::int32_t mi = merge_at[idx(r, c)];
                raw_cell cell;
                cell.at = row.at;
                if (const std::uint32_t s = slot[idx(r, c)]; s > 0) cell.at = cells[s - 1].at;
                cell.at.table = index;
                if (mi >= 0) {
                    const merge& m = kept[static_cast<std::size_t>(mi)];
                    cell.colspan = m.c1 - m.c0 + 1;
                    if (r == m.r0) {
                        if (const std::uint32_t s = slot[idx(r, c)]; s > 0) cell.text = std::move(cells[s - 1].text);
                        cell.vertical = m.r1 > m.r0 ? vmerge::restart : vmerge::none;
                    } else {
                        cell.vertical = vmerge::continue_;
                    }
                    row.cells.push_back(std::move(cell));
                    c += m.c1 - m.c0 + 1;
                    continue;
                }
                if (const std::uint32_t s = slot[idx(r, c)]; s > 0) cell.text = std::move(cells[s - 1].text);
                row.cells.push_back(std::move(cell));
                ++c;
            }
            t.rows.push_back(std::move(row));
        }
        doc.tables.push_back(std::move(t));
        return std::nullopt;
    }

    package& pkg_;
    const std::string& part_;
    const limits& lim_;
    diagnostics& out_;
    std::string strings_part_, styles_part_;
    std::vector<std::string> strings_;
    std::vector<std::string> formats_;  // per cellXfs entry
    bool date1904_ = false;
};

}  // namespace

result<raw_document> read_spreadsheet(package& pkg, const std::string& part, const read_options& opts, diagnostics& out) {
    workbook_reader w(pkg, part, opts, out);
    return w.read();
}

}  // namespace detail

inline namespace v0 {

result<raw_document> read_xlsx(std::string_view bytes, const read_options& opts, diagnostics& out, std::string& part) {
    auto pkg = detail::package::open(bytes, opts.lim);
    if (!pkg) return pkg.err();
    auto main = detail::find_main_part(pkg.value());
    if (!main) return main.err();
    part = main.value().part;
    if (main.value().kind != detail::package_kind::spreadsheet)
        return error{errc::unsupported, fmt::format("not an Excel workbook (the main part {} is no workbook)", part), {}, {}};
    return detail::read_spreadsheet(pkg.value(), part, opts, out);
}

}  // namespace v0
}  // namespace jixiao
