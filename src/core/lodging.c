/* placeholder: being written */
#include "frontdesk/lodging.h"
