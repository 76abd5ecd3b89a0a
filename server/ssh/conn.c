/* conn.c — one SSH connection in its own unprivileged process: key exchange, public login, one session channel, the client. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>
#include <libssh/server.h>

#include "common/log.h"
#include "common/msglang.h"
#include "common/text.h"
#include "server/ssh/envpolicy.h"
#include "server/ssh/execcmd.h"
#include "server/ssh/hostkey.h"
#include "server/ssh/keylogin.h"
#include "server/ssh/spawn.h"
#include "server/ssh/sshd.h"
#include "server/ssh/tcpinfo.h"

/* What the connection asked for and did not get, for the log line. */
#define CONN_REF_LOCAL_FWD	0x001
#define CONN_REF_REMOTE_FWD	0x002
#define CONN_REF_GLOBAL		0x004
#define CONN_REF_AGENT		0x008
#define CONN_REF_X11		0x010
#define CONN_REF_SUBSYSTEM	0x020
#define CONN_REF_CHANNEL	0x040
#define CONN_REF_ENV		0x080
#define CONN_REF_EXEC		0x100
#define CONN_REF_PTY		0x200

static const struct {
	unsigned int	 bit;
	const char	*name;
} conn_ref_names[] = {
	{ CONN_REF_LOCAL_FWD, "local-forward" },
	{ CONN_REF_REMOTE_FWD, "remote-forward" },
	{ CONN_REF_GLOBAL, "global-request" },
	{ CONN_REF_AGENT, "agent" },
	{ CONN_REF_X11, "x11" },
	{ CONN_REF_SUBSYSTEM, "subsystem" },
	{ CONN_REF_CHANNEL, "channel" },
	{ CONN_REF_ENV, "env" },
	{ CONN_REF_EXEC, "exec" },
	{ CONN_REF_PTY, "pty" },
};

#define CONN_BUF	65536	/* one pty read, one channel write */

struct conn {
	const struct sshd_config *cfg;
	const char	*source;
	int		 fd;
	int		 stat_fd;	/* a dup of fd for the byte counters */
	ssh_session	 session;
	ssh_event	 event;
	ssh_channel	 channel;
	struct ssh_server_callbacks_struct srv_cb;
	struct ssh_channel_callbacks_struct chan_cb;

	char		 user[33];	/* login name, made safe for the log */
	int		 authed;
	int		 line;		/* login name asks for the line mode */
	int		 pty;		/* pty-req received */
	char		 term[ENVPOLICY_TERM_MAX + 1];
	struct winsize	 ws;
	struct envpolicy env;		/* LANG and LC_* the session asked for */

	const char	*mode;		/* "-", "full", "line", "exec" */
	int		 started;	/* shell or exec accepted */
	const char	*reject;	/* exec refused: message to send */
	struct spawn_proc proc;
	int		 sigfd;
	int		 exited;
	int		 status;	/* waitpid status */
	int		 out_eof, err_eof;
	char		 home[256];

	unsigned int	 refused;
	double		 t_connect, t_session, t_input;
	int		 warned;
	int		 saw_esc;	/* the client draws with escape sequences */
	double		 nudge_at;	/* restore the pty size then (repaint) */
	char		 end_notice[400];	/* written after the client is gone */
	const char	*end;
	int		 finished;
	struct keylogin	 kl;		/* the key the client proved */
	int		 kex_marked;
};

static double
conn_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Tells the listener how far the connection got (a line on the log pipe
 * it reads): "kex" once the key exchange is done, "session" once the
 * client runs; until then the connection counts in the pre-login pool. */
static void
conn_mark(const char *what)
{
	char line[16];
	int n = snprintf(line, sizeof(line), "\001%s\n", what);

	if (n > 0 && write(2, line, (size_t)n) < 0) {
		/* the listener is gone; the connection ends with it */
	}
}

