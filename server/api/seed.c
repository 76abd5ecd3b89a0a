/* seed.c — the demo data of issue 2 (Kaiserslautern's first MitWirkung rounds), German with English. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "server/api/pwhash.h"
#include "server/api/store_int.h"

#define DAY	86400

/* A German/English translatable text as a compound literal. */
#define T(de, en) ((struct store_trs){ (const struct store_tr[]){ \
	{ "de", (de) }, { "en", (en) } }, 2 })
#define NOTR ((struct store_trs){ NULL, 0 })

static const struct store_demo_account seed_accounts[] = {
	{ "demo", "demo-passwort", STORE_ROLE_CITIZEN },
	{ "moderation", "moderation-passwort", STORE_ROLE_MODERATOR },
	{ "rathaus", "rathaus-passwort", STORE_ROLE_STAFF },
	/* A second staff account: paper tallies are keyed twice by two. */
	{ "wahlhelfer", "wahlhelfer-passwort", STORE_ROLE_STAFF },
};
#define SEED_ACCOUNTS	(sizeof(seed_accounts) / sizeof(seed_accounts[0]))
static const char *const seed_account_names[SEED_ACCOUNTS] = { "Demo-Konto",
	"Moderation", "Rathaus Kaiserslautern", "Wahlhelfer am Stand" };

#define SEED_VOTERS	12

const struct store_demo_account *
store_demo_accounts(size_t *n)
{
	if (n != NULL)
		*n = sizeof(seed_accounts) / sizeof(seed_accounts[0]);
	return seed_accounts;
}

/* The state the seeding steps share. */
struct seed {
	struct store	*s;
	int64_t		 now;
	int64_t		 open_end;	/* when open things close: end of 2027 */
	int64_t		 user[SEED_ACCOUNTS];	/* demo, moderation, rathaus, wahlhelfer */
	int64_t		 voter[SEED_VOTERS];
};

static int
seed_account(struct seed *d, const char *name, const char *display,
    const char *email, int role, const char *hash, int64_t *id)
{
	struct store_user_new u;
	struct store_user *found = NULL;
	int rc;

	memset(&u, 0, sizeof(u));
	u.username = name;
	u.email = email;
	u.display_name = display;
	u.locale = "de";
	u.role = role;
	u.status = STORE_USER_ACTIVE;
	u.pwhash = hash;
	rc = store_user_create(d->s, &u, d->now - 60 * DAY, id, NULL);
	if (rc == STORE_ECONFLICT &&
	    (rc = store_user_find_login(d->s, name, &found)) == 0) {
		/* An account of that name exists already: use it. */
		*id = found->id;
		store_user_free(found);
	}
	return rc;
}

static int
seed_accounts_create(struct seed *d, char hashes[SEED_ACCOUNTS][PWHASH_STRBYTES])
{
	char name[32], email[64], display[64];
	const char *voter_hash;
	size_t i;
	int rc;

	for (i = 0; i < SEED_ACCOUNTS; i++) {
		snprintf(email, sizeof(email), "%s@demo.mitwirkung.invalid",
		    seed_accounts[i].username);
		if ((rc = seed_account(d, seed_accounts[i].username,
		    seed_account_names[i], email, seed_accounts[i].role,
		    hashes[i], &d->user[i])) != 0)
			return rc;
	}
	/* Demo voters cannot log in: their hash is of a random password. */
	if ((voter_hash = pwhash_dummy())[0] == '\0')
		return STORE_ENOMEM;
	for (i = 0; i < SEED_VOTERS; i++) {
		static const char *const names[SEED_VOTERS] = { "Anna K.",
			"Mehmet Y.", "Julia S.", "Thomas B.", "Sofia R.",
			"Lukas M.", "Elena P.", "Jonas W.", "Fatma D.",
			"Peter H.", "Marie L.", "Ahmad N." };

		snprintf(name, sizeof(name), "nachbar%02zu", i + 1);
		snprintf(email, sizeof(email),
		    "nachbar%02zu@demo.mitwirkung.invalid", i + 1);
		snprintf(display, sizeof(display), "%s", names[i]);
		if ((rc = seed_account(d, name, display, email,
		    STORE_ROLE_CITIZEN, voter_hash, &d->voter[i])) != 0)
			return rc;
	}
	return 0;
}

/* Creates a published idea (through moderation, so the audit log shows
 * it) with supports from the first n_supports voters. */
