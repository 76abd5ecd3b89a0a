# test_line_flows.py — line-mode transcripts for every flow of the full UI
# (issue 4 item 1): the real client with TERM=dumb, driven through stdin
# against the real API server. Each transcript is checked for the words a
# person must see and for bytes below 0x20 other than \n (clean()).
import os
import pty
import re
import select
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mwtest  # noqa: E402
from mwtest import tempdir, Suite, ok, tr  # noqa: E402

CLIENT = mwtest.CLIENT_BIN
suite = Suite("test_line_flows")
srv = None
demo = {}       # names and ids from the demo data and the test setup


def env_for(home, lang="C.UTF-8"):
	return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home,
		"TERM": "dumb", "LANG": lang,
		"XDG_STATE_HOME": os.path.join(home, "state"),
		"XDG_CONFIG_HOME": os.path.join(home, "config")}


def clean(out, what):
	"""No control byte but \\n, no DEL, C1 or bidi control; valid UTF-8."""
	bad = [b for b in out if b < 0x20 and b != 0x0a or b == 0x7f]
	ok(not bad, "%s: control bytes %r in line mode output" % (what, sorted(set(bad))[:8]))
	text = out.decode("utf-8")
	ok(not re.search("[\u0080-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]", text),
	   "%s: C1 or bidi control in output" % what)
	return text


def no_sanitizer(err, what):
	"""A SAN=1 build reports leaks and undefined behaviour on stderr."""
	bad = [m for m in (b"AddressSanitizer", b"LeakSanitizer", b"runtime error:") if m in err]
	ok(not bad, "sanitizer report for %r:\n%s" % (what[:8], err.decode("utf-8", "replace")[-2000:]))


class Home:
	"""A person's own HOME: the session file in it is shared by the runs."""

	def __init__(self):
		self.dir = tempdir("mw-lineflow-")

	def run(self, lines, args=(), lang="C.UTF-8", timeout=30, rows=None):
		argv = [CLIENT, "--api", "http://127.0.0.1:%d/api/v1" % srv.port] + list(args)
		data = ("\n".join(lines) + "\n").encode() if lines else b""
		env = env_for(self.dir, lang)
		if rows is not None:
			env["LINES"] = str(rows)
		p = subprocess.run(argv, input=data, capture_output=True, timeout=timeout, env=env)
		ok(p.returncode == 0, "status %d for %r: %s" % (p.returncode, lines[:8], p.stderr[-500:]))
		no_sanitizer(p.stderr, lines)
		return clean(p.stdout, " ".join(lines[:8]))

	def close(self):
		shutil.rmtree(self.dir, ignore_errors=True)


class Live:
	"""An interactive session: lines are sent while the client runs, so an
	answer (a mailed token) can depend on what it printed."""

	def __init__(self, home, args=()):
		self.p = subprocess.Popen([CLIENT, "--api", "http://127.0.0.1:%d/api/v1" % srv.port]
					  + list(args), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
					  stderr=subprocess.PIPE, env=env_for(home.dir))
		self.out = b""

	def send(self, *lines):
		self.p.stdin.write(("\n".join(lines) + "\n").encode())
		self.p.stdin.flush()

	def wait_for(self, word, secs=10):
		end = time.time() + secs
		while time.time() < end:
			if word.encode() in self.out:
				return True
			r, _, _ = select.select([self.p.stdout], [], [], 0.1)
			if r:
				chunk = os.read(self.p.stdout.fileno(), 65536)
				if not chunk:
					break
				self.out += chunk
		ok(word.encode() in self.out, "waited for %r in:\n%s" % (word, self.out.decode()[-3000:]))

	def close(self):
		self.p.stdin.close()
		self.p.wait(timeout=10)
		self.out += self.p.stdout.read()
		ok(self.p.returncode == 0, "status %d" % self.p.returncode)
		no_sanitizer(self.p.stderr.read(), ["live session"])
		return clean(self.out, "live session")


def has(text, *words):
	for w in words:
		ok(w in text, "expected %r in transcript:\n%s" % (w, text[-3000:]))


def hasnt(text, *words):
	for w in words:
		ok(w not in text, "did not expect %r in transcript:\n%s" % (w, text[-3000:]))


def num(text, name):
	"""The number the transcript's last list gave to an item starting with name."""
	found = re.findall(r"^ *(\d+)\. %s" % re.escape(name), text, re.M)
	ok(found, "no numbered item %r in:\n%s" % (name, text[-2500:]))
	return found[-1]


def after(text, mark):
	i = text.rfind(mark)
	ok(i >= 0, "no %r in:\n%s" % (mark, text[-2500:]))
	return text[i:]


def ideas_items(h, n):
	"""The numbers of "All ideas" and "Write a new idea" on project n
	(open polls and surveys come first)."""
	t = h.run([n])
	return num(t, "All ideas"), num(t, "Write a new idea")


def login_lines(user, password):
	return ["l", user, password, "s"]


def project(text, key):
	"""The number of a demo project; its title may carry the German name
	first ("Lokale Logistik (Local logistics)")."""
	found = re.findall(r"^(\d+)\. [^\n]*%s" % re.escape(demo[key]), text, re.M)
	ok(found, "no project %r in:\n%s" % (demo[key], text[-2500:]))
	return found[-1]


def with_home(fn):
	def wrapped():
		h = Home()
		try:
			fn(h)
		finally:
			h.close()
	wrapped.__name__ = fn.__name__
	return suite.test(wrapped)


# --- browse -------------------------------------------------------------

@with_home
def test_browse_filters_status_and_category(h):
	t = h.run([])
	has(t, "Projects", "Open projects: ", "Stadt.Raum.Wir.",
	    "Local logistics", "f filter")
	hasnt(t, "City information modeling", "Rütschhof")
	# Category City Hall: only the packaging tax project is left, and the
	# list is said again (what is in it is what changed).
	t = h.run(["f", "7", "8"])
	has(t, "Filter projects", "Which projects", "Category", "City Hall — your choice")
	rest = after(t, "Show these projects")
	has(rest, "City Hall", "Packaging tax on take-away packaging")
	# The count names the filter that is not the default.
	has(t, "Open projects, City Hall: 1.")
	hasnt(rest, "Local logistics", "Stadt.Raum.Wir.")
	# Status all: upcoming and closed projects too.
	t = h.run(["f", "4", "8"])
	rest = after(t, "Show these projects")
	has(rest, "City information modeling — opens on", "Rütschhofstraße — closed on",
	    "Stadt.Raum.Wir.")
	# Status closed only.
	t = h.run(["f", "3", "8"])
	rest = after(t, "Show these projects")
	has(rest, "Rütschhofstraße")
	hasnt(rest, "Local logistics", "City information modeling")


@with_home
def test_project_detail_and_full_text(h):
	t = h.run([])
	n = project(t, "stadtraum")
	t = h.run([n, "t", "b"])
	has(t, "Meeting places in the city centre", "Ideas:", "All ideas (", "Polls:",
	    "Which event should come to the square first? — ranking, open", "t full text",
	    "Description")
	# After t, the description's paragraphs are there in full.
	full = after(t, "Description")
	ok(len(full.split("\n")) > 6, "t said too little:\n" + full)
	# b goes back to the project list, said so it is clear where one is.
	has(after(t, "Description"), "Projects")
	# Brief, opened from the list that has just said "open until ...",
	# the page says its category; t says the state and date too.
	brief = h.run([n])
	ok(re.search(r"^Smart City\.$", brief, re.M), "category not said alone:\n" + brief)
	hasnt(after(brief, "Meeting places"), "open until")
	has(t, "Smart City, open until ")


@with_home
def test_ideas_sort_and_paging(h):
	t = h.run([])
	n = num(t, "Testprojekt Blättern")
	# Most support first: 01 has two supports, 02 one; 20 on a page.
	t = h.run([n, "1"])
	has(t, "\nIdeas\n", "Most support first: 20 of 22",
	    "1. Blätteridee 01", "2. Blätteridee 02", "3. Blätteridee 22", "More ideas")
	hasnt(t, "Blätteridee 03")
	# n: the next page says the rest; p: back to the first.
	t = h.run([n, "1", "n"])
	rest = after(t, "22 of 22")
	has(rest, "1. Blätteridee 04", "2. Blätteridee 03", "p earlier")
	hasnt(rest, "Blätteridee 01")
	t = h.run([n, "1", "n", "p"])
	has(after(t, "22 of 22"), "20 of 22", "1. Blätteridee 01")
	# s sorts by newest: the list is said again in its new order.
	t = h.run([n, "1", "s"])
	rest = after(t, "s newest first")
	has(rest, "1. Blätteridee 22", "2. Blätteridee 21")
	t = h.run([n, "1", "s", "n"])
	has(after(t, "22 of 22"), "1. Blätteridee 02", "2. Blätteridee 01")


