#!/usr/bin/env bash
# Renders the official documents as a reader sees them (npm run docs:render; not part of npm test):
# writes a monthly bulletin and an annual assessment .docx with the plan tool (a preview from the seed
# notice, no database), converts each to PDF with LibreOffice (headless) and its first page to PNG
# with pdftoppm, into docs/images/ for the README, and checks that the 版记 stands at the foot of the
# last page with the 成文日期. Needs libreoffice, pdftoppm (poppler-utils) and a
# CJK font (fonts-noto-cjk; fonts-wqy-zenhei at least): scripts/fonts/gbt9704-fonts.conf maps the
# fonts GB/T 9704 names to them.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${DOCS_IMAGES:-$root/docs/images}"
for tool in libreoffice pdftoppm; do
  command -v "$tool" >/dev/null || { echo "render-documents: $tool is missing (apt-get install libreoffice-writer poppler-utils)" >&2; exit 2; }
done
if ! fc-list :lang=zh family | grep -q .; then
  echo "render-documents: no CJK font (apt-get install fonts-noto-cjk or fonts-wqy-zenhei)" >&2
  exit 2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

# The seed's issuing office and a month of its plan, pinned in time; no MONGODB_URI: a preview.
export BOT_NOW="${BOT_NOW:-2023-06-10T10:00:00+08:00}"
export DOCUMENT_ISSUER="${DOCUMENT_ISSUER:-上犹县优化营商环境工作领导小组办公室}"
export DOCUMENT_CC="${DOCUMENT_CC:-县委办公室，县人民政府办公室}"
cd "$root"
env -u MONGODB_URI npx tsx src/cli/plan.ts bulletin 2023-05 --out "$work/bulletin.docx"
env -u MONGODB_URI npx tsx src/cli/plan.ts assess 2023 --out "$work/assessment.docx"

# LibreOffice with a profile of its own (another running instance would swallow the conversion)
# and the font mapping.
export FONTCONFIG_FILE="$root/scripts/fonts/gbt9704-fonts.conf"
libreoffice -env:UserInstallation="file://$work/profile" --headless --norestore \
  --convert-to pdf --outdir "$work" "$work/bulletin.docx" "$work/assessment.docx" >/dev/null

for name in bulletin assessment; do
  # What a reader sees first: the issuer and the title on page 1, nothing lost to a missing font.
  first="$(pdftotext -f 1 -l 1 "$work/$name.pdf" - | tr -d ' ')"
  for expected in "$DOCUMENT_ISSUER" "〔2023〕" "关于2023年"; do
    grep -qF "$expected" <<<"$first" || { echo "render-documents: $name page 1 lacks “$expected”" >&2; exit 1; }
  done
  pdftoppm -png -r 80 -f 1 -l 1 -singlefile "$work/$name.pdf" "$out/$name-page-1"
  pages="$(pdfinfo "$work/$name.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')"
  # The 版记 at the foot of the last page (GB/T 9704 §7.4): its last line (…印发) ends at the 版心's
  # bottom edge, 35 mm (99.2 pt) above the A4 page's (842 pt), on the page of the 成文日期.
  foot="$(pdftotext -tsv -f "$pages" -l "$pages" "$work/$name.pdf" - |
    awk -F'\t' '$1 == 5 && $12 ~ /印发$/ { printf "%d", $8 + $10 }')"
  if [[ -z "$foot" ]] || ((foot < 730 || foot > 743)); then
    echo "render-documents: $name's 版记 is not at the foot of its last page (…印发 ends at ${foot:-none} pt)" >&2
    exit 1
  fi
  # The 成文日期, in Chinese or Arabic numerals, on a line of its own.
  pdftotext -f "$pages" -l "$pages" "$work/$name.pdf" - | tr -d ' ' | grep -Eq '^2023年[0-9]+月[0-9]+日$' ||
    { echo "render-documents: $name's 成文日期 is not on the page of the 版记" >&2; exit 1; }
  echo "render-documents: $out/$name-page-1.png (${pages:-?} pages in the PDF)"
done
