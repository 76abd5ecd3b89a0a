/* routes_int.h — helpers shared by the route files (private to routes*.c). */
#ifndef MW_API_ROUTES_INT_H
#define MW_API_ROUTES_INT_H

#include <stdint.h>

#include "server/api/http.h"
#include "server/api/json.h"
#include "server/api/render.h"
#include "server/api/store.h"
#include "server/api/validate.h"

/* Allocations of one request, freed together by pool_free(). */
struct pool {
	void	*p[512];
	size_t	 n;
};
/* Remembers ptr for pool_free(); returns ptr (NULL stays NULL). */
void	*pool_add(struct pool *pl, void *ptr);
void	 pool_free(struct pool *pl);

/* Path arguments ({id} segments) of a matched route. */
struct route_args {
	const char	*arg[4];
	size_t		 n;
};

/* Who is asking; 0/0 when anonymous. */
int64_t	route_uid(const struct req *r);
int	route_role(const struct req *r);
struct render_viewer route_viewer(const struct req *r);

/* Published ideas and comments are public; others only for their author
 * and moderators. Returns 1 when the caller may see one. */
int	route_can_see(const struct req *r, int status, int64_t author_id);

/* Parses a positive decimal id; 0 on success, -1 otherwise. */
int	route_id(const char *s, int64_t *id);
/* Resolves {id} of /projects/{id}... (an id or a slug) to a project id;
 * replies 404 and returns -1 when there is none. */
int	route_project_id(struct req *r, struct store *st, const char *arg,
	    int64_t *id);

/* For routes that check existence first (404), then the role: replies
 * 401/403 and returns -1 unless the caller is staff. */
int	route_need_staff(struct req *r);

/* The JSON body; replies 415/400 and returns NULL on failure. */
struct jin *route_body(struct req *r);

/* For POST/PATCH on /projects/{id}...: the store, the project id and the
 * JSON body; replies (404, 415, 400, 500) and returns NULL on failure. */
struct jin *route_project_body(struct req *r, const char *arg,
	    struct store **st, int64_t *pid);

/* Replies for a store error code; field names the input for EINVALID. */
void	route_store_error(struct req *r, int rc, const char *field);

/* Reads limit (1..100, default 20) and after; replies 422 and returns -1
 * when limit is malformed. */
int	route_list_params(struct req *r, int *limit, const char **after);

/*
 * Reads a string member and checks it with validate_text(); when optional
 * and missing, *out is NULL and 0 is returned. Replies and returns -1 on a
 * type or rule violation.
 */
int	route_text(struct req *r, const struct jin *o, const char *key,
	    int optional, size_t minc, size_t maxc, int flags, const char **out);
/* Reads an integer member; replies and returns -1 on a type error or when
 * missing and not optional (then *out is 0 and *present 0). */
int	route_int(struct req *r, const struct jin *o, const char *key,
	    int optional, long long *out, int *present);
/* Reads a boolean member (default def). */
int	route_bool(struct req *r, const struct jin *o, const char *key,
	    int def, int *out, int *present);
/* Reads a time member (RFC 3339 or date). */
int	route_time(struct req *r, const struct jin *o, const char *key,
	    int optional, int64_t *out, int *present);
/* Flag for route_tr(): a PATCH, where German need not be given. */
#define ROUTE_TR_PATCH	0x100
/* Reads a translatable text into tr (arrays kept in pl). German ("de") is
 * required unless flags has ROUTE_TR_PATCH (then 422 naming key). */
int	route_tr(struct req *r, struct pool *pl, const struct jin *o,
	    const char *key, int optional, size_t minc, size_t maxc, int flags,
	    struct store_trs *tr);

/* The store of this worker; replies 500 and returns NULL when missing. */
struct store *route_store(struct req *r);
/* Parses the id arg (404 when malformed), then route_store(). */
struct store *route_id_store(struct req *r, const char *arg, int64_t *id);
/* Like route_id() but replies 404 and returns -1 for a malformed id. */
int	route_id_arg(struct req *r, const char *arg, int64_t *id);

/* Handlers in routes_write.c, routes_staff.c and routes_tally.c. */
void	rw_idea_create(struct req *r, const struct route_args *a);
void	rw_support(struct req *r, const struct route_args *a);
void	rw_comment_create_idea(struct req *r, const struct route_args *a);
void	rw_comment_create_project(struct req *r, const struct route_args *a);
void	rw_report_idea(struct req *r, const struct route_args *a);
void	rw_report_comment(struct req *r, const struct route_args *a);
void	rw_ballot(struct req *r, const struct route_args *a);
void	rw_ballot_get(struct req *r, const struct route_args *a);
void	rw_response_put(struct req *r, const struct route_args *a);
void	rw_response_get(struct req *r, const struct route_args *a);
void	rw_moderation_queue(struct req *r, const struct route_args *a);
void	rw_moderate_idea(struct req *r, const struct route_args *a);
void	rw_moderate_comment(struct req *r, const struct route_args *a);
void	rw_audit(struct req *r, const struct route_args *a);
void	rs_project_create(struct req *r, const struct route_args *a);
void	rs_project_update(struct req *r, const struct route_args *a);
void	rs_poll_create(struct req *r, const struct route_args *a);
void	rs_poll_update(struct req *r, const struct route_args *a);
void	rs_survey_create(struct req *r, const struct route_args *a);
void	rs_analog(struct req *r, const struct route_args *a);
void	rs_tally_list(struct req *r, const struct route_args *a);
void	rs_tally_get(struct req *r, const struct route_args *a);
void	rs_tally_key(struct req *r, const struct route_args *a);
void	rs_tally_correct(struct req *r, const struct route_args *a);
void	rs_tally_withdraw(struct req *r, const struct route_args *a);
void	rs_results_csv(struct req *r, const struct route_args *a);
void	rs_responses_csv(struct req *r, const struct route_args *a);
/* Account handlers in routes_auth.c. */
void	ra_register(struct req *r, const struct route_args *a);
void	ra_confirm(struct req *r, const struct route_args *a);
void	ra_login(struct req *r, const struct route_args *a);
void	ra_logout(struct req *r, const struct route_args *a);
void	ra_me(struct req *r, const struct route_args *a);
void	ra_me_delete(struct req *r, const struct route_args *a);
void	ra_me_export(struct req *r, const struct route_args *a);
/* SSH key handlers in routes_sshkey.c. */
void	rk_list(struct req *r, const struct route_args *a);
void	rk_add(struct req *r, const struct route_args *a);
void	rk_delete(struct req *r, const struct route_args *a);
void	rk_gateway_login(struct req *r, const struct route_args *a);
void	rk_gateway_proof(struct req *r, const struct route_args *a);
int	ra_init(const struct http_cfg *cfg);
void	ra_fini(void);

#endif
