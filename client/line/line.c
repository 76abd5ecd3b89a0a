/* line.c — the line-mode UI: pages printed top to bottom, one typed line at a time, no escape sequences. */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <termios.h>
#include <unistd.h>

#include "common/ascii.h"
#include "client/client.h"
#include "client/i18n.h"
#include "client/keys/keys.h"
#include "client/line/line.h"
#include "client/ui/app.h"
#include "client/ui/page.h"
#include "common/text.h"

/* Seconds a kiosk warning waits for a key before the session resets; the
 * warning comes this long before the idle time (--idle-reset) is over,
 * as in the full-screen UI. */
#define LINE_GRACE	30

/* How much of a page is said: brief (the default), all of it (t), or
 * all but the breadcrumb (a review step before sending). */
enum line_mode {
	LINE_BRIEF,
	LINE_FULL,
	LINE_REVIEW
};

/* What was said of the page last, to say only what changed. */
struct line_seen {
	char	*where;		/* heading: another heading is another page */
	char	**keys;		/* line_item_key() per item */
	char	**said;		/* line_item_said() per item */
	char	**state;	/* each item's state ("" for none) */
	size_t	  n;
	char	**text;		/* text blocks */
	size_t	  ntext;
};

/* Whether word w (one or more words) stands in s as whole words,
 * ignoring ASCII case ("review" in "Review my vote"). */
static int
line_has_words(const char *s, const char *w)
{
	size_t n = strlen(w);
	const char *p;

	if (n == 0)
		return 0;
	for (p = s; *p != '\0'; p++) {
		if ((p == s || p[-1] == ' ') && ascii_strncasecmp(p, w, n) == 0 &&
		    (p[n] == '\0' || p[n] == ' '))
			return 1;
	}
	return 0;
}

/* 1 when a numbered button or link of the page names the action label.
 * Only the page's own buttons count (id 0), not a project or idea whose
 * title happens to hold the word. */
static int
line_has_button(const struct page *p, const char *label)
{
	size_t i;

	for (i = 0; label != NULL && i < p->n_item; i++)
		if (p->item[i].number > 0 && p->item[i].label != NULL && p->item[i].id == 0 &&
		    (p->item[i].kind == PAGE_ITEM_BUTTON || p->item[i].kind == PAGE_ITEM_LINK) &&
		    line_has_words(p->item[i].label, label))
			return 1;
	return 0;
}

/* What the prompts of one page said ("w withdraw"), so that coming back
 * to it the prompt says only what is new there. */
struct line_told {
	char	*where;		/* heading */
	char	*acts[48];
	size_t	 n;
};

/* What the prompts teach once and then leave out: typing a number, t
 * for the full text, b back, h help (the first line teaches h). */
#define LINE_T_NUMBER	0x1
#define LINE_T_FULL	0x2
#define LINE_T_BACK	0x4
#define LINE_T_HELP	0x8

/* Pages whose last state line mode remembers. */
#define LINE_PAGES	16

struct line {
	struct app		*app;
	struct keys_map		*keys;
	struct line_reader	 in;
	int			 out;		/* file descriptor written to */
	int			 rows;		/* page length for "-- more --"; 0: no paging */
	int			 printed;	/* lines printed since the last input */
	int			 stop_paging;	/* "q" at a more prompt */
	int			 kiosk;
	int			 idle;		/* seconds before the kiosk warning */
	struct line_seen	 seen[LINE_PAGES];	/* what was said of recent pages */
	size_t			 seen_next;	/* the slot to reuse next */
	int			 again;		/* say the next page whole (after back) */
	int			 loading_said;	/* "Loading…" was the last line */
	struct line_seen	*last_said;	/* the page said last */
	int			 taught;	/* LINE_T_* said so far */
	size_t			 changed[32];	/* items said as changes just now */
	size_t			 n_changed;
	int			 whole;		/* the page was said whole, not its changes */
	int			 cut;		/* the page was said briefly: t says all */
	struct line_told	 told[LINE_PAGES];	/* what prompts said, per page */
	size_t			 told_next;	/* the slot to reuse next */
	char			*last_status;
	const struct page_field	*asked;		/* the field last asked for on its own */
	int			 tty;		/* stdin is a terminal (echo can be turned off) */
};

/*
 * "Loading…" is said only when a request takes longer than LINE_SLOW_MS:
 * on a fast link it would be one more word to hear on every page; on a
 * slow one it says once that something is happening. The timer's handler
 * writes the prepared line (write(2) is safe in a signal handler).
 */
#define LINE_SLOW_MS	700

static char			line_slow_msg[128];
static size_t			line_slow_len;
static volatile sig_atomic_t	line_slow_fd = -1;

static void
line_on_alarm(int sig)
{
	ssize_t w;

	(void)sig;
	if (line_slow_fd >= 0 && line_slow_len > 0)
		w = write(line_slow_fd, line_slow_msg, line_slow_len);
	(void)w;
	line_slow_len = 0;
}

static void
line_slow_arm(int ms)
{
	struct itimerval it;

	memset(&it, 0, sizeof(it));
	it.it_value.tv_sec = ms / 1000;
	it.it_value.tv_usec = (ms % 1000) * 1000;
	setitimer(ITIMER_REAL, &it, NULL);
}

/*
 * Writes text, dropping every byte below 0x20 except \n (a TAB becomes a
 * space) and DEL: page texts are sanitized already, this is the last
 * guard that line mode never writes a control byte.
 */
static void
line_write(struct line *l, const char *s, size_t len)
{
	char buf[1024];
	size_t i, n = 0;
	ssize_t w;
	size_t off;

	/* Whatever comes now is the answer: no late "Loading…". */
	if (line_slow_len > 0) {
		line_slow_arm(0);
		line_slow_len = 0;
	}
	l->loading_said = 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\t')
			c = ' ';
		else if ((c < 0x20 && c != '\n') || c == 0x7f)
			continue;
		buf[n++] = (char)c;
		if (c == '\n')
			l->printed++;
		if (n == sizeof(buf) || i + 1 == len) {
			off = 0;
			while (off < n) {
				w = write(l->out, buf + off, n - off);
				if (w < 0 && errno == EINTR)
					continue;
				if (w <= 0)
					return;
				off += (size_t)w;
			}
			n = 0;
		}
	}
	if (n > 0) {
		off = 0;
		while (off < n && (w = write(l->out, buf + off, n - off)) > 0)
			off += (size_t)w;
	}
}

