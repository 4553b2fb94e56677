#!/usr/bin/env bash
# Install everything jixiao needs to build and test on Debian 12 (bookworm).
# Run as root, or as a user with sudo. Safe to run again: apt skips what is present.
set -euo pipefail

packages=(
  # toolchain
  g++ clang libclang-rt-14-dev cmake ninja-build pkg-config make git ca-certificates
  # libraries the library links
  libpugixml-dev libzip-dev libgumbo-dev zlib1g-dev libicu-dev libutf8proc-dev libfmt-dev
  # .doc: libgsf reads OLE2 compound files (checked by lib/read/doc/cfb.cpp first)
  libgsf-1-dev
  # the archive library (jixiao convert): SQLite and XLSX outputs, SHA-256 content keys (Nettle)
  libsqlite3-dev libxlsxwriter-dev nettle-dev
  # the command-line tool's allocator (CMake option JIXIAO_JEMALLOC)
  libjemalloc-dev
  # header-only libraries
  nlohmann-json3-dev libcli11-dev doctest-dev
  # the Python module and its Dask example (tests); the tests of jixiao convert read its
  # outputs back with Python (sqlite3, csv, zipfile); the sqlite3 shell for people
  python3 python3-dev pybind11-dev python3-distributed sqlite3
  # benchmarks (bench/, built in CI's GCC pass)
  libbenchmark-dev
  # the browser test of `jixiao report` (tests/report/): headless Chromium, and a CJK font
  # so that the screenshot shows the Chinese text rather than boxes
  chromium fonts-wqy-microhei
)

# Optional, for developers regenerating fixtures only (builds and CI never need it):
# `bash scripts/setup.sh --fixtures` adds LibreOffice, which scripts/make_doc_fixtures.py
# (.doc) and scripts/make_html_xlsx_fixtures.sh (HTML, .xlsx) use to convert the corpus forms.
if [ "${1:-}" = "--fixtures" ]; then packages+=(libreoffice-writer-nogui libreoffice-calc-nogui); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#packages[@]} packages present"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# Other sessions on a shared machine may hold the dpkg lock: wait for it rather than fail.
$sudo apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}"
