// The stages of reading a .docx, one Google Benchmark each, on a real form
// (the corpus's Hunan .docx) and on a generated 1,000-row table
// (bench/make_table.py; the build generates it): zip (open the package, find
// and inflate the main part), xml (pugixml parse, as the floor does), part
// (the main part streamed to raw tables: tokenizer and walk), part_tree (the
// same through pugixml's tree, the reader's fallback), grid, form (forms and
// their values), json (writing, with and without tables), and the whole read_bytes. Bytes per second are the
// uncompressed document.xml's, so the stages compare on one scale.
//
//   ./build-bench/bench/jixiao_bench_stages [--benchmark_filter=table]
#include <jixiao/jixiao.hpp>

#include "read/docx/document_xml.hpp"
#include "read/opc/package.hpp"
#include "read/opc/xml.hpp"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <map>
#include <string>

namespace {

using namespace jixiao;

struct input {
    std::string bytes;  // the .docx
    std::string part;   // the main part's name
    std::string xml;    // its uncompressed bytes
    raw_document raw;
    std::vector<grid> grids;
    document doc;
};

const input& load(const char* path) {
    static std::map<std::string, input> cache;
    auto [it, fresh] = cache.try_emplace(path);
    input& in = it->second;
    if (!fresh) return in;
    std::ifstream f(path, std::ios::binary);
    in.bytes.assign(std::istreambuf_iterator<char>(f), std::istreambuf_iterator<char>());
    auto pkg = detail::package::open(in.bytes, limits{});
    std::string type;
    auto part = pkg ? pkg.value().main_part(type) : result<std::string>(error{errc::io, "unreadable", {}, {}});
    auto xml = part ? pkg.value().read(part.value()) : result<std::string>(error{errc::io, "unreadable", {}, {}});
    if (!xml) {
        std::fprintf(stderr, "%s: cannot read (%s)\n", path, xml.err().message.c_str());
        std::exit(2);
    }
    in.part = part.value();
    in.xml = xml.value();
    diagnostics diags;
    in.raw = detail::read_document_xml(in.xml, in.part, read_options{}, diags).value();
    for (std::size_t i = 0; i < in.raw.tables.size(); ++i) in.grids.push_back(build_grid(in.raw.tables[i], static_cast<int>(i), diags));
    in.doc = read_bytes(in.bytes, path).value();
    return in;
}

void per_byte(benchmark::State& state, const input& in) {
    state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(in.xml.size()));
}

void zip(benchmark::State& state, const char* path) {
    const input& in = load(path);
    for (auto _ : state) {
        auto pkg = detail::package::open(in.bytes, limits{});
        std::string type;
        auto part = pkg.value().main_part(type);
        auto xml = pkg.value().read(part.value());
        benchmark::DoNotOptimize(xml.value().data());
    }
    per_byte(state, in);
}

void xml(benchmark::State& state, const char* path) {
    const input& in = load(path);
    for (auto _ : state) {
        auto x = detail::parse_xml(in.xml, in.part);  // includes one copy of the bytes (memcpy speed)
        benchmark::DoNotOptimize(x.value()->doc.first_child());
    }
    per_byte(state, in);
}

void part(benchmark::State& state, const char* path, detail::xml_reader how) {
    const input& in = load(path);
    for (auto _ : state) {
        diagnostics diags;
        auto raw = detail::read_document_xml(in.xml, in.part, read_options{}, diags, how);  // includes one copy of the bytes
        benchmark::DoNotOptimize(raw.value().tables.data());
    }
    per_byte(state, in);
}
void part_stream(benchmark::State& state, const char* path) { part(state, path, detail::xml_reader::stream); }
void part_tree(benchmark::State& state, const char* path) { part(state, path, detail::xml_reader::tree); }

void grids(benchmark::State& state, const char* path) {
    const input& in = load(path);
    for (auto _ : state) {
        diagnostics diags;
        for (std::size_t i = 0; i < in.raw.tables.size(); ++i) {
            grid g = build_grid(in.raw.tables[i], static_cast<int>(i), diags);
            benchmark::DoNotOptimize(g.cells().data());
        }
    }
    per_byte(state, in);
}

void forms(benchmark::State& state, const char* path) {
    const input& in = load(path);
    for (auto _ : state) {
        diagnostics diags;
        auto f = extract_forms(in.raw.paragraphs, in.grids, diags);
        benchmark::DoNotOptimize(f.data());
    }
    per_byte(state, in);
}

void json(benchmark::State& state, const char* path, bool tables) {
    const input& in = load(path);
    std::string out;
    json_options o;
    o.tables = tables;
    o.indent = -1;
    for (auto _ : state) {
        out.clear();
        append_json(out, in.doc, o);
        benchmark::DoNotOptimize(out.data());
    }
    per_byte(state, in);
    state.counters["json_bytes"] = static_cast<double>(out.size());
}

void whole(benchmark::State& state, const char* path) {
    const input& in = load(path);
    for (auto _ : state) {
        auto d = read_bytes(in.bytes, path);
        benchmark::DoNotOptimize(d.value().forms.data());
    }
    per_byte(state, in);
}

void json_tables(benchmark::State& state, const char* path) { json(state, path, true); }
void json_no_tables(benchmark::State& state, const char* path) { json(state, path, false); }

#define STAGES(name, path)                                                                    \
    BENCHMARK_CAPTURE(zip, name, path)->Unit(benchmark::kMicrosecond);                       \
    BENCHMARK_CAPTURE(xml, name, path)->Unit(benchmark::kMicrosecond);                       \
    BENCHMARK_CAPTURE(part_stream, name, path)->Unit(benchmark::kMicrosecond);               \
    BENCHMARK_CAPTURE(part_tree, name, path)->Unit(benchmark::kMicrosecond);                 \
    BENCHMARK_CAPTURE(grids, name, path)->Unit(benchmark::kMicrosecond);                     \
    BENCHMARK_CAPTURE(forms, name, path)->Unit(benchmark::kMicrosecond);                     \
    BENCHMARK_CAPTURE(json_tables, name, path)->Unit(benchmark::kMicrosecond);               \
    BENCHMARK_CAPTURE(json_no_tables, name, path)->Unit(benchmark::kMicrosecond);            \
    BENCHMARK_CAPTURE(whole, name, path)->Unit(benchmark::kMicrosecond)

STAGES(hunan, JIXIAO_BENCH_HUNAN);
STAGES(table_1k, JIXIAO_BENCH_TABLE);

}  // namespace

BENCHMARK_MAIN();
