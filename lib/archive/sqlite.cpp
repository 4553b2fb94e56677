// SQLite output: the flat tables with keys, indexes and views (docs/convert.md),
// one transaction per document, resumable, and merging of shard databases.
//
// Durability: WAL journal with synchronous=NORMAL. A process killed at any
// point (kill -9) loses no committed transaction and leaves no half document:
// documents go whole into a transaction that is committed between documents,
// at least every writer_options::commit_ms, and a failure inside a document
// rolls back the whole transaction. (A power cut may lose the last few
// commits, never consistency.)
#include "archive/writers.hpp"

#include <jixiao/version.hpp>

#include <fmt/format.h>
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <limits>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace jixiao {
inline namespace v0 {

namespace {

constexpr const char* schema_name = "jixiao-sqlite/2";

// How long a statement waits for another connection's lock (a reader's, a
// merge's) before it fails.
constexpr int busy_ms = 10000;

const char* sql_type(column_type t) {
    switch (t) {
    case column_type::integer: return "INTEGER";
    case column_type::number: return "NUMERIC";
    case column_type::text: return "TEXT";
    }
    return "TEXT";
}

// The columns of a table after its keys, comma-separated, with a prefix.
std::string column_list(const flat_table_def& t, std::string_view prefix = {}) {
    std::string s;
    for (std::size_t i = 0; i < t.columns.size(); ++i) {
        if (i) s += ", ";
        s += prefix;
        s += t.columns[i].name;
    }
    return s;
}

std::string create_tables_sql() {
    std::string s = "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);\n";
    for (const flat_table_def& t : flat_schema()) {
        s += fmt::format("CREATE TABLE IF NOT EXISTS {} (\n  id INTEGER PRIMARY KEY", t.name);
        if (t.level >= 1) s += ",\n  document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE";
        for (const column& c : t.columns) {
            s += fmt::format(",\n  {} {}", c.name, sql_type(c.type));
            if (t.id == flat_table::documents && std::string_view(c.name) == "path") s += " NOT NULL UNIQUE";
            if (t.id == flat_table::documents && std::string_view(c.name) == "status")
                s += " NOT NULL CHECK (status IN ('ok', 'warnings', 'failed'))";
        }
        if (t.id == flat_table::documents) s += ",\n  json TEXT";
        if (t.id == flat_table::forms) s += ",\n  UNIQUE (document_id, form_index)";
        s += "\n);\n";
    }
    return s;
}

// Indexes for queries. They are dropped when a run writes its first document
// and built again when it finishes (close), not kept up to date document by
// document: each of them puts rows at scattered places, and writing those
// pages in every per-document commit made the writer twice as slow. A run
// that was killed leaves them out until a run finishes; a run with nothing
// new to write leaves them as they are. (The keys below stay during loading: they are monotonic, or
// needed to replace a document.)
constexpr const char* query_indexes_sql = R"sql(
CREATE INDEX IF NOT EXISTS documents_sha256 ON documents (sha256);
CREATE INDEX IF NOT EXISTS documents_status ON documents (status);
CREATE INDEX IF NOT EXISTS forms_kind_year ON forms (kind, year);
CREATE INDEX IF NOT EXISTS forms_unit ON forms (unit);
CREATE INDEX IF NOT EXISTS indicators_levels ON indicators (level1, level2);
CREATE INDEX IF NOT EXISTS indicators_verdict ON indicators (verdict);
CREATE INDEX IF NOT EXISTS diagnostics_code ON diagnostics (code);
)sql";

constexpr const char* drop_query_indexes_sql = R"sql(
DROP INDEX IF EXISTS documents_sha256; DROP INDEX IF EXISTS documents_status; DROP INDEX IF EXISTS forms_kind_year;
DROP INDEX IF EXISTS forms_unit; DROP INDEX IF EXISTS indicators_levels; DROP INDEX IF EXISTS indicators_verdict;
DROP INDEX IF EXISTS diagnostics_code;
)sql";

// The rows of a document, found by document_id: what replacing a document
// needs (and ON DELETE CASCADE, for users who delete documents with foreign
// keys on). A run into a database without documents leaves them out while it
// loads — its rows come in document_id order, and nothing is replaced unless a
// path comes twice — and builds them when it finishes; a replacement while
// they are out builds them first (sqlite_writer::write).
constexpr const char* document_indexes_sql = R"sql(
CREATE INDEX IF NOT EXISTS fields_document ON fields (document_id);
CREATE INDEX IF NOT EXISTS goals_document ON goals (document_id);
CREATE INDEX IF NOT EXISTS funds_document ON funds (document_id);
CREATE INDEX IF NOT EXISTS indicators_document ON indicators (document_id);
CREATE INDEX IF NOT EXISTS diagnostics_document ON diagnostics (document_id);
)sql";

