// Label text: joining, points, markers, codes, check boxes, and the word lists
// that give indicator groups and funds rows their canonical codes.
//
// Sources of the word lists: ../shared/reference/domain.md §4.1–4.2 (taxonomy)
// and §4.4 (fund row labels). Add a wording here, not a case in form.cpp.
#include "form/labels.hpp"

#include "detail/utf8.hpp"

#include <algorithm>

namespace jixiao::detail {

namespace {

bool is_cjk(char32_t cp) noexcept {
    return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF) ||
           (cp >= 0x3001 && cp <= 0x303F) || (cp >= 0xFF01 && cp <= 0xFF60);
}

bool starts_with(std::string_view s, std::string_view x) { return s.size() >= x.size() && s.substr(0, x.size()) == x; }
bool ends_with(std::string_view s, std::string_view x) { return s.size() >= x.size() && s.substr(s.size() - x.size()) == x; }

std::u32string decode(std::string_view s) {
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) out.push_back(next_code_point(s, i));
    return out;
}
std::string encode(std::u32string_view s) {
    std::string out;
    for (char32_t cp : s) append_utf8(out, cp);
    return out;
}

bool is_digit(char32_t c) { return (c >= '0' && c <= '9') || (c >= U'０' && c <= U'９'); }
char ascii_digit(char32_t c) { return static_cast<char>(c >= U'０' ? c - U'０' + '0' : c); }

// "50", "22.5", "５０" at s[i…]: the number as ASCII and the index after it.
std::optional<std::pair<std::string, std::size_t>> number_at(std::u32string_view s, std::size_t i) {
    std::string out;
    std::size_t j = i;
    bool dot = false;
    while (j < s.size()) {
        if (is_digit(s[j])) out += ascii_digit(s[j]);
        else if ((s[j] == '.' || s[j] == U'．') && !dot && !out.empty() && j + 1 < s.size() && is_digit(s[j + 1])) {
            out += '.';
            dot = true;
        } else break;
        ++j;
    }
    if (out.empty()) return std::nullopt;
    return std::make_pair(out, j);
}

bool is_open(char32_t c) { return c == '(' || c == U'（'; }
bool is_close(char32_t c) { return c == ')' || c == U'）'; }

// A "(50分)" / "（50）" / "(20分*执行率)" group: its number. `whole` says the
// group holds nothing but the points (so the label can drop it).
struct points_group {
    std::size_t begin, end;  // the group's code points [begin, end)
    std::string number;
    bool whole;
};
std::optional<points_group> find_points(std::u32string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (!is_open(s[i])) continue;
        std::size_t close = i + 1;
        while (close < s.size() && !is_close(s[close]) && !is_open(s[close])) ++close;
        if (close >= s.size() || !is_close(s[close])) continue;
        for (std::size_t j = i + 1; j < close; ++j) {
            if (!is_digit(s[j]) || (j > i + 1 && is_digit(s[j - 1]))) continue;
            auto n = number_at(s, j);
            if (!n) continue;
            std::size_t k = n->second;
            const bool fen = k < close && s[k] == U'分';
            const bool alone = j == i + 1 && (k == close || (fen && k + 1 == close));
            if (fen || alone) return points_group{i, close + 1, n->first, alone};
        }
    }
    return std::nullopt;
}

std::string trimmed(std::string_view s) { return std::string(trim(s)); }

// The label, lines joined, with ★ / ☆ taken out (`core` set when there were any).
std::string unstarred(std::string_view raw, bool& core);

}  // namespace

