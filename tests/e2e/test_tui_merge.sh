# The supervisor's merge from the desk screen (DESIGN 1.4, "merge exports from other desks"),
# driven for real in tmux: desk A and desk B start from one prepared database, the same person
# checks in at both (a CHECKIN_TWICE conflict), and B's exports sit on a fake removable drive.
# On A, F6 asks the supervisor PIN, lists B's export folders newest first (never A's own),
# previews a dry run (new entries, check-ins before -> after, the conflict), Esc changes
# nothing, Enter merges and shows the result and the conflict, F7 lists the conflicts later.
# The CLI (`report conflicts --json`, `lookup`) then confirms the merge. Desk B merges A's
# export in English with Y, and both desks end with the same conflict.
. "$(dirname "$0")/lib.sh"

# each desk in its own folder, as on its own laptop: desks whose databases share a folder share
# its LAN logs (docs/merge.md) and would be in step before any stick is merged
mkdir -p "$WORK/desk-a" "$WORK/desk-b"
a=$WORK/desk-a/a.db
b=$WORK/desk-b/b.db
stick=$WORK/stick
sock="frontdesk-e2e-merge-$$"
. "$(dirname "$0")/tui_lib.sh"
# row_of TEXT: the screen row TEXT is on (empty when absent).
row_of() { screen | grep -nF -- "$1" | head -1 | cut -d: -f1; }

# start_desk DB LANG MOUNTS: the desk on DB at 80x24 under LANG, with MOUNTS as the mount
# table and $WORK/sys as /sys/block (LANGUAGE and the build's locale dir left to the binary).
start_desk() {
	T kill-server 2>/dev/null
	sleep 0.2
	T new-session -d -s desk -x 80 -y 24 \
		"env -u LANGUAGE -u FRONTDESK_LOCALEDIR FRONTDESK_MOUNTS=$3 FRONTDESK_SYS_BLOCK=$WORK/sys LANG=$2 LC_ALL= LC_MESSAGES= TERM=xterm-256color XDG_DATA_HOME=$XDG_DATA_HOME $FD --db $1 --operator alice; sleep 5"
	T set-option -t desk window-size manual 2>/dev/null
}

# merge_state DB: what a merge would change, to compare before and after
merge_state() {
	sqlite3 "$1" "SELECT (SELECT count(*) FROM journal), (SELECT count(*) FROM checkin),
		(SELECT count(*) FROM conflict), (SELECT count(*) FROM merge_log)"
}

# --- two desks from one prepared database; one person checked in at both ---
demo_db "$WORK/prepared.db"
prepare_desks "$WORK/prepared.db" "$WORK/keys" A B
desk_copy "$WORK/prepared.db" "$WORK/keys" A "$a"
desk_copy "$WORK/prepared.db" "$WORK/keys" B "$b"
FRONTDESK_NOW="2026-05-25 14:00:00" "$FD" checkin WH2026-0079 --db "$b" --operator bob >/dev/null
FRONTDESK_NOW="2026-05-25 14:05:00" "$FD" checkin WH2026-0079 --db "$a" --operator alice >/dev/null
# B exports twice: at 20:00 with one check-in, at 21:00 with one more; A exports its own too
mkdir -p "$stick" "$WORK/sys/sdz/sdz1"
echo 1 >"$WORK/sys/sdz/removable"
printf '/dev/sdz1 %s vfat rw 0 0\n' "$stick" >"$WORK/mounts"
printf '/dev/sda1 / ext4 rw 0 0\n' >"$WORK/mounts-none"
FRONTDESK_NOW="2026-05-25 20:00:00" "$FD" export --to "$stick" --db "$b" >/dev/null
FRONTDESK_NOW="2026-05-25 20:30:00" "$FD" checkin WH2026-0001 --db "$b" --operator bob >/dev/null
FRONTDESK_NOW="2026-05-25 21:00:00" "$FD" export --to "$stick" --db "$b" >/dev/null
FRONTDESK_NOW="2026-05-25 21:00:00" "$FD" export --to "$stick" --db "$a" >/dev/null
newest=frontdesk-2605-B-20260525-2100
older=frontdesk-2605-B-20260525-2000
expect_eq "the stick holds B's two exports and A's own" "$(ls "$stick" | tr '\n' ' ')" \
	"frontdesk-2605-A-20260525-2100 $older $newest "

# --- no stick: F6 says so ---
start_desk "$a" C.UTF-8 "$WORK/mounts-none"
wait_for "desk A opens" "请扫码或输入姓名/拼音/手机号"
wait_for "the key bar shows F6 merge" "F6 合并"
key F6
scan 2468
wait_for "without a stick F6 says to plug one in" "没有找到 U 盘"

# --- the stick: PIN, the folders, the preview, Esc ---
start_desk "$a" C.UTF-8 "$WORK/mounts"
wait_for "desk A is back with the stick" "请扫码或输入姓名/拼音/手机号"
key F6
wait_for "F6 asks for the supervisor PIN" "合并其他签到台的导出需主管密码"
T send-keys -t desk -l 0000
wait_for "the PIN shows as stars" "****"
never_shows "the PIN itself is not shown" "0000"
key Enter
wait_for "a wrong PIN merges nothing" "主管密码不对，未合并"
# the refused PIN is journalled (who, when, for what); from here nothing may change
before=$(merge_state "$a")
expect_eq "the wrong PIN is journalled" \
	"$(sqlite3 "$a" "SELECT count(*) FROM journal WHERE action = 'pin_failed' AND subject = 'merge'")" "1"
