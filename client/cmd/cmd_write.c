/* cmd_write.c — one-shot commands that change something: vote, support, ideas, comments, surveys. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "common/ascii.h"
#include "client/cmd/cmd_int.h"
#include "client/i18n.h"
#include "client/ui/ui.h"
#include "common/text.h"

#define CMD_BODY_MAX	(64u << 10)	/* the API refuses larger bodies anyway */

/* Finds the option meant by arg: its number as the poll's page lists
 * them (1..), with --id its API id, else its title (case-insensitive, or
 * a unique beginning). Returns the index or -1 (message printed: what fits
 * when several do). */
static int
cmd_option_index(const struct api_poll *p, const char *arg, int by_id)
{
	size_t i, len = strlen(arg), nprefix = 0;
	int found = -1, prefix = -1;
	char *end, list[512];
	long long v = strtoll(arg, &end, 10);

	if (end != arg && *end == '\0') {
		for (i = 0; by_id && i < p->n_options; i++)
			if (p->options[i].id == v)
				return (int)i;
		if (!by_id && v >= 1 && (size_t)v <= p->n_options)
			return (int)v - 1;
		if (by_id)
			/* L10N: %s what was typed with --id, %lld the poll. */
			cmd_usage_error(_("'%s' is no option id of poll %lld (see: mitwirkung poll %lld --json)"),
			    arg, p->id, p->id);
		else
			cmd_usage_error(_("option %lld: the poll has options 1 to %zu (see: mitwirkung poll %lld)"),
			    v, p->n_options, p->id);
		return -1;
	}
	list[0] = '\0';
	for (i = 0; i < p->n_options; i++) {
		const char *t = p->options[i].title;

		if (t != NULL && ascii_strcasecmp(t, arg) == 0)
			found = (int)i;
		else if (t != NULL && ascii_strncasecmp(t, arg, len) == 0) {
			prefix = (int)i;
			snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%zu. %s",
			    nprefix++ > 0 ? ", " : "", i + 1, t);
		}
	}
	if (found >= 0)
		return found;
	if (nprefix == 1)
		return prefix;
	if (nprefix > 1)
		/* L10N: %s what was typed, then the options it fits ("2. Roundnet, 4. Rosen"). */
		cmd_usage_error(_("'%s' fits several options: %s; give its number"), arg, list);
	else
		/* L10N: %s is what the user typed as an option of a poll. */
		cmd_usage_error(_("'%s' is not an option of this poll (see: mitwirkung poll %lld)"),
		    arg, p->id);
	return -1;
}

/* A poll takes votes only while open; says why not (exit status 2). */
static int
cmd_poll_votable(const struct api_poll *p)
{
	char when[64];

	switch (p->status) {
	case API_STATUS_OPEN:
		return CLIENT_EXIT_OK;
	case API_STATUS_UPCOMING:
		fprintf(stderr, "mitwirkung: ");
		/* L10N: %lld the poll, %s a date ("1 March 2027"). */
		fprintf(stderr, _("poll %lld is not open yet: it opens on %s.\n"), p->id,
		    ui_date(p->opens_at, when, sizeof(when)));
		return CLIENT_EXIT_REFUSED;
	case API_STATUS_CLOSED:
		fprintf(stderr, "mitwirkung: ");
		fprintf(stderr, _("poll %lld is closed: it closed on %s.\n"), p->id,
		    ui_end_date(p->closes_at, when, sizeof(when)));
		return CLIENT_EXIT_REFUSED;
	case API_STATUS_PENDING:
	case API_STATUS_PUBLISHED:
	case API_STATUS_REJECTED:
	case API_STATUS_HIDDEN:
	case API_STATUS_ACTIVE:
	case API_STATUS_UNKNOWN:
		break;
	}
	return CLIENT_EXIT_OK;	/* the server decides */
}

