# Merging desks (DESIGN section 4, actions/merge.h): two copies of one prepared
# database check people in on their own, some of them the same people, with
# planted conflicts (one person checked in at both desks, one bed given at both,
# two card payments for one person), a reject and an undo at each desk. Each
# desk exports; A merges B's export folder and B merges A's. Then, from outside
# the program: a canonical dump of both databases is identical (order does not
# matter), a second merge changes nothing (twice = once), the conflict list
# holds exactly the planted conflicts, a dry run and a bundle path behave, the
# merged rooms are consistent, and damaged, foreign or clashing bundles are
# refused without touching the database.
. "$(dirname "$0")/lib.sh"

prep=$WORK/prepared.db
dba=$WORK/desk-a.db
dbb=$WORK/desk-b.db
keys=$WORK/keys
demo_db "$prep"
prepare_desks "$prep" "$keys" A B C D
desk_copy "$prep" "$keys" A "$dba"
desk_copy "$prep" "$keys" B "$dbb"
# Rooms with no desk's share (as after a rooms file re-imported once the desks were named) may
# be opened by any desk: that is how two desks can still give one bed, the conflict planted here.
for d in "$dba" "$dbb"; do sqlite3 "$d" "UPDATE room SET share_desk = NULL"; done
pin=$(sed -n 's/^supervisor_pin *= *//p' "$DEMO/event.ini")

# dump DB: the rows every desk must agree on (lib.sh)
dump() { canonical_dump "$1"; }
q() { sqlite3 "$1" "$2"; }
# same_dump NAME FILE_A FILE_B: the two dumps are identical (a short diff when not).
same_dump() {
	if cmp -s "$2" "$3"; then pass "$1"; else fail "$1" "$(diff "$2" "$3" | head -8)"; fi
}
# conflicts_of FILE: the conflicts of a --json answer as sorted "KIND REG_NO DESK" words.
conflicts_of() { jq -r '[.conflicts[] | "\(.kind) \(.reg_no) \(.desk)"] | sort | join(",")' "$1"; }
# bed_of FILE: "hotel room-bed" of a check-in's --json answer.
bed_of() { jq -r '.lodging | "\(.hotel) \(.room)-\(.bed)"' "$1"; }

# at DB TIME ARGS...: one desk action at 2026-05-25 TIME; a failure is counted in $script_failed.
script_failed=""
at() {
	local db=$1 time=$2
	shift 2
	FRONTDESK_NOW="2026-05-25 $time:00" run "$@" --db "$db" --json
	if [ "$RC" -ne 0 ]; then script_failed="$script_failed [$time $* -> exit $RC]"; fi
}

# --- desk A's day ---
at "$dba" 13:05 checkin WH2026-0006 --operator alice # king: the first king room
bed_a=$(bed_of "$OUT")
at "$dba" 13:06 checkin WH2026-0039 --operator alice
at "$dba" 13:07 checkin WH2026-0042 --operator alice
at "$dba" 13:20 checkin WH2026-0002 --operator alice # also at B, later
at "$dba" 13:25 checkin WH2026-0065 --pay card:POS-A001 --operator alice
paid_a=$(jq '.paid_on_site' "$OUT")
at "$dba" 13:28 checkin WH2026-0021 --operator alice
at "$dba" 13:32 undo WH2026-0021 --pin "$pin" --operator alice
at "$dba" 13:40 checkin WH2026-0025 --operator alice # also at B, earlier
at "$dba" 13:45 reject WH2026-0043 --reason 证件与本人不符 --operator alice
at "$dba" 13:50 checkin WH2026-0003 --operator alice

# --- desk B's day ---
at "$dbb" 13:10 checkin WH2026-0036 --operator bob # king: B's first king room too
bed_b=$(bed_of "$OUT")
at "$dbb" 13:15 checkin WH2026-0025 --operator bob
at "$dbb" 13:18 checkin WH2026-0009 --operator bob
at "$dbb" 13:30 checkin WH2026-0002 --operator bob
bed_b_0002=$(bed_of "$OUT")
due_b=$(FRONTDESK_NOW="2026-05-25 13:34:00" "$FD" lookup WH2026-0065 --db "$dbb" --json | jq '.matches[0].to_pay')
at "$dbb" 13:35 pay WH2026-0065 --amount "$due_b" --card POS-B001 --operator bob
at "$dbb" 13:38 checkin WH2026-0020 --operator bob
at "$dbb" 13:42 undo WH2026-0020 --pin "$pin" --operator bob
at "$dbb" 13:44 reject WH2026-0013 --reason 尚未审核 --operator bob
at "$dbb" 13:47 checkin WH2026-0062 --operator bob

