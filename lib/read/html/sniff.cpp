// Sniffing HTML among the inputs read_bytes sees. Text forms never start with
// a tag, so the first tag after comments decides.
#include "read/html/sniff.hpp"

#include "read/html/ascii.hpp"

#include <algorithm>
#include <array>

namespace jixiao::detail {

namespace {

constexpr std::size_t sniff_window = 64u << 10;

bool ascii_space(char c) { return html_space(static_cast<unsigned char>(c)); }

bool starts_with_nocase(std::string_view s, std::string_view p) {
    if (s.size() < p.size()) return false;
    for (std::size_t i = 0; i < p.size(); ++i)
        if (ascii_lower(s[i]) != p[i]) return false;
    return true;
}

// The first bytes as ASCII, without allocating: UTF-16 (by its byte order
// mark) loses its NULs into `buf`; other input is viewed as it is, a UTF-8
// byte order mark dropped.
template <std::size_t N>
std::string_view ascii_head(std::string_view bytes, std::array<char, N>& buf) {
    if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'))) {
        const std::size_t low = bytes[0] == '\xFF' ? 0 : 1;  // the byte holding ASCII in each unit
        std::size_t n = 0;
        for (std::size_t i = 2; i + 1 < bytes.size() && n < N; i += 2) buf[n++] = bytes[i + 1 - low] == '\0' ? bytes[i + low] : '\x80';
        return {buf.data(), n};
    }
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    return bytes.substr(0, std::min(bytes.size(), sniff_window));
}

}  // namespace

bool looks_like_html(std::string_view bytes) noexcept {
    std::array<char, 4096> buf;
    std::string_view s = ascii_head(bytes, buf);
    for (;;) {
        while (!s.empty() && ascii_space(s.front())) s.remove_prefix(1);
        if (s.substr(0, 4) != "<!--") break;
        const std::size_t end = s.find("-->", 4);
        if (end == std::string_view::npos) return false;
        s.remove_prefix(end + 3);
    }
    for (std::string_view tag : {"<!doctype html", "<html", "<head", "<body", "<meta", "<table"}) {
        if (!starts_with_nocase(s, tag)) continue;
        const std::string_view rest = s.substr(tag.size());
        // "<html" but not "<htmlfoo": the name ends at whitespace, '>' or '/'.
        if (rest.empty() || ascii_space(rest.front()) || rest.front() == '>' || rest.front() == '/') return true;
    }
    return false;
}

bool looks_like_ppstructure(std::string_view bytes) noexcept {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    while (!bytes.empty() && ascii_space(bytes.front())) bytes.remove_prefix(1);
    return starts_with_nocase(bytes, "<html><body><table>");
}

}  // namespace jixiao::detail
