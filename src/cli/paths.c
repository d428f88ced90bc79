/*
 * paths: where an installed frontdesk and one run from its build tree find
 * their message catalogues. An installed binary reads them under the install
 * prefix (FRONTDESK_LOCALEDIR, e.g. /usr/share/locale); the binary this build
 * tree made reads the catalogues the build compiled (<build>/po), so the tests
 * of an uninstalled build see English without installing anything. The build
 * tree's binary is recognised by its own path (/proc/self/exe), not by a
 * variable, so an installed copy can never wander into a build tree that
 * happens to exist on the same machine under another path.
 */
#include "cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "frontdesk/say.h"

bool cli_running_from_build(void)
{
	char self[PATH_MAX];
	char built[PATH_MAX];

	if (realpath("/proc/self/exe", self) == NULL ||
	    realpath(FRONTDESK_BUILD_EXE, built) == NULL) {
		return false;
	}
	return strcmp(self, built) == 0;
}

void cli_choose_catalogues(void)
{
	say_set_catalogue_dir(cli_running_from_build() ? FRONTDESK_BUILD_LOCALEDIR : NULL);
}
