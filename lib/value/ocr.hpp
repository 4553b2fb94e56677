// jixiao::detail — OCR confusions in cell text: characters table-recognition
// OCR mistakes for one another in numbers. They are flagged, never fixed:
// the text stays as the OCR read it, and a person looks.
#ifndef JIXIAO_VALUE_OCR_HPP
#define JIXIAO_VALUE_OCR_HPP

#include <jixiao/diagnostic.hpp>
#include <jixiao/grid.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace jixiao::detail {

/// One suspect place in a cell's text.
struct ocr_suspect {
    std::string token;   ///< the run of text that looks misread, as written ("1O0%", ">90%")
    std::string reason;  ///< what it may have been misread from ("O for 0", "≥ read as >")
};

/// The suspects in `text` (a cell), read after clean_text (full-width forms
/// folded, so "１Ｏ０" is "1O0"). In runs of ASCII letters, digits, '.', ','
/// and '%' that hold a digit:
///  - a letter between two digits ("1O0", "9a5"): a stray letter inside a number;
///  - a lone O/o, l/I, S/s, B or Z right before a digit ("O5", "l00", "S0%"),
///    or a lone O/o, l/I right after one ("10O"): a misread digit. Words
///    ("ISO9001", "No1") and units ("5km", "3A", "5S") are not flagged;
/// and, at the start of the text:
///  - '>' or '<' before a number: ≥ or ≤ read without its bar;
///  - "2" before a percent that is over 100 without it ("295%", "2 80%"):
///    ≥ read as 2.
std::vector<ocr_suspect> find_ocr_suspects(std::string_view text);

/// Appends a "value.ocr_suspect" warning, located at the cell, for every
/// suspect in every cell of `tables`. Cells are read as they are; nothing changes.
void flag_ocr_suspects(const std::vector<grid>& tables, diagnostics& out);

}  // namespace jixiao::detail

#endif
