package io.flowlb.controller.rest.api;

import io.flowlb.loadbalancer.model.MemberId;
import java.time.Instant;
import java.util.List;

/**
 * The answer to an accepted agent report (202): the members it was stored for, when, and whether
 * it was older than the report already kept (then it was not stored).
 *
 * <p>Thread safety: immutable.
 */
public record AgentAccepted(List<MemberId> memberIds, Instant receivedAt, boolean stale) {
}
