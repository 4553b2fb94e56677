// The label keys' fast path (ASCII and CJK unified ideographs, which NFKC
// leaves alone) gives what the whole NFKC path gives.
#include <doctest/doctest.h>

#include <jixiao/document.hpp>

#include "detail/utf8.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

using jixiao::detail::label_key;
using jixiao::detail::label_key_nfkc;

TEST_CASE("utf8: label keys — the fast path agrees with NFKC on every corpus cell and on edge cases") {
    const std::string cases[] = {
        "", "单位名称", "单 位 名 称：", "单位名称:", "年初预算数（A）", "年初预算数(A)", "资金情况（万元）", "执行率(B/A)",
        "产\t出\n指\r标", "一\x0b二\x0c三", "ctl\x01x", "　全角空格", "ＡＢＣ１２３％", "①1500人次", "e\xcc\x81", "丽\xef\xa4\x80",
        "\xe4\xb8\x80\xe9\xbf\xbf", "\xe4\xb7\xbf", "\xea\xb0\x80", "≥80%", "目标1：提高", "::", "a:b:", "\xe4\xb8",
    };
    for (const std::string& s : cases) {
        INFO(s);
        CHECK(label_key(s) == label_key_nfkc(s));
    }
    std::size_t cells = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(JIXIAO_CORPUS_DIR)) {
        if (!e.is_regular_file() || e.path().filename().string().ends_with(".json")) continue;
        std::ifstream in(e.path(), std::ios::binary);
        const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        auto r = jixiao::read_bytes(bytes, e.path().string());
        if (!r) continue;
        for (const jixiao::grid& g : r.value().tables)
            for (const jixiao::grid_cell& c : g.cells()) {
                ++cells;
                INFO(c.text);
                CHECK(label_key(c.text) == label_key_nfkc(c.text));
            }
    }
    CHECK(cells > 1000);
}
