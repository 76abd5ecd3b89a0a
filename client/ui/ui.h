/* ui.h — private to client/ui: the app's state, the screen table and helpers screens share. */
#ifndef MW_CLIENT_UI_UI_H
#define MW_CLIENT_UI_UI_H

#include <stddef.h>

#include "client/api/api.h"
#include "client/client.h"
#include "client/i18n.h"
#include "client/ui/app.h"
#include "client/ui/field.h"
#include "client/ui/page.h"

/* A screen's action callback returns this when it does not take the
 * action, so the app's common handling runs. */
#define SCREEN_PASS	2

struct app;
struct screen;

/*
 * A screen is a table of callbacks, as tmux's window modes are. Every
 * callback but build may be NULL.
 * - load: fetches the screen's data (again: after login, language switch,
 *   refresh). Returns 0, or -1 after ui_fail() has said why.
 * - build: turns the screen's data into the page (never fetches).
 * - action: returns APP_OK, APP_QUIT, APP_ERR or SCREEN_PASS.
 * - review: adds to a review page what is about to be sent.
 * - send: sends the reviewed draft; returns 0 (the screen has popped
 *   itself and said so) or -1 (nothing lost; the status says why).
 * - free: frees data; a form keeps its unsent text as a draft first.
 * - unsent: says what typed text or changed choice would be left behind
 *   by leaving the screen ("Your idea is not sent."), or NULL when
 *   nothing would be; the app then asks before leaving.
 * - field_check: checks field f as the person leaves it: 0, or -1 with
 *   f->error saying what is wrong and what is allowed.
 */
struct screen_type {
	const char	*name;
	int		(*load)(struct app *, struct screen *);
	void		(*build)(struct app *, struct screen *, struct page *);
	int		(*action)(struct app *, struct screen *, enum action, int);
	void		(*review)(struct app *, struct screen *, struct page *);
	int		(*send)(struct app *, struct screen *);
	void		(*free)(struct app *, struct screen *);
	const char	*(*unsent)(struct app *, struct screen *);
	int		(*field_check)(struct app *, struct screen *, struct page_field *);
};

struct screen {
	const struct screen_type *type;
	void		*data;
	int		 focus;		/* item index kept across rebuilds */
	int		 loaded;
	int		 failed;	/* the last load failed; refresh tries again */
	char		*error;		/* why it failed (translated) */
	int		 need_login;	/* it failed for want of a login */
	struct screen	*below;
};

/* Unsent text kept in memory under a key ("idea:12", "poll:3"). */
struct ui_draft {
	char		*key;
	char		**text;
	size_t		 n;
	struct ui_draft	*next;
};

struct app {
	struct client_opts	 opts;
	struct app_hooks	 hooks;
	void			*ud;
	struct api		*api;
	struct screen		*top;
	struct page		*page;
	int			 dirty;
	int			 rows;
	int			 cols;
	char			*status;
	char			**msgs;
	size_t			 n_msgs;
	struct ui_draft		*drafts;
	struct api_user		*me;	/* NULL when logged out or not yet asked */
	char			*last_user;	/* whose session ended (for the login); never in kiosk mode */
	int			 me_asked;
	char			*default_lang;
	const struct keys_map	*keys;		/* the renderer's, borrowed */
	int			 confirmed;	/* the next action was confirmed (ui_confirm) */
	struct keys_map		*own_keys;	/* loaded here when none was given */
	char			*refused;	/* why the last action failed, said on the
						 * focused line until the next key */
	const struct screen	*refused_on;	/* the screen and item it failed on */
	int			 refused_focus;
	int			 in_load;	/* a screen's load runs: its page says
						 * why it failed, not the focused line */
	int			 leave_check;	/* a field is checked as the focus leaves
						 * it (app_set_leave_check) */
	/* An action that opened the login form; done once when that form
	 * logs in (ui_resume()), forgotten when either screen goes. */
	struct screen		*pend_login;	/* the login form it opened */
	struct screen		*pend_on;	/* the screen it was asked on */
	enum action		 pend_action;
	int			 pend_arg;
	int			 resuming;	/* the action runs again after a login */
};


/* Pushes a new screen on top (data owned by the screen from now on, also
 * when this fails). Returns 0 or -1. */
int	ui_push(struct app *app, const struct screen_type *type, void *data);
/* Like ui_push() for data that is already fetched: the screen is not
 * loaded again until a refresh, login or language switch. */
int	ui_push_loaded(struct app *app, const struct screen_type *type, void *data);
/* Pops the top screen (never the last one). */
void	ui_pop(struct app *app);
/* Pops every screen above s (s stays). */
void	ui_pop_to(struct app *app, struct screen *s);
/* Marks every screen for a fresh load (after login, logout, language). */
void	ui_invalidate(struct app *app);

/* Forgets the login everywhere: in the API handle, on disk (not in kiosk
 * mode, which never wrote it), in memory. */
void	ui_drop_login(struct app *app);

