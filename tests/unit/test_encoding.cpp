#include <jixiao/jixiao.hpp>

#include <doctest/doctest.h>

#include <fstream>
#include <iterator>
#include <string>

using namespace jixiao;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// UTF-16 of a UTF-8 string with code points below U+10000, as bytes.
std::string utf16(std::u16string_view s, bool little_endian, bool bom) {
    std::string out;
    auto put = [&](char16_t u) {
        const auto lo = static_cast<char>(u & 0xFF), hi = static_cast<char>(u >> 8);
        if (little_endian) {
            out += lo;
            out += hi;
        } else {
            out += hi;
            out += lo;
        }
    };
    if (bom) put(0xFEFF);
    for (char16_t u : s) put(u);
    return out;
}

// "\t单位名称\n\t衡阳市\n" in GBK (GB2312 range: identical in GB18030).
const std::string gbk_cells = "\t\xB5\xA5\xCE\xBB\xC3\xFB\xB3\xC6\n\t\xBA\xE2\xD1\xF4\xCA\xD0\n";
const std::string utf8_cells = "\t单位名称\n\t衡阳市\n";

}  // namespace

TEST_CASE("encoding: UTF-8 with and without a byte order mark") {
    auto plain = decode_text(utf8_cells);
    REQUIRE(plain.ok());
    CHECK(plain.value().encoding == "utf-8");
    CHECK(plain.value().found == encoding_source::utf8);
    CHECK(plain.value().utf8 == utf8_cells);
    CHECK(plain.value().line_starts.empty());

    auto bom = decode_text("\xEF\xBB\xBF" + utf8_cells);
    REQUIRE(bom.ok());
    CHECK(bom.value().found == encoding_source::bom);
    CHECK(bom.value().bom == 3);
    CHECK(bom.value().utf8 == utf8_cells);
}

TEST_CASE("encoding: UTF-16LE and UTF-16BE with a byte order mark") {
    const std::u16string_view text = u"\t单位名称\n\t衡阳市\n";
    for (bool le : {true, false}) {
        CAPTURE(le);
        auto r = decode_text(utf16(text, le, true));
        REQUIRE(r.ok());
        CHECK(r.value().encoding == (le ? "utf-16le" : "utf-16be"));
        CHECK(r.value().found == encoding_source::bom);
        CHECK(r.value().bom == 2);
        CHECK(r.value().utf8 == utf8_cells);
        // line 2 starts after BOM (2 bytes) + 6 code units of line 1
        REQUIRE(r.value().line_starts.size() == 3);
        CHECK(r.value().line_starts[0] == 2);
        CHECK(r.value().line_starts[1] == 2 + 6 * 2);
    }
}

TEST_CASE("encoding: lines of a UTF-16 text with CR line ends only (classic Mac OS)") {
    auto r = decode_text(utf16(u"\tA\r\tB\r", true, true));
    REQUIRE(r.ok());
    REQUIRE(r.value().line_starts.size() == 3);
    CHECK(r.value().line_starts[1] == 2 + 3 * 2);
    auto doc = read_bytes(utf16(u"\tA\r\tB\r\r\tC\r\tD\r", true, true), "mac.txt");
    REQUIRE(doc.ok());
    REQUIRE(doc.value().tables.size() == 1);
    CHECK(doc.value().tables[0].cells()[1].at.offset == 8);
}

TEST_CASE("encoding: a code point past the BMP in UTF-16 (surrogate pair)") {
    // U+20BB7 𠮷 = D842 DFB7
    const std::string bytes = std::string("\xFF\xFE\x42\xD8\xB7\xDF\x0A\x00", 8);
    auto r = decode_text(bytes);
    REQUIRE(r.ok());
    CHECK(r.value().utf8 == "𠮷\n");
}

TEST_CASE("encoding: UTF-16 errors are located in bytes: lone surrogate, odd length") {
    // BOM, 'A', LF, a lone trail surrogate at byte 6
    const std::string lone = std::string("\xFF\xFE\x41\x00\x0A\x00\x00\xDC\x42\x00", 10);
    auto r = decode_text(lone);
    REQUIRE_FALSE(r.ok());
    CHECK(r.err().code == errc::encoding);
    CHECK(r.err().at.offset == 6);
    CHECK(r.err().at.line == 2);

    // an odd byte at the end: a truncated code unit
    const std::string odd = std::string("\xFE\xFF\x00\x41\x00", 5);
    auto t = decode_text(odd);
    REQUIRE_FALSE(t.ok());
    CHECK(t.err().code == errc::encoding);
    CHECK(t.err().at.offset == 4);
    CHECK(t.err().message.find("truncated") != std::string::npos);
}

