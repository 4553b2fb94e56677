// jixiao — writing documents out: JSON (the contract in docs/json.md) and text.
#ifndef JIXIAO_WRITE_HPP
#define JIXIAO_WRITE_HPP

#include <jixiao/diagnostic.hpp>
#include <jixiao/document.hpp>
#include <jixiao/grid.hpp>
#include <jixiao/value.hpp>

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
