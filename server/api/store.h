/* store.h — the storage interface of mitwirkung-api; every SQL statement lives behind it. */
#ifndef MW_API_STORE_H
#define MW_API_STORE_H

/*
 * The SQLite implementation lives in server/api/store*.c; a PostgreSQL
 * backend can implement the same functions later without touching the
 * routes. Nothing here hands out a sqlite3 handle.
 *
 * Threading model. A `struct store *` is one SQLite connection and must be
 * used by one thread at a time (open one per HTTP worker thread plus one for
 * the single writer thread). The database runs in WAL mode with
 * synchronous=FULL, foreign keys on and a busy timeout, so readers never
 * block the writer and every committed write is durable when the commit
 * call returns. Statements are prepared once per connection and cached.
 *
 * Writes and group commit. Every write function runs in its own transaction
 * (BEGIN IMMEDIATE ... COMMIT) unless the caller has opened one with
 * store_tx_begin(): then each write function runs inside a SAVEPOINT of that
 * transaction, so a write that fails (e.g. a ballot with a foreign option)
 * is undone alone and the others stay. The writer thread batches ballots and
 * supports like this:
 *
 *	store_tx_begin(s);
 *	for each queued request: rc[i] = store_ballot_put(s, ...);
 *	if (store_tx_commit(s) == 0) answer every request with its rc[i];
 *	else answer every request with STORE_EIO (nothing was stored).
 *
 * Answer a request only after store_tx_commit() returned 0: only then is it
 * durable.
 *
 * Conventions.
 * - Functions return 0 (STORE_OK) or a negative STORE_E* code; none prints.
 * - Times are UNIX seconds (UTC) in int64_t; the caller passes `now` so tests
 *   can control the clock. Ids are int64_t > 0; 0 means "none".
 * - Out-parameters are set to NULL/0 on entry and filled only on success;
 *   a returned struct belongs to the caller and is freed with its NULL-safe
 *   *_free() function, which frees every string and array inside it.
 *   Pointers passed in are only borrowed for the duration of the call.
 * - Translatable texts (written by the city) are given as store_trs (one
 *   text per language, "de" required) and returned resolved field by field:
 *   each from the first language of the requested one, its fallback codes
 *   in the registry (common/lang.c) and "de" then "en" that has it. The
 *   object's `lang` is its title's language; projects, polls and options
 *   also name the others (`summary_lang`, ...). Texts written by residents
 *   come as written.
 * - Lists take a limit (1..100; 0 or less gives the default 20, more than
 *   100 gives 100) and an opaque
 *   cursor `after` (NULL for the first page; a value from a previous `next`).
 *   They return the items, `next` (NULL on the last page) and `total` (the
 *   number of matching items over all pages). A malformed cursor gives
 *   STORE_EINVALID.
 * - Input text is stored as given: the caller validates length and the
 *   API input rules (UTF-8, control and bidi characters) first.
 */

#include <stddef.h>
#include <stdint.h>

/* Error codes; store_err_str() names them in English. */
#define STORE_OK	 0
#define STORE_ENOTFOUND	-1	/* no such object (or not visible) */
#define STORE_ECONFLICT	-2	/* unique name/email/slug taken */
#define STORE_ECLOSED	-3	/* outside the poll/survey window, project not open */
#define STORE_EINVALID	-4	/* invalid argument: bad choices, cursor, parent... */
#define STORE_ESCHEMA	-5	/* database schema newer than this program, or broken */
#define STORE_EIO	-6	/* SQLite error, disk full, I/O */
#define STORE_ENOMEM	-7	/* out of memory */
#define STORE_EBUSY	-8	/* database locked beyond the busy timeout */
#define STORE_EDENIED	-9	/* a proof (of holding an SSH key) is not valid */

/* Returns a static English text for a STORE_E* code. */
const char *store_err_str(int code);

/* The schema version this program writes (PRAGMA user_version): 1 base
 * tables, 2 audit log + indexes + idea support counter, 3 trigger-kept
 * ballot tallies and participant counts, 4 SSH keys, 5 paper tallies keyed
 * twice, 6 proofs of holding an SSH key (store_schema.c). */
#define STORE_SCHEMA_VERSION	6

struct store;

/*
 * Opens (creating when missing) the database file at path and upgrades its
 * schema to STORE_SCHEMA_VERSION in one transaction. On success stores a new
 * handle in *out (close with store_close()) and returns 0. On failure returns
 * a STORE_E* code and, when err is not NULL, writes a human-readable English
 * reason into err (errsz bytes, NUL-terminated); for a file written by a
 * newer program the code is STORE_ESCHEMA and the text names both versions.
 * Opening is safe from several threads at once (each gets its own handle).
 */
int	store_open(const char *path, struct store **out, char *err, size_t errsz);

/* Finalizes the cached statements and closes the connection; NULL-safe.
 * An open store_tx_begin() transaction is rolled back. */
void	store_close(struct store *s);

/* Stores the schema version of the open file in *version; returns 0. */
int	store_schema_version(struct store *s, int *version);

/* The detailed English text of the last error on this handle (borrowed,
 * valid until the next call), e.g. SQLite's message; never NULL. For logs. */
const char *store_last_error(const struct store *s);

/* --- Transactions (group commit, see above) -------------------------- */

/* Opens a write transaction (BEGIN IMMEDIATE). Returns 0, STORE_EBUSY,
 * STORE_EIO, or STORE_EINVALID when one is already open. */
