/* privdrop.c — the one place that gives up root, in the style of OpenSSH's privsep_child_demote(). */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/log.h"
#include "server/ssh/sshd.h"

/* Enough for the client's terminal, HTTP connections and locale files;
 * small enough that a runaway session cannot exhaust the system table. */
#define PRIVDROP_NOFILE	128

int
privdrop_resolve(struct sshd_config *cfg)
{
	struct passwd *pw;
	const char *user = cfg->user;

	cfg->drop = 0;
	if (geteuid() != 0)
		return 0;
	if (user == NULL || *user == '\0')
		user = "nobody";
	if ((pw = getpwnam(user)) == NULL) {
		log_msg("unknown user %s (--user)", user);
		return -1;
	}
	if (pw->pw_uid == 0) {
		log_msg("refusing to run sessions as root (--user %s)", user);
		return -1;
	}
	cfg->drop = 1;
	cfg->run_uid = pw->pw_uid;
	cfg->run_gid = pw->pw_gid;
	return 0;
}

int
privdrop_demote(const struct sshd_config *cfg)
{
	struct rlimit rl;

	if (cfg->drop) {
		if (setgroups(0, NULL) != 0 ||
		    setresgid(cfg->run_gid, cfg->run_gid, cfg->run_gid) != 0 ||
		    setresuid(cfg->run_uid, cfg->run_uid, cfg->run_uid) != 0) {
			log_msg("cannot drop privileges: %s", strerror(errno));
			return -1;
		}
		/* Regaining root must fail, or the drop did not happen. */
		if (setuid(0) == 0 || seteuid(0) == 0) {
			log_msg("privileges could be regained after the drop; stopping");
			return -1;
		}
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) {
		log_msg("PR_SET_NO_NEW_PRIVS: %s", strerror(errno));
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
	return 0;
}

int
privdrop_check_client(const struct sshd_config *cfg)
{
	int status;
	pid_t pid;

	const char *tmp = cfg->tmp_dir != NULL && *cfg->tmp_dir != '\0' ? cfg->tmp_dir : "/tmp";

	if (!cfg->drop)
		return access(cfg->client_path, X_OK) == 0 && access(tmp, W_OK | X_OK) == 0 ? 0 : -1;
	/* Ask as the session user: every directory on the way must be
	 * searchable for it, which a build under /root is not. */
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		if (setgroups(0, NULL) != 0 || setresgid(cfg->run_gid, cfg->run_gid, cfg->run_gid) != 0 ||
		    setresuid(cfg->run_uid, cfg->run_uid, cfg->run_uid) != 0)
			_exit(1);
		_exit(access(cfg->client_path, X_OK) == 0 && access(tmp, W_OK | X_OK) == 0 ? 0 : 1);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return -1;
	return 0;
}
