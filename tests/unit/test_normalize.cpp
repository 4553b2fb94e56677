// Value normalization (issue 4): one check per row of the lists —
// cleaning, comparators, numbers, Chinese numerals, units, frequencies,
// deadlines, ranges, not-applicable marks, qualitative values, context,
// verdicts with reasons — and words that must not read as numbers.
#include <doctest/doctest.h>

#include <jixiao/value.hpp>

#include <string>
#include <string_view>

using jixiao::comparator;
using jixiao::decimal;
using jixiao::dimension;
using jixiao::numeral_mode;
using jixiao::qualitative_scale;
using jixiao::value;
using jixiao::value_kind;
using jixiao::verdict;
using jixiao::verdict_reason;

namespace {

value parse(std::string_view raw, const jixiao::value_context& ctx = {}) {
    jixiao::diagnostics d;
    return jixiao::parse_value(raw, jixiao::location{}, d, ctx);
}

std::string num(const value& v) { return v.number ? v.number->to_string() : "(none)"; }
std::string base(const value& v) { return v.base_number ? v.base_number->to_string() : "(none)"; }

// A quantity: comparator, number in base units, unit as written.
void q(std::string_view raw, comparator op, std::string_view number, std::string_view unit,
       dimension dim = dimension::none) {
    CAPTURE(raw);
    const value v = parse(raw);
    CHECK(v.raw == raw);
    CHECK(v.kind == value_kind::quantity);
    CHECK(v.op == op);
    CHECK(num(v) == number);
    CHECK(v.unit == unit);
    if (dim != dimension::none) CHECK(v.dim == dim);
}

std::string tolerant(std::string_view text) {
    const auto n = jixiao::parse_numeral(text, numeral_mode::tolerant);
    return n ? n->number.to_string() : "(none)";
}

std::string strict(std::string_view text) {
    const auto n = jixiao::parse_numeral(text, numeral_mode::strict);
    return n ? n->number.to_string() : "(none)";
}

bool has(const jixiao::diagnostics& ds, std::string_view code) {
    for (const auto& d : ds)
        if (d.code == code) return true;
    return false;
}

jixiao::judgement assess(std::string_view target, std::string_view actual, const jixiao::value_context& base_ctx = {}) {
    jixiao::value_context tctx = base_ctx;
    tctx.role = jixiao::value_role::target;
    const value t = parse(target, tctx);
    jixiao::value_context actx = base_ctx;
    actx.role = jixiao::value_role::actual;
    actx.target = &t;
    const value a = parse(actual, actx);
    return jixiao::assess(&t, &a);
}

verdict judge(std::string_view target, std::string_view actual) { return assess(target, actual).result; }

}  // namespace

// --- decoding and cleaning ----------------------------------------------------------

TEST_CASE("normalize: blanks, zero-width characters and full-width forms") {
    q("\u00A0≥80%\u3000", comparator::ge, "0.8", "%");
    q("1\u200B500人", comparator::none, "1500", "人");        // zero-width space removed
    q("\uFEFF12项", comparator::none, "12", "项");             // BOM removed
    q("１２３", comparator::none, "123", "");
    q("８０％", comparator::none, "0.8", "%");
    q("＞＝９０％", comparator::ge, "0.9", "%");
    q("≥１，５００人", comparator::ge, "1500", "人");
    q("１．５万", comparator::none, "15000", "");
    q("1。5万", comparator::none, "15000", "");               // 。 between digits is a point
    q("－5%", comparator::none, "-0.05", "%");
    q("\u22125%", comparator::none, "-0.05", "%");              // U+2212 minus
    q("5﹪", comparator::none, "0.05", "%");
    for (char32_t d = U'０'; d <= U'９'; ++d) {  // every full-width digit (JioNLP maps １ to 0)
        std::string s;
        s += static_cast<char>(0xEF);
        s += static_cast<char>(0xBC);
        s += static_cast<char>(0x90 + (d - U'０'));
        CAPTURE(s);
        CHECK(num(parse(s)) == std::to_string(static_cast<int>(d - U'０')));
    }
}

