/* sshd.h — configuration and the module interfaces of mitwirkung-sshd. */
#ifndef MW_SSHD_H
#define MW_SSHD_H

#include <stddef.h>
#include <sys/types.h>

/* Exit statuses of a connection child that did not write its own log line;
 * the listener logs those connections for it. */
#define SSHD_CHILD_OK		0
#define SSHD_CHILD_GRACE	3	/* login grace time ran out */
#define SSHD_CHILD_SETUP	4	/* privilege drop or set-up failed */

struct sshd_config {
	char	 host[256];		/* --listen HOST */
	int	 port;			/* --listen PORT, 0 = any free port */
	const char *hostkey_dir;	/* --hostkey-dir */
	const char *client_path;	/* --client, absolute path */
	const char *api_url;		/* --api, given to the client as MITWIRKUNG_API */
	uid_t	 uid_first, uid_last;	/* --uid-range: one uid (and gid) per session when root */
	const char *tmp_dir;		/* --tmp-dir, parent of the private HOMEs */
	int	 max_sessions;		/* --max-sessions */
	int	 max_per_source;	/* --max-per-source */
	int	 startups_begin;	/* --max-startups BEGIN:RATE:FULL, the */
	int	 startups_rate;		/*   pool of connections not logged in */
	int	 startups_full;
	int	 startups_per_source;	/* --max-startups-per-source */
	int	 rate_per_source;	/* --rate-per-source, connections per minute */
	int	 login_grace;		/* --login-grace seconds */
	int	 banner_grace;		/* --banner-grace: seconds for the client's version line */
	int	 kex_grace;		/* --kex-grace: seconds to finish the key exchange */
	int	 idle_timeout;		/* --idle-timeout seconds, 0 = off */
	int	 max_session;		/* --max-session seconds, 0 = off */
	int	 hangup_grace;		/* seconds between SIGHUP and SIGKILL */
	int	 verbose;		/* -v: libssh log level */
	int	 drop;			/* set by privdrop_resolve(): root, so drop */
};

/* The host keys of the server, loaded once by the privileged listener. */
struct sshd_hostkeys;

/*
 * Loads DIR/ssh_host_ed25519_key and DIR/ssh_host_rsa_key, creating any
 * that is missing (mode 0600, never overwriting a file). Refuses keys that
 * others can read. Returns 0 and a new key set in *out, or -1 after logging
 * why. The caller frees it with hostkeys_free().
 */
int	hostkeys_load(const char *dir, struct sshd_hostkeys **out);
/* Logs the SHA256 fingerprints of the keys. */
void	hostkeys_log(const struct sshd_hostkeys *keys);
void	hostkeys_free(struct sshd_hostkeys *keys);

/*
 * Runs the listener until SIGTERM or SIGINT: accepts, enforces the
 * connection limits and forks one child per connection that runs
 * conn_main(). listen_fd is a listening socket. Returns an exit status.
 */
int	listener_run(const struct sshd_config *cfg, int listen_fd,
	    struct sshd_hostkeys *keys);

/*
 * Serves one connection in a forked child: drops privileges, does the
 * key exchange and runs the client. fd is the accepted socket, source the
 * printable peer address. Never returns: exits with an SSHD_CHILD_* code.
 */
void	conn_main(const struct sshd_config *cfg, struct sshd_hostkeys *keys,
	    int fd, const char *source, uid_t uid) __attribute__((noreturn));

/*
 * When running as root, checks the --uid-range: never root, large enough
 * for --max-sessions, and no user, group or subordinate id range of the
 * system (passwd, group, /etc/subuid, /etc/subgid) inside it. Sets
 * cfg->drop. Returns 0 or -1 after logging why.
 */
int	privdrop_resolve(struct sshd_config *cfg);

/* Returns 0 when a session uid can execute the client and create its
 * HOME under the --tmp-dir, else -1. */
int	privdrop_check_client(const struct sshd_config *cfg);

/*
 * Drops to uid (and the gid of the same number, no supplementary groups,
 * checked) when running as root, then sets PR_SET_NO_NEW_PRIVS, not
 * dumpable, no core files and limits on descriptors, processes of the uid
 * and address space. Returns 0 or -1 after logging why.
 */
int	privdrop_demote(const struct sshd_config *cfg, uid_t uid);

/*
 * Loads the seccomp filter of a connection child, inherited by its client
 * (sandbox.c): ptrace and other processes' memory, mounts, namespaces,
 * kernel modules and keys, BPF, perf, io_uring, the clock and reboot fail
 * with EPERM; sockets other than IPv4, IPv6, local and netlink with
 * EAFNOSUPPORT. Needs PR_SET_NO_NEW_PRIVS first. Returns 0 or -1.
 */
int	sandbox_apply(void);

/* After a session: kills every process left with its uid (a client that
 * put something in the background), so the uid is clean for reuse. */
void	privdrop_sweep(const struct sshd_config *cfg, uid_t uid);

/* Claims uid for one session against every other gateway on the machine
 * (another instance, another range that overlaps): an abstract local
 * socket named after the uid, held by the listener until the session is
 * reaped and swept, freed by the kernel when the listener dies. Returns
 * the descriptor (the caller owns it and closes it to give the uid back),
 * or -1: errno EADDRINUSE when another gateway holds the uid. */
int	privdrop_claim(uid_t uid);

#endif
