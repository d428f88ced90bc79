/*
 * testseam: the one place where the tests may steer frontdesk from the
 * environment: the clock of the journal, fake removable drives, a failing
 * or pausing export writer, the stay cache's self-check and the bench's
 * first-screen exit. Nothing else in src/ reads these variables.
 *
 * The hooks exist only in a build configured with -Dtest_seam=true (the
 * meson option defines FRONTDESK_TEST_SEAM for src/seam/testseam.c alone).
 * Without it every function below returns "not set" (NULL, false) and the
 * variables are never read: the code that reads them is not compiled, so a
 * release build cannot be steered, and the journal's time can never be set
 * from the environment of a production build. scripts/test, scripts/bench and
 * the unit and fuzz test programs turn it on; scripts/demo and a plain
 * `meson setup` leave it off (docs/decisions.md, "Test seam").
 *
 * Layer: src/seam is a leaf static library below every layer. It uses
 * nothing but getenv and strtoull, depends on no other frontdesk module and
 * is linked through the store's dependency, so store, actions, cli and tui all
 * reach it without any layer pointing upwards. It is not part of src/core, so
 * core stays pure rules that read nothing from the process.
 */
#ifndef FRONTDESK_TESTSEAM_H
#define FRONTDESK_TESTSEAM_H

#include <stdbool.h>
#include <stdint.h>

/* Returns true when the hooks are compiled in (a -Dtest_seam=true build). */
bool testseam_enabled(void);

/*
 * FRONTDESK_NOW: a fixed "YYYY-MM-DD HH:MM:SS" for the journal's clock
 * (journal_now), so entries and the times actions write on their rows are
 * known in advance. Used by test_db and the end-to-end tests (test_checkin,
 * test_merge, test_export, test_lodging, test_tui_merge) and by fuzz_bundle.
 * Returns the variable (borrowed from the environment), or NULL when unset,
 * empty or compiled out.
 */
const char *testseam_now(void);

/*
 * FRONTDESK_MOUNTS: a file read instead of /proc/self/mounts when looking for
 * removable drives (export, merge; CLI and desk screen). Used by test_export,
 * test_merge, test_tui and test_tui_merge. Returns the path (borrowed), or
 * NULL for the system's.
 */
const char *testseam_mounts_path(void);

/*
 * FRONTDESK_SYS_BLOCK: a directory read instead of /sys/block to tell a
 * removable disk, beside testseam_mounts_path and used by the same tests.
 * Returns the path (borrowed), or NULL for the system's.
 */
const char *testseam_sys_block_path(void);

/*
 * FRONTDESK_EXPORT_FAIL_AFTER=N: the export writer fails with EIO after N
 * bytes, as a pulled stick would (export_io). Used by test_export. Returns
 * true and sets *bytes when the variable is a decimal number; false (and
 * leaves *bytes alone) when it is unset, not a number, or compiled out.
 */
bool testseam_export_fail_after(uint64_t *bytes);

/*
 * FRONTDESK_EXPORT_PAUSE=FILE: once the snapshot is on the drive, the export
 * creates FILE (mode 0600) and waits until it is gone (at most a minute), so
 * a test can pull the stick or plant links at that moment (export_io). Used
 * by test_export_hostile. Returns the path (borrowed), or NULL.
 */
const char *testseam_export_pause(void);

/*
 * FRONTDESK_VERIFY_STAY_CACHE=1: every kept hotel picture is compared with a
 * fresh load and the process aborts when they differ (stays.c). Set for every
 * end-to-end test by tests/e2e/lib.sh. Returns true only for "1".
 */
bool testseam_verify_stay_cache(void);

/*
 * FRONTDESK_EXIT_AFTER_FIRST_SCREEN (any value): the desk screen returns
 * after drawing its first screen, so scripts/bench can time start to first
 * screen. Returns true when set.
 */
bool testseam_exit_after_first_screen(void);

/*
 * FRONTDESK_EXIT_AFTER_FIRST_SCREEN=figures: the desk screen returns only once a screen
 * with the day's figures on its status line is drawn (the first screen draws before they
 * are counted), so scripts/bench can time that too. Returns true when so set.
 */
bool testseam_exit_after_figures(void);

#endif
