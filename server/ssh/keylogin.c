/* keylogin.c — key login: the gateway secret, asking the API for the key's account, the client's variables. */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>

#include "common/log.h"
#include "common/secretfile.h"
#include "server/ssh/keylogin.h"

/* The header the API reads the secret from (docs/api.md). */
#define KEYLOGIN_HEADER	"X-MitWirkung-Gateway: "
/* A token is 43 characters of base64url (docs/api.md). */
#define KEYLOGIN_TOKEN_LEN	43
/* The API answers fast or not at all: the login grace is ticking. */
#define KEYLOGIN_TIMEOUT_MS	5000L

static char keylogin_secret[SECRETFILE_MAX + 1];
static int keylogin_on;

/*
 * libcurl builds each request, the secret's header among it, in buffers of
 * its own and frees them unwiped; freed memory keeps its bytes until it is
 * reused (an AddressSanitizer build never reuses it soon, and a memory scan
 * found the secret there). So every allocation of libcurl is wiped when it
 * is freed or moved.
 */
static void
keylogin_curl_free(void *p)
{
	if (p != NULL)
		explicit_bzero(p, malloc_usable_size(p));
	free(p);
}

static void *
keylogin_curl_realloc(void *p, size_t n)
{
	size_t old;
	void *q;

	if (p == NULL)
		return malloc(n);
	old = malloc_usable_size(p);
	if ((q = malloc(n > 0 ? n : 1)) == NULL)
		return NULL;
	memcpy(q, p, old < n ? old : n);
	keylogin_curl_free(p);
	return q;
}

int
keylogin_init(const char *path)
{
	const char *why;

	if (secretfile_read(path, keylogin_secret, sizeof(keylogin_secret),
	    &why) != 0) {
		fprintf(stderr, "mitwirkung-sshd: --gateway-secret-file %s: %s\n",
		    path, why);
		return -1;
	}
	/* Before any other use of libcurl in this process and its children. */
	if (curl_global_init_mem(CURL_GLOBAL_DEFAULT, malloc, keylogin_curl_free,
	    keylogin_curl_realloc, strdup, calloc) != CURLE_OK) {
		explicit_bzero(keylogin_secret, sizeof(keylogin_secret));
		fprintf(stderr, "mitwirkung-sshd: libcurl could not be set up\n");
		return -1;
	}
	keylogin_on = 1;
	return 0;
}

int
keylogin_enabled(void)
{
	return keylogin_on;
}

void
keylogin_forget(void)
{
	explicit_bzero(keylogin_secret, sizeof(keylogin_secret));
}

struct keylogin_buf {
	char	 data[4096];
	size_t	 len;
};

static size_t
keylogin_write(char *p, size_t size, size_t n, void *ud)
{
	struct keylogin_buf *b = ud;
	size_t len = size * n, room = sizeof(b->data) - 1 - b->len;

	if (len > room)
		return 0;	/* far more than an answer of ours: stop */
	memcpy(b->data + b->len, p, len);
	b->len += len;
	b->data[b->len] = '\0';
	return len;
}

/*
 * One request to api_url + path with the given header and body; the
 * answer (at most 4 KiB) lands in out. Returns the HTTP status, or 0 when
 * the API could not be reached.
 */
static long
keylogin_post(const char *api_url, const char *path, const char *header,
    const char *body, struct keylogin_buf *out)
{
	struct curl_slist *h = NULL, *h2;
	char url[512];
	long status = 0;
	CURL *c;

	out->len = 0;
	out->data[0] = '\0';
	if (snprintf(url, sizeof(url), "%s%s", api_url, path) >= (int)sizeof(url))
		return 0;
	if ((c = curl_easy_init()) == NULL)
		return 0;
	if ((h = curl_slist_append(NULL, "Content-Type: application/json")) == NULL ||
	    (h2 = curl_slist_append(h, header)) == NULL)
		goto out;
	h = h2;
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, keylogin_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, out);
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, KEYLOGIN_TIMEOUT_MS);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	if (curl_easy_perform(c) == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
out:
	/* The header list held the secret. */
	for (h2 = h; h2 != NULL; h2 = h2->next)
		explicit_bzero(h2->data, strlen(h2->data));
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	return status;
}

/* Copies the member name (a token, "name":"...") of an answer; 0 when it
 * is well-formed. */
static int
keylogin_token(const char *json, const char *name, char *out, size_t outsz)
{
	char key[16];
	const char *p;
	size_t i;

	snprintf(key, sizeof(key), "\"%s\":\"", name);
	if ((p = strstr(json, key)) == NULL || outsz <= KEYLOGIN_TOKEN_LEN)
		return -1;
	p += strlen(key);
	for (i = 0; i < KEYLOGIN_TOKEN_LEN; i++) {
		char ch = p[i];

		if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
		    (ch >= '0' && ch <= '9') || ch == '-' || ch == '_'))
			return -1;
	}
	if (p[i] != '"')
		return -1;
	memcpy(out, p, KEYLOGIN_TOKEN_LEN);
	out[KEYLOGIN_TOKEN_LEN] = '\0';
	return 0;
}

