// Reads a form with the C++ API and prints what it found: "<forms> <indicators> <first verdict>".
#include <jixiao/jixiao.hpp>

#include <cstdio>

int main(int argc, char** argv) {
    if (argc < 2) return 2;
    jixiao::result<jixiao::document> r = jixiao::read_file(argv[1]);
    if (!r) {
        std::fprintf(stderr, "%s\n", r.err().message.c_str());
        return 1;
    }
    const jixiao::document& doc = r.value();
    const std::size_t indicators = doc.forms.empty() ? 0 : doc.forms[0].indicators.size();
    std::printf("%zu %zu %s\n", doc.forms.size(), indicators,
                indicators ? jixiao::to_string(doc.forms[0].indicators[0].judged) : "-");
    return jixiao::to_json(doc).find("\"schema\": \"jixiao/1\"") == std::string::npos;
}
