package io.flowlb.openflow;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFHelloElem;
import org.projectfloodlight.openflow.protocol.OFHelloElemVersionbitmap;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.projectfloodlight.openflow.types.U32;

/**
 * OpenFlow version negotiation (OpenFlow 1.3.1 section 6.3.1): each side sends HELLO with its
 * highest version and, from 1.3 on, a version bitmap; both use the highest version in common.
 *
 * <p>Thread safety: stateless.
 */
public final class OfVersions {

    private OfVersions() {
    }

    /** The HELLO to send: the highest supported version in the header, the bitmap when it has one. */
    public static OFHello hello(Set<OFVersion> supported, long xid) {
        OFVersion highest = highest(supported);
        OFFactory f = OFFactories.getFactory(highest);
        OFHello.Builder b = f.buildHello().setXid(xid);
        if (highest.compareTo(OFVersion.OF_13) >= 0) {
            long bitmap = 0;
            for (OFVersion v : supported) {
                bitmap |= 1L << v.getWireVersion();
            }
            List<OFHelloElem> elems = new ArrayList<>();
            elems.add(f.buildHelloElemVersionbitmap().setBitmaps(List.of(U32.of(bitmap))).build());
            b.setElements(elems);
        }
        return b.build();
    }

    /**
     * The version both sides will speak after receiving {@code peer}'s HELLO, or null when there
     * is none in common (the caller then sends HELLO_FAILED/INCOMPATIBLE and closes).
     */
    public static OFVersion negotiate(OFHello peer, Set<OFVersion> supported) {
        long peerBitmap = bitmapOf(peer);
        if (peerBitmap != 0) {
            OFVersion best = null;
            for (OFVersion v : supported) {
                if ((peerBitmap & (1L << v.getWireVersion())) != 0 && (best == null || v.compareTo(best) > 0)) {
                    best = v;
                }
            }
            return best;
        }
        OFVersion peerVersion = peer.getVersion();
        OFVersion best = null;
        for (OFVersion v : supported) {
            if (v.compareTo(peerVersion) <= 0 && (best == null || v.compareTo(best) > 0)) {
                best = v;
            }
        }
        // Without a bitmap the common version is min(ours, theirs), and it must be one we speak.
        OFVersion ours = highest(supported);
        OFVersion common = peerVersion.compareTo(ours) < 0 ? peerVersion : ours;
        return best != null && best == common ? best : null;
    }

    /** The highest version of a non-empty set. */
    public static OFVersion highest(Set<OFVersion> supported) {
        OFVersion best = null;
        for (OFVersion v : supported) {
            if (best == null || v.compareTo(best) > 0) {
                best = v;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no OpenFlow version configured");
        }
        return best;
    }

    /** Parses "1.0,1.3" style lists (also "OF13", "OpenFlow13"). */
    public static Set<OFVersion> parse(String list) {
        Set<OFVersion> out = EnumSet.noneOf(OFVersion.class);
        for (String raw : list.split(",")) {
            String s = raw.trim().toLowerCase().replace("openflow", "").replace("of", "").replace(".", "").replace("_", "");
            switch (s) {
                case "10" -> out.add(OFVersion.OF_10);
                case "11" -> out.add(OFVersion.OF_11);
                case "12" -> out.add(OFVersion.OF_12);
                case "13" -> out.add(OFVersion.OF_13);
                case "14" -> out.add(OFVersion.OF_14);
                case "15" -> out.add(OFVersion.OF_15);
                default -> throw new IllegalArgumentException("unknown OpenFlow version '" + raw.trim()
                        + "' (expected 1.0, 1.3, 1.4 or 1.5)");
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no OpenFlow version given");
        }
        return out;
    }

    private static long bitmapOf(OFHello hello) {
        if (hello.getVersion().compareTo(OFVersion.OF_13) < 0) {
            return 0;
        }
        for (OFHelloElem e : hello.getElements()) {
            if (e instanceof OFHelloElemVersionbitmap vb && !vb.getBitmaps().isEmpty()) {
                return vb.getBitmaps().get(0).getValue();
            }
        }
        return 0;
    }
}
