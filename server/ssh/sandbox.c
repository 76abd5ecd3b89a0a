/* sandbox.c — the seccomp filter of a connection child (and the client it starts): kernel interfaces a session never needs fail with EPERM. */
#include <errno.h>
#include <sched.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>

#include <seccomp.h>

#include "common/log.h"
#include "server/ssh/sshd.h"

/*
 * What a session never needs: other processes' memory, the kernel's
 * module, key, BPF, perf and io_uring interfaces, mounts and namespaces,
 * the clock, swap and reboot. The filter is inherited by the client, so
 * the rest (files, sockets, the terminal, threads) stays allowed.
 */
static const char *const sandbox_denied[] = {
#ifndef __SANITIZE_ADDRESS__
	/* (LeakSanitizer's check at the client's exit needs ptrace.) */
	"ptrace",
#endif
	"process_vm_readv", "process_vm_writev", "kcmp", "pidfd_getfd",
	"mount", "umount2", "pivot_root", "chroot", "move_mount", "open_tree",
	"fsopen", "fsconfig", "fsmount", "fspick", "mount_setattr",
	"unshare", "setns", "bpf", "perf_event_open", "userfaultfd",
	"io_uring_setup", "io_uring_enter", "io_uring_register",
	"init_module", "finit_module", "delete_module", "kexec_load", "kexec_file_load",
	"add_key", "request_key", "keyctl", "personality", "acct", "swapon", "swapoff",
	"reboot", "settimeofday", "clock_settime", "clock_adjtime", "adjtimex",
	"iopl", "ioperm", "open_by_handle_at", "name_to_handle_at", "quotactl",
	"syslog", "vhangup", "fanotify_init", "lookup_dcookie", "uselib",
	"sethostname", "setdomainname",
};

static const scmp_datum_t sandbox_ns[] = {
	CLONE_NEWUSER, CLONE_NEWNS, CLONE_NEWNET, CLONE_NEWPID, CLONE_NEWIPC,
	CLONE_NEWUTS, CLONE_NEWCGROUP,
};

int
sandbox_apply(void)
{
	scmp_filter_ctx ctx;
	size_t i;
	int rc = -1, af;

	if ((ctx = seccomp_init(SCMP_ACT_ALLOW)) == NULL) {
		log_msg("seccomp_init failed");
		return -1;
	}
	for (i = 0; i < sizeof(sandbox_denied) / sizeof(sandbox_denied[0]); i++) {
		int nr = seccomp_syscall_resolve_name(sandbox_denied[i]);

		/* A name this kernel or architecture does not know is absent. */
		if (nr == __NR_SCMP_ERROR)
			continue;
		if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), nr, 0) != 0)
			goto out;
	}
	/* No new namespaces through clone() either (clone3 hides its flags
	 * in memory: it fails with ENOSYS, and libc falls back to clone). */
	for (i = 0; i < sizeof(sandbox_ns) / sizeof(sandbox_ns[0]); i++)
		if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(clone), 1,
		    SCMP_A0(SCMP_CMP_MASKED_EQ, sandbox_ns[i], sandbox_ns[i])) != 0)
			goto out;
	if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0) != 0)
		goto out;
	/* Sockets: IPv4, IPv6, local and netlink (the resolver) only. */
	for (af = 0; af <= AF_NETLINK + 1; af++) {
		if (af == AF_UNIX || af == AF_INET || af == AF_INET6 || af == AF_NETLINK)
			continue;
		if (seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EAFNOSUPPORT), SCMP_SYS(socket), 1,
		    af > AF_NETLINK ? SCMP_A0(SCMP_CMP_GE, (scmp_datum_t)af) :
		    SCMP_A0(SCMP_CMP_EQ, (scmp_datum_t)af)) != 0)
			goto out;
	}
	if (seccomp_load(ctx) != 0) {
		log_msg("seccomp_load failed");
		goto out;
	}
	rc = 0;
out:
	if (rc != 0)
		log_msg("cannot set up the seccomp filter");
	seccomp_release(ctx);
	return rc;
}