TEST_CASE("encoding: GBK text without a byte order mark is read as GB18030") {
    auto r = decode_text(gbk_cells);
    REQUIRE(r.ok());
    CHECK(r.value().encoding == "gb18030");
    CHECK(r.value().found == encoding_source::gb18030);
    CHECK(r.value().utf8 == utf8_cells);
    REQUIRE(r.value().line_starts.size() == 3);
    CHECK(r.value().line_starts[1] == 10);  // TAB + 4 chars × 2 bytes + LF
}

TEST_CASE("encoding: GB18030 four-byte sequences (U+00A0, U+20AC)") {
    // U+00A0 = 81 30 84 32, U+20AC = A2 E3 in GB18030
    auto r = decode_text("\t\x81\x30\x84\x32\xA2\xE3\xB5\xA5\n");
    REQUIRE(r.ok());
    CHECK(r.value().encoding == "gb18030");
    CHECK(r.value().utf8 == "\t\u00A0€单\n");
}

TEST_CASE("encoding: bytes invalid in UTF-8 and GB18030 are an error at the first bad UTF-8 byte") {
    auto r = decode_text("\tA\n\tB\xFF\n");
    REQUIRE_FALSE(r.ok());
    CHECK(r.err().code == errc::encoding);
    CHECK(r.err().at.offset == 5);
    CHECK(r.err().at.line == 2);
    CHECK(r.err().message.find("invalid UTF-8 at byte 5") != std::string::npos);
    CHECK(r.err().message.find("GB18030") != std::string::npos);
}

TEST_CASE("encoding: damaged UTF-8 stays a UTF-8 error, never GB18030 mojibake") {
    // Many good UTF-8 sequences and one bad byte that happens to be valid GB18030 with its neighbour.
    std::string s;
    for (int i = 0; i < 20; ++i) s += "\t单位名称\n";
    s += "\t\xC0\xAF\n";  // overlong '/', also a valid GBK pair
    auto r = decode_text(s);
    REQUIRE_FALSE(r.ok());
    CHECK(r.err().at.offset == s.size() - 3);
    CHECK(r.err().at.line == 21);
}

TEST_CASE("encoding: a named encoding is used as named") {
    auto gbk = decode_text(gbk_cells, "GBK");
    REQUIRE(gbk.ok());
    CHECK(gbk.value().encoding == "gbk");
    CHECK(gbk.value().found == encoding_source::named);
    CHECK(gbk.value().utf8 == utf8_cells);

    // Valid GB18030 bytes named UTF-8 are a UTF-8 error.
    auto u = decode_text(gbk_cells, "utf-8");
    REQUIRE_FALSE(u.ok());
    CHECK(u.err().at.offset == 1);

    // UTF-16LE without a byte order mark, named
    auto le = decode_text(utf16(u"\tA\n", true, false), "utf-16le");
    REQUIRE(le.ok());
    CHECK(le.value().utf8 == "\tA\n");

    // Big5 (always valid GB18030 too, so never guessed): 單位 = B3 E6 A6 EC
    auto big5 = decode_text("\t\xB3\xE6\xA6\xEC\n", "big5");
    REQUIRE(big5.ok());
    CHECK(big5.value().utf8 == "\t單位\n");

    auto unknown = decode_text("x", "no-such-encoding");
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.err().code == errc::invalid_argument);
}

TEST_CASE("encoding: UTF-16 without a byte order mark is detected when there is enough text") {
    std::u16string text;
    for (int i = 0; i < 40; ++i) text += u"\tIndicator 指标 " + std::u16string(1, static_cast<char16_t>(u'0' + i % 10)) + u"\n";
    auto r = decode_text(utf16(text, true, false));
    REQUIRE(r.ok());
    CHECK(r.value().encoding == "utf-16le");
    CHECK(r.value().found == encoding_source::detected);
    CHECK(r.value().confidence >= 20);
}

TEST_CASE("encoding: random binary is an error, not a guess") {
    std::string junk;
    std::uint32_t x = 12345;
    for (int i = 0; i < 4096; ++i) {
        x = x * 1103515245u + 12345u;
        junk += static_cast<char>(x >> 24);
    }
    auto r = decode_text(junk);
    CHECK_FALSE(r.ok());
    CHECK(r.err().code == errc::encoding);
}

TEST_CASE("encoding: empty input is UTF-8") {
    auto r = decode_text("");
    REQUIRE(r.ok());
    CHECK(r.value().encoding == "utf-8");
    CHECK(r.value().utf8.empty());
}

