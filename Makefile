# steno - plain GNU make.  `make` builds libsteno.a, libsteno.so and the
# steno command; `make check` runs the test suite; see README.md.

VERSION   = 0.1.0
SOVERSION = 0
PREFIX   ?= /usr/local
BINDIR   ?= $(PREFIX)/bin
LIBDIR   ?= $(PREFIX)/lib
INCDIR   ?= $(PREFIX)/include
MANDIR   ?= $(PREFIX)/share/man
PKGDIR   ?= $(LIBDIR)/pkgconfig

# OUT holds what is built, BUILD the objects; check-asan uses its own pair.
OUT   ?= .
BUILD ?= build

PKGS      = libxml-2.0 libcmark zlib
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS))
PKG_LIBS   := $(shell pkg-config --libs $(PKGS))

CFLAGS   ?= -O2 -g
WARN      = -std=c11 -Wall -Wextra -Wpedantic
CPPFLAGS += -D_POSIX_C_SOURCE=200809L -Iinclude -Isrc -Iformats $(PKG_CFLAGS)
# Only what steno.h marks STENO_API leaves the shared library, and the
# static one (see $(STATIC)).
LIBFLAGS  = -fPIC -fvisibility=hidden
OBJCOPY  ?= objcopy
# -pthread: the library initialises libxml2 once (pthread_once), the
# command runs its batches on threads.
LDLIBS   += $(PKG_LIBS) -pthread