expect_eq "both desks' days run through the CLI without a refusal" "$script_failed" ""
expect_eq "desk A took the member difference on site" "$paid_a" "200"
expect_eq "desk B, not knowing, takes the same 200 again" "$due_b" "200"
if [ "$bed_a" = "$bed_b" ] && [ "$bed_a" != "null null-null" ]; then
	pass "the planted bed: both desks gave their first king guest the same bed ($bed_a)"
else
	fail "the planted bed: both desks gave their first king guest the same bed" "A gave '$bed_a', B gave '$bed_b'"
fi
for db in "$dba" "$dbb"; do
	run report conflicts --db "$db" --json
	expect_json "before any merge desk $(q "$db" "SELECT value FROM setting WHERE key = 'desk.id'") lists no conflict" '.conflicts == []'
done
run report refunds --db "$dba" --json
expect_json "before the merge no refund is due to WH2026-0065" '[.refunds[] | select(.reg_no == "WH2026-0065")] == []'

# --- the exports ---
export FRONTDESK_NOW="2026-05-25 21:00:00"
mkdir -p "$WORK/usb-a"
run export --to "$WORK/usb-a" --db "$dba" --json
expect_rc "desk A exports" 0
folder_a=$(jq -r '.folder' "$OUT")
mkdir -p "$WORK/usb-b"
run export --to "$WORK/usb-b" --db "$dbb" --json
expect_rc "desk B exports" 0
folder_b=$(jq -r '.folder' "$OUT")
entries_a=$(q "$dba" "SELECT count(*) FROM journal")
entries_b=$(q "$dbb" "SELECT count(*) FROM journal")
cp "$dba" "$WORK/a-before.db"
cp "$dbb" "$WORK/b-before.db"
dump "$dba" >"$WORK/a-before.dump"
dump "$dbb" >"$WORK/b-before.dump"

planted="BED_TWICE WH2026-0036 B,CHECKIN_TWICE WH2026-0002 B,CHECKIN_TWICE WH2026-0025 A,PAYMENT_TWICE WH2026-0065 B"

# --- a dry run changes nothing but says what would happen ---
run merge "$folder_b" --dry-run --db "$dba" --json
expect_rc "a dry run exits 0" 0
expect_json "a dry run answers dry_run with the entries it would add" \
	".result == \"dry_run\" and .new_entries == $entries_b and .entries == $entries_b and .bundle_desk == \"B\""
expect_json "a dry run counts the check-ins before and after" '.checked_in_before == 7 and .checked_in_after == 10'
expect_eq "a dry run lists the conflicts the merge would find" "$(conflicts_of "$OUT")" "$planted"
dump "$dba" >"$WORK/a-dry.dump"
same_dump "a dry run leaves the database as it was" "$WORK/a-before.dump" "$WORK/a-dry.dump"
expect_eq "a dry run logs no merge" "$(q "$dba" "SELECT count(*) FROM merge_log")" "0"
run report conflicts --db "$dba" --json
expect_json "after a dry run no conflict is stored" '.conflicts == []'

# --- A merges B's folder (human output), B merges A's folder (JSON) ---
run merge "$folder_b" --db "$dba"
expect_rc "desk A merges desk B's export folder" 0
expect_grep "the merge says what it did in Chinese" "已合并：新增 B 台同步包中的 $entries_b 条记录" "$OUT"
expect_grep "and in English" "merged: added $entries_b entries from the bundle of desk B" "$OUT"
expect_grep "each conflict says what to do, in Chinese" "请为其更换房卡" "$OUT"
expect_grep "and in English" "give them the new key" "$OUT"
run merge "$folder_a" --db "$dbb" --json
expect_rc "desk B merges desk A's export folder" 0
expect_json "B's merge adds A's entries" ".result == \"merged\" and .new_entries == $entries_a and .checked_in_before == 5 and .checked_in_after == 10"
cp "$OUT" "$WORK/merge-b.json"

