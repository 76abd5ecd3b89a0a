/* results.h — pure poll result counting (single, multiple, ranking/Borda); no SQL. */
#ifndef MW_API_RESULTS_H
#define MW_API_RESULTS_H

/*
 * Semantics (api-v1.md "results"):
 *
 * single / multiple: an option's `online` is the number of online ballots
 *   naming it, `analog` the sum of the analog tallies' counts for it,
 *   `total` = online + analog, `share` = total / ballots.total (0 when there
 *   are no ballots). `points` = total.
 *   ballots.online = number of online ballots. ballots.analog = the sum over
 *   the analog tallies of: for single, the sum of the tally's counts (one
 *   paper ballot names one option); for multiple, the tally's `ballots`
 *   number when given, else the largest count in the tally (the fewest
 *   paper ballots that could have produced those counts).
 *
 * ranking (Borda count): with max_choices = m, an online ballot's first
 *   choice earns m points, the second m-1, ... An option's `online` is the
 *   points from online ballots, `analog` the points of the analog tallies
 *   (for ranking polls the counts are points), `points` = `total` =
 *   online + analog, `share` = total / sum of all options' totals (0 when 0).
 *   ballots.analog = the tally's `ballots` when given, else
 *   ceil(sum of its points / (m + (m-1) + ... + 1)), i.e. as if each paper
 *   ballot ranked m options.
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
	int64_t				 analog_ballots; /* already computed per the rules above,
							  * see results_analog_ballots() */
	const struct results_option_in	*options;	/* in the poll's order */
	size_t				 n_options;
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
};

/*
 * The number of paper ballots one analog tally stands for, per the rules
 * above: kind, max_choices m, the tally's counts (n of them) and its given
 * ballots number (-1: not given). Never negative.
 */
int64_t	results_analog_ballots(int kind, int max_choices, const int64_t *counts,
	    size_t n, int64_t ballots);

/*
 * Counts results. On success stores a new struct in *out (free with
 * results_free()) and returns 0; returns -1 for invalid input (NULL, kind
 * unknown, max_choices < 1, negative numbers) or out of memory.
 */
int	results_count(const struct results_in *in, struct results **out);

/* NULL-safe. */
void	results_free(struct results *r);

#endif
