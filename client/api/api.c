/* api.c — the API handle: HTTP transport over one keep-alive curl handle, ETag cache, errors. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "common/ascii.h"
#include "client/api/api_int.h"
#include "client/client.h"
#include "client/i18n.h"
#include "common/text.h"

#define API_DEFAULT_BASE	"http://127.0.0.1:8080/api/v1"
#define API_CACHE_MAX		(2u << 20)	/* bytes of cached bodies; the client aims at < 10 MB RSS */
/* Answers larger than these (after gzip is undone) are refused: a JSON
 * answer is parsed into a tree many times its size, and a hostile platform
 * could send hundreds of megabytes. The largest real ones (an export of
 * everything an account wrote, a list of 100 long ideas) are far smaller;
 * CSV exports are text only and may be larger. */
#define API_JSON_MAX		(4u << 20)
#define API_TEXT_MAX		(32u << 20)

struct api_cache_ent {
	char			*url;
	char			*etag;
	char			*body;
	size_t			 len;
	struct api_cache_ent	*next;
};

struct api {
	char			*base;
	char			*token;
	CURL			*curl;
	long			 connect_ms;
	long			 total_ms;
	struct api_cache_ent	*cache;		/* most recently used first */
	size_t			 cache_bytes;
	struct api_error	 err;
	char			*json;		/* printed JSON of the last answer */
	struct api_stats	 stats;
};

struct api_buf {
	char	*p;
	size_t	 len;
	size_t	 cap;
	size_t	 max;		/* refuse beyond this many bytes */
	int	 overflow;
};

/* What the header callback collects for one transfer. */
struct api_hdrs {
	char	*etag;
	int	 retry_after;
};

/* ------------------------------------------------------------- helpers */

/* Cuts s (a buffer of size sz that snprintf filled) back to a whole UTF-8
 * character, so a truncated message never ends in half a character. */
static void
api_utf8_trim(char *s, size_t sz)
{
	size_t n = strlen(s);

	if (n + 1 < sz)
		return;
	while (n > 0 && ((unsigned char)s[n - 1] & 0xC0) == 0x80)
		n--;
	if (n > 0 && ((unsigned char)s[n - 1] & 0x80))
		n--;
	s[n] = '\0';
}

static void
api_copy_field(char *dst, size_t sz, const char *src)
{
	char *clean;

	dst[0] = '\0';
	if (src == NULL)
		return;
	clean = text_sanitize(src, strlen(src), 0);
	if (clean == NULL)
		return;
	snprintf(dst, sz, "%s", clean);
	api_utf8_trim(dst, sz);
	free(clean);
}

void
api_fail(struct api *a, enum api_err_kind kind, const char *fmt, ...)
{
	char raw[sizeof(a->err.message)];
	va_list ap;

	memset(&a->err, 0, sizeof(a->err));
	a->err.kind = kind;
	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	api_utf8_trim(raw, sizeof(raw));
	/* Arguments may carry curl's words about what a server sent. */
	api_copy_field(a->err.message, sizeof(a->err.message), raw);
}

void
api_fail_field(struct api *a, const char *field)
{
	api_copy_field(a->err.field, sizeof(a->err.field), field);
}

void
api_ok(struct api *a)
{
	memset(&a->err, 0, sizeof(a->err));
}

const struct api_error *
api_error(const struct api *a)
{
	return &a->err;
}

int
api_error_exit(const struct api_error *e)
{
	if (e == NULL)
		return CLIENT_EXIT_OK;
	switch (e->kind) {
	case API_ERR_NONE:
		return CLIENT_EXIT_OK;
	case API_ERR_LOGIN:
		return CLIENT_EXIT_LOGIN;
	case API_ERR_REFUSED:
	case API_ERR_NOT_FOUND:
	case API_ERR_VALIDATION:
		return CLIENT_EXIT_REFUSED;
	case API_ERR_NETWORK:
	case API_ERR_SERVER:
	case API_ERR_LOCAL:
		break;
	}
	return CLIENT_EXIT_NETWORK;
}

