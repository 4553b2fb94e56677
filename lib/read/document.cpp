// The whole chain: bytes → reader → grids → forms.
#include <jixiao/check.hpp>
#include <jixiao/document.hpp>

#include "detail/limits.hpp"
#include "read/doc/cfb.hpp"
#include "read/html/sniff.hpp"
#include "read/opc/readers.hpp"
#include "value/ocr.hpp"

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
            if (d.level == severity::error && d.code.rfind("check.", 0) != 0) return true;
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
    if (starts_with(bytes, "%PDF-")) return make_error(errc::unsupported, "a PDF file: not supported", 0);
    if (starts_with(bytes, "{\\rtf")) return make_error(errc::unsupported, "an RTF document: not supported yet", 0);
    // Word for Windows 1.x and 2.0 wrote no compound file: a bare FIB (wIdent 0xA59B or
    // 0xA5DB, then a small nFib). Text starting with GBK 0xDBA5 has no NUL as its fourth byte.
    if ((starts_with(bytes, "\x9B\xA5") || starts_with(bytes, "\xDB\xA5")) && bytes.size() >= 4 &&
        static_cast<unsigned char>(bytes[2]) < 0x70 && bytes[3] == '\0')
        return make_error(errc::unsupported, "a Word for Windows 1.x/2.0 document: only Word 97 and later .doc files are read", 0);
    return std::nullopt;
}

bool is_zip(std::string_view bytes) {
    return starts_with(bytes, "PK\x03\x04") || starts_with(bytes, "PK\x05\x06") || starts_with(bytes, "PK\x07\x08");
}

}  // namespace

