# Only the desks of this event can write its journal (issue 15, docs/merge.md "What a merge
# refuses"): desks A and B are prepared with `desks A B --keys`, B checks three people in
# (one paying by card) and exports. Every bundle below is refused at A naming the entry
# (desk, seq, bundle line), exit 1, A's database unchanged (its dump's digest): an amount
# changed (SHA256SUMS written again, so the signature is what catches it), an entry deleted
# (the header's count and SHA256SUMS fixed), two entries swapped, a bundle written by hand
# for a desk Z that does not exist, B's entries signed with A's key, an entry at seq 2^63-1
# signed with B's own key, an export folder without SHA256SUMS. The untampered export merges.
# The forged signatures come from tests/tools/entry_sign (lib.sh: resign).
. "$(dirname "$0")/lib.sh"

export FRONTDESK_NOW="2026-05-25 14:00:00"
prep=$WORK/prepared.db
keys=$WORK/keys
dba=$WORK/desk-a.db
dbb=$WORK/desk-b.db
demo_db "$prep"
prepare_desks "$prep" "$keys" A B
desk_copy "$prep" "$keys" A "$dba"
desk_copy "$prep" "$keys" B "$dbb"

for r in WH2026-0002 WH2026-0003 WH2026-0004; do
	"$FD" checkin "$r" --db "$dbb" >/dev/null
done
run checkin WH2026-0054 --pay card:POS-B-1 --db "$dbb" --json
expect_rc "desk B takes a card payment with a check-in" 0
mkdir -p "$WORK/usb"
run export --to "$WORK/usb" --db "$dbb" --json
expect_rc "desk B exports" 0
folder=$(jq -r '.folder' "$OUT")
n=$(jq -r '.entries' <(head -1 "$folder/bundle.jsonl"))
expect_eq "B's bundle holds its four entries, each signed" \
	"$n $(tail -n +2 "$folder/bundle.jsonl" | jq -s 'map(select((.sig | length) == 128 and (.prev | length) == 64)) | length')" "4 4"

secret_b=$(sed -n 's/^secret //p' "$keys/desk-B.key")
expect_eq "the export's snapshot leaves desk B's private key out" \
	"$(sqlite3 "$folder/snapshot.db" "SELECT count(*) FROM desk_secret") $(grep -c "${secret_b:0:32}" <(sqlite3 "$folder/snapshot.db" .dump))" "0 0"
if python3 -c 'import sys; sys.exit(bytes.fromhex(sys.argv[1])[:16] in open(sys.argv[2], "rb").read())' \
	"$secret_b" "$folder/snapshot.db"; then
	pass "no byte run of the key is left in the snapshot file"
else
	fail "no byte run of the key is left in the snapshot file"
fi

digest() { sqlite3 "$dba" .dump | sha256sum | cut -d' ' -f1; }
before=$(digest)

# tampered NAME: a copy of B's export folder, to edit (prints its path)
tampered() {
	rm -rf "$WORK/$1"
	cp -r "$folder" "$WORK/$1"
	echo "$WORK/$1"
}
# refused NAME DESK SEQ LINE TEXT: the last merge was refused naming that entry, with TEXT in
# its message, and A's database is unchanged
refused() {
	expect_rc "$1: refused (exit 1)" 1
	expect_json "$1: names desk $2, seq $3, line $4" \
		".result == \"refused\" and .refused_entry == {\"desk\": \"$2\", \"seq\": $3, \"line\": $4}"
	expect_grep "$1: says why" "$5" "$OUT"
	expect_eq "$1: A's database is unchanged" "$(digest)" "$before"
}
# jsonl FILE PYTHON: rewrites the bundle FILE with PYTHON acting on `lines` (parsed, header first)
jsonl() {
	python3 - "$1" "$2" <<'PY'
import json, sys
path, code = sys.argv[1:]
lines = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
exec(code)
with open(path, "w", encoding="utf-8") as f:
    for l in lines:
        f.write(json.dumps(l, ensure_ascii=False, separators=(",", ":")) + "\n")
PY
}

