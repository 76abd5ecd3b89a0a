# test_api_public.py — the public endpoints of api-v1 over real HTTP: health,
# projects, ideas, comments, polls, results, surveys, the demo data of
# issue 2 item 4, pagination, language fallback, ETag/304 and gzip.
import gzip
import os
import re
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from mwtest import (Suite, all_items, demo_index, eq, error, find, has_fields,  # noqa: E402
		     is_rfc3339, ok, status, urlquote)

S = Suite("test_api_public")
C = {}

PROJECT_FIELDS = ["id", "slug", "category", "title", "summary", "status", "starts_at",
		  "ends_at", "lang", "counts"]
IDEA_FIELDS = ["id", "project_id", "title", "author", "created_at", "status", "supports",
	       "comments"]
POLL_FIELDS = ["id", "project_id", "title", "question", "kind", "max_choices", "status",
	       "opens_at", "closes_at", "results_visible", "options", "my_ballot"]
RESULT_FIELDS = ["poll_id", "kind", "final", "ballots", "options"]


def setup():
	srv = S.server().start()
	C["srv"] = srv
	C["demo"] = demo_index(srv)
	return srv


@S.test
def test_health(srv):
	r = status(srv.get("/health"), 200, "health")
	ok(r.header("content-type", ).startswith("application/json"), "health content-type")
	eq(r.json.get("status"), "ok", "health status")
	ok(isinstance(r.json.get("version"), str) and r.json["version"], "health version")


@S.test
def test_projects_list_shape(srv):
	items = all_items(srv, "/projects?status=all")
	ok(len(items) >= 5, "demo has at least 5 projects, got %d" % len(items))
	for p in items:
		has_fields(p, PROJECT_FIELDS, "project %s" % p.get("id"))
		ok(p["status"] in ("upcoming", "open", "closed"), "project status %r" % p["status"])
		has_fields(p["counts"], ["ideas", "comments", "participants"], "project counts")
		ok(p["lang"] in ("de", "en"), "project lang %r" % p["lang"])


@S.test
def test_projects_status_and_category_filters(srv):
	every = all_items(srv, "/projects?status=all")
	for st in ("open", "upcoming", "closed"):
		got = all_items(srv, "/projects?status=" + st)
		ok(all(p["status"] == st for p in got), "status=%s returned other statuses" % st)
		eq(sorted(p["id"] for p in got),
		   sorted(p["id"] for p in every if p["status"] == st), "status=%s set" % st)
	sc = all_items(srv, "/projects?status=all&category=smart-city")
	ok(len(sc) >= 4, "at least 4 smart-city projects, got %d" % len(sc))
	ok(all(p["category"] == "smart-city" for p in sc), "category filter leaks")
	ch = all_items(srv, "/projects?status=all&category=city-hall")
	ok(len(ch) >= 1 and all(p["category"] == "city-hall" for p in ch), "city-hall filter")
	none = status(srv.get("/projects?status=all&category=no-such-category"), 200).json
	eq(none["items"], [], "unknown category items")
	eq(none["total"], 0, "unknown category total")
	r = srv.get("/projects?status=sideways")
	ok(r.status in (400, 422), "status=sideways must be refused, got %r" % r)


