package io.flowlb.controller.rest.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.flowlb.controller.lb.json.ConfigJson;
import io.flowlb.controller.rest.HarnessTest;
import io.flowlb.controller.rest.RestHarness.Reply;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.MemberId;
import org.junit.jupiter.api.Test;

class ConfigApiTest extends HarnessTest {


    private static final String CONFIG = "{\"format\":1,\"vips\":[{\"id\":\"v1\",\"address\":\"10.0.0.100\","
            + "\"protocol\":\"tcp\",\"port\":80,\"pool_id\":\"web\"}],\"pools\":[{\"id\":\"web\"}],"
            + "\"members\":[{\"id\":\"m1\",\"pool_id\":\"web\",\"address\":\"10.0.0.1\",\"port\":80,\"weight\":4}]}";

    @Test
    void exportedConfigurationCanBePutBackUnchanged() throws Exception {
        Reply put = h.call("PUT", "/api/v1/config", CONFIG);
        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        assertThat(h.lb.config().member(MemberId.of("m1")).weight()).isEqualTo(4);
        Reply export = h.get("/api/v1/config");
        LbConfig exported = h.mapper.readValue(export.body(), ConfigJson.class).toConfig();
        assertThat(exported).isEqualTo(h.lb.config());
        long version = h.lb.version();
        assertThat(h.call("PUT", "/api/v1/config", export.body()).status()).isEqualTo(200);
        assertThat(h.lb.version()).as("the same configuration is no change").isEqualTo(version);
    }

    @Test
    void anInvalidObjectIs400NamingItsElement() {
        Reply r = h.call("PUT", "/api/v1/config", "{\"pools\":[{\"id\":\"web\"}],\"members\":[{\"id\":\"m1\","
                + "\"pool_id\":\"web\",\"address\":\"10.0.0.1\",\"weight\":5000}]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.field()).isEqualTo("members[0].weight");
        assertThat(h.call("PUT", "/api/v1/config", "{\"vips\":[{\"id\":\"v\",\"address\":\"1.2.3\"}]}").field())
                .isEqualTo("vips[0].address");
        assertThat(h.call("PUT", "/api/v1/config", "{\"format\":7}").field()).isEqualTo("format");
    }

    @Test
    void objectsThatDoNotFitTogetherAre422AndChangeNothing() {
        h.call("PUT", "/api/v1/config", CONFIG);
        Reply r = h.call("PUT", "/api/v1/config", "{\"members\":[{\"id\":\"m1\",\"pool_id\":\"gone\","
                + "\"address\":\"10.0.0.1\"}]}");
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.field()).isEqualTo("pool_id");
        assertThat(h.lb.config().vips()).hasSize(1);
    }
}
