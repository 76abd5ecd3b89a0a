# test_api_accounts.py — register, confirm (token from the mail file), login,
# logout, /me, tokens (missing, forged, expired, logged out), conflicts,
# account input rules and login rate limiting with Retry-After.
import email
import http.client
import email.policy
import json
import os
import re
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mwtest  # noqa: E402
from mwtest import (Skip, Suite, eq, error, has_fields, has_option,  # noqa: E402
		     is_rfc3339, mail_code, ok, status)

S = Suite("test_api_accounts")
USER_FIELDS = ["id", "username", "display_name", "role", "created_at"]
OWNER_FIELDS = USER_FIELDS + ["email", "locale", "status"]


def setup():
	return S.server().start()


@S.test
def test_help_and_version(srv):
	h = srv.cli("--help")
	eq(h.returncode, 0, "--help exit status")
	out = (h.stdout + h.stderr).decode()
	for word in ("serve", "useradd", "seed", "--db", "--listen", "--mail-dir", "--smtp"):
		ok(word in out, "--help mentions %s" % word)
	v = srv.cli("--version")
	eq(v.returncode, 0, "--version exit status")
	ok(re.search(rb"\d+\.\d+", v.stdout + v.stderr), "--version prints a version")
	try:
		bad = srv.cli("serve", "--no-such-option", "--db", srv.db + "-x", timeout=5)
	except subprocess.TimeoutExpired:
		raise AssertionError("serve with an unknown option kept running")
	ok(bad.returncode != 0, "unknown option fails")


@S.test
def test_useradd_cli(srv):
	u = srv.useradd(role="moderator")
	r = status(srv.login(u["username"], u["password"]), 200, "useradd account is active")
	eq(r.json["user"]["role"], "moderator", "useradd role")

	def add(name, role="citizen", pw="long enough pw"):
		return srv.cli("useradd", name, "--email", name + "@example.org", "--role", role,
			       "--db", srv.db, "--pwhash", "min", stdin=(pw + "\n").encode())
	ok(add(u["username"]).returncode != 0, "useradd refuses a taken name")
	ok(add("x" + srv.unique(), role="emperor").returncode != 0, "useradd refuses a bad role")
	ok(add("y" + srv.unique(), pw="short").returncode != 0, "useradd refuses a short password")
	ok(add("Bad Name").returncode != 0, "useradd refuses a bad name")
	error(srv.login("Bad Name", "long enough pw"), 401, "invalid_credentials",
	      what="refused useradd created nothing")


@S.test
def test_register_confirm_login_logout(srv):
	r, u = srv.register(display_name="Erika Muster")
	status(r, 201, "register")
	# No id: the answer is the same whether an account was made or not.
	has_fields(r.json, [f for f in OWNER_FIELDS if f != "id"], "registered user")
	ok("id" not in r.json, "no id in the registration answer")
	eq(r.json["status"], "pending", "new account status")
	eq(r.json["username"], u["username"], "username echoed")
	eq(r.json["display_name"], "Erika Muster", "display_name")
	eq(r.json["role"], "citizen", "new accounts are citizens")
	ok(is_rfc3339(r.json["created_at"]), "created_at RFC 3339: %r" % r.json["created_at"])
	ok("password" not in json.dumps(r.json).lower(), "no password (hash) in the answer")
	error(srv.login(u["username"], u["password"]), 403, "not_confirmed",
	      what="login before confirming")
	tok = srv.mail_token(u["email"])
	c = status(srv.post("/auth/confirm", {"token": tok}), 200, "confirm")
	eq(c.json["status"], "active", "confirmed account status")
	eq(c.json["username"], u["username"], "confirm answers the user")
	again = srv.post("/auth/confirm", {"token": tok})
	ok(400 <= again.status < 500 and again.json.get("error"),
	   "a confirmation token works once, second use got %r" % again)
	lg = status(srv.login(u["username"], u["password"]), 200, "login by name")
	has_fields(lg.json, ["token", "expires_at", "user"], "login answer")
	ok(is_rfc3339(lg.json["expires_at"]), "expires_at RFC 3339")
	eq(lg.json["user"]["username"], u["username"], "login user")
	t = lg.json["token"]
	ok(len(t) >= 20, "token long enough to be unguessable")
	lg2 = status(srv.login(u["email"], u["password"]), 200, "login by email")
	ok(lg2.json["token"] != t, "each login gets its own token")
	me = status(srv.get("/me", token=t), 200, "/me").json
	has_fields(me, OWNER_FIELDS, "/me")
	eq(me["email"], u["email"], "/me email")
	eq(me["status"], "active", "/me status")
	status(srv.post("/auth/logout", token=t), 204, "logout")
	error(srv.get("/me", token=t), 401, "unauthorized", what="token after logout")
	status(srv.get("/me", token=lg2.json["token"]), 200, "other session survives logout")
	error(srv.post("/auth/logout"), 401, "unauthorized", what="logout without token")


