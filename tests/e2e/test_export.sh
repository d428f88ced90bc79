# The end-of-day export (DESIGN section 4) through the CLI: a day of check-ins
# on the demo event, exported and then checked from outside the program:
# `sha256sum -c`, the CSV files as Excel reads them (BOM, CRLF, headers,
# formulas neutralised), the workbooks read back by a small XLSX reader, the
# snapshot opened with sqlite3, the sync bundle with jq. Then the failures:
# a corrupted file, a too-small filesystem (a loop-mounted ext2 image, or a
# tmpfs), a read-only one, an injected write error, and the drive search.
# None may leave a visible half export or change the database.
. "$(dirname "$0")/lib.sh"

MNT=$WORK/mnt
cleanup() {
	mountpoint -q "$MNT" 2>/dev/null && umount "$MNT" 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT

db=$WORK/desk.db
usb=$WORK/usb
mkdir -p "$usb"
export FRONTDESK_NOW="2026-05-25 21:05:00"
folder=$usb/frontdesk-2605-A-20260525-2105

# A roster with cells a spreadsheet would run as formulas, planted on someone who checks in.
python3 - "$DEMO/roster.csv" "$WORK/roster.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig")))
for r in rows:
    if r[0] == "WH2026-0001":
        r[1], r[3], r[4] = "=1+2", "@SUM(A1:A2)", "+86 副主任"
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline="")).writerows(rows)
PY
"$FD" init --event "$DEMO/event.ini" --rooms "$DEMO/rooms.csv" --db "$db" >/dev/null
"$FD" import "$WORK/roster.csv" --collective "$DEMO/collective.csv" --db "$db" >/dev/null
for who in WH2026-0079 WH2026-0001 WH2026-0002 WH2026-0003 WH2026-0015; do
	"$FD" checkin "$who" --db "$db" --operator alice >/dev/null
done
"$FD" checkin WH2026-0008 --voucher-seen --db "$db" --operator bob >/dev/null
"$FD" checkin WH2026-0065 --pay card:POS-0001 --invoice-title 湖北省图书馆 --db "$db" --operator carol >/dev/null
"$FD" reject WH2026-0091 --reason "证件照片与本人不符" --db "$db" >/dev/null
checked_in=$(sqlite3 "$db" "SELECT count(*) FROM checkin")
entries=$(sqlite3 "$db" "SELECT count(*) FROM journal")
db_state() { sha256sum "$db" "$db-wal" 2>/dev/null | cut -d' ' -f1 | tr '\n' ' '; }

# --- a good export ---
run export --to "$usb" --db "$db" --json
expect_rc "export exits 0" 0
expect_json "export answers exported with its folder" \
	".result == \"exported\" and .folder == \"$folder\" and .counts.checkins == $checked_in and .counts.journal == $entries"
expect_json "export lists its 21 files with their digests" '(.files | length) == 21 and all(.files[]; (.sha256 | length) == 64)'
expect_eq "the folder has the event, desk and minute in its name" "$(ls "$usb")" "$(basename "$folder")"
expect_eq "no temporary folder is left" "$(find "$usb" -name '.frontdesk-tmp-*' | wc -l)" "0"
expect_eq "the export folder is private (0700)" "$(stat -c %a "$folder")" "700"
expect_eq "the last export time is recorded" \
	"$(sqlite3 "$db" "SELECT value FROM setting WHERE key = 'export.last'")" "$FRONTDESK_NOW"

if (cd "$folder" && sha256sum -c --quiet SHA256SUMS >/dev/null 2>&1); then
	pass "sha256sum -c SHA256SUMS passes inside the export"
else
	fail "sha256sum -c SHA256SUMS passes inside the export" "$(cd "$folder" && sha256sum -c SHA256SUMS 2>&1 | grep -v ': OK')"
fi
expect_eq "SHA256SUMS lists every file but itself" \
	"$(cut -c67- "$folder/SHA256SUMS" | tr '\n' ' ')" \
	"$(cd "$folder" && ls | grep -v '^SHA256SUMS$' | LC_ALL=C sort | tr '\n' ' ')"
for name in checkins rooming-list payments refunds attendance journal; do
	[ -f "$folder/$name.csv" ] && [ -f "$folder/$name.xlsx" ] || fail "$name as CSV and XLSX" "missing"
