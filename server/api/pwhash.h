/* pwhash.h — Argon2id password hashes and token hashes (libsodium). */
#ifndef MW_API_PWHASH_H
#define MW_API_PWHASH_H

#include <stddef.h>

/* Length of a password hash string, NUL included (crypto_pwhash_STRBYTES). */
#define PWHASH_STRBYTES		128
/* Length of a token hash (crypto_generichash, BLAKE2b-256). */
#define PWHASH_TOKEN_BYTES	32

enum pwhash_cost {
	PWHASH_COST_INTERACTIVE = 0,	/* default: libsodium's interactive limits */
	PWHASH_COST_MODERATE,
	PWHASH_COST_MIN			/* tests only: the smallest allowed limits */
};

/* Initializes libsodium; call once before any thread starts. Returns 0 or -1. */
int	pwhash_init(void);

/* Sets the cost of later pwhash_hash() calls (process-wide; set it before
 * threads start). Verification reads the cost from the hash string. */
void	pwhash_set_cost(enum pwhash_cost cost);

/* Hashes the password (len bytes) with Argon2id into out (a NUL-terminated
 * "$argon2id$..." string). Returns 0, or -1 when out of memory. */
int	pwhash_hash(const char *password, size_t len, char out[PWHASH_STRBYTES]);

/* Returns 0 when password matches hash, -1 otherwise (also for a NULL or
 * malformed hash). Takes the same time for unknown users when the caller
 * verifies against pwhash_dummy() instead. */
int	pwhash_verify(const char *hash, const char *password, size_t len);

/* A valid hash of a random password (computed on first use at the current
 * cost, static, thread-safe), so login can spend the same time for an
 * unknown name as for a wrong password. Returns "" only when out of memory. */
const char *pwhash_dummy(void);

/* Hashes a token as the client presents it (the text after "Bearer ", or
 * the confirmation token string) into out. Both http and store use this; the
 * store keeps only these hashes. */
void	pwhash_token_hash(const char *token, size_t len,
	    unsigned char out[PWHASH_TOKEN_BYTES]);

/* Creates a new random token: 32 bytes from the system RNG as 43 characters
 * of unpadded base64url, NUL-terminated in out (outsz >= 44). Returns 0 or
 * -1 when outsz is too small. */
int	pwhash_token_new(char *out, size_t outsz);

/* pwhash_token_new() and the hash the store keeps of it (th), for a token
 * that is handed out once. Returns 0 or -1. */
int	pwhash_token_issue(char *out, size_t outsz,
	    unsigned char th[PWHASH_TOKEN_BYTES]);

#endif
