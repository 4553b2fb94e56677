// jixiao::detail — the Word 97-2003 format over its streams, whatever holds them.
#ifndef JIXIAO_READ_DOC_WORD_HPP
#define JIXIAO_READ_DOC_WORD_HPP

#include <jixiao/document.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace jixiao::detail {

/// Gives a stream of the document by name ("WordDocument", "0Table", "1Table",
/// "Data"): nullopt when there is none, an error when it cannot be read.
using stream_opener = std::function<std::optional<result<std::string>>(std::string_view name)>;

/// Reads the Word document whose streams `open` gives (read_doc passes the
/// compound file's; the fuzz target passes streams cut from its input).
/// Fails with doc_corrupt, encrypted, unsupported (Word 6.0/95) or
/// limit_exceeded, or with the opener's error.
result<raw_document> read_word(const stream_opener& open, const read_options& opts, diagnostics& out);

}  // namespace jixiao::detail

#endif
