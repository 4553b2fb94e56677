// The main document part (word/document.xml or wherever the package puts it)
// to raw tables and paragraphs, in Word's accepted view of the document.
//
// What counts (ECMA-376 Part 1, §17):
//  - text: w:t in runs, m:t in equations; w:tab/w:ptab → TAB; w:br/w:cr → newline; w:noBreakHyphen
//    → '-'; w:softHyphen → nothing; w:sym → its character; paragraphs → '\n';
//  - wrappers that hold content: w:sdt/w:sdtContent (block, row, cell, run
//    level), w:customXml, w:smartTag, w:hyperlink, w:fldSimple (its result),
//    w:ins, w:moveTo, mc:AlternateContent (its first mc:Choice only);
//  - dropped: w:del, w:moveFrom, w:delText, w:instrText (field codes; the
//    result runs of a complex field are ordinary runs and stay), rows marked
//    deleted (w:trPr/w:del), cells marked deleted (w:tcPr/w:cellDel),
//    drawings and pictures (their text boxes float outside the cell flow);
//  - tables: w:tblGrid, and per row w:gridBefore/w:gridAfter/w:tblHeader, per
//    cell w:gridSpan/w:vMerge/w:hMerge, all recorded for the grid stage.
// Elements are recognized by namespace URI, so Strict OOXML and documents
// with other prefixes (ns0:) read the same.
#include "read/docx/document_xml.hpp"

#include "detail/limits.hpp"
#include "detail/symbol.hpp"
#include "detail/utf8.hpp"
#include "read/opc/xml.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <vector>

