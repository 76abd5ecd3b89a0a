# test_api_input.py — hostile and broken requests: malformed JSON, wrong
# types, oversize bodies (with Content-Length and chunked without it), wrong
# media type, invalid UTF-8, control and bidi characters, absurd numbers and
# nesting, odd paths; the server answers each with the right error and lives on.
import json
import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from mwtest import BASE, Suite, demo_index, eq, error, ok, status  # noqa: E402

S = Suite("test_api_input")
C = {}
LIMIT = 64 * 1024


def setup():
	srv = S.server().start()
	C["demo"] = demo_index(srv)
	C["u"] = srv.new_user()
	C["staff"] = srv.new_user("staff")
	return srv


def idea_path():
	return "/projects/%s/ideas" % C["demo"]["projects"]["stadtraum"]["id"]


def tok():
	return C["u"]["token"]


def alive(srv):
	status(srv.get("/health"), 200, "server still alive")


@S.test
def test_malformed_json(srv):
	for raw in (b"{", b"{\"title\": }", b"{\"title\": \"x\",}", b"{} trailing",
		    b"{'title': 'x'}", b"nul", b"\"just a string\"", b"[]", b"123", b"",
		    b"{\"title\": \"abc\" \"body\": \"x\"}", b"\xef\xbb\xbf{}x"):
		r = srv.request("POST", idea_path(), raw=raw, token=tok())
		error(r, 400, "bad_request", what="malformed JSON %r" % raw[:20])
	alive(srv)


@S.test
def test_every_json_endpoint_refuses_broken_bodies(srv):
	d = C["demo"]
	pid = d["projects"]["stadtraum"]["id"]
	po = d["polls"]["location"]["id"]
	sv = d["surveys"]["box"]["id"]
	p = d["projects"]["stadtraum"]
	idea = srv.get("/projects/%s/ideas" % pid).json["items"][0]["id"]
	comment = srv.get("/projects/%s/comments" % pid).json["items"]
	st, u = C["staff"]["token"], tok()
	calls = [("POST", "/auth/register", None), ("POST", "/auth/confirm", None),
		 ("POST", "/auth/login", None),
		 ("POST", "/projects/%s/ideas" % pid, u), ("POST", "/ideas/%s/comments" % idea, u),
		 ("POST", "/projects/%s/comments" % pid, u), ("POST", "/ideas/%s/report" % idea, u),
		 ("PUT", "/polls/%s/ballot" % po, u), ("PUT", "/surveys/%s/response" % sv, u),
		 ("POST", "/moderation/ideas/%s" % idea, st), ("POST", "/projects", st),
		 ("PATCH", "/projects/%s" % p["id"], st), ("POST", "/projects/%s/polls" % pid, st),
		 ("PATCH", "/polls/%s" % po, st), ("POST", "/projects/%s/surveys" % pid, st),
		 ("POST", "/polls/%s/analog" % po, st)]
	if comment:
		calls.append(("POST", "/comments/%s/report" % comment[0]["id"], u))
	for method, path, t in calls:
		for raw, code, st_ in ((b"{", "bad_request", 400), (b'{"a": [}', "bad_request", 400),
				       (b"[1, 2]", "bad_request", 400)):
			r = srv.request(method, path, raw=raw, token=t)
			error(r, st_, code, what="%s %s with %r" % (method, path, raw))
		r = srv.request(method, path, raw=b"{}", token=t, headers={"Content-Type": "text/plain"})
		error(r, 415, "unsupported_media_type", what="%s %s as text/plain" % (method, path))
	r = srv.request("DELETE", "/me", raw=b"{", token=tok())
	error(r, 400, "bad_request", what="DELETE /me with broken JSON")
	status(srv.get("/me", token=tok()), 200, "account still there")
	alive(srv)


