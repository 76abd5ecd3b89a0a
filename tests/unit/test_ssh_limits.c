/* test_ssh_limits.c — the per-source token bucket: rate, refill, other sources, bounded table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "server/ssh/limits.h"

static void
test_limits_rate_free_null(void **state)
{
	(void)state;
	limits_rate_free(NULL);
	assert_int_equal(limits_rate_allow(NULL, "1.2.3.4", 0), 1);
}

static void
test_limits_rate_allow_off(void **state)
{
	struct limits_rate *r = limits_rate_new(4, 0);
	int i;

	(void)state;
	assert_non_null(r);
	for (i = 0; i < 1000; i++)
		assert_int_equal(limits_rate_allow(r, "1.2.3.4", 0), 1);
	limits_rate_free(r);
}

static void
test_limits_rate_allow_burst_then_refill(void **state)
{
	struct limits_rate *r = limits_rate_new(16, 30);
	int i;

	(void)state;
	for (i = 0; i < 30; i++)
		assert_int_equal(limits_rate_allow(r, "10.0.0.1", 100.0), 1);
	assert_int_equal(limits_rate_allow(r, "10.0.0.1", 100.0), 0);
	assert_int_equal(limits_rate_allow(r, "10.0.0.1", 101.0), 0);	/* half a token */
	assert_int_equal(limits_rate_allow(r, "10.0.0.1", 102.1), 1);	/* 30/min = one per 2 s */
	assert_int_equal(limits_rate_allow(r, "10.0.0.1", 102.2), 0);
	/* Another address has its own bucket. */
	assert_int_equal(limits_rate_allow(r, "10.0.0.2", 102.2), 1);
	/* A full minute later the burst is back, but not more. */
	for (i = 0; i < 30; i++)
		assert_int_equal(limits_rate_allow(r, "10.0.0.1", 400.0), 1);
	assert_int_equal(limits_rate_allow(r, "10.0.0.1", 400.0), 0);
	limits_rate_free(r);
}

static void
test_limits_rate_allow_bounded_table(void **state)
{
	struct limits_rate *r = limits_rate_new(8, 1);
	char addr[32];
	int i;

	(void)state;
	assert_int_equal(limits_rate_allow(r, "victim", 0), 1);
	assert_int_equal(limits_rate_allow(r, "victim", 0.1), 0);
	/* Many other addresses push the oldest entry out; memory stays put. */
	for (i = 0; i < 1000; i++) {
		snprintf(addr, sizeof(addr), "10.1.%d.%d", i / 256, i % 256);
		assert_int_equal(limits_rate_allow(r, addr, 1.0 + i / 1000.0), 1);
	}
	limits_rate_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_limits_rate_free_null),
		cmocka_unit_test(test_limits_rate_allow_off),
		cmocka_unit_test(test_limits_rate_allow_burst_then_refill),
		cmocka_unit_test(test_limits_rate_allow_bounded_table),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
