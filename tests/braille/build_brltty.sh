#!/bin/sh
# build_brltty.sh — builds BRLTTY 6.7 (brltty, brltty-pty, the em screen driver
# and the vr braille driver) from Debian's own source tarball, once, into a
# cache that survives `make clean`. Debian 12 ships 6.5, which has neither
# brltty-pty nor the em driver. Prints the build directory on success.
# Usage: tests/braille/build_brltty.sh [--check]  (--check: only test the cache)
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
VER=6.7
SHA=e2e49bc8ef4be1b0f02f9879464179a8633d938b779935d1de10c5d8e1ae0f68
CACHE=${MW_BRLTTY_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mitwirkung/brltty-$VER}
SRC=$CACHE/brltty-$VER
STAMP=$CACHE/built

if [ -f "$STAMP" ] && [ -x "$SRC/Programs/brltty" ] && [ -x "$SRC/Programs/brltty-pty" ]; then
	echo "$SRC"
	exit 0
fi
[ "${1:-}" = "--check" ] && exit 1

# The Debian archive this machine's apt already uses.
mirror=$(sed -n 's/^URIs: *\([^ ]*\).*/\1/p' /etc/apt/sources.list.d/*.sources 2>/dev/null |
	grep -v security | head -1 || true)
[ -n "$mirror" ] || mirror=$(awk '$1 == "deb" { print $2; exit }' /etc/apt/sources.list 2>/dev/null || true)
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian
tarball=brltty_$VER.orig.tar.xz

for tool in curl xz cc make patch; do
	command -v "$tool" >/dev/null 2>&1 && continue
	echo "build_brltty: $tool is missing (scripts/deps.sh installs it)" >&2
	exit 2
done

mkdir -p "$CACHE"
cd "$CACHE"
if [ ! -f "$tarball" ]; then
	curl -fsSL -o "$tarball.part" "$mirror/pool/main/b/brltty/$tarball"
	mv "$tarball.part" "$tarball"
fi
if ! echo "$SHA  $tarball" | sha256sum -c - >/dev/null 2>&1; then
	echo "build_brltty: checksum of $CACHE/$tarball does not match" >&2
	rm -f "$tarball"
	exit 2
fi
rm -rf "$SRC"
tar xf "$tarball"
cd "$SRC"
# BRLTTY 6.7's virtual braille driver compares the generic status cells
# (window and cursor position) after overwriting the old ones, so it never
# sends them; the test needs them to know where the cursor is.
patch -s -p1 <"$HERE/vr-status.patch"
echo "build_brltty: building BRLTTY $VER in $SRC (once)" >&2
./configure --prefix="$CACHE/inst" \
	--with-braille-driver=vr,-all --with-speech-driver=-all --with-screen-driver=em,-all \
	--disable-x --disable-polkit --disable-liblouis --without-libbraille \
	--disable-emacs-bindings --disable-java-bindings --disable-lisp-bindings \
	--disable-lua-bindings --disable-ocaml-bindings --disable-python-bindings \
	--disable-tcl-bindings --without-usb-package --without-bluetooth-package \
	--without-hid-package --without-pcm-package --without-midi-package \
	--without-fm-package >configure.log 2>&1
# Linked-in drivers must exist before Programs links (parallel make races).
make -C Drivers/Screen/TerminalEmulator screen.o >make.log 2>&1
make -C Drivers/Braille/Virtual braille.o >>make.log 2>&1
make -j2 -C Programs brltty brltty-pty >>make.log 2>&1
touch "$STAMP"
echo "$SRC"
