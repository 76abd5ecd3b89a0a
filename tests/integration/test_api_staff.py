# test_api_staff.py — staff endpoints: projects, polls and surveys created and
# changed with translated texts, the analog tally (counted and audited), and
# the CSV exports (no personal data); every one refused to lower roles.
import csv
import io
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from mwtest import (Suite, audit_rows, demo_index, eq, error, find, has_fields, iso, now,  # noqa: E402
		     make_poll, make_project, ok, status, tr)

S = Suite("test_api_staff")
C = {}


def setup():
	srv = S.server().start()
	C["demo"] = demo_index(srv)
	C["staff"] = srv.new_user("staff")
	C["mod"] = srv.new_user("moderator")
	C["cit"] = srv.new_user()
	return srv


def st():
	return C["staff"]["token"]


@S.test
def test_roles_refused(srv):
	pid = C["demo"]["projects"]["stadtraum"]["id"]
	poll = C["demo"]["polls"]["location"]
	sv = C["demo"]["surveys"]["box"]
	calls = [("POST", "/projects", {"slug": "x-y", "title": tr("X")}),
		 ("PATCH", "/projects/%s" % pid, {"title": tr("X")}),
		 ("POST", "/projects/%s/polls" % pid, {"title": tr("X")}),
		 ("PATCH", "/polls/%s" % poll["id"], {"title": tr("X")}),
		 ("POST", "/projects/%s/surveys" % pid, {"title": tr("X")}),
		 ("POST", "/polls/%s/analog" % poll["id"],
		  {"source": "x", "ballots": 1, "counts": {str(poll["options"][0]["id"]): 1}}),
		 ("GET", "/polls/%s/analog" % poll["id"], None),
		 ("GET", "/polls/%s/results.csv" % poll["id"], None),
		 ("GET", "/surveys/%s/responses.csv" % sv["id"], None)]
	before = status(srv.get("/polls/%s/results" % poll["id"]), 200).json["ballots"]["analog"]
	for method, path, body in calls:
		error(srv.request(method, path, body), 401, "unauthorized", what="%s %s no token"
		      % (method, path))
		for who in ("cit", "mod"):
			error(srv.request(method, path, body, token=C[who]["token"]), 403, "forbidden",
			      what="%s %s as %s" % (method, path, who))
	# Nothing was changed by the refused calls.
	eq(status(srv.get("/polls/%s/results" % poll["id"]), 200).json["ballots"]["analog"],
	   before, "refused analog tallies not counted")


@S.test
def test_project_create_patch(srv):
	p = make_project(srv, st(), title=tr("Neues Projekt", "New project"),
			 summary=tr("Kurz", "Short"))
	has_fields(p, ["id", "slug", "category", "title", "summary", "status", "lang"], "new project")
	g = status(srv.get("/projects/%s" % p["id"]), 200).json
	eq(g["title"], "Neues Projekt", "German title")
	en = status(srv.get("/projects/%s?lang=en" % p["id"]), 200).json
	eq(en["title"], "New project", "English title")
	eq(en["lang"], "en", "lang")
	r = status(srv.patch("/projects/%s" % p["id"], {"title": tr("Umbenannt", "Renamed")},
			     token=st()), 200, "PATCH project")
	eq(status(srv.get("/projects/%s?lang=en" % p["id"]), 200).json["title"], "Renamed",
	   "patched English title")
	eq(status(srv.get("/projects/%s" % p["id"]), 200).json["summary"], "Kurz",
	   "PATCH leaves other fields alone")
	del r
	only_de = make_project(srv, st(), title={"de": "Nur Deutsch"}, summary={"de": "Kurz"},
			       description={"de": "Lang."})
	f = status(srv.get("/projects/%s?lang=en" % only_de["id"]), 200).json
	eq((f["title"], f["lang"]), ("Nur Deutsch", "de"), "missing en falls back to de")
	r = srv.post("/projects", {"slug": p["slug"], "category": "smart-city",
				   "title": tr("Doppelt"), "summary": tr("s"),
				   "description": tr("d"), "starts_at": iso(now()),
				   "ends_at": iso(now() + 3600)}, token=st())
	error(r, 409, "conflict", what="duplicate slug")
	r = srv.post("/projects", {"slug": srv.unique("np-"), "category": "smart-city",
				   "title": {"en": "English only"}, "summary": tr("s"),
				   "description": tr("d"), "starts_at": iso(now()),
				   "ends_at": iso(now() + 3600)}, token=st())
	# The contract does not say which: a missing "de" is a shape or a rule.
	ok(r.status in (400, 422), "title without de refused, got %r" % r)
	error(r, r.status, "validation_failed" if r.status == 422 else "bad_request", "title",
	      "title without de")
	r = srv.post("/projects", {"slug": srv.unique("np-"), "category": "smart-city",
				   "title": tr("Steuer\u202ezeichen"), "summary": tr("s"),
				   "description": tr("d"), "starts_at": iso(now()),
				   "ends_at": iso(now() + 3600)}, token=st())
	e = error(r, 422, "validation_failed", what="bidi in a translated title")
	ok(e.get("field", "").startswith("title"), "field names the title: %r" % e.get("field"))
	error(srv.patch("/projects/999999", {"title": tr("x")}, token=st()), 404, "not_found",
	      what="PATCH unknown project")
	error(srv.post("/projects", "not an object", token=st()), 400, "bad_request",
	      what="project body a string")


