// @sluice/test: oracles for the slow tests, independent of the engine (plain JSON.parse,
// DuckDB, hand-read sink logs). The tests themselves live beside them.
export * from './support/index.js'
