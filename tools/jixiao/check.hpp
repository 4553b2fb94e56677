// jixiao check: the checks' findings on each form of each file, for people
// (like a compiler's messages) or as JSON for scripts. docs/checks.md.
#ifndef JIXIAO_TOOL_CHECK_HPP
#define JIXIAO_TOOL_CHECK_HPP

#include <string>
#include <vector>

namespace jixiao_tool {

struct check_options {
    std::vector<std::string> files;
    std::string format = "text";        ///< "text" or "json"
    std::string lang = "both";          ///< "zh", "en" or "both"
    std::string min_severity = "info";  ///< the least severe finding shown
    std::string encoding;               ///< of text inputs; empty: found by content
    bool ocr = false;                   ///< read the inputs as OCR output (read_options::ocr)
    bool all = false;                   ///< also the reading stages' diagnostics (grid.*, form.*, value.* …)
    int summary = -1;                   ///< the closing count line: 1 always, 0 never, -1 when standard output is a terminal
};

/// Exit status: 0 no error-severity finding, 1 some (or a file that could not be read).
int run_check(const check_options& o);

}  // namespace jixiao_tool

#endif
