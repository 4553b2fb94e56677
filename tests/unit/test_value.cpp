#include <doctest/doctest.h>

#include <jixiao/value.hpp>

#include <cstdint>
#include <optional>
#include <random>
#include <cstdlib>
#include <string>
#include <string_view>

using jixiao::comparator;
using jixiao::decimal;
using jixiao::value;
using jixiao::verdict;

namespace {

value parse(std::string_view raw) {
    jixiao::diagnostics diags;
    return jixiao::parse_value(raw, jixiao::location{}, diags);
}

value parse(std::string_view raw, jixiao::diagnostics& diags) {
    return jixiao::parse_value(raw, jixiao::location{}, diags);
}

decimal dec(std::string_view text) {
    const auto d = decimal::parse(text);
    REQUIRE(d.has_value());
    return *d;
}

// Checks a cell that reads as a quantity.
void check_quantity(std::string_view raw, comparator op, std::string_view number, std::string_view unit) {
    CAPTURE(raw);
    const value v = parse(raw);
    CHECK(v.raw == raw);
    CHECK(v.op == op);
    REQUIRE(v.number.has_value());
    CHECK(v.number->to_string() == number);
    CHECK(v.unit == unit);
}

// Checks a cell that stays text.
void check_text(std::string_view raw, comparator op = comparator::none) {
    CAPTURE(raw);
    const value v = parse(raw);
    CHECK(v.raw == raw);
    CHECK(v.op == op);
    CHECK_FALSE(v.number.has_value());
    CHECK(v.unit.empty());
}

verdict judge(std::string_view target, std::string_view actual) {
    const value t = parse(target);
    const value a = parse(actual);
    return jixiao::judge(&t, &a);
}

}  // namespace

// --- decimal ------------------------------------------------------------------------

TEST_CASE("value: decimal normalizes trailing zeros") {
    const decimal a{80, -2};
    CHECK(a.mantissa() == 8);
    CHECK(a.exponent() == -1);
    const decimal b{56000, 0};
    CHECK(b.mantissa() == 56);
    CHECK(b.exponent() == 3);
    const decimal z{0, 7};
    CHECK(z.mantissa() == 0);
    CHECK(z.exponent() == 0);
    const decimal def;
    CHECK(def.mantissa() == 0);
    CHECK(def.exponent() == 0);
    CHECK(decimal{-1200, -2}.mantissa() == -12);
    CHECK(decimal{-1200, -2}.exponent() == 0);
}

TEST_CASE("value: decimal parse") {
    CHECK(dec("0.80") == dec("0.8"));
    CHECK(dec("0.80").mantissa() == 8);
    CHECK(dec("0.80").exponent() == -1);
    CHECK(dec("12").mantissa() == 12);
    CHECK(dec("-3.5").mantissa() == -35);
    CHECK(dec("-3.5").exponent() == -1);
    CHECK(dec("000123.4500").to_string() == "123.45");
    CHECK(dec("0").mantissa() == 0);
    CHECK(dec("-0").mantissa() == 0);
    CHECK(dec("0.000").exponent() == 0);
    CHECK(dec("1000000").mantissa() == 1);
    CHECK(dec("1000000").exponent() == 6);
    CHECK(dec("0.000001").exponent() == -6);

    // Not plain notation.
    for (const char* bad : {"", "-", ".", ".5", "5.", "1.2.3", "1,000", "1e3", " 1", "1 ", "+1", "--1", "0x10", "１"}) {
        CAPTURE(bad);
        CHECK_FALSE(decimal::parse(bad).has_value());
    }
}

TEST_CASE("value: decimal parse limits significant digits") {
    CHECK(dec("123456789012345678").mantissa() == 123456789012345678);  // 18 digits
    CHECK(dec("-999999999999999999").mantissa() == -999999999999999999);
    CHECK_FALSE(decimal::parse("1234567890123456789").has_value());  // 19
    CHECK_FALSE(decimal::parse("9999999999999999999999").has_value());
    CHECK_FALSE(decimal::parse("0.1234567890123456789").has_value());
    CHECK_FALSE(decimal::parse("10000000000000000001").has_value());  // zeros between count
    // Zeros outside the significant digits do not count.
    CHECK(dec("100000000000000000000000000000").exponent() == 29);
    CHECK(dec("0.00000000000000000000000000001").exponent() == -29);
    CHECK(dec("00000000000000000000000000001.5").to_string() == "1.5");
}

