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
//
// The part is read as it is inflated (xml_stream), never whole: memory holds
// the raw tables and one piece of XML. A part the tokenizer declines (a
// DOCTYPE, another encoding, XML that is not well-formed …) is parsed whole by
// pugixml and its tree walked by the same walker, so errors and leniencies are
// pugixml's.
#include "read/docx/document_xml.hpp"

#include "detail/limits.hpp"
#include "detail/symbol.hpp"
#include "detail/utf8.hpp"
#include "read/opc/xml.hpp"
#include "read/opc/xml_stream.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <functional>
#include <optional>
#include <span>
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

// Prefix → namespace, scoped like the XML it came from, and qualified names
// → tags. Declarations sit on the root element in practice and a part uses a
// few dozen names, so a name's tag is remembered until the declarations in
// scope change.
class scopes {
public:
    std::size_t enter(std::span<const xml_attr> attrs) {
        const std::size_t mark = map_.size();
        for (const xml_attr& a : attrs) {
            const std::string_view name = a.name;
            if (name.size() < 5 || !same(name.substr(0, 5), "xmlns")) continue;
            if (name.size() == 5) map_.emplace_back(std::string(), ns_of_uri(a.value));
            else if (name[5] == ':') map_.emplace_back(std::string(name.substr(6)), ns_of_uri(a.value));
        }
        if (map_.size() != mark) ++generation_;
        return mark;
    }
    std::size_t mark() const noexcept { return map_.size(); }
    void leave(std::size_t mark) {
        if (map_.size() != mark) {
            map_.resize(mark);
            ++generation_;
        }
    }

    tag classify(std::string_view q) const {
        remembered& r = memo_[slot(q)];
        if (r.generation == generation_ && same(r.name, q)) return r.t;
        r.name.assign(q);
        r.t = resolve_name(q);
        r.generation = generation_;
        return r.t;
    }

private:
    // A memo slot from the length and three bytes of the name — the last one
    // and the two after a two-byte prefix (w:) — constant work for any name.
    // A part uses a few dozen names, nearly all w:…, and these keep the common
    // ones apart (none of the forty most common share a slot); two names that
    // share one only cost each other a resolve_name.
    static std::size_t slot(std::string_view q) noexcept {
        const std::size_t n = q.size();
        if (n == 0) return 0;
        const auto at = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(q[std::min(i, n - 1)])); };
        const std::uint32_t k = static_cast<std::uint32_t>(n) ^ at(n - 1) << 8 ^ at(3) << 16 ^ at(2) << 4;
        return (k * 0x9E3779B1u) >> 24;  // 256 slots
    }

    tag resolve_name(std::string_view q) const {
        const std::size_t colon = q.find(':');
        const std::string_view prefix = colon == std::string_view::npos ? std::string_view{} : q.substr(0, colon);
        const std::string_view local = colon == std::string_view::npos ? q : q.substr(colon + 1);
        ns space = ns::other;
        for (auto it = map_.rbegin(); it != map_.rend(); ++it)
            if (same(it->first, prefix)) {
                space = it->second;
                break;
            }
        if (space == ns::w) return w_tag(local);
        if (space == ns::m && local == "t") return tag::math_t;
        if (space == ns::mc) {
            if (local == "AlternateContent") return tag::alternate_content;
            if (local == "Choice") return tag::choice;
            if (local == "Fallback") return tag::fallback;
        }
        return tag::other;
    }

    struct remembered {
        std::string name;
        tag t = tag::other;
        std::uint64_t generation = 0;  // 0: empty (the generations start at 1)
    };
    std::vector<std::pair<std::string, ns>> map_;
    std::uint64_t generation_ = 1;
    mutable std::array<remembered, 256> memo_{};
};

std::uint32_t to_u32(std::string_view s, std::uint32_t fallback) {
    std::uint32_t v = 0;
    const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    return (ec == std::errc() && ptr == s.data() + s.size()) ? v : fallback;
}

// The value of the attribute whose local name is `local`, whatever its prefix
// (w:val, ns0:val, val); the first one when there are several.
std::string_view attr(std::span<const xml_attr> attrs, std::string_view local) noexcept {
    for (const xml_attr& a : attrs)
        if (local_name(a.name) == local) return a.value;
    return {};
}

// w:tblHeader and other on/off properties: present means on unless val says off.
bool on_off(std::span<const xml_attr> attrs) {
    const std::string_view v = attr(attrs, "val");
    return !(v == "0" || v == "false" || v == "off");
}

