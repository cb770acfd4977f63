#!/usr/bin/env bash
# gol's unicode classes (IsLetter ... IsGraphic, counted over all 1,114,112
# code points) and simple case mappings (every rune ToUpper, ToLower or
# ToTitle changes) against UnicodeData.txt and PropList.txt read directly
# here, not through the generator. Skipped (77) without unicode-data.
set -euo pipefail
gol=${1:?usage: unicode_all_runes.sh GOL SOURCE_DIR}
src=${2:?usage: unicode_all_runes.sh GOL SOURCE_DIR}
source "$(dirname "${BASH_SOURCE[0]}")/unicode_data.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$gol" run "$src/tests/unicode_all_runes.gol" >"$out/gol.txt"
python3 - "$ucd" >"$out/want.txt" <<'PY'
import sys
ucd = sys.argv[1]
cat, up, lo, ti = {}, {}, {}, {}
first = None
for line in open(ucd + "/UnicodeData.txt", encoding="utf-8"):
    f = line.rstrip("\n").split(";")
    cp = int(f[0], 16)
    if f[1].endswith("First>"):
        first = cp
        continue
    for r in range(first if f[1].endswith("Last>") else cp, cp + 1):
        cat[r] = f[2]
    first = None
    for field, m in ((12, up), (13, lo), (14, ti)):
        if f[field]:
            m[cp] = int(f[field], 16)
space = set()
for line in open(ucd + "/PropList.txt", encoding="utf-8"):
    line = line.split("#")[0].strip()
    if line and line.split(";")[1].strip() == "White_Space":
        a = line.split(";")[0].strip().split("..")
        space.update(range(int(a[0], 16), int(a[-1], 16) + 1))
c = lambda r: cat.get(r, "Cn")
preds = [  # Go's definitions, in the order of unicode_all_runes.gol
    lambda r: c(r)[0] == "L", lambda r: c(r) == "Nd", lambda r: c(r)[0] == "N",
    lambda r: r in space, lambda r: c(r) == "Lu", lambda r: c(r) == "Ll",
    lambda r: c(r) == "Lt", lambda r: c(r)[0] == "P", lambda r: c(r)[0] == "S",
    lambda r: c(r)[0] == "M", lambda r: c(r) == "Cc",
    lambda r: c(r)[0] in "LMNPS" or r == 0x20, lambda r: c(r)[0] in "LMNPS" or c(r) == "Zs",
]
counts = [0] * len(preds)
for r in range(0x110000):
    for i, p in enumerate(preds):
        counts[i] += p(r)
    m = (up.get(r, r), lo.get(r, r), ti.get(r, r))
    if m != (r, r, r):
        print("%X %X %X %X" % ((r,) + m))
print("counts [" + " ".join(map(str, counts)) + "]")
PY
if ! diff "$out/want.txt" "$out/gol.txt" | head -20; then exit 1; fi
cmp -s "$out/want.txt" "$out/gol.txt" || exit 1
echo "unicode classes and case mappings match $ucd ($(tail -1 "$out/gol.txt"))"
