# _sshlib.py — helpers for the mitwirkung-sshd tests: start servers on free
# ports, run the real OpenSSH client against them, drive tmux, count checks.
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, "..", ".."))
BUILD = os.path.abspath(os.path.join(TOP, os.environ.get("BUILD", "build")))
SSHD = os.path.join(BUILD, "mitwirkung-sshd")
STANDIN = os.path.join(HERE, "_ssh_standin.py")


def sanitized():
	"""True for a make SAN=1 build: its client stays dumpable (the leak
	check at exit needs ptrace)."""
	try:
		with open(os.path.join(BUILD, "mitwirkung"), "rb") as f:
			return b"__asan_init" in f.read()
	except OSError:
		return False

passed = 0
failed = 0


def check(cond, name, detail=""):
	global passed, failed
	if cond:
		passed += 1
		print("ok   %s" % name)
	else:
		failed += 1
		print("FAIL %s %s" % (name, detail))
	sys.stdout.flush()
	return cond


def finish():
	print("%d passed, %d failed" % (passed, failed))
	sys.exit(1 if failed else 0)


class Workdir:
	"""A temporary directory every session user can reach (the sessions run
	under uids of their own when the tests run as root)."""

	def __init__(self):
		self.path = tempfile.mkdtemp(prefix="mw-ssh-test.")
		os.chmod(self.path, 0o755)
		self.tmp = os.path.join(self.path, "homes")
		os.mkdir(self.tmp)
		os.chmod(self.tmp, 0o1777)
		self.keys = os.path.join(self.path, "hostkeys")
		self.keep = False

	def cleanup(self):
		if not self.keep:
			shutil.rmtree(self.path, ignore_errors=True)


class Server:
	def __init__(self, work, *args, client=STANDIN, api="http://127.0.0.1:9/api/v1", name="sshd"):
		self.log = os.path.join(work.path, "%s.%d.log" % (name, int(time.time() * 1000)))
		self.errf = open(self.log, "w")
		cmd = [SSHD, "--listen", "127.0.0.1:0", "--hostkey-dir", work.keys,
			   "--client", client, "--api", api, "--tmp-dir", work.tmp] + list(args)
		self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
									 stderr=self.errf)
		self.port = None
		deadline = time.time() + 20
		while time.time() < deadline:
			first = open(self.log).readline()
			m = re.match(r"listening on 127\.0\.0\.1:(\d+)$", first.strip())
			if m and "host key ssh-rsa" in open(self.log).read():
				self.port = int(m.group(1))
				break
			if self.proc.poll() is not None:
				break
			time.sleep(0.05)
		if self.port is None:
			raise RuntimeError("sshd did not start: " + open(self.log).read())

	def text(self):
		return open(self.log, errors="replace").read()

	def lines(self, pattern):
		return [l for l in self.text().splitlines() if re.search(pattern, l)]

	def wait_log(self, pattern, count=1, timeout=10):
		deadline = time.time() + timeout
		while time.time() < deadline:
			if len(self.lines(pattern)) >= count:
				return True
			time.sleep(0.05)
		return False

	def children(self):
		out = subprocess.run(["ps", "-o", "pid=,stat=,comm=", "--ppid", str(self.proc.pid)],
							 capture_output=True, text=True).stdout
		return [l.split() for l in out.splitlines() if l.strip()]

	def fds(self):
		return len(os.listdir("/proc/%d/fd" % self.proc.pid))

	def stop(self):
		if self.proc.poll() is None:
			self.proc.send_signal(signal.SIGTERM)
			try:
				self.proc.wait(5)
			except subprocess.TimeoutExpired:
				self.proc.kill()
				self.proc.wait()
		self.errf.close()
		# With make check SAN=1 the children report memory errors here.
		text = self.text()
		check("AddressSanitizer" not in text and "runtime error:" not in text and
			  "LeakSanitizer" not in text, "no sanitizer report in the server log (%s)" %
			  os.path.basename(self.log), text[-2000:])


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
	def __init__(self, work, cols=80, rows=24):
		self.sock = os.path.join(work.path, "tmux.%d" % os.getpid())
		self.cols, self.rows = cols, rows
		self.started = False

	def tm(self, *args):
		return subprocess.run(["tmux", "-S", self.sock] + list(args), capture_output=True, text=True)

	def start(self, cmd):
		# A shell keeps the pane open after ssh exits, so its status shows.
		shell = "%s; echo EXIT=$?; sleep 30" % " ".join(_quote(a) for a in cmd)
		self.tm("new-session", "-d", "-x", str(self.cols), "-y", str(self.rows), shell)
		self.started = True

	def keys(self, *keys):
		self.tm("send-keys", *keys)

	def screen(self):
		return self.tm("capture-pane", "-p").stdout

	def wait(self, pattern, timeout=10):
		deadline = time.time() + timeout
		while time.time() < deadline:
			s = self.screen()
			if re.search(pattern, s):
				return s
			time.sleep(0.05)
		return None

	def kill(self):
		if self.started:
			self.tm("kill-server")
			self.started = False


def _quote(a):
	if re.match(r"^[A-Za-z0-9_./:=@,+-]+$", a):
		return a
	return "'" + a.replace("'", "'\\''") + "'"


def pid_alive(pid):
	try:
		os.kill(pid, 0)
	except ProcessLookupError:
		return False
	except PermissionError:
		return True
	try:
		st = open("/proc/%d/stat" % pid).read().split(")")[-1].split()[0]
		return st != "Z"
	except OSError:
		return False


def wait_gone(pid, timeout=8):
	deadline = time.time() + timeout
	while time.time() < deadline:
		if not pid_alive(pid):
			return True
		time.sleep(0.05)
	return False


def raw_connect(port, host="127.0.0.1", timeout=10):
	s = socket.create_connection((host, port), timeout=timeout)
	return s


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


def with_real_client(name, body, *args):
	"""Runs body(srv, api, work, tmp) against a gateway that starts the
	real client (build/mitwirkung) with the real API server (demo data),
	then stops both, shows the gateway's log when a check failed, cleans up
	and finishes the test."""
	sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
	import lib_tmux
	client = os.path.join(BUILD, "mitwirkung")
	for p in (client, os.path.join(BUILD, "mitwirkung-api")):
		if not os.access(p, os.X_OK):
			check(False, "%s is built" % p)
			finish()
	tmp = tempfile.mkdtemp(prefix="mw-ssh-%s." % name)
	work = Workdir()
	api = srv = None
	try:
		os.chmod(tmp, 0o755)
		api = lib_tmux.ApiServer(tmp).start()
		srv = Server(work, "--rate-per-source", "0", *args, client=client, api=api.url, name=name)
		srv.work = work
		body(srv, api, work, tmp)
	finally:
		if srv:
			srv.stop()
			if failed:
				print("---- sshd log ----\n" + srv.text()[-3000:])
		if api:
			api.stop()
		work.cleanup()
		shutil.rmtree(tmp, ignore_errors=True)
	finish()
