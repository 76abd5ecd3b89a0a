/* store.c — the SQLite connection: open, statement cache, transactions, shared helpers. */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/lang.h"
#include "server/api/store_int.h"

const char *
store_err_str(int code)
{
	switch (code) {
	case STORE_OK:		return "ok";
	case STORE_ENOTFOUND:	return "not found";
	case STORE_ECONFLICT:	return "conflict";
	case STORE_ECLOSED:	return "closed";
	case STORE_EINVALID:	return "invalid argument";
	case STORE_ESCHEMA:	return "unsupported database schema";
	case STORE_EIO:		return "database error";
	case STORE_ENOMEM:	return "out of memory";
	case STORE_EBUSY:	return "database busy";
	case STORE_EDENIED:	return "proof not valid";
	default:		return "unknown error";
	}
}

void
store_seterr(struct store *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->err, sizeof(s->err), fmt, ap);
	va_end(ap);
}

const char *
store_last_error(const struct store *s)
{
	return s != NULL ? s->err : "no store";
}

int
store_sqlerr(struct store *s, int rc)
{
	store_seterr(s, "%s (%s)", sqlite3_errmsg(s->db), sqlite3_errstr(rc));
	switch (rc & 0xff) {
	case SQLITE_CONSTRAINT:
		return rc == SQLITE_CONSTRAINT_UNIQUE ||
		    rc == SQLITE_CONSTRAINT_PRIMARYKEY ? STORE_ECONFLICT :
		    STORE_EINVALID;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return STORE_EBUSY;
	case SQLITE_NOMEM:
		return STORE_ENOMEM;
	case SQLITE_NOTADB:
	case SQLITE_CORRUPT:
		return STORE_ESCHEMA;
	default:
		return STORE_EIO;
	}
}

static pthread_once_t store_once = PTHREAD_ONCE_INIT;

static int
store_exec(struct store *s, const char *sql)
{
	int rc;

	if ((rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL)) != SQLITE_OK)
		return store_sqlerr(s, rc);
	return 0;
}

/* Transaction and savepoint brackets run once per ballot in the writer:
 * prepared once (sql is a static string, the cache key) instead of being
 * parsed by sqlite3_exec() every time. */
static const char sql_begin[] = "BEGIN IMMEDIATE";
static const char sql_commit[] = "COMMIT";
static const char sql_savepoint[] = "SAVEPOINT w";
static const char sql_release[] = "RELEASE w";

static sqlite3_stmt *store_stmt_prepared(struct store *s, const char *sql);

static int
store_exec_cached(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	int rc;

	if ((st = store_stmt_prepared(s, sql)) == NULL)
		return STORE_EIO;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return store_sqlerr(s, rc);
	return 0;
}

/* SQLite's memory statistics take a global mutex on every allocation of
 * every connection; nothing here reads them. Must precede its
 * initialisation, hence once, before the first open. */
static void
store_global_init(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int
store_open(const char *path, struct store **out, char *err, size_t errsz)
{
	struct store *s = NULL;
	int rc, v;

	if (err != NULL && errsz > 0)
		err[0] = '\0';
	if (out == NULL)
		return STORE_EINVALID;
	*out = NULL;
	pthread_once(&store_once, store_global_init);
	if (path == NULL) {
		rc = STORE_EINVALID;
		goto out;
	}
	if ((s = calloc(1, sizeof(*s))) == NULL) {
		rc = STORE_ENOMEM;
		goto out;
	}
	/* FULLMUTEX is not needed: one connection is used by one thread. */
	rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		rc = s->db != NULL ? store_sqlerr(s, rc) : STORE_ENOMEM;
		goto out;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 5000);
	/* The schema check comes first so that a file of a newer program is
	 * refused before anything (even its journal mode) is touched.
	 * journal_mode=WAL persists in the file; the others are per
	 * connection. synchronous=FULL makes each commit durable in WAL. */
	if ((rc = store_exec(s, "PRAGMA foreign_keys=ON")) != 0 ||
	    (rc = store_schema_migrate(s, NULL, 0)) != 0 ||
	    (rc = store_exec(s, "PRAGMA journal_mode=WAL")) != 0 ||
	    (rc = store_exec(s, "PRAGMA synchronous=FULL")) != 0 ||
	    (rc = store_exec(s, "PRAGMA temp_store=MEMORY")) != 0)
		goto out;
	if ((rc = store_schema_version(s, &v)) != 0)
		goto out;
	*out = s;
	s = NULL;
out:
	if (rc != 0 && err != NULL && errsz > 0)
		snprintf(err, errsz, "%s: %s", path != NULL ? path : "(null)",
		    s != NULL && s->err[0] != '\0' ? s->err : store_err_str(rc));
	store_close(s);
	return rc;
}

