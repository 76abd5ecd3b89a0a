/* text.c — strict UTF-8, the terminal sanitiser, display width and word wrapping. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/text.h"

struct text_range {
	unsigned int	lo;
	unsigned int	hi;
};

#include "common/text_tables.h"

#define TEXT_REPLACEMENT	"\xef\xbf\xbd"	/* U+FFFD */

int
text_utf8_decode(const char *s, size_t len, unsigned int *cp)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned int c, min;
	int n, i;

	if (s == NULL || len == 0)
		return -1;
	c = p[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		c &= 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		c &= 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		c &= 0x07;
		min = 0x10000;
	} else {
		/* 0x80..0xc1 (continuation or overlong lead) and 0xf5..0xff. */
		return -1;
	}
	if ((size_t)n > len)
		return -1;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return -1;
		c = (c << 6) | (p[i] & 0x3f);
	}
	/* Overlong forms, UTF-16 surrogates and values past U+10FFFF are
	 * what filters get fooled with, so all of them are invalid here. */
	if (c < min || (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return -1;
	*cp = c;
	return n;
}

/* Length of the invalid stretch to replace by one U+FFFD: a lead byte and
 * the continuation bytes it claims, as far as they are present, so that a
 * truncated sequence yields one replacement, not one per byte. */
static int
text_invalid_len(const unsigned char *p, size_t len)
{
	int want, i;

	if (p[0] >= 0xe0 && p[0] <= 0xef)
		want = 3;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		want = 4;
	else if (p[0] >= 0xc2 && p[0] <= 0xdf)
		want = 2;
	else
		return 1;
	for (i = 1; i < want && (size_t)i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			break;
		/* Stop before a byte that makes the prefix impossible (overlong
		 * E0 80.., surrogate ED A0.., F0 80.., F4 90..) so the rest is
		 * judged on its own, as the Unicode "maximal subpart" rule says. */
		if (i == 1 && ((p[0] == 0xe0 && p[1] < 0xa0) ||
		    (p[0] == 0xed && p[1] > 0x9f) ||
		    (p[0] == 0xf0 && p[1] < 0x90) ||
		    (p[0] == 0xf4 && p[1] > 0x8f)))
			break;
	}
	return i;
}

static int
text_is_bidi_override(unsigned int cp)
{
	return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

static int
text_is_bidi(unsigned int cp)
{
	return text_is_bidi_override(cp) || cp == 0x200e || cp == 0x200f ||
	    cp == 0x061c;
}

/* Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties 15.1):
 * characters that show as nothing, so that "admin" and "ad\u200bmin", or
 * a name of Hangul fillers, look alike. Sorted, for text_in_table(). */
static const struct text_range text_ignorable[] = {
	{ 0x00ad, 0x00ad }, { 0x034f, 0x034f }, { 0x061c, 0x061c },
	{ 0x115f, 0x1160 }, { 0x17b4, 0x17b5 }, { 0x180b, 0x180f },
	{ 0x200b, 0x200f }, { 0x202a, 0x202e }, { 0x2060, 0x206f },
	{ 0x3164, 0x3164 }, { 0xfe00, 0xfe0f }, { 0xfeff, 0xfeff },
	{ 0xffa0, 0xffa0 }, { 0xfff0, 0xfff8 }, { 0x1bca0, 0x1bca3 },
	{ 0x1d173, 0x1d17a }, { 0xe0000, 0xe0fff },
};

static int text_in_table(unsigned int cp, const struct text_range *t,
    size_t n);

int
text_cp_ignorable(unsigned int cp)
{
	return text_in_table(cp, text_ignorable,
	    sizeof(text_ignorable) / sizeof(text_ignorable[0]));
}

int
text_check(const char *s, size_t len, int flags)
{
	size_t i = 0;
	unsigned int cp;
	int n;

	if (s == NULL)
		return len == 0 ? TEXT_OK : TEXT_BAD_UTF8;
	while (i < len) {
		n = text_utf8_decode(s + i, len - i, &cp);
		if (n < 0 || cp == 0)
			return TEXT_BAD_UTF8;
		if (cp < 0x20 && !(cp == '\n' && (flags & TEXT_MULTILINE)))
			return TEXT_CONTROL;
		if (cp >= 0x7f && cp <= 0x9f)
			return TEXT_CONTROL;
		if (text_is_bidi_override(cp))
			return TEXT_BIDI;
		i += (size_t)n;
	}
	return TEXT_OK;
}

const char *
text_check_str(int code)
{
	switch (code) {
	case TEXT_OK:
		return "ok";
	case TEXT_BAD_UTF8:
		return "invalid UTF-8";
	case TEXT_CONTROL:
		return "control character";
	case TEXT_BIDI:
		return "bidi override";
	}
	return "unknown text error";
}

/*
 * Length of the terminal sequence whose introducer has already been seen
 * (ESC x or the C1 form), starting at p. kind is the final introducer
 * byte: '[' CSI, ']' OSC, 'P' DCS, 'X' SOS, '^' PM, '_' APC. The payload
 * of a string sequence (an OSC 52 clipboard, an OSC 8 link, a title) is
 * swallowed with it; a sequence cut off by the end swallows the rest.
 */
static size_t
text_seq_len(const unsigned char *p, size_t len, int kind)
{
	size_t i = 0;

	if (kind == '[') {
		/* Parameters and intermediates, then one final byte. Anything
		 * else ends the sequence and is judged on its own. */
		while (i < len && p[i] >= 0x20 && p[i] <= 0x3f)
			i++;
		if (i < len && p[i] >= 0x40 && p[i] <= 0x7e)
			i++;
		return i;
	}
	/* String sequences end with BEL, ST (ESC \ or U+009C), or are
	 * cancelled by CAN, SUB or another ESC (which then starts anew). */
	while (i < len) {
		if (p[i] == 0x07 || p[i] == 0x18 || p[i] == 0x1a)
			return i + 1;
		if (p[i] == 0x1b) {
			if (i + 1 < len && p[i + 1] == '\\')
				return i + 2;
			return i;
		}
		if (p[i] >= 0x80) {
			unsigned int cp;
			int n = text_utf8_decode((const char *)p + i, len - i, &cp);

			/* ST as U+009C, or as a raw 8-bit byte; a 0x9c that
			 * only continues a character ("Ŝ" is C5 9C) is not. */
			if (n > 0 && cp == 0x9c)
				return i + (size_t)n;
			if (n < 0 && p[i] == 0x9c)
				return i + 1;
			i += n > 0 ? (size_t)n : 1;
			continue;
		}
		i++;
	}
	return i;
}

/* Length of an escape sequence starting with ESC at p[0]. */
static size_t
text_esc_len(const unsigned char *p, size_t len)
{
	size_t i = 1;

	if (len < 2)
		return 1;
	switch (p[1]) {
	case '[': case ']': case 'P': case 'X': case '^': case '_':
		return 2 + text_seq_len(p + 2, len - 2, p[1]);
	}
	/* nF: intermediates 0x20..0x2f then a final byte (charset choice). */
	while (i < len && p[i] >= 0x20 && p[i] <= 0x2f)
		i++;
	if (i < len && p[i] >= 0x30 && p[i] <= 0x7e)
		return i + 1;
	/* ESC before a control or non-ASCII byte: only the ESC goes. */
	return i;
}

/* Kind of sequence a C1 code point introduces, or 0. */
static int
text_c1_kind(unsigned int cp)
{
	switch (cp) {
	case 0x9b: return '[';
	case 0x9d: return ']';
	case 0x90: return 'P';
	case 0x98: return 'X';
	case 0x9e: return '^';
	case 0x9f: return '_';
	}
	return 0;
}

char *
text_sanitize(const char *s, size_t len, int flags)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out;
	size_t i = 0, o = 0;
	unsigned int cp;
	int n;

	if (s == NULL)
		len = 0;
	/* The worst case is one U+FFFD (3 bytes) for every input byte. */
	if (len > (SIZE_MAX - 1) / 3)
		return NULL;
	if ((out = malloc(len * 3 + 1)) == NULL)
		return NULL;
	while (i < len) {
		n = text_utf8_decode(s + i, len - i, &cp);
		if (n < 0) {
			memcpy(out + o, TEXT_REPLACEMENT, 3);
			o += 3;
			i += (size_t)text_invalid_len(p + i, len - i);
			continue;
		}
		if (cp == 0x1b) {
			i += text_esc_len(p + i, len - i);
			continue;
		}
		if (cp == '\r') {
			/* CR LF is a line end; a lone CR could overwrite the line
			 * on screen, so it goes. */
			i++;
			continue;
		}
		if (cp == '\n') {
			out[o++] = (flags & TEXT_MULTILINE) ? '\n' : ' ';
			i++;
			continue;
		}
		if (cp == '\t') {
			out[o++] = (flags & TEXT_KEEP_TAB) ? '\t' : ' ';
			i++;
			continue;
		}
		if (cp >= 0x80 && cp <= 0x9f && text_c1_kind(cp)) {
			i += (size_t)n;
			i += text_seq_len(p + i, len - i, text_c1_kind(cp));
			continue;
		}
		if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || text_is_bidi(cp) ||
		    text_cp_ignorable(cp)) {
			i += (size_t)n;
			continue;
		}
		memcpy(out + o, s + i, (size_t)n);
		o += (size_t)n;
		i += (size_t)n;
	}
	out[o] = '\0';
	return out;
}

