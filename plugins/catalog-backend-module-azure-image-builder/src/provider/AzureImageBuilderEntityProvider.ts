import { randomUUID } from 'node:crypto';
import {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskRunner,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { assertError } from '@backstage/errors';
import {
  DeferredEntity,
  EntityProvider,
  EntityProviderConnection,
} from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_AZURE_RESOURCE_ID,
  ArmResource,
  Snapshot,
  SnapshotSubscription,
  templateKey,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  createImageTemplateSources,
  ImageTemplateSource,
  OwnershipConfig,
  readAzureImageBuilderConfig,
  redactString,
  templateToEntity,
} from '@aib-scorecards/plugin-azure-image-builder-node';
import { planRefresh, SubscriptionEntities } from './planRefresh';
import { DEFAULT_MAX_DROP_RATIO, readMaxDropRatio } from './readMaxDropRatio';
import { validateEntity } from './validateEntity';

/** Options of {@link AzureImageBuilderEntityProvider}'s constructor. @public */
export interface AzureImageBuilderEntityProviderOptions {
  /** The configured source this provider reads; its `id` names the provider. */
  source: ImageTemplateSource;
  /** How owners are found (`azureImageBuilder.ownership`). */
  ownership: OwnershipConfig;
  /** Runs the refresh on the configured schedule. */
  taskRunner: SchedulerServiceTaskRunner;
  logger: LoggerService;
  /**
   * The largest share of the last applied entities one refresh may remove (0 to 1, default 0.5;
   * 1 turns the check off).
   */
  maxDropRatio?: number;
}

/**
 * Emits one catalog `Resource` entity (`spec.type: azure-image-template`) per Azure VM Image
 * Builder template of one configured source. A refresh never removes entities because data
 * could not be read: see the package README.
 * @public
 */
export class AzureImageBuilderEntityProvider implements EntityProvider {
  /** One provider per source of the `azureImageBuilder` config block. */
  static fromConfig(
    config: Config,
    options: { logger: LoggerService; scheduler: SchedulerService },
  ): AzureImageBuilderEntityProvider[] {
    const aibConfig = readAzureImageBuilderConfig(config);
    const maxDropRatio = readMaxDropRatio(config);
    // The logger: an azure source logs the collections it could not read.
    return createImageTemplateSources(aibConfig, {
      logger: options.logger,
    }).map(
      source =>
        new AzureImageBuilderEntityProvider({
          source,
          ownership: aibConfig.ownership,
          maxDropRatio,
          logger: options.logger,
          taskRunner: options.scheduler.createScheduledTaskRunner(
            aibConfig.schedule,
          ),
        }),
    );
  }

  readonly #source: ImageTemplateSource;
  readonly #ownership: OwnershipConfig;
  readonly #taskRunner: SchedulerServiceTaskRunner;
  readonly #logger: LoggerService;
  readonly #maxDropRatio: number;
  #connection?: EntityProviderConnection;
  /** The entities of the last applied mutation, per lower-cased subscription id. */
  #lastApplied?: Map<string, DeferredEntity[]>;

  constructor(options: AzureImageBuilderEntityProviderOptions) {
    this.#source = options.source;
    this.#ownership = options.ownership;
    this.#taskRunner = options.taskRunner;
    this.#maxDropRatio = options.maxDropRatio ?? DEFAULT_MAX_DROP_RATIO;
    this.#logger = options.logger.child({ target: this.getProviderName() });
  }

  /**
   * `azure-image-builder-provider:<source id>`. Entities belong to the provider by this name, so
   * it must never change for a source (renaming orphans the entities).
   */
  getProviderName(): string {
    return `azure-image-builder-provider:${this.#source.id}`;
  }

