// Values parsed per second on one core (issue 4 aims at ≥ 3 million).
//
//   cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DJIXIAO_BUILD_BENCH=ON
//   cmake --build build-bench --target jixiao_bench
//   ./build-bench/bench/jixiao_bench
//
// The cells are the kinds a form holds, in the proportions of the seed form:
// targets and actuals with comparators, percents, 万, units, bare fractions,
// qualitative words, frequencies, Chinese numerals, blanks and dashes.
#include <jixiao/value.hpp>

#include <benchmark/benchmark.h>

#include <array>
#include <string_view>

namespace {

constexpr std::array<std::string_view, 32> cells{
    "≥80%",       "0.8",          "≤2万",       "5.6万",      "1次/年",    "每年一次",   "≥400平方",  "412平方",
    "≤30日",      "23日",         "良好",       "长期",       "≤2,53万",   "8.3万",      "≥2人",      "4人",
    "100%",       "1",            "≥100%",      "=100%",      "≥1500",     "1721",       "好",        "≥3项",
    "3项",        "一千二百三十四", "2020年12月底前", "—",       "≥90%",      "0.95",       "75元",      "≥15万元",
};

void BM_parse_value(benchmark::State& state) {
    jixiao::diagnostics diags;
    const jixiao::location at;
    std::size_t i = 0;
    for (auto _ : state) {
        jixiao::value v = jixiao::parse_value(cells[i], at, diags);
        benchmark::DoNotOptimize(v);
        if (++i == cells.size()) {
            i = 0;
            diags.clear();
        }
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_parse_value);

// An actual read against its target, as the form stage does, and judged.
void BM_parse_pair_and_judge(benchmark::State& state) {
    jixiao::diagnostics diags;
    const jixiao::location at;
    std::size_t i = 0;
    for (auto _ : state) {
        jixiao::value_context ctx;
        ctx.role = jixiao::value_role::target;
        ctx.hint = "产出指标 成本指标";
        const jixiao::value t = jixiao::parse_value(cells[i], at, diags, ctx);
        ctx.role = jixiao::value_role::actual;
        ctx.target = &t;
        const jixiao::value a = jixiao::parse_value(cells[i + 1], at, diags, ctx);
        benchmark::DoNotOptimize(jixiao::assess(&t, &a));
        i += 2;
        if (i >= cells.size()) {
            i = 0;
            diags.clear();
        }
    }
    state.SetItemsProcessed(state.iterations() * 2);
}
BENCHMARK(BM_parse_pair_and_judge);

void BM_parse_numeral(benchmark::State& state) {
    constexpr std::array<std::string_view, 6> numerals{"一千二百三十四", "两万", "三万五", "二〇二〇", "壹佰贰拾", "一亿零五百万"};
    std::size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(jixiao::parse_numeral(numerals[i]));
        if (++i == numerals.size()) i = 0;
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_parse_numeral);

}  // namespace

BENCHMARK_MAIN();
