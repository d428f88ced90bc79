/*
 * schema holds every version of the database layout as forward migrations.
 * A released migration is never edited: a change is a new entry, so a desk
 * database made by an older frontdesk upgrades in place.
 *
 * Ownership, which re-import relies on (DESIGN section 2):
 *   platform-owned: attendee's registration columns, payment rows with
 *                   source 'platform', collective_transfer/collective_member;
 *   desk-owned:     checkin, rejection, payment rows with source 'onsite',
 *                   stay, walkin, attendance, print_job, journal, attendee.desk_note.
 *   the programme:  session (sessions.csv, merged by id at each import).
 *   derived at merge: conflict (rebuilt with checkin, rejection, on-site
 *                   payments, stay, walkin and attendance whenever a merge brings new
 *                   entries).
 *   this copy only:  print_job, merge_log, import_log, supervisor_guard, the
 *                   desk.* and export.* settings (a merge neither sends nor
 *                   compares them).
 */
#include "db_private.h"

static const char schema_v1[] =
    "CREATE TABLE setting ("
    "  key TEXT PRIMARY KEY,"
    "  value TEXT NOT NULL"
    ") WITHOUT ROWID;"

    /* id is the registration sequence printed inside the ticket code */
    "CREATE TABLE attendee ("
    "  id INTEGER PRIMARY KEY,"
    "  reg_no TEXT NOT NULL UNIQUE,"
    "  name TEXT NOT NULL,"
    "  gender TEXT NOT NULL DEFAULT '' CHECK (gender = '' OR gender = 'M' OR gender = 'F'),"
    "  organisation TEXT,"
    "  position TEXT,"
    "  phone TEXT,"
    "  member INTEGER NOT NULL DEFAULT 0 CHECK (member = 0 OR member = 1),"
    "  status TEXT NOT NULL CHECK (status = 'approved' OR status = 'pending' OR status = 'rejected'),"
    "  withdrawn INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn = 0 OR withdrawn = 1),"
    "  pay_channel TEXT NOT NULL DEFAULT 'none'"
    "    CHECK (pay_channel = 'none' OR pay_channel = 'online' OR pay_channel = 'transfer' OR pay_channel = 'collective'),"
    "  paid_amount INTEGER NOT NULL DEFAULT 0,"
    "  pay_state TEXT NOT NULL DEFAULT 'none' CHECK (pay_state = 'none' OR pay_state = 'confirmed' OR pay_state = 'pending'),"
    "  room_type TEXT NOT NULL DEFAULT 'none'"
    "    CHECK (room_type = 'none' OR room_type = 'king' OR room_type = 'twin_single' OR room_type = 'bed'),"
    "  arrive TEXT NOT NULL,"
    "  depart TEXT NOT NULL CHECK (depart > arrive),"
    "  roommate TEXT,"
    "  note TEXT,"
    "  external_code TEXT UNIQUE,"
    "  extra TEXT,"
    "  secret TEXT NOT NULL CHECK (length(secret) = 10),"
    "  desk_note TEXT,"
    "  imported_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL"
    ");"

    "CREATE TABLE payment ("
    "  id INTEGER PRIMARY KEY,"
    "  attendee_id INTEGER NOT NULL REFERENCES attendee(id),"
    "  source TEXT NOT NULL CHECK (source = 'platform' OR source = 'onsite'),"
    "  channel TEXT NOT NULL CHECK (channel = 'online' OR channel = 'transfer' OR channel = 'card'),"
    "  amount INTEGER NOT NULL CHECK (amount > 0),"
    "  state TEXT NOT NULL CHECK (state = 'confirmed' OR state = 'pending'),"
    "  reference TEXT,"
    "  invoice_title TEXT,"
    "  taxpayer_no TEXT,"
    "  desk_id TEXT,"
    "  operator TEXT,"
    "  created_at TEXT NOT NULL"
    ");"
    "CREATE INDEX payment_attendee ON payment(attendee_id);"

    "CREATE TABLE collective_transfer ("
    "  id INTEGER PRIMARY KEY,"
    "  organisation TEXT NOT NULL,"
    "  amount INTEGER NOT NULL CHECK (amount > 0),"
    "  reference TEXT NOT NULL UNIQUE,"
    "  state TEXT NOT NULL CHECK (state = 'confirmed' OR state = 'pending')"
    ");"
    /* reg_no, not attendee_id: a transfer may list someone who never registered */
    "CREATE TABLE collective_member ("
    "  transfer_id INTEGER NOT NULL REFERENCES collective_transfer(id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL,"
    "  reg_no TEXT NOT NULL,"
    "  PRIMARY KEY (transfer_id, position)"
    ");"
    "CREATE INDEX collective_member_reg_no ON collective_member(reg_no);"

    "CREATE TABLE room ("
    "  id INTEGER PRIMARY KEY,"
    "  hotel TEXT NOT NULL,"
    "  room TEXT NOT NULL,"
    "  type TEXT NOT NULL CHECK (type = 'king' OR type = 'twin'),"
    "  floor TEXT,"
    "  note TEXT,"
    "  hotel_rank INTEGER NOT NULL,"
    "  UNIQUE (hotel, room)"
    ");"

    /* one row per person per night: the bed is taken that night */
    "CREATE TABLE stay ("
    "  attendee_id INTEGER NOT NULL REFERENCES attendee(id),"
    "  night TEXT NOT NULL,"
    "  room_id INTEGER NOT NULL REFERENCES room(id),"
    "  bed INTEGER NOT NULL CHECK (bed = 1 OR bed = 2),"
    "  flags TEXT,"
    "  PRIMARY KEY (attendee_id, night),"
    "  UNIQUE (room_id, bed, night)"
    ");"

    "CREATE TABLE checkin ("
    "  attendee_id INTEGER PRIMARY KEY REFERENCES attendee(id),"
    "  at TEXT NOT NULL,"
    "  desk_id TEXT NOT NULL,"
    "  operator TEXT NOT NULL,"
    "  evidence TEXT"
    ");"

    "CREATE TABLE rejection ("
    "  id INTEGER PRIMARY KEY,"
    "  attendee_id INTEGER NOT NULL REFERENCES attendee(id),"
    "  at TEXT NOT NULL,"
    "  desk_id TEXT NOT NULL,"
    "  operator TEXT NOT NULL,"
    "  reason TEXT NOT NULL"
    ");"

    /* every state change, identified by (desk, seq) for merging desks */
    "CREATE TABLE journal ("
    "  desk_id TEXT NOT NULL,"
    "  seq INTEGER NOT NULL,"
    "  at TEXT NOT NULL,"
    "  operator TEXT NOT NULL,"
    "  action TEXT NOT NULL,"
    "  subject TEXT,"
    "  details TEXT,"
    "  PRIMARY KEY (desk_id, seq)"
    ");"

    "CREATE TABLE print_job ("
    "  id INTEGER PRIMARY KEY,"
    "  attendee_id INTEGER NOT NULL REFERENCES attendee(id),"
    "  state TEXT NOT NULL CHECK (state = 'queued' OR state = 'sent' OR state = 'done' OR state = 'failed'),"
    "  reason TEXT,"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  next_try_at TEXT,"
    "  cups_job INTEGER,"
    "  created_at TEXT NOT NULL,"
    "  updated_at TEXT NOT NULL"
    ");"

    /* setup history (init, imports): not journal entries, a desk copy has none of its own */
    "CREATE TABLE import_log ("
    "  id INTEGER PRIMARY KEY,"
    "  at TEXT NOT NULL,"
    "  kind TEXT NOT NULL,"
    "  file TEXT NOT NULL,"
    "  sha256 TEXT NOT NULL,"
    "  summary TEXT NOT NULL"
    ");";

