package io.flowlb.loadbalancer.table;

import io.flowlb.loadbalancer.packet.FlowKey;

/**
 * The connection table of the load balancer: which backend each live connection was given, so
 * that every later packet of it goes to the same backend whatever happens to weights and
 * membership.
 *
 * <p>Design. A fixed number of 64-byte slots, chosen at construction and never grown, held
 * off-heap in one {@code java.lang.foreign} segment ({@link ConnectionSlots}) rather than in heap
 * arrays: the memory is allocated and zeroed once (on 2 MB huge pages when large, see
 * {@link SlotMemory}), one slot is one aligned cache line, and the garbage collector never scans,
 * copies or sizes it. A 10-million-entry table takes 853,333,376 bytes (0.795 GiB, 85.3 B per
 * entry; {@code ConnectionTableMemoryBenchmark} measures it under a 64 MB heap). Open addressing with linear probing: a key is looked for from its home slot
 * onwards, one cache line per slot, until it or a free slot is found. Deletion shifts the rest of
 * the cluster back (no tombstones), so probe lengths depend only on the current load, never on
 * history, which matters for a table that churns forever. The number of entries is capped at 3/4
 * of the slots ({@link #slotsFor}), which keeps the average miss to a few slots.
 *
 * <p>Key: the {@link FlowKey} 5-tuple plus an int zone (the service or group id), so the same tuple
 * towards two services is two connections. The home slot comes from a seeded hash; give each
 * table a secret seed so an attacker cannot aim tuples at one cluster. Value: a stable
 * {@code long backendKey} (never an index, which changes with the backend set), a
 * {@link ConnState}, and the time last seen. There is no separate NAT rewrite field: the forward
 * rewrite comes from the backend, the reverse one from the forward key (client and VIP), which
 * {@link #copyKey} returns.
 *
 * <p>NAT reply direction: {@link #insertPair} also records the reply tuple (backend to client)
 * in a second slot that points to the first, as conntrack does; {@link #lookup} of either key finds
 * the connection ({@link #isReply}, {@link #primary}), and removal or expiry removes both. Reply
 * tuples normally live in {@link #REPLY_ZONE}, because a reply does not say which service it
 * answers.
 *
 * <p>Bounds. An insert beyond the maximum first tries to evict, among the few slots around the new
 * key's home, an entry that is already idle past its timeout or only half-open (the entries a SYN
 * flood makes; an established connection is never evicted, and a genuine half-open one that loses
 * its entry is re-adopted by consistent hashing on its next packet); failing that it is refused
 * and counted ({@link ConnectionCounters#tableFull}). Memory never grows.
 *
 * <p>Per-packet path. The selector calls {@link #lookupConnection}, which probes once (one read
 * of the slot's tail per slot visited, five of the key words for a candidate) and keeps the
 * primary slot and tail it found, so that {@link #foundBackendKey}, {@link #foundState} and
 * {@link #updateFound} cost one read and one or two writes in all. A miss is remembered with the
 * free slot that ended it ({@link LastMiss}): the {@link #insert} or {@link #insertPair} of that
 * key that follows, with no change to the table in between, neither hashes nor probes it again.
 *
 * <p>Slot handles returned by lookups and inserts are valid until the next insert, removal or
 * expiry on this table (entries move when another is deleted).
 *
 * <p>Time: every method that needs time takes {@code now} in nanoseconds from the caller's clock
 * (a poller's cached {@code System.nanoTime()}, a manual clock in tests); the table never reads a
 * clock itself. Differences are taken with subtraction, so the clock may wrap.
 *
 * <p>Thread safety: single writer. One thread owns a table (each switch poller owns its own) and
 * is the only one to call the mutating and lookup methods. Other threads may read the counters
 * (published with opaque stores) and sample entries with {@link #sample}/{@link #forEach}, which
 * tolerate concurrent change (values may be inconsistent, nothing throws). {@link #close} frees
 * the memory and must come after every user has stopped.
 */
