# gridwork — plain make.  Overridable: CC CFLAGS LDFLAGS PREFIX DESTDIR
# BINDIR MANDIR SHAREDIR O (build directory).

VERSION  = 0.1
PREFIX   = /usr/local
DESTDIR  =
BINDIR   = $(PREFIX)/bin
MANDIR   = $(PREFIX)/share/man
SHAREDIR = $(PREFIX)/share/gridwork
O        = build

CC      = cc
CFLAGS  = -O2 -g
LDFLAGS =
# -pthread: event-report counts one file on two cores (evreport.c)
override CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-pthread -Wall -Wextra -Ilib -I$(O)/gen -DSHAREDIR='"$(SHAREDIR)"' \
	$(CFLAGS)
override LDFLAGS := -pthread $(LDFLAGS)
LDLIBS  = -lsqlite3 -lcsv -lpcre2-8 -llinear -lxlsxwriter -lzip -lexpat -lfreexl -lm -lpthread

# Debian packages the build and the tests need.
DEBS = gcc make libc6-dev libsqlite3-dev sqlite3 libcsv-dev libpcre2-dev \
	libxlsxwriter-dev libzip-dev libexpat1-dev libfreexl-dev \
	jq mandoc perl miller datamash time bsdextrautils \
	python3-openpyxl libreoffice-calc-nogui xlsx2csv \
	liblinear-dev chromium fonts-noto-cjk tidy

