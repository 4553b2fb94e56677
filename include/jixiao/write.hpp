// jixiao — writing documents out: JSON (the contract in docs/json.md) and text.
#ifndef JIXIAO_WRITE_HPP
#define JIXIAO_WRITE_HPP

#include <jixiao/diagnostic.hpp>
#include <jixiao/document.hpp>
#include <jixiao/grid.hpp>
#include <jixiao/value.hpp>

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace jixiao {
inline namespace v0 {

struct json_options {
    bool tables = true;  ///< include the "tables" array (the reconstructed grids)
    int indent = 2;      ///< spaces per level; negative writes one line (JSON Lines)
};

/// The document as JSON, schema "jixiao/1" (docs/json.md). UTF-8, LF line ends,
/// keys in the documented order, numbers written exactly as their decimals.
std::string to_json(const document& doc, const json_options& opts = {});

/// The same JSON appended to `out`: a caller writing many documents keeps one
/// buffer and its capacity.
void append_json(std::string& out, const document& doc, const json_options& opts = {});

/// The same JSON written to `out` as it is produced, in pieces of about
/// 64 KiB, so that memory does not grow with the size of the output (a
/// 100,000-row table writes tens of megabytes). Check the stream's state
/// afterwards: write errors are the stream's, as for any output to it.
void write_json(std::ostream& out, const document& doc, const json_options& opts = {});

/// One cell read on its own (what `jixiao value` prints): the value, the
/// diagnostics its reading produced and, when it was read against a target,
/// that target and the verdict.
struct value_report {
    value parsed;
    diagnostics diags;
    std::optional<value> target;
    std::optional<judgement> judged;
};

/// Value reports as JSON: {"schema": "jixiao/1", "values": [{"value": <value
/// cell>, "target": <value cell or null>, "verdict": "met|not_met|unknown" or
/// null, "verdict_reason": string or null, "diagnostics": [...]}]}. Value
/// cells are the ones of docs/json.md; `indent` as for documents.
std::string to_json(const std::vector<value_report>& reports, const json_options& opts = {});

/// The document for people: each grid drawn with its cells aligned by display
/// width (CJK characters count two columns), then each form field by field.
std::string to_text(const document& doc);

/// One grid drawn as text, box-drawing style, spans shown as merged boxes.
std::string draw_grid(const grid& g);

}  // namespace v0
}  // namespace jixiao

#endif
