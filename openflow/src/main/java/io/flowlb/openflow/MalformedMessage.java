package io.flowlb.openflow;

import org.projectfloodlight.openflow.protocol.OFVersion;

/**
 * A message that could not be decoded, passed down the channel pipeline in place of an
 * {@code OFMessage}.
 *
 * @param wireVersion the version byte of the header
 * @param wireType the type byte of the header
 * @param length the length field of the header
 * @param xid the transaction id of the header (echoed in the ERROR reply)
 * @param reason why it failed, for the log line
 * @param head up to the first 64 bytes of the message (the data an OpenFlow ERROR carries)
 * @param fatal true when the stream cannot be framed any more and the session must close
 */
public record MalformedMessage(int wireVersion, int wireType, int length, long xid, String reason, byte[] head,
        boolean fatal) {

    /** The first 64 bytes, as OpenFlow specifies for the data of an error reply. */
    public static final int ERROR_DATA_BYTES = 64;

    /** The version to answer in: the header's when known, else OpenFlow 1.3. */
    public OFVersion replyVersion() {
        for (OFVersion v : OFVersion.values()) {
            if (v.getWireVersion() == wireVersion) {
                return v;
            }
        }
        return OFVersion.OF_13;
    }

    /** True when the header names a version this library knows. */
    public boolean knownVersion() {
        for (OFVersion v : OFVersion.values()) {
            if (v.getWireVersion() == wireVersion) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "MalformedMessage[version=" + wireVersion + " type=" + wireType + " length=" + length + " xid=" + xid
                + " fatal=" + fatal + " reason=" + reason + "]";
    }
}
