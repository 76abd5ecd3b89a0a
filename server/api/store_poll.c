/* store_poll.c — polls and options, ballots (the hot write path), analog tallies, results. */
#include <stdlib.h>
#include <string.h>

#include "server/api/results.h"
#include "server/api/store_int.h"

#define POLL_OPTIONS_MAX	100

static void
option_clear(struct store_option *o)
{
	free(o->title);
	free(o->description);
	free(o->address);
}

void
store_poll_free(struct store_poll *p)
{
	size_t i;

	if (p == NULL)
		return;
	free(p->title);
	free(p->question);
	for (i = 0; i < p->n_options; i++)
		option_clear(&p->options[i]);
	free(p->options);
	free(p->my_ballot);
	free(p);
}

/* ?1 poll id, ?2 the language chain (store_lang_chain()). */
#define POLL_TR(col, what) STORE_TR_PICK("poll_tr", "poll_id", "o.id", \
	col, "?2", what)
#define OPTION_TR(col, what) STORE_TR_PICK("option_tr", "option_id", \
	"po.id", col, "?2", what)
static const char sql_poll_get[] =
	"SELECT o.id, o.project_id, " POLL_TR("title", "title") ","
	POLL_TR("question", "question") ", " POLL_TR("title", "lang") ", o.kind,"
	" o.max_choices, o.opens_at, o.closes_at, o.results_visible, "
	POLL_TR("question", "lang") " FROM poll o WHERE o.id = ?1";
static const char sql_poll_options[] =
	"SELECT po.id, " OPTION_TR("title", "title") ","
	OPTION_TR("description", "description") ", po.address, po.lat, po.lon, "
	OPTION_TR("title", "lang") ", " OPTION_TR("description", "lang")
	" FROM poll_option po"
	" WHERE po.poll_id = ?1 ORDER BY po.position, po.id";
static const char sql_ballot_get[] =
	"SELECT b.updated_at, bc.option_id FROM ballot b"
	" LEFT JOIN ballot_choice bc ON bc.ballot_id = b.id"
	" WHERE b.poll_id = ?1 AND b.user_id = ?2 ORDER BY bc.position";

