/* page.c — building and freeing pages; the data every renderer shows. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/ui/page.h"

static char *page_vfmt(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

static char *
page_vfmt(const char *fmt, va_list ap)
{
	char *s = NULL;

	if (fmt == NULL)
		return NULL;
	if (vasprintf(&s, fmt, ap) < 0)
		return NULL;
	return s;
}

struct page *
page_new(void)
{
	struct page *p = calloc(1, sizeof(*p));

	if (p == NULL)
		return NULL;
	p->focus = -1;
	p->context = "list";
	return p;
}

void
page_clear(struct page *p)
{
	size_t i;

	if (p == NULL)
		return;
	free(p->breadcrumb);
	free(p->heading);
	for (i = 0; i < p->n_text; i++)
		free(p->text[i].text);
	free(p->text);
	for (i = 0; i < p->n_item; i++) {
		free(p->item[i].label);
		free(p->item[i].detail);
		free(p->item[i].state);
		free(p->item[i].state_brief);
		free(p->item[i].group);
	}
	free(p->item);
	for (i = 0; i < p->n_action; i++)
		free(p->action[i].label);
	free(p->action);
	memset(p, 0, sizeof(*p));
	p->focus = -1;
	p->context = "list";
}

void
page_free(struct page *p)
{
	if (p == NULL)
		return;
	page_clear(p);
	free(p);
}

int
page_set_heading(struct page *p, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = page_vfmt(fmt, ap);
	va_end(ap);
	if (s == NULL)
		return -1;
	free(p->heading);
	p->heading = s;
	return 0;
}

int
page_set_breadcrumb(struct page *p, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = page_vfmt(fmt, ap);
	va_end(ap);
	if (s == NULL)
		return -1;
	free(p->breadcrumb);
	p->breadcrumb = s;
	return 0;
}

int
page_add_text(struct page *p, enum page_text_kind kind, const char *fmt, ...)
{
	struct page_text *t;
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = page_vfmt(fmt, ap);
	va_end(ap);
	if (s == NULL)
		return -1;
	t = realloc(p->text, (p->n_text + 1) * sizeof(*t));
	if (t == NULL) {
		free(s);
		return -1;
	}
	p->text = t;
	t[p->n_text].kind = kind;
	t[p->n_text].text = s;
	t[p->n_text].brief = 0;
	p->n_text++;
	return 0;
}

int
page_add_action(struct page *p, enum action action, const char *label)
{
	struct page_action *a;
	char *s;

	if (page_offers(p, action))
		return 0;
	if ((s = strdup(label != NULL ? label : "")) == NULL)
		return -1;
	a = realloc(p->action, (p->n_action + 1) * sizeof(*a));
	if (a == NULL) {
		free(s);
		return -1;
	}
	p->action = a;
	a[p->n_action].action = action;
	a[p->n_action].label = s;
	p->n_action++;
	return 0;
}

struct page_item *
page_add_item(struct page *p, enum page_item_kind kind, const char *label)
{
	struct page_item *items, *it;
	char *s;

	if ((s = strdup(label != NULL ? label : "")) == NULL)
		return NULL;
	items = realloc(p->item, (p->n_item + 1) * sizeof(*items));
	if (items == NULL) {
		free(s);
		return NULL;
	}
	p->item = items;
	it = &items[p->n_item];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	it->label = s;
	/* Every item can take the focus, so every item carries its number. */
	it->number = (int)p->n_item + 1;
	p->n_item++;
	return it;
}

static int page_item_set(char **dst, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static int
page_item_set(char **dst, const char *fmt, va_list ap)
{
	char *s = NULL;

	if (fmt != NULL && (s = page_vfmt(fmt, ap)) == NULL)
		return -1;
	free(*dst);
	*dst = s;
	return 0;
}

int
page_item_detail(struct page_item *it, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = page_item_set(&it->detail, fmt, ap);
	va_end(ap);
	return rc;
}

int
page_item_state(struct page_item *it, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = page_item_set(&it->state, fmt, ap);
	va_end(ap);
	return rc;
}

int
page_item_state_brief(struct page_item *it, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = page_item_set(&it->state_brief, fmt, ap);
	va_end(ap);
	return rc;
}

int
page_item_group(struct page_item *it, const char *group)
{
	char *s = NULL;

	if (group != NULL && (s = strdup(group)) == NULL)
		return -1;
	free(it->group);
	it->group = s;
	return 0;
}

int
page_find_number(const struct page *p, int n)
{
	size_t i;

	if (p == NULL || n <= 0)
		return -1;
	for (i = 0; i < p->n_item; i++)
		if (p->item[i].number == n)
			return (int)i;
	return -1;
}

int
page_offers(const struct page *p, enum action a)
{
	size_t i;

	if (p == NULL)
		return 0;
	for (i = 0; i < p->n_action; i++)
		if (p->action[i].action == a)
			return 1;
	return 0;
}

const struct page_item *
page_focused(const struct page *p)
{
	if (p == NULL || p->focus < 0 || (size_t)p->focus >= p->n_item)
		return NULL;
	return &p->item[p->focus];
}

char *
page_bar(double share, size_t width, char *buf)
{
	size_t n, i;

	if (share != share || share < 0)	/* NaN or negative */
		share = 0;
	if (share > 1)
		share = 1;
	n = (size_t)(share * (double)width + 0.5);
	if (n == 0 && share > 0 && width > 0)
		n = 1;
	for (i = 0; i < width; i++)
		buf[i] = i < n ? '#' : ' ';
	buf[width] = '\0';
	return buf;
}
