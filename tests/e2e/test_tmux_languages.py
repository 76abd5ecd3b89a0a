# test_tmux_languages.py — the full-screen client in tmux at 80x24 and
# 40x12 in Turkish, Ukrainian and Leichte Sprache (issue 13): it starts in
# Turkish, opens Stadt.Raum.Wir., and switches with L and the list of
# languages to Ukrainian and to Leichte Sprache on that page; the focus
# stays on the same item and the page speaks the new language.
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mwtest  # noqa: E402
from mwtest import Client, Suite  # noqa: E402

SIZES = ((80, 24), (40, 12))
# Interface words of the English client on the project list and the
# project page; none may be left in another language.
ENGLISH = ("Projects", "participants", "All ideas", "Write a new idea", "Polls", "Comments",
	   "ranking", "open)", "Language:")


def no_english(c, lang):
	text = c.flat()
	left = [w for w in ENGLISH if w in text]
	assert not left, "%s: English %r left on the screen:\n%s" % (lang, left, c.text())


def flow_languages(api, tmp, w, h):
	c = Client(api.url, tmp, w, h, lang="tr", name="langs-%dx%d" % (w, h))
	try:
		c.wait_text("Projeler")
		no_english(c, "tr")
		c.focus_to("Stadt.Raum.Wir.")
		c.keys("Enter")
		# The demo seed's Turkish poll title, not the German one.
		c.check_focus("Meydana önce")
		c.check_focus("(sıralama, açık)")
		no_english(c, "tr")
		# L: the languages in their own names, Türkçe in use and focused.
		c.keys("L")
		c.wait_text("Dil / Language", "Deutsch", "English", "Українська", "Leichte Sprache")
		c.check_focus("Türkçe")
		c.keys("4", "Enter")
		c.wait_text("Мова: українська.")
		c.check_focus("(рейтинг, відкрите)")
		c.check_focus("Який захід")
		no_english(c, "uk")
		c.keys("L")
		c.wait_text("Мова / Language")
		c.check_focus("Українська")
		c.keys("5", "Enter")
		c.wait_text("Sprache: Leichte Sprache.")
		c.check_focus("(Reihenfolge, offen)")
		c.check_focus("Welches Fest")
		no_english(c, "ls")
		# Leichte Sprache is not standard German ("offen bis zum ...").
		c.keys("Escape")
		c.wait_text("Projekte", "(offen bis ")
		assert "offen bis zum" not in c.flat(), "standard German:\n" + c.text()
	except Exception:
		print("screen (languages) at %dx%d:\n%s" % (w, h, c.text()))
		raise
	finally:
		c.close()


def main():
	S = Suite("test_tmux_languages")
	err = mwtest.preflight()
	if err:
		S.check(False, "preflight", err)
		S.finish()
	tmp = S.tmp("mw-e2e-")
	api = S.api(tmp=tmp).start()
	for w, h in SIZES:
		S.case("languages_%dx%d" % (w, h), flow_languages, api, tmp, w, h)
	S.finish()


if __name__ == "__main__":
	main()
