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
    // strtod rounds correctly; scientific notation keeps the text short even
    // for extreme exponents. No decimal point, so the locale cannot interfere.
    char buf[64];
    std::snprintf(buf, sizeof buf, "%llde%d", static_cast<long long>(mantissa_), exponent_);
    return std::strtod(buf, nullptr);
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
