# test_ssh_clients.py — the clients people have, against mitwirkung-sshd with
# the real client and API: OpenSSH's ssh, PuTTY's plink and Dropbear's
# dbclient each run an exec command (projects), the text@ line mode and the
# full UI in tmux with the cursor on the focus; a client stuck in the key
# exchange is cut off by the kex deadline.
import os
import re
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
from mwtest import (SSH_OPTS, Client, Failure, Server, check, raw_connect,  # noqa: E402
		    read_until_closed, wait_until, with_real_client)

TITLE = "Stadt.Raum.Wir."


def fingerprint(srv):
	m = re.search(r"host key ssh-ed25519 (SHA256:\S+)", srv.text())
	return m.group(1) if m else ""


def command(kind, srv, user, tty, args=()):
	"""The command line of one client; tty asks for a terminal."""
	port = str(srv.port)
	if kind == "ssh":
		return ["ssh"] + (["-tt"] if tty else ["-T"]) + SSH_OPTS + \
			["-p", port, "%s@127.0.0.1" % user] + list(args)
	if kind == "plink":
		# The host key by its fingerprint, as a careful user would check it.
		return ["plink", "-ssh", "-P", port, "-hostkey", fingerprint(srv)] + \
			(["-t"] if tty else ["-batch", "-T"]) + ["%s@127.0.0.1" % user] + list(args)
	# -y accepts the unknown host key; HOME keeps known_hosts out of ours.
	return ["dbclient", "-y", "-y", "-p", port] + (["-t"] if tty else ["-T"]) + \
		["%s@127.0.0.1" % user] + list(args)


def run(kind, srv, user, args=(), input=b"", timeout=30):
	try:
		return subprocess.run(command(kind, srv, user, False, args), input=input,
							  capture_output=True, timeout=timeout)
	except subprocess.TimeoutExpired as ex:
		return subprocess.CompletedProcess(ex.cmd, -999, ex.stdout or b"", (ex.stderr or b"") + b"(timeout)")


def test_exec(kind, srv):
	t0 = time.time()
	r = run(kind, srv, "anyone", ["projects"])
	check(r.returncode == 0 and TITLE.encode() in r.stdout,
		  "%s: exec 'projects' lists the projects (%.1fs)" % (kind, time.time() - t0),
		  "rc=%s %r %r" % (r.returncode, r.stdout[-300:], r.stderr[-300:]))


def test_line(kind, srv):
	r = run(kind, srv, "text", input=b"q\n")
	out = r.stdout
	check(r.returncode == 0 and TITLE.encode() in out, "%s: text@ gives the line mode" % kind,
		  "rc=%s %r %r" % (r.returncode, out[-300:], r.stderr[-300:]))
	bad = sorted(set(b for b in out if b < 0x20 and b != 0x0a))
	check(not bad, "%s: the line mode writes no control byte but \\n" % kind, repr(bad))


def test_full(kind, srv, api, tmp):
	class Remote(Client):
		"""The client's tmux driver; the pane runs the ssh client."""

		def __init__(self):
			cmd = ["env", "HOME=" + tmp] + command(kind, srv, "full-" + kind, True)
			super().__init__(None, None, 80, 24, cmd=cmd)

	c = Remote()
	ok = True
	try:
		if kind == "plink":
			# PuTTY's defence against a login without any secret: it
			# says so and waits for Return (see mitwirkung-sshd(8)).
			c.wait_text("Access granted. Press Return to begin session.", timeout=20)
			c.keys("Enter")
		c.wait_text("Projects", TITLE, timeout=20)
		first = c.check_focus()
		c.keys("Down")
		moved = True
		try:
			# Wait for the repaint: the cursor follows the focus.
			wait_until(lambda: c.check_focus() != first, 10, "the focus to move")
		except Failure:
			moved = False
		check(moved, "%s: Down moves the focus, the cursor with it" % kind, c.text())
		c.keys("q")
		wait_until(c.dead, 15, "the client to end")
	except Exception as e:  # noqa: BLE001 - reported as a failed check
		ok = False
		print("%s full UI: %s\n%s" % (kind, e, c.text()))
	finally:
		c.close()
	check(ok, "%s: full UI in tmux, the cursor on the focus, q ends it" % kind)
	check(srv.wait_log(r"user=full-%s mode=full .*end=client-exit" % kind, timeout=10),
		  "%s: logged as a full-screen session that ended normally" % kind)


def test_kex_stall(work):
	"""A client that sends its version line and nothing more holds a
	pre-login slot only until the kex deadline."""
	srv = Server(work, "--rate-per-source", "0", "--kex-grace", "2", "--login-grace", "30",
				 name="kexstall")
	try:
		s = raw_connect(srv.port)
		s.sendall(b"SSH-2.0-stall\r\n")
		_, took = read_until_closed(s)
		s.close()
		check(1.5 < took < 6, "a client stuck in the key exchange is cut off at --kex-grace (%.1fs)" % took)
		check(srv.wait_log(r"end=kex-timeout"), "logged as end=kex-timeout", srv.text()[-500:])
	finally:
		srv.stop()


def main():
	kinds = []
	for kind in ("ssh", "plink", "dbclient"):
		if shutil.which(kind):
			kinds.append(kind)
		else:
			check(False, "%s is installed (scripts/deps.sh)" % kind)

	def body(srv, api, work, tmp):
		for kind in kinds:
			test_exec(kind, srv)
			test_line(kind, srv)
			test_full(kind, srv, api, tmp)
		test_kex_stall(work)
	with_real_client("clients", body)


if __name__ == "__main__":
	main()
