#include "read/opc/xml_stream.hpp"

#include <jixiao/diagnostic.hpp>

#include "detail/utf8.hpp"

#include <array>
#include <cassert>
#include <cstring>

namespace jixiao::detail {

namespace {

// Byte classes, one table lookup each: pugixml's name characters (letters,
// '_', ':' and every byte of a multi-byte UTF-8 sequence start a name; digits,
// '-' and '.' may follow), white space, what an attribute value cannot
// take as it is (entities, line ends, '<'), and where a scan of a value
// stops to look: those, both quotes and the buffer's closing NUL.
enum : std::uint8_t { name_first = 1, name_next = 2, blank = 4, value_special = 8, value_stop = 16 };
constexpr std::array<std::uint8_t, 256> classes = [] {
    std::array<std::uint8_t, 256> t{};
    for (int c = 0; c < 256; ++c) {
        const bool first = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' || c >= 0x80;
        if (first) t[static_cast<std::size_t>(c)] |= name_first | name_next;
        if ((c >= '0' && c <= '9') || c == '-' || c == '.') t[static_cast<std::size_t>(c)] |= name_next;
    }
    for (char c : {' ', '\t', '\n', '\r'}) t[static_cast<unsigned char>(c)] |= blank;
    for (char c : {'&', '<', '\t', '\n', '\r'}) t[static_cast<unsigned char>(c)] |= value_special | value_stop;
    for (char c : {'"', '\'', '\0'}) t[static_cast<unsigned char>(c)] |= value_stop;
    return t;
}();
constexpr bool is(char c, std::uint8_t cls) noexcept { return (classes[static_cast<unsigned char>(c)] & cls) != 0; }
constexpr bool name_start(char c) noexcept { return is(c, name_first); }
constexpr bool space(char c) noexcept { return is(c, blank); }

const char* skip_name(const char* q, const char* e) noexcept {
    while (q < e && is(*q, name_next)) ++q;
    return q;
}
const char* skip_space(const char* q, const char* e) noexcept {
    while (q < e && is(*q, blank)) ++q;
    return q;
}

// The same, for a token read in the buffer, which ends in a NUL (a std::string's;
// a part with a NUL byte is declined before it is tokenized): the NUL stops the
// scan at the end, so the bytes need not be counted.
const char* skip_name_z(const char* q) noexcept {
    while (is(*q, name_next)) ++q;
    return q;
}
const char* skip_space_z(const char* q) noexcept {
    while (is(*q, blank)) ++q;
    return q;
}

// The first `what` in [from, e), or nullptr.
const char* find(const char* from, const char* e, std::string_view what) noexcept {
    const std::string_view in(from, static_cast<std::size_t>(e - from));
    const std::size_t at = in.find(what);
    return at == std::string_view::npos ? nullptr : from + at;
}

bool starts(const char* p, const char* e, std::string_view what) noexcept {
    return static_cast<std::size_t>(e - p) >= what.size() && std::memcmp(p, what.data(), what.size()) == 0;
}
// Whether [p, e) could still become `what` with more bytes.
bool could_start(const char* p, const char* e, std::string_view what) noexcept {
    const auto n = static_cast<std::size_t>(e - p);
    return n < what.size() && std::memcmp(p, what.data(), n) == 0;
}

bool equals_ascii_nocase(std::string_view a, std::string_view b) noexcept {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        char x = a[i];
        if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
        if (x != b[i]) return false;
    }
    return true;
}

// A character reference's digits (after "&#"), as pugixml reads the ones it
// reads like the XML spec; false for what this reader leaves to pugixml.
bool char_ref(std::string_view digits, char32_t& cp) noexcept {
    const bool hex = !digits.empty() && digits[0] == 'x';
    if (hex) digits.remove_prefix(1);
    if (digits.empty() || digits.size() > 6) return false;
    std::uint32_t v = 0;
    for (char c : digits) {
        std::uint32_t d;
        if (c >= '0' && c <= '9') d = static_cast<std::uint32_t>(c - '0');
        else if (hex && c >= 'a' && c <= 'f') d = static_cast<std::uint32_t>(c - 'a' + 10);
        else if (hex && c >= 'A' && c <= 'F') d = static_cast<std::uint32_t>(c - 'A' + 10);
        else return false;
        v = v * (hex ? 16 : 10) + d;
    }
    if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return false;
    cp = v;
    return true;
}

}  // namespace