TEST_CASE("value: decimal to_string") {
    CHECK(decimal{56000, 0}.to_string() == "56000");
    CHECK(decimal{5, -3}.to_string() == "0.005");
    CHECK(decimal{-325, -2}.to_string() == "-3.25");
    CHECK(decimal{8, -1}.to_string() == "0.8");
    CHECK(decimal{0, 0}.to_string() == "0");
    CHECK(decimal{-5, -3}.to_string() == "-0.005");
    CHECK(decimal{12345, -2}.to_string() == "123.45");
    CHECK(decimal{12345, -5}.to_string() == "0.12345");
    CHECK(decimal{1, 2}.to_string() == "100");
    CHECK(decimal{INT64_MIN, 0}.to_string() == "-9223372036854775808");
    CHECK(decimal{INT64_MAX, -19}.to_string() == "0.9223372036854775807");
    for (const char* text : {"0.8", "56000", "-3.25", "0.005", "123.45", "1", "-1"}) {
        CHECK(dec(text).to_string() == text);
    }
}

TEST_CASE("value: decimal to_double") {
    CHECK(decimal{8, -1}.to_double() == 0.8);
    CHECK(decimal{56, 3}.to_double() == 56000.0);
    CHECK(decimal{-325, -2}.to_double() == -3.25);
    CHECK(decimal{}.to_double() == 0.0);
    CHECK(decimal{1, -1}.to_double() == 0.1);
    CHECK(decimal{INT64_MIN, 0}.to_double() == -9223372036854775808.0);
}

TEST_CASE("value: decimal to_double rounds as strtod does — the fast path and the slow one") {
    std::uint64_t x = 0x9E3779B97F4A7C15ull;  // a fixed xorshift sequence: the same cases every run
    const auto next = [&] {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        return x;
    };
    for (int i = 0; i < 20000; ++i) {
        const int digits = static_cast<int>(next() % 19);  // mantissas of 0 to 18 digits
        std::int64_t m = static_cast<std::int64_t>(next() % 1000000000000000000ull);
        for (int d = 18; d > digits; --d) m /= 10;
        if (next() % 2) m = -m;
        const int e = static_cast<int>(next() % 61) - 30;  // inside and outside 10^±22
        const jixiao::decimal v(m, e);
        INFO(m, "e", e);
        CHECK(v.to_double() == std::strtod((std::to_string(m) + "e" + std::to_string(e)).c_str(), nullptr));
    }
}

TEST_CASE("value: decimal compare across exponents") {
    CHECK(compare(dec("0.8"), dec("0.80")) == 0);
    CHECK(compare(dec("0.8"), dec("0.9")) < 0);
    CHECK(compare(dec("1"), dec("0.99999")) > 0);
    CHECK(compare(dec("56000"), dec("20000")) > 0);
    CHECK(compare(dec("100"), dec("99.99")) > 0);
    CHECK(compare(dec("-1"), dec("0")) < 0);
    CHECK(compare(dec("0"), dec("-0.001")) > 0);
    CHECK(compare(dec("-2"), dec("-1.5")) < 0);
    CHECK(compare(dec("-1.5"), dec("-2")) > 0);
    CHECK(compare(dec("12.5"), dec("125")) < 0);
    CHECK(compare(dec("1.25"), dec("1.2")) > 0);
    CHECK(compare(dec("1.2"), dec("1.25")) < 0);
    CHECK(compare(decimal{1, 18}, decimal{999999999999999999, 0}) > 0);
    CHECK(compare(decimal{999999999999999999, 1}, decimal{1, 19}) < 0);
    // Extremes: must neither overflow nor misorder.
    CHECK(compare(decimal{INT64_MAX, 0}, decimal{INT64_MIN, 0}) > 0);
    CHECK(compare(decimal{INT64_MIN, 0}, decimal{INT64_MIN, 0}) == 0);
    CHECK(compare(decimal{INT64_MAX, 0}, decimal{922337203685477581, 1}) < 0);
    CHECK(compare(decimal{INT64_MIN, 0}, decimal{-922337203685477581, 1}) > 0);
    CHECK(compare(decimal{1, 2147483647}, decimal{INT64_MAX, 2147483600}) > 0);
    CHECK(compare(decimal{1, -2147483647 - 1}, decimal{1, -2147483600}) < 0);
    CHECK(compare(decimal{-1, 2147483647}, decimal{1, -2147483647 - 1}) < 0);
    CHECK(compare(decimal{7, 5}, decimal{7, 5}) == 0);
    CHECK(decimal{700, 3} == decimal{7, 5});
}

