/* http.h — the HTTP layer of mitwirkung-api on libmicrohttpd: one request
 * context, reply helpers for the routes, the server's run loop. */
#ifndef MW_API_HTTP_H
#define MW_API_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "server/api/apierr.h"
#include "server/api/mail.h"
#include "server/api/store.h"

struct MHD_Connection;
struct writer_job;

/* Request bodies above this size get 413 payload_too_large. */
#define HTTP_BODY_MAX	(64 * 1024)

/* Everything `serve` needs, filled by main.c. */
struct http_cfg {
	const char	*host;
	int		 port;
	unsigned int	 threads;	/* worker threads (0: 2) */
	const char	*db_path;
	struct mail_cfg	 mail;
	int64_t		 token_ttl;	/* session lifetime, seconds */
	unsigned int	 login_failures;	/* per account before 429 */
	unsigned int	 login_window;		/* seconds */
	unsigned int	 register_per_addr;	/* per client address and */
	unsigned int	 mail_per_target;	/* mails per target address */
	unsigned int	 register_window;	/* in seconds; 0 limit: off */
	unsigned int	 max_per_addr;	/* open connections per address */
	unsigned int	 max_conns;	/* open connections in all */
	unsigned int	 head_timeout;	/* seconds for a request head */
	unsigned int	 body_min_rate;	/* bytes per second of a body */
	int		 quiet;		/* 1: no per-request log lines */
	/* Key login: the SHA-256 of the gateway secret (--gateway-secret-file);
	 * without one, POST /auth/ssh-key answers 404. */
	int		 gateway;
	unsigned char	 gateway_hash[32];
};

enum http_method {
	HTTP_OTHER = 0,
	HTTP_GET,
	HTTP_HEAD,
	HTTP_POST,
	HTTP_PUT,
	HTTP_PATCH,
	HTTP_DELETE
};

/* One request; lives from the first header callback to completion. */
struct req {
	struct MHD_Connection	*conn;
	const struct http_cfg	*cfg;
	enum http_method	 method;
	char			 method_str[12];
	char			*path;		/* without query */
	char			 lang[STORE_LANG_MAX];	/* "de", "en", ... */
	char			 addr[64];	/* client address */
	char			*body;		/* NUL-terminated */
	size_t			 body_len;
	size_t			 body_cap;
	int			 replied;	/* a response is queued */
	int			 too_large;	/* the body passed HTTP_BODY_MAX */
	int			 query_too_long;
	size_t			 dropped;	/* bytes dropped after that */
	unsigned int		 status;
	uint64_t		 start_us;
	int			 suspended;
	void			*job;		/* queued writer or slowq job */
	void			(*job_free)(struct req *r);	/* frees job */
	void			(*resume_cb)(struct req *r);
	/* Authentication: filled by http_auth(). */
	int			 auth_done;
	struct store_user	*user;		/* NULL: anonymous */
	unsigned char		 token_hash[32];
	/* Cacheable GET: the key, or NULL. */
	char			*cache_key;
	uint64_t		 cache_version;
};

/* Runs the server until SIGTERM or SIGINT; prints "listening on HOST:PORT"
 * as the first line on stderr. Returns 0 on a clean stop, 1 on failure. */
int	http_run(const struct http_cfg *cfg);

/* The store connection of the calling worker thread (opened on first use);
 * NULL when the database cannot be opened. */
struct store *http_store(void);

/* Value of query parameter key, or NULL. */
const char *http_query(struct req *r, const char *key);
/* Value of request header name, or NULL. */
const char *http_header(struct req *r, const char *name);

/*
 * Chooses the answer language from ?lang= (any 2..3 letter tag; the store
 * falls back to German per object) or Accept-Language (the best language of
 * the registry, common/lang.h, by q-value), else "de". Writes it into out.
 */
void	http_pick_lang(const char *query_lang, const char *accept_language,
	    char out[STORE_LANG_MAX]);

/* Replies: each queues exactly one response; body strings are taken over. */
void	http_reply_json(struct req *r, unsigned int status, char *body);
void	http_reply_csv(struct req *r, char *body, const char *filename);
void	http_reply_empty(struct req *r, unsigned int status);
/* The error body of api-v1.md; field and reason may be NULL/REASON_NONE. */
void	http_reply_error(struct req *r, enum apierr e, const char *field,
	    enum apireason reason);
/* The same with a sentence (already in the request language) appended. */
void	http_reply_error_detail(struct req *r, enum apierr e, const char *field,
	    enum apireason reason, const char *detail);
/* 429 with Retry-After: seconds. */
void	http_reply_rate_limited(struct req *r, unsigned int seconds);
/* 405 with an Allow header. */
void	http_reply_method(struct req *r, const char *allow);

/* Parks the request until http_resume() (called from another thread);
 * then resume_cb(r) runs on a worker thread and must reply. */
void	http_suspend(struct req *r, void (*resume_cb)(struct req *r));
void	http_resume(struct req *r);

/* Data versions for the response cache; bumped after each write. */
#define HTTP_AREA_CONTENT	0x01
#define HTTP_AREA_VOTES		0x02
uint64_t http_data_version(unsigned int areas);
void	 http_data_bump(unsigned int areas);

#endif