/* Keeps a login name printable in the log whatever the client sent. */
static void
conn_set_user(struct conn *c, const char *user)
{
	size_t i, n = 0;

	if (user == NULL)
		user = "";
	for (i = 0; user[i] != '\0' && n < sizeof(c->user) - 1; i++) {
		unsigned char ch = (unsigned char)user[i];

		c->user[n++] = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		    (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-' ?
		    (char)ch : '?';
	}
	c->user[n] = '\0';
	if (n == 0)
		snprintf(c->user, sizeof(c->user), "-");
	c->line = strcmp(c->user, "text") == 0 || strcmp(c->user, "line") == 0;
}

/* ---- authentication: public terminal, any name, no secret checked ---- */

static int
conn_auth_any(ssh_session s, const char *user, void *ud)
{
	struct conn *c = ud;

	(void)s;
	conn_set_user(c, user);
	c->authed = 1;
	return SSH_AUTH_SUCCESS;
}

static int
conn_auth_none(ssh_session s, const char *user, void *ud)
{
	/* With key login the client must first be asked for its keys; the
	 * clients go on to keyboard-interactive, accepted without a question. */
	if (keylogin_enabled())
		return SSH_AUTH_DENIED;
	return conn_auth_any(s, user, ud);
}

static int
conn_auth_password(ssh_session s, const char *user, const char *password, void *ud)
{
	(void)password;	/* never looked at, never logged */
	return conn_auth_any(s, user, ud);
}

/* Hands the verified key's fingerprint and public part to key login. */
static void
conn_keylogin(struct conn *c, ssh_key key)
{
	unsigned char *hash = NULL;
	char *fp = NULL, *b64 = NULL, pub[KEYLOGIN_PUB_MAX];
	const char *type = ssh_key_type_to_char(ssh_key_type(key));
	size_t hlen = 0;

	if (type != NULL &&
	    ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hash, &hlen) == 0 &&
	    (fp = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, hlen)) != NULL &&
	    ssh_pki_export_pubkey_base64(key, &b64) == SSH_OK &&
	    snprintf(pub, sizeof(pub), "%s %s", type, b64) < (int)sizeof(pub) &&
	    keylogin_check(&c->kl, c->cfg->api_url, fp, pub) == 1)
		log_msg("%s: key login with %s", c->source, fp);
	ssh_clean_pubkey_hash(&hash);
	ssh_string_free_char(fp);
	ssh_string_free_char(b64);
}

static int
conn_auth_pubkey(ssh_session s, const char *user, struct ssh_key_struct *key,
    char state, void *ud)
{
	/* Any key may be offered; a login needs the signature that proves the
	 * client holds it (libssh verified it when the state is VALID). */
	if (state == SSH_PUBLICKEY_STATE_NONE)
		return SSH_AUTH_SUCCESS;
	if (state == SSH_PUBLICKEY_STATE_VALID) {
		conn_keylogin(ud, key);
		return conn_auth_any(s, user, ud);
	}
	return SSH_AUTH_DENIED;
}

/* Everything the callbacks do not handle ends here: keyboard-interactive
 * is accepted without a question, the rest is refused and noted. */
static int
conn_message(ssh_session s, ssh_message msg, void *ud)
{
	struct conn *c = ud;
	int type = ssh_message_type(msg), sub = ssh_message_subtype(msg);

	(void)s;
	switch (type) {
	case SSH_REQUEST_AUTH:
		if (sub == SSH_AUTH_METHOD_INTERACTIVE) {
			conn_set_user(c, ssh_message_auth_user(msg));
			c->authed = 1;
			ssh_message_auth_reply_success(msg, 0);
			return 0;
		}
		break;
	case SSH_REQUEST_GLOBAL:
		c->refused |= sub == SSH_GLOBAL_REQUEST_TCPIP_FORWARD ?
		    CONN_REF_REMOTE_FWD : CONN_REF_GLOBAL;
		break;
	case SSH_REQUEST_CHANNEL_OPEN:
		c->refused |= sub == SSH_CHANNEL_DIRECT_TCPIP ?
		    CONN_REF_LOCAL_FWD : CONN_REF_CHANNEL;
		break;
	case SSH_REQUEST_CHANNEL:
		if (sub == SSH_CHANNEL_REQUEST_X11)
			c->refused |= CONN_REF_X11;
		break;
	default:
		break;
	}
	return 1;	/* libssh sends the refusal */
}

/* ---- the session channel ---- */

static unsigned short
conn_clamp(int v, int lo, int hi)
{
	return (unsigned short)(v < lo ? lo : v > hi ? hi : v);
}

static int
conn_pty_request(ssh_session s, ssh_channel ch, const char *term, int w, int h,
    int pw, int ph, void *ud)
{
	struct conn *c = ud;

	(void)s;
	(void)ch;
	(void)pw;
	(void)ph;
	if (c->started || c->pty || !envpolicy_term_ok(term)) {
		c->refused |= CONN_REF_PTY;
		return -1;
	}
	snprintf(c->term, sizeof(c->term), "%s", term);
	/* 0 means unknown (stdin of ssh -tt is not a terminal). */
	c->ws.ws_col = w > 0 ? conn_clamp(w, 1, 1000) : 80;
	c->ws.ws_row = h > 0 ? conn_clamp(h, 1, 1000) : 24;
	c->pty = 1;
	return 0;
}

static int
conn_window_change(ssh_session s, ssh_channel ch, int w, int h, int pw, int ph,
    void *ud)
{
	struct conn *c = ud;

	(void)s;
	(void)ch;
	(void)pw;
	(void)ph;
	c->ws.ws_col = conn_clamp(w, 1, 1000);
	c->ws.ws_row = conn_clamp(h, 1, 1000);
	/* The kernel sends SIGWINCH to the client when the size changes. */
	if (c->proc.master >= 0)
		ioctl(c->proc.master, TIOCSWINSZ, &c->ws);
	return 0;
}

static int
conn_env_request(ssh_session s, ssh_channel ch, const char *name,
    const char *value, void *ud)
{
	struct conn *c = ud;

	(void)s;
	(void)ch;
	if (c->started || envpolicy_set(&c->env, name, value) != 0) {
		c->refused |= CONN_REF_ENV;
		return -1;
	}
	return 0;
}

