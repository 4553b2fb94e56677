// jixiao — command-line tool. Uses only the public headers.
//
//   jixiao dump [--format json|text] [--no-tables] [--compact] FILE...
//
// Exit status: 0 every input read; 1 some input read with error diagnostics;
// 2 an input could not be read, or the command line is wrong.
#include <jixiao/jixiao.hpp>

#include <CLI/CLI.hpp>

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

namespace {

int dump(const std::vector<std::string>& files, const std::string& format, bool tables, bool compact) {
    int status = 0;
    for (const std::string& path : files) {
        jixiao::result<jixiao::document> r = jixiao::read_file(path);
        if (!r) {
            const jixiao::error& e = r.err();
            // The message names the place (byte offset, line) where it has one.
            std::cerr << "jixiao: " << path << ": " << e.message << '\n';
            status = 2;
            continue;
        }
        const jixiao::document& doc = r.value();
        if (format == "text") {
            std::cout << jixiao::to_text(doc);
        } else {
            jixiao::json_options o;
            o.tables = tables;
            o.indent = compact ? -1 : 2;
            std::cout << jixiao::to_json(doc, o);
        }
        if (doc.has_errors() && status == 0) status = 1;
    }
    std::cout.flush();
    if (!std::cout) {
        std::cerr << "jixiao: error writing output\n";
        return 2;
    }
    return status;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"jixiao — Chinese budget performance forms (绩效自评表, 绩效目标表) as structured data"};
    app.name("jixiao");
    app.set_version_flag("--version", std::string("jixiao ") + jixiao::version());
    app.require_subcommand(1);

    CLI::App* dump_cmd = app.add_subcommand("dump", "Read forms and write them as JSON (schema jixiao/1) or text");
    std::vector<std::string> files;
    std::string format = "json";
    bool no_tables = false;
    bool compact = false;
    dump_cmd->add_option("files", files, "Input files ('-' reads standard input)")->required();
    dump_cmd->add_option("-f,--format", format, "Output format")->check(CLI::IsMember({"json", "text"}))->capture_default_str();
    dump_cmd->add_flag("--no-tables", no_tables, "Leave the reconstructed grids (\"tables\") out of the JSON");
    dump_cmd->add_flag("--compact", compact, "One line of JSON per input (JSON Lines)");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }
    if (dump_cmd->parsed()) return dump(files, format, !no_tables, compact);
    return 2;
}