@S.test
def test_pagination_cursor_total_limits(srv):
	full = status(srv.get("/projects?status=all&limit=100"), 200).json
	n = full["total"]
	eq(len(full["items"]), n, "limit=100 gives all")
	eq(full["next"], None, "no next after the last page")
	seen = []
	url = "/projects?status=all&limit=2"
	for _ in range(50):
		j = status(srv.get(url), 200, url).json
		ok(len(j["items"]) <= 2, "limit=2 gave %d items" % len(j["items"]))
		eq(j["total"], n, "total on every page")
		seen += [p["id"] for p in j["items"]]
		if not j["next"]:
			break
		url = "/projects?status=all&limit=2&after=" + urlquote(j["next"])
	eq(seen, [p["id"] for p in full["items"]], "paging by 2 gives the same order, no dupes")
	d = status(srv.get("/projects?status=all"), 200).json
	ok(len(d["items"]) == min(20, n), "default limit is 20")
	for bad in ("0", "101", "-1", "abc", ""):
		r = srv.get("/projects?status=all&limit=" + bad)
		ok(r.status in (400, 422), "limit=%r must be refused, got %r" % (bad, r))
		error(r, r.status, "validation_failed" if r.status == 422 else "bad_request",
		      "limit" if r.status == 422 else None, "limit=%r" % bad)
	one = status(srv.get("/projects?status=all&limit=1"), 200).json
	eq(len(one["items"]), 1, "limit=1")
	ok(one["next"] is not None, "limit=1 of several has a next cursor")
	r = srv.get("/projects?status=all&after=%2F%2Fnot-a-cursor%00")
	ok(r.status in (400, 422), "forged cursor must be refused, got %r" % r)


@S.test
def test_project_by_id_and_slug(srv):
	p = C["demo"]["projects"]["stadtraum"]
	has_fields(p, PROJECT_FIELDS + ["description", "formats"], "project detail")
	has_fields(p["formats"], ["ideas", "polls", "surveys"], "formats")
	ok(isinstance(p["formats"]["ideas"].get("open"), bool), "formats.ideas.open bool")
	for pl in p["formats"]["polls"]:
		has_fields(pl, ["id", "title", "kind", "status"], "formats.polls[]")
	by_slug = status(srv.get("/projects/" + urlquote(p["slug"])), 200, "by slug").json
	eq(by_slug["id"], p["id"], "slug resolves to the same project")
	ok(is_rfc3339(p["starts_at"]) or p["starts_at"] is None, "starts_at RFC 3339 %r" % p["starts_at"])


@S.test
def test_not_found_everywhere(srv):
	for path in ("/projects/999999", "/projects/no-such-slug", "/projects/999999/ideas",
		     "/projects/999999/comments", "/ideas/999999", "/ideas/999999/comments",
		     "/polls/999999", "/polls/999999/results", "/surveys/999999",
		     "/polls/999999/results.csv", "/nothing-here", "/ideas/abc"):
		error(srv.get(path), 404, "not_found", what="GET " + path)
	error(srv.get("/api/v2/projects"), 404, "not_found", what="GET /api/v2")


@S.test
def test_demo_projects(srv):
	d = C["demo"]
	ok("stadtraum" in d["projects"], "Stadt.Raum.Wir. project missing")
	ok("logistik" in d["projects"], "Lokale Logistik project missing")
	for key in ("stadtraum", "logistik"):
		p = d["projects"][key]
		eq(p["category"], "smart-city", key + " category")
		eq(p["status"], "open", key + " status")
		ok(p["description"].strip(), key + " has a description")
	sc = [p for p in d["project_list"] if p["category"] == "smart-city"]
	ok(len(sc) >= 4, "two more smart-city projects")
	others = [p for p in sc if p["id"] not in (d["projects"]["stadtraum"]["id"],
						     d["projects"]["logistik"]["id"])]
	ok(any(p["status"] == "upcoming" for p in others), "one of them upcoming")
	for p in others:
		full = d["projects"]["by_id"][p["id"]]
		ok("open" in full["formats"]["ideas"], "%s has an ideas board" % p["title"])
	ok(d["projects"]["stadtraum"]["formats"]["ideas"]["open"], "Stadt.Raum.Wir ideas open")


@S.test
def test_demo_ranking_poll(srv):
	po = C["demo"]["polls"].get("ranking")
	ok(po, "ranking poll of Stadt.Raum.Wir. missing")
	has_fields(po, POLL_FIELDS, "poll")
	eq(po["max_choices"], 3, "ranking max_choices")
	eq(po["status"], "open", "ranking poll open")
	eq(po["results_visible"], True, "open demo poll shows results live")
	eq(po["my_ballot"], None, "my_ballot without token")
	titles = " | ".join(o["title"] for o in po["options"])
	for want in ("Lautern tanzt", "3D-Straßenmalerei", "Crossboule", "Roundnet",
		     "Open-Air-Lesung"):
		ok(want in titles, "ranking option %r missing in %s" % (want, titles))
	eq(len(po["options"]), 5, "five ranking options")
	for o in po["options"]:
		has_fields(o, ["id", "title", "description", "location"], "option")


