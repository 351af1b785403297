package io.flowlb.controller.lb.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.flowlb.loadbalancer.model.ModelException;
import java.util.List;

/**
 * What was wrong with a JSON document, in the terms a user fixes it by: the field's JSON path
 * ({@code routers[1].mac}, or null when the document as a whole is at fault), a sentence, and the
 * kind of problem for counters.
 *
 * <p>Thread safety: immutable.
 */
public record JsonProblem(Kind kind, String field, String error) {

    /** The kinds of problem, each a counter label. */
    public enum Kind {
        /** Not JSON at all, or truncated. */
        MALFORMED,
        /** A field the type does not have. */
        UNKNOWN_FIELD,
        /** A value of the wrong type or one the model rejects. */
        INVALID_VALUE;

        /** The label used in metrics. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Describes a Jackson failure; never throws. */
    public static JsonProblem of(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String field = path(u) == null ? u.getPropertyName() : path(u);
            return new JsonProblem(Kind.UNKNOWN_FIELD, field, "is not a known field; known fields: "
                    + knownFields(u));
        }
        JsonProcessingException syntax = syntaxCause(e);
        if (syntax != null) {
            return new JsonProblem(Kind.MALFORMED, null, malformed(syntax));
        }
        if (e instanceof JsonMappingException m) {
            String field = path(m);
            ModelException model = modelCause(m);
            if (model != null) {
                return new JsonProblem(Kind.INVALID_VALUE, field == null ? model.field() : field, model.error());
            }
            if (m instanceof InvalidFormatException f) {
                return new JsonProblem(Kind.INVALID_VALUE, field, firstLine(f.getOriginalMessage()));
            }
            if (m instanceof MismatchedInputException mi) {
                return new JsonProblem(Kind.INVALID_VALUE, field, mismatch(mi));
            }
            if (m instanceof ValueInstantiationException) {
                return new JsonProblem(Kind.INVALID_VALUE, field, "is invalid: " + firstLine(rootMessage(m)));
            }
            return new JsonProblem(Kind.INVALID_VALUE, field, firstLine(m.getOriginalMessage()));
        }
        return new JsonProblem(Kind.MALFORMED, null, malformed(e));
    }

    /** The syntax error (not JSON, truncated, too deep) behind {@code e}, or null. */
    private static JsonProcessingException syntaxCause(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof JsonParseException || c instanceof StreamConstraintsException) {
                return (JsonProcessingException) c;
            }
        }
        return null;
    }

    private static String malformed(JsonProcessingException e) {
        String m = firstLine(e.getOriginalMessage());
        int paren = m.indexOf(" (start marker");
        if (paren < 0) {
            paren = m.indexOf(" at [Source");
        }
        String text = paren < 0 ? m : m.substring(0, paren);
        JsonLocation at = e.getLocation();
        return "malformed JSON: " + text + (at == null || at.getLineNr() < 0 ? ""
                : " at line " + at.getLineNr() + ", column " + at.getColumnNr());
    }

    /** The JSON path of a mapping failure: {@code routers[1].mac}; null at the root. */
    public static String path(JsonMappingException e) {
        StringBuilder b = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                b.append(b.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                b.append('[').append(r.getIndex()).append(']');
            }
        }
        return b.isEmpty() ? null : b.toString();
    }

    private static String mismatch(MismatchedInputException e) {
        Class<?> target = e.getTargetType();
        if (target == null) {
            return "has the wrong type";
        }
        if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            return "must be a whole number";
        }
        if (target == Double.class || target == double.class) {
            return "must be a number";
        }
        if (target == Boolean.class || target == boolean.class) {
            return "must be true or false";
        }
        if (target == String.class) {
            return "must be a string";
        }
        if (List.class.isAssignableFrom(target) || java.util.Set.class.isAssignableFrom(target)) {
            return "must be an array";
        }
        if (target.isRecord()) {
            return "must be an object";
        }
        return "has the wrong type";
    }

    private static String knownFields(UnrecognizedPropertyException u) {
        if (u.getKnownPropertyIds() == null) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder();
        for (Object id : u.getKnownPropertyIds()) {
            b.append(b.isEmpty() ? "" : ", ").append(id);
        }
        return b.toString();
    }

    private static ModelException modelCause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ModelException m) {
                return m;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
