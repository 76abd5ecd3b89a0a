/* cmd_account.c — one-shot commands for the account: login, logout, whoami, register, confirm. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "client/cmd/cmd_int.h"
#include "client/i18n.h"
#include "client/session.h"
#include "client/ui/ui.h"

static void
cmd_secret_free(char *s)
{
	if (s == NULL)
		return;
	explicit_bzero(s, strlen(s));
	free(s);
}

/* Asks for a value that was not given on the command line. */
static char *
cmd_ask_value(const char *given, const char *prompt)
{
	char *v;

	if (given != NULL)
		return strdup(given);
	v = cmd_read_line(prompt, 0);
	if (v != NULL && v[0] == '\0') {
		free(v);
		v = NULL;
	}
	return v;
}

int
cmd_login(struct cmd_ctx *c, struct cmd_args *a)
{
	struct api_login *l = NULL;
	char *name, *pw = NULL;
	int r = CLIENT_EXIT_OK;

	name = cmd_ask_value(a->npos > 0 ? a->pos[0] : NULL,
	    _("User name or e-mail: "));
	if (name == NULL)
		return cmd_usage_error(_("login needs a user name"));
	pw = cmd_read_line(_("Password: "), 1);
	if (pw == NULL) {
		free(name);
		return cmd_usage_error(_("no password given"));
	}
	/* A stale token must not be sent with the login. */
	api_set_token(c->api, NULL);
	if (api_login(c->api, name, pw, &l) < 0) {
		r = cmd_api_fail(c);
		/* A wrong password is refused (2), not "log in first" (3). */
		if (strcmp(api_error(c->api)->code, "invalid_credentials") == 0)
			r = CLIENT_EXIT_REFUSED;
		goto out;
	}
	cmd_session_store(l->token);
	if (cmd_print_json(c))
		goto out;
	/* L10N: after login: user name, role. */
	printf(_("Logged in as %s (%s).\n"),
	    l->user->username ? l->user->username : "",
	    ui_role_word(l->user->role));
out:
	cmd_secret_free(pw);
	free(name);
	api_login_free(l);
	return r;
}

int
cmd_logout(struct cmd_ctx *c, struct cmd_args *a)
{
	const struct api_error *e;
	int r = CLIENT_EXIT_OK;

	(void)a;
	if (api_token(c->api) == NULL) {
		session_remove();
		if (!c->json)
			printf("%s\n", _("You were not logged in."));
		else
			printf("{}\n");
		return CLIENT_EXIT_OK;
	}
	/* The local session goes whatever the server says. */
	if (api_logout(c->api) < 0) {
		e = api_error(c->api);
		/* An expired token is as good as logged out. */
		if (e->kind != API_ERR_LOGIN)
			r = cmd_api_fail(c);
	}
	cmd_session_store(NULL);
	if (r == CLIENT_EXIT_OK) {
		if (c->json)
			printf("{}\n");
		else
			printf("%s\n", _("Logged out."));
	}
	return r;
}

int
cmd_whoami(struct cmd_ctx *c, struct cmd_args *a)
{
	struct api_user *u = NULL;

	(void)a;
	if (api_token(c->api) == NULL) {
		fprintf(stderr, "mitwirkung: %s\n", _("You are not logged in."));
		fprintf(stderr, "%s\n", _("Log in with: mitwirkung login"));
		return CLIENT_EXIT_LOGIN;
	}
	if (api_me(c->api, &u) < 0)
		return cmd_api_fail(c);
	if (!cmd_print_json(c)) {
		/* L10N: whoami: user name, display name, role. */
		printf(_("%s (%s), %s\n"), u->username ? u->username : "",
		    u->display_name ? u->display_name : "",
		    ui_role_word(u->role));
		if (u->email != NULL)
			printf(_("E-mail: %s\n"), u->email);
	}
	api_user_free(u);
	return CLIENT_EXIT_OK;
}

int
cmd_register(struct cmd_ctx *c, struct cmd_args *a)
{
	struct api_user *u = NULL;
	char *name = NULL, *email = NULL, *pw = NULL, *pw2 = NULL;
	int r = CLIENT_EXIT_OK;

	name = cmd_ask_value(a->npos > 0 ? a->pos[0] : NULL,
	    _("User name (3-32 of a-z 0-9 . _ -): "));
	if (name == NULL) {
		r = cmd_usage_error(_("register needs a user name"));
		goto out;
	}
	email = cmd_ask_value(a->val[0], _("E-mail address: "));
	if (email == NULL) {
		r = cmd_usage_error(_("register needs an e-mail address (--email)"));
		goto out;
	}
	pw = cmd_read_line(_("Password (at least 8 characters): "), 1);
	if (pw == NULL) {
		r = cmd_usage_error(_("no password given"));
		goto out;
	}
	if (isatty(0)) {
		pw2 = cmd_read_line(_("The same password again: "), 1);
		if (pw2 == NULL || strcmp(pw, pw2) != 0) {
			r = cmd_usage_error(_("the passwords differ"));
			goto out;
		}
	}
	if (api_register(c->api, name, email, pw, a->val[1], &u) < 0) {
		r = cmd_api_fail(c);
		goto out;
	}
	if (!cmd_print_json(c)) {
		/* L10N: after registration: user name, e-mail address. The
		 * server answers alike when the name or address is taken (so
		 * nobody learns who has an account); only the mail tells. */
		printf(_("Account %s is registered. A mail went to %s: with a token, or saying that the name or address is taken.\n"),
		    u->username ? u->username : "", email);
		/* L10N: %s is the user name; CODE stays as it is (the
		 * user types the 8 digits of the mail in its place). */
		printf(_("Confirm it with: mitwirkung confirm %s CODE\n"),
		    u->username ? u->username : name);
	}
out:
	cmd_secret_free(pw);
	cmd_secret_free(pw2);
	free(name);
	free(email);
	api_user_free(u);
	return r;
}

/* confirm TOKEN, or confirm NAME CODE where the code may come as typed
 * from the mail in two groups ("1234 5678": two arguments). */
int
cmd_confirm(struct cmd_ctx *c, struct cmd_args *a)
{
	struct api_user *u = NULL;
	char code[32];
	int rc;

	if (a->npos == 1)
		rc = api_confirm(c->api, a->pos[0], &u);
	else {
		if (snprintf(code, sizeof(code), "%s%s%s", a->pos[1],
		    a->npos > 2 ? " " : "", a->npos > 2 ? a->pos[2] : "") >=
		    (int)sizeof(code))
			return cmd_usage_error(_("the code of the mail has 8 digits"));
		rc = api_confirm_code(c->api, a->pos[0], code, &u);
	}
	if (rc < 0)
		return cmd_api_fail(c);
	if (!cmd_print_json(c))
		printf(_("Account %s is confirmed. Log in with: mitwirkung login %s\n"),
		    u->username ? u->username : "", u->username ? u->username : "");
	api_user_free(u);
	return CLIENT_EXIT_OK;
}