@S.test
def test_demo_location_poll(srv):
	po = C["demo"]["polls"].get("location")
	ok(po, "location poll of Lokale Logistik missing")
	eq(po["kind"], "single", "location poll kind")
	eq(po["max_choices"], 1, "single max_choices")
	ok(len(po["options"]) >= 2, "several places")
	for o in po["options"]:
		loc = o.get("location")
		ok(isinstance(loc, dict), "option %r has a location" % o["title"])
		ok(isinstance(loc.get("address"), str) and len(loc["address"].strip()) >= 5,
		   "option %r address %r" % (o["title"], loc.get("address")))
		ok(isinstance(o.get("description"), str) and len(o["description"].strip()) >= 20,
		   "option %r needs a description in words" % o["title"])
		has_fields(loc, ["lat", "lon"], "location")


@S.test
def test_demo_surveys(srv):
	d = C["demo"]
	box = d["surveys"].get("box")
	ok(box, "Lokale Logistik survey missing")
	has_fields(box, ["id", "project_id", "title", "intro", "status", "answered_by_me",
			 "questions"], "survey")
	kinds = [q["kind"] for q in box["questions"]]
	for k in ("multiple", "scale", "text"):
		ok(k in kinds, "box survey has a %s question (%s)" % (k, kinds))
	for q in box["questions"]:
		has_fields(q, ["id", "kind", "text", "required"], "question")
		if q["kind"] == "scale":
			has_fields(q["scale"], ["min", "max", "min_label", "max_label"], "scale")
			eq((q["scale"]["min"], q["scale"]["max"]), (1, 5), "scale 1-5")
		if q["kind"] in ("single", "multiple"):
			ok(q.get("options"), "choice question has options")
		if q["kind"] == "multiple":
			ok(isinstance(q.get("max_choices"), int), "multiple has max_choices")
	pk = d["surveys"].get("packaging")
	ok(pk, "packaging tax survey missing")
	eq(pk["status"], "open", "packaging survey open")
	eq(d["projects"]["cityhall_survey"]["category"], "city-hall", "packaging survey project")


@S.test
def test_demo_closed_bike_poll_final_with_analog(srv):
	po = C["demo"]["polls"].get("bike")
	ok(po, "Fahrradstraße Rütschhofstraße poll missing")
	eq(po["kind"], "single", "bike poll kind")
	eq(po["status"], "closed", "bike poll closed")
	eq(C["demo"]["projects"]["cityhall_bike"]["category"], "city-hall", "bike poll project")
	r = status(srv.get("/polls/%s/results" % po["id"]), 200, "bike results").json
	has_fields(r, RESULT_FIELDS, "results")
	eq(r["final"], True, "closed poll results final")
	b = r["ballots"]
	ok(b["analog"] > 0, "analog tally from the booth counted: %r" % b)
	eq(b["total"], b["online"] + b["analog"], "ballots total")
	for o in r["options"]:
		has_fields(o, ["id", "title", "online", "analog", "total", "share", "rank"], "option")
		eq(o["total"], o["online"] + o["analog"], "option total")
		if b["total"]:
			ok(abs(o["share"] - o["total"] / b["total"]) < 0.001, "share = total/ballots")
	eq(sum(o["analog"] for o in r["options"]), b["analog"], "single: analog sums to ballots")
	ranks = sorted(r["options"], key=lambda o: -o["total"])
	eq(ranks[0]["rank"], 1, "top option rank 1")
	for a, c in zip(ranks, ranks[1:]):
		if a["total"] == c["total"]:
			eq(a["rank"], c["rank"], "ties share a rank")
		else:
			ok(a["rank"] < c["rank"], "rank order")


