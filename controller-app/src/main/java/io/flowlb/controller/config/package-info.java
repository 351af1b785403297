/**
 * The controller's typed configuration: {@link io.flowlb.controller.config.ControllerConfig}
 * documents every key and default, is read once at start from JSON, and rejects unknown keys,
 * wrong types and out-of-range values with a message naming the key. Immutable afterwards.
 */
package io.flowlb.controller.config;
