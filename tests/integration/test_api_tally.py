# test_api_tally.py — paper tallies: every rule of single, multiple and
# ranking sheets refused with its numbers (German and English), double
# keying by two staff accounts (agree, disagree, correct, withdraw), the
# list with who, when and label, the audit log with reasons, results and
# the CSV with online and paper apart, and the demo's booth tally.
import csv
import io
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from mwtest import (Suite, audit_rows, demo_index, eq, error, find, make_poll, ok,  # noqa: E402
		     status)

S = Suite("test_api_tally")
C = {}


def setup():
	srv = S.server().start()
	C["demo"] = demo_index(srv)
	C["a"] = srv.new_user("staff")
	C["b"] = srv.new_user("staff")
	C["cit"] = srv.new_user()
	return srv


def tok(who):
	return C[who]["token"]


def poll(srv, kind, n=3, max_choices=None):
	pid = C["demo"]["projects"]["stadtraum"]["id"]
	po = make_poll(srv, tok("a"), pid, kind=kind, n=n, max_choices=max_choices)
	return po, [o["id"] for o in po["options"]]


def refused(srv, po, body, field, numbers, lang="en"):
	"""422 naming field, the message saying every one of numbers."""
	r = srv.post("/polls/%s/analog?lang=%s" % (po["id"], lang), body, token=tok("a"))
	e = error(r, 422, "validation_failed", field=field, what="%s %r" % (field, body))
	for n in numbers:
		ok(str(n) in e["message"], "%r does not name %s" % (e["message"], n))
	return e["message"]


@S.test
def test_single_rules(srv):
	po, (x, y, z) = poll(srv, "single")
	c = {str(x): 12, str(y): 5, str(z): 2}
	# 12 + 5 + 2 = 19 is not the 20 ballots typed: refused, not ignored.
	m = refused(srv, po, {"source": "Bogen 1", "ballots": 20, "counts": c}, "ballots",
		    [19, 20])
	ok("19" in m and "20" in m, m)
	de = refused(srv, po, {"source": "Bogen 1", "ballots": 20, "counts": c}, "ballots",
		     [19, 20], lang="de")
	ok("Stimmzettel" in de, "German message: %r" % de)
	refused(srv, po, {"source": "Bogen 1", "ballots": 2, "invalid": 3, "counts": {}},
		"invalid", [3, 2])
	refused(srv, po, {"source": "Bogen 1", "ballots": 1, "counts": {"999999": 1}},
		"counts", [999999])
	error(srv.post("/polls/%s/analog" % po["id"], {"source": "Bogen 1", "counts": c},
		       token=tok("a")), 422, "validation_failed", field="ballots",
	      what="ballots required")
	error(srv.post("/polls/%s/analog" % po["id"],
		       {"source": "Bogen 1", "ballots": 1,
			"rankings": [{"order": [x], "count": 1}]}, token=tok("a")),
	      422, "validation_failed", field="rankings", what="rankings on a single poll")
	# With the invalid ballot it adds up: counted at once (single keying).
	r = status(srv.post("/polls/%s/analog" % po["id"],
			    {"source": "Bogen 1", "ballots": 20, "invalid": 1, "counts": c},
			    token=tok("a")), 201, "single tally")
	eq((r.json["state"], r.json["keys"]), ("counted", 1), "single keying counts")
	res = status(srv.get("/polls/%s/results" % po["id"]), 200).json
	eq(res["ballots"], {"online": 0, "analog": 19, "total": 19, "analog_invalid": 1},
	   "paper ballots: valid and invalid apart")
	eq(find(res["options"], id=x)["analog"], 12, "x on paper")
	ok(abs(sum(o["share"] for o in res["options"]) - 1.0) < 1e-6, "shares add up to 100 %")


@S.test
def test_multiple_rules(srv):
	po, (x, y, z) = poll(srv, "multiple", max_choices=2)
	refused(srv, po, {"source": "M", "ballots": 10, "counts": {str(x): 11, str(y): 1}},
		"counts", [11, 10])
	refused(srv, po, {"source": "M", "ballots": 10,
			  "counts": {str(x): 10, str(y): 10, str(z): 1}}, "counts", [21, 10, 2])
	status(srv.post("/polls/%s/analog" % po["id"],
			{"source": "M", "ballots": 10, "counts": {str(x): 10, str(y): 10}},
			token=tok("a")), 201, "multiple tally at the limit")
	eq(status(srv.get("/polls/%s/results" % po["id"]), 200).json["ballots"]["analog"], 10,
	   "10 paper ballots")


