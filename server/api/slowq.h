/* slowq.h — one background thread for the slow work of requests (Argon2id
 * hashing of registrations): the request is suspended while its job runs
 * off the HTTP worker threads, at a lower CPU priority and one job at a
 * time, so that a flood of it never slows the reading of the platform. The
 * queue is bounded: beyond it a request is refused, not queued. */
#ifndef MW_API_SLOWQ_H
#define MW_API_SLOWQ_H

/* Jobs waiting at most; more get slowq_submit() == -1. */
#define SLOWQ_MAX	64

struct slowq_job {
	/* Runs on the queue thread. */
	void			(*run)(struct slowq_job *job);
	/* Runs on the queue thread right after run(); resumes the request. */
	void			(*done)(struct slowq_job *job);
	void			*arg;
	struct slowq_job	*next;
};

/* Starts the thread. Returns 0 or -1. */
int	slowq_start(void);

/* Queues job (borrowed until its done() ran). Returns 0, or -1 when the
 * queue is full or not running: then nothing is called. */
int	slowq_submit(struct slowq_job *job);

/* Runs what is queued, stops the thread. Safe to call twice. */
void	slowq_stop(void);

/* Jobs waiting now (for tests and logs). */
unsigned int	slowq_waiting(void);

#endif
