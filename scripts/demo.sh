#!/usr/bin/env bash
# Install what jixiao needs, build it, and dump the bundled seed form as JSON.
#   bash scripts/demo.sh [--format text]
set -euo pipefail
cd "$(dirname "$0")/.."
# Progress goes to stderr, so that standard output is the dump alone.
bash scripts/setup.sh >&2
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DJIXIAO_BUILD_TESTS=OFF >/dev/null
cmake --build build >&2
./build/jixiao dump "$@" corpus/text/hunan/nanyue-canlian-2020.txt
