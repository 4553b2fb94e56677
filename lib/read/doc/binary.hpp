// jixiao::detail — little-endian fields and UTF-16 text in Office binary files.
// Callers check bounds before reading; these only assemble bytes.
#ifndef JIXIAO_READ_DOC_BINARY_HPP
#define JIXIAO_READ_DOC_BINARY_HPP

#include "detail/utf8.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace jixiao::detail::le {

inline std::uint8_t u8(std::string_view b, std::size_t at) { return static_cast<std::uint8_t>(b[at]); }
inline std::uint16_t u16(std::string_view b, std::size_t at) {
    return static_cast<std::uint16_t>(u8(b, at) | u8(b, at + 1) << 8);
}
inline std::uint32_t u32(std::string_view b, std::size_t at) { return u16(b, at) | static_cast<std::uint32_t>(u16(b, at + 2)) << 16; }
inline std::uint64_t u64(std::string_view b, std::size_t at) { return u32(b, at) | static_cast<std::uint64_t>(u32(b, at + 4)) << 32; }
inline std::int16_t i16(std::string_view b, std::size_t at) { return static_cast<std::int16_t>(u16(b, at)); }

/// UTF-16 code units to UTF-8: surrogate pairs joined, lone surrogates U+FFFD.
class utf16_decoder {
public:
    void put(char16_t u, std::string& out) {
        if (high_ != 0) {
            if (u >= 0xDC00 && u <= 0xDFFF) {
                append_utf8(out, 0x10000 + ((char32_t{high_} - 0xD800) << 10) + (u - 0xDC00));
                high_ = 0;
                return;
            }
            append_utf8(out, U'\uFFFD');
            high_ = 0;
        }
        if (u >= 0xD800 && u <= 0xDBFF) high_ = u;
        else if (u >= 0xDC00 && u <= 0xDFFF) append_utf8(out, U'\uFFFD');
        else append_utf8(out, u);
    }
    /// Ends a run of text: a high surrogate left waiting becomes U+FFFD.
    void flush(std::string& out) {
        if (high_ != 0) append_utf8(out, U'\uFFFD');
        high_ = 0;
    }

private:
    char16_t high_ = 0;
};

}  // namespace jixiao::detail::le

#endif
