# Walk-in rooms (DESIGN section 3: "an attendee who registered no room may
# ask at the desk and gets one only from what is left after every booked
# request is covered; otherwise the desk says no and suggests the overflow
# hotel") and the free rooms per hotel and night, on a small event of our own:
# the demo's event.ini, six rooms and twelve registrations whose bookings need
# every room but the bed beside the one booked man. A walk-in is refused
# while the bookings need the rest, with a wrong PIN, for the wrong people and
# nights; granted from what is left (a spare king, the other room type in the
# overflow hotel, nights nobody booked) with its price, and placed at check-in
# where it was granted; flagged in `rooms list --json` and --csv; kept by a
# re-import; replayed by a merge into another desk. `rooms free --json` is
# checked against a count made here with sqlite3.
. "$(dirname "$0")/lib.sh"

pin=$(sed -n 's/^supervisor_pin *= *//p' "$DEMO/event.ini")
export FRONTDESK_NOW="2026-05-25 15:00:00"
q() { sqlite3 "$1" "$2"; }

# Two kings and three twins in the programme hotel, one twin in the overflow hotel.
cat >"$WORK/rooms.csv" <<'CSV'
酒店,房号,房型,楼层,备注
武汉知音湖畔酒店,801,大床房,8,
武汉知音湖畔酒店,802,大床房,8,
武汉知音湖畔酒店,901,双床房,9,
武汉知音湖畔酒店,902,双床房,9,
武汉知音湖畔酒店,903,双床房,9,
汉阳翠柳商务宾馆,301,双床房,3,
CSV
# The same and a king and a twin more in the programme hotel: it holds every booking then,
# with a king to spare, and the overflow hotel's twin is spare too.
{
	cat "$WORK/rooms.csv"
	echo "武汉知音湖畔酒店,805,大床房,8,"
	echo "武汉知音湖畔酒店,904,双床房,9,"
} >"$WORK/rooms-plus.csv"

# Kings: 2 booked. Twins: 2 twin_single, a pair of women, one man: 4, all there are.
cat >"$WORK/roster.csv" <<'CSV'
报名编号,姓名,性别,单位,会员,审核状态,交费方式,交费金额,交费状态,房型
W01,王一,女,国家图书馆,是,已通过,在线支付,1500,已到账,大床房
W02,王二,男,国家图书馆,是,已通过,在线支付,1500,已到账,大床房
W03,王三,女,国家图书馆,是,已通过,在线支付,1500,已到账,双床单住
W04,王四,男,国家图书馆,是,已通过,在线支付,1500,已到账,双床单住
W05,王五,女,国家图书馆,是,已通过,在线支付,1500,已到账,床位
W06,王六,女,国家图书馆,是,已通过,在线支付,1500,已到账,床位
W07,王七,男,国家图书馆,是,已通过,在线支付,1500,已到账,床位
W08,王八,女,国家图书馆,是,已通过,在线支付,1500,已到账,不住宿
W09,王九,男,国家图书馆,是,已通过,在线支付,1500,已到账,不住宿
W10,王十,男,国家图书馆,是,已通过,在线支付,1500,已到账,不住宿
W11,王十一,女,国家图书馆,是,已通过,在线支付,1500,已到账,不住宿
W12,王十二,男,国家图书馆,是,待审核,在线支付,1500,已到账,不住宿
CSV

# small_db FILE ROOMS: the demo event with these rooms and the roster above.
small_db() {
	"$FD" init --event "$DEMO/event.ini" --rooms "$2" --db "$1" >/dev/null &&
		"$FD" import "$WORK/roster.csv" --db "$1" >/dev/null
}

# --- nothing is left but a man's bed: refused, naming the overflow hotel ---
db=$WORK/full.db
small_db "$db" "$WORK/rooms.csv"
run rooms walkin W08 --type king --pin 0000 --db "$db" --json
expect_rc "a wrong PIN is refused" 1
expect_json "a wrong PIN says so" '.result == "refused" and (.message | test("wrong supervisor PIN"))'
expect_eq "a wrong PIN records nothing but the refused try" \
	"$(q "$db" "SELECT (SELECT count(*) FROM walkin) || '/' || (SELECT group_concat(action) FROM journal)")" "0/pin_failed"

