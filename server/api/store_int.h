/* store_int.h — private helpers shared by the store_*.c files (SQLite only here). */
#ifndef MW_API_STORE_INT_H
#define MW_API_STORE_INT_H

#include <sqlite3.h>

#include "server/api/store.h"

#define STORE_STMT_MAX	256
#define STORE_USED_MAX	64

struct store_stmt {
	const char	*sql;	/* identity: the address of a static string */
	sqlite3_stmt	*st;
};

struct store {
	sqlite3			*db;
	int			 tx;		/* inside store_tx_begin() */
	unsigned int		 tx_bump;	/* areas to bump at its commit */
	void			(*wal_cb)(void *arg, int frames);
	void			*wal_arg;
	struct store_stmt	 cache[STORE_STMT_MAX];
	size_t			 n_cache;
	sqlite3_stmt		*used[STORE_USED_MAX];	/* to reset at the end of a call */
	size_t			 n_used;
	char			 err[256];
};

/* Returns the cached prepared statement for sql (a static string; the
 * pointer is the cache key), reset and without bindings, or NULL with the
 * error recorded. The statement is reset again by store_release(). */
sqlite3_stmt *store_stmt(struct store *s, const char *sql);
/* Resets every statement handed out since the last call, so no read
 * transaction stays open between calls. Every public function calls it. */
void	store_release(struct store *s);

