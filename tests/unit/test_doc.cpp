// The .doc reader: every corpus form saved as .doc reads as its .docx does, the
// row-property quirks, damaged and hostile compound files, the C API.
#include <doctest/doctest.h>
#include <jixiao/jixiao.h>
#include <jixiao/jixiao.hpp>

#include <nlohmann/json.hpp>

#include "read/doc/word.hpp"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include <unistd.h>

using namespace jixiao;
namespace fs = std::filesystem;

namespace {

std::string corpus(const std::string& rel) { return std::string(JIXIAO_CORPUS_DIR) + "/" + rel; }

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The document's JSON without byte offsets, which name places in different files.
nlohmann::json without_offsets(nlohmann::json j) {
    if (j.is_object()) {
        j.erase("offset");
        for (auto& [k, v] : j.items()) v = without_offsets(v);
    } else if (j.is_array()) {
        for (auto& v : j) v = without_offsets(v);
    }
    return j;
}

nlohmann::json json_of(const std::string& path) {
    auto r = read_file(path);
    REQUIRE_MESSAGE(r.ok(), path << ": " << r.err().message);
    return without_offsets(nlohmann::json::parse(to_json(r.value())));
}

// corpus/doc/X/Y.doc and its source corpus/docx/X/Y.docx.
std::vector<std::pair<std::string, std::string>> pairs() {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& e : fs::recursive_directory_iterator(corpus("doc"))) {
        if (e.path().extension() != ".doc") continue;
        const fs::path rel = fs::relative(e.path(), corpus("doc"));
        if (rel.begin()->string() == "bad") continue;
        const fs::path docx = fs::path(corpus("docx")) / rel.parent_path() / (rel.stem().string() + ".docx");
        if (fs::exists(docx)) out.emplace_back(e.path().string(), docx.string());
    }
    std::sort(out.begin(), out.end());
    return out;
}

}  // namespace

TEST_CASE("doc: every corpus form saved as .doc gives the forms of its .docx") {
    const auto all = pairs();
    REQUIRE(all.size() >= 23);  // 14 corpus forms, 9 quirks
    int forms = 0;
    for (const auto& pair : all) {
        const std::string& doc = pair.first;  // not a structured binding: CAPTURE's lambda takes it
        const std::string& docx = pair.second;
        CAPTURE(doc);
        const nlohmann::json a = json_of(doc), b = json_of(docx);
        CHECK(a["source"]["format"] == "doc");
        CHECK(a["forms"] == b["forms"]);
        forms += static_cast<int>(a["forms"].size());
        // The quirk fixtures carry their tables over exactly; the corpus forms lose
        // LibreOffice's lone U+00A0 cells on the way, so their grids are compared by shape.
        if (doc.find("/quirks/") != std::string::npos) {
            CHECK(a["tables"] == b["tables"]);
            CHECK(a["paragraphs"] == b["paragraphs"]);
        } else {
            REQUIRE(a["tables"].size() == b["tables"].size());
            for (std::size_t t = 0; t < a["tables"].size(); ++t) {
                CHECK(a["tables"][t]["rows"] == b["tables"][t]["rows"]);
                CHECK(a["tables"][t]["cols"] == b["tables"][t]["cols"]);
                CHECK(a["tables"][t]["cells"].size() == b["tables"][t]["cells"].size());
            }
        }
    }
    CHECK(forms >= 14);
}

TEST_CASE("doc: rows with different cell edges span the union of the edges") {
    auto r = read_file(corpus("doc/quirks/edges-per-row.doc"));
    REQUIRE(r.ok());
    const grid& g = r.value().tables.at(0);
    CHECK(g.cols() == 5);  // edges 0 1000 2000 4000 5000 6000
    const nlohmann::json j = nlohmann::json::parse(to_json(r.value()));
    const auto& cells = j["tables"][0]["cells"];
    auto find = [&](const std::string& text) {
        for (const auto& c : cells)
            if (c["text"] == text) return c;
        FAIL("no cell " << text);
        return nlohmann::json();
    };
    CHECK(find("A2 wide")["colspan"] == 3);
    CHECK(find("B3 starts late")["col"] == 2);  // grid_before: two columns left empty
    CHECK(find("A4 ends early")["colspan"] == 2);
    CHECK(find("B5 off-grid")["colspan"] == 3);
}

