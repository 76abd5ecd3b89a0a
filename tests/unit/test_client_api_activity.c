/* test_client_api_activity.c — the own-activity parser (GET /me/export) on canned JSON, hostile text included. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/api/api.h"
#include "client/api/api_int.h"
#include "client/i18n.h"
#include "common/text.h"

/* Fails unless s is strict UTF-8 without C0 (but \n when multiline), DEL,
 * C1 or any bidi control a terminal or a reader could be fooled by. */
static void
assert_clean(const char *s, int multiline)
{
	size_t i = 0, n;
	unsigned int cp;
	int len;

	if (s == NULL)
		return;
	n = strlen(s);
	while (i < n) {
		len = text_utf8_decode(s + i, n - i, &cp);
		if (len < 0)
			fail_msg("invalid UTF-8 at byte %zu of \"%s\"", i, s);
		if ((cp < 0x20 && !(multiline && cp == '\n')) ||
		    (cp >= 0x7f && cp <= 0x9f))
			fail_msg("control U+%04X in \"%s\"", cp, s);
		if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
		    cp == 0x200e || cp == 0x200f || cp == 0x061c)
			fail_msg("bidi control U+%04X in \"%s\"", cp, s);
		i += (size_t)len;
	}
}

static void
assert_activity_clean(const struct api_activity *act)
{
	size_t i, k;

	if (act->user != NULL) {
		assert_clean(act->user->username, 0);
		assert_clean(act->user->display_name, 0);
		assert_clean(act->user->email, 0);
	}
	for (i = 0; i < act->n_ideas; i++) {
		assert_clean(act->ideas[i].title, 0);
		assert_clean(act->ideas[i].moderation_reason, 1);
		assert_clean(act->ideas[i].created_at, 0);
	}
	for (i = 0; i < act->n_comments; i++) {
		assert_clean(act->comments[i].body, 1);
		assert_clean(act->comments[i].moderation_reason, 1);
		assert_clean(act->comments[i].created_at, 0);
	}
	for (i = 0; i < act->n_ballots; i++) {
		assert_clean(act->ballots[i].updated_at, 0);
		for (k = 0; act->ballots[i].choice_titles != NULL &&
		    k < act->ballots[i].n_choices; k++)
			assert_clean(act->ballots[i].choice_titles[k], 0);
	}
}

/* An export as the server sends it, with hostile text where a resident
 * (or a moderator) writes: terminal escapes, C1, bidi, bad UTF-8. */
static const char export_hostile[] =
    "{\"user\": {\"id\": 1, \"username\": \"demo\", "
    "\"display_name\": \"Demo\\u001b]0;pwned\\u0007-Konto\\u202e\", "
    "\"role\": \"citizen\", \"email\": \"demo@example.org\", \"status\": \"active\"},"
    " \"ideas\": ["
    "  {\"id\": 4, \"project_id\": 1, \"title\": \"Trink\\u009b2Jbrunnen\\u2066\", "
    "   \"author\": \"Demo-Konto\", \"created_at\": \"2026-11-27T06:32:13Z\", "
    "   \"status\": \"pending\", \"supports\": 0, \"comments\": 2, \"body\": \"x\"},"
    "  {\"id\": 9, \"project_id\": 2, \"title\": \"Zweite\\r\\nIdee\", "
    "   \"status\": \"rejected\", \"supports\": 5, "
    "   \"moderation_reason\": \"Doppelt:\\nsiehe \\u001b[31mIdee 4\\u200f\\u0085.\"}"
    " ],"
    " \"comments\": ["
    "  {\"id\": 11, \"idea_id\": 4, \"project_id\": 1, \"parent_id\": null, "
    "   \"author\": \"Demo-Konto\", \"body\": \"Erste Zeile\\nzweite\\u001bP1$r\\u001b\\\\ Zeile\\t!\", "
    "   \"created_at\": \"2026-11-27T07:00:00Z\", \"status\": \"pending\"},"
    "  {\"id\": 12, \"idea_id\": null, \"project_id\": 2, \"parent_id\": 3, "
    "   \"body\": \"Zum Projekt\", \"status\": \"hidden\", "
    "   \"moderation_reason\": \"Beleidigend\\u0000\\u061c\"}"
    " ],"
    " \"supports\": [{\"idea_id\": 2, \"created_at\": \"2026-11-27T06:00:00Z\"}],"
    " \"ballots\": [{\"poll_id\": 3, \"choices\": [12, 10, \"x\", 11], "
    "   \"updated_at\": \"2026-11-27T08:00:00Z\\u009c\", \"title\": \"not from here\"}],"
    " \"survey_responses\": [], \"reports\": [], \"sessions\": 1}";

/* --------------------------------------------------------- degenerate */

static void
test_api_activity_free_null(void **state)
{
	(void)state;
	api_activity_free(NULL);
}

