# test_cmd.py — every one-shot command of `mitwirkung` and every exit status
# (0 ok, 1 usage, 2 refused, 3 login needed, 4 network) against the real
# mitwirkung-api with the demo data; HOME and the XDG folders are temporary,
# the session file must be 0600 in a 0700 folder, and no output may carry a
# control byte other than a newline.
import json
import os
import re
import shutil
import socket
import stat
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from mwtest import tempdir, CLIENT_BIN, Suite, eq, mail_code, ok  # noqa: E402

S = Suite("test_cmd")
C = {}

CLIENT = CLIENT_BIN

CTRL = re.compile(rb"[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")


def setup():
	if not os.access(CLIENT, os.X_OK):
		raise AssertionError("no client binary at %s (build it first)" % CLIENT)
	srv = S.api().start()
	C["srv"] = srv
	home = tempdir("mw-cmdtest-")
	C.update(home=home, base=srv.base)
	projects = srv.get("/projects?status=all&limit=100").json["items"]
	C["stadt"] = [p for p in projects if p["slug"] == "stadt-raum-wir"][0]
	C["lokale"] = [p for p in projects if p["slug"] == "lokale-logistik"][0]
	detail = srv.get("/projects/%d?lang=en" % C["stadt"]["id"]).json
	C["ranking"] = [p for p in detail["formats"]["polls"] if p["kind"] == "ranking"][0]["id"]
	C["options"] = [o["title"] for o in srv.get("/polls/%d?lang=en" % C["ranking"]).json["options"]]
	detail = srv.get("/projects/%d?lang=en" % C["lokale"]["id"]).json
	C["survey"] = detail["formats"]["surveys"][0]["id"]
	C["single"] = [p for p in detail["formats"]["polls"] if p["kind"] == "single"][0]["id"]
	bike = [p for p in projects if p["status"] == "closed"][0]
	C["bike"] = srv.get("/projects/%d?lang=en" % bike["id"]).json["formats"]["polls"][0]["id"]
	C["ideas"] = srv.get("/projects/%d/ideas?lang=en" % C["stadt"]["id"]).json["items"]
	C["ideas_title"] = srv.get("/projects/%d?lang=en" % C["stadt"]["id"]).json["title"]
	return srv


class Result:
	def __init__(self, rc, out, err):
		self.rc, self.outb, self.errb = rc, out, err
		self.out = out.decode("utf-8")
		self.err = err.decode("utf-8")

	def __repr__(self):
		return "<rc %d out %r err %r>" % (self.rc, self.out[:600], self.err[:600])


# The locale the client runs in. test_cmd_turkish.py runs this whole suite
# again under tr_TR.UTF-8, where the C library's case folding of "I" is not
# "i": command names, options and key names must still work there.
LOCALE = os.environ.get("MW_TEST_LOCALE", "C.UTF-8")


def env(extra=None):
	h = C["home"]
	e = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": h,
	     "XDG_STATE_HOME": os.path.join(h, "state"),
	     "XDG_CONFIG_HOME": os.path.join(h, "config"),
	     "MITWIRKUNG_API": C["base"], "LANG": LOCALE, "TERM": "dumb"}
	if "LOCPATH" in os.environ:
		e["LOCPATH"] = os.environ["LOCPATH"]
	e.update(extra or {})
	return e


def run(*args, stdin=b"", extra_env=None, lang="en", timeout=30):
	"""Runs the client; every byte on stdout and stderr must be free of
	control characters (a newline aside)."""
	pre = ["--lang", lang] if lang else []
	p = subprocess.run([CLIENT] + pre + list(args), input=stdin, capture_output=True,
			   env=env(extra_env), timeout=timeout)
	for name, data in (("stdout", p.stdout), ("stderr", p.stderr)):
		m = CTRL.search(data)
		if m:
			raise AssertionError("%s of %r has a control byte %r at %d: %r"
					     % (name, args, m.group(0), m.start(), data[:400]))
	return Result(p.returncode, p.stdout, p.stderr)


def session_file():
	return os.path.join(C["home"], "state", "mitwirkung", "session")


def login(name="demo", password="demo-passwort"):
	r = run("login", name, stdin=(password + "\n").encode())
	eq(r.rc, 0, "login %s: %r" % (name, r))
	return r