static void
line_puts(struct line *l, const char *s)
{
	line_write(l, s, strlen(s));
}

static void line_printf(struct line *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
line_printf(struct line *l, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n >= 0 && s != NULL)
		line_write(l, s, (size_t)n);
	free(s);
}

/* Reads one line with the idle handling of kiosk mode. Returns 1 with a
 * line in *out (caller frees), 0 at the end of input. */
static int line_input(struct line *l, char **out);

/*
 * Before a printed line would scroll the page's start away, asks for
 * Enter ("-- more --"). Only where a person reads interactively.
 */
static void
line_more(struct line *l)
{
	char *ans = NULL;

	if (l->rows <= 2 || l->stop_paging || l->printed < l->rows - 2)
		return;
	/* L10N: line mode pager; q skips the rest of the page. */
	line_puts(l, _("-- more, Enter to continue, q to skip --\n"));
	if (line_input(l, &ans) <= 0) {
		l->stop_paging = 1;
		return;
	}
	if (ans[0] == 'q')
		l->stop_paging = 1;
	free(ans);
	l->printed = 0;
}

/* Prints a text that may hold several lines, line by line, paging. */
static void
line_text(struct line *l, const char *prefix, const char *s)
{
	const char *nl;

	while (s != NULL && !l->stop_paging) {
		nl = strchr(s, '\n');
		line_more(l);
		if (l->stop_paging)
			break;
		line_puts(l, prefix);
		line_write(l, s, nl != NULL ? (size_t)(nl - s) : strlen(s));
		line_puts(l, "\n");
		s = nl != NULL ? nl + 1 : NULL;
	}
}

/* Words in a paragraph before brief pages cut it short. */
#define LINE_BRIEF_WORDS	24

/*
 * One item as a line: "3. Roundnet — your choice 2". Brief pages leave
 * the detail out (t reads it); a field's text, its error and a results
 * bar are always said.
 */
/*
 * An item's state in words. A choice that is not made is left unsaid in
 * a list (silence is "not chosen"; fewer words), but said when it is what
 * changed. The "(*)" and "[x]" marks of the full screen are said in words.
 */
static const char *
line_state(const struct page_item *it, int change)
{
	if (change < 0)
		return NULL;	/* said once before the list */
	if (it->kind == PAGE_ITEM_RADIO || it->kind == PAGE_ITEM_CHECKBOX) {
		if (it->checked)
			/* L10N: a chosen option in line mode. */
			return _("your choice");
		return change ? _("not chosen") : NULL;
	}
	if (it->kind == PAGE_ITEM_RANKED && it->rank == 0 && !change)
		return NULL;
	return it->state;
}

static void
line_item(struct line *l, const struct page_item *it, int full, int change)
{
	const char *ind = it->indent > 0 ? "   " : "";
	const char *state = line_state(it, change);

	line_more(l);
	if (l->stop_paging)
		return;
	if (it->number > 0)
		line_printf(l, "%s%d. ", ind, it->number);
	else
		line_puts(l, ind);
	line_puts(l, it->label != NULL ? it->label : "");
	if (it->field != NULL) {
		if (it->field->secret && (it->field->len > 0 || change > 0))
			line_printf(l, ": %s", it->field->len > 0 ?
			    /* L10N: a password field that has been filled in. */
			    _("entered") : _("empty"));
		else if (it->field->secret)
			;
		else if (it->field->len > 0 && !it->field->multiline)
			line_printf(l, ": %s", it->field->text);
		else if (it->field->len == 0 && change > 0)
			/* In a list an empty field is just its name; "empty"
			 * is said when a text was taken out. */
			line_printf(l, ": %s", _("empty"));
	}
	if (state != NULL && state[0] != '\0')
		line_printf(l, " — %s", state);
	line_puts(l, "\n");
	if (it->field != NULL && it->field->multiline && it->field->len > 0)
		line_text(l, "   ", it->field->text);
	if (it->field != NULL && it->field->error != NULL)
		line_text(l, "   ", it->field->error);
	/* No '#' bar: a speech synthesizer reads it as a row of "hash";
	 * the detail says the numbers. */
	if ((full || it->has_bar) && it->detail != NULL && it->detail[0] != '\0')
		line_text(l, "   ", it->detail);
}

/* Where the first n words of s end, or NULL when s has no more words. */
static const char *
line_words_end(const char *s, int n)
{
	const char *p = s;

	while (*p != '\0') {
		while (*p == ' ' || *p == '\n')
			p++;
		if (*p == '\0')
			return NULL;
		if (n-- == 0)
			return p;
		while (*p != '\0' && *p != ' ' && *p != '\n')
			p++;
	}
	return NULL;
}

/* Words a first sentence needs before a brief page stops after it. */
#define LINE_BRIEF_SENTENCE	4

/*
 * Where a brief page stops saying s, when s has more than n words: after
 * its first sentence when that ends within n words, else after n words.
 * NULL when s is said whole.
 */
static const char *
line_brief_end(const char *s, int n)
{
	const char *p = s;
	int words = 0;

	if (line_words_end(s, n) == NULL)
		return NULL;
	while (*p != '\0') {
		while (*p == ' ' || *p == '\n')
			p++;
		if (*p == '\0')
			return NULL;
		if (words++ == n)
			return p;
		while (*p != '\0' && *p != ' ' && *p != '\n')
			p++;
		if (words >= LINE_BRIEF_SENTENCE && strchr(".?!", p[-1]) != NULL &&
		    (*p == ' ' || *p == '\n'))
			return p;
	}
	return NULL;
}

/* What identifies an item across rebuilds of the same page. */
static char *
line_item_key(const struct page_item *it)
{
	char *k = NULL;

	/* Ids alone may repeat on a page (a status and a category filter
	 * both numbered from 1): the label is part of what an item is. */
	if (asprintf(&k, "%d|%ld|%s", (int)it->kind, it->id,
	    it->label != NULL ? it->label : "") < 0)
		return NULL;
	return k;
}

/* What is said of an item; when it changes, the item is said again. */
static char *
line_item_said(const struct page_item *it)
{
	char *k = NULL;

	/* The number too: an item that moved is said with its new number. */
	/* A password is said as "entered" or "empty", never kept here. */
	if (asprintf(&k, "%d|%s|%s|%s|%s", it->number, it->label ? it->label : "",
	    it->state ? it->state : "", it->field == NULL ? "" : !it->field->secret ?
	    it->field->text : it->field->len > 0 ? "*" : "",
	    it->field && it->field->error ? it->field->error : "") < 0)
		return NULL;
	return k;
}

