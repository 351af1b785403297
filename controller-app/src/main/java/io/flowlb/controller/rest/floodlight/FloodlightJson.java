package io.flowlb.controller.rest.floodlight;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.flowlb.controller.view.MemberDistribution;
import io.flowlb.loadbalancer.distribution.Health;
import io.flowlb.loadbalancer.model.Algorithm;
import io.flowlb.loadbalancer.model.Fields;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.Monitor;
import io.flowlb.loadbalancer.model.MonitorType;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.ValidationException;
import io.flowlb.loadbalancer.model.Vip;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The answers of the Floodlight-compatible API, field for field as Floodlight's serializers
 * write them: every value a string, camelCase names where Floodlight uses them.
 *
 * <p>Thread safety: immutable records and stateless conversions.
 */
final class FloodlightJson {
    private FloodlightJson() {
    }

    /** A VIP: protocol as its IP protocol number ({@code "1"}, {@code "6"}, {@code "17"}). */
    record FlVip(String name, String id, String address, String protocol, String port) {
        static FlVip of(Vip v) {
            return new FlVip(v.name(), v.id().toString(), v.address().toString(),
                    Integer.toString(v.protocol().number()), Integer.toString(v.port()));
        }
    }

    /** A pool: {@code lbMethod} in Floodlight's words, members as an array. */
    record FlPool(String id, String name, @JsonProperty("vipId") String vipId,
                  @JsonProperty("lbMethod") String lbMethod, @JsonProperty("poolMembers") List<String> poolMembers) {
        static FlPool of(Pool p, LbConfig c) {
            List<String> members = new ArrayList<>();
            for (Member m : c.membersOf(p.id())) {
                members.add(m.id().toString());
            }
            return new FlPool(p.id().toString(), p.name(), p.vipId() == null ? null : p.vipId().toString(),
                    method(p.algorithm()), members);
        }
    }

    /** A member: {@code status} Active (health up), Inactive (down) or Alive (not known yet). */
    record FlMember(String id, String address, String port, @JsonProperty("poolId") String poolId,
                    @JsonProperty("vipId") String vipId, String weight, String status) {
        static FlMember of(Member m, LbConfig c, MemberDistribution live) {
            Pool p = c.pools().get(m.poolId());
            Health h = live == null ? Health.UNKNOWN : live.health();
            return new FlMember(m.id().toString(), m.address().toString(), Integer.toString(m.port()),
                    m.poolId().toString(), p == null || p.vipId() == null ? null : p.vipId().toString(),
                    Integer.toString(m.weight()), h == Health.UP ? "Active" : h == Health.DOWN ? "Inactive" : "Alive");
        }
    }

    /** A health monitor: {@code type} the IP protocol number it probes with (HTTP as {@code "http"}). */
    record FlMonitor(String id, String address, String name, String type, @JsonProperty("poolId") String poolId) {
        static FlMonitor of(Monitor m, LbConfig c) {
            String pool = null;
            for (Pool p : c.pools().values()) {
                if (p.monitorIds().contains(m.id())) {
                    pool = p.id().toString();
                    break;
                }
            }
            String type = switch (m.type()) {
                case ICMP -> "1";
                case TCP -> "6";
                case HTTP -> "http";
            };
            return new FlMonitor(m.id().toString(), "0.0.0.0", "", type, pool);
        }
    }

    /** A pool's traffic, with Floodlight's names. */
    record FlStats(@JsonProperty("Bytes In") String bytesIn, @JsonProperty("Bytes Out") String bytesOut,
                   @JsonProperty("Active Flows") String activeFlows) {
    }

    /** Floodlight's {@code {"status": ...}} answer. */
    record FlStatus(String status) {
    }

    /** Floodlight's name of an algorithm. */
    static String method(Algorithm a) {
        return switch (a) {
            case ROUND_ROBIN -> "Round-Robin";
            case WEIGHTED -> "Weighted Round-Robin";
            case LEAST_CONNECTIONS -> "Statistics";
            case LEAST_LOAD -> "Least-Load";
            case CAPABILITY -> "Capability";
        };
    }

    /** The algorithm of an {@code lb_method} value: RR/1, STATISTICS/2, WRR/3, or any flowlb algorithm name. */
    static Algorithm algorithm(String field, String text) {
        return switch (text.trim().toUpperCase(Locale.ROOT)) {
            case "RR", "1", "ROUND-ROBIN" -> Algorithm.ROUND_ROBIN;
            case "STATISTICS", "2" -> Algorithm.LEAST_CONNECTIONS;
            case "WRR", "3", "WEIGHTED-ROUND-ROBIN", "WEIGHTED ROUND-ROBIN" -> Algorithm.WEIGHTED;
            default -> Algorithm.parse(field, text);
        };
    }

    /** The monitor type of a Floodlight {@code type}: TCP, ICMP or PING, HTTP or HTTPS (UDP has no probe). */
    static MonitorType monitorType(String field, String text) {
        return switch (text.trim().toUpperCase(Locale.ROOT)) {
            case "TCP", "6" -> MonitorType.TCP;
            case "ICMP", "PING", "1" -> MonitorType.ICMP;
            case "HTTP", "HTTPS" -> MonitorType.HTTP;
            default -> throw new ValidationException(field,
                    "must be TCP, ICMP (PING) or HTTP, got \"" + Fields.printable(text)
                            + "\"");
        };
    }
}
