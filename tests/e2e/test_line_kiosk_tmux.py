# test_line_kiosk_tmux.py — a line-mode kiosk reset on a real terminal (tmux at
# 80x24 and 80x50): exactly one screenful of blank lines (no escape sequence),
# nothing of the last person on the screen, half-typed text dropped, and the
# welcome page follows without a "-- more --", also when the person left in
# the middle of a page or a text (issue 8 item 17).
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


def reset_at_more(api, tmp):
	"""A person walks away from a '-- more --' prompt: after the reset
	the rest of their page is not said (it came after the welcome)."""
	c = Client(api.url, tmp, 80, 10, name="kiosk-line-more",
		   extra_args=["--ui", "line"] + mwtest.kiosk_args(IDLE))
	try:
		c.wait_text("-- more")
		c.keys("Enter")
		c.wait_text("q end session")
		c.type("3")
		c.keys("Enter")
		c.wait_text("-- more")
		secs = (IDLE + 5) / mwtest.TIME_SCALE + SLACK
		wait_until(lambda: "The session has ended" in "\n".join(history(c)), secs,
			   "the reset")
		wait_until(lambda: "-- more" in "\n".join(history(c)).split("The session has ended")[1],
			   10, "the welcome page")
		lines = history(c)
		end = max(i for i, l in enumerate(lines) if "The session has ended" in l)
		after = "\n".join(lines[end:])
		for word in ("Comments", "Write a comment", "Ideas", "All ideas", "participants"):
			ok(word not in after, "%r of the last page said after the reset:\n%s" % (word, after))
		ok("Projects" in after, "no welcome page after the reset:\n" + after)
	finally:
		c.close()


def reset_in_text(api, tmp):
	"""A person walks away in the middle of an idea's text (several
	lines, ended by a dot): after the reset the welcome page is said and
	the next person's lines open pages, not more lines of that text."""
	c = Client(api.url, tmp, 80, 24, name="kiosk-line-text",
		   extra_args=["--ui", "line"] + mwtest.kiosk_args(IDLE))
	try:
		c.wait_text("q end session")
		c.type("3")
		c.keys("Enter")
		c.wait_text("Write a new idea")
		n = re.search(r"(?m)^(\d+)\. Write a new idea", c.text()).group(1)
		c.type(n)
		c.keys("Enter")
		c.wait_text("Title (3 to 120")
		c.type("Geheimer Entwurf")
		c.keys("Enter")
		c.wait_text("a line with only a dot")
		c.type("Dieser Text darf nicht bleiben.")
		c.keys("Enter")
		secs = (IDLE + 5) / mwtest.TIME_SCALE + SLACK
		wait_until(lambda: "The session has ended" in "\n".join(history(c)), secs, "the reset")
		c.wait_text("q end session")
		c.type("3")
		c.keys("Enter")
		c.wait_text("Which event")
		after = "\n".join(history(c)).split("The session has ended")[1]
		ok("Geheimer" not in after and "darf nicht" not in after,
		   "the last person's text said after the reset:\n" + after)
	finally:
		c.close()


def reset_at_password(api, tmp):
	"""A person walks away at the password prompt (echo off): the reset
	frees the login form only once nothing asks for its fields any more
	(a sanitizer build found a use after free), and the next person's
	typing shows again."""
	c = Client(api.url, tmp, 80, 24, name="kiosk-line-password",
		   extra_args=["--ui", "line"] + mwtest.kiosk_args(IDLE))
	try:
		c.wait_text("q end session")
		c.type("l")
		c.keys("Enter")
		c.wait_text("User name or e-mail:")
		c.type("demo")
		c.keys("Enter")
		c.wait_text("Password (not shown):")
		secs = (IDLE + 5) / mwtest.TIME_SCALE + SLACK
		wait_until(lambda: "The session has ended" in "\n".join(history(c)), secs, "the reset")
		c.wait_text("q end session")
		assert not c.dead(), "the client ended at the reset"
		c.type("3")
		wait_until(lambda: (lambda l: "q end session" in l and l.endswith(": 3"))(
			c.screen()[c.cursor()[0]].rstrip()), 10, "the typed 3 shown")
		c.keys("Enter")
		c.wait_text("Which event")
	finally:
		c.close()


