// Cleaning cell text for reading values: a hand-written fold for what forms
// use every day (fast: no allocation beyond the output, no ICU call), and ICU's
// NFKC — filtered so that ① ² ½ keep their meaning — for everything else.
// numerals-icu.md §2.2 measured both; the ICU Fullwidth-Halfwidth
// transliterator is deliberately not used (it mangles 。 「」 and kana).
#include "value/clean.hpp"

#include "detail/utf8.hpp"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>

#include <memory>

namespace jixiao::detail {

namespace {

// NFKC minus the characters whose compatibility decomposition changes what a
// number says: ①1500 must not become 11500, 10² not 102, ⑴ not (1), ½ not 1⁄2.
const icu::Normalizer2* filtered_nfkc() noexcept {
    static const icu::Normalizer2* const instance = []() -> const icu::Normalizer2* {
        UErrorCode status = U_ZERO_ERROR;
        const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
        if (U_FAILURE(status) || nfkc == nullptr) return nullptr;
        static icu::UnicodeSet normalized(
            icu::UnicodeString::fromUTF8("[^\\u2460-\\u24FF\\u2776-\\u2793\\u3220-\\u3247\\u3251-\\u32BF"
                                         "\\u3280-\\u32B0\\u00B2\\u00B3\\u00B9\\u2070-\\u209F\\u00BC-\\u00BE"
                                         "\\u2150-\\u215F\\u2026]"),
            status);
        if (U_FAILURE(status)) return nullptr;
        normalized.freeze();
        static icu::FilteredNormalizer2 filtered(*nfkc, normalized);
        return &filtered;
    }();
    return instance;
}

// Decodes one code point of possibly invalid UTF-8 (overlongs, surrogates,
// code points past U+10FFFF and truncated sequences are invalid): U+FFFD for
// one byte when invalid. Same rules as utf8proc, without a call per character.
char32_t decode_strict(std::string_view s, std::size_t& i) noexcept {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    if (c < 0x80) {
        ++i;
        return c;
    }
    std::size_t n = 0;
    char32_t cp = 0, min = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1Fu;
        min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0Fu;
        min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07u;
        min = 0x10000;
    }
    if (n == 0 || i + n > s.size()) {
        ++i;
        return 0xFFFD;
    }
    for (std::size_t k = 1; k < n; ++k) {
        const unsigned char b = byte(i + k);
        if ((b & 0xC0) != 0x80) {
            ++i;
            return 0xFFFD;
        }
        cp = (cp << 6) | (b & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++i;
        return 0xFFFD;
    }
    i += n;
    return cp;
}

bool is_zero_width(char32_t cp) noexcept {
    return (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 || cp == 0xFEFF || cp == 0x00AD;
}

// Characters NFKC leaves alone (or that the filter exempts): no ICU call needed.
bool nfkc_stable(char32_t cp) noexcept {
    if (cp < 0x80) return true;
    if (cp >= 0x4E00 && cp <= 0x9FFF) return true;  // CJK unified ideographs
    if (cp >= 0x3400 && cp <= 0x4DBF) return true;  // extension A
    if (cp >= 0x3001 && cp <= 0x3030) return true;  // CJK punctuation: 、。〇《》「」【】〜 …
    if (cp >= 0x2010 && cp <= 0x2023) return true;  // dashes and quotes
    if (cp >= 0x2460 && cp <= 0x24FF) return true;  // exempt: circled numbers
    if (cp >= 0x2776 && cp <= 0x2793) return true;
    if (cp >= 0x3220 && cp <= 0x3247) return true;
    if (cp >= 0x3251 && cp <= 0x32BF) return true;
    if (cp >= 0x2070 && cp <= 0x209F) return true;
    if (cp >= 0x2150 && cp <= 0x215F) return true;
    switch (cp) {
    case 0x00B0: case 0x00B1: case 0x00B7: case 0x00D7: case 0x00F7:       // ° ± · × ÷
    case 0x00B2: case 0x00B3: case 0x00B9: case 0x00BC: case 0x00BD: case 0x00BE:
    case 0x2026: case 0x2030: case 0x2031:                                  // … ‰ ‱
    case 0x2264: case 0x2265: case 0x2266: case 0x2267: case 0x2A7D: case 0x2A7E:  // ≤ ≥ ≦ ≧ ⩽ ⩾
    case 0x2260: case 0x00A5: case 0x25CB: case 0xFFFD:
        return true;
    default:
        return false;
    }
}

// Simplified forms of the traditional characters that matter in numbers.
char32_t simplified(char32_t cp) noexcept {
    switch (cp) {
    case U'萬': return U'万';
    case U'億': return U'亿';
    case U'兩': return U'两';
    case U'倆': return U'俩';
    case U'貳': return U'贰';
    case U'貮': return U'贰';
    case U'參': return U'叁';
    case U'陸': return U'陆';
    case U'點': return U'点';
    case U'負': return U'负';
    case U'圓': return U'圆';
    case U'個': return U'个';
    case U'幾': return U'几';
    case U'餘': return U'余';
    default: return cp;
    }
}

bool is_cn_digit(char32_t cp) noexcept {
    return std::u32string_view(U"零〇一二三四五六七八九两").find(cp) != std::u32string_view::npos;
}

bool is_digit_cp(char32_t cp) noexcept { return (cp >= '0' && cp <= '9') || (cp >= 0xFF10 && cp <= 0xFF19); }

// One pass of the fold. Returns whether a character needs NFKC.
bool fold(std::string_view raw, std::string& out) {
    out.clear();
    out.reserve(raw.size());
    bool needs_nfkc = false;
    char32_t prev = 0;  // the previous code point written
    for (std::size_t i = 0; i < raw.size();) {
        const unsigned char b = static_cast<unsigned char>(raw[i]);
        if (b < 0x80) {  // ASCII fast path
            const char c = static_cast<char>(b);
            const bool blank = c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
            out.push_back(blank ? ' ' : c);
            prev = static_cast<char32_t>(blank ? ' ' : b);
            ++i;
            continue;
        }
        const std::size_t start = i;
        char32_t cp = decode_strict(raw, i);
        if (cp >= 0x4E00 && cp <= 0x9FFF && simplified(cp) == cp) {  // CJK, the common case: copy the bytes
            out.append(raw.data() + start, i - start);
            prev = cp;
            continue;
        }
        if (is_zero_width(cp)) continue;
        if (is_blank_cp(cp)) {
            out.push_back(' ');
            prev = ' ';
            continue;
        }
        if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // full-width ASCII
        switch (cp) {
        case 0x2212: case 0x2010: case 0x2011: case 0x2013: case 0xFE63: cp = '-'; break;
        case 0x301C: cp = '~'; break;
        case 0xFE6A: cp = '%'; break;
        case 0x33A1:  // ㎡
            out += "m\u00B2";
            prev = 0xB2;
            continue;
        case 0x3002: {  // 。 between digits is a decimal point ("1。5")
            std::size_t j = i;
            const char32_t next = j < raw.size() ? decode_strict(raw, j) : 0;
            if (is_digit_cp(prev) && is_digit_cp(next)) cp = '.';
            break;
        }
        case 0x25CB: {  // ○ next to Chinese numerals is 〇 ("二○二○年")
            std::size_t j = i;
            const char32_t next = j < raw.size() ? simplified(decode_strict(raw, j)) : 0;
            if (is_cn_digit(prev) || is_cn_digit(next) || next == 0x25CB) cp = U'〇';
            break;
        }
        default: cp = simplified(cp); break;
        }
        if (!nfkc_stable(cp)) needs_nfkc = true;
        append_utf8(out, cp);
        prev = cp;
    }
    return needs_nfkc;
}

}  // namespace

namespace {

// Whether clean_text would change anything in `raw`.
bool needs_cleaning(std::string_view raw) noexcept {
    for (std::size_t i = 0; i < raw.size();) {
        const unsigned char b = static_cast<unsigned char>(raw[i]);
        if (b < 0x80) {
            if (b == '\t' || b == '\n' || b == '\r' || b == '\v' || b == '\f') return true;
            ++i;
            continue;
        }
        // CJK ideographs (E4–E9 lead bytes), decoded inline: the common case
        if (b >= 0xE4 && b <= 0xE9 && i + 2 < raw.size() &&
            (static_cast<unsigned char>(raw[i + 1]) & 0xC0) == 0x80 && (static_cast<unsigned char>(raw[i + 2]) & 0xC0) == 0x80) {
            const char32_t cp = (static_cast<char32_t>(b & 0x0F) << 12) |
                                (static_cast<char32_t>(static_cast<unsigned char>(raw[i + 1]) & 0x3F) << 6) |
                                (static_cast<unsigned char>(raw[i + 2]) & 0x3F);
            i += 3;
            if (cp >= 0x4E00 && cp <= 0x9FFF) {
                if (simplified(cp) != cp) return true;
                continue;
            }
            i -= 3;
        }
        const char32_t cp = decode_strict(raw, i);
        if (cp >= 0x4E00 && cp <= 0x9FFF) {
            if (simplified(cp) != cp) return true;
            continue;
        }
        if (cp == 0xFFFD || is_zero_width(cp) || is_blank_cp(cp) || (cp >= 0xFF01 && cp <= 0xFF5E)) return true;
        switch (cp) {
        case 0x2212: case 0x2010: case 0x2011: case 0x2013: case 0xFE63: case 0x301C: case 0xFE6A:
        case 0x33A1: case 0x3002: case 0x25CB:
            return true;
        default: break;
        }
        if (simplified(cp) != cp || !nfkc_stable(cp)) return true;
    }
    return false;
}

}  // namespace

std::string_view clean_view(std::string_view raw, std::string& buffer) {
    if (!needs_cleaning(raw)) return raw;
    clean_text(raw, buffer);
    return buffer;
}

void clean_text(std::string_view raw, std::string& out) {
    if (!fold(raw, out)) return;
    const icu::Normalizer2* n = filtered_nfkc();
    if (n == nullptr) return;  // no ICU data: the fold alone is still a fair reading
    std::string normalized;
    icu::StringByteSink<std::string> sink(&normalized, static_cast<int32_t>(out.size()));
    UErrorCode status = U_ZERO_ERROR;
    n->normalizeUTF8(0, icu::StringPiece(out.data(), static_cast<int32_t>(out.size())), sink, nullptr, status);
    if (U_FAILURE(status)) return;
    // NFKC can produce characters the fold maps (兩 from U+F978, spaces): fold again.
    std::string again;
    (void)fold(normalized, again);
    out.swap(again);
}

}  // namespace jixiao::detail
