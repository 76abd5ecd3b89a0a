#!/bin/sh
# deps.sh — installs the Debian 12 packages that building and testing need,
# only those that are missing. With --bench also the benchmark tools.
# (curl, xz-utils and patch fetch and build BRLTTY 6.7 for the screen-reader
# test, once: tests/braille/build_brltty.sh.)
# As root it runs apt-get; otherwise it names the packages and stops.
set -eu

PKGS="build-essential pkg-config gettext
libmicrohttpd-dev libcjson-dev libsqlite3-dev libsodium-dev
libcurl4-openssl-dev zlib1g-dev libncurses-dev libssh-dev libseccomp-dev libcmocka-dev
tmux openssh-client putty-tools dropbear-bin python3 sqlite3 procps locales time
curl ca-certificates xz-utils patch
cppcheck valgrind"
BENCH_PKGS="wrk nginx-light openssh-server espeak-ng sox"

want=$PKGS
[ "${1:-}" = "--bench" ] && want="$PKGS $BENCH_PKGS"

missing=
for p in $want; do
	st=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
	case "$st" in
	ii*) ;;
	*) missing="$missing $p" ;;
	esac
done
# The servers translate per request through a system locale for each
# language of the registry common/lang.c (its posix name plus the
# catalogue's modifier, "de_DE.UTF-8@ls"): gettext finds a catalogue by the
# locale's name. Missing ones are made with localedef as root (the locales
# package brings the sources).
LOCALES=$(sed -n 's/.*\.catalog = "\([^"]*\)".*/C \1/p; s/.*\.posix = "\([^"]*\)".*/P \1/p' \
	"$(dirname "$0")/../common/lang.c" 2>/dev/null |
	awk '$1 == "C" { i = index($2, "@"); m = i ? substr($2, i) : "" } $1 == "P" { print $2 m }')
deps_locales() {
	have=$(locale -a 2>/dev/null | tr 'A-Z' 'a-z' | sed 's/utf-8/utf8/')
	for loc in $LOCALES; do
		key=$(echo "$loc" | tr 'A-Z' 'a-z' | sed 's/utf-8/utf8/')
		echo "$have" | grep -qx "$key" && continue
		src=${loc%%.*}
		if [ "$(id -u)" -ne 0 ]; then
			echo "deps: locale $loc is missing; as root: localedef -i $src -f UTF-8 $loc" >&2
			continue
		fi
		localedef -i "$src" -f UTF-8 "$loc" >/dev/null 2>&1 ||
			echo "deps: cannot generate locale $loc" >&2
	done
}

if [ -z "$missing" ]; then
	deps_locales
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing Debian packages:$missing" >&2
	echo "deps: install them as root: apt-get install$missing" >&2
	exit 1
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
if ! apt-get install -y -q --no-install-recommends $missing >/dev/null 2>&1; then
	apt-get update -q >/dev/null
	apt-get install -y -q --no-install-recommends $missing >/dev/null
fi
deps_locales
echo "deps: done"
