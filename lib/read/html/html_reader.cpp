// HTML pages to raw tables and paragraphs (docs/html.md), through gumbo, an
// HTML5 parser: the tree is the one a browser builds (implied tbody, foster
// parenting, unclosed tags closed), so the reader only walks it.
//
// Text is what a browser shows, as innerText gives it: ASCII whitespace runs
// collapse to one space, and a run holding a line break between two wide
// (CJK) characters vanishes (CSS Text 3, segment break transformation: Word
// wraps long Chinese lines in its HTML); U+00A0 stays; <br> breaks the line,
// and a block (p, div, li, h1 …) is a paragraph, joined by '\n' in a cell as
// the .docx reader joins w:p. Hidden content (display:none, Word's
// mso-hide:all, the hidden attribute), scripts, styles, <del> (the accepted
// view, as for .docx) and comments — Word's conditional comments with them —
// are left out.
//
// Word's "Save as Web Page" markup is read as Word meant it:
//   <o:p>&nbsp;</o:p>        the mark of an empty paragraph: an empty line, not a U+00A0
//   mso-spacerun:yes         spaces kept as typed (U+00A0 there stands for a space)
//   mso-tab-count:N          N tabs
//   mso-cell-special:placeholder   a w:gridBefore/After cell: slots, not a cell
//   <![if !supportMisalignedColumns]> <tr>…</tr> <![endif]>   a layout row of empty cells: dropped
#include <jixiao/document.hpp>

#include "detail/limits.hpp"
#include "detail/utf8.hpp"
#include "read/html/ascii.hpp"
#include "read/html/charset.hpp"
#include "read/html/table_model.hpp"

#include <fmt/format.h>
#include <gumbo.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <limits>
#include <memory>
#include <vector>