int	store_tx_begin(struct store *s);
/* Commits it; when 0 is returned everything is durable. On error the
 * transaction has been rolled back. */
int	store_tx_commit(struct store *s);
/* Rolls it back; returns 0 (also when none was open). */
int	store_tx_rollback(struct store *s);

/* --- Checkpoints (moving committed WAL pages into the database file) -- */

/* Stops this connection from checkpointing inside its own commits and
 * calls cb(arg, frames) after each of its commits instead, with the
 * number of frames now in the write-ahead log; cb decides when and where
 * to checkpoint. cb runs on the committing thread and must not use s. */
void	store_wal_watch(struct store *s, void (*cb)(void *arg, int frames),
	    void *arg);
/* Copies what the write-ahead log holds into the database file without
 * waiting for readers or writers (a passive checkpoint). Any connection
 * can do it, also one that never writes. Returns 0, STORE_EBUSY when
 * another checkpoint is running, or STORE_EIO. */
int	store_checkpoint(struct store *s);

/* --- Data versions (for response caches and ETags) ------------------- */

/* Areas of data, bit flags; a write bumps the counter of its area. */
#define STORE_AREA_CONTENT	0x01	/* projects, ideas, comments, supports, moderation, polls/surveys definitions */
#define STORE_AREA_VOTES	0x02	/* ballots, analog tallies, survey responses */
#define STORE_AREA_USERS	0x04	/* accounts (not sessions) */
#define STORE_AREA_ALL		0x07

/*
 * Stores in *version the sum of the change counters of the areas in mask.
 * Each committed write increases the counter of its area, so the sum grows
 * whenever anything in those areas changed (also writes by other
 * connections or processes). Project lists and projects depend on
 * CONTENT|VOTES (their participant counts include voters); ideas and
 * comments on CONTENT; poll results and surveys on CONTENT|VOTES; /me on
 * USERS plus what it shows. STORE_AREA_ALL is always safe.
 */
int	store_data_version(struct store *s, unsigned int mask, uint64_t *version);

/* --- Names of enums (API strings) ------------------------------------ */

/* Roles, ordered: a higher role can do all that a lower can. */
enum store_role {
	STORE_ROLE_CITIZEN = 1,
	STORE_ROLE_MODERATOR,
	STORE_ROLE_STAFF,
	STORE_ROLE_ADMIN
};
enum store_user_status {
	STORE_USER_PENDING = 1,	/* registered, not confirmed */
	STORE_USER_ACTIVE,
	STORE_USER_DELETED	/* only inside the store; never returned */
};
/* Projects, polls and surveys. */
enum store_phase {
	STORE_PHASE_UPCOMING = 1,
	STORE_PHASE_OPEN,
	STORE_PHASE_CLOSED
};
/* Ideas and comments. */
enum store_post_status {
	STORE_POST_PENDING = 1,
	STORE_POST_PUBLISHED,
	STORE_POST_REJECTED,
	STORE_POST_HIDDEN
};
enum store_poll_kind {
	STORE_POLL_SINGLE = 1,
	STORE_POLL_MULTIPLE,
	STORE_POLL_RANKING
};
enum store_question_kind {
	STORE_Q_SINGLE = 1,
	STORE_Q_MULTIPLE,
	STORE_Q_TEXT,
	STORE_Q_SCALE
};

/* Each *_name() returns a static API string ("citizen", "open", ...) or NULL
 * for an unknown value; each *_parse() returns the enum value or 0. */
const char *store_role_name(int role);
int	store_role_parse(const char *name);
const char *store_user_status_name(int status);
const char *store_phase_name(int phase);
int	store_phase_parse(const char *name);
const char *store_post_status_name(int status);
const char *store_poll_kind_name(int kind);
int	store_poll_kind_parse(const char *name);
const char *store_question_kind_name(int kind);
int	store_question_kind_parse(const char *name);

/* --- Translatable input ---------------------------------------------- */

struct store_tr {
	const char	*lang;		/* "de", "en", ... (2..8 chars a-z, '-') */
	const char	*text;
};
/* A translatable text as given by staff; must contain "de" when the
 * object is created (else STORE_EINVALID). n == 0 means "not given". */
struct store_trs {
	const struct store_tr	*v;
	size_t			 n;
};

#define STORE_LANG_MAX	16	/* size of the lang fields, NUL included */

/* --- Users ------------------------------------------------------------ */

struct store_user {
	int64_t	 id;
	char	*username;
	char	*display_name;
	char	*email;
	char	*locale;		/* "de", "en", ... */
	int	 role;			/* enum store_role */
	int	 status;		/* enum store_user_status */
	int64_t	 created_at;
	char	*pwhash;		/* pwhash.h string; only from store_user_find_login() */
};
void	store_user_free(struct store_user *u);

struct store_user_new {
	const char	*username;	/* unique, compared case-insensitively */
	const char	*email;		/* unique, compared case-insensitively */
	const char	*display_name;	/* NULL: the username */
	const char	*locale;	/* NULL: "de" */
	int		 role;		/* enum store_role */
	int		 status;	/* STORE_USER_PENDING or STORE_USER_ACTIVE */
	const char	*pwhash;	/* from pwhash_hash() */
};

