/* listener.c — the privileged parent: accepts, applies the connection limits, forks; it never reads a protocol byte. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "server/ssh/limits.h"
#include "server/ssh/sshd.h"

#define LISTENER_RATE_SLOTS	4096

struct listener_child {
	pid_t	pid;
	char	source[INET6_ADDRSTRLEN + 4];	/* for the log */
	char	key[INET6_ADDRSTRLEN + 4];	/* what the limits count */
	double	start;
};

struct listener {
	const struct sshd_config *cfg;
	struct sshd_hostkeys	*keys;
	int			 listen_fd;
	int			 sig_fd;
	struct listener_child	*child;		/* cfg->max_sessions slots */
	int			 nchild;
	struct limits_rate	*rate;
};

static double
listener_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
listener_count_source(const struct listener *l, const char *key)
{
	int i, n = 0;

	for (i = 0; i < l->cfg->max_sessions; i++)
		if (l->child[i].pid > 0 && strcmp(l->child[i].key, key) == 0)
			n++;
	return n;
}

/* Tells an over-limit client why, in the one place SSH allows text before
 * the protocol starts (lines before the version string, RFC 4253 4.2),
 * then closes. No child is forked for it: refusing must stay cheap. */
static void
listener_refuse(int fd, const char *source, const char *why)
{
	char msg[256], drain[512];
	int n;

	n = snprintf(msg, sizeof(msg), "mitwirkung-sshd: %s, please try again later.\r\n", why);
	if (n > 0 && write(fd, msg, (size_t)n) < 0) {
		/* the peer is gone already */
	}
	shutdown(fd, SHUT_WR);
	/* Reading what the client sent so far (never waiting) avoids a reset
	 * that could discard our line before the client reads it. */
	if (read(fd, drain, sizeof(drain)) < 0) {
		/* nothing there yet */
	}
	close(fd);
	log_msg("connection from %s refused: %s", source, why);
}

static void
listener_reap(struct listener *l)
{
	int status, i;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		for (i = 0; i < l->cfg->max_sessions; i++) {
			struct listener_child *ch = &l->child[i];

			if (ch->pid != pid)
				continue;
			/* A child that ended abnormally wrote no log line. */
			if (WIFSIGNALED(status))
				log_msg("connection from %s user=- mode=- duration=%.1fs end=killed-by-signal-%d",
				    ch->source, listener_now() - ch->start, WTERMSIG(status));
			else if (WEXITSTATUS(status) == SSHD_CHILD_GRACE)
				log_msg("connection from %s user=- mode=- duration=%.1fs end=login-grace",
				    ch->source, listener_now() - ch->start);
			else if (WEXITSTATUS(status) != SSHD_CHILD_OK)
				log_msg("connection from %s user=- mode=- duration=%.1fs end=setup-failed",
				    ch->source, listener_now() - ch->start);
			ch->pid = 0;
			l->nchild--;
			break;
		}
	}
}

/*
 * Prints the peer address for the log (source) and the key the limits
 * count against: IPv4 as it is, IPv4-mapped IPv6 as IPv4, other IPv6
 * addresses by their /64, because one host usually has a whole /64.
 */
static void
listener_source(const struct sockaddr_storage *ss, char *source, char *key, size_t sz)
{
	char tmp[INET6_ADDRSTRLEN] = "?";

	snprintf(source, sz, "?");
	snprintf(key, sz, "?");
	if (ss->ss_family == AF_INET) {
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ss)->sin_addr, source, (socklen_t)sz);
		snprintf(key, sz, "%s", source);
	} else if (ss->ss_family == AF_INET6) {
		struct in6_addr a = ((const struct sockaddr_in6 *)ss)->sin6_addr;

		if (IN6_IS_ADDR_V4MAPPED(&a)) {
			inet_ntop(AF_INET, &a.s6_addr[12], source, (socklen_t)sz);
			snprintf(key, sz, "%s", source);
			return;
		}
		inet_ntop(AF_INET6, &a, source, (socklen_t)sz);
		memset(&a.s6_addr[8], 0, 8);
		inet_ntop(AF_INET6, &a, tmp, sizeof(tmp));
		snprintf(key, sz, "%s/64", tmp);
	}
}

