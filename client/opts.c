/* opts.c — parses the client's command line into struct client_opts. */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "client/i18n.h"
#include "client/opts.h"
#include "common/lang.h"

/* Options that take a value; the rest are flags. */
enum opts_id {
	OPT_API, OPT_LANG, OPT_UI, OPT_KEYMAP, OPT_KIOSK, OPT_IDLE, OPT_NO_COLOR,
	OPT_TIME_SCALE, OPT_JSON, OPT_HELP, OPT_VERSION
};

static const struct {
	const char	*name;
	enum opts_id	 id;
	int		 has_arg;
} opts_table[] = {
	{ "api",	OPT_API,	1 },
	{ "lang",	OPT_LANG,	1 },
	{ "ui",		OPT_UI,		1 },
	{ "keymap",	OPT_KEYMAP,	1 },
	{ "kiosk",	OPT_KIOSK,	0 },
	{ "idle-reset",	OPT_IDLE,	1 },
	{ "test-time-scale", OPT_TIME_SCALE, 1 },
	{ "no-color",	OPT_NO_COLOR,	0 },
	{ "no-colour",	OPT_NO_COLOR,	0 },
	{ "json",	OPT_JSON,	0 },
	{ "help",	OPT_HELP,	0 },
	{ "version",	OPT_VERSION,	0 },
};

