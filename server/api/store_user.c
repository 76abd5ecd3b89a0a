/* store_user.c — accounts, sessions and one-time tokens (hashes only). */
#include <stdlib.h>
#include <string.h>

#include "server/api/store_int.h"

#define USER_COLS "a.id, a.username, a.display_name, a.email, a.locale," \
	" a.role, a.status, a.created_at"

void
store_user_free(struct store_user *u)
{
	if (u == NULL)
		return;
	free(u->username);
	free(u->display_name);
	free(u->email);
	free(u->locale);
	if (u->pwhash != NULL) {
		memset(u->pwhash, 0, strlen(u->pwhash));
		free(u->pwhash);
	}
	free(u);
}

/* Reads USER_COLS starting at column 0 (and pwhash at column 8 when
 * with_hash) into a new struct; NULL when out of memory. */
static struct store_user *
user_row(sqlite3_stmt *q, int with_hash)
{
	struct store_user *u;
	int oom = 0;

	if ((u = calloc(1, sizeof(*u))) == NULL)
		return NULL;
	u->id = sqlite3_column_int64(q, 0);
	u->username = store_col_str(q, 1, &oom);
	u->display_name = store_col_str(q, 2, &oom);
	u->email = store_col_str(q, 3, &oom);
	u->locale = store_col_str(q, 4, &oom);
	u->role = sqlite3_column_int(q, 5);
	u->status = sqlite3_column_int(q, 6);
	u->created_at = sqlite3_column_int64(q, 7);
	if (with_hash)
		u->pwhash = store_col_str(q, 8, &oom);
	if (oom) {
		store_user_free(u);
		return NULL;
	}
	return u;
}

/* Runs a prepared user query and hands over the one row. */
static int
user_fetch(struct store *s, sqlite3_stmt *q, int with_hash,
    struct store_user **out)
{
	int rc;

	if ((rc = store_step(s, q)) == 1) {
		rc = (*out = user_row(q, with_hash)) != NULL ? 0 : STORE_ENOMEM;
	} else if (rc == 0)
		rc = STORE_ENOTFOUND;
	return rc;
}

static const char sql_user_taken[] =
	"SELECT (SELECT count(*) FROM account WHERE username = ?1),"
	" (SELECT count(*) FROM account WHERE email = ?2)";
static const char sql_user_insert[] =
	"INSERT INTO account(username, email, display_name, locale, role,"
	" status, pwhash, created_at) VALUES (?1, ?2, coalesce(?3, ?1),"
	" coalesce(?4, 'de'), ?5, ?6, ?7, ?8)";

/* Registrations never confirmed: the account goes with its expired token,
 * freeing the name and the address (?1 = now; kinds and statuses as in
 * store.h: 1 = pending account, 1 = confirmation token). */
static const char sql_user_purge_pending[] =
	"DELETE FROM account WHERE status = 1"
	" AND id IN (SELECT user_id FROM token WHERE kind = 1"
	"  AND expires_at <= ?1)"
	" AND id NOT IN (SELECT user_id FROM token WHERE kind = 1"
	"  AND expires_at > ?1)";
static const char sql_confirm_purge[] =
	"DELETE FROM token WHERE kind = 1 AND expires_at <= ?1";

