// OPC packages through libzip. Sizes and ratios are enforced on the bytes
// actually inflated, like expat's amplification limits, never on the sizes
// the zip directory declares (a bomb lies about them).
#include "read/opc/package.hpp"

#include "detail/limits.hpp"
#include "read/opc/xml.hpp"

#include <fmt/format.h>
#include <pugixml.hpp>
#include <zip.h>
#include <zlib.h>

#include <algorithm>
#include <memory>
#include <vector>

namespace jixiao::detail {

namespace {

error fail(errc code, std::string msg) {
    error e;
    e.code = code;
    e.message = std::move(msg);
    return e;
}

constexpr std::string_view rel_office_document_transitional =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument";
constexpr std::string_view rel_office_document_strict = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument";
constexpr std::string_view ns_relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
constexpr std::string_view ns_content_types = "http://schemas.openxmlformats.org/package/2006/content-types";

bool ends_with(std::string_view s, std::string_view x) { return s.size() >= x.size() && s.substr(s.size() - x.size()) == x; }

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace

struct package::impl {
    zip_t* zip = nullptr;
    limits lim;
    std::uint64_t total = 0;  // bytes inflated so far, all parts (each part counted once)
    std::vector<zip_uint64_t> counted;  // the parts whose bytes `total` holds
    std::vector<std::pair<std::string, zip_uint64_t>> names;  // lower-cased name → index

    ~impl() {
        if (zip != nullptr) zip_discard(zip);
    }

