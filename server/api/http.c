/* http.c — libmicrohttpd set-up, request bodies and limits, replies, logs. */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>

#include <microhttpd.h>

#include "common/ascii.h"
#include "common/log.h"
#include "common/msglang.h"
#include "server/api/auth.h"
#include "server/api/cache.h"
#include "server/api/conntrack.h"
#include "server/api/http.h"
#include "server/api/render.h"
#include "server/api/routes.h"
#include "server/api/slowq.h"
#include "server/api/validate.h"
#include "server/api/writer.h"

static const struct http_cfg *http_cfg;

/* Open connections and their deadlines (conntrack.h); the per-address
 * cap is libmicrohttpd's own. */
static struct conntrack *http_ct;
static unsigned long http_refused;

/* One store connection per worker thread, remembered so that they can be
 * closed after the daemon stopped. */
static __thread struct store *http_tls_store;
static pthread_mutex_t http_stores_lock = PTHREAD_MUTEX_INITIALIZER;
static struct store *http_stores[256];
static size_t http_nstores;

static uint64_t http_ver_content = 1, http_ver_votes = 1;

uint64_t
http_data_version(unsigned int areas)
{
	uint64_t v = 0;

	if (areas & HTTP_AREA_CONTENT)
		v += __atomic_load_n(&http_ver_content, __ATOMIC_ACQUIRE);
	if (areas & HTTP_AREA_VOTES)
		v += __atomic_load_n(&http_ver_votes, __ATOMIC_ACQUIRE);
	return v;
}

void
http_data_bump(unsigned int areas)
{
	if (areas & HTTP_AREA_CONTENT)
		__atomic_add_fetch(&http_ver_content, 1, __ATOMIC_RELEASE);
	if (areas & HTTP_AREA_VOTES)
		__atomic_add_fetch(&http_ver_votes, 1, __ATOMIC_RELEASE);
}

struct store *
http_store(void)
{
	char err[256];

	if (http_tls_store != NULL)
		return http_tls_store;
	if (http_cfg == NULL ||
	    store_open(http_cfg->db_path, &http_tls_store, err, sizeof(err)) != 0) {
		log_msg("cannot open the database: %s", err);
		http_tls_store = NULL;
		return NULL;
	}
	pthread_mutex_lock(&http_stores_lock);
	if (http_nstores < sizeof(http_stores) / sizeof(http_stores[0]))
		http_stores[http_nstores++] = http_tls_store;
	pthread_mutex_unlock(&http_stores_lock);
	return http_tls_store;
}

static uint64_t
http_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

const char *
http_query(struct req *r, const char *key)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, key);
}