// --- the tokenizer ------------------------------------------------------------

bool xml_stream::feed(std::string_view bytes) {
    if (declined_) return false;
    if (std::memchr(bytes.data(), 0, bytes.size()) != nullptr) return decline();
    if (pos_ != 0) {
        buf_.erase(0, pos_);
        base_ += pos_;
        pos_ = 0;
    }
    buf_.append(bytes);
    if (buf_.size() < wait_) return true;  // a cut token: try again when twice as much is here (linear in all)
    return run(false);
}

bool xml_stream::finish() {
    if (declined_ || !run(true)) return false;
    if (where_ != where::epilog) return decline();  // no root element, or one left open
    return true;
}

bool xml_stream::run(bool final) {
    const char* const b = buf_.data();
    const char* const e = b + buf_.size();
    while (pos_ < buf_.size()) {
        std::size_t used = 0;
        switch (token(b + pos_, e, final, used)) {
        case step::done: pos_ += used; break;
        case step::more:
            if (final) return decline();
            wait_ = 2 * (buf_.size() - pos_);
            return true;
        case step::decline: return decline();
        }
    }
    wait_ = 0;
    return true;
}

xml_stream::step xml_stream::token(const char* p, const char* e, bool final, std::size_t& used) {
    if (where_ == where::start) {
        // A UTF-8 BOM, then the XML declaration if there is one.
        if (e - p < 8 && !final) return step::more;
        const std::size_t bom = starts(p, e, "\xEF\xBB\xBF") ? 3 : 0;
        if (starts(p + bom, e, "<?xml") && p + bom + 5 < e && space(p[bom + 5])) {
            const step s = declaration(p + bom, e, used);
            if (s != step::done) return s;
            used += bom;
        } else {
            used = bom;
        }
        where_ = where::prolog;
        return step::done;
    }
    if (*p != '<') return text(p, e, final, used);
    if (e - p < 2) return step::more;
    switch (p[1]) {
    case '/': return end_tag(p, e, used);
    case '?': {  // a processing instruction: skipped, as pugixml does without parse_pi
        const char* q = p + 2;
        if (q == e) return step::more;
        if (!name_start(*q)) return step::decline;
        const char* t = skip_name(q, e);
        if (t == e) return step::more;
        if (equals_ascii_nocase(std::string_view(q, static_cast<std::size_t>(t - q)), "xml")) return step::decline;  // a declaration elsewhere
        if (!space(*t) && *t != '?') return step::decline;
        const char* end = find(t, e, "?>");
        if (end == nullptr) return step::more;
        used = static_cast<std::size_t>(end + 2 - p);
        return step::done;
    }
    case '!': {
        if (starts(p, e, "<!--")) {
            const char* end = find(p + 4, e, "-->");
            if (end == nullptr) return step::more;
            used = static_cast<std::size_t>(end + 3 - p);
            return step::done;
        }
        if (starts(p, e, "<![CDATA[")) {
            if (where_ != where::content) return step::decline;
            const char* end = find(p + 9, e, "]]>");
            if (end == nullptr) return step::more;
            const std::string_view data(p + 9, static_cast<std::size_t>(end - (p + 9)));
            if (data.find('\r') == std::string_view::npos) {
                if (!data.empty()) to_.text(data);
            } else {
                decoded_.clear();
                append_normalized(decoded_, data, false);
                to_.text(decoded_);
            }
            used = static_cast<std::size_t>(end + 3 - p);
            return step::done;
        }
        if (could_start(p, e, "<!--") || could_start(p, e, "<![CDATA[")) return step::more;
        return step::decline;  // a DOCTYPE (pugixml skips it and leaves entities unexpanded), or not XML
    }
    default: return name_start(p[1]) ? start_tag(p, e, used) : step::decline;
    }
}

xml_stream::step xml_stream::declaration(const char* p, const char* e, std::size_t& used) {
    const char* end = find(p + 5, e, "?>");
    if (end == nullptr) return step::more;
    // Only the encoding matters: pugixml reads a part declared in another one (Latin-1) differently.
    if (const char* enc = find(p + 5, end, "encoding")) {
        const char* q = skip_space(enc + 8, end);
        if (q == end || *q != '=') return step::decline;
        q = skip_space(q + 1, end);
        if (q == end || (*q != '"' && *q != '\'')) return step::decline;
        const char* v1 = static_cast<const char*>(std::memchr(q + 1, *q, static_cast<std::size_t>(end - q - 1)));
        if (v1 == nullptr) return step::decline;
        const std::string_view name(q + 1, static_cast<std::size_t>(v1 - q - 1));
        if (!equals_ascii_nocase(name, "utf-8") && !equals_ascii_nocase(name, "utf8")) return step::decline;
    }
    used = static_cast<std::size_t>(end + 2 - p);
    return step::done;
}

