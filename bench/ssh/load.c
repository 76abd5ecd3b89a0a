/* load.c — SSH load tool for bench/ssh.sh: opens many interactive sessions with the libssh client API, measures set-up rate, keystroke-to-screen latency and the memory of the server's process tree. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libssh/libssh.h>

struct load_sess {
	ssh_session	session;
	ssh_channel	channel;
	int		ready;
};

struct load_opts {
	const char	*host;
	int		 port;
	const char	*user;
	const char	*keyfile;
	const char	*ready;		/* text that shows the first screen is there */
	int		 sessions;
	int		 threads;
	int		 keystrokes;
	int		 pid;		/* server listener, for the memory figure */
	const char	*label;
};

static struct load_opts	 opt;
static struct load_sess	*sess;
static ssh_key		 privkey;
static int		 next_index;
static int		 failures;
static pthread_mutex_t	 lock = PTHREAD_MUTEX_INITIALIZER;

static double
load_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Reads until the ready text appeared (it may be split over reads). */
static int
load_wait_ready(ssh_channel ch, double timeout)
{
	char buf[8192], tail[16384];
	size_t tl = 0;
	double until = load_now() + timeout;

	while (load_now() < until) {
		int n = ssh_channel_read_timeout(ch, buf, sizeof(buf), 0, 200);

		if (n < 0 || (n == 0 && ssh_channel_is_eof(ch)))
			return -1;
		if (n == 0)
			continue;
		if (tl + (size_t)n >= sizeof(tail)) {
			size_t keep = 256 < tl ? 256 : tl;

			memmove(tail, tail + tl - keep, keep);
			tl = keep;
		}
		if ((size_t)n >= sizeof(tail) - tl)
			n = (int)(sizeof(tail) - tl - 1);
		memcpy(tail + tl, buf, (size_t)n);
		tl += (size_t)n;
		tail[tl] = '\0';
		if (memmem(tail, tl, opt.ready, strlen(opt.ready)) != NULL)
			return 0;
	}
	return -1;
}

static int
load_open(struct load_sess *s)
{
	long timeout = 30;
	int port = opt.port;

	if ((s->session = ssh_new()) == NULL)
		return -1;
	ssh_options_set(s->session, SSH_OPTIONS_HOST, opt.host);
	ssh_options_set(s->session, SSH_OPTIONS_PORT, &port);
	ssh_options_set(s->session, SSH_OPTIONS_USER, opt.user);
	ssh_options_set(s->session, SSH_OPTIONS_TIMEOUT, &timeout);
	/* Same algorithms for both servers: curve25519 and ed25519. */
	ssh_options_set(s->session, SSH_OPTIONS_KEY_EXCHANGE, "curve25519-sha256");
	ssh_options_set(s->session, SSH_OPTIONS_HOSTKEYS, "ssh-ed25519");
	ssh_options_set(s->session, SSH_OPTIONS_CIPHERS_C_S, "chacha20-poly1305@openssh.com");
	ssh_options_set(s->session, SSH_OPTIONS_CIPHERS_S_C, "chacha20-poly1305@openssh.com");
	ssh_options_set(s->session, SSH_OPTIONS_PROCESS_CONFIG, &(int){ 0 });
	if (ssh_connect(s->session) != SSH_OK)
		return -1;
	if (ssh_userauth_publickey(s->session, NULL, privkey) != SSH_AUTH_SUCCESS)
		return -1;
	if ((s->channel = ssh_channel_new(s->session)) == NULL ||
	    ssh_channel_open_session(s->channel) != SSH_OK ||
	    ssh_channel_request_pty_size(s->channel, "xterm", 80, 24) != SSH_OK ||
	    ssh_channel_request_shell(s->channel) != SSH_OK)
		return -1;
	if (load_wait_ready(s->channel, 20) != 0)
		return -1;
	s->ready = 1;
	return 0;
}

static void *
load_worker(void *arg)
{
	(void)arg;
	for (;;) {
		int i;

		pthread_mutex_lock(&lock);
		i = next_index < opt.sessions ? next_index++ : -1;
		pthread_mutex_unlock(&lock);
		if (i < 0)
			break;
		if (load_open(&sess[i]) != 0) {
			pthread_mutex_lock(&lock);
			failures++;
			pthread_mutex_unlock(&lock);
		}
	}
	return NULL;
}

