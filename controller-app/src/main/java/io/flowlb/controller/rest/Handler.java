package io.flowlb.controller.rest;

/** Answers one request of one route. Runs on a virtual thread; may block on futures. */
@FunctionalInterface
public interface Handler {
    Response handle(Request request) throws Exception;
}
