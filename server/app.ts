// Builds the provincial server as a Fastify app from its dependencies, so tests run the very
// same app in-process on a throwaway database.
import rateLimit from '@fastify/rate-limit';
import underPressure from '@fastify/under-pressure';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import fastify from 'fastify';
import { SYNC_ERRORS } from '../core/sync/errors';
import {
  HEADERS,
  MIN_CLIENT_SCHEMA,
  PROTOCOL_VERSION,
  SCHEMA_VERSION,
} from '../core/sync/protocol';
import type { Db } from './database/connect';
import { boundedBody } from './http/body';
import type { Limits, ServerContext } from './http/context';
import { DEFAULT_LIMITS, makeShedder, RETRY_AFTER_SECONDS } from './http/context';
import { errorHandler } from './http/errors';
import { bodyShapeHook, makeRateKey, serverTimeoutOptions } from './http/hardening';
import { dashboardPage } from './province/page';
import { DEFAULT_REFRESH, qmsRefresher, type RefreshOptions } from './province/qms-refresh';
import { keptOfficeFigures } from './province/office-figures';
import { officeStatuses } from './province/qms-status';
import { provinceRoutes } from './province/routes';
import { adminRoutes } from './routes/admin';
import { deviceRoutes } from './routes/device';
import { escrowAdminRoutes, escrowDeviceRoutes } from './routes/escrow';
import { fileRoutes } from './routes/files';
import { syncRoutes } from './routes/sync';
import { updateRoutes } from './routes/updates';
import { ephemeralSealer, type ServerSealer } from './security/seal-key';
import { ephemeralSigner, type ServerSigner } from './security/signing-key';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Wire limit of this route's body, when it differs from limits.bodyBytes. */
    bodyBytes?: number;
  }
}

export interface AppOptions {
  readonly db: Db;
  readonly logger?: FastifyServerOptions['logger'];
  readonly limits?: Partial<Limits>;
  /** The server's clock; tests move it to expire codes and tokens. */
  readonly now?: () => number;
  readonly https?: { readonly key: string | Buffer; readonly cert: string | Buffer } | null;
  readonly trustProxy?: FastifyServerOptions['trustProxy'];
  /** The server's signing key; by default one made for this process (tests). */
  readonly signer?: ServerSigner;
  /** The province's X25519 key offices seal to; by default one made for this process. */
  readonly sealer?: ServerSealer;
  readonly updatesDir?: string | null;
  /** The background refresh of office_qms_status after pushes (tests shorten the delay). */
  readonly qmsRefresh?: Partial<RefreshOptions>;
}

export const buildApp = async (options: Readonly<AppOptions>): Promise<FastifyInstance> => {
  const limits: Limits = { ...DEFAULT_LIMITS, ...options.limits };
  const common: FastifyServerOptions = {
    logger: options.logger ?? false,
    bodyLimit: Math.max(limits.inflatedBytes, limits.adminBodyBytes, limits.syncFileBytes),
    trustProxy: options.trustProxy ?? false,
    ...serverTimeoutOptions(limits),
    return503OnClosing: true,
    // A "__proto__" or "constructor" key in a pushed row is dropped, not fatal to the batch:
    // the row is then validated like any other, so one odd row never blocks an office's queue.
    onProtoPoisoning: 'remove',
    onConstructorPoisoning: 'remove',
  };
  // Routes do not care about the transport; only the raw server type differs under TLS.
  const app = (options.https
    ? fastify({
        ...common,
        https: { ...options.https, ...serverTimeoutOptions(limits).http },
      } as unknown as FastifyServerOptions)
    : fastify(common)) as unknown as FastifyInstance;
  const now = options.now ?? Date.now;
  const ctx: ServerContext = {
    db: options.db,
    now,
    limits,
    shed: makeShedder(limits.maxInflight),
    secureCookies: Boolean(options.https),
    signer: options.signer ?? ephemeralSigner(),
    sealer: options.sealer ?? ephemeralSealer(),
    updatesDir: options.updatesDir ?? null,
    qmsRefresh: qmsRefresher(
      async (officeId) => {
        await officeStatuses(options.db, now(), officeId);
        await keptOfficeFigures(options.db, now(), officeId);
      },
      {
        ...DEFAULT_REFRESH,
        onError: (officeId, error) => app.log.error({ officeId, err: error }, 'qms refresh failed'),
        ...options.qmsRefresh,
      },
    ),
  };
  // Runs in flight finish before the caller closes the database.
  app.addHook('onClose', async () => ctx.qmsRefresh.close());

  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler((_request, reply) => {
    reply.status(404).send({ code: 'NOT_FOUND', message: SYNC_ERRORS.NOT_FOUND });
  });
  app.addHook('onRequest', async (_request, reply) => {
    reply.header(HEADERS.schemaRange, `${MIN_CLIENT_SCHEMA}-${SCHEMA_VERSION}`);
  });
  app.addHook('preValidation', bodyShapeHook);
  app.addHook('preParsing', async (request, _reply, payload) =>
    boundedBody(request, payload, {
      wireBytes: request.routeOptions.config.bodyBytes ?? limits.bodyBytes,
      inflatedBytes: limits.inflatedBytes,
    }),
  );

  await app.register(underPressure, {
    maxEventLoopDelay: limits.maxEventLoopDelayMs,
    maxHeapUsedBytes: limits.maxHeapUsedBytes,
    retryAfter: RETRY_AFTER_SECONDS,
    exposeStatusRoute: '/v1/health',
  });
  await app.register(rateLimit, {
    global: true,
    max: limits.rateMax,
    timeWindow: 60_000,
    // Offices of a province often share one NAT address, so a device with a valid token is
    // its own bucket; anyone else (no token, a forged one) is limited by address.
    keyGenerator: makeRateKey(options.db, ctx.now),
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: SYNC_ERRORS.RATE_LIMITED,
      retryAfter: Math.ceil(context.ttl / 1000),
    }),
  });

  app.get('/v1/version', (_request, reply) => {
    reply.send({
      protocolVersion: PROTOCOL_VERSION,
      schemaVersion: SCHEMA_VERSION,
      minClientSchema: MIN_CLIENT_SCHEMA,
      serverTime: ctx.now(),
    });
  });
  // Each group in its own encapsulated scope, so its hooks (versions, same-origin) and
  // parsers stay with it.
  const groups = [
    deviceRoutes,
    syncRoutes,
    updateRoutes,
    fileRoutes,
    adminRoutes,
    provinceRoutes,
    escrowDeviceRoutes,
    escrowAdminRoutes,
    dashboardPage(),
  ];
  for (const routes of groups) {
    await app.register((scope, _options, done) => {
      routes(scope, ctx);
      done();
    });
  }
  return app;
};
