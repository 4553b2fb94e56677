// The whole chain: bytes → reader → grids → forms.
#include <jixiao/document.hpp>

#include <fmt/format.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>

namespace jixiao {
inline namespace v0 {

bool document::has_errors() const noexcept {
    for (const diagnostic& d : diags)
        if (d.level == severity::error) return true;
    for (const form& f : forms)
        for (const diagnostic& d : f.diags)
            if (d.level == severity::error) return true;
    return false;
}

namespace {

error make_error(errc code, std::string msg, std::uint64_t offset = location::npos) {
    error e;
    e.code = code;
    e.message = std::move(msg);
    e.at.offset = offset;
    return e;
}

bool starts_with(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.substr(0, p.size()) == p; }

// Formats recognized by their first bytes, never by the file name.
std::optional<error> refuse_unsupported(std::string_view bytes) {
    if (starts_with(bytes, "PK\x03\x04") || starts_with(bytes, "PK\x05\x06"))
        return make_error(errc::unsupported, "a zip package (.docx/.xlsx): not supported yet", 0);
    if (starts_with(bytes, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1"))
        return make_error(errc::unsupported, "an OLE compound file (.doc, .xls or encrypted Office file): not supported yet", 0);
    if (starts_with(bytes, "%PDF-")) return make_error(errc::unsupported, "a PDF file: not supported", 0);
    if (starts_with(bytes, "\xFF\xFE") || starts_with(bytes, "\xFE\xFF"))
        return make_error(errc::encoding, "UTF-16 text (byte order mark at byte 0): only UTF-8 is supported yet", 0);
    return std::nullopt;
}

}  // namespace

result<document> read_bytes(std::string_view bytes, std::string name, const read_options& opts) {
    if (bytes.size() > opts.lim.max_input_bytes)
        return make_error(errc::limit_exceeded, fmt::format("input is {} bytes, more than {} (limits::max_input_bytes)",
                                                            bytes.size(), opts.lim.max_input_bytes));
    if (auto e = refuse_unsupported(bytes)) return std::move(*e);

    document doc;
    doc.source.path = std::move(name);
    doc.source.format = "text";
    doc.source.encoding = "utf-8";
    auto raw = read_text(bytes, opts, doc.diags);
    if (!raw) return raw.err();

    raw_document& rd = raw.value();
    doc.tables.reserve(rd.tables.size());
    for (std::size_t i = 0; i < rd.tables.size(); ++i) doc.tables.push_back(build_grid(rd.tables[i], static_cast<int>(i), doc.diags));
    doc.paragraphs = std::move(rd.paragraphs);
    if (opts.forms) doc.forms = extract_forms(doc.paragraphs, doc.tables, doc.diags);
    return doc;
}

result<document> read_file(const std::string& path, const read_options& opts) {
    std::string bytes;
    if (path == "-") {
        char buf[1 << 16];
        while (std::cin.read(buf, sizeof buf) || std::cin.gcount() > 0) {
            bytes.append(buf, static_cast<std::size_t>(std::cin.gcount()));
            if (bytes.size() > opts.lim.max_input_bytes)
                return make_error(errc::limit_exceeded, fmt::format("standard input is more than {} bytes (limits::max_input_bytes)",
                                                                    opts.lim.max_input_bytes));
        }
        if (std::cin.bad()) return make_error(errc::io, "standard input: read error");
    } else {
        std::error_code ec;
        const auto status = std::filesystem::status(path, ec);
        if (ec) return make_error(errc::io, fmt::format("{}: {}", path, ec.message()));
        if (std::filesystem::is_directory(status)) return make_error(errc::io, fmt::format("{}: is a directory", path));
        if (std::filesystem::is_regular_file(status)) {
            const auto size = std::filesystem::file_size(path, ec);
            if (!ec && size > opts.lim.max_input_bytes)
                return make_error(errc::limit_exceeded, fmt::format("{}: {} bytes, more than {} (limits::max_input_bytes)", path,
                                                                    size, opts.lim.max_input_bytes));
        }
        std::ifstream in(path, std::ios::binary);
        if (!in) return make_error(errc::io, fmt::format("{}: {}", path, std::strerror(errno)));
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        if (in.bad()) return make_error(errc::io, fmt::format("{}: read error", path));
    }
    return read_bytes(bytes, path, opts);
}

}  // namespace v0
}  // namespace jixiao
