#!/usr/bin/env bash
# A site install for real, tried as a member of staff would try it (issue 14): the
# program installed setgid by frontdesk-setup, the database, its WAL, its key and the
# PIN pepper in a directory only the program's group enters, and a member of staff
# logged in to the machine as themselves. They can use the commands, but not read the
# data any other way, nor steer the program with a configuration, a clock, a database,
# a module or an output path of their own; the program keeps no core and cannot be
# traced by them. Needs root (to make the group and the user); skipped otherwise.
set -uo pipefail

if [ "$(id -u)" -ne 0 ] || ! command -v useradd >/dev/null || ! command -v runuser >/dev/null; then
    echo "site test: needs root, useradd and runuser to make a member of staff; skipped"
    exit 77
fi

group=fdsite$SITE_ID
user=fdstaff$SITE_ID
colleague=fdmate$SITE_ID
prefix=$SITE_PREFIX
bin=$prefix/bin/frontdesk
state=$prefix/var/lib/frontdesk
db=$state/frontdesk.db
config=$prefix/etc/frontdesk/frontdesk.cfg
home=$prefix/home
# The sanitizer build's program turns its leak check off itself (no_leak_check.c);
# whatever else the suite asks of the sanitizers goes along into each session.
asan=${ASAN_OPTIONS:-}

cleanup() {
    pkill -KILL -u "$user" 2>/dev/null
    pkill -KILL -u "$colleague" 2>/dev/null
    userdel "$user" 2>/dev/null
    userdel "$colleague" 2>/dev/null
    groupdel "$group" 2>/dev/null
    rm -rf "$prefix"
}
trap cleanup EXIT
cleanup # what an interrupted run left

checks=0
failures=0
fail() {
    echo "FAIL: $*" >&2
    failures=$((failures + 1))
}

# expect STATUS TEXT COMMAND…: the command ends with STATUS and says TEXT.
expect() {
    local status=$1 text=$2
    shift 2
    local out rc
    out=$("$@" 2>&1)
    rc=$?
    checks=$((checks + 1))
    if [ "$rc" -ne "$status" ] || [[ "$out" != *"$text"* ]]; then
        fail "$* → exit $rc, wanted $status and \"$text\"; it said: $out"
    fi
}

# refused COMMAND…: the command fails (whatever it says).
refused() {
    checks=$((checks + 1))
    if "$@" >/dev/null 2>&1; then
        fail "$* was allowed"
    fi
}

# A member of staff in a session of their own: their uid, their groups, their
# environment — nothing of root's.
as_staff() {
    runuser -u "$user" -- env -i HOME="$home" PATH=/usr/bin:/bin LANGUAGE=en \
        ASAN_OPTIONS="$asan" "$@"
}

as_colleague() {
    runuser -u "$colleague" -- env -i HOME=/ PATH=/usr/bin:/bin LANGUAGE=en \
        ASAN_OPTIONS="$asan" "$@"
}

# ---- the install ----

mkdir -p "$prefix/bin" "$home"
chmod 0755 "$prefix" "$prefix/bin"
cp "$SITE_PROGRAM" "$bin"
useradd --system --no-create-home --home-dir "$home" --shell /usr/sbin/nologin "$user"
useradd --system --no-create-home --home-dir / --shell /usr/sbin/nologin "$colleague"
chown "$user" "$home"

expect 0 "runs with the group $group" env FRONTDESK_NEW_PIN=999999 \
    "$SITE_SETUP" --group "$group" --admin 9001 --name 陈静
expect 0 "2755 root:$group" stat -c '%a %U:%G' "$bin"
expect 0 "2770 root:$group" stat -c '%a %U:%G' "$state"
expect 0 "644 root:root" stat -c '%a %U:%G' "$config"
for file in "$db" "$db.key" "$db.pepper"; do
    expect 0 "660 root:$group" stat -c '%a %U:%G' "$file"
done
expect 0 "Added 1001" env FRONTDESK_PIN=999999 FRONTDESK_NEW_PIN=111111 \
    "$bin" staff add 1001 李娜 receptionist --as 9001
# Running it again changes nothing and keeps the database.
expect 0 "exists already" env FRONTDESK_NEW_PIN=999999 \
    "$SITE_SETUP" --group "$group" --admin 9001 --name 陈静

# ---- what a member of staff can do: through the program ----

expect 0 "OK: the records match" as_staff "$bin" verify
expect 0 "李娜" as_staff env FRONTDESK_PIN=999999 "$bin" staff list --as 9001
# While one member of staff has the database open (a command asking for a PIN on its
# terminal), the WAL their session made is the group's, whatever their umask, and a
# colleague's session works beside it.
sleep 20 | as_staff sh -c "umask 077; exec script -qfec '$bin staff list --as 9001' /dev/null" \
    >/dev/null 2>&1 &
holder=$!
for _ in $(seq 50); do
    [ -e "$db-wal" ] && break
    sleep 0.1
done
expect 0 "660 $user:$group" stat -c '%a %U:%G' "$db-wal"
expect 0 "OK: the records match" as_colleague "$bin" verify
pkill -KILL -u "$user" 2>/dev/null
wait "$holder" 2>/dev/null

# ---- and nothing else ----

refused as_staff cat "$db"
refused as_staff cat "$db.key"
refused as_staff cat "$db.pepper"
refused as_staff ls "$state"
refused as_staff sqlite3 "$db" "SELECT count(*) FROM staff"

