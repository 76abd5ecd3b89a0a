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
curl ca-certificates xz-utils patch"
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
[ -z "$missing" ] && exit 0

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
echo "deps: done"