key F6
scan 2468
wait_for "the right PIN lists the export folders" "请选择文件夹"
wait_for "B's newest export is listed with its desk and time" "B 台  2026-05-25 21:00  $newest"
wait_for "B's older export is listed" "$older"
never_shows "this desk's own export is not listed" "frontdesk-2605-A-"
if [ -n "$(row_of "$newest")" ] && [ "$(row_of "$newest")" -lt "$(row_of "$older")" ]; then
	pass "the newest export comes first"
else
	fail "the newest export comes first" "$(screen | sed 's/^/      | /')"
fi
key Enter
wait_for "picking a folder previews the merge" "试合并 B 台的导出，还没有做任何改动"
wait_for "the preview shows new entries, check-ins before -> after and conflicts" \
	"新记录 2 条（同步包共 2 条）  签到 1 → 2 人  冲突 1 个"
wait_for "the preview lists the conflict" "[CHECKIN_TWICE] 张伟（WH2026-0079）"
wait_for "the conflict says which check-in stands" "以较早的 B 台为准"
wait_for "the preview says how to merge or cancel" "按回车或 Y 合并"
expect_eq "the preview (a dry run) changed nothing" "$(merge_state "$a")" "$before"
key Escape
wait_for "Esc at the preview cancels" "已取消合并，什么都没有改"
expect_eq "after Esc the database is unchanged" "$(merge_state "$a")" "$before"
run report conflicts --db "$a" --json
expect_json "after Esc there are no conflicts" '.conflicts == []'
run lookup WH2026-0001 --db "$a" --json
expect_json "after Esc B's check-in is not on A" '.matches[0].checked_in == false'

# --- the merge for real ---
key F6
scan 2468
wait_for "the folders are listed again" "$newest"
key Enter
wait_for "the preview is back" "试合并 B 台的导出"
key Enter
wait_for "Enter merges and says so" "已合并：新增 B 台同步包中的 2 条记录，签到 1 → 2 人，冲突 1 个"
wait_for "the result lists the conflict" "[CHECKIN_TWICE] 张伟（WH2026-0079）"
wait_for "the result says the bed A gave is taken back" "请收回该房卡"
wait_for "the status line counts the merged check-in" "已签到 2/"
run report conflicts --db "$a" --json
expect_json "report conflicts lists the check-in made twice, B's standing" \
	'(.conflicts | length) == 1 and .conflicts[0].kind == "CHECKIN_TWICE" and .conflicts[0].reg_no == "WH2026-0079" and .conflicts[0].desk == "A" and .conflicts[0].other_desk == "B"'
run lookup WH2026-0001 --db "$a" --json
expect_json "B's check-in is now on A" '.matches[0].checked_in == true'
run lookup WH2026-0079 --db "$a" --json
expect_json "the person checked in twice is checked in" '.matches[0].checked_in == true'
expect_eq "their earlier check-in, at B, is the one that stands" \
	"$(sqlite3 "$a" "SELECT c.desk_id || ' ' || c.at FROM checkin c JOIN attendee t ON t.id = c.attendee_id WHERE reg_no = 'WH2026-0079'")" \
	"B 2026-05-25 14:00:00"
expect_eq "the merge is logged once" \
	"$(sqlite3 "$a" "SELECT source || ' ' || bundle_desk || ' ' || new_entries FROM merge_log")" \
	"$stick/$newest B 2"
key Escape
wait_for "Esc leaves the result for the prompt" "回车 查找"
wait_for "the merge's message stays on the prompt screen" "已合并"

# the conflicts view of the reports, for later
key F4
wait_for "the summary counts the conflicts" "合并冲突：1 个（F7 查看）"
key F7
wait_for "F7 lists the merge conflicts" "合并冲突（最近一次带来新记录的合并时找到的）"
wait_for "the conflicts view shows the conflict" "[CHECKIN_TWICE] 张伟（WH2026-0079）"
key Escape

# merging the older export of B again brings nothing new
after=$(merge_state "$a")
key F6
scan 2468
wait_for "the folders are listed a third time" "$older"
key Down
key Enter
wait_for "B's older export has nothing new" "没有新记录，未做任何改动"
expect_eq "and nothing changed" "$(merge_state "$a")" "$after"
key Escape

# help names the key
key F1
wait_for "help explains F6" "F6 合并其他签到台"
key Escape
key F10
key y
sleep 0.3

# --- desk B merges A's export, in English, confirming with Y ---
start_desk "$b" en_US.UTF-8 "$WORK/mounts"
wait_for "desk B opens in English" "Scan or type name/pinyin/phone:"
wait_for "the English key bar shows F6 merge" "F6 merge"
key F6
wait_for "F6 asks for the PIN in English" "Merge other desks' exports: supervisor PIN:"
scan 2468
wait_for "the folder list is in English" "Merge another desk's export: choose a folder"
never_shows "desk B does not list its own exports" "frontdesk-2605-B-"
key Enter
wait_for "the preview is in English" "Dry run of the export of desk A; nothing has changed yet:"
wait_for "the preview's figures are in English" "New entries 1 (of 1 in the bundle)  Checked in 2 -> 2  Conflicts 1"
key y
wait_for "Y merges, and the result is in English" "merged: added 1 entries from the bundle of desk A"
wait_for "the conflict is shown as the action wrote it" "[CHECKIN_TWICE] 张伟（WH2026-0079）"
key F10
key y
sleep 0.3
conflicts_of() {
	"$FD" report conflicts --db "$1" --json | jq -c '[.conflicts[] | [.kind, .reg_no, .desk, .seq, .other_desk]]'
}
expect_eq "A into B equals B into A: both desks list the same conflict" "$(conflicts_of "$b")" "$(conflicts_of "$a")"
