// The value tables. Text is matched after cleaning (clean.hpp): full-width
// forms are ASCII, traditional numeral characters simplified.
#include "value/tables.hpp"

#include "value/utf8_fast.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace jixiao::detail {

namespace {

using namespace std::string_view_literals;

using d = dimension;

// Units. Within a dimension every entry names the base unit it converts to;
// factors are exact decimals (a 亩 is 2000/3 m², not a decimal: it stays its
// own base unit). Count words are each their own base: 3个 and 3项 do not compare.
constexpr unit_info units[] = {
    // money
    {"元", d::money, "元"},
    {"块", d::money, "元"},
    {"块钱", d::money, "元"},
    {"元钱", d::money, "元"},
    {"圆", d::money, "元"},
    {"人民币", d::money, "元"},
    {"元人民币", d::money, "元"},
    {"美元", d::money, "美元"},
    {"美金", d::money, "美元"},
    {"欧元", d::money, "欧元"},
    {"英镑", d::money, "英镑"},
    {"日元", d::money, "日元"},
    {"港元", d::money, "港元"},
    {"港币", d::money, "港元"},
    {"澳元", d::money, "澳元"},
    {"韩元", d::money, "韩元"},
    {"泰铢", d::money, "泰铢"},
    {"卢布", d::money, "卢布"},
    {"印度卢布", d::money, "印度卢布"},
    {"新台币", d::money, "新台币"},
    {"台币", d::money, "新台币"},
    // people
    {"人", d::people, "人"},
    {"名", d::people, "人"},
    {"位", d::people, "人"},
    {"个人", d::people, "人"},
    {"人次", d::people, "人次"},
    // counts
    {"个", d::count, "个"},
    {"项", d::count, "项"},
    {"次", d::count, "次"},
    {"座", d::count, "座"},
    {"起", d::count, "起"},
    {"篇", d::count, "篇"},
    {"件", d::count, "件"},
    {"户", d::count, "户"},
    {"所", d::count, "所"},
    {"家", d::count, "家"},
    {"场", d::count, "场"},
    {"期", d::count, "期"},
    {"批", d::count, "批"},
    {"台", d::count, "台"},
    {"套", d::count, "套"},
    {"辆", d::count, "辆"},
    {"本", d::count, "本"},
    {"份", d::count, "份"},
    {"处", d::count, "处"},
    {"条", d::count, "条"},
    {"张", d::count, "张"},
    {"册", d::count, "册"},
    {"间", d::count, "间"},
    {"棵", d::count, "棵"},
    {"株", d::count, "株"},
    {"例", d::count, "例"},
    {"家次", d::count, "家次"},
    {"个次", d::count, "个次"},
    {"次数", d::count, "次"},
    // area
    {"平方米", d::area, "平方米"},
    {"平方", d::area, "平方米"},
    {"平米", d::area, "平方米"},
    {"m\u00B2", d::area, "平方米"},
    {"m2", d::area, "平方米"},
    {"平方公里", d::area, "平方米", 1, 6},
    {"km\u00B2", d::area, "平方米", 1, 6},
    {"公顷", d::area, "平方米", 1, 4},
    {"亩", d::area, "亩"},
    // length
    {"米", d::length, "米"},
    {"m", d::length, "米"},
    {"公里", d::length, "米", 1, 3},
    {"千米", d::length, "米", 1, 3},
    {"km", d::length, "米", 1, 3},
    {"厘米", d::length, "米", 1, -2},
    {"cm", d::length, "米", 1, -2},
    // weight
    {"千克", d::weight, "千克"},
    {"公斤", d::weight, "千克"},
    {"kg", d::weight, "千克"},
    {"克", d::weight, "千克", 1, -3},
    {"g", d::weight, "千克", 1, -3},
    {"斤", d::weight, "千克", 5, -1},
    {"吨", d::weight, "千克", 1, 3},
    {"t", d::weight, "千克", 1, 3},
    // time: days and working days apart; months, quarters and years in months
    {"日", d::time, "日"},
    {"天", d::time, "日"},
    {"周", d::time, "日", 7, 0},
    {"个工作日", d::time, "工作日"},
    {"工作日", d::time, "工作日"},
    {"月", d::time, "月"},
    {"个月", d::time, "月"},
    {"季度", d::time, "月", 3, 0},
    {"个季度", d::time, "月", 3, 0},
    {"年", d::time, "月", 12, 0},
    {"小时", d::time, "小时"},
};

constexpr std::array<fraction_unit, 6> fractions{{
    {"%", "%", -2},
    {"‰", "‰", -3},
    {"‱", "‱", -4},
    {"个百分点", "个百分点", -2},
    {"百分点", "个百分点", -2},
    {"成", "成", -1},
}};

constexpr std::array<period_info, 9> periods{{
    {"年", "年", 1},
    {"每年", "年", 1},
    {"半年", "年", 2},
    {"季度", "年", 4},
    {"季", "年", 4},
    {"月", "年", 12},
    {"周", "周", 0},
    {"日", "日", 0},
    {"天", "日", 0},
}};

constexpr std::array<period_info, 15> prefixes{{
    {"每半年", "年", 2},
    {"每季度", "年", 4},
    {"每季", "年", 4},
    {"每年", "年", 1},
    {"一年", "年", 1},
    {"年均", "年", 1},
    {"全年", "年", 1},
    {"每月", "年", 12},
    {"一月", "年", 12},
    {"每个月", "年", 12},
    {"每周", "周", 0},
    {"一周", "周", 0},
    {"每天", "日", 0},
    {"每日", "日", 0},
    {"一天", "日", 0},
}};

using q = qualitative_scale;

// Sorted by text (byte order) for binary search; a word on two scales has two
// adjacent entries, the primary first.
constexpr auto make_qualitative() {
    std::array<qualitative_info, 62> a{{
        // grade: 优 > 良 > 中 > 差 (the 10号 grade bands)
        {"优", q::grade, 1, "优"},
        {"优秀", q::grade, 1, "优"},
        {"良", q::grade, 2, "良"},
        {"良好", q::grade, 2, "良"},
        {"中等", q::grade, 3, "中"},
        {"中", q::level, 2, "中"},
        {"中", q::grade, 3, "中"},
        {"差", q::grade, 4, "差"},
        {"差", q::quality, 5, "差"},
        // quality: 好 > 较好 > 一般 > 较差 > 差
        {"好", q::quality, 1, "好"},
        {"很好", q::quality, 1, "好"},
        {"非常好", q::quality, 1, "好"},
        {"较好", q::quality, 2, "较好"},
        {"比较好", q::quality, 2, "较好"},
        {"一般", q::quality, 3, "一般"},
        {"较差", q::quality, 4, "较差"},
        {"比较差", q::quality, 4, "较差"},
        {"很差", q::quality, 5, "差"},
        // level: 高 > 中 > 低 (polarity unknown)
        {"高", q::level, 1, "高"},
        {"低", q::level, 3, "低"},
        // achievement: 达成 > 部分达成 > 未达成
        {"达成", q::achievement, 1, "达成"},
        {"已达成", q::achievement, 1, "达成"},
        {"全部达成", q::achievement, 1, "达成"},
        {"完成", q::achievement, 1, "达成"},
        {"已完成", q::achievement, 1, "达成"},
        {"全部完成", q::achievement, 1, "达成"},
        {"全面完成", q::achievement, 1, "达成"},
        {"按时完成", q::achievement, 1, "达成"},
        {"达成年度指标", q::achievement, 1, "达成"},
        {"达成预期指标", q::achievement, 1, "达成"},
        {"达到预期", q::achievement, 1, "达成"},
        {"达到预期目标", q::achievement, 1, "达成"},
        {"达标", q::pass, 1, "合格"},
        {"部分达成", q::achievement, 2, "部分达成"},
        {"部分完成", q::achievement, 2, "部分达成"},
        {"基本完成", q::achievement, 2, "部分达成"},
        {"基本达成", q::achievement, 2, "部分达成"},
        {"部分达成年度指标并具有一定效果", q::achievement, 2, "部分达成"},
        {"未达成", q::achievement, 3, "未达成"},
        {"未完成", q::achievement, 3, "未达成"},
        {"没有完成", q::achievement, 3, "未达成"},
        {"未达成年度指标且效果较差", q::achievement, 3, "未达成"},
        // pass: 合格 > 不合格
        {"合格", q::pass, 1, "合格"},
        {"符合", q::pass, 1, "合格"},
        {"符合要求", q::pass, 1, "合格"},
        {"符合标准", q::pass, 1, "合格"},
        {"不合格", q::pass, 2, "不合格"},
        {"不达标", q::pass, 2, "不合格"},
        {"不符合", q::pass, 2, "不合格"},
        {"不符合要求", q::pass, 2, "不合格"},
        // yes / no
        {"是", q::yes_no, 1, "是"},
        {"否", q::yes_no, 2, "否"},
        // satisfaction: 非常满意 > 满意 > 基本满意 > 不满意
        {"非常满意", q::satisfaction, 1, "非常满意"},
        {"很满意", q::satisfaction, 1, "非常满意"},
        {"满意", q::satisfaction, 2, "满意"},
        {"比较满意", q::satisfaction, 3, "基本满意"},
        {"较满意", q::satisfaction, 3, "基本满意"},
        {"基本满意", q::satisfaction, 3, "基本满意"},
        {"不满意", q::satisfaction, 4, "不满意"},
        {"不太满意", q::satisfaction, 4, "不满意"},
        {"很不满意", q::satisfaction, 4, "不满意"},
        {"非常不满意", q::satisfaction, 4, "不满意"},
    }};
    // insertion sort by text: stable, so the primary entry of a shared word stays first
    for (std::size_t i = 1; i < a.size(); ++i)
        for (std::size_t j = i; j > 0 && a[j].text < a[j - 1].text; --j) {
            const qualitative_info x = a[j];
            a[j] = a[j - 1];
            a[j - 1] = x;
        }
    return a;
}

constexpr std::array<qualitative_info, 62> qualitative = make_qualitative();

// Longest first where one is a prefix of another.
constexpr std::array<comparator_word, 50> leading{{
    {"大于或等于", comparator::ge},
    {"小于或等于", comparator::le},
    {"大于等于", comparator::ge},
    {"小于等于", comparator::le},
    {"不低于", comparator::ge},
    {"不少于", comparator::ge},
    {"不小于", comparator::ge},
    {"不超过", comparator::le},
    {"不高于", comparator::le},
    {"不大于", comparator::le},
    {"不多于", comparator::le},
    {"至少", comparator::ge},
    {"最少", comparator::ge},
    {"最低", comparator::ge},
    {"达到", comparator::ge},
    {"最多", comparator::le},
    {"最高", comparator::le},
    {"控制在", comparator::none},
    {"从", comparator::none},
    {"保持在", comparator::none},
    {"截至", comparator::le},
    {"截止", comparator::le},
    {"不足", comparator::lt},
    {"不到", comparator::lt},
    {"少于", comparator::lt},
    {"多于", comparator::gt},
    {"大于", comparator::gt},
    {"高于", comparator::gt},
    {"超过", comparator::gt},
    {"小于", comparator::lt},
    {"低于", comparator::lt},
    {"等于", comparator::eq},
    {">=", comparator::ge},
    {"=>", comparator::ge},
    {"<=", comparator::le},
    {"=<", comparator::le},
    {"≥", comparator::ge},
    {"≧", comparator::ge},
    {"⩾", comparator::ge},
    {"≤", comparator::le},
    {"≦", comparator::le},
    {"⩽", comparator::le},
    {"==", comparator::eq},
    {"=", comparator::eq},
    {"═", comparator::eq},
    {"﹦", comparator::eq},
    {">", comparator::gt},
    {"<", comparator::lt},
    {"≮", comparator::ge},
    {"≯", comparator::le},
}};

constexpr std::array<comparator_word, 16> trailing{{
    {"(含)以上", comparator::ge},
    {"(含)以下", comparator::le},
    {"以上(含)", comparator::ge},
    {"以下(含)", comparator::le},
    {"及以上", comparator::ge},
    {"及以下", comparator::le},
    {"或以上", comparator::ge},
    {"或以下", comparator::le},
    {"或更多", comparator::ge},
    {"以上", comparator::ge},
    {"以下", comparator::le},
    {"以内", comparator::le},
    {"之内", comparator::le},
    {"之下", comparator::le},
    {"内", comparator::le},
    {"(含)", comparator::none},
}};

constexpr std::array<std::string_view, 8> approx_before{"大约", "大概", "接近", "预计", "约", "近", "≈", "~"};
constexpr std::array<std::string_view, 2> approx_after{"左右", "上下"};

constexpr std::array<std::string_view, 14> not_applicable{
    "—", "——", "-", "--", "---", "/", "\\", "无", "不适用", "不涉及", "N/A", "n/a", "NA", "*",
};

}  // namespace


