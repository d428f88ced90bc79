# Setting up more desks (DESIGN section 4): each copy of the prepared database
# gets its own desk id, refused once that copy has journal entries of its own.
. "$(dirname "$0")/lib.sh"

db=$WORK/prepared.db
demo_db "$db"
cp "$db" "$WORK/desk-b.db"
code_before=$(ticket_code "$db" WH2026-0079)

run desk-id "bad id!" --db "$WORK/desk-b.db"
expect_rc "an invalid desk id is bad input" 2
expect_grep "it says what a desk id may hold" "letters" "$ERR"

run desk-id B --db "$WORK/desk-b.db" --json
expect_rc "a fresh copy takes its own desk id" 0
expect_json "it reports the new id" '.result == "renamed" and .desk == "B"'
expect_eq "the prepared database keeps desk A" "$(sqlite3 "$db" "SELECT value FROM setting WHERE key = 'desk.id'")" "A"
expect_eq "the copy's tickets are the prepared ones" "$(ticket_code "$WORK/desk-b.db" WH2026-0079)" "$code_before"

run checkin WH2026-0079 --db "$WORK/desk-b.db"
expect_rc "desk B checks someone in" 0
expect_eq "its journal entry is desk B's first" \
	"$(sqlite3 "$WORK/desk-b.db" "SELECT desk_id || ':' || seq FROM journal")" "B:1"
run desk-id C --db "$WORK/desk-b.db"
expect_rc "renaming a desk with journal entries of its own is refused" 1
expect_grep "it says to copy the prepared database again" "Copy the prepared database again" "$ERR"
expect_eq "the desk id is unchanged" "$(sqlite3 "$WORK/desk-b.db" "SELECT value FROM setting WHERE key = 'desk.id'")" "B"
