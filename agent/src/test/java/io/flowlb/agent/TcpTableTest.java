package io.flowlb.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TcpTableTest {

    /** Service on port 80 (0x0050) at 10.0.0.1: listener, 3 clients, one TIME_WAIT, one outgoing connection to port 80. */
    private static final String TCP = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode                                                     
               0: 00000000:0050 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 20001 1 0000000000000000 100 0 0 10 0                     
               1: 0100007F:0277 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 18834 1 0000000000000000 100 0 0 10 0                     
               2: 0100000A:0050 0200000A:C350 01 00000000:00000000 02:000A7D2B 00000000    33        0 20345 2 0000000000000000 20 4 30 10 -1                    
               3: 0100000A:0050 0300000A:C351 01 00000000:00000000 02:000A7D2B 00000000    33        0 20346 2 0000000000000000 20 4 30 10 -1                    
               4: 0100000A:0050 0300000A:C352 06 00000000:00000000 03:00001770 00000000     0        0 0 3 0000000000000000                                     
               5: 0100000A:C353 0400000A:0050 01 00000000:00000000 00:00000000 00000000     0        0 20400 1 0000000000000000 20 4 30 10 -1                    
               6: 0100000A:0050 0500000A:C354 01 00000000:00000000 02:000A7D2B 00000000    33        0 20347 2 0000000000000000 20 4 30 10 -1                    
               7: 0100000A:0050 0600000A:C355 08 00000000:00000000 00:00000000 00000000    33        0 20348 1 0000000000000000 20 4 30 10 -1                    
            """;

    private static final String TCP6 = """
              sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 21000 1 0000000000000000 100 0 0 10 0
               1: 0000000000000000FFFF00000100000A:0050 0000000000000000FFFF00000700000A:D431 01 00000000:00000000 02:00000F3A 00000000    33        0 21044 2 0000000000000000 20 4 29 10 -1
               2: 000080FE00000000FF00FEFF01020304:0050 000080FE00000000FF00FEFF05060708:D432 01 00000000:00000000 02:00000F3A 00000000    33        0 21045 2 0000000000000000 20 4 29 10 -1
               3: 000080FE00000000FF00FEFF01020304:0050 000080FE00000000FF00FEFF05060708:D433 06 00000000:00000000 03:00000F3A 00000000     0        0 0 3 0000000000000000
            """;

    @Test
    void countsOnlyEstablishedSocketsWhoseLocalPortIsTheServicePort() {
        assertThat(TcpTable.countEstablished(TCP, 80)).isEqualTo(3);
        assertThat(TcpTable.countEstablished(TCP6, 80)).isEqualTo(2);
    }

    @Test
    void listenersTimeWaitAndOutgoingConnectionsDoNotCount() {
        assertThat(TcpTable.countEstablished(TCP, 631)).isZero();
        assertThat(TcpTable.countEstablished(TCP, 0xC353)).isEqualTo(1);
        assertThat(TcpTable.countEstablished(TCP, 8080)).isZero();
    }

    @Test
    void malformedLinesAreSkipped() {
        String junk = "garbage\n   9: 0100000A:zz 0200000A:C350 01 x\n  10: 0100000A 0200000A:C350 01 x\n"
                + "  11: 0100000A:0050 0200000A:C350 01\n";

        assertThat(TcpTable.countEstablished(junk, 80)).isEqualTo(1);
        assertThat(TcpTable.countEstablished("", 80)).isZero();
    }
}
