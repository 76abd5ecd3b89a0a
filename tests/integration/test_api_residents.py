# test_api_residents.py — what an active account does: ideas, support
# (idempotent), comments and replies, reports, ballots (replace, delete,
# every invalid ballot, outside the window, Borda points), survey responses,
# and DELETE /me keeping ideas (by a deleted account) and ballots counted.
import json
import os
import sqlite3
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from mwtest import (Suite, all_items, demo_index, eq, error, find, has_fields,  # noqa: E402
		     is_rfc3339, iso, make_poll, make_project, now, ok, status)

S = Suite("test_api_residents")
C = {}


def setup():
	srv = S.server().start()
	C["demo"] = demo_index(srv)
	C["mod"] = srv.new_user("moderator")
	C["staff"] = srv.new_user("staff")
	return srv


def approve(srv, kind, oid):
	return status(srv.post("/moderation/%s/%s" % (kind, oid),
			       {"action": "approve", "reason": "ok"}, token=C["mod"]["token"]),
		      200, "approve %s %s" % (kind, oid))


def new_idea(srv, u, pid=None, publish=True, title="Sitzbänke am Stiftsplatz"):
	pid = pid or C["demo"]["projects"]["stadtraum"]["id"]
	r = status(srv.post("/projects/%s/ideas" % pid,
			    {"title": title, "body": "Mehr Bänke im Schatten, bitte."},
			    token=u["token"]), 201, "new idea")
	if publish:
		approve(srv, "ideas", r.json["id"])
	return r.json


@S.test
def test_idea_create_pending_and_visibility(srv):
	u = srv.new_user()
	other = srv.new_user()
	pid = C["demo"]["projects"]["stadtraum"]["id"]
	r = srv.post("/projects/%s/ideas" % pid,
		     {"title": "Trinkbrunnen", "body": "Ein Trinkbrunnen am Schillerplatz."},
		     token=u["token"])
	status(r, 201, "POST idea")
	i = r.json
	has_fields(i, ["id", "project_id", "title", "author", "created_at", "status", "supports",
		       "comments"], "created idea")
	eq(i["status"], "pending", "new idea pending")
	eq(i["title"], "Trinkbrunnen", "title as written")
	status(srv.get("/ideas/%s" % i["id"], token=u["token"]), 200, "author sees own pending")
	error(srv.get("/ideas/%s" % i["id"]), 404, "not_found", what="public pending idea")
	error(srv.get("/ideas/%s" % i["id"], token=other["token"]), 404, "not_found",
	      what="someone else's pending idea")
	public = all_items(srv, "/projects/%s/ideas" % pid)
	ok(not find(public, id=i["id"]), "pending idea not in the public list")
	mine = all_items(srv, "/projects/%s/ideas" % pid, token=u["token"])
	ok(find(mine, id=i["id"]), "author sees own pending idea in the list")
	error(srv.post("/projects/%s/ideas" % pid, {"title": "x" * 5, "body": "y" * 20}), 401,
	      "unauthorized", what="idea without token")


@S.test
def test_idea_rejected_shows_reason_to_author(srv):
	u = srv.new_user()
	i = new_idea(srv, u, publish=False, title="Werbung für meinen Laden")
	status(srv.post("/moderation/ideas/%s" % i["id"],
			{"action": "reject", "reason": "Werbung"}, token=C["mod"]["token"]), 200)
	j = status(srv.get("/ideas/%s" % i["id"], token=u["token"]), 200).json
	eq(j["status"], "rejected", "author sees rejected")
	eq(j.get("moderation_reason"), "Werbung", "moderation_reason for the author")
	error(srv.get("/ideas/%s" % i["id"]), 404, "not_found", what="rejected idea public")


