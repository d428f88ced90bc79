# The desk screen at a hall door (issue 18, docs/sessions.md): `frontdesk --session` opens
# session mode, the session is picked by the clock (FRONTDESK_NOW), and scans at scanner speed
# answer big: green recorded, amber late, "已签到过" for a second scan (no second record), red
# for someone who never checked in at the hotel; F2 signs out (leaving early is recorded);
# F3 chooses the session by hand; F8 records an excused absence (supervisor); F11 leaves and
# comes back; F12 counts per session; each answer rings the bell. The
# webcam path: badge pictures (the badge PDF rendered to PNG) in a dir: camera folder, hands-free,
# attendance out. An excused absence recorded by the supervisor shows in the certificates.
. "$(dirname "$0")/lib.sh"

db=$WORK/desk.db
demo_db "$db"
"$FD" import --sessions "$DEMO/sessions.csv" --db "$db" >/dev/null
sock="frontdesk-e2e-session-$$"
. "$(dirname "$0")/tui_lib.sh"

export FRONTDESK_NOW="2026-05-25 15:00:00"
for r in WH2026-0001 WH2026-0002 WH2026-0003 WH2026-0004 WH2026-0005 WH2026-0006; do
	"$FD" checkin "$r" --voucher-seen --db "$db" >/dev/null 2>&1
done
checked=$(sqlite3 "$db" "SELECT group_concat(reg_no, ' ') FROM attendee JOIN checkin ON checkin.attendee_id = attendee.id ORDER BY reg_no")
read -r p1 p2 p3 p4 _ <<<"$checked"
name_of() { sqlite3 "$db" "SELECT name FROM attendee WHERE reg_no = '$1'"; }
rows() { sqlite3 "$db" "SELECT count(*) FROM attendance WHERE $1"; }
outsider=WH2026-0100 # approved, never checked in at the hotel

