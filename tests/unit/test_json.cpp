#include <doctest/doctest.h>
#include <jixiao/document.hpp>
#include <jixiao/write.hpp>

#include <nlohmann/json.hpp>

#include <string>

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