static int
seed_idea(struct seed *d, int64_t project, int64_t author, const char *title,
    const char *body, int publish, int n_supports, int64_t age, int64_t *id)
{
	int64_t t = d->now - age;
	int i, rc;

	if ((rc = store_idea_create(d->s, project, author, title, body, t,
	    id)) != 0)
		return rc;
	if (!publish)
		return 0;
	if ((rc = store_moderate(d->s, STORE_TARGET_IDEA, *id,
	    STORE_MOD_APPROVE, NULL, d->user[1], t + 3600)) != 0)
		return rc;
	for (i = 0; i < n_supports && i < SEED_VOTERS; i++)
		if ((rc = store_support_set(d->s, *id, d->voter[i], 1,
		    t + 7200 + i * 600, NULL)) != 0)
			return rc;
	return 0;
}

static int
seed_comment(struct seed *d, int64_t idea, int64_t project, int64_t parent,
    int64_t author, const char *body, int64_t age, int64_t *id)
{
	int64_t t = d->now - age;
	int rc;

	if ((rc = store_comment_create(d->s, idea, project, parent, author,
	    body, t, id)) != 0)
		return rc;
	return store_moderate(d->s, STORE_TARGET_COMMENT, *id,
	    STORE_MOD_APPROVE, NULL, d->user[1], t + 1800);
}

static int
seed_project(struct seed *d, const struct store_project_new *p, int64_t *id)
{
	return store_project_create(d->s, p, d->now - 30 * DAY, d->user[2], id);
}

