// jixiao::detail — ASCII helpers of the HTML reader: HTML's whitespace and
// its case-insensitive names.
#ifndef JIXIAO_READ_HTML_ASCII_HPP
#define JIXIAO_READ_HTML_ASCII_HPP

#include <algorithm>
#include <string>
#include <string_view>

namespace jixiao::detail {

/// ASCII whitespace as HTML defines it: space, TAB, LF, FF, CR.
constexpr bool html_space(char32_t c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

constexpr char ascii_lower(char c) noexcept { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

inline std::string ascii_lowered(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), ascii_lower);
    return out;
}

/// `s` without leading and trailing HTML whitespace.
constexpr std::string_view html_trim(std::string_view s) noexcept {
    while (!s.empty() && html_space(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && html_space(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    return s;
}

}  // namespace jixiao::detail

#endif
