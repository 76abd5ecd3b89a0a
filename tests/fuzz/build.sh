#!/bin/sh
# build.sh — builds the libFuzzer targets into $BUILD/fuzz (not part of make
# check; make check replays every corpus tests/fuzz/seeds_<name>/ with the
# gcc-built $BUILD/tests/test_fuzz_<name>). Run one with e.g.:
# build/fuzz/fuzz_execcmd -max_total_time=60 corpus/ tests/fuzz/seeds_execcmd
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case "$BUILD" in /*) out=$BUILD/fuzz ;; *) out=$top/$BUILD/fuzz ;; esac
mkdir -p "$out"
cd "$top"
for src in tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	# Each target links common/ and the module it exercises.
	case $name in
	fuzz_keys) extra="client/keys/keys.c client/keys/keys_default.c client/i18n.c" ;;
	fuzz_api_parse) extra="client/api/api_parse.c $(pkg-config --cflags --libs libcjson)" ;;
	fuzz_sshkey) extra="server/api/sshkey.c $(pkg-config --cflags --libs libsodium)" ;;
	fuzz_execcmd) extra="server/ssh/execcmd.c" ;;
	fuzz_envpolicy) extra="server/ssh/envpolicy.c" ;;
	# The API server's parsers: its library without main.c.
	fuzz_srv_*) extra="$(ls server/api/*.c | grep -v /main.c) $(pkg-config --cflags --libs libmicrohttpd libcjson sqlite3 libsodium libcurl zlib) -pthread" ;;
	*) extra= ;;
	esac
	# shellcheck disable=SC2086
	clang -std=c11 -D_GNU_SOURCE -g -O1 -I. -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=undefined \
		-o "$out/$name" "$src" common/*.c $extra
	echo "built $out/$name"
done
