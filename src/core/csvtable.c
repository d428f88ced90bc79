/* placeholder: being written */
#include "frontdesk/csvtable.h"
