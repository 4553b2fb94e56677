/*
 * jixiao — the C API.
 *
 * Chinese budget performance forms (绩效自评表, 绩效目标表) as structured data,
 * for C and for everything that calls C: Java (JNA, FFM), C# (P/Invoke),
 * Python (ctypes), Go (cgo), Rust.
 *
 * This header is C99 and the library's stable ABI: functions are only ever
 * added, enums only ever appended to, structs only ever grown at their end
 * (each begins with its size, so old callers keep working). The C++ API
 * (jixiao.hpp) promises source compatibility only.
 *
 * Use:
 *
 *     jixiao_reader* r = jixiao_reader_new(NULL);              // NULL: default options
 *     jixiao_document* doc = NULL;
 *     jixiao_status s = jixiao_read_file(r, "form.docx", &doc);
 *     if (s != JIXIAO_OK) {
 *         fprintf(stderr, "%s: %s\n", jixiao_strerror(s), jixiao_reader_last_error(r));
 *     } else {
 *         char* json = jixiao_document_json_alloc(doc, 0);      // the JSON of `jixiao dump`
 *         puts(json);
 *         jixiao_free(json);
 *         jixiao_document_free(doc);
 *     }
 *     jixiao_reader_free(r);
 *
 * Ownership: every object the library returns is released by the matching
 * *_free (jixiao_reader_free, jixiao_document_free) or, for memory blocks, by
 * jixiao_free. Strings returned by the walk functions (const char*) belong to
 * their document and stay valid until jixiao_document_free; they are UTF-8 and
 * NUL-terminated (text holding a NUL is cut there; use the JSON to see it all).
 *
 * Errors: functions return a jixiao_status; 0 is success. No function aborts,
 * prints or lets a C++ exception escape; out of memory is JIXIAO_E_NOMEM.
 *
 * Threads: a reader is used by one thread at a time; use one reader per
 * thread. Documents are immutable once read: any number of threads may call
 * the const walk and JSON functions on one document at once. The library has
 * no global mutable state.
 */
#ifndef JIXIAO_JIXIAO_H
#define JIXIAO_JIXIAO_H

#include <stddef.h>
#include <stdint.h>

#if defined(_WIN32) && defined(JIXIAO_SHARED)
#  ifdef JIXIAO_BUILDING
#    define JIXIAO_API __declspec(dllexport)
#  else
#    define JIXIAO_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__)
#  define JIXIAO_API __attribute__((visibility("default")))
#else
#  define JIXIAO_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* Version of the headers; jixiao_version() gives the library's. */
#define JIXIAO_C_VERSION_MAJOR 0
#define JIXIAO_C_VERSION_MINOR 1
#define JIXIAO_C_VERSION_PATCH 0

/* The library's version, "MAJOR.MINOR.PATCH". Static string, never NULL. */
JIXIAO_API const char* jixiao_version(void);

/*
 * Status codes. Append-only: values never change meaning. 1–99 mirror the C++
 * jixiao::errc; 1000 and up are the C API's own.
 */
typedef enum jixiao_status {
    JIXIAO_OK = 0,
    JIXIAO_E_IO = 1,               /* the file could not be opened or read */
    JIXIAO_E_ENCODING = 2,         /* bytes not valid in the input's encoding */
    JIXIAO_E_LIMIT = 3,            /* a limit in jixiao_options was exceeded */
    JIXIAO_E_UNSUPPORTED = 4,      /* a format jixiao recognizes but cannot read */
    JIXIAO_E_INVALID_ARGUMENT = 5, /* a NULL handle or output pointer, a bad options struct */
    JIXIAO_E_INTERNAL = 6,         /* a bug in jixiao */
    JIXIAO_E_ZIP_CORRUPT = 7,      /* a damaged or truncated zip package */
    JIXIAO_E_MISSING_PART = 8,     /* a package without the part it needs */
    JIXIAO_E_XML_MALFORMED = 9,    /* a part that is not well-formed XML */
    JIXIAO_E_ENCRYPTED = 10,       /* a password-protected file */
    JIXIAO_E_COMPOUND_FILE_CORRUPT = 11, /* a damaged or truncated OLE2 compound file (.doc) */
    JIXIAO_E_DOC_CORRUPT = 12,     /* a Word 97-2003 document with damaged structures */
    JIXIAO_E_NOMEM = 1000,         /* out of memory */
    JIXIAO_E_BUFFER_TOO_SMALL = 1001, /* the caller's buffer cannot hold the result (the size needed is returned) */
    JIXIAO_E_ABORTED = 1002        /* a write callback asked to stop */
} jixiao_status;

/* A static English description of a status. Never NULL. */
JIXIAO_API const char* jixiao_strerror(jixiao_status status);

/* Releases memory the library allocated for the caller (jixiao_document_json_alloc). NULL is fine. */
JIXIAO_API void jixiao_free(void* p);

