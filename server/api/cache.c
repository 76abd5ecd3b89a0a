/* cache.c — ETag and gzip helpers and the shared response cache. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <microhttpd.h>
#include <sodium.h>
#include <zlib.h>

#include "common/ascii.h"
#include "server/api/cache.h"

void
cache_etag(const void *body, size_t len, char out[CACHE_ETAG_SIZE])
{
	unsigned char h[8];
	char hex[17];

	crypto_generichash(h, sizeof(h), body, len, NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	out[0] = '"';
	memcpy(out + 1, hex, 16);
	out[17] = '"';
	out[18] = '\0';
}

int
cache_etag_match(const char *inm, const char *etag)
{
	const char *p = inm, *start;
	size_t elen = strlen(etag);

	if (inm == NULL)
		return 0;
	while (*p != '\0') {
		while (*p == ' ' || *p == ',' || *p == '\t')
			p++;
		if (*p == '*')
			return 1;
		if (p[0] == 'W' && p[1] == '/')
			p += 2;
		start = p;
		if (*p == '"') {
			p++;
			while (*p != '\0' && *p != '"')
				p++;
			if (*p == '"')
				p++;
		} else {
			while (*p != '\0' && *p != ',' && *p != ' ')
				p++;
		}
		if ((size_t)(p - start) == elen && memcmp(start, etag, elen) == 0)
			return 1;
		if (p == start)
			p++;
	}
	return 0;
}

int
cache_accepts_gzip(const char *ae)
{
	const char *p = ae, *q;
	size_t n;

	if (ae == NULL)
		return 0;
	while (*p != '\0') {
		while (*p == ' ' || *p == ',')
			p++;
		n = strcspn(p, ",;");
		q = p + n;
		while (n > 0 && p[n - 1] == ' ')
			n--;
		if ((n == 4 && ascii_strncasecmp(p, "gzip", 4) == 0) ||
		    (n == 6 && ascii_strncasecmp(p, "x-gzip", 6) == 0) ||
		    (n == 1 && *p == '*')) {
			/* q=0 (or 0.0, 0.00) refuses the coding. */
			if (*q == ';') {
				const char *qv = strstr(q, "q=");
				size_t m = strcspn(q, ",");

				if (qv != NULL && qv < q + m && qv[2] == '0' &&
				    strspn(qv + 3, ".0") == strcspn(qv + 3, ", "))
					return 0;
			}
			return 1;
		}
		p = q + strcspn(q, ",");
	}
	return 0;
}

int
cache_gzip(const void *in, size_t len, unsigned char **out, size_t *outlen)
{
	z_stream z;
	unsigned char *buf;
	size_t cap;
	int rc;

	*out = NULL;
	*outlen = 0;
	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	cap = deflateBound(&z, (uLong)len) + 32;
	if ((buf = malloc(cap)) == NULL) {
		deflateEnd(&z);
		return -1;
	}
	z.next_in = (Bytef *)(uintptr_t)in;
	z.avail_in = (uInt)len;
	z.next_out = buf;
	z.avail_out = (uInt)cap;
	rc = deflate(&z, Z_FINISH);
	deflateEnd(&z);
	if (rc != Z_STREAM_END) {
		free(buf);
		return -1;
	}
	*out = buf;
	*outlen = cap - z.avail_out;
	return 0;
}

struct MHD_Response *
cache_response(const char *body, size_t len, const char *ctype,
    const char *etag, int gz)
{
	struct MHD_Response *r;
	unsigned char *z = NULL;
	size_t zlen = 0;

	if (gz && cache_gzip(body, len, &z, &zlen) == 0)
		r = MHD_create_response_from_buffer(zlen, z, MHD_RESPMEM_MUST_FREE);
	else {
		gz = 0;
		r = MHD_create_response_from_buffer(len, (void *)(uintptr_t)body,
		    MHD_RESPMEM_MUST_COPY);
	}
	if (r == NULL) {
		free(z);
		return NULL;
	}
	if (ctype != NULL)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
	if (etag != NULL)
		MHD_add_response_header(r, MHD_HTTP_HEADER_ETAG, etag);
	if (gz)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_ENCODING, "gzip");
	MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, "Accept-Encoding");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-cache");
	return r;
}

struct cache_entry {
	char			*key;
	uint64_t		 version;
	uint64_t		 born_ms;
	char			 etag[CACHE_ETAG_SIZE];
	struct MHD_Response	*plain;
	struct MHD_Response	*gz;		/* NULL for short bodies */
	struct MHD_Response	*not_modified;
	struct cache_entry	*next;
};

#define CACHE_BUCKETS 1024

struct cache {
	pthread_rwlock_t	 lock;
	size_t			 max;
	size_t			 n;
	unsigned int		 ttl_ms;
	struct cache_entry	*bucket[CACHE_BUCKETS];
};

static uint64_t
cache_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static size_t
cache_slot(const char *key)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *key != '\0'; key++)
		h = (h ^ (unsigned char)*key) * 1099511628211ULL;
	return (size_t)(h % CACHE_BUCKETS);
}