bool ends_with(std::string_view s, std::string_view x) noexcept { return s.size() >= x.size() && same(s.substr(s.size() - x.size()), x); }

// The walk, driven by the part's events (xml_events): a stack of the elements
// open, each read in a mode that says what its children are. The modes follow
// the structure of ECMA-376 §17: block content (body, cells, content controls),
// paragraphs, inline content and runs, tables, rows and cells and their
// properties. Elements nobody reads (formatting, deleted content) are skipped
// by a counter, without a frame.
//
// The walk is the same whichever order a part puts things in. Two things come
// in an order that a tree walk would not see: a row's w:trPr or a cell's
// w:tcPr after its content (a deleted row or cell then drops what was read of
// it: the tables nested in it, its diagnostics, and a limit it breached), and
// an mc:Fallback before the mc:Choice (recorded, and read only if no Choice
// follows).
class walker final : public xml_events {
public:
    walker(std::string_view part, const read_options& opts, diagnostics& out, raw_document& doc)
        : part_(part), lim_(opts.lim), out_(out), doc_(doc) {}

    /// The failure that ended the walk (a limit), once the part has ended.
    std::optional<error>& failure() { return failure_; }

    void start(std::string_view name, std::span<const xml_attr> attrs, std::uint64_t offset) override {
        if (recording_) {
            ++recorded_depth_;
            record(event::start, name, attrs, offset);
            return;
        }
        if (skip_ != 0 || done_) {
            ++skip_;
            return;
        }
        if (stack_.empty()) {  // the document element
            stack_.push_back({mode::root, mode::root, false, false, false, 0, ns_.enter(attrs), offset, 0, 0});
            return;
        }
        const frame p = stack_.back();
        if (pending_) {
            pending_start(p, name, attrs);
            return;
        }
        switch (p.m) {
        case mode::root:
            if (ns_.classify(name) == tag::body) push(mode::block, 1, ns_.enter(attrs), offset);
            else ++skip_;
            return;
        case mode::block: block(p, name, attrs, offset); return;
        case mode::sdt:
            if (ns_.classify(name) == tag::sdtContent) push(p.ctx, p.depth + 1, ns_.mark(), offset);
            else ++skip_;
            return;
        case mode::ac: alternate(p, name, offset); return;
        case mode::para: {
            const std::size_t mark = ns_.enter(attrs);
            const tag t = ns_.classify(name);
            if (t == tag::pPr) push(mode::ppr, p.depth + 1, mark, offset);
            else inline_child(t, p.depth + 1, mark, offset);
            return;
        }
        case mode::inl: {
            const std::size_t mark = ns_.enter(attrs);
            inline_child(ns_.classify(name), p.depth + 1, mark, offset);
            return;
        }
        case mode::ppr:
            if (ns_.classify(name) == tag::rPr) push(mode::ppr_rpr, p.depth + 1, ns_.mark(), offset);
            else ++skip_;
            return;
        case mode::ppr_rpr: {
            const tag t = ns_.classify(name);
            if (t == tag::del || t == tag::moveFrom) para_deleted_ = true;
            ++skip_;
            return;
        }
        case mode::run: run_child(p, name, attrs, offset); return;
        case mode::text: ++skip_; return;
        case mode::table: table_child(p, name, attrs, offset); return;
        case mode::tblgrid:
            if (ns_.classify(name) == tag::gridCol) ++tables_.back().t.declared_cols;
            ++skip_;
            return;
        case mode::row: row_child(p, name, attrs, offset); return;
        case mode::cell: cell_child(p, name, attrs, offset); return;
        case mode::trpr:
        case mode::tcpr: property(p.m, name, attrs); return;
        }
    }

    void end() override {
        if (recording_) {
            if (--recorded_depth_ == 0) recording_ = false;
            else record(event::end, {}, {}, 0);
            return;
        }
        if (skip_ != 0) {
            --skip_;
            return;
        }
        if (stack_.back().m == mode::ac && stack_.back().fallback && !stack_.back().chosen && !done_ && !pending_) replay_fallback();
        const frame f = stack_.back();
        stack_.pop_back();
        ns_.leave(f.ns_mark);
        if (done_) return;
        if (pending_) {
            pending_end(f);
            return;
        }
        switch (f.m) {
        case mode::para: end_paragraph(f.offset); return;
        case mode::table:
            if (f.owner) end_table();
            return;
        case mode::row:
            if (f.owner) end_row();
            return;
        case mode::cell:
            if (f.owner) end_cell();
            return;
        default: return;
        }
    }

