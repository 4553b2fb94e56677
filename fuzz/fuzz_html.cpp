// Fuzz target: HTML pages (any bytes that sniff as HTML, and the HTML reader
// directly), through gumbo, the table model, grid, forms, the OCR check and
// the JSON, text and report writers. The first byte picks the OCR flag and
// whether to force the HTML reader on bytes that would not sniff as HTML.
#include <jixiao/jixiao.hpp>

#include <cstdint>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1 || size > (1u << 20)) return 0;
    const std::uint8_t mode = data[0];
    const std::string_view bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    jixiao::read_options opts;
    opts.ocr = (mode & 1) != 0;
    if (mode & 2) {
        jixiao::diagnostics diags;
        auto raw = jixiao::read_html(bytes, opts, diags);
        if (raw.ok())
            for (std::size_t i = 0; i < raw.value().tables.size(); ++i) (void)jixiao::build_grid(raw.value().tables[i], static_cast<int>(i), diags);
        return 0;
    }
    auto r = jixiao::read_bytes(bytes, "fuzz.html", opts);
    if (r.ok()) {
        (void)jixiao::to_json(r.value());
        (void)jixiao::to_text(r.value());
        std::vector<jixiao::report_input> page(1);
        page[0].path = "fuzz";
        page[0].doc = &r.value();
        (void)jixiao::to_report(page);
    }
    return 0;
}
