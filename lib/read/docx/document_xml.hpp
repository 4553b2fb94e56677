// jixiao::detail — the main document part of a .docx to raw tables.
#ifndef JIXIAO_READ_DOCX_DOCUMENT_XML_HPP
#define JIXIAO_READ_DOCX_DOCUMENT_XML_HPP

#include <jixiao/document.hpp>

#include "read/opc/xml.hpp"

namespace jixiao::detail {

/// Walks a parsed main document part (w:document) into paragraphs and tables.
/// Fails only on limits (errc::limit_exceeded); odd content becomes diagnostics.
result<raw_document> read_document_xml(const xml_part& x, std::string_view part, const read_options& opts, diagnostics& out);

}  // namespace jixiao::detail

#endif
