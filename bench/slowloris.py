#!/usr/bin/env python3
# slowloris.py — latency of GET /projects from one address while 2,000 slow
# connections trickle request heads, first from one address, then from 2,000
# spread over 40 addresses of 127.0.0.0/8 (held until the 10 s head
# deadline cuts them). Prints p50/p99/max; asserts nothing.
# Run: BUILD=build python3 bench/slowloris.py [ROUNDS]   (make bench-slowloris)
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "integration"))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "lib"))
import test_api_slowloris as sl  # noqa: E402
from mwtest import ApiServer as Server  # noqa: E402


def main():
	rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 10
	sl.raise_fd_limit(3 * sl.SLOW)
	srv = Server(extra=["--quiet"]).start()
	try:
		got = sl.scenario(srv, rounds=rounds)
	finally:
		srv.stop()
		srv.close(keep=False)
	for name, what in (("one", "one address"), ("many", "40 addresses")):
		p50, p99, worst = sl.summary(got[name])
		print("GET /projects, %d slow connections from %s: %d requests, p50 %.2f ms,"
		      " p99 %.2f ms, max %.2f ms (target < %d ms)"
		      % (sl.SLOW, what, len(got[name]), p50, p99, worst, sl.PROBE_LIMIT_MS))


if __name__ == "__main__":
	main()
