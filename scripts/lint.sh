#!/bin/sh
# lint.sh — the static checks of `make lint` (and of `make check`): cppcheck
# on every C file, then the layout rules of .editorconfig and STYLE.md on
# every tracked text file. Prints file:line: findings; exit status 1 when
# there is one. LINT_JOBS: cppcheck's parallel jobs (1).
#
# cppcheck checks, and why these:
#   error (always on)  null dereferences, leaks, out-of-bounds access, use
#                      after free: bugs, whatever the style.
#   warning            likely bugs: uninitialised reads, wrong format
#                      strings, suspicious sizeof, unchecked realloc.
#   performance        structs passed by value, needless copies.
#   portability        pointer/int casts and shifts that change meaning
#                      between platforms.
#   not style          its biggest check (variableScope) contradicts the
#                      house habit of declaring at the top of a function,
#                      and every other style finding in this code was a false
#                      positive on inspection (values written through
#                      snprintf in an #ifdef, loop variables); -Wall -Wextra
#                      -Wshadow already cover unused and shadowed names.
# A finding that is wrong is silenced in place with a comment saying why:
#   /* cppcheck-suppress <id> ; reason */
set -u
cd "$(dirname "$0")/.." || exit 2
status=0

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	files=$(git ls-files --cached --others --exclude-standard)
else
	files=$(find . -path ./build -prune -o -path './build-*' -prune -o -path ./.git -prune \
		-o -type f -print | sed 's|^\./||')
fi
c_files=$(printf '%s\n' "$files" | grep -E '\.(c|h)$')

# --- cppcheck ---------------------------------------------------------------
if command -v cppcheck >/dev/null 2>&1; then
	# The build dir keeps each file's analysis: unchanged files are not
	# analysed again (a warm `make check` lints in a second).
	cdir="${BUILD:-build}/cppcheck"
	mkdir -p "$cdir"
	out=$(printf '%s\n' "$c_files" | grep '\.c$' | cppcheck -q --std=c11 \
		--cppcheck-build-dir="$cdir" \
		--enable=warning,performance,portability --inline-suppr \
		-D_GNU_SOURCE -I. -j "${LINT_JOBS:-1}" --error-exitcode=1 \
		--template='{file}:{line}: cppcheck {severity}/{id}: {message}' \
		--file-list=- 2>&1) || status=1
	[ -n "$out" ] && { printf '%s\n' "$out"; status=1; }
else
	echo "lint.sh: cppcheck is not installed (scripts/deps.sh installs it)" >&2
	status=1
fi

# --- layout (.editorconfig, STYLE.md) -------------------------------------------
# Indentation is tabs; a continuation line may add up to 7 spaces after
# them (C's 4-space continuation, Python's alignment under a bracket).
code=$(printf '%s\n' "$files" | grep -E '(\.(c|h|py|sh)|^Makefile|^\.ci/run)$')
# shellcheck disable=SC2086
for f in $code; do
	[ -f "$f" ] || continue
	awk -v f="$f" '
		/^\t*        / { printf "%s:%d: indented with spaces, not tabs\n", f, FNR; bad = 1 }
		/[ \t]+$/ { printf "%s:%d: trailing whitespace\n", f, FNR; bad = 1 }
		/\r$/ { printf "%s:%d: CRLF line end\n", f, FNR; bad = 1 }
		END { exit bad }' "$f" || status=1
done
for f in $files; do
	[ -f "$f" ] && [ -s "$f" ] || continue
	case "$f" in
	# Fuzz seeds are inputs byte for byte, not text files.
	*.png|*.jpg|*.gz|*.mo|*.wav|*.patch|tests/fuzz/seeds_*) continue ;;
	esac
	[ "$(tail -c 1 "$f" | od -An -tx1 | tr -d ' ')" = 0a ] || {
		echo "$f: no newline at the end of the file"
		status=1
	}
done
# Each .c opens with a one-line comment saying what it is for.
for f in $(printf '%s\n' "$c_files" | grep '\.c$'); do
	head -n 1 "$f" | grep -q '^/\* ' || { echo "$f:1: no opening comment"; status=1; }
done

[ "$status" -eq 0 ] && echo "lint: clean"
exit "$status"