@S.test
def test_mail_file_is_rfc5322(srv):
	r, u = srv.register()
	status(r, 201)
	names = [n for n in os.listdir(srv.mail) if n.endswith(".eml")]
	ok(names, "mail written as .eml files")
	found = False
	for n in names:
		with open(os.path.join(srv.mail, n), "rb") as f:
			data = f.read()
		if u["email"].encode() in data:
			found = True
			head = data.split(b"\r\n\r\n", 1)[0] if b"\r\n\r\n" in data else data.split(b"\n\n", 1)[0]
			for h in (b"From:", b"To:", b"Subject:", b"Date:", b"Message-ID:"):
				ok(re.search(b"(?im)^" + h, head), "mail header %r missing" % h)
	ok(found, "a mail to the new address")


@S.test
def test_pending_account_wrong_password_says_nothing_more(srv):
	r, u = srv.register()
	status(r, 201)
	error(srv.login(u["username"], "not the password"), 401, "invalid_credentials",
	      what="wrong password of a pending account")
	error(srv.login(u["username"], u["password"]), 403, "not_confirmed",
	      what="right password of a pending account")


@S.test
def test_logout_twice(srv):
	u = srv.new_user()
	status(srv.post("/auth/logout", token=u["token"]), 204)
	error(srv.post("/auth/logout", token=u["token"]), 401, "unauthorized", what="second logout")


@S.test
def test_bad_confirm_tokens(srv):
	for tok in ("", "x", "A" * 64, "../../etc/passwd"):
		r = srv.post("/auth/confirm", {"token": tok})
		ok(r.status in (400, 401, 404, 409, 422), "confirm %r refused, got %r" % (tok, r))
		ok(isinstance(r.json.get("error"), dict), "error body for confirm %r" % tok)
	error(srv.post("/auth/confirm", {"token": 12345}), 400, "bad_request",
	      what="confirm token of wrong type")


@S.test
def test_invalid_credentials_alike(srv):
	u = srv.new_user()
	a = error(srv.login(u["username"], "wrong password 1"), 401, "invalid_credentials",
		  what="wrong password")
	b = error(srv.login("nosuchuser42", "wrong password 1"), 401, "invalid_credentials",
		  what="unknown name")
	c = error(srv.login("nobody@example.org", "wrong password 1"), 401, "invalid_credentials",
		  what="unknown email")
	eq(a["message"], b["message"], "same message for unknown name and wrong password")
	eq(a.get("field"), b.get("field"), "same field for unknown name and wrong password")
	eq(b["message"], c["message"], "same message for unknown email")


def mails_to(srv, addr):
	"""(subject, text) of every mail to addr, oldest first."""
	out = []
	for n in sorted(os.listdir(srv.mail), key=lambda n: os.path.getmtime(
		os.path.join(srv.mail, n))):
		with open(os.path.join(srv.mail, n), "rb") as f:
			msg = email.message_from_bytes(f.read(), policy=email.policy.default)
		if addr.lower() in str(msg["To"]).lower():
			out.append((str(msg["Subject"]), msg.get_body().get_content()))
	return out


def account_count(srv):
	con = sqlite3.connect("file:%s?mode=ro" % srv.db, uri=True, timeout=10)
	try:
		return con.execute("SELECT count(*) FROM account").fetchone()[0]
	finally:
		con.close()


def wait_mails(srv, addr, n):
	deadline = time.time() + 15
	while len(mails_to(srv, addr)) < n and time.time() < deadline:
		time.sleep(0.05)
	got = mails_to(srv, addr)
	ok(len(got) >= n, "%d mails to %s, got %r" % (n, addr, got))
	return got


