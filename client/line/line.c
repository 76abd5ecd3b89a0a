/* line.c — the line-mode UI: pages printed top to bottom, one typed line at a time, no escape sequences. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "client/client.h"
#include "client/i18n.h"
#include "client/keys/keys.h"
#include "client/line/line.h"
#include "client/ui/app.h"
#include "client/ui/page.h"
#include "common/text.h"

/* Seconds a kiosk warning waits for a key before the session resets; the
 * warning comes this long before the idle time (--idle-reset) is over,
 * as in the full-screen UI. */
#define LINE_GRACE	30

struct line {
	struct app		*app;
	struct keys_map		*keys;
	struct line_reader	 in;
	int			 out;		/* file descriptor written to */
	int			 rows;		/* page length for "-- more --"; 0: no paging */
	int			 printed;	/* lines printed since the last input */
	int			 stop_paging;	/* "q" at a more prompt */
	int			 kiosk;
	int			 idle;		/* seconds before the kiosk warning */
	char			*last_sig;	/* what the last full print showed */
	char			*last_status;
	const struct page_field	*asked;		/* the field last asked for on its own */
	int			 tty;		/* stdin is a terminal (echo can be turned off) */
};

/*
 * Writes text, dropping every byte below 0x20 except \n (a TAB becomes a
 * space) and DEL: page texts are sanitized already, this is the last
 * guard that line mode never writes a control byte.
 */
static void
line_write(struct line *l, const char *s, size_t len)
{
	char buf[1024];
	size_t i, n = 0;
	ssize_t w;
	size_t off;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\t')
			c = ' ';
		else if ((c < 0x20 && c != '\n') || c == 0x7f)
			continue;
		buf[n++] = (char)c;
		if (c == '\n')
			l->printed++;
		if (n == sizeof(buf) || i + 1 == len) {
			off = 0;
			while (off < n) {
				w = write(l->out, buf + off, n - off);
				if (w < 0 && errno == EINTR)
					continue;
				if (w <= 0)
					return;
				off += (size_t)w;
			}
			n = 0;
		}
	}
	if (n > 0) {
		off = 0;
		while (off < n && (w = write(l->out, buf + off, n - off)) > 0)
			off += (size_t)w;
	}
}

static void
line_puts(struct line *l, const char *s)
{
	line_write(l, s, strlen(s));
}

static void line_printf(struct line *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
line_printf(struct line *l, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n >= 0 && s != NULL)
		line_write(l, s, (size_t)n);
	free(s);
}

/* Reads one line with the idle handling of kiosk mode. Returns 1 with a
 * line in *out (caller frees), 0 at the end of input. */
static int line_input(struct line *l, char **out);

/*
 * Before a printed line would scroll the page's start away, asks for
 * Enter ("-- more --"). Only where a person reads interactively.
 */
static void
line_more(struct line *l)
{
	char *ans = NULL;

	if (l->rows <= 2 || l->stop_paging || l->printed < l->rows - 2)
		return;
	/* L10N: line mode pager; q skips the rest of the page. */
	line_puts(l, _("-- more, Enter to continue, q to skip --\n"));
	if (line_input(l, &ans) <= 0) {
		l->stop_paging = 1;
		return;
	}
	if (ans[0] == 'q')
		l->stop_paging = 1;
	free(ans);
	l->printed = 0;
}

/* Prints a text that may hold several lines, line by line, paging. */
static void
line_text(struct line *l, const char *prefix, const char *s)
{
	const char *nl;

	while (s != NULL && !l->stop_paging) {
		nl = strchr(s, '\n');
		line_more(l);
		if (l->stop_paging)
			break;
		line_puts(l, prefix);
		line_write(l, s, nl != NULL ? (size_t)(nl - s) : strlen(s));
		line_puts(l, "\n");
		s = nl != NULL ? nl + 1 : NULL;
	}
}

