// Turning `jixiao convert`'s INPUT arguments into a list of files.
#ifndef JIXIAO_TOOL_INPUTS_HPP
#define JIXIAO_TOOL_INPUTS_HPP

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace jixiao_tool {

struct input_rules {
    /// Extensions (lower case, without the dot) of the files a directory walk
    /// takes; empty takes every file.
    std::vector<std::string> extensions = {"txt", "docx", "doc", "htm", "html", "xlsx"};
};

struct expanded_inputs {
    std::vector<std::string> files;     ///< in order of the arguments, directories sorted, no path twice
    std::vector<std::string> problems;  ///< arguments that named nothing (a glob with no match, an unreadable list)
};

/// Expands the arguments: a file is taken as it is (even when missing: it then
/// fails as an input); a directory is walked recursively (hidden files and
/// folders, and Word's "~$" lock files, are skipped; only `rules.extensions`);
/// an argument with * ? [ that names no file is a glob ("**" spans folders);
/// "@LIST" reads paths from the file LIST and "-" from `in`, one per line
/// (files or directories, no globbing; empty lines skipped).
expanded_inputs expand_inputs(const std::vector<std::string>& args, const input_rules& rules, std::istream& in);

/// True when `path` falls in shard `k` of `n` (1 ≤ k ≤ n): FNV-1a of the path
/// as written, modulo n. Deterministic on every machine for the same spelling.
bool in_shard(const std::string& path, std::uint32_t k, std::uint32_t n);

}  // namespace jixiao_tool

#endif
