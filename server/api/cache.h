/* cache.h — ETags, gzip, and the response cache for public GETs: each entry
 * keeps the JSON bytes, the gzip bytes (compressed once) and the ETag as
 * ready libmicrohttpd responses, valid for one data version. */
#ifndef MW_API_CACHE_H
#define MW_API_CACHE_H

#include <stddef.h>
#include <stdint.h>

struct MHD_Connection;
struct MHD_Response;

/* Bodies at least this long are gzipped when the client accepts it. */
#define CACHE_GZIP_MIN	1024
/* An ETag: a quoted 16-digit hex hash, e.g. "\"0123456789abcdef\"". */
#define CACHE_ETAG_SIZE	19

/* Writes the strong ETag of len bytes of body into out. */
void	cache_etag(const void *body, size_t len, char out[CACHE_ETAG_SIZE]);

/* 1 when an If-None-Match header value (a list, W/ tags or "*") matches
 * etag; 0 otherwise or when inm is NULL. */
int	cache_etag_match(const char *inm, const char *etag);

/* 1 when an Accept-Encoding header value allows gzip (not with q=0). */
int	cache_accepts_gzip(const char *accept_encoding);

/*
 * Compresses len bytes of in into a gzip member. On success stores a new
 * buffer (caller frees) in *out and its length in *outlen and returns 0;
 * returns -1 on failure.
 */
int	cache_gzip(const void *in, size_t len, unsigned char **out,
	    size_t *outlen);

/*
 * Builds a response for body (copied) with Content-Type ctype and, when
 * etag is not NULL, the ETag header; gz = 1 compresses it and sets
 * Content-Encoding. Vary: Accept-Encoding is always set. NULL on failure.
 */
struct MHD_Response *cache_response(const char *body, size_t len,
	    const char *ctype, const char *etag, int gz);

/* The cache. All functions are thread-safe. */
struct cache;

/* A cache of at most max_entries keys whose entries live at most ttl_ms
 * milliseconds (times change a poll's status, so nothing lives forever). */
struct cache	*cache_new(size_t max_entries, unsigned int ttl_ms);
void		 cache_free(struct cache *c);

/*
 * When a live entry for key exists at data version `version`, queues the
 * right answer on conn — 304 when inm matches its ETag, else the gzip or
 * plain body — and returns the status queued. Returns 0 on a miss.
 */
unsigned int	cache_serve(struct cache *c, const char *key, uint64_t version,
		    struct MHD_Connection *conn, int gzip_ok, const char *inm);

/* Stores body (copied) as the entry for key at version. Returns 0 or -1. */
int		cache_put(struct cache *c, const char *key, uint64_t version,
		    const char *body, size_t len, const char *ctype);

/* Number of entries (for tests). */
size_t		cache_size(struct cache *c);

#endif
