package io.flowlb.bench.flowsetup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutstandingWindowTest {

    @Test
    void anAnswerCountsOnceAndRecordsItsRoundTrip() {
        OutstandingWindow w = new OutstandingWindow(4);
        int a = w.issue(1_000);
        int b = w.issue(2_000);

        assertThat(w.answer(a, 5_000)).isTrue();
        assertThat(w.answer(a, 6_000)).as("second answer for the same packet-in").isFalse();
        assertThat(w.answer(999_999, 6_000)).as("a tag never sent").isFalse();
        assertThat(w.outstanding()).isEqualTo(1);
        assertThat(w.answer(b, 3_000)).isTrue();
        assertThat(w.rttCount()).isEqualTo(2);
        assertThat(w.rttSumNanos()).isEqualTo(4_000 + 1_000);
        assertThat(w.rttMinNanos()).isEqualTo(1_000);
        assertThat(w.rttMaxNanos()).isEqualTo(4_000);
    }

    @Test
    void unansweredPacketInsExpireAfterTheTimeoutAndFreeTheirCredit() {
        OutstandingWindow w = new OutstandingWindow(8);
        int old = w.issue(100);
        w.issue(900);

        int n = w.expireOlderThan(500);

        assertThat(n).isEqualTo(1);
        assertThat(w.outstanding()).isEqualTo(1);
        assertThat(w.expired()).isEqualTo(1);
        assertThat(w.answer(old, 1_000)).as("a late answer to an expired packet-in").isFalse();
    }

    @Test
    void aStragglerStillWaitingWhenItsSlotComesRoundIsExpiredNotLost() {
        OutstandingWindow w = new OutstandingWindow(2);
        int straggler = w.issue(0);
        for (int i = 1; i < w.capacity(); i++) {
            assertThat(w.answer(w.issue(i), i)).isTrue();
        }

        w.issue(100);

        assertThat(w.expired()).isEqualTo(1);
        assertThat(w.outstanding()).isEqualTo(1);
        assertThat(w.answer(straggler, 200)).isFalse();
    }

    @Test
    void tagsWrapBeforeTheyReachTheNoBufferValue() {
        OutstandingWindow w = new OutstandingWindow(4, 0x7fff_fffe);

        int a = w.issue(0);
        int b = w.issue(0);
        int c = w.issue(0);

        assertThat(new int[] {a, b, c}).containsExactly(0x7fff_fffe, 0x7fff_ffff, 1);
        assertThat(w.answer(b, 1)).isTrue();
        assertThat(w.answer(OfWire.NO_BUFFER, 1)).isFalse();
    }
}