constexpr const char* drop_document_indexes_sql = R"sql(
DROP INDEX IF EXISTS fields_document; DROP INDEX IF EXISTS goals_document; DROP INDEX IF EXISTS funds_document;
DROP INDEX IF EXISTS indicators_document; DROP INDEX IF EXISTS diagnostics_document;
)sql";

constexpr const char* views_sql = R"sql(
-- One row per indicator with its form and document: the sheet analysts want.
CREATE VIEW IF NOT EXISTS indicator_sheet AS
SELECT d.path, d.status, f.form_index, f.kind, f.year, f.title, f.unit, f.project, f.supervisor,
       i.position, i.goal, i.level1, i.level2, i.name,
       i.target_raw, i.target_op, i.target_value, i.target_unit,
       i.actual_raw, i.actual_op, i.actual_value, i.actual_unit,
       i.weight, i.score, i.verdict, i.note,
       f.family, i.level1_code, i.level2_code, i.core, i.direction
FROM indicators i JOIN forms f ON f.document_id = i.document_id AND f.form_index = i.form_index
JOIN documents d ON d.id = i.document_id;

-- One row per form with its document and funds totals (the row read as the total, 合计 / 年度资金总额;
-- else the first funds row).
CREATE VIEW IF NOT EXISTS form_sheet AS
SELECT d.path, d.status, d.format, d.encoding, f.form_index, f.kind, f.year, f.title, f.unit, f.project,
       f.supervisor, f.implementer, f.head, f.phone, f.total_score, f.grade, f.indicators,
       t.budget AS funds_budget, t.executed AS funds_executed, t.rate AS funds_rate, f.family
FROM forms f JOIN documents d ON d.id = f.document_id
LEFT JOIN funds t ON t.id = (SELECT u.id FROM funds u WHERE u.document_id = f.document_id AND u.form_index = f.form_index
                             ORDER BY u.row_key IS 'total' DESC, u.position LIMIT 1);
)sql";

struct db_closer {
    void operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }
};
using db_ptr = std::unique_ptr<sqlite3, db_closer>;

struct stmt_closer {
    void operator()(sqlite3_stmt* s) const noexcept { sqlite3_finalize(s); }
};
using stmt_ptr = std::unique_ptr<sqlite3_stmt, stmt_closer>;

error db_error(sqlite3* db, const std::string& path, std::string_view what) {
    return impl::io_error(fmt::format("{}: {}: {}", path, what, db ? sqlite3_errmsg(db) : "out of memory"));
}

std::optional<error> exec(sqlite3* db, const std::string& path, const std::string& sql) {
    char* msg = nullptr;
    if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
        error e = impl::io_error(fmt::format("{}: {}", path, msg ? msg : sqlite3_errmsg(db)));
        sqlite3_free(msg);
        return e;
    }
    return std::nullopt;
}

// The text a statement's first row starts with ("" when it has none or fails).
std::string first_text(sqlite3* db, const char* sql) {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db, sql, -1, &s, nullptr) != SQLITE_OK) return {};
    stmt_ptr st(s);
    if (sqlite3_step(s) != SQLITE_ROW || !sqlite3_column_text(s, 0)) return {};
    return reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
}

// Closes a database for good: the indexes built, the WAL checkpointed into
// the file and removed. (Sorting for CREATE INDEX on helper threads, PRAGMA
// threads, made building these indexes slower, 0.40 -> 0.56 s for 2,000 forms,
// although most of a build is its sort: memcmp and record compares, perf.)
//
// The builds write every page of the new indexes. In WAL mode they would go to
// the WAL and be copied into the file again by the last checkpoint; with a
// rollback journal they are written once (new pages are not journaled), so the
// builds run in that mode (synchronous=FULL: with a rollback journal NORMAL may
// corrupt the file on a power cut) and the database goes back to WAL after.
// Leaving WAL needs the database to itself: while another connection has it
// open (a reader watching a run) the builds stay in WAL, without waiting.
std::optional<error> close_db(db_ptr db, const std::string& path) {
    sqlite3_busy_timeout(db.get(), 0);
    const bool rollback = first_text(db.get(), "PRAGMA journal_mode = DELETE") == "delete";
    sqlite3_busy_timeout(db.get(), busy_ms);
    if (rollback)
        if (auto e = exec(db.get(), path, "PRAGMA synchronous = FULL;")) return e;
    if (auto e = exec(db.get(), path, fmt::format("BEGIN;\n{}{}COMMIT;", document_indexes_sql, query_indexes_sql))) {
        sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
        return e;
    }
    if (rollback && first_text(db.get(), "PRAGMA journal_mode = WAL") != "wal")
        return db_error(db.get(), path, "returning to WAL mode");
    if (auto e = exec(db.get(), path, "PRAGMA optimize;")) return e;
    sqlite3* raw = db.release();
    if (sqlite3_close(raw) != SQLITE_OK) {
        error e = db_error(raw, path, "closing");
        sqlite3_close_v2(raw);
        return e;
    }
    return std::nullopt;
}

