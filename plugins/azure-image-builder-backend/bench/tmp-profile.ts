import { generateSnapshot } from '@aib-scorecards/plugin-azure-image-builder-node/bench/generateSnapshot';
import {
  createRuleEngine,
  scoreSnapshot,
  DEFAULT_OWNERSHIP,
} from '@aib-scorecards/plugin-azure-image-builder-node';
import knexFactory from 'knex';
import { DatabaseScorecardStore } from '../src/database';
import { buildRollup } from '../src/rollup';

function ownerOf(i: number): string {
  if (i % 5 === 0 && i / 5 < 1000) {
    const j = i / 5;
    if (j < 600) return 'platform';
    if (j < 800) return 'images';
    if (j < 900) return 'images-linux';
    return 'network';
  }
  return `team-${i % 40}`;
}
async function main() {
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename: '/tmp/aib-prof.sqlite' },
    useNullAsDefault: true,
  });
  const store = await DatabaseScorecardStore.create({
    database: { getClient: async () => knex } as any,
  });
  const count = Number(
    await knex('aib_scorecards')
      .count({ n: '*' })
      .then(r => r[0].n),
  );
  if (count === 0) {
    const snap = generateSnapshot({
      templates: 5000,
      subscriptions: 10,
      owners: ownerOf,
    });
    let t = Date.now();
    const cards = scoreSnapshot(snap, {
      engine: createRuleEngine(),
      sourceId: 'b',
      ownership: DEFAULT_OWNERSHIP,
    });
    console.log('score', Date.now() - t);
    t = Date.now();
    const bySub = new Map<string, any[]>();
    for (const c of cards) {
      if (!bySub.has(c.subscriptionId)) bySub.set(c.subscriptionId, []);
      bySub.get(c.subscriptionId)!.push(c);
    }
    for (const [sub, list] of bySub)
      await store.replaceSubscription('b', sub, list);
    console.log('store', Date.now() - t);
  }
  const owners = [
    'group:default/platform',
    'group:default/images',
    'group:default/images-linux',
    'group:default/network',
  ];
  for (let r = 0; r < 3; r++) {
    let t = Date.now();
    const page = await store.listTemplates({ owners, sort: 'score' });
    const t1 = Date.now() - t;
    t = Date.now();
    const findings = await store.listFindings({ owners }, ['fail', 'warn']);
    const t2 = Date.now() - t;
    t = Date.now();
    const rollup = buildRollup(
      { owner: owners[0], owners },
      page.items,
      findings,
    );
    const t3 = Date.now() - t;
    t = Date.now();
    const json = JSON.stringify(rollup);
    const t4 = Date.now() - t;
    t = Date.now();
    JSON.parse(json);
    const t5 = Date.now() - t;
    t = Date.now();
    await store.summarizeRules({});
    const t6 = Date.now() - t;
    t = Date.now();
    console.log({
      list: t1,
      findings: t2,
      build: t3,
      stringify: t4,
      parse: t5,
      size: json.length,
      summary: t6,
      n: findings.length,
    });
  }
  await knex.destroy();
}
main();
