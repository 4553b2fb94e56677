// Test helper: a zip package built in memory with libzip.
#ifndef JIXIAO_TESTS_MAKE_ZIP_HPP
#define JIXIAO_TESTS_MAKE_ZIP_HPP

#include <doctest/doctest.h>

#include <zip.h>

#include <string>
#include <utility>
#include <vector>

// A zip package in memory (libzip writing to a buffer).
inline std::string make_zip(const std::vector<std::pair<std::string, std::string>>& entries) {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &err);
    REQUIRE(src != nullptr);
    zip_source_keep(src);
    zip_t* z = zip_open_from_source(src, ZIP_TRUNCATE, &err);
    REQUIRE(z != nullptr);
    for (const auto& [name, data] : entries) {
        zip_source_t* s = zip_source_buffer(z, data.data(), data.size(), 0);
        REQUIRE(zip_file_add(z, name.c_str(), s, ZIP_FL_ENC_UTF_8) >= 0);
    }
    REQUIRE(zip_close(z) == 0);
    REQUIRE(zip_source_open(src) == 0);
    REQUIRE(zip_source_seek(src, 0, SEEK_END) == 0);
    const zip_int64_t size = zip_source_tell(src);
    REQUIRE(zip_source_seek(src, 0, SEEK_SET) == 0);
    std::string out(static_cast<std::size_t>(size), '\0');
    REQUIRE(zip_source_read(src, out.data(), static_cast<zip_uint64_t>(size)) == size);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&err);
    return out;
}

#endif
