/* lang.c — the language registry shared by client, server and gateway. */
#include <stdio.h>
#include <string.h>

#include "common/ascii.h"
#include "common/lang.h"

/* Leichte Sprache (easy-to-read German) has no ISO 639 code: its code is
 * "ls", its catalogue the German one with the modifier "@ls", so gettext
 * falls back to German for a missing message. */
static const struct lang lang_rows[] = {
	{ .code = "de", .name = "Deutsch", .catalog = "de",
	  .posix = "de_DE.UTF-8",
	  .plural_forms = "nplurals=2; plural=(n != 1);",
	  .nplurals = 2, .date = "%d.%m.%Y", .decimal = ',', .thousands = ".",
	  .fallback = "en" },
	{ .code = "en", .name = "English", .catalog = "en",
	  .posix = "en_GB.UTF-8",
	  .plural_forms = "nplurals=2; plural=(n != 1);",
	  .nplurals = 2, .date = "%d/%m/%Y", .decimal = '.', .thousands = ",",
	  .fallback = "de" },
	{ .code = "tr", .name = "Türkçe", .catalog = "tr",
	  .posix = "tr_TR.UTF-8",
	  .plural_forms = "nplurals=2; plural=(n != 1);",
	  .nplurals = 2, .date = "%d.%m.%Y", .decimal = ',', .thousands = ".",
	  .fallback = "de en" },
	{ .code = "uk", .name = "Українська", .catalog = "uk",
	  .posix = "uk_UA.UTF-8",
	  .plural_forms = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
	  .nplurals = 3, .date = "%d.%m.%Y", .decimal = ',',
	  .thousands = "\u202f", .fallback = "de en" },
	{ .code = "ls", .name = "Leichte Sprache", .catalog = "de@ls",
	  .posix = "de_DE.UTF-8",
	  .plural_forms = "nplurals=2; plural=(n != 1);",
	  .nplurals = 2, .date = "%d.%m.%Y", .decimal = ',', .thousands = ".",
	  .fallback = "de en" },
};

#define LANG_N	(sizeof(lang_rows) / sizeof(lang_rows[0]))

size_t
lang_count(void)
{
	return LANG_N;
}

const struct lang *
lang_at(size_t i)
{
	return i < LANG_N ? &lang_rows[i] : NULL;
}

/* Does [s, s + n) equal t, ignoring ASCII case? */
static int
lang_eq(const char *s, size_t n, const char *t)
{
	return strlen(t) == n && ascii_strncasecmp(s, t, n) == 0;
}

const struct lang *
lang_find(const char *s)
{
	const char *at, *end;
	size_t i, nl, nm = 0;

	if (s == NULL || *s == '\0')
		return NULL;
	/* The language: letters up to "_", ".", "@", ":" or "-". */
	nl = strcspn(s, "_.@:-");
	end = s + strcspn(s, ":");
	at = memchr(s, '@', (size_t)(end - s));
	if (at != NULL) {
		at++;
		nm = strcspn(at, ".:");
	}
	for (i = 0; i < LANG_N; i++) {
		const struct lang *l = &lang_rows[i];
		const char *cm = strchr(l->catalog, '@');

		if (at != NULL && nm > 0) {
			/* "de_DE.UTF-8@ls": language and modifier. */
			if (cm != NULL &&
			    (size_t)(cm - l->catalog) == nl &&
			    ascii_strncasecmp(s, l->catalog, nl) == 0 &&
			    lang_eq(at, nm, cm + 1))
				return l;
			continue;
		}
		if (lang_eq(s, nl, l->code))
			return l;
	}
	/* An unknown modifier ("de_DE@euro") still names the language. */
	if (at != NULL && nm > 0)
		for (i = 0; i < LANG_N; i++)
			if (lang_eq(s, nl, lang_rows[i].code) &&
			    strchr(lang_rows[i].catalog, '@') == NULL)
				return &lang_rows[i];
	return NULL;
}

int
lang_plural(const struct lang *l, unsigned long n)
{
	if (l == NULL || l->nplurals < 2)
		return 0;
	if (l->nplurals == 3)	/* East Slavic: uk */
		return n % 10 == 1 && n % 100 != 11 ? 0 :
		    n % 10 >= 2 && n % 10 <= 4 &&
		    (n % 100 < 10 || n % 100 >= 20) ? 1 : 2;
	return n != 1;
}

size_t
lang_codes(char *buf, size_t n, const char *sep)
{
	size_t i, len = 0;
	int k;

	if (n > 0)
		buf[0] = '\0';
	for (i = 0; i < LANG_N; i++) {
		k = snprintf(len < n ? buf + len : NULL, len < n ? n - len : 0,
		    "%s%s", i > 0 ? sep : "", lang_rows[i].code);
		if (k > 0)
			len += (size_t)k;
	}
	return len;
}
