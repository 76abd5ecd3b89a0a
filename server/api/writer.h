/* writer.h — the single writer thread: ballots and supports are queued and
 * committed many per transaction (group commit); each request is answered
 * only after the transaction holding its write has committed. A second
 * thread checkpoints the write-ahead log in the background, so that no
 * commit waits for a checkpoint. */
#ifndef MW_API_WRITER_H
#define MW_API_WRITER_H

#include <stddef.h>
#include <stdint.h>

enum writer_kind {
	WRITER_BALLOT_PUT = 1,
	WRITER_BALLOT_DELETE,
	WRITER_SUPPORT_SET
};

struct writer_job {
	enum writer_kind	 kind;
	int64_t			 target_id;	/* poll or idea */
	int64_t			 user_id;
	int64_t			 now;
	const int64_t		*choices;	/* ballots; borrowed until done */
	size_t			 n_choices;
	int			 on;		/* supports: 1 set, 0 remove */
	/* Results, valid in done(). */
	int			 rc;		/* STORE_OK or STORE_E* */
	int64_t			 out;		/* updated_at or supports */
	/* Called on the writer thread after the commit (or failure). */
	void			(*done)(struct writer_job *job);
	void			*arg;
	struct writer_job	*next;
};

/* Opens the writer's and the checkpointer's store connections and starts
 * both threads. Returns 0 or -1. */
int	writer_start(const char *db_path);

/* Queues job; job->done runs later on the writer thread (or at once with
 * STORE_EIO when the writer is not running). */
void	writer_submit(struct writer_job *job);

/* Commits what is queued, calls every done(), stops both threads. Safe
 * to call twice. */
void	writer_stop(void);

/* Statistics for logs and tests: transactions and jobs committed. */
void	writer_stats(uint64_t *transactions, uint64_t *jobs);

#endif