dump "$dba" >"$WORK/a.dump"
dump "$dbb" >"$WORK/b.dump"
same_dump "A merged with B equals B merged with A (canonical dump)" "$WORK/a.dump" "$WORK/b.dump"
if cmp -s "$WORK/a.dump" "$WORK/a-before.dump"; then fail "the merge changed desk A" "dump unchanged"; else pass "the merge changed desk A"; fi
if cmp -s "$WORK/b.dump" "$WORK/b-before.dump"; then fail "the merge changed desk B" "dump unchanged"; else pass "the merge changed desk B"; fi
expect_eq "both journals hold every entry of both desks" \
	"$(q "$dba" "SELECT count(*) FROM journal") $(q "$dbb" "SELECT count(*) FROM journal")" \
	"$((entries_a + entries_b)) $((entries_a + entries_b))"
expect_eq "each desk logged one merge" "$(q "$dba" "SELECT count(*) FROM merge_log") $(q "$dbb" "SELECT count(*) FROM merge_log")" "1 1"

# --- the conflicts: exactly the planted ones, on both desks ---
for db in "$dba" "$dbb"; do
	desk=$(q "$db" "SELECT value FROM setting WHERE key = 'desk.id'")
	run report conflicts --db "$db" --json
	expect_eq "desk $desk lists exactly the planted conflicts" "$(conflicts_of "$OUT")" "$planted"
	cp "$OUT" "$WORK/conflicts-$desk.json"
done
expect_eq "report conflicts agrees with what B's merge answered" \
	"$(jq -S '.conflicts' "$WORK/conflicts-B.json")" "$(jq -S '.conflicts' "$WORK/merge-b.json")"
expect_eq "both desks describe the conflicts alike" \
	"$(jq -S '.conflicts' "$WORK/conflicts-A.json")" "$(jq -S '.conflicts' "$WORK/conflicts-B.json")"
cp "$WORK/conflicts-A.json" "$OUT"
expect_json "CHECKIN_TWICE: B's later check-in of WH2026-0002 yields to A's, its bed released" \
	".conflicts[] | select(.reg_no == \"WH2026-0002\") | .desk == \"B\" and .other_desk == \"A\" and .at == \"2026-05-25 13:30:00\" and .other_at == \"2026-05-25 13:20:00\" and .room_given == \"$bed_b_0002\" and .room_now == null"
expect_json "CHECKIN_TWICE: A's later check-in of WH2026-0025 yields to B's" \
	'.conflicts[] | select(.reg_no == "WH2026-0025") | .desk == "A" and .other_desk == "B" and .at == "2026-05-25 13:40:00" and .other_at == "2026-05-25 13:15:00"'
expect_json "PAYMENT_TWICE: B's 200 is the surplus, to refund" \
	'.conflicts[] | select(.kind == "PAYMENT_TWICE") | .desk == "B" and .amount == 200 and .at == "2026-05-25 13:35:00"'
expect_json "BED_TWICE: B's later guest lost the bed A gave first and has another" \
	".conflicts[] | select(.kind == \"BED_TWICE\") | .desk == \"B\" and .other_desk == \"A\" and .other_seq == 1 and .room_given == \"$bed_b\" and .room_now != null and .room_now != .room_given"
expect_json "every conflict carries a bilingual message" \
	'all(.conflicts[]; (.message | test("[\\x{4e00}-\\x{9fff}]")) and (.message | test(" / [a-z]")))'
run report conflicts --db "$dbb"
expect_grep "report conflicts prints a Chinese heading" "合并冲突" "$OUT"
expect_grep "and the rule in English" "the earlier, desk A, stands" "$OUT"

