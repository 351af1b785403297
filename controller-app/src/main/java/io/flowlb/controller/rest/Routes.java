package io.flowlb.controller.rest;

/**
 * Adds documented routes of one API and one tag to a {@link Router}: reads need the token only
 * when reads are closed, writes always when a token is set.
 *
 * <p>Thread safety: used by the composition root at start.
 */
public final class Routes {
    private final Router router;
    private final Route.Style style;
    private final Route.Body writeBody;
    private final String tag;

    private Routes(Router router, Route.Style style, Route.Body writeBody, String tag) {
        this.router = router;
        this.style = style;
        this.writeBody = writeBody;
        this.tag = tag;
    }

    /** Routes of the native API: JSON bodies must say so in their Content-Type. */
    public static Routes nativeApi(Router router, String tag) {
        return new Routes(router, Route.Style.NATIVE, Route.Body.JSON, tag);
    }

    /** Routes of the Floodlight-compatible API: JSON bodies whatever their Content-Type, Floodlight's error body. */
    public static Routes floodlight(Router router, String tag) {
        return new Routes(router, Route.Style.FLOODLIGHT, Route.Body.JSON_ANY_TYPE, tag);
    }

    public Routes tag(String newTag) {
        return new Routes(router, style, writeBody, newTag);
    }

    /** A read answering {@code response} (a list of them when {@code list}). */
    public void get(String pattern, String summary, Class<?> response, boolean list, Handler handler) {
        add("GET", pattern, Route.Body.NONE, Route.Access.READ,
                new Route.Doc(summary, tag, null, response, list, 200, "application/json"), handler);
    }

    /** A read that never needs the token, answering {@code mediaType}. */
    public void publicGet(String pattern, String summary, String mediaType, Handler handler) {
        add("GET", pattern, Route.Body.NONE, Route.Access.PUBLIC,
                new Route.Doc(summary, tag, null, null, false, 200, mediaType), handler);
    }

    /** A read answering plain text or another non-JSON type. */
    public void getText(String pattern, String summary, String mediaType, Handler handler) {
        add("GET", pattern, Route.Body.NONE, Route.Access.READ,
                new Route.Doc(summary, tag, null, null, false, 200, mediaType), handler);
    }

    /** A write with a JSON body of type {@code request} (null: none) answering {@code status}, {@code response}. */
    public void write(String method, String pattern, String summary, Class<?> request, Class<?> response, int status,
                      Handler handler) {
        add(method, pattern, request == null ? Route.Body.NONE : writeBody, Route.Access.WRITE,
                new Route.Doc(summary, tag, request, response, false, status, "application/json"), handler);
    }

    private void add(String method, String pattern, Route.Body body, Route.Access access, Route.Doc doc,
                     Handler handler) {
        router.add(new Route(method, pattern, handler, body, access, style, doc));
    }
}
