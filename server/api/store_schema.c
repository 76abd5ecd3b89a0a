/* store_schema.c — the schema as ordered migration steps kept in PRAGMA user_version. */
#include <stdio.h>
#include <string.h>

#include "server/api/store_int.h"

/*
 * Each step brings the file from version i-1 to i. Steps are never edited
 * once shipped: a change is a new step at the end. Version 1 is the base
 * tables; version 2 adds the audit log, the denormalized support counter of
 * ideas (filled from the supports already stored) and the indexes the list
 * queries use; version 3 adds counters kept by triggers (below); version 4
 * the SSH keys of key login; version 5 paper tallies keyed twice; version
 * 6 the proofs that a key was used in an SSH login.
 */
static const char schema_v1[] =
	"CREATE TABLE meta_version(area INTEGER PRIMARY KEY,"
	" version INTEGER NOT NULL DEFAULT 0);"
	"INSERT INTO meta_version(area, version) VALUES (1, 0), (2, 0), (4, 0);"
	"CREATE TABLE account(id INTEGER PRIMARY KEY,"
	" username TEXT COLLATE NOCASE UNIQUE, email TEXT COLLATE NOCASE UNIQUE,"
	" display_name TEXT, locale TEXT NOT NULL DEFAULT 'de',"
	" role INTEGER NOT NULL, status INTEGER NOT NULL, pwhash TEXT,"
	" created_at INTEGER NOT NULL, deleted_at INTEGER);"
	"CREATE TABLE session(hash BLOB PRIMARY KEY,"
	" user_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	" created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE token(hash BLOB PRIMARY KEY, kind INTEGER NOT NULL,"
	" user_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	" created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE TABLE project(id INTEGER PRIMARY KEY, slug TEXT NOT NULL UNIQUE,"
	" category TEXT NOT NULL, status INTEGER NOT NULL,"
	" starts_at INTEGER NOT NULL, ends_at INTEGER NOT NULL DEFAULT 0,"
	" ideas_open INTEGER NOT NULL DEFAULT 0, created_at INTEGER NOT NULL);"
	"CREATE TABLE project_tr(project_id INTEGER NOT NULL"
	" REFERENCES project(id) ON DELETE CASCADE, lang TEXT NOT NULL,"
	" title TEXT, summary TEXT, description TEXT,"
	" PRIMARY KEY(project_id, lang)) WITHOUT ROWID;"
	"CREATE TABLE idea(id INTEGER PRIMARY KEY,"
	" project_id INTEGER NOT NULL REFERENCES project(id),"
	" author_id INTEGER REFERENCES account(id),"
	" title TEXT NOT NULL, body TEXT NOT NULL, status INTEGER NOT NULL,"
	" moderation_reason TEXT, created_at INTEGER NOT NULL);"
	"CREATE TABLE support(idea_id INTEGER NOT NULL REFERENCES idea(id),"
	" user_id INTEGER REFERENCES account(id), created_at INTEGER NOT NULL,"
	" UNIQUE(idea_id, user_id));"
	"CREATE TABLE comment(id INTEGER PRIMARY KEY,"
	" project_id INTEGER NOT NULL REFERENCES project(id),"
	" idea_id INTEGER REFERENCES idea(id),"
	" parent_id INTEGER REFERENCES comment(id),"
	" author_id INTEGER REFERENCES account(id), body TEXT NOT NULL,"
	" status INTEGER NOT NULL, moderation_reason TEXT,"
	" created_at INTEGER NOT NULL);"
	"CREATE TABLE report(id INTEGER PRIMARY KEY, target INTEGER NOT NULL,"
	" target_id INTEGER NOT NULL, reporter_id INTEGER REFERENCES account(id),"
	" reason TEXT NOT NULL, created_at INTEGER NOT NULL, handled_at INTEGER,"
	" UNIQUE(target, target_id, reporter_id));"
	"CREATE TABLE poll(id INTEGER PRIMARY KEY,"
	" project_id INTEGER NOT NULL REFERENCES project(id),"
	" kind INTEGER NOT NULL, max_choices INTEGER NOT NULL,"
	" opens_at INTEGER NOT NULL, closes_at INTEGER NOT NULL,"
	" results_visible INTEGER NOT NULL, created_at INTEGER NOT NULL);"
	"CREATE TABLE poll_tr(poll_id INTEGER NOT NULL"
	" REFERENCES poll(id) ON DELETE CASCADE, lang TEXT NOT NULL,"
	" title TEXT, question TEXT, PRIMARY KEY(poll_id, lang)) WITHOUT ROWID;"
	"CREATE TABLE poll_option(id INTEGER PRIMARY KEY,"
	" poll_id INTEGER NOT NULL REFERENCES poll(id), position INTEGER NOT NULL,"
	" address TEXT, lat REAL, lon REAL);"
	"CREATE TABLE option_tr(option_id INTEGER NOT NULL"
	" REFERENCES poll_option(id) ON DELETE CASCADE, lang TEXT NOT NULL,"
	" title TEXT, description TEXT, PRIMARY KEY(option_id, lang)) WITHOUT ROWID;"
	"CREATE TABLE ballot(id INTEGER PRIMARY KEY,"
	" poll_id INTEGER NOT NULL REFERENCES poll(id),"
	" user_id INTEGER REFERENCES account(id), updated_at INTEGER NOT NULL,"
	" UNIQUE(poll_id, user_id));"
	"CREATE TABLE ballot_choice(ballot_id INTEGER NOT NULL"
	" REFERENCES ballot(id) ON DELETE CASCADE, position INTEGER NOT NULL,"
	" poll_id INTEGER NOT NULL, option_id INTEGER NOT NULL"
	" REFERENCES poll_option(id), PRIMARY KEY(ballot_id, position)) WITHOUT ROWID;"
	"CREATE INDEX ballot_choice_count ON ballot_choice(poll_id, option_id, position);"
	"CREATE TABLE analog_tally(id INTEGER PRIMARY KEY,"
	" poll_id INTEGER NOT NULL REFERENCES poll(id), source TEXT NOT NULL,"
	" ballots INTEGER, actor_id INTEGER REFERENCES account(id),"
	" created_at INTEGER NOT NULL);"
	"CREATE TABLE analog_count(tally_id INTEGER NOT NULL"
	" REFERENCES analog_tally(id) ON DELETE CASCADE,"
	" option_id INTEGER NOT NULL REFERENCES poll_option(id),"
	" count INTEGER NOT NULL, PRIMARY KEY(tally_id, option_id)) WITHOUT ROWID;"
	"CREATE TABLE survey(id INTEGER PRIMARY KEY,"
	" project_id INTEGER NOT NULL REFERENCES project(id),"
	" opens_at INTEGER NOT NULL, closes_at INTEGER NOT NULL,"
	" created_at INTEGER NOT NULL);"
	"CREATE TABLE survey_tr(survey_id INTEGER NOT NULL"
	" REFERENCES survey(id) ON DELETE CASCADE, lang TEXT NOT NULL,"
	" title TEXT, intro TEXT, PRIMARY KEY(survey_id, lang)) WITHOUT ROWID;"
	"CREATE TABLE question(id INTEGER PRIMARY KEY,"
	" survey_id INTEGER NOT NULL REFERENCES survey(id),"
	" position INTEGER NOT NULL, kind INTEGER NOT NULL,"
	" required INTEGER NOT NULL, max_choices INTEGER NOT NULL DEFAULT 0,"
	" max_length INTEGER NOT NULL DEFAULT 0, scale_min INTEGER NOT NULL DEFAULT 0,"
	" scale_max INTEGER NOT NULL DEFAULT 0);"
	"CREATE TABLE question_tr(question_id INTEGER NOT NULL"
	" REFERENCES question(id) ON DELETE CASCADE, lang TEXT NOT NULL,"
	" text TEXT, min_label TEXT, max_label TEXT,"
	" PRIMARY KEY(question_id, lang)) WITHOUT ROWID;"
	"CREATE TABLE qoption(id INTEGER PRIMARY KEY,"
	" question_id INTEGER NOT NULL REFERENCES question(id),"
	" position INTEGER NOT NULL);"
	"CREATE TABLE qoption_tr(qoption_id INTEGER NOT NULL"
	" REFERENCES qoption(id) ON DELETE CASCADE, lang TEXT NOT NULL,"
	" title TEXT, PRIMARY KEY(qoption_id, lang)) WITHOUT ROWID;"
	"CREATE TABLE response(id INTEGER PRIMARY KEY,"
	" survey_id INTEGER NOT NULL REFERENCES survey(id),"
	" user_id INTEGER REFERENCES account(id), updated_at INTEGER NOT NULL,"
	" UNIQUE(survey_id, user_id));"
	"CREATE TABLE answer(response_id INTEGER NOT NULL"
	" REFERENCES response(id) ON DELETE CASCADE,"
	" question_id INTEGER NOT NULL REFERENCES question(id),"
	" choices TEXT, text TEXT, value INTEGER,"
	" PRIMARY KEY(response_id, question_id)) WITHOUT ROWID;";

static const char schema_v2[] =
	"CREATE TABLE audit(id INTEGER PRIMARY KEY,"
	" actor_id INTEGER REFERENCES account(id), action TEXT NOT NULL,"
	" target TEXT NOT NULL, target_id INTEGER NOT NULL, detail TEXT,"
	" created_at INTEGER NOT NULL);"
	"ALTER TABLE idea ADD COLUMN supports INTEGER NOT NULL DEFAULT 0;"
	"UPDATE idea SET supports ="
	" (SELECT count(*) FROM support WHERE support.idea_id = idea.id);"
	"CREATE INDEX idea_new ON idea(project_id, status, created_at, id);"
	"CREATE INDEX idea_top ON idea(project_id, status, supports, id);"
	"CREATE INDEX idea_author ON idea(author_id);"
	"CREATE INDEX idea_queue ON idea(status, created_at, id);"
	"CREATE INDEX comment_idea ON comment(idea_id, status);"
	"CREATE INDEX comment_project ON comment(project_id, idea_id, status);"
	"CREATE INDEX comment_author ON comment(author_id);"
	"CREATE INDEX comment_queue ON comment(status, created_at, id);"
	"CREATE INDEX support_user ON support(user_id);"
	"CREATE INDEX report_open ON report(handled_at, created_at, id);"
	"CREATE INDEX report_reporter ON report(reporter_id);"
	"CREATE INDEX session_user ON session(user_id);"
	"CREATE INDEX token_user ON token(user_id);"
	"CREATE INDEX poll_project ON poll(project_id);"
	"CREATE INDEX option_poll ON poll_option(poll_id, position);"
	"CREATE INDEX ballot_user ON ballot(user_id);"
	"CREATE INDEX tally_poll ON analog_tally(poll_id);"
	"CREATE INDEX survey_project ON survey(project_id);"
	"CREATE INDEX question_survey ON question(survey_id, position);"
	"CREATE INDEX qoption_question ON qoption(question_id, position);"
	"CREATE INDEX response_user ON response(user_id);"
	"CREATE INDEX audit_actor ON audit(actor_id);";

/*
 * Version 3 keeps counters that the hot read paths would otherwise compute
 * from every ballot: ballots per poll, ballots per option and position,
 * and the participants of each project. Triggers maintain them, so every
 * write path (and any future one) keeps them right; the step fills them
 * from the data already stored.
 */
static const char schema_v3[] =
	"CREATE TABLE participant(project_id INTEGER NOT NULL"
	" REFERENCES project(id), user_id INTEGER NOT NULL,"
	" PRIMARY KEY(project_id, user_id)) WITHOUT ROWID;"
	"INSERT OR IGNORE INTO participant SELECT project_id, author_id FROM idea"
	" WHERE author_id IS NOT NULL;"
	"INSERT OR IGNORE INTO participant SELECT project_id, author_id"
	" FROM comment WHERE author_id IS NOT NULL;"
	"INSERT OR IGNORE INTO participant SELECT i.project_id, s.user_id"
	" FROM support s JOIN idea i ON i.id = s.idea_id"
	" WHERE s.user_id IS NOT NULL;"
	"INSERT OR IGNORE INTO participant SELECT p.project_id, b.user_id"
	" FROM ballot b JOIN poll p ON p.id = b.poll_id"
	" WHERE b.user_id IS NOT NULL;"
	"INSERT OR IGNORE INTO participant SELECT v.project_id, r.user_id"
	" FROM response r JOIN survey v ON v.id = r.survey_id"
	" WHERE r.user_id IS NOT NULL;"
	"CREATE TRIGGER participant_idea AFTER INSERT ON idea"
	" WHEN NEW.author_id IS NOT NULL BEGIN"
	" INSERT OR IGNORE INTO participant VALUES (NEW.project_id, NEW.author_id);"
	" END;"
	"CREATE TRIGGER participant_comment AFTER INSERT ON comment"
	" WHEN NEW.author_id IS NOT NULL BEGIN"
	" INSERT OR IGNORE INTO participant VALUES (NEW.project_id, NEW.author_id);"
	" END;"
	"CREATE TRIGGER participant_support AFTER INSERT ON support"
	" WHEN NEW.user_id IS NOT NULL BEGIN"
	" INSERT OR IGNORE INTO participant SELECT project_id, NEW.user_id"
	"  FROM idea WHERE id = NEW.idea_id;"
	" END;"
	"CREATE TRIGGER participant_response AFTER INSERT ON response"
	" WHEN NEW.user_id IS NOT NULL BEGIN"
	" INSERT OR IGNORE INTO participant SELECT project_id, NEW.user_id"
	"  FROM survey WHERE id = NEW.survey_id;"
	" END;"
	"ALTER TABLE poll ADD COLUMN ballots INTEGER NOT NULL DEFAULT 0;"
	"UPDATE poll SET ballots ="
	" (SELECT count(*) FROM ballot WHERE ballot.poll_id = poll.id);"
	"CREATE TRIGGER ballot_added AFTER INSERT ON ballot BEGIN"
	" UPDATE poll SET ballots = ballots + 1 WHERE id = NEW.poll_id;"
	" INSERT OR IGNORE INTO participant SELECT project_id, NEW.user_id"
	"  FROM poll WHERE id = NEW.poll_id AND NEW.user_id IS NOT NULL;"
	" END;"
	"CREATE TRIGGER ballot_removed AFTER DELETE ON ballot BEGIN"
	" UPDATE poll SET ballots = ballots - 1 WHERE id = OLD.poll_id;"
	" END;"
	"CREATE TABLE ballot_tally(poll_id INTEGER NOT NULL,"
	" option_id INTEGER NOT NULL, position INTEGER NOT NULL,"
	" n INTEGER NOT NULL, PRIMARY KEY(poll_id, option_id, position))"
	" WITHOUT ROWID;"
	"INSERT INTO ballot_tally SELECT poll_id, option_id, position, count(*)"
	" FROM ballot_choice GROUP BY poll_id, option_id, position;"
	"CREATE TRIGGER tally_added AFTER INSERT ON ballot_choice BEGIN"
	" INSERT INTO ballot_tally VALUES (NEW.poll_id, NEW.option_id,"
	"  NEW.position, 1)"
	"  ON CONFLICT(poll_id, option_id, position) DO UPDATE SET n = n + 1;"
	" END;"
	"CREATE TRIGGER tally_removed AFTER DELETE ON ballot_choice BEGIN"
	" UPDATE ballot_tally SET n = n - 1 WHERE poll_id = OLD.poll_id"
	"  AND option_id = OLD.option_id AND position = OLD.position;"
	" END;";

/*
 * Version 4 keeps the SSH public keys residents log in with: only the
 * SHA256 fingerprint (what the gateway computes from the key it verified),
 * the key type and a label, never the key itself. A fingerprint belongs to
 * one account. Sessions remember the key that opened them, so removing the
 * key ends them.
 */
static const char schema_v4[] =
	"CREATE TABLE sshkey(id INTEGER PRIMARY KEY,"
	" user_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	" fingerprint TEXT NOT NULL UNIQUE, type TEXT NOT NULL,"
	" label TEXT NOT NULL, created_at INTEGER NOT NULL);"
	"CREATE INDEX sshkey_user ON sshkey(user_id);"
	"ALTER TABLE session ADD COLUMN sshkey_id INTEGER;"
	"CREATE INDEX session_sshkey ON session(sshkey_id)"
	" WHERE sshkey_id IS NOT NULL;";

/*
 * Version 5: paper tallies that are keyed once or twice. A tally (sheet)
 * has entries (slot 1 and 2, by two accounts), an entry its lines: how
 * many paper ballots had one option, or for ranking polls one order of
 * options (ids joined by ','). Old tallies become one entry each; their
 * counts are lines, for ranking polls marked as points (they were); a
 * single-choice tally without a ballots number gets the sum of its counts.
 */
static const char schema_v5[] =
	"ALTER TABLE analog_tally ADD COLUMN keys INTEGER NOT NULL DEFAULT 1;"
	"ALTER TABLE analog_tally ADD COLUMN withdrawn_at INTEGER;"
	"ALTER TABLE analog_tally ADD COLUMN withdrawn_by INTEGER"
	" REFERENCES account(id);"
	"CREATE TABLE analog_entry(id INTEGER PRIMARY KEY,"
	" tally_id INTEGER NOT NULL REFERENCES analog_tally(id) ON DELETE CASCADE,"
	" slot INTEGER NOT NULL, keyer_id INTEGER REFERENCES account(id),"
	" ballots INTEGER, invalid INTEGER NOT NULL DEFAULT 0,"
	" points INTEGER NOT NULL DEFAULT 0, keyed_at INTEGER NOT NULL,"
	" UNIQUE(tally_id, slot));"
	"CREATE TABLE analog_line(entry_id INTEGER NOT NULL"
	" REFERENCES analog_entry(id) ON DELETE CASCADE, seq INTEGER NOT NULL,"
	" choices TEXT NOT NULL, count INTEGER NOT NULL,"
	" PRIMARY KEY(entry_id, seq)) WITHOUT ROWID;"
	"INSERT INTO analog_entry(id, tally_id, slot, keyer_id, ballots, invalid,"
	" points, keyed_at) SELECT t.id, t.id, 1, t.actor_id, t.ballots, 0,"
	" p.kind = 3, t.created_at FROM analog_tally t JOIN poll p ON p.id = t.poll_id;"
	"INSERT INTO analog_line(entry_id, seq, choices, count)"
	" SELECT tally_id, option_id, CAST(option_id AS TEXT), count"
	" FROM analog_count WHERE count > 0;"
	"UPDATE analog_entry SET ballots = (SELECT coalesce(sum(count), 0)"
	" FROM analog_line WHERE entry_id = analog_entry.id)"
	" WHERE ballots IS NULL AND tally_id IN (SELECT t.id FROM analog_tally t"
	" JOIN poll p ON p.id = t.poll_id WHERE p.kind = 1);"
	"DROP TABLE analog_count;";

/*
 * Version 6: single-use proofs that the SSH gateway verified a signature by
 * a key (its fingerprint), needed to register that key; only their hash is
 * kept, like tokens.
 */
static const char schema_v6[] =
	"CREATE TABLE keyproof(hash BLOB PRIMARY KEY,"
	" fingerprint TEXT NOT NULL, created_at INTEGER NOT NULL,"
	" expires_at INTEGER NOT NULL) WITHOUT ROWID;";

static const char *const schema_steps[] = { NULL, schema_v1, schema_v2,
	schema_v3, schema_v4, schema_v5, schema_v6 };

_Static_assert(sizeof(schema_steps) / sizeof(schema_steps[0]) ==
    STORE_SCHEMA_VERSION + 1, "one step per schema version");

const char *
store_schema_step(int v)
{
	if (v < 1 || v > STORE_SCHEMA_VERSION)
		return NULL;
	return schema_steps[v];
}

static int
schema_exec(struct store *s, const char *sql)
{
	char *msg = NULL;
	int rc;

	rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		store_seterr(s, "%s", msg != NULL ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return rc == SQLITE_BUSY ? STORE_EBUSY : STORE_EIO;
	}
	return 0;
}

static int
schema_version(struct store *s, int *v)
{
	sqlite3_stmt *q = NULL;
	int rc;

	*v = -1;
	rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &q, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(q)) == SQLITE_ROW) {
		*v = sqlite3_column_int(q, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(q);
	return rc == SQLITE_OK ? 0 : store_sqlerr(s, rc);
}

int
store_schema_version(struct store *s, int *version)
{
	if (s == NULL || version == NULL)
		return STORE_EINVALID;
	return schema_version(s, version);
}

/*
 * Upgrades inside one IMMEDIATE transaction so that two programs opening
 * the same old file at once cannot both migrate, and a failed step leaves
 * the file exactly as it was.
 */
int
store_schema_migrate(struct store *s, char *err, size_t errsz)
{
	char buf[32];
	int v, rc, i;

	if ((rc = schema_version(s, &v)) != 0)
		goto out;
	if (v == STORE_SCHEMA_VERSION)
		return 0;
	if (v > STORE_SCHEMA_VERSION) {
		rc = STORE_ESCHEMA;
		store_seterr(s, "database schema version %d is newer than this "
		    "program's version %d; use a newer mitwirkung-api", v,
		    STORE_SCHEMA_VERSION);
		goto out;
	}
	if ((rc = schema_exec(s, "BEGIN IMMEDIATE")) != 0)
		goto out;
	/* Read again: another process may have migrated meanwhile. */
	if ((rc = schema_version(s, &v)) != 0)
		goto fail;
	if (v > STORE_SCHEMA_VERSION) {
		rc = STORE_ESCHEMA;
		store_seterr(s, "database schema version %d is newer than this "
		    "program's version %d", v, STORE_SCHEMA_VERSION);
		goto fail;
	}
	for (i = v + 1; i <= STORE_SCHEMA_VERSION; i++) {
		if ((rc = schema_exec(s, schema_steps[i])) != 0) {
			rc = STORE_ESCHEMA;
			goto fail;
		}
	}
	snprintf(buf, sizeof(buf), "PRAGMA user_version = %d",
	    STORE_SCHEMA_VERSION);
	if ((rc = schema_exec(s, buf)) != 0 ||
	    (rc = schema_exec(s, "COMMIT")) != 0)
		goto fail;
	return 0;
fail:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
out:
	if (err != NULL && errsz > 0)
		snprintf(err, errsz, "%s", s->err);
	return rc;
}
