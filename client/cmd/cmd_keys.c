/* cmd_keys.c — mitwirkung keys list|add|remove: the SSH keys that log the account in over ssh (add only says how). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/cmd/cmd_int.h"
#include "client/i18n.h"
#include "client/session.h"

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
			printf("%s %s\n", _("You have no SSH keys yet."),
			    session_key_howto());
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

/*
 * A key line given here would be a claim, not a proof: anyone can copy
 * another person's public key. Only a key used in an ssh login (the
 * gateway's proof) is registered, by the offer after logging in.
 */
static int
keys_add(void)
{
	fprintf(stderr, "mitwirkung: %s\n", session_key_howto());
	return CLIENT_EXIT_REFUSED;
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
	/* Says how, logged in or not. */
	if (strcmp(sub, "add") == 0)
		return keys_add();
	if (keys_need_login(c) < 0)
		return CLIENT_EXIT_LOGIN;
	if (strcmp(sub, "list") == 0)
		return a->npos > 1 ? cmd_usage_error("%s", _("keys list takes no more arguments")) : keys_list(c);
	return keys_remove(c, a->npos > 1 ? a->pos[1] : NULL);
}
