// Fuzz target: the main document part alone, without the zip layer, so that
// mutations reach the table logic (gridSpan, vMerge, hMerge, sdt, nesting).
#include <jixiao/jixiao.hpp>

#include "read/docx/document_xml.hpp"
#include "read/opc/xml.hpp"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > (1u << 20)) return 0;
    auto xml = jixiao::detail::parse_xml(std::string(reinterpret_cast<const char*>(data), size), "word/document.xml");
    if (!xml.ok()) return 0;
    jixiao::diagnostics diags;
    jixiao::read_options opts;
    auto raw = jixiao::detail::read_document_xml(*xml.value(), "word/document.xml", opts, diags);
    if (!raw.ok()) return 0;
    std::vector<jixiao::grid> grids;
    for (std::size_t i = 0; i < raw.value().tables.size(); ++i)
        grids.push_back(jixiao::build_grid(raw.value().tables[i], static_cast<int>(i), diags));
    jixiao::document doc;
    doc.forms = jixiao::extract_forms(raw.value().paragraphs, grids, diags);
    doc.tables = std::move(grids);
    doc.paragraphs = std::move(raw.value().paragraphs);
    (void)jixiao::to_json(doc);
    return 0;
}
