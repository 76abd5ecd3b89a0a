/* i18n.c — locale set-up and run-time language switching for gettext. */
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "client/i18n.h"
#include "common/lang.h"

#ifndef MW_LOCALEDIR_BUILD
#define MW_LOCALEDIR_BUILD	"build/locale"
#endif
#ifndef MW_PREFIX
#define MW_PREFIX		"/usr/local"
#endif

#define I18N_DOMAIN	"mitwirkung"

/* glibc's catalogue generation counter: bumping it makes gettext look up
 * its translations again after LANGUAGE changed. */
extern int _nl_msg_cat_cntr;

/* The language in use; English until i18n_init() says otherwise. */
static const struct lang *i18n_cur;

/* The language the environment asks for, in gettext's order of
 * precedence; English when it names none we have. */
static const struct lang *
i18n_env_lang(void)
{
	static const char *const vars[] = { "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG" };
	const struct lang *m;
	const char *v;
	size_t i;

	for (i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		v = getenv(vars[i]);
		if (v == NULL || *v == '\0')
			continue;
		if (i == 0) {
			/* LANGUAGE is a list "de:en"; the first we have wins. */
			for (; v != NULL; v = strchr(v, ':') ? strchr(v, ':') + 1 : NULL) {
				if ((m = lang_find(v)) != NULL)
					return m;
			}
			continue;
		}
		return (m = lang_find(v)) != NULL ? m : lang_find("en");
	}
	return lang_find("en");
}

/* "locale" beside the program itself, when there is one: the copy that
 * mitwirkung-sshd installs for its sessions carries its catalogues there
 * (the build tree may be out of a session's reach). 0 or -1. */
static int
i18n_exe_localedir(char *buf, size_t sz)
{
	struct stat st;
	char *slash;
	ssize_t n;

	if (sz < 8 || (n = readlink("/proc/self/exe", buf, sz - 8)) <= 0)
		return -1;
	buf[n] = '\0';
	if ((slash = strrchr(buf, '/')) == NULL)
		return -1;
	snprintf(slash + 1, sz - (size_t)(slash + 1 - buf), "%s", "locale");
	return stat(buf, &st) == 0 && S_ISDIR(st.st_mode) ? 0 : -1;
}

/* gettext ignores LANGUAGE while LC_MESSAGES is the plain "C" locale, so
 * messages use C.UTF-8 then; that changes nothing else. */
static void
i18n_fix_messages(void)
{
	const char *cur = setlocale(LC_MESSAGES, NULL);

	if (cur == NULL || strcmp(cur, "C") == 0 || strcmp(cur, "POSIX") == 0)
		setlocale(LC_MESSAGES, "C.UTF-8");
}

static int
i18n_is_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs != NULL && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
}

int
i18n_init(const char *lang)
{
	struct stat st;
	const char *dir;
	char exedir[PATH_MAX];
	int ret = 0;

	/* A LANG naming a locale that is not installed makes setlocale
	 * fail; C.UTF-8 still gives UTF-8 output and wide characters. */
	if (setlocale(LC_ALL, "") == NULL)
		setlocale(LC_ALL, "C.UTF-8");
	if (!i18n_is_utf8() && setlocale(LC_CTYPE, "C.UTF-8") == NULL &&
	    setlocale(LC_CTYPE, "en_US.UTF-8") == NULL)
		ret = -1;
	i18n_fix_messages();
	dir = stat(MW_LOCALEDIR_BUILD, &st) == 0 && S_ISDIR(st.st_mode) ?
	    MW_LOCALEDIR_BUILD : i18n_exe_localedir(exedir, sizeof(exedir)) == 0 ?
	    exedir : MW_PREFIX "/share/locale";
	bindtextdomain(I18N_DOMAIN, dir);
	bind_textdomain_codeset(I18N_DOMAIN, "UTF-8");
	textdomain(I18N_DOMAIN);
	if (lang == NULL || i18n_set_lang(lang) < 0)
		i18n_set_lang(i18n_env_lang()->code);
	return ret;
}

int
i18n_set_lang(const char *lang)
{
	const struct lang *m = lang_find(lang);

	if (m == NULL)
		return -1;
	/* LANGUAGE outranks LC_ALL and LANG for gettext; the catalogue for
	 * "en" is the source text. "de@ls" falls back to "de" by itself. */
	if (setenv("LANGUAGE", m->catalog, 1) != 0)
		return -1;
	i18n_cur = m;
	i18n_fix_messages();
	++_nl_msg_cat_cntr;
	return 0;
}

const char *
i18n_lang(void)
{
	return i18n_cur != NULL ? i18n_cur->code : "en";
}

const struct lang *
i18n_current(void)
{
	return i18n_cur != NULL ? i18n_cur : lang_find("en");
}

const char *
i18n_pgettext(const char *ctx_id, const char *msgid)
{
	const char *t = gettext(ctx_id);

	return t == ctx_id ? msgid : t;
}
