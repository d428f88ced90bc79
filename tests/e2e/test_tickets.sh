# QR tickets (issue 6) on the demo event: `frontdesk tickets` writes a PNG per
# registration, tickets.csv and tickets.pdf; every PNG decodes with zbarimg and
# with `frontdesk scan` to its own attendee; rotated, scaled-down, noisy and
# camera-frame versions still decode; every single-digit typo and adjacent
# transposition of a code is BAD_CODE; withdrawn registrations get no ticket;
# file names are safe; and the camera's dir: source (through `frontdesk scan
# --camera dir:PATH`, the same thread and pipe the desk screen uses) passes each
# code once.
. "$(dirname "$0")/lib.sh"
# cairo 1.16 and fontconfig keep some allocations until exit (see tests/lsan.supp)
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/tests/lsan.supp:print_suppressions=0}

db=$WORK/desk.db
demo_db "$db"
# fixed secrets, so that the codes, and the distorted pictures of one below, are the same on
# every run: with new secrets each run, one CI run had zbarimg miss the speckled picture
# (frontdesk's own decoder read it)
sqlite3 "$db" "UPDATE attendee SET secret = substr('000000000' || ((id * 2654435761) % 10000000000), -10)"
out=$WORK/tickets
expected=$(sqlite3 "$db" "SELECT count(*) FROM attendee WHERE withdrawn = 0")

run tickets --out "$out" --db "$db" --json
expect_rc "tickets exits 0" 0
expect_json "tickets JSON counts every registration and names the folder" \
	".tickets == $expected and .dir == \"$out\" and .withdrawn == 0"
expect_eq "one PNG per registration" "$(find "$out" -name '*.png' | wc -l)" "$expected"
expect_eq "the CSV starts with a UTF-8 BOM" "$(head -c 3 "$out/tickets.csv" | od -An -tx1 | tr -d ' ')" "efbbbf"

# The CSV against codes computed here independently (ISO 7064 MOD 97-10 in Python).
sqlite3 -separator '|' "$db" "SELECT reg_no, name, phone, (SELECT value FROM setting WHERE key = 'event.code'), id, secret FROM attendee WHERE withdrawn = 0" >"$WORK/expected.txt"
csv_problems=$(python3 - "$out/tickets.csv" "$WORK/expected.txt" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
want = {}
for line in open(sys.argv[2], encoding="utf-8"):
    reg, name, phone, ev, seq, secret = line.rstrip("\n").split("|")
    body = f"{ev}{int(seq):06d}{secret}"
    code = body + "%02d" % (98 - int(body) * 100 % 97)
    want[reg] = (name, phone, code)
problems = []
if rows[0] != ["报名编号", "姓名", "手机", "签到码", "签到码(分组)", "文件"]:
    problems.append(f"header {rows[0]}")
for r in rows[1:]:
    reg, name, phone, code, grouped, file = r
    if want.get(reg) != (name, phone, code):
        problems.append(f"{reg}: {r}")
    if grouped != " ".join(code[i:i + 4] for i in range(0, 22, 4)):
        problems.append(f"{reg}: grouped {grouped}")
    if file != reg + ".png":
        problems.append(f"{reg}: file {file}")
if len(rows) - 1 != len(want):
    problems.append(f"{len(rows) - 1} rows for {len(want)} registrations")
print(len(problems), *problems[:3], sep="\n")
PY
)
expect_eq "every CSV row has the person's code, grouped code and file" "$(head -1 <<<"$csv_problems")" "0"

# Round trip: every ticket PNG through zbarimg and through `frontdesk scan`.
tail -n +2 "$out/tickets.csv" | tr -d '\r' | python3 -c '
import csv, sys
for r in csv.reader(sys.stdin):
    print(r[0], r[3], r[5])' >"$WORK/list.txt"
zbar_bad=0
scan_bad=0
while read -r reg code file; do
	got=$(zbarimg --nodbus -q --raw "$out/$file" 2>/dev/null)
	[ "$got" = "$code" ] || { zbar_bad=$((zbar_bad + 1)); echo "    zbarimg $file: '$got'"; }
	run scan "$out/$file" --db "$db" --json
	jq -e --arg r "$reg" --arg c "$code" '.code == $c and (.matches | length == 1) and .matches[0].reg_no == $r' "$OUT" >/dev/null ||
		{ scan_bad=$((scan_bad + 1)); echo "    scan $file: $(head -c 200 "$OUT")"; }
done <"$WORK/list.txt"
expect_eq "every ticket PNG decodes with zbarimg to its code ($expected)" "$zbar_bad" 0
expect_eq "every ticket PNG scans with frontdesk scan to its attendee ($expected)" "$scan_bad" 0

