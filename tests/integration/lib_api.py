# lib_api.py — helpers for the API integration tests: start the real
# mitwirkung-api on a free port with a temporary database, speak HTTP to it,
# create accounts, and a tiny test runner. Standard library only.
#
# Run one suite: BUILD=build-x python3 tests/integration/test_api_public.py
# Environment: ONLY=<substring> runs the matching tests only; VERBOSE=1
# prints tracebacks of failed assertions; SHOW_LOG=0 hides the server log
# tail that is printed on failure (the temp dir is kept then either way).
import calendar
import email
import email.policy
import gzip
import http.client
import json
import os
import queue
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import traceback

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("BUILD", "build")
BIN = os.path.join(TOP, BUILD, "mitwirkung-api") if not os.path.isabs(BUILD) \
    else os.path.join(BUILD, "mitwirkung-api")
BASE = "/api/v1"
# Every test server's clock is pinned to this moment (mitwirkung-api --clock),
# so the demo data, which is dated relative to "now", has the same dates on
# any day the suite runs: the skate-ramp idea (12 days old) is from
# 16 November 2026.
TEST_CLOCK = "2026-11-28T10:00:00Z"
_CLOCK_T0 = time.time()


def now():
    """The test servers' clock (seconds since the epoch): TEST_CLOCK when
    this process started, running on in real time. Every server started
    by this process is pinned to it, restarts included, so times a test
    sends (opens_at, closes_at) are relative to the server's "now"."""
    return calendar.timegm(time.strptime(TEST_CLOCK, "%Y-%m-%dT%H:%M:%SZ")) \
        + (time.time() - _CLOCK_T0)

_help_cache = None

# Servers die with the test process (PR_SET_PDEATHSIG), so a test killed by
# a timeout leaves no server behind. Looked up before any fork: the child
# only makes the one call.
try:
    import ctypes
    _prctl = ctypes.CDLL(None, use_errno=True).prctl
except (OSError, AttributeError):
    _prctl = None


def _die_with_parent():
    if _prctl is not None:
        _prctl(1, signal.SIGKILL)       # PR_SET_PDEATHSIG


def server_help():
    """The server's --help text (cached); tells which test options exist."""
    global _help_cache
    if _help_cache is None:
        try:
            r = subprocess.run([BIN, "--help"], capture_output=True, timeout=10)
            _help_cache = (r.stdout + r.stderr).decode("utf-8", "replace")
        except OSError:
            _help_cache = ""
    return _help_cache


def has_option(opt):
    return re.search(re.escape(opt) + r"\b", server_help()) is not None


def fast_hash_args():
    """--pwhash min where the server offers it: Argon2id at full cost makes
    hundreds of logins too slow for a test suite."""
    return ["--pwhash", "min"] if has_option("--pwhash") else []


def no_register_limit_args():
    """The suites register hundreds of accounts from 127.0.0.1: the
    registration limits are off unless a test turns them on (its own
    --register-per-address/--mails-per-address come later and win)."""
    return ["--register-per-address", "0", "--mails-per-address", "0"] \
        if has_option("--register-per-address") else []


class Resp:
    def __init__(self, status, headers, body, raw_body=None):
        self.status = status
        self.headers = headers          # lower-case name -> value
        self.body = body                # decoded (gunzipped) bytes
        self.raw_body = raw_body if raw_body is not None else body
        self._json = None

    @property
    def json(self):
        if self._json is None:
            try:
                self._json = json.loads(self.body.decode("utf-8"))
            except (ValueError, UnicodeDecodeError) as e:
                raise AssertionError("body is not JSON (%s): %r" % (e, self.body[:300]))
        return self._json

    def header(self, name):
        return self.headers.get(name.lower())

    def __repr__(self):
        return "<%d %r>" % (self.status, self.body[:400])


def _path(path):
    return path if path.startswith("/api/") or path.startswith("http") else BASE + path


