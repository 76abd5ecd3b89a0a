/* store_survey.c — surveys with questions, and the one replaceable response per account. */
#include <stdlib.h>
#include <string.h>

#include "server/api/store_int.h"

#define SURVEY_QUESTIONS_MAX	100
#define QUESTION_OPTIONS_MAX	100

static void
question_clear(struct store_question *qu)
{
	size_t i;

	free(qu->text);
	for (i = 0; i < qu->n_options; i++)
		free(qu->options[i].title);
	free(qu->options);
	free(qu->min_label);
	free(qu->max_label);
}

void
store_survey_free(struct store_survey *v)
{
	size_t i;

	if (v == NULL)
		return;
	free(v->title);
	free(v->intro);
	for (i = 0; i < v->n_questions; i++)
		question_clear(&v->questions[i]);
	free(v->questions);
	free(v);
}

/* ?1 survey, ?2 the language chain (store_lang_chain()), ?3 viewer. */
#define SURVEY_TR(col, what) STORE_TR_PICK("survey_tr", "survey_id", \
	"v.id", col, "?2", what)
#define QUESTION_TR(col) STORE_TR_TEXT("question_tr", "question_id", \
	"q.id", col, "?2")
static const char sql_survey_get[] =
	"SELECT v.id, v.project_id, " SURVEY_TR("title", "title") ","
	SURVEY_TR("intro", "intro") ", " SURVEY_TR("title", "lang") ", v.opens_at,"
	" v.closes_at, EXISTS(SELECT 1 FROM response r WHERE r.survey_id = v.id"
	"  AND r.user_id = ?3)"
	" FROM survey v WHERE v.id = ?1";
static const char sql_survey_questions[] =
	"SELECT q.id, q.kind, " QUESTION_TR("text") ", q.required,"
	" q.max_choices, q.max_length, q.scale_min, q.scale_max,"
	QUESTION_TR("min_label") "," QUESTION_TR("max_label")
	" FROM question q WHERE q.survey_id = ?1 ORDER BY q.position, q.id";
static const char sql_survey_qoptions[] =
	"SELECT o.id, o.question_id, " STORE_TR_TEXT("qoption_tr", "qoption_id",
	"o.id", "title", "?2") " FROM qoption o"
	" JOIN question q ON q.id = o.question_id"
	" WHERE q.survey_id = ?1 ORDER BY o.question_id, o.position, o.id";

