import {
  Scorecard,
  templateKey,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  ReplaceSubscriptionResult,
  ScanRun,
  ScanRunStatus,
  ScorecardStore,
  StaleMark,
  StaleScope,
  StoredScanRun,
} from './ScorecardStore';

const migrationsDir = resolvePackagePath(
  '@aib-scorecards/plugin-azure-image-builder-backend',
  'migrations',
);

const SCORECARDS = 'aib_scorecards';
const SCAN_RUNS = 'aib_scan_runs';

// Keeps every statement well under SQLite's limit of bound variables.
const CHUNK_SIZE = 50;

/** SQLite gives timestamps back as epoch milliseconds, PostgreSQL as Date. */
type DbTimestamp = Date | number | string;

type ScorecardRow = {
  template_id: string;
  entity_ref: string;
  source_id: string;
  subscription_id: string;
  owner: string;
  template_name: string;
  score: number | null;
  scorecard: string;
  scanned_at: DbTimestamp | null;
  stale_since: DbTimestamp | null;
  stale_reason: string | null;
  updated_at: DbTimestamp;
};

type ScanRunRow = {
  id: number;
  source_id: string;
  started_at: DbTimestamp;
  finished_at: DbTimestamp;
  status: string;
  template_count: number;
  error: string | null;
};

const SCORECARD_COLUMNS: (keyof ScorecardRow)[] = [
  'template_id',
  'entity_ref',
  'source_id',
  'subscription_id',
  'owner',
  'template_name',
  'score',
  'scorecard',
  'scanned_at',
  'stale_since',
  'stale_reason',
  'updated_at',
];

function toDate(value: DbTimestamp): Date {
  if (value instanceof Date) {
    return value;
  }
  // SQLite may hand back a number as a numeric string from raw queries.
  return new Date(
    typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value,
  );
}

function toIso(value: DbTimestamp): string {
  return toDate(value).toISOString();
}

function parseScannedAt(value: string): Date | null {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function chunks<T>(items: T[], size = CHUNK_SIZE): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
}

function toRow(
  sourceId: string,
  subscriptionId: string,
  scorecard: Scorecard,
  now: Date,
): ScorecardRow {
  // Staleness lives in its own columns: the JSON holds what the scan produced.
  const { stale: _stale, ...rest } = scorecard;
  return {
    template_id: templateKey(scorecard.templateId),
    entity_ref: scorecard.entityRef.toLowerCase(),
    source_id: sourceId,
    subscription_id: subscriptionId.toLowerCase(),
    owner: scorecard.owner,
    template_name: scorecard.templateName,
    score: scorecard.score === null ? null : Math.round(scorecard.score),
    scorecard: JSON.stringify(rest),
    scanned_at: parseScannedAt(scorecard.scannedAt),
    stale_since: null,
    stale_reason: null,
    updated_at: now,
  };
}

function fromRow(row: ScorecardRow): Scorecard {
  const scorecard: Scorecard = JSON.parse(row.scorecard);
  delete scorecard.stale;
  if (row.stale_since !== null && row.stale_since !== undefined) {
    scorecard.stale = {
      since: toIso(row.stale_since),
      reason: row.stale_reason ?? '',
    };
  }
  return scorecard;
}

/**
 * The {@link ScorecardStore} on the plugin's database (SQLite or PostgreSQL).
 * @public
 */
export class DatabaseScorecardStore implements ScorecardStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseScorecardStore> {
    const { database, skipMigrations } = options;
    const client = await database.getClient();
    if (!database.migrations?.skip && !skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseScorecardStore(client);
  }

  private constructor(private readonly db: Knex) {}