static void
test_api_parse_activity_not_object(void **state)
{
	struct api_activity act;
	cJSON *j = cJSON_Parse("[{\"ideas\": []}]");

	(void)state;
	assert_int_equal(api_parse_activity(NULL, &act), -1);
	assert_int_equal(api_parse_activity(j, &act), -1);
	assert_null(act.ideas);
	assert_null(act.user);
	cJSON_Delete(j);
}

static void
test_api_parse_activity_empty(void **state)
{
	struct api_activity act;
	cJSON *j = cJSON_Parse("{}");

	(void)state;
	/* Lists an older server leaves out are empty, not an error. */
	assert_int_equal(api_parse_activity(j, &act), 0);
	assert_null(act.user);
	assert_int_equal(act.n_ideas, 0);
	assert_int_equal(act.n_comments, 0);
	assert_int_equal(act.n_ballots, 0);
	api_activity_clear(&act);
	cJSON_Delete(j);
}

static void
test_api_parse_activity_bad_item(void **state)
{
	struct api_activity act;
	cJSON *j = cJSON_Parse("{\"ideas\": [{\"id\": 1, \"title\": \"ok\"}, 7]}");

	(void)state;
	/* A list member that is no object is not the contract. */
	assert_int_equal(api_parse_activity(j, &act), -1);
	assert_null(act.ideas);
	assert_int_equal(act.n_ideas, 0);
	cJSON_Delete(j);
	j = cJSON_Parse("{\"comments\": \"none\", \"ballots\": null, \"ideas\": {}}");
	/* Lists of the wrong type count as missing. */
	assert_int_equal(api_parse_activity(j, &act), 0);
	assert_int_equal(act.n_comments + act.n_ballots + act.n_ideas, 0);
	api_activity_clear(&act);
	cJSON_Delete(j);
}

/* ----------------------------------------------------------- contents */

static void
test_api_parse_activity_ideas(void **state)
{
	struct api_activity act;
	cJSON *j = cJSON_Parse(export_hostile);

	(void)state;
	assert_non_null(j);
	assert_int_equal(api_parse_activity(j, &act), 0);
	assert_activity_clean(&act);
	assert_non_null(act.user);
	assert_int_equal(act.user->id, 1);
	assert_string_equal(act.user->display_name, "Demo-Konto");
	assert_int_equal(act.n_ideas, 2);
	assert_int_equal(act.ideas[0].id, 4);
	assert_int_equal(act.ideas[0].project_id, 1);
	assert_int_equal(act.ideas[0].comments, 2);
	assert_int_equal(act.ideas[0].status, API_STATUS_PENDING);
	assert_null(act.ideas[0].moderation_reason);
	/* The C1 CSI goes with its parameters, the isolate is dropped. */
	assert_string_equal(act.ideas[0].title, "Trinkbrunnen");
	/* A title is one line: the line break becomes a space. */
	assert_string_equal(act.ideas[1].title, "Zweite Idee");
	assert_int_equal(act.ideas[1].status, API_STATUS_REJECTED);
	assert_int_equal(act.ideas[1].supports, 5);
	/* A reason may have lines; escapes, marks and C1 go. */
	assert_string_equal(act.ideas[1].moderation_reason, "Doppelt:\nsiehe Idee 4.");
	/* Titles of projects are looked up later, never parsed from here. */
	assert_null(act.ideas[0].project_title);
	api_activity_clear(&act);
	cJSON_Delete(j);
}

static void
test_api_parse_activity_comments(void **state)
{
	struct api_activity act;
	cJSON *j = cJSON_Parse(export_hostile);

	(void)state;
	assert_int_equal(api_parse_activity(j, &act), 0);
	assert_int_equal(act.n_comments, 2);
	assert_int_equal(act.comments[0].id, 11);
	assert_int_equal(act.comments[0].idea_id, 4);
	assert_int_equal(act.comments[0].project_id, 1);
	assert_int_equal(act.comments[0].parent_id, 0);
	assert_int_equal(act.comments[0].status, API_STATUS_PENDING);
	/* The DCS is dropped up to its ST; TAB becomes a space. */
	assert_string_equal(act.comments[0].body, "Erste Zeile\nzweite Zeile !");
	assert_null(act.comments[0].moderation_reason);
	/* A project comment: no idea, a parent. */
	assert_int_equal(act.comments[1].idea_id, 0);
	assert_int_equal(act.comments[1].project_id, 2);
	assert_int_equal(act.comments[1].parent_id, 3);
	assert_int_equal(act.comments[1].status, API_STATUS_HIDDEN);
	/* cJSON ends the string at \u0000; the Arabic letter mark is dropped. */
	assert_string_equal(act.comments[1].moderation_reason, "Beleidigend");
	assert_null(act.comments[1].idea_title);
	assert_null(act.comments[1].project_title);
	api_activity_clear(&act);
	cJSON_Delete(j);
}

