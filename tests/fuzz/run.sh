#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan+UBSan) and runs each for SECONDS
# from a seed corpus made of every .gol program in the tree, with the Go token
# dictionary. Crashes land in build-fuzz/findings/<target>/; copy each one
# into tests/fuzz/regressions/<target>/ once it is fixed, so CTest replays it.
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]     (default: 60, parse compile run)
#
# Exits 1 when a target left a finding (a crash, a sanitizer report, a hang
# or running out of memory).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
seconds=${1:-60}
shift || true
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || targets=(parse compile run)
build=${FUZZ_BUILD_DIR:-build-fuzz}

cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DGOL_FUZZ=ON -DGOL_TESTS=ON >/dev/null
cmake --build "$build" -j 2 --target "${targets[@]/#/fuzz_}"

export ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for t in "${targets[@]}"; do
  corpus="$build/corpus/$t"
  findings="$build/findings/$t"
  rm -rf "$findings"
  mkdir -p "$corpus" "$findings"
  # Seeds: every program in the tree, and the regression corpus; not the two
  # stress programs, which take seconds under ASan (a loaded machine pushed
  # gc_stress past the 10 s hang limit of fuzz_run).
  find examples tests runtime/lib -name '*.gol' -size -64k ! -name gc_stress.gol \
    ! -name many_goroutines.gol -exec cp -t "$corpus" {} + 2>/dev/null || true
  cp tests/fuzz/regressions/"$t"/* "$corpus"/ 2>/dev/null || true
  echo "fuzz_$t: ${seconds}s from $(ls "$corpus" | wc -l) inputs"
  "$build/tests/fuzz_$t" "$corpus" -dict=tests/fuzz/go.dict -max_total_time="$seconds" \
    -max_len=8192 -timeout=10 -close_fd_mask=1 -rss_limit_mb=4096 -artifact_prefix="$findings/" \
    -print_final_stats=1 2>&1 | grep -E '^(#[0-9]+ +DONE|stat::|==[0-9]+==ERROR|SUMMARY|artifact_prefix|Test unit written)' || true
done
found=$(find "$build/findings" -type f | wc -l)
echo "findings: $found file(s) under $build/findings"
[[ $found -eq 0 ]]