TEST_CASE("encoding: read_bytes reports the encoding and keeps offsets in the input's bytes") {
    auto r = read_bytes(gbk_cells, "x.txt");
    REQUIRE(r.ok());
    CHECK(r.value().source.encoding == "gb18030");
    bool guessed = false;
    for (const diagnostic& d : r.value().diags) guessed = guessed || d.code == "text.encoding_guessed";
    CHECK(guessed);
    REQUIRE(r.value().tables.size() == 1);
    CHECK(r.value().tables[0].cells()[1].text == "衡阳市");
    CHECK(r.value().tables[0].cells()[1].at.offset == 10);

    auto u16 = read_bytes(utf16(u"\t单位名称\n\t衡阳市\n", true, true), "x.txt");
    REQUIRE(u16.ok());
    CHECK(u16.value().source.encoding == "utf-16le");
    CHECK(u16.value().tables[0].cells()[1].at.offset == 14);

    read_options forced;
    forced.encoding = "utf-8";
    CHECK(read_bytes(gbk_cells, "x.txt", forced).err().code == errc::encoding);
}

TEST_CASE("encoding: the seed's GB18030 and UTF-16 copies give the seed's forms") {
    const std::string dir = JIXIAO_CORPUS_DIR;
    auto seed = read_bytes(slurp(dir + "/text/hunan/nanyue-canlian-2020.txt"), "seed");
    REQUIRE(seed.ok());
    json_options o;
    o.tables = false;
    // Everything but the source and the byte offsets (which count the input's own bytes).
    auto strip = [&](document d) {
        d.source = {};
        d.diags.clear();
        std::string j = to_json(d, o);
        std::string out;
        for (std::size_t i = 0; i < j.size();) {
            const std::size_t k = j.find("\"offset\": ", i);
            if (k == std::string::npos) {
                out.append(j, i, std::string::npos);
                break;
            }
            out.append(j, i, k - i);
            i = k;
            while (i < j.size() && j[i] != ',' && j[i] != '}' && j[i] != '\n') ++i;
        }
        return out;
    };
    const std::string want = strip(seed.value());
    for (const char* copy : {"/text/encodings/nanyue-canlian-2020.gb18030.txt", "/text/encodings/nanyue-canlian-2020.utf16le.txt"}) {
        CAPTURE(copy);
        auto r = read_bytes(slurp(dir + copy), "copy");
        REQUIRE(r.ok());
        CHECK(r.value().source.encoding != "utf-8");
        CHECK(r.value().forms.size() == seed.value().forms.size());
        CHECK(strip(r.value()) == want);
    }
}

TEST_CASE("encoding: a long UTF-16 text decodes whole, a surrogate pair across ICU's 64 KiB chunks included") {
    // Lines of "指标N\n" and, at every 97th line, 𠮷 (a pair): more than 64 KiB of input, which
    // the decoder hands ICU in chunks of 65,536 bytes, with a pair whose two units lie on either
    // side of the first chunk's end. The text and every line start must come out as written.
    std::string bytes("\xFF\xFE", 2);
    std::string want;
    std::vector<std::uint64_t> starts{2};
    const auto put16 = [&](char16_t u) {
        bytes.push_back(static_cast<char>(u & 0xFF));
        bytes.push_back(static_cast<char>(u >> 8));
    };
    for (int line = 0; bytes.size() < 3 * 65536; ++line) {
        if (bytes.size() < 65536 && bytes.size() + 64 >= 65536) {
            // The first chunk is bytes [2, 65538): its last unit, at 65536, is the lead.
            while (bytes.size() < 65536) {
                put16(u'x');
                want += 'x';
            }
            put16(0xD842);
            put16(0xDFB7);
            want += "𠮷";
        }
        put16(u'指');
        put16(u'标');
        want += "指标";
        for (char c : std::to_string(line)) {
            put16(static_cast<char16_t>(c));
            want += c;
        }
        if (line % 97 == 0) {
            put16(0xD842);
            put16(0xDFB7);
            want += "𠮷";
        }
        put16(u'\n');
        want += '\n';
        starts.push_back(bytes.size());
    }
    REQUIRE(bytes.substr(65536, 4) == std::string("\x42\xD8\xB7\xDF", 4));
    auto r = decode_text(bytes);
    REQUIRE(r.ok());
    CHECK(r.value().encoding == "utf-16le");
    CHECK(r.value().utf8 == want);
    CHECK(r.value().line_starts == starts);
}
