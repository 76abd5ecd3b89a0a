# test_qa_cli.py — the one-shot commands as a developer and a German reader
# meet them: counts in the plural forms of the language ("1 Kommentar", not
# "1 Kommentare"), in English and German, against the real server.
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from mwtest import tempdir, CLIENT_BIN, Suite, eq, ok, status  # noqa: E402

S = Suite("test_qa_cli")
CLIENT = CLIENT_BIN
C = {}


def run(lang, *args, stdin=b""):
	home = C["home"]
	env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home,
	       "XDG_STATE_HOME": os.path.join(home, "state"),
	       "XDG_CONFIG_HOME": os.path.join(home, "config"),
	       "MITWIRKUNG_API": "http://127.0.0.1:%d/api/v1" % C["srv"].port}
	p = subprocess.run([CLIENT, "--lang", lang] + list(args), capture_output=True,
			   input=stdin, env=env, timeout=30)
	return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def setup():
	srv = S.server()
	srv.start()
	C["srv"] = srv
	C["home"] = tempdir("mw-qa-cli-")
	projects = status(srv.get("/projects?status=all"), 200, "projects").json["items"]
	C["stadt"] = [p for p in projects if "Stadt.Raum.Wir" in p["title"]][0]
	ideas = status(srv.get("/projects/%d/ideas" % C["stadt"]["id"]), 200, "ideas").json["items"]
	one = [i for i in ideas if i["comments"] == 1]
	ok(one, "the demo has an idea with exactly one comment: %r" % ideas)
	C["one"] = one[0]
	return C


@S.test
def test_ideas_singular_and_plural(c):
	pid = str(c["stadt"]["id"])
	rc, out, err = run("de", "ideas", pid)
	eq(rc, 0, "ideas (de): %r" % err)
	line = [ln for ln in out.splitlines() if c["one"]["title"] in ln]
	eq(len(line), 1, "the idea with one comment is listed: %r" % out)
	ok("  1 Kommentar  " in line[0], "German singular: %r" % line[0])
	ok(not re.search(r"\b1 Kommentare\b", out), "no '1 Kommentare': %r" % out)
	ok(re.search(r"\b[02-9]\d* Kommentare\b", out), "German plural kept: %r" % out)
	rc, out, err = run("en", "ideas", pid)
	eq(rc, 0, "ideas (en): %r" % err)
	ok(re.search(r"  1 comment  ", out), "English singular: %r" % out)
	ok(not re.search(r"\b1 comments\b", out), "no '1 comments': %r" % out)


@S.test
def test_idea_and_project_counts(c):
	rc, out, err = run("de", "idea", str(c["one"]["id"]))
	eq(rc, 0, "idea (de): %r" % err)
	ok(re.search(r"^\d+ Unterstützung(en)?, 1 Kommentar$", out, re.M),
	   "idea counts in German: %r" % out)
	rc, out, err = run("de", "project", str(c["stadt"]["id"]))
	eq(rc, 0, "project (de): %r" % err)
	ok(re.search(r"^\d+ Ideen?, \d+ Kommentare?, \d+ Teilnehmende", out, re.M),
	   "project counts in German: %r" % out)
	ok("ideas, " not in out and "participants" not in out, "no English counts: %r" % out)


@S.test
def test_vote_says_a_date(c):
	rc, out, err = run("de", "login", "demo", stdin=b"demo-passwort\n")
	eq(rc, 0, "login: %r" % err)
	ok(out.startswith("Angemeldet als demo (") and "citizen" not in out,
	   "the role in German words: %r" % out)
	polls = c["srv"].get("/projects/%d" % c["stadt"]["id"]).json["formats"]["polls"]
	poll = c["srv"].get("/polls/%d" % polls[0]["id"]).json
	first = poll["options"][0]
	# Option 1 as the poll's page numbers it; the date in German words.
	rc, out, err = run("de", "vote", str(poll["id"]), "1")
	eq(rc, 0, "vote: %r" % err)
	ok(first["title"] in out, "option 1 is the first listed: %r" % out)
	ok(re.search(r"bis zum \d{1,2}\. [A-Z][a-zä]+ \d{4} ändern", out), "a date to change it by: %r" % out)
	ok("T" + poll["closes_at"].split("T")[1] not in out, "no API timestamp: %r" % out)
	rc, out, err = run("de", "unvote", str(poll["id"]))
	eq(rc, 0, "unvote: %r" % err)


@S.test
def test_not_found_says_what(c):
	rc, out, err = run("de", "idea", "999999")
	eq(rc, 2, "idea 999999: %r" % err)
	ok(err.startswith("mitwirkung: idea 999999: "), "says what was not found: %r" % err)
	rc, out, err = run("en", "project", "nix\x1b]0;pwned\x07\x1b[2J")
	eq(rc, 2, "unknown project: %r" % err)
	ok("project nix" in err and "\x1b" not in err and "\x07" not in err,
	   "the argument is said sanitized: %r" % err)
	rc, out, err = run("en", "poll", "x\x1b[2J\x9b31m")
	eq(rc, 1, "poll with a bad number: %r" % err)
	ok("x" in err and "\x1b" not in err and "\x9b" not in err, "usage error sanitized: %r" % err)


if __name__ == "__main__":
	S.run(setup)
