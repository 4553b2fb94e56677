// jixiao::detail — characters inserted from a symbol font (Word's Insert ▸ Symbol):
// docx w:sym, .doc sprmCSymbol. Both give a font name and a code.
#ifndef JIXIAO_DETAIL_SYMBOL_HPP
#define JIXIAO_DETAIL_SYMBOL_HPP

#include <string_view>

namespace jixiao::detail {

/// The Unicode character for code `c` of symbol font `font`: the Symbol font's
/// codes (F0xx or xx) for the signs forms use map to their characters
/// (≥ ≤ ≠ ± × ÷ ≈ ° → √, and its ASCII positions); other fonts' codes,
/// and other codes, stay as they are (private-use code points).
inline char32_t symbol_char(std::string_view font, char32_t c) {
    const char32_t low = c >= 0xF000 && c <= 0xF0FF ? c - 0xF000 : c;
    if (font == "Symbol") {
        switch (low) {
        case 0xB3: return U'≥';
        case 0xA3: return U'≤';
        case 0xB9: return U'≠';
        case 0xB1: return U'±';
        case 0xB4: return U'×';
        case 0xB8: return U'÷';
        case 0xBB: return U'≈';
        case 0xB0: return U'°';
        case 0xAE: return U'→';
        case 0xD6: return U'√';
        default: break;
        }
        if (low >= 0x20 && low < 0x7F) return low;  // ASCII positions of the Symbol font: = < > + - digits
    }
    return c;
}

}  // namespace jixiao::detail

#endif
