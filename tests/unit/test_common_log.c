/* test_common_log.c — log lines: format, one write per line, no forged lines. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <regex.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "common/log.h"

/* Runs log_msg with stderr on a pipe and returns what one read(2) got,
 * which shows that the whole line came in one write. */
static size_t
capture(char *buf, size_t bufsz, const char *msg)
{
	int fds[2], saved;
	ssize_t n;

	assert_int_equal(pipe(fds), 0);
	saved = dup(STDERR_FILENO);
	assert_true(saved >= 0);
	assert_true(dup2(fds[1], STDERR_FILENO) >= 0);
	log_msg("%s", msg);
	assert_true(dup2(saved, STDERR_FILENO) >= 0);
	close(saved);
	close(fds[1]);
	n = read(fds[0], buf, bufsz - 1);
	close(fds[0]);
	assert_true(n > 0);
	buf[n] = '\0';
	return (size_t)n;
}

static void
test_log_msg_format(void **state)
{
	char buf[4096];
	regex_t re;

	(void)state;
	log_init(NULL);		/* keeps the default */
	log_init("/usr/bin/mitwirkung-api");
	capture(buf, sizeof(buf), "listening on 127.0.0.1:8080");
	assert_int_equal(regcomp(&re, "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:"
	    "[0-9]{2}:[0-9]{2}Z mitwirkung-api: listening on 127\\.0\\.0\\.1:8080\n$",
	    REG_EXTENDED), 0);
	assert_int_equal(regexec(&re, buf, 0, NULL, 0), 0);
	regfree(&re);
}

static void
test_log_msg_controls(void **state)
{
	char buf[4096];

	(void)state;
	log_init("t");
	capture(buf, sizeof(buf), "user a\nFAKE: root logged in\x1b[2J");
	assert_non_null(strstr(buf,
	    "t: user a\\x0aFAKE: root logged in\\x1b[2J\n"));
	assert_ptr_equal(strchr(buf, '\n'), buf + strlen(buf) - 1);
}

static void
test_log_msg_bytes_escaped(void **state)
{
	char buf[4096];

	(void)state;
	log_init("t");
	/* Invalid UTF-8, C1, a bidi override, a zero-width space and a
	 * backslash: escaped; valid text stays readable. */
	capture(buf, sizeof(buf), "GET /\xff\xc3(\xc2\x9b\xe2\x80\xae"
	    "\xe2\x80\x8bx\\y Müll");
	assert_non_null(strstr(buf, "t: GET /\\xff\\xc3(\\xc2\\x9b"
	    "\\xe2\\x80\\xae\\xe2\\x80\\x8bx\\\\y Müll\n"));
}

static void
test_log_msg_truncated(void **state)
{
	char big[3000], buf[4096];
	size_t n;

	(void)state;
	log_init("t");
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	n = capture(buf, sizeof(buf), big);
	assert_true(n <= 1024);
	assert_int_equal(buf[n - 1], '\n');
	assert_memory_equal(buf + n - 4, "...", 3);
	assert_ptr_equal(strchr(buf, '\n'), buf + n - 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_log_msg_format),
		cmocka_unit_test(test_log_msg_controls),
		cmocka_unit_test(test_log_msg_bytes_escaped),
		cmocka_unit_test(test_log_msg_truncated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
