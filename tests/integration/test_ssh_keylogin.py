# test_ssh_keylogin.py — login with a registered SSH key, end to end: the
# real OpenSSH client with keys made by ssh-keygen, mitwirkung-sshd and
# mitwirkung-api sharing a gateway secret, the real client in line mode and
# in the full UI (tmux). The first connection offers to remember the key, the
# second logs in directly (also with PuTTY's plink and Dropbear's dbclient);
# a key not registered, a removed key and the key of
# a deleted account get the normal anonymous start; the secret never reaches
# the client, and the gateway API refuses anyone without it. A key is
# registered only with the gateway's single-use proof for it (POST /me/keys
# refuses none, another key's, a used or an expired one), and
# `mitwirkung keys add` only says how.
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
sys.path.insert(0, os.path.join(HERE, "..", "e2e"))
import mwtest  # noqa: E402
from mwtest import (API_BIN, CLIENT_BIN, STANDIN, ApiServer, Client, Server, Workdir,  # noqa: E402
		    check, finish, ssh, ssh_cmd, tempdir)

CLIENT = CLIENT_BIN
API = API_BIN


class Api(ApiServer):
	"""mitwirkung-api with demo data and the gateway secret, on a free port."""

	def __init__(self, tmp, secret_file):
		super().__init__(tmp=tmp, extra=["--gateway-secret-file", secret_file])
		self.start()

	def call(self, method, path, body=None, token=None, headers=None):
		h = dict(headers or {})
		data = None
		if body is not None:
			data = json.dumps(body).encode()
			h["Content-Type"] = "application/json"
		if token:
			h["Authorization"] = "Bearer " + token
		req = urllib.request.Request(self.url + path, data=data, method=method, headers=h)
		try:
			with urllib.request.urlopen(req, timeout=10) as r:
				raw = r.read()
				return r.status, json.loads(raw) if raw else None
		except urllib.error.HTTPError as e:
			raw = e.read()
			return e.code, json.loads(raw) if raw else None

	def login(self, name, password):
		st, b = self.call("POST", "/auth/login", {"login": name, "password": password})
		assert st == 200, (st, b)
		return b["token"]

	def log(self):
		return self.log_text()

	def stop(self):
		super().stop()
		log = self.log()
		check(not any(w in log for w in SANITIZER), "no sanitizer report in the API log", log[-2000:])


def keygen(work, name):
	d = os.path.join(work.path, "userkeys")
	os.makedirs(d, mode=0o700, exist_ok=True)
	path = os.path.join(d, name)
	subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", path], check=True)
	fp = subprocess.run(["ssh-keygen", "-l", "-f", path + ".pub"], capture_output=True,
						text=True, check=True).stdout.split()[1]
	return path, fp


def key_opts(key):
	# Only this key; keyboard-interactive (asked nothing) when it is not
	# registered; never a password prompt that would hang the test.
	return ["-o", "IdentitiesOnly=yes", "-o", "BatchMode=no", "-o", "PasswordAuthentication=no",
			"-o", "SetEnv=LANG=C.UTF-8", "-i", key]


SANITIZER = ("AddressSanitizer", "LeakSanitizer", "runtime error:")
sanitizer_reports = []


def line_session(srv, key, lines, user="text"):
	r = ssh(srv.port, *key_opts(key), user=user, input=("\n".join(lines) + "\n").encode(), timeout=60)
	out = r.stdout.decode("utf-8", "replace") + r.stderr.decode("utf-8", "replace")
	# With make check SAN=1 the client reports memory errors here.
	if any(w in out for w in SANITIZER):
		sanitizer_reports.append(out[-2000:])
	return r.returncode, out


def my_keys(api, token):
	st, b = api.call("GET", "/me/keys", token=token)
	return [k["fingerprint"] for k in b["items"]] if st == 200 else None


