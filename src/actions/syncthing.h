/*
 * syncthing (private to src/actions): Syncthing identities and the child
 * process (syncthing.c). The front ends reach it through actions/lan.h.
 */
#ifndef FRONTDESK_ACTIONS_SYNCTHING_H
#define FRONTDESK_ACTIONS_SYNCTHING_H

#include <stdbool.h>
#include <stddef.h>

struct desk;
struct syncthing_child;

/* Whether the syncthing program runs here. */
bool syncthing_available(void);

/*
 * For each desk: a Syncthing identity made with `syncthing generate`, its
 * device ID stored in the database (inside the caller's transaction), its
 * cert and key written beside the desk's key file as
 * desk-<ID>.syncthing-cert.pem and -key.pem (0600, never over an existing
 * file). Does nothing (true) when syncthing is not installed. False with
 * *cause, the files written removed.
 */
bool syncthing_make_identities(struct desk *desk, const char *keys_dir, const char *const *ids,
                               size_t n, char **cause);
/* Removes the identity files of ids from keys_dir (a prepare that failed later). */
void syncthing_remove_identities(const char *keys_dir, const char *const *ids, size_t n);

/*
 * Installs desk id's identity files found beside its key file (key_path)
 * into this desk's Syncthing home (<database folder>/syncthing, 0700). True
 * when there are none (prepared without syncthing). False with *cause.
 */
bool syncthing_install_identity(struct desk *desk, const char *key_path, const char *id,
                                char **cause);

/*
 * Writes config.xml into the home and starts `syncthing serve` there.
 * Returns NULL when this desk has no identity or syncthing is missing
 * (*cause left NULL), or on a failure (*cause set).
 */
struct syncthing_child *syncthing_start(struct desk *desk, char **cause);
/* Stops the child (SIGTERM, then SIGKILL after 5 s) and frees c; NULL is a no-op. */
void syncthing_stop(struct syncthing_child *c);

#endif
