#include <doctest/doctest.h>
#include <jixiao/document.hpp>
#include <jixiao/write.hpp>

#include "make_zip.hpp"
#include "read/xlsx/numfmt.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <vector>

#include <string>

using namespace jixiao;
using nlohmann::json;

namespace {

std::string corpus(const std::string& rel) { return std::string(JIXIAO_CORPUS_DIR) + "/" + rel; }

// Removes every "at" key: source positions differ between formats by nature.
void strip_positions(json& j) {
    if (j.is_object()) {
        j.erase("at");
        for (auto& [k, v] : j.items()) strip_positions(v);
    } else if (j.is_array()) {
        for (auto& v : j) strip_positions(v);
    }
}

// A value cell written "=100%" in Word is a formula in a spreadsheet, and the
// spreadsheet shows its result ("100.00%"): the same number, another text.
// Such cells are compared by what they say, not by how they were written.
void formula_cells_as_values(json& word, json& sheet) {
    if (word.is_object() && word.contains("raw") && word["raw"].is_string() && word["raw"].get<std::string>().rfind('=', 0) == 0 &&
        sheet.is_object() && sheet.contains("raw")) {
        CHECK(word["value"] == sheet["value"]);
        CHECK(word["unit"] == sheet["unit"]);
        word = sheet;
        return;
    }
    if (word.is_object() && sheet.is_object()) {
        // An indicator whose target was a formula: its direction came from the '=' too.
        if (word.contains("direction") && word.contains("target") && word["target"].is_object() && word["target"]["raw"].is_string() &&
            word["target"]["raw"].get<std::string>().rfind('=', 0) == 0 && sheet.contains("direction"))
            word["direction"] = sheet["direction"];
        for (auto& [k, v] : word.items())
            if (sheet.contains(k)) formula_cells_as_values(v, sheet[k]);
    } else if (word.is_array() && sheet.is_array()) {
        for (std::size_t i = 0; i < word.size() && i < sheet.size(); ++i) formula_cells_as_values(word[i], sheet[i]);
    }
}

// LibreOffice Calc, importing the HTML, stores "1200.00" as the number 1200 in the
// General format, which a spreadsheet shows as "1200": the same number, another
// text. Such values are compared by number and unit, not by how they were written.
bool plain_number(const json& raw) {
    if (!raw.is_string()) return false;
    const std::string s = raw.get<std::string>();
    return !s.empty() && s.find_first_not_of("0123456789.") == std::string::npos;
}
void numbers_as_values(json& word, json& sheet) {
    if (word.is_object() && sheet.is_object() && word.contains("raw") && sheet.contains("raw") && plain_number(word["raw"]) &&
        plain_number(sheet["raw"]) && word["raw"] != sheet["raw"]) {
        CHECK(word["value"] == sheet["value"]);
        CHECK(word["unit"] == sheet["unit"]);
        word = sheet;
        return;
    }
    if (word.is_object() && sheet.is_object()) {
        for (auto& [k, v] : word.items())
            if (sheet.contains(k)) numbers_as_values(v, sheet[k]);
    } else if (word.is_array() && sheet.is_array()) {
        for (std::size_t i = 0; i < word.size() && i < sheet.size(); ++i) numbers_as_values(word[i], sheet[i]);
    }
}

json forms_of(const std::string& path, const std::string& format) {
    auto r = read_file(corpus(path));
    REQUIRE(r.ok());
    CHECK(r.value().source.format == format);
    json j = json::parse(to_json(r.value()))["forms"];
    strip_positions(j);
    return j;
}

const char* ct_xml = "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                     "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                     "</Types>";
const char* root_rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"r1\" "
                        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
                        "</Relationships>";

// A workbook with the given sheet parts (names "S1", "S2" …, the second hidden when asked).
std::string workbook(const std::vector<std::string>& sheets, const std::string& shared, const std::string& styles, bool hide_second = false) {
    std::string wb = "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                     "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>";
    std::string rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                       "<Relationship Id=\"rs\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"strings.xml\"/>"
                       "<Relationship Id=\"st\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"/xl/looks.xml\"/>";
    std::vector<std::pair<std::string, std::string>> parts = {{"[Content_Types].xml", ct_xml}, {"_rels/.rels", root_rels}};
    for (std::size_t i = 0; i < sheets.size(); ++i) {
        const std::string n = std::to_string(i + 1);
        wb += "<sheet name=\"S" + n + "\" sheetId=\"" + n + "\" r:id=\"rId" + n + "\"" + (hide_second && i == 1 ? " state=\"hidden\"" : "") + "/>";
        rels += "<Relationship Id=\"rId" + n + "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
                "Target=\"pages/p" + n + ".xml\"/>";
        parts.emplace_back("xl/pages/p" + n + ".xml", "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" + sheets[i] +
                                                         "</worksheet>");
    }
    wb += "</sheets></workbook>";
    rels += "</Relationships>";
    parts.emplace_back("xl/workbook.xml", wb);
    parts.emplace_back("xl/_rels/workbook.xml.rels", rels);
    parts.emplace_back("xl/strings.xml", "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" + shared + "</sst>");
    parts.emplace_back("xl/looks.xml", "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" + styles + "</styleSheet>");
    return make_zip(parts);
}

const grid_cell* cell(const document& d, std::size_t t, std::uint32_t row, std::uint32_t col) {
    REQUIRE(t < d.tables.size());
    for (const grid_cell& c : d.tables[t].cells())
        if (c.row == row && c.col == col) return &c;
    return nullptr;
}

}  // namespace

