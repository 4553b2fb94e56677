// Excel number formats. A format code is up to four sections
// (positive;negative;zero;text); each is placeholders (0 # ? . , % E+) or
// date parts (y m d h s AM/PM) mixed with literals ("…", \c, _c, *c, and
// any character without a meaning). Colours, conditions and locale tags sit
// in square brackets.
#include "read/xlsx/numfmt.hpp"

#include <fmt/format.h>

#include <array>
#include <cmath>
#include <vector>

namespace jixiao::detail {

namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Sections split at ';' outside quotes, escapes and brackets.
std::vector<std::string_view> sections(std::string_view code) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    bool quoted = false;
    int bracket = 0;
    for (std::size_t i = 0; i < code.size(); ++i) {
        const char c = code[i];
        if (quoted) {
            quoted = c != '"';
        } else if (c == '"') {
            quoted = true;
        } else if (c == '\\' || c == '_' || c == '*') {
            ++i;
        } else if (c == '[') {
            ++bracket;
        } else if (c == ']') {
            bracket = bracket > 0 ? bracket - 1 : 0;
        } else if (c == ';' && bracket == 0) {
            out.push_back(code.substr(start, i - start));
            start = i + 1;
        }
    }
    out.push_back(code.substr(start));
    return out;
}

// A section as tokens: literal text, or the format characters themselves.
struct token {
    bool literal;
    std::string text;
};

std::vector<token> tokenize(std::string_view s) {
    std::vector<token> out;
    auto lit = [&](std::string_view t) {
        if (!out.empty() && out.back().literal) out.back().text.append(t);
        else out.push_back({true, std::string(t)});
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '"') {
            const std::size_t end = s.find('"', i + 1);
            lit(s.substr(i + 1, (end == std::string_view::npos ? s.size() : end) - i - 1));
            i = end == std::string_view::npos ? s.size() : end;
        } else if (c == '\\') {
            if (i + 1 < s.size()) {
                // one character, which may be a multi-byte UTF-8 sequence
                std::size_t n = 1;
                while (i + 1 + n < s.size() && (static_cast<unsigned char>(s[i + 1 + n]) & 0xC0) == 0x80) ++n;
                lit(s.substr(i + 1, n));
                i += n;
            }
        } else if (c == '_') {
            lit(" ");
            ++i;
        } else if (c == '*') {
            ++i;  // fill character: no width in text
        } else if (c == '[') {
            const std::size_t end = s.find(']', i);
            const std::string_view b = s.substr(i + 1, (end == std::string_view::npos ? s.size() : end) - i - 1);
            if (!b.empty() && b[0] == '$') {  // [$¥-804]: the currency symbol
                const std::size_t dash = b.find('-');
                lit(b.substr(1, dash == std::string_view::npos ? std::string_view::npos : dash - 1));
            } else if (!b.empty() && (lower(b[0]) == 'h' || lower(b[0]) == 'm' || lower(b[0]) == 's')) {
                out.push_back({false, std::string(b)});  // elapsed time [h] [mm] [ss]
            }
            // colours, conditions, [DBNum1]: no text
            i = end == std::string_view::npos ? s.size() : end;
        } else if (std::string_view("0#?.,%Ee").find(c) != std::string_view::npos ||
                   std::string_view("yYmMdDhHsSaApP@gG").find(c) != std::string_view::npos) {
            out.push_back({false, std::string(1, c)});
        } else {
            lit(s.substr(i, 1));
        }
    }
    return out;
}

bool has_code(const std::vector<token>& t, std::string_view chars) {
    for (const token& x : t)
        if (!x.literal && chars.find(x.text[0]) != std::string_view::npos) return true;
    return false;
}

std::string general(double v) {
    if (std::isnan(v) || std::isinf(v)) return "#NUM!";
    if (v == std::floor(v) && std::fabs(v) < 1e15) return fmt::format("{:.0f}", v);
    std::string s = fmt::format("{:.15g}", v);
    return s;
}

