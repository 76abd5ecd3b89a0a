/* store_tally.c — paper tallies: keyed once or twice, compared, corrected, withdrawn, listed. */
#include <stdlib.h>
#include <string.h>

#include "server/api/results.h"
#include "server/api/store_int.h"

static const char sql_tally_poll[] =
	"SELECT kind, max_choices FROM poll WHERE id = ?1";
static const char sql_tally_of[] =
	"SELECT t.poll_id, p.kind, p.max_choices, t.keys, t.withdrawn_at"
	" FROM analog_tally t JOIN poll p ON p.id = t.poll_id WHERE t.id = ?1";
static const char sql_tally_option[] =
	"SELECT 1 FROM poll_option WHERE id = ?1 AND poll_id = ?2";
static const char sql_tally_insert[] =
	"INSERT INTO analog_tally(poll_id, source, ballots, actor_id, created_at,"
	" keys) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_tally_source[] =
	"UPDATE analog_tally SET source = ?2 WHERE id = ?1";
static const char sql_tally_withdraw[] =
	"UPDATE analog_tally SET withdrawn_at = ?2, withdrawn_by = ?3 WHERE id = ?1";
static const char sql_entry_keyers[] =
	"SELECT slot, keyer_id FROM analog_entry WHERE tally_id = ?1";
static const char sql_entry_delete[] =
	"DELETE FROM analog_entry WHERE tally_id = ?1 AND slot = ?2";
static const char sql_entry_insert[] =
	"INSERT INTO analog_entry(tally_id, slot, keyer_id, ballots, invalid,"
	" keyed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_line_insert[] =
	"INSERT INTO analog_line(entry_id, seq, choices, count) VALUES (?1, ?2, ?3, ?4)";
/* Tallies with their entries and lines, in one pass. */
#define SQL_TALLY_READ \
	"SELECT t.id, t.poll_id, t.source, t.keys, t.created_at," \
	" coalesce(t.withdrawn_at, 0), e.slot, e.keyer_id," \
	" CASE WHEN a.deleted_at IS NULL THEN coalesce(a.display_name, a.username) END," \
	" e.keyed_at, coalesce(e.ballots, -1), e.invalid, e.points, l.choices, l.count" \
	" FROM analog_tally t LEFT JOIN analog_entry e ON e.tally_id = t.id" \
	" LEFT JOIN account a ON a.id = e.keyer_id" \
	" LEFT JOIN analog_line l ON l.entry_id = e.id"
static const char sql_tally_read_poll[] =
	SQL_TALLY_READ " WHERE t.poll_id = ?1 ORDER BY t.id, e.slot, l.seq";
static const char sql_tally_read_one[] =
	SQL_TALLY_READ " WHERE t.id = ?1 ORDER BY t.id, e.slot, l.seq";

/* --- reading ---------------------------------------------------------- */

static void
tally_entry_clear(struct store_tally_entry *e)
{
	size_t i;

	for (i = 0; i < e->n_lines; i++)
		free(e->lines[i].choices);
	free(e->lines);
	free(e->keyer);
	memset(e, 0, sizeof(*e));
}

void
store_tally_list_clear(struct store_tally_list *l)
{
	size_t i, k;

	for (i = 0; i < l->n; i++) {
		for (k = 0; k < l->items[i].n_entries; k++)
			tally_entry_clear(&l->items[i].entry[k]);
		free(l->items[i].source);
	}
	free(l->items);
	l->items = NULL;
	l->n = 0;
}

void
store_tally_list_free(struct store_tally_list *l)
{
	if (l == NULL)
		return;
	store_tally_list_clear(l);
	free(l);
}

/* Two entries agree: the same ballots, invalid and lines (in any order). */
static int
tally_agree(const struct store_tally_entry *x, const struct store_tally_entry *y)
{
	size_t i, k;

	if (x->ballots != y->ballots || x->invalid != y->invalid ||
	    x->n_lines != y->n_lines)
		return 0;
	for (i = 0; i < x->n_lines; i++) {
		const struct store_tally_line *a = &x->lines[i];

		for (k = 0; k < y->n_lines; k++) {
			const struct store_tally_line *b = &y->lines[k];

			if (a->count == b->count && a->n_choices == b->n_choices &&
			    memcmp(a->choices, b->choices,
			    a->n_choices * sizeof(*a->choices)) == 0)
				break;
		}
		if (k == y->n_lines)
			return 0;
	}
	return 1;
}

static void
tally_state(struct store_tally *t)
{
	if (t->withdrawn_at != 0)
		t->state = STORE_TALLY_WITHDRAWN;
	else if (t->n_entries < (size_t)t->keys)
		t->state = STORE_TALLY_WAITING;
	else if (t->keys == 2 && !tally_agree(&t->entry[0], &t->entry[1]))
		t->state = STORE_TALLY_MISMATCH;
	else
		t->state = STORE_TALLY_COUNTED;
}