done
pass "every table is there as CSV and as XLSX"

# --- the CSV files, as Excel reads them ---
declare -A header=(
	[checkins]="签到时间,报名编号,姓名,性别,单位,职务,手机,会员,签到台,操作员,已见转账凭证,现场刷卡(元),POS参考号"
	[rooming-list]="酒店,房号,房型,楼层,床,报名编号,姓名,性别,入住日期,离店日期,晚数,单住晚数,房费(元),备注"
	[payments]="时间,报名编号,姓名,金额(元),POS参考号,发票抬头,纳税人识别号,签到台,操作员"
	[refunds]="类别,类别代码,报名编号,姓名,单位,转账参考号,金额(元)"
	[attendance]="报名编号,姓名,性别,单位,职务,手机,会员,审核状态,应到,到场,签到时间,签到台"
	[journal]="签到台,序号,时间,操作员,操作,对象,详情"
)
for name in "${!header[@]}"; do
	csv=$folder/$name.csv
	if [ "$(head -c 3 "$csv" | od -An -tx1 | tr -d ' ')" = "efbbbf" ]; then
		pass "$name.csv starts with a UTF-8 BOM"
	else
		fail "$name.csv starts with a UTF-8 BOM"
	fi
	expect_eq "$name.csv has the expected header" "$(head -1 "$csv" | tail -c +4 | tr -d '\r')" "${header[$name]}"
	expect_eq "$name.csv ends every line with CRLF" "$(grep -c $'\r$' "$csv")" "$(wc -l <"$csv")"
done
expect_eq "checkins.csv has one row per check-in" "$(($(wc -l <"$folder/checkins.csv") - 1))" "$checked_in"
expect_grep "a name starting with = is neutralised in CSV" "\"'=1+2\"" "$folder/checkins.csv"
expect_grep "an organisation starting with @ is neutralised in CSV" "\"'@SUM(A1:A2)\"" "$folder/attendance.csv"
expect_grep "a position starting with + is neutralised in CSV" "\"'+86 副主任\"" "$folder/checkins.csv"
expect_grep "the card payment is in checkins.csv" "郭洁琴,女,三峡大学图书馆,部主任,13927279009,否,A,carol,,200,POS-0001" "$folder/checkins.csv"
expect_grep "the voucher seen is in checkins.csv" "李秋玲,女,西藏自治区图书馆,部主任,15517345147,是,A,bob,是,," "$folder/checkins.csv"
expect_grep "payments.csv has the card payment with its invoice title" ",WH2026-0065,郭洁琴,200,POS-0001,湖北省图书馆," "$folder/payments.csv"
expect_grep "the rooming list has the hotel and room" "武汉知音湖畔酒店,808,双床房,8,1,WH2026-0079,张伟,男,2026-05-25,2026-05-30,5" "$folder/rooming-list.csv"
expect_grep "refunds.csv has the duplicate payment" "重复交费,duplicate,WH2026-0005" "$folder/refunds.csv"
cert_rows=$(tail -n +2 "$folder/certificates.csv" | grep -c .)
expect_eq "without a programme no certificate is judged: every row says 未判定 and why" \
	"$(tail -n +2 "$folder/certificates.csv" | grep -c ',未判定,0,没有导入课程表')/$([ "$cert_rows" -gt 100 ] && echo rows)" \
	"$cert_rows/rows"
expect_grep "attendance marks who came" "WH2026-0079,张伟,男,深圳图书馆,副馆长,18096283108,是,已通过,是,已签到,2026-05-25 21:05:00,A" "$folder/attendance.csv"
expect_eq "attendance has every registration" "$(($(wc -l <"$folder/attendance.csv") - 1))" "$(sqlite3 "$db" 'SELECT count(*) FROM attendee')"

