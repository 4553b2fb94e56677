// The floor: what reading a .docx costs before jixiao does anything of its own.
// Reads the file, inflates word/document.xml with libzip and parses it with
// pugixml (the options jixiao uses: whitespace-only text kept, in place), and
// stops. No walk of the tree, no tables, no output but a size.
//
//   jixiao_floor FILE.docx...      (bench/peers.sh runs it beside jixiao and the peers)
#include <pugixml.hpp>
#include <zip.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

namespace {

// Returns the size of the parsed part, or -1 (with a message) when the file cannot be read.
long long floor_one(const char* path) {
    std::ifstream in(path, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in && !in.eof()) return std::fprintf(stderr, "%s: cannot read\n", path), -1;
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
    zip_t* z = src != nullptr ? zip_open_from_source(src, ZIP_RDONLY, &err) : nullptr;
    if (z == nullptr) {
        std::fprintf(stderr, "%s: %s\n", path, zip_error_strerror(&err));
        zip_error_fini(&err);
        if (src != nullptr) zip_source_free(src);
        return -1;
    }
    zip_stat_t st;
    zip_stat_init(&st);
    zip_file_t* f = zip_stat(z, "word/document.xml", 0, &st) == 0 ? zip_fopen(z, "word/document.xml", 0) : nullptr;
    if (f == nullptr) {
        std::fprintf(stderr, "%s: no word/document.xml\n", path);
        zip_discard(z);
        return -1;
    }
    std::string xml(st.size, '\0');
    const zip_int64_t got = zip_fread(f, xml.data(), xml.size());
    zip_fclose(f);
    zip_discard(z);
    if (got != static_cast<zip_int64_t>(xml.size())) return std::fprintf(stderr, "%s: short read\n", path), -1;
    pugi::xml_document doc;
    const pugi::xml_parse_result r = doc.load_buffer_inplace(xml.data(), xml.size(), pugi::parse_default | pugi::parse_ws_pcdata);
    if (!r) return std::fprintf(stderr, "%s: %s at byte %td\n", path, r.description(), r.offset), -1;
    return static_cast<long long>(xml.size());
}

}  // namespace

int main(int argc, char** argv) {
    int status = 0;
    for (int i = 1; i < argc; ++i) {
        const long long n = floor_one(argv[i]);
        if (n < 0) status = 1;
        else std::printf("%s: %lld bytes of XML parsed\n", argv[i], n);
    }
    return status;
}
