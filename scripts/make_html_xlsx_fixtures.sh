#!/usr/bin/env bash
# Regenerates the HTML and XLSX versions of the corpus forms (developer tool;
# CI does not run it — the generated files are committed):
#   corpus/html/libreoffice/NAME.html   LibreOffice Writer's HTML of corpus/docx/*/NAME.docx
#   corpus/xlsx/libreoffice/NAME.xlsx   that HTML opened in LibreOffice Calc, saved as .xlsx
#   corpus/html/word/NAME.htm           Word's "Save as Web Page" markup, in GBK (scripts/make_word_htm.py)
# Needs Debian's libreoffice-writer-nogui and libreoffice-calc-nogui, and a
# built jixiao (for make_word_htm.py):
#   bash scripts/make_html_xlsx_fixtures.sh [build/jixiao]
# then read every .expected.json diff (jixiao_golden corpus --update).
set -euo pipefail
cd "$(dirname "$0")/.."
jixiao=${1:-build/jixiao}
# every corpus form (corpus/docx/FAMILY/NAME.docx; not the quirks, bad files and peers' fixtures)
forms=()
for f in corpus/docx/*/*.docx; do
  case $f in */quirks/*|*/bad/*|*/peers/*) continue;; esac
  f=${f#corpus/docx/}; forms+=("${f%.docx}")
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# A profile of its own, so a running LibreOffice (or another run) is not disturbed.
soffice=(soffice "-env:UserInstallation=file://$work/profile" --headless)
mkdir -p corpus/html/libreoffice corpus/xlsx/libreoffice corpus/html/word
for f in "${forms[@]}"; do
  name=$(basename "$f")
  cp "corpus/docx/$f.docx" "$work/$name.docx"
  "${soffice[@]}" --convert-to 'html:HTML (StarWriter)' --outdir "$work" "$work/$name.docx" >/dev/null
  cp "$work/$name.html" "corpus/html/libreoffice/$name.html"
  "${soffice[@]}" --infilter='HTML (StarCalc)' --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir "$work/x" \
    "corpus/html/libreoffice/$name.html" >/dev/null
  cp "$work/x/$name.xlsx" "corpus/xlsx/libreoffice/$name.xlsx"
  python3 scripts/make_word_htm.py "$jixiao" "corpus/docx/$f.docx" "corpus/html/word/$name.htm"
done
echo "wrote ${#forms[@]} forms × 3 versions under corpus/html and corpus/xlsx"
