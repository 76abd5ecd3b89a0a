# test_api_docs.py — what docs/api.md promises beyond api-v1.md (its
# extensions and the choices it documents), so the description stays true.
import csv
import io
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from mwtest import (Suite, demo_index, eq, error, has_fields, iso, now,  # noqa: E402
		     make_poll, make_project, ok, status, tr)

S = Suite("test_api_docs")
C = {}


def setup():
	srv = S.server().start()
	C["demo"] = demo_index(srv)
	C["staff"] = srv.new_user("staff")
	C["mod"] = srv.new_user("moderator")
	C["u"] = srv.new_user()
	return srv


@S.test
def test_unknown_token_on_public_endpoint_is_401(srv):
	po = C["demo"]["polls"]["ranking"]
	for t in ("forged-token", "A" * 43):
		error(srv.get("/polls/%s" % po["id"], token=t), 401, "unauthorized",
		      what="unknown token on a public GET")
	r = srv.get("/me")
	ok((r.header("www-authenticate") or "").lower().startswith("bearer"),
	   "WWW-Authenticate: Bearer on 401: %r" % r.header("www-authenticate"))


@S.test
def test_405_with_allow_and_head(srv):
	r = srv.request("DELETE", "/projects")
	error(r, 405, "method_not_allowed", what="DELETE /projects")
	ok("GET" in (r.header("allow") or ""), "Allow lists GET: %r" % r.header("allow"))
	g = status(srv.get("/projects"), 200)
	h = status(srv.request("HEAD", "/projects"), 200, "HEAD")
	eq(h.body, b"", "HEAD has no body")
	eq(h.header("etag"), g.header("etag"), "HEAD has the same ETag")
	cc = (g.header("cache-control") or "").lower()
	ok("no-cache" in cc, "Cache-Control: no-cache, got %r" % cc)
	ok((g.header("content-type") or "").startswith("application/json; charset=utf-8"),
	   "Content-Type with charset")


@S.test
def test_list_errors_name_their_field(srv):
	error(srv.get("/projects?limit=0"), 422, "validation_failed", "limit", "limit=0")
	error(srv.get("/projects?after=%21%21"), 422, "validation_failed", "after", "bad cursor")
	error(srv.get("/projects?" + "&".join("p%d=1" % i for i in range(120))), 400,
	      "bad_request", "query", "120 query parameters")
	error(srv.get("/projects?q=" + "x" * 5000), 400, "bad_request", "query",
	      "query over 4096 bytes")


@S.test
def test_project_list_order_and_defaults(srv):
	items = status(srv.get("/projects?limit=100"), 200).json["items"]
	order = {"open": 0, "upcoming": 1, "closed": 2}
	keys = [order[p["status"]] for p in items]
	eq(keys, sorted(keys), "default all: open, then upcoming, then closed")
	ok({"open", "closed"} <= {p["status"] for p in items}, "default status is all")
	pid = C["demo"]["projects"]["stadtraum"]["id"]
	a = status(srv.get("/projects/%s/ideas" % pid), 200).json["items"]
	b = status(srv.get("/projects/%s/ideas?sort=new" % pid), 200).json["items"]
	eq([i["id"] for i in a], [i["id"] for i in b], "ideas default sort is new")


@S.test
def test_confirm_token_errors(srv):
	error(srv.post("/auth/confirm", {"token": "A" * 43}), 404, "not_found", "token",
	      "unknown confirmation token")
	r, u = srv.register()
	tok = srv.mail_token(u["email"])
	status(srv.post("/auth/confirm", {"token": tok}), 200)
	error(srv.post("/auth/confirm", {"token": tok}), 404, "not_found", "token",
	      "used confirmation token")


@S.test
def test_ballot_and_response_extensions(srv):
	u = srv.new_user()
	po = C["demo"]["polls"]["location"]
	error(srv.get("/polls/%s/ballot" % po["id"], token=u["token"]), 404, "not_found",
	      what="no ballot yet")
	oid = po["options"][0]["id"]
	status(srv.put("/polls/%s/ballot" % po["id"], {"choices": [oid]}, token=u["token"]), 200)
	b = status(srv.get("/polls/%s/ballot" % po["id"], token=u["token"]), 200).json
	eq((b["poll_id"], b["choices"]), (po["id"], [oid]), "GET ballot")
	error(srv.get("/polls/%s/ballot" % po["id"]), 401, "unauthorized", what="ballot no token")
	sv = C["demo"]["surveys"]["packaging"]
	error(srv.get("/surveys/%s/response" % sv["id"], token=u["token"]), 404, "not_found",
	      what="no response yet")
	r = srv.post("/ideas/1/report", {"reason": "Test"}, token=u["token"])
	if r.status == 202:
		eq(r.json, {"status": "received"}, "202 body")


