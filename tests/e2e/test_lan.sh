# Desks in step on the lobby LAN (issue 17, docs/merge.md "On the LAN"). Three desks A B C
# prepared with `desks A B C`, each in its own folder; first without Syncthing: each desk's
# peer folders (<folder>/lan/2605-X) are links to the other desks' own log folders, as any
# shared folder would give. Checked from outside: every check-in lands in the desk's log as a
# signed bundle line; a check-in at A is seen at B after `sync --once` (lookup --json: checked
# in, at desk A); check-ins at the three desks in turn give no BED_TWICE and three equal
# canonical dumps; a stick's bundle adds nothing the LAN brought; a half-written line waits;
# a tampered line is refused and named with nothing of that log merged (the others are);
# the log is rebuilt from the journal when lost; desk B's screen pulls by itself and shows it.
# The same with three real Syncthing processes: test_lan_syncthing.sh.
. "$(dirname "$0")/lib.sh"

export FRONTDESK_NOW="2026-05-25 14:00:00"
prep=$WORK/prepared.db
keys=$WORK/keys
demo_db "$prep"
prepare_desks "$prep" "$keys" A B C
for d in A B C; do
	mkdir -p "$WORK/$d/lan"
	desk_copy "$prep" "$keys" "$d" "$WORK/$d/desk.db"
done
db() { echo "$WORK/$1/desk.db"; }
# every desk sees the others' own folders (dangling until their first entry: read as empty)
for d in A B C; do
	for o in A B C; do
		[ "$d" = "$o" ] || ln -s "$WORK/$o/lan/2605-$o" "$WORK/$d/lan/2605-$o"
	done
done

# dump DB: the rows every desk must agree on (lib.sh)
dump() { canonical_dump "$1"; }

# --- one check-in at A, seen at B ---
run checkin WH2026-0002 --db "$(db A)" --json
expect_rc "desk A checks WH2026-0002 in" 0
log_a=$WORK/A/lan/2605-A/journal.jsonl
expect_eq "desk A's log holds a header and its one signed entry" \
	"$(jq -c 'if .format then . else "\(.desk) \(.seq) \(.action) \(.subject) \(.sig | length)" end' "$log_a" | tr '\n' ' ')" \
	'{"format":"frontdesk-log","version":2,"event":"2605","desk":"A"} "A 1 checkin WH2026-0002 128" '
run sync --once --db "$(db B)" --json
expect_rc "desk B pulls" 0
expect_json "desk B took one new entry from the LAN, applied alone (no whole replay)" \
	'.new_entries == 1 and .logs == 2 and .full_replay == false'
run lookup WH2026-0002 --db "$(db B)" --json
expect_json "desk B sees WH2026-0002 checked in at desk A" \
	'.matches[0].checked_in == true and .matches[0].checked_in_desk == "A"'
run sync --once --db "$(db B)" --json
expect_json "a second pull adds nothing" '.new_entries == 0'

# --- the desks check people in by turns, pulling now and then ---
green=$(sqlite3 "$(db A)" "SELECT reg_no FROM attendee WHERE status = 'approved' AND reg_no <> 'WH2026-0002' ORDER BY reg_no LIMIT 60")
i=0
for r in $green; do
	d=$(echo A B C | cut -d' ' -f$((i % 3 + 1)))
	FRONTDESK_NOW="2026-05-25 14:$(printf %02d $((i / 3))):00" "$FD" checkin "$r" --db "$(db "$d")" >/dev/null 2>&1
	if [ $((i % 7)) -eq 0 ]; then "$FD" sync --once --db "$(db "$d")" >/dev/null 2>&1; fi
	i=$((i + 1))
done
# one person at two desks before they could see each other
FRONTDESK_NOW="2026-05-25 15:00:00" "$FD" checkin WH2026-0100 --db "$(db B)" >/dev/null 2>&1
FRONTDESK_NOW="2026-05-25 15:00:30" "$FD" checkin WH2026-0100 --db "$(db C)" >/dev/null 2>&1
for d in A B C; do
	run sync --once --db "$(db "$d")" --json
	expect_rc "desk $d pulls the day" 0
done
for d in A B C; do
	expect_eq "desk $d: no bed given twice" \
		"$(sqlite3 "$(db "$d")" "SELECT count(*) FROM conflict WHERE kind = 'BED_TWICE'")" "0"
	dump "$(db "$d")" >"$WORK/dump-$d"
done
expect_eq "every desk holds every desk's entries" \
	"$(for d in A B C; do sqlite3 "$(db "$d")" "SELECT count(*) FROM journal"; done | sort -u | wc -l)" "1"
if cmp -s "$WORK/dump-A" "$WORK/dump-B" && cmp -s "$WORK/dump-A" "$WORK/dump-C"; then
	pass "the three desks' canonical dumps are equal"
else
	fail "the three desks' canonical dumps are equal" "$(diff "$WORK/dump-A" "$WORK/dump-B" | head -5)" "$(diff "$WORK/dump-A" "$WORK/dump-C" | head -5)"