std::string group_thousands(const std::string& digits) {
    std::string out;
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

std::string number(double v, const std::vector<token>& t, bool negative_sign) {
    // Where the placeholders are: literal text before the first is a prefix.
    std::string prefix, suffix;
    int int_zeros = 0, dec_places = 0, dec_zeros = 0, percents = 0;
    bool in_dec = false, grouping = false, seen_digit = false, sci = false;
    int exp_digits = 0;
    for (std::size_t k = 0; k < t.size(); ++k) {
        const token& x = t[k];
        if (x.literal) {
            std::string_view lit = x.text;
            if (sci && !lit.empty() && (lit[0] == '+' || lit[0] == '-')) lit.remove_prefix(1);  // E+00: the sign is the exponent's
            (seen_digit ? suffix : prefix) += lit;
            continue;
        }
        const char c = x.text[0];
        if (sci) {
            if (c == '0' || c == '#') ++exp_digits;
            continue;
        }
        switch (c) {
        case '0':
        case '#':
        case '?':
            seen_digit = true;
            if (in_dec) {
                ++dec_places;
                if (c == '0') ++dec_zeros;
            } else if (c == '0') {
                ++int_zeros;
            }
            break;
        case '.': in_dec = true; break;
        case ',':
            if (seen_digit && !in_dec) grouping = true;
            break;
        case '%':
            ++percents;
            (seen_digit ? suffix : prefix) += '%';
            break;
        case 'E':
        case 'e': sci = true; break;
        default: (seen_digit ? suffix : prefix) += x.text; break;  // date letters in a number: shown as written
        }
    }
    for (int p = 0; p < percents; ++p) v *= 100;
    std::string body;
    if (sci) {
        std::string s = fmt::format("{:.{}E}", v, dec_places);  // 1.23E+04
        const std::size_t e = s.find('E');
        std::string mant = s.substr(0, e);
        int exp = std::stoi(s.substr(e + 1));
        body = mant + (exp < 0 ? "E-" : "E+") + fmt::format("{:0{}d}", std::abs(exp), std::max(exp_digits, 1));
    } else {
        std::string s = fmt::format("{:.{}f}", v, dec_places);
        std::string ip = s.substr(0, s.find('.'));
        std::string dp = s.find('.') == std::string::npos ? std::string() : s.substr(s.find('.') + 1);
        while (static_cast<int>(dp.size()) > dec_zeros && !dp.empty() && dp.back() == '0') dp.pop_back();
        if (ip == "0" && int_zeros == 0) ip.clear();
        while (static_cast<int>(ip.size()) < int_zeros) ip.insert(ip.begin(), '0');
        if (grouping) ip = group_thousands(ip);
        body = ip + (dp.empty() ? "" : "." + dp);
        if (body.empty()) body = "0";
    }
    return (negative_sign ? "-" : "") + prefix + body + suffix;
}

// Days since 1970-01-01 → civil date (Howard Hinnant's days_from_civil, inverted).
void civil(long long z, int& y, unsigned& m, unsigned& d) {
    z += 719468;
    const long long era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long yy = static_cast<long long>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y = static_cast<int>(yy + (m <= 2));
}

std::string date(double serial, const std::vector<token>& t, bool date1904) {
    if (serial < 0 || serial > 2958465.0) return general(serial);  // past 9999-12-31: Excel shows ####
    auto days = static_cast<long long>(std::floor(serial));
    double frac = serial - static_cast<double>(days);
    auto secs = static_cast<long long>(std::llround(frac * 86400.0));
    if (secs >= 86400) {
        ++days;
        secs -= 86400;
    }
    int y = 1900;
    unsigned mo = 1, d = 0;
    if (date1904) {
        civil(days - 24107, y, mo, d);  // 1904-01-01 is day 0
    } else if (days == 60) {
        y = 1900, mo = 2, d = 29;  // the day Lotus 1-2-3 invented and Excel kept
    } else if (days == 0) {
        y = 1900, mo = 1, d = 0;
    } else {
        civil(days - 25569 + (days < 60 ? 1 : 0), y, mo, d);  // 1899-12-30 is day 0 after the phantom day
    }
    const long long h = secs / 3600, mi = secs / 60 % 60, s = secs % 60;
    const bool ampm = [&] {
        for (std::size_t k = 0; k + 1 < t.size(); ++k)
            if (!t[k].literal && (t[k].text == "A" || t[k].text == "a")) return true;
        return false;
    }();
    static constexpr std::array<const char*, 12> months = {"January", "February", "March", "April", "May", "June",
                                                           "July", "August", "September", "October", "November", "December"};
    std::string out;
    for (std::size_t k = 0; k < t.size();) {
        const token& x = t[k];
        if (x.literal) {
            out += x.text;
            ++k;
            continue;
        }
        const char c = lower(x.text[0]);
        if (x.text.size() > 1) {  // [h] [mm] [ss]: elapsed
            const double total = serial * 24;
            out += c == 'h' ? fmt::format("{}", static_cast<long long>(total)) : fmt::format("{:02d}", c == 'm' ? mi : s);
            ++k;
            continue;
        }
        std::size_t n = 1;
        while (k + n < t.size() && !t[k + n].literal && t[k + n].text.size() == 1 && lower(t[k + n].text[0]) == c) ++n;
        auto minutes_here = [&] {  // m after h, or before s, is minutes
            for (std::size_t b = k; b-- > 0;) {
                if (t[b].literal) continue;
                const char p = lower(t[b].text[0]);
                if (p == 'h') return true;
                if (p == 'y' || p == 'd' || p == 'm') break;
            }
            for (std::size_t a = k + n; a < t.size(); ++a) {
                if (t[a].literal) continue;
                const char p = lower(t[a].text[0]);
                if (p == 's') return true;
                if (p == 'y' || p == 'd' || p == 'm' || p == 'h') break;
            }
            return false;
        };
        switch (c) {
        case 'y': out += n <= 2 ? fmt::format("{:02d}", y % 100) : fmt::format("{}", y); break;
        case 'm':
            if (n <= 2 && minutes_here()) out += n == 2 ? fmt::format("{:02d}", mi) : fmt::format("{}", mi);
            else if (n == 1) out += fmt::format("{}", mo);
            else if (n == 2) out += fmt::format("{:02d}", mo);
            else if (n == 3) out += std::string(months[mo - 1]).substr(0, 3);
            else out += months[mo - 1];
            break;
        case 'd': out += n == 1 ? fmt::format("{}", d) : fmt::format("{:02d}", d); break;
        case 'h': {
            long long hh = h;
            if (ampm) hh = hh % 12 == 0 ? 12 : hh % 12;
            out += n == 1 ? fmt::format("{}", hh) : fmt::format("{:02d}", hh);
            break;
        }
        case 's': out += n == 1 ? fmt::format("{}", s) : fmt::format("{:02d}", s); break;
        case 'a':
            // AM/PM or A/P: the letters after are literals '/' and 'M' tokens
            out += h < 12 ? "AM" : "PM";
            while (k + n < t.size() && (t[k + n].literal ? t[k + n].text == "/" : lower(t[k + n].text[0]) == 'p' || lower(t[k + n].text[0]) == 'm'))
                ++n;
            break;
        default: out += x.text; break;
        }
        k += n;
    }
    return out;
}

}  // namespace

