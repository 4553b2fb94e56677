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
    // Most cells hold only characters whose NFKC form is known without
    // utf8proc: ASCII, CJK unified ideographs (U+4E00–U+9FFF), the CJK marks
    // 、。〈〉《》「」『』【】 (U+3001–U+3002, U+3008–U+3011) and dashes and
    // quotes (U+2013–U+2014, U+2018–U+201D), which NFKC leaves as they are;
    // full-width forms U+FF01–U+FF5E, which it maps to ASCII (U+FF08 （ → "(");
    // and U+00A0 / U+3000, which it maps to a space (a blank: removed). None of
    // them composes with a neighbour. Anything else (combining marks, ①, …)
    // goes the whole way through utf8proc; tests/unit/test_utf8.cpp checks the
    // two paths agree on every character of the fast set and on the corpus.
    std::string key;
    key.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t at = i;
        const char32_t cp = next_code_point(s, i);
        if (cp < 0x80) {
            if (cp > 0x20) key += static_cast<char>(cp);
            else if (!is_blank_cp(cp)) return label_key_nfkc(s);  // controls
        } else if ((cp >= 0x4E00 && cp <= 0x9FFF) || cp == 0x3001 || cp == 0x3002 || (cp >= 0x3008 && cp <= 0x3011) ||
                   (cp >= 0x2013 && cp <= 0x2014) || (cp >= 0x2018 && cp <= 0x201D)) {
            key.append(s.data() + at, i - at);  // valid: its own bytes
        } else if (cp >= 0xFF01 && cp <= 0xFF5E) {
            key += static_cast<char>(cp - 0xFEE0);
        } else if (cp != 0xA0 && cp != 0x3000) {
            return label_key_nfkc(s);
        }
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