/* A fingerprint or key of libssh's making: base64 and a few separators. */
static int
keylogin_plain(const char *s, size_t max)
{
	size_t n = 0;

	for (; *s != '\0'; s++, n++) {
		char ch = *s;

		if (n >= max || !((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
		    (ch >= '0' && ch <= '9') || strchr("+/=:-_.@ ", ch) != NULL))
			return 0;
	}
	return n > 0;
}

int
keylogin_check(struct keylogin *kl, const char *api_url, const char *fp,
    const char *pub)
{
	char header[sizeof(KEYLOGIN_HEADER) + SECRETFILE_MAX], body[160];
	struct keylogin_buf *ans;
	long status;
	int rc = 0;

	if (kl == NULL || api_url == NULL || fp == NULL || pub == NULL ||
	    !keylogin_plain(fp, KEYLOGIN_FP_MAX - 1) ||
	    !keylogin_plain(pub, KEYLOGIN_PUB_MAX - 1))
		return -1;
	if (kl->proven)
		return kl->registered;
	kl->proven = 1;
	snprintf(kl->fingerprint, sizeof(kl->fingerprint), "%s", fp);
	snprintf(kl->pubkey, sizeof(kl->pubkey), "%s", pub);
	if (!keylogin_on || (ans = calloc(1, sizeof(*ans))) == NULL)
		return 0;
	snprintf(header, sizeof(header), KEYLOGIN_HEADER "%s", keylogin_secret);
	snprintf(body, sizeof(body), "{\"fingerprint\":\"%s\"}", fp);
	status = keylogin_post(api_url, "/auth/ssh-key", header, body, ans);
	/* An unknown key: the proof that this connection used it, so the
	 * person may register it once logged in. */
	if (status == 404 && (keylogin_post(api_url, "/auth/ssh-key/proof",
	    header, body, ans) != 201 ||
	    keylogin_token(ans->data, "proof", kl->proof, sizeof(kl->proof)) != 0))
		log_msg("key login: no proof for %s", fp);
	explicit_bzero(header, sizeof(header));
	/* Only the first proven key is asked about. */
	keylogin_forget();
	if (status == 200 && keylogin_token(ans->data, "token", kl->token,
	    sizeof(kl->token)) == 0) {
		kl->registered = 1;
		rc = 1;
	} else if (status == 0) {
		log_msg("key login: the API could not be reached (%s)", fp);
	} else if (status != 404) {
		log_msg("key login: the API answered %ld for %s", status, fp);
	}
	explicit_bzero(ans, sizeof(*ans));
	free(ans);
	return rc;
}

size_t
keylogin_env(struct keylogin *kl, char **env, size_t n, size_t envsz)
{
	if (kl == NULL || !kl->proven)
		return n;
	if (kl->registered) {
		if (n + 1 < envsz) {
			snprintf(kl->env[0], sizeof(kl->env[0]), "MITWIRKUNG_TOKEN=%s",
			    kl->token);
			env[n++] = kl->env[0];
		}
		return n;
	}
	if (!keylogin_on || n + 3 >= envsz)
		return n;
	snprintf(kl->env[1], sizeof(kl->env[1]), "MITWIRKUNG_SSH_KEY=%s", kl->pubkey);
	snprintf(kl->env[2], sizeof(kl->env[2]), "MITWIRKUNG_SSH_KEY_FP=%s",
	    kl->fingerprint);
	env[n++] = kl->env[1];
	env[n++] = kl->env[2];
	if (kl->proof[0] != '\0') {
		snprintf(kl->env[3], sizeof(kl->env[3]),
		    "MITWIRKUNG_SSH_KEY_PROOF=%s", kl->proof);
		env[n++] = kl->env[3];
	}
	return n;
}

void
keylogin_end(struct keylogin *kl, const char *api_url)
{
	struct keylogin_buf *ans;
	char header[KEYLOGIN_TOKEN_MAX + 32];

	if (kl == NULL)
		return;
	explicit_bzero(kl->proof, sizeof(kl->proof));
	explicit_bzero(kl->env[3], sizeof(kl->env[3]));
	if (kl->token[0] == '\0')
		return;
	if (api_url != NULL && (ans = calloc(1, sizeof(*ans))) != NULL) {
		snprintf(header, sizeof(header), "Authorization: Bearer %s",
		    kl->token);
		keylogin_post(api_url, "/auth/logout", header, "", ans);
		explicit_bzero(header, sizeof(header));
		free(ans);
	}
	explicit_bzero(kl->token, sizeof(kl->token));
	explicit_bzero(kl->env[0], sizeof(kl->env[0]));
}
