#include <doctest/doctest.h>
#include <jixiao/document.hpp>
#include <jixiao/write.hpp>

#include "read/docx/document_xml.hpp"
#include "read/opc/package.hpp"
#include "read/opc/xml_stream.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

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

namespace {

// The main part of a .docx of the corpus.
std::string main_part_of(const std::string& path) {
    const std::string bytes = slurp(path);
    auto pkg = detail::package::open(bytes, limits{});
    REQUIRE(pkg.ok());
    std::string type;
    auto part = pkg.value().main_part(type);
    REQUIRE(part.ok());
    auto xml = pkg.value().read(part.value());
    REQUIRE(xml.ok());
    return xml.value();
}

struct no_events final : detail::xml_events {
    void start(std::string_view, std::span<const detail::xml_attr>, std::uint64_t) override {}
    void end() override {}
    void text(std::string_view) override {}
};

// Whether the streaming tokenizer reads `xml` through (in pieces of `piece` bytes) or leaves it to pugixml.
bool streamed(std::string_view xml, std::size_t piece = 1u << 16) {
    no_events none;
    detail::xml_stream s(none);
    for (std::size_t at = 0; at < xml.size(); at += piece) s.feed(xml.substr(at, piece));
    return s.finish();
}

// A raw document (with the diagnostics of reading it) as JSON, through the public writer.
std::string as_json(result<raw_document> r, const diagnostics& d) {
    if (!r) return std::string(to_string(r.err().code)) + " " + r.err().message + " @" + std::to_string(r.err().at.offset);
    document doc;
    diagnostics grid_diags;
    for (std::size_t i = 0; i < r.value().tables.size(); ++i) doc.tables.push_back(build_grid(r.value().tables[i], static_cast<int>(i), grid_diags));
    doc.paragraphs = std::move(r.value().paragraphs);
    doc.diags = d;
    return to_json(doc);
}

// The part read streamed in pieces of `piece` bytes, and through pugixml's tree.
std::pair<std::string, std::string> both_ways(const std::string& xml, std::size_t piece, const read_options& o = {}) {
    diagnostics d1, d2;
    auto a = detail::read_document_xml(xml, "word/document.xml", o, d1, detail::xml_reader::stream, piece);
    auto b = detail::read_document_xml(xml, "word/document.xml", o, d2, detail::xml_reader::tree);
    return {as_json(std::move(a), d1), as_json(std::move(b), d2)};
}

const std::string w_open = R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" )"
                           R"(xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><w:body>)";
const std::string w_close = "</w:body></w:document>";
std::string cell(const std::string& text, const std::string& props = "") {
    return "<w:tc>" + (props.empty() ? "" : "<w:tcPr>" + props + "</w:tcPr>") + "<w:p><w:r><w:t>" + text + "</w:t></w:r></w:p></w:tc>";
}

}  // namespace

TEST_CASE("docx: the main part of every corpus .docx is streamed, not parsed whole") {
    std::size_t parts = 0;
    for (const auto& f : std::filesystem::recursive_directory_iterator(corpus("docx"))) {
        if (f.path().extension() != ".docx" || f.path().parent_path().filename() == "bad") continue;
        CAPTURE(f.path().string());
        const std::string xml = main_part_of(f.path().string());
        CHECK(streamed(xml));
        CHECK(streamed(xml, 5));  // every token cut somewhere
        ++parts;
    }
    CHECK(parts >= 20);
    // What it leaves to pugixml: a DTD, a malformed part.
    CHECK_FALSE(streamed(main_part_of(corpus("docx/bad/billion-laughs.docx"))));
}

TEST_CASE("docx: the tokenizer declines what pugixml reads its own way, and the reading is the same") {
    const std::string row = "<w:tbl><w:tr>" + cell("a &amp; b &#x4E2D;&#25991;") + cell("c") + "</w:tr></w:tbl>";
    const std::string declined[] = {
        "<!DOCTYPE x [<!ENTITY e \"E\">]>" + w_open + "<w:p><w:r><w:t>&e;</w:t></w:r></w:p>" + w_close,  // a DTD
        "<?xml version=\"1.0\" encoding=\"GBK\"?>" + w_open + row + w_close,                              // another encoding
        w_open + "<w:p><w:r><w:t>&nbsp;x</w:t></w:r></w:p>" + w_close,                                     // an undefined entity
        w_open + "<w:p><w:r><w:t>&#0;x</w:t></w:r></w:p>" + w_close,                                       // a reference to NUL
        w_open + row,                                                                                      // cut short
        w_open + row + "</w:tr>" + w_close,                                                                // tags mismatched
        w_open + row + w_close + "<w:document/>",                                                          // a second root
        "<?xml-stylesheet href=\"x\"?> <?xml version=\"1.0\"?>" + w_open + row + w_close,                  // a late declaration
    };
    for (const std::string& xml : declined) {
        CAPTURE(xml);
        CHECK_FALSE(streamed(xml));
        for (std::size_t piece : {std::size_t{1}, std::size_t{7}, std::size_t{1} << 16}) {
            auto [a, b] = both_ways(xml, piece);
            CHECK(a == b);
        }
    }
    const std::string accepted = "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<!-- c -->" + w_open +
                                 "<?pi x?>" + row + "<w:p><w:r><w:t xml:space='preserve'> <![CDATA[<x>\r]]>\t&lt;&gt;&quot;&apos;\r\n|\r|</w:t>"
                                 "</w:r></w:p>\r\n" + w_close + "\r\n<!-- end -->\n";
    CHECK(streamed(accepted));
    for (std::size_t piece = 1; piece < 40; ++piece) {
        auto [a, b] = both_ways(accepted, piece);
        CHECK(a == b);
    }
    diagnostics d;
    auto r = detail::read_document_xml(accepted, "word/document.xml", read_options{}, d);
    REQUIRE(r.ok());
    CHECK(r.value().tables.at(0).rows.at(0).cells.at(0).text == "a & b 中文");
    CHECK(r.value().paragraphs.at(0).text == " <x>\n\t<>\"'\n|\n|");  // line ends as pugixml reads them
    CHECK(r.value().tables.at(0).at.offset == accepted.find("<w:tbl>") + 1);  // offsets count the BOM, as pugixml's
}

