/* test_client_api.c — the API layer: parsers and errors on canned JSON, then every kind of call against the real server. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "iso_fixture.h"
#include "client/api/api.h"
#include "client/api/api_int.h"
#include "client/client.h"
#include "client/i18n.h"

/* ------------------------------------------------------------ helpers */

/* Fails when s holds a byte a terminal could act on: C0 (but \n where
 * allowed), DEL, ESC, C1 in UTF-8 form, or a bidi control. */
static void
assert_terminal_safe(const char *s, int multiline)
{
	const unsigned char *p = (const unsigned char *)s;

	if (s == NULL)
		return;
	for (; *p != '\0'; p++) {
		if (*p < 0x20 && !(multiline && *p == '\n'))
			fail_msg("control byte 0x%02x in \"%s\"", *p, s);
		if (*p == 0x7f)
			fail_msg("DEL in \"%s\"", s);
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			fail_msg("C1 control in \"%s\"", s);
		if (p[0] == 0xe2 && p[1] == 0x80 && p[2] >= 0xaa && p[2] <= 0xae)
			fail_msg("bidi override in \"%s\"", s);
		if (p[0] == 0xe2 && p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9)
			fail_msg("bidi isolate in \"%s\"", s);
	}
}

/* --------------------------------------------------- without a server */

static void
test_api_free_null(void **state)
{
	(void)state;
	api_free(NULL);
	api_user_free(NULL);
	api_project_free(NULL);
	api_project_list_free(NULL);
	api_idea_free(NULL);
	api_idea_list_free(NULL);
	api_comment_free(NULL);
	api_comment_list_free(NULL);
	api_poll_free(NULL);
	api_ballot_free(NULL);
	api_results_free(NULL);
	api_survey_free(NULL);
	api_queue_list_free(NULL);
	api_login_free(NULL);
	assert_null(api_new(NULL));
}

/* Hostile text in every shape the server might (wrongly) let through. */
static const char hostile_idea[] =
    "{\"id\": 7, \"project_id\": 2, "
    "\"title\": \"Skate\\u001b[2J\\u001b]0;owned\\u0007 ramp\\u009b31m\\u202eevil\\r!\", "
    "\"author\": {\"username\": \"x\", \"display_name\": \"Eve\\u001b]52;c;aGk=\\u0007\\u2066\"}, "
    "\"created_at\": \"2026-04-02T09:00:00Z\", \"status\": \"published\", "
    "\"supports\": 3, \"comments\": 1, \"supported_by_me\": true, "
    "\"body\": \"line one\\r\\nline two\\u001bP1;2|x\\u001b\\\\ \\u0000after\\tend\\u007f\\u0085\"}";

static void
test_api_parse_idea_sanitizes(void **state)
{
	struct api_idea it;
	cJSON *j;

	(void)state;
	j = cJSON_Parse(hostile_idea);
	assert_non_null(j);
	assert_int_equal(api_parse_idea(j, &it), 0);
	assert_int_equal(it.id, 7);
	assert_int_equal(it.project_id, 2);
	assert_int_equal(it.supports, 3);
	assert_int_equal(it.supported_by_me, 1);
	assert_terminal_safe(it.title, 0);
	assert_terminal_safe(it.author, 0);
	assert_terminal_safe(it.body, 1);
	assert_non_null(strstr(it.title, "Skate"));
	assert_non_null(strstr(it.title, "ramp"));
	assert_null(strstr(it.title, "owned"));	/* OSC payload dropped with its ESC */
	assert_string_equal(it.author, "Eve");
	/* CR LF becomes one newline; the text around the DCS stays. */
	assert_non_null(strstr(it.body, "line one\nline two"));
	assert_null(it.moderation_reason);
	api_idea_clear(&it);
	cJSON_Delete(j);
}

static void
test_api_parse_idea_invalid_utf8(void **state)
{
	struct api_idea it;
	cJSON *j;
	/* Raw bytes that are not UTF-8 inside a JSON string: cJSON keeps them. */
	const char raw[] = "{\"id\":1,\"title\":\"a\xff\xfe" "b\xc0\xaf" "c\",\"author\":\"d\"}";

	(void)state;
	j = cJSON_Parse(raw);
	assert_non_null(j);
	assert_int_equal(api_parse_idea(j, &it), 0);
	assert_terminal_safe(it.title, 0);
	assert_non_null(strstr(it.title, "\xef\xbf\xbd"));	/* U+FFFD */
	assert_string_equal(it.author, "d");
	api_idea_clear(&it);
	cJSON_Delete(j);
}

static void
test_api_parse_idea_not_object(void **state)
{
	struct api_idea it;
	cJSON *j = cJSON_Parse("[1,2]");

	(void)state;
	assert_int_equal(api_parse_idea(j, &it), -1);
	assert_int_equal(api_parse_idea(NULL, &it), -1);
	cJSON_Delete(j);
}

static void
test_api_parse_poll_fields(void **state)
{
	struct api_poll p;
	cJSON *j = cJSON_Parse(
	    "{\"id\":3,\"project_id\":1,\"title\":\"Wo?\",\"question\":\"Q\\u001b[1m\","
	    "\"kind\":\"ranking\",\"max_choices\":3,\"status\":\"open\","
	    "\"results_visible\":true,\"options\":[{\"id\":10,\"title\":\"A\","
	    "\"description\":\"d\\u202e\",\"location\":{\"address\":\"Markt 1\\u0007\","
	    "\"lat\":49.4,\"lon\":7.7}},{\"id\":11,\"title\":\"B\",\"location\":null}],"
	    "\"my_ballot\":[11,10]}");

	(void)state;
	assert_non_null(j);
	assert_int_equal(api_parse_poll(j, &p), 0);
	assert_int_equal(p.n_options, 2);
	assert_int_equal(p.max_choices, 3);
	assert_true(p.results_visible);
	assert_true(p.options[0].has_location);
	assert_string_equal(p.options[0].address, "Markt 1");
	assert_string_equal(p.options[0].description, "d");
	assert_false(p.options[1].has_location);
	assert_null(p.options[1].description);
	assert_string_equal(p.question, "Q");
	assert_true(p.has_ballot);
	assert_int_equal(p.n_my_ballot, 2);
	assert_int_equal(p.my_ballot[0], 11);
	api_poll_clear(&p);
	cJSON_Delete(j);
}

static void
test_api_parse_project_list_fields(void **state)
{
	struct api_project_list l;
	cJSON *j = cJSON_Parse(
	    "{\"items\":[{\"id\":1,\"slug\":\"a\",\"title\":\"T\\u009d\",\"counts\":"
	    "{\"ideas\":4,\"comments\":5,\"participants\":6}},{\"id\":2}],"
	    "\"next\":\"c\\u0007x\",\"total\":9}");

	(void)state;
	assert_int_equal(api_parse_project_list(j, &l), 0);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.total, 9);
	assert_string_equal(l.next, "cx");
	assert_string_equal(l.items[0].title, "T");
	assert_int_equal(l.items[0].n_participants, 6);
	assert_null(l.items[1].title);
	assert_false(l.items[0].has_formats);
	while (l.n > 0)
		api_project_clear(&l.items[--l.n]);
	free(l.items);
	free(l.next);
	cJSON_Delete(j);
	/* Without "items" the answer is not a list. */
	j = cJSON_Parse("{\"next\":null}");
	assert_int_equal(api_parse_project_list(j, &l), -1);
	cJSON_Delete(j);
}

static void
test_api_base_insecure_cases(void **state)
{
	(void)state;
	assert_int_equal(api_base_insecure(NULL), 0);
	assert_int_equal(api_base_insecure(""), 0);
	assert_int_equal(api_base_insecure("https://mitwirkung.example.org/api/v1"), 0);
	assert_int_equal(api_base_insecure("http://127.0.0.1:8080/api/v1"), 0);
	assert_int_equal(api_base_insecure("http://127.1.2.3/api/v1"), 0);
	assert_int_equal(api_base_insecure("HTTP://localhost:8080/api/v1"), 0);
	assert_int_equal(api_base_insecure("http://[::1]:8080/api/v1"), 0);
	assert_int_equal(api_base_insecure("http://mitwirkung.example.org/api/v1"), 1);
	assert_int_equal(api_base_insecure("http://10.0.0.5:8080"), 1);
	assert_int_equal(api_base_insecure("http://127.0.0.1.evil.example/api"), 1);
	assert_int_equal(api_base_insecure("http://localhost.evil.example/"), 1);
	assert_int_equal(api_base_insecure("http://127.0.0.1@evil.example/"), 1);
	assert_int_equal(api_base_insecure("http://[2001:db8::1]/api/v1"), 1);
}

