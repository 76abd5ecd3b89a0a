/* conntrack.h — connection fairness of the API: a server-wide cap on open
 * connections and deadlines for each request's head and body that trickled
 * bytes do not restart. A sweeper thread shuts a connection down when its
 * deadline passes; no HTTP library here, only socket descriptors. */
#ifndef MW_API_CONNTRACK_H
#define MW_API_CONNTRACK_H

#include <stddef.h>
#include <stdint.h>

struct conntrack;
struct conntrack_conn;

/* Called by the sweeper for a connection past its deadline (under the
 * tracker's lock, so the descriptor is still open). */
typedef void conntrack_expire_cb(int fd, void *arg);

/* A tracker for at most max_total connections; expire (NULL: shutdown()
 * of the socket) is called for late ones. Returns NULL when out of
 * memory. Free with conntrack_free(). */
struct conntrack *conntrack_new(unsigned int max_total,
	    conntrack_expire_cb *expire, void *arg);
/* Stops the sweeper (if started) and frees everything; NULL is fine. */
void	conntrack_free(struct conntrack *ct);

/* 1 when one more connection may be opened, 0 at the cap. */
int	conntrack_admit(struct conntrack *ct);

/* Tracks connection fd with a deadline deadline_ms (CLOCK_MONOTONIC
 * milliseconds; 0: none). Returns the tracker's record (owned by ct until
 * conntrack_remove()), or NULL when out of memory (then untracked). */
struct conntrack_conn *conntrack_add(struct conntrack *ct, int fd,
	    uint64_t deadline_ms);
/* Forgets c; call before its descriptor is closed. NULL is fine. */
void	conntrack_remove(struct conntrack *ct, struct conntrack_conn *c);
/* Sets a new deadline (0: none). NULL c is fine. */
void	conntrack_deadline(struct conntrack *ct, struct conntrack_conn *c,
	    uint64_t deadline_ms);

/* Calls expire for every connection whose deadline is before now_ms, once
 * each (its deadline is cleared). Returns how many. */
size_t	conntrack_sweep(struct conntrack *ct, uint64_t now_ms);
/* Open connections tracked now. */
size_t	conntrack_count(struct conntrack *ct);

/* Starts a thread that sweeps every interval_ms. Returns 0 or -1. */
int	conntrack_start(struct conntrack *ct, unsigned int interval_ms);

/* CLOCK_MONOTONIC in milliseconds. */
uint64_t conntrack_now_ms(void);

#endif