static int opts_fail(char *err, size_t errsz, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
opts_fail(char *err, size_t errsz, const char *fmt, ...)
{
	va_list ap;

	if (err != NULL && errsz > 0) {
		va_start(ap, fmt);
		vsnprintf(err, errsz, fmt, ap);
		va_end(ap);
	}
	return OPTS_ERROR;
}

/* Applies one option with its value (NULL for flags). */
static int
opts_apply(struct client_opts *o, enum opts_id id, const char *val,
    const char *name, char *err, size_t errsz)
{
	char *end;
	long n;

	switch (id) {
	case OPT_API:
		if (*val == '\0')
			return opts_fail(err, errsz, _("--%s needs a URL"), name);
		o->api_url = val;
		break;
	case OPT_LANG:
		if (lang_find(val) == NULL) {
			char codes[128];

			lang_codes(codes, sizeof(codes), ", ");
			/* L10N: %s lists the language codes: "de, en, tr". */
			return opts_fail(err, errsz,
			    _("--lang must be one of %s, not '%s'"), codes, val);
		}
		o->lang = val;
		break;
	case OPT_UI:
		if (strcmp(val, "full") == 0)
			o->ui = CLIENT_UI_FULL;
		else if (strcmp(val, "line") == 0)
			o->ui = CLIENT_UI_LINE;
		else
			return opts_fail(err, errsz,
			    _("--ui must be full or line, not '%s'"), val);
		break;
	case OPT_KEYMAP:
		if (*val == '\0')
			return opts_fail(err, errsz,
			    _("--%s needs a name or a path"), name);
		o->keymap = val;
		break;
	case OPT_KIOSK:
		o->kiosk = 1;
		break;
	case OPT_IDLE:
		errno = 0;
		n = strtol(val, &end, 10);
		if (errno != 0 || end == val || *end != '\0' ||
		    n < OPTS_IDLE_MIN || n > 86400)
			return opts_fail(err, errsz,
			    _("--idle-reset needs seconds from 35 to 86400, not '%s'"),
			    val);
		o->idle_reset = (int)n;
		break;
	case OPT_TIME_SCALE:
		/* For tests only (not in --help; see mitwirkung(1)): the
		 * kiosk's idle timers run n times faster, the texts stay. */
		errno = 0;
		n = strtol(val, &end, 10);
		if (errno != 0 || end == val || *end != '\0' ||
		    n < 1 || n > OPTS_TIME_SCALE_MAX)
			return opts_fail(err, errsz,
			    _("--test-time-scale needs a number from 1 to 1000, not '%s'"),
			    val);
		o->time_scale = (int)n;
		break;
	case OPT_NO_COLOR:
		o->no_color = 1;
		break;
	case OPT_JSON:
		o->json = 1;
		break;
	case OPT_HELP:
		return OPTS_HELP;
	case OPT_VERSION:
		return OPTS_VERSION;
	}
	return OPTS_RUN;
}

int
opts_parse(struct client_opts *o, int argc, char **argv, int *cmd,
    char *err, size_t errsz)
{
	const char *nc, *arg, *eq, *val;
	size_t len, k;
	int i, r, found;

	memset(o, 0, sizeof(*o));
	o->ui = CLIENT_UI_AUTO;
	o->idle_reset = OPTS_IDLE_DEFAULT;
	o->time_scale = 1;
	nc = getenv("NO_COLOR");
	if (nc != NULL && *nc != '\0')
		o->no_color = 1;
	if (err != NULL && errsz > 0)
		err[0] = '\0';
	*cmd = argc;

	for (i = 1; i < argc; i++) {
		arg = argv[i];
		if (strcmp(arg, "--") == 0) {
			i++;
			break;
		}
		if (strcmp(arg, "-h") == 0)
			return OPTS_HELP;
		if (strcmp(arg, "-V") == 0)
			return OPTS_VERSION;
		if (strncmp(arg, "--", 2) != 0) {
			if (arg[0] == '-' && arg[1] != '\0')
				return opts_fail(err, errsz,
				    _("unknown option '%s'"), arg);
			break;
		}
		arg += 2;
		eq = strchr(arg, '=');
		len = eq != NULL ? (size_t)(eq - arg) : strlen(arg);
		found = 0;
		for (k = 0; k < sizeof(opts_table) / sizeof(opts_table[0]); k++) {
			if (strlen(opts_table[k].name) != len ||
			    strncmp(opts_table[k].name, arg, len) != 0)
				continue;
			found = 1;
			val = NULL;
			if (opts_table[k].has_arg) {
				if (eq != NULL)
					val = eq + 1;
				else if (i + 1 < argc)
					val = argv[++i];
				else
					return opts_fail(err, errsz,
					    _("option '--%s' needs a value"),
					    opts_table[k].name);
			} else if (eq != NULL) {
				return opts_fail(err, errsz,
				    _("option '--%s' takes no value"),
				    opts_table[k].name);
			}
			r = opts_apply(o, opts_table[k].id, val,
			    opts_table[k].name, err, errsz);
			if (r != OPTS_RUN)
				return r;
			break;
		}
		if (!found)
			return opts_fail(err, errsz, _("unknown option '%s'"),
			    argv[i]);
	}
	*cmd = i;
	return OPTS_RUN;
}

int
opts_parse_after(struct client_opts *o, int *argc, char **argv, int cmd,
    char *err, size_t errsz)
{
	const char *arg, *eq, *val;
	size_t len, k;
	int i, r, drop;

	for (i = cmd + 1; i < *argc; ) {
		arg = argv[i];
		if (strcmp(arg, "--") == 0)
			break;
		drop = 0;
		eq = strchr(arg, '=');
		len = eq != NULL ? (size_t)(eq - arg) : strlen(arg);
		for (k = 0; strncmp(arg, "--", 2) == 0 &&
		    k < sizeof(opts_table) / sizeof(opts_table[0]); k++) {
			/* --json, --help and --version mean the command's. */
			if (opts_table[k].id == OPT_JSON || opts_table[k].id == OPT_HELP ||
			    opts_table[k].id == OPT_VERSION ||
			    strlen(opts_table[k].name) != len - 2 ||
			    strncmp(opts_table[k].name, arg + 2, len - 2) != 0)
				continue;
			val = NULL;
			drop = 1;
			if (opts_table[k].has_arg) {
				if (eq != NULL)
					val = eq + 1;
				else if (i + 1 < *argc) {
					val = argv[i + 1];
					drop = 2;
				} else
					return opts_fail(err, errsz,
					    _("option '--%s' needs a value"),
					    opts_table[k].name);
			} else if (eq != NULL)
				return opts_fail(err, errsz,
				    _("option '--%s' takes no value"),
				    opts_table[k].name);
			if ((r = opts_apply(o, opts_table[k].id, val,
			    opts_table[k].name, err, errsz)) != OPTS_RUN)
				return r;
			break;
		}
		if (drop == 0) {
			i++;
			continue;
		}
		memmove(&argv[i], &argv[i + drop], (size_t)(*argc - i - drop + 1) * sizeof(*argv));
		*argc -= drop;
	}
	return OPTS_RUN;
}

void
opts_usage(FILE *f, const char *prog)
{
	char codes[128];

	/* L10N: %s is the program name. Keep the option names as they are. */
	fprintf(f, _("Usage: %s [options] [command [arguments]]\n"), prog);
	fputs(_("Without a command, opens the interactive interface.\n\n"), f);
	lang_codes(codes, sizeof(codes), ", ");
	/* L10N: %s lists the language codes: "de, en, tr, uk, ls". Keep the
	 * option names as they are. */
	fprintf(f, _("Options:\n"
	    "  --api URL            platform API, e.g. https://mitwirkung.example.org/api/v1\n"
	    "  --lang CODE          language: %s\n"
	    "  --ui full|line       full-screen interface or line mode\n"
	    "  --keymap NAME|PATH   key map: default, vi, numpad or a file\n"
	    "  --kiosk              mode for shared public terminals\n"
	    "  --idle-reset SECONDS idle time before a kiosk session resets (300)\n"
	    "  --no-color           no colours (also when NO_COLOR is set)\n"
	    "  --json               commands print JSON\n"
	    "  --help, --version\n\n"), codes);
	fprintf(f, _("Commands: '%s help' lists them.\n"), prog);
}
