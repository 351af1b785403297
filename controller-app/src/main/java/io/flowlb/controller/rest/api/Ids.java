package io.flowlb.controller.rest.api;

import java.util.Map;
import java.util.function.Function;

/**
 * Ids the server gives objects created without one: the smallest positive integer not in use,
 * so that ids stay short and predictable ({@code 1}, {@code 2}...). Call it on the control thread
 * with the configuration the object is added to, so no concurrent request can take the same id.
 *
 * <p>Thread safety: stateless.
 */
public final class Ids {
    private Ids() {
    }

    public static <K> K smallestFree(Map<K, ?> taken, Function<String, K> make) {
        for (long n = 1; ; n++) {
            K candidate = make.apply(Long.toString(n));
            if (!taken.containsKey(candidate)) {
                return candidate;
            }
        }
    }
}
