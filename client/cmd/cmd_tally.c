/* cmd_tally.c — the command 'tally': paper sheets of a poll listed, shown side by side, keyed, corrected, withdrawn. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/cmd/cmd_int.h"
#include "client/i18n.h"
#include "client/ui/ui.h"

/* Option indexes of cmd_tally's value options (cmd.c opts_tally). */
enum { TO_SOURCE, TO_BALLOTS, TO_INVALID, TO_KEYS, TO_REASON, TO_KEYING };

#define TALLY_ORDER_MAX	64

/* A whole number >= 0 from an option; -1 (message printed) when not. */
static long
tally_num(const char *arg, const char *name)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || v < 0) {
		/* L10N: %s is an option ("--ballots"), then what was typed. */
		cmd_usage_error(_("%s must be a whole number, 0 or more, not '%s'"), name, arg);
		return -1;
	}
	return v;
}

/* Option number k (1..) of the poll as its page lists them; -1 when not. */
static int
tally_option(const struct api_poll *p, const char *s, char **end)
{
	long k = strtol(s, end, 10);

	if (*end == s)
		return -1;
	if (k < 1 || (size_t)k > p->n_options) {
		/* L10N: %ld what was typed, %zu the number of options. */
		cmd_usage_error(_("option %ld: the poll has options 1 to %zu (see: mitwirkung poll %lld)"),
		    k, p->n_options, p->id);
		return -2;
	}
	return (int)k - 1;
}

/*
 * Parses the counts: "N=COUNT" per option (N as listed on the poll's page),
 * for ranking polls "A,B,C=COUNT" (an order of option numbers, first choice
 * first). lines and ids are the caller's (n entries). Returns 0 or -1.
 */
static int
tally_parse(const struct api_poll *p, char **arg, size_t n,
    struct api_paper_line *lines, long long (*ids)[TALLY_ORDER_MAX])
{
	int ranking = p->kind == API_POLL_RANKING;
	const char *s;
	char *end;
	size_t i, k;
	int o;

	for (i = 0; i < n; i++) {
		const char *eq = strrchr(arg[i], '=');

		if (eq == NULL) {
			cmd_usage_error(ranking ?
			    _("'%s': give a paper ranking as option numbers and its ballots, e.g. 4,1,5=3") :
			    _("'%s': give an option number and its votes, e.g. 2=17"), arg[i]);
			return -1;
		}
		k = 0;
		for (s = arg[i]; s < eq; s = end) {
			while (*s == ',' || *s == '>' || *s == ' ')
				s++;
			if (s >= eq)
				break;
			if ((o = tally_option(p, s, &end)) == -2)
				return -1;
			if (o < 0 || k == TALLY_ORDER_MAX || (end != eq && *end != ',' && *end != '>')) {
				cmd_usage_error(_("'%s': give option numbers as listed on the poll's page"), arg[i]);
				return -1;
			}
			ids[i][k++] = p->options[o].id;
		}
		if (k == 0 || (!ranking && k > 1)) {
			cmd_usage_error(ranking ?
			    _("'%s': give a paper ranking as option numbers and its ballots, e.g. 4,1,5=3") :
			    _("'%s': give an option number and its votes, e.g. 2=17"), arg[i]);
			return -1;
		}
		lines[i].choices = ids[i];
		lines[i].n_choices = k;
		if ((lines[i].count = tally_num(eq + 1, arg[i])) < 0)
			return -1;
	}
	return 0;
}

/* The title of option id with its number ("4. Roundnet"), into buf. */
static const char *
tally_option_text(const struct api_poll *p, long long id, char *buf, size_t size)
{
	size_t i;

	for (i = 0; i < p->n_options; i++)
		if (p->options[i].id == id) {
			snprintf(buf, size, "%zu. %s", i + 1, p->options[i].title ? p->options[i].title : "");
			return buf;
		}
	snprintf(buf, size, "?");
	return buf;
}

static void
tally_print_entry(const struct api_poll *p, const struct api_tally_entry *e)
{
	char b[64], inv[64], opt[256], when[64];
	size_t i, k;

	ui_date(e->keyed_at, when, sizeof(when));
	snprintf(b, sizeof(b), ngettext("%ld ballot", "%ld ballots", (unsigned long)e->ballots), e->ballots);
	snprintf(inv, sizeof(inv), ngettext("%ld invalid", "%ld invalid", (unsigned long)e->invalid), e->invalid);
	/* L10N: keying number, who, date, "20 ballots", "1 invalid". */
	printf(_("  Keying %d by %s on %s: %s, %s.\n"), e->slot, e->keyed_by != NULL ? e->keyed_by : "?",
	    when, b, inv);
	for (i = 0; i < e->n_rankings; i++) {
		printf("    ");
		for (k = 0; k < e->rankings[i].n_choices; k++)
			printf("%s%s", k > 0 ? ", " : "",
			    tally_option_text(p, e->rankings[i].choices[k], opt, sizeof(opt)));
		printf(ngettext(": %ld ballot\n", ": %ld ballots\n", (unsigned long)e->rankings[i].count),
		    e->rankings[i].count);
	}
}

