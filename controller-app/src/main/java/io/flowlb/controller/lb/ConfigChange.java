package io.flowlb.controller.lb;

import io.flowlb.loadbalancer.model.LbConfig;

/**
 * One change to the configuration, as a function of the configuration it applies to: it returns
 * the next configuration and the value the caller receives, or throws a model exception to reject
 * the change. It runs on the control thread, so it sees every earlier change and no later one.
 * It must not block or keep references to the configurations it is given.
 *
 * <p>Thread safety: runs on {@code lb-control} only; {@link Result} is immutable.
 */
@FunctionalInterface
public interface ConfigChange<T> {

    Result<T> apply(LbConfig current);

    /** The configuration after the change and the caller's value. */
    record Result<T>(LbConfig next, T value) {
        public Result {
            if (next == null) {
                throw new IllegalArgumentException("a change must produce a configuration");
            }
        }
    }

    static <T> Result<T> result(LbConfig next, T value) {
        return new Result<>(next, value);
    }
}
