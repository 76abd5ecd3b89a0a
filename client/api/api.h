/* api.h — typed client of the platform API v1 (one function per endpoint). */
#ifndef MW_CLIENT_API_H
#define MW_CLIENT_API_H

#include <stddef.h>

/*
 * This module is the only client code that talks HTTP (libcurl) or parses
 * JSON (cJSON); neither type leaves it. Every string in the structs below
 * came from the network and has already been passed through
 * text_sanitize() (TEXT_MULTILINE for bodies, descriptions, intros), so it
 * is safe to print on any terminal as it is.
 *
 * Conventions:
 * - Calls return 0 on success and -1 on failure; after a failure
 *   api_error() describes it (kind, HTTP status, server code, field and a
 *   translated message). Out-params are set to NULL on entry and only
 *   filled on success; the caller owns what they point to and frees it with
 *   the matching NULL-safe _free function.
 * - Ids are long long; 0 means "none" (e.g. parent_id of a top comment).
 * - Optional strings the server did not send are NULL, never "".
 * - Tri-state booleans (known only with a token) are -1 unknown, 0, 1.
 * - List calls take a cursor (after, NULL for the first page) and a limit
 *   (0 for the server default); the list carries the next cursor (NULL on
 *   the last page) and the total.
 * - Every request carries ?lang=<i18n_lang()>, Accept-Encoding: gzip and,
 *   when logged in, Authorization: Bearer. GETs are revalidated with
 *   If-None-Match against an in-memory cache, so a repeated GET that did
 *   not change costs a 304 without a body.
 */

struct api;	/* opaque: base URL, token, CURL handle (keep-alive), cache */

/* ---------------------------------------------------------------- errors */

enum api_err_kind {
	API_ERR_NONE = 0,
	API_ERR_NETWORK,	/* no answer: refused, DNS, timeout, TLS, ... */
	API_ERR_REFUSED,	/* a 4xx the user can act on (403, 409, 429, 400, ...) */
	API_ERR_LOGIN,		/* 401: login needed, session expired, bad password */
	API_ERR_NOT_FOUND,	/* 404 */
	API_ERR_VALIDATION,	/* 422: see field */
	API_ERR_SERVER,		/* 5xx or an answer that is not the contract */
	API_ERR_LOCAL		/* out of memory, bad argument (a bug, not the user) */
};

/* Why a network failure happened (kind API_ERR_NETWORK). */
enum api_net {
	API_NET_NONE = 0,
	API_NET_REFUSED,	/* connection refused / host unreachable */
	API_NET_DNS,		/* host name could not be resolved */
	API_NET_TIMEOUT,
	API_NET_TLS,		/* TLS handshake or certificate */
	API_NET_OTHER
};

struct api_error {
	enum api_err_kind kind;
	enum api_net	 net;		/* for API_ERR_NETWORK */
	long		 status;	/* HTTP status, 0 when there was no answer */
	int		 retry_after;	/* seconds from Retry-After (429), else 0 */
	char		 code[48];	/* server error code ("validation_failed"), "" if none */
	char		 field[64];	/* field named by the server, "" if none */
	char		 message[512];	/* translated, sanitized, one line */
};

/* The error of the last failed call on a (borrowed; valid until the next
 * call). kind is API_ERR_NONE after a successful call. */
const struct api_error *api_error(const struct api *a);

/* Maps an error to CLIENT_EXIT_* of client/client.h: LOGIN -> 3,
 * NETWORK/SERVER/LOCAL -> 4, REFUSED/NOT_FOUND/VALIDATION -> 2, NONE -> 0. */
int	api_error_exit(const struct api_error *e);

/* ---------------------------------------------------------- the handle */

/*
 * Resolves the API base URL: cli (from --api) when non-NULL, else
 * $MITWIRKUNG_API, else an "api = URL" line of
 * $XDG_CONFIG_HOME/mitwirkung/config (~/.config when unset), else
 * "http://127.0.0.1:8080/api/v1". A trailing '/' is removed. Returns a new
 * string (caller frees) or NULL when out of memory.
 */
