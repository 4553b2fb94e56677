// The SQLite writer of `jixiao convert` alone: N documents (copies of the
// given inputs under distinct paths, prepared beforehand on this thread and not
// timed) written into a new database, then close(). Prints the writer's CPU
// (this thread's, CLOCK_THREAD_CPUTIME_ID) per document for write() and for
// close() (the index builds and the last checkpoint), and the wall time. The
// machine's other load matters less here than in bench/convert.sh: there are
// no workers, and CPU time is what is measured.
//
//   ./build-bench/bench/jixiao_writer OUT.sqlite N INPUT...
#include <jixiao/archive.hpp>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

namespace {

double thread_cpu() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

double wall() {
    timespec t{};
    clock_gettime(CLOCK_MONOTONIC, &t);
    return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4) {
        std::fprintf(stderr, "usage: %s OUT.sqlite N INPUT...\n", argv[0]);
        return 2;
    }
    const std::string out = argv[1];
    const long n = std::atol(argv[2]);
    if (n < 1) {
        std::fprintf(stderr, "%s: N must be a count of documents, not '%s'\n", argv[0], argv[2]);
        return 2;
    }
    std::vector<jixiao::conversion> inputs;
    for (int i = 3; i < argc; ++i) inputs.push_back(jixiao::convert_file(argv[i]));
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(out + suffix);

    auto opened = jixiao::open_writer(jixiao::output_format::sqlite, out);
    if (!opened) {
        std::fprintf(stderr, "%s\n", opened.err().message.c_str());
        return 2;
    }
    auto& w = *opened.value();
    double write_cpu = 0;
    const double start = wall();
    for (long i = 0; i < n; ++i) {
        jixiao::conversion c = inputs[static_cast<std::size_t>(i) % inputs.size()];
        c.path = "archive/" + std::to_string(i) + "/" + c.path;
        jixiao::record r = w.prepare(std::move(c));
        const double t = thread_cpu();
        if (auto e = w.write(r)) {
            std::fprintf(stderr, "%s\n", e->message.c_str());
            return 2;
        }
        {
            const jixiao::record gone = std::move(r);  // freed here, on the writer's thread, as in convert
        }
        write_cpu += thread_cpu() - t;
    }
    const double t = thread_cpu();
    if (auto e = w.close()) {
        std::fprintf(stderr, "%s\n", e->message.c_str());
        return 2;
    }
    const double close_cpu = thread_cpu() - t;
    const double seconds = wall() - start;
    const double per = 1000.0 / static_cast<double>(n);
    std::printf("%ld documents: writer CPU %.3f ms/document (write %.3f + close %.3f), wall %.2f s (prepare included)\n", n,
                (write_cpu + close_cpu) * per, write_cpu * per, close_cpu * per, seconds);
    return 0;
}
