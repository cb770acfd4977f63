#!/usr/bin/env bash
# The committed unicode tables are what tools/gen_unicode_tables.py makes
# from the installed Unicode Character Database (Debian's unicode-data).
# Skipped (77) when it is not installed: the build never needs it.
set -euo pipefail
src=${1:?usage: unicode_tables_fresh.sh SOURCE_DIR}
source "$(dirname "${BASH_SOURCE[0]}")/unicode_data.sh"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
python3 "$src/tools/gen_unicode_tables.py" "$ucd" "$out"
status=0
for f in unicode_tables.hpp unicode_tables.cpp unicode.lazy.gol; do
  if ! cmp -s "$out/$f" "$src/runtime/lib/$f"; then
    echo "runtime/lib/$f differs from a fresh generation; run: python3 tools/gen_unicode_tables.py"
    diff "$src/runtime/lib/$f" "$out/$f" | head -20 || true
    status=1
  fi
done
[[ $status == 0 ]] && echo "unicode tables match $ucd"
exit $status
