/* test_common_hostport.c — HOST:PORT parsing, good and malformed. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "common/hostport.h"

static void
test_hostport_parse_null(void **state)
{
	char host[64];
	int port;

	(void)state;
	assert_int_equal(hostport_parse(NULL, host, sizeof(host), &port), -1);
	assert_int_equal(hostport_parse("a:1", NULL, sizeof(host), &port), -1);
	assert_int_equal(hostport_parse("a:1", host, 0, &port), -1);
	assert_int_equal(hostport_parse("a:1", host, sizeof(host), NULL), -1);
	assert_int_equal(hostport_parse("", host, sizeof(host), &port), -1);
}

static void
test_hostport_parse_ipv4(void **state)
{
	char host[64];
	int port = -1;

	(void)state;
	assert_int_equal(hostport_parse("127.0.0.1:0", host, sizeof(host), &port), 0);
	assert_string_equal(host, "127.0.0.1");
	assert_int_equal(port, 0);
	assert_int_equal(hostport_parse("localhost:8080", host, sizeof(host), &port), 0);
	assert_string_equal(host, "localhost");
	assert_int_equal(port, 8080);
	assert_int_equal(hostport_parse("0.0.0.0:65535", host, sizeof(host), &port), 0);
	assert_int_equal(port, 65535);
}

static void
test_hostport_parse_ipv6(void **state)
{
	char host[64];
	int port = -1;

	(void)state;
	assert_int_equal(hostport_parse("[::1]:2222", host, sizeof(host), &port), 0);
	assert_string_equal(host, "::1");
	assert_int_equal(port, 2222);
	assert_int_equal(hostport_parse("[fe80::1%eth0]:22", host, sizeof(host), &port), 0);
	assert_string_equal(host, "fe80::1%eth0");
	assert_int_equal(hostport_parse("::1:22", host, sizeof(host), &port), -1);
	assert_int_equal(hostport_parse("[::1]22", host, sizeof(host), &port), -1);
	assert_int_equal(hostport_parse("[::1:22", host, sizeof(host), &port), -1);
	assert_int_equal(hostport_parse("[]:22", host, sizeof(host), &port), -1);
}

static void
test_hostport_parse_bad_port(void **state)
{
	char host[64];
	int port = -1;

	(void)state;
	assert_int_equal(hostport_parse("a:", host, sizeof(host), &port), -1);
	assert_int_equal(hostport_parse("a", host, sizeof(host), &port), -1);
	assert_int_equal(hostport_parse(":80", host, sizeof(host), &port), -1);
	assert_int_equal(hostport_parse("a:65536", host, sizeof(host), &port), -1);
	assert_int_equal(hostport_parse("a:-1", host, sizeof(host), &port), -1);
	assert_int_equal(hostport_parse("a:80x", host, sizeof(host), &port), -1);
	assert_int_equal(hostport_parse("a: 80", host, sizeof(host), &port), -1);
	assert_int_equal(hostport_parse("a:99999999999999999999", host,
	    sizeof(host), &port), -1);
}

static void
test_hostport_parse_host_too_long(void **state)
{
	char host[5];
	int port = -1;

	(void)state;
	assert_int_equal(hostport_parse("abcd:1", host, sizeof(host), &port), 0);
	assert_string_equal(host, "abcd");
	assert_int_equal(hostport_parse("abcde:1", host, sizeof(host), &port), -1);
	assert_string_equal(host, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hostport_parse_null),
		cmocka_unit_test(test_hostport_parse_ipv4),
		cmocka_unit_test(test_hostport_parse_ipv6),
		cmocka_unit_test(test_hostport_parse_bad_port),
		cmocka_unit_test(test_hostport_parse_host_too_long),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
