#!/usr/bin/env bash
# Compare gol with its peers on the programs in bench/. Timing only: no test
# calls this, and nothing here passes or fails on a number.
#
#   bench/run.sh [seq] [NAME...]   sequential set (all, or the NAMEs given)
#   bench/run.sh chan [NAME...]    concurrency set, ns/op and spawn's memory
#
# Environment:
#   GOL=path          the interpreter (default: build/gol of this checkout)
#   TOOLS="gol go yaegi lua5.4 luajit python3"   which columns to measure
#   RUNS=3            timed runs per program and tool (after one warm-up run)
#   TIMEOUT=120       seconds one run of a peer may take before its cell is n/a
#   GOL_TIMEOUT=60    the same for gol (keeps a hanging gol from pushing the
#                     sequential run past 15 minutes)
#   SINGLE_AFTER=10   a warm-up run slower than this many seconds is taken as
#                     the only sample, so that slow peers keep the whole
#                     sequential run under 15 minutes
#   CHAN_TIMEOUT=300  seconds one run of the concurrency set may take
#   SPAWN_N=1000000   goroutines in spawn for gol and Go
#   YAEGI_SPAWN_N=100000  goroutines in spawn for yaegi (at ~11 KB each, a
#                     million would take 11 GB)
#   WORK=/tmp/gol-bench   scratch: Go binaries, outputs, hyperfine JSON
#
# The sequential set: the warm-up run's output must equal compiled Go's, or
# the cell is n/a; then hyperfine times RUNS more runs and the cell is the
# median wall time in seconds.
set -u

BENCH_DIR=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
GOL=${GOL:-$ROOT/build/gol}
RUNS=${RUNS:-3}
TIMEOUT=${TIMEOUT:-120}
GOL_TIMEOUT=${GOL_TIMEOUT:-60}
SINGLE_AFTER=${SINGLE_AFTER:-10}
CHAN_TIMEOUT=${CHAN_TIMEOUT:-300}
SPAWN_N=${SPAWN_N:-1000000}
YAEGI_SPAWN_N=${YAEGI_SPAWN_N:-100000}
WORK=${WORK:-/tmp/gol-bench}

SEQ_ALL="fib loop sieve mapcount strbuild nbody bintrees"
CHAN_ALL="chan_sync chan_async chan_buff select select_default ring spawn"

mkdir -p "$WORK/src" "$WORK/bin" "$WORK/out" "$WORK/json"
NOTES=()

have() { command -v "$1" >/dev/null 2>&1; }

# tool_enabled TOOL: is TOOL asked for and installed?
tool_enabled() {
  local t=$1
  case " ${TOOLS:-gol go yaegi lua5.4 luajit python3} " in
  *" $t "*) ;;
  *) return 1 ;;
  esac
  case $t in
  gol) [ -x "$GOL" ] ;;
  go) have go ;;
  *) have "$t" ;;
  esac
}

# build_go NAME: compile bench/NAME.gol once; go build wants a .go file.
build_go() {
  local n=$1
  local bin="$WORK/bin/$n"
  if [ ! -x "$bin" ] || [ "$BENCH_DIR/$n.gol" -nt "$bin" ]; then
    mkdir -p "$WORK/src/$n"
    cp "$BENCH_DIR/$n.gol" "$WORK/src/$n/main.go"
    (cd "$WORK/src/$n" && go build -o "$bin" main.go) >"$WORK/out/$n.gobuild" 2>&1 || return 1
  fi
  echo "$bin"
}

# command_for TOOL NAME: the command line that runs NAME under TOOL.
command_for() {
  local t=$1 n=$2
  case $t in
  gol) echo "$GOL run $BENCH_DIR/$n.gol" ;;
  go) build_go "$n" ;;
  yaegi) echo "yaegi run $BENCH_DIR/$n.gol" ;;
  lua5.4 | luajit) echo "$t $BENCH_DIR/lua/$n.lua" ;;
  python3) echo "python3 $BENCH_DIR/python/$n.py" ;;
  esac
}

now_ns() { date +%s%N; }

# median: the median of the numbers on stdin.
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) exit 1; if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# ratio A B: A/B to two decimals, or n/a.
ratio() {
  case "$1$2" in *n/a*) echo "n/a"; return ;; esac
  awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'
}

