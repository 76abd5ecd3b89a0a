#!/usr/bin/env python3
# test_braille.py — the full UI read by a real screen reader: BRLTTY 6.7
# (built once by build_brltty.sh) reads the real client against the real
# API with demo data, as a 40-cell braille display, at 80x24 and at 40x12
# at the same time. Every end-to-end flow of the full UI a resident, a
# moderator or a staff member can do: browse, colour and refresh, help,
# a wrong password (refused on the password's line), log in, rank (choose, move) and send a vote, results, withdraw (asked),
# support, comment (two lines; on an idea and on a project), reply,
# report an idea and a comment, messages, sort ideas, write an idea
# (leave and come back), both surveys (one choice, several choices,
# scale, text), a one-choice poll and one with up to two choices (added
# over the staff API: the demo has none), My SSH keys (how to add one,
# remove, remember the key of an ssh connection), log out, languages (a Turkish
# field name too long for one line), register (a user name and a
# password refused, each on its field's line, the name as soon as it
# is left) and confirm with the mail's code, export and delete the account, moderate (approve, reject
# with a reason, reports), the project filter and a closed poll's
# results, and a paper sheet keyed twice by two staff accounts, corrected
# and withdrawn, logging out on a staff and a moderation page, and a
# send that fails (the server gone). After each key the braille window
# must show the focused item (or the field's name and value) with the
# cursor in it, without the person panning. Not driven: search ('/' has no screen yet) and the
# kiosk's end of session (kiosk mode).
import os
import re
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "lib"))
import lib_braille  # noqa: E402
import mwtest  # noqa: E402
from lib_braille import Session  # noqa: E402
from mwtest import Failure, Suite  # noqa: E402

# Each size votes and supports as another person.
USERS = {(80, 24): ("demo", "demo-passwort"), (40, 12): ("rathaus", "rathaus-passwort")}
# The key the SSH gateway passes on when the connection's key is not yet
# an account's: fingerprint and public key (no private half anywhere).
GATEWAY_KEYS = {
	(80, 24): ("SHA256:h2tS8m/lHcRPC7NQCH/pZFzWrVQa0JYfo0YMaLZskco",
		   "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPUx2aNfufrBAP/pVzBqdfj5UGXDunMWoGRZZY3b8Yvw gateway-80"),
	(40, 12): ("SHA256:haxfG21hhU+oDAmn4FCV8XrQLRdP0nvcwvjDfOyAvUk",
		   "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ4ARjHZLWX2e1znD7y4/Aol/Mw1AbkClsQvmGgKTqNT gateway-40")}
AUTHORS = {"demo": "Demo-Konto", "rathaus": "Rathaus Kaiserslautern"}
# The API's gateway secret: the test stands in for the SSH gateway that
# gets the proof that registers a key used in an ssh login.
GATEWAY_SECRET = os.urandom(24).hex()
# A public key each (no private half anywhere) and its fingerprint: a key
# logs in one account.
PUBKEYS = {(80, 24): ("SHA256:+6XHJVkfgNstJBlCnDWpKtW78f6xVXB661tyG/SHxLo",
		     "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAINaBCz3jP8uLWIWV/PXTZkKKqy8BND+WiGubfE9yYaMz braille-80"),
	   (40, 12): ("SHA256:8s8F706TUYDdI+lBqexmGEh2tyc+JHm1v9rxeCpnn2k",
		     "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMt9bR4Q2Zs/Qxx9r2RPaXJOySJCpUzMLJTes32FL6dM braille-40")}


def login(s, user, password, back_to):
	s.step("l", "User name or e-mail:")
	s.type(user, "User name or e-mail: " + user)
	s.step("Enter", "Password:")
	s.type(password, "Password: " + "*" * len(password))
	s.step("Enter", back_to)


def flow_wrong_password(s, user):
	"""A wrong password: the cursor is back in the emptied password
	field, and its line says that the login was refused."""
	s.step("l", "User name or e-mail:")
	s.type(user, "User name or e-mail: " + user)
	s.step("Enter", "Password:")
	s.type("falsch", "Password: ******")
	s.step("Enter", "2. You are not logged in.", timeout=10)
	# Typing again: the line is the password's again.
	s.type("x", "2. Password: *")
	s.step("Backspace", "2. Password:")
	s.step("Esc", "3. Stadt.Raum.Wir.", timeout=10)


