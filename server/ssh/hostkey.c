/* hostkey.c — creates the host keys once and loads them into memory for the listener. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libssh/libssh.h>

#include "common/log.h"
#include "server/ssh/hostkey.h"
#include "server/ssh/sshd.h"

struct sshd_hostkeys {
	ssh_key	key[2];		/* ed25519, rsa */
};

static const struct {
	const char		*file;
	enum ssh_keytypes_e	 type;
	int			 bits;
} hostkey_kinds[2] = {
	{ "ssh_host_ed25519_key", SSH_KEYTYPE_ED25519, 0 },
	{ "ssh_host_rsa_key", SSH_KEYTYPE_RSA, 3072 },
};

void
hostkeys_free(struct sshd_hostkeys *keys)
{
	size_t i;

	if (keys == NULL)
		return;
	for (i = 0; i < 2; i++)
		ssh_key_free(keys->key[i]);
	free(keys);
}

/* Writes a new key to path, which must not exist yet (O_EXCL), so a key
 * that exists is never overwritten even when two servers start at once. */
static int
hostkey_create(const char *path, enum ssh_keytypes_e type, int bits)
{
	char tmp[4096], pub[4096];
	ssh_key key = NULL;
	mode_t old;
	int fd = -1, rc = -1;

	if (snprintf(tmp, sizeof(tmp), "%s.new.%ld", path, (long)getpid()) >=
	    (int)sizeof(tmp) ||
	    snprintf(pub, sizeof(pub), "%s.pub", path) >= (int)sizeof(pub))
		return -1;
	if (ssh_pki_generate(type, bits, &key) != SSH_OK) {
		log_msg("cannot generate a %s host key", ssh_key_type_to_char(type));
		goto out;
	}
	old = umask(077);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0) {
		close(fd);
		fd = -1;
		if (ssh_pki_export_privkey_file(key, NULL, NULL, NULL, tmp) != SSH_OK)
			rc = -2;
		else if (chmod(tmp, 0600) == 0 && link(tmp, path) == 0)
			rc = 0;
		else if (errno == EEXIST)
			rc = 1;	/* another process was faster; use its key */
		unlink(tmp);
	}
	umask(old);
	if (rc == 0) {
		old = umask(022);
		/* The public half is for administrators; failure is harmless. */
		if (ssh_pki_export_pubkey_file(key, pub) != SSH_OK)
			log_msg("cannot write %s", pub);
		umask(old);
		log_msg("created host key %s", path);
	} else if (rc < 0) {
		log_msg("cannot write host key %s: %s", path, strerror(errno));
	} else {
		rc = 0;
	}
out:
	ssh_key_free(key);
	return rc;
}

/* Loads a private key after checking it is a regular file only its owner
 * can read, as OpenSSH insists for host keys. */
static int
hostkey_read(const char *path, ssh_key *out)
{
	struct stat st;

	*out = NULL;
	if (stat(path, &st) != 0) {
		log_msg("cannot read host key %s: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISREG(st.st_mode) || (st.st_mode & 077) != 0) {
		log_msg("host key %s must be a file of mode 0600 (it is %04o); not using it",
		    path, (unsigned int)(st.st_mode & 07777));
		return -1;
	}
	if (ssh_pki_import_privkey_file(path, NULL, NULL, NULL, out) != SSH_OK) {
		log_msg("cannot load host key %s", path);
		return -1;
	}
	return 0;
}

int
hostkeys_load(const char *dir, struct sshd_hostkeys **out)
{
	struct sshd_hostkeys *keys = NULL;
	char path[4096];
	size_t i;
	int rc = -1;

	*out = NULL;
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		log_msg("cannot create %s: %s", dir, strerror(errno));
		goto out;
	}
	if ((keys = calloc(1, sizeof(*keys))) == NULL)
		goto out;
	for (i = 0; i < 2; i++) {
		if (snprintf(path, sizeof(path), "%s/%s", dir, hostkey_kinds[i].file) >=
		    (int)sizeof(path))
			goto out;
		if (access(path, F_OK) != 0 && errno == ENOENT &&
		    hostkey_create(path, hostkey_kinds[i].type, hostkey_kinds[i].bits) < 0)
			goto out;
		if (hostkey_read(path, &keys->key[i]) != 0)
			goto out;
	}
	*out = keys;
	keys = NULL;
	rc = 0;
out:
	hostkeys_free(keys);
	return rc;
}

void
hostkeys_log(const struct sshd_hostkeys *keys)
{
	unsigned char *hash = NULL;
	size_t i, hlen = 0;
	char *fp;

	for (i = 0; i < 2; i++) {
		if (ssh_get_publickey_hash(keys->key[i], SSH_PUBLICKEY_HASH_SHA256,
		    &hash, &hlen) != 0)
			continue;
		fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hlen);
		if (fp != NULL)
			log_msg("host key %s %s", ssh_key_type_to_char(ssh_key_type(keys->key[i])), fp);
		ssh_string_free_char(fp);
		ssh_clean_pubkey_hash(&hash);
	}
}

ssh_key
hostkeys_take(struct sshd_hostkeys *keys, int i)
{
	ssh_key k;

	if (i < 0 || i >= 2)
		return NULL;
	k = keys->key[i];
	keys->key[i] = NULL;
	return k;
}
