/* keys.c — the key-name and action tables, the keymap parser and lookup. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "common/ascii.h"
#include "client/i18n.h"
#include "client/keys/keys.h"
#include "client/keys/keys_int.h"
#include "common/text.h"

#ifndef MW_LOCALEDIR_BUILD
#define MW_LOCALEDIR_BUILD	"build/locale"
#endif
#ifndef MW_PREFIX
#define MW_PREFIX		"/usr/local"
#endif

/* A keymap file larger than this is not a keymap. */
#define KEYS_FILE_MAX		(256 * 1024)

/* Stored for "bind CTX KEY none": the key does nothing here, even if
 * "common" binds it. */
#define KEYS_HIDDEN		(-1)

/*
 * The one key-name table, for parsing and for display. The first name of
 * a key is how it is shown; the names after it are aliases. Printable
 * characters other than Space are not listed: they are their own names.
 */
static const struct keys_name_entry {
	const char	*name;
	key_code	 key;
} keys_names[] = {
	{ "Up", KEYS_UP }, { "Down", KEYS_DOWN },
	{ "Left", KEYS_LEFT }, { "Right", KEYS_RIGHT },
	{ "Enter", KEYS_ENTER }, { "Return", KEYS_ENTER }, { "RET", KEYS_ENTER },
	{ "Esc", KEYS_ESC }, { "Escape", KEYS_ESC },
	{ "Backspace", KEYS_BACKSPACE }, { "BS", KEYS_BACKSPACE },
	{ "Tab", KEYS_TAB },
	{ "BTab", KEYS_BTAB }, { "S-Tab", KEYS_BTAB },
	{ "Space", ' ' }, { "SPC", ' ' },
	{ "Home", KEYS_HOME }, { "End", KEYS_END },
	{ "PageUp", KEYS_PAGE_UP }, { "PgUp", KEYS_PAGE_UP }, { "PPage", KEYS_PAGE_UP },
	{ "PageDown", KEYS_PAGE_DOWN }, { "PgDn", KEYS_PAGE_DOWN },
	{ "NPage", KEYS_PAGE_DOWN },
	{ "Insert", KEYS_INSERT }, { "Ins", KEYS_INSERT }, { "IC", KEYS_INSERT },
	{ "Delete", KEYS_DELETE }, { "Del", KEYS_DELETE }, { "DC", KEYS_DELETE },
	{ "F1", KEYS_F(1) }, { "F2", KEYS_F(2) }, { "F3", KEYS_F(3) },
	{ "F4", KEYS_F(4) }, { "F5", KEYS_F(5) }, { "F6", KEYS_F(6) },
	{ "F7", KEYS_F(7) }, { "F8", KEYS_F(8) }, { "F9", KEYS_F(9) },
	{ "F10", KEYS_F(10) }, { "F11", KEYS_F(11) }, { "F12", KEYS_F(12) },
	{ "C-a", KEYS_CTRL('a') }, { "C-b", KEYS_CTRL('b') },
	{ "C-c", KEYS_CTRL('c') }, { "C-d", KEYS_CTRL('d') },
	{ "C-e", KEYS_CTRL('e') }, { "C-f", KEYS_CTRL('f') },
	{ "C-g", KEYS_CTRL('g') }, { "C-h", KEYS_CTRL('h') },
	{ "C-i", KEYS_CTRL('i') }, { "C-j", KEYS_CTRL('j') },
	{ "C-k", KEYS_CTRL('k') }, { "C-l", KEYS_CTRL('l') },
	{ "C-m", KEYS_CTRL('m') }, { "C-n", KEYS_CTRL('n') },
	{ "C-o", KEYS_CTRL('o') }, { "C-p", KEYS_CTRL('p') },
	{ "C-q", KEYS_CTRL('q') }, { "C-r", KEYS_CTRL('r') },
	{ "C-s", KEYS_CTRL('s') }, { "C-t", KEYS_CTRL('t') },
	{ "C-u", KEYS_CTRL('u') }, { "C-v", KEYS_CTRL('v') },
	{ "C-w", KEYS_CTRL('w') }, { "C-x", KEYS_CTRL('x') },
	{ "C-y", KEYS_CTRL('y') }, { "C-z", KEYS_CTRL('z') },
	{ "KP0", KEYS_KP(0) }, { "KP1", KEYS_KP(1) }, { "KP2", KEYS_KP(2) },
	{ "KP3", KEYS_KP(3) }, { "KP4", KEYS_KP(4) }, { "KP5", KEYS_KP(5) },
	{ "KP6", KEYS_KP(6) }, { "KP7", KEYS_KP(7) }, { "KP8", KEYS_KP(8) },
	{ "KP9", KEYS_KP(9) },
	{ "KPEnter", KEYS_KP_ENTER }, { "KPPlus", KEYS_KP_PLUS },
	{ "KPMinus", KEYS_KP_MINUS }, { "KPMultiply", KEYS_KP_MULTIPLY },
	{ "KPDivide", KEYS_KP_DIVIDE }, { "KPDecimal", KEYS_KP_DECIMAL },
};