def logout():
	r = run("logout")
	eq(r.rc, 0, "logout: %r" % r)


# --- help and usage (exit 1) -------------------------------------------

@S.test
def test_help(srv):
	r = run("help")
	eq(r.rc, 0, "help")
	for cmd in ("projects", "project", "ideas", "idea", "comments", "poll", "results",
		    "vote", "unvote", "support", "unsupport", "submit-idea", "comment",
		    "survey", "login", "logout", "whoami", "register", "confirm"):
		ok(re.search(r"(?m)^  %s\b" % re.escape(cmd), r.out), "help lists %s: %r" % (cmd, r))
	r = run("vote", "--help")
	eq(r.rc, 0, "vote --help")
	ok("mitwirkung vote POLL OPTION" in r.out, "vote --help usage: %r" % r)
	r = run("help", "submit-idea")
	eq(r.rc, 0, "help submit-idea")
	ok("--title" in r.out, "help submit-idea: %r" % r)


@S.test
def test_usage_errors(srv):
	for args in (["no-such-command"], ["idea"], ["idea", "abc"], ["idea", "1", "2"],
		     ["projects", "--bogus"], ["projects", "--status"],
		     ["ideas", str(C["stadt"]["id"]), "--sort", "best"],
		     ["submit-idea", str(C["stadt"]["id"])], ["vote", "1"],
		     ["help", "nothing"]):
		r = run(*args)
		eq(r.rc, 1, "usage error for %r: %r" % (args, r))
		ok(r.out == "", "usage error prints nothing on stdout: %r" % r)
		ok(r.err.strip() != "", "usage error says why on stderr: %r" % r)


# --- reading --------------------------------------------------------------

@S.test
def test_projects(srv):
	r = run("projects", lang="de")
	eq(r.rc, 0, "projects")
	ok("Stadt.Raum.Wir." in r.out and "Lokale Logistik" in r.out, "projects: %r" % r)
	r = run("projects")
	ok("Local logistics" in r.out, "projects in English: %r" % r)
	# One project per line, starting with its id.
	for line in r.out.strip().split("\n"):
		ok(re.match(r"^\d+  ", line), "project line: %r" % line)
	r = run("projects", "--status", "closed", lang="de")
	eq(r.rc, 0, "projects --status closed")
	ok("Lokale Logistik" not in r.out and r.out.strip(), "closed filter: %r" % r)
	r = run("projects", "--category", "city-hall", "--status", "all", lang="de")
	eq(r.rc, 0, "projects --category")
	ok("Lokale Logistik" not in r.out and r.out.strip(), "category filter: %r" % r)
	r = run("projects", "--json")
	eq(r.rc, 0, "projects --json")
	j = json.loads(r.out)
	ok(isinstance(j.get("items"), list) and "total" in j, "projects --json: %r" % j)


@S.test
def test_projects_grep_pipe(srv):
	# The issue's own example, through a shell pipe, in German.
	p = subprocess.run("%s --lang de projects | grep Lokale" % CLIENT, shell=True,
			   capture_output=True, env=env(), timeout=30)
	eq(p.returncode, 0, "projects | grep Lokale: %r" % (p.stdout,))
	ok(b"Lokale Logistik" in p.stdout, "grep output: %r" % p.stdout)


@S.test
def test_project_detail(srv):
	r = run("project", str(C["stadt"]["id"]))
	eq(r.rc, 0, "project")
	ok(r.out.startswith(C["ideas_title"]), "project title first: %r" % r)
	ok(re.search(r"(?m)^Poll %d " % C["ranking"], r.out), "project lists its poll: %r" % r)
	r2 = run("project", C["stadt"]["slug"])
	eq(r2.rc, 0, "project by slug")
	eq(r2.out, r.out, "project by slug and by id")
	r = run("project", "999999")
	eq(r.rc, 2, "project not found: %r" % r)


