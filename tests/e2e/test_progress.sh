#!/bin/bash
# Progress of long work (issue 19): under a terminal (script(1) gives the command a
# pty), importing the 100k bench roster (scripts/gen-bench-roster) draws one line on
# stderr that is redrawn in place ("\r<what> N/100000 P% · R/s · left M:SS") with the
# count going up, and erased at the end; export, tickets and a badge batch draw theirs
# too. Without a terminal nothing of it is printed: stderr stays empty.
source "$(dirname "$0")/lib.sh"
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/tests/lsan.supp:print_suppressions=0}

bench=$WORK/bench
"$ROOT/scripts/gen-bench-roster" --out "$bench" >/dev/null 2>&1 || { fail "the bench roster is generated"; exit 1; }
db=$WORK/bench.db
"$FD" init --event "$bench/event.ini" --rooms "$bench/rooms.csv" --db "$db" >/dev/null ||
	{ fail "the bench event is initialised"; exit 1; }

# in_pty LOG CMD: runs CMD with stdout and stderr on a pty, its output kept in LOG.
# Under the ASan+UBSan build a sanitizer report on the pty is a failure of its own.
in_pty() {
	script -qec "$2" /dev/null </dev/null >"$1" 2>&1
	if grep -aq 'ERROR: [A-Za-z]*Sanitizer\|runtime error:' "$1"; then
		fail "no sanitizer report: $2" "$(grep -am3 'Sanitizer\|runtime error' "$1")"
	fi
}

in_pty "$WORK/import.pty" "$FD import $bench/roster.csv --collective $bench/collective.csv --db $db"
# the redraws: each starts with a carriage return
tr '\r' '\n' <"$WORK/import.pty" | grep -a '^导入 / import [0-9]*/100000 ' >"$WORK/import.lines"
counts=$(sed 's|^导入 / import \([0-9]*\)/100000 .*|\1|' "$WORK/import.lines")
n=$(wc -l <<<"$counts")
if [ -s "$WORK/import.lines" ] && [ "$n" -ge 3 ] && sort -n -c <<<"$counts" 2>/dev/null &&
	[ "$(head -1 <<<"$counts")" -lt "$(tail -1 <<<"$counts")" ]; then
	pass "under a pty the import's progress line is redrawn $n times with the count going up"
else
	fail "under a pty the import's progress line is redrawn with the count going up" "$(head -c 800 "$WORK/import.pty" | cat -v)"
fi
if grep -aq '/s · 还剩 / left [0-9]*:[0-9][0-9]' "$WORK/import.lines"; then
	pass "the line shows the rate and the time left"
else
	fail "the line shows the rate and the time left" "$(head -3 "$WORK/import.lines")"
fi
# the last redraw is erased ("\r" ESC "[K") and the result is written in its place
if tr -d '\n' <"$WORK/import.pty" | grep -aq $'100000/100000 [^\r]*\r\033\\[K[^\r]*import done'; then
	pass "the line is erased and the import's result follows"
else
	fail "the line is erased and the import's result follows" "$(tail -c 400 "$WORK/import.pty" | cat -v)"
fi
if sqlite3 "$db" 'SELECT count(*) FROM attendee' | grep -qx 100000; then
	pass "the import under a pty imported the 100000 rows"
else
	fail "the import under a pty imported the 100000 rows"
fi

# without a terminal: nothing on stderr
db2=$WORK/bench2.db
"$FD" init --event "$bench/event.ini" --rooms "$bench/rooms.csv" --db "$db2" >/dev/null
"$FD" import "$bench/roster.csv" --collective "$bench/collective.csv" --db "$db2" >"$OUT" 2>"$ERR"
if [ ! -s "$ERR" ] && ! grep -aq $'\r' "$OUT"; then
	pass "without a terminal the import prints no progress (stderr empty)"
else
	fail "without a terminal the import prints no progress (stderr empty)" "$(head -c 300 "$ERR" | cat -v)"
fi

