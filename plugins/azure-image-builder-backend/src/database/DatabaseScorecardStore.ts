import {
  FindingStatus,
  RuleSummaryResponse,
  Scorecard,
  TeamFinding,
  templateKey,
} from '@aib-scorecards/plugin-azure-image-builder-common';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  completeCounts,
  DbTimestamp,
  findingRows,
  fromRow,
  OPEN_STATUSES,
  OpenFinding,
  openFindingsOf,
  ScorecardRow,
  StoredSummary,
  summaryOf,
  toIso,
  toRow,
  toTemplateSummary,
} from './rows';
import {
  ReplaceSubscriptionResult,
  ScanRun,
  ScanRunStatus,
  ScorecardStore,
  StaleMark,
  StaleScope,
  StoredScanRun,
  TemplateFilter,
  TemplateListOptions,
  TemplatePage,
} from './ScorecardStore';
import {
  applyTemplateFilter,
  applyTemplateSort,
  FINDINGS,
  isEmptyFilter,
  SCORECARDS,
} from './templateQueries';

const migrationsDir = resolvePackagePath(
  '@aib-scorecards/plugin-azure-image-builder-backend',
  'migrations',
);

const SCAN_RUNS = 'aib_scan_runs';

// Keeps every statement well under SQLite's limit of bound variables.
const CHUNK_SIZE = 50;
const FINDING_CHUNK_SIZE = 200;
const ID_CHUNK_SIZE = 500;

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
  'scorecard',
  'stale_since',
  'stale_reason',
];

type ListRow = Pick<
  ScorecardRow,
  'template_id' | 'stale_since' | 'stale_reason'
>;