@S.test
def test_poll_create_patch_close(srv):
	pid = C["demo"]["projects"]["stadtraum"]["id"]
	po = make_poll(srv, st(), pid, kind="single", n=3)
	has_fields(po, ["id", "project_id", "title", "question", "kind", "max_choices", "status",
			"opens_at", "closes_at", "results_visible", "options"], "new poll")
	eq(po["status"], "open", "poll open now")
	proj = status(srv.get("/projects/%s" % pid), 200).json
	ok(find(proj["formats"]["polls"], id=po["id"]), "new poll in the project's formats")
	u = srv.new_user()
	status(srv.put("/polls/%s/ballot" % po["id"], {"choices": [po["options"][0]["id"]]},
		       token=u["token"]), 200)
	status(srv.patch("/polls/%s" % po["id"], {"closes_at": iso(now() - 1)}, token=st()),
	       200, "close poll by PATCH")
	g = status(srv.get("/polls/%s" % po["id"]), 200).json
	eq(g["status"], "closed", "closed after PATCH")
	error(srv.put("/polls/%s/ballot" % po["id"], {"choices": [po["options"][1]["id"]]},
		      token=u["token"]), 409, "closed", what="ballot after close")
	res = status(srv.get("/polls/%s/results" % po["id"]), 200).json
	eq(res["final"], True, "closed results final")
	eq(res["ballots"]["online"], 1, "ballot kept")
	hid = make_poll(srv, st(), pid, visible=False)
	error(srv.get("/polls/%s/results" % hid["id"]), 403, "results_hidden", what="hidden")
	status(srv.patch("/polls/%s" % hid["id"], {"closes_at": iso(now() - 1)}, token=st()),
	       200)
	status(srv.get("/polls/%s/results" % hid["id"]), 200, "hidden results shown once closed")
	for over, what in (({"max_choices": 5}, "max_choices above option count"),
			   ({"kind": "lottery"}, "unknown kind"),
			   ({"closes_at": iso(now() - 7200)}, "closes before opens"),
			   ({"options": [{"title": tr("Nur eine")}]}, "one option")):
		body = {"title": tr("T"), "question": tr("Q"), "kind": "multiple", "max_choices": 2,
			"opens_at": iso(now() - 3600), "closes_at": iso(now() + 3600),
			"results_visible": True,
			"options": [{"title": tr("A"), "description": tr("a")},
				    {"title": tr("B"), "description": tr("b")},
				    {"title": tr("C"), "description": tr("c")}]}
		body.update(over)
		error(srv.post("/projects/%s/polls" % pid, body, token=st()), 422, "validation_failed",
		      what=what)
	loc = make_poll(srv, st(), pid, options=[
	    {"title": tr("Rathausplatz"), "description": tr("Vor dem Haupteingang, links."),
	     "location": {"address": "Willy-Brandt-Platz 1, 67657 Kaiserslautern",
			  "lat": 49.4447, "lon": 7.7690}},
	    {"title": tr("Stiftsplatz"), "description": tr("Neben dem Brunnen.")}])
	o = loc["options"]
	eq(o[0]["location"]["address"], "Willy-Brandt-Platz 1, 67657 Kaiserslautern", "address kept")
	eq(o[1]["location"], None, "no location is null")
	error(srv.patch("/polls/999999", {"title": tr("x")}, token=st()), 404, "not_found",
	      what="PATCH unknown poll")


