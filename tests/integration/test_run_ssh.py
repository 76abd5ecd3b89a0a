# test_run_ssh.py — scripts/run.sh --ssh (make run-ssh) stops everything it
# started when the gateway cannot start: here its port is taken.
import os
import shutil
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
from mwtest import BUILD_DIR as BUILD, TOP, check, finish, tempdir  # noqa: E402


def processes_with(text):
	out = []
	for pid in os.listdir("/proc"):
		if not pid.isdigit():
			continue
		try:
			cmd = open("/proc/%s/cmdline" % pid, "rb").read().replace(b"\0", b" ")
		except OSError:
			continue
		if text.encode() in cmd:
			out.append(int(pid))
	return out


def main():
	state = tempdir("mw-run-ssh.")
	taken = socket.socket()
	taken.bind(("127.0.0.1", 0))
	taken.listen(1)
	port = taken.getsockname()[1]
	env = dict(os.environ, BUILD=BUILD, MW_PORT="0", MW_STATE=state, MW_SSH_PORT=str(port))
	try:
		# Output to a file: a server left behind would hold a pipe open.
		with open(os.path.join(state, "out"), "w+") as out:
			p = subprocess.Popen(["sh", os.path.join(TOP, "scripts", "run.sh"), "--ssh"], cwd=TOP, env=env,
								 stdin=subprocess.DEVNULL, stdout=out, stderr=out)
			try:
				rc = p.wait(60)
			except subprocess.TimeoutExpired:
				p.kill()
				rc = p.wait()
			out.seek(0)
			err = out.read()
		check(rc != 0 and "mitwirkung-sshd did not start" in err,
			  "run.sh --ssh fails when the gateway cannot start, and says why", "rc=%s %s" % (rc, err))
		left = []
		deadline = time.time() + 5
		while time.time() < deadline:
			left = processes_with(os.path.join(state, "demo.db"))
			if not left:
				break
			time.sleep(0.05)
		check(not left, "the API server it started is stopped too", repr(left))
		for pid in left:
			os.kill(pid, 15)
	finally:
		taken.close()
		shutil.rmtree(state, ignore_errors=True)
	finish()


if __name__ == "__main__":
	main()
