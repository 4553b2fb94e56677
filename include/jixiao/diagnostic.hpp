// jixiao — diagnostics: what a stage noticed, recovered from or guessed, returned as data.
//
// Nothing in the library prints or exits. Every stage appends diagnostics to the
// document it produces; each one says how serious it is, a stable machine-readable
// code, a human message, and where in the input it points.
#ifndef JIXIAO_DIAGNOSTIC_HPP
#define JIXIAO_DIAGNOSTIC_HPP

#include <cstdint>
#include <string>
#include <vector>

namespace jixiao {
inline namespace v0 {

/// A place in the input.
///
/// `table`, `row` and `col` are 0-based positions in the reconstructed grid
/// (`-1` when the place is not inside a table, or the field does not apply).
/// `line` is the 1-based line of the source text (0 when unknown or not a text
/// input). `offset` is a 0-based byte offset (`npos` when unknown): into the
/// input for text, into the main document part (word/document.xml or wherever
/// the package puts it) for .docx, into the WordDocument stream for .doc.
struct location {
    static constexpr std::uint64_t npos = ~std::uint64_t{0};
    int table = -1;
    int row = -1;
    int col = -1;
    int line = 0;
    std::uint64_t offset = npos;
};

enum class severity : int {
    info = 0,     ///< a decision the library made that a reviewer may want to see (a span inferred, a row skipped)
    warning = 1,  ///< the input is odd or ambiguous; the output is a best reading of it
    error = 2,    ///< part of the input could not be read as what it claims to be; output is incomplete there
};

/// Returns "info", "warning" or "error".
const char* to_string(severity s) noexcept;

/// One diagnostic. `code` is stable and dotted, `<stage>.<what>` (for example
/// "grid.span_inferred", "form.placeholder_row"); the list of codes lives in
/// docs/diagnostics.md. `message` is for people and may change between versions.
struct diagnostic {
    severity level = severity::info;
    std::string code;
    std::string message;
    location at;
    /// The message in Chinese, for the people who fill the forms. Checks
    /// (check.hpp) always give one; other stages may leave it empty.
    std::string message_zh{};
};

using diagnostics = std::vector<diagnostic>;

}  // namespace v0
}  // namespace jixiao

#endif
