package io.flowlb.flowswitch.datapath;

import java.util.Arrays;

/**
 * Key words (a mask, or a masked value) as a hash-map key of the control side: equal when the
 * words are.
 *
 * <p>Thread safety: immutable as long as nobody changes the array (callers hand over arrays they
 * no longer write).
 */
record WordsKey(long[] words) {
    @Override
    public boolean equals(Object o) {
        return o instanceof WordsKey k && Arrays.equals(words, k.words);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words);
    }
}
