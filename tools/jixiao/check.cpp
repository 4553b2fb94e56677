// jixiao check FILE...: what the checks found on each form, before it is
// submitted or archived. Text is one line a finding, as compilers write them:
//
//   form.docx:1:5:6: error: check.funds_sum: funds, executed: … (资金全年执行数：…)
//
// (table:row:column of the grid, counted from 1); JSON is an array of findings
// with the library's 0-based location.
#include "check.hpp"

#include <jixiao/jixiao.hpp>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <string>

namespace jixiao_tool {

namespace {

struct finding {
    std::string path;
    int form = -1;  // index of the form in the document, -1 for the document itself
    jixiao::diagnostic d;
};

jixiao::severity severity_named(const std::string& s) {
    if (s == "error") return jixiao::severity::error;
    if (s == "warning") return jixiao::severity::warning;
    return jixiao::severity::info;
}

// The findings of one document: the checks' (check.*), or with `all` every diagnostic.
void collect(const std::string& path, const jixiao::document& doc, bool all, std::vector<finding>& out) {
    const auto keep = [&](const jixiao::diagnostic& d) { return all || d.code.rfind("check.", 0) == 0; };
    for (const jixiao::diagnostic& d : doc.diags)
        if (keep(d)) out.push_back({path, -1, d});
    for (std::size_t f = 0; f < doc.forms.size(); ++f)
        for (const jixiao::diagnostic& d : doc.forms[f].diags)
            if (keep(d)) out.push_back({path, static_cast<int>(f), d});
    if (doc.forms.empty()) {
        jixiao::diagnostic d;
        d.level = jixiao::severity::warning;
        d.code = "check.no_form";
        d.message = "no form found: nothing to check";
        d.message_zh = "未识别到绩效表：无可检查内容";
        out.push_back({path, -1, d});
    }
}

finding unreadable(const std::string& path, const jixiao::error& e) {
    finding x{path, -1, {}};
    x.d.level = jixiao::severity::error;
    x.d.code = "check.unreadable";
    x.d.message = std::string("the file could not be read (") + jixiao::to_string(e.code) + "): " + e.message;
    x.d.message_zh = std::string("无法读取文件（") + jixiao::to_string(e.code) + "）：" + e.message;
    x.d.at.line = e.at.line;
    x.d.at.offset = e.at.offset;
    return x;
}

std::string message(const jixiao::diagnostic& d, const std::string& lang) {
    const std::string& zh = d.message_zh.empty() ? d.message : d.message_zh;
    if (lang == "en") return d.message;
    if (lang == "zh") return zh;
    return d.message_zh.empty() ? d.message : d.message + " (" + d.message_zh + ")";
}

// path:table:row:col: — counted from 1, as far as the finding has them.
std::string place(const finding& x) {
    std::string s = x.path + ":";
    const jixiao::location& at = x.d.at;
    if (at.table < 0) return s;
    s += std::to_string(at.table + 1) + ":";
    if (at.row < 0) return s;
    s += std::to_string(at.row + 1) + ":";
    if (at.col >= 0) s += std::to_string(at.col + 1) + ":";
    return s;
}

nlohmann::ordered_json as_json(const finding& x) {
    const auto or_null = [](int v) { return v < 0 ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(v); };
    const jixiao::location& at = x.d.at;
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    j["path"] = x.path;
    j["form"] = or_null(x.form);
    j["code"] = x.d.code;
    j["severity"] = jixiao::to_string(x.d.level);
    j["message"] = x.d.message;
    j["message_zh"] = x.d.message_zh;
    j["at"] = {{"table", or_null(at.table)},
               {"row", or_null(at.row)},
               {"col", or_null(at.col)},
               {"line", at.line > 0 ? nlohmann::ordered_json(at.line) : nlohmann::ordered_json(nullptr)},
               {"offset", at.offset == jixiao::location::npos ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(at.offset)}};
    return j;
}

}  // namespace

int run_check(const check_options& o) {
    jixiao::read_options ro;
    ro.encoding = o.encoding;
    ro.ocr = o.ocr;
    ro.check = true;
    jixiao::reader reader(ro);
    std::vector<finding> found;
    for (const std::string& path : o.files) {
        jixiao::result<jixiao::document> r = reader.read_file(path);  // "-": standard input
        if (!r) found.push_back(unreadable(path, r.err()));
        else collect(path, r.value(), o.all, found);
    }

    int status = 0;
    std::size_t counts[3] = {0, 0, 0};
    const jixiao::severity least = severity_named(o.min_severity);
    nlohmann::ordered_json array = nlohmann::ordered_json::array();
    for (const finding& x : found) {
        if (x.d.level == jixiao::severity::error) status = 1;
        if (x.d.level < least) continue;
        ++counts[static_cast<int>(x.d.level)];
        if (o.format == "json") array.push_back(as_json(x));
        else std::cout << place(x) << ' ' << jixiao::to_string(x.d.level) << ": " << x.d.code << ": " << message(x.d, o.lang) << '\n';
    }
    if (o.format == "json") {
        std::cout << array.dump(2) << '\n';
    } else if (o.summary == 1 || (o.summary == -1 && isatty(STDOUT_FILENO))) {
        const auto n = [](std::size_t k, const char* one, const char* many) { return std::to_string(k) + ' ' + (k == 1 ? one : many); };
        std::cout << n(o.files.size(), "file", "files") << ": " << n(counts[2], "error", "errors") << ", "
                  << n(counts[1], "warning", "warnings") << ", " << n(counts[0], "info", "info") << '\n';
    }
    std::cout.flush();
    if (!std::cout) {
        std::cerr << "jixiao: error writing output\n";
        return 2;
    }
    return status;
}

}  // namespace jixiao_tool
