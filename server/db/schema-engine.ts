// Prisma's schema engine as WebAssembly (@prisma/schema-engine-wasm), usable without the
// native binary the Prisma CLI would download (docs/decisions/003-offline-migrations.md).
import fs from 'node:fs/promises'
import path from 'node:path'
import { createRequire } from 'node:module'
import type { SchemaEngine } from '@prisma/schema-engine-wasm'

declare global {
  // The wasm reports Rust panics through this global; it must exist before loading.
  var PRISMA_WASM_PANIC_REGISTRY: { message: string; set_message(message: string): void } | undefined
}

type Runtime = typeof import('@prisma/schema-engine-wasm/schema_engine_bg')
let runtime: Promise<Runtime> | undefined

// The package entry imports its .wasm as an ES module, which Node 20 cannot load, so we
// instantiate the wasm ourselves (as @prisma/internals does). Once per process: a second
// instance of the same wasm-bindgen module breaks the first.
function loadRuntime(): Promise<Runtime> {
  runtime ??= (async () => {
    globalThis.PRISMA_WASM_PANIC_REGISTRY ??= {
      message: '',
      set_message(message) {
        this.message = `RuntimeError: ${message}`
      },
    }
    const bg = await import('@prisma/schema-engine-wasm/schema_engine_bg')
    const bgPath = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg')
    const bytes = await fs.readFile(path.join(path.dirname(bgPath), 'schema_engine_bg.wasm'))
    const instance = await WebAssembly.instantiate(await WebAssembly.compile(bytes), {
      './schema_engine_bg.js': bg as unknown as WebAssembly.ModuleImports,
    })
    bg.__wbg_set_wasm(instance.exports)
    ;(instance.exports.__wbindgen_start as () => void)()
    return bg
  })().catch((error: unknown) => {
    runtime = undefined
    throw error
  })
  return runtime
}

/**
 * A ready SchemaEngine. `adapterFactory` is an error-capturing, migration-aware driver
 * adapter factory, e.g. `bindMigrationAwareSqlAdapterFactory(new PrismaPg(...))` from
 * @prisma/driver-adapter-utils, for commands that need a database; the default has none
 * and is enough for datamodel-to-datamodel diffs.
 */
export async function createSchemaEngine(
  adapterFactory: object = offlineAdapterFactory(),
  debug: (line: string) => void = () => {},
): Promise<SchemaEngine> {
  const { SchemaEngine } = await loadRuntime()
  return SchemaEngine.new({ datamodels: undefined }, debug, adapterFactory)
}

// "Empty" for a first migration: a datamodel with no models rather than the engine's
// `empty` target, which would start with CREATE SCHEMA IF NOT EXISTS "public" and so
// need CREATE on the database (least-privilege production roles lack it).
const EMPTY_DATAMODEL = 'datasource db {\n  provider = "postgresql"\n}\n'

/**
 * SQL that migrates a database from datamodel `from` (null: empty) to `to`, or null
 * when there is no difference. Needs no database. Throws on an invalid schema.
 */
export async function diffDatamodels(from: string | null, to: string): Promise<string | null> {
  const adapter = offlineAdapterFactory()
  const engine = await createSchemaEngine(adapter)
  const datamodel = (content: string) => ({
    tag: 'schemaDatamodel' as const,
    files: [{ path: 'schema.prisma', content }],
  })
  try {
    const result = await engine.diff({
      from: datamodel(from ?? EMPTY_DATAMODEL),
      to: datamodel(to),
      script: true,
      exitCode: true, // exitCode 2 means "there is a difference"
      filters: { externalTables: [], externalEnums: [] },
    })
    return result.exitCode === 2 ? (result.stdout ?? '') : null
  } catch (error) {
    throw adapter.refused.length
      ? new Error(`The offline schema engine has no database but tried to run: ${adapter.refused.join('; ')}`)
      : error
  } finally {
    engine.free()
  }
}

type Result = { ok: true; value: unknown } | { ok: false; error: { kind: 'GenericJs'; id: number } }

/**
 * A driver adapter factory with no database behind it. The engine connects eagerly and
 * asks for the server version, so that one query gets a canned answer (PostgreSQL 15,
 * what production runs); anything else is refused and recorded.
 */
function offlineAdapterFactory() {
  const refused: string[] = []
  const ok = (value: unknown): Result => ({ ok: true, value })
  const refuse = async (query?: { sql?: string }): Promise<Result> => {
    refused.push(query?.sql ?? 'a database command')
    return { ok: false, error: { kind: 'GenericJs', id: refused.length - 1 } }
  }
  const adapter = {
    provider: 'postgres',
    adapterName: 'offline',
    async queryRaw(query: { sql: string }) {
      if (!query.sql.includes("current_setting('server_version_num')")) return refuse(query)
      // Column types: Boolean (5), Text (7), Int32 (0) in driver-adapter-utils' ColumnTypeEnum.
      return ok({
        columnNames: ['exists', 'version', 'numeric_version'],
        columnTypes: [5, 7, 0],
        rows: [[true, 'PostgreSQL 15.0 (offline)', 150000]],
      })
    },
    executeRaw: refuse,
    executeScript: refuse,
    startTransaction: refuse,
    dispose: async () => ok(undefined),
  }
  return {
    provider: 'postgres',
    adapterName: 'offline',
    refused,
    connect: async () => ok(adapter),
    connectToShadowDb: async () => ok(adapter),
  }
}