TEST_CASE("normalize: NFKC keeps what changes a number's meaning") {
    // ① ⑴ ² ½ must not become digits: ①1500人次 is not 11500
    CHECK(parse("①1500人次").kind == value_kind::text);
    CHECK(parse("⑴≥80%").kind == value_kind::text);
    CHECK(num(parse("10²")) == "10");  // never 102
    CHECK_FALSE(parse("½").number.has_value());
    // but ㎡ and compatibility ideographs normalize
    q("400㎡", comparator::none, "400", "m²", dimension::area);
    q("20m²", comparator::none, "20", "m²", dimension::area);
    q("\uF9B2", comparator::none, "0", "");  // U+F9B2 CJK compatibility 零
    CHECK(parse("萬").kind == value_kind::text);  // 萬 is 万: a unit alone is not a number
}

// --- comparators --------------------------------------------------------------------

TEST_CASE("normalize: comparators as written") {
    for (auto w : {"≥", "≧", "⩾", "＞＝", ">=", "不低于", "不少于", "大于等于", "至少", "达到"}) {
        CAPTURE(w);
        CHECK(parse(std::string(w) + "90%").op == comparator::ge);
    }
    for (auto w : {"≤", "≦", "⩽", "<=", "＜＝", "不超过", "不高于", "小于等于", "最多"}) {
        CAPTURE(w);
        CHECK(parse(std::string(w) + "5万元").op == comparator::le);
    }
    for (auto w : {"=", "═", "﹦", "＝", "等于"}) {
        CAPTURE(w);
        CHECK(parse(std::string(w) + "100%").op == comparator::eq);
    }
    for (auto w : {">", "＞", "大于", "高于", "超过"}) {
        CAPTURE(w);
        CHECK(parse(std::string(w) + "3次").op == comparator::gt);
    }
    for (auto w : {"<", "＜", "小于", "低于", "不足", "不到"}) {
        CAPTURE(w);
        CHECK(parse(std::string(w) + "3次").op == comparator::lt);
    }
    // after the number
    CHECK(parse("90%以上").op == comparator::ge);
    CHECK(parse("95%及以上").op == comparator::ge);
    CHECK(parse("50万元（含）以上").op == comparator::ge);
    CHECK(parse("10万元以内").op == comparator::le);
    CHECK(parse("5人以下").op == comparator::le);
    CHECK(parse("30天之内").op == comparator::le);
    CHECK(parse("30天内").op == comparator::le);
    CHECK(parse("≤5个工作日").op == comparator::le);
    // a contradiction is text
    CHECK(parse("≤5以上").kind == value_kind::text);
}

TEST_CASE("normalize: approximations") {
    for (auto s : {"约90%", "近700万元", "90%左右", "大约1500人", "3000多", "500余万", "100人上下"}) {
        CAPTURE(s);
        const value v = parse(s);
        CHECK(v.kind == value_kind::quantity);
        CHECK(v.approx);
    }
    CHECK(num(parse("500余万")) == "5000000");
    CHECK(num(parse("近700万元")) == "7000000");
    CHECK_FALSE(parse("90%").approx);
}

// --- numbers ------------------------------------------------------------------------

TEST_CASE("normalize: ASCII numbers, grouping, multipliers") {
    q("1,500", comparator::none, "1500", "");
    q("12,345,678.9", comparator::none, "12345678.9", "");
    q("233,333，333,434.344元", comparator::none, "233333333434.344", "元", dimension::money);
    q("1.5万", comparator::none, "15000", "");
    q("3千", comparator::none, "3000", "");
    q("25万6千", comparator::none, "256000", "");
    q("1万600", comparator::none, "10600", "");
    q("3万4000", comparator::none, "34000", "");
    q("2千零30万", comparator::none, "20300000", "");
    q("4.78万亿", comparator::none, "4780000000000", "");
    q("1,100万", comparator::none, "11000000", "");
    q("1.5亿", comparator::none, "150000000", "");
    q("15k", comparator::none, "15000", "");
    CHECK(parse("5kg").unit == "kg");  // k before a letter is part of the unit
    // a comma is grouping only before exactly three digits
    CHECK(parse("1,2345").kind == value_kind::text);
    jixiao::diagnostics d;
    const value v = jixiao::parse_value("≤2,53万", jixiao::location{}, d);
    CHECK(num(v) == "25300");
    CHECK(has(d, "value.ambiguous_comma"));
    // never silently 1000 or 1234
    CHECK(parse("1e3").kind == value_kind::text);
    CHECK(parse("1 234").kind == value_kind::text);
    CHECK(parse("10..1万").kind == value_kind::text);
}