static void
test_api_list_cap_to_asked(void **state)
{
	cJSON *j, *arr;
	int i;

	(void)state;
	assert_int_equal(api_list_cap(NULL, 20), 0);
	j = cJSON_CreateObject();
	assert_int_equal(api_list_cap(j, 20), 0);	/* no items */
	arr = cJSON_AddArrayToObject(j, "items");
	assert_int_equal(api_list_cap(j, 5), 0);	/* empty */
	for (i = 0; i < 10000; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateNumber(i));
	/* A hostile platform sends 10,000 where 20 were asked for. */
	assert_int_equal(api_list_cap(j, 20), 9980);
	assert_int_equal(cJSON_GetArraySize(arr), 20);
	assert_int_equal(cJSON_GetArrayItem(arr, 19)->valueint, 19);
	/* The cut list is a sound list: appending goes after item 19. */
	cJSON_AddItemToArray(arr, cJSON_CreateNumber(99));
	assert_int_equal(cJSON_GetArrayItem(arr, 20)->valueint, 99);
	/* limit 0: the API's default of 20; fewer than asked stay. */
	assert_int_equal(api_list_cap(j, 0), 1);
	assert_int_equal(api_list_cap(j, 100), 0);
	assert_int_equal(cJSON_GetArraySize(arr), 20);
	cJSON_Delete(j);
}

static void
test_api_parse_survey_fields(void **state)
{
	struct api_survey s;
	cJSON *j = cJSON_Parse(
	    "{\"id\":4,\"title\":\"S\",\"intro\":\"a\\nb\",\"answered_by_me\":false,"
	    "\"questions\":[{\"id\":1,\"kind\":\"multiple\",\"text\":\"M\",\"required\":true,"
	    "\"options\":[{\"id\":5,\"title\":\"x\"}],\"max_choices\":2},"
	    "{\"id\":2,\"kind\":\"scale\",\"text\":\"S\",\"required\":false,"
	    "\"scale\":{\"min\":1,\"max\":5,\"min_label\":\"low\",\"max_label\":\"high\\u001b\"}}]}");

	(void)state;
	assert_int_equal(api_parse_survey(j, &s), 0);
	assert_string_equal(s.intro, "a\nb");
	assert_int_equal(s.answered_by_me, 0);
	assert_int_equal(s.n_questions, 2);
	assert_true(s.questions[0].required);
	assert_int_equal(s.questions[0].n_options, 1);
	assert_int_equal(s.questions[0].max_choices, 2);
	assert_true(s.questions[1].has_scale);
	assert_int_equal(s.questions[1].scale_max, 5);
	assert_string_equal(s.questions[1].max_label, "high");
	api_survey_clear(&s);
	cJSON_Delete(j);
}

static void
test_api_json_print_escapes(void **state)
{
	cJSON *j = cJSON_Parse(hostile_idea);
	char *out;

	(void)state;
	out = api_json_print(j);
	assert_non_null(out);
	/* No raw ESC, C1 or bidi control, only \n line breaks; the ESC is
	 * still visible as the JSON escape. */
	assert_terminal_safe(out, 1);
	assert_non_null(strstr(out, "\\u001b"));
	assert_int_equal(out[strlen(out) - 1], '\n');
	free(out);
	cJSON_Delete(j);
}

static void
test_api_json_print_stays_json(void **state)
{
	/* A C1 CSI or OSC right before a closing quote must not take the
	 * quote with it; invalid UTF-8 becomes U+FFFD. */
	const char in[] = "{\"a\":\"x\\u009b\",\"b\":[\"\\u009d\",\"\\u202e\\u0085\"],"
	    "\"c\":\"\xff\",\"d\":\"ok\\u007f\"}";
	cJSON *j = cJSON_Parse(in), *back;
	char *out;

	(void)state;
	assert_non_null(j);
	out = api_json_print(j);
	assert_non_null(out);
	assert_terminal_safe(out, 1);
	back = cJSON_Parse(out);
	assert_non_null(back);
	assert_string_equal(cJSON_GetObjectItem(back, "a")->valuestring, "x\xc2\x9b");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(back, "b")), 2);
	assert_string_equal(cJSON_GetObjectItem(back, "c")->valuestring, "\xef\xbf\xbd");
	assert_string_equal(cJSON_GetObjectItem(back, "d")->valuestring, "ok\x7f");
	cJSON_Delete(back);
	free(out);
	cJSON_Delete(j);
}

static void
test_api_error_from_http_validation(void **state)
{
	struct api_error e;
	const char body[] = "{\"error\":{\"code\":\"validation_failed\","
	    "\"message\":\"Titel zu kurz\\u001b[31m\",\"field\":\"title\"}}";

	(void)state;
	api_error_from_http(&e, 422, body, strlen(body), 0);
	assert_int_equal(e.kind, API_ERR_VALIDATION);
	assert_int_equal(e.status, 422);
	assert_string_equal(e.code, "validation_failed");
	assert_string_equal(e.field, "title");
	assert_string_equal(e.message, "Titel zu kurz");
	assert_int_equal(api_error_exit(&e), CLIENT_EXIT_REFUSED);
}

static void
test_api_error_from_http_kinds(void **state)
{
	struct api_error e;

	(void)state;
	api_error_from_http(&e, 401, NULL, 0, 0);
	assert_int_equal(e.kind, API_ERR_LOGIN);
	assert_true(e.message[0] != '\0');	/* a message of our own */
	assert_int_equal(api_error_exit(&e), CLIENT_EXIT_LOGIN);
	api_error_from_http(&e, 404, "not json", 8, 0);
	assert_int_equal(e.kind, API_ERR_NOT_FOUND);
	assert_int_equal(api_error_exit(&e), CLIENT_EXIT_REFUSED);
	api_error_from_http(&e, 409, "{\"error\":{\"code\":\"closed\"}}", 27, 0);
	assert_int_equal(e.kind, API_ERR_REFUSED);
	assert_string_equal(e.code, "closed");
	api_error_from_http(&e, 429, NULL, 0, 30);
	assert_int_equal(e.kind, API_ERR_REFUSED);
	assert_int_equal(e.retry_after, 30);
	/* How long to wait is said, not only "wait a moment" (in the
	 * active language: here German, so only the numbers are checked). */
	assert_non_null(strstr(e.message, " 30 "));
	api_error_from_http(&e, 429, "{\"error\":{\"code\":\"rate_limited\",\"message\":\"Too many attempts.\"}}",
	    strlen("{\"error\":{\"code\":\"rate_limited\",\"message\":\"Too many attempts.\"}}"), 233);
	assert_int_equal(strncmp(e.message, "Too many attempts. ", 19), 0);
	assert_non_null(strstr(e.message, " 4 "));
	api_error_from_http(&e, 429, NULL, 0, 0);
	assert_null(strpbrk(e.message, "0123456789"));
	api_error_from_http(&e, 503, NULL, 0, 0);
	assert_int_equal(e.kind, API_ERR_SERVER);
	assert_int_equal(api_error_exit(&e), CLIENT_EXIT_NETWORK);
	e.kind = API_ERR_NETWORK;
	assert_int_equal(api_error_exit(&e), CLIENT_EXIT_NETWORK);
	e.kind = API_ERR_NONE;
	assert_int_equal(api_error_exit(&e), CLIENT_EXIT_OK);
	assert_int_equal(api_error_exit(NULL), CLIENT_EXIT_OK);
}

