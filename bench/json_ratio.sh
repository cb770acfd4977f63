#!/bin/sh
# Runs bench/json.gol under gol and as compiled Go (GOMAXPROCS=1) and prints
# each one's milliseconds per Marshal/Unmarshal of the ~1 MB document and
# the ratios gol/go. Usage: bench/json_ratio.sh [GOL]
set -e
GOL=${1:-build/gol}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cp "$(dirname "$0")/json.gol" "$dir/main.go"
(cd "$dir" && go mod init jsonbench >/dev/null 2>&1 && go build -o jsonbench .)
GOMAXPROCS=1 "$dir/jsonbench" >"$dir/go.out"
"$GOL" run "$(dirname "$0")/json.gol" >"$dir/gol.out"
if [ "$(head -1 "$dir/go.out")" != "$(head -1 "$dir/gol.out")" ]; then
  echo "outputs differ:"; head -1 "$dir/go.out"; head -1 "$dir/gol.out"; exit 1
fi
head -1 "$dir/go.out"
for op in marshal unmarshal; do
  g=$(awk -v k="${op}_ms" '$1==k {print $2}' "$dir/go.out")
  l=$(awk -v k="${op}_ms" '$1==k {print $2}' "$dir/gol.out")
  echo "$op: gol ${l} ms, go ${g} ms, gol/go $(echo "$l $g" | awk '{printf "%.2f", $1/$2}')"
done
