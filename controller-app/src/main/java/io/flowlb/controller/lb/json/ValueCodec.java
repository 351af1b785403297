package io.flowlb.controller.lb.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.flowlb.loadbalancer.model.ModelException;
import java.io.IOException;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The codec of one value type written as a JSON string: {@code format} on the way out, the
 * model's {@code parse(field, text)} on the way in. A JSON number is read as its text too, so
 * {@code "id": 1} and {@code "protocol": 6} work as Floodlight users expect.
 *
 * <p>A value the model rejects becomes an {@link InvalidFormatException} carrying the model's
 * sentence; Jackson adds the JSON path, which the REST layer reports as the field.
 *
 * <p>Thread safety: immutable.
 */
final class ValueCodec<T> {
    private final Class<T> type;
    private final BiFunction<String, String, T> parse;
    private final Function<T, String> format;

    private ValueCodec(Class<T> type, BiFunction<String, String, T> parse, Function<T, String> format) {
        this.type = type;
        this.parse = parse;
        this.format = format;
    }

    static <T> ValueCodec<T> of(Class<T> type, BiFunction<String, String, T> parse, Function<T, String> format) {
        return new ValueCodec<>(type, parse, format);
    }

    /** Adds this codec's serializer and deserializer to {@code module}. */
    void register(SimpleModule module) {
        module.addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(format.apply(value));
            }
        });
        module.addDeserializer(type, new JsonDeserializer<T>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return read(p, ctxt);
            }
        });
    }

    private T read(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken token = p.currentToken();
        if (token != JsonToken.VALUE_STRING && token != JsonToken.VALUE_NUMBER_INT) {
            throw InvalidFormatException.from(p, "must be a string", p.getText(), type);
        }
        String text = p.getText();
        String field = p.currentName() == null ? "value" : p.currentName();
        try {
            return parse.apply(field, text);
        } catch (ModelException e) {
            throw InvalidFormatException.from(p, e.error(), text, type);
        }
    }
}
