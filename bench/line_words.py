# line_words.py — words a person hears in line mode for two tasks, in every
# language of the registry, and how long espeak-ng takes to speak them at
# its default rate (Leichte Sprache with the German voice). Prints a table.
# Targets (issue 4): each task under 250 words.
import os
import re
import shutil
import subprocess
import sys
import tempfile
import wave

TOP = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(TOP, "tests", "integration"))
import lib_api  # noqa: E402

CLIENT = os.path.join(os.path.dirname(lib_api.BIN), "mitwirkung")


def run(srv, home, lines, lang):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": home, "TERM": "dumb",
           "LANG": "C.UTF-8", "XDG_STATE_HOME": os.path.join(home, "state"),
           "XDG_CONFIG_HOME": os.path.join(home, "config")}
    p = subprocess.run([CLIENT, "--api", "http://127.0.0.1:%d/api/v1" % srv.port,
                        "--lang", lang, "--ui", "line"],
                       input=("\n".join(lines) + "\n").encode(), capture_output=True,
                       env=env, timeout=60)
    return p.stdout.decode("utf-8")


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
        srv = lib_api.Server().start()
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
                poll = item_number(page, r"(Welche Veranstaltung|Which event)")
                ideas = item_number(page, r"\S.* \(\d+\)$")
                t1 = run(srv, home, [n, poll, "2 5 1", "r", "s"], lang)
                # Task 2: log in and support an idea (from a fresh start).
                subprocess.run([CLIENT, "logout"], env={"HOME": home, "PATH": "/usr/bin:/bin",
                               "XDG_STATE_HOME": os.path.join(home, "state")},
                               capture_output=True)
                t2 = run(srv, home, ["l", "demo", "demo-passwort", "s", n, ideas, "2", "+"], lang)
                for name, t in (("rank three events and send", t1),
                                ("log in and support an idea", t2)):
                    words = len(t.split())
                    secs = spoken_seconds(t, VOICE.get(lang, lang))
                    rows.append((lang, name, words, secs))
                    if os.environ.get("SHOW"):
                        print(t)
            finally:
                shutil.rmtree(home, ignore_errors=True)
        finally:
            srv.close(keep=False)
    print("Line mode: words printed per task (prompts included), spoken by espeak-ng")
    print("%-4s %-30s %7s %10s %8s" % ("lang", "task", "words", "spoken s", "target"))
    for lang, name, words, secs in rows:
        print("%-4s %-30s %7d %10s %8s" % (lang, name, words,
              "%.1f" % secs if secs is not None else "n/a", "< 250"))


if __name__ == "__main__":
    main()