char	*api_resolve_base(const char *cli);

/*
 * 1 when base is a plain http:// URL to a host that is not this machine
 * (not localhost, 127.0.0.0/8 or ::1): passwords and the session token
 * would cross the network unencrypted. 0 for https and loopback.
 */
int	api_base_insecure(const char *base);

/* Returns a new handle for base (e.g. "http://127.0.0.1:8080/api/v1"), or
 * NULL when out of memory or curl cannot be initialised. */
struct api *api_new(const char *base);
void	api_free(struct api *a);	/* wipes the token */

/* Sets (copies) or clears (NULL) the bearer token; clears the cache, since
 * answers differ per account. Returns 0 or -1 when out of memory.
 * A GET answered 401 while a token is set means the session is over: the
 * handle drops the token and repeats the GET as a guest (public data, or
 * the same 401 for /me and the like). Callers notice by api_token()
 * turning NULL. */
int	api_set_token(struct api *a, const char *token);
const char *api_token(const struct api *a);	/* borrowed, NULL when none */
const char *api_base(const struct api *a);	/* borrowed */

/* Timeouts in milliseconds (defaults: connect 5000, total 20000). */
void	api_set_timeouts(struct api *a, long connect_ms, long total_ms);

/* Drops every cached answer (kiosk reset, language switch is not needed:
 * the language is part of the cached URL). */
void	api_cache_clear(struct api *a);

/*
 * The JSON of the last successful answer, printed by cJSON (control
 * characters escaped) and then sanitized, so it is safe for stdout; ends
 * with '\n'. Borrowed, valid until the next call; NULL when the last answer
 * had no body (204) or was not JSON. For --json output.
 */
const char *api_json(const struct api *a);

struct api_stats {
	unsigned long	requests;	/* HTTP requests made */
	unsigned long	not_modified;	/* of which answered 304 from the cache */
	unsigned long long bytes_in;	/* header + body bytes received (on the wire) */
	unsigned long	connects;	/* new connections opened (keep-alive keeps it 1) */
};
void	api_stats_get(const struct api *a, struct api_stats *out);

/* ------------------------------------------------- kinds, states, roles */

/*
 * The API's words for kinds, states and roles are parsed once, here, into
 * these enums; the words live only in api_words.c. A word the client does
 * not know (a newer server) is the _UNKNOWN value 0, as is a missing one.
 */
enum api_poll_kind {
	API_POLL_UNKNOWN = 0,
	API_POLL_SINGLE,
	API_POLL_MULTIPLE,
	API_POLL_RANKING
};

enum api_question_kind {
	API_QUESTION_UNKNOWN = 0,
	API_QUESTION_SINGLE,
	API_QUESTION_MULTIPLE,
	API_QUESTION_TEXT,
	API_QUESTION_SCALE
};

/* States of projects, polls, surveys (upcoming, open, closed), of ideas
 * and comments (pending, published, rejected, hidden) and of accounts
 * (pending, active). */
enum api_status {
	API_STATUS_UNKNOWN = 0,
	API_STATUS_UPCOMING,
	API_STATUS_OPEN,
	API_STATUS_CLOSED,
	API_STATUS_PENDING,
	API_STATUS_PUBLISHED,
	API_STATUS_REJECTED,
	API_STATUS_HIDDEN,
	API_STATUS_ACTIVE
};

/* Roles in rising order of rights: a role "at least staff" is >=. */
enum api_role {
	API_ROLE_UNKNOWN = 0,
	API_ROLE_CITIZEN,
	API_ROLE_MODERATOR,
	API_ROLE_STAFF,
	API_ROLE_ADMIN
};

/* The API's word of a value (static, "" for _UNKNOWN) and the value of a
 * word (NULL or unknown: _UNKNOWN). */
