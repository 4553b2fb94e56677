#include "inputs.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <unordered_set>

namespace fs = std::filesystem;

namespace jixiao_tool {

namespace {

bool has_glob(std::string_view s) { return s.find_first_of("*?[") != std::string_view::npos; }

bool skipped_name(const std::string& name) { return name.empty() || name[0] == '.' || name.rfind("~$", 0) == 0; }

bool wanted(const fs::path& p, const input_rules& rules) {
    if (rules.extensions.empty()) return true;
    std::string ext = p.extension().string();
    if (ext.empty()) return false;
    ext.erase(0, 1);
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return std::find(rules.extensions.begin(), rules.extensions.end(), ext) != rules.extensions.end();
}

// Every wanted file under `dir`, sorted by path so that runs are repeatable.
void walk(const std::string& dir, const input_rules& rules, std::vector<std::string>& out) {
    std::vector<std::string> found;
    std::error_code ec;
    fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (skipped_name(name)) {
            if (it->is_directory(ec)) it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file(ec) && wanted(it->path(), rules)) found.push_back(it->path().generic_string());
    }
    std::sort(found.begin(), found.end());
    out.insert(out.end(), found.begin(), found.end());
}

std::string join(const std::string& base, const std::string& name) {
    if (base.empty()) return name;
    if (base.back() == '/') return base + name;
    return base + "/" + name;
}

// Matches the glob's segments from `segs[i]` on below `base`.
void glob_walk(const std::string& base, const std::vector<std::string>& segs, std::size_t i, const input_rules& rules,
               std::vector<std::string>& out) {
    const std::string here = base.empty() ? "." : base;
    std::error_code ec;
    if (i == segs.size()) {
        if (fs::is_directory(here, ec)) walk(here, rules, out);
        else if (fs::is_regular_file(here, ec)) out.push_back(base);
        return;
    }
    const std::string& seg = segs[i];
    if (seg == "**") {
        glob_walk(base, segs, i + 1, rules, out);  // zero folders
        std::vector<std::string> subdirs;
        for (fs::directory_iterator it(here, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end; it.increment(ec))
            if (!skipped_name(it->path().filename().string()) && it->is_directory(ec))
                subdirs.push_back(it->path().filename().string());
        std::sort(subdirs.begin(), subdirs.end());
        for (const std::string& d : subdirs) glob_walk(join(base, d), segs, i, rules, out);
        return;
    }
    if (!has_glob(seg)) {
        const std::string next = join(base, seg);
        if (fs::exists(next, ec)) glob_walk(next, segs, i + 1, rules, out);
        return;
    }
    std::vector<std::string> names;
    for (fs::directory_iterator it(here, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (fnmatch(seg.c_str(), name.c_str(), FNM_PERIOD) == 0) names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    for (const std::string& n : names) glob_walk(join(base, n), segs, i + 1, rules, out);
}

std::vector<std::string> glob(const std::string& pattern, const input_rules& rules) {
    std::vector<std::string> segs;
    std::string base;
    std::size_t start = 0;
    if (!pattern.empty() && pattern[0] == '/') {
        base = "/";
        start = 1;
    }
    while (start <= pattern.size()) {
        const std::size_t slash = pattern.find('/', start);
        std::string seg = pattern.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (!seg.empty() && seg != ".") segs.push_back(std::move(seg));
        if (slash == std::string::npos) break;
        start = slash + 1;
    }
    std::vector<std::string> out;
    glob_walk(base, segs, 0, rules, out);
    return out;
}

void read_list(std::istream& in, std::vector<std::string>& out) {
    std::string line;
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (!line.empty()) out.push_back(line);
    }
}

}  // namespace

expanded_inputs expand_inputs(const std::vector<std::string>& args, const input_rules& rules, std::istream& in) {
    expanded_inputs result;
    std::vector<std::string> files;
    auto take = [&](const std::string& path) {
        std::error_code ec;
        if (fs::is_directory(path, ec)) walk(path, rules, files);
        else files.push_back(path);
    };
    for (const std::string& a : args) {
        std::error_code ec;
        if (a == "-" || (a.size() > 1 && a[0] == '@')) {
            std::vector<std::string> listed;
            if (a == "-") {
                read_list(in, listed);
            } else {
                std::ifstream list(a.substr(1));
                if (!list) {
                    result.problems.push_back(a + ": cannot read the list");
                    continue;
                }
                read_list(list, listed);
            }
            for (const std::string& p : listed) take(p);
        } else if (has_glob(a) && !fs::exists(a, ec)) {
            auto matched = glob(a, rules);
            if (matched.empty()) result.problems.push_back(a + ": no file matches");
            files.insert(files.end(), matched.begin(), matched.end());
        } else {
            take(a);
        }
    }
    std::unordered_set<std::string> seen;
    for (std::string& f : files)
        if (seen.insert(f).second) result.files.push_back(std::move(f));
    return result;
}

bool in_shard(const std::string& path, std::uint32_t k, std::uint32_t n) {
    std::uint64_t h = 0xcbf29ce484222325ull;  // FNV-1a, 64 bits
    for (char c : path) {
        h ^= static_cast<unsigned char>(c);
        h *= 0x100000001b3ull;
    }
    return h % n == k - 1;
}

}  // namespace jixiao_tool