def test_gateway_endpoint(api, secret, fp):
	"""POST /auth/ssh-key: only with the secret, only for registered keys."""
	body = {"fingerprint": fp}
	st, b = api.call("POST", "/auth/ssh-key", body)
	check(st == 403 and b["error"]["code"] == "forbidden", "key login without the gateway secret: 403", b)
	st, b = api.call("POST", "/auth/ssh-key", body, headers={"X-MitWirkung-Gateway": secret[:-1] + "x"})
	check(st == 403, "key login with a wrong gateway secret: 403", b)
	demo = api.login("demo", "demo-passwort")
	st, b = api.call("POST", "/auth/ssh-key", body, token=demo)
	check(st == 403, "a resident's token is no gateway secret: 403", b)
	st, b = api.call("POST", "/auth/ssh-key", body, headers={"X-MitWirkung-Gateway": secret})
	check(st == 404 and b["error"].get("field") == "fingerprint", "an unknown key: 404 naming the fingerprint", b)
	st, b = api.call("POST", "/auth/ssh-key", {"fingerprint": "MD5:xx"}, headers={"X-MitWirkung-Gateway": secret})
	check(st == 422, "a malformed fingerprint: 422", b)
	st, b = api.call("POST", "/auth/ssh-key/proof", body)
	check(st == 403, "a key proof without the gateway secret: 403", b)
	st, b = api.call("POST", "/auth/ssh-key/proof", body, token=demo)
	check(st == 403, "a key proof for a resident's token: 403", b)
	st, b = api.call("POST", "/auth/ssh-key/proof", {"fingerprint": "MD5:xx"},
					 headers={"X-MitWirkung-Gateway": secret})
	check(st == 422, "a key proof for a malformed fingerprint: 422", b)


def gateway_proof(api, secret, fp):
	"""What the gateway gets after verifying a signature by the key fp."""
	st, b = api.call("POST", "/auth/ssh-key/proof", {"fingerprint": fp},
					 headers={"X-MitWirkung-Gateway": secret})
	assert st == 201 and b["fingerprint"] == fp and re.fullmatch(r"[A-Za-z0-9_-]{43}", b["proof"]), (st, b)
	return b["proof"]


def test_keys_need_proof(work, secret, secret_file):
	"""POST /me/keys registers only a key the gateway saw used, with the
	single-use proof it got for that very key: not without one, not with
	another key's, not twice, not after it expired (the pinned clock moved
	on by a restart). So nobody can claim another person's public key."""
	tmp = tempdir("mw-keyproof.")
	api = Api(tmp, secret_file)
	try:
		victim, fp = keygen(work, "victim")
		other, fp_other = keygen(work, "other")
		pub = open(victim + ".pub").read().strip()
		tok = api.login("moderation", "moderation-passwort")
		st, b = api.call("POST", "/me/keys", {"public_key": pub}, token=tok)
		check(st == 422 and b["error"].get("field") == "proof",
			  "POST /me/keys with only a public key (no proof): refused, naming proof", b)
		st, b = api.call("POST", "/me/keys", {"public_key": pub, "proof": gateway_proof(api, secret, fp_other)},
						 token=tok)
		check(st == 403 and b["error"].get("field") == "proof", "POST /me/keys with another key's proof: 403", b)
		st, b = api.call("POST", "/me/keys", {"public_key": pub, "proof": "x" * 43}, token=tok)
		check(st == 403 and b["error"].get("field") == "proof", "POST /me/keys with a made-up proof: 403", b)
		proof = gateway_proof(api, secret, fp)
		st, b = api.call("POST", "/me/keys", {"public_key": pub, "proof": proof, "label": "mine"}, token=tok)
		check(st == 201 and b["fingerprint"] == fp, "POST /me/keys with the key's proof: 201", b)
		st, _ = api.call("DELETE", "/me/keys/%d" % b["id"], token=tok)
		st, b = api.call("POST", "/me/keys", {"public_key": pub, "proof": proof}, token=tok)
		check(st == 403 and b["error"].get("field") == "proof", "the same proof again (used): 403", b)
		late = gateway_proof(api, secret, fp)
		api.stop()
		api.extra += ["--clock", mwtest.iso(mwtest.now() + 3600 + 60)]
		api.start()
		tok = api.login("moderation", "moderation-passwort")
		st, b = api.call("POST", "/me/keys", {"public_key": pub, "proof": late}, token=tok)
		check(st == 403 and b["error"].get("field") == "proof", "a proof older than an hour (expired): 403", b)
		st, b = api.call("POST", "/me/keys", {"public_key": pub, "proof": gateway_proof(api, secret, fp)},
						 token=tok)
		check(st == 201, "a fresh proof after that still registers the key", b)
	finally:
		api.stop()


