/* line.c — the line-mode UI: pages printed top to bottom, one typed line at a time, no escape sequences. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <termios.h>
#include <unistd.h>

#include "client/client.h"
#include "client/i18n.h"
#include "client/keys/keys.h"
#include "client/line/line.h"
#include "client/line/parse.h"
#include "client/line/prompt.h"
#include "client/line/resolve.h"
#include "client/line/say.h"
#include "client/line/wipe.h"
#include "client/ui/app.h"
#include "client/ui/page.h"

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
	struct line_out		 buf;		/* said, not yet written; .stopped: q at a more prompt */
	int			 kiosk;
	int			 idle;		/* seconds before the kiosk warning */
	int			 time_scale;	/* --test-time-scale, >= 1 */
	struct line_said	 said;		/* what was said so far (say.c) */
	int			 loading_said;	/* "Loading…" was the last line */
	struct line_prompts	 prompts;	/* what prompts said and taught */
	const struct page_field	*asked;		/* the field last asked for on its own */
	int			 tty;		/* stdin is a terminal (echo can be turned off) */
	int			 used;		/* kiosk: something was typed since the last reset */
	int			 reset_due;	/* kiosk: time ran out; unwinding to the main loop */
	int			 unnumbered;	/* a field is asked without its page number */
};

/*
 * "Loading…" is said only when a request takes longer than LINE_SLOW_MS:
 * on a fast link it would be one more word to hear on every page; on a
 * slow one it says once that something is happening. The timer's handler
 * writes the prepared line (write(2) is safe in a signal handler).
 */
#define LINE_SLOW_MS	700

static char			line_slow_msg[128];
static size_t			line_slow_len;
static volatile sig_atomic_t	line_slow_fd = -1;

static void
line_on_alarm(int sig)
{
	ssize_t w;

	(void)sig;
	if (line_slow_fd >= 0 && line_slow_len > 0)
		w = write(line_slow_fd, line_slow_msg, line_slow_len);
	(void)w;
	line_slow_len = 0;
}

static void
line_slow_arm(int ms)
{
	struct itimerval it;

	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = ms / 1000;
	it.it_value.tv_usec = (ms % 1000) * 1000;
	setitimer(ITIMER_REAL, &it, NULL);
}

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

	/* A kiosk reset is due: nothing more of the last person's page. */
	if (l->reset_due)
		return;
	/* Whatever comes now is the answer: no late "Loading…". */
	if (line_slow_len > 0) {
		line_slow_arm(0);
		line_slow_len = 0;
	}
	l->loading_said = 0;
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

/* Writes out what was said so far. */
static void
line_flush(struct line *l)
{
	if (l->buf.wrote)
		line_write(l, l->buf.s != NULL ? l->buf.s : "", l->buf.len);
	line_out_reset(&l->buf);
}

static void
line_printf(struct line *l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	line_out_vprintf(&l->buf, fmt, ap);
	va_end(ap);
	line_flush(l);
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

	if (l->rows <= 2 || l->buf.stopped || l->printed < l->rows - 2)
		return;
	/* L10N: line mode pager; q skips the rest of the page. */
	line_puts(l, _("-- more, Enter to continue, q to skip --\n"));
	if (line_input(l, &ans) <= 0) {
		l->buf.stopped = 1;
		return;
	}
	if (ans[0] == 'q')
		l->buf.stopped = 1;
	free(ans);
	l->printed = 0;
}

/* Before a line that may scroll the page's start away: what was said so
 * far goes out, then the pager may ask. */
static int
line_more_cb(struct line_out *o, void *ud)
{
	struct line *l = ud;

	line_flush(l);
	line_more(l);
	return o->stopped;
}

/* Says the page as this session knows it (say.c): whole the first time,
 * later what changed; with full (t) every detail. */
static void
line_say(struct line *l, const struct page *p, int full)
{
	l->said.logged_in = app_logged_in(l->app);
	if (full)
		line_said_full(&l->said, &l->prompts, &l->buf, p);
	else
		line_said_page(&l->said, &l->prompts, &l->buf, p);
	line_flush(l);
}

/* Notes the page as said without saying it; with status, its status
 * is said (once). */
