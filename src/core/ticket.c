/* placeholder: being written */
#include "frontdesk/ticket.h"
