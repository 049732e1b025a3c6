#!/bin/sh
# Seeds each fuzz target's corpus from tests/fixtures (the corpus itself is not committed).
# Run from anywhere: ./fuzz/seed.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
fixtures="$here/../tests/fixtures"
corpus="$here/corpus"
mkdir -p "$corpus/parse_validate" "$corpus/fmt" "$corpus/report" "$corpus/presence_csv" "$corpus/slug"
find "$fixtures" -name '*.toml' | sort | while read -r f; do
    name=$(echo "${f#"$fixtures"/}" | tr '/' '_')
    cp "$f" "$corpus/parse_validate/$name"
    cp "$f" "$corpus/fmt/$name"
done
# report: an agreement, a 0xFF byte, a check-in of the same team.
for team in "$fixtures"/valid/* "$fixtures"/invalid/*/team; do
    [ -f "$team/agreement.toml" ] || continue
    name=$(echo "${team#"$fixtures"/}" | tr '/' '_')
    for c in "$team"/checkins/*.toml; do
        if [ -f "$c" ]; then
            { cat "$team/agreement.toml"; printf '\377'; cat "$c"; } > "$corpus/report/$name"
        else
            cp "$team/agreement.toml" "$corpus/report/$name"
        fi
    done
done
# presence_csv: the CSV files the tests use, plus small hand-written ones.
find "$fixtures" "$here/../tests" -name '*.csv' 2>/dev/null | while read -r f; do
    cp "$f" "$corpus/presence_csv/$(basename "$f")"
done
printf 'date,person,location\n2026-11-17,Ana Silva,office\n2026-11-18,Ben,remote\n' > "$corpus/presence_csv/basic.csv"
printf 'Date;Person;Location;Desk\r\n2026-11-17 09:00;ana silva;Office;12\r\n;x;\r\n' > "$corpus/presence_csv/semicolon.csv"
printf 'location\tperson\tdate\n"onsite"\t"Ben ""B"" K"\t2026-11-19\n' > "$corpus/presence_csv/tab.csv"
# slug: team folder names and ids from the fixtures, and a few hostile ones.
for d in "$fixtures"/valid/* "$fixtures"/invalid/*; do
    basename "$d" > "$corpus/slug/$(basename "$d")"
done
printf 'Weekly Demo!' > "$corpus/slug/words"
printf '\302\233' > "$corpus/slug/c1"
printf '%s' '-' > "$corpus/slug/dash"
printf 'Équipe Café 🙂' > "$corpus/slug/accents"
for t in parse_validate fmt report presence_csv slug; do
    echo "$t: $(ls "$corpus/$t" | wc -l) seeds"
done