void
store_close(struct store *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->n_cache; i++)
		sqlite3_finalize(s->cache[i].st);
	if (s->tx && s->db != NULL)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(s->db);
	free(s);
}

/* The cached prepared statement for sql, prepared on first use. */
static sqlite3_stmt *
store_stmt_prepared(struct store *s, const char *sql)
{
	struct store_stmt *c;
	sqlite3_stmt *st = NULL;
	size_t i;
	int rc;

	for (i = 0; i < s->n_cache; i++)
		if (s->cache[i].sql == sql)
			return s->cache[i].st;
	if (s->n_cache == STORE_STMT_MAX) {
		store_seterr(s, "statement cache full");
		return NULL;
	}
	rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st,
	    NULL);
	if (rc != SQLITE_OK) {
		store_sqlerr(s, rc);
		return NULL;
	}
	c = &s->cache[s->n_cache++];
	c->sql = sql;
	c->st = st;
	return st;
}

sqlite3_stmt *
store_stmt(struct store *s, const char *sql)
{
	sqlite3_stmt *st;
	size_t i;

	if ((st = store_stmt_prepared(s, sql)) == NULL)
		return NULL;
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	for (i = 0; i < s->n_used; i++)
		if (s->used[i] == st)
			return st;
	/* A call uses far fewer distinct statements than the list holds;
	 * were it full, the statement is reset by its own last step. */
	if (s->n_used < STORE_USED_MAX)
		s->used[s->n_used++] = st;
	return st;
}

void
store_release(struct store *s)
{
	size_t i;

	for (i = 0; i < s->n_used; i++)
		sqlite3_reset(s->used[i]);
	s->n_used = 0;
}

int
store_step(struct store *s, sqlite3_stmt *q)
{
	int rc;

	if (q == NULL)
		return STORE_EIO;
	rc = sqlite3_step(q);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	return store_sqlerr(s, rc);
}

int
store_step_done(struct store *s, sqlite3_stmt *q)
{
	int rc = store_step(s, q);

	if (q != NULL)
		sqlite3_reset(q);
	return rc > 0 ? 0 : rc;
}

int
store_wr_begin(struct store *s)
{
	return store_exec_cached(s, s->tx ? sql_savepoint : sql_begin);
}

