#!/usr/bin/env bash
# jixiao beside the floor and the peers, on the same files (docs/benchmarks.md, issue 9).
#
#   bash bench/peers.sh [ROWS...]        default: 1000 10000; tables made by bench/make_table.py
#
# For each generated table (and the corpus's two real .docx forms) it runs, RUNS times each:
#   floor          bench/floor.cpp: libzip inflates word/document.xml, pugixml parses it, nothing else
#   check          read → grid → form, no output: `jixiao check` once it exists, else bench/read.cpp
#   dump           jixiao dump --format json FILE >/dev/null
#   pandoc         pandoc -f docx -t json -o /dev/null FILE           (Debian's pandoc)
#   mammoth        node mammoth FILE >/dev/null                         (npm mammoth, in bench/peers/)
#   python-docx    every table cell's text through python-docx          (Debian's python3-docx)
# and prints the median wall time and median peak RSS (GNU time's %M) of the runs,
# with the ratios check / floor, dump / floor and peer / dump. Not a test: the figures depend
# on the machine and on what else runs on it; quote medians and ratios measured in one run.
#
# Environment:
#   RUNS=5                 runs per tool and file (the median is reported)
#   PEERS="pandoc mammoth python-docx"   peers to run; PEERS= runs jixiao and the floor only
#                          (the scaling run: PEERS= bash bench/peers.sh 1000 10000 100000)
#   LIMIT=300              seconds before a run is stopped and reported as "> LIMIT s"
#   SLOW_ROWS=1000         python-docx (quadratic: 79 s at 1,000 rows) runs once, and only on
#                          tables of at most this many rows
#   BUILD=build-bench      the Release build (made or brought up to date here)
#   BENCH_WORK=/tmp/jixiao-peers  where the tables and the timings go
# Installs what it lacks: GNU time, pandoc, python3-docx and npm through apt, mammoth 1.13.0
# through npm into bench/peers/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
runs=${RUNS:-5}
peers=${PEERS-pandoc mammoth python-docx}
limit=${LIMIT:-300}
slow_rows=${SLOW_ROWS:-1000}
build=${BUILD:-build-bench}
work=${BENCH_WORK:-/tmp/jixiao-peers}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)

# --- what the runs need --------------------------------------------------------------
need_apt=()
[ -x /usr/bin/time ] || need_apt+=(time)
for p in $peers; do
  case $p in
    pandoc) command -v pandoc >/dev/null || need_apt+=(pandoc) ;;
    python-docx) /usr/bin/python3 -c 'import docx' 2>/dev/null || need_apt+=(python3-docx) ;;
    mammoth) command -v npm >/dev/null || need_apt+=(npm) ;;
  esac
