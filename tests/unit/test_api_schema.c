/* test_api_schema.c — schema versions: in-place upgrade of an old file with data, refusal of a newer one. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "server/api/results.h"
#include "server/api/store.h"
#include "server/api/store_int.h"

#define NOW	1800000000LL

struct fx {
	char	dir[64];
	char	path[128];
};

static int
fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/mw-schema-XXXXXX");
	if (mkdtemp(f->dir) == NULL) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/old.db", f->dir);
	*state = f;
	return 0;
}

static int
fx_teardown(void **state)
{
	struct fx *f = *state;
	char p[160];

	snprintf(p, sizeof(p), "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", f->path);
	unlink(p);
	unlink(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* Runs SQL on a raw connection, failing the test on error. */
static void
raw_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "sql: %s\n", msg);
		sqlite3_free(msg);
		fail();
	}
}

static int
raw_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *q = NULL;
	int v = -1;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &q, NULL), SQLITE_OK);
	if (sqlite3_step(q) == SQLITE_ROW)
		v = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	return v;
}

/* Data as a version 1 program wrote it (before the audit log and the
 * support counter existed). */
static const char v1_rows[] =
	"INSERT INTO account(id, username, email, display_name, role, status,"
	" pwhash, created_at) VALUES"
	" (1, 'anna', 'anna@example.org', 'Anna', 1, 2, '$x', 1700000000),"
	" (2, 'bert', 'bert@example.org', 'Bert', 2, 2, '$y', 1700000000);"
	"INSERT INTO project(id, slug, category, status, starts_at, ends_at,"
	" ideas_open, created_at) VALUES"
	" (1, 'alt', 'smart-city', 2, 1700000000, 0, 1, 1700000000);"
	"INSERT INTO project_tr VALUES (1, 'de', 'Altes Projekt', 'Kurz', 'Lang'),"
	" (1, 'en', 'Old project', NULL, NULL);"
	"INSERT INTO idea(id, project_id, author_id, title, body, status,"
	" created_at) VALUES (1, 1, 1, 'Idee', 'Eine alte Idee', 2, 1700000100);"
	"INSERT INTO support VALUES (1, 1, 1700000200), (1, 2, 1700000300);"
	"INSERT INTO comment(id, project_id, idea_id, author_id, body, status,"
	" created_at) VALUES (1, 1, 1, 2, 'Kommentar', 2, 1700000400);"
	"INSERT INTO poll VALUES (1, 1, 1, 1, 1700000000, 1900000000, 1,"
	" 1700000000);"
	"INSERT INTO poll_tr VALUES (1, 'de', 'Frage', 'Was?');"
	"INSERT INTO poll_option VALUES (1, 1, 0, NULL, NULL, NULL),"
	" (2, 1, 1, 'Stiftsplatz', 49.44, 7.76);"
	"INSERT INTO option_tr VALUES (1, 'de', 'Eins', NULL),"
	" (2, 'de', 'Zwei', 'Am Platz');"
	"INSERT INTO ballot VALUES (1, 1, 1, 1700000500), (2, 1, 2, 1700000600);"
	"INSERT INTO ballot_choice VALUES (1, 0, 1, 2), (2, 0, 1, 2);";

static void
make_v1(const char *path, int with_rows)
{
	sqlite3 *db = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	raw_exec(db, "PRAGMA journal_mode=WAL");
	raw_exec(db, "BEGIN");
	raw_exec(db, store_schema_step(1));
	raw_exec(db, "PRAGMA user_version = 1");
	if (with_rows)
		raw_exec(db, v1_rows);
	raw_exec(db, "COMMIT");
	sqlite3_close(db);
}

static void
test_store_schema_step_bounds(void **state)
{
	(void)state;
	assert_null(store_schema_step(0));
	assert_non_null(store_schema_step(1));
	assert_non_null(store_schema_step(STORE_SCHEMA_VERSION));
	assert_null(store_schema_step(STORE_SCHEMA_VERSION + 1));
}

static void
test_store_open_fresh_file(void **state)
{
	struct fx *f = *state;
	struct store *s = NULL;
	sqlite3 *db = NULL;
	char err[256];
	int v = 0;

	assert_int_equal(store_open(f->path, &s, err, sizeof(err)), 0);
	assert_int_equal(store_schema_version(s, &v), 0);
	assert_int_equal(v, STORE_SCHEMA_VERSION);
	store_close(s);
	/* Opening again changes nothing. */
	assert_int_equal(store_open(f->path, &s, err, sizeof(err)), 0);
	store_close(s);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(raw_int(db, "SELECT journal_mode = 'wal' FROM"
	    " pragma_journal_mode"), 1);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM meta_version"), 3);
	sqlite3_close(db);
}

