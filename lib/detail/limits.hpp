// jixiao::detail — the one way to report a breached limit.
#ifndef JIXIAO_DETAIL_LIMITS_HPP
#define JIXIAO_DETAIL_LIMITS_HPP

#include <jixiao/error.hpp>

#include <string>

namespace jixiao::detail {

/// An errc::limit_exceeded error naming the breached member of jixiao::limits.
/// `message` says what was too large; the name is appended as "(limits::NAME)".
inline error limit_breach(const char* name, std::string message, location at = {}) {
    error e;
    e.code = errc::limit_exceeded;
    e.message = std::move(message);
    e.message += " (limits::";
    e.message += name;
    e.message += ')';
    e.at = at;
    e.limit = name;
    return e;
}

}  // namespace jixiao::detail

#endif