@S.test
def test_ideas_idea_comments(srv):
	pid = str(C["stadt"]["id"])
	r = run("ideas", pid, "--sort", "top")
	eq(r.rc, 0, "ideas")
	lines = r.out.strip().split("\n")
	ok(len(lines) >= 3, "ideas: %r" % r)
	ok(all(re.match(r"^\d+  \d+ supports?  \d+ comments?  ", ln) for ln in lines),
	   "idea lines: %r" % lines)
	r = run("ideas", C["stadt"]["slug"], "--sort", "new")
	eq(r.rc, 0, "ideas by slug --sort new: %r" % r)
	idea = max(C["ideas"], key=lambda i: i["comments"])
	r = run("idea", str(idea["id"]))
	eq(r.rc, 0, "idea")
	ok(r.out.startswith(idea["title"]), "idea title: %r" % r)
	r = run("comments", str(idea["id"]))
	eq(r.rc, 0, "comments")
	ok(r.out.strip() != "", "comments printed: %r" % r)
	r = run("comments", str(idea["id"]), "--json")
	eq(r.rc, 0, "comments --json")
	ok(len(json.loads(r.out)["items"]) >= 1, "comments --json items")
	r = run("idea", "999999")
	eq(r.rc, 2, "idea not found: %r" % r)
	ok(r.out == "" and r.err.strip(), "not found on stderr only: %r" % r)


@S.test
def test_poll_results(srv):
	r = run("poll", str(C["ranking"]))
	eq(r.rc, 0, "poll")
	for name in C["options"]:
		ok(name in r.out, "poll option %s: %r" % (name, r))
	r = run("poll", str(C["single"]))
	eq(r.rc, 0, "location poll")
	ok("Address:" in r.out, "location poll shows addresses: %r" % r)
	r = run("results", str(C["ranking"]))
	eq(r.rc, 0, "results")
	ok(re.search(r"(?m)^1\. ", r.out) and "points" in r.out, "ranking results: %r" % r)
	r = run("results", str(C["ranking"]), "--json")
	eq(json.loads(r.out)["poll_id"], C["ranking"], "results --json")


# --- login, session file, exit 3 -----------------------------------------

@S.test
def test_login_needed(srv):
	if os.path.exists(session_file()):
		os.unlink(session_file())
	r = run("support", str(C["ideas"][0]["id"]))
	eq(r.rc, 3, "support without login: %r" % r)
	r = run("whoami")
	eq(r.rc, 3, "whoami without login: %r" % r)
	r = run("vote", str(C["ranking"]), "Roundnet")
	eq(r.rc, 3, "vote without login: %r" % r)
	# Before any text is read or question asked.
	r = run("comment", str(C["ideas"][0]["id"]), stdin=b"Ein Kommentar.\n")
	eq(r.rc, 3, "comment without login: %r" % r)
	r = run("survey", str(C["survey"]), stdin=b"1\n")
	eq(r.rc, 3, "survey without login: %r" % r)
	ok(r.out == "", "no question asked without login: %r" % r)
	r = run("submit-idea", C["stadt"]["slug"], "--title", "Eine Idee", stdin=b"Text\n")
	eq(r.rc, 3, "submit-idea without login: %r" % r)
	r = run("login", "demo", stdin=b"wrong-password\n")
	eq(r.rc, 2, "login with a wrong password is refused: %r" % r)
	ok(not os.path.exists(session_file()), "no session after a failed login")


@S.test
def test_login_session_logout(srv):
	r = login()
	ok("demo" in r.out, "login says who: %r" % r)
	st = os.stat(session_file())
	eq(stat.S_IMODE(st.st_mode), 0o600, "session file mode")
	eq(stat.S_IMODE(os.stat(os.path.dirname(session_file())).st_mode), 0o700,
	   "session folder mode")
	r = run("whoami")
	eq(r.rc, 0, "whoami: %r" % r)
	ok(r.out.startswith("demo "), "whoami: %r" % r)
	r = run("whoami", "--json")
	eq(json.loads(r.out)["username"], "demo", "whoami --json")
	logout()
	ok(not os.path.exists(session_file()), "logout removes the session file")
	r = run("whoami")
	eq(r.rc, 3, "whoami after logout")
	r = run("logout")
	eq(r.rc, 0, "logout when logged out: %r" % r)