static void
test_api_error_from_http_long_message(void **state)
{
	struct api_error e;
	char body[2048];
	size_t n;

	(void)state;
	/* 600 two-byte characters: the cut must not split one. */
	n = (size_t)snprintf(body, sizeof(body), "{\"error\":{\"message\":\"");
	while (n < 20 + 1200)
		n += (size_t)snprintf(body + n, sizeof(body) - n, "\xc3\xa4");
	snprintf(body + n, sizeof(body) - n, "\"}}");
	api_error_from_http(&e, 400, body, strlen(body), 0);
	assert_true(strlen(e.message) < sizeof(e.message));
	assert_int_equal(strlen(e.message) % 2, 0);
}

static char test_tmp[256];

static int
rm_cb(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void
write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void
test_api_resolve_base_order(void **state)
{
	char dir[512], path[600];
	char *b;

	(void)state;
	snprintf(test_tmp, sizeof(test_tmp), "/tmp/mw-capi-XXXXXX");
	assert_non_null(mkdtemp(test_tmp));
	snprintf(dir, sizeof(dir), "%s/mitwirkung", test_tmp);
	assert_int_equal(mkdir(dir, 0700), 0);
	snprintf(path, sizeof(path), "%s/config", dir);
	write_file(path, "# comment\nkeymap = vi\n  api =  http://conf.example/api/v1/  # c\n");
	setenv("XDG_CONFIG_HOME", test_tmp, 1);
	setenv("MITWIRKUNG_API", "http://env.example/api/v1", 1);

	b = api_resolve_base("http://cli.example/api/v1/");
	assert_string_equal(b, "http://cli.example/api/v1");
	free(b);
	b = api_resolve_base(NULL);
	assert_string_equal(b, "http://env.example/api/v1");
	free(b);
	unsetenv("MITWIRKUNG_API");
	b = api_resolve_base(NULL);
	assert_string_equal(b, "http://conf.example/api/v1");
	free(b);
	write_file(path, "apikey = nothing\n");
	b = api_resolve_base(NULL);
	assert_string_equal(b, "http://127.0.0.1:8080/api/v1");
	free(b);
	unsetenv("XDG_CONFIG_HOME");
	nftw(test_tmp, rm_cb, 8, FTW_DEPTH | FTW_PHYS);
}

/* ------------------------------------------------- against the server */

/* A call that must succeed; on failure the API's own error is shown. */
#define API_OK(a, call) do { \
	if ((call) != 0) \
		fail_msg("%s: status %ld, code '%s': %s", #call, \
		    api_error(a)->status, api_error(a)->code, api_error(a)->message); \
} while (0)

static pid_t srv_pid = -1;
static char srv_base[128];
static char srv_tmp[256];

static const char *
srv_bin(void)
{
	static char path[1024];
	const char *env = getenv("MW_API_BIN"), *build = getenv("BUILD");

	if (env != NULL && *env != '\0')
		return env;
	snprintf(path, sizeof(path), "%s/mitwirkung-api",
	    build != NULL && *build != '\0' ? build : "build");
	return path;
}

/* Starts mitwirkung-api on a free port with a temporary db and the demo
 * data; its stderr goes to a file that is read for the port, so the
 * request log can never fill a pipe and stall the server. */
static int
srv_start(void **state)
{
	char db[512], mail[512], log[512], line[256];
	const char *bin = srv_bin();
	int i, port = 0;

	(void)state;
	signal(SIGPIPE, SIG_IGN);
	snprintf(srv_tmp, sizeof(srv_tmp), "/tmp/mw-capi-srv-XXXXXX");
	if (mkdtemp(srv_tmp) == NULL)
		return -1;
	snprintf(db, sizeof(db), "%s/db", srv_tmp);
	snprintf(mail, sizeof(mail), "%s/mail", srv_tmp);
	snprintf(log, sizeof(log), "%s/server.log", srv_tmp);
	mkdir(mail, 0700);
	srv_pid = fork();
	if (srv_pid < 0)
		return -1;
	if (srv_pid == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int nul = open("/dev/null", O_RDWR);

		if (fd < 0 || nul < 0)
			_exit(127);
		dup2(nul, 0);
		dup2(nul, 1);
		dup2(fd, 2);
		execl(bin, bin, "serve", "--db", db, "--listen", "127.0.0.1:0",
		    "--mail-dir", mail, "--seed", "demo", "--pwhash", "min",
		    (char *)NULL);
		_exit(127);
	}
	/* Bounded wait for the first line: 20 s in 50 ms steps. */
	for (i = 0; i < 400 && port == 0; i++) {
		FILE *f = fopen(log, "r");
		int status;

		if (f != NULL) {
			while (fgets(line, sizeof(line), f) != NULL)
				if (sscanf(line, "listening on 127.0.0.1:%d", &port) == 1)
					break;
			fclose(f);
		}
		if (port == 0 && waitpid(srv_pid, &status, WNOHANG) == srv_pid) {
			fprintf(stderr, "server %s exited before listening\n", bin);
			srv_pid = -1;
			return -1;
		}
		if (port == 0) {
			struct timespec ts = { 0, 50 * 1000 * 1000 };

			nanosleep(&ts, NULL);
		}
	}
	if (port == 0) {
		fprintf(stderr, "server %s did not say where it listens\n", bin);
		return -1;
	}
	snprintf(srv_base, sizeof(srv_base), "http://127.0.0.1:%d/api/v1", port);
	return 0;
}

static int
srv_stop(void **state)
{
	int i, status;

	(void)state;
	if (srv_pid > 0) {
		kill(srv_pid, SIGTERM);
		for (i = 0; i < 100; i++) {
			struct timespec ts = { 0, 50 * 1000 * 1000 };

			if (waitpid(srv_pid, &status, WNOHANG) == srv_pid)
				break;
			nanosleep(&ts, NULL);
		}
		if (i == 100) {
			kill(srv_pid, SIGKILL);
			waitpid(srv_pid, &status, 0);
		}
		srv_pid = -1;
	}
	if (srv_tmp[0] != '\0')
		nftw(srv_tmp, rm_cb, 8, FTW_DEPTH | FTW_PHYS);
	return 0;
}

static struct api *
srv_api(void)
{
	struct api *a = api_new(srv_base);

	assert_non_null(a);
	return a;
}

/* The id of the demo project whose title contains word. */
static long long
srv_project(struct api *a, const char *word)
{
	struct api_project_list *l = NULL;
	long long id = 0;
	size_t i;

	API_OK(a, api_projects(a, "all", NULL, NULL, 100, &l));
	for (i = 0; i < l->n; i++)
		if (l->items[i].title != NULL && strstr(l->items[i].title, word))
			id = l->items[i].id;
	api_project_list_free(l);
	assert_true(id > 0);
	return id;
}

static void
test_api_errors_tls(void **state)
{
	struct api *a;
	char base[160];

	(void)state;
	/* https:// to a server that speaks plain HTTP: the handshake fails. */
	snprintf(base, sizeof(base), "https://%s", srv_base + strlen("http://"));
	a = api_new(base);
	assert_int_equal(api_health(a, NULL), -1);
	assert_int_equal(api_error(a)->kind, API_ERR_NETWORK);
	assert_int_equal(api_error(a)->net, API_NET_TLS);
	assert_non_null(strstr(api_error(a)->message, "TLS"));
	assert_int_equal(api_error_exit(api_error(a)), CLIENT_EXIT_NETWORK);
	api_free(a);
}

static void
test_api_health_ok(void **state)
{
	struct api *a = srv_api();
	char *v = NULL;

	(void)state;
	API_OK(a, api_health(a, &v));
	assert_non_null(v);
	assert_int_equal(api_error(a)->kind, API_ERR_NONE);
	free(v);
	api_free(a);
}