namespace jixiao {
inline namespace v0 {

namespace {

// --- memory ---------------------------------------------------------------------
// Gumbo allocates through these; everything is released at once when the
// arena goes, so the tree is never walked to free it (gumbo's own
// gumbo_destroy_output recurses once per level of nesting).
class arena {
public:
    static void* allocate(void* self, std::size_t n) { return static_cast<arena*>(self)->take(n); }
    static void release(void*, void*) {}

private:
    void* take(std::size_t n) {
        n = (n + alignof(std::max_align_t) - 1) / alignof(std::max_align_t) * alignof(std::max_align_t);
        if (n > block / 4) {  // large: a block of its own
            big_.push_back(std::make_unique<std::byte[]>(n));
            return big_.back().get();
        }
        if (blocks_.empty() || used_ + n > block) {
            blocks_.push_back(std::make_unique<std::byte[]>(block));
            used_ = 0;
        }
        void* p = blocks_.back().get() + used_;
        used_ += n;
        return p;
    }
    static constexpr std::size_t block = 1u << 20;
    std::vector<std::unique_ptr<std::byte[]>> blocks_;
    std::vector<std::unique_ptr<std::byte[]>> big_;
    std::size_t used_ = 0;
};

// --- small helpers -----------------------------------------------------------------

struct walk_failure {
    error e;
};

using detail::ascii_lowered;
using detail::html_space;
using detail::html_trim;

// East Asian Wide and Fullwidth characters (UAX #11), whose line breaks in the
// source are not spaces (CSS Text 3 §4.1.3).
bool wide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) || (c >= 0x3041 && c <= 0x33FF) ||
           (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

// The HTML standard's rules for parsing non-negative integers: leading
// whitespace, an optional '+', digits; saturates. Empty when there are no digits.
std::optional<std::uint32_t> html_integer(std::string_view s) {
    while (!s.empty() && html_space(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    if (!s.empty() && s.front() == '+') s.remove_prefix(1);
    std::uint64_t v = 0;
    std::size_t i = 0;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) v = std::min<std::uint64_t>(v * 10 + static_cast<unsigned>(s[i] - '0'), 1u << 30);
    if (i == 0) return std::nullopt;
    return static_cast<std::uint32_t>(v);
}

const char* attribute(const GumboNode* n, const char* name) {
    const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a != nullptr ? a->value : nullptr;
}

// The declarations of a style attribute that matter here.
struct style {
    bool hidden = false;        // display:none, mso-hide:all
    bool spacerun = false;      // mso-spacerun:yes
    bool placeholder = false;   // mso-cell-special:placeholder
    std::uint32_t tabs = 0;     // mso-tab-count:N
};

style parse_style(const GumboNode* n) {
    style st;
    const char* css = attribute(n, "style");
    if (css == nullptr) return st;
    std::string_view s = css;
    while (!s.empty()) {
        const std::size_t semi = s.find(';');
        const std::string_view decl = s.substr(0, semi);
        s = semi == std::string_view::npos ? std::string_view{} : s.substr(semi + 1);
        const std::size_t colon = decl.find(':');
        if (colon == std::string_view::npos) continue;
        const std::string name = ascii_lowered(html_trim(decl.substr(0, colon)));
        std::string value = ascii_lowered(html_trim(decl.substr(colon + 1)));
        if (const std::size_t bang = value.find('!'); bang != std::string::npos) value = std::string(html_trim(value.substr(0, bang)));
        if ((name == "display" && value == "none") || (name == "mso-hide" && value == "all")) st.hidden = true;
        else if (name == "mso-spacerun" && value == "yes") st.spacerun = true;
        else if (name == "mso-cell-special" && value == "placeholder") st.placeholder = true;
        else if (name == "mso-tab-count") st.tabs = std::min<std::uint32_t>(html_integer(value).value_or(0), 64);
    }
    return st;
}

// The name of an element as written, for the tags gumbo does not know ("o:p").
std::string unknown_tag_name(const GumboNode* n) {
    GumboStringPiece piece = n->v.element.original_tag;
    if (piece.data == nullptr || piece.length == 0) return {};
    gumbo_tag_from_original_text(&piece);
    return ascii_lowered(std::string_view(piece.data, piece.length));
}

bool is_block(GumboTag t) {
    switch (t) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BLOCKQUOTE: case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DD: case GUMBO_TAG_DETAILS: case GUMBO_TAG_DIR: case GUMBO_TAG_DIV: case GUMBO_TAG_DL: case GUMBO_TAG_DT:
    case GUMBO_TAG_FIELDSET: case GUMBO_TAG_FIGCAPTION: case GUMBO_TAG_FIGURE: case GUMBO_TAG_FOOTER: case GUMBO_TAG_FORM:
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_HGROUP: case GUMBO_TAG_HR: case GUMBO_TAG_LEGEND: case GUMBO_TAG_LI:
    case GUMBO_TAG_LISTING: case GUMBO_TAG_MAIN: case GUMBO_TAG_MENU: case GUMBO_TAG_NAV: case GUMBO_TAG_OL: case GUMBO_TAG_P:
    case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_PRE: case GUMBO_TAG_SECTION: case GUMBO_TAG_SUMMARY: case GUMBO_TAG_UL:
    case GUMBO_TAG_XMP: case GUMBO_TAG_CAPTION: case GUMBO_TAG_TABLE:
        return true;
    default: return false;
    }
}

// Elements whose content is not shown as text.
bool is_skipped(GumboTag t) {
    switch (t) {
    case GUMBO_TAG_HEAD: case GUMBO_TAG_TITLE: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT: case GUMBO_TAG_EMBED: case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_DEL: case GUMBO_TAG_NOFRAMES: case GUMBO_TAG_NOEMBED: case GUMBO_TAG_MAP:
    case GUMBO_TAG_COLGROUP: case GUMBO_TAG_COL:
        return true;
    default: return false;
    }
}

// --- text as shown -------------------------------------------------------------------
// Collects paragraphs. A paragraph opens with its first visible character, a
// <br> or Word's empty-paragraph mark, and closes at the next block boundary.
class text_sink {
public:
    enum class mode : std::uint8_t { normal, pre, spacerun };

    struct para {
        std::string text;
        location at;
    };

    void text(std::string_view s, mode m, const location& at) {
        std::size_t i = 0;
        while (i < s.size()) {
            const std::size_t start = i;
            const char32_t c = detail::next_code_point(s, i);
            if (m == mode::pre) {
                if (c == '\r') continue;
                put(c == '\n' ? U'\n' : c, s.substr(start, i - start), at);
                continue;
            }
            if (m == mode::spacerun && (c == ' ' || c == 0xA0)) {
                put(U' ', " ", at);
                continue;
            }
            if (html_space(c)) {
                space_ = true;
                if (c == '\n' || c == '\r') space_breaks_ = true;
                continue;
            }
            put(c, s.substr(start, i - start), at);
        }
    }

    void line_break(const location& at) {
        open(at);
        ++pending_breaks_;
        space_ = space_breaks_ = false;
    }

    // Word's <o:p>&nbsp;</o:p>: the paragraph exists, though empty.
    void empty_line(const location& at) { open(at); }

    void tabs(std::uint32_t n, const location& at) {
        for (std::uint32_t k = 0; k < n; ++k) put(U'\t', "\t", at);
    }

    void boundary() {
        if (!open_) return;
        // A <br> that ends a paragraph ends its last line and starts none.
        if (pending_breaks_ > 1) cur_.append(pending_breaks_ - 1, '\n');
        done_.push_back({std::move(cur_), at_});
        cur_.clear();
        open_ = false;
        pending_breaks_ = 0;
        space_ = space_breaks_ = false;
        last_ = 0;
    }

    std::vector<para>& paragraphs() { return done_; }

    // The paragraphs joined by '\n', as a .docx cell joins its w:p.
    std::string joined() {
        boundary();
        std::string out;
        for (std::size_t k = 0; k < done_.size(); ++k) {
            if (k > 0) out += '\n';
            out += done_[k].text;
        }
        done_.clear();
        return out;
    }

private:
    void open(const location& at) {
        if (!open_) at_ = at;
        open_ = true;
    }

    void put(char32_t c, std::string_view bytes, const location& at) {
        open(at);
        if (pending_breaks_ > 0) {
            cur_.append(pending_breaks_, '\n');
            pending_breaks_ = 0;
            space_ = false;
            last_ = '\n';
        }
        if (space_ && last_ != 0 && last_ != '\n' && !(space_breaks_ && wide(last_) && wide(c))) cur_ += ' ';
        space_ = space_breaks_ = false;
        cur_.append(bytes);
        last_ = c;
    }

    std::vector<para> done_;
    std::string cur_;
    location at_;
    bool open_ = false;
    std::uint32_t pending_breaks_ = 0;
    bool space_ = false;         // whitespace seen since the last character
    bool space_breaks_ = false;  // … and it held a line break
    char32_t last_ = 0;          // the last character of the line, 0 at its start
};

// --- the walk ----------------------------------------------------------------------------

class walker {
public:
    walker(const decoded_text& dt, const read_options& opts, diagnostics& out, raw_document& doc)
        : dt_(dt), lim_(opts.lim), out_(out), doc_(doc) {}

    void document(const GumboNode* root) {
        text_sink body;
        flow_children(root, body, text_sink::mode::normal, nullptr, 0, 1);
        body.boundary();
        flush(body);
    }

private:
    struct cell_context {
        raw_cell* cell;
        int table;
        std::uint32_t nesting;
    };

    location at(const GumboSourcePosition& p) const {
        location a;
        a.line = static_cast<int>(p.line);
        if (dt_.line_starts.empty()) a.offset = dt_.bom + p.offset;
        else if (p.line >= 1 && p.line <= dt_.line_starts.size()) a.offset = dt_.line_starts[p.line - 1];
        return a;
    }
    location at(const GumboNode* n) const {
        switch (n->type) {
        case GUMBO_NODE_ELEMENT:
        case GUMBO_NODE_TEMPLATE: return at(n->v.element.start_pos);
        case GUMBO_NODE_DOCUMENT: return at(kGumboEmptySourcePosition);
        default: return at(n->v.text.start_pos);
        }
    }

    void deeper(const GumboNode* n, std::uint32_t depth) const {
        if (depth > lim_.max_xml_depth) {
            const location a = at(n);
            throw walk_failure{detail::limit_breach(
                "max_xml_depth", fmt::format("elements nested more than {} deep at line {}", lim_.max_xml_depth, a.line), a)};
        }
    }

    // Paragraphs outside tables go to the document, before the next table.
    void flush(text_sink& s) {
        for (text_sink::para& p : s.paragraphs()) {
            if (detail::trim(p.text).empty()) continue;
            paragraph q;
            q.text = std::move(p.text);
            q.at = p.at;
            q.before_table = doc_.tables.size();
            doc_.paragraphs.push_back(std::move(q));
        }
        s.paragraphs().clear();
    }

    void hidden(const GumboNode* n) {
        out_.push_back({severity::info, "html.hidden_content", "content hidden from view (display:none, mso-hide:all or hidden) is left out",
                        at(n)});
    }

    void flow_children(const GumboNode* n, text_sink& s, text_sink::mode m, const cell_context* cell, std::uint32_t nesting,
                       std::uint32_t depth) {
        const GumboVector& kids = n->type == GUMBO_NODE_DOCUMENT ? n->v.document.children : n->v.element.children;
        for (unsigned i = 0; i < kids.length; ++i) flow(static_cast<const GumboNode*>(kids.data[i]), s, m, cell, nesting, depth + 1);
    }

    void flow(const GumboNode* n, text_sink& s, text_sink::mode m, const cell_context* cell, std::uint32_t nesting,
              std::uint32_t depth) {
        switch (n->type) {
        case GUMBO_NODE_TEXT:
        case GUMBO_NODE_CDATA:
        case GUMBO_NODE_WHITESPACE: s.text(n->v.text.text, m, at(n)); return;
        case GUMBO_NODE_ELEMENT: break;
        default: return;  // comments (Word's conditional ones among them), templates
        }
        deeper(n, depth);
        const GumboElement& e = n->v.element;
        if (is_skipped(e.tag)) return;
        const style st = parse_style(n);
        if (st.hidden || attribute(n, "hidden") != nullptr) {
            hidden(n);
            return;
        }
        if (e.tag == GUMBO_TAG_UNKNOWN) {
            const std::string name = unknown_tag_name(n);
            if (name == "xml") return;  // Word's data islands
            if (name == "o:p" && only_blank(n)) {
                s.empty_line(at(n));
                return;
            }
        }
        if (st.tabs > 0) {
            s.tabs(st.tabs, at(n));
            return;
        }
        switch (e.tag) {
        case GUMBO_TAG_BR: s.line_break(at(n)); return;
        case GUMBO_TAG_TABLE: {
            s.boundary();
            if (cell == nullptr) {
                flush(s);
                table(n, -1, 0, depth);
            } else {
                const std::uint32_t index = table(n, cell->table, cell->nesting + 1, depth);
                cell->cell->nested.push_back(index);
            }
            return;
        }
        default: break;
        }
        text_sink::mode inner = m;
        if (e.tag == GUMBO_TAG_PRE || e.tag == GUMBO_TAG_LISTING || e.tag == GUMBO_TAG_XMP || e.tag == GUMBO_TAG_PLAINTEXT)
            inner = text_sink::mode::pre;
        else if (st.spacerun && m == text_sink::mode::normal)
            inner = text_sink::mode::spacerun;
        const bool block = is_block(e.tag);
        if (block) s.boundary();
        flow_children(n, s, inner, cell, nesting, depth);
        if (block) s.boundary();
    }

    // True when an element holds nothing but whitespace and U+00A0.
    static bool only_blank(const GumboNode* n) {
        const GumboVector& kids = n->v.element.children;
        for (unsigned i = 0; i < kids.length; ++i) {
            const auto* k = static_cast<const GumboNode*>(kids.data[i]);
            if (k->type == GUMBO_NODE_WHITESPACE || k->type == GUMBO_NODE_COMMENT) continue;
            if (k->type != GUMBO_NODE_TEXT) return false;
            if (!detail::trim(k->v.text.text).empty()) return false;
        }
        return true;
    }

    // --- tables ------------------------------------------------------------------------
    std::uint32_t table(const GumboNode* t, int parent, std::uint32_t nesting, std::uint32_t depth) {
        if (nesting >= lim_.max_table_nesting) {
            const location a = at(t);
            throw walk_failure{detail::limit_breach(
                "max_table_nesting", fmt::format("tables nested more than {} deep at line {}", lim_.max_table_nesting, a.line), a)};
        }
        const auto index = static_cast<std::uint32_t>(doc_.tables.size());
        doc_.tables.emplace_back();  // reserved: nested tables come after it
        std::vector<detail::html_row_group> groups, feet;
        const GumboVector& kids = t->v.element.children;
        for (unsigned i = 0; i < kids.length; ++i) {
            const auto* k = static_cast<const GumboNode*>(kids.data[i]);
            if (k->type != GUMBO_NODE_ELEMENT) continue;
            deeper(k, depth + 1);
            switch (k->v.element.tag) {
            case GUMBO_TAG_CAPTION:
                if (parent < 0) caption(k, index, depth + 1);
                break;
            case GUMBO_TAG_THEAD:
            case GUMBO_TAG_TBODY: groups.push_back(row_group(k, index, nesting, depth + 1)); break;
            case GUMBO_TAG_TFOOT: feet.push_back(row_group(k, index, nesting, depth + 1)); break;  // shown last, wherever written
            default: break;
            }
        }
        for (auto& f : feet) groups.push_back(std::move(f));
        groups.erase(std::remove_if(groups.begin(), groups.end(), [](const auto& g) { return g.rows.empty(); }), groups.end());
        auto laid = detail::lay_out_table(groups, static_cast<int>(index), lim_, out_);
        if (!laid) throw walk_failure{laid.err()};
        raw_table& r = laid.value();
        r.parent = parent;
        r.at = at(t);
        r.at.table = static_cast<int>(index);
        doc_.tables[index] = std::move(r);
        return index;
    }

    void caption(const GumboNode* c, std::uint32_t index, std::uint32_t depth) {
        text_sink s;
        flow_children(c, s, text_sink::mode::normal, nullptr, 0, depth);
        s.boundary();
        for (text_sink::para& p : s.paragraphs()) {
            if (detail::trim(p.text).empty()) continue;
            paragraph q;
            q.text = std::move(p.text);
            q.at = p.at;
            q.before_table = index;
            doc_.paragraphs.push_back(std::move(q));
        }
    }

    detail::html_row_group row_group(const GumboNode* g, std::uint32_t index, std::uint32_t nesting, std::uint32_t depth) {
        detail::html_row_group out;
        bool layout_rows = false;  // inside Word's <![if !supportMisalignedColumns]> … <![endif]>
        const GumboVector& kids = g->v.element.children;
        for (unsigned i = 0; i < kids.length; ++i) {
            const auto* k = static_cast<const GumboNode*>(kids.data[i]);
            if (k->type == GUMBO_NODE_COMMENT) {
                const std::string_view c = html_trim(k->v.text.text);
                if (c.substr(0, 4) == "[if " && c.find("supportMisalignedColumns") != std::string_view::npos) layout_rows = true;
                else if (c == "[endif]") layout_rows = false;
                continue;
            }
            if (k->type != GUMBO_NODE_ELEMENT || k->v.element.tag != GUMBO_TAG_TR || layout_rows) continue;
            deeper(k, depth + 1);
            if (parse_style(k).hidden || attribute(k, "hidden") != nullptr) {
                hidden(k);
                continue;
            }
            out.rows.push_back(row(k, index, nesting, depth + 1));
        }
        return out;
    }

    detail::html_row row(const GumboNode* tr, std::uint32_t index, std::uint32_t nesting, std::uint32_t depth) {
        detail::html_row r;
        r.at = at(tr);
        r.at.table = static_cast<int>(index);
        const GumboVector& kids = tr->v.element.children;
        for (unsigned i = 0; i < kids.length; ++i) {
            const auto* k = static_cast<const GumboNode*>(kids.data[i]);
            if (k->type != GUMBO_NODE_ELEMENT || (k->v.element.tag != GUMBO_TAG_TD && k->v.element.tag != GUMBO_TAG_TH)) continue;
            deeper(k, depth + 1);
            const style st = parse_style(k);
            if (st.hidden || attribute(k, "hidden") != nullptr) {  // takes no slot, as in a browser
                hidden(k);
                continue;
            }
            if (r.cells.size() >= lim_.max_cols) {
                const location a = at(k);
                throw walk_failure{detail::limit_breach("max_cols", fmt::format("a row has more than {} cells (line {})", lim_.max_cols, a.line), a)};
            }
            r.cells.push_back(cell(k, st, index, nesting, depth + 1));
        }
        return r;
    }

    detail::html_cell cell(const GumboNode* td, const style& st, std::uint32_t index, std::uint32_t nesting, std::uint32_t depth) {
        detail::html_cell c;
        c.placeholder = st.placeholder;
        c.cell.at = at(td);
        c.cell.at.table = static_cast<int>(index);
        // colspan: 1–1000, rowspan: 0–65534 (0: to the end of the row group), as the HTML standard clamps them.
        if (const char* v = attribute(td, "colspan")) {
            std::uint32_t n = html_integer(v).value_or(1);
            if (n == 0) n = 1;
            if (n > 1000) {
                out_.push_back({severity::info, "html.span_clipped", fmt::format("colspan {} is more than the 1000 HTML allows: cut to 1000", n),
                                c.cell.at});
                n = 1000;
            }
            c.cell.colspan = n;
        }
        if (const char* v = attribute(td, "rowspan")) c.rowspan = std::min<std::uint32_t>(html_integer(v).value_or(1), 65534);
        text_sink s;
        const cell_context ctx{&c.cell, static_cast<int>(index), nesting};
        flow_children(td, s, text_sink::mode::normal, &ctx, nesting, depth);
        c.cell.text = s.joined();
        if (c.cell.text.size() > lim_.max_cell_bytes) {
            throw walk_failure{detail::limit_breach(
                "max_cell_bytes", fmt::format("a cell holds {} bytes of text, more than {}", c.cell.text.size(), lim_.max_cell_bytes),
                c.cell.at)};
        }
        return c;
    }

    const decoded_text& dt_;
    const limits& lim_;
    diagnostics& out_;
    raw_document& doc_;
};

// What gumbo will build, counted before it does: tags ('<' followed by a
// letter, '/' or '!'), and the most attributes in one tag (names after
// whitespace, up to the '>' outside quotes). Comments, scripts and styles are
// skipped; the count may be a little high elsewhere, never low.
struct tag_census {
    std::uint64_t tags = 0;
    std::uint64_t most_attributes = 0;
    std::size_t where = 0;  // the tag with the most
    // Formatting elements (b, i, font …) left open: the parser carries them
    // into every block that follows, and its work grows with their square.
    std::uint64_t open_formatting = 0;
};

bool formatting_tag(std::string_view name) {
    static constexpr std::string_view names[] = {"a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u"};
    const std::string low = ascii_lowered(name);
    for (std::string_view n : names)
        if (low == n) return true;
    return false;
}

tag_census count_tags(std::string_view s) {
    tag_census out;
    std::uint64_t depth_ = 0;
    auto skip_to = [&](std::size_t from, std::string_view end) {
        const std::size_t e = s.find(end, from);
        return e == std::string_view::npos ? s.size() : e + end.size();
    };
    std::size_t i = s.find('<');
    while (i != std::string_view::npos && i + 1 < s.size()) {
        const char c = s[i + 1];
        if (s.substr(i, 4) == "<!--") {
            ++out.tags;
            i = s.find('<', skip_to(i + 4, "-->"));
            continue;
        }
        if (!(c == '/' || c == '!' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
            i = s.find('<', i + 1);
            continue;
        }
        ++out.tags;
        std::size_t k = i + 1;
        std::uint64_t attributes = 0;
        bool space = false;
        char quote = 0;
        for (; k < s.size(); ++k) {
            const char x = s[k];
            if (quote != 0) {
                if (x == quote) quote = 0;
            } else if (x == '>') {
                break;
            } else if (x == '"' || x == '\'') {
                quote = x;
            } else if (html_space(static_cast<unsigned char>(x)) || x == '/') {
                space = true;
            } else if (space) {
                ++attributes;
                space = false;
            }
        }
        if (attributes > out.most_attributes) out.most_attributes = attributes, out.where = i;
        {
            const bool end = c == '/';
            std::size_t b = i + (end ? 2 : 1), e = b;
            while (e < k && !html_space(static_cast<unsigned char>(s[e])) && s[e] != '>' && s[e] != '/') ++e;
            if (formatting_tag(s.substr(b, e - b))) {
                if (end) depth_ = depth_ > 0 ? depth_ - 1 : 0;
                else out.open_formatting = std::max(out.open_formatting, ++depth_);
            }
        }
        const std::string_view name = s.substr(i + 1, 6);
        if (ascii_lowered(name) == "script") k = skip_to(k, "</script");
        else if (ascii_lowered(name.substr(0, 5)) == "style") k = skip_to(k, "</style");
        i = s.find('<', k);
    }
    return out;
}

}  // namespace

result<raw_document> read_html(std::string_view bytes, const read_options& opts, diagnostics& out) {
    auto decoded = detail::decode_html(bytes, opts.encoding, out);
    if (!decoded) return decoded.err();
    const decoded_text& dt = decoded.value();
    if (dt.utf8.size() > std::numeric_limits<unsigned int>::max())  // gumbo counts offsets in unsigned int
        return detail::limit_breach("max_input_bytes", "an HTML page of more than 4 GiB");
    const tag_census census = count_tags(dt.utf8);
    if (census.tags > opts.lim.max_html_tags)
        return detail::limit_breach("max_html_tags", fmt::format("the page has {} tags, more than {}", census.tags, opts.lim.max_html_tags));
    if (census.open_formatting > opts.lim.max_xml_depth)
        return detail::limit_breach("max_xml_depth", fmt::format("{} formatting elements (b, i, font …) open at once, more than {}",
                                                                 census.open_formatting, opts.lim.max_xml_depth));
    if (census.most_attributes > opts.lim.max_html_attributes)
        return detail::limit_breach("max_html_attributes",
                                    fmt::format("a tag has {} attributes, more than {}", census.most_attributes, opts.lim.max_html_attributes));

    arena mem;
    GumboOptions go = kGumboDefaultOptions;
    go.allocator = &arena::allocate;
    go.deallocator = &arena::release;
    go.userdata = &mem;
    go.max_errors = 0;  // parse errors are not reported: browsers recover from them, and so does the tree
    GumboOutput* tree = gumbo_parse_with_options(&go, dt.utf8.data(), dt.utf8.size());
    // The tree lives in `mem`; it is never destroyed node by node.

    raw_document doc;
    doc.encoding = dt.encoding;
    try {
        walker w(dt, opts, out, doc);
        w.document(tree->document);
    } catch (walk_failure& f) {
        return std::move(f.e);
    }
    return doc;
}

}  // namespace v0
}  // namespace jixiao
