// OCR confusions (docs/diagnostics.md, value.ocr_suspect). Recognition
// models for table images confuse shapes: 0/O, 1/l/I, 5/S, 8/B, 2/Z, and
// drop the bar under ≥ and ≤, or read ≥ as a 2. Every rule below needs a
// digit next to the suspect character, so words and labels pass untouched.
#include "value/ocr.hpp"

#include "value/clean.hpp"

#include <fmt/format.h>

namespace jixiao::detail {

namespace {

bool digit(char c) { return c >= '0' && c <= '9'; }
bool letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool token_char(char c) { return digit(c) || letter(c) || c == '.' || c == ',' || c == '%'; }

// The digit a lone letter is mistaken for, or 0 when it is not a look-alike.
char digit_lookalike(char c, bool after_digits) {
    switch (c) {
    case 'O': case 'o': return '0';
    case 'l': case 'I': return '1';
    case 'S': case 's': return after_digits ? 0 : '5';  // "5S" (5S management) is a word
    case 'B': return after_digits ? 0 : '8';
    case 'Z': return after_digits ? 0 : '2';
    default: return 0;
    }
}

void scan_token(std::string_view t, std::vector<ocr_suspect>& out) {
    bool has_digit = false;
    for (char c : t) has_digit |= digit(c);
    if (!has_digit) return;
    for (std::size_t i = 0; i < t.size();) {
        if (!letter(t[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < t.size() && letter(t[j])) ++j;
        // Digits on each side, across a '.' or ',' ("1.O5").
        auto digit_before = [&] {
            std::size_t k = i;
            while (k > 0 && (t[k - 1] == '.' || t[k - 1] == ',')) --k;
            return k > 0 && digit(t[k - 1]);
        };
        auto digit_after = [&] {
            std::size_t k = j;
            while (k < t.size() && (t[k] == '.' || t[k] == ',')) ++k;
            return k < t.size() && digit(t[k]);
        };
        const bool before = digit_before(), after = digit_after();
        if (j - i == 1) {
            const char c = t[i];
            if (before && after) {
                const char d = digit_lookalike(c, false);
                out.push_back({std::string(t), d != 0 ? fmt::format("{} for {}", c, d) : fmt::format("a stray letter '{}' inside a number", c)});
            } else if (after && !before && digit_lookalike(c, false) != 0) {
                out.push_back({std::string(t), fmt::format("{} for {}", c, digit_lookalike(c, false))});
            } else if (before && !after && digit_lookalike(c, true) != 0) {
                out.push_back({std::string(t), fmt::format("{} for {}", c, digit_lookalike(c, true))});
            }
        } else if (before && after) {
            out.push_back({std::string(t), fmt::format("letters '{}' inside a number", t.substr(i, j - i))});
        }
        i = j;
    }
}

// "295%": the number after a leading 2 is a percent of at most 100, the whole over 100.
bool two_for_ge(std::string_view s) {
    if (s.size() < 3 || s[0] != '2') return false;
    std::size_t i = 1;
    while (i < s.size() && s[i] == ' ') ++i;
    const bool spaced = i > 1;
    const std::size_t start = i;
    while (i < s.size() && (digit(s[i]) || s[i] == '.')) ++i;
    if (i == start || i >= s.size() || s[i] != '%') return false;
    if (spaced) return true;  // "2 80%"
    if (s[start] == '0') return false;  // "200%": 00 is no percent anyone writes
    double rest = 0;
    try {
        rest = std::stod(std::string(s.substr(start, i - start)));
    } catch (...) {
        return false;
    }
    return rest <= 100;
}

}  // namespace

std::vector<ocr_suspect> find_ocr_suspects(std::string_view raw) {
    std::string buffer;
    const std::string_view text = clean_view(raw, buffer);
    std::vector<ocr_suspect> out;
    std::size_t b = 0;
    while (b < text.size() && text[b] == ' ') ++b;
    const std::string_view head = text.substr(b);
    if (head.size() >= 2 && (head[0] == '>' || head[0] == '<') && head[1] != '=') {
        std::size_t k = 1;
        while (k < head.size() && head[k] == ' ') ++k;
        if (k < head.size() && digit(head[k])) {
            std::size_t e = k;
            while (e < head.size() && token_char(head[e])) ++e;
            out.push_back({std::string(head.substr(0, e)), head[0] == '>' ? "≥ read as >" : "≤ read as <"});
        }
    }
    if (two_for_ge(head)) {
        std::size_t e = 1;
        while (e < head.size() && (token_char(head[e]) || head[e] == ' ')) ++e;
        out.push_back({std::string(head.substr(0, e)), "≥ read as 2"});
    }
    for (std::size_t i = 0; i < text.size();) {
        if (!token_char(text[i])) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < text.size() && token_char(text[j])) ++j;
        scan_token(text.substr(i, j - i), out);
        i = j;
    }
    return out;
}

void flag_ocr_suspects(const std::vector<grid>& tables, diagnostics& out) {
    for (const grid& g : tables)
        for (const grid_cell& c : g.cells())
            for (const ocr_suspect& s : find_ocr_suspects(c.text))
                out.push_back({severity::warning, "value.ocr_suspect",
                               fmt::format("'{}' may be misread by OCR: {} (the text is kept as read)", s.token, s.reason), c.at});
}

}  // namespace jixiao::detail