/* One item as a line: "3. Roundnet — your choice 2", its detail below. */
static void
line_item(struct line *l, const struct page_item *it)
{
	const char *ind = it->indent > 0 ? "   " : "";
	char bar[21];

	line_more(l);
	if (l->stop_paging)
		return;
	if (it->number > 0)
		line_printf(l, "%s%d. ", ind, it->number);
	else
		line_puts(l, ind);
	line_puts(l, it->label != NULL ? it->label : "");
	if (it->field != NULL) {
		if (it->field->secret)
			line_printf(l, ": %s", it->field->len > 0 ?
			    /* L10N: a password field that has been filled in. */
			    _("entered") : _("empty"));
		else if (it->field->len > 0 && !it->field->multiline)
			line_printf(l, ": %s", it->field->text);
		else if (it->field->len == 0)
			line_printf(l, ": %s", _("empty"));
	}
	if (it->state != NULL && it->state[0] != '\0')
		line_printf(l, " — %s", it->state);
	line_puts(l, "\n");
	if (it->field != NULL && it->field->multiline && it->field->len > 0)
		line_text(l, "   ", it->field->text);
	if (it->field != NULL && it->field->error != NULL)
		line_text(l, "   ", it->field->error);
	if (it->has_bar) {
		page_bar(it->bar, 20, bar);
		line_printf(l, "   [%s]\n", bar);
	}
	if (it->detail != NULL && it->detail[0] != '\0')
		line_text(l, "   ", it->detail);
}

/* A short summary of a page, to notice whether it changed. */
static char *
line_signature(const struct page *p)
{
	char *s = NULL;
	size_t n = 0, i;
	FILE *f;

	if ((f = open_memstream(&s, &n)) == NULL)
		return NULL;
	fprintf(f, "%s\n%s\n", p->breadcrumb ? p->breadcrumb : "", p->heading);
	for (i = 0; i < p->n_text; i++)
		fprintf(f, "%s\n", p->text[i].text);
	for (i = 0; i < p->n_item; i++)
		fprintf(f, "%d %s\n", p->item[i].number,
		    p->item[i].label ? p->item[i].label : "");
	fclose(f);
	return s;
}

/* The whole page, top to bottom. */
static void
line_page(struct line *l, const struct page *p)
{
	const char *group = NULL;
	size_t i;

	l->stop_paging = 0;
	line_puts(l, "\n");
	if (p->breadcrumb != NULL && p->breadcrumb[0] != '\0')
		line_text(l, "", p->breadcrumb);
	line_text(l, "", p->heading);
	for (i = 0; i < p->n_text && !l->stop_paging; i++)
		line_text(l, "", p->text[i].text);
	for (i = 0; i < p->n_item && !l->stop_paging; i++) {
		const struct page_item *it = &p->item[i];

		if (it->group != NULL && (group == NULL || strcmp(group, it->group) != 0)) {
			line_more(l);
			line_printf(l, "%s:\n", it->group);
		}
		group = it->group;
		line_item(l, it);
	}
	if (p->n_item == 0 && p->n_text == 0)
		line_puts(l, _("Nothing here yet.\n"));
}

/* Only the items whose text changed, for a page that stayed the same
 * (choosing an option prints one line, not the whole poll again). */
static void
line_changes(struct line *l, const struct page *p, char **prev, size_t nprev)
{
	size_t i;
	char *cur;

	for (i = 0; i < p->n_item; i++) {
		cur = NULL;
		if (asprintf(&cur, "%s|%s|%s|%d", p->item[i].state ? p->item[i].state : "",
		    p->item[i].detail ? p->item[i].detail : "",
		    p->item[i].field ? p->item[i].field->text : "",
		    p->item[i].field && p->item[i].field->error ? 1 : 0) < 0)
			continue;
		if (i >= nprev || prev[i] == NULL || strcmp(prev[i], cur) != 0)
			line_item(l, &p->item[i]);
		free(cur);
	}
}

