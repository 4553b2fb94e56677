// JSON Lines and CSV writers, and open_writer.
#include "archive/writers.hpp"

#include <jixiao/write.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace jixiao {
inline namespace v0 {

namespace impl {

error io_error(std::string message) {
    error e;
    e.code = errc::io;
    e.message = std::move(message);
    return e;
}

record rows_record(conversion c) {
    record r;
    r.status = status_of(c);
    r.rows = flatten(c);
    r.conv = std::move(c);
    r.conv.doc.reset();
    return r;
}

std::string json_line(const conversion& c, bool tables) {
    if (c.doc) {
        json_options o;
        o.tables = tables;
        o.indent = -1;
        return to_json(*c.doc, o);  // ends in '\n'
    }
    using json = nlohmann::ordered_json;
    error e;
    if (c.err) e = *c.err;
    else e.code = errc::internal, e.message = "no document and no error";
    json j;
    j["schema"] = "jixiao/1";
    j["source"] = json{{"path", c.path}, {"format", nullptr}, {"encoding", nullptr}, {"part", nullptr}};
    j["error"] = json{{"code", to_string(e.code)},
                      {"message", e.message},
                      {"line", e.at.line > 0 ? json(e.at.line) : json(nullptr)},
                      {"offset", e.at.offset != location::npos ? json(e.at.offset) : json(nullptr)}};
    std::string s = j.dump(-1, ' ', false, json::error_handler_t::replace);
    s += '\n';
    return s;
}

namespace {

// A file written through stdio with a large buffer; every failure is kept
// and reported by close().
class out_file {
public:
    out_file() = default;
    out_file(const out_file&) = delete;
    out_file& operator=(const out_file&) = delete;
    ~out_file() {
        if (f_) std::fclose(f_);
    }
    std::optional<error> open(const std::string& path) {
        path_ = path;
        f_ = std::fopen(path.c_str(), "wb");
        if (!f_) return io_error(fmt::format("{}: {}", path, std::strerror(errno)));
        std::setvbuf(f_, nullptr, _IOFBF, 1 << 16);
        return std::nullopt;
    }
    void put(std::string_view s) {
        if (!failed_ && std::fwrite(s.data(), 1, s.size(), f_) != s.size()) failed_ = errno ? errno : EIO;
    }
    std::optional<error> check() const {
        if (failed_) return io_error(fmt::format("{}: {}", path_, std::strerror(failed_)));
        return std::nullopt;
    }
    std::optional<error> close() {
        if (!f_) return check();
        const bool bad = std::fclose(f_) != 0;
        f_ = nullptr;
        if (bad && !failed_) failed_ = errno ? errno : EIO;
        return check();
    }

private:
    std::FILE* f_ = nullptr;
    std::string path_;
    int failed_ = 0;
};

class jsonl_writer final : public archive_writer {
public:
    explicit jsonl_writer(const writer_options& o) : opts_(o) {}
    std::optional<error> open(const std::string& path) { return file_.open(path); }

    record prepare(conversion c) const override {
        record r;
        r.status = status_of(c);
        r.json = json_line(c, opts_.tables);
        r.conv = std::move(c);
        r.conv.doc.reset();  // what the writer needs is in the JSON
        return r;
    }
    std::optional<error> write(const record& r) override {
        file_.put(r.json);
        return file_.check();
    }
    std::optional<error> close() override { return file_.close(); }

private:
    writer_options opts_;
    out_file file_;
};

// RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled.
void put_csv_field(std::string& line, const cell& c) {
    switch (c.k) {
    case cell::kind::null: return;
    case cell::kind::integer: line += std::to_string(c.i); return;
    case cell::kind::number: line += c.s; return;
    case cell::kind::text: break;
    }
    if (c.s.find_first_of(",\"\r\n") == std::string::npos) {
        line += c.s;
        return;
    }
    line += '"';
    for (char ch : c.s) {
        if (ch == '"') line += '"';
        line += ch;
    }
    line += '"';
}

class csv_writer final : public archive_writer {
public:
    std::optional<error> open(const std::string& dir) {
        std::error_code ec;
        std::filesystem::create_directories(dir, ec);
        if (ec) return io_error(fmt::format("{}: {}", dir, ec.message()));
        for (const flat_table_def& t : flat_schema()) {
            out_file& f = files_[static_cast<std::size_t>(t.id)];
            if (auto e = f.open((std::filesystem::path(dir) / (std::string(t.name) + ".csv")).string())) return e;
            std::string header = "\xEF\xBB\xBF";  // UTF-8 byte order mark: Excel reads the file as UTF-8
            if (t.level > 0) header += "path,";
            for (std::size_t i = 0; i < t.columns.size(); ++i) {
                if (i) header += ',';
                header += t.columns[i].name;
            }
            header += "\r\n";
            f.put(header);
        }
        return std::nullopt;
    }

    record prepare(conversion c) const override { return rows_record(std::move(c)); }
    std::optional<error> write(const record& r) override {
        cell path;
        path.k = cell::kind::text;
        path.s = r.conv.path;
        std::string line;
        for (const flat_table_def& t : flat_schema()) {
            out_file& f = files_[static_cast<std::size_t>(t.id)];
            for (const flat_row& row : r.rows[t.id]) {
                line.clear();
                if (t.level > 0) {
                    put_csv_field(line, path);
                    line += ',';
                }
                for (std::size_t i = 0; i < row.size(); ++i) {
                    if (i) line += ',';
                    put_csv_field(line, row[i]);
                }
                line += "\r\n";
                f.put(line);
            }
            if (auto e = f.check()) return e;
        }
        return std::nullopt;
    }
    std::optional<error> close() override {
        std::optional<error> first;
        for (out_file& f : files_)
            if (auto e = f.close(); e && !first) first = e;
        return first;
    }

private:
    std::array<out_file, flat_table_count> files_;
};

}  // namespace

result<std::unique_ptr<archive_writer>> open_jsonl(const std::string& path, const writer_options& opts) {
    auto w = std::make_unique<jsonl_writer>(opts);
    if (auto e = w->open(path)) return *e;
    return std::unique_ptr<archive_writer>(std::move(w));
}

result<std::unique_ptr<archive_writer>> open_csv(const std::string& dir, const writer_options&) {
    auto w = std::make_unique<csv_writer>();
    if (auto e = w->open(dir)) return *e;
    return std::unique_ptr<archive_writer>(std::move(w));
}

}  // namespace impl

result<std::unique_ptr<archive_writer>> open_writer(output_format format, const std::string& path, const writer_options& opts) {
    switch (format) {
    case output_format::jsonl: return impl::open_jsonl(path, opts);
    case output_format::csv: return impl::open_csv(path, opts);
    case output_format::sqlite: return impl::open_sqlite(path, opts);
    case output_format::xlsx: return impl::open_xlsx(path, opts);
    }
    return impl::io_error("unknown output format");
}

}  // namespace v0
}  // namespace jixiao
