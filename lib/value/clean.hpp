// jixiao::detail — cleaning cell text before values are read from it.
#ifndef JIXIAO_VALUE_CLEAN_HPP
#define JIXIAO_VALUE_CLEAN_HPP

#include <string>
#include <string_view>

namespace jixiao::detail {

/// Writes into `out` (replacing its content) the text values are read from:
///  - blanks (U+00A0, U+3000, U+2000–U+200A, tabs, line breaks …) → one ASCII
///    space each; zero-width characters (U+200B–U+200D, U+2060, U+FEFF,
///    U+00AD) removed;
///  - full-width forms U+FF01–U+FF5E → ASCII (％ ＞＝ （ ） ： ， １２３);
///  - dashes that mean minus (U+2212 U+2010 U+2011 U+2013 U+FE63) → '-';
///    〜 → '~'; ﹪ → '%'; ㎡ → "m²"; 。 between two digits → '.';
///    ○ (U+25CB) next to a Chinese numeral → 〇;
///  - traditional numeral characters → simplified (萬 億 兩 貳 參 陸 點 負 圓 個 幾 倆);
///  - any other character outside ASCII, CJK ideographs and a small set of
///    symbols known to be stable goes through NFKC (ICU FilteredNormalizer2)
///    except the characters whose compatibility forms change a number's
///    meaning: circled and parenthesized numbers (① ⑴ ㈠ ㊀), superscripts and
///    subscripts (² ₂), vulgar fractions (½) and the ellipsis (…).
/// Invalid UTF-8 bytes become U+FFFD. Never used for output: `raw` is kept.
void clean_text(std::string_view raw, std::string& out);

/// The same cleaning, without a copy when nothing would change (the common
/// case: ASCII and CJK ideographs): returns `raw` itself, or the cleaned text
/// written into `buffer`. The view is valid while both are.
std::string_view clean_view(std::string_view raw, std::string& buffer);

}  // namespace jixiao::detail

#endif
