// jixiao::detail — the data behind parse_value: units with their dimension,
// base unit and factor; qualitative words with their scale and rank;
// comparator and approximation words. Kept as data (tables.cpp) so a new
// word is one line.
#ifndef JIXIAO_VALUE_TABLES_HPP
#define JIXIAO_VALUE_TABLES_HPP

#include <jixiao/value.hpp>

#include <cstdint>
#include <span>
#include <string_view>

namespace jixiao::detail {

/// A unit as written (after cleaning) and how it converts:
/// base_number = number × factor_mantissa × 10^factor_exponent.
struct unit_info {
    std::string_view text;
    dimension dim;
    std::string_view base;
    std::int64_t factor_mantissa = 1;
    int factor_exponent = 0;
};

/// The table entry for `unit` (exact match), or null.
const unit_info* find_unit(std::string_view unit) noexcept;

/// Units that scale the number itself, like "%": 80% → 0.8 (power −2).
struct fraction_unit {
    std::string_view text;
    std::string_view unit;  ///< the unit recorded ("%" for ％ after cleaning, "个百分点" …)
    int power;
};
std::span<const fraction_unit> fraction_units() noexcept;

/// Periods for frequencies and rates: 年 (1 per year), 半年 (2), 季度 (4), 月 (12) …;
/// `per_year` 0 for periods that do not divide a year exactly (周, 日).
struct period_info {
    std::string_view text;
    std::string_view base;  ///< "年", "周", "日"
    int per_year;
};
const period_info* find_period(std::string_view text) noexcept;
/// Prefixes of a frequency written in words: 每年 一年 年均 每季度 每月 …
std::span<const period_info> period_prefixes() noexcept;

/// A qualitative word: its scale, rank (1 = best) and canonical form.
struct qualitative_info {
    std::string_view text;
    qualitative_scale scale;
    int rank;
    std::string_view canonical;
};
/// Every entry for `word` (a word may sit on two scales: 差 is grade 4 and
/// quality 5); empty when the word is not in the table.
std::span<const qualitative_info> find_qualitative(std::string_view word) noexcept;

struct comparator_word {
    std::string_view text;
    comparator op;
};
/// Written before the number, longest first within a shared prefix.
std::span<const comparator_word> leading_comparators() noexcept;
/// The leading comparator or approximation word `s` begins with (longest
/// first), or null. `approx` is set for an approximation word (op none).
// Not noexcept: the first call builds an index (and may throw std::bad_alloc).
const comparator_word* leading_word(std::string_view s, bool& approx);
/// Written after the number and unit ("以上", "(含)以上", "以内", "内").
std::span<const comparator_word> trailing_comparators() noexcept;
/// Before the number: 约 大约 大概 近 接近 预计 左右 … (approximation);
std::span<const std::string_view> leading_approx() noexcept;
/// After the number or unit: 左右 上下.
std::span<const std::string_view> trailing_approx() noexcept;
/// Whether a leading comparator or approximation word can begin with this code point.
bool may_begin_leading_word(char32_t first);
/// Whether a trailing comparator or approximation word can end with this code point.
bool may_end_trailing_word(char32_t last);
/// Words that mark "nothing applies": — / 无 不适用 …
bool is_not_applicable(std::string_view cleaned) noexcept;
/// Words in a row's labels that say the numbers are money.
bool names_money(std::string_view hint) noexcept;

}  // namespace jixiao::detail

#endif
