#!/usr/bin/env python3
# test_qa_tmux.py — the real client in tmux as residents meet it: the server
# is down at start (a "Try again" button with the cursor on it, and Enter
# works once the server is up), and a moderator approving the last idea of
# the queue keeps the focus in the queue, not in the reason field.
import json
import os
import sys
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from mwtest import TOP, ApiServer, Client, Failure, Suite, free_port, preflight, tempdir  # noqa: E402


def serve(tmp, port):
	"""The API with demo data on a chosen port (the client was told it
	before the server ran)."""
	return ApiServer(tmp=tmp, listen="127.0.0.1:%d" % port).start()


def call(port, method, path, body=None, token=None):
	req = urllib.request.Request("http://127.0.0.1:%d/api/v1%s" % (port, path), method=method,
				     data=json.dumps(body).encode() if body is not None else None)
	req.add_header("Content-Type", "application/json")
	if token:
		req.add_header("Authorization", "Bearer " + token)
	with urllib.request.urlopen(req, timeout=10) as r:
		data = r.read()
	return json.loads(data) if data else None


def test_server_down_try_again(tmp):
	port = free_port()
	c = Client("http://127.0.0.1:%d/api/v1" % port, tmp, width=40, height=12, lang="en")
	proc = None
	try:
		c.wait_text("This page could not be loaded", "Is the server running?")
		c.check_focus("Try again")
		proc = serve(os.path.join(tmp, "srv1"), port)
		c.keys("Enter")
		c.wait_text("Projects", "Open projects")
		c.check_focus("1.")
	finally:
		c.close()
		if proc is not None:
			proc.stop()


def test_moderation_focus_stays_in_queue(tmp):
	port = free_port()
	proc = serve(os.path.join(tmp, "srv2"), port)
	c = None
	try:
		demo = call(port, "POST", "/auth/login", {"login": "demo", "password": "demo-passwort"})
		projects = call(port, "GET", "/projects")["items"]
		pid = [p for p in projects if "Stadt.Raum.Wir" in p["title"]][0]["id"]
		for t in ("Zweite Testidee QA", "Dritte Testidee QA"):
			call(port, "POST", "/projects/%d/ideas" % pid,
			     {"title": t, "body": "Ein Text für die Moderation, lang genug."}, demo["token"])
		c = Client("http://127.0.0.1:%d/api/v1" % port, tmp, width=80, height=24, lang="en")
		c.wait_text("Projects")
		c.keys("l")
		c.wait_text("Log in")
		c.type("moderation")
		c.keys("Tab")
		c.type("moderation-passwort")
		c.keys("Enter")
		c.wait_text("Logged in as")
		c.keys("M")
		c.wait_text("Moderation", "Dritte Testidee QA")
		c.focus_to("Dritte Testidee QA")
		c.keys("A")
		# Approving asks first; the focus stays on the item.
		c.wait_text("Press approve again to publish it")
		line = c.check_focus("Dritte Testidee QA")
		c.keys("A")
		c.wait_text("is approved")
		# The focus is on a queue item, with the cursor there: the next A
		# or D acts on an idea instead of being typed into the reason.
		line = c.check_focus("Testidee QA")
		if "Reason" in line:
			raise Failure("focus went into the reason field:\n" + c.text())
		c.keys("A")
		c.wait_text("Approve 'Zweite Testidee QA'?")
		c.keys("A")
		c.wait_text("'Zweite Testidee QA' is approved")
	finally:
		if c is not None:
			c.close()
		proc.stop()


def test_unknown_sequence_ignored(tmp):
	"""Issue 8 item 5: a key sequence the terminfo lacks (an rxvt Home,
	xterm's Ctrl+Delete) is read whole and ignored: its bytes do not act
	as Esc, digits or letters; the status says the key is not known."""
	port = free_port()
	proc = serve(os.path.join(tmp, "srv3"), port)
	c = Client("http://127.0.0.1:%d/api/v1" % port, tmp, width=80, height=24, lang="en")
	try:
		c.wait_text("Projects")
		c.keys("Down")
		c.check_focus("2. ")
		# ESC [ 3 ; 5 ~ : as keys, '3' would jump to item 3.
		c.tmux("send-keys", "-t", "t", "-H", "1b", "5b", "33", "3b", "35", "7e")
		c.wait_text("Key not known.")
		c.check_focus("2. ")
		c.keys("Down")
		c.check_focus("3. ")
		assert "Key not known." not in c.flat(), c.text()
		# ESC [ 1 ; 2 X : as keys, '1' would jump and X log out.
		c.tmux("send-keys", "-t", "t", "-H", "1b", "5b", "31", "3b", "32", "58")
		c.wait_text("Key not known.")
		c.check_focus("3. ")
		# Alt+key still reaches the app as Esc then the key.
		c.keys("M-1")
		c.check_focus("1. ")
	finally:
		c.close()
		proc.stop()


def test_field_keys_are_text(tmp):
	"""Issue 8 items 8 and 16: in a text field every printable key is
	text (vi: j, k, l, h); with the numpad keymap, whose keypad on the
	Linux console sends plain '/' and '*', those keys are the way out
	(back, help), digits, '+' and '-' are text."""
	port = free_port()
	proc = serve(os.path.join(tmp, "srv4"), port)
	url = "http://127.0.0.1:%d/api/v1" % port
	vi = Client(url, tmp, width=80, height=24, lang="en",
		    extra_args=["--keymap", os.path.join(TOP, "keymaps", "vi.keys")])
	np = Client(url, tmp, width=40, height=12, lang="en", env={"TERM": "linux"},
		    extra_args=["--keymap", os.path.join(TOP, "keymaps", "numpad.keys")])
	try:
		vi.wait_text("Projects")
		vi.keys("I")
		vi.wait_text("Log in")
		vi.check_focus("User name")
		vi.type("jkhlgGq")
		vi.check_caret("jkhlgGq")
		np.wait_text("Projects")
		# Item 15: the footer names keys in words, never "KP6" or "Left".
		np.wait_text("Enter open")
		hint = np.screen()[-2]
		assert "KP" not in hint and "Left" not in hint, hint
		np.keys("3", "Enter")
		np.wait_text("Polls")
		np.focus_to("Write a new idea")
		np.keys("Enter")
		np.wait_text("New idea")
		np.check_focus("Title")
		# The footer names the way out in words.
		np.wait_text("/ back")
		np.type("/")
		np.check_focus("Write a new idea")
		np.keys("Enter")
		np.wait_text("New idea")
		np.type("*")
		np.wait_text("Help")
		np.type("/")
		np.wait_text("New idea")
		np.check_focus("Title")
		# Digits, '+' and '-' are text; '/' and '*' stay the way out
		# also from a filled field (test_kiosk_keypad_tmux.py).
		np.type("1+2-3")
		np.check_caret("1+2-3")
	finally:
		vi.close()
		np.close()
		proc.stop()


def main():
	S = Suite("test_qa_tmux")
	err = preflight()
	if err:
		S.check(False, "preflight", err)
		S.finish()
	tmp = tempdir("mw-e2e-")
	S.case("server_down_try_again", test_server_down_try_again, tmp)
	S.case("moderation_focus_stays_in_queue", test_moderation_focus_stays_in_queue, tmp)
	S.case("unknown_sequence_ignored", test_unknown_sequence_ignored, tmp)
	S.case("field_keys_are_text", test_field_keys_are_text, tmp)
	S.finish()


if __name__ == "__main__":
	main()