/* Runs the purge inside the caller's write transaction. */
static int
user_purge_pending(struct store *s, int64_t now)
{
	sqlite3_stmt *q;
	int rc;

	if ((q = store_stmt(s, sql_user_purge_pending)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, now);
	if ((rc = store_step_done(s, q)) != 0)
		return rc;
	if ((q = store_stmt(s, sql_confirm_purge)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, now);
	return store_step_done(s, q);
}

int
store_user_purge_pending(struct store *s, int64_t now)
{
	int rc;

	if (s == NULL)
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	rc = user_purge_pending(s, now);
	return store_wr_end(s, rc);
}

int
store_user_create(struct store *s, const struct store_user_new *in,
    int64_t now, int64_t *id, const char **conflict_field)
{
	sqlite3_stmt *q;
	int rc;

	if (id != NULL)
		*id = 0;
	if (conflict_field != NULL)
		*conflict_field = NULL;
	if (s == NULL || in == NULL || in->username == NULL ||
	    in->email == NULL || in->pwhash == NULL ||
	    store_role_name(in->role) == NULL ||
	    (in->status != STORE_USER_PENDING && in->status != STORE_USER_ACTIVE))
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	if ((rc = user_purge_pending(s, now)) != 0)
		goto out;
	if ((q = store_stmt(s, sql_user_taken)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	store_bind_text(q, 1, in->username);
	store_bind_text(q, 2, in->email);
	if ((rc = store_step(s, q)) < 0)
		goto out;
	if (sqlite3_column_int(q, 0) > 0 || sqlite3_column_int(q, 1) > 0) {
		if (conflict_field != NULL)
			*conflict_field = sqlite3_column_int(q, 1) > 0 ?
			    "email" : "username";
		rc = STORE_ECONFLICT;
		goto out;
	}
	if ((q = store_stmt(s, sql_user_insert)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	store_bind_text(q, 1, in->username);
	store_bind_text(q, 2, in->email);
	store_bind_text(q, 3, in->display_name);
	store_bind_text(q, 4, in->locale);
	sqlite3_bind_int(q, 5, in->role);
	sqlite3_bind_int(q, 6, in->status);
	store_bind_text(q, 7, in->pwhash);
	sqlite3_bind_int64(q, 8, now);
	if ((rc = store_step_done(s, q)) != 0)
		goto out;
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(s->db);
	rc = store_bump(s, STORE_AREA_USERS);
out:
	rc = store_wr_end(s, rc);
	if (rc != 0 && id != NULL)
		*id = 0;
	return rc;
}

static const char sql_user_get[] =
	"SELECT " USER_COLS " FROM account a WHERE a.id = ?1 AND a.status != 3";

int
store_user_get(struct store *s, int64_t id, struct store_user **out)
{
	sqlite3_stmt *q;
	int rc;

	if (out == NULL)
		return STORE_EINVALID;
	*out = NULL;
	if (s == NULL)
		return STORE_EINVALID;
	if ((q = store_stmt(s, sql_user_get)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, id);
	rc = user_fetch(s, q, 0, out);
	store_release(s);
	return rc;
}

static const char sql_user_login[] =
	"SELECT " USER_COLS ", a.pwhash FROM account a"
	" WHERE (a.username = ?1 OR a.email = ?1) AND a.status != 3"
	" ORDER BY a.username = ?1 DESC LIMIT 1";

int
store_user_find_login(struct store *s, const char *login,
    struct store_user **out)
{
	sqlite3_stmt *q;
	int rc;

	if (out == NULL)
		return STORE_EINVALID;
	*out = NULL;
	if (s == NULL || login == NULL)
		return STORE_EINVALID;
	if ((q = store_stmt(s, sql_user_login)) == NULL)
		return STORE_EIO;
	store_bind_text(q, 1, login);
	rc = user_fetch(s, q, 1, out);
	store_release(s);
	return rc;
}

/* Runs one UPDATE of a live account: ?1 = id, ?2 = value. */
static int
user_update(struct store *s, const char *sql, int64_t id, int iv,
    const char *tv)
{
	sqlite3_stmt *q;
	int rc;

	if (s == NULL)
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	if ((q = store_stmt(s, sql)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, id);
	if (tv != NULL)
		store_bind_text(q, 2, tv);
	else
		sqlite3_bind_int(q, 2, iv);
	if ((rc = store_step_done(s, q)) != 0)
		goto out;
	if (sqlite3_changes(s->db) == 0)
		rc = STORE_ENOTFOUND;
	else
		rc = store_bump(s, STORE_AREA_USERS);
out:
	return store_wr_end(s, rc);
}

static const char sql_user_status[] =
	"UPDATE account SET status = ?2 WHERE id = ?1 AND status != 3";
static const char sql_user_role[] =
	"UPDATE account SET role = ?2 WHERE id = ?1 AND status != 3";
static const char sql_user_pw[] =
	"UPDATE account SET pwhash = ?2 WHERE id = ?1 AND status != 3";

int
store_user_set_status(struct store *s, int64_t id, int status)
{
	if (status != STORE_USER_PENDING && status != STORE_USER_ACTIVE)
		return STORE_EINVALID;
	return user_update(s, sql_user_status, id, status, NULL);
}

int
store_user_set_role(struct store *s, int64_t id, int role)
{
	if (store_role_name(role) == NULL)
		return STORE_EINVALID;
	return user_update(s, sql_user_role, id, role, NULL);
}

int
store_user_set_password(struct store *s, int64_t id, const char *pwhash)
{
	if (pwhash == NULL)
		return STORE_EINVALID;
	return user_update(s, sql_user_pw, id, 0, pwhash);
}

/*
 * The account row stays as a tombstone (status deleted, no name, email or
 * password) so the audit log keeps its ids; everything a person wrote or
 * cast is unlinked from it.
 */
static const char *const sql_user_delete[] = {
	"UPDATE idea SET author_id = NULL WHERE author_id = ?1",
	"UPDATE comment SET author_id = NULL WHERE author_id = ?1",
	"UPDATE ballot SET user_id = NULL WHERE user_id = ?1",
	"UPDATE support SET user_id = NULL WHERE user_id = ?1",
	"UPDATE response SET user_id = NULL WHERE user_id = ?1",
	"UPDATE report SET reporter_id = NULL WHERE reporter_id = ?1",
	"DELETE FROM session WHERE user_id = ?1",
	"DELETE FROM token WHERE user_id = ?1",
	"DELETE FROM sshkey WHERE user_id = ?1",
	("UPDATE account SET username = NULL, email = NULL, display_name = NULL,"
	" pwhash = NULL, status = 3, deleted_at = ?2 WHERE id = ?1"),
};
static const char sql_user_live[] =
	"SELECT 1 FROM account WHERE id = ?1 AND status != 3";

int
store_user_delete(struct store *s, int64_t id, int64_t now)
{
	sqlite3_stmt *q;
	size_t i;
	int rc;

	if (s == NULL)
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	if ((rc = store_row_by_id(s, sql_user_live, id, &q)) != 0)
		goto out;
	for (i = 0; i < sizeof(sql_user_delete) / sizeof(sql_user_delete[0]);
	    i++) {
		if ((q = store_stmt(s, sql_user_delete[i])) == NULL) {
			rc = STORE_EIO;
			goto out;
		}
		sqlite3_bind_int64(q, 1, id);
		if (sqlite3_bind_parameter_count(q) >= 2)
			sqlite3_bind_int64(q, 2, now);
		if ((rc = store_step_done(s, q)) != 0)
			goto out;
	}
	if ((rc = store_bump(s, STORE_AREA_USERS)) == 0 &&
	    (rc = store_bump(s, STORE_AREA_CONTENT)) == 0)
		rc = store_bump(s, STORE_AREA_VOTES);
out:
	return store_wr_end(s, rc);
}

/* --- Sessions and tokens --------------------------------------------- */

static const char sql_session_insert[] =
	"INSERT INTO session(hash, user_id, created_at, expires_at)"
	" VALUES (?1, ?2, ?3, ?4)";

int
store_session_create(struct store *s, int64_t user_id,
    const unsigned char hash[STORE_HASH_BYTES], int64_t now,
    int64_t expires_at)
{
	sqlite3_stmt *q;
	int rc;

	if (s == NULL || hash == NULL)
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	if ((q = store_stmt(s, sql_session_insert)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_blob(q, 1, hash, STORE_HASH_BYTES, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, user_id);
	sqlite3_bind_int64(q, 3, now);
	sqlite3_bind_int64(q, 4, expires_at);
	rc = store_step_done(s, q);
	if (rc == STORE_EINVALID)	/* foreign key: no such account */
		rc = STORE_ENOTFOUND;
out:
	return store_wr_end(s, rc);
}

static const char sql_session_lookup[] =
	"SELECT " USER_COLS ", NULL, s.expires_at FROM session s"
	" JOIN account a ON a.id = s.user_id"
	" WHERE s.hash = ?1 AND s.expires_at > ?2 AND a.status != 3";

int
store_session_lookup(struct store *s,
    const unsigned char hash[STORE_HASH_BYTES], int64_t now,
    struct store_user **user, int64_t *expires_at)
{
	sqlite3_stmt *q;
	int rc;

	if (expires_at != NULL)
		*expires_at = 0;
	if (user == NULL)
		return STORE_EINVALID;
	*user = NULL;
	if (s == NULL || hash == NULL)
		return STORE_EINVALID;
	if ((q = store_stmt(s, sql_session_lookup)) == NULL)
		return STORE_EIO;
	sqlite3_bind_blob(q, 1, hash, STORE_HASH_BYTES, SQLITE_STATIC);
	sqlite3_bind_int64(q, 2, now);
	if ((rc = user_fetch(s, q, 0, user)) == 0 && expires_at != NULL)
		*expires_at = sqlite3_column_int64(q, 9);
	store_release(s);
	return rc;
}

/* Runs one write statement binding ?1 as a hash blob or an integer. */
static int
session_write(struct store *s, const char *sql,
    const unsigned char *hash, int64_t v, int64_t *changes)
{
	sqlite3_stmt *q;
	int rc;

	if (changes != NULL)
		*changes = 0;
	if (s == NULL)
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	if ((q = store_stmt(s, sql)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	if (hash != NULL)
		sqlite3_bind_blob(q, 1, hash, STORE_HASH_BYTES, SQLITE_STATIC);
	else
		sqlite3_bind_int64(q, 1, v);
	if ((rc = store_step_done(s, q)) == 0 && changes != NULL)
		*changes = sqlite3_changes(s->db);
out:
	return store_wr_end(s, rc);
}

static const char sql_session_delete[] = "DELETE FROM session WHERE hash = ?1";
static const char sql_session_delete_user[] =
	"DELETE FROM session WHERE user_id = ?1";
static const char sql_session_purge[] =
	"DELETE FROM session WHERE expires_at <= ?1";
static const char sql_token_purge[] =
	"DELETE FROM token WHERE expires_at <= ?1";
static const char sql_keyproof_purge[] =
	"DELETE FROM keyproof WHERE expires_at <= ?1";

int
store_session_delete(struct store *s,
    const unsigned char hash[STORE_HASH_BYTES])
{
	if (hash == NULL)
		return STORE_EINVALID;
	return session_write(s, sql_session_delete, hash, 0, NULL);
}

int
store_session_delete_user(struct store *s, int64_t user_id)
{
	return session_write(s, sql_session_delete_user, NULL, user_id, NULL);
}

int
store_session_purge(struct store *s, int64_t now, int64_t *n)
{
	int64_t a = 0, b = 0, c = 0;
	int rc;

	if (n != NULL)
		*n = 0;
	/* Expired confirmation tokens take their pending accounts along. */
	if ((rc = store_user_purge_pending(s, now)) != 0 ||
	    (rc = session_write(s, sql_session_purge, NULL, now, &a)) != 0 ||
	    (rc = session_write(s, sql_token_purge, NULL, now, &b)) != 0 ||
	    (rc = session_write(s, sql_keyproof_purge, NULL, now, &c)) != 0)
		return rc;
	if (n != NULL)
		*n = a + b + c;
	return 0;
}

static const char sql_token_insert[] =
	"INSERT INTO token(hash, kind, user_id, created_at, expires_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5)";

int
store_token_create(struct store *s, int kind, int64_t user_id,
    const unsigned char hash[STORE_HASH_BYTES], int64_t now,
    int64_t expires_at)
{
	sqlite3_stmt *q;
	int rc;

	if (s == NULL || hash == NULL ||
	    (kind != STORE_TOKEN_CONFIRM && kind != STORE_TOKEN_CODE))
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	if ((q = store_stmt(s, sql_token_insert)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_blob(q, 1, hash, STORE_HASH_BYTES, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, kind);
	sqlite3_bind_int64(q, 3, user_id);
	sqlite3_bind_int64(q, 4, now);
	sqlite3_bind_int64(q, 5, expires_at);
	rc = store_step_done(s, q);
	if (rc == STORE_EINVALID)
		rc = STORE_ENOTFOUND;
out:
	return store_wr_end(s, rc);
}

static const char sql_token_take[] =
	"DELETE FROM token WHERE hash = ?1 AND kind = ?2 AND expires_at > ?3"
	" RETURNING user_id";
static const char sql_user_activate[] =
	"UPDATE account SET status = 2 WHERE id = ?1 AND status != 3";
static const char sql_token_drop_confirm[] =
	"DELETE FROM token WHERE user_id = ?1 AND kind IN (1, 2)";
static const char sql_token_drop_code[] =
	"DELETE FROM token WHERE user_id = ?1 AND kind = 2";

int
store_token_drop_code(struct store *s, int64_t user_id)
{
	sqlite3_stmt *q;
	int rc;

	if (s == NULL)
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	if ((q = store_stmt(s, sql_token_drop_code)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, user_id);
	rc = store_step_done(s, q);
out:
	return store_wr_end(s, rc);
}

int
store_user_confirm(struct store *s,
    const unsigned char hash[STORE_HASH_BYTES], int64_t now,
    struct store_user **user)
{
	return store_user_confirm_kind(s, STORE_TOKEN_CONFIRM, hash, now, user);
}

int
store_user_confirm_kind(struct store *s, int kind,
    const unsigned char hash[STORE_HASH_BYTES], int64_t now,
    struct store_user **user)
{
	sqlite3_stmt *q;
	int64_t uid = 0;
	int rc;

	if (user == NULL)
		return STORE_EINVALID;
	*user = NULL;
	if (s == NULL || hash == NULL)
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	if ((q = store_stmt(s, sql_token_take)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_blob(q, 1, hash, STORE_HASH_BYTES, SQLITE_STATIC);
	sqlite3_bind_int(q, 2, kind);
	sqlite3_bind_int64(q, 3, now);
	if ((rc = store_step(s, q)) <= 0) {
		rc = rc == 0 ? STORE_ENOTFOUND : rc;
		goto out;
	}
	uid = sqlite3_column_int64(q, 0);
	/* Finish the DELETE ... RETURNING before the next statement. */
	if ((rc = store_step(s, q)) < 0)
		goto out;
	sqlite3_reset(q);
	if ((q = store_stmt(s, sql_user_activate)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, uid);
	if ((rc = store_step_done(s, q)) != 0)
		goto out;
	/* The other way to confirm is spent too. */
	if ((q = store_stmt(s, sql_token_drop_confirm)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, uid);
	if ((rc = store_step_done(s, q)) != 0)
		goto out;
	if ((rc = store_bump(s, STORE_AREA_USERS)) != 0)
		goto out;
	if ((q = store_stmt(s, sql_user_get)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, uid);
	rc = user_fetch(s, q, 0, user);
out:
	rc = store_wr_end(s, rc);
	if (rc != 0) {
		store_user_free(*user);
		*user = NULL;
	}
	return rc;
}
