/* test_api_results.c — result counting: single, multiple, ranking (Borda), ties, analog tallies. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "server/api/results.h"
#include "server/api/store.h"

static void
test_results_free_null(void **state)
{
	(void)state;
	results_free(NULL);
}

static void
test_results_count_invalid(void **state)
{
	struct results *r = (struct results *)1;
	struct results_in in = { 1, STORE_POLL_SINGLE, 1, 0, 0, NULL, 0, 0, 0, 0 };
	const int64_t neg[] = { -1 };
	struct results_option_in o = { 1, "x", neg, 1, 0 };

	(void)state;
	assert_int_equal(results_count(NULL, &r), -1);
	assert_null(r);
	assert_int_equal(results_count(&in, NULL), -1);
	in.kind = 9;
	assert_int_equal(results_count(&in, &r), -1);
	in.kind = STORE_POLL_SINGLE;
	in.max_choices = 0;
	assert_int_equal(results_count(&in, &r), -1);
	in.max_choices = 1;
	in.options = &o;
	in.n_options = 1;
	assert_int_equal(results_count(&in, &r), -1);	/* negative count */
	o.pos = NULL;
	o.n_pos = 0;
	o.analog = -3;
	assert_int_equal(results_count(&in, &r), -1);
	assert_null(r);
}

static void
test_results_count_zero_ballots(void **state)
{
	const int64_t z[] = { 0 };
	const struct results_option_in o[] = {
		{ 10, "A", z, 1, 0 }, { 11, "B", z, 1, 0 }, { 12, "C", z, 1, 0 },
	};
	struct results_in in = { 7, STORE_POLL_SINGLE, 1, 0, 0, o, 3, 0, 0, 0 };
	struct results *r = NULL;
	size_t i;

	(void)state;
	assert_int_equal(results_count(&in, &r), 0);
	assert_int_equal(r->poll_id, 7);
	assert_int_equal(r->ballots_total, 0);
	assert_int_equal(r->n_options, 3);
	for (i = 0; i < 3; i++) {
		assert_int_equal(r->options[i].id, 10 + (int64_t)i);	/* stable */
		assert_int_equal(r->options[i].rank, 1);
		assert_true(r->options[i].share == 0.0);
	}
	results_free(r);
	/* No options at all is fine too. */
	in.options = NULL;
	in.n_options = 0;
	assert_int_equal(results_count(&in, &r), 0);
	assert_int_equal(r->n_options, 0);
	results_free(r);
}

static void
test_results_count_single_with_analog(void **state)
{
	const int64_t a[] = { 3 }, b[] = { 5 }, c[] = { 2 };
	const struct results_option_in o[] = {
		{ 1, "Ja", a, 1, 41 }, { 2, "Eher ja", b, 1, 17 },
		{ 3, "Nein", c, 1, 23 },
	};
	const int64_t counts[] = { 41, 17, 23 };
	struct results_in in = { 1, STORE_POLL_SINGLE, 1, 10, 0, o, 3, 0, 0, 0 };
	struct results *r = NULL;

	(void)state;
	in.analog_ballots = results_analog_ballots(STORE_POLL_SINGLE, 1, counts,
	    3, -1);
	assert_int_equal(in.analog_ballots, 81);	/* single: the sum */
	assert_int_equal(results_count(&in, &r), 0);
	assert_int_equal(r->ballots_online, 10);
	assert_int_equal(r->ballots_analog, 81);
	assert_int_equal(r->ballots_total, 91);
	assert_int_equal(r->options[0].id, 1);
	assert_int_equal(r->options[0].online, 3);
	assert_int_equal(r->options[0].analog, 41);
	assert_int_equal(r->options[0].total, 44);
	assert_int_equal(r->options[0].rank, 1);
	assert_true(r->options[0].share > 44.0 / 91 - 1e-9 &&
	    r->options[0].share < 44.0 / 91 + 1e-9);
	assert_int_equal(r->options[1].id, 3);
	assert_int_equal(r->options[1].total, 25);
	assert_int_equal(r->options[1].rank, 2);
	assert_int_equal(r->options[2].id, 2);
	assert_int_equal(r->options[2].total, 22);
	assert_int_equal(r->options[2].rank, 3);
	assert_string_equal(r->options[2].title, "Eher ja");
	results_free(r);
}

static void
test_results_count_multiple(void **state)
{
	/* 4 online ballots naming up to 2 options each; a tally of 10
	 * paper ballots. */
	const int64_t a[] = { 3, 0 }, b[] = { 2, 1 }, c[] = { 1, 0 };
	const struct results_option_in o[] = {
		{ 1, "A", a, 2, 6 }, { 2, "B", b, 2, 8 }, { 3, "C", c, 2, 0 },
	};
	const int64_t counts[] = { 6, 8, 0 };
	struct results_in in = { 2, STORE_POLL_MULTIPLE, 2, 4, 10, o, 3, 0, 0, 0 };
	struct results *r = NULL;

	(void)state;
	assert_int_equal(results_count(&in, &r), 0);
	assert_int_equal(r->ballots_total, 14);
	assert_int_equal(r->options[0].id, 2);
	assert_int_equal(r->options[0].online, 3);	/* both positions */
	assert_int_equal(r->options[0].total, 11);
	assert_true(r->options[0].share > 11.0 / 14 - 1e-9 &&
	    r->options[0].share < 11.0 / 14 + 1e-9);
	assert_int_equal(r->options[1].id, 1);
	assert_int_equal(r->options[1].total, 9);
	assert_int_equal(r->options[2].total, 1);
	results_free(r);
	/* Analog ballots of a multiple-choice tally: given, else the
	 * largest count. */
	assert_int_equal(results_analog_ballots(STORE_POLL_MULTIPLE, 2, counts,
	    3, 10), 10);
	assert_int_equal(results_analog_ballots(STORE_POLL_MULTIPLE, 2, counts,
	    3, -1), 8);
	assert_int_equal(results_analog_ballots(STORE_POLL_MULTIPLE, 2, NULL,
	    0, -1), 0);
}

