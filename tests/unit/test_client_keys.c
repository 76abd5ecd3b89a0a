/* test_client_keys.c — key names, the keymap parser, lookup and the shipped keymaps. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "client/keys/keys.h"
#include "client/keys/keys_int.h"

static void
test_keys_parse_degenerate(void **state)
{
	(void)state;
	assert_int_equal(keys_parse(NULL), KEYS_NONE);
	assert_int_equal(keys_parse(""), KEYS_NONE);
	assert_int_equal(keys_parse("ab"), KEYS_NONE);
	assert_int_equal(keys_parse("F13"), KEYS_NONE);
	assert_int_equal(keys_parse("C-1"), KEYS_NONE);
	assert_int_equal(keys_parse("KP10"), KEYS_NONE);
	assert_int_equal(keys_parse(" "), KEYS_NONE);
	assert_int_equal(keys_parse("\x01"), KEYS_NONE);
	assert_int_equal(keys_parse("\x7f"), KEYS_NONE);
	assert_int_equal(keys_parse("\xc2\x9b"), KEYS_NONE);	/* C1 CSI */
	assert_int_equal(keys_parse("\xcc\x81"), KEYS_NONE);	/* lone combining */
	assert_int_equal(keys_parse("\xff"), KEYS_NONE);
	assert_int_equal(keys_parse("\xc3"), KEYS_NONE);
}

static void
test_keys_parse_aliases(void **state)
{
	(void)state;
	assert_int_equal(keys_parse("Up"), KEYS_UP);
	assert_int_equal(keys_parse("up"), KEYS_UP);
	assert_int_equal(keys_parse("DOWN"), KEYS_DOWN);
	assert_int_equal(keys_parse("Enter"), KEYS_ENTER);
	assert_int_equal(keys_parse("Return"), KEYS_ENTER);
	assert_int_equal(keys_parse("Esc"), KEYS_ESC);
	assert_int_equal(keys_parse("Escape"), KEYS_ESC);
	assert_int_equal(keys_parse("Backspace"), KEYS_BACKSPACE);
	assert_int_equal(keys_parse("BS"), KEYS_BACKSPACE);
	assert_int_equal(keys_parse("Tab"), KEYS_TAB);
	assert_int_equal(keys_parse("BTab"), KEYS_BTAB);
	assert_int_equal(keys_parse("S-Tab"), KEYS_BTAB);
	assert_int_equal(keys_parse("Space"), ' ');
	assert_int_equal(keys_parse("PageUp"), KEYS_PAGE_UP);
	assert_int_equal(keys_parse("PgUp"), KEYS_PAGE_UP);
	assert_int_equal(keys_parse("PageDown"), KEYS_PAGE_DOWN);
	assert_int_equal(keys_parse("PgDn"), KEYS_PAGE_DOWN);
	assert_int_equal(keys_parse("Insert"), KEYS_INSERT);
	assert_int_equal(keys_parse("Delete"), KEYS_DELETE);
	assert_int_equal(keys_parse("Del"), KEYS_DELETE);
	assert_int_equal(keys_parse("Home"), KEYS_HOME);
	assert_int_equal(keys_parse("End"), KEYS_END);
	assert_int_equal(keys_parse("F1"), KEYS_F(1));
	assert_int_equal(keys_parse("f12"), KEYS_F(12));
	assert_int_equal(keys_parse("C-a"), KEYS_CTRL('a'));
	assert_int_equal(keys_parse("C-A"), KEYS_CTRL('a'));
	assert_int_equal(keys_parse("C-z"), KEYS_CTRL('z'));
	assert_int_equal(keys_parse("KP0"), KEYS_KP(0));
	assert_int_equal(keys_parse("KP9"), KEYS_KP(9));
	assert_int_equal(keys_parse("KPEnter"), KEYS_KP_ENTER);
	assert_int_equal(keys_parse("KPPlus"), KEYS_KP_PLUS);
	assert_int_equal(keys_parse("KPMinus"), KEYS_KP_MINUS);
	assert_int_equal(keys_parse("KPMultiply"), KEYS_KP_MULTIPLY);
	assert_int_equal(keys_parse("KPDivide"), KEYS_KP_DIVIDE);
	assert_int_equal(keys_parse("KPDecimal"), KEYS_KP_DECIMAL);
}

