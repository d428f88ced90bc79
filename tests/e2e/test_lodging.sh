# Lodging on the demo event: check everyone in through the CLI (in reg_no
# order, with whatever evidence each amber case needs), settle the rooms, and
# verify the rooming list's JSON independently: invariants, one solo sharer
# per night for each gender with an odd count, flags, and charges; and that
# `rooms list --csv` is byte for byte the export's rooming-list.csv.
. "$(dirname "$0")/lib.sh"

db=$WORK/desk.db
demo_db "$db"
export FRONTDESK_NOW="2026-05-25 15:00:00"

# the first sharer's card shows the bed at once
run checkin WH2026-0004 --db "$db" --json
expect_json "a sharer's check-in says hotel, room and bed" '.result == "checked_in" and .lodging.allocated and (.lodging.hotel | length > 0) and .lodging.bed >= 1'
expect_json "the mutual roommate's bed is held" '.lodging.roommate_expected == true'
run checkin WH2026-0019 --db "$db" --json
expect_json "the requested roommate takes the held bed" '.lodging.roommates | length == 1'
room_a=$(sqlite3 "$db" "SELECT DISTINCT room_id FROM stay s JOIN attendee a ON a.id = s.attendee_id WHERE reg_no = 'WH2026-0004'")
room_b=$(sqlite3 "$db" "SELECT DISTINCT room_id FROM stay s JOIN attendee a ON a.id = s.attendee_id WHERE reg_no = 'WH2026-0019'")
expect_eq "mutual roommates share one room" "$room_b" "$room_a"

# undo frees the bed; the person can be placed again
run undo WH2026-0019 --pin 2468 --db "$db"
expect_eq "undo releases the bed" \
	"$(sqlite3 "$db" "SELECT count(*) FROM stay s JOIN attendee a ON a.id = s.attendee_id WHERE reg_no = 'WH2026-0019'")" "0"
run checkin WH2026-0019 --db "$db" --json
expect_json "after undo the same person gets a bed again" '.result == "checked_in" and .lodging.allocated'

# everyone else, in reg_no order
failures=0
for reg in $(sqlite3 "$db" "SELECT reg_no FROM attendee WHERE status = 'approved' AND id NOT IN (SELECT attendee_id FROM checkin) ORDER BY reg_no"); do
	"$FD" checkin "$reg" --voucher-seen --db "$db" --json >"$WORK/c.json" 2>/dev/null
	if jq -e '.needs | index("card")' "$WORK/c.json" >/dev/null; then
		"$FD" checkin "$reg" --voucher-seen --pay "card:POS-$reg" --db "$db" --json >"$WORK/c.json" 2>/dev/null
	fi
	jq -e '.result == "checked_in"' "$WORK/c.json" >/dev/null || failures=$((failures + 1))
done
expect_eq "every approved attendee checks in" "$failures" "0"

run rooms settle --pin 0000 --db "$db"
expect_rc "settle with a wrong PIN is refused" 1
run rooms settle --pin 2468 --db "$db" --json
expect_rc "rooms settle exits 0" 0
settled_nights=$(jq '.supplement_nights' "$OUT")
run report summary --db "$db" --json
expect_eq "report summary's supplement nights are rooms settle's (one source)" \
	"$(jq '.supplement_nights' "$OUT")" "$settled_nights"
expect_json "the summary counts supplement nights after a full day" '.supplement_nights > 0'
run rooms list --db "$db" --json
expect_rc "rooms list exits 0" 0
cp "$OUT" "$WORK/rooms.json"
expect_json "the rooming list has the contract's shape" '.rooms[0] | has("hotel") and has("room") and has("type") and (.occupants[0] | has("reg_no") and has("gender") and has("nights"))'