# --- the workbooks, read back by a minimal XLSX reader and compared with the CSV ---
cat >"$WORK/xlsx_check.py" <<'PY'
import csv, re, sys, zipfile
import xml.etree.ElementTree as ET
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
xlsx, csv_path, title = sys.argv[1:4]
z = zipfile.ZipFile(xlsx)
assert z.testzip() is None, "corrupt zip member"
book = ET.fromstring(z.read("xl/workbook.xml"))
names = [s.get("name") for s in book.find("m:sheets", NS)]
assert names == [title], f"sheet names {names}"
sheet = ET.fromstring(z.read("xl/worksheets/sheet1.xml"))
pane = sheet.find("m:sheetViews/m:sheetView/m:pane", NS)
assert pane is not None and pane.get("state") == "frozen" and pane.get("ySplit") == "1", "header row not frozen"
assert sheet.find(".//m:f", NS) is None, "a formula cell"
def col(ref):
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1
rows = []
for row in sheet.find("m:sheetData", NS):
    cells = {}
    for c in row:
        if c.get("t") == "inlineStr":
            cells[col(c.get("r"))] = "".join(t.text or "" for t in c.iter("{%s}t" % NS["m"]))
        else:
            v = c.find("m:v", NS).text
            cells[col(c.get("r"))] = str(int(float(v))) if float(v).is_integer() else v
    rows.append(cells)
want = list(csv.reader(open(csv_path, encoding="utf-8-sig", newline="")))
unneutral = lambda s: s[1:] if len(s) > 1 and s[0] == "'" and s[1] in "=+-@" else s
assert len(rows) == len(want), f"{len(rows)} rows in the workbook, {len(want)} in the CSV"
for i, (got, exp) in enumerate(zip(rows, want)):
    line = [got.get(k, "") for k in range(len(exp))]
    exp = [unneutral(x) for x in exp]
    assert line == exp, f"row {i + 1}: {line} != {exp}"
print("ok")
PY
declare -A title=([checkins]=签到名单 [rooming-list]=分房表 [payments]=现场收费 [refunds]=应退款 [attendance]=出席名单 [journal]=操作日志)
for name in "${!title[@]}"; do
	got=$(python3 "$WORK/xlsx_check.py" "$folder/$name.xlsx" "$folder/$name.csv" "${title[$name]}" 2>&1 | tail -1)
	expect_eq "$name.xlsx opens, has a frozen Chinese header and the CSV's rows" "$got" "ok"
done
if python3 -c 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("xl/worksheets/sheet1.xml").decode())' \
	"$folder/checkins.xlsx" | grep -qF '<t>=1+2</t>'; then
	pass "the workbook keeps =1+2 as inert text (a string cell, not a formula)"
else
	fail "the workbook keeps =1+2 as inert text (a string cell, not a formula)"
fi

