/*
 * tui: the full-screen desk (DESIGN section 1), the staff's only interface.
 */
#ifndef FRONTDESK_TUI_H
#define FRONTDESK_TUI_H

#include <stdbool.h>

struct desk; /* frontdesk/actions/desk.h */

/*
 * Runs the desk screen on the terminal until the staff quit. camera is a
 * camera spec ("/dev/video0", "dir:PATH") or NULL for event.ini's [desk]
 * camera; self_path is this program (badges print through a child of it). Returns 0, or
 * an exit code with *cause (the caller frees it) when the terminal cannot be
 * used (not a UTF-8 locale, no terminal). The terminal is restored on every
 * path, including signals. session_mode opens the hall door's session mode
 * (F11) as soon as the operator is known (`frontdesk --session`).
 */
int tui_run(struct desk *desk, const char *camera, const char *self_path, bool ask_operator,
            bool session_mode, char **cause);

#endif