static void conn_write_notice(struct conn *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static int conn_full_screen(const struct conn *c);
static void conn_nudge(struct conn *c);
static const char *conn_lang(const struct conn *c);

/* Starts the client with argv (argv[0] is replaced by the fixed name). */
static int
conn_start_client(struct conn *c, char **argv)
{
	char *env[ENVPOLICY_MAX + 7], envbuf[2048];
	size_t n;

	/* Out of the pre-login pool before anything is made that an
	 * eviction would have to clean up. */
	conn_mark("session");
	if (spawn_home_new(c->cfg->tmp_dir, c->home, sizeof(c->home)) != 0) {
		log_msg("%s: cannot create a private HOME: %s", c->source, strerror(errno));
		c->home[0] = '\0';
		goto failed;
	}
	/* The login is over: the gateway secret is not needed any more. */
	keylogin_forget();
	if (envpolicy_build(&c->env, c->cfg->api_url, c->home, c->pty ? c->term : NULL, env,
	    sizeof(env) / sizeof(env[0]) - 3, envbuf, sizeof(envbuf)) != 0)
		goto failed;
	/* Key login's variables, if any, after ours. */
	for (n = 0; env[n] != NULL; n++)
		;
	n = keylogin_env(&c->kl, env, n, sizeof(env) / sizeof(env[0]));
	env[n] = NULL;
	argv[0] = "mitwirkung";
	if (spawn_start(c->cfg->client_path, argv, env, c->pty ? &c->ws : NULL, &c->proc) != 0) {
		log_msg("%s: cannot start the client: %s", c->source, strerror(errno));
		/* A client that runs without its descriptors is hung up and
		 * reaped by the normal end of the session. */
		if (c->proc.pid <= 0)
			goto failed;
		c->end = "client-failed";
	}
	if (c->proc.master >= 0)
		c->out_eof = 0, c->err_eof = 1;
	else
		c->out_eof = 0, c->err_eof = 0;
	/* From here on the login grace no longer applies. */
	alarm(0);
	c->started = 1;
	c->t_session = c->t_input = conn_now();
	return 0;
failed:
	/* The request succeeds; the loop then tells the person and ends
	 * with status 1 instead of leaving them at a dead channel. */
	alarm(0);
	c->started = 1;
	conn_mark("session");
	c->proc.pid = -1;
	c->t_session = c->t_input = conn_now();
	return 0;
}

static int
conn_shell_request(ssh_session s, ssh_channel ch, void *ud)
{
	struct conn *c = ud;
	char *argv[4] = { NULL, NULL, NULL, NULL };

	(void)s;
	(void)ch;
	if (c->started)
		return -1;
	if (c->line || !c->pty) {
		c->mode = "line";
		argv[1] = "--ui";
		argv[2] = "line";
	} else {
		c->mode = "full";
	}
	return conn_start_client(c, argv);
}

static int
conn_exec_request(ssh_session s, ssh_channel ch, const char *command, void *ud)
{
	struct conn *c = ud;
	char **words = NULL, *argv[EXECCMD_MAX_WORDS + 2];
	size_t i;
	int rc;

	(void)s;
	(void)ch;
	if (c->started)
		return -1;
	c->mode = "exec";
	rc = execcmd_parse(command, &words);
	if (rc != EXECCMD_OK) {
		/* Accepted, so the refusal reaches the person as text and an
		 * exit status instead of a bare "exec request failed". */
		c->refused |= CONN_REF_EXEC;
		c->reject = execcmd_str(rc);
		c->started = 1;
		conn_mark("session");
		alarm(0);
		c->t_session = c->t_input = conn_now();
		return 0;
	}
	argv[0] = NULL;
	for (i = 0; words[i] != NULL; i++)
		argv[i + 1] = words[i];
	argv[i + 1] = NULL;
	rc = conn_start_client(c, argv);
	execcmd_free(words);
	return rc;
}

static int
conn_subsystem_request(ssh_session s, ssh_channel ch, const char *name, void *ud)
{
	struct conn *c = ud;

	(void)s;
	(void)ch;
	(void)name;
	c->refused |= CONN_REF_SUBSYSTEM;
	return -1;
}

static void
conn_agent_request(ssh_session s, ssh_channel ch, void *ud)
{
	struct conn *c = ud;

	(void)s;
	(void)ch;
	c->refused |= CONN_REF_AGENT;
}

static int
conn_data(ssh_session s, ssh_channel ch, void *data, uint32_t len, int is_stderr,
    void *ud)
{
	struct conn *c = ud;
	int fd;
	ssize_t w;

	(void)s;
	(void)ch;
	(void)is_stderr;
	if (!c->started || c->proc.pid <= 0 || c->exited)
		return (int)len;	/* nobody to read it */
	c->t_input = conn_now();
	if (c->warned) {
		/* The key that answers the idle warning is not passed on, so
		 * that "q" cannot quit by accident; the client repaints. */
		c->warned = 0;
		if (conn_full_screen(c))
			conn_nudge(c);
		else
			conn_write_notice(c, "%s", msglang_get(conn_lang(c),
			    "Session continues."));
		return (int)len;
	}
	fd = c->proc.master >= 0 ? c->proc.master : c->proc.in;
	if (fd < 0)
		return (int)len;
	w = write(fd, data, len);
	if (w < 0)
		return errno == EAGAIN ? 0 : (int)len;
	return (int)w;
}

static void
conn_eof(ssh_session s, ssh_channel ch, void *ud)
{
	struct conn *c = ud;

	(void)s;
	(void)ch;
	if (c->proc.in >= 0) {
		close(c->proc.in);
		c->proc.in = -1;
	} else if (c->proc.master >= 0) {
		/* End of input on a terminal is ^D at the start of a line. */
		if (write(c->proc.master, "\004", 1) < 0) {
			/* the client is gone; its exit is noticed elsewhere */
		}
	}
}

static void
conn_close(ssh_session s, ssh_channel ch, void *ud)
{
	struct conn *c = ud;

	(void)s;
	(void)ch;
	if (c->end == NULL)
		c->end = "channel-closed";
}

static ssh_channel
conn_open_session(ssh_session s, void *ud)
{
	struct conn *c = ud;

	if (!c->authed || c->channel != NULL) {
		c->refused |= CONN_REF_CHANNEL;
		return NULL;
	}
	if ((c->channel = ssh_channel_new(s)) == NULL)
		return NULL;
	ssh_callbacks_init(&c->chan_cb);
	c->chan_cb.userdata = c;
	c->chan_cb.channel_pty_request_function = conn_pty_request;
	c->chan_cb.channel_pty_window_change_function = conn_window_change;
	c->chan_cb.channel_env_request_function = conn_env_request;
	c->chan_cb.channel_shell_request_function = conn_shell_request;
	c->chan_cb.channel_exec_request_function = conn_exec_request;
	c->chan_cb.channel_subsystem_request_function = conn_subsystem_request;
	c->chan_cb.channel_auth_agent_req_function = conn_agent_request;
	c->chan_cb.channel_data_function = conn_data;
	c->chan_cb.channel_eof_function = conn_eof;
	c->chan_cb.channel_close_function = conn_close;
	ssh_set_channel_callbacks(c->channel, &c->chan_cb);
	return c->channel;
}

/* ---- output from the client ---- */

/* One read, one channel write: a screen update leaves as one packet. */
static int
conn_pump(struct conn *c, int fd, int is_stderr)
{
	char buf[CONN_BUF];
	ssize_t n;

	n = read(fd, buf, sizeof(buf));
	if (n > 0) {
		if (!c->saw_esc && memchr(buf, 0x1b, (size_t)n) != NULL)
			c->saw_esc = 1;
		if (c->channel != NULL && ssh_channel_is_open(c->channel)) {
			if (is_stderr)
				ssh_channel_write_stderr(c->channel, buf, (uint32_t)n);
			else
				ssh_channel_write(c->channel, buf, (uint32_t)n);
		}
		return 1;
	}
	if (n < 0 && (errno == EAGAIN || errno == EINTR))
		return 0;
	return -1;	/* EOF, or EIO from a pty whose client is gone */
}

static int
conn_fd_cb(socket_t fd, int revents, void *ud)
{
	struct conn *c = ud;

	(void)revents;
	if (fd == c->sigfd) {
		struct signalfd_siginfo si;

		while (read(c->sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si))
			if (si.ssi_signo == SIGTERM && c->end == NULL)
				/* Before the session: the listener made room in
				 * its pre-login pool. */
				c->end = c->started ? "server-stop" : "evicted";
		if (!c->exited && c->proc.pid > 0 &&
		    waitpid(c->proc.pid, &c->status, WNOHANG) == c->proc.pid)
			c->exited = 1;
		return 0;
	}
	if (fd == c->proc.master || fd == c->proc.out) {
		if (!c->out_eof && conn_pump(c, fd, 0) < 0)
			c->out_eof = 1;
	} else if (fd == c->proc.err) {
		if (!c->err_eof && conn_pump(c, fd, 1) < 0)
			c->err_eof = 1;
	}
	return 0;
}

/* The registry code of the session's messages: what its LC_ALL,
 * LC_MESSAGES or LANG names, else English. */
static const char *
conn_lang(const struct conn *c)
{
	return c->env.lang != NULL ? c->env.lang : "en";
}

/* Writes a short notice (already in the session's language) to the
 * person's terminal as a line of its own. */
static void
conn_write_notice(struct conn *c, const char *fmt, ...)
{
	char msg[512], text[400];
	va_list ap;
	int n;

	if (c->channel == NULL || !ssh_channel_is_open(c->channel))
		return;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	n = snprintf(msg, sizeof(msg), "%s%s%s", c->pty ? "\r\n" : "\n", text,
	    c->pty ? "\r\n" : "\n");
	if (n > 0)
		ssh_channel_write(c->channel, msg, (uint32_t)n);
}

/* Writes text on the bottom line of a full-screen session and puts the
 * cursor back where the client left it (on the focus), so the screen
 * reader reads the warning and the braille display stays on the focus.
 * The text is cut to the width: a wrap on the last line would scroll. */
static void
conn_write_status(struct conn *c, const char *text)
{
	char msg[600];
	size_t fit = text_fit(text, c->ws.ws_col > 1 ? (size_t)c->ws.ws_col - 1 : 1);
	int n;

	if (c->channel == NULL || !ssh_channel_is_open(c->channel))
		return;
	n = snprintf(msg, sizeof(msg), "\0337\033[%u;1H\033[2K%.*s\0338",
	    (unsigned int)c->ws.ws_row, (int)fit, text);
	if (n > 0 && (size_t)n < sizeof(msg))
		ssh_channel_write(c->channel, msg, (uint32_t)n);
}

/* True when the client draws a full screen with cursor addressing. The
 * line mode never writes an escape sequence, and the client picks it on
 * its own for TERM=dumb, so what it wrote is the reliable sign. */
static int
conn_full_screen(const struct conn *c)
{
	return c->pty && c->saw_esc && strcmp(c->mode, "full") == 0;
}

/* Makes the client repaint everything: the size shrinks by one row for a
 * moment (a SIGWINCH without a change is ignored by curses). */
static void
conn_nudge(struct conn *c)
{
	struct winsize ws = c->ws;

	if (c->proc.master < 0 || ws.ws_row < 2)
		return;
	ws.ws_row--;
	ioctl(c->proc.master, TIOCSWINSZ, &ws);
	c->nudge_at = conn_now() + 0.15;
}

/* ---- ending ---- */

static void
conn_drain(struct conn *c, int fd, int is_stderr)
{
	int i;

	/* Bounded: a client that keeps writing is not allowed to stall us. */
	for (i = 0; fd >= 0 && i < 64; i++)
		if (conn_pump(c, fd, is_stderr) <= 0)
			break;
}

/* Hangs the client up (SIGHUP to its process group, SIGKILL after the
 * grace time) and reaps it, so no zombie and no orphan is left. While it
 * exits, what it writes (curses restoring the terminal) is still passed
 * on when the connection is there. */
static void
conn_hangup(struct conn *c)
{
	double until;
	int fd;

	if (c->proc.pid <= 0 || c->exited)
		goto out;
	kill(-c->proc.pid, SIGHUP);
	kill(c->proc.pid, SIGHUP);
	until = conn_now() + c->cfg->hangup_grace;
	fd = c->proc.master >= 0 ? c->proc.master : c->proc.out;
	while (conn_now() < until) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };

		if (waitpid(c->proc.pid, &c->status, WNOHANG) == c->proc.pid) {
			c->exited = 1;
			break;
		}
		if (fd >= 0 && poll(&pfd, 1, 20) > 0 && conn_pump(c, fd, 0) < 0)
			fd = -1;
		else if (fd < 0)
			poll(NULL, 0, 20);
	}
	if (c->exited) {
		conn_drain(c, c->proc.master >= 0 ? c->proc.master : c->proc.out, 0);
	} else {
		kill(-c->proc.pid, SIGKILL);
		kill(c->proc.pid, SIGKILL);
		if (waitpid(c->proc.pid, &c->status, 0) == c->proc.pid)
			c->exited = 1;
	}
