// jixiao::detail — XML read as a stream of events, for parts too large to hold
// as a tree (the main part of a .docx).
//
// xml_stream tokenizes the bytes as they are inflated and never holds more
// than the token it is in. It reads the XML that Office and its peers write —
// UTF-8, elements, attributes, text, CDATA, comments, processing instructions,
// the five predefined entities and character references, line ends normalized
// — and declines the rest: a DOCTYPE, another encoding, a NUL byte, an
// undefined entity, anything not well-formed. A declined part is parsed whole
// by pugixml (parse_xml) and its tree replayed as the same events (replay), so
// every part reads exactly as pugixml reads it, errors and leniencies included;
// only the common case is streamed.
#ifndef JIXIAO_READ_OPC_XML_STREAM_HPP
#define JIXIAO_READ_OPC_XML_STREAM_HPP

#include <pugixml.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao::detail {

/// An attribute as the events give it: the qualified name and the value with
/// its entities decoded (and TAB / LF / CR turned into spaces, as XML requires).
struct xml_attr {
    std::string_view name;
    std::string_view value;
};

/// What a reader of XML hands its consumer, in document order, from the
/// document element down. The views live until the call returns.
class xml_events {
public:
    virtual ~xml_events() = default;
    /// An element starts; `offset` is where its name starts in the part (the
    /// byte after '<'), as pugixml's offset_debug, or location::npos.
    virtual void start(std::string_view name, std::span<const xml_attr> attrs, std::uint64_t offset) = 0;
    virtual void end() = 0;
    /// Character data of the element open (CDATA included), entities decoded;
    /// one run of text may come in several pieces.
    virtual void text(std::string_view data) = 0;

protected:
    xml_events() = default;
    xml_events(const xml_events&) = default;
    xml_events& operator=(const xml_events&) = default;
};

/// The events of a tree pugixml parsed: its document element and below
/// (elements, text and CDATA), iteratively, so any depth is safe.
void replay(pugi::xml_node root, xml_events& to);

/// The streaming tokenizer. Feed it the part's bytes in pieces of any size,
/// then finish(); it stops at the first thing it declines (declined()), after
/// which the events it gave count for nothing.
class xml_stream {
public:
    explicit xml_stream(xml_events& to) : to_(to) {}

    /// The next bytes of the part. False once declined.
    bool feed(std::string_view bytes);
    /// The end of the part. False when declined (then or before).
    bool finish();
    bool declined() const noexcept { return declined_; }

private:
    enum class step : std::uint8_t { done, more, decline };
    bool run(bool final);
    step token(const char* p, const char* e, bool final, std::size_t& used);
    step start_tag(const char* p, const char* e, std::size_t& used);
    step end_tag(const char* p, const char* e, std::size_t& used);
    step text(const char* p, const char* e, bool final, std::size_t& used);
    step declaration(const char* p, const char* e, std::size_t& used);
    bool decode(std::string_view raw, std::string& out, bool attribute);
    static void append_normalized(std::string& out, std::string_view raw, bool attribute);
    bool decline() {
        declined_ = true;
        return false;
    }

    xml_events& to_;
    std::string buf_;             // bytes not yet tokenized (a token cut by the end of a piece)
    std::size_t pos_ = 0;         // next byte of buf_ to read
    std::uint64_t base_ = 0;      // offset of buf_[0] in the part
    std::size_t wait_ = 0;        // unread bytes wanted before a cut token is tried again
    std::string names_;           // names of the open elements, one after the other
    std::vector<std::uint32_t> name_ends_;
    std::vector<xml_attr> attrs_;
    std::string values_;          // decoded attribute values of one tag
    std::string decoded_;         // decoded text
    enum class where : std::uint8_t { start, prolog, content, epilog } where_ = where::start;
    bool declined_ = false;
};

}  // namespace jixiao::detail

#endif
