/* cmd.c — one-shot commands: the table, argument parsing, help, and shared helpers. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "client/cmd/cmd_int.h"
#include "client/ui/ui.h"
#include "client/i18n.h"
#include "client/session.h"
#include "common/text.h"

static const char *const opts_projects[] = { "--status", "--category", NULL };
static const char *const opts_ideas[] = { "--sort", NULL };
static const char *const opts_submit[] = { "--title", NULL };
static const char *const opts_comment[] = { "--reply", NULL };
static const char *const opts_survey[] = { "--answers", NULL };
static const char *const opts_register[] = { "--email", "--display-name", NULL };
/* In the order of cmd_tally.c's TO_* indexes. */
static const char *const opts_tally[] = { "--source", "--ballots", "--invalid",
	"--keys", "--reason", "--keying", NULL };
static const char *const opts_none[] = { NULL };
static const char *const opts_keys[] = { "--label", NULL };

static int cmd_help(struct cmd_ctx *, struct cmd_args *);

/* The usage and help strings are translated when printed. */
static const struct cmd_def cmd_table[] = {
	{ "projects", N_("[--status open|upcoming|closed|all] [--category C]"),
	  N_("List the projects (one per line: id, status, category, title)."),
	  opts_projects, 0, 0, cmd_projects },
	{ "project", N_("PROJECT"),
	  N_("Show a project (id or short name) with its description, polls and surveys."),
	  opts_none, 1, 1, cmd_project },
	{ "ideas", N_("PROJECT [--sort top|new]"),
	  N_("List the ideas of a project."), opts_ideas, 1, 1, cmd_ideas },
	{ "idea", N_("IDEA"), N_("Show an idea with its text."),
	  opts_none, 1, 1, cmd_idea },
	{ "comments", N_("IDEA"), N_("Show the comments on an idea, replies indented."),
	  opts_none, 1, 1, cmd_comments },
	{ "poll", N_("POLL"), N_("Show a poll, its options and your ballot."),
	  opts_none, 1, 1, cmd_poll },
	{ "results", N_("POLL"), N_("Show the results of a poll."),
	  opts_none, 1, 1, cmd_results },
	{ "vote", N_("POLL OPTION... [--id]"),
	  N_("Vote: options by their numbers on the poll's page, or by title; for a ranking poll in your order, first choice first. With --id the numbers are the API's option ids."),
	  opts_none, 2, CMD_MAX_POS, cmd_vote },
	{ "unvote", N_("POLL"), N_("Withdraw your ballot while the poll is open."),
	  opts_none, 1, 1, cmd_unvote },
	{ "support", N_("IDEA"), N_("Support an idea."), opts_none, 1, 1, cmd_support },
	{ "unsupport", N_("IDEA"), N_("Stop supporting an idea."),
	  opts_none, 1, 1, cmd_unsupport },
	{ "submit-idea", N_("PROJECT --title TITLE"),
	  N_("Submit an idea; its text is read from standard input."),
	  opts_submit, 1, 1, cmd_submit_idea },
	{ "comment", N_("IDEA [--reply COMMENT]"),
	  N_("Comment on an idea; the text is read from standard input."),
	  opts_comment, 1, 1, cmd_comment },
	{ "survey", N_("SURVEY [--answers FILE]"),
	  N_("Answer a survey: question by question, or from a JSON file."),
	  opts_survey, 1, 1, cmd_survey },
	{ "login", N_("[NAME]"),
	  N_("Log in; the password is read without echo (or from standard input)."),
	  opts_none, 0, 1, cmd_login },
	{ "logout", "", N_("Log out and remove the stored session."),
	  opts_none, 0, 0, cmd_logout },
	{ "whoami", "", N_("Show who is logged in."), opts_none, 0, 0, cmd_whoami },
	{ "keys", N_("list | add | remove KEY"),
	  N_("Your SSH keys for logging in over ssh without a password: list them, remove one by its number or fingerprint. A key is added by logging in over ssh with it: the platform then offers to remember it (add only says so)."),
	  opts_keys, 1, 2, cmd_keys },
	{ "register", N_("[NAME] [--email E] [--display-name D]"),
	  N_("Create an account; a mail with a confirmation token follows."),
	  opts_register, 0, 1, cmd_register },
	{ "confirm", N_("NAME CODE | TOKEN"),
	  N_("Confirm a new account with the 8-digit code from the mail (after the user name or e-mail address), or with the long token of the mail."),
	  opts_none, 1, 3, cmd_confirm },
	{ "tally", N_("list|show|add|key|correct|withdraw POLL [SHEET] [--source S] [--ballots N] [--invalid N] [--keys 1|2] [--keying 1|2] [--reason R] [N=VOTES... | A,B,C=BALLOTS...]"),
	    N_("Paper ballots (staff): list a poll's sheets, show one with both keyings side by side, add a sheet, key it a second time, correct or withdraw it. Options by their numbers on the poll's page; a ranking poll takes each paper ranking as option numbers in order with its ballots."),
	    opts_tally, 2, CMD_MAX_POS, cmd_tally },
	{ "help", N_("[COMMAND]"), N_("Show this help, or the help of one command."),
	  opts_none, 0, 1, cmd_help },
};

