# Makefile — builds mitwirkung, mitwirkung-api and mitwirkung-sshd into $(BUILD)/.
# One file, no recursion. Programs are assembled from the folders by wildcard,
# so a new .c file needs no edit here. See README.md for the targets.

PREFIX  ?= /usr/local
DESTDIR ?=
SAN     ?= 0
# A sanitizer build goes to its own folder so it never mixes with the normal one.
BUILD   ?= $(if $(filter 1,$(SAN)),build-san,build)
WERROR  ?= $(if $(CI),1,0)
V       ?= 0
PKG_CONFIG ?= pkg-config

ifeq ($(V),0)
Q = @
say = @printf '  %-6s %s\n' $(1) $(2)
else
Q =
say = @:
endif

VERSION := $(shell cat VERSION 2>/dev/null || echo 0.1.0)

WARN = -Wall -Wextra -Wformat=2 -Wshadow -Wmissing-prototypes -Wstrict-prototypes -Wswitch-enum
CFLAGS ?= -O2 -g
CFLAGS += -std=c11 -D_GNU_SOURCE -pthread $(WARN) -I. -MMD -MP \
	-DMW_VERSION='"$(VERSION)"' -DMW_LOCALEDIR_BUILD='"$(abspath $(BUILD))/locale"' \
	-DMW_PREFIX='"$(PREFIX)"'
LDFLAGS += -pthread
ifeq ($(WERROR),1)
CFLAGS += -Werror
endif
ifeq ($(SAN),1)
# Any finding stops the program (halt_on_error), so a test sees it fail.
CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -O1
LDFLAGS += -fsanitize=address,undefined
export ASAN_OPTIONS ?= halt_on_error=1:detect_leaks=1:detect_stack_use_after_return=1
export UBSAN_OPTIONS ?= halt_on_error=1:print_stacktrace=1
# Leaks inside the C library that our code cannot free (the file says why).
export LSAN_OPTIONS ?= suppressions=$(abspath tests/lsan.supp):print_suppressions=0
endif

pc_cflags = $(shell $(PKG_CONFIG) --cflags $(1) 2>/dev/null)
pc_libs   = $(shell $(PKG_CONFIG) --libs $(1) 2>/dev/null)

API_PKGS    = libmicrohttpd libcjson sqlite3 libsodium libcurl zlib
CLIENT_PKGS = ncursesw libcurl libcjson
SSH_PKGS    = libssh libcurl libseccomp
TEST_PKGS   = cmocka

CFLAGS += $(call pc_cflags,$(API_PKGS) $(CLIENT_PKGS) $(SSH_PKGS) $(TEST_PKGS))
API_LIBS    = $(call pc_libs,$(API_PKGS))
CLIENT_LIBS = $(call pc_libs,$(CLIENT_PKGS))
SSH_LIBS    = $(call pc_libs,$(SSH_PKGS)) -lutil
TEST_LIBS   = $(call pc_libs,$(TEST_PKGS))

