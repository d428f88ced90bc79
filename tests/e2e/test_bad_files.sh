# Every bad roster of the foundation issue gets exit 2, a message naming the
# line (and column), and leaves the database byte-for-byte unchanged.
. "$(dirname "$0")/lib.sh"

db=$WORK/desk.db
demo_db "$db"
before=$(sha "$db")
H='报名编号,姓名,性别,单位,职务,手机,会员,审核状态,交费方式,交费金额,交费状态,房型,入住日期,离店日期,同住人,备注'
GOOD='WH9-0001,王一,男,湖北省图书馆,馆长,13800000001,是,已通过,在线支付,1500,已到账,大床房,,,,'

# bad_case NAME FILE LINE TEXT: import must fail with exit 2, report LINE, mention TEXT.
bad_case() {
	local name=$1 file=$2 line=$3 text=$4
	run import "$file" --db "$db" --json
	expect_rc "$name: exit 2" 2
	if [ "$line" != "-" ]; then
		expect_json "$name: reported on line $line" "[.errors[].line] | index($line)"
	fi
	expect_json "$name: message says $text" "[.errors[].message] | any(contains(\"$text\"))"
	expect_eq "$name: database unchanged" "$(sha "$db")" "$before"
	run import "$file" --db "$db"
	expect_grep "$name: the human message says nothing was imported" "未导入任何数据" "$ERR"
}

# roster BODY...: writes a roster with the standard header and the given rows.
roster() {
	local f=$WORK/r$RANDOM.csv
	printf '%s\n' "$H" "$@" >"$f"
	echo "$f"
}

run import "$WORK/nope.csv" --db "$db" --json
expect_rc "missing file: exit 2" 2
expect_json "missing file: the JSON message names it" '.message | contains("nope.csv")'
run import "$WORK/nope.csv" --db "$db"
expect_grep "missing file: says so in Chinese and English" "文件不存在" "$ERR"
expect_grep "missing file: names it" "nope.csv" "$ERR"
expect_eq "missing file: database unchanged" "$(sha "$db")" "$before"

: >"$WORK/empty.csv"
bad_case "empty file" "$WORK/empty.csv" - "empty"

head -c 3000 /bin/ls >"$WORK/binary.csv"
bad_case "binary file" "$WORK/binary.csv" - "binary"

printf '姓名,性别\n王一,男\n' >"$WORK/nocol.csv"
bad_case "missing required column" "$WORK/nocol.csv" 1 "报名编号"

bad_case "duplicate reg_no" "$(roster "$GOOD" "${GOOD/王一/王二}")" 3 "already on line 2"
bad_case "unknown status" "$(roster "${GOOD/已通过/已批准}")" 2 "已批准"
bad_case "unknown channel" "$(roster "${GOOD/在线支付/支付宝}")" 2 "支付宝"
bad_case "unknown room type" "$(roster "${GOOD/大床房/套房}")" 2 "套房"
bad_case "bad date" "$(roster "${GOOD/大床房,,,,/大床房,2026-05-32,,,}")" 2 "not a date"
bad_case "reversed dates" "$(roster "${GOOD/大床房,,,,/大床房,2026-05-28,2026-05-26,,}")" 2 "after the arrival"
bad_case "bed without gender" "$(roster "WH9-0002,王二,,湖北省图书馆,馆长,13800000002,是,已通过,在线支付,1500,已到账,床位,,,,")" 2 "gender"
bad_case "non-numeric amount" "$(roster "${GOOD/,1500,/,一千五,}")" 2 "whole yuan"
long=$(head -c 5000 /dev/zero | tr '\0' 'x')
bad_case "field over 4 KiB" "$(roster "${GOOD/馆长/$long}")" 2 "4 KiB"
bad_case "name with control characters" "$(roster "${GOOD/王一/王$'\e'[31m一}")" 2 "control"

# several problems are all reported at once, each with its own line
f=$(roster "$GOOD" "${GOOD/WH9-0001/WH9-0003}" "${GOOD/WH9-0001,王一/WH9-0004,王四}" "${GOOD/WH9-0001,王一,男/WH9-0005,王五,外星}" "${GOOD/WH9-0001,王一/WH9-0006,王六}")
sed -i '3s/已通过/maybe/' "$f"
run import "$f" --db "$db" --json
expect_json "every bad row is reported, not just the first" '[.errors[].line] | (index(3) != null and index(5) != null)'
expect_eq "several errors: database unchanged" "$(sha "$db")" "$before"

# a roster with an error does not become half-imported even when good rows come first
expect_eq "no row of a bad roster is stored" \
	"$(sqlite3 "$db" "SELECT count(*) FROM attendee WHERE reg_no LIKE 'WH9-%'")" "0"
