/* sshkey.c — the OpenSSH public key line: type, key blob and its SHA256 fingerprint. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "server/api/sshkey.h"

/* Key types of user keys (ssh-keygen -t ...); certificates are not keys. */
static const char *const sshkey_types[] = {
	"ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384",
	"ecdsa-sha2-nistp521", "sk-ssh-ed25519@openssh.com",
	"sk-ecdsa-sha2-nistp256@openssh.com",
};

/* Large enough for a 16384-bit RSA key. */
#define SSHKEY_BLOB_MAX	4096

static int
sshkey_type_known(const char *t, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(sshkey_types) / sizeof(sshkey_types[0]); i++)
		if (strlen(sshkey_types[i]) == n && memcmp(sshkey_types[i], t, n) == 0)
			return 1;
	return 0;
}

int
sshkey_parse(const char *line, struct sshkey_info *out)
{
	unsigned char blob[SSHKEY_BLOB_MAX], digest[crypto_hash_sha256_BYTES];
	const char *t, *b, *c, *end;
	size_t tn, bn, cn, len, i;
	uint32_t inner;

	if (out == NULL)
		return -1;
	memset(out, 0, sizeof(*out));
	if (line == NULL)
		return -1;
	for (t = line; *t == ' ' || *t == '\t'; t++)
		;
	tn = strcspn(t, " \t\r\n");
	for (b = t + tn; *b == ' ' || *b == '\t'; b++)
		;
	bn = strcspn(b, " \t\r\n");
	for (c = b + bn; *c == ' ' || *c == '\t'; c++)
		;
	cn = strcspn(c, "\r\n");
	while (cn > 0 && (c[cn - 1] == ' ' || c[cn - 1] == '\t'))
		cn--;
	/* Nothing may follow the one line but its line end. */
	for (end = c + cn; *end == '\r' || *end == '\n' || *end == ' ' ||
	    *end == '\t'; end++)
		;
	if (*end != '\0' || tn == 0 || bn == 0 || !sshkey_type_known(t, tn))
		return -1;
	if (sodium_base642bin(blob, sizeof(blob), b, bn, NULL, &len, NULL,
	    sodium_base64_VARIANT_ORIGINAL) != 0 || len < 4 + tn)
		return -1;
	inner = (uint32_t)blob[0] << 24 | (uint32_t)blob[1] << 16 |
	    (uint32_t)blob[2] << 8 | blob[3];
	if (inner != tn || memcmp(blob + 4, t, tn) != 0 || len <= 4 + tn)
		return -1;
	crypto_hash_sha256(digest, blob, len);
	memcpy(out->fingerprint, "SHA256:", 7);
	sodium_bin2base64(out->fingerprint + 7, sizeof(out->fingerprint) - 7,
	    digest, sizeof(digest), sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	memcpy(out->type, t, tn);
	out->type[tn] = '\0';
	for (i = 0; i < cn; i++)
		if ((unsigned char)c[i] < 0x20 || (unsigned char)c[i] > 0x7e)
			cn = 0;
	if (cn > SSHKEY_COMMENT_MAX)
		cn = SSHKEY_COMMENT_MAX;
	memcpy(out->comment, c, cn);
	out->comment[cn] = '\0';
	return 0;
}

int
sshkey_fingerprint_ok(const char *fp)
{
	size_t i;

	if (fp == NULL || strlen(fp) != SSHKEY_FP_LEN ||
	    strncmp(fp, "SHA256:", 7) != 0)
		return 0;
	for (i = 7; i < SSHKEY_FP_LEN; i++) {
		char ch = fp[i];

		if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
		    (ch >= '0' && ch <= '9') || ch == '+' || ch == '/'))
			return 0;
	}
	return 1;
}