# --- the merged state ---
for db in "$dba" "$dbb"; do
	desk=$(q "$db" "SELECT value FROM setting WHERE key = 'desk.id'")
	expect_eq "desk $desk: the earliest check-in stands (WH2026-0002 at A, WH2026-0025 at B)" \
		"$(q "$db" "SELECT group_concat(a.reg_no || '@' || c.desk_id || ' ' || c.at, ',') FROM (SELECT * FROM checkin ORDER BY attendee_id) c JOIN attendee a ON a.id = c.attendee_id WHERE a.reg_no IN ('WH2026-0002', 'WH2026-0025')")" \
		"WH2026-0002@A 2026-05-25 13:20:00,WH2026-0025@B 2026-05-25 13:15:00"
	expect_eq "desk $desk: the undone check-ins stay undone, the rest of both desks stand" \
		"$(q "$db" "SELECT group_concat(reg_no, ' ') FROM (SELECT a.reg_no FROM checkin c JOIN attendee a ON a.id = c.attendee_id ORDER BY a.reg_no)")" \
		"WH2026-0002 WH2026-0003 WH2026-0006 WH2026-0009 WH2026-0025 WH2026-0036 WH2026-0039 WH2026-0042 WH2026-0062 WH2026-0065"
	expect_eq "desk $desk: both rejections are kept" \
		"$(q "$db" "SELECT group_concat(a.reg_no || '@' || r.desk_id, ' ') FROM (SELECT * FROM rejection ORDER BY at) r JOIN attendee a ON a.id = r.attendee_id")" \
		"WH2026-0013@B WH2026-0043@A"
	expect_eq "desk $desk: both card payments for WH2026-0065 are kept" \
		"$(q "$db" "SELECT group_concat(p.reference || ':' || p.amount || '@' || p.desk_id, ' ') FROM (SELECT * FROM payment WHERE source = 'onsite' ORDER BY created_at) p JOIN attendee a ON a.id = p.attendee_id WHERE a.reg_no = 'WH2026-0065'")" \
		"POS-A001:200@A POS-B001:200@B"
	run report refunds --db "$db" --json
	expect_json "desk $desk: the second payment is listed as a duplicate to refund" \
		'[.refunds[] | select(.reg_no == "WH2026-0065") | {kind, amount}] == [{"kind": "duplicate", "amount": 200}]'

	run rooms list --db "$db" --json
	cp "$OUT" "$WORK/rooms-$desk.json"
	expect_json "desk $desk: no bed is given twice on any night" \
		'[.rooms[] as $r | $r.occupants[] as $o | $o.nights[] | "\($r.hotel) \($r.room)-\($o.bed) \(.)"] | length == (unique | length)'
	expect_json "desk $desk: nobody sleeps in two beds on one night" \
		'[.rooms[].occupants[] as $o | $o.nights[] | "\($o.reg_no) \(.)"] | length == (unique | length)'
	expect_json "desk $desk: a king room has one guest a night, a twin room two of one gender" \
		'all(.rooms[]; . as $r | [$r.occupants[] as $o | $o.nights[] | {n: ., g: $o.gender}] | group_by(.n) | all(length <= (if $r.type == "king" then 1 else 2 end) and (map(.g) | unique | length) <= 1))'
	want=$(q "$db" "SELECT group_concat(reg_no, ' ') FROM (SELECT a.reg_no FROM checkin c JOIN attendee a ON a.id = c.attendee_id WHERE a.room_type <> 'none' ORDER BY a.reg_no)")
	got=$(jq -r '[.rooms[].occupants[] | select(.use != "held") | .reg_no] | unique | join(" ")' "$OUT")
	expect_eq "desk $desk: every checked-in guest has a bed and nobody else does" "$got" "$want"
	room_now=$(jq -r '.conflicts[] | select(.kind == "BED_TWICE") | .room_now' "$WORK/conflicts-$desk.json")
	expect_eq "desk $desk: the re-allocated guest sleeps where the conflict says" \
		"$(jq -r '.rooms[] as $r | $r.occupants[] | select(.reg_no == "WH2026-0036") | "\($r.hotel) \($r.room)-\(.bed)"' "$OUT")" "$room_now"
	expect_eq "desk $desk: the first arrival keeps the bed both desks gave" \
		"$(jq -r '.rooms[] as $r | $r.occupants[] | select(.reg_no == "WH2026-0006") | "\($r.hotel) \($r.room)-\(.bed)"' "$OUT")" "$bed_a"
done

