/* hostport.h — parsing of HOST:PORT arguments such as "127.0.0.1:0". */
#ifndef MW_COMMON_HOSTPORT_H
#define MW_COMMON_HOSTPORT_H

#include <stddef.h>

/* Splits "HOST:PORT" or "[V6]:PORT" into host (at most hostsz bytes, NUL
 * included) and port 0..65535. Returns 0, or -1 for a malformed argument. */
int	hostport_parse(const char *arg, char *host, size_t hostsz, int *port);

#endif