HDR     = lib/gridwork.h
LIBSRC  = $(sort $(wildcard lib/*.c))
LIBOBJ  = $(LIBSRC:%.c=$(O)/%.o)
LIB     = $(O)/lib/libgridwork.a
CMDSRC  = $(sort $(wildcard cmd/*.c))
CMDS    = $(CMDSRC:cmd/%.c=%)
BIN     = $(CMDS:%=$(O)/bin/%)
UNITSRC = $(sort $(wildcard t/unit/*.c))
UNIT    = $(UNITSRC:t/unit/%.c=$(O)/t/%)
SQL     = $(sort $(wildcard share/sql/*.sql))
GEN     = $(O)/gen/schema.inc
MAN     = $(sort $(wildcard man/*.[1-8]))
# fuzz harnesses t/fuzz/NAME.c; $(O)/t/fuzz/NAME replays a corpus (see fuzz)
FUZZSRC = $(filter-out t/fuzz/replay.c,$(sort $(wildcard t/fuzz/*.c)))
FUZZ    = $(FUZZSRC:t/fuzz/%.c=%)
REPLAY  = $(FUZZ:%=$(O)/t/fuzz/%)

# the event classifier's model of each profile with a corpus, trained by
# gw-train-events(1): the same corpus gives the same bytes
CORPUS  = $(sort $(wildcard share/event/corpus-*.tsv))
MODEL   = share/event/model-gansu.lm

all: $(BIN) $(UNIT) $(REPLAY) $(MODEL)

share/event/model-gansu.lm: $(CORPUS) $(O)/bin/gw-train-events \
		share/policy/gansu.conf
	GRIDWORK_SHARE=$(CURDIR)/share $(O)/bin/gw-train-events -p gansu \
		$(CORPUS) > $@.tmp && mv $@.tmp $@

model: $(MODEL)

$(O)/gen/schema.inc: $(SQL) lib/sql2c.sh
	@mkdir -p $(@D)
	sh lib/sql2c.sh $(SQL) > $@.tmp && mv $@.tmp $@

$(O)/lib/%.o: lib/%.c $(HDR) $(GEN)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(O)/cmd/%.o: cmd/%.c $(HDR)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -c -o $@ $<

$(LIB): $(LIBOBJ)
	rm -f $@
	ar rcs $@ $(LIBOBJ)

$(O)/bin/%: $(O)/cmd/%.o $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

$(O)/t/%: t/unit/%.c t/unit/tap.h $(HDR) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -It/unit -o $@ $< $(LIB) $(LDLIBS)

$(O)/t/fuzz/%: t/fuzz/%.c t/fuzz/replay.c t/fuzz/fuzz.h $(HDR) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -It/fuzz -DGW_FUZZ_SHARE='"$(CURDIR)/share"' \
		-o $@ $< t/fuzz/replay.c $(LIB) $(LDLIBS)

# deps: install what is missing when root, else say exactly what to run.
deps:
	@missing=; for p in $(DEBS); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' \
			|| missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "deps: installing$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
			apt-get install -y -qq --no-install-recommends $$missing; \
	else \
		echo "deps: missing Debian packages; run as root:"; \
		echo "  apt-get install$$missing"; exit 2; \
	fi

# check: the whole suite, then again on a sanitizer build, then the manuals.
# The two builds run JOBS compilers at once (one a core): built one file
# at a time they took a minute and a half of the ten CI gives the check.
JOBS     = $$(nproc 2>/dev/null || echo 2)
SANFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=undefined
check: deps
	$(MAKE) -j$(JOBS) all
	GW_BIN=$(CURDIR)/$(O)/bin GW_UNIT=$(CURDIR)/$(O)/t prove -j2 t/
	@echo "check: the event classifier, 5-fold cross-validation over the corpus (printed, not asserted):"
	GRIDWORK_SHARE=$(CURDIR)/share $(O)/bin/gw-train-events --cv 5 $(CORPUS)
	$(MAKE) -j$(JOBS) all O=asan CFLAGS='$(SANFLAGS)' LDFLAGS='-fsanitize=address,undefined'
	GW_SAN=1 GW_BIN=$(CURDIR)/asan/bin GW_UNIT=$(CURDIR)/asan/t prove -j2 t/
	$(MAKE) lint

# fuzz: libFuzzer, from Debian's clang, on each harness t/fuzz/NAME.c
# for FUZZTIME seconds.  The library and the harnesses are built with
# FUZZCC and ASan/UBSan into FUZZO; each run starts from the seeds of
# t/fuzz/corpus/NAME/ (read, never written) and keeps what it finds in
# FUZZO/work/NAME/; a crash, leak, sanitizer report or broken contract
# fails, its input saved in FUZZO/crash/NAME/ (keep it: copy it into the
# corpus, or into t/fuzz/found/NAME/ while the defect is open).  Prints
# the executions and seconds of each harness.  FUZZ='idno policy' runs
# only those; FUZZARGS: more libFuzzer options, e.g. -max_len=65536, or
# '-fork=1 -ignore_crashes=1' to go on past a known crash and keep every
# one found.  Not part of check, and needs no network: the seeds are in
# the tree.
FUZZCC    = clang
FUZZTIME  = 60
FUZZO     = fuzz
FUZZARGS  =
FUZZDEBS  = clang libclang-rt-dev
FUZZFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=undefined
fuzz: deps fuzz-deps
	$(MAKE) fuzz-run O=$(FUZZO) CC=$(FUZZCC) \
		CFLAGS='$(FUZZFLAGS) -fsanitize=fuzzer-no-link' \
		LDFLAGS='-fsanitize=fuzzer,address,undefined'

fuzz-deps:
	@$(MAKE) --no-print-directory deps DEBS='$(FUZZDEBS)'

$(O)/fuzz/%: t/fuzz/%.c t/fuzz/fuzz.h $(HDR) $(LIB)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -It/fuzz -DGW_FUZZ_SHARE='"$(CURDIR)/share"' \
		-o $@ $< $(LIB) $(LDLIBS)

fuzz-run: $(FUZZ:%=$(O)/fuzz/%)
	@st=0; for f in $(FUZZ); do \
		w=$(O)/work/$$f; c=$(O)/crash/$$f; log=$(O)/$$f.log; \
		rm -rf $$w; mkdir -p $$w $$c; k0=$$(ls $$c | wc -l); \
		t0=$$(date +%s); \
		GRIDWORK_SHARE=$(CURDIR)/share $(O)/fuzz/$$f \
			-max_total_time=$(FUZZTIME) -timeout=20 \
			-print_final_stats=1 -artifact_prefix=$$c/ $(FUZZARGS) \
			$$w t/fuzz/corpus/$$f >$$log 2>&1; rc=$$?; \
		t1=$$(date +%s); \
		n=$$(sed -n 's/^stat::number_of_executed_units: *//p' $$log); \
		[ -n "$$n" ] || n=$$(sed -n 's/^#\([0-9]*\).*/\1/p' $$log | tail -1); \
		k=$$(( $$(ls $$c | wc -l) - k0 )); \
		echo "fuzz: $$f: $${n:-?} executions in $$((t1 - t0)) s," \
			"corpus $$(ls $$w | wc -l) new inputs," \
			"$$k failing inputs saved, exit $$rc"; \
		if [ $$rc -ne 0 ] || [ $$k -gt 0 ] || \
		    grep -q '^SUMMARY: \|runtime error:' $$log; then \
			echo "fuzz: $$f FAILED; input in $$c/, log $$log:"; \
			grep -v '^#[0-9]' $$log | tail -40; st=1; \
		fi; \
	done; exit $$st

lint:
	mandoc -Tlint -Wwarning $(MAN)

# demo: the pipeline, then the month's report printed to PDF by headless
# Chromium when it is there (not by demo.sh, whose outputs are the same
# bytes on every run: a PDF carries its time of making).
CHROMIUM = chromium
demo: deps all
	GW_BIN=$(CURDIR)/$(O)/bin sh examples/demo.sh
	@if command -v $(CHROMIUM) >/dev/null 2>&1; then \
		$(CHROMIUM) --headless --disable-gpu --no-pdf-header-footer \
			$$([ "$$(id -u)" = 0 ] && echo --no-sandbox) \
			--print-to-pdf=$(CURDIR)/examples/out/report-2026-10.pdf \
			file://$(CURDIR)/examples/out/report-2026-10.html \
			>/dev/null 2>&1 && \
		echo "report: examples/out/report-2026-10.pdf"; \
	else echo "report: no $(CHROMIUM), no PDF (make deps installs it)"; fi

bench: deps all
	GW_BIN=$(CURDIR)/$(O)/bin sh bench/run.sh $(SCALE)

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(SHAREDIR) \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(MANDIR)/man7
	for b in $(CMDS); do install -m 755 $(O)/bin/$$b $(DESTDIR)$(BINDIR)/$$b; done
	cp -R share/. $(DESTDIR)$(SHAREDIR)/
	for m in $(MAN); do s=$${m##*.}; \
		install -m 644 $$m $(DESTDIR)$(MANDIR)/man$$s/; done

uninstall:
	for b in $(CMDS); do rm -f $(DESTDIR)$(BINDIR)/$$b; done
	for m in $(MAN); do s=$${m##*.}; \
		rm -f $(DESTDIR)$(MANDIR)/man$$s/$${m##*/}; done
	rm -rf $(DESTDIR)$(SHAREDIR)

clean:
	rm -rf $(O) asan $(FUZZO) $(MODEL)

.PHONY: all check deps lint demo bench install uninstall clean fuzz fuzz-deps \
	fuzz-run model
.SECONDARY:
