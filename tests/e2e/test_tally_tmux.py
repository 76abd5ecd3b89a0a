#!/usr/bin/env python3
# test_tally_tmux.py — a booth session in the full UI, in tmux: a staff
# member keys a paper ranking sheet that is to be keyed twice, a second
# staff account keys it again with one order wrong, sees both keyings side
# by side, corrects its keying, and the poll's results take the sheet in.
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from mwtest import Client, Failure, Suite, preflight, tempdir, wait_until  # noqa: E402
from test_client_tmux import login  # noqa: E402
from test_qa_tmux import free_port, serve  # noqa: E402

SHEET = "Stand am Stiftsplatz, Bogen 1"


def to_poll(c):
	"""From the project list to the ranking poll of Stadt.Raum.Wir."""
	c.focus_to("Stadt.Raum.Wir")
	c.keys("Enter")
	c.wait_text("Which event should come")
	c.focus_to("Which event should come")
	c.keys("Enter")
	c.wait_text("Rank up to 3")


def fill(c, *values):
	"""Types values into the fields from the focused one on, Enter after each."""
	for v in values:
		if v:
			c.type(v)
			c.check_caret(v)
		before = c.focus_item()
		c.keys("Enter")
		# The screen follows the key a moment later: wait for the move.
		try:
			wait_until(lambda: c.check_focus() is not None and
				c.focus_item() != before, 5, "the focus to move on")
		except Failure:
			raise Failure("Enter did not move on from %r:\n%s" % (before, c.text()))


def send(c):
	c.keys("F10")
	c.wait_text("Check before sending")
	c.check_focus("Send")
	c.keys("Enter")


def test_booth_session(tmp):
	port = free_port()
	proc = serve(os.path.join(tmp, "srv"), port)
	url = "http://127.0.0.1:%d/api/v1" % port
	c = m = None
	try:
		# (1) The first staff member keys the sheet, to be keyed twice.
		c = Client(url, tmp, width=100, height=40, lang="en", name="rathaus")
		c.wait_text("Projects")
		login(c, "rathaus", "rathaus-passwort")
		to_poll(c)
		c.keys("T")
		c.wait_text("Paper ballots", "Paper rankings are counted like online ones", "0 paper sheets")
		c.focus_to("Enter a paper sheet")
		c.keys("Enter")
		c.wait_text("Enter a paper sheet", "Option 4: Roundnet")
		c.check_focus("Where from", field=True)
		fill(c, SHEET, "5", "1", "4 1 5", "3", "2")
		c.type("1")
		c.wait_text("Counted so far: 4 and 1 invalid make 5 of 5 ballots.")
		send(c)
		c.wait_text("is saved: waiting for the second keying.",
			    SHEET + " (waiting for the second keying)")
		c.check_focus()

		# (2) The second staff member keys it with one order wrong.
		m = Client(url, tmp, width=100, height=40, lang="en", name="wahlhelfer")
		m.wait_text("Projects")
		login(m, "wahlhelfer", "wahlhelfer-passwort")
		to_poll(m)
		m.keys("T")
		m.wait_text(SHEET)
		m.focus_to(SHEET)
		m.keys("Enter")
		m.wait_text("waiting for the second keying", "Key this sheet a second time")
		m.focus_to("Key this sheet a second time")
		m.keys("Enter")
		m.wait_text("Key the sheet a second time", "without looking at the first keying")
		m.check_focus("Paper ballots in all", field=True)
		fill(m, "5", "1", "4 5 1", "3", "2")
		m.type("1")
		send(m)
		# Side by side per option; nothing counted.
		m.wait_text("is saved: the two keyings differ: not counted",
			    "(6 and 3, differ) Lautern tanzt", "Roundnet", "9, both agree")

		# (3) The first keeps seeing the mismatch in the list.
		c.keys("F5")
		c.wait_text(SHEET + " (the two keyings differ: not counted)")

		# (4) The second corrects its keying: both agree, it counts.
		m.focus_to("Correct keying 2")
		m.keys("Enter")
		m.wait_text("Correct keying 2")
		m.focus_to("Ranking 1")
		m.keys(*(["BSpace"] * 8))
		m.type("4 1 5")
		m.check_caret("4 1 5")
		m.focus_to("Reason")
		m.type("Bogen 1 nachgesehen")
		send(m)
		m.wait_text("is saved: counted.", "6, both agree")

		# (5) The results take the sheet in.
		m.keys("Escape")
		m.wait_text("Paper ballots", "counted")
		m.keys("Escape")
		m.wait_text("Rank up to 3")
		m.keys("v")
		m.wait_text("Results", "on paper", "1 blank or invalid paper ballot is not counted.",
			    "Paper rankings are counted like online ones.")
		if "not counted yet" in m.text():
			raise Failure("a counted sheet is said to be pending:\n" + m.text())
	except Exception:
		for who, cl in (("rathaus", c), ("wahlhelfer", m)):
			if cl is not None:
				print("screen (%s):\n%s" % (who, cl.text()))
		raise
	finally:
		for cl in (c, m):
			if cl is not None:
				cl.close()
		proc.stop()


def main():
	S = Suite("test_tally_tmux")
	err = preflight()
	if err:
		S.check(False, "preflight", err)
		S.finish()
	tmp = tempdir("mw-e2e-")
	S.case("booth_session", test_booth_session, tmp)
	S.finish()


if __name__ == "__main__":
	main()
