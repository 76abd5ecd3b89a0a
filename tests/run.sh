#!/bin/bash
# run.sh — runs the test suites (cmocka unit binaries, integration, e2e
# and screen-reader scripts, lint) JOBS at a time, each in its own process
# group with a time limit; prints PASS/FAIL per suite, the log tail of a
# failed one, and the five slowest suites. Arguments: groups (unit,
# integration, e2e, braille, lint (lint and check-po); default all of them) or suite files.
# Logs: $BUILD/test-logs/<suite>.log.
#
# Environment: BUILD (build), JOBS (twice the number of cores), SUITE_TIMEOUT
# (seconds per suite, 300). A suite's temporary files (MWTEST_DIR) are
# removed when it passes and kept, with the path printed, when it fails.
# An interrupted run (Ctrl-C, SIGTERM) ends every suite and what it started.
#
# To add a step: one `add NAME COMMAND...` line in suites() below; it runs
# in parallel with the rest and fails the run when its command fails. A
# suite that compares durations with a limit says "# mwtest: alone" in its
# file and runs with no other suite beside it.
set -u
BUILD=${BUILD:-build}
export BUILD
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 2
logs="$BUILD/test-logs"
mkdir -p "$logs"
# Two per core: the suites mostly wait for servers and timers (see Makefile).
JOBS=${JOBS:-$(( 2 * $(nproc 2>/dev/null || echo 2) ))}
SUITE_TIMEOUT=${SUITE_TIMEOUT:-300}
times="$logs/times"		# "seconds name" of the last run, for the order

# --- which suites -------------------------------------------------------------

want() {
	# want GROUP NAME: true when the arguments select this suite.
	[ $# -gt 0 ] || return 1
	local g=$1 n=$2 a
	[ ${#sel[@]} -eq 0 ] && return 0
	for a in "${sel[@]}"; do
		case "$a" in
		"$g"|all|"$n"|*/"$n") return 0 ;;
		esac
	done
	return 1
}

names=()
declare -A cmd group alone

add() {
	# add GROUP NAME COMMAND...
	local g=$1 n=$2
	shift 2
	want "$g" "$n" || return 0
	names+=("$n")
	group[$n]=$g
	cmd[$n]=$(printf '%q ' "$@")
	# A suite whose file says "# mwtest: alone" measures time against a
	# limit: it runs with no other suite beside it.
	alone[$n]=0
	case "$n" in
	*.py|*.sh) grep -q '^# mwtest: alone' "tests/$n" 2>/dev/null && alone[$n]=1 ;;
	esac
	return 0
}

suites() {
	local t
	for t in "$BUILD"/tests/test_*; do
		[ -x "$t" ] || continue
		add unit "unit/${t##*/}" "$t"
	done
	for kind in integration e2e braille; do
		for t in tests/$kind/test_*.py tests/$kind/test_*.sh; do
			[ -f "$t" ] || continue
			case "$t" in
			*.py) add "$kind" "$kind/${t##*/}" python3 "$t" ;;
			*) add "$kind" "$kind/${t##*/}" sh "$t" ;;
			esac
		done
	done
	[ -x scripts/lint.sh ] && add lint lint scripts/lint.sh
	# Every catalogue complete, no fuzzy entry, plural rules as the registry says.
	[ -x scripts/check-po.sh ] && add lint check-po scripts/check-po.sh
	return 0
}

