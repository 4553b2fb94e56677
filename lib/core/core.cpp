// Small functions of the public headers that belong to no stage.
#include <jixiao/diagnostic.hpp>
#include <jixiao/error.hpp>
#include <jixiao/version.hpp>

namespace jixiao {
inline namespace v0 {

const char* version() noexcept { return JIXIAO_VERSION_STRING; }

const char* to_string(severity s) noexcept {
    switch (s) {
    case severity::info: return "info";
    case severity::warning: return "warning";
    case severity::error: return "error";
    }
    return "error";
}

const char* message(errc code) noexcept {
    switch (code) {
    case errc::ok: return "no error";
    case errc::io: return "the input could not be read";
    case errc::encoding: return "the input is not valid in its encoding";
    case errc::limit_exceeded: return "the input exceeds a configured limit";
    case errc::unsupported: return "the input's format is not supported";
    case errc::invalid_argument: return "invalid argument";
    case errc::internal: return "internal error in jixiao";
    case errc::zip_corrupt: return "the zip package is damaged or truncated";
    case errc::missing_part: return "the package lacks a part it needs";
    case errc::xml_malformed: return "a part is not well-formed XML";
    case errc::encrypted: return "the file is encrypted (password-protected)";
    case errc::compound_file_corrupt: return "the compound file (OLE2) is damaged or truncated";
    case errc::doc_corrupt: return "the Word document's structures are damaged";
    }
    return "unknown error";
}

const char* to_string(errc code) noexcept {
    switch (code) {
    case errc::ok: return "ok";
    case errc::io: return "io";
    case errc::encoding: return "encoding";
    case errc::limit_exceeded: return "limit_exceeded";
    case errc::unsupported: return "unsupported";
    case errc::invalid_argument: return "invalid_argument";
    case errc::internal: return "internal";
    case errc::zip_corrupt: return "zip_corrupt";
    case errc::missing_part: return "missing_part";
    case errc::xml_malformed: return "xml_malformed";
    case errc::encrypted: return "encrypted";
    case errc::compound_file_corrupt: return "compound_file_corrupt";
    case errc::doc_corrupt: return "doc_corrupt";
    }
    return "unknown";
}

}  // namespace v0
}  // namespace jixiao