static void
line_seen_clear(struct line_seen *v)
{
	size_t i;

	for (i = 0; i < v->n; i++) {
		free(v->keys[i]);
		free(v->said[i]);
		free(v->state[i]);
	}
	for (i = 0; i < v->ntext; i++)
		free(v->text[i]);
	free(v->keys);
	free(v->said);
	free(v->state);
	free(v->text);
	free(v->where);
	memset(v, 0, sizeof(*v));
}

static void
line_seen_take(struct line_seen *v, const struct page *p)
{
	size_t i;

	line_seen_clear(v);
	v->where = strdup(p->heading);
	v->keys = calloc(p->n_item + 1, sizeof(*v->keys));
	v->said = calloc(p->n_item + 1, sizeof(*v->said));
	v->state = calloc(p->n_item + 1, sizeof(*v->state));
	v->text = calloc(p->n_text + 1, sizeof(*v->text));
	if (v->keys == NULL || v->said == NULL || v->state == NULL || v->text == NULL) {
		line_seen_clear(v);
		return;
	}
	v->n = p->n_item;
	for (i = 0; i < p->n_item; i++) {
		v->keys[i] = line_item_key(&p->item[i]);
		v->said[i] = line_item_said(&p->item[i]);
		v->state[i] = strdup(p->item[i].state != NULL ? p->item[i].state : "");
	}
	v->ntext = p->n_text;
	for (i = 0; i < p->n_text; i++)
		v->text[i] = strdup(p->text[i].text);
}

/* Index of the item with this key in what was seen, or -1. */
static int
line_seen_find(const struct line_seen *v, const char *key)
{
	size_t i;

	for (i = 0; key != NULL && i < v->n; i++)
		if (v->keys[i] != NULL && strcmp(v->keys[i], key) == 0)
			return (int)i;
	return -1;
}

static int
line_seen_has_text(const struct line_seen *v, const char *t)
{
	size_t i;

	for (i = 0; i < v->ntext; i++)
		if (v->text[i] != NULL && strcmp(v->text[i], t) == 0)
			return 1;
	return 0;
}

/*
 * The whole page, top to bottom. Brief (the default) says each paragraph's
 * start and no item details; full (t) says everything.
 */
static int
line_is_help(const struct page *p)
{
	return p->context != NULL && strcmp(p->context, "help") == 0;
}

/*
 * The state most items of a list share ("open until 31 December 2027"),
 * or NULL: said once before the list instead of after every item.
 */
static const char *
line_common_state(const struct page *p)
{
	const char *st = NULL;
	size_t i, n = 0;

	for (i = 0; i < p->n_item; i++) {
		const struct page_item *it = &p->item[i];

		if (it->number <= 0 || it->state == NULL || it->state[0] == '\0' ||
		    it->kind != PAGE_ITEM_LINK)
			continue;
		if (st == NULL)
			st = it->state;
		else if (strcmp(st, it->state) != 0)
			return NULL;
		n++;
	}
	return n >= 3 ? st : NULL;
}

static void
line_page(struct line *l, const struct page *p, enum line_mode mode,
    const struct line_seen *seen)
{
	const char *group = NULL, *end, *common = line_common_state(p);
	size_t i;
	int cut = 0, paras = 0, full = mode != LINE_BRIEF, common_said = 0;

	l->stop_paging = 0;
	line_puts(l, "\n");
	if (mode == LINE_FULL && p->breadcrumb != NULL && p->breadcrumb[0] != '\0')
		line_text(l, "", p->breadcrumb);
	/* Said again right after itself (choosing reordered a list): the
	 * person is still here; the heading would only repeat. */
	if (seen == NULL || seen != l->last_said)
		line_text(l, "", p->heading);
	/* The help page lists the keys of the full screen; how line mode
	 * is used is said first. */
	if (line_is_help(p) && (seen == NULL || seen != l->last_said))
		/* L10N: line mode's own help, before the list of keys. */
		line_text(l, "", _("In line mode you type a line and press Enter. "
		    "A number opens or chooses that item; several numbers in one line "
		    "choose in that order (a ranking). A key and a number act on that item: "
		    "u 3 moves choice 3 up, r 2 replies to comment 2. t says the whole page "
		    "with every detail, b goes back, q quits. A form asks for each empty "
		    "field; Enter alone stops the questions. A text of several lines ends "
		    "with a line holding only a dot."));
	for (i = 0; i < p->n_text && !l->stop_paging; i++) {
		const char *t = p->text[i].text;

		/* Said again: the texts heard a moment ago are left out, and
		 * new ones too when the status line says what changed. */
		if (seen != NULL && ((p->status != NULL && p->text[i].kind == PAGE_TEXT_NOTE) ||
		    line_seen_has_text(seen, t)))
			continue;

		/* Brief: notes, and the start of the first paragraph only. */
		if (!full && (p->text[i].kind == PAGE_TEXT_HEADING ||
		    (p->text[i].kind == PAGE_TEXT_PARA && paras++ > 0))) {
			cut = 1;
			continue;
		}
		if (!full && p->text[i].kind == PAGE_TEXT_PARA &&
		    (end = line_brief_end(t, LINE_BRIEF_WORDS)) != NULL) {
			char *part = strndup(t, (size_t)(end - t));

			if (part != NULL) {
				size_t n = strlen(part);

				while (n > 0 && (part[n - 1] == ' ' || part[n - 1] == '\n'))
					part[--n] = '\0';
				line_text(l, "", part);
				free(part);
				line_puts(l, "…\n");
			}
			cut = 1;
			continue;
		}
		line_text(l, "", t);
	}
	for (i = 0; i < p->n_item && !l->stop_paging; i++) {
		const struct page_item *it = &p->item[i];

		if (it->group != NULL && (group == NULL || strcmp(group, it->group) != 0)) {
			size_t gl = strlen(it->group);
			char last = gl > 0 ? it->group[gl - 1] : ':';

			line_more(l);
			/* "Polls:", but "Which one?" stays as it is. */
			line_printf(l, "%s%s\n", it->group,
			    strchr(":?.!", last) != NULL ? "" : ":");
		}
		group = it->group;
		if (common != NULL && !common_said && it->state != NULL &&
		    strcmp(it->state, common) == 0) {
			line_more(l);
			line_printf(l, "%s:\n", common);
			common_said = 1;
		}
		line_item(l, it, full, common != NULL && it->state != NULL &&
		    strcmp(it->state, common) == 0 ? -1 : 0);
		if (!full && it->detail != NULL && it->detail[0] != '\0')
			cut = 1;
	}
	if (p->n_item == 0 && p->n_text == 0)
		line_puts(l, _("Nothing here yet.\n"));
	l->cut = cut && !full;
}

