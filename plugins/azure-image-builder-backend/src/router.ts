import { azureImageBuilderScorecardReadPermission } from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { ScorecardStore } from './database';

/** The part of the store the routes read. */
export type ScorecardReader = Pick<
  ScorecardStore,
  'getByEntityRef' | 'getByTemplateId'
>;

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

function parse<T>(schema: z.ZodType<T>, input: unknown, what: string): T {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const details = parsed.error.issues
      .map(issue => `${issue.path.join('.') || what} ${issue.message}`)
      .join('; ');
    throw new InputError(`Invalid ${what}: ${details}`);
  }
  return parsed.data;
}

/** @public */
export interface RouterOptions {
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  store: ScorecardReader;
}

/**
 * The REST API of the plugin. `/health` is open (the plugin adds the auth policy); every other
 * route needs user or service credentials allowed to read scorecards.
 * @public
 */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, permissions, store } = options;
  const router = Router();
  router.use(express.json());

  const authorizeRead = async (req: express.Request) => {
    const credentials: BackstageCredentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const [decision] = await permissions.authorize(
      [{ permission: azureImageBuilderScorecardReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('Not allowed to read scorecards');
    }
  };

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

  return router;
}
