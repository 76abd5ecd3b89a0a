# test_ssh_l10n.py — the gateway's own messages in every language of the
# registry, chosen by the LANG the real OpenSSH client sends (SetEnv): the
# refusal of a command, and the notice at the end of a session's length
# (with its plural form). Refusals before the protocol starts (the listener's
# limits) cannot know a language and stay English.
import os
import re
import subprocess
import sys
import tempfile
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from mwtest import Server, Workdir, check, finish, ssh, ssh_cmd  # noqa: E402
from _l10n import LANGS, POSIX, Catalogues, build_locale_dir, format_re  # noqa: E402

REFUSED = "mitwirkung-sshd: %1$s. Available over ssh: %2$s\n"
UNKNOWN = "command not available over ssh"
MAX_ONE = "The session has reached its maximum length of %d minute and ends now."
MAX_MANY = "The session has reached its maximum length of %d minutes and ends now."


def translated(cat, code, msgid):
	t = cat.get(code, msgid)
	check(code == "en" or t != msgid, "the test catalogue of %s translates %r" % (code, msgid))
	return t


def test_exec_refusal(srv, cat):
	for code, _ in LANGS:
		r = ssh(srv.port, "-o", "SetEnv=LANG=" + POSIX[code], "--", "rm", "-rf", "x")
		err = r.stderr.decode("utf-8", "replace")
		want = translated(cat, code, REFUSED).replace("%1$s", translated(cat, code, UNKNOWN))
		m = re.search(format_re(want), err)
		check(r.returncode != 0 and m is not None and "projects" in m.group(1),
			  "exec refusal in %s from LANG=%s" % (code, POSIX[code]), err)
	# LC_ALL outranks LANG, as for the client's gettext.
	r = ssh(srv.port, "-o", "SetEnv=LANG=de_DE.UTF-8 LC_ALL=uk_UA.UTF-8", "--", "rm")
	check(translated(cat, "uk", UNKNOWN) in r.stderr.decode("utf-8", "replace"),
		  "LC_ALL=uk wins over LANG=de", r.stderr)
	# No locale variable at all: English.
	r = ssh(srv.port, "--", "rm")
	check(b"mitwirkung-sshd: command not available over ssh. Available over ssh:" in r.stderr,
		  "no LANG: English", r.stderr)


def test_max_session(work, cat):
	srv = Server(work, "--max-session", "2", "--rate-per-source", "0",
				 "--max-startups-per-source", "20", name="l10n-max")
	try:
		procs = {}
		for code, _ in LANGS:
			procs[code] = subprocess.Popen(
				ssh_cmd(srv.port, "-T", "-o", "SetEnv=LANG=" + POSIX[code], user="l" + code),
				stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
		for code, p in procs.items():
			# stdin stays open: the session ends by its length alone.
			guard = threading.Timer(20, p.kill)
			guard.start()
			out = p.stdout.read()
			guard.cancel()
			p.stdin.close()
			p.wait()
			text = out.decode("utf-8", "replace")
			# 2 seconds round up to 1 minute: the singular (uk: form 0).
			want = cat.nget(code, MAX_ONE, MAX_MANY, 1) % 1
			check(want in text and (code == "en" or want != MAX_ONE % 1),
				  "end of the session's length in %s" % code, text[-300:])
	finally:
		srv.stop()


def main():
	work = Workdir()
	tmp = tempfile.mkdtemp(prefix="mw-l10n-", dir=work.path)
	os.environ["MITWIRKUNG_LOCALEDIR"] = build_locale_dir(tmp)
	cat = Catalogues(tmp)
	srv = None
	try:
		srv = Server(work, "--rate-per-source", "0")
		test_exec_refusal(srv, cat)
		test_max_session(work, cat)
	finally:
		if srv:
			srv.stop()
		work.cleanup()
	finish()


if __name__ == "__main__":
	main()
