#include <doctest/doctest.h>
#include <jixiao/document.hpp>
#include <jixiao/grid.hpp>

#include <algorithm>
#include <string>

using namespace jixiao;

namespace {
grid grid_of(std::string_view text, diagnostics& d) {
    auto r = read_text(text, read_options{}, d);
    REQUIRE(r.ok());
    REQUIRE(r.value().tables.size() == 1);
    return build_grid(r.value().tables[0], 0, d);
}

std::size_t count(const diagnostics& d, std::string_view code) {
    return static_cast<std::size_t>(std::count_if(d.begin(), d.end(), [&](const diagnostic& x) { return x.code == code; }));
}

// Every slot points at a cell whose rectangle contains it, and only those.
void check_invariants(const grid& g) {
    for (std::uint32_t r = 0; r < g.rows(); ++r)
        for (std::uint32_t c = 0; c < g.cols(); ++c) {
            const grid_cell& x = g.at(r, c);
            CHECK(x.row <= r);
            CHECK(r < x.row + x.rowspan);
            CHECK(x.col <= c);
            CHECK(c < x.col + x.colspan);
        }
}
}  // namespace

TEST_CASE("grid: bare cells continue the cell above") {
    diagnostics d;
    const grid g = grid_of("\t目标1\n\t产出指标\n\t数量指标\n\n\t\n\t\n\t质量指标\n", d);
    REQUIRE(g.rows() == 2);
    REQUIRE(g.cols() == 3);
    check_invariants(g);
    CHECK(g.at(1, 0).text == "目标1");
    CHECK(g.at(1, 0).rowspan == 2);
    CHECK(g.at(1, 0).inferred);
    CHECK(g.at(1, 1).text == "产出指标");
    CHECK(g.at(1, 2).text == "质量指标");
    CHECK(g.cells().size() == 4);
    CHECK(count(d, "grid.merge_inferred") == 2);
}

TEST_CASE("grid: bare cells in the first row are empty cells") {
    diagnostics d;
    const grid g = grid_of("\t\n\tA\n\n\tB\n\tC\n", d);
    REQUIRE(g.rows() == 2);
    CHECK(g.at(0, 0).text.empty());
    CHECK(g.at(0, 0).rowspan == 1);
    CHECK(g.at(1, 0).text == "B");
}

TEST_CASE("grid: a row of only bare cells is dropped — with a diagnostic at its line") {
    diagnostics d;
    const grid g = grid_of("\tA\n\tB\n\n\t\n\t\n\n\tC\n\tD\n", d);
    CHECK(g.rows() == 2);
    CHECK(g.at(1, 0).text == "C");
    CHECK(g.at(0, 0).rowspan == 1);  // the dropped row did not extend anything
    REQUIRE(count(d, "grid.row_dropped") == 1);
    const auto it = std::find_if(d.begin(), d.end(), [](const diagnostic& x) { return x.code == "grid.row_dropped"; });
    CHECK(it->at.line == 4);
}

TEST_CASE("grid: short rows get horizontal spans — reported with the line") {
    diagnostics d;
    // Column profile from full rows: label | name | value | value. The short
    // row's number belongs in a value column; its long name spans two columns.
    const std::string text =
        "\t产出指标\n\t扶持残疾人就业\n\t≥2人\n\t4人\n\n"
        "\t效益指标\n\t残疾人就业率指标\n\t≥80%\n\t0.8\n\n"
        "\t满意度指标\n\t残疾人满意度\n\t1\n";
    const grid g = grid_of(text, d);
    REQUIRE(g.cols() == 4);
    check_invariants(g);
    const grid_cell& last = g.at(2, 3);
    CHECK(last.text == "1");
    CHECK(last.colspan == 1);
    CHECK(g.at(2, 1).text == "残疾人满意度");
    CHECK(g.at(2, 1).colspan == 2);
    CHECK(g.at(2, 1).inferred);
    CHECK(count(d, "grid.span_inferred") == 1);
}

TEST_CASE("grid: a trailing comparator makes the name cell swallow the target column") {
    diagnostics d;
    const std::string text =
        "\t一级指标\n\t三级指标\n\t指标值\n\t完成值\n\t原因\n\n"
        "\t产出指标\n\t合格率\n\t≥80%\n\t0.8\n\t\xC2\xA0\n\n"
        "\t效益指标\n\t就业率\n\t≥90%\n\t0.9\n\t\xC2\xA0\n\n"
        "\t\n\t满意度 =\n\t1\n\t\xC2\xA0\n";
    const grid g = grid_of(text, d);
    check_invariants(g);
    CHECK(g.at(3, 1).text == "满意度 =");
    CHECK(g.at(3, 1).colspan == 2);
    CHECK(g.at(3, 3).text == "1");
    CHECK(g.at(3, 0).text == "效益指标");  // the bare cell continued the label above
}

