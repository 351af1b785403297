package io.flowlb.controller.rest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.rest.HarnessTest;
import io.flowlb.controller.rest.RestHarness.Reply;
import io.flowlb.loadbalancer.model.AdminState;
import io.flowlb.loadbalancer.model.MemberId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MemberControlsTest extends HarnessTest {

    @BeforeEach
    void webPool() {
        h.webPool("weighted", 2);
    }


    @Test
    void weightChangesTheMemberAndItsShare() {
        Reply r = h.call("PUT", "/api/v1/members/m2/weight", "{\"weight\":3}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().get("weight").asInt()).isEqualTo(3);
        assertThat(h.lb.config().member(MemberId.of("m2")).weight()).isEqualTo(3);
        Reply d = h.get("/api/v1/vips/v1/distribution");
        assertThat(d.json().get("members").get(0).get("share").asDouble()).isEqualTo(0.25);
        assertThat(d.json().get("members").get(1).get("share").asDouble()).isEqualTo(0.75);
    }

    @Test
    void drainingAMemberTakesItOutOfNewConnectionsButKeepsItAlive() {
        Reply r = h.call("PUT", "/api/v1/members/m1/admin-state", "{\"admin_state\":\"drain\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(h.lb.config().member(MemberId.of("m1")).adminState()).isEqualTo(AdminState.DRAIN);
        var m1 = h.get("/api/v1/vips/v1/distribution").json().get("members").get(0);
        assertThat(m1.get("share").asDouble()).isZero();
        assertThat(m1.get("alive").asBoolean()).isTrue();
        assertThat(h.call("PUT", "/api/v1/members/m1/admin-state", "{\"admin_state\":\"MAINT\"}").json()
                .get("admin_state").asText()).isEqualTo("maint");
    }

    @Test
    void poolMembersAreListed() {
        assertThat(h.get("/api/v1/pools/web/members").json()).extracting(n -> n.get("id").asText())
                .containsExactly("m1", "m2");
    }
}
