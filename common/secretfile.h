/* secretfile.h — reading a shared secret from a file only its owner can read. */
#ifndef MW_COMMON_SECRETFILE_H
#define MW_COMMON_SECRETFILE_H

#include <stddef.h>

/* A secret is 32..SECRETFILE_MAX printable ASCII characters (e.g. 64 hex
 * digits from `openssl rand -hex 32`). */
#define SECRETFILE_MIN	32
#define SECRETFILE_MAX	256

/*
 * Reads the secret in path: a regular file (no symbolic link) that neither
 * group nor others may read or write, holding one line. The line end is
 * dropped. Writes it NUL-terminated into buf (bufsz > SECRETFILE_MAX) and
 * returns 0; on failure returns -1 and an English reason in why (static).
 * The caller wipes buf when done.
 */
int	secretfile_read(const char *path, char *buf, size_t bufsz,
	    const char **why);

#endif
