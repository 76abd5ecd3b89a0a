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

#endif
