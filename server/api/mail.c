/* mail.c — writes confirmation mails as .eml files or sends them by SMTP. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>
#include <sodium.h>

#include "common/log.h"
#include "common/msglang.h"
#include "server/api/clock.h"
#include "server/api/mail.h"

#define MAIL_DEFAULT_FROM "MitWirkung <noreply@mitwirkung.invalid>"

/* A growing string buffer; on allocation failure it drops to NULL. */
struct mail_buf {
	char	*s;
	size_t	 len;
	size_t	 cap;
};

static void
mail_buf_add(struct mail_buf *b, const char *s, size_t n)
{
	char *p;
	size_t cap;

	if (b->s == NULL && b->cap != 0)
		return;		/* an earlier failure */
	if (b->len + n + 1 > b->cap) {
		cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		if ((p = realloc(b->s, cap)) == NULL) {
			free(b->s);
			b->s = NULL;
			b->cap = 1;
			return;
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
mail_buf_str(struct mail_buf *b, const char *s)
{
	mail_buf_add(b, s, strlen(s));
}

char *
mail_header_encode(const char *value)
{
	struct mail_buf b = { NULL, 0, 0 };
	const unsigned char *v = (const unsigned char *)value;
	size_t n = strlen(value), i, start, chunk;
	int ascii = 1;
	char enc[128];

	for (i = 0; i < n; i++)
		if (v[i] >= 0x80 || v[i] < 0x20)
			ascii = 0;
	if (ascii)
		return strdup(value);
	/* Up to 45 bytes per encoded-word keeps each word under 75 chars;
	 * words split only between whole UTF-8 characters. */
	for (start = 0; start < n; start += chunk) {
		chunk = n - start < 45 ? n - start : 45;
		while (start + chunk < n && (v[start + chunk] & 0xC0) == 0x80)
			chunk--;
		if (start > 0)
			mail_buf_str(&b, "\r\n ");
		mail_buf_str(&b, "=?UTF-8?B?");
		sodium_bin2base64(enc, sizeof(enc), v + start, chunk,
		    sodium_base64_VARIANT_ORIGINAL);
		mail_buf_str(&b, enc);
		mail_buf_str(&b, "?=");
	}
	if (b.s == NULL)
		mail_buf_str(&b, "");
	return b.s;
}

static void
mail_buf_crlf(struct mail_buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\n')
			mail_buf_add(b, "\r\n", 2);
		else if (*s != '\r')
			mail_buf_add(b, s, 1);
	}
}

char *
mail_compose(const char *from, const char *to, const char *subject,
    const char *body, time_t now)
{
	struct mail_buf b = { NULL, 0, 0 };
	unsigned char rnd[12];
	char date[64], id[32], *subj;
	struct tm tm;

	if ((subj = mail_header_encode(subject)) == NULL)
		return NULL;
	gmtime_r(&now, &tm);
	strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(id, sizeof(id), rnd, sizeof(rnd));
	mail_buf_str(&b, "Date: ");
	mail_buf_str(&b, date);
	mail_buf_str(&b, "\r\nFrom: ");
	mail_buf_str(&b, from);
	mail_buf_str(&b, "\r\nTo: ");
	mail_buf_str(&b, to);
	mail_buf_str(&b, "\r\nSubject: ");
	mail_buf_str(&b, subj);
	mail_buf_str(&b, "\r\nMessage-ID: <");
	mail_buf_str(&b, id);
	mail_buf_str(&b, "@mitwirkung>\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n\r\n");
	mail_buf_crlf(&b, body);
	free(subj);
	return b.s;
}

static int
mail_write_all(int fd, const char *msg, size_t len)
{
	size_t off = 0;
	ssize_t w;

	while (off < len) {
		w = write(fd, msg + off, len - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		off += (size_t)w;
	}
	return fsync(fd);
}

/*
 * A reader must never see half a mail. The file is written without a name
 * (O_TMPFILE) and linked into dir when complete; where the file system
 * cannot do that, it is written to a hidden temporary name and renamed.
 */
static int
mail_write_file(const char *dir, const char *msg)
{
	char tmp[4096], final[4096], proc[64], id[17];
	unsigned char rnd[8];
	size_t len = strlen(msg);
	int fd, rc = -1;

	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(id, sizeof(id), rnd, sizeof(rnd));
	if ((size_t)snprintf(tmp, sizeof(tmp), "%s/.tmp-%s", dir, id) >= sizeof(tmp) ||
	    (size_t)snprintf(final, sizeof(final), "%s/%lld-%s.eml", dir,
	    (long long)clock_now(), id) >= sizeof(final))
		return -1;
#ifdef O_TMPFILE
	if ((fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600)) >= 0) {
		snprintf(proc, sizeof(proc), "/proc/self/fd/%d", fd);
		if (mail_write_all(fd, msg, len) == 0 &&
		    linkat(AT_FDCWD, proc, AT_FDCWD, final, AT_SYMLINK_FOLLOW) == 0)
			rc = 0;
		if (close(fd) != 0)
			rc = -1;
		if (rc == 0)
			return 0;
	}
#endif
	(void)proc;
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) < 0) {
		log_msg("mail: cannot create %s: %s", tmp, strerror(errno));
		return -1;
	}
	rc = mail_write_all(fd, msg, len);
	if (close(fd) != 0)
		rc = -1;
	if (rc == 0 && rename(tmp, final) != 0)
		rc = -1;
	if (rc != 0) {
		log_msg("mail: cannot write %s: %s", final, strerror(errno));
		unlink(tmp);
	}
	return rc;
}

struct mail_upload {
	const char	*p;
	size_t		 left;
};

