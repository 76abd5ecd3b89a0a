/* apierr.c — the table of API error codes with their messages, translated per request. */
#include "common/msglang.h"
#include "server/api/apierr.h"

struct apierr_row {
	const char	*code;
	unsigned int	 status;
	const char	*msgid;	/* English */
};

/* The messages are msgids (English); msglang_get() translates them into
 * the language of the request. */
static const struct apierr_row apierr_rows[APIERR_COUNT] = {
	[APIERR_NONE] = { "ok", 200, N_("OK") },
	[APIERR_BAD_REQUEST] = { "bad_request", 400,
	    N_("The request is malformed (not a valid JSON object, a wrong type "
	    "or a too long address).") },
	[APIERR_VALIDATION] = { "validation_failed", 422, N_("An input is invalid.") },
	[APIERR_UNAUTHORIZED] = { "unauthorized", 401,
	    N_("Please log in (the login is missing or has expired).") },
	[APIERR_INVALID_CREDENTIALS] = { "invalid_credentials", 401,
	    N_("Wrong name or password.") },
	[APIERR_NOT_CONFIRMED] = { "not_confirmed", 403,
	    N_("The account is not confirmed yet. Please use the code from the mail.") },
	[APIERR_FORBIDDEN] = { "forbidden", 403, N_("You are not allowed to do this.") },
	[APIERR_NOT_FOUND] = { "not_found", 404, N_("Not found.") },
	[APIERR_METHOD_NOT_ALLOWED] = { "method_not_allowed", 405,
	    N_("This method is not allowed here.") },
	[APIERR_CONFLICT] = { "conflict", 409,
	    N_("This already exists (name or email is taken).") },
	[APIERR_CLOSED] = { "closed", 409,
	    N_("Not possible now: participation is not open.") },
	[APIERR_RESULTS_HIDDEN] = { "results_hidden", 403,
	    N_("Results are published after the poll closes.") },
	[APIERR_RATE_LIMITED] = { "rate_limited", 429,
	    N_("Too many attempts. Please wait a while.") },
	[APIERR_PAYLOAD_TOO_LARGE] = { "payload_too_large", 413,
	    N_("The request is too large (at most 64 KiB).") },
	[APIERR_UNSUPPORTED_MEDIA] = { "unsupported_media_type", 415,
	    N_("Please send JSON (Content-Type: application/json).") },
	[APIERR_INTERNAL] = { "internal", 500,
	    N_("Internal error. Please try again later.") },
};

/* L10N: The reasons follow "Field "NAME"" in a validation error. */
static const char *const apierr_reasons[REASON_COUNT] = {
	[REASON_NONE] = N_("is invalid"),
	[REASON_REQUIRED] = N_("is missing or empty"),
	[REASON_TOO_SHORT] = N_("is too short"),
	[REASON_TOO_LONG] = N_("is too long"),
	[REASON_BAD_UTF8] = N_("is not valid UTF-8"),
	[REASON_CONTROL] = N_("contains control characters"),
	[REASON_BIDI] = N_("contains bidi control characters"),
	[REASON_FORMAT] = N_("does not have the expected form"),
	[REASON_TYPE] = N_("has the wrong type (or is null)"),
	[REASON_DUPLICATE] = N_("names a choice twice"),
	[REASON_UNKNOWN_OPTION] = N_("names an unknown choice, or too many"),
	[REASON_TOO_MANY] = N_("has too many or too few entries"),
	[REASON_RANGE] = N_("is out of range"),
	[REASON_ANSWER] = N_("does not fit the questions (foreign or repeated "
	    "question, missing required answer, invalid choice, text too long "
	    "or value outside the scale)"),
	[REASON_NEED_DE] = N_("needs a German text (\"de\")"),
};

const char *
apierr_code(enum apierr e)
{
	if ((int)e < 0 || e >= APIERR_COUNT)
		e = APIERR_INTERNAL;
	return apierr_rows[e].code;
}

unsigned int
apierr_status(enum apierr e)
{
	if ((int)e < 0 || e >= APIERR_COUNT)
		e = APIERR_INTERNAL;
	return apierr_rows[e].status;
}

const char *
apierr_message(enum apierr e, const char *lang)
{
	if ((int)e < 0 || e >= APIERR_COUNT)
		e = APIERR_INTERNAL;
	return msglang_get(lang, apierr_rows[e].msgid);
}

const char *
apierr_reason(enum apireason r, const char *lang)
{
	if ((int)r < 0 || r >= REASON_COUNT)
		r = REASON_NONE;
	return msglang_get(lang, apierr_reasons[r]);
}