/*
 * Says only what changed on a page that stayed the same: new or changed
 * items (choosing an option says that option, not the whole poll again)
 * and new text. Returns 0 when so much changed that the page is better
 * said again whole.
 */
static int
line_changes(struct line *l, const struct page *p, const struct line_seen *v, int name)
{
	size_t i, changed = 0, fresh = 0;
	char *key, *said;
	int j, last = -1, moved = 0;

	if (v->where == NULL || strcmp(v->where, p->heading) != 0)
		return 0;
	for (i = 0; i < p->n_item; i++) {
		key = line_item_key(&p->item[i]);
		said = line_item_said(&p->item[i]);
		j = line_seen_find(v, key);
		if (j < 0 || v->said[j] == NULL || said == NULL || strcmp(v->said[j], said) != 0)
			changed++;
		if (j < 0)
			fresh++;
		if (j >= 0 && j < last)
			moved = 1;
		if (j >= 0)
			last = j;
		free(key);
		free(said);
	}
	/* Mostly other items (the next page of a list): said whole, with
	 * its groups. Items only renumbered or chosen are said as changes. */
	if (fresh > 0 && p->n_item > 4 && fresh * 2 > p->n_item + 2)
		return 0;
	/* Fewer items or several more (a filter, another page of a list),
	 * or the same items in a new order (sorted): what the list holds is
	 * what changed. One more item (a new comment) is said alone. */
	if (p->n_item < v->n || p->n_item > v->n + 1 || (moved && changed == 0))
		return 0;
	if (name)
		line_printf(l, "\n%s\n", p->heading);
	/* A new note on the page says what the status line says too ("3 of
	 * 3 choices made"): with a status, say that. A new paragraph ("This
	 * cannot be undone") is said. */
	for (i = 0; i < p->n_text; i++)
		if (!line_seen_has_text(v, p->text[i].text) && p->text[i].kind != PAGE_TEXT_HEADING &&
		    (p->status == NULL || p->text[i].kind != PAGE_TEXT_NOTE))
			line_text(l, "", p->text[i].text);
	for (i = 0; i < p->n_item; i++) {
		key = line_item_key(&p->item[i]);
		said = line_item_said(&p->item[i]);
		j = line_seen_find(v, key);
		/* "not chosen" is said of a choice just taken back, not of
		 * one that only got another number. */
		if (j < 0 || v->said[j] == NULL || said == NULL || strcmp(v->said[j], said) != 0) {
			line_item(l, &p->item[i], 0, j < 0 || v->state[j] == NULL ||
			    strcmp(v->state[j], p->item[i].state != NULL ? p->item[i].state : "") != 0);
			if (l->n_changed < sizeof(l->changed) / sizeof(l->changed[0]))
				l->changed[l->n_changed++] = i;
		}
		free(key);
		free(said);
	}
	return 1;
}

/* 1 when the sentence s..e names an item just said as a change together
 * with that item's state ("'Roundnet' is your choice 2." after "4.
 * Roundnet — your choice 2"): the sentence only repeats it. */
static int
line_status_repeats(const struct line *l, const struct page *p, const char *s, size_t n)
{
	size_t i;
	char *sent = strndup(s, n);
	int r = 0;

	for (i = 0; sent != NULL && i < l->n_changed && !r; i++) {
		const struct page_item *it = &p->item[l->changed[i]];

		r = it->label != NULL && it->state != NULL && it->state[0] != '\0' &&
		    strstr(sent, it->label) != NULL && strstr(sent, it->state) != NULL;
	}
	free(sent);
	return r;
}

/* Says a status, leaving out its sentences that repeat a change just said. */
static void
line_status_rest(struct line *l, const struct page *p, const char *st)
{
	const char *s = st, *e;
	int any = 0;

	while (*s != '\0') {
		e = strstr(s, ". ");
		e = e != NULL ? e + 1 : s + strlen(s);
		if (!line_status_repeats(l, p, s, (size_t)(e - s))) {
			if (any)
				line_puts(l, " ");
			line_write(l, s, (size_t)(e - s));
			any = 1;
		}
		for (s = e; *s == ' '; s++)
			;
	}
	if (any)
		line_puts(l, "\n");
}

/* Says the status line once; a message that is also a text of the page
 * (a page that could not be loaded says why) is not said twice. */
static void
line_status(struct line *l, const struct page *p)
{
	size_t i;

	if (p->status == NULL) {
		free(l->last_status);
		l->last_status = NULL;
		return;
	}
	if (l->last_status != NULL && strcmp(p->status, l->last_status) == 0)
		return;
	free(l->last_status);
	l->last_status = strdup(p->status);
	for (i = 0; l->whole && i < p->n_text; i++)
		if (strcmp(p->text[i].text, p->status) == 0)
			return;
	line_status_rest(l, p, p->status);
}

/* Words a person can type instead of a key that needs a real keyboard. */
static const struct {
	const char	*word;
	enum action	 action;
} line_words[] = {
	{ "b", ACTION_BACK },
	{ "h", ACTION_HELP },
	{ "?", ACTION_HELP },
	{ "q", ACTION_QUIT },
};

/* The printable key bound to action a in ctx (not a digit), or 0. */
static key_code
line_key_in(struct line *l, enum keys_context ctx, enum action a)
{
	struct keys_binding b[96];
	size_t i, n;

	n = keys_map_list(l->keys, ctx, b, sizeof(b) / sizeof(b[0]));
	if (n > sizeof(b) / sizeof(b[0]))
		n = sizeof(b) / sizeof(b[0]);
	for (i = 0; i < n; i++)
		if (b[i].action == a && b[i].key >= 0x21 && b[i].key < 0x7f &&
		    !(b[i].key >= '0' && b[i].key <= '9'))
			return b[i].key;
	return 0;
}

/*
 * The thing to type for an action on this page: a line-mode word, the
 * printable key the keymap binds in the page's context, else one bound in
 * another context that is free here, else the action's name.
 */