/* Sets the status line and keeps it in the history. */
void	ui_status(struct app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/*
 * Says why the last API call failed, beginning with what (translated,
 * "Your vote was not sent."). With keeps_text the person is told nothing
 * is lost; a 401 then opens the login screen on top, which returns here
 * after logging in. Outside a screen's load (an action: a send, a login)
 * the message is also said on the focused item's line (page.refused),
 * where a braille window is. Returns -1 for convenience.
 */
int	ui_fail(struct app *app, const char *what, int keeps_text);
/* ui_fail() for an action with nothing typed (export, withdraw): when the
 * session has ended it is dropped and the login opens on top, so the next
 * try works instead of failing the same way. Returns -1. */
int	ui_fail_action(struct app *app, const char *what);
/* The login form login (still on the stack) succeeded: 1 when it was
 * opened by an action the person asked for, which ui_resume() then does
 * after the form is popped; 0 (and forgotten) otherwise. */
int	ui_login_resumes(struct app *app, const struct screen *login);
/* Does the action that opened the login form once, on the screen it was
 * asked on (now the top), with its own result or error message. */
void	ui_resume(struct app *app);
/* 1 while ui_resume() runs the action again. */
int	ui_resuming(const struct app *app);
/* Forgets that action (the person registers instead: nothing is sent
 * unseen). */
void	ui_resume_drop(struct app *app);

/* Tells the renderer once that a request is under way. */
void	ui_loading(struct app *app);

/* The logged-in person's role is at least role ("moderator", "staff"). */
int	ui_role_at_least(const struct app *app, enum api_role role);

/* Drafts: save copies n texts under key, load fills at most n fields (returns
 * 1 when a draft was found), drop forgets it (wiping the text). */
int	ui_draft_save(struct app *app, const char *key, const char *const *text, size_t n);
int	ui_draft_load(struct app *app, const char *key, char ***text, size_t *n);
void	ui_draft_drop(struct app *app, const char *key);

/* Writes the Kaiserslautern (Europe/Berlin) day of an RFC 3339 time or
 * YYYY-MM-DD into buf in words of the active language ("30 April 2026"),
 * whatever the machine's time zone; the raw text when it cannot be read.
 * Returns buf. ui_end_date() is for ends (closing times, end dates): an end
 * at midnight belongs to the day before. */
char	*ui_date(const char *when, char *buf, size_t size);
char	*ui_end_date(const char *when, char *buf, size_t size);
/* As ui_date, without the year when it is the year of before (a date said
 * just before on the page; NULL: the year is said). Writes into buf. */
char	*ui_date_after(const char *when, const char *before, char *buf, size_t size);

/* A person's name for the format fmt (as translated): where "%s." ends
 * a sentence (or fmt is NULL), name without its trailing periods, so
 * "Logged in as %s." never says "Anna B.."; elsewhere name as it is.
 * Returns buf ("" for NULL). */
char	*ui_name(const char *fmt, const char *name, char *buf, size_t size);

/* Status words of projects, polls, ideas and comments ("open", "waiting
 * for moderation"); unknown values are returned as given. */
const char *ui_status_word(enum api_status status);
/* An account's role in words ("citizen" -> "Bürgerin oder Bürger"). */
const char *ui_role_word(enum api_role role);
/* A share 0..1 as a percentage of the language ("32.3%", "32,3 %"), into
 * buf; returns buf. */
char	*ui_percent(double share, int decimals, char *buf, size_t size);
/* The state of a paper sheet in words ("counted", "waiting for ..."). */
const char *ui_tally_state_word(enum api_tally_state st);
/* 1 when the API takes from the account me (0: not known) a second
 * keying of sheet t (slot 0) or a correction of its keying slot (1, 2):
 * not a second keying by the first keyer, not a correction of one keying
 * by the keyer of the other. Pure. */
int	 ui_tally_may(const struct api_tally_sheet *t, long long me, int slot);
/* How paper rankings of poll po are counted, in a sentence (into buf),
 * and as a paragraph of page p. */
const char *ui_paper_ranking_text(const struct api_poll *po, char *buf, size_t size);
void	ui_paper_ranking_note(struct page *p, const struct api_poll *po);
/* A kind of poll in words ("ranking" -> "Rangfolge"). */
const char *ui_poll_kind_word(enum api_poll_kind kind);
/* "open until 30 April 2026", "closed on 1 May 2026", "opens on ...". */
char	*ui_window_text(enum api_status status, const char *opens, const char *closes,
	    char *buf, size_t size);
/* Adds the note that counts a list: "Open projects: 4.", with what
 * (may be NULL) "Closed projects, City Hall: 2.", "20 of 34" while
 * more pages follow, "21 to 34 of 34" on a later page (first is the
 * number of the first item shown, counted from 1; last of the last). */
void	 ui_count_note(struct page *p, const char *lead, const char *what, size_t first,
	    size_t last, long total);

/* The choices ids of poll p in words: "1. Lautern tanzt, 2. Roundnet"
 * for a ranking, else "Lautern tanzt, Roundnet". Caller frees; NULL when
 * out of memory. */
char	*ui_ballot_text(const struct api_poll *p, const long long *ids, size_t n);

/* Adds a short text of kind (PAGE_TEXT_NOTE, or PAGE_TEXT_PARA to go
 * with a long text that a brief view leaves out), in the page's language,
 * that the text above or below is only in lang (a city text the server
 * gave in a fallback language); nothing when lang is NULL, unknown or the
 * language in use. Returns 1 when it added it. */
int	ui_lang_note(struct page *p, const char *lang, enum page_text_kind kind);

/* Adds the common paragraphs of a multi-line text (split at blank lines). */
void	ui_add_paragraphs(struct page *p, const char *text);

/* Adds comments as items of a "Comments (N)" group, replies indented and
 * carrying the id of their top comment (replies are one level deep), so
 * replying to any of them works. ref tags the items. A date leaves out
 * its year when it is the year of the date said before (since, or NULL). */
void	ui_add_comments(struct page *p, const struct api_comment_list *l, int ref,
	    const char *since);
/* The comment a reply to comment id goes under: its top comment. */
long long ui_reply_target(const struct api_comment_list *l, long long id);

/* Cursor paging of a list screen: after is the cursor of the page shown
 * (NULL for the first), prev the cursors of the pages before it. */
#define UI_PAGE_SIZE	20

struct ui_pager {
	char	 *after;
	char	**prev;
	size_t	  n_prev;
};

/* Goes on to the page at cursor next: 0, 1 when next is NULL (last page), -1. */
int	ui_pager_next(struct ui_pager *pg, const char *next);
/* Goes back one page: 0, or 1 on the first page. */
int	ui_pager_prev(struct ui_pager *pg);
void	ui_pager_reset(struct ui_pager *pg);
/* One step (dir > 0 next, else earlier) for screen s: says when there is
 * no such page, else marks s for loading with the focus on top. */
int	ui_pager_step(struct app *app, struct screen *s, struct ui_pager *pg, const char *next, int dir);

/* Screens that other screens open. */
int	scr_projects_open(struct app *app);
int	scr_project_open(struct app *app, long long id);
int	scr_ideas_open(struct app *app, long long project_id, const char *project_title);
int	scr_idea_open(struct app *app, long long id);
int	scr_poll_open(struct app *app, long long id);
int	scr_results_open(struct app *app, long long poll_id, const char *title);
int	scr_review_open(struct app *app);
int	scr_login_open(struct app *app);
int	scr_register_open(struct app *app);
int	scr_confirm_open(struct app *app);
/* The confirm form with login (may be NULL) filled in, focus on the code. */
int	scr_confirm_open_for(struct app *app, const char *login);
int	scr_idea_form_open(struct app *app, long long project_id, const char *project_title);
int	scr_comment_form_open(struct app *app, long long idea_id, long long project_id,
	    long long parent_id, const char *about);
int	scr_account_open(struct app *app);
/* My SSH keys (list, add, remove), and the offer to remember the key of
 * this ssh connection (does nothing and returns 0 without one). */
int	scr_keys_open(struct app *app);
int	scr_remember_key_open(struct app *app);
/* Reports an idea (idea_id) or a comment (comment_id, idea_id 0). */
int	scr_report_open(struct app *app, long long idea_id, long long comment_id, const char *about);
int	scr_help_open(struct app *app);
int	scr_messages_open(struct app *app);
int	scr_end_session_open(struct app *app);
/*
 * Asks before doing action then: a page with heading and text (both
 * translated, copied) and two buttons, "no" first with the focus (Esc
 * and Back also say no). "Yes" closes the page and runs then with the
 * question answered, so the screen that asked (ui_confirmed()) goes on.
 * Returns 0 or -1.
 */
int	ui_confirm(struct app *app, enum action then, const char *heading, const char *text,
	    const char *yes, const char *no);
/* Returns 1 once when the action running now was confirmed by ui_confirm(). */
int	ui_confirmed(struct app *app);
int	scr_lang_open(struct app *app);
int	scr_survey_open(struct app *app, long long id);
int	scr_moderation_open(struct app *app);
/* The keying form of a new paper sheet; the paper sheets of a poll. */
int	scr_tally_open(struct app *app, long long poll_id);
int	scr_tallies_open(struct app *app, long long poll_id);

/* The same screens opened with API objects already fetched; the screen
 * owns them from now on (also on failure). Used by tests to build every
 * page from hand-made objects, without a network. */
int	scr_projects_with(struct app *app, struct api_project_list *l);
int	scr_project_with(struct app *app, struct api_project *p, struct api_comment_list *c);
int	scr_ideas_with(struct app *app, long long project_id, const char *title,
	    struct api_idea_list *l);
int	scr_idea_with(struct app *app, struct api_idea *i, struct api_comment_list *c);
int	scr_poll_with(struct app *app, struct api_poll *p);
int	scr_results_with(struct app *app, const char *title, struct api_results *r);
int	scr_survey_with(struct app *app, struct api_survey *sv);
int	scr_account_with(struct app *app, struct api_user *me, struct api_activity *act);
int	scr_keys_with(struct app *app, struct api_sshkey_list *l);

#endif
