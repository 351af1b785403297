package io.flowlb.flowswitch.ofagent;

import org.projectfloodlight.openflow.protocol.OFMessage;

/**
 * What an {@link OfSession} hands its traffic to once the version is agreed.
 *
 * <p>Thread safety: every call comes from the agent thread (the single event loop).
 */
public interface SessionHandler {

    /** The handshake finished: the session speaks {@link OfSession#version()}. */
    void sessionUp(OfSession session);

    /**
     * One decoded message of the agreed version (echo requests are answered before this).
     * May throw: the session turns an exception into an ERROR reply and carries on.
     */
    void handle(OfSession session, OFMessage message);

    /** The connection of a session that had come up is gone. */
    void sessionDown(OfSession session);

    /** The session's input has been read dry for now (after one or more {@link #handle} calls). */
    default void readComplete(OfSession session) {
    }
}
