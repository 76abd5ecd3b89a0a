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

/* How far a connection got, as its child reports it on the log pipe. */
#define LISTENER_PRE	0	/* banner and key exchange not done */
#define LISTENER_KEX	1	/* key exchange done, no session yet */
#define LISTENER_RUN	2	/* the client runs: out of the pre-login pool */

#define LISTENER_LINE	1100	/* a child's log line, cut beyond */

struct listener_child {
	pid_t	pid;
	char	source[INET6_ADDRSTRLEN + 4];	/* for the log */
	char	key[INET6_ADDRSTRLEN + 4];	/* what the limits count */
	double	start;
	int	logfd;			/* read end of the child's stderr, or -1 */
	int	state;			/* LISTENER_PRE, _KEX or _RUN */
	int	evicted;		/* killed to make room in the pre-login pool */
	uid_t	uid;			/* the session's own uid (when root) */
	int	claim;			/* privdrop_claim() of uid, or -1 */
	size_t	llen;
	char	line[LISTENER_LINE];
};

struct listener {
	const struct sshd_config *cfg;
	struct sshd_hostkeys	*keys;
	int			 listen_fd;
	int			 sig_fd;
	struct listener_child	*child;		/* cfg->max_sessions slots */
	int			 nchild;
	struct limits_rate	*rate;
	uid_t			 uid_next;	/* offset into the uid range */
	struct pollfd		*pfd;		/* signals, socket, log pipes */
};

static double
listener_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Counts the children of a source; with pre, only those not logged in. */
static int
listener_count_source(const struct listener *l, const char *key, int pre)
{
	int i, n = 0;

	for (i = 0; i < l->cfg->max_sessions; i++)
		if (l->child[i].pid > 0 && strcmp(l->child[i].key, key) == 0 &&
		    (!pre || l->child[i].state != LISTENER_RUN))
			n++;
	return n;
}

/* The connections that have not started a session yet. */
static int
listener_count_startups(const struct listener *l)
{
	int i, n = 0;

	for (i = 0; i < l->cfg->max_sessions; i++)
		if (l->child[i].pid > 0 && l->child[i].state != LISTENER_RUN &&
		    !l->child[i].evicted)
			n++;
	return n;
}

/* One line a child wrote to its stderr: a progress mark for the pool, or
 * a log line passed on to ours with control characters made visible (a
 * child is not trusted to keep the operator's log clean). */
static void
listener_child_line(struct listener_child *ch, char *line, size_t n)
{
	size_t i;

	if (n > 0 && line[0] == '\001') {
		if (n == 4 && memcmp(line + 1, "kex", 3) == 0 && ch->state < LISTENER_KEX)
			ch->state = LISTENER_KEX;
		else if (n == 8 && memcmp(line + 1, "session", 7) == 0)
			ch->state = LISTENER_RUN;
		return;
	}
	for (i = 0; i < n; i++)
		if ((unsigned char)line[i] < 0x20 || line[i] == 0x7f)
			line[i] = '?';
	line[n] = '\n';
	if (write(2, line, n + 1) < 0) {
		/* our own log is gone: nothing to tell */
	}
}

/* Reads what a child wrote; at EOF (or with drain, until nothing is left)
 * the pipe is closed and a cut line passed on. */
