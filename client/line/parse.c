/* parse.c — line mode's pure parts: typed lines, where a brief text stops, words left, scale values, typable keys, the prompt's wording. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/line/parse.h"
#include "common/text.h"

/* The next word of *p (separated by spaces or commas) into w; 0 at the end. */
static int
parse_next(const char **p, char *w, size_t size)
{
	const char *s = *p;
	size_t n = 0;

	while (*s == ' ' || *s == ',' || *s == '\t')
		s++;
	if (*s == '\0')
		return 0;
	while (*s != '\0' && *s != ' ' && *s != ',' && *s != '\t') {
		if (n + 1 < size)
			w[n++] = *s;
		s++;
	}
	w[n] = '\0';
	*p = s;
	return 1;
}

/* The number w holds (1..100000), 0 when w is not a number, -1 when out of range. */
static int
parse_number(const char *w)
{
	char *end;
	long v;

	if (w[0] < '0' || w[0] > '9')
		return 0;
	v = strtol(w, &end, 10);
	if (*end != '\0')
		return 0;
	return v >= 1 && v <= 100000 ? (int)v : -1;
}

/* Makes w (of size bytes) safe to say back: what is not valid UTF-8 (a
 * word cut in a letter too), a control character, C1 or bidi control
 * becomes U+FFFD, so it never reads as a key ("?"); a letter that does
 * not fit whole is left out. */
static void
parse_safe(char *w, size_t size)
{
	char out[256];
	size_t i = 0, o = 0, len = strlen(w), k;
	unsigned int cp;
	int n;

	while (i < len) {
		const char *put = w + i;
		int bad = 0;

		if ((n = text_utf8_decode(w + i, len - i, &cp)) <= 0) {
			n = 1;
			bad = 1;
		}
		k = (size_t)n;
		if (bad || text_check(w + i, k, 0) != TEXT_OK || cp == 0x200e || cp == 0x200f ||
		    cp == 0x61c) {
			put = "\xef\xbf\xbd";
			k = 3;
		}
		if (o + k >= size || o + k >= sizeof(out))
			break;
		memcpy(out + o, put, k);
		o += k;
		i += (size_t)n;
	}
	memcpy(w, out, o);
	w[o] = '\0';
}

static enum line_cmd_kind
parse_bad(struct line_cmd *c, const char *w)
{
	snprintf(c->word, sizeof(c->word), "%s", w);
	parse_safe(c->word, sizeof(c->word));
	c->kind = LINE_CMD_BAD;
	return c->kind;
}

enum line_cmd_kind
line_parse(const char *typed, struct line_cmd *c)
{
	const char *p = typed != NULL ? typed : "", *rest;
	char w[sizeof(c->word)];
	int v;

	memset(c, 0, sizeof(*c));
	c->kind = LINE_CMD_NONE;
	rest = p + strspn(p, " \t");
	snprintf(c->line, sizeof(c->line), "%s", rest);
	for (v = (int)strlen(c->line); v > 0 && (c->line[v - 1] == ' ' || c->line[v - 1] == '\t'); v--)
		c->line[v - 1] = '\0';
	parse_safe(c->line, sizeof(c->line));
	if (!parse_next(&p, w, sizeof(w)))
		return c->kind;
	if ((v = parse_number(w)) < 0)
		return parse_bad(c, w);
	if (v == 0) {
		rest = p;
		if (strcmp(w, "t") == 0 && !parse_next(&rest, w, sizeof(w))) {
			c->kind = LINE_CMD_FULL;
			return c->kind;
		}
		snprintf(c->word, sizeof(c->word), "%s", w);
		parse_safe(c->word, sizeof(c->word));
		c->kind = LINE_CMD_WORD;
		if (!parse_next(&p, w, sizeof(w)))
			return c->kind;
		if ((c->arg = parse_number(w)) <= 0 || parse_next(&p, w, sizeof(w)))
			return parse_bad(c, w);
		return c->kind;
	}
	c->kind = LINE_CMD_NUMBERS;
	do {
		if ((v = parse_number(w)) <= 0 || c->n == LINE_CMD_NUMS)
			return parse_bad(c, w);
		c->nums[c->n++] = v;
	} while (parse_next(&p, w, sizeof(w)));
	return c->kind;
}

size_t
line_words_after(const char *s, const char *end)
{
	const char *p = end;
	size_t n = 0;

	if (s == NULL || end == NULL)
		return 0;
	while (*p != '\0') {
		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		n++;
		while (*p != '\0' && *p != ' ' && *p != '\n' && *p != '\t')
			p++;
	}
	return n;
}

