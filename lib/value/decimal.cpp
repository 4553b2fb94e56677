// jixiao::decimal — exact decimal numbers for form values.
//
// The representation is mantissa × 10^exponent with the mantissa stripped of
// trailing zeros, so every value has one representation. Scaling by a power of
// ten only moves the exponent; comparison works on the digits, never on doubles.
#include <jixiao/value.hpp>

#include <climits>
#include <cstdio>
#include <cstdlib>

namespace jixiao {
inline namespace v0 {

namespace {

// The largest number of significant digits parse() accepts: every 18-digit
// mantissa fits in int64 (19 digits would not always).
constexpr int max_significant_digits = 18;

// |m| without overflow for INT64_MIN.
std::uint64_t magnitude(std::int64_t m) noexcept {
    return m < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(m) : static_cast<std::uint64_t>(m);
}

int digit_count(std::uint64_t m) noexcept {
    int n = 1;
    while (m >= 10) {
        m /= 10;
        ++n;
    }
    return n;
}

int sign_of(std::int64_t m) noexcept { return (m > 0) - (m < 0); }

}  // namespace

decimal::decimal(std::int64_t mantissa, int exponent) noexcept : mantissa_(mantissa), exponent_(exponent) {
    if (mantissa_ == 0) {
        exponent_ = 0;
        return;
    }
    // Strip trailing zeros so equal values compare equal field by field. The
    // exponent guard keeps the (absurd) INT_MAX case from overflowing; such a
    // value stays unnormalized but compare() is still exact for it.
    while (mantissa_ % 10 == 0 && exponent_ < INT_MAX) {
        mantissa_ /= 10;
        ++exponent_;
    }
}

std::optional<decimal> decimal::parse(std::string_view ascii) noexcept {
    std::size_t i = 0;
    bool negative = false;
    if (i < ascii.size() && ascii[i] == '-') {
        negative = true;
        ++i;
    }
    const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };

    // Accumulate significant digits only: leading zeros carry nothing and
    // trailing zeros become exponent, so "0.000001" and "1000000" are cheap.
    std::int64_t mantissa = 0;  // kept non-negative; sign applied at the end
    int significant = 0;        // digits in `mantissa` so far
    std::int64_t pending_zeros = 0;  // zeros seen after the last nonzero digit, not yet in `mantissa`
    std::int64_t exponent = 0;
    bool any_digit = false;
    bool in_fraction = false;
    // Beyond this many input digits the exponent could leave int range; no
    // real cell is that long, so refuse rather than risk overflow.
    constexpr std::size_t max_length = 100'000'000;
    if (ascii.size() > max_length) return std::nullopt;

    for (; i < ascii.size(); ++i) {
        const char c = ascii[i];
        if (c == '.') {
            if (in_fraction || !any_digit) return std::nullopt;
            in_fraction = true;
            continue;
        }
        if (!is_digit(c)) return std::nullopt;
        any_digit = true;
        const int d = c - '0';
        if (in_fraction) --exponent;  // each fraction digit shifts the value one place right
        if (d == 0) {
            if (significant > 0) ++pending_zeros;
            continue;
        }
        // A nonzero digit: the zeros before it become significant.
        if (significant + pending_zeros + 1 > max_significant_digits) return std::nullopt;
        for (; pending_zeros > 0; --pending_zeros) {
            mantissa *= 10;
            ++significant;
        }
        mantissa = mantissa * 10 + d;
        ++significant;
    }
    if (!any_digit) return std::nullopt;
    if (in_fraction && ascii.back() == '.') return std::nullopt;  // "5." is not plain notation

    // Zeros after the last nonzero digit are a power of ten, not mantissa digits.
    exponent += pending_zeros;
    if (mantissa == 0) return decimal{};
    return decimal{negative ? -mantissa : mantissa, static_cast<int>(exponent)};
}

std::optional<decimal> decimal::scaled(int power) const noexcept {
    // The mantissa never changes here, so only the exponent can overflow.
    if (mantissa_ == 0) return *this;
    const long long e = static_cast<long long>(exponent_) + power;
    if (e > INT_MAX || e < INT_MIN) return std::nullopt;
    return decimal{mantissa_, static_cast<int>(e)};
}

std::string decimal::to_string() const {
    if (mantissa_ == 0) return "0";
    const std::string digits = std::to_string(magnitude(mantissa_));
    std::string out;
    if (mantissa_ < 0) out.push_back('-');
    if (exponent_ >= 0) {
        out += digits;
        out.append(static_cast<std::size_t>(exponent_), '0');
        return out;
    }
    // Widen before negating: -INT_MIN does not fit in int.
    const std::size_t places = static_cast<std::size_t>(-static_cast<long long>(exponent_));
    if (places >= digits.size()) {
        out += "0.";
        out.append(places - digits.size(), '0');
        out += digits;
    } else {
        const std::size_t int_len = digits.size() - places;
        out.append(digits, 0, int_len);
        out.push_back('.');
        out.append(digits, int_len, std::string::npos);
    }
    return out;
}

double decimal::to_double() const noexcept {
    // Clinger's fast path: a mantissa below 2^53 and a power of ten up to
    // 10^22 are both exact doubles, so one multiplication or division rounds
    // correctly, as strtod does (what most figures on a form take).
    static constexpr double powers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    constexpr std::int64_t exact = std::int64_t{1} << 53;
    if (mantissa_ > -exact && mantissa_ < exact && exponent_ >= -22 && exponent_ <= 22) {
        const auto m = static_cast<double>(mantissa_);
        return exponent_ >= 0 ? m * powers[exponent_] : m / powers[-exponent_];
    }
    // Otherwise strtod; scientific notation keeps the text short even for
    // extreme exponents. No decimal point, so the locale cannot interfere.
    char buf[64];
    std::snprintf(buf, sizeof buf, "%llde%d", static_cast<long long>(mantissa_), exponent_);
    return std::strtod(buf, nullptr);
}

namespace {

__extension__ typedef __int128 i128;
__extension__ typedef unsigned __int128 u128;

// 10^k as i128 for 0 ≤ k ≤ 38.
i128 pow10_128(int k) noexcept {
    i128 p = 1;
    for (int j = 0; j < k; ++j) p *= 10;
    return p;
}

constexpr i128 max_mantissa_18 = 999'999'999'999'999'999;  // 18 nines

// Builds a decimal from an exact i128 mantissa: trailing zeros move into the
// exponent; empty when more than 18 significant digits remain or the exponent
// leaves int range.
std::optional<decimal> from_i128(i128 m, long long e) noexcept {
    if (m == 0) return decimal{};
    if (m <= INT64_MAX && m >= -INT64_MAX && e <= INT_MAX - 19 && e >= INT_MIN) {
        // fits: the constructor strips zeros in 64-bit arithmetic (128-bit division is slow)
        decimal d{static_cast<std::int64_t>(m), static_cast<int>(e)};
        if (d.mantissa() > max_mantissa_18 || d.mantissa() < -max_mantissa_18) return std::nullopt;
        return d;
    }
    while (m % 10 == 0) {
        m /= 10;
        ++e;
    }
    if (m > max_mantissa_18 || m < -max_mantissa_18) return std::nullopt;
    if (e > INT_MAX || e < INT_MIN) return std::nullopt;
    return decimal{static_cast<std::int64_t>(m), static_cast<int>(e)};
}

}  // namespace

std::optional<decimal> decimal::plus(const decimal& other) const noexcept {
    if (mantissa_ == 0) return other;
    if (other.mantissa_ == 0) return *this;
    if (exponent_ == other.exponent_) {  // the common case, in 64 bits
        std::int64_t sum = 0;
        if (!__builtin_add_overflow(mantissa_, other.mantissa_, &sum)) return from_i128(sum, exponent_);
    }
    // Align to the smaller exponent; a shift beyond 19 places cannot keep 18
    // significant digits of both, so the exact sum would not fit anyway.
    const long long lo = exponent_ < other.exponent_ ? exponent_ : other.exponent_;
    const long long sa = static_cast<long long>(exponent_) - lo;
    const long long sb = static_cast<long long>(other.exponent_) - lo;
    if (sa > 19 || sb > 19) return std::nullopt;
    const i128 a = static_cast<i128>(mantissa_) * pow10_128(static_cast<int>(sa));
    const i128 b = static_cast<i128>(other.mantissa_) * pow10_128(static_cast<int>(sb));
    return from_i128(a + b, lo);
}

std::optional<decimal> decimal::times(const decimal& other) const noexcept {
    if (other.mantissa_ == 1) return scaled(other.exponent_);
    if (mantissa_ == 1) return other.scaled(exponent_);
    const i128 m = static_cast<i128>(mantissa_) * static_cast<i128>(other.mantissa_);
    return from_i128(m, static_cast<long long>(exponent_) + other.exponent_);
}

std::optional<decimal> decimal::negated() const noexcept {
    if (mantissa_ == INT64_MIN) return std::nullopt;
    return decimal{-mantissa_, exponent_};
}

std::optional<decimal> decimal::divided_by(const decimal& divisor, int digits, bool* exact) const noexcept {
    if (exact != nullptr) *exact = true;
    if (divisor.mantissa_ == 0) return std::nullopt;
    if (mantissa_ == 0) return decimal{};
    if (digits < 1) digits = 1;
    if (digits > max_significant_digits) digits = max_significant_digits;
    const bool negative = (mantissa_ < 0) != (divisor.mantissa_ < 0);
    const std::uint64_t a = magnitude(mantissa_);
    const std::uint64_t b = magnitude(divisor.mantissa_);
    // Long division of a/b, digit by digit, until the remainder is zero or
    // there are digits+1 significant digits (one more, for rounding).
    u128 q = a / b;
    u128 r = a % b;
    long long e = static_cast<long long>(exponent_) - divisor.exponent_;
    auto count = [](u128 x) {
        int n = 0;
        while (x > 0) {
            x /= 10;
            ++n;
        }
        return n;
    };
    while (r != 0 && count(q) <= max_significant_digits) {
        q = q * 10 + (r * 10) / b;
        r = (r * 10) % b;
        --e;
    }
    if (r == 0 && count(q) <= max_significant_digits) {
        std::optional<decimal> d = from_i128(static_cast<i128>(q), e);
        if (d && negative) return d->negated();
        return d;
    }
    // Inexact: round half-even to `digits` significant digits. Everything past
    // the kept digits, including the remainder, decides the rounding.
    if (exact != nullptr) *exact = false;
    const int have = count(q);
    const int drop = have - digits;
    u128 scale = 1;
    for (int k = 0; k < drop; ++k) scale *= 10;
    u128 kept = q / scale;
    const u128 rest = q % scale;
    const u128 half = scale / 2;
    const bool more = r != 0;  // something beyond the digits computed
    if (rest > half || (rest == half && (more || (kept % 2) == 1))) ++kept;
    std::optional<decimal> d = from_i128(static_cast<i128>(kept), e + drop);
    if (d && negative) return d->negated();
    return d;
}

int compare(const decimal& a, const decimal& b) noexcept {
    const int sa = sign_of(a.mantissa_);
    const int sb = sign_of(b.mantissa_);
    if (sa != sb) return sa < sb ? -1 : 1;
    if (sa == 0) return 0;

    // Same sign: compare magnitudes, then flip for negatives.
    const std::uint64_t ma = magnitude(a.mantissa_);
    const std::uint64_t mb = magnitude(b.mantissa_);
    const int da = digit_count(ma);
    const int db = digit_count(mb);
    // Position of the leading digit; in long long so extreme exponents cannot overflow.
    const long long lead_a = static_cast<long long>(da) + a.exponent_;
    const long long lead_b = static_cast<long long>(db) + b.exponent_;
    int mag = 0;
    if (lead_a != lead_b) {
        mag = lead_a < lead_b ? -1 : 1;
    } else {
        // Same leading position: pad the shorter mantissa with zeros to the
        // longer one's digit count. The result has at most 19 digits, which
        // always fits in uint64 (< 1.8e19), so this is exact.
        std::uint64_t xa = ma;
        std::uint64_t xb = mb;
        for (int k = da; k < db; ++k) xa *= 10;
        for (int k = db; k < da; ++k) xb *= 10;
        mag = (xa > xb) - (xa < xb);
    }
    return sa > 0 ? mag : -mag;
}

}  // namespace v0
}  // namespace jixiao