def flow_browse(s):
	s.expect("1. Packaging tax")
	# Colour off and on, a refresh: the cursor stays on the focus.
	s.step("C", "1. Packaging tax", same=True)
	s.step("C", "1. Packaging tax", same=True)
	s.step("F5", "1. Packaging tax", same=True)
	s.step("Down", "2. Lokale Logistik")
	s.step("3", "3. Stadt.Raum.Wir.")
	s.step("?", "1. Enter")
	s.step("Left", "3. Stadt.Raum.Wir.")


def flow_help(s):
	"""The help page: each entry names its keys and what they do on the
	line the cursor is on; the end of the list and back."""
	s.step("?", "1. Enter")
	s.step("Down", "2. f — Choose which")
	s.step("End", " — ")
	s.step("Home", "1. Enter")
	s.step("Left", "3. Stadt.Raum.Wir.")


def flow_messages(s):
	"""m lists the status messages, newest first, the focus on the newest."""
	s.step("m", "1. ")
	s.step("Down", "2. ")
	s.step("Left", "All ideas")


def flow_vote(s):
	"""Opens Stadt.Raum.Wir., whose open poll comes first, ranks three
	events, reviews and sends."""
	s.step("Enter", "1. (ranking, open) Which event should")
	# Each choice and its rank are on the cursor's line, at 40 cells too
	# (an option's long title must not push them out of the window).
	s.step("Enter", "1. (not chosen) Lautern tanzt")
	s.step("Space", "1. (your choice 1) Lautern tanzt")
	s.step("Down", "2. (not chosen) 3D street")
	s.step("Space", "2. (your choice 2) 3D street")
	s.step("Down", "3. (not chosen) Crossboule")
	s.step("Space", "3. (your choice 3) Crossboule")
	s.step("u", "3. (your choice 2) Crossboule")
	s.step("d", "3. (your choice 3) Crossboule")
	s.step("r", "1. Send")
	s.step("Enter", "1. (your choice 1) Lautern tanzt")
	# The results: the option's points stand before its title, in the
	# window the cursor is in; back, the cursor holds.
	text = s.step("v", "1. (")
	assert re.search(r"1\. \(\d+ points?\) Lautern", text), "no points on the option's line: |%s|" % text
	s.step("Left", "1. (your choice 1) Lautern tanzt")
	s.step("Left", "1. (ranking, open) Which event should")


def flow_withdraw_asks(s):
	"""On the poll again: w asks first, the focus on keeping the vote."""
	s.step("Enter", "1. (your choice 1) Lautern tanzt")
	s.step("w", "1. No, keep my vote")
	s.step("Enter", "1. (your choice 1) Lautern tanzt")
	s.step("Left", "1. (ranking, open) Which event should")


def flow_support(s):
	"""All ideas, the first idea, support it: the focus stays off the
	button that would take the support back."""
	s.step("Down", "All ideas")
	s.step("Enter", "1. Strandbar")
	# Newest first and back to most support first.
	s.step("s", "1. ")
	s.step("s", "1. Strandbar")
	s.step("Enter", "1. Support this idea")
	text = s.step("+", "2. ")
	assert "Stop supporting" not in text, "focus on withdraw: |%s|" % text
	# A comment on the idea: the multi-line field shows its name.
	s.step("c", "1. Comment:")
	s.type("Gute Idee", "Comment: Gute Idee")
	# A second line of the field is named too.
	s.step("Enter", "Comment:")
	s.type("Mit Schatten", "Comment: Mit Schatten")
	s.step("Up", "Comment: Gute Idee")
	s.step("Tab", "Review and send")
	s.step("Enter", "1. Send")
	s.step("Enter", ". ")
	flow_reply_report(s)
	s.step("Left", "1. (you support this) Strandbar")
	s.step("Left", "All ideas")


def flow_reply_report(s):
	"""Replies to the first comment and reports the reply below it; the
	focus comes back to the comment each time."""
	s.step("2", "2. Sofia R.", same=True)
	s.step("r", "1. Comment:")
	s.type("Stimmt", "Comment: Stimmt")
	s.step("Tab", "2. Review and send")
	s.step("Enter", "1. Send")
	s.step("Enter", "2. Sofia R.")
	# A reply says whom it answers before its author: the window on a
	# long line shows both.
	s.step("Down", "3. (Reply to: Sofia R.) Mehmet Y.")
	s.step("!", "1. Reason:")
	s.type("Werbung", "Reason: Werbung")
	s.step("Tab", "2. Send the report")
	s.step("Enter", "3. (Reply to: Sofia R.) Mehmet Y.")
	# The idea itself, from its first item.
	s.step("1", "1. ")
	s.step("!", "1. Reason:")
	s.type("Doppelt", "Reason: Doppelt")
	# Enter in the last field sends, as in the login form.
	s.step("Enter", "1. Stop supporting")


