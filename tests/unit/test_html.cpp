#include <doctest/doctest.h>
#include <jixiao/document.hpp>

#include "read/html/charset.hpp"
#include "read/html/sniff.hpp"
#include "value/ocr.hpp"

#include <string>

using namespace jixiao;

namespace {

document read(const std::string& html, const read_options& o = {}) {
    auto r = read_bytes(html, "t.html", o);
    REQUIRE(r.ok());
    CHECK(r.value().source.format == "html");
    return std::move(r).value();
}

// The cell anchored at (row, col) of table t, or nullptr.
const grid_cell* cell(const document& d, std::size_t t, std::uint32_t row, std::uint32_t col) {
    REQUIRE(t < d.tables.size());
    for (const grid_cell& c : d.tables[t].cells())
        if (c.row == row && c.col == col) return &c;
    return nullptr;
}

std::size_t count(const document& d, const std::string& code) {
    std::size_t n = 0;
    for (const diagnostic& x : d.diags) n += x.code == code;
    return n;
}

}  // namespace

TEST_CASE("html: sniffing by content") {
    using detail::looks_like_html;
    CHECK(looks_like_html("<!DOCTYPE html><p>x"));
    CHECK(looks_like_html("\xEF\xBB\xBF  \n<HTML lang=zh>"));
    CHECK(looks_like_html("<!-- saved from url=(0014)about:internet -->\r\n<html>"));
    CHECK(looks_like_html("<table><tr><td>1</td></tr></table>"));
    CHECK(looks_like_html(std::string("\xFF\xFE<\0h\0t\0m\0l\0>\0", 14)));
    CHECK_FALSE(looks_like_html("\t项目名称\n\t<html>"));
    CHECK_FALSE(looks_like_html("<htmlx>"));
    CHECK_FALSE(looks_like_html("<!-- never closed"));
    CHECK(detail::looks_like_ppstructure("<html><body><table><tr><td>1</td></tr></table></body></html>"));
    CHECK_FALSE(detail::looks_like_ppstructure("<html>\n<body><table>"));
}

TEST_CASE("html: rowspan and colspan become declared spans") {
    const document d = read("<table><tr><td rowspan=2>a</td><td colspan=2>b</td></tr>"
                            "<tr><td>c</td><td>d</td></tr><tr><td>e</td><td>f</td><td>g</td></tr></table>");
    REQUIRE(d.tables.size() == 1);
    const grid& g = d.tables[0];
    CHECK(g.rows() == 3);
    CHECK(g.cols() == 3);
    CHECK(cell(d, 0, 0, 0)->rowspan == 2);
    CHECK(cell(d, 0, 0, 1)->colspan == 2);
    CHECK(cell(d, 0, 1, 1)->text == "c");
    CHECK(cell(d, 0, 1, 2)->text == "d");
    CHECK(cell(d, 0, 2, 2)->text == "g");
    for (const grid_cell& c : g.cells()) CHECK_FALSE(c.inferred);
    CHECK(d.diags.size() == 1);  // form.not_a_form only
}

TEST_CASE("html: a colspan running into a rowspan from above is cut there") {
    const document d = read("<table><tr><td>a</td><td rowspan=2>b</td><td>c</td></tr>"
                            "<tr><td colspan=3>d</td></tr></table>");
    CHECK(count(d, "html.span_overlap") == 1);
    CHECK(cell(d, 0, 1, 0)->colspan == 1);  // stops before b
    CHECK(cell(d, 0, 0, 1)->rowspan == 2);  // b keeps its slots
    CHECK(d.tables[0].cols() == 3);
}

