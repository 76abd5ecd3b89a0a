/* test_api_cache.c — ETags, If-None-Match, Accept-Encoding, gzip, the
 * response cache's versions and lifetime, language choice, mail text. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>

#include "server/api/cache.h"
#include "server/api/http.h"
#include "server/api/mail.h"

static void
test_cache_etag_stable(void **state)
{
	char a[CACHE_ETAG_SIZE], b[CACHE_ETAG_SIZE];

	(void)state;
	cache_etag("{}", 2, a);
	cache_etag("{}", 2, b);
	assert_string_equal(a, b);
	assert_int_equal(strlen(a), 18);
	assert_int_equal(a[0], '"');
	assert_int_equal(a[17], '"');
	cache_etag("{ }", 3, b);
	assert_string_not_equal(a, b);
	cache_etag("", 0, b);
	assert_int_equal(strlen(b), 18);
}

static void
test_cache_etag_match_forms(void **state)
{
	const char *e = "\"0123456789abcdef\"";

	(void)state;
	assert_false(cache_etag_match(NULL, e));
	assert_false(cache_etag_match("", e));
	assert_true(cache_etag_match(e, e));
	assert_true(cache_etag_match("*", e));
	assert_true(cache_etag_match("W/\"0123456789abcdef\"", e));
	assert_true(cache_etag_match("\"x\", \"0123456789abcdef\"", e));
	assert_false(cache_etag_match("\"0123456789abcdee\"", e));
	assert_false(cache_etag_match("0123456789abcdef", e));
	assert_false(cache_etag_match("\"0123456789abcdef", e));
}

static void
test_cache_accepts_gzip_forms(void **state)
{
	(void)state;
	assert_false(cache_accepts_gzip(NULL));
	assert_false(cache_accepts_gzip(""));
	assert_false(cache_accepts_gzip("identity"));
	assert_false(cache_accepts_gzip("br, deflate"));
	assert_true(cache_accepts_gzip("gzip"));
	assert_true(cache_accepts_gzip("GZIP"));
	assert_true(cache_accepts_gzip("deflate, gzip;q=0.5"));
	assert_true(cache_accepts_gzip("br,gzip"));
	assert_true(cache_accepts_gzip("*"));
	assert_false(cache_accepts_gzip("gzip;q=0"));
	assert_false(cache_accepts_gzip("gzip; q=0.0"));
	assert_true(cache_accepts_gzip("gzip;q=0.1"));
	assert_false(cache_accepts_gzip("x-gzipper"));
}

static void
test_cache_gzip_roundtrip(void **state)
{
	unsigned char *z = NULL, out[8192];
	size_t zlen = 0, i;
	char in[4000];
	uLongf olen;
	z_stream st;

	(void)state;
	for (i = 0; i < sizeof(in); i++)
		in[i] = "{\"items\":[1,2,3]}"[i % 17];
	assert_int_equal(cache_gzip(in, sizeof(in), &z, &zlen), 0);
	assert_non_null(z);
	assert_true(zlen < sizeof(in));
	assert_int_equal(z[0], 0x1f);	/* gzip magic */
	assert_int_equal(z[1], 0x8b);
	memset(&st, 0, sizeof(st));
	assert_int_equal(inflateInit2(&st, 15 + 16), Z_OK);
	st.next_in = z;
	st.avail_in = (uInt)zlen;
	st.next_out = out;
	st.avail_out = sizeof(out);
	assert_int_equal(inflate(&st, Z_FINISH), Z_STREAM_END);
	olen = sizeof(out) - st.avail_out;
	inflateEnd(&st);
	assert_int_equal(olen, sizeof(in));
	assert_memory_equal(out, in, sizeof(in));
	free(z);
	/* An empty body is still a valid gzip member. */
	assert_int_equal(cache_gzip("", 0, &z, &zlen), 0);
	assert_true(zlen > 0);
	free(z);
}

static void
test_cache_versions_and_lifetime(void **state)
{
	struct cache *c = cache_new(8, 200);
	char body[2048];

	(void)state;
	cache_free(NULL);
	assert_int_equal(cache_serve(NULL, "k", 1, NULL, 0, NULL), 0);
	assert_non_null(c);
	memset(body, 'x', sizeof(body) - 1);
	body[sizeof(body) - 1] = '\0';
	assert_int_equal(cache_serve(c, "/p?#de", 1, NULL, 0, NULL), 0);
	assert_int_equal(cache_put(c, "/p?#de", 1, body, strlen(body),
	    "application/json"), 0);
	assert_int_equal(cache_size(c), 1);
	/* A hit only for the same key and data version. */
	assert_int_equal(cache_serve(c, "/p?#de", 1, NULL, 1, NULL), 200);
	assert_int_equal(cache_serve(c, "/p?#en", 1, NULL, 1, NULL), 0);
	assert_int_equal(cache_serve(c, "/p?#de", 2, NULL, 1, NULL), 0);
	/* Replacing keeps one entry. */
	assert_int_equal(cache_put(c, "/p?#de", 2, "{}", 2, "application/json"), 0);
	assert_int_equal(cache_size(c), 1);
	assert_int_equal(cache_serve(c, "/p?#de", 2, NULL, 0, NULL), 200);
	/* Entries die after their lifetime (statuses follow the clock). */
	usleep(300 * 1000);
	assert_int_equal(cache_serve(c, "/p?#de", 2, NULL, 0, NULL), 0);
	cache_free(c);
}