TEST_CASE("normalize: Chinese numerals, tolerant") {
    CHECK(tolerant("一千二百三十四") == "1234");
    CHECK(tolerant("两万") == "20000");
    CHECK(tolerant("十二") == "12");
    CHECK(tolerant("十") == "10");
    CHECK(tolerant("一百零一") == "101");
    CHECK(tolerant("一千零一十") == "1010");
    CHECK(tolerant("一万零十二") == "10012");
    CHECK(tolerant("一亿零五百万") == "105000000");
    CHECK(tolerant("一亿零一") == "100000001");
    CHECK(tolerant("二〇二〇") == "2020");
    CHECK(tolerant("二零二零") == "2020");
    CHECK(tolerant("〇") == "0");
    CHECK(tolerant("零") == "0");
    CHECK(tolerant("壹佰贰拾") == "120");
    CHECK(tolerant("壹万贰仟叁佰肆拾伍") == "12345");
    CHECK(tolerant("肆佰叁拾萬圆整") == "4300000");
    CHECK(tolerant("伍仟元整") == "5000");
    CHECK(tolerant("壹拾壹元壹角壹分") == "11.11");
    CHECK(tolerant("玖仟陆佰陆拾伍圆壹角捌分") == "9665.18");
    CHECK(tolerant("三点五") == "3.5");
    CHECK(tolerant("零点零五") == "0.05");
    CHECK(tolerant("十五点八万") == "158000");
    CHECK(tolerant("一点五亿") == "150000000");
    CHECK(tolerant("负五") == "-5");
    CHECK(tolerant("負三萬零三百零三") == "-30303");
    // colloquial elision
    CHECK(tolerant("三万五") == "35000");
    CHECK(tolerant("一百二") == "120");
    CHECK(tolerant("两千六") == "2600");
    CHECK(tolerant("一万二") == "12000");
    CHECK(tolerant("一亿五") == "150000000");
    CHECK(tolerant("十三万五") == "135000");
    CHECK(tolerant("一百一") == "110");
    // 廿 卅 卌, 幺, 两/俩
    CHECK(tolerant("廿二") == "22");
    CHECK(tolerant("卅") == "30");
    CHECK(tolerant("幺八九") == "189");
    CHECK(tolerant("俩") == "2");
    // big units
    CHECK(tolerant("一万亿") == "1000000000000");
    CHECK(tolerant("二十万亿") == "20000000000000");
    CHECK(tolerant("一万五千亿") == "1500000000000");
    CHECK(tolerant("四万万") == "400000000");
    CHECK(tolerant("九千九百九十九万九千九百九十九") == "99999999");
    // digit strings keep their digits
    CHECK(jixiao::parse_numeral("零零三")->digits == "003");
    CHECK(jixiao::parse_numeral("二〇〇二")->digits == "2002");
    CHECK(jixiao::parse_numeral("一千零一")->digits.empty());
    // not numbers
    for (auto s : {"", "万", "百万", "千万", "负", "零点", "点零", "十一十二", "十七十八", "元整", "圆", "一二万", "十四五"}) {
        CAPTURE(s);
        CHECK(tolerant(s) == "(none)");
    }
    // too large for an exact decimal
    CHECK(tolerant("一千万亿亿亿") == "1" + std::string(31, '0'));
}

TEST_CASE("normalize: Chinese numerals, strict") {
    CHECK(strict("一千零一") == "1001");
    CHECK(strict("一十二") == "12");
    CHECK(strict("十二") == "12");
    CHECK(strict("壹佰贰拾") == "120");
    CHECK(strict("廿二") == "22");
    CHECK(strict("零点五") == "0.5");
    CHECK(strict("一亿零五百万") == "105000000");
    CHECK(strict("一千零十") == "1010");
    CHECK(strict("壹拾壹元整") == "11");
    for (auto s : {"两万", "〇", "一二三", "三万五", "一百二", "十万零一千", "一百十一", "零点零", "1.5万", "百十一",
                   "一亿五千万零六千三百五十五", "一亿五百万"}) {
        CAPTURE(s);
        CHECK(strict(s) == "(none)");
    }
}

