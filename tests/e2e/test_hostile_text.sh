# Hostile text and the supervisor PIN (issue 14, DESIGN section 6 "Security").
# Text with escape sequences (colour, clear screen, window title), a bidi override or a
# tab, in event.ini, in roster rows and payment details an older frontdesk stored, and in
# the operator's name, never reaches stdout, stderr or an exported file raw: it shows as
# U+FFFD. Command-line values that would be stored with a control character are refused
# (exit 2). A desk whose journal holds a hostile operator still exports a bundle the other
# desks merge, and the way back works too; a bundle from an older frontdesk carrying one is
# refused with a message that says so. The PIN is only in the database as a hash, an old
# plain one is hashed on open, wrong PINs are journalled, five in a row lock supervisor
# actions for five minutes (the right PIN included, the message says until when), and the
# right PIN before the fifth works.
. "$(dirname "$0")/lib.sh"
# cairo 1.16 and fontconfig keep some allocations until exit (see tests/lsan.supp)
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/tests/lsan.supp:print_suppressions=0}

export FRONTDESK_NOW="2026-05-25 14:00:00"
prep=$WORK/prepared.db
dba=$WORK/desk-a.db
dbb=$WORK/desk-b.db
keys=$WORK/keys
demo_db "$prep"
prepare_desks "$prep" "$keys" A B C
desk_copy "$prep" "$keys" A "$dba"
desk_copy "$prep" "$keys" B "$dbb"

# The hostile text: red colour, reset, a window title (OSC ... BEL), a right-to-left override.
H=$'Evil\e[31mRED\e[0m\e]0;pwned\a\xe2\x80\xaeX'
# The same in SQL, for rows an older frontdesk (or a hand with sqlite3) stored.
H_SQL="'Evil' || char(27) || '[31mRED' || char(27) || '[0m' || char(27) || ']0;pwned' || char(7) || char(8238) || 'X'"
TAB_OP_SQL="'ev' || char(9) || 'il' || char(27) || '[31m'"

# raw FILE...: true when a file holds ESC, BEL, a C1 CSI or a bidi override as is.
raw() { LC_ALL=C grep -qsF -e $'\e' -e $'\a' -e $'\xc2\x9b' -e $'\xe2\x80\xae' -- "$@"; }
# clean NAME FILE...: none of the files holds a raw control.
clean() {
	local name=$1
	shift
	if raw "$@"; then
		fail "$name" "raw control in: $(LC_ALL=C grep -lsF -e $'\e' -e $'\a' -e $'\xc2\x9b' -e $'\xe2\x80\xae' -- "$@" | tr '\n' ' ')"
	else
		pass "$name"
	fi
}
# clean_run NAME: stdout and stderr of the last run, and its JSON strings as `jq -r` prints them.
clean_run() {
	jq -r '.. | strings' "$OUT" >"$WORK/strings" 2>/dev/null || : >"$WORK/strings"
	clean "$1" "$OUT" "$ERR" "$WORK/strings"
}
journal() { sqlite3 "$dba" "SELECT count(*) FROM journal"; }

# --- event.ini: a bad value is quoted harmlessly ---
python3 - "$DEMO/event.ini" "$WORK/bad.ini" "$H" <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
lines = []
for line in text.split("\n"):
    if line.startswith("name ="):
        line = "name = " + sys.argv[3]
    elif line.startswith("capacity ="):
        line = "capacity = 1\x1b[2J"
    lines.append(line)
open(sys.argv[2], "w", encoding="utf-8", errors="surrogateescape").write("\n".join(lines))
PY
run init --event "$WORK/bad.ini" --rooms "$DEMO/rooms.csv" --db "$WORK/bad.db"
expect_rc "init refuses event.ini values with control characters" 2
expect_grep "init names the bad key" "[event] name" "$ERR"
clean_run "init quotes the bad values without their escape sequences"
run init --event "$WORK/bad.ini" --rooms "$DEMO/rooms.csv" --db "$WORK/bad2.db" --json
clean_run "init --json, also through jq -r, holds no raw escape"

