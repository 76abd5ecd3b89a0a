/* test_api_conntrack.c — the connection cap and the head/body deadlines. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cmocka.h>

#include "server/api/conntrack.h"

static int seen[8], nseen;

static void
record(int fd, void *arg)
{
	(void)arg;
	if (nseen < 8)
		seen[nseen++] = fd;
}

static void
test_conntrack_null(void **state)
{
	(void)state;
	conntrack_free(NULL);
	assert_int_equal(conntrack_admit(NULL), 1);
	assert_null(conntrack_add(NULL, 3, 0));
	conntrack_remove(NULL, NULL);
	conntrack_deadline(NULL, NULL, 5);
	assert_int_equal(conntrack_sweep(NULL, 10), 0);
	assert_int_equal(conntrack_count(NULL), 0);
}

static void
test_conntrack_cap(void **state)
{
	struct conntrack *ct = conntrack_new(2, record, NULL);
	struct conntrack_conn *a, *b;

	(void)state;
	assert_int_equal(conntrack_admit(ct), 1);
	a = conntrack_add(ct, 10, 0);
	assert_int_equal(conntrack_admit(ct), 1);
	b = conntrack_add(ct, 11, 0);
	assert_int_equal(conntrack_count(ct), 2);
	assert_int_equal(conntrack_admit(ct), 0);
	conntrack_remove(ct, a);
	assert_int_equal(conntrack_admit(ct), 1);
	conntrack_remove(ct, b);
	assert_int_equal(conntrack_count(ct), 0);
	conntrack_free(ct);
}

static void
test_conntrack_sweep_once_per_deadline(void **state)
{
	struct conntrack *ct = conntrack_new(0, record, NULL);
	struct conntrack_conn *a, *b, *c;

	(void)state;
	nseen = 0;
	a = conntrack_add(ct, 20, 1000);
	b = conntrack_add(ct, 21, 0);		/* no deadline */
	c = conntrack_add(ct, 22, 5000);
	assert_int_equal(conntrack_sweep(ct, 999), 0);
	assert_int_equal(conntrack_sweep(ct, 1000), 1);
	assert_int_equal(seen[0], 20);
	/* Once only; trickled bytes cannot move it, only the owner can. */
	assert_int_equal(conntrack_sweep(ct, 2000), 0);
	conntrack_deadline(ct, c, 0);
	assert_int_equal(conntrack_sweep(ct, 9000), 0);
	conntrack_deadline(ct, b, 3000);
	assert_int_equal(conntrack_sweep(ct, 9000), 1);
	assert_int_equal(seen[1], 21);
	conntrack_remove(ct, a);
	conntrack_remove(ct, b);
	conntrack_remove(ct, c);
	conntrack_free(ct);
}

static void
test_conntrack_thread_shuts_socket_down(void **state)
{
	struct conntrack *ct = conntrack_new(0, NULL, NULL);
	struct conntrack_conn *c;
	struct timeval tv = { 10, 0 };
	char buf[4];
	int sv[2];

	(void)state;
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	/* A sweeper that never runs fails the test instead of hanging it. */
	assert_int_equal(setsockopt(sv[1], SOL_SOCKET, SO_RCVTIMEO, &tv,
	    sizeof(tv)), 0);
	c = conntrack_add(ct, sv[0], conntrack_now_ms() + 50);
	assert_int_equal(conntrack_start(ct, 10), 0);
	/* The peer sees the end of the stream once the sweeper ran. */
	assert_int_equal(read(sv[1], buf, sizeof(buf)), 0);
	conntrack_remove(ct, c);
	conntrack_free(ct);
	close(sv[0]);
	close(sv[1]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_conntrack_null),
		cmocka_unit_test(test_conntrack_cap),
		cmocka_unit_test(test_conntrack_sweep_once_per_deadline),
		cmocka_unit_test(test_conntrack_thread_shuts_socket_down),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