run rooms walkin W08 --type king --pin "$pin" --db "$db" --json
expect_rc "a king is refused while the bookings need every room" 1
expect_json "the refusal names the overflow hotel" '.result == "refused" and .overflow_hotel == "汉阳翠柳商务宾馆" and .granted == null'
expect_json "the refusal is bilingual and suggests the overflow hotel" '(.message | test("不能现场加订")) and (.message | test("suggest the overflow hotel 汉阳翠柳商务宾馆"))'
run rooms walkin W08 --type twin_single --pin "$pin" --db "$db"
expect_rc "a twin room is refused too" 1
expect_grep "the words name the overflow hotel" "汉阳翠柳商务宾馆" "$ERR"
run rooms walkin W08 --type bed --pin "$pin" --db "$db" --json
expect_rc "a woman's bed is refused: no woman's bed is left" 1
expect_eq "refusals record nothing" \
	"$(q "$db" "SELECT (SELECT count(*) FROM walkin) + (SELECT count(*) FROM journal WHERE action <> 'pin_failed')")" "0"

run rooms walkin W09 --type bed --pin "$pin" --db "$db" --json
expect_rc "a man's bed is granted: the booked man's room has one to spare" 0
expect_json "a bed costs bed_night a night until the check-in places it" '.result == "granted" and .granted == "bed" and .placed == false and .nights == 5 and .charge == 875 and .bed == null'
expect_eq "the walk-in is recorded" "$(q "$db" "SELECT w.room_type || ' ' || w.arrive || ' ' || w.depart FROM walkin w JOIN attendee a ON a.id = w.attendee_id WHERE reg_no = 'W09'")" "bed 2026-05-25 2026-05-30"
run rooms walkin W10 --type bed --pin "$pin" --db "$db" --json
expect_rc "a second man's bed is refused: that was the one" 1

# --- wrong people and wrong input ---
run rooms walkin W01 --type king --pin "$pin" --db "$db" --json
expect_rc "someone who booked a room is refused" 1
expect_json "and told they booked already" '.message | test("booked lodging already")'
run rooms walkin W12 --type king --pin "$pin" --db "$db" --json
expect_rc "a registration under review is refused" 1
run rooms walkin W09 --type bed --pin "$pin" --db "$db" --json
expect_rc "a second walk-in for one person is refused" 1
run rooms walkin NOBODY --type king --pin "$pin" --db "$db" --json
expect_rc "an unknown registration is refused" 1
run rooms walkin W10 --type suite --pin "$pin" --db "$db"
expect_rc "an unknown room type is bad usage" 2
run rooms walkin W10 --type king --arrive 2026-05-20 --pin "$pin" --db "$db" --json
expect_rc "nights outside the event are bad input" 2
run rooms walkin W10 --type king --arrive 2026-05-28 --depart 2026-05-27 --pin "$pin" --db "$db" --json
expect_rc "a departure before the arrival is bad input" 2
run rooms walkin W10 --type king --db "$db"
expect_rc "no PIN is bad usage" 2

