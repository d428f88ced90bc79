# Check-in decisions on the demo event through the CLI: one attendee per
# verdict path, the evidence amber cases need, double check-in, reject, undo
# with a wrong then the right PIN, on-site payment, and the journal.
. "$(dirname "$0")/lib.sh"

db=$WORK/desk.db
demo_db "$db"
export FRONTDESK_NOW="2026-05-25 13:05:00"
journal() { sqlite3 "$db" "SELECT count(*) FROM journal"; }
contact=$(sed -n 's/^registration *= *//p' "$DEMO/event.ini")

# green: paid online
run checkin WH2026-0079 --db "$db" --operator alice --json
expect_rc "green check-in exits 0" 0
expect_json "green check-in is checked_in" '.result == "checked_in" and .verdict == "green"'
expect_eq "the check-in is stored with desk and operator" \
	"$(sqlite3 "$db" "SELECT c.desk_id || '|' || c.operator FROM checkin c JOIN attendee a ON a.id = c.attendee_id WHERE a.reg_no = 'WH2026-0079'")" "A|alice"

# double check-in: refused, says when, where and who, changes nothing
before=$(journal)
FRONTDESK_NOW="2026-05-25 14:00:00" run checkin WH2026-0079 --db "$db" --operator bob --json
expect_rc "a second check-in exits 1" 1
expect_json "a second check-in answers already with when, desk and operator" \
	'.result == "already" and (.reasons | index("ALREADY_CHECKED_IN")) and .earlier == {"at": "2026-05-25 13:05:00", "desk": "A", "operator": "alice"}'
expect_eq "a second check-in writes nothing" "$(journal)" "$before"

# by ticket code
code=$(ticket_code "$db" WH2026-0137)
run checkin "$code" --db "$db" --json
expect_json "check-in by ticket code works" '.result == "checked_in" and .reg_no == "WH2026-0137"'

# amber: non-member who paid the member fee
run checkin WH2026-0065 --db "$db" --json
expect_rc "member difference without payment is refused" 1
expect_json "it needs a card payment of 200" '.result == "refused" and .needs == ["card"] and .to_pay == 200'
run checkin WH2026-0065 --pay card:POS-0001 --invoice-title 湖北省图书馆 --taxpayer-no 12420000MB1234567Q --db "$db" --json
expect_rc "with the card payment it checks in" 0
expect_json "the 200 is recorded with the check-in" '.result == "checked_in" and .paid_on_site == 200'
run report payments --db "$db" --json
expect_json "the payments report lists it with its invoice details" \
	'.payments | map(select(.reg_no == "WH2026-0065")) | .[0] | .amount == 200 and .reference == "POS-0001" and .invoice_title == "湖北省图书馆" and .taxpayer_no == "12420000MB1234567Q"'

# amber: transfer under review
run checkin WH2026-0008 --db "$db" --json
expect_rc "transfer under review without the voucher is refused" 1
expect_json "it needs the voucher" '.needs == ["voucher"]'
run checkin WH2026-0008 --voucher-seen --db "$db" --json
expect_json "with the voucher seen it checks in" '.result == "checked_in"'
expect_eq "the voucher is recorded as evidence" \
	"$(sqlite3 "$db" "SELECT json_extract(evidence, '$.voucher_seen') FROM checkin c JOIN attendee a ON a.id = c.attendee_id WHERE reg_no = 'WH2026-0008'")" "1"

# amber: unpaid; a card on a green case and a reused POS reference are bad input
run checkin WH2026-0054 --voucher-seen --db "$db" --json
expect_json "unpaid needs a card payment of the whole fee" '.result == "refused" and .needs == ["card"] and .to_pay > 0'
run checkin WH2026-0054 --pay card:POS-0001 --db "$db" --json
expect_rc "a POS reference used before is refused as bad input" 2
run checkin WH2026-0015 --pay card:POS-0099 --db "$db" --json
expect_rc "a card payment when nothing is owed is refused as bad input" 2
run checkin WH2026-0054 --pay bank:123 --db "$db"
expect_rc "--pay in the wrong form is bad usage" 2

# the pay command, then a plain check-in
run pay WH2026-0060 --amount 99999 --card POS-0100 --db "$db"
expect_rc "paying more than owed is refused" 2
due=$("$FD" lookup WH2026-0060 --db "$db" --json | jq '.matches[0].to_pay')
run pay WH2026-0060 --amount "$due" --card POS-0100 --db "$db" --json
expect_rc "paying what is owed exits 0" 0
run checkin WH2026-0060 --db "$db" --json
expect_json "after paying, check-in needs nothing more" '.result == "checked_in" and .verdict == "green"'