TEST_CASE("normalize: percent, fraction and 成 in words") {
    q("百分之八十", comparator::none, "0.8", "%", dimension::ratio);
    q("百分之二点一五", comparator::none, "0.0215", "%");
    q("百分之负三点八", comparator::none, "-0.038", "%");
    q("百分百", comparator::none, "1", "%");
    q("百分之百", comparator::none, "1", "%");
    q("千分之五", comparator::none, "0.005", "‰", dimension::ratio);
    q("五成", comparator::none, "0.5", "成", dimension::ratio);
    q("4分之3", comparator::none, "0.75", "");
    q("三又五分之一", comparator::none, "3.2", "");
    q("6个百分点", comparator::none, "0.06", "个百分点", dimension::ratio);
    q("不低于百分之九十", comparator::ge, "0.9", "%");
    jixiao::diagnostics d;
    const value third = jixiao::parse_value("三分之一", jixiao::location{}, d);
    CHECK(third.number->to_string() == "0.333333333333333");
    CHECK(third.approx);
    CHECK(has(d, "value.inexact_fraction"));
}

// --- units --------------------------------------------------------------------------

TEST_CASE("normalize: units with their dimension and base unit") {
    struct row {
        const char* raw;
        dimension dim;
        const char* base_unit;
        const char* base;
    };
    const row rows[] = {
        {"5元", dimension::money, "元", "5"},
        {"15万元", dimension::money, "元", "150000"},
        {"3亿元", dimension::money, "元", "300000000"},
        {"80%", dimension::ratio, "%", "0.8"},
        {"5‰", dimension::ratio, "%", "0.005"},
        {"12人", dimension::people, "人", "12"},
        {"300人次", dimension::people, "人次", "300"},
        {"3名", dimension::people, "人", "3"},
        {"2个", dimension::count, "个", "2"},
        {"3项", dimension::count, "项", "3"},
        {"4次", dimension::count, "次", "4"},
        {"1座", dimension::count, "座", "1"},
        {"0起", dimension::count, "起", "0"},
        {"2200篇", dimension::count, "篇", "2200"},
        {"6件", dimension::count, "件", "6"},
        {"15户", dimension::count, "户", "15"},
        {"2所", dimension::count, "所", "2"},
        {"400平方", dimension::area, "平方米", "400"},
        {"400平方米", dimension::area, "平方米", "400"},
        {"400㎡", dimension::area, "平方米", "400"},
        {"400m²", dimension::area, "平方米", "400"},
        {"387万亩", dimension::area, "亩", "3870000"},
        {"2公里", dimension::length, "米", "2000"},
        {"2km", dimension::length, "米", "2000"},
        {"5吨", dimension::weight, "千克", "5000"},
        {"3斤", dimension::weight, "千克", "1.5"},
        {"30日", dimension::time, "日", "30"},
        {"30天", dimension::time, "日", "30"},
        {"5个工作日", dimension::time, "工作日", "5"},
        {"3个月", dimension::time, "月", "3"},
        {"2年", dimension::time, "月", "24"},
        {"1次/年", dimension::frequency, "次/年", "1"},
        {"2次/月", dimension::frequency, "次/年", "24"},
        {"1次/季度", dimension::frequency, "次/年", "4"},
        {"75元/人", dimension::rate, "元/人", "75"},
        {"2人/年", dimension::frequency, "人/年", "2"},
        {"8平方米/人", dimension::rate, "平方米/人", "8"},
    };
    for (const row& r : rows) {
        CAPTURE(r.raw);
        const value v = parse(r.raw);
        CHECK(v.kind == value_kind::quantity);
        CHECK(v.dim == r.dim);
        CHECK(v.base_unit == r.base_unit);
        CHECK(base(v) == r.base);
    }
}

