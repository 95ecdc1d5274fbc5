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
override CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
	-Wall -Wextra -Ilib -I$(O)/gen -DSHAREDIR='"$(SHAREDIR)"' $(CFLAGS)
LDLIBS  = -lsqlite3 -lcsv -lpcre2-8 -lxlsxwriter -lm -lpthread

# Debian packages the build and the tests need.
DEBS = gcc make libc6-dev libsqlite3-dev sqlite3 libcsv-dev libpcre2-dev \
	libxlsxwriter-dev \
	jq mandoc perl miller datamash time bsdextrautils \
	python3-openpyxl libreoffice-calc-nogui

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

all: $(BIN) $(UNIT)

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
SANFLAGS = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined \
	-fno-sanitize-recover=undefined
check: deps
	$(MAKE) all
	GW_BIN=$(CURDIR)/$(O)/bin GW_UNIT=$(CURDIR)/$(O)/t prove -j2 t/
	$(MAKE) all O=asan CFLAGS='$(SANFLAGS)' LDFLAGS='-fsanitize=address,undefined'
	GW_SAN=1 GW_BIN=$(CURDIR)/asan/bin GW_UNIT=$(CURDIR)/asan/t prove -j2 t/
	$(MAKE) lint

lint:
	mandoc -Tlint -Wwarning $(MAN)

demo: deps all
	GW_BIN=$(CURDIR)/$(O)/bin sh examples/demo.sh

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
	rm -rf $(O) asan

.PHONY: all check deps lint demo bench install uninstall clean
.SECONDARY:
