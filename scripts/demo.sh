#!/usr/bin/env bash
# Install what jixiao needs, build it, and dump the bundled seed form as JSON.
#   bash scripts/demo.sh [--format text]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DJIXIAO_BUILD_TESTS=OFF >/dev/null
cmake --build build
./build/jixiao dump "$@" corpus/text/hunan/nanyue-canlian-2020.txt
