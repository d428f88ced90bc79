# Several desks without a network (issue 15, docs/merge.md "Rooms shared among desks"): one
# prepared database, `desks A B` (then `desks A B C`), one copy per desk with `desk-id`, 60
# bed-sharers with the same nights (31 women, 29 men, no named roommates) checked in at the
# desks in turn, each desk exports, and each desk merges every other. Checked from outside the
# program: the rooms were shared out evenly by type and floor; each desk opened rooms only in
# its own share; no bed was given twice (no BED_TWICE); the supplement nights before settle
# stay within one lone sharer per desk, gender and night; after `rooms settle` they are the
# lower bound. Every figure is computed here from the program's output and the database.
. "$(dirname "$0")/lib.sh"

pin=$(sed -n 's/^supervisor_pin *= *//p' "$DEMO/event.ini")
q() { sqlite3 "$1" "$2"; }

# --- the event: 60 sharers, 48 twin rooms over four floors and 8 king rooms ---
python3 - "$WORK" <<'PY'
import random, sys
work = sys.argv[1]
rng = random.Random(15)
# arrival i goes to desk i mod (number of desks): with three desks, A and B get 11 women and
# 9 men, C 9 women and 11 men, so every desk is left with a lone woman and a lone man (three
# of each, the lower bound is one) and settle has work to do
per_desk = [["女"] * 11 + ["男"] * 9, ["女"] * 11 + ["男"] * 9, ["女"] * 9 + ["男"] * 11]
for d in per_desk:
    rng.shuffle(d)