TEST_CASE("docx: properties after the content still delete a row or a cell, and what was read of it") {
    const std::string nested = "<w:tbl><w:tr>" + cell("inner") + "</w:tr></w:tbl>";
    const std::string xml = w_open + "<w:tbl>" +
                            // a row whose w:trPr (deleted) comes after its cells, one of which holds a table and breaches max_cols
                            "<w:tr><w:tc><w:p/>" + nested + "</w:tc>" + cell("x") + cell("y") + "<w:trPr><w:del/></w:trPr></w:tr>" +
                            // a cell whose w:tcPr (cellDel) comes last
                            "<w:tr>" + cell("kept") + "<w:tc><w:p><w:r><w:t>gone</w:t></w:r></w:p>" + nested +
                            "<w:tcPr><w:cellDel/></w:tcPr></w:tc></w:tr>" +
                            // a Fallback before the Choice: the Choice is read
                            "<mc:AlternateContent><mc:Fallback><w:tr>" + cell("fallback") + "</w:tr></mc:Fallback>"
                            "<mc:Choice Requires=\"x\"><w:tr>" + cell("choice") + "</w:tr></mc:Choice></mc:AlternateContent>" +
                            // a Fallback alone: read
                            "<mc:AlternateContent><mc:Fallback><w:tr>" + cell("only fallback") + "</w:tr></mc:Fallback></mc:AlternateContent>" +
                            "</w:tbl>" + w_close;
    read_options o;
    o.lim.max_cols = 2;
    diagnostics d;
    auto r = detail::read_document_xml(xml, "word/document.xml", o, d);
    REQUIRE(r.ok());
    REQUIRE(r.value().tables.size() == 1);  // the nested tables went with their row and cell
    const raw_table& t = r.value().tables[0];
    REQUIRE(t.rows.size() == 3);
    REQUIRE(t.rows[0].cells.size() == 1);
    CHECK(t.rows[0].cells[0].text == "kept");
    CHECK(t.rows[1].cells.at(0).text == "choice");
    CHECK(t.rows[2].cells.at(0).text == "only fallback");
    REQUIRE(d.size() == 2);
    CHECK(d[0].code == "docx.deleted_row");
    CHECK(d[1].code == "docx.deleted_cell");
    for (std::size_t piece : {std::size_t{3}, std::size_t{64}, std::size_t{1} << 16}) {
        auto [a, b] = both_ways(xml, piece, o);
        CHECK(a == b);
    }
    // The same row not deleted: the breach stands.
    std::string kept = xml;
    kept.replace(kept.find("<w:trPr><w:del/></w:trPr>"), 25, "");
    diagnostics d2;
    auto breach = detail::read_document_xml(kept, "word/document.xml", o, d2);
    REQUIRE_FALSE(breach.ok());
    CHECK(breach.err().limit == "max_cols");
}

TEST_CASE("docx: a part streamed, then read again, counts once against max_total_bytes") {
    const std::string bytes = slurp(corpus("docx/quirks/nested.docx"));
    limits lim;
    auto probe = detail::package::open(bytes, lim);
    REQUIRE(probe.ok());
    const std::size_t size = probe.value().read("word/document.xml").value().size();
    lim.max_total_bytes = size + size / 2;  // room for the part once, not twice (the package's other parts are not read here)
    auto pkg = detail::package::open(bytes, lim);
    REQUIRE(pkg.ok());
    std::string streamed;
    std::size_t pieces = 0;
    CHECK_FALSE(pkg.value().stream("word/document.xml", [&](std::string_view piece) {
        streamed.append(piece);
        ++pieces;
    }));
    CHECK(pieces >= 1);
    auto again = pkg.value().read("word/document.xml");
    REQUIRE(again.ok());
    CHECK(again.value() == streamed);
    CHECK(streamed.size() == size);
}

TEST_CASE("docx: nested Fallbacks before their Choices are read once each, in linear time") {
    // 400 AlternateContents, each holding a Fallback (before any Choice) with text and the next one;
    // the innermost has a Choice after its Fallback. Read: every Fallback's text, and the last Choice.
    const int levels = 400;
    std::string inner = "<mc:AlternateContent><mc:Fallback><w:r><w:t>F</w:t></w:r></mc:Fallback>"
                        "<mc:Choice Requires=\"x\"><w:r><w:t>C</w:t></w:r></mc:Choice></mc:AlternateContent>";
    for (int i = 0; i < levels; ++i)
        inner = "<mc:AlternateContent><mc:Fallback><w:r><w:t>f</w:t></w:r>" + inner + "</mc:Fallback></mc:AlternateContent>";
    const std::string xml = w_open + "<w:p>" + inner + "</w:p>" + w_close;
    diagnostics d;
    auto r = detail::read_document_xml(xml, "word/document.xml", read_options{}, d);
    REQUIRE(r.ok());
    REQUIRE(r.value().paragraphs.size() == 1);
    CHECK(r.value().paragraphs[0].text == std::string(levels, 'f') + "C");
    auto [a, b] = both_ways(xml, 13);
    CHECK(a == b);
}
