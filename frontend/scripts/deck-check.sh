#!/usr/bin/env bash
# deck-check builds QBR decks from the committed fixture report (a real API
# answer), converts them to PDF with LibreOffice and checks with pdftotext
# that every slide title and a KPI value are there, in English and Russian.
# Then, for a filled report and an untouched (drafted) one in en, ru and pl,
# it checks that the deck and the server's PDF (churndesk qbr -from) show the
# same section titles in the same order, the same formatted KPI values and
# verdicts, and no placeholder text (scripts/deck-compare.mjs).
# Needs: node (frontend/node_modules installed), go, soffice
# (libreoffice-impress), pdftotext (poppler-utils). Exits non-zero on any miss.
set -euo pipefail
cd "$(dirname "$0")/.."
fixture=src/deck/testdata/report-2026-Q3.json
for tool in soffice pdftotext pdfimages node; do
  command -v "$tool" >/dev/null || { echo "deck-check: $tool is missing (apt-get install -y libreoffice-impress poppler-utils)" >&2; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
check() { # lang, then the strings its PDF must hold
  local lang=$1; shift
  npm run --silent deck -- "$fixture" "$work/deck-$lang.pptx" --lang "$lang" >/dev/null
  # A private profile keeps this run apart from any LibreOffice already open.
  soffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf --outdir "$work" "$work/deck-$lang.pptx" >"$work/soffice-$lang.log" 2>&1 \
    || { echo "deck-check: soffice failed for $lang:" >&2; cat "$work/soffice-$lang.log" >&2; exit 1; }
  pdftotext -layout "$work/deck-$lang.pdf" "$work/deck-$lang.txt"
  # Collapse whitespace: long titles may wrap across lines.
  local text
  text=$(tr -s ' \n\t\f' ' ' <"$work/deck-$lang.txt")
  local pages
  pages=$(grep -c $'\f' "$work/deck-$lang.txt" || true)
  if ((pages < 8 || pages > 12)); then
    echo "deck-check [$lang]: $pages pages, want 8–12" >&2
    fail=1
  fi
  local want
  for want in "$@"; do
    if grep -qF -- "$want" <<<"$text"; then
      echo "ok   [$lang] $want"
    else
      echo "MISS [$lang] $want" >&2
      fail=1
    fi
  done
}
# The account's name and its logins this quarter (a usage KPI), read from the fixture.
read -r account logins_en logins_ru < <(node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const v = r.computed.usage.find((u) => u.key === "logins").this_quarter;
  const f = (l) => new Intl.NumberFormat(l, { maximumFractionDigits: 1 }).format(v).replace(/[\u00a0\u202f]/g, " ").replace(/ /g, "\u00a0");
  console.log(r.account.name.replace(/ /g, "\u00a0"), f("en"), f("ru"));' "$fixture")
account=${account//$'\u00a0'/ }
logins_en=${logins_en//$'\u00a0'/ }
logins_ru=${logins_ru//$'\u00a0'/ }
check en "$account" "Quarterly business review" "Agenda" "Executive summary" "Usage and adoption" "Health trend" \
  "NPS and what they said" "Value delivered" "Experiment: product vs control group" "Goals and outcomes" \
  "Support, loyalty and commercials" "Risks" "Next quarter: goals and next steps" "Worsened" "+8 pp" "$logins_en"
check ru "$account" "Квартальный бизнес-обзор" "Повестка" "Краткое резюме" "Использование и внедрение" "Динамика здоровья" \
  "NPS и отзывы" "Полученная ценность" "Эксперимент: продукт против контрольной группы" "Цели и результаты" \
  "Поддержка, лояльность и коммерция" "Риски" "Следующий квартал: цели и шаги" "Ухудшился" "+8 п. п." "$logins_ru"
# The same story in the deck and in the server's document.
(cd .. && go build -o "$work/churndesk" .)
mkdir -p "$work/same"
pairs=()
for fixture in src/deck/testdata/report-2026-Q3.json src/deck/testdata/report-2026-Q3-untouched.json; do
  name=$(basename "$fixture" .json)
  for lang in en ru pl; do
    base="$work/same/$name-$lang"
    npm run --silent deck -- "$fixture" "$base.pptx" --lang "$lang" --expect "$base.expect.json" >/dev/null
    "$work/churndesk" qbr -from "$fixture" -lang "$lang" -format pdf -o "$base.doc.pdf"
    pairs+=("$base")
  done
done
# One LibreOffice start converts every deck.
soffice -env:UserInstallation="file://$work/profile" --headless --convert-to pdf --outdir "$work/same" "$work"/same/*.pptx >"$work/same.log" 2>&1 \
  || { echo "deck-check: soffice failed:" >&2; cat "$work/same.log" >&2; exit 1; }
for base in "${pairs[@]}"; do
  pdftotext -layout "$base.pdf" "$base.deck.txt"
  pdftotext -layout "$base.doc.pdf" "$base.doc.txt"
  pdftotext "$base.doc.pdf" "$base.doc-raw.txt"
  node scripts/deck-compare.mjs "$base.expect.json" "$base.deck.txt" "$base.doc.txt" "$base.doc-raw.txt" "$(basename "$base")" || fail=1
  # The document carries the deck's charts as 300 dpi pictures (usage always has one).
  charts=$(pdfimages -list "$base.doc.pdf" | awk 'NR > 2 && $13 == 300 && $14 == 300' | wc -l)
  if ((charts < 1)); then
    echo "deck-check [$(basename "$base")]: no 300 dpi chart in the server PDF" >&2
    fail=1
  else
    echo "ok   [$(basename "$base")] $charts charts in the server PDF"
  fi
done
if ((fail)); then
  echo "deck-check: FAILED" >&2
  exit 1
fi
echo "deck-check: ok"