# --- roster text stored with escape sequences (an older frontdesk, or sqlite3 by hand) ---
sqlite3 "$dba" "UPDATE attendee SET name = $H_SQL, organisation = 'Org' || char(8238) || 'gro' WHERE reg_no IN ('WH2026-0001', 'WH2026-0002')"
run lookup WH2026-0001 --db "$dba"
expect_rc "lookup of a hostile name works" 0
expect_grep "the name shows with U+FFFD where the escapes were" "Evil�RED�" "$OUT"
clean_run "lookup prints no raw escape"
run lookup Evil --db "$dba" --json
clean_run "lookup --json holds no raw escape, not even through jq -r"
run checkin WH2026-0001 --db "$dba" --operator alice
expect_rc "checking in a hostile name works" 0
clean_run "checkin's answer holds no raw escape"
run checkin WH2026-0002 --db "$dba" --operator alice --json
expect_rc "checking in a hostile sharer works" 0
clean_run "checkin --json holds no raw escape"
run rooms list --db "$dba"
clean_run "rooms list prints no raw escape"
run rooms list --csv "$WORK/rooming.csv" --db "$dba"
clean "rooms list --csv writes no raw escape" "$WORK/rooming.csv"
run badge WH2026-0002 --out "$WORK/badge.pdf" --db "$dba"
expect_rc "a badge with a hostile name is made" 0
pdftotext "$WORK/badge.pdf" "$WORK/badge.txt"
clean "the badge's text holds no raw escape" "$WORK/badge.txt"
run tickets --out "$WORK/tickets" --db "$dba"
clean "tickets.csv holds no raw escape" "$WORK/tickets/tickets.csv"

# --- values that would be stored are refused with a control character in them ---
before=$(journal)
refused_value() {
	local name=$1
	shift
	run "$@" --db "$dba"
	expect_rc "$name is refused (exit 2)" 2
	expect_grep "$name: the refusal says why (Chinese)" "控制字符" "$ERR"
	expect_grep "$name: the refusal says why (English)" "control characters" "$ERR"
	clean_run "$name: the refusal echoes nothing raw"
}
refused_value "an operator with an escape" checkin WH2026-0003 --operator "$H"
refused_value "an operator with a tab" checkin WH2026-0003 --operator $'ali\tce'
refused_value "an operator ending in a tab" lookup WH2026-0003 --operator $'alice\t'
refused_value "a POS reference with an escape" checkin WH2026-0054 --pay $'card:POS\e[2J1'
refused_value "an invoice title with an escape" checkin WH2026-0054 --pay card:POS-1 --invoice-title "$H"
refused_value "a taxpayer number with an escape" checkin WH2026-0054 --pay card:POS-1 --invoice-title T --taxpayer-no $'\e[2J'
refused_value "a card reference of pay with a tab" pay WH2026-0054 --amount 1500 --card $'POS\t1'
refused_value "an invoice title of pay with an escape" pay WH2026-0054 --amount 1500 --card POS-1 --invoice-title "$H"
refused_value "a rejection reason with an escape" reject WH2026-0060 --reason "$H"
refused_value "a reprint reason with an escape" print WH2026-0001 --reason "$H"
expect_eq "nothing refused was stored" "$(journal)" "$before"

# --- checkin --pay for a red or already checked-in person: exit 1 with the real reason ---
run checkin WH2026-0013 --pay card:POS-9 --db "$dba"
expect_rc "checkin --pay of someone pending review is refused (exit 1)" 1
expect_grep "it gives the real reason" "PENDING_REVIEW" "$ERR"
run checkin WH2026-0001 --pay card:POS-9 --db "$dba"
expect_rc "checkin --pay of someone already checked in is refused (exit 1)" 1
expect_grep "it says already checked in" "already checked in" "$ERR"
clean_run "the already-checked-in answer quotes no raw escape"

# --- payment details and an operator stored raw (an older frontdesk, or sqlite3 by hand) ---
run checkin WH2026-0054 --pay card:POS-0054 --invoice-title 湖北省图书馆 --db "$dba" --operator alice
expect_rc "a card payment at check-in" 0
sqlite3 "$dba" "UPDATE payment SET invoice_title = $H_SQL, reference = 'POS' || char(27) || '[2J' WHERE source = 'onsite';
	UPDATE checkin SET operator = $TAB_OP_SQL"
