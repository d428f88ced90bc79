# On-site card payments and their invoice details (DESIGN section 3, "Fee"),
# through `pay` and `checkin --pay`: a taxpayer number must be a unified social
# credit code (GB 32100-2015) and come with an invoice title, a POS reference
# is used once, and a refusal records nothing. What is accepted is stored in
# upper case and reaches the payments report and the export's payments sheet
# with the operator who took it.
. "$(dirname "$0")/lib.sh"

db=$WORK/desk.db
usb=$WORK/usb
mkdir -p "$usb"
demo_db "$db"
export FRONTDESK_NOW="2026-05-25 15:10:00"
q() { sqlite3 "$db" "$1"; }
payments() { q "SELECT count(*) FROM payment WHERE source = 'onsite'"; }
journal() { q "SELECT count(*) FROM journal"; }
# stored PAY_REFERENCE: the invoice title and taxpayer number stored with a payment
stored() { q "SELECT ifnull(invoice_title, 'NULL') || '|' || ifnull(taxpayer_no, 'NULL') FROM payment WHERE reference = '$1'"; }

# expect_nothing_recorded NAME: the last run exited 2 and left no payment and no journal entry.
expect_nothing_recorded() {
	expect_rc "$1 exits 2" 2
	expect_eq "$1 records nothing" "$(payments)|$(journal)" "$before"
}

# --- pay ---
before="$(payments)|$(journal)"
# 12420000441400000X has the shape of a code, but its check character is 2
run pay WH2026-0054 --amount 700 --card POS-P01 --invoice-title 武汉大学图书馆 --taxpayer-no 12420000441400000X --db "$db" --json
expect_nothing_recorded "pay with a wrong check character"
expect_json "the refusal says the check character does not match" '.result == "refused" and (.message | contains("校验位不符") and contains("check character"))'
run pay WH2026-0054 --amount 700 --card POS-P01 --invoice-title 武汉大学图书馆 --taxpayer-no 91110000600O37341L --db "$db" --json
expect_nothing_recorded "pay with the letter O in the number"
expect_json "the refusal names the bad character's position" '.message | contains("第 12 位") and contains("character 12")'
run pay WH2026-0054 --amount 700 --card POS-P01 --invoice-title 武汉大学图书馆 --taxpayer-no 9111000060003734 --db "$db" --json
expect_nothing_recorded "pay with a 16-character number"
expect_json "the refusal says how long it is" '.message | contains("18 位") and contains("16 characters")'
run pay WH2026-0054 --amount 700 --card POS-P01 --taxpayer-no 91110000600037341L --db "$db" --json
expect_nothing_recorded "pay with a taxpayer number and no invoice title"
expect_json "the refusal asks for the invoice title" '.message | contains("发票抬头") and contains("invoice title")'
run pay WH2026-0054 --amount 700 --card POS-P01 --invoice-title " " --taxpayer-no 91110000600037341L --db "$db" --json
expect_nothing_recorded "pay with a taxpayer number and a blank title"

# the standard's worked example, typed in lower case: stored in upper case, journalled so
run pay WH2026-0054 --amount 700 --card POS-P01 --invoice-title 武汉大学图书馆 --taxpayer-no 91350100m000100y43 --operator erin --db "$db" --json
expect_rc "pay with a valid taxpayer number exits 0" 0
expect_eq "the taxpayer number is stored in upper case" "$(stored POS-P01)" "武汉大学图书馆|91350100M000100Y43"
expect_eq "the journal carries the stored form" \
	"$(q "SELECT json_extract(details, '$.taxpayer_no') FROM journal WHERE action = 'pay' ORDER BY seq DESC LIMIT 1")" "91350100M000100Y43"
before="$(payments)|$(journal)"
run pay WH2026-0060 --amount 1500 --card POS-P01 --db "$db" --json
expect_nothing_recorded "pay with a POS reference used before"
expect_json "the refusal says the reference was used" '.message | contains("已用过") and contains("POS-P01")'

# an individual gives no taxpayer number, with or without a title
run pay WH2026-0060 --amount 1500 --card POS-P02 --db "$db" --json
expect_rc "pay without invoice details exits 0" 0
expect_eq "no invoice details are stored" "$(stored POS-P02)" "NULL|NULL"
run pay WH2026-0095 --amount 1500 --card POS-P03 --invoice-title 王晓燕 --taxpayer-no "" --db "$db" --json
expect_rc "pay with a personal title and an empty number exits 0" 0
expect_eq "the empty number is stored as none" "$(stored POS-P03)" "王晓燕|NULL"

# --- checkin --pay ---
checkins() { q "SELECT count(*) FROM checkin c JOIN attendee a ON a.id = c.attendee_id WHERE a.reg_no = 'WH2026-0091'"; }
before="$(payments)|$(journal)"
run checkin WH2026-0091 --pay card:POS-C01 --invoice-title 某某科技有限公司 --taxpayer-no 12420000441400000X --db "$db" --json
expect_nothing_recorded "checkin --pay with a wrong check character"
expect_json "it is refused, saying why" '.result == "refused" and (.message | contains("校验位不符"))'
run checkin WH2026-0091 --pay card:POS-C01 --taxpayer-no 91110000600037341L --db "$db" --json
expect_nothing_recorded "checkin --pay with a taxpayer number and no title"
run checkin WH2026-0091 --pay card:POS-P01 --invoice-title 某某科技有限公司 --taxpayer-no 91110000600037341L --db "$db" --json
expect_nothing_recorded "checkin --pay with a POS reference used before"
expect_eq "none of these checked the person in" "$(checkins)" "0"
run checkin WH2026-0091 --pay card:POS-C01 --invoice-title 某某科技有限公司 --taxpayer-no "9111 0000 6000 3734 1l" --operator dora --db "$db" --json
expect_rc "checkin --pay with a valid taxpayer number exits 0" 0
expect_json "it checks in with the payment" '.result == "checked_in" and .paid_on_site == 1500'
expect_eq "the number is stored in its canonical form" "$(stored POS-C01)" "某某科技有限公司|91110000600037341L"
expect_eq "the check-in's evidence carries the same" \
	"$(q "SELECT json_extract(evidence, '$.taxpayer_no') FROM checkin c JOIN attendee a ON a.id = c.attendee_id WHERE a.reg_no = 'WH2026-0091'")" "91110000600037341L"

# --- the payments report and the export ---
run report payments --db "$db" --json
expect_json "report payments has the operator, title and number of each payment" \
	'[.payments[] | select(.reference == "POS-P01" or .reference == "POS-C01") | [.operator, .invoice_title, .taxpayer_no]] == [["erin", "武汉大学图书馆", "91350100M000100Y43"], ["dora", "某某科技有限公司", "91110000600037341L"]]'
run export --to "$usb" --db "$db" --json
expect_rc "export exits 0" 0
sheet=$(jq -r .folder "$OUT")/payments.csv
name() { q "SELECT name FROM attendee WHERE reg_no = '$1'"; }
expect_grep "payments.csv has the pay row with title, number, desk and operator" \
	"WH2026-0054,$(name WH2026-0054),700,POS-P01,武汉大学图书馆,91350100M000100Y43,A,erin"$'\r' "$sheet"
expect_grep "payments.csv has the check-in's payment with title, number, desk and operator" \
	"WH2026-0091,$(name WH2026-0091),1500,POS-C01,某某科技有限公司,91110000600037341L,A,dora"$'\r' "$sheet"
expect_eq "payments.csv has one row per on-site payment" "$(($(wc -l <"$sheet") - 1))" "$(payments)"