static void
listener_child_read(struct listener_child *ch)
{
	ssize_t r;
	char *nl;

	if (ch->logfd < 0)
		return;
	for (;;) {
		r = read(ch->logfd, ch->line + ch->llen, sizeof(ch->line) - 1 - ch->llen);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		ch->llen += (size_t)r;
		while ((nl = memchr(ch->line, '\n', ch->llen)) != NULL) {
			size_t n = (size_t)(nl - ch->line);

			listener_child_line(ch, ch->line, n);
			memmove(ch->line, nl + 1, ch->llen - n - 1);
			ch->llen -= n + 1;
		}
		if (ch->llen == sizeof(ch->line) - 1) {
			listener_child_line(ch, ch->line, ch->llen);
			ch->llen = 0;
		}
	}
	if (r == 0 || (r < 0 && errno != EAGAIN)) {
		if (ch->llen > 0)
			listener_child_line(ch, ch->line, ch->llen);
		ch->llen = 0;
		close(ch->logfd);
		ch->logfd = -1;
	}
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
			/* Its last lines first, then what only we know. */
			listener_child_read(ch);
			if (ch->logfd >= 0) {
				close(ch->logfd);
				ch->logfd = -1;
			}
			privdrop_sweep(l->cfg, ch->uid);
			/* Swept: the uid may go to another session now. */
			if (ch->claim >= 0) {
				close(ch->claim);
				ch->claim = -1;
			}
			if (WIFSIGNALED(status) && ch->evicted)
				log_msg("connection from %s user=- mode=- duration=%.1fs end=evicted",
				    ch->source, listener_now() - ch->start);
			else if (WIFSIGNALED(status))
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

/*
 * The pre-login pool, after OpenSSH's MaxStartups begin:rate:full: below
 * begin every connection is taken; from begin on, a new connection from
 * an address that already has one waiting is dropped with a probability
 * rising from rate % to 100 % at full. A newcomer is never dropped at
 * random: when the pool is full, the address holding most of it loses its
 * oldest, least advanced connection to make room, unless the newcomer is
 * that address. So a flood from many addresses cannot lock anyone out.
 * Returns NULL to accept or the reason for the refusal.
 */
static const char *
listener_startup_check(struct listener *l, const char *key)
{
	const struct sshd_config *cfg = l->cfg;
	struct listener_child *victim = NULL;
	int n = listener_count_startups(l), mine, top = 0, i;

	mine = listener_count_source(l, key, 1);
	if (mine >= cfg->startups_per_source)
		return "too many connections from your address waiting to log in";
	if (n < cfg->startups_begin)
		return NULL;
	if (mine > 0 && n < cfg->startups_full) {
		unsigned int p = (unsigned int)(cfg->startups_rate + (100 - cfg->startups_rate) *
		    (n - cfg->startups_begin) / (cfg->startups_full - cfg->startups_begin));

		return arc4random_uniform(100) < p ?
		    "too many connections waiting to log in" : NULL;
	}
	if (n < cfg->startups_full)
		return NULL;
	for (i = 0; i < cfg->max_sessions; i++) {
		struct listener_child *ch = &l->child[i];
		int k;

		if (ch->pid <= 0 || ch->state == LISTENER_RUN || ch->evicted)
			continue;
		k = listener_count_source(l, ch->key, 1);
		if (victim == NULL || k > top || (k == top && (ch->state < victim->state ||
		    (ch->state == victim->state && ch->start < victim->start)))) {
			victim = ch;
			top = k;
		}
	}
	if (victim == NULL || mine >= top)
		return "too many connections waiting to log in";
	/* SIGTERM: the child ends in order (end=evicted) and cleans up. */
	kill(victim->pid, SIGTERM);
	victim->evicted = 1;
	return NULL;
}

/* The uid of the next session: each one its own, from the configured
 * range, the next that no running session holds, of this gateway or of
 * any other on the machine (claimed: *claim is the descriptor that holds
 * it, or -1 when not root). Returns 0, or -1 when no uid is free. */
static int
listener_next_uid(struct listener *l, uid_t *uid, int *claim)
{
	const struct sshd_config *cfg = l->cfg;
	uid_t span = cfg->uid_last - cfg->uid_first + 1, k, u;
	int i, used, fd;

	*uid = (uid_t)-1;
	*claim = -1;
	if (!cfg->drop)
		return 0;
	for (k = 0; k < span; k++) {
		u = cfg->uid_first + (l->uid_next + k) % span;
		used = 0;
		for (i = 0; i < cfg->max_sessions && !used; i++)
			if (l->child[i].pid > 0 && l->child[i].uid == u)
				used = 1;
		if (used)
			continue;
		/* Another gateway's session under this uid would be killed
		 * by our sweep, and ours by its: skip the uid. */
		if ((fd = privdrop_claim(u)) < 0) {
			if (errno == EADDRINUSE)
				continue;
			log_msg("cannot claim uid %lu: %s", (unsigned long)u, strerror(errno));
			return -1;
		}
		l->uid_next = (l->uid_next + k + 1) % span;
		*uid = u;
		*claim = fd;
		return 0;
	}
	return -1;
}

static void
listener_accept(struct listener *l)
{
	struct sockaddr_storage ss;
	socklen_t sslen = sizeof(ss);
	char source[INET6_ADDRSTRLEN + 4], key[INET6_ADDRSTRLEN + 4];
	const char *why;
	int fd, one = 1, slot, logpipe[2], claim;
	uid_t uid;
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
	if (listener_count_source(l, key, 0) >= l->cfg->max_per_source) {
		listener_refuse(fd, source, "too many sessions from your address");
		return;
	}
	if ((why = listener_startup_check(l, key)) != NULL) {
		listener_refuse(fd, source, why);
		return;
	}
	if (l->nchild >= l->cfg->max_sessions) {
		listener_refuse(fd, source, "too many sessions on this server");
		return;
	}
	for (slot = 0; slot < l->cfg->max_sessions; slot++)
		if (l->child[slot].pid <= 0 && l->child[slot].logfd < 0)
			break;
	if (slot == l->cfg->max_sessions) {
		listener_refuse(fd, source, "too many sessions on this server");
		return;
	}
	if (listener_next_uid(l, &uid, &claim) != 0) {
		listener_refuse(fd, source, "too many sessions on this server");
		return;
	}
	/* Small screen updates must leave at once, not wait for an ACK. */
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (pipe2(logpipe, O_CLOEXEC) != 0) {
		log_msg("pipe: %s", strerror(errno));
		close(fd);
		if (claim >= 0)
			close(claim);
		return;
	}
	if ((pid = fork()) < 0) {
		log_msg("fork: %s", strerror(errno));
		close(logpipe[0]);
		close(logpipe[1]);
		close(fd);
		if (claim >= 0)
			close(claim);
		return;
	}
	if (pid == 0) {
		sigset_t none;

		/* The child keeps the connection and its log pipe as stderr,
		 * nothing else: not the listener's log file. */
		close(l->listen_fd);
		close(l->sig_fd);
		if (dup2(logpipe[1], 2) < 0)
			_exit(SSHD_CHILD_SETUP);
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
		conn_main(l->cfg, l->keys, fd, source, uid);
	}
	close(fd);
	close(logpipe[1]);
	fcntl(logpipe[0], F_SETFL, O_NONBLOCK);
	l->child[slot].pid = pid;
	l->child[slot].start = listener_now();
	l->child[slot].logfd = logpipe[0];
	l->child[slot].state = LISTENER_PRE;
	l->child[slot].evicted = 0;
	l->child[slot].uid = uid;
	l->child[slot].claim = claim;
	l->child[slot].llen = 0;
	snprintf(l->child[slot].source, sizeof(l->child[slot].source), "%s", source);
	snprintf(l->child[slot].key, sizeof(l->child[slot].key), "%s", key);
	l->nchild++;
}

/* After SIGTERM: waits (bounded) for the children to end, passing on
 * their log lines, so the log is complete when the server has stopped. */
static void
listener_wait_all(struct listener *l)
{
	double until = listener_now() + l->cfg->hangup_grace + 3.0;

	while (l->nchild > 0 && listener_now() < until) {
		int i;

		for (i = 0; i < l->cfg->max_sessions; i++)
			listener_child_read(&l->child[i]);
		listener_reap(l);
		if (l->nchild > 0)
			poll(NULL, 0, 20);
	}
}

int
listener_run(const struct sshd_config *cfg, int listen_fd, struct sshd_hostkeys *keys)
{
	struct listener l;
	sigset_t mask;
	int rc = 1, i, stop = 0;

	memset(&l, 0, sizeof(l));
	l.cfg = cfg;
	l.keys = keys;
	l.listen_fd = listen_fd;
	l.sig_fd = -1;
	if ((l.child = calloc((size_t)cfg->max_sessions, sizeof(*l.child))) == NULL ||
	    (l.pfd = calloc((size_t)cfg->max_sessions + 2, sizeof(*l.pfd))) == NULL ||
	    (l.rate = limits_rate_new(LISTENER_RATE_SLOTS, cfg->rate_per_source)) == NULL) {
		log_msg("out of memory");
		goto out;
	}
	for (i = 0; i < cfg->max_sessions; i++)
		l.child[i].logfd = l.child[i].claim = -1;
	l.uid_next = arc4random_uniform(cfg->uid_last - cfg->uid_first + 1);
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
		struct pollfd *pfd = l.pfd;
		nfds_t n = 2;

		pfd[0].fd = l.sig_fd;
		pfd[0].events = POLLIN;
		pfd[1].fd = listen_fd;
		pfd[1].events = POLLIN;
		for (i = 0; i < cfg->max_sessions; i++) {
			if (l.child[i].logfd >= 0) {
				pfd[n].fd = l.child[i].logfd;
				pfd[n++].events = POLLIN;
			}
		}
		if (poll(pfd, n, -1) < 0) {
			if (errno == EINTR)
				continue;
			log_msg("poll: %s", strerror(errno));
			goto out;
		}
		/* Log lines and progress marks before anything that counts. */
		for (i = 0; i < cfg->max_sessions; i++)
			if (l.child[i].logfd >= 0)
				listener_child_read(&l.child[i]);
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
	/* Sessions end with the server, their clients are hung up; their
	 * last log lines are still passed on. */
	for (i = 0; i < cfg->max_sessions; i++)
		if (l.child[i].pid > 0)
			kill(l.child[i].pid, SIGTERM);
	listener_wait_all(&l);
	rc = 0;
out:
	if (l.sig_fd >= 0)
		close(l.sig_fd);
	if (l.child != NULL)
		for (i = 0; i < cfg->max_sessions; i++) {
			if (l.child[i].logfd >= 0)
				close(l.child[i].logfd);
			if (l.child[i].claim >= 0)
				close(l.child[i].claim);
		}
	free(l.pfd);
	free(l.child);
	limits_rate_free(l.rate);
	return rc;
}
