// Judging an actual value against its target (value.hpp `assess`).
//
// Every value allows a set: a quantity with a comparator a half-line, without
// one a point, a range an interval, a date a span of days. The target's set
// is what is wanted (a target without a comparator means "reach this": ≥).
// met: every point the actual allows is wanted; not_met: none is; otherwise
// the answer is not sure and stays unknown ("undecided").
#include <jixiao/value.hpp>

#include "value/clean.hpp"
#include "value/tables.hpp"

namespace jixiao {
inline namespace v0 {

namespace {

struct bound {
    decimal at;
    bool inclusive = true;
};

// The set of numbers a value allows: a point, a half-line or an interval.
struct interval {
    std::optional<bound> lo;
    std::optional<bound> hi;
};

interval interval_of(comparator op, const decimal& x, const std::optional<decimal>& upper) noexcept {
    if (upper) return {bound{x, true}, bound{*upper, true}};
    switch (op) {
    case comparator::ge: return {bound{x, true}, std::nullopt};
    case comparator::gt: return {bound{x, false}, std::nullopt};
    case comparator::le: return {std::nullopt, bound{x, true}};
    case comparator::lt: return {std::nullopt, bound{x, false}};
    case comparator::eq:
    case comparator::none: break;
    }
    return {bound{x, true}, bound{x, true}};
}

// Lower bound `inner` is at least as tight as `outer`.
bool lower_within(const std::optional<bound>& inner, const std::optional<bound>& outer) noexcept {
    if (!outer) return true;
    if (!inner) return false;
    const int c = compare(inner->at, outer->at);
    return c > 0 || (c == 0 && (outer->inclusive || !inner->inclusive));
}

bool upper_within(const std::optional<bound>& inner, const std::optional<bound>& outer) noexcept {
    if (!outer) return true;
    if (!inner) return false;
    const int c = compare(inner->at, outer->at);
    return c < 0 || (c == 0 && (outer->inclusive || !inner->inclusive));
}

// Upper bound `hi` lies below lower bound `lo`: the two sets share nothing.
bool below(const std::optional<bound>& hi, const std::optional<bound>& lo) noexcept {
    if (!hi || !lo) return false;
    const int c = compare(hi->at, lo->at);
    return c < 0 || (c == 0 && !(hi->inclusive && lo->inclusive));
}

bool touches(const std::optional<bound>& a, const std::optional<bound>& b) noexcept {
    return a && b && compare(a->at, b->at) == 0;
}

judgement decide(const interval& want, const interval& got, bool approx) noexcept {
    if (lower_within(got.lo, want.lo) && upper_within(got.hi, want.hi)) {
        // "约90%" against "≥90%": an approximation right at the bound could be either side.
        if (approx && (touches(got.lo, want.lo) || touches(got.hi, want.hi))) return {verdict::unknown, verdict_reason::undecided};
        return {verdict::met, verdict_reason::none};
    }
    if (below(got.hi, want.lo) || below(want.hi, got.lo)) return {verdict::not_met, verdict_reason::none};
    return {verdict::unknown, verdict_reason::undecided};
}

bool is_quantity(const value& v) noexcept {
    return (v.kind == value_kind::quantity || v.kind == value_kind::range) && v.number.has_value();
}

// --- quantities ---------------------------------------------------------------------

judgement judge_quantities(const value& t, const value& a) noexcept {
    const decimal one{1, 0}, minus_one{-1, 0};
    const bool t_dim = t.dim != dimension::none, a_dim = a.dim != dimension::none;
    bool use_base = false;
    if (t_dim && a_dim) {
        if (t.dim != a.dim || t.base_unit != a.base_unit) return {verdict::unknown, verdict_reason::units_differ};
        use_base = t.base_number.has_value() && a.base_number.has_value();
    } else if (t_dim || a_dim) {
        // One side has a unit the table knows, the other none written.
        const value& bare = t_dim ? a : t;
        const value& other = t_dim ? t : a;
        if (!bare.unit.empty()) return {verdict::unknown, verdict_reason::units_differ};
        if (other.dim == dimension::ratio) {
            // a bare number against a percent: only a fraction compares (0.8 vs 80%)
            const auto fraction = [&](const std::optional<decimal>& x) {
                return !x || (compare(*x, one) <= 0 && compare(*x, minus_one) >= 0);
            };
            if (!fraction(bare.number) || !fraction(bare.upper)) return {verdict::unknown, verdict_reason::units_differ};
        }
    } else if (t.unit != a.unit && !t.unit.empty() && !a.unit.empty()) {
        return {verdict::unknown, verdict_reason::units_differ};
    }
    const decimal& tn = use_base ? *t.base_number : *t.number;
    const std::optional<decimal>& tu = use_base ? t.base_upper : t.upper;
    const decimal& an = use_base ? *a.base_number : *a.number;
    const std::optional<decimal>& au = use_base ? a.base_upper : a.upper;
    const comparator target_op = t.op == comparator::none ? comparator::ge : t.op;
    return decide(interval_of(target_op, tn, tu), interval_of(a.op, an, au), a.approx);
}

// --- dates --------------------------------------------------------------------------

decimal day_number(const calendar_date& d) noexcept {
    return decimal{static_cast<std::int64_t>(d.year) * 10000 + d.month * 100 + d.day, 0};
}

judgement judge_dates(const value& t, const value& a) noexcept {
    const date_span& ts = *t.date;
    const date_span& as = *a.date;
    if ((ts.first.year == 0) != (as.first.year == 0)) return {verdict::unknown, verdict_reason::no_year};
    // A target date is a due date: by its last day, unless it says 后 (from its first day).
    interval want;
    if (t.op == comparator::ge || t.op == comparator::gt) want.lo = bound{day_number(ts.first), t.op == comparator::ge};
    else want.hi = bound{day_number(ts.last), t.op != comparator::lt};
    interval got;
    if (a.op == comparator::le || a.op == comparator::lt) {
        got.hi = bound{day_number(as.last), true};
    } else if (a.op == comparator::ge || a.op == comparator::gt) {
        got.lo = bound{day_number(as.first), true};
    } else {
        got.lo = bound{day_number(as.first), true};
        got.hi = bound{day_number(as.last), true};
    }
    return decide(want, got, a.approx);
}

// --- qualitative --------------------------------------------------------------------

bool ordered(qualitative_scale s) noexcept {
    return s == qualitative_scale::grade || s == qualitative_scale::quality || s == qualitative_scale::achievement ||
           s == qualitative_scale::pass || s == qualitative_scale::satisfaction;
}

// The scale two words share, with each one's rank on it.
bool common_scale(const value& t, const value& a, qualitative_scale& scale, int& tr, int& ar) {
    auto entries = [](const value& v) {
        auto hits = detail::find_qualitative(v.category);
        return hits;
    };
    // The canonical category may be a different word than the one written
    // (良好 → 良); look up both the canonical word and the primary membership.
    const auto th = entries(t);
    const auto ah = entries(a);
    auto try_pair = [&](qualitative_scale s1, int r1, qualitative_scale s2, int r2) {
        if (s1 != s2 || s1 == qualitative_scale::none) return false;
        scale = s1;
        tr = r1;
        ar = r2;
        return true;
    };
    if (try_pair(t.scale, t.rank, a.scale, a.rank)) return true;
    for (const auto& x : th)
        for (const auto& y : ah)
            if (try_pair(x.scale, x.rank, y.scale, y.rank)) return true;
    for (const auto& x : th)
        if (try_pair(x.scale, x.rank, a.scale, a.rank)) return true;
    for (const auto& y : ah)
        if (try_pair(t.scale, t.rank, y.scale, y.rank)) return true;
    return false;
}

judgement judge_qualitative(const value& t, const value& a) {
    qualitative_scale scale = qualitative_scale::none;
    int tr = 0, ar = 0;
    if (!common_scale(t, a, scale, tr, ar)) return {verdict::unknown, verdict_reason::scales_differ};
    if (ordered(scale)) {
        // rank 1 is best: "≥良好" (and a plain 良好) is met by 良好 and 优秀.
        const decimal want{-tr, 0}, got{-ar, 0};
        const comparator op = t.op == comparator::none ? comparator::ge : t.op;
        return decide(interval_of(op, want, std::nullopt), interval_of(a.op, got, std::nullopt), false);
    }
    if (tr == ar) return {verdict::met, verdict_reason::none};
    if (scale == qualitative_scale::level && tr == 2) return {verdict::unknown, verdict_reason::undecided};
    return {verdict::not_met, verdict_reason::none};
}

std::string text_key(const value& v) {
    if (!v.category.empty()) return v.category;
    std::string cleaned;
    detail::clean_text(v.raw, cleaned);
    std::string out;
    for (char c : cleaned)
        if (c != ' ') out.push_back(c);
    return out;
}

// "=" or "≥" with nothing after it.
bool only_comparator(const value& v) {
    std::string cleaned;
    detail::clean_text(v.raw, cleaned);
    std::string_view s = cleaned;
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    for (const detail::comparator_word& w : detail::leading_comparators())
        if (s.size() >= w.text.size() && s.substr(0, w.text.size()) == w.text) {
            s.remove_prefix(w.text.size());
            break;
        }
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    return s.empty();
}

}  // namespace

const char* to_string(verdict v) noexcept {
    switch (v) {
    case verdict::met: return "met";
    case verdict::not_met: return "not_met";
    case verdict::unknown: break;
    }
    return "unknown";
}

const char* to_string(verdict_reason r) noexcept {
    switch (r) {
    case verdict_reason::none: return "";
    case verdict_reason::target_missing: return "target_missing";
    case verdict_reason::actual_missing: return "actual_missing";
    case verdict_reason::target_incomplete: return "target_incomplete";
    case verdict_reason::not_applicable: return "not_applicable";
    case verdict_reason::kinds_differ: return "kinds_differ";
    case verdict_reason::units_differ: return "units_differ";
    case verdict_reason::scales_differ: return "scales_differ";
    case verdict_reason::text_differs: return "text_differs";
    case verdict_reason::undecided: return "undecided";
    case verdict_reason::no_year: return "no_year";
    case verdict_reason::polarity_unknown: return "polarity_unknown";
    }
    return "";
}

judgement assess(const value* target, const value* actual) {
    const auto blank = [](const value* v) { return v == nullptr || is_blank(v->raw); };
    if (blank(target)) return {verdict::unknown, verdict_reason::target_missing};
    if (blank(actual)) return {verdict::unknown, verdict_reason::actual_missing};
    const value& t = *target;
    const value& a = *actual;
    if (t.kind == value_kind::not_applicable || a.kind == value_kind::not_applicable)
        return {verdict::unknown, verdict_reason::not_applicable};
    if (t.kind == value_kind::text && t.op != comparator::none && only_comparator(t))
        return {verdict::unknown, verdict_reason::target_incomplete};
    // The filler's own verdict written as the actual ("达成预期指标", "部分达成年度指标并具有一定
    // 效果", "未达成年度指标且效果较差"), whatever the target: achieved meets it, the rest do not.
    if (a.kind == value_kind::qualitative && a.scale == qualitative_scale::achievement && t.scale != qualitative_scale::achievement)
        return {a.rank == 1 ? verdict::met : verdict::not_met, verdict_reason::none};
    // Allocation failure propagates (std::bad_alloc): a verdict is never guessed for want of memory.
    if (is_quantity(t) && is_quantity(a)) return judge_quantities(t, a);
    if (t.kind == value_kind::date && a.kind == value_kind::date) return judge_dates(t, a);
    if (t.kind == value_kind::qualitative && a.kind == value_kind::qualitative) return judge_qualitative(t, a);
    if (t.kind == value_kind::text && a.kind == value_kind::text) {
        if (t.op != a.op) return {verdict::unknown, verdict_reason::text_differs};
        if (text_key(t) == text_key(a)) return {verdict::met, verdict_reason::none};
        return {verdict::unknown, verdict_reason::text_differs};
    }
    return {verdict::unknown, verdict_reason::kinds_differ};
}

verdict judge(const value* target, const value* actual) { return assess(target, actual).result; }

}  // namespace v0
}  // namespace jixiao