@S.test
def test_idea_input_rules(srv):
	u = srv.new_user()
	pid = C["demo"]["projects"]["stadtraum"]["id"]

	def post(title, body):
		b = {"title": title, "body": body}
		if title is None:
			del b["title"]
		return srv.post("/projects/%s/ideas" % pid, b, token=u["token"])
	good = "Ein Text mit genug Zeichen."
	error(post("ab", good), 422, "validation_failed", "title", "title 2 chars")
	error(post("x" * 121, good), 422, "validation_failed", "title", "title 121 chars")
	error(post("Gut", "zu kurz"), 422, "validation_failed", "body", "body 7 chars")
	error(post("Gut", "b" * 5001), 422, "validation_failed", "body", "body 5001 chars")
	status(post("äöü", good), 201, "3 characters (6 bytes) is enough")
	status(post("ü" * 120, good), 201, "120 characters of 2 bytes each")
	status(post("Gut", "ß" * 5000), 201, "5000 characters")
	status(post("Zeilen", "Erste Zeile\nzweite Zeile\n\nAbsatz."), 201, "newline in body ok")
	error(post("Zeile\nneu", good), 422, "validation_failed", "title", "newline in title")
	error(post("Tab\tTitel", good), 422, "validation_failed", "title", "tab in title")
	error(post("Gut", "Mit\x1b[31m Escape und mehr"), 422, "validation_failed", "body",
	      "ESC in body")
	error(post("Gut", "Mit \r Wagenrücklauf dabei"), 422, "validation_failed", "body",
	      "CR in body")
	error(post("Gut", "Mit DEL \x7f Zeichen drin"), 422, "validation_failed", "body",
	      "DEL in body")
	for ch in ("\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067",
		   "\u2068", "\u2069", "\u0080", "\u009f"):
		error(post("Titel " + ch + " x", good), 422, "validation_failed", "title",
		      "U+%04X in title" % ord(ch))
	r = post(None, good)
	ok(r.status in (400, 422), "missing title refused, got %r" % r)
	if r.status == 422:
		error(r, 422, "validation_failed", "title", "missing title")
	error(post(123, good), 400, "bad_request", what="title as a number")
	error(post("Gut", ["a", "b"]), 400, "bad_request", what="body as an array")


@S.test
def test_idea_closed_project(srv):
	u = srv.new_user()
	d = C["demo"]
	closed_or_upcoming = [p for p in d["project_list"]
			      if not d["projects"]["by_id"][p["id"]]["formats"]["ideas"]["open"]]
	ok(closed_or_upcoming, "demo has a project that takes no ideas now")
	for p in closed_or_upcoming:
		r = srv.post("/projects/%s/ideas" % p["id"], {"title": "Titel", "body": "Genug Text hier."},
			     token=u["token"])
		error(r, 409, "closed", what="idea in project %s (%s)" % (p["id"], p["status"]))
	error(srv.post("/projects/999999/ideas", {"title": "Titel", "body": "Genug Text hier."},
		       token=u["token"]), 404, "not_found", what="idea in unknown project")


@S.test
def test_support_idempotent(srv):
	author = srv.new_user()
	u = srv.new_user()
	i = new_idea(srv, author)
	base = status(srv.get("/ideas/%s" % i["id"]), 200).json["supports"]
	r1 = status(srv.put("/ideas/%s/support" % i["id"], token=u["token"]), 200, "support").json
	eq(r1, {"supported": True, "supports": base + 1}, "first support")
	r2 = status(srv.put("/ideas/%s/support" % i["id"], token=u["token"]), 200, "again").json
	eq(r2, {"supported": True, "supports": base + 1}, "double support is idempotent")
	j = status(srv.get("/ideas/%s" % i["id"], token=u["token"]), 200).json
	eq(j["supports"], base + 1, "idea supports")
	eq(j.get("supported_by_me"), True, "supported_by_me")
	d1 = status(srv.delete("/ideas/%s/support" % i["id"], token=u["token"]), 200).json
	eq(d1, {"supported": False, "supports": base}, "withdraw")
	d2 = status(srv.delete("/ideas/%s/support" % i["id"], token=u["token"]), 200).json
	eq(d2, {"supported": False, "supports": base}, "withdraw twice is idempotent")
	error(srv.put("/ideas/%s/support" % i["id"]), 401, "unauthorized", what="support no token")
	error(srv.put("/ideas/999999/support", token=u["token"]), 404, "not_found",
	      what="support unknown idea")
	pend = new_idea(srv, author, publish=False)
	r = srv.put("/ideas/%s/support" % pend["id"], token=u["token"])
	ok(r.status in (404, 409), "support of a pending idea refused, got %r" % r)