/* The translated text for an error answer that carried no message. */
static const char *
api_http_text(long status, const char *code)
{
	if (strcmp(code, "invalid_credentials") == 0)
		return _("The user name or the password is wrong.");
	if (strcmp(code, "not_confirmed") == 0)
		return _("Please confirm your e-mail address first; the mail contains a token.");
	if (strcmp(code, "results_hidden") == 0)
		return _("The results are shown when the poll has closed.");
	if (strcmp(code, "closed") == 0)
		return _("This is closed at the moment.");
	switch (status) {
	case 400:
		return _("The server did not understand the request.");
	case 401:
		return _("Please log in first (or log in again: the session has expired).");
	case 403:
		return _("You are not allowed to do this.");
	case 404:
		return _("Not found. It may have been removed.");
	case 409:
		return _("This conflicts with what is already there.");
	case 413:
		return _("This is too long for the server.");
	case 415:
		return _("The server did not accept the format of the request.");
	case 422:
		return _("Some input is not valid.");
	case 429:
		return _("Too many attempts. Please wait a moment and try again.");
	default:
		break;
	}
	if (status >= 500)
		return _("The server had a problem. Please try again later.");
	return _("The server refused the request.");
}

void
api_error_from_http(struct api_error *e, long status, const char *body,
    size_t len, int retry_after)
{
	cJSON *root = NULL, *err;
	const char *code = NULL, *msg = NULL, *field = NULL;

	memset(e, 0, sizeof(*e));
	e->status = status;
	e->retry_after = retry_after;
	if (body != NULL && len > 0)
		root = cJSON_ParseWithLength(body, len);
	err = cJSON_GetObjectItemCaseSensitive(root, "error");
	if (cJSON_IsObject(err)) {
		code = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(err, "code"));
		msg = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(err, "message"));
		field = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(err, "field"));
	}
	api_copy_field(e->code, sizeof(e->code), code);
	api_copy_field(e->field, sizeof(e->field), field);
	/* The server's message is already in the request language. */
	api_copy_field(e->message, sizeof(e->message), msg);
	if (e->message[0] == '\0') {
		if (status == 422 && e->field[0] != '\0')
			snprintf(e->message, sizeof(e->message),
			    /* L10N: %s is the name of an input field, e.g. "title". */
			    _("The field \"%s\" is not valid."), e->field);
		else
			snprintf(e->message, sizeof(e->message), "%s",
			    api_http_text(status, e->code));
		api_utf8_trim(e->message, sizeof(e->message));
	}
	/* "Wait a moment" is no answer for someone locked out for minutes:
	 * say how long, from Retry-After. */
	if (status == 429 && retry_after > 0) {
		size_t n = strlen(e->message);
		int m = (retry_after + 59) / 60;
		char wait[96];

		if (retry_after < 60)
			/* L10N: after "Too many attempts."; from Retry-After. */
			snprintf(wait, sizeof(wait), ngettext("Try again in %d second.",
			    "Try again in %d seconds.", (unsigned long)retry_after), retry_after);
		else
			snprintf(wait, sizeof(wait), ngettext("Try again in %d minute.",
			    "Try again in %d minutes.", (unsigned long)m), m);
		snprintf(e->message + n, sizeof(e->message) - n, " %s", wait);
		api_utf8_trim(e->message, sizeof(e->message));
	}
	if (status == 401)
		e->kind = API_ERR_LOGIN;
	else if (status == 404)
		e->kind = API_ERR_NOT_FOUND;
	else if (status == 422)
		e->kind = API_ERR_VALIDATION;
	else if (status >= 400 && status < 500)
		e->kind = API_ERR_REFUSED;
	else
		e->kind = API_ERR_SERVER;
	cJSON_Delete(root);
}