# --- twice = once ---
sha_a=$(sha "$WORK/a.dump")
sha_b=$(sha "$WORK/b.dump")
run merge "$folder_b" --db "$dba" --json
expect_rc "merging B's folder again exits 0" 0
expect_json "it answers nothing_new and still lists the conflicts" '.result == "nothing_new" and .new_entries == 0 and (.conflicts | length) == 4'
run merge "$folder_a" --db "$dbb" --json
expect_json "merging A's folder into B again is nothing_new" '.result == "nothing_new" and .new_entries == 0'
run merge "$folder_a" --db "$dba" --json
expect_json "merging a desk's own export is nothing_new" '.result == "nothing_new" and .new_entries == 0'
mkdir -p "$WORK/usb-a2"
run export --to "$WORK/usb-a2" --db "$dba" --json
folder_a2=$(jq -r '.folder' "$OUT")
run merge "$folder_a2" --db "$dbb" --json
expect_json "A's merged export brings B nothing new" '.result == "nothing_new" and .new_entries == 0'
dump "$dba" >"$WORK/a-again.dump"
dump "$dbb" >"$WORK/b-again.dump"
expect_eq "a second merge leaves A's content as it was (sha)" "$(sha "$WORK/a-again.dump")" "$sha_a"
expect_eq "a second merge leaves B's content as it was (sha)" "$(sha "$WORK/b-again.dump")" "$sha_b"
expect_eq "a merge with nothing new logs nothing" "$(q "$dba" "SELECT count(*) FROM merge_log") $(q "$dbb" "SELECT count(*) FROM merge_log")" "1 1"

# --- a bundle path works like the folder ---
cp "$WORK/a-before.db" "$WORK/c.db"
run merge "$folder_b/bundle.jsonl" --db "$WORK/c.db" --json
expect_rc "merging a bundle.jsonl path exits 0" 0
expect_json "it adds B's entries" ".result == \"merged\" and .new_entries == $entries_b"
dump "$WORK/c.db" >"$WORK/c.dump"
same_dump "the bundle path gives the same state as the folder" "$WORK/c.dump" "$WORK/a.dump"

# --- what a merge refuses; none may change the database ---
# refused DB NAME WANT_RC: the last merge exited WANT_RC and DB's dump is unchanged.
refused() {
	expect_rc "$2: exit $3" "$3"
	dump "$1" >"$WORK/after.dump"
	same_dump "$2: the database is unchanged" "$WORK/target.dump" "$WORK/after.dump"
}
target=$WORK/target.db
cp "$WORK/a-before.db" "$target"
dump "$target" >"$WORK/target.dump"

bad=$WORK/bad-folder
cp -r "$folder_b" "$bad"
python3 - "$bad/checkins.csv" <<'PY'
import sys
data = bytearray(open(sys.argv[1], "rb").read())
data[len(data) // 2] ^= 0x01
open(sys.argv[1], "wb").write(data)
PY
run merge "$bad" --db "$target" --json
refused "$target" "a folder with a changed byte in checkins.csv is refused" 1
expect_json "it names the file that fails its checksum" '.result == "refused" and (.message | contains("checkins.csv"))'
run merge "$bad" --db "$target"
expect_grep "the refusal says so in Chinese" "未合并" "$ERR"
expect_grep "and in English" "nothing was merged" "$ERR"

bundle=$folder_b/bundle.jsonl
lines=$(wc -l <"$bundle")
head -n -1 "$bundle" >"$WORK/truncated.jsonl"
run merge "$WORK/truncated.jsonl" --db "$target" --json
refused "$target" "a bundle without its last line is damaged" 2
expect_json "it says bad_bundle with an error" '.result == "bad_bundle" and (.errors | length) >= 1 and all(.errors[]; (.line | type) == "number" and (.message | length) > 0)'
head -c $(($(stat -c %s "$bundle") - 20)) "$bundle" >"$WORK/cut.jsonl"
run merge "$WORK/cut.jsonl" --db "$target" --json
refused "$target" "a bundle cut inside its last line is damaged" 2
expect_json "the error names that line" ".errors | map(.line) | index($lines)"

python3 - "$bundle" "$WORK/other-event.jsonl" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
header = json.loads(lines[0])
header["event"] = "2604"
lines[0] = json.dumps(header, ensure_ascii=False, separators=(",", ":"))
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines))
PY
run merge "$WORK/other-event.jsonl" --db "$target" --json
refused "$target" "another event's bundle is refused" 1
expect_json "it says which event" '.result == "refused" and (.message | contains("2604"))'