def flow_new_idea(s, title):
	s.step("i", "1. Title:")
	s.type(title, "Title: " + title)
	# Leaving with a typed title asks first; staying is the first answer.
	s.step("Tab", "2. Text:")
	s.step("Tab", "3. Review and send")
	s.step("Left", "1. No, stay here")
	s.step("Down", "2. Yes, leave")
	s.step("Enter", "2. All ideas")
	# The draft is there again.
	s.step("i", "1. Title: " + title)
	s.step("Enter", "2. Text:")
	body = "Schatten am Platz"
	s.type(body, "Text: " + body)
	s.step("Tab", "3. Review and send")
	s.step("Enter", "1. Send")
	s.step("Enter", "2. All ideas")


def flow_survey(s):
	"""The packaging-tax survey: each question is named on the line of
	the answer the focus enters; a typed answer shows with its name."""
	s.step("g", "Stadt.Raum.Wir.")
	s.step("1", "1. Packaging tax")
	s.step("Enter", "1. (open) Opinion survey")
	s.step("Enter", "Question 1: Yes")
	s.step("x", "(*) Question 1: Yes")
	for _ in range(4):
		s.step("Down", ". ( ) ")
	s.step("Down", "Question 2: 1")
	s.step("Up", "Question 1: ")
	s.step("Down", "Question 2: 1")
	s.step("Down", "7. ( ) 2")
	s.step("x", "7. (*) 2")
	for _ in range(3):
		s.step("Down", ". ( ) ")
	s.step("Down", "Question 3: Your answer:")
	s.type("Weniger", "Your answer: Weniger")
	s.step("Tab", "Review my answers")
	s.step("Enter", "1. Send")
	s.step("Enter", "Question 1: Yes")


def flow_single_poll(s, choice):
	"""Lokale Logistik's one-choice poll: choose, review, send, results."""
	s.step("g", "1. Packaging tax")
	s.step("2", "2. Lokale Logistik")
	s.step("Enter", "1. (one choice, open) Where should")
	s.step("Enter", "1. ( ) Stiftsplatz")
	s.step(str(choice), "%d. ( ) " % choice)
	s.step("x", "%d. (*) " % choice)
	s.step("r", "1. Send")
	# Sent: the focus is on the option chosen, not on another one.
	s.step("Enter", "%d. (*) " % choice)
	s.step("v", "1. ")
	s.step("Down", "2. ")
	s.step("Left", "%d. (*) " % choice)
	# Withdrawing asks; the second answer withdraws.
	s.step("w", "1. No, keep my vote")
	s.step("Down", "2. Yes, withdraw")
	s.step("Enter", ". ( ) ")
	s.step("Left", "1. (one choice, open) Where should")
	flow_survey_choices(s)


def flow_survey_choices(s):
	"""The project's survey: a question with up to three choices, a
	scale and a text of several lines; every question is named where the
	focus enters it, and the text's second line names the field."""
	s.step("Down", "2. (open) What should the")
	s.step("Enter", "[ ] Question 1: Borrow a cargo")
	s.step("x", "[x] Question 1: Borrow a cargo")
	s.step("Down", "2. [ ] Parcel station")
	s.step("x", "2. [x] Parcel station")
	s.find("Down", "Question 2: 1")
	s.step("Up", "[ ] Question 1: Swap shelf")
	s.step("Down", "( ) Question 2: 1")
	s.step("x", "(*) Question 2: 1")
	s.find("Down", "Question 3: ")
	s.type("Bänke", "Question 3: Your answer: Bänke")
	s.step("Enter", "Your answer:")
	# A longer text wraps: the caret's line names the field, at 80
	# columns too (the window there is columns 0 to 39).
	s.type("und viel Schatten", "Your answer: Schatten")
	s.step("Tab", "Review my answers")
	s.step("Enter", "1. Send")
	s.step("Enter", "Question 1: Borrow a cargo")
	s.step("Left", "2. (open) What should the")
	# A comment on the project itself.
	s.find("Down", "Write a comment")
	s.step("Enter", "1. Comment:")
	s.type("Gern am Stiftsplatz", "1. Comment: Gern am Stiftsplatz")
	s.step("Tab", "2. Review and send")
	s.step("Enter", "1. Send")
	s.step("Enter", ". ")
	s.step("1", "1. (one choice, open) Where should")


