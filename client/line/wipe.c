/* wipe.c — sizes the blank lines of a line-mode kiosk reset to the terminal (no escape sequence may clear it). */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>

#include "client/line/wipe.h"

int
wipe_rows(int ws_rows, const char *lines_env)
{
	long n = 0;

	if (ws_rows > 0)
		n = ws_rows;
	else if (lines_env != NULL && lines_env[0] != '\0' &&
	    lines_env[strspn(lines_env, "0123456789")] == '\0' &&
	    strlen(lines_env) <= 9)
		n = strtol(lines_env, NULL, 10);
	if (n <= 0)
		return WIPE_ROWS_FALLBACK;
	return n > WIPE_ROWS_MAX ? WIPE_ROWS_MAX : (int)n;
}

int
wipe_rows_of(int fd)
{
	struct winsize ws;
	int rows = 0;

	if (ioctl(fd, TIOCGWINSZ, &ws) == 0)
		rows = ws.ws_row;
	return wipe_rows(rows, getenv("LINES"));
}
