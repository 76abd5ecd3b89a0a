/* cmd_keys.c — mitwirkung keys list|add|remove: the SSH keys that log the account in over ssh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/cmd/cmd_int.h"
#include "client/i18n.h"

/* A public key file is one short line; anything far longer is not one. */
#define KEYS_LINE_MAX	16384

static int
keys_need_login(struct cmd_ctx *c)
{
	if (api_token(c->api) != NULL)
		return 0;
	fprintf(stderr, "mitwirkung: %s\n", _("You are not logged in."));
	fprintf(stderr, "%s\n", _("Log in with: mitwirkung login"));
	return -1;
}

static int
keys_list(struct cmd_ctx *c)
{
	struct api_sshkey_list *l = NULL;
	char day[64];
	size_t i;

	if (api_keys_list(c->api, &l) < 0)
		return cmd_api_fail(c);
	if (!cmd_print_json(c)) {
		if (l->n == 0)
			printf("%s\n", _("You have no SSH keys yet. Add one with: mitwirkung keys add ~/.ssh/id_ed25519.pub"));
		for (i = 0; i < l->n; i++) {
			const struct api_sshkey *k = &l->items[i];

			/* L10N: keys list: number, type, fingerprint, label, date added. */
			printf(_("%lld  %s  %s  %s (added %s)\n"), k->id,
			    k->type != NULL ? k->type : "", k->fingerprint,
			    k->label != NULL ? k->label : "",
			    cmd_date(k->created_at, day, sizeof(day)));
		}
	}
	api_sshkey_list_free(l);
	return CLIENT_EXIT_OK;
}

/* The first line of text that is not empty and not a comment; NULL if none. */
static const char *
keys_first_line(char *text)
{
	char *line = text, *nl;

	while (line != NULL && *line != '\0') {
		nl = strchr(line, '\n');
		if (nl != NULL)
			*nl = '\0';
		line[strcspn(line, "\r")] = '\0';
		if (line[strspn(line, " \t")] != '\0' && line[strspn(line, " \t")] != '#')
			return line;
		line = nl != NULL ? nl + 1 : NULL;
	}
	return NULL;
}

static int
keys_add(struct cmd_ctx *c, const char *file, const char *label)
{
	struct api_sshkey *k = NULL;
	const char *line;
	char *text = NULL;
	FILE *f;
	size_t n;
	int r;

	if (file != NULL && strcmp(file, "-") != 0) {
		if ((f = fopen(file, "r")) == NULL) {
			fprintf(stderr, "mitwirkung: %s\n", _("The key file cannot be read."));
			return CLIENT_EXIT_USAGE;
		}
		if ((text = calloc(1, KEYS_LINE_MAX + 1)) != NULL) {
			n = fread(text, 1, KEYS_LINE_MAX, f);
			text[n] = '\0';
		}
		fclose(f);
	} else {
		text = cmd_read_stdin(KEYS_LINE_MAX);
	}
	if (text == NULL || (line = keys_first_line(text)) == NULL) {
		free(text);
		return cmd_usage_error("%s", _("keys add needs one OpenSSH public key line (from a .pub file or standard input)"));
	}
	r = api_keys_add(c->api, line, label, &k);
	free(text);
	if (r < 0)
		return cmd_api_fail(c);
	if (!cmd_print_json(c))
		/* L10N: after keys add: the fingerprint of the key. */
		printf(_("Key %s is added. Connecting over ssh with it logs you in without a password.\n"),
		    k->fingerprint);
	api_sshkey_free(k);
	return CLIENT_EXIT_OK;
}

/* By number, or by the fingerprint that keys list shows. */
static int
keys_remove(struct cmd_ctx *c, const char *arg)
{
	struct api_sshkey_list *l = NULL;
	long long id = 0;
	size_t i;

	if (arg == NULL)
		return cmd_usage_error("%s", _("keys remove needs the key's number or fingerprint (see: mitwirkung keys list)"));
	if (strncmp(arg, "SHA256:", 7) == 0) {
		if (api_keys_list(c->api, &l) < 0)
			return cmd_api_fail(c);
		for (i = 0; i < l->n; i++)
			if (strcmp(l->items[i].fingerprint, arg) == 0)
				id = l->items[i].id;
		api_sshkey_list_free(l);
		if (id == 0) {
			fprintf(stderr, "mitwirkung: %s\n", _("You have no key with this fingerprint."));
			return CLIENT_EXIT_REFUSED;
		}
	} else if ((id = cmd_id(arg, _("key"))) < 0) {
		return CLIENT_EXIT_USAGE;
	}
	if (api_keys_remove(c->api, id) < 0)
		return cmd_api_fail(c);
	printf("%s\n", _("The key is removed. It no longer logs you in."));
	return CLIENT_EXIT_OK;
}

int
cmd_keys(struct cmd_ctx *c, struct cmd_args *a)
{
	const char *sub = a->pos[0];

	if (strcmp(sub, "list") != 0 && strcmp(sub, "add") != 0 &&
	    strcmp(sub, "remove") != 0)
		return cmd_usage_error("%s", _("keys needs list, add or remove"));
	if (keys_need_login(c) < 0)
		return CLIENT_EXIT_LOGIN;
	if (strcmp(sub, "list") == 0)
		return a->npos > 1 ? cmd_usage_error("%s", _("keys list takes no more arguments")) : keys_list(c);
	if (strcmp(sub, "add") == 0)
		return keys_add(c, a->npos > 1 ? a->pos[1] : NULL, a->val[0]);
	return keys_remove(c, a->npos > 1 ? a->pos[1] : NULL);
}
