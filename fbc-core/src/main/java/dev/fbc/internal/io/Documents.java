package dev.fbc.internal.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.fbc.base.FbcException;
import dev.fbc.internal.json.JacksonJson;
import dev.fbc.internal.json.JsonValue;
import dev.fbc.internal.yaml.YamlDocuments;
import dev.fbc.internal.yaml.YamlToJson;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Whole documents of a YAML or JSON file as trees (for manifests and bundle metadata, not catalogs). */
public final class Documents {
  private Documents() {}

  /** Every document, in order; a blank document is JSON null. */
  public static List<JsonValue> all(byte[] b, String file) {
    int start = b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF ? 3 : 0;
    int i = start;
    while (i < b.length && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r')) {
      i++;
    }
    List<JsonValue> out = new ArrayList<>();
    if (i < b.length && b[i] == '{') {
      try (JsonParser p = JacksonJson.factory().createParser(b, start, b.length - start)) {
        while (p.nextToken() != null) {
          out.add(JacksonJson.read(p, 0, Integer.MAX_VALUE));
        }
        return out;
      } catch (JsonProcessingException e) {
        if (!out.isEmpty()) {
          return out;
        }
        // like opm's decoder, a stream that is not JSON after all is read as YAML
      } catch (IOException e) {
        throw new FbcException(file + ": " + e.getMessage(), e);
      }
    }
    try {
      for (YamlDocuments.Document d : YamlDocuments.split(b, start)) {
        out.add(YamlToJson.convert(d, Integer.MAX_VALUE, 1000).value());
      }
    } catch (YamlDocuments.SeparatorException e) {
      throw new FbcException(file + ":" + e.line() + ": " + e.getMessage());
    } catch (YamlToJson.YamlException e) {
      throw new FbcException(file + ":" + e.line() + ": " + e.getMessage());
    }
    return out;
  }
}
