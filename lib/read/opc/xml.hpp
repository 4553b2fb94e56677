// jixiao::detail — XML parts through pugixml, with namespaces resolved by URI
// (pugixml matches qualified names only; Strict OOXML and documents written
// with prefixes other than "w:" need the URI).
#ifndef JIXIAO_READ_OPC_XML_HPP
#define JIXIAO_READ_OPC_XML_HPP

#include <jixiao/document.hpp>
#include <jixiao/error.hpp>

#include <pugixml.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace jixiao::detail {

/// A parsed part. The document points into `bytes` (parsed in place), so the
/// two live together.
struct xml_part {
    std::string bytes;
    pugi::xml_document doc;
};

/// Parses `bytes` (moved in) as XML, keeping whitespace-only text (xml:space
/// runs). DOCTYPEs are skipped and entities never expanded (no billion laughs).
/// Fails with errc::xml_malformed naming `part` and the byte offset.
result<std::unique_ptr<xml_part>> parse_xml(std::string bytes, std::string_view part);

/// The local part of a qualified name ("w:tbl" → "tbl").
std::string_view local_name(std::string_view qname) noexcept;

/// The namespace URI of an element, resolved through its ancestors' xmlns
/// declarations. O(depth): for small parts; document walkers keep a scope stack.
std::string_view namespace_uri(pugi::xml_node n);

/// True when `n` is the element {uri}local.
bool is(pugi::xml_node n, std::string_view uri, std::string_view local);

/// The attribute whose local name is `local`, whatever its prefix (w:val, ns0:val, val).
pugi::xml_attribute attr(pugi::xml_node n, std::string_view local) noexcept;

}  // namespace jixiao::detail

#endif