# --- a spare king: granted from what is left, with its price ---
db=$WORK/plus.db
small_db "$WORK/prepared.db" "$WORK/rooms-plus.csv"
prepare_desks "$WORK/prepared.db" "$WORK/keys" A B
# The walk-in rule is about the whole hotel, not a desk's share of it: the rooms are left to any
# desk (as after a rooms file re-imported once the desks were named; test_desks covers shares).
sqlite3 "$WORK/prepared.db" "UPDATE room SET share_desk = NULL"
desk_copy "$WORK/prepared.db" "$WORK/keys" A "$db"
run checkin W08 --db "$db" --json
expect_json "W08 checks in without a room" '.result == "checked_in" and .lodging.allocated == false'
run rooms walkin W08 --type king --arrive 2026-05-26 --depart 2026-05-28 --pin "$pin" --db "$db" --json
expect_rc "the spare king is granted" 0
expect_json "checked in: the king is hers now, at room_night a night" '.granted == "king" and .placed and .hotel == "武汉知音湖畔酒店" and (.room | length > 0) and .bed == 1 and .nights == 2 and .charge == 700 and .arrive == "2026-05-26" and .depart == "2026-05-28"'
w08_room=$(jq -r '.room' "$OUT")
expect_eq "her bed is stored for her two nights" "$(q "$db" "SELECT group_concat(night) FROM (SELECT s.night FROM stay s JOIN attendee a ON a.id = s.attendee_id WHERE reg_no = 'W08' ORDER BY s.night)")" "2026-05-26,2026-05-27"
# on her nights the kings are the bookings'; the programme hotel's twins too: a twin
# room in the overflow hotel is what is left, at the same price
run rooms walkin W09 --type king --arrive 2026-05-26 --depart 2026-05-27 --pin "$pin" --db "$db" --json
expect_rc "on her nights the other type is granted" 0
expect_json "a twin room at room_night, given at check-in" '.granted == "twin_single" and .asked == "king" and .placed == false and .charge == 350 and (.message | test("no king is left"))'
run checkin W09 --db "$db" --json
expect_json "his check-in places him in the overflow hotel, where it was granted" '.result == "checked_in" and .lodging.allocated and .lodging.request == "twin_single" and .lodging.hotel == "汉阳翠柳商务宾馆" and .lodging.type == "twin" and .lodging.charge == 350 and .lodging.swapped == false'
run rooms walkin W10 --type king --arrive 2026-05-28 --depart 2026-05-30 --pin "$pin" --db "$db" --json
expect_rc "the nights nobody booked are granted" 0
expect_json "not checked in: a king at check-in, 2 nights at room_night" '.placed == false and .granted == "king" and .charge == 700 and .hotel == null'
run rooms walkin W11 --type bed --pin "$pin" --db "$db" --json
expect_rc "a woman's bed for every night is refused: nothing is left on the nights W09 has" 1
run checkin W10 --db "$db" --json
expect_json "W10's check-in places the walk-in king" '.result == "checked_in" and .lodging.request == "king" and .lodging.type == "king" and .lodging.charge == 700 and (.lodging.nights == ["2026-05-28","2026-05-29"])'
expect_eq "the journal holds the three walk-ins" "$(q "$db" "SELECT group_concat(subject) FROM (SELECT subject FROM journal WHERE action = 'walkin' ORDER BY seq)")" "W08,W09,W10"

# --- flagged in the rooming list ---
run rooms list --db "$db" --json
expect_json "rooms list flags the walk-ins and no booking" '[.rooms[].occupants[] | select(.flags | index("walkin")) | .reg_no] | sort == ["W08","W09","W10"]'
expect_json "the walk-in in the overflow hotel is flagged overflow too" '[.rooms[].occupants[] | select(.reg_no == "W09") | .flags] == [["overflow","walkin"]]'
run rooms list --db "$db" --csv "$WORK/rooming.csv"
expect_rc "rooms list --csv exits 0" 0
expect_eq "the hotel's note says 现场加订 on their rows" "$(grep -c ',现场加订' "$WORK/rooming.csv")" "3"
expect_grep "W08's row carries the note" "武汉知音湖畔酒店,$w08_room,大床房,8,1,W08,王八,女,2026-05-26,2026-05-28,2,0,700,现场加订" "$WORK/rooming.csv"

# --- desk-owned: a re-import keeps it ---
"$FD" import "$WORK/roster.csv" --db "$db" >/dev/null
expect_eq "a re-import leaves the walk-ins" "$(q "$db" "SELECT count(*) FROM walkin")" "3"
run lookup W10 --db "$db" --json
expect_json "the card still reads the walk-in's request" '.matches[0].lodging.request == "king" and .matches[0].lodging.allocated'

