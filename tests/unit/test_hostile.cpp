// Hostile inputs generated in memory: each must give a result or its named
// error, never a crash, and without losing data. Time and memory are measured
// in bench/hostile.sh, not asserted here.
#include <doctest/doctest.h>
#include <jixiao/document.hpp>

#include "make_zip.hpp"

#include <string>
#include <vector>

using namespace jixiao;

namespace {

const char* w_ns = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

std::string docx_with_body(const std::string& body) {
    const std::string doc = std::string("<w:document xmlns:w=\"") + w_ns + "\"><w:body>" + body + "</w:body></w:document>";
    return make_zip({{"[Content_Types].xml",
                      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Override PartName=\"/word/document.xml\" "
                      "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"},
                     {"_rels/.rels",
                      "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r1\" "
                      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"},
                     {"word/document.xml", doc}});
}

}  // namespace

TEST_CASE("hostile: a 100k-row text table is read whole") {
    std::string text;
    for (int i = 0; i < 100000; ++i) text += "\tr" + std::to_string(i) + "\n\t" + (i % 5 ? std::string() : std::string("x")) + "\n\n";
    auto r = read_bytes(text, "rows.txt");
    REQUIRE(r.ok());
    REQUIRE(r.value().tables.size() == 1);
    CHECK(r.value().tables[0].rows() == 100000);
    CHECK(r.value().tables[0].at(99999, 0).text == "r99999");
}

TEST_CASE("hostile: a 100k-row .docx table with merges is read whole") {
    std::string rows;
    for (int i = 0; i < 100000; ++i) {
        rows += "<w:tr><w:tc>";
        rows += i % 10 == 0 ? "<w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>" : "<w:tcPr><w:vMerge/></w:tcPr>";
        rows += "<w:p><w:r><w:t>g" + std::to_string(i / 10) + "</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>" + std::to_string(i) +
                "</w:t></w:r></w:p></w:tc></w:tr>";
    }
    auto r = read_bytes(docx_with_body("<w:tbl>" + rows + "</w:tbl>"), "rows.docx");
    REQUIRE(r.ok());
    const grid& g = r.value().tables.at(0);
    CHECK(g.rows() == 100000);
    CHECK(g.cells().size() == 110000);
    CHECK(g.at(99999, 0).text.substr(0, 5) == "g9999");
    CHECK(g.at(99999, 1).text == "99999");
}

TEST_CASE("hostile: a 1 MB single cell keeps every byte") {
    const std::string big(1u << 20, 'A');
    auto t = read_bytes("\tA\n\t" + big + "\n", "cell.txt");
    REQUIRE(t.ok());
    CHECK(t.value().tables.at(0).at(0, 1).text.size() == big.size());
    auto d = read_bytes(docx_with_body("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>" + big + "</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"), "cell.docx");
    REQUIRE(d.ok());
    CHECK(d.value().tables.at(0).at(0, 0).text.size() == big.size());
}

TEST_CASE("hostile: 1000-deep nested tables stop at the nesting limit") {
    std::string body;
    for (int i = 0; i < 1000; ++i) body += "<w:tbl><w:tr><w:tc>";
    body += "<w:p/>";
    for (int i = 0; i < 1000; ++i) body += "</w:tc></w:tr></w:tbl>";
    auto r = read_bytes(docx_with_body(body), "deep.docx");
    REQUIRE_FALSE(r.ok());
    CHECK(r.err().code == errc::limit_exceeded);
    CHECK((r.err().limit == "max_table_nesting" || r.err().limit == "max_xml_depth"));
}

TEST_CASE("hostile: 100k-deep XML elements stop at the depth limit") {
    std::string body = "<w:p>";
    for (int i = 0; i < 100000; ++i) body += "<w:hyperlink>";
    for (int i = 0; i < 100000; ++i) body += "</w:hyperlink>";
    body += "</w:p>";
    auto r = read_bytes(docx_with_body(body), "deep-xml.docx");
    REQUIRE_FALSE(r.ok());
    CHECK(r.err().limit == "max_xml_depth");
}

TEST_CASE("hostile: a zip of 20,000 entries stops at the entry limit") {
    std::vector<std::pair<std::string, std::string>> entries;
    for (int i = 0; i < 20000; ++i) entries.emplace_back("e/" + std::to_string(i), "");
    auto r = read_bytes(make_zip(entries), "entries.docx");
    REQUIRE_FALSE(r.ok());
    CHECK(r.err().limit == "max_zip_entries");
}

TEST_CASE("hostile: a gridSpan of a billion is clamped, not allocated") {
    auto r = read_bytes(docx_with_body("<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"1000000000\"/></w:tcPr><w:p/></w:tc></w:tr>"
                                       "<w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl>"),
                        "span.docx");
    REQUIRE(r.ok());  // clamped to limits::max_cols
    CHECK(r.value().tables.at(0).cols() <= limits{}.max_cols);
}

TEST_CASE("hostile: wide spans over many rows stop at the grid-slot limit") {
    std::string rows;
    for (int i = 0; i < 20000; ++i) rows += "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"4000\"/></w:tcPr><w:p/></w:tc></w:tr>";
    auto r = read_bytes(docx_with_body("<w:tbl>" + rows + "</w:tbl>"), "slots.docx");
    REQUIRE_FALSE(r.ok());
    CHECK(r.err().limit == "max_grid_slots");
}

TEST_CASE("hostile: NUL bytes in text are kept, not truncated at") {
    const std::string text("\tA\0B\n\tC\n", 8);
    auto r = read_bytes(text, "nul.txt");
    REQUIRE(r.ok());
    CHECK(r.value().tables.at(0).at(0, 0).text == std::string("A\0B", 3));
}
