#!/usr/bin/env bash
# Benchmark of `jixiao convert` (docs/benchmarks.md): forms per second for an archive of
# real-size forms, with 1 and 2 jobs, into SQLite (batched and per-document commits), CSV and
# JSON Lines, against `jixiao dump` run once per file. Not a test: it takes minutes and its figures depend on the machine.
#
#   bash bench/convert.sh [FORMS] [BUILD_DIR]     # defaults: 10000, build-bench (Release)
set -euo pipefail
cd "$(dirname "$0")/.."
forms=${1:-10000}
build=${2:-build-bench}
work=${BENCH_WORK:-/tmp/jixiao-bench}

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DJIXIAO_BUILD_TESTS=OFF >/dev/null
cmake --build "$build" >/dev/null  # up to date with the tree
jixiao=$(realpath "$build/jixiao")

# The archive: copies of the corpus's real forms (the Hunan department form, 78 indicators, and
# the central project form, 6 indicators; each as text and .docx, the text also in GB18030 and
# UTF-16), in nested folders.
rm -rf "$work" && mkdir -p "$work"
python3 - "$work/archive" "$forms" <<'PY'
import os, shutil, sys
root, n = sys.argv[1], int(sys.argv[2])
src = ["corpus/text/hunan/nanyue-canlian-2020.txt", "corpus/docx/hunan/nanyue-canlian-2020.docx",
       "corpus/text/central/jishan-yibao-2020.txt", "corpus/docx/central/jishan-yibao-2020.docx",
       "corpus/text/encodings/nanyue-canlian-2020.gb18030.txt", "corpus/text/encodings/nanyue-canlian-2020.utf16le.txt"]
for i in range(n):
    d = os.path.join(root, f"r{i % 10}", f"c{i % 17:02d}")
    os.makedirs(d, exist_ok=True)
    s = src[i % len(src)]
    shutil.copyfile(s, os.path.join(d, f"f{i:05d}{os.path.splitext(s)[1]}"))
PY
cd "$work"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "archive: $forms files, $(du -sh archive | cut -f1)"
printf "%-36s %10s %15s %18s %12s\n" "" "wall" "throughput" "CPU (user+sys)" "memory"

measure() {  # label, then the command; prints wall seconds, forms/s, CPU ms per form, peak memory
  local label=$1; shift
  /usr/bin/time -f "%e %M %U %S" -o time.txt "$@" >/dev/null 2>&1 || true
  read -r secs kb user sys < <(tail -1 time.txt)  # GNU time puts "exited with non-zero status" first
  awk -v l="$label" -v s="$secs" -v k="$kb" -v n="$forms" -v c="$user" -v y="$sys" \
    'BEGIN { printf "%-36s %8.2f s %7.0f forms/s %6.2f ms CPU/form %6.1f MiB peak\n", l, s, n / s, 1000 * (c + y) / n, k / 1024 }'
  rm -rf out-csv out.jsonl
}

for jobs in 1 2; do
  rm -f out.sqlite*
  measure "convert -> sqlite, --jobs $jobs" "$jixiao" convert archive -o out.sqlite --jobs $jobs
  rm -f out.sqlite*
  measure "  the same, --commit-ms 0" "$jixiao" convert archive -o out.sqlite --jobs $jobs --commit-ms 0
  measure "convert -> csv, --jobs $jobs" "$jixiao" convert archive -o out-csv/ --jobs $jobs
  measure "convert -> jsonl, --jobs $jobs" "$jixiao" convert archive -o out.jsonl --jobs $jobs
  measure "convert -> jsonl --no-tables, -j $jobs" "$jixiao" convert archive -o out.jsonl --jobs $jobs --no-tables
done
measure "dump once per file (xargs -P 1)" sh -c "find archive -type f | sort | xargs -P 1 -I{} $jixiao dump --compact {} > out.jsonl"
measure "dump once per file (xargs -P 2)" sh -c "find archive -type f | sort | xargs -P 2 -I{} $jixiao dump --compact {} > out.jsonl"
measure "resume: all done, --jobs 2" "$jixiao" convert archive -o out.sqlite --jobs 2
