/* api_mem.c — allocators for libcurl and cJSON that wipe every block they free: request buffers carry passwords. */
#include <malloc.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>

#include "client/api/api_int.h"

static void
api_mem_free(void *p)
{
	if (p == NULL)
		return;
	explicit_bzero(p, malloc_usable_size(p));
	free(p);
}

/* Never realloc() in place of the old block: it could move the data and
 * leave the old copy unwiped. */
static void *
api_mem_realloc(void *p, size_t n)
{
	size_t old;
	void *q;

	if (p == NULL)
		return malloc(n);
	if (n == 0) {
		api_mem_free(p);
		return NULL;
	}
	if ((q = malloc(n)) == NULL)
		return NULL;
	old = malloc_usable_size(p);
	memcpy(q, p, old < n ? old : n);
	api_mem_free(p);
	return q;
}

static char *
api_mem_strdup(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = malloc(n);

	if (d != NULL)
		memcpy(d, s, n);
	return d;
}

int
api_mem_init(void)
{
	static int done;
	cJSON_Hooks hooks = { malloc, api_mem_free };

	if (done)
		return 0;
	/* Before any other curl call; cJSON then copies instead of realloc. */
	if (curl_global_init_mem(CURL_GLOBAL_DEFAULT, malloc, api_mem_free, api_mem_realloc,
	    api_mem_strdup, calloc) != CURLE_OK)
		return -1;
	cJSON_InitHooks(&hooks);
	done = 1;
	return 0;
}