# Sources by program; each program's main.c stays out of its library so
# unit tests can link the library.
COMMON_SRC = $(wildcard common/*.c)
API_SRC    = $(filter-out server/api/main.c,$(wildcard server/api/*.c))
CLIENT_SRC = $(filter-out client/main.c,$(wildcard client/*.c client/*/*.c))
SSH_SRC    = $(filter-out server/ssh/main.c,$(wildcard server/ssh/*.c))

obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))
COMMON_LIB = $(BUILD)/lib/libcommon.a
API_LIB    = $(BUILD)/lib/libmwapi.a
CLIENT_LIB = $(BUILD)/lib/libmwclient.a
SSH_LIB    = $(BUILD)/lib/libmwsshd.a

PROGS = $(BUILD)/mitwirkung-api $(BUILD)/mitwirkung $(BUILD)/mitwirkung-sshd

# Unit tests: tests/unit/test_<group>_<module>.c, group = common|api|client|ssh.
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
FUZZ_SRC = $(wildcard tests/fuzz/fuzz_*.c)
# Each fuzz target is also built with a replay main (no libFuzzer needed) as
# $(BUILD)/tests/test_fuzz_<name>, which replays tests/fuzz/seeds_<name>/.
FUZZ_BIN = $(patsubst tests/fuzz/fuzz_%.c,$(BUILD)/tests/test_fuzz_%,$(FUZZ_SRC))

PO_FILES = $(wildcard locale/*.po)
MO_FILES = $(patsubst locale/%.po,$(BUILD)/locale/%/LC_MESSAGES/mitwirkung.mo,$(PO_FILES))

# Objects of test programs are kept, not treated as intermediate.
.SECONDARY:

.PHONY: all deps check test unit run run-api run-ssh install uninstall clean \
	bench-api bench-client bench-ssh bench-line bench-slowloris bench-wrap bench lint pot \
	update-po tests-build
all: $(PROGS) $(MO_FILES)

deps:
	$(Q)scripts/deps.sh

$(BUILD)/obj/%.o: %.c
	$(call say,CC,$<)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<

$(COMMON_LIB): $(call obj,$(COMMON_SRC))
$(API_LIB): $(call obj,$(API_SRC))
$(CLIENT_LIB): $(call obj,$(CLIENT_SRC))
$(SSH_LIB): $(call obj,$(SSH_SRC))
$(BUILD)/lib/%.a:
	$(call say,AR,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)rm -f $@ && ar rcs $@ $^

$(BUILD)/mitwirkung-api: $(call obj,server/api/main.c) $(API_LIB) $(COMMON_LIB)
	$(call say,LD,$@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(API_LIBS)
$(BUILD)/mitwirkung: $(call obj,client/main.c) $(CLIENT_LIB) $(COMMON_LIB)
	$(call say,LD,$@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CLIENT_LIBS)
$(BUILD)/mitwirkung-sshd: $(call obj,server/ssh/main.c) $(SSH_LIB) $(COMMON_LIB)
	$(call say,LD,$@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(SSH_LIBS)

$(BUILD)/tests/test_common_%: $(call obj,tests/unit/test_common_%.c) $(COMMON_LIB)
	$(call say,LD,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(TEST_LIBS)
$(BUILD)/tests/test_api_%: $(call obj,tests/unit/test_api_%.c) $(API_LIB) $(COMMON_LIB)
	$(call say,LD,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(API_LIBS) $(TEST_LIBS)
$(BUILD)/tests/test_client_%: $(call obj,tests/unit/test_client_%.c) $(CLIENT_LIB) $(COMMON_LIB)
	$(call say,LD,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CLIENT_LIBS) $(TEST_LIBS)
$(BUILD)/tests/test_ssh_%: $(call obj,tests/unit/test_ssh_%.c) $(SSH_LIB) $(COMMON_LIB)
	$(call say,LD,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(SSH_LIBS) $(TEST_LIBS)

# The compiler writes the .d files; no rule may try to make them (the
# replay_% pattern would take replay_keys.d for a program).
$(BUILD)/obj/%.d: ;

$(BUILD)/obj/tests/fuzz/replay_%.o: tests/fuzz/replay.c
	$(call say,CC,$<)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(CFLAGS) -DREPLAY_CORPUS='"$(abspath tests/fuzz/seeds_$*)"' -c -o $@ $<
# A target takes from the libraries what it exercises (client, API or gateway code).
$(BUILD)/tests/test_fuzz_%: $(call obj,tests/fuzz/fuzz_%.c) $(BUILD)/obj/tests/fuzz/replay_%.o \
		$(CLIENT_LIB) $(API_LIB) $(SSH_LIB) $(COMMON_LIB)
	$(call say,LD,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CLIENT_LIBS) $(API_LIBS) $(SSH_LIBS)

$(BUILD)/locale/%/LC_MESSAGES/mitwirkung.mo: locale/%.po
	$(call say,MSGFMT,$<)
	$(Q)mkdir -p $(dir $@)
	$(Q)msgfmt --check -o $@ $<

tests-build: all $(UNIT_BIN) $(FUZZ_BIN)

# The test command of README.md: installs what is missing, builds (one job
# per core unless make already got -j), runs every suite JOBS at a time
# (tests/run.sh: one process group and a time limit per suite) and prints
# the five slowest. SUITES=... picks groups or files (unit integration e2e
# braille lint, tests/e2e/test_line.py). JOBS is twice the cores: the
# suites mostly wait for servers and timers (65 s of CPU in 55 s of wall
# time with 4 at a time on 2 cores), so two per core still use less than
# the cores.
NPROC  := $(shell nproc 2>/dev/null || echo 2)
JOBS   ?= $(shell echo $$((2 * $(NPROC))))
SUITES ?=
build_jobs = $(if $(findstring j,$(filter-out --%,$(MAKEFLAGS))),,-j$(NPROC))
check: deps
	$(Q)$(MAKE) --no-print-directory $(build_jobs) tests-build
	$(Q)tests/braille/build_brltty.sh >/dev/null
	$(Q)BUILD=$(BUILD) JOBS=$(JOBS) tests/run.sh $(SUITES)
	$(Q)if [ "$(SAN)" = 1 ]; then $(MAKE) --no-print-directory $(build_jobs) SAN=0 BUILD=build all && \
		BUILD=build python3 tests/valgrind/flows.py; fi

# Without the package step, for a developer's loop.
test: tests-build
	$(Q)BUILD=$(BUILD) JOBS=$(JOBS) tests/run.sh $(SUITES)

unit: tests-build
	$(Q)BUILD=$(BUILD) JOBS=$(JOBS) tests/run.sh unit

run: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)BUILD=$(BUILD) scripts/run.sh

run-api: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)BUILD=$(BUILD) scripts/run.sh --api-only

run-ssh: deps
	$(Q)$(MAKE) --no-print-directory all
	$(Q)BUILD=$(BUILD) scripts/run.sh --ssh

bench-api: all
	$(Q)BUILD=$(BUILD) bench/api.sh
bench-client: all
	$(Q)BUILD=$(BUILD) bench/client.sh
bench-ssh: all
	$(Q)BUILD=$(BUILD) bench/ssh.sh
bench-line: all
	$(Q)BUILD=$(BUILD) python3 bench/line_words.py
bench-slowloris: all
	$(Q)BUILD=$(BUILD) python3 bench/slowloris.py
$(BUILD)/bench/wrap: $(call obj,bench/wrap.c) $(CLIENT_LIB) $(COMMON_LIB)
	$(call say,LD,$@)
	$(Q)mkdir -p $(dir $@)
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CLIENT_LIBS)
bench-wrap: $(BUILD)/bench/wrap
	$(Q)$(BUILD)/bench/wrap
bench: bench-api bench-client bench-line bench-ssh bench-slowloris bench-wrap

pot:
	$(Q)xgettext --from-code=UTF-8 -k_ -kN_ -kC_:1c,2 -kngettext:1,2 \
		-kmsglang_get:2 -kmsglang_nget:2,3 --add-comments=L10N \
		--package-name=mitwirkung -o locale/mitwirkung.pot \
		$(sort $(wildcard client/*.c client/*/*.c common/*.c server/*/*.c))