TEST_CASE("normalize: frequencies in words equal their unit form") {
    for (auto s : {"每年一次", "一年一次", "1次/年", "每年1次", "年均1次"}) {
        CAPTURE(s);
        const value v = parse(s);
        CHECK(v.dim == dimension::frequency);
        CHECK(v.base_unit == "次/年");
        CHECK(base(v) == "1");
    }
    CHECK(base(parse("每季度1次")) == "4");
    CHECK(base(parse("每月2次")) == "24");
    CHECK(parse("每半年一次").unit == "次/半年");
    CHECK(judge("1次/年", "每年一次") == verdict::met);
    CHECK(judge("每季度1次", "每年2次") == verdict::not_met);
}

// --- dates --------------------------------------------------------------------------

TEST_CASE("normalize: dates and deadlines") {
    auto date = [](std::string_view raw, int year = 0) {
        jixiao::value_context ctx;
        ctx.year = year;
        return parse(raw, ctx);
    };
    const value a = date("2020年12月底前");
    REQUIRE(a.kind == value_kind::date);
    CHECK(a.op == comparator::le);
    CHECK(a.date->last == jixiao::calendar_date{2020, 12, 31});
    const value b = date("2020年12月31日前");
    CHECK(b.date->first == jixiao::calendar_date{2020, 12, 31});
    const value c = date("12月底前", 2020);
    CHECK(c.date->last == jixiao::calendar_date{2020, 12, 31});
    CHECK(date("12月底前").date->last.year == 0);
    CHECK(date("年底前", 2021).date->last == jixiao::calendar_date{2021, 12, 31});
    const value m = date("2020年11月");
    CHECK(m.op == comparator::none);
    CHECK(m.date->first == jixiao::calendar_date{2020, 11, 1});
    CHECK(m.date->last == jixiao::calendar_date{2020, 11, 30});
    CHECK(date("二零二零年十二月").date->last == jixiao::calendar_date{2020, 12, 31});
    CHECK(date("2020-12-31").date->first == jixiao::calendar_date{2020, 12, 31});
    CHECK(date("2020年2月").date->last.day == 29);  // leap year
    CHECK(date("2020年").date->last == jixiao::calendar_date{2020, 12, 31});
    CHECK(date("2020年6月上旬").date->last.day == 10);
    CHECK(date("2020年12月31日前完成").kind == value_kind::date);
    // not dates: durations and months alone
    CHECK(parse("≤30日").kind == value_kind::quantity);
    CHECK(parse("3年").kind == value_kind::quantity);
    CHECK(parse("12月").kind == value_kind::quantity);
    CHECK(parse("2020年13月").kind != value_kind::date);
    CHECK(parse("2020年2月30日").kind != value_kind::date);
    // year assumed from the form
    jixiao::diagnostics d;
    jixiao::value_context ctx;
    ctx.year = 2020;
    (void)jixiao::parse_value("12月底前", jixiao::location{}, d, ctx);
    CHECK(has(d, "value.year_assumed"));
    // verdicts
    CHECK(judge("2020年12月底前", "2020年11月") == verdict::met);
    CHECK(judge("2020年12月底前", "2020年12月31日") == verdict::met);
    CHECK(judge("2020年6月底前", "2020年8月") == verdict::not_met);
    CHECK(judge("2020年6月30日前", "2020年6月") == verdict::met);
    CHECK(assess("12月底前", "2020年11月").reason == verdict_reason::no_year);
    jixiao::value_context y2020;
    y2020.year = 2020;
    CHECK(assess("12月底前", "2020年11月", y2020).result == verdict::met);
}

// --- ranges -------------------------------------------------------------------------