/* v2: multi-desk merge (DESIGN section 4, docs/merge.md) */
static const char schema_v2[] =
    /* what a merge found and how its rule resolved it: derived from the journal, so two
     * desks that merged the same entries list the same conflicts */
    "CREATE TABLE conflict ("
    "  id INTEGER PRIMARY KEY,"
    "  kind TEXT NOT NULL,"
    "  reg_no TEXT,"
    "  desk_id TEXT NOT NULL,"
    "  seq INTEGER NOT NULL,"
    "  at TEXT NOT NULL,"
    "  other_desk TEXT,"
    "  other_seq INTEGER,"
    "  other_at TEXT,"
    "  room_given TEXT,"
    "  room_now TEXT,"
    "  amount INTEGER"
    ");"
    /* when this copy merged what: not journalled, so merging leaves no entry of its own
     * that the other desks would lack */
    "CREATE TABLE merge_log ("
    "  id INTEGER PRIMARY KEY,"
    "  at TEXT NOT NULL,"
    "  source TEXT NOT NULL,"
    "  bundle_desk TEXT NOT NULL,"
    "  entries INTEGER NOT NULL,"
    "  new_entries INTEGER NOT NULL,"
    "  conflicts INTEGER NOT NULL"
    ");";

/*
 * v3: a counter of every change to what a hotel picture is loaded from (rooms,
 * stays, a guest's gender), kept by triggers so no writer can forget it. A
 * desk keeps its picture between check-ins (stays.h, stays_checkout) only
 * while the counter is where its own last save left it: loading the whole
 * hotel for every bed cost ~50 ms on the 100k bench event. Per-row triggers
 * add about 0.6 us to each stay row written (measured on 400k rows); the
 * gender trigger fires only when the gender really changes, so a re-import
 * costs nothing. Not part of the journal: each copy counts its own changes.
 */
