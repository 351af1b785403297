package io.flowlb.controller.topology;

/**
 * A directed link between two switch ports, as LLDP discovered it: a frame sent out of
 * {@code src} arrived on {@code dst}. A cable usually shows up as two links, one each way.
 *
 * <p>Thread safety: immutable.
 */
public record Link(ConnectPoint src, ConnectPoint dst) implements Comparable<Link> {

    public Link reverse() {
        return new Link(dst, src);
    }

    public boolean touches(ConnectPoint cp) {
        return src.equals(cp) || dst.equals(cp);
    }

    @Override
    public int compareTo(Link o) {
        int c = src.compareTo(o.src);
        return c != 0 ? c : dst.compareTo(o.dst);
    }

    @Override
    public String toString() {
        return src + " -> " + dst;
    }
}
