// Checks: a form's arithmetic and scoring recomputed from what it says, and
// every disagreement reported at the cell. Nothing here changes the form.
//
// The rules come from the form's family (rules.cpp); the list of checks with
// their codes, severities and sources is docs/checks.md. Arithmetic on what the
// form writes (sums of amounts and weights) is exact (decimal); rates and
// recomputed scores are compared in double within the tolerances of
// check_options, which follow domain.md §6.2: 0.5 percentage points, 0.5
// points, and integer truncation of a displayed score.
#include <jixiao/check.hpp>

#include "check/rules.hpp"
#include "detail/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>
#include <map>
#include <cmath>
#include <string>
#include <string_view>
#include <utility>

namespace jixiao {
inline namespace v0 {

namespace {

using detail::family_rules;

// --- reading numbers out of value cells ------------------------------------------

// A number written plainly: "15", "9.5分", "274" (no comparator, no 约, not a range).
std::optional<decimal> plain(const std::optional<value>& v) {
    if (!v || v->kind != value_kind::quantity || !v->number || v->op != comparator::none || v->approx) return std::nullopt;
    return v->number;
}

// A decimal as a double for comparisons within tolerances: mantissa × 10^exponent, within
// a few ulps (decimal::to_double rounds exactly through strtod, and costs a hundred times more).
double approx(const decimal& d) noexcept { return static_cast<double>(d.mantissa()) * std::pow(10.0, d.exponent()); }

bool blank(const std::optional<value>& v) { return !v || v->kind == value_kind::not_applicable; }
bool blank(const std::optional<std::string>& s) { return !s || is_blank(*s); }

// A rate as a fraction: "99%" → 0.99; a bare "99" (above 1.5) is read as percent, a
// bare "0.99" as a fraction (domain.md §6.2: the rate may be written without "%").
std::optional<double> fraction(const std::optional<value>& v) {
    const std::optional<decimal> n = plain(v);
    if (!n) return std::nullopt;
    const double x = approx(*n);
    if (v->unit == "%" || v->unit == "‰") return x;
    if (!v->unit.empty()) return std::nullopt;
    return x > 1.5 ? x / 100 : x;
}

// Two decimals at most, no trailing zeros: 9.91, 14.86, 30.
std::string show(double x) {
    std::string s = fmt::format("{:.2f}", x);
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    if (s == "-0") s = "0";
    return s;
}
std::string show_rate(double x) { return show(x * 100) + "%"; }

// Digits after the point as written in the cell: "9" → 0, "9.9" → 1, "9.90" → 2.
int decimals_written(const value& v) {
    const std::size_t dot = v.raw.find('.');
    if (dot == std::string::npos) return 0;
    int n = 0;
    for (std::size_t i = dot + 1; i < v.raw.size() && v.raw[i] >= '0' && v.raw[i] <= '9'; ++i) ++n;
    return n;
}

// A target and an actual that compare as numbers: quantities in one base unit
// (or one side without a unit), the actual written plainly.
struct pair_numbers {
    double target;
    double actual;
    comparator op;
};
std::optional<pair_numbers> numbers_of(const indicator& ind) {
    const value* t = ind.adjusted_target && ind.adjusted_target->base_number ? &*ind.adjusted_target
                     : ind.target                                          ? &*ind.target
                                                                           : nullptr;
    if (!t || !ind.actual) return std::nullopt;
    const value& a = *ind.actual;
    if (t->kind != value_kind::quantity || a.kind != value_kind::quantity || !t->base_number || !a.base_number) return std::nullopt;
    if (a.op != comparator::none || a.approx || t->approx) return std::nullopt;
    if (!t->base_unit.empty() && !a.base_unit.empty() && t->base_unit != a.base_unit) return std::nullopt;
    comparator op = t->op;
    if (t == &*ind.adjusted_target && op == comparator::none && ind.target) op = ind.target->op;
    return pair_numbers{approx(*t->base_number), approx(*a.base_number), op};
}

// The indicator's direction: as the form states it, else from the target's comparator
// (no comparator: positive, domain.md §5.3, and `assumed`; unknown when the name
// names a rate of something bad or capped, 结余率, 控制率 …).
struct direction {
    polarity p;
    bool assumed;
};
direction direction_of(const indicator& ind, comparator op) {
    if (ind.direction != polarity::unknown) return {ind.direction, false};
    if (op == comparator::none && ind.name && detail::names_a_ceiling(*ind.name)) return {polarity::unknown, true};
    switch (op) {
    case comparator::ge:
    case comparator::gt: return {polarity::positive, false};
    case comparator::le:
    case comparator::lt: return {polarity::negative, false};
    case comparator::eq: return {polarity::equal, false};
    case comparator::none: break;
    }
    return {polarity::positive, true};
}

bool qualitative(const indicator& ind) {
    if (ind.direction == polarity::qualitative) return true;
    if (ind.nature && ind.nature->find("定性") != std::string::npos) return true;
    return ind.target && ind.target->kind == value_kind::qualitative;
}

// An indicator entry that holds only its group labels: an empty 二级 group.
bool labels_only(const indicator& i) { return !i.name && !i.target && !i.actual && !i.weight && !i.score; }

severity lower(severity s) { return s == severity::error ? severity::warning : severity::info; }

// --- the checker ----------------------------------------------------------------


// The score a rule gives an indicator, as a band [low, high] (one point for a formula).
struct expectation {
    double low, high;
    std::string how_en, how_zh;
    bool band;     // a qualitative band, not a formula
    bool assumed;  // the direction was assumed (no comparator)
};

class checker {
public:
    checker(const form& f, const check_options& o) : f_(f), o_(o), r_(detail::rules_for(f.family)) {
        self_evaluation_ = r_.actuals && f.kind != form_kind::target;
        home_.table = f.table;
    }

    diagnostics run() {
        if (f_.funds) funds(*f_.funds);
        if (self_evaluation_) {
            indicators();
            if (r_.scored) totals();
        }
        header();
        return std::move(out_);
    }

private:
    // Severity of a rule that differs between families: one lower when the family is not known.
    severity specific(severity s) const { return r_.known ? s : lower(s); }

    // A finding about one value (`about`) points at that value's cell; others at the item's.
    void add(severity s, std::string_view code, const location& at, std::string en, std::string zh, const value* about = nullptr) {
        diagnostic d;
        d.level = s;
        d.code = std::string(code);
        d.message = std::move(en);
        d.message_zh = std::move(zh);
        d.at = about && about->at.table >= 0 && about->at.row >= 0 ? about->at : at.table >= 0 ? at : home_;
        out_.push_back(std::move(d));
    }

    // ---- funds -------------------------------------------------------------------

    struct column {
        std::optional<value> funds_row::*field;
        const char* en;
        const char* zh;
    };
    static constexpr column amount_columns[] = {
        {&funds_row::budget_initial, "initial budget", "年初预算数"},
        {&funds_row::budget, "full-year budget", "全年预算数"},
        {&funds_row::executed, "executed", "全年执行数"},
    };


    std::string money(const decimal& yuan) const {
        if (unit_ == "万元") {
            if (std::optional<decimal> w = yuan.scaled(-4)) return w->to_string() + " 万元";
        }
        return yuan.to_string() + " 元";
    }
    std::string money_bare(const decimal& yuan) const {
        if (unit_ == "万元")
            if (std::optional<decimal> w = yuan.scaled(-4)) return w->to_string();
        return yuan.to_string();
    }

    void funds(const funds_block& b) {
        unit_ = b.unit;
        amount_scale(b);
        funds_sums(b);
        if (!self_evaluation_) return;
        for (const funds_row& r : b.rows) funds_rate(r);
        for (const funds_row& r : b.rows) {
            if (!plain(r.score)) continue;
            funds_score(b, r);
            break;  // the execution score is the first row's that has one (the 其中 rows repeat it at most)
        }
        funds_note(b);
    }

    // check.amount_scale: 元 figures under a 万元 label (domain.md §6.5 item 10, cap 14).
    void amount_scale(const funds_block& b) {
        if (b.unit != "万元") return;
        for (const funds_row& r : b.rows)
            for (const column& c : amount_columns) {
                const std::optional<value>& v = r.*c.field;
                const std::optional<decimal> n = plain(v);
                if (!n || approx(*n) < o_.implausible_amount) continue;
                // Only numbers the block's unit was applied to: a cell that writes its own unit says what it means.
                if (v->raw.find("元") != std::string::npos || v->raw.find("万") != std::string::npos ||
                    v->raw.find("亿") != std::string::npos)
                    continue;
                add(severity::warning, "check.amount_scale", r.at,
                    fmt::format("funds: {} {} is {} under the block's 万元 label ({} 元): the figures look like 元", r.label, c.en,
                                money(*n), n->to_string()),
                    fmt::format("资金：{} 的{}按表头单位万元读作 {}（{} 元），数额过大，疑似以元填报", r.label, c.zh, money(*n),
                                n->to_string()),
                    &*v);
                return;  // one finding per block: the rest follow from it
            }
    }

    // check.funds_sum: the total row against its parts, per amount column (domain.md §6.5 item 1).
    void funds_sums(const funds_block& b) {
        const bool keyed = std::any_of(b.rows.begin(), b.rows.end(), [](const funds_row& r) { return !r.key.empty(); });
        const funds_row* total = nullptr;
        bool by_position = false;
        if (keyed) {
            for (const funds_row& r : b.rows)
                if (r.key == "total" && r.group.empty()) {
                    total = &r;
                    break;
                }
        } else if (b.rows.size() >= 2 && detail::label_key(b.rows.front().label).rfind("其中", 0) != 0) {
            // Rows not told by their labels: the first is read as the total, the others as its parts.
            total = &b.rows.front();
            by_position = true;
        }
        if (!total) return;

        // The breakdowns of the total: by source (财政拨款, 上年结转, 其他 …), by expenditure
        // (基本/项目支出), by level (中央/市/县), or the groups a department form names.
        std::vector<std::pair<std::string, std::vector<const funds_row*>>> sets;
        for (const funds_row& r : b.rows) {
            if (&r == total || r.key == "total" || r.key == "subtotal") continue;  // a breakdown's own heading row (按收入性质分：) is no part
            std::string set;
            if (by_position) set = "parts";
            else if (!r.group.empty()) set = r.group;
            else if (r.key.empty()) continue;
            else if (r.key == "basic" || r.key == "project") set = "expenditure";
            else if (r.key == "central" || r.key == "city" || r.key == "county") set = "level";
            else set = "source";
            auto it = std::find_if(sets.begin(), sets.end(), [&](const auto& s) { return s.first == set; });
            if (it == sets.end()) sets.emplace_back(set, std::vector<const funds_row*>{&r});
            else it->second.push_back(&r);
        }
        for (const auto& [name, parts] : sets) {
            // Two or more parts listed are the whole breakdown (the templates list every source,
            // 其他资金 last); a single 其中 row, a split by level, or rows told by position only
            // bound the total from below.
            const bool whole = !by_position && parts.size() >= 2 && name != "level";
            for (const column& c : amount_columns) sum_column(*total, parts, c, whole, by_position);
        }
    }

    void sum_column(const funds_row& total, const std::vector<const funds_row*>& parts, const column& c, bool whole, bool by_position) {
        const std::optional<value>& tv = total.*c.field;
        const std::optional<decimal> t = plain(tv);
        if (!t) return;
        decimal sum;
        std::string terms;
        bool any = false;
        for (const funds_row* p : parts) {
            const std::optional<value>& v = p->*c.field;
            if (blank(v)) continue;  // an empty or "—" part is zero
            const std::optional<decimal> n = plain(v);
            if (!n) return;  // a part that is not a plain amount: nothing to add up
            const std::optional<decimal> s = sum.plus(*n);
            if (!s) return;
            sum = *s;
            if (any) terms += " + ";
            terms += p->label + " " + money_bare(*n);
            any = true;
        }
        if (!any) return;
        const double diff = approx(*t) - approx(sum);
        if (std::fabs(diff) <= o_.amount_tolerance) return;
        if (!whole && diff >= 0) return;  // parts below the total: other sources may be unlisted
        const severity s = by_position ? severity::warning : severity::error;
        if (whole)
            add(s, "check.funds_sum", total.at,
                fmt::format("funds, {}: the parts add up to {} ({}), the {} row says {}", c.en, money(sum), terms, total.label, money(*t)),
                fmt::format("资金{}：各组成项合计 {}（{}），与“{}”行的 {}不符", c.zh, money(sum), terms, total.label, money(*t)), &*tv);
        else
            add(s, "check.funds_sum", total.at,
                fmt::format("funds, {}: the parts add up to {} ({}), more than the {} row's {}{}", c.en, money(sum), terms, total.label,
                            money(*t), by_position ? " (rows told by position: the first row read as the total)" : ""),
                fmt::format("资金{}：各组成项合计 {}（{}），超过“{}”行的 {}{}", c.zh, money(sum), terms, total.label, money(*t),
                            by_position ? "（按位置将首行视为合计）" : ""),
                &*tv);
    }

    // The execution rate recomputed from a row's amounts, on the family's base
    // (the other budget figure when the row lacks it).
    struct recomputed_rate {
        double rate;
        double executed, base;
        const char* base_en;
        const char* base_zh;
    };
    std::optional<recomputed_rate> rate_on(const funds_row& r, bool other_base) const {
        const std::optional<decimal> e = plain(r.executed);
        if (!e) return std::nullopt;
        const bool initial_first = r_.base == detail::rate_base::budget_initial;
        const std::optional<decimal> first = plain(initial_first ? r.budget_initial : r.budget);
        const std::optional<decimal> second = plain(initial_first ? r.budget : r.budget_initial);
        const bool use_first = other_base ? false : first.has_value();
        const std::optional<decimal>& b = use_first ? first : second;
        if (!b || approx(*b) <= 0) return std::nullopt;
        const bool initial = use_first == initial_first;
        return recomputed_rate{approx(*e) / approx(*b), approx(*e), approx(*b), initial ? "initial budget" : "full-year budget",
                               initial ? "年初预算数" : "全年预算数"};
    }

    // check.funds_rate: 执行率 = 执行数 / 预算数 (domain.md §6.2).
    void funds_rate(const funds_row& r) {
        const std::optional<double> w = fraction(r.rate);
        if (!w) return;
        const std::optional<recomputed_rate> c = rate_on(r, false);
        if (!c) return;
        const double diff = *w - c->rate;
        if (std::fabs(diff) <= o_.rate_tolerance + 1e-9) return;
        const std::string how_en = fmt::format("executed {} / {} {} = {}", show(c->executed / scale()), c->base_en, show(c->base / scale()),
                                               show_rate(c->rate));
        const std::string how_zh = fmt::format("全年执行数 {} / {} {} = {}", show(c->executed / scale()), c->base_zh, show(c->base / scale()),
                                               show_rate(c->rate));
        // A percent cut to an integer (99.1 % shown as 99 %), or capped at 100 %.
        const double pct = *w * 100;
        if (std::fabs(pct - std::round(pct)) < 1e-9 && c->rate >= *w && (c->rate < *w + 0.01 || std::fabs(*w - 1) < 1e-9)) {
            const bool capped = c->rate >= *w + 0.01;
            add(severity::info, "check.funds_rate", r.at,
                fmt::format("funds, {}: 执行率 {} is {} {}", r.label, r.rate->raw, capped ? "capped at 100 % from" : "truncated from", how_en),
                fmt::format("资金：“{}”执行率 {} 为 {} {}", r.label, r.rate->raw, how_zh, capped ? "封顶为 100%" : "截尾取整"), &*r.rate);
            return;
        }
        if (const std::optional<recomputed_rate> o = rate_on(r, true); o && std::fabs(*w - o->rate) <= o_.rate_tolerance + 1e-9) {
            add(severity::info, "check.funds_rate", r.at,
                fmt::format("funds, {}: 执行率 {} is computed on the {} ({}), not the {} this template divides by", r.label, r.rate->raw,
                            o->base_en, show(o->base / scale()), c->base_en),
                fmt::format("资金：“{}”执行率 {} 按{}（{}）计算，本表式应以{}为分母", r.label, r.rate->raw, o->base_zh, show(o->base / scale()),
                            c->base_zh),
                &*r.rate);
            return;
        }
        add(specific(severity::error), "check.funds_rate", r.at,
            fmt::format("funds, {}: 执行率 is written {}, but {}", r.label, r.rate->raw, how_en),
            fmt::format("资金：“{}”执行率填写为 {}，但{}", r.label, r.rate->raw, how_zh), &*r.rate);
    }

    double scale() const { return unit_ == "万元" ? 10000.0 : 1.0; }

    // check.funds_score: execution score = weight × min(rate, 1) (domain.md §6.2).
    void funds_score(const funds_block& b, const funds_row& r) {
        const std::optional<decimal> s = plain(r.score);
        // The weight: the row's 分值, else the block's label (（20分）), else the family's default.
        std::optional<decimal> w = plain(r.weight);
        bool by_default = false;
        if (!w) w = b.declared_weight;
        if (!w && r_.funds_weight > 0) {
            w = decimal(static_cast<std::int64_t>(r_.funds_weight), 0);
            by_default = true;
        }
        if (!w) return;
        const double W = approx(*w), S = approx(*s);
        funds_score_ = S;
        if (S < 0 || S > W + 1e-9) {
            add(by_default ? specific(severity::warning) : severity::error, "check.score_over_weight", r.at,
                fmt::format("funds, {}: the execution score {} is {} its weight {}{}", r.label, r.score->raw, S < 0 ? "below 0, outside" : "above",
                            show(W), by_default ? " (the template's default)" : ""),
                fmt::format("资金：“{}”执行得分 {} {}分值 {}{}", r.label, r.score->raw, S < 0 ? "小于 0，不在" : "超过", show(W),
                            by_default ? "（表式默认分值）" : ""),
                &*r.score);
            return;
        }
        std::optional<double> rate;
        std::string rate_text;
        if (const std::optional<recomputed_rate> c = rate_on(r, false)) rate = c->rate, rate_text = show_rate(c->rate);
        else if (const std::optional<double> x = fraction(r.rate)) rate = *x, rate_text = r.rate->raw;
        if (!rate) return;
        const double expected = std::min(*rate, 1.0) * W;
        funds_expected_ = expected;
        const double diff = S - expected;
        const int k = decimals_written(*r.score);
        const double half = 0.5 * std::pow(10.0, -k);
        if (std::fabs(diff) <= 0.005 + 1e-9 || (k >= 1 && std::fabs(diff) <= half + 1e-9)) return;
        const std::string how_en = fmt::format("{} × min({}, 1) = {}", show(W), rate_text, show(expected));
        const std::string how_zh = fmt::format("{} × min({}, 1) = {}", show(W), rate_text, show(expected));
        const bool truncated = k == 0 && std::fabs(S - std::floor(expected + 1e-9)) < 1e-9;
        if (std::fabs(diff) <= half + 1e-9 || truncated) {
            add(severity::info, "check.funds_score", r.at,
                fmt::format("funds, {}: the execution score {} is {} {}", r.label, r.score->raw, truncated ? "truncated from" : "rounded from", how_en),
                fmt::format("资金：“{}”执行得分 {} 由 {} {}", r.label, r.score->raw, how_zh, truncated ? "截尾取整" : "四舍五入"), &*r.score);
            return;
        }
        const severity sev = by_default ? specific(severity::warning) : specific(severity::error);
        add(sev, "check.funds_score", r.at,
            fmt::format("funds, {}: the execution score is written {}, but {}{}", r.label, r.score->raw, how_en,
                        by_default ? " (weight: the template's default)" : ""),
            fmt::format("资金：“{}”执行得分填写为 {}，但 {}{}", r.label, r.score->raw, how_zh, by_default ? "（分值取表式默认值）" : ""),
            &*r.score);
    }

    // check.deviation_note_missing (funds): a rate below the family's threshold needs a 原因 (Sichuan: 90 %).
    void funds_note(const funds_block& b) {
        if (r_.funds_note_below <= 0 || b.rows.empty()) return;
        const funds_row& r = b.rows.front();
        std::optional<double> rate;
        if (const std::optional<recomputed_rate> c = rate_on(r, false)) rate = c->rate;
        else rate = fraction(r.rate);
        if (!rate || *rate >= r_.funds_note_below || !blank(r.note)) return;
        add(severity::warning, "check.deviation_note_missing", r.at,
            fmt::format("funds, {}: the execution rate {} is below {} and no reason is given", r.label, show_rate(*rate), show_rate(r_.funds_note_below)),
            fmt::format("资金：“{}”执行率 {} 低于 {}，未说明原因", r.label, show_rate(*rate), show_rate(r_.funds_note_below)));
    }

    // ---- indicators ----------------------------------------------------------------


    static std::string name_of(const indicator& i) {
        if (i.name) return *i.name;
        if (i.level2) return *i.level2;
        return i.level1.value_or("?");
    }

    void indicators() {
        const bool has_actuals = std::any_of(f_.indicators.begin(), f_.indicators.end(), [](const indicator& i) { return i.actual.has_value(); });
        notes_column_ = r_.row_notes || std::any_of(f_.indicators.begin(), f_.indicators.end(), [](const indicator& i) { return !blank(i.note); });
        for (const indicator& i : f_.indicators) {
            if (labels_only(i)) {
                empty_group(i);
                continue;
            }
            if (has_actuals && !blank(i.target) && !i.actual)
                add(severity::warning, "check.actual_missing", i.at,
                    fmt::format("indicator {}: target {} but no actual value", name_of(i), i.target->raw),
                    fmt::format("指标“{}”：有指标值 {}，未填写实际完成值", name_of(i), i.target->raw), &*i.target);
            over_achievement(i);
            if (r_.scored) score(i);
        }
        if (r_.scored) {
            level1_weights();
            level1_shares();
        }
    }

    // check.empty_group: a 二级 group with no indicator (domain.md §2.1, cap 03).
    void empty_group(const indicator& i) {
        if (!i.level2) return;
        add(severity::info, "check.empty_group", i.at,
            fmt::format("{} / {}: a group with no indicator", i.level1.value_or(""), *i.level2),
            fmt::format("{} / {}：该二级指标下没有三级指标", i.level1.value_or(""), *i.level2));
    }

    // check.over_achievement: A ≥ 1.3 T on a positive indicator (domain.md §6.3, C6).
    void over_achievement(const indicator& i) {
        const std::optional<pair_numbers> n = numbers_of(i);
        if (!n || n->target <= 0) return;
        const direction d = direction_of(i, n->op);
        if (d.p != polarity::positive && d.p != polarity::equal) return;
        if (n->actual < 1.3 * n->target - 1e-12) return;
        // A warning when the form has a place for the reason and leaves it empty, on a target whose direction is written.
        const bool explained = !blank(i.note);
        const bool warn = !explained && notes_column_ && !d.assumed;
        add(warn ? severity::warning : severity::info, "check.over_achievement", i.at,
            fmt::format("indicator {}: actual {} is {} of the target {}{}", name_of(i), i.actual->raw, show_rate(n->actual / n->target),
                        i.target ? i.target->raw : "", explained ? "" : ", with no note on why (the target may have been set too low)"),
            fmt::format("指标“{}”：实际完成值 {} 达到指标值 {} 的 {}{}", name_of(i), i.actual->raw, i.target ? i.target->raw : "",
                        show_rate(n->actual / n->target), explained ? "" : "，未说明原因（指标值可能设置偏低）"),
            &*i.actual);
    }

    void score(const indicator& i) {
        const std::optional<decimal> w = plain(i.weight);
        const std::optional<decimal> s = plain(i.score);
        if (!s) return;
        const double S = approx(*s);
        if (S < 0 || (w && S > approx(*w) + 1e-9)) {
            add(severity::error, "check.score_over_weight", i.at,
                S < 0 ? fmt::format("indicator {}: score {} is below 0", name_of(i), i.score->raw)
                      : fmt::format("indicator {}: score {} is above its weight {}", name_of(i), i.score->raw, i.weight->raw),
                S < 0 ? fmt::format("指标“{}”：得分 {} 小于 0", name_of(i), i.score->raw)
                      : fmt::format("指标“{}”：得分 {} 超过分值 {}", name_of(i), i.score->raw, i.weight->raw),
                &*i.score);
            return;
        }
        if (!w || approx(*w) <= 0) return;
        const double W = approx(*w);
        if (verdict_score(i, S, W)) return;
        recomputed(i, S, W);
        if (S < W - 1e-9 && notes_column_ && blank(i.note))
            add(severity::warning, "check.deviation_note_missing", i.at,
                fmt::format("indicator {}: score {} of {} and no note on the deviation", name_of(i), i.score->raw, i.weight->raw),
                fmt::format("指标“{}”：得分 {}（分值 {}）未满分，未填写偏差原因及改进措施", name_of(i), i.score->raw, i.weight->raw), &*i.score);
    }

    // check.verdict_score: full marks on an indicator not met, nothing on one met.
    bool verdict_score(const indicator& i, double S, double W) {
        // A bare target on a rate of something capped (结余率 2%): the verdict read it as a floor.
        const comparator op = i.target ? i.target->op : comparator::none;
        if (direction_of(i, op).p == polarity::unknown) return false;
        if (i.judged == verdict::not_met && std::fabs(S - W) < 1e-9) {
            add(severity::warning, "check.verdict_score", i.at,
                fmt::format("indicator {}: full score {} although the actual {} does not meet the target {}", name_of(i), i.score->raw,
                            i.actual ? i.actual->raw : "", i.target ? i.target->raw : ""),
                fmt::format("指标“{}”：实际完成值 {} 未达到指标值 {}，却得满分 {}", name_of(i), i.actual ? i.actual->raw : "",
                            i.target ? i.target->raw : "", i.score->raw),
                &*i.score);
            return true;
        }
        if (i.judged == verdict::met && S == 0) {
            add(severity::warning, "check.verdict_score", i.at,
                fmt::format("indicator {}: score 0 although the actual {} meets the target {}", name_of(i), i.actual ? i.actual->raw : "",
                            i.target ? i.target->raw : ""),
                fmt::format("指标“{}”：实际完成值 {} 已达到指标值 {}，得分却为 0", name_of(i), i.actual ? i.actual->raw : "",
                            i.target ? i.target->raw : ""),
                &*i.score);
            return true;
        }
        return false;
    }

    // The score the family's rule gives (domain.md §6.3); with `explain`, how
    // it is computed, in words (only wanted when the written score is off).
    std::optional<expectation> expected(const indicator& i, double W, bool explain) const {
        if (const std::optional<double> k = fraction(i.score_ratio)) {
            const double e = W * *k;
            if (!explain) return expectation{e, e, {}, {}, false, false};
            return expectation{e, e, fmt::format("weight {} × 得分系数 {} = {}", show(W), i.score_ratio->raw, show(e)),
                               fmt::format("分值 {} × 得分系数 {} = {}", show(W), i.score_ratio->raw, show(e)), false, false};
        }
        if (r_.rule == detail::scoring::none) return std::nullopt;
        auto band = [&](detail::qualitative_band b, const char* en, const char* zh) {
            if (!explain) return expectation{b.low * W, b.high * W, {}, {}, true, false};
            return expectation{b.low * W, b.high * W, fmt::format("{}: {}–{} of {}", en, show(b.low * W), show(b.high * W), show(W)),
                               fmt::format("{}：应在 {}–{} 之间（分值 {}）", zh, show(b.low * W), show(b.high * W), show(W)), true, false};
        };
        // An achievement word as the actual (达成 / 部分达成 / 未达成): its band, whatever the target.
        if (i.actual && i.actual->scale == qualitative_scale::achievement && i.actual->rank >= 1) {
            static constexpr const char* en[] = {"achieved", "partly achieved", "not achieved"};
            static constexpr const char* zh[] = {"达成", "部分达成", "未达成"};
            const int k = std::clamp(i.actual->rank, 1, 3) - 1;
            return band(detail::achievement_band(k + 1), en[k], zh[k]);
        }
        if (const std::optional<pair_numbers> n = numbers_of(i); n && !qualitative(i)) return formula(i, *n, W, explain);
        if (qualitative(i) || (i.actual && i.actual->kind == value_kind::qualitative) || (i.target && i.target->kind == value_kind::text)) {
            if (i.judged == verdict::met) return band(detail::achievement_band(1), "met (qualitative, achieved)", "定性指标达成");
            if (i.judged == verdict::not_met)
                return band({0.0, 0.8}, "not met (qualitative, partly or not achieved)", "定性指标未完全达成");
            return std::nullopt;
        }
        if (i.judged == verdict::met) {  // a date or deadline met
            if (!explain) return expectation{W, W, {}, {}, false, false};
            return expectation{W, W, fmt::format("met: the full weight {}", show(W)), fmt::format("已达成：应得满分 {}", show(W)), false, false};
        }
        return std::nullopt;
    }

    std::optional<expectation> formula(const indicator& i, const pair_numbers& n, double W, bool explain) const {
        const double T = n.target, A = n.actual;
        const direction d = direction_of(i, n.op);
        const bool proportional = r_.rule == detail::scoring::proportional;
        double e = 0;
        std::string en, zh;
        switch (d.p) {
        case polarity::equal:
            if (T == 0) {
                e = A <= 0 ? W : 0;
                if (!explain) break;
                en = fmt::format("equal to 0: {}", show(e));
                zh = fmt::format("等于 0 型：{}", show(e));
                break;
            }
            [[fallthrough]];
        case polarity::unknown: return std::nullopt;
        case polarity::positive:
        case polarity::qualitative:
            if (T <= 0) return std::nullopt;
            e = A >= T ? W : W * A / T;
            if (!explain) break;
            en = A >= T ? fmt::format("met: the full weight {}", show(W)) : fmt::format("{} × {} / {} = {}", show(W), show(A), show(T), show(e));
            zh = A >= T ? fmt::format("已达成：应得满分 {}", show(W)) : fmt::format("{} × {} / {} = {}", show(W), show(A), show(T), show(e));
            break;
        case polarity::negative:
            if (T < 0) return std::nullopt;
            if (A <= T) {
                e = W;
                if (!explain) break;
                en = fmt::format("met: the full weight {}", show(W));
                zh = fmt::format("已达成：应得满分 {}", show(W));
            } else if (proportional) {
                e = W * T / A;
                if (!explain) break;
                en = fmt::format("{} × {} / {} = {}", show(W), show(T), show(A), show(e));
                zh = en;
            } else {
                e = A >= 2 * T ? 0 : W * (1 - (A - T) / T);
                if (!explain) break;
                en = A >= 2 * T ? fmt::format("at least twice the ceiling {}: 0", show(T))
                                : fmt::format("{} × (1 − ({} − {}) / {}) = {}", show(W), show(A), show(T), show(T), show(e));
                zh = A >= 2 * T ? fmt::format("达到上限 {} 的两倍及以上：0", show(T))
                                : fmt::format("{} × (1 − ({} − {}) / {}) = {}", show(W), show(A), show(T), show(T), show(e));
            }
            break;
        }
        e = std::round(e * 100) / 100;
        return expectation{e, e, std::move(en), std::move(zh), false, d.assumed};
    }

    // check.score_recomputed: the written score against the family's rule.
    void recomputed(const indicator& i, double S, double W) {
        std::optional<expectation> e = expected(i, W, false);
        if (!e) return;
        const double tol = e->band ? 1e-9 : o_.score_tolerance + 1e-9;
        if (S >= e->low - tol && S <= e->high + tol) return;
        e = expected(i, W, true);  // the same numbers, now with the words
        const bool above = S > e->high;
        const bool ratio = i.score_ratio.has_value() && fraction(i.score_ratio).has_value();
        severity sev = e->band || ratio ? severity::warning : above ? severity::warning : severity::info;
        if (!ratio) sev = specific(sev);
        if (e->assumed) sev = lower(sev);
        const double delta = S - (above ? e->high : e->low);
        add(sev, "check.score_recomputed", i.at,
            fmt::format("indicator {}: score {} is {} {} the rule's ({}: {}{})", name_of(i), i.score->raw, show(std::fabs(delta)),
                        above ? "above" : "below", e->band ? "band" : "expected", e->how_en,
                        e->assumed ? "; no comparator, read as a positive indicator" : ""),
            fmt::format("指标“{}”：得分 {} 比按规则计算的得分{} {}（{}{}）", name_of(i), i.score->raw, above ? "高" : "低", show(std::fabs(delta)), e->how_zh,
                        e->assumed ? "；未写比较符，按正向指标计" : ""),
            &*i.score);
    }

    // check.level1_weight: Σ weights in a 一级 group against the points its label declares (产出指标（50分）).
    void level1_weights() {
        struct group {
            const indicator* first;
            std::optional<decimal> declared;
            decimal sum;
            bool complete = true;
        };
        std::vector<group> groups;  // in the order they start
        std::map<std::pair<std::string, std::string>, std::size_t> index;  // (goal, 一级) → group
        for (const indicator& i : f_.indicators) {
            if (!i.level1) continue;
            const auto [at, fresh] = index.try_emplace({i.goal.value_or(""), *i.level1}, groups.size());
            if (fresh) groups.push_back({&i, i.level1_weight, decimal{}});
            group* const it = &groups[at->second];
            if (!it->declared && i.level1_weight) it->declared = i.level1_weight;
            if (labels_only(i)) continue;  // an empty group's row
            const std::optional<decimal> w = plain(i.weight);
            std::optional<decimal> s = w ? it->sum.plus(*w) : std::nullopt;
            if (!s) it->complete = false;
            else it->sum = *s;
        }
        for (const group& g : groups) {
            if (!g.declared || !g.complete || g.sum == *g.declared) continue;
            add(severity::warning, "check.level1_weight", g.first->at,
                fmt::format("{}: its indicators' weights add up to {}, its label declares {}", *g.first->level1, g.sum.to_string(),
                            g.declared->to_string()),
                fmt::format("{}：所属三级指标分值合计 {}，与标注的 {} 分不符", *g.first->level1, g.sum.to_string(), g.declared->to_string()));
        }
    }

    // check.level1_default: the level-1 split against the family's default (10号: 50/30/10), for information.
    void level1_shares() {
        if (r_.shares.empty() || f_.goals.size() > 1) return;
        std::vector<double> sums(r_.shares.size(), 0);
        std::vector<bool> present(r_.shares.size(), false);
        double all = 0, expected_all = 0;
        for (const detail::level1_share& s : r_.shares) expected_all += s.weight;
        for (const indicator& i : f_.indicators) {
            if (labels_only(i)) continue;
            const std::optional<decimal> w = plain(i.weight);
            if (!w) return;
            const auto it = std::find_if(r_.shares.begin(), r_.shares.end(), [&](const detail::level1_share& s) { return s.code == i.level1_code; });
            if (it == r_.shares.end()) return;  // a level-1 group outside the default split (or not recognized)
            const auto k = static_cast<std::size_t>(it - r_.shares.begin());
            sums[k] += approx(*w);
            present[k] = true;
            all += approx(*w);
        }
        if (all == 0 || std::fabs(all - expected_all) > 1e-9) return;  // a different scheme altogether
        std::vector<double> want;
        for (const detail::level1_share& s : r_.shares) want.push_back(s.weight);
        // 10号: with no satisfaction indicator its points go to 效益.
        for (std::size_t k = 0; k < r_.shares.size(); ++k)
            if (r_.shares[k].code == "satisfaction" && !present[k])
                for (std::size_t j = 0; j < r_.shares.size(); ++j)
                    if (r_.shares[j].code == "benefit") want[j] += want[k], want[k] = 0;
        std::string en, zh;
        for (std::size_t k = 0; k < r_.shares.size(); ++k) {
            if (std::fabs(sums[k] - want[k]) < 1e-9) continue;
            en += fmt::format("{}{} {} (default {})", en.empty() ? "" : ", ", r_.shares[k].code, show(sums[k]), show(want[k]));
            zh += fmt::format("{}{} {}（默认 {}）", zh.empty() ? "" : "，", r_.shares[k].code, show(sums[k]), show(want[k]));
        }
        if (en.empty()) return;
        add(severity::info, "check.level1_default", f_.indicators.front().at,
            "level-1 weights differ from the template's default split: " + en, "一级指标分值与表式默认分配不同：" + zh);
    }

    // ---- totals ----------------------------------------------------------------------

    void totals() {
        weights_sum();
        total_sum();
        grade_band();
    }

    location total_at() const { return f_.total.at.table >= 0 ? f_.total.at : home_; }

    // check.weights_sum: Σ indicator weights + the execution weight = the total's 分值 (normally 100).
    void weights_sum() {
        decimal sum;
        int n = 0;
        for (const indicator& i : f_.indicators) {
            if (labels_only(i)) continue;
            const std::optional<decimal> w = plain(i.weight);
            if (!w) return;
            const std::optional<decimal> s = sum.plus(*w);
            if (!s) return;
            sum = *s;
            ++n;
        }
        if (n == 0) return;
        // The points the indicator block's label declares (绩效指标（90分）): a warning, as for a 一级 label.
        if (f_.indicators_weight && !(sum == *f_.indicators_weight))
            add(severity::warning, "check.weights_sum", f_.indicators.front().at,
                fmt::format("indicator weights add up to {}, the indicator block's label declares {}", sum.to_string(),
                            f_.indicators_weight->to_string()),
                fmt::format("绩效指标分值合计 {}，与标注的 {} 分不符", sum.to_string(), f_.indicators_weight->to_string()));
        const std::optional<decimal> written_total = plain(f_.total.weight);
        const double total = written_total ? approx(*written_total) : 100.0;
        double fw = 0;
        bool defaulted = false;
        if (f_.funds) {
            for (const funds_row& r : f_.funds->rows)
                if (const std::optional<decimal> w = plain(r.weight)) {
                    fw = approx(*w);
                    break;
                }
            if (fw == 0 && f_.funds->declared_weight) fw = approx(*f_.funds->declared_weight);
            if (fw == 0 && r_.funds_weight > 0) fw = r_.funds_weight, defaulted = true;
        }
        const double got = approx(sum) + fw;
        if (std::fabs(got - total) < 1e-9) return;
        if (defaulted && std::fabs(approx(sum) - total) < 1e-9) return;  // the funds block carries no points here
        const severity s = written_total && !defaulted ? severity::error : specific(severity::warning);
        add(s, "check.weights_sum", total_at(),
            fmt::format("weights add up to {} ({} for {} indicators + {} for budget execution{}), not {}", show(got), sum.to_string(), n, show(fw),
                        defaulted ? ", the template's default" : "", show(total)),
            fmt::format("分值合计 {}（{} 个指标共 {}，预算执行 {}{}），应为 {}", show(got), n, sum.to_string(), show(fw),
                        defaulted ? "，取表式默认值" : "", show(total)),
            written_total ? &*f_.total.weight : nullptr);
    }

    // check.total_sum: 总分 = execution score + Σ indicator scores (domain.md §6.4).
    void total_sum() {
        const std::optional<decimal> t = plain(f_.total.score);
        if (!t) return;
        double sum = 0;
        int n = 0;
        for (const indicator& i : f_.indicators) {
            if (labels_only(i)) continue;
            const std::optional<decimal> s = plain(i.score);
            if (!s) {
                if (plain(i.weight)) return;  // a weighted indicator without a score: the sum is incomplete
                continue;
            }
            sum += approx(*s);
            ++n;
        }
        if (n == 0) return;
        const bool funds_scored = funds_score_.has_value();
        if (!funds_scored && f_.funds) {
            // A funds block with points but no score written: the sum cannot be made.
            for (const funds_row& r : f_.funds->rows)
                if (const std::optional<decimal> w = plain(r.weight); w && approx(*w) > 0) return;
            if (f_.funds->declared_weight) return;
        }
        const double F = funds_score_.value_or(0);
        const double T = approx(*t);
        if (std::fabs(T - (sum + F)) <= o_.score_tolerance + 1e-9) return;
        if (funds_expected_ && std::fabs(T - (sum + *funds_expected_)) <= o_.score_tolerance + 1e-9) {
            add(severity::info, "check.total_sum", total_at(),
                fmt::format("total {}: the written scores add up to {} ({} for indicators + {} for budget execution); the total uses the "
                            "unrounded execution score {}",
                            f_.total.score->raw, show(sum + F), show(sum), show(F), show(*funds_expected_)),
                fmt::format("总分 {}：各项得分合计 {}（指标 {} + 预算执行 {}），总分按未取整的预算执行得分 {} 计算", f_.total.score->raw,
                            show(sum + F), show(sum), show(F), show(*funds_expected_)),
                &*f_.total.score);
            return;
        }
        add(severity::error, "check.total_sum", total_at(),
            fmt::format("total {}: the scores add up to {} ({} for {} indicators + {} for budget execution)", f_.total.score->raw, show(sum + F),
                        show(sum), n, show(F)),
            fmt::format("总分 {}：各项得分合计为 {}（{} 个指标 {} + 预算执行 {}）", f_.total.score->raw, show(sum + F), n, show(sum), show(F)),
            &*f_.total.score);
    }

    // check.grade_band: 自评等级 against the band of 总分 (优 ≥ 90, 良 ≥ 80, 中 ≥ 60, 差).
    void grade_band() {
        if (!f_.total.grade) return;
        const std::string_view written = detail::canonical_grade(*f_.total.grade);
        const std::optional<decimal> t = plain(f_.total.score);
        if (written.empty() || !t || r_.bands.empty()) return;
        const double T = approx(*t);
        std::string_view band = r_.bands.back().grade;
        for (const detail::grade_band& b : r_.bands)
            if (T >= b.floor - 1e-9) {
                band = b.grade;
                break;
            }
        if (band == written) return;
        add(specific(severity::error), "check.grade_band", total_at(),
            fmt::format("grade {} does not match the total {}, which is in the band {}", *f_.total.grade, f_.total.score->raw, band),
            fmt::format("自评等级“{}”与总分 {} 不符，应为“{}”", *f_.total.grade, f_.total.score->raw, band));
    }

    // ---- header ----------------------------------------------------------------------

    // check.year_mismatch: the form's year against the year fields and the fill date.
    void header() {
        if (!f_.year) return;
        const int y = *f_.year;
        for (const field& fl : f_.fields) {
            if (!fl.value) continue;
            const std::string key = detail::label_key(fl.label);
            const bool date = key.find("日期") != std::string::npos || key.find("时间") != std::string::npos;
            const bool year_field = key.find("年度") != std::string::npos;
            const std::optional<int> fy = year_in(*fl.value);
            if (!fy || (!date && !year_field)) continue;
            // A form is filled in its year or the next (a 2020 self-evaluation in spring 2021).
            if (date ? (*fy == y || *fy == y + 1) : *fy == y) continue;
            add(severity::warning, "check.year_mismatch", fl.at,
                fmt::format("{} {} does not fit the form's year {}{}", fl.label, *fl.value, y, date ? " (a form is filled in its year or the next)" : ""),
                fmt::format("{}“{}”与表格年度 {} 不符{}", fl.label, *fl.value, y, date ? "（填报日期应在当年或次年）" : ""));
        }
    }

    // The first year in a text: 2020年, 2020-03-01, 2020.3.1, 2020/3/1, 2020年度.
    static std::optional<int> year_in(std::string_view s) {
        for (std::size_t i = 0; i + 4 <= s.size(); ++i) {
            if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') continue;
            bool digits = true;
            for (std::size_t k = i; k < i + 4; ++k) digits = digits && s[k] >= '0' && s[k] <= '9';
            if (!digits || (i + 4 < s.size() && s[i + 4] >= '0' && s[i + 4] <= '9')) continue;
            const std::string_view rest = s.substr(i + 4);
            if (!(rest.rfind("年", 0) == 0 || rest.rfind("-", 0) == 0 || rest.rfind(".", 0) == 0 || rest.rfind("/", 0) == 0)) continue;
            const int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
            if (y >= 1990 && y <= 2100) return y;
        }
        return std::nullopt;
    }

    const form& f_;
    const check_options& o_;
    const family_rules& r_;
    bool self_evaluation_ = true;
    bool notes_column_ = false;
    location home_;
    std::string unit_;
    std::optional<double> funds_score_, funds_expected_;  // the execution score as written, and as recomputed
    diagnostics out_;
};

}  // namespace

diagnostics check_form(const form& f, const check_options& opts) { return checker(f, opts).run(); }

diagnostics check_form(const form& f, const std::vector<grid>& /*tables*/, const check_options& opts) { return check_form(f, opts); }

}  // namespace v0
}  // namespace jixiao