@with_home
def test_idea_detail_comments_and_replies(h):
	t = h.run([])
	n = project(t, "stadtraum")
	ai, wi = ideas_items(h, n)
	t = h.run([n, ai])
	i = num(t, "Skaterampe für Jugendliche")
	t = h.run([n, ai, i, "t"])
	# The server clock is pinned (mwtest.TEST_CLOCK): the idea is 12 days old.
	has(t, "Skaterampe für Jugendliche", "Anna K., 16 November 2026.",
	    "Comments (2):", "Thomas B.", "t full text")
	# Brief, the idea's byline is its author, like a comment's; the date
	# comes with t.
	brief = h.run([n, ai, i])
	ok(re.search(r"^Skaterampe für Jugendliche\nAnna K\.\n", brief, re.M),
	   "byline not said as its author:\n" + brief[-1500:])
	hasnt(after(brief, "Skaterampe für Jugendliche\n"), "16 November")
	# Brief, a comment is its author and length; t adds the date, which
	# leaves out the idea's year (espeak-ng spends ~3 s on a German date).
	ok(re.search(r"^\d+\. Thomas B\. \(12 words\)$", t, re.M), "date in the brief list:\n" + t[-1500:])
	ok(re.search(r"^\d+\. Thomas B\., 19 November$", after(t, "Comments (2):"), re.M),
	   "t does not say the date, or says the year again:\n" + t[-1500:])
	ok(re.search(r"^\d+ supports\.$", t, re.M), "support count not said:\n" + t[-1500:])
	ok(re.search(r"— (reply|Reply to: Thomas B\.)( \(\d+ words\))?$", t, re.M), "reply not said as one:\n" + t[-1500:])
	full = after(t, "Comments (2):")
	# The reply is indented under its comment, and t says the comment texts.
	ok(re.search(r"^   \d+\. Anna K\., .* — (reply|Reply to: Thomas B\.)( \(\d+ words\))?$", full, re.M), "no indented reply:\n" + full)
	ok(len([ln for ln in full.split("\n") if ln.startswith("   ") and "." not in ln[:6]]) >= 2,
	   "no comment bodies after t:\n" + full)


# --- resident actions ----------------------------------------------------

@with_home
def test_support_and_unsupport(h):
	u = srv.new_user()
	t = h.run(login_lines(u["username"], u["password"]))
	has(t, "Logged in as")
	n = project(t, "stadtraum")
	ai, wi = ideas_items(h, n)
	t = h.run([n, ai])
	i = num(t, "Strandbar mit Sand")
	t = h.run([n, ai, i, "+"])
	# The label says the new state; the status says it and the count.
	has(t, "1. Support this idea", "1. Stop supporting this idea", "You support it now (")
	t = h.run([n, ai, i, "+"])
	has(t, "Stop supporting this idea", "You no longer support")
	# Not logged in: support asks for a login first.
	o = Home()
	try:
		t = o.run([n, ai, i, "+"])
		has(t, "Log in")
	finally:
		o.close()


@with_home
def test_comment_and_reply(h):
	u = srv.new_user()
	h.run(login_lines(u["username"], u["password"]))
	t = h.run([])
	n = project(t, "stadtraum")
	ai, wi = ideas_items(h, n)
	t = h.run([n, ai])
	i = num(t, "Skaterampe für Jugendliche")
	t = h.run([n, ai, i, "c", "Erste Zeile vom Kommentar,", "zweite Zeile.", ".", "s", "s"])
	has(t, "a line with only a dot ends the text", "Erste Zeile vom Kommentar,")
	ok(re.search(r"moderat", after(t, "zweite Zeile."), re.I),
	   "no word about moderation after the comment:\n" + t[-1500:])
	# Reply: to the first comment of the idea.
	t = h.run([n, ai, i])
	c = num(t, "Thomas B.")
	t = h.run([n, ai, i, "r " + c, "Eine Antwort auf Thomas.", ".", "s", "s"])
	has(t, "Eine Antwort auf Thomas.")
	ok(re.search(r"(reply|Reply|answer)", t), "reply not named:\n" + t[-1500:])
	ok(re.search(r"moderat", after(t, "Eine Antwort auf Thomas."), re.I),
	   "no word about moderation after the reply:\n" + t[-1500:])
	# Both wait for moderation, listed with the account's own things.
	r = srv.get("/moderation/queue?type=comments", token=demo["mod_token"])
	bodies = " ".join(x.get("body", "") for x in r.json["items"])
	ok("Erste Zeile vom Kommentar,\nzweite Zeile." in bodies, "multi-line comment not sent as typed")
	ok("Eine Antwort auf Thomas." in bodies, "reply not in the queue")


@with_home
def test_new_idea_multiline(h):
	u = srv.new_user()
	h.run(login_lines(u["username"], u["password"]))
	t = h.run([])
	n = project(t, "stadtraum")
	ai, wi = ideas_items(h, n)
	t = h.run([n, wi, "Bänke unter Bäumen", "Mehr Bänke im Schatten.", "",
		   "Zweiter Absatz mit Details.", ".", "s", "s"])
	has(t, "Title", "a line with only a dot ends the text", "Bänke unter Bäumen")
	ok(re.search(r"moderat", after(t, "Zweiter Absatz"), re.I),
	   "no word about moderation after the idea:\n" + t[-1500:])
	# Too short a title is explained, not sent.
	t = h.run([n, wi, "ab", "Ein Text, lang genug.", ".", "s"])
	ok(re.search(r"Title: at least 3", t), "no message about the short title:\n" + t[-1500:])
	# The own idea is listed, waiting for moderation.
	t = h.run([n, ai])
	has(t, "Bänke unter Bäumen — waiting for moderation")


# --- polls ---------------------------------------------------------------

@with_home
def test_poll_single_location(h):
	u = srv.new_user()
	h.run(login_lines(u["username"], u["password"]))
	t = h.run([])
	n = project(t, "logistik")
	t = h.run([n])
	p = num(t, "Where should the try-it box")
	t = h.run([n, p, "t"])
	# Read in full, each place says its address and description in words.
	full = after(t, "Options:")
	has(full, "Address: Stiftsplatz, 67655 Kaiserslautern", "bus stops",
	    "Address: Schillerplatz", "Address: Willy-Brandt-Platz 1", "cobblestones")
	o = num(t, "Schillerplatz")
	t = h.run([n, p, o, "r", "s"])
	has(t, "Schillerplatz — your choice", "Check before sending",
	    "Your vote: Schillerplatz", "is saved")
	# Own ballot shown when the poll is opened again.
	t = h.run([n, p])
	has(after(t, "Where should the try-it box"), "Schillerplatz — your choice",
	    "Your vote is saved", "Withdraw my vote")
	# Change: another place, review says it replaces the old vote.
	o2 = num(t, "Stiftsplatz")
	t = h.run([n, p, o2, "r", "s"])
	has(t, "Your vote: Stiftsplatz", "This replaces the vote you sent before", "is saved")
	# Results with numbers.
	t = h.run([n, p, "v"])
	res = after(t, "Results")
	ok(re.search(r"\d+ votes?, \d+\.\d%", res), "no numbers in results:\n" + res)
	has(res, "Stiftsplatz", "online")
	hasnt(res, "####")
	# Withdraw.
	t = h.run([n, p, "w", "2"])
	ok(re.search(r"withdrawn|no longer", after(t, "Where should the try-it box"), re.I),
	   "withdraw not confirmed:\n" + t[-1500:])
	t = h.run([n, p])
	hasnt(after(t, "Where should the try-it box"), "your choice", "Your vote is saved")


@with_home
def test_leave_unsent_vote_says_first_or_changed(h):
	"""Leaving a poll with a choice not sent: a first vote is "not sent",
	only one that replaces a vote sent before is a "changed vote"."""
	u = srv.new_user()
	h.run(login_lines(u["username"], u["password"]))
	t = h.run([])
	n = project(t, "logistik")
	t = h.run([n])
	p = num(t, "Where should the try-it box")
	t = h.run([n, p])
	o, o2 = num(t, "Schillerplatz"), num(t, "Stiftsplatz")
	t = after(h.run([n, p, o, "b"]), "Schillerplatz — your choice")
	has(t, "Your vote is not sent.")
	hasnt(t, "Your changed vote")
	t = h.run([n, p, o, "r", "s"])
	has(t, "is saved")
	t = after(h.run([n, p, o2, "b"]), "Stiftsplatz — your choice")
	has(t, "Your changed vote is not sent.")


