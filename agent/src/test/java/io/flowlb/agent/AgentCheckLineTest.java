package io.flowlb.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AgentCheckLineTest {

    private static LoadReading reading(double cpu, double memory, int clients) {
        return new LoadReading(cpu, memory, clients, Double.NaN, Double.NaN);
    }

    @Test
    void eachStateAnswersWithItsOperationalAndAdministrativeWordsAndTheWeight() {
        LoadReading load = reading(35.4, 20, 3);

        assertThat(AgentCheckLine.format(AgentState.READY, load, 0)).isEqualTo("up ready 65%\n");
        assertThat(AgentCheckLine.format(AgentState.DRAIN, load, 0)).isEqualTo("up drain 65%\n");
        assertThat(AgentCheckLine.format(AgentState.MAINT, load, 0)).isEqualTo("up maint 65%\n");
        assertThat(AgentCheckLine.format(AgentState.DOWN, load, 0)).isEqualTo("down ready 65%\n");
    }

    @Test
    void theBusiestResourceSetsTheWeight() {
        assertThat(AgentCheckLine.weightPercent(reading(10, 70, 5), 0)).isEqualTo(30);
        assertThat(AgentCheckLine.weightPercent(reading(90, 20, 5), 0)).isEqualTo(10);
        // 80 of 100 clients is the heaviest load: 20% left.
        assertThat(AgentCheckLine.weightPercent(reading(10, 20, 80), 100)).isEqualTo(20);
    }

    @Test
    void weightStaysBetweenOneAndHundred() {
        assertThat(AgentCheckLine.weightPercent(reading(100, 100, 0), 0)).isEqualTo(1);
        assertThat(AgentCheckLine.weightPercent(reading(10, 10, 500), 100)).isEqualTo(1);
        assertThat(AgentCheckLine.weightPercent(reading(0, 0, 0), 100)).isEqualTo(100);
    }

    @Test
    void clientsCountOnlyWhenACapacityIsGivenAndMaxconnIsAnnounced() {
        LoadReading load = reading(10, 10, 60);

        assertThat(AgentCheckLine.format(AgentState.READY, load, 0)).isEqualTo("up ready 90%\n");
        assertThat(AgentCheckLine.format(AgentState.READY, load, 100)).isEqualTo("up ready 40% maxconn:100\n");
    }

    @Test
    void withoutReadingsTheLineHasNoPercentAndPartialReadingsUseWhatIsKnown() {
        assertThat(AgentCheckLine.format(AgentState.READY, LoadReading.NONE, 0)).isEqualTo("up ready\n");
        assertThat(AgentCheckLine.format(AgentState.DRAIN, LoadReading.NONE, 50)).isEqualTo("up drain maxconn:50\n");
        // First interval: memory and clients known, CPU not yet.
        assertThat(AgentCheckLine.format(AgentState.READY, reading(Double.NaN, 25, 10), 20)).isEqualTo("up ready 50% maxconn:20\n");
        assertThat(AgentCheckLine.format(AgentState.READY, reading(Double.NaN, 25, -1), 20)).isEqualTo("up ready 75% maxconn:20\n");
    }
}