fi
expect_eq "the double check-in is one CHECKIN_TWICE on every desk" \
	"$(for d in A B C; do sqlite3 "$(db "$d")" "SELECT group_concat(kind || ' ' || reg_no) FROM conflict"; done | sort -u)" \
	"CHECKIN_TWICE WH2026-0100"

# --- the whole replay gives what the pulls gave (the incremental path is exact) ---
cp "$prep" "$WORK/full.db"
"$FD" desk-id A --key "$keys/desk-A.key" --db "$WORK/full.db" >/dev/null
mkdir -p "$WORK/usb"
for d in A B C; do
	FRONTDESK_NOW="2026-05-25 21:0$(echo A B C | tr ' ' '\n' | grep -n "$d" | cut -d: -f1):00" \
		run export --to "$WORK/usb" --db "$(db "$d")" --json
	expect_rc "desk $d exports" 0
done
folder_b=$(ls -d "$WORK/usb"/frontdesk-2605-B-*)
run merge "$folder_b" --db "$(db A)" --json
expect_json "desk B's stick adds nothing desk A had from the LAN" '.new_entries == 0'
run merge "$folder_b" --db "$WORK/full.db" --json
expect_rc "a fresh copy of desk A merges B's export (one whole replay)" 0
dump "$WORK/full.db" >"$WORK/dump-full"
if cmp -s "$WORK/dump-A" "$WORK/dump-full"; then
	pass "one whole replay of the day equals what the desks built pull by pull"
else
	fail "one whole replay of the day equals what the desks built pull by pull" "$(diff "$WORK/dump-A" "$WORK/dump-full" | head -6)"
fi

# --- a half-written line waits; a tampered line is refused and named ---
rm "$WORK/A/lan/2605-C"
cp -r "$WORK/C/lan/2605-C" "$WORK/A/lan/2605-C"
FRONTDESK_NOW="2026-05-25 16:00:00" "$FD" checkin WH2026-0120 --db "$(db C)" >/dev/null 2>&1
FRONTDESK_NOW="2026-05-25 16:00:00" "$FD" checkin WH2026-0121 --db "$(db B)" >/dev/null 2>&1
new_c=$(tail -n 1 "$WORK/C/lan/2605-C/journal.jsonl")
head -c 40 <<<"$new_c" | tr -d '\n' >>"$WORK/A/lan/2605-C/journal.jsonl"
run sync --once --db "$(db A)" --json
expect_json "a half-written line of C waits (B's new entry comes in)" '.new_entries == 1 and (.refused_entry == null)'
lines_c=$(wc -l <"$WORK/C/lan/2605-C/journal.jsonl")
tampered=$(sed 's/WH2026-0120/WH2026-0122/' <<<"$new_c")
cp "$WORK/C/lan/2605-C/journal.jsonl" "$WORK/A/lan/2605-C/journal.jsonl"
sed -i "${lines_c}s/.*/$(sed 's/[\/&]/\\&/g' <<<"$tampered")/" "$WORK/A/lan/2605-C/journal.jsonl"
before=$(dump "$(db A)" | sha256sum)
run sync --once --db "$(db A)" --json
expect_rc "the tampered log is refused (exit 1)" 1
seq_c=$(jq -r .seq <<<"$new_c")
expect_json "the refusal names desk C's log, the entry and its line" \
	".refused_entry.log == \"C\" and .refused_entry.desk == \"C\" and .refused_entry.seq == $seq_c and .refused_entry.line == $lines_c"
expect_eq "nothing of the tampered log was merged" "$(dump "$(db A)" | sha256sum)" "$before"
cp "$WORK/C/lan/2605-C/journal.jsonl" "$WORK/A/lan/2605-C/journal.jsonl"
run sync --once --db "$(db A)" --json
expect_json "the true line merges" '.new_entries == 1'

# --- an undo stamped before the check-in it takes back (docs/merge.md, "pending undo") ---
# Desk B's clock is 5 s behind desk A's: B takes in A's check-ins and undoes them, stamped
# before them. In the replay's order each undo comes first and waits for its check-in.
pin=$(sed -n 's/^supervisor_pin *= *//p' "$DEMO/event.ini")
mapfile -t free < <(sqlite3 "$(db A)" "SELECT reg_no FROM attendee a WHERE status = 'approved' AND NOT EXISTS (SELECT 1 FROM checkin c WHERE c.attendee_id = a.id) AND reg_no NOT IN ('WH2026-0130') ORDER BY reg_no DESC")
skewed=()
at_a=10
for r in "${free[@]}"; do
	[ "${#skewed[@]}" -lt 3 ] || break
	if FRONTDESK_NOW="2026-05-25 16:00:$at_a" "$FD" checkin "$r" --db "$(db A)" >/dev/null 2>&1; then
		skewed+=("$r")
		at_a=$((at_a + 1))
	fi
done
expect_eq "desk A checks three people in at 16:00:1x by its clock" "${#skewed[@]}" "3"
"$FD" sync --once --db "$(db B)" >/dev/null 2>&1
for k in 0 1 2; do
	FRONTDESK_NOW="2026-05-25 16:00:0$((5 + k))" "$FD" undo "${skewed[$k]}" --pin "$pin" --db "$(db B)" >/dev/null 2>&1