@S.test
def test_comments_and_replies(srv):
	author = srv.new_user()
	u = srv.new_user()
	i = new_idea(srv, author)
	r = status(srv.post("/ideas/%s/comments" % i["id"], {"body": "Gute Idee!"},
			    token=u["token"]), 201, "comment").json
	has_fields(r, ["id", "parent_id", "author", "body", "created_at", "status"], "comment")
	eq(r["status"], "pending", "new comment pending")
	eq(r["parent_id"], None, "top comment parent_id null")
	eq(r.get("idea_id"), i["id"], "comment idea_id")
	ok(is_rfc3339(r["created_at"]), "created_at")
	cs = all_items(srv, "/ideas/%s/comments" % i["id"])
	ok(not find(cs, id=r["id"]), "pending comment not public")
	approve(srv, "comments", r["id"])
	rep = status(srv.post("/ideas/%s/comments" % i["id"], {"body": "Finde ich auch.",
							     "parent_id": r["id"]},
			      token=author["token"]), 201, "reply").json
	eq(rep["parent_id"], r["id"], "reply parent_id")
	approve(srv, "comments", rep["id"])
	late = status(srv.post("/ideas/%s/comments" % i["id"], {"body": "Später."},
			       token=u["token"]), 201).json
	approve(srv, "comments", late["id"])
	cs = all_items(srv, "/ideas/%s/comments" % i["id"])
	eq([c["id"] for c in cs], [r["id"], rep["id"], late["id"]], "oldest first, reply after parent")
	eq(status(srv.get("/ideas/%s" % i["id"]), 200).json["comments"], 3, "idea comment count")
	r2 = srv.post("/ideas/%s/comments" % i["id"], {"body": "Antwort auf Antwort",
						      "parent_id": rep["id"]}, token=u["token"])
	ok(r2.status == 422 and r2.json["error"]["field"] == "parent_id",
	   "one level of replies only: %r" % r2)
	r3 = srv.post("/ideas/%s/comments" % i["id"], {"body": "x", "parent_id": 999999},
		      token=u["token"])
	ok(r3.status in (404, 422), "unknown parent refused, got %r" % r3)
	error(r3, r3.status, "not_found" if r3.status == 404 else "validation_failed",
	      what="unknown parent")
	error(srv.post("/ideas/%s/comments" % i["id"], {"body": ""}, token=u["token"]), 422,
	      "validation_failed", "body", "empty comment")
	error(srv.post("/ideas/%s/comments" % i["id"], {"body": "c" * 2001}, token=u["token"]),
	      422, "validation_failed", "body", "2001-char comment")
	status(srv.post("/ideas/%s/comments" % i["id"], {"body": "c" * 2000}, token=u["token"]),
	       201, "2000-char comment")
	error(srv.post("/ideas/%s/comments" % i["id"], {"body": "x"}), 401, "unauthorized",
	      what="comment without token")
	error(srv.post("/ideas/999999/comments", {"body": "x"}, token=u["token"]), 404,
	      "not_found", what="comment on unknown idea")
	pid = C["demo"]["projects"]["stadtraum"]["id"]
	pc = status(srv.post("/projects/%s/comments" % pid, {"body": "Zum Projekt"},
			     token=u["token"]), 201, "project comment").json
	eq(pc.get("project_id"), pid, "project comment project_id")
	approve(srv, "comments", pc["id"])
	ok(find(all_items(srv, "/projects/%s/comments" % pid), id=pc["id"]),
	   "approved project comment listed")


@S.test
def test_late_reply_stays_with_its_parent_across_pages(srv):
	u = srv.new_user()
	i = new_idea(srv, u, title="Idee mit Faden")

	def comment(body, parent=None):
		b = {"body": body}
		if parent:
			b["parent_id"] = parent
		c = status(srv.post("/ideas/%s/comments" % i["id"], b, token=u["token"]), 201).json
		approve(srv, "comments", c["id"])
		return c["id"]
	a = comment("A")
	a1 = comment("A1", a)
	b = comment("B")
	a2 = comment("A2 kommt spät", a)
	b1 = comment("B1", b)
	want = [a, a1, a2, b, b1]
	eq([c["id"] for c in all_items(srv, "/ideas/%s/comments" % i["id"])], want,
	   "replies after their parent, even a late one")
	got, url = [], "/ideas/%s/comments?limit=2" % i["id"]
	for _ in range(10):
		j = status(srv.get(url), 200).json
		got += [c["id"] for c in j["items"]]
		if not j["next"]:
			break
		url = "/ideas/%s/comments?limit=2&after=%s" % (i["id"], j["next"])
	eq(got, want, "the same order page by page")


