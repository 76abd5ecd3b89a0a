/* render.h — turns store objects into the JSON (and CSV) bodies of
 * api-v1.md. The only file of the routes that builds JSON. Every function
 * returns a new NUL-terminated string (caller frees) or NULL when out of
 * memory. */
#ifndef MW_API_RENDER_H
#define MW_API_RENDER_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "server/api/store.h"

struct results;

/* Who is looking: decides *_by_me fields and private fields. */
struct render_viewer {
	int64_t	 user_id;	/* 0: anonymous */
	int	 role;		/* enum store_role; 0 anonymous */
};

/* Writes an RFC 3339 UTC time ("2022-04-02T09:00:00Z") into out (21+ bytes). */
void	render_time(int64_t t, char *out, size_t outsz);
/* Parses RFC 3339 ("...Z" or "+HH:MM") or a date "YYYY-MM-DD" (midnight
 * UTC). Returns 0 and stores the time, or -1. */
int	render_time_parse(const char *s, int64_t *out);

char	*render_error(const char *code, const char *message, const char *field);
char	*render_health(const char *version);
/* {"<key>": "<value>"} */
char	*render_pair(const char *key, const char *value);

char	*render_user(const struct store_user *u, int owner);
/* The answer to every accepted registration: the user as registered,
 * pending, without an id, alike whether an account was created or the
 * name or address was taken (only the mail tells). */
char	*render_registration(const char *username, const char *display_name,
	    const char *email, const char *locale, int64_t now);
char	*render_login(const char *token, int64_t expires_at,
	    const struct store_user *u);

char	*render_project(const struct store_project *p,
	    const struct store_formats *f);
char	*render_project_list(const struct store_project_list *l);

char	*render_idea(const struct store_idea *i, const struct render_viewer *v,
	    int with_body);
char	*render_idea_list(const struct store_idea_list *l,
	    const struct render_viewer *v);
char	*render_support(int supported, int64_t supports);

char	*render_comment(const struct store_comment *c,
	    const struct render_viewer *v);
char	*render_comment_list(const struct store_comment_list *l,
	    const struct render_viewer *v);

char	*render_poll(const struct store_poll *p, const struct render_viewer *v);
char	*render_results(const struct results *r);
char	*render_ballot(int64_t poll_id, const int64_t *choices, size_t n,
	    int64_t updated_at);
/* A paper tally and the tallies of a poll of kind with max_choices. */
char	*render_tally(const struct store_tally *t, int kind, int max_choices);
char	*render_tally_list(const struct store_tally_list *l, int kind,
	    int max_choices);

char	*render_survey(const struct store_survey *s,
	    const struct render_viewer *v);
char	*render_response(const struct store_response *r);

char	*render_queue(const struct store_queue *q, int type);
char	*render_audit_list(const struct store_audit_list *l);
char	*render_export(const struct store_export *e);

/* CSV (RFC 4180, CRLF, quoted where needed), no personal data. */
char	*render_results_csv(const struct results *r);
char	*render_responses_csv(const struct store_survey *s,
	    const struct store_response *items, size_t n);

/* Appends one CSV field (quoted when it holds , " CR or LF) to a buffer
 * of len bytes at *buf with capacity *cap; a field that starts with
 * = + - @ TAB or CR is quoted and prefixed with ' so that no spreadsheet
 * runs it as a formula. Returns 0 or -1. For tests and the fuzzer. */
int	render_csv_field(char **buf, size_t *len, size_t *cap, const char *s);

/* SSH keys of key login: one key {id, fingerprint, type, label,
 * created_at}, and the list of an account's keys. */
char	*render_sshkey(const struct store_sshkey *k);
char	*render_sshkey_list(const struct store_sshkey_list *l);
/* {"proof", "fingerprint", "expires_at"}: POST /auth/ssh-key/proof. */
char	*render_keyproof(const char *proof, const char *fingerprint,
	    int64_t expires_at);

#endif