run report payments --db "$dba"
expect_grep "report payments lists the payment" "WH2026-0054" "$OUT"
clean_run "report payments prints no raw escape"
run report payments --db "$dba" --json
clean_run "report payments --json holds no raw escape"
run lookup WH2026-0001 --db "$dba"
clean_run "lookup shows a hostile operator without its escape"
mkdir -p "$WORK/usb-a" "$WORK/usb-b" "$WORK/usb-a2"
run export --to "$WORK/usb-a" --db "$dba" --json
expect_rc "desk A exports" 0
folder_a=$(jq -r '.folder' "$OUT")
clean "the export's CSV files and bundle hold no raw escape" "$folder_a"/*.csv "$folder_a"/*.jsonl
for x in "$folder_a"/*.xlsx; do unzip -p "$x" >"$WORK/$(basename "$x").xml"; done
clean "the export's workbooks hold no raw escape" "$WORK"/*.xlsx.xml
expect_eq "the journal sheet holds no tab" "$(LC_ALL=C grep -c $'\t' "$folder_a/journal.csv")" "0"
expect_eq "the bundle carries no escaped control either" "$(grep -c 'u0009\|u001b' "$folder_a/bundle.jsonl")" "0"

# --- a journal entry edited by hand after it was signed: exported clean, refused by B ---
# (a journal written by this frontdesk holds no control: journal_append stores text as the
# bundle carries it; test_sync checks that at the store)
cp "$dba" "$WORK/desk-a-edited.db"
mkdir -p "$WORK/usb-edited"
sqlite3 "$WORK/desk-a-edited.db" "UPDATE journal SET operator = $TAB_OP_SQL WHERE seq = 1"
run export --to "$WORK/usb-edited" --db "$WORK/desk-a-edited.db" --json
folder_e=$(jq -r '.folder' "$OUT")
clean "the edited journal's bundle holds no raw escape" "$folder_e/bundle.jsonl"
expect_eq "nor an escaped control" "$(grep -c 'u0009\|u001b' "$folder_e/bundle.jsonl")" "0"
cp "$dbb" "$WORK/desk-b-probe.db"
run merge "$folder_e" --db "$WORK/desk-b-probe.db" --json
expect_rc "desk B refuses the entry edited after it was signed" 1
expect_json "it names the entry and says its signature does not hold" \
	'.refused_entry.desk == "A" and .refused_entry.seq == 1 and (.message | contains("a signature that does not hold"))'
clean_run "the refusal holds nothing raw"

# --- A's export merges at desk B, and B's export merges back at A ---
run merge "$folder_a" --db "$dbb" --json
expect_rc "desk B merges desk A's export despite A's hostile check-in operator" 0
expect_eq "B stores the operator without its tab" \
	"$(sqlite3 "$dbb" "SELECT count(*) FROM journal WHERE instr(operator, char(9)) > 0 OR instr(operator, char(27)) > 0")" "0"
run export --to "$WORK/usb-b" --db "$dbb" --json
folder_b=$(jq -r '.folder' "$OUT")
run merge "$folder_b" --db "$dba" --json
expect_rc "desk A merges B's export, which carries A's entries cleaned" 0

# --- a bundle from an older frontdesk with a tab in an operator is refused, saying why ---
python3 - "$folder_a/bundle.jsonl" "$WORK/old.jsonl" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().rstrip("\n").split("\n")
entry = json.loads(lines[1])
entry["operator"] = "ev\til"
lines[1] = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines) + "\n")
PY
desk_copy "$prep" "$keys" C "$WORK/desk-c.db"
run merge "$WORK/old.jsonl" --db "$WORK/desk-c.db" --json
expect_rc "a bundle with a tab in an operator is refused as bad input" 2
expect_json "the refusal names the field and the cure" \
	'.result == "bad_bundle" and (.errors | map(.message) | join(" ") | contains("\"operator\" holds control characters") and contains("update frontdesk there and export again"))'
clean_run "the refusal holds nothing raw"

# --- the supervisor PIN is kept only as a hash ---
empty_db "$WORK/empty.db"
expect_eq "no 2468 anywhere in a new database's dump" "$(sqlite3 "$WORK/empty.db" .dump | grep -c 2468)" "0"
expect_eq "no 2468 in desk A's settings" "$(sqlite3 "$dba" "SELECT value FROM setting" | grep -c 2468)" "0"
expect_eq "the setting holds an Argon2id hash" \
	"$(sqlite3 "$dba" "SELECT substr(value, 1, 10) FROM setting WHERE key = 'desk.supervisor_pin'")" '$argon2id$'
# a database from before (schema 4) with the PIN in plain text is hashed when opened
cp "$WORK/empty.db" "$WORK/old.db"
sqlite3 "$WORK/old.db" "UPDATE setting SET value = '2468' WHERE key = 'desk.supervisor_pin'; DROP TABLE supervisor_guard;
	DROP TABLE desk_secret; DROP TABLE desk; DROP INDEX print_job_open; DROP INDEX journal_subject; ALTER TABLE room DROP COLUMN share_desk;
	DROP TABLE attendance; DROP TABLE session;
	DROP TRIGGER stay_generation_ins; DROP TRIGGER stay_generation_del; DROP TRIGGER stay_generation_upd;
	DROP TABLE stay_change; ALTER TABLE stay_generation DROP COLUMN listing;
	CREATE TRIGGER stay_generation_ins AFTER INSERT ON stay BEGIN UPDATE stay_generation SET n = n + 1 WHERE id = 1; END;
	CREATE TRIGGER stay_generation_del AFTER DELETE ON stay BEGIN UPDATE stay_generation SET n = n + 1 WHERE id = 1; END;
	CREATE TRIGGER stay_generation_upd AFTER UPDATE ON stay BEGIN UPDATE stay_generation SET n = n + 1 WHERE id = 1; END;
	ALTER TABLE journal DROP COLUMN prev_hash; ALTER TABLE journal DROP COLUMN signature;
	PRAGMA user_version = 5"
run report summary --db "$WORK/old.db"
expect_rc "a schema-4 database opens" 0
expect_eq "its plain PIN is gone from the dump" "$(sqlite3 "$WORK/old.db" .dump | grep -c 2468)" "0"
run rooms settle --pin 2468 --db "$WORK/old.db"
expect_rc "its PIN still works" 0

# --- wrong PINs: journalled, slowed, locked after five in a row ---
checked_in() { sqlite3 "$dba" "SELECT count(*) FROM checkin c JOIN attendee a ON a.id = c.attendee_id WHERE reg_no = 'WH2026-0079'"; }
export FRONTDESK_NOW="2026-05-25 15:00:00"
run checkin WH2026-0079 --db "$dba" --operator bob
expect_rc "WH2026-0079 checks in" 0
pins_before=$(sqlite3 "$dba" "SELECT count(*) FROM journal WHERE action = 'pin_failed'")
start=$(date +%s)
for i in 1 2 3 4; do
	run undo WH2026-0079 --pin 1111 --db "$dba" --operator bob
	expect_rc "wrong PIN $i is refused" 1
done
expect_grep "after four it warns that one more locks" "1 more wrong PIN lock" "$ERR"
waited=$(($(date +%s) - start))
if [ "$waited" -ge 7 ]; then pass "each wrong PIN answers later than the one before (${waited}s)"; else fail "each wrong PIN answers later than the one before" "four took ${waited}s"; fi
run undo WH2026-0079 --pin 2468 --db "$dba" --operator bob
expect_rc "the right PIN before the fifth failure works" 0
expect_eq "and undoes the check-in" "$(checked_in)" "0"
run checkin WH2026-0079 --db "$dba" --operator bob
for i in 1 2 3 4 5; do
	run undo WH2026-0079 --pin 1111 --db "$dba" --operator bob
	expect_rc "wrong PIN $i after the reset is refused" 1
done
expect_grep "the fifth wrong PIN locks and says until when" "try again after 2026-05-25 15:05:00" "$ERR"
FRONTDESK_NOW="2026-05-25 15:01:00" run undo WH2026-0079 --pin 2468 --db "$dba" --operator bob
expect_rc "the sixth try within five minutes is locked out even with the right PIN" 1
expect_grep "the lockout says when to try again (Chinese)" "请在 2026-05-25 15:05:00 之后再试" "$ERR"
expect_grep "the lockout says when to try again (English)" "try again after 2026-05-25 15:05:00" "$ERR"
expect_eq "nothing was undone" "$(checked_in)" "1"
FRONTDESK_NOW="2026-05-25 15:02:00" run rooms settle --pin 2468 --db "$dba" --operator bob
expect_rc "the lock covers every supervisor action" 1
expect_eq "every refused try is in the journal" \
	"$(sqlite3 "$dba" "SELECT count(*) FROM journal WHERE action = 'pin_failed'")" "$((pins_before + 11))"
expect_eq "each names who and for what" \
	"$(sqlite3 "$dba" "SELECT count(*) FROM journal WHERE action = 'pin_failed' AND operator = 'bob' AND subject IN ('undo', 'settle')")" "11"
expect_eq "the journal never holds a PIN" \
	"$(sqlite3 "$dba" "SELECT count(*) FROM journal WHERE action = 'pin_failed' AND (details LIKE '%1111%' OR details LIKE '%2468%')")" "0"
FRONTDESK_NOW="2026-05-25 15:05:00" run undo WH2026-0079 --pin 2468 --db "$dba" --operator bob
expect_rc "five minutes later the right PIN works again" 0
run export --to "$WORK/usb-a2" --db "$dba" --json
folder_a2=$(jq -r '.folder' "$OUT")
run merge "$folder_a2" --db "$dbb" --json
expect_rc "a bundle with refused PINs in its journal merges" 0
