// decode_text: byte order mark → strict UTF-8 → GB18030 stop-on-error →
// ICU detection as the last resort (include/jixiao/encoding.hpp). The order and
// the reasons for it are measured in shared/reference/numerals-icu.md §2.3:
// ICU's detector cannot tell GBK below ~30 bytes and never tells UTF-16
// without a byte order mark reliably, so it only gets what nothing strict took.
#include <jixiao/encoding.hpp>

#include "detail/utf8.hpp"

#include <fmt/format.h>
#include <unicode/ucnv.h>
#include <unicode/ucsdet.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>
#include <memory>
#include <optional>

namespace jixiao {
inline namespace v0 {

namespace {

bool starts_with(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.substr(0, p.size()) == p; }

// Line number (1-based) of byte `off` of `s`.
int line_of(std::string_view s, std::size_t off) {
    return 1 + static_cast<int>(std::count(s.begin(), s.begin() + static_cast<std::ptrdiff_t>(std::min(off, s.size())), '\n'));
}

error encoding_error(std::string message, std::uint64_t offset, int line) {
    error e;
    e.code = errc::encoding;
    e.message = std::move(message);
    e.at.offset = offset;
    e.at.line = line;
    return e;
}

// One encoding we know by name: how ICU calls it, what we report, and the
// byte order mark that belongs to it (skipped when present).
struct known_encoding {
    std::string_view key;     // lower case, without '-' and '_'
    const char* icu;          // nullptr: UTF-8, decoded without ICU
    const char* reported;
    std::string_view bom;
    std::size_t unit;         // bytes per code unit: where a LF ends, in source bytes
};

using namespace std::string_view_literals;
constexpr std::array<known_encoding, 12> known{{
    {"utf8", nullptr, "utf-8", "\xEF\xBB\xBF"sv, 1},
    {"utf16le", "UTF-16LE", "utf-16le", "\xFF\xFE"sv, 2},
    {"utf16be", "UTF-16BE", "utf-16be", "\xFE\xFF"sv, 2},
    {"utf32le", "UTF-32LE", "utf-32le", "\xFF\xFE\x00\x00"sv, 4},
    {"utf32be", "UTF-32BE", "utf-32be", "\x00\x00\xFE\xFF"sv, 4},
    {"gb18030", "GB18030", "gb18030", "\x84\x31\x95\x33"sv, 1},
    {"gbk", "GBK", "gbk", ""sv, 1},
    {"cp936", "GBK", "gbk", ""sv, 1},
    {"windows936", "GBK", "gbk", ""sv, 1},
    {"gb2312", "GB2312", "gb2312", ""sv, 1},
    {"big5", "Big5", "big5", ""sv, 1},
    {"utf16", nullptr, nullptr, ""sv, 2},  // byte order mark decides; big-endian without one (Unicode §3.10)
}};

std::string key_of(std::string_view name) {
    std::string k;
    for (char c : name)
        if (c != '-' && c != '_' && c != ' ') k += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return k;
}

const known_encoding* find_known(std::string_view key) {
    for (const known_encoding& k : known)
        if (k.key == key) return &k;
    return nullptr;
}

const known_encoding& known_by_key(std::string_view key) { return *find_known(key); }

// ----------------------------------------------------------------------------
// UTF-8

// Length of the valid UTF-8 sequence at s[i], 0 when none starts there.
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
    std::size_t j = i;
    (void)detail::next_code_point(s, j);
    const std::size_t len = j - i;
    if (len == 1 && static_cast<unsigned char>(s[i]) >= 0x80) return 0;  // consumed one bad byte
    // next_code_point reports U+FFFD for bad input after one byte; a real
    // U+FFFD is three bytes, so a one-byte step over a non-ASCII byte is the bad case.
    return len;
}

// Bytes in valid multi-byte sequences and bytes that start none: tells damaged
// UTF-8 (a few bad bytes among many good sequences) from another encoding.
struct utf8_census {
    std::size_t good = 0;
    std::size_t bad = 0;
};

utf8_census census(std::string_view s) {
    utf8_census c;
    for (std::size_t i = 0; i < s.size();) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        const std::size_t len = utf8_sequence(s, i);
        if (len == 0) {
            ++c.bad;
            ++i;
        } else {
            c.good += len;
            i += len;
        }
    }
    return c;
}

std::optional<error> check_utf8(std::string_view text, std::size_t bom) {
    const auto bad = detail::find_invalid_utf8(text);
    if (!bad) return std::nullopt;
    const int line = line_of(text, *bad);
    return encoding_error(fmt::format("invalid UTF-8 at byte {} (line {}): byte 0x{:02X}", bom + *bad, line,
                                      static_cast<unsigned char>(text[*bad])),
                          bom + *bad, line);
}

// ----------------------------------------------------------------------------
// ICU conversion

struct converter_closer {
    void operator()(UConverter* c) const noexcept { ucnv_close(c); }
};
using converter_ptr = std::unique_ptr<UConverter, converter_closer>;

struct detector_closer {
    void operator()(UCharsetDetector* d) const noexcept { ucsdet_close(d); }
};

// Decodes bytes[start, end) with ICU's converter `icu_name` into out.utf8 and
// out.line_starts, stopping at the first invalid or truncated sequence. Works
// in chunks so that memory stays a small multiple of the output.
std::optional<error> icu_decode(std::string_view bytes, std::size_t start, const char* icu_name, std::size_t unit,
                                decoded_text& out) {
    UErrorCode st = U_ZERO_ERROR;
    converter_ptr cnv(ucnv_open(icu_name, &st));
    if (U_FAILURE(st) || !cnv) {
        error e;
        e.code = errc::invalid_argument;
        e.message = fmt::format("no converter for encoding '{}'", icu_name);
        return e;
    }
    ucnv_setToUCallBack(cnv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &st);

    // Chunks are a multiple of 4 bytes: UTF-16 and UTF-32 code units (and so
    // every LF) stay whole within one chunk. The buffers are as large as the
    // text needs (a unit takes at least a byte), and not zeroed: zeroing
    // 384 KiB for every 20 KiB form was a third of decoding.
    constexpr std::size_t chunk = std::size_t{1} << 16;
    const std::size_t capacity = std::min(chunk, bytes.size() - start) + 16;
    const auto units = std::make_unique_for_overwrite<UChar[]>(capacity);
    const auto offsets = std::make_unique_for_overwrite<std::int32_t[]>(capacity);
    const auto utf8 = std::make_unique_for_overwrite<char[]>(3 * capacity + 4);  // ≤ 3 bytes a unit, 4 a pair
    out.utf8.clear();
    out.utf8.reserve(bytes.size() - start + bytes.size() / 2);
    out.line_starts.assign(1, start);

    const char* const begin = bytes.data();
    const char* const end = begin + bytes.size();
    const char* src = begin + start;
    char32_t high = 0;  // a lead surrogate waiting for its trail across chunks
    // Lines end at LF; in a text with no LF at all (classic Mac OS), at CR —
    // as the text reader counts them.
    std::vector<std::uint64_t> cr_starts(1, start);
    for (;;) {
        const char* const chunk_begin = src;
        const std::size_t left = static_cast<std::size_t>(end - src);
        const char* const limit = src + std::min(left, chunk);
        const bool flush = limit == end;
        UChar* target = units.get();
        st = U_ZERO_ERROR;
        ucnv_toUnicode(cnv.get(), &target, units.get() + capacity, &src, limit, offsets.get(), flush, &st);

        const auto base = static_cast<std::uint64_t>(chunk_begin - begin);
        const auto n = static_cast<std::size_t>(target - units.get());
        char* w = utf8.get();
        for (std::size_t i = 0; i < n; ++i) {
            const char32_t u = units[i];
            if (u < 0x80) {
                *w++ = static_cast<char>(u);
                if (u == '\n' || u == '\r') {
                    const std::uint64_t next = offsets[i] >= 0 ? base + static_cast<std::uint64_t>(offsets[i]) + unit : base;
                    (u == '\n' ? out.line_starts : cr_starts).push_back(next);
                }
                continue;
            }
            if (u >= 0xD800 && u <= 0xDBFF) {
                high = u;
                continue;
            }
            if (u >= 0xDC00 && u <= 0xDFFF) {
                // The STOP callback leaves only well-formed UTF-16, so a trail follows its lead.
                w = detail::put_utf8(w, 0x10000 + ((high - 0xD800) << 10) + (u - 0xDC00));
                high = 0;
                continue;
            }
            w = detail::put_utf8(w, u);
        }
        out.utf8.append(utf8.get(), static_cast<std::size_t>(w - utf8.get()));
        if (st == U_BUFFER_OVERFLOW_ERROR) continue;
        if (U_FAILURE(st)) {
            char bad[32];
            std::int8_t len = sizeof bad;
            UErrorCode st2 = U_ZERO_ERROR;
            ucnv_getInvalidChars(cnv.get(), bad, &len, &st2);
            if (U_FAILURE(st2)) len = 0;
            const auto at = static_cast<std::uint64_t>(src - begin) - static_cast<std::uint64_t>(len);
            const int line = static_cast<int>(out.line_starts.size());
            std::string shown;
            for (std::int8_t k = 0; k < len && k < 4; ++k) shown += fmt::format(" 0x{:02X}", static_cast<unsigned char>(bad[k]));
            const char* what = st == U_TRUNCATED_CHAR_FOUND ? "truncated" : "invalid";
            return encoding_error(fmt::format("{} {} at byte {} (line {}):{}", what, out.encoding, at, line, shown), at, line);
        }
        if (flush && src == end) break;
    }
    if (out.line_starts.size() == 1 && cr_starts.size() > 1) out.line_starts = std::move(cr_starts);
    return std::nullopt;
}

// NULs at a third or more of the even or of the odd byte positions: text in
// UTF-16 (or UTF-32) without a byte order mark, where every ASCII character has
// a zero byte. Stray NULs in an 8-bit text are far fewer.
bool utf16_shaped(std::string_view bytes) {
    const std::size_t n = std::min<std::size_t>(bytes.size(), std::size_t{1} << 16);
    if (n < 2) return false;
    std::size_t nul[2] = {0, 0};
    for (std::size_t i = 0; i < n; ++i)
        if (bytes[i] == '\0') ++nul[i & 1];
    const std::size_t even = (n + 1) / 2, odd = n / 2;
    return 3 * nul[0] >= even || 3 * nul[1] >= odd;
}

// Text forms never hold a NUL or most C0 controls; a decoding that gives them is the wrong one.
bool plausible(std::string_view utf8) {
    for (char c : utf8) {
        const auto b = static_cast<unsigned char>(c);
        if (b < 0x20 && b != '\t' && b != '\n' && b != '\v' && b != '\f' && b != '\r') return false;
    }
    return true;
}

result<decoded_text> decode_as(std::string_view bytes, const known_encoding& k, encoding_source found) {
    decoded_text out;
    out.found = found;
    out.encoding = k.reported;
    if (!k.bom.empty() && starts_with(bytes, k.bom)) out.bom = k.bom.size();
    if (!k.icu) {  // UTF-8: the input's own bytes
        const std::string_view text = bytes.substr(out.bom);
        if (auto e = check_utf8(text, out.bom)) return std::move(*e);
        out.utf8.assign(text);
        return out;
    }
    if (auto e = icu_decode(bytes, out.bom, k.icu, k.unit, out)) return std::move(*e);
    return out;
}

// The byte order mark at the start of `bytes`, longest first (UTF-32LE's
// begins with UTF-16LE's).
const known_encoding* bom_of(std::string_view bytes) {
    for (std::string_view key : {"utf8"sv, "utf32le"sv, "utf32be"sv, "utf16le"sv, "utf16be"sv})
        if (starts_with(bytes, known_by_key(key).bom)) return &known_by_key(key);
    return nullptr;
}

// ICU's detector as the last resort: UTF-16/32 without a byte order mark only.
std::optional<decoded_text> detect(std::string_view bytes) {
    UErrorCode st = U_ZERO_ERROR;
    std::unique_ptr<UCharsetDetector, detector_closer> det(ucsdet_open(&st));
    if (U_FAILURE(st)) return std::nullopt;
    const auto n = static_cast<std::int32_t>(std::min<std::size_t>(bytes.size(), std::size_t{1} << 16));
    ucsdet_setText(det.get(), bytes.data(), n, &st);
    std::int32_t count = 0;
    const UCharsetMatch** matches = ucsdet_detectAll(det.get(), &count, &st);
    if (U_FAILURE(st)) return std::nullopt;
    for (std::int32_t i = 0; i < count; ++i) {
        UErrorCode s = U_ZERO_ERROR;
        const char* name = ucsdet_getName(matches[i], &s);
        const std::int32_t confidence = ucsdet_getConfidence(matches[i], &s);
        if (U_FAILURE(s) || !name || confidence < 20) continue;
        const std::string key = key_of(name);
        if (key != "utf16le" && key != "utf16be" && key != "utf32le" && key != "utf32be") continue;
        auto r = decode_as(bytes, known_by_key(key), encoding_source::detected);
        if (!r || !plausible(r.value().utf8)) continue;
        r.value().confidence = confidence;
        return std::move(r).value();
    }
    return std::nullopt;
}

result<decoded_text> decode_named(std::string_view bytes, std::string_view name) {
    const std::string key = key_of(name);
    if (key == "utf16") {
        const bool le = starts_with(bytes, "\xFF\xFE");
        return decode_as(bytes, known_by_key(le ? "utf16le" : "utf16be"), encoding_source::named);
    }
    if (const known_encoding* k = find_known(key)) return decode_as(bytes, *k, encoding_source::named);
    // Any other name ICU knows.
    UErrorCode st = U_ZERO_ERROR;
    const std::string n(name);
    converter_ptr probe(ucnv_open(n.c_str(), &st));
    if (U_FAILURE(st) || !probe) {
        error e;
        e.code = errc::invalid_argument;
        e.message = fmt::format("unknown encoding '{}'", name);
        return e;
    }
    std::string reported = ucnv_getName(probe.get(), &st);
    std::transform(reported.begin(), reported.end(), reported.begin(),
                   [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    decoded_text out;
    out.found = encoding_source::named;
    out.encoding = reported;
    if (auto e = icu_decode(bytes, 0, n.c_str(), 1, out)) return std::move(*e);
    return out;
}

}  // namespace

result<decoded_text> decode_text(std::string_view bytes, std::string_view encoding) {
    if (!encoding.empty() && key_of(encoding) != "auto") return decode_named(bytes, encoding);

    // 1. A byte order mark.
    if (const known_encoding* k = bom_of(bytes)) return decode_as(bytes, *k, encoding_source::bom);

    // 2. Strict UTF-8 — unless the bytes are shaped like UTF-16 (NULs at every
    // other byte), which plain ASCII text in UTF-16 without a BOM is, and
    // valid UTF-8 as well.
    const bool utf16_like = utf16_shaped(bytes);
    auto first_bad = detail::find_invalid_utf8(bytes);
    if (!first_bad && !utf16_like) return decode_as(bytes, known_by_key("utf8"), encoding_source::utf8);

    // Damaged UTF-8 is reported as such, not read as GB18030 mojibake.
    const utf8_census c = census(bytes);
    const bool mostly_utf8 = c.good > 0 && c.good >= 4 * c.bad;
    if (mostly_utf8 && first_bad) return *check_utf8(bytes, 0);

    // 3. GB18030, stopping at the first invalid byte.
    std::optional<error> gb_error;
    if (first_bad && !utf16_like) {
        auto gb = decode_as(bytes, known_by_key("gb18030"), encoding_source::gb18030);
        if (gb) return gb;
        gb_error = gb.err();
    }

    // 4. ICU's detector, for UTF-16/32 without a byte order mark.
    if (auto d = detect(bytes)) return std::move(*d);

    // Valid UTF-8 that only looked like UTF-16 is UTF-8 after all.
    if (!first_bad) return decode_as(bytes, known_by_key("utf8"), encoding_source::utf8);

    // Nothing fits: name the first place each strict candidate failed.
    error e = *check_utf8(bytes, 0);
    if (gb_error) e.message += fmt::format("; not GB18030 either ({})", gb_error->message);
    e.message += "; no UTF-16/32 detected (name the encoding if it is another one)";
    return e;
}

}  // namespace v0
}  // namespace jixiao