TEST_CASE("grid: a two-row header is placed by the bare cells of the complete row below") {
    // 零陵 2021 (corpus/text/hunan-department): 8 header cells over 9 columns, 指标值 over
    // 年度指标值 | 实际完成值; the other labels are continued by bare cells in the row below.
    diagnostics d;
    const std::string text =
        "\t年度绩效指标\n\t一级指标\n\t二级指标\n\t三级指标\n\t指标值\n\t分值\n\t得分\n\t偏差原因\n\n"
        "\t\n\t\n\t\n\t\n\t年度指标值\n\t实际完成值\n\t\n\t\n\t\n\n"
        "\t\n\t产出指标\n\t数量指标\n\t指标1：接种率\n\t≥90%\n\t98.6%\n\t10\n\t10\n\t\xC2\xA0\n\n"
        "\t\n\t\n\t质量指标\n\t指标1：检测比例\n\t≥95%\n\t96%\n\t10\n\t10\n\t\xC2\xA0\n";
    const grid g = grid_of(text, d);
    check_invariants(g);
    REQUIRE(g.cols() == 9);
    CHECK(g.at(0, 4).text == "指标值");
    CHECK(g.at(0, 4).col == 4);
    CHECK(g.at(0, 4).colspan == 2);
    CHECK(g.at(1, 4).text == "年度指标值");
    for (std::uint32_t c : {0u, 1u, 2u, 3u, 6u, 7u, 8u}) {
        CAPTURE(c);
        CHECK(g.at(1, c).row == 0);  // continued from the header row
        CHECK(g.at(1, c).colspan == 1);
    }
    CHECK(g.at(0, 3).text == "三级指标");
    CHECK(count(d, "grid.bare_as_empty") == 0);
    auto r = read_bytes("\t项目支出绩效自评表\n\n" + text, "t.txt");
    REQUIRE(r.ok());
    REQUIRE(r.value().forms.size() == 1);
    REQUIRE(r.value().forms[0].indicators.size() == 2);
    CHECK(r.value().forms[0].indicators[0].name == "接种率");
    CHECK(r.value().forms[0].indicators[1].name == "检测比例");
}

TEST_CASE("grid: rows with equal cell counts share their placement") {
    diagnostics d;
    const std::string text =
        "\tA\n\t产出指标\n\t数量指标\n\t名称一\n\t≥1\n\t1\n\n"
        "\tB\n\t效益指标\n\t社会效益\n\t名称二\n\t≥2\n\t2\n\n"
        "\t资金情况\n\t年初预算\n\t实际投入\n\n"
        "\t\n\t55\n\t274\n";
    const grid g = grid_of(text, d);
    check_invariants(g);
    REQUIRE(g.rows() == 4);
    const grid_cell& a = g.at(2, 5);
    const grid_cell& b = g.at(3, 5);
    CHECK(a.col == b.col);
    CHECK(a.colspan == b.colspan);
    CHECK(g.at(3, 0).text == "资金情况");  // bare first cell continued the block label
    CHECK(g.at(3, 0).rowspan == 2);
}

TEST_CASE("grid: declared spans are placed as written") {
    raw_table t;
    t.spans_declared = true;
    raw_row r0, r1, r2;
    r0.cells.resize(2);
    r0.cells[0].text = "A";
    r0.cells[0].vertical = vmerge::restart;
    r0.cells[1].text = "B";
    r0.cells[1].colspan = 2;
    r1.cells.resize(2);
    r1.cells[0].vertical = vmerge::continue_;
    r1.cells[1].text = "C";
    r2.cells.resize(1);
    r2.cells[0].vertical = vmerge::continue_;  // continues A; the row is short
    t.rows = {r0, r1, r2};
    diagnostics d;
    const grid g = build_grid(t, 0, d);
    REQUIRE(g.rows() == 3);
    REQUIRE(g.cols() == 3);
    check_invariants(g);
    CHECK(g.at(2, 0).text == "A");
    CHECK(g.at(0, 0).rowspan == 3);
    CHECK(g.at(0, 1).colspan == 2);
    CHECK(g.at(1, 2).text.empty());  // short row filled with an empty cell
    CHECK_FALSE(g.at(0, 0).inferred);
    CHECK(d.empty());
}