done
checked_in_at() { sqlite3 "$(db "$1")" "SELECT count(*) FROM checkin c JOIN attendee a ON a.id = c.attendee_id WHERE a.reg_no IN ('${skewed[0]}', '${skewed[1]}', '${skewed[2]}')"; }
unmatched_at() { sqlite3 "$(db "$1")" "SELECT count(*) FROM conflict WHERE kind = 'UNDO_UNMATCHED'"; }
expect_eq "desk B, its clock behind, undid the three at 16:00:05-07" "$(checked_in_at B)" "0"
# C sees B's undos before A's check-ins (A's folder out of reach for a while)
mv "$WORK/C/lan/2605-A" "$WORK/C-lan-A"
run sync --once --db "$(db C)" --json
expect_eq "desk C with B's undos alone lists them as unmatched" "$(unmatched_at C)" "3"
mv "$WORK/C-lan-A" "$WORK/C/lan/2605-A"
run sync --once --db "$(db C)" --json
expect_json "A's check-ins, which those undos named, make desk C replay the whole day" \
	'.new_entries >= 3 and .full_replay == true'
run sync --once --db "$(db A)" --json
expect_json "desk A takes B's undos (stamped before its own entries: the whole day)" \
	'.full_replay == true'
expect_eq "at A, B and C the three are checked in nowhere, and no undo is unmatched" \
	"$(for d in A B C; do echo "$(checked_in_at "$d")/$(unmatched_at "$d")"; done | tr '\n' ' ')" "0/0 0/0 0/0 "
# one more, where a desk takes the check-in and its earlier-stamped undo in one pull
for r in "${free[@]}"; do
	if FRONTDESK_NOW="2026-05-25 16:00:30" "$FD" checkin "$r" --db "$(db A)" >/dev/null 2>&1; then
		late=$r
		break
	fi
done
"$FD" sync --once --db "$(db B)" >/dev/null 2>&1
FRONTDESK_NOW="2026-05-25 16:00:25" "$FD" undo "$late" --pin "$pin" --db "$(db B)" >/dev/null 2>&1
run sync --once --db "$(db C)" --json
expect_json "desk C takes A's check-in and B's earlier-stamped undo of it in one pull, alone" \
	'.new_entries == 2 and .full_replay == false'
expect_eq "the undo stands at C: $late is not checked in, no undo unmatched" \
	"$(sqlite3 "$(db C)" "SELECT count(*) FROM checkin c JOIN attendee a ON a.id = c.attendee_id WHERE a.reg_no = '$late'")/$(unmatched_at C)" "0/0"
for d in A B; do "$FD" sync --once --db "$(db "$d")" >/dev/null 2>&1; done
for d in A B C; do dump "$(db "$d")" >"$WORK/skew-$d"; done
if cmp -s "$WORK/skew-A" "$WORK/skew-B" && cmp -s "$WORK/skew-A" "$WORK/skew-C"; then
	pass "after the undos stamped early the three desks' canonical dumps are equal"
else
	fail "after the undos stamped early the three desks' canonical dumps are equal" \
		"$(diff "$WORK/skew-A" "$WORK/skew-B" | head -4)" "$(diff "$WORK/skew-A" "$WORK/skew-C" | head -4)"
fi

# --- a lost log is rebuilt from the journal ---
rm "$log_a"
n_a=$(sqlite3 "$(db A)" "SELECT count(*) FROM journal WHERE desk_id = 'A'")
run sync --once --db "$(db A)" --json
expect_eq "desk A's lost log is rebuilt with its $n_a entries" \
	"$(tail -n +2 "$log_a" | jq -r .seq | tr '\n' ' ')" "$(seq 1 "$n_a" | tr '\n' ' ')"

# --- the desk screen: pulls by itself, says how many desks are in step, and where ---
sock="frontdesk-e2e-lan-$$"
. "$(dirname "$0")/tui_lib.sh"
trap 'cleanup_tmux; rm -rf "$WORK"' EXIT
rm -rf "$WORK/A/lan/2605-C" && ln -s "$WORK/C/lan/2605-C" "$WORK/A/lan/2605-C"
# shared folders here: no Syncthing of its own (test_lan_syncthing.sh runs those)
rm -rf "$WORK/B/syncthing"
T new-session -d -s desk -x 120 -y 30 \
	"env LANG=C.UTF-8 TERM=xterm-256color FRONTDESK_NOW='2026-05-25 16:05:00' $FD --db $(db B) --operator bob; sleep 5"
wait_for "desk B's status line counts the desks in step" "同步 3/3"
FRONTDESK_NOW="2026-05-25 16:05:00" "$FD" checkin WH2026-0130 --db "$(db A)" >/dev/null 2>&1
sleep 1.5
typed_at_b() { T send-keys -t desk -l "$1"; sleep 0.3; T send-keys -t desk Enter; }
typed_at_b WH2026-0130
wait_for "desk B's card shows the check-in made at desk A a moment ago" "已在 A 台签到"