/* Discards whatever a channel has pending, waiting at most ms for more. */
static size_t
load_drain(ssh_channel ch, int ms)
{
	char buf[16384];
	size_t total = 0;
	int n;

	while ((n = ssh_channel_read_timeout(ch, buf, sizeof(buf), 0, ms)) > 0)
		total += (size_t)n;
	return total;
}

static int
load_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Sums PSS (kB) of the process tree under root: all, and the client's. */
static void
load_pss(int root, long *total_kb, long *client_kb, int *nproc)
{
	static int ppid[4194304 / 8];
	DIR *d;
	struct dirent *e;
	int pids[65536], np = 0, i, changed;
	char path[64], line[512], comm[64];
	static unsigned char in_tree[4194304 / 8];

	*total_kb = *client_kb = 0;
	*nproc = 0;
	if (root <= 0 || (d = opendir("/proc")) == NULL)
		return;
	memset(in_tree, 0, sizeof(in_tree));
	while ((e = readdir(d)) != NULL && np < 65536) {
		int pid = atoi(e->d_name), pp;
		FILE *f;

		if (pid <= 0 || pid >= (int)(sizeof(ppid) / sizeof(ppid[0])))
			continue;
		snprintf(path, sizeof(path), "/proc/%d/stat", pid);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		if (fgets(line, sizeof(line), f) != NULL) {
			char *p = strrchr(line, ')');

			if (p != NULL && sscanf(p + 2, "%*c %d", &pp) == 1) {
				ppid[pid] = pp;
				pids[np++] = pid;
			}
		}
		fclose(f);
	}
	closedir(d);
	in_tree[root] = 1;
	do {
		changed = 0;
		for (i = 0; i < np; i++)
			if (!in_tree[pids[i]] && ppid[pids[i]] > 0 &&
			    ppid[pids[i]] < (int)sizeof(in_tree) && in_tree[ppid[pids[i]]])
				in_tree[pids[i]] = changed = 1;
	} while (changed);
	for (i = 0; i < np; i++) {
		FILE *f;
		long kb = 0;

		if (!in_tree[pids[i]])
			continue;
		snprintf(path, sizeof(path), "/proc/%d/smaps_rollup", pids[i]);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		while (fgets(line, sizeof(line), f) != NULL)
			if (sscanf(line, "Pss: %ld kB", &kb) == 1)
				break;
		fclose(f);
		snprintf(path, sizeof(path), "/proc/%d/comm", pids[i]);
		comm[0] = '\0';
		if ((f = fopen(path, "r")) != NULL) {
			if (fgets(comm, sizeof(comm), f) == NULL)
				comm[0] = '\0';
			fclose(f);
		}
		*total_kb += kb;
		(*nproc)++;
		if (strncmp(comm, "mitwirkung\n", 11) == 0)
			*client_kb += kb;
	}
}

