/* store_export.c — GET /me/export: everything stored about one account. */
#include <stdlib.h>
#include <string.h>

#include "server/api/store_int.h"

static const char sql_export_ideas[] =
	"SELECT " STORE_IDEA_COLS " FROM idea i"
	" LEFT JOIN account a ON a.id = i.author_id WHERE i.author_id = ?1"
	" ORDER BY i.id";
static const char sql_export_comments[] =
	"SELECT " STORE_COMMENT_COLS " FROM comment c"
	" LEFT JOIN account a ON a.id = c.author_id WHERE c.author_id = ?1"
	" ORDER BY c.id";
static const char sql_export_supports[] =
	"SELECT idea_id, created_at FROM support WHERE user_id = ?1"
	" ORDER BY created_at, idea_id";
static const char sql_export_ballots[] =
	"SELECT b.poll_id, b.updated_at, (SELECT group_concat(option_id) FROM"
	"  (SELECT option_id FROM ballot_choice WHERE ballot_id = b.id"
	"   ORDER BY position))"
	" FROM ballot b WHERE b.user_id = ?1 ORDER BY b.id";
static const char sql_export_responses[] =
	"SELECT id, survey_id, updated_at FROM response WHERE user_id = ?1"
	" ORDER BY id";
static const char sql_export_reports[] =
	"SELECT target, target_id, reason, created_at FROM report"
	" WHERE reporter_id = ?1 ORDER BY id";
static const char sql_export_sessions[] =
	"SELECT count(*) FROM session WHERE user_id = ?1 AND expires_at > ?2";

static int
support_row(sqlite3_stmt *q, void *elem)
{
	struct store_support_rec *r = elem;

	r->idea_id = sqlite3_column_int64(q, 0);
	r->created_at = sqlite3_column_int64(q, 1);
	return 0;
}

static void
nothing_clear(void *elem)
{
	(void)elem;
}

static int
ballot_row(sqlite3_stmt *q, void *elem)
{
	struct store_ballot *b = elem;

	b->poll_id = sqlite3_column_int64(q, 0);
	b->updated_at = sqlite3_column_int64(q, 1);
	return store_ids_parse((const char *)sqlite3_column_text(q, 2),
	    &b->choices, &b->n_choices);
}

static int
xresponse_row(sqlite3_stmt *q, void *elem)
{
	struct store_response *r = elem;

	r->id = sqlite3_column_int64(q, 0);
	r->survey_id = sqlite3_column_int64(q, 1);
	r->updated_at = sqlite3_column_int64(q, 2);
	return 0;
}

static int
report_row(sqlite3_stmt *q, void *elem)
{
	struct store_report_rec *r = elem;
	int oom = 0;

	r->target = sqlite3_column_int(q, 0);
	r->target_id = sqlite3_column_int64(q, 1);
	r->reason = store_col_str(q, 2, &oom);
	r->created_at = sqlite3_column_int64(q, 3);
	return oom ? STORE_ENOMEM : 0;
}

static void
report_clear(void *elem)
{
	free(((struct store_report_rec *)elem)->reason);
}

/* Reads every row of sql (?1 = user id) into a growing array. */
static int
export_all(struct store *s, const char *sql, int64_t user_id, size_t size,
    store_row_cb *row, store_clear_cb *clear, void **items, size_t *n)
{
	sqlite3_stmt *q;
	unsigned char *v = NULL, *tmp;
	size_t cap = 0, i;
	int rc;

	*items = NULL;
	*n = 0;
	if ((q = store_stmt(s, sql)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, user_id);
	while ((rc = store_step(s, q)) == 1) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((tmp = realloc(v, cap * size)) == NULL) {
				rc = STORE_ENOMEM;
				break;
			}
			v = tmp;
		}
		memset(v + *n * size, 0, size);
		if ((rc = row(q, v + *n * size)) != 0) {
			clear(v + *n * size);
			break;
		}
		(*n)++;
	}
	sqlite3_reset(q);
	if (rc < 0) {
		for (i = 0; i < *n; i++)
			clear(v + i * size);
		free(v);
		*n = 0;
		return rc;
	}
	*items = v;
	return 0;
}

void
store_export_free(struct store_export *e)
{
	size_t i;

	if (e == NULL)
		return;
	store_user_free(e->user);
	store_sshkey_list_free(e->sshkeys);
	for (i = 0; i < e->n_ideas; i++)
		store_idea_clear(&e->ideas[i]);
	free(e->ideas);
	for (i = 0; i < e->n_comments; i++)
		store_comment_clear(&e->comments[i]);
	free(e->comments);
	free(e->supports);
	for (i = 0; i < e->n_ballots; i++)
		store_ballot_clear(&e->ballots[i]);
	free(e->ballots);
	for (i = 0; i < e->n_responses; i++)
		store_response_clear(&e->responses[i]);
	free(e->responses);
	for (i = 0; i < e->n_reports; i++)
		report_clear(&e->reports[i]);
	free(e->reports);
	free(e);
}

int
store_export_user(struct store *s, int64_t user_id, int64_t now,
    struct store_export **out)
{
	struct store_export *e = NULL;
	sqlite3_stmt *q;
	size_t i;
	int rc;

	if (out == NULL)
		return STORE_EINVALID;
	*out = NULL;
	if (s == NULL)
		return STORE_EINVALID;
	if ((e = calloc(1, sizeof(*e))) == NULL)
		return STORE_ENOMEM;
	if ((rc = store_user_get(s, user_id, &e->user)) != 0)
		goto out;
	/* One read transaction: the export is one consistent snapshot. */
	if (!s->tx && (rc = sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL)) !=
	    SQLITE_OK) {
		rc = store_sqlerr(s, rc);
		goto out;
	}
	if ((rc = export_all(s, sql_export_ideas, user_id, sizeof(*e->ideas),
	    store_idea_row, store_idea_clear, (void **)&e->ideas,
	    &e->n_ideas)) != 0 ||
	    (rc = export_all(s, sql_export_comments, user_id,
	    sizeof(*e->comments), store_comment_row, store_comment_clear,
	    (void **)&e->comments, &e->n_comments)) != 0 ||
	    (rc = export_all(s, sql_export_supports, user_id,
	    sizeof(*e->supports), support_row, nothing_clear,
	    (void **)&e->supports, &e->n_supports)) != 0 ||
	    (rc = export_all(s, sql_export_ballots, user_id,
	    sizeof(*e->ballots), ballot_row, store_ballot_clear,
	    (void **)&e->ballots, &e->n_ballots)) != 0 ||
	    (rc = export_all(s, sql_export_responses, user_id,
	    sizeof(*e->responses), xresponse_row, store_response_clear,
	    (void **)&e->responses, &e->n_responses)) != 0 ||
	    (rc = export_all(s, sql_export_reports, user_id,
	    sizeof(*e->reports), report_row, report_clear,
	    (void **)&e->reports, &e->n_reports)) != 0)
		goto done;
	for (i = 0; i < e->n_responses; i++)
		if ((rc = store_response_answers(s, &e->responses[i])) != 0)
			goto done;
	if ((q = store_stmt(s, sql_export_sessions)) == NULL) {
		rc = STORE_EIO;
		goto done;
	}
	sqlite3_bind_int64(q, 1, user_id);
	sqlite3_bind_int64(q, 2, now);
	if ((rc = store_count(s, q, &e->n_sessions)) == 0)
		rc = store_sshkey_list(s, user_id, &e->sshkeys);
done:
	store_release(s);
	if (!s->tx)
		sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
out:
	store_release(s);
	if (rc != 0)
		store_export_free(e);
	else
		*out = e;
	return rc;
}