xml_stream::step xml_stream::start_tag(const char* p, const char* e, std::size_t& used) {
    if (where_ == where::epilog) return step::decline;  // a second root element
    assert(*e == '\0');
    const char* q = skip_name_z(p + 1);
    if (q == e) return step::more;
    const std::string_view name(p + 1, static_cast<std::size_t>(q - p - 1));
    attrs_.clear();
    values_.clear();
    bool empty = false, spaced = false;
    for (;;) {
        if (space(*q)) {
            q = skip_space_z(q);
            spaced = true;
        }
        if (q == e) return step::more;
        if (*q == '>') {
            used = static_cast<std::size_t>(q + 1 - p);
            break;
        }
        if (*q == '/') {
            if (q + 1 == e) return step::more;
            if (q[1] != '>') return step::decline;
            used = static_cast<std::size_t>(q + 2 - p);
            empty = true;
            break;
        }
        if (!spaced || !name_start(*q)) return step::decline;
        const char* n0 = q;
        q = skip_name_z(q);
        const std::string_view attr_name(n0, static_cast<std::size_t>(q - n0));
        q = skip_space_z(q);
        if (q == e) return step::more;
        if (*q != '=') return step::decline;
        q = skip_space_z(q + 1);
        if (q == e) return step::more;
        const char quote = *q;
        if (quote != '"' && quote != '\'') return step::decline;
        const char* v0 = q + 1;
        const char* v1 = v0;
        bool special = false;
        for (;;) {  // to the closing quote, noting what needs decoding
            while (!is(*v1, value_stop)) ++v1;
            if (*v1 == quote) break;
            if (v1 == e) return step::more;
            special |= is(*v1, value_special);
            ++v1;
        }
        const std::string_view raw(v0, static_cast<std::size_t>(v1 - v0));
        std::string_view value = raw;
        if (special) {
            if (raw.find('<') != std::string_view::npos) return step::decline;
            // Decoded values are never longer than the tag: reserved once, the views stay put.
            if (values_.empty()) values_.reserve(static_cast<std::size_t>(e - p));
            const std::size_t from = values_.size();
            if (!decode(raw, values_, true)) return step::decline;
            value = std::string_view(values_.data() + from, values_.size() - from);
        }
        attrs_.push_back({attr_name, value});
        q = v1 + 1;
        spaced = false;
    }
    where_ = where::content;
    const std::uint64_t offset = base_ + static_cast<std::uint64_t>(p - buf_.data()) + 1;
    if (!empty) {
        names_.append(name);
        name_ends_.push_back(static_cast<std::uint32_t>(names_.size()));
    }
    to_.start(name, attrs_, offset);
    if (empty) {
        to_.end();
        if (name_ends_.empty()) where_ = where::epilog;
    }
    return step::done;
}

xml_stream::step xml_stream::end_tag(const char* p, const char* e, std::size_t& used) {
    if (where_ != where::content) return step::decline;
    // The name must be the open element's (pugixml: "Start-end tags mismatch"), compared as it is read.
    const std::size_t open_from = name_ends_.size() > 1 ? name_ends_[name_ends_.size() - 2] : 0;
    const std::string_view open(names_.data() + open_from, names_.size() - open_from);
    const char* q = p + 2;
    const auto avail = static_cast<std::size_t>(e - q);
    if (avail <= open.size()) return std::memcmp(q, open.data(), avail) == 0 ? step::more : step::decline;
    if (std::memcmp(q, open.data(), open.size()) != 0) return step::decline;
    q += open.size();
    if (is(*q, name_next)) return step::decline;  // a longer name
    q = skip_space(q, e);
    if (q == e) return step::more;
    if (*q != '>') return step::decline;
    names_.resize(open_from);
    name_ends_.pop_back();
    to_.end();
    if (name_ends_.empty()) where_ = where::epilog;
    used = static_cast<std::size_t>(q + 1 - p);
    return step::done;
}

