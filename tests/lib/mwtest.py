# mwtest.py — the one test harness of MitWirkung: starts the real programs
# (mitwirkung-api, mitwirkung-sshd, the client in a private tmux server) on
# free ports in temporary directories, runs named cases, and reports
# `N passed, N failed`. Whatever a suite starts is stopped when it ends,
# fails, times out or is interrupted. Standard library only.
#
# A suite:
#	S = Suite("test_x")
#	@S.test
#	def test_something(srv): ...
#	S.run(setup)			# setup() -> what every test gets
# or, for scripted checks, S.check(cond, name, detail) and S.case(name, fn,
# *args), then S.finish(). Servers: S.api(), S.sshd(work, ...), S.client(...)
# (or the classes directly: everything started is tracked either way).
#
# Environment: ONLY=<substring> runs the matching tests only; VERBOSE=1
# prints tracebacks of failed assertions; SHOW_LOG=0 hides the server log
# tail printed on failure; MWTEST_DIR is the directory for this suite's
# temporary files (tests/run.sh sets it; removed when the suite passes,
# kept when it fails); MW_TEST_FAST=0 runs the kiosk idle flows at their
# real length instead of the client's test timer scale.
import atexit
import calendar
import email
import email.policy
import gzip
import http.client
import json
import os
import queue
import re
import shutil
import signal
import socket
import sqlite3
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
BIN = API_BIN
CLIENT_BIN = os.environ.get("MW_CLIENT_BIN") or os.path.join(BUILD_DIR, "mitwirkung")
SSHD_BIN = os.path.join(BUILD_DIR, "mitwirkung-sshd")
STANDIN = os.path.join(TOP, "tests", "integration", "_ssh_standin.py")
BASE = "/api/v1"
# Every API server's clock is pinned to this moment (mitwirkung-api --clock),
# so the demo data, which is dated relative to "now", has the same dates on
# any day the suite runs: the skate-ramp idea (12 days old) is from
# 16 November 2026.
TEST_CLOCK = "2026-11-28T10:00:00Z"
_CLOCK_T0 = time.time()


def now():
	"""The test servers' clock (seconds since the epoch): TEST_CLOCK when
	this process started, running on in real time. Every server started
	by this process is pinned to it, restarts included, so times a test
	sends (opens_at, closes_at) are relative to the server's "now"."""
	return calendar.timegm(time.strptime(TEST_CLOCK, "%Y-%m-%dT%H:%M:%SZ")) \
		+ (time.time() - _CLOCK_T0)


# --- failures ---------------------------------------------------------------

class Failure(AssertionError):
	"""A failed expectation (any AssertionError counts the same)."""


class Skip(Exception):
	"""A test that cannot run here (e.g. the server lacks a test option)."""


class Terminated(BaseException):
	"""Raised by SIGTERM, SIGINT or SIGHUP: the suite stops what it started."""


def wait_until(cond, timeout=10.0, what="condition", step=0.03):
	"""Calls cond() until it returns a true value (returned) or timeout;
	a Failure raised by cond counts as "not yet" and is quoted at the end."""
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


# --- processes and temporary files --------------------------------------------
#
# Every process started through spawn() and every tmux server of a Client
# is recorded; reap() (at exit, after a signal, in Suite.finish) stops them
# all. Servers also die with the test process (PR_SET_PDEATHSIG), so even a
# SIGKILL of the suite leaves no server behind; tmux servers live in
# TMUX_TMPDIR under MWTEST_DIR, where tests/run.sh finds and ends them.

try:
	import ctypes
	_prctl = ctypes.CDLL(None, use_errno=True).prctl
except (OSError, AttributeError):
	_prctl = None

_lock = threading.RLock()
_procs = []		# Popen objects still to stop
_tmux = []		# tmux command prefixes (["tmux", "-L", name]) still to kill
_dirs = []		# temporary directories to remove on success
_servers = []		# every ApiServer and SshServer (Suite.finish checks them)
_state = {"failed": 0, "reaped": False}


def _die_with_parent():
	if _prctl is not None:
		_prctl(1, signal.SIGKILL)	# PR_SET_PDEATHSIG


def _rundir():
	d = os.environ.get("MWTEST_DIR")
	if not d:
		d = tempfile.mkdtemp(prefix="mwtest-")
		os.environ["MWTEST_DIR"] = d
		_dirs.append(d)
	os.makedirs(d, exist_ok=True)
	# Sessions of the SSH gateway run as nobody when the tests run as root:
	# they must reach their homes below this directory.
	os.chmod(d, 0o755)
	return d


RUNDIR = _rundir()
os.environ["TMUX_TMPDIR"] = RUNDIR
os.environ.pop("TMUX", None)		# never talk to the tmux we may run in


def tempdir(prefix="mw-"):
	"""A new directory below MWTEST_DIR, removed when the suite passes."""
	d = tempfile.mkdtemp(prefix=prefix, dir=RUNDIR)
	with _lock:
		_dirs.append(d)
	return d


def spawn(args, **kw):
	"""subprocess.Popen that is recorded for reap() and dies with us."""
	# The death signal follows the starting *thread*; only the main
	# thread lives as long as the test.
	if threading.current_thread() is threading.main_thread():
		kw.setdefault("preexec_fn", _die_with_parent)
	p = subprocess.Popen(args, **kw)
	# A process in a session of its own leads a group: it is ended with
	# the rest of its group.
	p.mw_group = bool(kw.get("start_new_session"))
	with _lock:
		_procs.append(p)
	return p