out:
	spawn_close_fds(&c->proc);
	if (c->end_notice[0] != '\0')
		conn_write_notice(c, "%s", c->end_notice);
}

/* Sends the client's exit status and closes the channel. */
static void
conn_finish_channel(struct conn *c, int code, const char *signame)
{
	if (c->channel == NULL || !ssh_channel_is_open(c->channel))
		return;
	if (signame != NULL)
		ssh_channel_request_send_exit_signal(c->channel, signame, 0, "", "");
	else
		ssh_channel_request_send_exit_status(c->channel, code);
	ssh_channel_send_eof(c->channel);
	ssh_channel_close(c->channel);
}

static const char *
conn_signame(int sig)
{
	switch (sig) {
	case SIGHUP:	return "HUP";
	case SIGINT:	return "INT";
	case SIGKILL:	return "KILL";
	case SIGTERM:	return "TERM";
	case SIGSEGV:	return "SEGV";
	case SIGABRT:	return "ABRT";
	case SIGPIPE:	return "PIPE";
	default:	return "KILL";
	}
}

static void
conn_log(struct conn *c)
{
	char refused[256] = "";
	unsigned long long in, out;
	size_t i, n = 0;

	tcpinfo_bytes(c->stat_fd, &in, &out);
	for (i = 0; i < sizeof(conn_ref_names) / sizeof(conn_ref_names[0]); i++) {
		if (c->refused & conn_ref_names[i].bit) {
			int w = snprintf(refused + n, sizeof(refused) - n, "%s%s",
			    n == 0 ? " refused=" : ",", conn_ref_names[i].name);

			if (w > 0 && (size_t)w < sizeof(refused) - n)
				n += (size_t)w;
		}
	}
	log_msg("connection from %s user=%s mode=%s duration=%.1fs bytes_in=%llu bytes_out=%llu end=%s%s",
	    c->source, c->user, c->mode, conn_now() - c->t_connect, in, out,
	    c->end != NULL ? c->end : "closed", refused);
}

