/* seed_l10n.c — the demo's texts in Leichte Sprache, Turkish and Ukrainian (issue 13), added to the seeded projects. */
#include <string.h>

#include "server/api/store_int.h"

/*
 * The first two votes as the city would provide them: in Leichte Sprache
 * everything (what it is about, what you can choose, until when); in
 * Turkish and Ukrainian the titles and summaries, the poll and its
 * options. Their descriptions stay German, so a resident reading Turkish
 * or Ukrainian sees the German text marked as German (the API names the
 * language of each field). A separate file, so the demo's German/English
 * seed can change without touching these rows.
 */
struct seed_l10n_row {
	const char	*slug;
	const char	*lang;
	const char	*title, *summary, *description;	/* NULL: none */
	const char	*poll_title, *poll_question;
	const char	*options[5][2];	/* title, description; by position */
};

static const struct seed_l10n_row seed_l10n_rows[] = {
	{ "stadt-raum-wir", "ls",
	  "Stadt.Raum.Wir.",
	  "Die Plätze in der Innen-Stadt sollen schöner werden. Dafür "
	      "suchen wir Ideen.",
	  "Das Projekt heißt Stadt.Raum.Wir.\n\nDarum geht es: Die "
	      "Plätze in der Innen-Stadt sollen Treff-Punkte sein. "
	      "Menschen aus Kaiserslautern haben dafür Ideen gesammelt. "
	      "Das war in Werk-Stätten. Eine Werk-Statt ist ein Treffen. "
	      "Dort arbeiten Menschen zusammen an einer Sache.\n\nDas "
	      "können Sie wählen: Es gibt 5 Feste für den Platz. Zum "
	      "Beispiel: Tanzen. Oder Bilder auf die Straße malen. Sie "
	      "wählen bis zu 3 Feste. Das wichtigste Fest für Sie kommt "
	      "zuerst.\n\nSie können auch Ideen unterstützen. Oder Sie "
	      "schreiben eine eigene Idee.\n\nBis wann? Sie können bis zum "
	      "Ende vom Projekt abstimmen. Das End-Datum steht oben auf "
	      "der Seite.",
	  "Welches Fest soll zuerst auf den Platz?",
	  "Wählen Sie bis zu 3 Feste. Das wichtigste Fest für Sie "
	      "kommt zuerst.",
	  { { "Lautern tanzt: ein Tanz-Abend",
	      "Am Abend tanzen Menschen auf dem Platz. Es gibt Musik für "
	      "junge und alte Menschen." },
	    { "Bilder auf die Straße malen",
	      "Künstler malen Bilder auf den Boden. Die Bilder sehen aus "
	      "wie echt. Sie dürfen mit-malen." },
	    { "Kugel-Spiel mit Käse und Brot",
	      "Sie werfen Kugeln über den Platz. Das Spiel heißt "
	      "Crossboule. Dazu gibt es Käse und Brot." },
	    { "Roundnet: ein Ball-Spiel",
	      "Roundnet ist ein schnelles Ball-Spiel. Sie spielen um ein "
	      "kleines rundes Netz. Sie bekommen alle Sachen zum Spielen." },
	    { "Vorlesen auf dem Platz",
	      "Menschen aus der Gegend schreiben Bücher. Sie lesen auf dem "
	      "Platz aus ihren Büchern vor." } } },
	{ "stadt-raum-wir", "tr",
	  "Stadt.Raum.Wir. (Şehir.Alan.Biz.)",
	  "Şehir merkezinde buluşma yerleri: Meydanlarımızı birlikte "
	      "nasıl canlandırırız?",
	  NULL,
	  "Meydana önce hangi etkinlik gelsin?",
	  "En önemlisi başta olmak üzere en fazla 3 etkinlik seçin.",
	  { { "Lautern tanzt (Lautern dans ediyor)",
	      "Her yaştan insan için müzikli bir açık hava dans akşamı." },
	    { "3D sokak resmi",
	      "Sanatçılar kaldırıma üç boyutlu resimler çiziyor; herkes "
	      "katılabilir." },
	    { "Peynir ve baget ekmekle Crossboule",
	      "Meydanın bir ucundan öbürüne boule, yanında peynir ve "
	      "baget." },
	    { "Roundnet",
	      "Küçük yuvarlak bir file etrafında hızlı bir top oyunu; "
	      "malzeme verilir." },
	    { "Açık hava okuması",
	      "Bölgeden yazarlar meydanda okuma yapıyor." } } },
	{ "stadt-raum-wir", "uk",
	  "Stadt.Raum.Wir. (Місто.Простір.Ми.)",
	  "Місця зустрічей у центрі міста: як нам разом оживити наші "
	      "площі?",
	  NULL,
	  "Який захід має першим прийти на площу?",
	  "Виберіть до 3 заходів, найважливіший першим.",
	  { { "Lautern tanzt (Лаутерн танцює)",
	      "Вечір танців просто неба з музикою для всіх поколінь." },
	    { "3D-розпис вулиці",
	      "Художники малюють тривимірні картини на бруківці; "
	      "долучитися може кожен." },
	    { "Кросбуль із сиром і багетом",
	      "Буль через усю площу, а до нього сир і багет." },
	    { "Раунднет",
	      "Швидка гра з м'ячем навколо маленької круглої сітки; "
	      "спорядження надається." },
	    { "Читання просто неба",
	      "Автори з регіону читають на площі." } } },
	{ "lokale-logistik", "ls",
	  "Lokale Logistik: die Ausprobier-Box",
	  "Die Stadt stellt eine Box in die Innen-Stadt. In der Box "
	      "können Sie Dinge ausprobieren.",
	  "Das Projekt heißt Lokale Logistik. Logistik heißt: So "
	      "kommen Dinge von einem Ort zu einem anderen Ort.\n\nDarum "
	      "geht es: Die Stadt will kurze Wege in der Innen-Stadt. Und "
	      "die Stadt will leise Wege. Dafür stellt die Stadt eine Box "
	      "auf. Die Box heißt Ausprobier-Box. Dort können Sie zum "
	      "Beispiel ein Lasten-Rad ausleihen. Ein Lasten-Rad ist ein "
	      "Fahrrad mit einer großen Kiste. Die Box steht für ein paar "
	      "Monate da.\n\nDas können Sie wählen: Wo soll die Box "
	      "stehen? Es gibt 5 Orte. Sie wählen 1 Ort.\n\nEs gibt auch "
	      "eine Umfrage. Dort sagen Sie uns: Was soll es in der Box "
	      "geben?\n\nBis wann? Sie können bis zum Ende vom Projekt "
	      "abstimmen. Das End-Datum steht oben auf der Seite.",
	  "Wo soll die Ausprobier-Box stehen?",
	  "Wählen Sie 1 Ort.",
	  { { "Stiftsplatz",
	      "Der große Platz vor der Stifts-Kirche. Er ist mitten in der "
	      "Fußgänger-Zone. Dort sind viele Menschen. Der Bus hält in "
	      "der Nähe." },
	    { "Schillerplatz",
	      "Ein ruhiger Platz mit Bäumen. Er ist nah an der "
	      "Frucht-Halle. Dort gibt es Bänke." },
	    { "Martin-Luther-Platz am Fackel-Brunnen",
	      "Der Platz um den Fackel-Brunnen. Er ist in der "
	      "Fußgänger-Zone. Am Brunnen gibt es Stufen zum Sitzen." },
	    { "Vor dem Rat-Haus (Willy-Brandt-Platz)",
	      "Der Platz vor dem Rat-Haus. Er ist direkt am Eingang. Es "
	      "gibt keine Stufen. Der Bus hält in der Nähe." },
	    { "In der Alt-Stadt am Markt-Platz",
	      "Dort gibt es Cafés und kleine Läden. Der Boden ist aus "
	      "runden Steinen. Der Boden ist nicht glatt." } } },
	{ "lokale-logistik", "tr",
	  "Lokale Logistik (Yerel lojistik)",
	  "Şehir merkezinde bir deneme kutusu: yük bisikleti, kargo "
	      "istasyonu ve denenecek daha fazlası.",
	  NULL,
	  "Deneme kutusu nerede dursun?",
	  "Bir yer seçin.",
	  { { "Stiftsplatz",
	      "Yaya bölgesinin ortasında, Stiftskirche'nin önündeki büyük "
	      "meydan; düz zemin, kalabalık, otobüs durakları birkaç adım "
	      "ötede." },
	    { "Schillerplatz",
	      "Yaya bölgesinin güneyinde, Fruchthalle yakınında ağaçlı, "
	      "sakin bir meydan; oturma bankları var." },
	    { "Fackelbrunnen çeşmesi yanında Martin-Luther-Platz",
	      "Yaya bölgesinde çeşmenin çevresindeki meydan; çeşmenin "
	      "yanında oturma basamakları var, çok insan geçiyor." },
	    { "Belediye binası önü (Willy-Brandt-Platz)",
	      "Belediye kulesinin ana girişinin hemen önündeki alan; düz "
	      "ve basamaksız, yakında otobüs durakları var." },
	    { "Pazar meydanı yanında eski şehir",
	      "Eski şehirde pazar meydanı ve Marktstraße çevresinde, "
	      "kafeler ve küçük dükkânlar arasında; arnavut kaldırımı." } } },
	{ "lokale-logistik", "uk",
	  "Lokale Logistik (Місцева логістика)",
	  "Скринька для випробувань у центрі міста: вантажний "
	      "велосипед, поштомат та інше для тестування.",
	  NULL,
	  "Де має стояти скринька для випробувань?",
	  "Виберіть одне місце.",
	  { { "Stiftsplatz",
	      "Велика площа перед церквою Штифтскірхе посеред пішохідної "
	      "зони; рівна, людна, зупинки автобусів за кілька кроків." },
	    { "Schillerplatz",
	      "Тихіша площа з деревами на південь від пішохідної зони, "
	      "біля Фрухтхалле; є лавки." },
	    { "Мартін-Лютер-Платц біля фонтана Факельбруннен",
	      "Площа навколо фонтана в пішохідній зоні; біля фонтана є "
	      "сходинки, щоб сісти, тут проходить багато людей." },
	    { "Площа перед ратушею (Willy-Brandt-Platz)",
	      "Площа перед висотною ратушею, просто біля головного входу; "
	      "рівна, без сходинок, поруч зупинки автобусів." },
	    { "Старе місто біля Ринкової площі",
	      "У старому місті довкола Ринкової площі та Марктштрассе, між "
	      "кав'ярнями й маленькими крамницями; бруківка." } } },
};