TEST_CASE("html and xlsx: the corpus forms saved as .html, Word .htm and .xlsx give the same forms as their .docx") {
    // Every corpus form (corpus/docx/FAMILY/NAME.docx) has the three versions
    // (scripts/make_html_xlsx_fixtures.sh).
    std::vector<std::string> names;
    for (const auto& dir : std::filesystem::directory_iterator(corpus("docx"))) {
        const std::string family = dir.path().filename().string();
        if (!dir.is_directory() || family == "quirks" || family == "bad" || family == "peers") continue;
        for (const auto& e : std::filesystem::directory_iterator(dir.path()))
            if (e.path().extension() == ".docx") names.push_back(family + "/" + e.path().stem().string());
    }
    std::sort(names.begin(), names.end());
    CHECK(names.size() >= 14);
    for (const std::string& name : names) {
        CAPTURE(name);
        const std::string base = name.substr(name.find('/') + 1);
        const json word = forms_of("docx/" + name + ".docx", "docx");
        REQUIRE(word.size() >= 1);
        CHECK(forms_of("html/libreoffice/" + base + ".html", "html").dump(1) == word.dump(1));
        CHECK(forms_of("html/word/" + base + ".htm", "html").dump(1) == word.dump(1));
        json word_copy = word;
        json sheet = forms_of("xlsx/libreoffice/" + base + ".xlsx", "xlsx");
        formula_cells_as_values(word_copy, sheet);
        numbers_as_values(word_copy, sheet);
        // Two notes tell how the sheet is laid out, not what the form says: a one-cell row
        // above the table ("金额单位：元") is a paragraph in the sheet, its field read from the
        // text above the table; two tables of one document land on one sheet, the second
        // form starting at its title row.
        for (json* forms : {&sheet, &word_copy})
            for (json& f : *forms) {
                json& ds = f["diagnostics"];
                ds.erase(std::remove_if(ds.begin(), ds.end(),
                                        [](const json& d) { return d["code"] == "form.header_from_paragraphs" || d["code"] == "form.form_in_table"; }),
                         ds.end());
            }
        CHECK(sheet.dump(1) == word_copy.dump(1));
    }
}