TEST_CASE("value: decimal scaled") {
    const auto s = dec("5.6").scaled(4);
    REQUIRE(s.has_value());
    CHECK(s->to_string() == "56000");
    CHECK(dec("80").scaled(-2)->to_string() == "0.8");
    CHECK(dec("0").scaled(2147483647).has_value());
    CHECK_FALSE(decimal{1, 2147483600}.scaled(100).has_value());
    CHECK_FALSE(decimal{1, -2147483600}.scaled(-100).has_value());
    CHECK(decimal{1, 2147483600}.scaled(-100).has_value());
}

// --- to_string / is_blank -----------------------------------------------------------

TEST_CASE("value: comparator and verdict names") {
    CHECK(std::string(jixiao::to_string(comparator::none)).empty());
    CHECK(std::string(jixiao::to_string(comparator::ge)) == ">=");
    CHECK(std::string(jixiao::to_string(comparator::le)) == "<=");
    CHECK(std::string(jixiao::to_string(comparator::eq)) == "=");
    CHECK(std::string(jixiao::to_string(comparator::gt)) == ">");
    CHECK(std::string(jixiao::to_string(comparator::lt)) == "<");
    CHECK(std::string(jixiao::to_string(verdict::met)) == "met");
    CHECK(std::string(jixiao::to_string(verdict::not_met)) == "not_met");
    CHECK(std::string(jixiao::to_string(verdict::unknown)) == "unknown");
}

TEST_CASE("value: is_blank") {
    CHECK(jixiao::is_blank(""));
    CHECK(jixiao::is_blank(" \t\r\n"));
    CHECK(jixiao::is_blank("\u00A0\u3000\u2003\u200B\uFEFF"));
    CHECK_FALSE(jixiao::is_blank(" a "));
    CHECK_FALSE(jixiao::is_blank("\u3000良\u3000"));
    CHECK_FALSE(jixiao::is_blank("\xFF"));
    CHECK_FALSE(jixiao::is_blank(std::string_view("\0", 1)));
}

// --- parse_value --------------------------------------------------------------------

TEST_CASE("value: blank cells") {
    for (const char* raw : {"", "   ", "\u3000", "\u00A0 \u3000\t"}) {
        CAPTURE(raw);
        const value v = parse(raw);
        CHECK(v.raw == raw);
        CHECK(v.op == comparator::none);
        CHECK_FALSE(v.number.has_value());
        CHECK(v.unit.empty());
    }
}

TEST_CASE("value: examples from forms") {
    check_quantity("≥2人", comparator::ge, "2", "人");
    check_quantity("≥80%", comparator::ge, "0.8", "%");
    check_quantity("0.8", comparator::none, "0.8", "");
    check_quantity("≤2万", comparator::le, "20000", "");
    check_quantity("5.6万", comparator::none, "56000", "");
    check_quantity("37.114万", comparator::none, "371140", "");
    check_quantity("1次/年", comparator::none, "1", "次/年");
    check_quantity("≥400平方", comparator::ge, "400", "平方");
    check_quantity("≤30日", comparator::le, "30", "日");
    check_quantity("≥1500", comparator::ge, "1500", "");
    check_quantity("=100%", comparator::eq, "1", "%");
    check_quantity("≥15万元", comparator::ge, "150000", "元");
    check_quantity("5个工作日", comparator::none, "5", "个工作日");
    check_quantity("120人次", comparator::none, "120", "人次");
    check_quantity("23日", comparator::none, "23", "日");
    check_quantity("5‰", comparator::none, "0.005", "‰");
}