result<document> read_bytes(std::string_view bytes, std::string name, const read_options& opts) {
    if (bytes.size() > opts.lim.max_input_bytes)
        return detail::limit_breach("max_input_bytes", fmt::format("input is {} bytes, more than {}", bytes.size(), opts.lim.max_input_bytes));
    if (auto e = refuse_unsupported(bytes)) return std::move(*e);

    document doc;
    doc.source.path = std::move(name);
    doc.source.encoding = "utf-8";
    result<raw_document> raw = raw_document{};
    bool ocr = opts.ocr;
    if (is_zip(bytes)) {
        // One open of the package; its main part's content type picks the reader.
        auto pkg = detail::package::open(bytes, opts.lim);
        if (!pkg) return pkg.err();
        auto main = detail::find_main_part(pkg.value());
        if (!main) return main.err();
        doc.source.part = main.value().part;
        switch (main.value().kind) {
        case detail::package_kind::spreadsheet:
            doc.source.format = "xlsx";
            raw = detail::read_spreadsheet(pkg.value(), doc.source.part, opts, doc.diags);
            break;
        case detail::package_kind::presentation:
            return make_error(errc::unsupported, fmt::format("a PowerPoint presentation ({}): not supported", doc.source.part));
        case detail::package_kind::wordprocessing:
            doc.source.format = "docx";
            raw = detail::read_wordprocessing(pkg.value(), doc.source.part, opts, doc.diags);
            break;
        }
    } else if (detail::compound_file::sniff(bytes)) {
        // OLE2: a .doc, or an .xls, .ppt or encrypted OOXML file, told apart by its streams
        doc.source.format = "doc";
        raw = read_doc(bytes, opts, doc.diags, doc.source.part);
    } else if (detail::looks_like_html(bytes)) {
        doc.source.format = "html";
        if (!ocr && detail::looks_like_ppstructure(bytes)) {
            ocr = true;
            doc.diags.push_back({severity::info, "html.ocr_output",
                                 "PaddleOCR PP-Structure table HTML: read as OCR output, numbers checked for OCR confusions", {}});
        }
        raw = read_html(bytes, opts, doc.diags);
    } else {
        doc.source.format = "text";
        raw = read_text(bytes, opts, doc.diags);
    }
    if (!raw) return raw.err();

    raw_document& rd = raw.value();
    if (!rd.encoding.empty()) doc.source.encoding = rd.encoding;
    if (rd.tables.empty() && rd.paragraphs.empty())
        doc.diags.push_back({severity::warning, "read.empty", bytes.empty() ? "the input is empty" : "the input holds no table and no text", {}});
    doc.tables.reserve(rd.tables.size());
    // Each raw table gives its texts to its grid and is freed: the raw tables never live beside the forms.
    for (std::size_t i = 0; i < rd.tables.size(); ++i) {
        doc.tables.push_back(build_grid(std::move(rd.tables[i]), static_cast<int>(i), doc.diags));
        rd.tables[i] = raw_table{};
    }
    if (ocr) detail::flag_ocr_suspects(doc.tables, doc.diags);
    doc.paragraphs = std::move(rd.paragraphs);
    if (opts.forms) doc.forms = extract_forms(doc.paragraphs, doc.tables, doc.diags);
    if (opts.forms && opts.check)
        for (form& f : doc.forms) {
            diagnostics found = check_form(f);
            f.diags.insert(f.diags.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
        }
    return doc;
}

namespace {

// Reads a whole file (or standard input) into `bytes`, within the input limit.
std::optional<error> load(const std::string& path, const read_options& opts, std::string& bytes) {
    bytes.clear();
    if (path == "-") {
        char buf[1 << 16];
        while (std::cin.read(buf, sizeof buf) || std::cin.gcount() > 0) {
            bytes.append(buf, static_cast<std::size_t>(std::cin.gcount()));
            if (bytes.size() > opts.lim.max_input_bytes)
                return detail::limit_breach("max_input_bytes", fmt::format("standard input is more than {} bytes", opts.lim.max_input_bytes));
        }
        if (std::cin.bad()) return make_error(errc::io, "standard input: read error");
        return std::nullopt;
    }
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec) return make_error(errc::io, fmt::format("{}: {}", path, ec.message()));
    if (std::filesystem::is_directory(status)) return make_error(errc::io, fmt::format("{}: is a directory", path));
    std::ifstream in(path, std::ios::binary);
    if (!in) return make_error(errc::io, fmt::format("{}: {}", path, std::strerror(errno)));
    if (std::filesystem::is_regular_file(status)) {
        const auto size = std::filesystem::file_size(path, ec);
        if (!ec && size > opts.lim.max_input_bytes)
            return detail::limit_breach("max_input_bytes", fmt::format("{}: {} bytes, more than {}", path, size, opts.lim.max_input_bytes));
        if (!ec) bytes.reserve(static_cast<std::size_t>(size));
    }
    // Read in chunks, so a device or FIFO that never ends still meets the limit.
    char buf[1 << 16];
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
        bytes.append(buf, static_cast<std::size_t>(in.gcount()));
        if (bytes.size() > opts.lim.max_input_bytes)
            return detail::limit_breach("max_input_bytes", fmt::format("{}: more than {} bytes", path, opts.lim.max_input_bytes));
    }
    if (in.bad()) return make_error(errc::io, fmt::format("{}: read error", path));
    return std::nullopt;
}

}  // namespace

result<std::string> load_file(const std::string& path, const limits& lim) {
    read_options opts;
    opts.lim = lim;
    std::string bytes;
    if (auto e = load(path, opts, bytes)) return std::move(*e);
    return bytes;
}

result<document> read_file(const std::string& path, const read_options& opts) {
    std::string bytes;
    if (auto e = load(path, opts, bytes)) return std::move(*e);
    return read_bytes(bytes, path, opts);
}

result<document> reader::read_file(const std::string& path) {
    if (auto e = load(path, opts_, buffer_)) return std::move(*e);
    return jixiao::read_bytes(buffer_, path, opts_);
}

result<document> reader::read_bytes(std::string_view bytes, std::string name) const { return jixiao::read_bytes(bytes, std::move(name), opts_); }

}  // namespace v0
}  // namespace jixiao
