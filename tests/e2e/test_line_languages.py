# test_line_languages.py — line-mode transcripts in Turkish, Ukrainian and
# Leichte Sprache (issue 13): the project list, a project page (the demo
# seed's texts in the language; a German description with a note, in the
# page's language, that it is German only) and the login form, against the
# real API server with demo data. Each transcript must carry words of its catalogue and no English interface word: those are the
# words of the English transcript that the German one lacks (so the German
# demo content, the same in every run, does not count).
import os
import re
import subprocess
import sys
import shutil

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mwtest  # noqa: E402
from mwtest import tempdir, Suite, ok  # noqa: E402

CLIENT = mwtest.CLIENT_BIN
suite = Suite("test_line_languages")
srv = None
home = None

# Words a person must see, per language: the first page, the project page,
# the login form.
WORDS = {
    "tr": ["satır kipi", "Projeler", "katılımcı.", "Açık projeler: ",
	   "tarihine kadar açık", "t tam metin", "q çık",
	   "Fikirler:", "Tüm fikirler (", "Şehir merkezinde buluşma yerleri", "Yeni fikir yaz", "sıralama, açık", "b geri",
	   "Giriş yap", "Kullanıcı adı veya e-posta"],
    "uk": ["рядковий режим", "Проєкти", "учасників.",
	   "Відкриті проєкти: ", "відкрито до ", "t повний текст", "q вийти",
	   "Ідеї:", "Усі ідеї (", "Місця зустрічей у центрі міста", "3. Нова ідея", "рейтинг, відкрите", "b назад",
	   "Увійти", "Ім'я користувача або ел. пошта"],
    "ls": ["Das ist der Zeilen-Modus.", "Projekte", "Personen machen mit.",
	   "Offene Projekte: ", "offen bis ", "t ganzer Text", "q beenden",
	   "Ideen:", "Alle Ideen (", "Die Plätze in der Innen-Stadt sollen schöner werden.",
	   "Eine neue Idee schreiben", "Reihenfolge, offen",
	   "b zurück", "Anmelden", "Benutzer-Name oder E-Mail"],
}
# Ukrainian counts take three forms: 1 учасник, 2-4 учасники, 5+ учасників.
UK_PLURAL = re.compile(r"(\d+) (учасник|учасники|учасників)\.")


def run(lines, lang=None, locale="C.UTF-8"):
	"""The client in line mode; the language from --lang, else from LANG."""
	argv = [CLIENT, "--api", "http://127.0.0.1:%d/api/v1" % srv.port, "--ui", "line"]
	if lang is not None:
		argv += ["--lang", lang]
	env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "TERM": "dumb",
	       "LANG": locale, "XDG_STATE_HOME": os.path.join(home, "state"),
	       "XDG_CONFIG_HOME": os.path.join(home, "config")}
	p = subprocess.run(argv, input=("\n".join(lines) + "\n").encode(), capture_output=True,
			   timeout=30, env=env)
	ok(p.returncode == 0, "status %d for %s: %s" % (p.returncode, lang or locale, p.stderr[-500:]))
	return p.stdout.decode("utf-8")


def flow(lang):
	"""First page, the project Stadt.Raum.Wir., back, the login form. The
	Turkish flow runs under LANG=tr_TR.UTF-8, where the C library's case
	rules differ (the Turkish I): every typed letter must still work."""
	loc = "tr_TR.UTF-8" if lang == "tr" else "C.UTF-8"
	first = run(["q"], lang, locale=loc)
	m = re.search(r"^(\d+)\. Stadt\.Raum\.Wir\.", first, re.M)
	ok(m, "no Stadt.Raum.Wir. in:\n" + first)
	return run([m.group(1), "b", "l", "", "q"], lang, locale=loc)


def words(text):
	return set(re.findall(r"[A-Za-z][A-Za-z']{3,}", text))


def english_only():
	"""Interface words of the English run that the German run does not have;
	the label of L adds the English word on purpose ("dil/language")."""
	en, de = flow("en"), flow("de")
	# German text in a German page, English in an English one: no note.
	ok("only available in" not in en, "en: a note on English text:\n" + en)
	ok("Diesen Text gibt es nur" not in de, "de: a note on German text:\n" + de)
	ui = words(en) - words(de) - {"Deutsch", "English", "language", "Language"}
	ok(len(ui) > 20, "too few English interface words to compare: %r" % sorted(ui))
	return ui