@S.test
def test_login_on_terminal_no_echo(srv):
	# On a terminal the password is asked for and not echoed.
	import pty
	import select
	master, slave = pty.openpty()
	p = subprocess.Popen([CLIENT, "--lang", "en", "login", "demo"], stdin=slave,
			     stdout=slave, stderr=slave, env=env(), close_fds=True)
	os.close(slave)
	seen = b""
	sent = False
	deadline = time.time() + 20
	try:
		while time.time() < deadline:
			r, _, _ = select.select([master], [], [], 0.2)
			if r:
				try:
					data = os.read(master, 4096)
				except OSError:
					break
				if not data:
					break
				seen += data
			if not sent and b"Password: " in seen:
				os.write(master, b"demo-passwort\n")
				sent = True
			if p.poll() is not None and not r:
				break
		rc = p.wait(timeout=10)
	finally:
		if p.poll() is None:
			p.kill()
			p.wait()
		os.close(master)
	ok(sent, "no password prompt on the terminal: %r" % seen)
	eq(rc, 0, "login on a terminal: %r" % seen)
	ok(b"demo-passwort" not in seen, "the password was echoed: %r" % seen)
	ok(b"Logged in as demo" in seen, "login message: %r" % seen)
	logout()


@S.test
def test_stale_session(srv):
	os.makedirs(os.path.dirname(session_file()), mode=0o700, exist_ok=True)
	with open(session_file(), "w") as f:
		f.write("not-a-valid-token\n")
	r = run("whoami")
	eq(r.rc, 3, "whoami with a dead token: %r" % r)
	ok(not os.path.exists(session_file()), "a dead session is removed")
	with open(session_file(), "w") as f:
		f.write("not-a-valid-token\n")
	# Browsing goes on as a guest; the dead session is said and removed.
	r = run("projects")
	eq(r.rc, 0, "projects with a dead token: %r" % r)
	ok("expired" in r.err, "expiry said: %r" % r)
	ok(not os.path.exists(session_file()), "a dead session is removed")
	with open(session_file(), "w") as f:
		f.write("not-a-valid-token\n")
	r = run("logout")
	eq(r.rc, 0, "logout with a dead token: %r" % r)
	ok(not os.path.exists(session_file()), "logout removes a dead session")


@S.test
def test_kiosk_writes_nothing(srv):
	state = os.path.join(C["home"], "state")
	shutil.rmtree(state, ignore_errors=True)
	r = run("--kiosk", "login", "demo", stdin=b"demo-passwort\n")
	eq(r.rc, 0, "kiosk login: %r" % r)
	ok(not os.path.exists(state), "kiosk mode wrote %s" % state)


@S.test
def test_option_names_fold_in_every_locale(srv):
	"""An option typed in capitals is found in every locale: under
	tr_TR.UTF-8 (test_cmd_turkish.py) the C library does not fold "I" to
	"i", so this fails if the client compares with strcasecmp."""
	login()
	try:
		poll = str(C["ranking"])
		r = run("vote", poll, "OPEN-AIR READING")
		eq(r.rc, 0, "vote by a name in capitals: %r" % r)
		ok(re.search(r"(?m)^1\. Open-air reading$", r.out), "the option found: %r" % r)
		eq(run("unvote", poll).rc, 0, "unvote")
	finally:
		logout()


# --- writing ----------------------------------------------------------------

