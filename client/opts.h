/* opts.h — command-line options of the mitwirkung client. */
#ifndef MW_CLIENT_OPTS_H
#define MW_CLIENT_OPTS_H

#include <stddef.h>
#include <stdio.h>

#include "client/client.h"

/* What opts_parse() found the user asking for. */
#define OPTS_RUN	 0	/* run the UI, or the command at argv[*cmd] */
#define OPTS_HELP	 1	/* --help */
#define OPTS_VERSION	 2	/* --version */
#define OPTS_ERROR	-1	/* a usage error; err holds an English message */

#define OPTS_IDLE_DEFAULT	300	/* seconds before a kiosk session resets */
#define OPTS_IDLE_MIN		35	/* the warning comes 30 s before the reset */
#define OPTS_TIME_SCALE_MAX	1000	/* --test-time-scale: at most this much faster */

/*
 * Parses argv (options end at the first word that is not an option, or
 * after "--") into o, which it first sets to the defaults. The strings in
 * o point into argv. *cmd is set to the index of the command word, or argc
 * when there is none. NO_COLOR (set and non-empty) turns colour off like
 * --no-color. Returns one of the OPTS_* codes; on OPTS_ERROR a message
 * naming the option is written to err (errsz bytes).
 */
int	opts_parse(struct client_opts *o, int argc, char **argv, int *cmd,
	    char *err, size_t errsz);
/*
 * The global options (--api, --lang, --ui, ...) also after the command at
 * argv[cmd]: applies them and takes them out of argv (*argc shrinks;
 * argv[*argc] stays NULL). --json and --help stay for the command. Stops
 * at "--". Returns OPTS_RUN or OPTS_ERROR (message in err).
 */
int	opts_parse_after(struct client_opts *o, int *argc, char **argv, int cmd,
	    char *err, size_t errsz);

/* Prints the localized usage text to f. */
void	opts_usage(FILE *f, const char *prog);

#endif
