/* hostkey.h — libssh view of the host keys, for conn.c only. */
#ifndef MW_SSHD_HOSTKEY_H
#define MW_SSHD_HOSTKEY_H

#include <libssh/libssh.h>

struct sshd_hostkeys;

/* Hands host key i (0 ed25519, 1 RSA) to the caller, who frees it, and
 * empties its slot; NULL if there is none. A connection child takes the
 * keys it inherited, so that no copy of them stays behind. */
ssh_key	hostkeys_take(struct sshd_hostkeys *keys, int i);

#endif
