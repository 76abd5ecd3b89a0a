/* routes.h — the endpoints of api-v1.md on top of http.h and store.h. */
#ifndef MW_API_ROUTES_H
#define MW_API_ROUTES_H

#include "server/api/http.h"

/* Sets up shared state (rate limiters, response cache). Returns 0 or -1. */
int	routes_init(const struct http_cfg *cfg);
void	routes_fini(void);

/* Answers one complete request: queues a reply or suspends it. */
void	routes_handle(struct req *r);

/* The shared response cache for public GETs (borrowed). */
struct cache *routes_cache(void);

#endif
