// jixiao::value — reading form cells ("≥80%", "5.6万", "每年一次", "2020年12月底前",
// "良好", "—") into values.
//
// parse_value cleans the cell (clean.hpp: full-width, blanks, traditional
// numerals, filtered NFKC) and then tries, in order:
//   not-applicable mark → leading approximation / comparator words →
//   date → percent words (百分之…) → frequency words (每年一次) →
//   number (numeral.hpp: ASCII, Chinese, mixed) with its tail:
//     X分之Y, 余/多/几 + 万, money tail (元…角…分), fraction unit (% ‰ 成 个百分点),
//     range (A-B, A到B), trailing comparator (以上 以内 …) and approximation (左右), unit
//   → qualitative word (良好, 达成, 是) → text.
// Context (value_context) is applied last: the funds block's declared unit,
// money rows, the target's unit for an actual, the form's year.
// Nothing here fails, throws (but bad_alloc) or prints.
#include <jixiao/value.hpp>

#include "detail/utf8.hpp"
#include "value/clean.hpp"
#include "value/numeral.hpp"
#include "value/tables.hpp"
#include "value/utf8_fast.hpp"

#include <array>
#include <span>

namespace jixiao {
inline namespace v0 {

namespace {

using namespace std::string_view_literals;

using detail::next_code_point;

// A unit longer than this is more likely a phrase than a unit.
constexpr std::size_t max_unit_code_points = 8;
// Texts up to this many characters keep a normalized `category`.
constexpr std::size_t max_category_code_points = 20;

// --- small helpers ------------------------------------------------------------------

// Byte loops: the words are a few bytes long, shorter than a call to memcmp.
bool same_bytes(const char* a, const char* b, std::size_t n) noexcept {
    for (std::size_t k = 0; k < n; ++k)
        if (a[k] != b[k]) return false;
    return true;
}

bool starts_with(std::string_view s, std::string_view prefix) noexcept {
    return s.size() >= prefix.size() && same_bytes(s.data(), prefix.data(), prefix.size());
}

bool ends_with(std::string_view s, std::string_view suffix) noexcept {
    return s.size() >= suffix.size() && same_bytes(s.data() + s.size() - suffix.size(), suffix.data(), suffix.size());
}

// Cleaned text has only ASCII spaces as blanks.
std::string_view trim_spaces(std::string_view s) noexcept {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

bool consume(std::string_view& s, std::string_view prefix) noexcept {
    if (!starts_with(s, prefix)) return false;
    s = trim_spaces(s.substr(prefix.size()));
    return true;
}

std::size_t code_points(std::string_view s) noexcept {
    std::size_t n = 0;
    for (char c : s)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
    return n;
}

bool is_sentence_mark(char32_t cp) noexcept {
    switch (cp) {
    case U',': case U';': case U':': case U'，': case U'。': case U'；': case U'、': case U'：':
        return true;
    default:
        return false;
    }
}

// Whether `text` reads as a unit we do not know: short, no digits, no
// sentence punctuation, nothing undecodable or invisible, no numeral character.
bool is_unknown_unit(std::string_view text) noexcept {
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size();) {
        const char32_t cp = detail::decode_valid(text, i);
        if (++count > max_unit_code_points) return false;
        if ((cp >= '0' && cp <= '9') || is_sentence_mark(cp)) return false;
        if (cp == 0xFFFD || cp < 0x20 || cp == 0x7F) return false;
    }
    return true;
}

// Cleaned text without blanks and without trailing sentence punctuation: the
// key texts are compared by.
// The same key without a copy when the text has no blank and no trailing
// punctuation (most short cells); else written into `buffer`.
std::string_view normalized_view(std::string_view cleaned, std::string& buffer);

std::string normalize_text(std::string_view cleaned) {
    std::string out;
    out.reserve(cleaned.size());
    for (char c : cleaned)
        if (c != ' ') out.push_back(c);
    for (bool again = true; again && !out.empty();) {
        again = false;
        for (std::string_view p : {"。"sv, "."sv, "，"sv, ","sv, "；"sv, ";"sv, "！"sv, "!"sv}) {
            if (ends_with(out, p)) {
                out.resize(out.size() - p.size());
                again = true;
            }
        }
    }
    return out;
}

std::string_view normalized_view(std::string_view cleaned, std::string& buffer) {
    bool plain = cleaned.find(' ') == std::string_view::npos;
    if (plain && !cleaned.empty()) {
        const char last = cleaned.back();
        // trailing . , ; ! and the full-width 。，；！ (whose last bytes are 82, 8C, 9B, 81)
        if (last == '.' || last == ',' || last == ';' || last == '!') plain = false;
        if (cleaned.size() >= 3) {
            const std::string_view tail = cleaned.substr(cleaned.size() - 3);
            if (tail == "。" || tail == "，" || tail == "；" || tail == "！") plain = false;
        }
    }
    if (plain) return cleaned;
    buffer = normalize_text(cleaned);
    return buffer;
}

// Applies a comparator written after the number. False when it contradicts
// one written before ("≤5以上").
bool merge_comparator(comparator& op, comparator trailing) noexcept {
    if (trailing == comparator::none) return true;
    if (op == comparator::none) {
        op = trailing;
        return true;
    }
    return op == trailing;
}

// Strips trailing comparators, approximation words and "(含)" from `rest`.
// False on a contradiction.
bool strip_trailing(std::string_view& rest, value& v) {
    for (bool again = true; again && !rest.empty();) {
        again = false;
        std::size_t k = rest.size() - 1;
        while (k > 0 && (static_cast<unsigned char>(rest[k]) & 0xC0) == 0x80) --k;
        if (!detail::may_end_trailing_word(detail::decode_valid(rest, k))) break;
        for (const detail::comparator_word& w : detail::trailing_comparators()) {
            if (ends_with(rest, w.text)) {
                if (!merge_comparator(v.op, w.op)) return false;
                rest = trim_spaces(rest.substr(0, rest.size() - w.text.size()));
                again = true;
                break;
            }
        }
        for (std::string_view w : detail::trailing_approx()) {
            if (ends_with(rest, w)) {
                v.approx = true;
                rest = trim_spaces(rest.substr(0, rest.size() - w.size()));
                again = true;
            }
        }
    }
    return true;
}

decimal pow10(int k) noexcept { return decimal{1, k}; }

// Internal facts about a reading that the public value does not carry.
struct reading {
    bool multiplier = false;       // 万/亿 written in the (first) number
    bool ambiguous_comma = false;
    bool zhao = false;
    bool inexact = false;          // a fraction rounded (三分之一)
    bool year_assumed = false;
};

// --- units --------------------------------------------------------------------------

// s = text. (Not assign(): GCC 12 at -O3 reports a false -Wrestrict for it, bug 105329.)
void set_text(std::string& s, std::string_view text) {
    s.clear();
    if (!text.empty()) s.append(text.data(), text.size());
}

// Sets dim / base_unit / base_number / base_upper from v.unit. False when the
// unit cannot be a unit (the cell is then text). `chinese`: the number was
// written with Chinese numerals, whose unit must be known (一般 is not 1 般).
bool resolve_unit(value& v, bool chinese) {
    const std::string_view unit = v.unit;
    const decimal one{1, 0};
    decimal factor = one;
    if (unit.empty()) {
        v.dim = dimension::none;
    } else if (unit == "%" || unit == "‰" || unit == "‱" || unit == "成" || unit == "个百分点") {
        v.dim = dimension::ratio;
        set_text(v.base_unit, "%");
    } else if (const detail::unit_info* u = detail::find_unit(unit)) {
        v.dim = u->dim;
        set_text(v.base_unit, u->base);
        factor = decimal{u->factor_mantissa, u->factor_exponent};
    } else if (const std::size_t slash = unit.find('/'); slash != std::string_view::npos) {
        const std::string_view num = unit.substr(0, slash);
        std::string_view den = unit.substr(slash + 1);
        if (starts_with(den, "每")) den.remove_prefix(std::string_view("每").size());
        const detail::unit_info* nu = detail::find_unit(num);
        const detail::period_info* per = detail::find_period(den);
        const detail::unit_info* du = detail::find_unit(den);
        if (nu != nullptr && per != nullptr && (nu->dim == dimension::count || nu->dim == dimension::people)) {
            v.dim = dimension::frequency;
            v.base_unit = std::string(nu->base) + "/" + std::string(per->base);
            if (per->per_year > 0) factor = decimal{per->per_year, 0};
        } else if (nu != nullptr && (per != nullptr || du != nullptr)) {
            v.dim = dimension::rate;
            set_text(v.base_unit, unit);
        } else if (!chinese && is_unknown_unit(unit)) {
            v.dim = dimension::none;
        } else {
            return false;
        }
    } else if (!chinese && is_unknown_unit(unit)) {
        v.dim = dimension::none;
    } else {
        return false;
    }
    if (v.base_unit.empty()) v.base_unit = v.unit;
    const bool unit_factor = factor.mantissa() == 1 && factor.exponent() == 0;
    if (v.number) v.base_number = unit_factor ? v.number : v.number->times(factor);
    if (v.upper) v.base_upper = unit_factor ? v.upper : v.upper->times(factor);
    if ((v.number && !v.base_number) || (v.upper && !v.base_upper)) return false;
    return true;
}

// --- dates --------------------------------------------------------------------------

bool leap(int y) noexcept { return y > 0 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0); }

int days_in(int y, int m) noexcept {
    static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2) return (y == 0 || leap(y)) ? 29 : 28;
    return days[static_cast<std::size_t>(m - 1)];
}

// A small whole number written in ASCII or Chinese at the front of `s`,
// followed by one of `units`; advances past the unit. 0 when there is none.
int small_number_before(std::string_view& s, std::initializer_list<std::string_view> units, int lo, int hi,
                        std::string_view* unit_read = nullptr) {
    const detail::numeral_scan r = detail::scan_numeral(s, 0, numeral_mode::tolerant);
    if (!r.ok || r.ambiguous_comma || r.number.exponent() < 0 || r.number.exponent() > 4) return 0;
    std::int64_t n = r.number.mantissa();
    if (n > 100000 || n < 0) return 0;  // no year, month or day has more digits
    for (int k = 0; k < r.number.exponent(); ++k) n *= 10;
    if (n < lo || n > hi) return 0;
    std::string_view rest = s.substr(r.end);
    for (std::string_view u : units) {
        if (starts_with(rest, u)) {
            if (unit_read != nullptr) *unit_read = u;
            s = rest.substr(u.size());
            return static_cast<int>(n);
        }
    }
    return 0;
}

// A cheap test before read_date: a date names 年 or 月, or is 2020-12-31.
bool could_be_date(std::string_view s) noexcept {
    if (s.size() >= 7 && s[0] >= '1' && s[0] <= '2' && (s[4] == '-' || s[4] == '/' || s[4] == '.')) return true;
    // 年 (E5 B9 B4) at the start (年底前) or after a digit (2020年, 二〇二〇年); 月 (E6 9C 88) after a digit
    const auto digit_before = [&](std::size_t k) {
        if (k == 0) return false;
        const unsigned char p = static_cast<unsigned char>(s[k - 1]);
        if (p >= '0' && p <= '9') return true;
        if (k < 3) return false;
        std::size_t j = k - 3;
        return detail::is_numeral_char(detail::decode_valid(s, j));
    };
    for (std::size_t k = 0; k + 2 < s.size(); ++k) {
        const unsigned char c = static_cast<unsigned char>(s[k]);
        const unsigned char c1 = static_cast<unsigned char>(s[k + 1]);
        const unsigned char c2 = static_cast<unsigned char>(s[k + 2]);
        if (c == 0xE5 && c1 == 0xB9 && c2 == 0xB4 && (k == 0 || digit_before(k))) return true;
        if (c == 0xE6 && c1 == 0x9C && c2 == 0x88 && digit_before(k)) return true;
    }
    return false;
}

// Reads the whole of `s` as a date or deadline. `ctx_year` fills a missing year.
bool read_date(std::string_view s, int ctx_year, value& v, reading& rd) {
    int y = 0, m = 0, day = 0;
    std::string_view t = s;
    bool explicit_year = false;
    // ASCII forms: 2020-12-31, 2020/12/31, 2020.12.31, 2020-12
    if (t.size() >= 6 && t[0] >= '1' && t[0] <= '2') {
        std::size_t i = 0;
        auto num = [&](std::size_t max_len) {
            int n = 0;
            std::size_t k = 0;
            while (i < t.size() && k < max_len && t[i] >= '0' && t[i] <= '9') {
                n = n * 10 + (t[i] - '0');
                ++i;
                ++k;
            }
            return k == 0 ? -1 : n;
        };
        const int yy = num(4);
        if (i == 4 && yy >= 1900 && yy <= 2100 && i < t.size() && (t[i] == '-' || t[i] == '/' || t[i] == '.')) {
            const char sep = t[i++];
            const int mm = num(2);
            if (mm >= 1 && mm <= 12) {
                int dd = 0;
                if (i < t.size() && t[i] == sep) {
                    ++i;
                    dd = num(2);
                    if (dd < 1 || dd > days_in(yy, mm)) return false;
                } else if (sep == '.') {
                    return false;  // "2020.12" is a decimal number as often as a month
                }
                y = yy;
                m = mm;
                day = dd;
                explicit_year = true;
                t = trim_spaces(t.substr(i));
            }
        }
    }
    if (y == 0) {
        // 2020年 / 二〇二〇年 / 2020年度
        std::string_view u;
        std::string_view probe = t;
        const int yy = small_number_before(probe, {"年度"sv, "年"sv}, 1900, 2100, &u);
        if (yy > 0) {
            y = yy;
            explicit_year = true;
            t = trim_spaces(probe);
        } else if (starts_with(t, "年底") || starts_with(t, "年末") || starts_with(t, "年内") || starts_with(t, "年初") ||
                   starts_with(t, "当年") || starts_with(t, "本年")) {
            if (starts_with(t, "当年") || starts_with(t, "本年")) t.remove_prefix(std::string_view("当").size());
            t.remove_prefix(std::string_view("年").size());  // keep 底/末/内/初 for below
            y = -1;  // "this year": the context's
        }
        if (y != 0 && y != -1) {
            std::string_view probe2 = t;
            const int mm = small_number_before(probe2, {"月份"sv, "月"sv}, 1, 12);
            if (mm > 0) {
                m = mm;
                t = probe2;
                std::string_view probe3 = t;
                const int dd = small_number_before(probe3, {"日"sv, "号"sv}, 1, 31);
                if (dd > 0) {
                    day = dd;
                    t = probe3;
                }
            }
        } else if (y == 0) {
            // 12月底前, 12月31日前: a month with a day, or with a modifier / suffix after
            std::string_view probe2 = t;
            if (starts_with(probe2, "个")) return false;
            const int mm = small_number_before(probe2, {"月份"sv, "月"sv}, 1, 12);
            if (mm == 0) return false;
            m = mm;
            t = probe2;
            std::string_view probe3 = t;
            const int dd = small_number_before(probe3, {"日"sv, "号"sv}, 1, 31);
            if (dd > 0) {
                day = dd;
                t = probe3;
            }
            y = -1;
        }
    }
    if (y == 0) return false;
    // modifier
    enum { whole, end_, begin_, first10, mid10, last10 } mod = whole;
    if (day == 0) {
        if (consume(t, "底") || consume(t, "末")) mod = end_;
        else if (consume(t, "上旬")) mod = first10;
        else if (consume(t, "中旬")) mod = mid10;
        else if (consume(t, "下旬")) mod = last10;
        else if (consume(t, "初")) mod = begin_;
    }
    // suffix
    comparator op = comparator::none;
    bool suffix = false;
    for (const auto& [w, o] : std::initializer_list<std::pair<std::string_view, comparator>>{
             {"之前"sv, comparator::le}, {"以前"sv, comparator::le}, {"前"sv, comparator::le}, {"为止"sv, comparator::le},
             {"止"sv, comparator::le}, {"以内"sv, comparator::le}, {"之内"sv, comparator::le}, {"内"sv, comparator::le},
             {"以后"sv, comparator::ge}, {"之后"sv, comparator::ge}, {"后"sv, comparator::ge}}) {
        if (consume(t, w)) {
            op = o;
            suffix = true;
            break;
        }
    }
    (void)consume(t, "完成");
    if (!t.empty()) return false;
    // A month with nothing else ("12月") is as likely twelve months: not a date.
    if (!explicit_year && day == 0 && mod == whole && !suffix && m > 0) return false;
    if (y == -1) {
        if (ctx_year > 0) {
            y = ctx_year;
            rd.year_assumed = true;
        } else {
            y = 0;
        }
    }
    date_span span;
    if (m == 0) {
        span.first = {y, 1, 1};
        span.last = {y, 12, 31};
        if (mod == end_) span.first = span.last;
        else if (mod == begin_) span.last = {y, 1, 31};
        else if (mod != whole) return false;
    } else if (day == 0) {
        const int last = days_in(y, m);
        span.first = {y, m, 1};
        span.last = {y, m, last};
        switch (mod) {
        case end_: span.first = span.last; break;
        case begin_:
        case first10: span.last = {y, m, 10}; break;
        case mid10: span.first = {y, m, 11}; span.last = {y, m, 20}; break;
        case last10: span.first = {y, m, 21}; break;
        case whole: break;
        }
    } else {
        if (day > days_in(y, m)) return false;
        span.first = span.last = {y, m, day};
    }
    if (!merge_comparator(v.op, op)) return false;
    v.kind = value_kind::date;
    v.date = span;
    return true;
}

// --- numbers ------------------------------------------------------------------------

// "百分之八十", "千分之五", "百分百". True when `s` was one of them (maybe
// followed by trailing comparators).
bool read_percent_words(std::string_view s, value& v) {
    struct form {
        std::string_view prefix;
        std::string_view unit;
        int power;
    };
    static constexpr std::array<form, 5> forms{
        {{"百分之", "%", -2}, {"佰分之", "%", -2}, {"千分之", "‰", -3}, {"仟分之", "‰", -3}, {"万分之", "‱", -4}}};
    for (const form& f : forms) {
        std::string_view rest = s;
        if (!starts_with(rest, f.prefix)) continue;
        rest = trim_spaces(rest.substr(f.prefix.size()));
        std::optional<decimal> n;
        if (f.power == -2 && starts_with(rest, "百")) {  // 百分之百
            n = decimal{100, 0};
            rest = trim_spaces(rest.substr(std::string_view("百").size()));
        } else {
            const detail::numeral_scan r = detail::scan_numeral(rest, 0, numeral_mode::tolerant);
            if (!r.ok) return false;
            n = r.number;
            rest = trim_spaces(rest.substr(r.end));
        }
        if (!strip_trailing(rest, v) || !rest.empty()) return false;
        v.number = n->scaled(f.power);
        if (!v.number) return false;
        set_text(v.unit, f.unit);
        v.kind = value_kind::quantity;
        return true;
    }
    if (s == "百分百") {
        v.number = decimal{1, 0};
        set_text(v.unit, "%");
        v.kind = value_kind::quantity;
        return true;
    }
    return false;
}

// "每年一次", "一年两次", "年均1次", "每季度1次": a count per period.
bool read_frequency_words(std::string_view s, value& v) {
    for (const detail::period_info& p : detail::period_prefixes()) {
        if (!starts_with(s, p.text)) continue;
        std::string_view rest = trim_spaces(s.substr(p.text.size()));
        const detail::numeral_scan r = detail::scan_numeral(rest, 0, numeral_mode::tolerant);
        if (!r.ok) return false;
        rest = trim_spaces(rest.substr(r.end));
        if (!strip_trailing(rest, v)) return false;
        const detail::unit_info* u = detail::find_unit(rest);
        if (u == nullptr || u->dim != dimension::count) return false;
        std::string_view period = p.base == "年" ? (p.per_year == 1 ? "年" : p.per_year == 2 ? "半年" : p.per_year == 4 ? "季度" : "月")
                                                  : p.base;
        v.number = r.number;
        v.unit = std::string(u->text) + "/" + std::string(period);
        v.kind = value_kind::quantity;
        return true;
    }
    return false;
}

// A cheap test before looking for range separators: '-', '~', a dash (E2 80 94),
// 至 (E8 87 B3) or 到 (E5 88 B0).
bool may_hold_range_separator(std::string_view s) noexcept {
    for (std::size_t k = 0; k < s.size(); ++k) {
        const unsigned char c = static_cast<unsigned char>(s[k]);
        if (c == '-' || c == '~' || c == 0xE2 || c == 0xE8 || c == 0xE5) return true;
    }
    return false;
}

// Range separators between two numbers.
constexpr std::array<std::string_view, 9> range_separators{"——", "—", "--", "-", "~", "至", "到", "～", "－"};

// The number at the front of `s` and what follows it up to the unit: 余/多 +
// 万, money tail, fraction unit. On success `rest` is what is left.
struct number_part {
    decimal number;
    std::string_view unit;   // a fraction unit or 元 from a money tail (static text), else empty
    int fraction_power = 0;  // of the fraction unit
    detail::numeral_scan scan;
};

bool read_number_part(std::string_view s, number_part& out, std::string_view& rest, value& v, reading& rd) {
    out.scan = detail::scan_numeral(s, 0, numeral_mode::tolerant);
    if (!out.scan.ok) return false;
    decimal n = out.scan.number;
    rest = trim_spaces(s.substr(out.scan.end));
    if (rest.empty()) {  // the common case: nothing after the number
        out.number = n;
        rd.multiplier = rd.multiplier || out.scan.max_big > 0;
        return true;
    }

    // What follows decides which tails can apply; most cells have none of them.
    std::size_t first_end = 0;
    const char32_t next = detail::decode_valid(rest, first_end);
    const bool fraction_words = next == U'又' || next == U'分';
    const bool approx_words = next == U'余' || next == U'多' || next == U'几' || next == U'来';
    if (!fraction_words && !approx_words && next != U'元' && next != U'圆' && next != U'块' && next != '%' &&
        next != U'‰' && next != U'‱' && next != U'个' && next != U'百' && next != U'成') {
        out.number = n;
        rd.multiplier = rd.multiplier || out.scan.max_big > 0;
        return true;
    }

    // X分之Y, and N又X分之Y
    bool whole_and = false;
    decimal whole{};
    if (starts_with(rest, "又")) {
        std::string_view r2 = trim_spaces(rest.substr(std::string_view("又").size()));
        const detail::numeral_scan d = detail::scan_numeral(r2, 0, numeral_mode::tolerant);
        if (d.ok && starts_with(trim_spaces(r2.substr(d.end)), "分之")) {
            whole_and = true;
            whole = n;
            n = d.number;
            rest = trim_spaces(r2.substr(d.end));
        }
    }
    if (starts_with(rest, "分之")) {
        std::string_view r2 = trim_spaces(rest.substr(std::string_view("分之").size()));
        const detail::numeral_scan y = detail::scan_numeral(r2, 0, numeral_mode::tolerant);
        if (!y.ok || n.mantissa() == 0) return false;
        // N又X分之Y = (N·X ± Y) / X, one division so the rounding happens once
        std::optional<decimal> dividend = y.number;
        if (whole_and) {
            std::optional<decimal> nx = whole.times(n);
            if (!nx) return false;
            dividend = whole.mantissa() < 0 ? nx->plus(*y.number.negated()) : nx->plus(y.number);
            if (!dividend) return false;
        }
        bool exact = true;
        std::optional<decimal> q = dividend->divided_by(n, 15, &exact);
        if (!q) return false;
        if (!exact) {
            rd.inexact = true;
            v.approx = true;
        }
        n = *q;
        rest = trim_spaces(r2.substr(y.end));
    } else if (whole_and) {
        return false;
    }

    // 3000多, 500余万, 十几万
    for (std::string_view w : {"余"sv, "多"sv, "几"sv, "来"sv}) {
        if (starts_with(rest, w)) {
            v.approx = true;
            rest = trim_spaces(rest.substr(w.size()));
            for (bool more = true; more;) {
                more = false;
                for (const auto& [word, power] : std::initializer_list<std::pair<std::string_view, int>>{
                         {"万"sv, 4}, {"亿"sv, 8}}) {
                    if (starts_with(rest, word)) {
                        std::optional<decimal> x = n.times(pow10(power));
                        if (!x) return false;
                        n = *x;
                        rest = trim_spaces(rest.substr(word.size()));
                        rd.multiplier = true;
                        more = true;
                    }
                }
            }
            break;
        }
    }

    // money tail: 元整, 元3角, 块5毛
    {
        decimal amount = n;
        const std::size_t end = detail::scan_money_tail(rest, 0, amount, false);
        const std::size_t yuan = std::string_view("元").size();
        if (end > yuan) {
            n = amount;
            out.unit = "元";
            rest = trim_spaces(rest.substr(end));
        }
    }

    // fraction units: % ‰ 成 个百分点
    if (out.unit.empty()) {
        for (const detail::fraction_unit& f : detail::fraction_units()) {
            if (starts_with(rest, f.text)) {
                out.unit = f.unit;
                out.fraction_power = f.power;
                rest = trim_spaces(rest.substr(f.text.size()));
                std::optional<decimal> x = n.scaled(f.power);
                if (!x) return false;
                n = *x;
                break;
            }
        }
    }
    out.number = n;
    rd.multiplier = rd.multiplier || out.scan.max_big > 0;
    return true;
}

// The quantity or range in `s` (after leading words). False: the cell is not one.
bool read_quantity(std::string_view s, value& v, reading& rd) {
    if (static_cast<unsigned char>(s.front()) >= 0x80) {  // words: 百分之八十, 每年一次
        std::size_t k = 0;
        const char32_t first = detail::decode_valid(s, k);
        if ((first == U'百' || first == U'佰' || first == U'千' || first == U'仟' || first == U'万') && read_percent_words(s, v))
            return resolve_unit(v, true);
        if ((first == U'每' || first == U'一' || first == U'年' || first == U'全') && read_frequency_words(s, v))
            return resolve_unit(v, true);
    }

    number_part first;
    std::string_view rest;
    if (!read_number_part(s, first, rest, v, rd)) return false;
    rd.ambiguous_comma = first.scan.ambiguous_comma;
    rd.zhao = first.scan.zhao;
    bool chinese = first.scan.chinese;
    std::string_view unit = first.unit;

    // A range: A-B, A到B, A万元--B万元 (a unit may stand before the separator).
    for (std::string_view sep : may_hold_range_separator(rest) ? std::span<const std::string_view>(range_separators)
                                                                : std::span<const std::string_view>{}) {
        const std::size_t at = rest.find(sep);
        if (at == std::string_view::npos || at > 24) continue;
        std::string_view before = trim_spaces(rest.substr(0, at));
        if (ends_with(before, "(含)")) before = trim_spaces(before.substr(0, before.size() - std::string_view("(含)").size()));
        if (!before.empty() && !unit.empty()) continue;
        if (!before.empty() && detail::find_unit(before) == nullptr) continue;
        std::string_view after = trim_spaces(rest.substr(at + sep.size()));
        // "-" directly before a digit is also a minus: "5--3" reads as 5 to -3; fine.
        number_part second;
        std::string_view rest2;
        reading rd2;
        value scratch;
        if (!read_number_part(after, second, rest2, scratch, rd2)) continue;
        decimal lo = first.number;
        const decimal hi = second.number;
        if (unit.empty() && !second.unit.empty()) {
            // 80-90%: the first number takes the second's unit
            unit = second.unit;
            if (second.fraction_power != 0) {
                std::optional<decimal> x = lo.scaled(second.fraction_power);
                if (!x) return false;
                lo = *x;
            }
        } else if (!unit.empty() && !second.unit.empty() && unit != second.unit) {
            return false;
        }
        // 两到三万, 一百二十到一百五十万: a unit that closes the second number
        // distributes to a first number that has none of that size.
        const int u2 = second.scan.trailing_unit;
        if (u2 >= 2 && first.scan.max_big == 0 && first.scan.trailing_unit < u2 && first.fraction_power == 0) {
            std::optional<decimal> x = lo.times(pow10(u2));
            if (x && compare(*x, hi) <= 0) lo = *x;
        }
        if (compare(lo, hi) > 0) return false;
        std::string_view unit_text = trim_spaces(rest2);
        if (!before.empty()) {
            if (!unit_text.empty() && unit_text != before) return false;
            unit_text = before;
        }
        if (!strip_trailing(unit_text, v)) return false;
        // "1-9月": calendar months, not a length of time
        if (unit.empty() && (unit_text == "月" || unit_text == "日" || unit_text == "号")) return false;
        v.approx = v.approx || scratch.approx;
        v.kind = value_kind::range;
        v.number = lo;
        v.upper = hi;
        set_text(v.unit, unit.empty() ? unit_text : unit);
        if (!unit.empty() && !unit_text.empty()) return false;  // "80%-90%人"
        rd.ambiguous_comma = rd.ambiguous_comma || rd2.ambiguous_comma;
        rd.multiplier = rd.multiplier || rd2.multiplier;
        chinese = chinese || second.scan.chinese;
        return resolve_unit(v, chinese);
    }

    if (!strip_trailing(rest, v)) return false;
    if (!unit.empty()) {
        if (!rest.empty()) return false;  // "80%的群众"
        v.unit = unit;
    } else {
        set_text(v.unit, rest);
    }
    v.kind = value_kind::quantity;
    v.number = first.number;
    return resolve_unit(v, chinese);
}

// Resets everything a failed reading may have left.
void as_text(value& v) {
    v.number.reset();
    v.upper.reset();
    v.unit.clear();
    v.kind = value_kind::text;
    v.dim = dimension::none;
    v.base_unit.clear();
    v.base_number.reset();
    v.base_upper.reset();
    v.date.reset();
    v.approx = false;
}

// --- context ------------------------------------------------------------------------

bool is_quantity(const value& v) noexcept {
    return (v.kind == value_kind::quantity || v.kind == value_kind::range) && v.number.has_value();
}

void apply_context(value& v, const reading& rd, const value_context& ctx, const location& at, diagnostics& out) {
    if (!is_quantity(v)) return;
    const bool bare = v.unit.empty() && v.dim == dimension::none;

    // Funds amounts: the block's declared unit.
    if (bare && (ctx.bare_unit == "万元" || ctx.bare_unit == "元")) {
        if (ctx.bare_unit == "万元" && !rd.multiplier) {
            v.number = v.number->scaled(4);
            if (v.upper) v.upper = v.upper->scaled(4);
        }
        set_text(v.unit, "元");
        v.dim = dimension::money;
        set_text(v.base_unit, "元");
        v.base_number = v.number;
        v.base_upper = v.upper;
        return;
    }
    // A money row: 2万 is 2万元.
    if (bare && rd.multiplier && detail::names_money(ctx.hint)) {
        v.dim = dimension::money;
        set_text(v.base_unit, "元");
        return;
    }
    // An actual read against its target.
    if (!bare || ctx.role != value_role::actual || ctx.target == nullptr) return;
    const value& t = *ctx.target;
    if (!is_quantity(t) || t.dim == dimension::none) return;
    const decimal one{1, 0}, minus_one{-1, 0};
    if (t.dim == dimension::ratio) {
        const auto fraction = [&](const std::optional<decimal>& x) {
            return !x || (compare(*x, one) <= 0 && compare(*x, minus_one) >= 0);
        };
        v.dim = dimension::ratio;
        set_text(v.base_unit, "%");
        if (fraction(v.number) && fraction(v.upper)) {
            v.base_number = v.number;
            v.base_upper = v.upper;
            out.push_back({severity::info, "value.ratio_as_percent",
                           "\"" + v.raw + "\" has no unit and the target is a percent: read as " +
                               v.number->scaled(2)->to_string() + "%",
                           at});
        } else {
            v.base_number = v.number->scaled(-2);
            if (v.upper) v.base_upper = v.upper->scaled(-2);
            out.push_back({severity::warning, "value.percent_assumed",
                           "\"" + v.raw + "\" has no unit and is more than 1 while the target is a percent: read as " +
                               v.number->to_string() + "%",
                           at});
        }
        return;
    }
    // The target's dimension and unit; in money, its 万/亿 scale when the
    // actual was written without one ("≤2万" / "1.5").
    decimal factor = one;
    if (const detail::unit_info* u = detail::find_unit(t.unit)) factor = decimal{u->factor_mantissa, u->factor_exponent};
    std::string note;
    if (t.dim == dimension::money && !rd.multiplier && v.number->mantissa() != 0) {
        const bool yi = t.raw.find("亿") != std::string::npos || t.raw.find("億") != std::string::npos;
        const bool wan = t.raw.find("万") != std::string::npos || t.raw.find("萬") != std::string::npos;
        if (yi || wan) {
            factor = decimal{1, yi ? 8 : 4};
            note = yi ? "亿" : "万";
        }
    }
    std::optional<decimal> b = v.number->times(factor);
    std::optional<decimal> bu = v.upper ? v.upper->times(factor) : std::nullopt;
    if (!b || (v.upper && !bu)) return;
    v.dim = t.dim;
    v.base_unit = t.base_unit;
    v.base_number = b;
    v.base_upper = bu;
    out.push_back({severity::info, "value.unit_from_target",
                   "\"" + v.raw + "\" has no unit: read in the target's unit, " + (note.empty() ? "" : note) +
                       (t.base_unit.empty() ? std::string(to_string(t.dim)) : t.base_unit),
                   at});
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

const char* to_string(value_kind k) noexcept {
    switch (k) {
    case value_kind::text: return "text";
    case value_kind::quantity: return "quantity";
    case value_kind::range: return "range";
    case value_kind::date: return "date";
    case value_kind::qualitative: return "qualitative";
    case value_kind::not_applicable: return "not_applicable";
    }
    return "text";
}

const char* to_string(dimension d) noexcept {
    switch (d) {
    case dimension::none: return "none";
    case dimension::money: return "money";
    case dimension::ratio: return "ratio";
    case dimension::people: return "people";
    case dimension::count: return "count";
    case dimension::area: return "area";
    case dimension::length: return "length";
    case dimension::weight: return "weight";
    case dimension::time: return "time";
    case dimension::frequency: return "frequency";
    case dimension::rate: return "rate";
    }
    return "none";
}

const char* to_string(qualitative_scale s) noexcept {
    switch (s) {
    case qualitative_scale::none: return "none";
    case qualitative_scale::grade: return "grade";
    case qualitative_scale::quality: return "quality";
    case qualitative_scale::level: return "level";
    case qualitative_scale::achievement: return "achievement";
    case qualitative_scale::pass: return "pass";
    case qualitative_scale::yes_no: return "yes_no";
    case qualitative_scale::satisfaction: return "satisfaction";
    }
    return "none";
}

int scale_steps(qualitative_scale s) noexcept {
    switch (s) {
    case qualitative_scale::grade: return 4;
    case qualitative_scale::quality: return 5;
    case qualitative_scale::level: return 3;
    case qualitative_scale::achievement: return 3;
    case qualitative_scale::pass: return 2;
    case qualitative_scale::yes_no: return 2;
    case qualitative_scale::satisfaction: return 4;
    case qualitative_scale::none: break;
    }
    return 0;
}

bool is_blank(std::string_view text) noexcept {
    for (std::size_t i = 0; i < text.size();) {
        if (!detail::is_blank_cp(next_code_point(text, i))) return false;
    }
    return true;
}

value parse_value(std::string_view raw, const location& at, diagnostics& out) {
    return parse_value(raw, at, out, value_context{});
}

value parse_value(std::string_view raw, const location& at, diagnostics& out, const value_context& ctx) {
    value v;
    v.raw.assign(raw);
    v.at = at;
    thread_local std::string buffer;
    const std::string_view whole = trim_spaces(detail::clean_view(raw, buffer));
    if (whole.empty()) return v;

    if (detail::is_not_applicable(whole)) {
        v.kind = value_kind::not_applicable;
        return v;
    }

    // Leading approximation and comparator words, in either order (none can
    // start with a digit: skip the tables for the most common cells).
    std::string_view s = whole;
    const bool digit_first = whole.front() >= '0' && whole.front() <= '9';
    // the comparators nearly every target uses, before the table: ≥ ≤ >= <= = > <
    if (!digit_first) {
        const auto take = [&](std::string_view w, comparator op) {
            if (!starts_with(s, w)) return false;
            v.op = op;
            s = trim_spaces(s.substr(w.size()));
            return true;
        };
        (void)(take("≥", comparator::ge) || take("≤", comparator::le) || take(">=", comparator::ge) ||
               take("<=", comparator::le));
    }
    for (int round = 0; round < 6 && !digit_first && !s.empty(); ++round) {
        bool approx = false;
        const detail::comparator_word* w = detail::leading_word(s, approx);
        if (w == nullptr) break;
        if (approx) {
            v.approx = true;
        } else if (v.op == comparator::none) {
            v.op = w->op;
        } else {
            break;  // a second comparator: leave it to the text
        }
        s = trim_spaces(s.substr(w->text.size()));
    }

    if (s.empty()) return v;  // only a comparator: "=" (category stays empty)

    reading rd;
    {
        const comparator op_before = v.op;
        const bool approx_before = v.approx;
        if (could_be_date(s) && read_date(s, ctx.year, v, rd)) {
            if (rd.year_assumed)
                out.push_back({severity::info, "value.year_assumed",
                               "\"" + std::string(whole) + "\" names no year: read in the form's year " + std::to_string(ctx.year), at});
            return v;
        }
        v.op = op_before;
        if (read_quantity(s, v, rd)) {
            if (rd.ambiguous_comma)
                out.push_back({severity::warning, "value.ambiguous_comma",
                               "a comma followed by two digits in \"" + std::string(whole) +
                                   "\" cannot be a thousands separator; read it as a decimal point",
                               at});
            if (rd.zhao)
                out.push_back({severity::warning, "value.zhao",
                               "兆 in \"" + std::string(whole) + "\" is read as 10^12; it can also mean 10^6", at});
            if (rd.inexact)
                out.push_back({severity::info, "value.inexact_fraction",
                               "the fraction in \"" + std::string(whole) + "\" has no exact decimal: rounded to 15 digits",
                               at});
            apply_context(v, rd, ctx, at, out);
            return v;
        }
        as_text(v);
        v.op = op_before;
        v.approx = approx_before;
    }

    // Qualitative words, maybe with comparators around them ("≥良好", "良好以上").
    std::string word_buffer;
    const std::string_view word = normalized_view(s, word_buffer);
    {
        std::string_view w = word;
        value probe;
        probe.op = v.op;
        if (strip_trailing(w, probe)) {
            const auto hits = detail::find_qualitative(w);
            if (!hits.empty() && !w.empty()) {
                v.op = probe.op;
                v.kind = value_kind::qualitative;
                v.scale = hits.front().scale;
                v.rank = hits.front().rank;
                v.category = std::string(hits.front().canonical);
                return v;
            }
        }
    }
    v.kind = value_kind::text;
    std::string key_buffer;
    const std::string_view key = normalized_view(whole, key_buffer);
    if (code_points(key) <= max_category_code_points) set_text(v.category, key);
    return v;
}

std::optional<numeral> parse_numeral(std::string_view text, numeral_mode mode) {
    std::string cleaned;
    detail::clean_text(text, cleaned);
    const std::string_view s = trim_spaces(cleaned);
    if (s.empty()) return std::nullopt;
    std::string digits;
    const detail::numeral_scan r = detail::scan_numeral(s, 0, mode, &digits);
    if (!r.ok) return std::nullopt;
    const bool strict = mode == numeral_mode::strict;
    if (strict && r.arabic) return std::nullopt;
    decimal n = r.number;
    std::size_t end = r.end;
    if (end < s.size()) {
        const std::size_t tail = detail::scan_money_tail(s, end, n, strict);
        if (tail == end) return std::nullopt;
        end = tail;
    }
    if (trim_spaces(s.substr(end)).size() != 0) return std::nullopt;
    numeral out;
    out.number = n;
    out.digits = std::move(digits);
    if (r.arabic && !r.chinese && !r.has_units && !r.ambiguous_comma) {  // "012": an ASCII digit string
        const std::string_view written = s.substr(0, r.end);
        if (written.find(',') == std::string_view::npos) out.digits = std::string(written);
    }
    out.elided = r.elided;
    return out;
}

}  // namespace v0
}  // namespace jixiao
