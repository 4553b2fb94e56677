// jixiao — values written in form cells: exact decimals, comparators, units,
// Chinese numerals, dates, qualitative grades; and judging an actual against
// its target.
//
// A form writes "≥80%", "5.6万", "1次/年", "每年一次", "2020年12月底前",
// "良好", "—". `parse_value` reads such a cell into a kind (quantity, range,
// date, qualitative, not applicable, text), a comparator, an exact number in
// base units and a unit, and keeps the raw text always. What it cannot read as
// anything else stays text, never an error. `judge` / `assess` compare an
// actual with its target.
//
// Base units: a percent is a fraction ("80%" → 0.8, unit "%"); a per-mille
// likewise ("5‰" → 0.005, unit "‰"); the multipliers 千/万/亿 are multiplied
// out ("5.6万" → 56000) and dropped from the unit ("≥15万元" → 150000, unit "元").
// On top of that, a unit from the unit table has a dimension (money, area …)
// and a base unit of that dimension ("平方" → 平方米, "每季度1次" → 4 次/年):
// `base_number` is the number in that base unit, what verdicts compare.
//
// Everything here is total: bad UTF-8, absurd lengths and overflowing numbers
// give text values, never exceptions (other than std::bad_alloc), never output.
#ifndef JIXIAO_VALUE_HPP
#define JIXIAO_VALUE_HPP

