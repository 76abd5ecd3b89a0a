/* replay.c — a main for the fuzz targets without libFuzzer: feeds every file of the corpus folders to the target once (make check). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Feeds the file path to the target. Returns 0, or -1 when it cannot be
 * read (a corpus that is not there must fail, not pass empty). */
static int
replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long len;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		if (f != NULL)
			fclose(f);
		return -1;
	}
	/* A copy of exactly the file's size, so ASan sees reads past it. */
	if ((buf = malloc(len > 0 ? (size_t)len : 1)) == NULL ||
	    fread(buf, 1, (size_t)len, f) != (size_t)len) {
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)len);
	free(buf);
	return 0;
}

/* Replays every regular file in dir; returns how many, or -1. */
static long
replay_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	struct stat st;
	char path[4096];
	long n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
			continue;
		if (replay_file(path) < 0) {
			n = -1;
			break;
		}
		n++;
	}
	closedir(d);
	return n;
}

int
main(int argc, char **argv)
{
#ifdef REPLAY_CORPUS
	static char *dflt[] = { NULL, REPLAY_CORPUS, NULL };
#endif
	long n, total = 0;
	int i;

#ifdef REPLAY_CORPUS
	if (argc < 2) {
		dflt[0] = argv[0];
		argv = dflt;
		argc = 2;
	}
#endif
	if (argc < 2) {
		fprintf(stderr, "usage: %s CORPUS-DIR...\n", argv[0]);
		return 2;
	}
	for (i = 1; i < argc; i++) {
		if ((n = replay_dir(argv[i])) <= 0) {
			fprintf(stderr, "%s: %s: %s\n", argv[0], argv[i],
			    n == 0 ? "empty corpus" : "cannot read");
			return 1;
		}
		printf("%s: %ld inputs replayed, no crash\n", argv[i], n);
		total += n;
	}
	return total > 0 ? 0 : 1;
}
