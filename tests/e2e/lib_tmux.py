# lib_tmux.py — drives the real mitwirkung client in a private tmux server
# against the real mitwirkung-api: start both, send keys, read the screen and
# the terminal cursor, wait with bounded timeouts. Standard library only.
import email
import email.policy
import os
import queue
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("BUILD", "build")
BUILD_DIR = BUILD if os.path.isabs(BUILD) else os.path.join(TOP, BUILD)
API_BIN = os.path.join(BUILD_DIR, "mitwirkung-api")
CLIENT_BIN = os.path.join(BUILD_DIR, "mitwirkung")
# The API server's clock is pinned (mitwirkung-api --clock), as in
# tests/integration/lib_api.py, so demo dates are the same on any day.
TEST_CLOCK = "2026-11-28T10:00:00Z"


class Failure(AssertionError):
	pass


def wait_until(cond, timeout=10.0, what="condition", step=0.03):
	"""Calls cond() until it returns a true value (returned) or timeout."""
	deadline = time.monotonic() + timeout
	last_exc = None
	while True:
		try:
			v = cond()
			if v:
				return v
		except Failure as e:
			last_exc = e
		if time.monotonic() > deadline:
			if last_exc is not None:
				raise Failure("timed out waiting for %s: %s" % (what, last_exc))
			raise Failure("timed out waiting for %s" % what)
		time.sleep(step)


class ApiServer:
	"""mitwirkung-api serve with demo data on a free port, in a temp dir."""

	def __init__(self, tmp):
		self.tmp = tmp
		self.db = os.path.join(tmp, "api.db")
		self.mail = os.path.join(tmp, "mail")
		os.makedirs(self.mail, exist_ok=True)
		self.proc = None
		self.port = None
		self.log = []

	def start(self, timeout=20):
		args = [API_BIN, "serve", "--db", self.db, "--listen", "127.0.0.1:0",
			"--seed", "demo", "--mail-dir", self.mail, "--clock", TEST_CLOCK]
		try:
			h = subprocess.run([API_BIN, "--help"], capture_output=True, timeout=10)
			if b"--pwhash" in h.stdout + h.stderr:
				# Full-cost Argon2id would make each login take long.
				args += ["--pwhash", "min"]
		except (OSError, subprocess.TimeoutExpired):
			pass
		self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL,
					     stdout=subprocess.DEVNULL,
					     stderr=subprocess.PIPE)
		first = queue.Queue()

		def drain():
			# Seeding may print the demo accounts before the address.
			sent = False
			for line in self.proc.stderr:
				self.log.append(line.decode("utf-8", "replace"))
				if not sent and line.startswith(b"listening on"):
					first.put(line)
					sent = True
			if not sent:
				first.put(b"")

		threading.Thread(target=drain, daemon=True).start()
		try:
			line = first.get(timeout=timeout)
		except queue.Empty:
			self.stop()
			raise Failure("mitwirkung-api did not start in %ss" % timeout)
		m = re.match(rb"listening on 127\.0\.0\.1:(\d+)\s*$", line)
		if not m:
			self.stop()
			raise Failure("unexpected first line of mitwirkung-api: %r" % line)
		self.port = int(m.group(1))
		return self

	@property
	def url(self):
		return "http://127.0.0.1:%d/api/v1" % self.port

	def stop(self):
		if self.proc is not None and self.proc.poll() is None:
			self.proc.terminate()
			try:
				self.proc.wait(timeout=5)
			except subprocess.TimeoutExpired:
				self.proc.kill()
				self.proc.wait(timeout=5)
		self.proc = None

	def mail_token(self, addr, timeout=10):
		"""The one-time code of the newest confirmation mail to addr."""
		def find():
			best = None
			for name in sorted(os.listdir(self.mail)):
				if not name.endswith(".eml"):
					continue
				p = os.path.join(self.mail, name)
				with open(p, "rb") as f:
					data = f.read()
				msg = email.message_from_bytes(data, policy=email.policy.default)
				if addr.lower() not in str(msg.get("To", "")).lower():
					continue
				body = msg.get_body(preferencelist=("plain",))
				text = body.get_content() if body is not None else \
					data.decode("utf-8", "replace")
				m = re.search(r"(?m)^\s*([A-Za-z0-9_\-]{16,})\s*$", text)
				if m:
					best = m.group(1)
			return best
		return wait_until(find, timeout, "a confirmation mail to " + addr)


