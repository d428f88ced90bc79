# Desks in step through Syncthing (issue 17): three desks A B C prepared with `desks A B C`
# (which makes each desk's Syncthing identity; desk-id --key installs it), each running
# `frontdesk sync` (which starts its own Syncthing: private home, API on 127.0.0.1, static
# addresses on ports of this test from event.ini [lan], no discovery, relays or NAT). A
# check-in at A is seen at B and C within 10 s; check-ins at the three desks at once (two
# minutes; FRONTDESK_LAN_RUSH) give no
# BED_TWICE and three equal canonical dumps; B stopped (its Syncthing with it) and restarted
# catches up; a tampered line written into a received log is refused and named. Every process
# this test starts is stopped on exit. Without syncthing installed the test says so and passes.
. "$(dirname "$0")/lib.sh"

# scripts/install-deps installs syncthing: without it this test fails rather than pass unrun
if ! command -v syncthing >/dev/null; then
	fail "syncthing is installed" "run scripts/install-deps"
	exit 1
fi
pids=()
stop_all() {
	for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null; done
	pids=()
}
trap 'stop_all; rm -rf "$WORK"' EXIT

export FRONTDESK_NOW="2026-05-25 14:00:00"
# three free ports on 127.0.0.1 for the desks' Syncthing listeners
read -r p1 p2 p3 <<<"$(python3 -c '
import socket
ss = [socket.socket() for _ in range(3)]
for s in ss: s.bind(("127.0.0.1", 0))
print(*[s.getsockname()[1] for s in ss])')"
cp "$DEMO/event.ini" "$WORK/event.ini"
printf '\n[lan]\naddresses = A=tcp://127.0.0.1:%s B=tcp://127.0.0.1:%s C=tcp://127.0.0.1:%s\n' \
	"$p1" "$p2" "$p3" >>"$WORK/event.ini"
prep=$WORK/prepared.db
keys=$WORK/keys
"$FD" init --event "$WORK/event.ini" --rooms "$DEMO/rooms.csv" --db "$prep" >/dev/null &&
	"$FD" import "$DEMO/roster.csv" --collective "$DEMO/collective.csv" --db "$prep" >/dev/null
prepare_desks "$prep" "$keys" A B C
expect_eq "desks A B C made three Syncthing identities, the device IDs in the database" \
	"$(sqlite3 "$prep" "SELECT count(*) FROM setting WHERE key LIKE 'lan.device.%'")/$(ls "$keys" | grep -c 'syncthing-key.pem$')" "3/3"
for d in A B C; do
	mkdir -p "$WORK/$d"
	desk_copy "$prep" "$keys" "$d" "$WORK/$d/desk.db"
done
expect_eq "desk-id --key installed desk B's identity only on B" \
	"$(cmp -s "$keys/desk-B.syncthing-key.pem" "$WORK/B/syncthing/key.pem" && echo same)" "same"
db() { echo "$WORK/$1/desk.db"; }
declare -A sync_pid
start_desk() {
	"$FD" sync --db "$(db "$1")" --json >>"$WORK/$1/sync.out" 2>&1 &
	sync_pid[$1]=$!
	pids+=("$!")
}
for d in A B C; do start_desk "$d"; done

# seen_at DESK REG_NO SECONDS: waits until DESK's lookup says REG_NO was checked in at desk A.
seen_at() {
	local deadline=$((SECONDS + $3))
	while [ "$SECONDS" -lt "$deadline" ]; do
		[ "$("$FD" lookup "$2" --db "$(db "$1")" --json 2>/dev/null | jq -r '.matches[0].checked_in_desk')" = "$4" ] && return 0
		sleep 0.5
	done
	return 1
}
# the first entry also waits for the three Syncthings to find each other
"$FD" checkin WH2026-0003 --db "$(db A)" >/dev/null 2>&1
seen_at B WH2026-0003 60 A && seen_at C WH2026-0003 60 A ||
	fail "the desks' Syncthings connect" "$(tail -3 "$WORK/B/syncthing/syncthing.log")"
"$FD" checkin WH2026-0002 --db "$(db A)" >/dev/null 2>&1
t0=$SECONDS
if seen_at B WH2026-0002 10 A && seen_at C WH2026-0002 $((10 - (SECONDS - t0))) A; then
	pass "a check-in at A is seen at B and C within 10 s ($((SECONDS - t0)) s)"
else
	fail "a check-in at A is seen at B and C within 10 s"
fi

# journal_heads: every desk's entries by author (desk, count, last seq), one line per desk read.
# Equal sizes alone are not enough: at the end of a rush each desk can miss another desk's
# last entries, and three journals short by two entries each have the same size.
journal_heads() {
	for d in A B C; do
		sqlite3 "$(db "$d")" "SELECT group_concat(desk_id || ':' || n || ':' || last, ' ') FROM (SELECT desk_id, count(*) AS n, max(seq) AS last FROM journal GROUP BY desk_id ORDER BY desk_id)"
	done
}
# in_step SECONDS: waits until the three journals hold the same entries.
in_step() {
	local deadline=$((SECONDS + $1))
	while [ "$SECONDS" -lt "$deadline" ]; do
		[ "$(journal_heads | sort -u | wc -l)" = 1 ] && return 0
		sleep 1
	done
	return 1
}
# sync_tails: the last lines each desk's sync process wrote, to say why a desk fell behind.
sync_tails() { for d in A B C; do echo "desk $d:"; tail -c 1500 "$WORK/$d/sync.out"; done; }
dump() { canonical_dump "$1"; }
same_everywhere() {
	for d in A B C; do dump "$(db "$d")" >"$WORK/dump-$d"; done
	if cmp -s "$WORK/dump-A" "$WORK/dump-B" && cmp -s "$WORK/dump-A" "$WORK/dump-C"; then
		pass "$1"
	else
		fail "$1" "$(diff "$WORK/dump-A" "$WORK/dump-B" | head -4)" "$(diff "$WORK/dump-A" "$WORK/dump-C" | head -4)" "journals: $(journal_heads | tr '\n' ' ')"
	fi
}

