# line_words.py — words a person hears in line mode for four tasks (rank
# three events and send; log in and support an idea; register, confirm
# and log in; the packaging-tax survey) in every language of the
# registry, and how long
# espeak-ng takes to speak them at its default rate (Leichte Sprache with
# the German voice). Prints a table. Targets (issues 4 and 8): each task
# under 250 words and under two minutes of speech, and none needs t.
import os
import re
import select
import shutil
import subprocess
import gettext
import sys
import tempfile
import time
import wave

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "tests", "lib"))
import mwtest  # noqa: E402

CLIENT = mwtest.CLIENT_BIN


def env_for(home):
	return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "TERM": "dumb",
		"LANG": "C.UTF-8", "XDG_STATE_HOME": os.path.join(home, "state"),
		"XDG_CONFIG_HOME": os.path.join(home, "config")}


def argv(srv, lang):
	return [CLIENT, "--api", "http://127.0.0.1:%d/api/v1" % srv.port, "--lang", lang,
		"--ui", "line"]


def run(srv, home, lines, lang):
	p = subprocess.run(argv(srv, lang), input=("\n".join(lines) + "\n").encode(),
			   capture_output=True, env=env_for(home), timeout=60)
	return p.stdout.decode("utf-8")


# The catalogue of a language code where they differ (common/lang.c).
CATALOG = {"ls": "de@ls"}


def texts(lang):
	"""The ui texts of lang, from the built catalogues: the labels the
	register task waits for are found by what they say in that language."""
	return gettext.translation("mitwirkung", localedir=os.path.join(mwtest.BUILD_DIR, "locale"),
				   languages=[CATALOG.get(lang, lang)], fallback=True).gettext


def register_confirm_login(srv, home, lang):
	"""Register, type the 8-digit code from the mail, log in: one session,
	the code typed once the client asks for it."""
	_ = texts(lang)
	name = "bench%d%s" % (os.getpid(), lang)
	mail = name + "@example.org"
	p = subprocess.Popen(argv(srv, lang), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
			     stderr=subprocess.DEVNULL, env=env_for(home))
	out = b""
	typed = []

	def wait(pattern, secs=20):
		nonlocal out
		end = time.time() + secs
		while time.time() < end and not re.search(pattern, out.decode("utf-8", "replace")):
			r, _, _ = select.select([p.stdout], [], [], 0.1)
			if r:
				chunk = os.read(p.stdout.fileno(), 65536)
				if not chunk:
					break
				out += chunk
		return re.search(pattern, out.decode("utf-8", "replace"))

	def send(*lines):
		typed.extend(lines)
		p.stdin.write(("\n".join(lines) + "\n").encode())
		p.stdin.flush()

	send("l", "")
	reg = re.escape(_("Register"))
	wait(r"^(\d+)\. %s$" % reg)
	reg_n = re.findall(r"^(\d+)\. %s$" % reg, out.decode(), re.M)[-1]
	send(reg_n, name, mail, "", "geheim-passwort-9")
	# The main action as the prompt names it: "5 Register, b back: ".
	m = wait(r"(\d+) %s[,:]" % reg)
	send(m.group(1) if m else "s")
	wait(re.escape(_("Code from the mail (8 digits):")) + r" ")
	# The 8-digit code of the mail, in its two groups, as a person types it.
	token = srv.mail_token(mail)
	body = sorted(srv._mails[mail])[-1][2].decode("utf-8", "replace")
	code = re.search(r"\b(\d{4}) (\d{4})\b", body)
	send(code.group(0) if code else token)
	m = wait(r"(\d+) %s[,:]" % re.escape(_("Confirm account")))
	send(m.group(1) if m else "s")
	wait(re.escape(_("Password (not shown):")) + r" ")
	send("geheim-passwort-9")
	m = wait(r"(\d+) %s[,:]" % re.escape(_("Log in")))
	send(m.group(1) if m else "s")
	wait(re.escape(_("Logged in as %s.").split("%s")[0]))
	p.stdin.close()
	out += p.stdout.read()
	p.wait(timeout=10)
	return out.decode("utf-8"), typed


def number_of(text, name):
	m = re.search(r"^(\d+)\. %s" % re.escape(name), text, re.M)
	return m.group(1) if m else "1"


def item_number(text, pattern):
	"""The number of the first item whose text matches pattern."""
	m = re.search(r"^(\d+)\. %s" % pattern, text, re.M)
	if m is None:
		sys.exit("line_words: no item %r in:\n%s" % (pattern, text[-2000:]))
	return m.group(1)


