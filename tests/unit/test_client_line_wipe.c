/* test_client_line_wipe.c — a line-mode kiosk reset pushes exactly one screenful of blank lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "client/line/wipe.h"

static void
test_wipe_rows_nothing_known(void **state)
{
	(void)state;
	assert_int_equal(wipe_rows(0, NULL), WIPE_ROWS_FALLBACK);
	assert_int_equal(wipe_rows(-1, NULL), WIPE_ROWS_FALLBACK);
	assert_int_equal(wipe_rows(0, ""), WIPE_ROWS_FALLBACK);
	assert_int_equal(wipe_rows(0, "0"), WIPE_ROWS_FALLBACK);
}

static void
test_wipe_rows_terminal_first(void **state)
{
	(void)state;
	/* The terminal's own size beats a LINES left over from before a resize. */
	assert_int_equal(wipe_rows(24, NULL), 24);
	assert_int_equal(wipe_rows(50, "24"), 50);
	assert_int_equal(wipe_rows(12, "67"), 12);
	assert_int_equal(wipe_rows(1, NULL), 1);
}

static void
test_wipe_rows_lines_when_no_terminal_size(void **state)
{
	(void)state;
	assert_int_equal(wipe_rows(0, "67"), 67);
	assert_int_equal(wipe_rows(0, "12"), 12);
}

static void
test_wipe_rows_lines_not_a_number(void **state)
{
	(void)state;
	assert_int_equal(wipe_rows(0, "abc"), WIPE_ROWS_FALLBACK);
	assert_int_equal(wipe_rows(0, "40x"), WIPE_ROWS_FALLBACK);
	assert_int_equal(wipe_rows(0, "-30"), WIPE_ROWS_FALLBACK);
	assert_int_equal(wipe_rows(0, " 30"), WIPE_ROWS_FALLBACK);
	assert_int_equal(wipe_rows(0, "99999999999999999999"), WIPE_ROWS_FALLBACK);
}

static void
test_wipe_rows_bounded(void **state)
{
	(void)state;
	assert_int_equal(wipe_rows(65535, NULL), WIPE_ROWS_MAX);
	assert_int_equal(wipe_rows(0, "5000"), WIPE_ROWS_MAX);
}

static void
test_wipe_rows_of_not_a_terminal(void **state)
{
	int fd;

	(void)state;
	/* /dev/null has no size: LINES, else the fallback. */
	assert_true((fd = open("/dev/null", O_WRONLY)) >= 0);
	assert_int_equal(unsetenv("LINES"), 0);
	assert_int_equal(wipe_rows_of(fd), WIPE_ROWS_FALLBACK);
	assert_int_equal(setenv("LINES", "40", 1), 0);
	assert_int_equal(wipe_rows_of(fd), 40);
	unsetenv("LINES");
	close(fd);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_wipe_rows_nothing_known),
		cmocka_unit_test(test_wipe_rows_terminal_first),
		cmocka_unit_test(test_wipe_rows_lines_when_no_terminal_size),
		cmocka_unit_test(test_wipe_rows_lines_not_a_number),
		cmocka_unit_test(test_wipe_rows_bounded),
		cmocka_unit_test(test_wipe_rows_of_not_a_terminal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