static void
load_usage(void)
{
	fprintf(stderr, "usage: load --host H --port P --user U --key FILE --ready TEXT "
	    "--sessions N [--threads T] [--keystrokes K] [--pid LISTENER] [--label L]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "host", required_argument, NULL, 'h' },
		{ "port", required_argument, NULL, 'p' },
		{ "user", required_argument, NULL, 'u' },
		{ "key", required_argument, NULL, 'k' },
		{ "ready", required_argument, NULL, 'r' },
		{ "sessions", required_argument, NULL, 'n' },
		{ "threads", required_argument, NULL, 't' },
		{ "keystrokes", required_argument, NULL, 'K' },
		{ "pid", required_argument, NULL, 'P' },
		{ "label", required_argument, NULL, 'l' },
		{ NULL, 0, NULL, 0 }
	};
	pthread_t *th;
	double t0, setup, *lat;
	long total_kb, client_kb;
	int c, i, ready = 0, nlat = 0, nproc;

	opt.host = "127.0.0.1";
	opt.user = "bench";
	opt.ready = "Projects";
	opt.sessions = 10;
	opt.threads = 8;
	opt.keystrokes = 1000;
	opt.label = "server";
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'h': opt.host = optarg; break;
		case 'p': opt.port = atoi(optarg); break;
		case 'u': opt.user = optarg; break;
		case 'k': opt.keyfile = optarg; break;
		case 'r': opt.ready = optarg; break;
		case 'n': opt.sessions = atoi(optarg); break;
		case 't': opt.threads = atoi(optarg); break;
		case 'K': opt.keystrokes = atoi(optarg); break;
		case 'P': opt.pid = atoi(optarg); break;
		case 'l': opt.label = optarg; break;
		default: load_usage();
		}
	}
	if (opt.port <= 0 || opt.keyfile == NULL || opt.sessions <= 0 || opt.threads <= 0)
		load_usage();
	ssh_init();
	if (ssh_pki_import_privkey_file(opt.keyfile, NULL, NULL, NULL, &privkey) != SSH_OK) {
		fprintf(stderr, "load: cannot read %s\n", opt.keyfile);
		return 1;
	}
	sess = calloc((size_t)opt.sessions, sizeof(*sess));
	th = calloc((size_t)opt.threads, sizeof(*th));
	lat = calloc((size_t)opt.keystrokes + 1, sizeof(*lat));
	if (sess == NULL || th == NULL || lat == NULL)
		return 1;

	/* 1. Set-up: connect, key exchange, login, pty, shell, first screen. */
	t0 = load_now();
	for (i = 0; i < opt.threads; i++)
		pthread_create(&th[i], NULL, load_worker, NULL);
	for (i = 0; i < opt.threads; i++)
		pthread_join(th[i], NULL);
	setup = load_now() - t0;
	for (i = 0; i < opt.sessions; i++)
		ready += sess[i].ready;
	if (ready == 0) {
		fprintf(stderr, "load: no session could be opened\n");
		return 1;
	}

	/* Let every client settle, then start from quiet channels. */
	sleep(1);
	for (i = 0; i < opt.sessions; i++)
		if (sess[i].ready)
			load_drain(sess[i].channel, 0);

	/* 2. Memory of the server side with all sessions open. */
	load_pss(opt.pid, &total_kb, &client_kb, &nproc);

	/* 3. Keystroke to screen: one key at a time, round robin. */
	for (i = 0; i < opt.keystrokes; i++) {
		struct load_sess *s = &sess[i % opt.sessions];
		/* Down and Up alternate per session, so the focus stays put. */
		const char *key = ((i / opt.sessions) % 2 == 0) ? "\033OB" : "\033OA";
		char buf[16384];
		double t1;
		int n;

		if (!s->ready)
			continue;
		t1 = load_now();
		if (ssh_channel_write(s->channel, key, 3) != 3)
			continue;
		n = ssh_channel_read_timeout(s->channel, buf, sizeof(buf), 0, 2000);
		if (n <= 0)
			continue;
		lat[nlat++] = (load_now() - t1) * 1000.0;
		load_drain(s->channel, 3);
	}
	qsort(lat, (size_t)nlat, sizeof(*lat), load_cmp);

	printf("%s sessions=%d ready=%d failed=%d setup_s=%.2f setup_rate=%.1f "
	    "lat_n=%d p50_ms=%.3f p99_ms=%.3f procs=%d pss_total_kb=%ld pss_client_kb=%ld "
	    "pss_per_session_kb=%ld\n",
	    opt.label, opt.sessions, ready, failures, setup, ready / setup, nlat,
	    nlat ? lat[nlat / 2] : 0.0, nlat ? lat[(int)(nlat * 0.99)] : 0.0, nproc,
	    total_kb, client_kb, ready ? total_kb / ready : 0);
	fflush(stdout);

	for (i = 0; i < opt.sessions; i++) {
		if (sess[i].channel != NULL) {
			ssh_channel_close(sess[i].channel);
			ssh_channel_free(sess[i].channel);
		}
		if (sess[i].session != NULL) {
			ssh_disconnect(sess[i].session);
			ssh_free(sess[i].session);
		}
	}
	ssh_key_free(privkey);
	free(sess);
	free(th);
	free(lat);
	ssh_finalize();
	return 0;
}