def test_keys_add_refuses(api, work):
	"""mitwirkung keys add takes no key line: it says, in the person's
	language, how a key is registered, and registers nothing."""
	key, fp = keygen(work, "cli-add")
	for lang, words in (("en", "Log in over ssh with the key; the platform then offers to remember it."),
						("de", "Melden Sie sich mit dem Schlüssel über ssh an")):
		r = subprocess.run([CLIENT, "--api", api.url, "--lang", lang, "keys", "add", key + ".pub"],
						   capture_output=True, text=True, timeout=30,
						   env=dict(os.environ, HOME=work.path, MITWIRKUNG_TOKEN=api.login("demo", "demo-passwort")))
		check(r.returncode == 2 and words in r.stderr, "keys add (%s): refused with how to register a key" % lang,
			  r.stdout + r.stderr)
	check(fp not in (my_keys(api, api.login("demo", "demo-passwort")) or []), "keys add registered nothing")


def test_first_connection_offers(srv, api, key, fp):
	"""Unregistered key: anonymous start; after the password login the
	client offers to remember the key, and yes registers it."""
	rc, out = line_session(srv, key, ["l", "demo", "demo-passwort", "s", "1", "q"])
	before = out[:out.find("Log in")] if "Log in" in out else out
	check("Logged in as" not in before and "l log in" in before,
		  "first connection with a new key: the anonymous start", before[-600:])
	check("Remember this key for your account?" in out and fp in out,
		  "after logging in: 'Remember this key for your account?' with its fingerprint", out[-1500:])
	check("The key is remembered" in out, "choosing yes remembers it", out[-800:])
	demo = api.login("demo", "demo-passwort")
	check(fp in (my_keys(api, demo) or []),
		  "the API lists the key's fingerprint (as ssh-keygen -l shows it) for demo")
	st, b = api.call("GET", "/me/export", token=demo)
	check(st == 200 and [k["fingerprint"] for k in b.get("ssh_keys", [])] == [fp],
		  "the export holds the key", b.get("ssh_keys") if b else b)


def test_second_connection_direct(srv, api, key, fp):
	logouts = api.log().count("POST /api/v1/auth/logout 204")
	rc, out = line_session(srv, key, ["q"])
	check(rc == 0 and "Logged in as Demo-Konto." in out and "Remember this key" not in out,
		  "second connection with the key: logged in as demo without a password", out[-800:])
	check(srv.wait_log(r"key login with " + re.escape(fp)), "the gateway logs the key login")
	check(wait_for(lambda: api.log().count("POST /api/v1/auth/logout 204") > logouts),
		  "the session key login opened ends with the connection (the gateway logs it out)")
	# My SSH keys in line mode: the key, and how to add one (no field).
	rc, out = line_session(srv, key, ["a", "3", "2"])
	check("1. ssh-ed25519" in out and "Public key" not in out and
		  "Keys cannot be added by pasting them. Log in over ssh with the key; "
		  "the platform then offers to remember it." in out,
		  "line mode, My SSH keys: the key is listed, 'How to add a key' says how", out[-800:])


def wait_for(cond, timeout=10):
	deadline = time.time() + timeout
	while time.time() < deadline:
		if cond():
			return True
		time.sleep(0.05)
	return False


def ssh_tmux(srv, key, name):
	"""The client's tmux driver, the pane running ssh -tt with key."""
	class SshClient(Client):
		def __init__(self):
			cmd = ssh_cmd(srv.port, "-tt", *key_opts(key), user=name)
			super().__init__(None, None, 80, 24, cmd=cmd)
	return SshClient()


def tmux_check(srv, key, name, flow, what):
	"""Runs flow(client) in the full UI over ssh; a failure is one check."""
	c = ssh_tmux(srv, key, name)
	ok = True
	try:
		flow(c)
	except Exception as e:  # noqa: BLE001 - reported as a failed check
		ok = False
		print("%s: %s\n%s" % (name, e, c.text()))
	finally:
		c.keys("q")
		c.close()
	check(ok, what)


