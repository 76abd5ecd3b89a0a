/* sshkey.h — reading an OpenSSH public key line into its type and SHA256 fingerprint. */
#ifndef MW_API_SSHKEY_H
#define MW_API_SSHKEY_H

#include <stddef.h>

/* "SHA256:" and 43 characters of unpadded base64, as ssh-keygen -l shows. */
#define SSHKEY_FP_LEN	50
#define SSHKEY_TYPE_MAX	48
#define SSHKEY_COMMENT_MAX	200

struct sshkey_info {
	char	type[SSHKEY_TYPE_MAX];		/* "ssh-ed25519", ... */
	char	fingerprint[SSHKEY_FP_LEN + 1];
	char	comment[SSHKEY_COMMENT_MAX + 1];	/* "" when none */
};

/*
 * Parses "TYPE BASE64 [COMMENT]" (one line, as in id_ed25519.pub or
 * authorized_keys without options). The type must be one OpenSSH uses for
 * user keys and match the type inside the decoded key. The comment is
 * kept only when it is printable ASCII (else ""). Returns 0 and fills out,
 * or -1 when the line is not such a key.
 */
int	sshkey_parse(const char *line, struct sshkey_info *out);

/* Returns 1 when fp has the form SSHKEY_FP_LEN of "SHA256:<base64>". */
int	sshkey_fingerprint_ok(const char *fp);

#endif