@S.test
def test_vote_unvote(srv):
	login()
	try:
		poll = str(C["ranking"])
		o = C["options"]
		r = run("vote", poll, o[1], "roundnet", o[0])
		eq(r.rc, 0, "vote: %r" % r)
		ok(re.search(r"(?m)^1\. %s$" % re.escape(o[1]), r.out), "ballot order: %r" % r)
		ok(re.search(r"(?m)^3\. %s$" % re.escape(o[0]), r.out), "ballot order: %r" % r)
		r = run("poll", poll)
		ok(re.search(r"Roundnet - your choice 2", r.out), "own ballot shown: %r" % r)
		# By the numbers the poll's page shows: 4 3 1 is Roundnet first.
		r = run("poll", poll)
		num = {t: n for n, t in re.findall(r"(?m)^(\d+)\. (.+?)(?: - your choice \d+)?$", r.out)}
		r = run("vote", poll, num[o[3]], num[o[2]], num[o[0]])
		eq(r.rc, 0, "vote by numbers: %r" % r)
		ok(re.search(r"(?m)^1\. %s$" % re.escape(o[3]), r.out), "number 4 first: %r" % r)
		# The API's option ids only with --id.
		j = json.loads(run("poll", poll, "--json").out)
		ids = [str(o["id"]) for o in j["options"]]
		r = run("vote", poll, "--id", ids[1])
		eq(r.rc, 0, "vote by id: %r" % r)
		ok(re.search(r"(?m)^1\. %s$" % re.escape(o[1]), r.out), "by id: %r" % r)
		r = run("vote", poll, "9")
		eq(r.rc, 1, "option 9 of 5: %r" % r)
		ok("the poll has options 1 to 5" in r.err, "says the numbers: %r" % r)
		# Too many choices says the maximum, in both languages.
		r = run("vote", poll, "1", "2", "3", "4")
		eq(r.rc, 2, "four choices refused: %r" % r)
		ok("takes at most 3 options; you named 4" in r.err, "says the maximum: %r" % r)
		r = run("vote", poll, "1", "2", "3", "4", lang="de")
		ok("höchstens 3 Optionen" in r.err, "German maximum: %r" % r)
		# An ambiguous beginning lists what it fits, in both languages.
		r = run("vote", str(C["single"]), "S")
		eq(r.rc, 1, "ambiguous: %r" % r)
		ok("'S' fits several options: 1. Stiftsplatz, 2. Schillerplatz; give its number" in r.err,
		   "the matches: %r" % r)
		r = run("vote", str(C["single"]), "S", lang="de")
		ok("passt zu mehreren Optionen: 1. Stiftsplatz, 2. Schillerplatz" in r.err,
		   "German matches: %r" % r)
		# A closed poll says it is closed, with the date in words.
		r = run("vote", str(C["bike"]), "1")
		eq(r.rc, 2, "closed poll: %r" % r)
		ok(re.search(r"poll \d+ is closed: it closed on \d+ April \d{4}\.", r.err), "closed: %r" % r)
		r = run("vote", str(C["bike"]), "1", lang="de")
		ok(re.search(r"ist geschlossen: Sie endete am \d+\. April \d{4}\.", r.err),
		   "German closed: %r" % r)
		# Global options after the command.
		r = run("results", str(C["bike"]), "--api", C["base"], "--lang", "de", lang=None,
			extra_env={"MITWIRKUNG_API": "http://127.0.0.1:9/api/v1"})
		eq(r.rc, 0, "--api after the command: %r" % r)
		ok("50,5 %" in r.out and "auf Papier" in r.out, "German numbers, paper: %r" % r)
		r = run("vote", poll, "Nonexistent option")
		eq(r.rc, 1, "unknown option is a usage error: %r" % r)
		r = run("vote", poll, "Roundnet", "roundnet")
		eq(r.rc, 1, "an option twice: %r" % r)
		r = run("unvote", poll)
		eq(r.rc, 0, "unvote: %r" % r)
		r = run("poll", poll)
		ok("your choice" not in r.out, "ballot withdrawn: %r" % r)
		r = run("vote", "999999", "1")
		eq(r.rc, 2, "vote on a missing poll: %r" % r)
	finally:
		logout()


@S.test
def test_support_unsupport(srv):
	login()
	try:
		idea = str(C["ideas"][0]["id"])
		r = run("support", idea)
		eq(r.rc, 0, "support: %r" % r)
		ok("You support idea %s" % idea in r.out, "support message: %r" % r)
		r = run("ideas", str(C["stadt"]["id"]))
		ok("you support this" in r.out, "ideas show own support: %r" % r)
		r = run("unsupport", idea, "--json")
		eq(r.rc, 0, "unsupport --json")
		eq(json.loads(r.out)["supported"], False, "unsupport --json")
	finally:
		logout()