def mail_code(api, addr, timeout=10):
	"""The 8-digit code of the newest confirmation mail to addr, as the
	mail writes it ("1234 5678")."""
	api.mail_token(addr, timeout)

	def find():
		best = None
		for name in sorted(os.listdir(api.mail)):
			if not name.endswith(".eml"):
				continue
			with open(os.path.join(api.mail, name), "rb") as f:
				msg = email.message_from_bytes(f.read(), policy=email.policy.default)
			if addr.lower() not in str(msg.get("To", "")).lower():
				continue
			m = re.search(r"(?m)^\s*(\d{4} \d{4})\s*$",
				      msg.get_body(preferencelist=("plain",)).get_content())
			if m:
				best = m.group(1)
		return best
	return wait_until(find, timeout, "a code in the mail to " + addr)


class Client:
	"""The real client in a private tmux server at a fixed size."""

	counter = 0

	def __init__(self, api_url, tmp, width=80, height=24, lang="en",
		     extra_args=(), name=None, env=None, files=None):
		Client.counter += 1
		self.sock = "mw-e2e-%d-%d" % (os.getpid(), Client.counter)
		self.width, self.height = width, height
		extra_env = env
		self.home = os.path.join(tmp, name or ("home%d" % Client.counter))
		for d in ("", ".config", ".local/state", ".cache"):
			os.makedirs(os.path.join(self.home, d), exist_ok=True)
		for rel, text in (files or {}).items():
			path = os.path.join(self.home, rel)
			os.makedirs(os.path.dirname(path), exist_ok=True)
			with open(path, "w", encoding="utf-8") as f:
				f.write(text)
		env = {
			"HOME": self.home,
			"XDG_CONFIG_HOME": os.path.join(self.home, ".config"),
			"XDG_STATE_HOME": os.path.join(self.home, ".local/state"),
			"XDG_CACHE_HOME": os.path.join(self.home, ".cache"),
			"LANG": "C.UTF-8",
			"LC_ALL": "C.UTF-8",
		}
		env.update(extra_env or {})
		cmd = ["env", "-u", "NO_COLOR"] + ["%s=%s" % kv for kv in env.items()] + \
			[CLIENT_BIN, "--api", api_url, "--lang", lang] + list(extra_args)
		self.tmux("-f", "/dev/null", "new-session", "-d", "-x", str(width),
			  "-y", str(height), "-s", "t", "--",
			  " ".join(shquote(a) for a in cmd))
		self.tmux("set-option", "-t", "t", "remain-on-exit", "on")
		self.tmux("set-option", "-t", "t", "status", "off")
		# A window at the wanted size even without an attached client.
		self.tmux("set-window-option", "-t", "t", "window-size", "manual")
		self.tmux("resize-window", "-t", "t", "-x", str(width), "-y", str(height))

	def tmux(self, *args, check=True):
		r = subprocess.run(["tmux", "-L", self.sock] + list(args),
				   capture_output=True, timeout=10)
		if check and r.returncode != 0:
			raise Failure("tmux %s: %s" % (" ".join(args),
						     r.stderr.decode("utf-8", "replace")))
		return r.stdout.decode("utf-8", "replace")

	def close(self):
		self.tmux("kill-server", check=False)

	# --- reading ---------------------------------------------------------

	def screen(self):
		"""The visible lines, trailing blanks removed, always height lines."""
		out = self.tmux("capture-pane", "-p", "-t", "t").split("\n")
		lines = [l.rstrip() for l in out[:self.height]]
		return lines + [""] * (self.height - len(lines))

	def text(self):
		return "\n".join(self.screen())

	def cursor(self):
		y, x = self.tmux("display", "-p", "-t", "t",
				 "#{cursor_y} #{cursor_x}").split()
		return int(y), int(x)

	def dead(self):
		return self.tmux("display", "-p", "-t", "t", "#{pane_dead}").strip() == "1"

	# --- waiting and asserting ---------------------------------------------

	def flat(self):
		"""The screen as one line: rows joined by spaces, blanks squeezed,
		so a text found here may be wrapped over several rows."""
		return re.sub(r"\s+", " ", " ".join(self.screen())).strip()

	def wait_text(self, *needles, timeout=10):
		"""Waits until every needle is on the screen (wrapped or not);
		returns the lines."""
		def ok():
			s = self.flat()
			missing = [n for n in needles if n not in s]
			if missing:
				raise Failure("missing %r on screen:\n%s" % (missing, s))
			return self.screen()
		return wait_until(ok, timeout, "text %r" % (needles,))

	def focus_line(self):
		"""(row, text) of the line with the '>' marker; fails unless there
		is exactly one."""
		rows = [(i, l) for i, l in enumerate(self.screen()) if l.startswith(">")]
		if len(rows) != 1:
			raise Failure("expected one '>' line, found %d:\n%s" % (len(rows), self.text()))
		return rows[0]

	def focus_item(self):
		"""The focused item's text: the '>' line and the lines that
		continue it (indented, not the next numbered item), joined by
		spaces with runs of blanks squeezed."""
		lines = self.screen()
		row, line = self.focus_line()
		parts = [line[1:]]
		for l in lines[row + 1:]:
			# Continuation lines are indented; the hint and status
			# lines and the next item are not part of it.
			if not l.startswith(" ") or not l.strip() or \
					re.match(r"^[ >]\s*\d+\. ", l):
				break
			parts.append(l)
		return re.sub(r"\s+", " ", " ".join(parts)).strip()

	def check_focus(self, needle=None, timeout=10, field=False):
		"""Waits until the focused item (the '>' line and its continuation)
		contains needle and the terminal cursor is on the '>' line; with
		field, a multi-line text field, on one of the item's lines below it
		(its caret). Returns the focus line's text."""
		def ok():
			row, line = self.focus_line()
			if needle is not None and needle not in self.focus_item():
				raise Failure("focus is on %r, not %r:\n%s" % (line, needle, self.text()))
			cy, cx = self.cursor()
			if field and cy > row:
				# The caret is in the field's text: below the name,
				# before the next numbered item.
				nxt = [i for i, l in enumerate(self.screen())
				       if i > row and re.match(r"^[ >]\s*\d+\. ", l)]
				if not nxt or cy < nxt[0]:
					return line
			if cy != row:
				raise Failure("cursor at %d,%d but the focus line is %d (%r):\n%s"
					      % (cy, cx, row, line, self.text()))
			return line
		return wait_until(ok, timeout, "focus on %r" % needle)

	def check_caret(self, typed, timeout=10):
		"""A text field has focus: the cursor sits right after the typed
		text on its line, and a '>' line is above it."""
		def ok():
			row, _ = self.focus_line()
			cy, cx = self.cursor()
			lines = self.screen()
			if cy < row or cy >= len(lines):
				raise Failure("caret %d,%d is not in the focused item at %d:\n%s"
					      % (cy, cx, row, self.text()))
			line = lines[cy]
			if typed and not line.rstrip().endswith(typed[-min(len(typed), 10):]):
				raise Failure("caret line %r does not end with %r" % (line, typed))
			if typed and cx != len(line.rstrip()):
				raise Failure("caret at column %d, text ends at %d: %r"
					      % (cx, len(line.rstrip()), line))
			return True
		return wait_until(ok, timeout, "caret after %r" % typed)

	# --- typing -------------------------------------------------------------

	def keys(self, *names):
		"""tmux key names: Down, Enter, Escape, BSpace, Tab, C-x, q, ..."""
		for k in names:
			self.tmux("send-keys", "-t", "t", k)

	def type(self, text):
		self.tmux("send-keys", "-t", "t", "-l", "--", text)

	def focus_to(self, needle, key="Down", limit=60):
		"""Presses key until the focused line contains needle."""
		for _ in range(limit):
			try:
				line = self.focus_item()
			except Failure:
				line = ""
			if needle in line:
				return self.check_focus(needle)
			before = self.text()
			self.keys(key)
			wait_until(lambda: self.text() != before, 5,
				   "the screen to change after %s" % key)
		raise Failure("no item %r reached with %s:\n%s" % (needle, key, self.text()))