/*
 * Creates an account. Stores its id in *id. Returns STORE_ECONFLICT when the
 * username or email is taken, and then, when conflict_field is not NULL,
 * points it at the static string "email" (the address is taken, whatever
 * the name) or "username". Purges expired registrations first
 * (store_user_purge_pending()), so their names and addresses are free.
 */
int	store_user_create(struct store *s, const struct store_user_new *in,
	    int64_t now, int64_t *id, const char **conflict_field);

/* Deletes the pending accounts whose confirmation token expired at now,
 * with their tokens. Returns 0 or STORE_E*. */
int	store_user_purge_pending(struct store *s, int64_t now);

/* Fetches an account that is not deleted (pwhash stays NULL). */
int	store_user_get(struct store *s, int64_t id, struct store_user **out);

/* Fetches an account that is not deleted by username or email (case
 * insensitive), with pwhash filled, for login. */
int	store_user_find_login(struct store *s, const char *login,
	    struct store_user **out);

/* Changes status (e.g. to STORE_USER_ACTIVE), role or password hash. */
int	store_user_set_status(struct store *s, int64_t id, int status);
int	store_user_set_role(struct store *s, int64_t id, int role);
int	store_user_set_password(struct store *s, int64_t id, const char *pwhash);

/*
 * Deletes an account as DELETE /me asks: name, email, password, sessions and
 * tokens are gone; ideas and comments stay with no author (author_id 0,
 * author NULL: "deleted account"); ballots, supports and survey responses
 * stay counted but are unlinked from the person. ENOTFOUND for an unknown
 * or already deleted id.
 */
int	store_user_delete(struct store *s, int64_t id, int64_t now);

/* --- Sessions and one-time tokens (only hashes are stored) ----------- */

#define STORE_HASH_BYTES	32	/* = PWHASH_TOKEN_BYTES, see pwhash.h */

/* Stores a session for user_id under the token hash. */
int	store_session_create(struct store *s, int64_t user_id,
	    const unsigned char hash[STORE_HASH_BYTES], int64_t now,
	    int64_t expires_at);

/* Looks up a live session (expires_at > now) of a non-deleted account:
 * fills *user (pwhash NULL) and, if not NULL, *expires_at. ENOTFOUND for an
 * unknown or expired hash. Does not write. */
int	store_session_lookup(struct store *s,
	    const unsigned char hash[STORE_HASH_BYTES], int64_t now,
	    struct store_user **user, int64_t *expires_at);

/* Deletes one session (logout); 0 also when it did not exist. */
int	store_session_delete(struct store *s,
	    const unsigned char hash[STORE_HASH_BYTES]);
/* Deletes all sessions of an account. */
int	store_session_delete_user(struct store *s, int64_t user_id);
/* Deletes expired sessions and tokens; stores their number in *n if not NULL. */
int	store_session_purge(struct store *s, int64_t now, int64_t *n);

/* --- SSH keys for key login (store_sshkey.c) --------------------------- */

/* At most this many keys per account. */
#define STORE_SSHKEY_MAX	20

struct store_sshkey {
	int64_t	 id;
	char	*fingerprint;	/* "SHA256:" and 43 characters of base64 */
	char	*type;		/* "ssh-ed25519", "ssh-rsa", ... */
	char	*label;
	int64_t	 created_at;
};
struct store_sshkey_list {
	struct store_sshkey	*items;
	size_t			 n;
};
void	store_sshkey_list_free(struct store_sshkey_list *l);

/*
 * Registers a key of user_id (fingerprint, type and label checked by the
 * caller); stores its id in *id. proof is the hash of a live proof that
 * the SSH gateway made for this fingerprint (store_keyproof_create()); it
 * is consumed in the same transaction. EDENIED when there is no such live
 * proof for this fingerprint (unknown, used, expired, another key's),
 * ECONFLICT when the fingerprint is registered already (to any account),
 * EINVALID when the account has STORE_SSHKEY_MAX keys, ENOTFOUND for no
 * such live account; the proof stays unused on any error.
 */
int	store_sshkey_add(struct store *s, int64_t user_id, const char *fingerprint,
	    const char *type, const char *label,
	    const unsigned char proof[STORE_HASH_BYTES], int64_t now, int64_t *id);
/* Stores the hash of a single-use proof that the gateway verified a
 * signature by the key with this fingerprint, valid until expires_at
 * (expired ones are purged by store_session_purge()). */
int	store_keyproof_create(struct store *s, const char *fingerprint,
	    const unsigned char hash[STORE_HASH_BYTES], int64_t now,
	    int64_t expires_at);
/* The keys of user_id, oldest first, in a new list (*out, caller frees). */
int	store_sshkey_list(struct store *s, int64_t user_id,
	    struct store_sshkey_list **out);
/* Removes key id of user_id and ends the sessions it opened; ENOTFOUND
 * when user_id has no such key. */
int	store_sshkey_delete(struct store *s, int64_t user_id, int64_t id);
/*
 * Key login: when fingerprint belongs to a live, active account, stores a
 * session for it under hash (remembering the key, so removing the key ends
 * the session) and hands the account over in *user (caller frees).
 * ENOTFOUND for an unknown fingerprint or an account that is not active.
 */
int	store_sshkey_login(struct store *s, const char *fingerprint,
	    const unsigned char hash[STORE_HASH_BYTES], int64_t now,
	    int64_t expires_at, struct store_user **user);

enum store_token_kind {
	STORE_TOKEN_CONFIRM = 1,	/* confirms a registration (the long token) */
	STORE_TOKEN_CODE = 2		/* the same, by the 8-digit code of the mail;
					 * its hash covers the account id too */
};

