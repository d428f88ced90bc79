# The training days (issue 18, docs/sessions.md), through the command line. The demo
# programme is imported (nine sessions, stable ids; a re-import changes nothing), bad
# sessions.csv rows are refused with their line and reason and nothing is imported. Desk A
# (the provincial library) checks people in at the hotel on 25 May; desk B (the university's
# school) merges A's export, then each records the sessions at its venue for four days:
# scans on time, late, later than half the session, duplicates, sign-outs on time, early and
# too early, missing sign-outs, someone never checked in (refused, then recorded by the
# supervisor with a reason), someone not approved (refused), an excused absence, and one
# person scanned at both doors for one session. Every scan's answer is checked against an
# independent model of the rule written here (not the C code's), and so is
# `report certificates --json` for every approved demo attendee. Then A and B merge each
# other's exports, both ways: their databases and reports agree. On the LAN (the two desks share
# a folder, so each reads the other's log) a scan at A and an excuse at B are pulled and applied
# alone, and one whole replay of both exports gives the same rows.
. "$(dirname "$0")/lib.sh"

export FRONTDESK_NOW="2026-05-25 13:00:00"
prep=$WORK/prepared.db
keys=$WORK/keys
dba=$WORK/desk-a.db
dbb=$WORK/desk-b.db
demo_db "$prep"

# --- the programme ---------------------------------------------------------------------
run import --sessions "$DEMO/sessions.csv" --db "$prep" --json
expect_rc "the demo programme imports" 0
expect_json "nine sessions, all new" '.imported == 9 and .sessions == 9 and (.errors | length) == 0'
run sessions --json --db "$prep"
expect_json "sessions lists them with stable ids and the contract's fields" \
	'(.sessions | length) == 9 and .sessions[0] == {"id":"0526-0830","date":"2026-05-26","start":"08:30","end":"11:30","venue":"湖北省图书馆","title":"开班式暨专题讲座：公共图书馆高质量发展","kind":"lecture","hours":3,"required":true,"sign_out":false}'
expect_json "two venues, three kinds, 1.5 hours written as a number" \
	'([.sessions[].venue] | unique | length) == 2 and ([.sessions[].kind] | unique) == ["discussion","lecture","visit"] and (.sessions | map(select(.hours == 1.5)) | length) == 1'
# rows in another order with one title corrected: the same ids, one session updated
{
	head -1 "$DEMO/sessions.csv"
	tail -n +2 "$DEMO/sessions.csv" | tac | sed 's/结业式暨学员交流/结业式暨优秀学员交流/'
} >"$WORK/sessions-again.csv"
run import --sessions "$WORK/sessions-again.csv" --db "$prep" --json
expect_json "a re-import is a merge by id: one updated, eight unchanged" \
	'.imported == 0 and .updated == 1 and .unchanged == 8 and .removed == 0'
run import --sessions "$DEMO/sessions.csv" --db "$prep" --json
expect_json "the original title comes back the same way" '.updated == 1 and .unchanged == 8'

cat >"$WORK/bad-sessions.csv" <<'CSV'
日期,开始,结束,地点,名称,类型,学时,必修,签退
2026-05-26,08:30,11:30,湖北省图书馆,甲,讲座,3,是,否
2026-05-26,11:00,12:00,湖北省图书馆,乙（与甲重叠）,讲座,1,是,否
2026-05-27,11:30,08:30,武汉大学信息管理学院,丙（结束早于开始）,讲座,3,是,否
2026-05-27,14:00,17:00,武汉大学信息管理学院,丁,参观,3,是,否
2026-05-28,08:30,11:30,武汉大学信息管理学院,戊,讲座,三,是,否
CSV
before=$(sqlite3 "$prep" "SELECT group_concat(id || title, ',') FROM session")
run import --sessions "$WORK/bad-sessions.csv" --db "$prep" --json
expect_rc "bad sessions.csv rows are refused" 2
expect_json "each bad row named with its line: overlap 3, end before start 4, kind 5, hours 6" \
	'(.errors | sort_by(.line)) as $e | ($e | map(.line)) == [3,4,5,6] and ($e[0].message | test("重叠.*overlaps")) and ($e[1].message | test("ends before it starts")) and ($e[2].message | test("讲座")) and ($e[3].message | test("hours should be a number"))'
expect_eq "nothing was imported while errors remain" \
	"$(sqlite3 "$prep" "SELECT group_concat(id || title, ',') FROM session")" "$before"
