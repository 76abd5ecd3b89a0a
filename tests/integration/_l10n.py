# _l10n.py — the catalogues the server and gateway tests run with, and what
# each message must read in each language of the registry (common/lang.c).
import gettext
import os
import re
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
# (code, catalogue) of every registry row.
LANGS = [("de", "de"), ("en", "en"), ("tr", "tr"), ("uk", "uk"), ("ls", "de@ls")]
# The LANG an ssh client sends for each.
POSIX = {"de": "de_DE.UTF-8", "en": "en_GB.UTF-8", "tr": "tr_TR.UTF-8",
	 "uk": "uk_UA.UTF-8", "ls": "de_DE.UTF-8@ls"}


def build_locale_dir(tmp):
	"""Compiles locale/<catalogue>.po of every language into tmp (the
	programs read them there through MITWIRKUNG_LOCALEDIR). Returns tmp."""
	for _, cat in LANGS:
		src = os.path.join(ROOT, "locale", cat + ".po")
		assert os.path.exists(src), "no catalogue for %s" % cat
		out = os.path.join(tmp, cat, "LC_MESSAGES")
		os.makedirs(out, exist_ok=True)
		subprocess.run(["msgfmt", "-o", os.path.join(out, "mitwirkung.mo"), src], check=True)
	return tmp


class Catalogues:
	"""The translations the programs must give, read with Python's gettext."""

	def __init__(self, localedir):
		self.t = {code: gettext.translation("mitwirkung", localedir, languages=[cat])
			  for code, cat in LANGS}

	def get(self, code, msgid):
		return self.t[code].gettext(msgid)

	def nget(self, code, one, many, n):
		return self.t[code].ngettext(one, many, n)


def format_re(fmt):
	"""A regular expression for a translated printf format with %N$s and
	%d: literal text, a group for each argument."""
	parts = re.split(r"(%\d\$s|%d|%s)", fmt)
	return "".join("(.+?)" if p in ("%s", "%d") or re.fullmatch(r"%\d\$s", p)
		       else re.escape(p) for p in parts)
