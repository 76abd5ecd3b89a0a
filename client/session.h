/* session.h — the login token kept on disk so commands and the UI share a login. */
#ifndef MW_CLIENT_SESSION_H
#define MW_CLIENT_SESSION_H

/*
 * The token lives in $XDG_STATE_HOME/mitwirkung/session (~/.local/state
 * when unset), file mode 0600 in a 0700 directory, written atomically
 * (temporary file + rename). In kiosk mode nothing may touch the disk:
 * session_set_nodisk(1) turns save/load/remove into no-ops.
 */

/* 1: never read or write the disk (kiosk mode); 0: normal. */
void	session_set_nodisk(int on);
int	session_nodisk(void);

/* Path of the session file as a new string (caller frees), or NULL when
 * neither XDG_STATE_HOME nor HOME is set or out of memory. */
char	*session_path(void);

/* Stores token; returns 0, or -1 (errno set) when it could not be written.
 * With nodisk it returns 0 and writes nothing. */
int	session_save(const char *token);

/* Returns the stored token as a new string (caller frees and should wipe
 * it), or NULL when there is none (or nodisk). */
char	*session_load(void);

/* Removes the stored token; 0 also when there was none, -1 on error. */
int	session_remove(void);


/*
 * Key login through mitwirkung-sshd. The gateway starts the client with
 * MITWIRKUNG_TOKEN when the person's SSH key is registered (the session of
 * that account), or with MITWIRKUNG_SSH_KEY ("TYPE BASE64"),
 * MITWIRKUNG_SSH_KEY_FP and MITWIRKUNG_SSH_KEY_PROOF (the single-use proof
 * that this connection used the key, which POST /me/keys needs) when the
 * key it verified is not. session_adopt_env() takes them over once at
 * start-up and wipes the token and the proof from the environment. The token is then held in memory only: session_load()
 * returns it (also with nodisk), session_save() and session_remove() end it.
 */
void	session_adopt_env(void);
/* The verified but unregistered key to offer for remembering, and its
 * fingerprint; NULL when there is none or it was offered already. */
const char *session_offer_key(void);
const char *session_offer_fp(void);
/* The proof that registers the offered key; NULL when there is none. */
const char *session_offer_proof(void);
/* How a key is registered, in the person's language: only a key used in
 * an ssh login can be (the gateway's proof), never one pasted in. */
const char *session_key_howto(void);
/* The offer was answered (yes or no): it is not made again. */
void	session_offer_done(void);

#endif