static const char schema_v3[] =
    "CREATE TABLE stay_generation (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);"
    "INSERT INTO stay_generation VALUES (1, 0);"
    "CREATE TRIGGER stay_generation_ins AFTER INSERT ON stay BEGIN "
    "  UPDATE stay_generation SET n = n + 1 WHERE id = 1; END;"
    "CREATE TRIGGER stay_generation_del AFTER DELETE ON stay BEGIN "
    "  UPDATE stay_generation SET n = n + 1 WHERE id = 1; END;"
    "CREATE TRIGGER stay_generation_upd AFTER UPDATE ON stay BEGIN "
    "  UPDATE stay_generation SET n = n + 1 WHERE id = 1; END;"
    "CREATE TRIGGER room_generation_ins AFTER INSERT ON room BEGIN "
    "  UPDATE stay_generation SET n = n + 1 WHERE id = 1; END;"
    "CREATE TRIGGER room_generation_del AFTER DELETE ON room BEGIN "
    "  UPDATE stay_generation SET n = n + 1 WHERE id = 1; END;"
    "CREATE TRIGGER room_generation_upd AFTER UPDATE ON room BEGIN "
    "  UPDATE stay_generation SET n = n + 1 WHERE id = 1; END;"
    "CREATE TRIGGER gender_generation AFTER UPDATE OF gender ON attendee "
    "  WHEN OLD.gender IS NOT NEW.gender BEGIN "
    "  UPDATE stay_generation SET n = n + 1 WHERE id = 1; END;";

/*
 * v4: whether a registration is expected at the desk, as a column every query
 * reads instead of writing "approved and not withdrawn" again. It is the SQL
 * mirror of rules_expected (rules.h), the one rule; test_query checks the two
 * agree on every status. Virtual: computed on read, nothing to keep in step.
 */
static const char schema_v4[] =
    "ALTER TABLE attendee ADD COLUMN expected INTEGER "
    "  GENERATED ALWAYS AS (status = 'approved' AND withdrawn = 0) VIRTUAL;";

/*
 * v5: rooms granted at the desk to someone who booked none (lodging_walkin.h).
 * The room request and the nights of attendee are the platform's and a
 * re-import overwrites them, so the grant lives here, desk-owned, and every
 * reader of a request (query.c, rooming.c) takes it before the roster's.
 * min_rank: the walk-in is placed in the hotels from that rank on, where the
 * rule found room without taking a better hotel's room from a booking.
 * Rebuilt from the journal's "walkin" entries by a merge, like checkin.
 */
