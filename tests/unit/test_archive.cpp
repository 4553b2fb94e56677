#include <jixiao/archive.hpp>
#include <jixiao/jixiao.hpp>

#include <doctest/doctest.h>
#include <sqlite3.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

using namespace jixiao;

namespace {

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const std::string seed_path = std::string(JIXIAO_CORPUS_DIR) + "/text/hunan/nanyue-canlian-2020.txt";

std::size_t column_of(flat_table t, std::string_view name) {
    const auto& def = flat_schema()[static_cast<std::size_t>(t)];
    for (std::size_t i = 0; i < def.columns.size(); ++i)
        if (name == def.columns[i].name) return i;
    FAIL("no column ", name);
    return 0;
}

// Removes an SQLite database and its WAL files (and a rollback journal).
void remove_database(const std::string& db) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(db + suffix);
}

// A database in the temporary directory, removed before the test and after it
// (also when an assertion ends it early), and by clean() in between.
struct scratch_database {
    std::string path;
    explicit scratch_database(const char* name) : path((std::filesystem::temp_directory_path() / name).string()) { clean(); }
    ~scratch_database() { clean(); }
    scratch_database(const scratch_database&) = delete;
    scratch_database& operator=(const scratch_database&) = delete;
    void clean() const { remove_database(path); }
};

}  // namespace

TEST_CASE("archive: SHA-256 gives the FIPS 180-4 examples") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256_hex(std::string(1'000'000, 'a')) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    // lengths around the padding boundary (55, 56, 63, 64 bytes) against each other's determinism
    std::set<std::string> distinct;
    for (std::size_t n : {55u, 56u, 63u, 64u, 65u}) distinct.insert(sha256_hex(std::string(n, 'x')));
    CHECK(distinct.size() == 5);
}

TEST_CASE("archive: the flat schema has unique, SQL-safe column names") {
    const std::set<std::string> keywords = {"table", "row", "offset", "index", "order", "group", "key", "values", "text_"};
    REQUIRE(flat_schema().size() == flat_table_count);
    for (const flat_table_def& t : flat_schema()) {
        std::set<std::string> names;
        for (const column& c : t.columns) {
            CHECK(names.insert(c.name).second);
            CHECK(keywords.count(c.name) == 0);
        }
        if (t.level == 2) CHECK(std::string(t.columns[0].name) == "form_index");
    }
}

TEST_CASE("archive: the seed flattens into one row per form, indicator and diagnostic") {
    const conversion c = convert_file(seed_path);
    REQUIRE(c.doc);
    CHECK(c.sha256 == sha256_hex(slurp(seed_path)));
    CHECK(c.size == slurp(seed_path).size());
    const flat_document f = flatten(c);
    const auto& def = flat_schema();
    for (const flat_table_def& t : def) {  // whole rows only: a row short of a cell would shift every later one
        CHECK(f[t.id].width == t.columns.size());
        CHECK(f[t.id].cells.size() % t.columns.size() == 0);
    }
    REQUIRE(f[flat_table::documents].size() == 1);
    CHECK(f[flat_table::forms].size() == 1);
    CHECK(f[flat_table::indicators].size() == 78);
    CHECK(f[flat_table::goals].size() == 12);
    std::size_t diags = c.doc->diags.size();
    for (const form& x : c.doc->forms) diags += x.diags.size();
    CHECK(f[flat_table::diags].size() == diags);
    const flat_row& doc = f[flat_table::documents][0];
    CHECK(doc[column_of(flat_table::documents, "status")].s == to_string(status_of(c)));
    CHECK(doc[column_of(flat_table::documents, "indicators")].i == 78);
    // a value: raw text and exact number
    const flat_row& first = f[flat_table::indicators][0];
    CHECK(first[column_of(flat_table::indicators, "target_raw")].k == cell::kind::text);
    bool percent = false;
    for (const flat_row& r : f[flat_table::indicators]) {
        const cell& raw = r[column_of(flat_table::indicators, "target_raw")];
        if (raw.s == "≥80%") {
            CHECK(r[column_of(flat_table::indicators, "target_op")].s == ">=");
            CHECK(r[column_of(flat_table::indicators, "target_value")].k == cell::kind::number);
            CHECK(r[column_of(flat_table::indicators, "target_value")].s == "0.8");
            percent = true;
        }
    }
    CHECK(percent);
}