def stop_proc(p, sig=signal.SIGTERM, timeout=10):
	"""Signals p, waits, then SIGKILL; returns the exit status."""
	if p.poll() is None:
		try:
			p.send_signal(sig)
			p.wait(timeout=timeout)
		except subprocess.TimeoutExpired:
			p.kill()
			p.wait(timeout=5)
	if getattr(p, "mw_group", False):
		try:
			os.killpg(p.pid, signal.SIGKILL)
		except OSError:
			pass
	with _lock:
		if p in _procs:
			_procs.remove(p)
	return p.returncode


def track_tmux(prefix):
	with _lock:
		_tmux.append(list(prefix))


def untrack_tmux(prefix):
	subprocess.run(list(prefix) + ["kill-server"], capture_output=True, timeout=10)
	with _lock:
		if list(prefix) in _tmux:
			_tmux.remove(list(prefix))


def reap():
	"""Ends every tmux server and process this suite started."""
	with _lock:
		tm, ps = list(_tmux), list(_procs)
	for t in tm:
		try:
			untrack_tmux(t)
		except (OSError, subprocess.SubprocessError):
			pass
	for p in ps:
		try:
			stop_proc(p, timeout=5)
		except (OSError, subprocess.SubprocessError):
			pass


def _at_exit():
	reap()
	if not _state["failed"]:
		for d in reversed(_dirs):
			shutil.rmtree(d, ignore_errors=True)
	elif _dirs:
		sys.stderr.write("temporary files kept in %s\n" % RUNDIR)


atexit.register(_at_exit)


def _terminated(signum, _frame):
	_state["failed"] += 1
	raise Terminated("signal %d" % signum)


for _sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
	signal.signal(_sig, _terminated)


# The client's kiosk timers run this many times faster in tests
# (--test-time-scale, a test-only option); MW_TEST_FAST=0 runs them at
# their real length.
TIME_SCALE = 1 if os.environ.get("MW_TEST_FAST") == "0" else 10


def kiosk_args(idle):
	"""The client's options for a kiosk resetting after idle seconds (which
	pass TIME_SCALE times faster)."""
	args = ["--kiosk", "--idle-reset", str(idle)]
	if TIME_SCALE > 1:
		args += ["--test-time-scale", str(TIME_SCALE)]
	return args


def free_port():
	"""A port nobody listens on right now (for "server down" cases)."""
	s = socket.socket()
	s.bind(("127.0.0.1", 0))
	port = s.getsockname()[1]
	s.close()
	return port


# --- the runner -----------------------------------------------------------------

class Suite:
	"""Runs named cases (a failure does not stop the others), stops what
	they started, prints `N passed, N failed` and exits non-zero on any
	failure. The servers it started must stop cleanly on SIGTERM and, in
	a sanitizer build, without a report."""

	def __init__(self, name=None):
		self.name = name or os.path.splitext(os.path.basename(sys.argv[0]))[0]
		self.tests = []
		self.servers = _servers
		self.passed = self.failed = self.skipped = 0
		self.t0 = time.monotonic()
		self.finished = False
		self.lock = threading.RLock()	# cases may run in threads (parallel())

	# --- what a suite starts --------------------------------------------
	def test(self, fn):
		self.tests.append(fn)
		return fn

	def api(self, **kw):
		return ApiServer(**kw)

	server = api

	def sshd(self, work, *args, **kw):
		return SshServer(work, *args, suite=self, **kw)

	def tmp(self, prefix="mw-"):
		return tempdir(prefix)

	# --- results ----------------------------------------------------------
	def _fail(self):
		with self.lock:
			self.failed += 1
			_state["failed"] += 1

	def check(self, cond, name, detail=""):
		"""One named expectation as a case of its own."""
		with self.lock:
			if cond:
				self.passed += 1
				print("ok   %s" % name)
			else:
				self._fail()
				print("FAIL %s %s" % (name, detail))
			sys.stdout.flush()
		return cond

	def case(self, name, fn, *args):
		"""Runs fn(*args) as the case `name`; returns True when it passed.
		With ONLY set, a case whose name lacks it is left out."""
		only = os.environ.get("ONLY")
		if only and only not in name:
			return True
		t = time.monotonic()
		try:
			fn(*args)
		except Skip as e:
			self.skipped += 1
			print("SKIP %s: %s" % (name, e))
			return True
		except Terminated as e:
			self._fail()
			print("FAIL %s (%.1fs): interrupted by %s" % (name, time.monotonic() - t, e))
			sys.stdout.flush()
			raise
		except Exception as e:  # noqa: BLE001 - every failure is reported
			self._fail()
			kind = "" if isinstance(e, AssertionError) else type(e).__name__ + ": "
			print("FAIL %s (%.1fs): %s%s" % (name, time.monotonic() - t, kind, e))
			if not isinstance(e, AssertionError) or os.environ.get("VERBOSE"):
				traceback.print_exc(file=sys.stdout)
			sys.stdout.flush()
			return False
		with self.lock:
			self.passed += 1
			print("ok   %s (%.2fs)" % (name, time.monotonic() - t))
			sys.stdout.flush()
		return True

	def parallel(self, *cases):
		"""Runs (name, fn, *args) cases at the same time, each in a thread,
		and waits for all: for cases that mostly wait on a server's timer,
		each with servers of its own."""
		threads = [threading.Thread(target=self.case, args=c, daemon=True) for c in cases]
		for t in threads:
			t.start()
		for t in threads:
			while t.is_alive():
				t.join(0.2)	# signals still reach the main thread

	def run(self, setup=None):
		"""Runs the @test functions (with setup()'s result when given),
		then finish()."""
		try:
			try:
				ctx = setup() if setup else None
			except Exception:
				traceback.print_exc(file=sys.stdout)
				print("setup failed")
				self._fail()
			else:
				for fn in self.tests:
					if setup:
						self.case(fn.__name__, fn, ctx)
					else:
						self.case(fn.__name__, fn)
		except (Terminated, KeyboardInterrupt):
			self._fail()
			print("FAIL %s: interrupted" % self.name)
		self.finish()

	def finish(self):
		"""Stops every server (checking its exit status and log), ends
		everything else this suite started, reports and exits."""
		if self.finished:
			return
		self.finished = True
		for s in list(self.servers):
			try:
				problem = s.close_check()
			except Exception:  # noqa: BLE001
				traceback.print_exc(file=sys.stdout)
				problem = "could not be stopped"
			if problem:
				self._fail()
				print("FAIL %s: %s" % (s.describe(), problem))
			else:
				self.passed += 1
		if self.failed and os.environ.get("SHOW_LOG", "1") == "1":
			for s in self.servers:
				print("--- log of %s (last 40 lines)" % s.describe())
				print("\n".join(s.log_text().splitlines()[-40:]))
		reap()
		print("%s: %.1fs%s" % (self.name, time.monotonic() - self.t0,
					", %d skipped" % self.skipped if self.skipped else ""))
		print("%d passed, %d failed" % (self.passed, self.failed))
		sys.stdout.flush()
		sys.exit(1 if self.failed else 0)