namespace jixiao::detail {

namespace {

// --- namespaces and element names -------------------------------------------

enum class ns : std::uint8_t { other, w, mc, m };

ns ns_of_uri(std::string_view uri) {
    if (uri == "http://schemas.openxmlformats.org/wordprocessingml/2006/main" ||
        uri == "http://purl.oclc.org/ooxml/wordprocessingml/main")
        return ns::w;
    if (uri == "http://schemas.openxmlformats.org/markup-compatibility/2006") return ns::mc;
    if (uri == "http://schemas.openxmlformats.org/officeDocument/2006/math" || uri == "http://purl.oclc.org/ooxml/officeDocument/math")
        return ns::m;
    return ns::other;
}

enum class tag : std::uint8_t {
    other,
    // structure
    body, p, r, tbl, tr, tc, tblGrid, gridCol, pPr, rPr, trPr, tcPr, tblPr, sectPr,
    // text
    t, tab, ptab, br, cr, noBreakHyphen, softHyphen, sym,
    // dropped content
    del, moveFrom, delText, instrText, delInstrText, drawing, pict, object, cellDel,
    // kept wrappers
    ins, moveTo, sdt, sdtContent, sdtPr, sdtEndPr, customXml, customXmlPr, smartTag, smartTagPr, hyperlink, fldSimple,
    // table properties
    gridSpan, vMerge, hMerge, gridBefore, gridAfter, tblHeader,
    // markup compatibility
    alternate_content, choice, fallback,
    // Office Math: the text of an equation (m:t), kept as plain text
    math_t,
};

constexpr std::pair<std::string_view, tag> w_tags[] = {
    {"body", tag::body}, {"br", tag::br}, {"cellDel", tag::cellDel}, {"cr", tag::cr}, {"customXml", tag::customXml},
    {"customXmlPr", tag::customXmlPr}, {"del", tag::del}, {"delInstrText", tag::delInstrText}, {"delText", tag::delText},
    {"drawing", tag::drawing}, {"fldSimple", tag::fldSimple}, {"gridAfter", tag::gridAfter}, {"gridBefore", tag::gridBefore},
    {"gridCol", tag::gridCol}, {"gridSpan", tag::gridSpan}, {"hMerge", tag::hMerge}, {"hyperlink", tag::hyperlink},
    {"ins", tag::ins}, {"instrText", tag::instrText}, {"moveFrom", tag::moveFrom}, {"moveTo", tag::moveTo},
    {"noBreakHyphen", tag::noBreakHyphen}, {"object", tag::object}, {"p", tag::p}, {"pPr", tag::pPr}, {"pict", tag::pict},
    {"ptab", tag::ptab}, {"r", tag::r}, {"rPr", tag::rPr}, {"sdt", tag::sdt}, {"sdtContent", tag::sdtContent},
    {"sdtEndPr", tag::sdtEndPr}, {"sdtPr", tag::sdtPr}, {"sectPr", tag::sectPr}, {"smartTag", tag::smartTag},
    {"smartTagPr", tag::smartTagPr}, {"softHyphen", tag::softHyphen}, {"sym", tag::sym}, {"t", tag::t}, {"tab", tag::tab},
    {"tbl", tag::tbl}, {"tblGrid", tag::tblGrid}, {"tblHeader", tag::tblHeader}, {"tblPr", tag::tblPr}, {"tc", tag::tc},
    {"tcPr", tag::tcPr}, {"tr", tag::tr}, {"trPr", tag::trPr}, {"vMerge", tag::vMerge},
};

// Equality of short strings (element names, prefixes) without a library call:
// most are one to a dozen bytes, and this runs for every element of the part.
bool same(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i)
        if (a[i] != b[i]) return false;
    return true;
}

// w: local names → tags, through an open-addressing hash table built once.
class w_tag_table {
public:
    w_tag_table() {
        static_assert(std::size(w_tags) < slots / 2);
        for (std::size_t i = 0; i < std::size(w_tags); ++i) {
            std::size_t h = hash(w_tags[i].first);
            while (index_[h] != 0) h = (h + 1) & (slots - 1);
            index_[h] = static_cast<std::uint8_t>(i + 1);
        }
    }
    tag find(std::string_view local) const noexcept {
        for (std::size_t h = hash(local);; h = (h + 1) & (slots - 1)) {
            const std::uint8_t i = index_[h];
            if (i == 0) return tag::other;
            if (same(w_tags[i - 1].first, local)) return w_tags[i - 1].second;
        }
    }

private:
    static constexpr std::size_t slots = 256;
    static std::size_t hash(std::string_view s) noexcept {
        std::size_t h = s.size();
        for (char c : s) h = h * 33 + static_cast<unsigned char>(c);
        return h & (slots - 1);
    }
    std::array<std::uint8_t, slots> index_{};
};

tag w_tag(std::string_view local) {
    static const w_tag_table table;
    return table.find(local);
}

// The children of a node, stepped with first_child / next_sibling: pugixml's
// own range costs five library calls to set up and three per step, and most
// elements here have one to three children.
struct kids {
    explicit kids(pugi::xml_node parent) : first(parent.first_child()) {}
    struct iterator {
        pugi::xml_node n;
        pugi::xml_node operator*() const { return n; }
        iterator& operator++() {
            n = n.next_sibling();
            return *this;
        }
        bool operator!=(const iterator&) const { return static_cast<bool>(n); }  // only ever compared with end()
    };
    iterator begin() const { return {first}; }
    iterator end() const { return {}; }
    pugi::xml_node first;
};

// Prefix → namespace, scoped like the XML it came from. Declarations sit on
// the root element in practice, so the last prefix resolved is remembered
// until the declarations in scope change.
class scopes {
public:
    std::size_t enter(pugi::xml_node n) {
        const std::size_t mark = map_.size();
        for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) {
            const char* name = a.name();
            if (name[0] != 'x' || name[1] != 'm' || name[2] != 'l' || name[3] != 'n' || name[4] != 's') continue;
            if (name[5] == '\0') map_.emplace_back(std::string_view{}, ns_of_uri(a.value()));
            else if (name[5] == ':') map_.emplace_back(std::string_view(name + 6), ns_of_uri(a.value()));
        }
        if (map_.size() != mark) memo_valid_ = false;
        return mark;
    }
    void leave(std::size_t mark) {
        if (map_.size() != mark) {
            map_.resize(mark);
            memo_valid_ = false;
        }
    }

    tag classify(pugi::xml_node n) const {
        if (n.type() != pugi::node_element) return tag::other;
        const char* q = n.name();
        std::size_t colon = 0, end = 0;
        for (; q[end] != '\0'; ++end)
            if (q[end] == ':' && colon == 0) colon = end + 1;
        const std::string_view prefix(q, colon == 0 ? 0 : colon - 1);
        const std::string_view local(q + colon, end - colon);
        const ns space = resolve(prefix);
        if (space == ns::w) return w_tag(local);
        if (space == ns::m && local == "t") return tag::math_t;
        if (space == ns::mc) {
            if (local == "AlternateContent") return tag::alternate_content;
            if (local == "Choice") return tag::choice;
            if (local == "Fallback") return tag::fallback;
        }
        return tag::other;
    }

private:
    ns resolve(std::string_view prefix) const {
        if (memo_valid_ && same(prefix, memo_prefix_)) return memo_ns_;
        ns space = ns::other;
        for (auto it = map_.rbegin(); it != map_.rend(); ++it)
            if (same(it->first, prefix)) {
                space = it->second;
                break;
            }
        memo_prefix_ = prefix;  // points into the parsed part, which outlives the walk
        memo_ns_ = space;
        memo_valid_ = true;
        return space;
    }