def reset_at_numbered_field(api, tmp):
	"""A person walks away from a field asked for by its number ("1" on
	the login form): the kiosk resets as anywhere else; the client used
	to take the end of that question for q and end."""
	c = Client(api.url, tmp, 80, 24, name="kiosk-line-numbered",
		   extra_args=["--ui", "line"] + mwtest.kiosk_args(IDLE))
	try:
		c.wait_text("q end session")
		c.type("l")
		c.keys("Enter")
		c.wait_text("User name or e-mail:")
		# Enter alone stops the questions; the form's prompt follows.
		c.keys("Enter")
		wait_until(lambda: "back" in c.screen()[c.cursor()[0]], 10, "the form's prompt")
		c.type("1")
		c.keys("Enter")
		wait_until(lambda: c.screen()[c.cursor()[0]].rstrip().endswith("User name or e-mail:"),
			   10, "field 1 asked by its number")
		secs = (IDLE + 5) / mwtest.TIME_SCALE + SLACK
		wait_until(lambda: "The session has ended" in "\n".join(history(c)) or c.dead(), secs,
			   "the reset")
		assert not c.dead(), "the client ended instead of the reset"
		c.wait_text("q end session")
		c.type("3")
		c.keys("Enter")
		c.wait_text("Which event")
	finally:
		c.close()


def end_with_b(api, tmp):
	"""b on the first page ends a used line-mode kiosk session: it asks,
	No first; "no" keeps it, "yes" wipes it as the idle reset does."""
	u = api.useradd()
	c = Client(api.url, tmp, 80, 24, name="kiosk-line-end",
		   extra_args=["--ui", "line"] + mwtest.kiosk_args(600))

	def enter(line):
		c.type(line)
		c.keys("Enter")
		wait_until(lambda: c.screen()[c.cursor()[0]].rstrip().endswith(":"), 10,
			   "the next prompt after %r" % line)

	def after(mark):
		"""What the pane showed since the last line holding mark."""
		lines = history(c)
		return "\n".join(lines[max(i for i, l in enumerate(lines) if mark in l):])

	try:
		c.wait_text("q end session")
		# Nobody there yet: b on the first page says so, as before.
		enter("b")
		c.wait_text("This is the first page.")
		for line in ("l", u["username"], u["password"], "3"):
			enter(line)
		c.wait_text("Logged in as")
		enter("3")
		c.wait_text("Write a new idea")
		n = re.search(r"(\d+)\. Write a new idea", c.text()).group(1)
		enter(n)
		c.type("Halbe Idee")
		c.keys("Enter")
		c.wait_text("only a dot")
		c.type("Noch nicht fertig")
		c.keys("Enter")
		enter(".")
		enter("b")
		c.wait_text("Leave without sending?")
		enter("yes")
		c.wait_text("kept")
		enter("b")
		c.wait_text("Projects")
		enter("b")
		c.wait_text("End your session?")
		# No is item 1, the one the prompt offers first.
		ask = after("End your session?")
		ok(re.search(r"(?m)^2\. Yes, end my session$", ask) and
		   re.search(r"(?m)^1 No, go on", ask), "not No first:\n" + ask)
		enter("no")
		wait_until(lambda: "Projects" in after("End your session?"), 10,
			   "the first page again")
		enter("b")
		wait_until(lambda: after("Yes, end my session").count("End your session?") == 0 and
			   "Yes, end my session" in after("End your session?"), 10, "the question again")
		enter("yes")
		wait_until(lambda: "Logged in as" not in after("Yes, end my session") and
			   re.search(r"(?m)^1\. ", after("Yes, end my session")), 10, "the welcome page")
		# Nothing left: b is the first page again, the draft is gone.
		enter("b")
		wait_until(lambda: "This is the first page." in after("Yes, end my session"), 10,
			   "'This is the first page.'")
		enter("3")
		n = re.search(r"(\d+)\. Write a new idea", after("Yes, end my session")).group(1)
		enter(n)
		ok("Halbe Idee" not in after("Yes, end my session"), "the draft is back:\n" + c.text())
	except Exception:
		print("pane (kiosk-line-end):\n" + "\n".join(history(c)[-60:]))
		raise
	finally:
		c.close()


def test_resets(api):
	tmp = mwtest.tempdir("mw-kiosk-line-")
	suite.parallel(("reset at 80x24", reset_once, api, tmp, 24, ""),
		       ("reset at 80x50, half a line typed", reset_once, api, tmp, 50, "47"),
		       ("reset at a '-- more --' prompt", reset_at_more, api, tmp),
		       ("reset in the middle of a text", reset_in_text, api, tmp),
		       ("reset at the password prompt", reset_at_password, api, tmp),
		       ("reset at a field asked by its number", reset_at_numbered_field, api, tmp),
		       ("b on the first page ends the session", end_with_b, api, tmp))


if __name__ == "__main__":
	why = mwtest.preflight()
	if why:
		print("SKIP: " + why)
		sys.exit(0)
	suite.run(lambda: test_resets(suite.server().start()))