/* Sets a network error from a curl result. */
static void
api_fail_curl(struct api *a, CURLcode rc, const char *curlmsg)
{
	const char *detail = curlmsg[0] != '\0' ? curlmsg : curl_easy_strerror(rc);
	char host[256];

	api_copy_field(host, sizeof(host), a->base);
	switch ((int)rc) {	/* open set: the rest goes to default */
	case CURLE_COULDNT_CONNECT:
		api_fail(a, API_ERR_NETWORK,
		    /* L10N: %s is the API address, e.g. http://127.0.0.1:8080/api/v1 */
		    _("Cannot connect to %s: the connection was refused. Is the server running?"),
		    host);
		a->err.net = API_NET_REFUSED;
		break;
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
		api_fail(a, API_ERR_NETWORK,
		    _("Cannot find the server of %s: the name lookup (DNS) failed."),
		    host);
		a->err.net = API_NET_DNS;
		break;
	case CURLE_OPERATION_TIMEDOUT:
		api_fail(a, API_ERR_NETWORK,
		    _("The server %s did not answer in time. Please try again."),
		    host);
		a->err.net = API_NET_TIMEOUT;
		break;
	case CURLE_SSL_CONNECT_ERROR:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CERTPROBLEM:
	case CURLE_SSL_CIPHER:
	case CURLE_SSL_CACERT_BADFILE:
	case CURLE_SSL_ISSUER_ERROR:
	case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
	case CURLE_SSL_INVALIDCERTSTATUS:
	case CURLE_USE_SSL_FAILED:
		api_fail(a, API_ERR_NETWORK,
		    /* L10N: %s is the API address, the second %s the TLS library's reason (English). */
		    _("The secure connection (TLS) to %s failed: %s"), host, detail);
		a->err.net = API_NET_TLS;
		break;
	default:
		api_fail(a, API_ERR_NETWORK,
		    _("Network error talking to %s: %s"), host, detail);
		a->err.net = API_NET_OTHER;
		break;
	}
}

/* ------------------------------------------------------------- handle */

