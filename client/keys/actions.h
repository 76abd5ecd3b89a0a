/* actions.h — the actions screens handle; keymaps bind keys to them. */
#ifndef MW_CLIENT_ACTIONS_H
#define MW_CLIENT_ACTIONS_H

/*
 * Screens handle actions, never keys. The names (in keys.c's table) are
 * what a keymap file writes: "bind list Down down". Add new actions at
 * the end, before ACTION__COUNT, and give each a name and a help text.
 */
enum action {
	ACTION_NONE = 0,
	ACTION_UP,		/* up: focus the previous item */
	ACTION_DOWN,		/* down: focus the next item */
	ACTION_PAGE_UP,		/* page-up */
	ACTION_PAGE_DOWN,	/* page-down */
	ACTION_FIRST,		/* first */
	ACTION_LAST,		/* last */
	ACTION_OPEN,		/* open: open or activate the focused item */
	ACTION_BACK,		/* back: leave this screen */
	ACTION_HELP,		/* help */
	ACTION_QUIT,		/* quit */
	ACTION_JUMP,		/* jump: digits typed choose item N (arg = number) */
	ACTION_TOGGLE,		/* toggle: check / uncheck, choose an option */
	ACTION_MOVE_UP,		/* move-up: move a ranked choice up */
	ACTION_MOVE_DOWN,	/* move-down: move a ranked choice down */
	ACTION_REVIEW,		/* review: go to the review step of a ballot/form */
	ACTION_SEND,		/* send: send the reviewed ballot, idea, comment, answers */
	ACTION_EDIT,		/* edit: back from review to change */
	ACTION_WITHDRAW,	/* withdraw: delete own ballot */
	ACTION_SUPPORT,		/* support: support / stop supporting an idea */
	ACTION_COMMENT,		/* comment: write a comment */
	ACTION_REPLY,		/* reply: reply to the focused comment */
	ACTION_NEW_IDEA,	/* new-idea */
	ACTION_REPORT,		/* report: report an idea or comment */
	ACTION_RESULTS,		/* results: show poll results */
	ACTION_NEXT_PAGE,	/* next-page: next page of a list */
	ACTION_PREV_PAGE,	/* prev-page */
	ACTION_SORT,		/* sort: top / new */
	ACTION_FILTER,		/* filter: status / category of projects */
	ACTION_SEARCH,		/* search */
	ACTION_REFRESH,		/* refresh */
	ACTION_LOGIN,		/* login */
	ACTION_LOGOUT,		/* logout */
	ACTION_REGISTER,	/* register */
	ACTION_ACCOUNT,		/* account: my account */
	ACTION_MODERATION,	/* moderation: the moderation queue */
	ACTION_APPROVE,		/* approve (moderation) */
	ACTION_REJECT,		/* reject (moderation) */
	ACTION_HIDE,		/* hide (moderation) */
	ACTION_TALLY,		/* tally: enter an analog tally (staff) */
	ACTION_LANGUAGE,	/* language: the list of languages */
	ACTION_COLOR,		/* color: colour on / off */
	ACTION_MESSAGES,	/* messages: history of status messages */
	ACTION_HOME,		/* home: back to the project list */
	ACTION_NEXT_FIELD,	/* next-field: Tab in forms */
	ACTION_PREV_FIELD,	/* prev-field */
	ACTION_CANCEL,		/* cancel: leave a form or prompt keeping the draft */
	ACTION__COUNT
};

#endif
