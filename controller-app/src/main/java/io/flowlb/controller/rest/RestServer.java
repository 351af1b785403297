package io.flowlb.controller.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.flowlb.controller.lb.json.JsonProblem;
import io.flowlb.controller.metrics.Counter;
import io.flowlb.controller.metrics.MetricRegistry;
import io.flowlb.controller.metrics.ProblemLog;
import io.flowlb.loadbalancer.model.ConflictException;
import io.flowlb.loadbalancer.model.ModelException;
import io.flowlb.loadbalancer.model.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of the REST API, the dashboard and {@code /metrics}: the JDK's
 * {@link HttpServer} with one virtual thread per request, dispatching through a {@link Router}.
 *
 * <p>Per request: route (404, 405 with {@code Allow}), authenticate (401 with
 * {@code WWW-Authenticate: Bearer}), read the body (413 above {@code rest.max_body_bytes}, 415
 * for a JSON route given another content type), run the handler, and map what it throws to a
 * status (see {@link Await}); a {@code {"error", "field"}} body goes with every error. Bad input
 * never gives a 500: a 500 means a bug, and is logged with its stack trace once per kind.
 * Every answer is counted in {@code flowlb_rest_requests_total} by method, route pattern and
 * status.
 *
 * <p>Thread safety: {@link #start} and {@link #close} from the composition root; requests run
 * concurrently and share only thread-safe objects.
 */
public final class RestServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final RestSettings settings;
    private final Router router;
    private final ObjectMapper mapper;
    private final BearerAuth auth;
    private final Counter requests;
    private final ProblemLog internalErrors;
    private final HttpServer server;
    private final ExecutorService executor;

    private RestServer(RestSettings settings, Router router, ObjectMapper mapper, MetricRegistry metrics)
            throws IOException {
        this.settings = settings;
        this.router = router;
        this.mapper = mapper;
        this.auth = new BearerAuth(settings.token());
        this.requests = metrics.counter("flowlb_rest_requests_total", "REST requests answered, by method, route and"
                + " status.", "method", "route", "status");
        this.internalErrors = new ProblemLog(LOG, metrics.counter("flowlb_rest_internal_errors_total",
                "REST requests that failed with a 500 (a bug), by exception and route.", "kind"));
        this.server = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 128);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** Binds and starts serving; throws when the address is taken. */
    public static RestServer start(RestSettings settings, Router router, ObjectMapper mapper, MetricRegistry metrics)
            throws IOException {
        RestServer s = new RestServer(settings, router, mapper, metrics);
        s.server.start();
        LOG.info("REST API on http://{}:{}/ ({} routes, token {}{})", settings.bind(), s.port(), router.routes().size(),
                s.auth.enabled() ? "required for writes" : "not configured",
                s.auth.enabled() && settings.authReads() ? " and reads" : "");
        return s;
    }

    /** The port the server listens on (the chosen one when started with port 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** Stops accepting and waits up to one second for requests in flight. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) {
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        String label = "unmatched";
        Route.Style style = Route.Style.NATIVE;
        Response response;
        try {
            List<String> path = PathText.segments(ex.getRequestURI().getRawPath());
            Router.Match match = router.match(method, path);
            if (match instanceof Router.Found found) {
                label = found.route().normalizedPattern();
                style = found.route().style();
                response = run(ex, method, found);
            } else if (match instanceof Router.MethodNotAllowed mna) {
                String allowed = String.join(", ", mna.allowed());
                response = error(405, null, method + " is not allowed here; allowed: " + allowed, style)
                        .withHeader("Allow", allowed);
            } else {
                response = error(404, null, "no such resource: " + ex.getRequestURI().getRawPath(), style);
            }
        } catch (ApiException e) {
            response = error(e.status(), e.field(), e.error(), style);
        } catch (RuntimeException e) {
            response = internal(e, label, style);
        }
        // Counted before sending, so that a client that has its answer also sees it counted.
        requests.inc(METHODS.contains(method) ? method : "OTHER", label, Integer.toString(response.status()));
        send(ex, response);
    }

    private Response run(HttpExchange ex, String method, Router.Found found) {
        Route route = found.route();
        if (!authorized(ex, method, route)) {
            return error(401, null, "this request needs a valid \"Authorization: Bearer <token>\" header",
                    route.style()).withHeader("WWW-Authenticate", "Bearer realm=\"flowlb\"");
        }
        try {
            byte[] body = route.body() == Route.Body.NONE ? new byte[0] : readBody(ex, route);
            Request request = new Request(method, ex.getRequestURI().getPath(), found.params(),
                    PathText.query(ex.getRequestURI().getRawQuery()), headers(ex.getRequestHeaders()), body,
                    peer(ex.getRemoteAddress()), mapper);
            return route.handler().handle(request);
        } catch (ApiException e) {
            return error(e.status(), e.field(), e.error(), route.style());
        } catch (ModelException e) {
            int status = e instanceof NotFoundException ? 404 : e instanceof ConflictException ? 409 : 400;
            return error(status, e.field(), e.error(), route.style());
        } catch (JsonProcessingException e) {
            JsonProblem p = JsonProblem.of(e);
            return error(400, p.field(), p.error(), route.style());
        } catch (IOException e) {
            return error(400, null, "cannot read the request: " + e.getMessage(), route.style());
        } catch (Exception e) {
            return internal(e, route.normalizedPattern(), route.style());
        }
    }

    private boolean authorized(HttpExchange ex, String method, Route route) {
        boolean needs = switch (route.access()) {
            case PUBLIC -> false;
            case READ -> settings.authReads() || WRITES.contains(method);
            case WRITE -> true;
        };
        return !needs || auth.allows(ex.getRequestHeaders().getFirst("Authorization"));
    }

    private byte[] readBody(HttpExchange ex, Route route) throws IOException {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > settings.maxBodyBytes()) {
                    throw tooLarge();
                }
            } catch (NumberFormatException e) {
                throw ApiException.badRequest(null, "Content-Length is not a number");
            }
        }
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(settings.maxBodyBytes() + 1);
        }
        if (body.length > settings.maxBodyBytes()) {
            throw tooLarge();
        }
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (body.length > 0 && route.body() == Route.Body.JSON && !isJson(type)) {
            throw new ApiException(415, null, "the body must be sent as Content-Type: application/json");
        }
        return body;
    }

    private ApiException tooLarge() {
        return new ApiException(413, null, "the body is larger than " + settings.maxBodyBytes() + " bytes");
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semi = contentType.indexOf(';');
        String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    private Response internal(Exception e, String route, Route.Style style) {
        internalErrors.record(e.getClass().getName() + " at " + route, "internal error answering " + route + ": " + e,
                e);
        return error(500, null, "internal error (" + e.getClass().getSimpleName() + "); it is logged on the"
                + " controller", style);
    }

    private static Response error(int status, String field, String message, Route.Style style) {
        Object body = style == Route.Style.FLOODLIGHT
                ? new ErrorBody.WithStatus("Error: " + message, message, field)
                : new ErrorBody(message, field);
        return Response.json(status, body);
    }

    /** {@code 10.0.0.1:40000} or {@code [fd00::1]:40000}: the peer as users write it. */
    private static String peer(InetSocketAddress a) {
        if (a == null || a.getAddress() == null) {
            return String.valueOf(a);
        }
        String host = a.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    private static Map<String, String> headers(Headers h) {
        Map<String, String> out = new HashMap<>();
        for (Map.Entry<String, List<String>> e : h.entrySet()) {
            if (!e.getValue().isEmpty()) {
                out.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().get(0));
            }
        }
        return out;
    }

    private void send(HttpExchange ex, Response response) {
        try (ex) {
            byte[] bytes = response.raw();
            String type = response.contentType();
            if (bytes == null && response.json() != null) {
                bytes = mapper.writeValueAsBytes(response.json());
                type = "application/json";
            }
            Headers h = ex.getResponseHeaders();
            if (type != null) {
                h.set("Content-Type", type);
            }
            h.set("X-Content-Type-Options", "nosniff");
            h.set("Cache-Control", "no-store");
            response.headers().forEach(h::set);
            boolean empty = bytes == null || bytes.length == 0 || response.status() == 204;
            ex.sendResponseHeaders(response.status(), empty ? -1 : bytes.length);
            if (!empty) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        } catch (IOException e) {
            LOG.debug("could not send the answer to {}: {}", ex.getRemoteAddress(), e.toString());
        }
    }
}
