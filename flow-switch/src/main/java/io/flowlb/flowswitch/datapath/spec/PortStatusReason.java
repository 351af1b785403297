package io.flowlb.flowswitch.datapath.spec;

/** {@code ofp_port_reason} of OpenFlow 1.3. */
public enum PortStatusReason {
    ADD, DELETE, MODIFY
}