# Nothing of theirs steers it.
site_refusal="cannot be used with this site install"
expect 77 "--config $site_refusal" as_staff "$bin" --config /dev/null verify
expect 77 "--db $site_refusal" as_staff "$bin" --db "$home/mine.db" demo
expect 77 "FRONTDESK_CONFIG $site_refusal" as_staff env FRONTDESK_CONFIG=/dev/null "$bin" verify
expect 77 "FRONTDESK_NOW $site_refusal" as_staff env FRONTDESK_NOW="2020-01-01 10:00" "$bin" verify
expect 77 "FRONTDESK_LOCALEDIR $site_refusal" as_staff env FRONTDESK_LOCALEDIR="$home" "$bin" verify
expect 77 "FRONTDESK_PDF_MODULE $site_refusal" as_staff env FRONTDESK_PDF_MODULE="$home/x.so" \
    "$bin" verify
expect 77 "FRONTDESK_XLSX_MODULE $site_refusal" as_staff env FRONTDESK_XLSX_MODULE="$home/x.so" \
    "$bin" verify
# Their own configuration file is not read: it cannot unmask identity numbers for a
# receptionist.
mkdir -p "$home/.config/frontdesk"
echo 'privacy = { unmask_document_roles = [ "receptionist" ]; };' > "$home/.config/frontdesk/frontdesk.cfg"
chown -R "$user" "$home/.config"
expect 77 "may not export full document numbers" as_staff env FRONTDESK_PIN=111111 \
    "$bin" export visitors --month 2026-12 --unmasked --as 1001
# The site's rules are root's, and refused if anyone else could change them.
chown "$user" "$config"
expect 78 "must belong to root" as_staff "$bin" verify
chown root:root "$config"
chmod 0664 "$config"
expect 78 "must belong to root" as_staff "$bin" verify
chmod 0644 "$config"

# What they name is written and read with their own rights: not into the protected
# folder, not out of it.
refused as_staff env FRONTDESK_PIN=111111 "$bin" export visitors --month 2026-12 \
    --output "$state/stolen.csv" --as 1001
refused test -e "$state/stolen.csv"
refused as_staff env FRONTDESK_PIN=111111 "$bin" print daily --log visitors \
    --text "$db" --as 1001
expect 66 "cannot open" as_staff env FRONTDESK_PIN=999999 "$bin" import units "$db.key" --as 9001
expect 0 "OK: the records match" "$bin" verify
expect 0 "" as_staff env FRONTDESK_PIN=111111 "$bin" export visitors --month 2026-12 \
    --output "$home/mine.csv" --as 1001
expect 0 "600 $user" stat -c "%a %U" "$home/mine.csv"

# A log they name for verify is read with their rights too: a FIFO only the group may
# open would otherwise hold verify waiting for a writer.
mkfifo "$prefix/group-log"
chown "root:$group" "$prefix/group-log"
chmod 0660 "$prefix/group-log"
expect 0 "OK: the records match" as_staff timeout 10 "$bin" verify --log "$prefix/group-log"

# What is the system administrator's stays so.
expect 77 "root" as_staff env FRONTDESK_NEW_PIN=123456 "$bin" init --admin 9 --name x
expect 77 "site install" as_staff "$bin" demo
expect 77 "root" as_staff "$bin" backup "$home/copy.db"
expect 77 "root" as_staff "$bin" restore "$home/copy.db"
expect 77 "root" as_staff env FRONTDESK_NEW_PIN=654321 "$bin" staff recover 9001

# No core, no tracing: while a command of theirs runs (held on a FIFO it reads), started
# with cores allowed, its core limit is 0 and its memory is closed to them.
fifo=$home/units.csv
mkfifo "$fifo"
chown "$user" "$fifo"
prlimit --core=unlimited:unlimited \
    runuser -u "$user" -- env -i HOME="$home" PATH=/usr/bin:/bin ASAN_OPTIONS="$asan" \
    FRONTDESK_PIN=999999 "$bin" import units "$fifo" --as 9001 >/dev/null 2>&1 &
runner=$!
pid=
for _ in $(seq 50); do
    pid=$(pgrep -u "$user" -x frontdesk | head -1)
    [ -n "$pid" ] && break
    sleep 0.1
done
if [ -z "$pid" ]; then
    fail "the command held on the FIFO did not start"
else
    # Found as it starts, it may not have reached its hardening yet: given a moment.
    for _ in $(seq 50); do
        grep -q "Max core file size        0                    0" "/proc/$pid/limits" && break
        sleep 0.1
    done
    expect 0 "Max core file size        0                    0" cat "/proc/$pid/limits"
    refused as_staff cat "/proc/$pid/environ"
    refused as_staff cat "/proc/$pid/maps"
fi
: > "$fifo" # lets it go on: an empty file, refused
wait "$runner"

# ---- the system administrator's own work ----

expect 0 "Backed up" "$bin" backup "$prefix/backup.db"
expect 0 "600 root" stat -c "%a %U" "$prefix/backup.db"
refused test -e "$prefix/backup.db.pepper" # the pepper never travels
expect 0 "it verifies" "$bin" restore "$prefix/backup.db"
expect 0 "660 root:$group" stat -c '%a %U:%G' "$db"
expect 0 "OK: the records match" as_staff "$bin" verify

if [ "$failures" -ne 0 ]; then
    echo "site test: $failures of $checks checks failed"
    exit 1
fi
echo "site test: $checks checks passed"
