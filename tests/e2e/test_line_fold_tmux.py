# test_line_fold_tmux.py — line mode on a real terminal (tmux at 40x12, as a
# library terminal or a 40-cell braille console, and 80x24): lines break at
# words, so no word of the project list or a project page is split across
# screen rows ("Sta" / "dt." reads as two words), and the "-- more --" pager
# counts the rows that breaking makes, so a page's start never scrolls away
# unseen. A pipe's transcript stays as it was (bench/line_words.py).
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
import mwtest  # noqa: E402
from mwtest import Client, Suite, ok, wait_until  # noqa: E402

suite = Suite()
# The pager's line (locale/*.po); in German it takes two rows at 40.
MORE = {"en": "-- more, Enter to continue, q to skip --",
	"de": "-- weiter mit Enter, q überspringt den Rest --"}


def transcript(api, tmp, lang, lines):
	"""The same session through a pipe (no width: nothing folded)."""
	home = mwtest.tempdir("mw-fold-pipe-")
	env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home,
	       "TERM": "dumb", "LANG": "C.UTF-8",
	       "XDG_STATE_HOME": os.path.join(home, "state"),
	       "XDG_CONFIG_HOME": os.path.join(home, "config")}
	p = subprocess.run([mwtest.CLIENT_BIN, "--api", api.url, "--lang", lang, "--ui", "line"],
			   input=("\n".join(lines) + "\n").encode(), capture_output=True,
			   timeout=30, env=env)
	return p.stdout.decode("utf-8")


def where(c):
	"""The cursor's row counted from the top of the scrollback."""
	hist = int(c.tmux("display", "-p", "-t", "t", "#{history_size}").strip())
	y, _ = c.cursor()
	return hist, hist + y


def stopped(c):
	"""'prompt' when line mode waits for a typed line, 'more' at the
	pager, else None (still writing)."""
	s = c.screen()
	y, _ = c.cursor()
	if s[y].rstrip().endswith(":"):
		return "prompt"
	if not s[y].strip() and y > 0 and s[y - 1].rstrip().endswith(" --"):
		return "more"
	return None


def session(api, tmp, lang, w, h):
	typed = ["3", "t"]
	words = set(transcript(api, tmp, lang, typed).split()) | set(MORE[lang].split())
	c = Client(api.url, tmp, w, h, lang=lang, name="fold-%s-%dx%d" % (lang, w, h),
		   extra_args=["--ui", "line"])
	try:
		start = 0	# the row the page (or its part after Enter) starts on
		stops = 0
		todo = list(typed)
		while True:
			what = wait_until(lambda: stopped(c), 15, "a prompt or the pager")
			stops += 1
			hist, row = where(c)
			screen = c.screen()
			# The page's start is still on the screen.
			ok(start >= hist, "%s %dx%d: the page's start scrolled away (row %d, %d rows "
			   "above the screen):\n%s" % (lang, w, h, start, hist, "\n".join(
				   c.tmux("capture-pane", "-p", "-t", "t", "-S", "-").split("\n")[start - 2:])))
			# Every word on the screen is a word of the page: none split.
			for y, line in enumerate(screen):
				for word in line.split():
					ok(word in words or word in typed,
					   "%s %dx%d: %r on row %d is no word of the page (split across "
					   "rows?):\n%s" % (lang, w, h, word, y, "\n".join(screen)))
				ok(len(line) <= w, "row wider than the screen")
			if what == "more":
				ok(MORE[lang] in c.flat(), "%s: no pager line:\n%s" % (lang, "\n".join(screen)))
				c.keys("Enter")
			elif todo:
				t = todo.pop(0)
				c.type(t)
				# A prompt that fills its row has the typed text on the next.
				wait_until(lambda: c.screen()[c.cursor()[0]].rstrip().endswith(t), 10,
					   "the typed %r" % t)
				row = where(c)[1]
				c.keys("Enter")
			else:
				break
			start = row + 1
			# Wait until the typed line left the cursor's row.
			wait_until(lambda: where(c)[1] > row, 10, "the next row")
		return stops
	finally:
		c.close()


def small(api, tmp):
	# At 40x12 the pages do not fit: the pager must have stopped.
	ok(session(api, tmp, "en", 40, 12) > 2, "no '-- more --' at 40x12")


def small_de(api, tmp):
	ok(session(api, tmp, "de", 40, 12) > 2, "no '-- more --' at 40x12 (de)")


def large(api, tmp):
	session(api, tmp, "en", 80, 24)


def test_fold(api):
	tmp = mwtest.tempdir("mw-fold-")
	suite.parallel(("project list and page at 40x12", small, api, tmp),
		       ("project list and page at 40x12, German", small_de, api, tmp),
		       ("project list and page at 80x24", large, api, tmp))


if __name__ == "__main__":
	why = mwtest.preflight()
	if why:
		print("SKIP: " + why)
		sys.exit(0)
	suite.run(lambda: test_fold(suite.server().start()))
