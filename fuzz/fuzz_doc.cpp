// Fuzz target: a Word 97-2003 file (an OLE2 compound file) as bytes, through the
// compound-file checks, libgsf, the Word reader, the grid and form stages and
// both writers. Seeds (fuzz/corpus/doc/) are small .doc files: the hand-made
// row-property cases and LibreOffice's conversions.
#include <jixiao/jixiao.hpp>

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > (2u << 20)) return 0;  // larger inputs only slow the search down
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    auto r = jixiao::read_bytes(bytes, "fuzz.doc");
    if (r.ok()) {
        (void)jixiao::to_json(r.value());
        (void)jixiao::to_text(r.value());
    }
    return 0;
}
