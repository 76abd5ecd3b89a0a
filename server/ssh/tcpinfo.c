/* tcpinfo.c — bytes a TCP connection carried, from the kernel's own counters. */
#include <linux/tcp.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <stddef.h>

#include "server/ssh/tcpinfo.h"

int
tcpinfo_bytes(int fd, unsigned long long *in, unsigned long long *out)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);

	*in = *out = 0;
	if (getsockopt(fd, IPPROTO_TCP, TCP_INFO, &ti, &len) != 0 ||
	    len < (socklen_t)(offsetof(struct tcp_info, tcpi_bytes_received) +
	    sizeof(ti.tcpi_bytes_received)))
		return -1;
	*in = ti.tcpi_bytes_received;
	*out = ti.tcpi_bytes_acked;
	return 0;
}
