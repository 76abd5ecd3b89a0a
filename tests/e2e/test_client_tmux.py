# test_client_tmux.py — the real mitwirkung client in tmux at 80x24 and 40x12
# against the real mitwirkung-api with demo data: (a) browse, open
# Stadt.Raum.Wir., rank three events, review, send, see the own ballot;
# (b) register, confirm with the token from the mail, log in, submit an
# idea, the moderator approves it in the client, another person sees it.
# After every step: the screen text, and the terminal cursor on the line of
# the focused item (the line with '>'), or on the caret of a text field.
import os
import re
import sys
import threading
import time
import traceback

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mwtest  # noqa: E402
from mwtest import Client, Failure, Suite, wait_until  # noqa: E402

SIZES = ((80, 24), (40, 12))


def login(c, name, password):
	"""Logs in from any list page with the login key; ends back where it
	started, with the status saying who is logged in."""
	c.keys("l")
	c.wait_text("Log in")
	c.check_focus("User name or e-mail")
	c.type(name)
	c.check_caret(name)
	c.keys("Enter")
	c.check_focus("Password")
	c.type(password)
	c.check_caret("*" * len(password))
	assert password not in c.text(), "the password shows on the screen"
	c.keys("Enter")
	submit(c, "Password", "Log in")
	c.wait_text("Logged in as")
	c.check_focus()


def submit(c, field, button):
	"""Enter in the last field either sends the form at once or moves to
	its button; press the button in the second case."""
	def label():
		try:
			return c.focus_item().split(". ", 1)[-1]
		except Failure:
			return ""
	wait_until(lambda: not label().startswith(field), 5,
			    "the focus to leave %s" % field)
	if label().startswith(button):
		c.check_focus(button)
		c.keys("Enter")


def has_colour(sgr_text):
	"""True when an SGR sequence sets a colour (30-38, 40-48, 90-107)."""
	for params in re.findall(r"\x1b\[([0-9;]*)m", sgr_text):
		for p in params.split(";"):
			if p.isdigit() and (30 <= int(p) <= 38 or 40 <= int(p) <= 48 or
					    90 <= int(p) <= 107):
				return True
	return False


def open_project(c, title="Stadt.Raum.Wir."):
	c.focus_to(title)
	c.keys("Enter")
	wait_until(lambda: title in " ".join(c.screen()[:3]), 10,
			    "the heading %s" % title)
	# What can be done now leads: the open poll (issue 8 item 19).
	c.check_focus("Which event should come")


# Each size votes as another person, so every run starts without a ballot.
VOTERS = {(80, 24): ("demo", "demo-passwort"), (40, 12): ("rathaus", "rathaus-passwort")}


def flow_ballot(api, tmp, w, h):
	c = Client(api.url, tmp, w, h, name="ballot-%dx%d" % (w, h))
	try:
		c.wait_text("Projects")
		c.check_focus()
		login(c, *VOTERS[(w, h)])
		open_project(c)
		c.focus_to("ranking")
		c.keys("Enter")
		c.wait_text("Rank up to 3.")
		# Nothing chosen yet: no "0 of 3", each option says "not chosen".
		assert "of 3 chosen" not in c.flat(), c.text()
		c.check_focus()
		chosen = []
		for k in range(3):
			item = c.focus_item()
			c.keys("Space")
			c.check_focus("your choice %d" % (k + 1))
			c.wait_text("%d of 3 chosen" % (k + 1))
			# The option keeps its place: Down goes to the next one.
			# The rank stands before the title: "(not chosen) Roundnet".
			name = item.split(". ", 1)[1]
			if name.startswith("("):
				name = name.split(") ", 1)[1]
			chosen.append(name.split(" (")[0])
			c.keys("Down")
			wait_moved(c, item)
		c.keys("r")
		c.wait_text("Check before sending")
		c.check_focus("Send")
		c.keys("Enter")
		c.wait_text("is saved")
		c.check_focus()
		# The message went with the next key; the history keeps it.
		c.keys("m")
		c.wait_text("Messages", "is saved")
		c.check_focus()
		c.keys("Escape")
		c.wait_text("chosen")
		c.check_focus()
		see_ballot(c, chosen)
		# Leaving and coming back shows the ballot again.
		c.keys("Escape")
		c.check_focus("ranking")
		c.keys("Enter")
		c.wait_text("3 of 3 chosen")
		c.check_focus()
		see_ballot(c, chosen)
	except Exception:
		print("screen at %dx%d:\n%s" % (w, h, c.text()))
		raise
	finally:
		c.close()


