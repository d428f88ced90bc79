# Text on the way in (issue 14), as a hostile review found it: a one-row re-import that would
# withdraw everyone else, a BOM or a second header in the middle of a roster, zero-width
# characters, a reg_no in another case, full-width phones, codes and headers (Chinese input
# methods in full-width mode), what a GBK/CP936 save does to rare characters and to "€", an
# undecodable byte and its line, a long event.ini line. At the CLI and on the desk screen.
. "$(dirname "$0")/lib.sh"

H='报名编号,姓名,性别,单位,职务,手机,会员,审核状态,交费方式,交费金额,交费状态,房型,入住日期,离店日期,同住人,备注'
ZWSP=$'\u200b'
IDSP=$'\u3000'
rows=$(($(wc -l <"$DEMO/roster.csv") - 1))

# fullwidth TEXT: TEXT with every ASCII digit, letter and '-' in its full-width form.
fullwidth() { python3 -c 'import sys; print("".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in sys.argv[1]))' "$1"; }

# ---- a one-row re-import would withdraw the other 179 ----
db=$WORK/guard.db
demo_db "$db"
before=$(sha "$db")
head -2 "$DEMO/roster.csv" >"$WORK/one-row.csv"
run import "$WORK/one-row.csv" --db "$db" --json
expect_rc "one-row re-import: refused with exit 2" 2
expect_json "one-row re-import: says how many would be withdrawn" \
	".withdraw_refused == true and .would_withdraw == $((rows - 1)) and .withdrawn == 0"
expect_json "one-row re-import: the message says how to confirm" \
	".message | contains(\"--allow-withdraw $((rows - 1))\")"
expect_eq "one-row re-import: database unchanged" "$(sha "$db")" "$before"
run import "$WORK/one-row.csv" --db "$db"
expect_rc "one-row re-import (text): exit 2" 2
expect_grep "one-row re-import (text): in Chinese" "导入会把他们标为撤销" "$ERR"
expect_grep "one-row re-import (text): in English, with the count" "leaves out $((rows - 1)) of the $rows registrations" "$ERR"
run import "$WORK/one-row.csv" --db "$db" --allow-withdraw $((rows - 2)) --json
expect_rc "--allow-withdraw with another count: exit 2" 2
expect_json "--allow-withdraw with another count: names both" \
	".withdraw_refused == true and (.message | contains(\"not the $((rows - 2)) given\"))"
expect_eq "--allow-withdraw with another count: database unchanged" "$(sha "$db")" "$before"
run import "$WORK/one-row.csv" --db "$db" --allow-withdraw many
expect_rc "--allow-withdraw without a number: usage, exit 2" 2
run import "$WORK/one-row.csv" --db "$db" --allow-withdraw $((rows - 1)) --json
expect_rc "--allow-withdraw with the exact count: exit 0" 0
expect_json "--allow-withdraw with the exact count: withdrawn" ".withdrawn == $((rows - 1)) and .unchanged == 1"
run import "$DEMO/roster.csv" --db "$db" --json
expect_json "the whole roster again restores them, no confirmation needed" ".restored == $((rows - 1))"
# within 10% needs nothing
awk 'NR < 3 || NR > 20' "$DEMO/roster.csv" >"$WORK/minus18.csv"
run import "$WORK/minus18.csv" --db "$db" --json
expect_json "18 of 180 (10%) withdrawn without confirmation" ".withdrawn == 18"

# ---- a BOM in the middle: two exports pasted together, or one row ----
db=$WORK/bom.db
demo_db "$db"
before=$(sha "$db")
{ head -91 "$DEMO/roster.csv"; printf '\xef\xbb\xbf'; head -1 "$DEMO/roster.csv"; tail -n +92 "$DEMO/roster.csv"; } >"$WORK/pasted.csv"
run import "$WORK/pasted.csv" --db "$db" --json
expect_rc "two exports pasted together: exit 2" 2
expect_json "two exports pasted together: the second header's line is named" \
	'.errors | length == 1 and .[0].line == 92 and (.[0].message | contains("repeats the header row"))'
expect_eq "two exports pasted together: database unchanged" "$(sha "$db")" "$before"
sed '7s/^/\xef\xbb\xbf/' "$DEMO/roster.csv" >"$WORK/bom-row.csv"
run import "$WORK/bom-row.csv" --db "$db" --json
expect_rc "a BOM before a row: imported" 0
expect_json "a BOM before a row: no phantom person, nobody withdrawn" \
	".imported == 0 and .withdrawn == 0 and .unchanged == $rows"

