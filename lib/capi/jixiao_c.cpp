// The C API (include/jixiao/jixiao.h): the library's only extern "C" file.
//
// Every entry point catches everything: std::bad_alloc becomes JIXIAO_E_NOMEM
// and anything else JIXIAO_E_INTERNAL, so no C++ exception reaches C.
#include <jixiao/jixiao.h>

#include <jixiao/jixiao.hpp>

#include <cstddef>
#include <cstdlib>
#include <type_traits>
#include <cstring>
#include <memory>
#include <new>
#include <string>

struct jixiao_reader {
    jixiao::read_options opts;
    std::string error;
    std::string limit;
    std::uint64_t error_offset = UINT64_MAX;
    int error_line = 0;
};

struct jixiao_document {
    jixiao::document doc;
    std::vector<std::pair<int, const jixiao::diagnostic*>> diags;  // (form or -1, diagnostic), in order
};

namespace {

template <class F>
jixiao_status guarded(F&& f) noexcept {
    try {
        return f();
    } catch (const std::bad_alloc&) {
        return JIXIAO_E_NOMEM;
    } catch (...) {
        return JIXIAO_E_INTERNAL;
    }
}

const char* str(const std::optional<std::string>& s) { return s ? s->c_str() : nullptr; }

void fill(jixiao_value& out, const std::optional<jixiao::value>& v) {
    out = jixiao_value{};
    out.op = "";
    out.unit = "";
    if (!v) return;
    out.raw = v->raw.c_str();
    out.op = jixiao::to_string(v->op);
    out.unit = v->unit.c_str();
    if (v->number) {
        out.has_number = 1;
        out.number = v->number->to_double();
    }
}

jixiao_status read_into(jixiao_reader* r, jixiao::result<jixiao::document> res, jixiao_document** out) {
    if (!res) {
        const jixiao::error& e = res.err();
        r->error = e.message;
        r->limit = e.limit;
        r->error_offset = e.at.offset;
        r->error_line = e.at.line;
        return static_cast<jixiao_status>(static_cast<int>(e.code));
    }
    auto d = std::make_unique<jixiao_document>(jixiao_document{std::move(res).value(), {}});
    for (const jixiao::diagnostic& x : d->doc.diags) d->diags.emplace_back(-1, &x);
    for (std::size_t f = 0; f < d->doc.forms.size(); ++f)
        for (const jixiao::diagnostic& x : d->doc.forms[f].diags) d->diags.emplace_back(static_cast<int>(f), &x);
    *out = d.release();
    return JIXIAO_OK;
}

jixiao::json_options json_flags(uint32_t flags) {
    jixiao::json_options o;
    o.tables = (flags & JIXIAO_JSON_NO_TABLES) == 0;
    o.indent = (flags & JIXIAO_JSON_COMPACT) ? -1 : 2;
    return o;
}

// A field of the caller's options struct counts only when the caller's struct
// is large enough to hold it (older callers pass smaller structs) and it is
// not zero ("keep the default").
#define JIXIAO_OPTION(o, field, target)                                                                  \
    do {                                                                                                 \
        if ((o)->struct_size >= offsetof(jixiao_options, field) + sizeof((o)->field) && (o)->field != 0) \
            (target) = static_cast<std::decay_t<decltype(target)>>((o)->field);                          \
    } while (false)

// True when the caller's struct (its struct_size) reaches to the end of `field`, a field
// appended after the struct's first version.
template <class S, class T>
bool covers(const S* out, T S::*field) noexcept {
    static const S probe{};
    const auto offset = static_cast<std::size_t>(reinterpret_cast<const char*>(&(probe.*field)) - reinterpret_cast<const char*>(&probe));
    return out->struct_size >= offset + sizeof(T);
}

}  // namespace