static void
listener_accept(struct listener *l)
{
	struct sockaddr_storage ss;
	socklen_t sslen = sizeof(ss);
	char source[INET6_ADDRSTRLEN + 4], key[INET6_ADDRSTRLEN + 4];
	int fd, one = 1, slot;
	pid_t pid;

	fd = accept4(l->listen_fd, (struct sockaddr *)&ss, &sslen, SOCK_CLOEXEC | SOCK_NONBLOCK);
	if (fd < 0) {
		/* Out of descriptors or memory: the pending connection stays
		 * queued and poll() would report it at once; pause instead of
		 * spinning. */
		if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
			log_msg("accept: %s; pausing", strerror(errno));
			poll(NULL, 0, 100);
		}
		return;
	}
	listener_source(&ss, source, key, sizeof(source));

	if (!limits_rate_allow(l->rate, key, listener_now())) {
		listener_refuse(fd, source, "too many new connections from your address");
		return;
	}
	if (l->nchild >= l->cfg->max_sessions) {
		listener_refuse(fd, source, "too many sessions on this server");
		return;
	}
	if (listener_count_source(l, key) >= l->cfg->max_per_source) {
		listener_refuse(fd, source, "too many sessions from your address");
		return;
	}
	for (slot = 0; slot < l->cfg->max_sessions; slot++)
		if (l->child[slot].pid <= 0)
			break;
	/* Small screen updates must leave at once, not wait for an ACK. */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if ((pid = fork()) < 0) {
		log_msg("fork: %s", strerror(errno));
		close(fd);
		return;
	}
	if (pid == 0) {
		sigset_t none;

		/* The child keeps the connection and stderr, nothing else. */
		close(l->listen_fd);
		close(l->sig_fd);
		signal(SIGTERM, SIG_DFL);
		signal(SIGINT, SIG_DFL);
		signal(SIGPIPE, SIG_IGN);
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		if (fcntl(fd, F_SETFL, 0) != 0)
			_exit(SSHD_CHILD_SETUP);
		if (fd != 3) {
			if (dup2(fd, 3) < 0)
				_exit(SSHD_CHILD_SETUP);
			close(fd);
			fd = 3;
		}
		close_range(4, ~0U, 0);
		/* stdin and stdout of the listener may be a terminal. */
		{
			int null = open("/dev/null", O_RDWR | O_CLOEXEC);

			if (null >= 0 && null != 3) {
				dup2(null, 0);
				dup2(null, 1);
				close(null);
			}
		}
		conn_main(l->cfg, l->keys, fd, source);
	}
	close(fd);
	l->child[slot].pid = pid;
	l->child[slot].start = listener_now();
	snprintf(l->child[slot].source, sizeof(l->child[slot].source), "%s", source);
	snprintf(l->child[slot].key, sizeof(l->child[slot].key), "%s", key);
	l->nchild++;
}

int
listener_run(const struct sshd_config *cfg, int listen_fd, struct sshd_hostkeys *keys)
{
	struct listener l;
	struct pollfd pfd[2];
	sigset_t mask;
	int rc = 1, i, stop = 0;

	memset(&l, 0, sizeof(l));
	l.cfg = cfg;
	l.keys = keys;
	l.listen_fd = listen_fd;
	l.sig_fd = -1;
	if ((l.child = calloc((size_t)cfg->max_sessions, sizeof(*l.child))) == NULL ||
	    (l.rate = limits_rate_new(LISTENER_RATE_SLOTS, cfg->rate_per_source)) == NULL) {
		log_msg("out of memory");
		goto out;
	}
	sigemptyset(&mask);
	sigaddset(&mask, SIGCHLD);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGHUP);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	if ((l.sig_fd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC)) < 0) {
		log_msg("signalfd: %s", strerror(errno));
		goto out;
	}
	signal(SIGPIPE, SIG_IGN);
	while (!stop) {
		pfd[0].fd = l.sig_fd;
		pfd[0].events = POLLIN;
		pfd[1].fd = listen_fd;
		pfd[1].events = POLLIN;
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			log_msg("poll: %s", strerror(errno));
			goto out;
		}
		if (pfd[0].revents & POLLIN) {
			struct signalfd_siginfo si;

			while (read(l.sig_fd, &si, sizeof(si)) == (ssize_t)sizeof(si))
				if (si.ssi_signo == SIGTERM || si.ssi_signo == SIGINT)
					stop = 1;
			listener_reap(&l);
		}
		if (!stop && (pfd[1].revents & POLLIN)) {
			/* Accept a few at a time so reaping keeps up under load. */
			for (i = 0; i < 16; i++) {
				int before = l.nchild;

				listener_accept(&l);
				if (l.nchild == before)
					break;
			}
		}
	}
	log_msg("stopping; ending %d session(s)", l.nchild);
	/* Sessions end with the server, their clients are hung up. */
	for (i = 0; i < cfg->max_sessions; i++)
		if (l.child[i].pid > 0)
			kill(l.child[i].pid, SIGTERM);
	rc = 0;
out:
	if (l.sig_fd >= 0)
		close(l.sig_fd);
	free(l.child);
	limits_rate_free(l.rate);
	return rc;
}
