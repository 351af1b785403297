package io.flowlb.controller.config;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * JSON or YAML, told by the file name: {@code .yaml} and {@code .yml} files are read as YAML,
 * everything else as JSON. A YAML document is read into the same tree a JSON one gives, and then
 * checked by the same code, so names, types, limits and unknown-key errors are the same; a key
 * repeated in one mapping is an error in both.
 *
 * <p>Thread safety: stateless; the YAML reader is thread-safe.
 */
public final class ConfigSyntax {
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build()).build());

    private ConfigSyntax() {
    }

    public static boolean isYaml(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    /** The tree of a YAML document (one document; an empty file is a null node). */
    public static JsonNode yamlTree(byte[] text) throws IOException {
        return YAML.readTree(text);
    }

    /** "JSON" or "YAML", for messages. */
    public static String name(Path file) {
        return isYaml(file) ? "YAML" : "JSON";
    }
}
