/*
 * Tests for syncthing_config: the config.xml frontdesk writes keeps the API
 * on 127.0.0.1, turns off everything that reaches outside the lobby, gives
 * each desk's folder send-only at its owner and receive-only elsewhere, and
 * reads the [lan] addresses of event.ini.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "frontdesk/syncthing_config.h"

static const struct syncthing_desk desks[] = {
    {"A", "AAAAAAA-AAAAAAA-AAAAAAA-AAAAAAA-AAAAAAA-AAAAAAA-AAAAAAA-AAAAAAA", NULL},
    {"B", "BBBBBBB-BBBBBBB-BBBBBBB-BBBBBBB-BBBBBBB-BBBBBBB-BBBBBBB-BBBBBBB", NULL},
};

static char *config_for(const char *own, const struct syncthing_desk *d, size_t n)
{
	struct syncthing_setup s = {"2605", own, "/data/a&b/lan", "127.0.0.1:40001", "k3y", d, n};
	return syncthing_config_xml(&s);
}

static void folders_are_send_only_at_their_owner(void **state)
{
	(void)state;
	char *xml = config_for("B", desks, 2);
	assert_non_null(strstr(xml, "id=\"frontdesk-2605-A\" label=\"frontdesk 2605 A\" "
	                            "path=\"/data/a&amp;b/lan/2605-A\" type=\"receiveonly\""));
	assert_non_null(strstr(xml, "path=\"/data/a&amp;b/lan/2605-B\" type=\"sendonly\""));
	assert_non_null(strstr(xml, "<address>127.0.0.1:40001</address>"));
	assert_non_null(strstr(xml, "<apikey>k3y</apikey>"));
	free(xml);
}

static void nothing_reaches_outside_the_lobby(void **state)
{
	(void)state;
	char *xml = config_for("A", desks, 2);
	assert_non_null(strstr(xml, "<globalAnnounceEnabled>false<"));
	assert_non_null(strstr(xml, "<relaysEnabled>false<"));
	assert_non_null(strstr(xml, "<natEnabled>false<"));
	assert_non_null(strstr(xml, "<urAccepted>-1<"));
	assert_non_null(strstr(xml, "<crashReportingEnabled>false<"));
	assert_non_null(strstr(xml, "<autoUpgradeIntervalH>0<"));
	/* no static address: the desks find each other on the LAN */
	assert_non_null(strstr(xml, "<localAnnounceEnabled>true<"));
	assert_non_null(strstr(xml, "<address>dynamic</address>"));
	free(xml);
}

static void static_addresses_turn_discovery_off(void **state)
{
	(void)state;
	struct syncthing_desk d[] = {{"A", desks[0].device, "tcp://127.0.0.1:22001"},
	                             {"B", desks[1].device, "tcp://127.0.0.1:22002"}};
	char *xml = config_for("B", d, 2);
	assert_non_null(strstr(xml, "<listenAddress>tcp://127.0.0.1:22002</listenAddress>"));
	assert_non_null(strstr(xml, "<address>tcp://127.0.0.1:22001</address>"));
	assert_non_null(strstr(xml, "<localAnnounceEnabled>false<"));
	free(xml);
}

static void addresses_of_event_ini(void **state)
{
	(void)state;
	const char *list = "A=tcp://10.0.0.11:22000, B=tcp://10.0.0.12:22000 AB=tcp://x:1";
	char *a = syncthing_address_of(list, "A"), *ab = syncthing_address_of(list, "AB");
	assert_string_equal(a, "tcp://10.0.0.11:22000");
	assert_string_equal(ab, "tcp://x:1");
	assert_null(syncthing_address_of(list, "C"));
	assert_null(syncthing_address_of(NULL, "A"));
	assert_null(syncthing_address_of("A=", "A"));
	free(a);
	free(ab);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(folders_are_send_only_at_their_owner),
	    cmocka_unit_test(nothing_reaches_outside_the_lobby),
	    cmocka_unit_test(static_addresses_turn_discovery_off),
	    cmocka_unit_test(addresses_of_event_ini),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
