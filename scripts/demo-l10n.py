#!/usr/bin/env python3
# demo-l10n.py — adds the Leichte Sprache, Turkish and Ukrainian texts of
# contrib/demo-l10n.json to a running demo server through the staff API
# (PATCH /projects/{slug}, PATCH /polls/{id}: only the languages given are
# replaced). Usage: demo-l10n.py API_URL [USER PASSWORD] [FILE]; the user
# defaults to the demo's staff account.
import json
import os
import sys
import urllib.request

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def call(base, method, path, body=None, token=None):
    req = urllib.request.Request(base + path, method=method,
                                 data=json.dumps(body).encode() if body is not None else None)
    req.add_header("Accept", "application/json")
    if body is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read().decode("utf-8") or "null")


def main(argv):
    if len(argv) < 2:
        sys.exit("usage: demo-l10n.py API_URL [USER PASSWORD] [FILE]")
    base = argv[1].rstrip("/")
    user, password = (argv[2], argv[3]) if len(argv) >= 4 else ("rathaus", "rathaus-passwort")
    path = argv[4] if len(argv) >= 5 else os.path.join(TOP, "contrib", "demo-l10n.json")
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    token = call(base, "POST", "/auth/login", {"login": user, "password": password})["token"]
    polls = {}
    for slug, fields in data["projects"].items():
        call(base, "PATCH", "/projects/%s" % slug, fields, token)
        full = call(base, "GET", "/projects/%s?lang=de" % slug, token=token)
        for po in full.get("formats", {}).get("polls", []):
            polls[po["title"]] = po["id"]
    for title, fields in data["polls"].items():
        if title not in polls:
            sys.exit("demo-l10n: no poll %r in the projects of %s" % (title, path))
        call(base, "PATCH", "/polls/%d" % polls[title], fields, token)
    print("demo-l10n: %d projects, %d polls in %s" % (len(data["projects"]), len(data["polls"]),
          ", ".join(sorted({l for f in data["projects"].values() for t in f.values() for l in t}))))


if __name__ == "__main__":
    main(sys.argv)