static void
test_keys_parse_chars(void **state)
{
	(void)state;
	assert_int_equal(keys_parse("q"), 'q');
	assert_int_equal(keys_parse("Q"), 'Q');
	assert_int_equal(keys_parse("?"), '?');
	assert_int_equal(keys_parse("7"), '7');
	assert_int_equal(keys_parse("#"), '#');
	assert_int_equal(keys_parse("ä"), 0xe4);
	assert_int_equal(keys_parse("日"), 0x65e5);
	assert_int_equal(keys_parse("😀"), 0x1f600);
}

static void
test_keys_name_roundtrip(void **state)
{
	static const char *const names[] = {
		"Up", "Down", "Left", "Right", "Enter", "Esc", "Backspace", "Tab",
		"BTab", "Space", "Home", "End", "PageUp", "PageDown", "Insert",
		"Delete", "F1", "F12", "C-a", "C-x", "KP0", "KP9", "KPEnter",
		"KPPlus", "KPMinus", "KPMultiply", "KPDivide", "KPDecimal",
		"q", "?", "ä", "日", "😀",
	};
	char buf[KEYS_NAME_MAX];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		key_code k = keys_parse(names[i]);

		assert_int_not_equal(k, KEYS_NONE);
		assert_int_equal(keys_name(k, buf, sizeof(buf)), 0);
		assert_string_equal(buf, names[i]);
	}
	/* Aliases show as the first name. */
	assert_int_equal(keys_name(keys_parse("Return"), buf, sizeof(buf)), 0);
	assert_string_equal(buf, "Enter");
	assert_int_equal(keys_name(keys_parse("PgDn"), buf, sizeof(buf)), 0);
	assert_string_equal(buf, "PageDown");
	assert_int_equal(keys_name(keys_parse("S-Tab"), buf, sizeof(buf)), 0);
	assert_string_equal(buf, "BTab");
	/* Unknown codes and a too small buffer. */
	assert_int_equal(keys_name(KEYS_NONE, buf, sizeof(buf)), -1);
	assert_string_equal(buf, "?");
	assert_int_equal(keys_name(KEYS_BASE + 999, buf, sizeof(buf)), -1);
	assert_int_equal(keys_name(0x1b, buf, sizeof(buf)), -1);
	assert_int_equal(keys_name(0x65e5, buf, 3), -1);
	assert_int_equal(keys_name('q', NULL, 0), -1);
}

static void
test_keys_name_local_english(void **state)
{
	static const char *const names[] = {
		"Up", "PageDown", "Space", "BTab", "KPEnter", "C-r", "KP7", "F5",
		"q", "ä",
	};
	char buf[64];
	size_t i;

	(void)state;
	/* Without a catalogue the shown names are the keymap names. */
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		assert_int_equal(keys_name_local(keys_parse(names[i]), buf, sizeof(buf)), 0);
		assert_string_equal(buf, names[i]);
	}
	assert_int_equal(keys_name_local(KEYS_NONE, buf, sizeof(buf)), -1);
	assert_int_equal(keys_name_local('q', NULL, 0), -1);
}

static void
test_keys_is_text_cases(void **state)
{
	(void)state;
	assert_true(keys_is_text('a'));
	assert_true(keys_is_text(' '));
	assert_true(keys_is_text(0xe4));
	assert_false(keys_is_text(0x9b));
	assert_false(keys_is_text(0x1b));
	assert_false(keys_is_text(KEYS_UP));
	assert_false(keys_is_text(KEYS_CTRL('a')));
	assert_false(keys_is_text(KEYS_NONE));
}

static void
test_keys_action_table(void **state)
{
	int a, b;

	(void)state;
	for (a = 0; a < ACTION__COUNT; a++) {
		const char *name = keys_action_name((enum action)a);

		assert_non_null(name);
		assert_non_null(keys_action_help((enum action)a));
		assert_true(strlen(keys_action_help((enum action)a)) > 3);
		if (a != ACTION_NONE)
			assert_int_equal(keys_action_parse(name), a);
		for (b = 0; b < a; b++)
			assert_string_not_equal(name, keys_action_name((enum action)b));
	}
	assert_null(keys_action_name(ACTION__COUNT));
	assert_null(keys_action_help(ACTION__COUNT));
	assert_int_equal(keys_action_parse("new-idea"), ACTION_NEW_IDEA);
	assert_int_equal(keys_action_parse("no-such"), ACTION_NONE);
	assert_int_equal(keys_action_parse(NULL), ACTION_NONE);
}