run import --sessions "$WORK/bad-sessions.csv" --db "$prep"
expect_grep "the words say nothing was imported" "未导入任何课程" "$ERR"

# --- two desks, check-in day ---------------------------------------------------------------
prepare_desks "$prep" "$keys" A B
desk_copy "$prep" "$keys" A "$dba"
desk_copy "$prep" "$keys" B "$dbb"

python3 - "$FD" "$DEMO" "$dba" "$dbb" "$WORK" <<'PY' >"$WORK/day.tap"
import csv, json, random, subprocess, sys
from datetime import datetime, timedelta

fd, demo, dba, dbb, work = sys.argv[1:]
say = lambda ok, name, *why: print(("ok - " if ok else "not ok - ") + name +
                                   ("" if ok else "".join("\n    " + str(w) for w in why)))

sanitizer = []

def cli(db, *args, now=None):
    if args[0] == "export":
        import os
        os.makedirs(args[2], exist_ok=True)
    env = {"FRONTDESK_NOW": now or "2026-05-25 13:00:00"}
    import os
    env = {**os.environ, **env}
    p = subprocess.run([fd, *args, "--db", db, "--json"], capture_output=True, text=True, env=env)
    try:
        out = json.loads(p.stdout) if p.stdout.strip() else {}
    except json.JSONDecodeError:
        out = {"raw": p.stdout}
    if isinstance(out, dict):
        out["stderr"] = p.stderr[:400]
    # under the ASan+UBSan build a sanitizer report is a failure of its own (lib.sh: run)
    if "runtime error:" in p.stderr or "Sanitizer" in p.stderr:
        sanitizer.append((args, p.stderr[:300]))
    return p.returncode, out

# the model's own reading of the programme and the roster
sessions = []
for r in csv.DictReader(open(f"{demo}/sessions.csv", encoding="utf-8-sig")):
    day = datetime.strptime(r["日期"], "%Y-%m-%d")
    start = day + timedelta(hours=int(r["开始"][:2]), minutes=int(r["开始"][3:]))
    end = day + timedelta(hours=int(r["结束"][:2]), minutes=int(r["结束"][3:]))
    sessions.append(dict(id=start.strftime("%m%d-%H%M"), start=start, end=end, venue=r["地点"],
                         hours=float(r["学时"]), required=r["必修"] == "是",
                         sign_out=r["签退"] == "是"))
roster = list(csv.DictReader(open(f"{demo}/roster.csv", encoding="utf-8-sig")))
approved = [r["报名编号"] for r in roster if r["审核状态"] == "已通过"]
pending = [r["报名编号"] for r in roster if r["审核状态"] == "待审核"]
GRACE, HALF = 10, 0.5

# check-in day at desk A: the first 44 approved registrations try; the last 4 of them are kept
# back (never checked in), so the doors meet people who skipped the hotel desk
checked = set()
for reg in approved[:40]:
    rc, _ = cli(dba, "checkin", reg, "--voucher-seen")
    if rc == 0:
        checked.add(reg)
not_checked = [r for r in approved[40:44]]
say(len(checked) >= 30, f"desk A checks {len(checked)} people in at the hotel")
rc, out = cli(dba, "export", "--to", work + "/usb-a0")
rc2, _ = cli(dbb, "merge", out.get("folder", "?"))
say(rc == 0 and rc2 == 0, "desk B merges desk A's check-in day before the training starts")

records = {}  # (reg, sid) -> {"in": datetime, "out": datetime, "excused": bool}
mismatch = []

def expect_scan(reg, s, t, out_req, checked_in, approved_, override=False):
    """What the door must answer, by the model: (exit code, result)."""
    rec = records.get((reg, s["id"]), {})
    if out_req:
        if "out" in rec: return 1, "ALREADY"
        if "in" not in rec: return 1, "NOT_SIGNED_IN"
        early = (s["end"] - t).total_seconds() / 60
        return (0, "LEFT_EARLY") if early > 0 else (0, "SIGNED_OUT")
    if "in" in rec: return 1, "ALREADY"
    if not override and not approved_: return 1, "NOT_APPROVED"
    if not override and not checked_in: return 1, "NOT_CHECKED_IN"
    late = (t - s["start"]).total_seconds() / 60
    length = (s["end"] - s["start"]).total_seconds() / 60
    if late > length * HALF: return 0, "TOO_LATE"
    return (0, "LATE") if late > GRACE else (0, "ON_TIME")