def see_ballot(c, chosen):
	"""The own ballot on the poll page: the sentence above the options
	(scrolled back to on a small screen) and each option's rank."""
	# Up at the first item scrolls back through the text above it. One
	# key at a time: a Home still pending would scroll the text away again.
	c.keys("Home")
	at_first(c)
	for _ in range(6):
		if "Your vote is saved" in c.flat():
			break
		before = c.text()
		c.keys("Up")
		try:
			wait_until(lambda: c.text() != before, 2, "the screen to scroll after Up")
		except Failure:
			pass		# said by the wait_text below
	c.wait_text("Your vote is saved")
	flat = c.flat()
	for name in chosen:
		assert name[:10] in flat, "ballot lacks %r:\n%s" % (name, c.text())
	c.keys("Home")
	at_first(c)
	for k, name in enumerate(chosen):
		c.focus_to("your choice %d" % (k + 1))
		assert name[:10] in c.focus_item(), "rank %d is not %r" % (k + 1, name)


def at_first(c):
	"""Waits until Home has arrived: the focus on the first item."""
	wait_until(lambda: c.focus_item().startswith("1. "), 5, "the focus on the first item")
	c.check_focus()


def wait_moved(c, before):
	wait_until(lambda: c.focus_item() != before, 5, "the focus to move")
	c.check_focus()


def fill(c, label, text, secret=False):
	c.check_focus(label)
	c.type(text)
	c.check_caret("*" * len(text) if secret else text)
	c.keys("Enter")


def flow_idea(api, tmp, w, h):
	tag = "%dx%d" % (w, h)
	user = "e2e%d%s" % (os.getpid() % 10000, tag.replace("x", "_"))
	mail = user + "@example.org"
	title = "Mehr Bänke %s" % tag
	# (1) register and confirm with the token from the mail
	c = Client(api.url, tmp, w, h, name="idea-" + tag)
	try:
		c.wait_text("Projects")
		c.check_focus()
		c.keys("R")
		c.wait_text("Register")
		fill(c, "User name", user)
		fill(c, "E-mail", mail)
		fill(c, "Display name", "E2E " + tag)
		fill(c, "Password", "geheim-passwort", secret=True)
		submit(c, "Password", "Register")
		c.wait_text("Confirm your account")
		# The name is filled in; the 8-digit code of the mail is typed
		# as the mail writes it, and the field shows name and code.
		c.check_focus("Code")
		code = mwtest.mail_code(api, mail)
		fill(c, "Code", code)
		submit(c, "Code", "Confirm account")
		c.wait_text("Your account is active")
		c.check_focus()
		# (2) log in, open the project, write the idea
		if "Log in" not in c.screen()[0] and "Log in" not in c.screen()[1]:
			c.keys("l")
		c.wait_text("Log in")
		# After the confirmation the form knows the name and asks for the password.
		wait_until(lambda: "User name" in c.focus_item() or "Password" in c.focus_item(),
				    5, "the focus on the login form")
		if "Password" not in c.focus_item():
			fill(c, "User name or e-mail", user)
		fill(c, "Password", "geheim-passwort", secret=True)
		submit(c, "Password", "Log in")
		c.wait_text("Logged in as")
		c.check_focus()
		while "Projects" not in " ".join(c.screen()[:2]):
			before = c.text()
			c.keys("Escape")
			wait_until(lambda: c.text() != before, 5, "the screen to change after Escape")
		c.check_focus()
		open_project(c)
		c.focus_to("Write a new idea")
		c.keys("Enter")
		c.wait_text("New idea")
		fill(c, "Title", title)
		c.check_focus("Text", field=True)
		body = "Am Stiftsplatz fehlen Sitzplätze im Schatten."
		c.type(body)
		c.check_caret(body[-10:])
		c.check_focus("Text", field=True)
		c.keys("Tab")
		c.check_focus("Review and send")
		c.keys("Enter")
		c.wait_text("Check before sending", title)
		c.check_focus("Send")
		c.keys("Enter")
		c.wait_text("waiting for moderation")
		c.check_focus()
	except Exception:
		print("screen (new account) at %s:\n%s" % (tag, c.text()))
		raise
	finally:
		c.close()

	# (3) the moderator approves it in the client
	m = Client(api.url, tmp, w, h, name="mod-" + tag)
	try:
		m.wait_text("Projects")
		m.check_focus()
		login(m, "moderation", "moderation-passwort")
		m.keys("M")
		m.wait_text("Moderation")
		m.check_focus()
		m.focus_to(title[:12])
		m.keys("A")
		m.wait_text("Press approve again")
		m.keys("A")
		m.wait_text("is approved")
		m.check_focus()
		# Out of the queue once the queue is loaded again.
		wait_until(lambda: title not in m.flat().split("is approved")[-1]
				    and title[:12] not in m.focus_item(), 10,
				    "the idea to leave the queue")
	except Exception:
		print("screen (moderator) at %s:\n%s" % (tag, m.text()))
		raise
	finally:
		m.close()

	# (4) another person sees it
	o = Client(api.url, tmp, w, h, name="other-" + tag)
	try:
		o.wait_text("Projects")
		login(o, "demo", "demo-passwort")
		open_project(o)
		o.focus_to("All ideas")
		o.keys("Enter")
		o.wait_text("Projects / Stadt.Raum.Wir.", "Most support first")
		o.check_focus()
		o.focus_to(title[:12])
		o.check_focus(title[:12])
	except Exception:
		print("screen (other person) at %s:\n%s" % (tag, o.text()))
		raise
	finally:
		o.close()


