#!/usr/bin/env python3
# flows.py — one full-screen flow (tmux) and one line-mode flow of the real
# client under valgrind: zero errors and zero definite or indirect leaks, or
# the run fails. make check SAN=1 runs it on the normal build (valgrind and
# AddressSanitizer do not mix). Needs BUILD with mitwirkung and the API.
import os
import re
import shutil
import stat
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mwtest  # noqa: E402
from mwtest import Client, Failure, Suite, preflight, shquote, tempdir, wait_until  # noqa: E402

REAL_CLIENT = mwtest.CLIENT_BIN
VALGRIND = ["valgrind", "--quiet", "--leak-check=full", "--show-leak-kinds=definite,indirect",
	    "--errors-for-leak-kinds=definite,indirect", "--error-exitcode=99",
	    "--track-fds=no", "--num-callers=30"]


def wrapper(tmp, name):
	"""A script that runs the client under valgrind, logging to a file, and
	writes the exit status to <log>.status (tmux does not always learn it)."""
	log = os.path.join(tmp, name + ".vg.log")
	path = os.path.join(tmp, name + "-vg.sh")
	with open(path, "w") as f:
		f.write("#!/bin/sh\n%s --log-file=%s %s \"$@\"\nst=$?\necho $st >%s.status\nexit $st\n" % (
			" ".join(VALGRIND), shquote(log), shquote(REAL_CLIENT),
			shquote(log)))
	os.chmod(path, stat.S_IRWXU)
	return path, log


def exit_status(log):
	"""The status the wrapper wrote, once it is there."""
	def read():
		try:
			with open(log + ".status") as f:
				text = f.read().strip()
		except FileNotFoundError:
			return None
		return text or None
	return int(wait_until(read, 30, "the client's exit status"))


def check_log(log, status):
	with open(log, encoding="utf-8", errors="replace") as f:
		text = f.read()
	# --quiet: valgrind writes only what it found; an empty log is clean.
	if status == 99 or re.search(r"(Invalid|uninitialised|definitely lost|indirectly lost|"
				     r"ERROR SUMMARY: [1-9])", text):
		raise Failure("valgrind found errors or leaks (status %s):\n%s" % (status, text[-6000:]))
	if status != 0:
		raise Failure("the client ended with status %s:\n%s" % (status, text[-3000:]))


def fullscreen_flow(api, tmp):
	"""Browse a project, log in, open the poll, go back, log out, quit."""
	path, log = wrapper(tmp, "full")
	mwtest.CLIENT_BIN = path
	try:
		c = Client(api.url, tmp, name="full")
	finally:
		mwtest.CLIENT_BIN = REAL_CLIENT
	try:
		c.wait_text("Projects", "Stadt.Raum.Wir.", timeout=60)
		c.focus_to("Stadt.Raum.Wir.")
		c.keys("Enter")
		c.wait_text("Ideas", timeout=30)
		c.keys("l")
		c.wait_text("User name", timeout=30)
		c.type("demo")
		c.keys("Tab")
		c.type("demo-passwort")
		c.keys("Enter")
		c.wait_text("Logged in as", timeout=30)
		c.keys("Escape")
		c.keys("X")
		wait_until(lambda: "Logged in as" not in c.flat(), 30, "the logout")
		c.keys("q")
		wait_until(c.dead, 60, "the client to quit")
		check_log(log, exit_status(log))
	finally:
		c.close()


def line_flow(api, tmp):
	"""Line mode: log in, rank three events, send, then the first page again."""
	path, log = wrapper(tmp, "line")
	home = os.path.join(tmp, "linehome")
	os.makedirs(home, exist_ok=True)
	env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "TERM": "dumb",
	       "LANG": "C.UTF-8", "XDG_STATE_HOME": os.path.join(home, "state"),
	       "XDG_CONFIG_HOME": os.path.join(home, "config")}
	def number(lines, item):
		"""The number line mode gives item after the input lines."""
		out = subprocess.run([REAL_CLIENT, "--api", api.url, "--ui", "line"],
				     input=("\n".join(lines) + "\n").encode(), capture_output=True,
				     timeout=60, env=env).stdout.decode("utf-8", "replace")
		m = re.search(r"(?m)^(\d+)\. %s" % re.escape(item), out)
		if m is None:
			raise Failure("no %r in:\n%s" % (item, out[-2000:]))
		return m.group(1)

	project = number([], "Stadt.Raum.Wir.")
	poll = number([project], "Which event should come")
	lines = [project, poll, "2 5 1", "r", "s", "demo", "demo-passwort", "s", "s",
		 "b", "b", "t", "X", "q"]
	p = subprocess.run([path, "--api", api.url, "--ui", "line"],
			   input=("\n".join(lines) + "\n").encode(), capture_output=True,
			   timeout=240, env=env)
	out = p.stdout.decode("utf-8", "replace")
	if "Logged in as" not in out or not re.search(r"(saved|counted)", out):
		raise Failure("the line flow did not send the vote:\n" + out[-2500:])
	check_log(log, p.returncode)


def main():
	S = Suite("valgrind_flows")
	why = preflight()
	if why:
		S.check(False, "preflight", why)
		S.finish()
	if shutil.which("valgrind") is None:
		S.check(False, "valgrind is installed (scripts/deps.sh)")
		S.finish()
	tmp = tempdir("mw-vg-")
	api = S.api().start()
	S.case("fullscreen_flow_under_valgrind", fullscreen_flow, api, tmp)
	S.case("line_flow_under_valgrind", line_flow, api, tmp)
	S.finish()

if __name__ == "__main__":
	sys.exit(main())