static void
test_api_projects_list(void **state)
{
	struct api *a = srv_api();
	struct api_project_list *l = NULL;
	size_t i;
	int stadt = 0, lokale = 0;

	(void)state;
	API_OK(a, api_projects(a, NULL, NULL, NULL, 0, &l));
	assert_true(l->n >= 2);
	assert_true(l->total >= (long)l->n);
	for (i = 0; i < l->n; i++) {
		assert_true(l->items[i].id > 0);
		assert_non_null(l->items[i].title);
		assert_non_null(l->items[i].status);
		stadt |= strstr(l->items[i].title, "Stadt.Raum.Wir.") != NULL;
		lokale |= strstr(l->items[i].title, "Lokale Logistik") != NULL;
	}
	assert_true(stadt && lokale);
	api_project_list_free(l);
	/* A filter that keeps nothing open out. */
	API_OK(a, api_projects(a, "open", "smart-city", NULL, 0, &l));
	for (i = 0; i < l->n; i++) {
		assert_int_equal(l->items[i].status, API_STATUS_OPEN);
		assert_string_equal(l->items[i].category, "smart-city");
	}
	api_project_list_free(l);
	/* Paging: one per page, the cursor leads to a different project. */
	API_OK(a, api_projects(a, "all", NULL, NULL, 1, &l));
	assert_int_equal(l->n, 1);
	assert_non_null(l->next);
	{
		struct api_project_list *l2 = NULL;
		long long first = l->items[0].id;

		API_OK(a, api_projects(a, "all", NULL, l->next, 1, &l2));
		assert_int_equal(l2->n, 1);
		assert_true(l2->items[0].id != first);
		api_project_list_free(l2);
	}
	api_project_list_free(l);
	api_free(a);
}

static void
test_api_project_get_detail(void **state)
{
	struct api *a = srv_api();
	struct api_project *p = NULL;
	char ref[32];
	long long id = srv_project(a, "Stadt.Raum.Wir.");

	(void)state;
	snprintf(ref, sizeof(ref), "%lld", id);
	API_OK(a, api_project_get(a, ref, &p));
	assert_int_equal(p->id, id);
	assert_non_null(p->description);
	assert_true(p->has_formats);
	assert_true(p->n_polls >= 1);
	assert_true(p->ideas_open);
	/* By slug as well. */
	{
		struct api_project *p2 = NULL;

		assert_non_null(p->slug);
		API_OK(a, api_project_get(a, p->slug, &p2));
		assert_int_equal(p2->id, id);
		api_project_free(p2);
	}
	api_project_free(p);
	api_free(a);
}

static void
test_api_ideas_detail_comments(void **state)
{
	struct api *a = srv_api();
	struct api_idea_list *l = NULL;
	struct api_idea *it = NULL;
	struct api_comment_list *cl = NULL;
	long long pid = srv_project(a, "Stadt.Raum.Wir."), with_comments = 0;
	size_t i;

	(void)state;
	API_OK(a, api_project_ideas(a, pid, "top", NULL, 0, &l));
	assert_true(l->n >= 3);
	for (i = 0; i < l->n; i++) {
		assert_int_equal(l->items[i].status, API_STATUS_PUBLISHED);
		assert_null(l->items[i].body);
		if (i > 0)
			assert_true(l->items[i - 1].supports >= l->items[i].supports);
		if (l->items[i].comments > 0)
			with_comments = l->items[i].id;
	}
	assert_true(with_comments > 0);
	API_OK(a, api_idea_get(a, l->items[0].id, &it));
	assert_non_null(it->body);
	assert_non_null(it->author);
	assert_int_equal(it->project_id, pid);
	API_OK(a, api_idea_comments(a, with_comments, NULL, 0, &cl));
	assert_true(cl->n >= 1);
	assert_non_null(cl->items[0].body);
	assert_int_equal(cl->items[0].parent_id, 0);
	api_comment_list_free(cl);
	api_idea_free(it);
	api_idea_list_free(l);
	API_OK(a, api_project_ideas(a, pid, "new", NULL, 0, &l));
	api_idea_list_free(l);
	api_free(a);
}

/* The ranking poll of Stadt.Raum.Wir. */
static long long
srv_ranking_poll(struct api *a)
{
	struct api_project *p = NULL;
	char ref[32];
	long long id = 0;
	size_t i;

	snprintf(ref, sizeof(ref), "%lld", srv_project(a, "Stadt.Raum.Wir."));
	API_OK(a, api_project_get(a, ref, &p));
	for (i = 0; i < p->n_polls; i++)
		if (p->polls[i].kind == API_POLL_RANKING)
			id = p->polls[i].id;
	api_project_free(p);
	assert_true(id > 0);
	return id;
}

static void
test_api_poll_get_results(void **state)
{
	struct api *a = srv_api();
	struct api_poll *p = NULL;
	struct api_results *r = NULL;
	long long id = srv_ranking_poll(a);

	(void)state;
	API_OK(a, api_poll_get(a, id, &p));
	assert_int_equal(p->kind, API_POLL_RANKING);
	assert_int_equal(p->max_choices, 3);
	assert_int_equal(p->n_options, 5);
	assert_false(p->has_ballot && p->n_my_ballot > 0);
	API_OK(a, api_poll_results(a, id, &r));
	assert_int_equal(r->poll_id, id);
	assert_int_equal(r->n_options, 5);
	assert_true(r->options[0].has_points);
	assert_true(r->options[0].rank >= 1);
	api_results_free(r);
	api_poll_free(p);
	api_free(a);
}

static void
test_api_login_vote_support(void **state)
{
	struct api *a = srv_api();
	struct api_login *l = NULL;
	struct api_poll *p = NULL, *p2 = NULL;
	struct api_ballot *b = NULL;
	struct api_idea_list *il = NULL;
	struct api_support s;
	struct api_user *me = NULL;
	long long poll = srv_ranking_poll(a), choice[3];
	size_t k;

	(void)state;
	/* Wrong password: 401 invalid_credentials, exit status 3. */
	assert_int_equal(api_login(a, "demo", "wrong-password", &l), -1);
	assert_null(l);
	assert_int_equal(api_error(a)->kind, API_ERR_LOGIN);
	assert_int_equal(api_error(a)->status, 401);
	assert_string_equal(api_error(a)->code, "invalid_credentials");
	assert_int_equal(api_error_exit(api_error(a)), CLIENT_EXIT_LOGIN);
	assert_null(api_token(a));

	API_OK(a, api_login(a, "demo", "demo-passwort", &l));
	assert_non_null(l->token);
	assert_string_equal(l->user->username, "demo");
	assert_string_equal(api_token(a), l->token);
	API_OK(a, api_me(a, &me));
	assert_string_equal(me->username, "demo");
	assert_non_null(me->email);
	api_user_free(me);

	/* Rank three events; the ballot comes back in the same order. */
	API_OK(a, api_poll_get(a, poll, &p));
	choice[0] = p->options[2].id;
	choice[1] = p->options[0].id;
	choice[2] = p->options[4].id;
	API_OK(a, api_ballot_put(a, poll, choice, 3, &b));
	assert_int_equal(b->n_choices, 3);
	assert_int_equal(b->choices[0], choice[0]);
	assert_int_equal(b->choices[2], choice[2]);
	API_OK(a, api_poll_get(a, poll, &p2));
	assert_true(p2->has_ballot);
	assert_int_equal(p2->n_my_ballot, 3);
	assert_int_equal(p2->my_ballot[1], choice[1]);
	api_poll_free(p2);
	/* Four choices are more than max_choices: 422. */
	{
		long long four[4] = { p->options[0].id, p->options[1].id,
		    p->options[2].id, p->options[3].id };

		assert_int_equal(api_ballot_put(a, poll, four, 4, NULL), -1);
		assert_int_equal(api_error(a)->kind, API_ERR_VALIDATION);
		assert_int_equal(api_error_exit(api_error(a)), CLIENT_EXIT_REFUSED);
	}
	API_OK(a, api_ballot_delete(a, poll));
	API_OK(a, api_poll_get(a, poll, &p2));
	assert_false(p2->has_ballot && p2->n_my_ballot > 0);
	api_poll_free(p2);

	/* Support an idea and take it back; idempotent. */
	/* Logged in, the own pending idea is listed too; only published
	 * ideas can be supported. */
	API_OK(a, api_project_ideas(a, p->project_id, "new", NULL, 0, &il));
	assert_true(il->n > 0);
	for (k = 0; k < il->n && il->items[k].status != API_STATUS_PUBLISHED; k++)
		;
	assert_true(k < il->n);
	API_OK(a, api_idea_support(a, il->items[k].id, &s));
	assert_int_equal(s.supported, 1);
	API_OK(a, api_idea_support(a, il->items[k].id, &s));
	assert_int_equal(s.supported, 1);
	assert_int_equal(s.supports, il->items[k].supports +
	    (il->items[k].supported_by_me == 1 ? 0 : 1));
	API_OK(a, api_idea_unsupport(a, il->items[k].id, &s));
	assert_int_equal(s.supported, 0);
	/* Supporting a pending idea is refused. */
	if (k > 0) {
		assert_int_equal(api_idea_support(a, il->items[0].id, &s), -1);
		assert_int_not_equal(api_error(a)->kind, API_ERR_NONE);
	}

	assert_int_equal(api_logout(a), 0);
	assert_null(api_token(a));
	api_idea_list_free(il);
	api_ballot_free(b);
	api_poll_free(p);
	api_login_free(l);
	api_free(a);
}

