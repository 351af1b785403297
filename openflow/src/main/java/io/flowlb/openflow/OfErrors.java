package io.flowlb.openflow;

import java.nio.charset.StandardCharsets;
import org.projectfloodlight.openflow.protocol.OFBadRequestCode;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFHelloFailedCode;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.OFErrorCauseData;

/**
 * Builds the OpenFlow ERROR replies both ends send for input they cannot accept.
 *
 * <p>Thread safety: stateless.
 */
public final class OfErrors {

    private OfErrors() {
    }

    /** HELLO_FAILED/INCOMPATIBLE with a readable reason, sent before closing. */
    public static OFErrorMsg helloIncompatible(OFVersion version, long xid, String reason) {
        OFFactory f = OFFactories.getFactory(version);
        return f.errorMsgs().buildHelloFailedErrorMsg()
                .setXid(xid)
                .setCode(OFHelloFailedCode.INCOMPATIBLE)
                .setData(OFErrorCauseData.of(reason.getBytes(StandardCharsets.US_ASCII), version))
                .build();
    }

    /** The BAD_REQUEST reply for a message that framed but did not decode. */
    public static OFErrorMsg forMalformed(MalformedMessage bad) {
        OFVersion v = bad.replyVersion();
        OFBadRequestCode code = bad.knownVersion() ? OFBadRequestCode.BAD_LEN : OFBadRequestCode.BAD_VERSION;
        if (bad.knownVersion() && bad.reason().contains("Unknown value for discriminator")) {
            code = OFBadRequestCode.BAD_TYPE;
        }
        return badRequest(v, code, bad.xid(), bad.head());
    }

    /** A BAD_REQUEST with the given code, carrying the first bytes of the offending message. */
    public static OFErrorMsg badRequest(OFVersion version, OFBadRequestCode code, long xid, byte[] data) {
        OFFactory f = OFFactories.getFactory(version);
        return f.errorMsgs().buildBadRequestErrorMsg()
                .setXid(xid)
                .setCode(code)
                .setData(OFErrorCauseData.of(data, version))
                .build();
    }

    /** BAD_REQUEST/BAD_TYPE for a message type this end does not handle. */
    public static OFErrorMsg unsupported(OFMessage msg) {
        return badRequest(msg.getVersion(), OFBadRequestCode.BAD_TYPE, msg.getXid(), head(msg));
    }

    /** The first 64 bytes of a message as it would be written, for error data. */
    public static byte[] head(OFMessage msg) {
        io.netty.buffer.ByteBuf buf = io.netty.buffer.Unpooled.buffer();
        try {
            msg.writeTo(buf);
            byte[] out = new byte[Math.min(buf.readableBytes(), MalformedMessage.ERROR_DATA_BYTES)];
            buf.getBytes(0, out);
            return out;
        } finally {
            buf.release();
        }
    }
}
