#!/usr/bin/env bash
# bench/run.sh: throughput, rate, memory and fault benchmark of verifik-importer against its own simulator.
#
# Usage (from the repository root):
#   bench/run.sh [--build] [scenario...]
#
#   scenarios  rate      IMPORTER_RATE=20, 400 rows, no latency          target: max 1 s window <= 20, rate >= 19.5/s
#              latency   250 ms latency, rate 0, concurrency 32, 4,000 rows       target: >= 120 rows/s
#              overhead  one always-200 JDK stub (bench/Stub.java), 100,000 rows: wrk -c16 (the ceiling), the plain
#                        Camel route (bench/PlainRoute.java) and the importer (rate 0, concurrency 16), both -Xmx256m,
#                        JVM start included. target (issue 16): importer >= 1.0 x plain route, >= 0.30 x wrk, each row
#                        sent once and in exactly one report. Needs wrk. BENCH_PAIRS: plain/importer turns (default 1).
#                        Each turn also runs the HTTP client alone (bench/BareClient.java, no Camel): bare_vs_wrk is
#                        context for the 0.30, not a target
#              memory    1,000,000 rows, importer at -Xmx256m, rate 0, conc. 16   target: finishes, every row reported
#              faults    1,000 rows with 5xx, 429 + Retry-After 1 and dropped connections
#                        target: every row created once or failed with a code, none lost, no duplicate
#              gateway   IMPORTER_RATE=20, concurrency 8, 400 rows, behind the simulator's strict gateway
#                        (--gateway-rate 20 --gateway-burst 0: one request per 50 ms, 429 without Retry-After)
#                        target (issue 13): accepted_per_s >= 18, share_429 <= 0.05, rows_rate_limited = 0,
#                        every row in exactly one report, none created twice
#              baseline  a sequential curl loop, one POST per row, 400 rows (no importer)
#              ledger-cost  overhead with this jar and with one built from HEAD with bench/no-ledger.patch (the
#                        ledger switched off), taking turns, BENCH_PAIRS times (default 3); compares the medians.
#                        target (issue 4): the ledger costs at most 25% of the rows/s within the import.
#                        Builds in a temporary git worktree (mvn -o: run one build first)
#              cluster   three `watch` instances on one inbox and one embedded PostgreSQL ledger (bench/BenchPostgres.java,
#                        the tests' zonky server, or BENCH_PG_URL), IMPORTER_RATE=30 shared, 20 ms latency: big.csv
#                        (2 x BENCH_ROWS rows, default 300) and two files of BENCH_ROWS/2 dropped while they run, the
#                        instance importing big.csv SIGKILLed at 40% of it, two files of BENCH_ROWS dropped once
#                        another instance has taken big.csv over.
#                        Prints persons_created_twice, rows_in_one_report (of rows), report_folders (of files),
#                        files_stuck, takeover_s (kill -> next create call for big.csv at the simulator; big_done_s:
#                        kill -> big.csv archived), max_1s_window against rate, rows_per_s (first drop to last archive).
#                        target (issue 12): none twice, every row in exactly one report, one folder per file, none
#                        stuck, takeover_s <= lease + 5, max_1s_window <= rate
#              startup   an empty `run`, BENCH_STARTS times (5) with the class-data archive and as many without, in
#                        turns. target (issue 16): the median with it under 2 s; prints what the archive saved
#   default: rate latency overhead startup faults gateway baseline   (memory, ledger-cost and cluster only when named)
#   --build   rebuild the jar first (mvn -B -q -o package -DskipTests); it is built anyway when missing
#
# Environment (all optional):
#   BENCH_ROWS=N          override the row count of every scenario named (a quick smoke run)
#   BENCH_TIMEOUT=S       override every scenario's hard timeout (seconds)
#   BENCH_PAIRS=N         ledger-cost: how many with/without pairs (default 3)
#   BENCH_JAR=path        measure this jar instead of target/verifik-importer.jar (e.g. one built from another commit)
#   BENCH_CDS=0           run the importer without a class-data archive (by default one is made for the copy
#                         of the jar by the same training as mvn package's, the demo, and used: as shipped)
#   BENCH_THREAD_DUMP=1   take thread dumps of the importer during every scenario (off by default, overhead too:
#                         each dump starts a jcmd JVM, CPU the plain route beside it does not pay)
#   BENCH_DUMP_AT="5 15 30 60"  seconds after the importer's start at which those dumps are taken
#   BENCH_IMPORTER_ENV="K=V ..."    extra importer settings, after the scenario's own (e.g. a workaround to compare);
#                         @DIR@ stands for the scenario's work folder, e.g.
#                         IMPORTER_LEDGER_URL=jdbc:h2:file:@DIR@/state/ledger;WRITE_DELAY=0 (the H2 ledger of earlier builds)
#   BENCH_PLAIN_JAVA_OPTS="..."  JVM options for the plain route of overhead (default: none but -Xmx256m, the
#                         JVM's own choices; e.g. -XX:+UseParallelGC to give it the importer's collector)
#   BENCH_IMPORTER_JAVA_OPTS="..."  extra JVM options for the importer (e.g. -Xlog:gc), after the scenario's own
#   BENCH_MODE=watch      run the importer as `watch` (poll interval 1 s) instead of `run`, and stop it with SIGTERM
#                         once the file has left the inbox; seconds then end at that moment, not at the JVM's exit.
#                         For measuring a build whose `run` stops early; exit is then the exit after SIGTERM.
#   BENCH_SIM_XMX=6g      heap of the simulator JVM (it keeps every request it received)
#   BENCH_SIM_JAVA_OPTS="..."  extra JVM options for the simulator (e.g. -Xlog:gc:file=/tmp/sim-gc.log, to tell its
#                         pauses from the importer's in the one-second windows)
#   BENCH_SIM_NICE=N      run the simulator under nice -n N (e.g. -10 as root: its arrival times less delayed by
#                         the importers and others competing for the cores)
#   BENCH_GATEWAY_BURST=N gateway: the gateway's burst (default 0), e.g. 20 for a more forgiving gateway
#   BENCH_CLUSTER_RATE=N  cluster: importer.rate of every instance (default 30); BENCH_CLUSTER_LEASE=S its lease (5)
#   BENCH_PG_URL=jdbc:postgresql://...  cluster: use this (empty) database instead of starting an embedded server;
#                         BENCH_PG_USER / BENCH_PG_PASSWORD its credentials
# bench/work/<scenario>/ keeps each scenario's input, reports, logs and thread dumps until the next run of it.
#
# What one scenario does: a fresh folder bench/work/<scenario>/ with inbox/outbox/archive/rejected/state; a CSV of
# N people with unique identifiers (bench/BenchTool.java gen); the simulator jar on a free loopback port
# (--port 0, the port read from its banner) with the scenario's latency/faults; the importer jar `run` once, timed
# (wall clock of the whole JVM, start-up included) under /usr/bin/time -v for its peak RSS and under `timeout` for a
# hard limit; then GET /_simulator/stats (and, for runs up to 50,000 rows, /_simulator/requests for the answers
# per status and the one-second windows), and a check of the reports against the input.
#
# Output: one line per scenario, always starting
#   scenario=... rows=N seconds=S rows_per_s=X peak_rss_mb=M achieved_rate=... max_1s_window=W posts=P created=C
#   duplicates=D exit=E
# then "| target: met" or "| target: MISSED: why", then extra key=value figures. seconds: importer JVM wall clock,
# start to exit (start-up included); rows_per_s: rows_done / seconds, where rows_done counts the rows found in
# created.csv + failed.csv (= rows when the import finished; fewer when it was cut off). achieved_rate:
# posts / the import's own duration (summary.json finishedAt - startedAt, JVM start-up excluded).
# max_1s_window, posts, created, duplicates: the simulator's /_simulator/stats. exit: the importer's exit code
# (124 = killed by the scenario's hard timeout).
# Behind a gateway (--gateway-rate) the extra figures begin with accepted_per_s (created / the import's own
# duration, like achieved_rate), gateway_429s (the gateway's rejections), share_429 (gateway_429s / every request
# that reached the gateway, GETs included) and rows_rate_limited (rows in failed.csv with errorCode RATE_LIMITED);
# the simulator's warm-up GETs are left out of the gateway's counts.
#
# The jar is copied to bench/work/verifik-importer-<sha>.jar before anything runs, so a rebuild by someone else mid-run cannot change what
# is measured. Only 127.0.0.1 is contacted. Every process started here is stopped on exit (trap), every loop is
# bounded, and bench/work/ is gitignored.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$(pwd)"
BENCH="$ROOT/bench"
WORK="$BENCH/work"
JAR_SRC="$ROOT/target/verifik-importer.jar"
JAR=""            # the copy that is measured: bench/work/verifik-importer-<sha256 prefix>.jar
TOOL="$BENCH/BenchTool.java"
TOKEN="bench-$RANDOM$RANDOM"
SIM_XMX="${BENCH_SIM_XMX:-6g}"      # the simulator keeps every request it received; 1M requests need a few GB
REQUEST_LOG_MAX_ROWS=50000