static int
text_in_table(unsigned int cp, const struct text_range *t, size_t n)
{
	size_t lo = 0, hi = n, mid;

	if (n == 0 || cp < t[0].lo || cp > t[n - 1].hi)
		return 0;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (cp > t[mid].hi)
			lo = mid + 1;
		else if (cp < t[mid].lo)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

#define TEXT_NELEM(a)	(sizeof(a) / sizeof((a)[0]))

int
text_cp_width(unsigned int cp)
{
	if (cp >= 0x20 && cp < 0x7f)
		return 1;
	if (cp < 0xa0)
		return 0;	/* controls are never shown */
	if (text_in_table(cp, text_zero, TEXT_NELEM(text_zero)))
		return 0;
	if (text_in_table(cp, text_wide, TEXT_NELEM(text_wide)))
		return 2;
	return 1;
}

/* Decodes the character at s (NUL-terminated), treating an invalid byte
 * as U+FFFD of one byte so every caller makes progress. */
static int
text_next(const char *s, unsigned int *cp)
{
	size_t len = strnlen(s, 4);
	int n = text_utf8_decode(s, len, cp);

	if (n < 0) {
		*cp = 0xfffd;
		return 1;
	}
	return n;
}

/* Sums the columns (widths != 0) or counts the code points of s. */
static size_t
text_count(const char *s, int widths)
{
	size_t n = 0;
	unsigned int cp;

	if (s == NULL)
		return 0;
	while (*s != '\0') {
		s += text_next(s, &cp);
		n += widths ? (size_t)text_cp_width(cp) : 1;
	}
	return n;
}

size_t
text_width(const char *s)
{
	return text_count(s, 1);
}

/* Characters looked at by text_cluster() so far (text_work()). */
static size_t text_work_n;

size_t
text_work(void)
{
	return text_work_n;
}

/* Bytes and columns of the character at s together with the zero-width
 * marks that follow it, which must stay with their base. */
static size_t
text_cluster(const char *s, size_t *cols)
{
	size_t i;
	unsigned int cp;

	text_work_n++;
	i = (size_t)text_next(s, &cp);
	*cols = (size_t)text_cp_width(cp);
	while (s[i] != '\0') {
		int n = text_next(s + i, &cp);

		if (text_cp_width(cp) != 0 || cp < 0x20)
			break;
		text_work_n++;
		i += (size_t)n;
	}
	return i;
}

size_t
text_fit(const char *s, size_t cols)
{
	size_t i = 0, used = 0, n, w;

	if (s == NULL)
		return 0;
	while (s[i] != '\0') {
		n = text_cluster(s + i, &w);
		if (used + w > cols)
			break;
		used += w;
		i += n;
	}
	return i;
}

size_t
text_chars(const char *s)
{
	return text_count(s, 0);
}

void
text_lines_free(struct text_lines *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		free(l->line[i]);
	free(l->line);
	l->line = NULL;
	l->n = 0;
}

static int
text_lines_add(struct text_lines *l, size_t *cap, const char *s, size_t len)
{
	char **nl, *line;

	if (l->n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;

		if ((nl = realloc(l->line, ncap * sizeof(*nl))) == NULL)
			return -1;
		l->line = nl;
		*cap = ncap;
	}
	if ((line = malloc(len + 1)) == NULL)
		return -1;
	memcpy(line, s, len);
	line[len] = '\0';
	l->line[l->n++] = line;
	return 0;
}

static int
text_is_space(char c)
{
	return c == ' ' || c == '\t';
}

/* Columns of the word at s[0..len) up to its first space, but measured
 * no further than past limit columns: a word wider than a line is cut
 * anyway, and measuring all of a 100,000-character word again for every
 * line cut from it made wrapping quadratic. Stores the bytes measured in
 * *bytes; returns the columns, more than limit when the word is wider. */
static size_t
text_word_cols(const char *s, size_t len, size_t limit, size_t *bytes)
{
	size_t i = 0, cols = 0, n, w;

	while (i < len && !text_is_space(s[i]) && cols <= limit) {
		n = text_cluster(s + i, &w);
		if (i + n > len)
			n = len - i;
		i += n;
		cols += w;
	}
	*bytes = i;
	return cols;
}

/* Wraps one paragraph s[0..len) (no \n inside) into l. Every byte is
 * measured a bounded number of times, so the time is linear in len. */
static int
text_wrap_para(const char *s, size_t len, size_t width, struct text_lines *l,
    size_t *cap)
{
	size_t pos = 0, start = 0, end = 0, cur = 0;
	int empty = 1, first = 1;

	while (pos < len) {
		size_t sp = pos, we, sw, ww, wb, w;

		while (sp < len && text_is_space(s[sp]))
			sp++;
		if (sp == len)
			break;	/* trailing spaces are not shown */
		ww = text_word_cols(s + sp, len - sp, width, &wb);
		we = sp + wb;
		sw = sp - pos;
		if (empty && !first) {
			/* A continuation line does not start with the spaces
			 * that the break consumed. */
			pos = sp;
			sw = 0;
		}
		if (ww <= width && cur + sw + ww <= width) {
			if (empty)
				start = pos;
			end = we;
			cur += sw + ww;
			pos = we;
			empty = 0;
			continue;
		}
		if (!empty) {
			if (text_lines_add(l, cap, s + start, end - start) < 0)
				return -1;
			empty = 1;
			first = 0;
			cur = 0;
			continue;
		}
		/* The word alone is wider than a line: cut it at the width,
		 * always taking at least one character so this ends. The
		 * rest of the word (no leading spaces) is measured anew from
		 * the cut, at most one line's worth. */
		start = pos;
		while (pos < we) {
			size_t n = text_cluster(s + pos, &w);

			if (pos + n > we)
				n = we - pos;
			if (cur + w > width && pos > start)
				break;
			cur += w;
			pos += n;
		}
		if (pos < len && !text_is_space(s[pos])) {
			if (text_lines_add(l, cap, s + start, pos - start) < 0)
				return -1;
			first = 0;
			cur = 0;
			continue;
		}
		end = pos;
		empty = 0;
	}
	if (!empty || first)
		return text_lines_add(l, cap, s + start, empty ? 0 : end - start);
	return 0;
}

int
text_wrap(const char *s, size_t width, struct text_lines *out)
{
	size_t cap = 0, n;
	const char *nl;

	out->line = NULL;
	out->n = 0;
	if (s == NULL)
		return 0;
	if (width == 0)
		width = 1;
	while (*s != '\0') {
		nl = strchr(s, '\n');
		n = nl ? (size_t)(nl - s) : strlen(s);
		if (text_wrap_para(s, n, width, out, &cap) < 0) {
			text_lines_free(out);
			return -1;
		}
		s += n;
		if (*s == '\n')
			s++;
	}
	return 0;
}
