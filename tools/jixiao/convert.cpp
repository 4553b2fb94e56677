// `jixiao convert`: inputs → worker threads (read, hash, parse, flatten) →
// a bounded hand-over → one writer (the main thread). Memory is bounded by
// the number of documents in flight: at most jobs + 2×jobs prepared records
// wait for the writer, whatever the size of the archive.
#include "convert.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace jixiao_tool {

namespace {

using clock_type = std::chrono::steady_clock;

struct item {
    std::size_t index = 0;
    bool skipped = false;  // already in the output (resumed run)
    std::size_t forms = 0;
    jixiao::record rec;
};

// The hand-over between workers and the writer. Unordered: a queue of at
// most `capacity` records. Ordered: records wait by index, and a worker does
// not start index i before i < next + capacity, so at most `capacity` wait.
class handover {
public:
    handover(bool ordered, std::size_t capacity) : ordered_(ordered), capacity_(capacity) {}

    // Blocks a worker until it may produce index i (ordered mode); false when stopped.
    bool admit(std::size_t i) {
        if (!ordered_) return true;
        std::unique_lock lk(m_);
        space_.wait(lk, [&] { return stopped_ || i < next_ + capacity_; });
        return !stopped_;
    }
    void put(item it) {
        std::unique_lock lk(m_);
        if (ordered_) {
            pending_.emplace(it.index, std::move(it));
        } else {
            space_.wait(lk, [&] { return stopped_ || queue_.size() < capacity_; });
            if (stopped_) return;
            queue_.push_back(std::move(it));
        }
        ready_.notify_one();
    }
    // The next record for the writer, or nothing after `timeout` (to refresh progress).
    std::optional<item> take(std::chrono::milliseconds timeout) {
        std::unique_lock lk(m_);
        auto available = [&] { return ordered_ ? pending_.count(next_) > 0 : !queue_.empty(); };
        if (!ready_.wait_for(lk, timeout, available)) return std::nullopt;
        item it;
        if (ordered_) {
            auto node = pending_.extract(next_);
            it = std::move(node.mapped());
            ++next_;
        } else {
            it = std::move(queue_.front());
            queue_.pop_front();
        }
        space_.notify_all();
        return it;
    }
    void stop() {
        std::lock_guard lk(m_);
        stopped_ = true;
        space_.notify_all();
    }

private:
    std::mutex m_;
    std::condition_variable space_, ready_;
    bool ordered_;
    std::size_t capacity_;
    bool stopped_ = false;
    std::size_t next_ = 0;
    std::map<std::size_t, item> pending_;
    std::deque<item> queue_;
};

std::string duration(double seconds) {
    const auto s = static_cast<long>(seconds + 0.5);
    char buf[32];
    if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
    else std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
    return buf;
}

struct tally {
    std::size_t done = 0, ok = 0, warnings = 0, failed = 0, skipped = 0, forms = 0;
};

class progress_line {
public:
    progress_line(bool on, std::size_t total) : on_(on), total_(total), start_(clock_type::now()) {}

    void update(const tally& t, bool force = false) {
        if (!on_) return;
        const auto now = clock_type::now();
        if (!force && now - last_ < std::chrono::milliseconds(200)) return;
        last_ = now;
        const double elapsed = std::chrono::duration<double>(now - start_).count();
        const double rate = elapsed > 0 ? static_cast<double>(t.done) / elapsed : 0;
        const std::string eta = rate > 0 && t.done < total_ ? duration(static_cast<double>(total_ - t.done) / rate) : "-";
        std::fprintf(stderr, "\r\x1b[K%zu/%zu files  %.0f%%  %.0f files/s  ETA %s  failed %zu", t.done, total_,
                     total_ ? 100.0 * static_cast<double>(t.done) / static_cast<double>(total_) : 100.0, rate, eta.c_str(), t.failed);
        if (t.skipped) std::fprintf(stderr, "  skipped %zu", t.skipped);
        std::fflush(stderr);
        shown_ = true;
    }
    // Clears the line before another message goes to standard error.
    void clear() {
        if (on_ && shown_) std::fputs("\r\x1b[K", stderr);
        shown_ = false;
    }
    double elapsed() const { return std::chrono::duration<double>(clock_type::now() - start_).count(); }

private:
    bool on_;
    std::size_t total_;
    clock_type::time_point start_, last_{};
    bool shown_ = false;
};

}  // namespace

