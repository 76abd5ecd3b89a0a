/* msglang.c — gettext per call in the language of a request or session, through one cached locale object per language and uselocale(). */
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common/lang.h"
#include "common/log.h"
#include "common/msglang.h"

/* MW_LOCALEDIR_BUILD and MW_PREFIX come from the Makefile. */
#define MSGLANG_MAX	32	/* registry rows this module can hold */
#define MSGLANG_DEFAULT	"de"	/* the API's language when none is asked for */

/* The LC_MESSAGES locale of each registry row (by index), or 0 before
 * msglang_init(); lives as long as the process. */
static locale_t	msglang_loc[MSGLANG_MAX];
static int	msglang_own[MSGLANG_MAX];	/* 1: the row's own locale */
static const char *msglang_who[MSGLANG_MAX];	/* else whose stands in */
static int	msglang_ready;
/* The empty msgid: gettext answers it with the catalogue's header. */
static const char msglang_header[] = "";

/* A locale object for LC_MESSAGES of the system locale name, or 0. */
static locale_t
msglang_open(const char *name)
{
	return newlocale(LC_MESSAGES_MASK, name, (locale_t)0);
}

/* The system locale of row l: its posix name plus the catalogue's
 * modifier, so that gettext looks for "de@ls" before "de". */
static locale_t
msglang_open_row(const struct lang *l)
{
	const char *mod = strchr(l->catalog, '@');
	char name[96];

	if (mod == NULL)
		return msglang_open(l->posix);
	if ((size_t)snprintf(name, sizeof(name), "%s%s", l->posix, mod) >= sizeof(name))
		return 0;
	return msglang_open(name);
}

static size_t
msglang_index(const struct lang *l)
{
	size_t i;

	for (i = 0; i < lang_count() && i < MSGLANG_MAX; i++)
		if (lang_at(i) == l)
			return i;
	return 0;
}

/* The stand-in for a row whose system locale is missing: C.UTF-8 for
 * English, else the first language of its fallback order that has one,
 * else C.UTF-8 (English msgids). */
static locale_t
msglang_stand_in(const struct lang *l, const char **who)
{
	const char *p = l->fallback;
	char code[16];
	size_t n;

	*who = "C.UTF-8";
	if (strcmp(l->code, "en") == 0)
		return msglang_open("C.UTF-8");
	while (p != NULL && *p != '\0') {
		const struct lang *f;

		p += strspn(p, " ");
		n = strcspn(p, " ");
		if (n == 0 || n >= sizeof(code))
			break;
		memcpy(code, p, n);
		code[n] = '\0';
		p += n;
		if ((f = lang_find(code)) != NULL && f != l &&
		    msglang_own[msglang_index(f)]) {
			*who = f->code;
			return duplocale(msglang_loc[msglang_index(f)]);
		}
	}
	return msglang_open("C.UTF-8");
}

static const char *
msglang_dir(const char *localedir)
{
	const char *env = getenv("MITWIRKUNG_LOCALEDIR");
	struct stat st;

	if (localedir != NULL)
		return localedir;
	if (env != NULL && *env != '\0')
		return env;
	if (stat(MW_LOCALEDIR_BUILD, &st) == 0 && S_ISDIR(st.st_mode))
		return MW_LOCALEDIR_BUILD;
	return MW_PREFIX "/share/locale";
}

int
msglang_init(const char *localedir)
{
	size_t i, n = lang_count() < MSGLANG_MAX ? lang_count() : MSGLANG_MAX;
	int missing = 0;

	if (msglang_ready)
		return 0;
	unsetenv("LANGUAGE");
	bindtextdomain(MSGLANG_DOMAIN, msglang_dir(localedir));
	bind_textdomain_codeset(MSGLANG_DOMAIN, "UTF-8");
	/* Rows with their own locale first, so that stand-ins can borrow. */
	for (i = 0; i < n; i++) {
		msglang_loc[i] = msglang_open_row(lang_at(i));
		msglang_own[i] = msglang_loc[i] != 0;
	}
	for (i = 0; i < n; i++) {
		if (msglang_own[i])
			continue;
		missing++;
		msglang_loc[i] = msglang_stand_in(lang_at(i), &msglang_who[i]);
	}
	/* Each catalogue is read now, before a sandbox or chroot could
	 * stop it, and stays mapped: "" asks for its header. */
	for (i = 0; i < n; i++) {
		locale_t old = uselocale(msglang_loc[i]);

		(void)dgettext(MSGLANG_DOMAIN, msglang_header);
		uselocale(old);
	}
	msglang_ready = 1;
	return missing;
}

void
msglang_log_fallbacks(void)
{
	size_t i;

	for (i = 0; i < lang_count() && i < MSGLANG_MAX; i++) {
		const char *mod = strchr(lang_at(i)->catalog, '@');

		if (!msglang_ready || msglang_own[i])
			continue;
		log_msg("locale %s%s is not installed: messages in %s fall back "
		    "to %s (scripts/deps.sh generates it as root)",
		    lang_at(i)->posix, mod != NULL ? mod : "", lang_at(i)->code,
		    msglang_who[i]);
	}
}

/* The locale object for code; the default language's for NULL or an
 * unknown code; 0 before msglang_init(). */
static locale_t
msglang_locale(const char *code)
{
	const struct lang *l = code != NULL ? lang_find(code) : NULL;

	if (l == NULL)
		l = lang_find(MSGLANG_DEFAULT);
	return l != NULL ? msglang_loc[msglang_index(l)] : 0;
}

const char *
msglang_get(const char *code, const char *msgid)
{
	locale_t loc = msglang_locale(code), old;
	const char *s;

	if (loc == 0)
		return msgid;
	old = uselocale(loc);
	s = dgettext(MSGLANG_DOMAIN, msgid);
	uselocale(old);
	return s;
}

const char *
msglang_nget(const char *code, const char *msgid, const char *msgid_plural,
    unsigned long n)
{
	locale_t loc = msglang_locale(code), old;
	const char *s;

	if (loc == 0)
		return n == 1 ? msgid : msgid_plural;
	old = uselocale(loc);
	s = dngettext(MSGLANG_DOMAIN, msgid, msgid_plural, n);
	uselocale(old);
	return s;
}

const char *
msglang_code(const char *locale_or_tag)
{
	const struct lang *l = lang_find(locale_or_tag);

	return l != NULL ? l->code : NULL;
}
