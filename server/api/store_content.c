/* store_content.c — projects, ideas, supports, comments, reports, moderation and audit log. */
#include <stdlib.h>
#include <string.h>

#include "server/api/store_int.h"

/* --- Projects ---------------------------------------------------------- */

/* ?1 = the language chain (store_lang_chain()). Each text comes from the
 * first language of the chain that has it; columns 6, 15 and 16 name the
 * languages of title, summary and description. Column 14 is the status
 * order for lists. */
#define PROJECT_TR(col) STORE_TR_TEXT("project_tr", "project_id", "p.id", col, "?1")
#define PROJECT_TRL(col) STORE_TR_LANG("project_tr", "project_id", "p.id", col, "?1")
#define PROJECT_SELECT(desc, desc_lang) "SELECT p.id, p.slug, p.category," \
	PROJECT_TR("title") "," PROJECT_TR("summary") ", " desc "," \
	PROJECT_TRL("title") ", p.status, p.starts_at, p.ends_at," \
	" p.ideas_open," \
	" (SELECT count(*) FROM idea i WHERE i.project_id = p.id AND i.status = 2)," \
	" (SELECT count(*) FROM comment c WHERE c.project_id = p.id AND c.status = 2)," \
	" (SELECT count(*) FROM participant pa WHERE pa.project_id = p.id)," \
	" CASE p.status WHEN 2 THEN 0 WHEN 1 THEN 1 ELSE 2 END," \
	PROJECT_TRL("summary") ", " desc_lang " FROM project p"

/* Order: open, upcoming, closed; newest start first; then id. The cursor
 * is (status order, -starts_at, id). */
static const char sql_project_list[] = PROJECT_SELECT("NULL", "NULL")
	" WHERE (?2 = 0 OR p.status = ?2) AND (?3 IS NULL OR p.category = ?3)"
	" AND (?4 IS NULL OR (CASE p.status WHEN 2 THEN 0 WHEN 1 THEN 1 ELSE 2 END,"
	"  -p.starts_at, p.id) > (?4, ?5, ?6))"
	" ORDER BY 15, p.starts_at DESC, p.id LIMIT ?7";
static const char sql_project_count[] =
	"SELECT count(*) FROM project p"
	" WHERE (?1 = 0 OR p.status = ?1) AND (?2 IS NULL OR p.category = ?2)";
static const char sql_project_get[] =
	PROJECT_SELECT(PROJECT_TR("description"),
	    PROJECT_TRL("description"))
	" WHERE (?2 > 0 AND p.id = ?2) OR (?2 = 0 AND p.slug = ?3)";

static void
project_clear(void *elem)
{
	struct store_project *p = elem;

	free(p->slug);
	free(p->category);
	free(p->title);
	free(p->summary);
	free(p->description);
}

void
store_project_free(struct store_project *p)
{
	if (p == NULL)
		return;
	project_clear(p);
	free(p);
}

void
store_project_list_free(struct store_project_list *l)
{
	if (l == NULL)
		return;
	store_items_free(l->items, l->n, sizeof(*l->items),
	    project_clear);
	free(l->next);
	memset(l, 0, sizeof(*l));
}

static int
project_row(sqlite3_stmt *q, void *elem)
{
	struct store_project *p = elem;
	int oom = 0;

	p->id = sqlite3_column_int64(q, 0);
	p->slug = store_col_str(q, 1, &oom);
	p->category = store_col_str(q, 2, &oom);
	p->title = store_col_str(q, 3, &oom);
	p->summary = store_col_str(q, 4, &oom);
	p->description = store_col_str(q, 5, &oom);
	store_col_lang(q, 6, p->lang);
	p->status = sqlite3_column_int(q, 7);
	p->starts_at = sqlite3_column_int64(q, 8);
	p->ends_at = sqlite3_column_int64(q, 9);
	p->ideas_open = sqlite3_column_int(q, 10);
	p->n_ideas = sqlite3_column_int64(q, 11);
	p->n_comments = sqlite3_column_int64(q, 12);
	p->n_participants = sqlite3_column_int64(q, 13);
	store_col_lang(q, 15, p->summary_lang);
	if (p->description != NULL)
		store_col_lang(q, 16, p->description_lang);
	return oom ? STORE_ENOMEM : 0;
}

/* The cursor: (status order, -starts_at, id), ascending. */
static int
project_key(const void *elem, int64_t *k)
{
	const struct store_project *p = elem;

	k[0] = p->status == STORE_PHASE_OPEN ? 0 :
	    p->status == STORE_PHASE_UPCOMING ? 1 : 2;
	k[1] = -p->starts_at;
	k[2] = p->id;
	return 3;
}

int
store_project_list(struct store *s, int status, const char *category,
    const char *lang, int limit, const char *after,
    struct store_project_list *out)
{
	sqlite3_stmt *q;
	char chain[STORE_CHAIN_MAX];
	int64_t k[3];
	int rc, cur;

