#!/usr/bin/env bash
# Runs the programs of Go's own test suite (test/, test/chan, test/ken of
# the Go source; Debian's golang-1.19-src installs them) under gol, judged
# the way Go's test/run.go judges them, by the recipe on their first line:
#   run         the program's stdout and stderr together must equal NAME.out
#               (or be empty when there is no NAME.out) and it must exit 0;
#   runoutput   the program prints a Go program, which is run and judged as
#               `run` (chan/select5.go generates 1,000 select statements);
#   errorcheck  (without flags) `gol check -e` must fail and report exactly
#               the errors the `// ERROR "regexp"` comments want, line by
#               line (tests/go_errorcheck.py, run.go's errorCheck).
#
# usage: go_testsuite.sh GOL [PASS_LIST] [GO_TEST_DIR]
#   PASS_LIST (default tests/go_testsuite.pass) names the programs expected
#   to pass, one `folder/name.go` a line; the script fails when one of them
#   fails (a regression) or when any program dies by a signal.
#   GO_TEST_DIR defaults to /usr/share/go-1.19/test; exit 77 (skip) when it
#   is absent.
#   Programs that drive the go command (they import os/exec or ask
#   runtime.GOROOT: const7, linkx_run, nosplit...) are skipped, not failed,
#   when `go` is not in PATH.
# Environment: GOL_TESTSUITE_TIMEOUT (seconds per program, default 10;
#   GOL_TESTSUITE_GO_TIMEOUT, default 180, for those driving the go
#   command, whose time is the go command's), GOL_TESTSUITE_JOBS (parallel
#   programs, default 2), GOL_TESTSUITE_VERBOSE=1 lists every failure,
#   GOL_TESTSUITE_WRITE=FILE writes the passing list.
set -u
gol=$(realpath "$1")
here=$(cd "$(dirname "$0")" && pwd)
pass_list=${2:-$here/go_testsuite.pass}
suite=${3:-/usr/share/go-1.19/test}
timeout_s=${GOL_TESTSUITE_TIMEOUT:-10}
go_timeout_s=${GOL_TESTSUITE_GO_TIMEOUT:-180}
jobs=${GOL_TESTSUITE_JOBS:-2}

if [ ! -d "$suite" ]; then
	echo "go_testsuite: $suite is absent (install golang-1.19-src); skipped"
	exit 77
fi
suite=$(realpath "$suite")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# run.go runs every `run` program with its own directory, test/, as the
# working directory (chan/ and ken/ programs too, named chan/NAME.go), and
# some programs read their neighbours there (sinit_run.go compiles
# sinit.go). They run here in a copy of that tree made of symbolic links
# (cp -s: real directories, each file a link), so that a program creating
# files in its working directory writes under $work, never into the Go
# installation (CI runs as root).
tree=$work/test
cp -rs "$suite" "$tree"
mkdir "$work/out"

# The go command the programs drive is the first in PATH (run.go puts its
# own GOROOT/bin first, the same tree here). When go's build cache is
# unusable (no $HOME), give it one of our own.
have_go=0
if command -v go >/dev/null 2>&1; then
	have_go=1
	cache=$(go env GOCACHE 2>/dev/null)
	if [ -z "$cache" ] || [ "$cache" = off ] || ! mkdir -p "$cache" 2>/dev/null; then
		export GOCACHE=$work/gocache
	fi
fi

# The recipe is the first line, or the second when the first is a
# `+build` line (run.go). Prints the kind (run, runoutput or errorcheck)
# and, for the run kinds, the program's arguments: the words after the
# kind, except flags for the go command (-gcflags ...), which gol has no
# use for. Programs given extra .go files are left out (gol runs one
# file), and so are errorcheck recipes with flags (gc's -m, -live, -d=...
# report what gc's optimiser did).
recipe() {
	local line kind rest
	line=$(awk 'NR == 1 && /\+build/ { next } { print; exit }' "$1")
	case "$line" in
	"// errorcheck") echo errorcheck; return 0 ;;
	"// run" | "// run "*) kind=run ;;
	"// runoutput" | "// runoutput "*) kind=runoutput ;;
	*) return 1 ;;
	esac
	rest=${line#// "$kind"}
	rest=${rest# }
	case "$rest" in
	-*) echo "$kind" ;;    # compiler flags only
	*.go*) return 1 ;;     # needs a second file
	*) echo "$kind $rest" ;;
	esac
}