@S.test
def test_results_shape_ranking(srv):
	po = C["demo"]["polls"]["ranking"]
	r = status(srv.get("/polls/%s/results" % po["id"]), 200, "ranking results").json
	eq(r["poll_id"], po["id"], "poll_id")
	eq(r["kind"], "ranking", "kind")
	eq(r["final"], False, "open poll not final")
	for o in r["options"]:
		ok("points" in o, "ranking results carry points")
	eq({o["id"] for o in r["options"]}, {o["id"] for o in po["options"]}, "all options")


@S.test
def test_demo_ideas_and_comments(srv):
	p = C["demo"]["projects"]["stadtraum"]
	ideas = all_items(srv, "/projects/%s/ideas" % p["id"])
	ok(len(ideas) >= 3, "at least three published ideas")
	for i in ideas:
		has_fields(i, IDEA_FIELDS, "idea")
		eq(i["status"], "published", "public list only published")
		eq(i["project_id"], p["id"], "idea project_id")
		ok("supported_by_me" not in i or i["supported_by_me"] in (None, False),
		   "supported_by_me without token")
	text = " ".join(i["title"].lower() for i in ideas)
	for alts in (("skate",), ("beach", "strand"), ("spiel", "play", "kinder")):
		ok(any(a in text for a in alts), "demo idea about %s missing in %s" % (alts[0], text))
	with_c = [i for i in ideas if i["comments"] > 0]
	ok(with_c, "some idea has comments")
	replies = 0
	for i in with_c:
		cs = all_items(srv, "/ideas/%s/comments" % i["id"])
		check_comment_order(cs, "idea %s" % i["id"])
		replies += sum(1 for c in cs if c.get("parent_id"))
		eq(len(cs), i["comments"], "comments count matches list for idea %s" % i["id"])
	ok(replies > 0, "demo has replies")
	one = status(srv.get("/ideas/%s" % ideas[0]["id"]), 200).json
	has_fields(one, IDEA_FIELDS + ["body"], "idea detail")
	ok(one["body"].strip(), "idea body")


def check_comment_order(cs, what):
	seen = set()
	last_top = None
	for c in cs:
		has_fields(c, ["id", "parent_id", "author", "body", "created_at", "status"], "comment")
		ok("idea_id" in c or "project_id" in c, "comment names idea_id or project_id")
		if c["parent_id"]:
			ok(c["parent_id"] in seen, "%s: reply %s before its parent" % (what, c["id"]))
		else:
			if last_top is not None:
				ok(c["created_at"] >= last_top, "%s: top comments oldest first" % what)
			last_top = c["created_at"]
		seen.add(c["id"])


@S.test
def test_ideas_sort(srv):
	p = C["demo"]["projects"]["stadtraum"]
	top = all_items(srv, "/projects/%s/ideas?sort=top" % p["id"])
	sup = [i["supports"] for i in top]
	eq(sup, sorted(sup, reverse=True), "sort=top by supports")
	new = all_items(srv, "/projects/%s/ideas?sort=new" % p["id"])
	ts = [i["created_at"] for i in new]
	eq(ts, sorted(ts, reverse=True), "sort=new newest first")
	r = srv.get("/projects/%s/ideas?sort=sideways" % p["id"])
	ok(r.status in (400, 422), "sort=sideways refused, got %r" % r)


@S.test
def test_project_comments(srv):
	p = C["demo"]["projects"]["stadtraum"]
	cs = all_items(srv, "/projects/%s/comments" % p["id"])
	check_comment_order(cs, "project comments")


