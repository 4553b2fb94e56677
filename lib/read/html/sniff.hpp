// jixiao::detail — telling HTML by its first bytes, and PP-Structure's OCR
// table HTML among it.
#ifndef JIXIAO_READ_HTML_SNIFF_HPP
#define JIXIAO_READ_HTML_SNIFF_HPP

#include <string_view>

namespace jixiao::detail {

/// True when `bytes` start like an HTML page: after a byte order mark (UTF-8,
/// or UTF-16 in either order), ASCII whitespace and any number of comments
/// (`<!-- saved from url=… -->`), one of `<!DOCTYPE html`, `<html`, `<head`,
/// `<body`, `<meta`, `<table`, case-insensitively. Reads at most 64 KiB.
bool looks_like_html(std::string_view bytes) noexcept;

/// True when `bytes` are the table HTML PaddleOCR's PP-Structure writes:
/// `<html><body><table>` with nothing between the tags and nothing before
/// them but a UTF-8 byte order mark and whitespace (PP-Structure joins its
/// structure tokens with no whitespace, no head and no attributes).
bool looks_like_ppstructure(std::string_view bytes) noexcept;

}  // namespace jixiao::detail

#endif
