#include "read/opc/xml.hpp"

#include <fmt/format.h>

namespace jixiao::detail {

result<std::unique_ptr<xml_part>> parse_xml(std::string bytes, std::string_view part) {
    auto x = std::make_unique<xml_part>();
    x->bytes = std::move(bytes);
    // parse_ws_pcdata keeps " " in <w:t xml:space="preserve"> </w:t>; no parse_doctype,
    // so a DTD is skipped and its entities are never defined or expanded.
    constexpr unsigned options = pugi::parse_default | pugi::parse_ws_pcdata;
    const pugi::xml_parse_result r =
        x->doc.load_buffer_inplace(x->bytes.data(), x->bytes.size(), options, pugi::encoding_auto);
    if (!r) {
        error e;
        e.code = errc::xml_malformed;
        e.at.offset = static_cast<std::uint64_t>(r.offset);
        e.message = fmt::format("{}: malformed XML at byte {}: {}", part, r.offset, r.description());
        return e;
    }
    if (!x->doc.document_element()) {
        error e;
        e.code = errc::xml_malformed;
        e.message = fmt::format("{}: no root element", part);
        return e;
    }
    return x;
}

std::string_view local_name(std::string_view qname) noexcept {
    const std::size_t colon = qname.find(':');
    return colon == std::string_view::npos ? qname : qname.substr(colon + 1);
}

std::string_view namespace_uri(pugi::xml_node n) {
    const std::string_view q = n.name();
    const std::size_t colon = q.find(':');
    std::string decl = "xmlns";
    if (colon != std::string_view::npos) {
        decl += ':';
        decl.append(q.substr(0, colon));
    }
    for (pugi::xml_node a = n; a; a = a.parent())
        if (pugi::xml_attribute d = a.attribute(decl.c_str())) return d.value();
    return {};
}

bool is(pugi::xml_node n, std::string_view uri, std::string_view local) {
    return n.type() == pugi::node_element && local_name(n.name()) == local && namespace_uri(n) == uri;
}

pugi::xml_attribute attr(pugi::xml_node n, std::string_view local) noexcept {
    for (pugi::xml_attribute a = n.first_attribute(); a; a = a.next_attribute())
        if (local_name(a.name()) == local) return a;
    return {};
}

}  // namespace jixiao::detail
