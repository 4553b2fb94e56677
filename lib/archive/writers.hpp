// The archive writers, one per output format (lib/archive/*.cpp), and what they share.
#ifndef JIXIAO_ARCHIVE_WRITERS_HPP
#define JIXIAO_ARCHIVE_WRITERS_HPP

#include <jixiao/archive.hpp>

#include <memory>
#include <string>

namespace jixiao {
inline namespace v0 {
namespace impl {

result<std::unique_ptr<archive_writer>> open_jsonl(const std::string& path, const writer_options& opts);
result<std::unique_ptr<archive_writer>> open_csv(const std::string& dir, const writer_options& opts);
result<std::unique_ptr<archive_writer>> open_sqlite(const std::string& path, const writer_options& opts);
result<std::unique_ptr<archive_writer>> open_xlsx(const std::string& path, const writer_options& opts);

/// An errc::io error with `message`.
error io_error(std::string message);

/// A record of flat rows (csv, xlsx): the conversion's status and rows, its
/// document dropped once flattened.
record rows_record(conversion c);

/// The document's JSON on one line (to_json), or for a failed conversion an
/// error line: {"schema", "source": {"path", …}, "error": {"code", "message", "line", "offset"}}.
std::string json_line(const conversion& c, bool tables);

}  // namespace impl
}  // namespace v0
}  // namespace jixiao

#endif
