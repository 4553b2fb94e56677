#!/usr/bin/env bash
# Install what jixiao needs, then build and run the whole test suite twice:
#   1. GCC, warnings as errors, with the Python module, the package consumers, the fuzz replays,
#      and the benchmarks built and run briefly;
#   2. Clang, warnings as errors, AddressSanitizer + UndefinedBehaviorSanitizer.
# Exits non-zero on the first failure. `.ci/run` calls this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

run() {  # name, then cmake arguments
  local dir="build-ci-$1"; shift
  echo "== $dir"
  cmake -S . -B "$dir" -G Ninja -DJIXIAO_WERROR=ON "$@" >/dev/null
  cmake --build "$dir"
  ctest --test-dir "$dir" --output-on-failure -j"$(nproc)"
}

run gcc -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=g++ -DJIXIAO_BUILD_BENCH=ON -DJIXIAO_PYTHON=ON -DPython3_EXECUTABLE=/usr/bin/python3
# the benchmark builds and runs (a short run: the figure is for people, not a gate)
build-ci-gcc/bench/jixiao_bench --benchmark_min_time=0.05
ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
  run clang-asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_COMPILER=clang++ -DJIXIAO_SANITIZE=address,undefined
echo "== all tests passed"
