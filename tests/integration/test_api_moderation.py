# test_api_moderation.py — the moderation queue (ideas, comments, reports;
# oldest first), approve/reject/hide, role rules, and the audit log (who,
# what, when) of every action.
import os
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from mwtest import (Suite, all_items, audit_rows, demo_index, eq, error, find, is_list_page, now,  # noqa: E402
		     ok, status)

S = Suite("test_api_moderation")
C = {}


def setup():
	srv = S.server().start()
	C["demo"] = demo_index(srv)
	C["mod"] = srv.new_user("moderator")
	C["staff"] = srv.new_user("staff")
	C["admin"] = srv.new_user("admin")
	C["cit"] = srv.new_user()
	return srv


def pid():
	return C["demo"]["projects"]["stadtraum"]["id"]


def idea(srv, title="Wasserspiel für Kinder"):
	return status(srv.post("/projects/%s/ideas" % pid(),
			       {"title": title, "body": "Ein flaches Wasserspiel im Sommer."},
			       token=C["cit"]["token"]), 201, "idea").json


def moderate(srv, kind, oid, action, reason="Begründung", token=None):
	return srv.post("/moderation/%s/%s" % (kind, oid), {"action": action, "reason": reason},
			token=token or C["mod"]["token"])


def queue(srv, kind, token=None):
	return all_items(srv, "/moderation/queue?type=" + kind, token=token or C["mod"]["token"])


@S.test
def test_queue_roles(srv):
	for kind in ("ideas", "comments", "reports"):
		path = "/moderation/queue?type=" + kind
		error(srv.get(path), 401, "unauthorized", what="queue without token")
		error(srv.get(path, token=C["cit"]["token"]), 403, "forbidden", what="queue as citizen")
		is_list_page(status(srv.get(path, token=C["mod"]["token"]), 200, "as moderator").json)
		status(srv.get(path, token=C["staff"]["token"]), 200, "staff can moderate")
		status(srv.get(path, token=C["admin"]["token"]), 200, "admin can moderate")
	r = srv.get("/moderation/queue?type=everything", token=C["mod"]["token"])
	ok(r.status in (400, 422), "unknown queue type refused, got %r" % r)


@S.test
def test_queue_context(srv):
	"""Each queue item says where it stands: the project, the idea a
	comment belongs to, the comment it answers."""
	i = idea(srv, "Schattenplätze am Brunnen")
	status(moderate(srv, "ideas", i["id"], "approve"), 200, "approve idea")
	top = status(srv.post("/ideas/%s/comments" % i["id"], {"body": "Gute Idee, aber wo genau?"},
			      token=C["cit"]["token"]), 201, "comment").json
	status(moderate(srv, "comments", top["id"], "approve"), 200, "approve comment")
	rep = status(srv.post("/ideas/%s/comments" % i["id"],
			      {"body": "Am Stiftsplatz.", "parent_id": top["id"]},
			      token=C["cit"]["token"]), 201, "reply").json
	q = find(queue(srv, "comments"), id=rep["id"])
	eq(q["project_title"], C["demo"]["projects"]["stadtraum"]["title"], "project title")
	eq(q["idea_title"], "Schattenplätze am Brunnen", "the idea it belongs to")
	eq((q["parent_id"], q["parent_body"]), (top["id"], "Gute Idee, aber wo genau?"),
	   "the comment it answers")
	ok(q["parent_author"], "who wrote it: %r" % q)
	en = find(all_items(srv, "/moderation/queue?type=comments&lang=en", C["mod"]["token"]),
		  id=rep["id"])
	ok("City" in en["project_title"] or "Stadt" in en["project_title"], "English title %r" % en)
	new = idea(srv, "Noch eine Idee")
	iq = find(queue(srv, "ideas"), id=new["id"])
	eq((iq["idea_title"], iq["parent_id"]), (None, None), "an idea has no parent")
	ok(iq["project_title"], "an idea names its project")


@S.test
def test_demo_pending_idea_in_queue(srv):
	q = queue(srv, "ideas")
	ok(q, "the demo's pending idea is in the queue")


@S.test
def test_queue_oldest_first_and_approve(srv):
	a = idea(srv, "Erste wartende Idee")
	time.sleep(1.05)
	b = idea(srv, "Zweite wartende Idee")
	q = queue(srv, "ideas")
	ids = [x["id"] for x in q]
	ok(a["id"] in ids and b["id"] in ids, "new ideas in the queue")
	ok(ids.index(a["id"]) < ids.index(b["id"]), "queue oldest first")
	error(moderate(srv, "ideas", a["id"], "approve", token=C["cit"]["token"]), 403, "forbidden",
	      what="citizen moderates")
	error(srv.post("/moderation/ideas/%s" % a["id"], {"action": "approve", "reason": "x"}),
	      401, "unauthorized", what="moderate without token")
	status(moderate(srv, "ideas", a["id"], "approve"), 200, "approve")
	ok(not find(queue(srv, "ideas"), id=a["id"]), "approved idea leaves the queue")
	j = status(srv.get("/ideas/%s" % a["id"]), 200, "approved idea is public").json
	eq(j["status"], "published", "approved status")
	ok(find(all_items(srv, "/projects/%s/ideas" % pid()), id=a["id"]), "listed publicly")