int
store_wr_end(struct store *s, int rc)
{
	int rc2;

	store_release(s);
	if (s->tx) {
		if (rc != 0)
			sqlite3_exec(s->db, "ROLLBACK TO w", NULL, NULL, NULL);
		rc2 = store_exec_cached(s, sql_release);
		return rc != 0 ? rc : rc2;
	}
	if (rc == 0) {
		if ((rc = store_exec_cached(s, sql_commit)) == 0)
			return 0;
	}
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

int
store_tx_begin(struct store *s)
{
	int rc;

	if (s == NULL || s->tx)
		return STORE_EINVALID;
	if ((rc = store_exec_cached(s, sql_begin)) != 0)
		return rc;
	s->tx = 1;
	s->tx_bump = 0;
	return 0;
}

int
store_tx_commit(struct store *s)
{
	unsigned int area;
	int rc;

	if (s == NULL || !s->tx)
		return STORE_EINVALID;
	store_release(s);
	s->tx = 0;
	/* The group's version bumps, once per area instead of per write. */
	for (area = 1; area != 0 && s->tx_bump != 0; area <<= 1) {
		if ((s->tx_bump & area) == 0)
			continue;
		s->tx_bump &= ~area;
		if ((rc = store_bump(s, area)) != 0) {
			store_release(s);
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return rc;
		}
	}
	store_release(s);
	if ((rc = store_exec_cached(s, sql_commit)) != 0 &&
	    !sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

int
store_tx_rollback(struct store *s)
{
	if (s == NULL || !s->tx)
		return 0;
	store_release(s);
	s->tx = 0;
	s->tx_bump = 0;
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return 0;
}

static int
store_wal_hook(void *arg, sqlite3 *db, const char *name, int frames)
{
	struct store *s = arg;

	(void)db;
	(void)name;
	s->wal_cb(s->wal_arg, frames);
	return SQLITE_OK;
}

void
store_wal_watch(struct store *s, void (*cb)(void *arg, int frames),
    void *arg)
{
	if (s == NULL || cb == NULL)
		return;
	s->wal_cb = cb;
	s->wal_arg = arg;
	/* Replaces SQLite's own hook, which checkpoints at 1000 frames. */
	sqlite3_wal_hook(s->db, store_wal_hook, s);
}

int
store_checkpoint(struct store *s)
{
	int rc;

	if (s == NULL)
		return STORE_EINVALID;
	rc = sqlite3_wal_checkpoint_v2(s->db, NULL, SQLITE_CHECKPOINT_PASSIVE,
	    NULL, NULL);
	if (rc == SQLITE_OK)
		return 0;
	return store_sqlerr(s, rc);
}

static const char sql_bump[] =
	"UPDATE meta_version SET version = version + 1 WHERE area = ?1";

int
store_bump(struct store *s, unsigned int area)
{
	sqlite3_stmt *q;

	/* Inside a group the bump waits for store_tx_commit(): one row
	 * update per group, not one per ballot. */
	if (s->tx) {
		s->tx_bump |= area;
		return 0;
	}
	q = store_stmt(s, sql_bump);
	if (q == NULL)
		return STORE_EIO;
	sqlite3_bind_int(q, 1, (int)area);
	return store_step_done(s, q);
}

static const char sql_version[] =
	"SELECT coalesce(sum(version), 0) FROM meta_version"
	" WHERE (area & ?1) != 0";

int
store_data_version(struct store *s, unsigned int mask, uint64_t *version)
{
	sqlite3_stmt *q;
	int rc;

	if (version == NULL)
		return STORE_EINVALID;
	*version = 0;
	if (s == NULL)
		return STORE_EINVALID;
	if ((q = store_stmt(s, sql_version)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int(q, 1, (int)mask);
	if ((rc = store_step(s, q)) == 1) {
		*version = (uint64_t)sqlite3_column_int64(q, 0);
		rc = 0;
	}
	store_release(s);
	return rc;
}

int
store_bind_text(sqlite3_stmt *q, int i, const char *t)
{
	if (t == NULL)
		return sqlite3_bind_null(q, i);
	return sqlite3_bind_text(q, i, t, -1, SQLITE_STATIC);
}

int
store_bind_id(sqlite3_stmt *q, int i, int64_t id)
{
	if (id <= 0)
		return sqlite3_bind_null(q, i);
	return sqlite3_bind_int64(q, i, id);
}

char *
store_col_str(sqlite3_stmt *q, int i, int *oom)
{
	const unsigned char *t = sqlite3_column_text(q, i);
	char *r;

	if (t == NULL)
		return NULL;
	if ((r = strdup((const char *)t)) == NULL)
		*oom = 1;
	return r;
}

void
store_col_lang(sqlite3_stmt *q, int i, char *lang)
{
	const unsigned char *t = sqlite3_column_text(q, i);

	snprintf(lang, STORE_LANG_MAX, "%s", t != NULL ? (const char *)t : "de");
}

const char *
store_lang(const char *lang)
{
	size_t i;

	if (lang == NULL)
		return "de";
	for (i = 0; lang[i] != '\0'; i++) {
		if (!((lang[i] >= 'a' && lang[i] <= 'z') || lang[i] == '-') ||
		    i + 1 >= STORE_LANG_MAX)
			return "de";
	}
	return i >= 2 ? lang : "de";
}

/* Appends code to the chain in buf unless it is there already. */
static void
store_chain_add(char *buf, size_t n, const char *code, size_t k)
{
	char key[STORE_LANG_MAX + 2];
	size_t len = strlen(buf);

	if (k == 0 || k >= STORE_LANG_MAX)
		return;
	snprintf(key, sizeof(key), " %.*s ", (int)k, code);
	if (strstr(buf, key) == NULL && len + k + 1 < n)
		snprintf(buf + len, n - len, "%.*s ", (int)k, code);
}

/* Appends code and the registry's fallback codes of it. */
static void
store_chain_lang(char *buf, size_t n, const char *code)
{
	const struct lang *l;
	const char *f;
	size_t k;

	store_chain_add(buf, n, code, strlen(code));
	if ((l = lang_find(code)) == NULL || (f = l->fallback) == NULL)
		return;
	while (*(f += strspn(f, " ")) != '\0') {
		k = strcspn(f, " ");
		store_chain_add(buf, n, f, k);
		f += k;
	}
}

const char *
store_lang_chain(const char *lang, char *buf, size_t n)
{
	if (n < 2)
		return "";
	snprintf(buf, n, " ");
	store_chain_lang(buf, n, store_lang(lang));
	/* German is required, so it ends every chain, with its own
	 * fallback for texts given in other languages only. */
	store_chain_lang(buf, n, "de");
	return buf;
}

int
store_limit(int limit)
{
	if (limit <= 0)
		return 20;
	return limit > 100 ? 100 : limit;
}

int
store_cursor_parse(const char *after, int64_t *k, int n)
{
	const char *p = after;
	char *end;
	int i;

	if (after == NULL || after[0] == '\0')
		return 1;
	for (i = 0; i < n; i++) {
		if (!(*p == '-' || (*p >= '0' && *p <= '9')))
			return STORE_EINVALID;
		errno = 0;
		k[i] = strtoll(p, &end, 10);
		if (errno != 0 || end == p)
			return STORE_EINVALID;
		p = end;
		if (i + 1 < n) {
			if (*p != '.')
				return STORE_EINVALID;
			p++;
		}
	}
	return *p == '\0' ? 0 : STORE_EINVALID;
}

char *
store_cursor_make(const int64_t *k, int n)
{
	char buf[3 * 24];
	size_t len = 0;
	int i;

	for (i = 0; i < n && i < 3; i++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len,
		    i ? ".%" PRId64 : "%" PRId64, k[i]);
	return strdup(buf);
}

int
store_tr_write(struct store *s, const char *upsert_sql, int64_t owner,
    const struct store_trs *fields, size_t nfields, int require_de)
{
	sqlite3_stmt *q;
	const char *langs[64];
	size_t nl = 0, f, i, j;
	int have_de = 0, rc;

	/* Collect the distinct languages over all fields. */
	for (f = 0; f < nfields; f++) {
		for (i = 0; i < fields[f].n; i++) {
			const char *l = fields[f].v[i].lang;

			if (l == NULL || store_lang(l) != l ||
			    fields[f].v[i].text == NULL)
				return STORE_EINVALID;
			for (j = 0; j < nl; j++)
				if (strcmp(langs[j], l) == 0)
					break;
			if (j == nl) {
				if (nl == sizeof(langs) / sizeof(langs[0]))
					return STORE_EINVALID;
				langs[nl++] = l;
			}
			if (strcmp(l, "de") == 0 && f == 0)
				have_de = 1;
		}
	}
	if (require_de && !have_de) {
		store_seterr(s, "translatable text without \"de\"");
		return STORE_EINVALID;
	}
	for (j = 0; j < nl; j++) {
		if ((q = store_stmt(s, upsert_sql)) == NULL)
			return STORE_EIO;
		sqlite3_bind_int64(q, 1, owner);
		store_bind_text(q, 2, langs[j]);
		for (f = 0; f < nfields; f++) {
			for (i = 0; i < fields[f].n; i++) {
				if (strcmp(fields[f].v[i].lang, langs[j]) == 0) {
					store_bind_text(q, 3 + (int)f,
					    fields[f].v[i].text);
					break;
				}
			}
		}
		if ((rc = store_step_done(s, q)) != 0)
			return rc;
	}
	return 0;
}

static const char sql_audit_add[] =
	"INSERT INTO audit(actor_id, action, target, target_id, detail,"
	" created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

int
store_audit_add(struct store *s, int64_t actor_id, const char *action,
    const char *target, int64_t target_id, const char *detail, int64_t now)
{
	sqlite3_stmt *q = store_stmt(s, sql_audit_add);

	if (q == NULL)
		return STORE_EIO;
	store_bind_id(q, 1, actor_id);
	store_bind_text(q, 2, action);
	store_bind_text(q, 3, target);
	sqlite3_bind_int64(q, 4, target_id);
	store_bind_text(q, 5, detail);
	sqlite3_bind_int64(q, 6, now);
	return store_step_done(s, q);
}

int
store_ids_parse(const char *txt, int64_t **ids, size_t *n)
{
	int64_t *v = NULL;
	const char *p;
	size_t cap = 1, k = 0;
	char *end;

	*ids = NULL;
	*n = 0;
	if (txt == NULL || *txt == '\0')
		return 0;
	for (p = txt; *p != '\0'; p++)
		if (*p == ',')
			cap++;
	if ((v = calloc(cap, sizeof(*v))) == NULL)
		return STORE_ENOMEM;
	for (p = txt; k < cap; k++) {
		v[k] = strtoll(p, &end, 10);
		if (end == p) {
			free(v);
			return STORE_EINVALID;
		}
		p = *end == ',' ? end + 1 : end;
	}
	*ids = v;
	*n = k;
	return 0;
}

char *
store_ids_format(const int64_t *ids, size_t n)
{
	char *buf;
	size_t i, len = 0, cap = n * 21 + 1;

	if ((buf = malloc(cap)) == NULL)
		return NULL;
	buf[0] = '\0';
	for (i = 0; i < n; i++)
		len += (size_t)snprintf(buf + len, cap - len,
		    i ? ",%" PRId64 : "%" PRId64, ids[i]);
	return buf;
}

int
store_window_phase(int64_t opens, int64_t closes, int64_t now)
{
	if (now < opens)
		return STORE_PHASE_UPCOMING;
	if (closes > 0 && now >= closes)
		return STORE_PHASE_CLOSED;
	return STORE_PHASE_OPEN;
}

/* Enum names: one table per enum, index = value. */
static const char *const role_names[] = { NULL, "citizen", "moderator",
	"staff", "admin" };
static const char *const user_status_names[] = { NULL, "pending", "active",
	"deleted" };
static const char *const phase_names[] = { NULL, "upcoming", "open",
	"closed" };
static const char *const post_names[] = { NULL, "pending", "published",
	"rejected", "hidden" };
static const char *const poll_kind_names[] = { NULL, "single", "multiple",
	"ranking" };
static const char *const question_kind_names[] = { NULL, "single",
	"multiple", "text", "scale" };

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))

static const char *
enum_name(const char *const *names, int n, int v)
{
	return v > 0 && v < n ? names[v] : NULL;
}

static int
enum_parse(const char *const *names, int n, const char *name)
{
	int i;

	if (name == NULL)
		return 0;
	for (i = 1; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return 0;
}

const char *
store_role_name(int role)
{
	return enum_name(role_names, NELEM(role_names), role);
}

int
store_role_parse(const char *name)
{
	return enum_parse(role_names, NELEM(role_names), name);
}

const char *
store_user_status_name(int status)
{
	return enum_name(user_status_names, NELEM(user_status_names), status);
}

const char *
store_phase_name(int phase)
{
	return enum_name(phase_names, NELEM(phase_names), phase);
}

int
store_phase_parse(const char *name)
{
	return enum_parse(phase_names, NELEM(phase_names), name);
}

const char *
store_post_status_name(int status)
{
	return enum_name(post_names, NELEM(post_names), status);
}

const char *
store_poll_kind_name(int kind)
{
	return enum_name(poll_kind_names, NELEM(poll_kind_names), kind);
}

int
store_poll_kind_parse(const char *name)
{
	return enum_parse(poll_kind_names, NELEM(poll_kind_names), name);
}

const char *
store_question_kind_name(int kind)
{
	return enum_name(question_kind_names, NELEM(question_kind_names), kind);
}

int
store_question_kind_parse(const char *name)
{
	return enum_parse(question_kind_names, NELEM(question_kind_names), name);
}

int
store_list_page(struct store *s, sqlite3_stmt *q, int limit, size_t size,
    store_row_cb *row, store_clear_cb *clear, store_key_cb *key,
    void **items, size_t *n, char **next)
{
	unsigned char *v;
	int64_t k[3];
	size_t cnt = 0;
	int rc, more = 0;

	*items = NULL;
	*n = 0;
	*next = NULL;
	if ((v = calloc((size_t)limit, size)) == NULL)
		return STORE_ENOMEM;
	while ((rc = store_step(s, q)) == 1) {
		if (cnt == (size_t)limit) {
			more = 1;
			break;
		}
		if ((rc = row(q, v + cnt * size)) != 0) {
			clear(v + cnt * size);
			break;
		}
		cnt++;
	}
	sqlite3_reset(q);
	if (rc >= 0 && more && (*next = store_cursor_make(k,
	    key(v + (cnt - 1) * size, k))) == NULL)
		rc = STORE_ENOMEM;
	if (rc < 0) {
		store_items_free(v, cnt, size, clear);
		return rc;
	}
	*items = v;
	*n = cnt;
	return 0;
}

void
store_items_free(void *items, size_t n, size_t size, store_clear_cb *clear)
{
	size_t i;

	if (items == NULL)
		return;
	for (i = 0; i < n; i++)
		clear((unsigned char *)items + i * size);
	free(items);
}

int
store_row_by_id(struct store *s, const char *sql, int64_t id,
    sqlite3_stmt **q)
{
	int rc;

	if ((*q = store_stmt(s, sql)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(*q, 1, id);
	if ((rc = store_step(s, *q)) < 0)
		return rc;
	return rc == 1 ? 0 : STORE_ENOTFOUND;
}

int
store_count(struct store *s, sqlite3_stmt *q, int64_t *total)
{
	int rc;

	*total = 0;
	if ((rc = store_step(s, q)) == 1) {
		*total = sqlite3_column_int64(q, 0);
		rc = 0;
	} else if (rc == 0)
		rc = STORE_EIO;
	sqlite3_reset(q);
	return rc;
}