def flow_basics(api, tmp, w, h):
	"""Digits jump, help and back, the colour toggle, resize, quit."""
	c = Client(api.url, tmp, w, h, name="basics-%dx%d" % (w, h))
	try:
		c.wait_text("Projects")
		c.check_focus("1. ")
		c.keys("3")
		c.check_focus("3. Stadt.Raum.Wir.")
		# Moving never opens: still the project list.
		assert "Projects" in c.screen()[0], c.text()
		# A number without an item is said, and the focus stays.
		c.keys("9")
		c.wait_text("no item 9")
		c.check_focus("3. Stadt.Raum.Wir.")
		c.keys("?")
		c.wait_text("Help")
		c.check_focus()
		t0 = time.monotonic()
		c.keys("Escape")
		c.check_focus("3. Stadt.Raum.Wir.")
		# Esc must not wait long for a sequence that never comes.
		assert time.monotonic() - t0 < 2.0, "Esc took %.1fs" % (time.monotonic() - t0)
		c.keys("C")
		c.wait_text("Colours off")
		c.check_focus("Stadt.Raum.Wir.")
		colour = c.tmux("capture-pane", "-p", "-e", "-t", "t")
		assert not has_colour(colour), "colour is still used: %r" % colour[:300]
		c.keys("C")
		c.wait_text("Colours on")
		# The message stays until the next key, then goes.
		c.keys("Down")
		c.check_focus("4. ")
		assert "Colours on" not in c.flat(), c.text()
		# Resize to the other size: the focus stays visible, cursor on it.
		ow, oh = (40, 12) if (w, h) == (80, 24) else (80, 24)
		c.tmux("resize-window", "-t", "t", "-x", str(ow), "-y", str(oh))
		c.height = oh
		c.check_focus("4. ")
		c.tmux("resize-window", "-t", "t", "-x", str(w), "-y", str(h))
		c.height = h
		c.check_focus("4. ")
		c.keys("q")
		wait_until(c.dead, 5, "the client to quit")
		# With SAN=1 a leak or error report would be left on the screen.
		assert "Sanitizer" not in c.text(), c.text()
		status = c.tmux("display", "-p", "-t", "t", "#{pane_dead_status}").strip()
		assert status in ("", "0"), "exit status %s" % status
	except Exception:
		print("screen at %dx%d:\n%s" % (w, h, c.text()))
		raise
	finally:
		c.close()


def flow_language(api, tmp, w, h):
	"""German from the start, then switched to English and back at run
	time with one key; the focus stays where it was."""
	c = Client(api.url, tmp, w, h, lang="de", name="lang-%dx%d" % (w, h))
	try:
		c.wait_text("Projekte")
		c.check_focus("1. ")
		c.keys("3", "Enter")
		c.wait_text("Welche Veranstaltung")
		c.check_focus("Welche Veranstaltung")
		# L lists the languages with the one in use focused.
		c.keys("L")
		c.wait_text("Sprache / Language", "Türkçe", "Leichte Sprache")
		c.check_focus("Deutsch")
		c.keys("2", "Enter")
		c.wait_text("Which event should")
		c.check_focus("Which event should")
		c.keys("L", "1", "Enter")
		c.wait_text("Welche Veranstaltung", "Sprache: Deutsch")
		c.check_focus("Welche Veranstaltung")
	except Exception:
		print("screen (language) at %dx%d:\n%s" % (w, h, c.text()))
		raise
	finally:
		c.close()


