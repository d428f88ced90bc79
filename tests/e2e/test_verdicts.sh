# For every attendee of the demo event, lookup --json gives the verdict, the
# reasons and the amounts that the rules of DESIGN section 3 imply, computed
# here from the input files by an independent model of the rules.
. "$(dirname "$0")/lib.sh"

db=$WORK/desk.db
demo_db "$db"
python3 - "$DEMO" >"$WORK/model.json" <<'PY'
import configparser, csv, json, sys
demo = sys.argv[1]
ini = configparser.ConfigParser(inline_comment_prefixes=(";",))
ini.read(f"{demo}/event.ini", encoding="utf-8")
member_fee, other_fee = int(ini["fees"]["member"]), int(ini["fees"]["non_member"])
rows = {r["报名编号"]: r for r in csv.DictReader(open(f"{demo}/roster.csv", encoding="utf-8-sig"))}
due = lambda r: member_fee if r["会员"] == "是" else other_fee
settled = {k: 0 for k in rows}
pending = {k: 0 for k in rows}
for k, r in rows.items():
    if r["交费方式"] in ("在线支付", "个人转账"):
        (settled if r["交费状态"] == "已到账" else pending)[k] += int(r["交费金额"])
for t in csv.DictReader(open(f"{demo}/collective.csv", encoding="utf-8-sig")):
    left = int(t["金额"])
    for k in t["名单"].replace("、", ";").split(";"):
        share = min(due(rows[k]), left) if rows[k]["审核状态"] == "已通过" else 0
        left -= share
        (settled if t["交费状态"] == "已到账" else pending)[k] += share
out = {}
for k, r in rows.items():
    d, s, p = due(r), settled[k], pending[k]
    m = {"fee_due": d, "settled": s, "pending": p, "to_pay": 0, "refund": 0}
    if r["审核状态"] == "待审核":
        m.update(verdict="red", reasons=["PENDING_REVIEW"])
    elif r["审核状态"] == "未通过":
        m.update(verdict="red", reasons=["REJECTED"], refund=s)
    elif s >= d:
        m.update(verdict="green", reasons=["DUPLICATE_PAYMENT"] if s > d else [], refund=s - d)
    elif s + p >= d:
        m.update(verdict="amber", reasons=["TRANSFER_PENDING"])
    else:
        owes = "MEMBER_DIFFERENCE" if r["会员"] != "是" and 0 < s + p and s + p >= member_fee else "UNPAID"
        m.update(verdict="amber", reasons=[owes] + (["TRANSFER_PENDING"] if p else []), to_pay=d - s - p)
    out[k] = m
print(json.dumps(out))
PY
mismatches=0
checked=0
for reg in $(jq -r 'keys[]' "$WORK/model.json"); do
	got=$("$FD" lookup "$reg" --db "$db" --json | jq -c '.matches[0] | {verdict, reasons: (.reasons | sort), fee_due, settled, pending, to_pay, refund}')
	want=$(jq -c --arg k "$reg" '.[$k] | {verdict, reasons: (.reasons | sort), fee_due, settled, pending, to_pay, refund}' "$WORK/model.json")
	checked=$((checked + 1))
	if [ "$got" != "$want" ]; then
		mismatches=$((mismatches + 1))
		[ "$mismatches" -le 5 ] && echo "    $reg: got $got, wanted $want"
	fi
done
expect_eq "every demo attendee's verdict, reasons and amounts match the rules ($checked checked)" "$mismatches" "0"
expect_eq "all 180 demo attendees were checked" "$checked" "180"
for v in green amber red; do
	n=$(jq "[.[] | select(.verdict == \"$v\")] | length" "$WORK/model.json")
	if [ "$n" -gt 0 ]; then pass "the demo has $v cases ($n)"; else fail "the demo has $v cases"; fi
done
