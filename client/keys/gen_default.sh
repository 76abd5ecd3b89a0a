#!/bin/sh
# gen_default.sh — writes client/keys/keys_default.c from keymaps/default.keys,
# so the client has its default keys before make install. Run it after
# editing default.keys; test_client_keys fails while the two differ.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
out=$top/client/keys/keys_default.c
{
	echo '/* keys_default.c — keymaps/default.keys built in; made by gen_default.sh, do not edit. */'
	echo '#include "client/keys/keys_int.h"'
	echo
	echo 'const char keys_default_text[] ='
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/\t"/' -e 's/$/\\n"/' "$top/keymaps/default.keys"
	printf '\t;\n'
} >"$out.tmp"
mv "$out.tmp" "$out"
