# test_cmd_hostile.py — the client (line commands) against a hostile or
# hijacked platform: a list of 10,000 items where 100 were asked for, a
# JSON answer of 6 MB, a gzip bomb (a small body that unpacks to 64 MB),
# invisible characters in names; the client takes what it asked for, refuses
# too large answers with a clear error and stays small; a plain-http platform
# that is not this machine gets a one-line warning.
import http.server
import json
import os
import re
import subprocess
import sys
import threading
import zlib

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from mwtest import tempdir, CLIENT_BIN, Suite, eq, ok  # noqa: E402

S = Suite("test_cmd_hostile")
CLIENT = CLIENT_BIN
C = {}
MB = 1 << 20


def project(i, title=None):
	return {"id": i, "slug": "p%d" % i, "category": "smart-city", "status": "open",
		"title": title or "Projekt %d" % i, "summary": "s", "lang": "de",
		"starts_at": "2026-01-01T00:00:00Z", "ends_at": "2026-12-31T00:00:00Z",
		"counts": {"ideas": 0, "comments": 0, "participants": 0}}


def bomb(size):
	"""A gzip stream that unpacks to size bytes of a JSON string."""
	z = zlib.compressobj(9, zlib.DEFLATED, 31)
	out = [z.compress(b'{"id": 1, "title": "')]
	chunk = b"A" * MB
	for _ in range(size // MB):
		out.append(z.compress(chunk))
	out.append(z.compress(b'"}'))
	out.append(z.flush())
	return b"".join(out)


class Hostile(http.server.BaseHTTPRequestHandler):
	protocol_version = "HTTP/1.1"

	def log_message(self, *a):
		pass

	def send(self, body, ctype="application/json", extra=None):
		self.send_response(200)
		self.send_header("Content-Type", ctype)
		self.send_header("Content-Length", str(len(body)))
		for k, v in (extra or {}).items():
			self.send_header(k, v)
		self.end_headers()
		self.wfile.write(body)

	def do_GET(self):
		path = self.path.split("?")[0]
		if path == "/api/v1/projects":
			# 10,000 projects whatever limit was asked for.
			items = [project(i) for i in range(1, 10001)]
			items[0]["title"] = "Unsicht\u200bbar\u200d \ufeffName \u3164\u115f"
			self.send(json.dumps({"items": items, "next": None,
					      "total": 10000}).encode())
		elif path == "/api/v1/projects/big":
			p = project(1)
			p["description"] = "x" * (6 * MB)
			self.send(json.dumps(p).encode())
		elif path == "/api/v1/projects/bomb":
			self.send(C["bomb"], extra={"Content-Encoding": "gzip"})
		else:
			self.send_response(404)
			self.send_header("Content-Length", "0")
			self.end_headers()


TIME = "/usr/bin/time"      # GNU time: the peak RSS of the client alone


def run(*args):
	"""Runs the client; returns rc, stdout, stderr and its peak RSS in KiB
	(measured by GNU time, which forks it from a small process: measured
	from this Python process, a child's peak would include our own pages),
	or None without /usr/bin/time."""
	home = C["home"]
	env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home,
	       "XDG_STATE_HOME": os.path.join(home, "state"),
	       "XDG_CONFIG_HOME": os.path.join(home, "config"),
	       "MITWIRKUNG_API": C["base"], "LANG": "C.UTF-8", "TERM": "dumb"}
	rss_file = os.path.join(home, "rss")
	pre = [TIME, "-f", "%M", "-o", rss_file] if os.access(TIME, os.X_OK) else []
	p = subprocess.run(pre + [CLIENT, "--lang", "en"] + list(args), capture_output=True,
			   env=env, timeout=60)
	rss = None
	if pre:
		with open(rss_file) as f:
			rss = int(f.read().split()[-1])
	return p.returncode, p.stdout.decode("utf-8", "replace"), \
	    p.stderr.decode("utf-8", "replace"), rss


class QuietServer(http.server.ThreadingHTTPServer):
	daemon_threads = True

	def handle_error(self, request, client_address):
		pass    # the client hangs up on answers it refuses: expected


def setup():
	C["bomb"] = bomb(64 * MB)
	srv = QuietServer(("127.0.0.1", 0), Hostile)
	threading.Thread(target=srv.serve_forever, daemon=True).start()
	C["base"] = "http://127.0.0.1:%d/api/v1" % srv.server_address[1]
	C["home"] = tempdir("mw-hostile-")
	return srv


@S.test
def test_list_capped_at_limit(srv):
	rc, out, err, rss = run("projects")
	eq(rc, 0, "projects: %r" % err)
	lines = [ln for ln in out.splitlines() if ln.strip()]
	# The line commands ask for 100 per page.
	eq(len(lines), 100, "100 projects taken of the 10,000 sent")
	ok("Projekt 101" not in out, "nothing beyond the asked limit")
	rc, out, err, rss = run("projects", "--json")
	eq(rc, 0, "projects --json")
	eq(len(json.loads(out)["items"]), 100, "--json shows what was taken")
	print("list of 10,000 sent: client peak RSS %s KiB" % rss)


@S.test
def test_invisible_characters_removed(srv):
	rc, out, err, rss = run("projects")
	first = out.splitlines()[0]
	ok("UnsichtbarName" in first.replace(" ", ""), "title without invisibles: %r" % first)
	for ch in ("\u200b", "\u200d", "\ufeff", "\u3164", "\u115f"):
		ok(ch not in out, "U+%04X reached the terminal" % ord(ch))


@S.test
def test_too_large_answers_refused(srv):
	for ref, what in (("big", "6 MB of JSON"), ("bomb", "gzip bomb of 64 MB")):
		rc, out, err, rss = run("project", ref)
		ok(rc != 0, "%s refused: rc %r" % (what, rc))
		ok(re.search(r"too large", err), "%s: a clear error: %r" % (what, err))
		print("%s: client peak RSS %s KiB" % (what, rss))
		ok(rss is None or rss < 48 * 1024, "%s: peak RSS %s KiB stays under 48 MiB"
		   % (what, rss))


@S.test
def test_plain_http_warning(srv):
	def warn(url, lang="en"):
		env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": C["home"],
		       "LANG": "C.UTF-8", "TERM": "dumb"}
		p = subprocess.run([CLIENT, "--lang", lang, "--api", url, "help"], capture_output=True,
				   env=env, timeout=30)
		eq(p.returncode, 0, "help with --api %s" % url)
		return p.stderr.decode("utf-8")
	err = warn("http://mitwirkung.example.org/api/v1")
	eq(len(err.splitlines()), 1, "one line: %r" % err)
	ok("not https" in err and "mitwirkung.example.org" in err, "the warning: %r" % err)
	ok("unverschlüsselt" in warn("http://mitwirkung.example.org/api/v1", "de"),
	   "the warning is translated")
	for url in ("https://mitwirkung.example.org/api/v1", "http://127.0.0.1:8080/api/v1",
		    "http://localhost:8080/api/v1", "http://[::1]:8080/api/v1"):
		eq(warn(url), "", "no warning for %s" % url)


if __name__ == "__main__":
	S.run(setup)