def flow_multiple_poll(s):
	"""The poll made for the test in Smart city infrastructure: up to two
	choices, a third is refused on its line; send, results."""
	s.step("g", "2. Lokale Logistik")
	s.step("4", "4. Smart city")
	s.step("Enter", "1. (several choices, open) What should")
	s.step("Enter", "1. [ ] Open Wi-Fi")
	s.step("x", "1. [x] Open Wi-Fi")
	s.step("Down", "2. [ ] Parking sensors")
	s.step("x", "2. [x] Parking sensors")
	s.step("Down", "3. [ ] Bicycle counters")
	s.step("x", "3. [ ] Bicycle counters", same=True)
	s.step("r", "1. Send")
	s.step("Enter", "1. [x] Open Wi-Fi")
	s.step("v", "1. ")
	s.step("Left", "1. [x] Open Wi-Fi")
	s.step("Left", "1. (several choices, open) What should")


def gateway_proof(api, fp):
	"""The single-use proof the SSH gateway gets for a key it saw used."""
	r = api.post("/auth/ssh-key/proof", {"fingerprint": fp}, headers={"X-MitWirkung-Gateway": GATEWAY_SECRET})
	if r.status != 201:
		raise Failure("POST /auth/ssh-key/proof: %r" % r)
	return r.json["proof"]


def register_key(api, user, password, fp, pub):
	"""Registers pub for user the only way there is: with the proof of an
	ssh login with it (the test stands in for the gateway)."""
	tok = api.login(user, password).json["token"]
	r = api.post("/me/keys", {"public_key": pub, "proof": gateway_proof(api, fp)}, token=tok)
	if r.status != 201:
		raise Failure("POST /me/keys: %r" % r)


def flow_keys(s, api, user, password, key):
	"""The account page, My SSH keys: a registered key is listed, removing
	it asks first; no field to paste a key in, 'How to add a key' instead;
	the focus is on the key, the question or that line."""
	fp, pub = key
	register_key(api, user, password, fp, pub)
	s.step("a", "1. ")
	s.find("Down", "My SSH keys")
	s.step("Enter", "1. " + pub.split()[-1])
	s.step("Down", "2. How to add a key")
	s.step("Up", "1. " + pub.split()[-1])
	s.step("Enter", "2. Yes, remove this key")
	s.step("Down", "3. No, keep it")
	s.step("Up", "2. Yes, remove this key")
	s.step("Enter", "1. How to add a key")
	s.step("Left", "My SSH keys")
	s.step("Left", "1. (several choices, open) What should")


def to_ranking_poll(s, jump=True):
	"""From the project list (after logging in) to the ranking poll."""
	if jump:
		s.step("3", "3. Stadt.Raum.Wir.")
	s.step("Enter", "1. (ranking, open) Which event should")
	s.step("Enter", "Lautern tanzt")


