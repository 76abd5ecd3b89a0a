# test_newuser_tmux.py — the full UI as a new user meets it (issue 8): the
# library kiosk of docs/kiosk.md (--kiosk --keymap numpad on TERM=linux, whose
# keypad sends plain '/', '*', '+', '-', digits and Enter) at 80x24 and 40x12,
# where every footer names keys the keypad has and no text field traps the
# keypad (items 2, 15, 16); and quitting with a draft kept earlier (item 2).
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mwtest  # noqa: E402
from mwtest import Client, Suite, wait_until  # noqa: E402

suite = Suite()
KEYMAP = os.path.join(mwtest.TOP, "keymaps", "numpad.keys")


def hint(c):
	"""The key-hint line (the last non-empty line but the status)."""
	return c.screen()[-2]


def keypad_way_out(api, tmp, w, h):
	c = Client(api.url, tmp, w, h, name="keypad-%dx%d" % (w, h), env={"TERM": "linux"},
		   extra_args=["--keymap", KEYMAP, "--kiosk", "--idle-reset", "600"])
	try:
		c.wait_text("Projects")
		# The keypad's help key is named, not '?' (not on a keypad).
		c.wait_text("* help")
		# Back on the first page: a kiosk is not quit, q would not.
		c.type("/")
		c.wait_text("This is the first page.")
		assert "quit" not in c.flat(), c.text()
		c.keys("3", "Enter")
		c.wait_text("Polls")
		c.focus_to("Write a new idea", key="+")
		c.keys("Enter")
		c.wait_text("New idea")
		c.check_focus("Title")
		# A keypad user types a digit (meaning item 3): it is text.
		c.type("3")
		c.check_caret("3")
		# In a filled one-line field '/' is text (Enter leads on), and
		# the footer does not offer it as the way back there.
		c.type("/")
		c.check_caret("3/")
		assert "/ back" not in hint(c), c.text()
		c.keys("Enter")
		c.check_focus("Text", field=True)
		# The title left too short is said at once (issue 8 item 21).
		c.wait_text("Title: at least 3 characters, you have 2.")
		c.type("12")
		c.keys("Enter")
		c.type("4")
		c.wait_text("4 of 5000 characters")
		# '*' in a filled field is help, as the footer says, and '/'
		# comes back to the form with everything typed.
		assert "* help" in c.flat(), c.text()
		c.type("*")
		c.wait_text("Help")
		c.type("/")
		c.wait_text("New idea")
		c.check_focus("Text", field=True)
		field = c.flat().split("Text:", 1)[1].split("characters")[0]
		assert "12" in field and "4" in field and "*" not in field and "/" not in field, c.text()
		# '/' in a filled field leaves it: the form asks first.
		c.type("/")
		c.wait_text("Leave without sending?")
		# A kiosk keeps the draft until the session ends, not "until
		# you quit" (q does not quit a kiosk).
		c.wait_text("until your session ends")
		assert "until you quit" not in c.flat(), c.text()
		# The dialog names keypad keys, not F1 or Delete.
		c.wait_text("* help", "/ back")
		c.type("/")
		c.wait_text("New idea")
		c.type("/")
		c.wait_text("Leave without sending?")
		c.focus_to("Yes, leave", key="+")
		c.keys("Enter")
		c.wait_text("Polls", "kept")
		# A password may hold '/' and '*': typed, not acted on.
		c.keys("1", "Enter")
		c.wait_text("Options")
		c.type(".")
		c.focus_to("Review my vote", key="+")
		c.keys("Enter")
		c.focus_to("Send", key="+")
		c.keys("Enter")
		c.wait_text("Log in")
		c.check_focus("User name")
		c.type("demo")
		c.keys("Enter")
		c.check_focus("Password")
		c.type("a/b*c")
		c.check_caret("*****")
	finally:
		c.close()


