package io.flowlb.controller.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterTest {
    private static Route route(String method, String pattern) {
        return new Route(method, pattern, req -> Response.ok(pattern), Route.Body.NONE, Route.Access.READ,
                Route.Style.NATIVE, new Route.Doc("", "", null, null, false, 200, null));
    }

    private final Router router = new Router()
            .add(route("GET", "/api/v1/agents/{member_id}"))
            .add(route("POST", "/api/v1/agents/report"))
            .add(route("GET", "/quantum/v1.0/members/{member}/"))
            .add(route("PUT", "/quantum/v1.0/members/{member}/{weight}/"));

    @Test
    void aLiteralSegmentBeatsAParameterForTheSameMethod() {
        assertThat(router.match("POST", List.of("api", "v1", "agents", "report")))
                .isInstanceOfSatisfying(Router.Found.class, f -> assertThat(f.route().pattern())
                        .isEqualTo("/api/v1/agents/report"));
        assertThat(router.match("GET", List.of("api", "v1", "agents", "report")))
                .isInstanceOfSatisfying(Router.Found.class, f -> assertThat(f.params())
                        .isEqualTo(Map.of("member_id", "report")));
    }

    @Test
    void trailingSlashesAreIgnoredAndParametersAreNamed() {
        assertThat(router.match("PUT", List.of("quantum", "v1.0", "members", "3", "7")))
                .isInstanceOfSatisfying(Router.Found.class, f -> assertThat(f.params())
                        .isEqualTo(Map.of("member", "3", "weight", "7")));
        assertThat(PathText.segments("/quantum/v1.0/members/3/")).containsExactly("quantum", "v1.0", "members", "3");
    }

    @Test
    void aKnownPathWithAnotherMethodIsNotAllowedAndAnUnknownOneIsNotFound() {
        assertThat(router.match("DELETE", List.of("api", "v1", "agents", "report")))
                .isEqualTo(new Router.MethodNotAllowed(List.of("GET", "POST")));
        assertThat(router.match("GET", List.of("api", "v1", "nothing"))).isInstanceOf(Router.NotFound.class);
    }

    @Test
    void aRouteCanOnlyBeDefinedOnce() {
        assertThatThrownBy(() -> router.add(route("GET", "/api/v1/agents/{id}/")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void percentEscapesAreDecodedPerSegment() {
        assertThat(PathText.segments("/a%2Fb/c%20d")).containsExactly("a/b", "c d");
        assertThat(PathText.query("x=1+2&y=%41")).isEqualTo(Map.of("x", "1 2", "y", "A"));
    }

    @Test
    void jsonContentTypesAreRecognised() {
        assertThat(RestServer.isJson("application/json; charset=utf-8")).isTrue();
        assertThat(RestServer.isJson("application/merge-patch+json")).isTrue();
        assertThat(RestServer.isJson("application/x-www-form-urlencoded")).isFalse();
        assertThat(RestServer.isJson(null)).isFalse();
    }
}