# The command (cli/) uses steno.h alone: libsteno.a exports nothing
# else.  The library's layers are the folders of src/ and formats/.
CLI_SRC  = $(wildcard cli/*.c)
CLI_OBJ  = $(CLI_SRC:%.c=$(BUILD)/%.o)
LIB_SRC  = $(wildcard src/*.c src/*/*.c formats/*.c)
LIB_OBJ  = $(LIB_SRC:%.c=$(BUILD)/%.o)
UNIT_SRC = $(wildcard tests/unit/*.c)
UNIT_OBJ = $(UNIT_SRC:%.c=$(BUILD)/%.o)

SONAME   = libsteno.so.$(SOVERSION)
STATIC   = $(OUT)/libsteno.a
SHARED   = $(OUT)/libsteno.so.$(VERSION)
STENO    = $(OUT)/steno
UNIT     = $(OUT)/tests/unit-tests
EXAMPLE  = $(OUT)/tests/example

all: $(STATIC) $(SHARED) $(STENO)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) $(LIBFLAGS) $(CPPFLAGS) -MMD -MP -c -o $@ $<

# The static library is one object linked from the library's, in which
# every name steno.h does not mark STENO_API (all hidden) is made local:
# a program may then have its own set_error, or link libzip's zip_add
# beside ours.
$(BUILD)/libsteno.o: $(LIB_OBJ)
	$(CC) -r -nostdlib -o $@.all $^
	$(OBJCOPY) --localize-hidden $@.all $@
	rm -f $@.all

$(STATIC): $(BUILD)/libsteno.o
	@mkdir -p $(dir $@)
	rm -f $@
	$(AR) rcs $@ $^

$(SHARED): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -shared -Wl,-soname,$(SONAME) -o $@ $^ $(LDLIBS)
	ln -sf libsteno.so.$(VERSION) $(OUT)/$(SONAME)
	ln -sf $(SONAME) $(OUT)/libsteno.so

$(STENO): $(CLI_OBJ) $(STATIC)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The unit tests look inside: they link the library's objects.
$(UNIT): $(UNIT_OBJ) $(LIB_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The README's embedding example, built against the installed-style
# header only: it must compile exactly as a user would compile it.
$(EXAMPLE): tests/example.c include/steno.h $(STATIC)
	@mkdir -p $(dir $@)
	$(CC) $(WARN) $(CFLAGS) -Iinclude -o $@ tests/example.c $(STATIC) $(LDLIBS)

check: all $(UNIT) $(EXAMPLE)
	STENO=$(STENO) UNIT=$(UNIT) EXAMPLE=$(EXAMPLE) CC="$(CC)" CFLAGS="$(CFLAGS)" \
		LDLIBS="$(LDLIBS)" sh tests/run.sh

ASAN_FLAGS = -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
check-asan:
	$(MAKE) OUT=build/asan BUILD=build/asan CFLAGS="$(ASAN_FLAGS)" LDFLAGS="$(ASAN_FLAGS)" check

# libFuzzer harnesses: every fuzz/*.c, built with clang against the
# library sources compiled for fuzzing.
FUZZ_CC     = clang
# UBSan reports abort, so that the fuzzer counts them as crashes
FUZZ_FLAGS  = -g -O1 -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
FUZZ_SRC    = $(wildcard fuzz/*.c)
FUZZ_BIN    = $(FUZZ_SRC:fuzz/%.c=build/fuzz/%)
FUZZ_OBJ    = $(LIB_SRC:%.c=build/fuzz/obj/%.o)
FUZZ_SECONDS ?= 10

build/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(WARN) $(FUZZ_FLAGS) $(CPPFLAGS) -MMD -MP -c -o $@ $<

# Not intermediates: keep them so `make fuzz` rebuilds only what changed.
.SECONDARY: $(FUZZ_OBJ)

build/fuzz/%: fuzz/%.c $(FUZZ_OBJ)
	$(FUZZ_CC) $(WARN) -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all $(CPPFLAGS) \
		-o $@ $< $(FUZZ_OBJ) $(LDLIBS)

fuzz: $(FUZZ_BIN)

# A short run of each harness from its seeds and its kept corpus (the
# inputs of the long fuzzing runs, minimised: fuzz/corpus/NAME), in a
# scratch corpus so the committed files stay as they are.
fuzz-smoke: fuzz
	@set -e; for f in $(FUZZ_BIN); do \
		name=$${f##*/}; work=build/fuzz/work/$$name; \
		rm -rf $$work; mkdir -p $$work build/fuzz/crashes; \
		cp fuzz/seeds/$$name/* $$work/ 2>/dev/null || true; \
		cp fuzz/corpus/$$name/* $$work/ 2>/dev/null || true; \
		echo "fuzz-smoke: $$name for $(FUZZ_SECONDS)s"; \
		$$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 \
			-artifact_prefix=build/fuzz/crashes/$$name- \
			-rss_limit_mb=2048 -print_final_stats=1 $$work 2>build/fuzz/$$name.log \
			|| { tail -50 build/fuzz/$$name.log; exit 1; }; \
		grep -E 'stat::number_of_executed_units' build/fuzz/$$name.log; \
	done

bench: all
	STENO=$(STENO) sh tests/bench/run.sh

install: all
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCDIR) \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(PKGDIR)
	install -m 755 $(STENO) $(DESTDIR)$(BINDIR)/steno
	install -m 644 $(STATIC) $(DESTDIR)$(LIBDIR)/libsteno.a
	install -m 755 $(SHARED) $(DESTDIR)$(LIBDIR)/libsteno.so.$(VERSION)
	ln -sf libsteno.so.$(VERSION) $(DESTDIR)$(LIBDIR)/$(SONAME)
	ln -sf $(SONAME) $(DESTDIR)$(LIBDIR)/libsteno.so
	install -m 644 include/steno.h $(DESTDIR)$(INCDIR)/steno.h
	install -m 644 steno.1 $(DESTDIR)$(MANDIR)/man1/steno.1
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' \
		-e 's|@INCDIR@|$(INCDIR)|' -e 's|@VERSION@|$(VERSION)|' \
		steno.pc.in > $(DESTDIR)$(PKGDIR)/steno.pc

clean:
	rm -rf build steno libsteno.a libsteno.so libsteno.so.* tests/unit-tests tests/example

.PHONY: all check check-asan fuzz fuzz-smoke bench install clean

-include $(LIB_OBJ:.o=.d) $(UNIT_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(FUZZ_OBJ:.o=.d)