_default = None


def default_suite():
	global _default
	if _default is None:
		_default = Suite()
	return _default


def check(cond, name, detail=""):
	"""Suite.check on the script's one suite."""
	return default_suite().check(cond, name, detail)


def finish():
	default_suite().finish()


def parallel(*cases):
	"""Suite.parallel on the script's one suite."""
	default_suite().parallel(*cases)


SANITIZER_MARKS = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:",
		   "ThreadSanitizer", "AddressSanitizer")


def sanitizer_report(text):
	return [m for m in SANITIZER_MARKS if m in text]



# --- the API server -----------------------------------------------------------

_help_cache = None


def server_help():
	"""The server's --help text (cached); tells which test options exist."""
	global _help_cache
	if _help_cache is None:
		try:
			r = subprocess.run([BIN, "--help"], capture_output=True, timeout=10)
			_help_cache = (r.stdout + r.stderr).decode("utf-8", "replace")
		except OSError:
			_help_cache = ""
	return _help_cache


def has_option(opt):
	return re.search(re.escape(opt) + r"\b", server_help()) is not None


def fast_hash_args():
	"""--pwhash min where the server offers it: Argon2id at full cost makes
	hundreds of logins too slow for a test suite."""
	return ["--pwhash", "min"] if has_option("--pwhash") else []


def no_register_limit_args():
	"""The suites register hundreds of accounts from 127.0.0.1: the
	registration limits are off unless a test turns them on (its own
	--register-per-address/--mails-per-address come later and win)."""
	return ["--register-per-address", "0", "--mails-per-address", "0"] \
		if has_option("--register-per-address") else []


class Resp:
	def __init__(self, status, headers, body, raw_body=None):
		self.status = status
		self.headers = headers          # lower-case name -> value
		self.body = body                # decoded (gunzipped) bytes
		self.raw_body = raw_body if raw_body is not None else body
		self._json = None

	@property
	def json(self):
		if self._json is None:
			try:
				self._json = json.loads(self.body.decode("utf-8"))
			except (ValueError, UnicodeDecodeError) as e:
				raise AssertionError("body is not JSON (%s): %r" % (e, self.body[:300]))
		return self._json

	def header(self, name):
		return self.headers.get(name.lower())

	def __repr__(self):
		return "<%d %r>" % (self.status, self.body[:400])


def _path(path):
	return path if path.startswith("/api/") or path.startswith("http") else BASE + path


