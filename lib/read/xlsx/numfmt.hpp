// jixiao::detail — a number as Excel shows it in its number format
// (ECMA-376 Part 1 §18.8.30–31): what the person who filled the form saw.
#ifndef JIXIAO_READ_XLSX_NUMFMT_HPP
#define JIXIAO_READ_XLSX_NUMFMT_HPP

#include <cstdint>
#include <string>
#include <string_view>

namespace jixiao::detail {

/// The format code of a built-in number format id (0 General, 9 "0%",
/// 14 a short date …), as a Chinese (zh-CN) Excel shows the locale-dependent
/// ones (14 → "yyyy/m/d"). Empty for ids with no built-in code.
std::string_view builtin_number_format(std::uint32_t id) noexcept;

/// True when the format shows a date or time (y m d h s, AM/PM, [h] outside
/// quotes and brackets).
bool is_date_format(std::string_view code);

/// `value` formatted with `code`: the section for its sign (positive;
/// negative;zero), literals ("元", \x, [$¥-804]) kept, colours and
/// conditions dropped; 0 and # digits, decimals, thousands separators, '%'
/// (the value times 100), scientific E+; dates and times from the serial
/// number (1900 system with its phantom 29 February 1900, or the 1904 system).
/// General (and '@', and codes this does not understand) shows integers as
/// integers and other numbers with up to 15 significant digits.
/// Not supported, shown as General instead: fractions (# ?/?), [DBNum]
/// numerals, thousands scaling by trailing commas.
std::string format_number(double value, std::string_view code, bool date1904);

}  // namespace jixiao::detail

#endif