/* True once the first key exchange is done (both sides use its keys). */
static int
conn_kex_done(const struct conn *c)
{
	return ssh_get_cipher_in(c->session) != NULL;
}

/* Why the connection ended when the peer went away. */
static const char *
conn_lost(const struct conn *c)
{
	return conn_kex_done(c) ? "connection-lost" : "kex-failed";
}

/* Milliseconds until the next timer of the session is due; an idle
 * session sleeps up to a minute, so 500 of them cost no wake-ups. */
static int
conn_timeout_ms(const struct conn *c, double now)
{
	double next = now + 60.0, t;
	int idle = c->cfg->idle_timeout;

	if (c->started && idle > 0) {
		int warn = idle / 2 < 60 ? idle / 2 : 60;

		t = c->t_input + (c->warned ? idle : idle - warn);
		if (t < next)
			next = t;
	}
	if (c->nudge_at > 0 && c->nudge_at < next)
		next = c->nudge_at;
	if (!c->started) {
		/* The pre-session deadlines (the login grace is an alarm). */
		t = c->t_connect + (ssh_get_clientbanner(c->session) == NULL ?
		    c->cfg->banner_grace : c->cfg->kex_grace);
		if (!conn_kex_done(c) && t < next)
			next = t;
	}
	if (c->started && c->cfg->max_session > 0) {
		t = c->t_session + c->cfg->max_session;
		if (t < next)
			next = t;
	}
	if (next < now)
		return 0;
	return (int)((next - now) * 1000) + 1;
}

