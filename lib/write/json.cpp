// JSON writer: schema "jixiao/1" (docs/json.md). Key order is fixed and
// documented; numbers are written from their exact decimals.
#include <jixiao/write.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cstdlib>

namespace jixiao {
inline namespace v0 {

namespace {

using json = nlohmann::ordered_json;

json opt(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

// An exact decimal as a JSON number: integers as integers; others through the
// double whose shortest representation is the decimal's own digits (exact for
// up to 15 significant digits, which covers every figure a form writes).
json number(const decimal& d) {
    if (d.exponent() >= 0) {
        std::int64_t v = d.mantissa();
        int e = d.exponent();
        for (; e > 0 && v <= INT64_MAX / 10 && v >= INT64_MIN / 10; --e) v *= 10;
        if (e == 0) return json(v);
    }
    return json(std::strtod(d.to_string().c_str(), nullptr));
}

json location_json(const location& at) {
    json j;
    j["table"] = at.table >= 0 ? json(at.table) : json(nullptr);
    j["row"] = at.row >= 0 ? json(at.row) : json(nullptr);
    j["col"] = at.col >= 0 ? json(at.col) : json(nullptr);
    j["line"] = at.line > 0 ? json(at.line) : json(nullptr);
    j["offset"] = at.offset != location::npos ? json(at.offset) : json(nullptr);
    return j;
}

json opt_number(const std::optional<decimal>& d) { return d ? number(*d) : json(nullptr); }

// "2020-12-31"; a date without a year as ISO 8601's "--12-31".
std::string date_text(const calendar_date& d) {
    if (d.year > 0) return fmt::format("{:04d}-{:02d}-{:02d}", d.year, d.month, d.day);
    return fmt::format("--{:02d}-{:02d}", d.month, d.day);
}

json value_json(const std::optional<value>& v) {
    if (!v) return nullptr;
    json j;
    j["raw"] = v->raw;
    j["op"] = v->op == comparator::none ? json(nullptr) : json(to_string(v->op));
    j["value"] = opt_number(v->number);
    j["unit"] = v->unit.empty() ? json(nullptr) : json(v->unit);
    // Added with value normalization (issue 4); docs/json.md "value cell".
    j["kind"] = to_string(v->kind);
    j["approx"] = v->approx;
    j["upper"] = opt_number(v->upper);
    j["dimension"] = v->dim == dimension::none ? json(nullptr) : json(to_string(v->dim));
    j["base"] = v->base_number ? json{{"value", number(*v->base_number)},
                                      {"upper", opt_number(v->base_upper)},
                                      {"unit", v->base_unit.empty() ? json(nullptr) : json(v->base_unit)}}
                               : json(nullptr);
    j["date"] = v->date ? json{{"first", date_text(v->date->first)}, {"last", date_text(v->date->last)}} : json(nullptr);
    j["category"] = v->category.empty() ? json(nullptr) : json(v->category);
    j["grade"] = v->scale == qualitative_scale::none
                     ? json(nullptr)
                     : json{{"scale", to_string(v->scale)}, {"rank", v->rank}, {"of", scale_steps(v->scale)}};
    return j;
}

json diagnostics_json(const diagnostics& ds) {
    json a = json::array();
    for (const diagnostic& d : ds) {
        json j;
        j["severity"] = to_string(d.level);
        j["code"] = d.code;
        j["message"] = d.message;
        j["at"] = location_json(d.at);
        a.push_back(std::move(j));
    }
    return a;
}

json form_json(const form& f) {
    json j;
    j["kind"] = to_string(f.kind);
    j["title"] = opt(f.title);
    j["year"] = f.year ? json(*f.year) : json(nullptr);
    json h;
    h["unit"] = opt(f.header.unit);
    h["project"] = opt(f.header.project);
    h["supervisor"] = opt(f.header.supervisor);
    h["implementer"] = opt(f.header.implementer);
    h["head"] = opt(f.header.head);
    h["phone"] = opt(f.header.phone);
    j["header"] = std::move(h);

    json fields = json::array();
    for (const field& x : f.fields) fields.push_back(json{{"label", x.label}, {"value", opt(x.value)}, {"at", location_json(x.at)}});
    j["fields"] = std::move(fields);

    if (f.funds) {
        json rows = json::array();
        for (const funds_row& r : f.funds->rows) {
            json x;
            x["label"] = r.label;
            x["budget_initial"] = value_json(r.budget_initial);
            x["budget"] = value_json(r.budget);
            x["executed"] = value_json(r.executed);
            x["rate"] = value_json(r.rate);
            x["weight"] = value_json(r.weight);
            x["score"] = value_json(r.score);
            x["note"] = opt(r.note);
            x["at"] = location_json(r.at);
            rows.push_back(std::move(x));
        }
        j["funds"] = json{{"unit", f.funds->unit.empty() ? json(nullptr) : json(f.funds->unit)}, {"rows", std::move(rows)}};
    } else {
        j["funds"] = nullptr;
    }
    j["overall_goal"] = f.overall ? json{{"planned", opt(f.overall->planned)}, {"achieved", opt(f.overall->achieved)}} : json(nullptr);

    json goals = json::array();
    for (const goal& g : f.goals) goals.push_back(json{{"label", g.label}, {"text", opt(g.text)}});
    j["goals"] = std::move(goals);

    json inds = json::array();
    for (const indicator& i : f.indicators) {
        json x;
        x["goal"] = opt(i.goal);
        x["level1"] = opt(i.level1);
        x["level2"] = opt(i.level2);
        x["name"] = opt(i.name);
        x["target"] = value_json(i.target);
        x["actual"] = value_json(i.actual);
        x["weight"] = value_json(i.weight);
        x["score"] = value_json(i.score);
        x["note"] = opt(i.note);
        x["verdict"] = to_string(i.judged);
        x["verdict_reason"] = i.why == verdict_reason::none ? json(nullptr) : json(to_string(i.why));
        x["at"] = location_json(i.at);
        inds.push_back(std::move(x));
    }
    j["indicators"] = std::move(inds);
    j["total"] = json{{"score", value_json(f.total.score)}, {"grade", opt(f.total.grade)}};
    j["diagnostics"] = diagnostics_json(f.diags);
    return j;
}

struct cell_ref {
    std::size_t table;
    std::uint32_t row, col;
};

json table_json(const grid& g, std::size_t index, const std::vector<paragraph>& paragraphs,
                const std::optional<std::string>& form_title, const std::optional<cell_ref>& parent) {
    json j;
    j["index"] = index;
    j["rows"] = g.rows();
    j["cols"] = g.cols();
    // The table's title: the form's title when a form was read from it, else
    // the closest paragraph above the table.
    std::optional<std::string> title = form_title;
    if (!title)
        for (const paragraph& p : paragraphs)
            if (p.before_table == index) title = p.text;
    j["title"] = opt(title);
    j["parent"] = parent ? json{{"table", parent->table}, {"row", parent->row}, {"col", parent->col}} : json(nullptr);
    json cells = json::array();
    for (const grid_cell& c : g.cells()) {
        json x;
        x["row"] = c.row;
        x["col"] = c.col;
        x["rowspan"] = c.rowspan;
        x["colspan"] = c.colspan;
        x["text"] = c.text;
        x["inferred"] = c.inferred;
        if (!c.nested.empty()) x["tables"] = c.nested;  // only on cells that hold tables
        cells.push_back(std::move(x));
    }
    j["cells"] = std::move(cells);
    return j;
}

}  // namespace

std::string to_json(const std::vector<value_report>& reports, const json_options& opts) {
    json j;
    j["schema"] = "jixiao/1";
    json values = json::array();
    for (const value_report& r : reports) {
        json x;
        x["value"] = value_json(r.parsed);
        x["target"] = value_json(r.target);
        x["verdict"] = r.judged ? json(to_string(r.judged->result)) : json(nullptr);
        x["verdict_reason"] =
            r.judged && r.judged->reason != verdict_reason::none ? json(to_string(r.judged->reason)) : json(nullptr);
        x["diagnostics"] = diagnostics_json(r.diags);
        values.push_back(std::move(x));
    }
    j["values"] = std::move(values);
    std::string s = j.dump(opts.indent < 0 ? -1 : opts.indent, ' ', false, json::error_handler_t::replace);
    s += '\n';
    return s;
}

std::string to_json(const document& doc, const json_options& opts) {
    json j;
    j["schema"] = "jixiao/1";
    j["source"] = json{{"path", doc.source.path},
                       {"format", doc.source.format},
                       {"encoding", doc.source.encoding},
                       {"part", doc.source.part.empty() ? json(nullptr) : json(doc.source.part)}};
    json forms = json::array();
    for (const form& f : doc.forms) forms.push_back(form_json(f));
    j["forms"] = std::move(forms);
    json paragraphs = json::array();
    for (const paragraph& p : doc.paragraphs)
        paragraphs.push_back(json{{"text", p.text}, {"before_table", p.before_table}, {"at", location_json(p.at)}});
    j["paragraphs"] = std::move(paragraphs);
    if (opts.tables) {
        json tables = json::array();
        // The cell holding each nested table.
        std::vector<std::optional<cell_ref>> parents(doc.tables.size());
        for (std::size_t t = 0; t < doc.tables.size(); ++t)
            for (const grid_cell& c : doc.tables[t].cells())
                for (std::uint32_t n : c.nested)
                    if (n < parents.size()) parents[n] = cell_ref{t, c.row, c.col};
        for (std::size_t i = 0; i < doc.tables.size(); ++i) {
            std::optional<std::string> form_title;
            for (const form& f : doc.forms)
                if (f.table == static_cast<int>(i) && f.title) form_title = f.title;
            tables.push_back(table_json(doc.tables[i], i, doc.paragraphs, form_title, parents[i]));
        }
        j["tables"] = std::move(tables);
    }
    j["diagnostics"] = diagnostics_json(doc.diags);
    // Invalid UTF-8 cannot reach here (readers validate), but never throw on it.
    std::string s = j.dump(opts.indent < 0 ? -1 : opts.indent, ' ', false, json::error_handler_t::replace);
    s += '\n';
    return s;
}

}  // namespace v0
}  // namespace jixiao
