#include "detail/utf8.hpp"

#include <utf8proc.h>

#include <cstdlib>
#include <memory>

namespace jixiao::detail {

std::optional<std::size_t> find_invalid_utf8(std::string_view s) noexcept {
    const auto* p = reinterpret_cast<const utf8proc_uint8_t*>(s.data());
    std::size_t i = 0;
    const std::size_t n = s.size();
    while (i < n) {
        if (p[i] < 0x80) {  // fast path for ASCII
            ++i;
            continue;
        }
        utf8proc_int32_t cp = 0;
        const utf8proc_ssize_t len = utf8proc_iterate(p + i, static_cast<utf8proc_ssize_t>(n - i), &cp);
        if (len <= 0) return i;
        i += static_cast<std::size_t>(len);
    }
    return std::nullopt;
}

std::string_view trim(std::string_view s) noexcept {
    std::size_t b = 0;
    while (b < s.size()) {
        std::size_t j = b;
        if (!is_blank_cp(next_code_point(s, j))) break;
        b = j;
    }
    std::size_t e = s.size();
    while (e > b) {
        // step back to the start of the previous code point
        std::size_t k = e - 1;
        while (k > b && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80) --k;
        std::size_t j = k;
        if (!is_blank_cp(next_code_point(s, j))) break;
        e = k;
    }
    return s.substr(b, e - b);
}

std::string label_key_nfkc(std::string_view s) {
    std::string nfkc;
    {
        utf8proc_uint8_t* mapped = nullptr;
        const utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                                static_cast<utf8proc_ssize_t>(s.size()), &mapped,
                                                static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                                                                               UTF8PROC_COMPAT));
        if (n >= 0 && mapped != nullptr) nfkc.assign(reinterpret_cast<const char*>(mapped), static_cast<std::size_t>(n));
        else nfkc.assign(s);  // invalid input never reaches here (readers validate), but stay total
        std::free(mapped);
    }
    std::string key;
    key.reserve(nfkc.size());
    for (std::size_t i = 0; i < nfkc.size();) {
        const char32_t cp = next_code_point(nfkc, i);
        if (!is_blank_cp(cp)) append_utf8(key, cp);
    }
    while (!key.empty() && key.back() == ':') key.pop_back();
    return key;
}

std::string label_key(std::string_view s) {
    // Most cells hold only ASCII and CJK unified ideographs (U+4E00–U+9FFF),
    // which NFKC leaves as they are: no compatibility mapping, nothing that
    // composes with them. Their key is the text without blanks (for these,
    // the ASCII ones), with no trip through utf8proc. Anything else (full-width
    // forms, U+3000, combining marks …) goes the whole way.
    std::string key;
    key.reserve(s.size());
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = p[i];
        if (c < 0x80) {
            if (c >= 0x20 && c != ' ') key += static_cast<char>(c);
            else if (!(c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f')) return label_key_nfkc(s);  // controls
            ++i;
            continue;
        }
        // A three-byte sequence in U+4E00..U+9FFF: E4 B8 80 .. E9 BF BF.
        if (i + 2 < s.size() && c >= 0xE4 && c <= 0xE9 && (p[i + 1] & 0xC0) == 0x80 && (p[i + 2] & 0xC0) == 0x80 &&
            (c != 0xE4 || p[i + 1] >= 0xB8)) {
            key.append(s.substr(i, 3));
            i += 3;
            continue;
        }
        return label_key_nfkc(s);
    }
    while (!key.empty() && key.back() == ':') key.pop_back();
    return key;
}

std::size_t display_width(std::string_view s) noexcept {
    std::size_t w = 0;
    for (std::size_t i = 0; i < s.size();) {
        const char32_t cp = next_code_point(s, i);
        const int cw = utf8proc_charwidth(static_cast<utf8proc_int32_t>(cp));
        if (cw > 0) w += static_cast<std::size_t>(cw);
    }
    return w;
}

}  // namespace jixiao::detail
