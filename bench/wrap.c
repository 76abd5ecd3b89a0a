/* wrap.c — how long the client takes to lay out a hostile text: one
 * 100,000-character word (and 30,000 CJK characters with combining marks)
 * from the platform, sanitised, wrapped and put on an 80x24 canvas. Prints
 * the median of 9 frames in ms; target under 50 ms. Asserts nothing.
 * Build and run: make bench-wrap */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "client/term/canvas.h"
#include "client/term/layout.h"
#include "client/ui/page.h"
#include "common/text.h"

#define ROUNDS	9

static double
bench_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
bench_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static char *
bench_repeat(const char *unit, size_t n)
{
	size_t ul = strlen(unit), i;
	char *s = malloc(ul * n + 1);

	if (s == NULL)
		exit(1);
	for (i = 0; i < n; i++)
		memcpy(s + i * ul, unit, ul);
	s[ul * n] = '\0';
	return s;
}

/* One frame: the text goes through the sanitiser (as every network text
 * does) onto a page, which is laid out on the canvas. */
static double
bench_frame(const char *raw)
{
	struct layout l;
	struct canvas *c = canvas_new(24, 80);
	struct page *p = page_new();
	char *clean;
	double t0 = bench_ms(), t;

	clean = text_sanitize(raw, strlen(raw), TEXT_MULTILINE);
	page_set_heading(p, "%s", "Idee");
	page_add_text(p, PAGE_TEXT_PARA, "%s", clean);
	layout_init(&l);
	if (layout_page(&l, p, NULL, NULL, NULL, c) != 0)
		fprintf(stderr, "layout failed\n");
	t = bench_ms() - t0;
	layout_free(&l);
	page_free(p);
	canvas_free(c);
	free(clean);
	return t;
}

static void
bench_run(const char *what, const char *raw)
{
	double t[ROUNDS];
	int i;

	for (i = 0; i < ROUNDS; i++)
		t[i] = bench_frame(raw);
	qsort(t, ROUNDS, sizeof(t[0]), bench_cmp);
	printf("%-46s median %7.2f ms, max %7.2f ms (target < 50 ms)\n", what,
	    t[ROUNDS / 2], t[ROUNDS - 1]);
}

int
main(void)
{
	char *s;

	s = bench_repeat("x", 100000);
	bench_run("one word of 100,000 characters", s);
	free(s);
	s = bench_repeat("\xe4\xb8\xad\xcc\x81", 30000);
	bench_run("30,000 CJK characters with combining marks", s);
	free(s);
	s = bench_repeat("ab ", 33333);
	bench_run("100,000 characters of short words", s);
	free(s);
	return 0;
}
