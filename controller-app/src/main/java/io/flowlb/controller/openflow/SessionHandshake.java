package io.flowlb.controller.openflow;

import io.flowlb.openflow.OfErrors;
import io.flowlb.openflow.OfVersions;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.projectfloodlight.openflow.protocol.OFErrorMsg;
import org.projectfloodlight.openflow.protocol.OFFactories;
import org.projectfloodlight.openflow.protocol.OFFactory;
import org.projectfloodlight.openflow.protocol.OFFeaturesReply;
import org.projectfloodlight.openflow.protocol.OFHello;
import org.projectfloodlight.openflow.protocol.OFMessage;
import org.projectfloodlight.openflow.protocol.OFPortDesc;
import org.projectfloodlight.openflow.protocol.OFPortDescStatsReply;
import org.projectfloodlight.openflow.protocol.OFVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller side of the OpenFlow handshake of one session:
 *
 * <ol>
 *   <li>HELLO with a version bitmap (OpenFlow 1.3.1 section 6.3.1); the switch's HELLO picks the
 *       highest common version, or the session ends with HELLO_FAILED/INCOMPATIBLE;</li>
 *   <li>FEATURES_REQUEST: the DPID, buffers, tables, capabilities (and ports before 1.3);</li>
 *   <li>from 1.3, a PORT_DESC multipart request for the ports;</li>
 *   <li>SET_CONFIG with {@code miss_send_len}, then (clean start) delete all flows and groups and
 *       install the table-miss flow, all confirmed by a BARRIER;</li>
 *   <li>the switch is connected: the {@link SwitchManager} registers it and tells the listeners.</li>
 * </ol>
 *
 * <p>The whole handshake must finish within {@link SessionConfig#handshakeTimeoutMillis()}.
 *
 * <p>Thread safety: runs on the session's event loop (reply futures complete there).
 */
final class SessionHandshake {
    private static final Logger LOG = LoggerFactory.getLogger(SessionHandshake.class);

    private final OfSwitchSession session;
    private final SessionConfig config;
    private ScheduledFuture<?> timer;

    SessionHandshake(OfSwitchSession session, SessionConfig config) {
        this.session = session;
        this.config = config;
    }

    void start() {
        session.write(OfVersions.hello(config.versions(), session.nextXid()));
        timer = session.channel().eventLoop().schedule(
                () -> session.handshakeFailed("not connected within " + config.handshakeTimeoutMillis() + " ms"),
                config.handshakeTimeoutMillis(), TimeUnit.MILLISECONDS);
    }

    void cancel() {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    void onFirstMessage(OFMessage m) {
        if (m instanceof OFHello hello) {
            onHello(hello);
        } else if (m instanceof OFErrorMsg e) {
            session.handshakeFailed("the switch refused our HELLO: " + e);
        } else {
            session.handshakeFailed("its first message was " + m.getType() + ", not HELLO");
        }
    }

    private void onHello(OFHello hello) {
        OFVersion v = OfVersions.negotiate(hello, config.versions());
        if (v == null) {
            String why = "no common OpenFlow version (we offer " + config.versions() + ", the switch sent "
                    + hello.getVersion() + ")";
            session.writeAndClose(OfErrors.helloIncompatible(hello.getVersion(), hello.getXid(), why), why);
            return;
        }
        session.negotiated(v);
        OFFactory f = OFFactories.getFactory(v);
        session.request(f.buildFeaturesRequest().build())
                .thenCompose(features -> onFeatures(f, features))
                .thenCompose(ignored -> configure(f))
                .whenComplete((ignored, e) -> {
                    if (e != null) {
                        session.handshakeFailed(describe(causeOf(e)));
                    } else {
                        cancel();
                        session.connected();
                    }
                });
    }

    private CompletableFuture<Void> onFeatures(OFFactory f, OFFeaturesReply r) {
        if (f.getVersion().compareTo(OFVersion.OF_13) >= 0 && r.getAuxiliaryId().getValue() != 0) {
            throw new IllegalStateException("auxiliary connection " + r.getAuxiliaryId().getValue()
                    + " of " + Dpid.of(r.getDatapathId()) + ": auxiliary connections are not supported");
        }
        CompletableFuture<List<OFPortDesc>> ports;
        if (f.getVersion().compareTo(OFVersion.OF_13) >= 0) {
            ports = session.requestMultipart(f.buildPortDescStatsRequest().build()).thenApply(parts -> {
                List<OFPortDesc> all = new ArrayList<>();
                for (OFPortDescStatsReply part : parts) {
                    all.addAll(part.getEntries());
                }
                return all;
            });
        } else {
            ports = CompletableFuture.completedFuture(r.getPorts());
        }
        return ports.thenAccept(list -> session.identified(snapshot(f.getVersion(), r, list)));
    }

    private OfSwitch snapshot(OFVersion v, OFFeaturesReply r, List<OFPortDesc> descs) {
        Map<PortNo, PortDesc> ports = new HashMap<>();
        for (OFPortDesc d : descs) {
            PortDesc p = PortDesc.of(d);
            ports.put(p.number(), p);
        }
        return new OfSwitch(Dpid.of(r.getDatapathId()), v, session.id(), r.getNBuffers(), r.getNTables() & 0xff,
                r.getCapabilities(), ports, String.valueOf(session.channel().remoteAddress()),
                System.currentTimeMillis());
    }

    private CompletableFuture<Void> configure(OFFactory f) {
        List<OFMessage> setup = new ArrayList<>();
        setup.add(SwitchSetup.setConfig(f, config.missSendLen()));
        if (config.cleanStart()) {
            setup.addAll(SwitchSetup.cleanStart(f, session.snapshot().nTables()));
        }
        return session.sendConfirmed(setup).exceptionally(e -> {
            Throwable cause = causeOf(e);
            if (!(cause instanceof OfErrorException)) {
                throw new CompletionException(cause);
            }
            // A switch that rejects part of the setup (no groups, say) still forwards: carry on.
            LOG.warn("switch {} rejected part of its setup ({}); continuing", session.name(), cause.getMessage());
            return null;
        });
    }

    private static String describe(Throwable t) {
        return t instanceof IllegalStateException && t.getMessage() != null ? t.getMessage() : t.toString();
    }

    private static Throwable causeOf(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