    std::vector<std::pair<std::string_view, ns>> map_;
    mutable std::string_view memo_prefix_;
    mutable ns memo_ns_ = ns::other;
    mutable bool memo_valid_ = false;
};

// Internal failure, caught at the read_document_xml boundary.
struct walk_failure {
    error e;
};

std::uint32_t to_u32(std::string_view s, std::uint32_t fallback) {
    std::uint32_t v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return (ec == std::errc() && ptr == s.data() + s.size()) ? v : fallback;
}

class walker {
public:
    walker(std::string_view part, const read_options& opts, diagnostics& out, raw_document& doc)
        : part_(part), lim_(opts.lim), out_(out), doc_(doc) {}

    void document(pugi::xml_node root) {
        const std::size_t mark = ns_.enter(root);
        for (pugi::xml_node n : kids(root))
            if (classify(n) == tag::body) {
                const std::size_t m2 = ns_.enter(n);
                block_children(n, 1);
                ns_.leave(m2);
            }
        ns_.leave(mark);
    }

private:
    tag classify(pugi::xml_node n) const { return ns_.classify(n); }

    // Whether n's name ends in `local`: a cheap test before classify() when
    // looking for one element among its siblings (the properties of a row or cell).
    static bool named(pugi::xml_node n, std::string_view local) {
        const std::string_view q = n.name();
        return q.size() >= local.size() && same(q.substr(q.size() - local.size()), local);
    }

    location at(pugi::xml_node n) const {
        location a;
        const std::ptrdiff_t off = n.offset_debug();
        if (off >= 0) a.offset = static_cast<std::uint64_t>(off);
        return a;
    }

    void deeper(pugi::xml_node n, std::uint32_t depth) const {
        if (depth > lim_.max_xml_depth) {
            const location a = at(n);
            throw walk_failure{limit_breach("max_xml_depth", fmt::format("{}: elements nested more than {} deep at byte {}", part_,
                                                                         lim_.max_xml_depth, a.offset), a)};
        }
    }

    // mc:AlternateContent: the first Choice, else the Fallback; never both.
    pugi::xml_node branch(pugi::xml_node ac) const {
        pugi::xml_node fallback;
        for (pugi::xml_node c : kids(ac)) {
            const tag t = classify(c);
            if (t == tag::choice) return c;
            if (t == tag::fallback && !fallback) fallback = c;
        }
        return fallback;
    }

    // --- block level ---------------------------------------------------------
    void block_children(pugi::xml_node parent, std::uint32_t depth) {
        for (pugi::xml_node n : kids(parent)) block(n, depth + 1);
    }

    void block(pugi::xml_node n, std::uint32_t depth) {
        if (n.type() != pugi::node_element) return;
        deeper(n, depth);
        const std::size_t mark = ns_.enter(n);
        switch (classify(n)) {
        case tag::p: {
            std::string text;
            paragraph_text(n, text, depth);
            if (!trim(text).empty()) {
                paragraph p;
                p.text = std::move(text);
                p.before_table = doc_.tables.size();
                p.at = at(n);
                doc_.paragraphs.push_back(std::move(p));
            }
            break;
        }
        case tag::tbl: table(n, -1, depth, 0); break;
        case tag::sdt:
            for (pugi::xml_node c : kids(n))
                if (classify(c) == tag::sdtContent) block_children(c, depth + 1);
            break;
        case tag::customXml:
        case tag::ins:
        case tag::moveTo:
        case tag::sdtContent: block_children(n, depth); break;
        case tag::alternate_content:
            if (pugi::xml_node b = branch(n)) block_children(b, depth + 1);
            break;
        default: break;  // sectPr, bookmarks, w:del and w:moveFrom (deleted content)
        }
        ns_.leave(mark);
    }

