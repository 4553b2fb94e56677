// jixiao::detail — template families: which published template a form's
// layout follows, told by the labels it uses. The families are data, in
// families.cpp; docs/families.md describes each with its sources.
#ifndef JIXIAO_FORM_FAMILIES_HPP
#define JIXIAO_FORM_FAMILIES_HPP

#include <jixiao/form.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace jixiao::detail {

struct family_match {
    std::string_view id = "unknown";
    form_kind kind = form_kind::unknown;  ///< the kind the family's forms are, when the title does not say
    int score = 0;                        ///< markers matched (weighted)
    int runner_up = 0;                    ///< the next family's score
};

/// The family whose markers the form's label keys (detail::label_key of its
/// cells, with and without parenthesized parts) and title match best. A family
/// needs its required markers and a score of at least 3; else "unknown".
family_match match_family(const std::vector<std::string>& keys, std::string_view title_key);

}  // namespace jixiao::detail

#endif
