// jixiao — version of the library.
#ifndef JIXIAO_VERSION_HPP
#define JIXIAO_VERSION_HPP

#define JIXIAO_VERSION_MAJOR 0
#define JIXIAO_VERSION_MINOR 1
#define JIXIAO_VERSION_PATCH 0
#define JIXIAO_VERSION_STRING "0.1.0"

namespace jixiao {
inline namespace v0 {

/// The library's version as "MAJOR.MINOR.PATCH", the version the running
/// binary was built from (may differ from JIXIAO_VERSION_STRING seen by the caller's compiler).
const char* version() noexcept;

}  // namespace v0
}  // namespace jixiao

#endif