@with_home
def test_poll_multiple(h):
	u = srv.new_user()
	h.run(login_lines(u["username"], u["password"]))
	t = h.run([])
	n = project(t, "stadtraum")
	t = h.run([n])
	p = num(t, "Which days suit you?")
	t = h.run([n, p, "t"])
	has(t, "Which days suit you?", "Monday", "Wednesday")
	a, c = num(t, "Monday"), num(t, "Wednesday")
	t = h.run([n, p, a, c, "r", "s"])
	has(t, "Monday — your choice", "Wednesday — your choice", "Check before sending",
	    "Monday", "is saved")
	t = h.run([n, p])
	mine = after(t, "Which days suit you?")
	has(mine, "Monday — your choice", "Wednesday — your choice", "Your vote is saved")
	# Change: drop Monday, add Friday.
	f = num(t, "Friday")
	t = h.run([n, p, a, f, "r", "s"])
	has(t, "Monday — not chosen", "Friday — your choice", "This replaces the vote", "is saved")
	r = srv.get("/polls/%d" % demo["multi_poll"], token=u["token"]).json
	ok(len(r["my_ballot"] or []) == 2, "ballot after the change: %r" % r["my_ballot"])
	t = h.run([n, p, "w", "2"])
	ok(re.search(r"withdrawn|no longer", after(t, "Which days suit you?"), re.I),
	   "withdraw not confirmed:\n" + t[-1500:])
	r = srv.get("/polls/%d" % demo["multi_poll"], token=u["token"]).json
	ok(r["my_ballot"] in (None, []), "ballot after withdraw: %r" % r["my_ballot"])


@with_home
def test_poll_ranking_change_and_withdraw(h):
	u = srv.new_user()
	h.run(login_lines(u["username"], u["password"]))
	t = h.run([])
	n = project(t, "stadtraum")
	t = h.run([n])
	p = num(t, "Which event should come to the square first?")
	t = h.run([n, p])
	a, b, c = num(t, "Roundnet"), num(t, "3D street painting"), num(t, "Open-air reading")
	t = h.run([n, p, " ".join([a, b, c]), "r", "s"])
	has(t, "Your order: 1. Roundnet, 2. 3D street painting, 3. Open-air reading.",
	    "Your vote: 1. Roundnet, 2. 3D street painting, 3. Open-air reading", "is saved")
	# Sent: the result, not the poll's name again (heard before the review).
	sent = after(t, "1 Send, b back: ")
	has(sent, "Your vote is saved.", "Withdraw my vote")
	hasnt(sent, "Which event should come")
	# Own ballot in rank order when the poll comes back.
	t = h.run([n, p])
	mine = after(t, "Which event should come")
	has(mine, "Roundnet — your choice 1", "Your vote is saved")
	# Change: move the second choice up; review and send again.
	t = h.run([n, p])
	s = num(t, "3D street painting")
	t = h.run([n, p, "u " + s, "r", "s"])
	has(t, "3D street painting — your choice 1", "This replaces the vote", "is saved")
	r = srv.get("/polls/%d" % demo["ranking_poll"], token=u["token"]).json
	titles = {o["id"]: o["title"] for o in r["options"]}
	ok([titles[x] for x in r["my_ballot"]][:2] == ["3D-Straßenmalerei", "Roundnet"],
	   "order after the change: %r" % [titles[x] for x in r["my_ballot"]])
	t = h.run([n, p, "v"])
	ok(re.search(r"\d+ points?, rank", after(t, "Results")), "ranking results without points:\n" + t[-1500:])
	t = h.run([n, p, "w", "2"])
	ok(re.search(r"withdrawn|no longer", after(t, "Which event should come"), re.I),
	   "withdraw not confirmed:\n" + t[-1500:])


# --- surveys -------------------------------------------------------------

@with_home
def test_survey_all_question_kinds(h):
	u = srv.new_user()
	h.run(login_lines(u["username"], u["password"]))
	t = h.run([])
	n = project(t, "logistik")
	t = h.run([n])
	s = num(t, "What should the try-it box offer?")
	# One question at a time, answers numbered within it (issue 8.11).
	t = h.run([n, s, "", "", "."])
	has(t, "Question 1 of 3 (required)", "1. Borrow a cargo bike", "Question 2 of 3 (required)",
	    "1 — never, 2, 3, 4, 5 — several times a week.", "Question 3 of 3",
	    "Numbers 1 to 5, Enter skips:", "Number 1 to 5, Enter skips:")
	# Required check: review with nothing answered names the question.
	t = h.run([n, s, "r"])
	has(t, "Question 1: please answer it, it is required.")
	# Multiple (1 3), scale (the value 4, not an item number), text
	# (two lines), review, send. A number outside the question is refused.
	t = h.run([n, s, "1 3", "9", "4", "Bitte auch am Wochenende.", "Danke!", ".", "r", "s"])
	has(t, "Please type one number from 1 to 5.")
	rv = after(t, "Check before sending")
	has(rv, "Borrow a cargo bike", "Borrow tools", "4 on a scale from 1 to 5",
	    "Bitte auch am Wochenende.")
	ok(re.search(r"(thank|saved|sent)", after(rv, "Danke") if "Danke" in rv else rv, re.I),
	   "no confirmation after sending the survey:\n" + t[-1500:])
	# The single-choice kind: the packaging tax survey.
	t = h.run([])
	m = project(t, "packaging")
	t = h.run([m])
	s2 = num(t, "Opinion survey on a packaging tax")
	t = h.run([m, s2])
	y = num(t, "Rather yes")
	t = h.run([m, s2, y, "r", "s"])
	has(t, "Check before sending", "Rather yes")
	ok(re.search(r"(thank|saved|sent)", after(t, "Check before sending"), re.I),
	   "no confirmation after the packaging survey:\n" + t[-1500:])


# --- accounts ------------------------------------------------------------

@with_home
def test_login_wrong_password(h):
	t = h.run(["l", "demo", "falsches-passwort", "s"])
	has(t, "Log in", "User name or e-mail", "Password (not shown)", "Wrong name or password")
	hasnt(t, "falsches-passwort", "Logged in as")


@with_home
def test_register_confirm_and_login(h):
	name = srv.unique("lt")
	live = Live(h)
	live.send("l", "", "", "4")
	live.wait_for("User name (3 to 32")
	live.send(name, name + "@example.org", "Zeilen Tester", "geheim-passwort-9", "s")
	live.wait_for("Code from the mail (8 digits)")
	token = srv.mail_token(name + "@example.org")
	live.send(token)
	live.wait_for("Confirm")
	live.send("s")
	live.wait_for("Your account is active")
	# The login form knows the name now and asks for the password.
	live.wait_for("Password (not shown)")
	has(live.out.decode(), "User name or e-mail: " + name)
	live.send("geheim-passwort-9", "s")
	live.wait_for("Logged in as Zeilen Tester")
	t = live.close()
	has(t, "Register", "We sent a mail with an 8-digit code to %s@example.org" % name,
	    "Confirm your account", "Your account is active", "Logged in as Zeilen Tester")
	# The status says where the code went and to type it: the page does
	# not say it again, and the fields the walk asks are not listed first.
	hasnt(t, "Type your user name and the 8-digit code")
	ok(not re.search(r"^2\. (Code|Password)$", t, re.M), "a field listed, then asked:\n" + t[-2000:])
	hasnt(t, "geheim-passwort-9")
	# Enter alone leaves an optional field empty and goes on to the next.
	other = srv.unique("lt")
	o = Home()
	try:
		t = o.run(["l", "", "4", other, other + "@example.org", "", "geheim-passwort-8", "s"])
		# Confirming from the login page: the page says what to type.
		c = o.run(["l", "", "5"])
	finally:
		o.close()
	has(t, "Name others see (optional)", "Password, at least 8 characters",
	    "We sent a mail with an 8-digit code to %s@example.org" % other)
	has(c, "Type your user name and the 8-digit code from the mail we sent you.")