/* Stores a one-time token hash of the given kind for user_id. */
int	store_token_create(struct store *s, int kind, int64_t user_id,
	    const unsigned char hash[STORE_HASH_BYTES], int64_t now,
	    int64_t expires_at);

/*
 * POST /auth/confirm in one transaction: consumes a live confirmation token
 * (deletes it), sets its account active and fills *user. ENOTFOUND for an
 * unknown, used or expired token.
 */
int	store_user_confirm(struct store *s,
	    const unsigned char hash[STORE_HASH_BYTES], int64_t now,
	    struct store_user **user);
/* The same for a token of kind (STORE_TOKEN_CONFIRM or STORE_TOKEN_CODE).
 * Either one used deletes the other: one confirmation per account. */
int	store_user_confirm_kind(struct store *s, int kind,
	    const unsigned char hash[STORE_HASH_BYTES], int64_t now,
	    struct store_user **user);
/* Deletes the confirmation code of user_id (too many wrong tries); the
 * long token stays. 0, or an error. */
int	store_token_drop_code(struct store *s, int64_t user_id);

/* --- Projects ---------------------------------------------------------- */

struct store_project {
	int64_t	 id;
	char	*slug;
	char	*category;		/* "smart-city", "city-hall", ... */
	char	*title;
	char	*summary;
	char	*description;		/* only from store_project_get() */
	char	 lang[STORE_LANG_MAX];	/* language of the title */
	char	 summary_lang[STORE_LANG_MAX];
	char	 description_lang[STORE_LANG_MAX]; /* with description */
	int	 status;		/* enum store_phase, as set by staff */
	int64_t	 starts_at;
	int64_t	 ends_at;		/* 0: open end */
	int	 ideas_open;		/* the ideas board takes ideas (when status is open) */
	int64_t	 n_ideas;		/* published ideas */
	int64_t	 n_comments;		/* published comments, on ideas and the project */
	int64_t	 n_participants;	/* distinct accounts that ever wrote an idea
					 * or comment, supported, voted or answered
					 * a survey in this project (kept counted
					 * after a withdrawal or account deletion) */
};
void	store_project_free(struct store_project *p);

struct store_project_list {
	struct store_project	*items;
	size_t			 n;
	char			*next;
	int64_t			 total;
};
void	store_project_list_free(struct store_project_list *l);

/* status: enum store_phase or 0 for all; category: NULL for all. Order:
 * open first, then upcoming, then closed; inside by starts_at descending,
 * then id. */
int	store_project_list(struct store *s, int status, const char *category,
	    const char *lang, int limit, const char *after,
	    struct store_project_list *out);

/* By id (id > 0) or, when id is 0, by slug. Fills description too. */
int	store_project_get(struct store *s, int64_t id, const char *slug,
	    const char *lang, struct store_project **out);

struct store_project_new {
	const char		*slug;		/* unique: a-z 0-9 '-' */
	const char		*category;
	struct store_trs	 title;
	struct store_trs	 summary;
	struct store_trs	 description;
	int			 status;	/* enum store_phase */
	int64_t			 starts_at;
	int64_t			 ends_at;
	int			 ideas_open;
};
/* Bits for store_project_update(): which fields of the store_project_new
 * to change (translations given replace those languages only). */
#define STORE_PF_SLUG		0x001
#define STORE_PF_CATEGORY	0x002
#define STORE_PF_TITLE		0x004
#define STORE_PF_SUMMARY	0x008
#define STORE_PF_DESCRIPTION	0x010
#define STORE_PF_STATUS		0x020
#define STORE_PF_STARTS		0x040
#define STORE_PF_ENDS		0x080
#define STORE_PF_IDEAS_OPEN	0x100

/* Creates a project; ECONFLICT for a taken slug, EINVALID without "de". */
int	store_project_create(struct store *s, const struct store_project_new *in,
	    int64_t now, int64_t actor_id, int64_t *id);
int	store_project_update(struct store *s, int64_t id,
	    const struct store_project_new *in, unsigned int fields, int64_t now,
	    int64_t actor_id);

/* The formats of GET /projects/{id}: its polls and surveys, oldest first. */
struct store_format {
	int64_t	 id;
	char	*title;
	int	 kind;		/* enum store_poll_kind for polls; 0 for surveys */
	int	 status;	/* enum store_phase from the window and now */
};
struct store_formats {
	struct store_format	*polls;
	size_t			 n_polls;
	struct store_format	*surveys;
	size_t			 n_surveys;
};
void	store_formats_free(struct store_formats *f);
int	store_project_formats(struct store *s, int64_t project_id,
	    const char *lang, int64_t now, struct store_formats **out);

/* --- Ideas ------------------------------------------------------------ */

struct store_idea {
	int64_t	 id;
	int64_t	 project_id;
	int64_t	 author_id;		/* 0: deleted account */
	char	*author;		/* display name; NULL: deleted account */
	char	*title;
	char	*body;			/* only from store_idea_get() */
	int64_t	 created_at;
	int	 status;		/* enum store_post_status */
	char	*moderation_reason;	/* NULL when none */
	int64_t	 supports;
	int64_t	 comments;		/* published comments */
	int	 supported_by_me;	/* 1/0; 0 when viewer_id is 0 */
};
void	store_idea_free(struct store_idea *i);