genders = [per_desk[i % 3][i // 3] for i in range(60)]
with open(f"{work}/roster.csv", "w", encoding="utf-8") as f:
    f.write("报名编号,姓名,性别,单位,职务,手机,会员,审核状态,交费方式,交费金额,交费状态,房型,入住日期,离店日期,同住人,备注\n")
    for i, g in enumerate(genders, 1):
        f.write(f"DS-{i:04d},学员{i:02d},{g},某市图书馆,馆员,1390000{i:04d},是,已通过,在线支付,1500,已到账,床位,2026-05-25,2026-05-30,,\n")
with open(f"{work}/rooms.csv", "w", encoding="utf-8") as f:
    f.write("酒店,房号,房型,楼层,备注\n")
    for floor in (9, 10, 11, 12):
        for n in range(1, 15):
            kind = "大床房" if n <= 2 else "双床房"
            f.write(f"武汉知音湖畔酒店,{floor}{n:02d},{kind},{floor},\n")
PY
prep=$WORK/prepared.db
"$FD" init --event "$DEMO/event.ini" --rooms "$WORK/rooms.csv" --db "$prep" >/dev/null &&
	"$FD" import "$WORK/roster.csv" --db "$prep" >/dev/null ||
	fail "the event is prepared" "init or import failed"

# lone_check DB DESKS: per night and gender, the lone sharers (a sharer with nobody in the other
# bed) and the lower bound ((sharers present) mod 2), from `rooms list --json`. Prints
# "SUPPLEMENT LOWER WORST" where WORST is the largest (lone - lower) over nights and genders.
lone_check() {
	"$FD" rooms list --db "$1" --json >"$WORK/rooms.json"
	python3 - "$WORK/rooms.json" <<'PY'
import collections, json, sys
rooms = json.load(open(sys.argv[1]))["rooms"]
present, lone = collections.Counter(), collections.Counter()
for r in rooms:
    if r["type"] != "twin":
        continue
    per_night = collections.defaultdict(list)
    for o in r["occupants"]:
        for n in o["nights"]:
            per_night[n].append(o["gender"])
    for n, gs in per_night.items():
        for g in gs:
            present[(n, g)] += 1
        if len(gs) == 1:
            lone[(n, gs[0])] += 1
supplement = sum(lone.values())
lower = sum(c % 2 for c in present.values())
worst = max([lone[k] - present[k] % 2 for k in present] or [0])
print(supplement, lower, worst)
PY
}

# one_day NAME DESK...: the whole day with these desks.
one_day() {
	local name=$1
	shift
	local desks=("$@") n=$# dir=$WORK/$name
	mkdir -p "$dir"
	cp "$prep" "$dir/prepared.db"
	run desks "${desks[@]}" --db "$dir/prepared.db" --json
	expect_rc "$name: desks ${desks[*]} prepares the database" 0
	local counts
	counts=$(q "$dir/prepared.db" "SELECT group_concat(share_desk || ':' || type || ':' || c, ' ') FROM (SELECT share_desk, type, count(*) c FROM room GROUP BY 1, 2)")
	local spread
	spread=$(q "$dir/prepared.db" "SELECT max(hi - lo) <= 1 FROM (SELECT type, floor, max(c) hi, min(c) lo, count(*) k FROM (SELECT d.id, r.type, r.floor, (SELECT count(*) FROM room x WHERE x.share_desk = d.id AND x.type = r.type AND x.floor = r.floor) c FROM desk d, (SELECT DISTINCT type, floor FROM room) r) GROUP BY type, floor)")
	expect_eq "$name: every desk has each type on each floor within one room ($counts)" "$spread" "1"
	for d in "${desks[@]}"; do
		local mine
		mine=$(q "$dir/prepared.db" "SELECT count(*) FROM room WHERE share_desk = '$d'")
		expect_grep "$name: the message says desk $d got $mine rooms" "$d $mine" "$OUT"
	done
	for d in "${desks[@]}"; do
		cp "$dir/prepared.db" "$dir/$d.db"
		"$FD" desk-id "$d" --key "$dir/desk-$d.key" --db "$dir/$d.db" >/dev/null ||
			fail "$name: desk-id $d" "refused"
	done
	# the 60 arrive in turn at the desks, one a minute from 13:00
	local failed=""
	for i in $(seq 1 60); do
		local d=${desks[$(((i - 1) % n))]}
		local t
		t=$(printf '2026-05-25 %02d:%02d:00' $((13 + (i - 1) / 60)) $(((i - 1) % 60)))
		FRONTDESK_NOW="$t" run checkin "$(printf 'DS-%04d' "$i")" --db "$dir/$d.db" --json
		if [ "$RC" -ne 0 ] || ! jq -e '.lodging.allocated' "$OUT" >/dev/null; then
			failed="$failed $i@$d"
		fi
	done
	expect_eq "$name: all 60 are checked in with a bed" "$failed" ""
	export FRONTDESK_NOW="2026-05-25 21:00:00"
	for d in "${desks[@]}"; do
		mkdir -p "$dir/usb-$d"
		run export --to "$dir/usb-$d" --db "$dir/$d.db" --json
		expect_rc "$name: desk $d exports" 0
		local snap
		snap=$(jq -r '.folder' "$OUT")/snapshot.db
		expect_eq "$name: desk $d's check-ins opened only rooms of its share" \
			"$(q "$snap" "SELECT count(*) FROM stay s JOIN room r ON r.id = s.room_id JOIN checkin c ON c.attendee_id = s.attendee_id WHERE r.share_desk IS NOT c.desk_id")/$(q "$snap" "SELECT count(*) > 0 FROM stay")" "0/1"
	done
	local twice=0 conflicts=0
	for d in "${desks[@]}"; do
		for o in "${desks[@]}"; do
			[ "$d" = "$o" ] && continue
			run merge "$(ls -d "$dir/usb-$o"/frontdesk-*)" --db "$dir/$d.db" --json
			expect_rc "$name: desk $d merges desk $o" 0
			twice=$((twice + $(jq '[.conflicts[]? | select(.kind == "BED_TWICE")] | length' "$OUT")))
			conflicts=$((conflicts + $(jq '[.conflicts[]?] | length' "$OUT")))
		done
	done
	expect_eq "$name: no bed was given twice (BED_TWICE conflicts)" "$twice" "0"
	expect_eq "$name: no conflict at all" "$conflicts" "0"
	local first=${desks[0]} figures supplement lower worst
	for d in "${desks[@]}"; do
		expect_eq "$name: desk $d holds all 60 after the merges" \
			"$(q "$dir/$d.db" "SELECT count(*) FROM checkin")" "60"
	done
	read -r supplement lower worst <<<"$(lone_check "$dir/$first.db")"
	run report summary --db "$dir/$first.db" --json
	expect_eq "$name: the summary's supplement nights are the lone nights counted here" \
		"$(jq '.supplement_nights' "$OUT")" "$supplement"
	if [ "$worst" -le $((n - 1)) ] && [ "$lower" -gt 0 ]; then
		pass "$name: before settle at most lower bound + $((n - 1)) lone per gender and night (supplement $supplement, lower bound $lower)"
	else
		fail "$name: before settle at most lower bound + $((n - 1)) lone per gender and night" "worst excess $worst, supplement $supplement, lower $lower"
	fi
	local before=$supplement
	run rooms settle --pin "$pin" --db "$dir/$first.db" --json
	expect_rc "$name: rooms settle runs after every desk is merged" 0
	cp "$OUT" "$WORK/$name.settle.json"
	read -r supplement lower worst <<<"$(lone_check "$dir/$first.db")"
	expect_eq "$name: after settle the supplement nights are the lower bound (before: $before)" "$supplement" "$lower"
	run report summary --db "$dir/$first.db" --json
	expect_eq "$name: and the summary says so" "$(jq '.supplement_nights' "$OUT")" "$lower"
	unset FRONTDESK_NOW
}

one_day two A B
one_day three A B C
expect_eq "three desks: settle had lone sharers to pair (the check above is not empty)" \
	"$(jq '[.moves[]?] | length > 0' "$WORK/three.settle.json" 2>/dev/null)" "true"

# --- a desk whose share is used up: checked in, told so, no bed taken from the other desk ---
small=$WORK/small
mkdir -p "$small"
python3 - "$small" <<'PY'
import sys
with open(f"{sys.argv[1]}/rooms.csv", "w", encoding="utf-8") as f:
    f.write("酒店,房号,房型,楼层,备注\n")
    for n in range(1, 5):
        f.write(f"武汉知音湖畔酒店,90{n},双床房,9,\n")
PY
"$FD" init --event "$DEMO/event.ini" --rooms "$small/rooms.csv" --db "$small/prep.db" >/dev/null &&
	"$FD" import "$WORK/roster.csv" --db "$small/prep.db" >/dev/null &&
	"$FD" desks A B --db "$small/prep.db" >/dev/null &&
	cp "$small/prep.db" "$small/B.db" &&
	"$FD" desk-id B --key "$small/desk-B.key" --db "$small/B.db" >/dev/null ||
	fail "the small event is prepared" "init, import, desks or desk-id failed"
women=$(q "$small/B.db" "SELECT group_concat(reg_no, ' ') FROM (SELECT reg_no FROM attendee WHERE gender = 'F' ORDER BY reg_no LIMIT 5)")
placed=0
for r in $women; do
	FRONTDESK_NOW="2026-05-25 14:00:00" run checkin "$r" --db "$small/B.db" --json
	jq -e '.lodging.allocated' "$OUT" >/dev/null && placed=$((placed + 1))
done
expect_eq "desk B houses four women in its two rooms" "$placed" "4"
expect_rc "the fifth is still checked in" 0
expect_json "the fifth is told this desk's share is used up" '.result == "checked_in" and .lodging.no_room_in_share == true'
r=$(q "$small/B.db" "SELECT reg_no FROM attendee WHERE gender = 'F' ORDER BY reg_no LIMIT 1 OFFSET 5")
FRONTDESK_NOW="2026-05-25 14:01:00" run checkin "$r" --db "$small/B.db"
expect_grep "the staff read what to do (merge, or the supervisor)" "this desk's share of the rooms is used up" "$OUT"
expect_eq "desk B took none of desk A's rooms" \
	"$(q "$small/B.db" "SELECT count(*) FROM stay s JOIN room r ON r.id = s.room_id WHERE r.share_desk <> 'B'")" "0"

# --- borrowing: the far end of a share seen recently, never a stale one ---
lend=$WORK/lend
mkdir -p "$lend"
python3 - "$lend" <<'PY'
import sys
with open(f"{sys.argv[1]}/rooms.csv", "w", encoding="utf-8") as f:
    f.write("酒店,房号,房型,楼层,备注\n")
    for n in range(1, 21):
        f.write(f"武汉知音湖畔酒店,9{n:02d},双床房,9,\n")
PY
"$FD" init --event "$DEMO/event.ini" --rooms "$lend/rooms.csv" --db "$lend/prep.db" >/dev/null &&
	"$FD" import "$WORK/roster.csv" --db "$lend/prep.db" >/dev/null &&
	"$FD" desks A B --db "$lend/prep.db" >/dev/null &&
	cp "$lend/prep.db" "$lend/A.db" && cp "$lend/prep.db" "$lend/B.db" &&
	"$FD" desk-id A --key "$lend/desk-A.key" --db "$lend/A.db" >/dev/null &&
	"$FD" desk-id B --key "$lend/desk-B.key" --db "$lend/B.db" >/dev/null ||
	fail "the lending event is prepared" "init, import, desks or desk-id failed"
mapfile -t w < <(q "$lend/B.db" "SELECT reg_no FROM attendee WHERE gender = 'F' ORDER BY reg_no")
FRONTDESK_NOW="2026-05-25 14:00:00" run checkin "${w[0]}" --db "$lend/A.db" --json
mkdir -p "$lend/usb-a"
FRONTDESK_NOW="2026-05-25 14:01:00" run export --to "$lend/usb-a" --db "$lend/A.db" --json
for i in $(seq 1 20); do # B fills its ten rooms
	FRONTDESK_NOW="2026-05-25 14:02:00" run checkin "${w[$i]}" --db "$lend/B.db" --json
done
FRONTDESK_NOW="2026-05-25 14:03:00" run merge "$(ls -d "$lend/usb-a"/frontdesk-*)" --db "$lend/B.db" --json
expect_rc "desk B merges desk A's export of 14:01" 0
far=$(q "$lend/B.db" "SELECT room FROM room WHERE share_desk = 'A' ORDER BY hotel_rank, id DESC LIMIT 1")
FRONTDESK_NOW="2026-05-25 14:10:00" run checkin "${w[21]}" --db "$lend/B.db" --json
expect_json "with A seen 10 minutes ago, B borrows a room of A's share" '.lodging.allocated == true'
expect_eq "the room borrowed is the far end of A's share (the one A opens last)" \
	"$(jq -r '.lodging.room' "$OUT")" "$far"
FRONTDESK_NOW="2026-05-25 14:11:00" run checkin "${w[22]}" --db "$lend/B.db" --json
expect_eq "the next woman joins her in the borrowed room" "$(jq -r '.lodging.room' "$OUT")" "$far"
FRONTDESK_NOW="2026-05-25 15:00:00" run checkin "${w[23]}" --db "$lend/B.db" --json
expect_json "an hour after A's latest entry B borrows nothing more" \
	'.result == "checked_in" and .lodging.no_room_in_share == true'
opened=0
for i in 24 25 26 27 28 29; do # A goes on opening its share from the front
	FRONTDESK_NOW="2026-05-25 15:$i:00" run checkin "${w[$i]}" --db "$lend/A.db" --json
	jq -e '.lodging.allocated' "$OUT" >/dev/null && opened=$((opened + 1))
done
expect_eq "desk A houses six more women in its own share" "$opened" "6"
mkdir -p "$lend/usb-b"
FRONTDESK_NOW="2026-05-25 21:00:00" run export --to "$lend/usb-b" --db "$lend/B.db" --json
FRONTDESK_NOW="2026-05-25 21:01:00" run merge "$(ls -d "$lend/usb-b"/frontdesk-*)" --db "$lend/A.db" --json
expect_rc "desk A merges desk B" 0
expect_json "the borrowed room collided with nothing of A's" '[.conflicts[]? | select(.kind == "BED_TWICE")] == []'