static void
test_keys_context_names(void **state)
{
	static const char *const names[] = {
		"common", "list", "form", "editor", "poll", "ranking", "results", "help"
	};
	int i;

	(void)state;
	for (i = 0; i < KEYS_CTX__COUNT; i++) {
		assert_int_equal(keys_context_parse(names[i]), i);
		assert_string_equal(keys_context_name((enum keys_context)i), names[i]);
	}
	assert_int_equal(keys_context_parse("List"), -1);
	assert_int_equal(keys_context_parse(NULL), -1);
	assert_null(keys_context_name(KEYS_CTX__COUNT));
}

static void
test_keys_map_free_null(void **state)
{
	(void)state;
	keys_map_free(NULL);
	assert_int_equal(keys_map_nerrors(NULL), 0);
	assert_null(keys_map_error(NULL, 0));
	assert_int_equal(keys_map_lookup(NULL, KEYS_CTX_LIST, 'q'), ACTION_NONE);
	assert_int_equal(keys_map_list(NULL, KEYS_CTX_LIST, NULL, 0), 0);
	assert_int_equal(keys_map_load_string(NULL, "x", "bind common q quit"), 0);
}

static void
test_keys_map_load_string_parses(void **state)
{
	struct keys_map *m = keys_map_new();

	(void)state;
	assert_non_null(m);
	assert_int_equal(keys_map_load_string(m, "t.keys",
	    "# a comment\n"
	    "\n"
	    "   \t  \n"
	    "bind common q quit   # trailing comment\n"
	    "bind\tlist\tReturn\topen\r\n"
	    "bind list j down\n"
	    "bind list j up\n"			/* a later line wins */
	    "bind common x quit\n"
	    "unbind common x\n"
	    "unbind common F9\n"		/* unbinding nothing is fine */
	    "bind poll ä toggle"), 0);		/* no final newline */
	assert_int_equal(keys_map_load_string(m, "bom.keys",
	    "\xef\xbb\xbf" "bind results r refresh\n"), 0);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_RESULTS, 'r'), ACTION_REFRESH);
	assert_int_equal(keys_map_nerrors(m), 0);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_COMMON, 'q'), ACTION_QUIT);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_LIST, KEYS_ENTER), ACTION_OPEN);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_LIST, 'j'), ACTION_UP);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_COMMON, 'x'), ACTION_NONE);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_POLL, 0xe4), ACTION_TOGGLE);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_LIST, KEYS_NONE), ACTION_NONE);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX__COUNT, 'q'), ACTION_NONE);
	keys_map_free(m);
}

static void
test_keys_map_load_string_errors(void **state)
{
	struct keys_map *m = keys_map_new();

	(void)state;
	assert_int_equal(keys_map_load_string(m, "my.keys",
	    "bind common q quit\n"
	    "bnid common q quit\n"
	    "bind nowhere q quit\n"
	    "bind common NoSuchKey quit\n"
	    "bind common w fly\n"
	    "bind common q\n"
	    "bind common q quit extra\n"
	    "unbind common\n"
	    "bind list Down down\n"), 7);
	assert_int_equal(keys_map_nerrors(m), 7);
	assert_string_equal(keys_map_error(m, 0),
	    "my.keys:2: unknown command 'bnid' (use bind or unbind)");
	assert_string_equal(keys_map_error(m, 1), "my.keys:3: unknown context 'nowhere'");
	assert_string_equal(keys_map_error(m, 2), "my.keys:4: unknown key 'NoSuchKey'");
	assert_string_equal(keys_map_error(m, 3), "my.keys:5: unknown action 'fly'");
	assert_string_equal(keys_map_error(m, 4),
	    "my.keys:6: usage: bind CONTEXT KEY ACTION");
	assert_string_equal(keys_map_error(m, 5),
	    "my.keys:7: usage: bind CONTEXT KEY ACTION");
	assert_string_equal(keys_map_error(m, 6), "my.keys:8: usage: unbind CONTEXT KEY");
	assert_null(keys_map_error(m, 7));
	/* The lines around the bad ones still count. */
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_COMMON, 'q'), ACTION_QUIT);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_LIST, KEYS_DOWN), ACTION_DOWN);
	keys_map_free(m);
}

