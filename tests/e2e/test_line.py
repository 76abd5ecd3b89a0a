# test_line.py — line-mode transcripts: the real client with TERM=dumb, driven
# through stdin against the real API server. Every transcript is checked for
# the words a person must see and for bytes below 0x20 other than \n.
import os
import re
import select
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mwtest  # noqa: E402
from mwtest import tempdir, Suite, ok  # noqa: E402

CLIENT = mwtest.CLIENT_BIN
suite = Suite("test_line")
srv = None


def env_for(home, lang="C.UTF-8"):
	env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home,
	       "TERM": "dumb", "LANG": lang,
	       "XDG_STATE_HOME": os.path.join(home, "state"),
	       "XDG_CONFIG_HOME": os.path.join(home, "config")}
	return env


def clean(out, what):
	"""No control byte but \\n, no ESC, no C1, no bidi control."""
	bad = [b for b in out if b < 0x20 and b != 0x0a or b == 0x7f]
	ok(not bad, "%s: control bytes %r in line mode output" % (what, sorted(set(bad))[:8]))
	text = out.decode("utf-8")  # must be valid UTF-8
	ok(not re.search("[\u0080-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]", text),
	   "%s: C1 or bidi control in output" % what)
	return text


def run(lines, args=(), home=None, lang="C.UTF-8", timeout=30, api=True):
	"""Runs the line client with the given input lines; returns (status, text)."""
	own = home is None
	home = home or tempdir("mw-line-")
	try:
		argv = [CLIENT]
		if api:
			argv += ["--api", "http://127.0.0.1:%d/api/v1" % srv.port]
		argv += list(args)
		data = ("\n".join(lines) + "\n").encode() if lines else b""
		p = subprocess.run(argv, input=data, capture_output=True, timeout=timeout,
				   env=env_for(home, lang))
		return p.returncode, clean(p.stdout, " ".join(lines[:6]))
	finally:
		if own:
			shutil.rmtree(home, ignore_errors=True)


def has(text, *words):
	for w in words:
		ok(w in text, "expected %r in transcript:\n%s" % (w, text[-2500:]))


def project_number(text, name):
	m = re.search(r"^(\d+)\. %s" % re.escape(name), text, re.M)
	ok(m is not None, "no numbered item %r in:\n%s" % (name, text[-2000:]))
	return m.group(1)


@suite.test
def test_browse_and_eof_exits_zero():
	st, t = run([])
	ok(st == 0, "end of input must quit with 0, got %d" % st)
	has(t, "Projects", "Stadt.Raum.Wir.", "Local logistics", "Number")
	ok("\x1b" not in t, "escape sequence")


@suite.test
def test_german_and_language_switch():
	st, t = run(["L", "2"], lang="de_DE.UTF-8")
	ok(st == 0, "status %d" % st)
	has(t, "Projekte", "Stadt.Raum.Wir.", "Sprache / Language", "2. English")
	# After L and English (2) the page is English.
	ok(t.rfind("Projects") > t.find("Projekte"), "language switch did not change the page:\n" + t[-1500:])
	st, t = run([], args=["--lang", "de"])
	has(t, "Projekte", "Lokale Logistik")


@suite.test
def test_rank_three_events_and_send():
	st, t = run([])
	n = project_number(t, "Stadt.Raum.Wir.")
	st, t = run([n])
	pn = project_number(t, "Which event should come")
	home = tempdir("mw-line-")
	try:
		# Send asks for the login; that login sends it: no second s.
		st, t = run([n, pn, "2 5 1", "r", "s", "demo", "demo-passwort", "s"],
			    home=home)
		# A typed ranking is read back in order (issue 8.7).
		ok(re.search(r"Your order: 1\. [^,]+, 2\. [^,]+, 3\. [^,]+\.", t), "order not read back:\n" + t[-1500:])
		has(t, "Which event should come to the square first?",
		    "Check before sending", "Your vote: 1.", "Log in",
		    "Logged in as")
		tail = t[t.rfind("Logged in as"):]
		ok(re.search(r"(saved|counted|gespeichert)", tail, re.I) and "Check before sending" not in tail,
		   "no confirmation after sending:\n" + tail[-1500:])
		# The session is shared: opening the poll again shows the own ballot.
		st, t = run([n, pn], home=home)
		has(t, "your choice 1", "your choice 2", "your choice 3")
	finally:
		shutil.rmtree(home, ignore_errors=True)


@suite.test
def test_login_support_and_comment():
	st, t = run([])
	n = project_number(t, "Stadt.Raum.Wir.")
	st, t = run([n])
	ai = project_number(t, "All ideas")
	st, t = run(["l", "demo", "demo-passwort", "s", n, ai, "1", "+",
		     "c", "Sehr gute Idee, bitte bald!", ".", "s", "s"])
	has(t, "Logged in as", "You support", "Sehr gute Idee, bitte bald!")
	ok(re.search(r"(moderat)", t[t.rfind("Sehr gute Idee"):], re.I),
	   "no word about moderation after sending a comment:\n" + t[-1500:])