/* One sheet: state, keyings, per option both numbers side by side. */
static void
tally_print(const struct api_poll *p, const struct api_tally_sheet *t, size_t num)
{
	const struct api_tally_entry *e1 = t->n_entries > 0 ? &t->entries[0] : NULL;
	const struct api_tally_entry *e2 = t->n_entries > 1 ? &t->entries[1] : NULL;
	char opt[256];
	size_t i, k;

	if (num > 0)
		printf("%zu. ", num);
	printf("%s: %s\n", t->source != NULL ? t->source : "", ui_tally_state_word(t->state));
	for (k = 0; k < t->n_entries; k++)
		tally_print_entry(p, &t->entries[k]);
	if (e1 != NULL)
		printf("  %s\n", p->kind == API_POLL_RANKING ? _("Points per option:") :
		    _("Votes per option:"));
	for (i = 0; e1 != NULL && i < p->n_options; i++) {
		long a = api_tally_entry_count(e1, p->options[i].id);

		tally_option_text(p, p->options[i].id, opt, sizeof(opt));
		if (e2 == NULL)
			printf("    %s: %ld\n", opt, a);
		else if (a == api_tally_entry_count(e2, p->options[i].id))
			printf(_("    %s: %ld, both agree\n"), opt, a);
		else
			/* L10N: the two keyings differ for an option. */
			printf(_("    %s: keying 1: %ld, keying 2: %ld, differ\n"), opt, a,
			    api_tally_entry_count(e2, p->options[i].id));
	}
}

/* The sheet numbered k (1.., as 'tally list' shows) of poll p. */
static int
tally_sheet(struct cmd_ctx *c, long long poll_id, const char *arg, long long *id)
{
	struct api_tally_list *l = NULL;
	long long k = cmd_id(arg, _("sheet"));

	if (k < 0)
		return CLIENT_EXIT_USAGE;
	if (api_tally_list(c->api, poll_id, &l) < 0)
		return cmd_api_fail(c);
	if ((size_t)k > l->n) {
		size_t n = l->n;	/* read before the list is freed */

		api_tally_list_free(l);
		/* L10N: %lld the sheet typed, %zu how many sheets there are. */
		return cmd_usage_error(ngettext("sheet %lld: the poll has %zu paper sheet (see: mitwirkung tally list %lld)",
		    "sheet %lld: the poll has %zu paper sheets (see: mitwirkung tally list %lld)", n),
		    k, n, poll_id);
	}
	*id = l->items[k - 1].id;
	api_tally_list_free(l);
	return CLIENT_EXIT_OK;
}

static int
tally_list(struct cmd_ctx *c, const struct api_poll *p)
{
	struct api_tally_list *l = NULL;
	char note[256];
	size_t i;

	if (api_tally_list(c->api, p->id, &l) < 0)
		return cmd_api_fail(c);
	if (!cmd_print_json(c)) {
		/* L10N: %lld the poll, %s its title, then how many sheets. */
		printf(ngettext("Poll %lld, %s: %zu paper sheet.\n", "Poll %lld, %s: %zu paper sheets.\n", l->n),
		    p->id, p->title ? p->title : "", l->n);
		if (p->kind == API_POLL_RANKING)
			printf("%s\n", ui_paper_ranking_text(p, note, sizeof(note)));
		for (i = 0; i < l->n; i++)
			tally_print(p, &l->items[i], i + 1);
	}
	api_tally_list_free(l);
	return CLIENT_EXIT_OK;
}

