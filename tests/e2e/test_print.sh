# Badge printing against a real CUPS (DESIGN section 3, "Badge"): this test
# starts its own cupsd as root with a temporary configuration listening on a
# private unix socket, adds a PDF queue from printer-driver-cups-pdf, and
# checks that a check-in's badge comes out as a PDF with the attendee's name;
# that with the queue disabled check-in still succeeds and the badge waits
# with a reason, then prints after cupsenable; that a badge cancelled in CUPS
# is failed until `print --retry`; and that with cupsd gone nothing blocks.
# Nothing is skipped: when cupsd cannot start, that is a failure with its log.
. "$(dirname "$0")/lib.sh"
# cairo and fontconfig keep caches until exit that LeakSanitizer counts as leaks (ASan build)
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/tests/lsan.supp:print_suppressions=0}

# die NAME LINE...: a failed precondition ends the test, saying why.
die() {
	fail "$@"
	exit 1
}

[ "$(id -u)" -eq 0 ] || die "cupsd can be started" "this test starts its own cupsd and must run as root (uid $(id -u))"
for tool in cupsd lpadmin cupsenable cupsdisable lpstat cancel pdftotext sqlite3 jq; do
	command -v "$tool" >/dev/null || die "the tools are installed" "$tool not found: run scripts/install-deps"
done
BACKEND=/usr/lib/cups/backend/cups-pdf
PPD=/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd
[ -x "$BACKEND" ] && [ -f "$PPD" ] || die "cups-pdf is installed" "missing $BACKEND or $PPD (printer-driver-cups-pdf)"

# the private cupsd (cupsd_lib.sh), in a folder of its own that lp may traverse; no file:
# queues here, so badges go only where cups-pdf puts them
CUPSDIR=$(mktemp -d /tmp/frontdesk-cups.XXXXXX)
chmod 711 "$CUPSDIR"
SOCKET=$CUPSDIR/cups.sock
. "$(dirname "$0")/cupsd_lib.sh"