    // --- paragraphs and runs -------------------------------------------------
    // Appends the paragraph's text; returns whether its mark is deleted (then
    // it joins the next paragraph, as in Word's accepted view).
    bool paragraph_text(pugi::xml_node p, std::string& out, std::uint32_t depth) {
        bool mark_deleted = false;
        for (pugi::xml_node c : kids(p)) {
            if (c.type() != pugi::node_element) continue;
            const std::size_t mark = ns_.enter(c);
            const tag t = classify(c);
            if (t == tag::pPr) {
                for (pugi::xml_node rp : kids(c))
                    if (classify(rp) == tag::rPr)
                        for (pugi::xml_node d : kids(rp))
                            if (classify(d) == tag::del || classify(d) == tag::moveFrom) mark_deleted = true;
            } else {
                inline_content(c, t, out, depth + 1);
            }
            ns_.leave(mark);
        }
        return mark_deleted;
    }

    // `t` is classify(n).
    void inline_content(pugi::xml_node n, tag t, std::string& out, std::uint32_t depth) {
        deeper(n, depth);
        switch (t) {
        case tag::r: run(n, out, depth); return;
        case tag::del:
        case tag::moveFrom:
        case tag::pPr:
        case tag::rPr:
        case tag::sdtPr:
        case tag::sdtEndPr:
        case tag::customXmlPr:
        case tag::smartTagPr:
        case tag::drawing:
        case tag::pict:
        case tag::object: return;
        case tag::alternate_content:
            if (pugi::xml_node b = branch(n)) each_inline(b, out, depth);
            return;
        case tag::math_t:  // equations (m:oMath) keep the characters they show, as plain text
            for (pugi::xml_node d : kids(n))
                if (d.type() == pugi::node_pcdata || d.type() == pugi::node_cdata) out += d.value();
            return;
        default:
            // w:hyperlink, w:smartTag, w:customXml, w:ins, w:moveTo, w:fldSimple,
            // w:sdt / w:sdtContent, w:bdo, w:dir and wrappers not listed: their runs count.
            each_inline(n, out, depth);
            return;
        }
    }

    void each_inline(pugi::xml_node parent, std::string& out, std::uint32_t depth) {
        for (pugi::xml_node c : kids(parent)) {
            if (c.type() != pugi::node_element) continue;
            const std::size_t mark = ns_.enter(c);
            inline_content(c, classify(c), out, depth + 1);
            ns_.leave(mark);
        }
    }