def flow_tally(s, sheet):
	"""A paper sheet keyed by rathaus, to be keyed twice; wahlhelfer keys
	it a second time and sees both keyings side by side."""
	s.step("X", "1. Packaging tax", same=True)
	login(s, "rathaus", "rathaus-passwort", "1. Packaging tax")
	to_ranking_poll(s)
	s.step("T", "1. Enter a paper sheet")
	s.step("Enter", "1. Where from:")
	s.type(sheet, "Where from: " + sheet)
	fields = (("2. Paper ballots in all:", "5"), ("3. Blank or invalid ballots:", "1"),
		  ("4. Ranking 1:", "4 1 5"), ("5. Ballots with ranking 1:", "3"),
		  ("6. Ranking 2:", "2"), ("7. Ballots with ranking 2:", "1"))
	for name, value in fields:
		s.step("Enter", name)
		s.type(value, name + " " + value)
	for name in ("8. Ranking 3:", "9. Ballots with ranking 3:", "10. Ranking 4:",
		     "11. Ballots with ranking 4:", "12. Another ranking"):
		s.step("Down", name)
	# Another ranking: the focus is on the new ranking's first field.
	s.step("Enter", "12. Ranking 5:")
	s.step("Down", "13. Ballots with ranking 5:")
	s.step("Down", "14. Another ranking")
	s.step("Down", "15. [x] A second staff")
	s.step("Down", "16. Review and send")
	s.step("Enter", "1. Send")
	s.step("Enter", "1. Enter a paper sheet")
	s.find("Down", sheet)
	s.step("g", "3. Stadt.Raum.Wir.")
	s.step("X", "3. Stadt.Raum.Wir.", same=True)
	login(s, "wahlhelfer", "wahlhelfer-passwort", "3. Stadt.Raum.Wir.")
	to_ranking_poll(s, jump=False)
	s.step("T", "1. Enter a paper sheet")
	s.find("Down", sheet)
	s.step("Enter", "1. Lautern tanzt")
	s.find("Down", "Key this sheet a second time")
	s.step("Enter", "1. Paper ballots in all:")
	s.type("5", "1. Paper ballots in all: 5")
	# Ranking 2 keyed wrong ("5", the paper says "2"): the keyings differ.
	fields = (("2. Blank or invalid ballots:", "1"), ("3. Ranking 1:", "4 1 5"),
		  ("4. Ballots with ranking 1:", "3"), ("5. Ranking 2:", "5"),
		  ("6. Ballots with ranking 2:", "1"))
	for name, value in fields:
		s.step("Enter", name)
		s.type(value, name + " " + value)
	s.step("F10", "1. Send")
	# Back on the sheet, on the first option the keyings differ for: its
	# line says both numbers and "differ" before the title.
	text = s.step("Enter", " differ) ")
	assert re.search(r"> \d+\. \(\d+ and \d+, differ\) \w", text), \
		"the difference is not on the option's line: |%s|" % text
	# Only the own keying can be corrected: the first keyer's is not
	# offered (the API refuses it with 409 after the whole form).
	seen = len(s.trace)
	s.find("Down", "Correct keying 2")
	assert not any("Correct keying 1" in t for t in s.trace[seen:]), \
		"the other's keying offered: %s" % s.trace[seen:]
	# A correction of the own keying starts from it, and asks why.
	s.step("Enter", "1. Where from: " + sheet)
	s.find("Down", "Ranking 2:")
	s.step("Backspace", "Ranking 2:")
	s.type("2", "Ranking 2: 2")
	s.find("Down", "Reason:")
	s.type("Tippfehler", "Reason: Tippfehler")
	s.step("F10", "1. Send")
	s.step("Enter", "Correct keying")
	# Both keyings agree: the options say so on their line.
	s.step("Home", "1. (6, both agree) Lautern tanzt")
	# Withdrawing the sheet: the reason's field, then the button.
	s.find("Down", "Reason:")
	s.type("Doppelt erfasst", "Reason: Doppelt erfasst")
	s.step("Down", "Withdraw this sheet")
	s.step("Enter", ". ")
	# Logging out on a staff page lands on the poll a resident can see,
	# not on "please log in".
	s.step("X", "Lautern tanzt")


def register(s, api, user, back_to):
	"""Registers, confirms with the code from the mail, logs in."""
	mail = user + "@example.org"
	s.step("R", "1. User name:")
	# A name with a capital and a space, a password too short: Register
	# refuses one field after the other, the cursor in it, and its line
	# says what is wrong and what is allowed.
	s.type("Neu X", "User name: Neu X")
	s.step("Enter", "2. E-mail:")
	# Leaving the name refused it at once (not only at Register), and
	# the person went on: back on it, its line says what is allowed.
	s.step("Up", "1. User name: 3 to 32")
	s.step("Down", "2. E-mail:")
	s.type(mail, "E-mail: " + mail[:20])
	s.step("Enter", "3. Display name:")
	s.type("Neu Person", "Display name: Neu Person")
	s.step("Enter", "4. Password:")
	s.type("kurz", "Password: ****")
	s.step("Enter", "4. Password: at least 8")
	for _ in "kurz":
		s.step("Backspace", "4. Password:")
	s.type("geheim-passwort", "Password: ****")
	s.step("Enter", "1. User name: 3 to 32")
	for _ in "Neu X":
		s.step("Backspace", "1. User name:")
	s.type(user, "User name: " + user[:5])
	for field in ("2. E-mail:", "3. Display name:", "4. Password: ****"):
		s.step("Enter", field)
	# The name is filled in; the code of the mail (8 digits, in two
	# groups) fits the window beside the field's name.
	s.step("Enter", "2. Code:")
	code = mwtest.mail_code(api, mail)
	s.type(code, "2. Code: " + code)
	s.step("Enter", "2. Password:")
	s.type("geheim-passwort", "Password: ****")
	s.step("Enter", back_to)


