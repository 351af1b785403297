package io.flowlb.controller.persist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowlb.controller.lb.json.LbJson;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.Member;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.Pool;
import io.flowlb.loadbalancer.model.PoolId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
    @TempDir
    Path dir;

    private static LbConfig withMember(String id, int weight) {
        Pool p = Pool.of(PoolId.of("web"));
        return LbConfig.EMPTY.withPool(p)
                .withMember(Member.of(MemberId.of(id), p.id(), IpAddress.parse("10.0.0.1"), 80).withWeight(weight));
    }

    @Test
    void missingStateFileStartsEmptyAndCreatesTheDirectory() throws Exception {
        Path stateDir = dir.resolve("a/b");
        assertThat(new StateStore(stateDir, LbJson.newMapper()).load()).isEqualTo(LbConfig.EMPTY);
        assertThat(stateDir).isDirectory();
    }

    @Test
    void savedConfigurationIsLoadedByANewStore() throws Exception {
        LbConfig config = withMember("m1", 7);
        new StateStore(dir, LbJson.newMapper()).save(config);
        assertThat(new StateStore(dir, LbJson.newMapper()).load()).isEqualTo(config);
        assertThat(dir.resolve(StateStore.TEMP_NAME)).doesNotExist();
    }

    @Test
    void crashBetweenTempWriteAndRenameLeavesTheOldFileWhole() throws Exception {
        LbConfig old = withMember("m1", 7);
        new StateStore(dir, LbJson.newMapper()).save(old);
        StateStore crashing = new StateStore(dir, LbJson.newMapper(), step -> {
            throw new IOException("simulated crash at " + step);
        });
        assertThatThrownBy(() -> crashing.save(withMember("m1", 9))).hasMessageContaining("simulated crash");
        assertThat(dir.resolve(StateStore.TEMP_NAME)).exists();

        StateStore restarted = new StateStore(dir, LbJson.newMapper());
        assertThat(restarted.load()).isEqualTo(old);
        assertThat(dir.resolve(StateStore.TEMP_NAME)).as("the unacknowledged change is discarded").doesNotExist();
    }

    @Test
    void corruptStateFileIsAStartUpErrorNamingTheFile() throws Exception {
        Files.writeString(dir.resolve(StateStore.FILE_NAME), "{\"vips\": [", StandardCharsets.UTF_8);
        StateStore store = new StateStore(dir, LbJson.newMapper());
        assertThatThrownBy(store::load).isInstanceOf(ConfigFileException.class)
                .hasMessageContaining(dir.resolve(StateStore.FILE_NAME).toString())
                .hasMessageContaining("malformed JSON")
                .hasMessageContaining("move it away");
    }

    @Test
    void invalidValueInStateFileNamesTheField() throws Exception {
        Files.writeString(dir.resolve(StateStore.FILE_NAME), "{\"pools\":[{\"id\":\"p\"}],\"members\":[{\"id\":\"m\","
                + "\"pool_id\":\"p\",\"address\":\"10.0.0.1\",\"weight\":-4}]}", StandardCharsets.UTF_8);
        assertThatThrownBy(new StateStore(dir, LbJson.newMapper())::load)
                .isInstanceOfSatisfying(ConfigFileException.class, e -> {
                    assertThat(e.field()).isEqualTo("members[0].weight");
                    assertThat(e.getMessage()).contains("members[0].weight: must be between 0 and 1000");
                });
    }

    @Test
    void emptyStateFileIsNotAnEmptyConfiguration() throws Exception {
        Files.createFile(dir.resolve(StateStore.FILE_NAME));
        assertThatThrownBy(new StateStore(dir, LbJson.newMapper())::load).isInstanceOf(ConfigFileException.class);
        Files.writeString(dir.resolve(StateStore.FILE_NAME), "null");
        assertThatThrownBy(new StateStore(dir, LbJson.newMapper())::load).isInstanceOf(ConfigFileException.class)
                .hasMessageContaining("JSON object");
    }

    @Test
    void configFileWithADanglingReferenceNamesIt() throws Exception {
        Path file = dir.resolve("lb.json");
        Files.writeString(file, "{\"members\":[{\"id\":\"m\",\"pool_id\":\"nope\",\"address\":\"10.0.0.1\"}]}");
        assertThatThrownBy(() -> new ConfigFiles(LbJson.newMapper()).read(file))
                .isInstanceOfSatisfying(ConfigFileException.class, e -> {
                    assertThat(e.field()).isEqualTo("pool_id");
                    assertThat(e.getMessage()).startsWith("cannot load the configuration file " + file)
                            .contains("pool nope does not exist");
                });
    }
}