/* Stadt.Raum.Wir.: meeting places, a ranking poll, the workshop ideas. */
static int
seed_stadtraumwir(struct seed *d)
{
	struct store_project_new p = {
		.slug = "stadt-raum-wir", .category = "smart-city",
		.title = T("Stadt.Raum.Wir.", "Stadt.Raum.Wir. (City.Space.Us.)"),
		.summary = T("Treffpunkte in der Innenstadt: Wie beleben wir "
		    "unsere Plätze gemeinsam?", "Meeting places in the city "
		    "centre: how do we bring our squares to life together?"),
		.description = T("In den Bürgerwerkstätten von Stadt.Raum.Wir. "
		    "haben Kaiserslauterinnen und Kaiserslauterer Ideen für "
		    "Treffpunkte in der Innenstadt gesammelt.\n\nJetzt sind "
		    "Sie gefragt: Stimmen Sie ab, welche Veranstaltung zuerst "
		    "auf den Platz kommt, und unterstützen oder kommentieren "
		    "Sie die Ideen aus den Werkstätten. Neue Ideen sind "
		    "willkommen.",
		    "In the Stadt.Raum.Wir. citizen workshops, people from "
		    "Kaiserslautern collected ideas for meeting places in the "
		    "city centre.\n\nNow it is your turn: vote on which event "
		    "should come to the square first, and support or comment "
		    "on the ideas from the workshops. New ideas are welcome."),
		.status = STORE_PHASE_OPEN, .starts_at = d->now - 30 * DAY,
		.ends_at = d->open_end, .ideas_open = 1,
	};
	const struct store_option_new opts[] = {
		{ T("Lautern tanzt", "Lautern tanzt (Lautern dances)"),
		  T("Ein Tanzabend unter freiem Himmel mit Musik für alle "
		    "Generationen.", "An open-air dance evening with music "
		    "for all generations."), NULL, 0, 0 },
		{ T("3D-Straßenmalerei", "3D street painting"),
		  T("Künstlerinnen und Künstler malen dreidimensionale Bilder "
		    "auf das Pflaster; Mitmalen ausdrücklich erwünscht.",
		    "Artists paint three-dimensional pictures on the "
		    "pavement; everyone is welcome to join in."), NULL, 0, 0 },
		{ T("Crossboule mit Käse und Baguette",
		    "Crossboule with cheese and baguette"),
		  T("Boule quer über den Platz, dazu Käse und Baguette.",
		    "Boule played right across the square, with cheese and "
		    "baguette."), NULL, 0, 0 },
		{ T("Roundnet", "Roundnet"),
		  T("Ein schnelles Ballspiel um ein kleines rundes Netz; "
		    "Ausrüstung wird gestellt.", "A fast ball game around a "
		    "small round net; equipment is provided."), NULL, 0, 0 },
		{ T("Open-Air-Lesung", "Open-air reading"),
		  T("Autorinnen und Autoren aus der Region lesen auf dem "
		    "Platz.", "Authors from the region read on the square."),
		  NULL, 0, 0 },
	};
	struct store_poll_new poll = {
		.title = T("Welche Veranstaltung soll zuerst auf den Platz?",
		    "Which event should come to the square first?"),
		.question = T("Wählen Sie bis zu drei Veranstaltungen, die "
		    "wichtigste zuerst.", "Choose up to three events, the most "
		    "important first."),
		.kind = STORE_POLL_RANKING, .max_choices = 3,
		.opens_at = d->now - 14 * DAY, .closes_at = d->open_end,
		.results_visible = 1, .options = opts, .n_options = 5,
	};
	/* Rankings of the demo voters, as option indexes. */
	static const int votes[][3] = { { 0, 2, 4 }, { 2, 0, 1 }, { 1, 0, 3 },
		{ 0, 1, 2 }, { 4, 0, 2 }, { 2, 3, 0 }, { 0, 4, 1 },
		{ 3, 2, 0 } };
	struct store_poll *pl = NULL;
	int64_t pid, poll_id, skate, beach, play, c1, c2, ch[3], id;
	size_t i, k;
	int rc;

	if ((rc = seed_project(d, &p, &pid)) != 0 ||
	    (rc = store_poll_create(d->s, pid, &poll, d->now - 20 * DAY,
	    d->user[2], &poll_id)) != 0 ||
	    (rc = store_poll_get(d->s, poll_id, "de", 0, d->now, &pl)) != 0)
		goto out;
	for (i = 0; i < sizeof(votes) / sizeof(votes[0]); i++) {
		for (k = 0; k < 3; k++)
			ch[k] = pl->options[votes[i][k]].id;
		if ((rc = store_ballot_put(d->s, poll_id, d->voter[i], ch, 3,
		    d->now - (int64_t)(10 - i) * DAY, NULL)) != 0)
			goto out;
	}
	if ((rc = seed_idea(d, pid, d->voter[0], "Skaterampe für Jugendliche",
	    "Auf dem Platz fehlt ein Ort für Jugendliche. Eine kleine, "
	    "leise Skaterampe aus Holz würde junge Leute in die Innenstadt "
	    "holen; in der Werkstatt haben sich viele dafür ausgesprochen.",
	    1, 9, 12 * DAY, &skate)) != 0 ||
	    (rc = seed_idea(d, pid, d->voter[1],
	    "Strandbar mit Sand und Liegestühlen",
	    "Im Sommer eine Strandbar auf dem Platz: Sand, Liegestühle, "
	    "Sonnenschirme und kühle Getränke. So wird der Platz abends zum "
	    "Treffpunkt für alle.", 1, 11, 11 * DAY, &beach)) != 0 ||
	    (rc = seed_idea(d, pid, d->voter[2], "Spielbereich für Kinder",
	    "Ein Spielbereich mit Sandkasten, Kletterelementen und "
	    "Sitzbänken für Eltern, damit Familien länger bleiben und sich "
	    "Nachbarn kennenlernen.", 1, 7, 10 * DAY, &play)) != 0 ||
	    (rc = seed_idea(d, pid, d->user[0], "Trinkbrunnen am Platz",
	    "Ein öffentlicher Trinkbrunnen mit Leitungswasser, damit man "
	    "an heißen Tagen nicht erst etwas kaufen muss.", 0, 0,
	    1 * DAY, &id)) != 0)
		goto out;
	if ((rc = seed_comment(d, skate, pid, 0, d->voter[3],
	    "Gute Idee! Bitte mit Blick auf die Nachbarn: nur bis 22 Uhr.",
	    9 * DAY, &c1)) != 0 ||
	    (rc = seed_comment(d, skate, pid, c1, d->voter[0],
	    "Einverstanden, Holz ist außerdem viel leiser als Beton.",
	    8 * DAY, &id)) != 0 ||
	    (rc = seed_comment(d, beach, pid, 0, d->voter[4],
	    "Liegestühle bitte auch im Schatten, nicht alle vertragen die "
	    "pralle Sonne.", 7 * DAY, &c2)) != 0 ||
	    (rc = seed_comment(d, beach, pid, c2, d->voter[1],
	    "Guter Punkt, Sonnensegel gehören dazu.", 6 * DAY, &id)) != 0 ||
	    (rc = seed_comment(d, play, pid, 0, d->voter[5],
	    "Wichtig wäre ein Zaun zur Straße hin.", 5 * DAY, &id)) != 0)
		goto out;
out:
	store_poll_free(pl);
	return rc;
}

