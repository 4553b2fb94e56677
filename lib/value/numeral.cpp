// Numbers in cell text: ASCII digits with grouping, Chinese numerals, mixes.
//
// The Chinese numeral reader is a single left-to-right pass over tokens
// (digits, 零, 十百千, 万亿兆, 廿卅卌, ASCII numbers, 点) with four exact
// accumulators, one per big unit: `section` (below 万), `acc4` (万 groups since
// the last 亿), `acc8` (亿 groups since the last 兆), `acc12`. A big unit
// multiplies what stands before it back to the previous larger one, so 一万亿 =
// (1万)亿 and 一亿五千万 = 1亿 + 5000万. A digit right after a unit with nothing
// after it is colloquial elision: 三万五 = 3万 + 5千. Arithmetic is exact
// (decimal); anything that does not fit 18 significant digits is not a number.
//
// Strict mode reads the same way and then insists the text is the canonical
// spelling of the value (format_chinese), up to the variants people and
// cheques use (一十 / 十 at the start, 零十 / 零一十, financial capitals, 廿).
// See ../shared/reference/numerals-icu.md §4 for the design.
#include "value/numeral.hpp"

#include "detail/utf8.hpp"
#include "value/utf8_fast.hpp"

#include <array>

namespace jixiao::detail {

namespace {

enum class tk : std::uint8_t { none, digit, zero, tens, small, big, point, arabic };

struct token {
    tk kind = tk::none;
    int val = 0;              // digit value, tens value (2 for 廿), unit power (十 → 1, 万 → 4)
    bool canon = true;        // allowed in strict mode
    bool chinese = false;
    std::size_t begin = 0;    // byte range in the text
    std::size_t end = 0;
    // arabic only
    decimal number;
    bool fraction = false;    // written with a decimal point
    bool single = false;      // one digit 1-9 (elision applies, as to a Chinese digit)
    bool ambiguous_comma = false;
};

struct cn_char {
    tk kind;
    int val;
    bool canon;
};

cn_char classify(char32_t cp) noexcept {
    if (cp < 0x3007 || cp > 0x9FFF) return {tk::none, 0, false};  // every numeral character is in 〇 … CJK
    switch (cp) {
    case U'零': return {tk::zero, 0, true};
    case U'〇': return {tk::zero, 0, false};
    case U'一': case U'壹': return {tk::digit, 1, true};
    case U'幺': return {tk::digit, 1, false};
    case U'二': case U'贰': return {tk::digit, 2, true};
    case U'两': case U'俩': return {tk::digit, 2, false};
    case U'三': case U'叁': return {tk::digit, 3, true};
    case U'四': case U'肆': return {tk::digit, 4, true};
    case U'五': case U'伍': return {tk::digit, 5, true};
    case U'六': case U'陆': return {tk::digit, 6, true};
    case U'七': case U'柒': return {tk::digit, 7, true};
    case U'八': case U'捌': return {tk::digit, 8, true};
    case U'九': case U'玖': return {tk::digit, 9, true};
    case U'十': case U'拾': return {tk::small, 1, true};
    case U'百': case U'佰': return {tk::small, 2, true};
    case U'千': case U'仟': return {tk::small, 3, true};
    case U'万': return {tk::big, 4, true};
    case U'亿': return {tk::big, 8, true};
    case U'兆': return {tk::big, 12, false};
    case U'廿': case U'卄': return {tk::tens, 2, true};
    case U'卅': return {tk::tens, 3, true};
    case U'卌': return {tk::tens, 4, true};
    case U'点': return {tk::point, 0, true};
    default: return {tk::none, 0, false};
    }
}

bool is_ascii_digit(char c) noexcept { return c >= '0' && c <= '9'; }

std::size_t count_ascii_digits(std::string_view s, std::size_t i) noexcept {
    std::size_t n = 0;
    while (i + n < s.size() && is_ascii_digit(s[i + n])) ++n;
    return n;
}

// An ASCII number at byte i: digits, grouping commas (exactly three digits
// after each), an optional fraction. "2,53" reads the comma as a decimal point
// and flags it. Fails on "1,2", "5.", "1.2.3", more than 18 significant digits.
bool scan_arabic(std::string_view s, std::size_t i, token& t) {
    const std::size_t b = i;
    const std::size_t n = s.size();
    if (i >= n || !is_ascii_digit(s[i])) return false;
    // Exact accumulation as decimal::parse does it: significant digits into
    // the mantissa (at most 18), zeros after the last nonzero digit pending.
    std::int64_t mantissa = 0;
    int significant = 0;
    long long pending_zeros = 0, exponent = 0;
    std::size_t digit_count = 0;
    const char first_digit = s[i];
    bool in_fraction = false;
    for (;;) {
        // a run of digits
        while (i < n && is_ascii_digit(s[i])) {
            const char c = s[i++];
            ++digit_count;
            if (in_fraction) --exponent;
            if (c == '0') {
                if (significant > 0) ++pending_zeros;
                continue;
            }
            if (significant + pending_zeros + 1 > 18) return false;  // more than an exact int64 mantissa holds
            for (; pending_zeros > 0; --pending_zeros) {
                mantissa *= 10;
                ++significant;
            }
            mantissa = mantissa * 10 + (c - '0');
            ++significant;
        }
        if (i - b > 100'000'000) return false;  // keeps the exponent in int range
        if (i >= n) break;
        const char c = s[i];
        if (c == '.' && !in_fraction) {
            if (count_ascii_digits(s, i + 1) == 0) return false;  // "5." or "5.万"
            in_fraction = true;
            ++i;
        } else if (c == ',' && !in_fraction) {
            const std::size_t group = count_ascii_digits(s, i + 1);
            if (group == 3) {
                ++i;  // thousands separator
            } else if (group == 2) {
                in_fraction = true;  // "2,53万": a decimal point typed as a comma (reported)
                t.ambiguous_comma = true;
                ++i;
            } else {
                return false;  // "1,2", "3，共": a list, not a number
            }
        } else if (c == ',' || c == '.') {
            return false;  // "1.2.3", "0.5,6"
        } else {
            break;
        }
    }
    exponent += pending_zeros;
    t.kind = tk::arabic;
    t.number = mantissa == 0 ? decimal{} : decimal{mantissa, static_cast<int>(exponent)};
    t.fraction = in_fraction;
    t.single = digit_count == 1 && first_digit != '0';
    t.begin = b;
    t.end = i;
    t.canon = false;
    return true;
}

// The token at byte i, or kind none.
token read_token(std::string_view s, std::size_t i, bool tolerant) {
    token t;
    if (i >= s.size()) return t;
    if (tolerant && is_ascii_digit(s[i])) {
        if (!scan_arabic(s, i, t)) t.kind = tk::none;
        return t;
    }
    std::size_t j = i;
    const char32_t cp = decode_valid(s, j);
    const cn_char c = classify(cp);
    if (c.kind == tk::none) {
        // k / w after ASCII digits: thousands and 万 ("15k", "30w"), only when no
        // letter follows ("5kg" is five kilograms).
        if (tolerant && (cp == 'k' || cp == 'K' || cp == 'w' || cp == 'W')) {
            const bool letter_next = j < s.size() && ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z'));
            if (!letter_next) {
                const bool wan = cp == 'w' || cp == 'W';
                t.kind = wan ? tk::big : tk::small;
                t.val = wan ? 4 : 3;
                t.canon = false;
                t.begin = i;
                t.end = j;
            }
        }
        return t;
    }
    t.kind = c.kind;
    t.val = c.val;
    t.canon = c.canon;
    t.chinese = true;
    t.begin = i;
    t.end = j;
    return t;
}

// Skips spaces between two numeral tokens when at least one side is Chinese
// ("7 万5 千", "一百 五 十 二"); "1 234" is two numbers, not one.
std::size_t skip_spaces(std::string_view s, std::size_t i, bool prev_chinese, bool tolerant) {
    if (!tolerant || i >= s.size() || s[i] != ' ') return i;
    std::size_t j = i;
    while (j < s.size() && s[j] == ' ') ++j;
    const token next = read_token(s, j, tolerant);
    if (next.kind == tk::none || next.kind == tk::point) return i;
    if (!prev_chinese && !next.chinese) return i;
    return j;
}


// acc += x, exactly; false when the sum does not fit.
bool add_to(decimal& acc, const decimal& x) noexcept {
    if (x.mantissa() == 0) return true;
    if (acc.mantissa() == 0) {
        acc = x;
        return true;
    }
    const std::optional<decimal> sum = acc.plus(x);
    if (!sum) return false;
    acc = *sum;
    return true;
}

// acc ×= 10^k; false on overflow of the exponent.
bool scale_by(decimal& acc, int k) noexcept {
    const std::optional<decimal> x = acc.scaled(k);
    if (!x) return false;
    acc = *x;
    return true;
}

// The plain spelling of a numeral character, for the strict comparison.
std::string_view plain_spelling(char32_t cp) noexcept {
    switch (cp) {
    case U'壹': return "一";
    case U'贰': return "二";
    case U'叁': return "三";
    case U'肆': return "四";
    case U'伍': return "五";
    case U'陆': return "六";
    case U'柒': return "七";
    case U'捌': return "八";
    case U'玖': return "九";
    case U'拾': return "十";
    case U'佰': return "百";
    case U'仟': return "千";
    case U'廿': case U'卄': return "二十";
    case U'卅': return "三十";
    case U'卌': return "四十";
    default: return {};
    }
}

void replace_all(std::string& s, std::string_view from, std::string_view to) {
    for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
        s.replace(p, from.size(), to);
}

// Whether s[b, e) is the canonical spelling of `value` (strict mode).
bool is_canonical_spelling(std::string_view s, std::size_t b, std::size_t e, const decimal& value) {
    std::string in;
    for (std::size_t i = b; i < e;) {
        const char32_t cp = decode_valid(s, i);
        const std::string_view p = plain_spelling(cp);
        if (!p.empty()) in.append(p);
        else append_utf8(in, cp);
    }
    // Variants of the canonical form that strict readers accept.
    if (in.rfind("一十", 0) == 0) in.replace(0, std::string_view("一十").size(), "十");
    if (in.rfind("负一十", 0) == 0) in.replace(std::string_view("负").size(), std::string_view("一十").size(), "十");
    replace_all(in, "零十", "零一十");
    return in == format_chinese(value);
}

}  // namespace

bool is_numeral_char(char32_t cp) noexcept { return classify(cp).kind != tk::none && cp != U'点'; }

numeral_scan scan_numeral(std::string_view s, std::size_t pos, numeral_mode mode, std::string* digits_out) {
    const bool tolerant = mode == numeral_mode::tolerant;
    numeral_scan r;
    std::size_t i = pos;
    bool negative = false;
    {
        std::size_t j = i;
        if (j < s.size() && decode_valid(s, j) == U'负') {
            negative = true;
            i = j;
        } else if (tolerant && i < s.size() && s[i] == '-' && i + 1 < s.size() && is_ascii_digit(s[i + 1])) {
            negative = true;
            ++i;
        }
    }

    if (i >= s.size()) return r;
    const bool ascii_first = is_ascii_digit(s[i]);

    // Fast path: an ASCII number with nothing numeral after it ("80%", "0.8",
    // "400平方", "1721") — most cells. Anything else takes the general path.
    if (ascii_first && tolerant) {
        token t;
        if (!scan_arabic(s, i, t)) return r;
        bool plain = t.end >= s.size();
        if (!plain) {
            const unsigned char c = static_cast<unsigned char>(s[t.end]);
            if (c < 0x80) {
                plain = c != ' ' && c != 'k' && c != 'K' && c != 'w' && c != 'W';
            } else {
                std::size_t j = t.end;
                plain = classify(decode_valid(s, j)).kind == tk::none;
            }
        }
        if (plain) {
            decimal n = t.number;
            if (negative) {
                const std::optional<decimal> m = n.negated();
                if (!m) return r;
                n = *m;
            }
            r.ok = true;
            r.end = t.end;
            r.number = n;
            r.arabic = true;
            r.canonical = false;
            r.ambiguous_comma = t.ambiguous_comma;
            return r;
        }
    }

    // --- digit strings: two or more Chinese digits with no unit (二〇二〇, 一二三) ---
    if (!ascii_first) {
        std::size_t j = i;
        std::string digits;
        bool canon = true, two_word = false;
        while (true) {
            const token t = read_token(s, j, false);
            if (t.kind != tk::digit && t.kind != tk::zero) break;
            digits.push_back(static_cast<char>('0' + t.val));
            canon = canon && t.canon;
            // 两 and 俩 say "two of", never a digit of a digit string (两两 is "in pairs")
            if (t.val == 2 && !t.canon && s.substr(t.begin, t.end - t.begin) != "贰") two_word = true;
            j = t.end;
        }
        if (two_word) digits.clear();
        const token after = read_token(s, j, tolerant);
        const bool unit_follows = after.kind == tk::small || after.kind == tk::big || after.kind == tk::tens ||
                                  after.kind == tk::arabic;
        if (digits.size() >= 2 && !unit_follows) {
            std::string text = digits;
            std::size_t end = j;
            if (after.kind == tk::point) {
                std::size_t k = after.end;
                std::string frac;
                while (true) {
                    const token t = read_token(s, k, false);
                    if (t.kind != tk::digit && t.kind != tk::zero) break;
                    frac.push_back(static_cast<char>('0' + t.val));
                    k = t.end;
                }
                if (!frac.empty()) {
                    text += '.';
                    text += frac;
                    end = k;
                }
            }
            if (!tolerant) return r;  // strict readers reject digit strings
            std::optional<decimal> d = decimal::parse(text);
            if (!d) return r;
            if (negative) {
                d = d->negated();
                if (!d) return r;
            }
            r.ok = true;
            r.end = end;
            r.number = *d;
            if (digits_out != nullptr) *digits_out = (negative ? "-" : "") + text;
            r.chinese = true;
            r.canonical = false;
            return r;
        }
    }

    // --- positional numerals ------------------------------------------------
    decimal acc12, acc8, acc4, section;  // exact; any overflow ends the scan (not a number)
    decimal digit;
    bool have_digit = false, digit_single = false, digit_after_unit = false;
    int last_unit = -1, last_small = 99, last_big = 99;
    bool after_unit = false, zero_pending = false, fractional = false, any_units = false;
    bool canon = true, chinese = false, arabic = false, zhao = false, ambiguous_comma = false;
    bool implicit_lead = false;
    int tokens = 0, max_big = 0;
    std::size_t end = i;
    bool prev_chinese = false, prev_arabic = false;

    while (true) {
        if (tokens > 0) i = skip_spaces(s, end, prev_chinese, tolerant);
        token t = read_token(s, i, tolerant);
        if (t.kind == tk::none || t.kind == tk::point) break;
        if (!t.chinese && t.kind != tk::arabic && !prev_arabic) break;  // k / w only right after digits
        bool stop = false;
        switch (t.kind) {
        case tk::digit:
        case tk::arabic: {
            if (have_digit || fractional) return r;  // 十四五, 一二万: not one number
            if (t.kind == tk::arabic) {
                if (t.fraction && any_units) return r;  // 3万4000.5
                fractional = t.fraction;
                digit = t.number;
                digit_single = t.single;
                arabic = true;
                ambiguous_comma = ambiguous_comma || t.ambiguous_comma;
            } else {
                digit = decimal{t.val, 0};
                digit_single = true;
            }
            have_digit = true;
            digit_after_unit = after_unit && !zero_pending;
            after_unit = false;
            break;
        }
        case tk::zero:
            if (have_digit) return r;
            zero_pending = true;
            after_unit = false;
            break;
        case tk::tens:
            if (have_digit || last_small <= 1) return r;
            if (!add_to(section, decimal{t.val * 10, 0})) return r;
            last_small = 1;
            last_unit = 1;
            after_unit = true;
            zero_pending = false;
            any_units = true;
            break;
        case tk::small: {
            decimal n{1, 0};
            if (have_digit) {
                n = digit;
            } else if (t.val == 1) {
                // 十 without 一: at the start, after a big unit or after 零
            } else if (tolerant && zero_pending) {
                // 零百一十一: read as 一百
            } else if (tolerant && tokens == 0) {
                // 百三 / 千三: a leading 百/千 is 一百/一千 only before a single digit at the end
                std::size_t k = skip_spaces(s, t.end, true, tolerant);
                const token next = read_token(s, k, tolerant);
                if (next.kind != tk::digit) return r;
                const token after = read_token(s, next.end, tolerant);
                if (after.kind != tk::none && after.kind != tk::point) return r;
                implicit_lead = true;
            } else {
                return r;
            }
            if (t.val >= last_small) return r;  // 十一十二, 一百二百
            std::optional<decimal> term = n.scaled(t.val);
            if (!term) return r;
            if (!add_to(section, *term)) return r;
            have_digit = false;
            last_small = t.val;
            last_unit = t.val;
            after_unit = true;
            zero_pending = false;
            any_units = true;
            break;
        }
        case tk::big: {
            decimal cur = section;
            if (have_digit && !add_to(cur, digit)) return r;
            const bool cur_zero = cur.mantissa() == 0;
            if (cur_zero && acc4.mantissa() == 0 && acc8.mantissa() == 0 && acc12.mantissa() == 0) return r;  // 万 alone
            if (t.val == last_big && !cur_zero) return r;  // 一万二万
            if (t.val == 4) {
                if (!add_to(acc4, cur) || !scale_by(acc4, 4)) return r;
            } else if (t.val == 8) {
                if (!add_to(acc8, acc4) || !add_to(acc8, cur) || !scale_by(acc8, 8)) return r;
                acc4 = decimal{};
            } else {
                if (!add_to(acc12, acc8) || !add_to(acc12, acc4) || !add_to(acc12, cur) || !scale_by(acc12, 12)) return r;
                acc8 = decimal{};
                acc4 = decimal{};
                zhao = zhao || t.chinese;
            }
            section = decimal{};
            have_digit = false;
            last_small = 99;
            last_big = t.val;
            if (t.val > max_big) max_big = t.val;
            last_unit = t.val;
            after_unit = true;
            zero_pending = false;
            any_units = true;
            break;
        }
        default: stop = true; break;
        }
        if (stop) break;
        canon = canon && t.canon;
        chinese = chinese || t.chinese;
        prev_chinese = t.chinese;
        prev_arabic = t.kind == tk::arabic;
        end = t.end;
        ++tokens;
    }
    if (tokens == 0) return r;

    // The integer part (and an ASCII fraction), with elision of a last digit.
    std::optional<decimal> total = acc12;
    if (!add_to(*total, acc8) || !add_to(*total, acc4) || !add_to(*total, section)) return r;
    bool elided = false;
    if (have_digit) {
        if (digit_after_unit && digit_single && last_unit >= 2) {
            std::optional<decimal> term = digit.scaled(last_unit - 1);
            if (!term) return r;
            total = total->plus(*term);
            elided = true;
        } else {
            total = total->plus(digit);
        }
        if (!total) return r;
    }
    // A Chinese decimal part: 点 and digits, then units that scale the whole (十五点八万).
    {
        std::size_t k = end;
        if (tolerant && k < s.size() && s[k] == ' ' && chinese) {  // "四百 点 五"
            std::size_t j = k;
            while (j < s.size() && s[j] == ' ') ++j;
            if (read_token(s, j, tolerant).kind == tk::point) k = j;
        }
        const token p = read_token(s, k, tolerant);
        if (p.kind == tk::point && !fractional) {
            std::string frac;
            std::size_t j = p.end;
            if (tolerant)
                while (j < s.size() && s[j] == ' ') ++j;
            bool frac_canon = true;
            while (true) {
                const token t = read_token(s, j, tolerant);
                if (t.kind == tk::digit || t.kind == tk::zero) {
                    frac.push_back(static_cast<char>('0' + t.val));
                    frac_canon = frac_canon && t.canon;
                    j = t.end;
                } else if (t.kind == tk::arabic && !t.fraction && !t.ambiguous_comma &&
                           s.substr(t.begin, t.end - t.begin).find(',') == std::string_view::npos) {
                    frac.append(s.substr(t.begin, t.end - t.begin));
                    frac_canon = false;
                    j = t.end;
                } else {
                    break;
                }
            }
            if (!frac.empty()) {
                std::optional<decimal> f = decimal::parse("0." + frac);
                if (!f) return r;
                total = total->plus(*f);
                if (!total) return r;
                canon = canon && frac_canon;
                chinese = true;
                end = j;
                fractional = true;
                // units after the decimal part multiply everything: 一点五亿, 十五点八万
                int prev = 0;
                while (true) {
                    const token u = read_token(s, end, tolerant);
                    if (u.kind != tk::big && u.kind != tk::small) break;
                    if (u.val < prev && prev != 0) break;
                    total = total->scaled(u.val);
                    if (!total) return r;
                    if (u.kind == tk::big && u.val > max_big) max_big = u.val;
                    prev = u.val;
                    end = u.end;
                    any_units = true;
                    last_unit = u.val;
                }
            }
        }
    }

    if (negative) {
        total = total->negated();
        if (!total) return r;
    }

    if (!tolerant) {
        if (!canon || elided || implicit_lead || arabic) return r;
        if (!is_canonical_spelling(s, pos, end, *total)) return r;
    }

    r.ok = true;
    r.end = end;
    r.number = *total;
    r.chinese = chinese;
    r.arabic = arabic;
    r.elided = elided;
    r.canonical = canon && !elided && !implicit_lead && !arabic;
    r.ambiguous_comma = ambiguous_comma;
    r.zhao = zhao;
    r.has_units = any_units;
    r.max_big = max_big;
    r.trailing_unit = after_unit ? last_unit : -1;
    return r;
}

std::size_t scan_money_tail(std::string_view s, std::size_t pos, decimal& amount, bool strict) {
    std::size_t i = pos;
    if (i >= s.size()) return pos;
    std::size_t j = i;
    const char32_t cp = decode_valid(s, j);
    if (cp != U'元' && cp != U'圆' && cp != U'块') return pos;
    i = j;
    // 整 / 正: nothing after
    {
        std::size_t k = i;
        if (k < s.size()) {
            const char32_t c = decode_valid(s, k);
            if (c == U'整' || c == U'正') return k;
        }
    }
    decimal total = amount;
    bool any = false;
    auto part = [&](std::size_t at, std::u32string_view units, int power, std::size_t& out) -> bool {
        std::size_t k = at;
        // an optional 零 before 分 (壹元零壹分)
        {
            std::size_t z = k;
            if (z < s.size() && decode_valid(s, z) == U'零' && power == -2) k = z;
        }
        int d = -1;
        if (k < s.size() && is_ascii_digit(s[k]) && !strict) {
            d = s[k] - '0';
            ++k;
        } else if (k < s.size()) {
            std::size_t z = k;
            const cn_char c = classify(decode_valid(s, z));
            if (c.kind == tk::digit && (c.canon || !strict)) {
                d = c.val;
                k = z;
            }
        }
        if (d < 0 || k >= s.size()) return false;
        std::size_t z = k;
        const char32_t u = decode_valid(s, z);
        if (units.find(u) == std::u32string_view::npos) return false;
        std::optional<decimal> t = total.plus(decimal{d, power});
        if (!t) return false;
        total = *t;
        out = z;
        return true;
    };
    std::size_t k = i;
    if (part(k, U"角毛", -1, k)) any = true;
    if (part(k, U"分", -2, k)) any = true;
    if (any && !strict) {
        std::size_t z = k;
        if (z < s.size() && decode_valid(s, z) == U'钱') k = z;
    }
    amount = total;
    return k;
}

namespace {

__extension__ typedef unsigned __int128 u128;

constexpr std::array<std::string_view, 10> plain_digits{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
constexpr std::array<std::string_view, 10> money_digits{"零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"};
constexpr std::array<std::string_view, 4> plain_units{"", "十", "百", "千"};
constexpr std::array<std::string_view, 4> money_units{"", "拾", "佰", "仟"};

void format4(unsigned n, bool leading, bool financial, std::string& out) {
    const auto& dg = financial ? money_digits : plain_digits;
    const auto& un = financial ? money_units : plain_units;
    const unsigned d[4] = {n / 1000 % 10, n / 100 % 10, n / 10 % 10, n % 10};
    bool started = false, zero = false;
    for (int k = 0; k < 4; ++k) {
        const unsigned x = d[k];
        const int p = 3 - k;
        if (x == 0) {
            if (started) zero = true;
            continue;
        }
        if (zero) out += dg[0];
        zero = false;
        if (p == 1 && x == 1 && leading && !started && !financial) {
            out += un[1];
        } else {
            out += dg[x];
            out += un[static_cast<std::size_t>(p)];
        }
        started = true;
    }
}

void format_positive(u128 n, bool leading, bool financial, std::string& out) {
    constexpr u128 e4 = 10000, e8 = 100000000;
    if (n >= e8) {
        format_positive(n / e8, leading, financial, out);
        out += "亿";
        const u128 lo = n % e8;
        if (lo > 0) {
            if (lo < 10000000) out += financial ? money_digits[0] : plain_digits[0];
            format_positive(lo, false, financial, out);
        }
    } else if (n >= e4) {
        format4(static_cast<unsigned>(n / e4), leading, financial, out);
        out += "万";
        const unsigned lo = static_cast<unsigned>(n % e4);
        if (lo > 0) {
            if (lo < 1000) out += financial ? money_digits[0] : plain_digits[0];
            format4(lo, false, financial, out);
        }
    } else {
        format4(static_cast<unsigned>(n), leading, financial, out);
    }
}

}  // namespace

std::string format_chinese(const decimal& d, bool financial) {
    std::string text = d.to_string();
    std::string out;
    std::string_view t = text;
    if (!t.empty() && t[0] == '-') {
        out += "负";
        t.remove_prefix(1);
    }
    const std::size_t point = t.find('.');
    const std::string_view int_part = t.substr(0, point);
    if (int_part.size() > 20) return {};
    u128 n = 0;
    for (char c : int_part) n = n * 10 + static_cast<unsigned>(c - '0');
    if (n == 0) out += financial ? money_digits[0] : plain_digits[0];
    else format_positive(n, true, financial, out);
    if (point != std::string_view::npos) {
        out += "点";
        for (char c : t.substr(point + 1)) out += (financial ? money_digits : plain_digits)[static_cast<std::size_t>(c - '0')];
    }
    return out;
}

}  // namespace jixiao::detail
