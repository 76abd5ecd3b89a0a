/* results.h — pure poll result counting (single, multiple, ranking/Borda); no SQL. */
#ifndef MW_API_RESULTS_H
#define MW_API_RESULTS_H

/*
 * Semantics (api-v1.md "results"):
 *
 * Paper tallies count only while they agree (store.h); the numbers below
 * are of those. A paper sheet has `ballots` ballots of which `invalid` are
 * blank or invalid; ballots.analog counts the valid ones, ballots
 * .analog_invalid the others (not part of any share).
 *
 * single / multiple: an option's `online` is the number of online ballots
 *   naming it, `analog` the sum of the paper tallies' counts for it,
 *   `total` = online + analog, `share` = total / ballots.total (0 when there
 *   are no ballots). `points` = total.
 *   ballots.online = number of online ballots. A paper sheet must add
 *   up: single: sum of counts + invalid = ballots; multiple: no count above
 *   the valid ballots, and the sum at most valid ballots x max_choices.
 *
 * ranking (Borda count): with max_choices = m, an online ballot's first
 *   choice earns m points, the second m-1, ... An option's `online` is the
 *   points from online ballots, `analog` the points of the paper ballots,
 *   counted the same way: a paper tally gives each distinct order of
 *   options with the number of ballots that had it (sum of those numbers
 *   + invalid = ballots). `points` = `total` = online + analog, `share` =
 *   total / sum of all options' totals (0 when 0). Tallies from before
 *   schema 5 gave points: they count as points, and without a ballots
 *   number as ceil(sum of points / (m + (m-1) + ... + 1)) ballots.
 *
 * rank: options sorted by total (points for ranking) descending; equal
 *   totals share a rank and the next rank skips (1, 1, 3); the order inside a
 *   tie is the options' given order (stable). With zero ballots every option
 *   has rank 1.
 */

#include <stddef.h>
#include <stdint.h>

struct results_option_in {
	int64_t		 id;
	const char	*title;		/* copied into the result; may be NULL */
	const int64_t	*pos;		/* online ballots naming it at position
					 * 0..max_choices-1 (first choice = 0);
					 * for single/multiple only pos[0..] summed */
	size_t		 n_pos;
	int64_t		 analog;	/* summed analog counts (points for ranking) */
};

struct results_in {
	int64_t				 poll_id;
	int				 kind;		/* enum store_poll_kind */
	int				 max_choices;	/* m >= 1 */
	int64_t				 online_ballots;
	int64_t				 analog_ballots; /* valid paper ballots, per the rules above */
	const struct results_option_in	*options;	/* in the poll's order */
	size_t				 n_options;
	int64_t				 analog_invalid; /* blank or invalid paper ballots */
	int64_t				 tallies_counted; /* paper tallies counted */
	int64_t				 tallies_pending; /* waiting for a second entry or mismatched */
};

struct results_option {
	int64_t	 id;
	char	*title;
	int64_t	 online;
	int64_t	 analog;
	int64_t	 total;
	int64_t	 points;	/* = total (Borda points for ranking) */
	double	 share;		/* 0..1 */
	int	 rank;		/* 1-based, ties share */
};

struct results {
	int64_t			 poll_id;
	int			 kind;
	int			 final;		/* set by the store: poll closed */
	int64_t			 ballots_online;
	int64_t			 ballots_analog;
	int64_t			 ballots_total;
	struct results_option	*options;	/* in rank order, stable */
	size_t			 n_options;
	int64_t			 analog_invalid;
	int64_t			 tallies_counted;
	int64_t			 tallies_pending;
};

/*
 * The number of paper ballots one analog tally stands for, per the rules
 * above: kind, max_choices m, the tally's counts (n of them) and its given
 * ballots number (-1: not given). Never negative.
 */
int64_t	results_analog_ballots(int kind, int max_choices, const int64_t *counts,
	    size_t n, int64_t ballots);

/* Why a paper tally cannot come from its ballots (struct store_tally_why
 * carries the numbers a, b, c and the option named). */
enum results_tally_problem {
	TALLY_OK = 0,
	TALLY_NEGATIVE,		/* a: the negative number */
	TALLY_INVALID_OVER,	/* a invalid > b ballots */
	TALLY_SUM,		/* single, ranking: a counted + b invalid != c ballots */
	TALLY_COUNT_OVER,	/* multiple: option's count a > b valid ballots */
	TALLY_CHOICES_OVER,	/* multiple: a votes > b valid ballots x c max_choices */
	TALLY_SHAPE,		/* a line names a options, allowed 1..b */
	TALLY_DUPLICATE,	/* option twice in a line, or a line (order) twice */
	TALLY_UNKNOWN_OPTION	/* option is not one of the poll (checked by the store) */
};

struct store_tally_entry;
struct store_tally_why;

/*
 * Checks that a paper entry adds up for a poll of kind with max_choices:
 * returns 0, or -1 with *why filled (why may be NULL).
 */
int	results_tally_check(int kind, int max_choices,
	    const struct store_tally_entry *e, struct store_tally_why *why);

/*
 * Counts results. On success stores a new struct in *out (free with
 * results_free()) and returns 0; returns -1 for invalid input (NULL, kind
 * unknown, max_choices < 1, negative numbers) or out of memory.
 */
int	results_count(const struct results_in *in, struct results **out);

/* NULL-safe. */
void	results_free(struct results *r);

#endif