# --- one amount changed; the checksums written again ---
bad=$(tampered amount)
pay_line=$(grep -n 'card_amount' "$bad/bundle.jsonl" | head -1 | cut -d: -f1)
sed -i "${pay_line}s/\\\\\"card_amount\\\\\":[0-9]*/\\\\\"card_amount\\\\\":998499/" "$bad/bundle.jsonl"
expect_eq "the amount was changed" "$(grep -c 998499 "$bad/bundle.jsonl")" "1"
resum "$bad"
run export --verify "$bad"
expect_rc "the folder's checksums hold again" 0
run merge "$bad" --db "$dba" --json
refused "an amount changed" B $((pay_line - 1)) "$pay_line" "a signature that does not hold"

# --- one entry deleted; the header's count and the checksums fixed ---
bad=$(tampered deleted)
jsonl "$bad/bundle.jsonl" 'del lines[2]; lines[0]["entries"] = len(lines) - 1'
resum "$bad"
run merge "$bad" --db "$dba" --json
refused "an entry deleted" B 3 3 "seq 2 expected"

# --- two entries swapped ---
bad=$(tampered reordered)
jsonl "$bad/bundle.jsonl" 'lines[2], lines[3] = lines[3], lines[2]'
resum "$bad"
run merge "$bad" --db "$dba" --json
refused "two entries reordered" B 3 3 "reordered"

# --- a bundle written by hand for desk Z ---
cat >"$WORK/z.jsonl" <<'JSON'
{"format":"frontdesk-bundle","version":2,"event":"2605","desk":"Z","entries":1}
{"desk":"Z","seq":1,"at":"2026-05-25 13:00:00","operator":"mallory","action":"undo","subject":"WH2026-0002","details":"{\"checked_in_at\":\"2026-05-25 14:00:00\",\"desk\":\"B\"}","prev":"0000000000000000000000000000000000000000000000000000000000000000","sig":"00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"}
JSON
run merge "$WORK/z.jsonl" --db "$dba" --json
refused "a bundle for a desk that does not exist" Z 1 2 "a desk this event does not have"

# --- B's entries signed with A's key ---
cp "$folder/bundle.jsonl" "$WORK/a-signed.jsonl"
resign "$WORK/a-signed.jsonl" "$keys/desk-A.key" B
run merge "$WORK/a-signed.jsonl" --db "$dba" --json
refused "B's entries signed with A's key" B 1 2 "a signature that does not hold"

# --- an entry at seq 2^63-1, signed with B's own key and chained to B's last ---
cp "$folder/bundle.jsonl" "$WORK/jump.jsonl"
jsonl "$WORK/jump.jsonl" 'e = dict(lines[-1]); e["seq"] = 9223372036854775807; e["subject"] = "WH2026-0018"; lines.append(e)'
resign "$WORK/jump.jsonl" "$keys/desk-B.key" B
run merge "$WORK/jump.jsonl" --db "$dba" --json
refused "a jump to seq 2^63-1 well signed by B" B 9223372036854775807 6 "seq 5 expected"

# --- an export folder without SHA256SUMS ---
bad=$(tampered nosums)
rm "$bad/SHA256SUMS"
run merge "$bad" --db "$dba" --json
expect_rc "a folder without SHA256SUMS: refused (exit 1)" 1
expect_grep "it says the folder has no SHA256SUMS" "has no SHA256SUMS" "$OUT"
expect_eq "a folder without SHA256SUMS: A's database is unchanged" "$(digest)" "$before"

# --- the untampered export merges, and A checks in after it ---
run merge "$folder" --db "$dba" --json
expect_rc "B's untampered export merges" 0
expect_json "it adds B's four entries" '.result == "merged" and .new_entries == 4 and .checked_in_after == 4'
run checkin WH2026-0006 --db "$dba" --json
expect_rc "desk A goes on checking in after the merge" 0
expect_eq "A's entry is A's first, signed" \
	"$(sqlite3 "$dba" "SELECT desk_id || ':' || seq || ':' || length(signature) FROM journal WHERE desk_id = 'A'")" "A:1:64"
mkdir -p "$WORK/usb-a"
run export --to "$WORK/usb-a" --db "$dba" --json
run merge "$(jq -r '.folder' "$OUT")" --db "$dbb" --json
expect_json "B takes A's export back: A's entry is new, its own four are known" \
	'.result == "merged" and .new_entries == 1'
