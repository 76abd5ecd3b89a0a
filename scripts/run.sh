#!/bin/sh
# run.sh — the demo: starts mitwirkung-api with demo data on 127.0.0.1:8080
# (a free port if 8080 is taken) and opens the client against it; quitting
# the client stops the server. --api-only runs the server in the foreground;
# --ssh also starts mitwirkung-sshd on 127.0.0.1:2222.
set -eu
BUILD=${BUILD:-build}
mode=${1:-client}
state=${MW_STATE:-$BUILD/demo}
mkdir -p "$state/mail"
db="$state/demo.db"
port=${MW_PORT:-8080}
# The secret mitwirkung-sshd shows the API for key login (both read it).
secret="$state/gateway-secret"
[ -s "$secret" ] || (umask 077 && od -An -N32 -tx1 /dev/urandom | tr -d ' \n' >"$secret")

if [ "$mode" = "--api-only" ]; then
	echo "Demo accounts and mails: see README.md; confirmation mails go to $state/mail"
	exec "$BUILD/mitwirkung-api" serve --db "$db" --listen "127.0.0.1:$port" \
		--mail-dir "$state/mail" --seed demo
fi

if ! python3 -c "import socket,sys; s=socket.socket(); s.bind(('127.0.0.1',$port))" 2>/dev/null; then
	echo "run: port $port is taken, using a free port" >&2
	port=0
fi
"$BUILD/mitwirkung-api" serve --db "$db" --listen "127.0.0.1:$port" \
	--mail-dir "$state/mail" --seed demo --gateway-secret-file "$secret" 2>"$state/api.log" &
api=$!
sshd=
# Stops everything this script started, whatever failed (no set -e here:
# one failed kill must not leave the rest running).
cleanup() {
	set +e
	[ -n "$sshd" ] && kill "$sshd" 2>/dev/null
	kill "$api" 2>/dev/null
	wait 2>/dev/null
	return 0
}
trap cleanup EXIT INT TERM
# wait_started NAME PID LOG: waits for "listening on" in LOG; when the
# program ends first or takes over 10 s, shows its log and stops all.
wait_started() {
	i=0
	while ! grep -q '^listening on' "$3" 2>/dev/null; do
		i=$((i + 1))
		if [ $i -gt 100 ] || ! kill -0 "$2" 2>/dev/null; then
			echo "run: $1 did not start; its log:" >&2
			cat "$3" >&2
			exit 1
		fi
		sleep 0.1
	done
}
wait_started "the API server" "$api" "$state/api.log"
addr=$(sed -n 's/^listening on //p' "$state/api.log" | head -n 1)
api_url="http://$addr/api/v1"
echo "API: $api_url (log: $state/api.log, mails: $state/mail)"

if [ "$mode" = "--ssh" ]; then
	sport=${MW_SSH_PORT:-2222}
	"$BUILD/mitwirkung-sshd" --listen "127.0.0.1:$sport" --hostkey-dir "$state/hostkeys" \
		--client "$(cd "$BUILD" && pwd)/mitwirkung" --api "$api_url" \
		--gateway-secret-file "$secret" 2>"$state/sshd.log" &
	sshd=$!
	wait_started mitwirkung-sshd "$sshd" "$state/sshd.log"
	echo "SSH: ssh -p $sport localhost   (line mode: ssh -p $sport text@localhost; log: $state/sshd.log)"
	echo "Press Ctrl-C to stop."
	status=0
	wait "$sshd" || status=$?
	sshd=
	exit "$status"
fi

MITWIRKUNG_API=$api_url "$BUILD/mitwirkung" --api "$api_url"