@S.test
def test_submit_idea_and_comment(srv):
	login()
	try:
		pid = C["stadt"]["slug"]
		body = "Mehr Bänke im Schatten am Stiftsplatz.\nUnd ein Trinkbrunnen.\n".encode()
		r = run("submit-idea", pid, "--title", "Bänke und Wasser", stdin=body)
		eq(r.rc, 0, "submit-idea: %r" % r)
		m = re.search(r"Idea (\d+) is sent", r.out)
		ok(m, "submit-idea says the id: %r" % r)
		r = run("idea", m.group(1))
		eq(r.rc, 0, "own pending idea visible to its author: %r" % r)
		ok("waiting for moderation" in r.out and "Trinkbrunnen" in r.out, "pending idea: %r" % r)
		r = run("submit-idea", pid, "--title", "x", stdin=body)
		eq(r.rc, 2, "short title refused: %r" % r)
		ok("title" in r.err, "the error names the field: %r" % r)
		r = run("submit-idea", pid, "--title", "Escape \x1b[2J here", stdin=body)
		eq(r.rc, 2, "control characters refused: %r" % r)
		idea = str(C["ideas"][0]["id"])
		r = run("comment", idea, stdin="Gute Idee, bin dafür.\n".encode())
		eq(r.rc, 0, "comment: %r" % r)
		ok(re.search(r"Comment \d+ is sent", r.out), "comment id: %r" % r)
		r = run("comment", idea, stdin=b"")
		eq(r.rc, 2, "empty comment refused: %r" % r)
	finally:
		logout()


@S.test
def test_survey(srv):
	login()
	try:
		sid = str(C["survey"])
		s = srv.get("/surveys/%s" % sid).json
		# Interactive: one answer line per question, in order.
		lines = []
		answers = []
		for q in s["questions"]:
			if q["kind"] in ("single", "multiple"):
				lines.append("1")
				answers.append({"question_id": q["id"], "choices": [q["options"][0]["id"]]})
			elif q["kind"] == "scale":
				lines.append(str(q["scale"]["max"]))
				answers.append({"question_id": q["id"], "value": q["scale"]["min"]})
			else:
				lines.append("Werkzeug zum Ausleihen")
				answers.append({"question_id": q["id"], "text": "Lastenrad"})
		r = run("survey", sid, stdin=("\n".join(lines) + "\n").encode())
		eq(r.rc, 0, "survey on stdin: %r" % r)
		ok("saved" in r.out, "survey saved: %r" % r)
		# Bad answers are asked again, saying what is allowed, as often
		# as it takes: only the end of input ends the survey (issue 8.4).
		bad = ["zehn", "99", "0 0", "-1"]
		r = run("survey", sid, stdin=("\n".join(bad + lines) + "\n").encode())
		eq(r.rc, 0, "survey after four bad answers: %r" % r)
		ok("saved" in r.out and "ended" not in r.out + r.err, "survey after bad answers: %r" % r)
		q0 = s["questions"][0]
		allowed = ("from %d to %d" % (q0["scale"]["min"], q0["scale"]["max"]) if q0["kind"] == "scale"
			   else "from 1 to %d" % len(q0["options"]) if q0["kind"] != "text" else "at most")
		eq(r.out.count(allowed), len(bad), "each bad answer says what is allowed: %r" % r.out)
		# Ends early: nothing is sent, usage status.
		r = run("survey", sid, stdin=b"1\n")
		eq(r.rc, 1, "survey input ended early: %r" % r)
		# From a JSON file.
		path = os.path.join(C["home"], "answers.json")
		with open(path, "w") as f:
			json.dump(answers, f)
		r = run("survey", sid, "--answers", path)
		eq(r.rc, 0, "survey --answers: %r" % r)
		with open(path, "w") as f:
			f.write("not json")
		r = run("survey", sid, "--answers", path)
		eq(r.rc, 2, "survey --answers with bad JSON: %r" % r)
		r = run("survey", sid, "--answers", path + ".missing")
		eq(r.rc, 1, "survey --answers missing file: %r" % r)
	finally:
		logout()


@S.test
def test_survey_text_not_utf8_is_asked_again(srv):
	"""A text answer the platform cannot take (not UTF-8, an escape
	sequence) is asked again at once; it was taken, and at the end the
	whole survey was refused ('Field "text" is not valid UTF-8') with
	every answer typed lost."""
	login()
	try:
		sid = str(C["survey"])
		s = srv.get("/surveys/%s" % sid).json
		lines = []
		for q in s["questions"]:
			if q["kind"] in ("single", "multiple"):
				lines.append(b"1")
			elif q["kind"] == "scale":
				lines.append(str(q["scale"]["max"]).encode())
			else:
				lines += [b"Werkzeug \xff zum Ausleihen", b"rot \x1b[31m", b"Werkzeug zum Ausleihen"]
		r = run("survey", sid, stdin=b"\n".join(lines) + b"\n")
		eq(r.rc, 0, "survey with a bad text answer first: %r" % r)
		ok("saved" in r.out, "survey not saved: %r" % r)
		eq(r.out.count("Your answer (one line)"), 3, "the text question not asked again: %r" % r.out)
		ok("characters that cannot be sent" in r.out, "no word why: %r" % r.out)
	finally:
		logout()