#define KEYS_NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* Action names and help texts, indexed by enum action (NeoMutt's table of
 * function name <-> id). A unit test checks that none is missing. */
static const struct keys_action_entry {
	enum action	 action;
	const char	*name;
	const char	*help;
} keys_actions[] = {
	{ ACTION_NONE, "none", N_("Do nothing") },
	{ ACTION_UP, "up", N_("Go to the previous item") },
	{ ACTION_DOWN, "down", N_("Go to the next item") },
	{ ACTION_PAGE_UP, "page-up", N_("Go one screen up") },
	{ ACTION_PAGE_DOWN, "page-down", N_("Go one screen down") },
	{ ACTION_FIRST, "first", N_("Go to the first item") },
	{ ACTION_LAST, "last", N_("Go to the last item") },
	{ ACTION_OPEN, "open", N_("Open or activate the chosen item") },
	{ ACTION_BACK, "back", N_("Go back") },
	{ ACTION_HELP, "help", N_("Show the keys") },
	{ ACTION_QUIT, "quit", N_("Quit") },
	{ ACTION_JUMP, "jump", N_("Type a number to go to that item") },
	{ ACTION_TOGGLE, "toggle", N_("Choose or unchoose") },
	{ ACTION_MOVE_UP, "move-up", N_("Move the choice up in the ranking") },
	{ ACTION_MOVE_DOWN, "move-down", N_("Move the choice down in the ranking") },
	{ ACTION_REVIEW, "review", N_("Check before sending") },
	{ ACTION_SEND, "send", N_("Send") },
	{ ACTION_EDIT, "edit", N_("Change what you entered") },
	{ ACTION_WITHDRAW, "withdraw", N_("Withdraw your vote") },
	{ ACTION_SUPPORT, "support", N_("Support this idea, or stop supporting it") },
	{ ACTION_COMMENT, "comment", N_("Write a comment") },
	{ ACTION_REPLY, "reply", N_("Reply to this comment") },
	{ ACTION_NEW_IDEA, "new-idea", N_("Submit a new idea") },
	{ ACTION_REPORT, "report", N_("Report this to the moderators") },
	{ ACTION_RESULTS, "results", N_("Show the results") },
	{ ACTION_NEXT_PAGE, "next-page", N_("Show the next page of the list") },
	{ ACTION_PREV_PAGE, "prev-page", N_("Show the previous page of the list") },
	{ ACTION_SORT, "sort", N_("Change the order") },
	{ ACTION_FILTER, "filter", N_("Choose which projects are shown") },
	{ ACTION_SEARCH, "search", N_("Search") },
	{ ACTION_REFRESH, "refresh", N_("Load again") },
	{ ACTION_LOGIN, "login", N_("Log in") },
	{ ACTION_LOGOUT, "logout", N_("Log out") },
	{ ACTION_REGISTER, "register", N_("Create an account") },
	{ ACTION_ACCOUNT, "account", N_("My account") },
	{ ACTION_MODERATION, "moderation", N_("Open the moderation queue") },
	{ ACTION_APPROVE, "approve", N_("Approve") },
	{ ACTION_REJECT, "reject", N_("Reject, with a reason") },
	{ ACTION_HIDE, "hide", N_("Hide, with a reason") },
	{ ACTION_TALLY, "tally", N_("Enter the votes cast on paper") },
	{ ACTION_LANGUAGE, "language", N_("Choose the language") },
	{ ACTION_COLOR, "color", N_("Turn colours on or off") },
	{ ACTION_MESSAGES, "messages", N_("Show earlier messages") },
	{ ACTION_HOME, "home", N_("Go to the list of projects") },
	{ ACTION_NEXT_FIELD, "next-field", N_("Go to the next field") },
	{ ACTION_PREV_FIELD, "prev-field", N_("Go to the previous field") },
	{ ACTION_CANCEL, "cancel", N_("Leave the form; what you typed is kept") },
};

