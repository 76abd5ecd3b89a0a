#!/bin/sh
# check-po.sh — every catalogue complete, not fuzzy, valid, with the plural
# rule of its language. Compares locale/*.po with a template extracted
# afresh (as `make pot` does, into a temp file: locale/mitwirkung.pot is
# left alone) and with the rows of the language registry common/lang.c.
# Exit status 0 when all is well, 1 with a message per problem otherwise.
set -eu
cd "$(dirname "$0")/.."

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mw-checkpo.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
pot="$tmp/mitwirkung.pot"
fail=0
bad() {
	echo "check-po: $*" >&2
	fail=1
}
# Spaces and a final ";" do not matter in a plural rule.
norm() {
	printf '%s' "$1" | tr -d ' \t' | sed 's/;*$//'
}

# The same sources and keywords as the Makefile's pot target.
# shellcheck disable=SC2046
xgettext --from-code=UTF-8 -k_ -kN_ -kC_:1c,2 -kngettext:1,2 \
	-kmsglang_get:2 -kmsglang_nget:2,3 --add-comments=L10N \
	--package-name=mitwirkung -o "$pot" \
	$(printf '%s\n' client/*.c client/*/*.c common/*.c server/*/*.c | LC_ALL=C sort)

# catalogue <TAB> Plural-Forms, one line per registry row.
awk '
	match($0, /\.catalog = "[^"]*"/) {
		cat = substr($0, RSTART + 12, RLENGTH - 13)
	}
	match($0, /\.plural_forms = "[^"]*"/) {
		print cat "\t" substr($0, RSTART + 17, RLENGTH - 18)
		cat = ""
	}' common/lang.c >"$tmp/rules"
[ -s "$tmp/rules" ] || bad "no rows with .catalog and .plural_forms in common/lang.c"

while IFS='	' read -r cat _; do
	[ -f "locale/$cat.po" ] || bad "common/lang.c has a row for '$cat' but there is no locale/$cat.po"
done <"$tmp/rules"

for po in locale/*.po; do
	cat=$(basename "$po" .po)
	if ! msgfmt --check -o /dev/null "$po" 2>"$tmp/err"; then
		bad "$po does not compile:"
		cat "$tmp/err" >&2
		continue
	fi
	# Missing: in the template, but absent or untranslated here.
	if ! msgcmp "$po" "$pot" >"$tmp/err" 2>&1; then
		bad "$po: message(s) missing or untranslated:"
		grep -v "warning: this message is not used" "$tmp/err" | head -n 40 >&2
	fi
	n=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^#,.*fuzzy' || true)
	[ "$n" -eq 0 ] || bad "$po: $n fuzzy message(s) (msgattrib --only-fuzzy $po)"
	# The header's Plural-Forms against the registry's rule.
	want=$(awk -F '	' -v c="$cat" '$1 == c { print $2 }' "$tmp/rules")
	have=$(msgcat --no-wrap "$po" | sed -n 's/^"Plural-Forms: \(.*\)\\n"$/\1/p' | head -n 1)
	if [ -z "$want" ]; then
		bad "$po: no row with .catalog = \"$cat\" in common/lang.c"
	elif [ -z "$have" ]; then
		bad "$po: no Plural-Forms header (want: $want)"
	elif [ "$(norm "$have")" != "$(norm "$want")" ]; then
		bad "$po: Plural-Forms is '$have', the language's rule is '$want'"
	fi
done

n=0
for po in locale/*.po; do n=$((n + 1)); done
[ $fail -eq 0 ] && echo "check-po: $n catalogues complete"
exit $fail
