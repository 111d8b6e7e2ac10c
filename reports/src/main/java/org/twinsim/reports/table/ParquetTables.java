package org.twinsim.reports.table;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes and reads {@link Table}s as Parquet files with parquet-hadoop's example object model,
 * on local files without a Hadoop file system.
 *
 * <p>Writes are atomic: the file is written under a temporary name in the same folder and moved
 * into place, so a reader never sees a half-written file and an interrupted run leaves none.
 */
public final class ParquetTables {
  /** Key of the file metadata entry holding the column descriptions. */
  public static final String DESCRIPTIONS_KEY = "twinsim.column_descriptions";

  private ParquetTables() {
  }

  /** The Parquet message type of a schema. */
  public static MessageType messageType(TableSchema schema) {
    Types.MessageTypeBuilder b = Types.buildMessage();
    for (Column c : schema.columns()) {
      Type.Repetition rep = c.nullable() ? Type.Repetition.OPTIONAL : Type.Repetition.REQUIRED;
      PrimitiveType t = switch (c.type()) {
        case INT -> Types.primitive(PrimitiveTypeName.INT32, rep).named(c.name());
        case LONG -> Types.primitive(PrimitiveTypeName.INT64, rep).named(c.name());
        case DOUBLE -> Types.primitive(PrimitiveTypeName.DOUBLE, rep).named(c.name());
        case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, rep).named(c.name());
        case STRING -> Types.primitive(PrimitiveTypeName.BINARY, rep)
            .as(LogicalTypeAnnotation.stringType()).named(c.name());
        case DATE -> Types.primitive(PrimitiveTypeName.INT32, rep)
            .as(LogicalTypeAnnotation.dateType()).named(c.name());
      };
      b.addField(t);
    }
    return b.named(schema.name());
  }

  /**
   * Writes the table to {@code file} atomically (temporary file + move), with the given extra
   * key-value metadata. Parent folders are created.
   */
  public static void write(Path file, Table table, Map<String, String> metadata) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = dir.resolve("." + file.getFileName() + ".tmp-" + ProcessHandle.current().pid()
        + "-" + Thread.currentThread().getId());
    Files.deleteIfExists(tmp);
    MessageType type = messageType(table.schema());
    Map<String, String> meta = new LinkedHashMap<>(metadata);
    meta.put(DESCRIPTIONS_KEY, descriptionsJson(table.schema()));
    try {
      try (ParquetWriter<Row> w = new RowWriteSupport.Builder(new LocalOutputFile(tmp),
          new RowWriteSupport(type, table.schema(), meta))
          .withConf(new PlainParquetConfiguration())
          .withCompressionCodec(CompressionCodecName.SNAPPY)
          .build()) {
        for (Row r : table.rows()) {
          w.write(r);
        }
      }
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Reads a Parquet file written by {@link #write} (or any flat file of the supported types). */
  public static Table read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": no such Parquet file");
    }
    MessageType type;
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
      type = r.getFooter().getFileMetaData().getSchema();
    } catch (RuntimeException e) {
      throw new IOException(file + ": not a readable Parquet file (" + e.getMessage() + ")", e);
    }
    TableSchema schema = schemaOf(type, file);
    Table t = new Table(schema);
    List<Column> cols = schema.columns();
    try (ParquetReader<Group> reader = new GroupReaderBuilder(new LocalInputFile(file)).build()) {
      Group g;
      while ((g = reader.read()) != null) {
        Object[] v = new Object[cols.size()];
        for (int i = 0; i < v.length; i++) {
          String n = cols.get(i).name();
          if (g.getFieldRepetitionCount(n) == 0) {
            continue;
          }
          v[i] = switch (cols.get(i).type()) {
            case INT -> g.getInteger(n, 0);
            case LONG -> g.getLong(n, 0);
            case DOUBLE -> g.getDouble(n, 0);
            case BOOLEAN -> g.getBoolean(n, 0);
            case STRING -> g.getString(n, 0);
            case DATE -> LocalDate.ofEpochDay(g.getInteger(n, 0));
          };
        }
        t.add(t.rowOf(v));
      }
    }
    return t;
  }

  private static TableSchema schemaOf(MessageType type, Path file) throws IOException {
    List<Column> cols = new ArrayList<>();
    for (Type f : type.getFields()) {
      if (!f.isPrimitive()) {
        throw new IOException(file + ": nested column " + f.getName() + " is not supported");
      }
      PrimitiveType p = f.asPrimitiveType();
      LogicalTypeAnnotation la = p.getLogicalTypeAnnotation();
      ColumnType ct = switch (p.getPrimitiveTypeName()) {
        case INT32 -> la instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation ? ColumnType.DATE : ColumnType.INT;
        case INT64 -> ColumnType.LONG;
        case DOUBLE, FLOAT -> ColumnType.DOUBLE;
        case BOOLEAN -> ColumnType.BOOLEAN;
        case BINARY -> ColumnType.STRING;
        default -> throw new IOException(file + ": column " + f.getName() + " has unsupported type " + p.getPrimitiveTypeName());
      };
      cols.add(new Column(f.getName(), ct, f.getRepetition() != Type.Repetition.REQUIRED, ""));
    }
    return new TableSchema(type.getName().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_")
        .replaceFirst("^([^a-z])", "t$1"), cols);
  }

  private static String descriptionsJson(TableSchema s) {
    StringBuilder b = new StringBuilder("{");
    for (Column c : s.columns()) {
      if (b.length() > 1) {
        b.append(',');
      }
      b.append('"').append(c.name()).append("\":\"").append(c.description().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    return b.append('}').toString();
  }

  /** Reader builder over a local input file with the example object model. */
  private static final class GroupReaderBuilder extends ParquetReader.Builder<Group> {
    GroupReaderBuilder(LocalInputFile file) {
      super(file, new PlainParquetConfiguration());
    }

    @Override
    protected org.apache.parquet.hadoop.api.ReadSupport<Group> getReadSupport() {
      return new GroupReadSupport();
    }
  }
}
