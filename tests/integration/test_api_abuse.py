# test_api_abuse.py — the API under abuse from one address: a flood of
# registrations (Argon2id at full cost) does not slow the reading of the
# platform. Slow clients are in test_api_slowloris.py.
# mwtest: alone (the reads' p99 during the flood is timed against 20 ms)
import http.client
import os
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from mwtest import Suite, ok, status  # noqa: E402

S = Suite("test_api_abuse")

READS = 4000            # GET /polls/1 measured during the flood, at most
READ_SECONDS = 4.0      # ... or for this long
FLOODERS = 8            # parallel registration loops, as in the report
FLOOD_MAX = 400         # registrations per loop at most (bounded)
P99_MAX_MS = 20.0


def p99(xs):
	xs = sorted(xs)
	return xs[min(len(xs) - 1, int(len(xs) * 0.99))]


@S.test
def test_registration_flood_keeps_reads_fast():
	# Full Argon2id cost (no --pwhash min) and no registration limits:
	# the worst case for the hashing itself.
	srv = S.server(fast_hash=False).start()
	u = srv.new_user()
	path = "/polls/1"
	status(srv.get(path, token=u["token"]), 200, "poll 1")
	stop = threading.Event()
	counts = {"sent": 0, "201": 0, "429": 0, "other": 0}
	lock = threading.Lock()

	def flood(k):
		c = srv.conn(timeout=30)
		try:
			for i in range(FLOOD_MAX):
				if stop.is_set():
					break
				name = "flood%d_%d_%d" % (os.getpid() % 1000, k, i)
				try:
					r = srv.post("/auth/register", {"username": name,
									"email": name + "@example.org",
									"password": "flood password"}, conn=c)
					key = str(r.status) if r.status in (201, 429) else "other"
				except (OSError, http.client.HTTPException):
					c.close()
					c = srv.conn(timeout=30)
					key = "other"
				with lock:
					counts["sent"] += 1
					counts[key] += 1
		finally:
			c.close()

	threads = [threading.Thread(target=flood, args=(k,)) for k in range(FLOODERS)]
	for t in threads:
		t.start()
	times = []
	try:
		# Measure once the flood is running: hashing has begun.
		deadline = time.time() + 10
		while counts["sent"] < FLOODERS and time.time() < deadline:
			time.sleep(0.01)
		conn = srv.conn(timeout=30)
		try:
			end = time.time() + READ_SECONDS
			for _ in range(READS):
				if time.time() > end:
					break
				t0 = time.perf_counter()
				r = srv.get(path, token=u["token"], conn=conn)
				times.append((time.perf_counter() - t0) * 1000)
				ok(r.status == 200, "GET %s during the flood: %r" % (path, r))
		finally:
			conn.close()
	finally:
		stop.set()
		for t in threads:
			t.join(timeout=120)
	got = p99(times)
	print("registration flood: %d registrations sent (%d accepted, %d refused 429, %d other);"
	      " GET %s p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d reads"
	      % (counts["sent"], counts["201"], counts["429"], counts["other"], path,
		 sorted(times)[len(times) // 2], got, max(times), len(times)))
	ok(counts["201"] > 0, "some registrations were hashed during the flood: %r" % counts)
	ok(counts["other"] == 0, "every registration got 201 or 429: %r" % counts)
	ok(got < P99_MAX_MS, "GET %s p99 %.2f ms during the flood (limit %.0f ms)"
	   % (path, got, P99_MAX_MS))


if __name__ == "__main__":
	S.run()