/* Answers a survey for the first n demo voters, varied by voter. */
static int
seed_responses(struct seed *d, int64_t survey_id, size_t n)
{
	static const char *const texts[] = { "Bitte gut sichtbar und "
		"barrierefrei aufstellen.", NULL, "Gern auch am Wochenende "
		"geöffnet.", NULL };
	struct store_answer_in a[8];
	int64_t ch[8][2];
	struct store_survey *v = NULL;
	size_t i, k, na;
	int rc;

	if ((rc = store_survey_get(d->s, survey_id, "de", 0, d->now, &v)) != 0)
		return rc;
	for (i = 0; i < n && i < SEED_VOTERS; i++) {
		memset(a, 0, sizeof(a));
		for (k = na = 0; k < v->n_questions && na < 8; k++) {
			const struct store_question *q = &v->questions[k];

			a[na].question_id = q->id;
			switch (q->kind) {
			case STORE_Q_SINGLE:
			case STORE_Q_MULTIPLE:
				ch[na][0] = q->options[i % q->n_options].id;
				ch[na][1] = q->options[(i + 2) % q->n_options].id;
				a[na].choices = ch[na];
				a[na].n_choices = q->kind == STORE_Q_SINGLE ||
				    q->max_choices < 2 ? 1 : 2;
				break;
			case STORE_Q_SCALE:
				a[na].has_value = 1;
				a[na].value = q->scale_min + (int)(i * 3 % (size_t)
				    (q->scale_max - q->scale_min + 1));
				break;
			default:
				a[na].text = texts[i % 4];
				break;
			}
			na++;
		}
		if ((rc = store_response_put(d->s, survey_id, d->voter[i], a, na,
		    d->now - (int64_t)(n - i) * 3600, NULL, NULL)) != 0)
			break;
	}
	store_survey_free(v);
	return rc;
}