# cups-pdf reads only /etc/cups/cups-pdf.conf (no other path can be given), so we
# leave it alone and read where it writes: Out, with ${HOME} of the job's owner (us).
out_dir=$(sed -n 's/^Out[[:space:]]\+//p' /etc/cups/cups-pdf.conf 2>/dev/null | tail -n 1)
out_dir=${out_dir:-'${HOME}/PDF'}
home=$(getent passwd "$(id -un)" | cut -d: -f6)
PDF_DIR=${out_dir//'${HOME}'/$home}
START=$WORK/start
touch "$START"

cleanup() {
	stop_cupsd
	# only the badges this run printed
	[ -d "$PDF_DIR" ] && find "$PDF_DIR" -maxdepth 1 -newer "$START" -name 'frontdesk_badge*.pdf' -delete
	rm -rf "$CUPSDIR" "$WORK"
}
trap cleanup EXIT

start_cupsd "$CUPSDIR" No >"$WORK/cupsd-start.log" ||
	die "a private cupsd starts" "cupsd did not answer on $SOCKET" "$(cat "$WORK/cupsd-start.log")"
pass "a private cupsd starts"

# gs (the pdftops default) turns cairo's page into an image on the way to PostScript;
# pdftocairo keeps the text, so pdftotext can read the badge that comes out.
# A cupsd that has just answered lpstat may still drop the next connection while it
# settles ("Unable to connect to server: Bad file descriptor", seen once in a full run):
# a few tries, so only a cupsd that really refuses fails the test.
add_queue() {
	lpadmin -p desk -E -v cups-pdf:/ -P "$PPD" -o pdftops-renderer-default=pdftocairo 2>"$ERR" &&
		lpadmin -d desk 2>>"$ERR"
}
queue_added=false
for _ in 1 2 3 4 5; do
	if add_queue; then queue_added=true; break; fi
	sleep 1
done
$queue_added || die "the PDF queue is added" "$(cat "$ERR")"
pass "the PDF queue is added"

# wait_pdf CUPS_JOB: the PDF cups-pdf wrote for that job in this run (waits up to 30 s).
wait_pdf() {
	local f
	for _ in $(seq 150); do
		f=$(find "$PDF_DIR" -maxdepth 1 -newer "$START" -name "*job_$1.pdf" 2>/dev/null | head -n 1)
		[ -n "$f" ] && [ -s "$f" ] && echo "$f" && return 0
		sleep 0.2
	done
	return 1
}
# job_field REG_NO COLUMN: a column of the person's latest print job.
job_field() {
	sqlite3 "$db" "SELECT j.$2 FROM print_job j JOIN attendee a ON a.id = j.attendee_id WHERE a.reg_no = '$1' ORDER BY j.id DESC LIMIT 1"
}
# expect_badge NAME REG_NO: the person's latest job was printed and its PDF shows the name.
# expect_badge NAME REG_NO: the PDF cups-pdf wrote for that badge carries the name and the
# organisation (pdftotext), and its QR, rendered with pdftoppm and read by zbarimg, is that
# attendee's ticket code.
expect_badge() {
	local job pdf name org code text decoded
	job=$(job_field "$2" cups_job)
	name=$(sqlite3 "$db" "SELECT name FROM attendee WHERE reg_no = '$2'")
	org=$(sqlite3 "$db" "SELECT organisation FROM attendee WHERE reg_no = '$2'")
	code=$(ticket_code "$db" "$2")
	if ! pdf=$(wait_pdf "$job"); then
		fail "$1" "no PDF for CUPS job '$job' in $PDF_DIR" "$(tail -n 5 "$CUPSDIR/log/error_log")"
		return
	fi
	text=$(pdftotext "$pdf" - | tr -d ' \n')
	pdftoppm -png -r 200 -f 1 -l 1 "$pdf" "$WORK/printed"
	decoded=$(zbarimg --raw -q "$WORK"/printed*.png 2>/dev/null | head -1)
	rm -f "$WORK"/printed*.png
	if ! grep -qF "$name" <<<"$text" || ! grep -qF "${org// /}" <<<"$text"; then
		fail "$1" "pdftotext of $pdf lacks $name or $org: $(head -c 200 <<<"$text")"
	elif [ "$decoded" != "$code" ]; then
		fail "$1" "the printed QR reads '$decoded', wanted $code"
	else
		pass "$1"
	fi
}

db=$WORK/desk.db
demo_db "$db"

# a check-in queues the badge; a pass prints it
run checkin WH2026-0079 --db "$db" --json
expect_rc "check-in exits 0" 0
expect_eq "check-in queues the badge" "$(job_field WH2026-0079 state)" "queued"
run print --run --wait 30 --db "$db" --json
expect_rc "print --run --wait prints what is due" 0
expect_json "the run reports the badge printed" '.result == "done" and .printed == 1 and .pending == 0 and .printer.state == "ready" and .printer.name == "desk"'
expect_eq "the job is done with its CUPS job id" "$(job_field WH2026-0079 state)" "done"
expect_badge "the printed badge carries the name, the organisation and the attendee's QR" WH2026-0079

# the printer is disabled: check-in still succeeds, the badge waits with a reason
cupsdisable -r "out of paper" desk
run checkin WH2026-0101 --db "$db" --json
expect_rc "check-in succeeds while the printer is disabled" 0
expect_json "it is a real check-in" '.result == "checked_in"'
run print --run --db "$db" --json
expect_rc "print --run with the printer disabled still exits 0" 0
expect_json "the run says the printer is stopped and the badge waits" '.result == "waiting" and .printer.state == "stopped" and .deferred == 1 and .pending == 1'
run print --status --db "$db" --json
expect_rc "print --status exits 0" 0
expect_json "--status shows the printer stopped with CUPS's reason" '.printer.state == "stopped" and (.printer.message | contains("out of paper"))'
expect_json "--status shows the badge queued with a reason and its back-off" \
	'.jobs | map(select(.reg_no == "WH2026-0101")) | .[0] | .state == "queued" and (.reason | startswith("PRINTER_STOPPED")) and .attempts == 1 and .next_try_at != null'
expect_json "--status counts it as pending" '.pending == 1 and .queued == 1 and .done == 1'
run print --status --db "$db"
expect_grep "--status in words names the printer state" "stopped" "$OUT"
cupsenable desk
run print --run --wait 30 --db "$db" --json
expect_rc "after cupsenable the waiting badge prints" 0
expect_json "nothing is left waiting" '.result == "done" and .pending == 0'
expect_badge "the badge that waited comes out with the name" WH2026-0101

# print REG_NO: a journalled reprint that prints at once; refused for someone not checked in
run print WH2026-0060 --db "$db"
expect_rc "print for someone not checked in is refused" 1
run print WH2026-0079 --reason 丢失 --db "$db"
expect_rc "print REG_NO exits 0" 0
expect_eq "the reprint is journalled with its reason" \
	"$(sqlite3 "$db" "SELECT json_extract(details, '$.reason') FROM journal WHERE action = 'reprint' AND subject = 'WH2026-0079'")" "丢失"
run print --run --wait 30 --db "$db" --json
expect_rc "the reprint prints" 0
expect_badge "the reprinted badge carries the name" WH2026-0079

# a badge cancelled in CUPS is failed until print --retry
lpadmin -p desk -o job-hold-until-default=indefinite
run checkin WH2026-0015 --db "$db" --json
expect_rc "check-in with a held queue exits 0" 0
run print --run --db "$db" --json
expect_eq "the badge is sent to CUPS" "$(job_field WH2026-0015 state)" "sent"
cancel "desk-$(job_field WH2026-0015 cups_job)"
run print --run --db "$db" --json
expect_eq "a job cancelled in CUPS is failed" "$(job_field WH2026-0015 state)" "failed"
expect_eq "with the reason" "$(job_field WH2026-0015 reason | cut -d: -f1)" "JOB_CANCELED"
lpadmin -p desk -o job-hold-until-default=no-hold
run print --retry --wait 30 --db "$db" --json
expect_rc "print --retry queues it again and prints it" 0
expect_json "the retry ends with nothing waiting" '.result == "done" and .pending == 0'
expect_badge "the retried badge comes out" WH2026-0015

# an unknown printer name is missing; the badge waits with PRINTER_MISSING
sqlite3 "$db" "INSERT OR REPLACE INTO setting (key, value) VALUES ('desk.printer', 'no-such-printer')"
run print --status --db "$db" --json
expect_json "a printer CUPS does not know is missing" '.printer.state == "missing" and .printer.name == "no-such-printer"'
sqlite3 "$db" "DELETE FROM setting WHERE key = 'desk.printer'"

# a CUPS that keeps no job history (PreserveJobHistory No) forgets a job as soon as it
# completes: each badge must still come out once, however many passes ask about it
stop_cupsd
echo "PreserveJobHistory No" >>"$CUPSDIR/conf/cupsd.conf"
run_cupsd "$CUPSDIR" >/dev/null
touch "$WORK/no-history"
sleep 1
checked=0
for reg in $(sqlite3 "$db" "SELECT reg_no FROM attendee WHERE expected AND id NOT IN (SELECT attendee_id FROM checkin) ORDER BY reg_no LIMIT 12"); do
	"$FD" checkin "$reg" --voucher-seen --db "$db" >/dev/null 2>&1 && checked=$((checked + 1))
	[ "$checked" -eq 3 ] && break
done
expect_eq "three more check-ins for the no-history CUPS" "$checked" "3"
for _ in 1 2 3 4; do
	"$FD" print --run --wait 30 --db "$db" >/dev/null 2>&1
	sleep 1
done
sleep 2
printed=$(find "$PDF_DIR" -maxdepth 1 -newer "$WORK/no-history" -name 'frontdesk_badge*.pdf' 2>/dev/null | wc -l)
expect_eq "with no job history each badge comes out once, not at every pass" "$printed" "3"
expect_eq "the forgotten jobs are done, none waiting" \
	"$(sqlite3 "$db" "SELECT count(*) FROM print_job WHERE state IN ('queued', 'sent')")" "0"

# cupsd gone: check-in and a pass neither block nor fail
stop_cupsd
t0=$(date +%s)
run checkin WH2026-0137 --db "$db" --json
expect_rc "check-in succeeds with cupsd gone" 0
run print --run --db "$db" --json
expect_rc "print --run with cupsd gone exits 0" 0
expect_json "the printer is missing and the badge waits" '.printer.state == "missing" and .pending == 1'
expect_eq "the waiting badge says why" "$(job_field WH2026-0137 reason | cut -d: -f1)" "PRINTER_MISSING"
elapsed=$(($(date +%s) - t0))
if [ "$elapsed" -le 5 ]; then pass "nothing waits on the missing cupsd"; else fail "nothing waits on the missing cupsd" "took ${elapsed}s"; fi
expect_eq "integrity_check is ok" "$(sqlite3 "$db" 'PRAGMA integrity_check')" "ok"