static const char schema_v5[] =
    "CREATE TABLE walkin ("
    "  attendee_id INTEGER PRIMARY KEY REFERENCES attendee(id),"
    "  room_type TEXT NOT NULL"
    "    CHECK (room_type = 'king' OR room_type = 'twin_single' OR room_type = 'bed'),"
    "  arrive TEXT NOT NULL,"
    "  depart TEXT NOT NULL CHECK (depart > arrive),"
    "  min_rank INTEGER NOT NULL DEFAULT 0 CHECK (min_rank >= 0),"
    "  at TEXT NOT NULL,"
    "  desk_id TEXT NOT NULL,"
    "  operator TEXT NOT NULL"
    ");";

/*
 * v6 (hostile input, one self-contained step): the supervisor PIN is kept
 * only as its Argon2id hash (pinguard.h): a plain PIN left in the setting
 * by an older frontdesk is replaced by its hash here, through the SQL
 * function frontdesk_pin_hash that db.c registers on every connection. The
 * guard against guessing (wrong PINs in a row, end of a lock) is a table of
 * one row, so a restart resets nothing. Both are this copy's alone.
 */
static const char schema_v6[] =
    "CREATE TABLE supervisor_guard ("
    "  id INTEGER PRIMARY KEY CHECK (id = 1),"
    "  failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),"
    "  locked_until TEXT"
    ");"
    "INSERT INTO supervisor_guard (id, failures) VALUES (1, 0);"
    "UPDATE setting SET value = frontdesk_pin_hash(value) "
    "  WHERE key = 'desk.supervisor_pin' AND substr(value, 1, 10) <> '$argon2id$';";

/*
 * Several desks (issue 15, docs/merge.md). `frontdesk desks A B C` names the
 * desks of the event (desk), each with the public half of its Ed25519 key; a
 * copy holds only its own private half (desk_secret, installed by
 * `desk-id B --key FILE`). Each room of the prepared database is opened by one
 * desk (room.share_desk; NULL when the event was not prepared for several
 * desks). Each journal entry carries the hash of its desk's previous entry and
 * its desk's signature, so a merge takes only what this event's desks wrote.
 */
static const char schema_v7[] =
    "CREATE TABLE desk ("
    "  id TEXT PRIMARY KEY,"
    "  position INTEGER NOT NULL UNIQUE,"
    "  public_key BLOB NOT NULL CHECK (length(public_key) = 32)"
    ");"
    "CREATE TABLE desk_secret ("
    "  id INTEGER PRIMARY KEY CHECK (id = 1),"
    "  desk_id TEXT NOT NULL REFERENCES desk(id),"
    "  secret_key BLOB NOT NULL CHECK (length(secret_key) = 64)"
    ");"
    "ALTER TABLE room ADD COLUMN share_desk TEXT;"
    "ALTER TABLE journal ADD COLUMN prev_hash BLOB;"
    "ALTER TABLE journal ADD COLUMN signature BLOB;"
    /* the status line counts the badges still to print among a day of printed ones */
    "CREATE INDEX print_job_open ON print_job(state) WHERE state IN ('queued', 'sent');";

/*
 * Desks on the LAN (issue 17): a pull that takes one entry reads the earlier
 * entries about the same person to know what stands; without this index that
 * is a scan of the whole day's journal at every pull.
 */
static const char schema_v8[] = "CREATE INDEX journal_subject ON journal(subject);";

/*
 * v9: whose stays changed, one row per stay row written (issue 16). A desk
 * keeping its hotel picture (stays_checkout) used to load every stay of the
 * event again after any other process wrote one (0.3 s at the end of a 100k
 * day, at the next Enter); now it re-reads only the guests listed since its
 * last save, when the rows listed account for every step of stay_generation
 * (a room or gender change steps it without a row: then it loads in full).
 * The stay triggers of v3 are replaced by ones that also list the guest,
 * except while a writer rewrites every stay (`listing` 0: a merge's replay,
 * `rooms settle`), which would list the whole event twice for nothing. The
 * list is cut back from time to time (stays_cache_saved): a picture older than
 * what is kept is loaded in full.
 */
