/* rundir.h — the gateway's run directory with a copy of the client. */
#ifndef MW_SSHD_RUNDIR_H
#define MW_SSHD_RUNDIR_H

#include <stddef.h>

/*
 * Creates a new directory (root's, mode 0755) under parent ("/tmp" when
 * NULL) and copies the program client into it (mode 0755), with the
 * catalogues of a "locale" directory beside it. Stores the directory in
 * dir and the copy's path in copy. Returns 0, or -1 after logging (dir is
 * then empty and nothing is left behind).
 */
int	rundir_install(const char *client, const char *parent, char *dir, size_t dirsz,
	    char *copy, size_t copysz);

/* Removes a directory made by rundir_install() with everything in it. */
void	rundir_remove(const char *dir);

#endif
