#!/bin/bash
# Badge PDFs (DESIGN section 3, "Badge"): `frontdesk badge` and `frontdesk badges` on the demo
# event, read back the way a person would: the page turned into PNG (pdftoppm) and its QR
# decoded (zbarimg) must give that attendee's code, computed here independently; the text
# (pdftotext) must carry the name and organisation, and every word must lie inside the page's
# 5 mm margin (nothing overflowed or was pushed off); the A4 sheet must have one page per four
# badges, each with four decodable QR codes.
source "$(dirname "$0")/lib.sh"

for tool in pdftoppm pdftotext pdfinfo pdffonts zbarimg sqlite3 python3; do
	command -v "$tool" >/dev/null || { echo "not ok - $tool is installed"; exit 1; }
done

db=$WORK/demo.db
demo_db "$db"

# decode PDF: the QR payloads of every page of PDF, one per line, sorted.
decode() {
	rm -f "$WORK"/page-*.png
	pdftoppm -png -r 150 "$1" "$WORK/page"
	for png in "$WORK"/page-*.png; do zbarimg --nodbus -q --raw "$png"; done | sort
}

# text PDF: the PDF's text with spaces and line breaks removed (wrapped lines join up).
text() { pdftotext "$1" - | tr -d ' \n'; }

# inside_margin PDF MM: prints nothing when every word of every page lies at least MM mm
# inside the page, else the words that do not.
inside_margin() {
	pdftotext -bbox "$1" - | python3 -c '
import re, sys
margin = float(sys.argv[1]) * 72 / 25.4 - 0.5
w = h = 0
for line in sys.stdin:
    m = re.search(r"<page width=\"([\d.]+)\" height=\"([\d.]+)\"", line)
    if m:
        w, h = float(m.group(1)), float(m.group(2))
    m = re.search(r"xMin=\"([\d.-]+)\" yMin=\"([\d.-]+)\" xMax=\"([\d.-]+)\" yMax=\"([\d.-]+)\">(.*)</word>", line)
    if m:
        x0, y0, x1, y1 = map(float, m.groups()[:4])
        if x0 < margin or y0 < margin or x1 > w - margin or y1 > h - margin:
            print(m.group(5), x0, y0, x1, y1, "page", w, h)' "$2"
}

# check_badge LABEL REG_NO [SIZE]: one badge renders, decodes to its code and carries its text.
check_badge() {
	local pdf=$WORK/$2.pdf name org
	run badge "$2" --out "$pdf" --size "${3:-default}" --db "$db"
	expect_rc "$1: badge renders" 0
	expect_eq "$1: the QR is the attendee's code" "$(decode "$pdf")" "$(ticket_code "$db" "$2")"
	name=$(sqlite3 "$db" "SELECT name FROM attendee WHERE reg_no = '$2'")
	org=$(sqlite3 "$db" "SELECT organisation FROM attendee WHERE reg_no = '$2'")
	expect_grep "$1: the name is in the text" "$name" <(text "$pdf")
	expect_grep "$1: the organisation is in the text" "$org" <(text "$pdf")
	expect_eq "$1: every word lies inside the margin" "$(inside_margin "$pdf" 5)" ""
}

check_badge "normal" WH2026-0001
# one CJK font file for cairo to read (fonts.h): the bold name is the regular face emboldened,
# the code is in the text face; a Bold or Mono face embedded would double the badge's memory
faces=$(pdffonts "$WORK/WH2026-0001.pdf" | awk 'NR > 2 {sub(/^[A-Z]+\+/, "", $1); print $1}')
expect_eq "the badge embeds the regular Noto CJK face" "$(grep -c '^NotoSansCJKsc-Regular$' <<<"$faces")" 1
expect_eq "and no bold or monospaced face" "$(grep -c -E 'Bold|Mono' <<<"$faces")" 0
size=$(pdfinfo "$WORK/WH2026-0001.pdf" | awk '/^Page size/ {print $3 "x" $5}')
expect_eq "the default badge is 90 x 120 mm" "$size" "255.118x340.157"

