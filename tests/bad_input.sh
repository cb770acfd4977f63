#!/usr/bin/env bash
# Hostile and malformed inputs: gol must reject them (or run them) cleanly,
# with a clear message and Go's exit codes, never with a crash, a hang, an
# uncaught C++ exception or sanitizer output.  The big inputs are generated
# here at test time so that the repository stays small.
#
# usage: tests/bad_input.sh path/to/gol
set -u

if [[ $# -ne 1 ]]; then
  echo "usage: $0 path/to/gol" >&2
  exit 2
fi
GOL=$1
if [[ $GOL != /* ]]; then GOL=$PWD/$GOL; fi
if [[ ! -x $GOL ]]; then
  echo "bad_input.sh: $GOL is not an executable" >&2
  exit 2
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/gol-bad-input.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
cd "$WORK" || exit 2

passed=0
failed=0
OUT=$WORK/stdout
ERR=$WORK/stderr

fail() {
  echo "FAIL $1: $2"
  echo "  exit code: $rc"
  echo "  stderr (first 5 lines):"
  head -n 5 "$ERR" | sed 's/^/    /' | cut -c1-300
  failed=$((failed + 1))
}

# run_gol ARGS... : runs gol with a limit of GOL_TEST_TIMEOUT seconds (10; a
# sanitizer build's CTest sets more), sets rc
run_gol() {
  timeout -k 5 "${GOL_TEST_TIMEOUT:-10}" "$GOL" "$@" >"$OUT" 2>"$ERR" </dev/null
  rc=$?
}

# crash_text: non-empty when stderr holds signs of a crash rather than a message
crash_text() {
  grep -E -m1 'terminate called|what\(\):|AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|ThreadSanitizer|runtime error:|Segmentation fault|core dumped|Aborted|std::' "$ERR"
}

# common checks on the last run: no hang, no signal, no crash text
sane() { # NAME
  if [[ $rc -eq 124 || $rc -eq 137 ]]; then fail "$1" "timed out after ${GOL_TEST_TIMEOUT:-10} s"; return 1; fi
  if [[ $rc -ge 128 ]]; then fail "$1" "killed by signal $((rc - 128))"; return 1; fi
  local c
  c=$(crash_text)
  if [[ -n $c ]]; then fail "$1" "crash text on stderr: $c"; return 1; fi
  return 0
}

# expect_error NAME PATTERN ARGS... : exit 1, first stderr line matches PATTERN (ERE)
expect_error() {
  local name=$1 pattern=$2
  shift 2
  run_gol "$@"
  sane "$name" || return
  if [[ $rc -ne 1 ]]; then fail "$name" "want exit 1"; return; fi
  local first
  first=$(head -n 1 "$ERR")
  if [[ -z $first ]]; then fail "$name" "empty stderr"; return; fi
  if ! grep -E -q -- "$pattern" <<<"$first"; then
    fail "$name" "first stderr line does not match /$pattern/"
    return
  fi
  echo "ok   $name"
  passed=$((passed + 1))
}

# expect_ok NAME WANT_STDOUT ARGS... : exit 0 and exactly this stdout
expect_ok() {
  local name=$1 want=$2
  shift 2
  run_gol "$@"
  sane "$name" || return
  if [[ $rc -ne 0 ]]; then fail "$name" "want exit 0"; return; fi
  if [[ "$(cat "$OUT")" != "$want" ]]; then
    fail "$name" "stdout is '$(head -c 200 "$OUT")', want '$want'"
    return
  fi
  echo "ok   $name"
  passed=$((passed + 1))
}

# expect_ok_or_error NAME WANT_STDOUT FILE : either runs correctly (exit 0 and
# this stdout) or is rejected with a positioned message (exit 1); deep nesting
# may hit a documented limit, but must never crash.
expect_ok_or_error() {
  local name=$1 want=$2 file=$3
  run_gol run "$file"
  sane "$name" || return
  if [[ $rc -eq 0 ]]; then
    if [[ "$(cat "$OUT")" != "$want" ]]; then
      fail "$name" "exit 0 but stdout is '$(head -c 200 "$OUT")', want '$want'"
      return
    fi
    echo "ok   $name (ran)"
  elif [[ $rc -eq 1 ]]; then
    if ! head -n 1 "$ERR" | grep -E -q "$(pos_long "$file")"; then
      fail "$name" "exit 1 without a positioned message"
      return
    fi
    echo "ok   $name (rejected: $(head -n 1 "$ERR" | cut -c1-120))"
  else
    fail "$name" "want exit 0 or 1"
    return
  fi
  passed=$((passed + 1))
}

pos() { printf '^%s:[0-9]+:[0-9]+: ' "${1//./\\.}"; }
# Go 1.19 omits the column when it is past 255; on very long lines accept both.
pos_long() { printf '^%s:[0-9]+(:[0-9]+)?: ' "${1//./\\.}"; }

# --- files that are not there or not files -------------------------------
expect_error missing_file 'nosuch\.gol' run nosuch.gol
expect_error missing_file_in_dir 'nodir/nosuch\.gol' run nodir/nosuch.gol
mkdir adir
expect_error directory 'adir' run adir
expect_error check_missing_file 'nosuch\.gol' check nosuch.gol

# --- empty input: an empty script-mode program does nothing --------------
: >empty.gol
expect_ok empty_file '' run empty.gol
printf '\n\n   \n\t\n' >blank.gol
expect_ok blank_file '' run blank.gol
printf '// only a comment\n' >comment_only.gol
expect_ok comment_only '' run comment_only.gol

# --- invalid UTF-8 (Go: "invalid UTF-8 encoding") -------------------------
printf 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("caf\xe9")\n}\n' >utf8_string.gol
expect_error utf8_in_string "$(pos utf8_string.gol).*(UTF-8|utf-8|utf8)" run utf8_string.gol
printf 'package main\n\nimport "fmt"\n\nfunc main() {\n\tx\xff := 1\n\tfmt.Println(x\xff)\n}\n' >utf8_ident.gol
expect_error utf8_in_identifier "$(pos utf8_ident.gol)" run utf8_ident.gol
printf 'package main\n\nfunc main() {\n\tx := 1\x00\n\t_ = x\n}\n' >nul_byte.gol
expect_error nul_byte "$(pos nul_byte.gol)" run nul_byte.gol
# 4 KiB of fixed pseudo-random bytes (same every run): rejected with a
# positioned message, never a crash.
LC_ALL=C awk 'BEGIN { srand(7); for (i = 0; i < 4096; i++) printf "%c", int(rand() * 256) }' >garbage.gol
expect_error binary_garbage "$(pos garbage.gol)" run garbage.gol

# --- unterminated tokens at end of file -----------------------------------
printf 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println("abc' >unterminated_string.gol
expect_error unterminated_string_eof "$(pos unterminated_string.gol)" run unterminated_string.gol
printf 'package main\n\nimport "fmt"\n\nfunc main() {\n\tfmt.Println(`abc' >unterminated_raw.gol
expect_error unterminated_raw_string_eof "$(pos unterminated_raw.gol)" run unterminated_raw.gol
printf 'package main\n\nfunc main() {\n}\n\n/* no end' >unterminated_comment.gol
expect_error unterminated_comment_eof "$(pos unterminated_comment.gol).*comment" run unterminated_comment.gol
printf "package main\n\nfunc main() {\n\tr := 'a\n\t_ = r\n}\n" >unterminated_rune.gol
expect_error unterminated_rune "$(pos unterminated_rune.gol)" run unterminated_rune.gol
printf 'package main\n\nfunc main() {\n\tif true {\n' >unclosed_block.gol
expect_error unclosed_block_eof "$(pos unclosed_block.gol)" run unclosed_block.gol
expect_error check_unterminated_string "$(pos unterminated_string.gol)" check unterminated_string.gol

# --- a 10 MB source file: parse, check and run well within 10 s ----------
# 70,000 small functions (about 10.8 MB); main calls the first, a middle
# and the last one.
awk 'BEGIN {
  n = 70000
  print "package main\n\nimport \"fmt\"\n"
  for (i = 0; i < n; i++) {
    printf "// f%d is one step of a Collatz-like map, offset by %d.\n", i, i
    printf "func f%d(x int) int {\n\ty := x + %d\n\tif y%%2 == 0 {\n\t\treturn y / 2\n\t}\n\treturn y*3 + 1\n}\n\n", i, i
  }
  print "func main() {"
  print "\tfmt.Println(f0(7), f35000(1), f69999(2))"
  print "}"
}' >big.gol
size=$(wc -c <big.gol)
if [[ $size -lt 10000000 ]]; then
  echo "FAIL big_source: generator made only $size bytes"
  failed=$((failed + 1))
else
  # f0(7): y=7 is odd -> 22; f35000(1): y=35001 -> 105004;
  # f69999(2): y=70001 -> 210004
  expect_ok big_source_10MB '22 105004 210004' run big.gol
fi

# --- deep nesting: either runs or a clean positioned error ---------------
awk 'BEGIN {
  n = 10000
  printf "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println("
  for (i = 0; i < n; i++) printf "("
  printf "1"
  for (i = 0; i < n; i++) printf ")"
  printf ")\n}\n"
}' >parens.gol
expect_ok_or_error nested_parens_10000 '1' parens.gol

awk 'BEGIN {
  n = 10000
  printf "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tx := 0\n"
  for (i = 0; i < n; i++) printf "{\n"
  printf "x++\n"
  for (i = 0; i < n; i++) printf "}\n"
  printf "\tfmt.Println(x)\n}\n"
}' >blocks.gol
expect_ok_or_error nested_blocks_10000 '1' blocks.gol

awk 'BEGIN {
  n = 10000
  printf "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tx := 1\n\tfmt.Println("
  for (i = 0; i < n; i++) printf "- "
  printf "x)\n}\n"
}' >unary.gol
expect_ok_or_error nested_unary_10000 '1' unary.gol

awk 'BEGIN {
  n = 10000
  printf "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println("
  for (i = 0; i < n; i++) printf "("
  printf "1\n}\n"
}' >open_only.gol
# unbalanced: 10,000 parentheses never closed must be an error, not a crash
expect_error nested_unclosed_10000 "$(pos_long open_only.gol)" run open_only.gol

# a very long line with one error at its end: the column must be right
awk 'BEGIN {
  printf "package main\n\nfunc main() {\n\tx := 0"
  for (i = 0; i < 20000; i++) printf " + 1"
  printf " + y\n\t_ = x\n}\n"
}' >long_line.gol
# y is at column 80011 (11 + 4 * 20000).  Go 1.19 itself omits columns past
# 255 ("long_line.gol:4: undefined: y"); either form is accepted.
expect_error long_line_column '^long_line\.gol:4(:80011)?: undefined: y' run long_line.gol

# --- the decoders of the std packages fed 300 KB of byte garbage ---------
awk 'BEGIN { srand(7); for (i = 0; i < 300000; i++) printf "%c", int(rand() * 256) }' >garbage.bin
cat >decoders.gol <<'GOL'
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"strings"
)

func main() {
	data, _ := os.ReadFile("garbage.bin")
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawURLEncoding} {
		enc.DecodeString(string(data))
		io.ReadAll(base64.NewDecoder(enc, bytes.NewReader(data)))
	}
	hex.DecodeString(string(data))
	io.ReadAll(hex.NewDecoder(bytes.NewReader(data)))
	_ = hex.Dump(data[:4096])
	r := csv.NewReader(bytes.NewReader(data))
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	r.ReadAll()
	csv.NewReader(bytes.NewReader(data)).ReadAll()
	for _, line := range strings.Split(string(data), "\n") {
		url.Parse(line)
		url.ParseQuery(line)
		net.ParseIP(line)
		net.SplitHostPort(line)
		net.ParseCIDR(line)
	}
	for b := data; len(b) > 0; {
		_, n := binary.Uvarint(b)
		if n <= 0 {
			n = 1
		}
		b = b[n:]
	}
	fmt.Println("done")
}
GOL
expect_ok garbage_into_decoders 'done' run decoders.gol
# malformed JSON: Go's SyntaxError texts (and nesting limit), never a crash
awk 'BEGIN { for (i = 0; i < 100000; i++) printf "["; }' >deep.json
awk 'BEGIN { for (i = 0; i < 9999; i++) printf "["; for (i = 0; i < 9999; i++) printf "]"; }' >deep_ok.json
printf '{"a":[1,2,{"b":' >trunc.json
printf '{"a" 1}' >nocolon.json
printf '[1,2,]' >comma.json
printf '"\xff\xfe\x01"' >ctrl.json
printf '[1e999, -0.0e-999, 123456789012345678901234567890]' >bignum.json
printf '\x00\x01{}' >nul.json
cat >json_bad.gol <<'EOF'
package main

import (
	"encoding/json"
	"fmt"
	"os"
)

type T struct {
	A []int
	B map[string]T
	C *T
	D float64
}

func main() {
	for _, name := range os.Args[1:] {
		data, _ := os.ReadFile(name)
		var v any
		var t T
		err := json.Unmarshal(data, &v)
		err2 := json.Unmarshal(data, &t)
		fmt.Println(name, json.Valid(data), err, err2 != nil)
	}
}
EOF
expect_ok json_malformed "deep.json false invalid character '[' exceeded max depth true
deep_ok.json true <nil> true
trunc.json false unexpected end of JSON input true
nocolon.json false invalid character '1' after object key true
comma.json false invalid character ']' looking for beginning of value true
ctrl.json false invalid character '\x01' in string literal true
bignum.json true json: cannot unmarshal number 1e999 into Go value of type float64 true
nul.json false invalid character '\x00' looking for beginning of value true" \
  run json_bad.gol deep.json deep_ok.json trunc.json nocolon.json comma.json ctrl.json bignum.json nul.json
# --- limits: Go's outcome or a clear error naming the limit, never a wrap --
# expect_exit NAME CODE PATTERN ARGS... : exit CODE, first stderr line matches PATTERN
expect_exit() {
  local name=$1 code=$2 pattern=$3
  shift 3
  run_gol "$@"
  if [[ $rc -eq 124 || $rc -eq 137 ]]; then fail "$name" "timed out after ${GOL_TEST_TIMEOUT:-10} s"; return; fi
  if [[ $rc -ne $code ]]; then fail "$name" "want exit $code"; return; fi
  if ! head -n 1 "$ERR" | grep -E -q -- "$pattern"; then
    fail "$name" "first stderr line does not match /$pattern/"
    return
  fi
  echo "ok   $name"
  passed=$((passed + 1))
}
# 65,537 globals: the last one is not the first (wide SETG/GETG).
awk 'BEGIN { n = 65537; print "package main\n\nimport \"fmt\"\n"
  for (i = 0; i < n; i++) printf "var g%d int\n", i
  printf "func main() {\n\tg0 = 1\n\tg%d = 2\n\tfmt.Println(g0, g%d)\n}\n", n - 1, n - 1 }' >globals.gol
run_gol run globals.gol
if [[ $rc -eq 0 ]]; then
  expect_ok globals_65537 '1 2' run globals.gol
else
  expect_error globals_65537 "$(pos globals.gol).*too many global variables \(limit [0-9]+\)" run globals.gol
fi
# A struct of 65,537 fields: field 65,536 is not field 0.
awk 'BEGIN { n = 65537; print "package main\n\nimport \"fmt\"\n\ntype S struct {"
  for (i = 0; i < n; i++) printf "\tf%d int\n", i
  printf "}\n\nfunc main() {\n\tvar s S\n\ts.f0 = 1\n\ts.f%d = 2\n\tfmt.Println(s.f0, s.f%d)\n}\n", n - 1, n - 1 }' >fields.gol
run_gol run fields.gol
if [[ $rc -eq 0 ]]; then
  expect_ok struct_fields_65537 '1 2' run fields.gol
else
  expect_error struct_fields_65537 "^fields\.gol:[0-9]+:[0-9]+: too many struct fields.*\(limit 65535\)" run fields.gol
fi
# 65,600 types: an int in an interface stays an int (type ids past 16 bits),
# or a clear error naming the limit.
awk 'BEGIN { n = 65600; print "package main\n\nimport \"fmt\"\n"
  for (i = 0; i < n; i++) printf "type T%d int\n", i
  printf "func main() {\n\tvar x any = T%d(5)\n\tvar y any = 7\n\tfmt.Println(x, y)\n\t_ = []any{", n - 1
  for (i = 0; i < n; i++) printf "T%d(0), ", i
  printf "}\n}\n" }' >types.gol
run_gol run types.gol
if [[ $rc -eq 0 ]]; then
  expect_ok types_65600 '5 7' run types.gol
else
  expect_error types_65600 "$(pos types.gol).*too many types \(limit [0-9]+\)" run types.gol
fi
# 30,000 initialised package variables declared in reverse order: the init
# order is computed in n log n (it was quadratic: 70,000 took 96 s).
awk 'BEGIN { n = 30000; print "package main\n\nimport \"fmt\"\n"
  for (i = n - 1; i > 0; i--) printf "var v%d = v%d + 1\n", i, i - 1
  printf "var v0 = 1\n\nfunc main() { fmt.Println(v%d) }\n", n - 1 }' >initorder.gol
expect_ok init_order_30000 '30000' run initorder.gol
# A runaway program under --max-heap ends with Go's out-of-memory error.
printf 'package main\n\nfunc main() {\n\tvar keep [][]byte\n\tfor {\n\t\tkeep = append(keep, make([]byte, 1<<20))\n\t}\n}\n' >runaway.gol
expect_exit max_heap_runaway 2 '^fatal error: runtime: out of memory$' run --max-heap=64MiB runaway.gol
GOMEMLIMIT=32MiB expect_exit max_heap_before_file 2 '^fatal error: runtime: out of memory$' --max-heap 64MiB runaway.gol
expect_exit max_heap_malformed 2 'max-heap' run --max-heap=lots runaway.gol

# --- regexp: malformed and hostile patterns give Go's errors, never a crash
cat >regexp_bad.gol <<'GOL'
package main

import (
	"fmt"
	"regexp"
	"strings"
)

func main() {
	pats := []string{"(abc", "a**", "[z-a]", "\\", "\\C", "(?<", "(?<>", "(?P<", "\\Q", "[[:", "x{1001}",
		"a\xffb", "\x00(", "[\x00-", "(?i", strings.Repeat("(", 100000), strings.Repeat(")", 100000),
		strings.Repeat("(", 50000) + strings.Repeat(")", 50000), strings.Repeat("a*", 50000),
		strings.Repeat("[a-z]", 100000), strings.Repeat("a|", 100000), "((a{1000}){1000}){1000}",
		"(\\pL{1000}){1000}", strings.Repeat("(?:", 2000) + "x"}
	errs := 0
	for _, p := range pats {
		for _, posix := range []bool{false, true} {
			var err error
			var re *regexp.Regexp
			if posix {
				re, err = regexp.CompilePOSIX(p)
			} else {
				re, err = regexp.Compile(p)
			}
			if err != nil {
				errs++
				if !strings.HasPrefix(err.Error(), "error parsing regexp: ") {
					fmt.Println("bad error text:", err)
				}
			} else {
				re.FindAllStringIndex(strings.Repeat("ab(", 1000), -1)
			}
		}
	}
	// Linear time on the classic exponential-backtracking pattern.
	re := regexp.MustCompile("(x+x+)+y")
	fmt.Println(errs > 30, re.MatchString(strings.Repeat("x", 100000)))
	fmt.Println(len(re.ReplaceAllString("xxy", "$"+strings.Repeat("{", 1000))), re.ReplaceAllString("xxy", "${"+strings.Repeat("9", 100)+"}") == "")
	fmt.Println(string(re.ExpandString(nil, "[$1]", "xy", []int{0, 2, 1, 2, 100, 200, -1})))
	defer func() { fmt.Println(recover()) }()
	re.ExpandString(nil, "$1$2", "xy", []int{0, 2, 1, 2, 100, 200})
}
GOL
expect_ok regexp_malformed_patterns "true false
1001 true
[y]
runtime error: slice bounds out of range [:200] with length 2" run regexp_bad.gol
printf 'package main\n\nimport "regexp"\n\nfunc main() {\n\tregexp.MustCompile("a(b")\n}\n' >regexp_must.gol
run_gol run regexp_must.gol
if sane regexp_mustcompile_panic; then
  if [[ $rc -eq 2 ]] && head -n 1 "$ERR" | grep -q -F 'panic: regexp: Compile(`a(b`): error parsing regexp: missing closing ): `a(b`'; then
    echo "ok   regexp_mustcompile_panic"
    passed=$((passed + 1))
  else
    fail regexp_mustcompile_panic "want exit 2 and Go's panic text"
  fi
fi

# encoding/xml: malformed and hostile documents get Go's errors (Go-checked).
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "<a>"; }' >deep.xml
printf '<a><b x="1">text' >trunc.xml
printf '<a>\n<b></a>' >mismatch.xml
printf '\x00\x01<a/>' >nul.xml
printf '<a>&#0;</a>' >ent.xml
printf '<a><!DOCTYPE x [<!ENTITY y "z">]><b>1</b></a>' >dtd.xml
cat >xml_bad.gol <<'EOF'
package main

import (
	"encoding/xml"
	"fmt"
	"os"
)

type T struct {
	A *T     `xml:"a"`
	B []int  `xml:"b"`
	X string `xml:"x,attr"`
}

func main() {
	for _, name := range os.Args[1:] {
		data, _ := os.ReadFile(name)
		var t T
		err := xml.Unmarshal(data, &t)
		fmt.Println(name, err)
	}
}
EOF
expect_ok xml_malformed "deep.xml exceeded max depth
trunc.xml XML syntax error on line 1: unexpected EOF
mismatch.xml XML syntax error on line 2: element <b> closed by </a>
nul.xml XML syntax error on line 1: illegal character code U+0000
ent.xml XML syntax error on line 1: illegal character code U+0000
dtd.xml <nil>" \
  run xml_bad.gol deep.xml trunc.xml mismatch.xml nul.xml ent.xml dtd.xml

# --- malformed templates: Go's parse errors, never a crash; nesting past
# 10000 levels is rejected (Go parses it), execution recursion stops with
# Go's "exceeded maximum template depth" before the C++ stack runs out.
cat >tmpl_bad.gol <<'EOF'
package main

import (
	"fmt"
	"os"
	"strings"
	"text/template"
)

type Node struct {
	Next *Node
	V    int
}

func main() {
	texts := []string{
		"{{" + strings.Repeat("(", 100000) + "1" + strings.Repeat(")", 100000) + "}}",
		strings.Repeat("{{if 1}}", 50000) + strings.Repeat("{{end}}", 50000),
		"{{", "}}", "{{{{}}}}", "{{.a.b.c.d.}}", "{{$}}", "{{$x := }}", "{{range}}", "{{define}}",
		"{{template}}", "{{with}}{{end}}", "{{\x00}}", "{{\"\\xff\"}}", "\xff\xfe{{.}}", "{{'ab'}}", "{{0x}}",
		"{{1e}}", "{{- -}}", "{{-}}", "{{/**/}}", "{{else}}{{end}}", "{{block}}", "{{break 1}}",
	}
	for i, text := range texts {
		t, err := template.New("b").Parse(text)
		if err != nil {
			msg := err.Error()
			if len(msg) > 80 {
				msg = msg[:80]
			}
			fmt.Println(i, "parse:", msg)
			continue
		}
		var b strings.Builder
		err = t.Execute(&b, nil)
		fmt.Println(i, "exec:", len(b.String()), err)
	}
	// Deep recursion at execution time.
	rec := template.Must(template.New("top").Parse(`{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}`))
	err := rec.Execute(os.Stdout, nil)
	fmt.Println(err != nil && strings.Contains(err.Error(), "exceeded maximum template depth"))
	// A cyclic value printed through a template.
	n := &Node{V: 1}
	n.Next = n
	var b strings.Builder
	template.Must(template.New("c").Parse("{{.Next.Next.Next.V}}")).Execute(&b, n)
	fmt.Println(b.String())
}
EOF
expect_ok template_malformed "0 parse: template: b:1: exceeded maximum nesting depth (10000)
1 parse: template: b:1: exceeded maximum nesting depth (10000)
2 parse: template: b:1: unclosed action
3 exec: 2 <nil>
4 parse: template: b:1: unexpected \"{\" in command
5 parse: template: b:1: unexpected <.> in operand
6 exec: 10 <nil>
7 parse: template: b:1: missing value for command
8 parse: template: b:1: missing value for range
9 parse: template: b:1: unexpected \"}}\" in define clause
10 parse: template: b:1: unexpected \"}}\" in template clause
11 parse: template: b:1: missing value for with
12 parse: template: b:1: unrecognized character in action: U+0000
13 exec: 1 <nil>
14 exec: 12 <nil>
15 parse: template: b:1: malformed character constant: 'ab'
16 parse: template: b:1: illegal number syntax: \"0x\"
17 parse: template: b:1: illegal number syntax: \"1e\"
18 parse: template: b:1: illegal number syntax: \"-\"
19 parse: template: b:1: illegal number syntax: \"-\"
20 exec: 0 <nil>
21 parse: template: b:1: unexpected {{else}}
22 parse: template: b:1: unexpected \"}}\" in block clause
23 parse: template: b:1: unexpected \"1\" in {{break}}
true
1" \
  run tmpl_bad.gol

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