std::string_view builtin_number_format(std::uint32_t id) noexcept {
    switch (id) {
    case 0: return "General";
    case 1: return "0";
    case 2: return "0.00";
    case 3: return "#,##0";
    case 4: return "#,##0.00";
    case 9: return "0%";
    case 10: return "0.00%";
    case 11: return "0.00E+00";
    case 12: return "# ?/?";
    case 13: return "# ?\?/?\?";  // "# ??/??" without the trigraph
    case 14: return "yyyy/m/d";
    case 15: return "d-mmm-yy";
    case 16: return "d-mmm";
    case 17: return "mmm-yy";
    case 18: return "h:mm AM/PM";
    case 19: return "h:mm:ss AM/PM";
    case 20: return "h:mm";
    case 21: return "h:mm:ss";
    case 22: return "yyyy/m/d h:mm";
    case 27: case 50: case 57: return "yyyy\"年\"m\"月\"";
    case 28: case 29: case 51: case 53: case 54: case 58: return "m\"月\"d\"日\"";
    case 30: return "m-d-yy";
    case 31: return "yyyy\"年\"m\"月\"d\"日\"";
    case 32: case 55: return "h\"时\"mm\"分\"";
    case 33: case 56: return "h\"时\"mm\"分\"ss\"秒\"";
    case 34: case 52: return "上午/下午h\"时\"mm\"分\"";
    case 35: return "上午/下午h\"时\"mm\"分\"ss\"秒\"";
    case 36: return "yyyy\"年\"m\"月\"";
    case 37: return "#,##0 ;(#,##0)";
    case 38: return "#,##0 ;[Red](#,##0)";
    case 39: return "#,##0.00;(#,##0.00)";
    case 40: return "#,##0.00;[Red](#,##0.00)";
    case 45: return "mm:ss";
    case 46: return "[h]:mm:ss";
    case 47: return "mm:ss.0";
    case 48: return "##0.0E+0";
    case 49: return "@";
    default: return {};
    }
}

bool is_date_format(std::string_view code) {
    const auto secs = sections(code);
    return has_code(tokenize(secs.front()), "yYmMdDhHsS");
}

std::string format_number(double value, std::string_view code, bool date1904) {
    if (code.empty()) return general(value);
    const auto secs = sections(code);
    std::string_view sec = secs[0];
    bool sign = false;
    if (value < 0 && secs.size() >= 2 && !secs[1].empty()) {
        sec = secs[1];
        value = -value;
    } else if (value < 0) {
        sign = true;
        value = -value;
    } else if (value == 0 && secs.size() >= 3 && !secs[2].empty()) {
        sec = secs[2];
    }
    const std::vector<token> t = tokenize(sec);
    std::string lowered;
    for (char c : sec) lowered += lower(c);
    if (lowered.find("general") != std::string::npos || has_code(t, "@") || has_code(t, "?") || (has_code(t, "/") && !has_code(t, "yYmMdD")))
        return (sign ? "-" : "") + general(value);
    if (has_code(t, "yYmMdDhHsS")) return (sign ? "-" : "") + date(value, t, date1904);
    if (!has_code(t, "0#")) {  // only literals: Excel shows them
        std::string out;
        for (const token& x : t) out += x.text;
        return out;
    }
    return number(value, t, sign);
}

}  // namespace jixiao::detail