def test_full_ui(srv, key_known, key_new, fp_new):
	"""The full UI in tmux through ssh -tt: a known key is in, a new key is
	offered to be remembered after the login, with the cursor on the focus."""
	import test_client_tmux

	def known(c):
		c.wait_text("Logged in as Demo-Konto.")
		c.check_focus()

	def new(c):
		c.wait_text("Projects")
		assert "Logged in as" not in c.text(), "logged in without a registered key"
		test_client_tmux.login(c, "moderation", "moderation-passwort")
		c.wait_text("Remember this key for your account?")
		c.check_focus("Yes, remember this key")
		assert fp_new in c.text().replace("\n", ""), "the fingerprint is on the page"
		c.keys("Enter")
		c.wait_text("The key is remembered")
		c.check_focus()

	tmux_check(srv, key_known, "full-known", known,
			   "full UI with a registered key: logged in as demo at once")
	tmux_check(srv, key_new, "full-new", new,
			   "full UI with a new key: after the login 'Remember this key?', yes remembers it")


def test_other_clients(srv, work, key, fp):
	"""PuTTY's plink and Dropbear's dbclient log in with the same registered
	key (converted to their formats), when they are installed."""
	hostfp = subprocess.run(["ssh-keygen", "-l", "-f", os.path.join(work.keys, "ssh_host_ed25519_key")],
							capture_output=True, text=True).stdout.split()[1]
	if shutil.which("plink") and shutil.which("puttygen"):
		ppk = key + ".ppk"
		subprocess.run(["puttygen", key, "-O", "private", "-o", ppk], capture_output=True)
		r = subprocess.run(["plink", "-batch", "-i", ppk, "-P", str(srv.port), "-hostkey", hostfp,
							"text@127.0.0.1"], input=b"q\n", capture_output=True, timeout=30)
		check("Logged in as Demo-Konto." in r.stdout.decode("utf-8", "replace"),
			  "plink with the registered key: logged in as demo", r.stdout[-400:] + r.stderr[-400:])
	else:
		print("skip plink: putty-tools not installed")
	if shutil.which("dbclient") and shutil.which("dropbearconvert"):
		dbk = key + ".dropbear"
		subprocess.run(["dropbearconvert", "openssh", "dropbear", key, dbk], capture_output=True)
		home = os.path.join(work.path, "dbhome")
		os.makedirs(os.path.join(home, ".ssh"), exist_ok=True)
		before = len(srv.lines(r"key login with " + re.escape(fp)))
		r = subprocess.run(["dbclient", "-T", "-y", "-i", dbk, "-p", str(srv.port), "text@127.0.0.1"],
						   input=b"q\n", capture_output=True, timeout=30, env=dict(os.environ, HOME=home))
		out = r.stdout.decode("utf-8", "replace")
		check("Logged in as Demo-Konto." in out and len(srv.lines(r"key login with " + re.escape(fp))) > before,
			  "dbclient with the registered key: logged in as demo", out[-400:] + r.stderr.decode()[-400:])
	else:
		print("skip dbclient: dropbear-bin not installed")


def test_offer_declined(srv, api, work):
	"""No keeps the key unregistered and the next connection anonymous."""
	key, fp = keygen(work, "declined")
	rc, out = line_session(srv, key, ["l", "rathaus", "rathaus-passwort", "s", "2", "q"])
	check("Remember this key for your account?" in out and "The key is not remembered" in out,
		  "choosing no: the key is not remembered", out[-800:])
	check(fp not in (my_keys(api, api.login("rathaus", "rathaus-passwort")) or []),
		  "the API does not list a declined key")
	rc, out = line_session(srv, key, ["q"])
	check("Logged in as" not in out, "the declined key does not log in", out[-400:])