def keypad_end_session(api, tmp, w, h):
	"""A keypad has no q: '/' on the first page ends a used kiosk session,
	asking first with No focused, and wipes it as the idle reset does."""
	u = api.useradd()
	c = Client(api.url, tmp, w, h, name="keypad-end-%dx%d" % (w, h), env={"TERM": "linux"},
		   extra_args=["--keymap", KEYMAP, "--kiosk", "--idle-reset", "600"])
	try:
		c.wait_text("Projects")
		# Log in the way a keypad can: sending a vote asks for it.
		c.keys("3", "Enter")
		c.wait_text("Polls")
		c.keys("1", "Enter")
		c.wait_text("Options")
		c.type(".")
		c.focus_to("Review my vote", key="+")
		c.keys("Enter")
		c.focus_to("Send", key="+")
		c.keys("Enter")
		c.wait_text("Log in")
		c.check_focus("User name")
		c.type(u["username"])
		c.keys("Enter")
		c.check_focus("Password")
		c.type(u["password"])
		c.keys("Enter")
		wait_until(lambda: "User name" not in c.flat(), 10, "the login")
		# Half an idea, left: the kiosk keeps it as a draft.
		# Back to the project; the unsent vote asks before it is left.
		for _ in range(6):
			if "Polls" in c.flat():
				break
			if "Leave without sending?" in c.flat():
				c.focus_to("Yes, leave", key="+")
				c.keys("Enter")
			else:
				before = c.text()
				c.type("/")
			wait_until(lambda: c.text() != before, 5, "the screen to change")
			before = c.text()
		c.keys("1")
		c.check_focus("1. ")
		c.focus_to("Write a new idea", key="+")
		c.keys("Enter")
		c.check_focus("Title")
		c.type("Halbe Idee")
		c.keys("Enter")
		c.check_focus("Text", field=True)
		c.type("/")
		c.wait_text("Leave without sending?")
		c.focus_to("Yes, leave", key="+")
		c.keys("Enter")
		c.wait_text("Polls", "kept")
		c.type("/")
		c.wait_text("Projects")
		# (At 40x12 the login's note is below the fold.)
		if h >= 24:
			c.wait_text("Logged in as")
		# The first page names the keypad's way out, after help.
		wait_until(lambda: hint(c).startswith("* help, / end session"), 5,
			   "'/ end session' in the footer")
		assert "q end session" not in hint(c), c.text()
		c.type("/")
		c.wait_text("End your session?")
		c.check_focus("No, go on")
		c.keys("Enter")
		c.wait_text("Projects", "/ end session")
		assert h < 24 or "Logged in as" in c.flat(), c.text()
		c.type("/")
		c.wait_text("End your session?")
		c.focus_to("Yes, end my session", key="+")
		c.keys("Enter")
		wait_until(lambda: "End your session?" not in c.flat() and "Projects" in c.flat(), 10,
			   "the session to end")
		assert "Logged in as" not in c.flat(), c.text()
		assert not c.dead(), "the kiosk client quit"
		# Nothing left: '/' is the first page again, the draft is gone.
		c.type("/")
		c.wait_text("This is the first page.")
		c.keys("3", "Enter")
		c.wait_text("Polls")
		c.focus_to("Write a new idea", key="+")
		c.keys("Enter")
		c.check_focus("Title")
		assert "Halbe Idee" not in c.flat(), c.text()
	except Exception:
		print("screen (keypad-end-%dx%d):\n%s" % (w, h, c.text()))
		raise
	finally:
		c.close()


def register_checks_on_leave(api, tmp):
	"""Issue 8 item 21: a user name that is not allowed is refused as its
	field is left (Tab), with what is allowed, not after the whole form;
	the person still goes on, and Register checks everything again."""
	rule = "User name: 3 to 32 characters, only small letters"
	c = Client(api.url, tmp, 80, 24, name="leave-check")
	try:
		c.wait_text("Projects")
		c.check_focus()
		c.keys("R")
		c.wait_text("Register")
		c.check_focus("User name")
		c.type("Neu X")
		c.check_caret("Neu X")
		assert rule not in c.flat(), c.text()
		c.keys("Tab")
		# Not trapped: the focus and the caret are on the next field.
		c.check_focus("E-mail")
		# Said at once, on the status line too (the last line).
		c.wait_text(rule)
		assert "User name: 3 to 32" in "\n".join(c.screen()[-3:]), c.text()
		# Back on the name: its text is kept, its error on it.
		c.keys("Up")
		c.check_focus("User name")
		assert "only small letters" in c.focus_item(), c.text()
		assert "Neu X" in c.flat(), c.text()
		# The empty e-mail left is no error yet; a short password is.
		c.keys("Down", "Down", "Down")
		c.check_focus("Password")
		assert "please fill this in" not in c.flat(), c.text()
		c.type("kurz")
		c.check_caret("****")
		c.keys("Tab")
		c.check_focus("Register")
		c.wait_text("Password: at least 8 characters, you have 4.")
		# Typing in the name clears its error.
		c.focus_to("User name", key="Up")
		c.keys("BSpace", "BSpace", "BSpace", "BSpace", "BSpace")
		c.type("neu.x")
		c.check_caret("neu.x")
		wait_until(lambda: rule not in c.flat(), 5, "the name's error to go")
		# Register checks all: the empty e-mail now, the focus on it.
		c.focus_to("Register")
		c.keys("Enter")
		c.wait_text("E-mail: please fill this in.")
		c.check_focus("E-mail")
	finally:
		c.close()


