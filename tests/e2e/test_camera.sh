# The webcam reads what a hand really holds (issue 20): 50 phone-like photos made by
# scripts/gen-phone-photos (fixed seed: turned 5-30 degrees, tipped, moire, blur, squeezed
# contrast, noise, JPEG quality 40, the code 12-18% of a 1280x720 frame) go through
# `frontdesk scan`, with zbarimg on the same photos printed beside it; at least 48 must decode
# and none to a wrong code. A page of tickets.pdf at 150 dpi, scanned or photographed, gives
# all 12 codes to `scan --all`. Cut-short and garbage JPEG and PNG files are refused with a message, never
# crashed on. The camera thread (dir: source) reads the photos through the same pipeline.
. "$(dirname "$0")/lib.sh"
# cairo 1.16 and fontconfig keep some allocations until exit (see tests/lsan.supp)
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$ROOT/tests/lsan.supp:print_suppressions=0}

db=$WORK/desk.db
demo_db "$db"
# fixed secrets, so that the codes (and the photos of them) are the same on every run
sqlite3 "$db" "UPDATE attendee SET secret = substr('000000000' || ((id * 2654435761) % 10000000000), -10)"
"$FD" tickets --out "$WORK/tickets" --db "$db" >/dev/null
# the photos are drawn (ImageMagick, ~12 s of CPU) while the sheet and the bad files are tested
photos=$WORK/photos
"$ROOT/scripts/gen-phone-photos" --tickets "$WORK/tickets" --count 50 --seed 1 --out "$photos" \
	>"$WORK/gen.log" 2>&1 &
gen_pid=$!

# A page of the tickets PDF at 150 dpi: every one of its 12 codes with scan --all.
pdftoppm -r 150 -f 1 -l 1 -gray "$WORK/tickets/tickets.pdf" "$WORK/page"
page=$(ls "$WORK"/page*.pgm | head -1)
tail -n +2 "$WORK/tickets/tickets.csv" | head -12 | cut -d, -f4 | LC_ALL=C sort >"$WORK/page-want.txt"
run scan --all "$page"
expect_rc "scan --all exits 0" 0
LC_ALL=C sort "$OUT" >"$WORK/page-got.txt"
echo "    tickets.pdf page 1 at 150 dpi: scan --all $(wc -l <"$OUT")/12, zbarimg $(zbarimg --nodbus -q --raw "$page" 2>/dev/null | wc -l)/12"
expect_eq "scan --all lists all 12 codes of the page, each once" "$(cat "$WORK/page-got.txt")" "$(cat "$WORK/page-want.txt")"
run scan --all "$page" --json
expect_json "scan --all in JSON: the 12 codes" '.codes | length == 12'
convert "$page" -quality 60 "$WORK/page.jpg"
run scan --all "$WORK/page.jpg"
expect_eq "scan --all reads the page as a JPEG too" "$(LC_ALL=C sort "$OUT")" "$(cat "$WORK/page-want.txt")"
# the page photographed: tipped, on a brown desk, blurred, noisy, a JPEG
convert -seed 2 "$page" -resize 1600x -background 'rgb(90,80,70)' -virtual-pixel background \
	+distort Perspective '0,0 60,40 1600,0 1480,90 1600,2262 1560,2200 0,2262 20,2240' \
	-blur 0x1.2 -attenuate 0.4 +noise Gaussian -quality 50 "$WORK/page-photo.jpg"
run scan --all "$WORK/page-photo.jpg"
expect_eq "scan --all reads the page photographed" "$(LC_ALL=C sort "$OUT")" "$(cat "$WORK/page-want.txt")"
run scan --all
expect_rc "scan --all without a picture is bad usage" 2
convert -size 400x300 xc:white "$WORK/blank.png"
run scan --all "$WORK/blank.png" --json
expect_rc "scan --all of a page without codes exits 2" 2
expect_json "and says so" '.codes == [] and (.message | test("no QR code"))'