/* Checks the idle and session-length limits; returns 1 when the session
 * must end now. */
static int
conn_check_timers(struct conn *c, double now)
{
	int idle = c->cfg->idle_timeout;

	if (!c->started) {
		/* A client that is slow to say hello or to finish the key
		 * exchange holds a pre-login slot: it goes early. */
		if (ssh_get_clientbanner(c->session) == NULL &&
		    now >= c->t_connect + c->cfg->banner_grace) {
			c->end = "banner-timeout";
			return 1;
		}
		if (!conn_kex_done(c) && now >= c->t_connect + c->cfg->kex_grace) {
			c->end = "kex-timeout";
			return 1;
		}
		return 0;
	}
	if (c->nudge_at > 0 && now >= c->nudge_at) {
		c->nudge_at = 0;
		if (c->proc.master >= 0)
			ioctl(c->proc.master, TIOCSWINSZ, &c->ws);
	}
	if (c->cfg->max_session > 0 && now >= c->t_session + c->cfg->max_session) {
		int min = (c->cfg->max_session + 59) / 60;

		snprintf(c->end_notice, sizeof(c->end_notice), msglang_nget(conn_lang(c),
		    "The session has reached its maximum length of %d minute and ends now.",
		    "The session has reached its maximum length of %d minutes and ends now.",
		    (unsigned long)min), min);
		c->end = "max-session";
		return 1;
	}
	if (idle > 0) {
		int warn = idle / 2 < 60 ? idle / 2 : 60;

		if (now >= c->t_input + idle) {
			snprintf(c->end_notice, sizeof(c->end_notice), "%s",
			    msglang_get(conn_lang(c),
			    "No input for a long time: the session ends now."));
			c->end = "idle";
			return 1;
		}
		if (!c->warned && now >= c->t_input + idle - warn) {
			char text[300];

			c->warned = 1;
			snprintf(text, sizeof(text), msglang_nget(conn_lang(c),
			    "No input for a while: this session ends in %d second. Press any key to continue.",
			    "No input for a while: this session ends in %d seconds. Press any key to continue.",
			    (unsigned long)warn), warn);
			if (conn_full_screen(c))
				conn_write_status(c, text);
			else
				conn_write_notice(c, "%s", text);
		}
	}
	return 0;
}

/* Removes the client's descriptors from the event loop. */
static void
conn_unregister(struct conn *c)
{
	int *fd[3] = { &c->proc.master, &c->proc.out, &c->proc.err };
	size_t i;

	for (i = 0; i < 3; i++)
		if (*fd[i] >= 0)
			ssh_event_remove_fd(c->event, *fd[i]);
}