# when LibreOffice is installed (it is not required), a real spreadsheet opens the hotel's and
# the organisers' lists and reads the same Chinese text as the CSV files hold
if command -v libreoffice >/dev/null 2>&1; then
	for name in rooming-list checkins; do
		timeout 180 libreoffice -env:UserInstallation="file://$WORK/lo-profile" --headless \
			--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' --outdir "$WORK/lo" \
			"$folder/$name.xlsx" >/dev/null 2>&1
		got=$(python3 -c '
import csv, sys
lo = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
ours = list(csv.reader(open(sys.argv[2], encoding="utf-8-sig", newline="")))
un = lambda s: s[1:] if len(s) > 1 and s[0] == "\x27" and s[1] in "=+-@" else s
print("ok" if lo == [[un(c) for c in r] for r in ours] else f"differs: {lo[:3]}")' "$WORK/lo/$name.csv" "$folder/$name.csv" 2>&1)
		expect_eq "LibreOffice opens $name.xlsx with the CSV's text" "$got" "ok"
	done
fi

# --- the snapshot and the bundle ---
snap=$folder/snapshot.db
expect_eq "the snapshot passes integrity_check" "$(sqlite3 "$snap" 'PRAGMA integrity_check')" "ok"
expect_eq "the snapshot has the check-ins" "$(sqlite3 "$snap" 'SELECT count(*) FROM checkin')" "$checked_in"
expect_eq "the snapshot is standalone (rollback journal, not WAL)" "$(sqlite3 "$snap" 'PRAGMA journal_mode')" "delete"
expect_eq "opening the snapshot left no side files" "$(ls "$folder" | grep -c -- '-wal\|-shm\|-journal')" "0"
bundle=$folder/bundle.jsonl
head -1 "$bundle" >"$OUT"
expect_json "the bundle header names the format, event and desk" \
	".format == \"frontdesk-bundle\" and .version == 2 and .event == \"2605\" and .desk == \"A\" and .entries == $entries and .exported_at == \"$FRONTDESK_NOW\""
expect_eq "the bundle has one line per journal entry" "$(($(wc -l <"$bundle") - 1))" "$entries"
expect_eq "every bundle line is JSON and matches the journal" \
	"$(tail -n +2 "$bundle" | jq -r '[.desk, .seq, .action, .subject, .details] | @tsv' | md5sum)" \
	"$(sqlite3 -separator $'\t' "$db" 'SELECT desk_id, seq, action, subject, details FROM journal ORDER BY desk_id, seq' | md5sum)"

# --- verification catches a corrupted file ---
run export --verify "$folder"
expect_rc "export --verify of a good export exits 0" 0
bad=$WORK/corrupt
cp -a "$folder" "$bad"
python3 -c "
import sys
p = sys.argv[1]
b = bytearray(open(p, 'rb').read())
b[len(b) // 2] ^= 0x01
open(p, 'wb').write(b)" "$bad/rooming-list.csv"
if (cd "$bad" && sha256sum -c --quiet SHA256SUMS >/dev/null 2>&1); then
	fail "sha256sum -c catches a flipped byte"
else
	pass "sha256sum -c catches a flipped byte"
fi
run export --verify "$bad" --json
expect_rc "export --verify of a corrupted export exits 1" 1
expect_json "export --verify names the corrupted file" '.ok == false and .checked == 20 and (.problems | length) == 1 and (.problems[0] | startswith("rooming-list.csv"))'
rm "$bad/payments.xlsx"
run export --verify "$bad"
expect_rc "export --verify of an export with a missing file exits 1" 1
expect_grep "export --verify names the missing file" "payments.xlsx" "$ERR"

# --- a second export in the same minute does not touch the first ---
run export --to "$usb" --db "$db" --json
expect_json "a second export in the same minute gets its own folder" ".folder == \"$folder-2\""
expect_eq "the first export is still intact" "$(cd "$folder" && sha256sum -c --quiet SHA256SUMS 2>&1 | wc -l)" "0"

# --- failures leave nothing visible and the database unchanged ---
no_half_export() {
	expect_eq "$1: no export folder is visible" "$(find "$2" -maxdepth 1 -name 'frontdesk-*' | wc -l)" "0"
	expect_eq "$1: no temporary folder is left" "$(find "$2" -maxdepth 1 -name '.frontdesk-tmp-*' | wc -l)" "0"
}

# later in the evening: a failed export must not move the last export time
export FRONTDESK_NOW="2026-05-25 22:10:00"
before=$(db_state)
inject=$WORK/inject
mkdir -p "$inject"
FRONTDESK_EXPORT_FAIL_AFTER=20000 run export --to "$inject" --db "$db" --json
expect_rc "an injected write error exits 3" 3
expect_json "it is reported as an I/O error with what to do" '.result == "failed" and .failure == "io_error" and (.message | contains("另一个") or contains("another stick"))'
no_half_export "injected write error" "$inject"
expect_eq "injected write error: the database is unchanged" "$(db_state)" "$before"

run export --to "$WORK/nowhere" --db "$db"
expect_rc "a target that does not exist is bad input (exit 2)" 2
expect_grep "it says to plug in the stick" "plug in the stick" "$ERR"

# small_fs KB: mounts a filesystem of about KB kibibytes at $MNT (a loop ext2 image, else tmpfs).
small_fs() {
	mountpoint -q "$MNT" && umount "$MNT"
	mkdir -p "$MNT"
	rm -f "$WORK/fs.img"
	if dd if=/dev/zero of="$WORK/fs.img" bs=1k count="$1" status=none &&
		mkfs.ext2 -q -F -m 0 "$WORK/fs.img" 2>/dev/null &&
		mount -o loop "$WORK/fs.img" "$MNT" 2>/dev/null; then
		return 0
	fi
	mount -t tmpfs -o size="$1"k tmpfs "$MNT" 2>/dev/null
}

# fill_to KB: leaves about KB kibibytes free on $MNT.
fill_to() {
	rm -f "$MNT/filler"
	local avail
	avail=$(df -k --output=avail "$MNT" | tail -1)
	if [ "$avail" -gt "$1" ]; then
		dd if=/dev/zero of="$MNT/filler" bs=1k count=$((avail - $1)) status=none 2>/dev/null
	fi
	sync
}

snapshot_kb=$(($(sqlite3 "$db" 'SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()') / 1024))
if [ "$(id -u)" -eq 0 ] && small_fs 1024; then
	# room for the snapshot but not for the rest: the drive fills up in the middle, in
	# SQLite's writes (the snapshot's journal) or in the tables' and workbooks' own writes
	for margin in 24 64; do
		fill_to $((snapshot_kb + margin))
		run export --to "$MNT" --db "$db" --json
		expect_rc "a drive that fills up mid-export ($margin KiB spare) exits 3" 3
		expect_json "it is reported as full with the space needed ($margin KiB spare)" '.failure == "full" and .needed_bytes > .free_bytes and (.message | contains("U 盘空间不足")) and (.message | contains("the USB stick is full"))'
		no_half_export "full mid-export ($margin KiB spare)" "$MNT"
		expect_eq "full mid-export ($margin KiB spare): the database is unchanged" "$(db_state)" "$before"
	done

	# not even room for the snapshot: refused before writing anything
	fill_to $((snapshot_kb / 2))
	run export --to "$MNT" --db "$db"
	expect_rc "a drive too small for the snapshot exits 3" 3
	expect_grep "it says the stick is full and what to do" "Use a larger stick" "$ERR"
	no_half_export "too small" "$MNT"

	# a read-only drive
	rm -f "$MNT/filler"
	if mount -o remount,ro "$MNT" 2>/dev/null; then
		run export --to "$MNT" --db "$db" --json
		expect_rc "a read-only drive exits 3" 3
		expect_json "it is reported as read-only" '.failure == "read_only"'
		mount -o remount,rw "$MNT"
	fi

	expect_eq "after the failures the last export time is still the earlier one" \
		"$(sqlite3 "$db" "SELECT value FROM setting WHERE key = 'export.last'")" "2026-05-25 21:05:00"

	# the same drive with room enough: the export goes through
	run export --to "$MNT" --db "$db" --json
	expect_rc "with room enough the export onto the small drive succeeds" 0
	expect_eq "and the last export time moves" \
		"$(sqlite3 "$db" "SELECT value FROM setting WHERE key = 'export.last'")" "$FRONTDESK_NOW"
	if (cd "$MNT"/frontdesk-* && sha256sum -c --quiet SHA256SUMS >/dev/null 2>&1); then
		pass "the export on the small drive verifies"
	else
		fail "the export on the small drive verifies"
	fi
	umount "$MNT"
else
	echo "ok - too-small filesystem # SKIP cannot mount a filesystem here"
fi

# --- finding the stick: FRONTDESK_MOUNTS and FRONTDESK_SYS_BLOCK stand in for the system's ---
sys=$WORK/sys/block
mkdir -p "$sys/sda/sda1" "$sys/sdb/sdb1" "$sys/sdc/sdc1" "$WORK/media/A" "$WORK/media/B"
echo 0 >"$sys/sda/removable"
echo 1 >"$sys/sdb/removable"
echo 1 >"$sys/sdc/removable"
export FRONTDESK_SYS_BLOCK=$sys
printf '/dev/sda1 / ext4 rw 0 0\n' >"$WORK/mounts0"
FRONTDESK_MOUNTS=$WORK/mounts0 run export --db "$db"
expect_rc "no stick found exits 2" 2
expect_grep "it says to plug one in or use --to" "plug one in" "$ERR"
printf '/dev/sda1 / ext4 rw 0 0\n/dev/sdb1 %s/media/A vfat rw 0 0\n/dev/sdc1 %s/media/B vfat rw 0 0\n' "$WORK" "$WORK" >"$WORK/mounts2"
FRONTDESK_MOUNTS=$WORK/mounts2 run export --db "$db" --json
expect_rc "two sticks found exits 2" 2
expect_json "both are listed and --to is asked for" ".result == \"several_drives\" and ([.drives[].mount_point] == [\"$WORK/media/A\", \"$WORK/media/B\"]) and (.message | contains(\"--to\"))"
printf '/dev/sda1 / ext4 rw 0 0\n/dev/sdb1 %s/media/A vfat rw 0 0\n' "$WORK" >"$WORK/mounts1"
FRONTDESK_MOUNTS=$WORK/mounts1 run export --db "$db" --json
expect_rc "one stick found: the export goes there" 0
expect_json "into a folder on that stick" ".folder == \"$WORK/media/A/frontdesk-2605-A-20260525-2210\""