@with_home
def test_my_account_export_and_delete(h):
	u = srv.new_user()
	h.run(login_lines(u["username"], u["password"]))
	t = h.run([])
	n = project(t, "stadtraum")
	ai, wi = ideas_items(h, n)
	h.run([n, wi, "Mein Ideentitel", "Ein Text, lang genug für eine Idee.", ".", "s", "s"])
	t = h.run([n, ai])
	i = num(t, "Skaterampe für Jugendliche")
	h.run([n, ai, i, "c", "Mein eigener Kommentar.", ".", "s", "s"])
	t = h.run(["a"])
	has(t, "My account", "User name: " + u["username"], "E-mail: " + u["email"],
	    "Export all my data", "Delete my account")
	# Own ideas and comments with their moderation status (on the account
	# page, or one step further on "My ideas and votes").
	if "Mein Ideentitel" not in t:
		t = h.run(["a", num(t, "My ideas")])
	has(t, "Mein Ideentitel — waiting for moderation")
	ok(re.search(r"Mein eigener Kommentar.*waiting for moderation|Skaterampe.*waiting for moderation",
		     t), "own comment with its status not listed:\n" + t[-2000:])
	t = h.run(["a"])
	ex, de = num(t, "Export all my data"), num(t, "Delete my account")
	t = h.run(["a", ex])
	ok(re.search(r"(saved|written|export)", after(t, "Export all my data"), re.I),
	   "export not confirmed:\n" + t[-1500:])
	files = [os.path.join(d, f) for d, _, fs in os.walk(h.dir) for f in fs
		 if "export" in f or f.endswith(".json")]
	ok(files, "no export file under HOME: %r" % list(os.walk(h.dir)))
	with open(files[0], encoding="utf-8") as f:
		ok(u["username"] in f.read(), "export does not hold the account")
	# Delete: a wrong password is refused, the right one deletes.
	t = h.run(["a", de])
	has(t, "This cannot be undone", "Your password (not shown)")
	yes = num(t, "Yes, delete my account now")
	t = h.run(["a", de, "falsch-falsch", yes])
	ok(re.search(r"(wrong|password)", after(t, "Delete my account"), re.I),
	   "wrong password not refused:\n" + t[-1500:])
	ok(srv.login(u["username"], u["password"]).status == 200, "deleted with a wrong password")
	t = h.run(["a", de, u["password"], yes])
	ok(re.search(r"deleted", after(t, "Delete my account"), re.I), "no word of deletion:\n" + t[-1500:])
	ok(srv.login(u["username"], u["password"]).status != 200, "account still logs in")


# --- staff ---------------------------------------------------------------

@with_home
def test_moderation_approve_seen_elsewhere(h):
	u = srv.new_user()
	pr = demo["stadtraum_id"]
	r = srv.post("/projects/%d/ideas" % pr, {"title": "Zum Freigeben bitte",
						 "body": "Dieser Text wartet auf die Moderation."},
		     token=u["token"])
	ok(r.status == 201, "post idea: %r" % r)
	o = Home()
	try:
		t = o.run([])
		n = project(t, "stadtraum")
		ai, wi = ideas_items(h, n)
		t = o.run([n, ai])
		hasnt(t, "Zum Freigeben bitte")
		h.run(login_lines("moderation", "moderation-passwort"))
		t = h.run(["M"])
		has(t, "Moderation", "Zum Freigeben bitte — waiting for moderation", "A approve")
		i = num(t, "Zum Freigeben bitte")
		# Approving asks once more; nothing is published yet.
		t = h.run(["M", i, "A"])
		has(t, "Approve 'Zum Freigeben bitte'? Press approve again")
		# The prompt names the key that approves (issue 8), in German too.
		has(t, "any other key keeps it waiting.\nA approve, b back: ")
		t = h.run(["M", i, "A"], args=["--lang", "de"])
		has(t, "jede andere Taste lässt es warten.\nA freigeben, b zurück: ")
		t = o.run([n, "1"])
		hasnt(t, "Zum Freigeben bitte")
		t = h.run(["M", i, "A", "A"])
		ok(re.search(r"approved|published", after(t, "Press approve again to publish"), re.I),
		   "no word of the approval:\n" + t[-1500:])
		# Another session sees the idea now.
		t = o.run([n, ai])
		has(t, "Zum Freigeben bitte")
		# Reject with a reason: choose the idea, type the reason, D.
		r = srv.post("/projects/%d/ideas" % pr, {"title": "Zum Ablehnen bitte",
							 "body": "Dieser Text wird abgelehnt."},
			     token=u["token"])
		ok(r.status == 201, "post idea: %r" % r)
		t = h.run(["M"])
		i, why = num(t, "Zum Ablehnen bitte"), num(t, "Reason")
		t = h.run(["M", i, why, "Bitte genauer beschreiben.", "D"])
		has(t, "'Zum Ablehnen bitte' is rejected")
		hasnt(t, "Which number?")
		got = srv.get("/ideas/%d" % r.json["id"], token=u["token"]).json
		ok(got.get("status") == "rejected" and "genauer" in (got.get("moderation_reason") or ""),
		   "idea after the reject: %r" % got)
	finally:
		o.close()


def sheet_lines(rankings, rows=4):
	"""The lines that type paper rankings [(order, ballots)] into the
	ranking rows of the form, which line mode asks for one after another."""
	out = []
	for i in range(rows):
		out += list(rankings[i]) if i < len(rankings) else ["", ""]
	return out


def send_lines(t):
	"""Review and send, as the filled form's prompt names it: "14 Review
	and send, b back:" (t: the transcript of the form filled in)."""
	found = re.findall(r"(?:^ *|: )(\d+)\.? Review and send", t, re.M)
	ok(found, "no 'Review and send' in:\n" + t[-2500:])
	return [found[-1], "s"]


@with_home
def test_paper_booth_session(h):
	"""A booth session in line mode: staff keys a ranking sheet, a second
	staff account keys it again with one order wrong, sees both keyings
	side by side, corrects its keying, and the results change."""
	h.run(login_lines("rathaus", "rathaus-passwort"))
	t = h.run([])
	n = project(t, "stadtraum")
	t = h.run([n])
	p = num(t, "Which event should come")
	t = h.run([n, p])
	pb = num(t, "Paper ballots")
	base = [n, p, pb]
	t = h.run(base)
	has(after(t, "Paper ballots"), "Paper rankings are counted like online ones: a first choice gets 3 points",
	    "0 paper sheets.")
	e = num(t, "Enter a paper sheet")
	t = h.run(base + [e])
	has(after(t, "Enter a paper sheet"), "Option 4: Roundnet", "Where were the ballots collected")
	src = "Stand am Stiftsplatz, Bogen 1"
	first = base + [e, src, "5", "1"] + sheet_lines([("4 1 5", "3"), ("2", "1")])
	first += send_lines(h.run(first))
	t = h.run(first)
	has(after(t, "Check before sending"), "Roundnet, Lautern tanzt (Lautern dances), Open-air reading: 3",
	    "Counted so far: 4 and 1 invalid make 5 of 5 ballots.",
	    "It counts once a second staff member has keyed it the same.")
	has(after(t, "Check before sending"), src + " — waiting for the second keying")
	t = h.run([n, p, "v"])
	has(after(t, "Results"), "0 on paper", "1 paper sheet is not counted yet")

	o = Home()
	try:
		o.run(login_lines("wahlhelfer", "wahlhelfer-passwort"))
		t = o.run(base)
		s = num(t, src)
		t = o.run(base + [s])
		k = num(t, "Key this sheet a second time")
		t = o.run(base + [s, k])
		has(after(t, "Key the sheet a second time"), "without looking at the first keying")
		second = base + [s, k, "5", "1"] + sheet_lines([("4 5 1", "3"), ("2", "1")])
		second += send_lines(o.run(second))
		t = o.run(second)
		rest = after(t, "Check before sending")
		has(rest, "is saved: the two keyings differ: not counted.",
		    "Lautern tanzt (Lautern dances) — keying 1: 6, keying 2: 3, differ",
		    "Roundnet — 9, both agree")
		# Each run replays its lines: what was sent is not sent again.
		# The sheet again in full (t): both keyings, the orders as keyed.
		sheet = base + [s]
		t = o.run(sheet + ["t"])
		has(after(t, "Keying 1 by"),
		    "Keying 2 by Wahlhelfer am Stand",
		    "Keying 1: Roundnet, Lautern tanzt (Lautern dances), Open-air reading: 3 ballots",
		    "Keying 2: Roundnet, Open-air reading, Lautern tanzt (Lautern dances): 3 ballots")
		c = num(rest, "Correct keying 2")
		t = o.run(sheet + [c])
		has(after(t, "Correct keying 2"), ". Reason")
		# The form holds keying 2 as it was: only the wrong order is typed again.
		has(after(t, "Correct keying 2"), "Ranking 1: 4 5 1", "Ballots with ranking 1: 3")
		fix = sheet + [c, num(t, "Ranking 1"), "4 1 5", num(t, "Reason"),
				"Bogen 1 noch einmal nachgesehen"]
		fix += send_lines(o.run(fix))
		t = o.run(fix)
		rest = after(t, "Check before sending")
		has(rest, "is saved: counted.", "Lautern tanzt (Lautern dances) — 6, both agree")
		hasnt(rest, "differ")
		t = o.run([n, p, "v"])
		has(after(t, "Results"), "4 on paper", "1 blank or invalid paper ballot is not counted.",
		    "Paper rankings are counted like online ones.")
		hasnt(after(t, "Results"), "not counted yet")
	finally:
		o.close()
	# A resident is not offered the paper ballots.
	r = Home()
	try:
		t = r.run([n, p])
		hasnt(t, "Paper ballots")
	finally:
		r.close()