/* Adds the line of the current row to entry e. */
static int
tally_row_line(sqlite3_stmt *q, struct store_tally_entry *e)
{
	struct store_tally_line *nl;
	int rc;

	if (sqlite3_column_type(q, 13) == SQLITE_NULL)
		return 0;
	if ((nl = realloc(e->lines, (e->n_lines + 1) * sizeof(*nl))) == NULL)
		return STORE_ENOMEM;
	e->lines = nl;
	nl = &e->lines[e->n_lines];
	memset(nl, 0, sizeof(*nl));
	nl->count = sqlite3_column_int64(q, 14);
	if ((rc = store_ids_parse((const char *)sqlite3_column_text(q, 13),
	    &nl->choices, &nl->n_choices)) != 0)
		return rc;
	e->n_lines++;
	return 0;
}

int
store_tally_read(struct store *s, int64_t poll_id, int64_t tally_id,
    struct store_tally_list *l)
{
	struct store_tally *t = NULL, *nt;
	struct store_tally_entry *e = NULL;
	sqlite3_stmt *q;
	size_t i;
	int rc, oom = 0, slot;

	l->items = NULL;
	l->n = 0;
	if ((q = store_stmt(s, poll_id != 0 ? sql_tally_read_poll :
	    sql_tally_read_one)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, poll_id != 0 ? poll_id : tally_id);
	while ((rc = store_step(s, q)) == 1) {
		if (t == NULL || t->id != sqlite3_column_int64(q, 0)) {
			if ((nt = realloc(l->items, (l->n + 1) * sizeof(*nt))) == NULL) {
				rc = STORE_ENOMEM;
				break;
			}
			l->items = nt;
			t = &l->items[l->n++];
			memset(t, 0, sizeof(*t));
			e = NULL;
			t->id = sqlite3_column_int64(q, 0);
			t->poll_id = sqlite3_column_int64(q, 1);
			t->source = store_col_str(q, 2, &oom);
			t->keys = sqlite3_column_int(q, 3);
			t->created_at = sqlite3_column_int64(q, 4);
			t->withdrawn_at = sqlite3_column_int64(q, 5);
		}
		if (sqlite3_column_type(q, 6) == SQLITE_NULL)
			continue;
		slot = sqlite3_column_int(q, 6);
		if (e == NULL || e->slot != slot) {
			if (t->n_entries == 2)
				continue;
			e = &t->entry[t->n_entries++];
			e->slot = slot;
			e->keyer_id = sqlite3_column_int64(q, 7);
			e->keyer = store_col_str(q, 8, &oom);
			e->keyed_at = sqlite3_column_int64(q, 9);
			e->ballots = sqlite3_column_int64(q, 10);
			e->invalid = sqlite3_column_int64(q, 11);
			e->points = sqlite3_column_int(q, 12);
		}
		if ((rc = tally_row_line(q, e)) != 0)
			break;
	}
	sqlite3_reset(q);
	if (rc == 0 && oom)
		rc = STORE_ENOMEM;
	if (rc < 0) {
		store_tally_list_clear(l);
		return rc;
	}
	for (i = 0; i < l->n; i++)
		tally_state(&l->items[i]);
	return 0;
}

int
store_tally_list(struct store *s, int64_t poll_id, int64_t tally_id,
    struct store_tally_list **out)
{
	struct store_tally_list *l;
	sqlite3_stmt *q;
	int rc;

