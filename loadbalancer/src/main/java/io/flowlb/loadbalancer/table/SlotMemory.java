package io.flowlb.loadbalancer.table;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Zeroed off-heap memory for large tables, backed by transparent huge pages where the kernel
 * offers them.
 *
 * <p>Why: a connection table of a million entries or more is read at random, one cache line per
 * packet; with 4 KB pages nearly every lookup also misses the TLB and pays a page walk that itself
 * misses the caches. 2 MB pages make the page walks of an 850 MB table fit in the TLB. Linux gives
 * them to anonymous memory marked {@code MADV_HUGEPAGE} (the usual {@code madvise} setting of
 * {@code /sys/kernel/mm/transparent_hugepage/enabled}), so large regions are mapped with
 * {@code mmap}, advised, and touched once here, at construction, so that no page fault is left for
 * the per-packet path. When that is not possible (no native access, another OS, a failed call)
 * the memory comes from {@link Arena#allocate} with 4 KB pages: slower for huge tables, otherwise
 * the same.
 *
 * <p>Thread safety: stateless; the segment belongs to the arena given.
 */
final class SlotMemory {
    /** Below this size a table fits in the TLB reach of 4 KB pages well enough. */
    static final long HUGE_PAGE_THRESHOLD = 8L << 20;
    private static final long HUGE_PAGE = 2L << 20;
    private static final int PROT_READ_WRITE = 0x3;
    private static final int MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20;
    private static final int MADV_HUGEPAGE = 14;
    private static final long PAGE = 4096;

    private SlotMemory() {
    }

    /** {@code bytes} of zeroed memory aligned to {@code alignment}, freed when {@code arena} closes. */
    static MemorySegment allocate(Arena arena, long bytes, long alignment) {
        if (bytes >= HUGE_PAGE_THRESHOLD && isLinux()) {
            try {
                MemorySegment m = mapHuge(arena, bytes);
                if (m != null) {
                    return m;
                }
            } catch (Throwable e) {
                // No native access, or no such call: use the portable path below.
            }
        }
        return arena.allocate(bytes, alignment);
    }

    private static boolean isLinux() {
        return System.getProperty("os.name", "").startsWith("Linux");
    }

    private static MemorySegment mapHuge(Arena arena, long bytes) throws Throwable {
        Linker linker = Linker.nativeLinker();
        SymbolLookup libc = linker.defaultLookup();
        MethodHandle mmap = linker.downcallHandle(libc.find("mmap").orElseThrow(),
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
        MethodHandle madvise = linker.downcallHandle(libc.find("madvise").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
        MethodHandle munmap = linker.downcallHandle(libc.find("munmap").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG));
        // Map one huge page more than needed so the table can start on a 2 MB boundary.
        long mapped = bytes + HUGE_PAGE;
        MemorySegment base = (MemorySegment) mmap.invokeExact(MemorySegment.NULL, mapped, PROT_READ_WRITE,
                MAP_PRIVATE_ANONYMOUS, -1, 0L);
        if (base.address() == -1L) {
            return null;
        }
        long start = (base.address() + HUGE_PAGE - 1) & -HUGE_PAGE;
        MemorySegment region = MemorySegment.ofAddress(start);
        // A refused hint (THP disabled) leaves valid memory with 4 KB pages: the result is not needed.
        int advised = (int) madvise.invokeExact(region, bytes, MADV_HUGEPAGE);
        MemorySegment table = region.reinterpret(bytes, arena, s -> unmap(munmap, base, mapped));
        for (long off = 0; off < bytes; off += PAGE) {
            table.set(JAVA_BYTE, off, (byte) 0); // fault every page in now, not on the packet path
        }
        return table;
    }

    private static void unmap(MethodHandle munmap, MemorySegment base, long mapped) {
        try {
            int result = (int) munmap.invokeExact(base, mapped);
        } catch (Throwable e) {
            // Nothing more can be done at close: the address space then stays reserved until exit.
        }
    }
}
