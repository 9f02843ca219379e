#!/usr/bin/env bash
# Builds and runs every test suite of kwsandbox: the README's test command (and what .ci/run calls).
#   1. set-up (idempotent)            scripts/setup.sh
#   2. native build + GoogleTest      preset native   (core, mocks/org/actions, CLI, golden workflows)
#   3. sanitizers                     preset sanitize (ASan + UBSan over the engine suite; the
#                                     org/action suites under ASan: KWS_SANITIZE_ALL=1)
#   4. fuzzing, bounded               preset fuzz     (libFuzzer: workflow parser+validator, templates)
#   5. WebAssembly                    preset wasm     (engine suites under Node + the browser app)
#   6. browser end-to-end             tests/e2e       (real headless Chromium via playwright-core)
#   7. benchmark smoke                kws_bench with a tiny time budget (figures: bench/README.md)
# Options (environment): KWS_SKIP="sanitize fuzz ..." skips stages; KWS_FUZZ_SECONDS (default 20).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
export NODE_PATH=/usr/share/nodejs
skip=" ${KWS_SKIP:-} "
fuzz_seconds=${KWS_FUZZ_SECONDS:-20}
logdir="$here/build/test-logs"
mkdir -p "$logdir"
passed=0
failed=0
failed_stages=()

stage() { printf '\n==== %s ====\n' "$*"; }
# Counts GoogleTest results from a log ("[  PASSED  ] 12 tests." / "[  FAILED  ] 2 tests,").
count_gtest() {
  local p f
  # (ctest -V prefixes lines with the test number, so no ^ anchor; `|| true` because grep exits
  # 1 when nothing matches and this script runs with -e and pipefail.)
  p=$( (grep -hoE '\[  PASSED  \] [0-9]+ test' "$@" 2>/dev/null || true) | awk '{s+=$4} END {print s+0}')
  f=$( (grep -hoE '\[  FAILED  \] [0-9]+ test' "$@" 2>/dev/null || true) | awk '{s+=$4} END {print s+0}')
  passed=$((passed + p)); failed=$((failed + f))
}
run_stage() {  # run_stage NAME COMMAND...: runs, tees to a log, records failure without stopping
  local name=$1; shift
  local log="$logdir/$name.log"
  local t0=$SECONDS
  if "$@" >"$log" 2>&1; then
    echo "[$name] ok ($((SECONDS - t0)) s)"
  else
    echo "[$name] FAILED ($((SECONDS - t0)) s) -- last lines of $log:"
    tail -n 60 "$log"
    failed_stages+=("$name")
  fi
}
skipped() { [[ "$skip" == *" $1 "* ]]; }

stage "set-up"
./scripts/setup.sh

stage "native build and tests"
run_stage native-build bash -c 'cmake --preset native >/dev/null && cmake --build --preset native'
run_stage native-test ctest --preset native --output-on-failure -V
count_gtest "$logdir/native-test.log"
grep -E 'tests passed|tests failed' "$logdir/native-test.log" | tail -1 || true

if ! skipped sanitize; then
  stage "sanitizers (ASan + UBSan)"
  run_stage sanitize-build bash -c 'cmake --preset sanitize >/dev/null && cmake --build --preset sanitize --target kws_core_tests'
  run_stage sanitize-test env ASAN_OPTIONS=detect_leaks=1 build/sanitize/tests/kws_core_tests
  if [ "${KWS_SANITIZE_ALL:-0}" = 1 ]; then
    run_stage sanitize-build-all cmake --build --preset sanitize --target kws_mocks_tests kws_cli_tests
    run_stage sanitize-test-all env ASAN_OPTIONS=detect_leaks=1 ctest --preset sanitize --output-on-failure -V
    count_gtest "$logdir/sanitize-test-all.log"
  fi
  count_gtest "$logdir/sanitize-test.log"
fi

if ! skipped fuzz; then
  stage "fuzzing (${fuzz_seconds} s per target)"
  run_stage fuzz-build bash -c 'cmake --preset fuzz >/dev/null && cmake --build --preset fuzz --target fuzz_workflow fuzz_template'
  for t in fuzz_workflow fuzz_template; do
    corpus="$here/build/fuzz/corpus-$t"
    mkdir -p "$corpus"
    seeds=(); [ -d "$here/fuzz/seeds/$t" ] && seeds=("$here/fuzz/seeds/$t")
    run_stage "$t" "$here/build/fuzz/fuzz/$t" -max_total_time="$fuzz_seconds" -max_len=4096 -timeout=10 \
      -rss_limit_mb=2048 "$corpus" "${seeds[@]}"
    if grep -qE 'Done [0-9]+ runs' "$logdir/$t.log"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi
  done
fi

if ! skipped wasm; then
  stage "WebAssembly build and engine tests under Node"
  run_stage wasm-build bash -c 'emcmake cmake --preset wasm >/dev/null && cmake --build --preset wasm'
  run_stage wasm-test ctest --preset wasm --output-on-failure -V
  count_gtest "$logdir/wasm-test.log"
fi

if ! skipped e2e && [ -f tests/e2e/package.json ]; then
  stage "browser end-to-end (headless Chromium)"
  run_stage e2e bash -c 'cd tests/e2e && KWS_CLI="'"$here"'/build/native/cli/kwsandbox" KWS_WEB_DIR="'"$here"'/build/wasm/web/dist" node --test --test-reporter=spec'
  p=$( (grep -hoE 'ℹ pass [0-9]+' "$logdir/e2e.log" || true) | awk '{print $3}' | tail -1)
  f=$( (grep -hoE 'ℹ fail [0-9]+' "$logdir/e2e.log" || true) | awk '{print $3}' | tail -1)
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
fi

if ! skipped bench && [ -x build/native/bench/kws_bench ]; then
  stage "benchmark smoke run"
  run_stage bench build/native/bench/kws_bench --benchmark_min_time=0.01
fi

stage "summary"
if [ "${#failed_stages[@]}" -gt 0 ]; then
  echo "failed stages: ${failed_stages[*]} (logs in $logdir)"
  failed=$((failed > 0 ? failed : ${#failed_stages[@]}))
fi
echo "tests: $passed passed, $failed failed"
[ "${#failed_stages[@]}" -eq 0 ] && [ "$failed" -eq 0 ]
