# test_api_concurrency.py — 200 registered accounts cast ballots at the same
# moment (one thread each) on the demo ranking and single polls, then all
# replace them at once; the results must equal exactly 200 ballots each time.
import os
import random
import sqlite3
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from mwtest import Suite, demo_index, eq, find, ok, status  # noqa: E402

S = Suite("test_api_concurrency")
N = int(os.environ.get("MW_CONC_ACCOUNTS", "200"))
C = {}


def setup():
	# 200 residents at once from one address, as behind a city's NAT: the
	# per-address connection cap is raised above them.
	srv = S.server(extra=["--max-per-address", "400"]).start()
	C["demo"] = demo_index(srv)
	t = time.time()
	with ThreadPoolExecutor(max_workers=8) as ex:
		C["users"] = list(ex.map(lambda i: srv.new_user(), range(N)))
	print("created %d accounts in %.1fs" % (N, time.time() - t))
	return srv


def cast_all(srv, poll, choices_of):
	"""Every account PUTs its ballot at once (released by a barrier).
	Returns the list of (status, account index) answers."""
	users = C["users"]
	barrier = threading.Barrier(len(users))
	out = [None] * len(users)

	def one(i):
		body = {"choices": choices_of(i)}
		try:
			barrier.wait(timeout=60)
		except threading.BrokenBarrierError:
			pass
		for attempt in range(3):
			try:
				r = srv.put("/polls/%s/ballot" % poll["id"], body, token=users[i]["token"])
				out[i] = r.status
				return
			except OSError as e:
				out[i] = "error: %s" % e
				time.sleep(0.2)
	threads = [threading.Thread(target=one, args=(i,)) for i in range(len(users))]
	for t in threads:
		t.start()
	for t in threads:
		t.join(timeout=120)
	return out


def results(srv, poll):
	return status(srv.get("/polls/%s/results" % poll["id"]), 200, "results").json


def check_ranking(srv, poll, before, choices_of):
	after = results(srv, poll)
	eq(after["ballots"]["online"] - before["ballots"]["online"], N,
	   "exactly %d new ranking ballots" % N)
	m = poll["max_choices"]
	want = {o["id"]: 0 for o in poll["options"]}
	for i in range(N):
		for pos, oid in enumerate(choices_of(i)):
			want[oid] += m - pos
	for o in poll["options"]:
		got = find(after["options"], id=o["id"])["points"] - \
		    find(before["options"], id=o["id"])["points"]
		eq(got, want[o["id"]], "Borda points added for option %s" % o["id"])


@S.test
def test_200_concurrent_ranking_ballots(srv):
	poll = C["demo"]["polls"]["ranking"]
	ids = [o["id"] for o in poll["options"]]
	rnd = random.Random(7)
	first = {i: rnd.sample(ids, rnd.randint(1, 3)) for i in range(N)}
	before = results(srv, poll)
	t = time.time()
	out = cast_all(srv, poll, lambda i: first[i])
	print("  %d concurrent ranking ballots in %.2fs" % (N, time.time() - t))
	bad = [(i, s) for i, s in enumerate(out) if s != 200]
	eq(bad, [], "every concurrent ballot answered 200")
	check_ranking(srv, poll, before, lambda i: first[i])
	# Everyone replaces the ballot at once: still N ballots, new counts.
	second = {i: rnd.sample(ids, 3) for i in range(N)}
	out = cast_all(srv, poll, lambda i: second[i])
	eq([(i, s) for i, s in enumerate(out) if s != 200], [], "every replacement answered 200")
	check_ranking(srv, poll, before, lambda i: second[i])
	for i in (0, N // 2, N - 1):
		j = status(srv.get("/polls/%s" % poll["id"], token=C["users"][i]["token"]), 200).json
		eq(j["my_ballot"], second[i], "my_ballot of account %d" % i)


@S.test
def test_200_concurrent_single_ballots(srv):
	poll = C["demo"]["polls"]["location"]
	ids = [o["id"] for o in poll["options"]]
	pick = {i: [ids[i % len(ids)]] for i in range(N)}
	before = results(srv, poll)
	out = cast_all(srv, poll, lambda i: pick[i])
	eq([(i, s) for i, s in enumerate(out) if s != 200], [], "every single ballot answered 200")
	after = results(srv, poll)
	eq(after["ballots"]["online"] - before["ballots"]["online"], N, "exactly %d ballots" % N)
	for k, oid in enumerate(ids):
		want = sum(1 for i in range(N) if pick[i][0] == oid)
		got = find(after["options"], id=oid)["online"] - find(before["options"], id=oid)["online"]
		eq(got, want, "single option %s" % oid)
	ok(abs(sum(o["share"] for o in after["options"]) - 1.0) < 1e-6 or after["ballots"]["total"] == 0,
	   "single shares sum to 1")


def together(n, fn):
	"""Runs fn(i) in n threads released at once; returns the results."""
	barrier = threading.Barrier(n)
	out = [None] * n

	def one(i):
		try:
			barrier.wait(timeout=30)
		except threading.BrokenBarrierError:
			pass
		try:
			out[i] = fn(i)
		except OSError as e:
			out[i] = "error: %s" % e
	ts = [threading.Thread(target=one, args=(i,)) for i in range(n)]
	for t in ts:
		t.start()
	for t in ts:
		t.join(timeout=60)
	return out


@S.test
def test_same_name_registered_at_once(srv):
	got = together(20, lambda i: srv.post("/auth/register", {
	    "username": "racename", "email": "race%d@example.org" % i,
	    "password": "race password"}).status)
	# Every answer is alike (it must not tell that the name exists); one
	# account is made.
	eq(got, [201] * 20, "all answered alike")
	got = together(20, lambda i: srv.post("/auth/register", {
	    "username": "racemail%d" % i, "email": "same@example.org",
	    "password": "race password"}).status)
	eq(got, [201] * 20, "same email at once: all answered alike")
	con = sqlite3.connect("file:%s?mode=ro" % srv.db, uri=True, timeout=10)
	try:
		eq(con.execute("SELECT count(*) FROM account WHERE username = 'racename'")
		   .fetchone()[0], 1, "one account of the raced name")
		eq(con.execute("SELECT count(*) FROM account WHERE email = 'same@example.org'")
		   .fetchone()[0], 1, "one account of the raced address")
	finally:
		con.close()


@S.test
def test_support_at_once_counts_once(srv):
	p = C["demo"]["projects"]["stadtraum"]
	idea = status(srv.get("/projects/%s/ideas?sort=new" % p["id"]), 200).json["items"][0]
	base = status(srv.get("/ideas/%s" % idea["id"]), 200).json["supports"]
	u = C["users"][0]
	got = together(20, lambda i: srv.put("/ideas/%s/support" % idea["id"],
					     token=u["token"]).status)
	eq(got, [200] * 20, "double support is idempotent, also at once")
	eq(status(srv.get("/ideas/%s" % idea["id"]), 200).json["supports"], base + 1, "counted once")
	users = C["users"][1:41]
	got = together(len(users), lambda i: srv.put("/ideas/%s/support" % idea["id"],
						     token=users[i]["token"]).status)
	eq(got, [200] * len(users), "40 supports at once")
	eq(status(srv.get("/ideas/%s" % idea["id"]), 200).json["supports"], base + 41,
	   "40 more supports counted exactly")


if __name__ == "__main__":
	S.run(setup)