char *
line_prompt_join(char *buf, size_t size, const char *lead,
    const char *const *ent, size_t n, const char *fallback)
{
	size_t i, len = 0;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	if (lead != NULL && lead[0] != '\0')
		len += (size_t)snprintf(buf, size, "%s", lead);
	for (i = 0; i < n && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%s", len > 0 ? ", " : "", ent[i]);
	if (len == 0 && fallback != NULL)
		len = (size_t)snprintf(buf, size, "%s", fallback);
	if (len < size)
		snprintf(buf + len, size - len, ": ");
	return buf;
}

/* Where the first n words of s end, or NULL when s has no more words. */
static const char *
line_words_end(const char *s, int n)
{
	const char *p = s;

	while (*p != '\0') {
		while (*p == ' ' || *p == '\n')
			p++;
		if (*p == '\0')
			return NULL;
		if (n-- == 0)
			return p;
		while (*p != '\0' && *p != ' ' && *p != '\n')
			p++;
	}
	return NULL;
}

/*
 * Where a brief page stops saying s, when s has more than n words: after
 * its first sentence when that ends within n words, else after n words.
 * NULL when s is said whole.
 */
static const char *
parse_brief_cut(const char *s, int n)
{
	const char *p = s;
	int words = 0;

	if (line_words_end(s, n) == NULL)
		return NULL;
	while (*p != '\0') {
		while (*p == ' ' || *p == '\n')
			p++;
		if (*p == '\0')
			return NULL;
		if (words++ == n)
			return p;
		while (*p != '\0' && *p != ' ' && *p != '\n')
			p++;
		if (words >= LINE_BRIEF_SENTENCE && strchr(".?!", p[-1]) != NULL &&
		    (*p == ' ' || *p == '\n'))
			return p;
	}
	return NULL;
}

const char *
line_brief_end(const char *s, int n)
{
	const char *p = parse_brief_cut(s, n);

	/* "… 2 more words." is longer than the two words: said whole. */
	return p != NULL && line_words_after(s, p) <= LINE_BRIEF_REST ? NULL : p;
}

/* The scale value a label starts with ("4 — very much": 4), or -1 when
 * the label is not a scale value. */
long
line_scale_value(const char *label)
{
	char *end;
	long v;

	if (label == NULL || label[0] < '0' || label[0] > '9')
		return -1;
	v = strtol(label, &end, 10);
	return *end == '\0' || *end == ' ' ? v : -1;
}

size_t
line_typable_keys(const char *label, const char *or, char *buf, size_t size)
{
	const char *k, *e;
	size_t n, len = 0;

	if (size == 0)
		return 0;
	buf[0] = '\0';
	for (k = label != NULL ? label : ""; *k != '\0'; k = *e != '\0' ? e + 2 : e) {
		if ((e = strstr(k, ", ")) == NULL)
			e = k + strlen(k);
		n = (size_t)(e - k);
		if (n == 1 && (unsigned char)*k > 0x20 && (unsigned char)*k < 0x7f &&
		    !(*k >= '0' && *k <= '9') && len + strlen(or) + 2 < size)
			len += (size_t)snprintf(buf + len, size - len, "%s%c", len > 0 ? or : "", *k);
		if (*e == '\0')
			break;
	}
	return len;
}

/* The lower-case form of cp for the scripts of the registry's languages
 * (Latin with its accents, Greek, Cyrillic: "Ä" is "ä", "П" is "п",
 * Turkish "İ" is "i"); other code points stay as they are. */
static unsigned int
parse_fold(unsigned int c)
{
	if ((c >= 'A' && c <= 'Z') || (c >= 0xc0 && c <= 0xde && c != 0xd7) ||
	    (c >= 0x391 && c <= 0x3ab && c != 0x3a2) || (c >= 0x410 && c <= 0x42f))
		return c + 0x20;
	if (c == 0x130)
		return 'i';
	if (c == 0x178)
		return 0xff;
	if (c >= 0x400 && c <= 0x40f)
		return c + 0x50;
	if ((c >= 0x100 && c <= 0x137) || (c >= 0x14a && c <= 0x177) ||
	    (c >= 0x460 && c <= 0x481) || (c >= 0x48a && c <= 0x4bf))
		return c | 1;
	if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e))
		return c + (c & 1);
	return c;
}

/* The end of w in s when s starts with w, ignoring case (parse_fold),
 * else NULL. */
static const char *
parse_starts(const char *s, const char *w)
{
	unsigned int a, b;
	int n, m;

	while (*w != '\0') {
		if ((n = text_utf8_decode(s, strnlen(s, 4), &a)) < 0 ||
		    (m = text_utf8_decode(w, strnlen(w, 4), &b)) < 0 || parse_fold(a) != parse_fold(b))
			return NULL;
		s += n;
		w += m;
	}
	return s;
}

/* Whether word w (one or more words) stands in s as whole words,
 * ignoring case ("review" in "Review my vote", "ändern" in "Ändern"). */
int
line_has_words(const char *s, const char *w)
{
	const char *p, *e;

	if (*w == '\0')
		return 0;
	for (p = s; *p != '\0'; p++) {
		if ((p == s || p[-1] == ' ') && (e = parse_starts(p, w)) != NULL &&
		    (*e == '\0' || *e == ' '))
			return 1;
	}
	return 0;
}