@S.test
def test_poll_closes_by_the_clock(srv):
	"""Status comes from the window and the clock, not from the last write:
	a cached answer must not say "open" after closes_at has passed."""
	pid = C["demo"]["projects"]["stadtraum"]["id"]
	t_close = time.time() + 3
	po = make_poll(srv, st(), pid, opens=-60, closes=3)
	up = make_poll(srv, st(), pid, opens=3, closes=3600)
	u = srv.new_user()
	eq(status(srv.get("/polls/%s" % up["id"]), 200).json["status"], "upcoming", "upcoming")
	error(srv.put("/polls/%s/ballot" % up["id"], {"choices": [up["options"][0]["id"]]},
		      token=u["token"]), 409, "closed", what="ballot before opens_at")
	status(srv.put("/polls/%s/ballot" % po["id"], {"choices": [po["options"][0]["id"]]},
		       token=u["token"]), 200, "ballot while open")
	for path in ("/polls/%s" % po["id"], "/polls/%s/results" % po["id"],
		     "/projects/%s" % pid):
		status(srv.get(path), 200)      # warm any cache
	g = status(srv.get("/polls/%s" % po["id"]), 200)
	eq(g.json["status"], "open", "open before closes_at")
	et = g.header("etag")
	time.sleep(max(0.0, t_close - time.time()) + 1.1)     # RFC 3339 has whole seconds
	g2 = status(srv.get("/polls/%s" % po["id"]), 200).json
	eq(g2["status"], "closed", "closed after closes_at (no write in between)")
	eq(srv.get("/polls/%s" % po["id"], headers={"If-None-Match": et}).status, 200,
	   "the old ETag no longer matches")
	eq(status(srv.get("/polls/%s/results" % po["id"]), 200).json["final"], True,
	   "results final after closes_at")
	f = status(srv.get("/projects/%s" % pid), 200).json
	eq(find(f["formats"]["polls"], id=po["id"])["status"], "closed", "formats.polls status")
	error(srv.put("/polls/%s/ballot" % po["id"], {"choices": [po["options"][1]["id"]]},
		      token=u["token"]), 409, "closed", what="ballot after closes_at")
	eq(status(srv.get("/polls/%s" % up["id"]), 200).json["status"], "open",
	   "upcoming poll open after opens_at")
	status(srv.put("/polls/%s/ballot" % up["id"], {"choices": [up["options"][0]["id"]]},
		       token=u["token"]), 200, "ballot after opens_at")


@S.test
def test_survey_create_and_csv(srv):
	pid = C["demo"]["projects"]["stadtraum"]["id"]
	body = {"title": tr("Umfrage"), "intro": tr("Bitte antworten."),
		"opens_at": iso(now() - 60), "closes_at": iso(now() + 3600),
		"questions": [
		    {"kind": "single", "text": tr("Wie oft?"), "required": True,
		     "options": [{"title": tr("Oft")}, {"title": tr("Selten")}]},
		    {"kind": "scale", "text": tr("Wie gut?"), "required": True,
		     "scale": {"min": 1, "max": 5, "min_label": tr("schlecht"),
			       "max_label": tr("gut")}},
		    {"kind": "text", "text": tr("Was noch?"), "required": False,
		     "max_length": 500}]}
	r = status(srv.post("/projects/%s/surveys" % pid, body, token=st()), 201, "POST survey").json
	has_fields(r, ["id", "project_id", "title", "intro", "status", "questions"], "new survey")
	eq(len(r["questions"]), 3, "three questions")
	qs = r["questions"]
	u = srv.new_user()
	secret_name = u["username"]
	ans = {"answers": [{"question_id": qs[0]["id"], "choices": [qs[0]["options"][1]["id"]]},
			   {"question_id": qs[1]["id"], "value": 4},
			   {"question_id": qs[2]["id"], "text": "Mehr Schatten, bitte"}]}
	status(srv.put("/surveys/%s/response" % r["id"], ans, token=u["token"]), 200, "answer")
	first = dict(ans["answers"][2], text="Erste Fassung")
	status(srv.put("/surveys/%s/response" % r["id"],
		       {"answers": ans["answers"][:2] + [first]}, token=u["token"]), 200, "replace")
	status(srv.put("/surveys/%s/response" % r["id"], ans, token=u["token"]), 200, "replace back")
	c = status(srv.get("/surveys/%s/responses.csv" % r["id"], token=st()), 200, "responses.csv")
	ok((c.header("content-type") or "").startswith("text/csv"), "CSV content type %r"
	   % c.header("content-type"))
	text = c.body.decode("utf-8")
	rows = list(csv.reader(io.StringIO(text)))
	ok(len(rows) == 2, "header + one response row, got %d rows" % len(rows))
	ok("Mehr Schatten, bitte" in text, "free text answer exported")
	ok("Erste Fassung" not in text, "a replaced response is gone")
	ok("4" in rows[1], "scale value exported")
	ok(secret_name not in text and u["email"] not in text, "no personal data in the CSV")