class Server:
    """One mitwirkung-api process with its own temp dir (db, mail, log).
    Logs are removed on a clean close and kept (and printed) on failure."""

    def __init__(self, seed=True, extra=None, tmp=None, fast_hash=True):
        self.tmp = tmp or tempfile.mkdtemp(prefix="mw-apitest-")
        self.db = os.path.join(self.tmp, "db")
        self.mail = os.path.join(self.tmp, "mail")
        os.makedirs(self.mail, exist_ok=True)
        self.seed = seed
        self.extra = list(extra or [])
        self.fast_hash = fast_hash
        self.proc = None
        self.port = None
        self.starts = 0
        self.seed_output = ""
        self._n = 0
        self._lock = threading.Lock()

    # --- process ---------------------------------------------------------
    def start(self, timeout=15):
        args = [BIN, "serve", "--db", self.db, "--listen", "127.0.0.1:0",
                "--mail-dir", self.mail]
        if self.seed:
            args += ["--seed", "demo"]
        if self.fast_hash:
            args += fast_hash_args()
        if "--clock" not in self.extra:
            args += ["--clock", iso(now())]
        args += no_register_limit_args()
        args += self.extra
        self.starts += 1
        log = open(os.path.join(self.tmp, "server-%d.log" % self.starts), "wb")
        out = open(os.path.join(self.tmp, "server-%d.out" % self.starts), "wb")
        # The death signal follows the starting *thread*; only the main
        # thread lives as long as the test.
        pre = _die_with_parent if threading.current_thread() is threading.main_thread() \
            else None
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=out,
                                     stderr=subprocess.PIPE, preexec_fn=pre)
        first = queue.Queue()

        def drain(p=self.proc, f=log):
            sent = False
            for line in p.stderr:
                f.write(line)
                f.flush()
                if not sent:
                    first.put(line)
                    sent = True
            if not sent:
                first.put(b"")
            f.close()
        self._drain = threading.Thread(target=drain, daemon=True)
        self._drain.start()
        try:
            line = first.get(timeout=timeout)
        except queue.Empty:
            self.kill()
            raise AssertionError("server printed nothing within %ds" % timeout)
        m = re.match(rb"listening on 127\.0\.0\.1:(\d+)\s*$", line)
        if not m:
            self.kill()
            raise AssertionError("first stderr line is not 'listening on 127.0.0.1:PORT': %r"
                                 % line)
        self.port = int(m.group(1))
        out.close()
        return self

    def log_text(self):
        parts = []
        for n in range(1, self.starts + 1):
            for ext in ("log", "out"):
                p = os.path.join(self.tmp, "server-%d.%s" % (n, ext))
                if os.path.exists(p):
                    with open(p, "rb") as f:
                        parts.append(f.read().decode("utf-8", "replace"))
        return "".join(parts)

    def stop(self):
        p = self.proc
        if p is None:
            return None
        if p.poll() is None:
            p.send_signal(signal.SIGTERM)
            try:
                p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait(timeout=5)
        self._drain.join(timeout=5)     # the log is complete
        self.proc = None
        return p.returncode

    def kill(self):
        """SIGKILL: no chance to flush anything that was not durable."""
        p = self.proc
        if p is None:
            return
        if p.poll() is None:
            p.kill()
        p.wait(timeout=5)
        self._drain.join(timeout=5)
        self.proc = None

    def restart(self):
        self.stop()
        return self.start()

    def close(self, keep):
        self.stop()
        if keep:
            sys.stderr.write("server logs kept in %s\n" % self.tmp)
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)

    def cli(self, *args, stdin=None, timeout=30):
        """Runs `mitwirkung-api ARGS` (e.g. useradd) on this server's db."""
        r = subprocess.run([BIN] + list(args), input=stdin, capture_output=True,
                           timeout=timeout)
        return r

    # --- HTTP ------------------------------------------------------------
    def conn(self, timeout=30):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)

    def request(self, method, path, body=None, token=None, headers=None,
                raw=None, lang=None, conn=None, gunzip=True):
        """body: JSON-encoded unless raw (bytes or an iterable of chunks) is given."""
        h = {}
        data = None
        chunked = False
        if raw is not None:
            data = raw
            h["Content-Type"] = "application/json"
            chunked = not isinstance(raw, (bytes, bytearray, str))
        elif body is not None:
            data = json.dumps(body).encode("utf-8")
            h["Content-Type"] = "application/json"
        if token:
            h["Authorization"] = "Bearer " + token
        if lang:
            h["Accept-Language"] = lang
        if headers:
            h.update(headers)
        own = conn is None
        c = conn or self.conn()
        try:
            c.request(method, _path(path), body=data, headers=h, encode_chunked=chunked)
            r = c.getresponse()
            raw_body = r.read()
            hd = {k.lower(): v for k, v in r.getheaders()}
            status = r.status
        finally:
            if own:
                c.close()
        body_out = raw_body
        if gunzip and hd.get("content-encoding", "").lower() == "gzip":
            body_out = gzip.decompress(raw_body)
        return Resp(status, hd, body_out, raw_body)

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, body, **kw)

    def put(self, path, body=None, **kw):
        return self.request("PUT", path, body, **kw)

    def patch(self, path, body=None, **kw):
        return self.request("PATCH", path, body, **kw)

    def delete(self, path, body=None, **kw):
        return self.request("DELETE", path, body, **kw)

    def raw(self, data, timeout=10):
        """Sends raw bytes on a socket and parses whatever answer comes back:
        for requests http.client will not send (bad chunking, lying lengths)."""
        s = socket.create_connection(("127.0.0.1", self.port), timeout=timeout)
        buf = b""
        try:
            try:
                s.sendall(data)
            except (BrokenPipeError, ConnectionResetError):
                pass
            try:
                s.shutdown(socket.SHUT_WR)
            except OSError:
                pass
            deadline = time.time() + timeout
            while time.time() < deadline:
                try:
                    chunk = s.recv(65536)
                except (ConnectionResetError, socket.timeout):
                    break
                if not chunk:
                    break
                buf += chunk
        finally:
            s.close()
        return parse_raw_response(buf)

    # --- accounts --------------------------------------------------------
    def unique(self, prefix="u"):
        with self._lock:
            self._n += 1
            return "%s%d%d" % (prefix, os.getpid() % 10000, self._n)

    def mail_token(self, addr, timeout=15):
        """The confirmation token from the newest .eml sent to addr (files
        are read once and indexed by recipient, so 200 accounts stay cheap)."""
        deadline = time.time() + timeout
        addr = addr.lower()
        while True:
            with self._lock:
                if not hasattr(self, "_mails"):
                    self._mails, self._seen = {}, set()
                for name in sorted(os.listdir(self.mail)):
                    if name in self._seen:
                        continue
                    p = os.path.join(self.mail, name)
                    try:
                        with open(p, "rb") as f:
                            data = f.read()
                    except OSError:
                        continue
                    msg = email.message_from_bytes(data, policy=email.policy.default)
                    if not msg.get("To") or b"\n\n" not in data.replace(b"\r\n", b"\n"):
                        continue    # still being written
                    self._seen.add(name)
                    to = str(msg.get("To")).lower()
                    m = re.search(r"[^<>\s,]+@[^<>\s,]+", to)
                    key = m.group(0) if m else to
                    self._mails.setdefault(key, []).append((os.path.getmtime(p), name, data))
                found = self._mails.get(addr)
            if found:
                return token_from_mail(sorted(found)[-1][2])
            if time.time() > deadline:
                raise AssertionError("no mail to %s in %s" % (addr, self.mail))
            time.sleep(0.05)

    def register(self, username=None, password="correct horse 1", email_addr=None,
                 display_name=None):
        username = username or self.unique()
        email_addr = email_addr or username + "@example.org"
        body = {"username": username, "email": email_addr, "password": password}
        if display_name is not None:
            body["display_name"] = display_name
        r = self.post("/auth/register", body)
        return r, {"username": username, "email": email_addr, "password": password}

    def login(self, login, password):
        return self.post("/auth/login", {"login": login, "password": password})

    def new_user(self, role="citizen", password="correct horse 1"):
        """An active, logged-in account: register + mail token + confirm +
        login for citizens, `useradd` for the other roles."""
        if role == "citizen":
            r, u = self.register(password=password)
            assert r.status == 201, "register: %r" % r
            tok = self.mail_token(u["email"])
            c = self.post("/auth/confirm", {"token": tok})
            assert c.status == 200, "confirm: %r" % c
        else:
            u = self.useradd(role=role, password=password)
        r = self.login(u["username"], password)
        assert r.status == 200, "login %s: %r" % (u["username"], r)
        u["token"] = r.json["token"]
        u["id"] = r.json["user"]["id"]
        u["user"] = r.json["user"]
        return u

    def useradd(self, role="citizen", password="correct horse 1", username=None):
        username = username or self.unique(role[:3])
        addr = username + "@example.org"
        args = ["useradd", username, "--email", addr, "--role", role, "--db", self.db]
        args += fast_hash_args() if self.fast_hash else []
        r = self.cli(*args, stdin=(password + "\n").encode())
        assert r.returncode == 0, "useradd failed: %r %r" % (r.stdout, r.stderr)
        return {"username": username, "email": addr, "password": password}


