import { AnalysisError } from '@sluice/shared'
import type {
  CloseSessionRequest__Output, ConfigRequest__Output, ConfigResponse, CreateSessionRequest__Output, CreateSessionResponse,
  ListTablesRequest__Output, ListTablesResponse, ManageViewRequest__Output, ManageViewResponse, SluiceServiceHandlers,
} from '@sluice/proto'
import { unary } from './handler-adapters.js'
import { admitPlan } from './plan-intake.js'
import { checkPaths, confPaths } from './security/request-paths.js'
import type { ServiceContext } from './service-context.js'

type SessionHandlers = Pick<SluiceServiceHandlers, 'CreateSession' | 'CloseSession' | 'Config' | 'ManageView' | 'ListTables'>

/** Sessions and what they hold: confs, temporary views, the tables a client can list. */
export function sessionHandlers(context: ServiceContext): SessionHandlers {
  const { sessions, allowedPaths } = context
  return {
    CreateSession: unary(async (request: CreateSessionRequest__Output): Promise<CreateSessionResponse> => {
      await checkPaths(allowedPaths, confPaths(request.conf))
      const session = sessions.create(request.conf, request.appName)
      return { sessionId: session.id, serverVersion: context.serverVersion }
    }),

    CloseSession: unary(async (request: CloseSessionRequest__Output) => {
      await sessions.close(request.sessionId, request.stopQueries)
      return {}
    }),

    Config: unary(async (request: ConfigRequest__Output): Promise<ConfigResponse> => {
      const conf = sessions.get(request.sessionId).conf
      switch (request.operation) {
        case 'OPERATION_SET':
          await checkPaths(allowedPaths, confPaths(request.set))
          for (const [key, value] of Object.entries(request.set)) conf.set(key, value)
          return { values: request.set }
        case 'OPERATION_UNSET':
          for (const key of request.keys) conf.unset(key)
          return { values: {} }
        default: {
          if (request.keys.length === 0) return { values: Object.fromEntries(conf.entries()) }
          const values: Record<string, string> = {}
          for (const key of request.keys) {
            const value = conf.get(key)
            if (value !== undefined) values[key] = value
          }
          return { values }
        }
      }
    }),

    ManageView: unary(async (request: ManageViewRequest__Output): Promise<ManageViewResponse> => {
      const session = sessions.get(request.sessionId)
      if (request.name === '') throw new AnalysisError('INVALID_VIEW_NAME', 'ManageView needs the view name.')
      const catalog = session.engine.catalog
      if (request.operation === 'OPERATION_DROP') return { existed: catalog.dropTempView(request.name) }
      const plan = await admitPlan(request.plan, session.conf.get('spark.sql.session.timeZone') ?? 'UTC', allowedPaths)
      if (request.operation === 'OPERATION_CREATE') catalog.createTempView(request.name, plan)
      else catalog.createOrReplaceTempView(request.name, plan)
      return { existed: false }
    }),

    ListTables: unary(async (request: ListTablesRequest__Output): Promise<ListTablesResponse> => {
      const catalog = sessions.get(request.sessionId).engine.catalog
      return {
        tables: catalog.listTables().map((table) => ({
          name: table.name,
          tableType: catalog.lookup(table.name)?.kind === 'table' ? 'MEMORY' : 'TEMPORARY',
          isTemporary: table.isTemporary,
        })),
      }
    }),
  }
}
