# A gender corrected on re-import (issue 14, item 3): two men share a room, the organisers'
# next roster says one of them is a woman. The stored beds stay as the desk gave them; the
# import names the person, the room and who shares it; the room is closed to new sharers and
# flagged "性别待核实" in the rooming list; every other check-in and `rooms settle` go on, and
# no room gets a new mixed pair.
. "$(dirname "$0")/lib.sh"

db=$WORK/desk.db
demo_db "$db"
export FRONTDESK_NOW="2026-05-25 15:00:00"

# two men with the same nights and no roommate request: the second joins the first
run checkin WH2026-0002 --db "$db" --json
expect_json "the first man gets a bed" '.result == "checked_in" and .lodging.allocated'
run checkin WH2026-0005 --db "$db" --json
expect_json "the second man gets a bed" '.result == "checked_in" and .lodging.allocated'
run rooms list --db "$db" --json
room=$(jq -r '.rooms[] | select(any(.occupants[]; .reg_no == "WH2026-0002")) | .room' "$OUT")
mate=$(jq -r '.rooms[] | select(any(.occupants[]; .reg_no == "WH2026-0002")) | [.occupants[] | select(.use == "shared") | .reg_no] | sort | join(",")' "$OUT")
expect_eq "the two men share one room" "$mate" "WH2026-0002,WH2026-0005"

# the organisers' new roster: WH2026-0005 is a woman
python3 - "$DEMO/roster.csv" "$WORK/roster2.csv" <<'PY'
import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    rows = list(csv.reader(f))
gender = rows[0].index("性别")
for r in rows[1:]:
    if r[0] == "WH2026-0005":
        assert r[gender] == "男"
        r[gender] = "女"
with open(sys.argv[2], "w", encoding="utf-8-sig", newline="") as f:
    csv.writer(f, lineterminator="\n").writerows(rows)
PY
run import "$WORK/roster2.csv" --collective "$DEMO/collective.csv" --db "$db"
expect_rc "the re-import exits 0" 0
cp "$OUT" "$WORK/import.txt"
expect_grep "the import names the person whose gender changed" "WH2026-0005" "$WORK/import.txt"
expect_grep "the import names the room" "$room" "$WORK/import.txt"
expect_grep "the import names who shares it" "WH2026-0002" "$WORK/import.txt"
expect_grep "the import says the old and the new gender" "男 → 女" "$WORK/import.txt"
expect_grep "the import says what to do" "undo" "$WORK/import.txt"
run import "$WORK/roster2.csv" --collective "$DEMO/collective.csv" --db "$db" --json
expect_json "the JSON import lists it as a warning" \
	"any(.warnings[]; .message | contains(\"WH2026-0005\") and contains(\"$room\"))"
expect_eq "the stored beds are left as they were" \
	"$(sqlite3 "$db" "SELECT count(DISTINCT attendee_id) FROM stay s JOIN room r ON r.id = s.room_id WHERE r.room = '$room' AND s.flags = 'shared'")" "2"

# everyone else goes on: a man, a woman and a king guest check in
run checkin WH2026-0007 --db "$db" --json
expect_rc "another man's bed check-in exits 0" 0
expect_json "another man gets a bed" ".result == \"checked_in\" and .lodging.allocated and .lodging.room != \"$room\""
run checkin WH2026-0003 --db "$db" --json
expect_rc "a woman's bed check-in exits 0" 0
expect_json "a woman gets a bed" ".result == \"checked_in\" and .lodging.allocated and .lodging.room != \"$room\""
run checkin WH2026-0006 --db "$db" --json
expect_rc "a king check-in exits 0" 0
expect_json "the king guest gets a room" '.result == "checked_in" and .lodging.allocated'

run lookup WH2026-0005 --db "$db" --json
expect_json "the card of the person whose gender changed says to verify it" \
	'.matches[0].lodging.gender_to_verify == true'

run rooms list --db "$db" --json
expect_rc "rooms list exits 0" 0
expect_json "rooms list flags both occupants of the room" \
	"[.rooms[] | select(.room == \"$room\") | .occupants[] | select(.use == \"shared\") | .flags | index(\"gender_to_verify\") != null] == [true, true]"
expect_json "rooms list flags no other room" \
	"[.rooms[] | select(.room != \"$room\") | .occupants[] | .flags | index(\"gender_to_verify\")] | all(. == null)"
run rooms list --db "$db" --csv "$WORK/rooming.csv"
expect_grep "the rooming list for the hotel notes the room" "性别待核实" "$WORK/rooming.csv"

run rooms settle --pin 2468 --db "$db"
expect_rc "rooms settle exits 0" 0
expect_grep "rooms settle says it left the room alone" "$room" "$OUT"
run rooms settle --pin 2468 --db "$db" --json
expect_json "rooms settle lists the room in its JSON" \
	"any(.gender_to_verify[]; .room | contains(\"$room\"))"
run report summary --db "$db" --json
expect_rc "report summary exits 0" 0

# no room other than the corrected one has a man and a woman on one night
run rooms list --db "$db" --json
python3 - "$OUT" "$room" >"$WORK/mixed.txt" <<'PY'
import json, sys
from collections import defaultdict
for room in json.load(open(sys.argv[1]))["rooms"]:
    nights = defaultdict(set)
    for o in room["occupants"]:
        for n in o["nights"]:
            nights[n].add(o["gender"])
    if any(len(g) > 1 for g in nights.values()) and room["room"] != sys.argv[2]:
        print(room["hotel"], room["room"])
PY
expect_eq "no room gets a new mixed pair" "$(cat "$WORK/mixed.txt")" ""
expect_eq "the corrected room took nobody new" \
	"$(sqlite3 "$db" "SELECT group_concat(DISTINCT a.reg_no) FROM stay s JOIN room r ON r.id = s.room_id JOIN attendee a ON a.id = s.attendee_id WHERE r.room = '$room' ORDER BY a.reg_no")" \
	"WH2026-0002,WH2026-0005"

# the staff move one of them: undo and check in again; the room opens and the flag goes
run undo WH2026-0005 --pin 2468 --db "$db"
expect_rc "undo of the corrected guest exits 0" 0
run checkin WH2026-0005 --db "$db" --json
expect_json "the corrected guest gets a bed again" ".result == \"checked_in\" and .lodging.allocated and .lodging.room != \"$room\""
run rooms list --db "$db" --json
expect_json "after the move no room is flagged" \
	'[.rooms[].occupants[].flags | index("gender_to_verify")] | all(. == null)'