def parse_raw_response(buf):
    head, _, body = buf.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    m = re.match(rb"HTTP/1\.[01] (\d{3})", lines[0] if lines else b"")
    if not m:
        return Resp(0, {}, buf)
    hd = {}
    for ln in lines[1:]:
        k, _, v = ln.partition(b":")
        hd[k.strip().lower().decode("latin-1")] = v.strip().decode("latin-1")
    if hd.get("transfer-encoding", "").lower() == "chunked":
        out = b""
        rest = body
        while rest:
            size_line, _, rest = rest.partition(b"\r\n")
            try:
                n = int(size_line.split(b";")[0], 16)
            except ValueError:
                break
            if n == 0:
                break
            out += rest[:n]
            rest = rest[n + 2:]
        body = out
    elif "content-length" in hd:
        body = body[:int(hd["content-length"])]
    return Resp(int(m.group(1)), hd, body)


def token_from_mail(data):
    """Finds the one-time token in a confirmation mail: a line or URL
    parameter `token`, else the longest token-like word."""
    msg = email.message_from_bytes(data, policy=email.policy.default)
    texts = []
    for part in msg.walk():
        if part.get_content_maintype() == "text":
            try:
                texts.append(part.get_content())
            except (LookupError, ValueError):
                texts.append(part.get_payload(decode=True).decode("utf-8", "replace"))
    text = "\n".join(texts) or data.decode("utf-8", "replace")
    m = re.search(r"(?m)^\s*([A-Za-z0-9_\-]{32,})\s*$", text)
    if m:
        return m.group(1)
    m = re.search(r"token[=:]\s*([A-Za-z0-9_\-.~+/]{16,}={0,2})", text, re.I)
    if m:
        return m.group(1)
    words = re.findall(r"[A-Za-z0-9_\-]{20,}", text)
    assert words, "no token in mail: %r" % text[:500]
    return max(words, key=len)