# ---- zero-width characters, a reg_no in another case ----
db=$WORK/names.db
empty_db "$db"
printf '%s\n' "$H" \
	"WH9-0001,张${ZWSP}三,男,湖北省图书馆,馆长,13800000001,是,已通过,在线支付,1500,已到账,不住宿,,,," \
	"WH9-0002,李四,女,武汉大学,馆员,$(fullwidth 13800138001),是,已通过,在线支付,1500,已到账,不住宿,,,," \
	"WH9-0003,王${IDSP}五,男,,,,是,已通过,在线支付,1500,已到账,不住宿,,,," >"$WORK/names.csv"
run import "$WORK/names.csv" --db "$db" --json
expect_rc "names with zero-width characters import" 0
expect_eq "a zero-width space is not part of the name" \
	"$(sqlite3 "$db" "SELECT hex(name) FROM attendee WHERE reg_no = 'WH9-0001'")" \
	"$(sqlite3 :memory: "SELECT hex('张三')")"
run lookup 张三 --db "$db" --json
expect_json "the name typed plainly finds the person" '.matches | length == 1 and .[0].reg_no == "WH9-0001"'
run lookup 王五 --db "$db" --json
expect_json "a name padded with U+3000 (王　五) is found as 王五" '.matches | length == 1 and .[0].reg_no == "WH9-0003"'
run lookup "张${ZWSP}三" --db "$db" --json
expect_json "a query pasted with a zero-width space finds the person" '.matches | length == 1'

# a full-width phone, found by its last digits
expect_eq "a full-width phone is stored in ASCII digits" \
	"$(sqlite3 "$db" "SELECT phone FROM attendee WHERE reg_no = 'WH9-0002'")" "13800138001"
run lookup 8001 --db "$db" --json
expect_json "lookup 8001 finds the full-width phone" '.matches | length == 1 and .[0].reg_no == "WH9-0002"'
run lookup "$(fullwidth 8001)" --db "$db" --json
expect_json "lookup ８００１ (typed full-width) finds it too" '.matches | length == 1 and .[0].reg_no == "WH9-0002"'

printf '%s\n' "$H" \
	"WH2026-0006,张三,男,,,,是,已通过,在线支付,1500,已到账,不住宿,,,," \
	"wh2026-0006,李四,女,,,,是,已通过,在线支付,1500,已到账,不住宿,,,," >"$WORK/case.csv"
run import "$WORK/case.csv" --db "$db" --json
expect_rc "two reg_nos differing only in case: exit 2" 2
expect_json "two reg_nos differing only in case: a duplicate on line 3" \
	'.errors | length == 1 and .[0].line == 3 and (.[0].message | contains("case ignored"))'

db=$WORK/case.db
demo_db "$db"
sed '2,$s/^WH/wh/' "$DEMO/roster.csv" >"$WORK/lower.csv"
run import "$WORK/lower.csv" --db "$db" --json
expect_rc "the roster re-exported with small letters: imported" 0
expect_json "the roster re-exported with small letters: the same people, nobody withdrawn" \
	".imported == 0 and .withdrawn == 0 and .unchanged == $rows"
run lookup wh2026-0006 --db "$db" --json
expect_json "lookup wh2026-0006 finds WH2026-0006" '.matches | length == 1 and .[0].reg_no == "WH2026-0006"'

# ---- full-width and U+3000-grouped ticket codes ----
code=$(ticket_code "$db" WH2026-0001)
run lookup "$(fullwidth "$code")" --db "$db" --json
expect_json "a full-width ticket code is found" '.matches | length == 1 and .[0].reg_no == "WH2026-0001"'
grouped=$(sed "s/\(....\)/\1$IDSP/g; s/$IDSP\$//" <<<"$code")
run lookup "$grouped" --db "$db" --json
expect_json "a ticket code grouped with U+3000 is found" '.matches | length == 1 and .[0].reg_no == "WH2026-0001"'
# the last check digit changed to another (a fixed "0" would be right one time in ten)
wrong_last=$(((${code: -1} + 1) % 10))
run lookup "$(fullwidth "${code%?}$wrong_last")" --db "$db" --json
expect_json "a full-width code with a wrong check digit is still BAD_CODE" '.matches == [] and (.reasons | index("BAD_CODE"))'
run checkin "$(fullwidth "$grouped")" --db "$db" --json
expect_json "checkin takes a full-width grouped code" '.result == "checked_in"'

# ---- a header with a full-width space ----
db=$WORK/header.db
empty_db "$db"
printf '%s\n' "报名编号,姓名${IDSP},审核状态 ,${IDSP}手机" "WH9-0001,张三,已通过,13800000001" >"$WORK/header.csv"
run import "$WORK/header.csv" --db "$db" --json
expect_rc "a header 姓名　 (full-width space) is not missing" 0
expect_json "a header with full-width spaces: no unknown column" '.imported == 1 and .unknown_columns == []'

