// read_docx: package → main part → raw document.
#include <jixiao/document.hpp>

#include "read/docx/document_xml.hpp"
#include "read/docx/package.hpp"
#include "read/docx/xml.hpp"

#include <fmt/format.h>

namespace jixiao {
inline namespace v0 {

namespace {
bool contains(std::string_view s, std::string_view x) { return s.find(x) != std::string_view::npos; }
}  // namespace

result<raw_document> read_docx(std::string_view bytes, const read_options& opts, diagnostics& out, std::string& part) {
    auto pkg = detail::package::open(bytes, opts.lim);
    if (!pkg) return pkg.err();
    std::string content_type;
    auto main = pkg.value().main_part(content_type);
    if (!main) return main.err();
    part = main.value();
    if (contains(content_type, "spreadsheetml") || contains(content_type, "sheet.main"))
        return error{errc::unsupported, fmt::format("an Excel workbook ({}): not supported yet", part), {}, {}};
    if (contains(content_type, "presentationml"))
        return error{errc::unsupported, fmt::format("a PowerPoint presentation ({}): not supported", part), {}, {}};
    auto xml_bytes = pkg.value().read(part);
    if (!xml_bytes) return xml_bytes.err();
    auto xml = detail::parse_xml(std::move(xml_bytes.value()), part);
    if (!xml) return xml.err();
    return detail::read_document_xml(*xml.value(), part, opts, out);
}

}  // namespace v0
}  // namespace jixiao