    void text(std::string_view data) override {
        if (recording_) {
            record(event::text, data, {}, 0);
            return;
        }
        if (skip_ != 0 || done_ || pending_ || stack_.empty() || stack_.back().m != mode::text) return;
        out().append(data);
    }

private:
    enum class mode : std::uint8_t {
        root,     // the document element: its w:body
        block,    // block content: paragraphs, tables, content controls (w:body, w:sdtContent, w:ins …)
        sdt,      // w:sdt: its w:sdtContent, read as `ctx`
        ac,       // mc:AlternateContent: its first mc:Choice (else its mc:Fallback), read as `ctx`
        para,     // w:p: its properties, then inline content
        ppr,      // w:pPr: its w:rPr (the paragraph mark's)
        ppr_rpr,  // the paragraph mark's w:rPr: deleted or moved away?
        inl,      // inline content: runs and the wrappers around them
        run,      // w:r: text, tabs, breaks, symbols
        text,     // w:t, m:t: character data
        table,    // w:tbl and wrappers in it: grid, rows
        tblgrid,  // w:tblGrid: its w:gridCol
        row,      // w:tr and wrappers in it: cells
        trpr,     // w:trPr: gridBefore, gridAfter, tblHeader, del
        cell,     // w:tc and wrappers in it: block content
        tcpr,     // w:tcPr: gridSpan, vMerge, hMerge, cellDel
    };
    struct frame {
        mode m;
        mode ctx;            // sdt, ac: the mode of their content
        bool owner;          // w:tbl, w:tr or w:tc itself (a wrapper in it is read in its mode, without owning it)
        bool chosen;         // ac: a mc:Choice taken
        bool fallback;       // ac: a mc:Fallback recorded
        std::uint32_t depth;  // nesting as the limit counts it
        std::size_t ns_mark;
        std::uint64_t offset;
        // ac inside a recorded Fallback being read: where its own Fallback's events are in that record.
        std::size_t fallback_begin = 0, fallback_end = 0;
    };
    struct table_state {
        raw_table t;
        std::uint32_t index = 0;
        std::uint32_t nesting = 0;
        std::uint64_t cells = 0;
        std::uint64_t offset = 0;
    };
    // What a row or cell undoes when its properties, read after its content, say it is deleted.
    struct undo {
        std::size_t tables = 0, diags = 0;
    };
    struct row_state {
        raw_row r;
        bool deleted = false;
        undo marks;
        std::uint64_t cells = 0;  // the table's cell count before the row
    };
    struct cell_state {
        raw_cell c;
        bool deleted = false, first = true, joined = false;
        undo marks;
        std::uint64_t offset = 0;
    };
    enum class event : std::uint8_t { start, end, text };
    struct recorded_event {
        event kind;
        std::string name;  // the element's name, or the text
        std::vector<std::pair<std::string, std::string>> attrs;
        std::uint64_t offset;
    };
    // A recorded Fallback being read: its events, where each start's element
    // ends, and the next event. An AlternateContent inside it that needs its own
    // Fallback takes that Fallback's events from here (skipped, then read at
    // its end), not recorded again: nested Fallbacks cost linear time.
    struct replay_cursor {
        const std::vector<recorded_event>* events;
        const std::vector<std::size_t>* ends;
        std::size_t next;
    };

    void push(mode m, std::uint32_t depth, std::size_t mark, std::uint64_t offset, mode ctx = mode::root, bool owner = false) {
        stack_.push_back({m, ctx, owner, false, false, depth, mark, offset, 0, 0});
    }
    // A child that is not read: its declarations, entered to classify it, leave scope.
    void skip(std::size_t mark) {
        ns_.leave(mark);
        ++skip_;
    }

    static location at(std::uint64_t offset) {
        location a;
        a.offset = offset;
        return a;
    }