static void
line_key_for(struct line *l, enum keys_context ctx, enum action a, char *buf, size_t sz)
{
	key_code k;
	size_t i;
	int c;

	for (i = 0; i < sizeof(line_words) / sizeof(line_words[0]); i++) {
		if (line_words[i].action == a) {
			snprintf(buf, sz, "%s", line_words[i].word);
			return;
		}
	}
	if ((k = line_key_in(l, ctx, a)) != 0) {
		snprintf(buf, sz, "%c", (char)k);
		return;
	}
	for (c = 0; c < KEYS_CTX__COUNT; c++) {
		k = line_key_in(l, (enum keys_context)c, a);
		if (k != 0 && keys_map_lookup(l->keys, ctx, k) == ACTION_NONE) {
			snprintf(buf, sz, "%c", (char)k);
			return;
		}
	}
	snprintf(buf, sz, "%s", keys_action_name(a));
}

/* The action a typed single character means in ctx, also through the
 * other contexts for actions the page offers (see line_key_for()). */
static enum action
line_key_action(struct line *l, const struct page *p, enum keys_context ctx, key_code k)
{
	enum action a;
	int c;

	if ((a = keys_map_lookup(l->keys, ctx, k)) != ACTION_NONE)
		return a;
	if ((a = keys_map_lookup(l->keys, KEYS_CTX_COMMON, k)) != ACTION_NONE)
		return a;
	for (c = 0; c < KEYS_CTX__COUNT; c++) {
		a = keys_map_lookup(l->keys, (enum keys_context)c, k);
		if (a != ACTION_NONE && page_offers(p, a))
			return a;
	}
	return ACTION_NONE;
}

static enum keys_context
line_ctx(const struct page *p)
{
	int c = keys_context_parse(p->context != NULL ? p->context : "list");

	/* Line mode types whole lines: an editor page is a form here. */
	if (c < 0 || c == KEYS_CTX_EDITOR)
		c = KEYS_CTX_FORM;
	return (enum keys_context)c;
}

/* Whether the prompts of page t already said entry e ("w withdraw"). */
static int
line_told_has(const struct line_told *t, const char *e)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (strcmp(t->acts[i], e) == 0)
			return 1;
	return 0;
}

static void
line_told_clear(struct line_told *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->acts[i]);
	free(t->where);
	memset(t, 0, sizeof(*t));
}

/* Forgets what every prompt said: the next ones are full again. */
static void
line_prompt_forget(struct line *l)
{
	size_t i;

	for (i = 0; i < LINE_PAGES; i++)
		line_told_clear(&l->told[i]);
}

/* What the prompts of the page with this heading said; a new record
 * (reusing the oldest) when there is none. NULL when out of memory. */
static struct line_told *
line_told_get(struct line *l, const char *heading, int *again)
{
	struct line_told *t;
	size_t i;

	for (i = 0; i < LINE_PAGES; i++) {
		if (l->told[i].where != NULL && strcmp(l->told[i].where, heading) == 0) {
			*again = 1;
			return &l->told[i];
		}
	}
	*again = 0;
	t = &l->told[l->told_next];
	l->told_next = (l->told_next + 1) % LINE_PAGES;
	line_told_clear(t);
	if ((t->where = strdup(heading)) == NULL)
		return NULL;
	return t;
}

/*
 * "Number, r review, w withdraw, b back, h help:" from the page's actions.
 * A page prompted before (also when it comes back later) gets a short
 * prompt; when it offers something new since (withdraw after sending, a
 * next page of a list, my account after logging in), the prompt says
 * only what is new.
 */
static void
line_prompt(struct line *l, const struct page *p)
{
	enum keys_context ctx = line_ctx(p);
	char key[32], *e;
	char *ent[64];
	struct line_told *told;
	size_t i, n = 0, said = 0;
	int any = 0, ranked = 0, again, number = 0;

	told = line_told_get(l, p->heading, &again);
	for (i = 0; i < p->n_item; i++) {
		if (p->item[i].number > 0)
			any = 1;
		if (p->item[i].kind == PAGE_ITEM_RANKED && p->item[i].rank > 0)
			ranked = 1;
	}
	/* t is taught once, like b and h; later a cut text ends in "…" and
	 * t still says it all. */
	/* L10N: line mode: t says the whole page with every detail. */
	if (l->cut && !(l->taught & LINE_T_FULL) && (e = strdup(_("t full text"))) != NULL) {
		ent[n++] = e;
		l->taught |= LINE_T_FULL;
	}
	for (i = 0; i < p->n_action && n < sizeof(ent) / sizeof(ent[0]); i++) {
		enum action a = p->action[i].action;

		/* Open is what a number does; moving the focus is what numbers
		 * replace; back and help are the same everywhere, said once. */
		if (a == ACTION_OPEN || a == ACTION_TOGGLE || a == ACTION_NEXT_FIELD ||
		    a == ACTION_PREV_FIELD)
			continue;
		/* Moving a choice: only once there is one to move. */
		if ((a == ACTION_MOVE_UP || a == ACTION_MOVE_DOWN) && !ranked)
			continue;
		if ((a == ACTION_BACK && (l->taught & LINE_T_BACK)) ||
		    (a == ACTION_HELP && (l->taught & LINE_T_HELP)))
			continue;
		l->taught |= a == ACTION_BACK ? LINE_T_BACK : a == ACTION_HELP ? LINE_T_HELP : 0;
		/* What a numbered button on the page does already ("6. Review
		 * my vote" for r review) is typed as its number. */
		if (line_has_button(p, p->action[i].label))
			continue;
		line_key_for(l, ctx, a, key, sizeof(key));
		e = NULL;
		if (strcmp(key, p->action[i].label) == 0)
			e = strdup(key);
		else if (asprintf(&e, "%s %s", key, p->action[i].label) < 0)
			e = NULL;
		if (e == NULL)
			continue;
		ent[n++] = e;
	}
	for (i = 0; i < n; i++) {
		if (again && told != NULL && line_told_has(told, ent[i]))
			continue;
		/* "Number" is taught once, like b and h. */
		if (said == 0 && any && !(l->taught & LINE_T_NUMBER)) {
			/* L10N: start of the line-mode prompt. */
			line_puts(l, _("Number"));
			number = 1;
		}
		line_printf(l, "%s%s", said > 0 || number ? ", " : "", ent[i]);
		said++;
		if (told != NULL && told->n < sizeof(told->acts) / sizeof(told->acts[0]) &&
		    (told->acts[told->n] = strdup(ent[i])) != NULL)
			told->n++;
	}
	for (i = 0; i < n; i++)
		free(ent[i]);
	if (said == 0 && any && !again)
		line_puts(l, _("Number"));
	else if (said == 0)
		/* L10N: line mode's prompt when nothing new can be typed. */
		line_puts(l, _("Your choice (h help)"));
	if (number || (said == 0 && any))
		l->taught |= LINE_T_NUMBER;
	line_puts(l, ": ");
	l->printed = 0;
}