struct store_idea_list {
	struct store_idea	*items;
	size_t			 n;
	char			*next;
	int64_t			 total;
};
void	store_idea_list_free(struct store_idea_list *l);

#define STORE_SORT_NEW	1	/* newest first */
#define STORE_SORT_TOP	2	/* most supports first, then newest */

/*
 * Ideas of a project: published ones, plus the viewer's own ideas of any
 * status (viewer_id 0: anonymous), plus all when all is nonzero
 * (moderators). ENOTFOUND for an unknown project.
 */
int	store_idea_list(struct store *s, int64_t project_id, int sort,
	    int64_t viewer_id, int all, int limit, const char *after,
	    struct store_idea_list *out);

/* One idea with body, whatever its status: the caller decides who may see
 * it (published: anyone; else the author or a moderator). */
int	store_idea_get(struct store *s, int64_t id, int64_t viewer_id,
	    struct store_idea **out);

/* Creates a pending idea. ENOTFOUND for an unknown project; ECLOSED when the
 * project is not open or its ideas board is closed. */
int	store_idea_create(struct store *s, int64_t project_id, int64_t author_id,
	    const char *title, const char *body, int64_t now, int64_t *id);

/*
 * PUT (on = 1) / DELETE (on = 0) /ideas/{id}/support; idempotent. Stores the
 * new support count in *supports if not NULL. ENOTFOUND unless the idea is
 * published; ECLOSED when its project is not open.
 */
int	store_support_set(struct store *s, int64_t idea_id, int64_t user_id,
	    int on, int64_t now, int64_t *supports);

/* --- Comments --------------------------------------------------------- */

struct store_comment {
	int64_t	 id;
	int64_t	 idea_id;		/* 0: a comment on the project itself */
	int64_t	 project_id;
	int64_t	 parent_id;		/* 0: top level */
	int64_t	 author_id;		/* 0: deleted account */
	char	*author;		/* NULL: deleted account */
	char	*body;
	int64_t	 created_at;
	int	 status;		/* enum store_post_status */
	char	*moderation_reason;
};
void	store_comment_free(struct store_comment *c);

struct store_comment_list {
	struct store_comment	*items;
	size_t			 n;
	char			*next;
	int64_t			 total;
};
void	store_comment_list_free(struct store_comment_list *l);

/*
 * Comments on an idea (idea_id > 0) or on a project itself (idea_id 0,
 * project_id > 0): oldest first, replies right after their parent.
 * Visible as for ideas: published, the viewer's own, or all when all != 0.
 * A visible reply is listed even when its parent is not visible.
 */
int	store_comment_list(struct store *s, int64_t idea_id, int64_t project_id,
	    int64_t viewer_id, int all, int limit, const char *after,
	    struct store_comment_list *out);

int	store_comment_get(struct store *s, int64_t id, struct store_comment **out);

/*
 * Creates a pending comment on an idea (idea_id > 0; must be published) or
 * a project (idea_id 0). parent_id 0 or a top-level comment of the same
 * idea/project (else STORE_EINVALID: one level of replies). ENOTFOUND for an
 * unknown idea/project/parent; ECLOSED when the project is not open.
 */
int	store_comment_create(struct store *s, int64_t idea_id, int64_t project_id,
	    int64_t parent_id, int64_t author_id, const char *body, int64_t now,
	    int64_t *id);

/* --- Reports, moderation, audit log ---------------------------------- */

enum store_target {
	STORE_TARGET_IDEA = 1,
	STORE_TARGET_COMMENT
};

/* A report on an idea or comment; a second report by the same account on
 * the same target replaces the reason. ENOTFOUND for an unknown target. */
int	store_report_create(struct store *s, int target, int64_t target_id,
	    int64_t reporter_id, const char *reason, int64_t now);

#define STORE_QUEUE_IDEAS	1	/* pending ideas */
#define STORE_QUEUE_COMMENTS	2	/* pending comments */
#define STORE_QUEUE_REPORTS	3	/* open (unhandled) reports */

struct store_queue_item {
	int64_t	 id;			/* idea, comment or report id */
	int	 target;		/* enum store_target */
	int64_t	 target_id;		/* the idea/comment (= id unless a report) */
	int64_t	 project_id;
	int64_t	 idea_id;		/* for comments and reports: the idea, or 0 */
	char	*title;			/* idea title, or NULL */
	char	*body;			/* idea or comment body */
	char	*author;		/* NULL: deleted account */
	int	 status;		/* of the target, enum store_post_status */
	int64_t	 created_at;		/* of the idea/comment, or of the report */
	char	*reason;		/* reports: the reason */
	char	*reporter;		/* reports: reporter's display name or NULL */
	/* Context, so the queue needs no other page: */
	char	*project_title;		/* in the language asked for */
	char	*idea_title;		/* comments: the idea it belongs to, or NULL */
	int64_t	 parent_id;		/* comments: the comment it answers, or 0 */
	char	*parent_body;		/* its text, or NULL */
	char	*parent_author;		/* its author's display name, or NULL */
};
struct store_queue {
	struct store_queue_item	*items;
	size_t			 n;
	char			*next;
	int64_t			 total;
};
void	store_queue_free(struct store_queue *q);

/* The moderation queue of one type, oldest first; project titles in lang
 * (German where none; store_queue_list(): German). */
int	store_queue_list(struct store *s, int type, int limit, const char *after,
	    struct store_queue *out);
