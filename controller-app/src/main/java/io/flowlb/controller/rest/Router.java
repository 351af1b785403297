package io.flowlb.controller.rest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The route table: method plus path pattern to handler.
 *
 * <p>Matching: a path matches a pattern when they have the same number of segments and each
 * literal segment is equal; a {@code {name}} segment takes any one segment. A trailing slash is
 * ignored on both sides ({@code /quantum/v1.0/vips/} and {@code /quantum/v1.0/vips} are one
 * path), since Floodlight's scripts write one and users the other. Of the routes whose pattern
 * and method match, the most specific wins (a literal beats a parameter, from the left); when
 * patterns match but no method does, the answer is 405 with the methods that would.
 *
 * <p>Thread safety: filled at start by the composition root, then read-only.
 */
public final class Router {
    private final List<Route> routes = new ArrayList<>();

    /** The result of matching a request. */
    public sealed interface Match {
    }

    /** The route and its path parameters. */
    public record Found(Route route, Map<String, String> params) implements Match {
    }

    /** Some pattern matched the path, none with this method. */
    public record MethodNotAllowed(List<String> allowed) implements Match {
    }

    /** No pattern matched the path. */
    public record NotFound() implements Match {
    }

    /** Adds a route; a second route with the same method and the same pattern shape is an error. */
    public Router add(Route route) {
        for (Route r : routes) {
            if (r.method().equals(route.method()) && shape(r).equals(shape(route))) {
                throw new IllegalArgumentException("route " + route.method() + " " + route.pattern() + " is already"
                        + " defined");
            }
        }
        routes.add(route);
        return this;
    }

    public List<Route> routes() {
        return Collections.unmodifiableList(routes);
    }

    /** Matches a decoded path split into segments. */
    public Match match(String method, List<String> path) {
        Route best = null;
        TreeSet<String> allowed = new TreeSet<>();
        for (Route r : routes) {
            List<String> segs = r.segments();
            if (!matches(segs, path)) {
                continue;
            }
            allowed.add(r.method());
            if (r.method().equals(method) && (best == null || moreSpecific(segs, best.segments()))) {
                best = r;
            }
        }
        if (best != null) {
            return new Found(best, params(best.segments(), path));
        }
        return allowed.isEmpty() ? new NotFound() : new MethodNotAllowed(List.copyOf(allowed));
    }

    /** The pattern with every parameter written {@code {}}: two routes of one shape match the same paths. */
    private static List<String> shape(Route r) {
        List<String> out = new ArrayList<>();
        for (String s : r.segments()) {
            out.add(Route.isParam(s) ? "{}" : s);
        }
        return out;
    }

    private static boolean matches(List<String> pattern, List<String> path) {
        if (pattern.size() != path.size()) {
            return false;
        }
        for (int i = 0; i < pattern.size(); i++) {
            if (!Route.isParam(pattern.get(i)) && !pattern.get(i).equals(path.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean moreSpecific(List<String> a, List<String> b) {
        for (int i = 0; i < a.size(); i++) {
            boolean pa = Route.isParam(a.get(i));
            boolean pb = Route.isParam(b.get(i));
            if (pa != pb) {
                return !pa;
            }
        }
        return false;
    }

    private static Map<String, String> params(List<String> pattern, List<String> path) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String s = pattern.get(i);
            if (Route.isParam(s)) {
                out.put(s.substring(1, s.length() - 1), path.get(i));
            }
        }
        return out;
    }
}
