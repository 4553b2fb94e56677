// jixiao report: reads every input, then writes one HTML page of them all
// (jixiao::write_report). An input that cannot be read becomes a section
// naming its error, and the others are still written.
#include "report.hpp"

#include <jixiao/jixiao.hpp>

#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace jixiao_tool {

int run_report(const report_options& o) {
    jixiao::read_options ro;
    ro.encoding = o.encoding;
    ro.ocr = o.ocr;
    jixiao::reader reader(ro);
    // Documents are kept until the page is written: its index comes first.
    std::vector<jixiao::result<jixiao::document>> read;
    read.reserve(o.files.size());
    int status = 0;
    for (const std::string& path : o.files) {
        read.push_back(reader.read_file(path));
        if (!read.back()) {
            std::cerr << "jixiao: " << path << ": " << read.back().err().message << '\n';
            status = 2;
        } else if (read.back().value().has_errors() && status == 0) {
            status = 1;
        }
    }
    std::vector<jixiao::report_input> inputs(o.files.size());
    for (std::size_t i = 0; i < o.files.size(); ++i) {
        inputs[i].path = o.files[i];
        if (read[i]) inputs[i].doc = &read[i].value();
        else inputs[i].failure = read[i].err();
    }
    jixiao::report_options opts;
    if (!o.title.empty()) opts.title = o.title;

    if (o.output == "-") {
        jixiao::write_report(std::cout, inputs, opts);
        std::cout.flush();
        if (!std::cout) {
            std::cerr << "jixiao: error writing output\n";
            return 2;
        }
        return status;
    }
    std::ofstream out(o.output, std::ios::binary | std::ios::trunc);
    if (!out) {
        std::cerr << "jixiao: " << o.output << ": cannot be written\n";
        return 2;
    }
    jixiao::write_report(out, inputs, opts);
    out.close();
    if (!out) {
        std::cerr << "jixiao: " << o.output << ": error writing\n";
        return 2;
    }
    return status;
}

}  // namespace jixiao_tool