    // Breaches stop the walk, or wait for the end of the rows and cells open
    // around them: a w:trPr or w:tcPr still to come may delete what breached.
    void fail(error e) {
        if (rows_.empty()) {
            failure_ = std::move(e);
            done_ = true;
        } else {
            pending_ = std::move(e);
        }
    }
    void limit(std::uint64_t offset, const char* name, const std::string& msg) {
        fail(limit_breach(name, fmt::format("{}: {} (at byte {})", part_, msg, offset), at(offset)));
    }
    bool deeper(std::uint32_t depth, std::uint64_t offset) {
        if (depth <= lim_.max_xml_depth) return true;
        fail(limit_breach("max_xml_depth", fmt::format("{}: elements nested more than {} deep at byte {}", part_, lim_.max_xml_depth, offset),
                          at(offset)));
        return false;
    }
    // After a breach in start(): the element is skipped, or read as a pending walk reads it.
    void after_breach(const frame& p, std::string_view name, std::span<const xml_attr> attrs, std::size_t mark) {
        ns_.leave(mark);
        if (done_) ++skip_;
        else pending_start(p, name, attrs);
    }

    std::string& out() { return para_in_cell_ ? cells_.back().c.text : block_text_; }

    // --- block level ---------------------------------------------------------
    // Wrappers around content of `ctx` (block, table, row or cell): w:sdt,
    // w:customXml, w:ins, w:moveTo, mc:AlternateContent. False for others.
    bool wrapper(tag t, mode ctx, std::uint32_t d, std::size_t mark, std::uint64_t offset) {
        switch (t) {
        case tag::sdt: push(mode::sdt, d, mark, offset, ctx); return true;
        case tag::customXml:
        case tag::ins:
        case tag::moveTo: push(ctx, d, mark, offset); return true;
        case tag::alternate_content: push(mode::ac, d, mark, offset, ctx); return true;
        default: return false;
        }
    }

    void block(const frame& p, std::string_view name, std::span<const xml_attr> attrs, std::uint64_t offset) {
        const std::uint32_t d = p.depth + 1;
        if (!deeper(d, offset)) return after_breach(p, name, attrs, ns_.mark());
        const std::size_t mark = ns_.enter(attrs);
        const tag t = ns_.classify(name);
        switch (t) {
        case tag::p:
            block_text_.clear();
            para_in_cell_ = false;
            para_deleted_ = false;
            push(mode::para, d, mark, offset);
            return;
        case tag::tbl: begin_table(d, mark, offset, -1, 0); return;
        case tag::sdtContent: push(mode::block, d, mark, offset); return;
        default:
            if (!wrapper(t, mode::block, d, mark, offset)) skip(mark);  // sectPr, bookmarks, w:del and w:moveFrom (deleted content)
            return;
        }
    }

    // mc:AlternateContent: the first Choice, else the first Fallback; never both.
    void alternate(const frame& p, std::string_view name, std::uint64_t offset) {
        const tag t = ns_.classify(name);
        // In runs and inline content the branch counts at the depth of the AlternateContent.
        const std::uint32_t d = (p.ctx == mode::inl || p.ctx == mode::run) ? p.depth : p.depth + 1;
        if (t == tag::choice && !p.chosen) {
            stack_.back().chosen = true;
            recorded_.clear();
            push(p.ctx, d, ns_.mark(), offset);
        } else if (t == tag::fallback && !p.chosen && !p.fallback) {
            frame& ac = stack_.back();
            ac.fallback = true;
            if (replay_ != nullptr) {  // inside a recorded Fallback: this one is in the record already
                const std::size_t at = replay_->next - 1;
                ac.fallback_begin = at + 1;
                ac.fallback_end = (*replay_->ends)[at];
                replay_->next = ac.fallback_end + 1;
            } else {
                recording_ = true;
                recorded_depth_ = 1;
            }
        } else {
            ++skip_;
        }
    }

    void record(event kind, std::string_view name, std::span<const xml_attr> attrs, std::uint64_t offset) {
        recorded_event& e = recorded_.emplace_back();
        e.kind = kind;
        e.name = name;
        for (const xml_attr& a : attrs) e.attrs.emplace_back(a.name, a.value);
        e.offset = offset;
    }

    // The Fallback of an AlternateContent without a Choice, read in its place.
    void replay_fallback() {
        const frame& ac = stack_.back();
        if (replay_ != nullptr) return read_recorded(*replay_->events, *replay_->ends, ac.fallback_begin, ac.fallback_end);
        const std::vector<recorded_event> events = std::move(recorded_);
        recorded_.clear();
        std::vector<std::size_t> ends(events.size(), 0), open;
        for (std::size_t i = 0; i < events.size(); ++i) {
            if (events[i].kind == event::start) {
                open.push_back(i);
            } else if (events[i].kind == event::end) {
                ends[open.back()] = i;
                open.pop_back();
            }
        }
        read_recorded(events, ends, 0, events.size());
    }