std::string join_lines(std::string_view text) {
    const std::string_view t = trim(text);
    // Most labels hold no blank inside: nothing to join, the text as it is.
    // (U+FFFD, which an invalid byte also decodes to, takes the long way.)
    bool plain = true;
    for (std::size_t i = 0; i < t.size() && plain;) {
        const char32_t cp = next_code_point(t, i);
        plain = !is_blank_cp(cp) && cp != 0xFFFD;
    }
    if (plain) return std::string(t);
    const std::u32string s = decode(t);
    std::u32string out;
    for (std::size_t i = 0; i < s.size();) {
        if (!is_blank_cp(s[i])) {
            out.push_back(s[i++]);
            continue;
        }
        std::size_t j = i;
        bool line_break = false;
        while (j < s.size() && is_blank_cp(s[j])) line_break |= s[j] == '\n' || s[j] == '\r', ++j;
        // Blanks between two CJK characters go (vertical labels, "满意 度指 标");
        // a line break next to one goes too (a label wrapped in a narrow cell).
        const bool prev_cjk = !out.empty() && is_cjk(out.back()), next_cjk = j < s.size() && is_cjk(s[j]);
        const bool join = (prev_cjk && next_cjk) || (line_break && (prev_cjk || next_cjk));
        if (!join) out.push_back(' ');
        i = j;
    }
    return encode(out);
}

namespace {
std::string unstarred(std::string_view raw, bool& core) {
    std::string s = join_lines(raw);  // valid UTF-8: a star's bytes are a star
    for (std::string_view star : {std::string_view("★"), std::string_view("☆")})
        for (std::size_t at = s.find(star); at != std::string::npos; at = s.find(star, at)) {
            s.erase(at, star.size());
            core = true;
        }
    return s;
}

// The code point at s[i] (s valid UTF-8) is one of `set`; i is advanced past it when it is.
bool take_one_of(std::string_view s, std::size_t& i, std::u32string_view set) {
    std::size_t n = i;
    if (i >= s.size() || set.find(next_code_point(s, n)) == std::u32string_view::npos) return false;
    i = n;
    return true;
}
}  // namespace

std::optional<decimal> declared_points(std::string_view text) {
    const std::u32string s = decode(text);
    auto g = find_points(s);
    if (!g) return std::nullopt;
    return decimal::parse(g->number);
}

label_parts level_label(std::string_view raw) {
    label_parts out;
    std::string text = unstarred(raw, out.core);
    // Points are in a bracket or written last ("…50分"): most labels have neither.
    if (text.find('(') == std::string::npos && text.find("（") == std::string::npos && !ends_with(text, "分")) {
        out.text = trimmed(text);
        return out;
    }
    std::u32string s = decode(text);
    if (auto g = find_points(s); g && g->whole) {
        out.points = decimal::parse(g->number);
        s.erase(g->begin, g->end - g->begin);
    } else {
        // "产出指标50分": points written after the label without brackets.
        if (!s.empty() && s.back() == U'分') {
            std::size_t b = s.size() - 1;
            while (b > 0 && (is_digit(s[b - 1]) || s[b - 1] == '.')) --b;
            if (b < s.size() - 1 && b > 0 && is_cjk(s[b - 1])) {
                out.points = decimal::parse(encode(s.substr(b, s.size() - 1 - b)));
                s.erase(b);
            }
        }
    }
    out.text = trimmed(encode(s));
    return out;
}

label_parts indicator_name(std::string_view raw) {
    label_parts out;
    std::string s = unstarred(raw, out.core);
    // "指标1：", "指标 12:", "指标一、"
    constexpr std::string_view prefix = "指标";
    if (s.size() > prefix.size() && starts_with(s, prefix)) {
        std::size_t j = prefix.size();
        while (j < s.size() && s[j] == ' ') ++j;
        std::size_t k = j;
        while (take_one_of(s, k, U"0123456789０１２３４５６７８９一二三四五六七八九十")) {}
        if (k > j) {
            while (take_one_of(s, k, U":：、.． ")) {}
            s.erase(0, k);
        }
    }
    out.text = trimmed(s);
    // Nothing but ellipses, asterisks and dashes: an unfilled template row.
    out.placeholder = true;
    for (std::size_t i = 0; i < out.text.size() && out.placeholder;) {
        const char32_t c = next_code_point(out.text, i);
        out.placeholder = is_blank_cp(c) || std::u32string_view(U"…. *＊-—_、").find(c) != std::u32string_view::npos;
    }
    if (out.placeholder) out.text.clear();
    return out;
}

