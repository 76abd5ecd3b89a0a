#!/bin/sh
# ssh.sh — benchmark of mitwirkung-sshd against Debian's OpenSSH sshd running
# the same client (ForceCommand): set-up rate, keystroke-to-screen latency
# and memory per session with 100 and 500 interactive sessions open, plus
# the bytes of the ranking-vote task in full and line mode. See README.md.
# Usage: BUILD=build bench/ssh.sh [SESSIONS...]   (default: 100 500)
# Environment: SSH_BENCH_KEYS (keystrokes per run, default 2000),
#              SSH_BENCH_THREADS (parallel set-ups, default 8).
set -eu
BUILD=${BUILD:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
BUILD=$(cd "$BUILD" && pwd)
sizes=${*:-100 500}
keys=${SSH_BENCH_KEYS:-2000}
threads=${SSH_BENCH_THREADS:-8}

for p in mitwirkung mitwirkung-api mitwirkung-sshd; do
	[ -x "$BUILD/$p" ] || { echo "bench/ssh.sh: build $BUILD/$p first (make)" >&2; exit 1; }
done

# The load tool: C on the libssh client API, built here, not by the Makefile.
mkdir -p "$BUILD/bench"
load="$BUILD/bench/ssh-load"
if [ ! -x "$load" ] || [ bench/ssh/load.c -nt "$load" ]; then
	${CC:-cc} -O2 -std=c11 -Wall -Wextra -o "$load" bench/ssh/load.c \
		$(pkg-config --cflags --libs libssh) -pthread
fi

tmp=$(mktemp -d /tmp/mw-bench-ssh.XXXXXX)
chmod 755 "$tmp"
mkdir -p "$tmp/mail" "$tmp/homes" "$tmp/osshhome"
chmod 1777 "$tmp/homes"
pids=
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null || true; done
	sleep 0.5
	for p in $pids; do kill -9 "$p" 2>/dev/null || true; done
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

wait_line() {	# file pattern
	i=0
	while ! grep -q "$2" "$1" 2>/dev/null; do
		i=$((i + 1))
		[ $i -gt 300 ] && { echo "bench/ssh.sh: timed out waiting for '$2' in $1" >&2; cat "$1" >&2; exit 1; }
		sleep 0.1
	done
}

# Many sessions need descriptors in the load tool and in the servers.
ulimit -n 65536 2>/dev/null || ulimit -n 8192 2>/dev/null || true

"$BUILD/mitwirkung-api" serve --db "$tmp/api.db" --listen 127.0.0.1:0 --seed demo \
	--mail-dir "$tmp/mail" --pwhash min >/dev/null 2>"$tmp/api.log" &
pids="$pids $!"
wait_line "$tmp/api.log" '^listening on'
api="http://$(sed -n 's/^listening on //p' "$tmp/api.log" | head -n 1)/api/v1"

ssh-keygen -q -t ed25519 -N '' -f "$tmp/id_ed25519"
cp "$tmp/id_ed25519.pub" "$tmp/authorized_keys"

"$BUILD/mitwirkung-sshd" --listen 127.0.0.1:0 --hostkey-dir "$tmp/gwkeys" \
	--client "$BUILD/mitwirkung" --api "$api" --tmp-dir "$tmp/homes" \
	--max-sessions 2000 --max-per-source 2000 --rate-per-source 0 \
	--max-startups 1000:30:2000 --max-startups-per-source 2000 \
	--idle-timeout 0 --login-grace 120 2>"$tmp/gw.log" &
gw=$!
pids="$pids $gw"
wait_line "$tmp/gw.log" 'host key ssh-rsa'
gwport=$(sed -n 's/^listening on 127.0.0.1://p' "$tmp/gw.log" | head -n 1)

# OpenSSH baseline: same client, same host key type, same key exchange.
ossh=
if [ "$(id -u)" = 0 ] && [ -x /usr/sbin/sshd ]; then
	mkdir -p /run/sshd
	ssh-keygen -q -t ed25519 -N '' -f "$tmp/ossh_host_ed25519_key"
	osport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	cat >"$tmp/sshd_config" <<EOF
Port $osport
ListenAddress 127.0.0.1
HostKey $tmp/ossh_host_ed25519_key
PidFile $tmp/sshd.pid
AuthorizedKeysFile $tmp/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
ForceCommand $BUILD/mitwirkung
SetEnv MITWIRKUNG_API=$api HOME=$tmp/osshhome
AcceptEnv LANG LC_*
KexAlgorithms curve25519-sha256
MaxStartups 2000:30:4000
MaxSessions 1
PrintMotd no
PrintLastLog no
X11Forwarding no
AllowTcpForwarding no
AllowAgentForwarding no
LogLevel ERROR
EOF
	/usr/sbin/sshd -D -e -f "$tmp/sshd_config" 2>"$tmp/ossh.log" &
	ossh=$!
	pids="$pids $ossh"
	sleep 0.5
else
	echo "OpenSSH baseline skipped: needs root and /usr/sbin/sshd (scripts/deps.sh --bench)"
fi

run_load() {	# label port pid user sessions
	"$load" --label "$1" --port "$2" --pid "$3" --user "$4" --key "$tmp/id_ed25519" \
		--ready "Stadt.Raum.Wir." --sessions "$5" --threads "$threads" --keystrokes "$keys"
}

field() {	# line name
	echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"
}

echo "SSH benchmark: $(nproc) CPU(s), $keys keystrokes per run, $threads parallel set-ups"
echo "API $api; mitwirkung-sshd on $gwport${ossh:+, OpenSSH sshd on $osport}"
echo
printf '%-10s %8s %10s %9s %9s %14s %14s\n' server sessions "setup/s" "p50 ms" "p99 ms" "PSS/sess kB" "client kB/s"
results=
for n in $sizes; do
	g=$(run_load mw-sshd "$gwport" "$gw" bench "$n")
	results="$results
$g"
	sleep 2
	if [ -n "$ossh" ]; then
		o=$(run_load openssh "$osport" "$ossh" root "$n")
		results="$results
$o"
		sleep 2
	fi
	for line in "$g" ${ossh:+"$o"}; do
		r=$(field "$line" ready)
		printf '%-10s %8s %10s %9s %9s %14s %14s\n' "$(echo "$line" | cut -d' ' -f1)" \
			"$r/$(field "$line" sessions)" "$(field "$line" setup_rate)" \
			"$(field "$line" p50_ms)" "$(field "$line" p99_ms)" \
			"$(field "$line" pss_per_session_kb)" \
			"$(( $(field "$line" pss_client_kb) / (r > 0 ? r : 1) ))"
	done
	if [ -n "$ossh" ]; then
		awk -v g="$g" -v o="$o" -v n="$n" 'function f(s, k,   a, i, kv) {
			split(s, a, " "); for (i in a) { split(a[i], kv, "="); if (kv[1] == k) return kv[2] } return 0 }
		BEGIN {
			printf "  ratios at %d sessions (mitwirkung-sshd / OpenSSH): set-up rate %.2f (target >= 1), ", n, f(g, "setup_rate") / (f(o, "setup_rate") + 1e-9)
			printf "PSS per session %.2f (target <= 1), p99 %.2f; ", f(g, "pss_per_session_kb") / (f(o, "pss_per_session_kb") + 1e-9), f(g, "p99_ms") / (f(o, "p99_ms") + 1e-9)
			printf "p99 %.3f ms (target < 5 ms at 500 sessions)\n", f(g, "p99_ms") }'
	fi
done
echo
echo "raw:$results"
echo
echo "Bytes over the connection for the ranking-vote task (gateway log, TCP payload incl. SSH):"
python3 bench/ssh/ballot.py full "$gwport" "$tmp/gw.log" || echo "full: failed"
python3 bench/ssh/ballot.py line "$gwport" "$tmp/gw.log" || echo "line: failed"