    std::optional<zip_uint64_t> find(std::string_view part) const {
        std::string key = lower(part);
        if (!key.empty() && key.front() == '/') key.erase(0, 1);
        auto it = std::lower_bound(names.begin(), names.end(), key, [](const auto& a, const std::string& k) { return a.first < k; });
        if (it != names.end() && it->first == key) return it->second;
        return std::nullopt;
    }
};

package::package(std::unique_ptr<impl> p) : p_(std::move(p)) {}
package::package(package&&) noexcept = default;
package& package::operator=(package&&) noexcept = default;
package::~package() = default;

result<package> package::open(std::string_view bytes, const limits& lim) {
    auto p = std::make_unique<impl>();
    p->lim = lim;
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
    if (src == nullptr) {
        std::string m = zip_error_strerror(&err);
        zip_error_fini(&err);
        return fail(errc::internal, "cannot read the package: " + m);
    }
    p->zip = zip_open_from_source(src, ZIP_RDONLY, &err);
    if (p->zip == nullptr) {
        const int code = zip_error_code_zip(&err);
        std::string m = zip_error_strerror(&err);
        zip_error_fini(&err);
        zip_source_free(src);
        if (code == ZIP_ER_NOZIP || code == ZIP_ER_INCONS || code == ZIP_ER_EOF || code == ZIP_ER_READ)
            return fail(errc::zip_corrupt, "not a readable zip package (truncated or damaged): " + m);
        return fail(errc::zip_corrupt, "cannot open the zip package: " + m);
    }
    zip_error_fini(&err);
    const zip_int64_t n = zip_get_num_entries(p->zip, 0);
    if (n < 0) return fail(errc::zip_corrupt, "cannot read the zip directory");
    if (static_cast<std::uint64_t>(n) > lim.max_zip_entries)
        return limit_breach("max_zip_entries", fmt::format("the package has {} entries, more than {}", n, lim.max_zip_entries));
    p->names.reserve(static_cast<std::size_t>(n));
    for (zip_int64_t i = 0; i < n; ++i) {
        const char* name = zip_get_name(p->zip, static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
        if (name != nullptr) p->names.emplace_back(lower(name), static_cast<zip_uint64_t>(i));
    }
    std::sort(p->names.begin(), p->names.end());
    return package(std::move(p));
}

bool package::has(std::string_view part) const { return p_->find(part).has_value(); }

namespace {

// The limits on inflated bytes, checked as they grow.
std::optional<error> check_growth(std::string_view part, std::uint64_t out, std::uint64_t total, std::uint64_t compressed_in,
                                  const limits& lim) {
    if (out > lim.max_part_bytes)
        return limit_breach("max_part_bytes", fmt::format("{}: more than {} bytes uncompressed", part, lim.max_part_bytes));
    if (total > lim.max_total_bytes)
        return limit_breach("max_total_bytes", fmt::format("the package inflates to more than {} bytes", lim.max_total_bytes));
    if (out > lim.inflate_ratio_threshold && out / std::max<std::uint64_t>(compressed_in, 1) > lim.max_inflate_ratio)
        return limit_breach("max_inflate_ratio", fmt::format("{}: inflates more than {} times the {} compressed bytes it came from: "
                                                             "a zip bomb?",
                                                             part, lim.max_inflate_ratio, compressed_in));
    return std::nullopt;
}

}  // namespace

result<std::string> package::read(std::string_view part) {
    std::string out;
    auto failed = stream(part, [&out](std::string_view piece) { out.append(piece); }, &out);
    if (failed) return std::move(*failed);
    return out;
}

std::optional<error> package::stream(std::string_view part, const std::function<void(std::string_view)>& sink) {
    return stream(part, sink, nullptr);
}

std::optional<error> package::stream(std::string_view part, const std::function<void(std::string_view)>& sink, std::string* reserve) {
    const auto index = p_->find(part);
    if (!index) return fail(errc::missing_part, fmt::format("the package has no part {}", part));
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(p_->zip, *index, 0, &st) != 0) return fail(errc::zip_corrupt, fmt::format("{}: unreadable zip entry", part));
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE)
        return fail(errc::encrypted, fmt::format("{}: the zip entry is encrypted", part));
    const limits& lim = p_->lim;
    // Reserve what the directory claims, within reason; the loops enforce the truth.
    if (reserve != nullptr && (st.valid & ZIP_STAT_SIZE))
        reserve->reserve(static_cast<std::size_t>(std::min<std::uint64_t>(st.size, 64u << 20)));
    // A part read again is not counted again: the limit is on what the package holds.
    const bool count = std::find(p_->counted.begin(), p_->counted.end(), *index) == p_->counted.end();
    if (count) p_->counted.push_back(*index);
    std::uint64_t out = 0;  // bytes of this part so far
    const auto grow = [&](std::size_t n, std::uint64_t compressed_in) {
        out += n;
        if (count) p_->total += n;
        return check_growth(part, out, p_->total, compressed_in, lim);
    };