static void
line_quiet(struct line *l, const struct page *p, int status)
{
	l->said.logged_in = app_logged_in(l->app);
	line_said_quiet(&l->said, &l->prompts, &l->buf, p);
	if (status)
		line_said_status(&l->said, &l->buf, p);
	line_flush(l);
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
 * Asks for the focused field's text once: one line, or for a multi-line
 * field lines until one holding only a dot. Returns 1, 2 when the text
 * was kept as it was (Enter alone), or 0 at the end of input.
 */
static int
line_ask_once(struct line *l, const struct page_item *it, int refused)
{
	const struct page_field *f = it->field;
	char *ans = NULL, *q;
	struct line_out all;
	int r;

	if ((q = line_prompt_field(it, !l->unnumbered, refused)) == NULL)
		return 0;
	line_puts(l, q);
	free(q);
	if (f->multiline) {
		memset(&all, 0, sizeof(all));
		for (;;) {
			l->printed = 0;
			if ((r = line_input(l, &ans)) <= 0) {
				line_out_free(&all);
				return 0;
			}
			if (strcmp(ans, ".") == 0) {
				free(ans);
				/* A dot at once keeps the text as it was. */
				if (!all.wrote && f->len > 0)
					return 2;
				break;
			}
			if (all.len > 0)
				line_out_puts(&all, "\n");
			line_out_puts(&all, ans);
			free(ans);
		}
		app_field_set(l->app, all.s != NULL ? all.s : "");
		line_out_free(&all);
		return 1;
	}
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
	/* Enter alone keeps what the field holds. */
	r = ans[0] == '\0' && f->len > 0 ? 2 : 1;
	if (r == 1)
		app_field_set(l->app, ans);
	if (f->secret)
		explicit_bzero(ans, strlen(ans));
	free(ans);
	return r;
}

/*
 * Asks for the focused field's text until the app takes it: a text it
 * refuses (a user name with spaces) is said to be wrong, with what is
 * allowed, and asked again. Enter alone keeps the text and goes on.
 * Returns 1, or 0 at the end of input.
 */
static int
line_ask_field(struct line *l, const struct page_item *it)
{
	const struct page_item *now;
	int r, refused = 0;

	for (;;) {
		if ((r = line_ask_once(l, it, refused)) == 0)
			return 0;
		if (r == 2 || app_field_check(l->app) == 0)
			return 1;
		/* The page was built again: the item as it is now. */
		if ((now = page_focused(app_page(l->app))) == NULL || now->field == NULL)
			return 1;
		it = now;
		/* Said here, once: not again by the status line. */
		line_printf(l, "%s\n", it->field->error != NULL ? it->field->error : "");
		app_status_clear(l->app);
		l->printed = 0;
		refused = 1;
	}
}

static void
line_hook_loading(void *ud, const char *what)
{
	struct line *l = ud;
	size_t n = strlen(what);

	if (l->loading_said || n + 2 > sizeof(line_slow_msg))
		return;
	line_slow_arm(0);
	memcpy(line_slow_msg, what, n);
	line_slow_msg[n] = '\n';
	line_slow_len = n + 1;
	line_slow_fd = l->out;
	l->loading_said = 1;
	line_slow_arm(LINE_SLOW_MS);
}

static void
line_hook_reset(void *ud)
{
	struct line *l = ud;
	size_t i, n = (size_t)wipe_rows_of(l->out);

	/* No escape sequence may clear the screen here: push the last
	 * person's page out of sight with one screenful of blank lines. */
	for (i = 0; i < n; i++)
		line_puts(l, "\n");
	l->printed = 0;
	line_reader_drop(&l->in);
	line_said_clear(&l->said);
	line_prompts_forget(&l->prompts);
	/* The next person is new here: teach numbers, t, b and h again. */
	l->prompts.taught = 0;
	l->used = 0;
	l->asked = NULL;
}

static int
line_input(struct line *l, char **out)
{
	int r, timeout, grace;

	/* A kiosk reset is due: every question asked on the way back to
	 * the main loop ends as at the end of input. */
	if (l->reset_due)
		return 0;
	/* --test-time-scale (tests only) makes both waits shorter. */
	grace = LINE_GRACE * 1000 / l->time_scale;
	for (;;) {
		/* Kiosk: only a session with something to wipe times out;
		 * an unused kiosk waits quietly for the next person. */
		timeout = l->kiosk && (l->used || app_has_session(l->app)) ?
		    (l->idle > LINE_GRACE ? l->idle - LINE_GRACE : 1) * 1000 /
		    l->time_scale : -1;
		r = line_reader_get(&l->in, out, timeout);
		if (r == LINE_OK && (*out)[strspn(*out, " ")] != '\0')
			l->used = 1;
		if (r != LINE_TIMEOUT)
			return r == LINE_OK ? 1 : 0;
		/* Kiosk: warn, then give LINE_GRACE seconds for one Enter. */
		line_printf(l, _("\nAre you still there? Press Enter within %d seconds "
		    "to continue; otherwise this session ends and everything "
		    "you typed is removed.\n"), LINE_GRACE);
		r = line_reader_get(&l->in, out, grace);
		if (r == LINE_OK) {
			free(*out);
			*out = NULL;
			line_puts(l, _("Welcome back. You can go on.\n"));
			continue;
		}
		if (r == LINE_EOF)
			return 0;
		/* Reset in the main loop (line_reset), not here, in the middle
		 * of a page, a "-- more --" or a text being typed, whose
		 * screens the reset frees. */
		l->reset_due = 1;
		return 0;
	}
}

/* Kiosk: when a reset is due, wipes the session and welcomes the next
 * person. Returns 1 when it did (the main loop goes on), else 0. */
static int
line_reset(struct line *l)
{
	if (!l->reset_due)
		return 0;
	l->reset_due = 0;
	app_reset(l->app);
	line_puts(l, _("The session has ended. Welcome!\n"));
	return 1;
}

/*
 * A typed ranking ("2 4 3") replaces the whole ranking: the options
 * ranked before are taken out (the last choice first), then the typed
 * ones are chosen in order, and the order is read back.
 */
static void
line_rank(struct line *l, const struct line_cmd *c)
{
	const struct page *p = app_page(l->app);
	long ids[LINE_CMD_NUMS];
	size_t i, n = line_rank_taken(p, ids, LINE_CMD_NUMS);
	int k;

	for (i = 0; i < n; i++) {
		if ((k = line_number_of(app_page(l->app), ids[i], PAGE_ITEM_RANKED)) < 0)
			continue;
		app_action(l->app, ACTION_JUMP, k);
		app_action(l->app, ACTION_TOGGLE, 0);
	}
	/* Options keep their numbers when ranked: the typed ones in order. */
	for (i = 0; i < c->n; i++) {
		app_action(l->app, ACTION_JUMP, c->nums[i]);
		p = app_page(l->app);
		if (p->focus >= 0 && p->item[p->focus].rank == 0)
			app_action(l->app, ACTION_TOGGLE, 0);
	}
	/* The order read back is the change: the options are not said
	 * again one by one, nor the status of the last one. */
	p = app_page(l->app);
	line_say_order(&l->buf, p);
	line_flush(l);
	line_quiet(l, p, 0);
	line_said_status_known(&l->said, p);
}

/* Typed numbers: "3" opens item 3 (or asks for field 3); "2 5 1"
 * chooses items in that order. Numbers mean the items as the page showed
 * them, even when choosing one reorders the list. */
static int
line_numbers(struct line *l, const struct page *p, const struct line_cmd *c)
{
	long ids[LINE_CMD_NUMS];
	enum page_item_kind kinds[LINE_CMD_NUMS];
	char *heading;
	size_t i;
	int idx, n, r = APP_OK, same;

	for (i = 0; i < c->n; i++) {
		idx = page_find_number(p, c->nums[i]);
		ids[i] = p->item[idx].id;
		kinds[i] = p->item[idx].kind;
	}
	for (i = 0; i < c->n; i++) {
		p = app_page(l->app);
		n = c->nums[i];
		/* Find the item by what it is, not where it was. */
		if (i > 0 && ids[i] != 0 && (n = line_number_of(p, ids[i], kinds[i])) <= 0)
			break;
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

/* Handles one typed line: resolves it, then applies the decision.
 * Returns APP_QUIT to leave. */
static int
line_handle(struct line *l, const struct page *p, char *ans)
{
	struct line_cmd c;
	struct line_do d;
	char *heading, *which = NULL;
	int r;

	line_parse(ans, &c);
	switch (line_resolve(l->keys, p, &c, &d)) {
	case LINE_DO_NOTHING:
		return APP_OK;
	case LINE_DO_FULL:
		/* t says the whole page: every paragraph and item detail. */
		line_say(l, p, 1);
		return APP_OK;
	case LINE_DO_SAY:
		line_puts(l, d.say);
		return APP_OK;
	case LINE_DO_NUMBERS:
		return line_numbers(l, p, &c);
	case LINE_DO_RANK:
		line_rank(l, &c);
		return APP_OK;
	case LINE_DO_WHICH:
		/* L10N: line mode asks which item an action is for. */
		line_puts(l, _("Which number? "));
		if (line_input(l, &which) <= 0)
			return APP_OK;
		r = line_which_parse(which);
		free(which);
		if (r < 0)
			return APP_OK;
		if (line_resolve_at(p, &d, r) == LINE_DO_SAY) {
			line_puts(l, d.say);
			return APP_OK;
		}
		break;
	case LINE_DO_ACTION:
		break;
	}
	if (d.at > 0)
		app_action(l->app, ACTION_JUMP, d.at);
	if (d.action == ACTION_BACK || d.action == ACTION_HOME) {
		/* Said whole again only when back went somewhere
		 * ("This is the first page" stays on the page). */
		heading = strdup(p->heading);
		r = app_action(l->app, d.action, 0);
		p = app_page(l->app);
		l->said.again = heading == NULL || strcmp(heading, p->heading) != 0;
		free(heading);
		return r;
	}
	return app_action(l->app, d.action, 0);
}

/*
 * In a form, asks for each empty field in turn, so filling in a form is a
 * conversation: "Name:", "Password:", then the page with its button.
 * Returns 0 at the end of input, 2 when it asked, else 1.
 */
static int
line_walk_fields(struct line *l, int fresh)
{
	const struct page *p = app_page(l->app);
	const struct page_item *it;
	int guard = 0, asked = 0, start;

	/* A form just opened with the focus elsewhere: its first field. */
	if (fresh && (start = line_walk_start(p)) > 0) {
		app_action(l->app, ACTION_JUMP, start);
		p = app_page(l->app);
	}
	it = page_focused(p);
	while (it != NULL && it->field != NULL && it->field->len == 0 &&
	    it->field != l->asked && guard++ < 16) {
		l->asked = it->field;
		if (!line_ask_field(l, it))
			return 0;
		/* Enter alone at the first question stops the questions: the
		 * page's prompt says what else can be done (register instead
		 * of logging in). Later it leaves an optional field empty. */
		p = app_page(l->app);
		it = page_focused(p);
		if (it == NULL || it->field == NULL || (it->field->len == 0 && asked++ == 0))
			break;
		asked++;
		app_action(l->app, ACTION_NEXT_FIELD, 0);
		p = app_page(l->app);
		it = page_focused(p);
	}
	return asked ? 2 : 1;
}

/*
 * One question of a survey, with answers numbered within it (a scale
 * by its own values): typed answers replace the question's answer,
 * Enter alone keeps it. Returns 1, 0 at the end of input, or 2 with a
 * line that is not an answer left in *rest for the caller.
 */
static int
line_ask_question(struct line *l, const char *group, char **rest)
{
	const struct page *p = app_page(l->app);
	struct line_question q;
	size_t k;
	int want[LINE_CMD_NUMS], got, refused;
	struct line_cmd c;
	char *ans = NULL, buf[256];

	if (line_question_get(p, group, &q) == 0)
		return 1;
	if (q.field) {
		app_action(l->app, ACTION_JUMP, q.nums[0]);
		p = app_page(l->app);
		if (page_focused(p) == NULL || page_focused(p)->field == NULL)
			return 1;
	}
	line_say_question(&l->buf, p, group, &q);
	line_flush(l);
	if (q.field) {
		l->unnumbered = 1;
		got = line_ask_field(l, page_focused(p));
		l->unnumbered = 0;
		return got;
	}
	for (refused = 0;; refused = 1) {
		line_puts(l, line_prompt_question(&q, refused, buf, sizeof(buf)));
		l->printed = 0;
		if (line_input(l, &ans) <= 0)
			return 0;
		if ((got = line_question_answer(p, &q, ans, &c, want)) == LINE_ANSWER_OTHER) {
			*rest = ans;
			return 2;
		}
		free(ans);
		if (got == LINE_ANSWER_SKIP)
			return 1;
		if (got == LINE_ANSWER_OK)
			break;
	}
	/* The typed answer replaces the question's answer. */
	for (k = 0; q.multi && k < q.n; k++) {
		size_t j;

		p = app_page(l->app);
		for (j = 0; j < c.n && want[j] != (int)k; j++)
			;
		if (p->item[q.first + k].checked && j == c.n) {
			app_action(l->app, ACTION_JUMP, q.nums[k]);
			app_action(l->app, ACTION_TOGGLE, 0);
		}
	}
	for (k = 0; k < c.n; k++) {
		p = app_page(l->app);
		if (p->item[q.first + want[k]].checked)
			continue;
		app_action(l->app, ACTION_JUMP, q.nums[want[k]]);
		app_action(l->app, ACTION_TOGGLE, 0);
	}
	return 1;
}

/*
 * A survey in line mode is asked one question at a time, its answers
 * numbered within the question, so a number means one thing only (the
 * scale value 4 is typed as 4). Returns 1, 0 at the end of input, or 2
 * with a line that is not an answer in *rest (the person typed b, h, r).
 */
static int
line_walk_questions(struct line *l, char **rest)
{
	char *groups[32];
	size_t i, n = line_question_groups(app_page(l->app), groups, 32);
	int r = 1;

	for (i = 0; i < n && r == 1; i++)
		r = line_ask_question(l, groups[i], rest);
	for (i = 0; i < n; i++)
		free(groups[i]);
	/* What the answers changed is not said back: they were just typed. */
	if (r != 0) {
		app_status_clear(l->app);
		line_quiet(l, app_page(l->app), 0);
	}
	return r;
}

int
line_main(const struct client_opts *opts)
{
	struct line l;
	struct app_hooks hooks = { line_hook_loading, line_hook_reset };
	const struct page *p;
	char *ans = NULL, prompt[1024];
	size_t i;
	struct winsize ws;
	struct sigaction sa;
	const char *env;
	int r, fresh, walked, status = CLIENT_EXIT_OK;

	memset(&l, 0, sizeof(l));
	l.buf.more_cb = line_more_cb;
	l.buf.ud = &l;
	signal(SIGPIPE, SIG_IGN);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = line_on_alarm;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	l.out = 1;
	l.kiosk = opts->kiosk;
	l.idle = opts->idle_reset > 0 ? opts->idle_reset : 300;
	l.time_scale = opts->time_scale > 0 ? opts->time_scale : 1;
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
	l.prompts.taught = LINE_T_HELP;

	for (;;) {
		p = app_page(l.app);
		fresh = line_said_fresh(&l.said, p);
		if (fresh)
			l.asked = NULL;
		l.said.questions = line_asks_questions(p, fresh, l.said.was_review);
		line_say(&l, p, 0);
		if (l.said.questions) {
			l.said.questions = 0;
			if ((walked = line_walk_questions(&l, &ans)) == 0) {
				if (line_reset(&l))
					continue;
				break;
			}
			if (walked == 2) {
				r = line_handle(&l, app_page(l.app), ans);
				free(ans);
				ans = NULL;
				if (r == APP_QUIT)
					break;
				continue;
			}
		}

		if ((walked = line_walk_fields(&l, fresh)) == 0) {
			if (line_reset(&l))
				continue;
			break;
		}
		p = app_page(l.app);
		if (page_focused(p) != NULL && page_focused(p)->field == NULL)
			l.asked = NULL;
		/* Fields filled in by the walk changed the page. What was
		 * just typed is not said back, unless a field refused it or
		 * the app has something to say. */
		if (walked == 2 && !line_field_errors(p)) {
			/* The app's word is said, not the fields back. */
			line_quiet(&l, p, 1);
		} else {
			line_say(&l, p, 0);
		}

		line_puts(&l, line_prompt_page(&l.prompts, l.keys, p, l.said.cut, l.said.after_review,
		    prompt, sizeof(prompt)));
		l.printed = 0;
		if (line_input(&l, &ans) <= 0) {
			if (line_reset(&l))
				continue;
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
	line_said_clear(&l.said);
	line_prompts_forget(&l.prompts);
	line_reader_free(&l.in);
	line_out_free(&l.buf);
	app_free(l.app);
	keys_map_free(l.keys);
	return status;
}