/* Maps a typed word to an action on this page; ACTION_NONE if none. */
static enum action
line_word(struct line *l, const struct page *p, const char *w)
{
	enum keys_context ctx = line_ctx(p);
	enum action a;
	key_code k;
	size_t i;

	for (i = 0; i < sizeof(line_words) / sizeof(line_words[0]); i++)
		if (strcmp(w, line_words[i].word) == 0)
			return line_words[i].action;
	if ((a = keys_action_parse(w)) != ACTION_NONE)
		return a;
	for (i = 0; i < p->n_action; i++)
		if (p->action[i].label != NULL && ascii_strcasecmp(w, p->action[i].label) == 0)
			return p->action[i].action;
	if ((k = keys_parse(w)) != KEYS_NONE && keys_is_text(k))
		return line_key_action(l, p, ctx, k);
	return ACTION_NONE;
}

/* Turns the terminal's echo off or on for a password (no escape sequence:
 * an ioctl on the terminal). */
static void
line_echo(struct line *l, int on)
{
	struct termios t;

	if (!l->tty || tcgetattr(0, &t) != 0)
		return;
	if (on)
		t.c_lflag |= ECHO;
	else
		t.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(0, TCSANOW, &t);
}

/*
 * Asks for the focused field's text: one line, or for a multi-line field
 * lines until one holding only a dot. Returns 1, or 0 at the end of input.
 */
static int
line_ask_field(struct line *l, const struct page_item *it)
{
	const struct page_field *f = it->field;
	char *ans = NULL, *all = NULL, *tmp;
	size_t len = 0;
	int r;
	const char *q = f->prompt != NULL ? f->prompt : (f->name ? f->name : it->label);
	const char *colon;
	size_t ql = strlen(q);

	/* The prompt may end in its own colon; line mode adds one. */
	while (ql > 0 && (q[ql - 1] == ':' || q[ql - 1] == ' '))
		ql--;
	line_write(l, q, ql);
	/* A question ("Where were the ballots collected?") needs no colon. */
	colon = ql > 0 && q[ql - 1] == '?' ? "" : ":";
	if (f->multiline) {
		/* L10N: how to end a multi-line answer in line mode. */
		line_puts(l, _(" (several lines; a line with only a dot ends the text)"));
		line_puts(l, ":\n");
		for (;;) {
			l->printed = 0;
			if ((r = line_input(l, &ans)) <= 0) {
				free(all);
				return 0;
			}
			if (strcmp(ans, ".") == 0) {
				free(ans);
				break;
			}
			tmp = realloc(all, len + strlen(ans) + 2);
			if (tmp == NULL) {
				free(ans);
				break;
			}
			all = tmp;
			if (len > 0)
				all[len++] = '\n';
			memcpy(all + len, ans, strlen(ans) + 1);
			len += strlen(ans);
			free(ans);
		}
		app_field_set(l->app, all != NULL ? all : "");
		free(all);
		return 1;
	}
	line_printf(l, "%s ", colon);
	if (f->secret)
		line_echo(l, 0);
	r = line_input(l, &ans);
	if (f->secret) {
		line_echo(l, 1);
		if (l->tty)
			line_puts(l, "\n");
	}
	if (r <= 0)
		return 0;
	app_field_set(l->app, ans);
	if (f->secret)
		explicit_bzero(ans, strlen(ans));
	free(ans);
	return 1;
}

static void
line_hook_loading(void *ud, const char *what)
{
	struct line *l = ud;
	size_t n = strlen(what);

	if (l->loading_said || n + 2 > sizeof(line_slow_msg))
		return;
	line_slow_arm(0);
	memcpy(line_slow_msg, what, n);
	line_slow_msg[n] = '\n';
	line_slow_len = n + 1;
	line_slow_fd = l->out;
	l->loading_said = 1;
	line_slow_arm(LINE_SLOW_MS);
}

static void
line_hook_reset(void *ud)
{
	struct line *l = ud;
	size_t i;

	/* No escape sequence may clear the screen here: push the last
	 * person's page out of sight with blank lines instead. */
	for (i = 0; i < 60; i++)
		line_puts(l, "\n");
	for (i = 0; i < LINE_PAGES; i++)
		line_seen_clear(&l->seen[i]);
	line_prompt_forget(l);
	/* The next person is new here: teach numbers, t, b and h again. */
	l->taught = 0;
	free(l->last_status);
	l->last_status = NULL;
	l->asked = NULL;
}

static int
line_input(struct line *l, char **out)
{
	int r, timeout;

	timeout = l->kiosk ? (l->idle > LINE_GRACE ? l->idle - LINE_GRACE : 1) * 1000 : -1;
	for (;;) {
		r = line_reader_get(&l->in, out, timeout);
		if (r != LINE_TIMEOUT)
			return r == LINE_OK ? 1 : 0;
		/* Kiosk: warn, then give LINE_GRACE seconds for one Enter. */
		line_printf(l, _("\nAre you still there? Press Enter within %d seconds "
		    "to continue; otherwise this session ends and everything "
		    "you typed is removed.\n"), LINE_GRACE);
		r = line_reader_get(&l->in, out, LINE_GRACE * 1000);
		if (r == LINE_OK) {
			free(*out);
			*out = NULL;
			line_puts(l, _("Welcome back. You can go on.\n"));
			continue;
		}
		if (r == LINE_EOF)
			return 0;
		app_reset(l->app);
		line_puts(l, _("The session has ended. Welcome!\n"));
		*out = strdup("");
		return *out != NULL;
	}
}

/* Actions on one item: "u 3" moves choice 3 up, "r 2" replies to
 * comment 2, "A 1" approves the first idea of the queue. */
static int
line_item_action(enum action a)
{
	return a == ACTION_MOVE_UP || a == ACTION_MOVE_DOWN || a == ACTION_REPLY ||
	    a == ACTION_REPORT || a == ACTION_APPROVE || a == ACTION_REJECT ||
	    a == ACTION_HIDE;
}

/*
 * An item action typed without a number: which item? The focused one
 * when a number just chose it (a comment, a queue entry), else ask. In a
 * ranking a number chooses, so moving always asks. Returns the number,
 * 0 to act on the focus, or -1 to do nothing.
 */