# measure_seq TOOL NAME: set CELL to the median seconds, or n/a with the
# reason in NOTES (so it is not called in a $(...) subshell).
measure_seq() {
  local t=$1 n=$2 cmd out rc t0 t1 secs limit=$TIMEOUT
  [ "$t" = gol ] && limit=$GOL_TIMEOUT
  if ! cmd=$(command_for "$t" "$n"); then
    NOTES+=("$t $n: go build failed, see $WORK/out/$n.gobuild")
    CELL="n/a"
    return
  fi
  out="$WORK/out/$n.$t"
  t0=$(now_ns)
  # shellcheck disable=SC2086 # cmd is a command line, split on purpose
  env GOMAXPROCS=1 timeout "$limit" $cmd >"$out.stdout" 2>"$out.stderr" </dev/null
  rc=$?
  t1=$(now_ns)
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  if [ $rc -eq 124 ]; then
    NOTES+=("$t $n: no result within the ${limit} s timeout")
    CELL="n/a"
    return
  fi
  if [ $rc -ne 0 ]; then
    NOTES+=("$t $n: exit code $rc, see $out.stderr")
    CELL="n/a"
    return
  fi
  if [ -f "$WORK/out/$n.expected" ] && ! cmp -s "$out.stdout" "$WORK/out/$n.expected"; then
    NOTES+=("$t $n: output differs from compiled Go's, see $out.stdout")
    CELL="n/a"
    return
  fi
  if awk -v s="$secs" -v m="$SINGLE_AFTER" 'BEGIN { exit !(s > m) }'; then
    NOTES+=("$t $n: one run only (${secs} s)")
    CELL=$secs
    return
  fi
  # The run above was the warm-up; -N: no shell between hyperfine and cmd.
  if ! env GOMAXPROCS=1 hyperfine -N --warmup 0 --runs "$RUNS" \
    --export-json "$WORK/json/$n.$t.json" -- "$cmd" >"$out.hyperfine" 2>&1; then
    NOTES+=("$t $n: hyperfine failed, see $out.hyperfine")
    CELL="n/a"
    return
  fi
  CELL=$(python3 -c 'import json,statistics,sys; print("%.3f" % statistics.median(json.load(open(sys.argv[1]))["results"][0]["times"]))' \
    "$WORK/json/$n.$t.json")
}

run_seq() {
  local names=("$@") n t cell
  [ ${#names[@]} -eq 0 ] && read -r -a names <<<"$SEQ_ALL"
  local tools=(gol go yaegi lua5.4 luajit python3)
  if ! have go; then
    echo "run.sh: compiled Go is the reference output and is missing" >&2
    exit 1
  fi
  [ -x "$GOL" ] || NOTES+=("gol: $GOL not found, column n/a")
  echo "| benchmark | gol | go | yaegi | lua5.4 | luajit | python3 | gol/go | gol/lua | yaegi/gol |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for n in "${names[@]}"; do
    if [ ! -f "$BENCH_DIR/$n.gol" ]; then
      echo "run.sh: no benchmark $n" >&2
      continue
    fi
    # Go's output is what every other tool must print.
    rm -f "$WORK/out/$n.expected"
    local bin
    if bin=$(build_go "$n"); then
      GOMAXPROCS=1 "$bin" >"$WORK/out/$n.expected" 2>/dev/null || rm -f "$WORK/out/$n.expected"
    fi
    declare -A cell=()
    for t in "${tools[@]}"; do
      if tool_enabled "$t"; then
        measure_seq "$t" "$n"
        cell[$t]=$CELL
      else
        cell[$t]="n/a"
      fi
    done
    echo "| $n | ${cell[gol]} | ${cell[go]} | ${cell[yaegi]} | ${cell[lua5.4]} | ${cell[luajit]} | ${cell[python3]} |" \
      "$(ratio "${cell[gol]}" "${cell[go]}") | $(ratio "${cell[gol]}" "${cell[lua5.4]}") | $(ratio "${cell[yaegi]}" "${cell[gol]}") |"
    unset cell
  done
}

# --- concurrency set -------------------------------------------------------

# chan_once TOOL NAME [ARG]: run once, print the program's ns/op or n/a.
# Writes the peak RSS in KB (from /usr/bin/time -v) to $WORK/out/NAME.TOOL.rss.
chan_once() {
  local t=$1 n=$2 arg=${3:-} cmd limit=$CHAN_TIMEOUT procs out rc
  case $t in
  go1) cmd=$(build_go "$n") || { echo "n/a"; return; }; procs=1 ;;
  go) cmd=$(build_go "$n") || { echo "n/a"; return; }; procs=$(nproc) ;;
  gol) cmd="$GOL run $BENCH_DIR/$n.gol"; procs=1 ;;
  yaegi) cmd="yaegi run $BENCH_DIR/$n.gol"; procs=1; limit=$TIMEOUT ;;
  esac
  out="$WORK/out/$n.$t"
  # shellcheck disable=SC2086 # cmd is a command line, split on purpose
  env GOMAXPROCS="$procs" timeout "$limit" /usr/bin/time -v -o "$out.time" \
    $cmd $arg >"$out.stdout" 2>"$out.stderr" </dev/null
  rc=$?
  awk -F': ' '/Maximum resident set size/ { print $2 }' "$out.time" >"$out.rss" 2>/dev/null
  if [ $rc -ne 0 ]; then
    [ $rc -eq 124 ] && echo "timeout" >"$out.why" || echo "exit code $rc" >"$out.why"
    echo "n/a"
    return
  fi
  local v
  v=$(awk '{ for (i = 2; i <= NF; i++) if ($i == "ns/op") v = $(i - 1) } END { print v }' "$out.stdout")
  if [ -z "$v" ]; then
    echo "printed no ns/op, see $out.stdout" >"$out.why"
    v="n/a"
  fi
  echo "$v"
}

