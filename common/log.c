/* log.c — one-line log messages on stderr, each written with a single write(2). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "common/text.h"

#define LOG_LINE_MAX	1024

static char	log_prog[64] = "mitwirkung";

void
log_init(const char *prog)
{
	const char *slash;

	if (prog == NULL)
		return;
	if ((slash = strrchr(prog, '/')) != NULL)
		prog = slash + 1;
	snprintf(log_prog, sizeof(log_prog), "%s", prog);
}

/* Copies the n bytes of raw into out (room for cap bytes) so that every
 * byte is safe to log: a control character, a byte that is not part of
 * valid UTF-8, a C1 control and an invisible or bidi character become
 * \xNN per byte, a backslash \\, so the line reads back exactly. Stops
 * before a character that would not fit; *used is the input consumed.
 * Returns the length written. */
static size_t
log_escape(const char *raw, size_t n, char *out, size_t cap, size_t *used)
{
	static const char hex[] = "0123456789abcdef";
	size_t i = 0, o = 0, k, need;
	unsigned int cp = 0;
	int len, bad;

	while (i < n) {
		len = text_utf8_decode(raw + i, n - i, &cp);
		bad = len < 0 || cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
		    text_cp_ignorable(cp);
		if (len < 0)
			len = 1;
		need = bad ? 4 * (size_t)len : cp == '\\' ? 2 : (size_t)len;
		if (o + need > cap)
			break;
		if (bad) {
			for (k = 0; k < (size_t)len; k++) {
				unsigned char c = (unsigned char)raw[i + k];

				out[o++] = '\\';
				out[o++] = 'x';
				out[o++] = hex[c >> 4];
				out[o++] = hex[c & 15];
			}
		} else if (cp == '\\') {
			out[o++] = '\\';
			out[o++] = '\\';
		} else {
			memcpy(out + o, raw + i, (size_t)len);
			o += (size_t)len;
		}
		i += (size_t)len;
	}
	*used = i;
	return o;
}

void
log_msg(const char *fmt, ...)
{
	char line[LOG_LINE_MAX], raw[LOG_LINE_MAX];
	struct tm tm;
	time_t now = time(NULL);
	size_t n, m, used;
	ssize_t w;
	va_list ap;
	int r;

	if (gmtime_r(&now, &tm) == NULL)
		memset(&tm, 0, sizeof(tm));
	n = strftime(line, sizeof(line), "%Y-%m-%dT%H:%M:%SZ ", &tm);
	r = snprintf(line + n, sizeof(line) - n, "%s: ", log_prog);
	if (r < 0)
		return;
	n += (size_t)r < sizeof(line) - n ? (size_t)r : sizeof(line) - n - 1;
	va_start(ap, fmt);
	r = vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	if (r < 0)
		return;
	m = (size_t)r < sizeof(raw) ? (size_t)r : sizeof(raw) - 1;
	/* A message may quote client input; a newline, an escape or a
	 * broken byte in it must not forge a second log line, reach the
	 * operator's terminal or fool a log reader. Room is kept for the
	 * "..." of a cut message and the newline. */
	n += log_escape(raw, m, line + n, sizeof(line) - n - 4, &used);
	if (used < (size_t)r) {
		memcpy(line + n, "...", 3);
		n += 3;
	}
	line[n++] = '\n';
	do {
		w = write(STDERR_FILENO, line, n);
	} while (w < 0 && errno == EINTR);
}
