# lib_braille.py — runs a program under a real BRLTTY 6.7 and plays its
# braille display: brltty-pty runs the program in a pseudo-terminal and
# exports the screen, `brltty -x em` reads it, and `-b vr` (the virtual
# braille driver) sends the braille window and the window and cursor
# positions to a Unix socket served here, as a 40-cell display would see
# them. Keys go in as the terminal would send them. A driver on top of
# tests/lib/mwtest.py: its processes and directories are the suite's, so
# they are ended and removed with it. Standard library only.
import curses
import fcntl
import os
import re
import select
import shutil
import signal
import socket
import struct
import subprocess
import sys
import termios
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
from mwtest import Failure, spawn, stop_proc, tempdir  # noqa: E402,F401 (Failure: for the tests)

# Seconds without news from BRLTTY after which the window counts as settled.
QUIET = 0.1
# The outer terminal brltty-pty runs in; the program inside sees TERM=screen.
OUTER_TERM = "xterm"
KEY_CAPS = {"Up": "kcuu1", "Down": "kcud1", "Left": "kcub1", "Right": "kcuf1",
	    "Home": "khome", "End": "kend", "PgUp": "kpp", "PgDn": "knp",
	    "Delete": "kdch1", "BTab": "kcbt",
	    **{"F%d" % i: "kf%d" % i for i in range(1, 13)}}
KEY_BYTES = {"Enter": b"\r", "Tab": b"\t", "Esc": b"\x1b", "Backspace": b"\x7f",
	     "Space": b" "}


def ensure_brltty():
	"""The folder of the BRLTTY build: built once by build_brltty.sh,
	which returns at once when its cache is there."""
	r = subprocess.run([os.path.join(HERE, "build_brltty.sh")], capture_output=True,
			   timeout=900)
	if r.returncode != 0:
		raise Failure("building BRLTTY failed: %s" % r.stderr.decode(errors="replace")[-2000:])
	return r.stdout.decode().strip().splitlines()[-1]