TEST_CASE("value: leading comparators") {
    for (const char* raw : {"≥5", "≧5", "⩾5", ">=5", "＞＝5", "＞=5", ">＝5", "不低于5", "不少于5", "大于等于5"}) {
        check_quantity(raw, comparator::ge, "5", "");
    }
    for (const char* raw : {"≤5", "≦5", "⩽5", "<=5", "＜＝5", "不超过5", "不高于5", "小于等于5"}) {
        check_quantity(raw, comparator::le, "5", "");
    }
    for (const char* raw : {"=5", "＝5"}) check_quantity(raw, comparator::eq, "5", "");
    for (const char* raw : {">5", "＞5", "大于5", "高于5", "超过5"}) check_quantity(raw, comparator::gt, "5", "");
    for (const char* raw : {"<5", "＜5", "小于5", "低于5"}) check_quantity(raw, comparator::lt, "5", "");
}

TEST_CASE("value: whitespace around comparator — number and unit") {
    check_quantity("  ≥ 2 人 ", comparator::ge, "2", "人");
    check_quantity("\u3000≥\u00A080\u3000%", comparator::ge, "0.8", "%");
    check_quantity("不低于 95 %", comparator::ge, "0.95", "%");
    check_quantity("≥\t1500\n", comparator::ge, "1500", "");
}

TEST_CASE("value: a comparator alone") {
    for (const auto& item : {std::pair{"=", comparator::eq}, std::pair{" ≥ ", comparator::ge},
                             std::pair{"不超过", comparator::le}, std::pair{"<", comparator::lt}}) {
        const char* raw = item.first;  // a plain variable: clang 14 cannot capture structured bindings
        CAPTURE(raw);
        const value v = parse(raw);
        CHECK(v.op == item.second);
        CHECK_FALSE(v.number.has_value());
        CHECK(v.unit.empty());
    }
}

TEST_CASE("value: trailing comparators") {
    check_quantity("90%以上", comparator::ge, "0.9", "%");
    check_quantity("90％及以上", comparator::ge, "0.9", "%");
    check_quantity("2人以上", comparator::ge, "2", "人");
    check_quantity("5%以下", comparator::le, "0.05", "%");
    check_quantity("30日以内", comparator::le, "30", "日");
    check_quantity("30日之内", comparator::le, "30", "日");
    check_quantity("100万元以上", comparator::ge, "1000000", "元");
    check_quantity("90以上", comparator::ge, "90", "");
    check_quantity("≥90%以上", comparator::ge, "0.9", "%");  // redundant, agrees
    check_text("≤5以上", comparator::le);                  // contradicts
}

TEST_CASE("value: full-width digits and point") {
    check_quantity("≥８０％", comparator::ge, "0.8", "%");
    check_quantity("１２．５万", comparator::none, "125000", "");
    check_quantity("3．5", comparator::none, "3.5", "");
}

TEST_CASE("value: negative numbers") {
    check_quantity("-5", comparator::none, "-5", "");
    check_quantity("-0.5%", comparator::none, "-0.005", "%");
    check_quantity("≥-3", comparator::ge, "-3", "");
    check_text("-");
    check_text("—");
    check_text("——");
    check_text("-人");
}

TEST_CASE("value: multipliers") {
    check_quantity("3千", comparator::none, "3000", "");
    check_quantity("2亿", comparator::none, "200000000", "");
    check_quantity("1.5亿元", comparator::none, "150000000", "元");
    check_quantity("2万亿", comparator::none, "2000000000000", "");
    check_quantity("5千克", comparator::none, "5000", "克");
    check_quantity("3万人次", comparator::none, "30000", "人次");
    check_quantity("0.5 万 元", comparator::none, "5000", "元");
}