TEST_CASE("doc: merge flags and later table sprms shape the rows") {
    const nlohmann::json m = nlohmann::json::parse(to_json(read_file(corpus("doc/quirks/merge-flags.doc")).value()));
    const auto& mc = m["tables"][0]["cells"];
    CHECK(mc[0]["text"] == "H-first\nH-merged");  // fFirstMerged + fMerged: one cell, the text joined
    CHECK(mc[0]["colspan"] == 2);
    CHECK(mc[3]["text"] == "V-restart\nV-cont-text");  // fVertRestart then fVertMerge
    CHECK(mc[3]["rowspan"] == 3);

    const nlohmann::json s = nlohmann::json::parse(to_json(read_file(corpus("doc/quirks/row-sprms.doc")).value()));
    std::map<std::string, nlohmann::json> by;
    for (const auto& c : s["tables"][0]["cells"]) by[c["text"]] = c;
    // The table's edges: 0 1000 2000 2500 3000 4000 4500 5000 (2500 and 4500 from the
    // inserted 500-wide cell of the last row, 5000 from sprmTDxaCol's row).
    CHECK(by["ins-4"]["col"] == 4);          // sprmTInsert alone defines a row: 3000–4000
    CHECK(by["del-0"]["colspan"] == 4);      // sprmTDelete: the cell before takes the room, 0–3000
    CHECK(by["dxa-1 wide"]["colspan"] == 3);  // sprmTDxaCol: 1000–3000
    CHECK(by["merge-0\nmerge-1"]["colspan"] == 2);  // sprmTMerge
    CHECK(by.count("split-2") == 1);         // sprmTSplit undid a merge
    CHECK(by["vm-restart"]["rowspan"] == 2);  // sprmTVertMerge
    CHECK(by["mid-new"]["colspan"] == 1);     // sprmTInsert in the middle of a row
}

TEST_CASE("doc: nesting deleted revisions fields pieces and the Data stream") {
    auto nested = read_file(corpus("doc/quirks/nested-itap.doc"));
    REQUIRE(nested.ok());
    REQUIRE(nested.value().tables.size() == 2);
    const nlohmann::json nj = nlohmann::json::parse(to_json(nested.value()));
    CHECK(nj["tables"][1]["parent"]["table"] == 0);

    auto rev = read_file(corpus("doc/quirks/revisions.doc"));
    REQUIRE(rev.ok());
    CHECK(rev.value().paragraphs.at(0).text == "kept inserted");
    CHECK(rev.value().paragraphs.at(1).text == "first half of a paragraph whose mark was deletedsecond half");
    CHECK(rev.value().tables.at(0).rows() == 2);
    bool deleted_row = false;
    for (const diagnostic& d : rev.value().diags) deleted_row |= d.code == "doc.deleted_row";
    CHECK(deleted_row);

    auto f = read_file(corpus("doc/quirks/fields-and-characters-made.doc"));
    REQUIRE(f.ok());
    std::vector<std::string> paras;
    for (const paragraph& p : f.value().paragraphs) paras.push_back(p.text);
    CHECK(paras == std::vector<std::string>{"LINK", "page 7", "nested: yes", "no result:!", "picture!", "before a section break", "after it"});

    auto p = read_file(corpus("doc/quirks/pieces.doc"));
    REQUIRE(p.ok());
    REQUIRE(p.value().paragraphs.size() == 3);
    CHECK(p.value().paragraphs[0].text == "8-bit piece: \u201cquoted\u201d \u20ac5 caf\u00e9");

    auto huge = read_file(corpus("doc/quirks/huge-papx.doc"));
    REQUIRE(huge.ok());
    CHECK(huge.value().tables.at(0).cols() == 40);
}

TEST_CASE("doc: damaged and foreign files give their named errors") {
    struct expect {
        const char* file;
        errc code;
    };
    for (const expect& e : {expect{"doc/bad/encrypted.doc", errc::encrypted}, expect{"doc/bad/word95.doc", errc::unsupported},
                            expect{"doc/bad/workbook.doc", errc::unsupported}, expect{"doc/bad/other-ole.doc", errc::unsupported},
                            expect{"doc/bad/no-table-stream.doc", errc::doc_corrupt}, expect{"doc/bad/clx-past-end.doc", errc::doc_corrupt},
                            expect{"doc/bad/not-a-fib.doc", errc::doc_corrupt}, expect{"docx/bad/encrypted.docx", errc::encrypted},
                            expect{"hostile/cfb-fat-loop.doc", errc::compound_file_corrupt},
                            expect{"hostile/cfb-sector-past-end.doc", errc::compound_file_corrupt},
                            expect{"hostile/cfb-stream-longer-than-file.doc", errc::compound_file_corrupt},
                            expect{"hostile/cfb-directory-loop.doc", errc::compound_file_corrupt},
                            expect{"hostile/cfb-difat-loop.doc", errc::compound_file_corrupt},
                            expect{"hostile/cfb-truncated.doc", errc::compound_file_corrupt}}) {
        CAPTURE(e.file);
        const auto t0 = std::chrono::steady_clock::now();
        auto r = read_file(corpus(e.file));
        const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        REQUIRE_FALSE(r.ok());
        CHECK(r.err().code == e.code);
        CHECK(std::string(to_string(r.err().code)) != "unknown");
        CHECK(seconds < 2.0);
    }
}

