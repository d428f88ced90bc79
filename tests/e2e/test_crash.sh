# Reliability (DESIGN section 6): kill -9 at random moments during a stream of
# check-ins loses no acknowledged check-in and leaves integrity_check ok.
. "$(dirname "$0")/lib.sh"

db=$WORK/desk.db
demo_db "$db"
acked=$WORK/acked
: >"$acked"
# a stream of check-ins, each acknowledged (exit 0) only after its transaction committed; each
# process gets a random lifetime of 1-40 ms and is killed with SIGKILL when it runs over
kills=0
exec 3>&2 2>/dev/null # bash reports every killed job; the count below says it better
for reg in $(sqlite3 "$db" "SELECT reg_no FROM attendee WHERE status = 'approved' ORDER BY reg_no"); do
	for args in "--pay card:K-$reg" ""; do
		# shellcheck disable=SC2086 # args is meant to split
		timeout -s KILL "$(printf '0.%03d' $((RANDOM % 40 + 1)))" "$FD" checkin "$reg" --voucher-seen $args --db "$db" >/dev/null 2>&1
		rc=$?
		[ "$rc" -eq 137 ] && kills=$((kills + 1))
		if [ "$rc" -eq 0 ]; then
			echo "$reg" >>"$acked"
			break
		fi
	done
done
exec 2>&3 3>&-
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
