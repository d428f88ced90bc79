# Hostile sticks and hands (issue 14): what someone who prepares the USB stick, pulls it at the
# wrong moment, or leaves the desk in an odd state can make frontdesk do.
#  - links planted on the stick (as an old temporary folder, as a file in one, as the export
#    folder's own name, or swapped in while the export runs) never lead the export outside the
#    stick, and it deletes nothing it did not write;
#  - a stick pulled mid-export (a loop device that loses its disk while the export waits at
#    FRONTDESK_EXPORT_PAUSE) does not leave a hidden copy of the database unmentioned: the
#    message and --json name the folder and say it holds personal data;
#  - a stick without free inodes is called out of room for files, not "full" by megabytes;
#  - a read-only database folder still answers lookups, and a check-in says what to do;
#  - a check-in while another program holds the write lock says so in both languages.
. "$(dirname "$0")/lib.sh"

MNT=$WORK/mnt
cleanup() {
	[ -n "${holder:-}" ] && kill "$holder" 2>/dev/null
	mountpoint -q "$MNT" 2>/dev/null && umount -l "$MNT" 2>/dev/null
	mountpoint -q "$WORK/desk" 2>/dev/null && umount "$WORK/desk" 2>/dev/null
	rm -rf "$WORK"
}
trap cleanup EXIT

export FRONTDESK_NOW="2026-05-25 21:05:00"
dbdir=$WORK/desk
db=$dbdir/desk.db
base=$WORK/base.db
demo_db "$base"
"$FD" checkin WH2026-0079 --db "$base" --operator alice >/dev/null
# fresh_desk: the desk's folder as it was before (a failed check here must not spoil the next)
fresh_desk() {
	rm -rf "$dbdir"
	mkdir -p "$dbdir"
	cp "$base" "$db"
	echo "keep me" >"$dbdir/notes.txt"
}
fresh_desk
# jq 1.6 -e passes on empty output: a check on --json needs the output to be there
expect_json() {
	if [ -s "$OUT" ] && jq -e "$2" "$OUT" >/dev/null 2>&1; then pass "$1"; else fail "$1" "jq filter failed: $2"; fi
}
root=$([ "$(id -u)" -eq 0 ] && echo 1 || echo 0)

# A folder outside every stick that planted links point at; its fingerprint must never change.
victim=$WORK/victim
mkdir -p "$victim/inner"
echo "not yours" >"$victim/secret.txt"
echo "db" >"$victim/keep.db"
echo "deep" >"$victim/inner/checkins.csv"
fingerprint() { (cd "$1" && find . -printf '%p %y %s %m\n' | LC_ALL=C sort && find . -type f -exec sha256sum {} + | LC_ALL=C sort) | sha256sum; }
victim_before=$(fingerprint "$victim")
desk_intact() {
	expect_eq "$1: the database folder still has the database" "$([ -f "$db" ] && echo yes)" "yes"
	expect_eq "$1: the database folder keeps its other files" "$(cat "$dbdir/notes.txt" 2>/dev/null)" "keep me"
	expect_eq "$1: the database is whole" "$(sqlite3 "$db" 'PRAGMA integrity_check' 2>&1)" "ok"
	expect_eq "$1: nothing outside the stick changed" "$(fingerprint "$victim")" "$victim_before"
}
# sanitizer_clean NAME: what run() checks, for an export started in the background
sanitizer_clean() {
	if grep -q 'ERROR: [A-Za-z]*Sanitizer\|runtime error:' "$ERR"; then
		fail "no sanitizer report: $1" "$(grep -m3 'Sanitizer\|runtime error' "$ERR")"
	fi
}
wait_for() {
	for _ in $(seq 300); do
		[ -e "$1" ] && return 0
		sleep 0.1
	done
	return 1
}

