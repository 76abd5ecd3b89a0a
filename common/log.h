/* log.h — one-line log messages on stderr, never secrets. */
#ifndef MW_COMMON_LOG_H
#define MW_COMMON_LOG_H

/* Writes "YYYY-MM-DDTHH:MM:SSZ prog: message\n" to stderr in one write(2). */
void	log_init(const char *prog);
void	log_msg(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