/* Lokale Logistik: where the try-it box stands, and what it offers. */
static int
seed_logistik(struct seed *d)
{
	struct store_project_new p = {
		.slug = "lokale-logistik", .category = "smart-city",
		.title = T("Lokale Logistik", "Lokale Logistik (Local logistics)"),
		.summary = T("Eine Ausprobierbox in der Innenstadt: Lastenrad, "
		    "Paketstation und mehr zum Testen.", "A try-it box in the "
		    "city centre: cargo bike, parcel station and more to "
		    "test."),
		.description = T("Im Projekt Lokale Logistik testet die Stadt, "
		    "wie Wege in der Innenstadt kürzer und leiser werden "
		    "können.\n\nEine Ausprobierbox soll für einige Monate an "
		    "einem zentralen Ort stehen. Stimmen Sie über den Standort "
		    "ab und sagen Sie uns in der Umfrage, was die Box bieten "
		    "soll.",
		    "In the local logistics project the city tests how trips in "
		    "the city centre can become shorter and quieter.\n\nA try-it "
		    "box is to stand in a central place for a few months. Vote "
		    "on the location and tell us in the survey what the box "
		    "should offer."),
		.status = STORE_PHASE_OPEN, .starts_at = d->now - 21 * DAY,
		.ends_at = d->open_end, .ideas_open = 0,
	};
	/* Real places in the city centre; coordinates are approximate, the
	 * words are what a person without a map uses. */
	const struct store_option_new opts[] = {
		{ T("Stiftsplatz", "Stiftsplatz"),
		  T("Der große Platz vor der Stiftskirche mitten in der "
		    "Fußgängerzone; ebenerdig, viel Betrieb, Bushaltestellen "
		    "in wenigen Schritten.", "The large square in front of the "
		    "Stiftskirche in the middle of the pedestrian zone; level "
		    "ground, busy, bus stops a few steps away."),
		  "Stiftsplatz, 67655 Kaiserslautern", 49.4446, 7.7689 },
		{ T("Schillerplatz", "Schillerplatz"),
		  T("Ruhiger Platz mit Bäumen südlich der Fußgängerzone, "
		    "nahe der Fruchthalle; Sitzbänke vorhanden.", "A quieter "
		    "square with trees south of the pedestrian zone, near the "
		    "Fruchthalle; benches available."),
		  "Schillerplatz, 67655 Kaiserslautern", 49.4427, 7.7702 },
		{ T("Martin-Luther-Platz am Fackelbrunnen",
		    "Martin-Luther-Platz by the Fackelbrunnen fountain"),
		  T("Der Platz rund um den Fackelbrunnen in der "
		    "Fußgängerzone; Sitzstufen am Brunnen, viele Menschen "
		    "kommen hier vorbei.", "The square around the Fackelbrunnen "
		    "fountain in the pedestrian zone; steps to sit on by the "
		    "fountain, many people pass by."),
		  "Martin-Luther-Platz, 67655 Kaiserslautern", 49.4449, 7.7661 },
		{ T("Rathaus-Vorplatz (Willy-Brandt-Platz)",
		    "Town hall forecourt (Willy-Brandt-Platz)"),
		  T("Der Vorplatz des Rathaus-Hochhauses, direkt am "
		    "Haupteingang; ebenerdig und stufenlos erreichbar, "
		    "Bushaltestellen in der Nähe.", "The forecourt of the town "
		    "hall tower, right at the main entrance; level and "
		    "step-free, bus stops nearby."),
		  "Willy-Brandt-Platz 1, 67657 Kaiserslautern", 49.4441, 7.7740 },
		{ T("Altstadt am Marktplatz", "Old town by the market square"),
		  T("In der Altstadt rund um den Marktplatz und die "
		    "Marktstraße, zwischen Cafés und kleinen Läden; "
		    "Kopfsteinpflaster.", "In the old town around the market "
		    "square and Marktstraße, between cafés and small shops; "
		    "cobblestones."),
		  "Marktstraße, 67655 Kaiserslautern", 49.4440, 7.7680 },
	};
	struct store_poll_new poll = {
		.title = T("Wo soll die Ausprobierbox stehen?",
		    "Where should the try-it box (Ausprobierbox) stand?"),
		.question = T("Wählen Sie einen Standort.", "Choose one place."),
		.kind = STORE_POLL_SINGLE, .max_choices = 1,
		.opens_at = d->now - 14 * DAY, .closes_at = d->open_end,
		.results_visible = 1, .options = opts, .n_options = 5,
	};
	const struct store_trs offers[] = {
		T("Lastenrad ausleihen", "Borrow a cargo bike"),
		T("Paketstation zum Abholen und Abgeben",
		    "Parcel station for pick-up and drop-off"),
		T("Werkzeug ausleihen", "Borrow tools"),
		T("Reparatur-Ecke", "Repair corner"),
		T("Tauschregal", "Swap shelf"),
	};
	const struct store_question_new qs[] = {
		{ .kind = STORE_Q_MULTIPLE, .required = 1,
		  .text = T("Was soll die Ausprobierbox anbieten? (bis zu drei)",
		      "What should the try-it box offer? (up to three)"),
		  .options = offers, .n_options = 5, .max_choices = 3 },
		{ .kind = STORE_Q_SCALE, .required = 1,
		  .text = T("Wie oft würden Sie die Box nutzen?",
		      "How often would you use the box?"),
		  .scale_min = 1, .scale_max = 5,
		  .min_label = T("nie", "never"),
		  .max_label = T("mehrmals pro Woche", "several times a week") },
		{ .kind = STORE_Q_TEXT, .required = 0, .max_length = 1000,
		  .text = T("Was möchten Sie uns noch mitgeben?",
		      "Anything else you would like to tell us?") },
	};
	struct store_survey_new sv = {
		.title = T("Was soll die Ausprobierbox bieten?",
		    "What should the try-it box offer?"),
		.intro = T("Drei kurze Fragen, etwa zwei Minuten.",
		    "Three short questions, about two minutes."),
		.opens_at = d->now - 14 * DAY, .closes_at = d->open_end,
		.questions = qs, .n_questions = 3,
	};
	static const int votes[] = { 0, 3, 0, 1, 4, 0, 2, 3, 0, 1 };
	struct store_poll *pl = NULL;
	int64_t pid, poll_id, survey_id, ch;
	size_t i;
	int rc;

	if ((rc = seed_project(d, &p, &pid)) != 0 ||
	    (rc = store_poll_create(d->s, pid, &poll, d->now - 20 * DAY,
	    d->user[2], &poll_id)) != 0 ||
	    (rc = store_survey_create(d->s, pid, &sv, d->now - 20 * DAY,
	    d->user[2], &survey_id)) != 0 ||
	    (rc = store_poll_get(d->s, poll_id, "de", 0, d->now, &pl)) != 0)
		goto out;
	for (i = 0; i < sizeof(votes) / sizeof(votes[0]); i++) {
		ch = pl->options[votes[i]].id;
		if ((rc = store_ballot_put(d->s, poll_id, d->voter[i], &ch, 1,
		    d->now - (int64_t)(12 - i) * DAY, NULL)) != 0)
			goto out;
	}
	rc = seed_responses(d, survey_id, 6);
out:
	store_poll_free(pl);
	return rc;
}