const char *api_poll_kind_name(enum api_poll_kind k);
const char *api_question_kind_name(enum api_question_kind k);
const char *api_status_name(enum api_status s);
const char *api_role_name(enum api_role r);
enum api_poll_kind api_poll_kind_parse(const char *word);
enum api_question_kind api_question_kind_parse(const char *word);
enum api_status api_status_parse(const char *word);
enum api_role api_role_parse(const char *word);

/* ---------------------------------------------------------- the objects */

struct api_user {
	long long	 id;
	char		*username;
	char		*display_name;
	enum api_role	 role;
	char		*created_at;
	char		*email;		/* only to the owner, else NULL */
	char		*locale;	/* only to the owner */
	enum api_status status;	/* only to the owner: pending | active */
};

struct api_format_poll {
	long long	 id;
	char		*title;
	enum api_poll_kind kind;
	enum api_status status;
};

struct api_format_survey {
	long long	 id;
	char		*title;
	enum api_status status;
};

/* Which language each text field of a city's object is in (the API's
 * "langs"): (field, language) pairs, owned by the object they are in. */
struct api_lang_pair {
	char	*field;		/* "title", "summary", "description", ... */
	char	*lang;		/* "de", "tr", "ls", ... */
};
struct api_langs {
	struct api_lang_pair	*v;
	size_t			 n;
};

/* The language field is in (borrowed from l), or NULL when the server did
 * not say; l may be NULL. */
const char *api_langs_get(const struct api_langs *l, const char *field);

struct api_project {
	long long	 id;
	char		*slug;
	char		*category;	/* smart-city | city-hall | other */
	char		*title;
	char		*summary;
	enum api_status status;
	char		*starts_at;
	char		*ends_at;
	char		*lang;		/* of the title */
	struct api_langs langs;		/* of each text field */
	long		 n_ideas;	/* counts */
	long		 n_comments;
	long		 n_participants;
	/* Only from api_project_get(): */
	char		*description;	/* multi-line, paragraphs split by a blank line */
	int		 has_formats;
	int		 ideas_open;	/* formats.ideas.open */
	struct api_format_poll *polls;
	size_t		 n_polls;
	struct api_format_survey *surveys;
	size_t		 n_surveys;
};

struct api_project_list {
	struct api_project *items;
	size_t		 n;
	char		*next;		/* cursor of the next page, NULL on the last */
	long		 total;
};

struct api_idea {
	long long	 id;
	long long	 project_id;
	char		*title;
	char		*author;	/* display name (or user name) of the author */
	char		*created_at;
	enum api_status status;
	long		 supports;
	long		 comments;
	int		 supported_by_me;	/* -1 unknown, 0, 1 */
	char		*body;		/* only from api_idea_get(); multi-line */
	char		*moderation_reason;	/* to the author, when rejected/hidden */
};

struct api_idea_list {
	struct api_idea	*items;
	size_t		 n;
	char		*next;
	long		 total;
};

struct api_comment {
	long long	 id;
	long long	 idea_id;	/* 0 for a project comment */
	long long	 project_id;	/* 0 for an idea comment */
	long long	 parent_id;	/* 0 for a top-level comment */
	char		*author;
	char		*body;		/* multi-line */
	char		*created_at;
	enum api_status status;
	char		*moderation_reason;
};

struct api_comment_list {
	struct api_comment *items;	/* oldest first, replies after their parent */
	size_t		 n;
	char		*next;
	long		 total;
};

struct api_option {
	long long	 id;
	char		*title;
	char		*description;	/* multi-line, may be NULL */
	struct api_langs langs;		/* of title and description */
	int		 has_location;
	char		*address;	/* location, when has_location */
	double		 lat;
	double		 lon;
};

struct api_poll {
	long long	 id;
	long long	 project_id;
	char		*title;
	char		*question;
	enum api_poll_kind kind;
	int		 max_choices;
	enum api_status status;
	char		*opens_at;
	char		*closes_at;
	int		 results_visible;
	char		*lang;		/* of the title */
	struct api_langs langs;		/* of title and question */
	struct api_option *options;
	size_t		 n_options;
	int		 has_ballot;	/* my_ballot was not null */
	long long	*my_ballot;	/* option ids, in rank order for ranking */
	size_t		 n_my_ballot;
};

