// jixiao — Chinese budget performance forms (绩效自评表, 绩效目标表) as structured data.
//
// Umbrella header. The flow is one direction:
//   bytes → reader (document.hpp: read_text) → raw tables (table.hpp)
//         → grid (grid.hpp: build_grid) → forms (form.hpp: extract_forms)
//         → writers (write.hpp: to_json, to_text)
// `read_file` / `read_bytes` run the whole chain; text inputs are decoded
// first (encoding.hpp: decode_text).
#ifndef JIXIAO_JIXIAO_HPP
#define JIXIAO_JIXIAO_HPP

#include <jixiao/check.hpp>
#include <jixiao/diagnostic.hpp>
#include <jixiao/document.hpp>
#include <jixiao/encoding.hpp>
#include <jixiao/error.hpp>
#include <jixiao/form.hpp>
#include <jixiao/grid.hpp>
#include <jixiao/table.hpp>
#include <jixiao/value.hpp>
#include <jixiao/version.hpp>
#include <jixiao/write.hpp>

#endif
