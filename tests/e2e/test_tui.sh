# The desk screen driven for real in tmux (send-keys, capture-pane) on the demo
# event: scan to a green card and confirm, search by phone digits and pinyin
# initials, the amber card-payment path, a red pending attendee, a double scan,
# undo with a wrong then the right PIN, a garbage scan followed by a good one,
# resizing, a too-small terminal and a non-UTF-8 locale.
. "$(dirname "$0")/lib.sh"

db=$WORK/desk.db
demo_db "$db"
sock="frontdesk-e2e-$$"
. "$(dirname "$0")/tui_lib.sh"

# start_desk [LANG] [extra arguments...]: a fresh tmux server with the desk at 80x24.
start_desk() {
	local lang=${1:-C.UTF-8}
	shift 2>/dev/null
	T kill-server 2>/dev/null
	sleep 0.2
	T new-session -d -s desk -x 80 -y 24 \
		"env LANG=$lang LC_ALL= TERM=xterm-256color XDG_DATA_HOME=$XDG_DATA_HOME $FD --db $db --operator alice $*; sleep 5"
	T set-option -t desk window-size manual 2>/dev/null
}

start_desk
wait_for "the desk opens on the prompt" "请扫码或输入姓名/拼音/手机号"
wait_for "the status line shows checked in / expected" "已签到 0/"

code=$(ticket_code "$db" WH2026-0079)
scan "$code"
wait_for "a scanned code opens the green card" "可以签到"
wait_for "the card shows the name" "张伟"
key Enter
wait_for "Enter confirms the check-in" "✓ 签到完成"
room=$(sqlite3 "$db" "SELECT DISTINCT r.room FROM stay s JOIN room r ON r.id = s.room_id JOIN attendee a ON a.id = s.attendee_id WHERE reg_no = 'WH2026-0079'")
wait_for "the confirmed card shows the room just given" "$room 房"
wait_for "the card lists what to hand over" "请交给学员"
expect_eq "the check-in is stored, by operator alice" \
	"$(sqlite3 "$db" "SELECT operator FROM checkin c JOIN attendee a ON a.id = c.attendee_id WHERE reg_no = 'WH2026-0079'")" "alice"

# a second scan of the same code: the earlier check-in, never a second one
scan "$code"
wait_for "a double scan shows the earlier check-in" "A 号台，alice"
key Enter
sleep 0.3
expect_eq "Enter on a double scan checks in nobody twice" \
	"$(sqlite3 "$db" "SELECT count(*) FROM journal WHERE action = 'checkin'")" "1"

# search as you type: phone digits
phone=$(sqlite3 "$db" "SELECT phone FROM attendee WHERE reg_no = 'WH2026-0118'")
key Escape
T send-keys -t desk -l "${phone: -4}"
wait_for "four phone digits find the person as they are typed" "阿不都·热合曼"
key Escape

# search as you type: pinyin initials, and every reading of a polyphonic surname (单 shan/dan)
T send-keys -t desk -l sxm
wait_for "pinyin initials find the person as they are typed" "单雪梅"
key Escape
T send-keys -t desk -l dxm
wait_for "another reading of 单 finds her too" "单雪梅"
key Down
key Enter
wait_for "Enter on a search result opens the card" "WH2026-0030"
key Escape

# amber: the non-member who paid the member fee pays the difference by card
scan WH2026-0065
wait_for "the amber card says what is missing" "需现场刷卡 200 元"
wait_for "the amber card shows the amount to pay" "需补交 200"
key F5
wait_for "F5 asks for the POS reference" "POS 凭证号"
scan POS-TUI-1
key Enter
wait_for "after the card payment Enter checks in" "✓ 签到完成"

# red: pending registration, with whom to call
scan WH2026-0013
wait_for "a pending registration is red" "不能签到"
wait_for "the red card says whom to call" "请联系"
key Enter
sleep 0.3
expect_eq "Enter on a red card checks in nobody" \
	"$(sqlite3 "$db" "SELECT count(*) FROM checkin c JOIN attendee a ON a.id = c.attendee_id WHERE reg_no = 'WH2026-0013'")" "0"

