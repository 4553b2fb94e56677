// The HTML report writer (write.hpp: to_report, write_report). The page is
// read back with regular expressions over the writer's own regular markup:
// one `<td id=… class=…>` per grid cell, links `class="where cell-link"`.
#include <doctest/doctest.h>

#include <jixiao/jixiao.hpp>

#include "grid_cells.hpp"

#include <map>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

using namespace jixiao;

namespace {

using jixiao_test::cell;

location at(int table, int row, int col) {
    location l;
    l.table = table;
    l.row = row;
    l.col = col;
    return l;
}

// Every `<td …>` start tag of the page: id → its attributes.
std::map<std::string, std::map<std::string, std::string>> cells_of(const std::string& page) {
    std::map<std::string, std::map<std::string, std::string>> out;
    static const std::regex td("<td ([^>]*)>");
    static const std::regex attr("([a-z-]+)=\"([^\"]*)\"");
    for (auto m = std::sregex_iterator(page.begin(), page.end(), td); m != std::sregex_iterator(); ++m) {
        std::map<std::string, std::string> attrs;
        const std::string inside = (*m)[1];
        for (auto a = std::sregex_iterator(inside.begin(), inside.end(), attr); a != std::sregex_iterator(); ++a)
            attrs[(*a)[1]] = (*a)[2];
        if (attrs.count("id")) out[attrs["id"]] = attrs;
    }
    return out;
}

bool has_class(const std::map<std::string, std::string>& attrs, const std::string& cls) {
    const auto it = attrs.find("class");
    if (it == attrs.end()) return false;
    std::istringstream words(it->second);
    for (std::string w; words >> w;)
        if (w == cls) return true;
    return false;
}

std::string report_of(const document& doc, std::string path = "form") {
    std::vector<report_input> in(1);
    in[0].path = std::move(path);
    in[0].doc = &doc;
    return to_report(in);
}

std::string id_of(const grid& g, int row, int col) {
    return "d0-t0-c" + std::to_string(g.index_at(static_cast<std::uint32_t>(row), static_cast<std::uint32_t>(col)));
}

// A one-form document by hand: a header row and an indicator row.
//   row 0: 项目名称 | 测试项目 (colspan 4)
//   row 1: 产出指标 | 数量指标 | 验收合格率 | ≥80% | 90%
document hand_form() {
    document doc;
    doc.source.format = "text";
    doc.tables.emplace_back(2, 5, std::vector<grid_cell>{cell("项目名称", 0, 0), cell("测试项目", 0, 1, 1, 4), cell("产出指标", 1, 0),
                                                         cell("数量指标", 1, 1), cell("验收合格率", 1, 2), cell("≥80%", 1, 3),
                                                         cell("90%", 1, 4)});
    form f;
    f.table = 0;
    f.fields.push_back(field{"项目名称", std::string("测试项目"), at(0, 0, 1)});
    indicator i;
    i.level1 = i.level1_raw = "产出指标";
    i.level2 = i.level2_raw = "数量指标";
    i.name = i.name_raw = "验收合格率";
    diagnostics scratch;
    i.target = parse_value("≥80%", at(0, 1, 3), scratch);
    i.actual = parse_value("90%", at(0, 1, 4), scratch);
    const judgement j = assess(&*i.target, &*i.actual);
    i.judged = j.result;
    i.why = j.reason;
    i.at = at(0, 1, 2);
    f.indicators.push_back(i);
    doc.forms.push_back(std::move(f));
    return doc;
}

}  // namespace

TEST_CASE("report: merged cells come out with the grid's rowspan and colspan") {
    const std::string html =
        "<table><tr><td rowspan=2 colspan=2>A</td><td>B</td></tr><tr><td>C</td></tr>"
        "<tr><td>D</td><td colspan=2>E</td></tr><tr><td rowspan=2>F</td><td>G</td><td>H</td></tr><tr><td>I</td><td>J</td></tr></table>";
    result<document> r = read_bytes(html, "spans.html");
    REQUIRE(r);
    const document& doc = r.value();
    REQUIRE(doc.tables.size() == 1);
    const grid& g = doc.tables[0];
    const std::string page = report_of(doc);
    const auto cells = cells_of(page);
    CHECK(cells.size() == g.cells().size());
    int merged = 0;
    for (std::size_t k = 0; k < g.cells().size(); ++k) {
        const grid_cell& c = g.cells()[k];
        const std::string id = "d0-t0-c" + std::to_string(k);
        CAPTURE(id);
        REQUIRE(cells.count(id) == 1);
        const auto& a = cells.at(id);
        CHECK(has_class(a, "cell"));
        CHECK((a.count("rowspan") ? a.at("rowspan") : "1") == std::to_string(c.rowspan));
        CHECK((a.count("colspan") ? a.at("colspan") : "1") == std::to_string(c.colspan));
        if ((c.rowspan > 1 || c.colspan > 1)) ++merged;
    }
    CHECK(merged == 3);
    CHECK(page.find(R"(rowspan="2" colspan="2")") != std::string::npos);
    // The table says what it holds, for the browser test to compare.
    CHECK(page.find("data-rows=\"" + std::to_string(g.rows()) + "\" data-cols=\"" + std::to_string(g.cols()) + "\" data-cells=\"" +
                    std::to_string(g.cells().size()) + "\"") != std::string::npos);
}

