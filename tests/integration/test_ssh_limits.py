# test_ssh_limits.py — every limit of mitwirkung-sshd with the real OpenSSH
# client, using small limits so each takes seconds: total sessions, sessions
# per source, connection rate per source, login grace, idle timeout with its
# warning, maximum session length, and a server stop ending sessions cleanly.
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from mwtest import (Failure, Server, Tmux, Workdir, check, finish, parallel, ssh, ssh_cmd, wait_until,  # noqa: E402
					 wait_gone, raw_connect, read_until_closed)


class Held:
	"""A line-mode session kept open until close()."""

	def __init__(self, port, user="held", source=None):
		args = ["-T"] + (["-b", source] if source else [])
		self.p = subprocess.Popen(ssh_cmd(port, *args, user=user), stdin=subprocess.PIPE,
								  stdout=subprocess.PIPE, stderr=subprocess.PIPE)
		buf = b""
		deadline = time.time() + 10
		while b"STANDIN-READY" not in buf and time.time() < deadline:
			b = os.read(self.p.stdout.fileno(), 4096)
			if not b:
				break
			buf += b
		self.ready = b"STANDIN-READY" in buf
		m = re.search(rb"pid=(\d+)", buf)
		self.pid = int(m.group(1)) if m else 0

	def close(self):
		try:
			self.p.stdin.write(b"q")
			self.p.stdin.close()
		except OSError:
			pass
		try:
			self.p.wait(10)
		except subprocess.TimeoutExpired:
			self.p.kill()
			self.p.wait()


def refused_line(port, source=None):
	"""Connects without speaking SSH and returns what the server says."""
	import socket
	s = socket.socket()
	if source:
		s.bind((source, 0))
	s.settimeout(10)
	s.connect(("127.0.0.1", port))
	data, took = read_until_closed(s, 10)
	s.close()
	return data, took


def test_max_sessions(work):
	srv = Server(work, "--max-sessions", "2", "--rate-per-source", "0", name="maxsess")
	try:
		a, b = Held(srv.port, "a"), Held(srv.port, "b")
		check(a.ready and b.ready, "two sessions under --max-sessions 2")
		t0 = time.time()
		r = ssh(srv.port, "-o", "LogLevel=DEBUG1", "--", "help")
		took = time.time() - t0
		check(r.returncode == 255 and took < 5 and b"too many sessions on this server" in r.stderr,
			  "third session refused at once with a message OpenSSH shows (-v)",
			  "rc=%s %.1fs %r" % (r.returncode, took, r.stderr[-300:]))
		data, took = refused_line(srv.port)
		check(data.startswith(b"mitwirkung-sshd: too many sessions on this server") and took < 3,
			  "the refusal is a text line before the SSH banner", repr(data))
		a.close()
		check(srv.wait_log(r"user=a mode=line"), "first session ended")
		# The slot is freed when the gateway has reaped the session.
		try:
			r = wait_until(lambda: (lambda x: x if x.returncode == 0 else None)(
				ssh(srv.port, "--", "help")), 5, "a free slot")
		except Failure:
			r = ssh(srv.port, "--", "help")
		check(r.returncode == 0, "a slot is free again after a session ends", r.stderr)
		b.close()
		check(srv.wait_log(r"refused: too many sessions on this server"), "refusal logged")
	finally:
		srv.stop()


def test_max_per_source(work):
	srv = Server(work, "--max-per-source", "2", "--rate-per-source", "0", name="persrc")
	try:
		a, b = Held(srv.port, "a"), Held(srv.port, "b")
		check(a.ready and b.ready, "two sessions from 127.0.0.1")
		data, _ = refused_line(srv.port)
		check(data.startswith(b"mitwirkung-sshd: too many sessions from your address"),
			  "third from the same address refused", repr(data))
		c = Held(srv.port, "c", source="127.0.0.2")
		check(c.ready, "another address still gets in")
		for h in (a, b, c):
			h.close()
	finally:
		srv.stop()


def test_rate(work):
	srv = Server(work, "--rate-per-source", "3", name="rate")
	try:
		rcs = [ssh(srv.port, "--", "help").returncode for _ in range(3)]
		check(rcs == [0, 0, 0], "3 connections within the rate", repr(rcs))
		# The sessions' children end first, so a child seen after the
		# refusal is the refused connection's.
		try:
			wait_until(lambda: not srv.children(), 5, "the sessions to end")
		except Failure:
			pass
		data, took = refused_line(srv.port)
		kids = srv.children()
		check(data.startswith(b"mitwirkung-sshd: too many new connections from your address") and took < 3,
			  "4th connection in the minute refused with a message", repr(data))
		r = ssh(srv.port, "-b", "127.0.0.2", "--", "help")
		check(r.returncode == 0, "another address is not limited", r.stderr)
		check(srv.wait_log(r"127\.0\.0\.1 refused: too many new connections"), "rate refusal logged")
		# Refused connections fork nothing.
		check(not kids, "no child for refused connections", repr(kids))
	finally:
		srv.stop()