    // Events [from, to) of a record, read as the branch of the AlternateContent on top of the stack.
    void read_recorded(const std::vector<recorded_event>& events, const std::vector<std::size_t>& ends, std::size_t from, std::size_t to) {
        const frame& ac = stack_.back();
        const std::uint32_t d = (ac.ctx == mode::inl || ac.ctx == mode::run) ? ac.depth : ac.depth + 1;
        push(ac.ctx, d, ns_.mark(), ac.offset);
        const std::size_t level = stack_.size();
        replay_cursor cursor{&events, &ends, from};
        replay_cursor* const outer = replay_;
        replay_ = &cursor;
        std::vector<xml_attr> attrs;
        while (cursor.next < to) {
            const recorded_event& e = events[cursor.next++];
            switch (e.kind) {
            case event::start:
                attrs.clear();
                for (const auto& [n, v] : e.attrs) attrs.push_back({n, v});
                start(e.name, attrs, e.offset);
                break;
            case event::end: end(); break;
            case event::text: text(e.name); break;
            }
        }
        replay_ = outer;
        if (stack_.size() == level) stack_.pop_back();  // the branch (a breach may have ended the walk inside it)
    }

    // --- paragraphs and runs -------------------------------------------------
    // A child of w:p (but its w:pPr) or of inline content.
    void inline_child(tag t, std::uint32_t d, std::size_t mark, std::uint64_t offset) {
        if (!deeper(d, offset)) {
            ns_.leave(mark);
            ++skip_;  // no row or cell property in inline content
            return;
        }
        switch (t) {
        case tag::r: push(mode::run, d, mark, offset); return;
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
        case tag::object: skip(mark); return;
        case tag::alternate_content: push(mode::ac, d, mark, offset, mode::inl); return;
        case tag::math_t: push(mode::text, d, mark, offset); return;  // equations (m:oMath) keep the characters they show
        default:
            // w:hyperlink, w:smartTag, w:customXml, w:ins, w:moveTo, w:fldSimple,
            // w:sdt / w:sdtContent, w:bdo, w:dir and wrappers not listed: their runs count.
            push(mode::inl, d, mark, offset);
            return;
        }
    }