# garbage, then a good scan works as usual
scan 1234567890123456789012
wait_for "a garbage scan says why" "二维码无效"
scan "$(ticket_code "$db" WH2026-0137)"
wait_for "the next good scan works" "宜昌市图书馆"

# undo with a wrong, then the right PIN
scan WH2026-0079
wait_for "the checked-in card opens" "张伟"
key F9
wait_for "F9 asks for the supervisor PIN" "主管密码"
scan 0000
wait_for "a wrong PIN changes nothing" "主管密码不对"
key F9
scan 2468
wait_for "the right PIN undoes the check-in" "已撤销"
expect_eq "the undo is stored" \
	"$(sqlite3 "$db" "SELECT count(*) FROM checkin c JOIN attendee a ON a.id = c.attendee_id WHERE reg_no = 'WH2026-0079'")" "0"

# the rooms board: per hotel and floor, with free beds by gender
key F2
wait_for "F2 shows the rooms board with free beds by gender" "空床"
taken=$(sqlite3 "$db" "SELECT r.room FROM stay s JOIN room r ON r.id = s.room_id LIMIT 1")
wait_for "the rooms board lists a room in use" "$taken"
key Escape

# F5: export to the one removable drive (a fake mount table and /sys/block stand in)
mkdir -p "$WORK/sys/sdz/sdz1" "$WORK/stick"
echo 1 >"$WORK/sys/sdz/removable"
printf '/dev/sdz1 %s vfat rw 0 0\n' "$WORK/stick" >"$WORK/mounts"
start_desk_env="FRONTDESK_MOUNTS=$WORK/mounts FRONTDESK_SYS_BLOCK=$WORK/sys"
T kill-server 2>/dev/null
sleep 0.2
T new-session -d -s desk -x 80 -y 24 \
	"env $start_desk_env LANG=C.UTF-8 TERM=xterm-256color $FD --db $db --operator alice; sleep 5"
wait_for "the desk is back" "请扫码或输入姓名"
key F5
wait_for "F5 asks for the supervisor PIN" "主管密码"
scan 0000
wait_for "a wrong PIN exports nothing" "未导出"
key F5
scan 2468
wait_for "the right PIN exports to the stick and says it was verified" "已导出并校验"
if ls "$WORK/stick"/frontdesk-*/SHA256SUMS >/dev/null 2>&1; then pass "the export is on the stick"; else fail "the export is on the stick"; fi

# terminal sizes
T resize-window -t desk -x 200 -y 60
wait_for "a 200x60 terminal redraws" "请扫码或输入姓名"
T resize-window -t desk -x 60 -y 20
wait_for "a 60x20 terminal gets the size message" "80×24"
T resize-window -t desk -x 80 -y 24
wait_for "back at 80x24 the desk is usable" "请扫码或输入姓名"
key F10
wait_for "F10 asks before quitting" "确定退出"
key y
sleep 0.5

# the webcam: a folder of pictures played as camera frames; the code opens the card by itself
mkdir -p "$WORK/cam"
"$FD" tickets --out "$WORK/tickets" --db "$db" >/dev/null
cp "$WORK/tickets/WH2026-0015.png" "$WORK/cam/"
start_desk C.UTF-8 --camera "dir:$WORK/cam"
wait_for "the camera shows in the title bar" "摄像头"
wait_for "a code seen by the camera opens its card" "WH2026-0015"
T send-keys -t desk -l 阿不
wait_for "the keyboard still works while the camera runs" "阿不都"
key Escape

# a locale that is not UTF-8 gets a clear message, not a scrambled screen
start_desk C
wait_for "a non-UTF-8 locale is refused with advice" "LANG=zh_CN.UTF-8"
