/* secretfile.c — the gateway secret file: owner-only, one line of printable ASCII. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/secretfile.h"

int
secretfile_read(const char *path, char *buf, size_t bufsz, const char **why)
{
	char tmp[SECRETFILE_MAX + 4];
	struct stat st;
	ssize_t r;
	size_t n = 0, i;
	int fd;

	*why = "cannot open";
	if (buf == NULL || bufsz <= SECRETFILE_MAX || path == NULL)
		return -1;
	buf[0] = '\0';
	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) < 0)
		return -1;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		*why = "not a regular file";
		goto fail;
	}
	if ((st.st_mode & 077) != 0) {
		*why = "group or others may read or write it (chmod 600)";
		goto fail;
	}
	while (n < sizeof(tmp)) {
		r = read(fd, tmp + n, sizeof(tmp) - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			*why = "cannot read";
			goto fail;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	fd = -1;
	if (n > 0 && tmp[n - 1] == '\n')
		n--;
	if (n > 0 && tmp[n - 1] == '\r')
		n--;
	*why = "the secret must be one line of 32 to 256 printable characters";
	if (n < SECRETFILE_MIN || n > SECRETFILE_MAX)
		goto fail;
	for (i = 0; i < n; i++)
		if ((unsigned char)tmp[i] <= 0x20 || (unsigned char)tmp[i] > 0x7e)
			goto fail;
	memcpy(buf, tmp, n);
	buf[n] = '\0';
	explicit_bzero(tmp, sizeof(tmp));
	*why = NULL;
	return 0;
fail:
	explicit_bzero(tmp, sizeof(tmp));
	if (fd >= 0)
		close(fd);
	return -1;
}