TEST_CASE("normalize: ranges") {
    auto range = [](std::string_view raw, std::string_view lo, std::string_view hi, std::string_view unit) {
        CAPTURE(raw);
        const value v = parse(raw);
        REQUIRE(v.kind == value_kind::range);
        CHECK(num(v) == lo);
        CHECK(v.upper->to_string() == hi);
        CHECK(v.unit == unit);
    };
    range("1万-5万元", "10000", "50000", "元");
    range("1万元--5万元", "10000", "50000", "元");
    range("两到三万", "20000", "30000", "");
    range("两到三万港元", "20000", "30000", "港元");
    range("一百二十到一百五十万元", "1200000", "1500000", "元");
    range("80%-90%", "0.8", "0.9", "%");
    range("80-90%", "0.8", "0.9", "%");
    range("1—3个月", "1", "3", "个月");
    range("1〜3", "1", "3", "");
    range("从8500到3万港元", "8500", "30000", "港元");
    range("2——3万", "20000", "30000", "");
    CHECK(parse("1-9月").kind == value_kind::text);  // calendar months, not a length
    CHECK(parse("5-3").kind == value_kind::text);    // upper below lower
    CHECK(judge("80%-90%", "85%") == verdict::met);
    CHECK(judge("80%-90%", "95%") == verdict::not_met);
    CHECK(judge("≥80%", "80%-90%") == verdict::met);
    CHECK(assess("≥85%", "80%-90%").reason == verdict_reason::undecided);
}

// --- not applicable, qualitative, text ----------------------------------------------

TEST_CASE("normalize: not-applicable marks") {
    for (auto s : {"—", "——", "-", "/", "／", "无", "不适用", "N/A", " — "}) {
        CAPTURE(s);
        const value v = parse(s);
        CHECK(v.kind == value_kind::not_applicable);
        CHECK_FALSE(v.number.has_value());
    }
    CHECK(assess("≥80%", "—").reason == verdict_reason::not_applicable);
    CHECK(assess("无", "无").reason == verdict_reason::not_applicable);
}

TEST_CASE("normalize: qualitative scales and order") {
    struct row {
        const char* raw;
        qualitative_scale scale;
        int rank;
        const char* category;
    };
    const row rows[] = {
        {"优", qualitative_scale::grade, 1, "优"},       {"优秀", qualitative_scale::grade, 1, "优"},
        {"良好", qualitative_scale::grade, 2, "良"},     {"中等", qualitative_scale::grade, 3, "中"},
        {"差", qualitative_scale::grade, 4, "差"},       {"好", qualitative_scale::quality, 1, "好"},
        {"较好", qualitative_scale::quality, 2, "较好"}, {"一般", qualitative_scale::quality, 3, "一般"},
        {"较差", qualitative_scale::quality, 4, "较差"}, {"高", qualitative_scale::level, 1, "高"},
        {"中", qualitative_scale::level, 2, "中"},       {"低", qualitative_scale::level, 3, "低"},
        {"达成", qualitative_scale::achievement, 1, "达成"},
        {"部分达成", qualitative_scale::achievement, 2, "部分达成"},
        {"未达成", qualitative_scale::achievement, 3, "未达成"},
        {"达成年度指标", qualitative_scale::achievement, 1, "达成"},
        {"已完成", qualitative_scale::achievement, 1, "达成"},
        {"合格", qualitative_scale::pass, 1, "合格"},     {"不合格", qualitative_scale::pass, 2, "不合格"},
        {"是", qualitative_scale::yes_no, 1, "是"},       {"否", qualitative_scale::yes_no, 2, "否"},
        {"满意", qualitative_scale::satisfaction, 2, "满意"},
    };
    for (const row& r : rows) {
        CAPTURE(r.raw);
        const value v = parse(r.raw);
        CHECK(v.kind == value_kind::qualitative);
        CHECK(v.scale == r.scale);
        CHECK(v.rank == r.rank);
        CHECK(v.category == r.category);
    }
    CHECK(parse("≥良好").op == comparator::ge);
    CHECK(parse("良好以上").op == comparator::ge);
    CHECK(judge("良好", "良好") == verdict::met);
    CHECK(judge("良好", "优秀") == verdict::met);
    CHECK(judge("良好", "中等") == verdict::not_met);
    CHECK(judge("优", "良") == verdict::not_met);
    CHECK(judge("好", "较好") == verdict::not_met);
    CHECK(judge("较好", "好") == verdict::met);
    CHECK(judge("达成", "部分达成") == verdict::not_met);
    CHECK(judge("完成", "已完成") == verdict::met);
    CHECK(judge("高", "高") == verdict::met);
    CHECK(judge("高", "中") == verdict::not_met);
    CHECK(assess("中", "高").reason == verdict_reason::undecided);  // polarity unknown
    CHECK(judge("是", "否") == verdict::not_met);
    CHECK(judge("差", "较差") == verdict::met);                        // on the quality scale: 较差 above 差
    CHECK(assess("良好", "好").reason == verdict_reason::scales_differ);
}