@S.test
def test_register_confirm(srv):
	name = "cmd%d" % (os.getpid() % 100000)
	addr = name + "@example.org"
	r = run("register", name, "--email", addr, "--display-name", "Cmd Test",
		stdin=b"a good password 1\n")
	eq(r.rc, 0, "register: %r" % r)
	tok = srv.mail_token(addr)
	# A taken name is answered like a new one (the mail says it is taken).
	r = run("register", name, "--email", "x" + addr, stdin=b"a good password 1\n")
	eq(r.rc, 0, "register a taken name: %r" % r)
	r = run("login", name, stdin=b"a good password 1\n")
	eq(r.rc, 2, "login before confirming is refused (not_confirmed): %r" % r)
	r = run("confirm", "not-the-token")
	ok(r.rc == 2, "confirm with a wrong token: %r" % r)
	r = run("confirm", tok)
	eq(r.rc, 0, "confirm: %r" % r)
	ok(name in r.out, "confirm names the account: %r" % r)
	login(name, "a good password 1")
	r = run("whoami")
	ok(r.out.startswith(name + " (Cmd Test)"), "whoami new account: %r" % r)
	logout()


@S.test
def test_register_confirm_by_code(srv):
	"""The 8-digit code of the mail, typed as the mail writes it (two
	groups of four) after the user name; register says how."""
	name = "code%d" % (os.getpid() % 100000)
	addr = name + "@example.org"
	r = run("register", name, "--email", addr, stdin=b"a good password 1\n")
	eq(r.rc, 0, "register: %r" % r)
	ok("mitwirkung confirm %s CODE" % name in r.out, "register says how to confirm: %r" % r)
	code = mail_code(srv, addr)
	wrong = "%08d" % ((int(code.replace(" ", "")) + 1) % 100000000)
	r = run("confirm", name, wrong)
	eq(r.rc, 2, "a wrong code is refused: %r" % r)
	r = run("confirm", name, *code.split())
	eq(r.rc, 0, "confirm by code: %r" % r)
	ok(name in r.out, "confirm names the account: %r" % r)
	login(name, "a good password 1")
	logout()


# --- network (exit 4) ------------------------------------------------------

@S.test
def test_network_errors(srv):
	s = socket.socket()
	s.bind(("127.0.0.1", 0))
	port = s.getsockname()[1]
	s.close()
	base = "http://127.0.0.1:%d/api/v1" % port
	r = run("--api", base, "projects")
	eq(r.rc, 4, "server down: %r" % r)
	ok("refused" in r.err and base in r.err, "connection refused said: %r" % r)
	r = run("projects", extra_env={"MITWIRKUNG_API": base})
	eq(r.rc, 4, "server down via MITWIRKUNG_API: %r" % r)
	# The config file is the third place the address comes from.
	cfg = os.path.join(C["home"], "config", "mitwirkung")
	os.makedirs(cfg, exist_ok=True)
	with open(os.path.join(cfg, "config"), "w") as f:
		f.write("# test\napi = %s\n" % base)
	e = env()
	del e["MITWIRKUNG_API"]
	p = subprocess.run([CLIENT, "projects"], capture_output=True, env=e, timeout=30)
	eq(p.returncode, 4, "address from the config file: %r" % (p.stderr,))
	with open(os.path.join(cfg, "config"), "w") as f:
		f.write("api = %s\n" % C["base"])
	p = subprocess.run([CLIENT, "projects"], capture_output=True, env=e, timeout=30)
	eq(p.returncode, 0, "config file with the right address: %r" % (p.stderr,))
	os.unlink(os.path.join(cfg, "config"))


