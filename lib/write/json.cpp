// JSON writer: schema "jixiao/1" (docs/json.md). Key order is fixed and
// documented; numbers are written from their exact decimals.
//
// The JSON is written as it is produced, straight into an output buffer: no
// tree of the document is built first. The bytes are those nlohmann::json's
// dump() writes for the same tree (indentation, separators, escapes, the
// replacement of invalid UTF-8 and, through nlohmann's own to_chars, the
// digits of non-integer numbers), so the output did not change when the
// writer stopped building an nlohmann tree.
#include <jixiao/write.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>
#include <cstdlib>
#include <ostream>

namespace jixiao {
inline namespace v0 {

namespace {

// Length of the well-formed UTF-8 sequence starting at s[i] (i < s.size() and
// s[i] ≥ 0x80), or 0 when it is not one: the Unicode table of well-formed byte
// sequences (no overlong forms, no surrogates, nothing past U+10FFFF), which
// is what nlohmann's decoder accepts.
std::size_t utf8_sequence(std::string_view s, std::size_t i) noexcept {
    const auto b = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
    const unsigned c = b(0);
    const auto cont = [](unsigned x) { return x >= 0x80 && x <= 0xBF; };
    if (c >= 0xC2 && c <= 0xDF) return cont(b(1)) ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        const unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        return b(1) >= lo && b(1) <= hi && cont(b(2)) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        const unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        return b(1) >= lo && b(1) <= hi && cont(b(2)) && cont(b(3)) ? 4 : 0;
    }
    return 0;
}

// A JSON writer that appends to a string, pretty-printed (indent ≥ 0) or on
// one line (indent < 0) exactly as nlohmann::json::dump does. Containers are
// opened and closed by the caller; the writer keeps, per open container,
// whether it is an array and whether anything was written in it yet.
class json_out {
public:
    // `out` is appended to (what it holds stays); with a `sink`, what is
    // written goes to the sink in pieces and `out` is only the buffer.
    json_out(std::string& out, int indent, std::ostream* sink)
        : out_(out), len_(out.size()), indent_(indent), sink_(sink) {}
    json_out(const json_out&) = delete;
    json_out& operator=(const json_out&) = delete;
    ~json_out() { out_.resize(len_); }

    // --- containers ----------------------------------------------------------
    void begin_object() {
        element();
        put('{');
        open_.push_back({false, true});
    }
    void begin_array() {
        element();
        put('[');
        open_.push_back({true, true});
    }
    void end_object() { close('}'); }
    void end_array() { close(']'); }

    /// The next key of the object open; its value follows. Keys are ASCII
    /// literals of this file: their length is known when compiled, so the copy is a few moves.
    template <std::size_t N>
    json_out& key(const char (&k)[N]) {
        constexpr std::size_t n = N - 1;
        char* p = separate(n + 4);
        *p++ = '"';
        std::memcpy(p, k, n);
        p += n;
        *p++ = '"';
        *p++ = ':';
        if (indent_ >= 0) *p++ = ' ';
        done(p);
        keyed_ = true;
        return *this;
    }

    // --- scalars -------------------------------------------------------------
    void null() {
        element();
        put("null");
    }
    void boolean(bool b) {
        element();
        put(b ? std::string_view("true") : std::string_view("false"));
    }
    void integer(std::int64_t v) {
        element();
        char* p = room(24);
        done(std::to_chars(p, p + 24, v).ptr);
    }
    void unsigned_integer(std::uint64_t v) {
        element();
        char* p = room(24);
        done(std::to_chars(p, p + 24, v).ptr);
    }
    /// The number when `present`, else null.
    void integer_or_null(bool present, std::int64_t v) { present ? integer(v) : null(); }
    void unsigned_integer_or_null(bool present, std::uint64_t v) { present ? unsigned_integer(v) : null(); }
    void floating(double d) {
        element();
        if (!std::isfinite(d)) return put("null");
        char* p = room(64);
        done(nlohmann::detail::to_chars(p, p + 64, d));
    }
    void string(std::string_view s) {
        element();
        escaped(s);
    }
    /// A string, or null when there is none.
    void opt_string(const std::optional<std::string>& s) {
        if (s) string(*s);
        else null();
    }
    /// A string, or null when it is empty.
    void string_or_null(std::string_view s) {
        if (s.empty()) null();
        else string(s);
    }
    void newline() { put('\n'); }

    /// Hands what is written so far to the sink (if any) once it is large.
    void maybe_flush() {
        if (sink_ != nullptr && len_ >= (1u << 16)) flush();
    }
    void flush() {
        if (sink_ == nullptr) return;
        sink_->write(out_.data(), static_cast<std::streamsize>(len_));
        len_ = 0;
    }

private:
    struct level {
        bool array;
        bool first;
    };

    // The output: out_ holds len_ bytes written and grows in large steps;
    // writes go through a pointer into it (room, then done).
    char* room(std::size_t n) {
        if (out_.size() - len_ < n + slack) out_.resize(std::max(out_.size() * 2, len_ + n + slack + 4096));
        return out_.data() + len_;
    }
    void done(const char* end) { len_ = static_cast<std::size_t>(end - out_.data()); }
    void put(std::string_view s) {
        char* p = room(s.size());
        std::memcpy(p, s.data(), s.size());
        len_ += s.size();
    }
    void put(char c) {
        *room(1) = c;
        ++len_;
    }

    // The line break and indentation at the current depth, into p. Shallow
    // indentation (almost all of it) is one fixed-size copy of blanks: room()
    // always leaves `slack` bytes more than asked, which the copy may run into.
    static constexpr std::size_t slack = 64;
    char* newline_indent(char* p) const {
        *p++ = '\n';
        const std::size_t n = open_.size() * static_cast<std::size_t>(indent_);
        static constexpr std::array<char, slack> blanks = [] {
            std::array<char, slack> a{};
            a.fill(' ');
            return a;
        }();
        if (n <= slack) std::memcpy(p, blanks.data(), slack);
        else std::memset(p, ' ', n);
        return p + n;
    }

    // Before a member of an object or an element of an array: the comma and
    // line break; returns where to write what follows, with `more` bytes of room.
    char* separate(std::size_t more) {
        char* p = room(2 + (indent_ >= 0 ? open_.size() * static_cast<std::size_t>(indent_) : 0) + more);
        level& l = open_.back();
        if (!l.first) *p++ = ',';
        l.first = false;
        if (indent_ >= 0) p = newline_indent(p);
        return p;
    }

    // Before any value: an array element is separated here; an object member
    // was separated by key().
    void element() {
        if (keyed_) {
            keyed_ = false;
            return;
        }
        if (!open_.empty() && open_.back().array) done(separate(0));
    }

    void close(char c) {
        const bool empty = open_.back().first;
        open_.pop_back();
        char* p = room(2 + open_.size() * static_cast<std::size_t>(std::max(indent_, 0)));
        if (!empty && indent_ >= 0) p = newline_indent(p);
        *p++ = c;
        done(p);
    }

    void escaped(std::string_view s) {
        const std::size_t quote = len_;
        put('"');
        std::size_t run = 0;  // start of the bytes not yet copied
        for (std::size_t i = 0; i < s.size();) {
            const auto c = static_cast<unsigned char>(s[i]);
            if (c >= 0x80) {
                // Most of it is CJK: three bytes led by E1–EC, EE or EF, whose second byte may be any continuation byte.
                const auto cont = [&](std::size_t k) { return (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80; };
                if (((c >= 0xE1 && c <= 0xEC) || c >= 0xEE) && c <= 0xEF && i + 2 < s.size() && cont(i + 1) && cont(i + 2)) {
                    i += 3;
                    continue;
                }
                const std::size_t n = utf8_sequence(s, i);
                if (n == 0) {
                    // Invalid UTF-8 (readers validate, so this is a caller's
                    // document): nlohmann's replacement rules, for the whole string.
                    len_ = quote;
                    return put(nlohmann::json(std::string(s)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
                }
                i += n;
                continue;
            }
            if (c >= 0x20 && c != '"' && c != '\\') {
                ++i;
                continue;
            }
            put(s.substr(run, i - run));
            switch (c) {
            case '"': put("\\\""); break;
            case '\\': put("\\\\"); break;
            case '\b': put("\\b"); break;
            case '\t': put("\\t"); break;
            case '\n': put("\\n"); break;
            case '\f': put("\\f"); break;
            case '\r': put("\\r"); break;
            default: {
                constexpr char hex[] = "0123456789abcdef";
                const char u[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                put(std::string_view(u, sizeof u));
                break;
            }
            }
            run = ++i;
        }
        put(s.substr(run));
        put('"');
    }

    std::string& out_;
    std::size_t len_;  // bytes of out_ written; the rest is room
    int indent_;
    std::ostream* sink_;
    std::vector<level> open_;
    bool keyed_ = false;
};

// An exact decimal as a JSON number: integers as integers; others through the
// double whose shortest representation is the decimal's own digits (exact for
// up to 15 significant digits, which covers every figure a form writes).
void number(json_out& j, const decimal& d) {
    if (d.exponent() >= 0) {
        std::int64_t v = d.mantissa();
        int e = d.exponent();
        for (; e > 0 && v <= INT64_MAX / 10 && v >= INT64_MIN / 10; --e) v *= 10;
        if (e == 0) return j.integer(v);
    }
    j.floating(std::strtod(d.to_string().c_str(), nullptr));
}

void opt_number(json_out& j, const std::optional<decimal>& d) {
    if (d) number(j, *d);
    else j.null();
}

void location_json(json_out& j, const location& at) {
    j.begin_object();
    j.key("table").integer_or_null(at.table >= 0, at.table);
    j.key("row").integer_or_null(at.row >= 0, at.row);
    j.key("col").integer_or_null(at.col >= 0, at.col);
    j.key("line").integer_or_null(at.line > 0, at.line);
    j.key("offset").unsigned_integer_or_null(at.offset != location::npos, at.offset);
    j.end_object();
}

// "2020-12-31"; a date without a year as ISO 8601's "--12-31".
void date_text(json_out& j, const calendar_date& d) {
    std::array<char, 32> buf;
    const auto r = d.year > 0 ? fmt::format_to_n(buf.data(), buf.size(), "{:04d}-{:02d}-{:02d}", d.year, d.month, d.day)
                              : fmt::format_to_n(buf.data(), buf.size(), "--{:02d}-{:02d}", d.month, d.day);
    j.string(std::string_view(buf.data(), std::min(r.size, buf.size())));
}

void value_json(json_out& j, const value* v) {
    if (v == nullptr) return j.null();
    j.begin_object();
    j.key("raw").string(v->raw);
    j.key("op");
    v->op == comparator::none ? j.null() : j.string(to_string(v->op));
    opt_number(j.key("value"), v->number);
    j.key("unit").string_or_null(v->unit);
    // Added with value normalization (issue 4); docs/json.md "value cell".
    j.key("kind").string(to_string(v->kind));
    j.key("approx").boolean(v->approx);
    opt_number(j.key("upper"), v->upper);
    j.key("dimension");
    v->dim == dimension::none ? j.null() : j.string(to_string(v->dim));
    j.key("base");
    if (v->base_number) {
        j.begin_object();
        number(j.key("value"), *v->base_number);
        opt_number(j.key("upper"), v->base_upper);
        j.key("unit").string_or_null(v->base_unit);
        j.end_object();
    } else {
        j.null();
    }
    j.key("date");
    if (v->date) {
        j.begin_object();
        date_text(j.key("first"), v->date->first);
        date_text(j.key("last"), v->date->last);
        j.end_object();
    } else {
        j.null();
    }
    j.key("category").string_or_null(v->category);
    j.key("grade");
    if (v->scale == qualitative_scale::none) {
        j.null();
    } else {
        j.begin_object();
        j.key("scale").string(to_string(v->scale));
        j.key("rank").integer(v->rank);
        j.key("of").integer(scale_steps(v->scale));
        j.end_object();
    }
    j.end_object();
}

void value_json(json_out& j, const std::optional<value>& v) { value_json(j, v ? &*v : nullptr); }

void diagnostics_json(json_out& j, const diagnostics& ds) {
    j.begin_array();
    for (const diagnostic& d : ds) {
        j.begin_object();
        j.key("severity").string(to_string(d.level));
        j.key("code").string(d.code);
        j.key("message").string(d.message);
        location_json(j.key("at"), d.at);
        if (!d.message_zh.empty()) j.key("message_zh").string(d.message_zh);
        j.end_object();
        j.maybe_flush();
    }
    j.end_array();
}

void form_json(json_out& j, const form& f) {
    j.begin_object();
    j.key("kind").string(to_string(f.kind));
    j.key("family").string(f.family);
    j.key("title").opt_string(f.title);
    j.key("year");
    f.year ? j.integer(*f.year) : j.null();
    j.key("header").begin_object();
    j.key("unit").opt_string(f.header.unit);
    j.key("project").opt_string(f.header.project);
    j.key("supervisor").opt_string(f.header.supervisor);
    j.key("implementer").opt_string(f.header.implementer);
    j.key("head").opt_string(f.header.head);
    j.key("phone").opt_string(f.header.phone);
    j.key("unit_code").opt_string(f.header.unit_code);
    j.key("project_code").opt_string(f.header.project_code);
    j.key("supervisor_code").opt_string(f.header.supervisor_code);
    j.key("implementer_code").opt_string(f.header.implementer_code);
    j.end_object();

    j.key("fields").begin_array();
    for (const field& x : f.fields) {
        j.begin_object();
        j.key("label").string(x.label);
        j.key("value").opt_string(x.value);
        location_json(j.key("at"), x.at);
        if (!x.checked.empty()) {
            j.key("checked").begin_array();
            for (const std::string& o : x.checked) j.string(o);
            j.end_array();
        }
        j.end_object();
    }
    j.end_array();

    j.key("funds");
    if (f.funds) {
        j.begin_object();
        j.key("unit").string_or_null(f.funds->unit);
        opt_number(j.key("declared_weight"), f.funds->declared_weight);
        j.key("rows").begin_array();
        for (const funds_row& r : f.funds->rows) {
            j.begin_object();
            j.key("label").string(r.label);
            value_json(j.key("budget_initial"), r.budget_initial);
            value_json(j.key("budget"), r.budget);
            value_json(j.key("executed"), r.executed);
            value_json(j.key("rate"), r.rate);
            value_json(j.key("weight"), r.weight);
            value_json(j.key("score"), r.score);
            j.key("note").opt_string(r.note);
            location_json(j.key("at"), r.at);
            j.key("key").string_or_null(r.key);
            j.key("group").string_or_null(r.group);
            j.end_object();
        }
        j.end_array();
        j.end_object();
    } else {
        j.null();
    }
    j.key("overall_goal");
    if (f.overall) {
        j.begin_object();
        j.key("planned").opt_string(f.overall->planned);
        j.key("achieved").opt_string(f.overall->achieved);
        j.key("adjusted").opt_string(f.overall->adjusted);
        j.end_object();
    } else {
        j.null();
    }

    j.key("goals").begin_array();
    for (const goal& g : f.goals) {
        j.begin_object();
        j.key("label").string(g.label);
        j.key("text").opt_string(g.text);
        j.end_object();
    }
    j.end_array();

    j.key("indicators").begin_array();
    for (const indicator& i : f.indicators) {
        j.begin_object();
        j.key("goal").opt_string(i.goal);
        j.key("level1").opt_string(i.level1);
        j.key("level2").opt_string(i.level2);
        j.key("name").opt_string(i.name);
        value_json(j.key("target"), i.target);
        value_json(j.key("actual"), i.actual);
        value_json(j.key("weight"), i.weight);
        value_json(j.key("score"), i.score);
        j.key("note").opt_string(i.note);
        j.key("verdict").string(to_string(i.judged));
        j.key("verdict_reason");
        i.why == verdict_reason::none ? j.null() : j.string(to_string(i.why));
        location_json(j.key("at"), i.at);
        // Added with the template families (issue 5); docs/json.md "indicator".
        j.key("level1_raw").opt_string(i.level1_raw);
        j.key("level2_raw").opt_string(i.level2_raw);
        j.key("name_raw").opt_string(i.name_raw);
        j.key("level1_code").string_or_null(i.level1_code);
        j.key("level2_code").string_or_null(i.level2_code);
        opt_number(j.key("level1_weight"), i.level1_weight);
        opt_number(j.key("level2_weight"), i.level2_weight);
        j.key("core").boolean(i.core);
        j.key("comparator_raw").opt_string(i.comparator_raw);
        j.key("unit_raw").opt_string(i.unit_raw);
        j.key("nature").opt_string(i.nature);
        j.key("direction").string(to_string(i.direction));
        value_json(j.key("adjusted_target"), i.adjusted_target);
        value_json(j.key("score_ratio"), i.score_ratio);
        j.key("remark").opt_string(i.remark);
        j.key("project").opt_string(i.project);
        j.end_object();
        j.maybe_flush();
    }
    j.end_array();
    j.key("total").begin_object();
    value_json(j.key("score"), f.total.score);
    j.key("grade").opt_string(f.total.grade);
    value_json(j.key("weight"), f.total.weight);
    location_json(j.key("at"), f.total.at);
    j.end_object();
    opt_number(j.key("indicators_weight"), f.indicators_weight);
    diagnostics_json(j.key("diagnostics"), f.diags);
    j.end_object();
}

struct cell_ref {
    std::size_t table;
    std::uint32_t row, col;
};

void table_json(json_out& j, const grid& g, std::size_t index, const std::vector<paragraph>& paragraphs,
                const std::optional<std::string>* form_title, const std::optional<cell_ref>& parent) {
    j.begin_object();
    j.key("index").unsigned_integer(index);
    j.key("rows").unsigned_integer(g.rows());
    j.key("cols").unsigned_integer(g.cols());
    // The table's title: the form's title when a form was read from it, else
    // the closest paragraph above the table.
    j.key("title");
    if (form_title != nullptr) {
        j.opt_string(*form_title);
    } else {
        const std::string* title = nullptr;
        for (const paragraph& p : paragraphs)
            if (p.before_table == index) title = &p.text;
        title != nullptr ? j.string(*title) : j.null();
    }
    j.key("parent");
    if (parent) {
        j.begin_object();
        j.key("table").unsigned_integer(parent->table);
        j.key("row").unsigned_integer(parent->row);
        j.key("col").unsigned_integer(parent->col);
        j.end_object();
    } else {
        j.null();
    }
    j.key("cells").begin_array();
    for (const grid_cell& c : g.cells()) {
        j.begin_object();
        j.key("row").unsigned_integer(c.row);
        j.key("col").unsigned_integer(c.col);
        j.key("rowspan").unsigned_integer(c.rowspan);
        j.key("colspan").unsigned_integer(c.colspan);
        j.key("text").string(c.text);
        j.key("inferred").boolean(c.inferred);
        if (!c.nested.empty()) {  // only on cells that hold tables
            j.key("tables").begin_array();
            for (std::uint32_t n : c.nested) j.unsigned_integer(n);
            j.end_array();
        }
        j.end_object();
        j.maybe_flush();
    }
    j.end_array();
    j.end_object();
}

void document_json(json_out& j, const document& doc, const json_options& opts) {
    j.begin_object();
    j.key("schema").string("jixiao/1");
    j.key("source").begin_object();
    j.key("path").string(doc.source.path);
    j.key("format").string(doc.source.format);
    j.key("encoding").string(doc.source.encoding);
    j.key("part").string_or_null(doc.source.part);
    j.end_object();
    j.key("forms").begin_array();
    for (const form& f : doc.forms) form_json(j, f);
    j.end_array();
    j.key("paragraphs").begin_array();
    for (const paragraph& p : doc.paragraphs) {
        j.begin_object();
        j.key("text").string(p.text);
        j.key("before_table").unsigned_integer(p.before_table);
        location_json(j.key("at"), p.at);
        j.end_object();
        j.maybe_flush();
    }
    j.end_array();
    if (opts.tables) {
        j.key("tables").begin_array();
        // The cell holding each nested table.
        std::vector<std::optional<cell_ref>> parents(doc.tables.size());
        for (std::size_t t = 0; t < doc.tables.size(); ++t)
            for (const grid_cell& c : doc.tables[t].cells())
                for (std::uint32_t n : c.nested)
                    if (n < parents.size()) parents[n] = cell_ref{t, c.row, c.col};
        for (std::size_t i = 0; i < doc.tables.size(); ++i) {
            const std::optional<std::string>* form_title = nullptr;
            for (const form& f : doc.forms)
                if (f.table == static_cast<int>(i) && f.title) form_title = &f.title;
            table_json(j, doc.tables[i], i, doc.paragraphs, form_title, parents[i]);
        }
        j.end_array();
    }
    diagnostics_json(j.key("diagnostics"), doc.diags);
    j.end_object();
}

}  // namespace

void append_json(std::string& out, const document& doc, const json_options& opts) {
    json_out j(out, opts.indent < 0 ? -1 : opts.indent, nullptr);
    document_json(j, doc, opts);
    j.newline();
}

std::string to_json(const document& doc, const json_options& opts) {
    std::string s;
    append_json(s, doc, opts);
    return s;
}

void write_json(std::ostream& out, const document& doc, const json_options& opts) {
    std::string buf;
    json_out j(buf, opts.indent < 0 ? -1 : opts.indent, &out);
    document_json(j, doc, opts);
    j.newline();
    j.flush();
}

namespace {

void value_reports_json(json_out& j, const std::vector<value_report>& reports) {
    j.begin_object();
    j.key("schema").string("jixiao/1");
    j.key("values").begin_array();
    for (const value_report& r : reports) {
        j.begin_object();
        value_json(j.key("value"), &r.parsed);
        value_json(j.key("target"), r.target);
        j.key("verdict");
        r.judged ? j.string(to_string(r.judged->result)) : j.null();
        j.key("verdict_reason");
        r.judged && r.judged->reason != verdict_reason::none ? j.string(to_string(r.judged->reason)) : j.null();
        diagnostics_json(j.key("diagnostics"), r.diags);
        j.end_object();
    }
    j.end_array();
    j.end_object();
    j.newline();
}

}  // namespace

std::string to_json(const std::vector<value_report>& reports, const json_options& opts) {
    std::string s;
    {
        json_out j(s, opts.indent < 0 ? -1 : opts.indent, nullptr);
        value_reports_json(j, reports);
    }  // j writes its length back into s
    return s;
}

}  // namespace v0
}  // namespace jixiao