@S.test
def test_reports(srv):
	u = srv.new_user()
	i = new_idea(srv, srv.new_user())
	status(srv.post("/ideas/%s/report" % i["id"], {"reason": "Beleidigend"}, token=u["token"]),
	       202, "report idea")
	p = C["demo"]["projects"]["stadtraum"]
	ideas = [x for x in all_items(srv, "/projects/%s/ideas" % p["id"]) if x["comments"]]
	c = all_items(srv, "/ideas/%s/comments" % ideas[0]["id"])[0]
	status(srv.post("/comments/%s/report" % c["id"], {"reason": "Spam"}, token=u["token"]),
	       202, "report comment")
	error(srv.post("/ideas/%s/report" % i["id"], {"reason": "x"}), 401, "unauthorized",
	      what="report without token")
	error(srv.post("/ideas/999999/report", {"reason": "x"}, token=u["token"]), 404,
	      "not_found", what="report unknown idea")
	error(srv.post("/comments/999999/report", {"reason": "x"}, token=u["token"]), 404,
	      "not_found", what="report unknown comment")
	error(srv.post("/ideas/%s/report" % i["id"], {"reason": "bad\x07bell"}, token=u["token"]),
	      422, "validation_failed", "reason", "control char in reason")


def results(srv, poll_id):
	return status(srv.get("/polls/%s/results" % poll_id), 200, "results").json


def opt(res, oid):
	return find(res["options"], id=oid)


@S.test
def test_ballot_single_replace_delete(srv):
	u = srv.new_user()
	po = C["demo"]["polls"]["location"]
	a, b = po["options"][0]["id"], po["options"][1]["id"]
	before = results(srv, po["id"])
	r = status(srv.put("/polls/%s/ballot" % po["id"], {"choices": [a]}, token=u["token"]),
		   200, "ballot").json
	has_fields(r, ["poll_id", "choices", "updated_at"], "ballot answer")
	eq(r["poll_id"], po["id"], "ballot poll_id")
	eq(r["choices"], [a], "ballot choices")
	ok(is_rfc3339(r["updated_at"]), "updated_at")
	eq(status(srv.get("/polls/%s" % po["id"], token=u["token"]), 200).json["my_ballot"], [a],
	   "my_ballot")
	mid = results(srv, po["id"])
	eq(mid["ballots"]["online"], before["ballots"]["online"] + 1, "one more ballot")
	eq(opt(mid, a)["online"], opt(before, a)["online"] + 1, "option a counted")
	status(srv.put("/polls/%s/ballot" % po["id"], {"choices": [b]}, token=u["token"]), 200,
	       "replace")
	after = results(srv, po["id"])
	eq(after["ballots"]["online"], before["ballots"]["online"] + 1, "replaced, not added")
	eq(opt(after, a)["online"], opt(before, a)["online"], "a back to before")
	eq(opt(after, b)["online"], opt(before, b)["online"] + 1, "b counted")
	status(srv.delete("/polls/%s/ballot" % po["id"], token=u["token"]), 204, "delete ballot")
	eq(status(srv.get("/polls/%s" % po["id"], token=u["token"]), 200).json["my_ballot"], None,
	   "my_ballot after delete")
	eq(results(srv, po["id"])["ballots"]["online"], before["ballots"]["online"], "ballot gone")
	status(srv.delete("/polls/%s/ballot" % po["id"], token=u["token"]), 204,
	       "delete without a ballot")
	error(srv.put("/polls/%s/ballot" % po["id"], {"choices": [a]}), 401, "unauthorized",
	      what="ballot without token")
	error(srv.delete("/polls/%s/ballot" % po["id"]), 401, "unauthorized",
	      what="delete ballot without token")