def spoken_seconds(text, lang):
	if shutil.which("espeak-ng") is None:
		return None
	with tempfile.TemporaryDirectory() as d:
		wav = os.path.join(d, "t.wav")
		src = os.path.join(d, "t.txt")
		with open(src, "w") as f:
			f.write(text)
		subprocess.run(["espeak-ng", "-v", lang, "-w", wav, "-f", src],
			       capture_output=True, timeout=120)
		with wave.open(wav) as w:
			return w.getnframes() / float(w.getframerate())


# espeak-ng voices where a language code is not one: Leichte Sprache is German.
VOICE = {"ls": "de"}


def languages():
	"""The codes of the language registry (common/lang.c), as --help lists them."""
	p = subprocess.run([CLIENT, "--help"], capture_output=True, timeout=30,
			   env={"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
				"LANGUAGE": "en"})
	m = re.search(r"--lang CODE +language: ([a-z, ]+)", p.stdout.decode("utf-8"))
	return [c.strip() for c in m.group(1).split(",")] if m else ["en", "de"]


def main():
	rows = []
	for lang in languages():
		# A fresh server per language: the first run's ballot and support
		# would otherwise turn the second run's task into "withdraw".
		srv = mwtest.ApiServer().start()
		try:
			home = tempfile.mkdtemp(prefix="mw-words-")
			try:
				first = run(srv, home, [], lang)
				n = number_of(first, "Stadt.Raum.Wir.")
				# Task 1: from start (already logged in from an earlier
				# session), open Stadt.Raum.Wir., rank three events, send.
				run(srv, home, ["l", "demo", "demo-passwort", "s"], lang)
				# The items of the project page, found by what they say in
				# any language: the ranking poll, and all ideas ("(3)").
				page = run(srv, home, [n], lang)
				# (the demo seed titles it in each language).
				poll = item_number(page, r"(Welche Veranstaltung|Which event|Welches Fest"
						   r"|Meydana önce|Який захід)")
				ideas = item_number(page, r"\S.* \(\d+\)$")
				in1 = [n, poll, "2 5 1", "r", "s"]
				t1 = run(srv, home, in1, lang)
				# Task 2: log in and support an idea (from a fresh start).
				subprocess.run([CLIENT, "logout"], env={"HOME": home, "PATH": "/usr/bin:/bin",
					       "XDG_STATE_HOME": os.path.join(home, "state")},
					       capture_output=True)
				in2 = ["l", "demo", "demo-passwort", "s", n, ideas, "2", "+"]
				t2 = run(srv, home, in2, lang)
				tasks = [("rank three events and send", t1, in1),
					 ("log in and support an idea", t2, in2)]
				# Task 3: register, confirm with the mailed code, log in.
				other = tempfile.mkdtemp(prefix="mw-words-")
				try:
					tasks.append(("register, confirm and log in",)
						     + register_confirm_login(srv, other, lang))
				finally:
					shutil.rmtree(other, ignore_errors=True)
				# Task 4: (logged in again) the packaging tax survey:
				# "Rather yes" to question 1, review, send. The demo
				# seed titles project and survey in German and English.
				run(srv, home, ["l", "demo", "demo-passwort", "s"], lang)
				m = item_number(first, r"(Packaging tax|Verpackungssteuer)")
				sv = item_number(run(srv, home, [m], lang), r"(Opinion survey|Meinungsumfrage)")
				in4 = [m, sv, "2", "r", "s"]
				tasks.append(("answer the packaging-tax survey", run(srv, home, in4, lang), in4))
				for name, t, typed in tasks:
					words = len(t.split())
					secs = spoken_seconds(t, VOICE.get(lang, lang))
					# t says a page whole: a task must not need it.
					rows.append((lang, name, words, secs,
						     any(x.strip() == "t" for x in typed)))
					if os.environ.get("SHOW"):
						print(t)
			finally:
				shutil.rmtree(home, ignore_errors=True)
		finally:
			srv.stop()
			shutil.rmtree(srv.tmp, ignore_errors=True)
	print("Line mode: words printed per task (prompts included), spoken by espeak-ng")
	print("| lang | task | words | spoken s | t typed | < 250 words and < 120 s |")
	print("| --- | --- | --- | --- | --- | --- |")
	for lang, name, words, secs, t_typed in rows:
		met = words < 250 and secs is not None and secs < 120 and not t_typed
		print("| %s | %s | %d | %s | %s | %s |" % (lang, name, words,
		      "%.1f" % secs if secs is not None else "n/a", "yes" if t_typed else "no",
		      "met" if met else "NOT met"))


if __name__ == "__main__":
	main()