# Build constraints before `package` (the `// +build` form: a space is OR,
# a comma AND, `!` NOT; lines AND together), evaluated for linux/amd64 gc.
constraints_hold() {
	awk '
	function tag(t) { return t == "linux" || t == "amd64" || t == "gc" || t == "unix" || t ~ /^go1\./ }
	/^package / { exit }
	/^\/\/ \+build / {
		line_ok = 0
		for (i = 3; i <= NF; i++) {
			n = split($i, terms, ",")
			all = 1
			for (j = 1; j <= n; j++) {
				t = terms[j]; neg = 0
				if (substr(t, 1, 1) == "!") { neg = 1; t = substr(t, 2) }
				v = tag(t); if (neg) v = !v
				if (!v) all = 0
			}
			if (all) line_ok = 1
		}
		if (!line_ok) { bad = 1 }
	}
	END { exit bad }' "$1"
}

# Whether the program drives the go command: it imports os/exec (to run
# `go tool compile`, `go run`, `go build`) or looks for the Go tree
# (winbatch.go walks runtime.GOROOT()).
drives_go() {
	grep -q -e '"os/exec"' -e 'runtime\.GOROOT()' "$1"
}

# Prints signal:N or timeout and succeeds when exit code $1 says gol died
# by a signal or was stopped by `timeout`; fails otherwise.
ended_abnormally() {
	if [ "$1" -eq 124 ] || [ "$1" -eq 137 ]; then
		echo timeout
	elif [ "$1" -gt 128 ]; then
		echo "signal:$(($1 - 128))"
	else
		return 1
	fi
}

# Whether a run's exit code and output pass run.go's `run` judgement.
# Prints the status: pass, fail, timeout or signal:N.
judge_run() {
	local code=$1 got=$2 expected=$3
	if ended_abnormally "$code"; then
		return
	elif [ "$code" -ne 0 ]; then
		echo fail
	elif [ -f "$expected" ]; then
		if cmp -s "$expected" "$got"; then echo pass; else echo fail; fi
	elif [ ! -s "$got" ]; then
		echo pass
	else
		echo fail
	fi
}

# One program: prints `folder/name.go STATUS KIND` where STATUS is pass,
# fail, timeout, signal:N or skip (it drives the go command and there is
# none) and KIND its recipe's kind.
run_one() {
	local rel=$1 src=$suite/$1 rcp kind args got gen expected status code limit=$timeout_s
	rcp=$(recipe "$src") || return 0
	constraints_hold "$src" || return 0
	kind=${rcp%% *}
	args=${rcp#"$kind"}
	if drives_go "$src"; then
		if [ "$have_go" = 0 ]; then
			echo "$rel skip $kind"
			return 0
		fi
		limit=$go_timeout_s
	fi
	got=$(mktemp "$work/out/got.XXXXXX")
	expected=${src%.go}.out
	case $kind in
	run)
		# shellcheck disable=SC2086
		(cd "$tree" && timeout -k 2 "$limit" "$gol" run "$rel" $args >"$got" 2>&1 </dev/null)
		status=$(judge_run $? "$got" "$expected")
		;;
	runoutput)
		gen=$(mktemp "$work/out/tmp__.XXXXXX")
		mv "$gen" "$gen.go"
		gen=$gen.go
		# shellcheck disable=SC2086
		(cd "$tree" && timeout -k 2 "$limit" "$gol" run "$rel" $args >"$gen" 2>"$got" </dev/null)
		code=$?
		if [ "$code" -eq 0 ]; then
			(cd "$tree" && timeout -k 2 "$limit" "$gol" run "$gen" >"$got" 2>&1 </dev/null)
			code=$?
		fi
		status=$(judge_run "$code" "$got" "$expected")
		rm -f "$gen"
		;;
	errorcheck)
		if [ "$have_python" = 0 ]; then
			echo "$rel skip $kind"
			rm -f "$got"
			return 0
		fi
		(cd "$tree" && timeout -k 2 "$limit" "$gol" check -e "$rel" >"$got" 2>&1 </dev/null)
		code=$?
		if status=$(ended_abnormally "$code"); then
			:
		elif [ "$code" -ne 0 ] && python3 "$here/go_errorcheck.py" "$src" "$got" >/dev/null; then
			status=pass
		else
			status=fail
		fi
		;;
	esac
	echo "$rel $status $kind"
	rm -f "$got"
}
export -f run_one judge_run ended_abnormally recipe constraints_hold drives_go
# run.go sets GOOS and GOARCH when they are unset ("a few tests of things
# like the environment require these", env.go reads $GOARCH) and gives each
# program GOENV=off and GOFLAGS= ; gol's runtime is linux/amd64.
export GOOS=${GOOS:-linux} GOARCH=${GOARCH:-amd64} GOENV=off GOFLAGS=
# The errorcheck judge is a Python script: without python3 those programs
# are skipped, not failed.
have_python=0
command -v python3 >/dev/null 2>&1 && have_python=1
export gol here suite tree timeout_s go_timeout_s have_go have_python work

