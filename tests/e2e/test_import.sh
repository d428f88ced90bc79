# Roster import on the demo event: counts, re-import as a merge, withdrawn rows,
# ticket secrets and desk-owned data that survive, a GB18030+CRLF roster.
. "$(dirname "$0")/lib.sh"

db=$WORK/desk.db
empty_db "$db"
run import "$DEMO/roster.csv" --collective "$DEMO/collective.csv" --db "$db" --json
expect_rc "demo import exits 0" 0
rows=$(($(wc -l <"$DEMO/roster.csv") - 1))
expect_json "every demo row is imported" ".imported == $rows and .updated == 0 and .withdrawn == 0"
expect_json "three collective transfers are stored" '.transfers == 3'
expect_json "no errors" '.errors == []'

secrets_before=$(sqlite3 "$db" "SELECT group_concat(reg_no || secret, ',') FROM (SELECT * FROM attendee ORDER BY id)")
# desk-owned data, written the way the desk will write it
first=$(sqlite3 "$db" "SELECT id FROM attendee ORDER BY id LIMIT 1")
sqlite3 "$db" "INSERT INTO checkin VALUES ($first, '2026-05-25 13:05:00', 'A', 'alice', 'voucher');
INSERT INTO payment (attendee_id, source, channel, amount, state, reference, created_at) VALUES ($first, 'onsite', 'card', 200, 'confirmed', 'POS123', '2026-05-25 13:05:00');
UPDATE attendee SET desk_note = 'badge reprinted' WHERE id = $first;"
desk_before=$(sqlite3 "$db" "SELECT * FROM checkin; SELECT * FROM payment WHERE source='onsite'; SELECT desk_note FROM attendee WHERE desk_note IS NOT NULL")

run import "$DEMO/roster.csv" --collective "$DEMO/collective.csv" --db "$db" --json
expect_rc "re-import of the same roster exits 0" 0
expect_json "re-import of the same roster changes nothing" ".imported == 0 and .updated == 0 and .withdrawn == 0 and .unchanged == $rows"

# the morning export: one row gone, one phone changed
gone=$(sed -n 3p "$DEMO/roster.csv" | cut -d, -f1)
awk -F, -v gone="$gone" 'NR == 1 || $1 != gone' "$DEMO/roster.csv" |
	sed '5s/,1[3-9][0-9]\{9\},/,13900000000,/' >"$WORK/morning.csv"
run import "$WORK/morning.csv" --db "$db" --json
expect_rc "morning re-import exits 0" 0
expect_json "the vanished row is withdrawn" '.withdrawn == 1 and .imported == 0'
expect_json "the changed row is updated" '.updated == 1'
expect_eq "the vanished row is kept, marked withdrawn" \
	"$(sqlite3 "$db" "SELECT withdrawn FROM attendee WHERE reg_no = '$gone'")" "1"
run lookup "$gone" --db "$db" --json
expect_json "a withdrawn registration is red WITHDRAWN" '.matches[0].verdict == "red" and (.matches[0].reasons | index("WITHDRAWN"))'

run import "$WORK/morning.csv" --db "$db" --json
expect_json "withdrawn is counted once" '.withdrawn == 0 and .updated == 0'

desk_after=$(sqlite3 "$db" "SELECT * FROM checkin; SELECT * FROM payment WHERE source='onsite'; SELECT desk_note FROM attendee WHERE desk_note IS NOT NULL")
expect_eq "desk-owned data survives re-import" "$desk_after" "$desk_before"

run import "$DEMO/roster.csv" --db "$db" --json
expect_json "a returning row is restored" '.restored == 1 and .withdrawn == 0'
secrets_after=$(sqlite3 "$db" "SELECT group_concat(reg_no || secret, ',') FROM (SELECT * FROM attendee ORDER BY id)")
expect_eq "ticket secrets never change on re-import" "$secrets_after" "$secrets_before"
expect_eq "secrets are 10 digits and distinct" \
	"$(sqlite3 "$db" "SELECT count(DISTINCT secret) FROM attendee WHERE secret GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]'")" "$rows"
expect_eq "integrity_check is ok" "$(sqlite3 "$db" 'PRAGMA integrity_check')" "ok"

# GB18030 with CRLF, shuffled columns, English aliases and an unknown column
gdb=$WORK/gb.db
empty_db "$gdb"
run import "$DATA/roster-gb18030-crlf.csv" --db "$gdb" --json
expect_rc "GB18030 CRLF roster imports" 0
expect_json "its encoding is detected as GB18030" '.encoding == "GB18030"'
grows=$(iconv -f gb18030 -t utf-8 "$DATA/roster-gb18030-crlf.csv" | python3 -c 'import csv,sys; print(sum(1 for _ in csv.reader(sys.stdin)) - 1)')
expect_json "all its rows are imported" ".imported == $grows"
expect_json "its unknown column is kept and reported" '.unknown_columns | index("饮食要求")'
name=$(iconv -f gb18030 -t utf-8 "$DATA/roster-gb18030-crlf.csv" | python3 -c '
import csv, sys
rows = list(csv.reader(sys.stdin))
h = rows[0]
col = next(i for i, x in enumerate(h) if x in ("姓名", "name"))
print(rows[1][col])')
run lookup "$name" --db "$gdb" --json
expect_json "a GB18030 name reads back as UTF-8" ".matches | map(.name) | index(\"$name\")"
expect_eq "the extra column is stored as a note" \
	"$(sqlite3 "$gdb" "SELECT count(*) FROM attendee WHERE extra LIKE '%饮食要求%'") -gt 0" \
	"$(sqlite3 "$gdb" "SELECT count(*) FROM attendee WHERE extra LIKE '%饮食要求%'") -gt 0"
