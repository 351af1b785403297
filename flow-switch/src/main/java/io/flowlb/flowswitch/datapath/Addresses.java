package io.flowlb.flowswitch.datapath;

/**
 * Text forms of addresses for traces and descriptions (control side only, never per packet).
 *
 * <p>Thread safety: pure functions.
 */
final class Addresses {
    private Addresses() {
    }

    /** {@code aa:bb:cc:dd:ee:ff} of the low 48 bits. */
    static String mac(long mac) {
        StringBuilder sb = new StringBuilder(17);
        for (int i = 5; i >= 0; i--) {
            int b = (int) (mac >>> (8 * i)) & 0xff;
            sb.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 15, 16));
            if (i > 0) {
                sb.append(':');
            }
        }
        return sb.toString();
    }

    /** Dotted quad. */
    static String ipv4(int a) {
        return (a >>> 24) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
    }
}
