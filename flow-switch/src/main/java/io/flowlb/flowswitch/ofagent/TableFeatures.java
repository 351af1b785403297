package io.flowlb.flowswitch.ofagent;

import io.flowlb.flowswitch.datapath.spec.MatchField;
import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFTableFeatureProp;
import org.projectfloodlight.openflow.protocol.OFTableFeatures;
import org.projectfloodlight.openflow.protocol.actionid.OFActionId;
import org.projectfloodlight.openflow.protocol.instructionid.OFInstructionId;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U32;
import org.projectfloodlight.openflow.types.U64;
import org.projectfloodlight.openflow.types.U8;

/**
 * The OpenFlow 1.3 TABLE_FEATURES description of flow-switch's tables: every table matches every
 * field of {@link MatchField} (masks where OpenFlow allows them), takes every instruction but
 * meters, may go to any later table, and offers the actions and set-fields the datapath runs.
 * Tools read it before some commands (ovs-ofctl does for table names).
 *
 * <p>Thread safety: stateless.
 */
final class TableFeatures {
    private static final int OXM_CLASS_BASIC = 0x8000;

    /** The fields set_field may rewrite (the datapath's {@code Action.SetField} list). */
    private static final List<MatchField> SETTABLE = List.of(MatchField.ETH_DST, MatchField.ETH_SRC,
            MatchField.VLAN_VID, MatchField.VLAN_PCP, MatchField.IP_DSCP, MatchField.IPV4_SRC, MatchField.IPV4_DST,
            MatchField.IPV6_SRC, MatchField.IPV6_DST, MatchField.TCP_SRC, MatchField.TCP_DST, MatchField.UDP_SRC,
            MatchField.UDP_DST);

    private TableFeatures() {
    }

    /** One entry per table, 0..{@code tables}-1. */
    static List<OFTableFeatures> describe(OFFactory f, int tables, int maxFlows) {
        List<OFTableFeatures> out = new ArrayList<>(tables);
        for (int t = 0; t < tables; t++) {
            out.add(f.buildTableFeatures()
                    .setTableId(TableId.of(t))
                    .setName("table" + t)
                    .setMetadataMatch(U64.NO_MASK)
                    .setMetadataWrite(U64.NO_MASK)
                    .setConfig(0)
                    .setMaxEntries(maxFlows)
                    .setProperties(properties(f, t, tables))
                    .build());
        }
        return out;
    }

    private static List<OFTableFeatureProp> properties(OFFactory f, int table, int tables) {
        List<OFInstructionId> instructions = new ArrayList<>(List.of(f.instructionIds().applyActions(),
                f.instructionIds().writeActions(), f.instructionIds().clearActions(),
                f.instructionIds().writeMetadata()));
        List<U8> next = new ArrayList<>();
        for (int n = table + 1; n < tables; n++) {
            next.add(U8.of((short) n));
        }
        if (!next.isEmpty()) {
            instructions.add(f.instructionIds().gotoTable());
        }
        List<OFActionId> actions = List.of(f.actionIds().output(), f.actionIds().group(), f.actionIds().setField(),
                f.actionIds().pushVlan(), f.actionIds().popVlan(), f.actionIds().decNwTtl(), f.actionIds().setQueue());
        List<U32> match = new ArrayList<>();
        List<U32> wildcards = new ArrayList<>();
        for (MatchField m : MatchField.values()) {
            // The match list marks maskable fields with the has-mask bit; the wildcard list never does.
            match.add(oxmHeader(m, m.maskable()));
            wildcards.add(oxmHeader(m, false));
        }
        List<U32> settable = new ArrayList<>();
        for (MatchField m : SETTABLE) {
            settable.add(oxmHeader(m, false));
        }
        return List.of(
                f.tableFeaturePropInstructions(instructions),
                f.tableFeaturePropNextTables(next),
                f.tableFeaturePropWriteActions(actions),
                f.tableFeaturePropApplyActions(actions),
                f.tableFeaturePropMatch(match),
                f.tableFeaturePropWildcards(wildcards),
                f.tableFeaturePropWriteSetfield(settable),
                f.tableFeaturePropApplySetfield(settable));
    }

    /** An OXM header: class, field, has-mask bit, value length (doubled with a mask). */
    private static U32 oxmHeader(MatchField m, boolean masked) {
        int width = OxmCodec.byteWidth(m);
        return U32.of(((long) OXM_CLASS_BASIC << 16) | ((long) m.oxmField() << 9) | (masked ? 1 << 8 : 0)
                | (masked ? 2L * width : width));
    }
}
