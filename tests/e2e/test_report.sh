# report summary and --demo: figures computed here from the input files,
# independently of the program.
. "$(dirname "$0")/lib.sh"

db=$WORK/desk.db
demo_db "$db"
expected=$(python3 - "$DEMO/roster.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
print(sum(1 for r in rows if r["审核状态"] == "已通过"))
PY
)
run report summary --db "$db" --json
expect_rc "report summary exits 0" 0
expect_json "expected counts the approved rows of roster.csv" ".expected == $expected"
expect_json "nobody is checked in yet" '.checked_in == 0'
expect_json "summary has every contract field" 'has("expected") and has("checked_in") and has("to_collect") and has("refunds_total") and has("supplement_nights")'
# to collect: the approved who paid nothing pay their whole fee; the non-member who paid
# the member fee pays the difference (planted by gen-demo: 5 unpaid + 1 difference)
to_collect=$(python3 - "$DEMO/roster.csv" "$DEMO/event.ini" "$DEMO/collective.csv" <<'PY'
import configparser, csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8-sig")))
ini = configparser.ConfigParser(inline_comment_prefixes=(";",)); ini.read(sys.argv[2], encoding="utf-8")
fee = lambda r: int(ini["fees"]["member" if r["会员"] == "是" else "non_member"])
listed = set()
for t in csv.DictReader(open(sys.argv[3], encoding="utf-8-sig")):
    listed |= set(t["名单"].replace("、", ";").split(";"))
total = 0
for r in rows:
    if r["审核状态"] != "已通过" or r["报名编号"] in listed:
        continue
    paid = int(r["交费金额"] or 0)
    total += max(0, fee(r) - paid)
print(total)
PY
)
expect_json "to_collect matches the unpaid fees and differences in the files" ".to_collect == $to_collect"

run report nonsense --db "$db"
expect_rc "an unknown report is bad usage" 2

run --demo
expect_rc "--demo exits 0" 0
expect_grep "--demo creates its database under XDG_DATA_HOME" "$XDG_DATA_HOME/frontdesk/demo.db" "$OUT"
expect_grep "--demo shows the summary" "checked in" "$OUT"
run --demo
expect_rc "--demo a second time opens the existing database" 0
if ! grep -q "demo database created" "$OUT"; then pass "--demo does not recreate the database"; else fail "--demo does not recreate the database"; fi