    void run(pugi::xml_node r, std::string& out, std::uint32_t depth) {
        for (pugi::xml_node c : kids(r)) {
            if (c.type() != pugi::node_element) continue;
            const std::size_t mark = ns_.enter(c);
            switch (classify(c)) {
            case tag::t:
                for (pugi::xml_node d : kids(c))
                    if (d.type() == pugi::node_pcdata || d.type() == pugi::node_cdata) out += d.value();
                break;
            case tag::tab:
            case tag::ptab: out += '\t'; break;
            case tag::br:
            case tag::cr: out += '\n'; break;
            case tag::noBreakHyphen: out += '-'; break;
            case tag::sym: {
                const std::string_view hex = attr(c, "char").value();
                std::uint32_t cp = 0;
                const auto [ptr, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), cp, 16);
                if (ec == std::errc() && ptr == hex.data() + hex.size() && cp > 0 && cp < 0x110000 && (cp < 0xD800 || cp > 0xDFFF))
                    append_utf8(out, symbol_char(attr(c, "font").value(), cp));
                break;
            }
            case tag::alternate_content:
                if (pugi::xml_node b = branch(c)) {
                    deeper(c, depth + 1);
                    run(b, out, depth + 1);
                }
                break;
            default: break;  // rPr, delText, instrText, fldChar, softHyphen, drawings, footnote references
            }
            ns_.leave(mark);
        }
    }

    // --- tables --------------------------------------------------------------
    // Reads a w:tbl into doc_.tables (pre-order: this table, then the tables
    // nested in it) and returns its index.
    std::uint32_t table(pugi::xml_node tbl, int parent, std::uint32_t depth, std::uint32_t nesting) {
        if (nesting >= lim_.max_table_nesting) {
            const location a = at(tbl);
            throw walk_failure{limit_breach("max_table_nesting", fmt::format("{}: tables nested more than {} deep at byte {}",
                                                                             part_, lim_.max_table_nesting, a.offset), a)};
        }
        const auto index = static_cast<std::uint32_t>(doc_.tables.size());
        doc_.tables.emplace_back();  // reserved: nested tables come after it
        raw_table t;
        t.spans_declared = true;
        t.parent = parent;
        t.at = at(tbl);
        t.at.table = static_cast<int>(index);
        std::uint64_t cells = 0;
        rows(tbl, t, index, depth, nesting, cells);
        // The grid will have a slot per row and column: bound it before it is built.
        std::uint64_t width = t.declared_cols;
        for (const raw_row& r : t.rows) {
            std::uint64_t w = std::uint64_t{r.grid_before} + r.grid_after;
            for (const raw_cell& c : r.cells) w += c.colspan;
            width = std::max(width, w);
        }
        if (width * t.rows.size() > lim_.max_grid_slots)
            limit(tbl, "max_grid_slots",
                  fmt::format("a table of {} rows and {} columns needs more than {} grid slots", t.rows.size(), width, lim_.max_grid_slots));
        doc_.tables[index] = std::move(t);
        return index;
    }

    void rows(pugi::xml_node parent, raw_table& t, std::uint32_t index, std::uint32_t depth, std::uint32_t nesting, std::uint64_t& cells) {
        for (pugi::xml_node n : kids(parent)) {
            if (n.type() != pugi::node_element) continue;
            deeper(n, depth + 1);
            const std::size_t mark = ns_.enter(n);
            switch (classify(n)) {
            case tag::tblGrid:
                for (pugi::xml_node g : kids(n))
                    if (classify(g) == tag::gridCol) ++t.declared_cols;
                break;
            case tag::tr: row(n, t, index, depth + 1, nesting, cells); break;
            case tag::sdt:
                for (pugi::xml_node c : kids(n))
                    if (classify(c) == tag::sdtContent) rows(c, t, index, depth + 2, nesting, cells);
                break;
            case tag::customXml:
            case tag::ins:
            case tag::moveTo: rows(n, t, index, depth + 1, nesting, cells); break;
            case tag::alternate_content:
                if (pugi::xml_node b = branch(n)) rows(b, t, index, depth + 2, nesting, cells);
                break;
            default: break;
            }
            ns_.leave(mark);
        }
    }

    void row(pugi::xml_node tr, raw_table& t, std::uint32_t index, std::uint32_t depth, std::uint32_t nesting, std::uint64_t& cells) {
        raw_row row;
        row.at = at(tr);
        row.at.table = static_cast<int>(index);
        bool deleted = false;
        for (pugi::xml_node c : kids(tr)) {
            if (!named(c, "trPr") || classify(c) != tag::trPr) continue;
            for (pugi::xml_node pr : kids(c)) {
                switch (classify(pr)) {
                case tag::gridBefore: row.grid_before = std::min(to_u32(attr(pr, "val").value(), 0), lim_.max_cols); break;
                case tag::gridAfter: row.grid_after = std::min(to_u32(attr(pr, "val").value(), 0), lim_.max_cols); break;
                case tag::tblHeader: row.repeated_header = on_off(pr); break;
                case tag::del: deleted = true; break;
                default: break;
                }
            }
        }
        if (deleted) {
            location a = row.at;
            out_.push_back({severity::info, "docx.deleted_row",
                            "a row deleted with tracked changes is left out (the accepted view)", a});
            return;
        }
        row_cells(tr, row, t, index, depth, nesting, cells);
        if (t.rows.size() >= lim_.max_rows) limit(tr, "max_rows", fmt::format("a table has more than {} rows", lim_.max_rows));
        t.rows.push_back(std::move(row));
    }

    void row_cells(pugi::xml_node parent, raw_row& row, raw_table& t, std::uint32_t index, std::uint32_t depth,
                   std::uint32_t nesting, std::uint64_t& cells) {
        for (pugi::xml_node n : kids(parent)) {
            if (n.type() != pugi::node_element) continue;
            deeper(n, depth + 1);
            const std::size_t mark = ns_.enter(n);
            switch (classify(n)) {
            case tag::tc: cell(n, row, t, index, depth + 1, nesting, cells); break;
            case tag::sdt:
                for (pugi::xml_node c : kids(n))
                    if (classify(c) == tag::sdtContent) row_cells(c, row, t, index, depth + 2, nesting, cells);
                break;
            case tag::customXml:
            case tag::ins:
            case tag::moveTo: row_cells(n, row, t, index, depth + 1, nesting, cells); break;
            case tag::alternate_content:
                if (pugi::xml_node b = branch(n)) row_cells(b, row, t, index, depth + 2, nesting, cells);
                break;
            default: break;
            }
            ns_.leave(mark);
        }
    }

    void cell(pugi::xml_node tc, raw_row& row, raw_table& t, std::uint32_t index, std::uint32_t depth, std::uint32_t nesting,
              std::uint64_t& cells) {
        (void)t;
        raw_cell c;
        c.at = at(tc);
        c.at.table = static_cast<int>(index);
        for (pugi::xml_node pr : kids(tc)) {
            if (!named(pr, "tcPr") || classify(pr) != tag::tcPr) continue;
            for (pugi::xml_node x : kids(pr)) {
                switch (classify(x)) {
                case tag::gridSpan: c.colspan = std::clamp<std::uint32_t>(to_u32(attr(x, "val").value(), 1), 1, lim_.max_cols); break;
                case tag::vMerge: c.vertical = std::string_view(attr(x, "val").value()) == "restart" ? vmerge::restart : vmerge::continue_; break;
                case tag::hMerge: c.horizontal = std::string_view(attr(x, "val").value()) == "restart" ? hmerge::restart : hmerge::continue_; break;
                case tag::cellDel:
                    out_.push_back({severity::info, "docx.deleted_cell", "a cell deleted with tracked changes is left out", c.at});
                    return;
                default: break;
                }
            }
        }
        // Content: paragraphs joined by '\n'; nested tables apart.
        bool first = true, joined = false;
        cell_blocks(tc, c, depth, nesting, first, joined);
        if (row.cells.size() >= lim_.max_cols) limit(tc, "max_cols", fmt::format("a row has more than {} cells", lim_.max_cols));
        if (++cells > lim_.max_cells) limit(tc, "max_cells", fmt::format("a table has more than {} cells", lim_.max_cells));
        if (c.text.size() > lim_.max_cell_bytes)
            limit(tc, "max_cell_bytes", fmt::format("a cell holds {} bytes of text, more than {}", c.text.size(), lim_.max_cell_bytes));
        row.cells.push_back(std::move(c));
    }

    void cell_blocks(pugi::xml_node parent, raw_cell& c, std::uint32_t depth, std::uint32_t nesting, bool& first, bool& joined) {
        for (pugi::xml_node n : kids(parent)) {
            if (n.type() != pugi::node_element) continue;
            deeper(n, depth + 1);
            const std::size_t mark = ns_.enter(n);
            switch (classify(n)) {
            case tag::p: {
                if (!first && !joined) c.text += '\n';
                first = false;
                joined = paragraph_text(n, c.text, depth + 1);
                break;
            }
            case tag::tbl: c.nested.push_back(table(n, static_cast<int>(c.at.table), depth + 1, nesting + 1)); break;
            case tag::sdt:
                for (pugi::xml_node s : kids(n))
                    if (classify(s) == tag::sdtContent) cell_blocks(s, c, depth + 2, nesting, first, joined);
                break;
            case tag::customXml:
            case tag::ins:
            case tag::moveTo: cell_blocks(n, c, depth + 1, nesting, first, joined); break;
            case tag::alternate_content:
                if (pugi::xml_node b = branch(n)) cell_blocks(b, c, depth + 2, nesting, first, joined);
                break;
            default: break;  // tcPr, w:del, bookmarks
            }
            ns_.leave(mark);
        }
    }

    // w:tblHeader and other on/off properties: present means on unless val says off.
    static bool on_off(pugi::xml_node n) {
        const std::string_view v = attr(n, "val").value();
        return !(v == "0" || v == "false" || v == "off");
    }

    [[noreturn]] void limit(pugi::xml_node n, const char* name, std::string msg) const {
        const location a = at(n);
        throw walk_failure{limit_breach(name, fmt::format("{}: {} (at byte {})", part_, msg, a.offset), a)};
    }

    std::string_view part_;
    const limits& lim_;
    diagnostics& out_;
    raw_document& doc_;
    scopes ns_;
};

}  // namespace

result<raw_document> read_document_xml(const xml_part& x, std::string_view part, const read_options& opts, diagnostics& out) {
    raw_document doc;
    try {
        walker w(part, opts, out, doc);
        w.document(x.doc.document_element());
    } catch (walk_failure& f) {
        return std::move(f.e);
    }
    return doc;
}

}  // namespace jixiao::detail