public final class ConnectionTable implements AutoCloseable {
    /** Returned by lookups and inserts when there is no (or no new) entry. */
    public static final int NOT_FOUND = -1;
    /** Zone for reply-direction keys: 0xffffffff, which is OFPG_ANY and no real group or service. */
    public static final int REPLY_ZONE = -1;
    /** The largest table: its slots must fit in an int. */
    public static final int MAX_ENTRIES = 1 << 30;
    /** How many slots around a key's home an insert into a full table looks at for a victim. */
    static final int EVICTION_WINDOW = 16;

    private final ConnectionSlots s;
    private final int maxEntries;
    private final long[] secret;
    private final long[] timeoutByState;
    private final ConnectionCounters counters = new ConnectionCounters();
    private final FlowKey scratch = new FlowKey();
    private int size;
    private int connections;
    private int sweepCursor;
    /** The tail ({@link ConnectionSlots#tail}) of the slot the last successful {@link #probe} found. */
    private long foundTail;
    /** The primary slot the last {@link #lookupConnection} found, and its tail as read then. */
    private int found = NOT_FOUND;
    private long foundPrimaryTail;
    /** Insertions and removals so far: the stamp that tells whether {@link #lastMiss} still holds. */
    private long modifications;
    private final LastMiss lastMiss = new LastMiss();

    /**
     * @param maxEntries the most entries (a NAT connection takes two) the table will hold
     * @param timeouts   idle timeouts per state
     * @param seed       hash seed; use a random one per table in production
     */
    public ConnectionTable(int maxEntries, Timeouts timeouts, long seed) {
        this.s = new ConnectionSlots(slotsFor(maxEntries));
        this.maxEntries = maxEntries;
        this.secret = ConnectionSlots.secrets(seed);
        this.timeoutByState = timeouts.nanosByState();
    }

    /** The number of slots a table of {@code maxEntries} allocates: at most 3/4 of them are used. */
    public static int slotsFor(int maxEntries) {
        if (maxEntries < 1 || maxEntries > MAX_ENTRIES) {
            throw new IllegalArgumentException("connection table size must be 1.." + MAX_ENTRIES + ", got " + maxEntries);
        }
        return (int) Math.max(((long) maxEntries * 4 + 2) / 3, maxEntries + 1L);
    }

    /** The off-heap bytes a table of {@code maxEntries} allocates. */
    public static long bytesFor(int maxEntries) {
        return (long) slotsFor(maxEntries) * ConnectionSlots.SLOT_BYTES;
    }

    private long hash(FlowKey k, int zone) {
        return ConnectionSlots.hash(k, zone, secret);
    }

    /** The slot holding {@code k} in {@code zone}, or the complement ({@code ~slot}) of the free slot that ends its probe. */
    private int probe(FlowKey k, int zone, long h) {
        long portsZone = ConnectionSlots.portsZone(k, zone);
        int protocol = k.protocol & 0xff;
        int i = s.home(h);
        while (true) {
            long tail = s.tail(i);
            if (ConnectionSlots.flagsOf(tail) == 0) {
                return ~i;
            }
            if (ConnectionSlots.protocolOf(tail) == protocol && s.matches(i, k, portsZone)) {
                foundTail = tail;
                return i;
            }
            i = s.next(i);
        }
    }

    /** The home slot of a key (tests use it to build collisions and wrap-around). */
    int home(FlowKey key, int zone) {
        return s.home(hash(key, zone));
    }

    /** Finds a connection by either of its keys and marks it seen at {@code now}; returns its slot or {@link #NOT_FOUND}. */
    public int lookup(FlowKey key, int zone, long now) {
        int i = countedProbe(key, zone);
        if (i < 0) {
            return NOT_FOUND;
        }
        s.lastSeen(primaryOfFound(i), now);
        return i;
    }