# start_door NOW [ARGS...]: the desk screen in session mode at the time NOW
start_door() {
	local now=$1
	shift
	T kill-server 2>/dev/null
	sleep 0.2
	T new-session -d -s desk -x 80 -y 24 \
		"env LANG=C.UTF-8 TERM=xterm-256color XDG_DATA_HOME=$XDG_DATA_HOME FRONTDESK_NOW='$now' $FD --db $db --operator alice --session $*; sleep 5"
	T set-option -t desk window-size manual 2>/dev/null
	T set-option -g bell-action any 2>/dev/null
	T set-hook -g alert-bell "run-shell 'echo x >>$WORK/bells'" 2>/dev/null
}
scanner() { T send-keys -t desk -l "$1"$'\r\n'; }
# typed TEXT: a person typing, one key every 80 ms (not a scan)
typed() {
	local t=$1 i
	for ((i = 0; i < ${#t}; i++)); do
		T send-keys -t desk -l "${t:i:1}"
		sleep 0.08
	done
}
bells() { cat "$WORK/bells" 2>/dev/null | wc -l; }

start_door "2026-05-26 08:20:00"
wait_for "--session opens session mode" "课程签到，请扫胸牌或输入报名编号"
wait_for "the session is picked by the clock" "按时间自动选择课程"
wait_for "the keys are on the bar" "F2 签到/签退"

scanner "$(ticket_code "$db" "$p1")"
wait_for "a badge scan on time: green, the name, recorded" "$(name_of "$p1") 已签到（开班式暨专题讲座"
wait_for "the answer names the session picked" "开班式暨专题讲座：公共图书馆高质量发展 05-26 08:30-11:30"
expect_eq "one attendance record" "$(rows "kind = 'in'")" "1"
sleep 0.5
expect_eq "the answer rang the bell" "$([ "$(bells)" -ge 1 ] && echo yes)" "yes"

scanner "$(ticket_code "$db" "$p1")"
wait_for "a second scan: already signed in" "已签到过"
expect_eq "no second record" "$(rows "kind = 'in'")" "1"
never_shows "an amber 'already' offers no supervisor's record" "F4 主管代为记录"

scanner "$(ticket_code "$db" "$outsider")"
wait_for "someone never checked in at the hotel: red, and what to do" "没有在酒店签到台签到"
expect_eq "nothing recorded for them" "$(rows "attendee_id = (SELECT id FROM attendee WHERE reg_no = '$outsider')")" "0"
wait_for "the key bar offers the supervisor's record" "F4 主管代为记录"
key F4
wait_for "F4 asks the reason and the PIN" "主管代为记录出勤"
T send-keys -t desk -l "酒店漏签，会务组确认"
key Tab
T send-keys -t desk -l 2468
key Enter
wait_for "the supervisor records them anyway" "$(name_of "$outsider") 已签到"
expect_eq "with the reason in the record" \
	"$(sqlite3 "$db" "SELECT reason FROM attendance WHERE attendee_id = (SELECT id FROM attendee WHERE reg_no = '$outsider')")" "酒店漏签，会务组确认"

T send-keys -t desk -l "$p2"
key Enter
wait_for "a reg_no typed and Enter records too" "$(name_of "$p2") 已签到"

# later that morning: late
start_door "2026-05-26 08:52:00"
wait_for "the door opens again" "课程签到"
scanner "$(ticket_code "$db" "$p3")"
wait_for "a scan 22 minutes after the start: amber, late by that much" "迟到 22 分钟"

# F8: the supervisor records an excused absence for the session of the last answer
key F8
wait_for "F8 asks who, why and the PIN" "主管记录请假（本场课程）"
typed "$p4"
key Tab
T send-keys -t desk -l "家中急事"
key Tab
T send-keys -t desk -l 2468
key Enter
wait_for "the excused absence is recorded for that session" "已记录 $p4 请假（0526-0830）"
expect_eq "one excuse row, with its reason" \
	"$(sqlite3 "$db" "SELECT count(*) || ' ' || reason FROM attendance WHERE kind = 'excused' AND session_id = '0526-0830'")" "1 家中急事"

# F3 chooses the session by hand, round to the clock again
key F3
wait_for "F3 chooses a session" "（已选定）"
key F3
key F3
key F3
key F3
key F3
key F3
key F3
key F3
key F3
wait_for "past the last, the clock picks again" "按时间自动选择课程"

# F11 leaves session mode for the usual desk and back
key F11
wait_for "F11 leaves session mode" "请扫码或输入姓名/拼音/手机号"
key F11
wait_for "F11 comes back" "课程签到，请扫胸牌"

# F12: the training days per session, from the same report as the export
key F12
wait_for "F12 shows attendance per session" "课程出勤（合格 0 人，共 170 人）"
wait_for "the first session is listed with its counts" "0526-0830  开班式暨专题讲座"
expect_eq "the page counts what the report counts" \
	"$(screen | grep '^ 0526-0830' | awk '{print $(NF-4)}')" "$("$FD" report attendance --json --db "$db" | jq '[.people[].cells["0526-0830"] | select(. == "ATTENDED")] | length')"
scanner "$(ticket_code "$db" "$p4")"
wait_for "a scan while the F12 page is up is still an attendance scan, back at the door" "$(name_of "$p4") 迟到"
key F1
wait_for "help from the door" "F3 选择课程（默认按时间）"
key Escape
wait_for "Esc from help goes back to the door" "课程签到，请扫胸牌"

# the sign-out session of 27 May, 14:00-17:00: signed in by the CLI, signed out at the door
FRONTDESK_NOW="2026-05-27 13:55:00" "$FD" attend "$p1" --db "$db" >/dev/null
start_door "2026-05-27 16:30:00"
wait_for "the door opens on the afternoon" "课程签到"
key F2
wait_for "F2 switches to sign-out" "课程签退"
scanner "$(ticket_code "$db" "$p1")"
wait_for "a sign-out 30 minutes before the end: amber, recorded" "早退 30 分钟"
expect_eq "the sign-out is recorded" "$(rows "session_id = '0527-1400' AND kind = 'out'")" "1"
scanner "$(ticket_code "$db" "$p2")"
wait_for "a sign-out without a sign-in is refused" "没有本场"

# an excused absence, recorded by the supervisor, named in the certificates
run excuse "$p4" --session 0527-1400 --reason 单位急事 --pin 2468 --db "$db"
expect_rc "the supervisor records an excused absence" 0
run report certificates --json --db "$db"
expect_json "the certificates say why: excused, and this event does not count it" \
	"(.certificates[] | select(.reg_no == \"$p4\") | .missed | map(select(.session == \"0527-1400\" and .why == \"EXCUSED\")) | length) == 1"

# the webcam at the door: badge pictures in a dir: camera, hands-free
mkdir -p "$WORK/cam"
for r in "$p3" "$p4"; do
	"$FD" badge "$r" --out "$WORK/$r.pdf" --db "$db" >/dev/null
	pdftoppm -png -r 200 -singlefile "$WORK/$r.pdf" "$WORK/cam/$r"
done
start_door "2026-05-28 08:25:00" --camera "dir:$WORK/cam"
wait_for "the camera shows in the title bar" "摄像头"
wait_for "a badge the camera sees is recorded with nobody touching a key" "$(name_of "$p4") 已签到"
for _ in $(seq 50); do
	[ "$(rows "session_id = '0528-0830' AND kind = 'in'")" = 2 ] && break
	sleep 0.1
done
expect_eq "both badges in, both attendances out" "$(rows "session_id = '0528-0830' AND kind = 'in'")" "2"
expect_eq "each one a journal entry" "$(sqlite3 "$db" "SELECT count(*) FROM journal WHERE action = 'attend' AND details LIKE '%0528-0830%'")" "2"