    void run_child(const frame& p, std::string_view name, std::span<const xml_attr> attrs, std::uint64_t offset) {
        const std::size_t mark = ns_.enter(attrs);
        switch (ns_.classify(name)) {
        case tag::t: push(mode::text, p.depth + 1, mark, offset); return;
        case tag::tab:
        case tag::ptab: out() += '\t'; break;
        case tag::br:
        case tag::cr: out() += '\n'; break;
        case tag::noBreakHyphen: out() += '-'; break;
        case tag::sym: {
            const std::string_view hex = attr(attrs, "char");
            std::uint32_t cp = 0;
            const auto [ptr, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), cp, 16);
            if (ec == std::errc() && ptr == hex.data() + hex.size() && cp > 0 && cp < 0x110000 && (cp < 0xD800 || cp > 0xDFFF))
                append_utf8(out(), symbol_char(attr(attrs, "font"), cp));
            break;
        }
        case tag::alternate_content:
            if (!deeper(p.depth + 1, offset)) break;
            push(mode::ac, p.depth + 1, mark, offset, mode::run);
            return;
        default: break;  // rPr, delText, instrText, fldChar, softHyphen, drawings, footnote references
        }
        skip(mark);
    }

    void end_paragraph(std::uint64_t offset) {
        if (para_in_cell_) {
            cells_.back().joined = para_deleted_;  // a deleted paragraph mark joins the next paragraph
            return;
        }
        if (trim(block_text_).empty()) return;
        paragraph p;
        p.text = block_text_;
        p.before_table = doc_.tables.size();
        p.at = at(offset);
        doc_.paragraphs.push_back(std::move(p));
    }

    // --- tables --------------------------------------------------------------
    // A w:tbl goes into doc_.tables when it starts (pre-order: this table,
    // then the tables nested in it) and is filled when it ends.
    void begin_table(std::uint32_t d, std::size_t mark, std::uint64_t offset, int parent, std::uint32_t nesting) {
        if (nesting >= lim_.max_table_nesting) {
            ns_.leave(mark);
            fail(limit_breach("max_table_nesting",
                              fmt::format("{}: tables nested more than {} deep at byte {}", part_, lim_.max_table_nesting, offset), at(offset)));
            ++skip_;
            return;
        }
        table_state& ts = tables_.emplace_back();
        ts.index = static_cast<std::uint32_t>(doc_.tables.size());
        doc_.tables.emplace_back();
        ts.nesting = nesting;
        ts.offset = offset;
        ts.t.spans_declared = true;
        ts.t.parent = parent;
        ts.t.at = at(offset);
        ts.t.at.table = static_cast<int>(ts.index);
        push(mode::table, d, mark, offset, mode::root, true);
    }

    void table_child(const frame& p, std::string_view name, std::span<const xml_attr> attrs, std::uint64_t offset) {
        const std::uint32_t d = p.depth + 1;
        if (!deeper(d, offset)) return after_breach(p, name, attrs, ns_.mark());
        const std::size_t mark = ns_.enter(attrs);
        const tag t = ns_.classify(name);
        switch (t) {
        case tag::tblGrid: push(mode::tblgrid, d, mark, offset); return;
        case tag::tr: {
            row_state& rs = rows_.emplace_back();
            rs.r.at = at(offset);
            rs.r.at.table = static_cast<int>(tables_.back().index);
            rs.marks = {doc_.tables.size(), out_.size()};
            rs.cells = tables_.back().cells;
            push(mode::row, d, mark, offset, mode::root, true);
            return;
        }
        default:
            if (!wrapper(t, mode::table, d, mark, offset)) skip(mark);
            return;
        }
    }

    // Whether `name` is the w:trPr / w:tcPr of the row or cell `p` owns,
    // classified in the scope of the row or cell (the properties' own
    // declarations are not entered: they are read as a property list).
    bool properties_of(const frame& p, std::string_view name, tag which, std::string_view local) const {
        return p.owner && ends_with(name, local) && ns_.classify(name) == which;
    }

    // The start of a child of a row or cell (or of a wrapper in it): its
    // properties (`props`: mode trpr or tcpr), nothing but them in a row or
    // cell deleted, the depth checked. False when the child is dealt with.
    bool owned_child(const frame& p, std::string_view name, std::span<const xml_attr> attrs, std::uint64_t offset, bool deleted, bool props,
                     mode props_mode) {
        if (p.owner && deleted) {
            if (props) push(props_mode, p.depth + 1, ns_.mark(), offset);
            else ++skip_;
            return false;
        }
        if (deeper(p.depth + 1, offset)) return true;
        after_breach(p, name, attrs, ns_.mark());
        return false;
    }
    // A child of a row or cell that holds no content: its properties, or skipped.
    void other_child(std::size_t mark, bool props, mode props_mode, std::uint32_t d, std::uint64_t offset) {
        ns_.leave(mark);
        if (props) push(props_mode, d, ns_.mark(), offset);
        else ++skip_;
    }

    void row_child(const frame& p, std::string_view name, std::span<const xml_attr> attrs, std::uint64_t offset) {
        const std::uint32_t d = p.depth + 1;
        const bool props = properties_of(p, name, tag::trPr, "trPr");
        if (!owned_child(p, name, attrs, offset, rows_.back().deleted, props, mode::trpr)) return;
        const std::size_t mark = ns_.enter(attrs);
        const tag t = ns_.classify(name);
        switch (t) {
        case tag::tc: {
            cell_state& cs = cells_.emplace_back();
            cs.c.at = at(offset);
            cs.c.at.table = static_cast<int>(tables_.back().index);
            cs.marks = {doc_.tables.size(), out_.size()};
            cs.offset = offset;
            push(mode::cell, d, mark, offset, mode::root, true);
            return;
        }
        default:
            if (!wrapper(t, mode::row, d, mark, offset)) other_child(mark, props, mode::trpr, d, offset);
            return;
        }
    }

    void cell_child(const frame& p, std::string_view name, std::span<const xml_attr> attrs, std::uint64_t offset) {
        const std::uint32_t d = p.depth + 1;
        const bool props = properties_of(p, name, tag::tcPr, "tcPr");
        if (!owned_child(p, name, attrs, offset, !cells_.empty() && cells_.back().deleted, props, mode::tcpr)) return;
        const std::size_t mark = ns_.enter(attrs);
        const tag t = ns_.classify(name);
        switch (t) {
        case tag::p: {
            // Paragraphs joined by '\n', but after a deleted paragraph mark.
            cell_state& cs = cells_.back();
            if (!cs.first && !cs.joined) cs.c.text += '\n';
            cs.first = false;
            para_in_cell_ = true;
            para_deleted_ = false;
            push(mode::para, d, mark, offset);
            return;
        }
        case tag::tbl: {
            cell_state& cs = cells_.back();
            cs.c.nested.push_back(static_cast<std::uint32_t>(doc_.tables.size()));
            begin_table(d, mark, offset, cs.c.at.table, tables_.back().nesting + 1);
            return;
        }
        default:
            if (!wrapper(t, mode::cell, d, mark, offset)) other_child(mark, props, mode::tcpr, d, offset);
            return;
        }
    }

    // A child of w:trPr or w:tcPr.
    void property(mode m, std::string_view name, std::span<const xml_attr> attrs) {
        const tag t = ns_.classify(name);
        if (m == mode::trpr) {
            raw_row& r = rows_.back().r;
            switch (t) {
            case tag::gridBefore: r.grid_before = std::min(to_u32(attr(attrs, "val"), 0), lim_.max_cols); break;
            case tag::gridAfter: r.grid_after = std::min(to_u32(attr(attrs, "val"), 0), lim_.max_cols); break;
            case tag::tblHeader: r.repeated_header = on_off(attrs); break;
            case tag::del: rows_.back().deleted = true; break;
            default: break;
            }
        } else if (!cells_.back().deleted) {
            raw_cell& c = cells_.back().c;
            switch (t) {
            case tag::gridSpan: c.colspan = std::clamp<std::uint32_t>(to_u32(attr(attrs, "val"), 1), 1, lim_.max_cols); break;
            case tag::vMerge: c.vertical = attr(attrs, "val") == "restart" ? vmerge::restart : vmerge::continue_; break;
            case tag::hMerge: c.horizontal = attr(attrs, "val") == "restart" ? hmerge::restart : hmerge::continue_; break;
            case tag::cellDel: cells_.back().deleted = true; break;
            default: break;
            }
        }
        ++skip_;
    }

    void rollback(const undo& u) {
        doc_.tables.resize(u.tables);
        out_.erase(out_.begin() + static_cast<std::ptrdiff_t>(u.diags), out_.end());
    }

    void deleted_row(row_state& rs) {
        rollback(rs.marks);
        tables_.back().cells = rs.cells;
        out_.push_back({severity::info, "docx.deleted_row", "a row deleted with tracked changes is left out (the accepted view)", rs.r.at});
    }
    void deleted_cell(cell_state& cs) {
        rollback(cs.marks);
        out_.push_back({severity::info, "docx.deleted_cell", "a cell deleted with tracked changes is left out", cs.c.at});
    }

    void end_cell() {
        cell_state cs = std::move(cells_.back());
        cells_.pop_back();
        if (cs.deleted) return deleted_cell(cs);
        raw_row& r = rows_.back().r;
        if (r.cells.size() >= lim_.max_cols) return limit(cs.offset, "max_cols", fmt::format("a row has more than {} cells", lim_.max_cols));
        if (++tables_.back().cells > lim_.max_cells)
            return limit(cs.offset, "max_cells", fmt::format("a table has more than {} cells", lim_.max_cells));
        if (cs.c.text.size() > lim_.max_cell_bytes)
            return limit(cs.offset, "max_cell_bytes",
                         fmt::format("a cell holds {} bytes of text, more than {}", cs.c.text.size(), lim_.max_cell_bytes));
        r.cells.push_back(std::move(cs.c));
    }

    void end_row() {
        row_state rs = std::move(rows_.back());
        rows_.pop_back();
        if (rs.deleted) return deleted_row(rs);
        raw_table& t = tables_.back().t;
        if (t.rows.size() >= lim_.max_rows) return limit(rs.r.at.offset, "max_rows", fmt::format("a table has more than {} rows", lim_.max_rows));
        t.rows.push_back(std::move(rs.r));
    }

    void end_table() {
        table_state ts = std::move(tables_.back());
        tables_.pop_back();
        // The grid will have a slot per row and column: bound it before it is built.
        std::uint64_t width = ts.t.declared_cols;
        for (const raw_row& r : ts.t.rows) {
            std::uint64_t w = std::uint64_t{r.grid_before} + r.grid_after;
            for (const raw_cell& c : r.cells) w += c.colspan;
            width = std::max(width, w);
        }
        if (width * ts.t.rows.size() > lim_.max_grid_slots)
            return limit(ts.offset, "max_grid_slots",
                         fmt::format("a table of {} rows and {} columns needs more than {} grid slots", ts.t.rows.size(), width,
                                     lim_.max_grid_slots));
        doc_.tables[ts.index] = std::move(ts.t);
    }

    // --- a breach waiting for the rows and cells around it -------------------
    // Nothing is read but the properties of the rows and cells open, which
    // may delete them (and the breach with them).
    void pending_start(const frame& p, std::string_view name, std::span<const xml_attr> attrs) {
        if (p.m == mode::trpr || p.m == mode::tcpr) return property(p.m, name, attrs);
        if (p.m == mode::row && properties_of(p, name, tag::trPr, "trPr")) push(mode::trpr, p.depth + 1, ns_.mark(), 0);
        else if (p.m == mode::cell && properties_of(p, name, tag::tcPr, "tcPr")) push(mode::tcpr, p.depth + 1, ns_.mark(), 0);
        else ++skip_;
    }

    void pending_end(const frame& f) {
        if (f.m == mode::row && f.owner) {
            row_state rs = std::move(rows_.back());
            rows_.pop_back();
            if (rs.deleted) {
                pending_.reset();
                deleted_row(rs);
            }
        } else if (f.m == mode::cell && f.owner) {
            cell_state cs = std::move(cells_.back());
            cells_.pop_back();
            if (cs.deleted) {
                pending_.reset();
                deleted_cell(cs);
            }
        } else if (f.m == mode::table && f.owner) {
            tables_.pop_back();
        }
        if (pending_ && rows_.empty()) {
            failure_ = std::move(pending_);
            pending_.reset();
            done_ = true;
        }
    }

    std::string_view part_;
    const limits& lim_;
    diagnostics& out_;
    raw_document& doc_;
    scopes ns_;
    std::vector<frame> stack_;
    std::uint32_t skip_ = 0;  // depth inside an element not read
    std::vector<table_state> tables_;
    std::vector<row_state> rows_;
    std::vector<cell_state> cells_;
    std::string block_text_;  // the text of the paragraph open outside tables
    bool para_in_cell_ = false, para_deleted_ = false;
    bool recording_ = false;
    std::uint32_t recorded_depth_ = 0;
    std::vector<recorded_event> recorded_;
    replay_cursor* replay_ = nullptr;
    std::optional<error> pending_, failure_;
    bool done_ = false;
};