static void
line_states_free(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

static char **
line_states(const struct page *p)
{
	char **v;
	size_t i;

	if ((v = calloc(p->n_item + 1, sizeof(*v))) == NULL)
		return NULL;
	for (i = 0; i < p->n_item; i++) {
		if (asprintf(&v[i], "%s|%s|%s|%d", p->item[i].state ? p->item[i].state : "",
		    p->item[i].detail ? p->item[i].detail : "",
		    p->item[i].field ? p->item[i].field->text : "",
		    p->item[i].field && p->item[i].field->error ? 1 : 0) < 0)
			v[i] = NULL;
	}
	return v;
}

/* Words a person can type instead of a key that needs a real keyboard. */
static const struct {
	const char	*word;
	enum action	 action;
} line_words[] = {
	{ "b", ACTION_BACK },
	{ "h", ACTION_HELP },
	{ "?", ACTION_HELP },
	{ "q", ACTION_QUIT },
};

/* The printable key bound to action a in ctx (not a digit), or 0. */
static key_code
line_key_in(struct line *l, enum keys_context ctx, enum action a)
{
	struct keys_binding b[96];
	size_t i, n;

	n = keys_map_list(l->keys, ctx, b, sizeof(b) / sizeof(b[0]));
	if (n > sizeof(b) / sizeof(b[0]))
		n = sizeof(b) / sizeof(b[0]);
	for (i = 0; i < n; i++)
		if (b[i].action == a && b[i].key >= 0x21 && b[i].key < 0x7f &&
		    !(b[i].key >= '0' && b[i].key <= '9'))
			return b[i].key;
	return 0;
}

/*
 * The thing to type for an action on this page: a line-mode word, the
 * printable key the keymap binds in the page's context, else one bound in
 * another context that is free here, else the action's name.
 */
static void
line_key_for(struct line *l, enum keys_context ctx, enum action a, char *buf, size_t sz)
{
	key_code k;
	size_t i;
	int c;

	for (i = 0; i < sizeof(line_words) / sizeof(line_words[0]); i++) {
		if (line_words[i].action == a) {
			snprintf(buf, sz, "%s", line_words[i].word);
			return;
		}
	}
	if ((k = line_key_in(l, ctx, a)) != 0) {
		snprintf(buf, sz, "%c", (char)k);
		return;
	}
	for (c = 0; c < KEYS_CTX__COUNT; c++) {
		k = line_key_in(l, (enum keys_context)c, a);
		if (k != 0 && keys_map_lookup(l->keys, ctx, k) == ACTION_NONE) {
			snprintf(buf, sz, "%c", (char)k);
			return;
		}
	}
	snprintf(buf, sz, "%s", keys_action_name(a));
}

/* The action a typed single character means in ctx, also through the
 * other contexts for actions the page offers (see line_key_for()). */
static enum action
line_key_action(struct line *l, const struct page *p, enum keys_context ctx, key_code k)
{
	enum action a;
	int c;

	if ((a = keys_map_lookup(l->keys, ctx, k)) != ACTION_NONE)
		return a;
	if ((a = keys_map_lookup(l->keys, KEYS_CTX_COMMON, k)) != ACTION_NONE)
		return a;
	for (c = 0; c < KEYS_CTX__COUNT; c++) {
		a = keys_map_lookup(l->keys, (enum keys_context)c, k);
		if (a != ACTION_NONE && page_offers(p, a))
			return a;
	}
	return ACTION_NONE;
}

static enum keys_context
line_ctx(const struct page *p)
{
	int c = keys_context_parse(p->context != NULL ? p->context : "list");

	/* Line mode types whole lines: an editor page is a form here. */
	if (c < 0 || c == KEYS_CTX_EDITOR)
		c = KEYS_CTX_FORM;
	return (enum keys_context)c;
}

/* "Number to open, r review, b back, h help:" from the page's actions. */
static void
line_prompt(struct line *l, const struct page *p)
{
	enum keys_context ctx = line_ctx(p);
	char key[32];
	size_t i;
	int any = 0;

	for (i = 0; i < p->n_item; i++)
		if (p->item[i].number > 0)
			any = 1;
	if (any)
		/* L10N: start of the line-mode prompt. */
		line_puts(l, _("Number"));
	for (i = 0; i < p->n_action; i++) {
		enum action a = p->action[i].action;

		/* Open is what a number does; moving is what numbers replace. */
		if (a == ACTION_OPEN || a == ACTION_TOGGLE || a == ACTION_NEXT_FIELD ||
		    a == ACTION_PREV_FIELD || a == ACTION_MOVE_UP || a == ACTION_MOVE_DOWN)
			continue;
		line_key_for(l, ctx, a, key, sizeof(key));
		if (strcmp(key, p->action[i].label) == 0)
			line_printf(l, "%s%s", any ? ", " : "", key);
		else
			line_printf(l, "%s%s %s", any ? ", " : "", key, p->action[i].label);
		any = 1;
	}
	line_puts(l, ": ");
	l->printed = 0;
}

/* Maps a typed word to an action on this page; ACTION_NONE if none. */
static enum action
line_word(struct line *l, const struct page *p, const char *w)
{
	enum keys_context ctx = line_ctx(p);
	enum action a;
	key_code k;
	size_t i;

	for (i = 0; i < sizeof(line_words) / sizeof(line_words[0]); i++)
		if (strcmp(w, line_words[i].word) == 0)
			return line_words[i].action;
	if ((a = keys_action_parse(w)) != ACTION_NONE)
		return a;
	for (i = 0; i < p->n_action; i++)
		if (p->action[i].label != NULL && strcasecmp(w, p->action[i].label) == 0)
			return p->action[i].action;
	if ((k = keys_parse(w)) != KEYS_NONE && keys_is_text(k))
		return line_key_action(l, p, ctx, k);
	return ACTION_NONE;
}

/* Turns the terminal's echo off or on for a password (no escape sequence:
 * an ioctl on the terminal). */
static void
line_echo(struct line *l, int on)
{
	struct termios t;

	if (!l->tty || tcgetattr(0, &t) != 0)
		return;
	if (on)
		t.c_lflag |= ECHO;
	else
		t.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(0, TCSANOW, &t);
}

/*
 * Asks for the focused field's text: one line, or for a multi-line field
 * lines until one holding only a dot. Returns 1, or 0 at the end of input.
 */
static int
line_ask_field(struct line *l, const struct page_item *it)
{
	const struct page_field *f = it->field;
	char *ans = NULL, *all = NULL, *tmp;
	size_t len = 0;
	int r;
	const char *q = f->prompt != NULL ? f->prompt : (f->name ? f->name : it->label);
	size_t ql = strlen(q);

	/* The prompt may end in its own colon; line mode adds one. */
	while (ql > 0 && (q[ql - 1] == ':' || q[ql - 1] == ' '))
		ql--;
	line_write(l, q, ql);
	if (f->multiline) {
		/* L10N: how to end a multi-line answer in line mode. */
		line_puts(l, _(" (several lines; a line with only a dot ends the text)"));
		line_puts(l, ":\n");
		for (;;) {
			l->printed = 0;
			if ((r = line_input(l, &ans)) <= 0) {
				free(all);
				return 0;
			}
			if (strcmp(ans, ".") == 0) {
				free(ans);
				break;
			}
			tmp = realloc(all, len + strlen(ans) + 2);
			if (tmp == NULL) {
				free(ans);
				break;
			}
			all = tmp;
			if (len > 0)
				all[len++] = '\n';
			memcpy(all + len, ans, strlen(ans) + 1);
			len += strlen(ans);
			free(ans);
		}
		app_field_set(l->app, all != NULL ? all : "");
		free(all);
		return 1;
	}
	line_puts(l, ": ");
	if (f->secret)
		line_echo(l, 0);
	r = line_input(l, &ans);
	if (f->secret) {
		line_echo(l, 1);
		if (l->tty)
			line_puts(l, "\n");
	}
	if (r <= 0)
		return 0;
	app_field_set(l->app, ans);
	if (f->secret)
		explicit_bzero(ans, strlen(ans));
	free(ans);
	return 1;
}

static void
line_hook_loading(void *ud, const char *what)
{
	struct line *l = ud;

	line_printf(l, "%s\n", what);
}

static void
line_hook_reset(void *ud)
{
	struct line *l = ud;
	int i;

	/* No escape sequence may clear the screen here: push the last
	 * person's page out of sight with blank lines instead. */
	for (i = 0; i < 60; i++)
		line_puts(l, "\n");
	free(l->last_sig);
	l->last_sig = NULL;
	free(l->last_status);
	l->last_status = NULL;
	l->asked = NULL;
}

static int
line_input(struct line *l, char **out)
{
	int r, timeout;

	timeout = l->kiosk ? (l->idle > LINE_GRACE ? l->idle - LINE_GRACE : 1) * 1000 : -1;
	for (;;) {
		r = line_reader_get(&l->in, out, timeout);
		if (r != LINE_TIMEOUT)
			return r == LINE_OK ? 1 : 0;
		/* Kiosk: warn, then give LINE_GRACE seconds for one Enter. */
		line_printf(l, _("\nAre you still there? Press Enter within %d seconds "
		    "to continue; otherwise this session ends and everything "
		    "you typed is removed.\n"), LINE_GRACE);
		r = line_reader_get(&l->in, out, LINE_GRACE * 1000);
		if (r == LINE_OK) {
			free(*out);
			*out = NULL;
			line_puts(l, _("Welcome back. You can go on.\n"));
			continue;
		}
		if (r == LINE_EOF)
			return 0;
		app_reset(l->app);
		line_puts(l, _("The session has ended. Welcome!\n"));
		*out = strdup("");
		return *out != NULL;
	}
}

/* Handles one typed line. Returns APP_QUIT to leave. */
static int
line_handle(struct line *l, const struct page *p, char *ans)
{
	char *w, *save = NULL;
	enum action a;
	int n, idx, r = APP_OK, numbers = 0, same, i;
	char *end, *heading;
	long ids[32];
	enum page_item_kind kinds[32];
	int nums[32];

	/* Trim spaces at both ends. */
	while (*ans == ' ')
		ans++;
	n = (int)strlen(ans);
	while (n > 0 && ans[n - 1] == ' ')
		ans[--n] = '\0';
	if (ans[0] == '\0')
		return APP_OK;

	/*
	 * "3" opens item 3; "2 5 1" chooses items in that order (ranking).
	 * Numbers mean the items as the page showed them, even when choosing
	 * one reorders the list.
	 */
	for (w = strtok_r(ans, " ,", &save); w != NULL; w = strtok_r(NULL, " ,", &save)) {
		long v = strtol(w, &end, 10);

		if (*end != '\0' || end == w) {
			if (numbers > 0)
				break;
			a = line_word(l, p, w);
			if (a == ACTION_NONE || (!page_offers(p, a) && a != ACTION_HELP &&
			    a != ACTION_QUIT && a != ACTION_BACK && a != ACTION_LANGUAGE &&
			    a != ACTION_LOGIN && a != ACTION_LOGOUT && a != ACTION_ACCOUNT &&
			    a != ACTION_HOME && a != ACTION_MESSAGES && a != ACTION_REGISTER &&
			    a != ACTION_MODERATION && a != ACTION_REFRESH)) {
				/* L10N: line mode did not understand what was typed. */
				line_printf(l, _("'%s' is not a choice here. Type h for help.\n"), w);
				return APP_OK;
			}
			return app_action(l->app, a, 0);
		}
		if (numbers >= (int)(sizeof(ids) / sizeof(ids[0])))
			break;
		if ((idx = page_find_number(p, (int)v)) < 0) {
			line_printf(l, _("There is no number %ld here.\n"), v);
			return APP_OK;
		}
		ids[numbers] = p->item[idx].id;
		kinds[numbers] = p->item[idx].kind;
		nums[numbers++] = (int)v;
	}
	for (i = 0; i < numbers; i++) {
		p = app_page(l->app);
		n = nums[i];
		/* Find the item by what it is, not where it was. */
		if (i > 0 && ids[i] != 0) {
			size_t j;

			for (j = 0; j < p->n_item; j++)
				if (p->item[j].id == ids[i] && p->item[j].kind == kinds[i])
					break;
			if (j == p->n_item || p->item[j].number <= 0)
				break;
			n = p->item[j].number;
		}
		app_action(l->app, ACTION_JUMP, n);
		p = app_page(l->app);
		if (p->focus >= 0 && p->item[p->focus].field != NULL) {
			if (!line_ask_field(l, &p->item[p->focus]))
				return APP_QUIT;
			l->asked = p->item[p->focus].field;
			continue;
		}
		heading = strdup(p->heading);
		r = app_action(l->app, ACTION_OPEN, 0);
		if (r != APP_OK) {
			free(heading);
			return r;
		}
		/* Opening another page ends a list of numbers. */
		p = app_page(l->app);
		same = heading != NULL && strcmp(p->heading, heading) == 0;
		free(heading);
		if (!same)
			break;
	}
	return r;
}

/*
 * In a form, asks for each empty field in turn, so filling in a form is a
 * conversation: "Name:", "Password:", then the page with its button.
 */
static int
line_walk_fields(struct line *l)
{
	const struct page *p = app_page(l->app);
	const struct page_item *it = page_focused(p);
	int guard = 0;

	while (it != NULL && it->field != NULL && it->field->len == 0 &&
	    it->field != l->asked && guard++ < 16) {
		l->asked = it->field;
		if (!line_ask_field(l, it))
			return 0;
		app_action(l->app, ACTION_NEXT_FIELD, 0);
		p = app_page(l->app);
		it = page_focused(p);
	}
	return 1;
}

int
line_main(const struct client_opts *opts)
{
	struct line l;
	struct app_hooks hooks = { line_hook_loading, line_hook_reset };
	const struct page *p;
	char *ans = NULL, *sig, **states = NULL;
	size_t nstates = 0, i;
	struct winsize ws;
	const char *env;
	int r, status = CLIENT_EXIT_OK;

	memset(&l, 0, sizeof(l));
	signal(SIGPIPE, SIG_IGN);
	l.out = 1;
	l.kiosk = opts->kiosk;
	l.idle = opts->idle_reset > 0 ? opts->idle_reset : 300;
	l.tty = isatty(0);
	line_reader_init(&l.in, 0);
	if ((env = getenv("LINES")) != NULL && atoi(env) > 2)
		l.rows = atoi(env);
	else if (l.tty && isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 2)
		l.rows = ws.ws_row;

	if ((l.keys = keys_map_setup(opts->keymap)) == NULL ||
	    (l.app = app_new(opts, &hooks, &l)) == NULL) {
		fputs(_("mitwirkung: out of memory\n"), stderr);
		keys_map_free(l.keys);
		return CLIENT_EXIT_USAGE;
	}
	app_set_keymap(l.app, l.keys);
	app_set_viewport(l.app, l.rows > 0 ? l.rows - 3 : 1000, 0);
	for (i = 0; i < keys_map_nerrors(l.keys); i++)
		line_printf(&l, "%s\n", keys_map_error(l.keys, i));
	/* L10N: the first line in line mode. */
	line_puts(&l, _("MitWirkung Kaiserslautern, line mode. Type h for help.\n"));

	for (;;) {
		p = app_page(l.app);
		sig = line_signature(p);
		if (sig == NULL || l.last_sig == NULL || strcmp(sig, l.last_sig) != 0) {
			line_page(&l, p);
			free(l.last_sig);
			l.last_sig = sig;
			l.asked = NULL;
		} else {
			line_changes(&l, p, states, nstates);
			free(sig);
		}
		if (p->status != NULL && (l.last_status == NULL ||
		    strcmp(p->status, l.last_status) != 0)) {
			line_printf(&l, "%s\n", p->status);
			free(l.last_status);
			l.last_status = strdup(p->status);
		} else if (p->status == NULL) {
			free(l.last_status);
			l.last_status = NULL;
		}
		line_states_free(states, nstates);
		states = line_states(p);
		nstates = states != NULL ? p->n_item : 0;

		if (!line_walk_fields(&l))
			break;
		p = app_page(l.app);
		if (page_focused(p) != NULL && page_focused(p)->field == NULL)
			l.asked = NULL;
		/* A field filled in by the walk changed the page: show it. */
		line_changes(&l, p, states, nstates);
		line_states_free(states, nstates);
		states = line_states(p);
		nstates = states != NULL ? p->n_item : 0;

		line_prompt(&l, p);
		if (line_input(&l, &ans) <= 0) {
			line_puts(&l, "\n");
			break;
		}
		app_status_clear(l.app);
		r = line_handle(&l, app_page(l.app), ans);
		free(ans);
		ans = NULL;
		if (r == APP_QUIT)
			break;
	}
	line_states_free(states, nstates);
	free(l.last_sig);
	free(l.last_status);
	line_reader_free(&l.in);
	app_free(l.app);
	keys_map_free(l.keys);
	return status;
}
