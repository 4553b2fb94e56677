// One input → a conversion → rows of the flat tables (include/jixiao/archive.hpp).
// The tables and their columns are documented in docs/convert.md; a column
// added here goes at the end of its table and into that page.
#include <jixiao/archive.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <initializer_list>

namespace jixiao {
inline namespace v0 {

namespace {

using ct = column_type;

constexpr std::array documents_columns{
    column{"path", ct::text},          column{"size", ct::integer},       column{"sha256", ct::text},
    column{"format", ct::text},        column{"encoding", ct::text},      column{"part", ct::text},
    column{"status", ct::text},        column{"error_code", ct::text},    column{"error_message", ct::text},
    column{"error_line", ct::integer}, column{"error_offset", ct::integer}, column{"forms", ct::integer},
    column{"indicators", ct::integer}, column{"errors", ct::integer},     column{"warnings", ct::integer},
};
constexpr std::array forms_columns{
    column{"form_index", ct::integer}, column{"grid_table", ct::integer},  column{"kind", ct::text},
    column{"title", ct::text},         column{"year", ct::integer},        column{"unit", ct::text},
    column{"project", ct::text},       column{"supervisor", ct::text},     column{"implementer", ct::text},
    column{"head", ct::text},          column{"phone", ct::text},          column{"funds_unit", ct::text},
    column{"overall_planned", ct::text}, column{"overall_achieved", ct::text}, column{"total_score_raw", ct::text},
    column{"total_score", ct::number}, column{"grade", ct::text},          column{"indicators", ct::integer},
    column{"errors", ct::integer},     column{"warnings", ct::integer},
    // schema 2: the template family and the header's codes (form.hpp)
    column{"family", ct::text},        column{"unit_code", ct::text},      column{"project_code", ct::text},
    column{"supervisor_code", ct::text}, column{"indicators_weight", ct::number}, column{"total_weight", ct::number},
};
constexpr std::array fields_columns{
    column{"form_index", ct::integer}, column{"position", ct::integer}, column{"label", ct::text},
    column{"value", ct::text},         column{"grid_row", ct::integer}, column{"grid_col", ct::integer},
    column{"line", ct::integer},
};
constexpr std::array goals_columns{
    column{"form_index", ct::integer}, column{"position", ct::integer}, column{"label", ct::text}, column{"text", ct::text},
};
constexpr std::array funds_columns{
    column{"form_index", ct::integer}, column{"position", ct::integer},  column{"label", ct::text},
    column{"budget_initial_raw", ct::text}, column{"budget_initial", ct::number}, column{"budget_raw", ct::text},
    column{"budget", ct::number},      column{"executed_raw", ct::text}, column{"executed", ct::number},
    column{"rate_raw", ct::text},      column{"rate", ct::number},       column{"weight_raw", ct::text},
    column{"weight", ct::number},      column{"score_raw", ct::text},    column{"score", ct::number},
    column{"note", ct::text},          column{"grid_row", ct::integer},  column{"line", ct::integer},
    // schema 2: what the row is (total, fiscal, carryover, other …, subtotal) and its breakdown
    column{"row_key", ct::text},       column{"breakdown", ct::text},
};
constexpr std::array indicators_columns{
    column{"form_index", ct::integer}, column{"position", ct::integer},  column{"goal", ct::text},
    column{"level1", ct::text},        column{"level2", ct::text},       column{"name", ct::text},
    column{"target_raw", ct::text},    column{"target_op", ct::text},    column{"target_value", ct::number},
    column{"target_unit", ct::text},   column{"actual_raw", ct::text},   column{"actual_op", ct::text},
    column{"actual_value", ct::number}, column{"actual_unit", ct::text}, column{"weight_raw", ct::text},
    column{"weight", ct::number},      column{"score_raw", ct::text},    column{"score", ct::number},
    column{"note", ct::text},          column{"verdict", ct::text},      column{"grid_table", ct::integer},
    column{"grid_row", ct::integer},   column{"grid_col", ct::integer},  column{"line", ct::integer},
    // normalized readings (value.hpp): kind, range bound, approximation, dimension's base unit
    column{"target_kind", ct::text},   column{"target_upper", ct::number}, column{"target_approx", ct::integer},
    column{"target_base_unit", ct::text}, column{"target_base_value", ct::number}, column{"target_base_upper", ct::number},
    column{"target_category", ct::text},
    column{"actual_kind", ct::text},   column{"actual_upper", ct::number}, column{"actual_approx", ct::integer},
    column{"actual_base_unit", ct::text}, column{"actual_base_value", ct::number}, column{"actual_base_upper", ct::number},
    column{"actual_category", ct::text},
    column{"verdict_reason", ct::text},
    // schema 2: taxonomy codes, the labels as written, declared points, and the template's extra columns
    column{"level1_code", ct::text},   column{"level2_code", ct::text},  column{"level1_raw", ct::text},
    column{"level2_raw", ct::text},    column{"name_raw", ct::text},     column{"level1_weight", ct::number},
    column{"level2_weight", ct::number}, column{"core", ct::integer},    column{"direction", ct::text},
    column{"nature", ct::text},        column{"project", ct::text},      column{"adjusted_target_raw", ct::text},
    column{"adjusted_target_value", ct::number}, column{"score_ratio_raw", ct::text}, column{"score_ratio", ct::number},
    column{"remark", ct::text},        column{"target_col", ct::integer}, column{"actual_col", ct::integer},
    column{"weight_col", ct::integer}, column{"score_col", ct::integer},
};
constexpr std::array diagnostics_columns{
    column{"form_index", ct::integer}, column{"severity", ct::text},    column{"code", ct::text},
    column{"message", ct::text},       column{"grid_table", ct::integer}, column{"grid_row", ct::integer},
    column{"grid_col", ct::integer},   column{"line", ct::integer},     column{"byte_offset", ct::integer},
    // schema 2: the message in Chinese (always given by checks)
    column{"message_zh", ct::text},
};

constexpr std::array<flat_table_def, flat_table_count> schema{{
    {flat_table::documents, "documents", documents_columns, 0},
    {flat_table::forms, "forms", forms_columns, 1},
    {flat_table::fields, "fields", fields_columns, 2},
    {flat_table::goals, "goals", goals_columns, 2},
    {flat_table::funds, "funds", funds_columns, 2},
    {flat_table::indicators, "indicators", indicators_columns, 2},
    {flat_table::diags, "diagnostics", diagnostics_columns, 1},
}};

// Builds the rows of one flat_document: cells whose text is kept in it.
class builder {
public:
    explicit builder(flat_document& out) : out_(out) {}

    static cell null() { return {}; }
    static cell integer(std::int64_t v) {
        cell c;
        c.k = cell::kind::integer;
        c.i = v;
        return c;
    }
    cell text(std::string_view s) {
        cell c;
        c.k = cell::kind::text;
        c.s = out_.keep(s);
        return c;
    }
    cell text(const std::string& s) { return text(std::string_view(s)); }
    cell text(const std::optional<std::string>& s) { return s ? text(*s) : null(); }
    // An enumerator's name (the to_string functions): a string literal, not copied.
    static cell word(const char* s) {
        cell c;
        c.k = cell::kind::text;
        c.s = s;
        return c;
    }
    cell nonempty(const std::string& s) { return s.empty() ? null() : text(s); }
    static cell index(std::size_t i) { return integer(static_cast<std::int64_t>(i)); }
    static cell position(int v) { return v >= 0 ? integer(v) : null(); }  // grid positions: -1 is "none"
    static cell line(int v) { return v > 0 ? integer(v) : null(); }
    static cell offset(std::uint64_t v) { return v != location::npos ? integer(static_cast<std::int64_t>(v)) : null(); }

    // A value cell as (raw, number) or (raw, op, number, unit).
    cell raw_of(const std::optional<value>& v) { return v ? text(v->raw) : null(); }
    cell number_of(const std::optional<value>& v) { return v ? decimal_of(v->number) : null(); }
    cell decimal_of(const std::optional<decimal>& d) {
        if (!d) return null();
        cell c;
        c.k = cell::kind::number;
        c.s = out_.keep(d->to_string());
        return c;
    }
    static cell op_of(const std::optional<value>& v) { return v && v->op != comparator::none ? word(to_string(v->op)) : null(); }
    cell unit_of(const std::optional<value>& v) { return v ? nonempty(v->unit) : null(); }
    static cell column_of(const std::optional<value>& v) { return v ? position(v->at.col) : null(); }

    // Cells are added to a table one after the other; every `width` of them make a row.
    void add(flat_table t, std::initializer_list<cell> cells) {
        std::vector<cell>& to = out_[t].cells;
        to.insert(to.end(), cells);
    }
    void add(flat_table t, cell c) { out_[t].cells.push_back(c); }
    void reserve(flat_table t, std::size_t rows) { out_[t].cells.reserve(out_[t].cells.size() + rows * out_[t].width); }

    // The normalized reading of a value: kind, upper, approx, base unit, base value, base upper, category.
    void add_normalized(flat_table t, const std::optional<value>& v) {
        if (!v) {
            out_[t].cells.insert(out_[t].cells.end(), 7, null());
            return;
        }
        add(t, {word(to_string(v->kind)), decimal_of(v->upper), integer(v->approx ? 1 : 0), nonempty(v->base_unit),
                decimal_of(v->base_number), decimal_of(v->base_upper), nonempty(v->category)});
    }

    void add_diagnostics(const diagnostics& ds, cell form);
    void add_form(const form& f, std::size_t fi);

private:
    flat_document& out_;
};

struct counts {
    std::int64_t errors = 0;
    std::int64_t warnings = 0;
    void add(const diagnostics& ds) {
        for (const diagnostic& d : ds) {
            if (d.level == severity::error) ++errors;
            if (d.level == severity::warning) ++warnings;
        }
    }
};

void builder::add_diagnostics(const diagnostics& ds, cell form) {
    reserve(flat_table::diags, ds.size());
    for (const diagnostic& d : ds)
        add(flat_table::diags, {form, word(to_string(d.level)), text(d.code), text(d.message), position(d.at.table),
                                position(d.at.row), position(d.at.col), line(d.at.line), offset(d.at.offset),
                                nonempty(d.message_zh)});
}

void builder::add_form(const form& f, std::size_t fi) {
    const cell form_index = index(fi);
    counts n;
    n.add(f.diags);
    add(flat_table::forms, {
        form_index, position(f.table), word(to_string(f.kind)), text(f.title), f.year ? integer(*f.year) : null(),
        text(f.header.unit), text(f.header.project), text(f.header.supervisor), text(f.header.implementer),
        text(f.header.head), text(f.header.phone), f.funds ? nonempty(f.funds->unit) : null(),
        f.overall ? text(f.overall->planned) : null(), f.overall ? text(f.overall->achieved) : null(),
        raw_of(f.total.score), number_of(f.total.score), text(f.total.grade), index(f.indicators.size()),
        integer(n.errors), integer(n.warnings), text(f.family), text(f.header.unit_code), text(f.header.project_code),
        text(f.header.supervisor_code), decimal_of(f.indicators_weight), number_of(f.total.weight),
    });
    reserve(flat_table::fields, f.fields.size());
    for (std::size_t i = 0; i < f.fields.size(); ++i) {
        const field& x = f.fields[i];
        add(flat_table::fields,
            {form_index, index(i), text(x.label), text(x.value), position(x.at.row), position(x.at.col), line(x.at.line)});
    }
    reserve(flat_table::goals, f.goals.size());
    for (std::size_t i = 0; i < f.goals.size(); ++i)
        add(flat_table::goals, {form_index, index(i), text(f.goals[i].label), text(f.goals[i].text)});
    if (f.funds) {
        reserve(flat_table::funds, f.funds->rows.size());
        for (std::size_t i = 0; i < f.funds->rows.size(); ++i) {
            const funds_row& r = f.funds->rows[i];
            add(flat_table::funds, {
                form_index, index(i), text(r.label), raw_of(r.budget_initial), number_of(r.budget_initial),
                raw_of(r.budget), number_of(r.budget), raw_of(r.executed), number_of(r.executed), raw_of(r.rate),
                number_of(r.rate), raw_of(r.weight), number_of(r.weight), raw_of(r.score), number_of(r.score),
                text(r.note), position(r.at.row), line(r.at.line), nonempty(r.key), nonempty(r.group),
            });
        }
    }
    const flat_table ind = flat_table::indicators;
    reserve(ind, f.indicators.size());
    for (std::size_t i = 0; i < f.indicators.size(); ++i) {
        const indicator& x = f.indicators[i];
        add(ind, {
            form_index, index(i), text(x.goal), text(x.level1), text(x.level2), text(x.name),
            raw_of(x.target), op_of(x.target), number_of(x.target), unit_of(x.target),
            raw_of(x.actual), op_of(x.actual), number_of(x.actual), unit_of(x.actual),
            raw_of(x.weight), number_of(x.weight), raw_of(x.score), number_of(x.score),
            text(x.note), word(to_string(x.judged)), position(x.at.table), position(x.at.row), position(x.at.col),
            line(x.at.line),
        });
        add_normalized(ind, x.target);
        add_normalized(ind, x.actual);
        add(ind, x.why == verdict_reason::none ? null() : word(to_string(x.why)));
        add(ind, {
            nonempty(x.level1_code), nonempty(x.level2_code), text(x.level1_raw), text(x.level2_raw), text(x.name_raw),
            decimal_of(x.level1_weight), decimal_of(x.level2_weight), integer(x.core ? 1 : 0),
            x.direction == polarity::unknown ? null() : word(to_string(x.direction)), text(x.nature), text(x.project),
            raw_of(x.adjusted_target), number_of(x.adjusted_target), raw_of(x.score_ratio), number_of(x.score_ratio),
            text(x.remark), column_of(x.target), column_of(x.actual), column_of(x.weight), column_of(x.score),
        });
    }
    add_diagnostics(f.diags, form_index);
}

}  // namespace

std::span<const flat_table_def> flat_schema() noexcept { return schema; }

const char* to_string(doc_status s) noexcept {
    switch (s) {
    case doc_status::ok: return "ok";
    case doc_status::warnings: return "warnings";
    case doc_status::failed: return "failed";
    }
    return "failed";
}

doc_status status_of(const conversion& c) noexcept {
    if (!c.doc) return doc_status::failed;
    auto worse_than_info = [](const diagnostics& ds) {
        return std::any_of(ds.begin(), ds.end(), [](const diagnostic& d) { return d.level != severity::info; });
    };
    if (worse_than_info(c.doc->diags)) return doc_status::warnings;
    for (const form& f : c.doc->forms)
        if (worse_than_info(f.diags)) return doc_status::warnings;
    return doc_status::ok;
}

conversion convert_bytes(std::string_view bytes, std::string path, const read_options& opts) {
    conversion c;
    c.path = path;
    c.size = bytes.size();
    c.sha256 = sha256_hex(bytes);
    auto r = read_bytes(bytes, std::move(path), opts);
    if (r) c.doc = std::move(r).value();
    else c.err = r.err();
    return c;
}

conversion convert_file(const std::string& path, const read_options& opts) {
    auto bytes = load_file(path, opts.lim);
    if (!bytes) {
        conversion c;
        c.path = path;
        c.err = bytes.err();
        return c;
    }
    return convert_bytes(bytes.value(), path, opts);
}

flat_document::flat_document() {
    for (const flat_table_def& t : schema) tables[static_cast<std::size_t>(t.id)].width = t.columns.size();
}

std::string_view flat_document::keep(std::string_view s) {
    if (s.empty()) return {};
    if (s.size() > left_) {
        // Blocks of 4 KiB, then twice the last one's size up to 256 KiB (the text of a Hunan
        // form, about 28 KB, takes four); a longer string gets a block of its own size.
        const std::size_t last = blocks_.empty() ? 2048 : block_size_;
        block_size_ = std::max(s.size(), std::min<std::size_t>(2 * last, 256 * 1024));
        blocks_.push_back(std::make_unique_for_overwrite<char[]>(block_size_));
        free_ = blocks_.back().get();
        left_ = block_size_;
    }
    char* at = free_;
    std::memcpy(at, s.data(), s.size());
    free_ += s.size();
    left_ -= s.size();
    return {at, s.size()};
}

flat_document flatten(const conversion& c) {
    flat_document out;
    builder b(out);
    std::size_t indicators = 0;
    counts n;
    if (c.doc) {
        n.add(c.doc->diags);
        for (const form& f : c.doc->forms) {
            indicators += f.indicators.size();
            n.add(f.diags);
        }
    }
    const cell sha = c.sha256.empty() ? builder::null() : b.text(c.sha256);
    if (c.doc) {
        const document& d = *c.doc;
        b.add(flat_table::documents, {
            b.text(c.path), b.integer(static_cast<std::int64_t>(c.size)), sha, b.text(d.source.format),
            b.text(d.source.encoding), b.nonempty(d.source.part), b.word(to_string(status_of(c))), b.null(), b.null(),
            b.null(), b.null(), b.index(d.forms.size()), b.index(indicators), b.integer(n.errors), b.integer(n.warnings),
        });
        for (std::size_t i = 0; i < d.forms.size(); ++i) b.add_form(d.forms[i], i);
        b.add_diagnostics(d.diags, builder::null());
    } else {
        error e;
        if (c.err) e = *c.err;
        else e.code = errc::internal, e.message = "no document and no error";
        b.add(flat_table::documents, {
            b.text(c.path), b.integer(static_cast<std::int64_t>(c.size)), sha, b.null(), b.null(), b.null(),
            b.word(to_string(doc_status::failed)), b.word(to_string(e.code)), b.text(e.message), b.line(e.at.line),
            b.offset(e.at.offset), b.integer(0), b.integer(0), b.integer(1), b.integer(0),
        });
    }
    return out;
}

const char* to_string(output_format f) noexcept {
    switch (f) {
    case output_format::jsonl: return "jsonl";
    case output_format::csv: return "csv";
    case output_format::sqlite: return "sqlite";
    case output_format::xlsx: return "xlsx";
    }
    return "jsonl";
}

std::optional<output_format> parse_output_format(std::string_view name) noexcept {
    for (output_format f : {output_format::jsonl, output_format::csv, output_format::sqlite, output_format::xlsx})
        if (name == to_string(f)) return f;
    return std::nullopt;
}

std::optional<output_format> format_of_path(std::string_view path) noexcept {
    auto ends = [&](std::string_view suffix) {
        if (path.size() < suffix.size()) return false;
        for (std::size_t i = 0; i < suffix.size(); ++i) {
            const char c = path[path.size() - suffix.size() + i];
            const char l = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
            if (l != suffix[i]) return false;
        }
        return true;
    };
    if (ends(".jsonl") || ends(".ndjson")) return output_format::jsonl;
    if (ends("/")) return output_format::csv;  // a directory; "x.csv" would read as one file, which CSV output is not
    if (ends(".sqlite") || ends(".sqlite3") || ends(".db")) return output_format::sqlite;
    if (ends(".xlsx")) return output_format::xlsx;
    return std::nullopt;
}

}  // namespace v0
}  // namespace jixiao