int	store_queue_list_lang(struct store *s, int type, int limit,
	    const char *after, const char *lang, struct store_queue *out);

#define STORE_MOD_APPROVE	1	/* -> published */
#define STORE_MOD_REJECT	2	/* -> rejected (the author sees reason) */
#define STORE_MOD_HIDE		3	/* -> hidden */

/* Moderates an idea or comment: sets its status and reason, marks its open
 * reports handled and writes the audit log entry, in one transaction.
 * ENOTFOUND for an unknown target, EINVALID for an unknown action. */
int	store_moderate(struct store *s, int target, int64_t target_id,
	    int action, const char *reason, int64_t moderator_id, int64_t now);

struct store_audit {
	int64_t	 id;
	int64_t	 actor_id;		/* 0: deleted account or the system */
	char	*actor;			/* username or NULL */
	char	*action;		/* "approve", "reject", "hide", "analog", "project.create", ... */
	char	*target;		/* "idea", "comment", "poll", "project", ... */
	int64_t	 target_id;
	char	*detail;		/* reason, analog source, ...; may be NULL */
	int64_t	 created_at;
};
struct store_audit_list {
	struct store_audit	*items;
	size_t			 n;
	char			*next;
	int64_t			 total;
};
void	store_audit_list_free(struct store_audit_list *l);
/* The audit log, newest first. */
int	store_audit_list(struct store *s, int limit, const char *after,
	    struct store_audit_list *out);

/* --- Polls, ballots, analog tallies, results ------------------------- */

struct store_option {
	int64_t	 id;
	char	*title;
	char	*description;		/* in words; may be NULL */
	char	 lang[STORE_LANG_MAX];	/* language of the title */
	char	 description_lang[STORE_LANG_MAX]; /* with description */
	int	 has_location;
	char	*address;		/* when has_location: text address */
	double	 lat, lon;		/* when has_location */
};

struct store_poll {
	int64_t			 id;
	int64_t			 project_id;
	char			*title;
	char			*question;
	char			 lang[STORE_LANG_MAX];	/* of the title */
	char			 question_lang[STORE_LANG_MAX];
	int			 kind;		/* enum store_poll_kind */
	int			 max_choices;	/* 1 for single */
	int			 status;	/* enum store_phase, from the window and now */
	int64_t			 opens_at;
	int64_t			 closes_at;
	int			 results_visible; /* results public while open */
	struct store_option	*options;	/* in their given order */
	size_t			 n_options;
	int			 has_my_ballot;	/* 1: my_ballot is valid */
	int64_t			*my_ballot;	/* option ids, in order */
	size_t			 n_my_ballot;
};
void	store_poll_free(struct store_poll *p);

/* A poll with options, resolved to lang; my_ballot for viewer_id (0: none). */
int	store_poll_get(struct store *s, int64_t id, const char *lang,
	    int64_t viewer_id, int64_t now, struct store_poll **out);

struct store_option_new {
	struct store_trs	 title;
	struct store_trs	 description;
	const char		*address;	/* NULL: no location */
	double			 lat, lon;
};
struct store_poll_new {
	struct store_trs		 title;
	struct store_trs		 question;
	int				 kind;
	int				 max_choices;	/* 1..n_options; 1 for single */
	int64_t				 opens_at;
	int64_t				 closes_at;	/* > opens_at */
	int				 results_visible;
	const struct store_option_new	*options;	/* 2..100 */
	size_t				 n_options;
};
#define STORE_PLF_TITLE		0x01
#define STORE_PLF_QUESTION	0x02
#define STORE_PLF_OPENS		0x04
#define STORE_PLF_CLOSES	0x08
#define STORE_PLF_VISIBLE	0x10
#define STORE_PLF_MAX_CHOICES	0x20

/* Creates a poll with its options. ENOTFOUND project; EINVALID for a bad
 * kind, max_choices, window, option count or missing "de". */
int	store_poll_create(struct store *s, int64_t project_id,
	    const struct store_poll_new *in, int64_t now, int64_t actor_id,
	    int64_t *id);
/* Changes the fields named by STORE_PLF_* bits (options cannot change). */
int	store_poll_update(struct store *s, int64_t id,
	    const struct store_poll_new *in, unsigned int fields, int64_t now,
	    int64_t actor_id);

/*
 * PUT /polls/{id}/ballot: stores the ballot of user_id, replacing an earlier
 * one. choices are option ids, in order of preference for ranking polls.
 * ENOTFOUND unknown poll; ECLOSED outside [opens_at, closes_at); EINVALID
 * unless 1..max_choices distinct options of this poll. Stores the time in
 * *updated_at if not NULL. Fast path for the writer thread: a few cached
 * statements, no full-table work.
 */
int	store_ballot_put(struct store *s, int64_t poll_id, int64_t user_id,
	    const int64_t *choices, size_t n_choices, int64_t now,
	    int64_t *updated_at);
/* DELETE /polls/{id}/ballot; 0 also when there was none; ECLOSED outside
 * the window; ENOTFOUND unknown poll. */
int	store_ballot_delete(struct store *s, int64_t poll_id, int64_t user_id,
	    int64_t now);

struct store_ballot {
	int64_t	 poll_id;
	int64_t	*choices;
	size_t	 n_choices;
	int64_t	 updated_at;
};
void	store_ballot_free(struct store_ballot *b);
/* The viewer's ballot; ENOTFOUND when none. */
int	store_ballot_get(struct store *s, int64_t poll_id, int64_t user_id,
	    struct store_ballot **out);

