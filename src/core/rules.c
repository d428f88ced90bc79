/* placeholder: being written */
#include "frontdesk/rules.h"