struct api_ballot {
	long long	 poll_id;
	long long	*choices;
	size_t		 n_choices;
	char		*updated_at;
};

struct api_result_option {
	long long	 id;
	char		*title;
	long		 online;
	long		 analog;
	long		 total;
	double		 share;		/* 0..1 */
	int		 has_points;	/* ranking polls */
	long		 points;
	int		 rank;		/* 1 = first; ties share a rank */
};

struct api_results {
	long long	 poll_id;
	enum api_poll_kind kind;
	int		 final;
	long		 ballots_online;
	long		 ballots_analog;	/* valid paper ballots of counted tallies */
	long		 ballots_total;
	long		 analog_invalid;	/* their blank or invalid ones */
	long		 tallies_counted;	/* paper tallies counted */
	long		 tallies_pending;	/* waiting for a second keying or differing */
	struct api_result_option *options;	/* in the server's order */
	size_t		 n_options;
};

struct api_choice {
	long long	 id;
	char		*title;
};

struct api_question {
	long long	 id;
	enum api_question_kind kind;
	char		*text;
	int		 required;
	struct api_choice *options;	/* single, multiple */
	size_t		 n_options;
	int		 max_choices;	/* multiple; 0 when not given */
	int		 max_length;	/* text; 0 when not given */
	int		 has_scale;
	int		 scale_min;
	int		 scale_max;
	char		*min_label;
	char		*max_label;
};

struct api_survey {
	long long	 id;
	long long	 project_id;
	char		*title;
	char		*intro;		/* multi-line */
	enum api_status status;
	int		 answered_by_me;	/* -1 unknown, 0, 1 */
	char		*lang;
	struct api_question *questions;
	size_t		 n_questions;
	char		*opens_at;	/* when the server sends them */
	char		*closes_at;
};

/* One answer of a survey response (input). */
struct api_answer {
	long long	 question_id;
	const long long	*choices;	/* single/multiple, else NULL */
	size_t		 n_choices;
	const char	*text;		/* text questions, else NULL */
	int		 has_value;	/* scale questions */
	int		 value;
};

/* An item of the moderation queue: an idea, a comment or a report. */
struct api_queue_item {
	char		*type;		/* idea | comment | report */
	long long	 id;
	char		*title;		/* ideas */
	char		*body;		/* ideas, comments; multi-line */
	char		*author;
	char		*created_at;
	enum api_status status;
	long long	 idea_id;	/* comments */
	long long	 project_id;
	char		*reason;	/* reports */
	char		*target_type;	/* reports: idea | comment ("target" in the answer) */
	long long	 target_id;	/* reports */
	char		*reporter;	/* reports: who reported, when the server says */
	/* Context (NULL / 0 when the server sends none): */
	char		*project_title;
	char		*idea_title;	/* comments: the idea it belongs to */
	long long	 parent_id;	/* comments: the comment it answers */
	char		*parent_body;	/* multi-line */
	char		*parent_author;
};

struct api_queue_list {
	struct api_queue_item *items;
	size_t		 n;
	char		*next;
	long		 total;
};

struct api_login {
	char		*token;		/* secret: wiped by api_login_free() */
	char		*expires_at;
	struct api_user	*user;
};

struct api_support {
	int		 supported;
	long		 supports;
};

/*
 * The account's own contributions, read from GET /me/export (the only
 * place the API lists them, whatever their moderation state). The export
 * names projects, ideas and polls only by id; api_me_activity() looks
 * their titles up with further GETs (cached), and a title it could not
 * get (a hidden idea, a removed poll, the network gone half-way) stays
 * NULL, so the caller falls back to the id.
 */
struct api_my_idea {
	long long	 id;
	long long	 project_id;
	char		*title;
	enum api_status status;
	char		*moderation_reason;	/* multi-line; NULL when none */
	char		*created_at;
	long		 supports;
	long		 comments;
	char		*project_title;		/* looked up */
};

