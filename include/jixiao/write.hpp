// jixiao — writing documents out: JSON (the contract in docs/json.md), text, and
// an HTML page for checking by eye (docs/report.md).
#ifndef JIXIAO_WRITE_HPP
#define JIXIAO_WRITE_HPP

#include <jixiao/diagnostic.hpp>
#include <jixiao/document.hpp>
#include <jixiao/error.hpp>
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

/// One input of a report: the document read from it, or why it could not be.
struct report_input {
    std::string path;               ///< the input as the user named it: the section's heading
    const document* doc = nullptr;  ///< not owned, read during the call only; null when the input could not be read …
    error failure{};                ///< … and then the error that stopped it
};

struct report_options {
    std::string title = "jixiao report";  ///< the page's title and heading
};

/// A visual QA page for people checking what was read (what `jixiao report`
/// writes; docs/report.md): one self-contained HTML5 file, UTF-8, with inline
/// CSS and a few lines of inline script, nothing fetched from the network.
///
/// The page has an index of the inputs (format, status, counts), then a
/// section per input in order:
///  - a document's format, encoding, status (read / read with errors), and
///    its forms (kind, family, title, year, unit, project, verdict counts, total);
///  - each grid as an HTML table, merged cells merged (rowspan / colspan from
///    the grid's spans; inferred spans dashed), row and column numbers in the
///    margins; each cell coloured by the form field it fed: header fields,
///    funds rows, the overall goal, goals, level-1 and level-2 labels,
///    indicator names, targets, actuals, weights, scores, totals (from the
///    items' `at` locations, value.hpp's `value::at` for values). A legend
///    explains the colours;
///  - each indicator's verdict beside its actual (or its name when it has no
///    actual): ✓ met, ✗ not met, ? unknown, the reason in the mark's tooltip;
///  - the diagnostics (the document's, then each form's): severity, code,
///    message and message_zh. One that points into a grid links to the cell;
///    following the link highlights the cell (CSS :target, and the script
///    scrolls it to the middle). Cells with diagnostics carry a corner mark
///    coloured by the worst one and list them in their tooltip;
///  - an input that could not be read: a section naming its error.
///
/// Ids are stable and made of numbers only: "d<i>" input i's section,
/// "d<i>-t<t>" its table t, "d<i>-t<t>-c<k>" the cell grid::cells()[k] of
/// that table, "d<i>-g<k>" its k-th diagnostic; every grid cell is one
/// `<td class="cell …">`, its colour class "f-field", "f-funds",
/// "f-overall", "f-goal", "f-level1", "f-level2", "f-name", "f-target",
/// "f-actual", "f-weight", "f-score" or "f-total". All text from the inputs
/// is escaped, invalid UTF-8 and control characters replaced by U+FFFD. The
/// output depends only on the inputs (no time stamps). Printable: the sticky
/// bar and scrolling boxes are off in print, rows do not break across pages.
std::string to_report(const std::vector<report_input>& inputs, const report_options& opts = {});

/// The same page written to `out` as it is produced, in pieces of about
/// 64 KiB. Check the stream's state afterwards.
void write_report(std::ostream& out, const std::vector<report_input>& inputs, const report_options& opts = {});

}  // namespace v0
}  // namespace jixiao

#endif