# --- links planted as leftovers of an old export ---
stick=$WORK/stick1
mkdir -p "$stick"
ln -s "$dbdir" "$stick/.frontdesk-tmp-AAAAAA"
ln -s "$victim/secret.txt" "$stick/.frontdesk-tmp-BBBBBB"
mkdir -p "$stick/.frontdesk-tmp-CCCCCC/sub"
ln -s "$victim/keep.db" "$stick/.frontdesk-tmp-CCCCCC/snapshot.db"
ln -s "$victim/inner" "$stick/.frontdesk-tmp-CCCCCC/journal.csv"
echo "someone's" >"$stick/.frontdesk-tmp-CCCCCC/notes.txt"
echo "x" >"$stick/.frontdesk-tmp-CCCCCC/sub/checkins.csv"
mkdir -p "$stick/.frontdesk-tmp-DDDDDD"
echo "old" >"$stick/.frontdesk-tmp-DDDDDD/snapshot.db"
echo "old" >"$stick/.frontdesk-tmp-DDDDDD/checkins.csv"
run export --to "$stick" --db "$db" --json
expect_rc "an export past planted links succeeds" 0
expect_json "it names its own folder on the stick" ".result == \"exported\" and .folder == \"$stick/frontdesk-2605-A-20260525-2105\""
desk_intact "links to the database folder and elsewhere"
expect_eq "a planted link to a folder is left alone" "$(readlink "$stick/.frontdesk-tmp-AAAAAA")" "$dbdir"
expect_eq "a planted link to a file is left alone" "$(readlink "$stick/.frontdesk-tmp-BBBBBB")" "$victim/secret.txt"
expect_eq "a file the export did not write stays in a leftover folder" \
	"$(cat "$stick/.frontdesk-tmp-CCCCCC/notes.txt" 2>/dev/null)" "someone's"
expect_eq "a leftover folder's subfolder is not entered" \
	"$(cat "$stick/.frontdesk-tmp-CCCCCC/sub/checkins.csv" 2>/dev/null)" "x"
expect_eq "a link with an export file's name in a leftover folder is left alone" \
	"$(readlink "$stick/.frontdesk-tmp-CCCCCC/snapshot.db")" "$victim/keep.db"
expect_eq "a real leftover of an export is removed" "$([ -e "$stick/.frontdesk-tmp-DDDDDD" ] && echo there || echo gone)" "gone"

fresh_desk
# --- a link planted as the export folder's own name ---
stick=$WORK/stick2
mkdir -p "$stick"
ln -s "$victim" "$stick/frontdesk-2605-A-20260525-2105"
ln -s "$WORK/nowhere" "$stick/frontdesk-2605-A-20260525-2105-2"
run export --to "$stick" --db "$db" --json
expect_rc "an export next to links with its folder's name succeeds" 0
expect_json "it takes the next free name" ".folder == \"$stick/frontdesk-2605-A-20260525-2105-3\""
expect_eq "the links with its name are left alone" \
	"$(readlink "$stick/frontdesk-2605-A-20260525-2105") $(readlink "$stick/frontdesk-2605-A-20260525-2105-2")" \
	"$victim $WORK/nowhere"
expect_eq "nothing was written through the dangling link" "$([ -e "$WORK/nowhere" ] && echo there || echo absent)" "absent"
desk_intact "links with the export folder's name"

fresh_desk
# --- links planted in the export's own temporary folder while it runs ---
# FRONTDESK_EXPORT_PAUSE=FILE: after the snapshot the export creates FILE and waits until it is gone.
planted_midway() { # NAME SETUP: runs SETUP (in the stick) while the export waits
	local stick=$WORK/$1 pause=$WORK/pause-$1
	mkdir -p "$stick"
	FRONTDESK_EXPORT_PAUSE=$pause "$FD" export --to "$stick" --db "$db" --json >"$OUT" 2>"$ERR" &
	local pid=$!
	if ! wait_for "$pause"; then
		fail "$1: the export pauses after the snapshot (FRONTDESK_EXPORT_PAUSE)"
		kill "$pid" 2>/dev/null
		wait "$pid"
		return 1
	fi
	tmp=$(cd "$stick" && ls -d .frontdesk-tmp-* | head -1)
	(cd "$stick" && eval "$2")
	rm -f "$pause"
	wait "$pid"
	RC=$?
	sanitizer_clean "$1"
}
if planted_midway stick3 'ln -s "$victim/secret.txt" "$tmp/checkins.csv"'; then
	expect_rc "a link planted in the temporary folder stops the export (exit 3)" 3
	expect_json "it does not claim an export" '.result == "failed" and .folder == null'
	desk_intact "a link planted in the temporary folder"
	expect_eq "no export folder is visible" "$(find "$WORK/stick3" -maxdepth 1 -name 'frontdesk-*' | wc -l)" "0"
	expect_eq "the export's own files were taken away, the planted link left" \
		"$(cd "$WORK/stick3" && find . -mindepth 1 | LC_ALL=C sort | tr '\n' ' ')" "./$tmp ./$tmp/checkins.csv "
	expect_json "the folder it could not remove is named, without personal data in it" \
		".left_behind == \"$WORK/stick3/$tmp\" and .personal_data == false"