static const char *const keys_contexts[KEYS_CTX__COUNT] = {
	"common", "list", "form", "editor", "poll", "ranking", "results", "help"
};

struct keys_entry {
	key_code	key;
	int		action;		/* enum action, or KEYS_HIDDEN */
};

struct keys_map {
	struct keys_entry	*bind[KEYS_CTX__COUNT];
	size_t			 n[KEYS_CTX__COUNT];
	size_t			 cap[KEYS_CTX__COUNT];
	char			**err;
	size_t			 n_err;
};

key_code
keys_parse(const char *name)
{
	size_t i, len;
	unsigned int cp;
	int n;

	if (name == NULL || *name == '\0')
		return KEYS_NONE;
	for (i = 0; i < KEYS_NELEM(keys_names); i++) {
		if (ascii_strcasecmp(name, keys_names[i].name) == 0)
			return keys_names[i].key;
	}
	len = strlen(name);
	n = text_utf8_decode(name, len, &cp);
	if (n < 0 || (size_t)n != len || !keys_is_text((key_code)cp) ||
	    cp == ' ' || text_cp_width(cp) == 0)
		return KEYS_NONE;
	return (key_code)cp;
}

int
keys_is_text(key_code key)
{
	return key >= 0x20 && key <= 0x10ffff && (key < 0x7f || key > 0x9f) &&
	    (key < 0xd800 || key > 0xdfff);
}

