/* store_sshkey.c — SSH key fingerprints of accounts and the sessions key login opens. */
#include <stdlib.h>
#include <string.h>

#include "server/api/store_int.h"

void
store_sshkey_list_free(struct store_sshkey_list *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		free(l->items[i].fingerprint);
		free(l->items[i].type);
		free(l->items[i].label);
	}
	free(l->items);
	free(l);
}

static const char sql_sshkey_count[] =
	"SELECT (SELECT count(*) FROM account WHERE id = ?1 AND status = 2),"
	" (SELECT count(*) FROM sshkey WHERE user_id = ?1),"
	" (SELECT count(*) FROM sshkey WHERE fingerprint = ?2)";
/* The proof is used up only with a key it was made for, while it lives. */
static const char sql_keyproof_use[] =
	"DELETE FROM keyproof WHERE hash = ?1 AND fingerprint = ?2"
	" AND expires_at > ?3";
static const char sql_sshkey_insert[] =
	"INSERT INTO sshkey(user_id, fingerprint, type, label, created_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5)";

int
store_sshkey_add(struct store *s, int64_t user_id, const char *fingerprint,
    const char *type, const char *label,
    const unsigned char proof[STORE_HASH_BYTES], int64_t now, int64_t *id)
{
	sqlite3_stmt *q;
	int rc;

	if (id != NULL)
		*id = 0;
	if (s == NULL || fingerprint == NULL || type == NULL || label == NULL ||
	    proof == NULL)
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	if ((q = store_stmt(s, sql_keyproof_use)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_blob(q, 1, proof, STORE_HASH_BYTES, SQLITE_STATIC);
	store_bind_text(q, 2, fingerprint);
	sqlite3_bind_int64(q, 3, now);
	if ((rc = store_step_done(s, q)) != 0)
		goto out;
	if (sqlite3_changes(s->db) == 0) {
		rc = STORE_EDENIED;
		goto out;
	}
	if ((q = store_stmt(s, sql_sshkey_count)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, user_id);
	store_bind_text(q, 2, fingerprint);
	if ((rc = store_step(s, q)) < 0)
		goto out;
	if (sqlite3_column_int(q, 0) == 0)
		rc = STORE_ENOTFOUND;
	else if (sqlite3_column_int(q, 2) > 0)
		rc = STORE_ECONFLICT;
	else if (sqlite3_column_int(q, 1) >= STORE_SSHKEY_MAX)
		rc = STORE_EINVALID;
	else
		rc = 0;
	if (rc != 0)
		goto out;
	if ((q = store_stmt(s, sql_sshkey_insert)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, user_id);
	store_bind_text(q, 2, fingerprint);
	store_bind_text(q, 3, type);
	store_bind_text(q, 4, label);
	sqlite3_bind_int64(q, 5, now);
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

static const char sql_keyproof_insert[] =
	"INSERT INTO keyproof(hash, fingerprint, created_at, expires_at)"
	" VALUES (?1, ?2, ?3, ?4)";

int
store_keyproof_create(struct store *s, const char *fingerprint,
    const unsigned char hash[STORE_HASH_BYTES], int64_t now,
    int64_t expires_at)
{
	sqlite3_stmt *q;
	int rc;

	if (s == NULL || fingerprint == NULL || hash == NULL)
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	if ((q = store_stmt(s, sql_keyproof_insert)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_blob(q, 1, hash, STORE_HASH_BYTES, SQLITE_STATIC);
	store_bind_text(q, 2, fingerprint);
	sqlite3_bind_int64(q, 3, now);
	sqlite3_bind_int64(q, 4, expires_at);
	rc = store_step_done(s, q);
out:
	return store_wr_end(s, rc);
}

static const char sql_sshkey_list[] =
	"SELECT id, fingerprint, type, label, created_at FROM sshkey"
	" WHERE user_id = ?1 ORDER BY id";

int
store_sshkey_list(struct store *s, int64_t user_id,
    struct store_sshkey_list **out)
{
	struct store_sshkey_list *l = NULL;
	struct store_sshkey *k;
	sqlite3_stmt *q;
	int rc, oom = 0;

	if (out == NULL)
		return STORE_EINVALID;
	*out = NULL;
	if (s == NULL)
		return STORE_EINVALID;
	if ((l = calloc(1, sizeof(*l))) == NULL ||
	    (l->items = calloc(STORE_SSHKEY_MAX, sizeof(*l->items))) == NULL) {
		rc = STORE_ENOMEM;
		goto out;
	}
	if ((q = store_stmt(s, sql_sshkey_list)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, user_id);
	while ((rc = store_step(s, q)) == 1 && l->n < STORE_SSHKEY_MAX) {
		k = &l->items[l->n++];
		k->id = sqlite3_column_int64(q, 0);
		k->fingerprint = store_col_str(q, 1, &oom);
		k->type = store_col_str(q, 2, &oom);
		k->label = store_col_str(q, 3, &oom);
		k->created_at = sqlite3_column_int64(q, 4);
	}
	if (rc >= 0)
		rc = oom ? STORE_ENOMEM : 0;
out:
	store_release(s);
	if (rc != 0)
		store_sshkey_list_free(l);
	else
		*out = l;
	return rc;
}

static const char sql_sshkey_delete[] =
	"DELETE FROM sshkey WHERE id = ?1 AND user_id = ?2";
static const char sql_sshkey_sessions[] =
	"DELETE FROM session WHERE sshkey_id = ?1";

int
store_sshkey_delete(struct store *s, int64_t user_id, int64_t id)
{
	sqlite3_stmt *q;
	int rc;

	if (s == NULL)
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	if ((q = store_stmt(s, sql_sshkey_delete)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, id);
	sqlite3_bind_int64(q, 2, user_id);
	if ((rc = store_step_done(s, q)) != 0)
		goto out;
	if (sqlite3_changes(s->db) == 0) {
		rc = STORE_ENOTFOUND;
		goto out;
	}
	/* The path the key opened ends with it. */
	if ((q = store_stmt(s, sql_sshkey_sessions)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, id);
	if ((rc = store_step_done(s, q)) != 0)
		goto out;
	rc = store_bump(s, STORE_AREA_USERS);
out:
	return store_wr_end(s, rc);
}

/* One statement: the session exists only if the key (of an active account)
 * does at the moment of the insert. */
static const char sql_sshkey_session[] =
	"INSERT INTO session(hash, user_id, created_at, expires_at, sshkey_id)"
	" SELECT ?1, k.user_id, ?3, ?4, k.id FROM sshkey k"
	" JOIN account a ON a.id = k.user_id"
	" WHERE k.fingerprint = ?2 AND a.status = 2"
	" RETURNING user_id";

int
store_sshkey_login(struct store *s, const char *fingerprint,
    const unsigned char hash[STORE_HASH_BYTES], int64_t now,
    int64_t expires_at, struct store_user **user)
{
	sqlite3_stmt *q;
	int64_t uid = 0;
	int rc;

	if (user == NULL)
		return STORE_EINVALID;
	*user = NULL;
	if (s == NULL || fingerprint == NULL || hash == NULL)
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	if ((q = store_stmt(s, sql_sshkey_session)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_blob(q, 1, hash, STORE_HASH_BYTES, SQLITE_STATIC);
	store_bind_text(q, 2, fingerprint);
	sqlite3_bind_int64(q, 3, now);
	sqlite3_bind_int64(q, 4, expires_at);
	if ((rc = store_step(s, q)) <= 0) {
		rc = rc == 0 ? STORE_ENOTFOUND : rc;
		goto out;
	}
	uid = sqlite3_column_int64(q, 0);
	/* Finish the INSERT ... RETURNING before the next statement. */
	rc = store_step(s, q) < 0 ? STORE_EIO : 0;
out:
	rc = store_wr_end(s, rc);
	if (rc == 0)
		rc = store_user_get(s, uid, user);
	return rc;
}
