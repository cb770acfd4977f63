#!/usr/bin/env bash
# runtime.GOROOT (runtime/lib/runtime_goroot.cpp): $GOROOT as the process
# started, else the root of the Go tree whose `go` comes first in PATH
# (found through symbolic links, recognised by its pkg/tool), else "".
# Fake trees in a temporary directory check the search without Go; the
# comparison with `go env GOROOT` runs where go is installed.
#
# usage: tests/goroot.sh path/to/gol
set -u

GOL=${1:?usage: $0 path/to/gol}
if [[ $GOL != /* ]]; then GOL=$PWD/$GOL; fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gol-goroot.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 2

failed=0
check() { # NAME WANT GOT
  if [ "$2" = "$3" ]; then
    echo "ok   $1"
  else
    echo "FAIL $1: want '$2', got '$3'"
    failed=$((failed + 1))
  fi
}

cat >goroot.gol <<'EOF'
package main

import (
	"fmt"
	"os"
	"runtime"
)

func main() {
	root := runtime.GOROOT()
	os.Setenv("GOROOT", "/changed/later")
	fmt.Printf("%s|%v\n", root, runtime.GOROOT() == root)
}
EOF

# A Go tree (bin/go and pkg/tool), a `go` linked to it from elsewhere, and
# a `go` that belongs to no tree.
mkdir -p tree/bin tree/pkg/tool links lone
printf '#!/bin/sh\n' >tree/bin/go
chmod +x tree/bin/go
ln -s "$WORK/tree/bin/go" links/go
cp tree/bin/go lone/go
printf 'not executable\n' >notexec-go
mkdir notexec && cp notexec-go notexec/go

# GOL is run through env so that PATH applies only to the program.
goroot() { # PATH [GOROOT]
  if [ $# -gt 1 ]; then
    env -u GOROOT PATH="$1" GOROOT="$2" "$GOL" run goroot.gol
  else
    env -u GOROOT PATH="$1" "$GOL" run goroot.gol
  fi
}

check "tree's own bin" "$WORK/tree|true" "$(goroot "$WORK/tree/bin")"
check "through a symbolic link" "$WORK/tree|true" "$(goroot "$WORK/links:$WORK/tree/bin")"
check "first go in PATH wins, even outside a tree" "|true" "$(goroot "$WORK/lone:$WORK/tree/bin")"
check "a go that is not executable is passed over" "$WORK/tree|true" "$(goroot "$WORK/notexec:$WORK/tree/bin")"
check "no go in PATH" "|true" "$(goroot "$WORK/empty-dir")"
check "\$GOROOT first" "/from/env|true" "$(goroot "$WORK/tree/bin" /from/env)"
check "empty \$GOROOT is unset" "$WORK/tree|true" "$(goroot "$WORK/tree/bin" "")"

if command -v go >/dev/null 2>&1; then
  want=$(env -u GOROOT go env GOROOT)
  check "the installed go's root (go env GOROOT)" "$want|true" "$(env -u GOROOT "$GOL" run goroot.gol)"
else
  echo "skip the installed go's root: go not installed"
fi

[ "$failed" = 0 ]