static void
test_api_get_not_modified(void **state)
{
	struct api *a = srv_api();
	struct api_project *p1 = NULL, *p2 = NULL;
	struct api_stats s0, s1, s2;
	char ref[32], *json1;
	long long id = srv_project(a, "Lokale Logistik");

	(void)state;
	snprintf(ref, sizeof(ref), "%lld", id);
	api_stats_get(a, &s0);
	API_OK(a, api_project_get(a, ref, &p1));
	api_stats_get(a, &s1);
	json1 = strdup(api_json(a));
	API_OK(a, api_project_get(a, ref, &p2));
	api_stats_get(a, &s2);
	/* The second GET is a 304 with no body: the same project, from the cache. */
	assert_int_equal(s2.requests - s1.requests, 1);
	assert_int_equal(s2.not_modified - s1.not_modified, 1);
	assert_string_equal(api_json(a), json1);
	assert_string_equal(p1->title, p2->title);
	assert_string_equal(p1->description, p2->description);
	assert_true(s2.bytes_in - s1.bytes_in < s1.bytes_in - s0.bytes_in);
	assert_true(s2.bytes_in - s1.bytes_in < 600);
	/* Every request of this handle went over one kept-alive connection. */
	assert_int_equal(s2.connects, 1);
	fprintf(stderr, "# project %s: first GET %llu bytes, repeated GET %llu bytes\n",
	    ref, s1.bytes_in - s0.bytes_in, s2.bytes_in - s1.bytes_in);
	free(json1);
	api_project_free(p1);
	api_project_free(p2);
	api_free(a);
}

static void
test_api_get_gzip(void **state)
{
	struct api *a = srv_api();
	struct api_project_list *l = NULL;
	struct api_stats s0, s1;

	(void)state;
	api_stats_get(a, &s0);
	API_OK(a, api_projects(a, "all", NULL, NULL, 100, &l));
	api_stats_get(a, &s1);
	/* A body over 1 KiB travels compressed: fewer bytes, headers
	 * included, than its JSON. */
	fprintf(stderr, "# project list: %zu bytes of JSON, %llu bytes received\n",
	    strlen(api_json(a)), s1.bytes_in - s0.bytes_in);
	assert_true(strlen(api_json(a)) > 2048);
	assert_true(s1.bytes_in - s0.bytes_in < strlen(api_json(a)) / 2);
	api_project_list_free(l);
	api_free(a);
}

static void
test_api_project_get_language(void **state)
{
	struct api *a = srv_api();
	struct api_project *de = NULL, *en = NULL;
	char ref[32];

	(void)state;
	snprintf(ref, sizeof(ref), "%lld", srv_project(a, "Lokale Logistik"));
	API_OK(a, api_project_get(a, ref, &de));
	/* The active language goes with every request, and the cache keeps
	 * the languages apart. */
	assert_int_equal(i18n_set_lang("en"), 0);
	API_OK(a, api_project_get(a, ref, &en));
	assert_int_equal(i18n_set_lang("de"), 0);
	assert_string_equal(de->lang, "de");
	assert_string_equal(en->lang, "en");
	assert_string_not_equal(de->title, en->title);
	api_project_free(de);
	api_project_free(en);
	api_free(a);
}

static void
test_api_errors_http(void **state)
{
	struct api *a = srv_api();
	struct api_idea *it = NULL;
	struct api_login *l = NULL;
	long long pid = srv_project(a, "Stadt.Raum.Wir.");

	(void)state;
	/* 404 */
	assert_int_equal(api_idea_get(a, 999999, &it), -1);
	assert_null(it);
	assert_int_equal(api_error(a)->kind, API_ERR_NOT_FOUND);
	assert_int_equal(api_error(a)->status, 404);
	assert_true(api_error(a)->message[0] != '\0');
	assert_int_equal(api_error_exit(api_error(a)), CLIENT_EXIT_REFUSED);
	/* 401 without a token */
	assert_int_equal(api_idea_support(a, 1, NULL), -1);
	assert_int_equal(api_error(a)->kind, API_ERR_LOGIN);
	assert_int_equal(api_error_exit(api_error(a)), CLIENT_EXIT_LOGIN);
	/* 401 with a token the server does not know */
	API_OK(a, api_set_token(a, "not-a-real-token"));
	assert_int_equal(api_idea_create(a, pid, "A good title", "A body that is long enough.", &it), -1);
	assert_int_equal(api_error(a)->kind, API_ERR_LOGIN);
	/* 422 naming the field */
	API_OK(a, api_login(a, "demo", "demo-passwort", &l));
	assert_int_equal(api_idea_create(a, pid, "x", "A body that is long enough.", &it), -1);
	assert_int_equal(api_error(a)->kind, API_ERR_VALIDATION);
	assert_int_equal(api_error(a)->status, 422);
	assert_string_equal(api_error(a)->field, "title");
	assert_int_equal(api_error_exit(api_error(a)), CLIENT_EXIT_REFUSED);
	/* Escape sequences are refused by the server, naming the field. */
	assert_int_equal(api_idea_create(a, pid, "Evil \x1b[2J title",
	    "A body that is long enough.", &it), -1);
	assert_int_equal(api_error(a)->kind, API_ERR_VALIDATION);
	assert_string_equal(api_error(a)->field, "title");
	assert_int_equal(api_idea_create(a, pid, "Fine title here",
	    "Body with \x1b]52;c;aGk=\x07 clipboard", &it), -1);
	assert_string_equal(api_error(a)->field, "body");
	assert_terminal_safe(api_error(a)->message, 0);
	/* And a good idea is accepted as pending, its text as sent. */
	API_OK(a, api_idea_create(a, pid, "Bänke am Stiftsplatz",
	    "Mehr Bänke im Schatten.\nUnd Trinkwasser.", &it));
	assert_int_equal(it->status, API_STATUS_PENDING);
	assert_string_equal(it->title, "Bänke am Stiftsplatz");
	api_idea_free(it);
	api_login_free(l);
	api_free(a);
}

/* A port on 127.0.0.1 that nothing listens on. */
static int
closed_port(void)
{
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);
	int fd = socket(AF_INET, SOCK_STREAM, 0), port;

	assert_true(fd >= 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	port = ntohs(sa.sin_port);
	close(fd);
	return port;
}

