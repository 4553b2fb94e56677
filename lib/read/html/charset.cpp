// The charset of an HTML page. The order is the HTML standard's (§13.2.3.1:
// byte order mark, then the prescan of meta tags, then a guess); the caller's
// named encoding comes first, as a user override does in a browser.
#include "read/html/charset.hpp"

#include "read/html/ascii.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>

namespace jixiao::detail {

namespace {

bool space(char c) { return html_space(static_cast<unsigned char>(c)); }

// One attribute of a tag being prescanned: name and value, lower-cased
// name, value as written. Advances `i`; false at the tag's end.
bool next_attribute(std::string_view s, std::size_t& i, std::string& name, std::string& value) {
    name.clear();
    value.clear();
    while (i < s.size() && (space(s[i]) || s[i] == '/')) ++i;
    if (i >= s.size() || s[i] == '>') return false;
    while (i < s.size() && !space(s[i]) && s[i] != '=' && s[i] != '>' && !(s[i] == '/' && !name.empty())) name += ascii_lower(s[i++]);
    while (i < s.size() && space(s[i])) ++i;
    if (i >= s.size() || s[i] != '=') return true;
    ++i;
    while (i < s.size() && space(s[i])) ++i;
    if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
        const char q = s[i++];
        const std::size_t end = s.find(q, i);
        const std::size_t stop = end == std::string_view::npos ? s.size() : end;
        value.assign(s.substr(i, stop - i));
        i = stop == s.size() ? stop : stop + 1;
        return true;
    }
    while (i < s.size() && !space(s[i]) && s[i] != '>') value += s[i++];
    return true;
}

// "text/html; charset=gb2312" → "gb2312" (the HTML standard's "algorithm for
// extracting a character encoding from a meta element").
std::string charset_in_content(std::string_view content) {
    const std::string low = ascii_lowered(content);
    std::size_t at = 0;
    while ((at = low.find("charset", at)) != std::string::npos) {
        std::size_t i = at + 7;
        while (i < low.size() && space(low[i])) ++i;
        if (i >= low.size() || low[i] != '=') {
            at = i;
            continue;
        }
        ++i;
        while (i < low.size() && space(low[i])) ++i;
        if (i < low.size() && (low[i] == '"' || low[i] == '\'')) {
            const char q = low[i];
            const std::size_t end = low.find(q, i + 1);
            if (end == std::string::npos) return {};
            return low.substr(i + 1, end - i - 1);
        }
        std::size_t end = i;
        while (end < low.size() && !space(low[end]) && low[end] != ';') ++end;
        return low.substr(i, end - i);
    }
    return {};
}

}  // namespace

std::string prescan_charset(std::string_view bytes, std::size_t window) {
    const std::string_view s = bytes.substr(0, std::min(bytes.size(), window));
    std::size_t i = 0;
    std::string name, value;
    while (i < s.size()) {
        const std::size_t lt = s.find('<', i);
        if (lt == std::string_view::npos) break;
        i = lt;
        if (s.substr(i, 4) == "<!--") {
            const std::size_t end = s.find("-->", i + 4);
            if (end == std::string_view::npos) break;
            i = end + 3;
            continue;
        }
        if (ascii_lowered(s.substr(i, 5)) == "<meta" && i + 5 < s.size() && (space(s[i + 5]) || s[i + 5] == '/')) {
            i += 5;
            std::string http_equiv, content, charset;
            while (next_attribute(s, i, name, value)) {
                if (name == "charset" && charset.empty()) charset = ascii_lowered(html_trim(value));
                else if (name == "http-equiv") http_equiv = ascii_lowered(html_trim(value));
                else if (name == "content" && content.empty()) content = value;
            }
            if (!charset.empty()) return charset;
            if (http_equiv == "content-type") {
                std::string c = charset_in_content(content);
                if (!c.empty()) return std::string(html_trim(c));
            }
            continue;
        }
        if (i + 1 < s.size() && (std::isalpha(static_cast<unsigned char>(s[i + 1])) || s[i + 1] == '/')) {
            // Another tag: skip its attributes (a '>' inside a quoted value does not end it).
            i += 1;
            while (i < s.size() && !space(s[i]) && s[i] != '>') ++i;
            while (next_attribute(s, i, name, value)) {
            }
            ++i;
            continue;
        }
        if (i + 1 < s.size() && (s[i + 1] == '!' || s[i + 1] == '?')) {
            const std::size_t end = s.find('>', i);
            if (end == std::string_view::npos) break;
            i = end + 1;
            continue;
        }
        ++i;
    }
    return {};
}

std::string charset_for_label(std::string_view label) {
    const std::string l = ascii_lowered(html_trim(label));
    static constexpr std::array gbk = {"chinese", "csgb2312", "csiso58gb231280", "gb2312", "gb_2312", "gb_2312-80", "gbk",
                                       "iso-ir-58", "x-gbk", "cp936", "ms936", "windows-936", "gb18030", "euc-cn"};
    static constexpr std::array big5 = {"big5", "big5-hkscs", "cn-big5", "csbig5", "x-x-big5"};
    static constexpr std::array latin = {"ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1",
                                         "iso-ir-100", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1",
                                         "us-ascii", "windows-1252", "x-cp1252"};
    static constexpr std::array utf8 = {"unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8",
                                        "utf-16", "utf-16le", "utf-16be", "unicode", "ucs-2", "unicodefeff"};
    auto in = [&](const auto& list) { return std::find(list.begin(), list.end(), l) != list.end(); };
    if (in(gbk)) return "gb18030";
    if (in(big5)) return "big5";
    if (in(latin)) return "windows-1252";
    if (in(utf8)) return "utf-8";
    return l;
}

result<decoded_text> decode_html(std::string_view bytes, std::string_view named, diagnostics& out) {
    if (!named.empty() && ascii_lowered(named) != "auto") return decode_text(bytes, named);
    const bool bom = bytes.substr(0, 3) == "\xEF\xBB\xBF" || bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF";
    if (!bom) {
        if (const std::string label = prescan_charset(bytes); !label.empty()) {
            const std::string name = charset_for_label(label);
            auto r = decode_text(bytes, name);
            if (r) {
                r.value().found = encoding_source::named;
                return r;
            }
            diagnostic d;
            d.level = severity::warning;
            d.at.offset = 0;
            if (r.err().code == errc::invalid_argument) {
                d.code = "html.charset_unknown";
                d.message = fmt::format("the page declares charset '{}', which is not known: the encoding is found by content", label);
            } else {
                d.code = "html.charset_mismatch";
                d.message = fmt::format("the page declares charset '{}' but its bytes are not valid in it ({}): the encoding is "
                                        "found by content",
                                        label, r.err().message);
            }
            out.push_back(std::move(d));
        }
    }
    auto r = decode_text(bytes);
    if (r && (r.value().found == encoding_source::gb18030 || r.value().found == encoding_source::detected)) {
        diagnostic d;
        d.code = "html.encoding_guessed";
        d.at.offset = 0;
        d.message = r.value().found == encoding_source::gb18030
                        ? "no byte order mark, no charset declared and not UTF-8: read as GB18030 (GBK)"
                        : fmt::format("no byte order mark and no charset declared: read as {} (ICU's detector, confidence {})",
                                      r.value().encoding, r.value().confidence);
        out.push_back(std::move(d));
    }
    return r;
}

}  // namespace jixiao::detail
