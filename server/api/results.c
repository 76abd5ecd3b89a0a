/* results.c — counts poll results from ballot tallies; pure arithmetic, no SQL. */
#include <stdlib.h>
#include <string.h>

#include "server/api/results.h"
#include "server/api/store.h"

int64_t
results_analog_ballots(int kind, int max_choices, const int64_t *counts,
    size_t n, int64_t ballots)
{
	int64_t sum = 0, max = 0, per;
	size_t i;

	for (i = 0; i < n; i++) {
		if (counts[i] > 0) {
			sum += counts[i];
			if (counts[i] > max)
				max = counts[i];
		}
	}
	if (kind == STORE_POLL_SINGLE)
		return sum;
	if (ballots >= 0)
		return ballots;
	if (kind == STORE_POLL_MULTIPLE)
		return max;
	/* Ranking: points of one full paper ballot are m + (m-1) + ... + 1. */
	if (max_choices < 1)
		return 0;
	per = (int64_t)max_choices * (max_choices + 1) / 2;
	return (sum + per - 1) / per;
}

static int
results_why(struct store_tally_why *why, int problem, int64_t a, int64_t b,
    int64_t c, int64_t option_id)
{
	if (why != NULL) {
		why->problem = problem;
		why->a = a;
		why->b = b;
		why->c = c;
		why->option_id = option_id;
	}
	return -1;
}

/* Two lines with the same choices in the same order. */
static int
results_same_line(const struct store_tally_line *x, const struct store_tally_line *y)
{
	return x->n_choices == y->n_choices && (x->n_choices == 0 ||
	    memcmp(x->choices, y->choices, x->n_choices * sizeof(*x->choices)) == 0);
}

int
results_tally_check(int kind, int max_choices, const struct store_tally_entry *e,
    struct store_tally_why *why)
{
	int64_t sum = 0, valid, most = kind == STORE_POLL_RANKING ? max_choices : 1;
	size_t i, j, k;

	if (e->ballots < 0 || e->invalid < 0)
		return results_why(why, TALLY_NEGATIVE, e->ballots < 0 ? e->ballots :
		    e->invalid, 0, 0, 0);
	if (e->invalid > e->ballots)
		return results_why(why, TALLY_INVALID_OVER, e->invalid, e->ballots, 0, 0);
	valid = e->ballots - e->invalid;
	for (i = 0; i < e->n_lines; i++) {
		const struct store_tally_line *l = &e->lines[i];

		if (l->count < 0)
			return results_why(why, TALLY_NEGATIVE, l->count, 0, 0,
			    l->n_choices > 0 ? l->choices[0] : 0);
		if (l->n_choices < 1 || (int64_t)l->n_choices > most)
			return results_why(why, TALLY_SHAPE, (int64_t)l->n_choices,
			    most, 0, 0);
		for (j = 0; j < l->n_choices; j++)
			for (k = 0; k < j; k++)
				if (l->choices[j] == l->choices[k])
					return results_why(why, TALLY_DUPLICATE,
					    0, 0, 0, l->choices[j]);
		for (j = 0; j < i; j++)
			if (results_same_line(l, &e->lines[j]))
				return results_why(why, TALLY_DUPLICATE, 0, 0, 0,
				    l->choices[0]);
		if (kind == STORE_POLL_MULTIPLE && l->count > valid)
			return results_why(why, TALLY_COUNT_OVER, l->count, valid,
			    0, l->choices[0]);
		sum += l->count;
	}
	if (kind == STORE_POLL_MULTIPLE) {
		if (sum > valid * max_choices)
			return results_why(why, TALLY_CHOICES_OVER, sum, valid,
			    max_choices, 0);
	} else if (sum + e->invalid != e->ballots)
		return results_why(why, TALLY_SUM, sum, e->invalid, e->ballots, 0);
	return results_why(why, TALLY_OK, 0, 0, 0, 0) + 1;
}