def memory_holds(pid, needle):
	"""1 when needle is anywhere in the readable memory of pid, 0 when
	not, None when the memory cannot be read."""
	try:
		maps = open("/proc/%d/maps" % pid).read().splitlines()
		mem = open("/proc/%d/mem" % pid, "rb", 0)
	except OSError:
		return None
	found = 0
	with mem:
		for line in maps:
			f = line.split()
			if "r" not in f[1] or (len(f) > 5 and f[5] in ("[vvar]", "[vsyscall]")):
				continue
			lo, hi = (int(x, 16) for x in f[0].split("-"))
			# AddressSanitizer's shadow memory spans terabytes: no data of
			# the program is there, and it cannot be read in one piece.
			if hi - lo > 1 << 30:
				continue
			try:
				mem.seek(lo)
				if needle in mem.read(hi - lo):
					found = 1
					break
			except (OSError, ValueError, OverflowError, MemoryError):
				continue
	return found


def descendants(pid):
	out = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True).stdout
	kids = {}
	for line in out.splitlines():
		p, pp = (int(x) for x in line.split())
		kids.setdefault(pp, []).append(p)
	todo, seen = [pid], []
	while todo:
		for k in kids.get(todo.pop(), []):
			seen.append(k)
			todo.append(k)
	return seen


def test_secret_not_in_sessions(srv, key, secret):
	"""During a live key-login session neither the connection child nor
	the client holds the gateway secret; the listener does (the scan works)."""
	needle = secret.encode()

	def scan(c):
		c.wait_text("Logged in as Demo-Konto.")
		listener = memory_holds(srv.proc.pid, needle)
		if listener is None:
			print("skip memory scan: /proc/PID/mem is not readable here")
			return
		assert listener == 1, "the scan does not find the secret in the listener, which holds it"
		procs = descendants(srv.proc.pid)
		held = [p for p in procs if memory_holds(p, needle)]
		assert len(procs) >= 2 and not held, "%d processes, holding: %r" % (len(procs), held)

	tmux_check(srv, key, "mem", scan,
			   "no connection child or client of a live key-login session holds the secret "
			   "(the listener does)")


def test_unregistered_key(srv, key, fp):
	rc, out = line_session(srv, key, ["q"])
	check(rc == 0 and "Logged in as" not in out and "l log in" in out,
		  "a key not registered: the normal anonymous start", out[-600:])
	check(not srv.lines(r"key login with " + re.escape(fp)), "no key login logged for it")


def test_removed_key(srv, api, key, fp):
	demo = api.login("demo", "demo-passwort")
	st, b = api.call("GET", "/me/keys", token=demo)
	ids = [k["id"] for k in b["items"] if k["fingerprint"] == fp]
	st, _ = api.call("DELETE", "/me/keys/%d" % ids[0], token=demo)
	check(st == 204, "DELETE /me/keys/{id}: 204")
	rc, out = line_session(srv, key, ["q"])
	check("Logged in as" not in out and "l log in" in out, "a removed key no longer logs in", out[-600:])


def test_deleted_account(srv, api, work, secret):
	key, fp = keygen(work, "moderation-key")
	tok = api.login("moderation", "moderation-passwort")
	# The test stands in for the gateway that saw the key used.
	st, b = api.call("POST", "/me/keys", {"public_key": open(key + ".pub").read().strip(), "label": "mod",
										  "proof": gateway_proof(api, secret, fp)}, token=tok)
	check(st == 201 and b["fingerprint"] == fp and b["label"] == "mod", "POST /me/keys: 201 with the fingerprint", b)
	rc, out = line_session(srv, key, ["q"])
	check("Logged in as" in out, "the moderation account's key logs in", out[-400:])
	# A live key session ends when its key goes: the path ends at once.
	st, b = api.call("POST", "/auth/ssh-key", {"fingerprint": fp}, headers={"X-MitWirkung-Gateway": secret})
	key_token = b.get("token") if st == 200 else None
	check(key_token is not None and api.call("GET", "/me", token=key_token)[0] == 200,
		  "the gateway gets a session for the key with the secret")
	st, _ = api.call("DELETE", "/me", {"password": "moderation-passwort"}, token=tok)
	check(st == 204, "DELETE /me of the key's account: 204")
	check(api.call("GET", "/me", token=key_token)[0] == 401, "the key's session ended with the account")
	rc, out = line_session(srv, key, ["q"])
	check("Logged in as" not in out and "l log in" in out, "a deleted account's key no longer logs in", out[-600:])


