// jixiao::detail — an OPC package (the zip container of .docx/.xlsx), read
// with libzip from memory, with every size counted on the bytes inflated.
#ifndef JIXIAO_READ_OPC_PACKAGE_HPP
#define JIXIAO_READ_OPC_PACKAGE_HPP

#include <jixiao/document.hpp>
#include <jixiao/error.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao::detail {

class package {
public:
    /// Opens a zip package held in `bytes` (which must outlive the package).
    static result<package> open(std::string_view bytes, const limits& lim);

    package(package&&) noexcept;
    package& operator=(package&&) noexcept;
    ~package();

    /// Whether a part exists (names are matched without case, as OPC requires).
    bool has(std::string_view part) const;
    /// The bytes of a part. Fails with missing_part, zip_corrupt (bad CRC,
    /// truncated data), encrypted or limit_exceeded.
    result<std::string> read(std::string_view part);
    /// The bytes of a part handed to `sink` piece by piece as they are
    /// inflated (up to 64 KiB at a time), so that a reader need not hold the
    /// whole part; fails as read(), whose limits hold on the bytes inflated so
    /// far. A failure may come after some pieces were handed over (a CRC
    /// mismatch is only known at the end): the caller drops what it made of them.
    /// Reading a part again does not count its bytes twice against max_total_bytes.
    std::optional<error> stream(std::string_view part, const std::function<void(std::string_view)>& sink);

    /// A relationship of a part, its target resolved to a part name (External
    /// targets are left as written).
    struct relationship {
        std::string id;
        std::string type;
        std::string target;
        bool external = false;
    };
    /// The relationships of `source` (a part name, or "" for the package
    /// itself), read from its .rels part ("xl/_rels/workbook.xml.rels",
    /// "_rels/.rels"); none when that part is missing. Fails as read() and
    /// with xml_malformed.
    result<std::vector<relationship>> relationships(std::string_view source);

    /// The main part of the package, found through _rels/.rels (the
    /// officeDocument relationship, Transitional or Strict) and, when that is
    /// missing, [Content_Types].xml. `content_type` receives its content type.
    result<std::string> main_part(std::string& content_type);

private:
    struct impl;
    std::optional<error> stream(std::string_view part, const std::function<void(std::string_view)>& sink, std::string* reserve);
    explicit package(std::unique_ptr<impl> p);
    std::unique_ptr<impl> p_;
};

/// Parses an OPC part name relative to a source part ("/word/document.xml",
/// "document.xml" from "_rels/.rels"): resolves "..", strips the leading "/".
std::string resolve_part_name(std::string_view base_dir, std::string_view target);

}  // namespace jixiao::detail

#endif
