/* client.h — options and entry points shared by the client's modes. */
#ifndef MW_CLIENT_CLIENT_H
#define MW_CLIENT_CLIENT_H

/* Exit statuses of the client and its one-shot commands (see mitwirkung(1)). */
#define CLIENT_EXIT_OK		0
#define CLIENT_EXIT_USAGE	1
#define CLIENT_EXIT_REFUSED	2	/* the API refused (4xx other than 401) */
#define CLIENT_EXIT_LOGIN	3	/* login needed or session expired */
#define CLIENT_EXIT_NETWORK	4	/* server down, DNS, timeout, TLS, 5xx */

enum client_ui {
	CLIENT_UI_AUTO,		/* full when the terminal can address the cursor */
	CLIENT_UI_FULL,
	CLIENT_UI_LINE
};

struct client_opts {
	const char	*api_url;	/* --api, MITWIRKUNG_API, config file, default */
	const char	*lang;		/* --lang: "de", "en", or NULL for the environment */
	const char	*keymap;	/* --keymap NAME|PATH, NULL for "default" */
	enum client_ui	 ui;		/* --ui full|line */
	int		 kiosk;		/* --kiosk */
	int		 idle_reset;	/* --idle-reset SECONDS (kiosk), default 300 */
	int		 time_scale;	/* --test-time-scale N: kiosk timers run N
					   times faster; tests only, default 1 */
	int		 json;		/* --json (one-shot commands) */
	int		 no_color;	/* NO_COLOR set and non-empty, or --no-color */
};

/* Returns 1 when name is a one-shot command ("projects", "vote", ...). */
int	cmd_is_command(const char *name);

/* Runs one one-shot command; argv[0] is the command name. Prints plain
 * sanitized text (or JSON with opts->json) on stdout, errors on stderr.
 * Returns a CLIENT_EXIT_* status. Implemented in client/cmd/. */
int	cmd_main(const struct client_opts *opts, int argc, char **argv);

/* Runs the line-mode UI on stdin/stdout until the end of input or quit;
 * returns a CLIENT_EXIT_* status. Implemented in client/line/. */
int	line_main(const struct client_opts *opts);

/* Runs the full-screen UI; returns a CLIENT_EXIT_* status. client/term/. */
int	term_main(const struct client_opts *opts);

#endif