# One ticket, distorted: still the same attendee with both decoders.
read -r reg code file <<<"$(sed -n 7p "$WORK/list.txt")"
t=$out/$file
convert "$t" -rotate 90 "$WORK/r90.png"
convert "$t" -background white -rotate 15 "$WORK/r15.png"
convert "$t" -resize 50% "$WORK/s50.png"
convert -seed 7 "$t" -attenuate 1.5 +noise Gaussian -colorspace Gray "$WORK/noisy.png"
convert -seed 7 "$t" -attenuate 0.15 +noise Impulse -colorspace Gray "$WORK/speckled.png"
convert "$t" -colorspace Gray -depth 8 "$WORK/plain.pgm"
convert -seed 1 -size 1280x720 xc:gray70 \( "$t" -resize 150% -background white -rotate 5 \) \
	-geometry +480+160 -composite -attenuate 0.15 +noise Gaussian -colorspace Gray -depth 8 "$WORK/frame.pgm"
for v in r90.png r15.png s50.png noisy.png speckled.png plain.pgm frame.pgm; do
	expect_eq "$v decodes with zbarimg" "$(zbarimg --nodbus -q --raw "$WORK/$v" 2>/dev/null)" "$code"
	run scan "$WORK/$v" --db "$db" --json
	expect_json "$v scans to $reg" ".code == \"$code\" and .matches[0].reg_no == \"$reg\""
done
run scan "$WORK/r15.png" --db "$db"
expect_grep "scan in words shows the code and the person" "$code" "$OUT"
expect_grep "scan in words shows the verdict" "$reg" "$OUT"

# Pictures without a code, or not pictures at all: exit 2 and say so in both languages.
convert -size 300x200 xc:white -fill black -draw 'rectangle 40,40 120,120' "$WORK/nocode.png"
run scan "$WORK/nocode.png" --db "$db"
expect_rc "a picture without a code exits 2" 2
expect_grep "a picture without a code says so in Chinese" "没有找到二维码" "$ERR"
expect_grep "a picture without a code says so in English" "no QR code found" "$ERR"
run scan "$WORK/nocode.png" --db "$db" --json
expect_json "no code in JSON: code null, no codes, a message" '.code == null and .codes == [] and (.message | test("no QR code"))'
printf 'not a picture' >"$WORK/text.png"
run scan "$WORK/text.png" --db "$db"
expect_rc "a file that is no picture exits 2" 2
expect_grep "a file that is no picture is named as such" "only PNG, JPEG and binary PGM" "$ERR"
run scan "$WORK/missing.png" --db "$db"
expect_rc "a missing picture exits 2" 2
run scan --db "$db"
expect_rc "scan without a picture is bad usage" 2

# Every single-digit typo and every adjacent transposition of one code: BAD_CODE, exit 1.
subs=0
subs_bad=0
for ((i = 0; i < 22; i++)); do
	for d in 0 1 2 3 4 5 6 7 8 9; do
		[ "$d" = "${code:i:1}" ] && continue
		subs=$((subs + 1))
		run lookup "${code:0:i}$d${code:i+1}" --db "$db" --json
		{ [ "$RC" -eq 1 ] && jq -e '.matches == [] and .reasons == ["BAD_CODE"]' "$OUT" >/dev/null; } ||
			subs_bad=$((subs_bad + 1))
	done
done
expect_eq "all $subs single-digit typos are refused as BAD_CODE" "$subs_bad/$subs" "0/198"
swaps=0
swaps_bad=0
for ((i = 0; i < 21; i++)); do
	[ "${code:i:1}" = "${code:i+1:1}" ] && continue # the same code: nothing to catch
	swaps=$((swaps + 1))
	run lookup "${code:0:i}${code:i+1:1}${code:i:1}${code:i+2}" --db "$db" --json
	{ [ "$RC" -eq 1 ] && jq -e '.reasons == ["BAD_CODE"]' "$OUT" >/dev/null; } || swaps_bad=$((swaps_bad + 1))
done
expect_eq "all $swaps adjacent transpositions are refused as BAD_CODE" "$swaps_bad" 0

# The PDF sheet: A4, twelve cards a page, names and grouped digits as text.
pages=$(pdfinfo "$out/tickets.pdf" | awk '/^Pages:/ {print $2}')
expect_eq "the PDF has a page per twelve tickets" "$pages" "$(((expected + 11) / 12))"
expect_grep "the PDF is A4" "595.276 x 841.89" <(pdfinfo "$out/tickets.pdf")
name=$(sqlite3 "$db" "SELECT name FROM attendee WHERE reg_no = '$reg'")
pdftotext "$out/tickets.pdf" "$WORK/sheet.txt"
expect_grep "the PDF shows a demo name ($name)" "$name" "$WORK/sheet.txt"
expect_grep "the PDF shows that person's grouped digits" "$(sed 's/\(....\)/\1 /g; s/ $//' <<<"$code")" "$WORK/sheet.txt"
expect_eq "no temporary file is left" "$(find "$out" -name '*.tmp' | wc -l)" 0

