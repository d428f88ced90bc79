/* placeholder: being written */
#include "frontdesk/encoding.h"
