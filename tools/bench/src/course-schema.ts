import { DoubleType, LongType, StringType, StructField, StructType } from '@sluice/shared'

/** The course schema as DDL, as the notebook declares it. */
export const COURSE_SCHEMA_DDL =
  'Arrival_Time BIGINT, Creation_Time BIGINT, Device STRING, Index BIGINT, Model STRING, ' +
  'User STRING, geolocation STRUCT<city: STRING, country: STRING>, gt STRING, id BIGINT, ' +
  'x DOUBLE, y DOUBLE, z DOUBLE'

/** The same schema as a StructType. */
export const COURSE_STRUCT = StructType([
  StructField('Arrival_Time', LongType), StructField('Creation_Time', LongType), StructField('Device', StringType),
  StructField('Index', LongType), StructField('Model', StringType), StructField('User', StringType),
  StructField('geolocation', StructType([StructField('city', StringType), StructField('country', StringType)])),
  StructField('gt', StringType), StructField('id', LongType),
  StructField('x', DoubleType), StructField('y', DoubleType), StructField('z', DoubleType),
])

/** Index of `gt` in {@link COURSE_STRUCT}. */
export const GT_COLUMN = 7

/** The columns for DuckDB's `read_json(columns = {...})`. */
export const COURSE_DUCKDB_COLUMNS =
  "{Arrival_Time: 'BIGINT', Creation_Time: 'BIGINT', Device: 'VARCHAR', Index: 'BIGINT', Model: 'VARCHAR', " +
  "User: 'VARCHAR', geolocation: 'STRUCT(city VARCHAR, country VARCHAR)', gt: 'VARCHAR', id: 'BIGINT', " +
  "x: 'DOUBLE', y: 'DOUBLE', z: 'DOUBLE'}"