	if (out == NULL)
		return STORE_EINVALID;
	memset(out, 0, sizeof(*out));
	if (s == NULL || status < 0 || status > STORE_PHASE_CLOSED)
		return STORE_EINVALID;
	if ((cur = store_cursor_parse(after, k, 3)) < 0)
		return cur;
	limit = store_limit(limit);
	if ((q = store_stmt(s, sql_project_list)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	store_bind_text(q, 1, store_lang_chain(lang, chain, sizeof(chain)));
	sqlite3_bind_int(q, 2, status);
	store_bind_text(q, 3, category);
	if (cur == 0) {
		sqlite3_bind_int64(q, 4, k[0]);
		sqlite3_bind_int64(q, 5, k[1]);
		sqlite3_bind_int64(q, 6, k[2]);
	}
	sqlite3_bind_int(q, 7, limit + 1);
	if ((rc = store_list_page(s, q, limit, sizeof(*out->items), project_row,
	    project_clear, project_key, (void **)&out->items, &out->n,
	    &out->next)) != 0)
		goto out;
	if ((q = store_stmt(s, sql_project_count)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int(q, 1, status);
	store_bind_text(q, 2, category);
	rc = store_count(s, q, &out->total);
out:
	store_release(s);
	if (rc != 0)
		store_project_list_free(out);
	return rc;
}

int
store_project_get(struct store *s, int64_t id, const char *slug,
    const char *lang, struct store_project **out)
{
	struct store_project *p = NULL;
	char chain[STORE_CHAIN_MAX];
	sqlite3_stmt *q;
	int rc;

	if (out == NULL)
		return STORE_EINVALID;
	*out = NULL;
	if (s == NULL || (id <= 0 && slug == NULL))
		return STORE_EINVALID;
	if ((q = store_stmt(s, sql_project_get)) == NULL)
		return STORE_EIO;
	store_bind_text(q, 1, store_lang_chain(lang, chain, sizeof(chain)));
	sqlite3_bind_int64(q, 2, id > 0 ? id : 0);
	store_bind_text(q, 3, slug);
	if ((rc = store_step(s, q)) == 1) {
		if ((p = calloc(1, sizeof(*p))) == NULL)
			rc = STORE_ENOMEM;
		else if ((rc = project_row(q, p)) == 0) {
			*out = p;
			p = NULL;
		}
	} else if (rc == 0)
		rc = STORE_ENOTFOUND;
	store_release(s);
	store_project_free(p);
	return rc;
}

static const char sql_project_insert[] =
	"INSERT INTO project(slug, category, status, starts_at, ends_at,"
	" ideas_open, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char sql_project_tr[] =
	"INSERT INTO project_tr(project_id, lang, title, summary, description)"
	" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(project_id, lang) DO UPDATE"
	" SET title = coalesce(excluded.title, title),"
	" summary = coalesce(excluded.summary, summary),"
	" description = coalesce(excluded.description, description)";
static const char sql_project_update[] =
	"UPDATE project SET"
	" slug = CASE WHEN ?2 & 1 THEN ?3 ELSE slug END,"
	" category = CASE WHEN ?2 & 2 THEN ?4 ELSE category END,"
	" status = CASE WHEN ?2 & 32 THEN ?5 ELSE status END,"
	" starts_at = CASE WHEN ?2 & 64 THEN ?6 ELSE starts_at END,"
	" ends_at = CASE WHEN ?2 & 128 THEN ?7 ELSE ends_at END,"
	" ideas_open = CASE WHEN ?2 & 256 THEN ?8 ELSE ideas_open END"
	" WHERE id = ?1";

_Static_assert(STORE_PF_SLUG == 1 && STORE_PF_CATEGORY == 2 &&
    STORE_PF_STATUS == 32 && STORE_PF_STARTS == 64 && STORE_PF_ENDS == 128 &&
    STORE_PF_IDEAS_OPEN == 256, "bits used in sql_project_update");

/* Slugs are a-z 0-9 '-', 1..64 characters. */
static int
project_slug_ok(const char *slug)
{
	size_t i;

	if (slug == NULL || slug[0] == '\0')
		return 0;
	for (i = 0; slug[i] != '\0'; i++)
		if (i >= 64 || !((slug[i] >= 'a' && slug[i] <= 'z') ||
		    (slug[i] >= '0' && slug[i] <= '9') || slug[i] == '-'))
			return 0;
	return 1;
}

int
store_project_create(struct store *s, const struct store_project_new *in,
    int64_t now, int64_t actor_id, int64_t *id)
{
	struct store_trs f[3];
	sqlite3_stmt *q;
	int64_t pid = 0;
	int rc;

	if (id != NULL)
		*id = 0;
	if (s == NULL || in == NULL || !project_slug_ok(in->slug) ||
	    in->category == NULL || store_phase_name(in->status) == NULL)
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	if ((q = store_stmt(s, sql_project_insert)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	store_bind_text(q, 1, in->slug);
	store_bind_text(q, 2, in->category);
	sqlite3_bind_int(q, 3, in->status);
	sqlite3_bind_int64(q, 4, in->starts_at);
	sqlite3_bind_int64(q, 5, in->ends_at);
	sqlite3_bind_int(q, 6, in->ideas_open != 0);
	sqlite3_bind_int64(q, 7, now);
	if ((rc = store_step_done(s, q)) != 0)
		goto out;
	pid = sqlite3_last_insert_rowid(s->db);
	f[0] = in->title;
	f[1] = in->summary;
	f[2] = in->description;
	if ((rc = store_tr_write(s, sql_project_tr, pid, f, 3, 1)) != 0 ||
	    (rc = store_audit_add(s, actor_id, "project.create", "project",
	    pid, in->slug, now)) != 0)
		goto out;
	rc = store_bump(s, STORE_AREA_CONTENT);
out:
	rc = store_wr_end(s, rc);
	if (rc == 0 && id != NULL)
		*id = pid;
	return rc;
}

int
store_project_update(struct store *s, int64_t id,
    const struct store_project_new *in, unsigned int fields, int64_t now,
    int64_t actor_id)
{
	static const struct store_trs none;
	struct store_trs f[3];
	sqlite3_stmt *q;
	int rc;

	if (s == NULL || in == NULL ||
	    ((fields & STORE_PF_SLUG) && !project_slug_ok(in->slug)) ||
	    ((fields & STORE_PF_CATEGORY) && in->category == NULL) ||
	    ((fields & STORE_PF_STATUS) && store_phase_name(in->status) == NULL))
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	if ((q = store_stmt(s, sql_project_update)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int(q, 2, (int)fields);
	store_bind_text(q, 3, in->slug);
	store_bind_text(q, 4, in->category);
	sqlite3_bind_int(q, 5, in->status);
	sqlite3_bind_int64(q, 6, in->starts_at);
	sqlite3_bind_int64(q, 7, in->ends_at);
	sqlite3_bind_int(q, 8, in->ideas_open != 0);
	if ((rc = store_step_done(s, q)) != 0)
		goto out;
	if (sqlite3_changes(s->db) == 0) {
		rc = STORE_ENOTFOUND;
		goto out;
	}
	f[0] = (fields & STORE_PF_TITLE) ? in->title : none;
	f[1] = (fields & STORE_PF_SUMMARY) ? in->summary : none;
	f[2] = (fields & STORE_PF_DESCRIPTION) ? in->description : none;
	if ((rc = store_tr_write(s, sql_project_tr, id, f, 3, 0)) != 0 ||
	    (rc = store_audit_add(s, actor_id, "project.update", "project",
	    id, NULL, now)) != 0)
		goto out;
	rc = store_bump(s, STORE_AREA_CONTENT);
out:
	return store_wr_end(s, rc);
}

/* ?1 project, ?2 the language chain. */
static const char sql_formats_polls[] =
	"SELECT o.id, " STORE_TR_TEXT("poll_tr", "poll_id", "o.id", "title", "?2")
	", o.kind, o.opens_at, o.closes_at"
	" FROM poll o WHERE o.project_id = ?1 ORDER BY o.id";
static const char sql_formats_surveys[] =
	"SELECT v.id, " STORE_TR_TEXT("survey_tr", "survey_id", "v.id", "title",
	"?2") ", 0, v.opens_at, v.closes_at"
	" FROM survey v WHERE v.project_id = ?1 ORDER BY v.id";
static const char sql_project_exists[] = "SELECT 1 FROM project WHERE id = ?1";

void
store_formats_free(struct store_formats *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->n_polls; i++)
		free(f->polls[i].title);
	for (i = 0; i < f->n_surveys; i++)
		free(f->surveys[i].title);
	free(f->polls);
	free(f->surveys);
	free(f);
}

static int
formats_read(struct store *s, const char *sql, int64_t project_id,
    const char *lang, int64_t now, struct store_format **v, size_t *n)
{
	struct store_format *a = NULL, *tmp;
	char chain[STORE_CHAIN_MAX];
	sqlite3_stmt *q;
	size_t cap = 0;
	int rc, oom = 0;

	if ((q = store_stmt(s, sql)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, project_id);
	store_bind_text(q, 2, store_lang_chain(lang, chain, sizeof(chain)));
	while ((rc = store_step(s, q)) == 1) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 4;
			if ((tmp = realloc(a, cap * sizeof(*a))) == NULL) {
				rc = STORE_ENOMEM;
				break;
			}
			a = tmp;
		}
		a[*n].id = sqlite3_column_int64(q, 0);
		a[*n].title = store_col_str(q, 1, &oom);
		a[*n].kind = sqlite3_column_int(q, 2);
		a[*n].status = store_window_phase(sqlite3_column_int64(q, 3),
		    sqlite3_column_int64(q, 4), now);
		(*n)++;
		if (oom) {
			rc = STORE_ENOMEM;
			break;
		}
	}
	*v = a;
	return rc < 0 ? rc : 0;
}

int
store_project_formats(struct store *s, int64_t project_id, const char *lang,
    int64_t now, struct store_formats **out)
{
	struct store_formats *f = NULL;
	sqlite3_stmt *q;
	int rc;

	if (out == NULL)
		return STORE_EINVALID;
	*out = NULL;
	if (s == NULL)
		return STORE_EINVALID;
	if ((rc = store_row_by_id(s, sql_project_exists, project_id, &q)) != 0)
		goto out;
	if ((f = calloc(1, sizeof(*f))) == NULL) {
		rc = STORE_ENOMEM;
		goto out;
	}
	if ((rc = formats_read(s, sql_formats_polls, project_id, lang, now,
	    &f->polls, &f->n_polls)) != 0 ||
	    (rc = formats_read(s, sql_formats_surveys, project_id, lang, now,
	    &f->surveys, &f->n_surveys)) != 0)
		goto out;
	*out = f;
	f = NULL;
out:
	store_release(s);
	store_formats_free(f);
	return rc;
}

/* --- Ideas ------------------------------------------------------------ */

void
store_idea_clear(void *elem)
{
	struct store_idea *i = elem;

	free(i->author);
	free(i->title);
	free(i->body);
	free(i->moderation_reason);
}

void
store_idea_free(struct store_idea *i)
{
	if (i == NULL)
		return;
	store_idea_clear(i);
	free(i);
}

void
store_idea_list_free(struct store_idea_list *l)
{
	if (l == NULL)
		return;
	store_items_free(l->items, l->n, sizeof(*l->items),
	    store_idea_clear);
	free(l->next);
	memset(l, 0, sizeof(*l));
}

/* Reads STORE_IDEA_COLS, then supported_by_me in column 11 if present. */
int
store_idea_row(sqlite3_stmt *q, void *elem)
{
	struct store_idea *i = elem;
	int oom = 0;

	i->id = sqlite3_column_int64(q, 0);
	i->project_id = sqlite3_column_int64(q, 1);
	i->author_id = sqlite3_column_int64(q, 2);
	i->author = store_col_str(q, 3, &oom);
	i->title = store_col_str(q, 4, &oom);
	i->body = store_col_str(q, 5, &oom);
	i->created_at = sqlite3_column_int64(q, 6);
	i->status = sqlite3_column_int(q, 7);
	i->moderation_reason = store_col_str(q, 8, &oom);
	i->supports = sqlite3_column_int64(q, 9);
	i->comments = sqlite3_column_int64(q, 10);
	if (sqlite3_column_count(q) > 11)
		i->supported_by_me = sqlite3_column_int(q, 11) != 0;
	return oom ? STORE_ENOMEM : 0;
}

/* ?1 viewer, ?2 project, ?3 all, ?4/?5 cursor, ?6 limit. Lists carry no
 * body. The cursor is (supports, id) or (created_at, id), descending. The
 * public variants (only published ideas: anonymous viewers) walk the
 * indexes idea_top / idea_new in order without sorting. */
#define IDEA_LIST_COLS "SELECT i.id, i.project_id, i.author_id," \
	" a.display_name, i.title, NULL, i.created_at, i.status," \
	" i.moderation_reason, i.supports, (SELECT count(*) FROM comment c" \
	" WHERE c.idea_id = i.id AND c.status = 2)," \
	" EXISTS(SELECT 1 FROM support su WHERE su.idea_id = i.id" \
	"  AND su.user_id = ?1)" \
	" FROM idea i LEFT JOIN account a ON a.id = i.author_id" \
	" WHERE i.project_id = ?2"
#define IDEA_LIST_SELECT IDEA_LIST_COLS \
	" AND (?3 != 0 OR i.status = 2 OR (?1 > 0 AND i.author_id = ?1))"
#define IDEA_LIST_PUBLIC IDEA_LIST_COLS " AND i.status = 2 AND ?3 = 0"
#define IDEA_TOP " AND (?4 IS NULL OR (i.supports, i.id) < (?4, ?5))" \
	" ORDER BY i.supports DESC, i.id DESC LIMIT ?6"
#define IDEA_NEW " AND (?4 IS NULL OR (i.created_at, i.id) < (?4, ?5))" \
	" ORDER BY i.created_at DESC, i.id DESC LIMIT ?6"
static const char sql_idea_list_top[] = IDEA_LIST_SELECT IDEA_TOP;
static const char sql_idea_list_new[] = IDEA_LIST_SELECT IDEA_NEW;
static const char sql_idea_list_top_pub[] = IDEA_LIST_PUBLIC IDEA_TOP;
static const char sql_idea_list_new_pub[] = IDEA_LIST_PUBLIC IDEA_NEW;
static const char sql_idea_count[] =
	"SELECT count(*) FROM idea i WHERE i.project_id = ?2"
	" AND (?3 != 0 OR i.status = 2 OR (?1 > 0 AND i.author_id = ?1))";

static int
idea_key_top(const void *elem, int64_t *k)
{
	const struct store_idea *i = elem;

	k[0] = i->supports;
	k[1] = i->id;
	return 2;
}

static int
idea_key_new(const void *elem, int64_t *k)
{
	const struct store_idea *i = elem;

	k[0] = i->created_at;
	k[1] = i->id;
	return 2;
}

int
store_idea_list(struct store *s, int64_t project_id, int sort,
    int64_t viewer_id, int all, int limit, const char *after,
    struct store_idea_list *out)
{
	sqlite3_stmt *q;
	int64_t k[2];
	int rc, cur;

	if (out == NULL)
		return STORE_EINVALID;
	memset(out, 0, sizeof(*out));
	if (s == NULL || (sort != STORE_SORT_NEW && sort != STORE_SORT_TOP))
		return STORE_EINVALID;
	if ((cur = store_cursor_parse(after, k, 2)) < 0)
		return cur;
	limit = store_limit(limit);
	if ((rc = store_row_by_id(s, sql_project_exists, project_id, &q)) != 0)
		goto out;
	if (viewer_id <= 0 && !all)
		q = store_stmt(s, sort == STORE_SORT_TOP ?
		    sql_idea_list_top_pub : sql_idea_list_new_pub);
	else
		q = store_stmt(s, sort == STORE_SORT_TOP ? sql_idea_list_top :
		    sql_idea_list_new);
	if (q == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, viewer_id);
	sqlite3_bind_int64(q, 2, project_id);
	sqlite3_bind_int(q, 3, all != 0);
	if (cur == 0) {
		sqlite3_bind_int64(q, 4, k[0]);
		sqlite3_bind_int64(q, 5, k[1]);
	}
	sqlite3_bind_int(q, 6, limit + 1);
	if ((rc = store_list_page(s, q, limit, sizeof(*out->items),
	    store_idea_row, store_idea_clear, sort == STORE_SORT_TOP ?
	    idea_key_top : idea_key_new, (void **)&out->items, &out->n,
	    &out->next)) != 0)
		goto out;
	if ((q = store_stmt(s, sql_idea_count)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, viewer_id);
	sqlite3_bind_int64(q, 2, project_id);
	sqlite3_bind_int(q, 3, all != 0);
	rc = store_count(s, q, &out->total);
out:
	store_release(s);
	if (rc != 0)
		store_idea_list_free(out);
	return rc;
}

static const char sql_idea_get[] =
	"SELECT " STORE_IDEA_COLS ", EXISTS(SELECT 1 FROM support su"
	" WHERE su.idea_id = i.id AND su.user_id = ?2)"
	" FROM idea i LEFT JOIN account a ON a.id = i.author_id WHERE i.id = ?1";

int
store_idea_get(struct store *s, int64_t id, int64_t viewer_id,
    struct store_idea **out)
{
	struct store_idea *i = NULL;
	sqlite3_stmt *q;
	int rc;

	if (out == NULL)
		return STORE_EINVALID;
	*out = NULL;
	if (s == NULL)
		return STORE_EINVALID;
	if ((q = store_stmt(s, sql_idea_get)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, viewer_id);
	if ((rc = store_step(s, q)) == 1) {
		if ((i = calloc(1, sizeof(*i))) == NULL)
			rc = STORE_ENOMEM;
		else if ((rc = store_idea_row(q, i)) == 0) {
			*out = i;
			i = NULL;
		}
	} else if (rc == 0)
		rc = STORE_ENOTFOUND;
	store_release(s);
	store_idea_free(i);
	return rc;
}

static const char sql_project_state[] =
	"SELECT status, ideas_open FROM project WHERE id = ?1";
static const char sql_idea_insert[] =
	"INSERT INTO idea(project_id, author_id, title, body, status,"
	" created_at) VALUES (?1, ?2, ?3, ?4, 1, ?5)";

int
store_idea_create(struct store *s, int64_t project_id, int64_t author_id,
    const char *title, const char *body, int64_t now, int64_t *id)
{
	sqlite3_stmt *q;
	int64_t iid = 0;
	int rc;

	if (id != NULL)
		*id = 0;
	if (s == NULL || title == NULL || body == NULL || author_id <= 0)
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	if ((rc = store_row_by_id(s, sql_project_state, project_id, &q)) != 0)
		goto out;
	if (sqlite3_column_int(q, 0) != STORE_PHASE_OPEN ||
	    !sqlite3_column_int(q, 1)) {
		rc = STORE_ECLOSED;
		goto out;
	}
	if ((q = store_stmt(s, sql_idea_insert)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, project_id);
	sqlite3_bind_int64(q, 2, author_id);
	store_bind_text(q, 3, title);
	store_bind_text(q, 4, body);
	sqlite3_bind_int64(q, 5, now);
	if ((rc = store_step_done(s, q)) != 0)
		goto out;
	iid = sqlite3_last_insert_rowid(s->db);
	rc = store_bump(s, STORE_AREA_CONTENT);
out:
	rc = store_wr_end(s, rc);
	if (rc == 0 && id != NULL)
		*id = iid;
	return rc;
}

static const char sql_idea_state[] =
	"SELECT i.status, p.status, i.project_id FROM idea i"
	" JOIN project p ON p.id = i.project_id WHERE i.id = ?1";
static const char sql_support_add[] =
	"INSERT INTO support(idea_id, user_id, created_at) VALUES (?1, ?2, ?3)"
	" ON CONFLICT(idea_id, user_id) DO NOTHING";
static const char sql_support_del[] =
	"DELETE FROM support WHERE idea_id = ?1 AND user_id = ?2";
static const char sql_support_inc[] =
	"UPDATE idea SET supports = supports + ?2 WHERE id = ?1"
	" RETURNING supports";
static const char sql_idea_supports[] = "SELECT supports FROM idea WHERE id = ?1";

int
store_support_set(struct store *s, int64_t idea_id, int64_t user_id, int on,
    int64_t now, int64_t *supports)
{
	sqlite3_stmt *q;
	int64_t n = 0;
	int rc, changed;

	if (supports != NULL)
		*supports = 0;
	if (s == NULL || user_id <= 0)
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	if ((q = store_stmt(s, sql_idea_state)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, idea_id);
	if ((rc = store_step(s, q)) <= 0 ||
	    sqlite3_column_int(q, 0) != STORE_POST_PUBLISHED) {
		rc = rc < 0 ? rc : STORE_ENOTFOUND;
		goto out;
	}
	if (sqlite3_column_int(q, 1) != STORE_PHASE_OPEN) {
		rc = STORE_ECLOSED;
		goto out;
	}
	if ((q = store_stmt(s, on ? sql_support_add : sql_support_del)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, idea_id);
	sqlite3_bind_int64(q, 2, user_id);
	if (on)
		sqlite3_bind_int64(q, 3, now);
	if ((rc = store_step_done(s, q)) != 0)
		goto out;
	changed = sqlite3_changes(s->db) > 0;
	q = store_stmt(s, changed ? sql_support_inc : sql_idea_supports);
	if (q == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, idea_id);
	if (changed)
		sqlite3_bind_int(q, 2, on ? 1 : -1);
	if ((rc = store_step(s, q)) <= 0) {
		rc = rc == 0 ? STORE_EIO : rc;
		goto out;
	}
	n = sqlite3_column_int64(q, 0);
	if ((rc = store_step(s, q)) < 0)
		goto out;
	rc = changed ? store_bump(s, STORE_AREA_CONTENT) : 0;
out:
	rc = store_wr_end(s, rc);
	if (rc == 0 && supports != NULL)
		*supports = n;
	return rc;
}

/* --- Comments --------------------------------------------------------- */

void
store_comment_clear(void *elem)
{
	struct store_comment *c = elem;

	free(c->author);
	free(c->body);
	free(c->moderation_reason);
}

void
store_comment_free(struct store_comment *c)
{
	if (c == NULL)
		return;
	store_comment_clear(c);
	free(c);
}

void
store_comment_list_free(struct store_comment_list *l)
{
	if (l == NULL)
		return;
	store_items_free(l->items, l->n, sizeof(*l->items),
	    store_comment_clear);
	free(l->next);
	memset(l, 0, sizeof(*l));
}

int
store_comment_row(sqlite3_stmt *q, void *elem)
{
	struct store_comment *c = elem;
	int oom = 0;

	c->id = sqlite3_column_int64(q, 0);
	c->idea_id = sqlite3_column_int64(q, 1);
	c->project_id = sqlite3_column_int64(q, 2);
	c->parent_id = sqlite3_column_int64(q, 3);
	c->author_id = sqlite3_column_int64(q, 4);
	c->author = store_col_str(q, 5, &oom);
	c->body = store_col_str(q, 6, &oom);
	c->created_at = sqlite3_column_int64(q, 7);
	c->status = sqlite3_column_int(q, 8);
	c->moderation_reason = store_col_str(q, 9, &oom);
	return oom ? STORE_ENOMEM : 0;
}

/* ?1 viewer, ?2 idea (NULL: the project itself), ?3 project, ?4 all,
 * ?5..?7 cursor, ?8 limit. Threads in order of their first comment,
 * replies right after their parent: key (thread, is reply, id). */
#define COMMENT_WHERE " WHERE c.project_id = ?3 AND c.idea_id IS ?2" \
	" AND (?4 != 0 OR c.status = 2 OR (?1 > 0 AND c.author_id = ?1))"
static const char sql_comment_list[] =
	"SELECT " STORE_COMMENT_COLS " FROM comment c"
	" LEFT JOIN account a ON a.id = c.author_id" COMMENT_WHERE
	" AND (?5 IS NULL OR (coalesce(c.parent_id, c.id),"
	"  c.parent_id IS NOT NULL, c.id) > (?5, ?6, ?7))"
	" ORDER BY coalesce(c.parent_id, c.id), c.parent_id IS NOT NULL, c.id"
	" LIMIT ?8";
static const char sql_comment_count[] =
	"SELECT count(*) FROM comment c" COMMENT_WHERE;
static const char sql_idea_project[] =
	"SELECT project_id FROM idea WHERE id = ?1";

/* Finds the project of the target: the idea's when idea_id > 0, else
 * checks project_id exists. */
static int
comment_target(struct store *s, int64_t idea_id, int64_t *project_id)
{
	sqlite3_stmt *q;
	int rc;

	q = store_stmt(s, idea_id > 0 ? sql_idea_project : sql_project_exists);
	if (q == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, idea_id > 0 ? idea_id : *project_id);
	if ((rc = store_step(s, q)) <= 0)
		return rc == 0 ? STORE_ENOTFOUND : rc;
	if (idea_id > 0)
		*project_id = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	return 0;
}

/* Binds ?1..?4 of the comment list and count statements. */
static void
comment_bind(sqlite3_stmt *q, int64_t viewer_id, int64_t idea_id,
    int64_t project_id, int all)
{
	sqlite3_bind_int64(q, 1, viewer_id);
	store_bind_id(q, 2, idea_id);
	sqlite3_bind_int64(q, 3, project_id);
	sqlite3_bind_int(q, 4, all != 0);
}

/* The cursor: (thread, is reply, id). */
static int
comment_key(const void *elem, int64_t *k)
{
	const struct store_comment *c = elem;

	k[0] = c->parent_id > 0 ? c->parent_id : c->id;
	k[1] = c->parent_id > 0;
	k[2] = c->id;
	return 3;
}

int
store_comment_list(struct store *s, int64_t idea_id, int64_t project_id,
    int64_t viewer_id, int all, int limit, const char *after,
    struct store_comment_list *out)
{
	sqlite3_stmt *q;
	int64_t k[3];
	int rc, cur;

	if (out == NULL)
		return STORE_EINVALID;
	memset(out, 0, sizeof(*out));
	if (s == NULL || (idea_id <= 0 && project_id <= 0))
		return STORE_EINVALID;
	if ((cur = store_cursor_parse(after, k, 3)) < 0)
		return cur;
	limit = store_limit(limit);
	if ((rc = comment_target(s, idea_id, &project_id)) != 0)
		goto out;
	if ((q = store_stmt(s, sql_comment_list)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	comment_bind(q, viewer_id, idea_id, project_id, all);
	if (cur == 0) {
		sqlite3_bind_int64(q, 5, k[0]);
		sqlite3_bind_int64(q, 6, k[1]);
		sqlite3_bind_int64(q, 7, k[2]);
	}
	sqlite3_bind_int(q, 8, limit + 1);
	if ((rc = store_list_page(s, q, limit, sizeof(*out->items),
	    store_comment_row, store_comment_clear, comment_key,
	    (void **)&out->items, &out->n, &out->next)) != 0)
		goto out;
	if ((q = store_stmt(s, sql_comment_count)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	comment_bind(q, viewer_id, idea_id, project_id, all);
	rc = store_count(s, q, &out->total);
out:
	store_release(s);
	if (rc != 0)
		store_comment_list_free(out);
	return rc;
}

static const char sql_comment_get[] =
	"SELECT " STORE_COMMENT_COLS " FROM comment c"
	" LEFT JOIN account a ON a.id = c.author_id WHERE c.id = ?1";

int
store_comment_get(struct store *s, int64_t id, struct store_comment **out)
{
	struct store_comment *c = NULL;
	sqlite3_stmt *q;
	int rc;

	if (out == NULL)
		return STORE_EINVALID;
	*out = NULL;
	if (s == NULL)
		return STORE_EINVALID;
	if ((q = store_stmt(s, sql_comment_get)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, id);
	if ((rc = store_step(s, q)) == 1) {
		if ((c = calloc(1, sizeof(*c))) == NULL)
			rc = STORE_ENOMEM;
		else if ((rc = store_comment_row(q, c)) == 0) {
			*out = c;
			c = NULL;
		}
	} else if (rc == 0)
		rc = STORE_ENOTFOUND;
	store_release(s);
	store_comment_free(c);
	return rc;
}

static const char sql_project_status[] =
	"SELECT status FROM project WHERE id = ?1";
static const char sql_comment_parent[] =
	"SELECT idea_id, project_id, parent_id FROM comment WHERE id = ?1";
static const char sql_comment_insert[] =
	"INSERT INTO comment(project_id, idea_id, parent_id, author_id, body,"
	" status, created_at) VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6)";

/* Checks that the target takes comments: the idea published, the project
 * open. Sets *project_id. */
static int
comment_target_open(struct store *s, int64_t idea_id, int64_t *project_id)
{
	sqlite3_stmt *q;
	int rc;

	if (idea_id > 0) {
		if ((q = store_stmt(s, sql_idea_state)) == NULL)
			return STORE_EIO;
		sqlite3_bind_int64(q, 1, idea_id);
		if ((rc = store_step(s, q)) <= 0)
			return rc == 0 ? STORE_ENOTFOUND : rc;
		if (sqlite3_column_int(q, 0) != STORE_POST_PUBLISHED)
			return STORE_ENOTFOUND;
		*project_id = sqlite3_column_int64(q, 2);
		return sqlite3_column_int(q, 1) == STORE_PHASE_OPEN ? 0 :
		    STORE_ECLOSED;
	}
	if ((q = store_stmt(s, sql_project_status)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, *project_id);
	if ((rc = store_step(s, q)) <= 0)
		return rc == 0 ? STORE_ENOTFOUND : rc;
	return sqlite3_column_int(q, 0) == STORE_PHASE_OPEN ? 0 : STORE_ECLOSED;
}

int
store_comment_create(struct store *s, int64_t idea_id, int64_t project_id,
    int64_t parent_id, int64_t author_id, const char *body, int64_t now,
    int64_t *id)
{
	sqlite3_stmt *q;
	int64_t cid = 0;
	int rc;

	if (id != NULL)
		*id = 0;
	if (s == NULL || body == NULL || author_id <= 0 ||
	    (idea_id <= 0 && project_id <= 0))
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	if ((rc = comment_target_open(s, idea_id, &project_id)) != 0)
		goto out;
	if (parent_id > 0) {
		if ((rc = store_row_by_id(s, sql_comment_parent, parent_id, &q)) != 0)
			goto out;
		/* One level of replies, inside the same idea or project. */
		if (sqlite3_column_int64(q, 0) != (idea_id > 0 ? idea_id : 0) ||
		    sqlite3_column_int64(q, 1) != project_id ||
		    sqlite3_column_type(q, 2) != SQLITE_NULL) {
			rc = STORE_EINVALID;
			goto out;
		}
	}
	if ((q = store_stmt(s, sql_comment_insert)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, project_id);
	store_bind_id(q, 2, idea_id);
	store_bind_id(q, 3, parent_id);
	sqlite3_bind_int64(q, 4, author_id);
	store_bind_text(q, 5, body);
	sqlite3_bind_int64(q, 6, now);
	if ((rc = store_step_done(s, q)) != 0)
		goto out;
	cid = sqlite3_last_insert_rowid(s->db);
	rc = store_bump(s, STORE_AREA_CONTENT);
out:
	rc = store_wr_end(s, rc);
	if (rc == 0 && id != NULL)
		*id = cid;
	return rc;
}

/* --- Reports and moderation ------------------------------------------ */

static const char sql_idea_exists[] = "SELECT 1 FROM idea WHERE id = ?1";
static const char sql_comment_exists[] = "SELECT 1 FROM comment WHERE id = ?1";
static const char sql_report_upsert[] =
	"INSERT INTO report(target, target_id, reporter_id, reason, created_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5)"
	" ON CONFLICT(target, target_id, reporter_id) DO UPDATE"
	" SET reason = excluded.reason, created_at = excluded.created_at,"
	" handled_at = NULL";

int
store_report_create(struct store *s, int target, int64_t target_id,
    int64_t reporter_id, const char *reason, int64_t now)
{
	sqlite3_stmt *q;
	int rc;

	if (s == NULL || reason == NULL || reporter_id <= 0 ||
	    (target != STORE_TARGET_IDEA && target != STORE_TARGET_COMMENT))
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	q = store_stmt(s, target == STORE_TARGET_IDEA ? sql_idea_exists :
	    sql_comment_exists);
	if (q == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, target_id);
	if ((rc = store_step(s, q)) <= 0) {
		rc = rc == 0 ? STORE_ENOTFOUND : rc;
		goto out;
	}
	if ((q = store_stmt(s, sql_report_upsert)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int(q, 1, target);
	sqlite3_bind_int64(q, 2, target_id);
	sqlite3_bind_int64(q, 3, reporter_id);
	store_bind_text(q, 4, reason);
	sqlite3_bind_int64(q, 5, now);
	if ((rc = store_step_done(s, q)) != 0)
		goto out;
	rc = store_bump(s, STORE_AREA_CONTENT);
out:
	return store_wr_end(s, rc);
}

static void
queue_clear(void *elem)
{
	struct store_queue_item *it = elem;

	free(it->title);
	free(it->body);
	free(it->author);
	free(it->reason);
	free(it->reporter);
	free(it->project_title);
	free(it->idea_title);
	free(it->parent_body);
	free(it->parent_author);
}

void
store_queue_free(struct store_queue *q)
{
	if (q == NULL)
		return;
	store_items_free(q->items, q->n, sizeof(*q->items),
	    queue_clear);
	free(q->next);
	memset(q, 0, sizeof(*q));
}

static int
queue_row(sqlite3_stmt *q, void *elem)
{
	struct store_queue_item *it = elem;
	int oom = 0;

	it->id = sqlite3_column_int64(q, 0);
	it->target = sqlite3_column_int(q, 1);
	it->target_id = sqlite3_column_int64(q, 2);
	it->project_id = sqlite3_column_int64(q, 3);
	it->idea_id = sqlite3_column_int64(q, 4);
	it->title = store_col_str(q, 5, &oom);
	it->body = store_col_str(q, 6, &oom);
	it->author = store_col_str(q, 7, &oom);
	it->status = sqlite3_column_int(q, 8);
	it->created_at = sqlite3_column_int64(q, 9);
	it->reason = store_col_str(q, 10, &oom);
	it->reporter = store_col_str(q, 11, &oom);
	it->project_title = store_col_str(q, 12, &oom);
	it->idea_title = store_col_str(q, 13, &oom);
	it->parent_id = sqlite3_column_int64(q, 14);
	it->parent_body = store_col_str(q, 15, &oom);
	it->parent_author = store_col_str(q, 16, &oom);
	return oom ? STORE_ENOMEM : 0;
}

/* ?1/?2 cursor (created_at, id), ?3 limit, ?4 language of the project
 * title; oldest first. Columns 12.. are the context: the project's title,
 * the title of the idea a comment belongs to, the comment it answers. */
static const char sql_queue_ideas[] =
	"SELECT i.id, 1, i.id, i.project_id, i.id, i.title, i.body,"
	" a.display_name, i.status, i.created_at, NULL, NULL,"
	" (SELECT coalesce(t.title, d.title) FROM project_tr d"
	" LEFT JOIN project_tr t ON t.project_id = d.project_id AND t.lang = ?4"
	" WHERE d.project_id = i.project_id AND d.lang = 'de'),"
	" NULL, 0, NULL, NULL"
	" FROM idea i LEFT JOIN account a ON a.id = i.author_id"
	" WHERE i.status = 1 AND (?1 IS NULL OR (i.created_at, i.id) > (?1, ?2))"
	" ORDER BY i.created_at, i.id LIMIT ?3";
static const char sql_queue_ideas_n[] =
	"SELECT count(*) FROM idea WHERE status = 1";
static const char sql_queue_comments[] =
	"SELECT c.id, 2, c.id, c.project_id, coalesce(c.idea_id, 0), NULL,"
	" c.body, a.display_name, c.status, c.created_at, NULL, NULL,"
	" (SELECT coalesce(t.title, d.title) FROM project_tr d"
	" LEFT JOIN project_tr t ON t.project_id = d.project_id AND t.lang = ?4"
	" WHERE d.project_id = c.project_id AND d.lang = 'de'),"
	" (SELECT title FROM idea WHERE id = c.idea_id), coalesce(c.parent_id, 0),"
	" (SELECT body FROM comment p WHERE p.id = c.parent_id),"
	" (SELECT pa.display_name FROM comment p JOIN account pa"
	" ON pa.id = p.author_id WHERE p.id = c.parent_id)"
	" FROM comment c LEFT JOIN account a ON a.id = c.author_id"
	" WHERE c.status = 1 AND (?1 IS NULL OR (c.created_at, c.id) > (?1, ?2))"
	" ORDER BY c.created_at, c.id LIMIT ?3";
static const char sql_queue_comments_n[] =
	"SELECT count(*) FROM comment WHERE status = 1";
static const char sql_queue_reports[] =
	"SELECT r.id, r.target, r.target_id, coalesce(i.project_id, c.project_id),"
	" coalesce(i.id, c.idea_id, 0), i.title, coalesce(i.body, c.body),"
	" a.display_name, coalesce(i.status, c.status), r.created_at, r.reason,"
	" ra.display_name,"
	" (SELECT coalesce(t.title, d.title) FROM project_tr d"
	" LEFT JOIN project_tr t ON t.project_id = d.project_id AND t.lang = ?4"
	" WHERE d.project_id = coalesce(i.project_id, c.project_id) AND d.lang = 'de'),"
	" (SELECT title FROM idea WHERE id = c.idea_id), coalesce(c.parent_id, 0),"
	" (SELECT body FROM comment p WHERE p.id = c.parent_id),"
	" (SELECT pa.display_name FROM comment p JOIN account pa"
	" ON pa.id = p.author_id WHERE p.id = c.parent_id)"
	" FROM report r"
	" LEFT JOIN idea i ON r.target = 1 AND i.id = r.target_id"
	" LEFT JOIN comment c ON r.target = 2 AND c.id = r.target_id"
	" LEFT JOIN account a ON a.id = coalesce(i.author_id, c.author_id)"
	" LEFT JOIN account ra ON ra.id = r.reporter_id"
	" WHERE r.handled_at IS NULL"
	" AND (?1 IS NULL OR (r.created_at, r.id) > (?1, ?2))"
	" ORDER BY r.created_at, r.id LIMIT ?3";
static const char sql_queue_reports_n[] =
	"SELECT count(*) FROM report WHERE handled_at IS NULL";

static int
queue_key(const void *elem, int64_t *k)
{
	const struct store_queue_item *it = elem;

	k[0] = it->created_at;
	k[1] = it->id;
	return 2;
}

int
store_queue_list(struct store *s, int type, int limit, const char *after,
    struct store_queue *out)
{
	return store_queue_list_lang(s, type, limit, after, "de", out);
}

int
store_queue_list_lang(struct store *s, int type, int limit, const char *after,
    const char *lang, struct store_queue *out)
{
	static const char *const sql[][2] = {
		{ sql_queue_ideas, sql_queue_ideas_n },
		{ sql_queue_comments, sql_queue_comments_n },
		{ sql_queue_reports, sql_queue_reports_n },
	};
	sqlite3_stmt *q;
	int64_t k[2];
	int rc, cur;

	if (out == NULL)
		return STORE_EINVALID;
	memset(out, 0, sizeof(*out));
	if (s == NULL || type < STORE_QUEUE_IDEAS || type > STORE_QUEUE_REPORTS)
		return STORE_EINVALID;
	if ((cur = store_cursor_parse(after, k, 2)) < 0)
		return cur;
	limit = store_limit(limit);
	if ((q = store_stmt(s, sql[type - 1][0])) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	if (cur == 0) {
		sqlite3_bind_int64(q, 1, k[0]);
		sqlite3_bind_int64(q, 2, k[1]);
	}
	sqlite3_bind_int(q, 3, limit + 1);
	store_bind_text(q, 4, store_lang(lang));
	if ((rc = store_list_page(s, q, limit, sizeof(*out->items), queue_row,
	    queue_clear, queue_key, (void **)&out->items, &out->n,
	    &out->next)) != 0)
		goto out;
	if ((q = store_stmt(s, sql[type - 1][1])) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	rc = store_count(s, q, &out->total);
out:
	store_release(s);
	if (rc != 0)
		store_queue_free(out);
	return rc;
}

static const char sql_moderate_idea[] =
	"UPDATE idea SET status = ?2, moderation_reason = ?3 WHERE id = ?1";
static const char sql_moderate_comment[] =
	"UPDATE comment SET status = ?2, moderation_reason = ?3 WHERE id = ?1";
static const char sql_reports_handled[] =
	"UPDATE report SET handled_at = ?3 WHERE target = ?1 AND target_id = ?2"
	" AND handled_at IS NULL";

int
store_moderate(struct store *s, int target, int64_t target_id, int action,
    const char *reason, int64_t moderator_id, int64_t now)
{
	static const char *const action_names[] = { NULL, "approve", "reject",
		"hide" };
	static const int action_status[] = { 0, STORE_POST_PUBLISHED,
		STORE_POST_REJECTED, STORE_POST_HIDDEN };
	sqlite3_stmt *q;
	int rc;

	if (s == NULL || (target != STORE_TARGET_IDEA &&
	    target != STORE_TARGET_COMMENT) ||
	    action < STORE_MOD_APPROVE || action > STORE_MOD_HIDE)
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	q = store_stmt(s, target == STORE_TARGET_IDEA ? sql_moderate_idea :
	    sql_moderate_comment);
	if (q == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, target_id);
	sqlite3_bind_int(q, 2, action_status[action]);
	store_bind_text(q, 3, action == STORE_MOD_APPROVE ? NULL : reason);
	if ((rc = store_step_done(s, q)) != 0)
		goto out;
	if (sqlite3_changes(s->db) == 0) {
		rc = STORE_ENOTFOUND;
		goto out;
	}
	if ((q = store_stmt(s, sql_reports_handled)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int(q, 1, target);
	sqlite3_bind_int64(q, 2, target_id);
	sqlite3_bind_int64(q, 3, now);
	if ((rc = store_step_done(s, q)) != 0 ||
	    (rc = store_audit_add(s, moderator_id, action_names[action],
	    target == STORE_TARGET_IDEA ? "idea" : "comment", target_id,
	    reason, now)) != 0)
		goto out;
	rc = store_bump(s, STORE_AREA_CONTENT);
out:
	return store_wr_end(s, rc);
}

/* --- Audit log -------------------------------------------------------- */

static void
audit_clear(void *elem)
{
	struct store_audit *a = elem;

	free(a->actor);
	free(a->action);
	free(a->target);
	free(a->detail);
}

void
store_audit_list_free(struct store_audit_list *l)
{
	if (l == NULL)
		return;
	store_items_free(l->items, l->n, sizeof(*l->items),
	    audit_clear);
	free(l->next);
	memset(l, 0, sizeof(*l));
}

static int
audit_row(sqlite3_stmt *q, void *elem)
{
	struct store_audit *a = elem;
	int oom = 0;

	a->id = sqlite3_column_int64(q, 0);
	a->actor_id = sqlite3_column_int64(q, 1);
	a->actor = store_col_str(q, 2, &oom);
	a->action = store_col_str(q, 3, &oom);
	a->target = store_col_str(q, 4, &oom);
	a->target_id = sqlite3_column_int64(q, 5);
	a->detail = store_col_str(q, 6, &oom);
	a->created_at = sqlite3_column_int64(q, 7);
	return oom ? STORE_ENOMEM : 0;
}

static const char sql_audit_list[] =
	"SELECT au.id, au.actor_id, ac.username, au.action, au.target,"
	" au.target_id, au.detail, au.created_at FROM audit au"
	" LEFT JOIN account ac ON ac.id = au.actor_id"
	" WHERE (?1 IS NULL OR au.id < ?1) ORDER BY au.id DESC LIMIT ?2";
static const char sql_audit_count[] = "SELECT count(*) FROM audit";

static int
audit_key(const void *elem, int64_t *k)
{
	k[0] = ((const struct store_audit *)elem)->id;
	return 1;
}

int
store_audit_list(struct store *s, int limit, const char *after,
    struct store_audit_list *out)
{
	sqlite3_stmt *q;
	int64_t k[1];
	int rc, cur;

	if (out == NULL)
		return STORE_EINVALID;
	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return STORE_EINVALID;
	if ((cur = store_cursor_parse(after, k, 1)) < 0)
		return cur;
	limit = store_limit(limit);
	if ((q = store_stmt(s, sql_audit_list)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	if (cur == 0)
		sqlite3_bind_int64(q, 1, k[0]);
	sqlite3_bind_int(q, 2, limit + 1);
	if ((rc = store_list_page(s, q, limit, sizeof(*out->items), audit_row,
	    audit_clear, audit_key, (void **)&out->items, &out->n,
	    &out->next)) != 0)
		goto out;
	if ((q = store_stmt(s, sql_audit_count)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	rc = store_count(s, q, &out->total);
out:
	store_release(s);
	if (rc != 0)
		store_audit_list_free(out);
	return rc;
}