TEST_CASE("value: grouping commas") {
    check_quantity("1,500", comparator::none, "1500", "");
    check_quantity("12,345.6", comparator::none, "12345.6", "");
    check_quantity("1,234,567元", comparator::none, "1234567", "元");
    check_quantity("≥1，500人", comparator::ge, "1500", "人");
    // Not grouping: the cell is text.
    check_text("1,2");
    check_text("1,2345");
    check_text("1,5000元");
    check_text("12.5,300");
    check_text("3,");
    check_text("3，共计5人");
}

TEST_CASE("value: ambiguous comma is read as a decimal point with a warning") {
    jixiao::diagnostics diags;
    jixiao::location at;
    at.table = 1;
    at.row = 4;
    at.col = 2;
    at.line = 17;
    const value v = jixiao::parse_value("2,53万", at, diags);
    REQUIRE(v.number.has_value());
    CHECK(v.number->to_string() == "25300");
    CHECK(v.unit.empty());
    REQUIRE(diags.size() == 1);
    CHECK(diags[0].level == jixiao::severity::warning);
    CHECK(diags[0].code == "value.ambiguous_comma");
    CHECK_FALSE(diags[0].message.empty());
    CHECK(diags[0].at.table == 1);
    CHECK(diags[0].at.row == 4);
    CHECK(diags[0].at.col == 2);
    CHECK(diags[0].at.line == 17);

    // Full-width comma too, and diagnostics are appended, not replaced.
    const value w = parse("≥3，25万元", diags);
    REQUIRE(w.number.has_value());
    CHECK(w.number->to_string() == "32500");
    CHECK(w.unit == "元");
    CHECK(diags.size() == 2);

    // No guess, no warning.
    jixiao::diagnostics none;
    (void)parse("1,500", none);
    (void)parse("5.6万", none);
    (void)parse("良好", none);
    CHECK(none.empty());

    // A guess that does not end in a quantity is not reported.
    jixiao::diagnostics unused;
    const value text = parse("2,53个单位，另有3个", unused);
    CHECK_FALSE(text.number.has_value());
    CHECK(unused.empty());
}

TEST_CASE("value: units") {
    check_quantity("3个", comparator::none, "3", "个");
    check_quantity("2 km", comparator::none, "2", "km");
    check_quantity("8平方米/人", comparator::none, "8", "平方米/人");
    check_quantity("1个一二三四五六七", comparator::none, "1", "个一二三四五六七");  // 8 code points
    check_text("1个一二三四五六七八");                                          // 9
    check_text("3人，5次");
    check_text("3人;5次");
    check_text("3人、5次");
    check_text("3人。");
    check_text("3人5次");
    check_text("3人５次");
    check_text("80%的群众满意");
    check_quantity("80%左右", comparator::none, "0.8", "%");  // approximate (value.approx)
}

TEST_CASE("value: text cells") {
    check_text("良好");
    check_text("长期");
    check_quantity("每年一次", comparator::none, "1", "次/年");  // a frequency in words
    check_text("扶持旷华昌基地1个，创业扶持3人");
    check_text("2020年1-9月完成项目验收");
    check_text("1-9月");
    check_text("5.");
    check_text(".5");
    check_text("5.万");
    check_text("1.2.3");
    check_text("无");
    check_text("≥良好", comparator::ge);      // the comparator is kept
    check_text("高于去年水平", comparator::gt);
    check_text("不低于上年", comparator::ge);
}

TEST_CASE("value: overflow stays text") {
    check_text("1234567890123456789");
    check_text("≥12345678901234567890人", comparator::ge);
    check_text("0.1234567890123456789");
    check_quantity("123456789012345678", comparator::none, "123456789012345678", "");
    // Huge but exact: few significant digits.
    check_quantity("100000000000000000000万", comparator::none, "1000000000000000000000000", "");
    // Many digits in front of a multiplier still overflow the mantissa.
    check_text("999999999999999999.9万");
}