static size_t
mail_read_cb(char *buf, size_t size, size_t nmemb, void *arg)
{
	struct mail_upload *u = arg;
	size_t n = size * nmemb;

	if (n > u->left)
		n = u->left;
	memcpy(buf, u->p, n);
	u->p += n;
	u->left -= n;
	return n;
}

/* The bare address of "Name <addr>" or of "addr", for the SMTP envelope. */
static void
mail_envelope(const char *from, char *out, size_t outsz)
{
	const char *lt = strchr(from, '<'), *gt;

	if (lt != NULL && (gt = strchr(lt, '>')) != NULL &&
	    (size_t)(gt - lt) <= outsz) {
		memcpy(out, lt, (size_t)(gt - lt) + 1);
		out[gt - lt + 1] = '\0';
		return;
	}
	snprintf(out, outsz, "<%s>", from);
}

static int
mail_smtp(const struct mail_cfg *cfg, const char *from, const char *to,
    const char *msg)
{
	struct curl_slist *rcpt = NULL;
	struct mail_upload up = { msg, strlen(msg) };
	char env_from[512], env_to[512];
	CURL *c;
	CURLcode res;

	if ((c = curl_easy_init()) == NULL)
		return -1;
	mail_envelope(from, env_from, sizeof(env_from));
	snprintf(env_to, sizeof(env_to), "<%s>", to);
	rcpt = curl_slist_append(rcpt, env_to);
	curl_easy_setopt(c, CURLOPT_URL, cfg->smtp_url);
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, env_from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, mail_read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &up);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	res = curl_easy_perform(c);
	if (res != CURLE_OK)
		log_msg("mail: SMTP delivery failed: %s", curl_easy_strerror(res));
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	return res == CURLE_OK ? 0 : -1;
}

int
mail_send(const struct mail_cfg *cfg, const char *to, const char *subject,
    const char *body)
{
	const char *from;
	char *msg;
	int rc = -1;

	if (cfg == NULL || (cfg->dir == NULL && cfg->smtp_url == NULL))
		return -1;
	from = cfg->from != NULL ? cfg->from : MAIL_DEFAULT_FROM;
	if ((msg = mail_compose(from, to, subject, body, clock_now())) == NULL)
		return -1;
	if (cfg->smtp_url != NULL)
		rc = mail_smtp(cfg, from, to, msg);
	else
		rc = mail_write_file(cfg->dir, msg);
	free(msg);
	return rc;
}

static int mail_send_fmt(const struct mail_cfg *cfg, const char *to,
    const char *subject, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Sends the body made of fmt (a translated msgid with %1$s... and only
 * string arguments) and the signature. Returns 0 or -1. */
static int
mail_send_fmt(const struct mail_cfg *cfg, const char *to, const char *subject,
    const char *fmt, ...)
{
	char *body = NULL;
	va_list ap;
	int n, rc;

	va_start(ap, fmt);
	n = vasprintf(&body, fmt, ap);
	va_end(ap);
	if (n < 0)
		return -1;
	rc = mail_send(cfg, to, subject, body);
	free(body);
	return rc;
}

int
mail_send_confirm(const struct mail_cfg *cfg, const char *to,
    const char *username, const char *token, const char *code, const char *lang)
{
	char grouped[16];

	/* Written and read out in two groups of four: "1234 5678". */
	snprintf(grouped, sizeof(grouped), "%.4s %.4s", code, strlen(code) > 4 ? code + 4 : "");
	return mail_send_fmt(cfg, to,
	    msglang_get(lang, "Confirm your MitWirkung account"),
	    /* L10N: The confirmation mail: the user name, the 8-digit code
	     * as "1234 5678", the long token on a line of its own. Keep
	     * "mitwirkung confirm CODE" (a command) and the "-- " line. */
	    msglang_get(lang, "Hello %1$s,\n\n"
	    "please confirm your MitWirkung account with this code:\n\n"
	    "    %2$s\n\n"
	    "In the program choose \"Confirm account\", type your user name "
	    "and the code. The code is valid for 48 hours; after 5 wrong tries "
	    "it stops working.\n\n"
	    "The long code below does the same, also on the command line:\n"
	    "  mitwirkung confirm CODE\n\n"
	    "%3$s\n\n"
	    "If you did not register, ignore this mail; the account stays "
	    "inactive.\n\n-- \nMitWirkung\n"), username, grouped, token);
}

int
mail_send_taken(const struct mail_cfg *cfg, const char *to,
    const char *username, int address_taken, const char *lang)
{
	const char *subject = msglang_get(lang, "Your MitWirkung registration");

	if (address_taken)
		return mail_send_fmt(cfg, to, subject,
		    /* L10N: A registration with an address that has an account
		     * already; the name of that account. */
		    msglang_get(lang, "Hello,\n\n"
		    "someone asked to register a MitWirkung account with this "
		    "address. This address already belongs to the account %1$s.\n\n"
		    "If that was you, log in with that name or this address. An "
		    "account that was never confirmed is deleted two days after "
		    "its registration; then the address is free again.\n\n"
		    "If it was not you, ignore this mail; nothing was changed.\n\n"
		    "-- \nMitWirkung\n"), username);
	return mail_send_fmt(cfg, to, subject,
	    /* L10N: A registration with a user name that is taken; that name. */
	    msglang_get(lang, "Hello,\n\n"
	    "someone asked to register a MitWirkung account with this address "
	    "and the user name %1$s. That name is taken; no account was "
	    "created.\n\n"
	    "If that was you, register again with another name.\n\n"
	    "If it was not you, ignore this mail; nothing was changed.\n\n"
	    "-- \nMitWirkung\n"), username);
}
