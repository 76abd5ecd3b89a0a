/* conntrack.c — the connection cap and the head/body deadlines of the API. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

#include "server/api/conntrack.h"

struct conntrack_conn {
	int			 fd;
	uint64_t		 deadline;
	struct conntrack_conn	*prev, *next;
};

struct conntrack {
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;
	unsigned int		 max_total;
	size_t			 n;
	struct conntrack_conn	*head;
	conntrack_expire_cb	*expire;
	void			*arg;
	pthread_t		 thread;
	int			 running, stopping;
	unsigned int		 interval_ms;
};

uint64_t
conntrack_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static void
conntrack_shutdown(int fd, void *arg)
{
	(void)arg;
	/* The HTTP library sees the end of the stream and closes it on its
	 * own thread; the descriptor stays valid until then. */
	shutdown(fd, SHUT_RDWR);
}

struct conntrack *
conntrack_new(unsigned int max_total, conntrack_expire_cb *expire, void *arg)
{
	struct conntrack *ct;

	if ((ct = calloc(1, sizeof(*ct))) == NULL)
		return NULL;
	pthread_mutex_init(&ct->lock, NULL);
	pthread_cond_init(&ct->cond, NULL);
	ct->max_total = max_total;
	ct->expire = expire != NULL ? expire : conntrack_shutdown;
	ct->arg = arg;
	return ct;
}

void
conntrack_free(struct conntrack *ct)
{
	struct conntrack_conn *c, *n;

	if (ct == NULL)
		return;
	pthread_mutex_lock(&ct->lock);
	ct->stopping = 1;
	pthread_cond_signal(&ct->cond);
	pthread_mutex_unlock(&ct->lock);
	if (ct->running)
		pthread_join(ct->thread, NULL);
	for (c = ct->head; c != NULL; c = n) {
		n = c->next;
		free(c);
	}
	pthread_cond_destroy(&ct->cond);
	pthread_mutex_destroy(&ct->lock);
	free(ct);
}

int
conntrack_admit(struct conntrack *ct)
{
	int ok;

	if (ct == NULL)
		return 1;
	pthread_mutex_lock(&ct->lock);
	ok = ct->max_total == 0 || ct->n < ct->max_total;
	pthread_mutex_unlock(&ct->lock);
	return ok;
}

struct conntrack_conn *
conntrack_add(struct conntrack *ct, int fd, uint64_t deadline_ms)
{
	struct conntrack_conn *c;

	if (ct == NULL || (c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	c->fd = fd;
	c->deadline = deadline_ms;
	pthread_mutex_lock(&ct->lock);
	c->next = ct->head;
	if (ct->head != NULL)
		ct->head->prev = c;
	ct->head = c;
	ct->n++;
	pthread_mutex_unlock(&ct->lock);
	return c;
}

void
conntrack_remove(struct conntrack *ct, struct conntrack_conn *c)
{
	if (ct == NULL || c == NULL)
		return;
	pthread_mutex_lock(&ct->lock);
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		ct->head = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	ct->n--;
	pthread_mutex_unlock(&ct->lock);
	free(c);
}

void
conntrack_deadline(struct conntrack *ct, struct conntrack_conn *c,
    uint64_t deadline_ms)
{
	if (ct == NULL || c == NULL)
		return;
	pthread_mutex_lock(&ct->lock);
	c->deadline = deadline_ms;
	pthread_mutex_unlock(&ct->lock);
}

size_t
conntrack_sweep(struct conntrack *ct, uint64_t now_ms)
{
	struct conntrack_conn *c;
	size_t n = 0;

	if (ct == NULL)
		return 0;
	pthread_mutex_lock(&ct->lock);
	for (c = ct->head; c != NULL; c = c->next) {
		if (c->deadline != 0 && c->deadline <= now_ms) {
			c->deadline = 0;
			ct->expire(c->fd, ct->arg);
			n++;
		}
	}
	pthread_mutex_unlock(&ct->lock);
	return n;
}

size_t
conntrack_count(struct conntrack *ct)
{
	size_t n;

	if (ct == NULL)
		return 0;
	pthread_mutex_lock(&ct->lock);
	n = ct->n;
	pthread_mutex_unlock(&ct->lock);
	return n;
}

static void *
conntrack_main(void *arg)
{
	struct conntrack *ct = arg;
	struct timespec until;
	uint64_t t;

	pthread_mutex_lock(&ct->lock);
	while (!ct->stopping) {
		clock_gettime(CLOCK_REALTIME, &until);
		t = (uint64_t)until.tv_nsec + (uint64_t)ct->interval_ms * 1000000;
		until.tv_sec += (time_t)(t / 1000000000);
		until.tv_nsec = (long)(t % 1000000000);
		if (pthread_cond_timedwait(&ct->cond, &ct->lock, &until) !=
		    ETIMEDOUT)
			continue;
		pthread_mutex_unlock(&ct->lock);
		conntrack_sweep(ct, conntrack_now_ms());
		pthread_mutex_lock(&ct->lock);
	}
	pthread_mutex_unlock(&ct->lock);
	return NULL;
}

int
conntrack_start(struct conntrack *ct, unsigned int interval_ms)
{
	if (ct == NULL || ct->running)
		return -1;
	ct->interval_ms = interval_ms > 0 ? interval_ms : 250;
	if (pthread_create(&ct->thread, NULL, conntrack_main, ct) != 0)
		return -1;
	ct->running = 1;
	return 0;
}
