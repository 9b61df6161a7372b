import { describe, expect, it } from 'vitest'
import { evaluateGoldenQuery, type GoldenTableCase } from './golden-conformance-support.js'

/*
 * Spark's own answers for the TIME type: queries of
 * sql/core/src/test/resources/sql-tests/results/time.sql.out (apache/spark, ANSI mode)
 * with the schema and output the golden file prints. Spark 4.1's TIME keeps at most
 * microseconds (TIME(0) to TIME(6)); the file's later cases of TIME(7..9) are left out.
 */
const CASES: readonly GoldenTableCase[] = [
  // literals
  { query: "select time '16:39:45\\t'", schema: "struct<TIME '16:39:45':time(6)>", output: ['16:39:45'] },
  { query: "SELECT TIME'0:0:0'", schema: "struct<TIME '00:00:00':time(6)>", output: ['00:00:00'] },
  { query: "SELECT TIME'23:59:59.9'", schema: "struct<TIME '23:59:59.9':time(6)>", output: ['23:59:59.9'] },
  { query: "SELECT TIME'23:59:59.99999'", schema: "struct<TIME '23:59:59.99999':time(6)>", output: ['23:59:59.99999'] },
  { query: "SELECT TIME'23:59:59.999999'", schema: "struct<TIME '23:59:59.999999':time(6)>", output: ['23:59:59.999999'] },
  { query: "SELECT TIME'01:02:03 AM'", schema: "struct<TIME '01:02:03':time(6)>", output: ['01:02:03'] },
  { query: "SELECT TIME'01:02:03 Am'", schema: "struct<TIME '01:02:03':time(6)>", output: ['01:02:03'] },
  { query: "SELECT TIME'01:02:03 PM'", schema: "struct<TIME '13:02:03':time(6)>", output: ['13:02:03'] },
  { query: "SELECT TIME'01:02:03 pM'", schema: "struct<TIME '13:02:03':time(6)>", output: ['13:02:03'] },
  ...['00:00:60', '00:60:00', '24:00:00', '00:00:00 AM', '00:00:00 PM', '12:00:60 AM', '12:60:00 PM', '13:00:00 AM', '24:00:00 PM']
    .map((text): GoldenTableCase => ({ query: `SELECT TIME'${text}'`, errorClass: 'INVALID_TYPED_LITERAL' })),

  // casts
  { query: 'SELECT cast("12:34:56" as time)', schema: 'struct<CAST(12:34:56 AS TIME(6)):time(6)>', output: ['12:34:56'] },
  { query: 'SELECT cast("12:34:56.789" as time(3))', schema: 'struct<CAST(12:34:56.789 AS TIME(3)):time(3)>', output: ['12:34:56.789'] },
  { query: 'SELECT cast("12:34:56.789" as time(6))', schema: 'struct<CAST(12:34:56.789 AS TIME(6)):time(6)>', output: ['12:34:56.789'] },
  { query: 'SELECT cast("12:34:56.789012" as time without time zone)', schema: 'struct<CAST(12:34:56.789012 AS TIME(6)):time(6)>',
    output: ['12:34:56.789012'] },
  { query: "SELECT cast(cast('12:00' as time(0)) as time(2))", schema: 'struct<CAST(CAST(12:00 AS TIME(0)) AS TIME(2)):time(2)>', output: ['12:00:00'] },
  { query: "SELECT cast(('23:59:59.001001' :: time(6)) as time(4))", schema: 'struct<CAST(CAST(23:59:59.001001 AS TIME(6)) AS TIME(4)):time(4)>',
    output: ['23:59:59.001'] },
  { query: "SELECT cast(time'11:59:59.999999' as time without time zone)", schema: "struct<CAST(TIME '11:59:59.999999' AS TIME(6)):time(6)>",
    output: ['11:59:59.999999'] },

  // construction and parsing
  { query: "select to_time(null), to_time('01:02:03'), to_time('23-59-59.999999', 'HH-mm-ss.SSSSSS')",
    schema: 'struct<to_time(NULL):time(6),to_time(01:02:03):time(6),to_time(23-59-59.999999, HH-mm-ss.SSSSSS):time(6)>',
    output: ['NULL\t01:02:03\t23:59:59.999999'] },
  { query: 'select to_time("11", "HH")', schema: 'struct<to_time(11, HH):time(6)>', output: ['11:00:00'] },
  { query: 'select to_time("13-60", "HH-mm")', errorClass: 'CANNOT_PARSE_TIME' },
  { query: 'select try_to_time(1)', errorClass: 'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE' },
  { query: "select try_to_time('11:12:13', 'HH:mm:ss', 'SSSSSS')", errorClass: 'WRONG_NUM_ARGS.WITHOUT_SUGGESTION' },
  { query: 'select make_time(1, 18, 19.87)', schema: 'struct<make_time(1, 18, 19.87):time(6)>', output: ['01:18:19.87'] },
  { query: 'select make_time(null, 18, 19.87)', schema: 'struct<make_time(NULL, 18, 19.87):time(6)>', output: ['NULL'] },
  { query: 'select make_time(1, 18, null)', schema: 'struct<make_time(1, 18, NULL):time(6)>', output: ['NULL'] },
  ...['-1, 18, 19.87', '1, 60, 19.87', '1, 18, 60.0', '1, 18, 9999999999.999999', '1, 18, -999999999.999999', '1, 18, 4294967297.999999']
    .map((a): GoldenTableCase => ({ query: `select make_time(${a})`, errorClass: 'DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION' })),
  { query: 'select try_make_time(6, 30, 45.887)', schema: 'struct<try_make_time(6, 30, 45.887):time(6)>', output: ['06:30:45.887'] },
  { query: 'select try_make_time(0, 0, 0.0)', schema: 'struct<try_make_time(0, 0, 0.0):time(6)>', output: ['00:00:00'] },
  { query: 'select try_make_time(23, 59, 59.999999)', schema: 'struct<try_make_time(23, 59, 59.999999):time(6)>', output: ['23:59:59.999999'] },
  ...['25, 30, 0', '-1, 30, 0', '1, 60, 0', '1, -1, 0', '1, 18, 60.0', '1, 18, -1.0']
    .map((a): GoldenTableCase => ({ query: `select try_make_time(${a})`, schema: `struct<try_make_time(${a}):time(6)>`, output: ['NULL'] })),

  // fields
  { query: "select second(to_time('23-59-58.987654', 'HH-mm-ss.SSSSSS'))", schema: 'struct<second(to_time(23-59-58.987654, HH-mm-ss.SSSSSS)):int>',
    output: ['58'] },
  { query: "select minute(to_time('23-59-58.987654', 'HH-mm-ss.SSSSSS'))", schema: 'struct<minute(to_time(23-59-58.987654, HH-mm-ss.SSSSSS)):int>',
    output: ['59'] },
  { query: "select hour(to_time('23-59-58.987654', 'HH-mm-ss.SSSSSS'))", schema: 'struct<hour(to_time(23-59-58.987654, HH-mm-ss.SSSSSS)):int>',
    output: ['23'] },
  ...([['HOUR', '00:59:00.987654', '0'], ['H', '23:59:00.987654', '23'], ['HOURS', '00:00:00', '0'], ['HR', '23:59:59.999999', '23'],
    ['MINUTE', '00:59:00.987654', '59'], ['M', '23:00:59.987654', '0'], ['MINS', '23:59:59.999999', '59']] as const)
    .map(([field, time, value]): GoldenTableCase => ({
      query: `select extract(${field} from time'${time}')`, schema: `struct<extract(${field} FROM TIME '${time}'):int>`, output: [value],
    })),
  { query: "select extract(SECOND from time'00:59:00.987654')", schema: "struct<extract(SECOND FROM TIME '00:59:00.987654'):decimal(8,6)>",
    output: ['0.987654'] },
  { query: "select extract(SECOND from time'00:0:00.000001')", schema: "struct<extract(SECOND FROM TIME '00:00:00.000001'):decimal(8,6)>",
    output: ['0.000001'] },
  { query: "select extract(SECOND from time'00:0:00.100000')", schema: "struct<extract(SECOND FROM TIME '00:00:00.1'):decimal(8,6)>",
    output: ['0.100000'] },
  { query: "select extract(SEC from time'00:00:00')", schema: "struct<extract(SEC FROM TIME '00:00:00'):decimal(8,6)>", output: ['0.000000'] },
  { query: "select extract(SECS from time'23:59:58.987654')", schema: "struct<extract(SECS FROM TIME '23:59:58.987654'):decimal(8,6)>",
    output: ['58.987654'] },
  ...([[0, '2,0', '1'], [1, '3,1', '1.9'], [2, '4,2', '1.98'], [3, '5,3', '1.987'], [6, '8,6', '1.987654']] as const)
    .map(([p, decimal, value]): GoldenTableCase => ({
      query: `select extract(SECOND FROM cast('09:08:01.987654' as time(${p})))`,
      schema: `struct<extract(SECOND FROM CAST(09:08:01.987654 AS TIME(${p}))):decimal(${decimal})>`, output: [value],
    })),

  // time_trunc and time_diff
  ...([['HOUR', '12:34:56', '12:00:00'], ['MINUTE', '12:34:56.1', '12:34:00'], ['SECOND', '12:34:56.123456', '12:34:56'],
    ['MILLISECOND', '12:34:56.123456', '12:34:56.123'], ['MICROSECOND', '12:34:56.123456', '12:34:56.123456'],
    ['MiNuTe', '12:34:56', '12:34:00'], ['microseconD', '12:34:56', '12:34:56'], ['HOUR', '00:00:00', '00:00:00']] as const)
    .map(([unit, time, value]): GoldenTableCase => ({
      query: `SELECT time_trunc('${unit}', time'${time}')`, schema: `struct<time_trunc(${unit}, TIME '${time}'):time(6)>`, output: [value],
    })),
  ...['', ' ', 'MS', 'DAY', 'WEEK', 'ABCD', 'QUARTER', 'INVALID', 'INVALID_UNIT']
    .map((unit): GoldenTableCase => ({ query: `SELECT time_trunc('${unit}', time'12:34:56')`, errorClass: 'INVALID_PARAMETER_VALUE.TIME_UNIT' })),
  { query: "SELECT time_trunc('HOUR', NULL)", schema: 'struct<time_trunc(HOUR, NULL):time(6)>', output: ['NULL'] },
  { query: "SELECT time_trunc(NULL, time'12:34:56')", schema: "struct<time_trunc(NULL, TIME '12:34:56'):time(6)>", output: ['NULL'] },
  ...([['HOUR', '00:00:00', '12:34:56', '12'], ['MINUTE', '00:00:00', '12:34:56', '754'], ['SECOND', '00:00:00', '12:34:56', '45296'],
    ['MILLISECOND', '00:00:00', '12:34:56', '45296000'], ['MICROSECOND', '00:00:00', '12:34:56', '45296000000'],
    ['HOUR', '01:02:03', '12:34:56', '11'], ['MINUTE', '01:02:03', '12:34:56', '692'], ['SECOND', '12:34:56', '01:02:03', '-41573'],
    ['MILLISECOND', '00:00:00', '12:34:56.1', '45296100'], ['MICROSECOND', '00:00:00', '12:34:56.123456', '45296123456'],
    ['sEcOnD', '00:00:00', '12:34:56', '45296'], ['HOUR', '00:00:00', '00:00:00', '0']] as const)
    .map(([unit, start, end, value]): GoldenTableCase => ({
      query: `SELECT time_diff('${unit}', time'${start}', time'${end}')`,
      schema: `struct<time_diff(${unit}, TIME '${start}', TIME '${end}'):bigint>`, output: [value],
    })),
  ...['', 'MS', 'DAY', 'QUARTER']
    .map((unit): GoldenTableCase => ({ query: `SELECT time_diff('${unit}', time'00:00:00', time'12:34:56')`, errorClass: 'INVALID_PARAMETER_VALUE.TIME_UNIT' })),
  { query: "SELECT time_diff(NULL, time'00:00:00', time'12:34:56')", schema: "struct<time_diff(NULL, TIME '00:00:00', TIME '12:34:56'):bigint>",
    output: ['NULL'] },
  { query: "SELECT time_diff('MICROSECOND', time'00:00:00', NULL)", schema: "struct<time_diff(MICROSECOND, TIME '00:00:00', NULL):bigint>",
    output: ['NULL'] },

  // arithmetic
  { query: "SELECT '12:43:33.1234' :: TIME(4) + INTERVAL '01:04:05.56' HOUR TO SECOND",
    schema: "struct<CAST(12:43:33.1234 AS TIME(4)) + INTERVAL '01:04:05.56' HOUR TO SECOND:time(6)>", output: ['13:47:38.6834'] },
  { query: "SELECT TIME'08:30' + NULL", schema: "struct<TIME '08:30:00' + NULL:time(6)>", output: ['NULL'] },
  { query: "SELECT NULL + TIME'08:30'", schema: "struct<TIME '08:30:00' + NULL:time(6)>", output: ['NULL'] },
  { query: "SELECT TIME'00:00:00.0101' + 1", errorClass: 'DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES' },
  { query: "SELECT TIME'12:30' - INTERVAL '12:29:59.000001' HOUR TO SECOND",
    schema: "struct<TIME '12:30:00' - INTERVAL '12:29:59.000001' HOUR TO SECOND:time(6)>", output: ['00:00:00.999999'] },
  { query: "SELECT '23:59:59.999999' :: TIME - INTERVAL '23:59:59.999999' HOUR TO SECOND",
    schema: "struct<CAST(23:59:59.999999 AS TIME(6)) - INTERVAL '23:59:59.999999' HOUR TO SECOND:time(6)>", output: ['00:00:00'] },
  { query: "SELECT '00:00:00.0001' :: TIME(4) - INTERVAL '0 00:00:00.0001' DAY TO SECOND",
    schema: "struct<CAST(00:00:00.0001 AS TIME(4)) - INTERVAL '0 00:00:00.0001' DAY TO SECOND:time(6)>", output: ['00:00:00'] },
  { query: "SELECT '08:30' :: TIME(0) - INTERVAL '6' HOUR", schema: "struct<CAST(08:30 AS TIME(0)) - INTERVAL '06' HOUR:time(0)>", output: ['02:30:00'] },
  { query: "SELECT '10:00:01' :: TIME(1) - INTERVAL '1' MONTH", errorClass: 'DATATYPE_MISMATCH.BINARY_OP_DIFF_TYPES' },
  { query: "SELECT TIME'12:30:41' - TIME'10:00'", schema: "struct<TIME '12:30:41' - TIME '10:00:00':interval hour to second>",
    output: ['0 02:30:41.000000000'] },
  { query: "SELECT TIME'08:30' - NULL", schema: "struct<TIME '08:30:00' - NULL:interval hour to second>", output: ['NULL'] },
  { query: "SELECT NULL - TIME'10:32'", schema: "struct<NULL - TIME '10:32:00':interval hour to second>", output: ['NULL'] },
  { query: "SELECT TIME'12:30:41.123' - TIMESTAMP'2025-07-11 10:00:01'", errorClass: 'DATATYPE_MISMATCH.UNEXPECTED_INPUT_TYPE' },
  { query: "SELECT '12:30:41.123' - TIME'10:00:01'", schema: "struct<12:30:41.123 - TIME '10:00:01':interval hour to second>",
    output: ['0 02:30:40.123000000'] },
  { query: "SELECT '23:59:59.999999' :: TIME(6) - '00:00' :: TIME(0)",
    schema: 'struct<CAST(23:59:59.999999 AS TIME(6)) - CAST(00:00 AS TIME(0)):interval hour to second>', output: ['0 23:59:59.999999000'] },
  { query: "SELECT '00:00:00.1234' :: TIME(4) - TIME'23:59:59'",
    schema: "struct<CAST(00:00:00.1234 AS TIME(4)) - TIME '23:59:59':interval hour to second>", output: ['-0 23:59:58.876600000'] },

  // conversions
  { query: 'SELECT time_from_seconds(0)', schema: 'struct<time_from_seconds(0):time(6)>', output: ['00:00:00'] },
  { query: 'SELECT time_from_seconds(52200.5)', schema: 'struct<time_from_seconds(52200.5):time(6)>', output: ['14:30:00.5'] },
  { query: 'SELECT time_from_seconds(86399.999999)', schema: 'struct<time_from_seconds(86399.999999):time(6)>', output: ['23:59:59.999999'] },
  ...['time_from_seconds(-1)', 'time_from_seconds(86400)', 'time_from_millis(-1)', 'time_from_millis(86400000)', 'time_from_micros(86400000000)']
    .map((call): GoldenTableCase => ({ query: `SELECT ${call}`, errorClass: 'DATETIME_FIELD_OUT_OF_BOUNDS.WITHOUT_SUGGESTION' })),
  { query: 'SELECT time_from_seconds(NULL)', schema: 'struct<time_from_seconds(NULL):time(6)>', output: ['NULL'] },
  { query: 'SELECT time_from_millis(43200)', schema: 'struct<time_from_millis(43200):time(6)>', output: ['00:00:43.2'] },
  { query: 'SELECT time_from_millis(86399999)', schema: 'struct<time_from_millis(86399999):time(6)>', output: ['23:59:59.999'] },
  { query: 'SELECT time_from_micros(43200)', schema: 'struct<time_from_micros(43200):time(6)>', output: ['00:00:00.0432'] },
  { query: 'SELECT time_from_micros(86399999999)', schema: 'struct<time_from_micros(86399999999):time(6)>', output: ['23:59:59.999999'] },
  { query: "SELECT time_to_seconds(TIME'14:30:00.5')", schema: "struct<time_to_seconds(TIME '14:30:00.5'):decimal(14,6)>", output: ['52200.500000'] },
  { query: 'SELECT time_to_seconds(NULL)', schema: 'struct<time_to_seconds(NULL):decimal(14,6)>', output: ['NULL'] },
  { query: "SELECT time_to_millis(TIME'23:59:59.999999')", schema: "struct<time_to_millis(TIME '23:59:59.999999'):bigint>", output: ['86399999'] },
  { query: "SELECT time_to_micros(TIME'23:59:59.999')", schema: "struct<time_to_micros(TIME '23:59:59.999'):bigint>", output: ['86399999000'] },
  { query: 'SELECT time_to_micros(time_from_micros(52200500000))', schema: 'struct<time_to_micros(time_from_micros(52200500000)):bigint>',
    output: ['52200500000'] },

  // comparison and common types of TIME(p)
  { query: "SELECT greatest('12:34:56.789' :: TIME(3), '01:02:03.456789' :: TIME(6))",
    schema: 'struct<greatest(CAST(12:34:56.789 AS TIME(3)), CAST(01:02:03.456789 AS TIME(6))):time(6)>', output: ['12:34:56.789'] },
  { query: "SELECT least('12:34:56.789' :: TIME(3), '01:02:03.456789' :: TIME(6))",
    schema: 'struct<least(CAST(12:34:56.789 AS TIME(3)), CAST(01:02:03.456789 AS TIME(6))):time(6)>', output: ['01:02:03.456789'] },
  { query: "SELECT '01:02:03.456789' :: TIME(6) IN ('12:34:56.789' :: TIME(3), '01:02:03.456789' :: TIME(6))",
    schema: 'struct<(CAST(01:02:03.456789 AS TIME(6)) IN (CAST(12:34:56.789 AS TIME(3)), CAST(01:02:03.456789 AS TIME(6)))):boolean>',
    output: ['true'] },
]

describe("Spark's time.sql golden answers", () => {
  for (const ansi of [true, false]) {
    for (const c of CASES) {
      if (c.modes !== undefined && (c.modes === 'ansi') !== ansi) continue
      it(`${ansi ? 'ANSI' : 'non-ANSI'}: ${c.query.replace(/\s+/g, ' ')}`, () => {
        const run = () => evaluateGoldenQuery(c.query, ansi)
        if (c.errorClass !== undefined) {
          expect(run).toThrow(expect.objectContaining({ errorClass: c.errorClass }))
          return
        }
        const result = run()
        expect(result.schema).toBe(c.schema)
        expect(result.rows).toEqual(c.output)
      })
    }
  }
})