int
cmd_vote(struct cmd_ctx *c, struct cmd_args *a)
{
	struct api_poll *p = NULL;
	struct api_ballot *b = NULL;
	long long id = cmd_id(a->pos[0], _("poll")), *choices = NULL;
	size_t n = (size_t)a->npos - 1, i, k, max;
	char day[64];
	int r = CLIENT_EXIT_OK;

	if (id < 0)
		return CLIENT_EXIT_USAGE;
	if (api_poll_get(c->api, id, &p) < 0)
		return cmd_api_fail(c);
	if ((r = cmd_poll_votable(p)) != CLIENT_EXIT_OK)
		goto out;
	max = p->kind == API_POLL_SINGLE ? 1 : p->max_choices > 0 ? (size_t)p->max_choices : p->n_options;
	if (n > max) {
		fprintf(stderr, "mitwirkung: ");
		/* L10N: %lld the poll, %zu its most choices, then how many were named. */
		fprintf(stderr, ngettext("poll %lld takes at most %zu option; you named %zu.\n",
		    "poll %lld takes at most %zu options; you named %zu.\n", max), id, max, n);
		r = CLIENT_EXIT_REFUSED;
		goto out;
	}
	choices = calloc(n, sizeof(*choices));
	if (choices == NULL) {
		r = CLIENT_EXIT_NETWORK;
		goto out;
	}
	for (i = 0; i < n; i++) {
		int idx = cmd_option_index(p, a->pos[i + 1], a->by_id);

		if (idx < 0) {
			r = CLIENT_EXIT_USAGE;
			goto out;
		}
		choices[i] = p->options[idx].id;
		for (k = 0; k < i; k++)
			if (choices[k] == choices[i]) {
				r = cmd_usage_error(_("option '%s' is named twice"),
				    a->pos[i + 1]);
				goto out;
			}
	}
	if (api_ballot_put(c->api, id, choices, n, &b) < 0) {
		r = cmd_api_fail(c);
		goto out;
	}
	if (cmd_print_json(c))
		goto out;
	/* L10N: after voting; %s is the poll title. */
	printf(_("Your ballot for '%s' is saved:\n"), p->title ? p->title : "");
	for (i = 0; i < b->n_choices; i++)
		for (k = 0; k < p->n_options; k++)
			if (p->options[k].id == b->choices[i])
				printf("%zu. %s\n", i + 1,
				    p->options[k].title ? p->options[k].title : "");
	/* A date a person reads, not the API's timestamp. */
	if (p->closes_at != NULL)
		printf(_("You can change it until %s.\n"), cmd_end_date(p->closes_at, day, sizeof(day)));
out:
	free(choices);
	api_ballot_free(b);
	api_poll_free(p);
	return r;
}

int
cmd_unvote(struct cmd_ctx *c, struct cmd_args *a)
{
	long long id = cmd_id(a->pos[0], _("poll"));

	if (id < 0)
		return CLIENT_EXIT_USAGE;
	if (api_ballot_delete(c->api, id) < 0)
		return cmd_api_fail(c);
	if (!cmd_print_json(c))
		printf("%s\n", _("Your ballot is withdrawn."));
	return CLIENT_EXIT_OK;
}

static int
cmd_support_set(struct cmd_ctx *c, struct cmd_args *a, int on)
{
	struct api_support s;
	long long id = cmd_id(a->pos[0], _("idea"));
	int r;

	if (id < 0)
		return CLIENT_EXIT_USAGE;
	r = on ? api_idea_support(c->api, id, &s) :
	    api_idea_unsupport(c->api, id, &s);
	if (r < 0)
		return cmd_api_fail(c);
	if (cmd_print_json(c))
		return CLIENT_EXIT_OK;
	if (s.supported)
		/* L10N: %lld idea id, %ld number of supporters. */
		printf(ngettext("You support idea %lld (%ld support).\n",
		    "You support idea %lld (%ld supports).\n", (unsigned long)s.supports),
		    id, s.supports);
	else
		printf(ngettext("You do not support idea %lld (%ld support).\n",
		    "You do not support idea %lld (%ld supports).\n", (unsigned long)s.supports),
		    id, s.supports);
	return CLIENT_EXIT_OK;
}

int
cmd_support(struct cmd_ctx *c, struct cmd_args *a)
{
	return cmd_support_set(c, a, 1);
}

int
cmd_unsupport(struct cmd_ctx *c, struct cmd_args *a)
{
	return cmd_support_set(c, a, 0);
}

/* Before a person types a text or answers: logged in at all, and (on a
 * terminal, where typing is work) still logged in? Returns 0 or the exit
 * status, with the message printed. */
static int
cmd_need_login(struct cmd_ctx *c)
{
	struct api_user *u = NULL;

	if (api_token(c->api) == NULL) {
		fprintf(stderr, "mitwirkung: %s\n", _("You are not logged in."));
		fprintf(stderr, "%s\n", _("Log in with: mitwirkung login"));
		return CLIENT_EXIT_LOGIN;
	}
	if (!isatty(0))
		return 0;
	if (api_me(c->api, &u) < 0)
		return cmd_api_fail(c);
	api_user_free(u);
	return 0;
}

/* The text of an idea or comment from stdin, with a prompt on a terminal. */
static char *
cmd_body(int *status)
{
	char *body;

	if (isatty(0))
		fprintf(stderr, "%s\n",
		    _("Type the text; end it with Ctrl-D on a line of its own."));
	body = cmd_read_stdin(CMD_BODY_MAX);
	if (body == NULL) {
		*status = cmd_usage_error(_("the text could not be read or is too long (at most 64 KiB)"));
		return NULL;
	}
	return body;
}

