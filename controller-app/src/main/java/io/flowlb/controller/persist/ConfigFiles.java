package io.flowlb.controller.persist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.flowlb.controller.config.ConfigSyntax;
import io.flowlb.controller.lb.json.ConfigJson;
import io.flowlb.controller.lb.json.JsonProblem;
import io.flowlb.loadbalancer.model.LbConfig;
import io.flowlb.loadbalancer.model.ModelException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a whole configuration from a file in the {@link ConfigJson} format, for
 * {@code --lb-config FILE} and for the state file; a {@code .yaml} or {@code .yml} file holds the
 * same document in YAML ({@link ConfigSyntax}).
 *
 * <p>Thread safety: stateless apart from the thread-safe mapper.
 */
public final class ConfigFiles {
    /** Largest configuration file read (a few hundred thousand objects). */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    private final ObjectMapper mapper;
    private final ObjectWriter writer;

    public ConfigFiles(ObjectMapper mapper) {
        this.mapper = mapper;
        this.writer = mapper.writer(new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("", ""))
                .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE)
                .withoutSpacesInObjectEntries());
    }

    /** Reads and checks the configuration in {@code file}; every failure names the file. */
    public LbConfig read(Path file) throws ConfigFileException {
        return read(file, "configuration file", null);
    }

    LbConfig read(Path file, String what, String advice) throws ConfigFileException {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw new ConfigFileException(what, file, null, "is " + size + " bytes, more than the "
                        + MAX_FILE_BYTES + " accepted", advice, null);
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ConfigFileException(what, file, null, "no such file", advice, e);
        } catch (IOException e) {
            throw new ConfigFileException(what, file, null, "cannot read it: " + e, advice, e);
        }
        try {
            ConfigJson doc = ConfigSyntax.isYaml(file)
                    ? mapper.treeToValue(ConfigSyntax.yamlTree(bytes), ConfigJson.class)
                    : mapper.readValue(bytes, ConfigJson.class);
            if (doc == null) {
                throw new ConfigFileException(what, file, null, "must hold a JSON object, not null", advice, null);
            }
            return doc.toConfig();
        } catch (JsonProcessingException e) {
            JsonProblem p = JsonProblem.of(e);
            throw new ConfigFileException(what, file, p.field(), p.error(), advice, e);
        } catch (IOException e) {
            throw new ConfigFileException(what, file, null, "cannot read it: " + e, advice, e);
        } catch (ModelException e) {
            throw new ConfigFileException(what, file, e.field(), e.error(), advice, e);
        }
    }

    /**
     * The configuration as the JSON text that {@link #read} accepts: ids in order, one object per
     * line (readable and diffable, and for 100,000 members a third smaller and several times
     * cheaper to write than indenting every field).
     */
    public byte[] write(LbConfig config) throws JsonProcessingException {
        return writer.writeValueAsBytes(ConfigJson.of(config));
    }
}