std::optional<name_template> template_in_name(std::string_view name) {
    // Only a name that ends with a closing bracket holds a template.
    if (const std::string_view end = trim(name); !ends_with(end, ")") && !ends_with(end, "）")) return std::nullopt;
    const std::u32string s = decode(name);
    // The last bracketed group: ( comparator [*…] unit ).
    std::size_t close = s.size();
    while (close > 0 && is_blank_cp(s[close - 1])) --close;
    if (close == 0 || !is_close(s[close - 1])) return std::nullopt;
    std::size_t open = close - 1;
    while (open > 0 && !is_open(s[open - 1])) --open;
    if (open == 0) return std::nullopt;
    std::u32string_view inner = std::u32string_view(s).substr(open, close - 1 - open);
    name_template t;
    for (std::u32string_view op : {U"≥", U"≤", U">=", U"<=", U"＞", U"＜", U">", U"<", U"=", U"＝"})
        if (inner.substr(0, op.size()) == op) {
            t.comparator = encode(op);
            inner.remove_prefix(op.size());
            break;
        }
    if (t.comparator.empty()) return std::nullopt;
    while (!inner.empty() && (inner.front() == '*' || inner.front() == U'＊' || is_blank_cp(inner.front()))) inner.remove_prefix(1);
    // The unit: short, no digits (a number there is a filled-in target, not a template).
    if (inner.size() > 6 || std::any_of(inner.begin(), inner.end(), [](char32_t c) { return is_digit(c); })) return std::nullopt;
    t.unit = encode(inner);
    return t;
}

