// jixiao — archives: many documents into one output (JSON Lines, CSV, SQLite, XLSX).
//
// Part of the `jixiao::archive` library (link it besides `jixiao::jixiao`;
// it brings SQLite and libxlsxwriter as private dependencies). It is what
// `jixiao convert` and `jixiao merge` are made of, for applications that
// convert archives themselves:
//
//   1. `convert_bytes` turns one input's bytes into a `conversion`: its
//      SHA-256 and either the document or the error that stopped it.
//   2. `flatten` turns a conversion into rows of the flat tables
//      (`flat_schema`): documents, forms, fields, goals, funds, indicators,
//      diagnostics — the tables of docs/convert.md.
//   3. An `archive_writer` (`open_writer`) stores records in an output.
//      `prepare` does the heavy part of a record (rows, JSON) and may run on
//      any thread; `write` is called from one thread at a time.
//
// Nothing here prints or exits. Failures are `error` values: errc::io for
// files that cannot be created or written, errc::invalid_argument for an
// output that is not what it claims (an SQLite file of another schema).
//
// Thread safety: the free functions keep no shared state. An archive_writer
// is not thread-safe, except `stored`, which may be called from any number of
// threads at once, also while another thread calls `write`.
#ifndef JIXIAO_ARCHIVE_HPP
#define JIXIAO_ARCHIVE_HPP

