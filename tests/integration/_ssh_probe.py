#!/usr/bin/python3
# _ssh_probe.py — a stand-in client for test_ssh_isolation.py: it leaves a
# secret in its HOME and its environment, then, on request, tries to reach
# another session's files, memory, environment and processes.
import os
import signal
import sys


def out(s):
	sys.stdout.write(s + "\n")
	sys.stdout.flush()


def attempt(fn):
	try:
		fn()
		return "ALLOWED"
	except PermissionError:
		return "denied"
	except OSError as e:
		return "error-%s" % (e.errno,)


def read_mem(pid):
	with open("/proc/%d/mem" % pid, "rb") as f:
		maps = open("/proc/%d/maps" % pid).readline()
		start = int(maps.split("-")[0], 16)
		f.seek(start)
		f.read(16)


def unshare_user():
	import ctypes
	libc = ctypes.CDLL(None, use_errno=True)
	if libc.unshare(0x10000000) != 0:  # CLONE_NEWUSER
		raise OSError(ctypes.get_errno(), "unshare")


def probe(pid, gw, home, hostkey):
	res = {
		"file": attempt(lambda: open(os.path.join(home, "secret")).read()),
		"home": attempt(lambda: os.listdir(home)),
		"mem": attempt(lambda: read_mem(pid)),
		"environ": attempt(lambda: open("/proc/%d/environ" % pid, "rb").read()),
		"signal": attempt(lambda: os.kill(pid, signal.SIGCONT)),
		"gwmem": attempt(lambda: read_mem(gw)),
		"gwenviron": attempt(lambda: open("/proc/%d/environ" % gw, "rb").read()),
		"gwsignal": attempt(lambda: os.kill(gw, signal.SIGCONT)),
		# Our own gateway child: same uid, but not dumpable.
		"owngwmem": attempt(lambda: read_mem(os.getppid())),
		# The seccomp filter, inherited from the gateway child.
		"unshare": attempt(unshare_user),
		"hostkey": attempt(lambda: open(hostkey, "rb").read()),
	}
	out("PROBE-RESULT " + " ".join("%s=%s" % kv for kv in sorted(res.items())))


def main():
	home = os.environ["HOME"]
	with open(os.path.join(home, "secret"), "w") as f:
		f.write("token-of-%d\n" % os.getpid())
	st = os.stat(home)
	seccomp = [l.split()[1] for l in open("/proc/self/status") if l.startswith("Seccomp:")]
	out("PROBE-READY pid=%d gw=%d uid=%d home=%s mode=%o owner=%d seccomp=%s" % (
		os.getpid(), os.getppid(), os.getuid(), home, st.st_mode & 0o777, st.st_uid,
		seccomp[0] if seccomp else "?"))
	for line in sys.stdin:
		w = line.split()
		if w and w[0] == "probe" and len(w) == 5:
			probe(int(w[1]), int(w[2]), w[3], w[4])
		elif w and w[0] == "quit":
			break
	out("PROBE-BYE")


if __name__ == "__main__":
	main()
