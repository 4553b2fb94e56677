// read_docx: package → main part → raw document.
#include <jixiao/document.hpp>

#include "read/docx/document_xml.hpp"
#include "read/opc/readers.hpp"

#include <fmt/format.h>

namespace jixiao {

namespace detail {

namespace {
bool contains(std::string_view s, std::string_view x) { return s.find(x) != std::string_view::npos; }
}  // namespace

package_kind kind_of(std::string_view content_type) noexcept {
    if (contains(content_type, "spreadsheetml") || contains(content_type, "sheet.main")) return package_kind::spreadsheet;
    if (contains(content_type, "presentationml") || contains(content_type, "presentation.main")) return package_kind::presentation;
    return package_kind::wordprocessing;
}

result<main_part_info> find_main_part(package& pkg) {
    std::string content_type;
    auto main = pkg.main_part(content_type);
    if (!main) return main.err();
    return main_part_info{std::move(main.value()), kind_of(content_type)};
}

result<raw_document> read_wordprocessing(package& pkg, const std::string& part, const read_options& opts, diagnostics& out) {
    return read_document_xml(pkg, part, opts, out);
}

}  // namespace detail

inline namespace v0 {

result<raw_document> read_docx(std::string_view bytes, const read_options& opts, diagnostics& out, std::string& part) {
    auto pkg = detail::package::open(bytes, opts.lim);
    if (!pkg) return pkg.err();
    auto main = detail::find_main_part(pkg.value());
    if (!main) return main.err();
    part = main.value().part;
    if (main.value().kind == detail::package_kind::spreadsheet)
        return error{errc::unsupported, fmt::format("an Excel workbook ({}): read it with read_xlsx, or read_bytes", part), {}, {}};
    if (main.value().kind == detail::package_kind::presentation)
        return error{errc::unsupported, fmt::format("a PowerPoint presentation ({}): not supported", part), {}, {}};
    return detail::read_wordprocessing(pkg.value(), part, opts, out);
}

}  // namespace v0
}  // namespace jixiao