TEST_CASE("xlsx: number formats as Excel shows them") {
    using detail::format_number;
    CHECK(format_number(0.95, "0%", false) == "95%");
    CHECK(format_number(0.955, "0.0%", false) == "95.5%");
    CHECK(format_number(1, "0.00%", false) == "100.00%");
    CHECK(format_number(12, "General", false) == "12");
    CHECK(format_number(12.5, "", false) == "12.5");
    CHECK(format_number(0.1 + 0.2, "General", false) == "0.3");
    CHECK(format_number(1234567.891, "#,##0.00", false) == "1,234,567.89");
    CHECK(format_number(-5, "#,##0;(#,##0)", false) == "(5)");
    CHECK(format_number(-5, "0.0", false) == "-5.0");
    CHECK(format_number(3.5, "0.00\"万元\"", false) == "3.50万元");
    CHECK(format_number(42, "[$¥-804]#,##0", false) == "¥42");
    CHECK(format_number(44196, "yyyy\"年\"m\"月\"d\"日\"", false) == "2020年12月31日");
    CHECK(format_number(44196, std::string(detail::builtin_number_format(14)), false) == "2020/12/31");
    CHECK(format_number(44196.5, "yyyy-mm-dd hh:mm", false) == "2020-12-31 12:00");
    CHECK(format_number(60, "yyyy-mm-dd", false) == "1900-02-29");  // Lotus's day, kept by Excel
    CHECK(format_number(1, "yyyy-mm-dd", true) == "1904-01-02");
    CHECK(format_number(12345, "0.00E+00", false) == "1.23E+04");
    CHECK(format_number(7, "@", false) == "7");
    CHECK(detail::is_date_format("yyyy/m/d"));
    CHECK_FALSE(detail::is_date_format("0.00\"元\""));
}

TEST_CASE("xlsx: strings, numbers, merges, hidden rows and sheets, title rows") {
    const std::string shared = "<si><t>2020年项目支出绩效自评表</t></si><si><t>指标</t></si><si><r><t>目标</t></r><r><t>值</t></r>"
                               "<rPh><t>もくひょう</t></rPh></si><si><t>产出指标</t></si>";
    const std::string styles = "<numFmts><numFmt numFmtId=\"164\" formatCode=\"0.0%\"/></numFmts>"
                               "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"9\"/><xf numFmtId=\"164\"/></cellXfs>";
    const std::string s1 =
        "<cols><col min=\"4\" max=\"4\" hidden=\"1\"/></cols><sheetData>"
        "<row r=\"2\"><c r=\"B2\" t=\"s\"><v>0</v></c></row>"
        "<row r=\"3\"><c r=\"B3\" t=\"s\"><v>1</v></c><c r=\"C3\" t=\"s\"><v>2</v></c><c r=\"D3\" t=\"inlineStr\"><is><t>备注</t></is></c></row>"
        "<row r=\"4\"><c r=\"B4\" t=\"s\"><v>3</v></c><c r=\"C4\" s=\"1\"><v>0.95</v></c><c r=\"D4\" s=\"2\"><v>0.955</v></c></row>"
        "<row r=\"5\" hidden=\"1\"><c r=\"C5\"><v>100</v></c><c r=\"D5\" t=\"b\"><v>1</v></c></row>"
        "<row r=\"9\"><c r=\"Z9\" s=\"1\"/></row>"  // styled but empty: not part of the table
        "</sheetData><mergeCells><mergeCell ref=\"B4:B5\"/><mergeCell ref=\"B2:D2\"/></mergeCells>";
    const std::string s2 = "<sheetData><row r=\"1\"><c r=\"A1\" t=\"str\"><f>1+1</f><v>secret</v></c><c r=\"B1\"><v>1</v></c></row></sheetData>";
    const std::string s3 = "<sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\"><v>2</v></c></row></sheetData>";
    auto r = read_bytes(workbook({s1, s2, s3}, shared, styles, true), "book.xlsx");
    REQUIRE(r.ok());
    const document& d = r.value();
    CHECK(d.source.format == "xlsx");
    CHECK(d.source.part == "xl/workbook.xml");
    REQUIRE(d.tables.size() == 2);  // the hidden sheet is left out
    REQUIRE(d.paragraphs.size() == 3);
    CHECK(d.paragraphs[0].text == "S1");
    CHECK(d.paragraphs[1].text == "2020年项目支出绩效自评表");  // a title row is a paragraph
    CHECK(d.paragraphs[2].text == "S3");
    CHECK(d.paragraphs[2].before_table == 1);
    const grid& g = d.tables[0];
    CHECK(g.rows() == 3);  // rows 3–5, trimmed
    CHECK(g.cols() == 3);  // columns B–D
    CHECK(cell(d, 0, 0, 1)->text == "目标值");  // runs joined, phonetic guide left out
    CHECK(cell(d, 0, 0, 2)->text == "备注");
    CHECK(cell(d, 0, 1, 0)->text == "产出指标");
    CHECK(cell(d, 0, 1, 0)->rowspan == 2);
    CHECK(cell(d, 0, 1, 1)->text == "95%");
    CHECK(cell(d, 0, 1, 2)->text == "95.5%");
    CHECK(cell(d, 0, 2, 1)->text == "100");
    CHECK(cell(d, 0, 2, 2)->text == "TRUE");
    CHECK(cell(d, 0, 2, 2)->at.line == 5);  // the sheet row
    auto has = [&](const char* code) {
        for (const diagnostic& x : d.diags)
            if (x.code == code) return true;
        return false;
    };
    CHECK(has("xlsx.hidden_sheet"));
    CHECK(has("xlsx.hidden_rows"));
    CHECK(has("xlsx.hidden_columns"));
}

