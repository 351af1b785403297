package io.flowlb.controller.lb.json;

import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.Monitor;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.RouterPool;
import io.flowlb.loadbalancer.model.ValidationException;
import io.flowlb.loadbalancer.model.Vip;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * A whole configuration as one JSON document: the export of {@code GET /api/v1/config}, the body
 * of {@code PUT /api/v1/config}, a {@code --config} file and the state file, all the same format.
 *
 * <pre>{@code
 * {"format": 1, "vips": [...], "pools": [...], "members": [...], "monitors": [...], "router_pools": [...]}
 * }</pre>
 *
 * <p>{@code format} is {@value #FORMAT} (left out means {@value #FORMAT}); every list may be left
 * out. An error inside a list names the element: {@code members[3].weight}.
 *
 * <p>Thread safety: immutable.
 */
public record ConfigJson(Integer format, List<VipJson> vips, List<PoolJson> pools, List<MemberJson> members,
                         List<MonitorJson> monitors, List<RouterPoolJson> routerPools) {
    /** The only format this version reads and writes. */
    public static final int FORMAT = 1;

    public static ConfigJson of(LbConfig c) {
        return new ConfigJson(FORMAT, map(c.vips().values(), VipJson::of), map(c.pools().values(), PoolJson::of),
                map(c.members().values(), MemberJson::of), map(c.monitors().values(), MonitorJson::of),
                map(c.routerPools().values(), RouterPoolJson::of));
    }

    /** The model objects of a document, each valid on its own, not yet checked together. */
    public record Objects(List<Vip> vips, List<Pool> pools, List<Member> members, List<Monitor> monitors,
                          List<RouterPool> routerPools) {

        /** The configuration of these objects, checked as a whole (references, overlaps). */
        public LbConfig toConfig() {
            return LbConfig.of(vips, pools, members, monitors, routerPools);
        }
    }

    /** The configuration this document describes, checked as a whole. */
    public LbConfig toConfig() {
        return objects().toConfig();
    }

    /** Builds each object, naming the element of the first that is invalid on its own. */
    public Objects objects() {
        if (format != null && format != FORMAT) {
            throw new ValidationException("format", "must be " + FORMAT + ", got " + format);
        }
        return new Objects(build("vips", vips, VipJson::toVip), build("pools", pools, PoolJson::toPool),
                build("members", members, MemberJson::toMember), build("monitors", monitors, MonitorJson::toMonitor),
                build("router_pools", routerPools, RouterPoolJson::toRouterPool));
    }

    private static <J, T> List<T> build(String list, List<J> in, Function<J, T> convert) {
        if (in == null) {
            return new ArrayList<>();
        }
        List<T> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            J j = in.get(i);
            if (j == null) {
                throw new ValidationException(list + "[" + i + "]", "must be an object, got null");
            }
            try {
                out.add(convert.apply(j));
            } catch (ValidationException e) {
                throw new ValidationException(list + "[" + i + "]." + e.field(), e.error());
            }
        }
        return out;
    }

    private static <T, J> List<J> map(Collection<T> in, Function<T, J> f) {
        List<J> out = new ArrayList<>(in.size());
        for (T t : in) {
            out.add(f.apply(t));
        }
        return out;
    }
}