@S.test
def test_analog_tally_and_results_csv(srv):
	pid = C["demo"]["projects"]["stadtraum"]["id"]
	po = make_poll(srv, st(), pid, kind="single", n=3)
	a, b, c = [o["id"] for o in po["options"]]
	u = srv.new_user()
	status(srv.put("/polls/%s/ballot" % po["id"], {"choices": [a]}, token=u["token"]), 200)
	src = "Stand bei 'Lautern blüht auf', 2.–3. April"
	r = srv.post("/polls/%s/analog" % po["id"], {"source": src, "ballots": 9,
						     "counts": {str(b): 7, str(c): 2}},
		     token=st())
	ok(r.status in (200, 201), "analog tally recorded, got %r" % r)
	res = status(srv.get("/polls/%s/results" % po["id"]), 200).json
	eq(res["ballots"], {"online": 1, "analog": 9, "total": 10, "analog_invalid": 0},
	   "ballots with analog")
	ob = find(res["options"], id=b)
	eq((ob["online"], ob["analog"], ob["total"]), (0, 7, 7), "option b")
	ok(abs(ob["share"] - 0.7) < 1e-6, "share of b")
	eq(ob["rank"], 1, "b first")
	for bad, what in (({"source": src, "ballots": 1, "counts": {"999999": 1}}, "foreign option"),
			  ({"source": src, "ballots": 0, "counts": {str(a): -1}}, "negative count"),
			  ({"source": "", "ballots": 1, "counts": {str(a): 1}}, "empty source"),
			  ({"source": "x\x00y", "ballots": 1, "counts": {str(a): 1}}, "NUL in source"),
			  ({"source": src, "counts": {str(a): 1}}, "no ballots number")):
		error(srv.post("/polls/%s/analog" % po["id"], bad, token=st()), 422,
		      "validation_failed", what=what)
	error(srv.post("/polls/%s/analog" % po["id"], {"source": src, "ballots": 3,
						       "counts": {str(a): "3"}},
		       token=st()), 400, "bad_request", what="count as a string")
	error(srv.post("/polls/999999/analog", {"source": src, "ballots": 1, "counts": {str(a): 1}},
		       token=st()), 404,
	      "not_found", what="unknown poll")
	eq(status(srv.get("/polls/%s/results" % po["id"]), 200).json["ballots"]["analog"], 9,
	   "refused tallies not counted")
	cs = status(srv.get("/polls/%s/results.csv" % po["id"], token=st()), 200, "results.csv")
	ok((cs.header("content-type") or "").startswith("text/csv"), "CSV content type")
	text = cs.body.decode("utf-8")
	rows = list(csv.reader(io.StringIO(text)))
	ok(len(rows) == 6, "header + 3 options + ballots + invalid, got %r" % rows)
	eq(rows[4][:5], ["ballots", "", "1", "9", "10"], "ballots row: online, paper, total")
	flat = [",".join(x) for x in rows[1:]]
	ok(any("Option 1" in x and ",7," in "," + x + "," for x in flat), "b's analog 7 in CSV: %r"
	   % flat)
	ok(u["username"] not in text, "no personal data in results.csv")
	# Audited: the tally source is in the audit log.
	rows, where = audit_rows(srv, st())
	ok(any(src in str(x) for x in rows), "analog tally audited (%s)" % where)


@S.test
def test_csv_quoting_round_trips(srv):
	pid = C["demo"]["projects"]["stadtraum"]["id"]
	tricky = 'Ort, "Platz"; Ecke'
	po = make_poll(srv, st(), pid, options=[
	    {"title": tr(tricky), "description": tr("a")}, {"title": tr("Zweiter"),
							     "description": tr("b")}])
	c = status(srv.get("/polls/%s/results.csv" % po["id"], token=st()), 200).body.decode()
	rows = list(csv.reader(io.StringIO(c)))
	ok(any(tricky in r for r in rows[1:]), "option title with comma and quotes is one cell: %r"
	   % rows)
	body = {"title": tr("CSV"), "intro": tr("i"), "opens_at": iso(now() - 60),
		"closes_at": iso(now() + 3600),
		"questions": [{"kind": "text", "text": tr("Was?"), "required": True,
			       "max_length": 500}]}
	sv = status(srv.post("/projects/%s/surveys" % pid, body, token=st()), 201).json
	text = 'Mehr "Schatten", bitte\nzweite Zeile; =1+1'
	u = srv.new_user()
	status(srv.put("/surveys/%s/response" % sv["id"],
		       {"answers": [{"question_id": sv["questions"][0]["id"], "text": text}]},
		       token=u["token"]), 200)
	c = status(srv.get("/surveys/%s/responses.csv" % sv["id"], token=st()), 200).body.decode()
	rows = list(csv.reader(io.StringIO(c)))
	eq(len(rows), 2, "header + one response")
	ok(any(text in cell or cell.endswith(text) for cell in rows[1]),
	   "free text with quotes, comma and newline survives CSV: %r" % rows[1])


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def no_formula_cells(text, what):
	"""Every cell of a CSV export: none may start with a character that makes
	a spreadsheet run it as a formula (OWASP CSV injection)."""
	rows = list(csv.reader(io.StringIO(text, newline="")))
	ok(len(rows) >= 2, "%s has rows: %r" % (what, rows))
	for i, row in enumerate(rows):
		for j, cell in enumerate(row):
			ok(not cell.startswith(FORMULA_START),
			   "%s row %d cell %d runs as a formula: %r" % (what, i, j, cell))
	return rows


