/* rundir.c — the gateway's own run directory: a copy of the client (and its catalogues) that every session uid can run, wherever the build lives. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/log.h"
#include "server/ssh/rundir.h"
#include "server/ssh/spawn.h"

/* Copies the regular file from to the new file to with the given mode. */
static int
rundir_copy(const char *from, const char *to, mode_t mode)
{
	char buf[65536];
	ssize_t n;
	int in, out, rc = -1;

	if ((in = open(from, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if ((out = open(to, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode)) < 0) {
		close(in);
		return -1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			goto out;
	if (n == 0 && fchmod(out, mode) == 0)
		rc = 0;
out:
	close(in);
	if (close(out) != 0)
		rc = -1;
	return rc;
}

/* Copies DIR/locale/LANG/LC_MESSAGES/mitwirkung.mo for every LANG. */
static void
rundir_copy_locale(const char *srcdir, const char *run)
{
	char from[PATH_MAX], to[PATH_MAX], dir[PATH_MAX], loc[PATH_MAX];
	struct dirent *e;
	DIR *d;

	if (snprintf(loc, sizeof(loc), "%s/locale", srcdir) >= (int)sizeof(loc) ||
	    snprintf(to, sizeof(to), "%s/locale", run) >= (int)sizeof(to) ||
	    (d = opendir(loc)) == NULL)
		return;
	mkdir(to, 0755);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || strlen(e->d_name) > 16)
			continue;
		if (snprintf(from, sizeof(from), "%s/%s/LC_MESSAGES/mitwirkung.mo", loc,
		    e->d_name) >= (int)sizeof(from) || access(from, R_OK) != 0)
			continue;
		if (snprintf(to, sizeof(to), "%s/locale/%s/LC_MESSAGES/mitwirkung.mo", run,
		    e->d_name) >= (int)sizeof(to))
			continue;
		/* The two folders above the file, outer first (the length is
		 * checked above, so the shorter paths fit). */
		snprintf(dir, sizeof(dir), "%s/locale/%s", run, e->d_name);
		mkdir(dir, 0755);
		snprintf(dir, sizeof(dir), "%s/locale/%s/LC_MESSAGES", run, e->d_name);
		mkdir(dir, 0755);
		if (rundir_copy(from, to, 0644) != 0)
			log_msg("cannot copy %s: %s", from, strerror(errno));
	}
	closedir(d);
}

int
rundir_install(const char *client, const char *parent, char *dir, size_t dirsz,
    char *copy, size_t copysz)
{
	char srcdir[PATH_MAX];
	const char *base;
	char *slash;

	if (parent == NULL || *parent == '\0')
		parent = "/tmp";
	if (snprintf(dir, dirsz, "%s/mitwirkung-sshd.XXXXXX", parent) >= (int)dirsz ||
	    mkdtemp(dir) == NULL) {
		dir[0] = '\0';
		return -1;
	}
	/* Root's, readable and searchable for the sessions, never writable. */
	if (chmod(dir, 0755) != 0)
		goto fail;
	base = strrchr(client, '/') != NULL ? strrchr(client, '/') + 1 : client;
	if (snprintf(copy, copysz, "%s/%s", dir, base) >= (int)copysz ||
	    rundir_copy(client, copy, 0755) != 0)
		goto fail;
	snprintf(srcdir, sizeof(srcdir), "%s", client);
	if ((slash = strrchr(srcdir, '/')) != NULL) {
		*slash = '\0';
		rundir_copy_locale(srcdir, dir);
	}
	return 0;
fail:
	log_msg("cannot install the client under %s: %s", dir, strerror(errno));
	rundir_remove(dir);
	dir[0] = '\0';
	return -1;
}

void
rundir_remove(const char *dir)
{
	if (dir != NULL && *dir != '\0')
		spawn_home_remove(dir);
}
