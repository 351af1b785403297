#!/usr/bin/env bash
# benchmarks/scripts/raw-forward.sh [--seconds S] [--runs N] [--modes "direct bridge v2 v3 ..."]
#
# Packets per second of 64-byte UDP frames (trafgen on core 0) delivered to a sink interface,
# through each path in one run, on the same veth topology:
#   direct   the generator's veth pair straight into the sink (no forwarder)
#   bridge   a Linux bridge between the two switch-side veths
#   v2, v3   flow-switch's I/O layer alone (RawForwardMain: AF_PACKET rings + a patch, busy
#            poller on core 1), receive ring TPACKET_V2 or TPACKET_V3
#   v2-bypass, v3-bypass   the same with PACKET_QDISC_BYPASS on the transmit sockets
# Prints one line per path and run, then the median per path and its ratio to the bridge.
# Root; re-runs itself inside scripts/sandbox. Keep runs short on a shared machine.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SECONDS_PER_RUN=5
RUNS=3
MODES="direct bridge v2 v3"
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) SECONDS_PER_RUN=$2; shift ;;
    --runs) RUNS=$2; shift ;;
    --modes) MODES=$2; shift ;;
    *) echo "raw-forward: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done

if [ "${FLOWLB_IN_SANDBOX:-0}" != 1 ]; then
  (cd "$ROOT" && MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" \
     mvn -B -q -pl benchmarks -am package -DskipTests -DskipUnitTests)
  exec env FLOWLB_SANDBOX_NO_OVS=1 "$ROOT/scripts/sandbox" "$0" --seconds "$SECONDS_PER_RUN" --runs "$RUNS" --modes "$MODES"
fi

JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
CP="$ROOT/benchmarks/target/classes:$ROOT/benchmarks/target/lib/*"
# Epsilon never collects: the forwarder must not allocate per packet or it runs out of heap.
JAVA_OPTS=(-XX:+UnlockExperimentalVMOptions -XX:+UseEpsilonGC -Xms1g -Xmx1g -XX:+AlwaysPreTouch)
WORK=$(mktemp -d)

rx() { ip netns exec sink cat /sys/class/net/sink-eth0/statistics/rx_packets; }

topology() { # $1: direct | switched
  ip netns del gen 2>/dev/null || true; ip netns del sink 2>/dev/null || true
  ip link del s1p1 2>/dev/null || true; ip link del s1p2 2>/dev/null || true; ip link del br0 2>/dev/null || true
  ip netns add gen; ip netns add sink
  if [ "$1" = direct ]; then
    ip link add gen-eth0 netns gen type veth peer name sink-eth0 netns sink
  else
    ip link add s1p1 type veth peer name gen-eth0 netns gen
    ip link add s1p2 type veth peer name sink-eth0 netns sink
    for p in s1p1 s1p2; do sysctl -qw net.ipv6.conf.$p.disable_ipv6=1; ip link set $p up; done
  fi
  for ns in gen sink; do
    ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1
    ip -n $ns link set $ns-eth0 up
  done
  local dst src
  dst=$(ip netns exec sink cat /sys/class/net/sink-eth0/address)
  src=$(ip netns exec gen cat /sys/class/net/gen-eth0/address)
  # Ethernet + IPv4 + UDP + 18 bytes: 60 bytes, 64 on the wire with the FCS.
  cat > "$WORK/udp64.cfg" <<CFG
{ 0x${dst//:/, 0x}, 0x${src//:/, 0x}, 0x08, 0x00,
  0x45, 0x00, 0x00, 0x2e, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11, csumip(14, 33),
  10, 9, 9, 1, 10, 9, 9, 2,
  0x04, 0x00, 0x13, 0x89, 0x00, 0x1a, 0x00, 0x00,
  fill(0x00, 18) }
CFG
}

measure() { # prints delivered packets/s
  setsid taskset -c 0 ip netns exec gen trafgen --dev gen-eth0 --conf "$WORK/udp64.cfg" --cpus 1 \
    --no-sock-mem --notouch-irq --no-cpu-stats >/dev/null 2>&1 &
  local gen=$!
  sleep 2
  local r0 r1
  r0=$(rx); sleep "$SECONDS_PER_RUN"; r1=$(rx)
  kill -INT -- -"$gen" 2>/dev/null || true; wait "$gen" 2>/dev/null || true
  echo $(( (r1 - r0) / SECONDS_PER_RUN ))
}

run_mode() { # $1: mode; prints pps
  case "$1" in
    direct) topology direct; measure ;;
    bridge)
      topology switched
      ip link add br0 type bridge; ip link set br0 up
      ip link set s1p1 master br0; ip link set s1p2 master br0
      measure ;;
    v2|v3|v2-bypass|v3-bypass)
      topology switched
      local ring=${1%%-*} extra=()
      [ "$1" != "${1%-bypass}" ] && extra=(--qdisc-bypass)
      taskset -c 1 "$JAVA" "${JAVA_OPTS[@]}" --enable-native-access=ALL-UNNAMED -cp "$CP" \
        io.flowlb.bench.RawForwardMain s1p1 s1p2 --idle spin --rx-ring "$ring" "${extra[@]}" \
        > "$WORK/fwd.out" 2>&1 &
      local fwd=$!
      for _ in $(seq 100); do grep -q '^ready' "$WORK/fwd.out" && break; sleep 0.1; done
      grep -q '^ready' "$WORK/fwd.out" || { cat "$WORK/fwd.out" >&2; kill $fwd; return 1; }
      measure
      kill -TERM $fwd; wait $fwd 2>/dev/null || true
      grep -E '^(port|heap)' "$WORK/fwd.out" | sed 's/^/    /' >&2 ;;
    *) echo "raw-forward: unknown mode $1" >&2; return 2 ;;
  esac
}

declare -A results
for run in $(seq "$RUNS"); do
  for mode in $MODES; do
    pps=$(run_mode "$mode")
    echo "run $run  $mode  $pps pps" >&2
    results[$mode]="${results[$mode]:-} $pps"
  done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
bridge=$(echo "${results[bridge]:-}" | median)
echo "path        median pps   vs bridge   (64-byte UDP, $RUNS runs x ${SECONDS_PER_RUN}s, $(nproc) cores, $(date -u +%F))"
for mode in $MODES; do
  m=$(echo "${results[$mode]}" | median)
  ratio=$( [ -n "$bridge" ] && [ "$bridge" -gt 0 ] && awk "BEGIN {printf \"%.2f\", $m / $bridge}" || echo "-")
  printf '%-10s %11s   %s\n' "$mode" "$m" "$ratio"
done
rm -rf "$WORK"
