/* main.c — the mitwirkung client: options, then a command, line mode or full screen. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>

#include "client/api/api.h"
#include "client/client.h"
#include "client/i18n.h"
#include "client/opts.h"
#include "client/session.h"
#include "client/term/screen.h"

int
main(int argc, char **argv)
{
	struct client_opts o;
	const char *prog;
	char err[256], *base;
	int r, cmd;

	prog = "mitwirkung";
	/* A typed password and the login token live in this process: no
	 * ptrace, /proc/PID/mem or core file for others of the same uid.
	 * (Not in an AddressSanitizer build: its leak check at exit ptraces
	 * the process from a helper that this would lock out.) */
#ifndef __SANITIZE_ADDRESS__
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
	/* The environment's language first, so usage errors are readable;
	 * --lang switches once it is parsed. */
	i18n_init(NULL);
	r = opts_parse(&o, argc, argv, &cmd, err, sizeof(err));
	/* "mitwirkung projects --api URL": global options after the command. */
	if (r == OPTS_RUN && cmd < argc)
		r = opts_parse_after(&o, &argc, argv, cmd, err, sizeof(err));
	if (r == OPTS_ERROR) {
		fprintf(stderr, "%s: %s\n", prog, err);
		fprintf(stderr, _("Try '%s --help'.\n"), prog);
		return CLIENT_EXIT_USAGE;
	}
	if (o.lang != NULL && i18n_set_lang(o.lang) != 0) {
		fprintf(stderr, _("%s: language '%s' is not available\n"), prog,
		    o.lang);
		return CLIENT_EXIT_USAGE;
	}
	if (r == OPTS_HELP) {
		opts_usage(stdout, prog);
		return CLIENT_EXIT_OK;
	}
	if (r == OPTS_VERSION) {
		printf("mitwirkung %s\n", MW_VERSION);
		return CLIENT_EXIT_OK;
	}
	/* What the SSH gateway handed over for this session alone. */
	session_adopt_env();
	/* Kiosk terminals keep nothing on disk, whatever runs. */
	if (o.kiosk)
		session_set_nodisk(1);
	base = api_resolve_base(o.api_url);
	if (base == NULL) {
		fprintf(stderr, _("%s: out of memory\n"), prog);
		return CLIENT_EXIT_USAGE;
	}
	o.api_url = base;
	if (api_base_insecure(base))
		/* L10N: one line on stderr at start; %s is the API address. */
		fprintf(stderr, _("%s: warning: %s is not https: your password and session cross the network unencrypted.\n"),
		    prog, base);

	if (cmd < argc) {
		if (!cmd_is_command(argv[cmd])) {
			fprintf(stderr, _("%s: unknown command '%s'\n"), prog,
			    argv[cmd]);
			fprintf(stderr, _("Try '%s help'.\n"), prog);
			r = CLIENT_EXIT_USAGE;
		} else {
			r = cmd_main(&o, argc - cmd, argv + cmd);
		}
	} else if (o.ui == CLIENT_UI_LINE ||
	    (o.ui == CLIENT_UI_AUTO && !screen_can_address())) {
		r = line_main(&o);
	} else {
		r = term_main(&o);
	}
	free(base);
	return r;
}