def flow_logout(s):
	"""Home is the list with the focus on the project last opened."""
	s.step("g", "4. Smart city")
	s.step("1", "1. Packaging tax")
	s.step("X", "1. Packaging tax", same=True)


def flow_language(s):
	"""L opens the list of languages on the one in use; a number moves
	there, Enter switches and the focus is back where it was."""
	s.step("L", "2. (*) English")
	s.step("1", "1. ( ) Deutsch")
	s.step("Enter", "1. Verpackungssteuer")
	s.step("L", "1. (*) Deutsch")
	s.step("2", "2. ( ) English")
	s.step("Enter", "1. Packaging tax")


def flow_long_field_name(s):
	"""Turkish names the login field 'Kullanıcı adı veya e-posta', too
	long to share a 40-cell line with a value: the name wraps and its
	last words stand on the caret's line, at 80 columns too."""
	s.step("L", "2. (*) English")
	s.step("3", "3. ( ) Türkçe")
	s.step("Enter", "1. ")
	s.step("l", "veya e-posta:")
	s.type("demo", "veya e-posta: demo")
	for ch in "demo":
		s.step("Backspace", "veya e-posta:")
	s.step("Esc", "1. ", timeout=10)
	s.step("L", "3. (*) Türkçe")
	s.step("2", "2. ( ) English")
	s.step("Enter", "1. Packaging tax")


def flow_moderate(s, title, author):
	"""The moderator approves the idea written before; the focus stays in
	the queue, on an item, not in a reason field."""
	s.step("X", "1. Packaging tax", same=True)
	login(s, "moderation", "moderation-passwort", "1. Packaging tax")
	s.step("M", "(waiting")
	s.find("Down", title)
	# Approve asks once more, on the item's line, within the window; the
	# focus stays on the item until then.
	s.step("A", title + " (approve? Press approve")
	text = s.step("A", ". ")
	assert "Reason" not in text, "focus in the reason field: |%s|" % text
	# A comment of this size's person, rejected: reject without a reason
	# puts the focus in the reason field, and after it back in the queue.
	# Each says it waits, and whose it is, in the window: a long name
	# puts the state first ("(waiting) Comment by Rathaus").
	s.step("f", "Comment by ")
	s.find("Down", "Comment by " + author.split()[0])
	assert "waiting" in s.window()[0], "no state in the window: |%s|" % s.window()[0]
	s.step("D", ". Reason:")
	s.type("Nicht zum Thema", "Reason: Nicht zum Thema")
	s.step("Down", "Reject, with a reason")
	text = s.step("Enter", ". ")
	assert "Reason" not in text and "Reject" not in text, "focus left the queue: |%s|" % text
	# The reports (of the idea and of a reply) are items too.
	s.step("f", "1. ")
	# The account page.
	s.step("a", "1. Export all my data")
	s.step("Left", "1. ")
	# Logging out in the queue lands on the project list, not on
	# "please log in".
	s.step("X", "1. Packaging tax")


def flow_filter(s):
	"""The project filter: closed projects, the closed poll's results
	(each option on the cursor's line), and back to the open ones."""
	s.step("f", "1. (*) open projects")
	s.step("3", "3. ( ) closed projects")
	s.step("x", "3. (*) closed projects")
	s.step("8", "8. Show these projects")
	s.step("Enter", ") Bicycle")
	s.step("Enter", "1. (one choice, closed) Should")
	s.step("Enter", "1. Yes, a bicycle street")
	# Each result's votes and share before the option's title.
	text = s.step("v", ") Yes, a bicycle")
	assert re.search(r"1\. \(\d+ votes?, [\d.,]+ ?%\) Yes", text), "no votes on the option's line: |%s|" % text
	s.step("Down", "2. (")
	s.step("Left", "1. Yes, a bicycle street")
	s.step("Left", "1. (one choice, closed) Should")
	s.step("Left", ") Bicycle")
	s.step("f", "1. ( ) open projects")
	s.step("x", "1. (*) open projects")
	s.step("8", "8. Show these projects")
	s.step("Enter", "1. Packaging tax")