# Two desks with one desk id: a second copy also named B checks in someone else.
desk_copy "$prep" "$keys" B "$WORK/b2.db"
FRONTDESK_NOW="2026-05-25 14:00:00" "$FD" checkin WH2026-0047 --db "$WORK/b2.db" >/dev/null
mkdir -p "$WORK/usb-b2"
run export --to "$WORK/usb-b2" --db "$WORK/b2.db" --json
folder_b2=$(jq -r '.folder' "$OUT")
cp "$dba" "$target"
dump "$target" >"$WORK/target.dump"
run merge "$folder_b2" --db "$target" --json
refused "$target" "a second desk B (its B:1 differs) is refused" 1
expect_json "it says two computers use one desk id, naming the entry" \
	'.result == "refused" and (.message | contains("one desk id")) and .refused_entry.desk == "B" and .refused_entry.seq == 1'
python3 - "$bundle" "$WORK/b1-changed.jsonl" <<'PY'
import json, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
entry = json.loads(lines[1])
assert entry["desk"] == "B" and entry["seq"] == 1
entry["operator"] = "mallory"
lines[1] = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines))
PY
run merge "$WORK/b1-changed.jsonl" --db "$target" --json
refused "$target" "a bundle whose entry B:1 has other contents is refused" 1
expect_eq "the journal keeps its entries" "$(q "$target" "SELECT count(*) FROM journal WHERE operator = 'mallory'")" "0"

printf 'PK\003\004\000\377 this is no bundle\n{"format":' >"$WORK/garbage.jsonl"
run merge "$WORK/garbage.jsonl" --db "$target" --json
refused "$target" "a garbage file is a damaged bundle" 2
expect_json "it explains the first line" '.result == "bad_bundle" and .errors[0].line == 1'
: >"$WORK/empty.jsonl"
run merge "$WORK/empty.jsonl" --db "$target" --json
refused "$target" "an empty file is a damaged bundle" 2
run merge "$WORK/no-such-folder" --db "$target" --json
refused "$target" "a missing path is bad input" 2

# --- the desks go on after the merge ---
FRONTDESK_NOW="2026-05-25 21:30:00" run checkin WH2026-0044 --db "$dba" --json
expect_rc "desk A checks in a king guest after the merge" 0
room_now=$(jq -r '.conflicts[] | select(.kind == "BED_TWICE") | .room_now' "$WORK/conflicts-A.json")
if [ "$(bed_of "$OUT")" != "$room_now" ] && [ "$(bed_of "$OUT")" != "$bed_a" ]; then
	pass "the new guest gets neither merged king bed"
else
	fail "the new guest gets neither merged king bed" "got $(bed_of "$OUT")"
fi
FRONTDESK_NOW="2026-05-25 21:35:00" run undo WH2026-0002 --pin "$pin" --db "$dbb" --json
expect_rc "desk B undoes WH2026-0002, whose standing check-in was made at A" 0
export FRONTDESK_NOW="2026-05-25 22:00:00"
mkdir -p "$WORK/usb-a3"
run export --to "$WORK/usb-a3" --db "$dba" --json
folder_a3=$(jq -r '.folder' "$OUT")
mkdir -p "$WORK/usb-b3"
run export --to "$WORK/usb-b3" --db "$dbb" --json
folder_b3=$(jq -r '.folder' "$OUT")
run merge "$folder_b3" --db "$dba" --json
expect_json "A takes B's undo" '.result == "merged" and .new_entries == 1'
run merge "$folder_a3" --db "$dbb" --json
expect_json "B takes A's new check-in" '.result == "merged" and .new_entries == 1'
dump "$dba" >"$WORK/a3.dump"
dump "$dbb" >"$WORK/b3.dump"
same_dump "after a second round both desks are identical again" "$WORK/a3.dump" "$WORK/b3.dump"
run report conflicts --db "$dba" --json
expect_eq "B's undo of A's check-in matches it: no new conflict" "$(conflicts_of "$OUT")" "$planted"
expect_eq "on both desks WH2026-0002 is no longer checked in and has no bed" \
	"$(q "$dba" "SELECT count(*) FROM checkin c JOIN attendee a ON a.id = c.attendee_id WHERE a.reg_no = 'WH2026-0002'") $(q "$dba" "SELECT count(*) FROM stay s JOIN attendee a ON a.id = s.attendee_id WHERE a.reg_no = 'WH2026-0002'") $(q "$dbb" "SELECT count(*) FROM stay s JOIN attendee a ON a.id = s.attendee_id WHERE a.reg_no = 'WH2026-0002'")" "0 0 0"

