/* reader.c — reads whole lines from a descriptor with poll(), so kiosk mode can time out. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "client/line/line.h"

void
line_reader_init(struct line_reader *r, int fd)
{
	memset(r, 0, sizeof(*r));
	r->fd = fd;
}

void
line_reader_free(struct line_reader *r)
{
	if (r == NULL)
		return;
	if (r->buf != NULL)
		explicit_bzero(r->buf, r->cap);
	free(r->buf);
	r->buf = NULL;
	r->len = r->cap = 0;
}

/* Hands out the first line of the buffer; 1 if there was one. */
static int
reader_take(struct line_reader *r, char **out, int at_eof)
{
	char *nl, *s;
	size_t n, skip;

	nl = r->len > 0 ? memchr(r->buf, '\n', r->len) : NULL;
	if (nl == NULL && !(at_eof && r->len > 0))
		return 0;
	n = nl != NULL ? (size_t)(nl - r->buf) : r->len;
	skip = nl != NULL ? n + 1 : n;
	if ((s = malloc(n + 1)) == NULL)
		return 0;
	memcpy(s, r->buf, n);
	s[n] = '\0';
	if (n > 0 && s[n - 1] == '\r')
		s[n - 1] = '\0';
	/* A NUL typed into a line would cut it short silently: refuse it. */
	for (size_t i = 0; i < n; i++)
		if (s[i] == '\0')
			s[i] = ' ';
	memmove(r->buf, r->buf + skip, r->len - skip);
	/* The moved-out tail would keep a copy of the line (a password). */
	explicit_bzero(r->buf + r->len - skip, skip);
	r->len -= skip;
	*out = s;
	return 1;
}

static long
reader_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

int
line_reader_get(struct line_reader *r, char **out, int timeout_ms)
{
	struct pollfd pfd;
	long deadline = timeout_ms >= 0 ? reader_now_ms() + timeout_ms : 0;
	ssize_t n;
	char *nb;
	int wait, pr;

	*out = NULL;
	for (;;) {
		/* The rest of an over-long line is dropped up to its end: it
		 * must not run as lines of its own (a form's next field, a
		 * prompt's command). */
		if (r->skip && r->len > 0) {
			char *nl = memchr(r->buf, '\n', r->len);
			size_t drop = nl != NULL ? (size_t)(nl - r->buf) + 1 : r->len;

			memmove(r->buf, r->buf + drop, r->len - drop);
			explicit_bzero(r->buf + r->len - drop, drop);
			r->len -= drop;
			r->skip = nl == NULL;
		}
		if (reader_take(r, out, r->eof))
			return LINE_OK;
		if (r->eof)
			return LINE_EOF;
		if (r->cap - r->len < 4096) {
			size_t ncap = r->cap == 0 ? 8192 : r->cap * 2;

			if (r->len >= LINE_MAX_BYTES) {
				/* An over-long line: keep its start, end it
				 * here, drop the rest of it. */
				r->buf[r->len - 1] = '\n';
				r->skip = 1;
				if (reader_take(r, out, 0))
					return LINE_OK;
				continue;
			}
			if ((nb = realloc(r->buf, ncap)) == NULL)
				return LINE_EOF;
			r->buf = nb;
			r->cap = ncap;
		}
		wait = -1;
		if (timeout_ms >= 0) {
			long left = deadline - reader_now_ms();

			if (left <= 0)
				return LINE_TIMEOUT;
			wait = (int)left;
		}
		pfd.fd = r->fd;
		pfd.events = POLLIN;
		pr = poll(&pfd, 1, wait);
		if (pr < 0 && errno == EINTR)
			continue;
		if (pr == 0)
			return LINE_TIMEOUT;
		n = read(r->fd, r->buf + r->len, r->cap - r->len);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (n <= 0) {
			r->eof = 1;
			continue;
		}
		r->len += (size_t)n;
	}
}

void
line_reader_drop(struct line_reader *r)
{
	if (r->buf != NULL)
		explicit_bzero(r->buf, r->cap);
	r->len = 0;
	if (isatty(r->fd))
		tcflush(r->fd, TCIFLUSH);
}
