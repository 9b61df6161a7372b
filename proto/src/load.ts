import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'
import { loadPackageDefinition, type GrpcObject } from '@grpc/grpc-js'
import { loadSync, type Options, type PackageDefinition } from '@grpc/proto-loader'
import type { ProtoGrpcType as ClientProtoGrpcType } from './generated/client.js'
import type { ProtoGrpcType as ClusterProtoGrpcType } from './generated/cluster.js'

/** The folder holding `sluice/v1/*.proto` (also what reflection serves). */
export const PROTO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', 'src')

/** The proto files of Sluice's wire, relative to PROTO_ROOT. */
export const PROTO_FILES = ['sluice/v1/common.proto', 'sluice/v1/client.proto', 'sluice/v1/cluster.proto'] as const

/**
 * proto-loader options, the same as the generator's flags in `scripts/gen.ts` (the
 * generated types describe exactly these runtime shapes). 64-bit integers load as
 * strings so they stay exact; enums as their names; defaults filled in; oneofs
 * name their set field.
 */
export const LOADER_OPTIONS: Options = Object.freeze({
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
})

let cached: PackageDefinition | undefined

/** The package definition of every Sluice proto file (for servers and reflection). */
export function sluicePackageDefinition(): PackageDefinition {
  cached ??= loadSync([...PROTO_FILES], LOADER_OPTIONS)
  return cached
}

/** The typed gRPC object of package `sluice.v1`: service constructors and definitions. */
export function loadSluiceProtos(): ClientProtoGrpcType['sluice']['v1'] & ClusterProtoGrpcType['sluice']['v1'] {
  const root = loadPackageDefinition(sluicePackageDefinition()) as unknown as GrpcObject & ClientProtoGrpcType & ClusterProtoGrpcType
  return root.sluice.v1
}