#include <jixiao/diagnostic.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace jixiao {
inline namespace v0 {

/// An exact decimal number: mantissa × 10^exponent. What a form writes is
/// decimal; binary floating point would turn 0.1 into 0.1000000000000000055.
/// Always normalized: the mantissa has no trailing zero digits (so equal
/// values have equal representations) and zero is {0, 0}.
class decimal {
public:
    constexpr decimal() = default;
    decimal(std::int64_t mantissa, int exponent) noexcept;

    /// Parses plain ASCII decimal notation: optional '-', digits, optional
    /// '.' and digits ("12", "0.80", "-3.5"). No grouping, no exponent, no
    /// spaces. Empty when the text is not that, or has more than 18 significant digits.
    static std::optional<decimal> parse(std::string_view ascii) noexcept;

    std::int64_t mantissa() const noexcept { return mantissa_; }
    int exponent() const noexcept { return exponent_; }

    /// This value × 10^power. Empty on overflow of the 64-bit mantissa.
    std::optional<decimal> scaled(int power) const noexcept;
    /// Plain notation, no exponent, no trailing zeros: "0.8", "56000", "-3.25".
    std::string to_string() const;
    /// Nearest double (for writers and arithmetic checks, not for storage).
    double to_double() const noexcept;

    /// Exact arithmetic. Each is empty when the exact result does not fit
    /// (more than 18 significant digits in the mantissa, or an exponent out of
    /// int range); nothing is ever rounded silently.
    std::optional<decimal> plus(const decimal& other) const noexcept;
    std::optional<decimal> times(const decimal& other) const noexcept;
    /// This value ÷ `divisor`, exact when the quotient has a finite decimal
    /// expansion of at most 18 significant digits (3/4 = 0.75); otherwise
    /// rounded half-even to `digits` significant digits (1 ≤ digits ≤ 18) and
    /// `*exact` (when given) is set false. Empty for a zero divisor.
    std::optional<decimal> divided_by(const decimal& divisor, int digits = 15, bool* exact = nullptr) const noexcept;
    /// −this value (empty only for the most negative mantissa).
    std::optional<decimal> negated() const noexcept;

    /// Exact comparison: negative, zero or positive.
    friend int compare(const decimal& a, const decimal& b) noexcept;
    friend bool operator==(const decimal& a, const decimal& b) noexcept { return compare(a, b) == 0; }

private:
    std::int64_t mantissa_ = 0;
    int exponent_ = 0;
};

/// How a value relates to its number.
enum class comparator : std::uint8_t {
    none = 0,  ///< no comparator written
    ge,        ///< ≥ ≧ ⩾ >= ＞＝ 不低于 不少于 不小于 大于等于 至少 达到; …以上 …及以上 …(含)以上
    le,        ///< ≤ ≦ ⩽ <= ＜＝ 不超过 不高于 不大于 小于等于 最多 截至; …以内 …以下 …之内 …内
    eq,        ///< = ＝ ═ ﹦ 等于
    gt,        ///< > ＞ 大于 高于 超过 多于
    lt,        ///< < ＜ 小于 低于 不足 不到 少于
};

/// ">=", "<=", "=", ">", "<", or "" for none.
const char* to_string(comparator c) noexcept;

/// What a cell says, as far as `parse_value` can tell.
enum class value_kind : std::uint8_t {
    text = 0,        ///< free text, or a phrase nothing else fits ("扶持旷华昌基地1个，创业扶持3人")
    quantity,        ///< a number, maybe with a unit: `number` is set ("≥80%", "5.6万", "每年一次")
    range,           ///< two numbers: `number` … `upper` ("1万-5万元", "两到三万", "80%-90%")
    date,            ///< a day, month or year, or a deadline: `date` is set ("2020年12月底前")
    qualitative,     ///< a word from the qualitative table: `category`, and `scale`/`rank` ("良好", "长期", "是")
    not_applicable,  ///< a mark that says nothing applies: —, ——, -, /, 无, 不适用, N/A
};

/// "text", "quantity", "range", "date", "qualitative" or "not_applicable".
const char* to_string(value_kind k) noexcept;

/// The physical dimension of a unit (from the unit table, or from context).
/// Two values compare only within one dimension and base unit.
enum class dimension : std::uint8_t {
    none = 0,   ///< no unit, or a unit not in the table ("2 km" is in it; "个一二三" is not)
    money,      ///< 元 万元 亿元 块; foreign currencies (美元 …) each their own base unit
    ratio,      ///< % ‰ 成 个百分点; base unit "%", the number always a fraction (80% → 0.8)
    people,     ///< 人 人次 名 位 户籍人口 …
    count,      ///< 个 项 次 座 起 篇 件 户 所 家 场 期 批 台 套 辆 …
    area,       ///< 平方米 平方 平米 ㎡ m² 平方公里 亩 公顷
    length,     ///< 米 公里 千米 km m 厘米
    weight,     ///< 克 千克 公斤 斤 吨 kg
    time,       ///< 日 天 个工作日 工作日 月 个月 年 小时 周
    frequency,  ///< 次/年, 每年一次, 每季度1次 (→ 4 次/年), 次/月 …
    rate,       ///< a unit per another that is not a frequency: 元/人, 人/年, 平方米/人
};

/// "none", "money", "ratio", "people", "count", "area", "length", "weight",
/// "time", "frequency" or "rate".
const char* to_string(dimension d) noexcept;

/// A calendar day; `year` 0 when the cell did not write a year ("12月底前")
/// and the caller did not supply one.
struct calendar_date {
    int year = 0;
    int month = 0;  ///< 1–12
    int day = 0;    ///< 1–31, valid for the month
    friend bool operator==(const calendar_date&, const calendar_date&) = default;
};

/// The days a date cell names: "2020年12月" is 2020-12-01 … 2020-12-31,
/// "2020年12月31日" one day, "2020年底" the last day of 2020. A deadline
/// ("…前", "…底前", "…之前", "…以前") is `op` ≤ with this span.
struct date_span {
    calendar_date first;
    calendar_date last;
};

/// The ordered qualitative scales. `rank` 1 is the best step of a scale.
enum class qualitative_scale : std::uint8_t {
    none = 0,     ///< a qualitative word with no scale (长期, 持续, 有效): equality only
    grade,        ///< 优(秀) > 良(好) > 中(等) > 差   (4 steps)
    quality,      ///< 好 > 较好 > 一般 > 较差 > 差   (5 steps)
    level,        ///< 高 > 中 > 低                   (3 steps; polarity unknown)
    achievement,  ///< 达成 > 部分达成 > 未达成 (完成/已完成, 基本完成, 未完成; 达成年度指标 …)
    pass,         ///< 合格 > 不合格 (达标/不达标, 符合/不符合)
    yes_no,       ///< 是 > 否 (有/无 as answers are text)
    satisfaction, ///< 非常满意 > 满意 > 基本满意 > 不满意
};

/// "none", "grade", "quality", "level", "achievement", "pass", "yes_no" or "satisfaction".
const char* to_string(qualitative_scale s) noexcept;
/// Number of steps of a scale (0 for none).
int scale_steps(qualitative_scale s) noexcept;

/// A parsed cell value. Every field but `raw` is derived; `raw` is the cell's
/// text exactly as written. Owns all its strings.
struct value {
    std::string raw;                ///< the cell text as written (never changed)
    comparator op = comparator::none;
    std::optional<decimal> number;  ///< in base units; empty when the text is not a quantity or range
    std::string unit;               ///< unit as written after the number, multiplier removed ("人", "次/年", "%"); may be empty.
                                    ///< A frequency written in words ("每年一次") gets its normalized unit ("次/年").

    value_kind kind = value_kind::text;
    bool approx = false;            ///< written as approximate: 约 近 大约 大概 左右 上下 余 多 ("约90%", "3000多")
    std::optional<decimal> upper;   ///< a range's upper bound, in the same units as `number`

    dimension dim = dimension::none;     ///< from the unit, or from context (a 成本指标 row; a percent target)
    std::string base_unit;               ///< the dimension's base unit this value is expressed in ("元", "平方米", "次/年", "%")
    std::optional<decimal> base_number;  ///< `number` in `base_unit` (equal to it unless the unit has a factor)
    std::optional<decimal> base_upper;   ///< `upper` in `base_unit`

    std::optional<date_span> date;  ///< for kind date: the days named

    std::string category;           ///< for qualitative: the canonical word ("良好" → "良"); for short text
                                    ///< (≤ 20 characters): the text normalized (full-width folded, blanks removed)
    qualitative_scale scale = qualitative_scale::none;
    int rank = 0;                   ///< 1 = best step of `scale`; 0 when there is no scale

    location at;                    ///< the cell the text was read from (as passed to `parse_value`):
                                    ///< table, row and column in the grid, and the source line / offset
};

/// True when `text` holds nothing but whitespace (ASCII, U+00A0, U+3000, U+2000–U+200B, U+FEFF).
bool is_blank(std::string_view text) noexcept;

/// Reads `raw`. Appends diagnostics (located at `at`) for readings that
/// needed a guess, e.g. "2,53万" (a comma before two digits: read as 2.53万,
/// warning "value.ambiguous_comma"). Never fails.
///
/// Before reading, the text is cleaned (the raw text is kept): blanks
/// (U+00A0, U+3000 …) become spaces and zero-width characters go; full-width
/// forms become ASCII (％ ＞＝ （ ） ： ， １２３); traditional numeral characters
/// become simplified ones (萬 億 兩 貳 參 陸 點 負 圓); and any other character
/// is NFKC-normalized except those whose compatibility form changes a number's
/// meaning (① ⑴ ㈠ ² ½ keep theirs). Numbers may be ASCII or full-width digits
/// with grouping, or Chinese numerals (`parse_numeral`, tolerant), or mixes
/// ("1.5万", "25万6千", "百分之八十", "三分之一", "五成").
value parse_value(std::string_view raw, const location& at, diagnostics& out);

/// Which column a cell comes from, for `value_context`.
enum class value_role : std::uint8_t { any = 0, target, actual };

/// What the caller knows about a cell: the form stage passes the row's labels,
/// the funds block's declared unit, the form's year and, for an actual, the
/// parsed target. Views and pointers must outlive the call only.
struct value_context {
    value_role role = value_role::any;
    /// Text about the row (一级/二级/三级指标 …, or "成本指标"). When it names
    /// money (成本, 资金, 经费, 金额, 预算, 补贴, 补助, 费), a number written
    /// with 万/亿 and no unit is money ("≤2万" → 20000 元).
    std::string_view hint;
    /// A unit that a number written with no unit is in: the funds block's
    /// declared "万元" or "元". The number is scaled to 元 and `unit` set to "元".
    std::string_view bare_unit;
    /// The form's year, for dates written without one ("12月底前").
    int year = 0;
    /// For an actual: its target. A bare number against a percent target is a
    /// percent (0.8 → 80 %, info "value.ratio_as_percent"; 90 → 90 %, warning
    /// "value.percent_assumed"); a number with no unit takes the target's
    /// dimension (info "value.unit_from_target"), and in money its 万 scale when
    /// the target was written with 万 and the actual with no multiplier.
    const value* target = nullptr;
};

/// `parse_value` with what the caller knows about the cell.
value parse_value(std::string_view raw, const location& at, diagnostics& out, const value_context& ctx);

/// How strictly `parse_numeral` reads Chinese numerals.
enum class numeral_mode : std::uint8_t {
    /// Canonical forms only, as written in 元 amounts and cheques: 一千零一,
    /// 十二 / 一十二, 壹佰贰拾, 廿二, 零点五, 负三, 一亿零五百万; a 零 exactly
    /// where digits are skipped. Rejects 两, 〇, digit strings (一二三),
    /// colloquial elision (三万五), superfluous 零, trailing decimal zeros, and
    /// ASCII digits.
    strict,
    /// Everything people write: strict forms plus 两/俩/幺, 〇, elision (三万五 =
    /// 35000, 一百二 = 120, 一亿五 = 1.5亿), any 零 placement, missing 一 (百三 =
    /// 130), digit strings (二〇二〇 = 2020, 零零三 = 3), 万万, 兆 (= 10¹²), and
    /// mixes with ASCII digits (1.5万, 3千, 1万600, 25万6千, 4.78万亿, 1,100万).
    tolerant,
};

/// A Chinese (or mixed) numeral read by `parse_numeral`.
struct numeral {
    decimal number;
    /// For digit strings, the digits as written, leading zeros kept
    /// ("零零三" → "003", "二〇〇二" → "2002", "负零一" → "-01", "一二点三零" →
    /// "12.30"); empty for numerals with units (一千零一).
    std::string digits;
    bool elided = false;  ///< colloquial elision was read (三万五, 一百二)
};

/// Reads `text` (surrounding blanks ignored) as one number: a Chinese numeral
/// with optional sign (负) and decimal part (点), financial capitals (壹贰叁 拾佰仟),
/// 廿/卅/卌, and an optional money tail (元/圆 with 角/分, or 整/正). The
/// whole text must be the number: "三千五百万元" is 35000000, "三千五百万人"
/// is nothing. Empty when the text is not a number in `mode`, or the number
/// does not fit a decimal (more than 18 significant digits).
std::optional<numeral> parse_numeral(std::string_view text, numeral_mode mode = numeral_mode::tolerant);

/// Whether an actual value meets its target.
enum class verdict : std::uint8_t { unknown = 0, met, not_met };

/// "met", "not_met" or "unknown".
const char* to_string(verdict v) noexcept;

/// Why a verdict is unknown (`none` for met and not_met).
enum class verdict_reason : std::uint8_t {
    none = 0,
    target_missing,     ///< the target cell is empty
    actual_missing,     ///< the actual cell is empty
    target_incomplete,  ///< the target is only a comparator ("=") or a comparator before text
    not_applicable,     ///< a side is marked —, /, 无, 不适用
    kinds_differ,       ///< one side a number, the other a text, a date or a grade
    units_differ,       ///< two quantities of different dimensions or base units (人 / 次)
    scales_differ,      ///< two qualitative words of different scales (良好 / 好)
    text_differs,       ///< two texts that differ (有效改善 / 显著提升): nothing says which is better
    undecided,          ///< both readable, but the actual (a bound, range, approximation or a middle
                        ///< step of an unpolarized scale) neither surely meets nor surely misses
    no_year,            ///< a deadline or date without a year, and none supplied
    polarity_unknown,   ///< the target has no comparator and the indicator's name says lower may be
                        ///< better (控制率, 调整率, 结余率, 事故, 投诉 …): set by the form stage
};

/// "target_missing", "actual_missing", … (the enumerator's name), or "" for none.
const char* to_string(verdict_reason r) noexcept;

/// A verdict and, when it is unknown, the reason.
struct judgement {
    verdict result = verdict::unknown;
    verdict_reason reason = verdict_reason::none;
};

/// Judges `actual` against `target`:
///  - quantities (and ranges) in one dimension and base unit, or with one side
///    without a unit: the target's comparator decides (none counts as ≥, the
///    usual reading of "reach this"; ≤ and < are costs and other negative
///    indicators; = is equality); a range target is met by an actual within it.
///    An actual written with a comparator or as a range counts only when the
///    answer is the same for every number it allows. A percent compares with a
///    bare number between −1 and 1 (a fraction).
///  - dates: the actual's days all within the target's (a deadline "…前" is ≤
///    its last day): met; all outside: not_met.
///  - qualitative words of one scale: equal is met; on the ordered scales
///    (grade, quality, achievement, pass) the target is a floor (优秀 meets
///    良好); on level and yes_no a different step is not_met, except against
///    the middle step 中 (polarity unknown: undecided).
///  - texts: equal after normalization (full-width folded, blanks removed): met.
///  - anything else, or a side missing: unknown, with the reason.
judgement assess(const value* target, const value* actual);

/// `assess(target, actual).result`.
verdict judge(const value* target, const value* actual);

}  // namespace v0
}  // namespace jixiao

#endif
