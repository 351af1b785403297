package io.flowlb.controller.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text format for tests: every line must be a HELP line, a
 * TYPE line or a sample of the family last declared, labels quoted and escaped as the format
 * says, values numbers or NaN/+Inf/-Inf. Returns the samples by family name.
 */
public final class MetricsTextParser {
    private static final Pattern HELP = Pattern.compile("# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)");
    private static final Pattern TYPE = Pattern.compile("# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)");
    private static final Pattern SAMPLE = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*)\\})? "
                    + "(-?[0-9.eE+-]+|NaN|\\+Inf|-Inf)");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\[\\\\\"n])*)\"");

    /** One parsed sample. */
    public record ParsedSample(Map<String, String> labels, double value) {
    }

    private MetricsTextParser() {
    }

    public static Map<String, List<ParsedSample>> parse(String text) {
        Map<String, List<ParsedSample>> out = new LinkedHashMap<>();
        Map<String, String> types = new HashMap<>();
        String family = null;
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher m;
            if ((m = HELP.matcher(line)).matches()) {
                family = m.group(1);
                if (out.containsKey(family)) {
                    throw new AssertionError("family declared twice: " + family);
                }
                out.put(family, new ArrayList<>());
            } else if ((m = TYPE.matcher(line)).matches()) {
                if (!m.group(1).equals(family)) {
                    throw new AssertionError("TYPE for another family than the HELP before: " + line);
                }
                types.put(family, m.group(2));
                if (m.group(2).equals("counter") && !family.endsWith("_total")) {
                    throw new AssertionError("counter without _total: " + family);
                }
            } else if ((m = SAMPLE.matcher(line)).matches()) {
                if (!m.group(1).equals(family) || !types.containsKey(family)) {
                    throw new AssertionError("sample outside its family: " + line);
                }
                Map<String, String> labels = new LinkedHashMap<>();
                if (m.group(3) != null) {
                    Matcher l = LABEL.matcher(m.group(3));
                    while (l.find()) {
                        labels.put(l.group(1), l.group(2).replace("\\n", "\n").replace("\\\"", "\"")
                                .replace("\\\\", "\\"));
                    }
                }
                String v = m.group(4);
                double value = switch (v) {
                    case "NaN" -> Double.NaN;
                    case "+Inf" -> Double.POSITIVE_INFINITY;
                    case "-Inf" -> Double.NEGATIVE_INFINITY;
                    default -> Double.parseDouble(v);
                };
                out.get(family).add(new ParsedSample(labels, value));
            } else {
                throw new AssertionError("not a line of the text format: " + line);
            }
        }
        return out;
    }
}
