/*
 * syncthing_config: the config.xml frontdesk writes for its own Syncthing
 * (issue 17; docs/merge.md "On the LAN"), and the [lan] addresses of
 * event.ini. Pure text: the schema is Syncthing 1.19's (configuration
 * version 36, as `syncthing generate` writes it); elements left out take
 * Syncthing's defaults.
 *
 * What it says: the GUI and REST API on 127.0.0.1 only, with an API key;
 * no global discovery, relays, NAT traversal, usage or crash reporting, no
 * upgrades, no browser; local discovery only when no static address is
 * given; one folder per desk, "frontdesk-<event>-<desk>" at
 * <lan root>/<event>-<desk>, send-only at its owner and receive-only at the
 * others, shared with every desk's device; watched with a one-second delay,
 * so an appended line leaves within seconds.
 */
#ifndef FRONTDESK_SYNCTHING_CONFIG_H
#define FRONTDESK_SYNCTHING_CONFIG_H

#include <stddef.h>

struct syncthing_desk {
	const char *id;      /* desk id */
	const char *device;  /* its Syncthing device ID */
	const char *address; /* "tcp://host:port", or NULL: found by local discovery */
};

struct syncthing_setup {
	const char *event;
	const char *own;         /* this desk's id (one of desks) */
	const char *lan_root;    /* the folders' parent (lanlog_root) */
	const char *gui_address; /* "127.0.0.1:PORT" */
	const char *api_key;
	const struct syncthing_desk *desks;
	size_t n;
};

/* Returns the whole config.xml (the caller frees it). */
char *syncthing_config_xml(const struct syncthing_setup *s);

/*
 * Returns desk's address in an event.ini [lan] addresses value
 * ("A=tcp://10.0.0.11:22000 B=tcp://10.0.0.12:22000", spaces or commas
 * between), as a new string, or NULL when it names none for desk.
 */
char *syncthing_address_of(const char *addresses, const char *desk);

#endif