# --- assertions -----------------------------------------------------------

def eq(a, b, what=""):
    if a != b:
        raise AssertionError("%s: expected %r, got %r" % (what or "value", b, a))


def ok(cond, what):
    if not cond:
        raise AssertionError(what)


def status(r, want, what=""):
    if r.status != want:
        raise AssertionError("%s: expected status %d, got %r"
                             % (what or "request", want, r))
    return r


def error(r, want_status, code, field=None, what=""):
    """The answer is the contract's error shape with this status and code
    (and names the field when given)."""
    label = what or code
    if r.status != want_status:
        raise AssertionError("%s: expected %d %s, got %r" % (label, want_status, code, r))
    ct = r.header("content-type") or ""
    ok(ct.startswith("application/json"), "%s: error Content-Type %r" % (label, ct))
    j = r.json
    ok(isinstance(j, dict) and isinstance(j.get("error"), dict),
       "%s: no error object in %r" % (label, j))
    e = j["error"]
    eq(e.get("code"), code, label + " error.code")
    ok(isinstance(e.get("message"), str) and e["message"].strip() != "",
       "%s: error.message missing or empty: %r" % (label, e))
    if field is not None:
        eq(e.get("field"), field, label + " error.field")
    return e


def is_list_page(j, what="list"):
    ok(isinstance(j, dict), "%s: not an object: %r" % (what, j))
    for k in ("items", "next", "total"):
        ok(k in j, "%s: no %r in %r" % (what, k, list(j)))
    ok(isinstance(j["items"], list), what + ": items not a list")
    ok(j["next"] is None or isinstance(j["next"], str), what + ": next neither null nor string")
    ok(isinstance(j["total"], int), what + ": total not an integer")
    return j["items"]


def has_fields(obj, fields, what):
    missing = [f for f in fields if f not in obj]
    ok(not missing, "%s: missing fields %s in %r" % (what, missing, obj))


def is_rfc3339(s):
    return isinstance(s, str) and re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", s)


def find(items, **kw):
    for it in items:
        if all(it.get(k) == v for k, v in kw.items()):
            return it
    return None