static char *
api_strip_base(const char *s)
{
	size_t n = strlen(s);
	char *r;

	while (n > 0 && (s[n - 1] == '/' || s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	r = malloc(n + 1);
	if (r == NULL)
		return NULL;
	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

/* Reads the "api = URL" line of the config file at path; NULL if none. */
static char *
api_config_lookup(const char *path)
{
	FILE *f;
	char line[1024];
	char *found = NULL;

	f = fopen(path, "r");
	if (f == NULL)
		return NULL;
	while (found == NULL && fgets(line, sizeof(line), f) != NULL) {
		char *p = line, *v;

		while (*p == ' ' || *p == '\t')
			p++;
		if (strncmp(p, "api", 3) != 0)
			continue;
		p += 3;
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p != '=')
			continue;
		p++;
		while (*p == ' ' || *p == '\t')
			p++;
		v = p;
		p[strcspn(p, "\r\n#")] = '\0';
		if (*v == '"' && strlen(v) >= 2 && v[strlen(v) - 1] == '"') {
			v++;
			v[strlen(v) - 1] = '\0';
		}
		if (*v != '\0')
			found = api_strip_base(v);
	}
	fclose(f);
	return found;
}

char *
api_resolve_base(const char *cli)
{
	const char *env, *home;
	char path[4096];
	char *r;

	if (cli != NULL && *cli != '\0')
		return api_strip_base(cli);
	env = getenv("MITWIRKUNG_API");
	if (env != NULL && *env != '\0')
		return api_strip_base(env);
	env = getenv("XDG_CONFIG_HOME");
	home = getenv("HOME");
	path[0] = '\0';
	if (env != NULL && *env == '/')
		snprintf(path, sizeof(path), "%s/mitwirkung/config", env);
	else if (home != NULL && *home != '\0')
		snprintf(path, sizeof(path), "%s/.config/mitwirkung/config", home);
	if (path[0] != '\0' && (r = api_config_lookup(path)) != NULL)
		return r;
	return api_strip_base(API_DEFAULT_BASE);
}

int
api_base_insecure(const char *base)
{
	char host[256];
	const char *h, *end, *at;
	size_t n;

	if (base == NULL || ascii_strncasecmp(base, "http://", 7) != 0)
		return 0;
	h = base + 7;
	end = h + strcspn(h, "/?#");
	/* user:password@ goes before the host. */
	if ((at = memchr(h, '@', (size_t)(end - h))) != NULL)
		h = at + 1;
	if (*h == '[') {
		h++;
		n = strcspn(h, "]");
	} else
		n = strcspn(h, ":/?#");
	if (n == 0 || n >= sizeof(host))
		return 1;
	memcpy(host, h, n);
	host[n] = '\0';
	if (ascii_strcasecmp(host, "localhost") == 0 || strcmp(host, "::1") == 0 ||
	    (strncmp(host, "127.", 4) == 0 &&
	    strspn(host, "0123456789.") == n))
		return 0;
	return 1;
}

struct api *
api_new(const char *base)
{
	struct api *a;

	if (base == NULL || api_mem_init() != 0)
		return NULL;
	a = calloc(1, sizeof(*a));
	if (a == NULL)
		return NULL;
	a->base = api_strip_base(base);
	a->curl = curl_easy_init();
	if (a->base == NULL || a->curl == NULL) {
		api_free(a);
		return NULL;
	}
	a->connect_ms = 5000;
	a->total_ms = 20000;
	return a;
}

static void
api_wipe_free(char *s)
{
	if (s == NULL)
		return;
	explicit_bzero(s, strlen(s));
	free(s);
}

void
api_free(struct api *a)
{
	if (a == NULL)
		return;
	api_cache_clear(a);
	if (a->curl != NULL)
		curl_easy_cleanup(a->curl);
	api_wipe_free(a->token);
	free(a->base);
	free(a->json);
	free(a);
}

int
api_set_token(struct api *a, const char *token)
{
	char *t = NULL;

	if (token != NULL && (t = strdup(token)) == NULL)
		return -1;
	api_wipe_free(a->token);
	a->token = t;
	api_cache_clear(a);
	return 0;
}

const char *
api_token(const struct api *a)
{
	return a->token;
}

const char *
api_base(const struct api *a)
{
	return a->base;
}

void
api_set_timeouts(struct api *a, long connect_ms, long total_ms)
{
	a->connect_ms = connect_ms;
	a->total_ms = total_ms;
}

const char *
api_json(const struct api *a)
{
	return a->json;
}

void
api_stats_get(const struct api *a, struct api_stats *out)
{
	*out = a->stats;
}

/* -------------------------------------------------------------- cache */

void
api_cache_clear(struct api *a)
{
	struct api_cache_ent *e, *next;

	for (e = a->cache; e != NULL; e = next) {
		next = e->next;
		free(e->url);
		free(e->etag);
		free(e->body);
		free(e);
	}
	a->cache = NULL;
	a->cache_bytes = 0;
}

/* Finds the entry for url and moves it to the front. */
static struct api_cache_ent *
api_cache_find(struct api *a, const char *url)
{
	struct api_cache_ent **pp, *e;

	for (pp = &a->cache; (e = *pp) != NULL; pp = &e->next) {
		if (strcmp(e->url, url) == 0) {
			*pp = e->next;
			e->next = a->cache;
			a->cache = e;
			return e;
		}
	}
	return NULL;
}

/* Stores a copy of body under url; a failure only means no caching. */
static void
api_cache_put(struct api *a, const char *url, const char *etag,
    const char *body, size_t len)
{
	struct api_cache_ent *e, **pp;

	if (len > API_CACHE_MAX / 4)
		return;
	e = api_cache_find(a, url);
	if (e != NULL) {
		a->cache = e->next;
		a->cache_bytes -= e->len;
		free(e->url);
		free(e->etag);
		free(e->body);
		free(e);
	}
	e = calloc(1, sizeof(*e));
	if (e == NULL)
		return;
	e->url = strdup(url);
	e->etag = strdup(etag);
	e->body = malloc(len + 1);
	if (e->url == NULL || e->etag == NULL || e->body == NULL) {
		free(e->url);
		free(e->etag);
		free(e->body);
		free(e);
		return;
	}
	memcpy(e->body, body, len);
	e->body[len] = '\0';
	e->len = len;
	e->next = a->cache;
	a->cache = e;
	a->cache_bytes += len;
	/* Drop the least recently used entries beyond the budget. */
	while (a->cache_bytes > API_CACHE_MAX) {
		for (pp = &a->cache; (*pp)->next != NULL; pp = &(*pp)->next)
			;
		e = *pp;
		*pp = NULL;
		a->cache_bytes -= e->len;
		free(e->url);
		free(e->etag);
		free(e->body);
		free(e);
	}
}

/* ---------------------------------------------------------- transport */

static size_t
api_write_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	struct api_buf *b = arg;
	size_t n = size * nmemb;

	if (b->len + n + 1 > b->max) {
		b->overflow = 1;
		return 0;
	}
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		char *p;

		while (cap < b->len + n + 1)
			cap *= 2;
		p = realloc(b->p, cap);
		if (p == NULL)
			return 0;
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, data, n);
	b->len += n;
	b->p[b->len] = '\0';
	return n;
}