int
keys_name(key_code key, char *buf, size_t bufsz)
{
	size_t i;
	unsigned int c = (unsigned int)key;
	char u[5];
	int n;

	if (buf == NULL || bufsz == 0)
		return -1;
	for (i = 0; i < KEYS_NELEM(keys_names); i++) {
		if (keys_names[i].key == key) {
			snprintf(buf, bufsz, "%s", keys_names[i].name);
			return 0;
		}
	}
	if (!keys_is_text(key)) {
		snprintf(buf, bufsz, "?");
		return -1;
	}
	if (c < 0x80) {
		u[0] = (char)c;
		n = 1;
	} else if (c < 0x800) {
		u[0] = (char)(0xc0 | (c >> 6));
		u[1] = (char)(0x80 | (c & 0x3f));
		n = 2;
	} else if (c < 0x10000) {
		u[0] = (char)(0xe0 | (c >> 12));
		u[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[2] = (char)(0x80 | (c & 0x3f));
		n = 3;
	} else {
		u[0] = (char)(0xf0 | (c >> 18));
		u[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		u[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		u[3] = (char)(0x80 | (c & 0x3f));
		n = 4;
	}
	u[n] = '\0';
	if ((size_t)n >= bufsz) {
		snprintf(buf, bufsz, "?");
		return -1;
	}
	memcpy(buf, u, (size_t)n + 1);
	return 0;
}

int
keys_name_local(key_code key, char *buf, size_t bufsz)
{
	const char *s = NULL;

	if (buf == NULL || bufsz == 0)
		return -1;
	/* L10N: key names as shown in help and hints, with msgctxt "key".
	 * Use the labels printed on keyboards of your language. */
	switch (key) {
	case KEYS_UP:		s = C_("key", "Up"); break;
	case KEYS_DOWN:		s = C_("key", "Down"); break;
	case KEYS_LEFT:		s = C_("key", "Left"); break;
	case KEYS_RIGHT:	s = C_("key", "Right"); break;
	case KEYS_ENTER:	s = C_("key", "Enter"); break;
	case KEYS_ESC:		s = C_("key", "Esc"); break;
	case KEYS_BACKSPACE:	s = C_("key", "Backspace"); break;
	case KEYS_TAB:		s = C_("key", "Tab"); break;
	case KEYS_BTAB:		s = C_("key", "BTab"); break;
	case ' ':		s = C_("key", "Space"); break;
	case KEYS_HOME:		s = C_("key", "Home"); break;
	case KEYS_END:		s = C_("key", "End"); break;
	case KEYS_PAGE_UP:	s = C_("key", "PageUp"); break;
	case KEYS_PAGE_DOWN:	s = C_("key", "PageDown"); break;
	case KEYS_INSERT:	s = C_("key", "Insert"); break;
	case KEYS_DELETE:	s = C_("key", "Delete"); break;
	case KEYS_KP_ENTER:	s = C_("key", "KPEnter"); break;
	case KEYS_KP_PLUS:	s = C_("key", "KPPlus"); break;
	case KEYS_KP_MINUS:	s = C_("key", "KPMinus"); break;
	case KEYS_KP_MULTIPLY:	s = C_("key", "KPMultiply"); break;
	case KEYS_KP_DIVIDE:	s = C_("key", "KPDivide"); break;
	case KEYS_KP_DECIMAL:	s = C_("key", "KPDecimal"); break;
	}
	if (s != NULL) {
		snprintf(buf, bufsz, "%s", s);
		return 0;
	}
	if (key >= KEYS_CTRL('a') && key <= KEYS_CTRL('z')) {
		/* L10N: a Ctrl key; %c is the letter, "C-r" is Ctrl-R. */
		snprintf(buf, bufsz, C_("key", "C-%c"), 'a' + (key - KEYS_CTRL('a')));
		return 0;
	}
	if (key >= KEYS_KP(0) && key <= KEYS_KP(9)) {
		/* L10N: a digit key of the numeric keypad. */
		snprintf(buf, bufsz, C_("key", "KP%d"), key - KEYS_KP(0));
		return 0;
	}
	return keys_name(key, buf, bufsz);
}

enum action
keys_action_parse(const char *name)
{
	size_t i;

	if (name == NULL)
		return ACTION_NONE;
	for (i = 0; i < KEYS_NELEM(keys_actions); i++) {
		if (strcmp(name, keys_actions[i].name) == 0)
			return keys_actions[i].action;
	}
	return ACTION_NONE;
}

static const struct keys_action_entry *
keys_action_entry(enum action a)
{
	size_t i;

	for (i = 0; i < KEYS_NELEM(keys_actions); i++) {
		if (keys_actions[i].action == a)
			return &keys_actions[i];
	}
	return NULL;
}

const char *
keys_action_name(enum action a)
{
	const struct keys_action_entry *e = keys_action_entry(a);

	return e ? e->name : NULL;
}

const char *
keys_action_help(enum action a)
{
	const struct keys_action_entry *e = keys_action_entry(a);

	return e ? e->help : NULL;
}

int
keys_context_parse(const char *name)
{
	int i;

	if (name == NULL)
		return -1;
	for (i = 0; i < KEYS_CTX__COUNT; i++) {
		if (strcmp(name, keys_contexts[i]) == 0)
			return i;
	}
	return -1;
}

const char *
keys_context_name(enum keys_context ctx)
{
	if ((int)ctx < 0 || ctx >= KEYS_CTX__COUNT)
		return NULL;
	return keys_contexts[ctx];
}

struct keys_map *
keys_map_new(void)
{
	return calloc(1, sizeof(struct keys_map));
}

void
keys_map_free(struct keys_map *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < KEYS_CTX__COUNT; i++)
		free(m->bind[i]);
	for (i = 0; i < m->n_err; i++)
		free(m->err[i]);
	free(m->err);
	free(m);
}

/* Collects one error; the message is already localized. Out of memory
 * loses the message, which is all that can be done about it. */
static void	keys_map_errorf(struct keys_map *m, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));

static void
keys_map_errorf(struct keys_map *m, const char *fmt, ...)
{
	char buf[512], **ne, *s;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if ((ne = realloc(m->err, (m->n_err + 1) * sizeof(*ne))) == NULL)
		return;
	m->err = ne;
	if ((s = strdup(buf)) == NULL)
		return;
	m->err[m->n_err++] = s;
}

size_t
keys_map_nerrors(const struct keys_map *m)
{
	return m ? m->n_err : 0;
}

const char *
keys_map_error(const struct keys_map *m, size_t i)
{
	if (m == NULL || i >= m->n_err)
		return NULL;
	return m->err[i];
}

static struct keys_entry *
keys_map_find_entry(const struct keys_map *m, enum keys_context ctx, key_code key)
{
	size_t i;

	for (i = 0; i < m->n[ctx]; i++) {
		if (m->bind[ctx][i].key == key)
			return &m->bind[ctx][i];
	}
	return NULL;
}

/* Binds key in ctx (replacing an earlier binding); returns 0 or -1. */
static int
keys_map_bind(struct keys_map *m, enum keys_context ctx, key_code key, int action)
{
	struct keys_entry *e = keys_map_find_entry(m, ctx, key);

	if (e != NULL) {
		e->action = action;
		return 0;
	}
	if (m->n[ctx] == m->cap[ctx]) {
		size_t ncap = m->cap[ctx] ? m->cap[ctx] * 2 : 32;

		if ((e = realloc(m->bind[ctx], ncap * sizeof(*e))) == NULL)
			return -1;
		m->bind[ctx] = e;
		m->cap[ctx] = ncap;
	}
	m->bind[ctx][m->n[ctx]].key = key;
	m->bind[ctx][m->n[ctx]].action = action;
	m->n[ctx]++;
	return 0;
}

static void
keys_map_unbind(struct keys_map *m, enum keys_context ctx, key_code key)
{
	struct keys_entry *e = keys_map_find_entry(m, ctx, key);
	size_t i;

	if (e == NULL)
		return;
	i = (size_t)(e - m->bind[ctx]);
	memmove(e, e + 1, (m->n[ctx] - i - 1) * sizeof(*e));
	m->n[ctx]--;
}

#define KEYS_MAX_WORDS	5

/* Splits line (modified) into at most max words; a '#' at the start of a
 * word begins a comment. Returns the number of words. */
static int
keys_split(char *line, char **w, int max)
{
	int n = 0;
	char *p = line;

	for (;;) {
		while (*p == ' ' || *p == '\t' || *p == '\r')
			p++;
		if (*p == '\0' || *p == '#')
			return n;
		if (n == max)
			return max + 1;
		w[n++] = p;
		while (*p != '\0' && *p != ' ' && *p != '\t' && *p != '\r')
			p++;
		if (*p != '\0')
			*p++ = '\0';
	}
}

/* Parses one line; adds an error and returns -1 when it is bad. */
static int
keys_map_line(struct keys_map *m, const char *name, int lineno, char *line)
{
	char *w[KEYS_MAX_WORDS];
	int n, ctx, action = ACTION_NONE, unbind;
	key_code key;

	n = keys_split(line, w, KEYS_MAX_WORDS);
	if (n == 0)
		return 0;
	if (strcmp(w[0], "bind") != 0 && strcmp(w[0], "unbind") != 0) {
		/* L10N: an error in a keymap file, after "file:line: ". */
		keys_map_errorf(m, _("%s:%d: unknown command '%s' (use bind or unbind)"),
		    name, lineno, w[0]);
		return -1;
	}
	unbind = w[0][0] == 'u';
	if (n != (unbind ? 3 : 4)) {
		keys_map_errorf(m, unbind ? _("%s:%d: usage: unbind CONTEXT KEY") :
		    _("%s:%d: usage: bind CONTEXT KEY ACTION"), name, lineno);
		return -1;
	}
	if ((ctx = keys_context_parse(w[1])) < 0) {
		keys_map_errorf(m, _("%s:%d: unknown context '%s'"), name, lineno, w[1]);
		return -1;
	}
	if ((key = keys_parse(w[2])) == KEYS_NONE) {
		keys_map_errorf(m, _("%s:%d: unknown key '%s'"), name, lineno, w[2]);
		return -1;
	}
	if (unbind) {
		keys_map_unbind(m, (enum keys_context)ctx, key);
		return 0;
	}
	if (strcmp(w[3], "none") == 0) {
		action = KEYS_HIDDEN;
	} else if ((action = (int)keys_action_parse(w[3])) == ACTION_NONE) {
		keys_map_errorf(m, _("%s:%d: unknown action '%s'"), name, lineno, w[3]);
		return -1;
	}
	if (keys_map_bind(m, (enum keys_context)ctx, key, action) < 0) {
		keys_map_errorf(m, _("%s:%d: out of memory"), name, lineno);
		return -1;
	}
	return 0;
}

int
keys_map_load_string(struct keys_map *m, const char *name, const char *text)
{
	const char *p, *nl;
	char line[1024];
	size_t len;
	int lineno = 0, errors = 0;

	if (m == NULL || text == NULL)
		return 0;
	if (name == NULL)
		name = "keys";
	/* Editors on Windows start UTF-8 files with a byte order mark. */
	if (strncmp(text, "\xef\xbb\xbf", 3) == 0)
		text += 3;
	for (p = text; *p != '\0'; p = nl ? nl + 1 : p + len) {
		nl = strchr(p, '\n');
		len = nl ? (size_t)(nl - p) : strlen(p);
		lineno++;
		if (len >= sizeof(line)) {
			keys_map_errorf(m, _("%s:%d: line too long"), name, lineno);
			errors++;
			continue;
		}
		memcpy(line, p, len);
		line[len] = '\0';
		if (keys_map_line(m, name, lineno, line) < 0)
			errors++;
	}
	return errors;
}

int
keys_map_load_file(struct keys_map *m, const char *path)
{
	FILE *f;
	char *buf;
	size_t n;
	int ret = -1;

	if (m == NULL || path == NULL)
		return -1;
	if ((f = fopen(path, "r")) == NULL) {
		keys_map_errorf(m, "%s: %s", path, strerror(errno));
		return -1;
	}
	if ((buf = malloc(KEYS_FILE_MAX + 1)) == NULL) {
		keys_map_errorf(m, "%s: %s", path, strerror(ENOMEM));
		goto out;
	}
	n = fread(buf, 1, KEYS_FILE_MAX + 1, f);
	if (ferror(f)) {
		keys_map_errorf(m, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (n > KEYS_FILE_MAX) {
		keys_map_errorf(m, _("%s: file too large for a keymap"), path);
		goto out;
	}
	if (memchr(buf, '\0', n) != NULL) {
		keys_map_errorf(m, _("%s: not a text file"), path);
		goto out;
	}
	buf[n] = '\0';
	ret = keys_map_load_string(m, path, buf);
out:
	free(buf);
	fclose(f);
	return ret;
}

int
keys_map_load_defaults(struct keys_map *m)
{
	return keys_map_load_string(m, "(built-in default.keys)", keys_default_text);
}

static int
keys_readable(const char *path)
{
	return access(path, R_OK) == 0;
}

/* Returns a new string "a" "b" "c", or NULL when out of memory. */
static char *
keys_join(const char *a, const char *b, const char *c)
{
	size_t n = strlen(a) + strlen(b) + strlen(c) + 1;
	char *s = malloc(n);

	if (s != NULL)
		snprintf(s, n, "%s%s%s", a, b, c);
	return s;
}

char *
keys_map_find(const char *keymap)
{
	char srcdir[1024], *slash;
	const char *dirs[2];
	size_t i, len;
	char *p;

	/* MW_LOCALEDIR_BUILD is TOP/BUILD/locale and the keymaps are in
	 * TOP/keymaps, so the client finds them before make install. The
	 * path is cut as a string: BUILD/locale may not exist yet. */
	snprintf(srcdir, sizeof(srcdir), "%s", MW_LOCALEDIR_BUILD);
	for (i = 0; i < 2; i++) {
		if ((slash = strrchr(srcdir, '/')) != NULL)
			*slash = '\0';
	}
	if (slash == NULL)
		snprintf(srcdir, sizeof(srcdir), ".");
	len = strlen(srcdir);
	snprintf(srcdir + len, sizeof(srcdir) - len, "/keymaps/");
	dirs[0] = srcdir;
	dirs[1] = MW_PREFIX "/share/mitwirkung/keymaps/";

	if (keymap == NULL || *keymap == '\0')
		keymap = "default";
	len = strlen(keymap);
	if (strchr(keymap, '/') != NULL ||
	    (len > 5 && strcmp(keymap + len - 5, ".keys") == 0)) {
		if (keys_readable(keymap))
			return strdup(keymap);
		if (strchr(keymap, '/') != NULL)
			return NULL;
	}
	for (i = 0; i < KEYS_NELEM(dirs); i++) {
		if ((p = keys_join(dirs[i], keymap,
		    len > 5 && strcmp(keymap + len - 5, ".keys") == 0 ? "" : ".keys")) == NULL)
			return NULL;
		if (keys_readable(p))
			return p;
		free(p);
	}
	return NULL;
}

char *
keys_map_user_path(void)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");

	/* The XDG spec says a relative XDG_CONFIG_HOME is to be ignored. */
	if (x != NULL && x[0] == '/')
		return keys_join(x, "/mitwirkung/keys", "");
	if (home != NULL && home[0] != '\0')
		return keys_join(home, "/.config/mitwirkung/keys", "");
	return NULL;
}

struct keys_map *
keys_map_setup(const char *keymap)
{
	struct keys_map *m;
	char *path, *user;

	if ((m = keys_map_new()) == NULL)
		return NULL;
	if (keymap == NULL || *keymap == '\0')
		keymap = "default";
	path = keys_map_find(keymap);
	if (path == NULL && strcmp(keymap, "default") != 0) {
		/* L10N: %s is what was given to --keymap. */
		keys_map_errorf(m, _("keymap '%s' not found; using the default keys"),
		    keymap);
		path = keys_map_find("default");
	}
	if (path != NULL)
		keys_map_load_file(m, path);
	else
		keys_map_load_defaults(m);
	free(path);
	user = keys_map_user_path();
	if (user != NULL && access(user, F_OK) == 0)
		keys_map_load_file(m, user);
	free(user);
	return m;
}

/* Returns 1 when key is text in ctx, so "common" must not take it. */
static int
keys_ctx_types(enum keys_context ctx, key_code key)
{
	return (ctx == KEYS_CTX_FORM || ctx == KEYS_CTX_EDITOR) && keys_is_text(key);
}

enum action
keys_map_lookup(const struct keys_map *m, enum keys_context ctx, key_code key)
{
	const struct keys_entry *e;

	if (m == NULL || (int)ctx < 0 || ctx >= KEYS_CTX__COUNT || key == KEYS_NONE)
		return ACTION_NONE;
	if ((e = keys_map_find_entry(m, ctx, key)) != NULL)
		return e->action == KEYS_HIDDEN ? ACTION_NONE : (enum action)e->action;
	if (ctx == KEYS_CTX_COMMON || keys_ctx_types(ctx, key))
		return ACTION_NONE;
	e = keys_map_find_entry(m, KEYS_CTX_COMMON, key);
	if (e == NULL || e->action == KEYS_HIDDEN)
		return ACTION_NONE;
	return (enum action)e->action;
}

/* Orders by action, the context's own bindings before common ones. */
static int
keys_binding_cmp(const struct keys_binding *x, const struct keys_binding *y)
{
	if (x->action != y->action)
		return (int)x->action < (int)y->action ? -1 : 1;
	if (x->from != y->from)
		return x->from == KEYS_CTX_COMMON ? 1 : -1;
	return 0;
}

/* A stable insertion sort: keys of one action keep the order of the
 * keymap file, whose first key is the one shown in hints. */
static void
keys_binding_sort(struct keys_binding *b, size_t n)
{
	struct keys_binding t;
	size_t i, j;

	for (i = 1; i < n; i++) {
		t = b[i];
		for (j = i; j > 0 && keys_binding_cmp(&b[j - 1], &t) > 0; j--)
			b[j] = b[j - 1];
		b[j] = t;
	}
}

size_t
keys_map_list(const struct keys_map *m, enum keys_context ctx,
    struct keys_binding *out, size_t max)
{
	struct keys_binding *all;
	size_t total = 0, i, n;

	if (m == NULL || (int)ctx < 0 || ctx >= KEYS_CTX__COUNT)
		return 0;
	n = m->n[ctx] + (ctx != KEYS_CTX_COMMON ? m->n[KEYS_CTX_COMMON] : 0);
	if (n == 0 || (all = calloc(n, sizeof(*all))) == NULL)
		return 0;
	for (i = 0; i < m->n[ctx]; i++) {
		if (m->bind[ctx][i].action == KEYS_HIDDEN)
			continue;
		all[total].key = m->bind[ctx][i].key;
		all[total].action = (enum action)m->bind[ctx][i].action;
		all[total++].from = ctx;
	}
	for (i = 0; ctx != KEYS_CTX_COMMON && i < m->n[KEYS_CTX_COMMON]; i++) {
		const struct keys_entry *e = &m->bind[KEYS_CTX_COMMON][i];

		if (e->action == KEYS_HIDDEN || keys_ctx_types(ctx, e->key) ||
		    keys_map_find_entry(m, ctx, e->key) != NULL)
			continue;
		all[total].key = e->key;
		all[total].action = (enum action)e->action;
		all[total++].from = KEYS_CTX_COMMON;
	}
	keys_binding_sort(all, total);
	if (out != NULL)
		memcpy(out, all, (total < max ? total : max) * sizeof(*all));
	free(all);
	return total;
}

size_t
keys_map_keys_for(const struct keys_map *m, enum keys_context ctx,
    enum action action, char *buf, size_t bufsz, size_t max_keys)
{
	struct keys_binding *b;
	size_t n, i, found = 0, len = 0;
	char name[KEYS_NAME_MAX * 3];

	if (buf != NULL && bufsz > 0)
		buf[0] = '\0';
	n = keys_map_list(m, ctx, NULL, 0);
	if (n == 0 || (b = calloc(n, sizeof(*b))) == NULL)
		return 0;
	keys_map_list(m, ctx, b, n);
	for (i = 0; i < n; i++) {
		if (b[i].action != action)
			continue;
		found++;
		if (buf == NULL || (max_keys != 0 && found > max_keys))
			continue;
		keys_name_local(b[i].key, name, sizeof(name));
		if (len + strlen(name) + (len > 0 ? 2 : 0) + 1 > bufsz)
			continue;
		len += (size_t)snprintf(buf + len, bufsz - len, "%s%s",
		    len > 0 ? ", " : "", name);
	}
	free(b);
	return found;
}
