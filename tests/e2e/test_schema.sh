# Schema versions: a database from a newer frontdesk is refused and untouched;
# a file that is not a frontdesk database is refused and untouched.
. "$(dirname "$0")/lib.sh"

db=$WORK/desk.db
demo_db "$db"
sqlite3 "$db" "PRAGMA user_version = 99"
before=$(sha "$db")
run lookup 张伟 --db "$db"
expect_rc "a newer database is an I/O-class error (3)" 3
expect_grep "the message names both versions" "schema version 99" "$ERR"
expect_grep "the message tells what to do" "upgrade frontdesk" "$ERR"
expect_eq "the newer database is unchanged" "$(sha "$db")" "$before"

printf 'just some text, not a database\n' >"$WORK/notes.txt"
before=$(sha "$WORK/notes.txt")
run lookup 张伟 --db "$WORK/notes.txt"
expect_rc "a text file as --db is refused" 3
expect_eq "the text file is unchanged" "$(sha "$WORK/notes.txt")" "$before"

sqlite3 "$WORK/other.db" "CREATE TABLE recipes (name TEXT)"
before=$(sha "$WORK/other.db")
run lookup 张伟 --db "$WORK/other.db"
expect_rc "another program's SQLite file is refused" 3
expect_grep "it says this is not a frontdesk database" "not a frontdesk database" "$ERR"
expect_eq "the other database is unchanged" "$(sha "$WORK/other.db")" "$before"

expect_eq "a new database is in WAL mode" "$(sqlite3 "$db" 'PRAGMA journal_mode')" "wal"
