// jixiao::detail — the main document part of a .docx to raw tables.
#ifndef JIXIAO_READ_DOCX_DOCUMENT_XML_HPP
#define JIXIAO_READ_DOCX_DOCUMENT_XML_HPP

#include <jixiao/document.hpp>

#include "read/opc/package.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace jixiao::detail {

/// Reads the main document part `part` of `pkg` (w:document) into paragraphs
/// and tables, streaming it as it is inflated. Fails with the package's
/// errors, errc::xml_malformed (pugixml's message and offset) and limits
/// (errc::limit_exceeded); odd content becomes diagnostics.
result<raw_document> read_document_xml(package& pkg, const std::string& part, const read_options& opts, diagnostics& out);

/// How read_document_xml reads a part held in memory: streamed (as from a
/// package, the tree only for what the tokenizer declines), or parsed whole by
/// pugixml and its tree walked (for tests: the two must agree).
enum class xml_reader : std::uint8_t { stream, tree };

/// The same for a part's bytes held in memory (tests, fuzzing, benchmarks),
/// streamed in pieces of `piece` bytes (tests cut tokens with small ones).
result<raw_document> read_document_xml(std::string xml, std::string_view part, const read_options& opts, diagnostics& out,
                                       xml_reader how = xml_reader::stream, std::size_t piece = 1u << 16);

}  // namespace jixiao::detail

#endif