const char *
http_header(struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

void
http_pick_lang(const char *qlang, const char *accept, char out[STORE_LANG_MAX])
{
	const char *p;
	double best_q = -1.0;
	const char *best = "de";

	if (qlang != NULL && validate_lang(qlang)) {
		snprintf(out, STORE_LANG_MAX, "%s", qlang);
		return;
	}
	for (p = accept; p != NULL && *p != '\0';) {
		size_t n;
		double q = 1.0;
		const char *semi, *end, *code;
		char tag[36];

		while (*p == ' ' || *p == ',')
			p++;
		end = p + strcspn(p, ",");
		n = strcspn(p, ",; ");
		semi = memchr(p, ';', (size_t)(end - p));
		if (semi != NULL) {
			const char *qs = strstr(semi, "q=");

			if (qs != NULL && qs < end)
				q = strtod(qs + 2, NULL);
		}
		/* Any language of the registry, by its tag ("tr-TR") or code. */
		if (n > 0 && n < sizeof(tag) && q > best_q && q > 0.0) {
			memcpy(tag, p, n);
			tag[n] = '\0';
			if ((code = msglang_code(tag)) != NULL) {
				best = code;
				best_q = q;
			}
		}
		p = end;
	}
	snprintf(out, STORE_LANG_MAX, "%s", best);
}

static void
http_queue(struct req *r, unsigned int status, struct MHD_Response *resp)
{
	if (resp == NULL) {
		status = MHD_HTTP_INTERNAL_SERVER_ERROR;
		resp = MHD_create_response_from_buffer(0, NULL,
		    MHD_RESPMEM_PERSISTENT);
		if (resp == NULL)
			return;
	}
	if (MHD_queue_response(r->conn, status, resp) == MHD_YES) {
		r->replied = 1;
		r->status = status;
	}
	MHD_destroy_response(resp);
}

static int
http_gzip_ok(struct req *r)
{
	return cache_accepts_gzip(http_header(r, MHD_HTTP_HEADER_ACCEPT_ENCODING));
}

/* GET answers carry an ETag and honour If-None-Match. */
static void
http_reply_body(struct req *r, unsigned int status, char *body,
    const char *ctype, const char *filename)
{
	struct MHD_Response *resp;
	char etag[CACHE_ETAG_SIZE], disp[160];
	size_t len;
	int is_get = r->method == HTTP_GET || r->method == HTTP_HEAD;

	if (body == NULL) {
		http_reply_error(r, APIERR_INTERNAL, NULL, REASON_NONE);
		return;
	}
	len = strlen(body);
	if (is_get && status == MHD_HTTP_OK && r->cache_key != NULL &&
	    filename == NULL &&
	    cache_put(routes_cache(), r->cache_key, r->cache_version, body, len,
	    ctype) == 0) {
		unsigned int st = cache_serve(routes_cache(), r->cache_key,
		    r->cache_version, r->conn, http_gzip_ok(r),
		    http_header(r, MHD_HTTP_HEADER_IF_NONE_MATCH));

		if (st != 0) {
			r->replied = 1;
			r->status = st;
			free(body);
			return;
		}
	}
	if (is_get && status == MHD_HTTP_OK) {
		cache_etag(body, len, etag);
		if (cache_etag_match(http_header(r, MHD_HTTP_HEADER_IF_NONE_MATCH),
		    etag)) {
			resp = MHD_create_response_from_buffer(0, NULL,
			    MHD_RESPMEM_PERSISTENT);
			if (resp != NULL) {
				MHD_add_response_header(resp,
				    MHD_HTTP_HEADER_ETAG, etag);
				MHD_add_response_header(resp,
				    MHD_HTTP_HEADER_VARY, "Accept-Encoding");
			}
			free(body);
			http_queue(r, MHD_HTTP_NOT_MODIFIED, resp);
			return;
		}
	}
	resp = cache_response(body, len, ctype, is_get ? etag : NULL,
	    len >= CACHE_GZIP_MIN && http_gzip_ok(r));
	if (resp != NULL && filename != NULL) {
		snprintf(disp, sizeof(disp), "attachment; filename=\"%s\"", filename);
		MHD_add_response_header(resp, "Content-Disposition", disp);
	}
	free(body);
	http_queue(r, status, resp);
}

void
http_reply_json(struct req *r, unsigned int status, char *body)
{
	http_reply_body(r, status, body, "application/json; charset=utf-8", NULL);
}

void
http_reply_csv(struct req *r, char *body, const char *filename)
{
	http_reply_body(r, MHD_HTTP_OK, body, "text/csv; charset=utf-8",
	    filename);
}

void
http_reply_empty(struct req *r, unsigned int status)
{
	http_queue(r, status, MHD_create_response_from_buffer(0, NULL,
	    MHD_RESPMEM_PERSISTENT));
}

static struct MHD_Response *
http_error_response(struct req *r, enum apierr e, const char *field,
    enum apireason reason, const char *detail)
{
	char msg[640], *body;
	struct MHD_Response *resp;
	size_t n;

	if (field != NULL && (e == APIERR_VALIDATION || reason != REASON_NONE))
		/* L10N: An invalid field: the error message, the field's
		 * name (as in the API, not translated) and why, e.g. "is too
		 * short". */
		snprintf(msg, sizeof(msg), msglang_get(r->lang,
		    "%1$s Field \"%2$s\" %3$s."), apierr_message(e, r->lang),
		    field, apierr_reason(reason, r->lang));
	else if (field != NULL)
		snprintf(msg, sizeof(msg), "%s (%s)", apierr_message(e, r->lang),
		    field);
	else
		snprintf(msg, sizeof(msg), "%s", apierr_message(e, r->lang));
	if (detail != NULL && (n = strlen(msg)) + 2 < sizeof(msg))
		snprintf(msg + n, sizeof(msg) - n, " %s", detail);
	if ((body = render_error(apierr_code(e), msg, field)) == NULL)
		return NULL;
	resp = MHD_create_response_from_buffer(strlen(body), body,
	    MHD_RESPMEM_MUST_FREE);
	if (resp == NULL) {
		free(body);
		return NULL;
	}
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
	    "application/json; charset=utf-8");
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_LANGUAGE, r->lang);
	if (e == APIERR_UNAUTHORIZED || e == APIERR_INVALID_CREDENTIALS)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_WWW_AUTHENTICATE,
		    "Bearer realm=\"mitwirkung\"");
	return resp;
}