def scan(db, reg, s, t, out_req=False, checked_in=True, approved_=True, reason=None):
    args = ["attend", reg, "--at", t.strftime("%Y-%m-%d %H:%M")]
    if out_req: args.append("--sign-out")
    if reason: args += ["--pin", "2468", "--reason", reason]
    want = expect_scan(reg, s, t, out_req, checked_in, approved_, reason is not None)
    rc, out = cli(db, *args, now=t.strftime("%Y-%m-%d %H:%M:00"))
    got = (rc, out.get("result"))
    if got != want or out.get("session") != s["id"]:
        mismatch.append((reg, s["id"], str(t), out_req, want, got, out.get("session")))
    if rc == 0:
        records.setdefault((reg, s["id"]), {})["out" if out_req else "in"] = t
    return got

# the doors: desk A at the library, desk B at the school
door = lambda s: dba if s["venue"] == "湖北省图书馆" else dbb
rng = random.Random(18)
people = sorted(checked)
perfect = people[:8]
for s in sessions:
    db = door(s)
    length = (s["end"] - s["start"]).total_seconds() / 60
    for reg in people:
        r = rng.random()
        if reg in perfect:
            t_in = s["start"] - timedelta(minutes=rng.randint(0, 25))
        elif r < 0.12:
            continue  # absent
        elif r < 0.55:
            t_in = s["start"] - timedelta(minutes=rng.randint(0, 28))
        elif r < 0.80:
            t_in = s["start"] + timedelta(minutes=rng.randint(GRACE + 1, int(length * HALF)))
        else:
            t_in = s["start"] + timedelta(minutes=rng.randint(int(length * HALF) + 1,
                                                              int(length) - 5))
        scan(db, reg, s, t_in)
        if rng.random() < 0.08:
            scan(db, reg, s, t_in + timedelta(minutes=3))  # a second scan: already
        if not s["sign_out"]:
            continue
        o = rng.random()
        if reg in perfect or o < 0.6:
            scan(db, reg, s, s["end"] + timedelta(minutes=rng.randint(0, 25)), out_req=True)
        elif o < 0.75:
            scan(db, reg, s, s["end"] - timedelta(minutes=rng.randint(5, int(length * HALF))),
                 out_req=True)
        elif o < 0.88:
            scan(db, reg, s, s["end"] - timedelta(minutes=int(length * HALF) + 10), out_req=True)
        # else: no sign-out

# the named cases, on the first morning at the library
s0 = sessions[0]
t = s0["start"] - timedelta(minutes=5)
got = scan(dba, not_checked[0], s0, t, checked_in=False)
say(got == (1, "NOT_CHECKED_IN"), "someone never checked in at the hotel is refused at the door (red, exit 1)", got)
got = scan(dba, not_checked[0], s0, t + timedelta(minutes=2), checked_in=False, reason="酒店签到台漏签，会务组王老师确认")
say(got == (0, "ON_TIME"), "the supervisor records them with a reason", got)
got = scan(dba, pending[0], s0, t, approved_=False, checked_in=False)
say(got == (1, "NOT_APPROVED"), "a registration not approved is refused (red, exit 1)", got)
rc, out = cli(dba, "attend", people[-1], "--session", "nope", "--at", "2026-05-26 08:30")
say(rc == 2, "an unknown session id is bad input (exit 2)", rc)
rc, out = cli(dba, "attend", people[-1], "--at", "26 May 8:30")
say(rc == 2, "a time that is not one is bad input (exit 2)", rc)
rc, out = cli(dba, "attend", people[-1], "--at", "2026-05-26 12:40")
say(rc == 1 and out.get("result") == "NO_SESSION", "no session open at 12:40: refused, asking for --session", out.get("result"))

# an excused absence, on the school's discussion, for someone who will not come
excused_reg = not_checked[1]
sd = next(s for s in sessions if s["id"] == "0529-0830")
rc, out = cli(dbb, "excuse", excused_reg, "--session", "0529-0830", "--reason", "x", "--pin", "0000")
say(rc == 1, "an excuse with a wrong PIN is refused", rc)
# (the right PIN next clears this copy's count of wrong ones, which no merge carries)
rc, out = cli(dbb, "excuse", excused_reg, "--session", "0529-0830", "--reason", "单位急事", "--pin", "2468")
say(rc == 0, "the supervisor records an excused absence (请假)", rc, out)
records.setdefault((excused_reg, "0529-0830"), {})["excused"] = True
rc, out = cli(dbb, "excuse", excused_reg, "--session", "0529-0830", "--reason", "again", "--pin", "2468")
say(rc == 1, "a second excuse for the same session is refused", rc)

