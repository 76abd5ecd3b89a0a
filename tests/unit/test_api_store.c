/* test_api_store.c — the SQLite store against real temporary database files. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "server/api/pwhash.h"
#include "server/api/results.h"
#include "server/api/store.h"

#define NOW	1800000000LL	/* 2027-01-15 */
#define DAY	86400
#define T(de, en) ((struct store_trs){ (const struct store_tr[]){ \
	{ "de", (de) }, { "en", (en) } }, 2 })
#define TDE(de) ((struct store_trs){ (const struct store_tr[]){ \
	{ "de", (de) } }, 1 })

struct fx {
	char		 dir[64];
	char		 path[128];
	struct store	*s;
};

static int
fx_setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	char err[256];

	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/mw-store-XXXXXX");
	if (mkdtemp(f->dir) == NULL) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/t.db", f->dir);
	if (store_open(f->path, &f->s, err, sizeof(err)) != 0) {
		fprintf(stderr, "open: %s\n", err);
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

static int
fx_teardown(void **state)
{
	struct fx *f = *state;
	char p[160];

	store_close(f->s);
	snprintf(p, sizeof(p), "%s-wal", f->path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", f->path);
	unlink(p);
	unlink(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

static int64_t
mkuser(struct store *s, const char *name, int role)
{
	struct store_user_new u;
	char email[96], hash[PWHASH_STRBYTES];
	int64_t id = 0;

	snprintf(email, sizeof(email), "%s@example.org", name);
	assert_int_equal(pwhash_hash("geheim123", 9, hash), 0);
	memset(&u, 0, sizeof(u));
	u.username = name;
	u.email = email;
	u.role = role;
	u.status = STORE_USER_ACTIVE;
	u.pwhash = hash;
	assert_int_equal(store_user_create(s, &u, NOW, &id, NULL), 0);
	assert_true(id > 0);
	return id;
}

static int64_t
mkproject(struct store *s, const char *slug, int status, int64_t starts)
{
	struct store_project_new p;
	int64_t id = 0;

	memset(&p, 0, sizeof(p));
	p.slug = slug;
	p.category = "smart-city";
	p.title = T("Titel", "Title");
	p.summary = T("Kurz", "Short");
	p.description = TDE("Lang\n\nAbsatz");
	p.status = status;
	p.starts_at = starts;
	p.ideas_open = 1;
	assert_int_equal(store_project_create(s, &p, NOW, 0, &id), 0);
	return id;
}

/* A poll open around NOW with n options; option ids into opt. */
static int64_t
mkpoll(struct store *s, int64_t project, int kind, int max, size_t n,
    int64_t *opt)
{
	struct store_option_new o[8];
	struct store_poll_new p;
	struct store_poll *pl = NULL;
	int64_t id = 0;
	size_t i;

	/* Compound literals live to the end of their block: make them here,
	 * not inside the loop. */
	const struct store_trs title = T("Option", "Option");
	const struct store_trs desc = TDE("Beschreibung");

	memset(o, 0, sizeof(o));
	for (i = 0; i < n; i++) {
		o[i].title = title;
		o[i].description = desc;
	}
	o[0].address = "Stiftsplatz, 67655 Kaiserslautern";
	o[0].lat = 49.4446;
	o[0].lon = 7.7689;
	memset(&p, 0, sizeof(p));
	p.title = T("Frage?", "Question?");
	p.question = TDE("Bitte wählen");
	p.kind = kind;
	p.max_choices = max;
	p.opens_at = NOW - DAY;
	p.closes_at = NOW + DAY;
	p.results_visible = 1;
	p.options = o;
	p.n_options = n;
	assert_int_equal(store_poll_create(s, project, &p, NOW, 0, &id), 0);
	assert_int_equal(store_poll_get(s, id, "de", 0, NOW, &pl), 0);
	for (i = 0; i < n; i++)
		opt[i] = pl->options[i].id;
	store_poll_free(pl);
	return id;
}

static int64_t
mkidea(struct store *s, int64_t project, int64_t author, int publish)
{
	int64_t id = 0;

	assert_int_equal(store_idea_create(s, project, author, "Eine Idee",
	    "Eine Idee mit genug Text.", NOW, &id), 0);
	if (publish)
		assert_int_equal(store_moderate(s, STORE_TARGET_IDEA, id,
		    STORE_MOD_APPROVE, NULL, 0, NOW), 0);
	return id;
}

/* --- Basics ------------------------------------------------------------ */

static void
test_store_open_null(void **state)
{
	struct store *s = (struct store *)1;
	char err[128];

	(void)state;
	store_close(NULL);
	assert_int_equal(store_open(NULL, &s, err, sizeof(err)), STORE_EINVALID);
	assert_null(s);
	assert_int_equal(store_open("/nonexistent-dir/x/y.db", &s, err,
	    sizeof(err)), STORE_EIO);
	assert_null(s);
	assert_true(strlen(err) > 0);
	assert_string_equal(store_err_str(STORE_ENOTFOUND), "not found");
	assert_string_equal(store_err_str(STORE_ESCHEMA),
	    "unsupported database schema");
	assert_string_equal(store_err_str(12345), "unknown error");
	assert_string_equal(store_role_name(STORE_ROLE_STAFF), "staff");
	assert_int_equal(store_role_parse("moderator"), STORE_ROLE_MODERATOR);
	assert_int_equal(store_role_parse("root"), 0);
	assert_null(store_phase_name(0));
	assert_int_equal(store_poll_kind_parse("ranking"), STORE_POLL_RANKING);
	store_user_free(NULL);
	store_project_free(NULL);
	store_poll_free(NULL);
	store_survey_free(NULL);
	store_export_free(NULL);
	store_formats_free(NULL);
	store_idea_list_free(NULL);
}

static void
test_store_open_pragmas(void **state)
{
	struct fx *f = *state;
	int v = 0;

	assert_int_equal(store_schema_version(f->s, &v), 0);
	assert_int_equal(v, STORE_SCHEMA_VERSION);
}

static void
test_store_data_version_bumps(void **state)
{
	struct fx *f = *state;
	uint64_t v0, v1, c0, c1, u0, u1;

	assert_int_equal(store_data_version(f->s, STORE_AREA_ALL, &v0), 0);
	assert_int_equal(store_data_version(f->s, STORE_AREA_CONTENT, &c0), 0);
	assert_int_equal(store_data_version(f->s, STORE_AREA_USERS, &u0), 0);
	mkuser(f->s, "anna", STORE_ROLE_CITIZEN);
	assert_int_equal(store_data_version(f->s, STORE_AREA_ALL, &v1), 0);
	assert_int_equal(store_data_version(f->s, STORE_AREA_CONTENT, &c1), 0);
	assert_int_equal(store_data_version(f->s, STORE_AREA_USERS, &u1), 0);
	assert_true(v1 > v0);
	assert_true(u1 > u0);
	assert_true(c1 == c0);
	mkproject(f->s, "p", STORE_PHASE_OPEN, NOW);
	assert_int_equal(store_data_version(f->s, STORE_AREA_CONTENT, &c0), 0);
	assert_true(c0 > c1);
	/* Reads do not change it. */
	assert_int_equal(store_data_version(f->s, STORE_AREA_ALL, &v0), 0);
	assert_int_equal(store_data_version(f->s, STORE_AREA_ALL, &v1), 0);
	assert_true(v0 == v1);
}

/* --- Password and token hashes ----------------------------------------- */

static void
test_pwhash_roundtrip(void **state)
{
	char h[PWHASH_STRBYTES], h2[PWHASH_STRBYTES];
	unsigned char t1[PWHASH_TOKEN_BYTES], t2[PWHASH_TOKEN_BYTES];
	const char *dummy;

	(void)state;
	assert_int_equal(pwhash_hash("demo-passwort", 13, h), 0);
	assert_int_equal(strncmp(h, "$argon2id$", 10), 0);
	assert_int_equal(pwhash_hash("demo-passwort", 13, h2), 0);
	assert_string_not_equal(h, h2);	/* salted */
	assert_int_equal(pwhash_verify(h, "demo-passwort", 13), 0);
	assert_int_equal(pwhash_verify(h, "demo-passwort", 12), -1);
	assert_int_equal(pwhash_verify(h, "demo-passworT", 13), -1);
	assert_int_equal(pwhash_verify(NULL, "x", 1), -1);
	assert_int_equal(pwhash_verify("garbage", "x", 1), -1);
	assert_int_equal(pwhash_hash(NULL, 0, h), -1);
	dummy = pwhash_dummy();
	assert_true(strlen(dummy) > 10);
	assert_ptr_equal(dummy, pwhash_dummy());
	assert_int_equal(pwhash_verify(dummy, "demo-passwort", 13), -1);
	pwhash_token_hash("abc", 3, t1);
	pwhash_token_hash("abc", 3, t2);
	assert_memory_equal(t1, t2, sizeof(t1));
	pwhash_token_hash("abd", 3, t2);
	assert_memory_not_equal(t1, t2, sizeof(t1));
}

/* --- Users, sessions, tokens ------------------------------------------ */

static void
test_store_user_create_conflict(void **state)
{
	struct fx *f = *state;
	struct store_user_new u;
	struct store_user *got = NULL;
	const char *field = NULL;
	int64_t id = 0, id2 = 0;

	memset(&u, 0, sizeof(u));
	u.username = "Anna";
	u.email = "anna@example.org";
	u.role = STORE_ROLE_CITIZEN;
	u.status = STORE_USER_PENDING;
	u.pwhash = "$argon2id$fake";
	assert_int_equal(store_user_create(f->s, &u, NOW, &id, &field), 0);
	assert_null(field);
	u.username = "anna";	/* case-insensitive */
	u.email = "other@example.org";
	assert_int_equal(store_user_create(f->s, &u, NOW, &id2, &field),
	    STORE_ECONFLICT);
	assert_string_equal(field, "username");
	assert_int_equal(id2, 0);
	u.username = "bert";
	u.email = "ANNA@example.org";
	assert_int_equal(store_user_create(f->s, &u, NOW, &id2, &field),
	    STORE_ECONFLICT);
	assert_string_equal(field, "email");
	u.role = 99;
	assert_int_equal(store_user_create(f->s, &u, NOW, &id2, NULL),
	    STORE_EINVALID);

	assert_int_equal(store_user_get(f->s, id, &got), 0);
	assert_string_equal(got->username, "Anna");
	assert_string_equal(got->display_name, "Anna");	/* default */
	assert_string_equal(got->locale, "de");
	assert_int_equal(got->status, STORE_USER_PENDING);
	assert_null(got->pwhash);
	store_user_free(got);
	assert_int_equal(store_user_get(f->s, id + 100, &got), STORE_ENOTFOUND);
	assert_null(got);
}

static void
test_store_user_find_login(void **state)
{
	struct fx *f = *state;
	struct store_user *u = NULL;
	int64_t id = mkuser(f->s, "bert", STORE_ROLE_MODERATOR);

	assert_int_equal(store_user_find_login(f->s, "BERT", &u), 0);
	assert_int_equal(u->id, id);
	assert_non_null(u->pwhash);
	assert_int_equal(pwhash_verify(u->pwhash, "geheim123", 9), 0);
	assert_int_equal(pwhash_verify(u->pwhash, "geheim124", 9), -1);
	store_user_free(u);
	assert_int_equal(store_user_find_login(f->s, "bert@example.org", &u), 0);
	assert_int_equal(u->role, STORE_ROLE_MODERATOR);
	store_user_free(u);
	assert_int_equal(store_user_find_login(f->s, "nobody", &u),
	    STORE_ENOTFOUND);
	assert_int_equal(store_user_set_role(f->s, id, STORE_ROLE_STAFF), 0);
	assert_int_equal(store_user_set_password(f->s, id, "$x"), 0);
	assert_int_equal(store_user_find_login(f->s, "bert", &u), 0);
	assert_int_equal(u->role, STORE_ROLE_STAFF);
	assert_string_equal(u->pwhash, "$x");
	store_user_free(u);
	assert_int_equal(store_user_set_status(f->s, id + 50, STORE_USER_ACTIVE),
	    STORE_ENOTFOUND);
}

static void
test_store_session_lifecycle(void **state)
{
	struct fx *f = *state;
	unsigned char h[STORE_HASH_BYTES], h2[STORE_HASH_BYTES];
	struct store_user *u = NULL;
	int64_t id = mkuser(f->s, "carla", STORE_ROLE_CITIZEN), exp = 0, n = 0;

	pwhash_token_hash("token-one", 9, h);
	pwhash_token_hash("token-two", 9, h2);
	assert_memory_not_equal(h, h2, sizeof(h));
	assert_int_equal(store_session_create(f->s, id, h, NOW, NOW + 3600), 0);
	assert_int_equal(store_session_create(f->s, id, h2, NOW, NOW + 10), 0);
	assert_int_equal(store_session_create(f->s, id + 99, h2, NOW, NOW + 10),
	    STORE_ECONFLICT);	/* same hash */
	assert_int_equal(store_session_lookup(f->s, h, NOW + 5, &u, &exp), 0);
	assert_int_equal(u->id, id);
	assert_int_equal(exp, NOW + 3600);
	store_user_free(u);
	/* Expired. */
	assert_int_equal(store_session_lookup(f->s, h2, NOW + 10, &u, NULL),
	    STORE_ENOTFOUND);
	assert_null(u);
	assert_int_equal(store_session_purge(f->s, NOW + 11, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_session_delete(f->s, h), 0);
	assert_int_equal(store_session_lookup(f->s, h, NOW, &u, NULL),
	    STORE_ENOTFOUND);
	assert_int_equal(store_session_delete(f->s, h), 0);	/* again: fine */
}

static void
test_store_user_confirm_token(void **state)
{
	struct fx *f = *state;
	struct store_user_new nu;
	struct store_user *u = NULL;
	unsigned char h[STORE_HASH_BYTES], h2[STORE_HASH_BYTES];
	char tok[64];
	int64_t id = 0;

	memset(&nu, 0, sizeof(nu));
	nu.username = "dora";
	nu.email = "dora@example.org";
	nu.role = STORE_ROLE_CITIZEN;
	nu.status = STORE_USER_PENDING;
	nu.pwhash = "$x";
	assert_int_equal(store_user_create(f->s, &nu, NOW, &id, NULL), 0);
	assert_int_equal(pwhash_token_new(tok, sizeof(tok)), 0);
	assert_int_equal(strlen(tok), 43);
	assert_int_equal(pwhash_token_new(tok, 10), -1);
	pwhash_token_hash(tok, strlen(tok), h);
	pwhash_token_hash("expired", 7, h2);
	assert_int_equal(store_token_create(f->s, STORE_TOKEN_CONFIRM, id, h,
	    NOW, NOW + DAY), 0);
	assert_int_equal(store_token_create(f->s, STORE_TOKEN_CONFIRM, id, h2,
	    NOW - 2 * DAY, NOW - DAY), 0);
	assert_int_equal(store_user_confirm(f->s, h2, NOW, &u), STORE_ENOTFOUND);
	assert_int_equal(store_user_confirm(f->s, h, NOW, &u), 0);
	assert_int_equal(u->id, id);
	assert_int_equal(u->status, STORE_USER_ACTIVE);
	store_user_free(u);
	/* One-time. */
	assert_int_equal(store_user_confirm(f->s, h, NOW, &u), STORE_ENOTFOUND);
	assert_null(u);
}

/* --- Projects ----------------------------------------------------------- */

/* The registry's fallback order, field by field: ls and tr try their own
 * text, then German, then English; each field names its language. */
static void
test_store_project_fallback_order(void **state)
{
	struct fx *f = *state;
	struct store_project_new p;
	struct store_project *got = NULL;
	const struct store_tr title[] = { { "de", "Titel" }, { "en", "Title" },
		{ "ls", "Leichter Titel" } };
	const struct store_tr summary[] = { { "en", "Only English" } };
	const struct store_tr desc[] = { { "de", "Nur Deutsch" },
		{ "en", "English too" }, { "tr", "Türkçe" } };
	int64_t id = 0;

	memset(&p, 0, sizeof(p));
	p.slug = "reihenfolge";
	p.category = "city-hall";
	p.title = (struct store_trs){ title, 3 };
	p.summary = (struct store_trs){ summary, 1 };
	p.description = (struct store_trs){ desc, 3 };
	p.status = STORE_PHASE_OPEN;
	assert_int_equal(store_project_create(f->s, &p, NOW, 0, &id), 0);
	/* ls: own title, German description, English summary (after de). */
	assert_int_equal(store_project_get(f->s, id, NULL, "ls", &got), 0);
	assert_string_equal(got->title, "Leichter Titel");
	assert_string_equal(got->lang, "ls");
	assert_string_equal(got->summary, "Only English");
	assert_string_equal(got->summary_lang, "en");
	assert_string_equal(got->description, "Nur Deutsch");
	assert_string_equal(got->description_lang, "de");
	store_project_free(got);
	/* tr: German title (before English), own description. */
	assert_int_equal(store_project_get(f->s, id, NULL, "tr", &got), 0);
	assert_string_equal(got->title, "Titel");
	assert_string_equal(got->lang, "de");
	assert_string_equal(got->description, "Türkçe");
	assert_string_equal(got->description_lang, "tr");
	store_project_free(got);
	/* en: its own; de: its own, then English; fr: like de. */
	assert_int_equal(store_project_get(f->s, id, NULL, "en", &got), 0);
	assert_string_equal(got->description_lang, "en");
	store_project_free(got);
	assert_int_equal(store_project_get(f->s, id, NULL, "fr", &got), 0);
	assert_string_equal(got->lang, "de");
	assert_string_equal(got->summary_lang, "en");
	assert_string_equal(got->description_lang, "de");
	store_project_free(got);
}

static void
test_store_project_language_fallback(void **state)
{
	struct fx *f = *state;
	struct store_project_new p;
	struct store_project *got = NULL;
	const struct store_tr title[] = { { "de", "Titel" }, { "en", "Title" } };
	const struct store_tr summary[] = { { "de", "Zusammenfassung" } };
	int64_t id = 0;

	memset(&p, 0, sizeof(p));
	p.slug = "sprachen";
	p.category = "city-hall";
	p.title = (struct store_trs){ title, 2 };
	p.summary = (struct store_trs){ summary, 1 };
	p.status = STORE_PHASE_OPEN;
	assert_int_equal(store_project_create(f->s, &p, NOW, 0, &id), 0);
	assert_int_equal(store_project_get(f->s, id, NULL, "en", &got), 0);
	assert_string_equal(got->title, "Title");
	assert_string_equal(got->summary, "Zusammenfassung");	/* field falls back */
	assert_string_equal(got->lang, "en");
	store_project_free(got);
	assert_int_equal(store_project_get(f->s, 0, "sprachen", "fr", &got), 0);
	assert_string_equal(got->title, "Titel");
	assert_string_equal(got->lang, "de");
	assert_null(got->description);
	store_project_free(got);
	assert_int_equal(store_project_get(f->s, 0, "sprachen", NULL, &got), 0);
	assert_string_equal(got->lang, "de");
	store_project_free(got);
	assert_int_equal(store_project_get(f->s, 0, "nope", "de", &got),
	    STORE_ENOTFOUND);
	/* Slug taken; no German title; bad slug. */
	assert_int_equal(store_project_create(f->s, &p, NOW, 0, &id),
	    STORE_ECONFLICT);
	p.slug = "ohne-deutsch";
	p.title = (struct store_trs){ &title[1], 1 };
	assert_int_equal(store_project_create(f->s, &p, NOW, 0, &id),
	    STORE_EINVALID);
	p.slug = "Bad Slug";
	assert_int_equal(store_project_create(f->s, &p, NOW, 0, &id),
	    STORE_EINVALID);
}

static void
test_store_project_update(void **state)
{
	struct fx *f = *state;
	struct store_project_new p;
	struct store_project *got = NULL;
	struct store_audit_list al;
	int64_t id = mkproject(f->s, "alt", STORE_PHASE_UPCOMING, NOW);

	memset(&p, 0, sizeof(p));
	p.status = STORE_PHASE_OPEN;
	p.title = TDE("Neuer Titel");
	p.slug = "ignored because not in fields";
	assert_int_equal(store_project_update(f->s, id, &p,
	    STORE_PF_STATUS | STORE_PF_TITLE, NOW, 0), 0);
	assert_int_equal(store_project_get(f->s, id, NULL, "en", &got), 0);
	assert_int_equal(got->status, STORE_PHASE_OPEN);
	assert_string_equal(got->slug, "alt");
	assert_string_equal(got->title, "Title");	/* en stays */
	store_project_free(got);
	assert_int_equal(store_project_get(f->s, id, NULL, "de", &got), 0);
	assert_string_equal(got->title, "Neuer Titel");
	assert_string_equal(got->description, "Lang\n\nAbsatz");
	store_project_free(got);
	assert_int_equal(store_project_update(f->s, id + 9, &p, STORE_PF_STATUS,
	    NOW, 0), STORE_ENOTFOUND);
	assert_int_equal(store_audit_list(f->s, 10, NULL, &al), 0);
	assert_int_equal(al.total, 2);
	assert_string_equal(al.items[0].action, "project.update");
	store_audit_list_free(&al);
}

static void
test_store_project_list_pages(void **state)
{
	struct fx *f = *state;
	struct store_project_list l;
	char *next = NULL;
	int64_t seen[8];
	size_t n = 0, i;
	int pages = 0;

	mkproject(f->s, "a", STORE_PHASE_CLOSED, NOW - 5 * DAY);
	mkproject(f->s, "b", STORE_PHASE_OPEN, NOW - 4 * DAY);
	mkproject(f->s, "c", STORE_PHASE_UPCOMING, NOW + 4 * DAY);
	mkproject(f->s, "d", STORE_PHASE_OPEN, NOW - 1 * DAY);
	mkproject(f->s, "e", STORE_PHASE_OPEN, NOW - 1 * DAY);
	do {
		assert_int_equal(store_project_list(f->s, 0, NULL, "de", 2, next,
		    &l), 0);
		free(next);
		next = l.next != NULL ? strdup(l.next) : NULL;
		assert_int_equal(l.total, 5);
		assert_true(l.n <= 2);
		for (i = 0; i < l.n; i++)
			seen[n++] = l.items[i].id;
		store_project_list_free(&l);
		pages++;
	} while (next != NULL && pages < 10);
	assert_int_equal(pages, 3);
	assert_int_equal(n, 5);
	/* open newest first (d, e by id), then upcoming, then closed. */
	assert_int_equal(seen[0], 4);
	assert_int_equal(seen[1], 5);
	assert_int_equal(seen[2], 2);
	assert_int_equal(seen[3], 3);
	assert_int_equal(seen[4], 1);
	assert_int_equal(store_project_list(f->s, STORE_PHASE_OPEN, NULL, "de",
	    0, NULL, &l), 0);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.total, 3);
	assert_null(l.next);
	store_project_list_free(&l);
	assert_int_equal(store_project_list(f->s, 0, "city-hall", "de", 10,
	    NULL, &l), 0);
	assert_int_equal(l.n, 0);
	store_project_list_free(&l);
	assert_int_equal(store_project_list(f->s, 0, NULL, "de", 10, "x.y",
	    &l), STORE_EINVALID);
	assert_int_equal(store_project_list(f->s, 0, NULL, "de", 10, "1.2",
	    &l), STORE_EINVALID);
}

/* --- Ideas, supports, comments ---------------------------------------- */

static void
test_store_idea_visibility(void **state)
{
	struct fx *f = *state;
	struct store_idea_list l;
	struct store_idea *i = NULL;
	int64_t p = mkproject(f->s, "p", STORE_PHASE_OPEN, NOW);
	int64_t closed = mkproject(f->s, "closed", STORE_PHASE_CLOSED, NOW);
	int64_t anna = mkuser(f->s, "anna", STORE_ROLE_CITIZEN);
	int64_t bert = mkuser(f->s, "bert", STORE_ROLE_CITIZEN);
	int64_t pub = mkidea(f->s, p, anna, 1), pend = mkidea(f->s, p, anna, 0);
	int64_t id;

	(void)pub;
	assert_int_equal(store_idea_list(f->s, p, STORE_SORT_NEW, 0, 0, 20,
	    NULL, &l), 0);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.total, 1);
	assert_null(l.items[0].body);
	assert_string_equal(l.items[0].author, "anna");
	store_idea_list_free(&l);
	assert_int_equal(store_idea_list(f->s, p, STORE_SORT_NEW, anna, 0, 20,
	    NULL, &l), 0);
	assert_int_equal(l.n, 2);	/* the author sees their pending idea */
	store_idea_list_free(&l);
	assert_int_equal(store_idea_list(f->s, p, STORE_SORT_TOP, bert, 0, 20,
	    NULL, &l), 0);
	assert_int_equal(l.n, 1);
	store_idea_list_free(&l);
	assert_int_equal(store_idea_list(f->s, p, STORE_SORT_TOP, bert, 1, 20,
	    NULL, &l), 0);
	assert_int_equal(l.n, 2);	/* moderators: all */
	store_idea_list_free(&l);
	assert_int_equal(store_idea_list(f->s, 999, STORE_SORT_TOP, 0, 0, 20,
	    NULL, &l), STORE_ENOTFOUND);

	assert_int_equal(store_moderate(f->s, STORE_TARGET_IDEA, pend,
	    STORE_MOD_REJECT, "Doppelt", bert, NOW), 0);
	assert_int_equal(store_idea_get(f->s, pend, anna, &i), 0);
	assert_int_equal(i->status, STORE_POST_REJECTED);
	assert_string_equal(i->moderation_reason, "Doppelt");
	assert_string_equal(i->body, "Eine Idee mit genug Text.");
	store_idea_free(i);
	assert_int_equal(store_idea_create(f->s, closed, anna, "Titel",
	    "Text Text Text", NOW, &id), STORE_ECLOSED);
	assert_int_equal(store_idea_create(f->s, 999, anna, "Titel",
	    "Text Text Text", NOW, &id), STORE_ENOTFOUND);
}

static void
test_store_support_idempotent(void **state)
{
	struct fx *f = *state;
	struct store_idea *i = NULL;
	int64_t p = mkproject(f->s, "p", STORE_PHASE_OPEN, NOW);
	int64_t anna = mkuser(f->s, "anna", STORE_ROLE_CITIZEN);
	int64_t bert = mkuser(f->s, "bert", STORE_ROLE_CITIZEN);
	int64_t idea = mkidea(f->s, p, anna, 1), pend = mkidea(f->s, p, anna, 0);
	int64_t n = -1;
	uint64_t v0, v1;

	assert_int_equal(store_support_set(f->s, idea, bert, 1, NOW, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_data_version(f->s, STORE_AREA_CONTENT, &v0), 0);
	assert_int_equal(store_support_set(f->s, idea, bert, 1, NOW, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_data_version(f->s, STORE_AREA_CONTENT, &v1), 0);
	assert_true(v0 == v1);	/* nothing changed */
	assert_int_equal(store_support_set(f->s, idea, anna, 1, NOW, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(store_idea_get(f->s, idea, bert, &i), 0);
	assert_int_equal(i->supports, 2);
	assert_int_equal(i->supported_by_me, 1);
	store_idea_free(i);
	assert_int_equal(store_support_set(f->s, idea, bert, 0, NOW, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_support_set(f->s, idea, bert, 0, NOW, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_idea_get(f->s, idea, bert, &i), 0);
	assert_int_equal(i->supported_by_me, 0);
	store_idea_free(i);
	assert_int_equal(store_support_set(f->s, pend, bert, 1, NOW, &n),
	    STORE_ENOTFOUND);
	assert_int_equal(store_support_set(f->s, 999, bert, 1, NOW, &n),
	    STORE_ENOTFOUND);
	assert_int_equal(store_project_update(f->s, p,
	    &(struct store_project_new){ .status = STORE_PHASE_CLOSED },
	    STORE_PF_STATUS, NOW, 0), 0);
	assert_int_equal(store_support_set(f->s, idea, bert, 1, NOW, &n),
	    STORE_ECLOSED);
}

static void
test_store_idea_list_top_pages(void **state)
{
	struct fx *f = *state;
	struct store_idea_list l;
	int64_t p = mkproject(f->s, "p", STORE_PHASE_OPEN, NOW);
	int64_t u[4], idea[5];
	char *next = NULL;
	int64_t order[5];
	size_t n = 0, i;
	int k;

	for (k = 0; k < 4; k++) {
		char name[16];

		snprintf(name, sizeof(name), "user%d", k);
		u[k] = mkuser(f->s, name, STORE_ROLE_CITIZEN);
	}
	for (k = 0; k < 5; k++)
		idea[k] = mkidea(f->s, p, u[0], 1);
	/* supports: idea[2] 3, idea[4] 2, idea[0] 1, others 0 */
	for (k = 0; k < 3; k++)
		assert_int_equal(store_support_set(f->s, idea[2], u[k], 1, NOW,
		    NULL), 0);
	for (k = 0; k < 2; k++)
		assert_int_equal(store_support_set(f->s, idea[4], u[k], 1, NOW,
		    NULL), 0);
	assert_int_equal(store_support_set(f->s, idea[0], u[3], 1, NOW, NULL), 0);
	for (k = 0; k < 5; k++) {
		assert_int_equal(store_idea_list(f->s, p, STORE_SORT_TOP, 0, 0,
		    2, next, &l), 0);
		free(next);
		next = l.next != NULL ? strdup(l.next) : NULL;
		for (i = 0; i < l.n; i++)
			order[n++] = l.items[i].id;
		store_idea_list_free(&l);
		if (next == NULL)
			break;
	}
	assert_int_equal(n, 5);
	assert_int_equal(order[0], idea[2]);
	assert_int_equal(order[1], idea[4]);
	assert_int_equal(order[2], idea[0]);
	assert_int_equal(order[3], idea[3]);	/* ties: newest (higher id) first */
	assert_int_equal(order[4], idea[1]);
}

static void
test_store_comment_threads(void **state)
{
	struct fx *f = *state;
	struct store_comment_list l;
	struct store_comment *c = NULL;
	int64_t p = mkproject(f->s, "p", STORE_PHASE_OPEN, NOW);
	int64_t anna = mkuser(f->s, "anna", STORE_ROLE_CITIZEN);
	int64_t idea = mkidea(f->s, p, anna, 1), idea2 = mkidea(f->s, p, anna, 1);
	int64_t pend = mkidea(f->s, p, anna, 0);
	int64_t c1, c2, r1, r2, pc, id, got[8];
	char *next = NULL;
	size_t n = 0, i;
	int k;

	assert_int_equal(store_comment_create(f->s, idea, 0, 0, anna, "eins",
	    NOW, &c1), 0);
	assert_int_equal(store_comment_create(f->s, idea, 0, c1, anna,
	    "Antwort eins", NOW + 1, &r1), 0);
	assert_int_equal(store_comment_create(f->s, idea, 0, 0, anna, "zwei",
	    NOW + 2, &c2), 0);
	assert_int_equal(store_comment_create(f->s, idea, 0, c1, anna,
	    "Antwort zwei", NOW + 3, &r2), 0);
	/* Project comment, separate from idea comments. */
	assert_int_equal(store_comment_create(f->s, 0, p, 0, anna, "Projekt",
	    NOW, &pc), 0);
	/* One level only; same idea only; published ideas only. */
	assert_int_equal(store_comment_create(f->s, idea, 0, r1, anna, "x",
	    NOW, &id), STORE_EINVALID);
	assert_int_equal(store_comment_create(f->s, idea2, 0, c1, anna, "x",
	    NOW, &id), STORE_EINVALID);
	assert_int_equal(store_comment_create(f->s, 0, p, c1, anna, "x",
	    NOW, &id), STORE_EINVALID);
	assert_int_equal(store_comment_create(f->s, idea, 0, 999, anna, "x",
	    NOW, &id), STORE_ENOTFOUND);
	assert_int_equal(store_comment_create(f->s, pend, 0, 0, anna, "x",
	    NOW, &id), STORE_ENOTFOUND);

	/* Pending comments are visible to their author only. */
	assert_int_equal(store_comment_list(f->s, idea, 0, 0, 0, 20, NULL, &l),
	    0);
	assert_int_equal(l.n, 0);
	store_comment_list_free(&l);
	for (k = 0; k < 4; k++)
		assert_int_equal(store_moderate(f->s, STORE_TARGET_COMMENT,
		    (int64_t[]){ c1, r1, c2, r2 }[k], STORE_MOD_APPROVE, NULL, 0,
		    NOW), 0);
	for (k = 0; k < 5; k++) {
		assert_int_equal(store_comment_list(f->s, idea, 0, 0, 0, 3, next,
		    &l), 0);
		free(next);
		next = l.next != NULL ? strdup(l.next) : NULL;
		assert_int_equal(l.total, 4);
		for (i = 0; i < l.n; i++)
			got[n++] = l.items[i].id;
		store_comment_list_free(&l);
		if (next == NULL)
			break;
	}
	assert_int_equal(n, 4);
	assert_int_equal(got[0], c1);
	assert_int_equal(got[1], r1);
	assert_int_equal(got[2], r2);
	assert_int_equal(got[3], c2);
	assert_int_equal(store_comment_list(f->s, 0, p, anna, 0, 20, NULL, &l),
	    0);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.items[0].id, pc);
	assert_int_equal(l.items[0].idea_id, 0);
	store_comment_list_free(&l);
	assert_int_equal(store_comment_get(f->s, r1, &c), 0);
	assert_int_equal(c->parent_id, c1);
	assert_int_equal(c->idea_id, idea);
	assert_int_equal(c->project_id, p);
	store_comment_free(c);
	assert_int_equal(store_comment_list(f->s, 999, 0, 0, 0, 20, NULL, &l),
	    STORE_ENOTFOUND);
}

static void
test_store_moderation_queue_audit(void **state)
{
	struct fx *f = *state;
	struct store_queue q;
	struct store_audit_list al;
	int64_t p = mkproject(f->s, "p", STORE_PHASE_OPEN, NOW);
	int64_t anna = mkuser(f->s, "anna", STORE_ROLE_CITIZEN);
	int64_t mod = mkuser(f->s, "mod", STORE_ROLE_MODERATOR);
	int64_t i1 = mkidea(f->s, p, anna, 0), i2 = mkidea(f->s, p, anna, 0);
	int64_t c1;

	assert_int_equal(store_queue_list(f->s, STORE_QUEUE_IDEAS, 1, NULL, &q),
	    0);
	assert_int_equal(q.total, 2);
	assert_int_equal(q.n, 1);
	assert_int_equal(q.items[0].id, i1);	/* oldest first */
	assert_non_null(q.next);
	store_queue_free(&q);
	assert_int_equal(store_moderate(f->s, STORE_TARGET_IDEA, i1,
	    STORE_MOD_APPROVE, "ok", mod, NOW + 5), 0);
	assert_int_equal(store_moderate(f->s, STORE_TARGET_IDEA, 999,
	    STORE_MOD_APPROVE, NULL, mod, NOW), STORE_ENOTFOUND);
	assert_int_equal(store_moderate(f->s, STORE_TARGET_IDEA, i2, 9, NULL,
	    mod, NOW), STORE_EINVALID);
	assert_int_equal(store_comment_create(f->s, i1, 0, 0, anna, "hm", NOW,
	    &c1), 0);
	assert_int_equal(store_queue_list(f->s, STORE_QUEUE_COMMENTS, 10, NULL,
	    &q), 0);
	assert_int_equal(q.n, 1);
	assert_int_equal(q.items[0].target, STORE_TARGET_COMMENT);
	assert_int_equal(q.items[0].idea_id, i1);
	store_queue_free(&q);
	assert_int_equal(store_report_create(f->s, STORE_TARGET_IDEA, i1, mod,
	    "Spam", NOW), 0);
	assert_int_equal(store_report_create(f->s, STORE_TARGET_IDEA, i1, mod,
	    "Spam, wirklich", NOW + 1), 0);	/* replaces */
	assert_int_equal(store_report_create(f->s, STORE_TARGET_COMMENT, 999,
	    mod, "x", NOW), STORE_ENOTFOUND);
	assert_int_equal(store_queue_list(f->s, STORE_QUEUE_REPORTS, 10, NULL,
	    &q), 0);
	assert_int_equal(q.n, 1);
	assert_string_equal(q.items[0].reason, "Spam, wirklich");
	assert_string_equal(q.items[0].reporter, "mod");
	assert_string_equal(q.items[0].author, "anna");
	assert_int_equal(q.items[0].target_id, i1);
	store_queue_free(&q);
	assert_int_equal(store_moderate(f->s, STORE_TARGET_IDEA, i1,
	    STORE_MOD_HIDE, "Spam", mod, NOW + 9), 0);
	assert_int_equal(store_queue_list(f->s, STORE_QUEUE_REPORTS, 10, NULL,
	    &q), 0);
	assert_int_equal(q.n, 0);	/* handled */
	store_queue_free(&q);
	assert_int_equal(store_audit_list(f->s, 10, NULL, &al), 0);
	assert_int_equal(al.n, 3);	/* project.create, approve, hide */
	assert_string_equal(al.items[0].action, "hide");
	assert_string_equal(al.items[0].target, "idea");
	assert_int_equal(al.items[0].target_id, i1);
	assert_string_equal(al.items[0].actor, "mod");
	assert_string_equal(al.items[0].detail, "Spam");
	assert_int_equal(al.items[0].created_at, NOW + 9);
	store_audit_list_free(&al);
}

/* --- Polls and ballots ------------------------------------------------ */

static void
test_store_poll_get_options(void **state)
{
	struct fx *f = *state;
	struct store_poll *pl = NULL;
	struct store_formats *fm = NULL;
	int64_t p = mkproject(f->s, "p", STORE_PHASE_OPEN, NOW), opt[3];
	int64_t poll = mkpoll(f->s, p, STORE_POLL_SINGLE, 1, 3, opt);

	assert_int_equal(store_poll_get(f->s, poll, "en", 0, NOW, &pl), 0);
	assert_string_equal(pl->title, "Question?");
	assert_string_equal(pl->question, "Bitte wählen");
	assert_string_equal(pl->lang, "en");
	assert_int_equal(pl->status, STORE_PHASE_OPEN);
	assert_int_equal(pl->n_options, 3);
	assert_int_equal(pl->options[0].has_location, 1);
	assert_string_equal(pl->options[0].address,
	    "Stiftsplatz, 67655 Kaiserslautern");
	assert_true(pl->options[0].lat > 49.44 && pl->options[0].lat < 49.45);
	assert_string_equal(pl->options[0].description, "Beschreibung");
	assert_int_equal(pl->options[1].has_location, 0);
	assert_int_equal(pl->has_my_ballot, 0);
	store_poll_free(pl);
	assert_int_equal(store_poll_get(f->s, poll, "de", 0, NOW + 2 * DAY, &pl),
	    0);
	assert_int_equal(pl->status, STORE_PHASE_CLOSED);
	store_poll_free(pl);
	assert_int_equal(store_poll_get(f->s, poll + 7, "de", 0, NOW, &pl),
	    STORE_ENOTFOUND);
	assert_int_equal(store_project_formats(f->s, p, "en", NOW, &fm), 0);
	assert_int_equal(fm->n_polls, 1);
	assert_int_equal(fm->polls[0].id, poll);
	assert_string_equal(fm->polls[0].title, "Question?");
	assert_int_equal(fm->polls[0].kind, STORE_POLL_SINGLE);
	assert_int_equal(fm->n_surveys, 0);
	store_formats_free(fm);
}

static void
test_store_poll_create_invalid(void **state)
{
	struct fx *f = *state;
	struct store_option_new o[2];
	struct store_poll_new pn;
	int64_t p = mkproject(f->s, "p", STORE_PHASE_OPEN, NOW), id;

	memset(o, 0, sizeof(o));
	o[0].title = TDE("a");
	o[1].title = TDE("b");
	memset(&pn, 0, sizeof(pn));
	pn.title = TDE("t");
	pn.kind = STORE_POLL_SINGLE;
	pn.max_choices = 2;	/* single needs 1 */
	pn.opens_at = NOW;
	pn.closes_at = NOW + 1;
	pn.options = o;
	pn.n_options = 2;
	assert_int_equal(store_poll_create(f->s, p, &pn, NOW, 0, &id),
	    STORE_EINVALID);
	pn.max_choices = 1;
	pn.closes_at = NOW;
	assert_int_equal(store_poll_create(f->s, p, &pn, NOW, 0, &id),
	    STORE_EINVALID);
	pn.closes_at = NOW + 1;
	pn.n_options = 1;
	assert_int_equal(store_poll_create(f->s, p, &pn, NOW, 0, &id),
	    STORE_EINVALID);
	pn.n_options = 2;
	assert_int_equal(store_poll_create(f->s, 999, &pn, NOW, 0, &id),
	    STORE_ENOTFOUND);
	assert_int_equal(store_poll_create(f->s, p, &pn, NOW, 0, &id), 0);
	/* PATCH: a window that ends before it opens is refused and undone. */
	pn.closes_at = NOW - 5;
	assert_int_equal(store_poll_update(f->s, id, &pn, STORE_PLF_CLOSES, NOW,
	    0), STORE_EINVALID);
	pn.closes_at = NOW + 50;
	pn.title = TDE("neu");
	assert_int_equal(store_poll_update(f->s, id, &pn,
	    STORE_PLF_CLOSES | STORE_PLF_TITLE, NOW, 0), 0);
	assert_int_equal(store_poll_update(f->s, id + 5, &pn, STORE_PLF_CLOSES,
	    NOW, 0), STORE_ENOTFOUND);
}

static void
test_store_ballot_replace_withdraw(void **state)
{
	struct fx *f = *state;
	struct store_poll *pl = NULL;
	struct store_ballot *b = NULL;
	struct results *r = NULL;
	int64_t p = mkproject(f->s, "p", STORE_PHASE_OPEN, NOW), opt[4], other[2];
	int64_t poll = mkpoll(f->s, p, STORE_POLL_MULTIPLE, 2, 4, opt);
	int64_t poll2 = mkpoll(f->s, p, STORE_POLL_SINGLE, 1, 2, other);
	int64_t anna = mkuser(f->s, "anna", STORE_ROLE_CITIZEN), t = 0;

	(void)poll2;
	assert_int_equal(store_ballot_put(f->s, poll, anna,
	    (int64_t[]){ opt[0], opt[2] }, 2, NOW, &t), 0);
	assert_int_equal(t, NOW);
	assert_int_equal(store_ballot_put(f->s, poll, anna,
	    (int64_t[]){ opt[3] }, 1, NOW + 5, NULL), 0);	/* replaces */
	assert_int_equal(store_ballot_get(f->s, poll, anna, &b), 0);
	assert_int_equal(b->n_choices, 1);
	assert_int_equal(b->choices[0], opt[3]);
	assert_int_equal(b->updated_at, NOW + 5);
	store_ballot_free(b);
	assert_int_equal(store_poll_get(f->s, poll, "de", anna, NOW, &pl), 0);
	assert_int_equal(pl->has_my_ballot, 1);
	assert_int_equal(pl->n_my_ballot, 1);
	assert_int_equal(pl->my_ballot[0], opt[3]);
	store_poll_free(pl);
	assert_int_equal(store_poll_results(f->s, poll, "de", NOW, &r), 0);
	assert_int_equal(r->ballots_online, 1);
	assert_int_equal(r->options[0].id, opt[3]);
	assert_int_equal(r->options[0].total, 1);
	assert_int_equal(r->final, 0);
	results_free(r);

	/* Invalid ballots change nothing. */
	assert_int_equal(store_ballot_put(f->s, poll, anna,
	    (int64_t[]){ opt[0], opt[0] }, 2, NOW, NULL), STORE_EINVALID);
	assert_int_equal(store_ballot_put(f->s, poll, anna,
	    (int64_t[]){ opt[0], other[0] }, 2, NOW, NULL), STORE_EINVALID);
	assert_int_equal(store_ballot_put(f->s, poll, anna,
	    (int64_t[]){ opt[0], opt[1], opt[2] }, 3, NOW, NULL), STORE_EINVALID);
	assert_int_equal(store_ballot_put(f->s, poll, anna, NULL, 0, NOW, NULL),
	    STORE_EINVALID);
	assert_int_equal(store_ballot_put(f->s, 999, anna,
	    (int64_t[]){ opt[0] }, 1, NOW, NULL), STORE_ENOTFOUND);
	/* Outside the window [NOW - DAY, NOW + DAY). */
	assert_int_equal(store_ballot_put(f->s, poll, anna,
	    (int64_t[]){ opt[0] }, 1, NOW - DAY - 1, NULL), STORE_ECLOSED);
	assert_int_equal(store_ballot_put(f->s, poll, anna,
	    (int64_t[]){ opt[0] }, 1, NOW + DAY, NULL), STORE_ECLOSED);
	assert_int_equal(store_ballot_delete(f->s, poll, anna, NOW + DAY),
	    STORE_ECLOSED);
	assert_int_equal(store_ballot_get(f->s, poll, anna, &b), 0);
	assert_int_equal(b->choices[0], opt[3]);
	store_ballot_free(b);

	assert_int_equal(store_ballot_delete(f->s, poll, anna, NOW), 0);
	assert_int_equal(store_ballot_delete(f->s, poll, anna, NOW), 0);
	assert_int_equal(store_ballot_get(f->s, poll, anna, &b), STORE_ENOTFOUND);
	assert_null(b);
	assert_int_equal(store_poll_results(f->s, poll, "de", NOW, &r), 0);
	assert_int_equal(r->ballots_total, 0);
	results_free(r);
}

/* A paper entry of up to 4 lines; line i names choices[i][0..] (0 ends). */
struct sheet {
	struct store_tally_entry	e;
	struct store_tally_line		l[4];
	int64_t				c[4][4];
};

static struct store_tally_entry *
mksheet(struct sheet *sh, int64_t ballots, int64_t invalid, size_t n,
    const int64_t choices[][4], const int64_t *counts)
{
	size_t i, k;

	memset(sh, 0, sizeof(*sh));
	sh->e.ballots = ballots;
	sh->e.invalid = invalid;
	sh->e.lines = sh->l;
	sh->e.n_lines = n;
	for (i = 0; i < n; i++) {
		for (k = 0; k < 4 && choices[i][k] != 0; k++)
			sh->c[i][k] = choices[i][k];
		sh->l[i].choices = sh->c[i];
		sh->l[i].n_choices = k;
		sh->l[i].count = counts[i];
	}
	return &sh->e;
}

static void
test_store_results_ranking_analog(void **state)
{
	struct fx *f = *state;
	struct results *r = NULL;
	struct store_audit_list al;
	struct store_tally_list *tl = NULL;
	struct store_tally_why why;
	struct sheet sh;
	int64_t p = mkproject(f->s, "p", STORE_PHASE_OPEN, NOW), opt[3];
	int64_t poll = mkpoll(f->s, p, STORE_POLL_RANKING, 2, 3, opt);
	int64_t a = mkuser(f->s, "a", STORE_ROLE_CITIZEN);
	int64_t b = mkuser(f->s, "b", STORE_ROLE_CITIZEN);
	int64_t staff = mkuser(f->s, "staff", STORE_ROLE_STAFF);
	int64_t staff2 = mkuser(f->s, "staff2", STORE_ROLE_STAFF);
	int64_t tally = 0;
	const int64_t orders[][4] = { { opt[2], opt[0] }, { opt[0] } };
	const int64_t right[] = { 3, 1 }, wrong[] = { 2, 2 };

	/* m = 2: a ranks 1 > 2 (2+1), b ranks 2 > 1 (2+1) and 3 gets 0. */
	assert_int_equal(store_ballot_put(f->s, poll, a,
	    (int64_t[]){ opt[0], opt[1] }, 2, NOW, NULL), 0);
	assert_int_equal(store_ballot_put(f->s, poll, b,
	    (int64_t[]){ opt[1], opt[0] }, 2, NOW, NULL), 0);
	/* The sheet: 5 ballots, 1 invalid, 3 x "3 > 1", 1 x "1". */
	assert_int_equal(store_tally_add(f->s, poll, "Stand", 2,
	    mksheet(&sh, 5, 1, 2, orders, right), staff, NOW, &tally, NULL), 0);
	/* Numbers that do not add up, named. */
	assert_int_equal(store_tally_add(f->s, poll, "Stand", 1,
	    mksheet(&sh, 6, 1, 2, orders, right), staff, NOW, NULL, &why),
	    STORE_EINVALID);
	assert_int_equal(why.problem, TALLY_SUM);
	assert_int_equal(why.a, 4);
	assert_int_equal(why.b, 1);
	assert_int_equal(why.c, 6);
	assert_int_equal(store_tally_add(f->s, poll, "Stand", 1,
	    mksheet(&sh, 1, 0, 1, (const int64_t[][4]){ { opt[0], opt[1], opt[2] } },
	    (const int64_t[]){ 1 }), staff, NOW, NULL, &why), STORE_EINVALID);
	assert_int_equal(why.problem, TALLY_SHAPE);
	assert_int_equal(store_tally_add(f->s, poll, "Stand", 1,
	    mksheet(&sh, 1, 0, 1, (const int64_t[][4]){ { 12345 } },
	    (const int64_t[]){ 1 }), staff, NOW, NULL, &why), STORE_EINVALID);
	assert_int_equal(why.problem, TALLY_UNKNOWN_OPTION);
	assert_int_equal(why.option_id, 12345);
	assert_int_equal(store_tally_add(f->s, 999, "Stand", 1,
	    mksheet(&sh, 5, 1, 2, orders, right), staff, NOW, NULL, NULL),
	    STORE_ENOTFOUND);

	/* One entry of two: nothing counted yet. */
	assert_int_equal(store_poll_results(f->s, poll, "en", NOW, &r), 0);
	assert_int_equal(r->ballots_analog, 0);
	assert_int_equal(r->tallies_pending, 1);
	results_free(r);
	/* The same account cannot key the second entry. */
	assert_int_equal(store_tally_key(f->s, tally, mksheet(&sh, 5, 1, 2,
	    orders, right), staff, NOW, NULL), STORE_ECONFLICT);
	/* A second account keys it differently: a mismatch, not counted. */
	assert_int_equal(store_tally_key(f->s, tally, mksheet(&sh, 5, 1, 2,
	    orders, wrong), staff2, NOW, NULL), 0);
	assert_int_equal(store_tally_list(f->s, poll, 0, &tl), 0);
	assert_int_equal(tl->n, 1);
	assert_int_equal(tl->items[0].state, STORE_TALLY_MISMATCH);
	assert_int_equal(tl->items[0].n_entries, 2);
	assert_string_equal(tl->items[0].entry[1].keyer, "staff2");
	store_tally_list_free(tl);
	assert_int_equal(store_poll_results(f->s, poll, "en", NOW, &r), 0);
	assert_int_equal(r->ballots_analog, 0);
	results_free(r);
	/* The first keyer cannot correct the second entry into agreement. */
	assert_int_equal(store_tally_correct(f->s, tally, 2, NULL,
	    mksheet(&sh, 5, 1, 2, orders, right), "Bogen geprüft", staff, NOW,
	    NULL), STORE_ECONFLICT);
	/* The second keyer corrects their own: both agree, it counts. */
	assert_int_equal(store_tally_correct(f->s, tally, 0, NULL,
	    mksheet(&sh, 5, 1, 2, orders, right), "Bogen geprüft", staff2, NOW,
	    NULL), 0);
	assert_int_equal(store_poll_results(f->s, poll, "en", NOW + DAY, &r), 0);
	assert_int_equal(r->final, 1);
	assert_int_equal(r->kind, STORE_POLL_RANKING);
	assert_int_equal(r->ballots_online, 2);
	assert_int_equal(r->ballots_analog, 4);
	assert_int_equal(r->analog_invalid, 1);
	assert_int_equal(r->tallies_counted, 1);
	assert_int_equal(r->tallies_pending, 0);
	/* Paper points as online: opt2 3x2 = 6; opt0 3 + 3x1 + 1x2 = 8; opt1 3. */
	assert_int_equal(r->options[0].id, opt[0]);
	assert_int_equal(r->options[0].points, 8);
	assert_int_equal(r->options[0].analog, 5);
	assert_int_equal(r->options[0].online, 3);
	assert_int_equal(r->options[1].id, opt[2]);
	assert_int_equal(r->options[1].points, 6);
	assert_int_equal(r->options[2].id, opt[1]);
	assert_int_equal(r->options[2].points, 3);
	assert_int_equal(r->options[2].rank, 3);
	assert_string_equal(r->options[0].title, "Option");
	results_free(r);
	/* Withdrawn: listed, not counted; no more changes. */
	assert_int_equal(store_tally_withdraw(f->s, tally, "Doppelt erfasst",
	    staff, NOW), 0);
	assert_int_equal(store_tally_withdraw(f->s, tally, "x", staff, NOW),
	    STORE_ECLOSED);
	assert_int_equal(store_poll_results(f->s, poll, "en", NOW, &r), 0);
	assert_int_equal(r->ballots_analog, 0);
	assert_int_equal(r->tallies_counted, 0);
	results_free(r);
	assert_int_equal(store_tally_list(f->s, 0, tally, &tl), 0);
	assert_int_equal(tl->items[0].state, STORE_TALLY_WITHDRAWN);
	store_tally_list_free(tl);
	/* Every change in the audit log, with its reason (newest first). */
	assert_int_equal(store_audit_list(f->s, 10, NULL, &al), 0);
	assert_true(al.n >= 4);
	assert_string_equal(al.items[0].action, "analog.withdraw");
	assert_string_equal(al.items[0].detail, "Doppelt erfasst");
	assert_string_equal(al.items[1].action, "analog.correct");
	assert_string_equal(al.items[1].detail, "Bogen geprüft");
	assert_string_equal(al.items[2].action, "analog.key");
	assert_string_equal(al.items[3].action, "analog");
	assert_string_equal(al.items[3].detail, "Stand");
	store_audit_list_free(&al);
}

/* The rules of single and multiple paper tallies, with their numbers. */
static void
test_store_tally_rules(void **state)
{
	struct fx *f = *state;
	struct store_tally_why why;
	struct sheet sh;
	struct results *r = NULL;
	int64_t p = mkproject(f->s, "p", STORE_PHASE_OPEN, NOW), o1[3], o2[3];
	int64_t single = mkpoll(f->s, p, STORE_POLL_SINGLE, 1, 3, o1);
	int64_t multi = mkpoll(f->s, p, STORE_POLL_MULTIPLE, 2, 3, o2);
	int64_t staff = mkuser(f->s, "staff", STORE_ROLE_STAFF);
	const int64_t s3[][4] = { { o1[0] }, { o1[1] }, { o1[2] } };
	const int64_t m3[][4] = { { o2[0] }, { o2[1] }, { o2[2] } };

	/* Single: 12 + 5 + 2 = 19, + 1 invalid = 20 ballots. */
	assert_int_equal(store_tally_add(f->s, single, "S", 1, mksheet(&sh, 20, 1,
	    3, s3, (const int64_t[]){ 12, 5, 2 }), staff, NOW, NULL, NULL), 0);
	/* 19 without the invalid one is not 20: refused, numbers named. */
	assert_int_equal(store_tally_add(f->s, single, "S", 1, mksheet(&sh, 20, 0,
	    3, s3, (const int64_t[]){ 12, 5, 2 }), staff, NOW, NULL, &why),
	    STORE_EINVALID);
	assert_int_equal(why.problem, TALLY_SUM);
	assert_int_equal(why.a, 19);
	assert_int_equal(why.c, 20);
	assert_int_equal(store_tally_add(f->s, single, "S", 1, mksheet(&sh, 2, 3,
	    0, s3, NULL), staff, NOW, NULL, &why), STORE_EINVALID);
	assert_int_equal(why.problem, TALLY_INVALID_OVER);
	assert_int_equal(store_tally_add(f->s, single, "S", 1, mksheet(&sh, 3, 0,
	    2, (const int64_t[][4]){ { o1[0] }, { o1[0] } },
	    (const int64_t[]){ 1, 2 }), staff, NOW, NULL, &why), STORE_EINVALID);
	assert_int_equal(why.problem, TALLY_DUPLICATE);
	assert_int_equal(store_tally_add(f->s, single, "S", 1, mksheet(&sh, 1, 0,
	    1, s3, (const int64_t[]){ -1 }), staff, NOW, NULL, &why),
	    STORE_EINVALID);
	assert_int_equal(why.problem, TALLY_NEGATIVE);
	assert_int_equal(store_poll_results(f->s, single, "en", NOW, &r), 0);
	assert_int_equal(r->ballots_analog, 19);
	assert_int_equal(r->analog_invalid, 1);
	assert_int_equal(r->options[0].analog, 12);
	results_free(r);

	/* Multiple, max 2: no count above the 10 valid ballots ... */
	assert_int_equal(store_tally_add(f->s, multi, "M", 1, mksheet(&sh, 10, 0,
	    3, m3, (const int64_t[]){ 11, 1, 1 }), staff, NOW, NULL, &why),
	    STORE_EINVALID);
	assert_int_equal(why.problem, TALLY_COUNT_OVER);
	assert_int_equal(why.a, 11);
	assert_int_equal(why.b, 10);
	assert_int_equal(why.option_id, o2[0]);
	/* ... and at most 10 x 2 = 20 votes in all. */
	assert_int_equal(store_tally_add(f->s, multi, "M", 1, mksheet(&sh, 10, 0,
	    3, m3, (const int64_t[]){ 10, 10, 1 }), staff, NOW, NULL, &why),
	    STORE_EINVALID);
	assert_int_equal(why.problem, TALLY_CHOICES_OVER);
	assert_int_equal(why.a, 21);
	assert_int_equal(why.c, 2);
	assert_int_equal(store_tally_add(f->s, multi, "M", 1, mksheet(&sh, 10, 0,
	    3, m3, (const int64_t[]){ 10, 10, 0 }), staff, NOW, NULL, NULL), 0);
	assert_int_equal(store_poll_results(f->s, multi, "en", NOW, &r), 0);
	assert_int_equal(r->ballots_analog, 10);
	results_free(r);
}

/* Group commit: one failing write inside a transaction is undone alone. */
static void
test_store_tx_group_commit(void **state)
{
	struct fx *f = *state;
	struct store *reader = NULL;
	struct results *r = NULL;
	int64_t p = mkproject(f->s, "p", STORE_PHASE_OPEN, NOW), opt[2];
	int64_t poll = mkpoll(f->s, p, STORE_POLL_SINGLE, 1, 2, opt);
	int64_t u[3];
	char err[128];

	u[0] = mkuser(f->s, "u0", STORE_ROLE_CITIZEN);
	u[1] = mkuser(f->s, "u1", STORE_ROLE_CITIZEN);
	u[2] = mkuser(f->s, "u2", STORE_ROLE_CITIZEN);
	assert_int_equal(store_open(f->path, &reader, err, sizeof(err)), 0);
	assert_int_equal(store_tx_begin(f->s), 0);
	assert_int_equal(store_tx_begin(f->s), STORE_EINVALID);
	assert_int_equal(store_ballot_put(f->s, poll, u[0],
	    (int64_t[]){ opt[0] }, 1, NOW, NULL), 0);
	assert_int_equal(store_ballot_put(f->s, poll, u[1],
	    (int64_t[]){ opt[0], opt[1] }, 2, NOW, NULL), STORE_EINVALID);
	assert_int_equal(store_ballot_put(f->s, poll, u[2],
	    (int64_t[]){ opt[1] }, 1, NOW, NULL), 0);
	/* Not visible to another connection before the commit. */
	assert_int_equal(store_poll_results(reader, poll, "de", NOW, &r), 0);
	assert_int_equal(r->ballots_total, 0);
	results_free(r);
	assert_int_equal(store_tx_commit(f->s), 0);
	assert_int_equal(store_poll_results(reader, poll, "de", NOW, &r), 0);
	assert_int_equal(r->ballots_total, 2);
	results_free(r);
	/* Rolled back: nothing stays. */
	assert_int_equal(store_tx_begin(f->s), 0);
	assert_int_equal(store_ballot_put(f->s, poll, u[1],
	    (int64_t[]){ opt[1] }, 1, NOW, NULL), 0);
	assert_int_equal(store_tx_rollback(f->s), 0);
	assert_int_equal(store_poll_results(reader, poll, "de", NOW, &r), 0);
	assert_int_equal(r->ballots_total, 2);
	results_free(r);
	assert_int_equal(store_tx_commit(f->s), STORE_EINVALID);
	store_close(reader);
}

struct voter_arg {
	const char	*path;
	int64_t		 poll;
	int64_t		 option;
	int64_t		 first_user;
	int		 n;
	int		 ok;
};

static void *
voter_thread(void *p)
{
	struct voter_arg *a = p;
	struct store *s = NULL;
	char err[128];
	int i;

	if (store_open(a->path, &s, err, sizeof(err)) != 0)
		return NULL;
	for (i = 0; i < a->n; i++)
		if (store_ballot_put(s, a->poll, a->first_user + i, &a->option, 1,
		    NOW, NULL) == 0)
			a->ok++;
	store_close(s);
	return NULL;
}

/* Four connections in four threads write at once; busy_timeout serializes
 * them and every ballot counts. */
static void
test_store_ballot_threads(void **state)
{
	struct fx *f = *state;
	struct voter_arg a[4];
	pthread_t th[4];
	struct results *r = NULL;
	int64_t p = mkproject(f->s, "p", STORE_PHASE_OPEN, NOW), opt[2];
	int64_t poll = mkpoll(f->s, p, STORE_POLL_SINGLE, 1, 2, opt);
	int64_t first = 0;
	int i, k;

	for (i = 0; i < 200; i++) {
		char name[16];
		int64_t id;

		snprintf(name, sizeof(name), "v%03d", i);
		id = mkuser(f->s, name, STORE_ROLE_CITIZEN);
		if (i == 0)
			first = id;
	}
	for (k = 0; k < 4; k++) {
		a[k] = (struct voter_arg){ f->path, poll, opt[k % 2],
		    first + k * 50, 50, 0 };
		assert_int_equal(pthread_create(&th[k], NULL, voter_thread,
		    &a[k]), 0);
	}
	for (k = 0; k < 4; k++) {
		pthread_join(th[k], NULL);
		assert_int_equal(a[k].ok, 50);
	}
	assert_int_equal(store_poll_results(f->s, poll, "de", NOW, &r), 0);
	assert_int_equal(r->ballots_online, 200);
	assert_int_equal(r->options[0].total, 100);
	assert_int_equal(r->options[1].total, 100);
	assert_int_equal(r->options[0].rank, 1);
	assert_int_equal(r->options[1].rank, 1);
	results_free(r);
}

/* --- Surveys ------------------------------------------------------------ */

static int64_t
mksurvey(struct store *s, int64_t project)
{
	const struct store_trs opts[] = { TDE("A"), TDE("B"), TDE("C") };
	const struct store_question_new q[] = {
		{ .kind = STORE_Q_MULTIPLE, .text = T("Was?", "What?"),
		  .required = 1, .options = opts, .n_options = 3,
		  .max_choices = 2 },
		{ .kind = STORE_Q_SCALE, .text = TDE("Wie sehr?"), .required = 1,
		  .scale_min = 1, .scale_max = 5, .min_label = TDE("wenig"),
		  .max_label = T("viel", "a lot") },
		{ .kind = STORE_Q_TEXT, .text = TDE("Noch etwas?"),
		  .max_length = 5 },
	};
	struct store_survey_new sv = {
		.title = T("Umfrage", "Survey"), .intro = TDE("Hallo"),
		.opens_at = NOW - DAY, .closes_at = NOW + DAY,
		.questions = q, .n_questions = 3,
	};
	int64_t id = 0;

	assert_int_equal(store_survey_create(s, project, &sv, NOW, 0, &id), 0);
	return id;
}

static void
test_store_survey_response(void **state)
{
	struct fx *f = *state;
	struct store_survey *v = NULL;
	struct store_response *r = NULL;
	struct store_response_list rl;
	struct store_answer_in a[3];
	int64_t p = mkproject(f->s, "p", STORE_PHASE_OPEN, NOW);
	int64_t sid = mksurvey(f->s, p), anna = mkuser(f->s, "anna", 1);
	int64_t q1, q2, q3, o1, o3, bad = 0, t = 0;

	assert_int_equal(store_survey_get(f->s, sid, "en", anna, NOW, &v), 0);
	assert_string_equal(v->title, "Survey");
	assert_string_equal(v->intro, "Hallo");
	assert_int_equal(v->status, STORE_PHASE_OPEN);
	assert_int_equal(v->answered_by_me, 0);
	assert_int_equal(v->n_questions, 3);
	assert_string_equal(v->questions[0].text, "What?");
	assert_int_equal(v->questions[0].n_options, 3);
	assert_int_equal(v->questions[0].max_choices, 2);
	assert_int_equal(v->questions[1].scale_max, 5);
	assert_string_equal(v->questions[1].max_label, "a lot");
	assert_string_equal(v->questions[1].min_label, "wenig");
	assert_int_equal(v->questions[2].max_length, 5);
	q1 = v->questions[0].id;
	q2 = v->questions[1].id;
	q3 = v->questions[2].id;
	o1 = v->questions[0].options[0].id;
	o3 = v->questions[0].options[2].id;
	store_survey_free(v);

	memset(a, 0, sizeof(a));
	a[0].question_id = q1;
	a[0].choices = (int64_t[]){ o3, o1 };
	a[0].n_choices = 2;
	a[1].question_id = q2;
	a[1].has_value = 1;
	a[1].value = 6;	/* out of scale */
	assert_int_equal(store_response_put(f->s, sid, anna, a, 2, NOW, &t,
	    &bad), STORE_EINVALID);
	assert_int_equal(bad, q2);
	a[1].value = 4;
	a[2].question_id = q3;
	a[2].text = "äöüßx!";	/* 6 characters > 5 */
	assert_int_equal(store_response_put(f->s, sid, anna, a, 3, NOW, &t,
	    &bad), STORE_EINVALID);
	assert_int_equal(bad, q3);
	a[2].text = "äöüß";
	assert_int_equal(store_response_put(f->s, sid, anna, a, 1, NOW, &t,
	    &bad), STORE_EINVALID);	/* required q2 missing */
	assert_int_equal(bad, q2);
	a[1].question_id = 9999;
	assert_int_equal(store_response_put(f->s, sid, anna, a, 2, NOW, &t,
	    &bad), STORE_EINVALID);
	assert_int_equal(bad, 9999);
	a[1].question_id = q2;
	assert_int_equal(store_response_put(f->s, sid, anna, a, 3, NOW + DAY,
	    &t, &bad), STORE_ECLOSED);
	assert_int_equal(store_response_put(f->s, sid, anna, a, 3, NOW, &t,
	    &bad), 0);
	assert_int_equal(t, NOW);
	/* Replace: fewer answers. */
	assert_int_equal(store_response_put(f->s, sid, anna, a, 2, NOW + 1, &t,
	    &bad), 0);
	assert_int_equal(store_response_get(f->s, sid, anna, &r), 0);
	assert_int_equal(r->updated_at, NOW + 1);
	assert_int_equal(r->n_answers, 2);
	assert_int_equal(r->answers[0].n_choices, 2);
	assert_int_equal(r->answers[0].choices[0], o3);
	assert_int_equal(r->answers[1].value, 4);
	store_response_free(r);
	assert_int_equal(store_survey_get(f->s, sid, "de", anna, NOW, &v), 0);
	assert_int_equal(v->answered_by_me, 1);
	store_survey_free(v);
	assert_int_equal(store_response_list(f->s, sid, 10, NULL, &rl), 0);
	assert_int_equal(rl.total, 1);
	assert_int_equal(rl.items[0].n_answers, 2);
	store_response_list_free(&rl);
	assert_int_equal(store_response_list(f->s, 999, 10, NULL, &rl),
	    STORE_ENOTFOUND);
}

/* --- Deleting an account, export ---------------------------------------- */

static void
test_store_user_delete_keeps_content(void **state)
{
	struct fx *f = *state;
	struct store_idea *i = NULL;
	struct store_user *u = NULL;
	struct store_comment *c = NULL;
	struct results *r = NULL;
	unsigned char h[STORE_HASH_BYTES];
	int64_t p = mkproject(f->s, "p", STORE_PHASE_OPEN, NOW), opt[2];
	int64_t poll = mkpoll(f->s, p, STORE_POLL_SINGLE, 1, 2, opt);
	int64_t anna = mkuser(f->s, "anna", STORE_ROLE_CITIZEN);
	int64_t bert = mkuser(f->s, "bert", STORE_ROLE_CITIZEN);
	int64_t idea = mkidea(f->s, p, anna, 1), cid, n = 0;

	assert_int_equal(store_comment_create(f->s, idea, 0, 0, anna, "Hallo",
	    NOW, &cid), 0);
	assert_int_equal(store_support_set(f->s, idea, anna, 1, NOW, NULL), 0);
	assert_int_equal(store_support_set(f->s, idea, bert, 1, NOW, NULL), 0);
	assert_int_equal(store_ballot_put(f->s, poll, anna,
	    (int64_t[]){ opt[1] }, 1, NOW, NULL), 0);
	pwhash_token_hash("t", 1, h);
	assert_int_equal(store_session_create(f->s, anna, h, NOW, NOW + DAY), 0);

	assert_int_equal(store_user_delete(f->s, anna, NOW), 0);
	assert_int_equal(store_user_delete(f->s, anna, NOW), STORE_ENOTFOUND);
	assert_int_equal(store_user_get(f->s, anna, &u), STORE_ENOTFOUND);
	assert_int_equal(store_user_find_login(f->s, "anna", &u),
	    STORE_ENOTFOUND);
	assert_int_equal(store_session_lookup(f->s, h, NOW, &u, NULL),
	    STORE_ENOTFOUND);
	assert_int_equal(store_idea_get(f->s, idea, 0, &i), 0);
	assert_int_equal(i->author_id, 0);
	assert_null(i->author);
	assert_int_equal(i->supports, 2);	/* still counted */
	store_idea_free(i);
	assert_int_equal(store_comment_get(f->s, cid, &c), 0);
	assert_int_equal(c->author_id, 0);
	assert_null(c->author);
	store_comment_free(c);
	assert_int_equal(store_poll_results(f->s, poll, "de", NOW, &r), 0);
	assert_int_equal(r->ballots_online, 1);	/* unlinked, still counted */
	assert_int_equal(r->options[0].id, opt[1]);
	results_free(r);
	/* The name is free again. */
	assert_int_equal(mkuser(f->s, "anna", STORE_ROLE_CITIZEN) > 0, 1);
	assert_int_equal(store_support_set(f->s, idea, bert, 1, NOW, &n), 0);
	assert_int_equal(n, 2);
}

static void
test_store_export_user(void **state)
{
	struct fx *f = *state;
	struct store_export *e = NULL;
	struct store_answer_in a[2];
	unsigned char h[STORE_HASH_BYTES];
	int64_t p = mkproject(f->s, "p", STORE_PHASE_OPEN, NOW), opt[3];
	int64_t poll = mkpoll(f->s, p, STORE_POLL_RANKING, 3, 3, opt);
	int64_t sid = mksurvey(f->s, p);
	int64_t anna = mkuser(f->s, "anna", STORE_ROLE_CITIZEN);
	int64_t idea = mkidea(f->s, p, anna, 0), idea2 = mkidea(f->s, p, anna, 1);
	int64_t cid;
	struct store_survey *v = NULL;

	assert_int_equal(store_comment_create(f->s, idea2, 0, 0, anna, "Hallo",
	    NOW, &cid), 0);
	assert_int_equal(store_support_set(f->s, idea2, anna, 1, NOW, NULL), 0);
	assert_int_equal(store_ballot_put(f->s, poll, anna,
	    (int64_t[]){ opt[2], opt[0], opt[1] }, 3, NOW, NULL), 0);
	assert_int_equal(store_report_create(f->s, STORE_TARGET_COMMENT, cid,
	    anna, "Tippfehler", NOW), 0);
	assert_int_equal(store_survey_get(f->s, sid, "de", 0, NOW, &v), 0);
	memset(a, 0, sizeof(a));
	a[0].question_id = v->questions[0].id;
	a[0].choices = &v->questions[0].options[1].id;
	a[0].n_choices = 1;
	a[1].question_id = v->questions[1].id;
	a[1].has_value = 1;
	a[1].value = 2;
	assert_int_equal(store_response_put(f->s, sid, anna, a, 2, NOW, NULL,
	    NULL), 0);
	store_survey_free(v);
	pwhash_token_hash("t", 1, h);
	assert_int_equal(store_session_create(f->s, anna, h, NOW, NOW + DAY), 0);

	assert_int_equal(store_export_user(f->s, anna, NOW, &e), 0);
	assert_string_equal(e->user->email, "anna@example.org");
	assert_int_equal(e->n_ideas, 2);
	assert_int_equal(e->ideas[0].id, idea);
	assert_int_equal(e->ideas[0].status, STORE_POST_PENDING);
	assert_non_null(e->ideas[0].body);
	assert_int_equal(e->n_comments, 1);
	assert_int_equal(e->n_supports, 1);
	assert_int_equal(e->supports[0].idea_id, idea2);
	assert_int_equal(e->n_ballots, 1);
	assert_int_equal(e->ballots[0].n_choices, 3);
	assert_int_equal(e->ballots[0].choices[0], opt[2]);	/* in order */
	assert_int_equal(e->ballots[0].choices[1], opt[0]);
	assert_int_equal(e->ballots[0].choices[2], opt[1]);
	assert_int_equal(e->n_responses, 1);
	assert_int_equal(e->responses[0].n_answers, 2);
	assert_int_equal(e->n_reports, 1);
	assert_string_equal(e->reports[0].reason, "Tippfehler");
	assert_int_equal(e->n_sessions, 1);
	store_export_free(e);
	assert_int_equal(store_export_user(f->s, 999, NOW, &e), STORE_ENOTFOUND);
	assert_null(e);
}

/* --- Demo data ---------------------------------------------------------- */

static void
test_store_seed_demo_idempotent(void **state)
{
	struct fx *f = *state;
	struct store_project_list l;
	struct store_project *p = NULL;
	struct store_formats *fm = NULL;
	struct store_poll *pl = NULL;
	struct store_user *u = NULL;
	struct store_idea_list il;
	struct results *r = NULL;
	const struct store_demo_account *acc;
	int64_t now = 1795000000;	/* 2026-11-18 */
	uint64_t v0, v1;
	size_t n = 0, i;

	acc = store_demo_accounts(&n);
	assert_int_equal(n, 4);
	assert_int_equal(acc[3].role, STORE_ROLE_STAFF);
	assert_string_equal(acc[0].username, "demo");
	assert_string_equal(acc[0].password, "demo-passwort");
	assert_string_equal(acc[1].password, "moderation-passwort");
	assert_int_equal(acc[2].role, STORE_ROLE_STAFF);
	assert_int_equal(store_seed_demo(f->s, now), 0);
	assert_int_equal(store_data_version(f->s, STORE_AREA_ALL, &v0), 0);
	assert_int_equal(store_seed_demo(f->s, now), 1);	/* no-op */
	assert_int_equal(store_data_version(f->s, STORE_AREA_ALL, &v1), 0);
	assert_true(v0 == v1);

	for (i = 0; i < n; i++) {
		assert_int_equal(store_user_find_login(f->s, acc[i].username,
		    &u), 0);
		assert_int_equal(u->role, acc[i].role);
		assert_int_equal(u->status, STORE_USER_ACTIVE);
		assert_int_equal(pwhash_verify(u->pwhash, acc[i].password,
		    strlen(acc[i].password)), 0);
		store_user_free(u);
	}
	assert_int_equal(store_project_list(f->s, 0, NULL, "en", 100, NULL, &l),
	    0);
	assert_int_equal(l.total, 6);
	store_project_list_free(&l);
	assert_int_equal(store_project_list(f->s, STORE_PHASE_UPCOMING, NULL,
	    "de", 100, NULL, &l), 0);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.items[0].slug, "city-information-modeling");
	store_project_list_free(&l);

	/* Stadt.Raum.Wir.: ranking poll, max 3, five events; ideas. */
	assert_int_equal(store_project_get(f->s, 0, "stadt-raum-wir", "en", &p),
	    0);
	assert_int_equal(p->status, STORE_PHASE_OPEN);
	assert_true(p->n_ideas >= 3);
	assert_int_equal(store_project_formats(f->s, p->id, "en", now, &fm), 0);
	assert_int_equal(fm->n_polls, 1);
	assert_int_equal(store_poll_get(f->s, fm->polls[0].id, "en", 0, now,
	    &pl), 0);
	assert_int_equal(pl->kind, STORE_POLL_RANKING);
	assert_int_equal(pl->max_choices, 3);
	assert_int_equal(pl->n_options, 5);
	assert_int_equal(pl->status, STORE_PHASE_OPEN);
	assert_int_equal(pl->results_visible, 1);
	assert_string_equal(pl->title,
	    "Which event should come to the square first?");
	store_poll_free(pl);
	store_formats_free(fm);
	assert_int_equal(store_idea_list(f->s, p->id, STORE_SORT_TOP, 0, 1, 100,
	    NULL, &il), 0);
	assert_int_equal(il.n, 4);	/* three published, one pending */
	for (i = 0, n = 0; i < il.n; i++)
		n += il.items[i].status == STORE_POST_PENDING;
	assert_int_equal(n, 1);
	store_idea_list_free(&il);
	store_project_free(p);

	/* Lokale Logistik: location poll with addresses; a survey. */
	assert_int_equal(store_project_get(f->s, 0, "lokale-logistik", "de", &p),
	    0);
	assert_int_equal(store_project_formats(f->s, p->id, "de", now, &fm), 0);
	assert_int_equal(fm->n_surveys, 1);
	assert_int_equal(store_poll_get(f->s, fm->polls[0].id, "de", 0, now,
	    &pl), 0);
	assert_int_equal(pl->kind, STORE_POLL_SINGLE);
	for (i = 0; i < pl->n_options; i++) {
		assert_int_equal(pl->options[i].has_location, 1);
		assert_non_null(strstr(pl->options[i].address, "Kaiserslautern"));
		assert_non_null(pl->options[i].description);
	}
	store_poll_free(pl);
	store_formats_free(fm);
	store_project_free(p);

	/* The closed Rütschhofstraße poll with the booth tally. */
	assert_int_equal(store_project_get(f->s, 0,
	    "fahrradstrasse-ruetschhofstrasse", "de", &p), 0);
	assert_int_equal(p->status, STORE_PHASE_CLOSED);
	assert_int_equal(store_project_formats(f->s, p->id, "de", now, &fm), 0);
	assert_int_equal(fm->polls[0].status, STORE_PHASE_CLOSED);
	assert_int_equal(store_poll_results(f->s, fm->polls[0].id, "de", now,
	    &r), 0);
	assert_int_equal(r->final, 1);
	assert_int_equal(r->ballots_online, 12);
	assert_int_equal(r->ballots_analog, 81);
	assert_int_equal(r->ballots_total, 93);
	results_free(r);
	store_formats_free(fm);
	store_project_free(p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_store_open_null),
#define T_(fn) cmocka_unit_test_setup_teardown(fn, fx_setup, fx_teardown)
		cmocka_unit_test(test_pwhash_roundtrip),
		T_(test_store_open_pragmas),
		T_(test_store_data_version_bumps),
		T_(test_store_user_create_conflict),
		T_(test_store_user_find_login),
		T_(test_store_session_lifecycle),
		T_(test_store_user_confirm_token),
		T_(test_store_project_language_fallback),
		T_(test_store_project_fallback_order),
		T_(test_store_project_update),
		T_(test_store_project_list_pages),
		T_(test_store_idea_visibility),
		T_(test_store_support_idempotent),
		T_(test_store_idea_list_top_pages),
		T_(test_store_comment_threads),
		T_(test_store_moderation_queue_audit),
		T_(test_store_poll_get_options),
		T_(test_store_poll_create_invalid),
		T_(test_store_ballot_replace_withdraw),
		T_(test_store_results_ranking_analog),
		T_(test_store_tally_rules),
		T_(test_store_tx_group_commit),
		T_(test_store_ballot_threads),
		T_(test_store_survey_response),
		T_(test_store_user_delete_keeps_content),
		T_(test_store_export_user),
		T_(test_store_seed_demo_idempotent),
#undef T_
	};

	if (pwhash_init() != 0)
		return 1;
	pwhash_set_cost(PWHASH_COST_MIN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