sel=("$@")
suites
if [ ${#names[@]} -eq 0 ]; then
	echo "run.sh: no suite matches: $*" >&2
	exit 2
fi

# Longest first (by the last run's times), so the slow ones do not start
# last; suites without a time yet go first.
order=$(for n in "${names[@]}"; do
	s=$(awk -v n="$n" '$2 == n { print $1 }' "$times" 2>/dev/null | tail -n 1)
	printf '%s %s\n' "${s:-9999}" "$n"
done | sort -rn -k1,1 | awk '{ print $2 }')

# --- running --------------------------------------------------------------------

run=$(mktemp -d "${TMPDIR:-/tmp}/mwtest.XXXXXX") || exit 2
# Sessions of the SSH gateway run as nobody when the tests run as root.
chmod 0755 "$run"
declare -A pid_of start_of dir_of name_of
running=()
pass=0
fail=0
failed=
new_times=$(mktemp "$run/times.XXXXXX")

sweep() {
	# Ends what a suite left behind: tmux servers below its MWTEST_DIR and
	# the rest of its process group (timeout made the suite a group).
	local dir=$1 pid=$2 s
	for s in "$dir"/tmux-*/*; do
		[ -S "$s" ] && tmux -S "$s" kill-server 2>/dev/null
	done
	kill -KILL -- "-$pid" 2>/dev/null
	return 0
}

start() {
	local n=$1 dir
	dir="$run/${n//\//_}"
	mkdir -p "$dir" "$(dirname "$logs/$n")"
	chmod 0755 "$dir"
	dir_of[$n]=$dir
	start_of[$n]=$EPOCHREALTIME
	(
		export MWTEST_DIR="$dir" TMUX_TMPDIR="$dir"
		eval "exec timeout -k 10 $SUITE_TIMEOUT ${cmd[$n]}"
	) >"$logs/$n.log" 2>&1 </dev/null &
	pid_of[$n]=$!
	name_of[$!]=$n
	running+=("$n")
}

finish() {
	# finish NAME STATUS
	local n=$1 rc=$2 secs
	secs=$(awk -v a="${start_of[$n]}" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
	sweep "${dir_of[$n]}" "${pid_of[$n]}"
	printf '%s %s\n' "$secs" "$n" >>"$new_times"
	if [ "$rc" -eq 0 ]; then
		pass=$((pass + 1))
		printf '  PASS %-40s %6ss\n' "$n" "$secs"
		rm -rf "${dir_of[$n]}"
	else
		fail=$((fail + 1))
		failed="$failed $n"
		local why=""
		case $rc in
		124) why=" (timed out after ${SUITE_TIMEOUT}s)" ;;
		137) why=" (killed)" ;;
		esac
		printf '  FAIL %-40s %6ss%s\n' "$n" "$secs" "$why"
		# The failures first (server logs may follow them at length),
		# then the end of the log.
		grep -E '^(FAIL|Traceback|[A-Za-z.]*(Error|Failure|Terminated):)' "$logs/$n.log" |
			head -n 20 | sed 's/^/    ! /'
		sed 's/^/    | /' "$logs/$n.log" | tail -n 40
		echo "    | log: $logs/$n.log, files: ${dir_of[$n]}"
	fi
}

wait_one() {
	# Waits for one suite to end and reports it.
	local done_pid= rc n keep=() r
	wait -n -p done_pid
	rc=$?
	n=${name_of[${done_pid:-none}]:-}
	if [ -z "$n" ]; then
		# No job left to wait for (already collected): find the
		# suites that have ended by their pids.
		for r in "${running[@]}"; do
			if ! kill -0 "${pid_of[$r]}" 2>/dev/null; then
				wait "${pid_of[$r]}" 2>/dev/null
				rc=$?
				n=$r
				break
			fi
		done
		[ -n "$n" ] || { sleep 0.1; return 0; }
	fi
	for r in "${running[@]}"; do
		[ "$r" = "$n" ] || keep+=("$r")
	done
	running=("${keep[@]}")
	finish "$n" "$rc"
}

interrupted() {
	trap '' INT TERM HUP
	echo
	rm -f "$new_times"
	echo "interrupted: stopping ${#running[@]} suite(s)"
	local n
	for n in "${running[@]}"; do
		kill -TERM "${pid_of[$n]}" 2>/dev/null
	done
	for n in "${running[@]}"; do
		wait "${pid_of[$n]}" 2>/dev/null
		sweep "${dir_of[$n]}" "${pid_of[$n]}"
		echo "  STOP $n (files: ${dir_of[$n]})"
	done
	exit 130
}
trap interrupted INT TERM HUP

t0=$EPOCHREALTIME
# The suites that must run alone first, one after the other, then the rest.
for n in $order; do
	[ "${alone[$n]}" = 1 ] || continue
	start "$n"
	wait_one
done
for n in $order; do
	[ "${alone[$n]}" = 1 ] && continue
	while [ ${#running[@]} -ge "$JOBS" ]; do
		wait_one
	done
	start "$n"
done
while [ ${#running[@]} -gt 0 ]; do
	wait_one
done

# Keep the times of suites that did not run this time.
{
	cat "$new_times"
	[ -f "$times" ] && awk 'NR == FNR { ran[$2] = 1; next } !($2 in ran)' "$new_times" "$times"
	true
} >"$times.new" && mv "$times.new" "$times"

echo
echo "slowest suites:"
sort -rn "$new_times" | head -n 5 | awk '{ printf "  %6ss %s\n", $1, $2 }'
[ -n "$failed" ] && echo "failed:$failed"
echo "$pass passed, $fail failed, $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }')s wall, JOBS=$JOBS, load $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$run/times."* 2>/dev/null
rmdir "$run" 2>/dev/null
[ "$fail" -eq 0 ]
