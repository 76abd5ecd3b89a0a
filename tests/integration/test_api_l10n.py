# test_api_l10n.py — the API's error messages and mails in every language
# of the registry, chosen by Accept-Language over real HTTP; the error codes
# stay English.
import email
import email.policy
import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from mwtest import tempdir, Skip, Suite, eq, ok  # noqa: E402
from _l10n import LANGS, Catalogues, build_locale_dir, format_re  # noqa: E402

S = Suite("test_api_l10n")
CAT = None

# The msgids of server/api/mail.c and apierr.c the test reads back.
NOT_FOUND = "Not found."
INVALID = "An input is invalid."
TOO_SHORT = "is too short"
FIELD = '%1$s Field "%2$s" %3$s.'
SUBJ_CONFIRM = "Confirm your MitWirkung account"
SUBJ_TAKEN = "Your MitWirkung registration"
BODY_CONFIRM = (
    "Hello %1$s,\n\nplease confirm your MitWirkung account with this code:\n\n    %2$s\n\n"
    "In the program choose \"Confirm account\", type your user name and the code. The code is "
    "valid for 48 hours; after 5 wrong tries it stops working.\n\n"
    "The long code below does the same, also on the command line:\n  mitwirkung confirm CODE\n\n"
    "%3$s\n\nIf you did not register, ignore this mail; the account stays inactive.\n\n"
    "-- \nMitWirkung\n")
BODY_TAKEN = (
    "Hello,\n\nsomeone asked to register a MitWirkung account with this address and the user "
    "name %1$s. That name is taken; no account was created.\n\n"
    "If that was you, register again with another name.\n\n"
    "If it was not you, ignore this mail; nothing was changed.\n\n-- \nMitWirkung\n")

def setup():
	global CAT
	tmp = tempdir("mw-l10n-")
	os.environ["MITWIRKUNG_LOCALEDIR"] = build_locale_dir(tmp)
	CAT = Catalogues(tmp)
	return S.server().start()


def translated(code, msgid):
	t = CAT.get(code, msgid)
	ok(code == "en" or t != msgid, "the test catalogue of %s translates %r" % (code, msgid))
	return t


@S.test
def test_errors_in_each_language(srv):
	for code, _ in LANGS:
		r = srv.get("/projects/999999", lang=code)
		eq(r.status, 404, "unknown project (%s)" % code)
		eq(r.json["error"]["code"], "not_found", "the code stays English (%s)" % code)
		eq(r.json["error"]["message"], translated(code, NOT_FOUND), "message in %s" % code)
		eq(r.header("Content-Language"), code, "Content-Language of the error (%s)" % code)
	# A region tag and q-values pick the registry's language.
	r = srv.get("/projects/999999", lang="fr;q=0.9, uk-UA;q=0.8, de;q=0.2")
	eq(r.json["error"]["message"], translated("uk", NOT_FOUND), "uk-UA wins over de by q")


@S.test
def test_field_errors_in_each_language(srv):
	for code, _ in LANGS:
		r = srv.post("/auth/register", {"username": "ab", "email": "x%s@example.org" % code,
						"password": "correct horse 1"}, lang=code)
		eq(r.status, 422, "short user name (%s)" % code)
		eq(r.json["error"]["code"], "validation_failed", "code stays English (%s)" % code)
		want = (translated(code, FIELD).replace("%1$s", translated(code, INVALID))
			.replace("%2$s", "username").replace("%3$s", translated(code, TOO_SHORT)))
		eq(r.json["error"]["message"], want, "whole sentence in %s" % code)


def mail_to(srv, addr, timeout=15):
	deadline = time.time() + timeout
	while time.time() < deadline:
		for n in sorted(os.listdir(srv.mail)):
			if not n.endswith(".eml"):
				continue
			with open(os.path.join(srv.mail, n), "rb") as f:
				msg = email.message_from_bytes(f.read(), policy=email.policy.default)
			if addr in str(msg["To"]):
				return str(msg["Subject"]), msg.get_content().replace("\r\n", "\n")
		time.sleep(0.05)
	raise AssertionError("no mail to %s" % addr)


@S.test
def test_mails_in_each_language(srv):
	for code, _ in LANGS:
		name = srv.unique("l" + code)
		addr = name + "@example.org"
		r = srv.post("/auth/register", {"username": name, "email": addr,
						"password": "sprache pw 1"}, lang=code)
		eq(r.status, 201, "register (%s)" % code)
		subj, body = mail_to(srv, addr)
		eq(subj, translated(code, SUBJ_CONFIRM), "confirmation subject in %s" % code)
		m = re.fullmatch(format_re(translated(code, BODY_CONFIRM)), body, re.S)
		ok(m and m.group(1) == name and re.fullmatch(r"\d{4} \d{4}", m.group(2)),
		   "confirmation body in %s: %r" % (code, body[:300]))
		# The same name again from another address: the notice that the
		# name is taken, in the language of this registration.
		other = srv.unique("o" + code) + "@example.org"
		r = srv.post("/auth/register", {"username": name, "email": other,
						"password": "sprache pw 1"}, lang=code)
		eq(r.status, 201, "second registration answers alike (%s)" % code)
		subj, body = mail_to(srv, other)
		eq(subj, translated(code, SUBJ_TAKEN), "taken subject in %s" % code)
		m = re.fullmatch(format_re(translated(code, BODY_TAKEN)), body, re.S)
		ok(m and m.group(1) == name, "taken body in %s: %r" % (code, body[:300]))


@S.test
def test_missing_system_locale_falls_back(srv):
	"""Only de_DE.UTF-8 installed (LOCPATH): English still comes from the
	msgids, Turkish and Ukrainian fall back to German along the registry,
	and the log says so after the address line."""
	lp = tempdir("mw-locpath-")
	r = subprocess.run(["localedef", "-i", "de_DE", "-f", "UTF-8",
			    os.path.join(lp, "de_DE.UTF-8")], capture_output=True)
	if not os.path.isdir(os.path.join(lp, "de_DE.UTF-8")):
		raise Skip("localedef cannot build de_DE: %r" % r.stderr[-200:])
	os.environ["LOCPATH"] = lp
	try:
		other = S.server().start()
	finally:
		del os.environ["LOCPATH"]
	want = {"de": "Nicht gefunden.", "en": "Not found.", "tr": "Nicht gefunden.",
		"uk": "Nicht gefunden."}
	for code, text in want.items():
		r = other.get("/projects/999999", lang=code)
		eq(r.json["error"]["message"], text, "without its locale, %s" % code)
	other.stop()
	log = other.log_text()
	ok("locale tr_TR.UTF-8 is not installed: messages in tr fall back to de" in log and
	   "messages in en fall back to C.UTF-8" in log, "the fallbacks are logged: %r" % log[-600:])
	shutil.rmtree(lp, ignore_errors=True)


if __name__ == "__main__":
	S.run(setup)