fi
if planted_midway stick4 'mv "$tmp" ../moved && ln -s "$victim" "$tmp"'; then
	expect_rc "a temporary folder swapped for a link stops the export (exit 3)" 3
	expect_json "it does not claim an export" '.result == "failed" and .folder == null'
	desk_intact "a temporary folder swapped for a link"
	expect_eq "the link was not renamed into an export folder" "$(find "$WORK/stick4" -maxdepth 1 -name 'frontdesk-*' | wc -l)" "0"
	expect_eq "the export's files were taken out of the moved folder" "$(ls -A "$WORK/moved" | wc -l)" "0"
fi

fresh_desk
# --- a stick pulled in the middle of the export ---
# small_fs KB [mkfs options]: a loop-mounted ext2 image of KB kibibytes at $MNT.
small_fs() {
	mountpoint -q "$MNT" && umount "$MNT"
	mkdir -p "$MNT"
	rm -f "$WORK/fs.img"
	dd if=/dev/zero of="$WORK/fs.img" bs=1k count="$1" status=none &&
		mkfs.ext2 -q -F -m 0 ${2:-} "$WORK/fs.img" 2>/dev/null &&
		mount -o loop "$WORK/fs.img" "$MNT" 2>/dev/null
}
pulled_checks() { # WHERE: the message and --json name the hidden folder left on the stick
	expect_rc "a stick pulled mid-export exits 3" 3
	expect_json "the pulled export names the hidden folder and says it holds personal data" \
		".result == \"failed\" and (.left_behind | startswith(\"$1/.frontdesk-tmp-\")) and .personal_data == true and (.left_behind_files | index(\"snapshot.db\") != null)"
	left=$(jq -r .left_behind "$OUT")
	expect_json "the message names that folder in both languages" \
		"(.message | contains(\"$left\")) and (.message | contains(\"个人信息\")) and (.message | contains(\"personal data\")) and (.message | contains(\"ticket secrets\")) and (.message | contains(\"no partial export\") | not)"
	expect_json "it says the folder must be deleted and how" \
		'(.message | contains("must be deleted")) and (.message | contains("必须删除"))'
}
if [ "$root" = 1 ] && small_fs 8192; then
	dev=$(findmnt -n -o SOURCE "$MNT")
	pause=$WORK/pause-pull
	FRONTDESK_EXPORT_PAUSE=$pause "$FD" export --to "$MNT" --db "$db" --json >"$OUT" 2>"$ERR" &
	pid=$!
	if wait_for "$pause"; then
		# the stick as it is at the pull: what was written so far reached it
		sync
		cp "$WORK/fs.img" "$WORK/pulled.img"
		# the disk goes away under the mounted filesystem: every later write fails
		truncate -s 0 "$WORK/fs.img"
		losetup -c "$dev"
		rm -f "$pause"
		wait "$pid"
		RC=$?
		sanitizer_clean "a pulled stick"
		pulled_checks "$MNT"
		hidden=$(basename "$(jq -r .left_behind "$OUT")")
		umount -l "$MNT"
		# plugged in again: the folder is where the message said, and the next export removes it
		mount -o loop "$WORK/pulled.img" "$MNT"
		expect_eq "the plugged-in stick holds the named folder with the database copy" \
			"$([ -f "$MNT/$hidden/snapshot.db" ] && echo yes)" "yes"
		FRONTDESK_NOW="2026-05-25 21:15:00" run export --to "$MNT" --db "$db" --json
		expect_rc "the next export onto that stick succeeds" 0
		expect_eq "and removes the hidden folder" "$(find "$MNT" -maxdepth 1 -name '.frontdesk-tmp-*' | wc -l)" "0"
		umount "$MNT"
	else
		fail "a pulled stick: the export pauses after the snapshot (FRONTDESK_EXPORT_PAUSE)"
		kill "$pid" 2>/dev/null
		wait "$pid"
	fi
elif [ "$root" = 0 ]; then
	# without root the "pull" is a folder that refuses to be written or emptied
	if planted_midway stick5 'chmod 500 "$tmp"'; then
		pulled_checks "$WORK/stick5"
		chmod 700 "$WORK/stick5"/.frontdesk-tmp-*
	fi
else
	echo "ok - a stick pulled mid-export # SKIP cannot mount a loop filesystem here"
fi

