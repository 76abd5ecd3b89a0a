#!/bin/sh
# api.sh — benchmarks mitwirkung-api with wrk (GET /projects, GET results,
# PUT ballot with rotating tokens) against nginx serving the same /projects
# JSON as a static file, in one run; prints requests/s, p50, p99 and the
# ratio to nginx. Results and the machine are described in bench/README.md.
#
# Environment: BUILD (build folder, default build), BENCH_SECONDS (per wrk
# run, default 10), BENCH_THREADS (wrk -t, default 2), BENCH_CONNS (wrk -c,
# default 32), BENCH_ACCOUNTS (accounts for ballots, default 500).
set -eu
BUILD=${BUILD:-build}
SECS=${BENCH_SECONDS:-10}
THREADS=${BENCH_THREADS:-2}
CONNS=${BENCH_CONNS:-32}
ACCOUNTS=${BENCH_ACCOUNTS:-500}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
api="$top/$BUILD/mitwirkung-api"
case "$BUILD" in /*) api="$BUILD/mitwirkung-api" ;; esac

need() { command -v "$1" >/dev/null 2>&1 || { echo "bench-api: $1 is missing; run: scripts/deps.sh --bench" >&2; exit 1; }; }
need wrk
need python3
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx_bin" ] || { echo "bench-api: nginx is missing; run: scripts/deps.sh --bench" >&2; exit 1; }
[ -x "$api" ] || { echo "bench-api: no $api; build it first (make)" >&2; exit 1; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mw-bench-api.XXXXXX")
api_pid=
nginx_pid=
cleanup() {
	[ -n "$api_pid" ] && kill "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null
	[ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# --- the API server (demo data; --pwhash min only speeds up preparing the
# accounts: ballots check a token hash, not a password) ---------------------
pwhash=
"$api" --help 2>&1 | grep -q -- '--pwhash' && pwhash="--pwhash min"
quiet=
"$api" --help 2>&1 | grep -q -- "--quiet" && quiet=--quiet
mkdir -p "$tmp/mail"
# shellcheck disable=SC2086
"$api" serve --db "$tmp/db" --listen 127.0.0.1:0 --mail-dir "$tmp/mail" --seed demo $pwhash $quiet \
	>"$tmp/api.out" 2>"$tmp/api.log" &
api_pid=$!
port=
for _ in $(seq 1 100); do
	port=$(sed -n '1s/^listening on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$tmp/api.log")
	[ -n "$port" ] && break
	kill -0 "$api_pid" 2>/dev/null || break
	sleep 0.1
done
[ -n "$port" ] || { echo "bench-api: server did not start:" >&2; cat "$tmp/api.log" >&2; exit 1; }
base="http://127.0.0.1:$port/api/v1"

# --- prepare: accounts and tokens, poll ids, the static copy for nginx -----
mkdir -p "$tmp/www/api/v1"
MW_PORT=$port MW_TMP=$tmp MW_ACCOUNTS=$ACCOUNTS PYTHONPATH="$top/tests/lib" \
python3 - >"$tmp/vars" <<'EOF'
import json, os, sys
from concurrent.futures import ThreadPoolExecutor
import mwtest

srv = mwtest.ApiServer(seed=False, tmp=os.environ["MW_TMP"])
srv.port = int(os.environ["MW_PORT"])
n = int(os.environ["MW_ACCOUNTS"])
d = mwtest.demo_index(srv)
poll = d["polls"]["ranking"]
ids = [o["id"] for o in poll["options"]]

def account(i):
	return srv.new_user()["token"]

with ThreadPoolExecutor(max_workers=4) as ex:
	tokens = list(ex.map(account, range(n)))
with open(os.path.join(srv.tmp, "tokens"), "w") as f:
	f.write("\n".join(tokens) + "\n")
bodies = [json.dumps({"choices": [ids[a], ids[b], ids[c]]}, separators=(",", ":"))
	  for a, b, c in ((0, 1, 2), (2, 0, 4), (4, 3, 1), (1, 2, 3), (3, 4, 0))]
# The exact bytes the API answers for GET /projects, as nginx's static file.
r = srv.get("/projects")
assert r.status == 200, r
with open(os.path.join(srv.tmp, "www/api/v1/projects"), "wb") as f:
	f.write(r.body)
print("poll=%d" % poll["id"])
print("bodies='%s'" % ";".join(bodies))
print("projects_bytes=%d" % len(r.body))
EOF
. "$tmp/vars"

# --- nginx on a free loopback port, as this user, everything in $tmp -----
nport=$(free_port)
mkdir -p "$tmp/nginx"
# As root nginx would hand its workers to "nobody", who cannot read $tmp.
user_line=
[ "$(id -u)" -eq 0 ] && user_line="user $(id -un) $(id -gn);"
cat >"$tmp/nginx/nginx.conf" <<EOF
$user_line
worker_processes auto;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 4096; }
http {
	access_log off;
	client_body_temp_path $tmp/nginx/body;
	proxy_temp_path $tmp/nginx/proxy;
	fastcgi_temp_path $tmp/nginx/fastcgi;
	uwsgi_temp_path $tmp/nginx/uwsgi;
	scgi_temp_path $tmp/nginx/scgi;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 1000000;
	server {
		listen 127.0.0.1:$nport;
		root $tmp/www;
		location / { default_type application/json; etag on; }
	}
}
EOF
"$nginx_bin" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/error.log" \
	>"$tmp/nginx/out" 2>&1 &
nginx_pid=$!
for _ in $(seq 1 50); do
	python3 -c "import socket; socket.create_connection(('127.0.0.1', $nport), 0.2)" 2>/dev/null && break
	sleep 0.1
done

# Both must answer the same bytes, or the comparison means nothing.
MW_A="$base/projects" MW_N="http://127.0.0.1:$nport/api/v1/projects" python3 -c '
import os, sys, urllib.request as u
a = u.urlopen(os.environ["MW_A"]).read()
n = u.urlopen(os.environ["MW_N"]).read()
sys.exit(0 if a == n else "bench-api: nginx does not serve the same /projects bytes")
' || { cat "$tmp/nginx/error.log" >&2; exit 1; }

# --- runs ------------------------------------------------------------------
# wrk prints e.g. "Requests/sec:  12345.67" and under "Latency Distribution"
# lines "     50%  1.23ms"; the numbers are turned into ms here.
run() {
	name=$1; shift
	out="$tmp/wrk-$name.txt"
	wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" --timeout 5s --latency "$@" >"$out" 2>&1 || true
	awk -v name="$name" '
	function ms(v) {
		if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
		if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
		if (v ~ /s$/)  { sub(/s$/, "", v);  return v * 1000 }
		return -1
	}
	/^Requests\/sec:/ { rps = $2 }
	/^ +50%/ { p50 = ms($2) }
	/^ +99%/ { p99 = ms($2) }
	/Non-2xx or 3xx responses:/ { bad = $NF }
	/Socket errors:/ { serr = $0; sub(/^ *Socket errors: */, "", serr) }
	/ requests in / { total = $1 }
	END {
		if (rps == "") { rps = 0; p50 = -1; p99 = -1 }
		printf "%s %s %s %s %s %s \"%s\"\n", name, rps, p50, p99, (bad == "" ? 0 : bad), total + 0, serr
	}' "$out" >>"$tmp/table"
}

