#!/bin/bash
# `frontdesk doctor` (issue 19): every check gives ✓ or ✗ with what to do, and
# the exit code is 0 only when all hold. A desk that is ready in every way
# (a private cupsd with a ready queue, a fake removable stick, a sound
# database, the clock on check-in day, a desk id, a UTF-8 terminal of 100x30)
# passes; then one thing at a time goes wrong: a stopped printer, no stick, a
# read-only stick, a stick too full, a damaged database, the C locale, a small
# terminal, the clock behind the journal, a desk id seen on another desk's
# bundle. Each gives its own ✗ and its advice, and nothing else fails.
source "$(dirname "$0")/lib.sh"
source "$(dirname "$0")/cupsd_lib.sh"
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/tests/lsan.supp:print_suppressions=0}
trap 'stop_cupsd; rm -rf "$WORK"' EXIT

[ "$(id -u)" -eq 0 ] || { fail "doctor's test runs as root" "it starts its own cupsd"; exit 1; }
start_cupsd || { fail "a private cupsd starts"; exit 1; }
add_null_queue desk || { fail "a queue is added to the private cupsd"; exit 1; }

export FRONTDESK_NOW="2026-05-25 09:00:00"
db=$WORK/desk.db
demo_db "$db" || { fail "the demo database is made"; exit 1; }

# a removable stick: a mounts file and a /sys/block naming a writable folder
mkdir -p "$WORK/sys/sdb/sdb1" "$WORK/media/STICK"
echo 1 >"$WORK/sys/sdb/removable"
export FRONTDESK_SYS_BLOCK=$WORK/sys
printf '/dev/sda1 / ext4 rw 0 0\n/dev/sdb1 %s/media/STICK vfat rw 0 0\n' "$WORK" >"$WORK/mounts-ok"
printf '/dev/sda1 / ext4 rw 0 0\n/dev/sdb1 %s/media/STICK vfat ro 0 0\n' "$WORK" >"$WORK/mounts-ro"
printf '/dev/sda1 / ext4 rw 0 0\n' >"$WORK/mounts-none"
export FRONTDESK_MOUNTS=$WORK/mounts-ok

# doctor [ENV...] -- ARGS...: runs doctor in a pty of 100x30 under the given environment
# (LANG=C.UTF-8 unless given), keeping its output in $OUT and its exit code in $RC.
doctor() {
	local envs=()
	while [ "$1" != "--" ]; do envs+=("$1"); shift; done
	shift
	local cmd
	cmd="stty cols ${COLS:-100} rows ${ROWS:-30}; env LANG=C.UTF-8 LC_ALL= ${envs[*]} $FD doctor --db $db $*; echo \"rc=\$?\""
	script -qec "$cmd" /dev/null </dev/null | tr -d '\r' >"$OUT"
	RC=$(sed -n 's/^rc=//p' "$OUT" | tail -1)
	: >"$ERR"
	# under the ASan+UBSan build a report on the pty is a failure of its own
	if grep -aq 'ERROR: [A-Za-z]*Sanitizer\|runtime error:' "$OUT"; then
		fail "no sanitizer report: doctor $*" "$(grep -am3 'Sanitizer\|runtime error' "$OUT")"
	fi
}
# expect_line LABEL MARK TEXT ADVICE: the line of check NAME has MARK (✓ or ✗) and TEXT;
# for ✗ the advice line below it has ADVICE.
expect_line() {
	local label=$1 mark=$2 text=$3 advice=${4:-}
	local line
	line=$(grep -n "^$mark .*$text" "$OUT" | head -1)
	if [ -z "$line" ]; then
		fail "$label: a $mark line with \"$text\"" "$(cat "$OUT")"
		return
	fi
	if [ -n "$advice" ]; then
		local n=${line%%:*}
		if ! sed -n "$((n + 1))p" "$OUT" | grep -q "→ .*$advice"; then
			fail "$label: the advice \"$advice\" follows" "$(cat "$OUT")"
			return
		fi
	fi
	pass "$label"
}
# expect_fails N LABEL: exactly N ✗ lines and exit code 1.
expect_fails() {
	local n
	n=$(grep -c '^✗' "$OUT")
	if [ "$n" -eq "$1" ] && [ "$RC" = 1 ]; then
		pass "$2: $1 check fails and the exit code is 1"
	else
		fail "$2: $1 check fails and the exit code is 1" "failed $n, exit $RC" "$(cat "$OUT")"
	fi
}

doctor -- ""
if [ "$RC" = 0 ] && [ "$(grep -c '^✓' "$OUT")" -eq 9 ] && grep -q "all 9 checks passed" "$OUT"; then
	pass "a ready desk passes all nine checks with exit code 0"
else
	fail "a ready desk passes all nine checks with exit code 0" "exit $RC" "$(cat "$OUT")"
fi
expect_line "the ready printer is named" ✓ "printer desk is ready"
expect_line "the stick is writable with its free space" ✓ "STICK is writable, .* free"

run doctor --db "$db" --json
expect_json "--json lists the nine checks by name" '[.checks[].name] == ["locale","terminal","font","printer","camera","drive","database","clock","desk_id"]'
expect_json "--json without a terminal: only the terminal check fails" '.result == "problems" and ([.checks[] | select(.ok | not) | .name] == ["terminal"])'
expect_rc "--json with a failed check exits 1" 1

