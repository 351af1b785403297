package io.flowlb.controller.lb.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.flowlb.loadbalancer.distribution.Health;
import io.flowlb.loadbalancer.model.AdminState;
import io.flowlb.loadbalancer.model.Algorithm;
import io.flowlb.loadbalancer.model.AvailabilityMode;
import io.flowlb.loadbalancer.model.ConnectionPolicy;
import io.flowlb.loadbalancer.model.ExpectedStatus;
import io.flowlb.loadbalancer.model.Fields;
import io.flowlb.loadbalancer.model.ForwardingMode;
import io.flowlb.loadbalancer.model.IpAddress;
import io.flowlb.loadbalancer.model.MacAddress;
import io.flowlb.loadbalancer.model.MemberId;
import io.flowlb.loadbalancer.model.MonitorId;
import io.flowlb.loadbalancer.model.MonitorType;
import io.flowlb.loadbalancer.model.PoolId;
import io.flowlb.loadbalancer.model.Protocol;
import io.flowlb.loadbalancer.model.RouterPoolId;
import io.flowlb.loadbalancer.model.RouterSelection;
import io.flowlb.loadbalancer.model.VipId;
import io.flowlb.loadbalancer.model.ValidationException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the one JSON mapper configuration used for the model everywhere: snake_case names,
 * unknown fields rejected, no floats where integers belong, trailing garbage rejected, bounded
 * nesting and string sizes, optional fields left out of the output when empty.
 *
 * <p>Thread safety: stateless; each mapper it builds is thread-safe once built.
 */
public final class LbJson {
    /** Deepest object/array nesting accepted; the model needs four levels. */
    public static final int MAX_NESTING = 32;
    /** Longest JSON string accepted (names are at most 255 characters). */
    public static final int MAX_STRING_LENGTH = 64 * 1024;

    private LbJson() {
    }

    /** A new mapper that knows the model's value types. */
    public static ObjectMapper newMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS.mappedFeature())
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .addModule(modelModule())
                .build();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING).maxStringLength(MAX_STRING_LENGTH).build());
        return mapper;
    }

    /**
     * The value types written as one JSON string, with what the string holds (for API
     * descriptions): {@code IpAddress} is {@code 10.0.0.1} or {@code fd00::1}, and so on.
     */
    public static Map<Class<?>, String> stringTypes() {
        Map<Class<?>, String> m = new LinkedHashMap<>();
        m.put(IpAddress.class, "an IPv4 or IPv6 address");
        m.put(MacAddress.class, "a MAC address, aa:bb:cc:dd:ee:ff");
        m.put(Protocol.class, "tcp, udp, sctp, icmp, icmpv6, esp, ah, gre, ipip, any, or a protocol number");
        m.put(ExpectedStatus.class, "HTTP status codes and ranges, such as 200-399 or 200,301-302");
        m.put(VipId.class, "an id: 1-64 letters, digits and . _ : -");
        m.put(PoolId.class, "an id: 1-64 letters, digits and . _ : -");
        m.put(MemberId.class, "an id: 1-64 letters, digits and . _ : -");
        m.put(MonitorId.class, "an id: 1-64 letters, digits and . _ : -");
        m.put(RouterPoolId.class, "an id: 1-64 letters, digits and . _ : -");
        m.put(Instant.class, "an ISO-8601 instant, such as 2026-11-23T05:00:00.250Z");
        return m;
    }

    private static SimpleModule modelModule() {
        SimpleModule m = new SimpleModule("flowlb-model");
        ValueCodec.of(IpAddress.class, IpAddress::parse, IpAddress::toString).register(m);
        ValueCodec.of(MacAddress.class, MacAddress::parse, MacAddress::toString).register(m);
        ValueCodec.of(Protocol.class, Protocol::parse, Protocol::toString).register(m);
        ValueCodec.of(ExpectedStatus.class, ExpectedStatus::parse, ExpectedStatus::toString).register(m);
        ValueCodec.of(VipId.class, VipId::parse, VipId::toString).register(m);
        ValueCodec.of(PoolId.class, PoolId::parse, PoolId::toString).register(m);
        ValueCodec.of(MemberId.class, MemberId::parse, MemberId::toString).register(m);
        ValueCodec.of(MonitorId.class, MonitorId::parse, MonitorId::toString).register(m);
        ValueCodec.of(RouterPoolId.class, RouterPoolId::parse, RouterPoolId::toString).register(m);
        ValueCodec.of(Instant.class, LbJson::instant, Instant::toString).register(m);
        enumCodec(m, AdminState.class);
        enumCodec(m, Algorithm.class);
        enumCodec(m, AvailabilityMode.class);
        enumCodec(m, ConnectionPolicy.class);
        enumCodec(m, ForwardingMode.class);
        enumCodec(m, MonitorType.class);
        enumCodec(m, RouterSelection.class);
        enumCodec(m, Health.class);
        return m;
    }

    /** Enums travel as their lower-case names; input accepts any case and {@code -} for {@code _}. */
    private static <E extends Enum<E>> void enumCodec(SimpleModule m, Class<E> type) {
        ValueCodec.of(type, (field, text) -> Fields.parseEnum(type, field, text), LbJson::enumText).register(m);
    }

    private static Instant instant(String field, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new ValidationException(field, "must be an ISO-8601 instant such as 2026-11-23T05:00:00.250Z, got \""
                    + Fields.printable(text) + "\"");
        }
    }

    /** The JSON text of an enum constant: its name in lower case. */
    public static String enumText(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}
