/* hostkey.h — libssh view of the host keys, for conn.c only. */
#ifndef MW_SSHD_HOSTKEY_H
#define MW_SSHD_HOSTKEY_H

#include <libssh/libssh.h>

struct sshd_hostkeys;

/* Returns host key i (0 ed25519, 1 RSA), borrowed, or NULL. */
ssh_key	hostkeys_get(const struct sshd_hostkeys *keys, int i);

#endif