static int
poll_options(struct store *s, struct store_poll *p, const char *lang)
{
	sqlite3_stmt *q;
	int rc, oom = 0;

	if ((q = store_stmt(s, sql_poll_options)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, p->id);
	store_bind_text(q, 2, lang);
	if ((p->options = calloc(POLL_OPTIONS_MAX, sizeof(*p->options))) == NULL)
		return STORE_ENOMEM;
	while ((rc = store_step(s, q)) == 1 && p->n_options < POLL_OPTIONS_MAX) {
		struct store_option *o = &p->options[p->n_options++];

		o->id = sqlite3_column_int64(q, 0);
		o->title = store_col_str(q, 1, &oom);
		o->description = store_col_str(q, 2, &oom);
		store_col_lang(q, 6, o->lang);
		if (o->description != NULL)
			store_col_lang(q, 7, o->description_lang);
		if (sqlite3_column_type(q, 3) != SQLITE_NULL) {
			o->has_location = 1;
			o->address = store_col_str(q, 3, &oom);
			o->lat = sqlite3_column_double(q, 4);
			o->lon = sqlite3_column_double(q, 5);
		}
		if (oom)
			return STORE_ENOMEM;
	}
	return rc < 0 ? rc : 0;
}

/* Reads the ballot of user_id: its choices in order and time. 0, or
 * STORE_ENOTFOUND when there is none. */
static int
ballot_read(struct store *s, int64_t poll_id, int64_t user_id,
    int64_t **choices, size_t *n, int64_t *updated_at)
{
	sqlite3_stmt *q;
	int64_t *v = NULL;
	size_t k = 0;
	int rc, found = 0;

	*choices = NULL;
	*n = 0;
	if ((q = store_stmt(s, sql_ballot_get)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, poll_id);
	sqlite3_bind_int64(q, 2, user_id);
	if ((v = calloc(POLL_OPTIONS_MAX, sizeof(*v))) == NULL)
		return STORE_ENOMEM;
	while ((rc = store_step(s, q)) == 1) {
		found = 1;
		*updated_at = sqlite3_column_int64(q, 0);
		if (sqlite3_column_type(q, 1) != SQLITE_NULL &&
		    k < POLL_OPTIONS_MAX)
			v[k++] = sqlite3_column_int64(q, 1);
	}
	sqlite3_reset(q);
	if (rc < 0 || !found) {
		free(v);
		return rc < 0 ? rc : STORE_ENOTFOUND;
	}
	*choices = v;
	*n = k;
	return 0;
}

int
store_poll_get(struct store *s, int64_t id, const char *lang,
    int64_t viewer_id, int64_t now, struct store_poll **out)
{
	struct store_poll *p = NULL;
	char chain[STORE_CHAIN_MAX];
	sqlite3_stmt *q;
	int64_t t;
	int rc, oom = 0;

	if (out == NULL)
		return STORE_EINVALID;
	*out = NULL;
	if (s == NULL)
		return STORE_EINVALID;
	lang = store_lang_chain(lang, chain, sizeof(chain));
	if ((q = store_stmt(s, sql_poll_get)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, id);
	store_bind_text(q, 2, lang);
	if ((rc = store_step(s, q)) <= 0) {
		rc = rc == 0 ? STORE_ENOTFOUND : rc;
		goto out;
	}
	if ((p = calloc(1, sizeof(*p))) == NULL) {
		rc = STORE_ENOMEM;
		goto out;
	}
	p->id = sqlite3_column_int64(q, 0);
	p->project_id = sqlite3_column_int64(q, 1);
	p->title = store_col_str(q, 2, &oom);
	p->question = store_col_str(q, 3, &oom);
	store_col_lang(q, 4, p->lang);
	p->kind = sqlite3_column_int(q, 5);
	p->max_choices = sqlite3_column_int(q, 6);
	p->opens_at = sqlite3_column_int64(q, 7);
	p->closes_at = sqlite3_column_int64(q, 8);
	p->results_visible = sqlite3_column_int(q, 9);
	store_col_lang(q, 10, p->question_lang);
	p->status = store_window_phase(p->opens_at, p->closes_at, now);
	if (oom) {
		rc = STORE_ENOMEM;
		goto out;
	}
	sqlite3_reset(q);
	if ((rc = poll_options(s, p, lang)) != 0)
		goto out;
	if (viewer_id > 0) {
		rc = ballot_read(s, p->id, viewer_id, &p->my_ballot,
		    &p->n_my_ballot, &t);
		if (rc == 0)
			p->has_my_ballot = 1;
		else if (rc != STORE_ENOTFOUND)
			goto out;
		rc = 0;
	}
	*out = p;
	p = NULL;
out:
	store_release(s);
	store_poll_free(p);
	return rc;
}

static const char sql_poll_insert[] =
	"INSERT INTO poll(project_id, kind, max_choices, opens_at, closes_at,"
	" results_visible, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char sql_poll_tr[] =
	"INSERT INTO poll_tr(poll_id, lang, title, question)"
	" VALUES (?1, ?2, ?3, ?4) ON CONFLICT(poll_id, lang) DO UPDATE"
	" SET title = coalesce(excluded.title, title),"
	" question = coalesce(excluded.question, question)";
static const char sql_option_insert[] =
	"INSERT INTO poll_option(poll_id, position, address, lat, lon)"
	" VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_option_tr[] =
	"INSERT INTO option_tr(option_id, lang, title, description)"
	" VALUES (?1, ?2, ?3, ?4) ON CONFLICT(option_id, lang) DO UPDATE"
	" SET title = coalesce(excluded.title, title),"
	" description = coalesce(excluded.description, description)";
static const char sql_project_exists_p[] = "SELECT 1 FROM project WHERE id = ?1";

static int
poll_kind_ok(int kind, int max_choices, size_t n_options)
{
	if (max_choices < 1 || (size_t)max_choices > n_options)
		return 0;
	switch (kind) {
	case STORE_POLL_SINGLE:
		return max_choices == 1;
	case STORE_POLL_MULTIPLE:
	case STORE_POLL_RANKING:
		return 1;
	default:
		return 0;
	}
}

int
store_poll_create(struct store *s, int64_t project_id,
    const struct store_poll_new *in, int64_t now, int64_t actor_id,
    int64_t *id)
{
	struct store_trs f[2];
	sqlite3_stmt *q;
	int64_t pid = 0, oid;
	size_t i;
	int rc;

	if (id != NULL)
		*id = 0;
	if (s == NULL || in == NULL || in->n_options < 2 ||
	    in->n_options > POLL_OPTIONS_MAX || in->options == NULL ||
	    !poll_kind_ok(in->kind, in->max_choices, in->n_options) ||
	    in->closes_at <= in->opens_at)
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	if ((rc = store_row_by_id(s, sql_project_exists_p, project_id, &q)) != 0)
		goto out;
	if ((q = store_stmt(s, sql_poll_insert)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, project_id);
	sqlite3_bind_int(q, 2, in->kind);
	sqlite3_bind_int(q, 3, in->max_choices);
	sqlite3_bind_int64(q, 4, in->opens_at);
	sqlite3_bind_int64(q, 5, in->closes_at);
	sqlite3_bind_int(q, 6, in->results_visible != 0);
	sqlite3_bind_int64(q, 7, now);
	if ((rc = store_step_done(s, q)) != 0)
		goto out;
	pid = sqlite3_last_insert_rowid(s->db);
	f[0] = in->title;
	f[1] = in->question;
	if ((rc = store_tr_write(s, sql_poll_tr, pid, f, 2, 1)) != 0)
		goto out;
	for (i = 0; i < in->n_options; i++) {
		const struct store_option_new *o = &in->options[i];

		if ((q = store_stmt(s, sql_option_insert)) == NULL) {
			rc = STORE_EIO;
			goto out;
		}
		sqlite3_bind_int64(q, 1, pid);
		sqlite3_bind_int(q, 2, (int)i);
		store_bind_text(q, 3, o->address);
		if (o->address != NULL) {
			sqlite3_bind_double(q, 4, o->lat);
			sqlite3_bind_double(q, 5, o->lon);
		}
		if ((rc = store_step_done(s, q)) != 0)
			goto out;
		oid = sqlite3_last_insert_rowid(s->db);
		f[0] = o->title;
		f[1] = o->description;
		if ((rc = store_tr_write(s, sql_option_tr, oid, f, 2, 1)) != 0)
			goto out;
	}
	if ((rc = store_audit_add(s, actor_id, "poll.create", "poll", pid,
	    NULL, now)) != 0)
		goto out;
	rc = store_bump(s, STORE_AREA_CONTENT);
out:
	rc = store_wr_end(s, rc);
	if (rc == 0 && id != NULL)
		*id = pid;
	return rc;
}

static const char sql_poll_update[] =
	"UPDATE poll SET"
	" opens_at = CASE WHEN ?2 & 4 THEN ?3 ELSE opens_at END,"
	" closes_at = CASE WHEN ?2 & 8 THEN ?4 ELSE closes_at END,"
	" results_visible = CASE WHEN ?2 & 16 THEN ?5 ELSE results_visible END,"
	" max_choices = CASE WHEN ?2 & 32 THEN ?6 ELSE max_choices END"
	" WHERE id = ?1"
	" RETURNING kind, max_choices, opens_at, closes_at,"
	" (SELECT count(*) FROM poll_option WHERE poll_id = ?1)";

_Static_assert(STORE_PLF_OPENS == 4 && STORE_PLF_CLOSES == 8 &&
    STORE_PLF_VISIBLE == 16 && STORE_PLF_MAX_CHOICES == 32,
    "bits used in sql_poll_update");

int
store_poll_update(struct store *s, int64_t id, const struct store_poll_new *in,
    unsigned int fields, int64_t now, int64_t actor_id)
{
	static const struct store_trs none;
	struct store_trs f[2];
	sqlite3_stmt *q;
	int rc, ok;

	if (s == NULL || in == NULL)
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	if ((q = store_stmt(s, sql_poll_update)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int(q, 2, (int)fields);
	sqlite3_bind_int64(q, 3, in->opens_at);
	sqlite3_bind_int64(q, 4, in->closes_at);
	sqlite3_bind_int(q, 5, in->results_visible != 0);
	sqlite3_bind_int(q, 6, in->max_choices);
	if ((rc = store_step(s, q)) <= 0) {
		rc = rc == 0 ? STORE_ENOTFOUND : rc;
		goto out;
	}
	/* Check the row as changed; a bad combination rolls it back. */
	ok = poll_kind_ok(sqlite3_column_int(q, 0), sqlite3_column_int(q, 1),
	    (size_t)sqlite3_column_int(q, 4)) &&
	    sqlite3_column_int64(q, 3) > sqlite3_column_int64(q, 2);
	if ((rc = store_step(s, q)) < 0)
		goto out;
	if (!ok) {
		rc = STORE_EINVALID;
		goto out;
	}
	f[0] = (fields & STORE_PLF_TITLE) ? in->title : none;
	f[1] = (fields & STORE_PLF_QUESTION) ? in->question : none;
	if ((rc = store_tr_write(s, sql_poll_tr, id, f, 2, 0)) != 0 ||
	    (rc = store_audit_add(s, actor_id, "poll.update", "poll", id, NULL,
	    now)) != 0)
		goto out;
	rc = store_bump(s, STORE_AREA_CONTENT);
out:
	return store_wr_end(s, rc);
}

/* --- Ballots ---------------------------------------------------------- */

static const char sql_poll_window[] =
	"SELECT kind, max_choices, opens_at, closes_at FROM poll WHERE id = ?1";
static const char sql_option_of_poll[] =
	"SELECT 1 FROM poll_option WHERE id = ?1 AND poll_id = ?2";
static const char sql_ballot_upsert[] =
	"INSERT INTO ballot(poll_id, user_id, updated_at) VALUES (?1, ?2, ?3)"
	" ON CONFLICT(poll_id, user_id) DO UPDATE"
	" SET updated_at = excluded.updated_at RETURNING id";
static const char sql_ballot_clear[] =
	"DELETE FROM ballot_choice WHERE ballot_id = ?1";
static const char sql_ballot_choice[] =
	"INSERT INTO ballot_choice(ballot_id, position, poll_id, option_id)"
	" VALUES (?1, ?2, ?3, ?4)";
static const char sql_ballot_delete[] =
	"DELETE FROM ballot WHERE poll_id = ?1 AND user_id = ?2";

/* Checks that the poll exists and is open at now; fills *max_choices. */
static int
poll_check_open(struct store *s, int64_t poll_id, int64_t now,
    int *max_choices)
{
	sqlite3_stmt *q;
	int rc;

	if ((q = store_stmt(s, sql_poll_window)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, poll_id);
	if ((rc = store_step(s, q)) <= 0)
		return rc == 0 ? STORE_ENOTFOUND : rc;
	*max_choices = sqlite3_column_int(q, 1);
	if (store_window_phase(sqlite3_column_int64(q, 2),
	    sqlite3_column_int64(q, 3), now) != STORE_PHASE_OPEN)
		return STORE_ECLOSED;
	return 0;
}

int
store_ballot_put(struct store *s, int64_t poll_id, int64_t user_id,
    const int64_t *choices, size_t n_choices, int64_t now,
    int64_t *updated_at)
{
	sqlite3_stmt *q;
	int64_t bid;
	size_t i, j;
	int rc, max = 0;

	if (updated_at != NULL)
		*updated_at = 0;
	if (s == NULL || user_id <= 0 || (n_choices > 0 && choices == NULL))
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	if ((rc = poll_check_open(s, poll_id, now, &max)) != 0)
		goto out;
	if (n_choices < 1 || n_choices > (size_t)max) {
		rc = STORE_EINVALID;
		goto out;
	}
	for (i = 0; i < n_choices; i++) {
		for (j = 0; j < i; j++) {
			if (choices[j] == choices[i]) {
				rc = STORE_EINVALID;
				goto out;
			}
		}
		if ((q = store_stmt(s, sql_option_of_poll)) == NULL) {
			rc = STORE_EIO;
			goto out;
		}
		sqlite3_bind_int64(q, 1, choices[i]);
		sqlite3_bind_int64(q, 2, poll_id);
		if ((rc = store_step(s, q)) <= 0) {
			rc = rc == 0 ? STORE_EINVALID : rc;
			goto out;
		}
	}
	if ((q = store_stmt(s, sql_ballot_upsert)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, poll_id);
	sqlite3_bind_int64(q, 2, user_id);
	sqlite3_bind_int64(q, 3, now);
	if ((rc = store_step(s, q)) <= 0) {
		rc = rc == 0 ? STORE_EIO : rc;
		goto out;
	}
	bid = sqlite3_column_int64(q, 0);
	if ((rc = store_step(s, q)) < 0)
		goto out;
	sqlite3_reset(q);
	if ((q = store_stmt(s, sql_ballot_clear)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, bid);
	if ((rc = store_step_done(s, q)) != 0)
		goto out;
	for (i = 0; i < n_choices; i++) {
		if ((q = store_stmt(s, sql_ballot_choice)) == NULL) {
			rc = STORE_EIO;
			goto out;
		}
		sqlite3_bind_int64(q, 1, bid);
		sqlite3_bind_int(q, 2, (int)i);
		sqlite3_bind_int64(q, 3, poll_id);
		sqlite3_bind_int64(q, 4, choices[i]);
		if ((rc = store_step_done(s, q)) != 0)
			goto out;
	}
	rc = store_bump(s, STORE_AREA_VOTES);
out:
	rc = store_wr_end(s, rc);
	if (rc == 0 && updated_at != NULL)
		*updated_at = now;
	return rc;
}

int
store_ballot_delete(struct store *s, int64_t poll_id, int64_t user_id,
    int64_t now)
{
	sqlite3_stmt *q;
	int rc, max;

	if (s == NULL || user_id <= 0)
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	if ((rc = poll_check_open(s, poll_id, now, &max)) != 0)
		goto out;
	if ((q = store_stmt(s, sql_ballot_delete)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, poll_id);
	sqlite3_bind_int64(q, 2, user_id);
	if ((rc = store_step_done(s, q)) != 0)
		goto out;
	if (sqlite3_changes(s->db) > 0)
		rc = store_bump(s, STORE_AREA_VOTES);
out:
	return store_wr_end(s, rc);
}

void
store_ballot_clear(void *elem)
{
	struct store_ballot *b = elem;

	free(b->choices);
}

void
store_ballot_free(struct store_ballot *b)
{
	if (b == NULL)
		return;
	store_ballot_clear(b);
	free(b);
}

int
store_ballot_get(struct store *s, int64_t poll_id, int64_t user_id,
    struct store_ballot **out)
{
	struct store_ballot *b;
	int rc;

	if (out == NULL)
		return STORE_EINVALID;
	*out = NULL;
	if (s == NULL)
		return STORE_EINVALID;
	if ((b = calloc(1, sizeof(*b))) == NULL)
		return STORE_ENOMEM;
	b->poll_id = poll_id;
	rc = ballot_read(s, poll_id, user_id, &b->choices, &b->n_choices,
	    &b->updated_at);
	store_release(s);
	if (rc != 0) {
		store_ballot_free(b);
		return rc;
	}
	*out = b;
	return 0;
}

/* --- Results ---------------------------------------------------------- */

/* Both counters are kept by triggers (schema version 3), so results cost
 * the same for ten ballots as for a million. */
static const char sql_results_online[] =
	"SELECT ballots FROM poll WHERE id = ?1";
static const char sql_results_pos[] =
	"SELECT option_id, position, n FROM ballot_tally WHERE poll_id = ?1";

/* Scratch space for counting: per option its position counts. */
struct poll_count {
	struct results_option_in	*in;
	int64_t				*pos;	/* n_options * m */
	size_t				 n;
	int				 m;
};

static struct results_option_in *
count_option(struct poll_count *c, int64_t option_id)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (c->in[i].id == option_id)
			return &c->in[i];
	return NULL;
}

/* Adds the counted paper tallies to the options and ballots of in. */
static int
count_tallies(struct store *s, const struct store_poll *p, struct poll_count *c,
    struct results_in *in)
{
	struct store_tally_list l = { NULL, 0 };
	struct results_option_in *o;
	size_t i, k, j;
	int64_t pts[POLL_OPTIONS_MAX];
	int rc;

	if ((rc = store_tally_read(s, p->id, 0, &l)) != 0)
		return rc;
	for (i = 0; i < l.n; i++) {
		const struct store_tally *t = &l.items[i];
		const struct store_tally_entry *e = &t->entry[0];

		if (t->state != STORE_TALLY_COUNTED) {
			in->tallies_pending += t->state != STORE_TALLY_WITHDRAWN;
			continue;
		}
		in->tallies_counted++;
		for (k = 0; k < e->n_lines && k < sizeof(pts) / sizeof(pts[0]); k++)
			pts[k] = e->lines[k].count;
		if (e->ballots >= 0) {
			in->analog_ballots += e->ballots - e->invalid;
			in->analog_invalid += e->invalid;
		} else
			in->analog_ballots += results_analog_ballots(p->kind,
			    p->max_choices, pts, k, -1);
		for (k = 0; k < e->n_lines; k++) {
			const struct store_tally_line *ln = &e->lines[k];

			for (j = 0; j < ln->n_choices; j++) {
				if ((o = count_option(c, ln->choices[j])) == NULL)
					continue;
				/* A paper ranking earns what an online one does:
				 * m points for the first choice, m-1 next, ... */
				if (p->kind == STORE_POLL_RANKING && !e->points)
					o->analog += (int64_t)j < c->m ?
					    ln->count * (c->m - (int64_t)j) : 0;
				else
					o->analog += ln->count;
			}
		}
	}
	store_tally_list_clear(&l);
	return 0;
}

static int
count_read(struct store *s, const struct store_poll *p, struct poll_count *c,
    struct results_in *in)
{
	struct results_option_in *o;
	sqlite3_stmt *q;
	int64_t pos;
	int rc;

	if ((q = store_stmt(s, sql_results_online)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, p->id);
	if ((rc = store_count(s, q, &in->online_ballots)) != 0)
		return rc;
	if ((q = store_stmt(s, sql_results_pos)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, p->id);
	while ((rc = store_step(s, q)) == 1) {
		o = count_option(c, sqlite3_column_int64(q, 0));
		pos = sqlite3_column_int64(q, 1);
		if (o != NULL && pos >= 0 && pos < c->m)
			((int64_t *)o->pos)[pos] += sqlite3_column_int64(q, 2);
	}
	sqlite3_reset(q);
	if (rc < 0)
		return rc;
	return count_tallies(s, p, c, in);
}

int
store_poll_results(struct store *s, int64_t poll_id, const char *lang,
    int64_t now, struct results **out)
{
	struct store_poll *p = NULL;
	struct poll_count c;
	struct results_in in;
	size_t i;
	int rc;

	if (out == NULL)
		return STORE_EINVALID;
	*out = NULL;
	memset(&c, 0, sizeof(c));
	memset(&in, 0, sizeof(in));
	if (s == NULL)
		return STORE_EINVALID;
	if ((rc = store_poll_get(s, poll_id, lang, 0, now, &p)) != 0)
		return rc;
	c.m = p->max_choices > 0 ? p->max_choices : 1;
	c.n = p->n_options;
	if ((c.in = calloc(c.n ? c.n : 1, sizeof(*c.in))) == NULL ||
	    (c.pos = calloc(c.n ? c.n * (size_t)c.m : 1, sizeof(*c.pos))) == NULL) {
		rc = STORE_ENOMEM;
		goto out;
	}
	for (i = 0; i < c.n; i++) {
		c.in[i].id = p->options[i].id;
		c.in[i].title = p->options[i].title;
		c.in[i].pos = c.pos + i * (size_t)c.m;
		c.in[i].n_pos = (size_t)c.m;
	}
	/* One read transaction, so ballots and tallies are one snapshot. */
	if (!s->tx && (rc = sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL)) !=
	    SQLITE_OK) {
		rc = store_sqlerr(s, rc);
		goto out;
	}
	rc = count_read(s, p, &c, &in);
	store_release(s);
	if (!s->tx)
		sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
	if (rc != 0)
		goto out;
	in.poll_id = p->id;
	in.kind = p->kind;
	in.max_choices = c.m;
	in.options = c.in;
	in.n_options = c.n;
	if (results_count(&in, out) != 0) {
		rc = STORE_ENOMEM;
		goto out;
	}
	(*out)->final = p->status == STORE_PHASE_CLOSED;
out:
	store_release(s);
	free(c.in);
	free(c.pos);
	store_poll_free(p);
	return rc;
}
