/* tcpinfo.h — per-connection byte counters for the log line. */
#ifndef MW_SSHD_TCPINFO_H
#define MW_SSHD_TCPINFO_H

/* Stores the bytes received from and acknowledged by the peer of the TCP
 * socket fd so far. Returns 0, or -1 (both set to 0) when unknown. */
int	tcpinfo_bytes(int fd, unsigned long long *in, unsigned long long *out);

#endif