done
if [ ${#need_apt[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  echo "peers: installing ${need_apt[*]}" >&2
  $sudo apt-get -o DPkg::Lock::Timeout=900 update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${need_apt[@]}" >&2
fi
mammoth="$root/bench/peers/node_modules/.bin/mammoth"
if [[ " $peers " == *" mammoth "* ]] && [ ! -x "$mammoth" ]; then
  echo "peers: npm install mammoth@1.13.0 into bench/peers/" >&2
  mkdir -p bench/peers
  (cd bench/peers && [ -f package.json ] || npm init -y >/dev/null) && \
    (cd bench/peers && npm install --no-audit --no-fund --silent mammoth@1.13.0 >&2)
fi
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DJIXIAO_BUILD_TESTS=OFF -DJIXIAO_BUILD_BENCH=ON >/dev/null
cmake --build "$build" >/dev/null  # up to date with the tree
jixiao=$(realpath "$build/jixiao")
floor=$(realpath "$build/bench/jixiao_floor")
if "$jixiao" --help 2>/dev/null | grep -q "^  check "; then check=("$jixiao" check); check_name="jixiao check"
else check=("$(realpath "$build/bench/jixiao_read")"); check_name="jixiao_read (bench/read.cpp)"; fi

mkdir -p "$work"
files=()
for n in "${sizes[@]}"; do
  f="$work/table-$n.docx"
  [ -s "$f" ] || python3 bench/make_table.py "$f" "$n"
  files+=("$f")
done
files+=("$root/corpus/docx/hunan/nanyue-canlian-2020.docx" "$root/corpus/docx/central/jishan-yibao-2020.docx")
cat > "$work/pydocx.py" <<'PY'
# python-docx: load the document and read every table cell's text.
import sys
from docx import Document
n = 0
for t in Document(sys.argv[1]).tables:
    for row in t.rows:
        for c in row.cells:
            n += len(c.text)
print("chars", n)
PY

# --- the runs --------------------------------------------------------------------------
# One run: prints "seconds kilobytes", or "timeout" / "failed". Wall time to the
# microsecond around GNU time (whose %e has 10 ms steps); peak RSS from its %M.
run_once() {
  local rc=0 t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$work/time.txt" timeout "$limit" "$@" >/dev/null 2>"$work/err.txt" || rc=$?
  t1=$(date +%s%N)
  # jixiao exits 1 for a document read with error diagnostics (a table this size breaks the
  # form's own rules: weights do not add up to 100); that is a finished run.
  if [ $rc -eq 124 ]; then echo timeout; elif [ $rc -gt ${ok_rc:-0} ]; then echo failed
  else echo "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }') $(tail -1 "$work/time.txt")"; fi
}
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# tool FILE → "median_seconds median_kb" (or "> LIMIT s", "failed")
measure() {
  local tool=$1 file=$2 n=$runs cmd=() ok_rc=0
  case $tool in
    floor) cmd=("$floor" "$file") ;;
    check) cmd=("${check[@]}" "$file"); ok_rc=1 ;;
    dump) cmd=("$jixiao" dump --format json "$file"); ok_rc=1 ;;
    pandoc) cmd=(pandoc -f docx -t json -o /dev/null "$file") ;;
    mammoth) cmd=(node "$mammoth" "$file") ;;
    python-docx) cmd=(/usr/bin/python3 "$work/pydocx.py" "$file"); n=1 ;;
  esac
  local secs=() kbs=() r
  for ((i = 0; i < n; i++)); do
    r=$(run_once "${cmd[@]}")
    case $r in
      timeout) echo "timeout"; return ;;
      failed) echo "failed: $(tail -1 "$work/err.txt" | cut -c1-80)"; return ;;
    esac
    secs+=("${r% *}"); kbs+=("${r#* }")
  done
  echo "$(printf '%s\n' "${secs[@]}" | median) $(printf '%s\n' "${kbs[@]}" | median)"
}

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "jixiao: $(git -C "$root" rev-parse --short HEAD) ($build); check = $check_name; runs = $runs (median); python-docx 1 run"
printf "pandoc %s, mammoth %s, python-docx %s\n" "$(pandoc --version 2>/dev/null | head -1 | cut -d' ' -f2)" \
  "$(node -p "require('$root/bench/peers/node_modules/mammoth/package.json').version" 2>/dev/null || echo -)" \
  "$(/usr/bin/python3 -c 'import docx; print(docx.__version__)' 2>/dev/null || echo -)"
echo
echo "| file | document.xml | tool | wall (median) | peak RSS | RSS / xml | ratio |"
echo "|---|---:|---|---:|---:|---:|---:|"
for f in "${files[@]}"; do
  xml=$(unzip -l "$f" word/document.xml | awk 'NR == 4 { print $1 }')
  rows=$(basename "$f" .docx | sed -n 's/^table-//p')
  declare -A wall=()
  tools=(floor check dump)
  for p in $peers; do
    [ "$p" = python-docx ] && [ -n "$rows" ] && [ "$rows" -gt "$slow_rows" ] && continue
    tools+=("$p")
  done
  for t in "${tools[@]}"; do
    m=$(measure "$t" "$f")
    name=$(basename "$f")
    case $m in
      timeout) echo "| $name | $xml | $t | > $limit s | | | |"; continue ;;
      failed*) echo "| $name | $xml | $t | $m | | | |"; continue ;;
    esac
    s=${m% *}; kb=${m#* }; wall[$t]=$s
    ratio=""
    case $t in
      check|dump) ratio=$(awk -v a="$s" -v b="${wall[floor]}" 'BEGIN { if (b > 0) printf "%.2f× floor", a / b }') ;;
      floor) ;;
      *) ratio=$(awk -v a="$s" -v b="${wall[dump]}" 'BEGIN { if (b > 0) printf "%.1f× dump", a / b }') ;;
    esac
    awk -v n="$name" -v x="$xml" -v t="$t" -v s="$s" -v k="$kb" -v r="$ratio" \
      'BEGIN { printf "| %s | %.1f MB | %s | %.3f s | %.1f MB | %.2f | %s |\n", n, x / 1e6, t, s, k * 1024 / 1e6, k * 1024 / x, r }'
  done
  unset wall
done