TEST_CASE("normalize: free phrases are text categories") {
    for (auto s : {"长期", "有效改善", "显著提升", "持续"}) {
        CAPTURE(s);
        const value v = parse(s);
        CHECK(v.kind == value_kind::text);
        CHECK(v.category == s);
    }
    CHECK(parse(" 长期\u3000").category == "长期");
    CHECK(judge("长期", "长期") == verdict::met);
    CHECK(judge("有效改善", "有效改善。") == verdict::met);
    CHECK(assess("有效改善", "显著提升").reason == verdict_reason::text_differs);
    // long text keeps no category but still compares
    const std::string long_text = "扶持旷华昌基地1个，创业扶持3人，金额2.6万，另有其他";
    CHECK(parse(long_text).category.empty());
    CHECK(judge(long_text, long_text) == verdict::met);
}

TEST_CASE("normalize: words with numeral characters that are not numbers") {
    for (auto s : {"统一", "一般公共预算", "三公经费", "十四五", "两会", "一致", "万一", "千万", "百姓", "零售", "零星",
                   "重点", "地点", "半岛", "两岸", "三农", "一带一路", "收拾", "队伍", "放肆", "大陆", "一般", "十三五规划"}) {
        CAPTURE(s);
        const value v = parse(s);
        CHECK_FALSE(v.number.has_value());
        CHECK(v.kind != value_kind::quantity);
        CHECK(v.kind != value_kind::range);
    }
    CHECK(parse("一般").kind == value_kind::qualitative);  // a grade word (好/较好/一般), not 1
}

// --- context ------------------------------------------------------------------------

TEST_CASE("normalize: context — percent targets, money rows, funds, target units") {
    // 0.8 against ≥80% is 80 %, with an info diagnostic
    {
        const value t = parse("≥80%");
        jixiao::value_context ctx;
        ctx.role = jixiao::value_role::actual;
        ctx.target = &t;
        jixiao::diagnostics d;
        const value a = jixiao::parse_value("0.8", jixiao::location{}, d, ctx);
        CHECK(a.unit.empty());  // as written
        CHECK(a.dim == dimension::ratio);
        CHECK(base(a) == "0.8");
        CHECK(has(d, "value.ratio_as_percent"));
        CHECK(jixiao::judge(&t, &a) == verdict::met);
        // 90 against a percent is 90 %, with a warning
        jixiao::diagnostics d2;
        const value b = jixiao::parse_value("90", jixiao::location{}, d2, ctx);
        CHECK(base(b) == "0.9");
        CHECK(has(d2, "value.percent_assumed"));
        CHECK(jixiao::judge(&t, &b) == verdict::met);
        // an actual with its own comparator keeps it
        const value c = jixiao::parse_value("≥90%", jixiao::location{}, d2, ctx);
        CHECK(c.op == comparator::ge);
    }
    // a bare 万 in a 成本指标 row is money
    {
        jixiao::value_context ctx;
        ctx.hint = "产出指标 成本指标 补贴";
        const value v = parse("5.6万", ctx);
        CHECK(v.dim == dimension::money);
        CHECK(v.base_unit == "元");
        CHECK(v.unit.empty());
        CHECK(parse("5.6万").dim == dimension::none);        // no context, no guess
        CHECK(parse("100%", ctx).dim == dimension::ratio);   // a written unit wins
        CHECK(parse("3", ctx).dim == dimension::none);       // no 万: no guess
    }
    // funds amounts: the block's declared unit
    {
        jixiao::value_context ctx;
        ctx.bare_unit = "万元";
        CHECK(num(parse("55", ctx)) == "550000");
        CHECK(parse("55", ctx).unit == "元");
        CHECK(num(parse("5.6万", ctx)) == "56000");  // 万 written: not multiplied twice
        CHECK(num(parse("800元", ctx)) == "800");
        CHECK(parse("—", ctx).kind == value_kind::not_applicable);
    }
    // a bare actual in a money row written with 万 takes the target's scale
    {
        jixiao::value_context ctx;
        ctx.hint = "成本指标";
        CHECK(assess("≤2万", "1.5", ctx).result == verdict::met);
        CHECK(assess("≤2万", "3", ctx).result == verdict::not_met);
        CHECK(assess("≥260人", "260").result == verdict::met);
    }
}