# the longest organisation of the demo (28 characters) wraps and shrinks, whole
longest=$(sqlite3 "$db" "SELECT reg_no FROM attendee ORDER BY length(organisation) DESC, reg_no LIMIT 1")
check_badge "longest organisation ($longest)" "$longest"
check_badge "a name outside the BMP (张𠮷祥)" WH2026-0074
expect_grep "the text keeps U+20BB7" "张𠮷祥" <(text "$WORK/WH2026-0074.pdf")
check_badge "a name with a middle dot (阿不都·热合曼)" WH2026-0118
expect_grep "the text keeps the middle dot" "阿不都·热合曼" <(text "$WORK/WH2026-0118.pdf")

check_badge "A6" WH2026-0002 a6
size=$(pdfinfo "$WORK/WH2026-0002.pdf" | awk '/^Page size/ {print $3 "x" $5}')
expect_eq "the A6 badge is 105 x 148 mm" "$size" "297.638x419.528"

# far beyond anything on a roster: shrinks below size_min and still stays on the badge
cp "$db" "$WORK/long.db"
long_name=$(printf '欧阳%.0s' $(seq 1 30))
long_org=$(printf '图书馆学会学术委员会%.0s' $(seq 1 12))
sqlite3 "$WORK/long.db" "UPDATE attendee SET name = '$long_name', organisation = '$long_org' WHERE reg_no = 'WH2026-0005'"
run badge WH2026-0005 --out "$WORK/long.pdf" --db "$WORK/long.db"
expect_rc "a 60-character name and a 120-character organisation render" 0
expect_grep "the long name is all there" "$long_name" <(text "$WORK/long.pdf")
expect_grep "the long organisation is all there" "$long_org" <(text "$WORK/long.pdf")
expect_eq "the long text stays inside the margin" "$(inside_margin "$WORK/long.pdf" 5)" ""
expect_eq "the long badge still decodes" "$(decode "$WORK/long.pdf")" "$(ticket_code "$WORK/long.db" WH2026-0005)"

run badge WH2026-9999 --out "$WORK/none.pdf" --db "$db"
expect_rc "an unknown reg_no is bad input" 2
expect_eq "and leaves no file" "$(ls "$WORK"/none.pdf* 2>/dev/null)" ""
run badge WH2026-0001 --db "$db"
expect_rc "badge without --out is a usage error" 2
run badge WH2026-0001 --out "$WORK/x.pdf" --size a5 --db "$db"
expect_rc "an unknown size is refused" 3

# the whole demo event on A4 sheets, four badges a page with cut marks
sheet=$WORK/all.pdf
run badges --all --sheet a4 --out "$sheet" --db "$db" --json
expect_rc "badges --all --sheet a4 renders" 0
expect_json "it reports 180 badges on 45 pages" '.badges == 180 and .pages == 45'
expect_eq "the PDF has 45 pages" "$(pdfinfo "$sheet" | awk '/^Pages:/ {print $2}')" 45
size=$(pdfinfo "$sheet" | awk '/^Page size/ {print $3 "x" $5}')
expect_eq "the sheet is A4" "$size" "595.276x841.89"
# zbar's whole-page scan now and then misses one of several QR codes that it reads alone, so
# each badge's cell (2 x 2 badges of 90 x 120 mm centred on A4; 150 dpi) is decoded on its own
for cell in "0 0" "1 0" "0 1" "1 1"; do
	read -r c r <<<"$cell"
	pdftoppm -png -r 150 -x $((89 + c * 531)) -y $((168 + r * 709)) -W 531 -H 709 "$sheet" \
		"$WORK/cell$c$r"
done
bad_pages=""
for page in $(seq -w 1 45); do
	n=$(for png in "$WORK"/cell??-"$page".png; do zbarimg --nodbus -q --raw "$png"; done | wc -l)
	[ "$n" -eq 4 ] || bad_pages="$bad_pages $page:$n"
done
expect_eq "every page has four decodable QR codes" "$bad_pages" ""
got=$(for png in "$WORK"/cell??-*.png; do zbarimg --nodbus -q --raw "$png"; done | sort)
want=$(sqlite3 "$db" "SELECT (SELECT value FROM setting WHERE key='event.code'), id, secret FROM attendee" |
	python3 -c '
import sys
for line in sys.stdin:
    code, seq, secret = line.strip().split("|")
    body = f"{code}{int(seq):06d}{secret}"
    print(body + "%02d" % (98 - int(body) * 100 % 97))' | sort)
expect_eq "the sheet holds every attendee's code once" "$got" "$want"
expect_eq "every word of the sheet lies inside the paper's margin" "$(inside_margin "$sheet" 10)" ""