/* Two more smart-city projects with ideas boards, one upcoming. */
static int
seed_smartcity(struct seed *d)
{
	struct store_project_new infra = {
		.slug = "smart-city-infrastruktur", .category = "smart-city",
		.title = T("Smart City Infrastruktur", "Smart city infrastructure"),
		.summary = T("Sensoren, offenes WLAN und Daten für eine Stadt, "
		    "die mitdenkt.", "Sensors, open Wi-Fi and data for a city "
		    "that thinks along."),
		.description = T("Welche digitale Infrastruktur braucht "
		    "Kaiserslautern? Sammeln Sie mit uns Ideen für Sensoren, "
		    "offenes WLAN und offene Daten.\n\nAlle Ideen werden vor "
		    "der Veröffentlichung kurz geprüft.",
		    "Which digital infrastructure does Kaiserslautern need? "
		    "Collect ideas with us for sensors, open Wi-Fi and open "
		    "data.\n\nEvery idea is checked briefly before it is "
		    "published."),
		.status = STORE_PHASE_OPEN, .starts_at = d->now - 45 * DAY,
		.ends_at = d->open_end, .ideas_open = 1,
	};
	struct store_project_new cim = {
		.slug = "city-information-modeling", .category = "smart-city",
		.title = T("City Information Modeling", "City information modeling"),
		.summary = T("Ein digitales 3D-Modell der Stadt für Planung "
		    "und Beteiligung.", "A digital 3D model of the city for "
		    "planning and participation."),
		.description = T("Mit City Information Modeling entsteht ein "
		    "digitales Modell von Kaiserslautern. Es soll zeigen, wie "
		    "geplante Bauten und Plätze aussehen, bevor gebaut "
		    "wird.\n\nDas Ideenboard öffnet mit dem Projektstart.",
		    "City information modeling builds a digital model of "
		    "Kaiserslautern. It is to show what planned buildings and "
		    "squares look like before anything is built.\n\nThe ideas "
		    "board opens when the project starts."),
		.status = STORE_PHASE_UPCOMING, .starts_at = d->now + 60 * DAY,
		.ends_at = d->open_end, .ideas_open = 1,
	};
	int64_t pid, cim_id, wlan, park, id;
	int rc;

	if ((rc = seed_project(d, &infra, &pid)) != 0 ||
	    (rc = seed_project(d, &cim, &cim_id)) != 0 ||
	    (rc = seed_idea(d, pid, d->voter[6], "Freies WLAN am Hauptbahnhof",
	    "Am Hauptbahnhof und an den großen Haltestellen sollte es "
	    "freies WLAN geben, damit man Fahrpläne und Anschlüsse prüfen "
	    "kann.", 1, 6, 20 * DAY, &wlan)) != 0 ||
	    (rc = seed_idea(d, pid, d->voter[7],
	    "Sensoren zeigen freie Parkplätze",
	    "Sensoren an den Parkplätzen der Innenstadt könnten freie "
	    "Plätze anzeigen, damit weniger Suchverkehr entsteht.", 1, 4,
	    18 * DAY, &park)) != 0 ||
	    (rc = seed_comment(d, park, pid, 0, d->voter[8],
	    "Bitte auch Plätze für Menschen mit Behinderung anzeigen.",
	    15 * DAY, &id)) != 0)
		return rc;
	return 0;
}

/* City hall: an open opinion survey and a closed poll with an analog
 * tally from the booth at "Lautern blüht auf". */