// --- verdicts -----------------------------------------------------------------------

TEST_CASE("normalize: verdicts from the issue") {
    CHECK(judge("≥80%", "0.8") == verdict::met);
    CHECK(judge("≤2万", "5.6万") == verdict::not_met);
    CHECK(judge("1次/年", "每年一次") == verdict::met);
    CHECK(judge("≥400平方", "412平方") == verdict::met);
    CHECK(judge("≥400平方米", "412㎡") == verdict::met);
    CHECK(judge("≤30日", "23日") == verdict::met);
    CHECK(judge("良好", "良好") == verdict::met);
    CHECK(judge("长期", "长期") == verdict::met);
    CHECK(judge("≤2,53万", "8.3万") == verdict::not_met);
    CHECK(judge("=100%", "100%") == verdict::met);
    CHECK(judge("=100%", "95%") == verdict::not_met);
    CHECK(judge("≥2公里", "1500米") == verdict::not_met);  // through the base unit
    CHECK(judge("≤1年", "10个月") == verdict::met);
}

TEST_CASE("normalize: unknown verdicts carry a reason") {
    const value t = parse("≥2人");
    CHECK(jixiao::assess(nullptr, &t).reason == verdict_reason::target_missing);
    CHECK(jixiao::assess(&t, nullptr).reason == verdict_reason::actual_missing);
    const value blank = parse("\u3000");
    CHECK(jixiao::assess(&t, &blank).reason == verdict_reason::actual_missing);
    CHECK(assess("=", "1").reason == verdict_reason::target_incomplete);
    CHECK(assess("≥2人", "3次").reason == verdict_reason::units_differ);
    CHECK(assess("≥2人", "良好").reason == verdict_reason::kinds_differ);
    CHECK(assess("≥90%", "约90%").reason == verdict_reason::undecided);
    CHECK(assess("≥90%", "≥85%").reason == verdict_reason::undecided);
    CHECK(assess("≥90%", "95%").reason == verdict_reason::none);
    CHECK(std::string(jixiao::to_string(verdict_reason::units_differ)) == "units_differ");
    CHECK(std::string(jixiao::to_string(verdict_reason::none)).empty());
}

TEST_CASE("normalize: decimal arithmetic is exact or empty") {
    const decimal a{15, -1}, b{25, -2};
    CHECK(a.plus(b)->to_string() == "1.75");
    CHECK(a.times(b)->to_string() == "0.375");
    CHECK(decimal{3, 0}.divided_by(decimal{4, 0})->to_string() == "0.75");
    bool exact = true;
    CHECK(decimal{1, 0}.divided_by(decimal{3, 0}, 5, &exact)->to_string() == "0.33333");
    CHECK_FALSE(exact);
    CHECK(decimal{2, 0}.divided_by(decimal{3, 0}, 3)->to_string() == "0.667");
    CHECK_FALSE(decimal{1, 0}.divided_by(decimal{}).has_value());
    CHECK_FALSE(decimal{999999999999999999, 0}.times(decimal{11, 0}).has_value());  // 19 digits
    CHECK_FALSE(decimal{1, 40}.plus(decimal{1, 0}).has_value());                     // not exact in 18 digits
    CHECK(decimal{-5, 0}.negated()->to_string() == "5");
    CHECK(decimal{5, 0}.plus(decimal{-5, 0})->to_string() == "0");
}

TEST_CASE("judge: the filler's own verdict as the actual decides whatever the target") {
    CHECK(judge("不低于95%", "达成预期指标") == verdict::met);
    CHECK(judge("≤30万元", "完成") == verdict::met);
    CHECK(judge("100%", "部分达成年度指标并具有一定效果") == verdict::not_met);
    CHECK(judge("0起", "未达成年度指标且效果较差") == verdict::not_met);
    CHECK(judge("达成", "部分达成") == verdict::not_met);  // one scale: the usual floor rule
    CHECK(judge("不低于95%", "良好") == verdict::unknown);  // a grade is no verdict
}