class Session:
	"""One program under brltty-pty and brltty, at rows x cols, read by a
	display of `cells` cells. Every method raises Failure with a trace of
	the last windows when something is not as expected."""

	def __init__(self, build, cmd, rows, cols, cells=40, env=None, label=""):
		self.cells, self.label = cells, label
		self.work = tempdir("mw-brl-")
		self.procs = []
		self.buf = b""
		self.visual, self.status = "", {}
		self.trace = []
		master, slave = os.openpty()
		fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
		self.master = master
		penv = dict(os.environ, TERM=OUTER_TERM, LANG="C.UTF-8", LC_ALL="C.UTF-8")
		penv.update(env or {})
		self.pty = spawn([os.path.join(build, "Programs/brltty-pty"),
					     "--driver-directives", "--"] + list(cmd),
					    stdin=slave, stdout=slave, stderr=subprocess.PIPE,
					    env=penv, start_new_session=True)
		self.procs.append(self.pty)
		os.close(slave)
		# brltty-pty draws the screen on its own terminal too: read it away.
		threading.Thread(target=self._drain, daemon=True).start()
		path = None
		end = time.monotonic() + 10
		while time.monotonic() < end and path is None:
			r, _, _ = select.select([self.pty.stderr], [], [], 0.2)
			if r:
				line = self.pty.stderr.readline().decode(errors="replace").strip()
				if line.startswith("path "):
					path = line.split(None, 1)[1]
				elif not line and self.pty.poll() is not None:
					break
		if path is None:
			self.close()
			raise Failure("brltty-pty did not start")
		threading.Thread(target=lambda: [None for _ in self.pty.stderr], daemon=True).start()
		sock_path = os.path.join(self.work, "vr.sock")
		srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
		srv.bind(sock_path)
		srv.listen(1)
		prefs = os.path.join(self.work, "brltty.prefs")
		with open(prefs, "w") as f:
			# Window and cursor positions come as generic status fields.
			f.write("status-fields generic\nshow-screen-cursor yes\n"
				"blinking-screen-cursor no\n")
		self.brl = spawn(
			[os.path.join(build, "Programs/brltty"), "-n", "-q", "-N", "-z",
			 "-f", "/dev/null", "-F", prefs, "-T", os.path.join(build, "Tables"),
			 "-W", self.work, "-U", self.work, "-P", os.path.join(self.work, "pid"),
			 "-L", os.path.join(self.work, "brltty.log"), "-b", "vr",
			 "-d", "client:" + sock_path, "-x", "em", "-X", "path=" + path, "-s", "no"],
			stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
			stderr=subprocess.DEVNULL, start_new_session=True, cwd=self.work)
		self.procs.append(self.brl)
		srv.settimeout(15)
		try:
			self.conn, _ = srv.accept()
		except socket.timeout:
			self.close()
			raise Failure("brltty did not connect to the display")
		finally:
			srv.close()
		self.conn.sendall(b"cells %d 1 1 1\n" % cells)
		curses.setupterm(OUTER_TERM, self.master)

	def _drain(self):
		try:
			while os.read(self.master, 65536):
				pass
		except OSError:
			pass

	def close(self):
		for p in reversed(self.procs):
			if p.poll() is None:
				try:
					os.killpg(p.pid, signal.SIGTERM)
				except ProcessLookupError:
					pass
		for p in self.procs:
			try:
				p.wait(3)
			except subprocess.TimeoutExpired:
				os.killpg(p.pid, signal.SIGKILL)
				p.wait(3)
			stop_proc(p)	# no longer the suite's to end
		try:
			os.close(self.master)
		except OSError:
			pass
		shutil.rmtree(self.work, ignore_errors=True)

	# --- the display -------------------------------------------------------

	def _pump(self, timeout):
		r, _, _ = select.select([self.conn], [], [], timeout)
		if not r:
			return
		data = self.conn.recv(65536)
		if not data:
			raise Failure("brltty closed the display")
		self.buf += data
		while b"\n" in self.buf:
			line, self.buf = self.buf.split(b"\n", 1)
			m = re.match(r"(\w+)\s+(.*)$", line.decode("utf-8", "replace").rstrip("\r"))
			if not m:
				continue
			word, rest = m.groups()
			if word == "Visual":
				self.visual = re.sub(r"\\(.)", r"\1", rest[1:-1])
			elif word.isupper() and rest.strip().lstrip("-").isdigit():
				self.status[word] = int(rest)

	def _quiet(self, secs):
		"""Pumps until nothing arrived for secs (True), at most 1 s."""
		end = time.monotonic() + 1.0
		while time.monotonic() < end:
			r, _, _ = select.select([self.conn], [], [], secs)
			if not r:
				return True
			self._pump(0)
		return False

	def window(self):
		"""(text, cursor cell or None): the window and where the screen
		cursor is in it (None when it is outside the window)."""
		st = self.status
		brow, bcol = st.get("BRLROW", 0) - 1, st.get("BRLCOL", 0) - 1
		crow, ccol = st.get("CSRROW", 0) - 1, st.get("CSRCOL", 0) - 1
		inside = crow == brow and bcol <= ccol < bcol + self.cells
		return self.visual, (ccol - bcol if inside else None)

	def _where(self):
		st = self.status
		return " (window row %s col %s, cursor row %s col %s)" % (
			st.get("BRLROW", 0) - 1, st.get("BRLCOL", 0) - 1,
			st.get("CSRROW", 0) - 1, st.get("CSRCOL", 0) - 1)

	def key(self, name):
		"""Sends a key (a name of KEY_CAPS / KEY_BYTES, else literal text)."""
		if name in KEY_BYTES:
			data = KEY_BYTES[name]
		elif name in KEY_CAPS:
			data = curses.tigetstr(KEY_CAPS[name])
			if not data:
				raise Failure("no terminfo string for %s" % name)
		else:
			data = name.encode()
		self.trace.append("key %s" % name)
		os.write(self.master, data)

	def expect(self, want, timeout=8.0, changed=None):
		"""Waits until the braille window shows want (its start may be
		cut by the window's right edge) and holds the cursor. changed: a
		(text, cell) the window must differ from first, so a window left
		over from before the key does not count."""
		end = time.monotonic() + timeout
		while True:
			self._pump(0.03)
			text, cell = self.window()
			ok = cell is not None and _shows(text, want)
			if ok and (changed is None or (text, cell) != changed):
				# A frame may reach the display in parts: only a window
				# that holds while nothing more arrives counts.
				if not self._quiet(QUIET):
					continue
				text, cell = self.window()
				if not (cell is not None and _shows(text, want)):
					continue
				self.trace.append("  |%s| cursor %s%s: %r ok" % (text, cell, self._where(), want))
				return text
			if time.monotonic() > end:
				self.trace.append("  |%s| cursor %s%s: %r MISSING" % (text, cell, self._where(), want))
				raise Failure("%s: braille window |%s| (cursor cell %s) does not show %r "
					      "with the cursor; steps:\n%s" % (self.label, text, cell, want,
									   "\n".join(self.trace[-16:])))

	def step(self, key, want, timeout=8.0, same=False):
		"""Presses key, then expect(want) with a window that changed
		(with same, one that may look as before: a change beyond the
		window's edge)."""
		before = self.window()
		self.key(key)
		if same:
			# The key is handled once the screen shows it anywhere.
			time.sleep(0.3)
		return self.expect(want, timeout, changed=None if same else before)

	def find(self, key, want, limit=30):
		"""Presses key until the window shows want with the cursor."""
		for _ in range(limit):
			text, cell = self.window()
			if cell is not None and want in text:
				return text
			self.step(key, "", timeout=5)
		return self.expect(want, timeout=0.1)

	def type(self, text, want):
		"""Types text one key at a time; the window must show want after."""
		before = self.window()
		for ch in text:
			self.trace.append("key %r" % ch)
			os.write(self.master, ch.encode())
		return self.expect(want, changed=before)


def _shows(text, want):
	"""want is in the window, or the window is full and ends with the
	start of want (the rest is one pan to the right)."""
	if want in text:
		return True
	if len(text) < 38 or text.endswith(" "):
		return False
	return any(text.endswith(want[:n]) for n in range(len(want) - 1, 7, -1))
