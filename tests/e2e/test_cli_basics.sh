# The command line's contract: help, version, usage errors and their exit codes.
. "$(dirname "$0")/lib.sh"

run --help
expect_rc "help exits 0" 0
expect_grep "help lists import" "frontdesk import roster.csv" "$OUT"

run --version
expect_rc "version exits 0" 0
expect_grep "version prints the name" "frontdesk 0." "$OUT"

run frobnicate --db "$WORK/x.db"
expect_rc "unknown command exits 2" 2
expect_grep "unknown command is explained in Chinese and English" "未知命令 frobnicate" "$ERR"

run import --no-such-option --db "$WORK/x.db"
expect_rc "unknown option exits 2" 2
expect_grep "unknown option names itself" "unknown option --no-such-option" "$ERR"

run init --event "$DEMO/event.ini" --db "$WORK/x.db"
expect_rc "init without --rooms is bad usage" 2

run lookup 张 --db "$WORK/never-initialised.db"
expect_rc "lookup on a database without an event exits 2" 2
expect_grep "it says to run init first" "frontdesk init" "$ERR"

run init --event "$WORK/missing.ini" --rooms "$DEMO/rooms.csv" --db "$WORK/y.db"
expect_rc "init with a missing event.ini exits 2" 2
expect_grep "the missing file is named" "missing.ini" "$ERR"
if [ ! -e "$WORK/y.db" ]; then pass "no database is created when init fails"; else fail "no database is created when init fails"; fi

printf '[event]\ncode = 12\nname = x\n' >"$WORK/bad.ini"
run init --event "$WORK/bad.ini" --rooms "$DEMO/rooms.csv" --db "$WORK/z.db" --json
expect_rc "init with a bad event.ini exits 2" 2
expect_json "bad event code is reported" '[.errors[].message] | any(test("4 digits"))'
expect_json "missing keys are reported" '[.errors[].message] | any(test("checkin_date"))'

empty_db "$WORK/a.db"
run init --event "$DEMO/event.ini" --rooms "$DEMO/rooms.csv" --db "$WORK/a.db"
expect_rc "init twice is refused" 1
expect_grep "init twice says already initialised" "already initialised" "$ERR"

run init --event "$DEMO/event.ini" --rooms "$DEMO/rooms.csv" --db "$WORK/p.db"
mode=$(stat -c %a "$WORK/p.db")
expect_eq "database is created 0600" "$mode" "600"