void
http_reply_error(struct req *r, enum apierr e, const char *field,
    enum apireason reason)
{
	http_queue(r, apierr_status(e), http_error_response(r, e, field, reason,
	    NULL));
}

void
http_reply_error_detail(struct req *r, enum apierr e, const char *field,
    enum apireason reason, const char *detail)
{
	http_queue(r, apierr_status(e), http_error_response(r, e, field, reason,
	    detail));
}

void
http_reply_rate_limited(struct req *r, unsigned int seconds)
{
	struct MHD_Response *resp;
	char buf[24];

	resp = http_error_response(r, APIERR_RATE_LIMITED, NULL, REASON_NONE,
	    NULL);
	if (resp != NULL) {
		snprintf(buf, sizeof(buf), "%u", seconds > 0 ? seconds : 1);
		MHD_add_response_header(resp, MHD_HTTP_HEADER_RETRY_AFTER, buf);
	}
	http_queue(r, MHD_HTTP_TOO_MANY_REQUESTS, resp);
}

void
http_reply_method(struct req *r, const char *allow)
{
	struct MHD_Response *resp;

	resp = http_error_response(r, APIERR_METHOD_NOT_ALLOWED, NULL,
	    REASON_NONE, NULL);
	if (resp != NULL && allow != NULL)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_ALLOW, allow);
	http_queue(r, MHD_HTTP_METHOD_NOT_ALLOWED, resp);
}

void
http_suspend(struct req *r, void (*resume_cb)(struct req *r))
{
	r->resume_cb = resume_cb;
	r->suspended = 1;
	MHD_suspend_connection(r->conn);
}

void
http_resume(struct req *r)
{
	MHD_resume_connection(r->conn);
}

static enum http_method
http_method_parse(const char *m)
{
	static const struct {
		const char		*name;
		enum http_method	 m;
	} t[] = {
		{ "GET", HTTP_GET }, { "HEAD", HTTP_HEAD }, { "POST", HTTP_POST },
		{ "PUT", HTTP_PUT }, { "PATCH", HTTP_PATCH },
		{ "DELETE", HTTP_DELETE },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(m, t[i].name) == 0)
			return t[i].m;
	return HTTP_OTHER;
}

static void
http_client_addr(struct req *r)
{
	const union MHD_ConnectionInfo *ci;
	const struct sockaddr *sa;

	snprintf(r->addr, sizeof(r->addr), "unknown");
	ci = MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci == NULL || (sa = ci->client_addr) == NULL)
		return;
	if (sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
		    r->addr, sizeof(r->addr));
	else if (sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
		    r->addr, sizeof(r->addr));
}

/* The body limit also holds for chunked bodies without Content-Length:
 * the running total is checked on every chunk. */
static int
http_body_add(struct req *r, const char *data, size_t n)
{
	char *p;
	size_t cap;

	if (r->body_len + n > HTTP_BODY_MAX)
		return -1;
	if (r->body_len + n + 1 > r->body_cap) {
		cap = r->body_cap ? r->body_cap * 2 : 1024;
		while (cap < r->body_len + n + 1)
			cap *= 2;
		if ((p = realloc(r->body, cap)) == NULL)
			return -1;
		r->body = p;
		r->body_cap = cap;
	}
	memcpy(r->body + r->body_len, data, n);
	r->body_len += n;
	r->body[r->body_len] = '\0';
	return 0;
}

/* Query strings beyond these get 400 before libmicrohttpd splits them:
 * its per-connection memory pool would overflow, and version 0.9.75 then
 * never sends its own 431 answer. */
#define HTTP_QUERY_MAX		4096
#define HTTP_QUERY_ARGS_MAX	100

