/* test_api_render.c — the JSON and CSV bodies: fields of every object,
 * private fields only for their owner, nulls, list envelopes, CSV rows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <cmocka.h>

#include "server/api/render.h"
#include "server/api/results.h"

/* Parses and frees s; the caller deletes the result. */
static cJSON *
parse(char *s)
{
	cJSON *j;

	assert_non_null(s);
	j = cJSON_Parse(s);
	assert_non_null(j);
	free(s);
	return j;
}

static void
has(const cJSON *o, const char *const *keys)
{
	for (; *keys != NULL; keys++)
		if (cJSON_GetObjectItemCaseSensitive(o, *keys) == NULL)
			fail_msg("missing field %s", *keys);
}

static void
test_render_error_shape(void **state)
{
	cJSON *j = parse(render_error("validation_failed", "Feld", "title")), *e;

	(void)state;
	e = cJSON_GetObjectItem(j, "error");
	assert_string_equal(cJSON_GetObjectItem(e, "code")->valuestring,
	    "validation_failed");
	assert_string_equal(cJSON_GetObjectItem(e, "field")->valuestring, "title");
	cJSON_Delete(j);
	j = parse(render_error("not_found", "Nicht gefunden.", NULL));
	assert_null(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "error"), "field"));
	cJSON_Delete(j);
}

static void
test_render_user_private_fields(void **state)
{
	static const char *const pub[] = { "id", "username", "display_name",
	    "role", "created_at", NULL };
	static const char *const own[] = { "email", "locale", "status", NULL };
	struct store_user u = { 7, "anna", NULL, "anna@example.org", "en",
	    STORE_ROLE_CITIZEN, STORE_USER_PENDING, 1648890000, NULL };
	cJSON *j;

	(void)state;
	j = parse(render_user(&u, 0));
	has(j, pub);
	assert_null(cJSON_GetObjectItem(j, "email"));
	assert_null(cJSON_GetObjectItem(j, "status"));
	/* No display name given: the username stands in. */
	assert_string_equal(cJSON_GetObjectItem(j, "display_name")->valuestring,
	    "anna");
	assert_string_equal(cJSON_GetObjectItem(j, "created_at")->valuestring,
	    "2022-04-02T09:00:00Z");
	cJSON_Delete(j);
	j = parse(render_user(&u, 1));
	has(j, own);
	assert_string_equal(cJSON_GetObjectItem(j, "status")->valuestring,
	    "pending");
	assert_null(cJSON_GetObjectItem(j, "pwhash"));
	cJSON_Delete(j);
}

static void
test_render_project_list_and_formats(void **state)
{
	static const char *const keys[] = { "id", "slug", "category", "title",
	    "summary", "status", "starts_at", "ends_at", "lang", "counts", NULL };
	struct store_project p;
	struct store_project_list l;
	struct store_format polls[1] = { { 3, "Wo?", STORE_POLL_SINGLE,
	    STORE_PHASE_OPEN } };
	struct store_formats f = { polls, 1, NULL, 0 };
	cJSON *j, *it, *fm;

	(void)state;
	memset(&p, 0, sizeof(p));
	p.id = 1;
	p.slug = "stadt-raum-wir";
	p.category = "smart-city";
	p.title = "Stadt.Raum.Wir.";
	p.summary = "Treffpunkte";
	p.description = "Eins.\n\nZwei.";
	snprintf(p.lang, sizeof(p.lang), "de");
	p.status = STORE_PHASE_OPEN;
	p.starts_at = 1648890000;
	p.ideas_open = 1;
	l.items = &p;
	l.n = 1;
	l.next = NULL;
	l.total = 1;
	j = parse(render_project_list(&l));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(j, "next")));
	assert_int_equal(cJSON_GetObjectItem(j, "total")->valueint, 1);
	it = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "items"), 0);
	has(it, keys);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(it, "ends_at")));
	assert_null(cJSON_GetObjectItem(it, "description"));
	cJSON_Delete(j);
	j = parse(render_project(&p, &f));
	assert_string_equal(cJSON_GetObjectItem(j, "description")->valuestring,
	    "Eins.\n\nZwei.");
	fm = cJSON_GetObjectItem(j, "formats");
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(cJSON_GetObjectItem(fm,
	    "ideas"), "open")));
	it = cJSON_GetArrayItem(cJSON_GetObjectItem(fm, "polls"), 0);
	assert_string_equal(cJSON_GetObjectItem(it, "kind")->valuestring, "single");
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItem(fm, "surveys")), 0);
	cJSON_Delete(j);
	/* A closed project takes no ideas, whatever its board says. */
	p.status = STORE_PHASE_CLOSED;
	j = parse(render_project(&p, NULL));
	fm = cJSON_GetObjectItem(j, "formats");
	assert_true(cJSON_IsFalse(cJSON_GetObjectItem(cJSON_GetObjectItem(fm,
	    "ideas"), "open")));
	cJSON_Delete(j);
}