struct api_my_comment {
	long long	 id;
	long long	 idea_id;	/* 0 for a project comment */
	long long	 project_id;
	long long	 parent_id;	/* 0 for a top-level comment */
	char		*body;		/* multi-line, whole */
	enum api_status status;
	char		*moderation_reason;	/* multi-line; NULL when none */
	char		*created_at;
	char		*idea_title;	/* looked up; NULL for a project comment */
	char		*project_title;	/* looked up */
};

struct api_my_ballot {
	long long	 poll_id;
	long long	*choices;	/* option ids, in rank order for ranking */
	size_t		 n_choices;
	char		*updated_at;
	/* Looked up from GET /polls/{id}: */
	char		*poll_title;
	enum api_poll_kind poll_kind;
	enum api_status poll_status;
	char		*opens_at;
	char		*closes_at;
	char		**choice_titles;	/* n_choices entries (each may be NULL) or NULL */
};

struct api_activity {
	struct api_user		*user;		/* NULL when the export had none */
	struct api_my_idea	*ideas;		/* oldest first */
	size_t			 n_ideas;
	struct api_my_comment	*comments;	/* oldest first */
	size_t			 n_comments;
	struct api_my_ballot	*ballots;
	size_t			 n_ballots;
};

/* Frees an object and everything it owns; NULL is fine. */
void	api_user_free(struct api_user *u);
void	api_project_free(struct api_project *p);
void	api_project_list_free(struct api_project_list *l);
void	api_idea_free(struct api_idea *i);
void	api_idea_list_free(struct api_idea_list *l);
void	api_comment_free(struct api_comment *c);
void	api_comment_list_free(struct api_comment_list *l);
void	api_poll_free(struct api_poll *p);
void	api_ballot_free(struct api_ballot *b);
void	api_results_free(struct api_results *r);
void	api_survey_free(struct api_survey *s);
void	api_queue_list_free(struct api_queue_list *l);
void	api_login_free(struct api_login *l);
void	api_activity_free(struct api_activity *act);

/* --------------------------------------------------- public endpoints */

/* GET /health; *version (may be NULL) gets the server version. */
int	api_health(struct api *a, char **version);

/* GET /projects; status open|upcoming|closed|all and category may be NULL. */
int	api_projects(struct api *a, const char *status, const char *category,
	    const char *after, int limit, struct api_project_list **out);

/* GET /projects/{ref}; ref is a numeric id or a slug. */
int	api_project_get(struct api *a, const char *ref, struct api_project **out);

/* GET /projects/{id}/ideas; sort "top" | "new" | NULL. */
int	api_project_ideas(struct api *a, long long project_id, const char *sort,
	    const char *after, int limit, struct api_idea_list **out);

/* GET /ideas/{id} (with body). */
int	api_idea_get(struct api *a, long long id, struct api_idea **out);

/* GET /ideas/{id}/comments and GET /projects/{id}/comments. */
int	api_idea_comments(struct api *a, long long idea_id, const char *after,
	    int limit, struct api_comment_list **out);
int	api_project_comments(struct api *a, long long project_id,
	    const char *after, int limit, struct api_comment_list **out);

/* GET /polls/{id}. */
int	api_poll_get(struct api *a, long long id, struct api_poll **out);

/* GET /polls/{id}/results; 403 results_hidden is an API_ERR_REFUSED with
 * code "results_hidden". */
int	api_poll_results(struct api *a, long long id, struct api_results **out);

/* GET /surveys/{id}. */
int	api_survey_get(struct api *a, long long id, struct api_survey **out);

/* ------------------------------------------------ resident endpoints */

/* POST /projects/{id}/ideas; the new idea (status pending). */
int	api_idea_create(struct api *a, long long project_id, const char *title,
	    const char *body, struct api_idea **out);

/* PUT and DELETE /ideas/{id}/support; out may be NULL. */
int	api_idea_support(struct api *a, long long idea_id, struct api_support *out);
int	api_idea_unsupport(struct api *a, long long idea_id, struct api_support *out);