static int
line_which(struct line *l, const struct page *p, enum action a)
{
	const struct page_item *it = page_focused(p);
	char *ans = NULL, *end;
	long v;

	/* Moderation acts on the entry chosen before (the focus may be in
	 * the reason field by now); report without a number reports the
	 * idea itself. */
	if (a == ACTION_REPORT || a == ACTION_APPROVE || a == ACTION_REJECT ||
	    a == ACTION_HIDE || (it != NULL && it->number > 0 &&
	    a != ACTION_MOVE_UP && a != ACTION_MOVE_DOWN &&
	    (it->kind == PAGE_ITEM_ENTRY || it->kind == PAGE_ITEM_LINK)))
		return 0;
	/* L10N: line mode asks which item an action is for. */
	line_puts(l, _("Which number? "));
	if (line_input(l, &ans) <= 0)
		return -1;
	v = strtol(ans, &end, 10);
	if (end == ans || v <= 0 || v > 100000) {
		free(ans);
		return -1;
	}
	free(ans);
	return (int)v;
}

/* Handles one typed line. Returns APP_QUIT to leave. */
static int
line_handle(struct line *l, const struct page *p, char *ans)
{
	char *w, *save = NULL;
	enum action a;
	int n, idx, r = APP_OK, numbers = 0, same, i;
	char *end, *heading;
	long ids[32];
	enum page_item_kind kinds[32];
	int nums[32];

	/* Trim spaces at both ends. */
	while (*ans == ' ')
		ans++;
	n = (int)strlen(ans);
	while (n > 0 && ans[n - 1] == ' ')
		ans[--n] = '\0';
	if (ans[0] == '\0')
		return APP_OK;

	/* t says the whole page: every paragraph and item detail. */
	if (strcmp(ans, "t") == 0) {
		line_page(l, p, LINE_FULL, NULL);
		return APP_OK;
	}

	/*
	 * "3" opens item 3; "2 5 1" chooses items in that order (ranking).
	 * Numbers mean the items as the page showed them, even when choosing
	 * one reorders the list.
	 */
	for (w = strtok_r(ans, " ,", &save); w != NULL; w = strtok_r(NULL, " ,", &save)) {
		long v = strtol(w, &end, 10);

		if (*end != '\0' || end == w) {
			if (numbers > 0)
				break;
			a = line_word(l, p, w);
			if (a == ACTION_NONE || (!page_offers(p, a) && a != ACTION_HELP &&
			    a != ACTION_QUIT && a != ACTION_BACK && a != ACTION_LANGUAGE &&
			    a != ACTION_LOGIN && a != ACTION_LOGOUT && a != ACTION_ACCOUNT &&
			    a != ACTION_HOME && a != ACTION_MESSAGES && a != ACTION_REGISTER &&
			    a != ACTION_MODERATION && a != ACTION_REFRESH)) {
				/* L10N: line mode did not understand what was typed. */
				line_printf(l, _("'%s' is not a choice here. Type h for help.\n"), w);
				return APP_OK;
			}
			if (line_item_action(a)) {
				char *nw = strtok_r(NULL, " ,", &save);
				long at = nw != NULL ? strtol(nw, &end, 10) : 0;

				if (nw != NULL && (*end != '\0' || end == nw))
					at = -1;
				if (nw == NULL)
					at = line_which(l, p, a);
				if (at < 0)
					return APP_OK;
				if (at > 0) {
					if (page_find_number(p, (int)at) < 0) {
						line_printf(l, _("There is no number %ld here.\n"), at);
						return APP_OK;
					}
					app_action(l->app, ACTION_JUMP, (int)at);
				}
				return app_action(l->app, a, 0);
			}
			if (a == ACTION_BACK || a == ACTION_HOME) {
				/* Said whole again only when back went somewhere
				 * ("This is the first page" stays on the page). */
				heading = strdup(p->heading);
				r = app_action(l->app, a, 0);
				p = app_page(l->app);
				l->again = heading == NULL || strcmp(heading, p->heading) != 0;
				free(heading);
				return r;
			}
			return app_action(l->app, a, 0);
		}
		if (numbers >= (int)(sizeof(ids) / sizeof(ids[0])))
			break;
		if ((idx = page_find_number(p, (int)v)) < 0) {
			line_printf(l, _("There is no number %ld here.\n"), v);
			return APP_OK;
		}
		ids[numbers] = p->item[idx].id;
		kinds[numbers] = p->item[idx].kind;
		nums[numbers++] = (int)v;
	}
	for (i = 0; i < numbers; i++) {
		p = app_page(l->app);
		n = nums[i];
		/* Find the item by what it is, not where it was. */
		if (i > 0 && ids[i] != 0) {
			size_t j;

			for (j = 0; j < p->n_item; j++)
				if (p->item[j].id == ids[i] && p->item[j].kind == kinds[i])
					break;
			if (j == p->n_item || p->item[j].number <= 0)
				break;
			n = p->item[j].number;
		}
		app_action(l->app, ACTION_JUMP, n);
		p = app_page(l->app);
		if (p->focus >= 0 && p->item[p->focus].field != NULL) {
			if (!line_ask_field(l, &p->item[p->focus]))
				return APP_QUIT;
			l->asked = p->item[p->focus].field;
			continue;
		}
		heading = strdup(p->heading);
		r = app_action(l->app, ACTION_OPEN, 0);
		if (r != APP_OK) {
			free(heading);
			return r;
		}
		/* Opening another page ends a list of numbers. */
		p = app_page(l->app);
		same = heading != NULL && strcmp(p->heading, heading) == 0;
		free(heading);
		if (!same)
			break;
	}
	return r;
}

/* What was said of the page with this heading, or NULL. */
static struct line_seen *
line_seen_get(struct line *l, const char *heading)
{
	size_t i;

	for (i = 0; i < LINE_PAGES; i++)
		if (l->seen[i].where != NULL && strcmp(l->seen[i].where, heading) == 0)
			return &l->seen[i];
	return NULL;
}

/*
 * Says the page: only what changed when line mode has said this page
 * before (choosing an option, coming back after sending), else the whole
 * page briefly. After "back" the page is said whole again, so a person
 * who went back hears where they are.
 */