def check(lang, text, ui):
	for w in WORDS[lang]:
		ok(w in text, "%s: expected %r in transcript:\n%s" % (lang, w, text[-3000:]))
	left = sorted(words(text) & ui)
	ok(not left, "%s: English words left %r in transcript:\n%s" % (lang, left, text[-3000:]))


@suite.test
def test_turkish():
	check("tr", flow("tr"), english_only())


@suite.test
def test_ukrainian():
	t = flow("uk")
	check("uk", t, english_only())
	m = UK_PLURAL.search(t)
	ok(m, "no participant count in:\n" + t)
	n = int(m.group(1))
	want = ("учасник" if n % 10 == 1 and n % 100 != 11 else
		"учасники" if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14 else "учасників")
	ok(m.group(2) == want, "%d takes %r, not %r" % (n, want, m.group(2)))


@suite.test
def test_leichte_sprache():
	t = flow("ls")
	check("ls", t, english_only())
	# Standard German is not Leichte Sprache: the catalogues differ.
	de = flow("de")
	ok("Das ist der Zeilen-Modus." not in de, "de shows the Leichte Sprache text")


@suite.test
def test_language_from_locale():
	"""Without --lang, LANG picks the language; @ls picks Leichte Sprache."""
	ok("satır kipi" in run(["q"], locale="tr_TR.UTF-8"), "LANG=tr_TR.UTF-8 is not Turkish")
	ok("рядковий режим" in run(["q"], locale="uk_UA.UTF-8"), "LANG=uk_UA.UTF-8 is not Ukrainian")
	ok("Das ist der Zeilen-Modus." in run(["q"], locale="de_DE.UTF-8@ls"),
	   "LANG=de_DE.UTF-8@ls is not Leichte Sprache")
	ok("Das ist der Zeilen-Modus." not in run(["q"], locale="de_DE.UTF-8"),
	   "LANG=de_DE.UTF-8 gives Leichte Sprache")


@suite.test
def test_demo_texts_in_the_language():
	"""The demo seed gives the first vote Leichte Sprache, Turkish and
	Ukrainian texts: an ls resident reads all of it in Leichte Sprache with
	no note; a tr or uk resident reads title, summary and poll in the own
	language and the German description with one note that it is German."""
	german = "In den Bürgerwerkstätten von Stadt.Raum.Wir."
	for lang, words, note, n_notes in (
		("ls", ["Die Plätze in der Innen-Stadt sollen schöner werden.",
			"Darum geht es:", "Das können Sie wählen:", "Bis wann?",
			"Welches Fest soll zuerst auf den Platz?", "Sie wählen bis zu 3 Feste.",
			"Lautern tanzt: ein Tanz-Abend"], "Diesen Text gibt es nur", 0),
		("tr", ["Şehir merkezinde buluşma yerleri", german,
			"Meydana önce hangi etkinlik gelsin?", "3D sokak resmi"],
		 "Bu metin yalnızca Deutsch dilinde.", 1),
		("uk", ["Місця зустрічей у центрі міста", german,
			"Який захід має першим прийти на площу?", "3D-розпис вулиці"],
		 "Цей текст є лише такою мовою: Deutsch.", 1)):
		first = run(["q"], lang)
		m = re.search(r"^(\d+)\. Stadt\.Raum\.Wir\.", first, re.M)
		ok(m, "%s: no Stadt.Raum.Wir. in:\n%s" % (lang, first))
		# t says the page whole: the description, then the poll's page.
		t = run([m.group(1), "t", "1", "t"], lang)
		for w in words:
			ok(w in t, "%s: expected %r in:\n%s" % (lang, w, t[-3000:]))
		# One note for each time the German description is shown, none
		# for the translated summary, poll and options.
		want = t.count(german) if n_notes else 0
		ok(t.count(note) == want and (want > 0) == (n_notes > 0),
		   "%s: %d German notes, want %d (only the description):\n%s"
		   % (lang, t.count(note), want, t[-3000:]))
		if n_notes:
			ok(t.index(note) < t.index(german), "%s: the note comes before the German text" % lang)


def setup():
	global srv, home
	if not os.access(CLIENT, os.X_OK):
		raise AssertionError("no client at " + CLIENT)
	srv = suite.server().start()
	home = tempdir("mw-linelang-")


if __name__ == "__main__":
	setup()
	try:
		suite.run()
	finally:
		shutil.rmtree(home, ignore_errors=True)
