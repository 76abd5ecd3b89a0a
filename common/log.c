/* log.c — one-line log messages on stderr, each written with a single write(2). */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"

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

void
log_msg(const char *fmt, ...)
{
	char line[LOG_LINE_MAX];
	struct tm tm;
	time_t now = time(NULL);
	size_t n, i, off;
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
	off = n;
	va_start(ap, fmt);
	r = vsnprintf(line + n, sizeof(line) - n, fmt, ap);
	va_end(ap);
	if (r < 0)
		return;
	if ((size_t)r >= sizeof(line) - n - 1) {
		/* Truncated: keep room for the newline and mark the cut. */
		n = sizeof(line) - 5;
		memcpy(line + n, "...", 3);
		n += 3;
	} else {
		n += (size_t)r;
	}
	/* A message may quote client input; a newline or escape in it must
	 * not forge a second log line or reach the operator's terminal. */
	for (i = off; i < n; i++) {
		unsigned char c = (unsigned char)line[i];

		if (c < 0x20 || c == 0x7f)
			line[i] = '?';
	}
	line[n++] = '\n';
	do {
		w = write(STDERR_FILENO, line, n);
	} while (w < 0 && errno == EINTR);
}