# --- runner ---------------------------------------------------------------

class Terminated(BaseException):
    """Raised by SIGTERM so the runner still stops its servers."""


def _terminated(*_):
    raise Terminated()


class Skip(Exception):
    """A test that cannot run here (e.g. the server lacks a test option)."""


class Suite:
    """Collects test functions, runs each once (a failure does not stop the
    others), prints `N passed, N failed`, exits non-zero on any failure."""

    def __init__(self, name):
        self.name = name
        self.tests = []
        self.servers = []

    def test(self, fn):
        self.tests.append(fn)
        return fn

    def server(self, **kw):
        s = Server(**kw)
        self.servers.append(s)
        return s

    def run(self, setup=None):
        passed = failed = skipped = 0
        if not os.access(BIN, os.X_OK):
            print("%s: no server binary at %s (build it first)" % (self.name, BIN))
            print("0 passed, 1 failed")
            sys.exit(1)
        # A SIGTERM (e.g. from `timeout`) ends the run through the normal
        # cleanup below instead of leaving servers and temp dirs behind.
        signal.signal(signal.SIGTERM, _terminated)
        only = os.environ.get("ONLY")
        ctx = None
        t0 = time.time()
        try:
            try:
                if setup:
                    ctx = setup()
            except Exception:
                traceback.print_exc()
                print("setup failed")
                failed += 1
            else:
                for fn in self.tests:
                    if only and only not in fn.__name__:
                        continue
                    t = time.time()
                    try:
                        fn(ctx) if setup else fn()
                    except Skip as e:
                        skipped += 1
                        print("SKIP %s: %s" % (fn.__name__, e))
                    except Exception as e:
                        failed += 1
                        kind = "" if isinstance(e, AssertionError) else type(e).__name__ + ": "
                        print("FAIL %s: %s%s" % (fn.__name__, kind, e))
                        if not isinstance(e, AssertionError) or os.environ.get("VERBOSE"):
                            traceback.print_exc(file=sys.stdout)
                    else:
                        passed += 1
                        print("ok   %s (%.2fs)" % (fn.__name__, time.time() - t))
                    sys.stdout.flush()
        except (Terminated, KeyboardInterrupt):
            failed += 1
            print("FAIL %s: interrupted" % self.name)
        # Every server must stop cleanly on SIGTERM, and a sanitizer build
        # must not have reported anything (SAN=1 runs these same tests).
        for s in self.servers:
            try:
                code = s.stop()
                log = s.log_text()
                bad = [m for m in ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                                   "runtime error:", "ThreadSanitizer") if m in log]
                if code not in (None, 0) or bad:
                    failed += 1
                    print("FAIL server %s: exit status %r on SIGTERM%s"
                          % (s.tmp, code, ", sanitizer: " + ", ".join(bad) if bad else ""))
                    for ln in log.splitlines():
                        if any(m in ln for m in bad) or "SUMMARY" in ln:
                            print("    " + ln)
                else:
                    passed += 1
            except Exception:
                failed += 1
                traceback.print_exc()
        for s in self.servers:
            try:
                if failed and os.environ.get("SHOW_LOG", "1") == "1":
                    log = s.log_text()
                    print("--- server log (last 40 lines) %s" % s.tmp)
                    print("\n".join(log.splitlines()[-40:]))
                s.close(keep=failed > 0)
            except Exception:
                traceback.print_exc()
        print("%s: %.1fs%s" % (self.name, time.time() - t0,
                                ", %d skipped" % skipped if skipped else ""))
        print("%d passed, %d failed" % (passed, failed))
        sys.exit(1 if failed else 0)


# --- demo data ------------------------------------------------------------

def all_items(srv, path, token=None, limit=100):
    """Follows `next` cursors to the end (bounded) and returns every item."""
    items = []
    sep = "&" if "?" in path else "?"
    url = "%s%slimit=%d" % (path, sep, limit)
    for _ in range(1000):
        r = status(srv.get(url, token=token), 200, "GET " + url)
        items += is_list_page(r.json, url)
        nxt = r.json["next"]
        if not nxt:
            return items
        url = "%s%slimit=%d&after=%s" % (path, sep, limit, urlquote(nxt))
    raise AssertionError("more than 1000 pages at " + path)


