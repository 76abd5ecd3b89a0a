#!/bin/sh
# mutate.sh — breaks core behaviours on purpose, one at a time, and shows that
# a test fails for each: the mutation is applied to the source, built into its
# own folder ($MBUILD, default build-mutate) and the named suite is run. A
# mutation the suite does not notice is a SURVIVOR and makes the script fail.
# The source is restored after each mutation and whatever happens (trap).
# Usage: tests/mutate.sh [ID...]   (default: all; IDs are in the table below)
# ONLY=name (lib_api suites) narrows a Python suite to the cases named.
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
MBUILD=${MBUILD:-build-mutate}
export BUILD="$MBUILD"
logs="$MBUILD/mutate-logs"
mkdir -p "$logs"
save=$(mktemp -d "${TMPDIR:-/tmp}/mw-mutate.XXXXXX")
cur=
child=

restore() {
	if [ -n "$cur" ] && [ -f "$save/orig" ]; then
		cp -p "$save/orig" "$cur"
		touch "$cur"	# newer than the mutated objects: the next build redoes it
	fi
	cur=
}
cleanup() {
	[ -n "$child" ] && kill "$child" 2>/dev/null
	restore
	rm -rf "$save"
}
trap cleanup EXIT
trap 'cleanup; exit 130' INT TERM HUP