python3 - "$WORK/rooms.json" "$DEMO" >"$WORK/verdict.txt" <<'PY'
import configparser, csv, json, sys
from collections import defaultdict
rooms = json.load(open(sys.argv[1]))["rooms"]
demo = sys.argv[2]
ini = configparser.ConfigParser(inline_comment_prefixes=(";",))
ini.read(f"{demo}/event.ini", encoding="utf-8")
room_night, bed_night = int(ini["lodging"]["room_night"]), int(ini["lodging"]["bed_night"])
primary = ini["lodging"].get("primary_hotel")
rows = {r["报名编号"]: r for r in csv.DictReader(open(f"{demo}/roster.csv", encoding="utf-8-sig"))}
kind = {"大床房": "king", "双床单住": "twin_single", "床位": "bed"}
problems = []
seen = defaultdict(int)
alone = defaultdict(int)      # (night, gender) -> sharers alone
present = defaultdict(int)    # (night, gender) -> sharers present
for room in rooms:
    by_night = defaultdict(list)
    for o in room["occupants"]:
        seen[o["reg_no"]] += 1
        for n in o["nights"]:
            by_night[n].append(o)
    for night, occ in by_night.items():
        occ = [o for o in occ if o["use"] != "held"]
        beds = 1 if room["type"] == "king" else 2
        if len(occ) > beds:
            problems.append(f"{room['room']} {night}: {len(occ)} people")
        if len({o["gender"] for o in occ if o["use"] == "shared"}) > 1:
            problems.append(f"{room['room']} {night}: mixed genders")
        if room["type"] == "king" and any(o["use"] == "shared" for o in occ):
            problems.append(f"{room['room']}: sharer in a king room")
        if any(o["use"] == "whole" for o in occ) and len(occ) > 1:
            problems.append(f"{room['room']} {night}: whole room shared")
    for o in room["occupants"]:
        if o["use"] == "held":
            problems.append(f"{o['reg_no']}: a bed is still held after settle")
            continue
        r = rows[o["reg_no"]]
        want = kind[r["房型"]]
        mine = set(o["nights"])
        others = {n for p in room["occupants"] if p is not o and p["use"] != "held" for n in p["nights"]}
        lonely = len(mine - others) if o["use"] == "shared" else 0
        for n in o["nights"]:
            if o["use"] == "shared":
                present[(n, o["gender"])] += 1
                alone[(n, o["gender"])] += n not in others
        charge = room_night * len(mine) if o["use"] == "whole" else bed_night * (len(mine) - lonely) + room_night * lonely
        if o["charge"] != charge:
            problems.append(f"{o['reg_no']}: charge {o['charge']}, rules say {charge}")
        if o["supplement_nights"] != lonely:
            problems.append(f"{o['reg_no']}: supplement {o['supplement_nights']}, alone {lonely}")
        swapped = o["use"] == "whole" and want == ("king" if room["type"] == "twin" else "twin_single")
        if swapped != ("swapped" in o["flags"]):
            problems.append(f"{o['reg_no']}: swap flag wrong")
        if (room["hotel"] != primary) != ("overflow" in o["flags"]):
            problems.append(f"{o['reg_no']}: overflow flag wrong")
        if (want == "bed") != (o["use"] == "shared"):
            problems.append(f"{o['reg_no']}: asked {want}, got {o['use']}")
booked = [k for k, r in rows.items() if r["审核状态"] == "已通过" and r["房型"] != "不住宿"]
missing = [k for k in booked if seen[k] != 1]
if missing:
    problems.append(f"not exactly one room: {missing[:5]}")
extra = sum(alone.values()) - sum(v % 2 for v in present.values())
# sharers who stay every night must pair perfectly: at most the odd one out per gender
full = {k for k, r in rows.items() if r["房型"] == "床位" and r["审核状态"] == "已通过"
        and r["入住日期"] in ("", "2026-05-25") and r["离店日期"] in ("", "2026-05-30")}
short = sum(1 for k, r in rows.items() if r["房型"] == "床位" and r["审核状态"] == "已通过" and k not in full)
# a solo sharer shares the room with nobody on any night: the odd one out of a gender
solo = defaultdict(int)
sharers = defaultdict(int)
for room in rooms:
    for o in room["occupants"]:
        if o["use"] == "shared":
            sharers[o["gender"]] += 1
            solo[o["gender"]] += o["supplement_nights"] == len(o["nights"])
print("solo_sharers:", " ".join(f"{g}={solo[g]}/{sharers[g]}" for g in sorted(sharers)))
print("solo_ok:", all(solo[g] == sharers[g] % 2 for g in sharers))
print("problems:", len(problems))
for p in problems[:10]:
    print("  ", p)