/*
 * Paper tallies (POST /polls/{id}/analog and the /analog/{id} endpoints).
 * A tally is one sheet of paper ballots (source: the booth and sheet label)
 * keyed by staff. It needs keys (1 or 2) entries; with 2 they must come
 * from two different accounts and it counts only while both agree (same
 * ballots, invalid and lines). Until then, and after it is withdrawn, it
 * counts nothing.
 *
 * One line of an entry says how many paper ballots (count) had one choice:
 * for single and multiple polls one option (n_choices 1), for ranking polls
 * a whole order of options, first choice first. Lines with count 0 are not
 * stored.
 */
struct store_tally_line {
	int64_t	*choices;
	size_t	 n_choices;
	int64_t	 count;
};

struct store_tally_entry {
	int64_t			 ballots;	/* paper ballots of the sheet, invalid included;
						 * -1 only in tallies from before schema 5 */
	int64_t			 invalid;	/* blank or invalid ballots */
	struct store_tally_line	*lines;
	size_t			 n_lines;
	/* Read only: */
	int			 slot;		/* 1 or 2 */
	int64_t			 keyer_id;
	char			*keyer;		/* display name; NULL when deleted */
	int64_t			 keyed_at;
	int			 points;	/* before schema 5, ranking: lines are points */
};

enum store_tally_state {
	STORE_TALLY_COUNTED = 1,
	STORE_TALLY_WAITING,		/* the second entry is missing */
	STORE_TALLY_MISMATCH,		/* two entries that differ */
	STORE_TALLY_WITHDRAWN
};

struct store_tally {
	int64_t			 id;
	int64_t			 poll_id;
	char			*source;
	int			 keys;		/* entries needed: 1 or 2 */
	enum store_tally_state	 state;
	int64_t			 created_at;
	int64_t			 withdrawn_at;	/* 0 when not */
	struct store_tally_entry entry[2];
	size_t			 n_entries;
};

struct store_tally_list {
	struct store_tally	*items;		/* oldest first */
	size_t			 n;
};

/* Why a tally was refused (STORE_EINVALID): see results_tally_check(). */
struct store_tally_why {
	int	 problem;	/* enum results_tally_problem */
	int64_t	 a, b, c;	/* the numbers the problem names */
	int64_t	 option_id;
};

/*
 * Records a new tally of poll_id with its first entry keyed by actor_id
 * and writes the audit log ("analog", detail source). keys is 1 or 2.
 * ENOTFOUND poll; EINVALID when the numbers cannot come from that many
 * ballots or name a foreign option (*why says which, when not NULL).
 */
int	store_tally_add(struct store *s, int64_t poll_id, const char *source,
	    int keys, const struct store_tally_entry *e, int64_t actor_id,
	    int64_t now, int64_t *id, struct store_tally_why *why);
/*
 * The second entry of a tally that needs two (audit "analog.key").
 * ENOTFOUND tally; ECLOSED withdrawn; ECONFLICT when it needs no second
 * entry, has both, or actor_id keyed the first; EINVALID as above.
 */
int	store_tally_key(struct store *s, int64_t tally_id,
	    const struct store_tally_entry *e, int64_t actor_id, int64_t now,
	    struct store_tally_why *why);
/*
 * Corrects an entry (audit "analog.correct", detail reason): slot 1 or 2,
 * or 0 for actor_id's own entry. A correction of someone else's entry makes
 * actor_id its keyer, so the two entries stay by two accounts: ECONFLICT
 * when actor_id keyed the other entry. source NULL keeps it. ENOTFOUND
 * tally or entry; ECLOSED withdrawn; EINVALID as above.
 */
int	store_tally_correct(struct store *s, int64_t tally_id, int slot,
	    const char *source, const struct store_tally_entry *e,
	    const char *reason, int64_t actor_id, int64_t now,
	    struct store_tally_why *why);
/* Withdraws a tally (audit "analog.withdraw", detail reason); it stays
 * listed. ENOTFOUND; ECLOSED already withdrawn. */
int	store_tally_withdraw(struct store *s, int64_t tally_id,
	    const char *reason, int64_t actor_id, int64_t now);
/* The tallies of a poll, or (poll_id 0) the one tally_id in a list of 1. */
int	store_tally_list(struct store *s, int64_t poll_id, int64_t tally_id,
	    struct store_tally_list **out);
void	store_tally_list_free(struct store_tally_list *l);

struct results;		/* results.h */

/*
 * Counts the results of a poll (online ballots + analog tallies) with
 * results_count(); titles resolved to lang; `final` set when the poll is
 * closed at now. The caller frees *out with results_free(). Does not check
 * results_visible: the caller answers results_hidden.
 */
int	store_poll_results(struct store *s, int64_t poll_id, const char *lang,
	    int64_t now, struct results **out);

/* --- Surveys ---------------------------------------------------------- */