// Opens (creating when missing) a jixiao database: pragmas, schema, meta.
result<db_ptr> open_db(const std::string& path) {
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
    db_ptr db(raw);
    if (rc != SQLITE_OK) return db_error(raw, path, "cannot open");
    sqlite3_busy_timeout(db.get(), busy_ms);
    // 16 KiB pages (a new database; an existing one keeps its own): a quarter
    // of the WAL frames and B-tree pages 4 KiB pages take for the same rows.
    if (auto e = exec(db.get(), path, "PRAGMA page_size = 16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"))
        return *e;
    // A database of another kind is not ours to write into.
    {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v2(db.get(), "SELECT value FROM meta WHERE key = 'schema'", -1, &s, nullptr) == SQLITE_OK) {
            stmt_ptr st(s);
            if (sqlite3_step(s) == SQLITE_ROW) {
                const auto* v = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
                if (!v || std::string_view(v) != schema_name) {
                    error e;
                    e.code = errc::invalid_argument;
                    e.message = fmt::format("{}: a database of schema '{}', not {}: convert into a new file", path,
                                            v ? v : "", schema_name);
                    return e;
                }
            }
        } else {
            // No meta table: a new database, or one that is not jixiao's.
            sqlite3_stmt* c = nullptr;
            sqlite3_prepare_v2(db.get(), "SELECT count(*) FROM sqlite_master", -1, &c, nullptr);
            stmt_ptr ct(c);
            if (c && sqlite3_step(c) == SQLITE_ROW && sqlite3_column_int(c, 0) > 0) {
                error e;
                e.code = errc::invalid_argument;
                e.message = fmt::format("{}: an SQLite database that is not jixiao's (no meta table)", path);
                return e;
            }
        }
    }
    const std::string setup = "BEGIN;\n" + create_tables_sql() + views_sql +
                              fmt::format("INSERT OR IGNORE INTO meta VALUES ('schema', '{}');\n"
                                          "INSERT OR REPLACE INTO meta VALUES ('jixiao', '{}');\nCOMMIT;",
                                          schema_name, version());
    if (auto e = exec(db.get(), path, setup)) return *e;
    return db;
}

// WAL checkpoints while loading, on a thread and a connection of their own.
//
// A checkpoint copies the pages in the WAL into the database file and syncs
// both: 64 MiB every two seconds or so of loading. Done by the writer (SQLite's
// autocheckpoint), each one held it 0.3-0.5 s, in which the hand-over filled
// and both readers stood idle: a third of the two cores for a quarter of a
// second, five times in 10,000 forms (docs/benchmarks.md). Here a helper
// thread runs them as PASSIVE checkpoints, which neither wait for nor block
// the writer, and the writer checkpoints only what was committed since,
// between two transactions: the WAL is then wholly in the file, and the next
// transaction starts it from its beginning again (SQLite restarts a WAL only
// for a writer that began when every frame was copied).
//
// A checkpoint that fails loses nothing (the pages stay in the WAL, and the
// close copies them or reports why it cannot): when the helper cannot run, the
// writer checkpoints by itself, as SQLite would.
class checkpointer {
public:
    explicit checkpointer(std::string path) : path_(std::move(path)) {}
    checkpointer(const checkpointer&) = delete;
    checkpointer& operator=(const checkpointer&) = delete;
    ~checkpointer() { stop(); }

    enum class state {
        idle,      // no checkpoint asked for, or the last one taken over by the writer
        running,   // asked for and not finished
        finished,  // finished: what came since is the writer's to copy
        broken,    // no helper (no thread, or its connection failed)
    };

    state now() const {
        std::lock_guard<std::mutex> lk(m_);
        return state_;
    }

