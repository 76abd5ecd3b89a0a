# test_line_kiosk_tmux.py — a line-mode kiosk reset on a real terminal (tmux at
# 80x24 and 80x50): exactly one screenful of blank lines (no escape sequence),
# nothing of the last person on the screen, half-typed text dropped, and the
# welcome page follows without a "-- more --" (issue 8 item 17).
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mwtest  # noqa: E402
from mwtest import Client, Suite, ok, wait_until  # noqa: E402

suite = Suite()
# Warning after IDLE - 30 s, reset 30 s later; both TIME_SCALE times
# faster (scaled: 7 s to log in and open a project, 3 s of grace).
IDLE = 100 if mwtest.TIME_SCALE > 1 else 35
SLACK = 10.0


def history(c):
	"""Every line the pane has shown, its scrollback included."""
	return c.tmux("capture-pane", "-p", "-t", "t", "-S", "-").split("\n")


def reset_once(api, tmp, rows, typed):
	"""Logs in, opens a project, leaves typed (no Enter) on the prompt
	and walks away; checks what the reset leaves on a rows-high pane."""
	c = Client(api.url, tmp, 80, rows, name="kiosk-line-%d" % rows,
		   extra_args=["--ui", "line"] + mwtest.kiosk_args(IDLE))
	try:
		c.wait_text("q end session")
		for line in ("l", "demo", "demo-passwort", "3"):
			c.type(line)
			c.keys("Enter")
			wait_until(lambda: c.screen()[c.cursor()[0]].rstrip().endswith(":"), 10,
				   "the next prompt after %r" % line)
		c.wait_text("Logged in as")
		c.type("3")
		c.keys("Enter")
		c.wait_text("Which event")
		secs = (IDLE + 5) / mwtest.TIME_SCALE + SLACK
		if typed:
			# Typed after the warning: on the line the cursor stands on.
			c.wait_text("Are you still there", timeout=secs)
			c.type(typed)
		c.wait_text("The session has ended", timeout=secs)
		c.wait_text("q end session")
		# The welcome page follows at once: it fits on these screens.
		lines = history(c)
		end = max(i for i, l in enumerate(lines) if "The session has ended" in l)
		after = "\n".join(lines[end:])
		ok("-- more" not in after, "a '-- more --' before the welcome page:\n" + after)
		ok(re.search(r"(?m)^1\. .*\n2\. ", after), "no project list after the reset:\n" + after)
		# Exactly one screenful of blank lines before it: rows, counting
		# the empty line the cursor stood on; a half-typed line on it
		# leaves rows - 1 below that line.
		blank = 0
		for l in reversed(lines[:end]):
			if l.strip():
				break
			blank += 1
		want = rows - 1 if typed else rows
		ok(blank == want, "%d blank lines before the new session on %d rows, want %d:\n%s"
		   % (blank, rows, want, "\n".join(lines[max(0, end - rows - 8):end - rows + 2])))
		# Nothing of the last person is on the screen.
		screen = c.text()
		for word in ("Logged in as", "Demo-Konto", "Which event", "Are you still there",
			     typed or "Which event"):
			ok(word not in screen, "%r still on the screen after the reset:\n%s" % (word, screen))
		if typed:
			# What was typed but not entered is gone: the next person's
			# 3 opens project 3 (not "<typed>3").
			c.type("3")
			c.keys("Enter")
			c.wait_text("Which event")
	finally:
		c.close()


def test_resets(api):
	tmp = mwtest.tempdir("mw-kiosk-line-")
	suite.parallel(("reset at 80x24", reset_once, api, tmp, 24, ""),
		       ("reset at 80x50, half a line typed", reset_once, api, tmp, 50, "47"))


if __name__ == "__main__":
	why = mwtest.preflight()
	if why:
		print("SKIP: " + why)
		sys.exit(0)
	suite.run(lambda: test_resets(suite.server().start()))