int
cmd_submit_idea(struct cmd_ctx *c, struct cmd_args *a)
{
	struct api_project *p = NULL;
	struct api_idea *it = NULL;
	char *body = NULL;
	int r = CLIENT_EXIT_OK;

	if (a->val[0] == NULL) {
		cmd_usage_error(_("submit-idea needs --title TITLE"));
		return CLIENT_EXIT_USAGE;
	}
	if ((r = cmd_need_login(c)) != 0 || (body = cmd_body(&r)) == NULL)
		return r;
	/* The project may be given by its short name; the id is needed. */
	if (api_project_get(c->api, a->pos[0], &p) < 0) {
		r = cmd_api_fail(c);
		goto out;
	}
	if (api_idea_create(c->api, p->id, a->val[0], body, &it) < 0) {
		r = cmd_api_fail(c);
		goto out;
	}
	if (!cmd_print_json(c))
		/* L10N: %lld is the new idea's id. */
		printf(_("Idea %lld is sent. It is shown to others once a moderator approves it.\n"),
		    it->id);
out:
	free(body);
	api_idea_free(it);
	api_project_free(p);
	return r;
}

int
cmd_comment(struct cmd_ctx *c, struct cmd_args *a)
{
	struct api_comment *cm = NULL;
	long long id = cmd_id(a->pos[0], _("idea")), parent = 0;
	char *body;
	int r = CLIENT_EXIT_OK;

	if (id < 0)
		return CLIENT_EXIT_USAGE;
	if (a->val[0] != NULL && (parent = cmd_id(a->val[0], _("comment"))) < 0)
		return CLIENT_EXIT_USAGE;
	if ((r = cmd_need_login(c)) != 0 || (body = cmd_body(&r)) == NULL)
		return r;
	if (api_idea_comment(c->api, id, parent, body, &cm) < 0)
		r = cmd_api_fail(c);
	else if (!cmd_print_json(c))
		printf(_("Comment %lld is sent. It is shown to others once a moderator approves it.\n"),
		    cm->id);
	free(body);
	api_comment_free(cm);
	return r;
}

/* ------------------------------------------------------------ survey */

/* Parses "1 3, 4" into ids of q's options given by their number (1..n).
 * Returns the count, or -1 when something is not a valid number. */