# Bad files: cut short or garbage, JPEG and PNG: exit 2 and a message that says what to do.
jpg=$WORK/page.jpg
head -c $(($(stat -c %s "$jpg") / 2)) "$jpg" >"$WORK/cut.jpg"
# garbage: the same bytes on every run (a fixed seed), after each format's signature
noise() { python3 -c 'import random, sys; r = random.Random(7); sys.stdout.buffer.write(bytes(r.randrange(256) for _ in range(3000)))'; }
{ printf '\xff\xd8\xff\xe0'; noise; } >"$WORK/garbage.jpg"
head -c 10 "$jpg" >"$WORK/header-only.jpg"
png=$WORK/tickets/$(tail -n +2 "$WORK/tickets/tickets.csv" | head -1 | cut -d, -f6 | tr -d '\r')
head -c $(($(stat -c %s "$png") / 2)) "$png" >"$WORK/cut.png"
{ head -c 33 "$png"; noise; } >"$WORK/garbage.png"
for bad in cut.jpg:"cut short" garbage.jpg:"damaged" header-only.jpg:"" cut.png:"cut short" garbage.png:"damaged"; do
	f=${bad%%:*} why=${bad#*:}
	for mode in "" --all; do
		run scan $mode "$WORK/$f" --db "$db"
		expect_rc "scan $mode $f is refused (exit 2)" 2
		expect_grep "scan $mode $f names the file" "cannot read the picture $WORK/$f" "$ERR"
		[ -z "$why" ] || expect_grep "scan $mode $f says it is $why" "$why" "$ERR"
	done
done
run scan "$WORK/cut.jpg" --db "$db"
expect_grep "a cut-short JPEG says to send it again" "send it again" "$ERR"

wait "$gen_pid" || fail "the photo generator runs" "$(head -c 300 "$WORK/gen.log")"
expect_eq "the generator made 50 photos" "$(find "$photos" -name 'photo-*.jpg' | wc -l)" 50

# Each photo through frontdesk scan (to the right attendee) and through zbarimg.
fd_ok=0 fd_wrong=0 zb_ok=0 zb_wrong=0 n=0 table=()
while read -r file code note; do
	n=$((n + 1))
	run scan "$photos/$file" --db "$db" --json
	got=$(jq -r '.code // ""' "$OUT" 2>/dev/null)
	reg=$(jq -r '.matches[0].reg_no // ""' "$OUT" 2>/dev/null)
	if [ "$got" = "$code" ] && [ -n "$reg" ]; then fd=ok; fd_ok=$((fd_ok + 1)); elif [ -n "$got" ]; then fd="WRONG:$got"; fd_wrong=$((fd_wrong + 1)); else fd=-; fi
	zgot=$(zbarimg --nodbus -q --raw "$photos/$file" 2>/dev/null | head -1)
	if [ "$zgot" = "$code" ]; then zb=ok; zb_ok=$((zb_ok + 1)); elif [ -n "$zgot" ]; then zb="WRONG:$zgot"; zb_wrong=$((zb_wrong + 1)); else zb=-; fi
	[ "$fd" = ok ] && [ "$zb" = ok ] || table+=("$(printf '%s %-44s frontdesk %-4s zbarimg %s' "$file" "$note" "$fd" "$zb")")
done <"$photos/photos.txt"
echo "    phone-like photos decoded: frontdesk scan $fd_ok/$n ($fd_wrong wrong), zbarimg $zb_ok/$n ($zb_wrong wrong)"
for line in "${table[@]}"; do echo "      $line"; done
[ "$fd_ok" -ge 48 ] && pass "at least 48 of 50 phone-like photos decode ($fd_ok; zbarimg $zb_ok)" ||
	fail "at least 48 of 50 phone-like photos decode ($fd_ok; zbarimg $zb_ok)"
expect_eq "no photo decodes to a wrong code" "$fd_wrong" 0

# A JPEG photo in words: the code and the person.
read -r file code _ <<<"$(head -1 "$photos/photos.txt")"
reg=$(awk -F, -v c="$code" '$4 == c {print $1}' "$WORK/tickets/tickets.csv")
run scan "$photos/$file" --db "$db"
expect_rc "a JPEG photo scans (exit 0)" 0
expect_grep "the JPEG photo's code is shown" "$code" "$OUT"
expect_grep "the JPEG photo's attendee is shown" "$reg" "$OUT"

# The camera thread reads the photos through the same pipeline: photos zbarimg cannot read
# on the whole frame come to the desk all the same, each once.
frames=$WORK/frames
mkdir -p "$frames"
want=()
while read -r file code _; do
	zbarimg --nodbus -q --raw "$photos/$file" >/dev/null 2>&1 && continue
	[[ " ${want[*]} " == *" $code "* ]] && continue # the camera passes a code once in 3 s
	cp "$photos/$file" "$frames/$file"
	want+=("$code")
	[ ${#want[@]} -ge 4 ] && break
done <"$photos/photos.txt"
run scan --camera "dir:$frames" --seconds 20
expect_rc "the camera plays the photos" 0
expect_eq "the camera passes the code of each photo whole-frame zbar misses" "$(cat "$OUT")" "$(printf '%s\n' "${want[@]}")"