static void
test_keys_map_load_string_long_line(void **state)
{
	struct keys_map *m = keys_map_new();
	char *text = malloc(3000);

	(void)state;
	assert_non_null(text);
	memset(text, 'x', 2000);
	memcpy(text + 2000, "\nbind common q quit\n", 21);
	assert_int_equal(keys_map_load_string(m, "long", text), 1);
	assert_string_equal(keys_map_error(m, 0), "long:1: line too long");
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_COMMON, 'q'), ACTION_QUIT);
	free(text);
	keys_map_free(m);
}

static void
test_keys_map_lookup_fallback(void **state)
{
	struct keys_map *m = keys_map_new();

	(void)state;
	assert_int_equal(keys_map_load_string(m, "t",
	    "bind common q quit\n"
	    "bind common Esc back\n"
	    "bind common 1 jump\n"
	    "bind common Down down\n"
	    "bind list Down next-page\n"
	    "bind poll q none\n"
	    "bind editor Esc cancel\n"
	    "bind editor C-s review\n"
	    "bind form x toggle\n"), 0);
	/* The context first, then common. */
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_LIST, KEYS_DOWN), ACTION_NEXT_PAGE);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_RESULTS, KEYS_DOWN), ACTION_DOWN);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_LIST, 'q'), ACTION_QUIT);
	/* "none" hides the common binding in that context only. */
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_POLL, 'q'), ACTION_NONE);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_RANKING, 'q'), ACTION_QUIT);
	/* Typing: printable keys never reach common in form and editor. */
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_EDITOR, 'q'), ACTION_NONE);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_EDITOR, '1'), ACTION_NONE);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_FORM, 'q'), ACTION_NONE);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_FORM, 'x'), ACTION_TOGGLE);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_EDITOR, KEYS_ESC), ACTION_CANCEL);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_FORM, KEYS_ESC), ACTION_BACK);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_EDITOR, KEYS_CTRL('s')),
	    ACTION_REVIEW);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_EDITOR, KEYS_DOWN), ACTION_DOWN);
	keys_map_free(m);
}

static void
test_keys_map_list_cases(void **state)
{
	struct keys_map *m = keys_map_new();
	struct keys_binding b[16];
	char buf[64];
	size_t n;

	(void)state;
	assert_int_equal(keys_map_load_string(m, "t",
	    "bind common q quit\n"
	    "bind common Enter open\n"
	    "bind common Right open\n"
	    "bind common Down down\n"
	    "bind common x quit\n"
	    "bind list Down next-page\n"
	    "bind list x none\n"
	    "bind list v results\n"), 0);
	n = keys_map_list(m, KEYS_CTX_LIST, b, 16);
	/* list: Down next-page, v results; common: q, Enter, Right (x hidden,
	 * Down overridden). Ordered by action, then file order. */
	assert_int_equal(n, 5);
	assert_int_equal(b[0].action, ACTION_OPEN);
	assert_int_equal(b[0].key, KEYS_ENTER);
	assert_int_equal(b[0].from, KEYS_CTX_COMMON);
	assert_int_equal(b[1].action, ACTION_OPEN);
	assert_int_equal(b[1].key, KEYS_RIGHT);
	assert_int_equal(b[2].action, ACTION_QUIT);
	assert_int_equal(b[3].action, ACTION_RESULTS);
	assert_int_equal(b[3].from, KEYS_CTX_LIST);
	assert_int_equal(b[4].action, ACTION_NEXT_PAGE);
	assert_int_equal(b[4].key, KEYS_DOWN);
	/* A short array still gets the total. */
	assert_int_equal(keys_map_list(m, KEYS_CTX_LIST, b, 2), 5);
	assert_int_equal(keys_map_list(m, KEYS_CTX_COMMON, NULL, 0), 5);
	/* Editor: the printable common keys are text there. */
	assert_int_equal(keys_map_list(m, KEYS_CTX_EDITOR, b, 16), 3);

	assert_int_equal(keys_map_keys_for(m, KEYS_CTX_LIST, ACTION_OPEN, buf,
	    sizeof(buf), 0), 2);
	assert_string_equal(buf, "Enter, Right");
	assert_int_equal(keys_map_keys_for(m, KEYS_CTX_LIST, ACTION_OPEN, buf,
	    sizeof(buf), 1), 2);
	assert_string_equal(buf, "Enter");
	assert_int_equal(keys_map_keys_for(m, KEYS_CTX_LIST, ACTION_QUIT, buf,
	    sizeof(buf), 0), 1);
	assert_string_equal(buf, "q");
	assert_int_equal(keys_map_keys_for(m, KEYS_CTX_LIST, ACTION_HELP, buf,
	    sizeof(buf), 0), 0);
	assert_string_equal(buf, "");
	assert_int_equal(keys_map_keys_for(m, KEYS_CTX_LIST, ACTION_OPEN, buf, 8, 0), 2);
	assert_string_equal(buf, "Enter");
	keys_map_free(m);
}