PIDS=()          # every background process started here, stopped by cleanup()

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

descendants() {   # descendants PID -> every process below PID (children first listed after their parent)
    local child
    for child in $(cat /proc/"$1"/task/*/children 2>/dev/null || true); do
        echo "$child"
        descendants "$child"
    done
}

cleanup() {
    local pid i all=()
    # the processes started here and everything below them (time -> timeout -> java), deepest last
    for pid in "${PIDS[@]}"; do
        all+=("$pid")
        for i in $(descendants "$pid"); do all+=("$i"); done
    done
    PIDS=("${all[@]+"${all[@]}"}")
    for pid in "${PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        for ((i = 0; i < 50; i++)); do          # up to 5 s each, then SIGKILL
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$pid" 2>/dev/null || true
    done
    PIDS=()
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

forget_pid() {   # forget_pid PID: the process has ended
    local keep=() p
    for p in "${PIDS[@]}"; do [[ "$p" == "$1" ]] || keep+=("$p"); done
    PIDS=("${keep[@]+"${keep[@]}"}")
}

stop_pid() {     # stop_pid PID: TERM, wait up to 10 s, then KILL
    local pid="$1" i
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 100; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    forget_pid "$pid"
}

# ------------------------------------------------------------------------------------------------ arguments

BUILD=0
SCENARIOS=()
for arg in "$@"; do
    case "$arg" in
        --build) BUILD=1 ;;
        -h|--help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        rate|latency|overhead|startup|memory|faults|gateway|baseline|ledger-cost|cluster) SCENARIOS+=("$arg") ;;
        *) echo "unknown scenario or option: $arg (try --help)" >&2; exit 64 ;;
    esac
done
if [[ ${#SCENARIOS[@]} -eq 0 ]]; then
    SCENARIOS=(rate latency overhead startup faults gateway baseline)
fi

# ------------------------------------------------------------------------------------------------ tools

for tool in java curl timeout; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is required" >&2; exit 1; }
done
TIME_BIN=""
if [[ -x /usr/bin/time ]] && /usr/bin/time -v true 2>/dev/null; then
    TIME_BIN=/usr/bin/time
elif [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
    log "/usr/bin/time missing: installing it (apt-get install -y time)"
    echo "note: /usr/bin/time was missing and was installed with apt-get install -y time"
    if apt-get install -y time >/dev/null 2>&1 && /usr/bin/time -v true 2>/dev/null; then
        TIME_BIN=/usr/bin/time
    fi
fi
if [[ -z "$TIME_BIN" ]]; then
    echo "note: /usr/bin/time -v unavailable: peak RSS sampled from /proc/PID/status VmHWM instead"
fi

# ------------------------------------------------------------------------------------------------ the jar

mkdir -p "$WORK"
if [[ -n "${BENCH_JAR:-}" ]]; then
    JAR_SRC="$(cd "$(dirname "$BENCH_JAR")" && pwd)/$(basename "$BENCH_JAR")"
    [[ -f "$JAR_SRC" ]] || { echo "bench: BENCH_JAR=$BENCH_JAR is not a file" >&2; exit 1; }
elif [[ $BUILD -eq 1 || ! -f "$JAR_SRC" ]]; then
    built=0
    for attempt in 1 2 3 4 5; do          # others edit the code: a momentary compile error is retried
        log "building the jar (attempt $attempt): mvn -B -q -o package -DskipTests"
        if (mvn -B -q -o package -DskipTests >"$WORK/build.log" 2>&1); then built=1; break; fi
        log "build failed (see bench/work/build.log); retrying in 30 s"
        sleep 30
    done
    [[ $built -eq 1 ]] || { echo "bench: the jar does not build, see bench/work/build.log" >&2; exit 1; }
fi
cp "$JAR_SRC" "$WORK/jar.tmp.$$"
JAR_SHA="$(sha256sum "$WORK/jar.tmp.$$" | cut -c1-12)"
JAR="$WORK/verifik-importer-$JAR_SHA.jar"
mv "$WORK/jar.tmp.$$" "$JAR"
# The class-data archive, as `mvn package` makes one beside the jar (issue 16): one for the copy (an archive
# holds its jar's path and mtime), from the same training, the demo. BENCH_CDS=0: the importer without one.
JAR_CDS=""
if [[ "${BENCH_CDS:-1}" != 0 ]]; then
    rm -rf "$WORK/cds-training" "${JAR%.jar}.jsa"; mkdir -p "$WORK/cds-training"
    if (cd "$WORK/cds-training" && java -XX:ArchiveClassesAtExit="${JAR%.jar}.jsa" -Xlog:cds*=off -jar "$JAR" demo \
            >"$WORK/cds-training.log" 2>&1; rc=$?; [[ $rc == 0 || $rc == 2 ]]) && [[ -f "${JAR%.jar}.jsa" ]]; then
        JAR_CDS="${JAR%.jar}.jsa"
    else
        echo "note: no class-data archive for the importer (see bench/work/cds-training.log)"
    fi
fi
GIT_REV="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo unknown)"
GIT_DIRTY="$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null | grep -c . || true)"
echo "bench: jar $JAR_SRC sha256 $JAR_SHA (modified $(date -u -r "$JAR_SRC" +%FT%TZ)); repo at git $GIT_REV" \
    "with $GIT_DIRTY modified tracked files; $(nproc) cpus; load $(cut -d' ' -f1-3 /proc/loadavg)"

# ------------------------------------------------------------------------------------------------ helpers

CLK_TCK="$(getconf CLK_TCK 2>/dev/null || echo 100)"
busy_ticks() {   # CPU ticks the whole machine spent busy (user nice system irq softirq steal), all cpus
    awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat
}
total_ticks() {
    awk '/^cpu / { t = 0; for (i = 2; i <= NF; i++) t += $i; print t; exit }' /proc/stat
}
proc_ticks() {   # proc_ticks PID -> utime + stime of the process (0 once it is gone)
    awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0
}

# Other people's builds and tests share these cpus. Before a scenario, wait (at most BENCH_QUIET_WAIT s, default
# 600) for a 3 s sample in which the machine is at most BENCH_QUIET_BUSY percent busy (default 25); the
# figures then also report how much cpu other processes used during the run (others_cpu_s).
wait_for_quiet() {
    local waited=0 b0 t0 b1 t1 pct limit="${BENCH_QUIET_WAIT:-600}"
    while :; do
        b0=$(busy_ticks); t0=$(total_ticks)
        sleep 3
        b1=$(busy_ticks); t1=$(total_ticks)
        pct=$(( (b1 - b0) * 100 / (t1 - t0 > 0 ? t1 - t0 : 1) ))
        if (( pct <= ${BENCH_QUIET_BUSY:-25} )); then
            [[ $waited -gt 0 ]] && log "machine quiet after ${waited}s (${pct}% busy)"
            return 0
        fi
        if (( waited >= limit )); then
            log "machine still ${pct}% busy after ${waited}s: measuring anyway (see others_cpu_s)"
            return 0
        fi
        (( waited % 60 == 0 )) && log "waiting for a quiet machine: ${pct}% busy (other builds/tests?)"
        waited=$((waited + 3))
    done
}

kv() {   # kv KEY "k=v k=v ..." -> value of KEY (empty if absent)
    local key="$1" line="$2"
    sed -n "s/.*\(^\| \)$key=\([^ ]*\).*/\2/p" <<<"$line"
}

json_num() {   # json_num KEY JSON -> the number after "KEY":
    sed -n "s/.*\"$1\" *: *\([0-9-]*\).*/\1/p" <<<"$2" | head -1
}

SIM_PID=""
SIM_PORT=""
start_simulator() {   # start_simulator DIR ARGS...: sets SIM_PID and SIM_PORT
    local dir="$1" i
    shift
    ${BENCH_SIM_NICE:+nice -n "$BENCH_SIM_NICE"} java -Xmx"$SIM_XMX" ${BENCH_SIM_JAVA_OPTS:-} -jar "$JAR" simulate --port 0 --token "$TOKEN" "$@" >"$dir/simulator.out" 2>"$dir/simulator.err" &
    SIM_PID=$!
    PIDS+=("$SIM_PID")
    SIM_PORT=""
    for ((i = 0; i < 300; i++)); do       # up to 30 s for the banner
        SIM_PORT="$(sed -n 's#.*listening on http://127\.0\.0\.1:\([0-9]*\).*#\1#p' "$dir/simulator.out" | head -1)"
        [[ -n "$SIM_PORT" ]] && break
        kill -0 "$SIM_PID" 2>/dev/null || break
        sleep 0.1
    done
    if [[ -z "$SIM_PORT" ]]; then
        echo "bench: the simulator did not start: $(cat "$dir/simulator.err")" >&2
        exit 1
    fi
    # Warm the simulator up with requests its statistics do not count (GETs): a cold simulator answers its first
    # calls ~0.4 s late (class loading), which is not the importer's cost. POSTs would count, so none are sent.
    local -a urls=()
    for ((i = 0; i < 5; i++)); do urls+=("http://127.0.0.1:$SIM_PORT/v2/biometric-validations?limit=1"); done
    curl -s -o /dev/null --max-time 30 -H "Authorization: Bearer $TOKEN" "${urls[@]}" \
        "http://127.0.0.1:$SIM_PORT/_simulator/stats" >/dev/null || true
}

sim_stats() {
    curl -s --max-time 120 "http://127.0.0.1:$SIM_PORT/_simulator/stats"
}

new_workdir() {   # new_workdir NAME -> prints the fresh folder
    local dir="$WORK/$1"
    rm -rf "$dir"
    mkdir -p "$dir"/{inbox,outbox,archive,rejected,state,input}
    echo "$dir"
}

generate() {   # generate DIR ROWS TAG -> DIR/input/people.csv
    java "$TOOL" gen "$2" "$1/input/people.csv" "$3"
}

# ------------------------------------------------------------------------------------------------ one importer scenario

# run_importer NAME ROWS TIMEOUT_S "IMPORTER ENV" "JVM OPTIONS" SIMULATOR ARGS...
run_importer() {
    local name="$1" rows="$2" limit="${BENCH_TIMEOUT:-$3}" imp_env="$4" jvm_opts="$5"
    shift 5
    local dir
    dir="$(new_workdir "$name")"
    log "$name: generating $rows rows"
    generate "$dir" "$rows" "$name$RANDOM"
    if [[ -n "$STUB_PORT" ]]; then
        stub_reset
        SIM_PORT="$STUB_PORT"
    else
        start_simulator "$dir" "$@"
    fi
    # The warm-up's GETs went through the gateway too (most of them refused, back to back): not the importer's.
    local gateway=0 gw_acc0=0 gw_rej0=0 warm
    if [[ " $* " == *" --gateway-rate "* ]]; then
        gateway=1
        warm="$(sim_stats || echo '{}')"
        gw_acc0="$(json_num gatewayAccepted "$warm")"; gw_rej0="$(json_num gatewayRejected "$warm")"
    fi
    log "$name: ${STUB_PORT:+the stub, not the }simulator on 127.0.0.1:$SIM_PORT ($*); importer: $imp_env $jvm_opts, hard timeout ${limit}s"
    # rename into the inbox: the file is complete the moment the importer can see it
    mv "$dir/input/people.csv" "$dir/inbox/people.csv"
    cp "$dir/inbox/people.csv" "$dir/input/people.csv"

    local -a envs=(VERIFIK_TOKEN="$TOKEN" VERIFIK_BASE_URL="http://127.0.0.1:$SIM_PORT"
        IMPORTER_INBOX="$dir/inbox" IMPORTER_OUTBOX="$dir/outbox" IMPORTER_ARCHIVE="$dir/archive"
        IMPORTER_REJECTED="$dir/rejected" IMPORTER_STATE="$dir/state" IMPORTER_FILE_MIN_AGE=0)
    local e
    imp_env="$imp_env${BENCH_IMPORTER_ENV:+ $BENCH_IMPORTER_ENV}"
    imp_env="${imp_env//@DIR@/$dir}"
    for e in $imp_env; do envs+=("$e"); done
    local -a jvm=()
    for e in $jvm_opts; do jvm+=("$e"); done

    for e in ${BENCH_IMPORTER_JAVA_OPTS:-}; do jvm+=("$e"); done
    # the importer as shipped: through the launcher script, which adds the class-data archive beside the jar
    # (made above unless BENCH_CDS=0) and the parallel collector; the JVM options go in its JAVA_OPTS.
    # The environment is exported in the subshell, not put on the command line: /usr/bin/time -v prints that line
    local mode="${BENCH_MODE:-run}"
    [[ "$mode" == watch ]] && envs+=(IMPORTER_POLL_INTERVAL=1)
    envs+=(VERIFIK_IMPORTER_JAR="$JAR" JAVA_OPTS="${jvm[*]+"${jvm[*]}"}")
    local -a cmd=(timeout -k 10 "$limit" "$ROOT/verifik-importer" "$mode")
    [[ -n "$TIME_BIN" ]] && cmd=("$TIME_BIN" -v -o "$dir/time.txt" "${cmd[@]}")

    local start end="" rc=0 runner java_pid="" hwm_kb=0 dumps=() want_dumps=0 t0 i
    local busy0 sim0 busy1 sim1
    busy0=$(busy_ticks); sim0=$(proc_ticks "${STUB_PID:-$SIM_PID}")
    [[ "${BENCH_THREAD_DUMP:-0}" == 1 ]] && want_dumps=1
    start=$(date +%s.%N)
    ( for e in "${envs[@]}"; do export "${e?}"; done; exec "${cmd[@]}" ) >"$dir/importer.out" 2>"$dir/importer.err" &
    runner=$!
    PIDS+=("$runner")
    # follow the process tree down to the JVM (time -> env/timeout -> java), at most 10 s
    for ((i = 0; i < 100; i++)); do
        java_pid="$(find_java_under "$runner")"
        [[ -n "$java_pid" ]] && break
        kill -0 "$runner" 2>/dev/null || break
        sleep 0.1
    done
    # the inner timeout and the JVM run in their own process group (timeout's doing): track them by pid as well,
    # so that cleanup() stops them even when /usr/bin/time has already been killed
    local p tracked=()
    for p in $(descendants "$runner"); do PIDS+=("$p"); tracked+=("$p"); done
    # while it runs: peak RSS from VmHWM (cross-check / fallback) and the thread dumps (BENCH_DUMP_AT)
    t0=$SECONDS
    local -a dump_at=(${BENCH_DUMP_AT:-5 15 30 60})
    local next_dump_i=0
    while kill -0 "$runner" 2>/dev/null; do
        if [[ -n "$java_pid" && -r /proc/$java_pid/status ]]; then
            local h
            h="$(sed -n 's/^VmHWM:[[:space:]]*\([0-9]*\).*/\1/p' "/proc/$java_pid/status" 2>/dev/null || true)"
            [[ -n "$h" && "$h" -gt "$hwm_kb" ]] && hwm_kb=$h
            if [[ $want_dumps -eq 1 && $next_dump_i -lt ${#dump_at[@]} ]] \
                && (( SECONDS - t0 >= ${dump_at[$next_dump_i]} )); then
                local f="$dir/threads-${dump_at[$next_dump_i]}s.txt"
                if jcmd "$java_pid" Thread.print >"$f" 2>/dev/null || jstack "$java_pid" >"$f" 2>/dev/null; then
                    dumps+=("$f")
                fi
                next_dump_i=$((next_dump_i + 1))
            fi
        fi
        (( SECONDS - t0 > limit + 60 )) && { log "$name: runner outlived its timeout, stopping it"; break; }
        if [[ "$mode" == watch && -z "$end" && ! -e "$dir/inbox/people.csv" ]]; then
            # watch: the file has left the inbox (archived or rejected), so its import is over: stop the poller
            end=$(date +%s.%N)
            [[ -n "$java_pid" ]] && kill -TERM "$java_pid" 2>/dev/null || true
        fi
        sleep 0.2
    done
    wait "$runner" || rc=$?
    for p in "$runner" "${tracked[@]+"${tracked[@]}"}"; do forget_pid "$p"; done
    [[ -n "$java_pid" ]] && kill -0 "$java_pid" 2>/dev/null && log "$name: importer JVM $java_pid outlived its runner"
    [[ -n "$end" ]] || end=$(date +%s.%N)
    busy1=$(busy_ticks); sim1=$(proc_ticks "${STUB_PID:-$SIM_PID}")

    local stats posts created maxw dups
    if [[ -n "$STUB_PORT" ]]; then
        stats="$(curl -s --max-time 30 "http://127.0.0.1:$STUB_PORT/_stub/stats" || echo '{}')"
    else
        stats="$(sim_stats || echo '{}')"
    fi
    posts="$(json_num posts "$stats")"
    created="$(json_num created "$stats")"
    maxw="$(json_num maxPostsInAnyOneSecondWindow "$stats")"
    dups="$(json_num duplicateIdentifiers "$stats")"
    local reqline=""
    if [[ -z "$STUB_PORT" ]]; then
        if [[ "$rows" -le $REQUEST_LOG_MAX_ROWS ]]; then
            curl -s --max-time 120 "http://127.0.0.1:$SIM_PORT/_simulator/requests" >"$dir/requests.json" || true
            reqline="$(java "$TOOL" requests "$dir/requests.json" || true)"
        fi
        stop_pid "$SIM_PID"
    fi

    local repline
    repline="$(java "$TOOL" reports "$dir/outbox" "$dir/input/people.csv" || echo "reports=unreadable")"

    local seconds rps rss file_s rate
    seconds="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')"
    # rows actually done (in created.csv or failed.csv): equal to rows when the import finished
    local done_rows c_rows f_rows
    c_rows="$(kv created_csv "$repline")"; f_rows="$(kv failed_csv "$repline")"
    done_rows=$(( ${c_rows:-0} + ${f_rows:-0} ))
    rps="$(awk -v n="$done_rows" -v s="$seconds" 'BEGIN { printf "%.1f", (s > 0 ? n / s : 0) }')"
    # peak RSS: /usr/bin/time's figure, or the VmHWM sampled from /proc if that is higher (time reports only
    # the processes it waited for: a JVM killed by timeout's SIGKILL can be missing from it)
    local time_kb=0
    if [[ -n "$TIME_BIN" && -f "$dir/time.txt" ]]; then
        time_kb="$(awk -F': ' '/Maximum resident set size/ { print $2 + 0 }' "$dir/time.txt")"
    fi
    rss="$(awk -v a="${time_kb:-0}" -v b="$hwm_kb" 'BEGIN { m = (a > b ? a : b); if (m > 0) printf "%.0f", m / 1024; else print "n/a" }')"
    file_s="$(kv file_seconds "$repline")"
    local imp_cpu="" sim_cpu machine_cpu others_cpu="?"
    if [[ -n "$TIME_BIN" && -f "$dir/time.txt" ]]; then
        imp_cpu="$(awk -F': ' '/User time|System time/ { t += $2 } END { printf "%.1f", t }' "$dir/time.txt")"
    fi
    sim_cpu="$(awk -v a="$sim0" -v b="$sim1" -v hz="$CLK_TCK" 'BEGIN { printf "%.1f", (b - a) / hz }')"
    machine_cpu="$(awk -v a="$busy0" -v b="$busy1" -v hz="$CLK_TCK" 'BEGIN { printf "%.1f", (b - a) / hz }')"
    if [[ -n "$imp_cpu" ]]; then
        others_cpu="$(awk -v m="$machine_cpu" -v i="$imp_cpu" -v s="$sim_cpu" 'BEGIN { o = m - i - s; printf "%.1f", (o < 0 ? 0 : o) }')"
    fi
    rate="$(awk -v p="${posts:-0}" -v s="${file_s:-0}" 'BEGIN { printf "%.2f", (s > 0 ? p / s : 0) }')"
    local import_rps
    import_rps="$(awk -v n="$done_rows" -v s="${file_s:-0}" 'BEGIN { printf "%.1f", (s > 0 ? n / s : 0) }')"

    GW_FIGURES=""
    if [[ $gateway -eq 1 ]]; then
        local gw_acc gw_rej codes limited
        gw_acc="$(json_num gatewayAccepted "$stats")"; gw_rej="$(json_num gatewayRejected "$stats")"
        gw_acc=$(( ${gw_acc:-0} - ${gw_acc0:-0} )); gw_rej=$(( ${gw_rej:-0} - ${gw_rej0:-0} ))
        codes="$(kv failure_codes "$repline")"
        limited="$(tr ',' '\n' <<<"$codes" | sed -n 's/^RATE_LIMITED:\([0-9]*\)$/\1/p')"
        GW_FIGURES="$(awk -v c="${created:-0}" -v s="${file_s:-0}" -v a="$gw_acc" -v r="$gw_rej" -v l="${limited:-0}" 'BEGIN {
            printf "accepted_per_s=%.2f gateway_429s=%d share_429=%.4f rows_rate_limited=%d gateway_accepted=%d",
                (s > 0 ? c / s : 0), r, (a + r > 0 ? r / (a + r) : 0), l, a }')"
    fi
    local target
    target="$(verdict "$name" "$rows" "$rc" "$rps" "$import_rps" "$rate" "${maxw:-}" "${created:-}" "${dups:-}" "$repline")"
    echo "scenario=$name rows=$rows seconds=$seconds rows_per_s=$rps peak_rss_mb=$rss achieved_rate=$rate" \
        "max_1s_window=${maxw:-?} posts=${posts:-?} created=${created:-?} duplicates=${dups:-?} exit=$rc" \
        "| target: $target" \
        "|${GW_FIGURES:+ $GW_FIGURES} rows_done=$done_rows import_seconds=${file_s:-?} import_rows_per_s=$import_rps vmhwm_mb=$((hwm_kb / 1024))" \
        "importer_cpu_s=${imp_cpu:-?} simulator_cpu_s=$sim_cpu others_cpu_s=$others_cpu $repline${reqline:+ $reqline}" \
        "| importer: $mode $imp_env${jvm_opts:+ $jvm_opts}${JAR_CDS:+ (class-data archive)} | simulator: $*"
    local d
    for d in "${dumps[@]+"${dumps[@]}"}"; do
        java "$TOOL" threads "$d" | sed 's/^/  /' >&2 || true
    done
    if [[ "$rc" -ne 0 && "$rc" -ne 2 ]]; then
        log "$name: importer exit $rc; last lines of bench/work/$name/importer.err:"
        tail -5 "$dir/importer.err" >&2 || true
    fi
}

# verdict NAME ROWS EXIT ROWS_PER_S IMPORT_ROWS_PER_S ACHIEVED_RATE MAX_WINDOW SIM_CREATED SIM_DUPLICATES REPORTLINE
# -> "met (...)" or "MISSED (...)" against the scenario's target
verdict() {
    local name="$1" rows="$2" rc="$3" rps="$4" irps="$5" rate="$6" maxw="$7" screated="$8" dups="$9" rep="${10}"
    local total missing twice nocode ccsv fcsv complete=1 why=()
    total="$(kv summary_total "$rep")"; missing="$(kv rows_missing_from_reports "$rep")"
    twice="$(kv rows_in_reports_twice "$rep")"; nocode="$(kv failed_without_code "$rep")"
    ccsv="$(kv created_csv "$rep")"; fcsv="$(kv failed_csv "$rep")"
    if [[ "$rc" != 0 && "$rc" != 2 ]]; then complete=0; why+=("exit $rc"); fi
    if [[ "${total:-0}" != "$rows" || "${missing:-1}" != 0 ]]; then
        complete=0; why+=("only ${total:-0} of $rows rows in a finished report, ${missing:-?} missing")
    fi
    case "$name" in
        rate)
            awk -v w="${maxw:-999}" -v r="$rate" 'BEGIN { exit !(w <= 20 && r >= 19.5) }' || why+=("max window ${maxw:-?} (<= 20), rate $rate (>= 19.5)")
            ;;
        latency)
            awk -v x="$rps" 'BEGIN { exit !(x >= 120) }' || why+=("$rps rows/s end to end, $irps within the import (>= 120)")
            ;;
        overhead)
            # the speed targets are the ratios run_overhead prints; here: each row sent once, every row reported
            [[ "${twice:-1}" == 0 ]] || why+=("$twice rows in both reports")
            [[ "${screated:-x}" == "$rows" ]] || why+=("the stub was sent ${screated:-?} creates for $rows rows")
            ;;
        memory)
            ;;
        gateway)
            local g
            g="$GW_FIGURES"
            awk -v x="$(kv accepted_per_s "$g")" 'BEGIN { exit !(x >= 18) }' \
                || why+=("$(kv accepted_per_s "$g") created per second (>= 18)")
            awk -v x="$(kv share_429 "$g")" 'BEGIN { exit !(x != "" && x <= 0.05) }' \
                || why+=("share of 429s $(kv share_429 "$g") (<= 0.05)")
            [[ "$(kv rows_rate_limited "$g")" == 0 ]] || why+=("$(kv rows_rate_limited "$g") rows failed RATE_LIMITED")
            [[ "${twice:-1}" == 0 ]] || why+=("$twice rows in both reports")
            [[ "${dups:-1}" == 0 ]] || why+=("$dups identifiers created twice at the simulator")
            [[ "${screated:-x}" == "${ccsv:-y}" ]] || why+=("simulator created ${screated:-?} but created.csv has ${ccsv:-?}")
            [[ $((${ccsv:-0} + ${fcsv:-0})) == "$rows" ]] || why+=("created ${ccsv:-?} + failed ${fcsv:-?} != $rows")
            ;;
        faults)
            [[ "${twice:-1}" == 0 ]] || why+=("$twice rows in both reports")
            [[ "${nocode:-1}" == 0 ]] || why+=("$nocode failed rows without a code")
            [[ "${dups:-1}" == 0 ]] || why+=("$dups identifiers created twice at the simulator")
            [[ "${screated:-x}" == "${ccsv:-y}" ]] || why+=("simulator created ${screated:-?} but created.csv has ${ccsv:-?}")
            [[ $((${ccsv:-0} + ${fcsv:-0})) == "$rows" ]] || why+=("created ${ccsv:-?} + failed ${fcsv:-?} != $rows")
            ;;
    esac
    if [[ ${#why[@]} -eq 0 ]]; then
        echo "met"
    else
        local IFS=";"
        echo "MISSED: ${why[*]}"
    fi
}

find_java_under() {   # find_java_under PID -> the first descendant (or itself) whose command is java
    local pid="$1" depth child comm
    for ((depth = 0; depth < 5; depth++)); do
        comm="$(cat "/proc/$pid/comm" 2>/dev/null || true)"
        [[ "$comm" == java ]] && { echo "$pid"; return; }
        child="$(cat "/proc/$pid/task/$pid/children" 2>/dev/null | awk '{ print $1 }')"
        [[ -z "$child" ]] && return
        pid="$child"
    done
}

# ------------------------------------------------------------------------------------------------ the curl baseline

run_baseline() {
    local rows="$1" limit="$2" dir
    dir="$(new_workdir baseline)"
    generate "$dir" "$rows" "baseline$RANDOM"
    start_simulator "$dir"
    log "baseline: $rows sequential curl POSTs to 127.0.0.1:$SIM_PORT, hard timeout ${limit}s"
    local url="http://127.0.0.1:$SIM_PORT/v2/biometric-validations"
    local ok=0 other=0 start end code t0=$SECONDS rc=0
    local id project flow type
    start=$(date +%s.%N)
    {
        read -r _header
        while IFS=, read -r id project flow type; do
            if (( SECONDS - t0 > limit )); then rc=124; break; fi
            code="$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 -X POST "$url" \
                -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
                -d "{\"project\":\"$project\",\"projectFlow\":\"$flow\",\"identifier\":\"$id\",\"type\":\"$type\"}" \
                || true)"
            if [[ "$code" == 2?? ]]; then ok=$((ok + 1)); else other=$((other + 1)); fi
        done
    } <"$dir/input/people.csv"
    end=$(date +%s.%N)
    local stats seconds rps
    stats="$(sim_stats || echo '{}')"
    stop_pid "$SIM_PID"
    seconds="$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')"
    rps="$(awk -v n="$rows" -v s="$seconds" 'BEGIN { printf "%.1f", (s > 0 ? n / s : 0) }')"
    echo "scenario=baseline rows=$rows seconds=$seconds rows_per_s=$rps peak_rss_mb=n/a achieved_rate=$rps" \
        "max_1s_window=$(json_num maxPostsInAnyOneSecondWindow "$stats") posts=$(json_num posts "$stats")" \
        "created=$(json_num created "$stats") duplicates=$(json_num duplicateIdentifiers "$stats") exit=$rc" \
        "| curl_2xx=$ok curl_other=$other | one curl process per row, sequential, no importer"
}

# ------------------------------------------------------------------------------------------------ scenarios

rows_for() { echo "${BENCH_ROWS:-$1}"; }

# ------------------------------------------------------------------------------------------------ overhead (issue 16)

# The overhead scenario runs three clients, one after the other, against one always-200 JDK stub (bench/Stub.java,
# TCP_NODELAY): wrk with 16 connections for BENCH_WRK_SECONDS (default 10; the ceiling), the plainest Camel route
# (bench/PlainRoute.java: file, tokenize split, parallel 16, POST, append a line), and the importer (`run`, rate 0,
# concurrency 16), both at -Xmx256m with JVM start-up included, on the same rows. BENCH_PAIRS (default 1) repeats
# the plain route and the importer in turns, each turn followed by the HTTP client alone; the medians are compared.
STUB_PID=""
STUB_PORT=""
start_stub() {   # start_stub DIR: sets STUB_PID and STUB_PORT
    local dir="$1" i
    rm -f "$dir/stub.port"
    java -Xmx1g -XX:+UseParallelGC -Dsun.net.httpserver.nodelay=true "$BENCH/Stub.java" "$dir/stub.port" \
        >"$dir/stub.out" 2>"$dir/stub.err" &
    STUB_PID=$!
    PIDS+=("$STUB_PID")
    for ((i = 0; i < 300; i++)); do
        [[ -s "$dir/stub.port" ]] && break
        kill -0 "$STUB_PID" 2>/dev/null || break
        sleep 0.1
    done
    [[ -s "$dir/stub.port" ]] || { echo "bench: the stub did not start: $(cat "$dir/stub.err")" >&2; exit 1; }
    STUB_PORT="$(cat "$dir/stub.port")"
    # warm it (its own JIT is not what is measured)
    wrk -t1 -c4 -d2s -s "$dir/post.lua" "http://127.0.0.1:$STUB_PORT/v2/biometric-validations" >/dev/null 2>&1 || true
    stub_reset
}

stub_reset() { curl -s -o /dev/null --max-time 30 -X POST "http://127.0.0.1:$STUB_PORT/_stub/reset"; }
stub_posts() { json_num posts "$(curl -s --max-time 30 "http://127.0.0.1:$STUB_PORT/_stub/stats")"; }

median_of() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The HTTP client alone (bench/BareClient.java: the importer's HttpClient 5, 16 threads, one POST per line, no Camel):
# how much of wrk's ceiling a JVM client on this stack gets here at all, JVM start included.
run_bare() {   # run_bare DIR ROWS CLASSES -> "bare_seconds=S bare_rows_per_s=X bare_posts=P bare_exit=E"
    local dir="$1" rows="$2" classes="$3" start end rc=0 posts
    stub_reset
    start=$(date +%s.%N)
    # shellcheck disable=SC2086
    timeout -k 10 900 java -Xmx256m ${BENCH_PLAIN_JAVA_OPTS:-} -cp "$classes:$JAR" BareClient "$dir/input/people.csv" \
        "http://127.0.0.1:$STUB_PORT/v2/biometric-validations" >"$dir/bare.out" 2>"$dir/bare.err" || rc=$?
    end=$(date +%s.%N)
    posts="$(stub_posts)"
    awk -v a="$start" -v b="$end" -v n="$rows" -v p="${posts:-0}" -v rc="$rc" 'BEGIN {
        printf "bare_seconds=%.2f bare_rows_per_s=%.1f bare_posts=%d bare_exit=%d", b - a, n / (b - a), p, rc }'
}

run_plain() {   # run_plain DIR ROWS CLASSES -> "plain_seconds=S plain_rows_per_s=X plain_posts=P plain_exit=E"
    local dir="$1" rows="$2" classes="$3" p="$1/plain" start end rc=0 posts lines
    rm -rf "$p"; mkdir -p "$p/inbox" "$p/out"
    cp "$dir/input/people.csv" "$p/inbox/people.csv"
    stub_reset
    start=$(date +%s.%N)
    # shellcheck disable=SC2086
    timeout -k 10 900 java -Xmx256m ${BENCH_PLAIN_JAVA_OPTS:-} -cp "$classes:$JAR" PlainRoute "$p/inbox" \
        "http://127.0.0.1:$STUB_PORT/v2/biometric-validations" "$p/out" >"$p/plain.out" 2>"$p/plain.err" || rc=$?
    end=$(date +%s.%N)
    posts="$(stub_posts)"
    lines="$(wc -l <"$p/out/results.txt" 2>/dev/null || echo 0)"
    awk -v a="$start" -v b="$end" -v n="$rows" -v p="${posts:-0}" -v l="$lines" -v rc="$rc" 'BEGIN {
        printf "plain_seconds=%.2f plain_rows_per_s=%.1f plain_posts=%d plain_lines=%d plain_exit=%d", b - a, n / (b - a), p, l, rc }'
}

# startup: an empty `run` (an inbox with nothing in it, a ledger made by the first) BENCH_STARTS times (default 5)
# with the class-data archive and as many without, in turns; the medians of the wall clock, JVM start to exit.
run_startup() {
    local n="${BENCH_STARTS:-5}" dir="$WORK/startup" i mode start end with=() without=() rc
    rm -rf "$dir"; mkdir -p "$dir"
    [[ -n "$JAR_CDS" ]] || { echo "scenario=startup | target: MISSED: no class-data archive (BENCH_CDS=0?)"; return; }
    local -a envs=(VERIFIK_TOKEN="$TOKEN" VERIFIK_BASE_URL="http://127.0.0.1:9" IMPORTER_INBOX="$dir/inbox"
        IMPORTER_OUTBOX="$dir/outbox" IMPORTER_ARCHIVE="$dir/archive" IMPORTER_REJECTED="$dir/rejected"
        IMPORTER_STATE="$dir/state")
    ( for e in "${envs[@]}"; do export "${e?}"; done; exec java -jar "$JAR" run ) >"$dir/first.out" 2>&1 || true
    for ((i = 0; i < n; i++)); do
        for mode in with without; do
            local -a opts=()
            [[ $mode == with ]] && opts=("-XX:SharedArchiveFile=$JAR_CDS" "-Xlog:cds*=off")
            rc=0
            start=$(date +%s.%N)
            ( for e in "${envs[@]}"; do export "${e?}"; done; exec java "${opts[@]+"${opts[@]}"}" -jar "$JAR" run ) \
                >"$dir/$mode-$i.out" 2>&1 || rc=$?
            end=$(date +%s.%N)
            [[ $rc == 0 ]] || { echo "scenario=startup | target: MISSED: an empty run exited $rc (bench/work/startup/$mode-$i.out)"; return; }
            if [[ $mode == with ]]; then with+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')")
            else without+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.3f", b - a }')"); fi
        done
    done
    local w wo target="met"
    w="$(printf '%s\n' "${with[@]}" | median_of)"; wo="$(printf '%s\n' "${without[@]}" | median_of)"
    awk -v w="$w" 'BEGIN { exit !(w < 2.0) }' || target="MISSED: ${w} s (< 2)"
    echo "scenario=startup empty_run_s=$w without_archive_s=$wo saved_s=$(awk -v a="$w" -v b="$wo" 'BEGIN { printf "%.3f", b - a }')" \
        "runs=$n | target: $target | with: ${with[*]} | without: ${without[*]}"
}