@S.test
def test_ballot_invalid(srv):
	u = srv.new_user()
	d = C["demo"]
	single = d["polls"]["location"]
	rank = d["polls"]["ranking"]
	s_ids = [o["id"] for o in single["options"]]
	r_ids = [o["id"] for o in rank["options"]]
	cases = [
	    (single, [s_ids[0], s_ids[1]], "two choices on a single poll"),
	    (single, [], "no choice"),
	    (rank, [r_ids[0], r_ids[0]], "duplicate option"),
	    (rank, [r_ids[0], r_ids[1], r_ids[2], r_ids[3]], "more than max_choices"),
	    (rank, [r_ids[0], s_ids[0]], "option of another poll"),
	    (single, [r_ids[0]], "foreign option alone"),
	    (single, [999999], "unknown option id"),
	    (single, [0], "option id 0"),
	    (single, [-1], "negative option id"),
	]
	for poll, choices, what in cases:
		error(srv.put("/polls/%s/ballot" % poll["id"], {"choices": choices}, token=u["token"]),
		      422, "validation_failed", "choices", what)
	for bad, what in (({"choices": "1"}, "choices as a string"),
			  ({"choices": [str(s_ids[0])]}, "option id as a string"),
			  ({"choices": [1.5]}, "fractional id"),
			  ({"choices": None}, "choices null"),
			  ({"choices": [[s_ids[0]]]}, "nested list"),
			  ([s_ids[0]], "bare array")):
		r = srv.put("/polls/%s/ballot" % single["id"], bad, token=u["token"])
		ok(r.status in (400, 422), "%s refused, got %r" % (what, r))
		error(r, r.status, "bad_request" if r.status == 400 else "validation_failed",
		      None, what)
	r = srv.put("/polls/%s/ballot" % single["id"], {}, token=u["token"])
	ok(r.status in (400, 422), "missing choices refused, got %r" % r)
	eq(status(srv.get("/polls/%s" % rank["id"], token=u["token"]), 200).json["my_ballot"], None,
	   "no ballot stored by any invalid attempt")
	error(srv.put("/polls/999999/ballot", {"choices": [1]}, token=u["token"]), 404,
	      "not_found", what="unknown poll")


@S.test
def test_ballot_outside_window(srv):
	u = srv.new_user()
	bike = C["demo"]["polls"]["bike"]
	error(srv.put("/polls/%s/ballot" % bike["id"], {"choices": [bike["options"][0]["id"]]},
		      token=u["token"]), 409, "closed", what="ballot on the closed poll")
	error(srv.delete("/polls/%s/ballot" % bike["id"], token=u["token"]), 409, "closed",
	      what="delete ballot on the closed poll")
	pid = C["demo"]["projects"]["stadtraum"]["id"]
	up = make_poll(srv, C["staff"]["token"], pid, opens=3600, closes=7200)
	eq(up["status"], "upcoming", "new future poll is upcoming")
	error(srv.put("/polls/%s/ballot" % up["id"], {"choices": [up["options"][0]["id"]]},
		      token=u["token"]), 409, "closed", what="ballot on an upcoming poll")


@S.test
def test_ranking_borda(srv):
	pid = C["demo"]["projects"]["stadtraum"]["id"]
	po = make_poll(srv, C["staff"]["token"], pid, kind="ranking", n=4, max_choices=3)
	ids = [o["id"] for o in po["options"]]
	a, b, c, d = ids
	voters = [srv.new_user() for _ in range(3)]
	for v, ch in zip(voters, ([a, b, c], [b, a], [c])):
		r = status(srv.put("/polls/%s/ballot" % po["id"], {"choices": ch}, token=v["token"]),
			   200, "ranking ballot")
		eq(r.json["choices"], ch, "ranking order kept")
	res = results(srv, po["id"])
	eq(res["ballots"]["online"], 3, "three ballots")
	# a: 3 + 2 = 5, b: 2 + 3 = 5, c: 1 + 3 = 4, d: 0.
	want = {a: 5, b: 5, c: 4, d: 0}
	for o in res["options"]:
		eq(o["points"], want[o["id"]], "Borda points of option %s" % o["id"])
	eq(opt(res, a)["rank"], 1, "a rank")
	eq(opt(res, b)["rank"], 1, "tie shares rank 1")
	eq(opt(res, c)["rank"], 3, "c after a tie of two")
	eq(opt(res, d)["rank"], 4, "d last")
	j = status(srv.get("/polls/%s" % po["id"], token=voters[1]["token"]), 200).json
	eq(j["my_ballot"], [b, a], "my_ballot keeps the order")


@S.test
def test_demo_ranking_borda_delta(srv):
	po = C["demo"]["polls"]["ranking"]
	ids = [o["id"] for o in po["options"]]
	before = results(srv, po["id"])
	u = srv.new_user()
	status(srv.put("/polls/%s/ballot" % po["id"], {"choices": ids[:3]}, token=u["token"]), 200)
	after = results(srv, po["id"])
	for k, pts in zip(ids, (3, 2, 1, 0, 0)):
		eq(opt(after, k)["points"] - opt(before, k)["points"], pts,
		   "demo ranking: points added for option %s" % k)
	eq(after["ballots"]["online"], before["ballots"]["online"] + 1, "one ballot more")
	srt = sorted(after["options"], key=lambda o: -o["points"])
	for x, y in zip(srt, srt[1:]):
		ok(x["rank"] <= y["rank"], "ranks follow points")
		if x["points"] == y["points"]:
			eq(x["rank"], y["rank"], "ties share a rank")