# ID|behaviour|file|text to replace (exactly once; \n \t allowed)|replacement|test
# A test is a unit binary name (test_x) or a suite script.
mutations() {
	cat <<'LIST'
san-strip|sanitiser drops control and bidi characters|common/text.c|if (cp < 0x20 \|\| (cp >= 0x7f && cp <= 0x9f) \|\| text_is_bidi(cp) \|\|\n\t\t    text_cp_ignorable(cp)) {|if (0) {|test_common_text
san-client|client sanitises every text from the API|client/api/api_parse.c|*out = text_sanitize(v->valuestring, strlen(v->valuestring),\n\t    multi ? TEXT_MULTILINE : 0);|*out = strdup(v->valuestring);|test_client_api
api-control|API refuses control characters in input|common/text.c|if (cp >= 0x7f && cp <= 0x9f)\n\t\t\treturn TEXT_CONTROL;|if (0)\n\t\t\treturn TEXT_CONTROL;|tests/integration/test_api_input.py
count|ballot counting adds up every ballot|server/api/results.c|online += o->pos[p];|online += o->pos[p] > 0;|test_api_results
borda|Borda points: m for a first choice, m-1 for a second|server/api/results.c|online += o->pos[p] * (m - (int64_t)p);|online += o->pos[p];|test_api_results
token-form|only well-formed tokens are looked up|server/api/auth.c|return i == AUTH_TOKEN_LEN;|return i > 0;|test_api_auth
token-expiry|an expired session is no session|server/api/store_user.c|" WHERE s.hash = ?1 AND s.expires_at > ?2 AND a.status != 3";|" WHERE s.hash = ?1 AND ?2 > 0 AND a.status != 3";|test_api_store
role|a role allows what its rank allows, no more|server/api/auth.c|return have != AUTH_ROLE_NONE && have >= need;|return have != AUTH_ROLE_NONE;|tests/integration/test_api_staff.py
moderation|the public sees published ideas only|server/api/store_content.c|#define IDEA_LIST_PUBLIC IDEA_LIST_COLS " AND i.status = 2 AND ?3 = 0"|#define IDEA_LIST_PUBLIC IDEA_LIST_COLS " AND ?3 = 0"|tests/integration/test_api_moderation.py
poll-closed|no ballot outside the voting window|server/api/store_poll.c|sqlite3_column_int64(q, 3), now) != STORE_PHASE_OPEN)|sqlite3_column_int64(q, 3), now) == -12345)|test_api_store
max-choices|no more choices than the poll allows|server/api/store_poll.c|if (n_choices < 1 \|\| n_choices > (size_t)max) {|if (n_choices < 1) {|test_api_store
dup-choices|an option counts once per ballot|server/api/store_poll.c|if (choices[j] == choices[i]) {|if (0) {|test_api_store
ratelimit|failed logins are slowed down|server/api/auth.c|if (e != NULL && e->failures >= rl->max_failures) {|if (0) {|test_api_auth
password|a wrong password does not log in|server/api/pwhash.c|return crypto_pwhash_str_verify(hash, password, len) == 0 ? 0 : -1;|return 0;|tests/integration/test_api_accounts.py
draft|a form left unsent keeps its draft|client/ui/app.c|*text = (*d)->text;\n\t*n = (*d)->n;\n\treturn 1;|return 0;|test_client_ui
cursor|the terminal cursor stands on the focused item|client/term/layout.c|l->focus_row = body_y + y;\n\t\t\tcanvas_cursor(c, body_y + y, 0);|l->focus_row = body_y + y;|test_client_term
kiosk-wipe|the kiosk reset forgets drafts and messages|client/ui/app.c|app_drafts_free(app);\n\tapi_cache_clear(app->api);|api_cache_clear(app->api);|test_client_ui
exec-cmd|ssh runs whitelisted commands only|server/ssh/execcmd.c|rc = EXECCMD_UNKNOWN;\n\tfor (i = 0;|rc = EXECCMD_OK;\n\tfor (i = 0;|test_ssh_execcmd
exec-opt|ssh commands take whitelisted options only|server/ssh/execcmd.c|if (!execcmd_has(spec->value_opts, w, strlen(w)))\n\t\t\treturn EXECCMD_OPTION;|if (0)\n\t\t\treturn EXECCMD_OPTION;|test_ssh_execcmd
env|ssh passes LANG and LC_* only to the client|server/ssh/envpolicy.c|if (strcmp(name, "LANG") != 0) {|if (0) {|test_ssh_envpolicy
csv-quote|CSV cells quote embedded quotes|server/api/render.c|if (*p == '"' && render_csv_add(buf, len, cap, "\\"", 1) != 0)|if (0 && render_csv_add(buf, len, cap, "\\"", 1) != 0)|test_api_render
csv-neutral|CSV cells that start a formula are made inert|server/api/render.c|formula = s[0] != '\\0' && strchr("=+-@\\t\\r", s[0]) != NULL;|formula = 0;|test_api_render
help-key|h opens the help in line mode|client/line/resolve.c|{ "h", ACTION_HELP },|{ "h", ACTION_NONE },|tests/e2e/test_line.py
berlin|dates are Kaiserslautern's, summer time included|common/when.c|\t\treturn 7200;\n\treturn 3600;|\t\treturn 3600;\n\treturn 3600;|test_common_when
LIST
}

# Replaces old (escapes \n \t \\ \| decoded) by new in file; fails unless
# old occurs exactly once.
apply() {
	python3 - "$1" "$2" "$3" <<'PY'
import sys
def un(s):
	out, i = [], 0
	while i < len(s):
		if s[i] == "\\" and i + 1 < len(s):
			out.append({"n": "\n", "t": "\t"}.get(s[i + 1], s[i + 1]))
			i += 2
		else:
			out.append(s[i])
			i += 1
	return "".join(out)
path, old, new = sys.argv[1], un(sys.argv[2]), un(sys.argv[3])
text = open(path, encoding="utf-8").read()
if text.count(old) != 1:
	sys.exit("%s: the text to mutate occurs %d times" % (path, text.count(old)))
open(path, "w", encoding="utf-8").write(text.replace(old, new))
PY
}

# Runs a test in the background and waits, so that a signal reaches the
# trap at once (the trap then ends the test too).
run_test() {
	case "$1" in
	test_*) "$MBUILD/tests/$1" & ;;
	*.py) timeout 300 python3 "$1" & ;;
	*) timeout 300 sh "$1" & ;;
	esac
	child=$!
	wait "$child"
	rc=$?
	child=
	return $rc
}

build() {
	make -s -j2 BUILD="$MBUILD" SAN=0 tests-build >"$logs/build.log" 2>&1
}

want=" $* "
selected() {
	[ "$want" = "  " ] || case "$want" in *" $1 "*) ;; *) return 1 ;; esac
}
echo "building $MBUILD"
build || { cat "$logs/build.log"; exit 2; }
# The table uses '|' as separator; "\|" inside a field is a literal '|'.
# The loop reads a file, not a pipe, so it runs in this shell and the trap
# sees which file is mutated.
mutations | sed 's/\\|/\x01/g' >"$save/list"
# Every test must pass on the unmutated tree, else its failure proves nothing.
: >"$save/basefail"
while IFS='|' read -r id what file old new test; do
	selected "$id" || continue
	grep -qxF "$test" "$save/based" 2>/dev/null && continue
	echo "$test" >>"$save/based"
	if ! run_test "$test" >"$logs/base-$(basename "$test").log" 2>&1; then
		echo "$test" >>"$save/basefail"
	fi
done <"$save/list"
printf '%-13s %-8s %5s  %s\n' ID RESULT SECS TEST
while IFS='|' read -r id what file old new test; do
	old=$(printf '%s' "$old" | tr '\001' '|')
	new=$(printf '%s' "$new" | tr '\001' '|')
	selected "$id" || continue
	start=$(date +%s)
	if grep -qxF "$test" "$save/basefail"; then
		printf '%-13s %-8s %5s  %s (fails unmutated)\n' "$id" BASEFAIL - "$test"
		echo broken >>"$save/results"
		continue
	fi
	cp -p "$file" "$save/orig"
	cur=$file
	if ! apply "$file" "$old" "$new" >"$logs/$id.log" 2>&1; then
		restore
		printf '%-13s %-8s %5s  %s\n' "$id" NOMATCH - "$(tail -n1 "$logs/$id.log")"
		echo broken >>"$save/results"
		continue
	fi
	if ! build; then
		restore
		printf '%-13s %-8s %5s  %s (does not build)\n' "$id" NOBUILD - "$test"
		echo broken >>"$save/results"
		continue
	fi
	if run_test "$test" >>"$logs/$id.log" 2>&1; then
		result=SURVIVED
		echo survived >>"$save/results"
	else
		result=killed
		echo killed >>"$save/results"
	fi
	restore
	printf '%-13s %-8s %5s  %s — %s\n' "$id" "$result" $(( $(date +%s) - start )) "$test" "$what"
done <"$save/list"
k=$(grep -c killed "$save/results" 2>/dev/null)
s=$(grep -c survived "$save/results" 2>/dev/null)
b=$(grep -c broken "$save/results" 2>/dev/null)
echo "${k:-0} killed, ${s:-0} survived, ${b:-0} not run (logs in $logs)"
build >/dev/null 2>&1	# leave $MBUILD matching the restored source
[ "${s:-0}" -eq 0 ] && [ "${b:-0}" -eq 0 ]
