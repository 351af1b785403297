package io.flowlb.flowswitch.datapath.spec;

/** {@code ofp_group_mod_command} of OpenFlow 1.3. */
public enum GroupModCommand {
    ADD, MODIFY, DELETE
}