# one person at both doors for the last session (each desk records it; the merge keeps the earlier)
both = perfect[0]
sl = sessions[-1]
rec_before = dict(records.get((both, sl["id"]), {}))
records.pop((both, sl["id"]), None)
cli(dba, "attend", both, "--at", (sl["start"] - timedelta(minutes=20)).strftime("%Y-%m-%d %H:%M"))
rc, out = cli(dbb, "attend", both, "--at", (sl["start"] + timedelta(minutes=40)).strftime("%Y-%m-%d %H:%M"))
say(rc == 0 and out.get("result") == "LATE", "desk B, not having seen desk A's scan, records it late", out.get("result"))
records[(both, sl["id"])] = {"in": sl["start"] - timedelta(minutes=20)}

say(not mismatch, f"every one of the day's scans answers as the model says ({len(mismatch)} differ)",
    *mismatch[:8])

# --- merge both ways ----------------------------------------------------------------------
rc_a, out_a = cli(dba, "export", "--to", work + "/usb-a")
rc_b, out_b = cli(dbb, "export", "--to", work + "/usb-b")
rc1, m1 = cli(dba, "merge", out_b.get("folder", "?"))
rc2, m2 = cli(dbb, "merge", out_a.get("folder", "?"))
say((rc_a, rc_b, rc1, rc2) == (0, 0, 0, 0), "A merges B's export and B merges A's",
    (rc_a, rc_b, rc1, rc2), m1, m2)

# --- the model of the certificates --------------------------------------------------------
def judge(s, rec):
    length = (s["end"] - s["start"]).total_seconds() / 60
    if "in" not in rec:
        return "EXCUSED" if rec.get("excused") else "NO_SIGN_IN"
    late = (rec["in"] - s["start"]).total_seconds() / 60
    if late > length * HALF:
        return "TOO_LATE"
    if s["sign_out"]:
        if "out" not in rec:
            return "NO_SIGN_OUT"
        if (s["end"] - rec["out"]).total_seconds() / 60 > length * HALF:
            return "LEFT_EARLY"
    return "ATTENDED"

model = {}
for reg in approved + [not_checked[0]]:
    missed, hours = [], 0.0
    for s in sessions:
        why = judge(s, records.get((reg, s["id"]), {}))
        if why == "ATTENDED":
            hours += s["hours"]
        elif s["required"]:
            missed.append((s["id"], why))
    model[reg] = dict(eligible=not missed, hours=hours, missed=missed)

for name, db in (("A", dba), ("B", dbb)):
    rc, rep = cli(db, "report", "certificates")
    got = {c["reg_no"]: dict(eligible=c["eligible"], hours=float(c["hours"]),
                             missed=[(m["session"], m["why"]) for m in c["missed"]])
           for c in rep.get("certificates", [])}
    diff = [(reg, model[reg], got.get(reg)) for reg in model if got.get(reg) != model[reg]]
    say(rc == 0 and not diff and set(got) == set(model),
        f"desk {name}: report certificates --json matches the model for all {len(model)} approved attendees",
        *diff[:5])
n_ok = sum(m["eligible"] for m in model.values())
say(8 <= n_ok < len(people), f"some qualify ({n_ok}), most do not")
rc, rep = cli(dba, "report", "certificates")
c = next(c for c in rep["certificates"] if c["reg_no"] == excused_reg)
say(any("0529-0830" in r and "请假" in r for r in c["reasons"]), "the excused absence is named among the reasons, with why it does not count", c["reasons"][:3])
say(not sanitizer, "no sanitizer report from any command", *sanitizer[:3])
late_one = next((c for c in rep["certificates"] if c["late"]), None)
say(late_one is not None and any("迟到" in r for r in late_one["reasons"]), "lateness is listed, by how much")
PY
cat "$WORK/day.tap"

# the databases the two desks hold after merging both ways
if diff <(canonical_dump "$dba") <(canonical_dump "$dbb") >"$WORK/dump.diff"; then
	pass "after merging both ways desks A and B hold the same rows (attendance included)"
