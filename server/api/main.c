/* main.c — the mitwirkung-api command line: serve, useradd, seed. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <curl/curl.h>
#include <sodium.h>

#include "common/hostport.h"
#include "common/log.h"
#include "common/msglang.h"
#include "common/secretfile.h"
#include "server/api/clock.h"
#include "server/api/http.h"
#include "server/api/pwhash.h"
#include "server/api/store.h"
#include "server/api/validate.h"

#ifndef MW_VERSION
#define MW_VERSION "0.0.0"
#endif

static const char main_usage[] =
"usage: mitwirkung-api serve --db FILE --listen HOST:PORT\n"
"                            [--mail-dir DIR | --smtp URL --mail-from ADDR]\n"
"                            [--seed demo] [options]\n"
"       mitwirkung-api useradd NAME --email ADDR\n"
"                            --role citizen|moderator|staff|admin --db FILE\n"
"                            [--display-name TEXT] [--pwhash min|interactive]\n"
"       mitwirkung-api seed demo --db FILE [--pwhash min|interactive]\n"
"                            [--clock TIME]\n"
"       mitwirkung-api --help | --version\n"
"\n"
"serve runs the platform API (api-v1) on HOST:PORT; port 0 picks a free\n"
"port. The first line on stderr is \"listening on HOST:PORT\"; then one\n"
"line per request (method, path, status, milliseconds).\n"
"useradd reads the password (8..256 bytes) from the first line of stdin\n"
"and creates an active account. seed demo loads the demo data and prints\n"
"the demo accounts (demo only!).\n"
"\n"
"options of serve:\n"
"  --db FILE            SQLite database (created when missing)\n"
"  --listen HOST:PORT   address to listen on, e.g. 127.0.0.1:8080\n"
"  --mail-dir DIR       write each mail as an .eml file into DIR\n"
"                       (default without --smtp: FILE.mail next to the db)\n"
"  --smtp URL           send mail by SMTP, e.g. smtp://localhost:25\n"
"  --mail-from ADDR     sender address for --smtp\n"
"  --seed demo          load the demo data first (if not there yet)\n"
"  --threads N          HTTP worker threads (default 2)\n"
"  --token-ttl SECONDS  session lifetime (default 604800 = 7 days);\n"
"                       small values let tests see expired tokens\n"
"  --pwhash min|interactive\n"
"                       Argon2id cost for new password hashes; min is for\n"
"                       tests only (default interactive)\n"
"  --login-failures N   failed logins per account (by its id, whatever\n"
"                       name or e-mail form is typed) before 429 (default\n"
"                       5; an address may fail 4 times as often)\n"
"  --login-window SECONDS\n"
"                       window of the login limiter (default 300)\n"
"  --register-per-address N\n"
"                       registrations per client address and window before\n"
"                       429 (default 10; 0: no limit, for tests)\n"
"  --mails-per-address N\n"
"                       registration mails to one e-mail address per window\n"
"                       before 429 (default 3; 0: no limit, for tests)\n"
"  --register-window SECONDS\n"
"                       window of both registration limits (default 3600)\n"
"  --max-per-address N  open connections per client address; more are\n"
"                       closed at once (default 64, sized for a city\n"
"                       behind NAT; 0: no limit)\n"
"  --max-connections N  open connections in all; more are closed at once\n"
"                       (default 4000, at most half the open files limit)\n"
"  --head-timeout SECONDS\n"
"                       time for a whole request head, from the connection\n"
"                       or the end of the previous request; trickled bytes\n"
"                       do not extend it (default 10)\n"
"  --body-min-rate BYTES\n"
"                       a body must arrive within the head timeout plus its\n"
"                       length at this rate per second (default 1024)\n"
"  --clock TIME         tests only: the server's clock says TIME (RFC 3339,\n"
"                       2026-11-28T10:00:00Z) at start and runs on from\n"
"                       there; demo data is dated relative to it\n"
"  --quiet              no per-request log lines (benchmarks)\n"
"  --gateway-secret-file FILE  the secret mitwirkung-sshd shows for key\n"
"                       login (a 0600 file, one line of 32..256 characters)\n"
"  --help, --version\n";

static int
main_usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "mitwirkung-api: %s%s%s\n", msg, arg ? ": " : "",
	    arg ? arg : "");
	fprintf(stderr, "Try 'mitwirkung-api --help'.\n");
	return 2;
}

static int
main_pwhash_cost(const char *s)
{
	if (strcmp(s, "min") == 0)
		pwhash_set_cost(PWHASH_COST_MIN);
	else if (strcmp(s, "interactive") == 0)
		pwhash_set_cost(PWHASH_COST_INTERACTIVE);
	else if (strcmp(s, "moderate") == 0)
		pwhash_set_cost(PWHASH_COST_MODERATE);
	else
		return -1;
	return 0;
}

static int
main_open(const char *db, struct store **st)
{
	char err[512];

	if (store_open(db, st, err, sizeof(err)) != 0) {
		fprintf(stderr, "mitwirkung-api: %s: %s\n", db, err);
		return -1;
	}
	return 0;
}

/* Seeds the demo data and prints the demo accounts on stdout. */
static int
main_seed(struct store *st)
{
	const struct store_demo_account *acc;
	size_t n, i;
	int rc;

	rc = store_seed_demo(st, clock_now());
	if (rc < 0) {
		fprintf(stderr, "mitwirkung-api: seeding failed: %s (%s)\n",
		    store_err_str(rc), store_last_error(st));
		return -1;
	}
	acc = store_demo_accounts(&n);
	printf("%s\n", rc == 1 ? "demo data already present" : "demo data loaded");
	printf("demo accounts (demo only, never in production):\n");
	for (i = 0; i < n; i++)
		printf("  %-12s password %-22s role %s\n", acc[i].username,
		    acc[i].password, store_role_name(acc[i].role));
	fflush(stdout);
	return 0;
}

