// jixiao::detail — decoding text that is known to be valid UTF-8 (the output
// of clean_text), inline, for the value parser's hot path.
#ifndef JIXIAO_VALUE_UTF8_FAST_HPP
#define JIXIAO_VALUE_UTF8_FAST_HPP

#include <cstddef>
#include <string_view>

namespace jixiao::detail {

/// The code point at s[i] of valid UTF-8, advancing i; 0xFFFD (one byte) on a
/// malformed or truncated sequence, so it never reads out of bounds.
inline char32_t decode_valid(std::string_view s, std::size_t& i) noexcept {
    const auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = b(i);
    if (c < 0x80) {
        ++i;
        return c;
    }
    std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
    if (n == 0 || i + n > s.size()) {
        ++i;
        return 0xFFFD;
    }
    char32_t cp = c & (0x7F >> n);
    for (std::size_t k = 1; k < n; ++k) {
        if ((b(i + k) & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (b(i + k) & 0x3F);
    }
    i += n;
    return cp;
}

}  // namespace jixiao::detail

#endif