@S.test
def test_wrong_types(srv):
	for body in ({"title": 5, "body": "Genug Text hier."},
		     {"title": "Titel", "body": None},
		     {"title": ["T", "i"], "body": "Genug Text hier."},
		     {"title": {"de": "Titel"}, "body": "Genug Text hier."},
		     {"title": True, "body": "Genug Text hier."}):
		r = srv.post(idea_path(), body, token=tok())
		error(r, 400, "bad_request", what="wrong type %r" % body)
	po = C["demo"]["polls"]["location"]
	for body in ({"choices": {"a": 1}}, {"choices": [True]}, {"choices": [1e300]},
		     {"choices": [9223372036854775808]}, {"choices": [-9223372036854775809]}):
		r = srv.put("/polls/%s/ballot" % po["id"], body, token=tok())
		ok(r.status in (400, 422), "ballot %r refused, got %r" % (body, r))
		ok("error" in r.json, "error body")
	alive(srv)


@S.test
def test_unsupported_media_type(srv):
	body = json.dumps({"title": "Titel", "body": "Genug Text hier."}).encode()
	for ct in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; b=x"):
		r = srv.request("POST", idea_path(), raw=body, token=tok(),
				headers={"Content-Type": ct})
		error(r, 415, "unsupported_media_type", what="Content-Type " + ct)
	r = srv.request("POST", idea_path(), raw=body, token=tok(),
			headers={"Content-Type": "application/json; charset=utf-8"})
	status(r, 201, "application/json with charset")


@S.test
def test_oversize_with_content_length(srv):
	big = json.dumps({"title": "Titel", "body": "x" * (LIMIT + 10)}).encode()
	r = srv.request("POST", idea_path(), raw=big, token=tok())
	error(r, 413, "payload_too_large", what="64 KiB + body")
	r = srv.request("POST", "/auth/register", raw=big)
	error(r, 413, "payload_too_large", what="oversize before auth is checked")
	alive(srv)


@S.test
def test_exactly_64k_is_not_too_large(srv):
	doc = json.dumps({"title": "Titel genau", "body": "Genug Text hier."})
	pad = LIMIT - len(doc.encode())
	raw = (doc[:-1] + " " * pad + "}").encode()
	eq(len(raw), LIMIT, "body length")
	r = srv.request("POST", idea_path(), raw=raw, token=tok())
	status(r, 201, "a 64 KiB body is within the limit")
	raw1 = (doc[:-1] + " " * (pad + 1) + "}").encode()
	error(srv.request("POST", idea_path(), raw=raw1, token=tok()), 413, "payload_too_large",
	      what="64 KiB + 1")


@S.test
def test_oversize_chunked(srv):
	def chunks():
		yield b'{"title": "Titel", "body": "'
		for _ in range(80):
			yield b"y" * 1024
		yield b'"}'
	try:
		r = srv.request("POST", idea_path(), raw=chunks(), token=tok())
	except (BrokenPipeError, ConnectionResetError):
		r = None
	if r is None:
		# The server may stop reading; fall back to a raw socket to see its answer.
		body = b'{"title": "Titel", "body": "' + b"y" * (LIMIT + 100) + b'"}'
		req = ("POST %s%s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
		       "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
		       % (BASE, idea_path(), tok())).encode()
		req += b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n"
		r = srv.raw(req)
	error(r, 413, "payload_too_large", what="chunked oversize without Content-Length")
	# A small chunked body is fine.
	r = srv.request("POST", idea_path(), token=tok(),
			raw=iter([b'{"title": "Gechunkt", ', b'"body": "Genug Text hier."}']))
	status(r, 201, "small chunked body")
	alive(srv)


@S.test
def test_huge_content_length_not_sent(srv):
	req = ("POST %s%s HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
	       "Content-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n{"
	       % (BASE, idea_path(), tok())).encode()
	r = srv.raw(req, timeout=5)
	error(r, 413, "payload_too_large", what="Content-Length 10 GB")
	alive(srv)