# A withdrawn registration gets no ticket; the folder defaults to ./tickets.
gone=$(sed -n 3p "$DEMO/roster.csv" | cut -d, -f1)
awk -F, -v gone="$gone" 'NR == 1 || $1 != gone' "$DEMO/roster.csv" >"$WORK/morning.csv"
"$FD" import "$WORK/morning.csv" --collective "$DEMO/collective.csv" --db "$db" >/dev/null
mkdir -p "$WORK/cwd"
(cd "$WORK/cwd" && "$FD" tickets --db "$db" --json) >"$OUT" 2>"$ERR"
expect_json "withdrawn registrations are skipped and counted" ".tickets == $((expected - 1)) and .withdrawn == 1 and .dir == \"tickets\""
[ ! -e "$WORK/cwd/tickets/$gone.png" ] && pass "no PNG for the withdrawn $gone" || fail "no PNG for the withdrawn $gone"
if grep -q "^$gone," "$WORK/cwd/tickets/tickets.csv"; then fail "no CSV row for the withdrawn"; else pass "no CSV row for the withdrawn"; fi

# Unwritable folder: exit 3 with a message.
printf x >"$WORK/afile"
run tickets --out "$WORK/afile" --db "$db"
expect_rc "tickets into a file that is no folder exits 3" 3
expect_grep "and says why" "cannot create the folder" "$ERR"
run tickets extra --db "$db"
expect_rc "tickets takes no positional argument" 2

# File names made safe: path separators, a reserved Windows name, a hidden-file dot, case twins.
odd=$WORK/odd.db
empty_db "$odd"
{
	head -1 "$DEMO/roster.csv"
	for r in 'A/1' 'a_1' 'CON' '.hidden' '../up' 'Ok-1.2'; do
		sed -n 2p "$DEMO/roster.csv" | sed "s#^[^,]*#$r#; s#,1[3-9][0-9]\{9\},#,13$(printf '%09d' $RANDOM),#"
	done
} >"$WORK/odd.csv"
"$FD" import "$WORK/odd.csv" --db "$odd" >/dev/null 2>&1
run tickets --out "$WORK/oddt" --db "$odd" --json
expect_json "tickets for odd reg_nos" '.tickets == 6'
files=$(tail -n +2 "$WORK/oddt/tickets.csv" | tr -d '\r' | cut -d, -f6 | LC_ALL=C sort | tr '\n' ' ')
expect_eq "odd reg_nos get safe, distinct file names" "$files" "A_1.png Ok-1.2.png _._up.png _CON.png _hidden.png a_1-2.png "
expect_eq "every odd name is a file in the folder" "$(find "$WORK/oddt" -name '*.png' | wc -l)" 6

# The camera's dir: source: frames in name order every 200 ms; a held code is passed once.
frames=$WORK/frames
mkdir -p "$frames"
read -r reg2 code2 file2 <<<"$(sed -n 8p "$WORK/list.txt")"
cp "$t" "$frames/01.png"
cp "$WORK/r15.png" "$frames/02.png" # the same code again within 3 s: dropped
cp "$out/$file2" "$frames/03.png"
cp "$WORK/nocode.png" "$frames/04.png"
cp "$WORK/frame.pgm" "$frames/05.pgm" # the first code again: still within 3 s of its last sighting
printf 'junk' >"$frames/06.png"      # an unreadable frame is skipped (5 played)
run scan --camera "dir:$frames" --seconds 20 --json
expect_rc "the dir: camera plays its folder and exits 0" 0
expect_json "the dir: camera passes each code once, in order" ".codes == [\"$code\", \"$code2\"] and .state == \"ended\""
expect_json "the dir: camera says what it played" '.message | test("pictures played: 5")'
run scan --camera "dir:$frames" --seconds 20
expect_eq "in words: one code a line" "$(cat "$OUT")" "$code
$code2"
run scan --camera "dir:$WORK/none" --json
expect_rc "a missing folder is a camera failure (exit 3)" 3
expect_json "a missing folder is reported, not crashed on" '.state == "failed" and (.message | test("cannot open the picture folder"))'
run scan --camera /dev/video-none --json
expect_rc "no camera exits 3" 3
expect_json "no camera says so and that the scanner still works" '(.message | test("no camera at /dev/video-none")) and (.message | test("scanner still works"))'
run scan --camera "dir:$frames" --seconds 0
expect_rc "--seconds 0 is bad usage" 2
run scan "$t" --camera "dir:$frames"
expect_rc "a picture and --camera together is bad usage" 2