    // Starts a checkpoint on the helper thread (started the first time);
    // broken when there is no helper to run it.
    state request() {
        std::lock_guard<std::mutex> lk(m_);
        if (stopping_ || state_ == state::broken || state_ == state::running) return state_;
        if (!thread_.joinable()) {
            try {
                thread_ = std::thread([this] { run(); });
            } catch (...) {  // no thread: the writer checkpoints by itself
                return state_ = state::broken;
            }
        }
        state_ = state::running;
        cv_.notify_all();
        return state_;
    }

    // Waits for the checkpoint under way, if any, and tells how it ended.
    state wait() {
        std::unique_lock<std::mutex> lk(m_);
        cv_.wait(lk, [&] { return state_ != state::running; });
        return state_;
    }

    // The writer copied the rest: the next checkpoint is asked for anew.
    void taken_over() {
        std::lock_guard<std::mutex> lk(m_);
        if (state_ == state::finished) state_ = state::idle;
    }

    // Waits for a checkpoint under way, then ends the thread and its connection.
    void stop() {
        {
            std::lock_guard<std::mutex> lk(m_);
            stopping_ = true;
            cv_.notify_all();
        }
        if (thread_.joinable()) thread_.join();
    }

private:
    void run() {
        db_ptr db;
        std::unique_lock<std::mutex> lk(m_);
        for (;;) {
            cv_.wait(lk, [&] { return stopping_ || state_ == state::running; });
            if (stopping_) break;  // the close checkpoints whatever is left
            lk.unlock();
            bool ok = true;
            if (!db) {
                sqlite3* raw = nullptr;
                ok = sqlite3_open_v2(path_.c_str(), &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr) == SQLITE_OK;
                db.reset(raw);
                ok = ok && sqlite3_exec(db.get(), "PRAGMA synchronous = NORMAL", nullptr, nullptr, nullptr) == SQLITE_OK;
            }
            // SQLITE_BUSY: another connection is checkpointing (a merge, a reader's); not a failure.
            const int rc = ok ? sqlite3_wal_checkpoint_v2(db.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr) : SQLITE_ERROR;
            lk.lock();
            state_ = rc == SQLITE_OK || rc == SQLITE_BUSY ? state::finished : state::broken;
            cv_.notify_all();  // a writer in wait()
            if (state_ == state::broken) break;
        }
        state_ = state::broken;  // no more checkpoints here (a later wait() returns)
        cv_.notify_all();
        lk.unlock();
        db.reset();
    }

    std::string path_;
    mutable std::mutex m_;
    std::condition_variable cv_;
    state state_ = state::idle;
    bool stopping_ = false;
    std::thread thread_;
};

class sqlite_writer final : public archive_writer {
public:
    sqlite_writer(db_ptr db, std::string path, const writer_options& o) : db_(std::move(db)), path_(std::move(path)), opts_(o) {}

