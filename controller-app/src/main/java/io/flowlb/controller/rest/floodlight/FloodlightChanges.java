package io.flowlb.controller.rest.floodlight;

import static io.flowlb.controller.rest.floodlight.FloodlightFields.valid;

import io.flowlb.controller.lb.ConfigChange;
import io.flowlb.controller.rest.ApiException;
import io.flowlb.controller.rest.api.Ids;
import io.flowlb.loadbalancer.model.Algorithm;
import io.flowlb.loadbalancer.model.ForwardingMode;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.Monitor;
import io.flowlb.loadbalancer.model.MonitorId;
import io.flowlb.loadbalancer.model.MonitorType;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.Protocol;
import io.flowlb.loadbalancer.model.ValidationException;
import io.flowlb.loadbalancer.model.Vip;
import io.flowlb.loadbalancer.model.VipId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Floodlight's create-or-update of each object, as changes of the configuration: the body's
 * values are parsed on the request's thread (400 when one does not parse), then merged on the
 * control thread over the object with that id, if any, keeping every value the body leaves out.
 *
 * <p>Thread safety: stateless; the changes it returns run on the control thread.
 */
final class FloodlightChanges {
    static final Set<String> VIP_FIELDS = Set.of("id", "tenant_id", "name", "network_id", "protocol", "address",
            "port", "pool_id");
    static final Set<String> POOL_FIELDS = Set.of("id", "tenant_id", "name", "network_id", "lb_method", "protocol",
            "vip_id");
    static final Set<String> MEMBER_FIELDS = Set.of("id", "address", "port", "connection_limit", "admin_state",
            "status", "pool_id", "weight");
    static final Set<String> MONITOR_FIELDS = Set.of("id", "name", "type", "delay", "timeout",
            "attempts_before_deactivation", "network_id", "pool_id", "address", "protocol", "port", "admin_state",
            "status");
    /** Floodlight's names of the monitor settings, for errors the model reports under its own names. */
    private static final Map<String, String> MONITOR_NAMES = Map.of("interval_ms", "delay", "timeout_ms", "timeout",
            "fall", "attempts_before_deactivation");

    private FloodlightChanges() {
    }

    /** {@code given} when the body gave it, else the old object's value, else null. */
    private static <T, R> R keep(R given, T old, Function<T, R> value) {
        return given != null ? given : old == null ? null : value.apply(old);
    }

    /**
     * The id of the body, which must agree with the one in the URL when both are given, or the URL's;
     * null when neither gives one (the change then allocates it).
     */
    private static <K> K id(FloodlightFields f, String pathId, BiFunction<String, String, K> parse) {
        String bodyId = f.text("id");
        if (bodyId != null && pathId != null && !bodyId.equals(pathId)) {
            throw ApiException.badRequest("id", "is " + bodyId + " but the URL names " + pathId);
        }
        String text = bodyId != null ? bodyId : pathId;
        return text == null ? null : valid(() -> parse.apply("id", text));
    }

    static ConfigChange<Vip> vip(FloodlightFields f, String pathId) {
        VipId given = id(f, pathId, VipId::parse);
        String name = f.text("name");
        Protocol protocol = f.protocol("protocol");
        IpAddress address = f.address("address");
        Integer port = f.number("port");
        PoolId pool = f.parsed("pool_id", PoolId::parse);
        return c -> {
            VipId id = given != null ? given : Ids.smallestFree(c.vips(), VipId::of);
            Vip old = c.vips().get(id);
            Protocol p = keep(protocol, old, Vip::protocol);
            int portNumber = port != null ? port : old == null ? 0 : old.port();
            int effectivePort = p != null && !p.hasPorts() ? 0 : portNumber;
            Vip v = valid(() -> new Vip(id, keep(name, old, Vip::name),
                    keep(address, old, Vip::address), p, effectivePort,
                    old == null ? ForwardingMode.NAT : old.mode(), keep(pool, old, Vip::poolId),
                    keep(null, old, Vip::adminState), keep(null, old, Vip::virtualMac),
                    keep(null, old, Vip::connectionPolicy)));
            LbConfig next = c.withVip(v);
            return ConfigChange.result(next, next.vip(id));
        };
    }