@S.test
def test_register_conflicts_tell_nothing(srv):
	u = srv.new_user()
	fresh, _ = srv.register()
	status(fresh, 201)
	before = account_count(srv)
	shape = sorted(fresh.json)
	# A taken name, a taken address (in any case), a seeded name, a
	# pending account's name: the same 201 as a new account, nothing made.
	other = "other-%s@example.org" % u["username"]
	cases = [(u["username"], other, "name"),
		 (srv.unique("x"), u["email"], "address"),
		 (srv.unique("x"), u["email"].upper(), "address"),
		 ("demo", "demo-%s@example.org" % srv.unique(), "name")]
	for name, addr, what in cases:
		r, _ = srv.register(username=name, email_addr=addr)
		status(r, 201, "taken %s %s/%s" % (what, name, addr))
		eq(sorted(r.json), shape, "same fields as a new account")
		eq((r.json["username"], r.json["status"]), (name, "pending"), "echo")
	r, p = srv.register()
	status(r, 201)
	r, _ = srv.register(username=p["username"], email_addr="y" + p["email"])
	status(r, 201, "name of a pending account")
	eq(account_count(srv), before + 1, "only the one new registration made an account")
	# The mails say what happened, to the owner of the address only.
	subj, text = wait_mails(srv, other, 1)[-1]
	ok(u["username"] in text and "token" not in text.lower() and
	   not re.search(r"(?m)^\s*[A-Za-z0-9_\-]{32,}\s*$", text),
	   "name-taken notice without a token: %r" % text)
	notes = wait_mails(srv, u["email"], 3)
	ok(any(u["username"] in t and ("schon" in t or "already" in t) for _, t in notes[-2:]),
	   "the address owner is told the address has an account: %r" % notes[-2:])
	status(srv.login(u["username"], u["password"]), 200, "the owner is unharmed")


@S.test
def test_expired_registration_frees_name_and_address(srv):
	r, p = srv.register()
	status(r, 201)
	srv.mail_token(p["email"])
	# The confirmation token expires (two days later): moved back in time.
	con = sqlite3.connect(srv.db, timeout=10)
	try:
		con.execute("UPDATE token SET expires_at = 1 WHERE user_id = (SELECT id FROM "
			    "account WHERE username = ?)", (p["username"],))
		con.commit()
	finally:
		con.close()
	r, q = srv.register(username=p["username"], email_addr=p["email"], password="new owner 1")
	status(r, 201, "register the name and address again")
	tok = srv.mail_token(p["email"])
	status(srv.post("/auth/confirm", {"token": tok}), 200, "the new owner confirms")
	status(srv.login(p["username"], "new owner 1"), 200, "the new owner logs in")
	con = sqlite3.connect("file:%s?mode=ro" % srv.db, uri=True, timeout=10)
	try:
		eq(con.execute("SELECT count(*) FROM account WHERE username = ?",
			       (p["username"],)).fetchone()[0], 1, "one account of that name")
		eq(con.execute("SELECT count(*) FROM token WHERE expires_at <= 1").fetchone()[0], 0,
		   "the expired token is gone")
	finally:
		con.close()


@S.test
def test_register_limits(_srv):
	s = S.server(extra=["--register-per-address", "3", "--mails-per-address", "2"]).start()
	addr = "target-%s@example.org" % s.unique()
	for i in range(2):
		status(s.register(email_addr=addr)[0], 201, "mail %d to one address" % i)
	r, _ = s.register(email_addr=addr)
	error(r, 429, "rate_limited", what="third mail to one address")
	ra = r.header("retry-after")
	ok(ra and ra.isdigit() and 0 < int(ra) <= 3600, "Retry-After: %r" % ra)
	r, _ = s.register(email_addr=addr.upper())
	error(r, 429, "rate_limited", what="the address in another case")
	status(s.register()[0], 201, "third registration from 127.0.0.1")
	r, _ = s.register()
	error(r, 429, "rate_limited", what="fourth registration from one address")
	ok(0 < int(r.header("retry-after") or "0") <= 3600, "Retry-After")
	# Another client address is not limited by the first.
	c = http.client.HTTPConnection("127.0.0.1", s.port, timeout=30,
				       source_address=("127.0.0.2", 0))
	r = s.post("/auth/register", {"username": s.unique(), "email": s.unique() + "@example.org",
				      "password": "correct horse 1"}, conn=c)
	c.close()
	status(r, 201, "registration from 127.0.0.2")
	eq(len(mails_to(s, addr)), 2, "two mails to the target address, no more")