static int
seed_cityhall(struct seed *d)
{
	struct store_project_new tax = {
		.slug = "verpackungssteuer", .category = "city-hall",
		.title = T("Verpackungssteuer auf Einwegverpackungen",
		    "Packaging tax on take-away packaging"),
		.summary = T("Meinungsumfrage: Soll Kaiserslautern eine Steuer "
		    "auf Einwegverpackungen für Speisen und Getränke zum "
		    "Mitnehmen erheben?", "Opinion survey: should "
		    "Kaiserslautern tax disposable packaging for take-away "
		    "food and drinks?"),
		.description = T("Einwegbecher und Essensverpackungen füllen "
		    "die Mülleimer der Innenstadt. Andere Städte erheben "
		    "deshalb eine Verpackungssteuer.\n\nDer Stadtrat möchte "
		    "Ihre Meinung kennen, bevor er darüber berät.",
		    "Disposable cups and food packaging fill the bins of the "
		    "city centre. Other cities therefore levy a packaging "
		    "tax.\n\nThe city council wants to know your opinion "
		    "before it debates it."),
		.status = STORE_PHASE_OPEN, .starts_at = d->now - 10 * DAY,
		.ends_at = d->open_end, .ideas_open = 0,
	};
	const struct store_trs yesno[] = {
		T("Ja", "Yes"), T("Eher ja", "Rather yes"),
		T("Eher nein", "Rather no"), T("Nein", "No"),
		T("Weiß nicht", "Don't know"),
	};
	const struct store_question_new qs[] = {
		{ .kind = STORE_Q_SINGLE, .required = 1,
		  .text = T("Soll Kaiserslautern eine Verpackungssteuer auf "
		      "Einwegverpackungen für Speisen und Getränke zum "
		      "Mitnehmen einführen?", "Should Kaiserslautern introduce "
		      "a tax on disposable packaging for take-away food and "
		      "drinks?"),
		  .options = yesno, .n_options = 5, .max_choices = 1 },
		{ .kind = STORE_Q_SCALE, .required = 0,
		  .text = T("Wie stark stört Sie Verpackungsmüll in der "
		      "Innenstadt?", "How much does packaging litter in the "
		      "city centre bother you?"),
		  .scale_min = 1, .scale_max = 5,
		  .min_label = T("gar nicht", "not at all"),
		  .max_label = T("sehr", "very much") },
		{ .kind = STORE_Q_TEXT, .required = 0, .max_length = 2000,
		  .text = T("Möchten Sie Ihre Meinung begründen?",
		      "Would you like to explain your opinion?") },
	};
	struct store_survey_new sv = {
		.title = T("Meinungsumfrage Verpackungssteuer",
		    "Opinion survey on a packaging tax"),
		.intro = T("Ihre Antworten sind anonym und helfen dem Stadtrat "
		    "bei der Entscheidung.", "Your answers are anonymous and "
		    "help the city council decide."),
		.opens_at = d->now - 10 * DAY, .closes_at = d->open_end,
		.questions = qs, .n_questions = 3,
	};
	struct store_project_new bike = {
		.slug = "fahrradstrasse-ruetschhofstrasse", .category = "city-hall",
		.title = T("Fahrradstraße Rütschhofstraße",
		    "Bicycle street Rütschhofstraße"),
		.summary = T("Abgeschlossen: Soll die Rütschhofstraße dauerhaft "
		    "Fahrradstraße bleiben? Das Ergebnis steht fest.",
		    "Closed: should Rütschhofstraße stay a bicycle street for "
		    "good? The result is final."),
		.description = T("Die Rütschhofstraße war ein Jahr lang "
		    "probeweise Fahrradstraße. Online und am Stand bei "
		    "„Lautern blüht auf“ am 2. und 3. April konnten Sie "
		    "abstimmen, ob das so bleibt.\n\nDie Abstimmung ist "
		    "beendet; das Ergebnis enthält die Stimmzettel vom Stand.",
		    "Rütschhofstraße was a bicycle street on trial for a year. "
		    "Online and at the booth at \"Lautern blüht auf\" on 2 and "
		    "3 April you could vote on whether it stays that "
		    "way.\n\nVoting has ended; the result includes the paper "
		    "ballots from the booth."),
		.status = STORE_PHASE_CLOSED, .ideas_open = 0,
	};
	const struct store_option_new bopts[] = {
		{ T("Ja, dauerhaft Fahrradstraße", "Yes, a bicycle street for good"),
		  T("Die Regeln der Probephase bleiben.",
		    "The rules of the trial stay."), NULL, 0, 0 },
		{ T("Ja, aber mit Änderungen", "Yes, but with changes"),
		  T("Fahrradstraße, aber zum Beispiel mit mehr Parkplätzen "
		    "für Anwohner.", "A bicycle street, but for example with "
		    "more parking for residents."), NULL, 0, 0 },
		{ T("Nein", "No"),
		  T("Die Straße wird wieder wie vor der Probephase geregelt.",
		    "The street goes back to the rules before the trial."),
		  NULL, 0, 0 },
	};
	struct store_poll_new bpoll = {
		.title = T("Soll die Rütschhofstraße Fahrradstraße bleiben?",
		    "Should Rütschhofstraße remain a bicycle street?"),
		.question = T("Bitte wählen Sie eine Antwort.",
		    "Please choose one answer."),
		.kind = STORE_POLL_SINGLE, .max_choices = 1,
		.results_visible = 1, .options = bopts, .n_options = 3,
	};
	static const int votes[SEED_VOTERS] = { 0, 0, 1, 0, 2, 1, 0, 2, 0,
		1, 0, 2 };
	struct store_tally_line lines[3];
	struct store_tally_entry sheet;
	int64_t opt[3];
	static const int64_t booth[3] = { 41, 17, 23 };
	struct store_poll *pl = NULL;
	struct tm tm;
	time_t now = (time_t)d->now;
	int64_t pid, bid, poll_id, survey_id, ch;
	size_t i;
	int rc;

	/* The poll ran from 1 March to 30 April of the latest year whose
	 * April is over, so it is closed and the booth dates are real. */
	gmtime_r(&now, &tm);
	if (tm.tm_mon <= 4)
		tm.tm_year--;
	tm.tm_mon = 2;
	tm.tm_mday = 1;
	tm.tm_hour = 8;
	tm.tm_min = tm.tm_sec = 0;
	bpoll.opens_at = (int64_t)timegm(&tm);
	tm.tm_mon = 3;
	tm.tm_mday = 30;
	tm.tm_hour = 22;
	bpoll.closes_at = (int64_t)timegm(&tm);
	bike.starts_at = bpoll.opens_at - 30 * DAY;
	bike.ends_at = bpoll.closes_at;

	if ((rc = seed_project(d, &tax, &pid)) != 0 ||
	    (rc = store_survey_create(d->s, pid, &sv, d->now - 10 * DAY,
	    d->user[2], &survey_id)) != 0 ||
	    (rc = seed_responses(d, survey_id, 9)) != 0 ||
	    (rc = seed_project(d, &bike, &bid)) != 0 ||
	    (rc = store_poll_create(d->s, bid, &bpoll, bpoll.opens_at - DAY,
	    d->user[2], &poll_id)) != 0 ||
	    (rc = store_poll_get(d->s, poll_id, "de", 0, d->now, &pl)) != 0)
		goto out;
	for (i = 0; i < SEED_VOTERS; i++) {
		ch = pl->options[votes[i]].id;
		if ((rc = store_ballot_put(d->s, poll_id, d->voter[i], &ch, 1,
		    bpoll.opens_at + (int64_t)(i + 1) * 3 * DAY, NULL)) != 0)
			goto out;
	}
	/* The booth's sheet: 81 paper ballots, all valid, keyed once. */
	memset(&sheet, 0, sizeof(sheet));
	for (i = 0; i < 3; i++) {
		opt[i] = pl->options[i].id;
		lines[i].choices = &opt[i];
		lines[i].n_choices = 1;
		lines[i].count = booth[i];
		sheet.ballots += booth[i];
	}
	sheet.lines = lines;
	sheet.n_lines = 3;
	rc = store_tally_add(d->s, poll_id,
	    "Stand bei „Lautern blüht auf“, 2.–3. April", 1, &sheet,
	    d->user[2], bpoll.opens_at + 33 * DAY, NULL, NULL);
out:
	store_poll_free(pl);
	return rc;
}