# --- a merge replays it on another desk ---
dbb=$WORK/desk-b.db
desk_copy "$WORK/prepared.db" "$WORK/keys" B "$dbb"
mkdir -p "$WORK/usb"
run export --to "$WORK/usb" --db "$db" --json
expect_rc "desk A exports" 0
run merge "$(jq -r '.folder' "$OUT")" --db "$dbb" --json
expect_rc "desk B merges desk A's export" 0
walkins() { q "$1" "SELECT group_concat(x, ';') FROM (SELECT reg_no || ' ' || w.room_type || ' ' || w.min_rank || ' ' || w.arrive || ' ' || w.depart AS x FROM walkin w JOIN attendee a ON a.id = w.attendee_id ORDER BY reg_no)"; }
beds() { q "$1" "SELECT group_concat(x, ';') FROM (SELECT a.reg_no || ' ' || r.room || '-' || s.bed || ' ' || s.night AS x FROM stay s JOIN attendee a ON a.id = s.attendee_id JOIN room r ON r.id = s.room_id ORDER BY 1)"; }
expect_eq "desk B holds the three walk-ins" "$(q "$dbb" "SELECT count(*) FROM walkin")" "3"
expect_eq "the merge brings the walk-ins as granted (type, hotel rank, nights)" "$(walkins "$dbb")" "$(walkins "$db")"
expect_eq "and the beds they were given" "$(beds "$dbb")" "$(beds "$db")"
run rooms list --db "$dbb" --json
expect_json "desk B flags them too" '[.rooms[].occupants[] | select(.flags | index("walkin")) | .reg_no] | sort == ["W08","W09","W10"]'
run merge "$(ls -d "$WORK"/usb/frontdesk-*)" --db "$dbb" --json
expect_eq "merging again changes nothing" "$(walkins "$dbb")" "$(walkins "$db")"

# --- rooms free, against a count made here ---
db=$WORK/free.db
small_db "$db" "$WORK/rooms-plus.csv"
for reg in W01 W05 W07; do "$FD" checkin "$reg" --db "$db" >/dev/null; done
"$FD" checkin W09 --db "$db" >/dev/null
"$FD" rooms walkin W09 --type bed --arrive 2026-05-27 --depart 2026-05-29 --pin "$pin" --db "$db" >/dev/null
run rooms free --db "$db" --json
expect_rc "rooms free exits 0" 0
got=$(jq -r '.hotels[] | .hotel as $h | .nights[] | [$h, .night, .king, .twin, .beds_female, .beds_male] | @tsv' "$OUT" | sort)
want=$(q "$db" "
WITH RECURSIVE nights(n) AS (SELECT '2026-05-25' UNION ALL SELECT date(n, '+1 day') FROM nights WHERE n < '2026-05-29'),
occ AS (SELECT r.hotel, r.type, n AS night,
  (SELECT count(*) FROM stay s WHERE s.room_id = r.id AND s.night = n) AS beds,
  (SELECT count(*) FROM stay s WHERE s.room_id = r.id AND s.night = n AND s.flags = 'shared') AS shared,
  (SELECT max(a.gender) FROM stay s JOIN attendee a ON a.id = s.attendee_id WHERE s.room_id = r.id AND s.night = n) AS g
  FROM room r, nights)
SELECT hotel, night, sum(type = 'king' AND beds = 0), sum(type = 'twin' AND beds = 0),
  sum(CASE WHEN type = 'twin' AND beds = 0 THEN 2 WHEN type = 'twin' AND beds = 1 AND shared = 1 AND g = 'F' THEN 1 ELSE 0 END),
  sum(CASE WHEN type = 'twin' AND beds = 0 THEN 2 WHEN type = 'twin' AND beds = 1 AND shared = 1 AND g = 'M' THEN 1 ELSE 0 END)
FROM occ GROUP BY hotel, night" | tr '|' '\t' | sort)
expect_eq "rooms free matches an independent count per hotel and night" "$got" "$want"
expect_json "every night of the event, per hotel, programme hotel first" '(.hotels | length) == 2 and .hotels[0].rank == 0 and .hotels[0].hotel == "武汉知音湖畔酒店" and all(.hotels[]; (.nights | length) == 5)'
expect_json "a lone woman leaves a bed for a woman only (the lone man has W09 beside him on the 27th)" '.hotels[0].nights[2] | .beds_female == .beds_male + 1'
run rooms free --db "$db"
expect_grep "in words too" "大床房 king" "$OUT"
