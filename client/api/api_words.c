/* api_words.c — the API's words for poll and question kinds, states and roles, in one place. */
#include <stddef.h>
#include <string.h>

#include "client/api/api.h"

static const char *const api_poll_kind_words[] = {
	[API_POLL_UNKNOWN] = "", [API_POLL_SINGLE] = "single",
	[API_POLL_MULTIPLE] = "multiple", [API_POLL_RANKING] = "ranking",
};

static const char *const api_question_kind_words[] = {
	[API_QUESTION_UNKNOWN] = "", [API_QUESTION_SINGLE] = "single",
	[API_QUESTION_MULTIPLE] = "multiple", [API_QUESTION_TEXT] = "text",
	[API_QUESTION_SCALE] = "scale",
};

static const char *const api_status_words[] = {
	[API_STATUS_UNKNOWN] = "", [API_STATUS_UPCOMING] = "upcoming",
	[API_STATUS_OPEN] = "open", [API_STATUS_CLOSED] = "closed",
	[API_STATUS_PENDING] = "pending", [API_STATUS_PUBLISHED] = "published",
	[API_STATUS_REJECTED] = "rejected", [API_STATUS_HIDDEN] = "hidden",
	[API_STATUS_ACTIVE] = "active",
};

static const char *const api_role_words[] = {
	[API_ROLE_UNKNOWN] = "", [API_ROLE_CITIZEN] = "citizen",
	[API_ROLE_MODERATOR] = "moderator", [API_ROLE_STAFF] = "staff",
	[API_ROLE_ADMIN] = "admin",
};

#define NWORDS(a) (sizeof(a) / sizeof((a)[0]))

/* The word of value v in a table of n words; "" when out of range. */
static const char *
api_word(const char *const *words, size_t n, unsigned int v)
{
	return v < n ? words[v] : "";
}

/* The index of word in a table (0, the unknown value, when not there). */
static unsigned int
api_word_index(const char *const *words, size_t n, const char *word)
{
	size_t i;

	if (word == NULL || *word == '\0')
		return 0;
	for (i = 1; i < n; i++)
		if (strcmp(words[i], word) == 0)
			return (unsigned int)i;
	return 0;
}

const char *
api_poll_kind_name(enum api_poll_kind k)
{
	return api_word(api_poll_kind_words, NWORDS(api_poll_kind_words), k);
}

const char *
api_question_kind_name(enum api_question_kind k)
{
	return api_word(api_question_kind_words, NWORDS(api_question_kind_words), k);
}

const char *
api_status_name(enum api_status s)
{
	return api_word(api_status_words, NWORDS(api_status_words), s);
}

const char *
api_role_name(enum api_role r)
{
	return api_word(api_role_words, NWORDS(api_role_words), r);
}

enum api_poll_kind
api_poll_kind_parse(const char *word)
{
	return (enum api_poll_kind)api_word_index(api_poll_kind_words,
	    NWORDS(api_poll_kind_words), word);
}

enum api_question_kind
api_question_kind_parse(const char *word)
{
	return (enum api_question_kind)api_word_index(api_question_kind_words,
	    NWORDS(api_question_kind_words), word);
}

enum api_status
api_status_parse(const char *word)
{
	return (enum api_status)api_word_index(api_status_words,
	    NWORDS(api_status_words), word);
}

enum api_role
api_role_parse(const char *word)
{
	return (enum api_role)api_word_index(api_role_words,
	    NWORDS(api_role_words), word);
}