function chunks<T>(items: T[], size = CHUNK_SIZE): T[][] {
  const result: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    result.push(items.slice(i, i + size));
  }
  return result;
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
    const latest = [
      ...new Map(scorecards.map(s => [templateKey(s.templateId), s])).values(),
    ];
    const keep = new Set([
      ...latest.map(s => templateKey(s.templateId)),
      ...(options?.retain ?? []).map(templateKey),
    ]);

    return await this.db.transaction(async tx => {
      const existing: string[] = await tx(SCORECARDS)
        .where({ source_id: sourceId, subscription_id: subscription })
        .pluck('template_id');
      const removedIds = existing.filter(id => !keep.has(id));

      for (const chunk of chunks(latest)) {
        const rows = chunk.map(s => toRow(sourceId, subscription, s, now));
        await tx(SCORECARDS).insert(rows).onConflict('template_id').merge();
        // The findings table follows the scorecards: replaced, never merged.
        await tx(FINDINGS)
          .whereIn(
            'template_id',
            rows.map(r => r.template_id),
          )
          .delete();
        for (const findings of chunks(
          chunk.flatMap(findingRows),
          FINDING_CHUNK_SIZE,
        )) {
          await tx(FINDINGS).insert(findings);
        }
      }
      let removed = 0;
      for (const chunk of chunks(removedIds)) {
        await tx(FINDINGS).whereIn('template_id', chunk).delete();
        removed += await tx(SCORECARDS)
          .where({ source_id: sourceId, subscription_id: subscription })
          .whereIn('template_id', chunk)
          .delete();
      }
      return { written: latest.length, removed };
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

  async listTemplates(options: TemplateListOptions): Promise<TemplatePage> {
    const offset = options.offset ?? 0;
    // The page is chosen without its summaries (the sort would carry them), then they are read.
    const page = applyTemplateSort(
      this.db,
      applyTemplateFilter(this.db(`${SCORECARDS} as s`), options).select(
        's.template_id',
        's.stale_since',
        's.stale_reason',
      ),
      options,
    );
    if (options.limit !== undefined) page.limit(options.limit);
    if (offset > 0) page.offset(offset);
    const rows: ListRow[] = await page;

    let totalCount = offset + rows.length;
    if (
      options.limit !== undefined &&
      options.countTotal !== false &&
      (rows.length === options.limit || (rows.length === 0 && offset > 0))
    ) {
      const [{ count }] = await applyTemplateFilter(
        this.db(`${SCORECARDS} as s`),
        options,
      ).count({ count: '*' });
      totalCount = Number(count);
    }

    const summaries = await this.summariesOf(rows.map(r => r.template_id));
    return {
      // A row removed between the two reads has no summary: it is left out.
      items: rows.flatMap(row => {
        const summary = summaries.get(row.template_id);
        return summary ? [toTemplateSummary(row, summary)] : [];
      }),
      totalCount,
    };
  }

  async summarizeRules(filter: TemplateFilter): Promise<RuleSummaryResponse> {
    // Without a filter the findings table alone answers (from its rule/status index).
    const findings = isEmptyFilter(filter)
      ? this.db(`${FINDINGS} as f`)
      : applyTemplateFilter(
          this.db(`${FINDINGS} as f`).join(
            `${SCORECARDS} as s`,
            's.template_id',
            'f.template_id',
          ),
          filter,
        );
    const grouped: {
      rule_id: string;
      status: string;
      count: string | number;
    }[] = await findings
      .select('f.rule_id', 'f.status')
      .count({ count: '*' })
      .groupBy('f.rule_id', 'f.status');
    const [{ count: templateCount }] = await applyTemplateFilter(
      this.db(`${SCORECARDS} as s`),
      filter,
    ).count({ count: '*' });

    const byRule = new Map<string, RuleSummaryResponse['rules'][number]>();
    for (const row of grouped) {
      let rule = byRule.get(row.rule_id);
      if (!rule) {
        rule = { ruleId: row.rule_id, counts: completeCounts({}) };
        byRule.set(row.rule_id, rule);
      }
      if (row.status in rule.counts) {
        rule.counts[row.status as FindingStatus] += Number(row.count);
      }
    }
    return {
      rules: [...byRule.values()],
      templateCount: Number(templateCount),
    };
  }

  async listFindings(
    filter: TemplateFilter,
    statuses: FindingStatus[],
  ): Promise<TeamFinding[]> {
    const unsupported = statuses.filter(s => !OPEN_STATUSES.includes(s));
    if (unsupported.length > 0) {
      throw new Error(
        `Findings are listed by ${OPEN_STATUSES.join(
          ', ',
        )} only, not ${unsupported.join(', ')}`,
      );
    }
    if (statuses.length === 0) return [];
    // The open findings of each template are one small JSON column: reading them for a
    // thousand templates is much cheaper than a thousand lookups in the findings table.
    const rows: Pick<
      ScorecardRow,
      'template_id' | 'template_name' | 'entity_ref' | 'open_findings'
    >[] = await applyTemplateFilter(this.db(`${SCORECARDS} as s`), filter)
      .where(inner =>
        inner.whereNull('s.open_findings').orWhereNot('s.open_findings', '[]'),
      )
      .select(
        's.template_id',
        's.template_name',
        's.entity_ref',
        's.open_findings',
      );
    const wanted = new Set<string>(statuses);
    const result: TeamFinding[] = [];
    for (const row of rows) {
      for (const finding of await this.openFindings(row)) {
        if (wanted.has(finding.status)) {
          result.push({
            ...finding,
            // Left out of lists: a template's evidence is on its scorecard.
            evidence: [],
            templateId: row.template_id,
            templateName: row.template_name,
            entityRef: row.entity_ref,
          });
        }
      }
    }
    return result;
  }

  /** The open findings of a row; from its scorecard when it was written without them. */
  private async openFindings(
    row: Pick<ScorecardRow, 'template_id' | 'open_findings'>,
  ): Promise<OpenFinding[]> {
    if (row.open_findings) return JSON.parse(row.open_findings);
    const full = await this.db(SCORECARDS)
      .where('template_id', row.template_id)
      .first('scorecard');
    try {
      return full ? openFindingsOf(JSON.parse(full.scorecard)) : [];
    } catch {
      return []; // unreadable: left out until a scan rewrites it
    }
  }

  /** The stored list rows of some templates; derived from the scorecard for a row without. */
  private async summariesOf(
    templateIds: string[],
  ): Promise<Map<string, StoredSummary>> {
    const result = new Map<string, StoredSummary>();
    for (const chunk of chunks(templateIds, ID_CHUNK_SIZE)) {
      const rows: Pick<ScorecardRow, 'template_id' | 'summary'>[] =
        await this.db(SCORECARDS)
          .whereIn('template_id', chunk)
          .select('template_id', 'summary');
      const missing: string[] = [];
      for (const row of rows) {
        if (row.summary) result.set(row.template_id, JSON.parse(row.summary));
        else missing.push(row.template_id);
      }
      if (missing.length === 0) continue;
      const full: Pick<ScorecardRow, 'template_id' | 'scorecard'>[] =
        await this.db(SCORECARDS)
          .whereIn('template_id', missing)
          .select('template_id', 'scorecard');
      for (const row of full) {
        try {
          result.set(
            row.template_id,
            summaryOf(
              fromRow({ ...row, stale_since: null, stale_reason: null }),
            ),
          );
        } catch {
          // Unreadable JSON: the row is left out until a scan rewrites it.
        }
      }
    }
    return result;
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
