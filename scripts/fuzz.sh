#!/usr/bin/env bash
# Runs every libFuzzer target for SECONDS each (default 600), one after the
# other, growing a scratch corpus seeded from fuzz/corpus/<target>. Crashes land
# in fuzz-out/<target>/ as crash-* files; the log of each run is kept there too.
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-600}; shift || true
targets=("$@"); [ ${#targets[@]} -gt 0 ] || targets=(docx document_xml text value form html xlsx doc)
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DJIXIAO_FUZZ=ON -DJIXIAO_BUILD_TESTS=OFF -DJIXIAO_BUILD_TOOLS=OFF >/dev/null
cmake --build build-fuzz
for t in "${targets[@]}"; do
  out="fuzz-out/$t"; mkdir -p "$out/corpus"
  dict=""
  case $t in docx|document_xml|xlsx) dict=-dict=fuzz/docx.dict;; html) dict=-dict=fuzz/html.dict;; text|form) dict=-dict=fuzz/text.dict;; value) dict=-dict=fuzz/value.dict;; doc) dict=-dict=fuzz/doc.dict;; esac
  echo "== $t for ${seconds}s"
  ./build-fuzz/fuzz_$t -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
    -artifact_prefix="$out/" $dict "$out/corpus" "fuzz/corpus/$t" > "$out/log.txt" 2>&1 || echo "   $t stopped: see $out/log.txt"
  grep -E 'stat::number_of_executed_units|stat::peak_rss_mb|cov:' "$out/log.txt" | tail -3 || true
done
