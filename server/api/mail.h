/* mail.h — confirmation mails: SMTP through libcurl, or .eml files. */
#ifndef MW_API_MAIL_H
#define MW_API_MAIL_H

#include <time.h>

/* Where mail goes: smtp_url set -> SMTP; otherwise files in dir. */
struct mail_cfg {
	const char	*dir;		/* --mail-dir */
	const char	*smtp_url;	/* --smtp smtp://host:port */
	const char	*from;		/* --mail-from; a default is used when NULL */
};

/*
 * Encodes a header value as RFC 2047 encoded-words (UTF-8, base64) when it
 * holds non-ASCII bytes; otherwise returns a copy. Caller frees; NULL when
 * out of memory.
 */
char	*mail_header_encode(const char *value);

/*
 * Builds one RFC 5322 message with CRLF line ends: Date (from now), From,
 * To, Subject, Message-ID, MIME-Version, Content-Type text/plain; charset
 * utf-8, Content-Transfer-Encoding 8bit, then body (LF is turned into
 * CRLF). Caller frees; NULL when out of memory.
 */
char	*mail_compose(const char *from, const char *to, const char *subject,
	    const char *body, time_t now);

/*
 * Sends the account confirmation mail to address `to` for username, with
 * the 8-digit code (digits only; written "1234 5678") and the one-time
 * token on a line of its own, in lang (a registry code; NULL or unknown:
 * German). Returns 0, or -1 when the mail could not be written or sent.
 */
int	mail_send_confirm(const struct mail_cfg *cfg, const char *to,
	    const char *username, const char *token, const char *code, const char *lang);

/*
 * Sends, instead of a confirmation, the notice that a registration for
 * address `to` created nothing: address_taken 1 — the address belongs to
 * the account username already; 0 — the name username is taken. So the
 * answer to the registration need not say which exists. In lang, like
 * mail_send_confirm(). Returns 0 or -1.
 */
int	mail_send_taken(const struct mail_cfg *cfg, const char *to,
	    const char *username, int address_taken, const char *lang);

/* Sends a prepared subject/body to `to` through cfg. Returns 0 or -1. */
int	mail_send(const struct mail_cfg *cfg, const char *to,
	    const char *subject, const char *body);

#endif
