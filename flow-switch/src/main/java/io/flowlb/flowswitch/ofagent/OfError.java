package io.flowlb.flowswitch.ofagent;

import io.flowlb.flowswitch.datapath.spec.DatapathError;
import io.flowlb.openflow.MalformedMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.projectfloodlight.openflow.exceptions.OFParseError;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * An OpenFlow error type and code ({@code ofp_error_msg}) that the agent answers a request with.
 * Built from wire numbers so that every code of every type is reachable with one code path; the
 * datapath reports its refusals as {@link DatapathError}, which carries the same numbers.
 *
 * @param type the {@code ofp_error_type}
 * @param code the code within that type
 *
 * <p>Thread safety: immutable.
 */
public record OfError(int type, int code) {
    public static final OfError BAD_REQUEST_BAD_TYPE = new OfError(1, 1);
    public static final OfError BAD_REQUEST_BAD_MULTIPART = new OfError(1, 2);
    public static final OfError BAD_REQUEST_BAD_EXPERIMENTER = new OfError(1, 3);
    public static final OfError BAD_REQUEST_BAD_EXPERIMENTER_TYPE = new OfError(1, 4);
    public static final OfError BAD_REQUEST_EPERM = new OfError(1, 5);
    public static final OfError BAD_REQUEST_BUFFER_UNKNOWN = new OfError(1, 8);
    public static final OfError BAD_REQUEST_IS_SLAVE = new OfError(1, 10);
    public static final OfError BAD_REQUEST_BAD_PORT = new OfError(1, 11);
    public static final OfError BAD_ACTION_BAD_TYPE = new OfError(2, 0);
    public static final OfError BAD_ACTION_BAD_ARGUMENT = new OfError(2, 5);
    public static final OfError BAD_ACTION_BAD_OUT_PORT = new OfError(2, 4);
    public static final OfError BAD_ACTION_BAD_SET_ARGUMENT = new OfError(2, 15);
    public static final OfError BAD_INSTRUCTION_UNKNOWN_INST = new OfError(3, 0);
    public static final OfError BAD_INSTRUCTION_UNSUP_INST = new OfError(3, 1);
    public static final OfError BAD_MATCH_BAD_TYPE = new OfError(4, 0);
    public static final OfError BAD_MATCH_BAD_LEN = new OfError(4, 1);
    public static final OfError BAD_MATCH_BAD_FIELD = new OfError(4, 6);
    public static final OfError FLOW_MOD_FAILED_BAD_COMMAND = new OfError(5, 6);
    public static final OfError GROUP_MOD_FAILED_BAD_TYPE = new OfError(6, 10);
    public static final OfError GROUP_MOD_FAILED_BAD_COMMAND = new OfError(6, 11);
    public static final OfError METER_MOD_FAILED_OUT_OF_METERS = new OfError(12, 10);
    public static final OfError ROLE_REQUEST_FAILED_STALE = new OfError(11, 0);
    public static final OfError ROLE_REQUEST_FAILED_BAD_ROLE = new OfError(11, 2);

    private static final int ERROR_TYPE_HEADER_BYTES = 12;

    /** The same numbers as a datapath refusal. */
    public static OfError of(DatapathError e) {
        return new OfError(e.ofType(), e.ofCode());
    }

    /**
     * The ERROR message of {@code version} with this type and code, carrying {@code data} (the
     * first bytes of the offending request, at most {@link MalformedMessage#ERROR_DATA_BYTES}).
     */
    public OFErrorMsg toMessage(OFVersion version, long xid, byte[] data) {
        int n = Math.min(data.length, MalformedMessage.ERROR_DATA_BYTES);
        ByteBuf buf = Unpooled.buffer(ERROR_TYPE_HEADER_BYTES + n);
        try {
            buf.writeByte(version.getWireVersion());
            buf.writeByte(1); // OFPT_ERROR in every version
            buf.writeShort(ERROR_TYPE_HEADER_BYTES + n);
            buf.writeInt((int) xid);
            buf.writeShort(type);
            buf.writeShort(code);
            buf.writeBytes(data, 0, n);
            return (OFErrorMsg) OFFactories.getFactory(version).getReader().readFrom(buf);
        } catch (OFParseError | RuntimeException e) {
            throw new IllegalArgumentException("no OpenFlow " + version + " error type " + type + " code " + code, e);
        } finally {
            buf.release();
        }
    }

    /** The exception that carries this error out of a translation. */
    public OfRefusal refusal(String why) {
        return new OfRefusal(this, why);
    }

    @Override
    public String toString() {
        return "error type " + type + " code " + code;
    }
}