def flow_numpad(api, tmp):
	"""--keymap numpad: the keypad alone moves, opens and goes back (the
	keypad sends its application-mode sequences)."""
	# The path, so the test does not depend on where the build folder is.
	keymap = os.path.join(mwtest.TOP, "keymaps", "numpad.keys")
	c = Client(api.url, tmp, 80, 24, name="numpad", extra_args=["--keymap", keymap])
	try:
		c.wait_text("Projects")
		c.check_focus("1. ")
		c.keys("KP2")
		c.check_focus("2. ")
		c.keys("KP2")
		c.check_focus("3. Stadt.Raum.Wir.")
		c.keys("KP8")
		c.check_focus("2. ")
		c.keys("KP2")
		c.check_focus("3. Stadt.Raum.Wir.")
		c.keys("KP6")
		c.wait_text("Which event should")
		c.check_focus("Which event should")
		c.keys("KP4")
		c.check_focus("3. Stadt.Raum.Wir.")
		c.keys("KP*")
		c.wait_text("Help")
		c.check_focus()
		c.keys("KP4")
		c.check_focus("3. Stadt.Raum.Wir.")
	except Exception:
		print("screen (numpad):\n%s" % c.text())
		raise
	finally:
		c.close()


def flow_no_color(api, tmp):
	"""NO_COLOR set: not one colour sequence, the marker still there. A
	bad line in the user's key file is reported as file:line after
	start-up, and the client works on."""
	c = Client(api.url, tmp, 80, 24, name="nocolor", env={"NO_COLOR": "1"},
		   files={".config/mitwirkung/keys":
			  "# mine\nbind list Q no-such-action\nbind list J down\n"})
	try:
		c.wait_text("Projects", "keys:2:")
		c.check_focus("1. ")
		c.keys("J")
		c.check_focus("2. ")
		assert "keys:2:" not in c.flat(), "the report stays after a key"
		c.keys("Up")
		c.keys("Down")
		c.check_focus("2. ")
		colour = c.tmux("capture-pane", "-p", "-e", "-t", "t")
		assert not has_colour(colour), "colour with NO_COLOR: %r" % colour[:300]
	finally:
		c.close()


class SlowApi:
	"""A stand-in platform that answers every request after a delay with
	an empty list: a slow link, for the "Loading…" rule."""

	def __init__(self, delay):
		import http.server

		class Handler(http.server.BaseHTTPRequestHandler):
			def do_GET(self):
				time.sleep(delay)
				body = b'{"items": [], "next": null, "total": 0}'
				self.send_response(200)
				self.send_header("Content-Type", "application/json")
				self.send_header("Content-Length", str(len(body)))
				self.end_headers()
				self.wfile.write(body)

			def log_message(self, *args):
				pass

		self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
		self.url = "http://127.0.0.1:%d/api/v1" % self.httpd.server_address[1]
		threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

	def stop(self):
		self.httpd.shutdown()
		self.httpd.server_close()


def flow_slow_load(tmp):
	"""A slow answer says "Loading…" once on the status line, with the
	cursor where it was; then the page, and the word is gone."""
	slow = SlowApi(2.0)
	c = Client(slow.url, tmp, 80, 24, name="slow")
	try:
		c.wait_text("Loading…", timeout=5)
		assert c.screen()[-1].startswith("Loading…"), c.text()
		assert c.cursor() == (0, 0), "cursor %r while loading" % (c.cursor(),)
		c.wait_text("No projects match", timeout=10)
		assert "Loading…" not in c.flat(), c.text()
		assert c.cursor() == (0, 0), "cursor %r not on the heading" % (c.cursor(),)
		# Refresh: said again, once, and gone again.
		c.keys("F5")
		c.wait_text("Loading…", timeout=5)
		c.wait_text("No projects match", timeout=10)
		wait_until(lambda: "Loading…" not in c.flat(), 5, "Loading… to go")
	except Exception:
		print("screen (slow):\n%s" % c.text())
		raise
	finally:
		c.close()
		slow.stop()


KIOSK_IDLE = 60		# --idle-reset; the warning comes 30 s before
KIOSK_WARN = 30
SCALE = mwtest.TIME_SCALE	# the client's timers run this much faster
SLACK = 2.0			# seconds a loaded machine may take to show a change