TEST_CASE("value: raw is kept as written") {
    const std::string raw = "\u3000 ≥８０％ ";
    const value v = parse(raw);
    CHECK(v.raw == raw);
    const std::string bad = "\xC3\x28≥5";
    CHECK(parse(bad).raw == bad);
}

TEST_CASE("value: invalid UTF-8 never reaches a unit") {
    check_text("5\xFF");
    check_text("5\x80\x80");
    check_text("\xE4\xBA");  // truncated sequence
    check_text("≥\xE4\xBA", comparator::ge);
    check_text("5\xE4\xBA", comparator::none);
    check_quantity("5人", comparator::none, "5", "人");
}

TEST_CASE("value: parse_value survives garbage") {
    std::mt19937 rng(20240601);
    // Pieces that exercise every branch, mixed with raw bytes.
    const std::string_view pieces[] = {
        "≥", "≤", ">", "<", "=", "＞＝", "不低于", "以上", "以内", "%", "％", "‰", "万", "亿", "千", "万亿",
        "0", "1", "9", "５", ".", "．", ",", "，", "-", "－", " ", "\u3000", "\u00A0", "人", "次/年", "。",
        "\xFF", "\x80", "\xBF", "\xC0", "\xE4\xBA", "\xF0\x9F", "\xED\xA0\x80", std::string_view("\0", 1),
    };
    constexpr std::size_t piece_count = sizeof pieces / sizeof pieces[0];
    std::uniform_int_distribution<std::size_t> pick(0, piece_count - 1);
    std::uniform_int_distribution<int> length(0, 24);
    std::uniform_int_distribution<int> byte(0, 255);
    std::uniform_int_distribution<int> coin(0, 2);

    for (int round = 0; round < 20000; ++round) {
        std::string s;
        const int n = length(rng);
        for (int k = 0; k < n; ++k) {
            if (coin(rng) == 0) s.push_back(static_cast<char>(byte(rng)));
            else s += pieces[pick(rng)];
        }
        jixiao::diagnostics diags;
        const value v = jixiao::parse_value(s, jixiao::location{}, diags);
        CHECK(v.raw == s);
        if (v.number) {
            (void)v.number->to_string();
            (void)v.number->to_double();
        } else {
            CHECK(v.unit.empty());
        }
        CHECK(diags.size() <= 1);
        const value other = parse(s.substr(0, s.size() / 2));
        (void)jixiao::judge(&v, &other);
    }

    // Pure random bytes, most of them invalid UTF-8.
    for (int round = 0; round < 5000; ++round) {
        std::string s(static_cast<std::size_t>(length(rng)), '\0');
        for (char& c : s) c = static_cast<char>(byte(rng));
        jixiao::diagnostics diags;
        const value v = jixiao::parse_value(s, jixiao::location{}, diags);
        CHECK(v.raw == s);
        CHECK((v.number.has_value() || v.unit.empty()));
    }

    // Long runs: digits, commas and continuation bytes.
    CHECK_FALSE(parse(std::string(100000, '9')).number.has_value());
    CHECK(parse(std::string(100000, '0')).number.has_value());
    CHECK_FALSE(parse(std::string(100000, '\x80')).number.has_value());
    CHECK_FALSE(parse(std::string(100000, ',')).number.has_value());
    std::string grouped = "1";
    for (int k = 0; k < 10000; ++k) grouped += ",000";
    CHECK(parse(grouped).number.has_value());
}

// --- judge --------------------------------------------------------------------------