/* POST /ideas/{id}/comments and POST /projects/{id}/comments; parent_id 0
 * for a top-level comment. out may be NULL. */
int	api_idea_comment(struct api *a, long long idea_id, long long parent_id,
	    const char *body, struct api_comment **out);
int	api_project_comment(struct api *a, long long project_id,
	    long long parent_id, const char *body, struct api_comment **out);

/* POST /ideas/{id}/report and POST /comments/{id}/report. */
int	api_idea_report(struct api *a, long long idea_id, const char *reason);
int	api_comment_report(struct api *a, long long comment_id, const char *reason);

/* PUT /polls/{id}/ballot with choices in rank order; out may be NULL. */
int	api_ballot_put(struct api *a, long long poll_id, const long long *choices,
	    size_t n, struct api_ballot **out);

/* DELETE /polls/{id}/ballot. */
int	api_ballot_delete(struct api *a, long long poll_id);

/* PUT /surveys/{id}/response. */
int	api_survey_respond(struct api *a, long long survey_id,
	    const struct api_answer *answers, size_t n);

/* PUT /surveys/{id}/response with answers given as JSON text: either the
 * array of answers or {"answers": [...]} (as in `survey --answers FILE`).
 * Text that is not JSON of that shape is an API_ERR_VALIDATION with field
 * "answers", without a request. */
int	api_survey_respond_json(struct api *a, long long survey_id,
	    const char *json);

/* GET /me. */
int	api_me(struct api *a, struct api_user **out);

/* GET /me/export: *json gets everything stored about the account as
 * pretty, sanitized JSON text (caller frees). */
int	api_me_export(struct api *a, char **json);

/* GET /me/export as typed data: own ideas and comments in every
 * moderation state (with the reason), own ballots, with the titles of
 * what they belong to looked up (see struct api_activity). Fails only
 * when the export itself fails or memory runs out. api_json() afterwards
 * is not the export (use api_me_export() for that). */
int	api_me_activity(struct api *a, struct api_activity **out);

/* DELETE /me with the password; on success the token is dropped. */
int	api_me_delete(struct api *a, const char *password);

/* ------------------------------------------------- account endpoints */

/* POST /auth/register; display_name may be NULL. The account's locale is
 * the language in use (i18n_lang()), so the mail comes in it. out may be
 * NULL. */
int	api_register(struct api *a, const char *username, const char *email,
	    const char *password, const char *display_name,
	    struct api_user **out);

/* POST /auth/confirm with the token from the mail. out may be NULL. */
int	api_confirm(struct api *a, const char *token, struct api_user **out);
/* POST /auth/confirm with the 8-digit code from the mail ("1234 5678")
 * for login (user name or e-mail). A wrong code is API_ERR_NOT_FOUND
 * with field "code". out may be NULL. */
int	api_confirm_code(struct api *a, const char *login, const char *code,
	    struct api_user **out);

/* POST /auth/login; login is a user name or e-mail. Any old token is
 * dropped first; on success the handle uses the new token from now on;
 * out (may be NULL) gets token, expiry and user. */
int	api_login(struct api *a, const char *login, const char *password,
	    struct api_login **out);

/* POST /auth/logout; the handle drops its token whatever the answer. */
int	api_logout(struct api *a);

/* ----------------------------------------------- moderator endpoints */

/* GET /moderation/queue?type=ideas|comments|reports (NULL: server default). */
int	api_moderation_queue(struct api *a, const char *type, const char *after,
	    int limit, struct api_queue_list **out);

/* POST /moderation/ideas/{id} and /moderation/comments/{id};
 * action "approve" | "reject" | "hide"; reason may be NULL for approve. */
int	api_moderate_idea(struct api *a, long long idea_id, const char *action,
	    const char *reason);
int	api_moderate_comment(struct api *a, long long comment_id,
	    const char *action, const char *reason);

/* --------------------------------------------------- staff endpoints */