def shquote(s):
	if re.match(r"^[A-Za-z0-9_./:=@%+-]+$", s):
		return s
	return "'" + s.replace("'", "'\\''") + "'"


class Runner:
	"""Runs named test functions; prints a closing 'N passed, N failed'."""

	def __init__(self):
		self.passed = 0
		self.failed = 0

	def run(self, name, fn, *args):
		t0 = time.monotonic()
		try:
			fn(*args)
		except Exception:  # noqa: BLE001 - every failure is reported
			self.failed += 1
			print("FAIL %s (%.1fs)" % (name, time.monotonic() - t0))
			traceback.print_exc(file=sys.stdout)
		else:
			self.passed += 1
			print("ok   %s (%.1fs)" % (name, time.monotonic() - t0))
		sys.stdout.flush()

	def finish(self):
		print("%d passed, %d failed" % (self.passed, self.failed))
		return 1 if self.failed else 0


def preflight():
	"""Returns an error text when the programs or tmux are missing."""
	for p in (API_BIN, CLIENT_BIN):
		if not os.access(p, os.X_OK):
			return "missing %s (build it first)" % p
	if shutil.which("tmux") is None:
		return "tmux is not installed"
	return None


def tempdir():
	return tempfile.mkdtemp(prefix="mw-e2e-")
