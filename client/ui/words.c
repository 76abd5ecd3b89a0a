/* words.c — dates, states and texts said in words of the active language. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/ui/ui.h"
#include "common/lang.h"
#include "common/when.h"

static const char *const words_months[12] = {
	N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
	N_("July"), N_("August"), N_("September"), N_("October"), N_("November"),
	N_("December")
};

static char *
words_date(const char *when, int end, char *buf, size_t size)
{
	struct when_day d;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	if (when == NULL)
		return buf;
	if (when_day_of(when, end, &d) < 0) {
		snprintf(buf, size, "%s", when);
		return buf;
	}
	/* L10N: a date: %1$d day, %2$s month name, %3$d year ("30 April 2026";
	 * German "30. April 2026"). */
	snprintf(buf, size, _("%1$d %2$s %3$d"), d.day, _(words_months[d.month - 1]), d.year);
	return buf;
}

char *
ui_date(const char *when, char *buf, size_t size)
{
	return words_date(when, 0, buf, size);
}

char *
ui_end_date(const char *when, char *buf, size_t size)
{
	return words_date(when, 1, buf, size);
}

char *
ui_date_after(const char *when, const char *before, char *buf, size_t size)
{
	struct when_day d, b;

	if (size == 0 || when == NULL || before == NULL || when_day_of(when, 0, &d) < 0 ||
	    when_day_of(before, 0, &b) < 0 || b.year != d.year)
		return ui_date(when, buf, size);
	/* L10N: a date in the year of the date said just before it: %1$d day,
	 * %2$s month name ("19 November"; German "19. November"). */
	snprintf(buf, size, _("%1$d %2$s"), d.day, _(words_months[d.month - 1]));
	return buf;
}

const char *
ui_status_word(enum api_status status)
{
	switch (status) {
	/* L10N: states of projects, polls and surveys. */
	case API_STATUS_OPEN:
		return C_("state", "open");	/* German tells "offen" from "öffnen" */
	case API_STATUS_UPCOMING:
		return _("upcoming");
	case API_STATUS_CLOSED:
		return _("closed");
	/* L10N: moderation states of ideas and comments. */
	case API_STATUS_PENDING:
		return _("waiting for moderation");
	case API_STATUS_PUBLISHED:
		return _("published");
	case API_STATUS_REJECTED:
		return _("rejected");
	case API_STATUS_HIDDEN:
		return _("hidden by moderation");
	case API_STATUS_ACTIVE:
		return _("active");
	case API_STATUS_UNKNOWN:
		break;
	}
	return "";
}

const char *
ui_poll_kind_word(enum api_poll_kind kind)
{
	switch (kind) {
	/* L10N: kinds of polls. */
	case API_POLL_SINGLE:
		return _("one choice");
	case API_POLL_MULTIPLE:
		return _("several choices");
	case API_POLL_RANKING:
		return _("ranking");
	case API_POLL_UNKNOWN:
		break;
	}
	return "";
}

char *
ui_percent(double share, int decimals, char *buf, size_t size)
{
	char num[32], *dot;

	snprintf(num, sizeof(num), "%.*f", decimals, share * 100.0);
	/* L10N: the decimal separator of numbers ("32.3"; German ","). */
	if ((dot = strchr(num, '.')) != NULL && strcmp(C_("decimal", "."), ".") != 0)
		*dot = C_("decimal", ".")[0];
	/* L10N: a percentage: "32.3%" (German "32,3 %"). */
	snprintf(buf, size, _("%s%%"), num);
	return buf;
}

const char *
ui_tally_state_word(enum api_tally_state st)
{
	switch (st) {
	/* L10N: states of a paper sheet. */
	case API_TALLY_COUNTED:
		return _("counted");
	case API_TALLY_WAITING:
		return _("waiting for the second keying");
	case API_TALLY_MISMATCH:
		return _("the two keyings differ: not counted");
	case API_TALLY_WITHDRAWN:
		return _("withdrawn");
	case API_TALLY_UNKNOWN:
		break;
	}
	return "";
}

