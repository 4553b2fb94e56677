// jixiao::detail — an OLE2 compound file ([MS-CFB]): the container of .doc,
// .xls and encrypted OOXML files.
//
// The streams are extracted by libgsf (GsfInfileMSOle over the caller's
// bytes, no copy). Before libgsf sees a file, our own pass checks everything
// libgsf would walk, because libgsf tolerates what we must refuse: it cuts a
// looping sector chain short with a g_warning on stderr (a silently short
// stream), recurses once per directory entry, sorts siblings by insertion
// (quadratic), sizes a stack buffer by the header's FAT count, and reports
// most damage through g_warning / g_return_if_fail (printing, and aborting
// under G_DEBUG=fatal-warnings). So a file reaches libgsf only when its
// header, DIFAT, FAT, mini FAT, directory tree and the chains of the streams
// we read are sound and bounded; anything else is errc::compound_file_corrupt
// naming what is wrong. docs/doc.md has the list.
#ifndef JIXIAO_READ_DOC_CFB_HPP
#define JIXIAO_READ_DOC_CFB_HPP

#include <jixiao/document.hpp>
#include <jixiao/error.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao::detail {

/// Bounds of the compound-file layer beyond jixiao::limits (a breach is
/// compound_file_corrupt: no real Office file comes near them).
struct cfb_bounds {
    static constexpr std::uint32_t max_entries = 65'536;   ///< directory entries reachable from the root
    static constexpr std::uint32_t max_siblings = 1'024;   ///< entries in one storage
    static constexpr std::uint32_t max_depth = 1'024;      ///< links from the root to any entry
};

class compound_file {
public:
    /// Whether `bytes` starts with the compound-file signature D0 CF 11 E0 A1 B1 1A E1.
    static bool sniff(std::string_view bytes) noexcept;

    /// Checks and opens a compound file held in `bytes` (which must outlive
    /// it). Fails with compound_file_corrupt (the message says what is
    /// wrong, the location its byte offset).
    static result<compound_file> open(std::string_view bytes);

    compound_file(compound_file&&) noexcept;
    compound_file& operator=(compound_file&&) noexcept;
    ~compound_file();

    /// Whether the root storage holds a stream of this name (compared
    /// without case, as [MS-CFB] 2.6.4 says; names here are ASCII).
    bool has_stream(std::string_view name) const;
    /// The whole stream of this name in the root storage. Fails with
    /// compound_file_corrupt when its sector chain is damaged (loops, runs
    /// past the end of the file, is shorter than the stream's size).
    result<std::string> read(std::string_view name);

    /// Names of the streams and storages in the root storage, for messages.
    std::vector<std::string> root_names() const;

private:
    struct impl;
    explicit compound_file(std::unique_ptr<impl> p);
    std::unique_ptr<impl> p_;
};

}  // namespace jixiao::detail

#endif