/* Drives the connection until the client exits or the peer goes away. */
static void
conn_loop(struct conn *c)
{
	int added = 0, registered_out = 0, registered_err = 0, registered_master = 0;

	for (;;) {
		double now = conn_now();
		int rc;

		/* The client's descriptors join the loop once, when it starts. */
		if (c->started && c->proc.pid > 0 && !added) {
			added = 1;
			if (c->proc.master >= 0) {
				ssh_event_add_fd(c->event, c->proc.master, POLLIN, conn_fd_cb, c);
				registered_master = 1;
			}
			if (c->proc.out >= 0) {
				ssh_event_add_fd(c->event, c->proc.out, POLLIN, conn_fd_cb, c);
				ssh_event_add_fd(c->event, c->proc.err, POLLIN, conn_fd_cb, c);
				registered_out = registered_err = 1;
			}
		}
		if (c->started && c->reject != NULL) {
			char msg[600];
			/* L10N: A command refused over ssh: why, then the
			 * commands (not translated). */
			int n = snprintf(msg, sizeof(msg), msglang_get(conn_lang(c),
			    "mitwirkung-sshd: %1$s. Available over ssh: %2$s\n"),
			    msglang_get(conn_lang(c), c->reject), execcmd_list());

			if (n > 0 && c->channel != NULL)
				ssh_channel_write_stderr(c->channel, msg, (uint32_t)n);
			conn_finish_channel(c, 1, NULL);
			c->end = "exec-refused";
			return;
		}
		if (c->started && c->proc.pid <= 0) {
			conn_write_notice(c, "%s", msglang_get(conn_lang(c),
			    "The service is not available right now."));
			conn_finish_channel(c, 1, NULL);
			c->end = "client-failed";
			return;
		}
		/* Once the client is gone and its output drained, report. */
		if (c->exited && c->out_eof && c->err_eof) {
			if (WIFSIGNALED(c->status))
				conn_finish_channel(c, 0, conn_signame(WTERMSIG(c->status)));
			else
				conn_finish_channel(c, WEXITSTATUS(c->status), NULL);
			c->end = "client-exit";
			return;
		}
		if (c->exited) {
			/* Drain what the client wrote before exiting; a pty can
			 * stay open through a grandchild, so don't wait for EOF. */
			conn_drain(c, c->proc.master >= 0 ? c->proc.master : c->proc.out, 0);
			conn_drain(c, c->proc.err, 1);
			c->out_eof = c->err_eof = 1;
			continue;
		}
		if (c->end != NULL)
			return;	/* channel closed by the peer */
		if (ssh_get_status(c->session) & (SSH_CLOSED | SSH_CLOSED_ERROR)) {
			c->end = conn_lost(c);
			return;
		}
		if (conn_check_timers(c, now))
			return;
		rc = ssh_event_dopoll(c->event, conn_timeout_ms(c, now));
		if (!c->kex_marked && conn_kex_done(c)) {
			c->kex_marked = 1;
			conn_mark("kex");
		}
		if (rc == SSH_ERROR && !(c->exited)) {
			if (ssh_get_status(c->session) & (SSH_CLOSED | SSH_CLOSED_ERROR) ||
			    !ssh_is_connected(c->session)) {
				c->end = conn_lost(c);
				return;
			}
		}
		if (registered_master && c->out_eof && c->proc.master >= 0 && !c->exited) {
			/* The pty is gone but the client still runs: wait for it. */
			ssh_event_remove_fd(c->event, c->proc.master);
			registered_master = 0;
		}
		/* A pipe at EOF would wake the loop for ever: leave it out. */
		if (registered_out && c->out_eof && !c->exited) {
			ssh_event_remove_fd(c->event, c->proc.out);
			registered_out = 0;
		}
		if (registered_err && c->err_eof && !c->exited) {
			ssh_event_remove_fd(c->event, c->proc.err);
			registered_err = 0;
		}
	}
}

/* Lets the peer read our last packets and leave first: closing while its
 * goodbye is still in flight would reset the connection, and OpenSSH's
 * client then reports an error instead of the exit status. */
static void
conn_linger(struct conn *c)
{
	double until = conn_now() + 1.0;

	while (!(ssh_get_status(c->session) & (SSH_CLOSED | SSH_CLOSED_ERROR)) &&
	    ssh_is_connected(c->session) && conn_now() < until)
		if (ssh_event_dopoll(c->event, 100) == SSH_ERROR)
			break;
}

static void
conn_grace_expired(int sig)
{
	(void)sig;
	_exit(SSHD_CHILD_GRACE);
}

