/* cmd_int.h — internals of the one-shot commands (client/cmd/). */
#ifndef MW_CLIENT_CMD_INT_H
#define MW_CLIENT_CMD_INT_H

#include <stddef.h>

#include "client/api/api.h"
#include "client/client.h"

#define CMD_MAX_POS	32	/* positional arguments of one command */
#define CMD_MAX_OPT	8	/* options with a value a command accepts */

/* What every command gets. */
struct cmd_ctx {
	struct api			*api;
	const struct client_opts	*opts;
	int				 json;	/* --json given (before or after the command) */
	const char			*what;	/* "idea 999": the command and its first argument */
};

/* The arguments of a command after option parsing. */
struct cmd_args {
	char		*pos[CMD_MAX_POS];
	int		 npos;
	const char	*val[CMD_MAX_OPT];	/* value of the option at the same index */
	int		 by_id;		/* --id: numbers are the API's ids, not the page's */
};

typedef int (*cmd_fn)(struct cmd_ctx *, struct cmd_args *);

struct cmd_def {
	const char	*name;
	const char	*usage;		/* arguments, e.g. "POLL OPTION..." (translated at print) */
	const char	*help;		/* one sentence (translated at print) */
	const char	*const *opts;	/* value options ("--status", ...), NULL-terminated */
	int		 min_pos;
	int		 max_pos;
	cmd_fn		 fn;
};

/* Commands, by file. */
int	cmd_projects(struct cmd_ctx *, struct cmd_args *);
int	cmd_project(struct cmd_ctx *, struct cmd_args *);
int	cmd_ideas(struct cmd_ctx *, struct cmd_args *);
int	cmd_idea(struct cmd_ctx *, struct cmd_args *);
int	cmd_comments(struct cmd_ctx *, struct cmd_args *);
int	cmd_poll(struct cmd_ctx *, struct cmd_args *);
int	cmd_results(struct cmd_ctx *, struct cmd_args *);
int	cmd_vote(struct cmd_ctx *, struct cmd_args *);
int	cmd_unvote(struct cmd_ctx *, struct cmd_args *);
int	cmd_support(struct cmd_ctx *, struct cmd_args *);
int	cmd_unsupport(struct cmd_ctx *, struct cmd_args *);
int	cmd_submit_idea(struct cmd_ctx *, struct cmd_args *);
int	cmd_comment(struct cmd_ctx *, struct cmd_args *);
int	cmd_survey(struct cmd_ctx *, struct cmd_args *);
int	cmd_login(struct cmd_ctx *, struct cmd_args *);
int	cmd_logout(struct cmd_ctx *, struct cmd_args *);
int	cmd_whoami(struct cmd_ctx *, struct cmd_args *);
int	cmd_register(struct cmd_ctx *, struct cmd_args *);
int	cmd_confirm(struct cmd_ctx *, struct cmd_args *);
int	cmd_keys(struct cmd_ctx *, struct cmd_args *);
int	cmd_tally(struct cmd_ctx *, struct cmd_args *);

/* Prints the API's error on stderr and returns its exit status. */
int	cmd_api_fail(struct cmd_ctx *c);

/* Prints "mitwirkung: <message>" on stderr and returns CLIENT_EXIT_USAGE. */
int	cmd_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Parses a positive id; on error prints a usage message and returns -1. */
long long cmd_id(const char *arg, const char *what);

/* With --json prints the API's JSON and returns 1; else returns 0. */
int	cmd_print_json(struct cmd_ctx *c);

/* Prints text, each of its lines indented by indent spaces. */
void	cmd_print_indented(const char *text, int indent);

/* The Kaiserslautern (Europe/Berlin) day of an RFC 3339 time or date in
 * words of the language, as ui_date() says it, into buf, whatever the
 * machine's time zone; "" for NULL, the text itself when it is not a date.
 * cmd_end_date() is for ends (closing times): an end at midnight belongs to
 * the day before. Return buf. */
const char *cmd_date(const char *t, char *buf, size_t sz);
const char *cmd_end_date(const char *t, char *buf, size_t sz);

/* Reads all of stdin (at most max bytes) into a new string, without a
 * trailing newline; NULL on error or when it is too long. */
char	*cmd_read_stdin(size_t max);

/* Reads one line from stdin without its newline; NULL at the end of input.
 * With prompt non-NULL and stdin a terminal the prompt goes to stderr first. noecho turns the
 * terminal echo off while reading (passwords). The caller frees (and wipes
 * secrets). */
char	*cmd_read_line(const char *prompt, int noecho);

/* The session token is saved / removed as login and logout need. */
void	cmd_session_store(const char *token);

#endif
