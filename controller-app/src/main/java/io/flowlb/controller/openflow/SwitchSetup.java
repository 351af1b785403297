package io.flowlb.controller.openflow;

import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFGroupType;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFRoleReply;
import org.projectfloodlight.openflow.protocol.OFRoleRequest;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * The messages a session sends to bring a newly connected switch into the state every
 * application may assume: packets sent to the controller in full, and (clean start) no flows or
 * groups left from a previous controller run, with the table-miss flow to the controller.
 *
 * <p>Thread safety: stateless.
 */
final class SwitchSetup {
    /** OFPCML_NO_BUFFER: send the whole packet to the controller and do not buffer it. */
    static final int NO_BUFFER = 0xffff;

    private SwitchSetup() {
    }

    static OFMessage setConfig(OFFactory f, int missSendLen) {
        return f.buildSetConfig().setMissSendLen(missSendLen).build();
    }

    /**
     * Deletes every flow of every table and (1.1+) every group, then installs the table-miss
     * flows (1.3+; on 1.0 a table miss goes to the controller by definition): on a switch with the
     * {@link TableLayout two-table layout}, table 0 misses go on to table 1 and table 1 misses to
     * the controller; on a one-table switch, table 0 misses go to the controller.
     */
    static List<OFMessage> cleanStart(OFFactory f, int nTables) {
        List<OFMessage> out = new ArrayList<>();
        var delete = f.buildFlowDelete().setMatch(f.matchWildcardAll());
        if (f.getVersion().compareTo(OFVersion.OF_11) >= 0) {
            delete.setTableId(TableId.ALL).setOutGroup(OFGroup.ANY).setCookie(U64.ZERO).setCookieMask(U64.ZERO);
        }
        out.add(delete.setOutPort(OFPort.ANY).build());
        if (f.getVersion().compareTo(OFVersion.OF_11) >= 0) {
            out.add(f.buildGroupDelete().setGroup(OFGroup.ALL).setGroupType(OFGroupType.ALL).build());
        }
        if (TableLayout.isSplit(f.getVersion(), nTables)) {
            out.add(gotoForwarding(f));
            out.add(tableMiss(f, TableLayout.FORWARDING));
        } else if (f.getVersion().compareTo(OFVersion.OF_13) >= 0) {
            out.add(tableMiss(f, TableLayout.CLASSIFIER));
        }
        return out;
    }

    /** Table 0, priority 0, match everything: continue in the forwarding table. */
    static OFMessage gotoForwarding(OFFactory f) {
        return f.buildFlowAdd()
                .setTableId(TableLayout.CLASSIFIER)
                .setPriority(FlowPriority.TABLE_MISS)
                .setCookie(AppCookie.app(AppCookie.SETUP))
                .setMatch(f.matchWildcardAll())
                .setInstructions(List.of(f.instructions().gotoTable(TableLayout.FORWARDING)))
                .build();
    }

    /** Priority 0, match everything, send the whole packet to the controller. */
    static OFMessage tableMiss(OFFactory f, TableId table) {
        List<OFAction> toController = List.of(f.actions().buildOutput().setPort(OFPort.CONTROLLER)
                .setMaxLen(NO_BUFFER).build());
        return f.buildFlowAdd()
                .setTableId(table)
                .setPriority(FlowPriority.TABLE_MISS)
                .setCookie(AppCookie.app(AppCookie.SETUP))
                .setMatch(f.matchWildcardAll())
                .setActions(toController)
                .build();
    }

    /**
     * The answer to a ROLE_REQUEST a peer sends us: this controller has no master/slave
     * arbitration, so it reports the EQUAL role with the generation id it was given.
     */
    static OFRoleReply roleReply(OFFactory f, OFRoleRequest req) {
        return f.buildRoleReply().setXid(req.getXid()).setRole(OFControllerRole.ROLE_EQUAL)
                .setGenerationId(req.getGenerationId()).build();
    }
}
