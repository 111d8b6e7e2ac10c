package org.twinsim.reports.table;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/** Writes {@link Row}s straight to Parquet's record consumer (no intermediate group objects). */
final class RowWriteSupport extends WriteSupport<Row> {
  private final MessageType type;
  private final List<Column> columns;
  private final Map<String, String> metadata;
  private RecordConsumer out;

  RowWriteSupport(MessageType type, TableSchema schema, Map<String, String> metadata) {
    this.type = type;
    this.columns = schema.columns();
    this.metadata = metadata;
  }

  @Override
  public WriteContext init(Configuration configuration) {
    return new WriteContext(type, metadata);
  }

  @Override
  public WriteContext init(ParquetConfiguration configuration) {
    return new WriteContext(type, metadata);
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.out = recordConsumer;
  }

  @Override
  public void write(Row r) {
    out.startMessage();
    for (int i = 0; i < columns.size(); i++) {
      Object v = r.valueAt(i);
      if (v == null) {
        continue;
      }
      Column c = columns.get(i);
      out.startField(c.name(), i);
      switch (c.type()) {
        case INT -> out.addInteger((Integer) v);
        case LONG -> out.addLong((Long) v);
        case DOUBLE -> out.addDouble((Double) v);
        case BOOLEAN -> out.addBoolean((Boolean) v);
        case STRING -> out.addBinary(Binary.fromString((String) v));
        case DATE -> out.addInteger((int) ((LocalDate) v).toEpochDay());
        default -> throw new IllegalStateException(c.type().toString());
      }
      out.endField(c.name(), i);
    }
    out.endMessage();
  }

  /** A writer builder for rows of one schema. */
  static final class Builder extends ParquetWriter.Builder<Row, Builder> {
    private final RowWriteSupport support;

    Builder(OutputFile file, RowWriteSupport support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Row> getWriteSupport(Configuration conf) {
      return support;
    }

    @Override
    protected WriteSupport<Row> getWriteSupport(ParquetConfiguration conf) {
      return support;
    }
  }
}
