# test_api_durability.py — several threads stream ballots; the server gets
# SIGKILL in the middle of the stream and is restarted on the same database.
# Every ballot answered 200 must be there: each account's my_ballot is its
# last acknowledged ballot, or the one request that was still in flight.
# Three rounds of stream, kill and restart on the same database.
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from mwtest import Suite, demo_index, eq, ok, status  # noqa: E402

S = Suite("test_api_durability")
ACCOUNTS = 48
THREADS = 6
C = {}


def setup():
	srv = S.server().start()
	C["demo"] = demo_index(srv)
	with ThreadPoolExecutor(max_workers=8) as ex:
		C["users"] = list(ex.map(lambda i: srv.new_user(), range(ACCOUNTS)))
	return srv


def ballots_of(ids):
	"""A cycle of distinct ranking ballots, so each write is recognisable."""
	out = []
	for a in ids:
		for b in ids:
			for c in ids:
				if len({a, b, c}) == 3:
					out.append([a, b, c])
	return out


ROUNDS = 3


@S.test
def test_sigkill_mid_stream(srv):
	poll = C["demo"]["polls"]["ranking"]
	variants = ballots_of([o["id"] for o in poll["options"]])
	users = C["users"]
	base = status(srv.get("/polls/%s/results" % poll["id"]), 200).json["ballots"]["online"]
	stored = {}         # account index -> ballot found after the last restart
	for rnd in range(ROUNDS):
		stored = one_round(srv, poll, variants, users, rnd, stored, base)


def one_round(srv, poll, variants, users, rnd, before, base):
	"""Streams ballots, kills the server with SIGKILL mid-stream, restarts
	it and checks every account. Returns each account's stored ballot."""
	acked = {}          # account index -> last acknowledged choices
	inflight = {}       # account index -> choices sent but not answered
	stop = threading.Event()
	killed = threading.Event()
	counts = {"ok": 0, "err": 0, "other": 0, "early": 0}
	lock = threading.Lock()

	def worker(t):
		mine = list(range(t, len(users), THREADS))
		k = 0
		conn = None
		while not stop.is_set() and k < 100000:
			i = mine[k % len(mine)]
			ch = variants[(k * 7 + i + rnd * 13) % len(variants)]
			k += 1
			with lock:
				inflight[i] = ch
			try:
				if conn is None:
					conn = srv.conn(timeout=5)
				r = srv.put("/polls/%s/ballot" % poll["id"], {"choices": ch},
					    token=users[i]["token"], conn=conn)
			except Exception:
				# The server is gone (or broke the connection): this ballot
				# stays "in flight" (it may or may not have been stored) and
				# the thread stops, so nothing overwrites that record.
				with lock:
					counts["err"] += 1
					if not killed.is_set():
						counts["early"] += 1
				if conn is not None:
					conn.close()
				return
			with lock:
				del inflight[i]
				if r.status == 200 and r.json.get("choices") == ch:
					acked[i] = ch
					counts["ok"] += 1
				else:
					counts["other"] += 1
		if conn is not None:
			conn.close()

	threads = [threading.Thread(target=worker, args=(t,)) for t in range(THREADS)]
	for t in threads:
		t.start()
	# Let the stream run, then kill while requests are in flight.
	deadline = time.time() + 10
	while time.time() < deadline and counts["ok"] < 300:
		time.sleep(0.05)
	# Kill first, so every thread has a request on the way when it happens.
	killed.set()
	srv.kill()
	stop.set()
	for t in threads:
		t.join(timeout=30)
	print("  round %d: %d ballots acknowledged before SIGKILL (%d errors, %d other)"
	      % (rnd + 1, counts["ok"], counts["err"], counts["other"]))
	ok(counts["ok"] > 0, "no ballot was acknowledged before the kill")
	eq(counts["other"], 0, "every answered ballot was a 200")
	eq(counts["early"], 0, "connection errors before the kill")
	srv.start()
	lost = []
	now = {}
	for i, u in enumerate(users):
		j = status(srv.get("/polls/%s" % poll["id"], token=u["token"]), 200,
			   "poll after restart").json
		now[i] = j["my_ballot"]
		allowed = [acked[i] if i in acked else before.get(i)]
		if i in inflight:
			allowed.append(inflight[i])
		if j["my_ballot"] not in allowed:
			lost.append((u["username"], allowed[0], j["my_ballot"]))
	eq(lost, [], "round %d: acknowledged ballots lost by SIGKILL (name, expected, found)"
	   % (rnd + 1))
	res = status(srv.get("/polls/%s/results" % poll["id"]), 200).json
	eq(res["ballots"]["online"], base + sum(1 for b in now.values() if b is not None),
	   "results count exactly the stored ballots")
	return now


if __name__ == "__main__":
	S.run(setup)
