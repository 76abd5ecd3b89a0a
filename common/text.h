/* text.h — UTF-8 validation, terminal-safe text, display width and wrapping. */
#ifndef MW_COMMON_TEXT_H
#define MW_COMMON_TEXT_H

#include <stddef.h>

/* Results of text_check(): 0 or a negative code. */
#define TEXT_OK		 0
#define TEXT_BAD_UTF8	-1	/* invalid, overlong or surrogate UTF-8, or NUL */
#define TEXT_CONTROL	-2	/* C0 (but \n where allowed), DEL or C1 */
#define TEXT_BIDI	-3	/* U+202A..U+202E or U+2066..U+2069 */

/* Flags for text_check() and text_sanitize(). */
#define TEXT_MULTILINE	0x01	/* \n is allowed / kept */
#define TEXT_KEEP_TAB	0x02	/* TAB kept (sanitize); otherwise it becomes a space */

/*
 * Checks len bytes of s against the API input rules (api-v1.md "Input
 * rules"): strict UTF-8, no control characters (\n only with
 * TEXT_MULTILINE), no U+007F..U+009F, no bidi overrides. Returns TEXT_OK or
 * one of the negative codes above.
 */
int	text_check(const char *s, size_t len, int flags);

/* Returns a short English name for a text_check() code (for logs). */
const char *text_check_str(int code);

/*
 * Returns a new NUL-terminated copy of len bytes of s that is safe to show
 * on any terminal: invalid UTF-8 becomes U+FFFD (one per broken
 * sequence), C0 controls (but \n with TEXT_MULTILINE, TAB with
 * TEXT_KEEP_TAB; otherwise \n and TAB become a space so words stay apart),
 * NUL, lone CR, DEL, C1, and the bidi controls U+202A..U+202E,
 * U+2066..U+2069, U+200E, U+200F, U+061C are dropped. A CR LF pair becomes
 * \n. ESC, and the C1 introducers U+0090/98/9B/9D/9E/9F, are dropped
 * together with the sequence they start (CSI, OSC with its payload up to
 * BEL or ST, DCS, SOS, PM, APC, charset and two-byte escapes).
 * Invisible characters (text_cp_ignorable(): U+200B, U+200D, U+FEFF, the
 * Hangul fillers U+115F, U+1160, U+3164, U+FFA0, ...) are dropped too, so
 * that they cannot make one text look like another.
 * The caller frees the result. Returns NULL only when out of memory.
 */
char	*text_sanitize(const char *s, size_t len, int flags);

/* Decodes one UTF-8 character at s (at most len bytes); stores the code
 * point in *cp and returns its length, or -1 for an invalid sequence. */
int	text_utf8_decode(const char *s, size_t len, unsigned int *cp);

/* 1 when cp is a Unicode Default_Ignorable_Code_Point (shows as nothing:
 * zero-width space and joiners, BOM, Hangul fillers, variation selectors,
 * tags, bidi marks, soft hyphen), else 0. */
int	text_cp_ignorable(unsigned int cp);

/* Display columns of one code point: 0 (combining), 1 or 2 (wide). */
int	text_cp_width(unsigned int cp);

/* Display columns of a sanitized NUL-terminated UTF-8 string. */
size_t	text_width(const char *s);

/* Number of bytes of s that fit into cols columns without splitting a
 * character or separating a combining mark from its base. */
size_t	text_fit(const char *s, size_t cols);

/* Number of characters (code points) in a UTF-8 string. */
size_t	text_chars(const char *s);

/* A list of wrapped lines; each line is a NUL-terminated string. */
struct text_lines {
	char	**line;
	size_t	  n;
};

/*
 * Wraps sanitized UTF-8 text s to at most width columns per line, breaking
 * at spaces where possible and inside a word only when the word alone is
 * wider than a line. \n starts a new line; a blank line stays blank. On
 * success fills *out (caller frees with text_lines_free()) and returns 0;
 * returns -1 when out of memory.
 */
int	text_wrap(const char *s, size_t width, struct text_lines *out);
void	text_lines_free(struct text_lines *l);

/* How many characters text_fit() and text_wrap() have looked at so far in
 * this process (not thread-safe; a measure of work for tests: wrapping
 * must stay linear in the length of the text, whatever a platform sends). */
size_t	text_work(void);

#endif
