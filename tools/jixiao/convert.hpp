// `jixiao convert` and `jixiao merge`.
#ifndef JIXIAO_TOOL_CONVERT_HPP
#define JIXIAO_TOOL_CONVERT_HPP

#include "inputs.hpp"

#include <jixiao/archive.hpp>

#include <string>
#include <vector>

namespace jixiao_tool {

struct convert_options {
    std::vector<std::string> inputs;
    std::string output;
    std::string to;                 ///< format named with --to; empty: from the output's extension
    unsigned jobs = 0;              ///< 0: one per core
    bool ordered = false;           ///< write in input order
    int progress = -1;              ///< -1: when standard error is a terminal; 0 never; 1 always
    std::string encoding;           ///< --encoding
    bool ocr = false;               ///< --ocr: read_options::ocr
    bool force = false;
    bool tables = true;             ///< JSON Lines: the grids
    bool store_json = false;        ///< SQLite: documents.json (--json)
    unsigned commit_ms = 250;       ///< SQLite: commit at least this often (--commit-ms; 0: per document)
    std::uint32_t shard_k = 1, shard_n = 1;
    input_rules rules;
};

/// Runs a conversion. Exit status: 0 every input read, 1 some input failed,
/// 2 a usage error or an output that cannot be written.
int run_convert(const convert_options& o);

/// Merges SQLite shards into `output`. Exit status 0, or 2 with a message.
int run_merge(const std::string& output, const std::vector<std::string>& shards);

}  // namespace jixiao_tool

#endif
