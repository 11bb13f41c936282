package io.certpipe.intake.csr;

import java.util.List;
import java.util.Map;

import jakarta.persistence.AttributeConverter;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.certpipe.common.event.CsrCondition;

/**
 * Stores a structured column (labels, usages, conditions ...) as JSON text: the row keeps the shape Kubernetes gives
 * these fields without one table per list.
 */
abstract class JsonColumn<T> implements AttributeConverter<T, String> {

    /** Stores what a record holds, never what it derives from it (such as {@code StoredCsr.isIssued()}). */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final TypeReference<T> type;

    JsonColumn(TypeReference<T> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(T value) {
        try {
            return value == null ? null : MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store " + type.getType(), e);
        }
    }

    @Override
    public T convertToEntityAttribute(String json) {
        try {
            return json == null ? null : MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getType() + " is not readable", e);
        }
    }

    static final class StringList extends JsonColumn<List<String>> {
        StringList() {
            super(new TypeReference<>() {
            });
        }
    }

    static final class StringMap extends JsonColumn<Map<String, String>> {
        StringMap() {
            super(new TypeReference<>() {
            });
        }
    }

    static final class StringListMap extends JsonColumn<Map<String, List<String>>> {
        StringListMap() {
            super(new TypeReference<>() {
            });
        }
    }

    static final class Conditions extends JsonColumn<List<CsrCondition>> {
        Conditions() {
            super(new TypeReference<>() {
            });
        }
    }

    static final class Approvals extends JsonColumn<List<RecordedApproval>> {
        Approvals() {
            super(new TypeReference<>() {
            });
        }
    }

    /** A whole request, as the change log keeps it. */
    static final class Csr extends JsonColumn<StoredCsr> {
        Csr() {
            super(new TypeReference<>() {
            });
        }
    }
}