static int
main_cmd_seed(int argc, char **argv)
{
	struct store *st = NULL;
	const char *db = NULL;
	int i, rc;

	if (argc < 2 || strcmp(argv[1], "demo") != 0)
		return main_usage_error("seed needs the data set name", "demo");
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			db = argv[++i];
		else if (strcmp(argv[i], "--pwhash") == 0 && i + 1 < argc) {
			if (main_pwhash_cost(argv[++i]) != 0)
				return main_usage_error("bad --pwhash", argv[i]);
		} else if (strcmp(argv[i], "--clock") == 0 && i + 1 < argc) {
			if (clock_pin(argv[++i]) != 0)
				return main_usage_error("bad --clock", argv[i]);
		} else
			return main_usage_error("unknown argument", argv[i]);
	}
	if (db == NULL)
		return main_usage_error("missing --db FILE", NULL);
	if (main_open(db, &st) != 0)
		return 1;
	rc = main_seed(st);
	store_close(st);
	return rc == 0 ? 0 : 1;
}

static int
main_cmd_useradd(int argc, char **argv)
{
	struct store_user_new nu;
	struct store *st = NULL;
	const char *name, *email = NULL, *role = NULL, *db = NULL, *display = NULL;
	const char *conflict = NULL;
	char pw[1024], hash[PWHASH_STRBYTES];
	enum apireason why;
	int64_t id;
	size_t len;
	int i, rc = 1;

	if (argc < 2 || argv[1][0] == '-')
		return main_usage_error("useradd needs a NAME", NULL);
	name = argv[1];
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--email") == 0 && i + 1 < argc)
			email = argv[++i];
		else if (strcmp(argv[i], "--role") == 0 && i + 1 < argc)
			role = argv[++i];
		else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc)
			db = argv[++i];
		else if (strcmp(argv[i], "--display-name") == 0 && i + 1 < argc)
			display = argv[++i];
		else if (strcmp(argv[i], "--pwhash") == 0 && i + 1 < argc) {
			if (main_pwhash_cost(argv[++i]) != 0)
				return main_usage_error("bad --pwhash", argv[i]);
		} else
			return main_usage_error("unknown argument", argv[i]);
	}
	if (email == NULL || role == NULL || db == NULL)
		return main_usage_error("useradd needs --email, --role and --db",
		    NULL);
	if (validate_username(name) != REASON_NONE)
		return main_usage_error("bad user name (3..32 of a-z 0-9 . _ -)",
		    name);
	if (validate_email(email) != REASON_NONE)
		return main_usage_error("bad email address", email);
	if (store_role_parse(role) == 0)
		return main_usage_error("bad role", role);
	if (display != NULL && validate_text(display, 1, 64, 0) != REASON_NONE)
		return main_usage_error("bad display name", display);
	if (fgets(pw, sizeof(pw), stdin) == NULL) {
		fprintf(stderr, "mitwirkung-api: no password on stdin\n");
		return 1;
	}
	len = strcspn(pw, "\r\n");
	pw[len] = '\0';
	if ((why = validate_password(pw)) != REASON_NONE) {
		fprintf(stderr, "mitwirkung-api: password %s (8..256 bytes)\n",
		    apierr_reason(why, "en"));
		goto out;
	}
	if (pwhash_hash(pw, len, hash) != 0 || main_open(db, &st) != 0)
		goto out;
	memset(&nu, 0, sizeof(nu));
	nu.username = name;
	nu.email = email;
	nu.display_name = display;
	nu.role = store_role_parse(role);
	nu.status = STORE_USER_ACTIVE;
	nu.pwhash = hash;
	if ((i = store_user_create(st, &nu, clock_now(), &id,
	    &conflict)) != 0) {
		fprintf(stderr, "mitwirkung-api: cannot add %s: %s%s%s\n", name,
		    store_err_str(i), conflict ? " " : "", conflict ? conflict : "");
		goto out;
	}
	printf("user %s (id %lld, %s) added\n", name, (long long)id, role);
	rc = 0;