def flow_account_delete(s, home, password):
	"""The new person exports their data and deletes the account: the
	button asks for the password, the focus is in that field."""
	s.step("a", "1. Export all my data")
	s.step("Enter", "1. Export all my data", same=True)
	mwtest.wait_until(lambda: any(n.startswith("mitwirkung-export-") for n in os.listdir(home)),
			  what="the export file in HOME")
	s.find("Down", "Delete my account")
	s.step("Enter", "Password:")
	s.type(password, "Password: ****")
	s.step("Enter", "Yes, delete my account now")
	s.step("Enter", "1. Packaging tax")


def flow_remember_key(build, api, env, cols, rows, user, password):
	"""Over ssh with a key no account has yet: after logging in, the
	client offers to remember it; the focus is on the answer, and the key
	is then listed under My SSH keys."""
	fp, pub = GATEWAY_KEYS[(cols, rows)]
	s = Session(build, [mwtest.CLIENT_BIN, "--api", api.url, "--lang", "en"], rows, cols,
		    env=dict(env, MITWIRKUNG_SSH_KEY=pub, MITWIRKUNG_SSH_KEY_FP=fp,
			     MITWIRKUNG_SSH_KEY_PROOF=gateway_proof(api, fp)),
		    label="%dx%d ssh" % (cols, rows))
	try:
		s.expect("1. Packaging tax")
		s.step("l", "User name or e-mail:")
		s.type(user, "User name or e-mail: " + user)
		s.step("Enter", "Password:")
		s.type(password, "Password: " + "*" * len(password))
		s.step("Enter", "1. Yes, remember this key")
		s.step("Down", "2. No, not this key")
		s.step("Up", "1. Yes, remember this key")
		s.step("Enter", "1. Packaging tax")
		s.step("a", "1. ")
		s.find("Down", "My SSH keys")
		s.step("Enter", "1. ")
		s.find("Down", "gateway-")
		return sum(1 for t in s.trace if t.endswith(" ok"))
	finally:
		s.close()


def flow_refused(build, tmp, env, cols, rows):
	"""A send that fails (the server gone after the whole idea was
	typed): the focused line, "1. Send", says that it was not sent,
	where the braille window is; Change it still has the text."""
	api = mwtest.ApiServer(tmp=os.path.join(tmp, "api-refused-%dx%d" % (cols, rows))).start()
	s = Session(build, [mwtest.CLIENT_BIN, "--api", api.url, "--lang", "en"], rows, cols,
		    env=env, label="%dx%d refused" % (cols, rows))
	try:
		s.expect("1. Packaging tax")
		login(s, "demo", "demo-passwort", "1. Packaging tax")
		s.step("3", "3. Stadt.Raum.Wir.")
		s.step("Enter", "1. (ranking, open) Which event should")
		s.step("Down", "All ideas")
		s.step("Enter", "1. Strandbar")
		s.step("i", "1. Title:")
		s.type("Mehr Bänke", "Title: Mehr Bänke")
		s.step("Enter", "2. Text:")
		s.type("Am Stiftsplatz", "Text: Am Stiftsplatz")
		s.step("Tab", "3. Review and send")
		s.step("Enter", "1. Send")
		api.stop()
		s.step("Enter", "1. Send — Your idea was not sent.", timeout=20)
		# The next key: the line is the button again; the text is kept.
		s.step("Down", "2. Change it")
		s.step("Enter", "3. Review and send")
		s.step("Up", "2. Text: Am Stiftsplatz")
		return sum(1 for t in s.trace if t.endswith(" ok"))
	finally:
		s.close()
		api.stop()


