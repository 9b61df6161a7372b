/** The course dataset's schema and where `npm run datagen` / `npm run demo` put it. */
export const COURSE_SCHEMA =
  'Arrival_Time BIGINT, Creation_Time BIGINT, Device STRING, Index BIGINT, Model STRING, ' +
  'User STRING, geolocation STRUCT<city: STRING, country: STRING>, gt STRING, id BIGINT, ' +
  'x DOUBLE, y DOUBLE, z DOUBLE'
export const DATA_PATH = 'data/activity-json/streaming'
