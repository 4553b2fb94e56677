// Fuzz target: the grid and form stages from a table built out of the input.
// Bytes are read as instructions: new row, new cell (text from a pool of the
// words forms use, or the input's own bytes), spans and merges, so that the
// search spends its time on table shapes rather than on parsing.
#include <jixiao/jixiao.hpp>

#include "detail/utf8.hpp"

#include <cstdint>
#include <string_view>

namespace {
constexpr std::string_view pool[] = {
    "", "\xC2\xA0", "目标1", "目标2：甲", "一级指标", "二级指标", "三级指标", "指标值", "全年实际完成值", "分值", "得分",
    "产生差异的原因及改进措施", "产出指标", "数量指标", "效益指标", "满意度指标", "≥80%", "0.8", "≤2万", "5.6万", "良好",
    "长期", "残疾人满意度 =", "资金情况（万元）", "年初预算数", "全年预算数", "全年执行数", "执行率", "合计", "55", "274",
    "总体目标", "年度目标", "年度总体目标完成情况", "单位名称", "单位负责人及电话", "张三13900000000", "总分", "自评等级",
    "优", "2020年部门整体支出绩效自评表", "项目名称", "填报人", "—", "1,500", "2,53万"};
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 8192) return 0;
    jixiao::raw_table t;
    std::size_t i = 0;
    auto next = [&]() -> std::uint8_t { return i < size ? data[i++] : 0; };
    t.spans_declared = (next() & 1) != 0;
    t.declared_cols = next() % 8;
    t.rows.emplace_back();
    while (i < size) {
        const std::uint8_t op = next();
        switch (op % 8) {
        case 0:
            if (t.rows.size() < 200) t.rows.emplace_back();
            t.rows.back().grid_before = next() % 3;
            t.rows.back().grid_after = next() % 3;
            break;
        case 1: {  // a cell with the input's own bytes as text, if they are UTF-8
            const std::size_t n = next() % 16;
            std::string_view text(reinterpret_cast<const char*>(data) + i, std::min(n, size - i));
            i += text.size();
            jixiao::raw_cell c;
            if (!jixiao::detail::find_invalid_utf8(text)) c.text.assign(text);
            c.bare = c.text.empty();
            t.rows.back().cells.push_back(std::move(c));
            break;
        }
        default: {  // a cell from the pool, with spans and merges
            jixiao::raw_cell c;
            c.text.assign(pool[next() % (sizeof pool / sizeof pool[0])]);
            c.bare = c.text.empty() && (op & 0x10);
            c.colspan = 1 + (op >> 5) % 3;
            const std::uint8_t m = next();
            c.vertical = static_cast<jixiao::vmerge>(m % 3);
            c.horizontal = static_cast<jixiao::hmerge>((m >> 2) % 3);
            if (t.rows.back().cells.size() < 64) t.rows.back().cells.push_back(std::move(c));
            break;
        }
        }
    }
    jixiao::diagnostics d;
    jixiao::document doc;
    doc.tables.push_back(jixiao::build_grid(t, 0, d));
    // The grid's invariants (grid.hpp): every slot inside its cell, no overlaps, no holes.
    const jixiao::grid& g = doc.tables.back();
    std::uint64_t area = 0;
    for (const jixiao::grid_cell& c : g.cells()) area += std::uint64_t{c.rowspan} * c.colspan;
    if (area != std::uint64_t{g.rows()} * g.cols()) __builtin_trap();
    for (std::uint32_t r = 0; r < g.rows(); ++r)
        for (std::uint32_t k = 0; k < g.cols(); ++k) {
            const jixiao::grid_cell& c = g.at(r, k);
            if (r < c.row || r >= c.row + c.rowspan || k < c.col || k >= c.col + c.colspan) __builtin_trap();
        }
    doc.forms = jixiao::extract_forms(doc.paragraphs, doc.tables, d);
    (void)jixiao::to_json(doc);
    (void)jixiao::to_text(doc);
    return 0;
}