TEST_CASE("archive: schema 2 columns carry the family, codes, the value cells and the Chinese messages") {
    const conversion c = convert_file(seed_path);
    REQUIRE(c.doc);
    REQUIRE(c.doc->forms.size() == 1);
    const form& x = c.doc->forms[0];
    const flat_document f = flatten(c);
    REQUIRE(f[flat_table::forms].size() == 1);
    const flat_row fr = f[flat_table::forms][0];
    CHECK(fr[column_of(flat_table::forms, "family")].s == x.family);
    CHECK(x.family != "unknown");
    // the funds rows: 273 + 2 ≠ 274 sits under a total row and its parts
    std::set<std::string> keys;
    for (const flat_row& r : f[flat_table::funds]) keys.emplace(r[column_of(flat_table::funds, "row_key")].s);
    CHECK(keys.count("total") == 1);
    // indicators: taxonomy codes, and the cells the values came from
    REQUIRE(f[flat_table::indicators].size() == x.indicators.size());
    for (std::size_t i = 0; i < x.indicators.size(); ++i) {
        const indicator& ind = x.indicators[i];
        const flat_row& r = f[flat_table::indicators][i];
        CHECK(r[column_of(flat_table::indicators, "level1_code")].s == ind.level1_code);
        if (ind.target) {
            REQUIRE(r[column_of(flat_table::indicators, "target_col")].k == cell::kind::integer);
            CHECK(r[column_of(flat_table::indicators, "target_col")].i == ind.target->at.col);
            CHECK(ind.target->at.row == ind.at.row);
            CHECK(ind.target->at.col >= ind.at.col);  // equal when the name cell spans the target column (form.comparator_in_name)
        }
    }
    CHECK(f[flat_table::indicators][0][column_of(flat_table::indicators, "level1_code")].s == "output");
    // every check finding has its Chinese message
    bool checks = false;
    for (const flat_row& r : f[flat_table::diags])
        if (r[column_of(flat_table::diags, "code")].s.rfind("check.", 0) == 0) {
            checks = true;
            CHECK(r[column_of(flat_table::diags, "message_zh")].k == cell::kind::text);
            CHECK(!r[column_of(flat_table::diags, "message_zh")].s.empty());
        }
    CHECK(checks);
}

TEST_CASE("archive: the text of flat cells stays where it is when the rows are moved") {
    const conversion c = convert_file(seed_path);
    flat_document f = flatten(c);
    const cell first = f[flat_table::indicators][0][column_of(flat_table::indicators, "name")];
    const std::string name(first.s);
    REQUIRE(!name.empty());
    const std::vector<cell>& cells = f[flat_table::indicators].cells;
    const cell* data = cells.data();
    const flat_document moved = std::move(f);
    CHECK(moved[flat_table::indicators].cells.data() == data);  // the rows moved, not copied
    CHECK(moved[flat_table::indicators][0][column_of(flat_table::indicators, "name")].s == name);
    CHECK(first.s.data() == moved[flat_table::indicators][0][column_of(flat_table::indicators, "name")].s.data());

    // strings larger than a block, empty strings, and many small ones
    flat_document d;
    const std::string big(300 * 1024, 'x');
    std::vector<std::string_view> kept;
    for (int i = 0; i < 5000; ++i) kept.push_back(d.keep(std::to_string(i)));
    const std::string_view b = d.keep(big);
    CHECK(d.keep("").empty());
    CHECK(b == big);
    CHECK(b.data() != big.data());
    for (int i = 0; i < 5000; ++i) CHECK(kept[static_cast<std::size_t>(i)] == std::to_string(i));
    // rows of a table: width cells each
    CHECK(d[flat_table::goals].width == flat_schema()[static_cast<std::size_t>(flat_table::goals)].columns.size());
    CHECK(d[flat_table::goals].empty());
    CHECK(d[flat_table::goals].begin() == d[flat_table::goals].end());
}

