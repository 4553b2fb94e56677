// Fuzz target: Word 97-2003 documents.
//  - An input that starts like a compound file (D0 CF 11 E0 …) goes whole through
//    read_bytes: the compound-file checks, libgsf, the Word reader, the grid and
//    form stages and both writers.
//  - Anything else is taken as the Word streams themselves, past the container,
//    so mutations reach the FIB, piece table, FKPs and table sprms instead of
//    dying in the compound-file checks: [u32 size of WordDocument][u32 size of
//    the table stream][WordDocument][table stream (as 0Table and 1Table)][Data].
// Seeds (fuzz/corpus/doc/) hold both kinds, written by scripts/make_doc_fixtures.py.
#include <jixiao/jixiao.hpp>

#include "read/doc/word.hpp"

#include <cstdint>
#include <cstring>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > (2u << 20)) return 0;  // larger inputs only slow the search down
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    jixiao::read_options opts;
    if (size >= 8 && std::memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
        auto r = jixiao::read_bytes(bytes, "fuzz.doc", opts);
        if (r.ok()) {
            (void)jixiao::to_json(r.value());
            (void)jixiao::to_text(r.value());
        }
        return 0;
    }
    if (size < 8) return 0;
    auto u32 = [&](std::size_t at) { return std::uint32_t{data[at]} | std::uint32_t{data[at + 1]} << 8 | std::uint32_t{data[at + 2]} << 16 | std::uint32_t{data[at + 3]} << 24; };
    std::string_view rest = bytes.substr(8);
    const std::string_view word = rest.substr(0, std::min<std::size_t>(u32(0), rest.size()));
    rest.remove_prefix(word.size());
    const std::string_view table = rest.substr(0, std::min<std::size_t>(u32(4), rest.size()));
    rest.remove_prefix(table.size());
    const jixiao::detail::stream_opener open = [&](std::string_view name) -> std::optional<jixiao::result<std::string>> {
        if (name == "WordDocument") return jixiao::result<std::string>(std::string(word));
        if (name == "0Table" || name == "1Table") return jixiao::result<std::string>(std::string(table));
        if (name == "Data" && !rest.empty()) return jixiao::result<std::string>(std::string(rest));
        return std::nullopt;
    };
    jixiao::diagnostics diags;
    auto raw = jixiao::detail::read_word(open, opts, diags);
    if (raw.ok()) {
        for (std::size_t i = 0; i < raw.value().tables.size(); ++i) (void)jixiao::build_grid(raw.value().tables[i], static_cast<int>(i), diags);
    }
    return 0;
}