print("solo_excess:", extra)
print("short_stays:", short)
print("per_night:", sorted((k, alone[k], present[k]) for k in present))
PY
expect_eq "the rooming list breaks no invariant, flags and charges match the rules" \
	"$(sed -n 's/^problems: //p' "$WORK/verdict.txt")" "0"
echo "    solo sharers (gender=solo/sharers): $(sed -n 's/^solo_sharers: //p' "$WORK/verdict.txt")"
expect_eq "exactly one solo sharer for each gender with an odd count (none for an even one)" \
	"$(sed -n 's/^solo_ok: //p' "$WORK/verdict.txt")" "True"
# With everyone on the same nights the bound is reached exactly (asserted in test_lodging's
# property test). The demo's three short-stay women (25-28, 26-29, 25-27) make it unreachable
# with one room per stay, so here the excess is printed and must stay below one per short stay.
excess=$(sed -n 's/^solo_excess: //p' "$WORK/verdict.txt")
short=$(sed -n 's/^short_stays: //p' "$WORK/verdict.txt")
echo "    supplement nights above the lower bound: $excess (short-stay sharers: $short)"
if [ "$excess" -ge 0 ] && [ "$excess" -lt "$short" ]; then
	pass "solo sharers stay within one night per short stay of the lower bound"
else
	fail "solo sharers stay within one night per short stay of the lower bound" "excess $excess, short stays $short"
fi

run rooms list --csv "$WORK/rooming.csv" --db "$db"
expect_rc "rooms list --csv writes a file" 0
expect_eq "the CSV starts with a BOM so Excel reads Chinese" "$(head -c 3 "$WORK/rooming.csv" | od -An -tx1 | tr -d ' ')" "efbbbf"
expect_grep "the CSV has Chinese headers" "酒店,房号,房型" "$WORK/rooming.csv"
expect_eq "the CSV has a line per occupant" "$(($(wc -l <"$WORK/rooming.csv") - 1))" \
	"$(jq '[.rooms[].occupants[]] | length' "$WORK/rooms.json")"

run rooms plan --db "$db" --json
expect_rc "rooms plan exits 0" 0
expect_json "the plan places every booking" '.unplaced == [] and .placed > 0'
expect_json "the plan gives a block per hotel, type and night" '.block | length > 0 and all(.rooms > 0)'
# the pairing is written room by room as it is made (never whole in memory): still one JSON
# document, every placed booking in it once
expect_json "the plan's pairing holds every placed booking once" \
	'[.rooms[].occupants[] | select(.use != "held") | .reg_no] as $r |
	($r | length) == .placed and ($r | unique | length) == .placed'

# `rooms list --csv` and the export's rooming-list.csv come from one source (rooming_rows) and
# must be the same file, byte for byte, on the same database: the settled day above (type
# swaps, the overflow hotel, single supplements) and a day with a bed held for a roommate.
same_rooming() { # NAME DB
	local usb=$WORK/usb-$1
	mkdir -p "$usb"
	"$FD" rooms list --csv "$WORK/$1.rooms.csv" --db "$2" >/dev/null 2>&1
	"$FD" export --to "$usb" --db "$2" >/dev/null 2>&1
	if cmp -s "$WORK/$1.rooms.csv" "$usb"/frontdesk-*/rooming-list.csv; then
		pass "rooms list --csv is the export's rooming-list.csv ($1)"
	else
		fail "rooms list --csv is the export's rooming-list.csv ($1)" \
			"$(diff "$WORK/$1.rooms.csv" "$usb"/frontdesk-*/rooming-list.csv 2>&1 | head -6)"
	fi
}
same_rooming settled "$db"
for note in 房型调换 协议外酒店 单住补差; do
	expect_grep "the settled rooming list notes $note" ",$note"$'\r' "$WORK/settled.rooms.csv"
done
held=$WORK/held.db
demo_db "$held"
"$FD" checkin WH2026-0004 --db "$held" >/dev/null
same_rooming held "$held"
expect_grep "the rooming list notes a bed held for a roommate" ",预留给同住人"$'\r' "$WORK/held.rooms.csv"
