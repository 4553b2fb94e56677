#include <doctest/doctest.h>
#include <jixiao/document.hpp>
#include <jixiao/write.hpp>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

using namespace jixiao;
using nlohmann::json;

namespace {
json dump(std::string_view text, json_options o = {}) {
    auto r = read_bytes(text, "in.txt");
    REQUIRE(r.ok());
    return json::parse(to_json(r.value(), o));
}
const char* sample =
    "\t2020年部门整体支出绩效自评表\n\n"
    "\t一级指标\n\t二级指标\n\t三级指标\n\t指标值\n\t全年实际完成值\n\n"
    "\t产出指标\n\t质量指标\n\t合格率\n\t≥80%\n\t0.8\n\n"
    "\t\n\t成本指标\n\t补贴\n\t≤2万\n\t5.6万\n";
}  // namespace

TEST_CASE("json: the schema's top-level shape") {
    const json j = dump(sample);
    CHECK(j["schema"] == "jixiao/1");
    CHECK(j["source"]["path"] == "in.txt");
    CHECK(j["source"]["format"] == "text");
    CHECK(j["source"]["encoding"] == "utf-8");
    REQUIRE(j["forms"].size() == 1);
    CHECK(j["tables"].size() == 1);
    CHECK(j["diagnostics"].is_array());
    const json& f = j["forms"][0];
    CHECK(f["kind"] == "department");
    CHECK(f["year"] == 2020);
    for (const char* k : {"title", "header", "fields", "funds", "overall_goal", "goals", "indicators", "total", "diagnostics"})
        CHECK(f.contains(k));
}

TEST_CASE("json: values in base units — raw kept — exact decimals") {
    const json j = dump(sample);
    const json& a = j["forms"][0]["indicators"][0];
    CHECK(a["target"]["raw"] == "≥80%");
    CHECK(a["target"]["op"] == ">=");
    CHECK(a["target"]["value"].dump() == "0.8");
    CHECK(a["target"]["unit"] == "%");
    CHECK(a["actual"]["op"].is_null());
    CHECK(a["verdict"] == "met");
    const json& b = j["forms"][0]["indicators"][1];
    CHECK(b["target"]["value"].dump() == "20000");
    CHECK(b["actual"]["value"].dump() == "56000");
    CHECK(b["verdict"] == "not_met");
    CHECK(b["level1"] == "产出指标");
    CHECK(b["at"]["line"] == 17);
    CHECK(b["at"]["table"] == 0);
    CHECK(b["at"]["row"] == 2);
}

TEST_CASE("json: grid cells with spans and the inferred flag") {
    const json j = dump(sample);
    const json& t = j["tables"][0];
    CHECK(t["rows"] == 3);
    CHECK(t["cols"] == 5);
    CHECK(t["title"] == "2020年部门整体支出绩效自评表");
    const json& first = t["cells"][5];  // 产出指标: spans rows 1–2
    CHECK(first["text"] == "产出指标");
    CHECK(first["rowspan"] == 2);
    CHECK(first["inferred"] == true);
}

TEST_CASE("json: --no-tables and compact output") {
    json_options o;
    o.tables = false;
    o.indent = -1;
    auto r = read_bytes(sample, "in.txt");
    REQUIRE(r.ok());
    const std::string s = to_json(r.value(), o);
    CHECK(s.find('\n') == s.size() - 1);  // one line
    CHECK_FALSE(json::parse(s).contains("tables"));
}

// The writer streams its output without building a tree; what it writes must
// be what nlohmann::json's dump() writes for the same content (the goldens
// were made that way). Parsing the output and dumping it again with the same
// indentation gives the same bytes when indentation, separators, escapes and
// number digits all agree.
namespace {
std::string redump(const std::string& s, int indent) {
    return nlohmann::ordered_json::parse(s).dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}
}  // namespace

TEST_CASE("json: output is what nlohmann's dump writes — every corpus input in every layout") {
    std::size_t documents = 0;
    for (const auto& e : std::filesystem::recursive_directory_iterator(JIXIAO_CORPUS_DIR)) {
        const std::string name = e.path().filename().string();
        if (!e.is_regular_file() || name.ends_with(".json") || name.front() == '.' || name.starts_with("README") ||
            name.starts_with("LICENSE"))
            continue;
        std::ifstream in(e.path(), std::ios::binary);
        const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
        auto r = read_bytes(bytes, e.path().string());
        if (!r) continue;
        ++documents;
        for (int indent : {2, -1, 4})
            for (bool tables : {true, false}) {
                json_options o;
                o.indent = indent;
                o.tables = tables;
                const std::string s = to_json(r.value(), o);
                INFO(e.path().string(), " indent ", indent, " tables ", tables);
                CHECK(s == redump(s, indent));
                std::ostringstream streamed;
                write_json(streamed, r.value(), o);
                CHECK(streamed.str() == s);
                std::string appended = "x";
                append_json(appended, r.value(), o);
                CHECK(appended == "x" + s);
            }
    }
    CHECK(documents > 20);
}

