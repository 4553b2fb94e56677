// jixiao — values written in form cells: exact decimals, comparators, units.
//
// A form writes "≥80%", "5.6万", "1次/年", "良好". `parse_value` reads such a
// cell into a comparator, an exact number in base units and a unit, and keeps
// the raw text always. What it cannot read as a quantity stays text (number
// empty), never an error.
//
// Base units: a percent is a fraction ("80%" → 0.8, unit "%"); a per-mille
// likewise ("5‰" → 0.005, unit "‰"); the multipliers 千/万/亿 are multiplied
// out ("5.6万" → 56000) and dropped from the unit ("≥15万元" → 150000, unit "元").
#ifndef JIXIAO_VALUE_HPP
#define JIXIAO_VALUE_HPP

#include <jixiao/diagnostic.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jixiao {
inline namespace v0 {

/// An exact decimal number: mantissa × 10^exponent. What a form writes is
/// decimal; binary floating point would turn 0.1 into 0.1000000000000000055.
/// Always normalized: the mantissa has no trailing zero digits (so equal
/// values have equal representations) and zero is {0, 0}.
class decimal {
public:
    constexpr decimal() = default;
    decimal(std::int64_t mantissa, int exponent) noexcept;

    /// Parses plain ASCII decimal notation: optional '-', digits, optional
    /// '.' and digits ("12", "0.80", "-3.5"). No grouping, no exponent, no
    /// spaces. Empty when the text is not that, or has more than 18 significant digits.
    static std::optional<decimal> parse(std::string_view ascii) noexcept;

    std::int64_t mantissa() const noexcept { return mantissa_; }
    int exponent() const noexcept { return exponent_; }

    /// This value × 10^power. Empty on overflow of the 64-bit mantissa.
    std::optional<decimal> scaled(int power) const noexcept;
    /// Plain notation, no exponent, no trailing zeros: "0.8", "56000", "-3.25".
    std::string to_string() const;
    /// Nearest double (for writers and arithmetic checks, not for storage).
    double to_double() const noexcept;

    /// Exact comparison: negative, zero or positive.
    friend int compare(const decimal& a, const decimal& b) noexcept;
    friend bool operator==(const decimal& a, const decimal& b) noexcept { return compare(a, b) == 0; }

private:
    std::int64_t mantissa_ = 0;
    int exponent_ = 0;
};

/// How a value relates to its number.
enum class comparator : std::uint8_t {
    none = 0,  ///< no comparator written
    ge,        ///< ≥ ≧ >= ＞＝ 不低于 不少于 …以上
    le,        ///< ≤ ≦ <= ＜＝ 不超过 不高于 …以内 …以下
    eq,        ///< = ＝
    gt,        ///< > ＞
    lt,        ///< < ＜
};

/// ">=", "<=", "=", ">", "<", or "" for none.
const char* to_string(comparator c) noexcept;

/// A parsed cell value.
struct value {
    std::string raw;                ///< the cell text as written (never changed)
    comparator op = comparator::none;
    std::optional<decimal> number;  ///< in base units; empty when the text is not a quantity
    std::string unit;               ///< unit as written after the number, multiplier removed ("人", "次/年", "%"); may be empty
};

/// True when `text` holds nothing but whitespace (ASCII, U+00A0, U+3000, U+2000–U+200B, U+FEFF).
bool is_blank(std::string_view text) noexcept;

/// Reads `raw`. Appends diagnostics (located at `at`) for readings that
/// needed a guess, e.g. "2,53万" (a comma before two digits: read as 2.53万,
/// warning "value.ambiguous_comma"). Never fails.
value parse_value(std::string_view raw, const location& at, diagnostics& out);

/// Whether an actual value meets its target.
enum class verdict : std::uint8_t { unknown = 0, met, not_met };

/// "met", "not_met" or "unknown".
const char* to_string(verdict v) noexcept;

/// Judges `actual` against `target`:
///  - both quantities with compatible units (equal, or one side has none):
///    the target's comparator decides (none counts as ≥, the usual reading
///    of "reach this"); an actual written with ≥/> counts as its bound;
///  - both texts and equal after trimming whitespace ("良好" / "良好"): met;
///  - anything else, or a side missing: unknown.
verdict judge(const value* target, const value* actual) noexcept;

}  // namespace v0
}  // namespace jixiao

#endif