@S.test
def test_language_fallback(srv):
	pid = C["demo"]["projects"]["stadtraum"]["id"]
	de = status(srv.get("/projects/%s" % pid), 200).json
	eq(de["lang"], "de", "default language")
	en = status(srv.get("/projects/%s?lang=en" % pid), 200).json
	eq(en["lang"], "en", "?lang=en")
	ok(en["summary"] != de["summary"], "English summary differs from German")
	al = status(srv.get("/projects/%s" % pid, lang="en-GB,en;q=0.9,de;q=0.5"), 200).json
	eq(al["lang"], "en", "Accept-Language en-GB")
	eq(al["summary"], en["summary"], "Accept-Language gives English text")
	fr = status(srv.get("/projects/%s?lang=fr" % pid), 200).json
	eq(fr["lang"], "de", "unknown language falls back to de")
	eq(fr["summary"], de["summary"], "fallback text is German")
	fr2 = status(srv.get("/projects/%s" % pid, lang="fr"), 200).json
	eq(fr2["lang"], "de", "Accept-Language fr falls back to de")
	q = status(srv.get("/projects/%s?lang=de" % pid, lang="en"), 200).json
	eq(q["lang"], "de", "?lang wins over Accept-Language")
	po = C["demo"]["polls"]["ranking"]
	pen = status(srv.get("/polls/%s?lang=en" % po["id"]), 200).json
	ok(pen["question"] != po["question"], "poll question translated")
	lst = status(srv.get("/projects?status=all&lang=en"), 200).json
	ok(all(p["lang"] == "en" for p in lst["items"]), "list items say lang en")
	# Error messages come in the request language too.
	m_de = error(srv.get("/ideas/999999?lang=de"), 404, "not_found")["message"]
	m_en = error(srv.get("/ideas/999999?lang=en"), 404, "not_found")["message"]
	ok(m_de != m_en, "error message in the request language (%r vs %r)" % (m_de, m_en))


@S.test
def test_etag_304(srv):
	po = C["demo"]["polls"]["ranking"]
	paths = ["/projects", "/projects/%s" % po["project_id"], "/polls/%s" % po["id"],
		 "/polls/%s/results" % po["id"], "/health",
		 "/projects/%s/ideas" % po["project_id"]]
	for path in paths:
		r = status(srv.get(path), 200, path)
		et = r.header("etag")
		ok(et, "GET %s has an ETag" % path)
		r2 = srv.get(path, headers={"If-None-Match": et})
		eq(r2.status, 304, "If-None-Match on %s" % path)
		eq(r2.body, b"", "304 has no body")
		r3 = srv.get(path, headers={"If-None-Match": '"definitely-not-it"'})
		eq(r3.status, 200, "other ETag gets 200 on %s" % path)
	a = srv.get("/projects?lang=de").header("etag")
	b = srv.get("/projects?lang=en").header("etag")
	ok(a != b, "ETag differs by language")


@S.test
def test_etag_list_and_weak_forms(srv):
	r = status(srv.get("/projects"), 200)
	et = r.header("etag")
	eq(srv.get("/projects", headers={"If-None-Match": '"nope", ' + et}).status, 304,
	   "If-None-Match with a list of ETags")
	eq(srv.get("/projects", headers={"If-None-Match": "*"}).status, 304, "If-None-Match: *")
	weak = et if et.startswith("W/") else "W/" + et
	eq(srv.get("/projects", headers={"If-None-Match": weak}).status, 304,
	   "weak comparison for If-None-Match")


@S.test
def test_list_limits_on_every_list(srv):
	p = C["demo"]["projects"]["stadtraum"]
	idea = status(srv.get("/projects/%s/ideas" % p["id"]), 200).json["items"][0]
	for path in ("/projects/%s/ideas" % p["id"], "/ideas/%s/comments" % idea["id"],
		     "/projects/%s/comments" % p["id"]):
		for bad in ("0", "101", "x"):
			r = srv.get(path + "?limit=" + bad)
			ok(r.status in (400, 422), "%s?limit=%s refused, got %r" % (path, bad, r))
		j = status(srv.get(path + "?limit=1"), 200).json
		ok(len(j["items"]) <= 1, "limit=1 on " + path)
		if j["total"] > 1:
			ok(j["next"], "next cursor on " + path)
			j2 = status(srv.get(path + "?limit=1&after=" + urlquote(j["next"])), 200).json
			ok(j2["items"] and j2["items"][0]["id"] != j["items"][0]["id"], "page 2 of " + path)


