# Sourced by the tests that read Debian's unicode-data directly: sets ucd to
# its folder, or skips the test (exit 77) when it or python3 is missing.
ucd=/usr/share/unicode
if [[ ! -f $ucd/UnicodeData.txt ]] || ! command -v python3 >/dev/null; then
  echo "skipped: no $ucd/UnicodeData.txt (apt-get install unicode-data) or no python3"
  exit 77
fi