def run_size(build, api, tmp, cols, rows, results):
	key = "%dx%d" % (cols, rows)
	home = os.path.join(tmp, "home-" + key)
	os.makedirs(home, exist_ok=True)
	env = {"HOME": home, "XDG_CONFIG_HOME": os.path.join(home, ".config"),
	       "XDG_STATE_HOME": os.path.join(home, ".state"), "XDG_CACHE_HOME": os.path.join(home, ".cache")}
	t0 = time.monotonic()
	s = None
	try:
		s = Session(build, [mwtest.CLIENT_BIN, "--api", api.url, "--lang", "en"],
			    rows, cols, env=env, label=key)
		s.cols = cols
		user, password = USERS[(cols, rows)]
		flow_browse(s)
		flow_help(s)
		flow_wrong_password(s, user)
		login(s, user, password, "3. Stadt.Raum.Wir.")
		flow_vote(s)
		flow_withdraw_asks(s)
		flow_support(s)
		flow_messages(s)
		flow_new_idea(s, "Bank " + key)
		flow_survey(s)
		flow_single_poll(s, 2 if cols == 80 else 3)
		flow_multiple_poll(s)
		flow_keys(s, api, user, password, PUBKEYS[(cols, rows)])
		flow_logout(s)
		flow_language(s)
		flow_long_field_name(s)
		register(s, api, "brl%d_%s" % (os.getpid() % 10000, key.replace("x", "_")), "Packaging tax")
		flow_account_delete(s, home, "geheim-passwort")
		flow_moderate(s, "Bank " + key, AUTHORS[user])
		flow_filter(s)
		flow_tally(s, "Stand " + key + ", Bogen 1")
		steps = sum(1 for t in s.trace if t.endswith(" ok"))
		s.close()
		s = None
		# Another connection (its own HOME: no saved login), over ssh.
		ssh_home = home + "-ssh"
		os.makedirs(ssh_home, exist_ok=True)
		steps += flow_remember_key(build, api, dict(env, HOME=ssh_home, XDG_CONFIG_HOME=ssh_home + "/.config",
							XDG_STATE_HOME=ssh_home + "/.state",
							XDG_CACHE_HOME=ssh_home + "/.cache"),
					   cols, rows, user, password)
		ref_home = home + "-refused"
		os.makedirs(ref_home, exist_ok=True)
		steps += flow_refused(build, tmp, dict(env, HOME=ref_home, XDG_CONFIG_HOME=ref_home + "/.config",
						       XDG_STATE_HOME=ref_home + "/.state",
						       XDG_CACHE_HOME=ref_home + "/.cache"), cols, rows)
		results[key] = (None, time.monotonic() - t0, steps)
	except Exception:  # noqa: BLE001 - reported by main
		results[key] = (traceback.format_exc(), time.monotonic() - t0, 0)
	finally:
		if s is not None:
			s.close()


def size_case(build, api, tmp, cols, rows):
	"""One screen size as a case of its own (both run at the same time)."""
	results = {}
	run_size(build, api, tmp, cols, rows, results)
	error, took, steps = results.get("%dx%d" % (cols, rows), ("did not finish", 0, 0))
	if error:
		raise Failure(error)
	print("braille_%dx%d: %d steps, window and cursor checked after each (%.1fs)"
	      % (cols, rows, steps, took))


def add_multiple_poll(api):
	"""The demo has no poll with several choices: staff add one to Smart
	city infrastructure, over the API as the city's staff would."""
	token = api.login("rathaus", "rathaus-passwort").json["token"]
	pid = [p["id"] for p in mwtest.all_items(api, "/projects", None)
	       if p.get("slug") == "smart-city-infrastruktur"][0]
	titles = (("Offenes WLAN", "Open Wi-Fi"), ("Parksensoren", "Parking sensors"),
		  ("Fahrradzähler", "Bicycle counters"), ("Luftsensoren", "Air sensors"))
	mwtest.make_poll(api, token, pid, kind="multiple", max_choices=2,
			 title=mwtest.tr("Was soll zuerst kommen?", "What should come first?"),
			 question=mwtest.tr("Wählen Sie bis zu zwei.", "Choose up to two."),
			 options=[{"title": mwtest.tr(de, en), "description": mwtest.tr(de, en)}
				  for de, en in titles])


def main():
	S = Suite("test_braille")
	err = mwtest.preflight()
	if err:
		S.check(False, "preflight", err)
		S.finish()
	try:
		build = lib_braille.ensure_brltty()
	except Failure as e:
		S.check(False, "BRLTTY is built", str(e))
		S.finish()
	tmp = mwtest.tempdir("mw-braille-")
	secret_file = os.path.join(tmp, "gw-secret")
	fd = os.open(secret_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
	os.write(fd, (GATEWAY_SECRET + "\n").encode())
	os.close(fd)
	api = mwtest.ApiServer(tmp=tmp, extra=["--gateway-secret-file", secret_file]).start()
	add_multiple_poll(api)
	S.parallel(*[("braille_%dx%d" % (c, r), size_case, build, api, tmp, c, r)
		     for c, r in ((80, 24), (40, 12))])
	S.finish()


if __name__ == "__main__":
	main()
