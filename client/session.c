/* session.c — stores the login token in the XDG state directory (0600, written atomically). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "client/i18n.h"
#include "client/session.h"

#define SESSION_MAX	4096	/* a token is far shorter; more is not ours */

static int session_nodisk_flag;
/* Handed over by the SSH gateway (session_adopt_env()). */
static char session_gw_token[128];
static char session_gw_proof[128];	/* registers the offered key, once */
static char *session_gw_key, *session_gw_fp;

void
session_set_nodisk(int on)
{
	session_nodisk_flag = on != 0;
}

int
session_nodisk(void)
{
	return session_nodisk_flag;
}

/* The directory that holds the session file, as a new string. */
static char *
session_dir(void)
{
	const char *state = getenv("XDG_STATE_HOME");
	const char *home = getenv("HOME");
	char buf[4096];
	int n;

	/* The XDG spec says relative paths are invalid and must be ignored. */
	if (state != NULL && *state == '/')
		n = snprintf(buf, sizeof(buf), "%s/mitwirkung", state);
	else if (home != NULL && *home != '\0')
		n = snprintf(buf, sizeof(buf), "%s/.local/state/mitwirkung", home);
	else
		return NULL;
	if (n < 0 || (size_t)n >= sizeof(buf))
		return NULL;
	return strdup(buf);
}

char *
session_path(void)
{
	char *dir = session_dir(), *path;
	size_t n;

	if (dir == NULL)
		return NULL;
	n = strlen(dir) + sizeof("/session");
	path = malloc(n);
	if (path != NULL)
		snprintf(path, n, "%s/session", dir);
	free(dir);
	return path;
}

/* mkdir -p for dir; the last component gets mode 0700 (also when it
 * already existed, since a token will live in it). */
static int
session_mkdirs(char *dir)
{
	char *p;

	for (p = dir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	if (mkdir(dir, 0700) < 0 && errno != EEXIST)
		return -1;
	return chmod(dir, 0700);
}

/* A token goes into an HTTP header: only visible ASCII is acceptable. */
static int
session_token_ok(const char *t)
{
	if (*t == '\0')
		return 0;
	for (; *t != '\0'; t++)
		if ((unsigned char)*t <= 0x20 || (unsigned char)*t >= 0x7f)
			return 0;
	return 1;
}

int
session_save(const char *token)
{
	char *dir = NULL, *path = NULL, *tmp = NULL;
	size_t n, len;
	int fd = -1, ret = -1, saved;

	/* A new login replaces the gateway's session. */
	explicit_bzero(session_gw_token, sizeof(session_gw_token));
	if (session_nodisk_flag)
		return 0;
	if (token == NULL || !session_token_ok(token)) {
		errno = EINVAL;
		return -1;
	}
	if ((dir = session_dir()) == NULL || (path = session_path()) == NULL) {
		errno = ENOENT;
		goto out;
	}
	if (session_mkdirs(dir) < 0)
		goto out;
	n = strlen(path) + 32;
	if ((tmp = malloc(n)) == NULL)
		goto out;
	snprintf(tmp, n, "%s.%ld.tmp", path, (long)getpid());
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		goto out;
	len = strlen(token);
	if (fchmod(fd, 0600) < 0 || write(fd, token, len) != (ssize_t)len ||
	    write(fd, "\n", 1) != 1 || fsync(fd) < 0)
		goto out;
	if (close(fd) < 0) {
		fd = -1;
		goto out;
	}
	fd = -1;
	/* rename() replaces the old file at once: a reader never sees half a token. */
	if (rename(tmp, path) < 0)
		goto out;
	ret = 0;
out:
	saved = errno;
	if (fd >= 0)
		close(fd);
	if (ret < 0 && tmp != NULL)
		unlink(tmp);
	free(tmp);
	free(path);
	free(dir);
	errno = saved;
	return ret;
}

char *
session_load(void)
{
	char buf[SESSION_MAX + 1];
	char *path, *tok = NULL;
	ssize_t n;
	size_t len = 0;
	int fd;

	if (session_gw_token[0] != '\0')
		return strdup(session_gw_token);
	if (session_nodisk_flag || (path = session_path()) == NULL)
		return NULL;
	fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	free(path);
	if (fd < 0)
		return NULL;
	while (len < SESSION_MAX &&
	    (n = read(fd, buf + len, SESSION_MAX - len)) > 0)
		len += (size_t)n;
	close(fd);
	buf[len] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	if (session_token_ok(buf))
		tok = strdup(buf);
	explicit_bzero(buf, sizeof(buf));
	return tok;
}

int
session_remove(void)
{
	char *path;
	int r;

	explicit_bzero(session_gw_token, sizeof(session_gw_token));
	if (session_nodisk_flag)
		return 0;
	if ((path = session_path()) == NULL)
		return 0;
	r = unlink(path);
	free(path);
	if (r < 0 && errno != ENOENT)
		return -1;
	return 0;
}

/* The key's text as the gateway made it: base64, a type name, no more. */
static char *
session_env_plain(const char *name, size_t max)
{
	const char *v = getenv(name), *p;

	if (v == NULL || *v == '\0' || strlen(v) > max)
		return NULL;
	for (p = v; *p != '\0'; p++)
		if (strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		    "0123456789+/=:-_.@ ", *p) == NULL)
			return NULL;
	return strdup(v);
}

/* Takes the secret variable name over into buf (when it fits and is
 * plain) and wipes it from the environment. */
static void
session_env_secret(const char *name, char *buf, size_t bufsz)
{
	char *t = getenv(name);

	if (t == NULL)
		return;
	if (strlen(t) < bufsz && session_token_ok(t))
		memcpy(buf, t, strlen(t) + 1);
	/* In place: /proc/PID/environ shows the original bytes. */
	explicit_bzero(t, strlen(t));
	unsetenv(name);
}

void
session_adopt_env(void)
{
	session_env_secret("MITWIRKUNG_TOKEN", session_gw_token,
	    sizeof(session_gw_token));
	explicit_bzero(session_gw_proof, sizeof(session_gw_proof));
	session_env_secret("MITWIRKUNG_SSH_KEY_PROOF", session_gw_proof,
	    sizeof(session_gw_proof));
	free(session_gw_key);
	free(session_gw_fp);
	session_gw_key = session_env_plain("MITWIRKUNG_SSH_KEY", 2048);
	session_gw_fp = session_env_plain("MITWIRKUNG_SSH_KEY_FP", 64);
	/* Without the proof the key could not be registered: no offer. */
	if (session_gw_key == NULL || session_gw_fp == NULL ||
	    session_gw_proof[0] == '\0')
		session_offer_done();
	unsetenv("MITWIRKUNG_SSH_KEY");
	unsetenv("MITWIRKUNG_SSH_KEY_FP");
}

const char *
session_offer_key(void)
{
	return session_gw_key;
}

const char *
session_offer_fp(void)
{
	return session_gw_key != NULL ? session_gw_fp : NULL;
}

const char *
session_offer_proof(void)
{
	return session_gw_key != NULL && session_gw_proof[0] != '\0' ?
	    session_gw_proof : NULL;
}

void
session_offer_done(void)
{
	explicit_bzero(session_gw_proof, sizeof(session_gw_proof));
	free(session_gw_key);
	free(session_gw_fp);
	session_gw_key = session_gw_fp = NULL;
}

const char *
session_key_howto(void)
{
	return _("Keys cannot be added by pasting them. Log in over ssh with the key; the platform then offers to remember it.");
}