    /**
     * The per-packet lookup of the selector: finds a connection by either of its keys and returns
     * its forward (primary) slot, or {@link #NOT_FOUND}. Counts a hit or a miss as {@link #lookup}
     * does, but does not mark the connection seen: {@link #updateState} does that once the caller
     * has decided where the packet goes. A miss is remembered, so that inserting that key next
     * costs no second probe.
     */
    public int lookupConnection(FlowKey key, int zone) {
        int i = countedProbe(key, zone);
        if (i < 0) {
            return found = NOT_FOUND;
        }
        int p = primaryOfFound(i);
        foundPrimaryTail = p == i ? foundTail : s.tail(p);
        return found = p;
    }

    /**
     * The backend key of the connection the last {@link #lookupConnection} found (call right after
     * it, before any other call on this table): one read, the slot's flags being known already.
     */
    public long foundBackendKey() {
        return s.backendKey(found);
    }

    /**
     * The backend index recorded with the connection the last {@link #lookupConnection} found, as
     * read then (no memory access): a hint, right while the service's backend set is the one it
     * was recorded with; 255 when none was recorded. Check it against {@link #foundBackendKey}.
     */
    public int foundBackendHint() {
        return ConnectionSlots.hintOf(foundPrimaryTail);
    }

    /** Records {@code backendIndex} as the hint of the connection the last {@link #lookupConnection} found. */
    public void hintFound(int backendIndex) {
        s.hint(found, ConnectionSlots.hintFor(backendIndex));
    }

    /** The state of the connection the last {@link #lookupConnection} found, as read then (no memory access). */
    public int foundState() {
        return ConnectionSlots.stateOf(foundPrimaryTail);
    }

    /**
     * {@link #updateState} for the connection the last {@link #lookupConnection} found (right after
     * it): the state is known already, so this is one write of the time, and one of the state when
     * the packet changes it.
     */
    public void updateFound(int tcpFlags, long now) {
        int state = ConnectionSlots.stateOf(foundPrimaryTail);
        int next = ConnState.next(state, tcpFlags);
        if (next != state) {
            s.state(found, next);
        }
        s.lastSeen(found, now);
    }

    private int countedProbe(FlowKey key, int zone) {
        long h = hash(key, zone);
        int i = probe(key, zone, h);
        if (i < 0) {
            lastMiss.remember(key, zone, h, ~i, modifications);
            counters.increment(ConnectionCounters.MISSES);
            return i;
        }
        counters.increment(ConnectionCounters.HITS);
        return i;
    }

    /** The primary slot of the slot the last probe found, from the tail it read. */
    private int primaryOfFound(int i) {
        long tail = foundTail;
        return (ConnectionSlots.flagsOf(tail) & ConnectionSlots.REPLY) != 0 ? ConnectionSlots.peerOf(tail) : i;
    }

    /** Like {@link #lookup} but changes nothing and counts nothing (control and tests). */
    public int find(FlowKey key, int zone) {
        int i = probe(key, zone, hash(key, zone));
        return i < 0 ? NOT_FOUND : i;
    }

    /**
     * Records a connection (or rebinds an existing one) to {@code backendKey}, its state derived
     * from the protocol and {@code tcpFlags}. Returns its slot, or {@link #NOT_FOUND} when the table
     * is full (counted in {@link ConnectionCounters#tableFull}) or the key is already the reply key of another
     * connection (counted in {@link ConnectionCounters#pairCollisions}).
     */
    public int insert(FlowKey key, int zone, long backendKey, int tcpFlags, long now) {
        return insert(key, zone, backendKey, -1, tcpFlags, now);
    }

