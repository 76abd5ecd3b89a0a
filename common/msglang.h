/* msglang.h — gettext in a language chosen per call, for the servers: one thread answers in many languages. */
#ifndef MW_COMMON_MSGLANG_H
#define MW_COMMON_MSGLANG_H

#include <stddef.h>

#define MSGLANG_DOMAIN	"mitwirkung"

/* Marks a msgid for xgettext where msglang_get() translates it later. */
#ifndef N_
#define N_(s)		(s)
#endif

/*
 * Loads the catalogues for every language of the registry (common/lang.h)
 * once, before any thread starts. localedir may be NULL: then
 * $MITWIRKUNG_LOCALEDIR, else the build's locale directory when it exists,
 * else PREFIX/share/locale. LANGUAGE is removed from the environment,
 * because glibc lets it outrank every thread's locale.
 *
 * gettext finds a catalogue by the name of the LC_MESSAGES locale, so each
 * language needs its system locale (the registry's posix name, with the
 * catalogue's modifier: "de_DE.UTF-8@ls"). When one is not installed the
 * language falls back: English to C.UTF-8 (the msgids are English), the
 * others along the registry's fallback order to a language with its own
 * locale, else to C.UTF-8. Writes nothing (a server's first line is its
 * address). Returns the number of languages without their own locale.
 */
int	msglang_init(const char *localedir);

/* Logs each language of msglang_init() that had to fall back, once. */
void	msglang_log_fallbacks(void);

/*
 * The translation of msgid in the language code ("de", "tr", "ls"; NULL
 * or an unknown code: German, the default of the API). Thread-safe: the
 * calling thread's locale is switched for the lookup only. The result is
 * msgid itself or a string that lives as long as the process.
 */
const char *msglang_get(const char *code, const char *msgid)
    __attribute__((format_arg(2)));

/* The same for a message with plural forms, chosen for n by the
 * catalogue's rule. */
const char *msglang_nget(const char *code, const char *msgid,
    const char *msgid_plural, unsigned long n)
    __attribute__((format_arg(2))) __attribute__((format_arg(3)));

/*
 * The registry code of the language a locale name ("tr_TR.UTF-8",
 * "de_DE.UTF-8@ls") or language tag ("uk-UA") names, or NULL when it is
 * none of ours. The result is static.
 */
const char *msglang_code(const char *locale_or_tag);

#endif
