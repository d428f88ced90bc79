/*
 * csvwrite: CSV for people who open it in Excel (DESIGN section 4): fields
 * quoted when needed, and a cell that starts with = + - @ neutralised with a
 * leading apostrophe so a name cannot run as a formula.
 */
#ifndef FRONTDESK_CSVWRITE_H
#define FRONTDESK_CSVWRITE_H

#include "frontdesk/strbuf.h"

/* The UTF-8 byte order mark Excel needs to read UTF-8. */
#define CSVWRITE_BOM "\xEF\xBB\xBF"

/*
 * Appends one field (NULL as empty), preceded by a comma unless first. Controls
 * and escape sequences become U+FFFD (text_sanitize_lines); newlines stay, quoted.
 */
void csvwrite_field(struct strbuf *sb, const char *text, int first);

/* Appends an integer field. */
void csvwrite_int(struct strbuf *sb, long value, int first);

/* Ends the record with CRLF (what Excel writes and expects). */
void csvwrite_end(struct strbuf *sb);

#endif