    /**
     * {@link #insert(FlowKey, int, long, int, long)} that also records the backend's index in its
     * service ({@code backendIndex}, -1 if unknown) as the entry's hint ({@link #foundBackendHint}).
     */
    public int insert(FlowKey key, int zone, long backendKey, int backendIndex, int tcpFlags, long now) {
        int hint = ConnectionSlots.hintFor(backendIndex);
        boolean missed = lastMiss.isFor(key, zone, modifications);
        long h = missed ? lastMiss.hash : hash(key, zone);
        int i = missed ? ~lastMiss.free : probe(key, zone, h);
        if (i >= 0) {
            return rebindExisting(i, key.protocol, backendKey, hint, tcpFlags, now);
        }
        long before = modifications;
        if (!makeRoom(1, s.home(h), s.home(h), now)) {
            return NOT_FOUND;
        }
        if (modifications != before) {
            i = probe(key, zone, h); // an eviction may have moved entries
        }
        return place(~i, key, zone, backendKey, hint, ConnState.initial(key.protocol, tcpFlags), ConnectionSlots.USED,
                NOT_FOUND, now);
    }

    /**
     * Records a NAT connection under its forward key and its reply key (the tuple the backend's
     * answers carry). Any previous entry of the forward key is replaced. Returns the forward slot,
     * or {@link #NOT_FOUND} when the table is full. When the reply key is already taken by another
     * connection, only the forward key is recorded and {@link ConnectionCounters#pairCollisions} counts it.
     */
    public int insertPair(FlowKey fwd, int zone, FlowKey reply, int replyZone, long backendKey, int tcpFlags, long now) {
        return insertPair(fwd, zone, reply, replyZone, backendKey, -1, tcpFlags, now);
    }

    /** {@link #insertPair(FlowKey, int, FlowKey, int, long, int, long)} with the backend's index as hint (see {@link #insert}). */
    public int insertPair(FlowKey fwd, int zone, FlowKey reply, int replyZone, long backendKey, int backendIndex,
                          int tcpFlags, long now) {
        boolean missed = lastMiss.isFor(fwd, zone, modifications);
        long hf = missed ? lastMiss.hash : hash(fwd, zone);
        int f = missed ? ~lastMiss.free : probe(fwd, zone, hf);
        if (f >= 0) {
            if (s.isReply(f)) {
                counters.increment(ConnectionCounters.PAIR_COLLISIONS);
                return NOT_FOUND;
            }
            removeEntry(f);
        }
        long hr = hash(reply, replyZone);
        int r = probe(reply, replyZone, hr);
        if (r >= 0 || (replyZone == zone && reply.sameTuple(fwd))) {
            counters.increment(ConnectionCounters.PAIR_COLLISIONS);
            return insert(fwd, zone, backendKey, backendIndex, tcpFlags, now);
        }
        long before = modifications;
        if (!makeRoom(2, s.home(hf), s.home(hr), now)) {
            return NOT_FOUND;
        }
        if (f >= 0 || modifications != before) {
            // A removal or an eviction above may have moved entries: probe again (cache-hot now).
            f = probe(fwd, zone, hf);
            r = probe(reply, replyZone, hr);
        }
        f = ~f;
        r = ~r;
        if (r == f) {
            // Both probes ended on the same free slot: the reply key goes to the next free one, which
            // is where its probe continues once the forward key fills that slot.
            r = nextFree(f);
        }
        int state = ConnState.initial(fwd.protocol, tcpFlags);
        int hint = ConnectionSlots.hintFor(backendIndex);
        place(f, fwd, zone, backendKey, hint, state, ConnectionSlots.USED, r, now);
        place(r, reply, replyZone, backendKey, hint, state, (byte) (ConnectionSlots.USED | ConnectionSlots.REPLY), f, now);
        return f;
    }

    private int nextFree(int i) {
        int j = s.next(i);
        while (s.used(j)) {
            j = s.next(j);
        }
        return j;
    }

    private int rebindExisting(int i, int protocol, long backendKey, int hint, int tcpFlags, long now) {
        if (s.isReply(i)) {
            counters.increment(ConnectionCounters.PAIR_COLLISIONS);
            return NOT_FOUND;
        }
        rebind(i, backendKey);
        s.hint(i, hint);
        s.state(i, ConnState.initial(protocol, tcpFlags));
        s.lastSeen(i, now);
        return i;
    }