@suite.test
def test_wrong_input_is_explained():
	st, t = run(["zzz", "99"])
	has(t, "'zzz' is not a choice here", "There is no number 99 here")


@suite.test
def test_help_lists_keys():
	# The first page names "h for help" and "q quit" already: the check is
	# on what only the help page says, and only after the h.
	help_words = ("Help: the keys of this page", "Show the keys", "Type a line, then Enter.")
	st, first = run([])
	for w in help_words:
		ok(w not in first, "%r is on the first page already" % w)
	st, t = run(["h"])
	ok(st == 0, "status %d" % st)
	after = t[t.find("quit: "):]
	ok(t.find("quit: ") >= 0, "no prompt before the h:\n" + t[-1500:])
	has(after, *help_words)


@suite.test
def test_server_down_says_why_and_keeps_going():
	st, t = run(["", ""], args=["--api", "http://127.0.0.1:9/api/v1"], api=False)
	ok(st == 0, "status %d" % st)
	ok(re.search(r"(connect|refused|running)", t, re.I), "no reason given:\n" + t)
	# Only what can be typed: no raw action name in the prompt (issue 8.9).
	st, t = run([""], args=["--api", "http://127.0.0.1:9/api/v1", "--lang", "de"], api=False)
	ok(not re.search(r"(^|, )refresh ", t, re.M), "raw action name in a prompt:\n" + t)


@suite.test
def test_paging_long_text():
	home = tempdir("mw-line-")
	try:
		env = env_for(home)
		env["LINES"] = "8"
		p = subprocess.run([CLIENT, "--api", "http://127.0.0.1:%d/api/v1" % srv.port,
				    "--ui", "line"], input=b"\n\n\n\n\n\n", capture_output=True,
				   timeout=30, env=env)
		t = clean(p.stdout, "paging")
		has(t, "-- more")
	finally:
		shutil.rmtree(home, ignore_errors=True)


# --idle-reset: the warning after IDLE - 30 s, the reset 30 s later (at
# real length the shortest, 35; scaled, 60 gives 3 s to type between).
IDLE = 35 if mwtest.TIME_SCALE == 1 else 60
GRACE = 30 / mwtest.TIME_SCALE	# the client's timers run TIME_SCALE times faster
WARN = (IDLE - 30) / mwtest.TIME_SCALE	# idle seconds before the warning
QUIET = WARN * 1.8		# long enough that a warning would have come
SLACK = 5.0		# seconds a loaded machine may add
# A pipe has no size and these runs set no LINES: a reset pushes
# WIPE_ROWS_FALLBACK (client/line/wipe.h) blank lines after the warning's
# own end of line (tests/e2e/test_line_kiosk_tmux.py checks real sizes).
WIPE_ROWS = 24


@suite.test
def test_kiosk_idle_warns_continues_and_resets():
	st, t = run([])
	n = project_number(t, "Stadt.Raum.Wir.")
	st, t = run([n])
	wi = project_number(t, "Write a new idea")
	home = tempdir("mw-kiosk-")
	try:
		p = subprocess.Popen([CLIENT, "--api", "http://127.0.0.1:%d/api/v1" % srv.port,
				      "--ui", "line"] + mwtest.kiosk_args(IDLE),
				     stdin=subprocess.PIPE, stdout=subprocess.PIPE,
				     stderr=subprocess.PIPE, env=env_for(home))
		out = b""

		def wait_for(word, secs, since=0):
			"""Waits for word in the output from byte since on."""
			nonlocal out
			end = time.time() + secs
			if word.encode() in out[since:]:
				return True
			while time.time() < end:
				r, _, _ = select.select([p.stdout], [], [], 0.2)
				if r:
					chunk = os.read(p.stdout.fileno(), 65536)
					if not chunk:
						break
					out += chunk
					if word.encode() in out[since:]:
						return True
			return False

		p.stdin.write(b"l\ndemo\ndemo-passwort\ns\n")
		p.stdin.flush()
		ok(wait_for("Logged in as", 10), "login failed:\n" + out.decode()[-800:])
		ok(wait_for("Are you still there?", GRACE + SLACK), "no idle warning")
		p.stdin.write(b"\n")
		p.stdin.flush()
		ok(wait_for("Welcome back", 5), "continue key did not work")
		# Half an idea typed, not sent: the reset must wipe it.
		# Going back and opening the form again keeps the draft (t says it).
		# Leaving the typed form asks first ("2": yes, leave).
		p.stdin.write(("%s\n%s\nGeheimer Entwurf\nDieser Text darf nicht bleiben.\n.\nb\n2\n%s\nt\n"
			       % (n, wi, wi)).encode())
		p.stdin.flush()
		ok(wait_for("Title: Geheimer Entwurf", 10), "could not type a draft:\n" + out.decode()[-800:])
		mark = len(out)
		ok(wait_for("Are you still there?", GRACE + SLACK, mark), "no second warning")
		t0 = time.time()
		ok("within 30 seconds" in out[mark:].decode(), "the warning names the 30 seconds")
		ok(wait_for("The session has ended", GRACE + SLACK, mark), "no reset after the warning")
		ok(time.time() - t0 >= GRACE - 0.5, "less than %.1f seconds to react" % GRACE)
		rest = out[mark:].decode()
		ok("\n" * (WIPE_ROWS + 1) in rest, "screen not pushed away on reset")
		# Logged out after the reset: the project list offers log in again.
		ok(wait_for("l log in", 5, mark), "still logged in after reset")
		mark2 = len(out)
		p.stdin.write(("%s\n%s\n" % (n, wi)).encode())
		p.stdin.flush()
		# The form asks for the title again: the draft is gone.
		ok(wait_for("Title (3 to 120", 10, mark2), "the draft survived the reset:\n" + out.decode()[-800:])
		# Only what came after the reset counts: the draft's own echo may
		# still arrive after mark on a slow (sanitizer) build.
		reset_at = out.find(b"The session has ended", mark)
		ok("Geheimer Entwurf" not in out[reset_at:].decode(), "draft text shown after reset")
		p.stdin.close()
		p.wait(timeout=10)
		ok(p.returncode == 0, "kiosk exit status %d" % p.returncode)
		clean(out, "kiosk")
		# Nothing written to disk in kiosk mode.
		files = [os.path.join(d, f) for d, _, fs in os.walk(home) for f in fs]
		ok(files == [], "kiosk wrote files: %r" % files)
	finally:
		shutil.rmtree(home, ignore_errors=True)