@S.test
def test_register_input_rules(srv):
	def reg(**over):
		b = {"username": srv.unique("r"), "email": srv.unique("r") + "@example.org",
		     "password": "correct horse 1"}
		b.update(over)
		for k in [k for k, v in b.items() if v is None]:
			del b[k]
		return srv.post("/auth/register", b)
	for name in ("ab", "a" * 33, "Abc", "ab c", "abc!", "äbc", "ab\u202ec", ""):
		error(reg(username=name), 422, "validation_failed", "username", "username %r" % name)
	status(reg(username="a.b_" + srv.unique("")[-8:]), 201, "dot and underscore allowed")
	n32 = (srv.unique("q") + "x" * 32)[:32]
	status(reg(username=n32), 201, "32 chars allowed")
	status(reg(username="z-9"), 201, "3 chars with a dash allowed")
	for pw in ("1234567", "x" * 257, "ü" * 129):
		error(reg(password=pw), 422, "validation_failed", "password", "password %d bytes"
		      % len(pw.encode()))
	status(reg(password="12345678"), 201, "8-byte password")
	status(reg(password="p" * 256), 201, "256-byte password")
	status(reg(password="üüüü"), 201, "8 bytes of UTF-8 is 8 bytes")
	for mail in ("no-at-sign", "a@", "@b.org", "a b@c.org", "a@b\u0007.org", ""):
		error(reg(email=mail), 422, "validation_failed", "email", "email %r" % mail)
	error(reg(display_name="Tab\there"), 422, "validation_failed", "display_name",
	      "control char in display_name")
	error(reg(display_name="line\nbreak"), 422, "validation_failed", "display_name",
	      "newline in a one-line field")
	error(reg(display_name="evil\u202etxt"), 422, "validation_failed", "display_name",
	      "bidi override in display_name")
	error(reg(display_name="iso\u2067x"), 422, "validation_failed", "display_name",
	      "bidi isolate in display_name")
	error(reg(display_name="c1\u0085x"), 422, "validation_failed", "display_name",
	      "C1 control in display_name")
	r = reg(username=None)
	ok(r.status in (400, 422), "missing username refused, got %r" % r)
	if r.status == 422:
		error(r, 422, "validation_failed", "username", "missing username")
	error(reg(username=12345), 400, "bad_request", what="username of wrong type")
	error(reg(password=["x"]), 400, "bad_request", what="password of wrong type")
	error(srv.post("/auth/register", ["not", "an", "object"]), 400, "bad_request",
	      what="array instead of object")


@S.test
def test_display_name_kept_as_written(srv):
	name = "Zoë Ünal — 北京 🚲"
	r, u = srv.register(display_name=name)
	status(r, 201)
	eq(r.json["display_name"], name, "display_name returned as written")


@S.test
def test_tokens_missing_forged_malformed(srv):
	u = srv.new_user()
	error(srv.get("/me"), 401, "unauthorized", what="/me without token")
	error(srv.get("/me", token="forged" + u["token"][6:]), 401, "unauthorized",
	      what="forged token")
	error(srv.get("/me", token=u["token"] + "x"), 401, "unauthorized", what="token + x")
	error(srv.get("/me", token=u["token"][:-1]), 401, "unauthorized", what="truncated token")
	for h in ("Basic " + u["token"], "Bearer forged.token.value"):
		r = srv.get("/me", headers={"Authorization": h})
		error(r, 401, "unauthorized", what="Authorization %r" % h[:20])
	# Malformed headers are a bad request (test_api_input.py has more).
	for h in ("Bearer", "Bearer  ", u["token"], "bearer"):
		r = srv.get("/me", headers={"Authorization": h})
		error(r, 400, "bad_request", what="Authorization %r" % h[:20])
	status(srv.get("/me", token=u["token"]), 200, "real token still works")