TEST_CASE("json: strings escaped as nlohmann escapes them — invalid UTF-8 replaced as it replaces it") {
    const std::string texts[] = {
        "plain", "引号\"和\\反斜杠", std::string("ctl\x01\x1f\x7f\b\f\n\r\t", 12), std::string("nul\0end", 7),
        "\xE2\x82",                // truncated sequence at the end
        "a\xFFz",                  // a byte that never starts a sequence
        "\xC0\xAF",                // overlong '/'
        "\xED\xA0\x80",            // a surrogate
        "\xF4\x90\x80\x80",        // past U+10FFFF
        "ok\xE4\xB8\xADx\x80y\"",  // valid, then a stray continuation byte, then a quote
        "😀 U+1F600",
    };
    document doc;
    for (const std::string& t : texts) doc.paragraphs.push_back({t, 0, {}});
    json_options o;
    o.indent = -1;
    const std::string s = to_json(doc, o);
    for (const std::string& t : texts) {
        INFO(nlohmann::json(t).dump(-1, ' ', true, nlohmann::json::error_handler_t::replace));
        CHECK(s.find("{\"text\":" + nlohmann::json(t).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + ",") !=
              std::string::npos);
    }
    CHECK(s == redump(s, -1));

    // Every three-byte lead with every second byte and some third bytes, at the end of
    // the string and before more text: the writer's CJK fast path against nlohmann.
    document all;
    for (unsigned lead = 0xE0; lead <= 0xEF; ++lead)
        for (unsigned b1 = 0; b1 <= 0xFF; ++b1)
            for (unsigned b2 : {0x80u, 0xBFu, 0x41u, 0xC0u}) {
                std::string t{static_cast<char>(lead), static_cast<char>(b1), static_cast<char>(b2)};
                all.paragraphs.push_back({t, 0, {}});
                all.paragraphs.push_back({t.substr(0, 2), 0, {}});
                all.paragraphs.push_back({t + "\"\xE4\xB8\xAD", 0, {}});
            }
    const std::string out = to_json(all, o);
    nlohmann::json expected = nlohmann::json::array();
    for (const paragraph& p : all.paragraphs) expected.push_back(p.text);
    const nlohmann::json got = nlohmann::json::parse(out)["paragraphs"];
    REQUIRE(got.size() == expected.size());
    std::size_t differ = 0;
    for (std::size_t i = 0; i < got.size(); ++i)
        differ += got[i]["text"].dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) !=
                  expected[i].dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    CHECK(differ == 0);
}

TEST_CASE("json: numbers written as nlohmann writes the decimal's double") {
    std::vector<value_report> reports;
    const decimal numbers[] = {decimal(8, -1),  decimal(1, -7),  decimal(123456789012345, -20), decimal(5, 20),
                               decimal(1, 15),  decimal(-25, -1), decimal(0, 0),                decimal(1234567890123456789, 0),
                               decimal(3, 300), decimal(1, -4),  decimal(333333333333333, -15)};
    for (const decimal& d : numbers) {
        value_report r;
        r.parsed.raw = d.to_string();
        r.parsed.number = d;
        reports.push_back(std::move(r));
    }
    for (int indent : {2, -1}) {
        json_options o;
        o.indent = indent;
        const std::string s = to_json(reports, o);
        CHECK(s == redump(s, indent));
    }
    json_options o;
    o.indent = -1;
    const std::string s = to_json(reports, o);
    CHECK(s.find("\"value\":0.8,") != std::string::npos);
    CHECK(s.find("\"value\":1e-07,") != std::string::npos);
    CHECK(s.find("\"value\":500000000000000000000,") == std::string::npos);  // past int64: a double
    CHECK(s.find("\"value\":1000000000000000,") != std::string::npos);
    CHECK(s.find("\"value\":1234567890123456789,") != std::string::npos);
}