TEST_CASE("grid: a table given up (raw_table&&) gives the same grid — its texts moved not copied") {
    raw_table t;
    t.spans_declared = true;
    raw_row r0, r1;
    r0.cells.resize(2);
    r0.cells[0].text = "目标1：一段足够长而不能放进短字符串缓冲区的文字";
    r0.cells[0].vertical = vmerge::restart;
    r0.cells[1].text = "B";
    r0.cells[1].nested = {1};
    r1.cells.resize(2);
    r1.cells[0].vertical = vmerge::continue_;
    r1.cells[1].text = "C";
    t.rows = {r0, r1};
    diagnostics d1, d2;
    const grid kept = build_grid(t, 0, d1);
    raw_table given = t;
    const grid moved = build_grid(std::move(given), 0, d2);
    REQUIRE(moved.cells().size() == kept.cells().size());
    for (std::size_t i = 0; i < kept.cells().size(); ++i) {
        CHECK(moved.cells()[i].text == kept.cells()[i].text);
        CHECK(moved.cells()[i].rowspan == kept.cells()[i].rowspan);
        CHECK(moved.cells()[i].colspan == kept.cells()[i].colspan);
        CHECK(moved.cells()[i].nested == kept.cells()[i].nested);
    }
    CHECK(d1.size() == d2.size());
    CHECK(t.rows[0].cells[0].text == kept.at(1, 0).text);  // the const overload left its table alone
}

TEST_CASE("grid: a vMerge continue with nothing above starts a cell — with a warning") {
    raw_table t;
    t.spans_declared = true;
    raw_row r0;
    r0.cells.resize(1);
    r0.cells[0].vertical = vmerge::continue_;
    r0.cells[0].text = "x";
    t.rows = {r0};
    diagnostics d;
    const grid g = build_grid(t, 0, d);
    CHECK(g.rows() == 1);
    CHECK(g.at(0, 0).text == "x");
    REQUIRE(d.size() == 1);
    CHECK(d[0].code == "grid.vmerge_without_start");
    CHECK(d[0].level == severity::warning);
}

TEST_CASE("grid: an empty table gives an empty grid") {
    diagnostics d;
    const grid g = build_grid(raw_table{}, 0, d);
    CHECK(g.rows() == 0);
    CHECK(g.cols() == 0);
}

TEST_CASE("grid: the constructor fills holes and orders cells by anchor") {
    std::vector<grid_cell> cells(2);
    cells[0].row = 1;
    cells[0].text = "late";
    cells[1].row = 0;
    cells[1].colspan = 2;
    cells[1].text = "top";
    const grid g(2, 2, cells);
    check_invariants(g);
    CHECK(g.cells().front().text == "top");
    CHECK(g.at(1, 1).text.empty());
    CHECK(g.cells().size() == 3);
}

TEST_CASE("grid: random tables always give valid grids — and forms never crash on them") {
    // A fixed-seed generator, so a failure reproduces.
    std::uint64_t state = 0x9E3779B97F4A7C15ull;
    auto next = [&](std::uint64_t n) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state % n;
    };
    const char* pool[] = {"", "\xC2\xA0", "目标1", "产出指标", "数量指标", "≥80%", "0.8", "良好", "5.6万", "残疾人满意度 =",
                          "一级指标", "三级指标", "指标值", "资金情况（万元）", "年初预算数", "单位名称", "总分", "1,500",
                          "一段很长的说明文字，超过三十个字的那种，用来测试长文本列的对齐情况是否正确"};
    for (int round = 0; round < 400; ++round) {
        std::string text;
        const std::uint64_t rows = 1 + next(12);
        for (std::uint64_t r = 0; r < rows; ++r) {
            const std::uint64_t cells = 1 + next(9);
            for (std::uint64_t c = 0; c < cells; ++c) {
                text += '\t';
                text += pool[next(sizeof pool / sizeof pool[0])];
                text += '\n';
            }
            text += '\n';
        }
        auto doc = read_bytes(text, "random.txt");
        REQUIRE(doc.ok());
        for (const grid& g : doc.value().tables) {
            check_invariants(g);
            std::size_t area = 0;
            for (const grid_cell& c : g.cells()) area += std::size_t{c.rowspan} * c.colspan;
            CHECK(area == std::size_t{g.rows()} * g.cols());  // no overlaps, no holes
        }
    }
}