static void
test_results_count_ranking_borda(void **state)
{
	/* m = 3: first choice 3 points, second 2, third 1. */
	const int64_t a[] = { 2, 1, 0 };	/* 6 + 2 = 8 */
	const int64_t b[] = { 1, 1, 2 };	/* 3 + 2 + 2 = 7 */
	const int64_t c[] = { 0, 1, 1 };	/* 2 + 1 = 3 */
	const int64_t d[] = { 0, 0, 0, 4 };	/* a 4th place earns nothing */
	const struct results_option_in o[] = {
		{ 1, "A", a, 3, 0 }, { 2, "B", b, 3, 4 }, { 3, "C", c, 3, 0 },
		{ 4, "D", d, 4, 0 },
	};
	struct results_in in = { 3, STORE_POLL_RANKING, 3, 3, 1, o, 4, 0, 0, 0 };
	struct results *r = NULL;

	(void)state;
	assert_int_equal(results_count(&in, &r), 0);
	assert_int_equal(r->options[0].id, 2);
	assert_int_equal(r->options[0].online, 7);
	assert_int_equal(r->options[0].analog, 4);
	assert_int_equal(r->options[0].points, 11);
	assert_int_equal(r->options[0].rank, 1);
	assert_int_equal(r->options[1].id, 1);
	assert_int_equal(r->options[1].points, 8);
	assert_int_equal(r->options[1].rank, 2);
	assert_int_equal(r->options[2].id, 3);
	assert_int_equal(r->options[2].points, 3);
	assert_int_equal(r->options[3].id, 4);
	assert_int_equal(r->options[3].points, 0);
	assert_int_equal(r->options[3].rank, 4);
	/* share of points: 11 / 22 */
	assert_true(r->options[0].share > 0.5 - 1e-9 &&
	    r->options[0].share < 0.5 + 1e-9);
	results_free(r);
}

static void
test_results_count_ties(void **state)
{
	const int64_t five[] = { 5 }, three[] = { 3 }, one[] = { 1 };
	const struct results_option_in o[] = {
		{ 1, "A", three, 1, 0 }, { 2, "B", five, 1, 0 },
		{ 3, "C", five, 1, 0 }, { 4, "D", one, 1, 0 },
		{ 5, "E", one, 1, 0 },
	};
	struct results_in in = { 4, STORE_POLL_SINGLE, 1, 15, 0, o, 5, 0, 0, 0 };
	struct results *r = NULL;

	(void)state;
	assert_int_equal(results_count(&in, &r), 0);
	/* 5, 5, 3, 1, 1 -> ranks 1, 1, 3, 4, 4; ties keep the given order. */
	assert_int_equal(r->options[0].id, 2);
	assert_int_equal(r->options[0].rank, 1);
	assert_int_equal(r->options[1].id, 3);
	assert_int_equal(r->options[1].rank, 1);
	assert_int_equal(r->options[2].id, 1);
	assert_int_equal(r->options[2].rank, 3);
	assert_int_equal(r->options[3].id, 4);
	assert_int_equal(r->options[3].rank, 4);
	assert_int_equal(r->options[4].id, 5);
	assert_int_equal(r->options[4].rank, 4);
	results_free(r);
}

static void
test_results_analog_ballots_ranking(void **state)
{
	/* m = 3: one full paper ballot is 6 points; 13 points -> 3 ballots. */
	const int64_t pts[] = { 6, 4, 3 };

	(void)state;
	assert_int_equal(results_analog_ballots(STORE_POLL_RANKING, 3, pts, 3,
	    -1), 3);
	assert_int_equal(results_analog_ballots(STORE_POLL_RANKING, 3, pts, 3,
	    5), 5);
	assert_int_equal(results_analog_ballots(STORE_POLL_RANKING, 0, pts, 3,
	    -1), 0);
	assert_int_equal(results_analog_ballots(STORE_POLL_SINGLE, 1, pts, 3,
	    99), 13);	/* single always the sum */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_results_free_null),
		cmocka_unit_test(test_results_count_invalid),
		cmocka_unit_test(test_results_count_zero_ballots),
		cmocka_unit_test(test_results_count_single_with_analog),
		cmocka_unit_test(test_results_count_multiple),
		cmocka_unit_test(test_results_count_ranking_borda),
		cmocka_unit_test(test_results_count_ties),
		cmocka_unit_test(test_results_analog_ballots_ranking),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
