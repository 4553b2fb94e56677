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

/// Decodes the code point at s[i] (s must be valid UTF-8) and advances i.
char32_t next_code_point(std::string_view s, std::size_t& i) noexcept;

/// Appends the UTF-8 encoding of `cp` to `out`.
void append_utf8(std::string& out, char32_t cp);

/// True for the blanks forms use: ASCII whitespace, U+00A0, U+3000, U+2000–U+200B, U+202F, U+205F, U+FEFF.
bool is_blank_cp(char32_t cp) noexcept;

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