@S.test
def test_hide_and_reject(srv):
	a = idea(srv, "Bald versteckte Idee")
	status(moderate(srv, "ideas", a["id"], "approve"), 200)
	status(moderate(srv, "ideas", a["id"], "hide", "Beleidigung"), 200, "hide")
	error(srv.get("/ideas/%s" % a["id"]), 404, "not_found", what="hidden idea public")
	ok(not find(all_items(srv, "/projects/%s/ideas" % pid()), id=a["id"]), "hidden not listed")
	b = idea(srv, "Abgelehnte Idee")
	status(moderate(srv, "ideas", b["id"], "reject", "Doppelt"), 200, "reject")
	j = status(srv.get("/ideas/%s" % b["id"], token=C["cit"]["token"]), 200).json
	eq(j["status"], "rejected", "author sees rejected")
	eq(j.get("moderation_reason"), "Doppelt", "author sees the reason")
	error(srv.get("/ideas/%s" % b["id"]), 404, "not_found", what="rejected public")


@S.test
def test_moderation_bad_input(srv):
	a = idea(srv, "Idee für falsche Aktionen")
	error(moderate(srv, "ideas", a["id"], "delete"), 422, "validation_failed", "action",
	      "unknown action")
	error(moderate(srv, "ideas", a["id"], "approve", "bad\x1breason"), 422, "validation_failed",
	      "reason", "control char in reason")
	error(srv.post("/moderation/ideas/%s" % a["id"], {"action": 1, "reason": "x"},
		       token=C["mod"]["token"]), 400, "bad_request", what="action of wrong type")
	error(moderate(srv, "ideas", 999999, "approve"), 404, "not_found", what="unknown idea")
	error(moderate(srv, "comments", 999999, "approve"), 404, "not_found", what="unknown comment")
	eq(status(srv.get("/ideas/%s" % a["id"], token=C["cit"]["token"]), 200).json["status"],
	   "pending", "nothing changed by refused actions")


@S.test
def test_comment_queue_and_reports(srv):
	a = idea(srv, "Idee mit Kommentaren")
	status(moderate(srv, "ideas", a["id"], "approve"), 200)
	c = status(srv.post("/ideas/%s/comments" % a["id"], {"body": "Wartender Kommentar"},
			    token=C["cit"]["token"]), 201).json
	ok(find(queue(srv, "comments"), id=c["id"]), "pending comment in the comment queue")
	status(moderate(srv, "comments", c["id"], "approve"), 200, "approve comment")
	ok(not find(queue(srv, "comments"), id=c["id"]), "approved comment leaves the queue")
	reporter = srv.new_user()
	status(srv.post("/comments/%s/report" % c["id"], {"reason": "Unfreundlich"},
			token=reporter["token"]), 202, "report")
	reps = queue(srv, "reports")
	ok(reps and any("Unfreundlich" in str(x) for x in reps), "report in the reports queue")
	status(moderate(srv, "comments", c["id"], "hide", "Bericht geprüft"), 200, "hide comment")
	reps = queue(srv, "reports")
	ok(not any("Unfreundlich" in str(x) for x in reps), "handled report leaves the queue")
	cs = all_items(srv, "/ideas/%s/comments" % a["id"])
	ok(not find(cs, id=c["id"]), "hidden comment not public")


@S.test
def test_audit_log(srv):
	a = idea(srv, "Auditierte Idee")
	t0 = int(now())
	status(moderate(srv, "ideas", a["id"], "reject", "Prüfgrund 4711"), 200)
	rows, where = audit_rows(srv, C["admin"]["token"])
	hit = [r for r in rows if "4711" in str(r.get("detail") or r.get("reason") or r)]
	ok(hit, "audit entry for the reject (%s)" % where)
	r = hit[0]
	text = str(r)
	ok(C["mod"]["username"] in text or str(C["mod"]["id"]) in str(r.get("actor_id")),
	   "audit names who: %r" % r)
	ok("reject" in text, "audit names what: %r" % r)
	ok(str(a["id"]) in text, "audit names the target: %r" % r)
	when = r.get("created_at")
	if isinstance(when, int):
		ok(abs(when - t0) < 60, "audit says when: %r" % when)
	else:
		ok(isinstance(when, str) and when.startswith(time.strftime("%Y-", time.gmtime(now()))),
		   "audit says when: %r" % when)


if __name__ == "__main__":
	S.run(setup)
