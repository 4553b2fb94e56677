// Golden corpus runner: every input under the corpus directory has a
// `<input>.expected.json` next to it; the runner reads the input with the
// public API and compares the JSON byte for byte.
//
//   jixiao_golden CORPUS_DIR            compare; exit 1 on any difference or missing expectation
//   jixiao_golden CORPUS_DIR --update   (re)write the expected files; review the diff before committing
//
// The source path in the JSON is the input's path relative to CORPUS_DIR, so
// results do not depend on where the tree is checked out. An input that cannot
// be read is expected as {"error": {"code", "message", "line", "offset"}}.
#include <jixiao/jixiao.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

constexpr std::string_view expected_suffix = ".expected.json";

bool is_input(const fs::path& p) {
    const std::string name = p.filename().string();
    if (name.size() >= expected_suffix.size() && name.compare(name.size() - expected_suffix.size(), expected_suffix.size(), expected_suffix) == 0)
        return false;
    // Notes that travel with the inputs (provenance, licences) are not inputs.
    if (name.front() == '.' || name.rfind("README", 0) == 0 || name.rfind("LICENSE", 0) == 0) return false;
    return true;
}

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string escape(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

std::string render(const fs::path& input, const std::string& rel) {
    const std::string bytes = slurp(input);
    jixiao::result<jixiao::document> r = jixiao::read_bytes(bytes, rel);
    if (r) return jixiao::to_json(r.value());
    const jixiao::error& e = r.err();
    std::ostringstream o;
    o << "{\n  \"source\": \"" << escape(rel) << "\",\n  \"error\": {\"code\": \"" << jixiao::to_string(e.code)
      << "\", \"limit\": \"" << e.limit << "\", \"message\": \"" << escape(e.message) << "\", \"line\": " << e.at.line << ", \"offset\": "
      << (e.at.offset == jixiao::location::npos ? std::string("null") : std::to_string(e.at.offset)) << "}\n}\n";
    return o.str();
}

// First differing line, with its number, for a readable failure.
void show_difference(const std::string& want, const std::string& got) {
    std::istringstream a(want), b(got);
    std::string la, lb;
    for (int n = 1;; ++n) {
        const bool ga = static_cast<bool>(std::getline(a, la));
        const bool gb = static_cast<bool>(std::getline(b, lb));
        if (!ga && !gb) return;
        if (!ga || !gb || la != lb) {
            std::cerr << "  first difference at line " << n << ":\n  expected: " << (ga ? la : "<end>")
                      << "\n  actual:   " << (gb ? lb : "<end>") << '\n';
            return;
        }
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: jixiao_golden CORPUS_DIR [--update]\n";
        return 2;
    }
    const fs::path root = argv[1];
    const bool update = argc > 2 && std::string(argv[2]) == "--update";
    std::vector<fs::path> inputs;
    for (const auto& e : fs::recursive_directory_iterator(root))
        if (e.is_regular_file() && is_input(e.path())) inputs.push_back(e.path());
    std::sort(inputs.begin(), inputs.end());

    int failed = 0;
    for (const fs::path& in : inputs) {
        const std::string rel = fs::relative(in, root).generic_string();
        const fs::path expected_path = in.string() + std::string(expected_suffix);
        const std::string got = render(in, rel);
        if (update) {
            std::ofstream(expected_path, std::ios::binary) << got;
            std::cout << "wrote " << expected_path.string() << '\n';
            continue;
        }
        if (!fs::exists(expected_path)) {
            std::cerr << "MISSING " << rel << ": no " << expected_path.filename().string() << '\n';
            ++failed;
            continue;
        }
        const std::string want = slurp(expected_path);
        if (want != got) {
            std::cerr << "DIFF " << rel << '\n';
            show_difference(want, got);
            ++failed;
        } else {
            std::cout << "ok   " << rel << '\n';
        }
    }
    if (inputs.empty()) {
        std::cerr << "no inputs under " << root.string() << '\n';
        return 1;
    }
    std::cout << inputs.size() - static_cast<std::size_t>(failed) << "/" << inputs.size() << " corpus files match\n";
    return failed == 0 ? 0 : 1;
}
