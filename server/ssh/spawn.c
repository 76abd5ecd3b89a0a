/* spawn.c — runs the client in its own session, on a pty or pipes, with nothing inherited but what we chose. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server/ssh/spawn.h"

void
spawn_close_fds(struct spawn_proc *p)
{
	int *fd[4] = { &p->master, &p->in, &p->out, &p->err };
	size_t i;

	for (i = 0; i < 4; i++) {
		if (*fd[i] >= 0)
			close(*fd[i]);
		*fd[i] = -1;
	}
}

static int
spawn_flags(int fd)
{
	int fl = fcntl(fd, F_GETFL);

	if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) != 0 ||
	    fcntl(fd, F_SETFD, FD_CLOEXEC) != 0)
		return -1;
	return 0;
}

/* Runs in the forked child: becomes the client. Never returns. */
static void __attribute__((noreturn))
spawn_exec(const char *path, char *const argv[], char *const env[],
    int fd0, int fd1, int fd2, int ctty)
{
	static const char msg[] = "mitwirkung-sshd: the client cannot be started\r\n";
	sigset_t none;
	int sig;

	if (setsid() < 0)
		_exit(127);
	if (ctty && ioctl(fd0, TIOCSCTTY, 0) != 0)
		_exit(127);
	if (dup2(fd0, 0) < 0 || dup2(fd1, 1) < 0 || dup2(fd2, 2) < 0)
		_exit(127);
	/* Nothing of the session process leaks into the client. */
	close_range(3, ~0U, 0);
	for (sig = 1; sig < NSIG; sig++)
		signal(sig, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	execve(path, argv, env);
	if (write(2, msg, sizeof(msg) - 1) < 0) {
		/* nothing left to tell anyone */
	}
	_exit(127);
}

int
spawn_start(const char *path, char *const argv[], char *const env[],
    const struct winsize *ws, struct spawn_proc *p)
{
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, err[2] = { -1, -1 };
	int master = -1, slave = -1, saved;
	pid_t pid;

	p->pid = -1;
	p->master = p->in = p->out = p->err = -1;
	if (ws != NULL) {
		if (openpty(&master, &slave, NULL, NULL, ws) != 0)
			return -1;
	} else if (pipe2(in, O_CLOEXEC) != 0 || pipe2(out, O_CLOEXEC) != 0 ||
	    pipe2(err, O_CLOEXEC) != 0) {
		goto fail;
	}
	if ((pid = fork()) < 0)
		goto fail;
	if (pid == 0) {
		if (ws != NULL)
			spawn_exec(path, argv, env, slave, slave, slave, 1);
		spawn_exec(path, argv, env, in[0], out[1], err[1], 0);
	}
	p->pid = pid;
	if (ws != NULL) {
		close(slave);
		p->master = master;
		if (spawn_flags(master) != 0)
			goto fail_started;
	} else {
		close(in[0]);
		close(out[1]);
		close(err[1]);
		p->in = in[1];
		p->out = out[0];
		p->err = err[0];
		if (spawn_flags(p->in) != 0 || spawn_flags(p->out) != 0 ||
		    spawn_flags(p->err) != 0)
			goto fail_started;
	}
	return 0;
fail_started:
	/* The caller sees pid and reaps it. */
	return -1;
fail:
	saved = errno;
	if (master >= 0)
		close(master);
	if (slave >= 0)
		close(slave);
	for (int i = 0; i < 2; i++) {
		if (in[i] >= 0)
			close(in[i]);
		if (out[i] >= 0)
			close(out[i]);
		if (err[i] >= 0)
			close(err[i]);
	}
	errno = saved;
	return -1;
}

int
spawn_home_new(const char *parent, char *buf, size_t bufsz)
{
	if (parent == NULL || *parent == '\0')
		parent = "/tmp";
	if (snprintf(buf, bufsz, "%s/mitwirkung-home.XXXXXX", parent) >= (int)bufsz)
		return -1;
	if (mkdtemp(buf) == NULL)
		return -1;
	return chmod(buf, 0700);
}

static int
spawn_rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

void
spawn_home_remove(const char *path)
{
	if (path == NULL || *path == '\0')
		return;
	nftw(path, spawn_rm_one, 16, FTW_DEPTH | FTW_PHYS | FTW_MOUNT);
}
