# ballot.py — bench/ssh.sh helper: does the ranking-vote task through
# mitwirkung-sshd in the full UI (the client's own tmux flow, via ssh -tt)
# or in line mode (text@, typed lines), and prints the bytes the gateway's
# log line reports for that connection.
# usage: ballot.py full|line SSH_PORT SSHD_LOG
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(TOP, "tests", "lib"))
sys.path.insert(0, os.path.join(TOP, "tests", "integration"))
sys.path.insert(0, os.path.join(TOP, "tests", "e2e"))


def log_bytes(log, user, timeout=10):
	deadline = time.time() + timeout
	while time.time() < deadline:
		for line in reversed(open(log, errors="replace").read().splitlines()):
			m = re.search(r"user=%s .*bytes_in=(\d+) bytes_out=(\d+)" % re.escape(user), line)
			if m:
				return int(m.group(1)), int(m.group(2))
		time.sleep(0.1)
	return None


def main():
	mode, port, log = sys.argv[1], int(sys.argv[2]), sys.argv[3]
	from mwtest import ssh
	# An empty session (open and quit at once) shows the fixed cost of a
	# connection: handshake, first screen.
	if mode == "line":
		r = ssh(port, user="text", input=b"q\n", timeout=30)
		base = log_bytes(log, "text")
		out = r.stdout.decode("utf-8", "replace")
		m = re.search(r"^(\d+)\. Stadt\.Raum\.Wir\.", out, re.M)
		n = m.group(1) if m else "3"
		lines = [n, "3", "2 5 1", "r", "s", "moderation", "moderation-passwort", "s", "s", "q"]
		r = ssh(port, user="line", input=("\n".join(lines) + "\n").encode(), timeout=60)
		ok = re.search(r"(saved|counted)", r.stdout.decode("utf-8", "replace"), re.I) is not None
		task = log_bytes(log, "line")
	else:
		import test_ssh_e2e
		import test_client_tmux
		tmp = tempfile.mkdtemp(prefix="mw-bench-ssh.")
		os.chmod(tmp, 0o755)
		Client = test_ssh_e2e.make_ssh_client(port, None)
		c = Client(None, tmp, 80, 24, name="fullbase")
		try:
			c.wait_text("Stadt.Raum.Wir.")
			c.keys("q")
			time.sleep(1)
		finally:
			c.close()
		base = log_bytes(log, "fullbase")
		test_client_tmux.Client = Client

		class Api:
			url = None
		ok = True
		try:
			test_client_tmux.flow_ballot(Api(), tmp, 80, 24)
		except Exception as e:  # noqa: BLE001
			ok = False
			print("flow failed: %s" % e, file=sys.stderr)
		task = log_bytes(log, "ballot-80x24")
	if not task or not base:
		print("%s: no byte count found" % mode)
		return 1
	print("%s ok=%s task_bytes_out=%d task_bytes_in=%d empty_session_bytes_out=%d delta_bytes_out=%d" %
		  (mode, ok, task[1], task[0], base[1], task[1] - base[1]))
	return 0


if __name__ == "__main__":
	sys.exit(main())
