#!/usr/bin/env python3
# test_cmd_turkish.py — the command suite again under LANG=tr_TR.UTF-8 (the
# Turkish-I trap: there the C library folds "I" to dotless "ı", so any
# locale-dependent strcasecmp or tolower on a command, option, key or header
# name breaks). The locale is made with localedef when it is missing.
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "lib"))
from mwtest import tempdir  # noqa: E402


def turkish_locale(env):
	"""Returns env with LANG=tr_TR.UTF-8 that setlocale() accepts: the
	system's locale when it has one, else one compiled into a temp dir."""
	probe = subprocess.run(["locale", "-a"], capture_output=True, text=True)
	if any(l.lower() in ("tr_tr.utf8", "tr_tr.utf-8") for l in probe.stdout.split()):
		return env
	d = tempdir("mw-locale-")
	subprocess.run(["localedef", "-i", "tr_TR", "-f", "UTF-8",
			os.path.join(d, "tr_TR.UTF-8")], check=True)
	env["LOCPATH"] = d
	return env


def main():
	env = dict(os.environ, MW_TEST_LOCALE="tr_TR.UTF-8")
	env = turkish_locale(env)
	# The suite checks that the locale really is in force before it trusts
	# its own passing (see test_locale_in_force there).
	r = subprocess.run([sys.executable, os.path.join(HERE, "test_cmd.py")], env=env)
	sys.exit(r.returncode)


if __name__ == "__main__":
	main()
