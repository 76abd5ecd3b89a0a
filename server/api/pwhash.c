/* pwhash.c — Argon2id password hashes and BLAKE2b token hashes via libsodium. */
#include <pthread.h>
#include <string.h>

#include <sodium.h>

#include "server/api/pwhash.h"

/* The cost is process-wide and set before threads start, so a plain
 * static is enough. */
static enum pwhash_cost pwhash_cost = PWHASH_COST_INTERACTIVE;
static char pwhash_dummy_str[PWHASH_STRBYTES];
/* Worker threads may ask for the dummy hash at once on their first
 * unknown login; the first one computes it. */
static pthread_mutex_t pwhash_dummy_lock = PTHREAD_MUTEX_INITIALIZER;

_Static_assert(PWHASH_STRBYTES == crypto_pwhash_STRBYTES, "pwhash string size");
_Static_assert(PWHASH_TOKEN_BYTES >= crypto_generichash_BYTES_MIN &&
    PWHASH_TOKEN_BYTES <= crypto_generichash_BYTES_MAX, "token hash size");

int
pwhash_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void
pwhash_set_cost(enum pwhash_cost cost)
{
	pwhash_cost = cost;
	pthread_mutex_lock(&pwhash_dummy_lock);
	pwhash_dummy_str[0] = '\0';
	pthread_mutex_unlock(&pwhash_dummy_lock);
}

int
pwhash_hash(const char *password, size_t len, char out[PWHASH_STRBYTES])
{
	unsigned long long ops;
	size_t mem;

	switch ((int)pwhash_cost) {	/* open set: the rest goes to default */
	case PWHASH_COST_MIN:
		ops = crypto_pwhash_OPSLIMIT_MIN;
		mem = crypto_pwhash_MEMLIMIT_MIN;
		break;
	case PWHASH_COST_MODERATE:
		ops = crypto_pwhash_OPSLIMIT_MODERATE;
		mem = crypto_pwhash_MEMLIMIT_MODERATE;
		break;
	default:
		ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
		mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
		break;
	}
	if (password == NULL)
		return -1;
	if (crypto_pwhash_str_alg(out, password, len, ops, mem,
	    crypto_pwhash_ALG_ARGON2ID13) != 0)
		return -1;
	return 0;
}

int
pwhash_verify(const char *hash, const char *password, size_t len)
{
	if (hash == NULL || password == NULL ||
	    memchr(hash, '\0', PWHASH_STRBYTES) == NULL)
		return -1;
	return crypto_pwhash_str_verify(hash, password, len) == 0 ? 0 : -1;
}

const char *
pwhash_dummy(void)
{
	unsigned char pw[16];

	pthread_mutex_lock(&pwhash_dummy_lock);
	if (pwhash_dummy_str[0] == '\0') {
		randombytes_buf(pw, sizeof(pw));
		if (pwhash_hash((const char *)pw, sizeof(pw),
		    pwhash_dummy_str) != 0)
			pwhash_dummy_str[0] = '\0';
		sodium_memzero(pw, sizeof(pw));
	}
	pthread_mutex_unlock(&pwhash_dummy_lock);
	return pwhash_dummy_str;
}

void
pwhash_token_hash(const char *token, size_t len,
    unsigned char out[PWHASH_TOKEN_BYTES])
{
	crypto_generichash(out, PWHASH_TOKEN_BYTES,
	    (const unsigned char *)token, len, NULL, 0);
}

int
pwhash_token_new(char *out, size_t outsz)
{
	unsigned char raw[32];
	size_t need;

	need = sodium_base64_ENCODED_LEN(sizeof(raw),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	if (out == NULL || outsz < need)
		return -1;
	/* A token is typed as a command's argument (mitwirkung confirm
	 * TOKEN): one that starts with '-' would be taken for an option, so
	 * such draws are thrown away (1 in 64; 250 bits stay random). */
	do {
		randombytes_buf(raw, sizeof(raw));
		sodium_bin2base64(out, outsz, raw, sizeof(raw),
		    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	} while (out[0] == '-');
	sodium_memzero(raw, sizeof(raw));
	return 0;
}

int
pwhash_token_issue(char *out, size_t outsz, unsigned char th[PWHASH_TOKEN_BYTES])
{
	if (pwhash_token_new(out, outsz) != 0)
		return -1;
	pwhash_token_hash(out, strlen(out), th);
	return 0;
}