@S.test
def test_keep_alive_after_errors(srv):
	c = srv.conn()
	try:
		for k in range(30):
			path = ("/ideas/999999", "/health", "/projects?limit=0")[k % 3]
			r = srv.get(path, conn=c)
			eq(r.status, (404, 200, r.status)[k % 3], "answer %d on one connection" % k)
			ok(r.status in (200, 400, 404, 422), "keep-alive answer %r" % r)
	finally:
		c.close()


@S.test
def test_etag_changes_with_results(srv):
	po = C["demo"]["polls"]["ranking"]
	path = "/polls/%s/results" % po["id"]
	r1 = status(srv.get(path), 200)
	et = r1.header("etag")
	u = srv.new_user()
	status(srv.put("/polls/%s/ballot" % po["id"], {"choices": [po["options"][0]["id"]]},
		       token=u["token"]), 200, "ballot")
	r2 = srv.get(path, headers={"If-None-Match": et})
	eq(r2.status, 200, "results after a new ballot are not 304")
	ok(r2.header("etag") != et, "new ETag after a ballot")
	eq(r2.json["ballots"]["online"], r1.json["ballots"]["online"] + 1, "ballot counted")
	rg = srv.get(path, headers={"Accept-Encoding": "gzip", "If-None-Match": et})
	eq(rg.status, 200, "gzip variant is fresh too")
	eq(rg.json["ballots"]["online"], r2.json["ballots"]["online"], "gzip variant not stale")


@S.test
def test_gzip(srv):
	path = "/projects?status=all&limit=100"
	plain = status(srv.get(path), 200)
	ok(len(plain.body) > 1024, "project list > 1 KiB (%d)" % len(plain.body))
	ok(plain.header("content-encoding") in (None, "identity"), "no gzip unasked")
	z = status(srv.get(path, headers={"Accept-Encoding": "gzip"}), 200)
	eq(z.header("content-encoding"), "gzip", "gzip for a body over 1 KiB")
	ok(len(z.raw_body) < len(plain.body), "gzip body is smaller")
	eq(gzip.decompress(z.raw_body), plain.body, "gzip body decompresses to the same JSON")
	et = z.header("etag")
	ok(et, "gzip answer has an ETag")
	eq(srv.get(path, headers={"Accept-Encoding": "gzip", "If-None-Match": et}).status, 304,
	   "304 for gzip ETag")
	vary = (z.header("vary") or "").lower()
	ok("accept-encoding" in vary, "Vary: Accept-Encoding on a compressed answer")
	z2 = status(srv.get(path, headers={"Accept-Encoding": "gzip;q=0, identity"}), 200)
	ok(z2.header("content-encoding") != "gzip", "gzip;q=0 is a refusal")


@S.test
def test_token_adds_by_me_fields(srv):
	u = srv.new_user()
	po = C["demo"]["polls"]["location"]
	j = status(srv.get("/polls/%s" % po["id"], token=u["token"]), 200).json
	eq(j["my_ballot"], None, "no ballot yet")
	p = C["demo"]["projects"]["stadtraum"]
	ideas = status(srv.get("/projects/%s/ideas" % p["id"], token=u["token"]), 200).json
	for i in ideas["items"]:
		eq(i.get("supported_by_me"), False, "supported_by_me false for a new account")
	sv = C["demo"]["surveys"]["box"]
	eq(status(srv.get("/surveys/%s" % sv["id"], token=u["token"]), 200).json["answered_by_me"],
	   False, "answered_by_me")