TEST_CASE("archive: an unreadable input is one failed documents row with its error") {
    const conversion c = convert_bytes("\tA\n\tB\xFF\n", "bad.txt");
    REQUIRE(c.err);
    CHECK(status_of(c) == doc_status::failed);
    const flat_document f = flatten(c);
    REQUIRE(f[flat_table::documents].size() == 1);
    const flat_row& d = f[flat_table::documents][0];
    CHECK(d[column_of(flat_table::documents, "status")].s == "failed");
    CHECK(d[column_of(flat_table::documents, "error_code")].s == "encoding");
    CHECK(d[column_of(flat_table::documents, "error_offset")].i == 5);
    CHECK(d[column_of(flat_table::documents, "format")].k == cell::kind::null);
    CHECK(f[flat_table::forms].empty());

    const conversion missing = convert_file("/nonexistent/jixiao.txt");
    CHECK(missing.err->code == errc::io);
    CHECK(missing.sha256.empty());
}

TEST_CASE("archive: formats from names and paths") {
    CHECK(format_of_path("out.jsonl") == output_format::jsonl);
    CHECK(format_of_path("OUT.SQLite") == output_format::sqlite);
    CHECK(format_of_path("a/b.db") == output_format::sqlite);
    CHECK(format_of_path("x.xlsx") == output_format::xlsx);
    CHECK(format_of_path("dir/") == output_format::csv);
    CHECK_FALSE(format_of_path("x.csv"));
    CHECK(parse_output_format("csv") == output_format::csv);
    CHECK_FALSE(parse_output_format("yaml"));
}