    // Deflate (what Word writes) is inflated here, from the raw compressed
    // bytes, so the ratio is measured against the compressed bytes actually
    // consumed: a bomb stops within the first `inflate_ratio_threshold` bytes
    // it produces. Other methods go through libzip, measured against the
    // entry's whole compressed size.
    const bool deflate = (st.valid & ZIP_STAT_COMP_METHOD) && st.comp_method == ZIP_CM_DEFLATE;
    zip_file_t* f = zip_fopen_index(p_->zip, *index, deflate ? ZIP_FL_COMPRESSED : 0);
    if (f == nullptr) {
        zip_error_t* e = zip_get_error(p_->zip);
        const int code = zip_error_code_zip(e);
        if (code == ZIP_ER_COMPNOTSUPP || code == ZIP_ER_ENCRNOTSUPP)
            return fail(code == ZIP_ER_ENCRNOTSUPP ? errc::encrypted : errc::unsupported, fmt::format("{}: {}", part, zip_error_strerror(e)));
        return fail(errc::zip_corrupt, fmt::format("{}: {}", part, zip_error_strerror(e)));
    }
    struct closer {
        zip_file_t* f;
        ~closer() {
            if (f != nullptr) zip_fclose(f);
        }
    } guard{f};
    // Compressed input and inflated output, off the stack (the sink may need it), each under
    // malloc's mmap threshold: no system call per part.
    constexpr std::size_t size = 1u << 16;
    const auto in_buffer = std::make_unique_for_overwrite<char[]>(size);
    const auto out_buffer = std::make_unique_for_overwrite<char[]>(size);
    char* const in = in_buffer.get();
    char* const buf = out_buffer.get();
    if (deflate) {
        z_stream z{};
        if (inflateInit2(&z, -MAX_WBITS) != Z_OK) return fail(errc::internal, "cannot start zlib");
        struct ender {
            z_stream* z;
            ~ender() { inflateEnd(z); }
        } zguard{&z};
        std::uint64_t consumed = 0;
        uLong crc = crc32(0L, Z_NULL, 0);
        int ret = Z_OK;
        while (ret != Z_STREAM_END) {
            const zip_int64_t got = zip_fread(f, in, size);
            if (got < 0) return fail(errc::zip_corrupt, fmt::format("{}: damaged data ({})", part, zip_file_strerror(f)));
            if (got == 0) return fail(errc::zip_corrupt, fmt::format("{}: the compressed data ends early (truncated?)", part));
            consumed += static_cast<std::uint64_t>(got);
            z.next_in = reinterpret_cast<Bytef*>(in);
            z.avail_in = static_cast<uInt>(got);
            do {
                z.next_out = reinterpret_cast<Bytef*>(buf);
                z.avail_out = size;
                ret = inflate(&z, Z_NO_FLUSH);
                if (ret != Z_OK && ret != Z_STREAM_END && ret != Z_BUF_ERROR)
                    return fail(errc::zip_corrupt, fmt::format("{}: damaged deflate data ({})", part, z.msg != nullptr ? z.msg : "inflate failed"));
                const std::size_t n = size - z.avail_out;
                crc = crc32(crc, reinterpret_cast<const Bytef*>(buf), static_cast<uInt>(n));
                if (auto breach = grow(n, consumed)) return std::move(*breach);
                if (n != 0) sink(std::string_view(buf, n));
            } while (z.avail_out == 0 && ret != Z_STREAM_END);
        }
        if ((st.valid & ZIP_STAT_CRC) && crc != st.crc) return fail(errc::zip_corrupt, fmt::format("{}: CRC mismatch", part));
        if ((st.valid & ZIP_STAT_SIZE) && out != st.size)
            return fail(errc::zip_corrupt, fmt::format("{}: {} bytes inflated, the zip directory says {}", part, out, st.size));
        return std::nullopt;
    }
    const std::uint64_t compressed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
    for (;;) {
        const zip_int64_t got = zip_fread(f, buf, size);
        if (got < 0) return fail(errc::zip_corrupt, fmt::format("{}: damaged data ({})", part, zip_file_strerror(f)));
        if (got == 0) break;
        if (auto breach = grow(static_cast<std::size_t>(got), compressed)) return std::move(*breach);
        sink(std::string_view(buf, static_cast<std::size_t>(got)));
    }
    // libzip checks the CRC at the end of the entry; a mismatch is an error on close.
    guard.f = nullptr;
    if (zip_fclose(f) != 0) return fail(errc::zip_corrupt, fmt::format("{}: CRC mismatch or damaged data", part));
    return std::nullopt;
}

std::string resolve_part_name(std::string_view base_dir, std::string_view target) {
    std::string path;
    if (!target.empty() && target.front() == '/') path.assign(target.substr(1));
    else {
        path.assign(base_dir);
        if (!path.empty() && path.back() != '/') path += '/';
        path.append(target);
    }
    std::vector<std::string> parts;
    std::size_t b = 0;
    while (b <= path.size()) {
        std::size_t e = path.find('/', b);
        if (e == std::string::npos) e = path.size();
        std::string seg = path.substr(b, e - b);
        if (seg == "..") {
            if (!parts.empty()) parts.pop_back();
        } else if (!seg.empty() && seg != ".") {
            parts.push_back(std::move(seg));
        }
        b = e + 1;
    }
    std::string out;
    for (const std::string& s : parts) {
        if (!out.empty()) out += '/';
        out += s;
    }
    return out;
}

result<std::vector<package::relationship>> package::relationships(std::string_view source) {
    std::vector<relationship> out;
    const std::size_t slash = source.rfind('/');
    const std::string dir(slash == std::string_view::npos ? std::string_view{} : source.substr(0, slash));
    const std::string name(slash == std::string_view::npos ? source : source.substr(slash + 1));
    const std::string rels_part = (dir.empty() ? std::string() : dir + "/") + "_rels/" + name + ".rels";
    if (!has(rels_part)) return out;
    auto bytes = read(rels_part);
    if (!bytes) return bytes.err();
    auto doc = parse_xml(std::move(bytes.value()), rels_part);
    if (!doc) return doc.err();
    for (pugi::xml_node rel : doc.value()->doc.document_element().children()) {
        if (!is(rel, ns_relationships, "Relationship")) continue;
        relationship r;
        r.id = rel.attribute("Id").value();
        r.type = rel.attribute("Type").value();
        r.external = std::string_view(rel.attribute("TargetMode").value()) == "External";
        r.target = r.external ? std::string(rel.attribute("Target").value()) : resolve_part_name(dir, rel.attribute("Target").value());
        out.push_back(std::move(r));
    }
    return out;
}

result<std::string> package::main_part(std::string& content_type) {
    // 1. The officeDocument relationship of the package.
    std::string target;
    auto rels = relationships("");
    if (!rels) return rels.err();
    for (const relationship& r : rels.value())
        if ((r.type == rel_office_document_transitional || r.type == rel_office_document_strict) && !r.external) {
            target = r.target;
            break;
        }
    // 2. Content types: the type of the target, or the part that holds a main document.
    std::string overrides_main;
    if (has("[Content_Types].xml")) {
        auto ct = read("[Content_Types].xml");
        if (!ct) return ct.err();
        auto doc = parse_xml(std::move(ct.value()), "[Content_Types].xml");
        if (!doc) return doc.err();
        const pugi::xml_node root = doc.value()->doc.document_element();
        for (pugi::xml_node n : root.children()) {
            if (is(n, ns_content_types, "Override")) {
                const std::string name = resolve_part_name("", n.attribute("PartName").value());
                const std::string type = n.attribute("ContentType").value();
                if (!target.empty() && lower(name) == lower(target)) content_type = type;
                if (overrides_main.empty() && (ends_with(type, ".document.main+xml") || ends_with(type, ".document.macroEnabled.main+xml") ||
                                               ends_with(type, ".template.main+xml") || ends_with(type, ".template.macroEnabledTemplate.main+xml")))
                    overrides_main = name;
                if (overrides_main.empty() && (ends_with(type, "sheet.main+xml") || ends_with(type, "presentation.main+xml")))
                    overrides_main = name, content_type = type;
            }
        }
        if (content_type.empty() && !target.empty()) {
            const std::size_t dot = target.rfind('.');
            const std::string ext = dot == std::string::npos ? "" : lower(target.substr(dot + 1));
            for (pugi::xml_node n : root.children())
                if (is(n, ns_content_types, "Default") && lower(n.attribute("Extension").value()) == ext)
                    content_type = n.attribute("ContentType").value();
        }
    }
    if (target.empty()) {
        if (overrides_main.empty())
            return fail(errc::missing_part, "the package names no main document (no officeDocument relationship in _rels/.rels, "
                                            "no main document in [Content_Types].xml)");
        target = overrides_main;
    }
    if (!has(target)) return fail(errc::missing_part, fmt::format("the main document part {} named by the package is missing", target));
    return target;
}

}  // namespace jixiao::detail