# --- a bed given twice, then freed by an undo before the merge ---
# Desk A gives a king bed, desk C gives the same bed a little later, then A
# undoes its check-in (the key comes back). The later guest can keep the bed:
# no conflict may tell the staff to swap their key for the very same bed.
desk_copy "$prep" "$keys" A "$WORK/x-a.db"
desk_copy "$prep" "$keys" C "$WORK/x-c.db"
FRONTDESK_NOW="2026-05-25 13:05:00" "$FD" checkin WH2026-0006 --db "$WORK/x-a.db" >/dev/null
FRONTDESK_NOW="2026-05-25 13:10:00" run checkin WH2026-0036 --db "$WORK/x-c.db" --json
bed_c=$(bed_of "$OUT")
FRONTDESK_NOW="2026-05-25 13:20:00" "$FD" undo WH2026-0006 --pin "$pin" --db "$WORK/x-a.db" >/dev/null
mkdir -p "$WORK/usb-xc"
run export --to "$WORK/usb-xc" --db "$WORK/x-c.db" --json
run merge "$(jq -r '.folder' "$OUT")" --db "$WORK/x-a.db" --json
expect_rc "a bed freed by an undo before the merge: merge exits 0" 0
expect_json "no conflict tells the staff to swap a key for the same bed" \
	'all(.conflicts[]; .room_now == null or .room_now != .room_given)'
expect_eq "the guest keeps the bed desk C gave, now free" \
	"$(q "$WORK/x-a.db" "SELECT DISTINCT r.hotel || ' ' || r.room || '-' || s.bed FROM stay s JOIN room r ON r.id = s.room_id JOIN attendee a ON a.id = s.attendee_id WHERE a.reg_no = 'WH2026-0036'")" "$bed_c"

# --- desks set up from different files: the merge warns, and still merges ---
# The replay is the same everywhere only over the same roster; a desk that
# imported another roster file has another setup history in its bundle.
desk_copy "$prep" "$keys" A "$WORK/y-a.db"
desk_copy "$prep" "$keys" D "$WORK/y-d.db"
sed 's/13927279009/13927279000/' "$DEMO/roster.csv" >"$WORK/roster-changed.csv"
"$FD" import "$WORK/roster-changed.csv" --collective "$DEMO/collective.csv" --db "$WORK/y-d.db" >/dev/null
FRONTDESK_NOW="2026-05-25 14:00:00" "$FD" checkin WH2026-0001 --db "$WORK/y-d.db" >/dev/null
mkdir -p "$WORK/usb-yd"
run export --to "$WORK/usb-yd" --db "$WORK/y-d.db" --json
run merge "$(jq -r '.folder' "$OUT")" --db "$WORK/y-a.db" --json
expect_json "a bundle from a desk set up from other files is merged with setup_differs" \
	'.result == "merged" and .setup_differs == true'
expect_grep "the message says to import the same files on every desk" "import the same files on every desk" "$OUT"
run merge "$folder_b" --db "$WORK/y-a.db" --json
expect_json "a bundle from a desk set up from the same files has no warning" \
	'.result == "merged" and .setup_differs == false'

# --- merge without a path: the export folders on the sticks, newest first ---
# FRONTDESK_MOUNTS and FRONTDESK_SYS_BLOCK stand in for the system's (as in
# test_export.sh). The stick holds B's exports (two in one minute, plus a
# tenth made by hand: -10 is newer than -2), a desk id with a '-', this desk's
# own export (newest of all), another event's folder, a file and a folder
# whose names look like exports but are not: only other desks' folders of
# this event are listed, and nothing is merged.
pick=$WORK/pick-stick
mkdir -p "$pick" "$WORK/pick-sys/sdy/sdy1"
echo 1 >"$WORK/pick-sys/sdy/removable"
printf '/dev/sda1 / ext4 rw 0 0\n/dev/sdy1 %s vfat rw 0 0\n' "$pick" >"$WORK/pick-mounts"
printf '/dev/sda1 / ext4 rw 0 0\n' >"$WORK/pick-mounts-none"
FRONTDESK_NOW="2026-05-25 22:05:00" "$FD" export --to "$pick" --db "$dbb" >/dev/null
FRONTDESK_NOW="2026-05-25 22:10:00" "$FD" export --to "$pick" --db "$dbb" >/dev/null
FRONTDESK_NOW="2026-05-25 22:10:00" "$FD" export --to "$pick" --db "$dbb" >/dev/null
FRONTDESK_NOW="2026-05-25 22:30:00" "$FD" export --to "$pick" --db "$dba" >/dev/null
mkdir "$pick/frontdesk-2605-B-20260525-2210-10" "$pick/frontdesk-2605-D-2-20260525-2207" \
	"$pick/frontdesk-9999-B-20260525-2359" "$pick/frontdesk-2605-C-2359"