def flow_kiosk(api, tmp, answer):
	"""Kiosk idle reset: the warning comes at least 20 s before the reset
	and says so; with answer one key keeps the session (and does nothing
	else), without it the session is reset: logged out, project list.
	Nothing is written to disk. Runs beside the other flows (it mostly
	waits), so it costs little time."""
	name = "kiosk-%s" % ("answer" if answer else "reset")
	c = Client(api.url, tmp, 80, 24, name=name,
		   extra_args=mwtest.kiosk_args(KIOSK_IDLE))
	try:
		c.wait_text("Projects")
		c.check_focus()
		login(c, "demo", "demo-passwort")
		# Taken before the key: the client's idle time starts later.
		last_key = time.monotonic()
		c.keys("Down")
		c.check_focus("2. ")
		warn_due = (KIOSK_IDLE - KIOSK_WARN) / SCALE
		reset_due = KIOSK_IDLE / SCALE
		c.wait_text("Are you still there?", timeout=reset_due + SLACK)
		warned = time.monotonic() - last_key
		assert warn_due <= warned <= warn_due + SLACK, \
			"warned after %.1fs, not %.1fs" % (warned, warn_due)
		assert "ends in 30 seconds" in c.flat(), c.text()
		print("%s: warned after %.1fs idle (scale %d)" % (name, warned, SCALE))
		c.check_focus("2. ")
		if answer:
			c.keys("Down")
			wait_until(lambda: "Are you still there?" not in c.flat(),
					    5, "the warning to go")
			# The answering key did nothing else.
			c.check_focus("2. ")
			assert "Logged in as" in c.flat(), c.text()
			# q does not leave a kiosk: it offers to end the session.
			c.keys("q")
			c.wait_text("End your session?")
			# No first: a second key by mistake does not end it.
			c.check_focus("No, go on")
			c.focus_to("Yes, end my session")
			c.keys("Enter")
			wait_until(lambda: "Logged in as" not in c.flat() and
					    "Projects" in c.flat(), 10, "the session to end")
			c.check_focus("1. ")
			assert not c.dead(), "the kiosk client quit"
		else:
			wait_until(lambda: "Logged in as" not in c.flat() and
					    "Are you still there?" not in c.flat(),
					    reset_due + SLACK, "the kiosk reset", step=0.05)
			gone = time.monotonic() - last_key
			assert reset_due <= gone <= reset_due + SLACK, \
				"reset after %.1fs, not %.1fs" % (gone, reset_due)
			print("%s: reset after %.1fs idle" % (name, gone))
			c.wait_text("Projects")
			c.check_focus("1. ")
		state = os.path.join(c.home, ".local/state/mitwirkung")
		assert not os.path.exists(state), "kiosk wrote %s" % os.listdir(state)
	except Exception:
		print("screen (%s):\n%s" % (name, c.text()))
		raise
	finally:
		c.close()


class Background(threading.Thread):
	"""Runs one flow in a thread; join() then reports it to the runner."""

	def __init__(self, name, fn, *args):
		super().__init__(daemon=True)
		self.name_, self.fn, self.args = name, fn, args
		self.error = None
		self.t0 = time.monotonic()

	def run(self):
		try:
			self.fn(*self.args)
		except Exception:  # noqa: BLE001 - reported by report()
			self.error = traceback.format_exc()

	def report(self, r, timeout):
		self.join(timeout)
		def check():
			if self.is_alive():
				raise Failure("%s still running after the wait" % self.name_)
			if self.error:
				raise Failure(self.error)
		r.case(self.name_, check)


def main():
	S = Suite("test_client_tmux")
	err = mwtest.preflight()
	if err:
		S.check(False, "preflight", err)
		S.finish()
	tmp = S.tmp("mw-e2e-")
	api = S.api(tmp=tmp).start()
	kiosk = [Background("kiosk_answer", flow_kiosk, api, tmp, True),
		 Background("kiosk_reset", flow_kiosk, api, tmp, False)]
	for k in kiosk:
		k.start()
	S.case("no_color", flow_no_color, api, tmp)
	S.case("slow_load", flow_slow_load, tmp)
	S.case("numpad", flow_numpad, api, tmp)
	for w, h in SIZES:
		S.case("basics_%dx%d" % (w, h), flow_basics, api, tmp, w, h)
		S.case("language_%dx%d" % (w, h), flow_language, api, tmp, w, h)
		S.case("ballot_%dx%d" % (w, h), flow_ballot, api, tmp, w, h)
		S.case("idea_%dx%d" % (w, h), flow_idea, api, tmp, w, h)
	for k in kiosk:
		k.report(S, max(1, 2 * KIOSK_IDLE / SCALE + 30 - (time.monotonic() - k.t0)))
	S.finish()


if __name__ == "__main__":
	main()
