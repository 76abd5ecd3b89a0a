/* test_client_api_session.c — the stored login token: modes, atomic replace, removal, kiosk no-disk. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "client/session.h"

static char tmp[256];

static int
rm_cb(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int
setup(void **state)
{
	(void)state;
	snprintf(tmp, sizeof(tmp), "/tmp/mw-session-XXXXXX");
	if (mkdtemp(tmp) == NULL)
		return -1;
	setenv("HOME", tmp, 1);
	unsetenv("XDG_STATE_HOME");
	session_set_nodisk(0);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	session_set_nodisk(0);
	nftw(tmp, rm_cb, 8, FTW_DEPTH | FTW_PHYS);
	return 0;
}

static void
test_session_load_none(void **state)
{
	(void)state;
	assert_null(session_load());
	assert_int_equal(session_remove(), 0);
	assert_int_equal(session_save(NULL), -1);
	assert_int_equal(session_save(""), -1);
	/* A token goes into an HTTP header: no spaces or line breaks. */
	assert_int_equal(session_save("abc\r\nX-Evil: 1"), -1);
}

static void
test_session_save_modes(void **state)
{
	char path[600], dir[512];
	struct stat st;
	char *t, *p;

	(void)state;
	assert_int_equal(session_save("tok-123"), 0);
	snprintf(dir, sizeof(dir), "%s/.local/state/mitwirkung", tmp);
	snprintf(path, sizeof(path), "%s/session", dir);
	p = session_path();
	assert_string_equal(p, path);
	free(p);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	t = session_load();
	assert_string_equal(t, "tok-123");
	free(t);
	/* Replacing leaves no temporary file behind. */
	assert_int_equal(session_save("tok-456"), 0);
	t = session_load();
	assert_string_equal(t, "tok-456");
	free(t);
	{
		char tmpf[700];

		snprintf(tmpf, sizeof(tmpf), "%s.%ld.tmp", path, (long)getpid());
		assert_int_not_equal(access(tmpf, F_OK), 0);
	}
	assert_int_equal(session_remove(), 0);
	assert_int_not_equal(access(path, F_OK), 0);
	assert_null(session_load());
}

static void
test_session_save_xdg_state(void **state)
{
	char path[512];
	struct stat st;
	char *t;

	(void)state;
	snprintf(path, sizeof(path), "%s/state", tmp);
	setenv("XDG_STATE_HOME", path, 1);
	/* An existing, too open directory is closed to 0700. */
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/state/mitwirkung", tmp);
	mkdir(path, 0777);
	assert_int_equal(session_save("x"), 0);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	snprintf(path, sizeof(path), "%s/state/mitwirkung/session", tmp);
	assert_int_equal(access(path, F_OK), 0);
	t = session_load();
	assert_string_equal(t, "x");
	free(t);
	/* A relative XDG_STATE_HOME is ignored, as the spec says. */
	setenv("XDG_STATE_HOME", "relative", 1);
	t = session_path();
	assert_non_null(strstr(t, "/.local/state/mitwirkung/session"));
	free(t);
	unsetenv("XDG_STATE_HOME");
}

static void
test_session_nodisk_writes_nothing(void **state)
{
	char path[512];

	(void)state;
	session_set_nodisk(1);
	assert_true(session_nodisk());
	assert_int_equal(session_save("kiosk"), 0);
	assert_null(session_load());
	assert_int_equal(session_remove(), 0);
	snprintf(path, sizeof(path), "%s/.local", tmp);
	assert_int_not_equal(access(path, F_OK), 0);
	session_set_nodisk(0);
}


/* The session mitwirkung-sshd opened for a registered key: taken over,
 * wiped from the environment, held in memory only. */
static void
test_session_adopt_env_token(void **state)
{
	char path[512], *t, *v;

	(void)state;
	setenv("MITWIRKUNG_TOKEN", "gw-token-0123456789", 1);
	v = getenv("MITWIRKUNG_TOKEN");
	session_adopt_env();
	assert_null(getenv("MITWIRKUNG_TOKEN"));
	/* The bytes /proc/PID/environ would show are gone too. */
	assert_int_equal(v[0], '\0');
	assert_non_null(t = session_load());
	assert_string_equal(t, "gw-token-0123456789");
	free(t);
	snprintf(path, sizeof(path), "%s/.local", tmp);
	assert_int_not_equal(access(path, F_OK), 0);
	/* Also a kiosk-style no-disk session has it; logout ends it. */
	session_set_nodisk(1);
	assert_non_null(t = session_load());
	free(t);
	session_set_nodisk(0);
	assert_int_equal(session_remove(), 0);
	assert_null(session_load());
	/* A token with a blank in it is not taken. */
	setenv("MITWIRKUNG_TOKEN", "bad token", 1);
	session_adopt_env();
	assert_null(session_load());
}

static void
test_session_adopt_env_offer(void **state)
{
	(void)state;
	setenv("MITWIRKUNG_SSH_KEY", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDn9", 1);
	setenv("MITWIRKUNG_SSH_KEY_FP", "SHA256:mX0GK3c6FcvWAMO3h3p/BHyyktvWu95hV1v0EFav/d0", 1);
	/* Without the gateway's proof the key could not be registered. */
	session_adopt_env();
	assert_null(session_offer_key());
	setenv("MITWIRKUNG_SSH_KEY", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDn9", 1);
	setenv("MITWIRKUNG_SSH_KEY_FP", "SHA256:mX0GK3c6FcvWAMO3h3p/BHyyktvWu95hV1v0EFav/d0", 1);
	setenv("MITWIRKUNG_SSH_KEY_PROOF", "pr00f-0123456789abcdefghijABCDEFGHIJ_-xyzXY", 1);
	session_adopt_env();
	assert_null(getenv("MITWIRKUNG_SSH_KEY"));
	assert_null(getenv("MITWIRKUNG_SSH_KEY_PROOF"));
	assert_string_equal(session_offer_key(), "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIDn9");
	assert_string_equal(session_offer_fp(), "SHA256:mX0GK3c6FcvWAMO3h3p/BHyyktvWu95hV1v0EFav/d0");
	assert_string_equal(session_offer_proof(), "pr00f-0123456789abcdefghijABCDEFGHIJ_-xyzXY");
	session_offer_done();
	assert_null(session_offer_key());
	assert_null(session_offer_fp());
	assert_null(session_offer_proof());
	/* Escape sequences are not offered. */
	setenv("MITWIRKUNG_SSH_KEY", "ssh-ed25519 \x1b[2J", 1);
	setenv("MITWIRKUNG_SSH_KEY_FP", "SHA256:x", 1);
	session_adopt_env();
	assert_null(session_offer_key());
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_session_load_none, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_save_modes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_save_xdg_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_nodisk_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_adopt_env_token, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_adopt_env_offer, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
