/* placeholder: being written */
#include "frontdesk/xmalloc.h"
