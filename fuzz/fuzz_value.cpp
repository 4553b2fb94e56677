// Fuzz target: the value parser and the verdict. The input is a target and an
// actual separated by the first newline.
#include <jixiao/value.hpp>

#include "detail/utf8.hpp"

#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 4096) return 0;
    const std::string_view in(reinterpret_cast<const char*>(data), size);
    if (jixiao::detail::find_invalid_utf8(in)) return 0;  // readers hand the value stage valid UTF-8 only
    const std::size_t nl = in.find('\n');
    const std::string_view a = in.substr(0, nl);
    const std::string_view b = nl == std::string_view::npos ? std::string_view{} : in.substr(nl + 1);
    jixiao::diagnostics d;
    const jixiao::value target = jixiao::parse_value(a, {}, d);
    const jixiao::value actual = jixiao::parse_value(b, {}, d);
    (void)jixiao::judge(&target, &actual);
    if (target.number) (void)target.number->to_string();
    return 0;
}
