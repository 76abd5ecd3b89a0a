/* test_api_writer.c — the group-commit writer: every queued ballot is
 * answered once, after its commit, many per transaction, and invalid
 * ballots fail alone without spoiling their group. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "server/api/pwhash.h"
#include "server/api/results.h"
#include "server/api/store.h"
#include "server/api/writer.h"

#define NUSERS	64
#define NTHREADS 4

struct fixture {
	char		 dir[64];
	char		 path[128];
	int64_t		 poll;
	int64_t		 opt[3];
	int64_t		 users[NUSERS];
};

static struct fixture fx;

/* Jobs answered so far; the done callback runs on the writer thread. */
static pthread_mutex_t done_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t done_cond = PTHREAD_COND_INITIALIZER;
static int done_count;

static void
job_done(struct writer_job *j)
{
	pthread_mutex_lock(&done_lock);
	done_count++;
	j->arg = (void *)1;	/* marks "answered" for the test */
	pthread_cond_broadcast(&done_cond);
	pthread_mutex_unlock(&done_lock);
}

static void
wait_done(int n)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += 20;
	pthread_mutex_lock(&done_lock);
	while (done_count < n &&
	    pthread_cond_timedwait(&done_cond, &done_lock, &ts) == 0)
		;
	pthread_mutex_unlock(&done_lock);
}

static int
setup(void **state)
{
	static const struct store_tr de_t = { "de", "Abstimmung" };
	static const struct store_tr de_q = { "de", "Was?" };
	static const struct store_tr de_o[3] = { { "de", "A" }, { "de", "B" },
	    { "de", "C" } };
	struct store_project_new pn;
	struct store_poll_new in;
	struct store_option_new opts[3];
	struct store_user_new un;
	struct store_poll *p = NULL;
	struct store *s = NULL;
	char name[32], mail[64], err[256];
	int64_t now = time(NULL), pid;
	size_t i;

	(void)state;
	if (pwhash_init() != 0)
		return -1;
	snprintf(fx.dir, sizeof(fx.dir), "/tmp/test_api_writer_XXXXXX");
	if (mkdtemp(fx.dir) == NULL)
		return -1;
	snprintf(fx.path, sizeof(fx.path), "%s/db", fx.dir);
	if (store_open(fx.path, &s, err, sizeof(err)) != 0)
		return -1;
	memset(&pn, 0, sizeof(pn));
	pn.slug = "writer-test";
	pn.category = "smart-city";
	pn.title.v = &de_t;
	pn.title.n = 1;
	pn.status = STORE_PHASE_OPEN;
	pn.starts_at = now - 3600;
	pn.ideas_open = 1;
	if (store_project_create(s, &pn, now, 0, &pid) != 0)
		return -1;
	memset(&in, 0, sizeof(in));
	memset(opts, 0, sizeof(opts));
	for (i = 0; i < 3; i++) {
		opts[i].title.v = &de_o[i];
		opts[i].title.n = 1;
	}
	in.title.v = &de_t;
	in.title.n = 1;
	in.question.v = &de_q;
	in.question.n = 1;
	in.kind = STORE_POLL_RANKING;
	in.max_choices = 2;
	in.opens_at = now - 60;
	in.closes_at = now + 3600;
	in.results_visible = 1;
	in.options = opts;
	in.n_options = 3;
	if (store_poll_create(s, pid, &in, now, 0, &fx.poll) != 0 ||
	    store_poll_get(s, fx.poll, "de", 0, now, &p) != 0)
		return -1;
	for (i = 0; i < 3; i++)
		fx.opt[i] = p->options[i].id;
	store_poll_free(p);
	for (i = 0; i < NUSERS; i++) {
		memset(&un, 0, sizeof(un));
		snprintf(name, sizeof(name), "voter%zu", i);
		snprintf(mail, sizeof(mail), "voter%zu@example.org", i);
		un.username = name;
		un.email = mail;
		un.role = STORE_ROLE_CITIZEN;
		un.status = STORE_USER_ACTIVE;
		un.pwhash = "$argon2id$unused";
		if (store_user_create(s, &un, now, &fx.users[i], NULL) != 0)
			return -1;
	}
	store_close(s);
	return writer_start(fx.path);
}

