// jixiao report FILE... -o report.html: the visual QA page (docs/report.md).
#ifndef JIXIAO_TOOL_REPORT_HPP
#define JIXIAO_TOOL_REPORT_HPP

#include <string>
#include <vector>

namespace jixiao_tool {

struct report_options {
    std::vector<std::string> files;
    std::string output;    ///< the HTML file to write; "-" for standard output
    std::string encoding;  ///< of text inputs; empty: found by content
    std::string title;     ///< the page's title; empty: the library's default
    bool ocr = false;      ///< read the inputs as OCR output (read_options::ocr)
};

/// Exit status as `dump`'s: 0 every input read; 1 some read with error
/// diagnostics; 2 an input could not be read (its section says why; the
/// others are still written) or the output could not be written.
int run_report(const report_options& o);

}  // namespace jixiao_tool

#endif
