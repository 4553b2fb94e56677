#include <doctest/doctest.h>
#include <jixiao/document.hpp>

#include <string>

using namespace jixiao;

namespace {
raw_document read_ok(std::string_view text) {
    diagnostics d;
    auto r = read_text(text, read_options{}, d);
    REQUIRE(r.ok());
    return r.value();
}
}  // namespace

TEST_CASE("text reader: rows are blocks — cells are TAB lines") {
    const raw_document doc = read_ok("\tA\n\tB\n\n\tC\n\tD\n");
    REQUIRE(doc.tables.size() == 1);
    const raw_table& t = doc.tables[0];
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0].cells.size() == 2);
    CHECK(t.rows[0].cells[0].text == "A");
    CHECK(t.rows[1].cells[1].text == "D");
    CHECK(t.rows[1].cells[1].at.line == 5);
    CHECK_FALSE(t.spans_declared);
}

TEST_CASE("text reader: a line without TAB continues the cell above") {
    const raw_document doc = read_ok("\tA\n\tfirst\nsecond\n\n\tC\n\tD\n");
    REQUIRE(doc.tables.size() == 1);
    CHECK(doc.tables[0].rows[0].cells[1].text == "first\nsecond");
}

TEST_CASE("text reader: bare TAB lines are bare — NBSP cells are not") {
    const raw_document doc = read_ok("\tA\n\t\xC2\xA0\n\t\n\t\xE3\x80\x80\n");
    const auto& cells = doc.tables[0].rows[0].cells;
    REQUIRE(cells.size() == 4);
    CHECK_FALSE(cells[0].bare);
    CHECK_FALSE(cells[1].bare);
    CHECK(cells[1].text == "\xC2\xA0");
    CHECK(cells[2].bare);
    CHECK(cells[2].text.empty());
    CHECK_FALSE(cells[3].bare);
}

TEST_CASE("text reader: CRLF — BOM and trailing blank lines") {
    const raw_document doc = read_ok("\xEF\xBB\xBF\ttitle\r\n\r\n\tA\r\n\tB\r\n\r\n\r\n\r\n");
    REQUIRE(doc.paragraphs.size() == 1);
    CHECK(doc.paragraphs[0].text == "title");
    REQUIRE(doc.tables.size() == 1);
    CHECK(doc.tables[0].rows[0].cells[1].text == "B");  // no stray '\r'
    CHECK(doc.tables[0].rows[0].cells[0].at.offset == 3 + 8 + 2);  // offsets count the BOM
}

TEST_CASE("text reader: CR-only line ends (classic Mac OS)") {
    const raw_document doc = read_ok("\tA\r\tB\r\r\tC\r\tD\r");
    REQUIRE(doc.tables.size() == 1);
    REQUIRE(doc.tables[0].rows.size() == 2);
    CHECK(doc.tables[0].rows[1].cells[1].text == "D");
}

TEST_CASE("text reader: one-cell blocks above the table are paragraphs — later ones are rows") {
    const raw_document doc = read_ok("\t2020年自评表\n\n\t（2020年度）\n\n\tA\n\tB\n\n\t说明\n");
    REQUIRE(doc.paragraphs.size() == 2);
    CHECK(doc.paragraphs[0].text == "2020年自评表");
    CHECK(doc.paragraphs[1].before_table == 0);
    REQUIRE(doc.tables.size() == 1);
    REQUIRE(doc.tables[0].rows.size() == 2);
    CHECK(doc.tables[0].rows[1].cells.size() == 1);
    CHECK(doc.tables[0].rows[1].cells[0].text == "说明");
}

TEST_CASE("text reader: two blank lines end a table") {
    const raw_document doc = read_ok("\tA\n\tB\n\n\n\tC\n\tD\n");
    REQUIRE(doc.tables.size() == 2);
    CHECK(doc.tables[1].rows[0].cells[0].text == "C");
}

TEST_CASE("text reader: invalid UTF-8 is an error with its byte offset and line") {
    diagnostics d;
    const std::string bad = "\tA\n\tB\xFF\n";
    auto r = read_text(bad, read_options{}, d);
    REQUIRE_FALSE(r.ok());
    CHECK(r.err().code == errc::encoding);
    CHECK(r.err().at.offset == 5);
    CHECK(r.err().at.line == 2);
    // An overlong encoding and a truncated sequence at the very end, read as
    // UTF-8 (found alone, both are valid GB18030 and read as such: test_encoding.cpp).
    read_options utf8;
    utf8.encoding = "utf-8";
    CHECK(read_text("\t\xC0\xAF\n", utf8, d).err().at.offset == 1);
    CHECK(read_text("\t\xE4\xB8", utf8, d).err().at.offset == 1);
}

TEST_CASE("text reader: limits are errors — not truncation") {
    read_options o;
    o.lim.max_cols = 2;
    diagnostics d;
    auto r = read_text("\tA\n\tB\n\tC\n", o, d);
    REQUIRE_FALSE(r.ok());
    CHECK(r.err().code == errc::limit_exceeded);
    CHECK(r.err().limit == "max_cols");
    CHECK(r.err().at.line == 3);

    read_options cell;
    cell.lim.max_cell_bytes = 8;
    auto big = read_text("\tA\n\tB\ncontinued past eight bytes\n", cell, d);
    REQUIRE_FALSE(big.ok());
    CHECK(big.err().limit == "max_cell_bytes");

    read_options slots;
    slots.lim.max_grid_slots = 5;  // 3 rows of 2 columns need 6
    auto wide = read_text("\tA\n\tB\n\n\tC\n\n\tD\n", slots, d);
    REQUIRE_FALSE(wide.ok());
    CHECK(wide.err().limit == "max_grid_slots");

    read_options rows;
    rows.lim.max_rows = 1;
    CHECK(read_text("\tA\n\tB\n\n\tC\n\tD\n", rows, d).err().code == errc::limit_exceeded);
}

TEST_CASE("text reader: empty input and only blank lines give an empty document") {
    CHECK(read_ok("").tables.empty());
    CHECK(read_ok("\n\n  \n").tables.empty());
}

TEST_CASE("read_bytes: formats it cannot read yet are named errors") {
    CHECK(read_bytes(std::string("PK\x03\x04rest", 8), "x.docx").err().code == errc::zip_corrupt);
    CHECK(read_bytes("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", "x.doc").err().code == errc::compound_file_corrupt);  // read now: a cut header
    CHECK(read_bytes("%PDF-1.4\n", "x.docx").err().code == errc::unsupported);
    CHECK(read_bytes(std::string("\xFF\xFE\x41\x00", 4), "x.txt").value().source.encoding == "utf-16le");  // UTF-16 is read now
    read_options small;
    small.lim.max_input_bytes = 3;
    CHECK(read_bytes("\tABCD\n", "x.txt", small).err().code == errc::limit_exceeded);
}

TEST_CASE("read_file: a missing file is an io error naming the path") {
    auto r = read_file("/nonexistent/jixiao-test.txt");
    REQUIRE_FALSE(r.ok());
    CHECK(r.err().code == errc::io);
    CHECK(r.err().message.find("/nonexistent/jixiao-test.txt") != std::string::npos);
}