out:
	sodium_memzero(pw, sizeof(pw));
	store_close(st);
	return rc;
}

/* Keeps only the SHA-256 of the gateway secret; the secret is wiped. */
static int
main_gateway_secret(const char *path, struct http_cfg *cfg)
{
	char secret[SECRETFILE_MAX + 1];
	const char *why;

	if (secretfile_read(path, secret, sizeof(secret), &why) != 0) {
		fprintf(stderr, "mitwirkung-api: --gateway-secret-file %s: %s\n",
		    path, why);
		return -1;
	}
	crypto_hash_sha256(cfg->gateway_hash, (const unsigned char *)secret,
	    strlen(secret));
	sodium_memzero(secret, sizeof(secret));
	cfg->gateway = 1;
	return 0;
}

/* A numeric option of serve: where it goes (NULL: the token lifetime)
 * and its range. */
struct main_num {
	const char	*name;
	unsigned int	*u;
	long		 min, max;
};

/* Finds option o; fills *out and returns 0, or -1 when o is not one. */
static int
main_num_option(const char *o, struct http_cfg *cfg, struct main_num *out)
{
	const struct main_num t[] = {
		{ "--threads", &cfg->threads, 1, 64 },
		{ "--token-ttl", NULL, 1, 100000000 },
		{ "--login-failures", &cfg->login_failures, 1, 100000000 },
		{ "--login-window", &cfg->login_window, 1, 100000000 },
		{ "--register-per-address", &cfg->register_per_addr, 0,
		    100000000 },
		{ "--mails-per-address", &cfg->mail_per_target, 0, 100000000 },
		{ "--register-window", &cfg->register_window, 1, 100000000 },
		{ "--max-per-address", &cfg->max_per_addr, 0, 1000000 },
		{ "--max-connections", &cfg->max_conns, 1, 1000000 },
		{ "--head-timeout", &cfg->head_timeout, 1, 3600 },
		{ "--body-min-rate", &cfg->body_min_rate, 1, 100000000 },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		if (strcmp(o, t[i].name) == 0) {
			*out = t[i];
			return 0;
		}
	}
	return -1;
}