    std::optional<error> init() {
        // A larger cache, and a checkpoint (an fsync) every 64 MiB of WAL (checkpoint_kib)
        // rather than every 1,000 pages (4,096 pages of 16 KiB; 16,384 of an older database's
        // 4 KiB), run by the checkpointer rather than by SQLite's autocheckpoint (which the
        // hook replaces).
        int page_size = 16384;
        {
            sqlite3_stmt* s = nullptr;
            if (sqlite3_prepare_v2(db_.get(), "PRAGMA page_size", -1, &s, nullptr) != SQLITE_OK)
                return db_error(db_.get(), path_, "reading the page size");
            stmt_ptr st(s);
            if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_int(s, 0) > 0) page_size = sqlite3_column_int(s, 0);
        }
        // Foreign keys off: the writer inserts a document's rows after its documents row and
        // deletes them itself when it replaces a document (remove), so checking every row's
        // document_id against documents is work for nothing. The schema keeps its REFERENCES …
        // ON DELETE CASCADE for whoever deletes documents later.
        // Temporary files in memory while loading (a statement journal, when a replacement's
        // DELETE needs one; once a savepoint per document, whose journal went to a file in
        // /var/tmp past 64 KiB — half the writer's system calls). close() puts them back on
        // disk before the index sorts, which may need more than memory.
        if (auto e = exec(db_.get(), path_,
                          "PRAGMA cache_size = -65536; PRAGMA foreign_keys = OFF; PRAGMA temp_store = MEMORY;"))
            return e;
        wal_limit_ = static_cast<int>(std::max<std::uint64_t>(1, std::uint64_t{opts_.checkpoint_kib} * 1024 / static_cast<unsigned>(page_size)));
        ckpt_ = std::make_unique<checkpointer>(path_);
        sqlite3_wal_hook(db_.get(), &sqlite_writer::on_wal, this);
        {
            sqlite3_stmt* s = nullptr;
            if (sqlite3_prepare_v2(db_.get(),
                                   "SELECT NOT EXISTS (SELECT 1 FROM documents), (SELECT count(*) FROM sqlite_master WHERE type = 'index' AND "
                                   "name IN ('fields_document', 'goals_document', 'funds_document', 'indicators_document', "
                                   "'diagnostics_document'))",
                                   -1, &s, nullptr) != SQLITE_OK)
                return db_error(db_.get(), path_, "reading documents");
            stmt_ptr st(s);
            if (sqlite3_step(s) != SQLITE_ROW) return db_error(db_.get(), path_, "reading documents");
            empty_ = sqlite3_column_int(s, 0) != 0;
            document_indexes_ = sqlite3_column_int(s, 1) == 5;
        }
        if (!opts_.force) {
            sqlite3_stmt* s = nullptr;
            if (sqlite3_prepare_v2(db_.get(), "SELECT path, sha256, status FROM documents WHERE sha256 IS NOT NULL", -1, &s, nullptr) != SQLITE_OK)
                return db_error(db_.get(), path_, "reading documents");
            stmt_ptr st(s);
            while (sqlite3_step(s) == SQLITE_ROW) {
                const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s, 0));
                const auto* h = reinterpret_cast<const char*>(sqlite3_column_text(s, 1));
                const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(s, 2));
                const std::string_view status = text ? text : "";
                const doc_status d = status == "ok" ? doc_status::ok : status == "warnings" ? doc_status::warnings : doc_status::failed;
                if (p && h) done_.emplace(key(p, h), d);
            }
        }
        for (const flat_table_def& t : flat_schema()) {
            // The key first, as write() binds it: document_id, then the flat columns.
            std::string cols, params;
            std::size_t n = t.columns.size();
            if (t.level >= 1) {
                cols += "document_id, ";
                ++n;
            }
            cols += column_list(t);
            if (t.id == flat_table::documents) {
                cols += ", json";
                ++n;
            }
            for (std::size_t i = 0; i < n; ++i) params += i ? ", ?" : "?";
            if (auto e = prepare(insert_[static_cast<std::size_t>(t.id)], fmt::format("INSERT INTO {} ({}) VALUES ({})", t.name, cols, params)))
                return e;
            bound_[static_cast<std::size_t>(t.id)].assign(n + 1, binding{});
        }
        if (auto e = prepare(find_, "SELECT id FROM documents WHERE path = ?")) return e;
        for (const flat_table_def& t : flat_schema()) {
            const std::string sql = t.level == 0 ? std::string("DELETE FROM documents WHERE id = ?")
                                                 : fmt::format("DELETE FROM {} WHERE document_id = ?", t.name);
            if (auto e = prepare(delete_[static_cast<std::size_t>(t.id)], sql)) return e;
        }
        if (auto e = prepare(begin_, "BEGIN IMMEDIATE")) return e;
        if (auto e = prepare(commit_, "COMMIT")) return e;
        return std::nullopt;
    }

    record prepare(conversion c) const override {
        record r;
        r.status = status_of(c);
        r.rows = flatten(c);
        if (opts_.store_json && c.doc) {
            r.json = impl::json_line(c, false);
            r.json.pop_back();  // the line's '\n'
        }
        r.conv = std::move(c);
        r.conv.doc.reset();
        return r;
    }

    std::optional<doc_status> stored(std::string_view path, std::string_view sha256) const noexcept override {
        if (opts_.force || sha256.empty()) return std::nullopt;
        try {
            const auto it = done_.find(key(path, sha256));
            if (it == done_.end()) return std::nullopt;
            return it->second;
        } catch (...) {  // bad_alloc building the key: convert again
            return std::nullopt;
        }
    }

    std::optional<error> write(const record& r) override {
        if (failed_) return failed_;  // the documents of the transaction it rolled back are not stored
        if (!loading_) {  // the first document of this run: the query indexes go until close()
            if (auto e = exec(db_.get(), path_, drop_query_indexes_sql)) return e;
            if (empty_) {  // and so do the document indexes, when no document can need replacing
                if (auto e = exec(db_.get(), path_, drop_document_indexes_sql)) return e;
                document_indexes_ = false;
            }
            loading_ = true;
        }
        // The document this one replaces, if any.
        sqlite3_bind_text(find_.get(), 1, r.conv.path.data(), static_cast<int>(r.conv.path.size()), SQLITE_STATIC);
        const int found = sqlite3_step(find_.get());
        const sqlite3_int64 old_id = found == SQLITE_ROW ? sqlite3_column_int64(find_.get(), 0) : 0;
        sqlite3_reset(find_.get());
        if (found != SQLITE_ROW && found != SQLITE_DONE) return abandon(db_error(db_.get(), path_, "finding the document"));
        if (found == SQLITE_ROW && !document_indexes_) {
            // Its rows are found through the document indexes: build them, once, outside the
            // transaction (committed first: it holds whole documents), so that they stay.
            if (open_)
                if (auto e = commit()) return e;
            if (auto e = exec(db_.get(), path_, document_indexes_sql)) return e;
            document_indexes_ = true;
        }
        if (!open_) {
            if (auto e = step(begin_.get(), "BEGIN")) return e;
            open_ = true;
            began_ = std::chrono::steady_clock::now();
        }
        // The document whole or not at all: the transaction is committed only between
        // documents, and a failure inside one rolls the transaction back. (A savepoint per
        // document cost 11 % of the writer's instructions — copies of every page it touched —
        // and bought nothing: the failure ends the transaction anyway.)
        auto e = found == SQLITE_ROW ? remove(old_id) : std::nullopt;
        if (!e) e = insert(r);
        if (e) return abandon(*e);
        if (std::chrono::steady_clock::now() - began_ >= std::chrono::milliseconds(opts_.commit_ms)) {
            if ((e = commit())) return e;
            checkpoint();
        }
        return std::nullopt;
    }

    std::optional<error> close() override {
        if (failed_) return failed_;
        if (open_)
            if (auto e = commit()) return e;
        if (auto e = exec(db_.get(), path_, "PRAGMA temp_store = DEFAULT;")) return e;
        // The close needs the database to itself (to leave WAL for the index builds).
        ckpt_.reset();
        sqlite3_wal_hook(db_.get(), nullptr, nullptr);
        for (auto& s : insert_) s.reset();
        for (auto& s : delete_) s.reset();
        find_.reset();
        begin_.reset();
        commit_.reset();
        return close_db(std::move(db_), path_);
    }