# ---- what a GBK/CP936 save does ----
db=$WORK/gbk.db
empty_db "$db"
python3 - "$WORK/cp936.csv" <<'PY'
import sys
rows = ["报名编号,姓名,审核状态,备注", "WH9-0001,刘䶮,已通过,", "WH9-0002,张三,已通过,",
        "WH9-0003,吉𠮷,已通过,", "WH9-0004,王㛃,已通过,"]
data = "\r\n".join(rows).encode("gbk", errors="replace") + b"\r\n"
open(sys.argv[1], "wb").write(data)
PY
run import "$WORK/cp936.csv" --db "$db" --json
expect_rc "a CP936 roster whose rare characters became '?' imports" 0
expect_json "each '?' name is a warning naming its line" \
	'[.warnings[].line] == [2, 4, 5] and (.warnings[0].message | contains("刘?"))'
run import "$WORK/cp936.csv" --db "$db"
expect_grep "the warning is printed with the import report" "可能是另存为 GBK/CP936 时丢失的生僻字" "$OUT"

db=$WORK/euro.db
empty_db "$db"
{ printf '报名编号,姓名,审核状态,备注\r\nWH9-0001,张三,已通过,押金' | iconv -f utf-8 -t gbk; printf '\x80''100\r\n'; } >"$WORK/euro.csv"
run import "$WORK/euro.csv" --db "$db" --json
expect_rc "a CP936 euro sign (0x80) does not refuse the file" 0
expect_json "a CP936 roster is read as GB18030" '.encoding == "GB18030" and .imported == 1'
expect_eq "0x80 is stored as €" "$(sqlite3 "$db" "SELECT note FROM attendee")" "押金€100"

{ printf '%s\r\n' "$H" "WH9-0001,张三,男,,,,是,已通过,,,,,,,," "WH9-0002,李四,女,,,,是,已通过,,,,,,,," | iconv -f utf-8 -t gbk
	printf 'WH9-0003,\xd5\xc5\xff,男,,,,是,已通过,,,,,,,,\r\n'; } >"$WORK/badbyte.csv"
run import "$WORK/badbyte.csv" --db "$db" --json
expect_rc "an undecodable byte: exit 2" 2
expect_json "an undecodable byte: reported on its line" \
	'.errors | length == 1 and .[0].line == 4 and (.[0].message | contains("0xFF"))'
run import "$WORK/badbyte.csv" --db "$db"
expect_grep "an undecodable byte: the message names the line" "第 4 行第 12 个字节 0xFF" "$ERR"

# ---- a long event.ini line ----
long=$(python3 -c 'print("；".join(f"第{i}位老师 027-8765 43{i:02d}" for i in range(20)))')
sed "s|^registration = .*|registration = $long|" "$DEMO/event.ini" >"$WORK/event.ini"
run init --event "$WORK/event.ini" --rooms "$DEMO/rooms.csv" --db "$WORK/long.db" --json
expect_rc "an event.ini line of $(printf %s "registration = $long" | wc -c) bytes is read" 0
expect_eq "the long value is stored whole" \
	"$(sqlite3 "$WORK/long.db" "SELECT value FROM setting WHERE key = 'contacts.registration'")" "$long"

# ---- on the desk screen: a code typed in full-width mode, grouped with U+3000 ----
db=$WORK/tui.db
demo_db "$db"
sock="frontdesk-e2e-hostile-$$"
. "$(dirname "$0")/tui_lib.sh"
T new-session -d -s desk -x 80 -y 24 \
	"env LANG=C.UTF-8 LC_ALL= TERM=xterm-256color XDG_DATA_HOME=$XDG_DATA_HOME $FD --db $db --operator alice; sleep 5"
wait_for "the desk opens" "请扫码或输入姓名/拼音/手机号"
name=$(sqlite3 "$db" "SELECT name FROM attendee WHERE reg_no = 'WH2026-0079'")
code=$(ticket_code "$db" WH2026-0079)
T send-keys -t desk -l "$(fullwidth "$(sed "s/\(....\)/\1$IDSP/g; s/$IDSP\$//" <<<"$code")")"
key Enter
wait_for "a full-width code grouped with U+3000 opens the card" "$name"
never_shows "it is not NOT_FOUND" "查无此人"
key Escape
scan "$(fullwidth "$(ticket_code "$db" WH2026-0080)")"
wait_for "a scan in full-width digits opens the card" "$(sqlite3 "$db" "SELECT name FROM attendee WHERE reg_no = 'WH2026-0080'")"