int run_convert(const convert_options& o) {
    // The output format.
    std::optional<jixiao::output_format> format;
    if (!o.to.empty()) format = jixiao::parse_output_format(o.to);
    else if (std::error_code ec; std::filesystem::is_directory(o.output, ec)) format = jixiao::output_format::csv;
    else format = jixiao::format_of_path(o.output);
    if (!format) {
        std::cerr << "jixiao: cannot tell the output format of '" << o.output
                  << "' from its extension (.jsonl, .sqlite, .xlsx, or a directory/ for CSV): use --to\n";
        return 2;
    }
    std::string out_path = o.output;
    if (out_path == "-") {
        if (*format != jixiao::output_format::jsonl) {
            std::cerr << "jixiao: only JSON Lines can go to standard output\n";
            return 2;
        }
        out_path = "/dev/stdout";
    }

    // The inputs.
    expanded_inputs in = expand_inputs(o.inputs, o.rules, std::cin);
    for (const std::string& p : in.problems) std::cerr << "jixiao: " << p << '\n';
    if (!in.problems.empty()) return 2;
    std::vector<std::string> files;
    for (std::string& f : in.files)
        if (o.shard_n <= 1 || in_shard(f, o.shard_k, o.shard_n)) files.push_back(std::move(f));

    jixiao::writer_options wo;
    wo.tables = o.tables;
    wo.force = o.force;
    wo.store_json = o.store_json;
    wo.commit_ms = o.commit_ms;
    auto opened = jixiao::open_writer(*format, out_path, wo);
    if (!opened) {
        std::cerr << "jixiao: " << opened.err().message << '\n';
        return 2;
    }
    std::unique_ptr<jixiao::archive_writer> writer = std::move(opened).value();

    jixiao::read_options ro;
    ro.encoding = o.encoding;
    ro.ocr = o.ocr;
    const unsigned jobs = std::max(1u, o.jobs ? o.jobs : std::thread::hardware_concurrency());
    // Room for 16 records a worker: the writer stalls now and then (a commit, a WAL
    // checkpoint), and with room for only two the readers stalled with it (6 % of a
    // run's wall time into SQLite). A record is its document's rows, ~0.1–0.3 MB.
    handover hand(o.ordered, 16 * std::size_t{jobs});
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};

    auto work = [&] {
        for (;;) {
            const std::size_t i = next.fetch_add(1);
            if (i >= files.size() || stop.load()) return;
            if (!hand.admit(i)) return;
            item it;
            it.index = i;
            const std::string& path = files[i];
            auto bytes = jixiao::load_file(path, ro.lim);
            jixiao::conversion c;
            if (!bytes) {
                c.path = path;
                c.err = bytes.err();
            } else {
                const std::string sha = jixiao::sha256_hex(bytes.value());
                if (auto st = writer->stored(path, sha)) {
                    it.skipped = true;
                    it.rec.status = *st;
                    it.rec.conv.path = path;
                    hand.put(std::move(it));
                    continue;
                }
                // convert_bytes, without hashing the bytes a second time
                c.path = path;
                c.size = bytes.value().size();
                c.sha256 = sha;
                auto doc = jixiao::read_bytes(bytes.value(), path, ro);
                if (doc) {
                    it.forms = doc.value().forms.size();
                    c.doc = std::move(doc).value();
                } else {
                    c.err = doc.err();
                }
            }
            it.rec = writer->prepare(std::move(c));
            hand.put(std::move(it));
        }
    };
    std::vector<std::thread> workers;
    for (unsigned j = 0; j < jobs; ++j) workers.emplace_back(work);

    const bool show = o.progress == 1 || (o.progress == -1 && isatty(STDERR_FILENO));
    progress_line bar(show, files.size());
    tally t;
    int status = 0;
    while (t.done < files.size()) {
        std::optional<item> it = hand.take(std::chrono::milliseconds(250));
        if (!it) {
            bar.update(t);
            continue;
        }
        ++t.done;
        if (it->skipped) {
            ++t.skipped;
            (it->rec.status == jixiao::doc_status::ok ? t.ok : it->rec.status == jixiao::doc_status::warnings ? t.warnings : t.failed)++;
        } else {
            const jixiao::record& r = it->rec;
            if (auto e = writer->write(r)) {
                bar.clear();
                std::cerr << "jixiao: " << e->message << '\n';
                status = 2;
                break;
            }
            if (r.status == jixiao::doc_status::failed) {
                ++t.failed;
                bar.clear();
                std::cerr << "jixiao: " << r.conv.path << ": " << (r.conv.err ? r.conv.err->message : "failed") << '\n';
            } else {
                (r.status == jixiao::doc_status::ok ? t.ok : t.warnings)++;
                t.forms += it->forms;
            }
        }
        bar.update(t);
    }
    stop = true;
    hand.stop();
    for (std::thread& w : workers) w.join();
    if (status == 2) return 2;
    if (auto e = writer->close()) {
        bar.clear();
        std::cerr << "jixiao: " << e->message << '\n';
        return 2;
    }
    bar.update(t, true);
    if (show) {
        bar.clear();
        const double s = bar.elapsed();
        std::fprintf(stderr, "%zu files in %s (%.0f files/s, %zu forms): ok %zu, with warnings %zu, failed %zu", t.done,
                     duration(s).c_str(), s > 0 ? static_cast<double>(t.done) / s : 0.0, t.forms, t.ok, t.warnings, t.failed);
        if (t.skipped) std::fprintf(stderr, " (%zu of them already in %s)", t.skipped, o.output.c_str());
        std::fputc('\n', stderr);
    }
    return t.failed ? 1 : 0;
}

int run_merge(const std::string& output, const std::vector<std::string>& shards) {
    if (auto e = jixiao::merge_sqlite(output, shards)) {
        std::cerr << "jixiao: " << e->message << '\n';
        return 2;
    }
    return 0;
}

}  // namespace jixiao_tool