static char *
read_all(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	size_t n;

	assert_non_null(f);
	buf = calloc(1, 256 * 1024);
	assert_non_null(buf);
	n = fread(buf, 1, 256 * 1024 - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

static void
test_keys_map_load_defaults_in_sync(void **state)
{
	char *path = keys_map_find("default"), *text;
	struct keys_map *m = keys_map_new();

	(void)state;
	assert_non_null(path);
	text = read_all(path);
	/* If this fails, run client/keys/gen_default.sh. */
	assert_string_equal(keys_default_text, text);
	assert_int_equal(keys_map_load_defaults(m), 0);
	assert_int_equal(keys_map_nerrors(m), 0);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_LIST, 'q'), ACTION_QUIT);
	free(text);
	free(path);
	keys_map_free(m);
}

/* The rules every keymap keeps (ACCESSIBILITY.md, issue 3). */
static void
check_required(const struct keys_map *m, const char *name)
{
	static const enum keys_context ctxs[] = {
		KEYS_CTX_COMMON, KEYS_CTX_LIST, KEYS_CTX_POLL, KEYS_CTX_RANKING,
		KEYS_CTX_RESULTS, KEYS_CTX_HELP,
	};
	static const struct { const char *key; enum action action; } req[] = {
		{ "Up", ACTION_UP }, { "Down", ACTION_DOWN },
		{ "Enter", ACTION_OPEN }, { "Esc", ACTION_BACK },
		{ "Backspace", ACTION_BACK }, { "?", ACTION_HELP },
		{ "F1", ACTION_HELP }, { "q", ACTION_QUIT },
		{ "0", ACTION_JUMP }, { "1", ACTION_JUMP }, { "2", ACTION_JUMP },
		{ "3", ACTION_JUMP }, { "4", ACTION_JUMP }, { "5", ACTION_JUMP },
		{ "6", ACTION_JUMP }, { "7", ACTION_JUMP }, { "8", ACTION_JUMP },
		{ "9", ACTION_JUMP },
	};
	size_t c, i;

	for (c = 0; c < sizeof(ctxs) / sizeof(ctxs[0]); c++) {
		for (i = 0; i < sizeof(req) / sizeof(req[0]); i++) {
			enum action a = keys_map_lookup(m, ctxs[c], keys_parse(req[i].key));

			if (a != req[i].action)
				fail_msg("%s: %s in %s does %s, not %s", name, req[i].key,
				    keys_context_name(ctxs[c]), keys_action_name(a),
				    keys_action_name(req[i].action));
		}
	}
	/* Every screen can be left with one key, also while typing. */
	assert_int_not_equal(keys_map_lookup(m, KEYS_CTX_EDITOR, KEYS_ESC), ACTION_NONE);
	assert_int_not_equal(keys_map_lookup(m, KEYS_CTX_FORM, KEYS_ESC), ACTION_NONE);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_FORM, KEYS_F(1)), ACTION_HELP);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_RANKING, KEYS_LEFT), ACTION_BACK);
}