#define CMD_COUNT (sizeof(cmd_table) / sizeof(cmd_table[0]))

static const struct cmd_def *
cmd_find(const char *name)
{
	size_t i;

	if (name == NULL)
		return NULL;
	for (i = 0; i < CMD_COUNT; i++)
		if (strcmp(cmd_table[i].name, name) == 0)
			return &cmd_table[i];
	return NULL;
}

int
cmd_is_command(const char *name)
{
	return cmd_find(name) != NULL;
}

static void
cmd_usage_line(FILE *f, const struct cmd_def *d)
{
	fprintf(f, "mitwirkung %s%s%s\n", d->name, d->usage[0] ? " " : "",
	    d->usage[0] ? _(d->usage) : "");
}

static int
cmd_help(struct cmd_ctx *c, struct cmd_args *a)
{
	const struct cmd_def *d;
	size_t i;

	(void)c;
	if (a->npos == 1) {
		if ((d = cmd_find(a->pos[0])) == NULL)
			return cmd_usage_error(_("unknown command '%s'"), a->pos[0]);
		cmd_usage_line(stdout, d);
		printf("  %s\n", _(d->help));
		return CLIENT_EXIT_OK;
	}
	printf("%s\n", _("Usage: mitwirkung [OPTIONS] COMMAND [ARGUMENTS] [--json]"));
	printf("%s\n\n", _("Without a command the interactive client starts."));
	printf("%s\n", _("Commands:"));
	for (i = 0; i < CMD_COUNT; i++) {
		printf("  %s%s%s\n", cmd_table[i].name,
		    cmd_table[i].usage[0] ? " " : "",
		    cmd_table[i].usage[0] ? _(cmd_table[i].usage) : "");
		printf("      %s\n", _(cmd_table[i].help));
	}
	printf("\n%s\n", _("--json prints the answer of the API as JSON instead of text."));
	printf("%s\n", _("Exit status: 0 ok, 1 usage, 2 refused by the API, 3 login needed, 4 network or server error."));
	return CLIENT_EXIT_OK;
}

/* ------------------------------------------------------------ helpers */

int
cmd_usage_error(const char *fmt, ...)
{
	va_list ap;
	char *msg = NULL, *clean = NULL;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	/* The message quotes arguments, which over ssh come from someone
	 * else's keyboard: no escape sequence reaches the terminal. */
	if (msg != NULL)
		clean = text_sanitize(msg, strlen(msg), 0);
	fprintf(stderr, "mitwirkung: %s\n", clean != NULL ? clean : "?");
	free(clean);
	free(msg);
	return CLIENT_EXIT_USAGE;
}

int
cmd_api_fail(struct cmd_ctx *c)
{
	const struct api_error *e = api_error(c->api);

	/* The message is sanitized by the API layer. "Not found." alone
	 * does not say what was looked for: "idea 999: Not found." */
	if (e->kind == API_ERR_NOT_FOUND && c->what != NULL)
		fprintf(stderr, "mitwirkung: %s: %s\n", c->what, e->message);
	else if (e->kind == API_ERR_VALIDATION && e->field[0] != '\0' &&
	    strstr(e->message, e->field) == NULL)
		fprintf(stderr, "mitwirkung: %s (%s)\n", e->message, e->field);
	else
		fprintf(stderr, "mitwirkung: %s\n", e->message);
	if (e->kind == API_ERR_LOGIN && strcmp(e->code, "invalid_credentials") != 0)
		fprintf(stderr, "%s\n", _("Log in with: mitwirkung login"));
	return api_error_exit(e);
}

