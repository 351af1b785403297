package io.flowlb.flowswitch.datapath;

/**
 * Everything a poller needs to forward a frame, frozen: the flows by slot, one classifier per
 * table, the groups by slot, and the ports. The control thread builds a new snapshot beside
 * the active one for every change and publishes it with one release store; a poller loads it
 * once per burst (the double-buffered configuration table of the design).
 *
 * <p>The {@link #generation} changes with every publication; the pollers' microflow caches
 * drop entries of older generations.
 *
 * <p>Thread safety: immutable.
 */
final class Snapshot {
    final long generation;
    /** The flows by slot, in chunks ({@link FlowSlots}); read with {@link #flow}. */
    final CompiledFlow[][] flows;
    final Classifier[] tables;
    final CompiledGroup[] groups;
    /** Physical ports by port number (null where there is none). */
    final PortInfo[] portsByNo;
    /** The live physical ports in port-number order (FLOOD and ALL walk this). */
    final PortInfo[] ports;
    /** Subtables (distinct masks) over all tables: what a full walk of the tables costs at most. */
    final int subtables;

    Snapshot(long generation, CompiledFlow[][] flows, Classifier[] tables, CompiledGroup[] groups,
            PortInfo[] portsByNo, PortInfo[] ports) {
        this.generation = generation;
        this.flows = flows;
        this.tables = tables;
        this.groups = groups;
        this.portsByNo = portsByNo;
        this.ports = ports;
        int n = 0;
        for (Classifier c : tables) {
            n += c.subtableCount();
        }
        this.subtables = n;
    }

    /** The flow of a counter slot (a slot a cached hit names is always set in its snapshot). */
    CompiledFlow flow(int slot) {
        return flows[slot >>> FlowSlots.CHUNK_BITS][slot & (FlowSlots.CHUNK - 1)];
    }

    /** The port with this number, or null (application and reserved numbers give null). */
    PortInfo port(int portNo) {
        return portNo > 0 && portNo < portsByNo.length ? portsByNo[portNo] : null;
    }
}