extern "C" {

const char* jixiao_version(void) { return jixiao::version(); }

const char* jixiao_strerror(jixiao_status status) {
    switch (status) {
    case JIXIAO_OK: return "no error";
    case JIXIAO_E_NOMEM: return "out of memory";
    case JIXIAO_E_BUFFER_TOO_SMALL: return "the buffer is too small";
    case JIXIAO_E_ABORTED: return "stopped by the write callback";
    default: break;
    }
    if (status > 0 && status < 100) return jixiao::message(static_cast<jixiao::errc>(status));
    return "unknown status";
}

void jixiao_free(void* p) { std::free(p); }

jixiao_reader* jixiao_reader_new(const jixiao_options* o) {
    try {
        auto* r = new jixiao_reader;
        if (o != nullptr) {
            if (o->struct_size < offsetof(jixiao_options, max_input_bytes) || o->struct_size > sizeof(jixiao_options)) {
                delete r;
                return nullptr;
            }
            r->opts.forms = (o->flags & JIXIAO_OPT_NO_FORMS) == 0;
            r->opts.check = (o->flags & JIXIAO_OPT_NO_CHECKS) == 0;
            r->opts.ocr = (o->flags & JIXIAO_OPT_OCR) != 0;
            jixiao::limits& l = r->opts.lim;
            JIXIAO_OPTION(o, max_input_bytes, l.max_input_bytes);
            JIXIAO_OPTION(o, max_part_bytes, l.max_part_bytes);
            JIXIAO_OPTION(o, max_total_bytes, l.max_total_bytes);
            JIXIAO_OPTION(o, max_inflate_ratio, l.max_inflate_ratio);
            JIXIAO_OPTION(o, max_zip_entries, l.max_zip_entries);
            JIXIAO_OPTION(o, max_rows, l.max_rows);
            JIXIAO_OPTION(o, max_cols, l.max_cols);
            JIXIAO_OPTION(o, max_cells, l.max_cells);
        }
        return r;
    } catch (...) {
        return nullptr;
    }
}

void jixiao_reader_free(jixiao_reader* r) { delete r; }

jixiao_status jixiao_read_file(jixiao_reader* r, const char* path, jixiao_document** out) {
    if (r == nullptr || path == nullptr || out == nullptr) return JIXIAO_E_INVALID_ARGUMENT;
    *out = nullptr;
    return guarded([&] {
        r->error.clear();
        r->limit.clear();
        r->error_offset = UINT64_MAX;
        r->error_line = 0;
        return read_into(r, jixiao::read_file(path, r->opts), out);
    });
}

jixiao_status jixiao_read_buffer(jixiao_reader* r, const void* data, size_t size, const char* name, jixiao_document** out) {
    if (r == nullptr || out == nullptr || (data == nullptr && size > 0)) return JIXIAO_E_INVALID_ARGUMENT;
    *out = nullptr;
    return guarded([&] {
        r->error.clear();
        r->limit.clear();
        r->error_offset = UINT64_MAX;
        r->error_line = 0;
        const std::string_view bytes(static_cast<const char*>(data), size);
        return read_into(r, jixiao::read_bytes(bytes, name != nullptr ? name : "", r->opts), out);
    });
}

const char* jixiao_reader_last_error(const jixiao_reader* r) { return r != nullptr ? r->error.c_str() : ""; }

void jixiao_reader_last_error_location(const jixiao_reader* r, uint64_t* offset, int* line) {
    if (offset != nullptr) *offset = r != nullptr ? r->error_offset : UINT64_MAX;
    if (line != nullptr) *line = r != nullptr ? r->error_line : 0;
}

const char* jixiao_reader_last_error_limit(const jixiao_reader* r) { return r != nullptr ? r->limit.c_str() : ""; }

void jixiao_document_free(jixiao_document* d) { delete d; }

jixiao_status jixiao_document_json(const jixiao_document* d, uint32_t flags, char* buffer, size_t capacity, size_t* needed) {
    if (d == nullptr || (buffer == nullptr && capacity > 0)) return JIXIAO_E_INVALID_ARGUMENT;
    return guarded([&] {
        const std::string s = jixiao::to_json(d->doc, json_flags(flags));
        if (needed != nullptr) *needed = s.size() + 1;
        if (capacity < s.size() + 1) {
            if (capacity > 0) buffer[0] = '\0';
            return JIXIAO_E_BUFFER_TOO_SMALL;
        }
        std::memcpy(buffer, s.data(), s.size());
        buffer[s.size()] = '\0';
        return JIXIAO_OK;
    });
}

jixiao_status jixiao_document_write_json(const jixiao_document* d, uint32_t flags, jixiao_write_fn write, void* user) {
    if (d == nullptr || write == nullptr) return JIXIAO_E_INVALID_ARGUMENT;
    return guarded([&] {
        const std::string s = jixiao::to_json(d->doc, json_flags(flags));
        constexpr std::size_t chunk = 1 << 16;
        for (std::size_t i = 0; i < s.size(); i += chunk)
            if (write(s.data() + i, std::min(chunk, s.size() - i), user) != 0) return JIXIAO_E_ABORTED;
        return JIXIAO_OK;
    });
}

char* jixiao_document_json_alloc(const jixiao_document* d, uint32_t flags) {
    if (d == nullptr) return nullptr;
    try {
        const std::string s = jixiao::to_json(d->doc, json_flags(flags));
        char* p = static_cast<char*>(std::malloc(s.size() + 1));
        if (p == nullptr) return nullptr;
        std::memcpy(p, s.data(), s.size());
        p[s.size()] = '\0';
        return p;
    } catch (...) {
        return nullptr;
    }
}

const char* jixiao_document_format(const jixiao_document* d) { return d != nullptr ? d->doc.source.format.c_str() : ""; }
const char* jixiao_document_encoding(const jixiao_document* d) { return d != nullptr ? d->doc.source.encoding.c_str() : ""; }

size_t jixiao_document_table_count(const jixiao_document* d) { return d != nullptr ? d->doc.tables.size() : 0; }
size_t jixiao_document_form_count(const jixiao_document* d) { return d != nullptr ? d->doc.forms.size() : 0; }

void jixiao_table_size(const jixiao_document* d, size_t t, uint32_t* rows, uint32_t* cols) {
    const bool ok = d != nullptr && t < d->doc.tables.size();
    if (rows != nullptr) *rows = ok ? d->doc.tables[t].rows() : 0;
    if (cols != nullptr) *cols = ok ? d->doc.tables[t].cols() : 0;
}

size_t jixiao_table_cell_count(const jixiao_document* d, size_t t) {
    return (d != nullptr && t < d->doc.tables.size()) ? d->doc.tables[t].cells().size() : 0;
}

jixiao_status jixiao_table_cell(const jixiao_document* d, size_t t, size_t i, jixiao_cell* out) {
    if (d == nullptr || out == nullptr || out->struct_size < sizeof(jixiao_cell) || t >= d->doc.tables.size() ||
        i >= d->doc.tables[t].cells().size())
        return JIXIAO_E_INVALID_ARGUMENT;
    const jixiao::grid_cell& c = d->doc.tables[t].cells()[i];
    out->row = c.row;
    out->col = c.col;
    out->rowspan = c.rowspan;
    out->colspan = c.colspan;
    out->inferred = c.inferred ? 1 : 0;
    out->text = c.text.c_str();
    return JIXIAO_OK;
}

jixiao_status jixiao_form(const jixiao_document* d, size_t f, jixiao_form_info* out) {
    // The struct grew (family): a caller's struct must reach `table`, the last field of the first version.
    constexpr std::size_t first_version = offsetof(jixiao_form_info, table) + sizeof(int);
    if (d == nullptr || out == nullptr || out->struct_size < first_version || f >= d->doc.forms.size())
        return JIXIAO_E_INVALID_ARGUMENT;
    const jixiao::form& x = d->doc.forms[f];
    out->kind = jixiao::to_string(x.kind);
    out->title = str(x.title);
    out->year = x.year.value_or(0);
    out->unit = str(x.header.unit);
    out->project = str(x.header.project);
    out->supervisor = str(x.header.supervisor);
    out->implementer = str(x.header.implementer);
    out->head = str(x.header.head);
    out->phone = str(x.header.phone);
    out->indicator_count = x.indicators.size();
    out->goal_count = x.goals.size();
    out->table = x.table;
    if (covers(out, &jixiao_form_info::family)) out->family = x.family.c_str();
    return JIXIAO_OK;
}

jixiao_status jixiao_form_indicator(const jixiao_document* d, size_t f, size_t i, jixiao_indicator* out) {
    // The struct grew (cells, codes): a caller's struct must reach `verdict`, the last field of the first version.
    constexpr std::size_t first_version = offsetof(jixiao_indicator, verdict) + sizeof(const char*);
    if (d == nullptr || out == nullptr || out->struct_size < first_version || f >= d->doc.forms.size() ||
        i >= d->doc.forms[f].indicators.size())
        return JIXIAO_E_INVALID_ARGUMENT;
    const jixiao::indicator& x = d->doc.forms[f].indicators[i];
    out->goal = str(x.goal);
    out->level1 = str(x.level1);
    out->level2 = str(x.level2);
    out->name = str(x.name);
    fill(out->target, x.target);
    fill(out->actual, x.actual);
    fill(out->weight, x.weight);
    fill(out->score, x.score);
    out->note = str(x.note);
    out->verdict = jixiao::to_string(x.judged);
    if (covers(out, &jixiao_indicator::why)) {
        const auto col = [](const std::optional<jixiao::value>& v) { return v ? v->at.col : -1; };
        out->table = x.at.table;
        out->row = x.at.row;
        out->col = x.at.col;
        out->target_col = col(x.target);
        out->actual_col = col(x.actual);
        out->weight_col = col(x.weight);
        out->score_col = col(x.score);
        out->level1_code = x.level1_code.c_str();
        out->level2_code = x.level2_code.c_str();
        out->why = x.why == jixiao::verdict_reason::none ? "" : jixiao::to_string(x.why);
    }
    return JIXIAO_OK;
}

size_t jixiao_document_diagnostic_count(const jixiao_document* d) { return d != nullptr ? d->diags.size() : 0; }

jixiao_status jixiao_document_diagnostic(const jixiao_document* d, size_t i, jixiao_diagnostic* out) {
    // The struct grew (message_zh): a caller's struct must reach `line`, the last field of the first version.
    constexpr std::size_t first_version = offsetof(jixiao_diagnostic, line) + sizeof(int);
    if (d == nullptr || out == nullptr || out->struct_size < first_version || i >= d->diags.size()) return JIXIAO_E_INVALID_ARGUMENT;
    const auto& [form, x] = d->diags[i];
    out->severity = jixiao::to_string(x->level);
    out->code = x->code.c_str();
    out->message = x->message.c_str();
    out->form = form;
    out->table = x->at.table;
    out->row = x->at.row;
    out->col = x->at.col;
    out->line = x->at.line;
    if (covers(out, &jixiao_diagnostic::message_zh)) out->message_zh = x->message_zh.c_str();
    return JIXIAO_OK;
}

}  // extern "C"
