/* writer.c — one thread that commits queued ballots and supports in groups, one that checkpoints. */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/log.h"
#include "server/api/http.h"
#include "server/api/store.h"
#include "server/api/writer.h"

/* More ballots per commit do not help once a commit's fsync dominates,
 * and a bound keeps each request's wait short. */
#define WRITER_BATCH_MAX 2048
/* Group gathering (like PostgreSQL's commit_delay). With a fixed number
 * of clients and nothing gathered, the clients split into two groups
 * that take turns, each group half the clients and each paying a whole
 * commit. Waiting after a commit for the clients it answered (they
 * return within d) puts them all into one group, which pays off when a
 * commit takes longer than d, i.e. when fsync is slow — just when the
 * throughput target is at risk. So the wait is at most a quarter of the
 * recent commit time: at most a quarter more latency when nobody returns. */
#define WRITER_GATHER_MAX_US 2000

/* Checkpoints. SQLite would copy the write-ahead log into the database
 * file inside the commit that crosses 1000 frames, fsyncs included:
 * 8-30 ms more for every ballot of that group (measured: ~4% of the
 * groups). Instead a thread of its own checkpoints in the background,
 * on its own connection, each time the log grew by WRITER_CKPT_FRAMES.
 * Under steady load the log never gets fully copied while the writer
 * appends, so it would grow without end: once it holds WRITER_WAL_MAX
 * frames the writer copies the small rest itself, after handing the
 * answers on, and its next transaction starts the log anew. */
#define WRITER_CKPT_FRAMES 1000
#define WRITER_WAL_MAX 8000

static pthread_mutex_t writer_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t writer_cond = PTHREAD_COND_INITIALIZER;
static struct writer_job *writer_head, *writer_tail;
static size_t writer_qlen;	/* jobs queued */
static size_t writer_want;	/* wake the writer at this many */
static long writer_commit_us;	/* recent commit time (moving average) */
static int writer_running, writer_stopping;
static pthread_t writer_thread;
static struct store *writer_store;
static uint64_t writer_ntx, writer_njobs;

/* The checkpointing thread and what the writer knows of the log. */
static pthread_cond_t writer_ckpt_cond = PTHREAD_COND_INITIALIZER;
static int writer_ckpt_want, writer_ckpt_stopping, writer_ckpt_started;
static pthread_t writer_ckpt_thread;
static struct store *writer_ckpt_store;
static int writer_wal_frames, writer_wal_asked, writer_wal_tried;

static void
writer_apply(struct store *s, struct writer_job *j)
{
	switch (j->kind) {
	case WRITER_BALLOT_PUT:
		j->rc = store_ballot_put(s, j->target_id, j->user_id, j->choices,
		    j->n_choices, j->now, &j->out);
		break;
	case WRITER_BALLOT_DELETE:
		j->rc = store_ballot_delete(s, j->target_id, j->user_id, j->now);
		break;
	case WRITER_SUPPORT_SET:
		j->rc = store_support_set(s, j->target_id, j->user_id, j->on,
		    j->now, &j->out);
		break;
	default:
		j->rc = STORE_EINVALID;
	}
}

static void
writer_finish(struct writer_job *list, int fail_rc)
{
	struct writer_job *j, *n;

	for (j = list; j != NULL; j = n) {
		n = j->next;
		if (fail_rc != 0)
			j->rc = fail_rc;
		if (j->done != NULL)
			j->done(j);
	}
}

/* Called after each commit of the writer's connection (on its thread). */
static void
writer_wal_seen(void *arg, int frames)
{
	(void)arg;
	writer_wal_frames = frames;
	if (frames < writer_wal_asked)		/* the log started anew */
		writer_wal_asked = writer_wal_tried = 0;
	if (frames - writer_wal_asked < WRITER_CKPT_FRAMES)
		return;
	writer_wal_asked = frames;
	pthread_mutex_lock(&writer_lock);
	writer_ckpt_want = 1;
	pthread_cond_signal(&writer_ckpt_cond);
	pthread_mutex_unlock(&writer_lock);
}

