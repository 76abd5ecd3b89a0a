/* fuzz_srv_csv.c — libFuzzer target: the CSV writer (render_csv_field) on
 * any text; read back as RFC 4180 every field is one cell that holds the
 * text (after the apostrophe that neutralises a formula), and no cell
 * starts with = + - @ TAB or CR. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "server/api/render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads one field at *p (RFC 4180) into out; returns 0, or -1 when the
 * field is malformed. Leaves *p at the separator or the end. */
static int
fuzz_csv_read(const char **p, char *out, size_t *outlen)
{
	const char *s = *p;
	size_t n = 0;

	if (*s != '"') {
		while (*s != '\0' && *s != ',') {
			if (*s == '"' || *s == '\r' || *s == '\n')
				return -1;
			out[n++] = *s++;
		}
	} else {
		s++;
		for (;;) {
			if (*s == '\0')
				return -1;
			if (*s == '"') {
				if (s[1] != '"')
					break;
				s++;
			}
			out[n++] = *s++;
		}
		s++;
		if (*s != '\0' && *s != ',')
			return -1;
	}
	*outlen = n;
	*p = s;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in, *buf = NULL, *cell;
	const char *p;
	size_t len = 0, cap = 0, n, inlen, i;

	if ((in = malloc(size + 1)) == NULL)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';
	inlen = strlen(in);
	if (render_csv_field(&buf, &len, &cap, in) != 0) {
		free(in);
		free(buf);
		return 0;
	}
	if ((cell = malloc(len + 1)) == NULL)
		abort();
	/* One field is one cell: read back, it ends where the buffer does,
	 * so a "," or line end in the text never starts another. */
	p = buf;
	if (fuzz_csv_read(&p, cell, &n) != 0 || *p != '\0')
		abort();
	if (n > 0 && strchr("=+-@\t\r", cell[0]) != NULL)
		abort();
	i = inlen > 0 && strchr("=+-@\t\r", in[0]) != NULL ? 1 : 0;
	if (i == 1 && cell[0] != '\'')
		abort();
	if (n != inlen + i || memcmp(cell + i, in, inlen) != 0)
		abort();
	free(cell);
	free(buf);
	free(in);
	return 0;
}
