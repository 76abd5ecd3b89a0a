/* privdrop.c — the one place that gives up root: one uid per session from a range nobody else uses, in the style of OpenSSH's privsep_child_demote(). */
#include <errno.h>
#include <stddef.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/log.h"
#include "server/ssh/sshd.h"

/* Enough for the client's terminal, HTTP connections and locale files;
 * small enough that a runaway session cannot exhaust the system table. */
#define PRIVDROP_NOFILE	128
/* Processes and threads of one session uid: the gateway child, the client
 * and its resolver threads, with room to spare; a fork bomb stops here. */
#define PRIVDROP_NPROC	32
/* Address space of the gateway child and the client (1 GiB). */
#define PRIVDROP_AS	(1024UL * 1024 * 1024)

static int
privdrop_in_range(const struct sshd_config *cfg, unsigned long first, unsigned long count)
{
	return count > 0 && first <= cfg->uid_last && first + count - 1 >= cfg->uid_first;
}

/* Looks for NAME:FIRST:COUNT lines of a subordinate id file that overlap. */
static int
privdrop_sub_clash(const struct sshd_config *cfg, const char *path)
{
	char line[512];
	FILE *f = fopen(path, "r");
	int clash = 0;

	if (f == NULL)
		return 0;
	while (!clash && fgets(line, sizeof(line), f) != NULL) {
		unsigned long first, count;
		char *p = strchr(line, ':');

		if (p != NULL && sscanf(p + 1, "%lu:%lu", &first, &count) == 2 &&
		    privdrop_in_range(cfg, first, count)) {
			log_msg("--uid-range %lu-%lu overlaps %s: %s", (unsigned long)cfg->uid_first,
			    (unsigned long)cfg->uid_last, path, line);
			clash = 1;
		}
	}
	fclose(f);
	return clash;
}

int
privdrop_resolve(struct sshd_config *cfg)
{
	struct passwd *pw;
	struct group *gr;
	int clash = 0;

	cfg->drop = 0;
	if (geteuid() != 0)
		return 0;
	if (cfg->uid_first == 0 || cfg->uid_last < cfg->uid_first ||
	    (unsigned long)(cfg->uid_last - cfg->uid_first) + 1 < (unsigned long)cfg->max_sessions) {
		log_msg("--uid-range needs FIRST-LAST without root and with at least --max-sessions (%d) ids",
		    cfg->max_sessions);
		return -1;
	}
	/* The ids must be nobody's: a session could otherwise read or signal
	 * what that user owns, and the other way round. */
	setpwent();
	while (!clash && (pw = getpwent()) != NULL)
		if (privdrop_in_range(cfg, pw->pw_uid, 1) || privdrop_in_range(cfg, pw->pw_gid, 1)) {
			log_msg("--uid-range overlaps user %s (%lu)", pw->pw_name, (unsigned long)pw->pw_uid);
			clash = 1;
		}
	endpwent();
	setgrent();
	while (!clash && (gr = getgrent()) != NULL)
		if (privdrop_in_range(cfg, gr->gr_gid, 1)) {
			log_msg("--uid-range overlaps group %s (%lu)", gr->gr_name, (unsigned long)gr->gr_gid);
			clash = 1;
		}
	endgrent();
	if (clash || privdrop_sub_clash(cfg, "/etc/subuid") || privdrop_sub_clash(cfg, "/etc/subgid"))
		return -1;
	cfg->drop = 1;
	return 0;
}

int
privdrop_demote(const struct sshd_config *cfg, uid_t uid)
{
	struct rlimit rl;

	if (cfg->drop) {
		if (setgroups(0, NULL) != 0 ||
		    setresgid((gid_t)uid, (gid_t)uid, (gid_t)uid) != 0 ||
		    setresuid(uid, uid, uid) != 0) {
			log_msg("cannot drop privileges: %s", strerror(errno));
			return -1;
		}
		/* Regaining root must fail, or the drop did not happen. */
		if (setuid(0) == 0 || seteuid(0) == 0) {
			log_msg("privileges could be regained after the drop; stopping");
			return -1;
		}
		/* Counted per uid: the session's own processes only. */
		rl.rlim_cur = rl.rlim_max = PRIVDROP_NPROC;
		if (setrlimit(RLIMIT_NPROC, &rl) != 0) {
			log_msg("RLIMIT_NPROC: %s", strerror(errno));
			return -1;
		}
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
		log_msg("PR_SET_NO_NEW_PRIVS: %s", strerror(errno));
		return -1;
	}
	/* No ptrace and no /proc/PID/mem for anyone of the same uid (the
	 * client): this process holds the host keys. */
	if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
		log_msg("PR_SET_DUMPABLE: %s", strerror(errno));
		return -1;
	}
	/* No core files: a session's memory holds the resident's login. */
	rl.rlim_cur = rl.rlim_max = 0;
	setrlimit(RLIMIT_CORE, &rl);
	rl.rlim_cur = rl.rlim_max = PRIVDROP_NOFILE;
	if (setrlimit(RLIMIT_NOFILE, &rl) != 0) {
		log_msg("RLIMIT_NOFILE: %s", strerror(errno));
		return -1;
	}
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
	/* (The sanitizers reserve terabytes of shadow address space.) */
	rl.rlim_cur = rl.rlim_max = PRIVDROP_AS;
	if (setrlimit(RLIMIT_AS, &rl) != 0) {
		log_msg("RLIMIT_AS: %s", strerror(errno));
		return -1;
	}
#endif
	return 0;
}

void
privdrop_sweep(const struct sshd_config *cfg, uid_t uid)
{
	pid_t pid;

	if (!cfg->drop || uid < cfg->uid_first || uid > cfg->uid_last)
		return;
	/* kill(-1) as that uid reaches exactly the processes of that uid. */
	if ((pid = fork()) < 0)
		return;
	if (pid == 0) {
		if (setgroups(0, NULL) == 0 && setresgid((gid_t)uid, (gid_t)uid, (gid_t)uid) == 0 &&
		    setresuid(uid, uid, uid) == 0)
			kill(-1, SIGKILL);
		_exit(0);
	}
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
}

int
privdrop_claim(uid_t uid)
{
	struct sockaddr_un sa;
	socklen_t len;
	int fd, n, err;

	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	/* sun_path[0] == '\0': the abstract namespace, no file to go stale. */
	n = snprintf(sa.sun_path + 1, sizeof(sa.sun_path) - 1, "mitwirkung-sshd/uid/%lu",
	    (unsigned long)uid);
	len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + (size_t)n);
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&sa, len) != 0) {
		err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

int
privdrop_check_client(const struct sshd_config *cfg)
{
	int status;
	pid_t pid;

	const char *tmp = cfg->tmp_dir != NULL && *cfg->tmp_dir != '\0' ? cfg->tmp_dir : "/tmp";

	if (!cfg->drop)
		return access(cfg->client_path, X_OK) == 0 && access(tmp, W_OK | X_OK) == 0 ? 0 : -1;
	/* Ask as a session uid: every directory on the way must be
	 * searchable for it, which a build under /root is not. */
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		if (setgroups(0, NULL) != 0 ||
		    setresgid((gid_t)cfg->uid_first, (gid_t)cfg->uid_first, (gid_t)cfg->uid_first) != 0 ||
		    setresuid(cfg->uid_first, cfg->uid_first, cfg->uid_first) != 0)
			_exit(1);
		_exit(access(cfg->client_path, X_OK) == 0 && access(tmp, W_OK | X_OK) == 0 ? 0 : 1);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return -1;
	return 0;
}