static void
cache_entry_free(struct cache_entry *e)
{
	if (e == NULL)
		return;
	/* Connections still sending these responses hold references;
	 * libmicrohttpd frees them when the last one is done. */
	if (e->plain != NULL)
		MHD_destroy_response(e->plain);
	if (e->gz != NULL)
		MHD_destroy_response(e->gz);
	if (e->not_modified != NULL)
		MHD_destroy_response(e->not_modified);
	free(e->key);
	free(e);
}

struct cache *
cache_new(size_t max_entries, unsigned int ttl_ms)
{
	struct cache *c;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	if (pthread_rwlock_init(&c->lock, NULL) != 0) {
		free(c);
		return NULL;
	}
	c->max = max_entries > 0 ? max_entries : 1;
	c->ttl_ms = ttl_ms;
	return c;
}

static void
cache_clear_locked(struct cache *c)
{
	struct cache_entry *e, *n;
	size_t i;

	for (i = 0; i < CACHE_BUCKETS; i++) {
		for (e = c->bucket[i]; e != NULL; e = n) {
			n = e->next;
			cache_entry_free(e);
		}
		c->bucket[i] = NULL;
	}
	c->n = 0;
}

void
cache_free(struct cache *c)
{
	if (c == NULL)
		return;
	cache_clear_locked(c);
	pthread_rwlock_destroy(&c->lock);
	free(c);
}

size_t
cache_size(struct cache *c)
{
	size_t n;

	if (c == NULL)
		return 0;
	pthread_rwlock_rdlock(&c->lock);
	n = c->n;
	pthread_rwlock_unlock(&c->lock);
	return n;
}

unsigned int
cache_serve(struct cache *c, const char *key, uint64_t version,
    struct MHD_Connection *conn, int gzip_ok, const char *inm)
{
	struct cache_entry *e;
	unsigned int status = 0;

	if (c == NULL)
		return 0;
	pthread_rwlock_rdlock(&c->lock);
	for (e = c->bucket[cache_slot(key)]; e != NULL; e = e->next)
		if (strcmp(e->key, key) == 0)
			break;
	if (e == NULL || e->version != version ||
	    cache_now_ms() - e->born_ms > c->ttl_ms)
		goto out;
	/* Queued under the read lock: the entry's responses cannot be
	 * destroyed before libmicrohttpd has taken its reference. */
	if (conn == NULL) {
		status = MHD_HTTP_OK;
	} else if (cache_etag_match(inm, e->etag)) {
		if (MHD_queue_response(conn, MHD_HTTP_NOT_MODIFIED,
		    e->not_modified) == MHD_YES)
			status = MHD_HTTP_NOT_MODIFIED;
	} else if (MHD_queue_response(conn, MHD_HTTP_OK,
	    gzip_ok && e->gz != NULL ? e->gz : e->plain) == MHD_YES) {
		status = MHD_HTTP_OK;
	}
out:
	pthread_rwlock_unlock(&c->lock);
	return status;
}

int
cache_put(struct cache *c, const char *key, uint64_t version, const char *body,
    size_t len, const char *ctype)
{
	struct cache_entry *e, **pp;
	size_t slot;

	if (c == NULL)
		return -1;
	if ((e = calloc(1, sizeof(*e))) == NULL || (e->key = strdup(key)) == NULL)
		goto fail;
	e->version = version;
	e->born_ms = cache_now_ms();
	cache_etag(body, len, e->etag);
	e->plain = cache_response(body, len, ctype, e->etag, 0);
	if (len >= CACHE_GZIP_MIN)
		e->gz = cache_response(body, len, ctype, e->etag, 1);
	e->not_modified = MHD_create_response_from_buffer(0, NULL,
	    MHD_RESPMEM_PERSISTENT);
	if (e->plain == NULL || e->not_modified == NULL ||
	    (len >= CACHE_GZIP_MIN && e->gz == NULL))
		goto fail;
	MHD_add_response_header(e->not_modified, MHD_HTTP_HEADER_ETAG, e->etag);
	MHD_add_response_header(e->not_modified, MHD_HTTP_HEADER_VARY,
	    "Accept-Encoding");
	slot = cache_slot(key);
	pthread_rwlock_wrlock(&c->lock);
	for (pp = &c->bucket[slot]; *pp != NULL; pp = &(*pp)->next) {
		if (strcmp((*pp)->key, key) == 0) {
			struct cache_entry *old = *pp;

			e->next = old->next;
			*pp = e;
			cache_entry_free(old);
			pthread_rwlock_unlock(&c->lock);
			return 0;
		}
	}
	/* Full: start over rather than track ages; misses refill it. */
	if (c->n >= c->max)
		cache_clear_locked(c);
	e->next = c->bucket[slot];
	c->bucket[slot] = e;
	c->n++;
	pthread_rwlock_unlock(&c->lock);
	return 0;
fail:
	cache_entry_free(e);
	return -1;
}