TEST_CASE("archive: CSV quotes commas, quotes and line breaks, with a byte order mark") {
    const auto dir = std::filesystem::temp_directory_path() / "jixiao-test-csv";
    std::filesystem::remove_all(dir);
    auto w = open_writer(output_format::csv, dir.string());
    REQUIRE(w.ok());
    conversion c;
    c.path = "a,\"b\"\nc.txt";
    c.err = error{};
    c.err->code = errc::io;
    c.err->message = "line one\nline \"two\", end";
    REQUIRE_FALSE(w.value()->write(w.value()->prepare(c)));
    REQUIRE_FALSE(w.value()->close());
    const std::string text = slurp((dir / "documents.csv").string());
    CHECK(text.rfind("\xEF\xBB\xBFpath,size,sha256,", 0) == 0);
    CHECK(text.find("\r\n\"a,\"\"b\"\"\nc.txt\",0,,,,,failed,io,\"line one\nline \"\"two\"\", end\",,,0,0,1,0\r\n") != std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST_CASE("archive: an SQLite output answers what it holds, by path and content") {
    const scratch_database scratch("jixiao-test.sqlite");
    const std::string& db = scratch.path;
    {
        auto w = open_writer(output_format::sqlite, db);
        REQUIRE(w.ok());
        const conversion c = convert_file(seed_path);
        CHECK_FALSE(w.value()->stored(seed_path, c.sha256));
        REQUIRE_FALSE(w.value()->write(w.value()->prepare(c)));
        REQUIRE_FALSE(w.value()->close());
    }
    auto again = open_writer(output_format::sqlite, db);
    REQUIRE(again.ok());
    const std::string sha = sha256_hex(slurp(seed_path));
    CHECK(again.value()->stored(seed_path, sha) == status_of(convert_file(seed_path)));
    CHECK_FALSE(again.value()->stored(seed_path, sha256_hex("other")));
    CHECK_FALSE(again.value()->stored("elsewhere.txt", sha));
    REQUIRE_FALSE(again.value()->close());
    writer_options force;
    force.force = true;
    auto forced = open_writer(output_format::sqlite, db, force);
    CHECK_FALSE(forced.value()->stored(seed_path, sha));
    REQUIRE_FALSE(forced.value()->close());

    // A database that is not jixiao's is refused, not written into.
    const auto other = std::filesystem::temp_directory_path() / "jixiao-test-other.sqlite";
    std::filesystem::remove(other);
    std::filesystem::copy_file(std::string(JIXIAO_CORPUS_DIR) + "/text/hunan/nanyue-canlian-2020.txt", other);
    auto refused = open_writer(output_format::sqlite, other.string());
    CHECK_FALSE(refused.ok());
    std::filesystem::remove(other);
    // Nor is one of another schema (jixiao-sqlite/1 lacked the columns schema 2 added).
    {
        sqlite3* con = nullptr;
        REQUIRE(sqlite3_open(other.string().c_str(), &con) == SQLITE_OK);
        REQUIRE(sqlite3_exec(con, "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL); "
                                  "INSERT INTO meta VALUES ('schema', 'jixiao-sqlite/1');",
                             nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(con);
    }
    auto older = open_writer(output_format::sqlite, other.string());
    REQUIRE_FALSE(older.ok());
    CHECK(older.err().message.find("'jixiao-sqlite/1', not jixiao-sqlite/2: convert into a new file") != std::string::npos);
    std::filesystem::remove(other);
}

TEST_CASE("archive: SQLite commits whole documents — per document with commit_ms 0 — at close otherwise") {
    const scratch_database scratch("jixiao-test-commit.sqlite");
    const std::string& db = scratch.path;
    const std::string other_path = std::string(JIXIAO_CORPUS_DIR) + "/docx/central/jishan-yibao-2020.docx";
    const conversion a = convert_file(seed_path), b = convert_file(other_path);
    const auto stored = [&](const conversion& c) {
        auto w = open_writer(output_format::sqlite, db);
        REQUIRE(w.ok());
        const bool held = w.value()->stored(c.path, c.sha256).has_value();
        REQUIRE_FALSE(w.value()->close());
        return held;
    };
    for (unsigned ms : {0u, 3'600'000u}) {
        scratch.clean();
        writer_options o;
        o.commit_ms = ms;
        {
            // Dropped without close(), as a killed run is: what was committed stays, the rest goes whole.
            auto w = open_writer(output_format::sqlite, db, o);
            REQUIRE(w.ok());
            REQUIRE_FALSE(w.value()->write(w.value()->prepare(a)));
            REQUIRE_FALSE(w.value()->write(w.value()->prepare(b)));
        }
        CHECK(stored(a) == (ms == 0));
        CHECK(stored(b) == (ms == 0));
        {
            auto w = open_writer(output_format::sqlite, db, o);
            REQUIRE(w.ok());
            REQUIRE_FALSE(w.value()->write(w.value()->prepare(a)));
            REQUIRE_FALSE(w.value()->write(w.value()->prepare(b)));
            REQUIRE_FALSE(w.value()->close());
        }
        CHECK(stored(a));
        CHECK(stored(b));
    }
}

namespace {

// The first column of the first row `sql` gives, as text ("" for none).
std::string query(const std::string& db, const std::string& sql) {
    sqlite3* con = nullptr;
    REQUIRE(sqlite3_open_v2(db.c_str(), &con, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* s = nullptr;
    REQUIRE_MESSAGE(sqlite3_prepare_v2(con, sql.c_str(), -1, &s, nullptr) == SQLITE_OK, sqlite3_errmsg(con));
    std::string out;
    if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0)) out = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
    sqlite3_finalize(s);
    sqlite3_close(con);
    return out;
}

// Rows of the tables under documents whose document is not there.
std::string orphans(const std::string& db) {
    std::string sql = "SELECT 0";
    for (const flat_table_def& t : flat_schema())
        if (t.level > 0) sql += std::string(" + (SELECT count(*) FROM ") + t.name + " WHERE document_id NOT IN (SELECT id FROM documents))";
    return query(db, sql);
}

std::string document_indexes(const std::string& db) {
    return query(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name LIKE '%\\_document' ESCAPE '\\'");
}

}  // namespace

TEST_CASE("archive: SQLite replaces a document whole, with or without the document indexes in place") {
    const scratch_database scratch("jixiao-test-replace.sqlite");
    const std::string& db = scratch.path;
    conversion hunan = convert_file(seed_path);  // 78 indicators
    conversion central = convert_file(std::string(JIXIAO_CORPUS_DIR) + "/docx/central/jishan-yibao-2020.docx");  // 6
    REQUIRE(hunan.doc);
    REQUIRE(central.doc);
    hunan.path = "a.txt";
    central.path = "b.docx";
    conversion central_as_a = central;
    central_as_a.path = "a.txt";
    const std::string indicators_of_a =
        "SELECT count(*) FROM indicators i JOIN documents d ON d.id = i.document_id WHERE d.path = 'a.txt'";
    {
        // A new database: the document indexes are out while loading, and a path that comes
        // again in the same run has them built to find its rows.
        auto w = open_writer(output_format::sqlite, db);
        REQUIRE(w.ok());
        REQUIRE_FALSE(w.value()->write(w.value()->prepare(hunan)));
        REQUIRE_FALSE(w.value()->write(w.value()->prepare(central)));
        REQUIRE_FALSE(w.value()->write(w.value()->prepare(central_as_a)));
        CHECK(document_indexes(db) == "5");
        REQUIRE_FALSE(w.value()->close());
    }
    CHECK(query(db, "PRAGMA page_size") == "16384");
    CHECK(query(db, "SELECT count(*) FROM documents") == "2");
    CHECK(query(db, indicators_of_a) == "6");
    CHECK(query(db, "SELECT count(*) FROM indicators") == "12");
    CHECK(orphans(db) == "0");
    CHECK(document_indexes(db) == "5");
    CHECK(query(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'indicators_levels'") == "1");

    scratch.clean();
    {
        // Killed after its first commit (dropped without close): the document indexes are out …
        writer_options o;
        o.commit_ms = 0;
        auto w = open_writer(output_format::sqlite, db, o);
        REQUIRE(w.ok());
        REQUIRE_FALSE(w.value()->write(w.value()->prepare(hunan)));
    }
    CHECK(document_indexes(db) == "0");
    {
        // … and the next run, which replaces a document, builds them before it deletes its rows.
        auto w = open_writer(output_format::sqlite, db);
        REQUIRE(w.ok());
        REQUIRE_FALSE(w.value()->write(w.value()->prepare(central_as_a)));
        CHECK(document_indexes(db) == "5");
        REQUIRE_FALSE(w.value()->close());
    }
    CHECK(query(db, indicators_of_a) == "6");
    CHECK(orphans(db) == "0");
    {
        // A finished database: replaced through the indexes it has (as --force does).
        writer_options force;
        force.force = true;
        auto w = open_writer(output_format::sqlite, db, force);
        REQUIRE(w.ok());
        REQUIRE_FALSE(w.value()->write(w.value()->prepare(hunan)));
        REQUIRE_FALSE(w.value()->close());
    }
    CHECK(query(db, "SELECT count(*) FROM documents") == "1");
    CHECK(query(db, indicators_of_a) == "78");
    CHECK(orphans(db) == "0");
    CHECK(query(db, "PRAGMA integrity_check") == "ok");
    CHECK(query(db, "SELECT count(*) FROM pragma_foreign_key_check") == "0");
}

TEST_CASE("archive: an SQLite insert that fails rolls back the open transaction, and the writer stays failed") {
    const scratch_database scratch("jixiao-test-fail.sqlite");
    const std::string& db = scratch.path;
    conversion first = convert_file(seed_path);
    conversion second = convert_file(std::string(JIXIAO_CORPUS_DIR) + "/docx/central/jishan-yibao-2020.docx");
    REQUIRE(first.doc);
    REQUIRE(second.doc);
    {
        // A new database, then a trigger that refuses the indicators of any document after the first.
        auto w = open_writer(output_format::sqlite, db);
        REQUIRE(w.ok());
        REQUIRE_FALSE(w.value()->close());
        sqlite3* con = nullptr;
        REQUIRE(sqlite3_open(db.c_str(), &con) == SQLITE_OK);
        REQUIRE(sqlite3_exec(con,
                             "CREATE TRIGGER refuse BEFORE INSERT ON indicators WHEN NEW.document_id > 1 "
                             "BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;",
                             nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(con);
    }
    writer_options o;
    o.commit_ms = 3'600'000;  // one transaction for both documents
    {
        auto w = open_writer(output_format::sqlite, db, o);
        REQUIRE(w.ok());
        REQUIRE_FALSE(w.value()->write(w.value()->prepare(first)));
        const auto e = w.value()->write(w.value()->prepare(second));
        REQUIRE(e);
        CHECK(e->message.find("refused by the test") != std::string::npos);
        CHECK(e->message.find("not stored") != std::string::npos);
        // The first document went with the transaction: the writer does not go on as if it were stored.
        const auto again = w.value()->write(w.value()->prepare(first));
        REQUIRE(again);
        CHECK(again->message == e->message);
        const auto closed = w.value()->close();
        REQUIRE(closed);
        CHECK(closed->message == e->message);
    }
    CHECK(query(db, "SELECT count(*) FROM documents") == "0");
    CHECK(query(db, "SELECT count(*) FROM indicators") == "0");
    CHECK(query(db, "SELECT count(*) FROM forms") == "0");
    CHECK(query(db, "PRAGMA integrity_check") == "ok");
}

TEST_CASE("archive: SQLite builds its indexes at close and leaves the database in WAL mode, with or without a reader") {
    const scratch_database scratch("jixiao-test-close.sqlite");
    const std::string& db = scratch.path;
    for (const bool reader : {false, true}) {
        CAPTURE(reader);
        scratch.clean();
        auto w = open_writer(output_format::sqlite, db);
        REQUIRE(w.ok());
        REQUIRE_FALSE(w.value()->write(w.value()->prepare(convert_file(seed_path))));
        sqlite3* con = nullptr;
        if (reader) {
            // A reader with the database open (not in a transaction): the writer cannot leave
            // WAL mode for the index builds and builds them in it, without waiting.
            REQUIRE(sqlite3_open_v2(db.c_str(), &con, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
            REQUIRE(sqlite3_exec(con, "SELECT count(*) FROM meta", nullptr, nullptr, nullptr) == SQLITE_OK);
        }
        REQUIRE_FALSE(w.value()->close());
        if (con) {
            CHECK(sqlite3_exec(con, "SELECT count(*) FROM indicators", nullptr, nullptr, nullptr) == SQLITE_OK);
            sqlite3_close(con);
        }
        CHECK(query(db, "PRAGMA journal_mode") == "wal");
        CHECK(query(db, "SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%'") == "12");
        CHECK(query(db, "SELECT count(*) FROM indicators INDEXED BY indicators_levels WHERE level1 IS NOT NULL") == "78");
        CHECK(query(db, "PRAGMA integrity_check") == "ok");
        CHECK_FALSE(std::filesystem::exists(db + "-journal"));
    }
}

TEST_CASE("archive: SQLite stores every cell of the flat rows, document after document") {
    // The writer binds a parameter again only when its value changes from the row before (text
    // only within one document): every stored value must still be its row's own.
    const scratch_database scratch("jixiao-test-cells.sqlite");
    const std::string& db = scratch.path;
    std::vector<conversion> docs;
    for (const char* p : {"/docx/central/jishan-yibao-2020.docx", "/text/hunan/nanyue-canlian-2020.txt",
                          "/text/chongqing/liangping-linye-2023.txt", "/text/beijing/xueyuanlu-qingsao-2016.txt"})
        docs.push_back(convert_file(std::string(JIXIAO_CORPUS_DIR) + p));
    for (std::size_t i = 0, n = docs.size(); i < n; ++i) {  // each again under another name, in another order
        conversion c = docs[n - 1 - i];
        c.path = "again/" + c.path;
        docs.push_back(std::move(c));
    }
    {
        auto w = open_writer(output_format::sqlite, db);
        REQUIRE(w.ok());
        for (const conversion& c : docs) {
            REQUIRE(c.doc);
            conversion copy = c;
            REQUIRE_FALSE(w.value()->write(w.value()->prepare(std::move(copy))));
        }
        REQUIRE_FALSE(w.value()->close());
    }
    sqlite3* con = nullptr;
    REQUIRE(sqlite3_open_v2(db.c_str(), &con, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    std::size_t compared = 0, nulls = 0;
    for (std::size_t d = 0; d < docs.size(); ++d) {
        const flat_document rows = flatten(docs[d]);
        for (const flat_table_def& t : flat_schema()) {
            std::string cols;
            for (const column& c : t.columns) cols += std::string(cols.empty() ? "" : ", ") + c.name;
            const std::string sql =
                t.level == 0 ? "SELECT " + cols + " FROM documents WHERE path = ?"
                             : "SELECT " + cols + " FROM " + t.name + " WHERE document_id = (SELECT id FROM documents WHERE path = ?) ORDER BY id";
            sqlite3_stmt* s = nullptr;
            REQUIRE(sqlite3_prepare_v2(con, sql.c_str(), -1, &s, nullptr) == SQLITE_OK);
            sqlite3_bind_text(s, 1, docs[d].path.c_str(), -1, SQLITE_TRANSIENT);
            const flat_rows& want = rows[t.id];
            std::size_t r = 0;
            for (; sqlite3_step(s) == SQLITE_ROW; ++r) {
                REQUIRE(r < want.size());
                for (std::size_t k = 0; k < want.width; ++k) {
                    const cell& c = want.cells[r * want.width + k];
                    const int col = static_cast<int>(k);
                    CAPTURE(docs[d].path);
                    CAPTURE(std::string(t.name));
                    CAPTURE(r);
                    CAPTURE(std::string(t.columns[k].name));
                    switch (c.k) {
                    case cell::kind::null:
                        CHECK(sqlite3_column_type(s, col) == SQLITE_NULL);
                        ++nulls;
                        break;
                    case cell::kind::integer: CHECK(sqlite3_column_int64(s, col) == c.i); break;
                    case cell::kind::number:
                        CHECK(sqlite3_column_type(s, col) != SQLITE_NULL);
                        CHECK(sqlite3_column_double(s, col) == doctest::Approx(std::strtod(std::string(c.s).c_str(), nullptr)));
                        break;
                    case cell::kind::text: {
                        const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, col));
                        REQUIRE(text);
                        CHECK(std::string_view(text, static_cast<std::size_t>(sqlite3_column_bytes(s, col))) == c.s);
                        break;
                    }
                    }
                    ++compared;
                }
            }
            CHECK(r == want.size());
            sqlite3_finalize(s);
        }
    }
    sqlite3_close(con);
    CHECK(compared > 10000);
    CHECK(nulls > 1000);
}

TEST_CASE("archive: SQLite copies the WAL into the file while it writes, from a helper thread and between transactions") {
    // Past writer_options::checkpoint_kib of WAL a helper thread checkpoints, and the writer
    // copies what came since between two transactions, after which the WAL starts again from
    // its beginning; past four times the limit the writer waits for the helper. The WAL file
    // keeps its largest size: without the checkpoints it would hold every page written (SQLite's
    // own autocheckpoint is replaced by the writer's), and without the writer's part it would
    // never start again (both tried: the checks below fail).
    const scratch_database scratch("jixiao-test-checkpoint.sqlite");
    const std::string& db = scratch.path;
    const conversion seed = convert_file(seed_path);
    REQUIRE(seed.doc);
    constexpr int documents = 150;
    {
        writer_options o;
        o.commit_ms = 0;         // a commit, and a chance to checkpoint, after every document
        o.checkpoint_kib = 256;  // 16 pages of 16 KiB: about two documents
        auto w = open_writer(output_format::sqlite, db, o);
        REQUIRE(w.ok());
        for (int i = 0; i < documents; ++i) {
            conversion c = seed;
            c.path = "copies/" + std::to_string(i) + ".txt";
            REQUIRE_FALSE(w.value()->write(w.value()->prepare(std::move(c))));
        }
        const auto wal = std::filesystem::file_size(db + "-wal");
        const auto file = std::filesystem::file_size(db);
        CAPTURE(wal);
        CAPTURE(file);
        CHECK(file > 100 * 16384);  // the pages are in the file, not only in the WAL
        CHECK(wal < file / 2);
        REQUIRE_FALSE(w.value()->close());
    }
    CHECK(query(db, "SELECT count(*) FROM documents") == std::to_string(documents));
    CHECK(query(db, "SELECT count(DISTINCT document_id) FROM indicators") == std::to_string(documents));
    CHECK(query(db, "PRAGMA integrity_check") == "ok");
    CHECK(query(db, "PRAGMA journal_mode") == "wal");
}