class ApiServer:
	"""One mitwirkung-api process with its own temp dir (db, mail, log).
	Logs are removed on a clean close and kept (and printed) on failure."""

	def __init__(self, seed=True, extra=None, tmp=None, fast_hash=True,
		     listen="127.0.0.1:0"):
		self.tmp = tmp or tempdir("mw-api-")
		self.listen = listen
		self.db = os.path.join(self.tmp, "db")
		self.mail = os.path.join(self.tmp, "mail")
		os.makedirs(self.mail, exist_ok=True)
		self.seed = seed
		self.extra = list(extra or [])
		self.fast_hash = fast_hash
		self.proc = None
		self.port = None
		self.starts = 0
		self.seed_output = ""
		self._n = 0
		self._lock = threading.Lock()
		self._drain = None
		_servers.append(self)

	# --- process ---------------------------------------------------------
	def start(self, timeout=15):
		args = [BIN, "serve", "--db", self.db, "--listen", self.listen,
			"--mail-dir", self.mail]
		if self.seed:
			args += ["--seed", "demo"]
		if self.fast_hash:
			args += fast_hash_args()
		if "--clock" not in self.extra:
			args += ["--clock", iso(now())]
		args += no_register_limit_args()
		args += self.extra
		self.starts += 1
		log = open(os.path.join(self.tmp, "server-%d.log" % self.starts), "wb")
		out = open(os.path.join(self.tmp, "server-%d.out" % self.starts), "wb")
		self.proc = spawn(args, stdin=subprocess.DEVNULL, stdout=out,
				  stderr=subprocess.PIPE)
		first = queue.Queue()

		def drain(p=self.proc, f=log):
			sent = False
			for line in p.stderr:
				f.write(line)
				f.flush()
				if not sent:
					first.put(line)
					sent = True
			if not sent:
				first.put(b"")
			f.close()
		self._drain = threading.Thread(target=drain, daemon=True)
		self._drain.start()
		try:
			line = first.get(timeout=timeout)
		except queue.Empty:
			self.kill()
			raise AssertionError("server printed nothing within %ds" % timeout)
		m = re.match(rb"listening on 127\.0\.0\.1:(\d+)\s*$", line)
		if not m:
			self.kill()
			raise AssertionError("first stderr line is not 'listening on 127.0.0.1:PORT': %r"
					     % line)
		self.port = int(m.group(1))
		out.close()
		return self

	def log_text(self):
		parts = []
		for n in range(1, self.starts + 1):
			for ext in ("log", "out"):
				p = os.path.join(self.tmp, "server-%d.%s" % (n, ext))
				if os.path.exists(p):
					with open(p, "rb") as f:
						parts.append(f.read().decode("utf-8", "replace"))
		return "".join(parts)

	@property
	def url(self):
		return "http://127.0.0.1:%d/api/v1" % self.port

	base = url

	def describe(self):
		return "mitwirkung-api in %s" % self.tmp

	def stop(self):
		"""SIGTERM, then the exit status (None when it was not running)."""
		p = self.proc
		if p is None:
			return None
		code = stop_proc(p)
		if self._drain is not None:
			self._drain.join(timeout=5)	# the log is complete
		self.proc = None
		return code

	def kill(self):
		"""SIGKILL: no chance to flush anything that was not durable."""
		p = self.proc
		if p is None:
			return
		stop_proc(p, signal.SIGKILL)
		if self._drain is not None:
			self._drain.join(timeout=5)
		self.proc = None

	def restart(self):
		self.stop()
		return self.start()

	def close_check(self):
		"""Stops the server; a problem text when it did not exit 0 on
		SIGTERM or a sanitizer reported something."""
		code = self.stop()
		bad = sanitizer_report(self.log_text())
		if code not in (None, 0) or bad:
			return "exit status %r on SIGTERM%s" % (
				code, ", sanitizer: " + ", ".join(bad) if bad else "")
		return None

	def cli(self, *args, stdin=None, timeout=30):
		"""Runs `mitwirkung-api ARGS` (e.g. useradd) on this server's db."""
		r = subprocess.run([BIN] + list(args), input=stdin, capture_output=True,
				   timeout=timeout)
		return r

	# --- HTTP ------------------------------------------------------------
	def conn(self, timeout=30):
		return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

	def request(self, method, path, body=None, token=None, headers=None,
		    raw=None, lang=None, conn=None, gunzip=True):
		"""body: JSON-encoded unless raw (bytes or an iterable of chunks) is given."""
		h = {}
		data = None
		chunked = False
		if raw is not None:
			data = raw
			h["Content-Type"] = "application/json"
			chunked = not isinstance(raw, (bytes, bytearray, str))
		elif body is not None:
			data = json.dumps(body).encode("utf-8")
			h["Content-Type"] = "application/json"
		if token:
			h["Authorization"] = "Bearer " + token
		if lang:
			h["Accept-Language"] = lang
		if headers:
			h.update(headers)
		own = conn is None
		c = conn or self.conn()
		try:
			c.request(method, _path(path), body=data, headers=h, encode_chunked=chunked)
			r = c.getresponse()
			raw_body = r.read()
			hd = {k.lower(): v for k, v in r.getheaders()}
			status = r.status
		finally:
			if own:
				c.close()
		body_out = raw_body
		if gunzip and hd.get("content-encoding", "").lower() == "gzip":
			body_out = gzip.decompress(raw_body)
		return Resp(status, hd, body_out, raw_body)

	def get(self, path, **kw):
		return self.request("GET", path, **kw)

	def post(self, path, body=None, **kw):
		return self.request("POST", path, body, **kw)

	def put(self, path, body=None, **kw):
		return self.request("PUT", path, body, **kw)

	def patch(self, path, body=None, **kw):
		return self.request("PATCH", path, body, **kw)

	def delete(self, path, body=None, **kw):
		return self.request("DELETE", path, body, **kw)

	def raw(self, data, timeout=10):
		"""Sends raw bytes on a socket and parses whatever answer comes back:
		for requests http.client will not send (bad chunking, lying lengths)."""
		s = socket.create_connection(("127.0.0.1", self.port), timeout=timeout)
		buf = b""
		try:
			try:
				s.sendall(data)
			except (BrokenPipeError, ConnectionResetError):
				pass
			try:
				s.shutdown(socket.SHUT_WR)
			except OSError:
				pass
			deadline = time.time() + timeout
			while time.time() < deadline:
				try:
					chunk = s.recv(65536)
				except (ConnectionResetError, socket.timeout):
					break
				if not chunk:
					break
				buf += chunk
		finally:
			s.close()
		return parse_raw_response(buf)

	# --- accounts --------------------------------------------------------
	def unique(self, prefix="u"):
		with self._lock:
			self._n += 1
			return "%s%d%d" % (prefix, os.getpid() % 10000, self._n)

	def mail_token(self, addr, timeout=15):
		"""The confirmation token from the newest .eml sent to addr (files
		are read once and indexed by recipient, so 200 accounts stay cheap)."""
		deadline = time.time() + timeout
		addr = addr.lower()
		while True:
			with self._lock:
				if not hasattr(self, "_mails"):
					self._mails, self._seen = {}, set()
				for name in sorted(os.listdir(self.mail)):
					if name in self._seen:
						continue
					p = os.path.join(self.mail, name)
					try:
						with open(p, "rb") as f:
							data = f.read()
					except OSError:
						continue
					msg = email.message_from_bytes(data, policy=email.policy.default)
					if not msg.get("To") or b"\n\n" not in data.replace(b"\r\n", b"\n"):
						continue    # still being written
					self._seen.add(name)
					to = str(msg.get("To")).lower()
					m = re.search(r"[^<>\s,]+@[^<>\s,]+", to)
					key = m.group(0) if m else to
					self._mails.setdefault(key, []).append((os.path.getmtime(p), name, data))
				found = self._mails.get(addr)
			if found:
				return token_from_mail(sorted(found)[-1][2])
			if time.time() > deadline:
				raise AssertionError("no mail to %s in %s" % (addr, self.mail))
			time.sleep(0.05)

	def register(self, username=None, password="correct horse 1", email_addr=None,
		     display_name=None):
		username = username or self.unique()
		email_addr = email_addr or username + "@example.org"
		body = {"username": username, "email": email_addr, "password": password}
		if display_name is not None:
			body["display_name"] = display_name
		r = self.post("/auth/register", body)
		return r, {"username": username, "email": email_addr, "password": password}

	def login(self, login, password):
		return self.post("/auth/login", {"login": login, "password": password})

	def new_user(self, role="citizen", password="correct horse 1"):
		"""An active, logged-in account: register + mail token + confirm +
		login for citizens, `useradd` for the other roles."""
		if role == "citizen":
			r, u = self.register(password=password)
			assert r.status == 201, "register: %r" % r
			tok = self.mail_token(u["email"])
			c = self.post("/auth/confirm", {"token": tok})
			assert c.status == 200, "confirm: %r" % c
		else:
			u = self.useradd(role=role, password=password)
		r = self.login(u["username"], password)
		assert r.status == 200, "login %s: %r" % (u["username"], r)
		u["token"] = r.json["token"]
		u["id"] = r.json["user"]["id"]
		u["user"] = r.json["user"]
		return u

	def useradd(self, role="citizen", password="correct horse 1", username=None):
		username = username or self.unique(role[:3])
		addr = username + "@example.org"
		args = ["useradd", username, "--email", addr, "--role", role, "--db", self.db]
		args += fast_hash_args() if self.fast_hash else []
		r = self.cli(*args, stdin=(password + "\n").encode())
		assert r.returncode == 0, "useradd failed: %r %r" % (r.stdout, r.stderr)
		return {"username": username, "email": addr, "password": password}


