/*
 * probe: small tries of the desk's devices for `frontdesk doctor` (issue 19):
 * can a file be written on the stick, does the camera device open.
 */
#ifndef FRONTDESK_PROBE_H
#define FRONTDESK_PROBE_H

#include <stdbool.h>

/*
 * Creates, writes, syncs and removes a small file in dir. Returns false with
 * the system's reason in *cause (strerror text; the caller frees it).
 */
bool probe_writable(const char *dir, char **cause);

/*
 * Opens the camera as the desk would (scan_source_open) and waits up to
 * about two seconds for a first frame. Returns false with a bilingual *cause.
 */
bool probe_camera(const char *spec, char **cause);

#endif