static size_t
api_header_cb(char *data, size_t size, size_t nmemb, void *arg)
{
	struct api_hdrs *h = arg;
	size_t n = size * nmemb, vlen;
	const char *v;

	if (n > 5 && ascii_strncasecmp(data, "ETag:", 5) == 0) {
		v = data + 5;
		vlen = n - 5;
		while (vlen > 0 && (*v == ' ' || *v == '\t')) {
			v++;
			vlen--;
		}
		while (vlen > 0 && (v[vlen - 1] == '\r' || v[vlen - 1] == '\n' ||
		    v[vlen - 1] == ' '))
			vlen--;
		free(h->etag);
		/* Only a plain visible ETag is sent back; anything else is ignored. */
		h->etag = text_check(v, vlen, 0) == TEXT_OK && vlen > 0 ?
		    strndup(v, vlen) : NULL;
	} else if (n > 12 && ascii_strncasecmp(data, "Retry-After:", 12) == 0) {
		h->retry_after = atoi(data + 12);
		if (h->retry_after < 0)
			h->retry_after = 0;
	}
	return n;
}

/* Builds base + path + "?lang=xx" + "&" + query. */
static char *
api_url(struct api *a, const char *path, const char *query)
{
	const char *lang = i18n_lang();
	size_t n;
	char *url;

	if (lang == NULL || *lang == '\0')
		lang = "de";
	n = strlen(a->base) + strlen(path) + strlen(lang) + 16 +
	    (query != NULL ? strlen(query) : 0);
	url = malloc(n);
	if (url == NULL)
		return NULL;
	snprintf(url, n, "%s%s?lang=%s%s%s", a->base, path, lang,
	    query != NULL && *query != '\0' ? "&" : "",
	    query != NULL ? query : "");
	return url;
}

static struct curl_slist *
api_headers(struct api *a, const char *etag, int has_body)
{
	struct curl_slist *h = NULL, *t;
	char line[1024];
	const char *lang = i18n_lang();

	t = curl_slist_append(h, "Accept: application/json");
	if (t == NULL)
		goto fail;
	h = t;
	snprintf(line, sizeof(line), "Accept-Language: %s",
	    lang != NULL && *lang != '\0' ? lang : "de");
	if ((t = curl_slist_append(h, line)) == NULL)
		goto fail;
	h = t;
	if (has_body) {
		if ((t = curl_slist_append(h, "Content-Type: application/json")) == NULL)
			goto fail;
		h = t;
	}
	/* Without a body libcurl would send "Expect:" on large POSTs; we never want it. */
	if ((t = curl_slist_append(h, "Expect:")) == NULL)
		goto fail;
	h = t;
	if (etag != NULL) {
		snprintf(line, sizeof(line), "If-None-Match: %s", etag);
		if ((t = curl_slist_append(h, line)) == NULL)
			goto fail;
		h = t;
	}
	if (a->token != NULL) {
		size_t n = strlen(a->token) + 32;
		char *auth = malloc(n);

		if (auth == NULL)
			goto fail;
		snprintf(auth, n, "Authorization: Bearer %s", a->token);
		t = curl_slist_append(h, auth);
		explicit_bzero(auth, n);
		free(auth);
		if (t == NULL)
			goto fail;
		h = t;
	}
	return h;
fail:
	curl_slist_free_all(h);
	return NULL;
}