def test_login_grace(work):
	srv = Server(work, "--login-grace", "2", "--rate-per-source", "0", name="grace")
	try:
		s = raw_connect(srv.port)
		data, took = read_until_closed(s, 10)
		s.close()
		check(1.5 < took < 4.5, "a silent connection is closed after the login grace", "%.1fs" % took)
		s = raw_connect(srv.port)
		s.sendall(b"SSH-2.0-OpenSSH_9.2\r\n")
		data, took = read_until_closed(s, 10)
		s.close()
		check(1.5 < took < 4.5 and data.startswith(b"SSH-2.0-"), "a stalled key exchange is closed too",
			  "%.1fs" % took)
		t0 = time.time()
		r = ssh(srv.port, "-N", timeout=15)
		took = time.time() - t0
		check(r.returncode == 255 and took < 5, "logged in but no session (ssh -N): closed after the grace",
			  "rc=%s %.1fs" % (r.returncode, took))
		check(srv.wait_log(r"end=login-grace", 3), "login grace logged")
		r = ssh(srv.port, "--", "help")
		check(r.returncode == 0, "a normal login is not affected")
		try:
			wait_until(lambda: not [c for c in srv.children() if c[1].startswith("Z")], 3,
				   "no zombie")
			zombies = False
		except Failure:
			zombies = True
		check(not zombies, "no zombie", repr(srv.children()))
	finally:
		srv.stop()


def test_idle(work):
	srv = Server(work, "--idle-timeout", "4", "--rate-per-source", "0", name="idle")
	t = Tmux(work, 80, 24)
	try:
		t.start(ssh_cmd(srv.port, "-tt", user="idle"))
		s = t.wait(r"SIZE 80x24")
		check(s is not None, "session open")
		m = re.search(r"pid=(\d+)", s or "")
		pid = int(m.group(1)) if m else 0
		t0 = time.time()
		s = t.wait(r"this session ends in 2 seconds\. Press any key", 6)
		took = time.time() - t0
		check(s is not None and 1.0 < took < 4.0, "idle warning written to the terminal first",
			  "%.1fs %s" % (took, t.screen()))
		cur = t.tm("display", "-p", "#{cursor_y} #{cursor_x}").stdout.split()
		check(cur != ["23", "0"] and s is not None and s.splitlines()[23].startswith("No input"),
			  "the warning is on the bottom line, the cursor stays where the client put it", repr(cur))
		t.keys("z")
		s = t.wait(r"SIZE 80x23\s+SIZE 80x24")
		check(s is not None and "KEY 7a" not in s, "a key continues, is not passed on, the client repaints",
			  t.screen())
		t.keys("a")
		check(t.wait(r"KEY 61") is not None, "next key reaches the client again")
		s = t.wait(r"the session ends now", 8)
		check(s is not None, "no input after the warning: the session ends with a message", t.screen())
		check(t.wait(r"EXIT=255") is not None, "ssh returns")
		check(wait_gone(pid), "client hung up")
		check(srv.wait_log(r"user=idle mode=full .*end=idle"), "idle end logged")
		# Line mode: the warning and the answer are lines of plain text.
		h = Held(srv.port, "text")
		buf = b""
		deadline = time.time() + 8
		while b"Press any key" not in buf and time.time() < deadline:
			buf += os.read(h.p.stdout.fileno(), 4096)
		h.p.stdin.write(b"z")
		h.p.stdin.flush()
		while b"Session continues." not in buf and time.time() < deadline:
			buf += os.read(h.p.stdout.fileno(), 4096)
		check(b"\nNo input for a while" in buf and b"Session continues." in buf and b"\x1b" not in buf
			  and b"KEY 7a" not in buf, "line mode: warning and answer as plain lines", repr(buf[-300:]))
		h.close()
	finally:
		t.kill()
		srv.stop()


def test_max_session(work):
	srv = Server(work, "--max-session", "3", "--rate-per-source", "0", name="maxlen")
	try:
		p = subprocess.Popen(ssh_cmd(srv.port, "-tt", user="long"), stdin=subprocess.PIPE,
							 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
		t0 = time.time()
		# Typing keeps it from being idle; the length limit still applies.
		for _ in range(12):
			if p.poll() is not None:
				break
			try:
				p.stdin.write(b"k")
				p.stdin.flush()
			except OSError:
				break
			time.sleep(0.5)
		try:
			out = p.communicate(timeout=10)[0]
		except subprocess.TimeoutExpired:
			p.kill()
			out = p.communicate()[0]
		took = time.time() - t0
		check(b"maximum length" in out and 2.5 < took < 6.5, "session ends at --max-session with a message",
			  "%.1fs %r" % (took, out[-200:]))
		check(srv.wait_log(r"user=long .*end=max-session"), "max-session logged")
	finally:
		srv.stop()


def test_stop(work):
	srv = Server(work, "--rate-per-source", "0", name="stop")
	h = Held(srv.port, "stopping")
	check(h.ready, "session before stop")
	srv.stop()
	check(wait_gone(h.pid), "stopping the server hangs up its sessions' clients")
	check(srv.wait_log(r"user=stopping .*end=server-stop"), "server-stop logged", srv.text()[-300:])
	h.close()
	check(os.listdir(work.tmp) == [], "no HOME left behind", repr(os.listdir(work.tmp)))


def main():
	# Each limit has a server and a directory of its own; they mostly wait
	# on the gateway's timers, so they run at the same time.
	work = Workdir()
	Server(work, name="keys").stop()	# makes the host keys once
	parallel(*[(fn.__name__, fn, Workdir(keys_from=work)) for fn in
		   (test_idle, test_login_grace, test_max_session, test_max_sessions,
		    test_max_per_source, test_rate, test_stop)])
	finish()


if __name__ == "__main__":
	main()
