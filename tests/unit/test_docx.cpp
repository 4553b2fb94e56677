#include <doctest/doctest.h>
#include <jixiao/document.hpp>
#include <jixiao/write.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>
#include <string>

using namespace jixiao;
using nlohmann::json;

namespace {

std::string corpus(const std::string& rel) { return std::string(JIXIAO_CORPUS_DIR) + "/" + rel; }

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE(in);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Removes every "at" key: source positions differ between formats by nature.
void strip_positions(json& j) {
    if (j.is_object()) {
        j.erase("at");
        for (auto& [k, v] : j.items()) strip_positions(v);
    } else if (j.is_array()) {
        for (auto& v : j) strip_positions(v);
    }
}

}  // namespace

TEST_CASE("docx: every corpus form saved as .docx gives the same forms as its text copy") {
    // corpus/text/X/Y.txt beside corpus/docx/X/Y.docx: 14 forms of 11 families, the spans of
    // the text copies inferred (two-row headers, label rows, merged labels).
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::recursive_directory_iterator(corpus("text"))) {
        if (e.path().extension() != ".txt") continue;
        const std::filesystem::path rel = std::filesystem::relative(e.path(), corpus("text"));
        const std::string name = (rel.parent_path() / rel.stem()).string();
        if (std::filesystem::exists(corpus("docx/" + name + ".docx"))) names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    CHECK(names.size() >= 14);
    for (const std::string& name : names) {
        CAPTURE(name);
        auto text = read_file(corpus(std::string("text/") + name + ".txt"));
        auto word = read_file(corpus(std::string("docx/") + name + ".docx"));
        REQUIRE(text.ok());
        REQUIRE(word.ok());
        CHECK(word.value().source.format == "docx");
        CHECK(word.value().source.part == "word/document.xml");
        json a = json::parse(to_json(text.value()))["forms"];
        json b = json::parse(to_json(word.value()))["forms"];
        REQUIRE(a.size() >= 1);
        CHECK_FALSE(b[0]["indicators"].empty());
        strip_positions(a);
        strip_positions(b);
        CHECK(a.dump(1) == b.dump(1));
        // The grid is declared in the .docx: nothing inferred.
        for (const grid_cell& c : word.value().tables[0].cells()) CHECK_FALSE(c.inferred);
    }
}

TEST_CASE("docx: read from memory, the title paragraph above the table") {
    const std::string bytes = slurp(corpus("docx/quirks/grid-before-after.docx"));
    diagnostics d;
    std::string part;
    auto raw = read_docx(bytes, read_options{}, d, part);
    REQUIRE(raw.ok());
    CHECK(part == "word/document.xml");
    REQUIRE(raw.value().paragraphs.size() == 1);
    CHECK(raw.value().paragraphs[0].text == "gridBefore on row 2, gridAfter on row 3");
    CHECK(raw.value().paragraphs[0].before_table == 0);
    const raw_table& t = raw.value().tables.at(0);
    CHECK(t.spans_declared);
    CHECK(t.declared_cols == 3);
    CHECK(t.rows.at(1).grid_before == 1);
    CHECK(t.rows.at(2).grid_after == 1);
}

TEST_CASE("docx: a DTD's entities are never expanded") {
    auto r = read_file(corpus("docx/bad/billion-laughs.docx"));
    REQUIRE(r.ok());
    REQUIRE(r.value().paragraphs.size() == 1);
    CHECK(r.value().paragraphs[0].text.size() < 16);  // "&lol3;" left as written, not 3000 "lol"s
}