@S.test
def test_csv_exports_neutralise_formulas(srv):
	pid = C["demo"]["projects"]["stadtraum"]["id"]
	evil = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A9)", "=HYPERLINK(\"x\")"]
	po = make_poll(srv, st(), pid, title=tr("=1+1"), options=[
	    {"title": tr(t), "description": tr("d")} for t in evil])
	u = srv.new_user()
	status(srv.put("/polls/%s/ballot" % po["id"], {"choices": [po["options"][0]["id"]]},
		       token=u["token"]), 200)
	c = status(srv.get("/polls/%s/results.csv" % po["id"], token=st()), 200).body.decode()
	rows = no_formula_cells(c, "results.csv")
	titles = [r[1] for r in rows[1:]]
	for t in evil:
		ok("'" + t in titles, "option %r kept as text after an apostrophe: %r" % (t, titles))
	body = {"title": tr("CSV"), "intro": tr("i"), "opens_at": iso(now() - 60),
		"closes_at": iso(now() + 3600),
		"questions": [{"kind": "text", "text": tr("=Frage"), "required": True,
			       "max_length": 500},
			      {"kind": "multiple", "text": tr("@Wahl"), "required": True, "max_choices": 2,
			       "options": [{"title": tr(evil[0])}, {"title": tr(evil[3])}]},
			      {"kind": "text", "text": tr("-Mehr"), "required": False,
			       "max_length": 500}]}
	sv = status(srv.post("/projects/%s/surveys" % pid, body, token=st()), 201).json
	qs = sv["questions"]
	for text in evil + ["\t=1+1", "\r\n=1+1"]:
		w = srv.new_user()
		ans = [{"question_id": qs[0]["id"], "text": text},
		       {"question_id": qs[1]["id"], "choices": [o["id"] for o in qs[1]["options"]]},
		       {"question_id": qs[2]["id"], "text": text}]
		r = srv.put("/surveys/%s/response" % sv["id"], {"answers": ans}, token=w["token"])
		if text[0] in "\t\r":
			ok(r.status in (200, 422), "answer with %r: %r" % (text, r))
		else:
			status(r, 200, "answer %r" % text)
	c = status(srv.get("/surveys/%s/responses.csv" % sv["id"], token=st()), 200).body.decode()
	rows = no_formula_cells(c, "responses.csv")
	ok(len(rows) >= 1 + len(evil), "one row per response: %r" % rows)
	ok(["'=Frage", "'@Wahl", "'-Mehr"] == rows[0][2:], "question texts neutralised: %r" % rows[0])
	ok(any(r[2] == "'" + evil[0] for r in rows[1:]), "free text kept: %r" % rows)


@S.test
def test_analog_ranking_points(srv):
	po = C["demo"]["polls"]["ranking"]
	before = status(srv.get("/polls/%s/results" % po["id"]), 200).json
	o = po["options"][4]["id"]
	m = po["max_choices"]
	# 30 paper ballots that rank o first and nothing else: 30 x m points,
	# as 30 such online ballots would give.
	r = srv.post("/polls/%s/analog" % po["id"], {"source": "Infostand", "ballots": 30,
						     "rankings": [{"order": [o], "count": 30}]},
		     token=st())
	ok(r.status in (200, 201), "ranking tally: %r" % r)
	after = status(srv.get("/polls/%s/results" % po["id"]), 200).json
	eq(find(after["options"], id=o)["points"] - find(before["options"], id=o)["points"], 30 * m,
	   "paper rankings earn Borda points")
	eq(find(after["options"], id=o)["analog"] - find(before["options"], id=o)["analog"], 30 * m,
	   "analog column")
	eq(after["ballots"]["analog"] - before["ballots"]["analog"], 30, "30 paper ballots")


if __name__ == "__main__":
	S.run(setup)
