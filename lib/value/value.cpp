// jixiao::value — reading form cells ("≥80%", "5.6万", "1次/年", "良好") and
// judging an actual value against its target.
//
// parse_value is a small pipeline over the trimmed cell:
//   leading comparator → number → multiplier → percent / per-mille
//   → trailing comparator ("以上") → unit.
// Any step that does not fit turns the whole cell into text (number empty);
// nothing here fails, throws or prints. Input bytes are never trusted to be
// valid UTF-8: prefixes are matched on bytes and code points are decoded with
// next_code_point, which consumes invalid bytes one at a time.
#include <jixiao/value.hpp>

#include "detail/utf8.hpp"

#include <array>

namespace jixiao {
inline namespace v0 {

namespace {

using detail::next_code_point;
using detail::trim;

// --- tables -------------------------------------------------------------------------

struct comparator_form {
    std::string_view text;
    comparator op;
};

// Written before the number. Matched on bytes, first match wins, so a form that
// another form is a prefix of comes first (">=" before ">", "大于等于" before "大于").
constexpr std::array<comparator_form, 34> leading_comparators{{
    {"大于等于", comparator::ge},
    {"小于等于", comparator::le},
    {"不低于", comparator::ge},
    {"不少于", comparator::ge},
    {"不小于", comparator::ge},
    {"不超过", comparator::le},
    {"不高于", comparator::le},
    {"不大于", comparator::le},
    {"不多于", comparator::le},
    {"大于", comparator::gt},
    {"高于", comparator::gt},
    {"超过", comparator::gt},
    {"小于", comparator::lt},
    {"低于", comparator::lt},
    {"＞＝", comparator::ge},
    {"＞=", comparator::ge},
    {">＝", comparator::ge},
    {">=", comparator::ge},
    {"＜＝", comparator::le},
    {"＜=", comparator::le},
    {"<＝", comparator::le},
    {"<=", comparator::le},
    {"≥", comparator::ge},
    {"≧", comparator::ge},
    {"⩾", comparator::ge},
    {"≤", comparator::le},
    {"≦", comparator::le},
    {"⩽", comparator::le},
    {"＝", comparator::eq},
    {"=", comparator::eq},
    {"＞", comparator::gt},
    {">", comparator::gt},
    {"＜", comparator::lt},
    {"<", comparator::lt},
}};

// Written after the number (and unit): "90%以上", "2人以上", "30日以内".
constexpr std::array<comparator_form, 6> trailing_comparators{{
    {"及以上", comparator::ge},
    {"及以下", comparator::le},
    {"以上", comparator::ge},
    {"以下", comparator::le},
    {"以内", comparator::le},
    {"之内", comparator::le},
}};

struct multiplier_form {
    std::string_view text;
    int power;
};

// Compound forms first: "万亿" must not be read as 万 followed by unit "亿".
constexpr std::array<multiplier_form, 7> multipliers{{
    {"万亿", 12},
    {"千万", 7},
    {"百万", 6},
    {"十万", 5},
    {"亿", 8},
    {"万", 4},
    {"千", 3},
}};

// A unit longer than this is more likely a phrase than a unit.
constexpr std::size_t max_unit_code_points = 8;

// --- small helpers ------------------------------------------------------------------

bool starts_with(std::string_view s, std::string_view prefix) noexcept {
    return s.size() >= prefix.size() && s.compare(0, prefix.size(), prefix) == 0;
}

bool ends_with(std::string_view s, std::string_view suffix) noexcept {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// 0–9 for ASCII and full-width digits, -1 otherwise.
int digit_value(char32_t cp) noexcept {
    if (cp >= U'0' && cp <= U'9') return static_cast<int>(cp - U'0');
    if (cp >= U'０' && cp <= U'９') return static_cast<int>(cp - U'０');
    return -1;
}

bool is_point(char32_t cp) noexcept { return cp == U'.' || cp == U'．'; }
bool is_comma(char32_t cp) noexcept { return cp == U',' || cp == U'，'; }
bool is_minus(char32_t cp) noexcept { return cp == U'-' || cp == U'－' || cp == U'−'; }

// The code point at byte i (U+FFFD past the end), without advancing.
char32_t peek(std::string_view s, std::size_t i, std::size_t& next) noexcept {
    next = i;
    if (i >= s.size()) return 0xFFFD;
    return next_code_point(s, next);
}

// Characters that mark a phrase or a list, never a unit.
bool is_sentence_mark(char32_t cp) noexcept {
    switch (cp) {
        case U',': case U';': case U':': case U'，': case U'。': case U'；': case U'、': case U'：':
            return true;
        default:
            return false;
    }
}

// --- number scanning ----------------------------------------------------------------

struct scanned_number {
    bool ok = false;              // false: no number here, or a malformed one (the cell is text)
    std::string ascii;            // plain notation for decimal::parse
    std::size_t end = 0;          // byte offset just past the number
    bool ambiguous_comma = false; // a comma before two digits was read as a decimal point
};

// Number of consecutive digits starting at byte i.
std::size_t count_digits(std::string_view s, std::size_t i) noexcept {
    std::size_t n = 0;
    for (;;) {
        std::size_t next = 0;
        if (i >= s.size() || digit_value(peek(s, i, next)) < 0) return n;
        ++n;
        i = next;
    }
}

// Reads an optional minus, digits with grouping commas, and a fraction from
// byte `pos` of `s`. Every branch advances or stops, so it always terminates.
scanned_number scan_number(std::string_view s, std::size_t pos) {
    scanned_number r;
    std::size_t i = pos;
    std::size_t next = 0;

    // A minus counts only directly before a digit, so a lone dash placeholder stays text.
    if (is_minus(peek(s, i, next))) {
        std::size_t after = 0;
        if (digit_value(peek(s, next, after)) < 0) return r;
        r.ascii.push_back('-');
        i = next;
    }
    if (digit_value(peek(s, i, next)) < 0) return r;

    bool in_fraction = false;
    while (i < s.size()) {
        const char32_t cp = peek(s, i, next);
        if (const int d = digit_value(cp); d >= 0) {
            r.ascii.push_back(static_cast<char>('0' + d));
            i = next;
        } else if (is_point(cp) && !in_fraction) {
            // "5." or "5.万": a point with nothing after it is not a number we trust.
            if (count_digits(s, next) == 0) return r;
            r.ascii.push_back('.');
            in_fraction = true;
            i = next;
        } else if (is_comma(cp) && !in_fraction) {
            const std::size_t group = count_digits(s, next);
            if (group == 3) {
                i = next;  // thousands separator: "1,500", "12,345.6"
            } else if (group == 2) {
                // "2,53万": grouping needs three digits, so this is most likely a
                // decimal point typed as a comma. A guess, reported to the caller.
                r.ascii.push_back('.');
                in_fraction = true;
                r.ambiguous_comma = true;
                i = next;
            } else {
                return r;  // "1,2", "3，共…": a list or a sentence, not a number
            }
        } else if (is_comma(cp) || is_point(cp)) {
            return r;  // a second point, or a comma in the fraction: "1.2.3", "0.5,6"
        } else {
            break;
        }
    }
    r.ok = true;
    r.end = i;
    return r;
}

// --- unit ---------------------------------------------------------------------------

// Whether `text` (already trimmed) reads as a unit: short, no digits, no
// sentence punctuation, nothing undecodable or invisible.
bool is_unit(std::string_view text) noexcept {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t cp = next_code_point(text, i);
        if (++count > max_unit_code_points) return false;
        if (digit_value(cp) >= 0 || is_sentence_mark(cp)) return false;
        if (cp == 0xFFFD || cp < 0x20 || cp == 0x7F) return false;
    }
    return true;
}

// Applies a comparator written after the number. Returns false when it
// contradicts one written before ("≤5以上"), which makes the cell text.
bool merge_comparator(comparator& op, comparator trailing) noexcept {
    if (op == comparator::none) {
        op = trailing;
        return true;
    }
    return op == trailing;
}

// The cell as text: keep what was written before the number, drop the rest.
value& as_text(value& v) {
    v.number.reset();
    v.unit.clear();
    return v;
}

// --- judging ------------------------------------------------------------------------

bool is_fraction_unit(const std::string& unit) noexcept { return unit == "%" || unit == "‰"; }

// Whether two quantities can be compared. A percent and a unit-less number are
// comparable only when the unit-less one looks like a fraction (|x| ≤ 1): an
// actual "0.8" against "≥80%" is 80%, but an actual "90" against "≥95%" almost
// always means 90% and comparing 90 with 0.95 would call it met.
bool compatible(const value& a, const value& b) noexcept {
    if (a.unit == b.unit) return true;
    if (is_fraction_unit(a.unit) && is_fraction_unit(b.unit)) return true;  // both stored as fractions
    if (!a.unit.empty() && !b.unit.empty()) return false;
    const value& bare = a.unit.empty() ? a : b;
    const value& other = a.unit.empty() ? b : a;
    if (!is_fraction_unit(other.unit)) return true;
    return compare(*bare.number, decimal{1, 0}) <= 0 && compare(*bare.number, decimal{-1, 0}) >= 0;
}

struct bound {
    decimal at;
    bool inclusive = true;
};

// The set of numbers a value allows: a point, or a half-line.
struct range {
    std::optional<bound> lo;
    std::optional<bound> hi;
};

range range_of(comparator op, const decimal& x) noexcept {
    switch (op) {
        case comparator::ge: return {bound{x, true}, std::nullopt};
        case comparator::gt: return {bound{x, false}, std::nullopt};
        case comparator::le: return {std::nullopt, bound{x, true}};
        case comparator::lt: return {std::nullopt, bound{x, false}};
        case comparator::eq:
        case comparator::none: break;
    }
    return {bound{x, true}, bound{x, true}};
}

// Lower bound `inner` is at least as tight as `outer`.
bool lower_within(const std::optional<bound>& inner, const std::optional<bound>& outer) noexcept {
    if (!outer) return true;
    if (!inner) return false;
    const int c = compare(inner->at, outer->at);
    return c > 0 || (c == 0 && (outer->inclusive || !inner->inclusive));
}

bool upper_within(const std::optional<bound>& inner, const std::optional<bound>& outer) noexcept {
    if (!outer) return true;
    if (!inner) return false;
    const int c = compare(inner->at, outer->at);
    return c < 0 || (c == 0 && (outer->inclusive || !inner->inclusive));
}

// Upper bound `hi` lies below lower bound `lo`: the two ranges share nothing.
bool below(const std::optional<bound>& hi, const std::optional<bound>& lo) noexcept {
    if (!hi || !lo) return false;
    const int c = compare(hi->at, lo->at);
    return c < 0 || (c == 0 && !(hi->inclusive && lo->inclusive));
}

}  // namespace

// --- public -------------------------------------------------------------------------

const char* to_string(comparator c) noexcept {
    switch (c) {
        case comparator::ge: return ">=";
        case comparator::le: return "<=";
        case comparator::eq: return "=";
        case comparator::gt: return ">";
        case comparator::lt: return "<";
        case comparator::none: break;
    }
    return "";
}

bool is_blank(std::string_view text) noexcept {
    for (std::size_t i = 0; i < text.size();) {
        if (!detail::is_blank_cp(next_code_point(text, i))) return false;
    }
    return true;
}

value parse_value(std::string_view raw, const location& at, diagnostics& out) {
    value v;
    v.raw = std::string(raw);
    std::string_view s = trim(raw);
    if (s.empty()) return v;

    for (const auto& form : leading_comparators) {
        if (starts_with(s, form.text)) {
            v.op = form.op;
            s = trim(s.substr(form.text.size()));
            break;
        }
    }
    if (s.empty()) return v;  // only a comparator: "="

    const scanned_number num = scan_number(s, 0);
    if (!num.ok) return as_text(v);
    std::optional<decimal> number = decimal::parse(num.ascii);
    if (!number) return as_text(v);  // more digits than an exact int64 mantissa holds
    std::string_view rest = trim(s.substr(num.end));

    for (const auto& m : multipliers) {
        if (starts_with(rest, m.text)) {
            number = number->scaled(m.power);
            rest = trim(rest.substr(m.text.size()));
            break;
        }
    }
    if (!number) return as_text(v);

    // Percent and per-mille are stored as fractions; after them only a trailing
    // comparator may follow ("90%以上"), anything else is a phrase.
    std::string unit;
    int fraction_power = 0;
    if (starts_with(rest, "%")) {
        unit = "%";
        fraction_power = -2;
        rest = rest.substr(1);
    } else if (starts_with(rest, "％")) {
        unit = "%";
        fraction_power = -2;
        rest = rest.substr(std::string_view{"％"}.size());
    } else if (starts_with(rest, "‰")) {
        unit = "‰";
        fraction_power = -3;
        rest = rest.substr(std::string_view{"‰"}.size());
    }
    if (fraction_power != 0) {
        number = number->scaled(fraction_power);
        if (!number) return as_text(v);
    }
    rest = trim(rest);

    for (const auto& form : trailing_comparators) {
        if (ends_with(rest, form.text)) {
            if (!merge_comparator(v.op, form.op)) return as_text(v);
            rest = trim(rest.substr(0, rest.size() - form.text.size()));
            break;
        }
    }

    if (fraction_power != 0) {
        if (!rest.empty()) return as_text(v);  // "80%的群众"
    } else {
        if (!is_unit(rest)) return as_text(v);
        unit = std::string(rest);
    }

    v.number = number;
    v.unit = std::move(unit);
    if (num.ambiguous_comma) {
        out.push_back(diagnostic{
            severity::warning, "value.ambiguous_comma",
            "a comma followed by two digits in \"" + std::string(s) +
                "\" cannot be a thousands separator; read it as a decimal point",
            at});
    }
    return v;
}

const char* to_string(verdict v) noexcept {
    switch (v) {
        case verdict::met: return "met";
        case verdict::not_met: return "not_met";
        case verdict::unknown: break;
    }
    return "unknown";
}

verdict judge(const value* target, const value* actual) noexcept {
    if (target == nullptr || actual == nullptr) return verdict::unknown;

    if (target->number && actual->number) {
        if (!compatible(*target, *actual)) return verdict::unknown;
        // The target allows a set of numbers (none reads as "reach this");
        // the actual is a point or, when written with a comparator, a
        // half-line. Only a sure answer is met or not_met.
        const comparator target_op = target->op == comparator::none ? comparator::ge : target->op;
        const range want = range_of(target_op, *target->number);
        const range got = range_of(actual->op, *actual->number);
        if (lower_within(got.lo, want.lo) && upper_within(got.hi, want.hi)) return verdict::met;
        if (below(got.hi, want.lo) || below(want.hi, got.lo)) return verdict::not_met;
        return verdict::unknown;
    }

    if (!target->number && !actual->number) {
        const std::string_view t = trim(target->raw);
        // A blank is a missing value, not a text that matches another blank.
        if (!t.empty() && t == trim(actual->raw)) return verdict::met;
    }
    return verdict::unknown;
}

}  // namespace v0
}  // namespace jixiao