static void
test_keys_map_shipped_keymaps(void **state)
{
	static const char *const names[] = { "default", "vi", "numpad" };
	size_t i, e;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *path = keys_map_find(names[i]);
		struct keys_map *m = keys_map_new();

		if (path == NULL)
			fail_msg("keymap %s not found", names[i]);
		assert_int_equal(keys_map_load_file(m, path), 0);
		for (e = 0; e < keys_map_nerrors(m); e++)
			print_error("%s\n", keys_map_error(m, e));
		assert_int_equal(keys_map_nerrors(m), 0);
		check_required(m, names[i]);
		free(path);
		keys_map_free(m);
	}
}

/* default.keys and vi.keys give every action a key in some context. */
static void
test_keys_map_every_action_bound(void **state)
{
	static const char *const names[] = { "default", "vi" };
	struct keys_binding b[256];
	size_t i, j, n;
	int a, ctx, found;

	(void)state;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char *path = keys_map_find(names[i]);
		struct keys_map *m = keys_map_new();

		assert_non_null(path);
		assert_int_equal(keys_map_load_file(m, path), 0);
		for (a = ACTION_NONE + 1; a < ACTION__COUNT; a++) {
			found = 0;
			for (ctx = 0; ctx < KEYS_CTX__COUNT && !found; ctx++) {
				n = keys_map_list(m, (enum keys_context)ctx, b, 256);
				assert_true(n <= 256);
				for (j = 0; j < n; j++)
					found |= b[j].action == (enum action)a;
			}
			if (!found)
				fail_msg("%s.keys binds no key to %s", names[i],
				    keys_action_name((enum action)a));
		}
		free(path);
		keys_map_free(m);
	}
}

static void
test_keys_map_numpad_only(void **state)
{
	char *path = keys_map_find("numpad");
	struct keys_map *m = keys_map_new();

	(void)state;
	assert_non_null(path);
	assert_int_equal(keys_map_load_file(m, path), 0);
	/* Num Lock on: + - move, / back, * help, . toggle. */
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_LIST, '+'), ACTION_DOWN);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_LIST, '-'), ACTION_UP);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_LIST, '/'), ACTION_BACK);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_LIST, '*'), ACTION_HELP);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_POLL, '.'), ACTION_TOGGLE);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_FORM, '+'), ACTION_NEXT_FIELD);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_FORM, '/'), ACTION_BACK);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_FORM, '*'), ACTION_HELP);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_EDITOR, '/'), ACTION_BACK);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_EDITOR, '*'), ACTION_HELP);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_EDITOR, KEYS_KP_DIVIDE),
	    ACTION_CANCEL);
	/* Num Lock off and keypad mode. */
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_LIST, KEYS_KP_ENTER), ACTION_OPEN);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_LIST, KEYS_KP(5)), ACTION_OPEN);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_LIST, KEYS_KP(7)), ACTION_FIRST);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_POLL, KEYS_INSERT), ACTION_TOGGLE);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_RANKING, KEYS_PAGE_UP),
	    ACTION_MOVE_UP);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_RANKING, KEYS_KP(3)),
	    ACTION_MOVE_DOWN);
	free(path);
	keys_map_free(m);
}

static void
test_keys_map_load_file_missing(void **state)
{
	struct keys_map *m = keys_map_new();

	(void)state;
	assert_int_equal(keys_map_load_file(m, "/nonexistent/x.keys"), -1);
	assert_int_equal(keys_map_nerrors(m), 1);
	assert_string_equal(keys_map_error(m, 0),
	    "/nonexistent/x.keys: No such file or directory");
	assert_int_equal(keys_map_load_file(m, NULL), -1);
	keys_map_free(m);
}

static void
test_keys_map_find_cases(void **state)
{
	char *p;

	(void)state;
	p = keys_map_find(NULL);
	assert_non_null(p);
	assert_non_null(strstr(p, "/keymaps/default.keys"));
	free(p);
	p = keys_map_find("vi");
	assert_non_null(p);
	assert_non_null(strstr(p, "/keymaps/vi.keys"));
	free(p);
	p = keys_map_find("numpad.keys");
	assert_non_null(p);
	free(p);
	assert_null(keys_map_find("no-such-keymap"));
	assert_null(keys_map_find("/nonexistent/dir/vi.keys"));
	assert_null(keys_map_find("./no-such.keys"));
}