TEST_CASE("docx: every limit has its own error") {
    const std::string nested = slurp(corpus("docx/quirks/nested.docx"));
    auto with = [&](auto set) {
        read_options o;
        set(o.lim);
        return read_bytes(nested, "nested.docx", o);
    };
    auto entries = with([](limits& l) { l.max_zip_entries = 2; });
    REQUIRE_FALSE(entries.ok());
    CHECK(entries.err().code == errc::limit_exceeded);
    CHECK(entries.err().limit == "max_zip_entries");

    auto part = with([](limits& l) { l.max_part_bytes = 100; });
    REQUIRE_FALSE(part.ok());
    CHECK(part.err().limit == "max_part_bytes");

    auto total = with([](limits& l) { l.max_total_bytes = 500; });
    REQUIRE_FALSE(total.ok());
    CHECK(total.err().limit == "max_total_bytes");

    auto ratio = with([](limits& l) {
        l.inflate_ratio_threshold = 100;
        l.max_inflate_ratio = 1;
    });
    REQUIRE_FALSE(ratio.ok());
    CHECK(ratio.err().limit == "max_inflate_ratio");

    auto depth = with([](limits& l) { l.max_xml_depth = 5; });
    REQUIRE_FALSE(depth.ok());
    CHECK(depth.err().limit == "max_xml_depth");

    auto nesting = with([](limits& l) { l.max_table_nesting = 1; });
    REQUIRE_FALSE(nesting.ok());
    CHECK(nesting.err().limit == "max_table_nesting");

    auto slots = with([](limits& l) { l.max_grid_slots = 3; });
    REQUIRE_FALSE(slots.ok());
    CHECK(slots.err().limit == "max_grid_slots");

    CHECK(with([](limits&) {}).ok());  // the defaults read it
}

TEST_CASE("docx: bad packages give their named errors") {
    struct expect {
        const char* file;
        errc code;
    };
    for (const expect& e : {expect{"truncated.docx", errc::zip_corrupt}, expect{"not-a-zip.docx", errc::zip_corrupt},
                            expect{"bad-crc.docx", errc::zip_corrupt}, expect{"missing-main-part.docx", errc::missing_part},
                            expect{"no-main-document.docx", errc::missing_part}, expect{"malformed-xml.docx", errc::xml_malformed},
                            expect{"encrypted.docx", errc::encrypted},
                            expect{"zip-bomb.docx", errc::limit_exceeded}}) {
        CAPTURE(e.file);
        auto r = read_file(corpus(std::string("docx/bad/") + e.file));
        REQUIRE_FALSE(r.ok());
        CHECK(r.err().code == e.code);
    }
    // A workbook named .docx is told by its content: read as .xlsx (with no sheet).
    auto sheet = read_file(corpus("docx/bad/spreadsheet.docx"));
    REQUIRE(sheet.ok());
    CHECK(sheet.value().source.format == "xlsx");
    // A Word 97 file named .docx is read for what it is.
    auto word97 = read_file(corpus("docx/bad/word97.docx"));
    REQUIRE(word97.ok());
    CHECK(word97.value().source.format == "doc");
    auto bad_xml = read_file(corpus("docx/bad/malformed-xml.docx"));
    CHECK(bad_xml.err().at.offset == 98);
    CHECK(bad_xml.err().message.find("word/document.xml") != std::string::npos);
}

TEST_CASE("docx: every truncation of a package is an error or a document, never a crash") {
    const std::string bytes = slurp(corpus("docx/quirks/split-form.docx"));
    for (std::size_t n = 0; n < bytes.size(); n += 7) {
        auto r = read_bytes(std::string_view(bytes).substr(0, n), "cut.docx");
        if (!r.ok()) CHECK(r.err().code != errc::internal);
    }
    // and every single-byte corruption of it
    for (std::size_t i = 0; i < bytes.size(); i += 3) {
        std::string b = bytes;
        b[i] = static_cast<char>(b[i] ^ 0x5A);
        auto r = read_bytes(b, "flipped.docx");
        if (!r.ok()) CHECK(r.err().code != errc::internal);
    }
}

TEST_CASE("reader: one reader reads many files, with its options") {
    read_options o;
    o.forms = false;
    reader r(o);
    for (const char* f : {"docx/hunan/nanyue-canlian-2020.docx", "text/hunan/nanyue-canlian-2020.txt", "docx/quirks/nested.docx"}) {
        CAPTURE(f);
        auto d = r.read_file(corpus(f));
        REQUIRE(d.ok());
        CHECK(d.value().forms.empty());  // forms = false
        CHECK_FALSE(d.value().tables.empty());
    }
    CHECK(r.read_file(corpus("docx/bad/zip-bomb.docx")).err().limit == "max_inflate_ratio");
    auto again = r.read_bytes(slurp(corpus("docx/quirks/strict.docx")), "strict.docx");
    REQUIRE(again.ok());
    CHECK(again.value().tables.at(0).at(0, 0).text == "S1");
}