@S.test
def test_invalid_utf8(srv):
	for bad, what in ((b"\xff", "0xFF"), (b"\xc0\xaf", "overlong /"), (b"\xed\xa0\x80", "surrogate"),
			  (b"\xe2\x82", "truncated"), (b"\xf4\x90\x80\x80", "above U+10FFFF"),
			  (b"\x80", "lone continuation")):
		raw = b'{"title": "Ti' + bad + b'tel", "body": "Genug Text hier."}'
		r = srv.request("POST", idea_path(), raw=raw, token=tok())
		ok(r.status in (400, 422), "invalid UTF-8 %s refused, got %r" % (what, r))
		if r.status == 422:
			error(r, 422, "validation_failed", "title", "invalid UTF-8 " + what)
		else:
			error(r, 400, "bad_request", what="invalid UTF-8 " + what)
		raw = b'{"title": "Titel", "body": "Genug Text ' + bad + b' hier."}'
		r = srv.request("POST", idea_path(), raw=raw, token=tok())
		ok(r.status in (400, 422), "invalid UTF-8 in body %s refused, got %r" % (what, r))
	alive(srv)


@S.test
def test_escaped_control_and_bidi(srv):
	cases = [("\\u0000", "NUL"), ("\\u0007", "BEL"), ("\\u001b[2J", "ESC"),
		 ("\\u007f", "DEL"), ("\\u0085", "NEL"), ("\\u009b", "CSI"), ("\\u202e", "RLO"),
		 ("\\u2066", "LRI"), ("\\u2069", "PDI"), ("\\ud800", "lone surrogate escape")]
	for esc, what in cases:
		raw = ('{"title": "Titel%s x", "body": "Genug Text hier."}' % esc).encode()
		r = srv.request("POST", idea_path(), raw=raw, token=tok())
		if what == "lone surrogate escape" and r.status == 400:
			continue
		error(r, 422, "validation_failed", "title", "escaped %s in title" % what)
		raw = ('{"title": "Titel", "body": "Genug Text %s hier."}' % esc).encode()
		r = srv.request("POST", idea_path(), raw=raw, token=tok())
		if what == "lone surrogate escape" and r.status == 400:
			continue
		error(r, 422, "validation_failed", "body", "escaped %s in body" % what)
	r = srv.request("POST", idea_path(), token=tok(),
			raw='{"title": "Emoji \\ud83d\\udeb2 ok", "body": "Genug Text hier."}'.encode())
	status(r, 201, "escaped surrogate pair is a valid character")
	eq(r.json["title"], "Emoji \U0001f6b2 ok", "surrogate pair decoded, kept as written")
	r = srv.post(idea_path(), {"title": "RTL \u05e9\u05dc\u05d5\u05dd ok",
				   "body": "Arabisch \u0645\u0631\u062d\u0628\u0627 ist erlaubt."},
		     token=tok())
	status(r, 201, "right-to-left letters without overrides are fine")


@S.test
def test_deep_nesting_and_big_numbers(srv):
	raw = b"[" * 20000 + b"]" * 20000
	r = srv.request("POST", idea_path(), raw=raw, token=tok())
	error(r, 400, "bad_request", what="20000-deep nesting")
	raw = b'{"title": "Titel", "body": "Genug Text hier.", "x": ' + b"9" * 5000 + b"}"
	r = srv.request("POST", idea_path(), raw=raw, token=tok())
	ok(r.status in (201, 400), "unknown field with a huge number: %r" % r)
	alive(srv)


@S.test
def test_odd_paths_and_queries(srv):
	for path in ("/api/v1/../../etc/passwd", "/api/v1/projects/%2e%2e%2fetc",
		     "/api/v1/projects/%00", "/api/v1/ideas/1%00", "/api/v1/ideas/-1",
		     "/api/v1/ideas/99999999999999999999999", "/api/v1/polls/0x10",
		     "/api/v1/projects/%FF%FE"):
		r = srv.get(path)
		ok(r.status in (400, 404), "%s refused, got %r" % (path, r))
		ok("error" in r.json, "error body for " + path)
	r = srv.get("/projects?status=all&lang=%FF%FE")
	ok(r.status in (200, 400), "bad lang bytes: %r" % r)
	if r.status == 200:
		eq(r.json["items"][0]["lang"], "de", "bad lang falls back to de")
	try:
		r = srv.request("GET", "/projects?" + "x=1&" * 2000, conn=srv.conn(timeout=10))
	except OSError as e:
		raise AssertionError("2000 query parameters: no answer within 10 s (%s)" % e)
	ok(r.status in (200, 400, 414, 431), "very long query: %r" % r)
	alive(srv)