/* Maps a SQLite result code to a STORE_E* code and records the message. */
int	store_sqlerr(struct store *s, int rc);
/* Records a message (printf style) for store_last_error(). */
void	store_seterr(struct store *s, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

/* Runs a statement without result rows (binds already done); returns 0 or
 * a STORE_E* code. */
int	store_step_done(struct store *s, sqlite3_stmt *q);
/* Steps once: 1 for a row, 0 for done, or a negative STORE_E* code. */
int	store_step(struct store *s, sqlite3_stmt *q);

/* Write brackets: BEGIN IMMEDIATE, or a SAVEPOINT inside store_tx_begin().
 * store_wr_end() commits/releases when rc == 0, else rolls back; returns rc
 * or the commit error. */
int	store_wr_begin(struct store *s);
int	store_wr_end(struct store *s, int rc);

/* Bumps the change counter of one STORE_AREA_* (inside a write). */
int	store_bump(struct store *s, unsigned int area);

/* Binding helpers: NULL text binds NULL; 0 id binds NULL with _id. */
int	store_bind_text(sqlite3_stmt *q, int i, const char *t);
int	store_bind_id(sqlite3_stmt *q, int i, int64_t id);

/* Returns a strdup of column i (NULL stays NULL); sets *oom on failure. */
char	*store_col_str(sqlite3_stmt *q, int i, int *oom);
/* Copies a language code into a STORE_LANG_MAX buffer. */
void	store_col_lang(sqlite3_stmt *q, int i, char *lang);

/*
 * The languages to read a city text in, for SQL: lang (as store_lang()
 * takes it), then the registry's fallback codes of lang (common/lang.c),
 * then "de" and its fallback codes, each once, space-separated with a
 * space at both ends (" ls de en ", " fr de en "). buf has n bytes
 * (STORE_CHAIN_MAX is enough); returns buf.
 */
#define STORE_CHAIN_MAX	64
const char *store_lang_chain(const char *lang, char *buf, size_t n);

/*
 * SQL: column col of the translation table tbl whose key column equals the
 * expression owner, taken from the first language of the chain (bound as
 * parameter p, from store_lang_chain()) that has col; STORE_TR_LANG names
 * that language. Each field falls back on its own, so an object can have
 * a translated title and a German description.
 */
#define STORE_TR_PICK(tbl, key, owner, col, p, what) \
	"(SELECT tr." what " FROM " tbl " tr WHERE tr." key " = " owner \
	" AND tr." col " IS NOT NULL AND instr(" p ", ' ' || tr.lang || ' ') > 0" \
	" ORDER BY instr(" p ", ' ' || tr.lang || ' ') LIMIT 1)"
#define STORE_TR_TEXT(tbl, key, owner, col, p) \
	STORE_TR_PICK(tbl, key, owner, col, p, col)
#define STORE_TR_LANG(tbl, key, owner, col, p) \
	STORE_TR_PICK(tbl, key, owner, col, p, "lang")

/* The language to query: lang when sane (a-z, '-', 2..15 chars), else "de". */
const char *store_lang(const char *lang);
/* Clamps a list limit to 1..100 (0 or less gives 20). */
int	store_limit(int limit);

/* Cursors: up to 3 integers, text "k1.k2.k3". store_cursor_parse() fills k
 * (n values expected) and returns 0, or STORE_EINVALID; NULL cursor gives 1. */
int	store_cursor_parse(const char *after, int64_t *k, int n);
char	*store_cursor_make(const int64_t *k, int n);

/* Translations: writes each language of the given fields of one object
 * with the statement upsert_sql, which must take (?1 owner id, ?2 lang,
 * ?3.. one text per field) and keep a field unchanged when NULL. Returns
 * STORE_EINVALID when require_de and no "de" is among them. */
int	store_tr_write(struct store *s, const char *upsert_sql, int64_t owner,
	    const struct store_trs *fields, size_t nfields, int require_de);

/* Adds the demo's Leichte Sprache, Turkish and Ukrainian texts to the
 * seeded first two votes (seed_l10n.c), inside the seed's transaction;
 * 0 or a STORE_E* code. */
int	store_seed_l10n(struct store *s);

/* Writes one audit log entry. */
int	store_audit_add(struct store *s, int64_t actor_id, const char *action,
	    const char *target, int64_t target_id, const char *detail,
	    int64_t now);

/* Parses "1,2,3" into a new array; returns 0 or STORE_ENOMEM/EINVALID. */
int	store_ids_parse(const char *txt, int64_t **ids, size_t *n);
/* Formats ids as "1,2,3" (new string), NULL when out of memory. */
char	*store_ids_format(const int64_t *ids, size_t n);

/* Phase of a window [opens, closes) at now. */
int	store_window_phase(int64_t opens, int64_t closes, int64_t now);

/* Fills one list element (already zeroed) from the current row; returns
 * 0 or STORE_ENOMEM. */
typedef int store_row_cb(sqlite3_stmt *q, void *elem);
/* Frees what an element holds (not the element itself). */
typedef void store_clear_cb(void *elem);

/* Fills the cursor keys (at most 3) of a list element; returns how many. */
typedef int store_key_cb(const void *elem, int64_t *k);

/*
 * Steps q (bound with LIMIT limit + 1) into a new array of at most limit
 * elements of size bytes, each filled by row; when a further row exists,
 * *next gets a new cursor made from the keys of the last element. On error
 * frees what it read. Returns 0 or a STORE_E* code.
 */
int	store_list_page(struct store *s, sqlite3_stmt *q, int limit, size_t size,
	    store_row_cb *row, store_clear_cb *clear, store_key_cb *key,
	    void **items, size_t *n, char **next);
/* Clears n elements of size bytes and frees the array; NULL-safe. */
void	store_items_free(void *items, size_t n, size_t size,
	    store_clear_cb *clear);
/* Prepares sql, binds id as ?1 and steps to its row: 0 with *q on the row,
 * STORE_ENOTFOUND when there is none, or another STORE_E* code. */
int	store_row_by_id(struct store *s, const char *sql, int64_t id,
	    sqlite3_stmt **q);
/* Runs a count(*) query into *total. */
int	store_count(struct store *s, sqlite3_stmt *q, int64_t *total);

/* Row readers shared with the export (store_content.c, store_poll.c,
 * store_survey.c); each reads the columns of its *_COLS macro. */
int	store_idea_row(sqlite3_stmt *q, void *elem);
void	store_idea_clear(void *elem);
int	store_comment_row(sqlite3_stmt *q, void *elem);
void	store_comment_clear(void *elem);
void	store_ballot_clear(void *elem);
void	store_response_clear(void *elem);
/* Loads the answers of a response (r->id set) in question order. */
int	store_response_answers(struct store *s, struct store_response *r);

#define STORE_IDEA_COLS "i.id, i.project_id, i.author_id, a.display_name," \
	" i.title, i.body, i.created_at, i.status, i.moderation_reason," \
	" i.supports, (SELECT count(*) FROM comment c WHERE c.idea_id = i.id" \
	" AND c.status = 2)"
#define STORE_COMMENT_COLS "c.id, c.idea_id, c.project_id, c.parent_id," \
	" c.author_id, a.display_name, c.body, c.created_at, c.status," \
	" c.moderation_reason"

/* Paper tallies (store_tally.c): reads the tallies of poll_id (or, with
 * poll_id 0, the one tally_id) with entries, lines and state into *l,
 * inside the caller's transaction; no store_release(). */
int	store_tally_read(struct store *s, int64_t poll_id, int64_t tally_id,
	    struct store_tally_list *l);
void	store_tally_list_clear(struct store_tally_list *l);

/* Schema (store_schema.c): migrates the open db to STORE_SCHEMA_VERSION. */
int	store_schema_migrate(struct store *s, char *err, size_t errsz);
/* The SQL of the step that brings version v-1 to v (1..STORE_SCHEMA_VERSION),
 * or NULL. Used by the schema test to build an old file. */
const char *store_schema_step(int v);

#endif