# red: pending, rejected, bad code, unknown
run checkin WH2026-0013 --db "$db" --json
expect_rc "a pending registration is refused" 1
expect_json "pending is red PENDING_REVIEW" '.verdict == "red" and (.reasons | index("PENDING_REVIEW"))'
expect_json "the refusal says whom to call" ".message | contains(\"$contact\")"
run checkin WH2026-0024 --db "$db" --json
expect_json "a rejected registration is refused" '.result == "refused" and (.reasons | index("REJECTED"))'
run checkin "${code:0:21}$(((${code:21:1} + 1) % 10))" --db "$db" --json
expect_json "a mistyped code is refused as BAD_CODE" '.result == "refused" and .reasons == ["BAD_CODE"]'
run checkin WH2099-0000 --db "$db" --json
expect_json "an unknown reg_no is NOT_FOUND" '.reasons == ["NOT_FOUND"]'
run pay WH2026-0013 --amount 1700 --card POS-0200 --db "$db"
expect_rc "no payment is taken for a pending registration" 1

# reject: recorded, the ticket stays valid
code91=$(ticket_code "$db" WH2026-0091)
run reject WH2026-0091 --db "$db"
expect_rc "reject without a reason is bad usage" 2
run reject WH2026-0091 --reason "证件照片与本人不符" --db "$db" --json
expect_rc "reject exits 0" 0
expect_eq "the rejection is stored with its reason" \
	"$(sqlite3 "$db" "SELECT reason FROM rejection r JOIN attendee a ON a.id = r.attendee_id WHERE reg_no = 'WH2026-0091'")" "证件照片与本人不符"
run lookup "$code91" --db "$db" --json
expect_json "after a reject the ticket is still valid" '.matches[0].reg_no == "WH2026-0091"'
run reject WH2026-0079 --reason x --db "$db"
expect_rc "rejecting someone checked in is refused" 1

# undo: wrong PIN changes nothing (only the journal notes the refused try), the right one
# releases the check-in
before=$(journal)
run undo WH2026-0079 --pin 0000 --db "$db" --operator alice --json
expect_rc "undo with a wrong PIN is refused" 1
expect_eq "a wrong PIN changes nothing but the journal's note of it" "$(journal)" "$((before + 1))"
expect_eq "the note says who tried what" \
	"$(sqlite3 "$db" "SELECT operator || ' ' || subject FROM journal WHERE action = 'pin_failed'")" "alice undo"
expect_eq "still checked in after a wrong PIN" \
	"$(sqlite3 "$db" "SELECT count(*) FROM checkin c JOIN attendee a ON a.id = c.attendee_id WHERE reg_no = 'WH2026-0079'")" "1"
run undo WH2026-0079 --pin 2468 --db "$db" --json
expect_rc "undo with the right PIN exits 0" 0
expect_eq "the check-in is gone" \
	"$(sqlite3 "$db" "SELECT count(*) FROM checkin c JOIN attendee a ON a.id = c.attendee_id WHERE reg_no = 'WH2026-0079'")" "0"
run undo WH2026-0079 --pin 2468 --db "$db"
expect_rc "undo of someone not checked in is refused" 1
run checkin WH2026-0079 --db "$db" --json
expect_json "after undo the person can check in again" '.result == "checked_in"'

# the journal: every action, in order, with desk, sequence and operator, across processes
expect_eq "journal actions in order" \
	"$(sqlite3 "$db" "SELECT group_concat(action, ',') FROM (SELECT action FROM journal ORDER BY seq)")" \
	"checkin,checkin,checkin,checkin,pay,checkin,reject,pin_failed,undo,checkin"
expect_eq "journal sequences are 1..n for desk A" \
	"$(sqlite3 "$db" "SELECT min(seq) || '-' || max(seq) || '-' || count(DISTINCT seq) FROM journal WHERE desk_id = 'A'")" "1-10-10"
expect_eq "the journal names the operator" \
	"$(sqlite3 "$db" "SELECT operator FROM journal WHERE seq = 1")" "alice"
expect_eq "integrity_check is ok" "$(sqlite3 "$db" 'PRAGMA integrity_check')" "ok"
