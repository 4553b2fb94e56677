// jixiao::detail — scanning numbers inside cleaned cell text: ASCII digits
// with grouping, Chinese numerals, and mixes of the two. Shared by
// parse_value (value.cpp) and the public parse_numeral.
#ifndef JIXIAO_VALUE_NUMERAL_HPP
#define JIXIAO_VALUE_NUMERAL_HPP

#include <jixiao/value.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace jixiao::detail {

/// Result of scanning one number at a position of cleaned text (clean.hpp).
struct numeral_scan {
    bool ok = false;            ///< false: no number here, or a malformed one
    std::size_t end = 0;        ///< byte offset just past the number (trailing spaces not included)
    decimal number;
    bool chinese = false;       ///< at least one Chinese numeral character was read
    bool arabic = false;        ///< at least one ASCII digit was read
    bool elided = false;        ///< colloquial elision (三万五)
    bool canonical = true;      ///< only characters strict mode allows (no 两 俩 幺 〇 兆, no ASCII)
    bool ambiguous_comma = false;  ///< "2,53": a comma before two digits read as a decimal point
    bool zhao = false;          ///< 兆 was read (as 10^12)
    int trailing_unit = -1;     ///< power of ten of the unit the numeral ends with (万 → 4, 百 → 2), or -1
    bool has_units = false;     ///< any 十百千万亿 (or k/w) was read
    int max_big = 0;            ///< the largest big unit read: 万 → 4, 亿 → 8, 兆 → 12; 0 for none
};

/// Scans the longest number starting at byte `pos` of `s`. In strict mode only
/// Chinese numerals in canonical form are numbers. For a Chinese digit string
/// (二〇〇二), `digits` (when given) receives the digits as written, leading
/// zeros kept ("003", "-01", "12.30"). Never throws except bad_alloc.
numeral_scan scan_numeral(std::string_view s, std::size_t pos, numeral_mode mode, std::string* digits = nullptr);

/// After an amount: "元整", "元正", "元3角5分", "块5毛", "圆" … Returns the
/// end of the tail and adds 角/分 to `amount`; `pos` when there is none.
/// `strict` allows only canonical numerals in 角/分.
std::size_t scan_money_tail(std::string_view s, std::size_t pos, decimal& amount, bool strict);

/// The canonical Chinese numeral for `d` (一千零一, 十万零一, 负零点五);
/// `financial` writes 壹贰叁…拾佰仟 (and keeps the leading 壹拾). Used by the
/// strict mode and as an oracle in tests. Empty for numbers ≥ 10^20.
std::string format_chinese(const decimal& d, bool financial = false);

/// True for a character that can begin or continue a Chinese numeral
/// (digits, 零〇, 十百千万亿兆 and capitals, 廿卅卌, 两俩幺).
bool is_numeral_char(char32_t cp) noexcept;

}  // namespace jixiao::detail

#endif
