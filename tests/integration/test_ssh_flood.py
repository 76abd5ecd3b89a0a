# test_ssh_flood.py — 1,000 connections to mitwirkung-sshd dropped abruptly
# (raw sockets reset at every stage of the handshake, and real ssh clients
# killed with SIGKILL in the middle of sessions) must leave no zombie, no
# extra descriptor in the listener, no client process, no HOME directory,
# exactly one log line per connection, and a server that still accepts.
import os
import random
import socket
import struct
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from mwtest import Server, Workdir, check, finish, ssh, ssh_cmd, STANDIN  # noqa: E402

RAW = 900
REAL = 100


def raw_drop(port, how):
	s = socket.socket()
	s.settimeout(5)
	try:
		s.connect(("127.0.0.1", port))
		if how >= 1:
			s.sendall(b"SSH-2.0-flood\r\n")
		if how >= 2:
			s.recv(64)
		if how >= 3:
			# The start of a KEXINIT packet that never completes.
			s.sendall(struct.pack(">IB", 1000, 10) + b"\x14" + os.urandom(40))
		# RST instead of FIN: the abrupt end of a killed client's host.
		s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
	except OSError:
		pass
	finally:
		s.close()


def real_kill(port, results, i):
	p = subprocess.Popen(ssh_cmd(port, "-tt", user="flood%d" % i), stdin=subprocess.PIPE,
						 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
	if i % 4 == 0:
		time.sleep(random.random() * 0.05)  # killed during key exchange or login
	else:
		buf = b""
		deadline = time.time() + 15
		while b"STANDIN-READY" not in buf and time.time() < deadline:
			b = os.read(p.stdout.fileno(), 4096)
			if not b:
				break
			buf += b
		results.append(b"STANDIN-READY" in buf)
	p.kill()
	p.wait()


def standins(work):
	"""Stand-in clients of this suite's gateway (their HOME is under its
	workdir): other suites running at the same time have their own."""
	out = subprocess.run(["pgrep", "-f", "^/usr/bin/python3 " + STANDIN], capture_output=True, text=True).stdout
	mine = []
	for pid in (int(x) for x in out.split()):
		try:
			with open("/proc/%d/environ" % pid, "rb") as f:
				env = f.read().split(b"\0")
		except OSError:
			continue
		if ("HOME=" + work.tmp + "/").encode() in [e[:len(work.tmp) + 6] for e in env]:
			mine.append(pid)
	return mine


def main():
	work = Workdir()
	srv = Server(work, "--max-sessions", "500", "--max-per-source", "500", "--rate-per-source", "0",
				 "--max-startups", "400:30:500", "--max-startups-per-source", "500",
				 "--login-grace", "5", "--hangup-grace", "1", name="flood")
	try:
		r = ssh(srv.port, "--", "help")
		check(r.returncode == 0, "server serves before the flood")
		time.sleep(0.3)
		fds = srv.fds()
		before_lines = len(srv.lines(r"connection from "))
		t0 = time.time()
		random.seed(5)
		hows = [i % 4 for i in range(RAW)]
		lock = threading.Lock()

		def worker():
			while True:
				with lock:
					if not hows:
						return
					how = hows.pop()
				raw_drop(srv.port, how)
		threads = [threading.Thread(target=worker) for _ in range(32)]
		for t in threads:
			t.start()
		for t in threads:
			t.join(60)
		t_raw = time.time() - t0
		results = []
		for batch in range(0, REAL, 20):
			ts = [threading.Thread(target=real_kill, args=(srv.port, results, i))
				  for i in range(batch, min(REAL, batch + 20))]
			for t in ts:
				t.start()
			for t in ts:
				t.join(60)
		ready = sum(1 for x in results if x)
		check(ready >= len(results) * 0.5, "real sessions reached the client before being killed",
			  "%d of %d" % (ready, len(results)))
		print("# flood: %d raw drops in %.1fs, %d killed ssh sessions, total %.1fs" %
			  (RAW, t_raw, REAL, time.time() - t0))
		# Every child ends: killed peers are noticed, silent ones hit the grace.
		deadline = time.time() + 30
		while time.time() < deadline and srv.children():
			time.sleep(0.2)
		kids = srv.children()
		check(not kids, "every connection child ended", repr(kids[:5]))
		check(not [k for k in kids if k[1].startswith("Z")], "no zombie")
		check(srv.fds() == fds, "listener has no extra descriptor", "%d -> %d" % (fds, srv.fds()))
		left = standins(work)
		check(not left, "no client process left", repr(left))
		check(os.listdir(work.tmp) == [], "no HOME directory left", "%d left" % len(os.listdir(work.tmp)))
		lines = len(srv.lines(r"connection from ")) - before_lines
		# (An ssh killed within its first 50 ms may not have connected yet.)
		check(RAW + REAL * 3 // 4 <= lines <= RAW + REAL, "one log line per connection", "%d lines" % lines)
		r = ssh(srv.port, "--", "poll", "9")
		check(r.returncode == 9, "server still accepts and runs commands", r.stderr)
		check(srv.proc.poll() is None, "listener still running")
	finally:
		srv.stop()
		work.cleanup()
	finish()


if __name__ == "__main__":
	main()