static void
test_keys_map_user_path_cases(void **state)
{
	const char *oldx = getenv("XDG_CONFIG_HOME"), *oldh = getenv("HOME");
	char *sx = oldx ? strdup(oldx) : NULL, *sh = oldh ? strdup(oldh) : NULL;
	char *p;

	(void)state;
	setenv("XDG_CONFIG_HOME", "/x/cfg", 1);
	setenv("HOME", "/home/anna", 1);
	p = keys_map_user_path();
	assert_string_equal(p, "/x/cfg/mitwirkung/keys");
	free(p);
	setenv("XDG_CONFIG_HOME", "relative", 1);
	p = keys_map_user_path();
	assert_string_equal(p, "/home/anna/.config/mitwirkung/keys");
	free(p);
	unsetenv("XDG_CONFIG_HOME");
	p = keys_map_user_path();
	assert_string_equal(p, "/home/anna/.config/mitwirkung/keys");
	free(p);
	unsetenv("HOME");
	assert_null(keys_map_user_path());
	if (sx != NULL)
		setenv("XDG_CONFIG_HOME", sx, 1);
	if (sh != NULL)
		setenv("HOME", sh, 1);
	free(sx);
	free(sh);
}

static void
test_keys_map_setup_user_file(void **state)
{
	char dir[] = "/tmp/test_keys_XXXXXX", path[256];
	const char *oldx = getenv("XDG_CONFIG_HOME");
	char *sx = oldx ? strdup(oldx) : NULL;
	struct keys_map *m;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/mitwirkung", dir);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/mitwirkung/keys", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("bind list w support\nbind list Q explode\nunbind common q\n", f);
	fclose(f);
	setenv("XDG_CONFIG_HOME", dir, 1);

	m = keys_map_setup("vi");
	assert_non_null(m);
	/* vi.keys, then the user's file on top; its bad line is reported. */
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_LIST, 'j'), ACTION_DOWN);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_LIST, 'w'), ACTION_SUPPORT);
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_LIST, 'q'), ACTION_NONE);
	assert_int_equal(keys_map_nerrors(m), 1);
	assert_non_null(strstr(keys_map_error(m, 0), "/mitwirkung/keys:2: unknown action 'explode'"));
	keys_map_free(m);

	/* An unknown keymap name falls back to the default and says so. */
	m = keys_map_setup("nosuchmap");
	assert_non_null(m);
	assert_string_equal(keys_map_error(m, 0),
	    "keymap 'nosuchmap' not found; using the default keys");
	assert_int_equal(keys_map_lookup(m, KEYS_CTX_LIST, KEYS_F(1)), ACTION_HELP);
	keys_map_free(m);

	unlink(path);
	snprintf(path, sizeof(path), "%s/mitwirkung", dir);
	rmdir(path);
	rmdir(dir);
	if (sx != NULL)
		setenv("XDG_CONFIG_HOME", sx, 1);
	else
		unsetenv("XDG_CONFIG_HOME");
	free(sx);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys_parse_degenerate),
		cmocka_unit_test(test_keys_parse_aliases),
		cmocka_unit_test(test_keys_parse_chars),
		cmocka_unit_test(test_keys_name_roundtrip),
		cmocka_unit_test(test_keys_name_local_english),
		cmocka_unit_test(test_keys_is_text_cases),
		cmocka_unit_test(test_keys_action_table),
		cmocka_unit_test(test_keys_context_names),
		cmocka_unit_test(test_keys_map_free_null),
		cmocka_unit_test(test_keys_map_load_string_parses),
		cmocka_unit_test(test_keys_map_load_string_errors),
		cmocka_unit_test(test_keys_map_load_string_long_line),
		cmocka_unit_test(test_keys_map_lookup_fallback),
		cmocka_unit_test(test_keys_map_list_cases),
		cmocka_unit_test(test_keys_map_load_defaults_in_sync),
		cmocka_unit_test(test_keys_map_shipped_keymaps),
		cmocka_unit_test(test_keys_map_every_action_bound),
		cmocka_unit_test(test_keys_map_numpad_only),
		cmocka_unit_test(test_keys_map_load_file_missing),
		cmocka_unit_test(test_keys_map_find_cases),
		cmocka_unit_test(test_keys_map_user_path_cases),
		cmocka_unit_test(test_keys_map_setup_user_file),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