static void
test_api_errors_network(void **state)
{
	struct api *a;
	struct api_project_list *l = NULL;
	char base[128];
	int fd;
	struct sockaddr_in sa;
	socklen_t len = sizeof(sa);

	(void)state;
	/* Server down: connection refused. */
	snprintf(base, sizeof(base), "http://127.0.0.1:%d/api/v1", closed_port());
	a = api_new(base);
	assert_int_equal(api_projects(a, NULL, NULL, NULL, 0, &l), -1);
	assert_null(l);
	assert_int_equal(api_error(a)->kind, API_ERR_NETWORK);
	assert_int_equal(api_error(a)->net, API_NET_REFUSED);
	assert_int_equal(api_error(a)->status, 0);
	assert_non_null(strstr(api_error(a)->message, base));
	assert_int_equal(api_error_exit(api_error(a)), CLIENT_EXIT_NETWORK);
	api_free(a);

	/* A server that accepts but never answers: timeout. */
	fd = socket(AF_INET, SOCK_STREAM, 0);
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&sa, sizeof(sa)), 0);
	assert_int_equal(listen(fd, 4), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&sa, &len), 0);
	snprintf(base, sizeof(base), "http://127.0.0.1:%d/api/v1", ntohs(sa.sin_port));
	a = api_new(base);
	api_set_timeouts(a, 1000, 300);
	assert_int_equal(api_projects(a, NULL, NULL, NULL, 0, &l), -1);
	assert_int_equal(api_error(a)->kind, API_ERR_NETWORK);
	assert_int_equal(api_error(a)->net, API_NET_TIMEOUT);
	api_free(a);
	close(fd);

	/* A name that cannot resolve (RFC 2606 .invalid). */
	a = api_new("http://no-such-host.invalid/api/v1");
	api_set_timeouts(a, 2000, 3000);
	assert_int_equal(api_projects(a, NULL, NULL, NULL, 0, &l), -1);
	assert_int_equal(api_error(a)->kind, API_ERR_NETWORK);
	assert_true(api_error(a)->net == API_NET_DNS ||
	    api_error(a)->net == API_NET_TIMEOUT);
	api_free(a);
}

/* The confirmation token of the newest mail to addr in the server's mail
 * folder: the line of at least 32 token characters. */
