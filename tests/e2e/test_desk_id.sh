# Setting up more desks (DESIGN section 4): each copy of the prepared database
# gets its own desk id, refused once that copy has journal entries of its own.
. "$(dirname "$0")/lib.sh"

db=$WORK/prepared.db
demo_db "$db"
cp "$db" "$WORK/desk-b.db"
code_before=$(ticket_code "$db" WH2026-0079)

run desk-id "bad id!" --db "$WORK/desk-b.db"
expect_rc "an invalid desk id is bad input" 2
expect_grep "it says what a desk id may hold" "letters" "$ERR"

run desk-id B --db "$WORK/desk-b.db" --json
expect_rc "a fresh copy takes its own desk id" 0
expect_json "it reports the new id" '.result == "renamed" and .desk == "B"'
expect_eq "the prepared database keeps desk A" "$(sqlite3 "$db" "SELECT value FROM setting WHERE key = 'desk.id'")" "A"
expect_eq "the copy's tickets are the prepared ones" "$(ticket_code "$WORK/desk-b.db" WH2026-0079)" "$code_before"

run checkin WH2026-0079 --db "$WORK/desk-b.db"
expect_rc "desk B checks someone in" 0
expect_eq "its journal entry is desk B's first" \
	"$(sqlite3 "$WORK/desk-b.db" "SELECT desk_id || ':' || seq FROM journal")" "B:1"
run desk-id C --db "$WORK/desk-b.db"
expect_rc "renaming a desk with journal entries of its own is refused" 1
expect_grep "it says to copy the prepared database again" "Copy the prepared database again" "$ERR"
expect_eq "the desk id is unchanged" "$(sqlite3 "$WORK/desk-b.db" "SELECT value FROM setting WHERE key = 'desk.id'")" "B"

# --- a database prepared for several desks (frontdesk desks, issue 15) ---
prep=$WORK/prep-desks.db
keys=$WORK/keys
demo_db "$prep"
mkdir -p "$keys"
run desks A B --keys "$keys" --db "$prep" --json
expect_rc "desks names the desks and makes their keys" 0
expect_json "its JSON lists one key file per desk" \
	".key_files == [\"$keys/desk-A.key\", \"$keys/desk-B.key\"]"
expect_eq "each key file is 0600" "$(stat -c %a "$keys/desk-A.key") $(stat -c %a "$keys/desk-B.key")" "600 600"
expect_grep "a key file names its event" "event 2605" "$keys/desk-B.key"
expect_grep "and its desk" "desk B" "$keys/desk-B.key"
secret_b=$(sed -n 's/^secret //p' "$keys/desk-B.key")
expect_eq "the prepared database stores both public keys and no private key" \
	"$(sqlite3 "$prep" "SELECT count(*) FROM desk WHERE length(public_key) = 32; SELECT count(*) FROM desk_secret")" "2
0"
if sqlite3 "$prep" .dump | grep -qi "${secret_b:0:64}"; then
	fail "the prepared database holds no trace of a private key"
else
	pass "the prepared database holds no trace of a private key"
fi
sum_before=$(sha "$keys/desk-A.key")
run desks A B --keys "$keys" --db "$prep"
expect_rc "desks never overwrites a key file" 1
expect_grep "it says the file exists and what to do" "already exists and is never overwritten" "$ERR"
expect_eq "the key file is unchanged" "$(sha "$keys/desk-A.key")" "$sum_before"

copy=$WORK/desk-b-signed.db
cp "$prep" "$copy"
run desk-id B --db "$copy"
expect_rc "desk-id without --key on a prepared database is refused" 1
expect_grep "it says how to install the key" "desk-id B --key desk-B.key" "$ERR"
run desk-id B --key "$keys/desk-A.key" --db "$copy"
expect_rc "another desk's key file is refused" 1
expect_grep "it names the desk of the file" "this is desk A's key file, not desk B's" "$ERR"
sed 's/^event 2605$/event 2606/' "$keys/desk-B.key" >"$WORK/other-event.key"
run desk-id B --key "$WORK/other-event.key" --db "$copy"
expect_rc "a key file of another event is refused" 1
sed 's/^desk A$/desk B/' "$keys/desk-A.key" >"$WORK/mislabelled.key"
run desk-id B --key "$WORK/mislabelled.key" --db "$copy"
expect_rc "A's key relabelled as B's is refused" 1
expect_grep "it says the key does not match desk B's public key" "does not match desk B's public key" "$ERR"
run desk-id Z --key "$keys/desk-B.key" --db "$copy"
expect_rc "a desk that was not named is refused" 2
expect_eq "nothing was installed by the refusals" "$(sqlite3 "$copy" "SELECT count(*) FROM desk_secret")" "0"

run checkin WH2026-0079 --db "$copy"
expect_grep "without its key a prepared copy writes nothing and says how to install it" \
	"desk-id ID --key desk-ID.key" "$ERR"
expect_eq "no journal entry was written" "$(sqlite3 "$copy" "SELECT count(*) FROM journal")" "0"

# the desk screen on that copy says so on the card, before anyone presses Enter
sock="frontdesk-e2e-deskid-$$"
. "$(dirname "$0")/tui_lib.sh"
T new-session -d -s desk -x 80 -y 24 \
	"env LANG=C.UTF-8 TERM=xterm-256color XDG_DATA_HOME=$XDG_DATA_HOME $FD --db $copy --operator alice; sleep 5"
wait_for "the desk screen opens on the copy without its key" "请扫码或输入姓名/拼音/手机号"
sleep 0.5
scan "$(ticket_code "$copy" WH2026-0079)"
wait_for "a paid guest's card says this computer cannot check in yet" "✗ 这台电脑还不能签到"
wait_for "and how to install the key" "desk-id"
never_shows "it does not offer Enter" "按回车签到"
key Enter
sleep 0.5
expect_eq "Enter records nothing" "$(sqlite3 "$copy" "SELECT count(*) FROM journal")" "0"
T kill-server 2>/dev/null

run desk-id B --key "$keys/desk-B.key" --db "$copy" --json
expect_rc "desk B's key installs on desk B's copy" 0
expect_eq "the copy holds desk B's key only" \
	"$(sqlite3 "$copy" "SELECT desk_id || ':' || length(secret_key) FROM desk_secret")" "B:64"
run checkin WH2026-0079 --db "$copy"
expect_rc "desk B checks someone in" 0
expect_eq "its entry is signed and chained to nothing before it" \
	"$(sqlite3 "$copy" "SELECT desk_id || ':' || seq || ':' || hex(prev_hash) || ':' || length(signature) FROM journal")" \
	"B:1:$(printf '0%.0s' {1..64}):64"