static void
test_render_idea_viewer_fields(void **state)
{
	struct store_idea i;
	struct render_viewer anon = { 0, 0 }, author = { 5, STORE_ROLE_CITIZEN },
	    other = { 6, STORE_ROLE_CITIZEN };
	cJSON *j;

	(void)state;
	memset(&i, 0, sizeof(i));
	i.id = 2;
	i.project_id = 1;
	i.author_id = 5;
	i.author = NULL;	/* a deleted account */
	i.title = "Skaterampe";
	i.body = "Eine Rampe für alle.";
	i.status = STORE_POST_REJECTED;
	i.moderation_reason = "Doppelt";
	j = parse(render_idea(&i, &anon, 0));
	assert_null(cJSON_GetObjectItem(j, "supported_by_me"));
	assert_null(cJSON_GetObjectItem(j, "body"));
	assert_null(cJSON_GetObjectItem(j, "moderation_reason"));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(j, "author")));
	cJSON_Delete(j);
	j = parse(render_idea(&i, &other, 1));
	assert_non_null(cJSON_GetObjectItem(j, "supported_by_me"));
	assert_non_null(cJSON_GetObjectItem(j, "body"));
	assert_null(cJSON_GetObjectItem(j, "moderation_reason"));
	cJSON_Delete(j);
	j = parse(render_idea(&i, &author, 1));
	assert_string_equal(cJSON_GetObjectItem(j, "moderation_reason")->valuestring,
	    "Doppelt");
	assert_string_equal(cJSON_GetObjectItem(j, "status")->valuestring,
	    "rejected");
	cJSON_Delete(j);
}

static void
test_render_poll_options_and_ballot(void **state)
{
	struct store_option o[2];
	struct store_poll p;
	int64_t mine[1] = { 11 };
	cJSON *j, *x;

	(void)state;
	memset(o, 0, sizeof(o));
	memset(&p, 0, sizeof(p));
	o[0].id = 10;
	o[0].title = "Marktplatz";
	o[0].description = "Am Brunnen, ebenerdig";
	o[0].has_location = 1;
	o[0].address = "Marktplatz 1";
	o[0].lat = 49.44;
	o[0].lon = 7.77;
	o[1].id = 11;
	o[1].title = "Rathaus";
	p.id = 3;
	p.kind = STORE_POLL_SINGLE;
	p.max_choices = 1;
	p.status = STORE_PHASE_OPEN;
	p.options = o;
	p.n_options = 2;
	j = parse(render_poll(&p, NULL));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(j, "my_ballot")));
	x = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "options"), 0);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(x, "location"),
	    "address")->valuestring, "Marktplatz 1");
	x = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "options"), 1);
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(x, "location")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(x, "description")));
	cJSON_Delete(j);
	p.has_my_ballot = 1;
	p.my_ballot = mine;
	p.n_my_ballot = 1;
	j = parse(render_poll(&p, NULL));
	x = cJSON_GetObjectItem(j, "my_ballot");
	assert_int_equal(cJSON_GetArraySize(x), 1);
	assert_int_equal(cJSON_GetArrayItem(x, 0)->valueint, 11);
	cJSON_Delete(j);
	j = parse(render_ballot(3, mine, 1, 1648890000));
	assert_int_equal(cJSON_GetObjectItem(j, "poll_id")->valueint, 3);
	assert_string_equal(cJSON_GetObjectItem(j, "updated_at")->valuestring,
	    "2022-04-02T09:00:00Z");
	cJSON_Delete(j);
}