@S.test
def test_me_export(srv):
	u = srv.new_user()
	r = status(srv.get("/me/export", token=u["token"]), 200, "/me/export")
	text = r.body.decode("utf-8")
	j = r.json
	ok(isinstance(j, dict), "export is a JSON object")
	ok(u["username"] in text and u["email"] in text, "export holds name and email")
	ok(u["password"] not in text, "export has no password")
	ok("argon2" not in text.lower() and "$" + "argon" not in text, "export has no hash")
	ok(u["token"] not in text, "export has no session token")
	error(srv.get("/me/export"), 401, "unauthorized", what="export without token")


@S.test
def test_expired_token(_srv):
	if not has_option("--token-ttl"):
		raise Skip("server has no --token-ttl option; expiry not testable")
	s = S.server(extra=["--token-ttl", "60"]).start()
	u = s.new_user()
	status(s.get("/me", token=u["token"]), 200, "fresh token")
	# The server's clock moves past the token's minute: no waiting.
	s.stop()
	s.extra += ["--clock", mwtest.iso(mwtest.now() + 61)]
	s.start()
	error(s.get("/me", token=u["token"]), 401, "unauthorized", what="expired token")


@S.test
def test_login_rate_limit(_srv):
	# Own server: the limit may be per address and would spoil other tests.
	s = S.server().start()
	u = s.new_user()
	got = None
	for i in range(40):
		r = s.login(u["username"], "wrong password %d" % i)
		if r.status == 429:
			got = r
			break
		error(r, 401, "invalid_credentials", what="failed login %d" % i)
	ok(got is not None, "no 429 after 40 failed logins")
	error(got, 429, "rate_limited", what="rate limited login")
	ra = got.header("retry-after")
	ok(ra and ra.isdigit() and 0 < int(ra) <= 3600, "Retry-After seconds: %r" % ra)
	error(s.login(u["username"], u["password"]), 429, "rate_limited",
	      what="even the right password while limited")
	# The limit ends: after Retry-After the right password works again.
	t = S.server(extra=["--login-failures", "3", "--login-window", "2"]).start()
	v = t.new_user()
	for i in range(10):
		r = t.login(v["username"], "wrong %d" % i)
		if r.status == 429:
			break
	error(r, 429, "rate_limited", what="short window limiter")
	wait = int(r.header("retry-after") or "0")
	ok(0 < wait <= 3, "Retry-After within the 2 s window: %r" % wait)
	time.sleep(wait + 0.2)
	status(t.login(v["username"], v["password"]), 200, "login after Retry-After")
	# Another account is not locked out by someone guessing at this one
	# (when the limit is per account), or the answer is a 429 too.
	r = s.login("demo", "wrong")
	ok(r.status in (401, 429), "other login while limited: %r" % r)


@S.test
def test_confirm_by_code(srv):
	"""Issue 8 item 20: the mail carries an 8-digit code besides the long
	token; {login, code} confirms (spaces and dashes ignored, login by name
	or e-mail), once; another account's code does not; wrong codes are
	limited: after 5 the code stops working, the long token still works."""
	r, u = srv.register()
	status(r, 201, "register")
	code = mail_code(srv, u["email"])
	digits = code.replace(" ", "")
	wrong = "%08d" % ((int(digits) + 1) % 100000000)
	error(srv.post("/auth/confirm", {"login": u["username"], "code": wrong}), 404, "not_found",
	      field="code", what="a wrong code")
	error(srv.post("/auth/confirm", {"login": u["username"], "code": "1234"}), 404, "not_found",
	      what="a code of 4 digits")
	r0 = srv.post("/auth/confirm", {"code": digits})
	ok(400 <= r0.status < 500, "a code without login refused: %r" % r0)
	r2, u2 = srv.register()
	code2 = mail_code(srv, u2["email"])
	error(srv.post("/auth/confirm", {"login": u["username"], "code": code2}), 404, "not_found",
	      what="another account's code")
	c = status(srv.post("/auth/confirm", {"login": u["email"].upper(),
					      "code": digits[:4] + "-" + digits[4:]}), 200, "confirm by code")
	eq(c.json["status"], "active", "confirmed by code")
	eq(c.json["username"], u["username"], "confirm answers the user")
	error(srv.post("/auth/confirm", {"login": u["username"], "code": code}), 404, "not_found",
	      what="a code works once")
	# The long token of the same mail is spent too.
	error(srv.post("/auth/confirm", {"token": srv.mail_token(u["email"])}), 404, "not_found",
	      what="the token after the code")
	status(srv.login(u["username"], u["password"]), 200, "login after the code")
	# Five wrong codes: the right one no longer works, the token does.
	d2 = code2.replace(" ", "")
	for i in range(5):
		bad = "%08d" % ((int(d2) + 1 + i) % 100000000)
		error(srv.post("/auth/confirm", {"login": u2["username"], "code": bad}), 404, "not_found",
		      what="wrong code %d" % (i + 1))
	error(srv.post("/auth/confirm", {"login": u2["username"], "code": code2}), 404, "not_found",
	      what="the right code after 5 wrong ones")
	status(srv.post("/auth/confirm", {"token": srv.mail_token(u2["email"])}), 200,
	       "the token after the code stopped")


