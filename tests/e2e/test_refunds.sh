# The refunds report and the summary's refunds total, checked against figures
# computed here from the input files with the rules of DESIGN section 3
# (re-derived independently in Python, not read from the program).
. "$(dirname "$0")/lib.sh"

db=$WORK/desk.db
demo_db "$db"
python3 - "$DEMO" >"$WORK/expected.json" <<'PY'
import configparser, csv, json, sys
demo = sys.argv[1]
ini = configparser.ConfigParser(inline_comment_prefixes=(";",))
ini.read(f"{demo}/event.ini", encoding="utf-8")
fee = {True: int(ini["fees"]["member"]), False: int(ini["fees"]["non_member"])}
rows = {r["报名编号"]: r for r in csv.DictReader(open(f"{demo}/roster.csv", encoding="utf-8-sig"))}
due = lambda r: fee[r["会员"] == "是"]
eligible = lambda reg: reg in rows and rows[reg]["审核状态"] == "已通过"

settled = {reg: 0 for reg in rows}
for reg, r in rows.items():
    if r["交费方式"] in ("在线支付", "个人转账") and r["交费状态"] == "已到账":
        settled[reg] += int(r["交费金额"])
refunds = []
for t in csv.DictReader(open(f"{demo}/collective.csv", encoding="utf-8-sig")):
    left = int(t["金额"])
    for reg in t["名单"].replace("、", ";").split(";"):
        share = min(due(rows[reg]), left) if eligible(reg) else 0
        left -= share
        if t["交费状态"] == "已到账":
            settled[reg] += share
    if t["交费状态"] == "已到账" and left > 0:
        refunds.append({"kind": "collective_leftover", "reference": t["凭证号"], "amount": left})
for reg, r in rows.items():
    if r["审核状态"] == "已通过" and settled[reg] > due(r):
        refunds.append({"kind": "duplicate", "reg_no": reg, "amount": settled[reg] - due(r)})
    elif r["审核状态"] == "未通过" and settled[reg] > 0:
        refunds.append({"kind": "not_registered", "reg_no": reg, "amount": settled[reg]})
print(json.dumps({"refunds": refunds, "total": sum(x["amount"] for x in refunds)}))
PY
run report refunds --db "$db" --json
expect_rc "report refunds exits 0" 0
want_total=$(jq .total "$WORK/expected.json")
expect_json "the refunds total matches the input files ($want_total)" ".total == $want_total"
for kind in duplicate not_registered collective_leftover; do
	want=$(jq -c "[.refunds[] | select(.kind == \"$kind\") | (.reg_no // .reference), .amount] | sort" "$WORK/expected.json")
	got=$(jq -c "[.refunds[] | select(.kind == \"$kind\") | (.reg_no // .reference), .amount] | sort" "$OUT")
	expect_eq "every $kind refund is listed with its amount" "$got" "$want"
done
expect_json "the planted duplicate payer is listed" '[.refunds[] | select(.kind == "duplicate") | .reg_no] | index("WH2026-0005")'
run report summary --db "$db" --json
expect_json "the summary's refunds total agrees" ".refunds_total == $want_total"
run report refunds --db "$db"
expect_grep "the human report names the reasons in Chinese" "重复交费" "$OUT"