/*
 * Options. Zero-fill, set struct_size = sizeof(jixiao_options), change what
 * you need: every field left 0 takes its default (documented in the C++
 * header jixiao/document.hpp, struct limits). NULL options mean all defaults.
 */
typedef struct jixiao_options {
    uint32_t struct_size;      /* sizeof(jixiao_options); lets the struct grow */
    uint32_t flags;            /* JIXIAO_OPT_* bits */
    uint64_t max_input_bytes;  /* size of the input */
    uint64_t max_part_bytes;   /* uncompressed size of one package part */
    uint64_t max_total_bytes;  /* uncompressed bytes read from one package */
    uint32_t max_inflate_ratio;
    uint32_t max_zip_entries;
    uint32_t max_rows;         /* rows in one table */
    uint32_t max_cols;         /* cells in one row */
    uint64_t max_cells;        /* cells in one table */
} jixiao_options;

#define JIXIAO_OPT_NO_FORMS 0x1u  /* stop after the grids: no form model */
#define JIXIAO_OPT_NO_CHECKS 0x2u /* do not check the forms (no check.* diagnostics; docs/checks.md) */
#define JIXIAO_OPT_OCR 0x4u       /* the input is table-recognition OCR output: cells holding numbers are
                                     checked for OCR confusions (value.ocr_suspect; docs/html.md) */

/* A reader: options plus reusable buffers. Create one per thread. */
typedef struct jixiao_reader jixiao_reader;

/* A document that was read: its tables, forms and diagnostics. Immutable. */
typedef struct jixiao_document jixiao_document;

/* A new reader; NULL when out of memory or when `options` has a struct_size
   smaller than the first fields or larger than this library knows. */
JIXIAO_API jixiao_reader* jixiao_reader_new(const jixiao_options* options);
JIXIAO_API void jixiao_reader_free(jixiao_reader* reader);

/*
 * Reads a file (path in UTF-8; "-" is standard input) or a buffer (copied; the
 * caller keeps ownership of `data`; `name` may be NULL) into *out. On success
 * *out is a new document to release with jixiao_document_free; on failure
 * *out is NULL and jixiao_reader_last_error() tells why.
 */
JIXIAO_API jixiao_status jixiao_read_file(jixiao_reader* reader, const char* path, jixiao_document** out);
JIXIAO_API jixiao_status jixiao_read_buffer(jixiao_reader* reader, const void* data, size_t size, const char* name,
                                            jixiao_document** out);

/* The message of the reader's last failed read ("" after a success). Owned by
   the reader, valid until its next read. Never NULL for a non-NULL reader. */
JIXIAO_API const char* jixiao_reader_last_error(const jixiao_reader* reader);
/* Where the last failure was: byte offset (UINT64_MAX when unknown) and 1-based
   line (0 when unknown). Either pointer may be NULL. */
JIXIAO_API void jixiao_reader_last_error_location(const jixiao_reader* reader, uint64_t* offset, int* line);
/* For JIXIAO_E_LIMIT: the name of the breached limit ("max_inflate_ratio" …), else "". */
JIXIAO_API const char* jixiao_reader_last_error_limit(const jixiao_reader* reader);

JIXIAO_API void jixiao_document_free(jixiao_document* doc);

/* JSON output flags. */
#define JIXIAO_JSON_NO_TABLES 0x1u /* leave the "tables" array out */
#define JIXIAO_JSON_COMPACT 0x2u   /* one line instead of indented */

/*
 * The document as JSON (schema "jixiao/1", docs/json.md), three ways:
 *  - into a caller buffer: writes at most `capacity` bytes including a final
 *    NUL; *needed (may be NULL) receives the size the whole text needs,
 *    including the NUL. Returns JIXIAO_E_BUFFER_TOO_SMALL when it does not fit
 *    (call again with a buffer of *needed bytes; `buffer` may be NULL when capacity is 0);
 *  - through a callback, in one or more chunks; a non-zero return from the
 *    callback stops the writing with JIXIAO_E_ABORTED;
 *  - as a new NUL-terminated string to release with jixiao_free (NULL when
 *    out of memory or `doc` is NULL).
 */
JIXIAO_API jixiao_status jixiao_document_json(const jixiao_document* doc, uint32_t flags, char* buffer, size_t capacity,
                                              size_t* needed);
typedef int (*jixiao_write_fn)(const char* data, size_t size, void* user);
JIXIAO_API jixiao_status jixiao_document_write_json(const jixiao_document* doc, uint32_t flags, jixiao_write_fn write,
                                                    void* user);
JIXIAO_API char* jixiao_document_json_alloc(const jixiao_document* doc, uint32_t flags);

