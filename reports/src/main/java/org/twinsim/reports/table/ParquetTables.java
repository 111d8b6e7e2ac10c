package org.twinsim.reports.table;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
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
 * into place, so a reader never sees a half-written file and an interrupted run leaves none (a
 * process killed while writing leaves only a hidden temporary file, see {@link #isTemporaryFile}).
 */
public final class ParquetTables {
  /** Key of the file metadata entry holding the column descriptions. */
  public static final String DESCRIPTIONS_KEY = "twinsim.column_descriptions";
  /** Marks the temporary file of a write under way: {@code .NAME.tmp-...}. */
  private static final String TMP_MARK = ".tmp-";

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
    // unique per writer, also across machines writing one shared folder (retried or speculative
    // copies of a unit on a cluster): the pid and thread alone may coincide on two hosts
    Path tmp = dir.resolve("." + file.getFileName() + TMP_MARK + ProcessHandle.current().pid()
        + "-" + Thread.currentThread().getId() + "-" + java.util.UUID.randomUUID());
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

  /**
   * Whether {@code file} is the temporary file of a {@link #write} (under way, or left behind by a
   * process killed while writing); such files never end in {@code .parquet}.
   */
  public static boolean isTemporaryFile(Path file) {
    String n = file.getFileName().toString();
    return n.startsWith(".") && n.contains(".parquet" + TMP_MARK);
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

  /**
   * The row count of a complete Parquet file, from its footer (no data pages are read).
   *
   * @throws IOException if the file is absent, truncated or not Parquet
   */
  public static long rowCount(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": no such Parquet file");
    }
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
      return r.getRecordCount();
    } catch (RuntimeException e) {
      throw new IOException(file + ": not a readable Parquet file (" + e.getMessage() + ")", e);
    }
  }

  /** The columns of a Parquet file, from its footer (no data pages are read). */
  public static TableSchema schema(Path file) throws IOException {
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
      return schemaOf(r.getFooter().getFileMetaData().getSchema(), file);
    } catch (RuntimeException e) {
      throw new IOException(file + ": not a readable Parquet file (" + e.getMessage() + ")", e);
    }
  }

  /**
   * A row of {@link #scan}: the values of the requested columns, by their position in the request.
   * Valid only during the {@link ScanVisitor#row} call that receives it.
   */
  public interface ScanRow {
    /** Whether the value is null. */
    boolean isNull(int column);

    /** A DOUBLE (or INT) column's value; NaN when null. */
    double getDouble(int column);

    /** An INT or DATE (days since 1970-01-01) column's value; 0 when null. */
    int getInt(int column);

    /** A STRING column's value (one String instance per distinct value of a file); null when null. */
    String getString(int column);
  }

  /** Receives the rows of {@link #scan}. */
  @FunctionalInterface
  public interface ScanVisitor {
    void row(ScanRow row);
  }

  /**
   * Streams some columns of a Parquet file, row by row, without building rows: only the requested
   * columns' pages are read and decoded (column projection), and nothing is kept between rows. For
   * tables too large to hold as {@link Row}s (a year of workflow steps is millions of rows).
   *
   * @param columns names of the columns to read; each must exist in the file
   * @return the number of rows visited
   * @throws IOException if the file is unreadable, lacks a column, or a page cannot be decoded
   */
  public static long scan(Path file, List<String> columns, ScanVisitor visitor) throws IOException {
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
      MessageType fileType = r.getFooter().getFileMetaData().getSchema();
      List<Type> fields = new ArrayList<>();
      for (String c : columns) {
        if (!fileType.containsField(c)) {
          throw new IOException(file + ": no column '" + c + "'");
        }
        Type t = fileType.getType(c);
        if (!t.isPrimitive()) {
          throw new IOException(file + ": nested column " + c + " is not supported");
        }
        fields.add(t);
      }
      MessageType projection = new MessageType(fileType.getName(), fields);
      r.setRequestedSchema(projection);
      String createdBy = r.getFooter().getFileMetaData().getCreatedBy();
      List<ColumnDescriptor> descriptors = projection.getColumns();
      ColumnCursor cursor = new ColumnCursor(descriptors.size());
      long rows = 0;
      PageReadStore pages;
      while ((pages = r.readNextRowGroup()) != null) {
        ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, new IgnoringConverter(descriptors.size()),
            projection, createdBy);
        for (int i = 0; i < descriptors.size(); i++) {
          cursor.readers[i] = store.getColumnReader(descriptors.get(i));
          cursor.maxDefinition[i] = descriptors.get(i).getMaxDefinitionLevel();
        }
        long n = pages.getRowCount();
        for (long k = 0; k < n; k++) {
          visitor.row(cursor);
          for (ColumnReader cr : cursor.readers) {
            cr.consume();
          }
        }
        rows += n;
      }
      return rows;
    } catch (RuntimeException e) {
      throw new IOException(file + ": cannot decode (" + e.getMessage() + ")", e);
    }
  }

  /** The current row of a {@link #scan}: one column reader per requested column. */
  private static final class ColumnCursor implements ScanRow {
    final ColumnReader[] readers;
    final int[] maxDefinition;
    private final List<Map<Binary, String>> strings = new ArrayList<>();

    ColumnCursor(int n) {
      readers = new ColumnReader[n];
      maxDefinition = new int[n];
      for (int i = 0; i < n; i++) {
        strings.add(new HashMap<>());
      }
    }

    @Override
    public boolean isNull(int c) {
      return readers[c].getCurrentDefinitionLevel() < maxDefinition[c];
    }

    @Override
    public double getDouble(int c) {
      if (isNull(c)) {
        return Double.NaN;
      }
      return switch (readers[c].getDescriptor().getPrimitiveType().getPrimitiveTypeName()) {
        case DOUBLE -> readers[c].getDouble();
        case FLOAT -> readers[c].getFloat();
        case INT32 -> readers[c].getInteger();
        case INT64 -> readers[c].getLong();
        default -> throw new IllegalStateException("column " + readers[c].getDescriptor() + " is not numeric");
      };
    }

    @Override
    public int getInt(int c) {
      return isNull(c) ? 0 : readers[c].getInteger();
    }

    @Override
    public String getString(int c) {
      if (isNull(c)) {
        return null;
      }
      Binary b = readers[c].getBinary();
      Map<Binary, String> m = strings.get(c);
      String s = m.get(b);
      if (s == null) {
        b = b.copy();
        s = b.toStringUsingUTF8();
        m.put(b, s);
      }
      return s;
    }
  }

  /** The record converter a column store asks for; values are read from the column readers instead. */
  private static final class IgnoringConverter extends GroupConverter {
    private final PrimitiveConverter[] children;

    IgnoringConverter(int n) {
      children = new PrimitiveConverter[n];
      for (int i = 0; i < n; i++) {
        children[i] = new PrimitiveConverter() {
        };
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return children[fieldIndex];
    }

    @Override
    public void start() {
    }

    @Override
    public void end() {
    }
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