  /** Stores the connection, then schedules the refresh (never before: the first run may be immediate). */
  async connect(connection: EntityProviderConnection): Promise<void> {
    this.#connection = connection;
    const taskId = `${this.getProviderName()}:refresh`;
    await this.#taskRunner.run({
      id: taskId,
      fn: async signal => {
        const logger = this.#logger.child({
          taskId,
          taskInstanceId: randomUUID(),
        });
        try {
          await this.refresh(logger, signal);
        } catch (error) {
          assertError(error);
          logger.error(
            `${this.getProviderName()} refresh failed, ${redactString(
              String(error),
            )}`,
          );
        }
      },
    });
  }

  /**
   * Reads the source and applies a full mutation of its entities, unless that would lose
   * entities because something could not be read (then it logs why and applies nothing).
   */
  async refresh(
    logger: LoggerService = this.#logger,
    signal?: AbortSignal,
  ): Promise<void> {
    const connection = this.#connection;
    if (!connection) {
      throw new Error(`${this.getProviderName()} is not connected yet`);
    }
    const providerName = this.getProviderName();

    const readStarted = Date.now();
    let snapshot: Snapshot;
    /** Templates left out of the read (malformed): their entities of the last run are kept. */
    const leftOut = new Set<string>();
    try {
      const loaded = await this.#source.read({ signal });
      snapshot = loaded.snapshot;
      for (const problem of loaded.problems) {
        if (problem.collection === 'imageTemplates' && problem.id) {
          leftOut.add(templateKey(problem.id));
        }
        logger.warn(
          `${providerName}: part of the snapshot was left out: ${redactString(
            problem.message,
          )}`,
        );
      }
    } catch (error) {
      assertError(error);
      logger.error(
        `${providerName}: could not read source '${this.#source.id}' (${
          this.#source.type
        }); no change is applied to the catalog and the entities of earlier runs are kept: ${redactString(
          error.message,
        )}`,
      );
      return;
    }
    const templateCount = snapshot.subscriptions.reduce(
      (n, s) => n + (s.imageTemplates?.length ?? 0),
      0,
    );
    logger.info(
      `${providerName}: read ${templateCount} image templates in ${
        snapshot.subscriptions.length
      } subscriptions in ${Date.now() - readStarted} ms`,
    );

    const results = await this.#toEntities(snapshot, logger, leftOut);
    this.#keepLeftOut(results, leftOut, logger);
    const plan = planRefresh({
      results,
      previous: this.#lastApplied,
      maxDropRatio: this.#maxDropRatio,
      providerName,
    });
    if (plan.type === 'skip') {
      logger.error(plan.reason);
      return;
    }
    for (const { subscriptionId, count } of plan.keptFromLastRun) {
      const error = results.find(
        r => r.subscriptionId === subscriptionId,
      )?.error;
      logger.warn(
        `${providerName}: the image templates of subscription ${subscriptionId} could not be listed${
          error ? ` (${error})` : ''
        }; keeping its ${count} entities from the last run`,
      );
    }

    const applyStarted = Date.now();
    await connection.applyMutation({ type: 'full', entities: plan.entities });
    this.#lastApplied = plan.bySubscription;
    logger.info(
      `${providerName}: applied ${
        plan.entities.length
      } entities (${plan.keptFromLastRun.reduce(
        (n, k) => n + k.count,
        0,
      )} kept from the last run) in ${Date.now() - applyStarted} ms`,
    );
  }

  /**
   * A template that was left out of the read, or whose entity is not valid, is not gone from
   * Azure: its entity of the last applied run is kept rather than removed.
   */
  #keepLeftOut(
    results: SubscriptionEntities[],
    leftOut: ReadonlySet<string>,
    logger: LoggerService,
  ) {
    if (leftOut.size === 0 || !this.#lastApplied) return;
    for (const result of results) {
      if (!result.entities) continue;
      const present = new Set(result.entities.map(e => resourceKey(e)));
      for (const previous of this.#lastApplied.get(result.subscriptionId) ??
        []) {
        const key = resourceKey(previous);
        if (key && leftOut.has(key) && !present.has(key)) {
          result.entities.push(previous);
          logger.warn(
            `${this.getProviderName()}: kept the entity of image template ${key} from the last run: it was left out of this read`,
          );
        }
      }
    }
  }

  /** Maps and validates every template, per subscription; a bad template is skipped with a warning. */
  async #toEntities(
    snapshot: Snapshot,
    logger: LoggerService,
    leftOut: Set<string>,
  ): Promise<SubscriptionEntities[]> {
    const providerName = this.getProviderName();
    const bySubscription = new Map<string, SubscriptionEntities>();
    const seen = new Set<string>();

    for (const subscription of snapshot.subscriptions) {
      const key = subscription.subscriptionId.toLowerCase();
      const result: SubscriptionEntities = bySubscription.get(key) ?? {
        subscriptionId: key,
        entities: [],
      };
      bySubscription.set(key, result);

      // null (or absent) is unknown, not empty: planRefresh keeps what this subscription had.
      if (!Array.isArray(subscription.imageTemplates)) {
        result.entities = undefined;
        result.error = describeListingError(subscription);
        continue;
      }
      for (const template of subscription.imageTemplates) {
        const entity = await this.#toEntity(template, subscription, logger);
        if (!entity) {
          if (typeof template?.id === 'string') {
            leftOut.add(templateKey(template.id));
          }
          continue;
        }
        const ref = stringifyEntityRef(entity);
        if (seen.has(ref)) {
          logger.warn(
            `${providerName}: skipped image template ${templateLabel(
              template,
            )}: it appears more than once in the snapshot (entity ${ref})`,
          );
          continue;
        }
        seen.add(ref);
        result.entities?.push({ entity, locationKey: providerName });
      }
    }
    return [...bySubscription.values()];
  }

  async #toEntity(
    template: ArmResource,
    subscription: SnapshotSubscription,
    logger: LoggerService,
  ) {
    try {
      const entity = templateToEntity(template, subscription, {
        providerName: this.getProviderName(),
        sourceId: this.#source.id,
        ownership: this.#ownership,
      });
      await validateEntity(entity);
      return entity;
    } catch (error) {
      assertError(error);
      logger.warn(
        `${this.getProviderName()}: skipped image template ${templateLabel(
          template,
        )} of subscription ${
          subscription.subscriptionId
        }: its entity is not valid: ${redactString(error.message)}`,
      );
      return undefined;
    }
  }
}

function resourceKey(deferred: DeferredEntity): string | undefined {
  const id =
    deferred.entity.metadata.annotations?.[ANNOTATION_AZURE_RESOURCE_ID];
  return id ? templateKey(id) : undefined;
}

function templateLabel(template: ArmResource): string {
  if (typeof template?.id === 'string') {
    return template.id;
  }
  return typeof template?.name === 'string'
    ? `'${template.name}' (no id)`
    : '(no id)';
}

function describeListingError(subscription: SnapshotSubscription): string {
  const errors = (subscription.errors ?? []).filter(
    e => e.collection === 'imageTemplates' || e.collection === 'subscription',
  );
  if (errors.length === 0) {
    return 'no error recorded';
  }
  return errors
    .map(e => redactString(`${e.code}${e.message ? `: ${e.message}` : ''}`))
    .join('; ');
}
