// jixiao — checks: the arithmetic and scoring of a form recomputed, and what
// does not add up reported at the cell.
//
// Checks never change the form: they read what it says and return
// diagnostics (code "check.<what>", severity, an English and a Chinese
// message, the cell in `at`). The rules they apply — which budget figure the
// execution rate divides by, how an indicator's score follows from its target
// and actual, the grade bands — come from the form's template family
// (form::family; docs/checks.md lists each rule and its source).
//
//     jixiao::document doc = jixiao::read_file("form.docx").value();
//     for (const jixiao::form& f : doc.forms)
//         for (const jixiao::diagnostic& d : jixiao::check_form(f))
//             std::cout << d.code << ' ' << d.message << '\n';
//
// `read_*` run the checks already when read_options::check is set (the
// default) and put their findings into form::diags.
#ifndef JIXIAO_CHECK_HPP
#define JIXIAO_CHECK_HPP

#include <jixiao/diagnostic.hpp>
#include <jixiao/form.hpp>
#include <jixiao/grid.hpp>

#include <vector>

namespace jixiao {
inline namespace v0 {

/// Tolerances. Amounts are compared in 元, rates as fractions, scores in points.
struct check_options {
    double amount_tolerance = 0.01;  ///< 元: a sub-row sum may differ from the total by rounding to the cent
    double rate_tolerance = 0.005;   ///< 0.5 percentage points between the written and the recomputed 执行率
    double score_tolerance = 0.5;    ///< points between a written and a recomputed score (rounding by fillers)
    /// 元: an amount written as a bare number under a 万元 label that comes to
    /// more than this (1e10 元 = 100 亿元) looks like a 元 figure (check.amount_scale).
    double implausible_amount = 1e10;
};

/// Checks one form. The findings come back in the order of the form's parts
/// (funds, indicators, totals, header). A finding about one value (a score, a
/// rate, an amount) points at that value's cell (`value::at`); others at their
/// item: the funds row's or the indicator's label cell, the 总分 row, the
/// header field; a finding about the form as a whole has only `at.table`.
///
/// Total: any form gives a list (maybe empty), never an exception other than
/// std::bad_alloc. Thread-safe: the rules are constant data.
diagnostics check_form(const form& f, const check_options& opts = {});

/// The same findings. Kept for source compatibility: the grids were once needed
/// to find a value's cell; values now carry their cell (`value::at`).
diagnostics check_form(const form& f, const std::vector<grid>& tables, const check_options& opts = {});

}  // namespace v0
}  // namespace jixiao

#endif
