# test_ssh_startups.py — the pre-login pool (--max-startups): a flood of
# half-open connections from many loopback addresses (127.0.0.0/8) keeps
# the pool full, and a resident still logs in within 2 seconds; the pool,
# the per-source cap and the banner deadline hold.
# mwtest: alone (a resident's login is timed against 2 s)
import os
import selectors
import socket
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
from mwtest import Server, Workdir, check, finish, raw_connect, read_until_closed, ssh  # noqa: E402

ADDRS = ["127.0.%d.%d" % (1 + i // 200, 2 + i % 200) for i in range(60)]


class Flood:
	"""Keeps PER connections open from each address, each having sent a
	partial version line; every closed one is opened again at once."""

	PER = 6

	def __init__(self, port):
		self.port = port
		self.sel = selectors.DefaultSelector()
		self.stop = False
		self.opened = 0
		self.thread = threading.Thread(target=self.run, daemon=True)

	def open_one(self, addr):
		s = socket.socket()
		s.setblocking(False)
		try:
			s.bind((addr, 0))
			s.connect_ex(("127.0.0.1", self.port))
		except OSError:
			s.close()
			return
		self.sel.register(s, selectors.EVENT_WRITE, addr)
		self.opened += 1

	def run(self):
		for addr in ADDRS:
			for _ in range(self.PER):
				self.open_one(addr)
		while not self.stop:
			for key, ev in self.sel.select(0.05):
				s, addr = key.fileobj, key.data
				if ev & selectors.EVENT_WRITE:
					try:
						s.send(b"SSH-2.0-")
					except OSError:
						pass
					self.sel.modify(s, selectors.EVENT_READ, addr)
					continue
				try:
					data = s.recv(4096)
				except OSError:
					data = b""
				if not data:
					self.sel.unregister(s)
					s.close()
					self.open_one(addr)
		for key in list(self.sel.get_map().values()):
			key.fileobj.close()

	def start(self):
		self.thread.start()

	def finish(self):
		self.stop = True
		self.thread.join(10)


def waiting(srv):
	"""Live connection processes (evicted ones may wait to be reaped)."""
	return len([c for c in srv.children() if not c[1].startswith("Z")])


def main():
	work = Workdir()
	srv = Server(work, "--rate-per-source", "0", "--max-per-source", "20", "--max-startups", "10:30:60",
				 "--max-startups-per-source", "4", "--max-sessions", "200", name="startups")
	flood = Flood(srv.port)
	try:
		flood.start()
		check(srv.wait_log(r"refused: too many connections (from your address )?waiting to log in", timeout=20),
			  "the flood fills the pre-login pool: further connections are refused")
		# The pool never holds more than FULL; evicted connections may
		# still be ending (without the pool all 200 sessions would fill).
		peak = 0
		for _ in range(10):
			peak = max(peak, waiting(srv))
			time.sleep(0.05)
		check(40 <= peak <= 90, "the pre-login pool is full but bounded (%d connection processes)" % peak)
		check(srv.lines(r"refused: too many connections from your address waiting to log in"),
			  "per-source cap on connections waiting to log in")
		worst = 0.0
		ok = True
		for i in range(3):
			t0 = time.time()
			r = ssh(srv.port, "--", "projects", timeout=10)
			took = time.time() - t0
			worst = max(worst, took)
			ok = ok and r.returncode == 0 and b"STANDIN-CMD argv=['projects']" in r.stdout
			if not ok:
				print("login %d: rc=%s %r %r" % (i, r.returncode, r.stdout[-200:], r.stderr[-300:]))
		print("# login during the flood: worst of 3 took %.2fs (%d flood connections opened)" %
			  (worst, flood.opened))
		check(ok and worst < 2.0, "a resident logs in within 2 s while the pool is flooded (%.2fs)" % worst)
		check(srv.lines(r"end=evicted"), "the address holding most of the pool lost a connection to make room")
	finally:
		flood.finish()
		srv.stop()
		work.cleanup()
	# Banner deadline: a connection that never sends its version line.
	work = Workdir()
	srv = Server(work, "--rate-per-source", "0", "--banner-grace", "1", name="banner")
	try:
		s = raw_connect(srv.port)
		_, took = read_until_closed(s)
		s.close()
		check(0.8 < took < 4, "no version line: closed after --banner-grace (%.1fs)" % took)
		check(srv.wait_log(r"end=banner-timeout"), "logged as end=banner-timeout")
	finally:
		srv.stop()
		work.cleanup()
	finish()


if __name__ == "__main__":
	main()