void
conn_main(const struct sshd_config *cfg, struct sshd_hostkeys *keys, int fd,
    const char *source, uid_t uid)
{
	struct conn conn, *c = &conn;
	struct sigaction sa;
	sigset_t mask;
	ssh_bind bind = NULL;
	size_t i;
	int rc = SSHD_CHILD_SETUP;

	memset(c, 0, sizeof(*c));
	c->cfg = cfg;
	c->source = source;
	c->fd = fd;
	/* libssh closes its descriptor when the peer goes; this one keeps
	 * the kernel's counters readable until the log line is written. */
	c->stat_fd = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	c->mode = "-";
	c->sigfd = -1;
	c->proc.pid = -1;
	c->proc.master = c->proc.in = c->proc.out = c->proc.err = -1;
	snprintf(c->user, sizeof(c->user), "-");
	c->t_connect = conn_now();

	/* The login grace covers key exchange and login; it ends when the
	 * client runs. */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = conn_grace_expired;
	sigaction(SIGALRM, &sa, NULL);
	alarm((unsigned int)cfg->login_grace);

	if (privdrop_demote(cfg, uid) != 0 || sandbox_apply() != 0)
		_exit(SSHD_CHILD_SETUP);
	sigemptyset(&mask);
	sigaddset(&mask, SIGCHLD);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	if ((c->sigfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC)) < 0)
		_exit(SSHD_CHILD_SETUP);

	if ((bind = ssh_bind_new()) == NULL || (c->session = ssh_new()) == NULL)
		_exit(SSHD_CHILD_SETUP);
	/* Only our own settings: no system-wide libssh server config. */
	{
		bool no = false;

		ssh_bind_options_set(bind, SSH_BIND_OPTIONS_PROCESS_CONFIG, &no);
	}
	for (i = 0; i < 2; i++) {
		/* The bind owns what it imports: the inherited key itself, as
		 * libssh 0.10 does not wipe what its ssh_key_dup() leaves of
		 * an RSA key. */
		ssh_key k = hostkeys_take(keys, (int)i);

		if (k != NULL && ssh_bind_options_set(bind, SSH_BIND_OPTIONS_IMPORT_KEY,
		    k) != SSH_OK)
			_exit(SSHD_CHILD_SETUP);
	}
	if (cfg->verbose > 0) {
		int level = cfg->verbose;

		ssh_bind_options_set(bind, SSH_BIND_OPTIONS_LOG_VERBOSITY, &level);
	}
	if (ssh_bind_accept_fd(bind, c->session, fd) != SSH_OK) {
		log_msg("%s: %s", source, ssh_get_error(bind));
		_exit(SSHD_CHILD_SETUP);
	}
	/* The session now holds its own copy of the host keys (libssh 0.10
	 * signs every key exchange with it, re-keys too); the bind's, which
	 * is the one inherited from the listener, is wiped. */
	ssh_bind_free(bind);
	bind = NULL;
	hostkeys_free(keys);
	keys = NULL;
	ssh_set_auth_methods(c->session, SSH_AUTH_METHOD_NONE | SSH_AUTH_METHOD_PASSWORD |
	    SSH_AUTH_METHOD_PUBLICKEY | SSH_AUTH_METHOD_INTERACTIVE);
	ssh_callbacks_init(&c->srv_cb);
	c->srv_cb.userdata = c;
	c->srv_cb.auth_none_function = conn_auth_none;
	c->srv_cb.auth_password_function = conn_auth_password;
	c->srv_cb.auth_pubkey_function = conn_auth_pubkey;
	c->srv_cb.channel_open_request_session_function = conn_open_session;
	ssh_set_server_callbacks(c->session, &c->srv_cb);
	ssh_set_message_callback(c->session, conn_message, c);

	/*
	 * Only the banner is sent here; the key exchange runs in the session
	 * loop like everything else. libssh 0.10's blocking
	 * ssh_handle_key_exchange() waits for the state "authenticating" and
	 * misses it when a client sends its login and channel requests in the
	 * same read as NEWKEYS (Dropbear's dbclient does, after guessing the
	 * key exchange with kexguess2): it then waits for ever while the
	 * session is already running.
	 */
	ssh_set_blocking(c->session, 0);
	if (ssh_handle_key_exchange(c->session) == SSH_ERROR) {
		c->end = "kex-failed";
		conn_log(c);
		rc = SSHD_CHILD_OK;
		goto out;
	}
	ssh_set_blocking(c->session, 1);
	/* From now on a stopping server ends the session in order, so the
	 * client is hung up and its HOME removed. */
	sigaddset(&mask, SIGTERM);
	sigprocmask(SIG_BLOCK, &mask, NULL);
	if (signalfd(c->sigfd, &mask, SFD_NONBLOCK | SFD_CLOEXEC) < 0)
		goto out;
	if ((c->event = ssh_event_new()) == NULL ||
	    ssh_event_add_session(c->event, c->session) != SSH_OK ||
	    ssh_event_add_fd(c->event, c->sigfd, POLLIN, conn_fd_cb, c) != SSH_OK)
		goto out;
	conn_loop(c);
	conn_unregister(c);
	conn_hangup(c);
	if (c->started)
		conn_linger(c);
	conn_log(c);
	rc = SSHD_CHILD_OK;
out:
	keylogin_end(&c->kl, cfg->api_url);
	if (c->home[0] != '\0')
		spawn_home_remove(c->home);
	if (c->session != NULL) {
		ssh_disconnect(c->session);
		ssh_free(c->session);
	}
	envpolicy_free(&c->env);
	_exit(rc);
}