/* One text in one language; both strings borrowed. */
struct api_tr {
	const char	*lang;		/* a code of the registry: "de", "ls", "tr" */
	const char	*text;		/* NULL: left out */
};
/* A translatable text as (language, text) pairs, borrowed from the caller
 * for the call; n == 0 leaves the field out (useful for PATCH). A new
 * object needs a "de" text for each field it gives. */
struct api_text_in {
	const struct api_tr	*v;
	size_t			 n;
};
/* A struct api_text_in of the pairs given, as a compound literal living
 * as long as the enclosing block: API_TEXT({ "de", "Ja" }, { "tr", "Evet" }). */
#define API_TEXT(...) ((struct api_text_in){ (const struct api_tr[]){ __VA_ARGS__ }, \
	sizeof((const struct api_tr[]){ __VA_ARGS__ }) / sizeof(struct api_tr) })

/* POST /projects and PATCH /projects/{id}: NULL / zero fields are left out
 * (for POST the server requires slug, category, title, status, dates). */
struct api_project_in {
	const char	*slug;
	const char	*category;
	struct api_text_in title;
	struct api_text_in summary;
	struct api_text_in description;
	const char	*status;
	const char	*starts_at;
	const char	*ends_at;
	int		 ideas_open;	/* -1 leave out, 0, 1 (sent as "ideas_open") */
};

struct api_option_in {
	struct api_text_in title;
	struct api_text_in description;
	const char	*address;	/* NULL: no location */
	double		 lat;
	double		 lon;
};

/* POST /projects/{id}/polls and PATCH /polls/{id}. */
struct api_poll_in {
	struct api_text_in title;
	struct api_text_in question;
	const char	*kind;
	int		 max_choices;	/* 0 leave out */
	const char	*status;
	const char	*opens_at;
	const char	*closes_at;
	int		 results_visible;	/* -1 leave out, 0, 1 */
	const struct api_option_in *options;	/* NULL leave out */
	size_t		 n_options;
};

struct api_question_in {
	const char	*kind;
	struct api_text_in text;
	int		 required;
	const struct api_text_in *options;	/* single/multiple option titles */
	size_t		 n_options;
	int		 max_choices;	/* 0 leave out */
	int		 max_length;	/* 0 leave out */
	int		 has_scale;
	int		 scale_min;
	int		 scale_max;
	struct api_text_in min_label;
	struct api_text_in max_label;
};

/* POST /projects/{id}/surveys. */
struct api_survey_in {
	struct api_text_in title;
	struct api_text_in intro;
	const char	*status;
	const struct api_question_in *questions;
	size_t		 n_questions;
	const char	*opens_at;	/* the server requires the window */
	const char	*closes_at;
};

/* One count of a paper tally: an option id and a number. */
struct api_tally {
	long long	 option_id;
	long		 count;
};

/* One line of a paper sheet: how many ballots (count) had these choices;
 * for single/multiple polls one option, for ranking polls an order of
 * options, first choice first. */
struct api_paper_line {
	long long	*choices;
	size_t		 n_choices;
	long		 count;
};

/* A paper sheet as keyed (input). */
struct api_paper_in {
	const char	*source;	/* booth and sheet label; NULL: keep (correct) */
	long		 ballots;	/* all paper ballots, invalid included */
	long		 invalid;
	int		 keys;		/* 1 or 2 (new tallies only) */
	const struct api_paper_line *lines;
	size_t		 n_lines;
	int		 ranking;	/* send the lines as rankings */
};

enum api_tally_state {
	API_TALLY_UNKNOWN = 0,
	API_TALLY_COUNTED,
	API_TALLY_WAITING,	/* the second keying is missing */
	API_TALLY_MISMATCH,	/* two keyings that differ */
	API_TALLY_WITHDRAWN
};

/* One keying of a tally. counts: per option its number (for ranking polls
 * the points the rankings give). */
struct api_tally_entry {
	int		 slot;
	char		*keyed_by;	/* NULL when the account is gone */
	long long	 keyed_by_id;	/* the keyer's account id (0: not given) */
	char		*keyed_at;
	long		 ballots;	/* -1 when the server gave none (old tallies) */
	long		 invalid;
	struct api_tally *counts;
	size_t		 n_counts;
	struct api_paper_line *rankings;	/* ranking polls */
	size_t		 n_rankings;
};