private:
    std::optional<error> commit() {
        open_ = false;
        if (auto e = step(commit_.get(), "COMMIT")) return abandon(*e);
        return std::nullopt;
    }

    static int on_wal(void* self, sqlite3*, const char*, int frames) {
        static_cast<sqlite_writer*>(self)->wal_frames_ = frames;
        return SQLITE_OK;
    }

    // After a commit, between two transactions: past 64 MiB of WAL the helper
    // copies it into the file, and once it has, the writer copies what was
    // committed meanwhile (checkpointer). Past four times that, the writer
    // waits for the helper: the WAL stays bounded when the disk is slower than
    // the writer. The return code is left: a checkpoint that fails loses nothing.
    void checkpoint() {
        if (wal_frames_ < wal_limit_) return;
        checkpointer::state now = ckpt_->now();
        if (now == checkpointer::state::running && wal_frames_ / 4 >= wal_limit_) now = ckpt_->wait();
        switch (now) {
        case checkpointer::state::idle:
            if (ckpt_->request() != checkpointer::state::broken) return;
            break;
        case checkpointer::state::running: return;
        case checkpointer::state::finished:
        case checkpointer::state::broken: break;
        }
        sqlite3_wal_checkpoint_v2(db_.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        ckpt_->taken_over();
    }

    // After a failure: the open transaction goes (its documents were whole,
    // and a resumed run writes them again), and so does the writer: a later
    // write() or close() returns the same error, as documents before it were
    // lost with the transaction.
    error abandon(error e) {
        if (open_) sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
        open_ = false;
        e.message += " (the documents written since the last commit are not stored: convert again to resume)";
        failed_ = e;
        return e;
    }

    static std::string key(std::string_view path, std::string_view sha) {
        std::string k(path);
        k += '\n';
        k += sha;
        return k;
    }

    std::optional<error> prepare(stmt_ptr& out, const std::string& sql) {
        sqlite3_stmt* s = nullptr;
        if (sqlite3_prepare_v3(db_.get(), sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &s, nullptr) != SQLITE_OK)
            return db_error(db_.get(), path_, sql);
        out.reset(s);
        return std::nullopt;
    }

    std::optional<error> step(sqlite3_stmt* s, std::string_view what) {
        const int rc = sqlite3_step(s);
        sqlite3_reset(s);
        if (rc != SQLITE_DONE && rc != SQLITE_ROW) return db_error(db_.get(), path_, what);
        return std::nullopt;
    }

    // What a parameter of an insert statement holds. Bindings outlive
    // sqlite3_reset, so a parameter that holds the value of the row before —
    // NULL, the same integer, the same text — is not bound again: a third of a
    // document's parameters are NULL, keys and labels repeat from row to row,
    // and binds were 28 % of the writer's instructions. Text is bound without
    // a copy (SQLITE_STATIC) and points into its record, so the same text is
    // kept only within one write(): `document` tells which.
    struct binding {
        cell::kind k = cell::kind::null;
        bool set = false;         // bound at least once
        std::int64_t i = 0;       // integer
        std::string_view s;       // number, text
        std::uint64_t document = 0;
    };

    // False when SQLite refused the value (a text over its length limit): the
    // parameter is then NULL, and the row must not be inserted.
    bool bind(sqlite3_stmt* s, int i, const cell& c, binding& b) const {
        const bool same = b.set && b.k == c.k &&
                          (c.k == cell::kind::null || (c.k == cell::kind::integer && b.i == c.i) ||
                           ((c.k == cell::kind::text || c.k == cell::kind::number) && b.document == writes_ && b.s == c.s));
        if (same) return true;
        int rc = SQLITE_OK;
        switch (c.k) {
        case cell::kind::null: rc = sqlite3_bind_null(s, i); break;
        case cell::kind::integer: rc = sqlite3_bind_int64(s, i, c.i); break;
        // Exact decimal text into a NUMERIC column: SQLite stores it as an
        // integer or real when that is lossless, so it sorts and sums as a number.
        case cell::kind::number:
        case cell::kind::text:
            rc = c.s.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())
                     ? SQLITE_TOOBIG
                     : sqlite3_bind_text(s, i, c.s.data(), static_cast<int>(c.s.size()), SQLITE_STATIC);
            break;
        }
        if (rc != SQLITE_OK) {
            b.set = false;
            return false;
        }
        b.k = c.k;
        b.set = true;
        b.i = c.i;
        b.s = c.s;
        b.document = writes_;
        return true;
    }

    // Deletes a stored document and its rows (what ON DELETE CASCADE would do).
    std::optional<error> remove(sqlite3_int64 id) {
        for (const flat_table_def& t : flat_schema()) {
            sqlite3_stmt* s = delete_[static_cast<std::size_t>(t.id)].get();
            sqlite3_bind_int64(s, 1, id);
            if (auto e = step(s, "replacing the document")) return e;
        }
        return std::nullopt;
    }

    std::optional<error> insert(const record& r) {
        ++writes_;  // text bound for another record is bound again
        sqlite3_int64 document_id = 0;
        for (const flat_table_def& t : flat_schema()) {
            sqlite3_stmt* s = insert_[static_cast<std::size_t>(t.id)].get();
            binding* b = bound_[static_cast<std::size_t>(t.id)].data();
            for (const flat_row& row : r.rows[t.id]) {
                int i = 1;
                bool ok = true;
                if (t.level >= 1) {
                    cell key;
                    key.k = cell::kind::integer;
                    key.i = document_id;
                    ok = bind(s, i, key, b[i]);
                    ++i;
                }
                for (const cell& c : row) {
                    ok = bind(s, i, c, b[i]) && ok;
                    ++i;
                }
                if (t.id == flat_table::documents) {
                    cell json;
                    if (!r.json.empty()) {
                        json.k = cell::kind::text;
                        json.s = r.json;
                    }
                    ok = bind(s, i, json, b[i]) && ok;
                }
                if (!ok) return db_error(db_.get(), path_, fmt::format("a value of {} (too large for SQLite)", t.name));
                // Every parameter holds this row's value (bound now or the same
                // as before): no sqlite3_clear_bindings.
                const int rc = sqlite3_step(s);
                sqlite3_reset(s);
                if (rc != SQLITE_DONE) return db_error(db_.get(), path_, fmt::format("inserting into {}", t.name));
                if (t.id == flat_table::documents) document_id = sqlite3_last_insert_rowid(db_.get());
            }
        }
        return std::nullopt;
    }

    db_ptr db_;
    std::string path_;
    writer_options opts_;
    std::unique_ptr<checkpointer> ckpt_;  // before db_ goes: its thread ended, its connection closed
    int wal_frames_ = 0;                  // frames in the WAL after the last commit (on_wal)
    int wal_limit_ = 4096;                // frames: writer_options::checkpoint_kib
    bool loading_ = false;           // the query indexes are dropped
    bool empty_ = false;             // the database held no document when opened
    bool document_indexes_ = false;  // the document indexes are there
    bool open_ = false;              // a transaction is open
    std::chrono::steady_clock::time_point began_;
    std::unordered_map<std::string, doc_status> done_;  // filled once by init(), read-only afterwards
    std::array<stmt_ptr, flat_table_count> insert_;
    std::array<std::vector<binding>, flat_table_count> bound_;  // by parameter index (from 1)
    std::uint64_t writes_ = 0;                                  // insert() calls: binding::document
    std::array<stmt_ptr, flat_table_count> delete_;  // a document's rows, by document_id (documents: by id)
    stmt_ptr find_, begin_, commit_;
    std::optional<error> failed_;  // set by abandon()
};

}  // namespace