def quit_with_kept_draft(api, tmp):
	"""A draft kept by leaving its form is lost by quitting: q asks."""
	c = Client(api.url, tmp, 80, 24, name="quit-draft", env={"TERM": "xterm-256color"})
	try:
		c.wait_text("Projects")
		c.keys("3", "Enter")
		c.wait_text("Polls")
		c.focus_to("Write a new idea")
		c.keys("Enter")
		c.check_focus("Title")
		c.type("Trinkbrunnen")
		c.keys("Escape")
		c.wait_text("Leave without sending?")
		c.focus_to("Yes, leave")
		c.keys("Enter")
		c.wait_text("kept")
		c.keys("q")
		c.wait_text("Quit without sending?")
		assert not c.dead(), "q quit with a kept draft"
		c.check_focus("No, stay here")
		c.keys("Enter")
		c.wait_text("Polls")
		c.keys("q")
		c.wait_text("Quit without sending?")
		c.focus_to("Yes, quit")
		c.keys("Enter")
		wait_until(c.dead, 10, "the client to quit")
	finally:
		c.close()


def line_leave_says_where_kept(api, tmp):
	"""Line mode: leaving a typed idea asks, and the question says where
	the draft is kept, without t (a brief page said only 'Your idea is
	not sent. … 23 more words.')."""
	def run(lines):
		env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": tmp, "TERM": "dumb",
		       "LANG": "C.UTF-8", "XDG_STATE_HOME": os.path.join(tmp, "state")}
		return subprocess.run([mwtest.CLIENT_BIN, "--api", api.url, "--ui", "line"],
				      input=("\n".join(lines) + "\n").encode(), capture_output=True,
				      timeout=30, env=env).stdout.decode()

	def number(text, label):
		m = re.search(r"(?m)^(\d+)\. %s" % re.escape(label), text)
		assert m, "no item %r in:\n%s" % (label, text[-1500:])
		return m.group(1)
	n = number(run([]), "Stadt.Raum.Wir.")
	wi = number(run([n]), "Write a new idea")
	out = run([n, wi, "Trinkbrunnen", "Ein Brunnen am Platz für alle.", ".", "b"])
	ask = out[out.rindex("Leave without sending?"):]
	assert "kept as a draft" in ask and "more words" not in ask, ask


def putty_keys(api, tmp):
	"""PuTTY's default Home, End and F1 (ESC [ 1 ~, ESC [ 4 ~, ESC [ 11 ~)
	and xterm's under TERM=linux (ESC O H, ESC O F, ESC O P) work as the
	keys they are, not 'Key not known.': a text field's footer offers F1
	for help."""
	for term, home, end, f1 in (("xterm-256color", "1b 5b 31 7e", "1b 5b 34 7e", "1b 5b 31 31 7e"),
				    ("linux", "1b 4f 48", "1b 4f 46", "1b 4f 50")):
		c = Client(api.url, tmp, 80, 24, name="putty-" + term, env={"TERM": term})
		try:
			c.wait_text("Projects")
			c.check_focus("1. ")
			c.tmux("send-keys", "-t", "t", "-H", *end.split())
			c.check_focus("4. ")
			c.tmux("send-keys", "-t", "t", "-H", *home.split())
			c.check_focus("1. ")
			c.keys("l")
			c.check_focus("User name")
			assert "F1 help" in c.flat(), c.text()
			c.tmux("send-keys", "-t", "t", "-H", *f1.split())
			c.wait_text("Help")
			assert "Key not known" not in c.flat(), c.text()
		finally:
			c.close()


def form_footer_names_back(api, tmp):
	"""At 40x12 in German the footer names the way back right after help
	(it was cut on every page), on a form's button too: Esc, not
	'Rücktaste zurück', which did not fit (item 14)."""
	d = Client(api.url, tmp, 40, 12, lang="de", name="page-back", env={"TERM": "xterm-256color"})
	try:
		d.wait_text("Projekte")
		d.keys("3", "Enter")
		d.wait_text("Abstimmungen")
		# The way back stays in the footer after help (it was cut
		# for "Enter öffnen, i neue Idee" on every page).
		d.wait_text("? Hilfe, Esc zurück")
		d.keys("2", "Enter")
		d.wait_text("Meiste Unterstützung zuerst")
		d.wait_text("? Hilfe, Esc zurück")
	finally:
		d.close()
	c = Client(api.url, tmp, 40, 12, lang="de", name="form-back",
		   env={"TERM": "xterm-256color"},
		   extra_args=["--keymap", os.path.join(mwtest.TOP, "keymaps", "vi.keys")])
	try:
		c.wait_text("Projekte")
		c.keys("3", "Enter")
		c.wait_text("Abstimmungen")
		c.wait_text("? Hilfe, h zurück")
		c.focus_to("Kommentar schreiben", key="j")
		c.keys("Enter")
		c.check_focus("Kommentar", field=True)
		c.keys("Tab")
		c.check_focus("Prüfen und senden")
		c.wait_text("Esc zurück")
	finally:
		c.close()