static void
line_say(struct line *l, const struct page *p)
{
	struct line_seen *v = line_seen_get(l, p->heading);

	/* Back on a page said before: name it, then say what changed. */
	l->whole = 0;
	l->n_changed = 0;
	/* A review step reached from another page is said whole even when
	 * an earlier review had the same heading: it is another text. */
	if (v == NULL || l->again || (page_offers(p, ACTION_SEND) && v != l->last_said) ||
	    !line_changes(l, p, v, v != l->last_said)) {
		l->whole = 1;
		/* What is about to be sent is said in full: that is what a
		 * review step is for. */
		line_page(l, p, page_offers(p, ACTION_SEND) || line_is_help(p) ?
		    LINE_REVIEW : LINE_BRIEF, v != NULL && !l->again &&
		    !page_offers(p, ACTION_SEND) ? v : NULL);
		if (l->again) {
			int had;
			struct line_told *t = line_told_get(l, p->heading, &had);

			/* Back here: the full prompt again, too. */
			if (t != NULL)
				line_told_clear(t);
		}
	}
	l->again = 0;
	line_status(l, p);
	if (v == NULL) {
		v = &l->seen[l->seen_next];
		l->seen_next = (l->seen_next + 1) % LINE_PAGES;
	}
	line_seen_take(v, p);
	l->last_said = v;
}

/* 1 when a field of the page says what is wrong with its text. */
static int
line_field_errors(const struct page *p)
{
	size_t i;

	for (i = 0; i < p->n_item; i++)
		if (p->item[i].field != NULL && p->item[i].field->error != NULL)
			return 1;
	return 0;
}

/* Notes the page as said without saying it. */
static void
line_quiet(struct line *l, const struct page *p)
{
	struct line_seen *v = line_seen_get(l, p->heading);

	if (v == NULL) {
		line_say(l, p);
		return;
	}
	line_seen_take(v, p);
	l->last_said = v;
}

/*
 * In a form, asks for each empty field in turn, so filling in a form is a
 * conversation: "Name:", "Password:", then the page with its button.
 * Returns 0 at the end of input, 2 when it asked, else 1.
 */
static int
line_walk_fields(struct line *l, int fresh)
{
	const struct page *p = app_page(l->app);
	const struct page_item *it = page_focused(p);
	int guard = 0, asked = 0;
	size_t i;

	/* A form just opened with the focus elsewhere (the login page after
	 * a confirmation): start at its first item when that is an empty
	 * field. A survey, whose text question comes last, is not a walk. */
	if (fresh && (it == NULL || it->field == NULL) && line_ctx(p) == KEYS_CTX_FORM) {
		for (i = 0; i < p->n_item; i++)
			if (p->item[i].number > 0)
				break;
		if (i < p->n_item && p->item[i].field != NULL && p->item[i].field->len == 0) {
			app_action(l->app, ACTION_JUMP, p->item[i].number);
			p = app_page(l->app);
			it = page_focused(p);
		}
	}
	while (it != NULL && it->field != NULL && it->field->len == 0 &&
	    it->field != l->asked && guard++ < 16) {
		l->asked = it->field;
		if (!line_ask_field(l, it))
			return 0;
		/* Enter alone at the first question stops the questions: the
		 * page's prompt says what else can be done (register instead
		 * of logging in). Later it leaves an optional field empty. */
		p = app_page(l->app);
		it = page_focused(p);
		if (it == NULL || it->field == NULL || (it->field->len == 0 && asked++ == 0))
			break;
		asked++;
		app_action(l->app, ACTION_NEXT_FIELD, 0);
		p = app_page(l->app);
		it = page_focused(p);
	}
	return asked ? 2 : 1;
}

int
line_main(const struct client_opts *opts)
{
	struct line l;
	struct app_hooks hooks = { line_hook_loading, line_hook_reset };
	const struct page *p;
	char *ans = NULL;
	size_t i;
	struct winsize ws;
	struct sigaction sa;
	const char *env;
	int r, fresh, walked, status = CLIENT_EXIT_OK;

	memset(&l, 0, sizeof(l));
	signal(SIGPIPE, SIG_IGN);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = line_on_alarm;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	l.out = 1;
	l.kiosk = opts->kiosk;
	l.idle = opts->idle_reset > 0 ? opts->idle_reset : 300;
	l.tty = isatty(0);
	line_reader_init(&l.in, 0);
	if ((env = getenv("LINES")) != NULL && atoi(env) > 2)
		l.rows = atoi(env);
	else if (l.tty && isatty(1) && ioctl(1, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 2)
		l.rows = ws.ws_row;

	if ((l.keys = keys_map_setup(opts->keymap)) == NULL ||
	    (l.app = app_new(opts, &hooks, &l)) == NULL) {
		fputs(_("mitwirkung: out of memory\n"), stderr);
		keys_map_free(l.keys);
		return CLIENT_EXIT_USAGE;
	}
	app_set_keymap(l.app, l.keys);
	app_set_viewport(l.app, l.rows > 0 ? l.rows - 3 : 1000, 0);
	for (i = 0; i < keys_map_nerrors(l.keys); i++)
		line_printf(&l, "%s\n", keys_map_error(l.keys, i));
	/* L10N: the first line in line mode. */
	line_puts(&l, _("MitWirkung Kaiserslautern, line mode. Type h for help.\n"));
	l.taught = LINE_T_HELP;

	for (;;) {
		p = app_page(l.app);
		fresh = l.last_said == NULL || l.last_said->where == NULL ||
		    strcmp(l.last_said->where, p->heading) != 0;
		if (fresh)
			l.asked = NULL;
		line_say(&l, p);

		if ((walked = line_walk_fields(&l, fresh)) == 0)
			break;
		p = app_page(l.app);
		if (page_focused(p) != NULL && page_focused(p)->field == NULL)
			l.asked = NULL;
		/* Fields filled in by the walk changed the page. What was
		 * just typed is not said back, unless a field refused it or
		 * the app has something to say. */
		if (walked == 2 && p->status == NULL && !line_field_errors(p))
			line_quiet(&l, p);
		else
			line_say(&l, p);

		line_prompt(&l, p);
		if (line_input(&l, &ans) <= 0) {
			line_puts(&l, "\n");
			break;
		}
		app_status_clear(l.app);
		r = line_handle(&l, app_page(l.app), ans);
		free(ans);
		ans = NULL;
		if (r == APP_QUIT)
			break;
	}
	for (i = 0; i < LINE_PAGES; i++)
		line_seen_clear(&l.seen[i]);
	line_prompt_forget(&l);
	free(l.last_status);
	line_reader_free(&l.in);
	app_free(l.app);
	keys_map_free(l.keys);
	return status;
}
