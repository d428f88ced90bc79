# Reliability (DESIGN section 6): kill -9 at random moments during a stream of
# check-ins loses no acknowledged check-in and leaves integrity_check ok.
. "$(dirname "$0")/lib.sh"

db=$WORK/desk.db
demo_db "$db"
acked=$WORK/acked
: >"$acked"
# a stream of check-ins, each acknowledged (exit 0) only after its transaction committed
(
	for reg in $(sqlite3 "$db" "SELECT reg_no FROM attendee WHERE status = 'approved' ORDER BY reg_no"); do
		if "$FD" checkin "$reg" --voucher-seen --pay "card:K-$reg" --db "$db" >/dev/null 2>&1 ||
			"$FD" checkin "$reg" --voucher-seen --db "$db" >/dev/null 2>&1; then
			echo "$reg" >>"$acked"
		fi
	done
) 2>/dev/null &
stream=$!
kills=0
while kill -0 "$stream" 2>/dev/null; do
	sleep "0.0$((RANDOM % 5 + 1))"
	pid=$(pgrep -n -f "frontdesk checkin .*--db $db" || true)
	if [ -n "$pid" ] && [ $((RANDOM % 3)) = 0 ]; then
		kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
	fi
done
wait "$stream" 2>/dev/null
echo "    killed $kills check-ins mid-flight; $(wc -l <"$acked") acknowledged"
if [ "$kills" -gt 0 ]; then pass "check-in processes were killed mid-flight"; else fail "check-in processes were killed mid-flight"; fi
expect_eq "integrity_check is ok after the kills" "$(sqlite3 "$db" 'PRAGMA integrity_check')" "ok"
lost=0
while read -r reg; do
	n=$(sqlite3 "$db" "SELECT count(*) FROM checkin c JOIN attendee a ON a.id = c.attendee_id WHERE reg_no = '$reg'")
	[ "$n" = 1 ] || lost=$((lost + 1))
done <"$acked"
expect_eq "no acknowledged check-in is lost" "$lost" "0"
expect_eq "every check-in has its journal entry" \
	"$(sqlite3 "$db" "SELECT count(*) FROM checkin c JOIN attendee a ON a.id = c.attendee_id WHERE NOT EXISTS (SELECT 1 FROM journal j WHERE j.action = 'checkin' AND j.subject = a.reg_no)")" "0"
run report summary --db "$db" --json
expect_rc "the database still opens and reports after the kills" 0