    static ConfigChange<Pool> pool(FloodlightFields f, String pathId) {
        PoolId given = id(f, pathId, PoolId::parse);
        String name = f.text("name");
        Algorithm algorithm = f.parsed("lb_method", FloodlightJson::algorithm);
        f.protocol("protocol");
        VipId vip = f.parsed("vip_id", VipId::parse);
        return c -> {
            PoolId id = given != null ? given : Ids.smallestFree(c.pools(), PoolId::of);
            Pool old = c.pools().get(id);
            Pool p = valid(() -> new Pool(id, keep(name, old, Pool::name),
                    keep(algorithm, old, Pool::algorithm),
                    keep(null, old, Pool::monitorIds), keep(null, old, Pool::availability),
                    keep(null, old, Pool::requiredTags), keep(vip, old, Pool::vipId)));
            LbConfig next = c.withPool(p);
            return ConfigChange.result(next, next.pool(id));
        };
    }

    static ConfigChange<Member> member(FloodlightFields f, String pathId) {
        MemberId given = id(f, pathId, MemberId::parse);
        IpAddress address = f.address("address");
        Integer port = f.number("port");
        PoolId pool = f.parsed("pool_id", PoolId::parse);
        Integer weight = f.number("weight");
        return c -> {
            MemberId id = given != null ? given : Ids.smallestFree(c.members(), MemberId::of);
            Member old = c.members().get(id);
            PoolId poolId = keep(pool, old, Member::poolId);
            int portNumber = port != null ? port : old == null ? 0 : old.port();
            int effectivePort = poolId != null && servesEveryPort(c, poolId) ? 0 : portNumber;
            Member m = valid(() -> new Member(id, poolId, keep(address, old, Member::address),
                    effectivePort, keep(null, old, Member::mac),
                    weight != null ? weight : old == null ? Member.DEFAULT_WEIGHT : old.weight(),
                    keep(null, old, Member::adminState), keep(null, old, Member::tags),
                    old == null ? 0 : old.failoverOrder(), old == null ? 0 : old.agentPort()));
            LbConfig next = c.withMember(m);
            return ConfigChange.result(next, next.member(id));
        };
    }

    /**
     * A monitor; with {@code pool} non-null it is also added to that pool's monitors (Floodlight's
     * association), creating the monitor when the id is new.
     */
    static ConfigChange<Monitor> monitor(FloodlightFields f, String pathId, PoolId pool) {
        MonitorId given = id(f, pathId, MonitorId::parse);
        MonitorType type = f.parsed("type", FloodlightJson::monitorType);
        Integer delay = f.number("delay");
        Integer timeout = f.number("timeout");
        Integer attempts = f.number("attempts_before_deactivation");
        Integer port = f.number("port");
        f.address("address");
        return c -> {
            MonitorId id = given != null ? given : Ids.smallestFree(c.monitors(), MonitorId::of);
            Monitor old = c.monitors().get(id);
            long interval = delay != null ? delay * 1000L
                    : old == null ? Monitor.DEFAULT_INTERVAL_MS : old.intervalMs();
            long wait = timeout != null ? timeout * 1000L
                    : old == null ? Math.max(Monitor.MIN_TIMEOUT_MS, Math.min(Monitor.DEFAULT_TIMEOUT_MS, interval / 2))
                    : old.timeoutMs();
            Monitor m;
            try {
                m = new Monitor(id, type != null ? type : old == null ? MonitorType.ICMP : old.type(), interval, wait,
                        old == null ? Monitor.DEFAULT_RISE : old.rise(),
                        attempts != null ? attempts : old == null ? Monitor.DEFAULT_FALL : old.fall(),
                        keep(null, old, Monitor::httpPath), keep(null, old, Monitor::expectedStatus),
                        port != null ? port : old == null ? 0 : old.port());
            } catch (ValidationException e) {
                throw ApiException.badRequest(MONITOR_NAMES.getOrDefault(e.field(), e.field()), e.error());
            }
            LbConfig next = c.withMonitor(m);
            if (pool != null) {
                Pool p = next.pool(pool);
                if (!p.monitorIds().contains(id)) {
                    List<MonitorId> ids = new ArrayList<>(p.monitorIds());
                    ids.add(id);
                    next = next.withPool(p.withMonitors(ids));
                }
            }
            return ConfigChange.result(next, m);
        };
    }

    /** True when a VIP of the pool listens on every port (or its protocol has none): members then use port 0. */
    private static boolean servesEveryPort(LbConfig c, PoolId pool) {
        for (Vip v : c.vipsOf(pool)) {
            if (v.allPorts()) {
                return true;
            }
        }
        return false;
    }
}