def standin_env(srv, key, *opts):
	"""Runs the stand-in client as an exec command; its output and the
	environment it was given."""
	r = ssh(srv.port, *key_opts(key), *opts, "--", "projects")
	out = r.stdout.decode("utf-8", "replace")
	m = re.search(r"STANDIN-ENV (.*)", out)
	env = dict(kv.split("=", 1) for kv in m.group(1).split(",") if "=" in kv) if m else {}
	return out, env


def test_environment(work, api, secret, key_known, key_new, fp_new):
	"""What the client gets: its own session's token, or the key to offer;
	never the gateway secret, never anything the ssh client sent."""
	srv = Server(work, "--rate-per-source", "0", "--gateway-secret-file", os.path.join(work.path, "gw-secret"),
				 client=STANDIN, api=api.url, name="keylogin-standin")
	try:
		out, env = standin_env(srv, key_known, "-o", "SetEnv=MITWIRKUNG_TOKEN=forged")
		check(re.fullmatch(r"[A-Za-z0-9_-]{43}", env.get("MITWIRKUNG_TOKEN", "")) is not None,
			  "registered key: the client gets a session token", out[-400:])
		check("MITWIRKUNG_SSH_KEY" not in env and "MITWIRKUNG_SSH_KEY_PROOF" not in env,
			  "registered key: nothing to offer, no proof")
		check(secret not in out, "the gateway secret is not in the client's environment")
		out, env = standin_env(srv, key_new)
		check("MITWIRKUNG_TOKEN" not in env and env.get("MITWIRKUNG_SSH_KEY_FP") == fp_new and
			  env.get("MITWIRKUNG_SSH_KEY", "").startswith("ssh-ed25519 AAAA"),
			  "new key: no token, the proven key and its fingerprint for the offer", out[-400:])
		check(re.fullmatch(r"[A-Za-z0-9_-]{43}", env.get("MITWIRKUNG_SSH_KEY_PROOF", "")) is not None,
			  "new key: the single-use proof that registers it", out[-400:])
		check(secret not in out, "the gateway secret is not in the client's environment (new key)")
	finally:
		srv.stop()


def main():
	for p in (CLIENT, API):
		if not os.access(p, os.X_OK):
			check(False, "%s is built" % p)
			finish()
	work = Workdir()
	tmp = tempdir("mw-keylogin.")
	secret = os.urandom(32).hex()
	secret_file = os.path.join(work.path, "gw-secret")
	fd = os.open(secret_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
	os.write(fd, (secret + "\n").encode())
	os.close(fd)
	api = srv = None
	try:
		api = Api(tmp, secret_file)
		srv = Server(work, "--rate-per-source", "0", "--gateway-secret-file", secret_file,
					 client=CLIENT, api=api.url, name="keylogin")
		k1, fp1 = keygen(work, "laptop")
		k2, fp2 = keygen(work, "stranger")
		k3, fp3 = keygen(work, "second-laptop")
		test_gateway_endpoint(api, secret, fp1)
		test_keys_need_proof(work, secret, secret_file)
		test_keys_add_refuses(api, work)
		test_first_connection_offers(srv, api, k1, fp1)
		test_second_connection_direct(srv, api, k1, fp1)
		test_unregistered_key(srv, k2, fp2)
		test_offer_declined(srv, api, work)
		test_environment(work, api, secret, k1, k2, fp2)
		test_full_ui(srv, k1, k3, fp3)
		test_other_clients(srv, work, k1, fp1)
		test_secret_not_in_sessions(srv, k1, secret)
		test_removed_key(srv, api, k1, fp1)
		test_deleted_account(srv, api, work, secret)
		check(not sanitizer_reports, "no sanitizer report from the client", "\n".join(sanitizer_reports))
	finally:
		if srv:
			srv.stop()
			if mwtest.default_suite().failed:
				print("---- sshd log ----\n" + srv.text()[-3000:])
		if api:
			if mwtest.default_suite().failed:
				print("---- api log ----\n" + api.log()[-2000:])
			api.stop()
		work.cleanup()
	finish()


if __name__ == "__main__":
	main()