# --- help and language ---------------------------------------------------

@with_home
def test_help_and_language(h):
	t = h.run(["h"])
	# How line mode is used, then each key with what it does (said in
	# full: the descriptions are what help is for).
	has(t, "Help", "Type a line, then Enter.", "Choose the language",
	    "Show the keys", "b back")
	# L lists the languages, each in its own name; 1 is Deutsch.
	t = h.run(["L", "1"])
	has(after(t, "L language"), "Language", "1. Deutsch", "2. English — your choice",
	    "3. Türkçe", "4. Українська", "5. Leichte Sprache")
	has(after(t, "5. Leichte Sprache"), "Projekte", "Stadt.Raum.Wir.")
	# --lang de: German from the start; L back to English, on a deeper page too.
	t = h.run([], args=["--lang", "de"])
	has(t, "Projekte", "Lokale Logistik", "Nummer")
	n = num(t, "Stadt.Raum.Wir.")
	t = h.run([n, "L", "2"], args=["--lang", "de"])
	has(t, "Treffpunkte in der Innenstadt")
	has(after(t, "Treffpunkte in der Innenstadt"), "Meeting places in the city centre")


def citizen_on(h, key):
	"""A new citizen logged in in h; returns (user, project number, the
	project page)."""
	u = srv.new_user()
	h.run(login_lines(u["username"], u["password"]))
	n = project(h.run([]), key)
	return u, n, h.run([n])


# --- issue 8: as new users really type ------------------------------------

@with_home
def test_field_enter_keeps_value(h):
	"""8.1: on a filled field, its number then Enter alone keeps the text,
	and the prompt says what the field holds."""
	u, n, t = citizen_on(h, "stadtraum")
	ai, wi = ideas_items(h, n)
	t = h.run([n, wi, "Titel bleibt", "Ein Text, lang genug.", ".", "1", "", "2", ".", "3"])
	has(t, 'Title (3 to 120 characters), now "Titel bleibt" (Enter alone keeps it):',
	    "now 4 words (a line with only a dot keeps it)")
	rv = after(t, "Check before sending")
	has(rv, "Titel bleibt", "Ein Text, lang genug.")
	hasnt(rv, "at least 3")


@with_home
def test_register_prompt_names_register(h):
	"""8.3: with every field filled the prompt names the Register action."""
	name = srv.unique("rp")
	t = h.run(["l", "", "4", name, name + "@example.org", "", "geheim-passwort-9"])
	# Four fields, then the button: 5 (named by the prompt, not listed).
	ok(re.search(r"not shown\): (Number, )?5 Register, b back: $", t),
	   "Register not named in the prompt:\n" + t[-1500:])


@with_home
def test_choose_by_number_x(h):
	"""8.6: x N chooses N, not the focused item."""
	t = h.run([])
	n = project(t, "logistik")
	t = h.run([n])
	p = num(t, "Where should the try-it box")
	t = h.run([n, p])
	third = re.search(r"^3\. ([^\n—]+?)( —|$)", after(t, "Options:"), re.M).group(1)
	first = re.search(r"^1\. ([^\n—]+?)( —|$)", after(t, "Options:"), re.M).group(1)
	t = h.run([n, p, "x 3"])
	has(t, "3. %s — your choice" % third)
	hasnt(t, "1. %s — your choice" % first)
	t = h.run([n, p, "x 9x"])
	has(t, "'9x' is not a choice here")


@with_home
def test_typed_ranking_replaces(h):
	"""8.7: a typed ranking replaces the whole ranking and is read back."""
	u, n, t = citizen_on(h, "stadtraum")
	p = num(t, "Which event should come to the square first?")
	t = h.run([n, p])
	a, b, c, d = (num(t, "Roundnet"), num(t, "3D street painting"),
		      num(t, "Open-air reading"), num(t, "Lautern tanzt"))
	t = h.run([n, p, " ".join([a, b, c]), " ".join([b, d, c]), "r", "s"])
	has(t, "Your order: 1. Roundnet, 2. 3D street painting, 3. Open-air reading.",
	    "Your order: 1. 3D street painting, 2. Lautern tanzt (Lautern dances), 3. Open-air reading.",
	    "Your vote: 1. 3D street painting, 2. Lautern tanzt (Lautern dances), 3. Open-air reading.")
	r = srv.get("/polls/%d" % demo["ranking_poll"], token=u["token"]).json
	ok(len(r["my_ballot"]) == 3, "ballot after the typed ranking: %r" % r["my_ballot"])


@with_home
def test_revisit_says_unchanged_and_numbers(h):
	"""8.10: back on a page said before (after logging in) it is not just
	its title: it says it is unchanged, its numbers and how to hear it."""
	t = h.run(login_lines("demo", "demo-passwort"))
	rest = after(t, "Password (not shown): ")
	has(rest, "Projects\nUnchanged: 1 to ", "Logged in as")


@with_home
def test_cut_text_says_how_much_is_left(h):
	"""8.13: a cut text says how many words are left; a comment's hidden
	text says its length."""
	t = h.run([])
	n = project(t, "stadtraum")
	ai, wi = ideas_items(h, n)
	t = h.run([n, ai])
	i = num(t, "Skaterampe für Jugendliche")
	t = h.run([n, ai, i])
	page = after(t, "Skaterampe für Jugendliche\n")
	# t was taught by the first prompt: the count alone.
	ok(re.search(r"^… \d+ more words?\.$", page, re.M),
	   "the cut does not say what is left:\n" + page[-1500:])
	ok(re.search(r"^\d+\. Thomas B\. \(\d+ words\)$", page, re.M),
	   "comment without its length:\n" + page[-1500:])


@with_home
def test_form_checks_each_field_as_typed(h):
	"""8.21: a user name that is not allowed is refused at once, says what
	is allowed and is asked again; so is a short password."""
	name = srv.unique("ft")
	t = h.run(["l", "", "4", "Hans Meier", name, name + "@example.org", "", "kurz",
		   "geheim-passwort-9", "5"])
	has(t, "User name: 3 to 32 characters, only small letters a-z, digits 0-9 and . _ -",
	    "Password: at least 8 characters, you have 4.",
	    "We sent a mail with an 8-digit code to %s@example.org" % name)
	# Asked again right after each refusal, and the error said once.
	ok(re.search(r"no capitals\)\.\n1\. User name \(", t), "user name not asked again:\n" + t[-1500:])
	ok(t.count("you have 4.") == 1, "error said more than once:\n" + t[-1500:])


@with_home
def test_line_help_lists_what_can_be_typed(h):
	"""8.12: line-mode help lists only what can be typed, for this role;
	the first page mentions registering."""
	t = h.run(["h"])
	helptext = after(t, "Help: the keys of this page")
	has(helptext, "New here? R creates an account; l logs in.", "f — Choose which projects",
	    "? or h — Show the keys")
	hasnt(helptext, "PageUp", "arrow keys", "Esc", "F1", "KPEnter", "moderation queue",
	      "Approve", "paper", "Log out")
	# R comes before the twentieth line of the help.
	lines = helptext.split("\n")
	ok(any("R creates an account" in ln for ln in lines[:6]), "registering not on the first lines")
	# Shortest first: the intro is short, every key line comes before the
	# long explanations of the platform's words.
	intro = helptext.split("\n")[1]
	ok(len(intro.split()) <= 60, "help intro has %d words" % len(intro.split()))
	ok(helptext.index("R — Create an account") < helptext.index("Words used here"),
	   "glossary before the keys:\n" + helptext)
	# A moderator is told the moderation keys.
	h.run(login_lines("moderation", "moderation-passwort"))
	t = h.run(["h"])
	has(after(t, "Help: the keys of this page"), "M — Open the moderation queue", "X — Log out")