/* Called with the raw request URI before its query is parsed. */
static void *
http_uri_seen(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct req *r;
	const char *q = strchr(uri, '?'), *p;
	size_t args = 0;

	(void)cls;
	(void)conn;
	if ((r = calloc(1, sizeof(*r))) == NULL)
		return NULL;
	r->start_us = http_now_us();
	if (q != NULL) {
		for (p = q; *p != '\0'; p++)
			if (*p == '&')
				args++;
		if ((size_t)(p - q) > HTTP_QUERY_MAX ||
		    args >= HTTP_QUERY_ARGS_MAX) {
			r->query_too_long = 1;
			/* The query is dropped, not parsed: it lives in
			 * libmicrohttpd's read buffer, which is writable. */
			((char *)(uintptr_t)q)[1] = '\0';
		}
	}
	return r;
}

/* Counts of the request headers that must not come twice. */
struct http_hcount {
	unsigned int	 content_length;
	unsigned int	 authorization;
	unsigned int	 host;
	unsigned int	 transfer_encoding;
};

static enum MHD_Result
http_hcount_cb(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	struct http_hcount *c = cls;

	(void)kind;
	(void)value;
	if (ascii_strcasecmp(key, MHD_HTTP_HEADER_CONTENT_LENGTH) == 0)
		c->content_length++;
	else if (ascii_strcasecmp(key, MHD_HTTP_HEADER_AUTHORIZATION) == 0)
		c->authorization++;
	else if (ascii_strcasecmp(key, MHD_HTTP_HEADER_HOST) == 0)
		c->host++;
	else if (ascii_strcasecmp(key, MHD_HTTP_HEADER_TRANSFER_ENCODING) == 0)
		c->transfer_encoding++;
	return MHD_YES;
}

/* The header that makes the request ambiguous, or NULL. Two
 * Content-Length, Authorization or Host headers (libmicrohttpd takes the
 * first, a proxy in front may take the last), or a length next to chunked
 * encoding, are how requests get smuggled past a check. */
static const char *
http_headers_ambiguous(struct MHD_Connection *conn)
{
	struct http_hcount c;

	memset(&c, 0, sizeof(c));
	MHD_get_connection_values(conn, MHD_HEADER_KIND, http_hcount_cb, &c);
	if (c.content_length > 1 || (c.content_length && c.transfer_encoding))
		return MHD_HTTP_HEADER_CONTENT_LENGTH;
	if (c.authorization > 1)
		return MHD_HTTP_HEADER_AUTHORIZATION;
	if (c.host > 1)
		return MHD_HTTP_HEADER_HOST;
	if (c.transfer_encoding > 1)
		return MHD_HTTP_HEADER_TRANSFER_ENCODING;
	return NULL;
}

static struct conntrack_conn *
http_conn_track(struct MHD_Connection *conn)
{
	const union MHD_ConnectionInfo *ci;

	ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci != NULL ? ci->socket_context : NULL;
}

/* Sets the connection's deadline ms from now (0: none). */
static void
http_deadline(struct MHD_Connection *conn, uint64_t ms)
{
	struct conntrack_conn *c = http_conn_track(conn);

	if (c != NULL)
		conntrack_deadline(http_ct, c, ms ? conntrack_now_ms() + ms : 0);
}

/* The head is in. A body must arrive within the head timeout plus its
 * length at the minimum rate (a chunked one counts as the largest body);
 * without one there is no deadline while the answer is made. */
static void
http_deadline_body(struct MHD_Connection *conn, const char *cl,
    const char *te)
{
	unsigned long long len = cl != NULL ? strtoull(cl, NULL, 10) : 0;
	unsigned int rate = http_cfg->body_min_rate > 0 ?
	    http_cfg->body_min_rate : 1024;

	if (te != NULL)
		len = HTTP_BODY_MAX;
	if (len > HTTP_BODY_MAX)
		len = HTTP_BODY_MAX;
	if (len == 0) {
		http_deadline(conn, 0);
		return;
	}
	http_deadline(conn, (uint64_t)http_cfg->head_timeout * 1000 +
	    len * 1000 / rate);
}