static int
main_cmd_serve(int argc, char **argv)
{
	struct main_num num;
	struct http_cfg cfg;
	struct store *st = NULL;
	const char *listen = NULL, *seed = NULL;
	char host[256], *maildir = NULL;
	long v;
	int i, port, rc;

	memset(&cfg, 0, sizeof(cfg));
	cfg.token_ttl = 7 * 24 * 3600;
	cfg.threads = 2;
	cfg.register_per_addr = 10;
	cfg.mail_per_target = 3;
	cfg.register_window = 3600;
	cfg.max_per_addr = 64;
	cfg.max_conns = 4000;
	cfg.head_timeout = 10;
	cfg.body_min_rate = 1024;
	for (i = 1; i < argc; i++) {
		const char *o = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(o, "--quiet") == 0) {
			cfg.quiet = 1;
			continue;
		}
		if (val == NULL)
			return main_usage_error("missing value for", o);
		i++;
		if (strcmp(o, "--db") == 0)
			cfg.db_path = val;
		else if (strcmp(o, "--listen") == 0)
			listen = val;
		else if (strcmp(o, "--mail-dir") == 0)
			cfg.mail.dir = val;
		else if (strcmp(o, "--smtp") == 0)
			cfg.mail.smtp_url = val;
		else if (strcmp(o, "--mail-from") == 0)
			cfg.mail.from = val;
		else if (strcmp(o, "--seed") == 0)
			seed = val;
		else if (strcmp(o, "--clock") == 0) {
			if (clock_pin(val) != 0)
				return main_usage_error("bad --clock", val);
		} else if (strcmp(o, "--gateway-secret-file") == 0) {
			if (main_gateway_secret(val, &cfg) != 0)
				return 1;
		}
		else if (strcmp(o, "--pwhash") == 0) {
			if (main_pwhash_cost(val) != 0)
				return main_usage_error("bad --pwhash", val);
		} else if (main_num_option(o, &cfg, &num) == 0) {
			char *end;

			errno = 0;
			v = strtol(val, &end, 10);
			if (errno != 0 || *end != '\0' || v < num.min ||
			    v > num.max)
				return main_usage_error("bad number", val);
			if (num.u != NULL)
				*num.u = (unsigned int)v;
			else
				cfg.token_ttl = v;
		} else
			return main_usage_error("unknown option", o);
	}
	if (cfg.db_path == NULL || listen == NULL)
		return main_usage_error("serve needs --db FILE and --listen HOST:PORT",
		    NULL);
	if (hostport_parse(listen, host, sizeof(host), &port) != 0)
		return main_usage_error("bad --listen HOST:PORT", listen);
	if (cfg.mail.smtp_url != NULL && cfg.mail.from == NULL)
		return main_usage_error("--smtp needs --mail-from", NULL);
	if (seed != NULL && strcmp(seed, "demo") != 0)
		return main_usage_error("unknown seed (only: demo)", seed);
	if (cfg.mail.smtp_url == NULL && cfg.mail.dir == NULL) {
		size_t n = strlen(cfg.db_path) + 6;

		if ((maildir = malloc(n)) == NULL)
			return 1;
		snprintf(maildir, n, "%s.mail", cfg.db_path);
		cfg.mail.dir = maildir;
	}
	if (cfg.mail.dir != NULL && mkdir(cfg.mail.dir, 0700) != 0 &&
	    errno != EEXIST) {
		fprintf(stderr, "mitwirkung-api: cannot create %s: %s\n",
		    cfg.mail.dir, strerror(errno));
		free(maildir);
		return 1;
	}
	cfg.host = host;
	cfg.port = port;
	/* Open once here: creates or upgrades the schema before any worker
	 * thread opens its own connection, and seeds when asked. */
	if (main_open(cfg.db_path, &st) != 0) {
		free(maildir);
		return 1;
	}
	if (seed != NULL && main_seed(st) != 0) {
		store_close(st);
		free(maildir);
		return 1;
	}
	store_close(st);
	/* Before the worker threads: each answers in its request's language. */
	msglang_init(NULL);
	rc = http_run(&cfg);
	free(maildir);
	return rc;
}

int
main(int argc, char **argv)
{
	int rc;

	log_init("mitwirkung-api");
	if (argc < 2)
		return main_usage_error("missing command", NULL);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(main_usage, stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("mitwirkung-api %s\n", MW_VERSION);
		return 0;
	}
	if (pwhash_init() != 0) {
		fprintf(stderr, "mitwirkung-api: cannot initialise libsodium\n");
		return 1;
	}
	curl_global_init(CURL_GLOBAL_DEFAULT);
	if (strcmp(argv[1], "serve") == 0)
		rc = main_cmd_serve(argc - 1, argv + 1);
	else if (strcmp(argv[1], "useradd") == 0)
		rc = main_cmd_useradd(argc - 1, argv + 1);
	else if (strcmp(argv[1], "seed") == 0)
		rc = main_cmd_seed(argc - 1, argv + 1);
	else
		rc = main_usage_error("unknown command", argv[1]);
	curl_global_cleanup();
	return rc;
}
