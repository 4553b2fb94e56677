#include <doctest/doctest.h>

#include <jixiao/write.hpp>

#include "detail/utf8.hpp"
#include "grid_cells.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

using namespace jixiao;

namespace {

// A value cell with only raw text, comparator and unit set (no number).
jixiao::value cell(const char* raw, jixiao::comparator op, const char* unit) {
    jixiao::value v;
    v.raw = raw;
    v.op = op;
    v.unit = unit;
    return v;
}

}  // namespace

namespace {

using jixiao_test::cell;

std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < s.size()) {
        const std::size_t end = s.find('\n', start);
        out.push_back(s.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

}  // namespace

TEST_CASE("text writer: plain 2x2 grid") {
    const grid g(2, 2, {cell("a", 0, 0), cell("b", 0, 1), cell("c", 1, 0), cell("d", 1, 1)});
    CHECK(draw_grid(g) ==
          "┌───┬───┐\n"
          "│ a │ b │\n"
          "├───┼───┤\n"
          "│ c │ d │\n"
          "└───┴───┘\n");
}

TEST_CASE("text writer: column width is the widest cell") {
    const grid g(2, 2, {cell("a", 0, 0), cell("bbb", 0, 1), cell("cc", 1, 0), cell("", 1, 1)});
    CHECK(draw_grid(g) ==
          "┌────┬─────┐\n"
          "│ a  │ bbb │\n"
          "├────┼─────┤\n"
          "│ cc │     │\n"
          "└────┴─────┘\n");
}

TEST_CASE("text writer: a colspan cell has no inner separator") {
    const grid g(2, 2, {cell("title", 0, 0, 1, 2), cell("a", 1, 0), cell("bb", 1, 1)});
    CHECK(draw_grid(g) ==
          "┌────────┐\n"
          "│ title  │\n"
          "├───┬────┤\n"
          "│ a │ bb │\n"
          "└───┴────┘\n");
}

TEST_CASE("text writer: a colspan cell wider than its columns widens the last one") {
    const grid g(2, 2, {cell("abcdefgh", 0, 0, 1, 2), cell("a", 1, 0), cell("b", 1, 1)});
    CHECK(draw_grid(g) ==
          "┌──────────┐\n"
          "│ abcdefgh │\n"
          "├───┬──────┤\n"
          "│ a │ b    │\n"
          "└───┴──────┘\n");
}

TEST_CASE("text writer: a rowspan cell has no rule between its rows and text in its first row") {
    const grid g(2, 2, {cell("x", 0, 0, 2, 1), cell("a", 0, 1), cell("b", 1, 1)});
    CHECK(draw_grid(g) ==
          "┌───┬───┐\n"
          "│ x │ a │\n"
          "│   ├───┤\n"
          "│   │ b │\n"
          "└───┴───┘\n");
}

TEST_CASE("text writer: a cell spanning rows and columns picks every junction") {
    const grid g(3, 3,
                 {cell("m", 0, 0, 2, 2), cell("a", 0, 2), cell("b", 1, 2), cell("c", 2, 0), cell("d", 2, 1),
                  cell("e", 2, 2)});
    CHECK(draw_grid(g) ==
          "┌───────┬───┐\n"
          "│ m     │ a │\n"
          "│       ├───┤\n"
          "│       │ b │\n"
          "├───┬───┼───┤\n"
          "│ c │ d │ e │\n"
          "└───┴───┴───┘\n");
}

TEST_CASE("text writer: a merge in the middle of a row") {
    const grid g(3, 3,
                 {cell("a", 0, 0), cell("b", 0, 1), cell("c", 0, 2), cell("d", 1, 0), cell("m", 1, 1, 2, 1),
                  cell("f", 1, 2), cell("g", 2, 0), cell("i", 2, 2)});
    CHECK(draw_grid(g) ==
          "┌───┬───┬───┐\n"
          "│ a │ b │ c │\n"
          "├───┼───┼───┤\n"
          "│ d │ m │ f │\n"
          "├───┤   ├───┤\n"
          "│ g │   │ i │\n"
          "└───┴───┴───┘\n");
}

TEST_CASE("text writer: CJK text aligns by display width") {
    CHECK(detail::display_width("产出指标") == 8);
    const grid g(2, 2, {cell("一级指标", 0, 0), cell("值", 0, 1), cell("产出指标", 1, 0), cell("80%", 1, 1)});
    const std::string out = draw_grid(g);
    CHECK(out ==
          "┌──────────┬─────┐\n"
          "│ 一级指标 │ 值  │\n"
          "├──────────┼─────┤\n"
          "│ 产出指标 │ 80% │\n"
          "└──────────┴─────┘\n");
    for (const std::string& line : lines_of(out)) CHECK(detail::display_width(line) == 18);
}

TEST_CASE("text writer: long cells are cut with an ellipsis at 40 columns") {
    SUBCASE("ASCII") {
        const grid g(1, 1, {cell(std::string(50, 'a'), 0, 0)});
        CHECK(draw_grid(g) == "┌" + [] {
            std::string s;
            for (int i = 0; i < 42; ++i) s += "─";
            return s;
        }() + "┐\n│ " + std::string(39, 'a') + "… │\n└" + [] {
            std::string s;
            for (int i = 0; i < 42; ++i) s += "─";
            return s;
        }() + "┘\n");
    }
    SUBCASE("CJK is never split and stays within 40 columns") {
        std::string text;
        for (int i = 0; i < 30; ++i) text += "指";
        const grid g(1, 1, {cell(text, 0, 0)});
        const std::vector<std::string> lines = lines_of(draw_grid(g));
        REQUIRE(lines.size() == 3);
        std::string expected = "│ ";
        for (int i = 0; i < 19; ++i) expected += "指";
        expected += "… │";  // 38 columns of CJK and the ellipsis: the next character would pass 40
        CHECK(lines[1] == expected);
        CHECK(!detail::find_invalid_utf8(lines[1]).has_value());
    }
    SUBCASE("exactly 40 columns is not cut") {
        const grid g(1, 1, {cell(std::string(40, 'b'), 0, 0)});
        CHECK(lines_of(draw_grid(g))[1] == "│ " + std::string(40, 'b') + " │");
    }
}

TEST_CASE("text writer: cell text is one line and blank cells are empty") {
    const grid g(1, 3, {cell("a\nb", 0, 0), cell("\u00A0", 0, 1), cell("\u3000 \u3000", 0, 2)});
    CHECK(draw_grid(g) ==
          "┌─────┬──┬──┐\n"
          "│ a b │  │  │\n"
          "└─────┴──┴──┘\n");
}

TEST_CASE("text writer: an empty grid") {
    CHECK(draw_grid(grid{}) == "(empty table)\n");
    CHECK(draw_grid(grid(0, 0, {})) == "(empty table)\n");
}

TEST_CASE("text writer: a document with a table — a form and diagnostics") {
    document doc;
    doc.tables.emplace_back(1, 2, std::vector<grid_cell>{cell("单位", 0, 0), cell("x", 0, 1)});

    form f;
    f.kind = form_kind::project;
    f.title = "2020年度项目支出绩效自评表";
    f.year = 2020;
    f.table = 0;
    f.fields.push_back(field{"项目名称", std::string("残疾人康复"), {}});
    f.fields.push_back(field{"联系电话", std::nullopt, {}});
    funds_block funds;
    funds.unit = "万元";
    funds_row total_row;
    total_row.label = "合计";
    total_row.budget = cell("10", comparator::none, "元");
    total_row.executed = cell("9", comparator::none, "元");
    funds.rows.push_back(total_row);
    f.funds = funds;
    f.overall = overall_goal{std::string("完成康复\n服务"), std::nullopt, {}};
    f.goals.push_back(goal{"目标1", std::string("康复"), {}});
    indicator a;
    a.goal = "目标1";
    a.level1 = "产出指标";
    a.level2 = "数量指标";
    a.name = "服务人数";
    a.target = cell("≥100人", comparator::ge, "人");
    a.actual = cell("120人", comparator::none, "人");
    a.judged = verdict::met;
    indicator b = a;
    b.name = "服务次数";
    b.actual.reset();
    b.judged = verdict::unknown;
    f.indicators = {a, b};
    f.total.score = cell("95", comparator::none, "");
    location at;
    at.line = 12;
    f.diags.push_back(diagnostic{severity::warning, "form.example", "something odd", at});
    doc.forms.push_back(f);
    doc.diags.push_back(diagnostic{severity::info, "grid.span_inferred", "a span was guessed", {}});

    CHECK(to_text(doc) ==
          "table 0: 1×2\n"
          "┌──────┬───┐\n"
          "│ 单位 │ x │\n"
          "└──────┴───┘\n"
          "\n"
          "form 0: project\n"
          "  title: 2020年度项目支出绩效自评表\n"
          "  year: 2020\n"
          "  table: 0\n"
          "  fields:\n"
          "    项目名称: 残疾人康复\n"
          "    联系电话: —\n"
          "  funds (万元):\n"
          "    合计: budget_initial — | budget 10 | executed 9 | rate — | weight — | score — | note —\n"
          "  overall goal:\n"
          "    planned: 完成康复 服务\n"
          "    achieved: —\n"
          "  indicators:\n"
          "    goal 目标1: 康复\n"
          "      产出指标 / 数量指标\n"
          "        服务人数 | ≥100人 | 120人 | met\n"
          "        服务次数 | ≥100人 | — | unknown\n"
          "  total: score 95 | grade —\n"
          "  diagnostics:\n"
          "    warning form.example line 12: something odd\n"
          "\n"
          "diagnostics:\n"
          "  info grid.span_inferred line —: a span was guessed\n");
}

TEST_CASE("text writer: an empty document") {
    CHECK(to_text(document{}) == "diagnostics:\n  (none)\n");
}

TEST_CASE("text writer: every line of an irregular grid has the same width") {
    // Nested merges of mixed widths, as real forms have: a vertical label
    // beside two-level headers, a wide note spanning columns.
    const grid g(5, 4,
                 {cell("绩效指标", 0, 0, 4, 1), cell("一级指标", 0, 1), cell("二级指标", 0, 2), cell("指标值", 0, 3),
                  cell("产出指标", 1, 1, 2, 1), cell("数量", 1, 2), cell("≥100人", 1, 3), cell("质量", 2, 2),
                  cell("100%", 2, 3), cell("一段很长的说明文字横跨两列", 3, 1, 1, 2), cell("x", 3, 3),
                  cell("总分", 4, 0, 1, 3), cell("95", 4, 3)});
    const std::vector<std::string> lines = lines_of(draw_grid(g));
    REQUIRE(lines.size() == 11);
    const std::size_t width = detail::display_width(lines[0]);
    for (const std::string& line : lines) CHECK(detail::display_width(line) == width);
    CHECK(lines[5].find("产出指标") == std::string::npos);  // second row of the 产出指标 merge: no text
    CHECK(lines[4].rfind("│          │ ", 0) == 0);         // no rule inside the rowspans of column 0 and 1
}
