# lookup on the demo event: the contract's JSON, every way to find a person,
# and one attendee per verdict path (facts planted by scripts/gen-demo).
. "$(dirname "$0")/lib.sh"

db=$WORK/desk.db
demo_db "$db"

run lookup WH2026-0079 --db "$db" --json
expect_rc "lookup by reg_no exits 0" 0
expect_json "lookup JSON has every contract field" '.matches[0] | has("reg_no") and has("name") and has("organisation") and has("gender") and has("status") and has("verdict") and has("reasons") and has("fee_due") and has("settled") and has("pending") and has("to_pay") and has("refund") and has("checked_in") and has("lodging")'
expect_json "reg_no lookup finds that person" '.matches | length == 1 and .[0].name == "张伟"'

run lookup 张伟 --db "$db" --json
expect_json "two people with the same name are both listed" '[.matches[].reg_no] | sort == ["WH2026-0079", "WH2026-0137"]'

phone=$(sqlite3 "$db" "SELECT phone FROM attendee WHERE reg_no = 'WH2026-0118'")
run lookup "${phone: -4}" --db "$db" --json
expect_json "the last four phone digits find the person" '[.matches[].reg_no] | index("WH2026-0118")'
run lookup "阿不都·热合曼" --db "$db" --json
expect_json "a name with a middle dot is found" '.matches[0].reg_no == "WH2026-0118"'
run lookup "张𠮷祥" --db "$db" --json
expect_json "a name outside the BMP is found" '.matches[0].reg_no == "WH2026-0074"'

code=$(ticket_code "$db" WH2026-0079)
run lookup "$code" --db "$db" --json
expect_rc "a valid ticket code exits 0" 0
expect_json "the ticket code finds its owner" '.matches[0].reg_no == "WH2026-0079"'
grouped=$(sed 's/\(....\)/\1 /g' <<<"$code")
run lookup "$grouped" --db "$db" --json
expect_json "a code typed in groups of four works" '.matches[0].reg_no == "WH2026-0079"'
typo="${code:0:5}$(((${code:5:1} + 1) % 10))${code:6}"
run lookup "$typo" --db "$db" --json
expect_rc "a mistyped code is refused" 1
expect_json "a mistyped code is BAD_CODE" '.matches == [] and .reasons == ["BAD_CODE"]'
# right form and check digits, wrong secret: still BAD_CODE, never NOT_FOUND
forged=$(python3 -c "
body = '${code:0:10}' + '0000000000'
print(body + '%02d' % (98 - int(body) * 100 % 97))")
run lookup "$forged" --db "$db" --json
expect_json "a forged code with a wrong secret is BAD_CODE" '.reasons == ["BAD_CODE"]'
run lookup "没有这个人" --db "$db" --json
expect_rc "nobody found exits 1" 1
expect_json "nobody found is NOT_FOUND" '.reasons == ["NOT_FOUND"]'

# verdict (one per path): reg_no, jq filter on .matches[0]
check_verdict() {
	run lookup "$1" --db "$db" --json
	expect_json "$1: $2" ".matches[0] | $3"
}
check_verdict WH2026-0079 "paid online is green" '.verdict == "green" and .reasons == [] and .to_pay == 0'
check_verdict WH2026-0005 "individual plus collective is a duplicate, refund 1500" '.verdict == "green" and (.reasons | index("DUPLICATE_PAYMENT")) and .refund == 1500'
check_verdict WH2026-0065 "non-member who paid the member fee owes 200" '.verdict == "amber" and (.reasons | index("MEMBER_DIFFERENCE")) and .to_pay == 200 and .fee_due == 1700'
check_verdict WH2026-0008 "transfer under review is amber" '.verdict == "amber" and (.reasons | index("TRANSFER_PENDING")) and .pending > 0'
check_verdict WH2026-0054 "approved and unpaid is amber, to pay the fee" '.verdict == "amber" and (.reasons | index("UNPAID")) and .to_pay == .fee_due'
check_verdict WH2026-0013 "pending registration is red" '.verdict == "red" and (.reasons | index("PENDING_REVIEW"))'
check_verdict WH2026-0024 "rejected who paid is red with a refund" '.verdict == "red" and (.reasons | index("REJECTED")) and .refund == 1500'
check_verdict WH2026-0089 "member of a collective transfer under review is amber" '.verdict == "amber" and (.reasons | index("TRANSFER_PENDING"))'
check_verdict WH2026-0015 "member of a confirmed collective transfer is green" '.verdict == "green" and .settled == .fee_due'