	if (out == NULL)
		return STORE_EINVALID;
	*out = NULL;
	if (s == NULL)
		return STORE_EINVALID;
	if ((l = calloc(1, sizeof(*l))) == NULL)
		return STORE_ENOMEM;
	if (poll_id != 0 && (rc = store_row_by_id(s, sql_tally_poll, poll_id,
	    &q)) != 0) {
		store_release(s);
		free(l);
		return rc;
	}
	rc = store_tally_read(s, poll_id, tally_id, l);
	store_release(s);
	if (rc == 0 && poll_id == 0 && l->n == 0)
		rc = STORE_ENOTFOUND;
	if (rc != 0) {
		store_tally_list_free(l);
		return rc;
	}
	*out = l;
	return 0;
}

/* --- writing ---------------------------------------------------------- */

/* Checks an entry against the poll: the numbers add up (results.c) and
 * every option is the poll's. */
static int
tally_check(struct store *s, int64_t poll_id, int kind, int max_choices,
    const struct store_tally_entry *e, struct store_tally_why *why)
{
	sqlite3_stmt *q;
	size_t i, k;
	int rc;

	if (e->n_lines > 0 && e->lines == NULL)
		return STORE_EINVALID;
	if (results_tally_check(kind, max_choices, e, why) != 0)
		return STORE_EINVALID;
	for (i = 0; i < e->n_lines; i++)
		for (k = 0; k < e->lines[i].n_choices; k++) {
			if ((q = store_stmt(s, sql_tally_option)) == NULL)
				return STORE_EIO;
			sqlite3_bind_int64(q, 1, e->lines[i].choices[k]);
			sqlite3_bind_int64(q, 2, poll_id);
			rc = store_step(s, q);
			sqlite3_reset(q);
			if (rc < 0)
				return rc;
			if (rc == 0) {
				if (why != NULL) {
					memset(why, 0, sizeof(*why));
					why->problem = TALLY_UNKNOWN_OPTION;
					why->option_id = e->lines[i].choices[k];
				}
				return STORE_EINVALID;
			}
		}
	return 0;
}

/* Writes entry e into slot of tally_id (replacing what was there). */
static int
tally_entry_write(struct store *s, int64_t tally_id, int slot,
    const struct store_tally_entry *e, int64_t keyer_id, int64_t now)
{
	sqlite3_stmt *q;
	int64_t eid;
	size_t i, seq = 0;
	char *ids;
	int rc;

	if ((q = store_stmt(s, sql_entry_delete)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, tally_id);
	sqlite3_bind_int(q, 2, slot);
	if ((rc = store_step_done(s, q)) != 0)
		return rc;
	if ((q = store_stmt(s, sql_entry_insert)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, tally_id);
	sqlite3_bind_int(q, 2, slot);
	store_bind_id(q, 3, keyer_id);
	sqlite3_bind_int64(q, 4, e->ballots);
	sqlite3_bind_int64(q, 5, e->invalid);
	sqlite3_bind_int64(q, 6, now);
	if ((rc = store_step_done(s, q)) != 0)
		return rc;
	eid = sqlite3_last_insert_rowid(s->db);
	for (i = 0; i < e->n_lines; i++) {
		if (e->lines[i].count == 0)
			continue;
		if ((ids = store_ids_format(e->lines[i].choices,
		    e->lines[i].n_choices)) == NULL)
			return STORE_ENOMEM;
		if ((q = store_stmt(s, sql_line_insert)) == NULL) {
			free(ids);
			return STORE_EIO;
		}
		sqlite3_bind_int64(q, 1, eid);
		sqlite3_bind_int64(q, 2, (int64_t)seq++);
		store_bind_text(q, 3, ids);
		sqlite3_bind_int64(q, 4, e->lines[i].count);
		rc = store_step_done(s, q);
		free(ids);
		if (rc != 0)
			return rc;
	}
	return 0;
}

int
store_tally_add(struct store *s, int64_t poll_id, const char *source,
    int keys, const struct store_tally_entry *e, int64_t actor_id,
    int64_t now, int64_t *id, struct store_tally_why *why)
{
	sqlite3_stmt *q;
	int64_t tid = 0;
	int rc, kind, m;

	if (id != NULL)
		*id = 0;
	if (why != NULL)
		memset(why, 0, sizeof(*why));
	if (s == NULL || source == NULL || e == NULL || (keys != 1 && keys != 2))
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	if ((rc = store_row_by_id(s, sql_tally_poll, poll_id, &q)) != 0)
		goto out;
	kind = sqlite3_column_int(q, 0);
	m = sqlite3_column_int(q, 1);
	sqlite3_reset(q);
	if ((rc = tally_check(s, poll_id, kind, m, e, why)) != 0)
		goto out;
	if ((q = store_stmt(s, sql_tally_insert)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, poll_id);
	store_bind_text(q, 2, source);
	sqlite3_bind_int64(q, 3, e->ballots);
	store_bind_id(q, 4, actor_id);
	sqlite3_bind_int64(q, 5, now);
	sqlite3_bind_int(q, 6, keys);
	if ((rc = store_step_done(s, q)) != 0)
		goto out;
	tid = sqlite3_last_insert_rowid(s->db);
	if ((rc = tally_entry_write(s, tid, 1, e, actor_id, now)) != 0 ||
	    (rc = store_audit_add(s, actor_id, "analog", "poll", poll_id,
	    source, now)) != 0)
		goto out;
	rc = store_bump(s, STORE_AREA_VOTES);
out:
	rc = store_wr_end(s, rc);
	if (rc == 0 && id != NULL)
		*id = tid;
	return rc;
}

/* Reads a tally's poll, kind, max_choices, keys and the keyers of its
 * slots (0 when empty); ENOTFOUND, ECLOSED when withdrawn. */
struct tally_head {
	int64_t	poll_id;
	int	kind, m, keys;
	int64_t	keyer[3];
	int	has[3];
};

static int
tally_head(struct store *s, int64_t tally_id, struct tally_head *h)
{
	sqlite3_stmt *q;
	int rc, slot;

	memset(h, 0, sizeof(*h));
	if ((rc = store_row_by_id(s, sql_tally_of, tally_id, &q)) != 0)
		return rc;
	h->poll_id = sqlite3_column_int64(q, 0);
	h->kind = sqlite3_column_int(q, 1);
	h->m = sqlite3_column_int(q, 2);
	h->keys = sqlite3_column_int(q, 3);
	rc = sqlite3_column_type(q, 4) != SQLITE_NULL ? STORE_ECLOSED : 0;
	sqlite3_reset(q);
	if (rc != 0)
		return rc;
	if ((q = store_stmt(s, sql_entry_keyers)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, tally_id);
	while ((rc = store_step(s, q)) == 1) {
		slot = sqlite3_column_int(q, 0);
		if (slot == 1 || slot == 2) {
			h->has[slot] = 1;
			h->keyer[slot] = sqlite3_column_int64(q, 1);
		}
	}
	sqlite3_reset(q);
	return rc < 0 ? rc : 0;
}

int
store_tally_key(struct store *s, int64_t tally_id,
    const struct store_tally_entry *e, int64_t actor_id, int64_t now,
    struct store_tally_why *why)
{
	struct tally_head h;
	int rc;

	if (why != NULL)
		memset(why, 0, sizeof(*why));
	if (s == NULL || e == NULL)
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	if ((rc = tally_head(s, tally_id, &h)) != 0)
		goto out;
	if (h.keys != 2 || h.has[2] || (h.has[1] && h.keyer[1] == actor_id)) {
		rc = STORE_ECONFLICT;
		goto out;
	}
	if ((rc = tally_check(s, h.poll_id, h.kind, h.m, e, why)) != 0 ||
	    (rc = tally_entry_write(s, tally_id, 2, e, actor_id, now)) != 0 ||
	    (rc = store_audit_add(s, actor_id, "analog.key", "tally", tally_id,
	    NULL, now)) != 0)
		goto out;
	rc = store_bump(s, STORE_AREA_VOTES);
out:
	return store_wr_end(s, rc);
}

int
store_tally_correct(struct store *s, int64_t tally_id, int slot,
    const char *source, const struct store_tally_entry *e,
    const char *reason, int64_t actor_id, int64_t now,
    struct store_tally_why *why)
{
	struct tally_head h;
	sqlite3_stmt *q;
	int rc;

	if (why != NULL)
		memset(why, 0, sizeof(*why));
	if (s == NULL || e == NULL || reason == NULL || slot < 0 || slot > 2)
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	if ((rc = tally_head(s, tally_id, &h)) != 0)
		goto out;
	if (slot == 0)
		slot = h.has[2] && h.keyer[2] == actor_id ? 2 : 1;
	if (!h.has[slot]) {
		rc = STORE_ENOTFOUND;
		goto out;
	}
	/* The two entries stay by two accounts. */
	if (h.keys == 2 && h.has[3 - slot] && h.keyer[3 - slot] == actor_id) {
		rc = STORE_ECONFLICT;
		goto out;
	}
	if ((rc = tally_check(s, h.poll_id, h.kind, h.m, e, why)) != 0 ||
	    (rc = tally_entry_write(s, tally_id, slot, e, actor_id, now)) != 0)
		goto out;
	if (source != NULL) {
		if ((q = store_stmt(s, sql_tally_source)) == NULL) {
			rc = STORE_EIO;
			goto out;
		}
		sqlite3_bind_int64(q, 1, tally_id);
		store_bind_text(q, 2, source);
		if ((rc = store_step_done(s, q)) != 0)
			goto out;
	}
	if ((rc = store_audit_add(s, actor_id, "analog.correct", "tally",
	    tally_id, reason, now)) != 0)
		goto out;
	rc = store_bump(s, STORE_AREA_VOTES);
out:
	return store_wr_end(s, rc);
}

int
store_tally_withdraw(struct store *s, int64_t tally_id, const char *reason,
    int64_t actor_id, int64_t now)
{
	struct tally_head h;
	sqlite3_stmt *q;
	int rc;

	if (s == NULL || reason == NULL)
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	if ((rc = tally_head(s, tally_id, &h)) != 0)
		goto out;
	if ((q = store_stmt(s, sql_tally_withdraw)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, tally_id);
	sqlite3_bind_int64(q, 2, now);
	store_bind_id(q, 3, actor_id);
	if ((rc = store_step_done(s, q)) != 0 ||
	    (rc = store_audit_add(s, actor_id, "analog.withdraw", "tally",
	    tally_id, reason, now)) != 0)
		goto out;
	rc = store_bump(s, STORE_AREA_VOTES);
out:
	return store_wr_end(s, rc);
}