static long
writer_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* Runs one group: a transaction with a savepoint per job, one commit. */
static void
writer_run_batch(struct writer_job *list, size_t n)
{
	struct writer_job *j;
	unsigned int areas = 0;
	long t0;
	int rc, tries;

	for (tries = 0; (rc = store_tx_begin(writer_store)) == STORE_EBUSY &&
	    tries < 50; tries++)
		usleep(2000);
	if (rc != 0) {
		log_msg("writer: cannot begin: %s", store_last_error(writer_store));
		writer_finish(list, STORE_EIO);
		return;
	}
	for (j = list; j != NULL; j = j->next) {
		writer_apply(writer_store, j);
		if (j->rc == STORE_OK)
			areas |= j->kind == WRITER_SUPPORT_SET ?
			    HTTP_AREA_CONTENT : HTTP_AREA_VOTES;
	}
	t0 = writer_now_us();
	if (store_tx_commit(writer_store) != 0) {
		log_msg("writer: commit failed: %s", store_last_error(writer_store));
		writer_finish(list, STORE_EIO);
		return;
	}
	writer_commit_us += (writer_now_us() - t0 - writer_commit_us) / 8;
	writer_ntx++;
	writer_njobs += n;
	/* Caches must see the new data before any answer goes out. */
	http_data_bump(areas);
	writer_finish(list, 0);
	/* After the answers, so only the next group waits. Retried only
	 * after the log grew again: readers may still hold it. */
	if (writer_wal_frames >= WRITER_WAL_MAX &&
	    writer_wal_frames - writer_wal_tried >= WRITER_CKPT_FRAMES) {
		writer_wal_tried = writer_wal_frames;
		if ((rc = store_checkpoint(writer_store)) != 0 &&
		    rc != STORE_EBUSY)
			log_msg("writer: checkpoint: %s",
			    store_last_error(writer_store));
	}
}

static void *
writer_ckpt_main(void *arg)
{
	int rc;

	(void)arg;
	pthread_mutex_lock(&writer_lock);
	for (;;) {
		while (!writer_ckpt_want && !writer_ckpt_stopping)
			pthread_cond_wait(&writer_ckpt_cond, &writer_lock);
		if (writer_ckpt_stopping)
			break;
		writer_ckpt_want = 0;
		pthread_mutex_unlock(&writer_lock);
		if ((rc = store_checkpoint(writer_ckpt_store)) != 0 &&
		    rc != STORE_EBUSY)
			log_msg("writer: checkpoint: %s",
			    store_last_error(writer_ckpt_store));
		pthread_mutex_lock(&writer_lock);
	}
	pthread_mutex_unlock(&writer_lock);
	return NULL;
}

/* Waits (writer_lock held) until target jobs are queued, at most a
 * quarter of the recent commit time. */
static void
writer_gather(size_t target)
{
	struct timespec until;
	long us = writer_commit_us / 4;

	if (writer_qlen >= target || writer_stopping || us <= 0)
		return;
	if (us > WRITER_GATHER_MAX_US)
		us = WRITER_GATHER_MAX_US;
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_nsec += us * 1000;
	if (until.tv_nsec >= 1000000000) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000;
	}
	writer_want = target;
	while (writer_qlen < target && !writer_stopping &&
	    pthread_cond_timedwait(&writer_cond, &writer_lock, &until) == 0)
		;
	writer_want = 1;
}

static void *
writer_main(void *arg)
{
	struct writer_job *list, *last;
	size_t n, target = 0;

	(void)arg;
	pthread_mutex_lock(&writer_lock);
	for (;;) {
		while (writer_head == NULL && !writer_stopping)
			pthread_cond_wait(&writer_cond, &writer_lock);
		if (writer_head == NULL && writer_stopping)
			break;
		/* A lone client is its own return and never waits. */
		writer_gather(target);
		list = writer_head;
		for (n = 1, last = list; last->next != NULL &&
		    n < WRITER_BATCH_MAX; n++)
			last = last->next;
		writer_head = last->next;
		if (writer_head == NULL)
			writer_tail = NULL;
		writer_qlen -= n;
		last->next = NULL;
		pthread_mutex_unlock(&writer_lock);
		writer_run_batch(list, n);
		pthread_mutex_lock(&writer_lock);
		/* Expected next: those queued meanwhile and those answered. */
		target = writer_qlen + n;
		if (target > WRITER_BATCH_MAX)
			target = WRITER_BATCH_MAX;
	}
	pthread_mutex_unlock(&writer_lock);
	return NULL;
}

