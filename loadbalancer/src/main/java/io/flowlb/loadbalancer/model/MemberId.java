package io.flowlb.loadbalancer.model;

import io.flowlb.loadbalancer.packet.FlowKey;
import java.util.List;
import java.util.function.Function;

/**
 * The identifier of a pool member (a back-end server and port): a string, as in Floodlight's REST API, checked by
 * {@link Fields#token(String, String)}.
 *
 * <p>Thread safety: immutable.
 */
public record MemberId(String value) implements Comparable<MemberId> {
    public MemberId {
        Fields.token("id", value);
    }

    /** Parses an identifier carried in {@code field} (e.g. {@code "member_id"}), naming that field on error. */
    public static MemberId parse(String field, String value) {
        return new MemberId(Fields.token(field, value));
    }

    public static MemberId of(String value) {
        return new MemberId(value);
    }

    /**
     * A 64-bit key for this member that is the same on every run and every host (FNV-1a over the
     * id, then mixed), for tables that index backends by a {@code long}: a restarted controller
     * gives each member the same key, so its Maglev permutation and its connections keep their place.
     */
    public long backendKey() {
        long h = 0xcbf2_9ce4_8422_2325L;
        for (int i = 0; i < value.length(); i++) {
            h = (h ^ value.charAt(i)) * 0x0000_0100_0000_01b3L;
        }
        return FlowKey.mix(h);
    }

    /**
     * The element of {@code list} whose id is {@code id}, or null. Lists of per-member values are
     * kept in member id order, so this is a binary search; when it misses, the list is scanned,
     * so a list in another order still gives the right answer.
     */
    public static <T> T find(List<T> list, Function<? super T, MemberId> idOf, MemberId id) {
        if (id == null) {
            return null;
        }
        int lo = 0;
        int hi = list.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = idOf.apply(list.get(mid)).compareTo(id);
            if (c == 0) {
                return list.get(mid);
            }
            if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        for (T t : list) {
            if (idOf.apply(t).equals(id)) {
                return t;
            }
        }
        return null;
    }

    @Override
    public int compareTo(MemberId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
