// The C API from C++ (tests/package/c/main.c runs it from C), and the proof
// that an allocation failure anywhere becomes JIXIAO_E_NOMEM, never a crash,
// an escaping exception or a leak (LeakSanitizer watches the sanitizer build).
#include <doctest/doctest.h>
#include <jixiao/jixiao.h>

#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <new>
#include <string>

// AddressSanitizer and ThreadSanitizer own operator new in instrumented builds:
// replacing it there mixes allocators (or does not link). The allocation-failure
// test runs in the plain builds.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
#define JIXIAO_COUNTING_NEW 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define JIXIAO_COUNTING_NEW 0
#endif
#endif
#ifndef JIXIAO_COUNTING_NEW
#define JIXIAO_COUNTING_NEW 1
#endif

namespace {
// Operator new fails on the N-th call after `fail_after` is armed (0: off).
long fail_after = 0;
[[maybe_unused]] void* counted_new(std::size_t n) {
    if (fail_after > 0 && --fail_after == 0) throw std::bad_alloc();
    if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
    throw std::bad_alloc();
}
}  // namespace

#if JIXIAO_COUNTING_NEW
void* operator new(std::size_t n) { return counted_new(n); }
void* operator new[](std::size_t n) { return counted_new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }
#endif

namespace {
const char form[] =
    "\t2020年部门整体支出绩效自评表\n\n"
    "\t单位名称\n\t某单位\n\n"
    "\t目标1\n\t一级指标\n\t二级指标\n\t三级指标\n\t指标值\n\t全年实际完成值\n\n"
    "\t\n\t产出指标\n\t数量指标\n\t甲\n\t≥2人\n\t4人\n";
}

TEST_CASE("capi: read a buffer and walk the form") {
    jixiao_reader* r = jixiao_reader_new(nullptr);
    REQUIRE(r != nullptr);
    jixiao_document* doc = nullptr;
    REQUIRE(jixiao_read_buffer(r, form, sizeof form - 1, "form.txt", &doc) == JIXIAO_OK);
    CHECK(std::string(jixiao_document_format(doc)) == "text");
    REQUIRE(jixiao_document_form_count(doc) == 1);
    jixiao_form_info f{};
    f.struct_size = sizeof f;
    REQUIRE(jixiao_form(doc, 0, &f) == JIXIAO_OK);
    CHECK(std::string(f.kind) == "department");
    CHECK(f.year == 2020);
    CHECK(std::string(f.unit) == "某单位");
    CHECK(f.project == nullptr);
    jixiao_indicator ind{};
    ind.struct_size = sizeof ind;
    REQUIRE(jixiao_form_indicator(doc, 0, 0, &ind) == JIXIAO_OK);
    CHECK(std::string(ind.goal) == "目标1");
    CHECK(std::string(ind.target.op) == ">=");
    CHECK(ind.target.has_number == 1);
    CHECK(ind.target.number == 2.0);
    CHECK(std::string(ind.target.unit) == "人");
    CHECK(std::string(ind.verdict) == "met");
    CHECK(ind.weight.raw == nullptr);
    // appended fields: the cells and the taxonomy codes
    CHECK(ind.table == 0);
    CHECK(ind.row == 2);
    CHECK(ind.col == 3);
    CHECK(ind.target_col == 4);
    CHECK(ind.actual_col == 5);
    CHECK(ind.weight_col == -1);
    CHECK(std::string(ind.level1_code) == "output");
    CHECK(std::string(ind.level2_code) == "quantity");
    CHECK(std::string(ind.why) == "");
    CHECK(std::string(f.family) != "");
    // a caller built against the first version (struct up to `verdict`) gets those fields only
    jixiao_indicator old{};
    old.struct_size = static_cast<std::uint32_t>(offsetof(jixiao_indicator, verdict) + sizeof(const char*));
    old.target_col = 77;
    REQUIRE(jixiao_form_indicator(doc, 0, 0, &old) == JIXIAO_OK);
    CHECK(std::string(old.verdict) == "met");
    CHECK(old.target_col == 77);  // not written: past the caller's struct
    jixiao_form_info old_info{};
    old_info.struct_size = static_cast<std::uint32_t>(offsetof(jixiao_form_info, table) + sizeof(int));
    REQUIRE(jixiao_form(doc, 0, &old_info) == JIXIAO_OK);
    CHECK(old_info.family == nullptr);
    jixiao_indicator small{};
    small.struct_size = 8;  // a caller's struct smaller than the library's: refused, not overrun
    CHECK(jixiao_form_indicator(doc, 0, 0, &small) == JIXIAO_E_INVALID_ARGUMENT);
    jixiao_document_free(doc);
    jixiao_reader_free(r);
}

