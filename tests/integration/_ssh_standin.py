#!/usr/bin/python3
# _ssh_standin.py — a stand-in for the client, used by test_ssh*.py to see
# exactly what mitwirkung-sshd hands over: argv, environment, keys, size.
import os
import signal
import sys


def out(s):
	os.write(1, (s + "\r\n").encode())


def nnp():
	for line in open("/proc/self/status"):
		if line.startswith("NoNewPrivs:"):
			return "nnp=" + line.split()[1]
	return "nnp=?"


def nofile():
	import resource
	return resource.getrlimit(resource.RLIMIT_NOFILE)[0]


def fds():
	# The descriptors the client inherited (the listing's own one left out).
	return ",".join(sorted(os.listdir("/proc/self/fd"), key=int)[:-1])


def size():
	try:
		import fcntl, struct, termios
		rows, cols, _, _ = struct.unpack("HHHH", fcntl.ioctl(0, termios.TIOCGWINSZ, b"\0" * 8))
		return "%dx%d" % (cols, rows)
	except OSError:
		return "none"


def main():
	args = sys.argv[1:]
	env = ",".join("%s=%s" % kv for kv in sorted(os.environ.items()))
	if args and args[0] not in ("--ui",):
		# one-shot command: print and exit with a status derived from argv
		print("STANDIN-CMD argv=%r fds=%s" % (args, fds()))
		print("STANDIN-PRIV uid=%d gid=%d groups=%s %s nofile=%d" % (
			os.getuid(), os.getgid(), ",".join(map(str, os.getgroups())), nnp(), nofile()))
		print("STANDIN-ENV %s" % env)
		if args[0] == "results":
			# Closes its output early and goes on working: the exit status
			# must still arrive, without the gateway spinning on EOF.
			sys.stdout.flush()
			os.close(1)
			os.close(2)
			import time
			time.sleep(1.5)
			sys.exit(4)
		if args[0] == "poll" and len(args) > 1 and args[1].isdigit():
			sys.exit(int(args[1]) % 256)
		sys.exit(0)
	home = os.environ.get("HOME", "")
	try:
		open(os.path.join(home, "written-by-client"), "w").write("x")
	except OSError:
		pass
	signal.signal(signal.SIGWINCH, lambda *a: out("SIZE %s" % size()))
	if os.isatty(0) and args != ["--ui", "line"]:
		os.write(1, b"\x1b[?25h")  # like curses: the gateway sees a full-screen client
	out("STANDIN-READY pid=%d tty=%s fds=%s argv=%r" % (os.getpid(), os.isatty(0), fds(), args))
	out("STANDIN-ENV %s" % env)
	out("SIZE %s" % size())
	if os.isatty(0):
		import termios, tty
		tty.setraw(0, termios.TCSANOW)  # keep typeahead
	while True:
		try:
			b = os.read(0, 1024)
		except InterruptedError:
			continue
		if not b:
			out("STANDIN-EOF")
			sys.exit(0)
		for ch in b:
			out("KEY %02x" % ch)
			if ch == ord("q"):
				out("STANDIN-BYE")
				sys.exit(0)
			if ch == ord("x"):
				sys.exit(3)
			if ch == ord("h"):
				signal.signal(signal.SIGHUP, signal.SIG_IGN)
				out("IGNORING-SIGHUP")
			if ch == ord("B"):
				os.write(1, b"B" * 200000 + b"\r\nBIG-END\r\n")


if __name__ == "__main__":
	main()