// Reads the part through `stream` (pieces as they are inflated), or — when the
// tokenizer declines it — parses `whole()` with pugixml and walks its tree.
result<raw_document> read_part(const std::function<std::optional<error>(const std::function<void(std::string_view)>&)>& stream,
                               const std::function<result<std::string>()>& whole, std::string_view part, const read_options& opts,
                               diagnostics& out) {
    const std::size_t diags = out.size();
    {
        raw_document doc;
        walker w(part, opts, out, doc);
        xml_stream xml(w);
        if (auto failed = stream([&xml](std::string_view piece) { xml.feed(piece); })) return std::move(*failed);
        if (xml.finish()) {
            if (w.failure()) return std::move(*w.failure());
            return doc;
        }
    }
    out.erase(out.begin() + static_cast<std::ptrdiff_t>(diags), out.end());
    auto bytes = whole();
    if (!bytes) return bytes.err();
    return read_document_xml(std::move(bytes.value()), part, opts, out, xml_reader::tree);
}

}  // namespace

result<raw_document> read_document_xml(package& pkg, const std::string& part, const read_options& opts, diagnostics& out) {
    return read_part([&](const std::function<void(std::string_view)>& sink) { return pkg.stream(part, sink); },
                     [&] { return pkg.read(part); }, part, opts, out);
}

result<raw_document> read_document_xml(std::string xml, std::string_view part, const read_options& opts, diagnostics& out, xml_reader how,
                                       std::size_t piece) {
    if (how == xml_reader::stream) {
        const std::string_view bytes = xml;
        return read_part(
            [&](const std::function<void(std::string_view)>& sink) {
                for (std::size_t at = 0; at < bytes.size(); at += std::max<std::size_t>(piece, 1)) sink(bytes.substr(at, piece));
                return std::optional<error>();
            },
            [&] { return result<std::string>(std::move(xml)); }, part, opts, out);
    }
    auto tree = parse_xml(std::move(xml), part);
    if (!tree) return tree.err();
    raw_document doc;
    walker w(part, opts, out, doc);
    replay(tree.value()->doc.document_element(), w);
    if (w.failure()) return std::move(*w.failure());
    return doc;
}

}  // namespace jixiao::detail