static void
test_store_open_upgrades_v1_with_data(void **state)
{
	struct fx *f = *state;
	struct store *s = NULL;
	struct store_user *u = NULL;
	struct store_project *p = NULL;
	struct store_idea *i = NULL;
	struct store_comment_list cl;
	struct store_poll *pl = NULL;
	struct store_audit_list al;
	struct results *r = NULL;
	char err[256];
	int v = 0;

	make_v1(f->path, 1);
	assert_int_equal(store_open(f->path, &s, err, sizeof(err)), 0);
	assert_int_equal(store_schema_version(s, &v), 0);
	assert_int_equal(v, STORE_SCHEMA_VERSION);

	assert_int_equal(store_user_find_login(s, "anna", &u), 0);
	assert_string_equal(u->pwhash, "$x");
	store_user_free(u);
	assert_int_equal(store_project_get(s, 0, "alt", "en", &p), 0);
	assert_string_equal(p->title, "Old project");
	assert_string_equal(p->summary, "Kurz");
	assert_int_equal(p->n_ideas, 1);
	assert_int_equal(p->n_comments, 1);
	assert_int_equal(p->n_participants, 2);
	store_project_free(p);
	/* v2 filled the new support counter from the stored supports. */
	assert_int_equal(store_idea_get(s, 1, 2, &i), 0);
	assert_int_equal(i->supports, 2);
	assert_int_equal(i->supported_by_me, 1);
	assert_string_equal(i->author, "Anna");
	store_idea_free(i);
	assert_int_equal(store_comment_list(s, 1, 0, 0, 0, 10, NULL, &cl), 0);
	assert_int_equal(cl.n, 1);
	assert_string_equal(cl.items[0].body, "Kommentar");
	store_comment_list_free(&cl);
	assert_int_equal(store_poll_get(s, 1, "de", 1, NOW, &pl), 0);
	assert_int_equal(pl->n_options, 2);
	assert_string_equal(pl->options[1].address, "Stiftsplatz");
	assert_int_equal(pl->n_my_ballot, 1);
	store_poll_free(pl);
	assert_int_equal(store_poll_results(s, 1, "de", NOW, &r), 0);
	assert_int_equal(r->ballots_online, 2);
	assert_int_equal(r->options[0].id, 2);
	assert_int_equal(r->options[0].total, 2);
	results_free(r);
	/* The v2 audit log works, and new writes work on the old data. */
	assert_int_equal(store_moderate(s, STORE_TARGET_IDEA, 1, STORE_MOD_HIDE,
	    "alt", 2, NOW), 0);
	assert_int_equal(store_audit_list(s, 10, NULL, &al), 0);
	assert_int_equal(al.n, 1);
	store_audit_list_free(&al);
	assert_int_equal(store_support_set(s, 1, 1, 0, NOW, NULL),
	    STORE_ENOTFOUND);	/* hidden now */
	store_close(s);
}

/* A file at version 2 (v1 + v2 steps) gets the v3 counters filled from
 * the ballots and supports already stored. */
static void
test_store_open_upgrades_v2_counters(void **state)
{
	struct fx *f = *state;
	struct store *s = NULL;
	struct store_project *p = NULL;
	struct results *r = NULL;
	sqlite3 *db = NULL;
	char err[256];
	int64_t opt = 1;

	make_v1(f->path, 1);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	raw_exec(db, "BEGIN");
	raw_exec(db, store_schema_step(2));
	raw_exec(db, "PRAGMA user_version = 2; COMMIT");
	sqlite3_close(db);
	assert_int_equal(store_open(f->path, &s, err, sizeof(err)), 0);
	assert_int_equal(store_project_get(s, 1, NULL, "de", &p), 0);
	assert_int_equal(p->n_participants, 2);
	store_project_free(p);
	/* Counters continue from the filled values. */
	assert_int_equal(store_ballot_put(s, 1, 1, &opt, 1, NOW, NULL), 0);
	assert_int_equal(store_poll_results(s, 1, "de", NOW, &r), 0);
	assert_int_equal(r->ballots_online, 2);
	assert_int_equal(r->options[0].id, 1);
	assert_int_equal(r->options[0].total, 1);
	assert_int_equal(r->options[1].total, 1);
	assert_int_equal(r->options[0].rank, 1);
	assert_int_equal(r->options[1].rank, 1);
	results_free(r);
	assert_int_equal(store_ballot_delete(s, 1, 2, NOW), 0);
	assert_int_equal(store_poll_results(s, 1, "de", NOW, &r), 0);
	assert_int_equal(r->ballots_online, 1);
	assert_int_equal(r->options[0].id, 1);
	assert_int_equal(r->options[1].total, 0);
	results_free(r);
	store_close(s);
}

/* Paper tallies of a version 3 file become one keying each (schema 5):
 * a single-choice tally gets the sum of its counts as its ballots, a
 * ranking tally stays points. */