/* ?1 slug: the project's first poll (the vote), with the project id. */
static const char sql_l10n_poll[] =
	"SELECT p.id, (SELECT min(o.id) FROM poll o WHERE o.project_id = p.id)"
	" FROM project p WHERE p.slug = ?1";
static const char sql_l10n_options[] =
	"SELECT id FROM poll_option WHERE poll_id = ?1 ORDER BY position, id";
static const char sql_l10n_project_tr[] =
	"INSERT OR REPLACE INTO project_tr(project_id, lang, title, summary,"
	" description) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_l10n_poll_tr[] =
	"INSERT OR REPLACE INTO poll_tr(poll_id, lang, title, question)"
	" VALUES (?1, ?2, ?3, ?4)";
static const char sql_l10n_option_tr[] =
	"INSERT OR REPLACE INTO option_tr(option_id, lang, title, description)"
	" VALUES (?1, ?2, ?3, ?4)";

/* Writes one translation row: owner, lang and up to three texts. */
static int
seed_l10n_put(struct store *s, const char *sql, int64_t owner,
    const char *lang, const char *a, const char *b, const char *c)
{
	sqlite3_stmt *q;

	if ((q = store_stmt(s, sql)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, owner);
	store_bind_text(q, 2, lang);
	store_bind_text(q, 3, a);
	store_bind_text(q, 4, b);
	if (c != NULL)
		store_bind_text(q, 5, c);
	return store_step_done(s, q);
}

/* Adds one row of seed_l10n_rows to its project, poll and options. */
static int
seed_l10n_row(struct store *s, const struct seed_l10n_row *r)
{
	int64_t pid, poll, opt[5];
	size_t n = 0, i;
	sqlite3_stmt *q;
	int rc;

	if ((q = store_stmt(s, sql_l10n_poll)) == NULL)
		return STORE_EIO;
	store_bind_text(q, 1, r->slug);
	if ((rc = store_step(s, q)) <= 0)
		return rc == 0 ? STORE_ENOTFOUND : rc;
	pid = sqlite3_column_int64(q, 0);
	poll = sqlite3_column_int64(q, 1);
	sqlite3_reset(q);
	if ((q = store_stmt(s, sql_l10n_options)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, poll);
	while (n < 5 && (rc = store_step(s, q)) == 1)
		opt[n++] = sqlite3_column_int64(q, 0);
	sqlite3_reset(q);
	if (rc < 0)
		return rc;
	if ((rc = seed_l10n_put(s, sql_l10n_project_tr, pid, r->lang,
	    r->title, r->summary, r->description)) != 0 ||
	    (rc = seed_l10n_put(s, sql_l10n_poll_tr, poll, r->lang,
	    r->poll_title, r->poll_question, NULL)) != 0)
		return rc;
	for (i = 0; i < n; i++)
		if ((rc = seed_l10n_put(s, sql_l10n_option_tr, opt[i], r->lang,
		    r->options[i][0], r->options[i][1], NULL)) != 0)
			return rc;
	return 0;
}

int
store_seed_l10n(struct store *s)
{
	size_t i;
	int rc;

	for (i = 0; i < sizeof(seed_l10n_rows) / sizeof(seed_l10n_rows[0]); i++)
		if ((rc = seed_l10n_row(s, &seed_l10n_rows[i])) != 0)
			return rc;
	return 0;
}