#include <jixiao/document.hpp>
#include <jixiao/error.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao {
inline namespace v0 {

/// SHA-256 (FIPS 180-4) of `bytes` as 64 lower-case hex digits — the same as
/// `sha256sum` prints, so an analyst can find a file by its hash.
std::string sha256_hex(std::string_view bytes);

// ---------------------------------------------------------------------------
// One input

/// What became of one input. Owns its data.
struct conversion {
    std::string path;             ///< as the caller named it
    std::uint64_t size = 0;       ///< bytes read (0 when the file could not be read)
    std::string sha256;           ///< of the bytes; empty when the file could not be read
    std::optional<document> doc;  ///< the document, when it could be read
    std::optional<error> err;     ///< why it could not, otherwise (exactly one of doc and err is set)
};

/// A document's outcome in one word, as the `status` column says it.
enum class doc_status : std::uint8_t {
    ok = 0,        ///< read; no diagnostic worse than info
    warnings = 1,  ///< read, with warning or error diagnostics (part of it may be missing)
    failed = 2,    ///< not read at all: see the error
};

/// "ok", "warnings" or "failed".
const char* to_string(doc_status s) noexcept;

/// The status of `c` (failed when `c.err` is set).
doc_status status_of(const conversion& c) noexcept;

/// Reads a document from `bytes` (read_bytes) and records its size and SHA-256.
conversion convert_bytes(std::string_view bytes, std::string path, const read_options& opts = {});

/// Reads the file at `path` (load_file) and converts it; a file that cannot
/// be read gives a conversion holding the errc::io or limit error.
conversion convert_file(const std::string& path, const read_options& opts = {});

// ---------------------------------------------------------------------------
// The flat tables

/// How a column's values are typed. Numbers are exact decimals kept as text
/// ("0.8", "56000") so that no writer rounds them; writers that have a
/// numeric type (SQLite NUMERIC, XLSX numbers) convert them.
enum class column_type : std::uint8_t { integer, number, text };

struct column {
    const char* name;  ///< snake_case, no SQL keyword
    column_type type;
};

/// The flat tables, in the order of `flat_schema()`.
enum class flat_table : std::uint8_t { documents = 0, forms, fields, goals, funds, indicators, diags };
inline constexpr std::size_t flat_table_count = 7;

struct flat_table_def {
    flat_table id;
    const char* name;                ///< "documents", "forms", …
    std::span<const column> columns;
    /// 0: a table of documents (its first column is `path`); 1: a table of
    /// rows of a document; 2: of rows of a form — its first column is then
    /// `form_index`, the form's position in its document (0-based).
    /// Diagnostics are level 1 with a nullable `form_index` first column.
    int level;
};

/// The schema of the flat tables: every table, its columns, their types.
/// Static; never changes within a version; later versions add columns at the
/// end of a table, never rename or remove one (as the JSON contract).
std::span<const flat_table_def> flat_schema() noexcept;

/// One value of a flat row. Its text lives in the flat_document that holds
/// the row (flat_document::keep): a cell is a small value, valid as long as
/// that document.
struct cell {
    enum class kind : std::uint8_t { null = 0, integer, number, text };
    kind k = kind::null;
    std::int64_t i = 0;  ///< for integer
    std::string_view s;  ///< for number (exact decimal text) and text
};

using flat_row = std::span<const cell>;  ///< one cell per column of its table, in order

/// The rows of one flat table: `width` cells a row, row after row in one
/// array (a few allocations a table rather than one a row).
struct flat_rows {
    std::size_t width = 0;    ///< cells a row: the number of the table's columns
    std::vector<cell> cells;  ///< size() * width cells

    std::size_t size() const noexcept { return width ? cells.size() / width : 0; }
    bool empty() const noexcept { return cells.empty(); }
    flat_row operator[](std::size_t i) const noexcept { return {cells.data() + i * width, width}; }
    flat_row back() const noexcept { return (*this)[size() - 1]; }

    /// Iterates rows (as flat_row spans).
    class iterator {
    public:
        using value_type = flat_row;
        using difference_type = std::ptrdiff_t;
        iterator() = default;
        iterator(const cell* at, std::size_t width) : at_(at), width_(width) {}
        flat_row operator*() const noexcept { return {at_, width_}; }
        iterator& operator++() noexcept {
            at_ += width_;
            return *this;
        }
        iterator operator++(int) noexcept {
            iterator old = *this;
            ++*this;
            return old;
        }
        bool operator==(const iterator& o) const noexcept { return at_ == o.at_; }

    private:
        const cell* at_ = nullptr;
        std::size_t width_ = 0;
    };
    iterator begin() const noexcept { return {cells.data(), width}; }
    iterator end() const noexcept { return {cells.data() + cells.size(), width}; }
};

/// Rows of every flat table for one conversion, and the text of their cells.
/// Movable, not copyable: the cells point into the text it owns.
struct flat_document {
    std::array<flat_rows, flat_table_count> tables;  ///< widths set by the constructor (flat_schema)

    flat_document();
    flat_document(flat_document&&) noexcept = default;
    flat_document& operator=(flat_document&&) noexcept = default;
    flat_document(const flat_document&) = delete;
    flat_document& operator=(const flat_document&) = delete;
    ~flat_document() = default;

    flat_rows& operator[](flat_table t) { return tables[static_cast<std::size_t>(t)]; }
    const flat_rows& operator[](flat_table t) const { return tables[static_cast<std::size_t>(t)]; }

    /// A copy of `s` owned by this document, for a cell: it stays where it is
    /// (also when the document is moved) until the document is destroyed.
    std::string_view keep(std::string_view s);

private:
    std::vector<std::unique_ptr<char[]>> blocks_;  // the text, in blocks that never move
    char* free_ = nullptr;                         // the unused end of the last block
    std::size_t left_ = 0;                         // its size
    std::size_t block_size_ = 0;                   // the last block's
};

/// The conversion as flat rows: one documents row (also for a failed input),
/// and for a document its forms, their fields, goals, funds rows and
/// indicators, and every diagnostic (document- and form-level). Total.
flat_document flatten(const conversion& c);

// ---------------------------------------------------------------------------
// Outputs

enum class output_format : std::uint8_t { jsonl, csv, sqlite, xlsx };

/// "jsonl", "csv", "sqlite", "xlsx".
const char* to_string(output_format f) noexcept;

/// The format named ("jsonl", "csv", "sqlite", "xlsx"), or empty.
std::optional<output_format> parse_output_format(std::string_view name) noexcept;

/// The format an output path's extension says: .jsonl/.ndjson, a
/// directory path ending in '/' (CSV), .sqlite/.sqlite3/.db, .xlsx. Empty otherwise.
std::optional<output_format> format_of_path(std::string_view path) noexcept;

struct writer_options {
    bool tables = true;   ///< JSON Lines: include "tables" (the reconstructed grids), as `dump` does
    bool force = false;   ///< SQLite: convert again what the database already holds
    /// SQLite: keep each document's JSON (without tables) in documents.json.
    /// Off by default: writing JSON costs about as much as reading the form.
    bool store_json = false;
    /// SQLite: the longest a transaction stays open, in milliseconds. Documents
    /// are written whole into the open transaction (a document that fails to
    /// insert rolls it back: nothing of it is left behind) and it is
    /// committed once this much time has passed since it began, and when the
    /// writer closes. A process killed at any point loses at most the
    /// documents of the open transaction, which a resumed run converts again,
    /// and never leaves part of a document. 0: one transaction per document
    /// (about twice the writer's cost: every commit rewrites the pages the
    /// tables' last rows and their indexes live on).
    unsigned commit_ms = 250;
    /// SQLite: the size of the write-ahead log, in KiB, past which it is copied
    /// into the database file (a checkpoint). A helper thread of the writer
    /// does the copying, so that writing goes on meanwhile; the writer copies
    /// what came since, between two transactions. 0 is taken as 1.
    unsigned checkpoint_kib = 64 * 1024;
};

/// A record ready for a writer: the conversion, and what `prepare` made of it.
struct record {
    conversion conv;
    doc_status status = doc_status::ok;
    flat_document rows;  ///< filled when the writer needs rows
    std::string json;    ///< one line of JSON, filled when the writer needs it
};

class archive_writer {
public:
    virtual ~archive_writer() = default;

    /// Makes a record for this writer (rows and/or JSON as it needs).
    /// Const and self-contained: may run on any thread, concurrently.
    virtual record prepare(conversion c) const = 0;

    /// The status of `path` with content `sha256` when the output already holds
    /// it from an earlier run, so that converting it again can be skipped
    /// (SQLite, unless writer_options::force); empty otherwise. Answers from
    /// what the output held when it was opened; safe to call from many
    /// threads, also during `write`.
    virtual std::optional<doc_status> stored(std::string_view path, std::string_view sha256) const noexcept {
        (void)path;
        (void)sha256;
        return std::nullopt;
    }

    /// Stores one record. A document already stored under the same path is
    /// replaced. For SQLite, documents go whole into a transaction committed
    /// between documents at least every writer_options::commit_ms: after a
    /// crash each is there whole or not at all. An error rolls that
    /// transaction back — the documents written since the last commit are not
    /// stored — and the writer stays failed: later calls of write() and close()
    /// return the same error (open the output again to resume).
    virtual std::optional<error> write(const record& r) = 0;

    /// Finishes the output (column widths, indexes, closing files). Call once;
    /// the output is complete only when it returns no error.
    virtual std::optional<error> close() = 0;
};

/// Opens an output: `path` is a file (JSON Lines, SQLite, XLSX) or a directory
/// (CSV: documents.csv, forms.csv … created inside, UTF-8 with a byte order
/// mark). JSON Lines, CSV and XLSX outputs are replaced; an SQLite output is
/// opened and added to (resumable), created when missing.
result<std::unique_ptr<archive_writer>> open_writer(output_format format, const std::string& path,
                                                    const writer_options& opts = {});

/// Merges SQLite outputs (shards of one conversion) into `out`, created when
/// missing. A document whose path is already in `out` is replaced by the
/// shard's. Each shard is merged in one transaction. Errors: errc::io,
/// errc::invalid_argument for a file that is not a jixiao database.
std::optional<error> merge_sqlite(const std::string& out, const std::vector<std::string>& shards);

/// The SQL that creates the SQLite schema (tables, indexes, views), as
/// documented in docs/convert.md.
std::string sqlite_schema_sql();

}  // namespace v0
}  // namespace jixiao

#endif
