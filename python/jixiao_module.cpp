// Python binding (pybind11): the same JSON model as `jixiao dump`, as dicts.
//
//   import jixiao
//   doc = jixiao.read("form.docx")            # or bytes
//   for form in doc["forms"]: ...
//   jixiao.value("≥80%")                      # {'raw': '≥80%', 'op': '>=', 'value': Decimal('0.8'), 'unit': '%'}
//   for path, doc in jixiao.read_dir("archive"): ...   # doc is a dict, or a jixiao.Error
//
// Errors raise jixiao.Error with .code ("zip_corrupt" …), .limit, .offset, .line.
#include <jixiao/jixiao.hpp>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <filesystem>
#include <string>

namespace py = pybind11;

namespace {

py::object json_loads(const std::string& s) {
    static py::object loads = py::module_::import("json").attr("loads");
    return loads(s);
}

py::object error_object(const py::object& cls, const jixiao::error& e) {
    py::object err = cls(e.message);
    err.attr("code") = jixiao::to_string(e.code);
    err.attr("limit") = e.limit;
    err.attr("offset") = e.at.offset == jixiao::location::npos ? py::object(py::none()) : py::object(py::int_(e.at.offset));
    err.attr("line") = e.at.line > 0 ? py::object(py::int_(e.at.line)) : py::object(py::none());
    return err;
}

jixiao::json_options json_opts(bool tables) {
    jixiao::json_options o;
    o.tables = tables;
    o.indent = -1;
    return o;
}

}  // namespace

PYBIND11_MODULE(jixiao, m) {
    m.doc() = "Chinese budget performance forms (绩效自评表) as structured data";
    m.attr("__version__") = jixiao::version();
    static py::exception<std::runtime_error> error_type(m, "Error");
    py::object error_cls = error_type;

    m.def(
        "read",
        [error_cls](const py::object& source, const std::string& name, bool tables) -> py::object {
            jixiao::result<jixiao::document> r = jixiao::document{};
            if (py::isinstance<py::bytes>(source)) {
                const std::string bytes = source.cast<std::string>();
                py::gil_scoped_release unlocked;
                r = jixiao::read_bytes(bytes, name.empty() ? "<bytes>" : name);
            } else {
                const std::string path = py::str(source);  // str or os.PathLike
                py::gil_scoped_release unlocked;
                r = jixiao::read_file(path);
            }
            if (!r) {
                PyErr_SetObject(error_cls.ptr(), error_object(error_cls, r.err()).ptr());
                throw py::error_already_set();
            }
            std::string json;
            {
                py::gil_scoped_release unlocked;
                json = jixiao::to_json(r.value(), json_opts(tables));
            }
            return json_loads(json);
        },
        py::arg("source"), py::arg("name") = "", py::arg("tables") = true,
        "Reads a form from a path (str or os.PathLike) or from bytes; returns the JSON model (docs/json.md) as a dict.");

    m.def(
        "value",
        [](const std::string& text) {
            jixiao::diagnostics d;
            const jixiao::value v = jixiao::parse_value(text, {}, d);
            py::dict out;
            out["raw"] = v.raw;
            out["op"] = v.op == jixiao::comparator::none ? py::object(py::none()) : py::object(py::str(jixiao::to_string(v.op)));
            static py::object decimal = py::module_::import("decimal").attr("Decimal");
            out["value"] = v.number ? decimal(v.number->to_string()) : py::object(py::none());
            out["unit"] = v.unit.empty() ? py::object(py::none()) : py::object(py::str(v.unit));
            py::list warnings;
            for (const jixiao::diagnostic& x : d) warnings.append(py::make_tuple(x.code, x.message));
            out["diagnostics"] = warnings;
            return out;
        },
        py::arg("text"), "Parses one cell value: comparator, exact number in base units (a Decimal), unit.");

    m.def(
        "read_dir",
        [error_cls](const std::string& root, bool tables) {
            // A generator over the files under `root` (sorted): (path, dict) or (path, jixiao.Error).
            std::vector<std::string> files;
            for (const auto& e : std::filesystem::recursive_directory_iterator(root, std::filesystem::directory_options::skip_permission_denied))
                if (e.is_regular_file()) files.push_back(e.path().string());
            std::sort(files.begin(), files.end());
            py::list out;
            jixiao::reader reader;
            for (const std::string& f : files) {
                jixiao::result<jixiao::document> r = jixiao::document{};
                std::string json;
                {
                    py::gil_scoped_release unlocked;
                    r = reader.read_file(f);
                    if (r) json = jixiao::to_json(r.value(), json_opts(tables));
                }
                out.append(py::make_tuple(f, r ? json_loads(json) : error_object(error_cls, r.err())));
            }
            return py::iter(out);
        },
        py::arg("root"), py::arg("tables") = false, "Reads every file under a directory: an iterator of (path, dict or jixiao.Error).");
}
