// jixiao — character encodings of text inputs: telling them apart and decoding them to UTF-8.
//
// Text copied out of Word tables reaches an archive in whatever the copying
// machine used: UTF-8 (with or without a byte order mark), UTF-16 from
// Windows' "Unicode" text files, and GBK / GB18030 from Chinese Windows'
// ANSI code page. The text reader (`read_text`, and `read_bytes` /
// `read_file` for text inputs) decodes through `decode_text`, so every caller
// gets the same answer; the encoding found is reported in
// `source_info::encoding` and, for guesses, as a diagnostic.
//
// How the encoding is found when the caller does not name one — the order
// matters, and each step is strict:
//   1. a byte order mark: UTF-8 (EF BB BF), UTF-32LE (FF FE 00 00),
//      UTF-32BE (00 00 FE FF), UTF-16LE (FF FE), UTF-16BE (FE FF);
//   2. strict UTF-8 (no overlongs, surrogates or code points past U+10FFFF):
//      "utf-8" — unless NULs stand at a third or more of the odd (or even)
//      byte positions, the shape of UTF-16 without a byte order mark, which
//      is valid UTF-8 when the text is ASCII; such bytes go to step 4 and
//      are UTF-8 after all when the detector does not take them;
//   3. GB18030 decoded with ICU, stopping at the first invalid byte (not for
//      UTF-16-shaped bytes): "gb18030". GB18030 is a superset of GBK and
//      GB2312, so GBK files are reported as "gb18030" — that is the table
//      they were read with;
//   4. last resort, ICU's charset detector, accepting only UTF-16LE/BE and
//      UTF-32LE/BE without a byte order mark, with confidence of at least
//      20, when decoding succeeds and gives no control characters but
//      TAB, LF, VT, FF and CR (the detector needs a few hundred bytes and is
//      never trusted for 8-bit code pages: every byte string is "valid"
//      ISO-8859-1, and Big5 text is always valid GB18030 — name those
//      explicitly).
// Before step 3, input that is mostly valid UTF-8 with a few bad bytes (valid
// multi-byte sequences cover at least four times as many bytes as the
// invalid ones) is damaged UTF-8, not another encoding: it is an error
// located at the first bad byte, never GB18030 mojibake.
//
// Thread safety: no shared state; calls may run on any threads at once.
#ifndef JIXIAO_ENCODING_HPP
#define JIXIAO_ENCODING_HPP

#include <jixiao/error.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao {
inline namespace v0 {

/// How `decode_text` settled on an encoding.
enum class encoding_source : std::uint8_t {
    named = 0,     ///< the caller named it
    bom = 1,       ///< a byte order mark
    utf8 = 2,      ///< the bytes are valid UTF-8
    gb18030 = 3,   ///< not UTF-8, and every byte valid GB18030
    detected = 4,  ///< ICU's detector, as the last resort
};

/// Text decoded to UTF-8. Owns its data.
struct decoded_text {
    /// The text as UTF-8, byte order mark removed. Line ends are as in the
    /// input (CR LF stays CR LF).
    std::string utf8;
    /// Canonical lower-case name of the encoding read: "utf-8", "utf-16le",
    /// "utf-16be", "utf-32le", "utf-32be", "gb18030", "gbk", "big5", or for
    /// other encodings a caller names, ICU's canonical name in lower case.
    std::string encoding;
    encoding_source found = encoding_source::utf8;
    /// ICU's detector confidence (0–100) when `found == detected`, else 0.
    int confidence = 0;
    /// Bytes of byte order mark skipped at the start of the input.
    std::size_t bom = 0;
    /// Where each line starts in the input: `line_starts[n - 1]` is the byte
    /// offset in the input of line n's first byte (lines end at LF; in a
    /// text without any LF, at CR, as the text reader counts them). Empty
    /// when `utf8` holds the input's own bytes (UTF-8): then byte i of `utf8`
    /// is byte `bom + i` of the input.
    std::vector<std::uint64_t> line_starts;
};

/// Decodes `bytes` to UTF-8.
///
/// `encoding` empty or "auto" finds the encoding as described at the top of
/// this header. Otherwise it names the encoding, case-insensitively: "utf-8",
/// "utf-16le", "utf-16be", "utf-16" (byte order mark required), "utf-32le",
/// "utf-32be", "gb18030", "gbk" (Windows code page 936), "gb2312", "big5", or
/// any other name ICU's converter knows. A byte order mark that agrees with
/// the named encoding is skipped.
///
/// Errors (never exceptions, never a crash):
///  - errc::encoding when the bytes are not valid in the encoding named or
///    found: `at.offset` is the byte offset in `bytes` of the first invalid
///    byte (a truncated sequence at the end points at its first byte) and
///    `at.line` its 1-based line; the message says which encodings were tried;
///  - errc::invalid_argument when `encoding` names no encoding ICU knows.
///
/// Cost: a linear pass per candidate tried; ICU's detector reads at most the
/// first 64 KiB.
result<decoded_text> decode_text(std::string_view bytes, std::string_view encoding = {});

}  // namespace v0
}  // namespace jixiao

#endif