struct api_tally_sheet {
	long long	 id;
	long long	 poll_id;
	char		*source;
	int		 keys;
	enum api_tally_state state;
	char		*created_at;
	char		*withdrawn_at;	/* NULL when not */
	struct api_tally_entry entries[2];
	size_t		 n_entries;
};

struct api_tally_list {
	struct api_tally_sheet *items;
	size_t		 n;
};

void	api_tally_sheet_free(struct api_tally_sheet *t);
void	api_tally_list_free(struct api_tally_list *l);
/* The number an entry gives option_id (0 when none). */
long	api_tally_entry_count(const struct api_tally_entry *e, long long option_id);

int	api_project_create(struct api *a, const struct api_project_in *in,
	    struct api_project **out);
int	api_project_update(struct api *a, long long id,
	    const struct api_project_in *in, struct api_project **out);
int	api_poll_create(struct api *a, long long project_id,
	    const struct api_poll_in *in, struct api_poll **out);
int	api_poll_update(struct api *a, long long id, const struct api_poll_in *in,
	    struct api_poll **out);
int	api_survey_create(struct api *a, long long project_id,
	    const struct api_survey_in *in, struct api_survey **out);

/* Paper tallies (see docs/api.md "Paper tallies"); out may be NULL.
 * POST /polls/{id}/analog: a new sheet with its first keying. */
int	api_tally_add(struct api *a, long long poll_id,
	    const struct api_paper_in *in, struct api_tally_sheet **out);
/* POST /analog/{id}/entries: the second keying. */
int	api_tally_key(struct api *a, long long tally_id,
	    const struct api_paper_in *in, struct api_tally_sheet **out);
/* PUT /analog/{id}: corrects keying slot (0: one's own) with a reason. */
int	api_tally_correct(struct api *a, long long tally_id, int slot,
	    const char *reason, const struct api_paper_in *in,
	    struct api_tally_sheet **out);
/* DELETE /analog/{id}: withdraws it with a reason. */
int	api_tally_withdraw(struct api *a, long long tally_id,
	    const char *reason, struct api_tally_sheet **out);
/* GET /polls/{id}/analog and GET /analog/{id}. */
int	api_tally_list(struct api *a, long long poll_id,
	    struct api_tally_list **out);
int	api_tally_get(struct api *a, long long tally_id,
	    struct api_tally_sheet **out);

/* GET /polls/{id}/results.csv and GET /surveys/{id}/responses.csv; *csv
 * gets the sanitized text (caller frees). */
int	api_poll_results_csv(struct api *a, long long poll_id, char **csv);
int	api_survey_responses_csv(struct api *a, long long survey_id, char **csv);


/* --------------------------------------------- SSH keys (key login) */

/* A key registered for logging in through the SSH gateway. */
struct api_sshkey {
	long long	 id;
	char		*fingerprint;	/* "SHA256:..." */
	char		*type;		/* "ssh-ed25519", ... */
	char		*label;
	char		*created_at;
};

struct api_sshkey_list {
	struct api_sshkey *items;
	size_t		 n;
};
void	api_sshkey_free(struct api_sshkey *k);
void	api_sshkey_list_free(struct api_sshkey_list *l);

/* GET /me/keys: the account's keys, oldest first. */
int	api_keys_list(struct api *a, struct api_sshkey_list **out);
/* POST /me/keys with an OpenSSH public key line ("TYPE BASE64 [COMMENT]";
 * one trailing line end is dropped), an optional label and the proof the
 * SSH gateway got for that key (MITWIRKUNG_SSH_KEY_PROOF). out may be NULL. */
int	api_keys_add(struct api *a, const char *public_key, const char *label,
	    const char *proof, struct api_sshkey **out);
/* DELETE /me/keys/{id}. */
int	api_keys_remove(struct api *a, long long id);

#endif