static char *
srv_mail_token(const char *addr)
{
	char dir[300], path[600], line[512], *tok = NULL;
	int tries;

	snprintf(dir, sizeof(dir), "%s/mail", srv_tmp);
	for (tries = 0; tries < 100 && tok == NULL; tries++) {
		struct dirent **names = NULL;
		int n = scandir(dir, &names, NULL, alphasort), i;

		for (i = 0; i < n; i++) {
			FILE *f;
			int to_addr = 0;

			snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
			if (names[i]->d_name[0] != '.' && (f = fopen(path, "r")) != NULL) {
				while (fgets(line, sizeof(line), f) != NULL) {
					size_t len = strcspn(line, "\r\n");

					if (strncmp(line, "To:", 3) == 0 && strstr(line, addr))
						to_addr = 1;
					line[len] = '\0';
					if (to_addr && len >= 32 &&
					    strspn(line, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-") == len) {
						free(tok);
						tok = strdup(line);
					}
				}
				fclose(f);
			}
			free(names[i]);
		}
		free(names);
		if (tok == NULL) {
			struct timespec ts = { 0, 50 * 1000 * 1000 };

			nanosleep(&ts, NULL);
		}
	}
	return tok;
}

static void
test_api_register_confirm_export_delete(void **state)
{
	struct api *a = srv_api();
	struct api_user *u = NULL;
	struct api_login *l = NULL;
	char *tok, *json = NULL;

	(void)state;
	assert_int_equal(i18n_set_lang("en"), 0);
	API_OK(a, api_register(a, "capitest", "capitest@example.org",
	    "a long password 1", "Capi Test", &u));
	assert_int_equal(i18n_set_lang("de"), 0);
	assert_string_equal(u->username, "capitest");
	assert_string_equal(u->locale, "en");
	assert_int_equal(u->status, API_STATUS_PENDING);
	api_user_free(u);
	/* Taken name: answered like a new one (the mail to other@ says it
	 * is taken), so nobody learns which names exist. */
	assert_int_equal(api_register(a, "capitest", "other@example.org",
	    "a long password 1", NULL, NULL), 0);
	/* Not confirmed yet: 403 not_confirmed. */
	assert_int_equal(api_login(a, "capitest", "a long password 1", NULL), -1);
	assert_string_equal(api_error(a)->code, "not_confirmed");
	assert_int_equal(api_error_exit(api_error(a)), CLIENT_EXIT_REFUSED);
	tok = srv_mail_token("capitest@example.org");
	assert_non_null(tok);
	API_OK(a, api_confirm(a, tok, &u));
	assert_int_equal(u->status, API_STATUS_ACTIVE);
	api_user_free(u);
	free(tok);
	API_OK(a, api_login(a, "capitest", "a long password 1", &l));
	API_OK(a, api_me_export(a, &json));
	assert_non_null(strstr(json, "capitest"));
	assert_terminal_safe(json, 1);
	free(json);
	/* A wrong password keeps the account. */
	assert_int_equal(api_me_delete(a, "wrong password"), -1);
	assert_non_null(api_token(a));
	API_OK(a, api_me_delete(a, "a long password 1"));
	assert_null(api_token(a));
	assert_int_equal(api_login(a, "capitest", "a long password 1", NULL), -1);
	assert_int_equal(api_error(a)->kind, API_ERR_LOGIN);
	api_login_free(l);
	api_free(a);
}

static void
test_api_comments_reports(void **state)
{
	struct api *a = srv_api();
	struct api_comment *c = NULL, *r = NULL;
	struct api_comment_list *cl = NULL;
	long long pid = srv_project(a, "Stadt.Raum.Wir.");

	(void)state;
	API_OK(a, api_project_comments(a, pid, NULL, 0, &cl));
	api_comment_list_free(cl);
	API_OK(a, api_login(a, "demo", "demo-passwort", NULL));
	API_OK(a, api_project_comment(a, pid, 0, "Ein Kommentar zum Projekt.", &c));
	assert_int_equal(c->status, API_STATUS_PENDING);
	assert_int_equal(c->project_id, pid);
	API_OK(a, api_project_comment(a, pid, c->id, "Eine Antwort.", &r));
	assert_int_equal(r->parent_id, c->id);
	API_OK(a, api_idea_comment(a, 1, 0, "Zur Idee.", NULL));
	assert_int_equal(api_idea_comment(a, 1, 0, "", NULL), -1);
	assert_int_equal(api_error(a)->kind, API_ERR_VALIDATION);
	assert_string_equal(api_error(a)->field, "body");
	API_OK(a, api_idea_report(a, 1, "Werbung"));
	API_OK(a, api_comment_report(a, c->id, "Beleidigend"));
	api_comment_free(c);
	api_comment_free(r);
	api_free(a);
}

/* The own ideas, comments and ballots, by account, with the titles of
 * what they belong to looked up; a comment rejected with a reason shows it. */
static void
test_api_me_activity_titles(void **state)
{
	struct api *a = srv_api(), *mod = srv_api();
	struct api_activity *act = NULL;
	struct api_poll *p = NULL;
	struct api_idea_list *il = NULL;
	struct api_comment *c = NULL;
	const struct api_my_comment *mc = NULL, *pc = NULL;
	const struct api_my_ballot *mb = NULL;
	long long poll = srv_ranking_poll(a), choice[2];
	size_t k, i;

	(void)state;
	assert_int_equal(api_me_activity(a, &act), -1);	/* no token */
	assert_null(act);
	assert_int_equal(api_error(a)->kind, API_ERR_LOGIN);
	API_OK(a, api_login(a, "demo", "demo-passwort", NULL));
	API_OK(a, api_poll_get(a, poll, &p));
	choice[0] = p->options[3].id;
	choice[1] = p->options[1].id;
	API_OK(a, api_ballot_put(a, poll, choice, 2, NULL));
	API_OK(a, api_project_ideas(a, p->project_id, "new", NULL, 0, &il));
	for (k = 0; k < il->n && il->items[k].status != API_STATUS_PUBLISHED; k++)
		;
	assert_true(k < il->n);
	API_OK(a, api_idea_comment(a, il->items[k].id, 0, "Aktivität:\nzur Idee.", &c));
	API_OK(a, api_project_comment(a, p->project_id, 0, "Aktivität: zum Projekt.", NULL));
	API_OK(mod, api_login(mod, "moderation", "moderation-passwort", NULL));
	API_OK(mod, api_moderate_comment(mod, c->id, "reject", "Bitte beim Thema bleiben."));

	API_OK(a, api_me_activity(a, &act));
	assert_int_equal(api_error(a)->kind, API_ERR_NONE);
	assert_non_null(act->user);
	assert_string_equal(act->user->username, "demo");
	/* The seeded idea of demo (pending, unless a test before moderated
	 * it), with its project's title. */
	for (i = 0; i < act->n_ideas && strcmp(act->ideas[i].title, "Trinkbrunnen am Platz") != 0; i++)
		;
	assert_true(i < act->n_ideas);
	assert_non_null(act->ideas[i].status);
	assert_non_null(act->ideas[i].project_title);
	assert_non_null(strstr(act->ideas[i].project_title, "Stadt.Raum.Wir."));
	for (i = 0; i < act->n_comments; i++) {
		if (strcmp(act->comments[i].body, "Aktivität:\nzur Idee.") == 0)
			mc = &act->comments[i];
		if (strcmp(act->comments[i].body, "Aktivität: zum Projekt.") == 0)
			pc = &act->comments[i];
	}
	assert_non_null(mc);
	assert_int_equal(mc->id, c->id);
	assert_int_equal(mc->idea_id, il->items[k].id);
	assert_int_equal(mc->status, API_STATUS_REJECTED);
	assert_string_equal(mc->moderation_reason, "Bitte beim Thema bleiben.");
	assert_string_equal(mc->idea_title, il->items[k].title);
	assert_non_null(mc->project_title);
	assert_non_null(pc);
	assert_int_equal(pc->idea_id, 0);
	assert_null(pc->idea_title);
	assert_int_equal(pc->status, API_STATUS_PENDING);
	assert_null(pc->moderation_reason);
	assert_non_null(strstr(pc->project_title, "Stadt.Raum.Wir."));
	/* The ballot: poll title, kind and window, choices named in order. */
	for (i = 0; i < act->n_ballots; i++)
		if (act->ballots[i].poll_id == poll)
			mb = &act->ballots[i];
	assert_non_null(mb);
	assert_string_equal(mb->poll_title, p->title);
	assert_int_equal(mb->poll_kind, API_POLL_RANKING);
	assert_int_equal(mb->poll_status, p->status);
	assert_int_equal(mb->n_choices, 2);
	assert_int_equal(mb->choices[0], choice[0]);
	assert_non_null(mb->choice_titles);
	assert_string_equal(mb->choice_titles[0], p->options[3].title);
	assert_string_equal(mb->choice_titles[1], p->options[1].title);
	api_activity_free(act);
	API_OK(a, api_ballot_delete(a, poll));
	api_comment_free(c);
	api_idea_list_free(il);
	api_poll_free(p);
	api_free(mod);
	api_free(a);
}

static void
test_api_moderation_queue_actions(void **state)
{
	struct api *a = srv_api(), *mod = srv_api();
	struct api_queue_list *q = NULL;
	struct api_idea *it = NULL, *seen = NULL;
	long long pid = srv_project(a, "Stadt.Raum.Wir."), found = 0;
	size_t i;

	(void)state;
	/* A citizen may not see the queue. */
	API_OK(a, api_login(a, "demo", "demo-passwort", NULL));
	assert_int_equal(api_moderation_queue(a, "ideas", NULL, 0, &q), -1);
	assert_int_equal(api_error(a)->status, 403);
	assert_int_equal(api_error(a)->kind, API_ERR_REFUSED);
	API_OK(a, api_idea_create(a, pid, "Schattenbäume pflanzen",
	    "Mehr Bäume für Schatten am Platz.", &it));

	API_OK(mod, api_login(mod, "moderation", "moderation-passwort", NULL));
	API_OK(mod, api_moderation_queue(mod, "ideas", NULL, 0, &q));
	assert_true(q->n >= 1);
	for (i = 0; i < q->n; i++) {
		assert_string_equal(q->items[i].type, "idea");
		if (q->items[i].id == it->id)
			found = it->id;
	}
	assert_true(found > 0);
	api_queue_list_free(q);
	API_OK(mod, api_moderate_idea(mod, it->id, "approve", NULL));
	/* Now others see it. */
	API_OK(mod, api_logout(mod));
	API_OK(mod, api_idea_get(mod, it->id, &seen));
	assert_int_equal(seen->status, API_STATUS_PUBLISHED);
	api_idea_free(seen);

	API_OK(mod, api_login(mod, "moderation", "moderation-passwort", NULL));
	API_OK(mod, api_moderation_queue(mod, "comments", NULL, 0, &q));
	for (i = 0; i < q->n; i++)
		assert_string_equal(q->items[i].type, "comment");
	if (q->n > 0)
		API_OK(mod, api_moderate_comment(mod, q->items[0].id, "reject",
		    "Nicht zum Thema"));
	api_queue_list_free(q);
	API_OK(mod, api_moderation_queue(mod, "reports", NULL, 0, &q));
	for (i = 0; i < q->n; i++) {
		assert_string_equal(q->items[i].type, "report");
		assert_non_null(q->items[i].target_type);
		assert_true(q->items[i].target_id > 0);
	}
	api_queue_list_free(q);
	/* An action the contract does not know: 422 naming the field. */
	assert_int_equal(api_moderate_idea(mod, it->id, "burn", "x"), -1);
	assert_int_equal(api_error(mod)->kind, API_ERR_VALIDATION);
	assert_string_equal(api_error(mod)->field, "action");
	api_idea_free(it);
	api_free(a);
	api_free(mod);
}

static void
test_api_staff_create_tally_export(void **state)
{
	struct api *a = srv_api();
	struct api_project *p = NULL, *p2 = NULL;
	struct api_poll *poll = NULL, *poll2 = NULL;
	struct api_survey *sv = NULL;
	struct api_results *r = NULL;
	struct api_project_in pin = { 0 };
	struct api_poll_in qin = { 0 };
	struct api_survey_in sin = { 0 };
	struct api_option_in opts[2] = { 0 };
	struct api_text_in sopts[2] = { API_TEXT({ "de", "Ja" }, { "en", "Yes" },
	    { "tr", "Evet" }), API_TEXT({ "de", "Nein" }, { "en", "No" }) };
	struct api_question_in qs[2] = { 0 };
	struct api_tally t[2];
	struct api_paper_line line[2];
	struct api_paper_in paper;
	struct api_tally_sheet *sheet = NULL;
	struct api_tally_list *tl = NULL;
	size_t i;
	char *csv = NULL;
	char pends[32], opens[32], closes[32];

	(void)state;
	pin.slug = "capi-test";
	pin.category = "city-hall";
	pin.title = API_TEXT({ "de", "Testprojekt" }, { "en", "Test project" },
	    { "ls", "Ein Test-Projekt" });
	pin.summary = API_TEXT({ "de", "Kurz" });
	pin.description = API_TEXT({ "de", "Absatz eins.\n\nAbsatz zwei." });
	pin.status = "open";
	pin.ends_at = iso_days(pends, sizeof(pends), 3 * 365);
	pin.ideas_open = 1;
	/* Citizens are refused. */
	API_OK(a, api_login(a, "demo", "demo-passwort", NULL));
	assert_int_equal(api_project_create(a, &pin, &p), -1);
	assert_int_equal(api_error(a)->status, 403);
	API_OK(a, api_login(a, "rathaus", "rathaus-passwort", NULL));
	API_OK(a, api_project_create(a, &pin, &p));
	assert_string_equal(p->slug, "capi-test");
	assert_string_equal(p->title, "Testprojekt");
	assert_string_equal(api_langs_get(&p->langs, "title"), "de");
	assert_string_equal(api_langs_get(&p->langs, "description"), "de");
	assert_null(api_langs_get(&p->langs, "nothing"));
	assert_null(api_langs_get(NULL, "title"));
	/* Every pair reached the server: Leichte Sprache reads its own title
	 * and the German summary, named German. */
	assert_int_equal(i18n_set_lang("ls"), 0);
	API_OK(a, api_project_get(a, "capi-test", &p2));
	assert_int_equal(i18n_set_lang("de"), 0);
	assert_string_equal(p2->title, "Ein Test-Projekt");
	assert_string_equal(api_langs_get(&p2->langs, "title"), "ls");
	assert_string_equal(p2->summary, "Kurz");
	assert_string_equal(api_langs_get(&p2->langs, "summary"), "de");
	api_project_free(p2);
	p2 = NULL;
	memset(&pin, 0, sizeof(pin));
	pin.ideas_open = -1;
	pin.title = API_TEXT({ "de", "Testprojekt neu" });
	API_OK(a, api_project_update(a, p->id, &pin, &p2));
	assert_string_equal(p2->title, "Testprojekt neu");
	assert_string_equal(p2->slug, "capi-test");

	opts[0].title = API_TEXT({ "de", "Am Markt" });
	opts[0].description = API_TEXT({ "de", "Neben dem Brunnen" });
	opts[0].address = "Marktplatz 1";
	opts[0].lat = 49.44;
	opts[0].lon = 7.77;
	opts[1].title = API_TEXT({ "de", "Am Bahnhof" });
	qin.title = API_TEXT({ "de", "Wohin?" });
	qin.question = API_TEXT({ "de", "Wo soll es stehen?" });
	qin.kind = "single";
	qin.status = "open";
	qin.opens_at = iso_days(opens, sizeof(opens), -2);
	qin.closes_at = iso_days(closes, sizeof(closes), 2 * 365);
	qin.results_visible = 1;
	qin.options = opts;
	qin.n_options = 2;
	API_OK(a, api_poll_create(a, p->id, &qin, &poll));
	assert_int_equal(poll->n_options, 2);
	assert_true(poll->options[0].has_location);
	assert_string_equal(poll->options[0].address, "Marktplatz 1");
	memset(&qin, 0, sizeof(qin));
	qin.results_visible = -1;
	qin.title = API_TEXT({ "de", "Wohin genau?" });
	API_OK(a, api_poll_update(a, poll->id, &qin, &poll2));
	assert_string_equal(poll2->title, "Wohin genau?");

	t[0].option_id = poll->options[0].id;
	t[0].count = 7;
	t[1].option_id = poll->options[1].id;
	t[1].count = 3;
	for (i = 0; i < 2; i++) {
		line[i].choices = &t[i].option_id;
		line[i].n_choices = 1;
		line[i].count = t[i].count;
	}
	memset(&paper, 0, sizeof(paper));
	paper.source = "Stand am Markt";
	paper.ballots = 11;
	paper.invalid = 1;
	paper.keys = 1;
	paper.lines = line;
	paper.n_lines = 2;
	API_OK(a, api_tally_add(a, poll->id, &paper, &sheet));
	assert_int_equal(sheet->state, API_TALLY_COUNTED);
	assert_int_equal(sheet->n_entries, 1);
	assert_int_equal(sheet->entries[0].ballots, 11);
	assert_int_equal(api_tally_entry_count(&sheet->entries[0], t[0].option_id), 7);
	api_tally_sheet_free(sheet);
	API_OK(a, api_tally_list(a, poll->id, &tl));
	assert_int_equal(tl->n, 1);
	assert_string_equal(tl->items[0].source, "Stand am Markt");
	api_tally_list_free(tl);
	API_OK(a, api_poll_results(a, poll->id, &r));
	assert_int_equal(r->ballots_analog, 10);
	assert_int_equal(r->analog_invalid, 1);
	assert_int_equal(r->tallies_counted, 1);
	assert_int_equal(r->options[0].analog + r->options[1].analog, 10);
	API_OK(a, api_poll_results_csv(a, poll->id, &csv));
	assert_non_null(strstr(csv, "Am Markt"));
	assert_terminal_safe(csv, 1);
	free(csv);

	qs[0].kind = "single";
	qs[0].text = API_TEXT({ "de", "Gut?" });
	qs[0].required = 1;
	qs[0].options = sopts;
	qs[0].n_options = 2;
	qs[1].kind = "scale";
	qs[1].text = API_TEXT({ "de", "Wie sehr?" });
	qs[1].has_scale = 1;
	qs[1].scale_min = 1;
	qs[1].scale_max = 5;
	qs[1].min_label = API_TEXT({ "de", "wenig" });
	qs[1].max_label = API_TEXT({ "de", "sehr" });
	sin.title = API_TEXT({ "de", "Umfrage" });
	sin.intro = API_TEXT({ "de", "Zwei Fragen." });
	sin.status = "open";
	sin.opens_at = iso_days(opens, sizeof(opens), -2);
	sin.closes_at = iso_days(closes, sizeof(closes), 2 * 365);
	sin.questions = qs;
	sin.n_questions = 2;
	API_OK(a, api_survey_create(a, p->id, &sin, &sv));
	assert_int_equal(sv->n_questions, 2);
	assert_int_equal(sv->questions[0].n_options, 2);
	assert_int_equal(sv->questions[1].scale_max, 5);
	{
		long long yes = sv->questions[0].options[0].id;
		struct api_answer ans[2] = { { sv->questions[0].id, &yes, 1, NULL, 0, 0 },
		    { sv->questions[1].id, NULL, 0, NULL, 1, 4 } };

		API_OK(a, api_survey_respond(a, sv->id, ans, 2));
		ans[1].value = 9;
		assert_int_equal(api_survey_respond(a, sv->id, ans, 2), -1);
		assert_int_equal(api_error(a)->kind, API_ERR_VALIDATION);
	}
	API_OK(a, api_survey_responses_csv(a, sv->id, &csv));
	assert_terminal_safe(csv, 1);
	free(csv);
	assert_int_equal(api_survey_respond_json(a, sv->id, "no json"), -1);
	assert_string_equal(api_error(a)->field, "answers");

	api_results_free(r);
	api_survey_free(sv);
	api_poll_free(poll);
	api_poll_free(poll2);
	api_project_free(p);
	api_project_free(p2);
	api_free(a);
}

int
main(void)
{
	const struct CMUnitTest offline[] = {
		cmocka_unit_test(test_api_free_null),
		cmocka_unit_test(test_api_parse_idea_not_object),
		cmocka_unit_test(test_api_parse_idea_sanitizes),
		cmocka_unit_test(test_api_parse_idea_invalid_utf8),
		cmocka_unit_test(test_api_parse_poll_fields),
		cmocka_unit_test(test_api_parse_project_list_fields),
		cmocka_unit_test(test_api_list_cap_to_asked),
		cmocka_unit_test(test_api_base_insecure_cases),
		cmocka_unit_test(test_api_parse_survey_fields),
		cmocka_unit_test(test_api_json_print_escapes),
		cmocka_unit_test(test_api_json_print_stays_json),
		cmocka_unit_test(test_api_error_from_http_validation),
		cmocka_unit_test(test_api_error_from_http_kinds),
		cmocka_unit_test(test_api_error_from_http_long_message),
		cmocka_unit_test(test_api_resolve_base_order),
		cmocka_unit_test(test_api_errors_network),
	};
	const struct CMUnitTest server[] = {
		cmocka_unit_test(test_api_health_ok),
		cmocka_unit_test(test_api_errors_tls),
		cmocka_unit_test(test_api_projects_list),
		cmocka_unit_test(test_api_project_get_detail),
		cmocka_unit_test(test_api_ideas_detail_comments),
		cmocka_unit_test(test_api_poll_get_results),
		cmocka_unit_test(test_api_login_vote_support),
		cmocka_unit_test(test_api_get_not_modified),
		cmocka_unit_test(test_api_get_gzip),
		cmocka_unit_test(test_api_project_get_language),
		cmocka_unit_test(test_api_errors_http),
		cmocka_unit_test(test_api_register_confirm_export_delete),
		cmocka_unit_test(test_api_comments_reports),
		cmocka_unit_test(test_api_moderation_queue_actions),
		cmocka_unit_test(test_api_staff_create_tally_export),
		cmocka_unit_test(test_api_me_activity_titles),
	};
	int fails;

	/* German content, as the demo data is written; one test switches. */
	i18n_init("de");
	fails = cmocka_run_group_tests_name("api offline", offline, NULL, NULL);
	fails += cmocka_run_group_tests_name("api against mitwirkung-api", server,
	    srv_start, srv_stop);
	return fails != 0;
}