static int
teardown(void **state)
{
	char p[192];

	(void)state;
	writer_stop();
	snprintf(p, sizeof(p), "%s/db", fx.dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/db-wal", fx.dir);
	unlink(p);
	snprintf(p, sizeof(p), "%s/db-shm", fx.dir);
	unlink(p);
	rmdir(fx.dir);
	return 0;
}

struct submitter {
	struct writer_job	*jobs;
	size_t			 from, to;
};

static void *
submit_range(void *arg)
{
	struct submitter *sb = arg;
	size_t i;

	for (i = sb->from; i < sb->to; i++)
		writer_submit(&sb->jobs[i]);
	return NULL;
}

static void
test_writer_ballots_grouped_and_counted(void **state)
{
	struct writer_job jobs[NUSERS + 2];
	struct submitter sb[NTHREADS];
	pthread_t th[NTHREADS];
	int64_t good[2] = { fx.opt[1], fx.opt[0] };
	int64_t dup[2] = { fx.opt[0], fx.opt[0] };
	int64_t foreign[1] = { 999999 };
	struct results *res = NULL;
	struct store *s = NULL;
	uint64_t tx0, jobs0, tx1, jobs1;
	char err[256];
	size_t i, n = NUSERS + 2;

	(void)state;
	writer_stats(&tx0, &jobs0);
	memset(jobs, 0, sizeof(jobs));
	for (i = 0; i < n; i++) {
		jobs[i].kind = WRITER_BALLOT_PUT;
		jobs[i].target_id = fx.poll;
		jobs[i].user_id = fx.users[i % NUSERS];
		jobs[i].now = time(NULL);
		jobs[i].choices = good;
		jobs[i].n_choices = 2;
		jobs[i].done = job_done;
	}
	/* Two bad ballots inside the stream fail alone. */
	jobs[NUSERS].choices = dup;
	jobs[NUSERS + 1].choices = foreign;
	jobs[NUSERS + 1].n_choices = 1;
	done_count = 0;
	for (i = 0; i < NTHREADS; i++) {
		sb[i].jobs = jobs;
		sb[i].from = i * n / NTHREADS;
		sb[i].to = (i + 1) * n / NTHREADS;
		assert_int_equal(pthread_create(&th[i], NULL, submit_range,
		    &sb[i]), 0);
	}
	for (i = 0; i < NTHREADS; i++)
		pthread_join(th[i], NULL);
	wait_done((int)n);
	assert_int_equal(done_count, (int)n);
	for (i = 0; i < NUSERS; i++) {
		assert_non_null(jobs[i].arg);
		assert_int_equal(jobs[i].rc, STORE_OK);
		assert_true(jobs[i].out > 0);	/* updated_at */
	}
	assert_int_equal(jobs[NUSERS].rc, STORE_EINVALID);
	assert_int_equal(jobs[NUSERS + 1].rc, STORE_EINVALID);
	writer_stats(&tx1, &jobs1);
	assert_int_equal(jobs1 - jobs0, n);
	assert_true(tx1 - tx0 >= 1);
	assert_true(tx1 - tx0 <= n);
	/* What was answered is stored: every voter's ballot counts once. */
	assert_int_equal(store_open(fx.path, &s, err, sizeof(err)), 0);
	assert_int_equal(store_poll_results(s, fx.poll, "de", time(NULL), &res), 0);
	assert_int_equal(res->ballots_online, NUSERS);
	results_free(res);
	store_close(s);
}

static void
test_writer_closed_and_unknown_poll(void **state)
{
	struct writer_job j;
	int64_t ch[1] = { fx.opt[0] };

	(void)state;
	memset(&j, 0, sizeof(j));
	j.kind = WRITER_BALLOT_PUT;
	j.target_id = 424242;
	j.user_id = fx.users[0];
	j.now = time(NULL);
	j.choices = ch;
	j.n_choices = 1;
	j.done = job_done;
	done_count = 0;
	writer_submit(&j);
	wait_done(1);
	assert_int_equal(j.rc, STORE_ENOTFOUND);
	/* A time after the poll's window: closed. */
	j.target_id = fx.poll;
	j.now = time(NULL) + 7200;
	j.arg = NULL;
	done_count = 0;
	writer_submit(&j);
	wait_done(1);
	assert_int_equal(j.rc, STORE_ECLOSED);
}

static void
test_writer_stop_answers_later_jobs(void **state)
{
	struct writer_job j;

	(void)state;
	writer_stop();
	writer_stop();	/* twice is fine */
	memset(&j, 0, sizeof(j));
	j.kind = WRITER_BALLOT_DELETE;
	j.target_id = fx.poll;
	j.user_id = fx.users[0];
	j.done = job_done;
	done_count = 0;
	writer_submit(&j);	/* answered at once */
	assert_int_equal(done_count, 1);
	assert_int_equal(j.rc, STORE_EIO);
	assert_int_equal(writer_start(fx.path), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_writer_ballots_grouped_and_counted),
		cmocka_unit_test(test_writer_closed_and_unknown_poll),
		cmocka_unit_test(test_writer_stop_answers_later_jobs),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
