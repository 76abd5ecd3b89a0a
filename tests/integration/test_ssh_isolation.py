# test_ssh_isolation.py — two live sessions of mitwirkung-sshd (started as
# root) cannot touch each other: each runs under a uid of its own from
# --uid-range, its HOME is private and removed at the end, and neither can
# read the other's files, /proc/PID/mem or environ, or signal it or its
# gateway child; the gateway child holds no file it does not need. Two
# gateways with the same range never give one uid to two sessions (the
# sweep after one would kill the other).
import os
import random
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
from mwtest import SSH_OPTS, Server, Workdir, check, finish, pid_alive, wait_gone  # noqa: E402

PROBE = os.path.join(HERE, "_ssh_probe.py")
READY = re.compile(r"PROBE-READY pid=(\d+) gw=(\d+) uid=(\d+) home=(\S+) mode=(\d+) owner=(\d+) seccomp=(\S+)")


class Session:
	def __init__(self, port, name):
		cmd = ["ssh", "-T"] + SSH_OPTS + ["-p", str(port), "%s@127.0.0.1" % name]
		self.p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
								  stderr=subprocess.PIPE, text=True, bufsize=1)
		line = self.p.stdout.readline()
		m = READY.search(line)
		if not m:
			raise RuntimeError("no PROBE-READY: %r %r" % (line, self.p.stderr.read()))
		self.pid, self.gw, self.uid = int(m.group(1)), int(m.group(2)), int(m.group(3))
		self.home, self.mode, self.owner = m.group(4), m.group(5), int(m.group(6))
		self.seccomp = m.group(7)

	def probe(self, other, hostkey):
		self.p.stdin.write("probe %d %d %s %s\n" % (other.pid, other.gw, other.home, hostkey))
		line = self.p.stdout.readline()
		return dict(kv.split("=", 1) for kv in line.split()[1:]) if line.startswith("PROBE-RESULT") else {}

	def close(self):
		try:
			self.p.stdin.write("quit\n")
			self.p.stdin.close()
			self.p.wait(10)
		except (OSError, subprocess.TimeoutExpired):
			self.p.kill()
			self.p.wait()


def gateway_fds(gw):
	"""Where the descriptors of a gateway child point."""
	out = []
	for fd in os.listdir("/proc/%d/fd" % gw):
		try:
			out.append((int(fd), os.readlink("/proc/%d/fd/%s" % (gw, fd))))
		except OSError:
			pass
	return sorted(out)


def status_field(pid, name):
	for line in open("/proc/%d/status" % pid):
		if line.startswith(name + ":"):
			return line.split()[1]
	return "?"


def main():
	if os.geteuid() != 0:
		print("# not root: sessions cannot get uids of their own; nothing to test")
		finish()
	work = Workdir()
	srv = Server(work, "--rate-per-source", "0", "--uid-range", "300000-300999", client=PROBE,
				 name="isolation")
	a = b = None
	try:
		a = Session(srv.port, "alice")
		b = Session(srv.port, "bob")
		check(a.uid != b.uid and all(300000 <= s.uid <= 300999 for s in (a, b)),
			  "each session has a uid of its own from --uid-range (%d, %d)" % (a.uid, b.uid))
		for s in (a, b):
			check(s.mode == "700" and s.owner == s.uid, "HOME %s is 0700 and the session's own" % s.home,
				  "mode=%s owner=%d" % (s.mode, s.owner))
			check(os.stat("/proc/%d" % s.gw).st_uid == s.uid,
				  "the gateway child runs under the session's uid, not root")
			check(status_field(s.gw, "NoNewPrivs") == "1", "the gateway child has no_new_privs")
			check(status_field(s.gw, "Seccomp") == "2" and s.seccomp == "2",
				  "the gateway child and its client run under the seccomp filter (Seccomp: 2)")
			fds = gateway_fds(s.gw)
			files = [t for _, t in fds if t.startswith("/") and t not in ("/dev/null",) and
					 not t.startswith("/dev/pts/") and t != "/dev/ptmx"]
			check(not files and not any(srv.log in t for _, t in fds),
				  "the gateway child holds no file (not the log): %r" % fds)
			check(any(t.startswith("pipe:") for fd, t in fds if fd == 2),
				  "its stderr is a pipe to the listener")
		hostkey = os.path.join(work.keys, "ssh_host_ed25519_key")
		for me, other, n in ((a, b, "alice"), (b, a, "bob")):
			r = me.probe(other, hostkey)
			for what in ("file", "home", "mem", "environ", "signal", "gwmem", "gwenviron", "gwsignal"):
				check(r.get(what) == "denied", "%s cannot reach the other session: %s" % (n, what),
					  repr(r))
			check(r.get("owngwmem") == "denied",
				  "%s cannot read its own gateway child's memory (not dumpable: host keys)" % n, repr(r))
			check(r.get("hostkey") == "denied", "%s cannot read the host key file" % n, repr(r))
			check(r.get("unshare") == "denied", "%s: the seccomp filter refuses a new user namespace" % n,
				  repr(r))
		homes = (a.home, b.home)
		for s in (a, b):
			s.close()
			check(wait_gone(s.gw), "the gateway child ends with the session")
		a = b = None
		time.sleep(0.2)
		check(not any(os.path.exists(h) for h in homes), "both HOMEs are removed at the end")
	finally:
		for s in (a, b):
			if s is not None:
				s.close()
		srv.stop()
		work.cleanup()
	two_gateways()
	finish()


def two_gateways():
	"""Two gateways on one machine with the same uid range (of two uids, so
	the second gateway comes to the first one's uid at its first or second
	session): neither gives a uid the other holds, so the sweep after a
	session of one never kills a session of the other."""
	work = Workdir()
	# A range of its own, so that a run beside this one cannot interfere.
	first = 0x71000000 + 2 * random.randrange(1 << 20)
	args = ("--rate-per-source", "0", "--max-sessions", "2", "--uid-range", "%d-%d" % (first, first + 1))
	one = Server(work, *args, client=PROBE, name="uid-one")
	two = Server(work, *args, client=PROBE, name="uid-two")
	a = None
	try:
		a = Session(one.port, "alice")
		for i in range(3):
			b = Session(two.port, "bob%d" % i)
			# The listener reaps and sweeps an ended session before it
			# accepts the next connection: the sweeps of the earlier
			# sessions are done now.
			if i > 0:
				check(pid_alive(a.gw) and pid_alive(a.pid),
					  "the first gateway's session lives on after %d sweep(s) of the second" % i,
					  one.text()[-500:])
			check(b.uid != a.uid, "session %d of the second gateway gets a uid the first one does not hold "
				  "(%d, %d)" % (i + 1, b.uid, a.uid))
			b.close()
			check(wait_gone(b.gw), "the second gateway's session %d ends" % (i + 1))
	finally:
		if a is not None:
			a.close()
		one.stop()
		two.stop()
		work.cleanup()


if __name__ == "__main__":
	main()
