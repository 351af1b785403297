package io.flowlb.controller.openflow;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFErrorType;

/**
 * A request was answered with an OpenFlow ERROR: the future of the request completes
 * exceptionally with this. Carries the error type and code as the switch sent them.
 *
 * <p>Thread safety: immutable.
 */
public final class OfErrorException extends RuntimeException {
    private final transient OFErrorMsg error;
    private final int wireType;
    private final int wireCode;

    public OfErrorException(String switchName, OFErrorMsg error) {
        super("switch " + switchName + " answered with an error: " + error.getErrType() + " code " + codeOf(error)
                + " (" + error + ")");
        this.error = error;
        this.wireType = typeOf(error);
        this.wireCode = codeOf(error);
    }

    public OFErrorMsg error() {
        return error;
    }

    public OFErrorType errorType() {
        return error.getErrType();
    }

    /** The error type as a number (OpenFlow 1.3 table 7.4.4: 1 BAD_REQUEST, 5 FLOW_MOD_FAILED, ...). */
    public int wireType() {
        return wireType;
    }

    /** The error code within its type, as a number. */
    public int wireCode() {
        return wireCode;
    }

    private static int typeOf(OFErrorMsg e) {
        return header(e)[0];
    }

    private static int codeOf(OFErrorMsg e) {
        return header(e)[1];
    }

    private static int[] header(OFErrorMsg e) {
        ByteBuf b = Unpooled.buffer(64);
        try {
            e.writeTo(b);
            return new int[] {b.getUnsignedShort(8), b.getUnsignedShort(10)};
        } finally {
            b.release();
        }
    }
}