class Kiosk:
	"""The client in line-mode kiosk mode (IDLE, its timers TIME_SCALE
	times faster), its output read as it comes."""

	def __init__(self, home):
		self.p = subprocess.Popen([CLIENT, "--api", "http://127.0.0.1:%d/api/v1" % srv.port,
					   "--ui", "line"] + mwtest.kiosk_args(IDLE),
					  stdin=subprocess.PIPE, stdout=subprocess.PIPE,
					  stderr=subprocess.PIPE, env=env_for(home))
		self.out = b""

	def wait_for(self, word, secs, since=0):
		"""Waits for word in the output from byte since on; with word
		None, reads for secs. True when the word came."""
		end = time.time() + secs
		while word is None or word.encode() not in self.out[since:]:
			if time.time() >= end:
				return False
			r, _, _ = select.select([self.p.stdout], [], [], 0.2)
			if r:
				chunk = os.read(self.p.stdout.fileno(), 65536)
				if not chunk:
					return False
				self.out += chunk
		return True


@suite.test
def test_kiosk_unused_stays_quiet_and_reset_reprints_welcome():
	"""8.17: an unused kiosk is not reset again and again; a used one is
	reset once and says the welcome page again, list and all."""
	home = tempdir("mw-kiosk-")
	try:
		k = Kiosk(home)
		p = k.p

		def read_for(secs, word=None, since=0):
			return k.wait_for(word, secs, since)

		ok(read_for(10, "q end session"), "no welcome page:\n" + k.out.decode()[-800:])
		# The warning would come after WARN seconds: nobody is here,
		# nothing comes.
		read_for(QUIET)
		ok(b"Are you still there?" not in k.out and b"session has ended" not in k.out,
		   "unused kiosk was warned or reset:\n" + k.out.decode()[-800:])
		# Someone opens a project and walks away: warned, then reset once.
		p.stdin.write(b"3\n")
		p.stdin.flush()
		ok(read_for(10, "Which event"), "project did not open:\n" + k.out.decode()[-800:])
		ok(read_for(WARN + GRACE + SLACK + 5, "The session has ended"),
		   "no reset:\n" + k.out.decode()[-800:])
		mark = k.out.find(b"The session has ended")
		ok(read_for(10, "q end session", mark), "welcome page not said again:\n" + k.out.decode()[-800:])
		rest = k.out[mark:].decode()
		has(rest, "Projects", "1. ", "4. ")
		# Nothing of the last person after the reset, and what they saw
		# is pushed out of sight by blank lines (no escape sequence may
		# clear a line-mode terminal).
		ok("Which event" not in rest, "the last person's page said again:\n" + rest[:800])
		before = k.out[:mark].decode()
		blank = len(before) - len(before.rstrip("\n"))
		ok(blank == WIPE_ROWS + 1, "%d blank lines before the new session, want %d"
		   % (blank, WIPE_ROWS + 1))
		# And then quiet again: no second warning for an unused kiosk.
		read_for(QUIET)
		ok(k.out.count(b"Are you still there?") == 1, "warned again after the reset:\n" + k.out.decode()[-800:])
		p.stdin.close()
		p.wait(timeout=10)
		clean(k.out, "kiosk")
	finally:
		shutil.rmtree(home, ignore_errors=True)


def setup():
	global srv
	if not os.access(CLIENT, os.X_OK):
		raise AssertionError("no client at " + CLIENT)
	srv = suite.server().start()
	return None


if __name__ == "__main__":
	setup()
	suite.run()
