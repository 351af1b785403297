package io.flowlb.controller.lb;

import io.flowlb.loadbalancer.model.LbConfig;

/**
 * Told about every accepted configuration change, after it is saved and published, on the control
 * thread ({@code lb-control}) in the order the changes were accepted: the {@code previous} of one
 * call is the {@code current} of the call before. A listener must not block (post slow work
 * elsewhere); one that throws is logged once per kind and the others are still called.
 *
 * <p>Thread safety: called only on {@code lb-control}, one call at a time.
 */
@FunctionalInterface
public interface LbConfigListener {
    void configChanged(LbConfig previous, LbConfig current, ConfigDelta delta);
}