static int
cmd_parse_choices(const struct api_question *q, const char *line,
    long long *ids, size_t max)
{
	const char *p = line;
	size_t n = 0, k;
	char *end;
	long v;

	for (;;) {
		while (*p == ' ' || *p == ',' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		v = strtol(p, &end, 10);
		if (end == p || v < 1 || (size_t)v > q->n_options || n >= max)
			return -1;
		for (k = 0; k < n; k++)
			if (ids[k] == q->options[v - 1].id)
				return -1;
		ids[n++] = q->options[v - 1].id;
		p = end;
	}
	return (int)n;
}

/* Asks one question; fills an answer (owning text/choices through the
 * given buffers). Returns 1 answered, 0 skipped, -1 end of input. */
static int
cmd_ask(const struct api_question *q, size_t num, size_t total,
    struct api_answer *an, long long *ids, char **text)
{
	size_t i;
	int max;
	char *line;

	printf("\n%zu/%zu  ", num, total);
	cmd_print_indented(q->text ? q->text : "", 0);
	if (q->required)
		printf("%s\n", _("(required)"));
	for (i = 0; i < q->n_options; i++)
		printf("  %zu. %s\n", i + 1, q->options[i].title ? q->options[i].title : "");
	max = q->kind == API_QUESTION_MULTIPLE ?
	    (q->max_choices > 0 ? q->max_choices : (int)q->n_options) : 1;
	/* Asked again until answered: only the end of input ends it. */
	for (;;) {
		const char *prompt;

		if (q->kind == API_QUESTION_TEXT)
			prompt = _("Your answer (one line): ");
		else if (q->kind == API_QUESTION_SCALE)
			prompt = _("A number on the scale: ");
		else if (max > 1)
			prompt = _("Numbers of your choices, separated by spaces: ");
		else
			prompt = _("Number of your choice: ");
		if (q->kind == API_QUESTION_SCALE)
			printf(_("Scale from %d (%s) to %d (%s).\n"), q->scale_min,
			    q->min_label ? q->min_label : "", q->scale_max,
			    q->max_label ? q->max_label : "");
		printf("%s", prompt);
		fflush(stdout);
		line = cmd_read_line(NULL, 0);
		if (line == NULL)
			return -1;
		if (line[0] == '\0') {
			free(line);
			if (!q->required)
				return 0;
			printf("%s\n", _("This question needs an answer."));
			continue;
		}
		memset(an, 0, sizeof(*an));
		an->question_id = q->id;
		if (q->kind == API_QUESTION_TEXT) {
			/* Asked again now: at the end the platform would
			 * refuse the whole survey for it. */
			if (text_check(line, strlen(line), 0) != TEXT_OK) {
				free(line);
				printf("%s\n", _("That answer holds characters that cannot be sent "
				    "(control characters or text that is not UTF-8). Please type it again."));
				continue;
			}
			if (q->max_length > 0 && text_chars(line) > (size_t)q->max_length) {
				free(line);
				printf(_("That is too long: at most %d characters.\n"),
				    q->max_length);
				continue;
			}
			an->text = *text = line;
			return 1;
		}
		if (q->kind == API_QUESTION_SCALE) {
			char *end;
			long v = strtol(line, &end, 10);
			int bad = end == line || *end != '\0';

			free(line);
			if (bad || v < q->scale_min || v > q->scale_max) {
				printf(_("Please type one number from %d to %d.\n"),
				    q->scale_min, q->scale_max);
				continue;
			}
			an->has_value = 1;
			an->value = (int)v;
			return 1;
		}
		{
			int n = cmd_parse_choices(q, line, ids, (size_t)max);

			free(line);
			if (n <= 0 && max > 1) {
				printf(_("Please type up to %d different numbers from 1 to %zu, "
				    "separated by spaces.\n"), max, q->n_options);
				continue;
			}
			if (n <= 0) {
				printf(_("Please type one number from 1 to %zu.\n"), q->n_options);
				continue;
			}
			an->choices = ids;
			an->n_choices = (size_t)n;
			return 1;
		}
	}
}

int
cmd_survey(struct cmd_ctx *c, struct cmd_args *a)
{
	struct api_survey *s = NULL;
	struct api_answer *ans = NULL;
	long long id = cmd_id(a->pos[0], _("survey")), **ids = NULL;
	char **texts = NULL, *json = NULL;
	size_t i, n = 0;
	int r = CLIENT_EXIT_OK, got;

	if (id < 0)
		return CLIENT_EXIT_USAGE;
	if (a->val[0] != NULL) {
		FILE *f = fopen(a->val[0], "r");

		if (f == NULL)
			return cmd_usage_error(_("cannot read '%s'"), a->val[0]);
		json = calloc(1, CMD_BODY_MAX + 1);
		if (json != NULL && fread(json, 1, CMD_BODY_MAX, f) == 0 && ferror(f)) {
			free(json);
			json = NULL;
		}
		fclose(f);
		if (json == NULL)
			return cmd_usage_error(_("cannot read '%s'"), a->val[0]);
		if (api_survey_respond_json(c->api, id, json) < 0)
			r = cmd_api_fail(c);
		else if (!cmd_print_json(c))
			printf("%s\n", _("Your answers are saved. Thank you."));
		free(json);
		return r;
	}
	if ((r = cmd_need_login(c)) != 0)
		return r;
	if (api_survey_get(c->api, id, &s) < 0)
		return cmd_api_fail(c);
	printf("%s\n", s->title ? s->title : "");
	if (s->intro != NULL)
		cmd_print_indented(s->intro, 0);
	if (s->answered_by_me == 1)
		printf("%s\n", _("You have answered this survey; new answers replace the old ones."));
	ans = calloc(s->n_questions + 1, sizeof(*ans));
	ids = calloc(s->n_questions + 1, sizeof(*ids));
	texts = calloc(s->n_questions + 1, sizeof(*texts));
	if (ans == NULL || ids == NULL || texts == NULL) {
		r = CLIENT_EXIT_NETWORK;
		goto out;
	}
	for (i = 0; i < s->n_questions; i++) {
		const struct api_question *q = &s->questions[i];

		ids[i] = calloc(q->n_options + 1, sizeof(**ids));
		if (ids[i] == NULL) {
			r = CLIENT_EXIT_NETWORK;
			goto out;
		}
		got = cmd_ask(q, i + 1, s->n_questions, &ans[n], ids[i], &texts[i]);
		if (got < 0) {
			r = cmd_usage_error(_("the input ended before the survey was complete; nothing was sent"));
			goto out;
		}
		if (got > 0)
			n++;
	}
	if (api_survey_respond(c->api, id, ans, n) < 0) {
		r = cmd_api_fail(c);
		goto out;
	}
	if (!cmd_print_json(c))
		printf("\n%s\n", _("Your answers are saved. Thank you."));
out:
	for (i = 0; s != NULL && i < s->n_questions; i++) {
		if (ids != NULL)
			free(ids[i]);
		if (texts != NULL)
			free(texts[i]);
	}
	free(ids);
	free(texts);
	free(ans);
	api_survey_free(s);
	return r;
}
