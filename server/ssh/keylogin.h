/* keylogin.h — login with a registered SSH key: the gateway secret, the API exchange, the client's environment. */
#ifndef MW_SSHD_KEYLOGIN_H
#define MW_SSHD_KEYLOGIN_H

#include <stddef.h>

/*
 * Key login is on when the listener read a gateway secret. The secret
 * stays in the gateway's memory (inherited by each connection child) and
 * is shown only to the API; it never enters the client's process, its
 * arguments or its environment.
 */

#define KEYLOGIN_FP_MAX		64	/* "SHA256:" + 43 */
#define KEYLOGIN_PUB_MAX	2048	/* "TYPE BASE64" of the verified key */
#define KEYLOGIN_TOKEN_MAX	128

/* What one connection learned from the key its client proved. */
struct keylogin {
	int	 proven;			/* a signature was verified */
	int	 registered;			/* the API knew the key */
	char	 fingerprint[KEYLOGIN_FP_MAX];
	char	 pubkey[KEYLOGIN_PUB_MAX];
	char	 token[KEYLOGIN_TOKEN_MAX];	/* secret: wiped by keylogin_end() */
	char	 proof[KEYLOGIN_TOKEN_MAX];	/* registers the key (POST /me/keys);
						 * secret: wiped by keylogin_end() */
	char	 env[4][KEYLOGIN_PUB_MAX + 32];	/* NAME=value for the client */
};

/* Reads the secret from path (see common/secretfile.h). Returns 0, or -1
 * after printing why on stderr. */
int	keylogin_init(const char *path);
/* 1 when a gateway secret was loaded (also after keylogin_forget()). */
int	keylogin_enabled(void);
/* Wipes this process's copy of the secret: a connection child needs it for
 * one question only, and then no longer holds it. */
void	keylogin_forget(void);

/*
 * Called when libssh verified the client's signature with the key whose
 * SHA256 fingerprint is fp and whose public part is pub ("TYPE BASE64").
 * Asks the API at api_url (POST /auth/ssh-key with the gateway secret) for
 * a session of the account that registered the key. Returns 1 when there
 * is one (token kept in kl), 0 when the key is unknown or the API could
 * not be asked (kl keeps fp and pub for the offer to remember the key and,
 * for an unknown key, the single-use proof that registers it: POST
 * /auth/ssh-key/proof), -1 for bad arguments. Only the first proven key
 * is looked at.
 */
int	keylogin_check(struct keylogin *kl, const char *api_url, const char *fp,
	    const char *pub);

/*
 * Adds the client's variables to env (n entries used of envsz, NULL not
 * yet written): MITWIRKUNG_TOKEN for a registered key, else
 * MITWIRKUNG_SSH_KEY, MITWIRKUNG_SSH_KEY_FP and (when the API gave one)
 * MITWIRKUNG_SSH_KEY_PROOF so the client can offer to remember the key.
 * Nothing when no key was proven. Returns the new n.
 */
size_t	keylogin_env(struct keylogin *kl, char **env, size_t n, size_t envsz);

/* Ends the session key login opened (POST /auth/logout) and wipes the
 * token and the proof. */
void	keylogin_end(struct keylogin *kl, const char *api_url);

#endif
