/**
 * An open-loop, fixed-rate HTTP/1.1 load generator ({@link io.flowlb.bench.http.OpenLoopHttp}),
 * in the manner of wrk2: requests are due at a constant rate whatever the server does, and each
 * request's latency runs from the moment it was due to be sent to the last byte of its response.
 * A closed-loop generator (wrk) waits for an answer before sending the next request, so a slow
 * server also slows the offered load and the requests that would have queued behind a stall are
 * never measured ("coordinated omission"); two servers measured that way also run at different
 * rates, so their percentiles do not compare. Here every balancer sees the same offered rate, and
 * a request that cannot be sent on time still counts from its intended time.
 *
 * <p>Threads: one thread drives every connection through a NIO selector; nothing is shared.
 */
package io.flowlb.bench.http;