/* add, key, correct: the numbers from the arguments, sent. */
static int
tally_send(struct cmd_ctx *c, struct cmd_args *a, const struct api_poll *p,
    const char *verb, long long tally_id, int first)
{
	struct api_tally_sheet *t = NULL;
	struct api_paper_line *lines;
	struct api_paper_in in;
	long long (*ids)[TALLY_ORDER_MAX];
	size_t n = (size_t)(a->npos - first);
	long keying = 0;
	int r = CLIENT_EXIT_USAGE, rc;

	if (a->val[TO_BALLOTS] == NULL)
		return cmd_usage_error(_("tally %s: --ballots says how many paper ballots the sheet has"), verb);
	memset(&in, 0, sizeof(in));
	in.source = a->val[TO_SOURCE];
	in.ranking = p->kind == API_POLL_RANKING;
	in.keys = 1;
	if ((in.ballots = tally_num(a->val[TO_BALLOTS], "--ballots")) < 0 ||
	    (a->val[TO_INVALID] != NULL && (in.invalid = tally_num(a->val[TO_INVALID], "--invalid")) < 0) ||
	    (a->val[TO_KEYING] != NULL && (keying = tally_num(a->val[TO_KEYING], "--keying")) < 0))
		return CLIENT_EXIT_USAGE;
	if (a->val[TO_KEYS] != NULL) {
		if (strcmp(a->val[TO_KEYS], "1") != 0 && strcmp(a->val[TO_KEYS], "2") != 0)
			return cmd_usage_error(_("--keys is 1 (keyed once) or 2 (keyed by two staff members)"));
		in.keys = a->val[TO_KEYS][0] - '0';
	}
	if (keying > 2)
		return cmd_usage_error(_("--keying is 1 or 2"));
	lines = calloc(n ? n : 1, sizeof(*lines));
	ids = calloc(n ? n : 1, sizeof(*ids));
	if (lines == NULL || ids == NULL) {
		r = CLIENT_EXIT_NETWORK;
		goto out;
	}
	if (tally_parse(p, a->pos + first, n, lines, ids) < 0)
		goto out;
	in.lines = lines;
	in.n_lines = n;
	if (strcmp(verb, "add") == 0) {
		if (in.source == NULL) {
			r = cmd_usage_error("%s", _("tally add: --source says where the ballots were collected and which sheet"));
			goto out;
		}
		rc = api_tally_add(c->api, p->id, &in, &t);
	} else if (strcmp(verb, "key") == 0)
		rc = api_tally_key(c->api, tally_id, &in, &t);
	else {
		if (a->val[TO_REASON] == NULL) {
			r = cmd_usage_error("%s", _("tally correct: --reason says why the keying is corrected"));
			goto out;
		}
		rc = api_tally_correct(c->api, tally_id, (int)keying, a->val[TO_REASON], &in, &t);
	}
	if (rc < 0) {
		r = cmd_api_fail(c);
		goto out;
	}
	r = CLIENT_EXIT_OK;
	if (!cmd_print_json(c)) {
		printf(_("The paper ballots for '%s' are saved.\n"), p->title ? p->title : "");
		tally_print(p, t, 0);
	}
out:
	api_tally_sheet_free(t);
	free(lines);
	free(ids);
	return r;
}

int
cmd_tally(struct cmd_ctx *c, struct cmd_args *a)
{
	static const char *const verbs[] = { "list", "add", "show", "key", "correct", "withdraw" };
	struct api_tally_sheet *t = NULL;
	struct api_poll *p = NULL;
	long long poll_id, tally_id = 0;
	const char *verb = a->pos[0];
	char what[64];
	size_t v;
	int r;

	for (v = 0; v < sizeof(verbs) / sizeof(verbs[0]); v++)
		if (strcmp(verb, verbs[v]) == 0)
			break;
	if (v == sizeof(verbs) / sizeof(verbs[0]))
		return cmd_usage_error(_("tally: '%s' is not one of list, show, add, key, correct, withdraw"), verb);
	if (a->npos < 2)
		return cmd_usage_error(_("tally %s: which poll?"), verb);
	if ((poll_id = cmd_id(a->pos[1], _("poll"))) < 0)
		return CLIENT_EXIT_USAGE;
	/* "poll 7: Not found." says what was looked for. */
	snprintf(what, sizeof(what), "%s %lld", _("poll"), poll_id);
	c->what = what;
	if (v >= 2 && a->npos < 3)
		return cmd_usage_error(_("tally %s: which sheet (its number in 'mitwirkung tally list %lld')?"),
		    verb, poll_id);
	if (api_poll_get(c->api, poll_id, &p) < 0)
		return cmd_api_fail(c);
	if (v >= 2 && (r = tally_sheet(c, poll_id, a->pos[2], &tally_id)) != CLIENT_EXIT_OK)
		goto out;
	switch (v) {
	case 0:
		r = tally_list(c, p);
		break;
	case 1:
		r = tally_send(c, a, p, verb, 0, 2);
		break;
	case 2:
		if (api_tally_get(c->api, tally_id, &t) < 0) {
			r = cmd_api_fail(c);
			break;
		}
		r = CLIENT_EXIT_OK;
		if (!cmd_print_json(c))
			tally_print(p, t, (size_t)strtoll(a->pos[2], NULL, 10));
		break;
	case 3:
	case 4:
		r = tally_send(c, a, p, verb, tally_id, 3);
		break;
	default:
		if (a->val[TO_REASON] == NULL) {
			r = cmd_usage_error("%s", _("tally withdraw: --reason says why the sheet is withdrawn"));
			break;
		}
		if (api_tally_withdraw(c->api, tally_id, a->val[TO_REASON], &t) < 0) {
			r = cmd_api_fail(c);
			break;
		}
		r = CLIENT_EXIT_OK;
		if (!cmd_print_json(c))
			printf(_("The sheet '%s' is withdrawn; it no longer counts.\n"), t->source ? t->source : "");
		break;
	}
out:
	c->what = NULL;
	api_tally_sheet_free(t);
	api_poll_free(p);
	return r;
}
