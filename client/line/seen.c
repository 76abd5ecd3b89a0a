/* seen.c — what line mode said of a page, and what changed on it since: pure, no output. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "client/line/seen.h"

/* What identifies an item across rebuilds of the same page. */
char *
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
char *
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

void
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

void
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
int
line_seen_find(const struct line_seen *v, const char *key)
{
	size_t i;

	for (i = 0; key != NULL && i < v->n; i++)
		if (v->keys[i] != NULL && strcmp(v->keys[i], key) == 0)
			return (int)i;
	return -1;
}

int
line_seen_has_text(const struct line_seen *v, const char *t)
{
	size_t i;

	for (i = 0; i < v->ntext; i++)
		if (v->text[i] != NULL && strcmp(v->text[i], t) == 0)
			return 1;
	return 0;
}

int
line_seen_state_changed(const struct line_seen *v, const struct page_item *it)
{
	char *key = line_item_key(it);
	int j = line_seen_find(v, key);

	free(key);
	return j < 0 || v->state[j] == NULL ||
	    strcmp(v->state[j], it->state != NULL ? it->state : "") != 0;
}

int
line_seen_diff(const struct line_seen *v, const struct page *p, size_t *idx, size_t max)
{
	size_t i, changed = 0, fresh = 0;
	char *key, *said;
	int j, last = -1, moved = 0, differs;

	if (v->where == NULL || strcmp(v->where, p->heading) != 0)
		return -1;
	for (i = 0; i < p->n_item; i++) {
		key = line_item_key(&p->item[i]);
		said = line_item_said(&p->item[i]);
		j = line_seen_find(v, key);
		differs = j < 0 || v->said[j] == NULL || said == NULL || strcmp(v->said[j], said) != 0;
		free(key);
		free(said);
		if (differs) {
			if (changed == max)
				return -1;
			idx[changed++] = i;
		}
		if (j < 0)
			fresh++;
		if (j >= 0 && j < last)
			moved = 1;
		if (j >= 0)
			last = j;
	}
	/* Mostly other items (the next page of a list): said whole, with
	 * its groups. Items only renumbered or chosen are said as changes. */
	if (fresh > 0 && p->n_item > 4 && fresh * 2 > p->n_item + 2)
		return -1;
	/* Fewer items or several more (a filter, another page of a list),
	 * or the same items in a new order (sorted): what the list holds is
	 * what changed. One more item (a new comment) is said alone. */
	if (p->n_item < v->n || p->n_item > v->n + 1 || (moved && changed == 0))
		return -1;
	return (int)changed;
}