long long
cmd_id(const char *arg, const char *what)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || v <= 0) {
		/* L10N: first %s is what was expected ("poll", "idea"), second the argument. */
		cmd_usage_error(_("%s must be a number, not '%s'"), what, arg);
		return -1;
	}
	return v;
}

int
cmd_print_json(struct cmd_ctx *c)
{
	const char *j;

	if (!c->json)
		return 0;
	j = api_json(c->api);
	if (j != NULL)
		fputs(j, stdout);
	else
		fputs("{}\n", stdout);
	return 1;
}

void
cmd_print_indented(const char *text, int indent)
{
	const char *p = text, *nl;

	if (text == NULL)
		return;
	for (;;) {
		nl = strchr(p, '\n');
		printf("%*s%.*s\n", indent, "",
		    (int)(nl != NULL ? (size_t)(nl - p) : strlen(p)), p);
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

const char *
cmd_date(const char *t, char *buf, size_t sz)
{
	/* The date as the UI says it, in the language ("31. Dezember 2027"). */
	return ui_date(t, buf, sz);
}

const char *
cmd_end_date(const char *t, char *buf, size_t sz)
{
	return ui_end_date(t, buf, sz);
}

char *
cmd_read_stdin(size_t max)
{
	size_t len = 0, cap = 4096;
	char *buf = malloc(cap), *p;
	size_t n;

	if (buf == NULL)
		return NULL;
	while ((n = fread(buf + len, 1, cap - len - 1, stdin)) > 0) {
		len += n;
		if (len > max) {
			free(buf);
			return NULL;
		}
		if (cap - len - 1 == 0) {
			cap *= 2;
			if ((p = realloc(buf, cap)) == NULL) {
				free(buf);
				return NULL;
			}
			buf = p;
		}
	}
	if (ferror(stdin)) {
		free(buf);
		return NULL;
	}
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
		len--;
	buf[len] = '\0';
	return buf;
}

char *
cmd_read_line(const char *prompt, int noecho)
{
	struct termios old, quiet;
	int tty = isatty(STDIN_FILENO), echo_off = 0;
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;

	/* Echo goes off before the prompt shows, so nothing typed after the
	 * prompt is ever echoed; TCSANOW keeps what was typed ahead. */
	if (noecho && tty && tcgetattr(STDIN_FILENO, &old) == 0) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		quiet.c_lflag |= ECHONL;
		echo_off = tcsetattr(STDIN_FILENO, TCSANOW, &quiet) == 0;
	}
	/* Prompts are for people; a script piping answers does not want them. */
	if (prompt != NULL && tty) {
		fputs(prompt, stderr);
		fflush(stderr);
	}
	n = getline(&line, &cap, stdin);
	if (echo_off)
		tcsetattr(STDIN_FILENO, TCSANOW, &old);
	if (n < 0) {
		if (line != NULL)
			explicit_bzero(line, cap);
		free(line);
		return NULL;
	}
	while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
		line[--n] = '\0';
	return line;
}

void
cmd_session_store(const char *token)
{
	if (token == NULL) {
		if (session_remove() < 0)
			fprintf(stderr, "mitwirkung: %s: %s\n",
			    _("could not remove the stored session"), strerror(errno));
		return;
	}
	if (session_save(token) < 0)
		fprintf(stderr, "mitwirkung: %s: %s\n",
		    _("could not store the session; you are logged in for this command only"),
		    strerror(errno));
}

/* ---------------------------------------------------------- dispatch */

/* Splits argv[1..] into positionals and the options d accepts. */
static int
cmd_parse(const struct cmd_def *d, int argc, char **argv, struct cmd_args *a,
    int *json, int *help)
{
	int i, k, dashdash = 0;

	memset(a, 0, sizeof(*a));
	for (i = 1; i < argc; i++) {
		const char *arg = argv[i];

		if (!dashdash && strcmp(arg, "--") == 0) {
			dashdash = 1;
			continue;
		}
		if (!dashdash && strcmp(arg, "--json") == 0) {
			*json = 1;
			continue;
		}
		if (!dashdash && strcmp(arg, "--id") == 0) {
			a->by_id = 1;
			continue;
		}
		if (!dashdash && (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0)) {
			*help = 1;
			continue;
		}
		if (!dashdash && arg[0] == '-' && arg[1] != '\0') {
			const char *eq = strchr(arg, '=');
			size_t len = eq != NULL ? (size_t)(eq - arg) : strlen(arg);

			for (k = 0; d->opts[k] != NULL; k++)
				if (strlen(d->opts[k]) == len &&
				    strncmp(d->opts[k], arg, len) == 0)
					break;
			if (d->opts[k] == NULL)
				return cmd_usage_error(_("%s: unknown option '%s'"),
				    d->name, arg);
			if (eq != NULL) {
				a->val[k] = eq + 1;
			} else if (i + 1 < argc) {
				a->val[k] = argv[++i];
			} else {
				return cmd_usage_error(_("%s: option '%s' needs a value"),
				    d->name, arg);
			}
			continue;
		}
		if (a->npos >= CMD_MAX_POS)
			return cmd_usage_error(_("%s: too many arguments"), d->name);
		a->pos[a->npos++] = argv[i];
	}
	return 0;
}

int
cmd_main(const struct client_opts *opts, int argc, char **argv)
{
	const struct cmd_def *d;
	struct cmd_args args;
	struct cmd_ctx c;
	char *token, what[128], *what_clean = NULL;
	int help = 0, r, token_was_set;

	if (argc < 1 || (d = cmd_find(argv[0])) == NULL)
		return cmd_usage_error(_("unknown command '%s'"),
		    argc > 0 ? argv[0] : "");
	memset(&c, 0, sizeof(c));
	c.opts = opts;
	c.json = opts != NULL && opts->json;
	if (cmd_parse(d, argc, argv, &args, &c.json, &help) != 0)
		goto usage;
	if (help) {
		cmd_usage_line(stdout, d);
		printf("  %s\n", _(d->help));
		return CLIENT_EXIT_OK;
	}
	if (args.npos < d->min_pos || args.npos > d->max_pos) {
		cmd_usage_error(_("%s: wrong number of arguments"), d->name);
		goto usage;
	}
	if (d->fn == cmd_help)
		return cmd_help(&c, &args);

	c.api = api_new(opts != NULL && opts->api_url != NULL ? opts->api_url :
	    "http://127.0.0.1:8080/api/v1");
	if (c.api == NULL) {
		fprintf(stderr, "mitwirkung: %s\n", _("Out of memory."));
		return CLIENT_EXIT_NETWORK;
	}
	token = session_load();
	token_was_set = token != NULL;
	if (token != NULL) {
		api_set_token(c.api, token);
		explicit_bzero(token, strlen(token));
		free(token);
	}
	/* Sanitized: over ssh the argument comes from someone else's keyboard. */
	if (args.npos > 0 && snprintf(what, sizeof(what), "%s %s", d->name, args.pos[0]) > 0)
		c.what = what_clean = text_sanitize(what, strlen(what), 0);
	r = d->fn(&c, &args);
	free(what_clean);
	c.what = NULL;
	/* The API layer dropped a dead token: the stored session is over. */
	if (token_was_set && api_token(c.api) == NULL && d->fn != cmd_logout &&
	    d->fn != cmd_login) {
		session_remove();
		fprintf(stderr, "mitwirkung: %s\n",
		    _("Your session has expired; log in again to act as yourself."));
	}
	api_free(c.api);
	if (fflush(stdout) != 0 && errno != EPIPE && r == CLIENT_EXIT_OK)
		r = CLIENT_EXIT_NETWORK;
	return r;
usage:
	fprintf(stderr, "%s ", _("Usage:"));
	cmd_usage_line(stderr, d);
	return CLIENT_EXIT_USAGE;
}
