import * as allFunctions from './functions.js'
import * as windowFunctions from './window-functions.js'

export * from './functions.js'
export * from './window-functions.js'

/** Every function of this module as one object, as PySpark's `import pyspark.sql.functions as F`. */
export const functions = Object.freeze({ ...allFunctions, ...windowFunctions })