/* Stops the checkpointing thread (after the writer), closes both
 * connections. */
static void
writer_helpers_stop(void)
{
	pthread_mutex_lock(&writer_lock);
	writer_ckpt_stopping = 1;
	pthread_cond_signal(&writer_ckpt_cond);
	pthread_mutex_unlock(&writer_lock);
	if (writer_ckpt_started)
		pthread_join(writer_ckpt_thread, NULL);
	writer_ckpt_started = 0;
	store_close(writer_ckpt_store);
	writer_ckpt_store = NULL;
	store_close(writer_store);
	writer_store = NULL;
}

int
writer_start(const char *db_path)
{
	static int cond_done;
	pthread_condattr_t ca;
	char err[256];
	sigset_t all, old;
	int rc;

	if (writer_running)
		return 0;
	/* The gathering wait is timed on the monotonic clock. */
	if (!cond_done) {
		pthread_condattr_init(&ca);
		pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
		pthread_cond_destroy(&writer_cond);
		pthread_cond_init(&writer_cond, &ca);
		pthread_condattr_destroy(&ca);
		cond_done = 1;
	}
	writer_want = 1;
	writer_qlen = 0;
	writer_commit_us = 0;
	if (store_open(db_path, &writer_store, err, sizeof(err)) != 0 ||
	    store_open(db_path, &writer_ckpt_store, err, sizeof(err)) != 0) {
		log_msg("writer: %s", err);
		writer_helpers_stop();
		return -1;
	}
	store_wal_watch(writer_store, writer_wal_seen, NULL);
	writer_wal_frames = writer_wal_asked = writer_wal_tried = 0;
	writer_stopping = writer_ckpt_stopping = 0;
	writer_ckpt_want = 0;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	rc = pthread_create(&writer_ckpt_thread, NULL, writer_ckpt_main, NULL);
	writer_ckpt_started = rc == 0;
	if (rc == 0)
		rc = pthread_create(&writer_thread, NULL, writer_main, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc != 0) {
		writer_helpers_stop();
		return -1;
	}
	writer_running = 1;
	return 0;
}

void
writer_submit(struct writer_job *job)
{
	job->next = NULL;
	pthread_mutex_lock(&writer_lock);
	if (!writer_running || writer_stopping) {
		pthread_mutex_unlock(&writer_lock);
		job->rc = STORE_EIO;
		if (job->done != NULL)
			job->done(job);
		return;
	}
	if (writer_tail != NULL)
		writer_tail->next = job;
	else
		writer_head = job;
	writer_tail = job;
	if (++writer_qlen >= writer_want)
		pthread_cond_signal(&writer_cond);
	pthread_mutex_unlock(&writer_lock);
}

void
writer_stop(void)
{
	pthread_mutex_lock(&writer_lock);
	if (!writer_running) {
		pthread_mutex_unlock(&writer_lock);
		return;
	}
	writer_stopping = 1;
	pthread_cond_signal(&writer_cond);
	pthread_mutex_unlock(&writer_lock);
	pthread_join(writer_thread, NULL);
	/* The writer has answered its last group. */
	writer_helpers_stop();
	pthread_mutex_lock(&writer_lock);
	writer_running = 0;
	pthread_mutex_unlock(&writer_lock);
}

void
writer_stats(uint64_t *transactions, uint64_t *jobs)
{
	pthread_mutex_lock(&writer_lock);
	*transactions = writer_ntx;
	*jobs = writer_njobs;
	pthread_mutex_unlock(&writer_lock);
}