TEST_CASE("value: judge quantities") {
    CHECK(judge("≥2人", "4人") == verdict::met);
    CHECK(judge("≥2人", "2人") == verdict::met);
    CHECK(judge("≥2人", "1人") == verdict::not_met);
    CHECK(judge("≤2万", "5.6万") == verdict::not_met);
    CHECK(judge("≤2万", "1.5万") == verdict::met);
    CHECK(judge("≥100人", "90人") == verdict::not_met);
    CHECK(judge("≥80%", "0.8") == verdict::met);
    CHECK(judge("≥80%", "85%") == verdict::met);
    CHECK(judge("≥80%", "79.9%") == verdict::not_met);
    CHECK(judge("≥90%", "1") == verdict::met);
    CHECK(judge("≤30日", "23日") == verdict::met);
    CHECK(judge("≤30日", "30日") == verdict::met);
    CHECK(judge("≤30日", "31日") == verdict::not_met);
    CHECK(judge("=100%", "100%") == verdict::met);
    CHECK(judge("=100%", "1") == verdict::met);
    CHECK(judge("=100%", "99%") == verdict::not_met);
    CHECK(judge(">5", "5") == verdict::not_met);
    CHECK(judge(">5", "6") == verdict::met);
    CHECK(judge("<5", "5") == verdict::not_met);
    CHECK(judge("<5", "4.99") == verdict::met);
    CHECK(judge("90%以上", "92%") == verdict::met);
    CHECK(judge("≥15万元", "150000元") == verdict::met);
}

TEST_CASE("value: judge target without comparator reads as at least") {
    CHECK(judge("1500", "1500") == verdict::met);
    CHECK(judge("1500", "1600") == verdict::met);
    CHECK(judge("1500", "1499") == verdict::not_met);
    CHECK(judge("100%", "100%") == verdict::met);
}

TEST_CASE("value: judge actual written with a comparator") {
    CHECK(judge("≥90%", "≥90%") == verdict::met);
    CHECK(judge("≥90%", "≥95%") == verdict::met);
    CHECK(judge("≥90%", ">90%") == verdict::met);
    CHECK(judge(">90%", "≥90%") == verdict::unknown);  // could be exactly 90%
    CHECK(judge(">90%", ">90%") == verdict::met);
    CHECK(judge("≥90%", "≥85%") == verdict::unknown);  // could be 95%
    CHECK(judge("≥90%", "≤95%") == verdict::unknown);
    CHECK(judge("≤30日", "≤20日") == verdict::met);
    CHECK(judge("≤30日", "≥20日") == verdict::unknown);
    // A bound that already excludes every acceptable number is a sure answer.
    CHECK(judge("≤30日", "≥40日") == verdict::not_met);
    CHECK(judge("≥90%", "<80%") == verdict::not_met);
    CHECK(judge("≥90%", "<90%") == verdict::not_met);
    CHECK(judge("≥90%", "≤90%") == verdict::unknown);
}

TEST_CASE("value: judge units") {
    CHECK(judge("≥2人", "3次") == verdict::unknown);
    CHECK(judge("≥2人", "3") == verdict::met);
    CHECK(judge("≥2", "3人") == verdict::met);
    CHECK(judge("≥5‰", "0.6%") == verdict::met);   // both fractions
    CHECK(judge("≥80%", "2人") == verdict::unknown);
    // A unit-less number above 1 against a percent is probably a percent
    // without its sign: do not compare 90 with 0.95.
    CHECK(judge("≥95%", "90") == verdict::unknown);
    CHECK(judge("≥95%", "98") == verdict::unknown);
    CHECK(judge("0.9", "95%") == verdict::met);
}

TEST_CASE("value: judge texts") {
    CHECK(judge("良好", "良好") == verdict::met);
    CHECK(judge("长期", "长期") == verdict::met);
    CHECK(judge(" 长期\u3000", "长期") == verdict::met);
    CHECK(judge("良好", "优秀") == verdict::met);       // the grade scale: 优 is above 良
    CHECK(judge("1次/年", "每年一次") == verdict::met);  // both 1 次/年
    CHECK(judge("良好", "90%") == verdict::unknown);
    CHECK(judge("", "") == verdict::unknown);
    CHECK(judge("\u3000", " ") == verdict::unknown);
}

TEST_CASE("value: judge with a side missing") {
    const value v = parse("≥2人");
    CHECK(jixiao::judge(nullptr, &v) == verdict::unknown);
    CHECK(jixiao::judge(&v, nullptr) == verdict::unknown);
    CHECK(jixiao::judge(nullptr, nullptr) == verdict::unknown);
}