  async replaceSubscription(
    sourceId: string,
    subscriptionId: string,
    scorecards: Scorecard[],
    options?: { retain?: string[] },
  ): Promise<ReplaceSubscriptionResult> {
    const now = new Date();
    const subscription = subscriptionId.toLowerCase();
    // One row per template: PostgreSQL refuses an upsert that touches a row twice.
    const rows = [
      ...new Map(
        scorecards.map(s => {
          const row = toRow(sourceId, subscription, s, now);
          return [row.template_id, row];
        }),
      ).values(),
    ];
    const keep = new Set([
      ...rows.map(r => r.template_id),
      ...(options?.retain ?? []).map(templateKey),
    ]);

    return await this.db.transaction(async tx => {
      const existing: string[] = await tx(SCORECARDS)
        .where({ source_id: sourceId, subscription_id: subscription })
        .pluck('template_id');
      const removedIds = existing.filter(id => !keep.has(id));

      for (const chunk of chunks(rows)) {
        await tx(SCORECARDS).insert(chunk).onConflict('template_id').merge();
      }
      let removed = 0;
      for (const chunk of chunks(removedIds)) {
        removed += await tx(SCORECARDS)
          .where({ source_id: sourceId, subscription_id: subscription })
          .whereIn('template_id', chunk)
          .delete();
      }
      return { written: rows.length, removed };
    });
  }

  async markStale(scope: StaleScope, mark: StaleMark): Promise<number> {
    const { sourceId, subscriptionId, templateIds } = scope;
    if (templateIds && templateIds.length === 0) {
      return 0;
    }
    const idChunks = templateIds
      ? chunks(templateIds.map(templateKey))
      : [undefined];

    return await this.db.transaction(async tx => {
      let marked = 0;
      for (const ids of idChunks) {
        const inScope = () => {
          const query = tx(SCORECARDS).where('source_id', sourceId);
          if (subscriptionId !== undefined) {
            query.andWhere('subscription_id', subscriptionId.toLowerCase());
          }
          if (ids) {
            query.whereIn('template_id', ids);
          }
          return query;
        };
        // Two statements rather than COALESCE(stale_since, ?): binding a Date inside raw SQL
        // behaves differently across drivers.
        await inScope()
          .whereNull('stale_since')
          .update({ stale_since: mark.since });
        marked += await inScope().update({
          stale_reason: mark.reason,
          updated_at: new Date(),
        });
      }
      return marked;
    });
  }

  async listSubscriptions(sourceId: string): Promise<string[]> {
    const rows: { subscription_id: string }[] = await this.db(SCORECARDS)
      .where('source_id', sourceId)
      .distinct('subscription_id')
      .orderBy('subscription_id');
    return rows.map(r => r.subscription_id);
  }

  async getByEntityRef(entityRef: string): Promise<Scorecard | undefined> {
    const row: ScorecardRow | undefined = await this.db(SCORECARDS)
      .where('entity_ref', entityRef.toLowerCase())
      .orderBy('updated_at', 'desc')
      .first(SCORECARD_COLUMNS);
    return row ? fromRow(row) : undefined;
  }

  async getByTemplateId(templateId: string): Promise<Scorecard | undefined> {
    const row: ScorecardRow | undefined = await this.db(SCORECARDS)
      .where('template_id', templateKey(templateId))
      .first(SCORECARD_COLUMNS);
    return row ? fromRow(row) : undefined;
  }

  async recordScanRun(run: ScanRun): Promise<void> {
    await this.db(SCAN_RUNS).insert({
      source_id: run.sourceId,
      started_at: run.startedAt,
      finished_at: run.finishedAt,
      status: run.status,
      template_count: run.templateCount,
      error: run.error ?? null,
    });
  }

  async listScanRuns(options?: {
    sourceId?: string;
    limit?: number;
  }): Promise<StoredScanRun[]> {
    const query = this.db<ScanRunRow>(SCAN_RUNS)
      .orderBy([
        { column: 'started_at', order: 'desc' },
        { column: 'id', order: 'desc' },
      ])
      .limit(Math.min(Math.max(options?.limit ?? 100, 1), 1000));
    if (options?.sourceId !== undefined) {
      query.where('source_id', options.sourceId);
    }
    const rows: ScanRunRow[] = await query;
    return rows.map(row => ({
      id: Number(row.id),
      sourceId: row.source_id,
      startedAt: toIso(row.started_at),
      finishedAt: toIso(row.finished_at),
      status: row.status as ScanRunStatus,
      templateCount: Number(row.template_count),
      ...(row.error !== null ? { error: row.error } : {}),
    }));
  }
}