@with_home
def test_every_prompt_names_back(h):
	"""8.9: every prompt of a page one can leave names the way back, also
	on the second and third page (it was taught once and then left out)."""
	n = project(h.run([]), "stadtraum")
	t = h.run([n])
	ideas = num(t, "All ideas")
	t = h.run([n, ideas, "2"])
	prompts = [ln for ln in t.split("\n") if ln.endswith(": ")]
	# The project list is the first page: nothing to go back to.
	rest = [ln for ln in prompts if not ln.startswith("Number, t full text")]
	ok(len(rest) >= 3, "too few prompts:\n" + t)
	for ln in rest:
		ok(ln.endswith("b back: "), "prompt without the way back: %r\n%s" % (ln, t))
	has(t, "s newest first, b back: ")


@with_home
def test_prompt_names_main_action(h):
	"""8.9: after a form the prompt names its button, and the review
	names Send, in the user's language; "2. Ändern" is listed, so the
	prompt does not name its key again ("e ändern")."""
	u, n, t = citizen_on(h, "stadtraum")
	ai, wi = ideas_items(h, n)
	t = h.run([n, wi, "Titel zwei", "Ein langer Text hier.", "."], args=["--lang", "de"])
	ok(re.search(r"Zeilen.*Punkt.*\n(Nummer, )?3 Prüfen und senden, b zurück: \n", t, re.S),
	   "the form's button not named:\n" + t[-800:])
	t = h.run([n, wi, "Titel zwei", "Ein langer Text hier.", ".", "3"], args=["--lang", "de"])
	ok(re.search(r"^1 Senden, b zurück: $", t, re.M), "Send not named on the review:\n" + t[-800:])
	# Changing is the page's numbered button; its key is not named twice.
	ok(re.search(r"^2\. Ändern\n1 Senden", t, re.M), "Change not offered on the review:\n" + t[-800:])


# --- as a new user really types, tried again (linepass) --------------------

@with_home
def test_survey_word_answer_stays_in_question(h):
	"""A word typed for a survey answer ("yes" for "Yes", "maybe") does not
	end the question-by-question walk: the answer named is taken, anything
	else is refused and asked again. Before, "yes" left the walk and the
	next numbers chose answers of question 1 by the page's numbering."""
	u = srv.new_user()
	h.run(login_lines(u["username"], u["password"]))
	m = project(h.run([]), "packaging")
	s2 = num(h.run([m]), "Opinion survey on a packaging tax")
	t = h.run([m, s2, "yes", "maybe", "4", ".", "r"])
	hasnt(t, "'yes' is not a choice here", "'maybe' is not a choice here")
	has(after(t, "Question 2 of 3"), "Please type one number from 1 to 5.")
	rv = after(t, "Check before sending")
	ok(re.search(r"^Yes$", rv, re.M), "'yes' did not answer question 1:\n" + rv)
	has(rv, "4 on a scale from 1 to 5", "Not answered: question 3.")
	hasnt(rv, "Rather yes", "Rather no")


@with_home
def test_leave_question_says_where_the_draft_is_kept(h):
	"""8.2: leaving a filled form asks and says where the draft is kept;
	line mode said only "Your idea is not sent. … 23 more words." and
	hid the answer to "where is my text?"."""
	u, n, t = citizen_on(h, "stadtraum")
	ai, wi = ideas_items(h, n)
	t = h.run([n, wi, "Bank am Brunnen", "Eine Bank am Brunnen wäre schön.", ".", "b"])
	q = after(t, "Leave without sending?")
	has(q, "Your idea is not sent. If you leave, it is kept as a draft in this program "
	    "until you quit, and is there again when you come back.")
	hasnt(q, "more words")


@with_home
def test_help_keys_all_work_on_the_page(h):
	"""8.12: every key line-mode help lists can be typed on that page.
	Help on a project page listed "+ — Support this idea", "v — Show the
	results", "s", "f", "/" under "Everywhere"; each was refused there."""
	n = project(h.run([]), "stadtraum")
	t = after(h.run([n, "h"]), "Help: the keys of this page")
	keys = re.findall(r"^(\S+(?: or \S+)*) — ", t, re.M)
	ok(len(keys) >= 5, "too few keys in help:\n" + t)
	for k in keys:
		for key in k.split(" or "):
			out = h.run([n, key])
			hasnt(after(out, "Number, b back: "), "is not a choice here")


@with_home
def test_end_of_input_with_a_draft_says_so(h):
	"""Ctrl-D (the end of input) in the middle of an idea ended the
	program without a word, and the lines typed so far were gone. It asks
	as q does; on a pipe, which cannot answer, it at least says so."""
	u, n, t = citizen_on(h, "stadtraum")
	ai, wi = ideas_items(h, n)
	t = h.run([n, wi, "Bank am Brunnen", "Eine Bank", "am Brunnen"])
	has(after(t, "several lines"), "Quit without sending?", "Your idea is not sent.")
	# Nothing unsent: the end of input quits as before, without a question.
	t = h.run([n])
	hasnt(t, "Quit without sending?")
	# Inside a survey: the answers so far; the last answer's word is not
	# said again under the question.
	m = project(h.run([]), "packaging")
	s2 = num(h.run([m]), "Opinion survey on a packaging tax")
	q = after(h.run([m, s2, "2"]), "Quit without sending?")
	has(q, "Your answers are not sent.")
	hasnt(q, "You chose")


@with_home
def test_ctrl_d_at_a_terminal_asks_and_keeps_the_text(h):
	"""At a terminal Ctrl-D inside the text asks; "1" (stay) goes on with
	every line typed so far; Ctrl-D twice ends without looping."""
	u, n, t = citizen_on(h, "stadtraum")
	ai, wi = ideas_items(h, n)
	master, slave = pty.openpty()
	p = subprocess.Popen([CLIENT, "--api", "http://127.0.0.1:%d/api/v1" % srv.port],
			     stdin=slave, stdout=slave, stderr=subprocess.PIPE, env=env_for(h.dir))
	os.close(slave)
	out = b""

	def wait_for(word, secs=10):
		nonlocal out
		end = time.time() + secs
		while word.encode() not in out and time.time() < end:
			r, _, _ = select.select([master], [], [], 0.1)
			if r:
				try:
					out += os.read(master, 65536)
				except OSError:
					break
		ok(word.encode() in out, "waited for %r in:\n%s" % (word, out.decode("utf-8", "replace")[-2500:]))

	def send(data):
		os.write(master, data.encode())

	try:
		for line in (n, wi):
			send(line + "\n")
		wait_for("Title (3 to 120 characters)")
		send("Bank am Brunnen\n")
		wait_for("several lines")
		send("Eine Bank\nam Brunnen\n\x04")
		wait_for("Quit without sending?")
		mark = len(out)
		send("1\n")
		wait_for("Review and send, b back: ")
		send("3\n")
		wait_for("Check before sending")
		wait_for("1 Send")
		review = out[mark:].decode("utf-8", "replace")
		has(review, "Bank am Brunnen", "Eine Bank", "am Brunnen")
		send("\x04")
		wait_for("Quit without sending?", 5)
		send("\x04")
		p.wait(timeout=10)
		ok(p.returncode == 0, "status %d" % p.returncode)
	finally:
		if p.poll() is None:
			p.kill()
			p.wait()
		os.close(master)


@with_home
def test_paper_sheet_checks_each_field_and_names_review(h):
	"""8.21 and 8.9 on the paper-sheet form: a ranking that names no
	option ("4 4 9") is refused as it is typed and asked again (it was
	taken, then refused at review twice over and not asked again); the
	prompt names "Review and send", not "Another ranking"."""
	h.run(login_lines("rathaus", "rathaus-passwort"))
	n = project(h.run([]), "stadtraum")
	p = num(h.run([n]), "Which event should come")
	pb = num(h.run([n, p]), "Paper ballots")
	e = num(h.run([n, p, pb]), "Enter a paper sheet")
	t = h.run([n, p, pb, e, "Stand am Markt, Bogen 9", "5", "x", "1", "4 4 9", "4 1 5", "3"]
		  + ["", ""] * 3)
	form = after(t, "Where were the ballots collected")
	ok(re.search(r"Blank or invalid ballots: please type a whole number, 0 or more\.\n\d+\. How many", form),
	   "a count that is not a number is not asked again:\n" + form)
	ok(re.search(r"Ranking 1: please type option numbers from 1 to 5, first choice first\.\n"
		     r"\d+\. Ranking 1", form), "the ranking is not refused at once:\n" + form)
	ok(form.count("please type option numbers") == 1, "error said more than once:\n" + form)
	ok(re.search(r"\d+ Review and send, b back: $", form), "the prompt does not name Review:\n" + form[-800:])