def parse_raw_response(buf):
	head, _, body = buf.partition(b"\r\n\r\n")
	lines = head.split(b"\r\n")
	m = re.match(rb"HTTP/1\.[01] (\d{3})", lines[0] if lines else b"")
	if not m:
		return Resp(0, {}, buf)
	hd = {}
	for ln in lines[1:]:
		k, _, v = ln.partition(b":")
		hd[k.strip().lower().decode("latin-1")] = v.strip().decode("latin-1")
	if hd.get("transfer-encoding", "").lower() == "chunked":
		out = b""
		rest = body
		while rest:
			size_line, _, rest = rest.partition(b"\r\n")
			try:
				n = int(size_line.split(b";")[0], 16)
			except ValueError:
				break
			if n == 0:
				break
			out += rest[:n]
			rest = rest[n + 2:]
		body = out
	elif "content-length" in hd:
		body = body[:int(hd["content-length"])]
	return Resp(int(m.group(1)), hd, body)


def token_from_mail(data):
	"""Finds the one-time token in a confirmation mail: a line or URL
	parameter `token`, else the longest token-like word."""
	msg = email.message_from_bytes(data, policy=email.policy.default)
	texts = []
	for part in msg.walk():
		if part.get_content_maintype() == "text":
			try:
				texts.append(part.get_content())
			except (LookupError, ValueError):
				texts.append(part.get_payload(decode=True).decode("utf-8", "replace"))
	text = "\n".join(texts) or data.decode("utf-8", "replace")
	m = re.search(r"(?m)^\s*([A-Za-z0-9_\-]{32,})\s*$", text)
	if m:
		return m.group(1)
	m = re.search(r"token[=:]\s*([A-Za-z0-9_\-.~+/]{16,}={0,2})", text, re.I)
	if m:
		return m.group(1)
	words = re.findall(r"[A-Za-z0-9_\-]{20,}", text)
	assert words, "no token in mail: %r" % text[:500]
	return max(words, key=len)


# --- assertions -----------------------------------------------------------

def eq(a, b, what=""):
	if a != b:
		raise AssertionError("%s: expected %r, got %r" % (what or "value", b, a))


def ok(cond, what):
	if not cond:
		raise AssertionError(what)


def status(r, want, what=""):
	if r.status != want:
		raise AssertionError("%s: expected status %d, got %r"
				     % (what or "request", want, r))
	return r


def error(r, want_status, code, field=None, what=""):
	"""The answer is the contract's error shape with this status and code
	(and names the field when given)."""
	label = what or code
	if r.status != want_status:
		raise AssertionError("%s: expected %d %s, got %r" % (label, want_status, code, r))
	ct = r.header("content-type") or ""
	ok(ct.startswith("application/json"), "%s: error Content-Type %r" % (label, ct))
	j = r.json
	ok(isinstance(j, dict) and isinstance(j.get("error"), dict),
	   "%s: no error object in %r" % (label, j))
	e = j["error"]
	eq(e.get("code"), code, label + " error.code")
	ok(isinstance(e.get("message"), str) and e["message"].strip() != "",
	   "%s: error.message missing or empty: %r" % (label, e))
	if field is not None:
		eq(e.get("field"), field, label + " error.field")
	return e


def is_list_page(j, what="list"):
	ok(isinstance(j, dict), "%s: not an object: %r" % (what, j))
	for k in ("items", "next", "total"):
		ok(k in j, "%s: no %r in %r" % (what, k, list(j)))
	ok(isinstance(j["items"], list), what + ": items not a list")
	ok(j["next"] is None or isinstance(j["next"], str), what + ": next neither null nor string")
	ok(isinstance(j["total"], int), what + ": total not an integer")
	return j["items"]


