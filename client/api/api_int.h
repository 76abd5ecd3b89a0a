/* api_int.h — internals shared by the files of the API layer (not for other modules). */
#ifndef MW_CLIENT_API_INT_H
#define MW_CLIENT_API_INT_H

#include <cjson/cJSON.h>

#include "client/api/api.h"

/* What a request expects back. */
#define API_WANT_JSON	0	/* a JSON body (or none for 204) */
#define API_WANT_TEXT	1	/* any text (CSV exports) */

/*
 * Makes one request. method "GET", "POST", ...; path starts with '/';
 * query is "k=v&k2=v2" already escaped, or NULL; body is sent as JSON when
 * non-NULL (not freed). GETs use the ETag cache. On success returns 0 and
 * fills *out with the parsed answer (NULL for an empty body), or *text for
 * API_WANT_TEXT; on failure sets the handle's error and returns -1.
 */
/* Makes libcurl and cJSON wipe every block they free (request bodies and
 * buffers carry passwords); once, before the first curl handle. Returns 0
 * or -1. */
int	api_mem_init(void);

int	api_request(struct api *a, const char *method, const char *path,
	    const char *query, const cJSON *body, int want, cJSON **out,
	    char **text);

/* The items a list asked for with limit (0: the API's default, 20): a
 * longer "items" array of answer j is cut to that many, so a platform
 * cannot make the client hold more than it asked for. Returns how many
 * items were cut off. */
#define API_LIST_DEFAULT	20
int	api_list_cap(cJSON *j, int limit);
/* Prints j again as the handle's JSON of the last answer (after a cut). */
void	api_json_reset(struct api *a, const cJSON *j);

/* Sets the handle's error to kind with a translated message (printf). */
void	api_fail(struct api *a, enum api_err_kind kind, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/* Names the field of the handle's current error (validation failures). */
void	api_fail_field(struct api *a, const char *field);

/* Turns an HTTP error answer (status, body of len bytes) into *e. */
void	api_error_from_http(struct api_error *e, long status, const char *body,
	    size_t len, int retry_after);

/* Sanitized copy of a JSON string member (NULL when missing or not a
 * string); multi adds TEXT_MULTILINE. Returns -1 only when out of memory. */
int	api_json_str(const cJSON *obj, const char *name, int multi, char **out);

/* A JSON number as an integer; one outside long long (1e99, NaN) is 0,
 * since converting it would be undefined behaviour (found by fuzzing). */
long long api_num_ll(double d);

/* Parsers: fill a caller-provided struct from a cJSON object; return 0, or
 * -1 when the answer is not the contract or out of memory (the struct is
 * then cleared). */
int	api_parse_user(const cJSON *j, struct api_user *u);
int	api_parse_project(const cJSON *j, struct api_project *p);
int	api_parse_idea(const cJSON *j, struct api_idea *i);
int	api_parse_comment(const cJSON *j, struct api_comment *c);
int	api_parse_poll(const cJSON *j, struct api_poll *p);
int	api_parse_ballot(const cJSON *j, struct api_ballot *b);
int	api_parse_results(const cJSON *j, struct api_results *r);
int	api_parse_survey(const cJSON *j, struct api_survey *s);
int	api_parse_queue_item(const cJSON *j, struct api_queue_item *q);
int	api_parse_login(const cJSON *j, struct api_login *l);
int	api_parse_project_list(const cJSON *j, struct api_project_list *l);
int	api_parse_idea_list(const cJSON *j, struct api_idea_list *l);
int	api_parse_comment_list(const cJSON *j, struct api_comment_list *l);
int	api_parse_queue_list(const cJSON *j, struct api_queue_list *l);
/* The export of GET /me/export; the looked-up titles stay NULL. */
int	api_parse_activity(const cJSON *j, struct api_activity *act);
int	api_parse_tally(const cJSON *j, struct api_tally_sheet *t);
int	api_parse_tally_list(const cJSON *j, struct api_tally_list *l);

/* Release what a struct owns without freeing the struct itself. */
void	api_user_clear(struct api_user *u);
void	api_project_clear(struct api_project *p);
void	api_idea_clear(struct api_idea *i);
void	api_comment_clear(struct api_comment *c);
void	api_poll_clear(struct api_poll *p);
void	api_survey_clear(struct api_survey *s);
void	api_queue_item_clear(struct api_queue_item *q);
void	api_activity_clear(struct api_activity *act);

/* Marks the last call as a success (after lookups that were allowed to fail). */
void	api_ok(struct api *a);

/* Pretty-prints j with cJSON and sanitizes the result; caller frees. */
char	*api_json_print(const cJSON *j);

#endif
