import * as allFunctions from './functions.js'

export * from './functions.js'

/** Every function of this module as one object, as PySpark's `import pyspark.sql.functions as F`. */
export const functions = Object.freeze({ ...allFunctions })