/* The document's source: "text" or "docx", and the encoding. Owned by the document. */
JIXIAO_API const char* jixiao_document_format(const jixiao_document* doc);
JIXIAO_API const char* jixiao_document_encoding(const jixiao_document* doc);

/* ---- Walking the model, for callers that do not want JSON ---------------- */

/* Number of tables (grids) and forms in the document. 0 for NULL. */
JIXIAO_API size_t jixiao_document_table_count(const jixiao_document* doc);
JIXIAO_API size_t jixiao_document_form_count(const jixiao_document* doc);

/* A grid cell at its anchor. */
typedef struct jixiao_cell {
    uint32_t struct_size; /* set by the caller to sizeof(jixiao_cell) */
    uint32_t row, col, rowspan, colspan;
    int inferred;         /* spans guessed from a text copy, not declared by the source */
    const char* text;     /* as written */
} jixiao_cell;

/* Size of table `t` (0 × 0 when out of range). */
JIXIAO_API void jixiao_table_size(const jixiao_document* doc, size_t t, uint32_t* rows, uint32_t* cols);
/* Number of cells (anchors) of table `t`, and cell `i` of it into *out.
   JIXIAO_E_INVALID_ARGUMENT when an index is out of range or out->struct_size is too small. */
JIXIAO_API size_t jixiao_table_cell_count(const jixiao_document* doc, size_t t);
JIXIAO_API jixiao_status jixiao_table_cell(const jixiao_document* doc, size_t t, size_t i, jixiao_cell* out);

/* A form's header. Strings are NULL when the form does not have them. */
typedef struct jixiao_form_info {
    uint32_t struct_size; /* set by the caller to sizeof(jixiao_form_info) */
    const char* kind;     /* "department", "project", "target", "transfer", "unknown" */
    const char* title;
    int year;             /* 0 when unknown */
    const char* unit;
    const char* project;
    const char* supervisor;
    const char* implementer;
    const char* head;
    const char* phone;
    size_t indicator_count;
    size_t goal_count;
    int table;            /* index of the form's (first) table */
    /* Appended (written only when struct_size covers them; older callers keep working): */
    const char* family;   /* template family: "central", "sichuan", … or "unknown" (docs/families.md) */
} jixiao_form_info;

JIXIAO_API jixiao_status jixiao_form(const jixiao_document* doc, size_t f, jixiao_form_info* out);

/* A value cell: raw text kept, the number in base units when there is one. */
typedef struct jixiao_value {
    const char* raw;  /* NULL when the cell is empty */
    const char* op;   /* ">=", "<=", "=", ">", "<", or "" */
    int has_number;
    double number;    /* in base units (a percent as a fraction); exact decimal text is in the JSON */
    const char* unit; /* "" when none */
} jixiao_value;

typedef struct jixiao_indicator {
    uint32_t struct_size; /* set by the caller to sizeof(jixiao_indicator) */
    const char* goal;
    const char* level1;
    const char* level2;
    const char* name;
    jixiao_value target;
    jixiao_value actual;
    jixiao_value weight;
    jixiao_value score;
    const char* note;
    const char* verdict;  /* "met", "not_met", "unknown" */
    /* Appended (written only when struct_size covers them; older callers keep working): */
    int table, row, col;  /* the name cell in the grid */
    int target_col, actual_col, weight_col, score_col; /* the value cells' columns (in the value's own
                             row, usually `row`); -1 when the value is missing */
    const char* level1_code; /* "output", "benefit", "satisfaction", "cost", … or "" */
    const char* level2_code; /* "quantity", "quality", "timeliness", … or "" */
    const char* why;      /* when verdict is "unknown": the reason ("" otherwise) */
} jixiao_indicator;

JIXIAO_API jixiao_status jixiao_form_indicator(const jixiao_document* doc, size_t f, size_t i, jixiao_indicator* out);

/* Diagnostics: the document's own (reader, grid) then each form's, in order. */
typedef struct jixiao_diagnostic {
    uint32_t struct_size; /* set by the caller to sizeof(jixiao_diagnostic) */
    const char* severity; /* "info", "warning", "error" */
    const char* code;     /* stable, dotted: docs/diagnostics.md */
    const char* message;
    int form;             /* index of the form it belongs to, -1 for the document */
    int table, row, col;  /* -1 when not applicable */
    int line;             /* 0 when unknown */
    /* Appended (the struct grows at its end): the message in Chinese ("" when the stage gives none;
       checks always give one). Written only when struct_size covers it, so a
       caller built against the older, smaller struct keeps working. */
    const char* message_zh;
} jixiao_diagnostic;

JIXIAO_API size_t jixiao_document_diagnostic_count(const jixiao_document* doc);
JIXIAO_API jixiao_status jixiao_document_diagnostic(const jixiao_document* doc, size_t i, jixiao_diagnostic* out);

#ifdef __cplusplus
}
#endif

#endif /* JIXIAO_JIXIAO_H */
