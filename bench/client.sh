#!/bin/sh
# client.sh — benchmark of the mitwirkung client on loopback: time to the
# first full screen, peak RSS, and the bytes the client writes to its
# terminal for start-up, for one focus move and for opening a project.
# It runs the real client on a pseudo-terminal (a small Python harness
# counts every byte) against the real API with demo data. Prints a table.
# Usage: BUILD=build bench/client.sh [ROUNDS]
set -eu
BUILD=${BUILD:-build}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
case "$BUILD" in /*) ;; *) BUILD="$top/$BUILD" ;; esac
for p in mitwirkung mitwirkung-api; do
	if [ ! -x "$BUILD/$p" ]; then
		echo "client.sh: $BUILD/$p is missing; run make first" >&2
		exit 1
	fi
done
exec python3 - "$BUILD" "${1:-5}" <<'PYEOF'
import curses, fcntl, os, re, select, shutil, signal, struct, subprocess
import sys, tempfile, termios, time

build, rounds = sys.argv[1], int(sys.argv[2])
tmp = tempfile.mkdtemp(prefix="mw-bench-")
QUIET = 0.25		# seconds without output that end a burst
TERM = "xterm-256color"

def start_api():
	mail = os.path.join(tmp, "mail")
	os.makedirs(mail)
	p = subprocess.Popen([os.path.join(build, "mitwirkung-api"), "serve",
			      "--db", os.path.join(tmp, "api.db"),
			      "--listen", "127.0.0.1:0", "--seed", "demo",
			      "--mail-dir", mail],
			     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
			     stderr=subprocess.PIPE)
	# Seeding may print the demo accounts before the address.
	for _ in range(50):
		line = p.stderr.readline().decode()
		if not line or line.startswith("listening on"):
			break
	m = re.match(r"listening on (127\.0\.0\.1:\d+)", line)
	if not m:
		p.kill()
		sys.exit("client.sh: the API did not start: %r" % line)
	# Keep draining stderr so the server never blocks on a full pipe.
	fd = p.stderr.fileno()
	os.set_blocking(fd, False)
	return p, "http://%s/api/v1" % m.group(1)

class Pty:
	"""The client on a pseudo-terminal of rows x cols; counts output."""
	def __init__(self, args, rows, cols, env):
		self.pid, self.fd = os.forkpty()
		if self.pid == 0:
			os.execve(args[0], args, env)
		fcntl.ioctl(self.fd, termios.TIOCSWINSZ,
			    struct.pack("HHHH", rows, cols, 0, 0))
		self.out = b""

	def burst(self, timeout=10.0):
		"""Reads until QUIET seconds pass without output. Returns
		(bytes, seconds from the call to the last byte)."""
		t0 = time.monotonic()
		got, last = b"", t0
		while time.monotonic() - t0 < timeout:
			r, _, _ = select.select([self.fd], [], [], QUIET)
			if not r:
				if got:
					break
				continue
			try:
				chunk = os.read(self.fd, 65536)
			except OSError:
				break
			if not chunk:
				break
			got += chunk
			last = time.monotonic()
		self.out += got
		return got, last - t0

	def send(self, data):
		os.write(self.fd, data)

	def status_kb(self, field):
		"""A field of /proc/PID/status in KiB: VmHWM is the peak RSS,
		RssAnon the part that is the client's own (not shared library
		pages)."""
		with open("/proc/%d/status" % self.pid) as f:
			for line in f:
				if line.startswith(field + ":"):
					return int(line.split()[1])
		return -1

	def close(self):
		try:
			os.kill(self.pid, signal.SIGTERM)
		except ProcessLookupError:
			pass
		try:
			os.waitpid(self.pid, 0)
		except ChildProcessError:
			pass
		os.close(self.fd)

def median(v):
	v = sorted(v)
	return v[len(v) // 2]

def run_once(url, rows, cols):
	home = tempfile.mkdtemp(dir=tmp)
	env = {"HOME": home, "XDG_CONFIG_HOME": home, "XDG_STATE_HOME": home,
	       "TERM": TERM, "LANG": "C.UTF-8", "PATH": os.environ.get("PATH", "")}
	curses.setupterm(TERM, sys.stdout.fileno() if sys.stdout.isatty() else
			 os.open(os.devnull, os.O_WRONLY))
	down = curses.tigetstr("kcud1") or b"\x1b[B"
	up = curses.tigetstr("kcuu1") or b"\x1b[A"
	p = Pty([os.path.join(build, "mitwirkung"), "--api", url, "--lang", "en"],
		rows, cols, env)
	# From the fork to the last byte of the first frame with data.
	start, dt = p.burst()
	first_ms = dt * 1000
	moves = []
	for _ in range(3):
		p.send(down)
		b, _ = p.burst()
		moves.append(len(b))
	for _ in range(3):
		p.send(up)
		p.burst()
	p.send(b"\r")
	opened, odt = p.burst()
	rss = p.status_kb("VmHWM")
	anon = p.status_kb("RssAnon")
	p.send(b"q")
	p.burst(timeout=2)
	p.close()
	return {"first_ms": first_ms, "start_bytes": len(start),
		"move_bytes": median(moves), "open_bytes": len(opened),
		"open_ms": odt * 1000, "rss_kb": rss, "anon_kb": anon}

api, url = start_api()
try:
	results = {}
	# One run first so the server's caches are warm, as they are in use.
	run_once(url, 24, 80)
	for rows, cols in ((24, 80), (12, 40)):
		runs = [run_once(url, rows, cols) for _ in range(rounds)]
		results[(rows, cols)] = {k: median([r[k] for r in runs]) for k in runs[0]}
finally:
	api.terminate()
	api.wait()
	shutil.rmtree(tmp, ignore_errors=True)

print("mitwirkung client, %d runs each, median (loopback, TERM=%s)" % (rounds, TERM))
print()
print("| measure                          | target   |    80x24 |    40x12 |")
print("| -------------------------------- | -------- | -------: | -------: |")
rows = [
	("time to first full screen (ms)", "< 100", "first_ms", "%.1f"),
	("peak RSS (KiB)", "< 10240", "rss_kb", "%d"),
	("  of it private, RssAnon (KiB)", "", "anon_kb", "%d"),
	("bytes written at start-up", "", "start_bytes", "%d"),
	("bytes for one focus move", "< 120", "move_bytes", "%d"),
	("bytes for opening a project", "", "open_bytes", "%d"),
	("time to open a project (ms)", "", "open_ms", "%.1f"),
]
for name, target, key, fmt in rows:
	print("| %-32s | %-8s | %8s | %8s |" % (name, target,
		fmt % results[(24, 80)][key], fmt % results[(12, 40)][key]))
PYEOF
