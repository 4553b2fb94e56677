// jixiao — command-line tool. Uses only the public headers.
//
//   jixiao dump [--format json|text] [--no-tables] [--compact] [--encoding NAME] [--ocr] FILE...
//   jixiao value [--as target|actual] [--context TEXT] [--target TEXT] [--year N] [--compact] TEXT...
//   jixiao convert INPUT... -o OUT [--to jsonl|csv|sqlite|xlsx] [--jobs N] …   (docs/convert.md)
//   jixiao merge -o OUT.sqlite SHARD.sqlite...
//   jixiao check [--format text|json] [--lang zh|en|both] [--severity LEVEL] [--all] [--ocr] FILE...   (docs/checks.md)
//   jixiao report FILE... -o report.html [--title TEXT] [--encoding NAME] [--ocr]   (docs/report.md)
//
// Exit status: 0 every input read; 1 some input read with error diagnostics
// (the checks' findings do not count); 2 an input could not be read, or the
// command line is wrong. `check`: 0 no
// error-severity finding, 1 some or a file that could not be read, 2 usage.
#include "check.hpp"
#include "convert.hpp"
#include "report.hpp"

#include <jixiao/jixiao.hpp>

#include <CLI/CLI.hpp>

#include <cctype>
#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <vector>

namespace {

int dump(const std::vector<std::string>& files, const std::string& format, bool tables, bool compact, const std::string& encoding,
         bool ocr) {
    jixiao::read_options ro;
    ro.encoding = encoding;
    ro.ocr = ocr;
    int status = 0;
    for (const std::string& path : files) {
        jixiao::result<jixiao::document> r = jixiao::read_file(path, ro);
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
            jixiao::write_json(std::cout, doc, o);  // streamed: memory does not grow with the output
        }
        // has_errors: reading errors only; check.* findings are `jixiao check`'s to count.
        if (doc.has_errors() && status == 0) status = 1;
    }
    std::cout.flush();
    if (!std::cout) {
        std::cerr << "jixiao: error writing output\n";
        return 2;
    }
    return status;
}

