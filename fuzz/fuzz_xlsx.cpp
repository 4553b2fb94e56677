// Fuzz target: .xlsx packages through the workbook reader (sheets, shared
// strings, styles and number formats, merges), grid, forms and the JSON,
// text and report writers.
#include <jixiao/jixiao.hpp>

#include <cstdint>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > (4u << 20)) return 0;
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    jixiao::read_options opts;
    opts.lim.max_total_bytes = 64u << 20;  // keep each run quick; the limits themselves are under test
    opts.lim.max_part_bytes = 32u << 20;
    opts.lim.max_grid_slots = 4u << 20;
    jixiao::diagnostics diags;
    std::string part;
    (void)jixiao::read_xlsx(bytes, opts, diags, part);
    auto r = jixiao::read_bytes(bytes, "fuzz.xlsx", opts);
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