def has_fields(obj, fields, what):
	missing = [f for f in fields if f not in obj]
	ok(not missing, "%s: missing fields %s in %r" % (what, missing, obj))


def is_rfc3339(s):
	return isinstance(s, str) and re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", s)


def find(items, **kw):
	for it in items:
		if all(it.get(k) == v for k, v in kw.items()):
			return it
	return None




# --- the SSH gateway ------------------------------------------------------------

class Workdir:
	"""A temporary directory every session user can reach (the sessions run
	under uids of their own when the tests run as root)."""

	def __init__(self, keys_from=None):
		self.path = tempdir("mw-ssh-")
		os.chmod(self.path, 0o755)
		self.tmp = os.path.join(self.path, "homes")
		os.mkdir(self.tmp)
		os.chmod(self.tmp, 0o1777)
		self.keys = os.path.join(self.path, "hostkeys")
		if keys_from is not None and os.path.isdir(keys_from.keys):
			# Host keys are slow to make: a copy of another workdir's.
			shutil.copytree(keys_from.keys, self.keys)

	def cleanup(self):
		"""Nothing to do: the directory goes with the suite's (kept when
		the suite fails)."""


class SshServer:
	"""mitwirkung-sshd on a free port; its log is a file in the workdir.
	stop() checks the log for sanitizer reports (a case of its own)."""

	def __init__(self, work, *args, client=STANDIN, api="http://127.0.0.1:9/api/v1",
		     name="sshd", suite=None):
		self.suite = suite
		self.log = os.path.join(work.path, "%s.%d.log" % (name, int(time.time() * 1000)))
		self.errf = open(self.log, "w")
		cmd = [SSHD_BIN, "--listen", "127.0.0.1:0", "--hostkey-dir", work.keys,
		       "--client", client, "--api", api, "--tmp-dir", work.tmp] + list(args)
		self.proc = spawn(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
				  stderr=self.errf)
		self.port = None
		self.stopped = False

		def up():
			m = re.match(r"listening on 127\.0\.0\.1:(\d+)$", self.text().split("\n")[0])
			if m and "host key ssh-rsa" in self.text():
				self.port = int(m.group(1))
				return True
			return self.proc.poll() is not None
		try:
			wait_until(up, 20, "the gateway to start", step=0.02)
		except Failure:
			pass
		if self.port is None:
			stop_proc(self.proc, signal.SIGKILL)
			self.errf.close()
			raise RuntimeError("sshd did not start: " + self.text())
		_servers.append(self)

	def describe(self):
		return "mitwirkung-sshd %s" % os.path.basename(self.log)

	def text(self):
		with open(self.log, errors="replace") as f:
			return f.read()

	log_text = text

	def lines(self, pattern):
		return [l for l in self.text().splitlines() if re.search(pattern, l)]

	def wait_log(self, pattern, count=1, timeout=10):
		try:
			return bool(wait_until(lambda: len(self.lines(pattern)) >= count, timeout,
					       "log line %r" % pattern, step=0.02))
		except Failure:
			return False

	def children(self):
		out = subprocess.run(["ps", "-o", "pid=,stat=,comm=", "--ppid", str(self.proc.pid)],
				     capture_output=True, text=True).stdout
		return [l.split() for l in out.splitlines() if l.strip()]

	def fds(self):
		return len(os.listdir("/proc/%d/fd" % self.proc.pid))

	def _stop(self):
		self.stopped = True
		code = stop_proc(self.proc, timeout=5)
		self.errf.close()
		return code

	def stop(self):
		"""SIGTERM; the log must hold no sanitizer report (checked as a
		case: with make check SAN=1 the sessions report memory errors here)."""
		if self.stopped:
			return
		self._stop()
		text = self.text()
		(self.suite or default_suite()).check(
			not sanitizer_report(text), "no sanitizer report in the server log (%s)" %
			os.path.basename(self.log), text[-2000:])

	def close_check(self):
		if self.stopped:
			return None
		self._stop()
		bad = sanitizer_report(self.text())
		return "sanitizer: " + ", ".join(bad) if bad else None


Server = SshServer	# the name the SSH suites use