// Reads each text as one cell and prints the values as JSON.
int value_cmd(const std::vector<std::string>& texts, const std::string& as, const std::string& context,
              const std::optional<std::string>& target_text, int year, bool compact) {
    std::vector<jixiao::value_report> reports;
    const jixiao::location nowhere;
    for (const std::string& text : texts) {
        jixiao::value_report r;
        jixiao::value_context ctx;
        ctx.hint = context;
        ctx.year = year;
        ctx.role = as == "target" ? jixiao::value_role::target
                   : (as == "actual" || target_text) ? jixiao::value_role::actual
                                                     : jixiao::value_role::any;
        if (target_text) {
            jixiao::value_context tctx = ctx;
            tctx.role = jixiao::value_role::target;
            jixiao::diagnostics scratch;
            r.target = jixiao::parse_value(*target_text, nowhere, scratch, tctx);
            ctx.target = &*r.target;
        }
        r.parsed = jixiao::parse_value(text, nowhere, r.diags, ctx);
        if (r.target) r.judged = jixiao::assess(&*r.target, &r.parsed);
        reports.push_back(std::move(r));
    }
    jixiao::json_options o;
    o.indent = compact ? -1 : 2;
    std::cout << jixiao::to_json(reports, o);
    std::cout.flush();
    if (!std::cout) {
        std::cerr << "jixiao: error writing output\n";
        return 2;
    }
    return 0;
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
    std::string encoding;
    dump_cmd->add_option("--encoding", encoding, "Encoding of text inputs (default: found by content; e.g. gbk, utf-16le, big5)");
    bool ocr = false;
    const char* ocr_help = "Read the inputs as OCR output: flag numbers with OCR confusions (value.ocr_suspect)";
    dump_cmd->add_flag("--ocr", ocr, ocr_help);

    CLI::App* convert_cmd = app.add_subcommand(
        "convert", "Convert many documents into one output: JSON Lines, CSV, SQLite (resumable) or XLSX");
    jixiao_tool::convert_options co;
    std::string shard;
    std::string exts = "txt,docx,doc,htm,html,xlsx";
    bool progress = false, no_progress = false, no_tables_c = false;
    convert_cmd->add_option("inputs", co.inputs,
                            "Files, directories (recursive), globs, @LIST files, '-' for paths on standard input")
        ->required();
    convert_cmd->add_option("-o,--output", co.output,
                            "Output: FILE.jsonl, FILE.sqlite, FILE.xlsx, or DIR/ for CSV ('-': JSON Lines on standard output)")
        ->required();
    convert_cmd->add_option("--to", co.to, "Output format (default: from the output's extension)")
        ->check(CLI::IsMember({"jsonl", "csv", "sqlite", "xlsx"}));
    convert_cmd->add_option("-j,--jobs", co.jobs, "Worker threads (default: one per core)")->check(CLI::Range(1u, 1024u));
    convert_cmd->add_flag("--ordered", co.ordered, "Write documents in input order (default: as they finish)");
    convert_cmd->add_flag("--progress", progress, "Show progress on standard error even when it is not a terminal");
    convert_cmd->add_flag("--no-progress", no_progress, "Never show progress");
    convert_cmd->add_option("--encoding", co.encoding, "Encoding of text inputs (default: found by content; e.g. gbk, utf-16le, big5)");
    convert_cmd->add_flag("--ocr", co.ocr, ocr_help);
    convert_cmd->add_flag("--force", co.force, "SQLite: convert again documents the database already holds");
    convert_cmd->add_option("--shard", shard, "Convert only share K of N of the inputs (by a hash of each path), e.g. 2/8");
    convert_cmd->add_option("--ext", exts, "Extensions a directory walk takes, comma-separated ('*': every file)")
        ->capture_default_str();
    convert_cmd->add_flag("--no-tables", no_tables_c, "JSON Lines: leave the reconstructed grids out");
    convert_cmd->add_flag("--json", co.store_json, "SQLite: keep each document's JSON (without tables) in documents.json");
    convert_cmd->add_option("--commit-ms", co.commit_ms,
                            "SQLite: commit at least every MS milliseconds, whole documents only (0: one transaction per document)")
        ->capture_default_str();

    CLI::App* merge_cmd = app.add_subcommand("merge", "Merge SQLite outputs of sharded conversions into one database");
    std::string merge_out;
    std::vector<std::string> merge_in;
    merge_cmd->add_option("-o,--output", merge_out, "The merged database (created, or added to)")->required();
    merge_cmd->add_option("shards", merge_in, "SQLite outputs of `jixiao convert`")->required()->check(CLI::ExistingFile);

    CLI::App* value_sub = app.add_subcommand(
        "value", "Read cell texts as values (≥80%, 5.6万, 每年一次, 良好 …) and print them as JSON");
    std::vector<std::string> texts;
    std::string as = "any";
    std::string context;
    std::string target_text;
    int year = 0;
    bool value_compact = false;
    value_sub->add_option("text", texts, "Cell texts, one value each")->required();
    value_sub->add_option("--as", as, "Which column the text is from")
        ->check(CLI::IsMember({"any", "target", "actual"}))
        ->capture_default_str();
    value_sub->add_option("--context", context,
                          "Text about the row (e.g. 成本指标, or the indicator's labels): money rows read 2万 as 2万元");
    CLI::Option* target_opt =
        value_sub->add_option("--target", target_text, "The target to read an actual against (also prints the verdict)");
    value_sub->add_option("--year", year, "The form's year, for dates written without one (12月底前)")
        ->check(CLI::Range(1900, 2100));
    value_sub->add_flag("--compact", value_compact, "One line of JSON");

    CLI::App* check_cmd = app.add_subcommand(
        "check", "Check forms before they are submitted: sums, rates, scores, weights, grades, years (findings only; exit 1 on an error)");
    jixiao_tool::check_options ko;
    bool summary = false, no_summary = false;
    check_cmd->add_option("files", ko.files, "Input files ('-' reads standard input)")->required();
    check_cmd->add_option("-f,--format", ko.format, "Output format: one line a finding, or a JSON array")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    check_cmd->add_option("--lang", ko.lang, "Language of the messages")->check(CLI::IsMember({"zh", "en", "both"}))->capture_default_str();
    check_cmd->add_option("--severity", ko.min_severity, "Show findings of this severity and above")
        ->check(CLI::IsMember({"info", "warning", "error"}))
        ->capture_default_str();
    check_cmd->add_flag("--all", ko.all, "Also show what reading the file noticed (grid.*, form.*, value.* diagnostics)");
    check_cmd->add_option("--encoding", ko.encoding, "Encoding of text inputs (default: found by content; e.g. gbk, utf-16le, big5)");
    check_cmd->add_flag("--ocr", ko.ocr, ocr_help);
    check_cmd->add_flag("--summary", summary, "End with a count of the findings even when the output is not a terminal");
    check_cmd->add_flag("--no-summary", no_summary, "Never end with a count");

    CLI::App* report_cmd = app.add_subcommand(
        "report", "Write an HTML page for checking the forms by eye: grids coloured by field, diagnostics linked to their cells");
    jixiao_tool::report_options rpo;
    report_cmd->add_option("files", rpo.files, "Input files ('-' reads standard input)")->required();
    report_cmd->add_option("-o,--output", rpo.output, "The HTML file to write ('-': standard output)")->required();
    report_cmd->add_option("--title", rpo.title, "The page's title (default: jixiao report)");
    report_cmd->add_option("--encoding", rpo.encoding, "Encoding of text inputs (default: found by content; e.g. gbk, utf-16le, big5)");
    report_cmd->add_flag("--ocr", rpo.ocr, ocr_help);

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
        const int rc = app.exit(e);
        return rc == 0 ? 0 : 2;
    }
    if (dump_cmd->parsed()) return dump(files, format, !no_tables, compact, encoding, ocr);
    if (value_sub->parsed())
        return value_cmd(texts, as, context, target_opt->count() > 0 ? std::optional<std::string>(target_text) : std::nullopt,
                         year, value_compact);
    if (report_cmd->parsed()) return jixiao_tool::run_report(rpo);
    if (merge_cmd->parsed()) return jixiao_tool::run_merge(merge_out, merge_in);
    if (check_cmd->parsed()) {
        ko.summary = summary ? 1 : no_summary ? 0 : -1;
        return jixiao_tool::run_check(ko);
    }
    if (convert_cmd->parsed()) {
        co.progress = progress ? 1 : no_progress ? 0 : -1;
        co.tables = !no_tables_c;
        if (!shard.empty()) {
            unsigned k = 0, n = 0;
            char tail = 0;
            if (std::sscanf(shard.c_str(), "%u/%u%c", &k, &n, &tail) != 2 || n == 0 || k == 0 || k > n) {
                std::cerr << "jixiao: --shard takes K/N with 1 <= K <= N, e.g. 1/4\n";
                return 2;
            }
            co.shard_k = k;
            co.shard_n = n;
        }
        co.rules.extensions.clear();
        if (exts != "*") {
            std::size_t start = 0;
            while (start <= exts.size()) {
                const std::size_t comma = exts.find(',', start);
                std::string e = exts.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
                if (!e.empty() && e[0] == '.') e.erase(0, 1);
                for (char& c : e) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                if (!e.empty()) co.rules.extensions.push_back(e);
                if (comma == std::string::npos) break;
                start = comma + 1;
            }
        }
        return jixiao_tool::run_convert(co);
    }
    return 2;
}