xml_stream::step xml_stream::text(const char* p, const char* e, bool final, std::size_t& used) {
    const char* lt = static_cast<const char*>(std::memchr(p, '<', static_cast<std::size_t>(e - p)));
    const char* stop = lt != nullptr ? lt : e;
    if (where_ != where::content) {  // outside the root: only white space
        for (const char* q = p; q < stop; ++q)
            if (!space(*q)) return step::decline;
        used = static_cast<std::size_t>(stop - p);
        return step::done;
    }
    if (lt == nullptr) {
        if (final) return step::decline;  // the root is not closed
        // An entity cut by the end of the piece waits for the next one, and so
        // does a CR (the LF after it, in the next piece, makes one line end).
        if (e[-1] == '\r') stop = e - 1;
        for (const char* q = stop; q > p && stop - q < 12;) {
            --q;
            if (*q == ';') break;
            if (*q == '&') {
                stop = q;
                break;
            }
        }
        if (stop == p) return step::more;
    }
    const std::string_view raw(p, static_cast<std::size_t>(stop - p));
    if (raw.find_first_of("&\r") == std::string_view::npos) {
        to_.text(raw);
    } else {
        decoded_.clear();
        if (!decode(raw, decoded_, false)) return step::decline;
        to_.text(decoded_);
    }
    used = raw.size();
    return step::done;
}

// Line ends as XML reads them (pugixml's parse_eol): CR LF and CR alone are
// LF; in attribute values TAB, LF and CR are spaces (parse_wconv_attribute),
// CR LF one space.
void xml_stream::append_normalized(std::string& out, std::string_view raw, bool attribute) {
    if (!attribute && raw.find('\r') == std::string_view::npos) {
        out.append(raw);
        return;
    }
    for (std::size_t i = 0; i < raw.size(); ++i) {
        const char c = raw[i];
        if (c == '\r') {
            if (i + 1 < raw.size() && raw[i + 1] == '\n') ++i;
            out += attribute ? ' ' : '\n';
        } else if (attribute && (c == '\t' || c == '\n')) {
            out += ' ';
        } else {
            out += c;
        }
    }
}

bool xml_stream::decode(std::string_view raw, std::string& out, bool attribute) {
    std::size_t i = 0;
    while (i < raw.size()) {
        const std::size_t amp = raw.find('&', i);
        const std::size_t run_end = amp == std::string_view::npos ? raw.size() : amp;
        append_normalized(out, raw.substr(i, run_end - i), attribute);
        if (amp == std::string_view::npos) break;
        const std::size_t semi = raw.find(';', amp + 1);
        if (semi == std::string_view::npos || semi - amp > 11) return false;
        const std::string_view entity = raw.substr(amp + 1, semi - amp - 1);
        if (entity == "lt") out += '<';
        else if (entity == "gt") out += '>';
        else if (entity == "amp") out += '&';
        else if (entity == "quot") out += '"';
        else if (entity == "apos") out += '\'';
        else if (char32_t cp = 0; !entity.empty() && entity[0] == '#' && char_ref(entity.substr(1), cp)) append_utf8(out, cp);
        else return false;  // an entity no DTD here defines: pugixml keeps it as text, left to it
        i = semi + 1;
    }
    return true;
}

// --- a parsed tree as events --------------------------------------------------

void replay(pugi::xml_node root, xml_events& to) {
    std::vector<xml_attr> attrs;
    const auto open = [&](pugi::xml_node n) {
        attrs.clear();
        for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute()) attrs.push_back({a.name(), a.value()});
        const std::ptrdiff_t off = n.offset_debug();
        to.start(n.name(), attrs, off >= 0 ? static_cast<std::uint64_t>(off) : location::npos);
    };
    open(root);
    pugi::xml_node parent = root;
    pugi::xml_node n = root.first_child();
    for (;;) {
        if (!n) {
            to.end();
            if (parent == root) return;
            n = parent.next_sibling();
            parent = parent.parent();
            continue;
        }
        switch (n.type()) {
        case pugi::node_element:
            open(n);
            if (n.first_child()) {
                parent = n;
                n = n.first_child();
                continue;
            }
            to.end();
            break;
        case pugi::node_pcdata:
        case pugi::node_cdata: to.text(n.value()); break;
        default: break;
        }
        n = n.next_sibling();
    }
}

}  // namespace jixiao::detail
