/**
 * Sluice's wire contract: the `.proto` files under `src/sluice/v1` and the types
 * proto-loader-gen-types generated from them (`src/generated`, committed; `npm run
 * gen -w proto -- --check` fails when they drift).
 */
export { LOADER_OPTIONS, PROTO_FILES, PROTO_ROOT, loadSluiceProtos, sluicePackageDefinition } from './load.js'
export type * from './generated/index.js'
