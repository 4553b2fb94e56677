// Fuzz target: the main document part alone, without the zip layer, so that
// mutations reach the table logic (gridSpan, vMerge, hMerge, sdt, nesting).
// The part is read twice — streamed in small pieces (the tokenizer, with
// pugixml for what it declines) and parsed whole by pugixml — and the two
// readings must be the same, error or document, diagnostics included.
#include <jixiao/jixiao.hpp>

#include "read/docx/document_xml.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

using namespace jixiao;

void dump(std::string& s, const location& at) { s += std::to_string(at.table) + "," + std::to_string(at.offset) + ";"; }

// Everything a raw document and its diagnostics hold, as text to compare.
std::string fingerprint(const result<raw_document>& r, const diagnostics& diags) {
    std::string s;
    if (!r) {
        s = "error " + std::to_string(static_cast<int>(r.err().code)) + " " + r.err().message + " " + r.err().limit;
        dump(s, r.err().at);
        return s;
    }
    for (const paragraph& p : r.value().paragraphs) {
        s += "P[" + p.text + "]" + std::to_string(p.before_table);
        dump(s, p.at);
    }
    for (const raw_table& t : r.value().tables) {
        s += "T" + std::to_string(t.declared_cols) + "," + std::to_string(t.parent);
        dump(s, t.at);
        for (const raw_row& row : t.rows) {
            s += "R" + std::to_string(row.grid_before) + "," + std::to_string(row.grid_after) + "," + std::to_string(row.repeated_header);
            dump(s, row.at);
            for (const raw_cell& c : row.cells) {
                s += "C[" + c.text + "]" + std::to_string(c.colspan) + "," + std::to_string(static_cast<int>(c.vertical)) + "," +
                     std::to_string(static_cast<int>(c.horizontal)) + ",n";
                for (std::uint32_t n : c.nested) s += std::to_string(n) + " ";
                dump(s, c.at);
            }
        }
    }
    for (const diagnostic& d : diags) {
        s += "D" + d.code + " " + d.message;
        dump(s, d.at);
    }
    return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > (1u << 20)) return 0;
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    read_options opts;
    opts.lim.max_xml_depth = 64;  // small limits, so that breaches (and their order) are reached
    opts.lim.max_table_nesting = 8;
    opts.lim.max_cols = 64;
    opts.lim.max_cells = 4096;
    diagnostics streamed_diags, tree_diags;
    const std::size_t piece = 1 + size % 61;  // tokens cut anywhere
    auto streamed = detail::read_document_xml(bytes, "word/document.xml", opts, streamed_diags, detail::xml_reader::stream, piece);
    auto tree = detail::read_document_xml(bytes, "word/document.xml", opts, tree_diags, detail::xml_reader::tree);
    const std::string a = fingerprint(streamed, streamed_diags), b = fingerprint(tree, tree_diags);
    if (a != b) {
        std::fprintf(stderr, "streamed and tree readings differ:\n  streamed: %s\n  tree:     %s\n", a.c_str(), b.c_str());
        std::abort();
    }
    if (!streamed.ok()) return 0;
    std::vector<grid> grids;
    for (std::size_t i = 0; i < streamed.value().tables.size(); ++i)
        grids.push_back(build_grid(streamed.value().tables[i], static_cast<int>(i), streamed_diags));
    document doc;
    doc.forms = extract_forms(streamed.value().paragraphs, grids, streamed_diags);
    doc.tables = std::move(grids);
    doc.paragraphs = std::move(streamed.value().paragraphs);
    (void)to_json(doc);
    return 0;
}
