/* test_ssh_keylogin.c — the gateway secret file, what key login hands the client, and what it refuses. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/secretfile.h"
#include "server/ssh/keylogin.h"

#define FP "SHA256:mX0GK3c6FcvWAMO3h3p/BHyyktvWu95hV1v0EFav/d0"
#define PUB "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDn909vV9ceEd9EIQl5sXyMinb1Y/pl6MJ71ovQuIjmH"
#define SECRET "0123456789abcdef0123456789abcdef0123456789abcdef"
/* Nothing listens on port 9 (discard) here: the API cannot be reached. */
#define NO_API "http://127.0.0.1:9/api/v1"

static void
write_file(const char *path, const char *text, mode_t mode)
{
	int fd;

	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, mode);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	assert_int_equal(fchmod(fd, mode), 0);
	close(fd);
}

static void
test_secretfile_read(void **state)
{
	char path[] = "/tmp/mw-secret-XXXXXX", buf[SECRETFILE_MAX + 1];
	const char *why = NULL;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(secretfile_read(NULL, buf, sizeof(buf), &why), -1);
	assert_int_equal(secretfile_read(path, buf, 10, &why), -1);
	write_file(path, SECRET "\n", 0600);
	assert_int_equal(secretfile_read(path, buf, sizeof(buf), &why), 0);
	assert_string_equal(buf, SECRET);
	assert_null(why);
	/* Others may read it: refused, whatever it holds. */
	write_file(path, SECRET "\n", 0644);
	assert_int_equal(secretfile_read(path, buf, sizeof(buf), &why), -1);
	assert_non_null(strstr(why, "chmod 600"));
	assert_string_equal(buf, "");
	/* Too short, two lines, a blank inside. */
	write_file(path, "short\n", 0600);
	assert_int_equal(secretfile_read(path, buf, sizeof(buf), &why), -1);
	write_file(path, SECRET "\n" SECRET "\n", 0600);
	assert_int_equal(secretfile_read(path, buf, sizeof(buf), &why), -1);
	write_file(path, "0123456789abcdef 0123456789abcdef", 0600);
	assert_int_equal(secretfile_read(path, buf, sizeof(buf), &why), -1);
	unlink(path);
	assert_int_equal(secretfile_read(path, buf, sizeof(buf), &why), -1);
}

static void
test_keylogin_off(void **state)
{
	struct keylogin kl;
	char *env[8] = { NULL };

	(void)state;
	memset(&kl, 0, sizeof(kl));
	assert_false(keylogin_enabled());
	assert_int_equal(keylogin_env(NULL, env, 0, 8), 0);
	/* Without a secret nothing is asked and nothing handed over. */
	assert_int_equal(keylogin_check(&kl, NO_API, FP, PUB), 0);
	assert_int_equal(keylogin_env(&kl, env, 0, 8), 0);
	keylogin_end(&kl, NO_API);
	keylogin_end(NULL, NULL);
}

static void
test_keylogin_refuses_odd_input(void **state)
{
	struct keylogin kl;

	(void)state;
	memset(&kl, 0, sizeof(kl));
	assert_int_equal(keylogin_check(NULL, NO_API, FP, PUB), -1);
	assert_int_equal(keylogin_check(&kl, NULL, FP, PUB), -1);
	assert_int_equal(keylogin_check(&kl, NO_API, "", PUB), -1);
	/* Nothing that could break the JSON body or the environment. */
	assert_int_equal(keylogin_check(&kl, NO_API, FP "\"", PUB), -1);
	assert_int_equal(keylogin_check(&kl, NO_API, FP, PUB "\nX=1"), -1);
	assert_false(kl.proven);
}

static void
test_keylogin_unreachable_api_offers(void **state)
{
	char path[] = "/tmp/mw-secret-XXXXXX";
	struct keylogin kl;
	char *env[8] = { NULL };
	size_t n, i;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	write_file(path, SECRET "\n", 0644);
	assert_int_equal(keylogin_init(path), -1);
	assert_false(keylogin_enabled());
	write_file(path, SECRET "\n", 0600);
	assert_int_equal(keylogin_init(path), 0);
	unlink(path);
	assert_true(keylogin_enabled());
	memset(&kl, 0, sizeof(kl));
	/* An API that cannot be asked: the key counts as unregistered. */
	assert_int_equal(keylogin_check(&kl, NO_API, FP, PUB), 0);
	assert_true(kl.proven);
	assert_false(kl.registered);
	assert_string_equal(kl.token, "");
	/* Only the first proven key counts. */
	assert_int_equal(keylogin_check(&kl, NO_API, "SHA256:other", "ssh-rsa AAAA"), 0);
	assert_string_equal(kl.fingerprint, FP);
	env[0] = "HOME=/x";
	n = keylogin_env(&kl, env, 1, 8);
	assert_int_equal(n, 3);
	assert_string_equal(env[1], "MITWIRKUNG_SSH_KEY=" PUB);
	assert_string_equal(env[2], "MITWIRKUNG_SSH_KEY_FP=" FP);
	for (i = 0; i < n; i++)
		assert_null(strstr(env[i], SECRET));
	/* No room: nothing half written. */
	assert_int_equal(keylogin_env(&kl, env, 1, 3), 1);
	/* With the API's proof it is handed over too, and wiped at the end. */
	snprintf(kl.proof, sizeof(kl.proof), "%s", "pr00f_abc");
	n = keylogin_env(&kl, env, 1, 8);
	assert_int_equal(n, 4);
	assert_string_equal(env[3], "MITWIRKUNG_SSH_KEY_PROOF=pr00f_abc");
	keylogin_end(&kl, NO_API);
	assert_string_equal(kl.proof, "");
	assert_null(strstr(kl.env[3], "pr00f"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_secretfile_read),
		cmocka_unit_test(test_keylogin_off),
		cmocka_unit_test(test_keylogin_refuses_odd_input),
		cmocka_unit_test(test_keylogin_unreachable_api_offers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