/* Orders by total descending, then by the poll's option order: a stable
 * sort through the original index keeps ties in their given order. */
struct results_sortkey {
	int64_t	total;
	size_t	index;
};

static int
results_cmp(const void *a, const void *b)
{
	const struct results_sortkey *x = a, *y = b;

	if (x->total != y->total)
		return x->total > y->total ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

void
results_free(struct results *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n_options; i++)
		free(r->options[i].title);
	free(r->options);
	free(r);
}

int
results_count(const struct results_in *in, struct results **out)
{
	struct results *r = NULL;
	struct results_option *tmp = NULL;
	struct results_sortkey *key = NULL;
	int64_t sum_points = 0, m;
	size_t i, p;
	int rc = -1;

	if (out == NULL)
		return -1;
	*out = NULL;
	if (in == NULL || in->max_choices < 1 || in->online_ballots < 0 ||
	    in->analog_ballots < 0 || (in->n_options > 0 && in->options == NULL) ||
	    (in->kind != STORE_POLL_SINGLE && in->kind != STORE_POLL_MULTIPLE &&
	    in->kind != STORE_POLL_RANKING))
		return -1;
	m = in->max_choices;
	if ((r = calloc(1, sizeof(*r))) == NULL)
		goto out;
	r->poll_id = in->poll_id;
	r->kind = in->kind;
	r->ballots_online = in->online_ballots;
	r->ballots_analog = in->analog_ballots;
	r->ballots_total = in->online_ballots + in->analog_ballots;
	r->analog_invalid = in->analog_invalid;
	r->tallies_counted = in->tallies_counted;
	r->tallies_pending = in->tallies_pending;
	if (in->n_options > 0 &&
	    ((tmp = calloc(in->n_options, sizeof(*tmp))) == NULL ||
	    (key = calloc(in->n_options, sizeof(*key))) == NULL ||
	    (r->options = calloc(in->n_options, sizeof(*r->options))) == NULL))
		goto out;

	for (i = 0; i < in->n_options; i++) {
		const struct results_option_in *o = &in->options[i];
		int64_t online = 0;

		if (o->analog < 0 || (o->n_pos > 0 && o->pos == NULL))
			goto out;
		for (p = 0; p < o->n_pos; p++) {
			if (o->pos[p] < 0)
				goto out;
			if (in->kind == STORE_POLL_RANKING) {
				/* A choice beyond max_choices earns nothing. */
				if ((int64_t)p < m)
					online += o->pos[p] * (m - (int64_t)p);
			} else
				online += o->pos[p];
		}
		tmp[i].id = o->id;
		tmp[i].online = online;
		tmp[i].analog = o->analog;
		tmp[i].total = tmp[i].points = online + o->analog;
		sum_points += tmp[i].total;
		if (o->title != NULL && (tmp[i].title = strdup(o->title)) == NULL)
			goto out;
		key[i].total = tmp[i].total;
		key[i].index = i;
	}
	if (in->n_options > 0)
		qsort(key, in->n_options, sizeof(*key), results_cmp);
	for (i = 0; i < in->n_options; i++) {
		struct results_option *d = &r->options[i];
		int64_t denom;

		*d = tmp[key[i].index];
		tmp[key[i].index].title = NULL;
		denom = in->kind == STORE_POLL_RANKING ? sum_points :
		    r->ballots_total;
		d->share = denom > 0 ? (double)d->total / (double)denom : 0.0;
		if (i > 0 && d->total == r->options[i - 1].total)
			d->rank = r->options[i - 1].rank;
		else
			d->rank = (int)i + 1;
		r->n_options++;
	}
	*out = r;
	r = NULL;
	rc = 0;
out:
	if (tmp != NULL)
		for (i = 0; i < in->n_options; i++)
			free(tmp[i].title);
	free(tmp);
	free(key);
	results_free(r);
	return rc;
}