else
	fail "after merging both ways desks A and B hold the same rows" "$(head -5 "$WORK/dump.diff")"
fi
expect_eq "one attendance row per scan that was recorded, the person at both doors once" \
	"$(sqlite3 "$dba" "SELECT count(*) FROM attendance WHERE session_id = '0529-1400' AND kind = 'in' AND attendee_id = (SELECT attendee_id FROM attendance GROUP BY attendee_id ORDER BY attendee_id LIMIT 1)")" "1"
# --- on the LAN: the two desks share a folder here, so each sees the other's log (docs/merge.md) ---
# two people with no record of the last session: A records one late (its entry counts at A's
# clock, after everything B has) and B pulls it; B records the other's excuse in the evening
# (after everything A has) and A pulls it: each applied alone, no whole replay
who=$(sqlite3 "$dba" "SELECT reg_no FROM attendee JOIN checkin ON checkin.attendee_id = attendee.id
	WHERE attendee.id NOT IN (SELECT attendee_id FROM attendance WHERE session_id = '0529-1400')
	ORDER BY reg_no LIMIT 2" | tr '\n' ' ')
read -r la lb <<<"$who"
FRONTDESK_NOW="2026-05-29 15:25:00" run attend "$la" --db "$dba" --json
expect_json "desk A records a scan at 15:25 (later than half the session: absent)" '.result == "TOO_LATE" and .recorded'
run sync --once --db "$dbb" --json
expect_json "desk B pulls A's late scan from the LAN, applied alone" '.new_entries == 1 and .full_replay == false'
FRONTDESK_NOW="2026-05-29 20:00:00" run excuse "$lb" --session 0529-1400 --reason 返程车票 --pin 2468 --db "$dbb"
expect_rc "desk B records an excuse that evening" 0
run sync --once --db "$dba" --json
expect_json "desk A pulls B's excuse from the LAN, applied alone" '.new_entries == 1 and .full_replay == false'
if diff <(canonical_dump "$dba") <(canonical_dump "$dbb") >"$WORK/dump-lan.diff"; then
	pass "after the LAN pulls desks A and B still hold the same rows"
else
	fail "after the LAN pulls desks A and B still hold the same rows" "$(head -5 "$WORK/dump-lan.diff")"
fi
expect_eq "the LAN brought the record and the excuse" \
	"$(sqlite3 "$dbb" "SELECT count(*) FROM attendance WHERE session_id = '0529-1400' AND attendee_id IN (SELECT id FROM attendee WHERE reg_no IN ('$la', '$lb'))")" "2"
# the incremental path is exact: one whole replay of both desks' exports gives the same rows
cp "$prep" "$WORK/full.db"
"$FD" desk-id A --key "$keys/desk-A.key" --db "$WORK/full.db" >/dev/null
mkdir -p "$WORK/usb-lan"
for d in "$dba" "$dbb"; do
	FRONTDESK_NOW="2026-05-29 21:0$([ "$d" = "$dba" ] && echo 1 || echo 2):00" \
		"$FD" export --to "$WORK/usb-lan" --db "$d" >/dev/null 2>&1
done
for f in "$WORK"/usb-lan/frontdesk-2605-*; do
	"$FD" merge "$f" --db "$WORK/full.db" >/dev/null 2>&1
done
if diff <(canonical_dump "$dba") <(canonical_dump "$WORK/full.db") >"$WORK/dump-full.diff"; then
	pass "one whole replay of both desks' exports equals what the pulls built"
else
	fail "one whole replay of both desks' exports equals what the pulls built" "$(head -5 "$WORK/dump-full.diff")"
fi

run report attendance --json --db "$dba"
expect_json "report attendance: a cell per session for every person" \
	'(.sessions | length) == 9 and (.people | all(.cells | length == 9))'
mkdir -p "$WORK/usb-final"
run export --to "$WORK/usb-final" --db "$dba" --json
folder=$(jq -r '.folder' "$OUT")
expect_eq "the export carries both sheets as CSV with a BOM and as xlsx" \
	"$(for f in session-attendance certificates; do head -c 3 "$folder/$f.csv" | xxd -p; test -s "$folder/$f.xlsx" && echo x; done | tr '\n' ' ')" \
	"efbbbf x efbbbf x "
expect_grep "the certificates sheet has the hours column" "学时" "$folder/certificates.csv"
