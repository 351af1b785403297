package io.flowlb.loadbalancer.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.flowlb.loadbalancer.distribution.AgentCheckState.AgentAdmin;
import io.flowlb.loadbalancer.model.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AgentCheckStateTest {

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "75%                    | 75  | READY | true  | 0",
        "up 50%                 | 50  | READY | true  | 0",
        "drain                  | 100 | DRAIN | true  | 0",
        "maint                  | 100 | MAINT | true  | 0",
        "down # disk full       | 100 | READY | false | 0",
        "stopped                | 100 | READY | false | 0",
        "failed                 | 100 | READY | false | 0",
        "READY,UP,maxconn:30    | 100 | READY | true  | 30",
        "'  80%\tdrain  '       | 80  | DRAIN | true  | 0",
        "150%                   | 150 | READY | true  | 0",
        "''                     | 100 | READY | true  | 0",
    })
    void appliesHaproxyAgentReplies(String reply, int percent, AgentAdmin admin, boolean up, int maxconn) {
        AgentCheckState s = AgentCheckState.NONE.apply(reply);
        assertThat(s).isEqualTo(new AgentCheckState(percent, admin, up, maxconn));
    }

    @Test
    void keepsWhatAReplyDoesNotMention() {
        AgentCheckState s = AgentCheckState.NONE.apply("drain 60%").apply("up");
        assertThat(s.admin()).isEqualTo(AgentAdmin.DRAIN);
        assertThat(s.weightPercent()).isEqualTo(60);
        assertThat(s.apply("ready").admin()).isEqualTo(AgentAdmin.READY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sleepy", "75", "x%", "1001%", "-5%", "maxconn:", "maxconn:abc", "maxconn:99999999999", "50%% up"})
    void rejectsMalformedRepliesNamingTheField(String reply) {
        assertThatThrownBy(() -> AgentCheckState.NONE.apply(reply))
                .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.field()).isEqualTo("agent_reply"));
    }

    @Test
    void rejectsOverlongReplies() {
        assertThatThrownBy(() -> AgentCheckState.NONE.apply("up ".repeat(400)))
                .isInstanceOf(ValidationException.class);
    }
}