/* Parses a 2xx answer for the caller and remembers its printed JSON. */
static int
api_answer(struct api *a, const char *body, size_t len, int want, cJSON **out,
    char **text)
{
	cJSON *root;

	if (want == API_WANT_TEXT) {
		*text = text_sanitize(body != NULL ? body : "", len, TEXT_MULTILINE);
		if (*text == NULL) {
			api_fail(a, API_ERR_LOCAL, _("Out of memory."));
			return -1;
		}
		return 0;
	}
	if (len == 0)
		return 0;
	root = cJSON_ParseWithLength(body, len);
	if (root == NULL) {
		api_fail(a, API_ERR_SERVER,
		    _("The server sent an answer that could not be read."));
		return -1;
	}
	a->json = api_json_print(root);
	if (out != NULL)
		*out = root;
	else
		cJSON_Delete(root);
	return 0;
}

void
api_json_reset(struct api *a, const cJSON *j)
{
	free(a->json);
	a->json = j != NULL ? api_json_print(j) : NULL;
}

static int
api_request_once(struct api *a, const char *method, const char *path,
    const char *query, const cJSON *body, int want, cJSON **out, char **text)
{
	struct api_buf resp = { 0 };
	struct api_hdrs hdrs = { 0 };
	struct curl_slist *headers = NULL;
	struct api_cache_ent *cached = NULL;
	char curlmsg[CURL_ERROR_SIZE] = "";
	char *url = NULL, *payload = NULL;
	int is_get = strcmp(method, "GET") == 0;
	long status = 0;
	curl_off_t down = 0;
	long hsize = 0, nconn = 0;
	CURLcode rc;
	int ret = -1;

	if (out != NULL)
		*out = NULL;
	if (text != NULL)
		*text = NULL;
	memset(&a->err, 0, sizeof(a->err));
	free(a->json);
	a->json = NULL;

	url = api_url(a, path, query);
	if (url == NULL)
		goto nomem;
	if (body != NULL && (payload = cJSON_PrintUnformatted(body)) == NULL)
		goto nomem;
	if (is_get)
		cached = api_cache_find(a, url);
	headers = api_headers(a, cached != NULL ? cached->etag : NULL,
	    payload != NULL);
	if (headers == NULL)
		goto nomem;

	/* Reset keeps the live connection, so the next request reuses it. */
	curl_easy_reset(a->curl);
	curl_easy_setopt(a->curl, CURLOPT_URL, url);
	curl_easy_setopt(a->curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(a->curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(a->curl, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(a->curl, CURLOPT_ACCEPT_ENCODING, "gzip");
	curl_easy_setopt(a->curl, CURLOPT_CONNECTTIMEOUT_MS, a->connect_ms);
	curl_easy_setopt(a->curl, CURLOPT_TIMEOUT_MS, a->total_ms);
	curl_easy_setopt(a->curl, CURLOPT_USERAGENT, "mitwirkung/" MW_VERSION);
	curl_easy_setopt(a->curl, CURLOPT_HTTPHEADER, headers);
	/* The decoded size is counted in api_write_cb(); a compressed body
	 * announced larger than that is refused before it is read. */
	resp.max = want == API_WANT_TEXT ? API_TEXT_MAX : API_JSON_MAX;
	curl_easy_setopt(a->curl, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)resp.max);
	curl_easy_setopt(a->curl, CURLOPT_WRITEFUNCTION, api_write_cb);
	curl_easy_setopt(a->curl, CURLOPT_WRITEDATA, &resp);
	curl_easy_setopt(a->curl, CURLOPT_HEADERFUNCTION, api_header_cb);
	curl_easy_setopt(a->curl, CURLOPT_HEADERDATA, &hdrs);
	curl_easy_setopt(a->curl, CURLOPT_ERRORBUFFER, curlmsg);
	if (is_get)
		curl_easy_setopt(a->curl, CURLOPT_HTTPGET, 1L);
	else
		curl_easy_setopt(a->curl, CURLOPT_CUSTOMREQUEST, method);
	if (payload != NULL) {
		curl_easy_setopt(a->curl, CURLOPT_POSTFIELDS, payload);
		curl_easy_setopt(a->curl, CURLOPT_POSTFIELDSIZE, (long)strlen(payload));
	} else if (!is_get && strcmp(method, "DELETE") != 0) {
		/* PUT/POST without a body still needs a zero length. */
		curl_easy_setopt(a->curl, CURLOPT_POSTFIELDS, "");
		curl_easy_setopt(a->curl, CURLOPT_POSTFIELDSIZE, 0L);
	}

	rc = curl_easy_perform(a->curl);
	a->stats.requests++;
	curl_easy_getinfo(a->curl, CURLINFO_SIZE_DOWNLOAD_T, &down);
	curl_easy_getinfo(a->curl, CURLINFO_HEADER_SIZE, &hsize);
	if (curl_easy_getinfo(a->curl, CURLINFO_NUM_CONNECTS, &nconn) == CURLE_OK &&
	    nconn > 0)
		a->stats.connects += (unsigned long)nconn;
	a->stats.bytes_in += (unsigned long long)down + (unsigned long long)hsize;
	if (rc != CURLE_OK) {
		if (resp.overflow || rc == CURLE_FILESIZE_EXCEEDED)
			api_fail(a, API_ERR_SERVER,
			    _("The server sent an answer that is too large."));
		else if (rc == CURLE_WRITE_ERROR)
			goto nomem;
		else
			api_fail_curl(a, rc, curlmsg);
		goto out;
	}
	curl_easy_getinfo(a->curl, CURLINFO_RESPONSE_CODE, &status);

	if (status == 304 && cached != NULL) {
		a->stats.not_modified++;
		ret = api_answer(a, cached->body, cached->len, want, out, text);
		goto out;
	}
	if (status >= 200 && status < 300) {
		if (is_get && hdrs.etag != NULL && resp.p != NULL)
			api_cache_put(a, url, hdrs.etag, resp.p, resp.len);
		ret = api_answer(a, resp.p, resp.len, want, out, text);
		goto out;
	}
	api_error_from_http(&a->err, status, resp.p, resp.len, hdrs.retry_after);
	goto out;

nomem:
	api_fail(a, API_ERR_LOCAL, _("Out of memory."));
out:
	curl_easy_setopt(a->curl, CURLOPT_HTTPHEADER, NULL);
	curl_easy_setopt(a->curl, CURLOPT_ERRORBUFFER, NULL);
	curl_slist_free_all(headers);
	if (payload != NULL) {
		/* Bodies can carry passwords. */
		explicit_bzero(payload, strlen(payload));
		free(payload);
	}
	free(resp.p);
	free(hdrs.etag);
	free(url);
	return ret;
}

int
api_request(struct api *a, const char *method, const char *path,
    const char *query, const cJSON *body, int want, cJSON **out, char **text)
{
	int r = api_request_once(a, method, path, query, body, want, out, text);

	/* A dead token makes the server refuse even public reads. The
	 * session is over: drop the token and read as a guest, so browsing
	 * keeps working; the caller sees api_token() == NULL. */
	if (r < 0 && a->err.kind == API_ERR_LOGIN && a->token != NULL &&
	    strcmp(method, "GET") == 0) {
		api_set_token(a, NULL);
		r = api_request_once(a, method, path, query, body, want, out, text);
	}
	return r;
}
