/* execcmd.c — turns an exec request into a checked argv, never via a shell. */
#include <stdlib.h>
#include <string.h>

#include "common/msglang.h"
#include "common/text.h"
#include "server/ssh/execcmd.h"

/* Options that take a value; the empty list ends with NULL. */
static const char *const execcmd_opts_none[] = { NULL };
static const char *const execcmd_opts_projects[] = { "--status", "--category", NULL };
static const char *const execcmd_opts_ideas[] = { "--sort", NULL };

struct execcmd_spec {
	const char		*name;
	int			 min_args;
	int			 max_args;
	const char *const	*value_opts;
};

/* Read-only commands only: anything that changes data needs the login
 * that happens inside the interactive client. */
static const struct execcmd_spec execcmd_specs[] = {
	{ "projects",	0, 0, execcmd_opts_projects },
	{ "project",	1, 1, execcmd_opts_none },
	{ "ideas",	1, 1, execcmd_opts_ideas },
	{ "idea",	1, 1, execcmd_opts_none },
	{ "comments",	1, 1, execcmd_opts_none },
	{ "poll",	1, 1, execcmd_opts_none },
	{ "results",	1, 1, execcmd_opts_none },
	{ "help",	0, 1, execcmd_opts_none },
};

const char *
execcmd_list(void)
{
	return "projects, project ID, ideas PROJECT, idea ID, comments IDEA, "
	    "poll ID, results POLL, help";
}

const char *
execcmd_str(int code)
{
	switch (code) {
	case EXECCMD_OK:	return "ok";
	case EXECCMD_EMPTY:	return N_("no command given");
	case EXECCMD_SYNTAX:	return N_("unsupported character or unterminated quote");
	case EXECCMD_TOO_LONG:	return N_("command line too long");
	case EXECCMD_UNKNOWN:	return N_("command not available over ssh");
	case EXECCMD_OPTION:	return N_("option not available for this command");
	case EXECCMD_ARGS:	return N_("wrong number of arguments");
	default:		return N_("invalid command");
	}
}

void
execcmd_free(char **words)
{
	size_t i;

	if (words == NULL)
		return;
	for (i = 0; words[i] != NULL; i++)
		free(words[i]);
	free(words);
}

/* Characters a shell would give meaning to are refused even though no
 * shell runs: a command that needs them is not one of ours. */
static int
execcmd_char_ok(unsigned char c)
{
	if (c >= 0x80)
		return 1;	/* checked as UTF-8 per word */
	if (c < 0x21 || c == 0x7f)
		return 0;
	return strchr("!\"#$&'()*;<>?[\\]`{|}~^", c) == NULL;
}

/* Splits line into at most EXECCMD_MAX_WORDS words. */
static int
execcmd_split(const char *line, char ***out)
{
	char **words = NULL, word[EXECCMD_MAX_WORD + 1];
	size_t nwords = 0, wlen;
	const char *p = line;
	char quote;
	int rc = EXECCMD_SYNTAX, inword;

	*out = NULL;
	if (strlen(line) > EXECCMD_MAX_LINE)
		return EXECCMD_TOO_LONG;
	if ((words = calloc(EXECCMD_MAX_WORDS + 1, sizeof(*words))) == NULL)
		return EXECCMD_TOO_LONG;
	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			break;
		wlen = 0;
		quote = 0;
		inword = 1;
		while (inword && *p != '\0') {
			unsigned char c = (unsigned char)*p;

			if (quote == 0 && (c == ' ' || c == '\t')) {
				inword = 0;
				break;
			}
			if (quote == 0 && (c == '\'' || c == '"')) {
				quote = (char)c;
				p++;
				continue;
			}
			if (quote != 0 && c == (unsigned char)quote) {
				quote = 0;
				p++;
				continue;
			}
			/* Inside quotes a blank is part of the word. */
			if (!(quote != 0 && c == ' ') && !execcmd_char_ok(c))
				goto out;
			if (wlen >= EXECCMD_MAX_WORD) {
				rc = EXECCMD_TOO_LONG;
				goto out;
			}
			word[wlen++] = (char)c;
			p++;
		}
		if (quote != 0)
			goto out;
		word[wlen] = '\0';
		if (text_check(word, wlen, 0) != TEXT_OK)
			goto out;
		if (nwords >= EXECCMD_MAX_WORDS) {
			rc = EXECCMD_TOO_LONG;
			goto out;
		}
		if ((words[nwords] = strdup(word)) == NULL) {
			rc = EXECCMD_TOO_LONG;
			goto out;
		}
		nwords++;
	}
	if (nwords == 0) {
		rc = EXECCMD_EMPTY;
		goto out;
	}
	*out = words;
	words = NULL;
	rc = EXECCMD_OK;
out:
	execcmd_free(words);
	return rc;
}

static int
execcmd_has(const char *const *list, const char *name, size_t len)
{
	size_t i;

	for (i = 0; list[i] != NULL; i++)
		if (strlen(list[i]) == len && strncmp(list[i], name, len) == 0)
			return 1;
	return 0;
}

/* Checks words[1..] against the options and argument count of spec. */
static int
execcmd_check(const struct execcmd_spec *spec, char **words)
{
	int nargs = 0, i;

	for (i = 1; words[i] != NULL; i++) {
		const char *w = words[i], *eq;

		if (w[0] != '-') {
			nargs++;
			continue;
		}
		if (strcmp(w, "--json") == 0 || strcmp(w, "--help") == 0)
			continue;
		eq = strchr(w, '=');
		if (eq != NULL) {
			if (!execcmd_has(spec->value_opts, w, (size_t)(eq - w)) ||
			    eq[1] == '\0' || eq[1] == '-')
				return EXECCMD_OPTION;
			continue;
		}
		if (!execcmd_has(spec->value_opts, w, strlen(w)))
			return EXECCMD_OPTION;
		/* The value must be there and must not look like an option. */
		if (words[i + 1] == NULL || words[i + 1][0] == '-')
			return EXECCMD_OPTION;
		i++;
	}
	if (nargs < spec->min_args || nargs > spec->max_args)
		return EXECCMD_ARGS;
	return EXECCMD_OK;
}

int
execcmd_parse(const char *line, char ***out)
{
	char **words = NULL;
	size_t i;
	int rc;

	*out = NULL;
	if (line == NULL)
		return EXECCMD_EMPTY;
	if ((rc = execcmd_split(line, &words)) != EXECCMD_OK)
		return rc;
	rc = EXECCMD_UNKNOWN;
	for (i = 0; i < sizeof(execcmd_specs) / sizeof(execcmd_specs[0]); i++) {
		if (strcmp(words[0], execcmd_specs[i].name) == 0) {
			rc = execcmd_check(&execcmd_specs[i], words);
			break;
		}
	}
	if (rc != EXECCMD_OK) {
		execcmd_free(words);
		return rc;
	}
	*out = words;
	return EXECCMD_OK;
}