@S.test
def test_multiple_poll_and_hidden_results(srv):
	u = srv.new_user()
	pid = C["demo"]["projects"]["stadtraum"]["id"]
	po = make_poll(srv, C["staff"]["token"], pid, kind="multiple", n=4, max_choices=2,
		       visible=False)
	eq(po["results_visible"], False, "results_visible false")
	ids = [o["id"] for o in po["options"]]
	status(srv.put("/polls/%s/ballot" % po["id"], {"choices": ids[:2]}, token=u["token"]), 200)
	error(srv.put("/polls/%s/ballot" % po["id"], {"choices": ids[:3]}, token=u["token"]), 422,
	      "validation_failed", "choices", "3 of max 2")
	error(srv.get("/polls/%s/results" % po["id"]), 403, "results_hidden",
	      what="hidden results while open")
	error(srv.get("/polls/%s/results" % po["id"], token=u["token"]), 403, "results_hidden",
	      what="hidden results for a voter")


@S.test
def test_survey_response(srv):
	u = srv.new_user()
	sv = C["demo"]["surveys"]["box"]
	answers = []
	for q in sv["questions"]:
		if q["kind"] == "single":
			answers.append({"question_id": q["id"], "choices": [q["options"][0]["id"]]})
		elif q["kind"] == "multiple":
			answers.append({"question_id": q["id"],
					"choices": [o["id"] for o in q["options"][:min(2, q["max_choices"])]]})
		elif q["kind"] == "scale":
			answers.append({"question_id": q["id"], "value": q["scale"]["max"]})
		else:
			answers.append({"question_id": q["id"], "text": "Werkzeug zum Ausleihen.\nDanke!"})
	r = status(srv.put("/surveys/%s/response" % sv["id"], {"answers": answers},
			   token=u["token"]), 200, "survey response")
	ok(isinstance(r.json, dict), "response object")
	eq(status(srv.get("/surveys/%s" % sv["id"], token=u["token"]), 200).json["answered_by_me"],
	   True, "answered_by_me")
	status(srv.put("/surveys/%s/response" % sv["id"], {"answers": answers}, token=u["token"]),
	       200, "replace response")
	scale = [q for q in sv["questions"] if q["kind"] == "scale"][0]
	multi = [q for q in sv["questions"] if q["kind"] == "multiple"][0]
	text = [q for q in sv["questions"] if q["kind"] == "text"][0]

	def with_answer(qid, ans):
		out = [a for a in answers if a["question_id"] != qid]
		if ans is not None:
			ans["question_id"] = qid
			out.append(ans)
		return {"answers": out}
	for body, what in ((with_answer(scale["id"], {"value": scale["scale"]["max"] + 1}),
			    "scale above max"),
			   (with_answer(scale["id"], {"value": scale["scale"]["min"] - 1}),
			    "scale below min"),
			   (with_answer(multi["id"], {"choices": [999999]}), "foreign choice"),
			   (with_answer(multi["id"], {"choices": [multi["options"][0]["id"]] * 2}),
			    "duplicate choice"),
			   (with_answer(multi["id"], {"choices": [o["id"] for o in multi["options"]]
						      [:multi["max_choices"] + 1]}),
			    "too many choices"),
			   (with_answer(text["id"], {"text": "bell\x07"}), "control char in text"),
			   (with_answer(999999, {"text": "x"}), "unknown question")):
		if what == "too many choices" and len(multi["options"]) <= multi["max_choices"]:
			continue
		r = srv.put("/surveys/%s/response" % sv["id"], body, token=u["token"])
		error(r, 422, "validation_failed", what=what)
	req = [q for q in sv["questions"] if q["required"]]
	if req:
		error(srv.put("/surveys/%s/response" % sv["id"], with_answer(req[0]["id"], None),
			      token=u["token"]), 422, "validation_failed", what="required missing")
	if text.get("max_length"):
		error(srv.put("/surveys/%s/response" % sv["id"],
			      with_answer(text["id"], {"text": "t" * (text["max_length"] + 1)}),
			      token=u["token"]), 422, "validation_failed", what="text too long")
	error(srv.put("/surveys/%s/response" % sv["id"], {"answers": answers}), 401,
	      "unauthorized", what="response without token")
	error(srv.put("/surveys/999999/response", {"answers": []}, token=u["token"]), 404,
	      "not_found", what="unknown survey")


