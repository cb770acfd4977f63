#!/usr/bin/env bash
# The Go oracle: every Go-mode example must behave under real Go exactly as its
# golden says, so that goldens encode Go's semantics rather than gol's.
#
#   tests/oracle.sh [PATH...]      (default: the repository's examples/)
#
# For each .gol under PATHs: script-mode files (first token is not `package`)
# and files with a `// oracle: skip (...)` header line are skipped. Every other
# file becomes main.go of its own package in one temporary module, all built by
# a single `go build` (one go invocation links many binaries in parallel, far
# faster than one build per file), then each is run with the file's directory
# as cwd and no arguments. Stdout, the exit code and the stderr prefix lines
# are compared with NAME.out (docs/golden-format.md). A program that fails to
# build counts as exit 1 with the compiler's messages as stderr, `./main.go:`
# rewritten to `NAME.gol:`.
#
# Exit: 0 all passed, 1 some failed, 77 (CTest's skip code) when go is absent.
set -u

if ! command -v go >/dev/null 2>&1; then
	echo "oracle: go not found, skipping"
	exit 77
fi

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [ $# -eq 0 ]; then
	set -- "$root/examples"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/gol-oracle.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Reuse the build cache between runs (that is what keeps this fast); fall back
# to a private one when the user's cache is disabled or unusable.
cache=$(go env GOCACHE 2>/dev/null)
if [ -z "$cache" ] || [ "$cache" = off ] || ! mkdir -p "$cache" 2>/dev/null; then
	cache="${TMPDIR:-/tmp}/gol-oracle-gocache"
fi
export GOCACHE="$cache" GOFLAGS= GO111MODULE=on GOTOOLCHAIN=local CGO_ENABLED=0

# Prints "go", "skip" or "script" for one .gol file: the first token after
# comments decides Go mode; a `// oracle: skip` comment before it opts out.
classify() {
	awk '
	{
		line = $0
		while (1) {
			if (inblock) {
				i = index(line, "*/")
				if (!i) break
				line = substr(line, i + 2); inblock = 0; continue
			}
			sub(/^[ \t\r\f]+/, "", line)
			if (NR == 1) sub(/^\xef\xbb\xbf/, "", line)
			if (line == "") break
			if (substr(line, 1, 2) == "//") {
				if (line ~ /^\/\/[ \t]*oracle:[ \t]*skip/) skip = 1
				break
			}
			if (substr(line, 1, 2) == "/*") { line = substr(line, 3); inblock = 1; continue }
			found = 1
			if (line ~ /^package([ \t\/;]|$)/) print (skip ? "skip" : "go"); else print "script"
			exit
		}
	}
	END { if (!found) print "script" }' "$1"
}

# Checks one Go-mode file, already built (or not) by the batch build below;
# writes its verdict to $work/res/IDX ("PASS", or "FAIL file: reason" followed
# by indented detail lines).
check_one() {
	local idx=$1 file=$2
	local dir base name golden d res
	dir=$(cd "$(dirname "$file")" && pwd)
	base=$(basename "$file")
	name=${base%.gol}
	golden="$dir/$name.out"
	d="$work/m/p$idx"
	res="$work/res/$idx"

	if [ ! -f "$golden" ]; then
		echo "FAIL $file: no golden $name.out" >"$res"
		return
	fi

	local code
	# The batch build leaves no binary for a package that failed; building it
	# alone gives its own messages with paths relative to its directory.
	local build=(go build) args=()
	if [[ $name == *_test ]]; then build=(go test -c) args=(-test.v=true); fi
	if [ -x "$work/bin/p$idx" ] || (cd "$d" && "${build[@]}" -o "$work/bin/p$idx" .) >"$d/build" 2>&1; then
		(cd "$dir" && exec timeout 60 "$work/bin/p$idx" "${args[@]}") </dev/null >"$d/stdout" 2>"$d/stderr"
		code=$?
		# Test logs name the file: NAME.go under Go, NAME.gol under gol. A
		# test's duration is wall time under Go; goldens of tests that take
		# no time say 0.00s, which a loaded machine can make 0.01s.
		if [ ${#args[@]} -gt 0 ]; then
			sed -i -e "s|^\( *\)$name\.go:|\1$name.gol:|" \
				-e 's/^\( *--- [A-Z]*: .*\) (0\.0[0-9]s)$/\1 (0.00s)/' "$d/stdout"
		fi
	else
		code=1
		: >"$d/stdout"
		grep -v '^# ' "$d/build" | sed "s|^\./\(main\|$name\)\.go:|$base:|" >"$d/stderr"
	fi

	# Split the golden: stdout up to the first trailer line, then the
	# expected stderr prefix lines and the exit code.
	local marker want_code=0
	marker=$(grep -n -m1 -E '^#### (stderr|exit -?[0-9]+)$' "$golden" | cut -d: -f1)
	: >"$d/want_stderr"
	if [ -z "$marker" ]; then
		cp "$golden" "$d/want_stdout"
	else
		head -n $((marker - 1)) "$golden" >"$d/want_stdout"
		tail -n +"$marker" "$golden" | awk -v out="$d/want_stderr" '
			NR == 1 && $0 == "#### stderr" { inerr = 1; next }
			/^#### exit -?[0-9]+$/ { print $3; found = 1; exit }
			inerr { print > out }
			END { if (!found) print "missing" }' >"$d/want_code"
		want_code=$(cat "$d/want_code")
	fi

	local problems=()
	if [ "$want_code" = missing ]; then
		problems+=("golden has '#### stderr' but no '#### exit N' line")
	elif [ "$code" != "$want_code" ]; then
		problems+=("exit $code, golden says $want_code")
	fi
	if ! cmp -s "$d/want_stdout" "$d/stdout"; then
		problems+=("stdout differs")
	fi
	local nwant
	nwant=$(wc -l <"$d/want_stderr")
	if [ "$nwant" -gt 0 ] && ! head -n "$nwant" "$d/stderr" | cmp -s "$d/want_stderr" -; then
		problems+=("stderr prefix differs")
	fi

	if [ ${#problems[@]} -eq 0 ]; then
		echo PASS >"$res"
		return
	fi
	{
		local joined
		joined=$(printf '%s; ' "${problems[@]}")
		echo "FAIL $file: ${joined%; }"
		# A short diff: golden lines as '-', Go's as '+'.
		if ! cmp -s "$d/want_stdout" "$d/stdout"; then
			diff "$d/want_stdout" "$d/stdout" | grep -E '^[<>]' | head -n 6 |
				sed -e 's/^< /    - /' -e 's/^> /    + /'
		fi
		if [ "$nwant" -gt 0 ] || [ "$code" != "$want_code" ]; then
			head -n 3 "$d/stderr" | sed 's/^/    stderr: /'
		fi
	} >"$res"
}
export -f check_one
export work

mkdir -p "$work/res" "$work/m"
skipped=0
idx=0
: >"$work/list"
while IFS= read -r -d '' f; do
	kind=$(classify "$f")
	# A Go-style test file without a golden is run by `gol test` as go test
	# runs a package (its own PASS/FAIL), not compared: nothing to check.
	case $f in *_test.gol) [ -f "${f%.gol}.out" ] || kind=skip ;; esac
	case $kind in
	go)
		idx=$((idx + 1))
		mkdir -p "$work/m/p$idx"
		# //go:embed patterns name files beside the source: bring them along.
		if grep -q '^[[:space:]]*//go:embed' "$f"; then cp -R "$(dirname "$f")/." "$work/m/p$idx/"; fi
		# A Go-style test file (*_test.gol) is a test package: built with
		# `go test -c`, run with -test.v=true as `gol test` runs its golden.
		case $f in
		*_test.gol) cp "$f" "$work/m/p$idx/$(basename "${f%.gol}").go" ;;
		*) cp "$f" "$work/m/p$idx/main.go" ;;
		esac
		printf '%s\0%s\0' "$idx" "$f" >>"$work/list"
		;;
	*) skipped=$((skipped + 1)) ;;
	esac
