/* api_keys.c — the account's SSH keys: GET/POST /me/keys, DELETE /me/keys/{id}. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/api/api_int.h"
#include "client/i18n.h"

static void
api_sshkey_clear(struct api_sshkey *k)
{
	free(k->fingerprint);
	free(k->type);
	free(k->label);
	free(k->created_at);
	memset(k, 0, sizeof(*k));
}

void
api_sshkey_free(struct api_sshkey *k)
{
	if (k == NULL)
		return;
	api_sshkey_clear(k);
	free(k);
}

void
api_sshkey_list_free(struct api_sshkey_list *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		api_sshkey_clear(&l->items[i]);
	free(l->items);
	free(l);
}

/* Every string sanitized by api_json_str(): labels are typed by people. */
static int
api_sshkey_parse(const cJSON *j, struct api_sshkey *k)
{
	const cJSON *id = cJSON_GetObjectItemCaseSensitive(j, "id");

	memset(k, 0, sizeof(*k));
	if (!cJSON_IsObject(j) || !cJSON_IsNumber(id))
		return -1;
	k->id = api_num_ll(id->valuedouble);
	if (api_json_str(j, "fingerprint", 0, &k->fingerprint) < 0 ||
	    api_json_str(j, "type", 0, &k->type) < 0 ||
	    api_json_str(j, "label", 0, &k->label) < 0 ||
	    api_json_str(j, "created_at", 0, &k->created_at) < 0 ||
	    k->fingerprint == NULL) {
		api_sshkey_clear(k);
		return -1;
	}
	return 0;
}

static int
api_keys_contract(struct api *a, cJSON *j)
{
	cJSON_Delete(j);
	api_fail(a, API_ERR_SERVER,
	    _("The server sent an answer that does not fit the API (v1)."));
	return -1;
}

int
api_keys_list(struct api *a, struct api_sshkey_list **out)
{
	struct api_sshkey_list *l;
	const cJSON *items, *it;
	cJSON *j = NULL;
	size_t n;

	*out = NULL;
	if (api_request(a, "GET", "/me/keys", NULL, NULL, API_WANT_JSON, &j,
	    NULL) < 0)
		return -1;
	items = cJSON_GetObjectItemCaseSensitive(j, "items");
	if (!cJSON_IsArray(items))
		return api_keys_contract(a, j);
	n = (size_t)cJSON_GetArraySize(items);
	if ((l = calloc(1, sizeof(*l))) == NULL ||
	    (n > 0 && (l->items = calloc(n, sizeof(*l->items))) == NULL)) {
		free(l);
		cJSON_Delete(j);
		api_fail(a, API_ERR_LOCAL, _("Out of memory."));
		return -1;
	}
	cJSON_ArrayForEach(it, items) {
		if (l->n == n || api_sshkey_parse(it, &l->items[l->n]) < 0) {
			api_sshkey_list_free(l);
			return api_keys_contract(a, j);
		}
		l->n++;
	}
	cJSON_Delete(j);
	*out = l;
	return 0;
}

int
api_keys_add(struct api *a, const char *public_key, const char *label,
    const char *proof, struct api_sshkey **out)
{
	struct api_sshkey *k = NULL;
	cJSON *b, *j = NULL;
	char *line;
	size_t n;
	int r = -1;

	if (out != NULL)
		*out = NULL;
	if (public_key == NULL || proof == NULL ||
	    (line = strdup(public_key)) == NULL) {
		api_fail(a, API_ERR_LOCAL, _("Invalid argument."));
		return -1;
	}
	n = strlen(line);
	if (n > 0 && line[n - 1] == '\n')
		line[--n] = '\0';
	if (n > 0 && line[n - 1] == '\r')
		line[--n] = '\0';
	if ((b = cJSON_CreateObject()) == NULL ||
	    cJSON_AddStringToObject(b, "public_key", line) == NULL ||
	    (label != NULL && cJSON_AddStringToObject(b, "label", label) == NULL) ||
	    cJSON_AddStringToObject(b, "proof", proof) == NULL) {
		cJSON_Delete(b);
		free(line);
		api_fail(a, API_ERR_LOCAL, _("Out of memory."));
		return -1;
	}
	free(line);
	if (api_request(a, "POST", "/me/keys", NULL, b, API_WANT_JSON, &j,
	    NULL) < 0) {
		/* The API's conflict text speaks of names and e-mails. */
		if (strcmp(api_error(a)->code, "conflict") == 0)
			api_fail(a, API_ERR_REFUSED,
			    _("This key is registered already (for this or another account)."));
		else if (strcmp(api_error(a)->code, "forbidden") == 0)
			api_fail(a, API_ERR_REFUSED, "%s", _("The proof that this connection used the key has expired or was used. Log in over ssh with the key again; the platform then offers to remember it."));
		goto out;
	}
	if ((k = calloc(1, sizeof(*k))) == NULL || api_sshkey_parse(j, k) < 0) {
		free(k);
		k = NULL;
		r = api_keys_contract(a, j);
		j = NULL;
		goto out;
	}
	r = 0;
	if (out != NULL)
		*out = k;
	else
		api_sshkey_free(k);
out:
	cJSON_Delete(j);
	/* The proof is a secret until it is used. */
	if ((j = cJSON_GetObjectItemCaseSensitive(b, "proof")) != NULL &&
	    cJSON_IsString(j))
		explicit_bzero(j->valuestring, strlen(j->valuestring));
	cJSON_Delete(b);
	return r;
}

int
api_keys_remove(struct api *a, long long id)
{
	char path[64];

	snprintf(path, sizeof(path), "/me/keys/%lld", id);
	return api_request(a, "DELETE", path, NULL, NULL, API_WANT_JSON, NULL,
	    NULL);
}