static const char sql_seed_done[] =
	"SELECT 1 FROM project WHERE slug = 'stadt-raum-wir'";

static int
seed_present(struct store *s)
{
	sqlite3_stmt *q;
	int rc;

	if ((q = store_stmt(s, sql_seed_done)) == NULL)
		return STORE_EIO;
	rc = store_step(s, q);
	store_release(s);
	return rc;
}

int
store_seed_demo(struct store *s, int64_t now)
{
	char hashes[SEED_ACCOUNTS][PWHASH_STRBYTES];
	struct seed d;
	size_t i;
	int rc;

	if (s == NULL)
		return STORE_EINVALID;
	if ((rc = seed_present(s)) != 0)
		return rc < 0 ? rc : 1;
	/* Hash before the transaction: Argon2id takes a while and the write
	 * lock should not wait for it. */
	for (i = 0; i < SEED_ACCOUNTS; i++) {
		if (pwhash_hash(seed_accounts[i].password,
		    strlen(seed_accounts[i].password), hashes[i]) != 0)
			return STORE_ENOMEM;
	}
	memset(&d, 0, sizeof(d));
	d.s = s;
	d.now = now;
	d.open_end = 1830290400;	/* 2027-12-31T22:00:00Z */
	if (d.open_end < now + 365 * DAY)
		d.open_end = now + 365 * DAY;
	if ((rc = store_tx_begin(s)) != 0)
		return rc;
	/* Another process may have seeded between the check and the lock. */
	if ((rc = seed_present(s)) != 0) {
		store_tx_rollback(s);
		return rc < 0 ? rc : 1;
	}
	if ((rc = seed_accounts_create(&d, hashes)) != 0 ||
	    (rc = seed_stadtraumwir(&d)) != 0 ||
	    (rc = seed_logistik(&d)) != 0 ||
	    (rc = seed_smartcity(&d)) != 0 ||
	    (rc = seed_cityhall(&d)) != 0 ||
	    (rc = store_seed_l10n(s)) != 0) {
		store_tx_rollback(s);
		return rc;
	}
	return store_tx_commit(s);
}
