package io.flowlb.loadbalancer.filter;

import io.flowlb.loadbalancer.distribution.MemberWeight;
import io.flowlb.loadbalancer.distribution.PoolWeights;
import io.flowlb.loadbalancer.model.AdminState;
import io.flowlb.loadbalancer.model.ConnectionPolicy;
import io.flowlb.loadbalancer.model.ForwardingMode;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.Vip;
import io.flowlb.loadbalancer.model.VipId;
import io.flowlb.loadbalancer.select.ConfigSnapshot;
import io.flowlb.loadbalancer.select.ConfigTable;
import io.flowlb.loadbalancer.select.MidConnectionPolicy;
import io.flowlb.loadbalancer.select.ServiceTable;
import io.flowlb.loadbalancer.table.ConnectionTable;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Compiles the load-balancer model (VIPs, pools, members) and the master module's weights into
 * the services of a {@link ConfigSnapshot}, the configuration table the {@link PacketFilter} reads.
 *
 * <p>Mapping. One service per VIP: its address, protocol and port; NAT or DSR; the VIP's MAC
 * ({@link Vip#effectiveMac()}); its connection policy. One backend per member of the VIP's pool,
 * keyed by {@link io.flowlb.loadbalancer.model.MemberId#backendKey()}, with the member's address,
 * MAC (0 while unknown) and, in NAT mode, its port ({@link ServiceTable#ALL} when the member keeps
 * the client's port; DSR never rewrites ports). Weight, liveness and drain come from the pool's
 * {@link PoolWeights} when the master module has published them, else from the member's configured
 * weight and admin state; an admin state given since then still applies (drain: no new
 * connections; maint: connections re-selected). A draining VIP takes no new connections; a VIP in
 * maintenance has no live member. A VIP without a pool is a service without members (its packets
 * are dropped as {@code NO_BACKEND}).
 *
 * <p>Service ids, the connection-table zones, must stay the same from one generation to the next
 * so that connections survive a configuration change: they come from a fixed hash of the VIP id
 * (a rare collision takes the next free id, in VIP id order), never from a position.
 *
 * <p>Thread safety: stateless; call it from the control thread that builds snapshots.
 */
public final class ServiceTables {

    private ServiceTables() {
    }

    /** Describes every VIP of {@code config} as a service of {@code into}; returns {@code into}. */
    public static ConfigSnapshot.Builder describe(LbConfig config, Map<PoolId, PoolWeights> weights,
                                                 ConfigSnapshot.Builder into) {
        Set<Integer> taken = new HashSet<>();
        for (Vip vip : config.vips().values()) {
            int id = serviceId(vip.id());
            while (!taken.add(id) || id == ConnectionTable.REPLY_ZONE) {
                id++;
            }
            ServiceTable.Builder b = into.service(id)
                    .vip(vip.address().hi(), vip.address().lo(), vip.protocol().number(), vip.port())
                    .mode(vip.mode() == ForwardingMode.NAT ? ServiceTable.MODE_NAT : ServiceTable.MODE_DSR)
                    .vipMac(vip.effectiveMac().value())
                    .midConnection(vip.connectionPolicy() == ConnectionPolicy.STRICT
                            ? MidConnectionPolicy.STRICT : MidConnectionPolicy.CONSISTENT);
            if (vip.poolId() != null) {
                PoolWeights pool = weights == null ? null : weights.get(vip.poolId());
                for (Member m : config.membersOf(vip.poolId())) {
                    addMember(b, vip, m, pool == null ? null : pool.get(m.id()));
                }
            }
        }
        return into;
    }

    /** A fresh snapshot of {@code config} (no previous one to reuse tables from). */
    public static ConfigSnapshot build(LbConfig config, Map<PoolId, PoolWeights> weights, long generation) {
        return describe(config, weights, new ConfigSnapshot.Builder(generation, null)).build();
    }

    /** Builds the next generation beside the active one of {@code table} and publishes it; returns it. */
    public static ConfigSnapshot publish(ConfigTable table, LbConfig config, Map<PoolId, PoolWeights> weights) {
        return table.publish(describe(config, weights, table.nextBuilder()));
    }

    /** The service id (connection-table zone) of a VIP before collisions: FNV-1a over the id, mixed. */
    public static int serviceId(VipId id) {
        int h = 0x811c_9dc5;
        String s = id.value();
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x0100_0193;
        }
        h ^= h >>> 16;
        h *= 0x7feb_352d;
        return h ^ (h >>> 15);
    }

    private static void addMember(ServiceTable.Builder b, Vip vip, Member m, MemberWeight w) {
        int weight = w != null ? w.weight() : m.weight();
        boolean alive = w == null || w.alive();
        boolean acceptsNew = w != null ? w.acceptsNew() : m.weight() > 0;
        if (m.adminState() == AdminState.DRAIN || vip.adminState() == AdminState.DRAIN) {
            acceptsNew = false;
        }
        if (m.adminState() == AdminState.MAINT || vip.adminState() == AdminState.MAINT) {
            alive = false;
            acceptsNew = false;
        }
        int port = vip.mode() == ForwardingMode.NAT && m.port() != 0 ? m.port() : ServiceTable.ALL;
        long mac = m.mac() == null ? 0 : m.mac().value();
        b.backend(m.id().backendKey(), acceptsNew ? weight : 0, alive, acceptsNew,
                m.address().hi(), m.address().lo(), port, mac);
    }
}