# a test page on request: sent to the queue, which prints it (to /dev/null)
doctor -- --test-page
expect_line "--test-page sends a test page" ✓ "test page sent (print job [0-9]*)"
job=$(grep -o 'print job [0-9]*' "$OUT" | grep -o '[0-9]*$')
for _ in $(seq 50); do lpstat -W completed -o desk 2>/dev/null | grep -q "desk-$job " && break; sleep 0.2; done
if [ -n "$job" ] && lpstat -W completed -o desk | grep -q "desk-$job "; then
	pass "the test page was printed by CUPS"
else
	fail "the test page was printed by CUPS" "job '$job'" "$(lpstat -W all -o 2>&1)"
fi

cupsdisable desk
doctor -- ""
expect_line "a stopped printer: ✗ with cupsenable advice" ✗ "printer" "cupsenable desk"
expect_fails 1 "a stopped printer"
cupsenable desk

FRONTDESK_MOUNTS=$WORK/mounts-none doctor -- ""
expect_line "no stick: ✗ with plug-in advice" ✗ "no USB stick is plugged in" "plug in the USB stick"
expect_fails 1 "no stick"

FRONTDESK_MOUNTS=$WORK/mounts-ro doctor -- ""
expect_line "a read-only stick: ✗ with write-protect advice" ✗ "STICK is read-only" "write-protect switch"
expect_fails 1 "a read-only stick"

# a damaged database: a copy with pages in the middle overwritten
cp "$db" "$WORK/damaged.db"
size=$(stat -c %s "$WORK/damaged.db")
dd if=/dev/urandom of="$WORK/damaged.db" bs=4096 seek=$((size / 4096 / 2)) count=4 conv=notrunc status=none
saved_db=$db
db=$WORK/damaged.db
doctor -- ""
expect_line "a damaged database: ✗ with what to use instead" ✗ "damaged.db is damaged" "latest export"
if grep -q '^✓ .*printer desk is ready' "$OUT" && grep -q '^✓ .*STICK is writable' "$OUT"; then
	pass "a damaged database: the devices are still checked"
else
	fail "a damaged database: the devices are still checked" "$(cat "$OUT")"
fi
echo "not a database" >"$WORK/garbage.db"
db=$WORK/garbage.db
doctor -- ""
expect_line "a file that is no database: ✗ damaged" ✗ "garbage.db is damaged" "latest export"
db=$WORK/none.db
doctor -- ""
expect_line "a missing database: ✗ with init advice" ✗ "none.db does not exist" "frontdesk init"
db=$saved_db

doctor LC_ALL=C -- ""
expect_line "the C locale: ✗ with the LANG advice" ✗ "character set is ANSI_X3.4-1968, not UTF-8" "LANG=zh_CN.UTF-8"
expect_fails 1 "the C locale"

COLS=70 ROWS=20 doctor -- ""
expect_line "a small terminal: ✗ with its size" ✗ "only 70x20" "larger or full screen"

# the clock: a week before the event, and behind the last journal entry
FRONTDESK_NOW="2026-05-18 09:00:00" doctor -- ""
expect_line "a clock a week early: ✗ before check-in day" ✗ "before check-in day 2026-05-25" "setting-up day"
FRONTDESK_NOW="2026-05-25 10:00:00" "$FD" reject WH2026-0002 --reason test --db "$db" >/dev/null
FRONTDESK_NOW="2026-05-25 09:30:00" doctor -- ""
expect_line "a clock behind the journal: ✗ with advice" ✗ "earlier than the database's last entry 2026-05-25 10:00:00" "date and time right"
FRONTDESK_NOW="2026-05-25 11:00:00" doctor -- ""
if [ "$RC" = 0 ]; then
	pass "the clock after the last entry on check-in day passes"
else
	fail "the clock after the last entry on check-in day passes" "$(cat "$OUT")"
fi

# a desk id seen on a bundle merged in from another desk
sqlite3 "$db" "INSERT INTO merge_log (at, source, bundle_desk, entries, new_entries, conflicts) VALUES ('2026-05-25 10:30:00', 'x', 'A', 1, 1, 0)"
FRONTDESK_NOW="2026-05-25 11:00:00" doctor -- ""
expect_line "a desk id that another desk also used: ✗ with desk-id advice" ✗ "desk id A is the same as another desk" "frontdesk desk-id"

# the desk screen: F1 help offers it on F8; the page shows the same checks, F8 runs them again
sock="frontdesk-e2e-doctor-$$"
source "$(dirname "$0")/tui_lib.sh"
trap 'cleanup_tmux; stop_cupsd; rm -rf "$WORK"' EXIT
T new-session -d -s desk -x 80 -y 24 \
	"env -u LANGUAGE LANG=en_US.UTF-8 LC_ALL= TERM=xterm-256color XDG_DATA_HOME=$XDG_DATA_HOME CUPS_SERVER=$CUPS_SERVER FRONTDESK_MOUNTS=$FRONTDESK_MOUNTS FRONTDESK_SYS_BLOCK=$FRONTDESK_SYS_BLOCK FRONTDESK_NOW='2026-05-25 11:00:00' $FD --db $db --operator alice; sleep 5"
wait_for "the desk screen opens" "alice"
key F1
wait_for "the help page offers the pre-flight check on F8" "F8 pre-flight check"
key F8
wait_for "F8 opens the checks on the desk screen" "Before opening: problems found"
wait_for "the desk screen shows the printer ready" "✓ printer: printer desk is ready"
wait_for "the desk screen shows the desk id problem with its advice" "✗ desk id: desk id A is the same"
cupsdisable desk
key F8
wait_for "F8 on the page runs the checks again: the stopped printer shows" "✗ printer"
cupsenable desk
key Escape
never_shows "Esc leaves the checks" "Before opening"
