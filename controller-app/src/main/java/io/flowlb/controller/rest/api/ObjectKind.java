package io.flowlb.controller.rest.api;

import io.flowlb.loadbalancer.model.LbConfig;
import java.util.SortedMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One kind of configuration object as the generic CRUD resources see it: its URL name, its JSON
 * body type and how to convert, find, create, replace and delete it.
 *
 * @param plural the collection's URL segment ({@code vips}, {@code router-pools})
 * @param singular the name in messages ({@code vip}, {@code router pool})
 * @param json the body record type
 * @param parseId parses an id carried in a field ({@code (field, text)})
 * @param all the objects of this kind in a configuration, by id
 * @param toJson the body of an object
 * @param fromJson the object a body describes, under the given id (validates: 400 on error)
 * @param idOf the id a body carries, or null
 * @param with the configuration with an object added or replaced
 * @param create creates (409 when the id exists)
 * @param put creates or replaces
 * @param delete deletes (404 when absent, 409 when in use)
 *
 * <p>Thread safety: immutable; the functions are the thread-safe service's.
 */
record ObjectKind<K extends Comparable<K>, V, J>(String plural, String singular, Class<J> json,
                                                 BiFunction<String, String, K> parseId,
                                                 Function<LbConfig, SortedMap<K, V>> all,
                                                 Function<V, J> toJson, BiFunction<J, K, V> fromJson,
                                                 Function<J, K> idOf,
                                                 BiFunction<LbConfig, V, LbConfig> with,
                                                 Function<V, CompletableFuture<V>> create,
                                                 Function<V, CompletableFuture<V>> put,
                                                 Function<K, CompletableFuture<V>> delete) {

    String collection() {
        return "/api/v1/" + plural;
    }

    String item() {
        return collection() + "/{id}";
    }
}