@S.test
def test_closed_project_takes_no_support_or_comments(srv):
	p = make_project(srv, C["staff"]["token"])
	u = srv.new_user()
	i = new_idea(srv, u, pid=p["id"], title="Idee vor dem Schluss")
	status(srv.put("/ideas/%s/support" % i["id"], token=u["token"]), 200, "support while open")
	status(srv.patch("/projects/%s" % p["id"], {"status": "closed"}, token=C["staff"]["token"]),
	       200, "close the project")
	v = srv.new_user()
	error(srv.put("/ideas/%s/support" % i["id"], token=v["token"]), 409, "closed",
	      what="support in a closed project")
	error(srv.delete("/ideas/%s/support" % i["id"], token=u["token"]), 409, "closed",
	      what="withdraw support in a closed project")
	error(srv.post("/ideas/%s/comments" % i["id"], {"body": "Zu spät"}, token=v["token"]), 409,
	      "closed", what="comment in a closed project")
	error(srv.post("/projects/%s/comments" % p["id"], {"body": "Zu spät"}, token=v["token"]),
	      409, "closed", what="project comment in a closed project")
	error(srv.post("/projects/%s/ideas" % p["id"], {"title": "Zu spät", "body": "Genug Text hier."},
		       token=v["token"]), 409, "closed", what="idea in a closed project")
	eq(status(srv.get("/ideas/%s" % i["id"]), 200).json["supports"], 1, "support kept")


def make_survey(srv, opens, closes):
	t0 = now()
	body = {"title": {"de": "Fensterumfrage"}, "intro": {"de": "Bitte."},
		"opens_at": iso(t0 + opens), "closes_at": iso(t0 + closes),
		"questions": [{"kind": "text", "text": {"de": "Was?"}, "required": True,
			       "max_length": 100}]}
	return status(srv.post("/projects/%s/surveys" % C["demo"]["projects"]["stadtraum"]["id"],
			       body, token=C["staff"]["token"]), 201, "survey").json


@S.test
def test_survey_outside_window(srv):
	u = srv.new_user()
	for opens, closes, what in ((-7200, -3600, "closed"), (3600, 7200, "upcoming")):
		sv = make_survey(srv, opens, closes)
		eq(sv["status"], what, "survey status")
		q = sv["questions"][0]["id"]
		error(srv.put("/surveys/%s/response" % sv["id"],
			      {"answers": [{"question_id": q, "text": "Antwort"}]}, token=u["token"]),
		      409, "closed", what="response to a %s survey" % what)


@S.test
def test_delete_me_keeps_ideas_and_ballots(srv):
	u = srv.new_user(password="geheim geheim 9")
	i = new_idea(srv, u, title="Idee eines Gehenden")
	c = status(srv.post("/ideas/%s/comments" % i["id"], {"body": "Mein Kommentar"},
			    token=u["token"]), 201).json
	approve(srv, "comments", c["id"])
	po = C["demo"]["polls"]["location"]
	oid = po["options"][-1]["id"]
	status(srv.put("/polls/%s/ballot" % po["id"], {"choices": [oid]}, token=u["token"]), 200)
	before = results(srv, po["id"])
	r = srv.delete("/me", {"password": "wrong one 12"}, token=u["token"])
	ok(r.status in (401, 403), "DELETE /me with a wrong password refused, got %r" % r)
	error(r, r.status, "invalid_credentials" if r.status == 401 else "forbidden",
	      what="DELETE /me with a wrong password")
	status(srv.get("/me", token=u["token"]), 200, "still there after a wrong password")
	error(srv.delete("/me", {"password": u["password"]}), 401, "unauthorized",
	      what="DELETE /me without token")
	status(srv.delete("/me", {"password": u["password"]}, token=u["token"]), 204, "DELETE /me")
	error(srv.get("/me", token=u["token"]), 401, "unauthorized", what="token of deleted account")
	error(srv.login(u["username"], u["password"]), 401, "invalid_credentials",
	      what="login of deleted account")
	j = status(srv.get("/ideas/%s" % i["id"]), 200, "idea of deleted account stays").json
	text = json.dumps(j["author"], ensure_ascii=False)
	ok(u["username"] not in text, "author no longer names the person: %s" % text)
	eq(j["title"], "Idee eines Gehenden", "idea text kept")
	cs = all_items(srv, "/ideas/%s/comments" % i["id"])
	cc = find(cs, id=c["id"])
	ok(cc, "comment of deleted account stays")
	ok(u["username"] not in json.dumps(cc["author"], ensure_ascii=False), "comment author gone")
	after = results(srv, po["id"])
	eq(after["ballots"]["online"], before["ballots"]["online"], "ballot still counted")
	eq(opt(after, oid)["online"], opt(before, oid)["online"], "option count kept")
	# Unlinked from the person: no ballot row points at the account any
	# more, and the account row keeps neither name nor email.
	con = sqlite3.connect("file:%s?mode=ro" % srv.db, uri=True, timeout=10)
	try:
		n = con.execute("SELECT count(*) FROM ballot WHERE user_id = ?", (u["id"],)).fetchone()[0]
		eq(n, 0, "ballots of the deleted account unlinked")
		row = con.execute("SELECT username, email FROM account WHERE id = ?",
				  (u["id"],)).fetchone()
		ok(row is None or (u["username"] != row[0] and u["email"] != row[1]),
		   "deleted account keeps no name or email: %r" % (row,))
	finally:
		con.close()
	r, _ = srv.register(username=srv.unique("n"), email_addr=u["email"])
	ok(r.status in (201, 409), "re-register with the old email: %r" % r)