# The programs driving the go command go first: they take the longest
# (nosplit.go runs `go build` a hundred times), so the rest fill the other
# lanes meanwhile.
(cd "$suite" && ls ./*.go chan/*.go ken/*.go) | sed 's|^\./||' >"$work/all"
while read -r rel; do drives_go "$suite/$rel" && echo "$rel"; done <"$work/all" >"$work/first"
grep -vxF -f "$work/first" "$work/all" | cat "$work/first" - |
	xargs -P "$jobs" -I{} bash -c 'run_one "$@"' _ {} | sort >"$work/results"

status=0
# Per folder, per kind: `go_testsuite: top: run 121 / 136, ...`.
for folder in top chan ken; do
	case $folder in
	top) pattern='^[^/]*\.go ' ;;
	*) pattern="^$folder/" ;;
	esac
	line=
	for kind in run runoutput errorcheck; do
		total=$(grep "$pattern" "$work/results" | grep -c " $kind\$")
		[ "$total" -gt 0 ] || continue
		passed=$(grep "$pattern" "$work/results" | grep -c " pass $kind\$")
		line="$line${line:+, }$kind $passed / $total"
	done
	echo "go_testsuite: ${folder}: $line passed"
done

skipped=$(grep -c ' skip ' "$work/results")
if [ "$skipped" -gt 0 ]; then
	echo "go_testsuite: $skipped programs skipped: they drive the go command and there is no go in PATH, or are errorcheck programs and there is no python3"
fi

signals=$(grep ' signal:' "$work/results")
if [ -n "$signals" ]; then
	echo "go_testsuite: died by a signal:"
	echo "$signals" | sed 's/^/  /'
	status=1
else
	echo "go_testsuite: no program died by a signal"
fi

if [ -n "${GOL_TESTSUITE_WRITE:-}" ]; then
	grep ' pass ' "$work/results" | cut -d' ' -f1 >"$GOL_TESTSUITE_WRITE"
fi
if [ "${GOL_TESTSUITE_VERBOSE:-0}" = 1 ]; then
	grep -v ' pass ' "$work/results" | sed 's/^/  not passing: /'
fi

if [ -f "$pass_list" ]; then
	regressions=$(grep -v '^#' "$pass_list" | grep . | while read -r p; do
		grep -q -e "^$p pass " -e "^$p skip " "$work/results" || echo "$p ($(grep "^$p " "$work/results" | cut -d' ' -f2))"
	done)
	if [ -n "$regressions" ]; then
		echo "go_testsuite: REGRESSION: listed as passing but failed now:"
		echo "$regressions" | sed 's/^/  /'
		status=1
	fi
fi
exit $status