@S.test
def test_login_limit_per_account_whatever_is_typed(_srv):
	# Own server: 3 failures per account, an address 12.
	s = S.server(extra=["--login-failures", "3", "--login-window", "300"]).start()
	u = s.new_user()
	forms = [u["username"], u["email"].upper(), u["username"].upper()]
	for i, form in enumerate(forms):
		error(s.login(form, "wrong %d" % i), 401, "invalid_credentials",
		      what="failure %d as %r" % (i, form))
	# Three failures in three forms are three for the one account.
	for form in (u["username"], u["email"], u["email"].upper(), u["username"].title()):
		error(s.login(form, u["password"]), 429, "rate_limited",
		      what="right password as %r while the account is limited" % form)
	# Another account from the same address is not locked by it.
	v = s.new_user()
	status(s.login(v["email"], v["password"]), 200, "another account logs in")
	# Names that do not exist are limited alike (no hint which exist).
	for i in range(3):
		error(s.login("nobody-here", "wrong"), 401, "invalid_credentials",
		      what="unknown name %d" % i)
	error(s.login("NOBODY-here", "wrong"), 429, "rate_limited", what="unknown name limited")


@S.test
def test_mail_language(srv):
	subjects = {}
	for lang in ("de", "en"):
		name = srv.unique()
		addr = name + "@example.org"
		r = srv.post("/auth/register?lang=" + lang,
			     {"username": name, "email": addr, "password": "sprache pw 1"})
		status(r, 201, "register " + lang)
		srv.mail_token(addr)
		for n in os.listdir(srv.mail):
			with open(os.path.join(srv.mail, n), "rb") as f:
				msg = email.message_from_bytes(f.read(), policy=email.policy.default)
			if addr in str(msg["To"]):
				subjects[lang] = str(msg["Subject"])
	ok(subjects.get("de") and subjects.get("en"), "both mails found: %r" % subjects)
	ok(subjects["de"] != subjects["en"], "German and English mail text differ: %r" % subjects)


@S.test
def test_log_has_no_secrets(srv):
	"""One line per request with method, path, status and ms — never a
	password, token or request body (checked over everything this server
	logged so far, which includes logins, confirmations and bodies)."""
	u = srv.new_user(password="very secret pw 77")
	srv.get("/me?x=1", token=u["token"])
	srv.post("/projects/1/ideas", {"title": "LOGMARKER", "body": "LOGMARKER body text"},
		 token=u["token"])
	log = srv.log_text()
	for secret in ("very secret pw 77", u["token"], "LOGMARKER", "correct horse 1"):
		ok(secret not in log, "server log contains %r" % secret[:12])
	for tok in re.findall(r"[A-Za-z0-9_-]{43}", log):
		raise AssertionError("token-like string in the log: %s" % tok[:8])
	# A request's line is written when it is done, maybe just after the
	# answer, and other cases' requests (/me/export) may come between.
	line_re = re.compile(r"(?m)^.* GET /api/v1/me 200 [0-9.]+ ?ms$")
	deadline = time.monotonic() + 10
	while not line_re.search(log) and time.monotonic() < deadline:
		time.sleep(0.05)
		log = srv.log_text()
	ok(line_re.search(log), "a log line for GET /me with method, path (no query), "
	   "status, ms: %r" % [ln for ln in log.splitlines() if "/api/v1/me" in ln][-3:])


if __name__ == "__main__":
	S.run(setup)