# --- the three desks check people in at once for RUSH seconds (each its own people, one
# person at two; WH2026-0170 is kept for the tampered line below) ---
# The issue asks two minutes; that is the default, and scripts/test's normal pass runs it (its
# ASan pass runs one minute): the whole test takes about 2 min 20 s. A rush far faster than any desk (8 s for 165
# check-ins, 7 a second at each desk) gives a few BED_TWICE: a desk borrows the far end of
# another's share, and the owner opens more than the 6 rooms in front of it before the
# borrowing reaches it (the bound in docs/merge.md "Borrowing"). FRONTDESK_LAN_RUSH sets it
# (seconds).
rush=${FRONTDESK_LAN_RUSH:-120}
mapfile -t people < <(sqlite3 "$(db A)" "SELECT reg_no FROM attendee WHERE status = 'approved' AND reg_no NOT IN ('WH2026-0002', 'WH2026-0003', 'WH2026-0150', 'WH2026-0170', 'WH2026-0171') ORDER BY reg_no")
# each desk's check-ins spread evenly over the rush
pause=$(echo "$rush * 3 / ${#people[@]}" | bc -l)
rush_start=$SECONDS
for k in 0 1 2; do
	d=$(echo A B C | cut -d' ' -f$((k + 1)))
	(
		for ((i = k; i < ${#people[@]}; i += 3)); do
			"$FD" checkin "${people[$i]}" --db "$(db "$d")" >/dev/null 2>&1
			[ $((SECONDS - rush_start)) -ge "$rush" ] || sleep "$pause"
		done
		"$FD" checkin WH2026-0150 --db "$(db "$d")" >/dev/null 2>&1
	) &
done
wait_jobs=$(jobs -p | grep -v -F -x -f <(printf '%s\n' "${pids[@]}"))
for j in $wait_jobs; do wait "$j"; done
rush_took=$((SECONDS - rush_start))
if in_step 60; then pass "after a rush of $rush_took s (${#people[@]} check-ins) the three desks hold the same entries"; else fail "after the rush the three desks hold the same entries" "$(journal_heads | tr '\n' ' ')" "$(sync_tails)"; fi
sleep 2
expect_eq "no bed given twice at any desk" \
	"$(for d in A B C; do sqlite3 "$(db "$d")" "SELECT count(*) FROM conflict WHERE kind = 'BED_TWICE'"; done | sort -u | tr '\n' ' ')" "0 "
same_everywhere "the three desks' canonical dumps are equal after the rush"

# --- desk B (and its Syncthing) stopped for a while, then back ---
kill -TERM "${sync_pid[B]}"
wait "${sync_pid[B]}" 2>/dev/null
expect_eq "desk B's Syncthing stopped with it" \
	"$(pgrep -f "syncthing serve --home $WORK/B/syncthing" | wc -l)" "0"
for r in WH2026-0160 WH2026-0161; do "$FD" checkin "$r" --db "$(db A)" >/dev/null 2>&1; done
"$FD" checkin WH2026-0162 --db "$(db C)" >/dev/null 2>&1
sleep 3
start_desk B
if in_step 60; then pass "desk B restarted catches up"; else fail "desk B restarted catches up" "$(journal_heads | tr '\n' ' ')" "$(sync_tails)"; fi
sleep 2
same_everywhere "the three desks agree after B caught up"

# --- a tampered line written into a received log is refused and named ---
kill -TERM "${sync_pid[C]}"
wait "${sync_pid[C]}" 2>/dev/null
"$FD" checkin WH2026-0170 --db "$(db A)" >/dev/null 2>&1
got=$(wc -l <"$WORK/A/lan/2605-A/journal.jsonl")
last=$(tail -n 1 "$WORK/A/lan/2605-A/journal.jsonl")
# what C received of A's log, with A's newest entry changed on the way
received=$WORK/C/lan/2605-A/journal.jsonl
for _ in $(seq 20); do [ "$(wc -l <"$received")" -ge "$got" ] && break; sleep 0.5; done
head -n $((got - 1)) "$received" >"$WORK/tampered" && sed 's/WH2026-0170/WH2026-0171/' <<<"$last" >>"$WORK/tampered"
chmod u+w "$received" 2>/dev/null
cat "$WORK/tampered" >"$received"
run sync --once --db "$(db C)" --json
expect_rc "desk C refuses the tampered received log (exit 1)" 1
expect_json "the refusal names desk A's entry and its line" \
	".refused_entry.log == \"A\" and .refused_entry.desk == \"A\" and .refused_entry.seq == $(jq .seq <<<"$last") and .refused_entry.line == $got"
expect_eq "nothing of it was merged" \
	"$(sqlite3 "$(db C)" "SELECT count(*) FROM checkin c JOIN attendee a ON a.id = c.attendee_id WHERE a.reg_no IN ('WH2026-0170', 'WH2026-0171')")" "0"
stop_all
expect_eq "no Syncthing of this test is left running" \
	"$(pgrep -f "syncthing serve --home $WORK/" | wc -l)" "0"
