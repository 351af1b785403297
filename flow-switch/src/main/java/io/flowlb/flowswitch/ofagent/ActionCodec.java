package io.flowlb.flowswitch.ofagent;

import io.flowlb.flowswitch.datapath.spec.Action;
import io.flowlb.flowswitch.datapath.spec.Bucket;
import io.flowlb.flowswitch.datapath.spec.Instruction;
import io.flowlb.flowswitch.datapath.spec.MatchEntry;
import java.util.ArrayList;
import java.util.List;
import org.projectfloodlight.openflow.protocol.OFBucket;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.action.OFAction;
import org.projectfloodlight.openflow.protocol.action.OFActionDecNwTtl;
import org.projectfloodlight.openflow.protocol.action.OFActionGroup;
import org.projectfloodlight.openflow.protocol.action.OFActionOutput;
import org.projectfloodlight.openflow.protocol.action.OFActionPopVlan;
import org.projectfloodlight.openflow.protocol.action.OFActionPushVlan;
import org.projectfloodlight.openflow.protocol.action.OFActionSetField;
import org.projectfloodlight.openflow.protocol.action.OFActionSetQueue;
import org.projectfloodlight.openflow.protocol.instruction.OFInstruction;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionApplyActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionClearActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionGotoTable;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionMeter;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionWriteActions;
import org.projectfloodlight.openflow.protocol.instruction.OFInstructionWriteMetadata;
import org.projectfloodlight.openflow.types.EthType;
import org.projectfloodlight.openflow.types.OFGroup;
import org.projectfloodlight.openflow.types.OFPort;
import org.projectfloodlight.openflow.types.TableId;
import org.projectfloodlight.openflow.types.U64;

/**
 * Translates OpenFlow 1.3 actions, instructions and group buckets to the datapath's spec types
 * and back. Anything the datapath cannot do is refused with the OpenFlow error a controller
 * expects (BAD_ACTION/BAD_TYPE, BAD_INSTRUCTION/UNSUP_INST...), never silently dropped.
 *
 * <p>Thread safety: stateless.
 */
final class ActionCodec {

    private ActionCodec() {
    }

    static List<Action> decodeActions(List<OFAction> actions) {
        List<Action> out = new ArrayList<>(actions.size());
        for (OFAction a : actions) {
            out.add(decode(a));
        }
        return out;
    }

    static Action decode(OFAction a) {
        return switch (a) {
            case OFActionOutput o -> new Action.Output(o.getPort().getPortNumber(), o.getMaxLen());
            case OFActionSetField s -> setField(s);
            case OFActionPushVlan p -> new Action.PushVlan(p.getEthertype().getValue());
            case OFActionPopVlan p -> new Action.PopVlan();
            case OFActionGroup g -> new Action.Group(g.getGroup().getGroupNumber());
            case OFActionDecNwTtl d -> new Action.DecNwTtl();
            case OFActionSetQueue q -> new Action.SetQueue((int) q.getQueueId());
            default -> throw OfError.BAD_ACTION_BAD_TYPE.refusal("unsupported action " + a.getType());
        };
    }

    private static Action setField(OFActionSetField s) {
        MatchEntry e;
        try {
            e = OxmCodec.decode(s.getField());
        } catch (OfRefusal r) {
            throw new OfError(2, 13).refusal("set_field: " + r.getMessage()); // BAD_ACTION/BAD_SET_TYPE
        }
        if (!e.isExact()) {
            throw OfError.BAD_ACTION_BAD_SET_ARGUMENT.refusal("set_field " + e.field() + " with a mask");
        }
        return new Action.SetField(e.field(), e.hi(), e.lo());
    }

    static List<Instruction> decodeInstructions(List<OFInstruction> instructions) {
        List<Instruction> out = new ArrayList<>(instructions.size());
        for (OFInstruction i : instructions) {
            out.add(switch (i) {
                case OFInstructionApplyActions a -> new Instruction.ApplyActions(decodeActions(a.getActions()));
                case OFInstructionWriteActions w -> new Instruction.WriteActions(decodeActions(w.getActions()));
                case OFInstructionClearActions c -> new Instruction.ClearActions();
                case OFInstructionGotoTable g -> new Instruction.GotoTable(g.getTableId().getValue());
                case OFInstructionWriteMetadata m -> new Instruction.WriteMetadata(m.getMetadata().getValue(),
                        m.getMetadataMask().getValue());
                case OFInstructionMeter m -> throw OfError.BAD_INSTRUCTION_UNSUP_INST.refusal("meters are not supported");
                default -> throw OfError.BAD_INSTRUCTION_UNKNOWN_INST.refusal("unknown instruction " + i.getType());
            });
        }
        return out;
    }

    static Bucket decodeBucket(OFBucket b) {
        return new Bucket(b.getWeight(), b.getWatchPort().getPortNumber(), b.getWatchGroup().getGroupNumber(),
                decodeActions(b.getActions()));
    }

    static List<OFAction> encodeActions(List<Action> actions, OFFactory f) {
        List<OFAction> out = new ArrayList<>(actions.size());
        for (Action a : actions) {
            out.add(encode(a, f));
        }
        return out;
    }

    static OFAction encode(Action a, OFFactory f) {
        return switch (a) {
            case Action.Output o -> f.actions().output(OFPort.of(o.port()), o.maxLen());
            case Action.SetField s -> f.actions().setField(OxmCodec.encodeOxm(
                    new MatchEntry(s.field(), s.hi(), s.value(), s.field().fullMaskHi(), s.field().fullMaskLo()), true));
            case Action.PushVlan p -> f.actions().pushVlan(EthType.of(p.ethertype()));
            case Action.PopVlan p -> f.actions().popVlan();
            case Action.Group g -> f.actions().group(OFGroup.of(g.groupId()));
            case Action.DecNwTtl d -> f.actions().decNwTtl();
            case Action.SetQueue q -> f.actions().setQueue(q.queueId() & 0xffff_ffffL);
        };
    }

    static List<OFInstruction> encodeInstructions(List<Instruction> instructions, OFFactory f) {
        List<OFInstruction> out = new ArrayList<>(instructions.size());
        for (Instruction i : instructions) {
            out.add(switch (i) {
                case Instruction.ApplyActions a -> f.instructions().applyActions(encodeActions(a.actions(), f));
                case Instruction.WriteActions w -> f.instructions().writeActions(encodeActions(w.actions(), f));
                case Instruction.ClearActions c -> f.instructions().clearActions();
                case Instruction.GotoTable g -> f.instructions().gotoTable(TableId.of(g.tableId()));
                case Instruction.WriteMetadata m -> f.instructions().writeMetadata(U64.of(m.metadata()),
                        U64.of(m.mask()));
            });
        }
        return out;
    }

    static OFBucket encodeBucket(Bucket b, OFFactory f) {
        return f.buildBucket()
                .setWeight(b.weight())
                .setWatchPort(OFPort.of(b.watchPort()))
                .setWatchGroup(OFGroup.of(b.watchGroup()))
                .setActions(encodeActions(b.actions(), f))
                .build();
    }
}