static const char schema_v9[] =
    "CREATE TABLE stay_change (id INTEGER PRIMARY KEY, attendee_id INTEGER NOT NULL);"
    /* 0 while a writer rewrites every stay (stays_save_all): nothing listed, all reload */
    "ALTER TABLE stay_generation ADD COLUMN listing INTEGER NOT NULL DEFAULT 1;"
    "DROP TRIGGER stay_generation_ins;"
    "DROP TRIGGER stay_generation_del;"
    "DROP TRIGGER stay_generation_upd;"
    "CREATE TRIGGER stay_generation_ins AFTER INSERT ON stay BEGIN "
    "  UPDATE stay_generation SET n = n + 1 WHERE id = 1;"
    "  INSERT INTO stay_change (attendee_id) "
    "    SELECT NEW.attendee_id FROM stay_generation WHERE id = 1 AND listing; END;"
    "CREATE TRIGGER stay_generation_del AFTER DELETE ON stay BEGIN "
    "  UPDATE stay_generation SET n = n + 1 WHERE id = 1;"
    "  INSERT INTO stay_change (attendee_id) "
    "    SELECT OLD.attendee_id FROM stay_generation WHERE id = 1 AND listing; END;"
    "CREATE TRIGGER stay_generation_upd AFTER UPDATE ON stay BEGIN "
    "  UPDATE stay_generation SET n = n + 2 WHERE id = 1;"
    "  INSERT INTO stay_change (attendee_id) "
    "    SELECT OLD.attendee_id FROM stay_generation WHERE id = 1 AND listing "
    "    UNION ALL SELECT NEW.attendee_id FROM stay_generation WHERE id = 1 AND listing; END;";

/*
 * v10: programme days (issue 18, docs/sessions.md). session: the programme as
 * sessions.csv gives it, merged by its stable id at each import (like the
 * roster, not journalled). attendance: what the hall doors recorded, one row
 * per person, session and kind (sign-in, sign-out, excused absence): the
 * first in the replay's order stands, so a second scan is refused at the door
 * and a merge keeps the earlier one. Desk-owned, rebuilt from the journal's
 * "attend" and "excuse" entries by a merge like checkin; session_id is not a
 * foreign key, because the journal stays the truth even for a session a later
 * sessions.csv dropped (the reports skip it).
 */
static const char schema_v10[] =
    "CREATE TABLE session ("
    "  id TEXT PRIMARY KEY,"
    "  date TEXT NOT NULL,"
    "  start INTEGER NOT NULL CHECK (start >= 0 AND start < 1440),"
    "  end INTEGER NOT NULL CHECK (end > start AND end < 1440),"
    "  venue TEXT NOT NULL,"
    "  title TEXT NOT NULL,"
    "  kind TEXT NOT NULL CHECK (kind IN ('lecture', 'discussion', 'visit')),"
    "  hours_tenths INTEGER NOT NULL CHECK (hours_tenths > 0),"
    "  required INTEGER NOT NULL CHECK (required IN (0, 1)),"
    "  sign_out INTEGER NOT NULL CHECK (sign_out IN (0, 1)),"
    "  line INTEGER NOT NULL DEFAULT 0"
    ") WITHOUT ROWID;"
    "CREATE TABLE attendance ("
    "  attendee_id INTEGER NOT NULL REFERENCES attendee(id),"
    "  session_id TEXT NOT NULL,"
    "  kind TEXT NOT NULL CHECK (kind IN ('in', 'out', 'excused')),"
    "  at TEXT NOT NULL,"
    "  desk_id TEXT NOT NULL,"
    "  operator TEXT NOT NULL,"
    "  reason TEXT,"
    "  PRIMARY KEY (attendee_id, session_id, kind)"
    ") WITHOUT ROWID;";

const struct migration db_migrations[] = {
    {1, schema_v1}, {2, schema_v2}, {3, schema_v3}, {4, schema_v4}, {5, schema_v5},
    {6, schema_v6}, {7, schema_v7}, {8, schema_v8}, {9, schema_v9}, {10, schema_v10},
};

const int db_n_migrations = (int)(sizeof(db_migrations) / sizeof(db_migrations[0]));