def urlquote(s):
    from urllib.parse import quote
    return quote(s, safe="")


def demo_index(srv, token=None):
    """Finds the demo projects, polls and surveys by their texts (ids are
    the server's business). Keys: projects stadtraum, logistik, cityhall_*;
    polls ranking, location, bike; surveys box, packaging."""
    d = {"projects": {}, "polls": {}, "surveys": {}, "project_list": [],
         "poll_objs": {}, "survey_objs": {}}
    plist = all_items(srv, "/projects?status=all", token)
    d["project_list"] = plist
    for p in plist:
        full = status(srv.get("/projects/%s" % p["id"], token=token), 200, "project").json
        t = full.get("title", "")
        if "Stadt.Raum.Wir" in t:
            d["projects"]["stadtraum"] = full
        elif "Lokale Logistik" in t:
            d["projects"]["logistik"] = full
        d["projects"].setdefault("by_id", {})[full["id"]] = full
        for pl in full.get("formats", {}).get("polls", []):
            po = status(srv.get("/polls/%s" % pl["id"], token=token), 200, "poll").json
            d["poll_objs"][po["id"]] = po
            txt = (po.get("title", "") + " " + po.get("question", "")).lower()
            if po.get("kind") == "ranking" and "Stadt.Raum.Wir" in t:
                d["polls"]["ranking"] = po
            elif "fahrradstra" in txt or "rütschhof" in txt:
                d["polls"]["bike"] = po
                d["projects"]["cityhall_bike"] = full
            elif "Lokale Logistik" in t and po.get("kind") == "single":
                d["polls"]["location"] = po
        for sv in full.get("formats", {}).get("surveys", []):
            so = status(srv.get("/surveys/%s" % sv["id"], token=token), 200, "survey").json
            d["survey_objs"][so["id"]] = so
            txt = (so.get("title", "") + " " + so.get("intro", "")).lower()
            if "verpackung" in txt:
                d["surveys"]["packaging"] = so
                d["projects"]["cityhall_survey"] = full
            elif "Lokale Logistik" in t:
                d["surveys"]["box"] = so
    return d


# --- staff helpers ----------------------------------------------------------

def iso(t):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def tr(de, en=None):
    return {"de": de, "en": en or de + " (en)"}


def make_project(srv, token, **over):
    slug = srv.unique("proj-")
    body = {"slug": slug, "category": "smart-city", "title": tr("Testprojekt " + slug),
            "summary": tr("Kurzfassung"), "description": tr("Beschreibung.\n\nZweiter Absatz."),
            "starts_at": iso(now() - 86400), "ends_at": iso(now() + 86400 * 30),
            "status": "open", "ideas_open": True}
    body.update(over)
    r = srv.post("/projects", body, token=token)
    assert r.status == 201, "POST /projects: %r" % r
    return r.json


def make_poll(srv, token, project_id, kind="single", n=3, max_choices=None,
              opens=-3600, closes=86400, visible=True, **over):
    t0 = now()
    body = {"title": tr("Testabstimmung"), "question": tr("Was meinen Sie?"),
            "kind": kind, "max_choices": max_choices or (1 if kind == "single" else min(n, 3)),
            "opens_at": iso(t0 + opens), "closes_at": iso(t0 + closes),
            "results_visible": visible,
            "options": [{"title": tr("Option %d" % i), "description": tr("Beschreibung %d" % i)}
                        for i in range(n)]}
    body.update(over)
    r = srv.post("/projects/%s/polls" % project_id, body, token=token)
    assert r.status == 201, "POST polls: %r" % r
    return r.json


def audit_rows(srv, token):
    """The audit log: over HTTP when the server offers it (GET
    /moderation/audit), else straight from its table in the database."""
    for path in ("/moderation/audit", "/audit"):
        r = srv.get(path + "?limit=100", token=token)
        if r.status == 200:
            return [dict(x) for x in all_items(srv, path, token)], "http"
    con = sqlite3.connect("file:%s?mode=ro" % srv.db, uri=True, timeout=10)
    try:
        con.row_factory = sqlite3.Row
        rows = con.execute("SELECT a.*, c.username AS actor FROM audit a "
                           "LEFT JOIN account c ON c.id = a.actor_id").fetchall()
        return [dict(r) for r in rows], "db"
    finally:
        con.close()
