import {
  azureImageBuilderScanPermission,
  azureImageBuilderScorecardReadPermission,
  emptyStatusCounts,
  RuleCatalogResponse,
  RuleMetadata,
  RuleSummaryResponse,
  ScanHistoryResponse,
  ScanStartedResponse,
  TemplateListResponse,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  ConflictError,
  isError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  BasicPermission,
} from '@backstage/plugin-permission-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { ScorecardStore, TemplateFilter } from './database';
import { csvHeader, csvRow } from './export/templatesCsv';
import {
  DEFAULT_LIMIT,
  DEFAULT_SCAN_RUNS,
  parse,
  ruleSummaryQuery,
  scanHistoryQuery,
  templateListQuery,
} from './queryParams';
import { buildRollup, resolveRollupOwners } from './rollup';

/** The part of the store the routes read. */
export type ScorecardReader = Pick<
  ScorecardStore,
  | 'getByEntityRef'
  | 'getByTemplateId'
  | 'listTemplates'
  | 'summarizeRules'
  | 'listFindings'
  | 'listScanRuns'
>;

/** Templates read per query while the CSV export streams. */
const EXPORT_PAGE_SIZE = 1000;

// Entity ref parts as the catalog allows them (letters, digits, `-_.`, at most 63 characters).
const refPart = z
  .string()
  .max(63)
  .regex(/^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/, {
    message: 'must be letters, digits and "-_." (at most 63 characters)',
  });

const entityParams = z.object({
  namespace: refPart,
  kind: z
    .string()
    .max(63)
    .regex(/^[A-Za-z][A-Za-z0-9]*$/, { message: 'must be a catalog kind' }),
  name: refPart,
});

const resourceIdQuery = z.object({
  id: z
    .string({
      required_error: 'is required',
      invalid_type_error: 'must be given once',
    })
    .max(1024)
    .regex(/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/.+/i, {
      message:
        'must be an ARM resource id (/subscriptions/<id>/resourceGroups/<group>/providers/...)',
    }),
});

/** @public */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  store: ScorecardReader;
  /** The metadata of the enabled rules with their configured severity (`RuleEngine.metadata`). */
  rules: readonly RuleMetadata[];
  /** Read with the caller's credentials to find who an owner's rollup covers. */
  catalog: CatalogService;
  /**
   * Starts a scan of every source now, in the background (`POST /scans`); rejects with a
   * `ConflictError` when one is running. Without it, the route answers 404.
   */
  startScan?: () => Promise<void>;
}

function toFilter(query: {
  owner?: string[];
  subscription?: string[];
  rule?: string;
  status?: TemplateFilter['status'];
  q?: string;
}): TemplateFilter {
  return {
    owners: query.owner,
    subscriptions: query.subscription,
    rule: query.rule,
    status: query.status,
    q: query.q,
  };
}

/** Writes a chunk, waiting when the client reads slower than the export is produced. */
async function write(res: express.Response, chunk: string): Promise<void> {
  if (!res.write(chunk)) {
    await new Promise<void>(resolve => res.once('drain', () => resolve()));
  }
}

