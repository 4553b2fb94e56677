// jixiao::detail — UTF-8 helpers shared by the stages (utf8proc underneath).
#ifndef JIXIAO_DETAIL_UTF8_HPP
#define JIXIAO_DETAIL_UTF8_HPP

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jixiao::detail {

/// Byte offset of the first byte that does not start a valid UTF-8 sequence
/// (overlongs, surrogates and code points past U+10FFFF are invalid); empty when all valid.
std::optional<std::size_t> find_invalid_utf8(std::string_view s) noexcept;

/// Decodes the code point at s[i] and advances i. Precondition: i < s.size().
/// A byte that does not start a valid sequence (a stray continuation byte, an
/// overlong form, a surrogate, past U+10FFFF, truncated) gives U+FFFD and
/// advances one byte — exactly as utf8proc_iterate judges validity (tested
/// against it over every sequence of up to three bytes). Inline: the stages
/// call it per character.
inline char32_t next_code_point(std::string_view s, std::size_t& i) noexcept {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data()) + i;
    const std::size_t left = s.size() - i;
    const unsigned char c = p[0];
    if (c < 0x80) {
        ++i;
        return c;
    }
    const auto cont = [&](std::size_t k) { return k < left && (p[k] & 0xC0) == 0x80; };
    if (c >= 0xC2 && c <= 0xDF && cont(1)) {
        i += 2;
        return static_cast<char32_t>((c & 0x1F) << 6 | (p[1] & 0x3F));
    }
    if (c >= 0xE0 && c <= 0xEF && cont(1) && cont(2) && !(c == 0xE0 && p[1] < 0xA0) && !(c == 0xED && p[1] > 0x9F)) {
        i += 3;
        return static_cast<char32_t>((c & 0x0F) << 12 | (p[1] & 0x3F) << 6 | (p[2] & 0x3F));
    }
    if (c >= 0xF0 && c <= 0xF4 && cont(1) && cont(2) && cont(3) && !(c == 0xF0 && p[1] < 0x90) && !(c == 0xF4 && p[1] > 0x8F)) {
        i += 4;
        return static_cast<char32_t>((c & 0x07) << 18 | (p[1] & 0x3F) << 12 | (p[2] & 0x3F) << 6 | (p[3] & 0x3F));
    }
    ++i;
    return 0xFFFD;
}

/// Writes the UTF-8 encoding of `cp` at `w` (1 to 4 bytes; U+FFFD for a
/// surrogate or a value past U+10FFFF) and returns the end of what it wrote.
inline char* put_utf8(char* w, char32_t cp) noexcept {
    if (cp < 0x80) {
        *w++ = static_cast<char>(cp);
        return w;
    }
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
    if (cp < 0x800) {
        *w++ = static_cast<char>(0xC0 | (cp >> 6));
    } else if (cp < 0x10000) {
        *w++ = static_cast<char>(0xE0 | (cp >> 12));
        *w++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    } else {
        *w++ = static_cast<char>(0xF0 | (cp >> 18));
        *w++ = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        *w++ = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    }
    *w++ = static_cast<char>(0x80 | (cp & 0x3F));
    return w;
}

/// Appends the UTF-8 encoding of `cp` to `out` (as put_utf8).
inline void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
        return;
    }
    char buf[4];
    out.append(buf, static_cast<std::size_t>(put_utf8(buf, cp) - buf));
}

/// True for the blanks forms use: ASCII whitespace, U+00A0, U+3000, U+2000–U+200B, U+202F, U+205F, U+FEFF.
inline bool is_blank_cp(char32_t cp) noexcept {
    if (cp < 0x80) return cp == ' ' || (cp >= '\t' && cp <= '\r');
    return cp == 0xA0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F || cp == 0xFEFF;
}

/// `s` without leading and trailing blanks (is_blank_cp).
std::string_view trim(std::string_view s) noexcept;

/// A key for matching labels against the synonym tables: NFKC (full-width
/// forms to ASCII: （）：% → ():%), every blank removed (vertical labels are
/// typed "产 出 指 标"), trailing ':' removed. Never used for output.
std::string label_key(std::string_view s);

/// label_key through utf8proc's NFKC always, without the fast path for text
/// that NFKC leaves as it is (for tests: the two must agree).
std::string label_key_nfkc(std::string_view s);

/// Terminal display width: East Asian wide and full-width characters count 2,
/// combining marks 0, others 1.
std::size_t display_width(std::string_view s) noexcept;

}  // namespace jixiao::detail

#endif