static enum MHD_Result
http_access(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload_data,
    size_t *upload_data_size, void **con_cls)
{
	struct req *r = *con_cls;
	const char *cl, *auth, *dup;

	(void)cls;
	(void)version;
	if (r == NULL) {
		if ((r = calloc(1, sizeof(*r))) == NULL)
			return MHD_NO;
		r->start_us = http_now_us();
		*con_cls = r;
	}
	if (r->conn == NULL) {
		r->conn = conn;
		r->cfg = http_cfg;
		snprintf(r->method_str, sizeof(r->method_str), "%s", method);
		r->method = http_method_parse(method);
		r->path = strdup(url);
		if (r->path == NULL)
			return MHD_NO;
		http_client_addr(r);
		http_pick_lang(http_query(r, "lang"),
		    http_header(r, MHD_HTTP_HEADER_ACCEPT_LANGUAGE), r->lang);
		cl = http_header(r, MHD_HTTP_HEADER_CONTENT_LENGTH);
		http_deadline_body(conn, cl,
		    http_header(r, MHD_HTTP_HEADER_TRANSFER_ENCODING));
		auth = http_header(r, MHD_HTTP_HEADER_AUTHORIZATION);
		if ((dup = http_headers_ambiguous(conn)) != NULL)
			http_reply_error_detail(r, APIERR_BAD_REQUEST, dup,
			    REASON_NONE, "(twice)");
		else if (auth != NULL && !auth_header_wellformed(auth))
			http_reply_error(r, APIERR_BAD_REQUEST,
			    MHD_HTTP_HEADER_AUTHORIZATION, REASON_NONE);
		else if (r->query_too_long)
			http_reply_error(r, APIERR_BAD_REQUEST, "query",
			    REASON_TOO_LONG);
		else if (cl != NULL && strtoull(cl, NULL, 10) > HTTP_BODY_MAX)
			http_reply_error(r, APIERR_PAYLOAD_TOO_LARGE, NULL,
			    REASON_NONE);
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		/* libmicrohttpd cannot answer in the middle of a body: drop the
		 * rest and answer 413 at its end. A sender that goes on far
		 * beyond the limit loses the connection instead. */
		if (r->too_large || (!r->replied && http_body_add(r, upload_data,
		    *upload_data_size) != 0)) {
			r->too_large = 1;
			r->dropped += *upload_data_size;
			if (r->dropped > 16 * HTTP_BODY_MAX)
				return MHD_NO;
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	/* The whole body is in: no deadline while the answer is made. */
	http_deadline(conn, 0);
	if (r->too_large && !r->replied) {
		http_reply_error(r, APIERR_PAYLOAD_TOO_LARGE, NULL, REASON_NONE);
		return MHD_YES;
	}
	if (r->replied)
		return MHD_YES;
	if (r->suspended) {
		r->suspended = 0;
		if (r->resume_cb != NULL)
			r->resume_cb(r);
		if (!r->replied)
			http_reply_error(r, APIERR_INTERNAL, NULL, REASON_NONE);
		return MHD_YES;
	}
	routes_handle(r);
	if (!r->replied && !r->suspended)
		http_reply_error(r, APIERR_INTERNAL, NULL, REASON_NONE);
	return MHD_YES;
}

static void
http_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct req *r = *con_cls;

	(void)cls;
	if (r == NULL)
		return;
	/* Requests that libmicrohttpd refused before they reached us (head
	 * too large, bad HTTP version) are logged by its own error message. */
	if (!http_cfg->quiet && r->path != NULL) {
		uint64_t us = http_now_us() - r->start_us;

		log_msg("%s %s %u %llu.%03llums%s", r->method_str, r->path,
		    r->replied ? r->status : 0,
		    (unsigned long long)(us / 1000),
		    (unsigned long long)(us % 1000),
		    toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted");
	}
	/* A request that ended without its reply (the client went away
	 * while its write was queued) still owns its job. */
	if (r->job != NULL && r->job_free != NULL)
		r->job_free(r);
	/* The next request's head (or the connection's end) is due within
	 * the head timeout, however slowly its bytes come. */
	http_deadline(conn, (uint64_t)http_cfg->head_timeout * 1000);
	store_user_free(r->user);
	free(r->cache_key);
	free(r->body);
	free(r->path);
	free(r);
	*con_cls = NULL;
}

static void
http_notify_conn(void *cls, struct MHD_Connection *conn, void **socket_ctx,
    enum MHD_ConnectionNotificationCode toe)
{
	const union MHD_ConnectionInfo *ci;
	int one = 1;

	(void)cls;
	if (toe == MHD_CONNECTION_NOTIFY_CLOSED) {
		/* Called before libmicrohttpd closes the descriptor, so the
		 * sweeper never shuts down a reused one. */
		conntrack_remove(http_ct, *socket_ctx);
		*socket_ctx = NULL;
		return;
	}
	if (toe != MHD_CONNECTION_NOTIFY_STARTED)
		return;
	ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
	if (ci == NULL)
		return;
	/* Small JSON answers must not wait for delayed ACKs. */
	setsockopt(ci->connect_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	*socket_ctx = conntrack_add(http_ct, ci->connect_fd, conntrack_now_ms() +
	    (uint64_t)http_cfg->head_timeout * 1000);
}

/* Set when a signal asks the server to stop: new connections are closed
 * at once while queued writes finish. */
static int http_stopping;

/* Over the server-wide cap a connection is closed at once (libmicrohttpd
 * closes it when this says no), not left waiting in the backlog. */
static enum MHD_Result
http_accept_ok(void *cls, const struct sockaddr *addr, socklen_t addrlen)
{
	(void)cls;
	(void)addr;
	(void)addrlen;
	if (__atomic_load_n(&http_stopping, __ATOMIC_ACQUIRE))
		return MHD_NO;
	if (conntrack_admit(http_ct))
		return MHD_YES;
	if (__atomic_add_fetch(&http_refused, 1, __ATOMIC_RELAXED) % 1000 == 1)
		log_msg("connection limit (%u) reached: refusing connections",
		    http_cfg->max_conns);
	return MHD_NO;
}

/* Raises the descriptor limit to the hard one; returns how many
 * connections fit, leaving room for the database, logs and mail. */
static unsigned int
http_fd_room(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return 1000;
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		(void)setrlimit(RLIMIT_NOFILE, &rl);
		(void)getrlimit(RLIMIT_NOFILE, &rl);
	}
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur > 1000000)
		return 1000000;
	return rl.rlim_cur > 128 ? (unsigned int)rl.rlim_cur - 64 : 64;
}

static int
http_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Percent-decoding of paths and query values in place. %00 stays as it
 * is: a decoded NUL would cut "/projects/%00" silently to "/projects/". */
static size_t
http_unescape(void *cls, struct MHD_Connection *conn, char *s)
{
	char *w = s, *r = s;
	int hi, lo;

	(void)cls;
	(void)conn;
	while (*r != '\0') {
		if (r[0] == '%' && (hi = http_hex(r[1])) >= 0 &&
		    (lo = http_hex(r[2])) >= 0 && (hi | lo) != 0) {
			*w++ = (char)(hi * 16 + lo);
			r += 3;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	return (size_t)(w - s);
}

static void http_mhd_log(void *cls, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static void
http_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char buf[512];

	static unsigned long refused;
	unsigned long n;

	(void)cls;
	vsnprintf(buf, sizeof(buf), fmt, ap);
	buf[strcspn(buf, "\n")] = '\0';
	/* Under a flood from one address this comes once per connection:
	 * the log says it once per thousand. */
	if (strstr(buf, "connection limit") != NULL) {
		n = __atomic_add_fetch(&refused, 1, __ATOMIC_RELAXED);
		if (n % 1000 != 1)
			return;
		log_msg("microhttpd: %s (%lu so far)", buf, n);
		return;
	}
	log_msg("microhttpd: %s", buf);
}

int
http_run(const struct http_cfg *cfg)
{
	struct addrinfo hints, *ai = NULL, *pick;
	struct MHD_Daemon *d = NULL;
	const union MHD_DaemonInfo *di;
	char portstr[16];
	unsigned int flags, threads, room, maxc;
	sigset_t set;
	int sig = 0, rc = 1, port;
	size_t i;

	http_cfg = cfg;
	threads = cfg->threads > 0 ? cfg->threads : 2;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
	snprintf(portstr, sizeof(portstr), "%d", cfg->port);
	if (getaddrinfo(cfg->host[0] != '\0' ? cfg->host : NULL, portstr, &hints,
	    &ai) != 0 || ai == NULL) {
		log_msg("cannot resolve listen address %s", cfg->host);
		goto out;
	}
	/* A name such as "localhost" may resolve to both families: take
	 * IPv4 when there is one, as the log line and clients expect. */
	for (pick = ai; pick != NULL && pick->ai_family != AF_INET;
	    pick = pick->ai_next)
		;
	if (pick == NULL)
		pick = ai;
	/* Signals go to the main thread only: block them before any thread
	 * starts, then wait for them with sigwait(). */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (routes_init(cfg) != 0 || writer_start(cfg->db_path) != 0 ||
	    slowq_start() != 0) {
		log_msg("cannot start: the database cannot be opened");
		goto out;
	}
	room = http_fd_room();
	maxc = cfg->max_conns > 0 ? cfg->max_conns : 4000;
	if (maxc > room / 2) {
		log_msg("--max-connections %u lowered to %u (open files limit)",
		    maxc, room / 2);
		maxc = room / 2;
	}
	if ((http_ct = conntrack_new(maxc, NULL, NULL)) == NULL ||
	    conntrack_start(http_ct, 200) != 0) {
		log_msg("cannot start the connection tracker");
		goto out;
	}
	flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL |
	    MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
	if (pick->ai_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	d = MHD_start_daemon(flags, (uint16_t)cfg->port, http_accept_ok, NULL,
	    http_access, NULL,
	    MHD_OPTION_EXTERNAL_LOGGER, http_mhd_log, NULL,
	    MHD_OPTION_SOCK_ADDR, pick->ai_addr,
	    MHD_OPTION_THREAD_POOL_SIZE, threads,
	    MHD_OPTION_NOTIFY_COMPLETED, http_completed, NULL,
	    MHD_OPTION_NOTIFY_CONNECTION, http_notify_conn, NULL,
	    MHD_OPTION_UNESCAPE_CALLBACK, http_unescape, NULL,
	    MHD_OPTION_URI_LOG_CALLBACK, http_uri_seen, NULL,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)60,
	    /* libmicrohttpd stops accepting at its own limit (connections
	     * then wait in the backlog): it is kept above ours, which
	     * refuses at once. */
	    MHD_OPTION_CONNECTION_LIMIT, maxc * 2 < room ? maxc * 2 : room,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, cfg->max_per_addr,
	    MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned int)1024,
	    MHD_OPTION_END);
	if (d == NULL) {
		log_msg("cannot listen on %s:%d: %s", cfg->host, cfg->port,
		    strerror(errno));
		goto out;
	}
	di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	port = di != NULL ? di->port : cfg->port;
	if (strchr(cfg->host, ':') != NULL)
		fprintf(stderr, "listening on [%s]:%d\n", cfg->host, port);
	else
		fprintf(stderr, "listening on %s:%d\n", cfg->host, port);
	fflush(stderr);
	msglang_log_fallbacks();
	while (sigwait(&set, &sig) != 0 || (sig != SIGTERM && sig != SIGINT))
		;
	log_msg("stopping (signal %d)", sig);
	/* Stop taking connections, let queued writes commit and their
	 * requests resume, then stop the workers. Not MHD_quiesce_daemon():
	 * with a thread pool on epoll it takes the listening socket out of
	 * each worker's epoll set from this thread and aborts the process
	 * when a worker at its connection limit took it out first
	 * (libmicrohttpd 0.9.75, "Failed to remove listen FD from epoll
	 * set"). Refusing in the accept policy does the same without it. */
	__atomic_store_n(&http_stopping, 1, __ATOMIC_RELEASE);
	slowq_stop();
	writer_stop();
	MHD_stop_daemon(d);
	d = NULL;
	{
		uint64_t ntx, njobs;

		writer_stats(&ntx, &njobs);
		log_msg("stopped; the writer committed %llu ballots and supports "
		    "in %llu transactions", (unsigned long long)njobs,
		    (unsigned long long)ntx);
	}
	rc = 0;
out:
	if (d != NULL)
		MHD_stop_daemon(d);
	slowq_stop();
	writer_stop();
	routes_fini();
	conntrack_free(http_ct);
	http_ct = NULL;
	pthread_mutex_lock(&http_stores_lock);
	for (i = 0; i < http_nstores; i++)
		store_close(http_stores[i]);
	http_nstores = 0;
	pthread_mutex_unlock(&http_stores_lock);
	if (ai != NULL)
		freeaddrinfo(ai);
	return rc;
}
