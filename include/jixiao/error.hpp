// jixiao — failures that leave no output, and the result type that carries them.
//
// A function that can fail returns `result<T>`: either a value or an `error`.
// No exception crosses the public API for bad input; only std::bad_alloc can
// escape the C++ functions (the C API turns it into an error code).
#ifndef JIXIAO_ERROR_HPP
#define JIXIAO_ERROR_HPP

#include <jixiao/diagnostic.hpp>

#include <string>
#include <utility>
#include <variant>

namespace jixiao {
inline namespace v0 {

/// Why an input could not be read at all. Append-only: values never change.
enum class errc : int {
    ok = 0,
    io = 1,                ///< the file could not be opened or read
    encoding = 2,          ///< the bytes are not valid in the input's encoding (the location has the byte offset)
    limit_exceeded = 3,    ///< an input limit in `limits` was hit (the message names which)
    unsupported = 4,       ///< a format the library recognizes but cannot read yet
    invalid_argument = 5,  ///< the caller passed something unusable
    internal = 6,          ///< a bug in jixiao; please report it
    // Added in 0.2 (the .docx reader):
    zip_corrupt = 7,       ///< starts like a zip package but is not a readable one (truncated, bad CRC, damaged directory)
    missing_part = 8,      ///< a package without the part it needs (no main document, a relationship pointing nowhere)
    xml_malformed = 9,     ///< a part is not well-formed XML (the message names the part and byte offset)
    encrypted = 10,        ///< a password-protected Office file (an OLE file holding EncryptionInfo, an encrypted .doc, or encrypted zip entries)
    // Added in 0.3 (the .doc reader):
    compound_file_corrupt = 11,  ///< starts like an OLE2 compound file but is not a sound one (a sector chain that loops or runs past the end, a stream longer than the file, a damaged directory)
    doc_corrupt = 12,      ///< a Word 97-2003 document whose structures are damaged (no table stream, a piece table or property page out of bounds)
};

/// A static, English description of the code. Never null.
const char* message(errc code) noexcept;

/// The code's name as written in the enum ("zip_corrupt"): stable, for
/// machine-readable output. Never null ("unknown" for values not in the enum).
const char* to_string(errc code) noexcept;

/// An error: the code, a message naming the detail, and where it happened.
struct error {
    errc code = errc::ok;
    std::string message;
    location at;
    /// For errc::limit_exceeded: the name of the `jixiao::limits` member that
    /// was breached ("max_inflate_ratio", "max_rows" …), stable for programs
    /// to act on. Empty for other codes.
    std::string limit;
};

/// A value of type T, or an error. Check `ok()` before calling `value()`;
/// `value()` on an error (or `err()` on a value) is undefined behaviour
/// caught by an assertion in debug builds.
template <class T>
class [[nodiscard]] result {
public:
    result(T value) : v_(std::move(value)) {}          // NOLINT: implicit on purpose
    result(error e) : v_(std::move(e)) {}              // NOLINT: implicit on purpose

    bool ok() const noexcept { return v_.index() == 0; }
    explicit operator bool() const noexcept { return ok(); }

    T& value() & { return *std::get_if<0>(&v_); }
    const T& value() const& { return *std::get_if<0>(&v_); }
    T&& value() && { return std::move(*std::get_if<0>(&v_)); }

    const error& err() const& { return *std::get_if<1>(&v_); }

private:
    std::variant<T, error> v_;
};

}  // namespace v0
}  // namespace jixiao

#endif
