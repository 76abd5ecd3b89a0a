/* slowq.c — the background thread for slow work of suspended requests. */
#include <pthread.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "server/api/slowq.h"

static pthread_mutex_t slowq_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t slowq_cond = PTHREAD_COND_INITIALIZER;
static struct slowq_job *slowq_head, *slowq_tail;
static unsigned int slowq_len;
static int slowq_running, slowq_stopping;
static pthread_t slowq_thread;

static void *
slowq_main(void *arg)
{
	struct slowq_job *j;

	(void)arg;
	/* Reading the platform comes first: the hashing yields the CPU to
	 * the HTTP workers (Linux: a thread has its own nice value). */
	(void)setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid), 10);
	pthread_mutex_lock(&slowq_lock);
	for (;;) {
		while (slowq_head == NULL && !slowq_stopping)
			pthread_cond_wait(&slowq_cond, &slowq_lock);
		if ((j = slowq_head) == NULL)
			break;
		slowq_head = j->next;
		if (slowq_head == NULL)
			slowq_tail = NULL;
		slowq_len--;
		pthread_mutex_unlock(&slowq_lock);
		j->next = NULL;
		j->run(j);
		j->done(j);
		pthread_mutex_lock(&slowq_lock);
	}
	pthread_mutex_unlock(&slowq_lock);
	return NULL;
}

int
slowq_start(void)
{
	pthread_mutex_lock(&slowq_lock);
	if (slowq_running) {
		pthread_mutex_unlock(&slowq_lock);
		return 0;
	}
	slowq_stopping = 0;
	if (pthread_create(&slowq_thread, NULL, slowq_main, NULL) != 0) {
		pthread_mutex_unlock(&slowq_lock);
		return -1;
	}
	slowq_running = 1;
	pthread_mutex_unlock(&slowq_lock);
	return 0;
}

int
slowq_submit(struct slowq_job *job)
{
	pthread_mutex_lock(&slowq_lock);
	if (!slowq_running || slowq_stopping || slowq_len >= SLOWQ_MAX) {
		pthread_mutex_unlock(&slowq_lock);
		return -1;
	}
	job->next = NULL;
	if (slowq_tail != NULL)
		slowq_tail->next = job;
	else
		slowq_head = job;
	slowq_tail = job;
	slowq_len++;
	pthread_cond_signal(&slowq_cond);
	pthread_mutex_unlock(&slowq_lock);
	return 0;
}

void
slowq_stop(void)
{
	pthread_mutex_lock(&slowq_lock);
	if (!slowq_running) {
		pthread_mutex_unlock(&slowq_lock);
		return;
	}
	/* The thread empties the queue before it sees the stop. */
	slowq_stopping = 1;
	pthread_cond_signal(&slowq_cond);
	pthread_mutex_unlock(&slowq_lock);
	pthread_join(slowq_thread, NULL);
	pthread_mutex_lock(&slowq_lock);
	slowq_running = 0;
	pthread_mutex_unlock(&slowq_lock);
}

unsigned int
slowq_waiting(void)
{
	unsigned int n;

	pthread_mutex_lock(&slowq_lock);
	n = slowq_len;
	pthread_mutex_unlock(&slowq_lock);
	return n;
}