TEST_CASE("capi: options with an unknown size are refused; zero fields keep defaults") {
    jixiao_options o{};
    o.struct_size = sizeof o + 64;
    CHECK(jixiao_reader_new(&o) == nullptr);
    o.struct_size = sizeof o;
    o.max_input_bytes = 10;
    jixiao_reader* r = jixiao_reader_new(&o);
    REQUIRE(r != nullptr);
    jixiao_document* doc = nullptr;
    CHECK(jixiao_read_buffer(r, form, sizeof form - 1, nullptr, &doc) == JIXIAO_E_LIMIT);
    CHECK(doc == nullptr);
    CHECK(std::string(jixiao_reader_last_error_limit(r)) == "max_input_bytes");
    jixiao_reader_free(r);
}

TEST_CASE("capi: a write callback can stop the output") {
    jixiao_reader* r = jixiao_reader_new(nullptr);
    jixiao_document* doc = nullptr;
    REQUIRE(jixiao_read_buffer(r, form, sizeof form - 1, "f", &doc) == JIXIAO_OK);
    auto stop = [](const char*, size_t, void*) -> int { return 1; };
    CHECK(jixiao_document_write_json(doc, 0, stop, nullptr) == JIXIAO_E_ABORTED);
    char tiny[4];
    size_t needed = 0;
    CHECK(jixiao_document_json(doc, 0, tiny, sizeof tiny, &needed) == JIXIAO_E_BUFFER_TOO_SMALL);
    CHECK(needed > sizeof tiny);
    CHECK(tiny[0] == '\0');
    jixiao_document_free(doc);
    jixiao_reader_free(r);
}

namespace {
// Fails each allocation of reading `data` in turn: every failure must be
// JIXIAO_E_NOMEM with no document, and the first read that gets through must
// give exactly the normal output. Returns how many failure points were tried.
int nomem_points(jixiao_reader* r, const std::string& data) {
    jixiao_document* base = nullptr;
    REQUIRE(jixiao_read_buffer(r, data.data(), data.size(), "f", &base) == JIXIAO_OK);
    char* expected = jixiao_document_json_alloc(base, 0);
    REQUIRE(expected != nullptr);
    jixiao_document_free(base);
    int nomem = 0;
    for (long n = 1; n < 100000; ++n) {
        jixiao_document* doc = nullptr;
        fail_after = n;
        const jixiao_status s = jixiao_read_buffer(r, data.data(), data.size(), "f", &doc);
        fail_after = 0;
        if (s == JIXIAO_OK) {
            char* got = jixiao_document_json_alloc(doc, 0);
            REQUIRE(got != nullptr);
            CHECK(std::strcmp(got, expected) == 0);
            jixiao_free(got);
            jixiao_document_free(doc);
            break;  // n allocations are enough: every earlier failure point was tried
        }
        REQUIRE(s == JIXIAO_E_NOMEM);
        CHECK(doc == nullptr);
        ++nomem;
    }
    jixiao_free(expected);
    return nomem;
}
}  // namespace

