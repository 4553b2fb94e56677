/* A C consumer of libjixiao.so, built with pkg-config. Exercises the C API:
   reading, JSON three ways, the walk functions, diagnostics and errors. */
#include <jixiao/jixiao.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int count_bytes(const char* data, size_t size, void* user) {
    (void)data;
    *(size_t*)user += size;
    return 0;
}

#define CHECK(cond)                                                       \
    do {                                                                  \
        if (!(cond)) {                                                    \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
            return 1;                                                     \
        }                                                                 \
    } while (0)

int main(int argc, char** argv) {
    CHECK(argc >= 2);
    CHECK(strlen(jixiao_version()) >= 5);
    jixiao_options opts;
    memset(&opts, 0, sizeof opts);
    opts.struct_size = sizeof opts;
    jixiao_reader* r = jixiao_reader_new(&opts);
    CHECK(r != NULL);

    jixiao_document* doc = NULL;
    jixiao_status s = jixiao_read_file(r, argv[1], &doc);
    CHECK(s == JIXIAO_OK && doc != NULL);

    /* JSON into a caller buffer: ask the size, then fill */
    size_t needed = 0;
    CHECK(jixiao_document_json(doc, JIXIAO_JSON_COMPACT, NULL, 0, &needed) == JIXIAO_E_BUFFER_TOO_SMALL);
    char* buf = malloc(needed);
    CHECK(buf != NULL);
    CHECK(jixiao_document_json(doc, JIXIAO_JSON_COMPACT, buf, needed, NULL) == JIXIAO_OK);
    CHECK(strlen(buf) + 1 == needed);
    CHECK(strstr(buf, "\"schema\":\"jixiao/1\"") != NULL);
    /* through a callback, and allocated */
    size_t streamed = 0;
    CHECK(jixiao_document_write_json(doc, JIXIAO_JSON_COMPACT, count_bytes, &streamed) == JIXIAO_OK);
    CHECK(streamed + 1 == needed);
    char* copy = jixiao_document_json_alloc(doc, JIXIAO_JSON_COMPACT);
    CHECK(copy != NULL && strcmp(copy, buf) == 0);
    jixiao_free(copy);
    free(buf);

    /* walking the model */
    CHECK(jixiao_document_form_count(doc) == 1);
    jixiao_form_info form;
    memset(&form, 0, sizeof form);
    form.struct_size = sizeof form;
    CHECK(jixiao_form(doc, 0, &form) == JIXIAO_OK);
    jixiao_indicator ind;
    memset(&ind, 0, sizeof ind);
    ind.struct_size = sizeof ind;
    CHECK(jixiao_form_indicator(doc, 0, 0, &ind) == JIXIAO_OK);
    CHECK(ind.name != NULL && ind.target.raw != NULL);
    CHECK(jixiao_form_indicator(doc, 0, form.indicator_count, &ind) == JIXIAO_E_INVALID_ARGUMENT);
    /* warnings of the reading stages; the checks' findings (check.*) each say it in Chinese too */
    size_t warnings = 0, checks = 0;
    for (size_t i = 0; i < jixiao_document_diagnostic_count(doc); ++i) {
        jixiao_diagnostic d;
        memset(&d, 0, sizeof d);
        d.struct_size = sizeof d;
        CHECK(jixiao_document_diagnostic(doc, i, &d) == JIXIAO_OK);
        CHECK(d.message_zh != NULL);
        if (strncmp(d.code, "check.", 6) == 0) {
            CHECK(d.message_zh[0] != '\0');
            ++checks;
        } else if (strcmp(d.severity, "warning") == 0) {
            ++warnings;
        }
    }
    CHECK(checks > 0);
    uint32_t rows = 0, cols = 0;
    jixiao_table_size(doc, 0, &rows, &cols);
    CHECK(rows > 0 && cols > 0);
    printf("%s %d %zu %s %s %.6g %zu\n", form.kind, form.year, form.indicator_count, ind.verdict, ind.target.op,
           ind.target.number, warnings);
    jixiao_document_free(doc);

    /* errors: located, named, no document */
    s = jixiao_read_buffer(r, "\tA\n\t\xff\n", 6, "bad.txt", &doc);
    CHECK(s == JIXIAO_E_ENCODING && doc == NULL);
    uint64_t offset = 0;
    int line = 0;
    jixiao_reader_last_error_location(r, &offset, &line);
    CHECK(offset == 4 && line == 2);
    CHECK(strstr(jixiao_reader_last_error(r), "UTF-8") != NULL);
    CHECK(jixiao_read_file(r, "/nonexistent/x.docx", &doc) == JIXIAO_E_IO);
    CHECK(jixiao_read_file(NULL, "x", &doc) == JIXIAO_E_INVALID_ARGUMENT);
    CHECK(strcmp(jixiao_strerror(JIXIAO_E_ZIP_CORRUPT), "the zip package is damaged or truncated") == 0);
    jixiao_reader_free(r);
    return 0;
}