# chan_result NAME TOOL: the run's output less what depends on timing and
# scheduling, to compare with Go's.
chan_result() {
  sed -E 's/, [0-9.]+ ns\/op$//; s/parked after [0-9.]+ s, all done after [0-9.]+ s//' "$WORK/out/$2.$1.stdout" |
    if [ "$2" = select_default ]; then sed -E 's/[0-9]+ sends, [0-9]+ receives, [0-9]+ defaults//'; else cat; fi
}

run_chan() {
  local names=("$@") n t
  [ ${#names[@]} -eq 0 ] && read -r -a names <<<"$CHAN_ALL"
  if [ ! -x /usr/bin/time ]; then
    echo "run.sh: /usr/bin/time is missing (apt-get install -y time)" >&2
    exit 1
  fi
  local tools=(gol go1 go yaegi)
  declare -A tool_ok=([gol]=0 [go1]=0 [go]=0 [yaegi]=0)
  tool_enabled gol && tool_ok[gol]=1
  tool_enabled go && tool_ok[go1]=1 && tool_ok[go]=1
  tool_enabled yaegi && tool_ok[yaegi]=1
  [ -x "$GOL" ] || NOTES+=("gol: $GOL not found, column n/a")
  local memrows=()
  echo "ns/op, median of $RUNS runs (spawn: one run; go1 = GOMAXPROCS=1, go = GOMAXPROCS=$(nproc))"
  echo
  echo "| benchmark | gol | go1 | go | yaegi | gol/go1 | yaegi/gol |"
  echo "|---|---|---|---|---|---|---|"
  for n in "${names[@]}"; do
    if [ ! -f "$BENCH_DIR/$n.gol" ]; then
      echo "run.sh: no benchmark $n" >&2
      continue
    fi
    declare -A cell=()
    for t in "${tools[@]}"; do
      if [ "${tool_ok[$t]}" != 1 ]; then
        cell[$t]="n/a"
        continue
      fi
      if [ "$n" = spawn ]; then
        local count=$SPAWN_N
        [ "$t" = yaegi ] && count=$YAEGI_SPAWN_N
        cell[$t]=$(chan_once "$t" "$n" "$count")
        local rss
        rss=$(tail -n 1 "$WORK/out/$n.$t.rss" 2>/dev/null)
        if [ "${cell[$t]}" != n/a ] && [ -n "$rss" ]; then
          memrows+=("| $t | $count | $(awk -v k="$rss" 'BEGIN { printf "%.0f", k / 1024 }') | $(awk -v k="$rss" -v c="$count" 'BEGIN { printf "%.0f", k * 1024 / c }') |")
        fi
      else
        local i vals=() v
        for ((i = 0; i < RUNS; i++)); do
          v=$(chan_once "$t" "$n")
          [ "$v" = n/a ] && { vals=(); break; }
          vals+=("$v")
        done
        if [ ${#vals[@]} -eq 0 ]; then
          cell[$t]="n/a"
        else
          cell[$t]=$(printf '%s\n' "${vals[@]}" | median)
        fi
      fi
      if [ "${cell[$t]}" = n/a ] && [ -f "$WORK/out/$n.$t.why" ]; then
        NOTES+=("$t $n: $(cat "$WORK/out/$n.$t.why")")
        rm -f "$WORK/out/$n.$t.why"
      elif [ "${cell[$t]}" != n/a ] && [ "$t" != go1 ] && [ "${cell[go1]:-n/a}" != n/a ] && [ "$n" != spawn ] &&
        [ "$(chan_result "$t" "$n")" != "$(chan_result go1 "$n")" ]; then
        NOTES+=("$t $n: printed \"$(chan_result "$t" "$n")\", Go printed \"$(chan_result go1 "$n")\"")
      fi
    done
    echo "| $n | ${cell[gol]} | ${cell[go1]} | ${cell[go]} | ${cell[yaegi]} |" \
      "$(ratio "${cell[gol]}" "${cell[go1]}") | $(ratio "${cell[yaegi]}" "${cell[gol]}") |"
    unset cell
  done
  if [ ${#memrows[@]} -gt 0 ]; then
    echo
    echo "spawn: peak RSS (/usr/bin/time -v) with N goroutines parked at once"
    echo
    echo "| tool | N | peak RSS MB | bytes per goroutine |"
    echo "|---|---|---|---|"
    printf '%s\n' "${memrows[@]}"
  fi
}

ARGS="$*"
mode=seq
case ${1:-} in
seq | chan) mode=$1; shift ;;
-h | --help) sed -n '2,/^set -u/p' "$0" | sed 's/^# \{0,1\}//' | grep -v '^set -u'; exit 0 ;;
esac

echo "bench/run.sh${ARGS:+ $ARGS}: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo
if [ "$mode" = chan ]; then
  run_chan "$@"
else
  run_seq "$@"
fi
if [ ${#NOTES[@]} -gt 0 ]; then
  echo
  printf -- '- %s\n' "${NOTES[@]}"
fi
