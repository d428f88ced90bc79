/*
 * syncthing_config writes Syncthing's config.xml from the event's desks
 * (syncthing_config.h). frontdesk owns the whole file and writes it at each
 * start, so nothing typed at the venue (or changed in Syncthing's GUI) can
 * open the desk to the internet or make a received log writable.
 */
#include "frontdesk/syncthing_config.h"

#include <stdbool.h>
#include <string.h>

#include "frontdesk/strbuf.h"
#include "frontdesk/xmalloc.h"

/* Text inside an element or an attribute: paths may hold &, <, > or quotes. */
static void put_escaped(struct strbuf *sb, const char *s)
{
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '&':
			strbuf_puts(sb, "&amp;");
			break;
		case '<':
			strbuf_puts(sb, "&lt;");
			break;
		case '>':
			strbuf_puts(sb, "&gt;");
			break;
		case '"':
			strbuf_puts(sb, "&quot;");
			break;
		default:
			strbuf_putc(sb, *s);
		}
	}
}

static bool any_static(const struct syncthing_setup *s)
{
	for (size_t i = 0; i < s->n; i++) {
		if (s->desks[i].address != NULL) {
			return true;
		}
	}
	return false;
}

static void put_folder(struct strbuf *sb, const struct syncthing_setup *s,
                       const struct syncthing_desk *owner)
{
	bool mine = strcmp(owner->id, s->own) == 0;

	strbuf_printf(sb, "    <folder id=\"frontdesk-%s-%s\" label=\"frontdesk %s %s\" path=\"",
	              s->event, owner->id, s->event, owner->id);
	put_escaped(sb, s->lan_root);
	strbuf_printf(sb,
	              "/%s-%s\" type=\"%s\" rescanIntervalS=\"10\" fsWatcherEnabled=\"true\" "
	              "fsWatcherDelayS=\"1\" ignorePerms=\"false\" autoNormalize=\"true\">\n",
	              s->event, owner->id, mine ? "sendonly" : "receiveonly");
	for (size_t i = 0; i < s->n; i++) {
		strbuf_printf(sb, "        <device id=\"%s\" introducedBy=\"\"></device>\n",
		              s->desks[i].device);
	}
	strbuf_puts(sb, "        <minDiskFree unit=\"%\">1</minDiskFree>\n"
	                "        <versioning></versioning>\n"
	                "        <maxConflicts>0</maxConflicts>\n"
	                "    </folder>\n");
}

static void put_device(struct strbuf *sb, const struct syncthing_desk *d)
{
	strbuf_printf(sb,
	              "    <device id=\"%s\" name=\"frontdesk-%s\" compression=\"metadata\" "
	              "introducer=\"false\" skipIntroductionRemovals=\"false\" introducedBy=\"\">\n"
	              "        <address>",
	              d->device, d->id);
	put_escaped(sb, d->address != NULL ? d->address : "dynamic");
	strbuf_puts(sb, "</address>\n"
	                "        <paused>false</paused>\n"
	                "        <autoAcceptFolders>false</autoAcceptFolders>\n"
	                "    </device>\n");
}

static const char options_fmt[] = "    <options>\n"
                                  "        <listenAddress>%s</listenAddress>\n"
                                  "        <globalAnnounceEnabled>false</globalAnnounceEnabled>\n"
                                  "        <localAnnounceEnabled>%s</localAnnounceEnabled>\n"
                                  "        <relaysEnabled>false</relaysEnabled>\n"
                                  "        <natEnabled>false</natEnabled>\n"
                                  "        <urAccepted>-1</urAccepted>\n"
                                  "        <urSeen>3</urSeen>\n"
                                  "        <crashReportingEnabled>false</crashReportingEnabled>\n"
                                  "        <startBrowser>false</startBrowser>\n"
                                  "        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>\n"
                                  "        <reconnectionIntervalS>5</reconnectionIntervalS>\n"
                                  "        <announceLANAddresses>true</announceLANAddresses>\n"
                                  "        <setLowPriority>false</setLowPriority>\n"
                                  "    </options>\n";

char *syncthing_config_xml(const struct syncthing_setup *s)
{
	struct strbuf sb = STRBUF_INIT;
	const char *listen = "tcp://:22000";

	for (size_t i = 0; i < s->n; i++) {
		if (strcmp(s->desks[i].id, s->own) == 0 && s->desks[i].address != NULL) {
			listen = s->desks[i].address;
		}
	}
	strbuf_puts(&sb, "<configuration version=\"36\">\n");
	for (size_t i = 0; i < s->n; i++) {
		put_folder(&sb, s, &s->desks[i]);
	}
	for (size_t i = 0; i < s->n; i++) {
		put_device(&sb, &s->desks[i]);
	}
	strbuf_puts(&sb, "    <gui enabled=\"true\" tls=\"false\" debugging=\"false\">\n"
	                 "        <address>");
	put_escaped(&sb, s->gui_address);
	strbuf_puts(&sb, "</address>\n        <apikey>");
	put_escaped(&sb, s->api_key);
	strbuf_puts(&sb, "</apikey>\n        <theme>default</theme>\n    </gui>\n");
	struct strbuf esc = STRBUF_INIT;
	put_escaped(&esc, listen);
	strbuf_printf(&sb, options_fmt, strbuf_str(&esc), any_static(s) ? "false" : "true");
	strbuf_release(&esc);
	strbuf_puts(&sb, "</configuration>\n");
	return strbuf_detach(&sb);
}

char *syncthing_address_of(const char *addresses, const char *desk)
{
	size_t n = strlen(desk);

	for (const char *p = addresses; p != NULL && *p != '\0';) {
		p += strspn(p, " ,\t");
		size_t len = strcspn(p, " ,\t");
		if (len > n + 1 && strncmp(p, desk, n) == 0 && p[n] == '=') {
			return xstrndup(p + n + 1, len - n - 1);
		}
		p += len;
	}
	return NULL;
}