static void
test_cache_bounded(void **state)
{
	struct cache *c = cache_new(4, 10000);
	char key[16];
	int i;

	(void)state;
	for (i = 0; i < 20; i++) {
		snprintf(key, sizeof(key), "/k%d", i);
		assert_int_equal(cache_put(c, key, 1, "{}", 2, "application/json"), 0);
		assert_true(cache_size(c) <= 4);
	}
	cache_free(c);
}

static void
test_http_pick_lang(void **state)
{
	char l[STORE_LANG_MAX];

	(void)state;
	http_pick_lang(NULL, NULL, l);
	assert_string_equal(l, "de");
	http_pick_lang("en", "de", l);
	assert_string_equal(l, "en");
	http_pick_lang("fr", NULL, l);
	assert_string_equal(l, "fr");	/* the store falls back per object */
	http_pick_lang("../x", "en", l);
	assert_string_equal(l, "en");
	http_pick_lang(NULL, "en-GB,en;q=0.9,de;q=0.8", l);
	assert_string_equal(l, "en");
	http_pick_lang(NULL, "fr-FR, de;q=0.5, en;q=0.7", l);
	assert_string_equal(l, "en");
	http_pick_lang(NULL, "fr, it", l);
	assert_string_equal(l, "de");
	http_pick_lang(NULL, "en;q=0, de", l);
	assert_string_equal(l, "de");
	http_pick_lang(NULL, "EN", l);
	assert_string_equal(l, "en");
	/* Every language of the registry, by tag or code. */
	http_pick_lang(NULL, "tr-TR,tr;q=0.9,en;q=0.5", l);
	assert_string_equal(l, "tr");
	http_pick_lang(NULL, "ru;q=0.9, uk-UA;q=0.8, de;q=0.3", l);
	assert_string_equal(l, "uk");
	http_pick_lang(NULL, "ls, de;q=0.9", l);
	assert_string_equal(l, "ls");
}

static void
test_mail_header_encode(void **state)
{
	char *s;

	(void)state;
	s = mail_header_encode("Confirm your account");
	assert_string_equal(s, "Confirm your account");
	free(s);
	s = mail_header_encode("Bestätigen");
	assert_string_equal(s, "=?UTF-8?B?QmVzdMOkdGlnZW4=?=");
	free(s);
	/* Long subjects become several words, none split inside a char. */
	s = mail_header_encode("ääääääääääääääääääääääääääääääääääääääääääääääää");
	assert_non_null(strstr(s, "?=\r\n =?UTF-8?B?"));
	free(s);
}

static void
test_mail_compose_headers(void **state)
{
	char *m = mail_compose("MitWirkung <noreply@example.org>",
	    "anna@example.org", "Bestätigen Sie Ihr Konto", "Hallo\n\nCODE\n",
	    1648890000);

	(void)state;
	assert_non_null(m);
	assert_non_null(strstr(m, "Date: Sat, 02 Apr 2022 09:00:00 +0000\r\n"));
	assert_non_null(strstr(m, "From: MitWirkung <noreply@example.org>\r\n"));
	assert_non_null(strstr(m, "To: anna@example.org\r\n"));
	assert_non_null(strstr(m, "Subject: =?UTF-8?B?"));
	assert_non_null(strstr(m, "Message-ID: <"));
	assert_non_null(strstr(m, "MIME-Version: 1.0\r\n"));
	assert_non_null(strstr(m, "Content-Type: text/plain; charset=utf-8\r\n"));
	assert_non_null(strstr(m, "Content-Transfer-Encoding: 8bit\r\n\r\n"));
	/* The token stands on a line of its own; LF became CRLF. */
	assert_non_null(strstr(m, "\r\n\r\nHallo\r\n\r\nCODE\r\n"));
	free(m);
}

static void
test_mail_send_to_dir(void **state)
{
	struct mail_cfg cfg = { NULL, NULL, NULL };
	char dir[] = "/tmp/test_api_mail_XXXXXX", path[512], buf[4096];
	FILE *f;
	size_t n;

	(void)state;
	assert_int_equal(mail_send(NULL, "a@b.de", "s", "b"), -1);
	assert_int_equal(mail_send(&cfg, "a@b.de", "s", "b"), -1);
	assert_non_null(mkdtemp(dir));
	cfg.dir = dir;
	assert_int_equal(mail_send_confirm(&cfg, "anna@example.org", "anna",
	    "TOKEN123", "12345678", "en"), 0);
	{
		DIR *d = opendir(dir);
		struct dirent *e;
		int found = 0;

		assert_non_null(d);
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			assert_non_null(strstr(e->d_name, ".eml"));
			snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
			found++;
		}
		closedir(d);
		assert_int_equal(found, 1);
	}
	f = fopen(path, "r");
	assert_non_null(f);
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = '\0';
	fclose(f);
	assert_non_null(strstr(buf, "\r\nTOKEN123\r\n"));
	/* The short code in two groups of four, named as the program does. */
	assert_non_null(strstr(buf, "    1234 5678\r\n"));
	assert_non_null(strstr(buf, "\"Confirm account\""));
	assert_non_null(strstr(buf, "Subject: Confirm your MitWirkung account"));
	unlink(path);
	rmdir(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cache_etag_stable),
		cmocka_unit_test(test_cache_etag_match_forms),
		cmocka_unit_test(test_cache_accepts_gzip_forms),
		cmocka_unit_test(test_cache_gzip_roundtrip),
		cmocka_unit_test(test_cache_versions_and_lifetime),
		cmocka_unit_test(test_cache_bounded),
		cmocka_unit_test(test_http_pick_lang),
		cmocka_unit_test(test_mail_header_encode),
		cmocka_unit_test(test_mail_compose_headers),
		cmocka_unit_test(test_mail_send_to_dir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
