// Fuzz target: the tab-indented text reader and the span inference behind it.
#include <jixiao/jixiao.hpp>

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > (1u << 20)) return 0;
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (bytes.substr(0, 2) == "PK") return 0;  // zip packages are fuzz_docx's
    auto r = jixiao::read_bytes(bytes, "fuzz.txt");
    if (r.ok()) {
        (void)jixiao::to_json(r.value());
        (void)jixiao::to_text(r.value());
    }
    return 0;
}