TEST_CASE("doc: libgsf never writes to standard error (the checks stop what it would warn about)") {
    // Redirect fd 2 to a temporary file while every damaged compound file is read.
    std::FILE* tmp = std::tmpfile();
    REQUIRE(tmp != nullptr);
    std::fflush(stderr);
    const int saved = dup(2);
    REQUIRE(saved >= 0);
    REQUIRE(dup2(fileno(tmp), 2) >= 0);
    int read = 0;
    for (const char* dir : {"hostile", "doc/bad", "docx/bad"})
        for (const auto& e : fs::directory_iterator(corpus(dir)))
            if (e.path().extension() == ".doc" || e.path().extension() == ".docx") {
                (void)read_file(e.path().string());
                ++read;
            }
    std::fflush(stderr);
    dup2(saved, 2);
    close(saved);
    std::fseek(tmp, 0, SEEK_END);
    const long printed = std::ftell(tmp);
    std::fclose(tmp);
    CHECK(read > 20);
    CHECK(printed == 0);
}

TEST_CASE("doc: every truncation and byte flip is a document or a named error") {
    const std::string bytes = slurp(corpus("doc/central/jishan-yibao-2020.doc"));
    REQUIRE(bytes.size() > 10000);
    int documents = 0, errors = 0;
    for (std::size_t n = 0; n < bytes.size(); n += 61) {
        auto r = read_bytes(std::string_view(bytes).substr(0, n), "cut.doc");
        if (r.ok()) {
            ++documents;
        } else {
            CHECK(r.err().code != errc::internal);
            ++errors;
        }
    }
    for (std::size_t i = 0; i < bytes.size(); i += 11) {
        std::string flipped = bytes;
        flipped[i] = static_cast<char>(flipped[i] ^ 0x5A);
        auto r = read_bytes(flipped, "flip.doc");
        if (r.ok()) {
            ++documents;
        } else {
            CHECK(r.err().code != errc::internal);
            ++errors;
        }
    }
    CHECK(errors > 0);
    CHECK(documents > 0);
}

TEST_CASE("doc: the format is told by the content not the name") {
    const std::string docx = slurp(corpus("docx/quirks/nested.docx"));
    const std::string doc = slurp(corpus("doc/quirks/nested.doc"));
    CHECK(read_bytes(docx, "renamed.doc").value().source.format == "docx");
    CHECK(read_bytes(doc, "renamed.docx").value().source.format == "doc");
    CHECK(read_bytes(doc, "renamed.txt").value().source.part == "WordDocument");
    CHECK(read_bytes(std::string("\xDB\xA5\x2D\x00rest", 8), "word2.doc").err().code == errc::unsupported);
}

TEST_CASE("doc: the Word streams read without their container (the fuzz target's stream mode)") {
    const std::string seed = slurp(std::string(JIXIAO_CORPUS_DIR) + "/../fuzz/corpus/doc/streams-merge-flags.bin");
    REQUIRE(seed.size() > 8);
    auto u32 = [&](std::size_t at) {
        return static_cast<std::size_t>(static_cast<unsigned char>(seed[at]) | static_cast<unsigned char>(seed[at + 1]) << 8 |
                                        static_cast<unsigned char>(seed[at + 2]) << 16 | static_cast<unsigned char>(seed[at + 3]) << 24);
    };
    const std::string word = seed.substr(8, u32(0)), table = seed.substr(8 + u32(0), u32(4));
    const detail::stream_opener open = [&](std::string_view name) -> std::optional<result<std::string>> {
        if (name == "WordDocument") return result<std::string>(word);
        if (name == "1Table") return result<std::string>(table);
        return std::nullopt;
    };
    diagnostics diags;
    auto raw = detail::read_word(open, {}, diags);
    REQUIRE(raw.ok());
    REQUIRE(raw.value().tables.size() == 1);
    CHECK(raw.value().tables[0].rows.size() == 5);
    CHECK(raw.value().tables[0].rows[0].cells[0].horizontal == hmerge::restart);
}

TEST_CASE("doc: the C API reads .doc and maps the new codes") {
    const std::string bytes = slurp(corpus("doc/quirks/small-form.doc"));
    jixiao_reader* r = jixiao_reader_new(nullptr);
    REQUIRE(r != nullptr);
    jixiao_document* doc = nullptr;
    REQUIRE(jixiao_read_buffer(r, bytes.data(), bytes.size(), "form.bin", &doc) == JIXIAO_OK);
    CHECK(std::string(jixiao_document_format(doc)) == "doc");
    CHECK(jixiao_document_form_count(doc) == 1);
    jixiao_document_free(doc);
    doc = nullptr;
    const std::string loop = slurp(corpus("hostile/cfb-fat-loop.doc"));
    CHECK(jixiao_read_buffer(r, loop.data(), loop.size(), "loop.doc", &doc) == JIXIAO_E_COMPOUND_FILE_CORRUPT);
    CHECK(doc == nullptr);
    const std::string bad = slurp(corpus("doc/bad/not-a-fib.doc"));
    CHECK(jixiao_read_buffer(r, bad.data(), bad.size(), "bad.doc", &doc) == JIXIAO_E_DOC_CORRUPT);
    CHECK(std::strlen(jixiao_strerror(JIXIAO_E_DOC_CORRUPT)) > 0);
    jixiao_reader_free(r);
}