def kiosk(api, tmp, w, h, name):
	return Client(api.url, tmp, w, h, name=name, env={"TERM": "linux"},
		      extra_args=["--keymap", KEYMAP, "--kiosk", "--idle-reset", "600"])


def keypad_vote_to_login(c):
	"""Logged out: a poll, a choice, its review, Send: the login form."""
	c.wait_text("Projects")
	c.keys("3", "Enter")
	c.wait_text("Polls")
	c.keys("1", "Enter")
	c.wait_text("Options")
	c.type(".")
	c.focus_to("Review my vote", key="+")
	c.keys("Enter")
	c.focus_to("Send", key="+")
	c.keys("Enter")
	c.wait_text("Log in")
	c.check_focus("User name")


def keypad_login(c, u):
	c.type(u["username"])
	c.keys("Enter")
	c.check_focus("Password")
	c.type(u["password"])
	c.keys("Enter")
	wait_until(lambda: "User name" not in c.flat(), 10, "the login")


def send_after_login(api, tmp, w, h):
	"""Item 18: Send while logged out asks for a login; after it the vote
	(then an idea) is sent as asked, no second Send; abandoning the login
	sends nothing and keeps the review."""
	u = api.useradd()
	c = kiosk(api, tmp, w, h, "resume-%dx%d" % (w, h))
	try:
		keypad_vote_to_login(c)
		c.type("/")
		c.wait_text("Check before sending")
		assert "saved" not in c.flat(), c.text()
		c.focus_to("Send", key="+")
		c.keys("Enter")
		c.wait_text("Log in")
		keypad_login(c, u)
		c.wait_text("Your vote is saved")
		assert "Check before sending" not in c.flat(), c.text()
		assert "Options" in c.flat(), c.text()
	finally:
		c.close()
	u = api.useradd()
	c = kiosk(api, tmp, w, h, "resume-idea-%dx%d" % (w, h))
	try:
		c.wait_text("Projects")
		c.keys("3", "Enter")
		c.wait_text("Polls")
		c.focus_to("Write a new idea", key="+")
		c.keys("Enter")
		c.check_focus("Title")
		c.type("Bank am Fluss")
		c.keys("Enter")
		c.check_focus("Text", field=True)
		c.type("Eine Bank am Flussufer zum Ausruhen.")
		c.keys("Tab")
		c.keys("Enter")
		c.wait_text("Check before sending")
		c.focus_to("Send", key="+")
		c.keys("Enter")
		c.wait_text("Log in")
		keypad_login(c, u)
		c.wait_text("Your idea is sent")
		assert "Check before sending" not in c.flat(), c.text()
	finally:
		c.close()


def test_newuser(api):
	tmp = mwtest.tempdir("mw-newuser-")
	suite.parallel(("keypad way out 80x24", keypad_way_out, api, tmp, 80, 24),
		       ("keypad way out 40x12", keypad_way_out, api, tmp, 40, 12),
		       ("keypad ends the session 80x24", keypad_end_session, api, tmp, 80, 24),
		       ("keypad ends the session 40x12", keypad_end_session, api, tmp, 40, 12),
		       ("a send that asked for a login is done after it", send_after_login, api, tmp, 80, 24),
		       ("quit with a kept draft", quit_with_kept_draft, api, tmp),
		       ("PuTTY and xterm keys under other TERMs", putty_keys, api, tmp),
		       ("a form's footer names the way back at 40x12", form_footer_names_back, api, tmp),
		       ("line mode: leaving says where the draft is kept", line_leave_says_where_kept,
			api, tmp),
		       ("a field is checked as it is left", register_checks_on_leave, api, tmp))


if __name__ == "__main__":
	why = mwtest.preflight()
	if why:
		print("SKIP: " + why)
		sys.exit(0)
	suite.run(lambda: test_newuser(suite.server().start()))
