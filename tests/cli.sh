#!/usr/bin/env bash
# The gol command's own behaviour (docs/cli.md): flags before the file,
# help texts, script-mode panics, and `gol test -run` / `-update` on golden
# directories built in a temporary directory. The parts that need Go are
# skipped (and said so) where `go` is not installed; the refusal path is
# always tested, with a PATH that has no go.
#
# usage: tests/cli.sh path/to/gol
set -u

GOL=${1:?usage: $0 path/to/gol}
if [[ $GOL != /* ]]; then GOL=$PWD/$GOL; fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gol-cli.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 2

passed=0
failed=0
OUT=$WORK/stdout
ERR=$WORK/stderr

ok() { passed=$((passed + 1)); echo "ok   $1"; }
fail() {
  failed=$((failed + 1))
  echo "FAIL $1: $2"
  echo "  exit code: $rc"
  sed 's/^/  stdout: /' "$OUT" | head -n 12
  sed 's/^/  stderr: /' "$ERR" | head -n 8
}
run() { # ARGS... (sets rc)
  timeout -k 5 60 "$@" >"$OUT" 2>"$ERR" </dev/null
  rc=$?
}
has() { grep -qF -- "$2" "$1"; }

# ---------------------------------------------------------------- flags
cat >hello.gol <<'EOF'
package main

import (
	"fmt"
	"time"
)

func main() {
	time.Sleep(time.Hour)
	fmt.Println("after an hour")
}
EOF
run "$GOL" --bogus hello.gol
if [[ $rc -eq 2 ]] && has "$ERR" "--bogus" && ! has "$ERR" "open"; then ok unknown_flag_before_file
else fail unknown_flag_before_file "want exit 2 and a usage error naming --bogus, not a file error"; fi
run "$GOL" run -x hello.gol
if [[ $rc -eq 2 ]] && has "$ERR" "unknown flag -x"; then ok run_unknown_flag
else fail run_unknown_flag "want exit 2, 'unknown flag -x'"; fi

start=$(date +%s)
run "$GOL" --virtual-time hello.gol
if [[ $rc -eq 0 ]] && [[ $(cat "$OUT") == "after an hour" ]] && (($(date +%s) - start < 20)); then
  ok virtual_time_without_command
else fail virtual_time_without_command "want 'after an hour' at once"; fi

run "$GOL" test --help
if [[ $rc -eq 0 ]] && has "$OUT" "default: on; --no-virtual-time" && has "$OUT" "gol test: 1GiB" &&
  grep -qE -- '--jobs.*2' "$OUT" && grep -qE -- '--timeout.*10' "$OUT" && has "$OUT" "--update-from-gol" &&
  ! has "$OUT" "{false}"; then ok test_help_defaults
else fail test_help_defaults "want the real defaults (virtual time on, 1GiB, -j 2, timeout 10)"; fi

# A panic in a script-mode program names the script's line, not a package's.
printf 'x := 1\nfmt.Println("x is", x)\ntime.Sleep(time.Millisecond)\npanic("from the script")\n' >script_panic.gol
run "$GOL" script_panic.gol
if [[ $rc -eq 2 ]] && [[ $(head -n1 "$ERR") == "panic: from the script" ]] &&
  grep -qE '^	script_panic\.gol:4( |$)' "$ERR" && ! grep -qE '\.gol:1( |$)' "$ERR" && has "$OUT" "x is 1"; then
  ok script_panic_line
else fail script_panic_line "want the trace to point at script_panic.gol:4"; fi

# ---------------------------------------------------------------- gol test -run
mkdir -p sel/a sel/b
for f in a/one a/two b/three; do
  printf 'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("%s") }\n' "$f" >"sel/$f.gol"
  echo "$f" >"sel/$f.out"
done
cat >sel/b/pick_test.gol <<'EOF'
package main

import "testing"

func TestAlpha(t *testing.T) {}
func TestBeta(t *testing.T)  {}
EOF
run "$GOL" test -v -run '^a/t' sel
if [[ $rc -eq 0 ]] && has "$OUT" "ok   sel/a/two.gol" && ! has "$OUT" "one.gol" && ! has "$OUT" "three.gol" &&
  has "$OUT" "1 passed, 0 failed"; then ok run_selects_golden_by_relative_path
else fail run_selects_golden_by_relative_path "want only sel/a/two.gol"; fi
run "$GOL" test -v -run Alpha sel
if [[ $rc -eq 0 ]] && has "$OUT" "=== RUN   TestAlpha" && ! has "$OUT" "TestBeta" &&
  ! has "$OUT" "one.gol"; then ok run_selects_go_style_tests
else fail run_selects_go_style_tests "want TestAlpha run (not TestBeta) and no golden program"; fi
run "$GOL" test -run '(' sel
if [[ $rc -eq 2 ]] && has "$ERR" "invalid regexp"; then ok run_bad_regexp
else fail run_bad_regexp "want exit 2, invalid regexp"; fi

# ---------------------------------------------------------------- gol test -update
# Programs whose goldens are wrong (or missing), for Go to correct.
make_update_dir() {
  rm -rf upd && mkdir -p upd/sub
  cat >upd/hello.gol <<'EOF'
package main

import "fmt"

func main() {
	for i := 0; i < 3; i++ {
		fmt.Println("hello", i)
	}
}
EOF
  echo "stale" >upd/hello.out
  cat >upd/sub/boom.gol <<'EOF'
package main

import "fmt"

func main() {
	fmt.Println("before")
	var m map[string]int
	m["x"] = 1
}
EOF
  cat >upd/sub/exit3.gol <<'EOF'
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("out")
	fmt.Fprintln(os.Stderr, "err line")
	os.Exit(3)
}
EOF
  cat >upd/sub/bad.gol <<'EOF'
package main

func main() {
	_ = y
}
EOF
  printf 'fmt.Println("script", 1+1)\n' >upd/script.gol
  echo "stale script" >upd/script.out
  printf '// oracle: skip (hand-written golden)\npackage main\n\nfunc main() { println("skip") }\n' >upd/skipped.gol
}

if command -v go >/dev/null 2>&1; then
  make_update_dir
  run "$GOL" test -update upd
  want_hello=$'hello 0\nhello 1\nhello 2'
  want_boom=$'before\n#### stderr\npanic: assignment to entry in nil map\n\ngoroutine 1 [running]:\n#### exit 2'
  want_exit3=$'out\n#### stderr\nerr line\n#### exit 3'
  want_bad=$'#### stderr\nbad.gol:4:6: undefined: y\n#### exit 1'
  if [[ $rc -eq 1 ]] && [[ $(cat upd/hello.out) == "$want_hello" ]] && [[ $(cat upd/sub/boom.out) == "$want_boom" ]] &&
    [[ $(cat upd/sub/exit3.out) == "$want_exit3" ]] && [[ $(cat upd/sub/bad.out) == "$want_bad" ]] &&
    has "$OUT" "updated   upd/hello.out from go" && has "$OUT" "created   upd/sub/boom.out from go" &&
    grep -q '^refused   upd/script.gol: script mode' "$OUT" && grep -q '^refused   upd/skipped.gol: marked // oracle: skip' "$OUT" &&
    has "$OUT" "-update-from-gol" && [[ $(cat upd/script.out) == "stale script" ]] && [[ ! -e upd/skipped.out ]] &&
    has "$OUT" "4 updated, 0 unchanged, 2 refused"; then
    ok update_from_go
  else fail update_from_go "want Go's output in the goldens, script.gol and skipped.gol refused by name"; fi
  # Go's goldens are what gol does too.
  run "$GOL" test upd/hello.gol upd/sub
  if [[ $rc -eq 0 ]] && has "$OUT" "4 passed, 0 failed"; then ok updated_goldens_pass
  else fail updated_goldens_pass "want gol to pass the goldens Go wrote"; fi
  run "$GOL" test -update -run hello upd
  if [[ $rc -eq 0 ]] && has "$OUT" "unchanged upd/hello.out from go" && has "$OUT" "0 updated, 1 unchanged, 0 refused"; then
    ok update_with_run
  else fail update_with_run "want only hello, unchanged"; fi
  run "$GOL" test -update-from-gol upd
  if [[ $rc -eq 0 ]] && [[ $(cat upd/script.out) == "script 2" ]] &&
    has "$OUT" "updated   upd/script.out from gol's own output (script mode)" &&
    has "$OUT" "created   upd/skipped.out from gol's own output (marked // oracle: skip)" &&
    has "$OUT" "unchanged upd/hello.out from go"; then
    ok update_from_gol_explicitly
  else fail update_from_gol_explicitly "want script.out and skipped.out from gol, said per file"; fi
else
  echo "skip update_from_go, updated_goldens_pass, update_with_run, update_from_gol_explicitly: go not installed"
fi

# Without go on PATH: Go-mode programs are refused by name, unless
# -update-from-gol is given.
make_update_dir
nogo=$WORK/nogo-bin
mkdir -p "$nogo"
run env PATH="$nogo" "$GOL" test -update upd/hello.gol
if [[ $rc -eq 1 ]] && grep -q '^refused   upd/hello.gol: go is not on PATH' "$OUT" &&
  [[ $(cat upd/hello.out) == stale ]]; then ok update_refused_without_go
else fail update_refused_without_go "want hello.gol refused by name, golden untouched"; fi
run env PATH="$nogo" "$GOL" test -update -update-from-gol upd/hello.gol
if [[ $rc -eq 0 ]] && [[ $(cat upd/hello.out) == "$(printf 'hello 0\nhello 1\nhello 2')" ]] &&
  has "$OUT" "updated   upd/hello.out from gol's own output (go is not on PATH)"; then
  ok update_from_gol_without_go
else fail update_from_gol_without_go "want gol's output written and said so"; fi

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