static void
test_api_parse_activity_ballots(void **state)
{
	struct api_activity act;
	cJSON *j = cJSON_Parse(export_hostile);

	(void)state;
	assert_int_equal(api_parse_activity(j, &act), 0);
	assert_int_equal(act.n_ballots, 1);
	assert_int_equal(act.ballots[0].poll_id, 3);
	/* Choices keep their order (ranking); what is no number is left out. */
	assert_int_equal(act.ballots[0].n_choices, 3);
	assert_int_equal(act.ballots[0].choices[0], 12);
	assert_int_equal(act.ballots[0].choices[1], 10);
	assert_int_equal(act.ballots[0].choices[2], 11);
	assert_string_equal(act.ballots[0].updated_at, "2026-11-27T08:00:00Z");
	/* The poll's title is looked up, not taken from the export. */
	assert_null(act.ballots[0].poll_title);
	assert_null(act.ballots[0].choice_titles);
	api_activity_clear(&act);
	assert_int_equal(act.n_ballots, 0);
	cJSON_Delete(j);
}

static void
test_api_parse_activity_invalid_utf8(void **state)
{
	struct api_activity act;
	/* Raw bytes that are not UTF-8 inside JSON strings: cJSON keeps them. */
	const char raw[] = "{\"ideas\":[{\"id\":1,\"title\":\"a\xff" "b\xc0\xaf" "c\","
	    "\"moderation_reason\":\"\xed\xa0\x80x\\n\xe2\x80\"}],"
	    "\"comments\":[{\"id\":2,\"body\":\"\xf8\x88\x80\x80\x80y\"}]}";
	cJSON *j = cJSON_Parse(raw);

	(void)state;
	assert_non_null(j);
	assert_int_equal(api_parse_activity(j, &act), 0);
	assert_activity_clean(&act);
	assert_non_null(strstr(act.ideas[0].title, "\xef\xbf\xbd"));	/* U+FFFD */
	assert_non_null(strstr(act.ideas[0].moderation_reason, "x\n"));
	assert_non_null(strstr(act.comments[0].body, "y"));
	api_activity_clear(&act);
	cJSON_Delete(j);
}

static void
test_api_parse_activity_huge_numbers(void **state)
{
	struct api_activity act;
	cJSON *j = cJSON_Parse("{\"ideas\":[{\"id\":1e99,\"project_id\":-1e300,"
	    "\"supports\":12345678901234567890123}],"
	    "\"ballots\":[{\"poll_id\":3,\"choices\":[1e40,7,-2e19]}]}");

	(void)state;
	/* Numbers no id can be are 0, not undefined behaviour (the fuzzer
	 * found the conversion). */
	assert_int_equal(api_parse_activity(j, &act), 0);
	assert_int_equal(act.ideas[0].id, 0);
	assert_int_equal(act.ideas[0].project_id, 0);
	assert_int_equal(act.ideas[0].supports, 0);
	assert_int_equal(act.ballots[0].n_choices, 3);
	assert_int_equal(act.ballots[0].choices[0], 0);
	assert_int_equal(act.ballots[0].choices[1], 7);
	assert_int_equal(act.ballots[0].choices[2], 0);
	assert_int_equal(api_num_ll(-12.9), -12);
	assert_int_equal(api_num_ll(NAN), 0);
	api_activity_clear(&act);
	cJSON_Delete(j);
}

/* Without a server the typed call fails as a network error, and leaves
 * nothing behind. */
static void
test_api_me_activity_no_server(void **state)
{
	struct api *a = api_new("http://127.0.0.1:9/api/v1");
	struct api_activity *act = (struct api_activity *)&act;

	(void)state;
	assert_non_null(a);
	api_set_timeouts(a, 2000, 4000);
	assert_int_equal(api_set_token(a, "t"), 0);
	assert_int_equal(api_me_activity(a, &act), -1);
	assert_null(act);
	assert_int_equal(api_error(a)->kind, API_ERR_NETWORK);
	api_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_api_activity_free_null),
		cmocka_unit_test(test_api_parse_activity_not_object),
		cmocka_unit_test(test_api_parse_activity_empty),
		cmocka_unit_test(test_api_parse_activity_bad_item),
		cmocka_unit_test(test_api_parse_activity_ideas),
		cmocka_unit_test(test_api_parse_activity_comments),
		cmocka_unit_test(test_api_parse_activity_ballots),
		cmocka_unit_test(test_api_parse_activity_invalid_utf8),
		cmocka_unit_test(test_api_parse_activity_huge_numbers),
		cmocka_unit_test(test_api_me_activity_no_server),
	};

	i18n_init("en");
	return cmocka_run_group_tests_name("api activity", tests, NULL, NULL) != 0;
}
