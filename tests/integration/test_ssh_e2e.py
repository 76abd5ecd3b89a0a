# test_ssh_e2e.py — end to end through mitwirkung-sshd with the real client
# and the real API server (demo data), driven by the real OpenSSH client:
# one-shot commands and their exit codes, text@ line mode without a single
# control byte, the full UI in tmux through `ssh -tt` doing the ranking-vote
# flow of the client's own tmux test, and a window resize reaching it.
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
from mwtest import (CLIENT_BIN, Client, Server, check, ssh, ssh_cmd,  # noqa: E402
		    wait_until, with_real_client)

CLIENT = CLIENT_BIN


def make_ssh_client(port, work):
	class SshClient(Client):
		"""The client's tmux driver, but the pane runs ssh -tt to the gateway."""

		def __init__(self, api_url, tmp, width=80, height=24, lang="en", extra_args=(), name=None):
			cmd = ssh_cmd(port, "-tt", "-o", "SetEnv=LANG=C.UTF-8", user=name or "e2e")
			super().__init__(api_url, tmp, width, height, cmd=cmd)
	return SshClient


def test_exec(srv):
	r = ssh(srv.port, "--", "projects")
	check(r.returncode == 0 and b"Stadt.Raum.Wir." in r.stdout, "ssh host projects lists the projects",
		  r.stdout[-300:] + r.stderr[-300:])
	r = ssh(srv.port, "--", "projects", "--status", "closed")
	check(r.returncode == 0 and b"Stadt.Raum.Wir." not in r.stdout, "projects --status closed", r.stdout[-300:])
	r = ssh(srv.port, "--", "project", "999999")
	check(r.returncode == 2, "a missing project: the client's exit status 2", "rc=%s %r" % (r.returncode, r.stderr))
	r = ssh(srv.port, "--", "help")
	check(r.returncode == 0 and b"projects" in r.stdout, "help")
	r = ssh(srv.port, "--", "vote", "1", "2")
	check(r.returncode == 1 and b"not available over ssh" in r.stderr, "vote is not a remote command",
	      "rc=%s %r" % (r.returncode, r.stderr[-300:]))
	r = ssh(srv.port, "--", "projects", "--json")
	check(r.returncode == 0 and r.stdout.lstrip().startswith((b"{", b"[")), "--json passes", r.stdout[:100])


def test_line(srv):
	r = ssh(srv.port, user="text", input=b"q\n", timeout=30)
	out = r.stdout
	check(r.returncode == 0 and b"Stadt.Raum.Wir." in out, "text@ gives the line mode with the projects",
		  out[-400:] + r.stderr[-300:])
	bad = sorted(set(b for b in out if b < 0x20 and b != 0x0a))
	check(not bad, "line mode over ssh writes no control byte but \\n", repr(bad))
	check(srv.wait_log(r"user=text mode=line .*end=client-exit"), "logged as line mode")
	# The ranking vote of the line-mode tests, typed through ssh.
	m = re.search(rb"^(\d+)\. Stadt\.Raum\.Wir\.", out, re.M)
	n = m.group(1).decode() if m else "3"
	# The open poll leads the project page: item 1. Send asks for the
	# login, after which the vote is sent: no second send (issue 8).
	lines = [n, "1", "2 5 1", "r", "s", "moderation", "moderation-passwort", "s", "q"]
	r = ssh(srv.port, user="line", input=("\n".join(lines) + "\n").encode(), timeout=60)
	t = r.stdout.decode("utf-8", "replace")
	login = t.rfind("Please log in to send your vote")
	tail = t[login:] if login >= 0 else ""
	check(r.returncode == 0 and re.search(r"(3 of 3 (choices made|chosen)|Your order: 1\. [^,]+, 2\. [^,]+, 3\. )", t) and re.search(r"(saved|counted)", tail, re.I) and "Check before sending" not in tail,
	      "line@: rank three events, log in and send through ssh", t[-1500:])


def test_full(srv, api, tmp):
	import test_client_tmux
	SshClient = make_ssh_client(srv.port, None)
	test_client_tmux.Client = SshClient
	ok = True
	try:
		test_client_tmux.flow_ballot(api, tmp, 80, 24)
	except Exception as e:  # noqa: BLE001 - reported as a failed check
		ok = False
		print("ballot flow: %s" % e)
	check(ok, "ranking-vote flow of the client tests through ssh -tt in tmux (80x24)")
	srv.wait_log(r"user=ballot-80x24 mode=full", timeout=5)
	m = srv.lines(r"user=ballot-80x24 mode=full .*bytes_out=(\d+)")
	if m:
		print("# bytes sent over the connection for the ranking vote (full UI): %s" %
			  re.search(r"bytes_out=(\d+)", m[-1]).group(1))
	# Resize: the client redraws at the new width.
	c = SshClient(api.url, tmp, 80, 24, name="resize")
	try:
		c.wait_text("Projects")
		c.tmux("resize-window", "-t", "t", "-x", "40", "-y", "12")
		wait_until(lambda: c.tmux("display", "-p", "-t", "t", "#{window_width}").strip() == "40", 5)
		c.height = 12
		ok = True
		try:
			c.wait_text("Projects")
			c.check_focus()
		except Exception as e:  # noqa: BLE001
			ok = False
			print("resize: %s\n%s" % (e, c.text()))
		long_lines = [l for l in c.screen() if len(l) > 40]
		check(ok and not long_lines, "window change: the client redraws at 40x12", repr(long_lines))
		c.keys("q")
	finally:
		c.close()


def test_idle(work, api, tmp):
	srv = Server(work, "--rate-per-source", "0", "--idle-timeout", "6", client=CLIENT, api=api.url,
				 name="e2e-idle")
	c = make_ssh_client(srv.port, None)(api.url, tmp, 80, 24, name="idle")
	try:
		c.wait_text("Stadt.Raum.Wir.")
		before = c.check_focus()
		wait_until(lambda: c.screen()[23].startswith("No input for a while"), 8, "the idle warning")
		check(c.check_focus() == before, "idle warning on the bottom line, the cursor stays on the focus")
		c.keys("Down")
		ok = True
		try:
			wait_until(lambda: "No input" not in c.text(), 5, "the warning to go")
		except Exception as e:  # noqa: BLE001
			ok = False
			print(e)
		check(ok and c.check_focus() == before, "any key continues: the client repaints, the key is not used",
			  c.text())
		c.keys("Down")
		try:
			moved = wait_until(lambda: c.check_focus() != before, 5, "the focus to move")
		except Exception as e:  # noqa: BLE001
			moved = False
			print(e)
		check(moved, "the next key reaches the client", c.text())
	finally:
		c.close()
		srv.stop()


def main():
	def body(srv, api, work, tmp):
		test_exec(srv)
		test_line(srv)
		test_full(srv, api, tmp)
		test_idle(work, api, tmp)
	with_real_client("e2e", body)


if __name__ == "__main__":
	main()
