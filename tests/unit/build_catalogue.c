/*
 * build_catalogue: linked into every unit test so that its messages are said
 * with the English of this build's catalogue (<build>/po), as the binary of the
 * build tree does (src/cli/paths.c); an installed frontdesk reads the one under
 * its prefix instead, which a test must not depend on.
 */
#include "config.h"
#include "frontdesk/say.h"

__attribute__((constructor)) static void use_build_catalogue(void)
{
	say_set_catalogue_dir(FRONTDESK_BUILD_LOCALEDIR);
}