@with_home
def test_login_asked_by_a_send_sends_it(h):
	"""8.18: Send while logged out asks for the login; that login sends
	the vote as asked, with its message, and no second s; the same for
	an idea."""
	u = srv.new_user()
	n = project(h.run([]), "logistik")
	t = h.run([n])
	p = num(t, "Where should the try-it box")
	o = num(h.run([n, p]), "Schillerplatz")
	t = h.run([n, p, o, "r", "s", u["username"], u["password"], "s"])
	rest = after(t, "Please log in to send your vote")
	has(rest, "Logged in as", "Your vote is saved")
	hasnt(rest, "Check before sending", "not sent")
	r = srv.get("/polls/%d" % demo["single_poll"], token=u["token"]).json
	ok(r.get("my_ballot"), "the vote was not sent by the login: %r" % r)
	# A login left with b sends nothing, nor does a later one of its own:
	# the review is there again, Send focused.
	a = Home()
	try:
		ua = srv.new_user()
		t = a.run([n, p, o, "r", "s", "", "", "b", "l", ua["username"], ua["password"], "s"])
		rest = after(t, "Please log in to send your vote")
		has(rest, "Check before sending", "Send is focused")
		hasnt(rest, "Your vote is saved")
		r = srv.get("/polls/%d" % demo["single_poll"], token=ua["token"]).json
		ok(not r.get("my_ballot"), "an abandoned login sent the vote: %r" % r)
	finally:
		a.close()
	o2 = Home()
	try:
		u2 = srv.new_user()
		n = project(o2.run([]), "stadtraum")
		ai, wi = ideas_items(o2, n)
		t = o2.run([n, wi, "Wasserspender am Platz", "Trinkwasser für alle.", ".", "s", "s",
			    u2["username"], u2["password"], "s"])
		rest = after(t, "Please log in to send")
		has(rest, "Logged in as")
		ok(re.search(r"moderat", rest, re.I), "the idea was not sent by the login:\n" + rest[-1500:])
		hasnt(rest, "Check before sending")
	finally:
		o2.close()


@with_home
def test_register_from_a_send_login_sends_nothing_unseen(h):
	"""8.18: registering from the login a Send opened sends nothing by
	itself: after register, confirm and login the review is there again,
	Send focused, and it says so."""
	n = project(h.run([]), "logistik")
	p = num(h.run([n]), "Where should the try-it box")
	o = num(h.run([n, p]), "Schillerplatz")
	name = srv.unique("lr")
	live = Live(h)
	live.send(n, p, o, "r", "s", "", "", "4")
	live.wait_for("User name (3 to 32")
	live.send(name, name + "@example.org", "", "geheim-passwort-9", "s")
	live.wait_for("Code from the mail (8 digits)")
	live.send(srv.mail_token(name + "@example.org"))
	live.wait_for("Confirm")
	live.send("s")
	live.wait_for("Your account is active")
	live.wait_for("Password (not shown)")
	live.send("geheim-passwort-9", "s")
	live.wait_for("Send is focused")
	t = live.close()
	rest = after(t, "Your account is active")
	has(rest, "Check before sending", "Your vote: Schillerplatz")
	hasnt(rest, "Your vote is saved")


@with_home
def test_login_asked_by_a_review_names_log_in(h):
	"""8.9: the login form that sending a vote opens names its button;
	after the review the prompt said only "Number, b back" while the
	login came from "1 Send"."""
	n = project(h.run([]), "stadtraum")
	p = num(h.run([n]), "Which event should come to the square first?")
	t = h.run([n, p, "2 5 1", "r", "1", "demo", "demo-passwort"])
	rest = after(t, "Please log in to send your vote")
	ok(re.search(r"Password \(not shown\): (Number, )?\d+ Log in, b back: ", rest),
	   "the login form's prompt does not name Log in:\n" + rest)


@with_home
def test_yes_no_question_takes_yes_and_no(h):
	"""8.2/8.18: a yes/no question ("Withdraw your vote?") takes the words
	a person answers with: "n", "nein", "j", "yes". Before, only the
	numbers worked; "j" and "n" were "not a choice here"."""
	u, n, t = citizen_on(h, "stadtraum")
	p = num(t, "Which event should come to the square first?")
	h.run([n, p, "2 5 1", "r", "s"])
	path = "/polls/%d" % demo["ranking_poll"]
	for no in ("n", "nein", "No"):
		t = h.run([n, p, "w", no], args=["--lang", "de"] if no == "nein" else [])
		hasnt(t, "is not a choice here", "ist hier keine Auswahl")
		r = srv.get(path, token=u["token"]).json
		ok(r["my_ballot"], "%r withdrew the vote" % no)
	t = h.run([n, p, "w", "j"], args=["--lang", "de"])
	hasnt(t, "ist hier keine Auswahl")
	r = srv.get(path, token=u["token"]).json
	ok(not r["my_ballot"], "'j' did not withdraw the vote: %r" % r["my_ballot"])


@with_home
def test_help_prompt_offers_no_numbers(h):
	"""8.9: line-mode help lists keys without numbers; its prompt offered
	"Number" and a typed number did nothing, without a word."""
	t = h.run(["h", "3"])
	rest = after(t, "Help: the keys of this page")
	ok(re.search(r"\nb back: There is no number 3 here\.\n", rest), "help prompt or number:\n" + rest[-600:])


@with_home
def test_very_long_line_is_one_line(h):
	"""A line longer than line mode reads (64 KiB) is one line: its start
	is taken, the rest dropped. Before, every further 64 KiB ran as a line
	of its own (77 "not a choice" for one 5 MB line, or text spilling
	into the next field and the prompt after it)."""
	t = h.run(["1" * 200000, "x " * 100000])
	ok(t.count("is not a choice here") == 2, "one long line ran as %d lines:\n%s"
	   % (t.count("is not a choice here"), t[-600:]))
	# In a form: the long title is cut and the body is still asked.
	u, n, t = citizen_on(h, "stadtraum")
	ai, wi = ideas_items(h, n)
	t = h.run([n, wi, "Bank " * 30000, "Eine Bank am Brunnen.", "."])
	has(t, "Title: at most 120 characters; the rest was not taken.")
	has(after(t, "Your idea (10 to 5000 characters)"), "Review and send")


@with_home
def test_question_asked_again_is_said_whole(h):
	"""A yes/no question asked a second time says again what it is about
	and both answers; it said "Unchanged: 1 to 2." and only "1 No"."""
	u, n, t = citizen_on(h, "stadtraum")
	ai, wi = ideas_items(h, n)
	t = h.run([n, wi, "Bank am Brunnen", "Eine Bank am Brunnen.", ".", "q", "1", "q"])
	second = t[t.rfind("Quit without sending?"):]
	has(second, "Quitting ends the program, and what you entered is lost.", "2. Yes, quit")
	hasnt(second, "Unchanged")


@with_home
def test_language_switch_in_a_form(h):
	"""L in a filled form: the form is said in the new language, field
	names and button too ("1. Title:" and "3 Review and send" stayed
	English among German words), and the text typed stays."""
	u, n, t = citizen_on(h, "stadtraum")
	ai, wi = ideas_items(h, n)
	t = h.run([n, wi, "Bank am Brunnen", "Eine Bank am Brunnen.", ".", "L", "1"])
	de = after(t, "Neue Idee")
	has(de, "1. Titel: Bank am Brunnen", "Eine Bank am Brunnen.", "3 Prüfen und senden, ")
	hasnt(de, "Title", "Review and send")
	h.run(["X"])
	t = h.run(["l", "", "L", "1"])
	has(after(t, "Sprache: Deutsch."), "1. Benutzername oder E-Mail:")
	hasnt(after(t, "Sprache: Deutsch."), "Log in", "User name")