TEST_CASE("xlsx: sheet dimension abuse is a named limit, a bad package a named error") {
    const std::string far = "<dimension ref=\"A1:XFD1048576\"/><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\"><v>2</v></c></row>"
                            "<row r=\"1048576\"><c r=\"XFD1048576\"><v>3</v></c></row></sheetData>";
    auto r = read_bytes(workbook({far}, "", ""), "far.xlsx");
    REQUIRE_FALSE(r.ok());
    CHECK(r.err().code == errc::limit_exceeded);
    CHECK(r.err().limit == "max_rows");
    read_options o;
    o.lim.max_rows = 2'000'000;
    auto cols = read_bytes(workbook({far}, "", ""), "far.xlsx", o);
    REQUIRE_FALSE(cols.ok());
    CHECK(cols.err().limit == "max_cols");
    o.lim.max_cols = 20'000;
    auto slots = read_bytes(workbook({far}, "", ""), "far.xlsx", o);
    REQUIRE_FALSE(slots.ok());
    CHECK(slots.err().limit == "max_grid_slots");
    // A dimension that lies, with the cells where they are: read.
    const std::string lying = "<dimension ref=\"A1:XFD1048576\"/><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"B1\"><v>2</v></c></row></sheetData>";
    auto ok = read_bytes(workbook({lying}, "", ""), "lying.xlsx");
    REQUIRE(ok.ok());
    CHECK(ok.value().tables.at(0).cols() == 2);
    // A sheet the workbook names but the package lacks.
    auto missing = read_bytes(make_zip({{"[Content_Types].xml", ct_xml},
                                        {"_rels/.rels", root_rels},
                                        {"xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                                                            "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                                                            "<sheets><sheet name=\"x\" sheetId=\"1\" r:id=\"rId9\"/></sheets></workbook>"}}),
                              "m.xlsx");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.err().code == errc::missing_part);
    // read_docx still refuses a workbook; read_xlsx a Word document.
    diagnostics diags;
    std::string part;
    CHECK(read_docx(workbook({lying}, "", ""), {}, diags, part).err().code == errc::unsupported);
    auto word = load_file(corpus("docx/quirks/nested.docx"));
    REQUIRE(word.ok());
    CHECK(read_xlsx(word.value(), {}, diags, part).err().code == errc::unsupported);
}