std::span<const fraction_unit> fraction_units() noexcept { return fractions; }

const period_info* find_period(std::string_view text) noexcept {
    for (const period_info& p : periods)
        if (p.text == text) return &p;
    return nullptr;
}

std::span<const period_info> period_prefixes() noexcept { return prefixes; }

std::span<const qualitative_info> find_qualitative(std::string_view word) noexcept {
    const auto lo = std::lower_bound(qualitative.begin(), qualitative.end(), word,
                                     [](const qualitative_info& e, std::string_view w) { return e.text < w; });
    auto hi = lo;
    while (hi != qualitative.end() && hi->text == word) ++hi;
    return {lo, hi};
}

std::span<const comparator_word> leading_comparators() noexcept { return leading; }
std::span<const comparator_word> trailing_comparators() noexcept { return trailing; }
std::span<const std::string_view> leading_approx() noexcept { return approx_before; }
std::span<const std::string_view> trailing_approx() noexcept { return approx_after; }

namespace {

char32_t first_cp(std::string_view w) noexcept {
    std::size_t i = 0;
    return decode_valid(w, i);
}

char32_t last_cp(std::string_view w) noexcept {
    std::size_t k = w.size() - 1;
    while (k > 0 && (static_cast<unsigned char>(w[k]) & 0xC0) == 0x80) --k;
    return decode_valid(w, k);
}

bool contains(const std::vector<char32_t>& set, char32_t cp) noexcept {
    return std::binary_search(set.begin(), set.end(), cp);
}

std::vector<char32_t> sorted_unique(std::vector<char32_t> v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

std::uint32_t fnv1a(std::string_view s) noexcept {
    std::uint32_t h = 2166136261u;
    for (char c : s) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
    return h;
}

// Units by text: an open-addressing hash table, built once.
struct unit_index {
    static constexpr std::size_t slots = 512;  // a power of two, > 4 × the table
    std::array<const unit_info*, slots> slot{};
    unit_index() noexcept {
        for (const unit_info& u : units) {
            std::size_t k = fnv1a(u.text) & (slots - 1);
            while (slot[k] != nullptr) k = (k + 1) & (slots - 1);
            slot[k] = &u;
        }
    }
    const unit_info* find(std::string_view text) const noexcept {
        for (std::size_t k = fnv1a(text) & (slots - 1); slot[k] != nullptr; k = (k + 1) & (slots - 1))
            if (slot[k]->text == text) return slot[k];
        return nullptr;
    }
};

}  // namespace

bool may_begin_leading_word(char32_t first) {
    static const std::vector<char32_t> set = [] {
        std::vector<char32_t> v;
        for (const comparator_word& w : leading) v.push_back(first_cp(w.text));
        for (std::string_view w : approx_before) v.push_back(first_cp(w));
        return sorted_unique(std::move(v));
    }();
    return contains(set, first);
}

bool may_end_trailing_word(char32_t last) {
    static const std::vector<char32_t> set = [] {
        std::vector<char32_t> v;
        for (const comparator_word& w : trailing) v.push_back(last_cp(w.text));
        for (std::string_view w : approx_after) v.push_back(last_cp(w));
        return sorted_unique(std::move(v));
    }();
    return contains(set, last);
}

const unit_info* find_unit(std::string_view unit) noexcept {
    static const unit_index index;
    if (unit.empty()) return nullptr;
    return index.find(unit);
}

const comparator_word* leading_word(std::string_view s, bool& approx) {
    struct entry {
        char32_t first;
        comparator_word word;
        bool approx;
    };
    // by first code point, then longest first
    static const std::vector<entry> index = [] {
        std::vector<entry> v;
        for (const comparator_word& w : leading) v.push_back({first_cp(w.text), w, false});
        for (std::string_view w : approx_before) v.push_back({first_cp(w), {w, comparator::none}, true});
        std::stable_sort(v.begin(), v.end(), [](const entry& a, const entry& b) {
            return a.first != b.first ? a.first < b.first : a.word.text.size() > b.word.text.size();
        });
        return v;
    }();
    // The first two bytes of every word, as a bitmap: most cells begin with none.
    static const std::vector<bool> two_bytes = [] {
        std::vector<bool> t(65536);
        for (const entry& e : index) {
            const std::string_view w = e.word.text;
            const unsigned b0 = static_cast<unsigned char>(w[0]);
            if (w.size() == 1) {
                for (unsigned b1 = 0; b1 < 256; ++b1) t[b0 << 8 | b1] = true;
            } else {
                t[b0 << 8 | static_cast<unsigned char>(w[1])] = true;
            }
        }
        return t;
    }();
    if (s.empty()) return nullptr;
    const unsigned b0 = static_cast<unsigned char>(s[0]);
    const unsigned b1 = s.size() > 1 ? static_cast<unsigned char>(s[1]) : 0u;
    if (!two_bytes[b0 << 8 | b1]) return nullptr;
    std::size_t i = 0;
    const char32_t first = decode_valid(s, i);
    auto it = std::lower_bound(index.begin(), index.end(), first, [](const entry& e, char32_t c) { return e.first < c; });
    for (; it != index.end() && it->first == first; ++it) {
        const std::string_view w = it->word.text;
        if (s.size() >= w.size() && s.substr(0, w.size()) == w) {
            approx = it->approx;
            return &it->word;
        }
    }
    return nullptr;
}

bool is_not_applicable(std::string_view cleaned) noexcept {
    if (cleaned.empty() || cleaned.size() > 9) return false;  // the longest mark, 不适用, is 9 bytes
    switch (static_cast<unsigned char>(cleaned[0])) {          // the first bytes of the marks
    case 0xE2: return cleaned == "—" || cleaned == "——";
    case 0xE6: case 0xE4: case '-': case '/': case '\\': case 'N': case 'n': case '*': break;
    default: return false;
    }
    return std::find(not_applicable.begin(), not_applicable.end(), cleaned) != not_applicable.end();
}

bool names_money(std::string_view hint) noexcept {
    for (std::string_view w : {"成本"sv, "资金"sv, "经费"sv, "金额"sv, "预算"sv, "补贴"sv, "补助"sv, "费用"sv, "费"sv})
        if (hint.find(w) != std::string_view::npos) return true;
    return false;
}

}  // namespace jixiao::detail