fresh_desk
# an injected write error on a stick that stays: the folder goes, and nothing is said to be left
stick=$WORK/stick6
mkdir -p "$stick"
FRONTDESK_EXPORT_FAIL_AFTER=20000 run export --to "$stick" --db "$db" --json
expect_rc "a write error exits 3" 3
expect_json "with the stick still there nothing is left behind" \
	'.left_behind == null and .personal_data == false and (.message | contains("no partial export"))'
expect_eq "and indeed nothing is on it" "$(ls -A "$stick" | wc -l)" "0"

fresh_desk
# --- a stick with room for bytes but not for files ---
if [ "$root" = 1 ] && small_fs 8192 "-N 16"; then
	i=0
	while touch "$MNT/f$i" 2>/dev/null; do i=$((i + 1)); done
	run export --to "$MNT" --db "$db" --json
	expect_rc "a stick out of inodes exits 3" 3
	expect_json "it says there is no room for more files, not megabytes" \
		'.failure == "too_many_files" and (.message | contains("no room for more files")) and (.message | contains("MB") | not)'
	expect_grep "and in Chinese" "文件数已满" "$OUT"
	# a few inodes free: the export runs out of them half-way
	rm -f "$MNT/f0" "$MNT/f1" "$MNT/f2" "$MNT/f3"
	run export --to "$MNT" --db "$db" --json
	expect_rc "a stick that runs out of inodes mid-export exits 3" 3
	expect_json "it says there is no room for more files" '.failure == "too_many_files" and .left_behind == null'
	expect_eq "no temporary folder is left" "$(find "$MNT" -maxdepth 1 -name '.frontdesk-tmp-*' | wc -l)" "0"
	umount "$MNT"
else
	echo "ok - a stick out of inodes # SKIP cannot mount a loop filesystem here"
fi

fresh_desk
# --- a read-only database folder ---
rodb=$WORK/ro/desk.db
mkdir -p "$WORK/ro"
cp "$db" "$rodb"
before=$(sha "$rodb")
if [ "$root" = 1 ]; then
	mount --bind "$WORK/ro" "$WORK/ro" && mount -o remount,ro,bind "$WORK/ro"
else
	chmod 555 "$WORK/ro"
fi
run lookup WH2026-0079 --db "$rodb" --json
expect_rc "lookup on a read-only database folder exits 0" 0
expect_json "and finds the person" '.matches[0].reg_no == "WH2026-0079" and .matches[0].checked_in == true'
run lookup 张伟 --db "$rodb"
expect_rc "a name search on it works too" 0
run checkin WH2026-0001 --db "$rodb" --operator alice
expect_rc "a check-in on a read-only database folder exits 3" 3
expect_grep "it says the folder is read-only and what to do" "read-only" "$ERR"
expect_grep "in Chinese too" "只读" "$ERR"
expect_grep "it says lookups still work" "look" "$ERR"
expect_eq "the database file is unchanged" "$(sha "$rodb")" "$before"
expect_eq "nothing was added beside it" "$(ls -A "$WORK/ro")" "desk.db"
if [ "$root" = 1 ]; then umount "$WORK/ro"; else chmod 755 "$WORK/ro"; fi

fresh_desk
# --- a check-in while another program writes ---
lockdb=$WORK/lock.db
cp "$db" "$lockdb"
held=$WORK/held
cat >"$WORK/hold.py" <<'PY'
import os, sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
c.execute("UPDATE setting SET value = value WHERE key = 'event.code'")
open(sys.argv[2], "w").close()
time.sleep(float(sys.argv[3]))
c.execute("COMMIT")
PY
python3 "$WORK/hold.py" "$lockdb" "$held" 60 &
holder=$!
wait_for "$held"
run checkin WH2026-0001 --db "$lockdb" --operator alice --json
expect_rc "a check-in while another program holds the write lock exits 3" 3
expect_json "it says another program is writing and to try again, in both languages" \
	'(.message | contains("另一个程序正在写入")) and (.message | contains("another program is writing")) and (.message | contains("try again")) and (.message | contains("database is locked") | not)'
kill "$holder"
wait "$holder" 2>/dev/null
holder=
rm -f "$held"
python3 "$WORK/hold.py" "$lockdb" "$held" 7 &
holder=$!
wait_for "$held"
run checkin WH2026-0001 --db "$lockdb" --operator alice --json
expect_rc "a check-in waits out a writer of 7 seconds and goes through" 0
wait "$holder"
holder=