@S.test
def test_staff_see_hidden_results_and_csv_format(srv):
	pid = C["demo"]["projects"]["stadtraum"]["id"]
	po = make_poll(srv, C["staff"]["token"], pid, visible=False)
	error(srv.get("/polls/%s/results" % po["id"], token=C["u"]["token"]), 403, "results_hidden",
	      what="citizen")
	status(srv.get("/polls/%s/results" % po["id"], token=C["staff"]["token"]), 200,
	       "staff see hidden results")
	c = status(srv.get("/polls/%s/results.csv" % po["id"], token=C["staff"]["token"]), 200)
	raw = c.body.decode()
	eq(raw.split("\r\n")[0], "option_id,title,online,analog,total,share,points,rank",
	   "results.csv header")
	ok(raw.endswith("\r\n") and "\n" not in raw.replace("\r\n", ""), "CRLF line ends")
	ok("attachment" in (c.header("content-disposition") or ""), "Content-Disposition")
	rows = list(csv.DictReader(io.StringIO(raw)))
	eq(len([r for r in rows if r["option_id"].isdigit()]), len(po["options"]),
	   "one row per option")
	eq([r["option_id"] for r in rows[len(po["options"]):]], ["ballots", "invalid"],
	   "then the ballots (online, paper, total) and the invalid paper ballots")


@S.test
def test_moderation_reason_rules(srv):
	pid = C["demo"]["projects"]["stadtraum"]["id"]
	ids = [status(srv.post("/projects/%s/ideas" % pid, {"title": "Grund %d" % k,
							   "body": "Ein Text mit Grund."},
			       token=C["u"]["token"]), 201).json["id"] for k in range(3)]
	for action, iid in (("reject", ids[0]), ("hide", ids[1])):
		error(srv.post("/moderation/ideas/%s" % iid, {"action": action}, token=C["mod"]["token"]),
		      422, "validation_failed", "reason", action + " without reason")
	r = status(srv.post("/moderation/ideas/%s" % ids[2], {"action": "approve"},
			    token=C["mod"]["token"]), 200, "approve without reason")
	eq(r.json["status"], "published", "200 answers the idea after the action")
	a = status(srv.get("/moderation/audit", token=C["mod"]["token"]), 200).json
	has_fields(a["items"][0], ["id", "actor", "action", "target", "target_id", "detail",
				   "created_at"], "audit item")
	eq((a["items"][0]["action"], a["items"][0]["target_id"]), ("approve", ids[2]),
	   "audit newest first")
	error(srv.get("/moderation/audit", token=C["u"]["token"]), 403, "forbidden",
	      what="audit as citizen")


@S.test
def test_export_keys_and_deleted_author_null(srv):
	u = srv.new_user()
	j = status(srv.get("/me/export", token=u["token"]), 200).json
	has_fields(j, ["user", "ideas", "comments", "supports", "ballots", "survey_responses",
		       "reports", "sessions"], "export")
	pid = C["demo"]["projects"]["stadtraum"]["id"]
	i = status(srv.post("/projects/%s/ideas" % pid, {"title": "Bleibt", "body": "Bleibt stehen."},
			    token=u["token"]), 201).json
	status(srv.post("/moderation/ideas/%s" % i["id"], {"action": "approve"},
			token=C["mod"]["token"]), 200)
	status(srv.delete("/me", {"password": u["password"]}, token=u["token"]), 204)
	eq(status(srv.get("/ideas/%s" % i["id"]), 200).json["author"], None,
	   "author null after DELETE /me")


@S.test
def test_staff_text_forms(srv):
	st = C["staff"]["token"]
	p = make_project(srv, st, title="Nur ein String", summary="Kurz", description="Lang.",
			 starts_at="2026-01-01", ends_at="2099-01-01T12:00:00+02:00")
	g = status(srv.get("/projects/%s?lang=en" % p["id"]), 200).json
	eq((g["title"], g["lang"]), ("Nur ein String", "de"), "a plain string is German")
	eq(g["starts_at"], "2026-01-01T00:00:00Z", "a date is midnight UTC")
	eq(g["ends_at"], "2099-01-01T10:00:00Z", "an offset time is given back in UTC")
	status(srv.patch("/projects/%s" % p["id"], {"title": {"en": "Just a string"}}, token=st), 200,
	       "PATCH only English")
	eq(status(srv.get("/projects/%s?lang=en" % p["id"]), 200).json["title"], "Just a string",
	   "English added")
	eq(status(srv.get("/projects/%s" % p["id"]), 200).json["title"], "Nur ein String",
	   "German kept")
	r = srv.post("/projects", {"slug": srv.unique("ohne-"), "title": {"en": "No German"}},
		     token=st)
	error(r, 422, "validation_failed", "title", "creating without German")
	error(srv.post("/projects", {"slug": "12345", "title": "Ziffern"}, token=st), 422,
	      "validation_failed", "slug", "slug of digits only")
	body = {"title": tr("T"), "question": tr("Q"), "kind": "single",
		"opens_at": iso(now() - 60), "closes_at": iso(now() + 3600),
		"options": [{"title": tr("Ort"), "location": {"address": "Marktstraße 1",
							      "lat": 49.4, "lon": 7.7}},
			    {"title": tr("Anderer"), "description": tr("b")}]}
	error(srv.post("/projects/%s/polls" % p["id"], body, token=st), 422, "validation_failed",
	      what="a location option without a description in words")


if __name__ == "__main__":
	S.run(setup)