TEST_CASE("report: every text from the input is escaped") {
    document doc;
    doc.source.format = "text<b>";
    doc.tables.emplace_back(1, 2, std::vector<grid_cell>{cell("<script>alert(1)</script> & \"x\" 'y'", 0, 0),
                                                         cell(std::string("bad \xFF byte \x01 ctl"), 0, 1)});
    diagnostic d;
    d.level = severity::warning;
    d.code = "x.<code>";
    d.message = "a message with <i>markup</i> & more";
    d.message_zh = "中文 <消息>";
    d.at = at(0, 0, 0);
    doc.diags.push_back(d);
    std::vector<report_input> in(2);
    in[0].path = "dir/<name>&.txt";
    in[0].doc = &doc;
    in[1].path = "missing\".docx";
    in[1].failure.code = errc::io;
    in[1].failure.message = "cannot open <missing>";
    report_options opts;
    opts.title = "A & B <title>";
    const std::string page = to_report(in, opts);

    CHECK(page.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &#39;y&#39;") != std::string::npos);
    CHECK(page.find("bad \xEF\xBF\xBD byte \xEF\xBF\xBD ctl") != std::string::npos);
    CHECK(page.find("dir/&lt;name&gt;&amp;.txt") != std::string::npos);
    CHECK(page.find("missing&quot;.docx") != std::string::npos);
    CHECK(page.find("cannot open &lt;missing&gt;") != std::string::npos);
    CHECK(page.find("a message with &lt;i&gt;markup&lt;/i&gt; &amp; more") != std::string::npos);
    CHECK(page.find("中文 &lt;消息&gt;") != std::string::npos);
    CHECK(page.find("x.&lt;code&gt;") != std::string::npos);
    CHECK(page.find("<title>A &amp; B &lt;title&gt;</title>") != std::string::npos);
    CHECK(page.find("text&lt;b&gt;") != std::string::npos);
    // Nothing from the input became markup: the page's own script is the only one,
    // and no raw '<' of the input is left.
    std::size_t scripts = 0;
    for (std::size_t p = page.find("<script"); p != std::string::npos; p = page.find("<script", p + 1)) ++scripts;
    CHECK(scripts == 1);
    CHECK(page.find("<i>") == std::string::npos);
    CHECK(page.find("<name>") == std::string::npos);
    CHECK(page.find('\x01') == std::string::npos);
    CHECK(page.find('\xFF') == std::string::npos);
    // The unreadable input is an error section naming its error.
    CHECK(page.find("<section class=\"doc failed\" id=\"d1\">") != std::string::npos);
    CHECK(page.find("<code>io</code>") != std::string::npos);
}

TEST_CASE("report: every located diagnostic links to a cell that exists") {
    result<document> r = read_file(std::string(JIXIAO_CORPUS_DIR) + "/docx/hunan/nanyue-canlian-2020.docx");
    REQUIRE(r);
    const document& doc = r.value();
    const std::string page = report_of(doc);
    const auto cells = cells_of(page);

    std::size_t located = 0, all = doc.diags.size();
    const auto in_grid = [&](const diagnostic& d) {
        if (d.at.table < 0 || d.at.row < 0 || static_cast<std::size_t>(d.at.table) >= doc.tables.size()) return false;
        const grid& g = doc.tables[static_cast<std::size_t>(d.at.table)];
        return static_cast<std::uint32_t>(d.at.row) < g.rows() && static_cast<std::uint32_t>(std::max(d.at.col, 0)) < g.cols();
    };
    for (const diagnostic& d : doc.diags) if (in_grid(d)) ++located;
    bool checks = false;
    for (const form& f : doc.forms) {
        all += f.diags.size();
        for (const diagnostic& d : f.diags) {
            if (in_grid(d)) ++located;
            checks |= d.code.rfind("check.", 0) == 0;
        }
    }
    REQUIRE(checks);  // the seed form's checks fire: their findings are linked too
    REQUIRE(located > 10);

    static const std::regex link(R"re(<a class="where cell-link" href="#([^"]+)">)re");
    std::size_t links = 0;
    for (auto m = std::sregex_iterator(page.begin(), page.end(), link); m != std::sregex_iterator(); ++m) {
        const std::string target = (*m)[1];
        CAPTURE(target);
        REQUIRE(cells.count(target) == 1);
        CHECK(has_class(cells.at(target), "cell"));
        ++links;
    }
    CHECK(links == located);
    // Each diagnostic is listed once, and the cell it points at is marked with its id.
    static const std::regex item(R"re(<li id="d0-g(\d+)")re");
    CHECK(static_cast<std::size_t>(std::distance(std::sregex_iterator(page.begin(), page.end(), item), std::sregex_iterator())) == all);
    const form& f = doc.forms.at(0);
    const diagnostic& first = f.diags.at(0);
    const auto& marked = cells.at(id_of(doc.tables[0], first.at.row, first.at.col));
    REQUIRE(marked.count("data-diags") == 1);
    CHECK(marked.at("data-diags").find("d0-g" + std::to_string(doc.diags.size())) != std::string::npos);
}

TEST_CASE("report: cells are coloured by the field they fed") {
    const document doc = hand_form();
    const grid& g = doc.tables[0];
    const std::string page = report_of(doc);
    const auto cells = cells_of(page);
    CHECK(has_class(cells.at(id_of(g, 0, 0)), "f-field"));  // the label, found beside its value
    CHECK(has_class(cells.at(id_of(g, 0, 1)), "f-field"));
    CHECK(has_class(cells.at(id_of(g, 1, 0)), "f-level1"));
    CHECK(has_class(cells.at(id_of(g, 1, 1)), "f-level2"));
    CHECK(has_class(cells.at(id_of(g, 1, 2)), "f-name"));
    CHECK(has_class(cells.at(id_of(g, 1, 3)), "f-target"));
    CHECK(has_class(cells.at(id_of(g, 1, 4)), "f-actual"));
    // The verdict beside the actual, its reason in the tooltip.
    CHECK(page.find(R"(90%<span class="v v-met" title="met: actual 90% against target ≥80%">✓</span>)") != std::string::npos);
    // The legend names every colour.
    for (const char* cls : {"f-field", "f-funds", "f-overall", "f-goal", "f-level1", "f-level2", "f-name", "f-target", "f-actual",
                            "f-weight", "f-score", "f-total"})
        CHECK(page.find(std::string("<span class=\"") + cls + "\">") != std::string::npos);
}

TEST_CASE("report: an unknown verdict says why") {
    document doc = hand_form();
    indicator& i = doc.forms[0].indicators[0];
    i.actual.reset();
    i.judged = verdict::unknown;
    i.why = verdict_reason::actual_missing;
    const std::string page = report_of(doc);
    // No actual cell: the mark goes beside the name.
    CHECK(page.find(R"(验收合格率<span class="v v-unknown" title="unknown (actual_missing): the actual cell is empty">?</span>)") !=
          std::string::npos);
}

TEST_CASE("report: the seed form's fields are coloured from their locations") {
    result<document> r = read_file(std::string(JIXIAO_CORPUS_DIR) + "/docx/hunan/nanyue-canlian-2020.docx");
    REQUIRE(r);
    const document& doc = r.value();
    const std::string page = report_of(doc);
    const auto cells = cells_of(page);
    const form& f = doc.forms.at(0);
    const grid& g = doc.tables.at(static_cast<std::size_t>(f.table));
    for (const indicator& i : f.indicators) CHECK(has_class(cells.at(id_of(g, i.at.row, i.at.col)), "f-name"));
    for (const field& x : f.fields) CHECK(has_class(cells.at(id_of(g, x.at.row, x.at.col)), "f-field"));
    REQUIRE(f.funds);
    for (const funds_row& row : f.funds->rows) CHECK(has_class(cells.at(id_of(g, row.at.row, row.at.col)), "f-funds"));
    // Values: the cells they were read from (value::at), unless that is the
    // name's cell (a comparator written at the end of the name: "残疾人满意度 … =").
    std::size_t values = 0;
    for (const indicator& i : f.indicators) {
        const std::pair<const std::optional<value>*, const char*> kinds[] = {
            {&i.target, "f-target"}, {&i.actual, "f-actual"}, {&i.weight, "f-weight"}, {&i.score, "f-score"}};
        for (const auto& kind : kinds) {  // no structured binding: clang 14 cannot capture one in CAPTURE
            const std::optional<value>& v = *kind.first;
            if (!v || (v->at.row == i.at.row && v->at.col == i.at.col)) continue;
            CAPTURE(v->raw);
            CHECK(has_class(cells.at(id_of(g, v->at.row, v->at.col)), kind.second));
            ++values;
        }
    }
    CHECK(values > 140);
}

TEST_CASE("report: write_report streams the same page") {
    const document doc = hand_form();
    std::vector<report_input> in(1);
    in[0].path = "form";
    in[0].doc = &doc;
    std::ostringstream out;
    write_report(out, in);
    CHECK(out.str() == to_report(in));
    CHECK(out.str().rfind("<!DOCTYPE html>", 0) == 0);
}