echo "bench-api: $SECS s per run, wrk -t$THREADS -c$CONNS, $ACCOUNTS accounts, /projects is $projects_bytes bytes"
: >"$tmp/table"
run nginx "http://127.0.0.1:$nport/api/v1/projects"
run projects "$base/projects"
run results "$base/polls/$poll/results"
before=$(python3 -c "import json,sys,urllib.request as u; print(json.load(u.urlopen('$base/polls/$poll/results'))['ballots']['online'])")
MW_TOKENS="$tmp/tokens" MW_BALLOT_PATH="/api/v1/polls/$poll/ballot" MW_BALLOT_BODIES="$bodies" \
	MW_THREADS=$THREADS run ballot -s "$top/bench/ballot.lua" "$base/polls/$poll/ballot"
after=$(python3 -c "import json,sys,urllib.request as u; print(json.load(u.urlopen('$base/polls/$poll/results'))['ballots']['online'])")

# --- table -------------------------------------------------------------------
echo
awk -v before="$before" -v after="$after" -v accounts="$ACCOUNTS" '
{ name[NR] = $1; rps[NR] = $2; p50[NR] = $3; p99[NR] = $4; bad[NR] = $5; tot[NR] = $6
  if ($1 == "nginx") nginx = $2 }
END {
	label["nginx"] = "nginx static GET /projects"
	label["projects"] = "API GET /projects"
	label["results"] = "API GET /polls/{id}/results"
	label["ballot"] = "API PUT /polls/{id}/ballot"
	printf "%-30s %12s %10s %10s %9s %8s\n", "run", "requests/s", "p50 ms", "p99 ms", "vs nginx", "non-2xx"
	for (i = 1; i <= NR; i++)
		printf "%-30s %12.0f %10.2f %10.2f %8.0f%% %8d\n", label[name[i]], rps[i], p50[i], p99[i],
		    (nginx > 0 ? 100 * rps[i] / nginx : 0), bad[i]
	print ""
	for (i = 1; i <= NR; i++) {
		if (name[i] == "projects")
			printf "target GET /projects >= 50%% of nginx: %s (%.0f%%)\n",
			    (nginx > 0 && rps[i] >= nginx / 2 ? "met" : "NOT met"), (nginx > 0 ? 100 * rps[i] / nginx : 0)
		if (name[i] == "ballot") {
			printf "target ballots >= 5000/s: %s (%.0f/s)\n", (rps[i] >= 5000 ? "met" : "NOT met"), rps[i]
			printf "target ballot p99 < 20 ms: %s (%.2f ms)\n", (p99[i] >= 0 && p99[i] < 20 ? "met" : "NOT met"), p99[i]
			printf "ballots: %d requests, %d not 2xx; %d accounts, online ballots before %d after %d\n",
			    tot[i], bad[i], accounts, before, after
		}
	}
}' "$tmp/table"
echo "durability of acknowledged ballots: see tests/integration/test_api_durability.py (SIGKILL mid-stream)"
echo "machine: $(nproc) cores, $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -1), $(uname -sr)"
