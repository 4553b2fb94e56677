// ICU as an oracle for the hand-written numeral parser (numerals-icu.md §4.8):
//  - RBNF spellout, zh and zh_Hant rule sets: format many numbers, parse them
//    back with parse_numeral and get the same number;
//  - u_getNumericValue (Unicode's Numeric_Value): our numeral table agrees
//    wherever Unicode gives a character a value;
//  - strict mode accepts ICU's %spellout-cardinal output where it is the
//    canonical spelling (ICU drops 零 after 亿 in some numbers: 105000000 →
//    一亿五百万, which strict mode rightly rejects; tolerant reads it).
#include <doctest/doctest.h>

#include <jixiao/value.hpp>

#include "value/numeral.hpp"

#include <unicode/fieldpos.h>
#include <unicode/locid.h>
#include <unicode/rbnf.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cstdint>
#include <memory>
#include <random>
#include <string>

namespace {

std::string utf8(const icu::UnicodeString& s) {
    std::string out;
    s.toUTF8String(out);
    return out;
}

struct spellout {
    std::unique_ptr<icu::RuleBasedNumberFormat> f;
    explicit spellout(const char* locale) {
        UErrorCode st = U_ZERO_ERROR;
        f = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT, icu::Locale(locale), st);
        REQUIRE(U_SUCCESS(st));
    }
    std::string format(std::int64_t n, const char* rule_set) {
        UErrorCode st = U_ZERO_ERROR;
        icu::UnicodeString out;
        icu::FieldPosition pos;
        f->format(static_cast<int64_t>(n), icu::UnicodeString::fromUTF8(rule_set), out, pos, st);
        REQUIRE(U_SUCCESS(st));
        return utf8(out);
    }
};

}  // namespace

TEST_CASE("icu oracle: RBNF spellout round-trips through parse_numeral") {
    spellout zh("zh");
    spellout hant("zh_Hant");
    std::mt19937_64 rng(4);
    // magnitudes spread from 0 to 10^16, and the small ones in full
    std::uniform_int_distribution<int> digits(1, 16);
    int checked = 0;
    auto check = [&](std::int64_t n) {
        for (const char* rs : {"%spellout-cardinal", "%spellout-numbering", "%spellout-cardinal-financial",
                               "%spellout-cardinal-alternate2"}) {
            const std::string text = zh.format(n, rs);
            CAPTURE(rs);
            CAPTURE(text);
            const auto r = jixiao::parse_numeral(text, jixiao::numeral_mode::tolerant);
            REQUIRE(r.has_value());
            CHECK(r->number == jixiao::decimal{n, 0});
            ++checked;
        }
        for (const char* rs : {"%spellout-cardinal", "%spellout-cardinal-financial"}) {
            const std::string text = hant.format(n, rs);  // 萬 億 貳 參 陸 …
            CAPTURE(text);
            const auto r = jixiao::parse_numeral(text, jixiao::numeral_mode::tolerant);
            REQUIRE(r.has_value());
            CHECK(r->number == jixiao::decimal{n, 0});
            ++checked;
        }
    };
    for (std::int64_t n = 0; n <= 2000; ++n) check(n);
    for (int i = 0; i < 3000; ++i) {
        std::int64_t limit = 1;
        for (int k = digits(rng); k > 0; --k) limit *= 10;
        check(std::uniform_int_distribution<std::int64_t>(0, limit - 1)(rng));
    }
    MESSAGE(checked << " ICU spellouts parsed back");
}

TEST_CASE("icu oracle: strict mode accepts the canonical spellouts and our formatter agrees with ICU where ICU is canonical") {
    spellout zh("zh");
    std::mt19937_64 rng(7);
    int agree = 0, total = 0;
    for (int i = 0; i < 5000; ++i) {
        const std::int64_t n = std::uniform_int_distribution<std::int64_t>(0, 999'999'999'999)(rng);
        const std::string canonical = jixiao::detail::format_chinese(jixiao::decimal{n, 0});
        CAPTURE(canonical);
        const auto s = jixiao::parse_numeral(canonical, jixiao::numeral_mode::strict);
        REQUIRE(s.has_value());
        CHECK(s->number == jixiao::decimal{n, 0});
        const auto financial = jixiao::parse_numeral(jixiao::detail::format_chinese(jixiao::decimal{n, 0}, true),
                                                     jixiao::numeral_mode::strict);
        REQUIRE(financial.has_value());
        CHECK(financial->number == jixiao::decimal{n, 0});
        ++total;
        if (zh.format(n, "%spellout-cardinal") == canonical) ++agree;
    }
    // ICU writes 一亿五百万 for 105000000 (no 零 after 亿); everything else is the same spelling
    CHECK(agree * 10 >= total * 9);
    MESSAGE(agree << "/" << total << " identical to ICU's %spellout-cardinal");
}

TEST_CASE("icu oracle: Unicode numeric values agree with the numeral table") {
    // every character Unicode gives a value that we read as a one-character numeral
    for (char32_t cp = 0x3000; cp <= 0x9FFF; ++cp) {
        if (!jixiao::detail::is_numeral_char(cp)) continue;
        const double uv = u_getNumericValue(static_cast<UChar32>(cp));
        std::string s;
        icu::UnicodeString(static_cast<UChar32>(cp)).toUTF8String(s);
        const auto r = jixiao::parse_numeral(s, jixiao::numeral_mode::tolerant);
        CAPTURE(s);
        if (uv == U_NO_NUMERIC_VALUE) {
            // 两 俩: Unicode gives them no value; we read them as 2
            CHECK((s == "两" || s == "俩"));
            continue;
        }
        if (!r) {
            // 万 亿 兆 百 千 … alone are units, not numbers (万 is not 10000 on its own)
            CHECK(uv >= 100.0);
            continue;
        }
        CHECK(r->number.to_double() == uv);
    }
}
