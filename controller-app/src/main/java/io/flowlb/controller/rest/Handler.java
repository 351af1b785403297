package io.flowlb.controller.rest;

/**
 * Answers one request of one route.
 *
 * <p>Thread safety: runs on the request's virtual thread, concurrently with other requests; may block
 * on futures, must only share thread-safe objects.
 */
@FunctionalInterface
public interface Handler {
    Response handle(Request request) throws Exception;
}
