/* json.h — reading request bodies: a thin typed layer over the JSON parser
 * so that route code never touches cJSON. */
#ifndef MW_API_JSON_H
#define MW_API_JSON_H

#include <stddef.h>

/* A parsed JSON value (object, array, ...); borrowed from its document. */
struct jin;

/* Results of the getters. */
#define JIN_OK		 0
#define JIN_MISSING	-1	/* key absent or null */
#define JIN_TYPE	-2	/* present with the wrong type */

/*
 * Parses len bytes as one JSON object. Returns the document (free it with
 * jin_free()) or NULL for malformed JSON or a top level that is not an
 * object. An escaped NUL (\u0000), which the parser would cut silently,
 * is read as U+0001 so that the text rules refuse it for its field.
 */
struct jin	*jin_parse(const char *buf, size_t len);
void		 jin_free(struct jin *doc);

/* Member key of object o as a borrowed string. */
int	jin_str(const struct jin *o, const char *key, const char **out);
/* Member key as an integer (a JSON number without fraction). */
int	jin_int(const struct jin *o, const char *key, long long *out);
/* Member key as a number. */
int	jin_num(const struct jin *o, const char *key, double *out);
/* Member key as a boolean. */
int	jin_bool(const struct jin *o, const char *key, int *out);
/* Member key as an object (borrowed). */
int	jin_obj(const struct jin *o, const char *key, const struct jin **out);
/*
 * Member key as an array of integers: *out (caller frees) holds *n values.
 * An empty array gives JIN_OK with *out NULL and *n 0.
 */
int	jin_int_array(const struct jin *o, const char *key, long long **out,
	    size_t *n);
/* Member key as an array of objects: *n elements, read with jin_at(). */
int	jin_array(const struct jin *o, const char *key, size_t *n);
/* Element i of the array member key (must be an object), or NULL. */
const struct jin *jin_at(const struct jin *o, const char *key, size_t i);
/* 1 when member key is present with the value null. */
int	jin_is_null(const struct jin *o, const char *key);
/* 1 when o has member key (not null). */
int	jin_has(const struct jin *o, const char *key);

/*
 * Member key of an object as a map of string keys to integers, e.g.
 * counts: {"12": 40}. Fills keys (borrowed) and vals (caller frees both
 * arrays, not the strings) with *n entries.
 */
int	jin_int_map(const struct jin *o, const char *key, const char ***keys,
	    long long **vals, size_t *n);

/*
 * Member key as a translatable text: either a string (taken as German) or
 * an object {"de": "...", "en": "...", ...} of strings. Fills langs/texts
 * (borrowed strings; caller frees the two arrays) with *n pairs. An empty
 * object or a member that is not a string gives JIN_TYPE.
 */
int	jin_tr(const struct jin *o, const char *key, const char ***langs,
	    const char ***texts, size_t *n);

#endif
