/* line.h — line mode's input reader: whole lines from a descriptor, with a timeout. */
#ifndef MW_CLIENT_LINE_H
#define MW_CLIENT_LINE_H

#include <stddef.h>

#define LINE_OK		 1
#define LINE_EOF	 0
#define LINE_TIMEOUT	-2

/* Lines longer than this are cut (the rest is read and dropped). */
#define LINE_MAX_BYTES	65536

struct line_reader {
	int	 fd;
	char	*buf;
	size_t	 len;
	size_t	 cap;
	int	 eof;
	int	 skip;	/* the rest of an over-long line is being dropped */
};

void	line_reader_init(struct line_reader *r, int fd);
void	line_reader_free(struct line_reader *r);

/*
 * Reads one line (without its \n; a trailing \r is dropped) into *out,
 * which the caller frees. timeout_ms < 0 waits for ever. Returns LINE_OK,
 * LINE_EOF at the end of input (a last line without \n is still returned
 * first), or LINE_TIMEOUT when nothing complete arrived in time (what was
 * typed so far is kept for the next call).
 */
int	line_reader_get(struct line_reader *r, char **out, int timeout_ms);

/*
 * Forgets what was typed and not yet taken: the buffer (wiped), and on a
 * terminal also what the kernel holds of a line not ended with Enter, so
 * the last person's half-typed text never becomes the next one's input.
 */
void	line_reader_drop(struct line_reader *r);

#endif