TEST_CASE("html: spans past the end of the table are clipped with a diagnostic") {
    const document d = read("<table><tbody><tr><td rowspan=9>a</td><td>b</td></tr><tr><td>c</td></tr></tbody>"
                            "<tbody><tr><td>d</td><td colspan=4>e</td></tr></tbody></table>");
    CHECK(count(d, "html.span_clipped") == 2);
    CHECK(cell(d, 0, 0, 0)->rowspan == 2);  // the row group ends after two rows
    CHECK(cell(d, 0, 2, 1)->colspan == 1);  // no cell starts past column 1
    CHECK(d.tables[0].cols() == 2);
    // rowspan=0: to the end of the group, no diagnostic
    const document z = read("<table><tr><td rowspan=0>a</td><td>b</td></tr><tr><td>c</td></tr></table>");
    CHECK(count(z, "html.span_clipped") == 0);
    CHECK(cell(z, 0, 0, 0)->rowspan == 2);
}

TEST_CASE("html: hostile spans are clamped, or a named limit") {
    const document d = read("<table><tr><td colspan=999999999 rowspan=999999999>a</td></tr><tr><td>b</td></tr></table>");
    CHECK(cell(d, 0, 0, 0)->colspan == 1000);  // HTML's own cap
    CHECK(cell(d, 0, 0, 0)->rowspan == 2);       // the rows there are
    CHECK(cell(d, 0, 1, 1000)->text == "b");      // b takes the first slot a leaves free
    CHECK(count(d, "html.span_clipped") == 2);
    std::string wide = "<table>";
    for (int r = 0; r < 200; ++r) wide += "<tr><td colspan=1000>x</td><td>y</td></tr>";
    wide += "</table>";
    read_options o;
    o.lim.max_grid_slots = 100'000;
    auto r = read_bytes(wide, "w.html", o);
    REQUIRE_FALSE(r.ok());
    CHECK(r.err().limit == "max_grid_slots");
    std::string deep;
    for (int i = 0; i < 100; ++i) deep += "<table><tr><td>";
    auto n = read_bytes(deep, "n.html");
    REQUIRE_FALSE(n.ok());
    CHECK(n.err().limit == "max_table_nesting");
    std::string divs(300'000, ' ');
    for (std::size_t i = 0; i < divs.size(); i += 5) divs.replace(i, 5, "<div>");
    auto v = read_bytes("<html>" + divs, "d.html");
    REQUIRE_FALSE(v.ok());
    CHECK(v.err().limit == "max_xml_depth");
    o = {};
    o.lim.max_html_tags = 10;
    auto t = read_bytes("<html><p><p><p><p><p><p><p><p><p><p><p>", "t.html", o);
    REQUIRE_FALSE(t.ok());
    CHECK(t.err().limit == "max_html_tags");
    std::string attrs = "<table><tr><td";
    for (int i = 0; i < 5000; ++i) attrs += " a" + std::to_string(i) + "='x>y'";
    auto a = read_bytes(attrs + ">x</td></tr></table>", "a.html");
    REQUIRE_FALSE(a.ok());
    CHECK(a.err().limit == "max_html_attributes");
    // Scripts and comments do not count: a long script is no tag.
    std::string script = "<html><script>if (a<b";
    for (int i = 0; i < 5000; ++i) script += " && c";
    CHECK(read_bytes(script + ") {}</script><table><tr><td>ok</td></tr></table>", "s.html").ok());
}

TEST_CASE("html: text as shown: br, paragraphs, nbsp, whitespace, CJK line wraps") {
    const document d = read("<table><tr><td>a<br>b</td><td><p>p1</p>\n<p>p2</p></td><td>&nbsp;</td><td></td>"
                            "<td>  two   words\n here </td><td>项目\n名称</td><td><p>x<br></p></td><td><p><br></p></td></tr></table>");
    CHECK(cell(d, 0, 0, 0)->text == "a\nb");
    CHECK(cell(d, 0, 0, 1)->text == "p1\np2");
    CHECK(cell(d, 0, 0, 2)->text == "\xC2\xA0");  // kept, as .docx and text keep it
    CHECK(cell(d, 0, 0, 3)->text.empty());
    CHECK(cell(d, 0, 0, 4)->text == "two words here");
    CHECK(cell(d, 0, 0, 5)->text == "项目名称");
    CHECK(cell(d, 0, 0, 6)->text == "x");  // a <br> closing a paragraph adds no line
    CHECK(cell(d, 0, 0, 7)->text.empty());
}

TEST_CASE("html: Word's markup: o:p, conditional comments, spacerun, tabs, hidden text, layout rows, placeholders") {
    const std::string page =
        "<html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><head>"
        "<!--[if gte mso 9]><xml><o:DocumentProperties><o:Author>x</o:Author></o:DocumentProperties></xml><![endif]-->"
        "<style><!-- p.MsoNormal {margin:0} --></style></head><body lang=ZH-CN>"
        "<p class=MsoNormal>标题<o:p></o:p></p><p class=MsoNormal><o:p>&nbsp;</o:p></p>"
        "<table class=MsoNormalTable border=1><tr><td><p class=MsoNormal>a<span style='mso-spacerun:yes'>&nbsp; </span>b<o:p></o:p></p>"
        "<p class=MsoNormal><o:p>&nbsp;</o:p></p><p class=MsoNormal>c<span style='mso-tab-count:1'>&nbsp;&nbsp; </span>d"
        "<span style='display:none;mso-hide:all'>hidden</span><o:p></o:p></p></td>"
        "<td style='mso-cell-special:placeholder;border:none' width=20><p class='MsoNormal'>&nbsp;</p></td><td>z</td></tr>"
        "<![if !supportMisalignedColumns]><tr height=0><td width=10 style='border:none'></td><td width=20 style='border:none'></td>"
        "<td width=30 style='border:none'></td></tr><![endif]></table>"
        "<!--[if supportFields]>field code<![endif]--></body></html>";
    const document d = read(page);
    REQUIRE(d.paragraphs.size() == 1);
    CHECK(d.paragraphs[0].text == "标题");
    REQUIRE(d.tables.size() == 1);
    CHECK(d.tables[0].rows() == 1);  // the layout row is dropped
    CHECK(cell(d, 0, 0, 0)->text == "a  b\n\nc\td");
    CHECK(cell(d, 0, 0, 1)->text.empty());  // the placeholder's slot: an empty cell, as w:gridBefore gives
    CHECK(cell(d, 0, 0, 2)->text == "z");
    CHECK(count(d, "html.hidden_content") == 1);
}

TEST_CASE("html: thead, tfoot (shown last), th, caption, nested tables") {
    const document d = read("<table><caption>表题</caption><tfoot><tr><td>foot</td></tr></tfoot>"
                            "<thead><tr><th>h</th></tr></thead><tbody><tr><td>b<table><tr><td>in</td></tr></table></td></tr>"
                            "</tbody></table><p>after</p>");
    REQUIRE(d.tables.size() == 2);
    CHECK(cell(d, 0, 0, 0)->text == "h");
    CHECK(cell(d, 0, 1, 0)->text == "b");
    CHECK(cell(d, 0, 2, 0)->text == "foot");
    CHECK(cell(d, 0, 1, 0)->nested == std::vector<std::uint32_t>{1});
    CHECK(cell(d, 1, 0, 0)->text == "in");
    REQUIRE(d.paragraphs.size() == 2);
    CHECK(d.paragraphs[0].text == "表题");
    CHECK(d.paragraphs[0].before_table == 0);
    CHECK(d.paragraphs[1].text == "after");
    CHECK(d.paragraphs[1].before_table == 2);
}

TEST_CASE("html: charset from the meta tag, the byte order mark, or detection") {
    const std::string gbk_cell = "\xCF\xEE\xC4\xBF\xC3\xFB\xB3\xC6";  // 项目名称
    const document meta = read("<html><head><meta http-equiv=Content-Type content=\"text/html; charset=gb2312\"></head>"
                               "<body><table><tr><td>" + gbk_cell + "</td></tr></table>");
    CHECK(meta.source.encoding == "gb18030");
    CHECK(cell(meta, 0, 0, 0)->text == "项目名称");
    CHECK(count(meta, "html.encoding_guessed") == 0);
    const document guessed = read("<table><tr><td>" + gbk_cell + "</td></tr></table>");
    CHECK(guessed.source.encoding == "gb18030");
    CHECK(count(guessed, "html.encoding_guessed") == 1);
    const document lying = read("<meta charset=utf-8><table><tr><td>" + gbk_cell + "</td></tr></table>");
    CHECK(cell(lying, 0, 0, 0)->text == "项目名称");
    CHECK(count(lying, "html.charset_mismatch") == 1);
    const document unknown = read("<meta charset=klingon><table><tr><td>x</td></tr></table>");
    CHECK(count(unknown, "html.charset_unknown") == 1);
    const document bom = read("\xEF\xBB\xBF<meta charset=gbk><table><tr><td>项目</td></tr></table>");
    CHECK(bom.source.encoding == "utf-8");
    CHECK(cell(bom, 0, 0, 0)->text == "项目");
    CHECK(detail::prescan_charset("<!-- <meta charset=big5> --><meta content='text/html;charset=\"GBK\"' http-equiv='content-type'>") == "gbk");
    CHECK(detail::charset_for_label(" GB2312 ") == "gb18030");
    CHECK(detail::charset_for_label("iso-8859-1") == "windows-1252");
}

TEST_CASE("html: locations point into the input bytes") {
    const std::string gbk = "<meta charset=gbk>\n<table>\n<tr><td>\xBC\xA8\xD0\xA7</td></tr></table>";
    const document d = read(gbk);
    const grid_cell* c = cell(d, 0, 0, 0);
    CHECK(c->at.line == 3);
    CHECK(c->at.offset == gbk.find("<tr>"));  // line start: the decoded text is longer than the GBK bytes
    const document u = read("\xEF\xBB\xBF<table><tr><td>x</td></tr></table>");
    CHECK(cell(u, 0, 0, 0)->at.offset == 3 + std::string("<table><tr>").size());
}

TEST_CASE("html: PP-Structure table HTML is OCR output: suspect numbers flagged, text kept") {
    const document d = read("<html><body><table><tr><td>指标</td><td>目标值</td><td>实际值</td></tr>"
                            "<tr><td>完成率</td><td>>90%</td><td>1O0%</td></tr>"
                            "<tr><td>ISO9001</td><td>295%</td><td>98%</td></tr></table></body></html>");
    CHECK(count(d, "html.ocr_output") == 1);
    CHECK(count(d, "value.ocr_suspect") == 3);
    CHECK(cell(d, 0, 1, 2)->text == "1O0%");
    const document plain = read("<html>\n<body><table><tr><td>1O0%</td></tr></table></body></html>");
    CHECK(count(plain, "value.ocr_suspect") == 0);
    read_options o;
    o.ocr = true;
    const document forced = read("<html>\n<body><table><tr><td>1O0%</td></tr></table></body></html>", o);
    CHECK(count(forced, "value.ocr_suspect") == 1);
}

TEST_CASE("ocr: the confusions, and what is left alone") {
    auto reasons = [](const char* s) {
        std::string out;
        for (const auto& x : detail::find_ocr_suspects(s)) out += (out.empty() ? "" : "; ") + x.reason;
        return out;
    };
    CHECK(reasons("1O0%") == "O for 0");
    CHECK(reasons("l00") == "l for 1");
    CHECK(reasons("S0%") == "S for 5");
    CHECK(reasons("10O") == "O for 0");
    CHECK(reasons("9a5") == "a stray letter 'a' inside a number");
    CHECK(reasons("１Ｏ０") == "O for 0");  // full-width forms are folded first
    CHECK(reasons(">90%") == "≥ read as >");
    CHECK(reasons("< 5天") == "≤ read as <");
    CHECK(reasons("295%") == "≥ read as 2");
    CHECK(reasons("2 80%") == "≥ read as 2");
    for (const char* fine : {"≥90%", ">=90%", "98%", "200%", "ISO9001", "5km", "3A级", "5S管理", "No1", "2020年", "COVID-19", "项目名称",
                             "A1", "m2"})
        CHECK_MESSAGE(reasons(fine).empty(), fine);
}