@S.test
def test_idea_pagination_with_ties(srv):
	p = make_project(srv, C["staff"]["token"])
	u = srv.new_user()
	made = [new_idea(srv, u, pid=p["id"], title="Seitenidee %02d" % k)["id"] for k in range(7)]
	fan = srv.new_user()
	for iid in made[:3]:
		status(srv.put("/ideas/%s/support" % iid, token=fan["token"]), 200)
	for sort in ("top", "new"):
		full = status(srv.get("/projects/%s/ideas?sort=%s&limit=100" % (p["id"], sort)),
			      200).json
		eq(full["total"], 7, "total of 7 ideas")
		want = [i["id"] for i in full["items"]]
		eq(sorted(want), sorted(made), "all ideas listed (%s)" % sort)
		got = []
		url = "/projects/%s/ideas?sort=%s&limit=2" % (p["id"], sort)
		for _ in range(10):
			j = status(srv.get(url), 200).json
			eq(j["total"], 7, "total on each page (%s)" % sort)
			got += [i["id"] for i in j["items"]]
			if not j["next"]:
				break
			url = "/projects/%s/ideas?sort=%s&limit=2&after=%s" % (p["id"], sort, j["next"])
		eq(got, want, "pages of 2 with ties in supports give the same order (%s)" % sort)


@S.test
def test_me_export_lists_activity(srv):
	u = srv.new_user()
	i = new_idea(srv, u, publish=False, title="Exportierte Idee")
	po = C["demo"]["polls"]["location"]
	status(srv.put("/polls/%s/ballot" % po["id"], {"choices": [po["options"][0]["id"]]},
		       token=u["token"]), 200)
	r = status(srv.get("/me/export", token=u["token"]), 200, "export")
	text = r.body.decode("utf-8")
	ok("Exportierte Idee" in text, "export holds own ideas")
	ok(str(i["id"]) in text, "export names the idea id")
	j = r.json
	blob = json.dumps(j)
	ok('"poll_id": %d' % po["id"] in blob or str(po["id"]) in blob, "export holds ballots")
	sv = C["demo"]["surveys"]["box"]
	tq = [q for q in sv["questions"] if q["kind"] == "text"][0]
	ans = [{"question_id": q["id"], "value": q["scale"]["min"]} if q["kind"] == "scale" else
	       {"question_id": q["id"], "choices": [q["options"][0]["id"]]}
	       for q in sv["questions"] if q["kind"] in ("scale", "single", "multiple")]
	ans.append({"question_id": tq["id"], "text": "EXPORTMARKER Antwort"})
	status(srv.put("/surveys/%s/response" % sv["id"], {"answers": ans}, token=u["token"]), 200)
	text = status(srv.get("/me/export", token=u["token"]), 200).body.decode("utf-8")
	ok("EXPORTMARKER" in text, "export holds survey answers")
	other = srv.new_user()
	ok(other["username"] not in text and other["email"] not in text, "no other account's data")


if __name__ == "__main__":
	S.run(setup)