std::pair<std::optional<std::string>, std::string> split_code(std::string_view text) {
    const std::string_view t = trim(text);
    std::size_t i = 0;
    bool digit = false;
    while (i < t.size() && ((t[i] >= '0' && t[i] <= '9') || (t[i] >= 'A' && t[i] <= 'Z') || (t[i] >= 'a' && t[i] <= 'z'))) {
        digit |= t[i] >= '0' && t[i] <= '9';
        ++i;
    }
    if (i < 3 || !digit) return {std::nullopt, std::string(t)};
    std::size_t j = i;
    bool sep = false;
    for (std::string_view s : {"-", "－", "—", "_", " ", "\u3000"})
        if (t.substr(j).starts_with(s)) {
            j += s.size();
            sep = true;
            break;
        }
    if (!sep) return {std::nullopt, std::string(t)};
    const std::string_view rest = trim(t.substr(j));
    // The name must hold some non-ASCII text ("2023年社区矫正工作经费" counts),
    // and a year range ("2020-2021年度") is no code.
    const bool named = std::any_of(rest.begin(), rest.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    const bool year_range = i == 4 && !rest.empty() && rest[0] >= '0' && rest[0] <= '9' && rest.size() >= 4 &&
                            std::all_of(rest.begin(), rest.begin() + 4, [](char c) { return c >= '0' && c <= '9'; });
    if (rest.empty() || !named || year_range) return {std::nullopt, std::string(t)};
    return {std::string(t.substr(0, i)), std::string(rest)};
}

std::vector<std::string> checked_options(std::string_view text, bool* has_boxes) {
    auto checked = [](char32_t c) { return c == U'☑' || c == U'■' || c == U'√' || c == U'✓' || c == U'✔' || c == U'☒' || c == U'▣'; };
    auto unchecked = [](char32_t c) { return c == U'□' || c == U'☐' || c == U'▢'; };
    const std::u32string s = decode(text);
    // Segments between boxes, and the boxes between them.
    std::vector<std::u32string> parts(1);
    std::vector<bool> ticks;
    for (char32_t c : s) {
        if (checked(c) || unchecked(c)) {
            ticks.push_back(checked(c));
            parts.emplace_back();
        } else {
            parts.back().push_back(c);
        }
    }
    if (has_boxes) *has_boxes = !ticks.empty();
    std::vector<std::string> out;
    if (ticks.empty()) return out;
    auto clean = [](const std::u32string& p) {
        std::string o = join_lines(encode(p));
        // "1、部门预算项目" → "部门预算项目"; a trailing separator goes too.
        std::size_t i = 0;
        while (i < o.size() && o[i] >= '0' && o[i] <= '9') ++i;
        std::string_view v = o;
        if (i > 0)
            for (std::string_view sep : {"、", ".", "．", ")", "）"})
                if (v.substr(i).starts_with(sep)) {
                    v = v.substr(i + sep.size());
                    break;
                }
        return std::string(trim(v));
    };
    // Boxes before their options ("☑A □B"), unless the text ends with a box and
    // does not start with one ("A☑ B□").
    const bool after = trim(encode(parts.front())).size() > 0 && trim(encode(parts.back())).empty();
    for (std::size_t b = 0; b < ticks.size(); ++b) {
        if (!ticks[b]) continue;
        std::string o = clean(after ? parts[b] : parts[b + 1]);
        if (!o.empty()) out.push_back(std::move(o));
    }
    return out;
}

namespace {

struct code_entry {
    std::string_view key;
    std::string_view code;
};

// clang-format off
// 一级指标 (domain.md §4.1). Keys without a trailing 指标.
constexpr code_entry level1_table[] = {
    {"产出", "output"}, {"项目产出", "output"}, {"效益", "benefit"}, {"项目效益", "benefit"}, {"效果", "effect"},
    {"满意度", "satisfaction"}, {"服务对象满意度", "satisfaction"}, {"社会公众或服务对象满意度", "satisfaction"},
    {"成本", "cost"}, {"过程", "process"}, {"投入", "input"},
    {"决策", "decision"}, {"项目决策", "decision"}, {"部门决策", "decision"},
    {"管理", "management"}, {"项目管理", "management"}, {"综合管理", "management"},
    {"部门绩效情况", "dept_performance"}, {"部门绩效", "dept_performance"}, {"项目绩效", "dept_performance"},
    {"履职效能", "duty_efficacy"}, {"管理效率", "mgmt_efficiency"},
};
// 二级指标 (domain.md §4.2). Keys without a trailing 指标 and without a leading 产出/项目.
constexpr code_entry level2_table[] = {
    {"数量", "quantity"}, {"质量", "quality"}, {"时效", "timeliness"}, {"成本", "cost"},
    {"经济成本", "economic_cost"}, {"社会成本", "social_cost"}, {"生态环境成本", "eco_env_cost"}, {"环境成本", "eco_env_cost"},
    {"经济效益", "economic_benefit"}, {"社会效益", "social_benefit"},
    {"生态效益", "ecological_benefit"}, {"环境效益", "ecological_benefit"}, {"生态环境效益", "ecological_benefit"},
    {"可持续影响", "sustainability"}, {"可持续效益", "sustainability"}, {"可持续性", "sustainability"},
    {"可持续发展", "sustainability"}, {"可持续", "sustainability"},
    {"服务对象满意度", "service_satisfaction"}, {"社会公众或服务对象满意度", "service_satisfaction"},
    {"满意度", "service_satisfaction"}, {"社会公众满意度", "service_satisfaction"},
};
// Funds rows (domain.md §4.4, fund row labels). Keys as label_key leaves them,
// without a leading 其中 and numbering.
constexpr code_entry funds_table[] = {
    {"年度资金总额", "total"}, {"年度财政资金总额", "total"}, {"年度总金额", "total"}, {"总额", "total"},
    {"合计", "total"}, {"资金总额", "total"}, {"总计", "total"}, {"年度资金总量", "total"},
    {"当年财政拨款", "fiscal"}, {"本年财政拨款", "fiscal"}, {"本年一般公共预算拨款", "fiscal"},
    {"当年一般公共预算拨款", "fiscal"}, {"一般公共预算拨款", "fiscal"}, {"财政资金", "fiscal"}, {"财政拨款", "fiscal"},
    {"一般预算内拨款", "fiscal"}, {"中央、省、市补助县级资金", "fiscal"}, {"一般公共预算", "fiscal"},
    {"财政资金小计", "fiscal"}, {"当年财政资金", "fiscal"},
    {"上年结转资金", "carryover"}, {"上年结转", "carryover"}, {"上年结余结转资金", "carryover"},
    {"其他资金", "other"}, {"其他资金小计", "other"}, {"其它资金", "other"},
    {"财政专户管理资金", "special_account"}, {"纳入专户管理的非税收入拨款", "special_account"},
    {"政府性基金拨款", "gov_fund"}, {"政府性基金", "gov_fund"},
    {"单位资金", "unit_funds"}, {"自有资金", "unit_funds"},
    {"基本支出", "basic"}, {"项目支出", "project"},
    {"中央及省级财政资金", "central"}, {"市级财政资金", "city"}, {"县(市、区)财政资金", "county"}, {"县级财政资金", "county"},
};
// clang-format on

std::string_view find_code(const code_entry* b, const code_entry* e, std::string_view key) {
    for (const code_entry* x = b; x != e; ++x)
        if (x->key == key) return x->code;
    return {};
}

std::string strip_suffix(std::string key, std::string_view suffix) {
    if (ends_with(key, suffix) && key.size() > suffix.size()) key.resize(key.size() - suffix.size());
    return key;
}

}  // namespace

std::string_view level1_code(std::string_view clean) {
    const std::string key = strip_suffix(label_key(clean), "指标");
    return find_code(std::begin(level1_table), std::end(level1_table), key);
}

std::string_view level2_code(std::string_view clean) {
    std::string key = strip_suffix(label_key(clean), "指标");
    if (auto c = find_code(std::begin(level2_table), std::end(level2_table), key); !c.empty()) return c;
    for (std::string_view prefix : {"产出", "项目"})
        if (starts_with(key, prefix) && key.size() > prefix.size())
            return find_code(std::begin(level2_table), std::end(level2_table), std::string_view(key).substr(prefix.size()));
    return {};
}

bool lower_may_be_better(std::string_view name) {
    // clang-format off
    static constexpr std::string_view words[] = {
        "控制率", "调整率", "结余率", "结转率", "变动率", "发生率", "事故", "投诉", "上访", "受害", "成灾", "变质",
        "死亡", "伤亡", "超支", "损失", "违规", "违纪", "差错", "失误", "不合格", "返工", "逾期", "空置",
        "闲置", "流失", "欠款", "赔付", "火灾", "污染", "超标",
    };
    // clang-format on
    const std::string key = label_key(name);
    return std::any_of(std::begin(words), std::end(words), [&](std::string_view w) { return key.find(w) != std::string::npos; });
}

std::string_view funds_row_key(std::string_view label) {
    std::string key = label_key(label);
    // "其中：", "按收入性质分：" and circled or bracketed numbering before the name.
    for (bool changed = true; changed;) {
        changed = false;
        for (std::string_view p : {"其中:", "其中"})
            if (starts_with(key, p) && key.size() > p.size()) key.erase(0, p.size()), changed = true;
        // Numbering: "1." "(2)" "3、", and ① ② ③, which label_key folds to digits.
        std::size_t i = key.starts_with("(") ? 1 : 0;
        const std::size_t d = i;
        while (i < key.size() && key[i] >= '0' && key[i] <= '9') ++i;
        if (i > d && i < key.size()) {
            for (std::string_view sep : {")", ".", "、", ""})
                if (std::string_view(key).substr(i).starts_with(sep)) {
                    key.erase(0, i + sep.size());
                    changed = true;
                    break;
                }
        }
    }
    key = strip_suffix(strip_suffix(key, ":"), "(万元)");
    if (auto c = find_code(std::begin(funds_table), std::end(funds_table), key); !c.empty()) return c;
    // "一般公共预算:XX万元": the amount typed after the label.
    if (auto colon = key.find(':'); colon != std::string::npos)
        return find_code(std::begin(funds_table), std::end(funds_table), std::string_view(key).substr(0, colon));
    return {};
}

}  // namespace jixiao::detail
