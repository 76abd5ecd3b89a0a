/* apierr.c — the table of API error codes with German and English texts. */
#include <string.h>

#include "server/api/apierr.h"

struct apierr_row {
	const char	*code;
	unsigned int	 status;
	const char	*de;
	const char	*en;
};

static const struct apierr_row apierr_rows[APIERR_COUNT] = {
	[APIERR_NONE] = { "ok", 200, "OK", "OK" },
	[APIERR_BAD_REQUEST] = { "bad_request", 400,
	    "Die Anfrage ist fehlerhaft (kein gültiges JSON-Objekt, falscher "
	    "Typ oder zu lange Adresse).",
	    "The request is malformed (not a valid JSON object, a wrong type "
	    "or a too long address)." },
	[APIERR_VALIDATION] = { "validation_failed", 422,
	    "Eine Eingabe ist ungültig.", "An input is invalid." },
	[APIERR_UNAUTHORIZED] = { "unauthorized", 401,
	    "Bitte melden Sie sich an (Anmeldung fehlt oder ist abgelaufen).",
	    "Please log in (the login is missing or has expired)." },
	[APIERR_INVALID_CREDENTIALS] = { "invalid_credentials", 401,
	    "Name oder Passwort ist falsch.", "Wrong name or password." },
	[APIERR_NOT_CONFIRMED] = { "not_confirmed", 403,
	    "Das Konto ist noch nicht bestätigt. Bitte nutzen Sie den Code aus der E-Mail.",
	    "The account is not confirmed yet. Please use the code from the mail." },
	[APIERR_FORBIDDEN] = { "forbidden", 403,
	    "Dafür fehlt Ihnen die Berechtigung.",
	    "You are not allowed to do this." },
	[APIERR_NOT_FOUND] = { "not_found", 404,
	    "Nicht gefunden.", "Not found." },
	[APIERR_METHOD_NOT_ALLOWED] = { "method_not_allowed", 405,
	    "Diese Methode ist hier nicht erlaubt.",
	    "This method is not allowed here." },
	[APIERR_CONFLICT] = { "conflict", 409,
	    "Das gibt es schon (Name oder E-Mail ist vergeben).",
	    "This already exists (name or email is taken)." },
	[APIERR_CLOSED] = { "closed", 409,
	    "Das ist gerade nicht möglich: die Beteiligung ist nicht offen.",
	    "Not possible now: participation is not open." },
	[APIERR_RESULTS_HIDDEN] = { "results_hidden", 403,
	    "Die Ergebnisse werden erst nach dem Ende veröffentlicht.",
	    "Results are published after the poll closes." },
	[APIERR_RATE_LIMITED] = { "rate_limited", 429,
	    "Zu viele Versuche. Bitte warten Sie etwas.",
	    "Too many attempts. Please wait a while." },
	[APIERR_PAYLOAD_TOO_LARGE] = { "payload_too_large", 413,
	    "Die Anfrage ist zu groß (höchstens 64 KiB).",
	    "The request is too large (at most 64 KiB)." },
	[APIERR_UNSUPPORTED_MEDIA] = { "unsupported_media_type", 415,
	    "Bitte senden Sie JSON (Content-Type: application/json).",
	    "Please send JSON (Content-Type: application/json)." },
	[APIERR_INTERNAL] = { "internal", 500,
	    "Interner Fehler. Bitte versuchen Sie es später noch einmal.",
	    "Internal error. Please try again later." },
};

static const char *const apierr_reasons[REASON_COUNT][2] = {
	[REASON_NONE] = { "ungültig", "invalid" },
	[REASON_REQUIRED] = { "fehlt oder ist leer", "is missing or empty" },
	[REASON_TOO_SHORT] = { "ist zu kurz", "is too short" },
	[REASON_TOO_LONG] = { "ist zu lang", "is too long" },
	[REASON_BAD_UTF8] = { "ist kein gültiges UTF-8", "is not valid UTF-8" },
	[REASON_CONTROL] = { "enthält Steuerzeichen", "contains control characters" },
	[REASON_BIDI] = { "enthält Richtungssteuerzeichen",
	    "contains bidi control characters" },
	[REASON_FORMAT] = { "hat nicht die erwartete Form",
	    "does not have the expected form" },
	[REASON_TYPE] = { "hat den falschen Typ (oder ist null)",
	    "has the wrong type (or is null)" },
	[REASON_DUPLICATE] = { "enthält eine Auswahl doppelt",
	    "names a choice twice" },
	[REASON_UNKNOWN_OPTION] = { "nennt eine unbekannte Auswahl oder zu viele",
	    "names an unknown choice, or too many" },
	[REASON_TOO_MANY] = { "hat zu viele oder zu wenige Einträge",
	    "has too many or too few entries" },
	[REASON_RANGE] = { "liegt außerhalb des erlaubten Bereichs",
	    "is out of range" },
	[REASON_ANSWER] = { "passt nicht zu den Fragen (fremde oder doppelte "
	    "Frage, fehlende Pflichtantwort, ungültige Auswahl, zu langer Text "
	    "oder Wert außerhalb der Skala)", "does not fit the questions "
	    "(foreign or repeated question, missing required answer, invalid "
	    "choice, text too long or value outside the scale)" },
	[REASON_NEED_DE] = { "braucht einen deutschen Text (\"de\")",
	    "needs a German text (\"de\")" },
};

static int
apierr_is_en(const char *lang)
{
	return lang != NULL && strcmp(lang, "en") == 0;
}

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
	return apierr_is_en(lang) ? apierr_rows[e].en : apierr_rows[e].de;
}

const char *
apierr_reason(enum apireason r, const char *lang)
{
	if ((int)r < 0 || r >= REASON_COUNT)
		r = REASON_NONE;
	return apierr_reasons[r][apierr_is_en(lang) ? 1 : 0];
}