const char *
ui_paper_ranking_text(const struct api_poll *po, char *buf, size_t size)
{
	int m = po->max_choices > 0 ? po->max_choices : (int)po->n_options;

	snprintf(buf, size, ngettext(
	    "Paper rankings are counted like online ones: a first choice gets %d point, the next one point less, and so on.",
	    "Paper rankings are counted like online ones: a first choice gets %d points, the next one point less, and so on.",
	    (unsigned long)m), m);
	return buf;
}

void
ui_paper_ranking_note(struct page *p, const struct api_poll *po)
{
	char buf[256];

	page_add_text(p, PAGE_TEXT_NOTE, "%s", ui_paper_ranking_text(po, buf, sizeof(buf)));
}

const char *
ui_role_word(enum api_role role)
{
	switch (role) {
	/* L10N: roles of accounts, said on "My account". */
	case API_ROLE_CITIZEN:
		return C_("role", "citizen");
	case API_ROLE_MODERATOR:
		return C_("role", "moderator");
	case API_ROLE_STAFF:
		return C_("role", "city staff");
	case API_ROLE_ADMIN:
		return C_("role", "administrator");
	case API_ROLE_UNKNOWN:
		break;
	}
	return "";
}

void
ui_count_note(struct page *p, const char *lead, const char *what, size_t first,
    size_t shown, long total)
{
	char head[160];

	if (what != NULL)
		/* L10N: a list and its filter: "Closed projects, City Hall". */
		snprintf(head, sizeof(head), C_("filter", "%s, %s"), lead, what);
	else
		snprintf(head, sizeof(head), "%s", lead);
	if (first > 1 && total >= 0)
		/* L10N: a later page of a list: "Most support first: 21 to 34 of 34." */
		page_add_text(p, PAGE_TEXT_NOTE, _("%s: %zu to %zu of %ld."), head, first, shown, total);
	else if (total >= 0 && shown < (size_t)total)
		/* L10N: a list while more pages follow: "Open projects: 20 of 34." */
		page_add_text(p, PAGE_TEXT_NOTE, _("%s: %zu of %ld."), head, shown, total);
	else
		/* L10N: a whole list: "Open projects: 4." */
		page_add_text(p, PAGE_TEXT_NOTE, _("%s: %zu."), head, shown);
}

char *
ui_window_text(enum api_status status, const char *opens, const char *closes, char *buf, size_t size)
{
	char a[64], b[64];

	ui_date(opens, a, sizeof(a));
	ui_end_date(closes, b, sizeof(b));
	if (status == API_STATUS_OPEN && closes != NULL)
		/* L10N: %s is a date. */
		snprintf(buf, size, _("open until %s"), b);
	else if (status == API_STATUS_UPCOMING && opens != NULL)
		snprintf(buf, size, _("opens on %s"), a);
	else if (status == API_STATUS_CLOSED && closes != NULL)
		snprintf(buf, size, _("closed on %s"), b);
	else
		snprintf(buf, size, "%s", ui_status_word(status));
	return buf;
}

int
ui_lang_note(struct page *p, const char *lang, enum page_text_kind kind)
{
	const struct lang *tl;

	if (lang == NULL || strcmp(lang, i18n_lang()) == 0 ||
	    (tl = lang_find(lang)) == NULL)
		return 0;
	/* L10N: %s is the language's own name: "Deutsch". */
	page_add_text(p, kind,
	    _("This text is only available in %s."), tl->name);
	return 1;
}

void
ui_add_paragraphs(struct page *p, const char *text)
{
	const char *s = text, *e;

	if (text == NULL)
		return;
	while (*s != '\0') {
		while (*s == '\n')
			s++;
		if (*s == '\0')
			break;
		e = strstr(s, "\n\n");
		if (e == NULL)
			e = s + strlen(s);
		page_add_text(p, PAGE_TEXT_PARA, "%.*s", (int)(e - s), s);
		s = e;
	}
}

char *
ui_name(const char *fmt, const char *name, char *buf, size_t size)
{
	size_t n;

	if (size == 0)
		return buf;
	snprintf(buf, size, "%s", name != NULL ? name : "");
	/* Only where the name ends the sentence: a translation may put
	 * it before the verb ("%s olarak giriş yapıldı."). */
	if (fmt != NULL && strstr(fmt, "%s.") == NULL)
		return buf;
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
	return buf;
}
