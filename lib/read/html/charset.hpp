// jixiao::detail — the character encoding of an HTML page: byte order mark,
// the meta tag, or detection, decoded through decode_text (encoding.hpp).
#ifndef JIXIAO_READ_HTML_CHARSET_HPP
#define JIXIAO_READ_HTML_CHARSET_HPP

#include <jixiao/diagnostic.hpp>
#include <jixiao/encoding.hpp>
#include <jixiao/error.hpp>

#include <string>
#include <string_view>

namespace jixiao::detail {

/// The charset a page declares in a `<meta charset=…>` or
/// `<meta http-equiv="Content-Type" content="…; charset=…">` tag within its
/// first `window` bytes (the prescan of the HTML standard, §13.2.3.2, which
/// browsers run on 1024 bytes; Word's pages put the tag early, after long
/// xmlns lists), lower-cased and trimmed; empty when there is none. Comments
/// are skipped, so a tag inside `<!--[if gte mso 9]>…<![endif]-->` is not taken.
std::string prescan_charset(std::string_view bytes, std::size_t window = 4096);

/// The encoding decode_text should use for a charset label, after the
/// WHATWG Encoding Standard's label table for the labels forms meet: the GBK
/// family (gb2312, gbk, x-gbk, cp936, gb18030 …) → "gb18030" (the WHATWG gbk
/// decoder is the gb18030 one: pages labelled gb2312 hold GBK characters),
/// big5 → "big5", the Latin-1 family (iso-8859-1, us-ascii …) →
/// "windows-1252", utf-8 → "utf-8", utf-16 in a meta tag → "utf-8" (a page
/// that can state its charset in ASCII is not UTF-16). Other labels are
/// returned as they are, for ICU to know or not.
std::string charset_for_label(std::string_view label);

/// Decodes an HTML page. `named` (read_options::encoding) wins when set;
/// then a byte order mark; then the meta tag (a label ICU does not know, or
/// bytes invalid in the declared charset, fall back to detection with a
/// warning: "html.charset_unknown", "html.charset_mismatch"); then
/// decode_text's detection ("html.encoding_guessed" when it guessed).
/// Errors as decode_text.
result<decoded_text> decode_html(std::string_view bytes, std::string_view named, diagnostics& out);

}  // namespace jixiao::detail

#endif
