/* apierr.h — API error codes, their HTTP statuses and messages in the request language. */
#ifndef MW_API_APIERR_H
#define MW_API_APIERR_H

/* Error codes of api-v1.md, plus method_not_allowed (our extension). */
enum apierr {
	APIERR_NONE = 0,
	APIERR_BAD_REQUEST,
	APIERR_VALIDATION,
	APIERR_UNAUTHORIZED,
	APIERR_INVALID_CREDENTIALS,
	APIERR_NOT_CONFIRMED,
	APIERR_FORBIDDEN,
	APIERR_NOT_FOUND,
	APIERR_METHOD_NOT_ALLOWED,
	APIERR_CONFLICT,
	APIERR_CLOSED,
	APIERR_RESULTS_HIDDEN,
	APIERR_RATE_LIMITED,
	APIERR_PAYLOAD_TOO_LARGE,
	APIERR_UNSUPPORTED_MEDIA,
	APIERR_INTERNAL,
	APIERR_COUNT
};

/* Why a field failed validation; turned into a sentence by apierr_reason(). */
enum apireason {
	REASON_NONE = 0,
	REASON_REQUIRED,
	REASON_TOO_SHORT,
	REASON_TOO_LONG,
	REASON_BAD_UTF8,
	REASON_CONTROL,
	REASON_BIDI,
	REASON_FORMAT,
	REASON_TYPE,
	REASON_DUPLICATE,
	REASON_UNKNOWN_OPTION,
	REASON_TOO_MANY,
	REASON_RANGE,
	REASON_ANSWER,
	REASON_NEED_DE,
	REASON_COUNT
};

/* The code string, e.g. "validation_failed". Never NULL. */
const char *apierr_code(enum apierr e);
/* The HTTP status, e.g. 422. */
unsigned int apierr_status(enum apierr e);
/* The message in lang (a registry code; NULL or unknown: German). Never NULL. */
const char *apierr_message(enum apierr e, const char *lang);
/* A sentence for a validation reason in lang. Never NULL. */
const char *apierr_reason(enum apireason r, const char *lang);

#endif