run_overhead() {   # run_overhead ROWS
    local rows="$1" pairs="${BENCH_PAIRS:-1}" dir i
    command -v wrk >/dev/null || { echo "bench: overhead needs wrk (apt-get install -y wrk)" >&2; exit 1; }
    dir="$WORK/overhead-stub"
    rm -rf "$dir"; mkdir -p "$dir/input"
    generate "$dir" "$rows" "overhead$RANDOM"
    # wrk's body: one row as the importer would send it
    cat >"$dir/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer bench"
wrk.body = '{"project":"bench-project","projectFlow":"bench-flow","identifier":"BENCH0000001","type":"email","email":"person1@example.com","phone":"+573001234567","expiresAt":"2027-01-01T00:00:00Z","redirectUrl":"https://example.com/done"}'
LUA
    start_stub "$dir"
    local classes="$dir/plain-classes"
    mkdir -p "$classes"
    javac -nowarn -cp "$JAR" -d "$classes" "$BENCH/PlainRoute.java" "$BENCH/BareClient.java" 2>"$dir/plain-javac.err" \
        || { echo "bench: bench/PlainRoute.java or BareClient.java does not compile: $(cat "$dir/plain-javac.err")" >&2; exit 1; }
    log "overhead: stub on 127.0.0.1:$STUB_PORT; wrk -t2 -c16 -d${BENCH_WRK_SECONDS:-10}s (the ceiling)"
    local wrk_rps
    wrk -t2 -c16 -d"${BENCH_WRK_SECONDS:-10}"s -s "$dir/post.lua" "http://127.0.0.1:$STUB_PORT/v2/biometric-validations" \
        >"$dir/wrk.txt" 2>&1 || true
    wrk_rps="$(awk '/^Requests\/sec:/ { print $2 }' "$dir/wrk.txt")"
    local plain_lines=() imp_lines=() bare_lines=() pr=() ir=() br=() line
    for ((i = 1; i <= pairs; i++)); do
        log "overhead: pair $i of $pairs: the plain route, $rows rows"
        line="$(run_plain "$dir" "$rows" "$classes")"
        plain_lines+=("$line"); pr+=("$(kv plain_rows_per_s "$line")")
        log "overhead: pair $i of $pairs: the importer, $rows rows"
        line="$(run_importer overhead "$rows" 900 "IMPORTER_RATE=0 IMPORTER_CONCURRENCY=16" "-Xmx256m")"
        imp_lines+=("$line"); ir+=("$(kv rows_per_s "$line")")
        log "overhead: pair $i of $pairs: the HTTP client alone, $rows rows"
        line="$(run_bare "$dir" "$rows" "$classes")"
        bare_lines+=("$line"); br+=("$(kv bare_rows_per_s "$line")")
    done
    stop_pid "$STUB_PID"; STUB_PID=""; STUB_PORT=""
    local plain_med imp_med bare_med
    plain_med="$(printf '%s\n' "${pr[@]}" | median_of)"
    bare_med="$(printf '%s\n' "${br[@]}" | median_of)"
    imp_med="$(printf '%s\n' "${ir[@]}" | median_of)"
    local why=() l
    for l in "${imp_lines[@]}"; do
        [[ "$l" == *"| target: met"* ]] || why+=("an importer run missed: $(sed -n 's/.*| target: \([^|]*\)|.*/\1/p' <<<"$l")")
    done
    for l in "${plain_lines[@]}"; do
        [[ "$(kv plain_exit "$l")" == 0 && "$(kv plain_posts "$l")" -ge "$rows" ]] || why+=("a plain route run failed: $l")
    done
    awk -v i="$imp_med" -v p="$plain_med" 'BEGIN { exit !(p > 0 && i / p >= 1.0) }' || why+=("importer/plain $(awk -v i="$imp_med" -v p="$plain_med" 'BEGIN { printf "%.2f", (p > 0 ? i / p : 0) }') (>= 1.0)")
    awk -v i="$imp_med" -v w="${wrk_rps:-0}" 'BEGIN { exit !(w > 0 && i / w >= 0.30) }' || why+=("importer/wrk $(awk -v i="$imp_med" -v w="${wrk_rps:-0}" 'BEGIN { printf "%.3f", (w > 0 ? i / w : 0) }') (>= 0.30)")
    local target="met"
    if [[ ${#why[@]} -gt 0 ]]; then local IFS=";"; target="MISSED: ${why[*]}"; unset IFS; fi
    # the bare client is context, not a target: a run of it that failed is only said
    for l in "${bare_lines[@]}"; do
        [[ "$(kv bare_exit "$l")" == 0 && "$(kv bare_posts "$l")" -ge "$rows" ]] || echo "  note: a bare client run failed: $l"
    done
    awk -v w="${wrk_rps:-0}" -v p="$plain_med" -v i="$imp_med" -v b="$bare_med" -v n="$pairs" -v t="$target" 'BEGIN {
        printf "scenario=overhead-ratio wrk_rps=%.0f plain_rows_per_s=%.1f importer_rows_per_s=%.1f importer_vs_plain=%.2f importer_vs_wrk=%.3f plain_vs_wrk=%.3f bare_client_rows_per_s=%.1f bare_vs_wrk=%.3f pairs=%d | target: %s\n",
            w, p, i, (p > 0 ? i / p : 0), (w > 0 ? i / w : 0), (w > 0 ? p / w : 0), b, (w > 0 ? b / w : 0), n, t }'
    for l in "${plain_lines[@]}"; do echo "  plain: $l"; done
    for l in "${bare_lines[@]}"; do echo "  bare: $l"; done
    for l in "${imp_lines[@]}"; do echo "  importer: $l"; done
}

build_no_ledger_jar() {   # -> $WORK/verifik-importer-no-ledger.jar: HEAD with bench/no-ledger.patch applied
    local src="$WORK/no-ledger-src"
    git -C "$ROOT" worktree remove --force "$src" >/dev/null 2>&1 || rm -rf "$src"
    git -C "$ROOT" worktree add -q --detach "$src" HEAD
    log "ledger-cost: building HEAD with bench/no-ledger.patch in $src"
    if ! (cd "$src" && git apply "$BENCH/no-ledger.patch" && mvn -B -q -o package -DskipTests >"$WORK/no-ledger-build.log" 2>&1); then
        git -C "$ROOT" worktree remove --force "$src" >/dev/null 2>&1 || true
        echo "bench: the no-ledger build failed, see bench/work/no-ledger-build.log" >&2
        exit 1
    fi
    cp "$src/target/verifik-importer.jar" "$WORK/verifik-importer-no-ledger.jar"
    git -C "$ROOT" worktree remove --force "$src"
}

ledger_cost() {   # ledger_cost ROWS: BENCH_PAIRS pairs (default 3), with and without taking turns; medians compared
    local rows="$1" measured="$JAR" pairs="${BENCH_PAIRS:-3}" i with without
    build_no_ledger_jar
    : >"$WORK/ledger-cost.with"
    : >"$WORK/ledger-cost.without"
    for ((i = 1; i <= pairs; i++)); do
        run_importer overhead "$rows" 900 "IMPORTER_RATE=0 IMPORTER_CONCURRENCY=16" "" >"$WORK/ledger-cost.run"
        sed "s/^/with the ledger ($i):    /" "$WORK/ledger-cost.run"
        grep -o 'import_rows_per_s=[0-9.]*' "$WORK/ledger-cost.run" | cut -d= -f2 >>"$WORK/ledger-cost.with"
        wait_for_quiet
        JAR="$WORK/verifik-importer-no-ledger.jar"
        run_importer overhead "$rows" 900 "IMPORTER_RATE=0 IMPORTER_CONCURRENCY=16" "-Dbench.noLedger=true" >"$WORK/ledger-cost.run"
        JAR="$measured"
        sed "s/^/without the ledger ($i): /" "$WORK/ledger-cost.run"
        grep -o 'import_rows_per_s=[0-9.]*' "$WORK/ledger-cost.run" | cut -d= -f2 >>"$WORK/ledger-cost.without"
        wait_for_quiet
    done
    # the median of each side: one run on this shared machine can be 15 % off either way
    median() { sort -n "$1" | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
    with="$(median "$WORK/ledger-cost.with")"
    without="$(median "$WORK/ledger-cost.without")"
    awk -v w="${with:-0}" -v o="${without:-0}" -v n="$pairs" -v ws="$(paste -sd/ "$WORK/ledger-cost.with")" \
        -v os="$(paste -sd/ "$WORK/ledger-cost.without")" 'BEGIN {
        cost = (o > 0 ? 100 * (1 - w / o) : 100)
        printf "scenario=ledger-cost pairs=%d rows_per_s_with_ledger=%s (median of %s) rows_per_s_without=%s (median of %s) cost_percent=%.1f | target: %s\n",
            n, w, ws, o, os, cost, (cost <= 25 ? "met" : "MISSED: the ledger costs more than 25% of the rows/s within the import")
    }'
}

# ------------------------------------------------------------------------------------------------ several instances

TEST_CP=""
test_classpath() {   # -> TEST_CP: the project's test classpath (embedded PostgreSQL, its JDBC driver), cached
    local f="$WORK/test-classpath.txt"
    if [[ ! -s "$f" || "$ROOT/pom.xml" -nt "$f" ]]; then
        log "cluster: resolving the test classpath (mvn -B -q -o dependency:build-classpath)"
        (mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$f" >"$WORK/classpath.log" 2>&1) \
            || { echo "bench: cannot resolve the test classpath (bench/work/classpath.log): run mvn -B package once" >&2; exit 1; }
    fi
    TEST_CP="$(cat "$f")"
}

PG_URL=""
PG_USER=""
PG_PASSWORD=""
PG_JVM=""
start_postgres() {   # start_postgres DIR NAME...: sets PG_URL (and PG_JVM); waits until every NAME has connected
    local dir="$1" i line
    shift
    if [[ -n "${BENCH_PG_URL:-}" ]]; then
        PG_URL="$BENCH_PG_URL"; PG_USER="${BENCH_PG_USER:-}"; PG_PASSWORD="${BENCH_PG_PASSWORD:-}"
        return
    fi
    test_classpath
    java -cp "$TEST_CP" "$BENCH/BenchPostgres.java" "$dir/pg" "$@" >"$dir/postgres.out" 2>"$dir/postgres.err" &
    PG_JVM=$!
    PIDS+=("$PG_JVM")
    for ((i = 0; i < 1200; i++)); do       # up to 120 s
        line="$(grep -m1 '^jdbc_url=' "$dir/postgres.out" 2>/dev/null || true)"
        [[ -n "$line" ]] && break
        kill -0 "$PG_JVM" 2>/dev/null || break
        sleep 0.1
    done
    [[ -n "$line" ]] || { echo "bench: PostgreSQL did not start: $(tail -5 "$dir/postgres.err")" >&2; exit 1; }
    PG_URL="$(kv jdbc_url "$line")"; PG_USER=postgres; PG_PASSWORD=postgres
    # the postmaster is not a child of the JVM: stopped by pid as well if the JVM cannot stop it
    POSTMASTER_PID="$(kv postmaster_pid "$line")"
    PIDS+=("$POSTMASTER_PID")
}

POSTMASTER_PID=""
stop_postgres() {   # the JVM's shutdown hook stops the server; the postmaster by pid if it outlived that
    [[ -n "$PG_JVM" ]] || return 0
    stop_pid "$PG_JVM"
    if [[ -n "$POSTMASTER_PID" ]] && grep -qa -- "$WORK/cluster/pg" "/proc/$POSTMASTER_PID/cmdline" 2>/dev/null; then
        stop_pid "$POSTMASTER_PID"
    fi
    forget_pid "$POSTMASTER_PID"
    PG_JVM=""; POSTMASTER_PID=""
}

declare -A INSTANCE_PID=()
start_instance() {   # start_instance DIR NAME RATE LEASE: one `watch` on the shared folders, its own state folder
    local dir="$1" name="$2" rate="$3" lease="$4" sep="?"
    [[ "$PG_URL" == *"?"* ]] && sep="&"
    mkdir -p "$dir/state-$name"
    local -a envs=(VERIFIK_TOKEN="$TOKEN" VERIFIK_BASE_URL="http://127.0.0.1:$SIM_PORT"
        IMPORTER_INBOX="$dir/inbox" IMPORTER_OUTBOX="$dir/outbox" IMPORTER_ARCHIVE="$dir/archive"
        IMPORTER_REJECTED="$dir/rejected" IMPORTER_STATE="$dir/state-$name"
        IMPORTER_LEDGER_URL="$PG_URL${sep}ApplicationName=$name" IMPORTER_LEDGER_USER="$PG_USER"
        IMPORTER_LEDGER_PASSWORD="$PG_PASSWORD" IMPORTER_CLUSTER_LEASE="$lease" IMPORTER_CLUSTER_INSTANCE="$name"
        IMPORTER_POLL_INTERVAL=1 IMPORTER_FILE_MIN_AGE=0 IMPORTER_RECONCILE_GRACE=0 IMPORTER_RATE="$rate"
        IMPORTER_CONCURRENCY=4 IMPORTER_PROGRESS_INTERVAL=1)
    local e
    for e in ${BENCH_IMPORTER_ENV:-}; do envs+=("${e//@DIR@/$dir}"); done
    ( for e in "${envs[@]}"; do export "${e?}"; done; exec java ${BENCH_IMPORTER_JAVA_OPTS:-} -jar "$JAR" watch ) \
        >"$dir/$name.out" 2>"$dir/$name.err" &
    INSTANCE_PID[$name]=$!
    PIDS+=("$!")
}

now_ms() { date +%s%3N; }

archived() {   # archived DIR FILE -> true once FILE is somewhere under DIR/archive
    [[ -n "$(find "$1/archive" -type f -name "$2" -print -quit 2>/dev/null)" ]]
}

csv_in_inbox() { find "$1/inbox" -maxdepth 1 -type f -iname '*.csv' ! -name '.*' | wc -l; }

run_cluster() {   # run_cluster ROWS TIMEOUT_S: ROWS per small file, twice that in big.csv
    local rows="$1" limit="${BENCH_TIMEOUT:-$2}" rate="${BENCH_CLUSTER_RATE:-30}" lease="${BENCH_CLUSTER_LEASE:-5}"
    local dir tag="cluster$RANDOM" names=(a b c) n f total=0
    dir="$(new_workdir cluster)"
    local -a early=(big early1 early2) late=(late1 late2) files
    files=("${early[@]}" "${late[@]}")
    log "cluster: generating big.csv ($((2 * rows)) rows), early1/early2 ($((rows / 2)) rows), late1/late2 ($rows rows)"
    for f in "${files[@]}"; do
        n=$rows; [[ "$f" == big ]] && n=$((2 * rows)); [[ "$f" == early* ]] && n=$((rows / 2))
        java "$TOOL" gen "$n" "$dir/input/$f.csv" "$tag-$f"
        total=$((total + n))
    done
    { echo "identifier,project,projectFlow,type"; for f in "${files[@]}"; do tail -n +2 "$dir/input/$f.csv"; done; } \
        >"$dir/input/all.csv"
    start_simulator "$dir" --latency-ms 20
    start_postgres "$dir" "${names[@]}"
    log "cluster: simulator on 127.0.0.1:$SIM_PORT, PostgreSQL ${PG_URL%%\?*}; 3 watch instances at importer.rate" \
        "$rate, lease ${lease}s, hard timeout ${limit}s"
    for n in "${names[@]}"; do start_instance "$dir" "$n" "$rate" "$lease"; done
    if [[ -n "$PG_JVM" ]]; then
        local i
        for ((i = 0; i < 1200; i++)); do     # up to 120 s for the three to open the ledger
            grep -q '^connected=' "$dir/postgres.out" && break
            sleep 0.1
        done
        grep -q '^connected=' "$dir/postgres.out" || log "cluster: not every instance connected to the ledger within 120 s"
    fi

    local t_drop t_kill="" t_big="" t_end="" victim="" p pct line
    t_drop=$(now_ms)
    for f in "${early[@]}"; do mv "$dir/input/$f.csv" "$dir/inbox/$f.csv"; done
    # kill the instance importing big.csv once its progress line says 40%
    while (( $(now_ms) - t_drop < limit * 1000 )); do
        for n in "${names[@]}"; do
            line="$(grep -o 'big\.csv: [0-9]* of [0-9]* rows ([0-9]*%)' "$dir/$n.err" 2>/dev/null | tail -1 || true)"
            pct="$(sed -n 's/.*(\([0-9]*\)%)$/\1/p' <<<"$line")"
            if [[ -n "$pct" && "$pct" -ge 40 ]]; then victim=$n; break; fi
        done
        [[ -n "$victim" ]] && break
        archived "$dir" big.csv && break
        sleep 0.1
    done
    if [[ -n "$victim" ]]; then
        p="${INSTANCE_PID[$victim]}"
        kill -KILL "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
        forget_pid "$p"
        t_kill=$(now_ms)
        log "cluster: SIGKILLed instance $victim (pid $p) at: $line"
    else
        log "cluster: no instance reached 40% of big.csv: nothing killed"
    fi
    # the late files once a survivor has taken big.csv over: dropped earlier, they could keep both survivors busy
    # past the lease (one file at a time per instance), and the takeover would wait for one of them to be free
    while [[ -n "$victim" ]] && (( $(now_ms) - t_drop < limit * 1000 )); do
        # the victim's own "started" line, then the survivor's
        [[ $(cat "$dir"/[abc].err 2>/dev/null | grep -c 'big\.csv: started') -ge 2 ]] && break
        archived "$dir" big.csv && break
        sleep 0.1
    done
    for f in "${late[@]}"; do mv "$dir/input/$f.csv" "$dir/inbox/$f.csv"; done
    while (( $(now_ms) - t_drop < limit * 1000 )); do
        [[ -z "$t_big" ]] && archived "$dir" big.csv && t_big=$(now_ms)
        local all=1
        for f in "${files[@]}"; do archived "$dir" "$f.csv" || { all=0; break; }; done
        if [[ $all -eq 1 && "$(csv_in_inbox "$dir")" -eq 0 ]]; then t_end=$(now_ms); break; fi
        sleep 0.1
    done
    [[ -n "$t_end" ]] || { t_end=$(now_ms); log "cluster: hard timeout: not every file archived"; }
    for n in "${names[@]}"; do
        [[ "$n" == "$victim" ]] && continue
        stop_pid "${INSTANCE_PID[$n]}"
    done

    local stats posts created maxw dups reqline clline repline
    stats="$(sim_stats || echo '{}')"
    posts="$(json_num posts "$stats")"; created="$(json_num created "$stats")"
    maxw="$(json_num maxPostsInAnyOneSecondWindow "$stats")"; dups="$(json_num duplicateIdentifiers "$stats")"
    curl -s --max-time 120 "http://127.0.0.1:$SIM_PORT/_simulator/requests" >"$dir/requests.json" || true
    reqline="$(java "$TOOL" requests "$dir/requests.json" || true)"
    clline="$(java "$TOOL" cluster "$dir/requests.json" "${t_kill:-0}" "$tag-big" || true)"
    stop_pid "$SIM_PID"
    stop_postgres
    repline="$(java "$TOOL" reports "$dir/outbox" "$dir/input/all.csv" || echo "reports=unreadable")"

    local missing twice folders stuck rejected traces one takeover big_done seconds rps taken
    missing="$(kv rows_missing_from_reports "$repline")"; twice="$(kv rows_in_reports_twice "$repline")"
    folders="$(kv report_folders "$repline")"
    one=$(( total - ${missing:-$total} - ${twice:-0} ))
    stuck="$(csv_in_inbox "$dir")"
    rejected="$(find "$dir/rejected" -type f -iname '*.csv' | wc -l)"
    traces="$(cat "$dir"/[abc].err | grep -c $'^\tat ' || true)"
    takeover="none"; big_done="none"; taken="none"
    if [[ -n "$t_kill" ]]; then
        takeover="$(kv first_call_after_kill_s "$clline")"
        [[ -n "$t_big" ]] && big_done="$(awk -v a="$t_kill" -v b="$t_big" 'BEGIN { printf "%.2f", (b - a) / 1000 }')"
        # the survivor's own line: "big.csv: taken over from instance X"
        line="$(cat "$dir"/[abc].err | grep -m1 'big\.csv: taken over' | cut -d' ' -f1 || true)"
        [[ -n "$line" ]] && taken="$(awk -v a="$t_kill" -v b="$(date -d "$line" +%s%3N)" 'BEGIN { printf "%.2f", (b - a) / 1000 }')"
    fi
    seconds="$(awk -v a="$t_drop" -v b="$t_end" 'BEGIN { printf "%.2f", (b - a) / 1000 }')"
    rps="$(awk -v n="$total" -v s="$seconds" 'BEGIN { printf "%.1f", (s > 0 ? n / s : 0) }')"

    local why=()
    [[ "${dups:-1}" == 0 ]] || why+=("${dups:-?} persons created twice")
    [[ "$one" == "$total" ]] || why+=("$one of $total rows in exactly one report (${missing:-?} in none, ${twice:-?} twice)")
    [[ "${folders:-0}" == "${#files[@]}" ]] || why+=("${folders:-?} report folders for ${#files[@]} files")
    [[ "$stuck" == 0 && "$rejected" == 0 ]] || why+=("$stuck files stuck in the inbox, $rejected rejected")
    [[ -n "$victim" ]] || why+=("no instance was killed")
    awk -v t="$takeover" -v l="$lease" 'BEGIN { exit !(t != "none" && t + 0 <= l + 5) }' \
        || why+=("takeover ${takeover}s (<= lease $lease + 5)")
    awk -v w="${maxw:-999}" -v r="$rate" 'BEGIN { exit !(w <= r) }' || why+=("max window ${maxw:-?} (<= rate $rate)")
    local target="met"
    if [[ ${#why[@]} -gt 0 ]]; then local IFS=";"; target="MISSED: ${why[*]}"; fi
    echo "scenario=cluster rows=$total seconds=$seconds rows_per_s=$rps instances=3 killed=${victim:-none}" \
        "persons_created_twice=${dups:-?} rows_in_one_report=$one/$total report_folders=${folders:-?}/${#files[@]}" \
        "files_stuck=$stuck takeover_s=$takeover big_done_s=$big_done lease_s=$lease max_1s_window=${maxw:-?}" \
        "rate=$rate | target: $target | posts=${posts:-?} created=${created:-?} taken_over_log_s=$taken" \
        "stack_trace_lines=$traces rejected=$rejected $clline $repline${reqline:+ $reqline}"
}

for scenario in "${SCENARIOS[@]}"; do
    wait_for_quiet
    case "$scenario" in
        rate)
            run_importer rate "$(rows_for 400)" 180 "IMPORTER_RATE=20" "" ;;
        latency)
            run_importer latency "$(rows_for 4000)" 300 "IMPORTER_RATE=0 IMPORTER_CONCURRENCY=32" "" \
                --latency-ms 250 ;;
        overhead)
            run_overhead "$(rows_for 100000)" ;;
        startup)
            run_startup ;;
        memory)
            run_importer memory "$(rows_for 1000000)" 3600 "IMPORTER_RATE=0 IMPORTER_CONCURRENCY=16" "-Xmx256m" ;;
        faults)
            # The simulator cannot inject exactly 10% 503 / 5% 429 / 2% drops; the closest it has:
            #   --server-error-rate 0.1  10% of POSTs answered 500 or 503 (half each: ~5% 503 + ~5% 500)
            #   --drop-rate 0.02         2% of POSTs: connection closed without an answer
            #   --rate-limit 40 --retry-after 1, with the importer at 48 calls/s: the calls beyond 40 in a sliding
            #                            second get 429 + Retry-After: 1 (~5% of the calls; see answers= in the
            #                            output for what was actually injected)
            run_importer faults "$(rows_for 1000)" 600 \
                "IMPORTER_RATE=${BENCH_FAULTS_IMPORTER_RATE:-48} IMPORTER_CONCURRENCY=8" "" \
                --server-error-rate 0.1 --drop-rate 0.02 --rate-limit "${BENCH_FAULTS_SIM_LIMIT:-40}" --retry-after 1 ;;
        gateway)
            run_importer gateway "$(rows_for 400)" 300 "IMPORTER_RATE=20 IMPORTER_CONCURRENCY=8" "" \
                --gateway-rate 20 --gateway-burst "${BENCH_GATEWAY_BURST:-0}" ;;
        baseline)
            run_baseline "$(rows_for 400)" 300 ;;
        ledger-cost)
            ledger_cost "$(rows_for 100000)" ;;
        cluster)
            run_cluster "$(rows_for 300)" 600 ;;
    esac
done
