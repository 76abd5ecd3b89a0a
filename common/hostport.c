/* hostport.c — parsing of HOST:PORT and [V6]:PORT listen and connect arguments. */
#include <string.h>

#include "common/hostport.h"

int
hostport_parse(const char *arg, char *host, size_t hostsz, int *port)
{
	const char *h, *colon, *p;
	size_t hlen;
	long v = 0;

	if (arg == NULL || host == NULL || hostsz == 0 || port == NULL)
		return -1;
	host[0] = '\0';
	*port = 0;
	if (arg[0] == '[') {
		const char *close = strchr(arg, ']');

		if (close == NULL || close[1] != ':')
			return -1;
		h = arg + 1;
		hlen = (size_t)(close - h);
		colon = close + 1;
	} else {
		colon = strrchr(arg, ':');
		if (colon == NULL)
			return -1;
		h = arg;
		hlen = (size_t)(colon - arg);
		/* A bare IPv6 address is ambiguous without brackets. */
		if (memchr(h, ':', hlen) != NULL)
			return -1;
	}
	if (hlen == 0 || hlen >= hostsz)
		return -1;
	p = colon + 1;
	if (*p == '\0')
		return -1;
	for (; *p != '\0'; p++) {
		if (*p < '0' || *p > '9')
			return -1;
		v = v * 10 + (*p - '0');
		if (v > 65535)
			return -1;
	}
	memcpy(host, h, hlen);
	host[hlen] = '\0';
	*port = (int)v;
	return 0;
}