touch "$pick/frontdesk-2605-C-20260525-2358"
expect_eq "the stick holds B's three exports and A's own" \
	"$(cd "$pick" && ls -d frontdesk-2605-[AB]-* | tr '\n' ' ')" \
	"frontdesk-2605-A-20260525-2230 frontdesk-2605-B-20260525-2205 frontdesk-2605-B-20260525-2210 frontdesk-2605-B-20260525-2210-10 frontdesk-2605-B-20260525-2210-2 "
export FRONTDESK_SYS_BLOCK=$WORK/pick-sys
before=$(q "$dba" "SELECT (SELECT count(*) FROM journal), (SELECT count(*) FROM merge_log)")
FRONTDESK_MOUNTS=$WORK/pick-mounts run merge --db "$dba" --json
expect_rc "merge without a path exits 2" 2
expect_json "it answers no_path and asks for one to be named" \
	'.result == "no_path" and (.message | contains("name the one to merge"))'
expect_eq "the other desks' folders of this event, newest first (-10 before -2), none of A's own" \
	"$(jq -r '[.folders[].path | ltrimstr("'"$pick"'/")] | join(" ")' "$OUT")" \
	"frontdesk-2605-B-20260525-2210-10 frontdesk-2605-B-20260525-2210-2 frontdesk-2605-B-20260525-2210 frontdesk-2605-D-2-20260525-2207 frontdesk-2605-B-20260525-2205"
expect_json "each folder has its desk and stamp" \
	'.folders[0].desk == "B" and .folders[0].stamp == "20260525-2210-10" and .folders[3].desk == "D-2" and .folders[3].stamp == "20260525-2207"'
expect_eq "listing merges nothing" \
	"$(q "$dba" "SELECT (SELECT count(*) FROM journal), (SELECT count(*) FROM merge_log)")" "$before"
FRONTDESK_MOUNTS=$WORK/pick-mounts run merge --db "$dba"
expect_rc "without --json too it exits 2" 2
expect_grep "it says to name one, in Chinese and English" "请指定要合并的一个 / these export folders were found" "$ERR"
if [ "$(grep -n 'B-20260525-2210-10' "$OUT" | cut -d: -f1)" = 1 ] &&
	[ "$(grep -n 'B-20260525-2205' "$OUT" | cut -d: -f1)" = 5 ] && ! grep -q 'frontdesk-2605-A-' "$OUT"; then
	pass "the list on stdout is newest first, without this desk's own"
else
	fail "the list on stdout is newest first, without this desk's own"
fi
FRONTDESK_MOUNTS=$WORK/pick-mounts run merge --db "$dbb" --json
expect_json "desk B sees A's export and not its own" \
	"[.folders[].path] == [\"$pick/frontdesk-2605-A-20260525-2230\", \"$pick/frontdesk-2605-D-2-20260525-2207\"]"
FRONTDESK_MOUNTS=$WORK/pick-mounts-none run merge --db "$dba" --json
expect_rc "merge without a path and no stick exits 2" 2
expect_json "no stick: no folders, and the message says to plug it in or name a path" \
	'.result == "no_path" and .folders == [] and (.message | contains("plug in the stick")) and (.message | contains("name the folder"))'
FRONTDESK_MOUNTS=$WORK/pick-mounts-none run merge --db "$dba"
expect_rc "no stick, without --json: exits 2" 2
expect_grep "it says to plug the stick in" "没有找到 U 盘" "$ERR"
unset FRONTDESK_SYS_BLOCK