/**
 * The REST API of the plugin. `/health` is open (the plugin adds the auth policy); every other
 * route needs user or service credentials allowed to read scorecards.
 * @public
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, store, rules, catalog, startScan } = options;
  const ruleIds = rules.map(r => r.id);
  const router = Router();
  router.use(express.json());

  /** The caller's credentials, when a user or service the policy allows `permission`. */
  const authorize = async (
    req: express.Request,
    permission: BasicPermission,
    refusal: string,
  ): Promise<BackstageCredentials> => {
    const credentials: BackstageCredentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize([{ permission }], {
      credentials,
    });
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(refusal);
    }
    return credentials;
  };

  const authorizeRead = (req: express.Request) =>
    authorize(
      req,
      azureImageBuilderScorecardReadPermission,
      'Not allowed to read scorecards',
    );

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get(
    '/scorecards/by-entity/:namespace/:kind/:name',
    async (req, res) => {
      await authorizeRead(req);
      const { namespace, kind, name } = parse(
        entityParams,
        req.params,
        'entity ref',
      );
      const entityRef = `${kind}:${namespace}/${name}`.toLowerCase();
      const scorecard = await store.getByEntityRef(entityRef);
      if (!scorecard) {
        throw new NotFoundError(`No scorecard for ${entityRef} yet`);
      }
      res.json(scorecard);
    },
  );

  router.get('/scorecards/by-resource-id', async (req, res) => {
    await authorizeRead(req);
    const { id } = parse(resourceIdQuery, req.query, 'query');
    const scorecard = await store.getByTemplateId(id);
    if (!scorecard) {
      throw new NotFoundError(`No scorecard for ${id} yet`);
    }
    res.json(scorecard);
  });

  router.get('/templates', async (req, res) => {
    await authorizeRead(req);
    const query = parse(templateListQuery, req.query, 'query');
    const offset = query.offset ?? 0;
    const limit = query.limit ?? DEFAULT_LIMIT;
    const page = await store.listTemplates({
      ...toFilter(query),
      sort: query.sort,
      order: query.order,
      offset,
      limit,
    });
    const body: TemplateListResponse = { ...page, offset, limit };
    res.json(body);
  });

  router.get('/templates/export.csv', async (req, res) => {
    await authorizeRead(req);
    const query = parse(templateListQuery, req.query, 'query');
    const filter = toFilter(query);
    // Read the first page before answering, so a failing query is still a JSON error.
    let page = await store.listTemplates({
      ...filter,
      sort: query.sort,
      order: query.order,
      offset: 0,
      limit: EXPORT_PAGE_SIZE,
      countTotal: false,
    });
    res.status(200);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader(
      'Content-Disposition',
      'attachment; filename="azure-image-templates.csv"',
    );
    await write(res, csvHeader(ruleIds));
    for (let offset = 0; ; ) {
      await write(res, page.items.map(t => csvRow(t, ruleIds)).join(''));
      offset += page.items.length;
      if (page.items.length < EXPORT_PAGE_SIZE) break;
      page = await store.listTemplates({
        ...filter,
        sort: query.sort,
        order: query.order,
        offset,
        limit: EXPORT_PAGE_SIZE,
        countTotal: false,
      });
    }
    res.end();
  });

  router.get('/rules', async (req, res) => {
    await authorizeRead(req);
    const body: RuleCatalogResponse = {
      rules: rules.map(rule => ({ ...rule, enabled: true })),
    };
    res.json(body);
  });

  router.get('/rules/summary', async (req, res) => {
    await authorizeRead(req);
    const query = parse(ruleSummaryQuery, req.query, 'query');
    const summary = await store.summarizeRules(toFilter(query));
    // Every enabled rule in catalog order (zero counts included), then any rule only stored
    // scorecards still have (disabled since they were scanned).
    const stored = new Map(summary.rules.map(r => [r.ruleId, r]));
    const body: RuleSummaryResponse = {
      rules: [
        ...ruleIds.map(
          ruleId =>
            stored.get(ruleId) ?? { ruleId, counts: emptyStatusCounts() },
        ),
        ...summary.rules
          .filter(r => !ruleIds.includes(r.ruleId))
          .sort((a, b) => a.ruleId.localeCompare(b.ruleId)),
      ],
      templateCount: summary.templateCount,
    };
    res.json(body);
  });

  router.get('/scans', async (req, res) => {
    await authorizeRead(req);
    const query = parse(scanHistoryQuery, req.query, 'scan history query');
    const runs = await store.listScanRuns({
      sourceId: query.source,
      limit: query.limit ?? DEFAULT_SCAN_RUNS,
    });
    const body: ScanHistoryResponse = { runs };
    res.json(body);
  });

  router.post('/scans', async (req, res) => {
    await authorize(
      req,
      azureImageBuilderScanPermission,
      'Not allowed to start a scan',
    );
    if (!startScan) throw new NotFoundError('Scans cannot be started here');
    try {
      await startScan();
    } catch (error) {
      if (isError(error) && error.name === 'ConflictError') {
        throw new ConflictError(
          'A scan is running already; try again when it ends',
        );
      }
      throw error;
    }
    const body: ScanStartedResponse = { started: true };
    res.status(202).json(body);
  });

  router.get('/owners/:namespace/:kind/:name/rollup', async (req, res) => {
    const credentials = await authorizeRead(req);
    const entityRef = parse(entityParams, req.params, 'entity ref');
    const owners = await resolveRollupOwners({
      catalog,
      entityRef,
      credentials,
    });
    const [page, findings] = await Promise.all([
      store.listTemplates({ owners: owners.owners, sort: 'score' }),
      store.listFindings({ owners: owners.owners }, ['fail', 'warn']),
    ]);
    res.json(buildRollup(owners, page.items, findings));
  });

  return router;
}
