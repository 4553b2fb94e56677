// read → grid → form, no output: what `jixiao check` does before it checks,
// through the public C++ API only. bench/peers.sh runs it until `jixiao check`
// exists (it then runs that instead).
//
//   jixiao_read FILE...      prints one line per file: forms, indicators, diagnostics
#include <jixiao/jixiao.hpp>

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
    jixiao::reader reader;
    int status = 0;
    for (int i = 1; i < argc; ++i) {
        const jixiao::result<jixiao::document> r = reader.read_file(argv[i]);
        if (!r) {
            std::fprintf(stderr, "%s: %s\n", argv[i], r.err().message.c_str());
            status = 2;
            continue;
        }
        std::size_t indicators = 0, diags = r.value().diags.size();
        for (const jixiao::form& f : r.value().forms) indicators += f.indicators.size(), diags += f.diags.size();
        std::printf("%s: %zu forms, %zu indicators, %zu diagnostics\n", argv[i], r.value().forms.size(), indicators, diags);
    }
    return status;
}