static void
test_store_open_upgrades_v3_tallies(void **state)
{
	struct fx *f = *state;
	struct store *s = NULL;
	struct store_tally_list *l = NULL;
	struct results *r = NULL;
	sqlite3 *db = NULL;
	char err[256];

	make_v1(f->path, 1);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	raw_exec(db, "BEGIN");
	raw_exec(db, store_schema_step(2));
	raw_exec(db, store_schema_step(3));
	raw_exec(db,
	    "INSERT INTO poll VALUES (2, 1, 3, 2, 1700000000, 1900000000, 1,"
	    " 1700000000, 0);"
	    "INSERT INTO poll_tr VALUES (2, 'de', 'Rang', 'Was zuerst?');"
	    "INSERT INTO poll_option VALUES (3, 2, 0, NULL, NULL, NULL),"
	    " (4, 2, 1, NULL, NULL, NULL);"
	    "INSERT INTO option_tr VALUES (3, 'de', 'Drei', NULL),"
	    " (4, 'de', 'Vier', NULL);"
	    "INSERT INTO analog_tally(id, poll_id, source, ballots, actor_id,"
	    " created_at) VALUES (1, 1, 'Stand', NULL, 2, 1700000700),"
	    " (2, 2, 'Stand Rang', NULL, 2, 1700000800);"
	    "INSERT INTO analog_count VALUES (1, 1, 3), (1, 2, 4), (2, 3, 5);");
	raw_exec(db, "PRAGMA user_version = 3; COMMIT");
	sqlite3_close(db);
	assert_int_equal(store_open(f->path, &s, err, sizeof(err)), 0);
	assert_int_equal(store_tally_list(s, 1, 0, &l), 0);
	assert_int_equal(l->n, 1);
	assert_int_equal(l->items[0].state, STORE_TALLY_COUNTED);
	assert_int_equal(l->items[0].n_entries, 1);
	assert_int_equal(l->items[0].entry[0].ballots, 7);
	assert_int_equal(l->items[0].entry[0].keyer_id, 2);
	assert_int_equal(l->items[0].entry[0].n_lines, 2);
	store_tally_list_free(l);
	assert_int_equal(store_poll_results(s, 1, "de", NOW, &r), 0);
	assert_int_equal(r->ballots_online, 2);
	assert_int_equal(r->ballots_analog, 7);
	assert_int_equal(r->options[0].id, 2);
	assert_int_equal(r->options[0].analog, 4);
	results_free(r);
	/* The old ranking tally's counts were points: 5 points, ceil(5 / 3)
	 * ballots. */
	assert_int_equal(store_poll_results(s, 2, "de", NOW, &r), 0);
	assert_int_equal(r->ballots_analog, 2);
	assert_int_equal(r->options[0].id, 3);
	assert_int_equal(r->options[0].points, 5);
	results_free(r);
	store_close(s);
}

static void
test_store_open_refuses_newer(void **state)
{
	struct fx *f = *state;
	struct store *s = NULL;
	sqlite3 *db = NULL;
	char err[256], want[64];

	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	raw_exec(db, "CREATE TABLE future(x); PRAGMA user_version = 99");
	sqlite3_close(db);
	assert_int_equal(store_open(f->path, &s, err, sizeof(err)),
	    STORE_ESCHEMA);
	assert_null(s);
	assert_non_null(strstr(err, "99"));
	snprintf(want, sizeof(want), "version %d", STORE_SCHEMA_VERSION);
	assert_non_null(strstr(err, want));
	/* The file is untouched. */
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(raw_int(db, "PRAGMA user_version"), 99);
	assert_int_equal(raw_int(db, "SELECT journal_mode = 'delete' FROM"
	    " pragma_journal_mode"), 1);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master"
	    " WHERE name = 'account'"), 0);
	sqlite3_close(db);
}

/* A step that fails leaves the file exactly as it was: one transaction. */
static void
test_store_open_failed_upgrade_rolls_back(void **state)
{
	struct fx *f = *state;
	struct store *s = NULL;
	sqlite3 *db = NULL;
	char err[256];

	make_v1(f->path, 1);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	/* Something in the way of step 2. */
	raw_exec(db, "CREATE TABLE audit(x)");
	sqlite3_close(db);
	assert_int_equal(store_open(f->path, &s, err, sizeof(err)),
	    STORE_ESCHEMA);
	assert_null(s);
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(raw_int(db, "PRAGMA user_version"), 1);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM support"), 2);
	assert_int_equal(raw_int(db, "SELECT count(*) FROM pragma_table_info("
	    "'idea') WHERE name = 'supports'"), 0);
	sqlite3_close(db);
}

static void
test_store_open_not_a_database(void **state)
{
	struct fx *f = *state;
	struct store *s = NULL;
	FILE *fp;
	char err[256];

	assert_non_null(fp = fopen(f->path, "w"));
	fputs("this is not an SQLite file, just text that is long enough to "
	    "fill a header of one hundred bytes or so, really it is.\n", fp);
	fclose(fp);
	assert_int_equal(store_open(f->path, &s, err, sizeof(err)),
	    STORE_ESCHEMA);
	assert_null(s);
	assert_true(strlen(err) > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_store_schema_step_bounds),
		cmocka_unit_test_setup_teardown(test_store_open_fresh_file,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_open_upgrades_v1_with_data, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_open_upgrades_v2_counters, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_store_open_upgrades_v3_tallies,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(test_store_open_refuses_newer,
		    fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_open_failed_upgrade_rolls_back, fx_setup,
		    fx_teardown),
		cmocka_unit_test_setup_teardown(test_store_open_not_a_database,
		    fx_setup, fx_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