    private int place(int i, FlowKey k, int zone, long backendKey, int hint, int state, byte flags, int peer, long now) {
        s.write(i, k, zone, backendKey, hint, state, flags, peer, now);
        modifications++;
        size++;
        counters.set(ConnectionCounters.SIZE, size);
        if ((flags & ConnectionSlots.REPLY) == 0) {
            counters.set(ConnectionCounters.CONNECTIONS, ++connections);
        }
        counters.increment(ConnectionCounters.INSERTS);
        return i;
    }

    /** Ensures room for {@code need} more entries, evicting near the given homes if the table is full. */
    private boolean makeRoom(int need, int homeA, int homeB, long now) {
        while (size + need > maxEntries) {
            if (!evictNear(homeA, now) && !evictNear(homeB, now)) {
                counters.increment(ConnectionCounters.TABLE_FULL);
                return false;
            }
        }
        return true;
    }

    private boolean evictNear(int home, long now) {
        int j = home;
        for (int n = 0; n < EVICTION_WINDOW; n++, j = s.next(j)) {
            if (!s.used(j)) {
                continue;
            }
            int p = primary(j);
            if (s.state(p) == ConnState.SYN_SEEN || expired(p, now)) {
                removeEntry(p);
                counters.increment(ConnectionCounters.EVICTIONS);
                return true;
            }
        }
        return false;
    }

    /** Applies the TCP progression for a packet with {@code tcpFlags} and marks the connection seen. */
    public void updateState(int slot, int tcpFlags, long now) {
        long tail = s.tail(slot);
        int p = slot;
        if ((ConnectionSlots.flagsOf(tail) & ConnectionSlots.REPLY) != 0) {
            p = ConnectionSlots.peerOf(tail);
            tail = s.tail(p);
        }
        int state = ConnectionSlots.stateOf(tail);
        int next = ConnState.next(state, tcpFlags);
        if (next != state) {
            s.state(p, next);
        }
        s.lastSeen(p, now);
    }

    /** Points the connection at another backend (re-selection after its backend went away). */
    public void rebind(int slot, long backendKey) {
        int p = primary(slot);
        s.backendKey(p, backendKey);
        int r = s.peer(p);
        if (r >= 0) {
            s.backendKey(r, backendKey);
        }
    }

    /** Removes the connection in {@code slot}, both of its keys if it has two. */
    public void remove(int slot) {
        removeEntry(primary(slot));
        counters.increment(ConnectionCounters.REMOVED);
    }

    /** Removes the connection found under {@code key}; returns whether there was one. */
    public boolean remove(FlowKey key, int zone) {
        int i = find(key, zone);
        if (i < 0) {
            return false;
        }
        remove(i);
        return true;
    }

    private void removeEntry(int p) {
        int r = s.peer(p);
        if (r >= 0) {
            // The reply was inserted after its primary, and backward-shift deletion leaves the table
            // as if the deleted key had never been inserted (Knuth's Algorithm R), so deleting the
            // reply first never moves the primary.
            deleteAt(r);
        }
        deleteAt(p);
    }

    /** Backward-shift deletion: pulls each later entry of the cluster into the hole when its probe path allows. */
    private void deleteAt(int i) {
        if (!s.isReply(i)) {
            counters.set(ConnectionCounters.CONNECTIONS, --connections);
        }
        int hole = i;
        for (int j = s.next(i); s.used(j); j = s.next(j)) {
            int zone = s.readKey(j, scratch);
            int home = s.home(hash(scratch, zone));
            if (s.distance(home, j) >= s.distance(hole, j)) {
                move(j, hole);
                hole = j;
            }
        }
        s.clear(hole);
        modifications++;
        size--;
        counters.set(ConnectionCounters.SIZE, size);
    }

