package io.flowlb.flowswitch.datapath.spec;

/** {@code ofp_flow_mod_command} of OpenFlow 1.3. */
public enum FlowModCommand {
    ADD, MODIFY, MODIFY_STRICT, DELETE, DELETE_STRICT
}