@S.test
def test_ranking_double_keying(srv):
	po, (x, y, z) = poll(srv, "ranking", max_choices=3)
	u = srv.new_user()
	status(srv.put("/polls/%s/ballot" % po["id"], {"choices": [y, x, z]}, token=u["token"]),
	       200)
	# Points are not rankings.
	refused(srv, po, {"source": "R", "ballots": 8, "counts": {str(x): 8}}, "rankings", [])
	sheet = {"source": "Stand Stiftsplatz, Bogen 3", "ballots": 7, "invalid": 1, "keys": 2,
		 "rankings": [{"order": [x, y, z], "count": 4}, {"order": [z], "count": 2}]}
	refused(srv, po, dict(sheet, ballots=8), "ballots", [6, 1, 7, 8])
	refused(srv, po, dict(sheet, rankings=[{"order": [x, x], "count": 6}]), "counts", [x])
	r = status(srv.post("/polls/%s/analog" % po["id"], sheet, token=tok("a")), 201).json
	tid = r["id"]
	eq(r["state"], "waiting", "one entry of two")
	res = status(srv.get("/polls/%s/results" % po["id"]), 200).json
	eq((res["ballots"]["analog"], res["tallies"]), (0, {"counted": 0, "pending": 1}),
	   "a waiting tally counts nothing")
	# The same account cannot key it again.
	error(srv.post("/analog/%s/entries" % tid, sheet, token=tok("a")), 409, "conflict",
	      what="second entry by the first keyer")
	# A second account keys one order differently: mismatch, side by side.
	other = dict(sheet, rankings=[{"order": [x, z, y], "count": 4}, {"order": [z], "count": 2}])
	r = status(srv.post("/analog/%s/entries" % tid, other, token=tok("b")), 201).json
	eq(r["state"], "mismatch", "two entries differ")
	e1, e2 = r["entries"]
	eq((e1["keyed_by"] is not None, e2["keyed_by"] is not None), (True, True), "who keyed")
	# And as account ids, so a client offers each keyer only their own keying.
	me_a = status(srv.get("/me", token=tok("a")), 200).json["id"]
	me_b = status(srv.get("/me", token=tok("b")), 200).json["id"]
	eq((e1["keyed_by_id"], e2["keyed_by_id"]), (me_a, me_b), "keyer ids")
	# Per option both versions: y has 4x2 = 8 points in one, 4x1 = 4 in the other.
	eq((e1["counts"][str(y)], e2["counts"][str(y)]), (8, 4), "y side by side")
	eq(e1["rankings"][0], {"order": [x, y, z], "count": 4}, "the order as keyed")
	res = status(srv.get("/polls/%s/results" % po["id"]), 200).json
	eq(res["ballots"]["analog"], 0, "a mismatch counts nothing")
	# The first keyer may not overwrite the second entry.
	error(srv.put("/analog/%s" % tid, dict(sheet, slot=2, reason="x"), token=tok("a")),
	      409, "conflict", what="correcting the other's entry by the first keyer")
	error(srv.put("/analog/%s" % tid, dict(sheet), token=tok("b")), 422,
	      "validation_failed", field="reason", what="correction without reason")
	r = status(srv.put("/analog/%s" % tid, dict(sheet, reason="Bogen 3 nachgezählt"),
			   token=tok("b")), 200).json
	eq(r["state"], "counted", "corrected: both agree")
	res = status(srv.get("/polls/%s/results" % po["id"]), 200).json
	eq(res["ballots"], {"online": 1, "analog": 6, "total": 7, "analog_invalid": 1}, "ballots")
	# Points as online: x 4x3 + 1 (online 2nd... y first) -> online y3 x2 z1.
	eq(find(res["options"], id=x)["points"], 2 + 12, "x: online 2 + paper 4x3")
	eq(find(res["options"], id=y)["points"], 3 + 8, "y: online 3 + paper 4x2")
	eq(find(res["options"], id=z)["points"], 1 + 4 + 6, "z: online 1 + 4x1 + 2x3")
	# Listed with label, state and keyers; only for staff.
	lst = status(srv.get("/polls/%s/analog" % po["id"], token=tok("a")), 200).json
	eq(lst["total"], 1, "one tally")
	t = lst["items"][0]
	eq((t["source"], t["state"], len(t["entries"])),
	   ("Stand Stiftsplatz, Bogen 3", "counted", 2), "list")
	ok(all(e["keyed_at"] for e in t["entries"]), "when")
	error(srv.get("/polls/%s/analog" % po["id"], token=tok("cit")), 403, "forbidden",
	      what="a resident lists tallies")
	# Withdrawn: not counted, still listed, with the reason in the audit log.
	r = status(srv.delete("/analog/%s" % tid, {"reason": "Bogen doppelt abgegeben"},
			      token=tok("a")), 200).json
	eq(r["state"], "withdrawn", "withdrawn")
	error(srv.delete("/analog/%s" % tid, {"reason": "noch mal"}, token=tok("a")), 409,
	      "closed", what="withdrawn twice")
	res = status(srv.get("/polls/%s/results" % po["id"]), 200).json
	eq(res["ballots"]["analog"], 0, "withdrawn counts nothing")
	rows, where = audit_rows(srv, tok("a"))
	acts = [(x.get("action"), x.get("detail")) for x in rows]
	for want in (("analog", "Stand Stiftsplatz, Bogen 3"), ("analog.key", None),
		     ("analog.correct", "Bogen 3 nachgezählt"),
		     ("analog.withdraw", "Bogen doppelt abgegeben")):
		ok(want in acts, "%r in the audit log (%s)" % (want, where))


@S.test
def test_csv_and_demo_booth(srv):
	bike = C["demo"]["polls"]["bike"]
	res = status(srv.get("/polls/%s/results" % bike["id"]), 200).json
	eq(res["ballots"]["analog"], 81, "the demo booth's 41 + 17 + 23 paper ballots")
	lst = status(srv.get("/polls/%s/analog" % bike["id"], token=tok("a")), 200).json
	eq((lst["total"], lst["items"][0]["state"], lst["items"][0]["entries"][0]["ballots"]),
	   (1, "counted", 81), "the demo tally adds up")
	c = status(srv.get("/polls/%s/results.csv" % bike["id"], token=tok("a")), 200)
	rows = list(csv.reader(io.StringIO(c.body.decode("utf-8"))))
	eq(rows[0][2:5], ["online", "analog", "total"], "online and paper apart")
	last = [r for r in rows if r and r[0] == "ballots"]
	eq(last[0][3], "81", "the number of paper ballots in the CSV")


if __name__ == "__main__":
	S.run(setup)