TEST_CASE("capi: every failed allocation is JIXIAO_E_NOMEM, never a crash") {
    if (!JIXIAO_COUNTING_NEW) {
        MESSAGE("skipped under AddressSanitizer (it owns operator new); runs in the GCC build");
        return;
    }
    jixiao_reader* r = jixiao_reader_new(nullptr);
    REQUIRE(r != nullptr);
    CHECK(nomem_points(r, std::string(form, sizeof form - 1)) > 20);  // the read allocates; each of those points failed cleanly
    // A .doc: libgsf's own allocations (GLib's) are not ours to fail, every C++ one is.
    std::ifstream in(std::string(JIXIAO_CORPUS_DIR) + "/doc/quirks/small-form.doc", std::ios::binary);
    const std::string doc{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    REQUIRE(doc.size() > 1000);
    CHECK(nomem_points(r, doc) > 20);
    jixiao_reader_free(r);
}

TEST_CASE("capi: check findings carry message_zh; older callers' smaller diagnostic struct still works") {
    // The form's only indicator: 4人 against ≥2人, 200 % of the target with no note (check.over_achievement).
    auto find_check = [](jixiao_document* doc, jixiao_diagnostic& d) {
        for (size_t i = 0; i < jixiao_document_diagnostic_count(doc); ++i) {
            const uint32_t size = d.struct_size;
            const char* zh = d.message_zh;
            std::memset(&d, 0, sizeof d);
            d.struct_size = size;
            d.message_zh = zh;
            REQUIRE(jixiao_document_diagnostic(doc, i, &d) == JIXIAO_OK);
            if (std::strncmp(d.code, "check.", 6) == 0) return true;
        }
        return false;
    };
    jixiao_reader* r = jixiao_reader_new(nullptr);
    jixiao_document* doc = nullptr;
    REQUIRE(jixiao_read_buffer(r, form, sizeof form - 1, "f", &doc) == JIXIAO_OK);
    jixiao_diagnostic d{};
    d.struct_size = sizeof d;
    REQUIRE(find_check(doc, d));
    CHECK(std::string(d.code) == "check.over_achievement");
    CHECK(d.form == 0);
    REQUIRE(d.message_zh != nullptr);
    CHECK(std::string(d.message_zh).find("指标值") != std::string::npos);

    // A caller compiled before message_zh existed: its struct ends at `line`; the field past it is not written.
    struct old_diagnostic {
        uint32_t struct_size;
        const char *severity, *code, *message;
        int form, table, row, col, line;
    };
    jixiao_diagnostic old{};
    old.struct_size = static_cast<uint32_t>(sizeof(old_diagnostic));
    const char sentinel[] = "untouched";
    old.message_zh = sentinel;
    REQUIRE(find_check(doc, old));
    CHECK(old.message_zh == sentinel);
    jixiao_diagnostic tiny{};
    tiny.struct_size = 8;
    CHECK(jixiao_document_diagnostic(doc, 0, &tiny) == JIXIAO_E_INVALID_ARGUMENT);
    jixiao_document_free(doc);
    jixiao_reader_free(r);

    // JIXIAO_OPT_NO_CHECKS: the same form, no check.* finding
    jixiao_options o{};
    o.struct_size = sizeof o;
    o.flags = JIXIAO_OPT_NO_CHECKS;
    r = jixiao_reader_new(&o);
    REQUIRE(jixiao_read_buffer(r, form, sizeof form - 1, "f", &doc) == JIXIAO_OK);
    jixiao_diagnostic none{};
    none.struct_size = sizeof none;
    CHECK_FALSE(find_check(doc, none));
    jixiao_document_free(doc);
    jixiao_reader_free(r);
}

TEST_CASE("capi: JIXIAO_OPT_OCR reads any input as OCR output") {
    // A text form (not PP-Structure HTML, which is recognized without the flag)
    // whose actual holds a letter O between digits.
    static const char form[] = "\t三级指标\n\t指标值\n\t实际完成值\n\n\t验收合格率\n\t≥95%\n\t1O0%\n\n\n";
    const auto suspects = [](const jixiao_options* o) {
        jixiao_reader* r = jixiao_reader_new(o);
        REQUIRE(r != nullptr);
        jixiao_document* doc = nullptr;
        REQUIRE(jixiao_read_buffer(r, form, sizeof form - 1, "ocr.txt", &doc) == JIXIAO_OK);
        int n = 0;
        for (size_t i = 0; i < jixiao_document_diagnostic_count(doc); ++i) {
            jixiao_diagnostic d{};
            d.struct_size = sizeof d;
            REQUIRE(jixiao_document_diagnostic(doc, i, &d) == JIXIAO_OK);
            if (std::string(d.code) == "value.ocr_suspect") {
                ++n;
                CHECK(d.row == 1);
                CHECK(d.col == 2);
            }
        }
        jixiao_document_free(doc);
        jixiao_reader_free(r);
        return n;
    };
    CHECK(suspects(nullptr) == 0);
    jixiao_options o{};
    o.struct_size = sizeof o;
    o.flags = JIXIAO_OPT_OCR;
    CHECK(suspects(&o) == 1);
}
