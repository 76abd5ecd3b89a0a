/* line.c — the line-mode UI: pages printed top to bottom, one typed line at a time, no escape sequences. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "client/client.h"
#include "client/i18n.h"
#include "client/keys/keys.h"
#include "client/line/line.h"
#include "client/line/line_int.h"
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
void
line_quiet(struct line *l, const struct page *p, int status)
{
	l->said.logged_in = app_logged_in(l->app);
	line_said_quiet(&l->said, &l->prompts, &l->buf, p);
	if (status)
		line_said_status(&l->said, &l->buf, p);
	line_flush(l);
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

int
line_input(struct line *l, char **out)
{
	int r, timeout, grace;

	/* A kiosk reset is due: every question asked on the way back to
	 * the main loop ends as at the end of input. */
	if (l->reset_due)
		return 0;
	/* The Enter that ends the typed line takes the cursor to column 0. */
	l->col = 0;
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
			const struct page_field *f = p->item[p->focus].field;

			if ((r = line_ask_field(l, &p->item[p->focus])) == 0)
				return APP_QUIT;
			l->asked = f;
			/* b at a refused field ends the numbers. */
			if (r == 3) {
				r = APP_OK;
				break;
			}
			r = APP_OK;
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
	const struct page_item *it;
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
	case LINE_DO_QUESTION:
		r = line_walk_question(l, d.at, &which);
		if (r == 0)
			return APP_QUIT;
		if (r == 2) {
			/* Not an answer (b, h): for the page. */
			r = line_handle(l, app_page(l->app), which);
			free(which);
			return r;
		}
		return APP_OK;
	case LINE_DO_ACTION:
		break;
	}
	if (d.at > 0)
		app_action(l->app, ACTION_JUMP, d.at);
	/* Help on a question says first how to answer it. */
	if (d.action == ACTION_HELP)
		line_said_answers(&l->said, p);
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
	r = app_action(l->app, d.action, 0);
	/* The action refused a field (a wrong code): it is asked again. */
	if ((it = page_focused(app_page(l->app))) != NULL && it->field != NULL &&
	    it->field->error != NULL)
		l->asked = NULL;
	return r;
}

/*
 * The end of input (Ctrl-D) with typed text or an unsent choice: asks as
 * q does instead of dropping it without a word. A terminal can answer
 * (Ctrl-D again quits); a pipe cannot, but the question says what is
 * lost. Not in a kiosk (its reset wipes). Returns 1 when it asked, 0 to
 * quit.
 */
static int
line_eof(struct line *l)
{
	if (!l->in.eof || l->eof_asked || l->kiosk)
		return 0;
	l->eof_asked = 1;
	/* What the last answer said ("You chose 'Rather yes'.") is not
	 * said again under the question. */
	app_status_clear(l->app);
	if (app_action(l->app, ACTION_QUIT, 0) == APP_QUIT)
		return 0;
	if (l->tty)
		l->in.eof = 0;
	return 1;
}

int
line_main(const struct client_opts *opts)
{
	struct line l;
	struct app_hooks hooks = { line_loading, line_hook_reset };
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
	sa.sa_handler = line_slow_alarm;
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
				if (line_reset(&l) || line_eof(&l))
					continue;
				break;
			}
			if (walked == 2) {
				r = line_handle(&l, app_page(l.app), ans);
				free(ans);
				ans = NULL;
				if (r == APP_QUIT && !line_reset(&l) && !line_eof(&l))
					break;
				continue;
			}
		}

		if ((walked = line_walk_fields(&l, fresh)) == 0) {
			if (line_reset(&l) || line_eof(&l))
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
			if (line_reset(&l) || line_eof(&l))
				continue;
			line_puts(&l, "\n");
			break;
		}
		l.eof_asked = 0;
		app_status_clear(l.app);
		r = line_handle(&l, app_page(l.app), ans);
		free(ans);
		ans = NULL;
		/* A question asked on the way (a field by its number, a
		 * survey question again) ended by a kiosk reset or Ctrl-D:
		 * as at the prompt, not as q. */
		if (r == APP_QUIT && !line_reset(&l) && !line_eof(&l))
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