static int
survey_questions(struct store *s, struct store_survey *v, const char *lang)
{
	struct store_question *qu;
	sqlite3_stmt *q;
	size_t i;
	int rc, oom = 0;

	if ((q = store_stmt(s, sql_survey_questions)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, v->id);
	store_bind_text(q, 2, lang);
	if ((v->questions = calloc(SURVEY_QUESTIONS_MAX,
	    sizeof(*v->questions))) == NULL)
		return STORE_ENOMEM;
	while ((rc = store_step(s, q)) == 1 &&
	    v->n_questions < SURVEY_QUESTIONS_MAX) {
		qu = &v->questions[v->n_questions++];
		qu->id = sqlite3_column_int64(q, 0);
		qu->kind = sqlite3_column_int(q, 1);
		qu->text = store_col_str(q, 2, &oom);
		qu->required = sqlite3_column_int(q, 3);
		qu->max_choices = sqlite3_column_int(q, 4);
		qu->max_length = sqlite3_column_int(q, 5);
		qu->scale_min = sqlite3_column_int(q, 6);
		qu->scale_max = sqlite3_column_int(q, 7);
		qu->min_label = store_col_str(q, 8, &oom);
		qu->max_label = store_col_str(q, 9, &oom);
		if (oom)
			return STORE_ENOMEM;
	}
	sqlite3_reset(q);
	if (rc < 0)
		return rc;
	if ((q = store_stmt(s, sql_survey_qoptions)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, v->id);
	store_bind_text(q, 2, lang);
	while ((rc = store_step(s, q)) == 1) {
		int64_t qid = sqlite3_column_int64(q, 1);

		for (i = 0; i < v->n_questions; i++)
			if (v->questions[i].id == qid)
				break;
		if (i == v->n_questions)
			continue;
		qu = &v->questions[i];
		if (qu->options == NULL && (qu->options = calloc(
		    QUESTION_OPTIONS_MAX, sizeof(*qu->options))) == NULL)
			return STORE_ENOMEM;
		if (qu->n_options == QUESTION_OPTIONS_MAX)
			continue;
		qu->options[qu->n_options].id = sqlite3_column_int64(q, 0);
		qu->options[qu->n_options].title = store_col_str(q, 2, &oom);
		qu->n_options++;
		if (oom)
			return STORE_ENOMEM;
	}
	return rc < 0 ? rc : 0;
}

int
store_survey_get(struct store *s, int64_t id, const char *lang,
    int64_t viewer_id, int64_t now, struct store_survey **out)
{
	struct store_survey *v = NULL;
	char chain[STORE_CHAIN_MAX];
	sqlite3_stmt *q;
	int rc, oom = 0;

	if (out == NULL)
		return STORE_EINVALID;
	*out = NULL;
	if (s == NULL)
		return STORE_EINVALID;
	lang = store_lang_chain(lang, chain, sizeof(chain));
	if ((q = store_stmt(s, sql_survey_get)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, id);
	store_bind_text(q, 2, lang);
	sqlite3_bind_int64(q, 3, viewer_id);
	if ((rc = store_step(s, q)) <= 0) {
		rc = rc == 0 ? STORE_ENOTFOUND : rc;
		goto out;
	}
	if ((v = calloc(1, sizeof(*v))) == NULL) {
		rc = STORE_ENOMEM;
		goto out;
	}
	v->id = sqlite3_column_int64(q, 0);
	v->project_id = sqlite3_column_int64(q, 1);
	v->title = store_col_str(q, 2, &oom);
	v->intro = store_col_str(q, 3, &oom);
	store_col_lang(q, 4, v->lang);
	v->opens_at = sqlite3_column_int64(q, 5);
	v->closes_at = sqlite3_column_int64(q, 6);
	v->answered_by_me = viewer_id > 0 && sqlite3_column_int(q, 7);
	v->status = store_window_phase(v->opens_at, v->closes_at, now);
	sqlite3_reset(q);
	if (oom) {
		rc = STORE_ENOMEM;
		goto out;
	}
	if ((rc = survey_questions(s, v, lang)) != 0)
		goto out;
	*out = v;
	v = NULL;
out:
	store_release(s);
	store_survey_free(v);
	return rc;
}

static const char sql_survey_insert[] =
	"INSERT INTO survey(project_id, opens_at, closes_at, created_at)"
	" VALUES (?1, ?2, ?3, ?4)";
static const char sql_survey_tr[] =
	"INSERT INTO survey_tr(survey_id, lang, title, intro)"
	" VALUES (?1, ?2, ?3, ?4) ON CONFLICT(survey_id, lang) DO UPDATE"
	" SET title = coalesce(excluded.title, title),"
	" intro = coalesce(excluded.intro, intro)";
static const char sql_question_insert[] =
	"INSERT INTO question(survey_id, position, kind, required, max_choices,"
	" max_length, scale_min, scale_max) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char sql_question_tr[] =
	"INSERT INTO question_tr(question_id, lang, text, min_label, max_label)"
	" VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT(question_id, lang) DO UPDATE"
	" SET text = coalesce(excluded.text, text),"
	" min_label = coalesce(excluded.min_label, min_label),"
	" max_label = coalesce(excluded.max_label, max_label)";
static const char sql_qoption_insert[] =
	"INSERT INTO qoption(question_id, position) VALUES (?1, ?2)";
static const char sql_qoption_tr[] =
	"INSERT INTO qoption_tr(qoption_id, lang, title) VALUES (?1, ?2, ?3)"
	" ON CONFLICT(qoption_id, lang) DO UPDATE SET title = excluded.title";
static const char sql_project_exists_v[] = "SELECT 1 FROM project WHERE id = ?1";

static int
question_ok(const struct store_question_new *qn)
{
	switch (qn->kind) {
	case STORE_Q_SINGLE:
		return qn->n_options >= 2 &&
		    qn->n_options <= QUESTION_OPTIONS_MAX && qn->options != NULL;
	case STORE_Q_MULTIPLE:
		return qn->n_options >= 2 &&
		    qn->n_options <= QUESTION_OPTIONS_MAX &&
		    qn->options != NULL && qn->max_choices >= 1 &&
		    (size_t)qn->max_choices <= qn->n_options;
	case STORE_Q_TEXT:
		return qn->max_length >= 1 && qn->max_length <= 5000;
	case STORE_Q_SCALE:
		return qn->scale_min < qn->scale_max;
	default:
		return 0;
	}
}

static int
question_write(struct store *s, int64_t survey_id, int pos,
    const struct store_question_new *qn)
{
	struct store_trs f[3];
	sqlite3_stmt *q;
	int64_t qid, oid;
	size_t i;
	int rc;

	if ((q = store_stmt(s, sql_question_insert)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, survey_id);
	sqlite3_bind_int(q, 2, pos);
	sqlite3_bind_int(q, 3, qn->kind);
	sqlite3_bind_int(q, 4, qn->required != 0);
	sqlite3_bind_int(q, 5, qn->kind == STORE_Q_MULTIPLE ? qn->max_choices :
	    qn->kind == STORE_Q_SINGLE ? 1 : 0);
	sqlite3_bind_int(q, 6, qn->kind == STORE_Q_TEXT ? qn->max_length : 0);
	sqlite3_bind_int(q, 7, qn->kind == STORE_Q_SCALE ? qn->scale_min : 0);
	sqlite3_bind_int(q, 8, qn->kind == STORE_Q_SCALE ? qn->scale_max : 0);
	if ((rc = store_step_done(s, q)) != 0)
		return rc;
	qid = sqlite3_last_insert_rowid(s->db);
	f[0] = qn->text;
	f[1] = qn->min_label;
	f[2] = qn->max_label;
	if ((rc = store_tr_write(s, sql_question_tr, qid, f, 3, 1)) != 0)
		return rc;
	if (qn->kind != STORE_Q_SINGLE && qn->kind != STORE_Q_MULTIPLE)
		return 0;
	for (i = 0; i < qn->n_options; i++) {
		if ((q = store_stmt(s, sql_qoption_insert)) == NULL)
			return STORE_EIO;
		sqlite3_bind_int64(q, 1, qid);
		sqlite3_bind_int(q, 2, (int)i);
		if ((rc = store_step_done(s, q)) != 0)
			return rc;
		oid = sqlite3_last_insert_rowid(s->db);
		if ((rc = store_tr_write(s, sql_qoption_tr, oid, &qn->options[i],
		    1, 1)) != 0)
			return rc;
	}
	return 0;
}

int
store_survey_create(struct store *s, int64_t project_id,
    const struct store_survey_new *in, int64_t now, int64_t actor_id,
    int64_t *id)
{
	struct store_trs f[2];
	sqlite3_stmt *q;
	int64_t sid = 0;
	size_t i;
	int rc;

	if (id != NULL)
		*id = 0;
	if (s == NULL || in == NULL || in->n_questions < 1 ||
	    in->n_questions > SURVEY_QUESTIONS_MAX || in->questions == NULL ||
	    in->closes_at <= in->opens_at)
		return STORE_EINVALID;
	for (i = 0; i < in->n_questions; i++)
		if (!question_ok(&in->questions[i]))
			return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	if ((rc = store_row_by_id(s, sql_project_exists_v, project_id, &q)) != 0)
		goto out;
	if ((q = store_stmt(s, sql_survey_insert)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, project_id);
	sqlite3_bind_int64(q, 2, in->opens_at);
	sqlite3_bind_int64(q, 3, in->closes_at);
	sqlite3_bind_int64(q, 4, now);
	if ((rc = store_step_done(s, q)) != 0)
		goto out;
	sid = sqlite3_last_insert_rowid(s->db);
	f[0] = in->title;
	f[1] = in->intro;
	if ((rc = store_tr_write(s, sql_survey_tr, sid, f, 2, 1)) != 0)
		goto out;
	for (i = 0; i < in->n_questions; i++)
		if ((rc = question_write(s, sid, (int)i, &in->questions[i])) != 0)
			goto out;
	if ((rc = store_audit_add(s, actor_id, "survey.create", "survey", sid,
	    NULL, now)) != 0)
		goto out;
	rc = store_bump(s, STORE_AREA_CONTENT);
out:
	rc = store_wr_end(s, rc);
	if (rc == 0 && id != NULL)
		*id = sid;
	return rc;
}

/* --- Responses -------------------------------------------------------- */

static const char sql_survey_window[] =
	"SELECT opens_at, closes_at FROM survey WHERE id = ?1";
static const char sql_survey_rules[] =
	"SELECT id, kind, required, max_choices, max_length, scale_min,"
	" scale_max FROM question WHERE survey_id = ?1";
static const char sql_qoption_of[] =
	"SELECT 1 FROM qoption WHERE id = ?1 AND question_id = ?2";
static const char sql_response_upsert[] =
	"INSERT INTO response(survey_id, user_id, updated_at) VALUES (?1, ?2, ?3)"
	" ON CONFLICT(survey_id, user_id) DO UPDATE"
	" SET updated_at = excluded.updated_at RETURNING id";
static const char sql_answers_clear[] =
	"DELETE FROM answer WHERE response_id = ?1";
static const char sql_answer_insert[] =
	"INSERT INTO answer(response_id, question_id, choices, text, value)"
	" VALUES (?1, ?2, ?3, ?4, ?5)";

struct survey_rule {
	int64_t	id;
	int	kind, required, max_choices, max_length, min, max;
	int	answered;
};

static size_t
utf8_chars(const char *t)
{
	size_t n = 0;

	for (; *t != '\0'; t++)
		if (((unsigned char)*t & 0xc0) != 0x80)
			n++;
	return n;
}

/* Checks one answer against its question; 1 when it answers it, 0 when it
 * is empty, STORE_EINVALID when it breaks a rule. */
static int
answer_check(struct store *s, const struct survey_rule *r,
    const struct store_answer_in *a)
{
	sqlite3_stmt *q;
	size_t i, j;
	int rc;

	switch (r->kind) {
	case STORE_Q_SINGLE:
	case STORE_Q_MULTIPLE:
		if (a->text != NULL || a->has_value)
			return STORE_EINVALID;
		if (a->n_choices == 0)
			return 0;
		if (a->choices == NULL || a->n_choices > (size_t)
		    (r->kind == STORE_Q_SINGLE ? 1 : r->max_choices))
			return STORE_EINVALID;
		for (i = 0; i < a->n_choices; i++) {
			for (j = 0; j < i; j++)
				if (a->choices[j] == a->choices[i])
					return STORE_EINVALID;
			if ((q = store_stmt(s, sql_qoption_of)) == NULL)
				return STORE_EIO;
			sqlite3_bind_int64(q, 1, a->choices[i]);
			sqlite3_bind_int64(q, 2, r->id);
			if ((rc = store_step(s, q)) <= 0)
				return rc == 0 ? STORE_EINVALID : rc;
			sqlite3_reset(q);
		}
		return 1;
	case STORE_Q_TEXT:
		if (a->n_choices > 0 || a->has_value)
			return STORE_EINVALID;
		if (a->text == NULL || a->text[0] == '\0')
			return 0;
		return utf8_chars(a->text) <= (size_t)r->max_length ? 1 :
		    STORE_EINVALID;
	case STORE_Q_SCALE:
		if (a->n_choices > 0 || a->text != NULL)
			return STORE_EINVALID;
		if (!a->has_value)
			return 0;
		return a->value >= r->min && a->value <= r->max ? 1 :
		    STORE_EINVALID;
	default:
		return STORE_EINVALID;
	}
}

/* Loads the rules of a survey's questions into r (at most
 * SURVEY_QUESTIONS_MAX); checks the window. */
static int
survey_rules(struct store *s, int64_t survey_id, int64_t now,
    struct survey_rule *r, size_t *n)
{
	sqlite3_stmt *q;
	int rc;

	*n = 0;
	if ((q = store_stmt(s, sql_survey_window)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, survey_id);
	if ((rc = store_step(s, q)) <= 0)
		return rc == 0 ? STORE_ENOTFOUND : rc;
	if (store_window_phase(sqlite3_column_int64(q, 0),
	    sqlite3_column_int64(q, 1), now) != STORE_PHASE_OPEN)
		return STORE_ECLOSED;
	if ((q = store_stmt(s, sql_survey_rules)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, survey_id);
	while ((rc = store_step(s, q)) == 1 && *n < SURVEY_QUESTIONS_MAX) {
		struct survey_rule *x = &r[(*n)++];

		memset(x, 0, sizeof(*x));
		x->id = sqlite3_column_int64(q, 0);
		x->kind = sqlite3_column_int(q, 1);
		x->required = sqlite3_column_int(q, 2);
		x->max_choices = sqlite3_column_int(q, 3);
		x->max_length = sqlite3_column_int(q, 4);
		x->min = sqlite3_column_int(q, 5);
		x->max = sqlite3_column_int(q, 6);
	}
	sqlite3_reset(q);
	return rc < 0 ? rc : 0;
}

/* Writes the answers that answer something. */
static int
answers_write(struct store *s, int64_t rid, const struct store_answer_in *a,
    size_t n, const int *answers)
{
	sqlite3_stmt *q;
	char *ids;
	size_t i;
	int rc;

	for (i = 0; i < n; i++) {
		if (!answers[i])
			continue;
		if ((q = store_stmt(s, sql_answer_insert)) == NULL)
			return STORE_EIO;
		sqlite3_bind_int64(q, 1, rid);
		sqlite3_bind_int64(q, 2, a[i].question_id);
		if (a[i].n_choices > 0) {
			if ((ids = store_ids_format(a[i].choices,
			    a[i].n_choices)) == NULL)
				return STORE_ENOMEM;
			sqlite3_bind_text(q, 3, ids, -1, free);
		}
		store_bind_text(q, 4, a[i].text);
		if (a[i].has_value)
			sqlite3_bind_int(q, 5, a[i].value);
		if ((rc = store_step_done(s, q)) != 0)
			return rc;
	}
	return 0;
}

int
store_response_put(struct store *s, int64_t survey_id, int64_t user_id,
    const struct store_answer_in *answers, size_t n, int64_t now,
    int64_t *updated_at, int64_t *bad_question)
{
	struct survey_rule rules[SURVEY_QUESTIONS_MAX];
	int answered[SURVEY_QUESTIONS_MAX];
	sqlite3_stmt *q;
	size_t nr = 0, i, j;
	int64_t rid;
	int rc;

	if (updated_at != NULL)
		*updated_at = 0;
	if (bad_question != NULL)
		*bad_question = 0;
	if (s == NULL || user_id <= 0 || (n > 0 && answers == NULL) ||
	    n > SURVEY_QUESTIONS_MAX)
		return STORE_EINVALID;
	if ((rc = store_wr_begin(s)) != 0)
		return rc;
	if ((rc = survey_rules(s, survey_id, now, rules, &nr)) != 0)
		goto out;
	for (i = 0; i < n; i++) {
		for (j = 0; j < nr; j++)
			if (rules[j].id == answers[i].question_id)
				break;
		if (j == nr || rules[j].answered) {
			rc = STORE_EINVALID;
			goto bad;
		}
		if ((rc = answer_check(s, &rules[j], &answers[i])) < 0)
			goto bad;
		answered[i] = rc;
		rules[j].answered = 1 + rc;	/* 1 seen, 2 answered */
	}
	for (j = 0; j < nr; j++) {
		if (rules[j].required && rules[j].answered != 2) {
			if (bad_question != NULL)
				*bad_question = rules[j].id;
			rc = STORE_EINVALID;
			goto out;
		}
	}
	if ((q = store_stmt(s, sql_response_upsert)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, survey_id);
	sqlite3_bind_int64(q, 2, user_id);
	sqlite3_bind_int64(q, 3, now);
	if ((rc = store_step(s, q)) <= 0) {
		rc = rc == 0 ? STORE_EIO : rc;
		goto out;
	}
	rid = sqlite3_column_int64(q, 0);
	if ((rc = store_step(s, q)) < 0)
		goto out;
	sqlite3_reset(q);
	if ((q = store_stmt(s, sql_answers_clear)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, rid);
	if ((rc = store_step_done(s, q)) != 0 ||
	    (rc = answers_write(s, rid, answers, n, answered)) != 0)
		goto out;
	rc = store_bump(s, STORE_AREA_VOTES);
	goto out;
bad:
	if (bad_question != NULL)
		*bad_question = answers[i].question_id;
out:
	rc = store_wr_end(s, rc);
	if (rc == 0 && updated_at != NULL)
		*updated_at = now;
	return rc;
}

void
store_response_clear(void *elem)
{
	struct store_response *r = elem;
	size_t i;

	for (i = 0; i < r->n_answers; i++) {
		free(r->answers[i].choices);
		free(r->answers[i].text);
	}
	free(r->answers);
}

void
store_response_free(struct store_response *r)
{
	if (r == NULL)
		return;
	store_response_clear(r);
	free(r);
}

void
store_response_list_free(struct store_response_list *l)
{
	if (l == NULL)
		return;
	store_items_free(l->items, l->n, sizeof(*l->items),
	    store_response_clear);
	free(l->next);
	memset(l, 0, sizeof(*l));
}

static const char sql_response_answers[] =
	"SELECT a.question_id, a.choices, a.text, a.value FROM answer a"
	" JOIN question q ON q.id = a.question_id"
	" WHERE a.response_id = ?1 ORDER BY q.position, q.id";

int
store_response_answers(struct store *s, struct store_response *r)
{
	struct store_answer *tmp;
	sqlite3_stmt *q;
	size_t cap = 0;
	int rc, oom = 0;

	if ((q = store_stmt(s, sql_response_answers)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, r->id);
	while ((rc = store_step(s, q)) == 1) {
		struct store_answer *a;

		if (r->n_answers == cap) {
			cap = cap ? cap * 2 : 8;
			if ((tmp = realloc(r->answers, cap * sizeof(*tmp))) ==
			    NULL) {
				rc = STORE_ENOMEM;
				break;
			}
			r->answers = tmp;
		}
		a = &r->answers[r->n_answers++];
		memset(a, 0, sizeof(*a));
		a->question_id = sqlite3_column_int64(q, 0);
		if ((rc = store_ids_parse((const char *)sqlite3_column_text(q, 1),
		    &a->choices, &a->n_choices)) != 0)
			break;
		a->text = store_col_str(q, 2, &oom);
		if (sqlite3_column_type(q, 3) != SQLITE_NULL) {
			a->has_value = 1;
			a->value = sqlite3_column_int(q, 3);
		}
		if (oom) {
			rc = STORE_ENOMEM;
			break;
		}
	}
	sqlite3_reset(q);
	return rc < 0 ? rc : 0;
}

static const char sql_response_get[] =
	"SELECT id, survey_id, updated_at FROM response"
	" WHERE survey_id = ?1 AND user_id = ?2";

static int
response_row(sqlite3_stmt *q, void *elem)
{
	struct store_response *r = elem;

	r->id = sqlite3_column_int64(q, 0);
	r->survey_id = sqlite3_column_int64(q, 1);
	r->updated_at = sqlite3_column_int64(q, 2);
	return 0;
}

int
store_response_get(struct store *s, int64_t survey_id, int64_t user_id,
    struct store_response **out)
{
	struct store_response *r = NULL;
	sqlite3_stmt *q;
	int rc;

	if (out == NULL)
		return STORE_EINVALID;
	*out = NULL;
	if (s == NULL || user_id <= 0)
		return STORE_EINVALID;
	if ((q = store_stmt(s, sql_response_get)) == NULL)
		return STORE_EIO;
	sqlite3_bind_int64(q, 1, survey_id);
	sqlite3_bind_int64(q, 2, user_id);
	if ((rc = store_step(s, q)) <= 0) {
		rc = rc == 0 ? STORE_ENOTFOUND : rc;
		goto out;
	}
	if ((r = calloc(1, sizeof(*r))) == NULL) {
		rc = STORE_ENOMEM;
		goto out;
	}
	response_row(q, r);
	sqlite3_reset(q);
	if ((rc = store_response_answers(s, r)) != 0)
		goto out;
	*out = r;
	r = NULL;
out:
	store_release(s);
	store_response_free(r);
	return rc;
}

static const char sql_response_list[] =
	"SELECT id, survey_id, updated_at FROM response WHERE survey_id = ?1"
	" AND (?2 IS NULL OR id > ?2) ORDER BY id LIMIT ?3";
static const char sql_response_count[] =
	"SELECT count(*) FROM response WHERE survey_id = ?1";
static const char sql_survey_exists[] = "SELECT 1 FROM survey WHERE id = ?1";

static int
response_key(const void *elem, int64_t *k)
{
	k[0] = ((const struct store_response *)elem)->id;
	return 1;
}

int
store_response_list(struct store *s, int64_t survey_id, int limit,
    const char *after, struct store_response_list *out)
{
	sqlite3_stmt *q;
	int64_t k[1];
	size_t i;
	int rc, cur;

	if (out == NULL)
		return STORE_EINVALID;
	memset(out, 0, sizeof(*out));
	if (s == NULL)
		return STORE_EINVALID;
	if ((cur = store_cursor_parse(after, k, 1)) < 0)
		return cur;
	limit = store_limit(limit);
	if ((rc = store_row_by_id(s, sql_survey_exists, survey_id, &q)) != 0)
		goto out;
	if ((q = store_stmt(s, sql_response_list)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, survey_id);
	if (cur == 0)
		sqlite3_bind_int64(q, 2, k[0]);
	sqlite3_bind_int(q, 3, limit + 1);
	if ((rc = store_list_page(s, q, limit, sizeof(*out->items),
	    response_row, store_response_clear, response_key,
	    (void **)&out->items, &out->n, &out->next)) != 0)
		goto out;
	for (i = 0; i < out->n; i++)
		if ((rc = store_response_answers(s, &out->items[i])) != 0)
			goto out;
	if ((q = store_stmt(s, sql_response_count)) == NULL) {
		rc = STORE_EIO;
		goto out;
	}
	sqlite3_bind_int64(q, 1, survey_id);
	rc = store_count(s, q, &out->total);
out:
	store_release(s);
	if (rc != 0)
		store_response_list_free(out);
	return rc;
}
