package io.flowlb.flowswitch.datapath.spec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The match of a flow: a set of {@link MatchEntry}s, at most one per field, in field order,
 * each normalized (value cut to its mask, wildcard entries dropped) so that two matches that
 * select the same packets by the same fields are {@code equals}.
 *
 * <p>{@link #check()} applies the OpenFlow 1.3 rules instead of silently dropping fields: a
 * field whose prerequisite is missing is {@link DatapathError#BAD_PREREQ}, a repeated field
 * {@link DatapathError#DUP_FIELD}, a mask on a field that takes none
 * {@link DatapathError#BAD_MASK}, a value wider than its field {@link DatapathError#BAD_VALUE}.
 *
 * <p>Thread safety: immutable.
 */
public final class Match {
    /** The empty match: every packet (the table-miss flow's match). */
    public static final Match ALL = new Match(new MatchEntry[0], DatapathError.NONE);

    private final MatchEntry[] entries;
    private final DatapathError error;

    private Match(MatchEntry[] entries, DatapathError error) {
        this.entries = entries;
        this.error = error;
    }

    public static Match of(MatchEntry... entries) {
        return of(Arrays.asList(entries));
    }

    public static Match of(List<MatchEntry> entries) {
        DatapathError error = DatapathError.NONE;
        List<MatchEntry> kept = new ArrayList<>(entries.size());
        boolean[] seen = new boolean[MatchField.values().length];
        for (MatchEntry e : entries) {
            if (seen[e.field().ordinal()]) {
                error = firstError(error, DatapathError.DUP_FIELD);
                continue;
            }
            seen[e.field().ordinal()] = true;
            if (e.exceedsWidth()) {
                error = firstError(error, DatapathError.BAD_VALUE);
            } else if (!e.field().maskable() && !e.isExact() && !e.isWildcard()) {
                error = firstError(error, DatapathError.BAD_MASK);
            }
            if (!e.isWildcard()) {
                kept.add(e.normalized());
            }
        }
        kept.sort(Comparator.comparingInt(e -> e.field().ordinal()));
        Match m = new Match(kept.toArray(new MatchEntry[0]), error);
        return error == DatapathError.NONE ? new Match(m.entries, m.checkPrerequisites()) : m;
    }

    private static DatapathError firstError(DatapathError current, DatapathError next) {
        return current == DatapathError.NONE ? next : current;
    }

    /** {@link DatapathError#NONE} when the match is valid, else the OpenFlow error to send. */
    public DatapathError check() {
        return error;
    }

    public List<MatchEntry> entries() {
        return List.of(entries);
    }

    /** The entry for {@code field}, or null when the field is wildcarded. */
    public MatchEntry get(MatchField field) {
        for (MatchEntry e : entries) {
            if (e.field() == field) {
                return e;
            }
        }
        return null;
    }

    /** The exact value of a narrow field, or {@code -1} when it is absent or masked. */
    public long exactValue(MatchField field) {
        MatchEntry e = get(field);
        return e != null && e.isExact() ? e.lo() : -1;
    }

    public boolean isEmpty() {
        return entries.length == 0;
    }

    private DatapathError checkPrerequisites() {
        for (MatchEntry e : entries) {
            if (!prerequisiteMet(e.field())) {
                return DatapathError.BAD_PREREQ;
            }
        }
        return DatapathError.NONE;
    }

    /** Whether this match pins the fields that {@code field} needs (recursively). */
    public boolean prerequisiteMet(MatchField field) {
        MatchField pre = field.prerequisite();
        if (pre == null) {
            return true;
        }
        long v = exactValue(pre);
        if (pre == MatchField.VLAN_VID) {
            MatchEntry vid = get(MatchField.VLAN_VID);
            return vid != null && (vid.maskLo() & MatchField.VLAN_PRESENT) != 0
                    && (vid.lo() & MatchField.VLAN_PRESENT) != 0;
        }
        boolean allowed = false;
        for (long a : field.prerequisiteValues()) {
            allowed |= v == a;
        }
        if (!allowed || !prerequisiteMet(pre)) {
            return false;
        }
        int eth = field.impliedEthType();
        return eth < 0 || exactValue(MatchField.ETH_TYPE) == eth;
    }

    /**
     * True when every packet this match accepts is also accepted by {@code general}: the test
     * of non-strict MODIFY and DELETE and of flow statistics requests.
     */
    public boolean isCoveredBy(Match general) {
        for (MatchEntry g : general.entries) {
            MatchEntry mine = get(g.field());
            if (mine == null) {
                return false;
            }
            boolean maskWithin = (g.maskHi() & ~mine.maskHi()) == 0 && (g.maskLo() & ~mine.maskLo()) == 0;
            if (!maskWithin || !g.accepts(mine.hi(), mine.lo())) {
                return false;
            }
        }
        return true;
    }

    /** True when some packet could match both (the CHECK_OVERLAP test for equal priorities). */
    public boolean overlaps(Match other) {
        for (MatchEntry a : entries) {
            MatchEntry b = other.get(a.field());
            if (b == null) {
                continue;
            }
            long commonHi = a.maskHi() & b.maskHi();
            long commonLo = a.maskLo() & b.maskLo();
            if (((a.hi() ^ b.hi()) & commonHi) != 0 || ((a.lo() ^ b.lo()) & commonLo) != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Match m && Arrays.equals(entries, m.entries);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(entries);
    }

    @Override
    public String toString() {
        if (entries.length == 0) {
            return "any";
        }
        StringBuilder sb = new StringBuilder();
        for (MatchEntry e : entries) {
            sb.append(sb.isEmpty() ? "" : ",").append(e);
        }
        return sb.toString();
    }
}
