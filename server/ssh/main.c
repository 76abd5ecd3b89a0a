/* main.c — mitwirkung-sshd: command line, listening socket, host keys, then the listener loop. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/hostport.h"
#include "common/log.h"
#include "common/msglang.h"
#include "server/ssh/keylogin.h"
#include "server/ssh/rundir.h"
#include "server/ssh/sshd.h"

static void
main_usage(FILE *f)
{
	fprintf(f,
	    "usage: mitwirkung-sshd --listen HOST:PORT --hostkey-dir DIR --client PATH --api URL\n"
	    "         [--max-sessions N] [--max-per-source N] [--rate-per-source N]\n"
	    "         [--max-startups BEGIN:RATE:FULL] [--max-startups-per-source N]\n"
	    "         [--login-grace S] [--banner-grace S] [--kex-grace S] [--idle-timeout S]\n"
	    "         [--max-session S] [--uid-range FIRST-LAST]\n"
	    "         [--tmp-dir DIR] [--hangup-grace S] [--gateway-secret-file FILE] [-v]\n"
	    "See mitwirkung-sshd(8).\n");
}

static int
main_number(const char *opt, const char *arg, int min, int max, int *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || v < min || v > max) {
		fprintf(stderr, "mitwirkung-sshd: %s needs a number from %d to %d\n", opt, min, max);
		return -1;
	}
	*out = (int)v;
	return 0;
}

/* --uid-range FIRST-LAST */
static int
main_uid_range(const char *arg, struct sshd_config *cfg)
{
	unsigned long first, last;
	char *end;

	errno = 0;
	first = strtoul(arg, &end, 10);
	if (errno == 0 && end != arg && *end == '-') {
		const char *p = end + 1;

		last = strtoul(p, &end, 10);
		if (errno == 0 && end != p && *end == '\0' && first > 0 && first <= last &&
		    last < 4294967294UL && arg[0] != '-' && p[0] != '-') {
			cfg->uid_first = (uid_t)first;
			cfg->uid_last = (uid_t)last;
			return 0;
		}
	}
	fprintf(stderr, "mitwirkung-sshd: --uid-range needs FIRST-LAST, e.g. 200000-265535 (not 0)\n");
	return -1;
}

/* --max-startups BEGIN:RATE:FULL or N (then N:100:N, OpenSSH's form). */
static int
main_startups(const char *arg, struct sshd_config *cfg)
{
	int b, r, f, n = -1;

	if (sscanf(arg, "%d:%d:%d%n", &b, &r, &f, &n) == 3 && n == (int)strlen(arg) &&
	    b >= 1 && r >= 0 && r <= 100 && f > b && f <= 100000) {
		cfg->startups_begin = b;
		cfg->startups_rate = r;
		cfg->startups_full = f;
		return 0;
	}
	if (sscanf(arg, "%d%n", &b, &n) == 1 && n == (int)strlen(arg) && b >= 1 && b <= 100000) {
		cfg->startups_begin = b;
		cfg->startups_rate = 100;
		cfg->startups_full = b + 1;
		return 0;
	}
	fprintf(stderr, "mitwirkung-sshd: --max-startups needs BEGIN:RATE:FULL, e.g. 10:30:60\n");
	return -1;
}

