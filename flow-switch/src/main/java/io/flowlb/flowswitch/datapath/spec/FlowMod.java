package io.flowlb.flowswitch.datapath.spec;

/**
 * A FLOW_MOD request.
 *
 * @param command what to do
 * @param spec the flow (for DELETE*, its table, priority, match and cookie select the victims;
 *     table {@link #ALL_TABLES} deletes in every table)
 * @param cookieMask for MODIFY* and DELETE*: only flows whose cookie equals
 *     {@code spec.cookie()} under this mask are touched (0 = all)
 * @param outPort for DELETE*: only flows with an output to this port
 *     ({@link PortNumbers#ANY} = no filter)
 * @param outGroup for DELETE*: only flows with a group action to this group
 *     ({@link GroupSpec#ANY} = no filter)
 *
 * <p>Thread safety: immutable.
 */
public record FlowMod(FlowModCommand command, FlowSpec spec, long cookieMask, int outPort, int outGroup) {
    /** {@code OFPTT_ALL}: the table id that names every table in deletes and statistics. */
    public static final int ALL_TABLES = 0xff;

    public static FlowMod add(FlowSpec spec) {
        return new FlowMod(FlowModCommand.ADD, spec, 0, PortNumbers.ANY, GroupSpec.ANY);
    }

    public static FlowMod of(FlowModCommand command, FlowSpec spec) {
        return new FlowMod(command, spec, 0, PortNumbers.ANY, GroupSpec.ANY);
    }
}