@S.test
def test_garbage_requests_do_not_kill(srv):
	# (request, an acceptable non-error status besides 4xx/505/closed)
	cases = [(b"GARBAGE\r\n\r\n", None),
		 (b"GET /api/v1/health HTTP/9.9\r\n\r\n", None),
		 (b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n", None),
		 (b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n"
		  b"Content-Type: application/json\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", None),
		 (b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nX: " + b"a" * 100000 + b"\r\n\r\n", 200)]
	for req, fine in cases:
		r = srv.raw(req, timeout=5)
		ok(r.status in (0, 505, fine) or 400 <= r.status < 500,
		   "garbage %r: status %r" % (req[:30], r.status))
	alive(srv)


@S.test
def test_ambiguous_headers_refused(srv):
	body = b'{"login": "demo", "password": "x"}'
	head = "POST %s/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" \
	    % BASE
	cases = [("two Content-Length", head + "Content-Length: %d\r\nContent-Length: 5\r\n\r\n"
		  % len(body), body),
		 ("Content-Length and chunked", head + "Content-Length: %d\r\n"
		  "Transfer-Encoding: chunked\r\n\r\n" % (len(body) + 10),
		  b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n"),
		 ("two Authorization", "GET %s/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s"
		  "\r\nAuthorization: Bearer %s\r\n\r\n" % (BASE, tok(), "x" * 43), b""),
		 ("two Host", "GET %s/health HTTP/1.1\r\nHost: x\r\nhost: y\r\n\r\n" % BASE, b"")]
	for what, h, b in cases:
		r = srv.raw(h.encode() + b, timeout=5)
		error(r, 400, "bad_request", what=what)
	# One of each is fine.
	r = srv.raw(("GET %s/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
		     "Connection: close\r\n\r\n" % (BASE, tok())).encode(), timeout=5)
	status(r, 200, "one Authorization header")
	alive(srv)


@S.test
def test_malformed_authorization_refused(srv):
	t = tok()
	for h in ("Bearer  " + t, "Bearer", "Bearer ", "bearer", t, "Bearer " + t + " x",
		  "Bearer\t" + t, "Bearer " + t + "=x", "Bearer ," + t):
		error(srv.get("/me", headers={"Authorization": h}), 400, "bad_request",
		      what="Authorization %r" % h[:12])
	for h in ("Basic " + t, "Bearer " + "x" * 43, "Bearer forged.token.value"):
		error(srv.get("/me", headers={"Authorization": h}), 401, "unauthorized",
		      what="Authorization %r" % h[:12])
	status(srv.get("/me", headers={"Authorization": "bearer " + t}), 200,
	       "the scheme is case-insensitive")
	status(srv.get("/me", token=t), 200, "the real token works")


@S.test
def test_logged_bytes_escaped(srv):
	srv.raw(b"GET /api/v1/\xff\xfe%FF\x1b[2J\xe2\x80\xae HTTP/1.1\r\nHost: x\r\n"
		b"Connection: close\r\n\r\n", timeout=5)
	srv.get("/projects/%FF%C3%28%E2%80%8B")
	alive(srv)
	want = b"/api/v1/projects/\\xff\\xc3(\\xe2\\x80\\x8b"
	# The server writes a request's log line when the request is done,
	# which may be just after the client has its answer: read until the
	# line is there (or 10 s have passed).
	deadline = time.monotonic() + 10
	while True:
		raw = b""
		for n in range(1, srv.starts + 1):
			p = os.path.join(srv.tmp, "server-%d.log" % n)
			if os.path.exists(p):
				with open(p, "rb") as f:
					raw += f.read()
		if want in raw or time.monotonic() > deadline:
			break
		time.sleep(0.05)
	ok(b"\xef\xbf\xbd" not in raw and b"?" not in raw.split(b"projects/")[-1][:20],
	   "no replacement characters in the log")
	for bad in (b"\xff", b"\xfe", b"\x1b", b"\xe2\x80\xae", b"\xe2\x80\x8b"):
		ok(bad not in raw, "byte %r reached the log raw" % bad)
	ok(want in raw,
	   "the decoded path is logged with \\x escapes: %r" % raw[-600:])


@S.test
def test_idle_and_half_sent_connections_do_not_block(srv):
	socks = []
	try:
		for k in range(300):
			# Spread over ten addresses: one address may hold 64 at most.
			s = socket.create_connection(("127.0.0.1", srv.port), timeout=5,
						     source_address=("127.0.1.%d" % (k % 10 + 1), 0))
			if k % 2:
				s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\n")    # never ends
			socks.append(s)
		t = time.time()
		status(srv.get("/health"), 200, "health with 300 stalled connections")
		ok(time.time() - t < 3, "answered within 3 s with 300 stalled connections")
	finally:
		for s in socks:
			s.close()
	alive(srv)


@S.test
def test_clients_leaving_mid_ballot(srv):
	po = C["demo"]["polls"]["location"]
	u = srv.new_user()
	before = srv.get("/polls/%s/results" % po["id"]).json["ballots"]["online"]
	body = json.dumps({"choices": [po["options"][0]["id"]]}).encode()
	req = ("PUT %s/polls/%s/ballot HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\n"
	       "Content-Type: application/json\r\nContent-Length: %d\r\n\r\n"
	       % (BASE, po["id"], u["token"], len(body))).encode() + body
	for _ in range(50):
		s = socket.create_connection(("127.0.0.1", srv.port), timeout=5)
		s.sendall(req)
		s.close()
	alive(srv)
	time.sleep(0.3)
	after = srv.get("/polls/%s/results" % po["id"]).json["ballots"]["online"]
	ok(after - before in (0, 1), "one account is at most one ballot: %d -> %d" % (before, after))
	status(srv.put("/polls/%s/ballot" % po["id"], {"choices": [po["options"][1]["id"]]},
		       token=u["token"]), 200, "ballot after the leavers")
	eq(srv.get("/polls/%s/results" % po["id"]).json["ballots"]["online"], before + 1,
	   "exactly one ballot of this account")


@S.test
def test_missing_or_bad_auth_on_every_resident_endpoint(srv):
	d = C["demo"]
	idea = 1
	po = d["polls"]["location"]["id"]
	sv = d["surveys"]["box"]["id"]
	pid = d["projects"]["stadtraum"]["id"]
	calls = [("POST", "/projects/%s/ideas" % pid, {"title": "abc", "body": "0123456789"}),
		 ("PUT", "/ideas/%s/support" % idea, None), ("DELETE", "/ideas/%s/support" % idea, None),
		 ("POST", "/ideas/%s/comments" % idea, {"body": "x"}),
		 ("POST", "/projects/%s/comments" % pid, {"body": "x"}),
		 ("POST", "/ideas/%s/report" % idea, {"reason": "x"}),
		 ("POST", "/comments/1/report", {"reason": "x"}),
		 ("PUT", "/polls/%s/ballot" % po, {"choices": [1]}),
		 ("DELETE", "/polls/%s/ballot" % po, None),
		 ("PUT", "/surveys/%s/response" % sv, {"answers": []}),
		 ("GET", "/me", None), ("GET", "/me/export", None),
		 ("DELETE", "/me", {"password": "x"}), ("POST", "/auth/logout", None),
		 ("GET", "/moderation/queue?type=ideas", None),
		 ("POST", "/moderation/ideas/1", {"action": "approve", "reason": "x"}),
		 ("POST", "/projects", {"slug": "a"})]
	for method, path, body in calls:
		for t in (None, "forged.token.value", "A" * 43):
			r = srv.request(method, path, body, token=t)
			error(r, 401, "unauthorized", what="%s %s token=%s" % (method, path, (t or "-")[:6]))


if __name__ == "__main__":
	S.run(setup)