done < <(for p in "$@"; do
	if [ -d "$p" ]; then find "$p" -name '*.gol' -type f -print0; else printf '%s\0' "$p"; fi
done | sort -z)

# The module's language version is the toolchain's own, so that a newer Go
# checks today's semantics (per-iteration loop variables) rather than 1.19's.
ver=$(go env GOVERSION | grep -oE 'go[0-9]+\.[0-9]+' | head -n1)
ver=${ver#go}
printf 'module oracle\n\ngo %s\n' "$ver" >"$work/m/go.mod"
mkdir -p "$work/bin"
if [ "$idx" -gt 0 ]; then
	(cd "$work/m" && go build -o "$work/bin/" ./...) >"$work/batch-build" 2>&1
fi

jobs=$(nproc 2>/dev/null || echo 2)
[ "$jobs" -lt 2 ] && jobs=2
xargs -0 -n2 -P "$jobs" bash -c 'check_one "$1" "$2"' _ <"$work/list"

passed=0
failed=0
for ((i = 1; i <= idx; i++)); do
	if [ "$(head -n1 "$work/res/$i" 2>/dev/null)" = PASS ]; then
		passed=$((passed + 1))
	else
		failed=$((failed + 1))
		if [ -f "$work/res/$i" ]; then cat "$work/res/$i"; else echo "FAIL (no result for job $i)"; fi
	fi
done
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
