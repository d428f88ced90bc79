# Shared helpers for the end-to-end tests: each test file sources this, drives
# the real binary ($FRONTDESK) and prints one "ok - NAME" or "not ok - NAME"
# line per check, which tests/e2e/run counts.
set -u

FD=${FRONTDESK:?set FRONTDESK to the frontdesk binary}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
DEMO=$ROOT/assets/demo
DATA=$ROOT/tests/data
WORK=$(mktemp -d /tmp/frontdesk-e2e.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export XDG_DATA_HOME=$WORK/xdg
# every hotel picture a desk keeps between check-ins is compared with the database (stays.h)
export FRONTDESK_VERIFY_STAY_CACHE=1
# ImageMagick's seeded noise differs from run to run when it splits an image among threads
# (two different pictures from `convert -seed 7 ... +noise Impulse` on this 2-core box): one
# thread makes the test pictures the same every time, as their seeds promise
export MAGICK_THREAD_LIMIT=1
OUT=$WORK/stdout
ERR=$WORK/stderr

pass() { echo "ok - $1"; }
fail() {
	echo "not ok - $1"
	shift
	for line in "$@"; do printf '    %s\n' "$line"; done
	printf '    stdout: %s\n' "$(head -c 600 "$OUT" 2>/dev/null)"
	printf '    stderr: %s\n' "$(head -c 600 "$ERR" 2>/dev/null)"
}

# run CMD...: runs the binary with the arguments, keeping stdout, stderr and the exit code.
# Under the ASan+UBSan build a sanitizer report is a failure of its own.
run() {
	"$FD" "$@" >"$OUT" 2>"$ERR"
	RC=$?
	if grep -q 'ERROR: [A-Za-z]*Sanitizer\|runtime error:' "$ERR"; then
		fail "no sanitizer report: frontdesk $*" "$(grep -m3 'Sanitizer\|runtime error' "$ERR")"
	fi
}

# expect_rc NAME WANT: checks the exit code of the last run.
expect_rc() {
	if [ "$RC" -eq "$2" ]; then pass "$1"; else fail "$1" "exit code $RC, wanted $2"; fi
}

# expect_json NAME JQ_FILTER: the last run's stdout satisfies the jq filter (jq -e).
# Empty output fails: jq -e answers 0 when it reads nothing at all.
expect_json() {
	if [ -s "$OUT" ] && jq -e "$2" "$OUT" >/dev/null 2>&1; then
		pass "$1"
	else
		fail "$1" "jq filter failed: $2"
	fi
}

# expect_grep NAME PATTERN FILE: FILE contains the fixed string PATTERN.
expect_grep() {
	if grep -qF -- "$2" "$3"; then pass "$1"; else fail "$1" "missing text: $2"; fi
}

# expect_eq NAME GOT WANT
expect_eq() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "got '$2', wanted '$3'"; fi
}

# demo_db FILE: a database initialised with the demo event and its full roster imported.
demo_db() {
	"$FD" init --event "$DEMO/event.ini" --rooms "$DEMO/rooms.csv" --db "$1" >/dev/null &&
		"$FD" import "$DEMO/roster.csv" --collective "$DEMO/collective.csv" --db "$1" >/dev/null
}

# empty_db FILE: a database initialised with the demo event and no roster.
empty_db() {
	"$FD" init --event "$DEMO/event.ini" --rooms "$DEMO/rooms.csv" --db "$1" >/dev/null
}

# ticket_code DB REG_NO: the 22-digit ticket code of a registration, computed here from
# the stored sequence and secret with ISO 7064 MOD 97-10, independently of the program.
ticket_code() {
	local row
	row=$(sqlite3 "$1" "SELECT (SELECT value FROM setting WHERE key='event.code'), id, secret FROM attendee WHERE reg_no='$2'")
	python3 - "$row" <<'PY'
import sys
code, seq, secret = sys.argv[1].split('|')
body = f"{code}{int(seq):06d}{secret}"
check = 98 - (int(body) * 100) % 97
print(f"{body}{check:02d}")
PY
}

# sha FILE: the file's SHA-256.
sha() { sha256sum "$1" | cut -d' ' -f1; }

# Several desks (docs/merge.md): the test-only signer next to the binary's build.
SIGNER=${FRONTDESK_SIGNER:-$(dirname "$FD")/../../tests/tools/entry_sign}

# prepare_desks DB KEYS ID...: names the desks of DB (their key files into the folder KEYS).
prepare_desks() {
	local db=$1 keys=$2
	shift 2
	mkdir -p "$keys" && "$FD" desks "$@" --keys "$keys" --db "$db" >/dev/null
}

# desk_copy PREP KEYS ID DB: copies the prepared PREP to DB and makes it desk ID with its key.
desk_copy() {
	cp "$1" "$4" && "$FD" desk-id "$3" --key "$2/desk-$3.key" --db "$4" >/dev/null
}

# resum FOLDER: writes the export folder's SHA256SUMS again for its files as they are now.
resum() {
	(cd "$1" && find . -maxdepth 1 -type f ! -name SHA256SUMS -printf '%f\n' | LC_ALL=C sort |
		xargs -d '\n' sha256sum >SHA256SUMS)
}

# resign BUNDLE KEYFILE DESK: signs every entry of DESK in BUNDLE again with KEYFILE and
# chains them in the order listed (the first keeps its prev), in place; the header's entry
# count is set to the lines there are. What a forger holding KEYFILE could write.
resign() {
	python3 - "$1" "$2" "$3" "$SIGNER" <<'PY'
import json, subprocess, sys
path, key, desk, signer = sys.argv[1:]
lines = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
head, entries = lines[0], lines[1:]
head["entries"] = len(entries)
event = head["event"]
arg = lambda v: "null" if v is None else "=" + (v if isinstance(v, str) else str(v))
prev = None
for e in entries:
    if e["desk"] != desk:
        continue
    if prev is None:
        prev = e.get("prev") or "0" * 64
    e["prev"] = prev
    out = subprocess.run([signer, key, arg(event), arg(e["desk"]), str(e["seq"]), arg(e["at"]),
                          arg(e["operator"]), arg(e["action"]), arg(e.get("subject")),
                          arg(e.get("details")), prev], check=True, capture_output=True, text=True)
    e["sig"], prev = out.stdout.split()
with open(path, "w", encoding="utf-8") as f:
    for l in [head] + entries:
        f.write(json.dumps(l, ensure_ascii=False, separators=(",", ":")) + "\n")
PY
}

# canonical_dump DB: every row of every table the desks must agree on, one per line, sorted.
# Left out is what belongs to one copy only: print jobs, the merge and import logs, the count
# of this copy's own changes to the stays and its list of them, the desk's own key and settings (desk id, last
# export, printer).
canonical_dump() {
	python3 - "$1" <<'PY'
import sqlite3, sys
con = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
skip = {"print_job", "merge_log", "import_log", "stay_generation", "stay_change", "desk_secret"}
lines = []
for (table,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
    if table in skip:
        continue
    for row in con.execute(f'SELECT * FROM "{table}"'):
        if table == "setting" and row[0].startswith(("desk.", "export.", "print.")):
            continue
        lines.append(f"{table}\t{row!r}")
print("\n".join(sorted(lines)))
PY
}
