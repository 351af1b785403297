package io.flowlb.controller.openflow;

import org.projectfloodlight.openflow.protocol.match.Match;
import org.projectfloodlight.openflow.protocol.match.MatchField;
import org.projectfloodlight.openflow.types.OFValueType;
import org.projectfloodlight.openflow.types.U64;

/** How a switch decides which flows a FLOW_MOD delete touches, for the simulated flow tables of the tests. */
public final class FlowModSemantics {

    private FlowModSemantics() {
    }

    /** True when the flow's cookie equals {@code cookie} under {@code mask}. */
    public static boolean cookieMatches(U64 flowCookie, U64 cookie, U64 mask) {
        return (flowCookie.getValue() & mask.getValue()) == (cookie.getValue() & mask.getValue());
    }

    /** True when every field {@code general} sets is set to the same value in {@code specific} (non-strict delete). */
    public static boolean covers(Match general, Match specific) {
        for (MatchField<?> field : general.getMatchFields()) {
            if (!specific.supports(field) || !sameValue(general, specific, field)) {
                return false;
            }
        }
        return true;
    }

    private static <F extends OFValueType<F>> boolean sameValue(Match a, Match b, MatchField<F> field) {
        F va = a.get(field);
        return va != null && va.equals(b.get(field));
    }
}