/* Opens, binds and listens; prints the address like the API server does. */
static int
main_listen(const struct sshd_config *cfg)
{
	struct addrinfo hints, *res = NULL;
	struct sockaddr_storage ss;
	socklen_t sslen = sizeof(ss);
	char port[16], host[INET6_ADDRSTRLEN];
	int fd = -1, one = 1, r, bound_port;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	snprintf(port, sizeof(port), "%d", cfg->port);
	if ((r = getaddrinfo(cfg->host[0] != '\0' ? cfg->host : NULL, port, &hints, &res)) != 0) {
		log_msg("cannot resolve %s: %s", cfg->host, gai_strerror(r));
		return -1;
	}
	fd = socket(res->ai_family, res->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) != 0 ||
	    bind(fd, res->ai_addr, res->ai_addrlen) != 0 || listen(fd, 512) != 0 ||
	    getsockname(fd, (struct sockaddr *)&ss, &sslen) != 0) {
		log_msg("cannot listen on %s:%d: %s", cfg->host, cfg->port, strerror(errno));
		if (fd >= 0)
			close(fd);
		freeaddrinfo(res);
		return -1;
	}
	freeaddrinfo(res);
	if (ss.ss_family == AF_INET6) {
		inet_ntop(AF_INET6, &((struct sockaddr_in6 *)&ss)->sin6_addr, host, sizeof(host));
		bound_port = ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
		fprintf(stderr, "listening on [%s]:%d\n", host, bound_port);
	} else {
		inet_ntop(AF_INET, &((struct sockaddr_in *)&ss)->sin_addr, host, sizeof(host));
		bound_port = ntohs(((struct sockaddr_in *)&ss)->sin_port);
		fprintf(stderr, "listening on %s:%d\n", host, bound_port);
	}
	fflush(stderr);
	return fd;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "listen",		required_argument, NULL, 'l' },
		{ "hostkey-dir",	required_argument, NULL, 'k' },
		{ "client",		required_argument, NULL, 'c' },
		{ "api",		required_argument, NULL, 'a' },
		{ "max-sessions",	required_argument, NULL, 'S' },
		{ "max-per-source",	required_argument, NULL, 'P' },
		{ "rate-per-source",	required_argument, NULL, 'R' },
		{ "login-grace",	required_argument, NULL, 'g' },
		{ "banner-grace",	required_argument, NULL, 'b' },
		{ "kex-grace",		required_argument, NULL, 'x' },
		{ "idle-timeout",	required_argument, NULL, 'i' },
		{ "max-session",	required_argument, NULL, 'm' },
		{ "uid-range",		required_argument, NULL, 'u' },
		{ "max-startups",	required_argument, NULL, 's' },
		{ "max-startups-per-source", required_argument, NULL, 'p' },
		{ "tmp-dir",		required_argument, NULL, 't' },
		{ "hangup-grace",	required_argument, NULL, 'H' },
		{ "gateway-secret-file", required_argument, NULL, 'G' },
		{ "verbose",		no_argument,	   NULL, 'v' },
		{ "help",		no_argument,	   NULL, 'h' },
		{ "version",		no_argument,	   NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	struct sshd_config cfg;
	struct sshd_hostkeys *keys = NULL;
	const char *listen_arg = NULL, *secret_file = NULL, *original = NULL;
	char rundir[PATH_MAX] = "", copy[PATH_MAX];
	int ch, fd, rc = 1;

	memset(&cfg, 0, sizeof(cfg));
	cfg.max_sessions = 200;
	cfg.max_per_source = 10;
	cfg.rate_per_source = 30;
	cfg.startups_begin = 10;
	cfg.startups_rate = 30;
	cfg.startups_full = 60;
	cfg.startups_per_source = 4;
	/* systemd's unused range 0x70000000...: no user, no container. */
	cfg.uid_first = 1879048192;
	cfg.uid_last = 1879048192 + 65535;
	cfg.login_grace = 30;
	cfg.banner_grace = 5;
	cfg.kex_grace = 10;
	cfg.idle_timeout = 15 * 60;
	cfg.max_session = 0;
	cfg.hangup_grace = 2;
	cfg.tmp_dir = getenv("TMPDIR");
	log_init("mitwirkung-sshd");

	while ((ch = getopt_long(argc, argv, "vh", longopts, NULL)) != -1) {
		int bad = 0;

		switch (ch) {
		case 'l': listen_arg = optarg; break;
		case 'k': cfg.hostkey_dir = optarg; break;
		case 'c': cfg.client_path = optarg; break;
		case 'a': cfg.api_url = optarg; break;
		case 'u': bad = main_uid_range(optarg, &cfg); break;
		case 's': bad = main_startups(optarg, &cfg); break;
		case 'p': bad = main_number("--max-startups-per-source", optarg, 1, 100000,
		    &cfg.startups_per_source); break;
		case 't': cfg.tmp_dir = optarg; break;
		case 'G': secret_file = optarg; break;
		case 'S': bad = main_number("--max-sessions", optarg, 1, 100000, &cfg.max_sessions); break;
		case 'P': bad = main_number("--max-per-source", optarg, 1, 100000, &cfg.max_per_source); break;
		case 'R': bad = main_number("--rate-per-source", optarg, 0, 1000000, &cfg.rate_per_source); break;
		case 'g': bad = main_number("--login-grace", optarg, 1, 3600, &cfg.login_grace); break;
		case 'b': bad = main_number("--banner-grace", optarg, 1, 3600, &cfg.banner_grace); break;
		case 'x': bad = main_number("--kex-grace", optarg, 1, 3600, &cfg.kex_grace); break;
		case 'i': bad = main_number("--idle-timeout", optarg, 0, 86400, &cfg.idle_timeout); break;
		case 'm': bad = main_number("--max-session", optarg, 0, 7 * 86400, &cfg.max_session); break;
		case 'H': bad = main_number("--hangup-grace", optarg, 0, 60, &cfg.hangup_grace); break;
		case 'v': cfg.verbose++; break;
		case 'h': main_usage(stdout); return 0;
		case 'V': printf("mitwirkung-sshd %s\n", MW_VERSION); return 0;
		default: main_usage(stderr); return 2;
		}
		if (bad)
			return 2;
	}
	if (optind != argc || listen_arg == NULL || cfg.hostkey_dir == NULL ||
	    cfg.client_path == NULL || cfg.api_url == NULL) {
		main_usage(stderr);
		return 2;
	}
	/* The pre-login pool lives inside the session table. */
	if (cfg.startups_full > cfg.max_sessions) {
		cfg.startups_full = cfg.max_sessions;
		if (cfg.startups_begin >= cfg.startups_full)
			cfg.startups_begin = cfg.startups_full > 1 ? cfg.startups_full - 1 : 1;
	}
	if (hostport_parse(listen_arg, cfg.host, sizeof(cfg.host), &cfg.port) != 0) {
		fprintf(stderr, "mitwirkung-sshd: --listen needs HOST:PORT, e.g. 127.0.0.1:2222\n");
		return 2;
	}
	/* A fixed, absolute path: the client is never looked up in PATH. */
	if (cfg.client_path[0] != '/' || access(cfg.client_path, X_OK) != 0) {
		fprintf(stderr, "mitwirkung-sshd: --client must be an absolute path to an executable: %s\n",
		    cfg.client_path);
		return 2;
	}
	if (strlen(cfg.api_url) > 400 || strncmp(cfg.api_url, "http", 4) != 0) {
		fprintf(stderr, "mitwirkung-sshd: --api needs an http:// or https:// URL\n");
		return 2;
	}
	/* Read while still privileged; the file may be root's alone. */
	if (secret_file != NULL && keylogin_init(secret_file) != 0)
		return 2;
	if (privdrop_resolve(&cfg) != 0)
		return 2;
	/* A build in a private directory (root's clone under /root): the
	 * sessions run a copy in our own run directory instead. */
	if (privdrop_check_client(&cfg) != 0 && cfg.drop &&
	    rundir_install(cfg.client_path, access("/run", W_OK | X_OK) == 0 ? "/run" : cfg.tmp_dir,
	    rundir, sizeof(rundir), copy, sizeof(copy)) == 0) {
		original = cfg.client_path;
		cfg.client_path = copy;
	}
	if (privdrop_check_client(&cfg) != 0) {
		fprintf(stderr, "mitwirkung-sshd: %s cannot run %s or cannot write to %s "
		    "(every directory on the way must be searchable for it); use "
		    "--tmp-dir or install the client\n",
		    cfg.drop ? "a session uid" : "the current user",
		    original != NULL ? original : cfg.client_path,
		    cfg.tmp_dir != NULL ? cfg.tmp_dir : "/tmp");
		rundir_remove(rundir);
		return 2;
	}
	if ((fd = main_listen(&cfg)) < 0) {
		rundir_remove(rundir);
		return 1;
	}
	if (original != NULL)
		log_msg("sessions cannot reach %s; they run a copy: %s", original, copy);
	/* Each session (a child of the listener) inherits the catalogues
	 * loaded here and speaks the language its client's LANG names.
	 * Loaded before the host keys: memory the catalogues' loading frees
	 * must not be where the keys' parsing left a copy of a secret. */
	msglang_init(NULL);
	msglang_log_fallbacks();
	if (hostkeys_load(cfg.hostkey_dir, &keys) != 0)
		goto out;
	hostkeys_log(keys);
	if (cfg.drop)
		log_msg("client %s, API %s, sessions as uids %lu-%lu%s", cfg.client_path, cfg.api_url,
		    (unsigned long)cfg.uid_first, (unsigned long)cfg.uid_last,
		    keylogin_enabled() ? ", key login on" : "");
	else
		log_msg("client %s, API %s, sessions as the current user%s", cfg.client_path,
		    cfg.api_url, keylogin_enabled() ? ", key login on" : "");
	rc = listener_run(&cfg, fd, keys);
out:
	close(fd);
	hostkeys_free(keys);
	rundir_remove(rundir);
	return rc;
}
