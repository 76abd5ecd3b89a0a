/* line_int.h — line mode's session, shared by its loop (line.c) and its form and survey conversations (walk.c); private to client/line. */
#ifndef MW_CLIENT_LINE_INT_H
#define MW_CLIENT_LINE_INT_H

#include <stddef.h>

#include "client/keys/keys.h"
#include "client/line/line.h"
#include "client/line/prompt.h"
#include "client/line/say.h"
#include "client/ui/app.h"
#include "client/ui/page.h"

/* One line-mode session: owned by line_main(). */
struct line {
	struct app		*app;
	struct keys_map		*keys;
	struct line_reader	 in;
	int			 out;		/* file descriptor written to */
	int			 rows;		/* page length for "-- more --"; 0: no paging */
	int			 printed;	/* lines printed since the last input */
	int			 col;		/* the cursor's column (folding; 0 after input) */
	int			 raw;		/* line_write(): no folding (fold.c) now */
	int			 paged;		/* line_write(): what is said, paged by its rows */
	int			 asking;	/* "-- more --" is asked: no paging now */
	struct line_out		 buf;		/* said, not yet written; .stopped: q at a more prompt */
	int			 kiosk;
	int			 idle;		/* seconds before the kiosk warning */
	int			 time_scale;	/* --test-time-scale, >= 1 */
	struct line_said	 said;		/* what was said so far (say.c) */
	int			 loading_said;	/* "Loading…" was the last line */
	struct line_prompts	 prompts;	/* what prompts said and taught */
	const struct page_field	*asked;		/* the field last asked for on its own */
	int			 tty;		/* stdin is a terminal (echo can be turned off) */
	int			 used;		/* kiosk: something was typed since the last reset */
	int			 reset_due;	/* kiosk: time ran out; unwinding to the main loop */
	int			 unnumbered;	/* a field is asked without its page number */
	int			 eof_asked;	/* the end of input asked about unsent text */
};

/* Output (out.c). Every byte below 0x20 but \n, and DEL, is dropped. */
void	line_puts(struct line *l, const char *s);
void	line_printf(struct line *l, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Writes out what was said into l->buf so far. */
void	line_flush(struct line *l);
/* Turns the terminal's echo off or on (a password). */
void	line_echo(struct line *l, int on);
/* The pager's callback for l->buf (ud is the session): writes out what
 * was said and may ask "-- more --"; returns 1 once q stopped the page. */
int	line_more_cb(struct line_out *o, void *ud);
/* An app hook (ud is the session): says what is loading once the request
 * has taken LINE_SLOW_MS; any later output cancels it. */
void	line_loading(void *ud, const char *what);
/* SIGALRM's handler for line_loading(). */
void	line_slow_alarm(int sig);
/* The loop (line.c). */
/* Notes page p as said without saying it; with status, its status is
 * said (once). */
void	line_quiet(struct line *l, const struct page *p, int status);
/* Reads one line with the idle handling of kiosk mode. Returns 1 with a
 * line in *out (caller frees), 0 at the end of input. */
int	line_input(struct line *l, char **out);

/* Conversations (walk.c). Each returns 0 at the end of input. */
/* Asks for field item it until the app takes its text; 1 when done. */
int	line_ask_field(struct line *l, const struct page_item *it);
/* Asks a form's empty fields in turn (from its first when fresh): 2 when
 * it asked, else 1. */
int	line_walk_fields(struct line *l, int fresh);
/* Asks a survey question by question: 1, or 2 with a typed line that is
 * not an answer in *rest (the caller frees it). */
int	line_walk_questions(struct line *l, char **rest);
/* Asks question k (from 1) of a survey again, as line_walk_questions(). */
int	line_walk_question(struct line *l, int k, char **rest);

#endif
