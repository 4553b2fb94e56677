// The label keys' fast path (ASCII and CJK unified ideographs, which NFKC
// leaves alone) gives what the whole NFKC path gives.
#include <doctest/doctest.h>

#include <jixiao/document.hpp>

#include "detail/utf8.hpp"

#include <utf8proc.h>

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

TEST_CASE("utf8: label keys — the fast path agrees with NFKC for every character, alone and between others") {
    std::size_t wrong = 0;
    std::string one, three;
    // the fast set lies in the BMP; past it both paths are NFKC's
    for (char32_t cp = 1; cp <= 0xFFFF; ++cp) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        one.clear();
        jixiao::detail::append_utf8(one, cp);
        three = "资" + one + "a";
        wrong += label_key(one) != label_key_nfkc(one) || label_key(three) != label_key_nfkc(three);
    }
    CHECK(wrong == 0);
}

TEST_CASE("utf8: next_code_point judges every sequence of up to three bytes as utf8proc does") {
    // The inline decoder against utf8proc_iterate, the library it replaced on the hot path:
    // every 1-, 2- and 3-byte string, and 4-byte strings over every lead byte with
    // continuation bytes at the edges of their ranges (0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF and others).
    const auto agree = [](const unsigned char* bytes, std::size_t n) {
        const std::string_view s(reinterpret_cast<const char*>(bytes), n);
        std::size_t i = 0;
        const char32_t ours = jixiao::detail::next_code_point(s, i);
        utf8proc_int32_t theirs = 0;
        const utf8proc_ssize_t len = utf8proc_iterate(bytes, static_cast<utf8proc_ssize_t>(n), &theirs);
        if (len <= 0) return ours == 0xFFFD && i == 1;
        return ours == static_cast<char32_t>(theirs) && i == static_cast<std::size_t>(len);
    };
    std::size_t disagreements = 0, tried = 0;
    unsigned char b[4];
    for (unsigned x = 0; x < 256; ++x) {
        b[0] = static_cast<unsigned char>(x);
        disagreements += !agree(b, 1), ++tried;
        for (unsigned y = 0; y < 256; ++y) {
            b[1] = static_cast<unsigned char>(y);
            disagreements += !agree(b, 2), ++tried;
            for (unsigned z = 0; z < 256; ++z) {
                b[2] = static_cast<unsigned char>(z);
                disagreements += !agree(b, 3), ++tried;
            }
        }
    }
    const unsigned char edges[] = {0x00, 0x41, 0x7F, 0x80, 0x81, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xE0, 0xF0, 0xF4, 0xFF};
    for (unsigned x = 0xC0; x < 256; ++x)
        for (unsigned char y : edges)
            for (unsigned char z : edges)
                for (unsigned char w : edges) {
                    b[0] = static_cast<unsigned char>(x), b[1] = y, b[2] = z, b[3] = w;
                    disagreements += !agree(b, 4), ++tried;
                }
    CHECK(tried > 16'000'000);
    CHECK(disagreements == 0);
}

TEST_CASE("utf8: append_utf8 writes what next_code_point reads, for every scalar value") {
    std::size_t wrong = 0;
    std::string out;
    for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
        if (cp >= 0xD800 && cp <= 0xDFFF) continue;
        out.clear();
        jixiao::detail::append_utf8(out, cp);
        utf8proc_uint8_t buf[4];
        const utf8proc_ssize_t n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
        std::size_t i = 0;
        wrong += out != std::string_view(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n)) ||
                 jixiao::detail::next_code_point(out, i) != cp || i != out.size();
    }
    CHECK(wrong == 0);
    out.clear();
    jixiao::detail::append_utf8(out, 0xD800);  // a surrogate is no character: U+FFFD
    CHECK(out == "\xEF\xBF\xBD");
}
