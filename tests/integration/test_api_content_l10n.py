# test_api_content_l10n.py — the city's texts in every language of the
# registry over real HTTP (issue 13 items 2 and 4): the demo seed's Leichte
# Sprache, Turkish and Ukrainian texts of the first two votes, the
# registry's fallback order field by field, and "langs" naming each field's
# language so a client can mark German text as German.
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from mwtest import Suite, demo_index, eq, ok, status  # noqa: E402

S = Suite("test_api_content_l10n")
C = {}
PROJECTS = ("stadtraum", "logistik")
POLLS = {"stadtraum": "ranking", "logistik": "location"}


def setup():
	srv = S.server().start()
	C["srv"] = srv
	C["demo"] = demo_index(srv)
	r = status(srv.post("/auth/login", {"login": "rathaus", "password": "rathaus-passwort"}),
		   200, "staff login")
	C["staff"] = r.json["token"]
	return srv


def get(srv, path, lang):
	return status(srv.get("%s?lang=%s" % (path, lang)), 200, "GET %s in %s" % (path, lang)).json


def langs_agree(obj, fields, what):
	"""Every field present has a language in langs, and lang is the title's."""
	ok(isinstance(obj.get("langs"), dict), "%s has langs: %r" % (what, obj.get("langs")))
	for f in fields:
		if obj.get(f) is not None:
			ok(f in obj["langs"], "%s: langs names %s (%r)" % (what, f, obj["langs"]))
	if "lang" in obj:
		eq(obj["lang"], obj["langs"]["title"], "%s: lang is the title's language" % what)


@S.test
def test_seed_every_language(srv):
	"""Each demo vote answers in each registry language with its own title and
	summary, and says so; en and de as before."""
	texts = {}
	for key in PROJECTS:
		pid = C["demo"]["projects"][key]["id"]
		for lang in ("de", "en", "ls", "tr", "uk"):
			p = get(srv, "/projects/%s" % pid, lang)
			langs_agree(p, ("title", "summary", "description"), "%s/%s" % (key, lang))
			eq(p["langs"]["title"], lang, "%s title in %s" % (key, lang))
			eq(p["langs"]["summary"], lang, "%s summary in %s" % (key, lang))
			texts.setdefault(key, {})[lang] = p
		titles = {lang: p["summary"] for lang, p in texts[key].items()}
		eq(len(set(titles.values())), 5, "%s: five different summaries %r" % (key, titles))
	# Script and wording: Ukrainian is Cyrillic, Turkish has its letters.
	ok(any("\u0400" <= ch <= "\u04ff" for ch in texts["stadtraum"]["uk"]["summary"]),
	   "Ukrainian summary in Cyrillic")
	ok("ş" in texts["stadtraum"]["tr"]["summary"], "Turkish summary")


@S.test
def test_seed_leichte_sprache_vote(srv):
	"""Leichte Sprache has everything of the two votes: what it is about,
	what you can choose, until when; poll and options in ls too."""
	for key in PROJECTS:
		pid = C["demo"]["projects"][key]["id"]
		p = get(srv, "/projects/%s" % pid, "ls")
		eq(p["langs"]["description"], "ls", "%s description in ls" % key)
		for part in ("Darum geht es", "Das können Sie wählen", "Bis wann?"):
			ok(part in p["description"], "%s ls description says %r" % (key, part))
		de = get(srv, "/projects/%s" % pid, "de")
		ok(p["description"] != de["description"], "%s: ls differs from German" % key)
		po = get(srv, "/polls/%s" % C["demo"]["polls"][POLLS[key]]["id"], "ls")
		langs_agree(po, ("title", "question"), "%s poll ls" % key)
		eq((po["langs"]["title"], po["langs"]["question"]), ("ls", "ls"), "%s poll in ls" % key)
		for o in po["options"]:
			langs_agree(o, ("title", "description"), "%s option %s" % (key, o["id"]))
			eq(o["langs"].get("description"), "ls", "%s option %r in ls" % (key, o["title"]))
	po = get(srv, "/polls/%s" % C["demo"]["polls"]["ranking"]["id"], "ls")
	ok("3" in po["question"], "numbers as digits: %r" % po["question"])


@S.test
def test_seed_turkish_ukrainian_fall_back_to_german(srv):
	"""tr and uk have titles, summaries, polls and options; the description
	is the German one and says so."""
	for key in PROJECTS:
		pid = C["demo"]["projects"][key]["id"]
		de = get(srv, "/projects/%s" % pid, "de")
		for lang in ("tr", "uk"):
			p = get(srv, "/projects/%s" % pid, lang)
			eq(p["description"], de["description"], "%s %s: German description" % (key, lang))
			eq(p["langs"]["description"], "de", "%s %s: description named German" % (key, lang))
			eq(p["lang"], lang, "%s %s: the object's (title's) language" % (key, lang))
			po = get(srv, "/polls/%s" % C["demo"]["polls"][POLLS[key]]["id"], lang)
			eq((po["langs"]["title"], po["langs"]["question"]), (lang, lang),
			   "%s poll in %s" % (key, lang))
			ok(all(o["langs"]["title"] == lang for o in po["options"]),
			   "%s options in %s" % (key, lang))
	# Projects the city did not translate are German in tr, with the note.
	other = [p for p in C["demo"]["project_list"]
		 if p["id"] not in [C["demo"]["projects"][k]["id"] for k in PROJECTS]]
	ok(other, "demo has untranslated projects")
	lst = status(srv.get("/projects?status=all&lang=tr"), 200).json["items"]
	for p in lst:
		langs_agree(p, ("title", "summary"), "list item %s" % p["slug"])
		if p["id"] in [o["id"] for o in other]:
			eq(p["langs"], {"title": "de", "summary": "de"}, "%s in tr: German" % p["slug"])


@S.test
def test_fallback_order(srv):
	"""The registry's order, field by field: ls/tr/uk → de → en; de → en;
	en → de; a language outside the registry like German."""
	r = srv.post("/projects", {"slug": srv.unique("order-"), "status": "open",
				   "title": {"de": "Titel", "en": "Title", "ls": "Leichter Titel"},
				   "description": {"de": "Nur Deutsch", "en": "English too",
						   "tr": "Türkçe"}}, token=C["staff"])
	p = status(r, 201, "POST /projects").json
	# A text the city gave in English only (a PATCH needs no German).
	status(srv.patch("/projects/%s" % p["id"], {"summary": {"en": "Only English"}},
			 token=C["staff"]), 200, "PATCH summary en")
	want = {
	    "ls": (("Leichter Titel", "ls"), ("Only English", "en"), ("Nur Deutsch", "de")),
	    "tr": (("Titel", "de"), ("Only English", "en"), ("Türkçe", "tr")),
	    "uk": (("Titel", "de"), ("Only English", "en"), ("Nur Deutsch", "de")),
	    "de": (("Titel", "de"), ("Only English", "en"), ("Nur Deutsch", "de")),
	    "en": (("Title", "en"), ("Only English", "en"), ("English too", "en")),
	    "fr": (("Titel", "de"), ("Only English", "en"), ("Nur Deutsch", "de")),
	}
	for lang, fields in want.items():
		g = get(srv, "/projects/%s" % p["id"], lang)
		got = tuple((g[f], g["langs"][f]) for f in ("title", "summary", "description"))
		eq(got, fields, "fallback in %s" % lang)
		eq(g["lang"], fields[0][1], "lang in %s" % lang)


if __name__ == "__main__":
	S.run(setup)