std::string sqlite_schema_sql() { return create_tables_sql() + document_indexes_sql + views_sql + query_indexes_sql; }

namespace impl {

result<std::unique_ptr<archive_writer>> open_sqlite(const std::string& path, const writer_options& opts) {
    auto db = open_db(path);
    if (!db) return db.err();
    auto w = std::make_unique<sqlite_writer>(std::move(db).value(), path, opts);
    if (auto e = w->init()) return *e;
    return std::unique_ptr<archive_writer>(std::move(w));
}

}  // namespace impl

std::optional<error> merge_sqlite(const std::string& out, const std::vector<std::string>& shards) {
    auto opened = open_db(out);
    if (!opened) return opened.err();
    db_ptr db = std::move(opened).value();
    // Replacing documents cascades to their rows through these.
    if (auto e = exec(db.get(), out, document_indexes_sql)) return e;
    for (const std::string& shard : shards) {
        // Check the shard is a jixiao database before attaching it.
        {
            sqlite3* raw = nullptr;
            const int rc = sqlite3_open_v2(shard.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr);
            db_ptr probe(raw);
            if (rc != SQLITE_OK) return db_error(raw, shard, "cannot open");
            sqlite3_stmt* s = nullptr;
            bool ours = false;
            if (sqlite3_prepare_v2(raw, "SELECT value FROM meta WHERE key = 'schema'", -1, &s, nullptr) == SQLITE_OK) {
                stmt_ptr st(s);
                ours = sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0) &&
                       std::string_view(reinterpret_cast<const char*>(sqlite3_column_text(s, 0))) == schema_name;
            }
            if (!ours) {
                error e;
                e.code = errc::invalid_argument;
                e.message = fmt::format("{}: not a jixiao database of schema {}", shard, schema_name);
                return e;
            }
        }
        sqlite3_stmt* a = nullptr;
        sqlite3_prepare_v2(db.get(), "ATTACH DATABASE ? AS shard", -1, &a, nullptr);
        stmt_ptr attach(a);
        sqlite3_bind_text(a, 1, shard.c_str(), -1, SQLITE_TRANSIENT);
        if (sqlite3_step(a) != SQLITE_DONE) return db_error(db.get(), shard, "attaching");
        attach.reset();

        // Documents by path; their rows follow through the new document ids (docs/convert.md, "Merging").
        std::string sql = "BEGIN;\nDELETE FROM main.documents WHERE path IN (SELECT path FROM shard.documents);\n";
        for (const flat_table_def& t : flat_schema()) {
            const std::string cols = column_list(t);
            if (t.level == 0) {
                sql += fmt::format("INSERT INTO main.documents ({0}, json) SELECT {0}, json FROM shard.documents;\n", cols);
                continue;
            }
            sql += fmt::format(
                "INSERT INTO main.{0} (document_id, {1})\n"
                "SELECT nd.id, {2} FROM shard.{0} t\n"
                "JOIN shard.documents od ON od.id = t.document_id JOIN main.documents nd ON nd.path = od.path;\n",
                t.name, cols, column_list(t, "t."));
        }
        sql += "COMMIT;\n";
        auto e = exec(db.get(), out, sql);
        if (e) sqlite3_exec(db.get(), "ROLLBACK", nullptr, nullptr, nullptr);
        exec(db.get(), out, "DETACH DATABASE shard;");
        if (e) return e;
    }
    return close_db(std::move(db), out);
}

}  // namespace v0
}  // namespace jixiao