@S.test
def test_tally(srv):
	"""Paper sheets by command: keyed twice by two staff accounts, shown
	side by side, corrected, withdrawn; errors in both languages."""
	poll = str(C["ranking"])
	login("rathaus", "rathaus-passwort")
	try:
		r = run("tally", "list", poll)
		eq(r.rc, 0, "tally list: %r" % r)
		ok("Paper rankings are counted like online ones: a first choice gets 3 points" in r.out,
		   "says how paper rankings count: %r" % r)
		# Option numbers as the page shows them; 9 is not one.
		r = run("tally", "add", poll, "--source", "Stand, Bogen 7", "--ballots", "4", "9,1=4")
		eq(r.rc, 1, "option 9: %r" % r)
		ok("option 9: the poll has options 1 to 5" in r.err, "names the numbers: %r" % r)
		r = run("tally", "add", poll, "--source", "Stand, Bogen 7", "--ballots", "4", "9,1=4",
			lang="de")
		ok("Option 9: Die Abstimmung hat die Optionen 1 bis 5" in r.err, "German: %r" % r)
		# The server names the numbers that do not add up, in the language.
		r = run("tally", "add", poll, "--source", "Stand, Bogen 7", "--ballots", "6", "4,1,5=4")
		eq(r.rc, 2, "sum refused: %r" % r)
		ok("add up to 4" in r.err and "not the 6 given" in r.err, "numbers: %r" % r)
		r = run("tally", "add", poll, "--source", "Stand, Bogen 7", "--ballots", "6", "4,1,5=4",
			lang="de")
		ok("Die Stimmen ergeben 4" in r.err and "nicht die angegebenen 6" in r.err,
		   "German numbers: %r" % r)
		r = run("tally", "add", poll, "--source", "Stand, Bogen 7", "--ballots", "5",
			"--invalid", "1", "--keys", "2", "4,1,5=3", "2=1")
		eq(r.rc, 0, "tally add: %r" % r)
		ok("waiting for the second keying" in r.out, "waits: %r" % r)
		sheet = re.findall(r"(?m)^(\d+)\. Stand, Bogen 7", run("tally", "list", poll).out)[-1]
	finally:
		logout()
	login("wahlhelfer", "wahlhelfer-passwort")
	try:
		r = run("tally", "key", poll, sheet, "--ballots", "5", "--invalid", "1", "4,5,1=3", "2=1")
		eq(r.rc, 0, "second keying: %r" % r)
		ok("the two keyings differ: not counted" in r.out, "mismatch: %r" % r)
		ok("1. Lautern tanzt (Lautern dances): keying 1: 6, keying 2: 3, differ" in r.out,
		   "side by side: %r" % r)
		r = run("tally", "correct", poll, sheet, "--ballots", "5", "--invalid", "1", "4,1,5=3",
			"2=1")
		eq(r.rc, 1, "a correction needs a reason: %r" % r)
		r = run("tally", "correct", poll, sheet, "--reason", "nachgezählt", "--ballots", "5",
			"--invalid", "1", "4,1,5=3", "2=1")
		eq(r.rc, 0, "correct: %r" % r)
		ok(": counted" in r.out and "differ" not in r.out, "agrees: %r" % r)
		r = run("results", poll)
		ok(re.search(r"\d+ ballots: \d+ online, 4 on paper", r.out), "paper counted: %r" % r)
		ok("1 blank or invalid paper ballot is not counted." in r.out, "invalid: %r" % r)
		r = run("tally", "withdraw", poll, sheet, "--reason", "doppelt")
		eq(r.rc, 0, "withdraw: %r" % r)
		r = run("tally", "show", poll, sheet, lang="de")
		ok("zurückgezogen" in r.out and "Erfassung 2 von Wahlhelfer am Stand am 28. November 2026"
		   in r.out, "shown in German, the date in German: %r" % r)
		ok("0 on paper" in run("results", poll).out, "withdrawn counts nothing")
		r = run("tally", "show", poll, "99")
		eq(r.rc, 1, "sheet 99: %r" % r)
		ok("paper sheet" in r.err, "says how many: %r" % r)
	finally:
		logout()
	# A resident may not.
	login()
	try:
		eq(run("tally", "list", poll).rc, 2, "a resident is refused")
	finally:
		logout()


if __name__ == "__main__":
	S.run(setup)