SSH_OPTS = ["-F", "/dev/null", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
	    "-o", "LogLevel=ERROR", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10"]


def ssh_cmd(port, *args, user=None, host="127.0.0.1"):
	"""ssh options, then "--", then the remote command."""
	# ssh takes the first value of an option: the test's own come first.
	target = "%s@%s" % (user, host) if user else host
	args = list(args)
	i = args.index("--") if "--" in args else len(args)
	return ["ssh"] + args[:i] + SSH_OPTS + ["-p", str(port), target] + args[i + 1:]


def ssh(port, *args, user=None, input=None, timeout=20, env=None, host="127.0.0.1"):
	cmd = ssh_cmd(port, *args, user=user, host=host)
	e = dict(os.environ)
	if env:
		e.update(env)
	try:
		return subprocess.run(cmd, input=input, capture_output=True, timeout=timeout, env=e)
	except subprocess.TimeoutExpired as ex:
		class R:
			returncode = -999
			stdout = ex.stdout or b""
			stderr = (ex.stderr or b"") + b"\n(timeout)"
		return R()


class Tmux:
	"""A private tmux server with one window running a command (ssh): the
	shell keeps the pane open after ssh exits, so its status shows."""

	counter = 0

	def __init__(self, work=None, cols=80, rows=24):
		Tmux.counter += 1
		self.prefix = ["tmux", "-f", "/dev/null", "-L", "mwt-%d-%d" % (os.getpid(), Tmux.counter)]
		self.cols, self.rows = cols, rows
		self.started = False

	def tm(self, *args):
		return subprocess.run(self.prefix + list(args), capture_output=True, text=True,
				      timeout=10)

	def start(self, cmd):
		shell = "%s; echo EXIT=$?; sleep 30" % " ".join(shquote(a) for a in cmd)
		track_tmux(self.prefix)
		self.tm("new-session", "-d", "-x", str(self.cols), "-y", str(self.rows), shell)
		self.started = True

	def keys(self, *keys):
		self.tm("send-keys", *keys)

	def screen(self):
		return self.tm("capture-pane", "-p").stdout

	def wait(self, pattern, timeout=10):
		try:
			return wait_until(lambda: (lambda s: s if re.search(pattern, s) else None)(
				self.screen()), timeout, "screen %r" % pattern, step=0.03)
		except Failure:
			return None

	def kill(self):
		if self.started:
			untrack_tmux(self.prefix)
			self.started = False


def sanitized():
	"""True for a make SAN=1 build (its client is built with ASan)."""
	try:
		with open(CLIENT_BIN, "rb") as f:
			return b"__asan_init" in f.read()
	except OSError:
		return False


def with_real_client(name, body, *args):
	"""Runs body(srv, api, work, tmp) against a gateway that starts the
	real client with the real API server (demo data), stops both, and
	finishes the script's suite (the logs are shown when a check failed)."""
	for p in (CLIENT_BIN, API_BIN):
		if not os.access(p, os.X_OK):
			check(False, "%s is built" % p)
			finish()
	tmp = tempdir("mw-ssh-%s." % name)
	os.chmod(tmp, 0o755)
	work = Workdir()
	api = ApiServer(tmp=tmp).start()
	srv = SshServer(work, "--rate-per-source", "0", *args, client=CLIENT_BIN, api=api.url,
			name=name)
	srv.work = work
	try:
		body(srv, api, work, tmp)
	finally:
		srv.stop()
	finish()


def pid_alive(pid):
	try:
		os.kill(pid, 0)
	except ProcessLookupError:
		return False
	except PermissionError:
		return True
	try:
		with open("/proc/%d/stat" % pid) as f:
			st = f.read().split(")")[-1].split()[0]
		return st != "Z"
	except OSError:
		return False


def wait_gone(pid, timeout=8):
	try:
		return bool(wait_until(lambda: not pid_alive(pid), timeout, "pid %d to end" % pid,
				       step=0.02))
	except Failure:
		return False


def raw_connect(port, host="127.0.0.1", timeout=10):
	return socket.create_connection((host, port), timeout=timeout)


def read_until_closed(s, timeout=10):
	s.settimeout(timeout)
	data = b""
	t0 = time.time()
	try:
		while True:
			b = s.recv(4096)
			if not b:
				break
			data += b
	except (socket.timeout, ConnectionResetError):
		pass
	return data, time.time() - t0


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


# --- the client in tmux ----------------------------------------------------------

class Client:
	"""The real client in a private tmux server at a fixed size; with cmd,
	that command (e.g. ssh -tt to the gateway) runs in the pane instead."""

	counter = 0

	def __init__(self, api_url, tmp, width=80, height=24, lang="en",
		     extra_args=(), name=None, env=None, files=None, cmd=None):
		Client.counter += 1
		self.sock = "mwt-%d-%d" % (os.getpid(), Client.counter)
		self.width, self.height = width, height
		self.home = None
		if cmd is None:
			cmd = self._client_cmd(api_url, tmp, lang, extra_args, name, env, files)
		track_tmux(["tmux", "-L", self.sock])
		self.tmux("-f", "/dev/null", "new-session", "-d", "-x", str(width),
			  "-y", str(height), "-s", "t", "--",
			  " ".join(shquote(a) for a in cmd))
		self.tmux("set-option", "-t", "t", "remain-on-exit", "on")
		self.tmux("set-option", "-t", "t", "status", "off")
		# A window at the wanted size even without an attached client.
		self.tmux("set-window-option", "-t", "t", "window-size", "manual")
		self.tmux("resize-window", "-t", "t", "-x", str(width), "-y", str(height))

	def _client_cmd(self, api_url, tmp, lang, extra_args, name, env, files):
		"""The client's command line with a home of its own below tmp."""
		self.home = os.path.join(tmp, name or ("home%d" % Client.counter))
		for d in ("", ".config", ".local/state", ".cache"):
			os.makedirs(os.path.join(self.home, d), exist_ok=True)
		for rel, text in (files or {}).items():
			path = os.path.join(self.home, rel)
			os.makedirs(os.path.dirname(path), exist_ok=True)
			with open(path, "w", encoding="utf-8") as f:
				f.write(text)
		e = {
			"HOME": self.home,
			"XDG_CONFIG_HOME": os.path.join(self.home, ".config"),
			"XDG_STATE_HOME": os.path.join(self.home, ".local/state"),
			"XDG_CACHE_HOME": os.path.join(self.home, ".cache"),
			"LANG": "C.UTF-8",
			"LC_ALL": "C.UTF-8",
		}
		e.update(env or {})
		return ["env", "-u", "NO_COLOR"] + ["%s=%s" % kv for kv in e.items()] + \
			[CLIENT_BIN, "--api", api_url, "--lang", lang] + list(extra_args)

	def tmux(self, *args, check=True):
		r = subprocess.run(["tmux", "-L", self.sock] + list(args),
				   capture_output=True, timeout=10)
		if check and r.returncode != 0:
			raise Failure("tmux %s: %s" % (" ".join(args),
						     r.stderr.decode("utf-8", "replace")))
		return r.stdout.decode("utf-8", "replace")

	def close(self):
		untrack_tmux(["tmux", "-L", self.sock])

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
			# A long text wraps at a space (before column 40, where a
			# braille window ends): the caret's line ends with its rest.
			end = line.rstrip()
			if typed and not end.endswith(typed[-min(len(typed), 10):]) and not any(
					typed[i] == " " and typed[i + 1:] and end.endswith(typed[i + 1:])
					for i in range(len(typed))):
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
		"""Presses key until the focused line contains needle. A key still
		on its way (Home) may have scrolled the focus out of sight for a
		moment: the '>' line is waited for before the next key."""
		for _ in range(limit):
			try:
				line = wait_until(self.focus_item, 3, "a focused item")
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




def preflight():
	"""An error text when the programs or tmux are missing."""
	for p in (API_BIN, CLIENT_BIN):
		if not os.access(p, os.X_OK):
			return "missing %s (build it first)" % p
	if shutil.which("tmux") is None:
		return "tmux is not installed"
	return None


# --- demo data ------------------------------------------------------------

def all_items(srv, path, token=None, limit=100):
	"""Follows `next` cursors to the end (bounded) and returns every item."""
	items = []
	sep = "&" if "?" in path else "?"
	url = "%s%slimit=%d" % (path, sep, limit)
	for _ in range(1000):
		r = status(srv.get(url, token=token), 200, "GET " + url)
		items += is_list_page(r.json, url)
		nxt = r.json["next"]
		if not nxt:
			return items
		url = "%s%slimit=%d&after=%s" % (path, sep, limit, urlquote(nxt))
	raise AssertionError("more than 1000 pages at " + path)


def urlquote(s):
	from urllib.parse import quote
	return quote(s, safe="")


def demo_index(srv, token=None):
	"""Finds the demo projects, polls and surveys by their texts (ids are
	the server's business). Keys: projects stadtraum, logistik, cityhall_*;
	polls ranking, location, bike; surveys box, packaging."""
	d = {"projects": {}, "polls": {}, "surveys": {}, "project_list": [],
	     "poll_objs": {}, "survey_objs": {}}
	plist = all_items(srv, "/projects?status=all", token)
	d["project_list"] = plist
	for p in plist:
		full = status(srv.get("/projects/%s" % p["id"], token=token), 200, "project").json
		t = full.get("title", "")
		if "Stadt.Raum.Wir" in t:
			d["projects"]["stadtraum"] = full
		elif "Lokale Logistik" in t:
			d["projects"]["logistik"] = full
		d["projects"].setdefault("by_id", {})[full["id"]] = full
		for pl in full.get("formats", {}).get("polls", []):
			po = status(srv.get("/polls/%s" % pl["id"], token=token), 200, "poll").json
			d["poll_objs"][po["id"]] = po
			txt = (po.get("title", "") + " " + po.get("question", "")).lower()
			if po.get("kind") == "ranking" and "Stadt.Raum.Wir" in t:
				d["polls"]["ranking"] = po
			elif "fahrradstra" in txt or "rütschhof" in txt:
				d["polls"]["bike"] = po
				d["projects"]["cityhall_bike"] = full
			elif "Lokale Logistik" in t and po.get("kind") == "single":
				d["polls"]["location"] = po
		for sv in full.get("formats", {}).get("surveys", []):
			so = status(srv.get("/surveys/%s" % sv["id"], token=token), 200, "survey").json
			d["survey_objs"][so["id"]] = so
			txt = (so.get("title", "") + " " + so.get("intro", "")).lower()
			if "verpackung" in txt:
				d["surveys"]["packaging"] = so
				d["projects"]["cityhall_survey"] = full
			elif "Lokale Logistik" in t:
				d["surveys"]["box"] = so
	return d


# --- staff helpers ----------------------------------------------------------

def iso(t):
	return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def tr(de, en=None):
	return {"de": de, "en": en or de + " (en)"}


def make_project(srv, token, **over):
	slug = srv.unique("proj-")
	body = {"slug": slug, "category": "smart-city", "title": tr("Testprojekt " + slug),
		"summary": tr("Kurzfassung"), "description": tr("Beschreibung.\n\nZweiter Absatz."),
		"starts_at": iso(now() - 86400), "ends_at": iso(now() + 86400 * 30),
		"status": "open", "ideas_open": True}
	body.update(over)
	r = srv.post("/projects", body, token=token)
	assert r.status == 201, "POST /projects: %r" % r
	return r.json


def make_poll(srv, token, project_id, kind="single", n=3, max_choices=None,
	      opens=-3600, closes=86400, visible=True, **over):
	t0 = now()
	body = {"title": tr("Testabstimmung"), "question": tr("Was meinen Sie?"),
		"kind": kind, "max_choices": max_choices or (1 if kind == "single" else min(n, 3)),
		"opens_at": iso(t0 + opens), "closes_at": iso(t0 + closes),
		"results_visible": visible,
		"options": [{"title": tr("Option %d" % i), "description": tr("Beschreibung %d" % i)}
			    for i in range(n)]}
	body.update(over)
	r = srv.post("/projects/%s/polls" % project_id, body, token=token)
	assert r.status == 201, "POST polls: %r" % r
	return r.json


def audit_rows(srv, token):
	"""The audit log: over HTTP when the server offers it (GET
	/moderation/audit), else straight from its table in the database."""
	for path in ("/moderation/audit", "/audit"):
		r = srv.get(path + "?limit=100", token=token)
		if r.status == 200:
			return [dict(x) for x in all_items(srv, path, token)], "http"
	con = sqlite3.connect("file:%s?mode=ro" % srv.db, uri=True, timeout=10)
	try:
		con.row_factory = sqlite3.Row
		rows = con.execute("SELECT a.*, c.username AS actor FROM audit a "
				   "LEFT JOIN account c ON c.id = a.actor_id").fetchall()
		return [dict(r) for r in rows], "db"
	finally:
		con.close()