update-po: pot
	$(Q)for po in $(PO_FILES); do msgmerge -q --update --backup=none $$po locale/mitwirkung.pot; done

lint:
	$(Q)scripts/lint.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/sbin
	install -m 0755 $(BUILD)/mitwirkung $(DESTDIR)$(PREFIX)/bin/mitwirkung
	install -m 0755 $(BUILD)/mitwirkung-api $(DESTDIR)$(PREFIX)/bin/mitwirkung-api
	install -m 0755 $(BUILD)/mitwirkung-sshd $(DESTDIR)$(PREFIX)/sbin/mitwirkung-sshd
	install -d $(DESTDIR)$(PREFIX)/share/mitwirkung/keymaps
	install -m 0644 keymaps/*.keys $(DESTDIR)$(PREFIX)/share/mitwirkung/keymaps/
	for mo in $(MO_FILES); do l=$${mo#$(BUILD)/locale/}; l=$${l%%/*}; \
		install -d $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES; \
		install -m 0644 $$mo $(DESTDIR)$(PREFIX)/share/locale/$$l/LC_MESSAGES/mitwirkung.mo; done
	install -d $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/man/man8
	for m in docs/*.1; do [ -f "$$m" ] && install -m 0644 $$m $(DESTDIR)$(PREFIX)/share/man/man1/; done; true
	for m in docs/*.8; do [ -f "$$m" ] && install -m 0644 $$m $(DESTDIR)$(PREFIX)/share/man/man8/; done; true

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/mitwirkung $(DESTDIR)$(PREFIX)/bin/mitwirkung-api \
		$(DESTDIR)$(PREFIX)/sbin/mitwirkung-sshd
	rm -rf $(DESTDIR)$(PREFIX)/share/mitwirkung

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