    private void move(int from, int to) {
        s.copy(from, to);
        int peer = s.peer(to);
        if (peer >= 0) {
            s.peer(peer, to);
        }
        // An entry moved from at-or-after the sweep cursor to before it would escape this round.
        int d = s.distance(to, sweepCursor);
        if (d > 0 && d <= s.distance(to, from)) {
            sweepCursor = to;
        }
    }

    private boolean expired(int p, long now) {
        return now - s.lastSeen(p) > timeoutByState[s.state(p)];
    }

    /**
     * Incremental expiry: inspects at most {@code budget} slots from where the previous call
     * stopped and removes the connections idle past their state's timeout. Returns how many it
     * removed. Call it in small steps from the owning thread (housekeeping between bursts).
     */
    public int expire(long now, int budget) {
        int removed = 0;
        for (int n = 0; n < budget; n++) {
            int i = sweepCursor;
            if (s.used(i) && !s.isReply(i) && expired(i, now)) {
                removeEntry(i); // later entries may shift into i: look at it again
                removed++;
            } else {
                sweepCursor = s.next(i);
                if (sweepCursor == 0) {
                    counters.increment(ConnectionCounters.SWEEP_ROUNDS);
                }
            }
        }
        counters.add(ConnectionCounters.EXPIRED, removed);
        return removed;
    }

    public boolean isReply(int slot) {
        return s.isReply(slot);
    }

    /** The forward slot of a connection found by either key. */
    public int primary(int slot) {
        return s.isReply(slot) ? s.peer(slot) : slot;
    }

    /** The reply slot of a NAT connection, or {@link #NOT_FOUND}. */
    public int replySlot(int slot) {
        return s.peer(primary(slot));
    }

    public long backendKey(int slot) {
        return s.backendKey(primary(slot));
    }

    public int state(int slot) {
        return s.state(primary(slot));
    }

    public long lastSeen(int slot) {
        return s.lastSeen(primary(slot));
    }

    /** Copies the key stored in {@code slot} (forward or reply, as found) into {@code out}; returns its zone. */
    public int copyKey(int slot, FlowKey out) {
        return s.readKey(slot, out);
    }

    /**
     * Racy sampler for a thread that does not own the table: visits the connections (forward keys)
     * in up to {@code count} slots from {@code from}, and returns the slot to continue from (0 after
     * the last). Never throws on concurrent change; see {@link EntryVisitor} for what may be seen.
     */
    public int sample(int from, int count, FlowKey scratchKey, EntryVisitor visitor) {
        int end = (int) Math.min((long) from + Math.max(count, 0), s.slots);
        for (int i = Math.max(from, 0); i < end; i++) {
            if (s.flags(i) == ConnectionSlots.USED) {
                int zone = s.readKey(i, scratchKey);
                visitor.visit(scratchKey, zone, s.state(i), s.backendKey(i), s.lastSeen(i));
            }
        }
        return end == s.slots ? 0 : end;
    }

    /** {@link #sample} over the whole table. */
    public void forEach(FlowKey scratchKey, EntryVisitor visitor) {
        sample(0, s.slots, scratchKey, visitor);
    }

    /** Entries in use (a NAT connection takes two: its forward and its reply key). */
    public int size() {
        return (int) counters.get(ConnectionCounters.SIZE);
    }

    /** Connections recorded (forward keys). Any thread. */
    public int connections() {
        return (int) counters.get(ConnectionCounters.CONNECTIONS);
    }

    public int capacity() {
        return maxEntries;
    }

    public int slotCount() {
        return s.slots;
    }

    /** Off-heap bytes held by this table (all slots, used or not). */
    public long memoryBytes() {
        return s.byteSize();
    }

    /** The table's counters, readable from any thread. */
    public ConnectionCounters counters() {
        return counters;
    }

    @Override
    public void close() {
        s.close();
    }
}
