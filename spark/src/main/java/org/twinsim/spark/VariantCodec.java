package org.twinsim.spark;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.List;
import org.twinsim.engine.run.Variant;

/**
 * Variants as JSON text, the form in which they travel to the executors: the validated scenario
 * records, field by field (every default already filled in), read back through their canonical
 * constructors. The scenario records are not {@link java.io.Serializable}, and need not be.
 * A variant that does not come back equal to itself is refused on the driver ({@link #encode}).
 */
final class VariantCodec {
  private static final ObjectMapper JSON = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .visibility(PropertyAccessor.ALL, Visibility.NONE)
      .visibility(PropertyAccessor.FIELD, Visibility.ANY)
      .visibility(PropertyAccessor.CREATOR, Visibility.ANY)
      .build();

  private VariantCodec() {
  }

  /** Each variant as JSON; checks that it decodes to an equal variant. */
  static List<String> encode(List<Variant> variants) {
    List<String> out = new ArrayList<>();
    for (Variant v : variants) {
      String json;
      try {
        json = JSON.writeValueAsString(v);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("variant " + v.name() + " cannot be written as JSON: " + e.getOriginalMessage(), e);
      }
      Variant back = decode(json);
      if (!back.equals(v)) {
        throw new IllegalStateException("variant " + v.name() + " does not survive its JSON form (a scenario field is "
            + "not a plain record component?):\n  sent " + v + "\n  got  " + back);
      }
      out.add(json);
    }
    return out;
  }

  /** A variant from its JSON form. */
  static Variant decode(String json) {
    try {
      return JSON.readValue(json, Variant.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot read a variant from its JSON form: " + e.getOriginalMessage(), e);
    }
  }
}