@S.test
def test_no_answer_leaks_between_accounts(srv):
	"""Per-account fields (my_ballot, supported_by_me) must never come from a
	cache filled by someone else, and ETags must not let one account's
	answer stand for another's."""
	po = C["demo"]["polls"]["location"]
	a, b = srv.new_user(), srv.new_user()
	oid = po["options"][1]["id"]
	status(srv.put("/polls/%s/ballot" % po["id"], {"choices": [oid]}, token=a["token"]), 200)
	ra = status(srv.get("/polls/%s" % po["id"], token=a["token"]), 200)
	eq(ra.json["my_ballot"], [oid], "A's my_ballot")
	for _ in range(3):      # a warm cache must not change the answer
		rb = status(srv.get("/polls/%s" % po["id"], token=b["token"]), 200)
		eq(rb.json["my_ballot"], None, "B must not see A's ballot")
		r0 = status(srv.get("/polls/%s" % po["id"]), 200)
		eq(r0.json["my_ballot"], None, "anonymous must not see A's ballot")
	et = ra.header("etag")
	rb = srv.get("/polls/%s" % po["id"], token=b["token"], headers={"If-None-Match": et})
	eq(rb.status, 200, "A's ETag is not B's")
	ok(rb.header("etag") != et, "different ETag for a different body")
	r0 = srv.get("/polls/%s" % po["id"], headers={"If-None-Match": et})
	eq(r0.status, 200, "A's ETag is not the anonymous one")
	# Same for supported_by_me on an idea list.
	p = C["demo"]["projects"]["stadtraum"]
	first = status(srv.get("/projects/%s/ideas?sort=new" % p["id"]), 200).json["items"][0]
	status(srv.put("/ideas/%s/support" % first["id"], token=a["token"]), 200)
	la = status(srv.get("/projects/%s/ideas?sort=new" % p["id"], token=a["token"]), 200).json
	lb = status(srv.get("/projects/%s/ideas?sort=new" % p["id"], token=b["token"]), 200).json
	eq(find(la["items"], id=first["id"]).get("supported_by_me"), True, "A supported")
	eq(find(lb["items"], id=first["id"]).get("supported_by_me"), False, "B did not")


@S.test
def test_json_content_type_and_counts(srv):
	p = C["demo"]["projects"]["stadtraum"]
	for path in ("/projects", "/projects/%s" % p["id"], "/projects/%s/ideas" % p["id"],
		     "/polls/%s" % C["demo"]["polls"]["ranking"]["id"]):
		ct = status(srv.get(path), 200).header("content-type") or ""
		ok(ct.startswith("application/json"), "%s Content-Type %r" % (path, ct))
	ideas = status(srv.get("/projects/%s/ideas" % p["id"]), 200).json
	eq(p["counts"]["ideas"], ideas["total"], "counts.ideas = published ideas")


@S.test
def test_demo_accounts(srv):
	out = srv.cli("seed", "demo", "--db", os.path.join(srv.tmp, "seed-only.db"),
		      "--pwhash", "min")
	eq(out.returncode, 0, "seed demo exit status")
	text = (out.stdout + out.stderr).decode()
	accts = re.findall(r"^\s*(\S+)\s+password\s+(\S+)\s+role\s+(\S+)", text, re.M)
	roles = {name: (pw, role) for name, pw, role in accts}
	for name, role in (("demo", "citizen"), ("moderation", "moderator"), ("rathaus", "staff")):
		ok(name in roles, "seed prints the demo account %s: %r" % (name, text))
		eq(roles[name][1], role, "printed role of " + name)
		r = status(srv.login(name, roles[name][0]), 200, "login as demo account " + name)
		eq(r.json["user"]["role"], role, "role of " + name)


@S.test
def test_accept_language_q_values(srv):
	pid = C["demo"]["projects"]["stadtraum"]["id"]
	for header, want in (("en;q=0.5, de", "de"), ("de;q=0.1, en;q=0.9", "en"),
			     ("fr, en;q=0.8", "en"), ("*", "de"), ("en-US", "en")):
		j = status(srv.get("/projects/%s" % pid, lang=header), 200).json
		eq(j["lang"], want, "Accept-Language %r" % header)


@S.test
def test_method_not_allowed_is_an_error_body(srv):
	r = srv.request("PATCH", "/health", {})
	ok(400 <= r.status < 500, "PATCH /health is refused, got %r" % r)
	ok("error" in r.json, "error body for a wrong method")


if __name__ == "__main__":
	S.run(setup)
