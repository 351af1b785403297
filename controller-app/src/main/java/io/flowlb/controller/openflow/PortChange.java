package io.flowlb.controller.openflow;

/** What a PORT_STATUS message said happened to a port. Thread safety: immutable. */
public enum PortChange {
    ADDED,
    MODIFIED,
    DELETED
}
