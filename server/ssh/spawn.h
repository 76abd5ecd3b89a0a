/* spawn.h — starting the client on a pseudo-terminal or on pipes, with a fixed environment. */
#ifndef MW_SSHD_SPAWN_H
#define MW_SSHD_SPAWN_H

#include <sys/ioctl.h>
#include <sys/types.h>

struct spawn_proc {
	pid_t	pid;		/* -1 when not running */
	int	master;		/* pty master, or -1 */
	int	in;		/* pipe to the client's stdin, or -1 */
	int	out;		/* pipe from stdout, or -1 */
	int	err;		/* pipe from stderr, or -1 */
};

/*
 * Starts path with argv and env (both NULL-terminated, copied by execve)
 * in a new session: on a new pty of size *ws when ws is not NULL, else on
 * three pipes. Every other descriptor is closed in the client and the
 * signal mask and handlers are reset. The descriptors in *p are
 * non-blocking and close-on-exec. Returns 0, or -1 with errno set.
 */
int	spawn_start(const char *path, char *const argv[], char *const env[],
	    const struct winsize *ws, struct spawn_proc *p);

/* Closes whatever descriptors of p are open; leaves pid alone. */
void	spawn_close_fds(struct spawn_proc *p);

/*
 * Creates a new private directory (mode 0700) under parent for the
 * client's HOME and stores its path in buf. Returns 0 or -1.
 */
int	spawn_home_new(const char *parent, char *buf, size_t bufsz);

/* Removes a directory made by spawn_home_new() with everything in it,
 * without following symbolic links. */
void	spawn_home_remove(const char *path);

#endif