struct store_qoption {
	int64_t	 id;
	char	*title;
};
struct store_question {
	int64_t			 id;
	int			 kind;		/* enum store_question_kind */
	char			*text;
	int			 required;
	struct store_qoption	*options;	/* single/multiple */
	size_t			 n_options;
	int			 max_choices;	/* multiple; else 1 (0 for text/scale) */
	int			 max_length;	/* text: max characters */
	int			 scale_min, scale_max;	/* scale */
	char			*min_label, *max_label;	/* scale; may be NULL */
};
struct store_survey {
	int64_t			 id;
	int64_t			 project_id;
	char			*title;
	char			*intro;
	char			 lang[STORE_LANG_MAX];
	int			 status;	/* enum store_phase from the window */
	int64_t			 opens_at;
	int64_t			 closes_at;
	int			 answered_by_me;
	struct store_question	*questions;	/* in order */
	size_t			 n_questions;
};
void	store_survey_free(struct store_survey *v);

int	store_survey_get(struct store *s, int64_t id, const char *lang,
	    int64_t viewer_id, int64_t now, struct store_survey **out);

struct store_question_new {
	int				 kind;
	struct store_trs		 text;
	int				 required;
	const struct store_trs		*options;	/* single/multiple: titles */
	size_t				 n_options;
	int				 max_choices;	/* multiple: 1..n_options */
	int				 max_length;	/* text: 1..5000 */
	int				 scale_min, scale_max;	/* scale: min < max */
	struct store_trs		 min_label, max_label;	/* scale, optional */
};
struct store_survey_new {
	struct store_trs			 title;
	struct store_trs			 intro;
	int64_t					 opens_at;
	int64_t					 closes_at;
	const struct store_question_new		*questions;	/* 1..100 */
	size_t					 n_questions;
};
int	store_survey_create(struct store *s, int64_t project_id,
	    const struct store_survey_new *in, int64_t now, int64_t actor_id,
	    int64_t *id);

struct store_answer_in {
	int64_t		 question_id;
	const int64_t	*choices;	/* single/multiple */
	size_t		 n_choices;
	const char	*text;		/* text; NULL: not answered */
	int		 has_value;	/* scale */
	int		 value;
};
/*
 * PUT /surveys/{id}/response: stores (replaces) the response of user_id.
 * ENOTFOUND survey; ECLOSED outside the window; EINVALID when a question id
 * is foreign or repeated, a required question is unanswered, choices are
 * invalid, text is longer than max_length characters or a value is out of
 * the scale; then *bad_question (if not NULL) holds the question id.
 */
int	store_response_put(struct store *s, int64_t survey_id, int64_t user_id,
	    const struct store_answer_in *answers, size_t n, int64_t now,
	    int64_t *updated_at, int64_t *bad_question);

struct store_answer {
	int64_t	 question_id;
	int64_t	*choices;
	size_t	 n_choices;
	char	*text;		/* NULL when none */
	int	 has_value;
	int	 value;
};
struct store_response {
	int64_t			 id;
	int64_t			 survey_id;
	int64_t			 updated_at;
	struct store_answer	*answers;	/* in question order */
	size_t			 n_answers;
};
void	store_response_free(struct store_response *r);
/* The viewer's response; ENOTFOUND when none. */
int	store_response_get(struct store *s, int64_t survey_id, int64_t user_id,
	    struct store_response **out);

struct store_response_list {
	struct store_response	*items;
	size_t			 n;
	char			*next;
	int64_t			 total;
};
void	store_response_list_free(struct store_response_list *l);
/* All responses of a survey, oldest first, without any personal data
 * (for responses.csv). */
int	store_response_list(struct store *s, int64_t survey_id, int limit,
	    const char *after, struct store_response_list *out);

/* --- GET /me/export ---------------------------------------------------- */

struct store_support_rec {
	int64_t	idea_id;
	int64_t	created_at;
};
struct store_report_rec {
	int	 target;
	int64_t	 target_id;
	char	*reason;
	int64_t	 created_at;
};
struct store_export {
	struct store_user	*user;		/* with email, locale, status */
	struct store_idea	*ideas;		/* with body, every status */
	size_t			 n_ideas;
	struct store_comment	*comments;
	size_t			 n_comments;
	struct store_support_rec *supports;
	size_t			 n_supports;
	struct store_ballot	*ballots;
	size_t			 n_ballots;
	struct store_response	*responses;
	size_t			 n_responses;
	struct store_report_rec	*reports;
	size_t			 n_reports;
	int64_t			 n_sessions;	/* live sessions (no hashes) */
	struct store_sshkey_list *sshkeys;	/* SSH keys (fingerprints) */
};
void	store_export_free(struct store_export *e);
/* Everything stored about an account. */
int	store_export_user(struct store *s, int64_t user_id, int64_t now,
	    struct store_export **out);

/* --- Demo data (seed.c) ------------------------------------------------ */

struct store_demo_account {
	const char	*username;
	const char	*password;	/* demo only; listed in README.md */
	int		 role;
};

/* The demo accounts (demo/demo-passwort citizen, moderation/
 * moderation-passwort moderator, rathaus/rathaus-passwort staff); static
 * table, *n gets its length. The caller (main.c) prints them after seeding. */
const struct store_demo_account *store_demo_accounts(size_t *n);

/*
 * Seeds the demo data of issue 2 (projects, polls, surveys, ideas, comments,
 * demo accounts and a few demo voters, an analog tally) relative to now:
 * open things close in 2027, the Rütschhofstraße poll closed in the past.
 * Hashes passwords with the current pwhash cost. Idempotent: returns 1 and
 * changes nothing when the demo data is already there, 0 after seeding.
 * Runs in one transaction.
 */
int	store_seed_demo(struct store *s, int64_t now);

#endif