# export, tickets and a badge batch under a pty (the demo event)
demo=$WORK/demo.db
demo_db "$demo"
mkdir -p "$WORK/stick"
in_pty "$WORK/export.pty" "$FD export --to $WORK/stick --db $demo"
if tr '\r' '\n' <"$WORK/export.pty" | grep -aq '^导出 / export [0-9]*/10 '; then
	pass "export draws its progress (steps of 10) under a pty"
else
	fail "export draws its progress under a pty" "$(head -c 400 "$WORK/export.pty" | cat -v)"
fi
in_pty "$WORK/tickets.pty" "$FD tickets --out $WORK/tickets --db $demo"
if tr '\r' '\n' <"$WORK/tickets.pty" | grep -aq '^生成票 / tickets [0-9]*/180 '; then
	pass "tickets draws its progress under a pty"
else
	fail "tickets draws its progress under a pty" "$(head -c 400 "$WORK/tickets.pty" | cat -v)"
fi
in_pty "$WORK/badges.pty" "$FD badges --all --sheet a4 --out $WORK/badges.pdf --db $demo"
if tr '\r' '\n' <"$WORK/badges.pty" | grep -aq '^胸牌 / badges [0-9]*/180 '; then
	pass "a badge batch draws its progress under a pty"
else
	fail "a badge batch draws its progress under a pty" "$(head -c 400 "$WORK/badges.pty" | cat -v)"
fi
"$FD" tickets --out "$WORK/tickets2" --db "$demo" >"$OUT" 2>"$ERR"
if [ ! -s "$ERR" ]; then
	pass "without a terminal tickets prints no progress"
else
	fail "without a terminal tickets prints no progress" "$(head -c 300 "$ERR" | cat -v)"
fi

# merge under a pty: desk B merges desk A's export (a few check-ins)
prep=$WORK/prep.db
demo_db "$prep"
prepare_desks "$prep" "$WORK/keys" A B
desk_copy "$prep" "$WORK/keys" A "$WORK/a.db"
desk_copy "$prep" "$WORK/keys" B "$WORK/b.db"
for r in WH2026-0001 WH2026-0003 WH2026-0006; do
	"$FD" checkin "$r" --db "$WORK/a.db" --operator alice >/dev/null
done
mkdir -p "$WORK/astick"
"$FD" export --to "$WORK/astick" --db "$WORK/a.db" >/dev/null
in_pty "$WORK/merge.pty" "$FD merge $(ls -d "$WORK"/astick/frontdesk-* | head -1) --db $WORK/b.db"
if tr '\r' '\n' <"$WORK/merge.pty" | grep -aq '^合并 / merge [0-9]*/[0-9]* '; then
	pass "merge draws its progress under a pty"
else
	fail "merge draws its progress under a pty" "$(head -c 400 "$WORK/merge.pty" | cat -v)"
fi

# the desk screen: F5's export shows its progress instead of freezing. The export is held
# after its snapshot (FRONTDESK_EXPORT_PAUSE) so the screen can be read mid-way.
sock="frontdesk-e2e-progress-$$"
source "$(dirname "$0")/tui_lib.sh"
mkdir -p "$WORK/sys/sdz/sdz1" "$WORK/tuistick"
echo 1 >"$WORK/sys/sdz/removable"
printf '/dev/sdz1 %s vfat rw 0 0\n' "$WORK/tuistick" >"$WORK/mounts"
pause=$WORK/pause
T new-session -d -s desk -x 80 -y 24 \
	"env -u LANGUAGE FRONTDESK_MOUNTS=$WORK/mounts FRONTDESK_SYS_BLOCK=$WORK/sys FRONTDESK_EXPORT_PAUSE=$pause LANG=en_US.UTF-8 LC_ALL= TERM=xterm-256color XDG_DATA_HOME=$XDG_DATA_HOME $FD --db $demo --operator alice; sleep 5"
wait_for "the desk opens" "alice"
key F5
wait_for "F5 asks for the supervisor PIN" "PIN"
scan 2468
for _ in $(seq 50); do [ -e "$pause" ] && break; sleep 0.1; done
[ -e "$pause" ] || fail "the export reaches its pause" "$(screen)"
wait_for "mid-export the desk screen shows the export's progress" "export 1/10 10%"
rm -f "$pause"
wait_for "the export then finishes on the desk screen" "verified"
