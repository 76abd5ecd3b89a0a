#!/bin/sh
# run.sh — runs every test: cmocka unit binaries, then integration and
# end-to-end scripts, then the real screen-reader test (tests/braille).
# Logs are kept in $BUILD/test-logs and printed for a failing suite only.
# Argument: unit | integration | e2e | braille (default: all).
set -u
BUILD=${BUILD:-build}
export BUILD
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
logs="$BUILD/test-logs"
mkdir -p "$logs"
what=${1:-all}
pass=0
fail=0
failed=

run_one() {
	name=$1; shift
	log="$logs/$name.log"
	mkdir -p "$(dirname "$log")"
	start=$(date +%s)
	if "$@" >"$log" 2>&1; then
		pass=$((pass + 1))
		printf '  PASS %-40s %3ss\n' "$name" $(( $(date +%s) - start ))
	else
		fail=$((fail + 1))
		failed="$failed $name"
		printf '  FAIL %-40s %3ss\n' "$name" $(( $(date +%s) - start ))
		sed 's/^/    | /' "$log" | tail -n 60
	fi
}

if [ "$what" = all ] || [ "$what" = unit ]; then
	for t in "$BUILD"/tests/test_*; do
		[ -x "$t" ] || continue
		run_one "unit/$(basename "$t")" "$t"
	done
fi
for kind in integration e2e braille; do
	if [ "$what" = all ] || [ "$what" = "$kind" ]; then
		for t in tests/$kind/*.sh tests/$kind/*.py; do
			[ -f "$t" ] || continue
			case "$t" in */lib*|*/_*|*/build_*) continue ;; esac
			case "$t" in
			*.py) run_one "$kind/$(basename "$t")" python3 "$t" ;;
			*) run_one "$kind/$(basename "$t")" sh "$t" ;;
			esac
		done
	fi
done

echo
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
