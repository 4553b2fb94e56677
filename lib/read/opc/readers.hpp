// jixiao::detail — the readers of OPC packages, on a package already open:
// read_bytes opens a zip once and hands it to the reader its main part's
// content type names.
#ifndef JIXIAO_READ_OPC_READERS_HPP
#define JIXIAO_READ_OPC_READERS_HPP

#include <jixiao/document.hpp>

#include "read/opc/package.hpp"

#include <string>
#include <string_view>

namespace jixiao::detail {

enum class package_kind : std::uint8_t { wordprocessing, spreadsheet, presentation };

/// What the main part's content type says the package is. Unknown types are
/// read as word processing, as Word opens what it can.
package_kind kind_of(std::string_view content_type) noexcept;

/// The package's main part and its kind. Fails as package::main_part.
struct main_part_info {
    std::string part;
    package_kind kind = package_kind::wordprocessing;
};
result<main_part_info> find_main_part(package& pkg);

/// A .docx: the main document part `part` to raw tables.
result<raw_document> read_wordprocessing(package& pkg, const std::string& part, const read_options& opts, diagnostics& out);

/// A .xlsx: the workbook part `part` and its sheets to raw tables.
result<raw_document> read_spreadsheet(package& pkg, const std::string& part, const read_options& opts, diagnostics& out);

}  // namespace jixiao::detail

#endif