@with_home
def test_survey_number_after_the_questions_means_a_question(h):
	"""8.11: after the questions, a number typed at the survey's prompt
	means a question (asked again), never an answer by the page's hidden
	numbering: "4" chose "No" for question 1, "9" the 4 of question 2."""
	u = srv.new_user()
	h.run(login_lines(u["username"], u["password"]))
	m = project(h.run([]), "packaging")
	s2 = num(h.run([m]), "Opinion survey on a packaging tax")
	t = h.run([m, s2, "1", "2", "Because.", ".", "2", "4", "9", "r"])
	again = t[t.find("12 Review my answers, b back: "):]
	has(again, "Question 2 of 3", "To change an answer, type the number of its question, 1 to 3.")
	rv = after(t, "Check before sending")
	ok(re.search(r"^Yes$", rv, re.M), "question 1 changed:\n" + rv)
	has(rv, "4 on a scale from 1 to 5")
	hasnt(rv, "\nNo\n")
	# t says the survey whole without the page's numbers (6 to 10 for
	# the scale of question 2), which typed would mean questions.
	t = h.run([m, s2, "1", "2", "Because.", ".", "x 4", "r"])
	has(t, "To change an answer, type the number of its question, 1 to 3.")
	ok(re.search(r"^Yes$", after(t, "Check before sending"), re.M), "x 4 changed question 1:\n" + t[-800:])
	full = after(h.run([m, s2, "1", "2", "Because.", ".", "t"]), "Question 2 of 3")
	has(full, "2 — your choice")
	hasnt(full, "7. 2", "9. 4")


@with_home
def test_refused_field_is_asked_again_after_enter(h):
	"""8.1/8.21: Enter alone after a refused title does not keep the
	refused text and go on: the title is asked again until it is right;
	b leaves it with the text from before."""
	u, n, t = citizen_on(h, "stadtraum")
	ai, wi = ideas_items(h, n)
	t = h.run([n, wi, "q", "", "Bank am Brunnen", "Eine Bank am Brunnen.", "."])
	ok(t.count("Title: at least 3 characters, you have 1.") == 2,
	   "Enter alone did not ask the refused title again:\n" + t[-1500:])
	has(after(t, "you have 1.\n"), "1. Title (3 to 120 characters), b back: ")
	has(after(t, "Your idea (10 to"), "Review and send")
	hasnt(after(t, "Your idea (10 to"), "at least 3")
	# b after a refusal: the page's prompt, not the next field.
	t = h.run([n, wi, "q", "b"])
	ok(re.search(r"you have 1\.\n1\. Title \(3 to 120 characters\), b back: (Number, )?3 Review and send", t),
	   "b did not leave the refused title:\n" + t[-1000:])


@with_home
def test_wrong_code_is_asked_again(h):
	"""8.20/8.21: a wrong confirmation code asks the code field again at
	once, saying what is allowed; the right code typed there confirms."""
	name = srv.unique("wc")
	h.run(["l", "", "4", name, name + "@example.org", "", "geheim-passwort-9", "5"])
	code = mwtest.mail_code(srv, name + "@example.org")
	wrong = "0000 0001" if code != "0000 0001" else "0000 0002"
	t = h.run(["l", "", "5", name, wrong, "3", code, "3"])
	has(t, "Code: 8 digits, spaces allowed; type it again.\n"
	    "The account was not confirmed",
	    "wrong tries, use the long code from the mail.\n2. Code from the mail (8 digits), b back: ",
	    "Your account is active")
	ok(t.count("8 digits, spaces allowed") == 1, "the error said twice:\n" + t[-1500:])


@with_home
def test_enter_alone_says_what_to_type(h):
	"""8: Enter alone at the first prompt printed only "Your choice (h
	help):"; it says briefly what to type, with the page's main action
	where there is one, without saying the page again."""
	t = h.run(["", ""])
	ok(re.search(r": Type a number and Enter, or h for help\.\nYour choice \(h help\): "
		     r"Type a number and Enter, or h for help\.\n", t), "Enter alone:\n" + t[-800:])
	ok(t.count("Open projects") == 1, "the page said again:\n" + t[-800:])
	u, n, t = citizen_on(h, "stadtraum")
	p = num(t, "Which event should come to the square first?")
	t = h.run([n, p, "2", ""])
	ok(re.search(r"Type \d+ and Enter for Review my vote, or h for help\.", t), "main action:\n" + t[-800:])


@with_home
def test_title_typed_whole_opens_it(h):
	"""8: a project's title typed whole said only its second word was "not
	a choice"; it opens the project. A line not understood is said back
	whole."""
	t = h.run(["lokale logistik"])
	hasnt(t, "'Logistik' is not a choice")
	has(after(t, "\nLokale Logistik (Local logistics)\n"), "Where should the try-it box")
	t = h.run(["Lokale Logi"])
	has(t, "'Lokale Logi' is not a choice here. Type h for help.")


@with_home
def test_results_offer_no_number(h):
	"""8: the results page offered "Number", and typed numbers did nothing
	without a word; its rows are said without numbers and a number says
	there is none."""
	t = h.run([])
	n = project(t, "stadtraum")
	p = num(h.run([n]), "Which event should come to the square first?")
	r = num(h.run([n, p]), "Results")
	t = h.run([n, p, r, "1"])
	res = after(t, "Results: ")
	ok(re.search(r"\nb back: There is no number 1 here\.\n", res), "results prompt:\n" + res[-800:])
	ok(not re.search(r"^\d+\. ", res, re.M), "results rows numbered:\n" + res[-800:])


@with_home
def test_help_on_a_question_says_how_to_answer(h):
	"""8: help on a yes/no question listed no keys for it; it says how to
	answer (the numbers and words) and how to go back."""
	u, n, t = citizen_on(h, "stadtraum")
	ai, wi = ideas_items(h, n)
	t = h.run([n, wi, "Bank am Brunnen", "Eine Bank am Brunnen.", ".", "q", "h"])
	has(after(t, "Help: the keys of this page"),
	    "To answer, type a number or the answer's first word:\n1 — No, stay here\n2 — Yes, quit\nb back\n")


@with_home
def test_pager_q_skips_only_that_page(h):
	"""8: q at "-- more --" skipped the rest of that page and then the
	next "what changed" too: choosing an option said nothing. The pages
	are opened by their titles, as their numbers are skipped."""
	t = h.run(["q", "Stadt.Raum.Wir.", "q", "Which event should come to the square first?",
		   "q", "2"], rows=6)
	ok(t.count("-- more, Enter to continue, q to skip --") == 3, "pager:\n" + t[-1500:])
	ok(re.search(r"b back: 2\. 3D street painting — your choice 1\n", t),
	   "the choice after q at the pager said nothing:\n" + t[-1500:])


def setup():
	global srv
	if not os.access(CLIENT, os.X_OK):
		raise AssertionError("no client at " + CLIENT)
	srv = suite.server().start()
	d = mwtest.demo_index(srv)
	demo["stadtraum"] = "Stadt.Raum.Wir."
	demo["logistik"] = "Local logistics"
	demo["packaging"] = "Packaging tax"
	demo["stadtraum_id"] = d["projects"]["stadtraum"]["id"]
	demo["ranking_poll"] = d["polls"]["ranking"]["id"]
	demo["single_poll"] = d["polls"]["location"]["id"]
	staff = srv.login("rathaus", "rathaus-passwort").json["token"]
	demo["mod_token"] = srv.login("moderation", "moderation-passwort").json["token"]
	# The demo has no multiple-choice poll: one on Stadt.Raum.Wir.
	days = ["Monday", "Wednesday", "Friday", "Saturday"]
	pl = mwtest.make_poll(srv, staff, demo["stadtraum_id"], kind="multiple", n=4, max_choices=3,
			       title=tr("Welche Tage passen Ihnen?", "Which days suit you?"),
			       question=tr("Welche Tage passen Ihnen?", "Which days suit you?"),
			       options=[{"title": tr(d_, d_), "description": tr("Am " + d_, "On " + d_)}
					for d_ in days])
	demo["multi_poll"] = pl["id"]
	# A project with 22 published ideas, for paging.
	pj = mwtest.make_project(srv, staff, title=tr("Testprojekt Blättern"))
	author = srv.new_user()
	ids = []
	for i in range(1, 23):
		r = srv.post("/projects/%d/ideas" % pj["id"],
			     {"title": "Blätteridee %02d" % i, "body": "Idee Nummer %d zum Blättern." % i},
			     token=author["token"])
		ok(r.status == 201, "idea %d: %r" % (i, r))
		m = srv.post("/moderation/ideas/%d" % r.json["id"], {"action": "approve", "reason": "ok"},
			     token=demo["mod_token"])
		ok(m.status in (200, 204), "approve %d: %r" % (i, m))
		if i <= 2:
			ids.append(r.json["id"])
	# Supports decide the "top" order: 01 twice, 02 once.
	for tok, idea in ((author["token"], ids[0]), (demo["mod_token"], ids[0]),
			  (author["token"], ids[1])):
		r = srv.put("/ideas/%d/support" % idea, token=tok)
		ok(r.status == 200, "support: %r" % r)
	return None


if __name__ == "__main__":
	setup()
	suite.run()