static void
test_render_results_points_only_for_ranking(void **state)
{
	struct results_option o[1] = { { 10, "A", 2, 1, 3, 3, 1.0, 1 } };
	struct results r = { 3, STORE_POLL_SINGLE, 1, 2, 1, 3, o, 1, 0, 0, 0 };
	cJSON *j, *x;
	char *csv;

	(void)state;
	j = parse(render_results(&r));
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(j, "final")));
	assert_int_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "ballots"),
	    "total")->valueint, 3);
	x = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "options"), 0);
	assert_null(cJSON_GetObjectItem(x, "points"));
	assert_int_equal(cJSON_GetObjectItem(x, "rank")->valueint, 1);
	cJSON_Delete(j);
	r.kind = STORE_POLL_RANKING;
	j = parse(render_results(&r));
	x = cJSON_GetArrayItem(cJSON_GetObjectItem(j, "options"), 0);
	assert_int_equal(cJSON_GetObjectItem(x, "points")->valueint, 3);
	cJSON_Delete(j);
	o[0].title = "Crossboule, \"mit\" Käse";
	csv = render_results_csv(&r);
	assert_non_null(csv);
	assert_string_equal(csv,
	    "option_id,title,online,analog,total,share,points,rank\r\n"
	    "10,\"Crossboule, \"\"mit\"\" Käse\",2,1,3,1.0000,3,1\r\n"
	    "ballots,,2,1,3,,,\r\n"
	    "invalid,,0,0,0,,,\r\n");
	free(csv);
}

static void
test_render_responses_csv_one_row_each(void **state)
{
	struct store_qoption qo[2] = { { 1, "Oft" }, { 2, "Selten" } };
	struct store_question q[2];
	struct store_survey s;
	int64_t ch[1] = { 2 };
	struct store_answer a[2], b[1];
	struct store_response rs[2];
	char *csv;

	(void)state;
	memset(q, 0, sizeof(q));
	memset(&s, 0, sizeof(s));
	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	memset(rs, 0, sizeof(rs));
	q[0].id = 5;
	q[0].kind = STORE_Q_SINGLE;
	q[0].text = "Wie oft?";
	q[0].options = qo;
	q[0].n_options = 2;
	q[1].id = 6;
	q[1].kind = STORE_Q_TEXT;
	q[1].text = "Was noch?";
	s.questions = q;
	s.n_questions = 2;
	a[0].question_id = 5;
	a[0].choices = ch;
	a[0].n_choices = 1;
	a[1].question_id = 6;
	a[1].text = "Mehr Schatten,\nbitte";
	b[0].question_id = 6;
	b[0].text = "Bänke";
	rs[0].updated_at = 1648890000;
	rs[0].answers = a;
	rs[0].n_answers = 2;
	rs[1].updated_at = 1648890000;
	rs[1].answers = b;
	rs[1].n_answers = 1;
	csv = render_responses_csv(&s, rs, 2);
	assert_non_null(csv);
	assert_string_equal(csv,
	    "response,updated_at,Wie oft?,Was noch?\r\n"
	    "1,2022-04-02T09:00:00Z,Selten,\"Mehr Schatten,\nbitte\"\r\n"
	    "2,2022-04-02T09:00:00Z,,Bänke\r\n");
	free(csv);
	csv = render_responses_csv(&s, NULL, 0);
	assert_string_equal(csv, "response,updated_at,Wie oft?,Was noch?\r\n");
	free(csv);
}

static void
test_render_csv_field_formula_neutralised(void **state)
{
	static const char *const in[] = { "=1+1", "+1", "-2", "@SUM(A1)",
	    "\tx", "\rx", "=cmd|' /C calc'!A0", "a=1", " =1", "", NULL };
	static const char *const want[] = { "\"'=1+1\"", "\"'+1\"", "\"'-2\"",
	    "\"'@SUM(A1)\"", "\"'\tx\"", "\"'\rx\"",
	    "\"'=cmd|' /C calc'!A0\"", "a=1", " =1", "", "" };
	char *buf;
	size_t len, cap, i;

	(void)state;
	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		buf = NULL;
		len = cap = 0;
		assert_int_equal(render_csv_field(&buf, &len, &cap, in[i]), 0);
		assert_string_equal(buf, want[i]);
		free(buf);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_render_error_shape),
		cmocka_unit_test(test_render_user_private_fields),
		cmocka_unit_test(test_render_project_list_and_formats),
		cmocka_unit_test(test_render_idea_viewer_fields),
		cmocka_unit_test(test_render_poll_options_and_ballot),
		cmocka_unit_test(test_render_results_points_only_for_ranking),
		cmocka_unit_test(test_render_responses_csv_one_row_each),
		cmocka_unit_test(test_render_csv_field_formula_neutralised),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
